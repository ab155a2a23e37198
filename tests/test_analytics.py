"""Query log, hot searches and the operators' report, on SQLite and on a real Redis."""

from __future__ import annotations

import csv
import io
import shutil
import signal
import sqlite3
import time
import urllib.request
from urllib.parse import quote

import pytest
import redis

from api import create_app
from govsearch.components import build_components
from search.redaction import redact
from indexer.guides import load_guides
from search import analytics
from search.analytics import HotSearches, SearchRecord, ViewRecord, nearest_guide
from search.stores.redis_analytics import RedisAnalyticsStore
from search.stores.sqlite_analytics import SqliteAnalyticsStore
from synonyms import DICTIONARY_DIR
from tests.conftest import PUBLIC_EVAL, TEST_GUIDES, load_test_guides, start_server, write_jsonl

ADMIN_KEY = "admin-key-for-tests"
NOW = time.time()


@pytest.fixture
def store(redis_url, tmp_path):
    if redis_url is None:
        return SqliteAnalyticsStore(tmp_path / "analytics.sqlite3")
    return RedisAnalyticsStore(redis.Redis.from_url(redis_url), prefix="test:")


def searched(query, total, client, search_id, took_ms=3.0, at=NOW):
    return SearchRecord(at, search_id, query, "guide", total, took_ms, {}, 1, ["A"] * min(total, 10), client)


def test_store_sums_figures_over_days_and_attributes_clicks(store):
    day = time.strftime("%Y-%m-%d", time.gmtime(NOW + 8 * 3600))
    store.write(
        [searched("公积金", 5, "c1", "s1"), searched("公积金", 5, "c2", "s2", took_ms=12.0), searched("公积金", 5, "c1", "s3"),
         searched("火星证", 0, "c1", "s4")],
        [ViewRecord(NOW, "G1", "s1", 2, "c1"), ViewRecord(NOW, "G1", None, None, "c3")],
    )
    store.write([], [ViewRecord(NOW, "G2", "s2", 1, "c2"), ViewRecord(NOW, "G2", "unknown-search", 4, "c2")])
    figures = {f.query: f for f in store.queries([day])}
    gjj = figures["公积金"]
    assert (gjj.searches, gjj.found, gjj.zero, gjj.clients, gjj.clicks, gjj.rank_sum) == (3, 3, 0, 2, 2, 3)
    assert gjj.click_through_rate == pytest.approx(2 / 3) and gjj.mean_click_rank == 1.5
    assert (figures["火星证"].zero, figures["火星证"].found) == (1, 0)
    assert store.guide_views([day], 10) == [("G1", 2), ("G2", 2)]
    assert store.latency_histogram([day]) == {3: 3, 15: 1}
    assert store.queries(["1999-01-01"]) == []


@pytest.fixture
def analytics_settings(redis_url, settings):
    return type(settings)(data_dir=settings.data_dir, admin_key=ADMIN_KEY, redis_url=redis_url)


@pytest.fixture
def app_parts(analytics_settings):
    components = load_test_guides(analytics_settings)
    return components, create_app(analytics_settings, components).test_client()


def search(client, q: str, address: str) -> dict:
    response = client.get("/api/v1/search", query_string={"q": q}, environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 200
    return response.get_json()


def admin(client, path: str, method: str = "get", key: str | None = ADMIN_KEY):
    headers = {"X-Admin-Key": key} if key else {}
    return getattr(client, method)(f"/api/v1/admin/{path}", headers=headers)


@pytest.fixture
def busy_portal(monkeypatch):
    """A week's searches enough for people alone to make a hot search (a test asks a few dozen)."""
    monkeypatch.setattr(analytics, "HOT_QUIET_SEARCHES", 0)


def test_hot_searches_count_people_asking_for_the_catalogue(app_parts, busy_portal):
    components, client = app_parts
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        search(client, "公积金提取", address)
        search(client, "公積金提取", address)  # traditional: the same query
        search(client, "居民身份证", address)
        search(client, "测试公积金", address)  # blocked term
        search(client, "xyzzyqqq", address)  # finds nothing
        for _ in range(2):  # the probe's spam: six searches from three addresses
            search(client, "公积金代办加微信快速到账", address)
        search(client, "怎么办理", address)  # catalogue words, but no service
    for _ in range(10):
        search(client, "个体工商户", "10.0.0.9")  # one client alone cannot make it hot
    search(client, "4401062025110300017", "10.0.0.1")
    components.query_log.flush()
    components.hot_searches.refresh()  # "xyzzyqqq" was offered the (then empty) list, cached for a minute
    hot = client.get("/api/v1/hot?size=10").get_json()["queries"]
    assert hot == [{"text": "公积金提取", "count": 3}, {"text": "居民身份证", "count": 3}]
    assert client.get("/api/v1/hot?size=51").status_code == 400
    held = {d["text"]: d["reason"] for d in admin(client, "hot").get_json()["held"]}
    assert held["公积金代办加微信快速到账"] == "does not name a service of the catalogue" and "怎么办理" in held
    assert held["个体工商户"] == "asked by fewer than 3 people" and held["xyzzyqqq"] == "found nothing"


def test_operators_approve_and_hide_hot_searches(app_parts, busy_portal):
    components, client = app_parts
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        search(client, "公积金提取", address)
        search(client, "测试公积金", address)
    search(client, "个体工商户", "10.0.0.9")
    components.query_log.flush()

    def decide(text: str, state) -> int:
        return client.put("/api/v1/admin/hot", json={"text": text, "state": state},
                          headers={"X-Admin-Key": ADMIN_KEY}).status_code

    def shown() -> list[str]:
        return [q["text"] for q in client.get("/api/v1/hot").get_json()["queries"]]

    assert decide("公積金提取", "hidden") == 200 and shown() == []  # the normalised form is hidden
    assert decide("个体工商户", "approved") == 200 and shown() == ["个体工商户"]
    assert decide("测试公积金", "approved") == 200 and "测试公积金" not in shown()  # the blocklist still holds
    assert decide("公积金提取", "auto") == 200 and decide("个体工商户", "auto") == 200
    assert shown() == ["公积金提取"]
    assert decide("公积金提取", "pinned") == 400 and decide("", "hidden") == 400 and decide("！！", "hidden") == 422
    assert client.put("/api/v1/admin/hot", json={"text": "公积金提取", "state": "hidden"}).status_code == 401


def test_hot_searches_need_people_in_proportion_to_traffic(store):
    hot = HotSearches(store, lambda: frozenset(), lambda query: 0)
    store.write([searched("公积金提取", 5, f"c{n}", f"s{n}") for n in range(4000)], [])
    store.write([searched("居民身份证", 5, f"d{n}", f"t{n}") for n in range(4)], [])
    assert [q["text"] for q in hot.top(10)] == ["公积金提取"]  # 4,004 searches: 5 people needed
    store.write([searched("居民身份证", 5, "d9", "t9")], [])
    hot.refresh()
    assert [q["text"] for q in hot.top(10)] == ["公积金提取", "居民身份证"]


def test_an_odd_phrase_needs_more_people_and_a_quiet_portal_waits_for_an_operator(app_parts, monkeypatch):
    components, client = app_parts
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        search(client, "公积金提取", address)
        search(client, "公积金公积金公积金", address)  # three people, one word said again
    components.query_log.flush()
    held = {d["text"]: d["reason"] for d in admin(client, "hot").get_json()["held"]}
    assert held["公积金公积金公积金"].startswith("an odd phrase") and "fewer than 6 people" in held["公积金公积金公积金"]
    assert held["公积金提取"].startswith("waits for an operator's approval")  # a quiet portal: a few dozen searches
    assert client.get("/api/v1/hot").get_json()["queries"] == []
    client.put("/api/v1/admin/hot", json={"text": "公积金提取", "state": "approved"}, headers={"X-Admin-Key": ADMIN_KEY})
    assert [q["text"] for q in client.get("/api/v1/hot").get_json()["queries"]] == ["公积金提取"]
    monkeypatch.setattr(analytics, "HOT_QUIET_SEARCHES", 0)
    components.hot_searches.refresh()
    assert "公积金公积金公积金" not in [q["text"] for q in client.get("/api/v1/hot").get_json()["queries"]]


@pytest.mark.parametrize(("key", "status"), [(None, 401), ("wrong-key", 403), (ADMIN_KEY, 200)])
def test_admin_needs_the_key(app_parts, key, status):
    _, client = app_parts
    assert admin(client, "stats", key=key).status_code == status
    assert admin(client, "export", key=key).status_code == status
    assert admin(client, "synonyms/reload", "post", key=key).status_code == status


def test_admin_is_off_without_a_configured_key(settings):
    components = build_components(settings)
    client = create_app(settings, components).test_client()
    response = admin(client, "stats")
    assert response.status_code == 404 and "off" in response.get_json()["error"]["message"]


def test_report_shows_zero_results_with_a_suggestion_top_queries_clicks_and_guides(app_parts):
    components, client = app_parts
    for address in ("10.1.0.1", "10.1.0.2"):
        body = search(client, "居民身份证挂失补领", address)
        first = body["items"][0]["code"]
        client.get(f"/api/v1/guides/{first}", query_string={"search_id": body["search_id"], "rank": 1},
                   environ_base={"REMOTE_ADDR": address})
    search(client, "居民身份证挂失补领", "10.1.0.3")  # searched, nothing clicked
    search(client, "qqqzzzxx", "10.1.0.1")
    client.get("/api/v1/guides/TG330106061")  # a plain view
    report = admin(client, "stats?days=7").get_json()
    assert report["searches"] == 4 and report["zero_result_rate"] == 0.25
    [zero] = report["zero_result_queries"]
    assert zero["query"] == "qqqzzzxx" and zero["count"] == 1 and "suggestion" in zero
    top = report["top_queries"][0]
    assert top["query"] == "居民身份证挂失补领" and top["count"] == 3 and top["clients"] == 3
    assert top["click_through_rate"] == pytest.approx(2 / 3, abs=0.001) and top["mean_click_rank"] == 1.0
    assert {g["code"] for g in report["top_guides"]} >= {"TG330106061", first}
    assert report["latency_ms"]["p50"] is not None and report["latency_ms"]["p99"] >= report["latency_ms"]["p50"]


def test_zero_result_queries_get_the_nearest_guide_as_suggestion(app_parts):
    components, client = app_parts
    assert nearest_guide(components.search, "食品经营") == {"code": "TG330106061", "name": "食品经营许可（新办）"}
    assert nearest_guide(components.search, "qqqq") is None


def test_export_is_a_csv_spreadsheets_open(app_parts):
    _, client = app_parts
    search(client, "住房公积金提取", "10.2.0.1")
    response = admin(client, "export?days=7")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["section", "query_or_code", "name", "count"]
    assert ["top_query", "住房公积金提取"] == rows[1][:2]
    assert any(row[:2] == ["summary", "searches"] for row in rows)


def test_synonym_reload_reports_what_changed(analytics_settings, tmp_path):
    dictionaries = tmp_path / "dictionaries"
    shutil.copytree(DICTIONARY_DIR, dictionaries, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    settings = type(analytics_settings)(data_dir=analytics_settings.data_dir, admin_key=ADMIN_KEY, dictionary_dir=dictionaries)
    client = create_app(settings, build_components(settings)).test_client()
    with open(dictionaries / "synonyms.txt", "a", encoding="utf-8") as handle:
        handle.write("\n蓝本本 => 居民户口簿\n")
    change = admin(client, "synonyms/reload", "post").get_json()
    assert change["synonym_rules"]["after"] == change["synonym_rules"]["before"] + 1
    assert change["added_rules"] == ["蓝本本 => 居民户口簿"] and change["removed_rules"] == []


def test_no_case_number_code_or_id_number_is_ever_stored(app_parts, analytics_settings, run_cli):
    components, client = app_parts
    assert run_cli("index", "cases", PUBLIC_EVAL / "cases.jsonl").returncode == 0
    secrets_typed = ["4401062025110300017", "482915", "110101199003071234", "13812345678"]
    search(client, "4401062025110300017", "10.3.0.1")
    search(client, "办件4401062025110300017进度", "10.3.0.1")
    search(client, "身份证号110101199003071234怎么补办", "10.3.0.1")
    search(client, "电话13812345678", "10.3.0.1")
    client.get("/api/v1/search", query_string={"q": "公积金", "department": "110101199003071234", "region": "13812345678",
                                               "locality": "4401062025110300017"}, environ_base={"REMOTE_ADDR": "10.3.0.1"})
    client.post("/api/v1/cases/lookup", json={"case_no": "4401062025110300017", "verify": "482915"})
    components.query_log.flush()
    if analytics_settings.redis_url:
        server = redis.Redis.from_url(analytics_settings.redis_url)
        stored = b"".join(server.dump(key) or b"" for key in server.keys("*")) + b"".join(server.keys("*"))
        stored += b"".join(str(server.lrange(k, 0, -1)).encode() for k in server.keys("*log*"))
    else:
        connection = sqlite3.connect(analytics_settings.sqlite_path)
        stored = str([connection.execute(f"SELECT * FROM {t}").fetchall()
                      for t in ("search_log", "query_days", "query_clients")]).encode()
    for secret in secrets_typed:
        assert secret.encode() not in stored
    assert "10.3.0.1".encode() not in stored  # clients are keyed hashes


@pytest.mark.parametrize(("typed", "kept"), [("身份证号110101199003071234怎么办", "身份证号#怎么办"), ("gjj2025", "gjj2025"),
                                            ("办件sq2025000123进度", "办件sq2025000123进度"), ("密码4829", "密码#")])
def test_long_digit_runs_are_redacted(typed, kept):
    assert redact(typed) == kept


def test_report_command_prints_tables(run_cli, settings):
    components = build_components(settings)
    load_guides([TEST_GUIDES], components.guides, components.analyzer, settings.rejected_dir, progress=False)
    client = create_app(settings, components).test_client()
    search(client, "住房公积金提取", "10.4.0.1")
    search(client, "qqqzzzxx", "10.4.0.1")
    components.query_log.flush()
    result = run_cli("report", "--days", "7")
    assert result.returncode == 0, result.stderr
    assert "Queries that found nothing" in result.stdout and "qqqzzzxx" in result.stdout
    assert "Top queries" in result.stdout and "住房公积金提取" in result.stdout
    assert run_cli("report", "--days", "0").returncode == 2


@pytest.mark.slow
def test_a_stopped_server_writes_the_searches_it_still_held(run_cli, settings, tmp_path):
    """The log is written once a second; SIGTERM right after a search must not lose it."""
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    base, process = start_server(settings, tmp_path / "server.log")
    urllib.request.urlopen(base + "/api/v1/search?q=" + quote("住房公积金提取"), timeout=10).read()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    report = run_cli("report", "--days", "1")
    assert "住房公积金提取" in report.stdout, report.stdout


def test_the_report_lists_the_facts_asked_and_the_guides_that_lack_them(app_parts, tmp_path):
    """On SQLite and Redis: each question's fact is counted, answered or not, and a guide asked for a
    fact it does not hold is listed for its editors."""
    components, client = app_parts
    bare = {"code": "TG330106998", "name": "临时居民身份证申领", "department": "杭州市公安局西湖区分局",
            "audience": ["个人"], "region": "浙江省杭州市西湖区"}  # no fee, no hours
    load_guides([write_jsonl(tmp_path / "bare.jsonl", [bare])], components.guides, components.analyzer,
                tmp_path / "rejected", progress=False)
    asked = {q: search(client, q, "10.3.0.1") for q in ("临时居民身份证申领要多少钱", "临时居民身份证申领几点上班",
                                                       "结婚登记要带什么", "临时居民身份证申领")}
    assert asked["临时居民身份证申领要多少钱"]["answer"] is None and asked["结婚登记要带什么"]["answer"]
    report = admin(client, "stats?days=7").get_json()
    assert {(r["aspect"], r["asked"], r["answered"]) for r in report["asked_facts"]} == {
        ("fee", 1, 0), ("hours", 1, 0), ("materials", 1, 1)}
    assert {(r["aspect"], r["code"], r["questions"]) for r in report["unanswered_facts"]} == {
        ("fee", "TG330106998", 1), ("hours", "TG330106998", 1)}
    assert all(r["name"] == "临时居民身份证申领" for r in report["unanswered_facts"])
