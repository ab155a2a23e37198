"""Case progress through the CLI and the HTTP API: loading, merging, lookup, limits, tokens."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from api import create_app
from api.tokens import issue_token
from govsearch.components import build_components
from search.cases import mask_name
from search.limits import network_of
from tests.conftest import PUBLIC_EVAL, read_jsonl, settings_environment, write_jsonl

SECRET = "test-secret-0123456789"
PUBLIC_CASES = PUBLIC_EVAL / "cases.jsonl"
RECORDS = [r for r in read_jsonl(PUBLIC_CASES) if "item_code" in r]


@pytest.fixture
def case_settings(settings):
    """The embedded case store (SQLite): for what the API decides, whatever the store."""
    return replace(settings, secret=SECRET)


@pytest.fixture
def case_client(case_settings, run_cli):
    return _with_public_cases(case_settings, run_cli)


@pytest.fixture
def store_settings(engine_settings):
    """Each engine's case store in turn (SQLite, Elasticsearch): for what the store decides."""
    return replace(engine_settings, secret=SECRET)


@pytest.fixture
def store_client(store_settings, run_cli):
    return _with_public_cases(store_settings, run_cli)


def _with_public_cases(settings, run_cli):
    """The API over the public cases, loaded with ``govsearch index cases``."""
    assert run_cli("index", "cases", PUBLIC_CASES).returncode == 0
    return create_app(settings, build_components(settings)).test_client()


def lookup(client, case_no, verify, client_address="10.0.0.1"):
    return client.post("/api/v1/cases/lookup", json={"case_no": case_no, "verify": verify},
                       environ_base={"REMOTE_ADDR": client_address})


def test_public_cases_load_and_every_one_looks_up(run_cli, store_client):
    again = run_cli("index", "cases", PUBLIC_CASES)
    assert again.returncode == 0 and "records 12, events 42, new events 0" in again.stdout  # idempotent
    for record in RECORDS:
        response = lookup(store_client, record["case_no"], record["query_password"], client_address=record["case_no"][-6:])
        assert response.status_code == 200, record["case_no"]
        body = response.get_json()
        assert body["case_no"] == record["case_no"] and body["item_name"] == record["item_name"]
        times = [event["time"] for event in body["events"]]
        assert times == sorted(times, key=lambda t: t)  # oldest first
        assert body["status"] == body["events"][-1]["status"]  # the latest event decides


def test_pushed_events_merge_duplicate_once_and_status_follows(store_client):
    body = lookup(store_client, "4401062025110300017", "482915").get_json()
    assert [e["stage"] for e in body["events"]] == ["申请", "受理", "审核", "决定", "办结"]  # 受理 was sent twice
    assert body["status"] == "已办结" and body["concluded"] is True
    assert body["applicant"] == "李*"
    assert set(body) >= {"case_no", "kind", "item_name", "status", "applicant", "department", "submitted_at",
                         "promised_at", "overdue", "events"}


def test_letter_shows_its_reply(store_client):
    replied = lookup(store_client, "4401002025110200054", "460829").get_json()
    assert replied["kind"] == "信件" and replied["reply"]["replied"] is True
    assert replied["reply"]["text"].startswith("已答复")
    waiting = lookup(store_client, "4401062025110900011", "271654").get_json()  # its reply came as a pushed event
    assert waiting["reply"]["replied"] is True and waiting["status"] == "已回复"


def test_out_of_order_events_are_placed_by_time_and_event_before_record_waits(run_cli, store_settings, tmp_path):
    record = {**RECORDS[0], "case_no": "TEST000000001", "events": []}
    events = [
        {"case_no": "TEST000000001", "time": "2025-11-05T10:00:00+08:00", "stage": "办结", "status": "已办结"},
        {"case_no": "TEST000000001", "time": "2025-11-03T10:00:00+08:00", "stage": "受理", "status": "已受理"},
        {"case_no": "TEST000000001", "time": "2025-11-04T02:00:00+00:00", "stage": "审核", "status": "审核中"},
    ]
    first = run_cli("index", "cases", write_jsonl(tmp_path / "events.jsonl", events))
    assert "waiting for their record 1" in first.stdout
    client = create_app(store_settings, build_components(store_settings)).test_client()
    assert lookup(client, "TEST000000001", record["query_password"]).status_code == 404  # no record yet

    second = run_cli("index", "cases", write_jsonl(tmp_path / "record.jsonl", [record]))
    assert "waiting for their record 0" in second.stdout
    body = lookup(client, "TEST000000001", record["query_password"]).get_json()
    assert [e["stage"] for e in body["events"]] == ["受理", "审核", "办结"]
    assert body["status"] == "已办结"


def test_unknown_number_and_wrong_code_get_the_same_404(case_client):
    wrong = lookup(case_client, RECORDS[0]["case_no"], "000000", client_address="10.0.0.2")
    unknown = lookup(case_client, "9999992025010100001", "000000", client_address="10.0.0.3")
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.get_json() == unknown.get_json()
    assert RECORDS[0]["case_no"] not in wrong.get_data(as_text=True)


def test_five_failures_from_one_client_block_it_with_retry_time(case_client):
    good = RECORDS[1]
    for _ in range(5):
        assert lookup(case_client, good["case_no"], "999999", client_address="10.9.9.9").status_code == 404
    blocked = lookup(case_client, good["case_no"], good["query_password"], client_address="10.9.9.9")
    assert blocked.status_code == 429 and blocked.get_json()["error"]["code"] == "too_many_requests"
    assert 0 < int(blocked.headers["Retry-After"]) <= 600
    assert lookup(case_client, good["case_no"], good["query_password"], client_address="10.9.9.10").status_code == 200


def test_twenty_failures_on_one_case_block_that_network_and_never_its_owner_elsewhere(case_client):
    target = RECORDS[2]
    for attempt in range(20):  # five addresses of one /24, four guesses each (under the client limit)
        assert lookup(case_client, target["case_no"], "999999", client_address=f"10.1.0.{attempt // 4}").status_code == 404
    assert lookup(case_client, target["case_no"], target["query_password"], client_address="10.1.0.200").status_code == 429
    assert lookup(case_client, target["case_no"], target["query_password"], client_address="10.2.0.1").status_code == 200
    other = RECORDS[3]
    assert lookup(case_client, other["case_no"], other["query_password"], client_address="10.1.0.200").status_code == 200


def test_wrong_codes_from_many_networks_never_lock_the_owner_out(case_client):
    target = RECORDS[7]
    for network in range(40):
        assert lookup(case_client, target["case_no"], "999999", client_address=f"10.3.{network}.1").status_code == 404
    assert lookup(case_client, target["case_no"], target["query_password"], client_address="10.4.0.1").status_code == 200


@pytest.mark.parametrize(("address", "network"), [("10.1.2.3", "10.1.2.0/24"), ("2001:db8:1:2::5", "2001:db8:1::/48"),
                                                  ("unknown", "unknown")])
def test_a_client_is_counted_in_its_network(address, network):
    assert network_of(address) == network


def test_concurrent_wrong_codes_from_one_client_get_five_answers(case_settings, case_client):
    apps = [case_client.application, create_app(case_settings, build_components(case_settings))]  # two workers

    def wrong_lookup(n: int) -> int:
        client = apps[n % 2].test_client()
        return lookup(client, RECORDS[5]["case_no"], f"{n:06d}", client_address="10.6.6.6").status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(wrong_lookup, range(40)))
    assert statuses.count(404) == 5 and statuses.count(429) == 35


def test_right_codes_do_not_use_up_the_limit(case_client):
    record = RECORDS[6]
    for _ in range(8):
        assert lookup(case_client, record["case_no"], record["query_password"], client_address="10.5.5.5").status_code == 200


def test_counters_are_shared_between_server_processes(case_settings, case_client):
    """Another worker (its own components, same data dir) sees the failures."""
    other_worker = create_app(case_settings, build_components(case_settings)).test_client()
    for _ in range(3):
        lookup(case_client, RECORDS[4]["case_no"], "999999", client_address="10.7.7.7")
    for _ in range(2):
        lookup(other_worker, RECORDS[4]["case_no"], "999999", client_address="10.7.7.7")
    assert lookup(case_client, RECORDS[4]["case_no"], RECORDS[4]["query_password"], client_address="10.7.7.7").status_code == 429


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (json.dumps({"case_no": "4401062025110300017"}).encode(), 400),
        (json.dumps({"case_no": 12345, "verify": "482915"}).encode(), 400),
        (json.dumps({"case_no": "x" * 65, "verify": "482915"}).encode(), 400),
        (json.dumps({"case_no": "4401062025110300017", "verify": "1" * 100_000}).encode(), 413),
    ],
)
def test_bad_lookup_bodies_get_json_errors(case_client, body, status):
    response = case_client.post("/api/v1/cases/lookup", data=body, content_type="application/json")
    assert response.status_code == status and response.is_json
    assert response.get_json()["error"]["message"]


def test_codes_are_stored_only_as_salted_hashes(store_settings, store_client):
    if store_settings.backend == "embedded":
        database = sqlite3.connect(store_settings.sqlite_path)
        hashes = [row[0] for row in database.execute("SELECT password_hash FROM cases")]
        raw = store_settings.sqlite_path.read_bytes().decode("utf-8", "replace")
    else:
        import elasticsearch

        with elasticsearch.Elasticsearch(store_settings.elasticsearch_url) as es:
            index = f"{store_settings.index_prefix}-cases"
            hits = es.search(index=index, size=100)["hits"]["hits"]
        hashes = [hit["_source"]["password_hash"] for hit in hits]
        raw = json.dumps(hits, ensure_ascii=False)
    assert len(hashes) == len(RECORDS)
    assert all(h.startswith("pbkdf2_sha256$") for h in hashes) and len(set(hashes)) == len(hashes)
    assert all(f'"{record["query_password"]}"' not in raw for record in RECORDS)


def test_case_numbers_and_codes_never_reach_the_logs(case_client, caplog):
    caplog.set_level("DEBUG")
    record = RECORDS[0]
    lookup(case_client, record["case_no"], record["query_password"])
    lookup(case_client, record["case_no"], "000000")
    case_client.get("/api/v1/search", query_string={"q": record["case_no"]})
    assert record["case_no"] not in caplog.text and record["query_password"] not in caplog.text


@pytest.mark.slow
def test_server_access_log_holds_no_case_number(server):
    import urllib.request

    request = urllib.request.Request(server.base + "/api/v1/cases/lookup", data=b'{"case_no": "4401062025110300017", "verify": "482915"}',
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        urllib.request.urlopen(request)
    except urllib.error.HTTPError as error:
        assert error.code == 404
    urllib.request.urlopen(server.base + "/api/v1/search?q=4401062025110300017")
    log = server.log.read_text()
    assert "/api/v1/cases/lookup" in log and "4401062025110300017" not in log and "482915" not in log


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("李小明", "李**"), ("欧阳娜娜", "欧阳**"), ("司马光", "司马*"), ("欧阳", "欧*"),
     ("杭州西湖餐饮管理有限公司", "杭州******有限公司"), ("", "")],
)
def test_applicant_names_are_masked(name, masked):
    assert mask_name(name) == masked


def test_my_cases_need_a_valid_token_and_show_only_mine(case_client):
    token = issue_token(SECRET, "u10001")
    mine = case_client.get("/api/v1/me/cases", headers={"Authorization": f"Bearer {token}"})
    assert mine.status_code == 200
    numbers = {case["case_no"] for case in mine.get_json()["cases"]}
    assert numbers == {r["case_no"] for r in RECORDS if r.get("user_id") == "u10001"} and numbers
    assert all(case["events"] and case["applicant"].endswith("*") for case in mine.get_json()["cases"])  # timelines, masked
    other = case_client.get("/api/v1/me/cases", headers={"Authorization": f"Bearer {issue_token(SECRET, 'u10002')}"})
    assert numbers.isdisjoint({case["case_no"] for case in other.get_json()["cases"]})


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Basic dTEwMDAxOnBhc3M=",
        "Bearer not-a-token",
        "Bearer " + issue_token("another-secret-0123456789", "u10001"),  # forged: signed with another key
        "Bearer " + issue_token(SECRET, "u10001")[:-2] + "xx",  # tampered
    ],
)
def test_missing_or_forged_tokens_are_401(case_client, header):
    headers = {"Authorization": header} if header else {}
    response = case_client.get("/api/v1/me/cases", headers=headers)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_is_401(case_client, monkeypatch):
    token = issue_token(SECRET, "u10001", ttl=60)
    import api.tokens

    monkeypatch.setattr(api.tokens.time, "time", lambda: __import__("time").time_ns() / 1e9 + 120)
    response = case_client.get("/api/v1/me/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and "expired" in response.get_json()["error"]["message"]


@pytest.mark.parametrize(("ahead", "status"), [(30, 200), (3600, 401)], ids=["a clock a little ahead", "an hour ahead"])
def test_a_token_issued_in_the_future_is_refused(case_client, monkeypatch, ahead, status):
    import time

    now = time.time
    with monkeypatch.context() as later:
        later.setattr(time, "time", lambda: now() + ahead)
        token = issue_token(SECRET, "u10001", ttl=60)  # by a server whose clock is ahead
    response = case_client.get("/api/v1/me/cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == status
    if status == 401:
        assert "future" in response.get_json()["error"]["message"]


def test_token_command(run_cli):
    assert run_cli("token", "u10001").returncode == 2  # no secret configured
    result = run_cli("token", "u10001", "--ttl", "60", env={"GOVSEARCH_SECRET": SECRET})
    assert result.returncode == 0
    from api.tokens import read_token

    assert read_token(SECRET, result.stdout.strip()) == "u10001"


def test_bad_case_records_are_rejected_without_their_code(run_cli, case_settings, tmp_path):
    good = RECORDS[0]
    bad = [
        {**good, "case_no": "BAD1", "kind": "办件"},
        {**good, "case_no": "BADCASE0002", "kind": "快递"},
        {**good, "case_no": "BADCASE0003", "submitted_at": "昨天"},
        {**good, "case_no": "BADCASE0004", "events": [{"time": "2025-11-03", "stage": "受理"}]},
        {"case_no": "BADCASE0005", "time": "not a time", "stage": "受理", "status": "已受理"},
        {key: value for key, value in good.items() if key != "query_password"} | {"case_no": "BADCASE0006"},
    ]
    result = run_cli("index", "cases", write_jsonl(tmp_path / "bad.jsonl", [good, *bad]))
    assert result.returncode == 1 and "records 1," in result.stdout and "rejected 6" in result.stdout
    rejects = read_jsonl(next(case_settings.rejected_dir.glob("cases-*.jsonl")))
    reasons = [r["reason"] for r in rejects]
    assert "case_no does not match" in reasons[0]
    assert "kind '快递' not among" in reasons[1]
    assert "submitted_at '昨天' is not an ISO 8601" in reasons[2]
    assert "events[1]: missing required key 'status'" in reasons[3]
    assert "time 'not a time'" in reasons[4]
    assert "missing required key 'query_password'" in reasons[5]
    assert all(good["query_password"] not in r["record"] for r in rejects)


def test_parallel_loading_gives_the_same_cases(store_settings, tmp_path):
    """Worker processes parse and hash; the result is the same as loading in-process."""
    from indexer.cases import load_cases

    report = load_cases([PUBLIC_CASES], build_components(store_settings).cases, store_settings.rejected_dir, workers=2)
    assert report.counts["records"] == 12 and report.counts["new events"] == 41 and report.rejected == 0
    client = create_app(store_settings, build_components(store_settings)).test_client()
    assert lookup(client, RECORDS[0]["case_no"], RECORDS[0]["query_password"]).status_code == 200


def test_malformed_and_non_utf8_case_lines_keep_no_code_and_only_their_owner_reads_them(run_cli, case_settings, tmp_path):
    good = RECORDS[0]
    broken = json.dumps({**good, "case_no": "BADCASE0007"}, ensure_ascii=False)[:-1]  # malformed JSON
    path = tmp_path / "broken.jsonl"
    path.write_bytes(broken.encode() + b"\n" + json.dumps({**good, "case_no": "BADCASE0008"}).encode()[:-2] + b"\xff}\n")
    assert run_cli("index", "cases", path).returncode == 1
    reject_file = next(case_settings.rejected_dir.glob("cases-*.jsonl"))
    assert good["query_password"] not in reject_file.read_text(encoding="utf-8")
    assert len(read_jsonl(reject_file)) == 2
    assert stat.S_IMODE(reject_file.stat().st_mode) == 0o600


def test_with_a_pepper_codes_are_keyed_and_the_database_alone_checks_nothing(run_cli, store_settings):
    pepper = {"GOVSEARCH_CASE_PEPPER": "a-pepper-kept-out-of-the-database"}
    assert run_cli("index", "cases", PUBLIC_CASES, env=pepper).returncode == 0
    peppered = replace(store_settings, case_pepper=pepper["GOVSEARCH_CASE_PEPPER"])
    record = RECORDS[0]
    stored = build_components(peppered).cases.get(record["case_no"]).password_hash
    assert stored.startswith("pbkdf2_sha256_pepper$")
    assert lookup(create_app(peppered, build_components(peppered)).test_client(),
                  record["case_no"], record["query_password"]).status_code == 200
    without = create_app(store_settings, build_components(store_settings)).test_client()  # the pepper lost
    assert lookup(without, record["case_no"], record["query_password"], client_address="10.0.0.2").status_code == 404


def _processes() -> dict[int, tuple[int, str]]:
    """Every process on the machine: pid -> (parent pid, state), from /proc."""
    found = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat_file.read_text()
        except OSError:  # ended while we looked
            continue
        state, parent = text.rsplit(")", 1)[1].split()[:2]  # the name in parentheses may hold spaces
        found[int(stat_file.parent.name)] = (int(parent), state)
    return found


def _running(pids: set[int]) -> set[int]:
    """The pids that still run (a zombie has ended; only its entry waits to be collected)."""
    return {pid for pid, (_, state) in _processes().items() if pid in pids and state not in ("Z", "X")}


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_worker_processes_end_when_the_loader_is_killed(settings, tmp_path):
    path = tmp_path / "many.jsonl"
    with open(path, "w", encoding="utf-8") as out:  # 20,000 records, 17 MB: a load of about ten seconds
        for number in range(20_000):
            out.write(json.dumps({**RECORDS[0], "case_no": f"LOAD{number:010d}"}, ensure_ascii=False) + "\n")
    environment = {**os.environ, **settings_environment(settings)}
    loader = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "index", "cases", str(path)], env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not (workers := {pid for pid, (parent, _) in _processes().items() if parent == loader.pid}):
        assert loader.poll() is None and time.monotonic() < deadline, "the loader started no worker processes"
        time.sleep(0.05)
    time.sleep(0.5)  # the pool starts all its workers at once; let them take work
    workers = {pid for pid, (parent, _) in _processes().items() if parent == loader.pid}
    assert loader.poll() is None, "the load finished before it could be killed"

    loader.kill()
    loader.wait()
    deadline = time.monotonic() + 5
    while _running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = _running(workers)
    for pid in survivors:  # a failing run leaves no orphans behind
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "worker processes outlived their loader"
