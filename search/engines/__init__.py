"""Guide engines: the embedded tantivy index and Elasticsearch, behind ``search.engine.GuideEngine``."""
