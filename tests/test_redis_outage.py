"""Redis hung (SIGSTOP) under a running app: JSON 503s or degraded 200s, no stall per request,
one log line per outage, and recovery without a restart."""

from __future__ import annotations

import logging
import signal
import time

import pytest

from api import create_app
from govsearch.components import build_components
from indexer.guides import load_guides
from tests.conftest import TEST_GUIDES

pytestmark = pytest.mark.slow  # waits out a hung server's timeout

ADMIN_KEY = "admin-key-for-the-outage"


def lookup(client):
    return client.post("/api/v1/cases/lookup", json={"case_no": "4401062025110300017", "verify": "000000"})


def test_a_hung_redis_costs_one_timeout_answers_json_and_recovers(own_redis_server, settings, caplog):
    process, url = own_redis_server.process, own_redis_server.url
    parts = type(settings)(data_dir=settings.data_dir, admin_key=ADMIN_KEY, redis_url=url)
    components = build_components(parts)
    load_guides([TEST_GUIDES], components.guides, components.analyzer, parts.rejected_dir, progress=False)
    client = create_app(parts, components).test_client()
    assert lookup(client).status_code == 404
    caplog.set_level(logging.WARNING)

    process.send_signal(signal.SIGSTOP)
    started = time.monotonic()
    answers = [lookup(client) for _ in range(10)]
    assert all(a.status_code == 503 and a.is_json for a in answers)
    assert time.monotonic() - started < 5  # one timeout for the outage, not one per request
    stats = client.get("/api/v1/admin/stats?days=7", headers={"X-Admin-Key": ADMIN_KEY})
    assert stats.status_code == 503 and stats.is_json
    assert client.get("/api/v1/hot").status_code == 200  # the portal does without hot searches
    assert client.get("/api/v1/search?q=公积金").status_code == 200
    health = client.get("/healthz").get_json()
    assert health["dependencies"]["redis"] != "ok"
    assert caplog.text.count("Redis unavailable") == 1 and "Traceback" not in caplog.text

    process.send_signal(signal.SIGCONT)
    deadline = time.monotonic() + 15
    while lookup(client).status_code != 404 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert lookup(client).status_code == 404 and "Redis reachable again" in caplog.text
