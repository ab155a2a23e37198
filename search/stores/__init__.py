"""Stores of cases, counters and the query log: SQLite (embedded), Redis and Elasticsearch."""
