"""The case store on Elasticsearch: records in ``<prefix>-cases``, events in ``<prefix>-case-events``.

The same rules as the SQLite store: an event's identity is (case, instant, stage, status),
hashed into its document id, so the same event sent twice is one document; events sort by
their instant; an event whose record has not arrived yet waits in its index for it. Codes
arrive hashed (``search.cases.hash_password``) and are stored only so. Each write ends with
a refresh, so a lookup right after a load sees it.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

import elasticsearch
from elasticsearch import helpers

from search.cases import (
    CaseRecord,
    ProgressEvent,
    event_from_json,
    event_identity,
    event_json,
    record_from_json,
    record_json,
)
from search.es import ElasticsearchConfig, cluster

MAX_EVENTS = 1000  # of one case; real cases have a handful
BULK_CHUNK = 2000
_KEYWORD = {"type": "keyword"}
_STORED = {"type": "keyword", "index": False, "doc_values": False}
RECORDS_MAPPING = {"dynamic": "strict", "properties": {
    "case_no": _KEYWORD, "user_id": _KEYWORD, "submitted_at": _KEYWORD,
    **{name: _STORED for name in ("kind", "item_code", "item_name", "applicant_name", "password_hash",
                                  "department", "status", "promised_at")},
}}
EVENTS_MAPPING = {"dynamic": "strict", "properties": {
    "case_no": _KEYWORD, "at_ms": {"type": "long"},
    **{name: _STORED for name in ("time", "stage", "status", "department")},
    "note": {"type": "text", "index": False},
}}


class ElasticsearchCaseStore:
    def __init__(self, config: ElasticsearchConfig):
        self.cluster = cluster(config)
        self.es = self.cluster.es  # lookups: a hung node costs one at most the request budget
        self.loads = self.cluster.patient  # writes come from loads, which wait out a busy cluster
        self.records = f"{config.prefix}-cases"
        self.events = f"{config.prefix}-case-events"
        self._ready = False

    def put_records(self, records: Iterable[CaseRecord]) -> int:
        records = list(records)
        self._ensure_indexes()
        actions = [{"_op_type": "index", "_index": self.records, "_id": r.case_no, "_source": record_json(r)}
                   for r in records]
        with self.cluster.guarded("store cases"):
            helpers.bulk(self.loads, actions, chunk_size=BULK_CHUNK, max_retries=3)
        return self.add_events([event for record in records for event in record.events])

    def add_events(self, events: Iterable[ProgressEvent]) -> int:
        self._ensure_indexes()
        actions = [{"_op_type": "update", "_index": self.events, "_id": _event_id(e), "doc": event_json(e),
                    "doc_as_upsert": True} for e in events]
        changed = 0
        with self.cluster.guarded("store case events"):
            for ok, item in helpers.streaming_bulk(self.loads, actions, chunk_size=BULK_CHUNK, max_retries=3):
                changed += item["update"]["result"] in ("created", "updated")  # "noop": the same event again
            self.loads.indices.refresh(index=[self.records, self.events])
        return changed

    def get(self, case_no: str) -> CaseRecord | None:
        found = self.cluster.read("case lookup", lambda: self.es.get(index=self.records, id=case_no))
        if found is None:
            return None
        with self.cluster.guarded("case lookup"):
            return record_from_json(found["_source"], self._events([case_no]).get(case_no, []))

    def for_user(self, user_id: str, limit: int) -> list[CaseRecord]:
        hits = self.cluster.read("a user's cases", lambda: self.es.search(
            index=self.records, query={"term": {"user_id": user_id}}, sort=[{"submitted_at": "desc"}], size=limit,
        )["hits"]["hits"], missing=[])
        with self.cluster.guarded("a user's cases"):
            events = self._events([hit["_id"] for hit in hits])
        return [record_from_json(hit["_source"], events.get(hit["_id"], [])) for hit in hits]

    def known(self, case_nos: set[str]) -> set[str]:
        if not case_nos:
            return set()
        docs = self.cluster.read("known cases", lambda: self.es.mget(
            index=self.records, ids=sorted(case_nos), source=False)["docs"], missing=[])
        return {doc["_id"] for doc in docs if doc.get("found")}

    def count(self) -> int:
        return self.cluster.read("count cases", lambda: self.es.count(index=self.records)["count"], missing=0)

    def drop(self) -> None:
        """Delete both indexes (tests clean up with it)."""
        with self.cluster.guarded("drop cases"):
            self.loads.indices.delete(index=[self.records, self.events], ignore_unavailable=True)
        self._ready = False

    def _events(self, case_nos: list[str]) -> dict[str, list[ProgressEvent]]:
        if not case_nos:
            return {}
        try:
            hits = self.es.search(index=self.events, query={"terms": {"case_no": case_nos}},
                                  sort=[{"at_ms": "asc"}], size=min(10_000, MAX_EVENTS * len(case_nos)))["hits"]["hits"]
        except elasticsearch.NotFoundError:
            return {}
        events: dict[str, list[ProgressEvent]] = {}
        for hit in hits:
            event = event_from_json(hit["_source"])
            events.setdefault(event.case_no, []).append(event)
        return events

    def _ensure_indexes(self) -> None:
        if self._ready:
            return
        with self.cluster.guarded("create case indexes"):
            for index, mapping in ((self.records, RECORDS_MAPPING), (self.events, EVENTS_MAPPING)):
                if not self.loads.indices.exists(index=index):
                    self.loads.options(ignore_status=400).indices.create(
                        index=index, mappings=mapping, settings={"auto_expand_replicas": "0-1"})
        self._ready = True


def _event_id(event: ProgressEvent) -> str:
    return hashlib.sha1("\x1f".join(map(str, event_identity(event))).encode()).hexdigest()
