"""The one redaction (search.redaction), and every writer that keeps outside text applying it:
reject files, the query log and its exports, stored search events, the access log."""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
import time
from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from api import create_app
from search.redaction import redact
from govsearch.server import LineSafeAtoms, OneLineFormatter, one_line
from indexer.behaviour import user_event
from search.analytics import SearchRecord
from tests.conftest import load_test_guides, read_jsonl, write_jsonl

# (what came in, what is kept): secrets masked, what an operator needs left readable.
REDACTED = [
    # ID numbers: 18 characters (the last may be X), the old 15 digits.
    ("身份证号110101199003071234怎么办", "身份证号#怎么办"),
    ("11010119900307123X", "#"),
    ("旧证110101900307123", "旧证#"),
    ("/api/v1/guides/110101199003071234", "/api/v1/guides/#"),
    (r'{"note": "a\n110101199003071234"}', r'{"note": "a\n#"}'),  # raw JSON text: after an escape
    # Mobile numbers, bank cards.
    ("电话13812345678", "电话#"),
    ("电话 138 1234 5678", "电话 #"),
    ("+86 138-1234-5678", "#"),
    ("卡6222021001123456789", "卡#"),
    ("6222 0210 0112 3456 789", "#"),
    # Verification codes after their key or label, any case or quoting, broken lines too.
    ('{"query_password": "635584", "x": 1}', '{"query_password": "#", "x": 1}'),
    ("{'query_password': 'abc12345'}", "{'query_password': '#'}"),
    ('{"Query_Password": "zz9981"}', '{"Query_Password": "#"}'),
    ('{"case_no": "420100202611100000003", "query_password": "7771', '{"case_no": "420100202611100000003", "query_password": "#"'),
    ('{"query_password": 635584}', '{"query_password": #}'),
    (r'"query_password": "a\"b\"cd"', '"query_password": "#"'),
    ('{"verify": "482915"}', '{"verify": "#"}'),
    ("PASSWORD = 's3cr3t'", "PASSWORD = '#'"),
    ("password=hunter22&x=1", "password=#&x=1"),
    ("密码 4829", "密码 #"),
    ("密码4829怎么查", "密码#怎么查"),  # as the query log keeps it, normalised
    ("查询密码：Ab12cd34", "查询密码：#"),
    ("验证码是9911", "验证码是#"),
    ('{"查询密码": "1234"}', '{"查询密码": "#"}'),
    # Kept: case numbers (the sample's 21 digits, or with letters), guide codes, dates, request ids,
    # short numbers, and the words 密码 and 验证码 in a question or a guide's text.
    ("420100202611100000000", "420100202611100000000"),
    ("办件sq2025000123进度", "办件sq2025000123进度"),
    ("SG420100004", "SG420100004"),
    ("2026-11-10T09:00:00+08:00", "2026-11-10T09:00:00+08:00"),
    ("9f29a75d4b4490dbcb119a443ef00841", "9f29a75d4b4490dbcb119a443ef00841"),
    ("gjj2025", "gjj2025"),
    ("邮编430000", "邮编430000"),
    ("查询密码忘了怎么办", "查询密码忘了怎么办"),
    ("验证码收不到", "验证码收不到"),
    ('{"procedure": "凭受理编号和查询密码", "fee": "免费"}', '{"procedure": "凭受理编号和查询密码", "fee": "免费"}'),
]


@pytest.mark.parametrize(("text", "kept"), REDACTED)
def test_the_redaction_masks_secrets_and_keeps_what_operators_read(text, kept):
    assert redact(text) == kept


# -- reject files: the raw text redacted, broken lines too ---------------------------------------------

CASE = {"case_no": "420100202611100000000", "kind": "办件", "item_code": "SG420100004", "item_name": "残疾人证办理",
        "applicant_name": "马晓", "query_password": "635584", "department": "武汉市残疾人联合会",
        "submitted_at": "2026-11-10T09:00:00+08:00", "status": "已提交"}
BAD_CASE_LINES = [
    json.dumps({**CASE, "kind": "快递", "applicant_name": "马晓 110101199003071234"}, ensure_ascii=False),
    "{'case_no': '420100202611100000001', 'query_password': 'abc12345'}",  # single quotes: not JSON
    json.dumps({"case_no": "420100202611100000002", "kind": "办件", "Query_Password": "zz9981",
                "note": "电话13812345678 卡6222021001123456789"}, ensure_ascii=False),
    json.dumps({**CASE, "case_no": "420100202611100000003", "query_password": "777123",
                "note": "身份证11010119900307123X 旧证110101900307123"}, ensure_ascii=False)[:-1],  # broken
]
SECRETS_IN_CASES = ["110101199003071234", "abc12345", "zz9981", "13812345678", "6222021001123456789", "777123",
                    "11010119900307123X", "110101900307123"]


def test_reject_files_keep_no_id_number_phone_card_or_code(run_cli, settings, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(BAD_CASE_LINES) + "\n", encoding="utf-8")
    assert run_cli("index", "cases", path).returncode == 1
    [reject_file] = settings.rejected_dir.glob("cases-*.jsonl")
    text = reject_file.read_text(encoding="utf-8")
    assert not [secret for secret in SECRETS_IN_CASES if secret in text]
    records = [entry["record"] for entry in read_jsonl(reject_file)]
    assert [record.count("4201002026111000000") for record in records] == [1, 1, 1, 1]  # case numbers readable
    assert "'query_password': '#'" in records[1] and '"Query_Password": "#"' in records[2]


def test_search_text_in_rejected_events_is_redacted(run_cli, settings, tmp_path):
    event = {"user_id": "u1", "type": "search", "time": "not a time", "query": "密码 4829 身份证110101199003071234"}
    assert run_cli("index", "events", write_jsonl(tmp_path / "events.jsonl", [event])).returncode == 1
    [entry] = read_jsonl(next(settings.rejected_dir.glob("events-*.jsonl")))
    assert json.loads(entry["record"])["query"] == "密码 # 身份证#"


# -- the query log, its report and exports, and stored search events -----------------------------------

TYPED = ["密码 4829", "查询密码 Ab12cd34", "验证码:9911", "password=hunter22", "公积金 110101199003071234",
         "身份证11010119900307123X补办", "电话 13812345678"]
SECRETS_TYPED = ["4829", "ab12cd34", "9911", "hunter22", "110101199003071234", "11010119900307123x", "13812345678"]
ADMIN_KEY = "admin-key-for-redaction-tests"


@pytest.fixture
def searched_app(settings):
    settings = replace(settings, admin_key=ADMIN_KEY)
    components = load_test_guides(settings)
    client = create_app(settings, components).test_client()
    for q in TYPED:
        assert client.get("/api/v1/search", query_string={"q": q}).status_code == 200
    components.query_log.flush()
    return settings, components, client


def test_the_query_log_keeps_no_code_or_id_number_typed_in_the_box(searched_app):
    settings, _, _ = searched_app
    logged = [row[0] for row in sqlite3.connect(settings.sqlite_path).execute("SELECT query FROM search_log")]
    assert len(logged) == len(TYPED) and all("#" in query for query in logged)
    assert not [secret for secret in SECRETS_TYPED if secret in str(logged).lower()]


def test_exports_redact_what_an_older_version_logged_in_clear(searched_app, run_cli):
    settings, components, client = searched_app
    components.query_log.store.write([SearchRecord(time.time(), "s1", "密码4829", "guide", 0, 3.0, {}, 1, [], "c1")], [])
    export = client.get("/api/v1/admin/export?days=1", headers={"X-Admin-Key": ADMIN_KEY}).get_data(as_text=True)
    report = run_cli("report", "--days", "1").stdout
    assert "密码#" in export and "密码#" in report
    assert not [secret for secret in SECRETS_TYPED if secret in (export + report).lower()]


def test_search_text_of_stored_events_is_redacted():
    event = user_event({"user_id": "u1", "type": "search", "time": "2026-11-10T09:00:00+08:00",
                        "query": "查询密码：Ab12cd34 身份证110101199003071234"})
    assert event.query == "查询密码：# 身份证#"


# -- the access log and the error log: redacted, one line per request ---------------------------------

FORGED = '/api/v1/guides/x\n[07/Dec/2026:10:00:00 +0800] <1> 10.0.0.1 "PUT /api/v1/admin/hot" 200'


@pytest.mark.parametrize(("text", "logged"), [
    (FORGED, r'/api/v1/guides/x\n[07/Dec/2026:10:00:00 +0800] <1> 10.0.0.1 "PUT /api/v1/admin/hot" 200'),
    ("a\rb\x85c\u2028d\u2029e\x1bf\x00g\u202eh", r"a\rb\x85c\u2028d\u2029e\x1bf\x00g\u202eh"),
    ("a\\nb", r"a\\nb"),  # a backslash the client sent cannot pass for an escape
    ("/api/v1/guides/110101199003071234", "/api/v1/guides/#"),
])
def test_a_log_line_stays_one_line_and_redacted(text, logged):
    assert one_line(text) == logged


def test_access_log_fields_are_read_as_sent_redacted_and_escaped():
    atoms = LineSafeAtoms({
        "U": FORGED.encode().decode("latin-1"),  # WSGI: the bytes as latin-1
        "q": "q=%E5%AF%86%E7%A0%81%204829", "a": "evil\u0085agent".encode().decode("latin-1"),
        "{x-request-id}o": "9f29a75d4b4490dbcb119a443ef00841", "M": 3,
    })
    line = '"%(U)s" %(q)s %(a)s %({X-Request-Id}o)s %(M)sms %(f)s' % atoms
    assert line == (r'"/api/v1/guides/x\n[07/Dec/2026:10:00:00 +0800] <1> 10.0.0.1 \"PUT /api/v1/admin/hot\" 200" '
                    r"q=密码 # evil\x85agent 9f29a75d4b4490dbcb119a443ef00841 3ms -")


def test_application_log_messages_are_one_line_and_redacted():
    record = logging.LogRecord("api.errors", logging.WARNING, __file__, 1, "store unavailable: %s", ("key 密码4829\nforged",), None)
    assert OneLineFormatter("%(levelname)s %(message)s").format(record) == r"WARNING store unavailable: key 密码#\nforged"


def _get_raw(base: str, target: bytes) -> None:
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        while sock.recv(65536):
            pass


@pytest.mark.slow
def test_the_server_access_log_cannot_be_forged_and_holds_no_id_number(server):
    _get_raw(server.base, b"/api/v1/guides/x%0a[07/Dec/2026:10:00:00%20+0800]%20%22PUT%20/api/v1/admin/hot%22%20200")
    _get_raw(server.base, b"/api/v1/guides/110101199003071234")
    _get_raw(server.base, b"/api/v1/guides/420100202611100000000")
    case_line = '"GET /api/v1/guides/420100202611100000000" 404'  # a case number stays readable
    deadline = time.monotonic() + 10
    while case_line not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)  # gunicorn writes a line once it has answered
    text = server.log.read_text()
    assert case_line in text and '"GET /api/v1/guides/#" 404' in text and "110101199003071234" not in text
    assert r'"GET /api/v1/guides/x\n[07/Dec/2026:10:00:00 +0800] \"PUT /api/v1/admin/hot\" 200" 404' in text
    assert not [line for line in text.splitlines() if line.startswith("[07/Dec/2026:10:00:00 +0800]")]  # no forged line
