"""What a browser is told, and what another site can make it do (issue 28.7): types never
sniffed, no page framed, nothing personal kept, the lookup JSON-only, a ``//`` path answered in
JSON without a redirect, wrong admin keys throttled. Tokens issued in the future: test_cases.py."""

from __future__ import annotations

import pytest

from api import create_app
from govsearch.components import build_components
from govsearch.settings import Settings
from search.limits import MAX_WRONG_ADMIN_KEYS

ADMIN_KEY = "admin-key-for-hardening-tests"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("hardening") / "var", admin_key=ADMIN_KEY)
    return create_app(settings, build_components(settings)).test_client()


@pytest.mark.parametrize("path", ["/", "/search?q=护照", "/api/v1/docs"])
def test_pages_load_only_their_own_scripts_and_cannot_be_framed(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = response.get_data(as_text=True)
    assert "<script>" not in page and "<style>" not in page and "style=" not in page  # the policy allows none


@pytest.mark.parametrize("path", ["/api/v1/hot", "/api/v1/search?q=护照", "/static/portal.css", "/api/v1/nowhere"])
def test_every_other_answer_is_never_sniffed_nor_framed(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(("method", "path", "personal"), [
    ("post", "/api/v1/cases/lookup", True), ("get", "/api/v1/me/cases", True), ("get", "/api/v1/me/feed", True),
    ("get", "/api/v1/hot", False), ("get", "/api/v1/search?q=护照", False),
])
def test_what_is_personal_is_never_stored_by_a_browser_or_proxy(client, method, path, personal):
    response = getattr(client, method)(path, json={"case_no": "4401062025110300017", "verify": "000000"}
                                       if method == "post" else None)
    assert (response.headers.get("Cache-Control") == "no-store") is personal


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_the_lookup_takes_json_only_and_a_refused_post_spends_no_failure(client, content_type):
    for _ in range(6):  # more than a client's failures: none is counted
        response = client.post("/api/v1/cases/lookup", data='{"case_no": "4401062025110300017", "verify": "000000"}',
                               content_type=content_type, environ_base={"REMOTE_ADDR": "10.8.0.1"})
        assert response.status_code == 415 and response.is_json
    answer = client.post("/api/v1/cases/lookup", json={"case_no": "4401062025110300017", "verify": "000000"},
                         environ_base={"REMOTE_ADDR": "10.8.0.1"})
    assert answer.status_code == 404


@pytest.mark.parametrize(("path", "status"), [("//api/v1/hot", 200), ("/api/v1//hot", 404), ("//", 200),
                                               ("/api//v1/search", 404)])
def test_a_double_slash_is_never_redirected(client, path, status):
    response = client.get("/", environ_overrides={"PATH_INFO": path})  # as sent: a test client reads // as a host
    assert response.status_code == status and "Location" not in response.headers
    assert response.is_json or response.mimetype == "text/html" and path == "//"


def test_wrong_admin_keys_are_throttled_per_client(client):
    def stats(key: str, address: str):
        return client.get("/api/v1/admin/stats", headers={"X-Admin-Key": key}, environ_base={"REMOTE_ADDR": address})

    for _ in range(MAX_WRONG_ADMIN_KEYS):
        assert stats("guess", "10.9.0.1").status_code == 403
    blocked = stats(ADMIN_KEY, "10.9.0.1")  # even the right key: else a guesser would learn it from the answer
    assert blocked.status_code == 429 and 0 < int(blocked.headers["Retry-After"]) <= 600
    for _ in range(MAX_WRONG_ADMIN_KEYS * 2):
        assert stats(ADMIN_KEY, "10.9.0.2").status_code == 200  # right keys spend nothing
