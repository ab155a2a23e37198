"""``govsearch serve``: the production server as clients really call it."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit


def _raw_get(base: str, target: bytes) -> tuple[int, dict]:
    """Send a request line byte for byte, as curl does with unencoded hanzi in the URL."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_unencoded_hanzi_in_the_url_is_understood(server):
    """curl '127.0.0.1:8000/api/v1/search?q=公积金提取' sends raw UTF-8; the server must take it."""
    status, body = _raw_get(server, "/api/v1/search?q=公积金提取".encode())
    assert status == 200 and body["query"] == "公积金提取" and body["total"] == 2


def test_percent_encoded_query_and_errors_over_http(server):
    status, body = _raw_get(server, b"/api/v1/search?q=%E5%85%AC%E7%A7%AF%E9%87%91")
    assert status == 200 and body["total"] == 2
    status, body = _raw_get(server, b"/api/v1/search?q=")
    assert status == 400 and body["error"]["code"] == "bad_request"
