"""``govsearch serve``: the production server as clients really call it."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

pytestmark = pytest.mark.slow  # gunicorn in a process of its own



def _send(base: str, request: bytes) -> tuple[int, dict]:
    """Send a request byte for byte; the answer's status and its body, which must be JSON."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"\r\ncontent-type: application/json" in head.lower(), head
    return int(head.split()[1]), json.loads(body)


def _raw_get(base: str, target: bytes) -> tuple[int, dict]:
    """Send a request line byte for byte, as curl does with unencoded hanzi in the URL."""
    return _send(base, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")


def _get(base: str, path: str, request_id: str | None = None, method: str = "GET"):
    """The answer to a request through urllib, a 4xx one too."""
    request = urllib.request.Request(base + path, headers={"X-Request-Id": request_id} if request_id else {},
                                     method=method)
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_unencoded_hanzi_in_the_url_is_understood(server):
    """curl '127.0.0.1:8000/api/v1/search?q=公积金提取' sends raw UTF-8; the server must take it."""
    status, body = _raw_get(server.base, "/api/v1/search?q=公积金提取".encode())
    assert status == 200 and body["query"] == "公积金提取" and body["total"] == 2


def test_percent_encoded_query_and_errors_over_http(server):
    status, body = _raw_get(server.base, b"/api/v1/search?q=%E5%85%AC%E7%A7%AF%E9%87%91")
    assert status == 200 and body["total"] == 2
    status, body = _raw_get(server.base, b"/api/v1/search?q=")
    assert status == 422 and body["error"]["code"] == "unprocessable_content"  # asks for nothing


# -- every answer is JSON, those gunicorn gives before the app sees a request too ---------------------

# Requests gunicorn refuses before the app sees them: (what, request, status, code).
REFUSED = [
    ("request line too long", b"GET /api/v1/search?q=" + b"%E5" * 3000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
     414, "uri_too_long"),
    ("header too large", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 10_000 + b"\r\n\r\n",
     431, "request_header_fields_too_large"),
    ("too many headers", b"GET /healthz HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % n for n in range(200)) + b"\r\n",
     431, "request_header_fields_too_large"),
    ("garbage request line", b"GARBAGE-4401062025110300017\r\n\r\n", 400, "bad_request"),
    ("unknown HTTP version", b"GET /healthz HTTP/9.9\r\n\r\n", 400, "bad_request"),
    ("TLS sent to plain HTTP", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n", 400, "bad_request"),
]


def test_bad_requests_over_http_all_get_json_errors(server):
    # A long but sane URL reaches the app, which says what is wrong in its own words.
    status, body = _raw_get(server.base, b"/api/v1/search?q=" + b"a" * 5000)
    assert (status, body["error"]["message"]) == (400, "parameter 'q' is longer than 200 characters")
    for what, request_bytes, status, code in REFUSED:
        answered, body = _send(server.base, request_bytes)
        assert (answered, body["error"]["code"]) == (status, code), what
        assert body["error"]["message"], what
    assert "4401062025110300017" not in server.log.read_text()  # refusals are logged quoting nothing
    wrong_method = _get(server.base, "/api/v1/search?q=x", method="DELETE")
    assert wrong_method.status == 405 and set(wrong_method.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert json.load(wrong_method)["error"]["code"] == "method_not_allowed"


# -- the access log and /metrics ---------------------------------------------------------------------

CASE_NO = "4401062025110300017"
TIMESTAMP = re.compile(r"\[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]")


def _log_lines(log: Path, wanted: str, count: int = 1) -> list[str]:
    """The log's lines holding ``wanted``, once there are ``count`` (gunicorn writes them after answering)."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in log.read_text().splitlines() if wanted in line]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_access_log_has_time_and_request_id_but_no_query_or_case_number(server):
    answer = _get(server.base, "/api/v1/search?q=" + quote("公积金提取"), request_id="probe-search-1")
    assert answer.status == 200 and answer.headers["X-Request-Id"] == "probe-search-1"
    assert _get(server.base, "/api/v1/search?q=" + CASE_NO, request_id="probe-case-2").status == 200
    lookup = urllib.request.Request(server.base + "/api/v1/cases/lookup", method="POST", headers={
        "Content-Type": "application/json", "X-Request-Id": "probe-lookup-3"},
        data=json.dumps({"case_no": CASE_NO, "verify": "000000"}).encode())
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(lookup, timeout=10)
    generated = _get(server.base, "/healthz", request_id="not a sane id!").headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)

    log = server.log
    [search] = _log_lines(log, "probe-search-1")
    assert TIMESTAMP.search(search) and '"GET /api/v1/search" 200' in search
    assert '"POST /api/v1/cases/lookup" 404' in _log_lines(log, "probe-lookup-3")[0]
    assert _log_lines(log, "probe-case-2") and _log_lines(log, generated)
    text = log.read_text()
    for secret in ("公积金", quote("公积金"), "q=", CASE_NO):
        assert secret not in text


SEARCHES_ANSWERED = re.compile(r'govsearch_http_requests_total\{endpoint="guides.search",method="GET",status="200"\} (\S+)')
SEARCHES_TIMED = re.compile(r'govsearch_http_request_duration_seconds_count\{endpoint="guides.search"\} (\S+)')


def _figure(pattern: re.Pattern, text: str) -> float:
    found = pattern.search(text)
    return float(found.group(1)) if found else 0.0


def test_metrics_sum_every_worker(server):
    """Two gunicorn workers: whichever answers /metrics counts the searches both of them served."""
    before = _get(server.base, "/metrics").read().decode()
    searched_before = _log_lines(server.log, '"GET /api/v1/search"', 0)
    sent = _search_until_both_workers_answered(server.base, server.log, len(searched_before))
    for _ in range(6):  # scrapes land on either worker
        text = _get(server.base, "/metrics").read().decode()
        assert _figure(SEARCHES_ANSWERED, text) == _figure(SEARCHES_ANSWERED, before) + sent
        assert _figure(SEARCHES_TIMED, text) == _figure(SEARCHES_TIMED, before) + sent
        assert 'govsearch_dependency_up{dependency="guides"} 1.0' in text


def _search_until_both_workers_answered(base: str, log: Path, logged_before: int) -> int:
    """Send bursts of concurrent searches, each never asked before, until both workers have answered one.

    One at a time, every connection goes to the same idle worker (the kernel wakes the last one to
    wait) and a cached answer returns before the next arrives; concurrent uncached searches keep a
    worker busy, so the other accepts too. Returns how many searches were sent.
    """
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        while sent < 400:
            queries = [quote(f"公积金 {number}") for number in range(sent, sent + 16)]
            statuses = pool.map(lambda query: _get(base, "/api/v1/search?q=" + query).status, queries)
            assert set(statuses) == {200}
            sent += len(queries)
            if len(_workers_that_searched(log, logged_before, sent)) == 2:
                return sent
    pytest.fail(f"all {sent} searches went to one worker")


def _workers_that_searched(log: Path, logged_before: int, searches: int) -> set[str]:
    """The pids (``<1234>`` in the access log) of the workers that answered the latest searches."""
    lines = _log_lines(log, '"GET /api/v1/search"', logged_before + searches)[logged_before:]
    return {re.search(r"<(\d+)>", line).group(1) for line in lines}

