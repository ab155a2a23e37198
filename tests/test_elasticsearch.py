"""Elasticsearch only: the request bodies the plan compiles to (no server), and what a real
cluster does under loads and kills (a hung or lost node: test_es_hang.py).

The behaviour both engines share is in the contract suites (test_engine_contract.py, and
every test taking ``engine_settings``); here is what only a cluster has: aliases, a bulk API that
refuses single documents, a server that can go away, nodes that can die.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from govsearch.components import build_components
from govsearch.settings import Settings
from indexer.guides import load_guides
from search.engines import es_queries
from search.models import Alternative, Boost, Branch, Concept, EngineQuery
from search.plan import SearchRequest
from tests.conftest import (
    BACKENDS,
    TEST_GUIDES,
    read_jsonl,
    settings_environment,
    wait_until_serving,
    write_jsonl,
)

pytestmark = pytest.mark.skipif("elasticsearch" not in BACKENDS, reason="the Elasticsearch leg is off")

WORD = Concept("身份证", [Alternative(("身份证",))])
TWO_WORDS = Concept("居民身份证", [Alternative(("居民", "身份证"), 0.8)], weight=0.3, required=False)


def _field_terms(field_boosts: dict[str, float], terms=("身份证",), weight=1.0) -> dict:
    per_field = []
    for field, boost in field_boosts.items():
        if len(terms) == 1:
            per_field.append({"term": {field: {"value": terms[0], "boost": boost}}})
        else:
            per_field.append({"bool": {"must": [{"term": {field: t}} for t in terms], "boost": boost}})
    return {"dis_max": {"queries": per_field, "tie_breaker": 0.2, "boost": weight}}


NAME_ONLY = {"name": 10.0}
TABLE = [
    ("one required word",
     EngineQuery([WORD], fields=NAME_ONLY),
     {"bool": {"must": [{"dis_max": {"queries": [_field_terms(NAME_ONLY)]}}]}}),
    ("an optional concept of two terms with its weight",
     EngineQuery([WORD, TWO_WORDS], fields=NAME_ONLY),
     {"bool": {"must": [{"dis_max": {"queries": [_field_terms(NAME_ONLY)]}}],
               "should": [{"dis_max": {"queries": [_field_terms(NAME_ONLY, ("居民", "身份证"), 0.8)], "boost": 0.3}}]}}),
    ("relaxed: any one of the required concepts",
     EngineQuery([WORD, WORD], fields=NAME_ONLY, min_should_match=1),
     {"bool": {"must": [{"bool": {"should": [{"dis_max": {"queries": [_field_terms(NAME_ONLY)]}}] * 2,
                                  "minimum_should_match": 1}}]}}),
    ("constant boosts, filters and a locality branch that score nothing",
     EngineQuery([WORD], fields=NAME_ONLY, boosts=[Boost("exact_name", ("身份证",), 1000.0), Boost("f_theme", ("户籍办理",), 200.0)],
                 filters={"audience": ["个人"]}, branch=Branch("浙江省杭州市", ("浙江省杭州市", "浙江省", "全国"))),
     {"bool": {"must": [{"dis_max": {"queries": [_field_terms(NAME_ONLY)]}}],
               "should": [{"constant_score": {"filter": {"terms": {"exact_name": ["身份证"]}}, "boost": 1000.0}},
                          {"constant_score": {"filter": {"terms": {"f_theme": ["户籍办理"]}}, "boost": 200.0}}],
               "filter": [{"terms": {"f_audience": ["个人"]}},
                          {"bool": {"should": [{"term": {"f_within": "浙江省杭州市"}},
                                               {"terms": {"f_locality": ["浙江省杭州市", "浙江省", "全国"]}}],
                                    "minimum_should_match": 1}}]}}),
    ("every guide passing the filters, scoring nothing",
     EngineQuery([], fields=NAME_ONLY, match_all=True, filters={"service": ["JB0001"]}),
     {"bool": {"must": [{"constant_score": {"filter": {"match_all": {}}, "boost": 0.0}}],
               "filter": [{"terms": {"f_service": ["JB0001"]}}]}}),
    ("nothing required matches nothing",
     EngineQuery([TWO_WORDS], fields=NAME_ONLY),
     {"match_none": {}}),
]


@pytest.mark.parametrize("query, expected", [row[1:] for row in TABLE], ids=[row[0] for row in TABLE])
def test_engine_query_compiles_to_this_request(query, expected):
    assert es_queries.compile_query(query) == expected


def test_search_body_pages_counts_exactly_and_asks_for_facets():
    body = es_queries.search_body(EngineQuery([WORD], offset=20, limit=10, facets=("region",), facet_size=5))
    assert body["from"] == 20 and body["size"] == 10 and body["track_total_hits"] is True
    assert body["aggs"] == {"region": {"terms": {"field": "f_region", "size": 5}}}
    assert body["_source"] == ["guide"]


def test_one_service_once_collapses_on_the_service_and_counts_services():
    body = es_queries.search_body(EngineQuery([WORD], collapse="service", facets=()))
    assert body["collapse"] == {"field": "f_service"}
    assert body["sort"] == [{"_score": "desc"}, {"code": "asc"}]
    assert body["aggs"]["_distinct"]["cardinality"]["field"] == "f_service"


def test_mapping_comes_from_the_field_table():
    from search.schema import FIELDS

    properties = es_queries.mapping()["properties"]
    for field in FIELDS:
        if field.kind == "tokens":
            assert properties[field.name] == {"type": "text", "analyzer": "whitespace", "index_options": "freqs"}
        elif field.kind in ("keyword", "facet"):
            assert properties[field.name] == {"type": "keyword"}


# -- a real node -----------------------------------------------------------------------

@pytest.fixture
def es_settings(tmp_path, elasticsearch_url):
    import elasticsearch

    chosen = Settings(data_dir=tmp_path / "var", backend="elasticsearch", elasticsearch_url=elasticsearch_url,
                      index_prefix=f"es-{os.urandom(4).hex()}")
    yield chosen
    with elasticsearch.Elasticsearch(elasticsearch_url) as es:
        es.indices.delete(index=f"{chosen.index_prefix}-*", ignore_unavailable=True, allow_no_indices=True)


def _cli(settings, *args, timeout=120):
    environment = {**os.environ, **settings_environment(settings)}
    return subprocess.run([sys.executable, "-m", "govsearch.cli", *map(str, args)], capture_output=True, text=True,
                          env=environment, timeout=timeout)


def _guide_indexes(settings) -> set[str]:
    import elasticsearch

    with elasticsearch.Elasticsearch(settings.elasticsearch_url) as es:
        return set(es.indices.get(index=f"{settings.index_prefix}-guides-*", allow_no_indices=True))


def _many_guides(path: Path, count: int) -> Path:
    base = [g for g in read_jsonl(TEST_GUIDES) if g.get("status") != "withdrawn"]
    return write_jsonl(path, [{**base[i % len(base)], "code": f"BULK{i:07d}"} for i in range(count)])


def test_alias_swap_under_concurrent_searches_fails_no_search(es_settings):
    components = build_components(es_settings)
    load_guides([TEST_GUIDES], components.guides, components.analyzer, es_settings.rejected_dir, progress=False)
    with searching(es_settings) as (answers, failures):
        for _ in range(3):
            load_guides([TEST_GUIDES], components.guides, components.analyzer, es_settings.rejected_dir,
                        replace=True, progress=False)
    assert failures == [] and len(answers) > 10
    assert all(len(items) == 2 for items in answers)
    assert len(_guide_indexes(es_settings)) <= 2  # the live index and the one just replaced


def test_sigkill_of_a_replace_load_leaves_the_old_index_serving(es_settings, tmp_path):
    assert _cli(es_settings, "index", "guides", TEST_GUIDES).returncode == 0
    live = _guide_indexes(es_settings)
    environment = {**os.environ, **settings_environment(es_settings)}
    process = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "index", "guides", "--replace",
                                _many_guides(tmp_path / "big.jsonl", 30_000)], env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _guide_indexes(es_settings) - live and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # let it bulk-load for a moment
    assert process.poll() is None, "the load finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)

    search = build_components(es_settings).search
    assert search.search(SearchRequest("居民身份证挂失补领", collapse=False))["total"] == 2
    assert search.guide("BULK0000001") is None
    # The dead loader's lock is taken over (its process is gone), and its half-built index dropped.
    assert _cli(es_settings, "index", "guides", TEST_GUIDES, "--replace").returncode == 0
    assert len(_guide_indexes(es_settings)) <= 2  # the half-built index is gone


def test_a_document_the_cluster_refuses_is_a_reject_and_the_rest_load(es_settings, tmp_path, monkeypatch):
    """What validation passed the cluster may still refuse (a mapping changed under the index,
    a bug): that copy is a reject, and its service is counted from the copies that landed."""
    guides = [g for g in read_jsonl(TEST_GUIDES) if g.get("status") != "withdrawn"]
    kept = guides[0]
    refused = {**kept, "code": "A0000001", "region": "广东省广州市越秀区"}  # another copy of its service, lowest code
    path = write_jsonl(tmp_path / "guides.jsonl", [refused, *guides])
    compile_document = es_queries.document

    def malformed_once(document):
        body = compile_document(document)
        return {**body, "f_region": {"not": "a keyword"}} if document.code == refused["code"] else body

    monkeypatch.setattr(es_queries, "document", malformed_once)
    components = build_components(es_settings)
    report = load_guides([path], components.guides, components.analyzer, es_settings.rejected_dir, progress=False)
    assert report.rejected == 1 and report.counts["loaded"] == len(guides)
    rejects = read_jsonl(report.rejects_path)
    assert [(r["line"], r["file"]) for r in rejects] == [(1, str(path))]
    assert "Elasticsearch refused it" in rejects[0]["reason"]
    assert components.guides.get(refused["code"]) is None
    embedded = Settings(data_dir=tmp_path / "embedded")
    load_guides([TEST_GUIDES], build_components(embedded).guides, components.analyzer, embedded.rejected_dir, progress=False)
    found, expected = (build_components(chosen).search.search(SearchRequest(kept["name"]))["items"][0]
                       for chosen in (es_settings, embedded))
    assert found == expected  # its service represented and counted by the copies that landed


# -- many searchers (hung and lost nodes: test_es_hang.py) ------------------------------

@contextmanager
def searching(settings, threads: int = 3):
    """Searches from ``threads`` threads (each with its own components, as workers have) for as
    long as the block runs; yields the answers' items and the failures."""
    answers, failures, stop = [], [], threading.Event()

    def search_all_the_time():
        searcher = build_components(settings).search
        while not stop.is_set():
            try:
                answers.append(searcher.search(SearchRequest("居民身份证挂失补领", collapse=False))["items"])
            except Exception as error:  # noqa: BLE001 — any failure counts
                failures.append(repr(error))

    running = [threading.Thread(target=search_all_the_time) for _ in range(threads)]
    for thread in running:
        thread.start()
    try:
        yield answers, failures
    finally:
        stop.set()
        for thread in running:
            thread.join()


def test_the_demo_serves_from_workers_forked_after_it_loaded(es_settings):
    """The demo loads, then forks gunicorn workers: each must open its own connections (a
    shared socket once mixed two workers' answers), and none may inherit the model's native
    threads (a worker then hung or aborted at shutdown)."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    environment = {**os.environ, **settings_environment(es_settings)}
    demo = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "demo", "--port", str(port)], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until_serving(base, seconds=120), "the demo did not start"
        for _ in range(10):
            with urllib.request.urlopen(base + "/api/v1/search?q=%E5%85%AC%E7%A7%AF%E9%87%91%E6%8F%90%E5%8F%96") as response:
                assert json.loads(response.read())["items"][0]["name"] == "住房公积金提取"
    finally:
        demo.terminate()
        output, _ = demo.communicate(timeout=30)
    assert "Traceback" not in output and "worker started without" not in output, output[-2000:]
    assert "terminate called" not in output and "SIGABRT" not in output and "SIGKILL" not in output, output[-2000:]
    assert output.rstrip().endswith("Shutting down: Master"), output[-2000:]


def test_a_forked_process_gets_its_own_client(es_settings):
    """What the demo test checks end to end, deterministically: a gunicorn worker forked from
    a process that used the client builds its own (sharing sockets mixes answers)."""
    from search.es import cluster

    parent = cluster(es_settings.elasticsearch)
    assert cluster(es_settings.elasticsearch) is parent  # one client per process
    child = os.fork()
    if child == 0:
        os._exit(0 if cluster(es_settings.elasticsearch) is not parent else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
