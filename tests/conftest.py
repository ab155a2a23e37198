"""Shared fixtures: real tantivy indexes in temp dirs, the Flask test client, the CLI in a subprocess.

Fixtures build on each other: settings → components (a loaded index) → app → client.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import redis

from api import create_app
from govsearch.components import build_components
from govsearch.settings import Settings
from indexer.guides import load_guides

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_GUIDES = FIXTURES / "guides.jsonl"
# A copy of ../shared/eval/public, so the floors hold wherever the repository is cloned;
# tests/test_relevance.py checks the copy against the shared set when that is present.
PUBLIC_EVAL = FIXTURES / "eval_public"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "public"
LOCALITY_EVAL = FIXTURES / "eval_locality"  # the sample's localities, copies, entry steps, everyday words
SAMPLE_EVAL = FIXTURES / "eval_sample"  # written independently over the bundled sample guides
SAMPLE_GUIDES = Path(__file__).resolve().parents[1] / "govsearch" / "sample_data" / "guides.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def test_guides() -> list[dict]:
    return read_jsonl(TEST_GUIDES)


REPOSITORY = Path(__file__).resolve().parents[1]
# Every test that takes ``settings`` runs on each engine: the embedded tantivy + SQLite one
# and a real Elasticsearch node that the session starts (GOVSEARCH_TEST_BACKENDS narrows it).
BACKENDS = os.environ.get("GOVSEARCH_TEST_BACKENDS", "embedded,elasticsearch").split(",")


@pytest.fixture(scope="session")
def elasticsearch_url():
    """A real Elasticsearch node for the session, from scripts/elasticsearch.sh (or the
    cluster ELASTICSEARCH_URL names, reused as it is)."""
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    port = free_elasticsearch_port()
    yield start_elasticsearch(port)
    stop_elasticsearch(port)


def start_elasticsearch(port: int, nodes: int = 1) -> str:
    """``scripts/elasticsearch.sh start``; its node directories live under /tmp (pytest's
    temp dirs are private to root, and the node runs as an unprivileged user)."""
    started = subprocess.run(
        [str(REPOSITORY / "scripts" / "elasticsearch.sh"), "start", "--port", str(port), "--nodes", str(nodes)],
        capture_output=True, text=True, timeout=600,
    )
    if started.returncode != 0:
        pytest.fail("Elasticsearch did not start: " + started.stderr[-3000:])
    return started.stdout.strip().splitlines()[-1].split("=", 1)[1]


def stop_elasticsearch(port: int) -> None:
    subprocess.run([str(REPOSITORY / "scripts" / "elasticsearch.sh"), "stop", "--port", str(port)],
                   timeout=120, capture_output=True)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def settings(tmp_path, backend, request):
    if backend == "embedded":
        yield Settings(data_dir=tmp_path / "var")
        return
    url = request.getfixturevalue("elasticsearch_url")
    chosen = Settings(data_dir=tmp_path / "var", backend="elasticsearch", elasticsearch_url=url,
                      index_prefix="test-" + secrets.token_hex(4))
    yield chosen
    import elasticsearch

    with elasticsearch.Elasticsearch(url) as es:
        es.indices.delete(index=f"{chosen.index_prefix}-*", ignore_unavailable=True, allow_no_indices=True)


def settings_environment(settings: Settings) -> dict[str, str]:
    """The environment variables that describe ``settings`` to a subprocess."""
    environment = {"GOVSEARCH_DATA_DIR": str(settings.data_dir), "GOVSEARCH_BACKEND": settings.backend,
                   "GOVSEARCH_INDEX_PREFIX": settings.index_prefix}
    if settings.elasticsearch_url:
        environment["ELASTICSEARCH_URL"] = settings.elasticsearch_url
    return environment


@pytest.fixture
def components(settings):
    """Components over an index holding the test guides."""
    built = build_components(settings)
    load_guides([TEST_GUIDES], built.guides, built.analyzer, settings.rejected_dir, progress=False)
    return built


@pytest.fixture
def app(settings, components):
    return create_app(settings, components)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def run_cli(settings):
    """Run ``govsearch`` as a user would, in a subprocess with its own data dir."""

    def run(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        environment = {**os.environ, **settings_environment(settings), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "govsearch.cli", *map(str, args)],
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
        )

    return run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(base: str, seconds: float) -> bool:
    """Whether ``base``/healthz answered 200 within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return True
        except OSError:  # refused, or not healthy yet
            time.sleep(0.1)
    return False


def free_elasticsearch_port(nodes: int = 1) -> int:
    """An HTTP port P with P..P+nodes-1 and the transport ports P+1000.. all free."""
    for port in range(19200, 29000, 10):
        wanted = [port + i for i in range(nodes)] + [port + 1000 + i for i in range(nodes)]
        try:
            for candidate in wanted:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", candidate))
            return port
        except OSError:
            continue
    raise RuntimeError("no free ports for Elasticsearch")


@pytest.fixture
def server(run_cli, settings, tmp_path):
    """``govsearch serve`` (gunicorn) on a free port over the test guides; yields its base URL."""
    assert run_cli("index", "guides", TEST_GUIDES).returncode == 0
    base, process = start_server(settings, tmp_path / "server.log")
    yield base
    process.terminate()
    process.wait(timeout=10)


def start_server(settings: Settings, log_path: Path, workers: int = 1) -> tuple[str, subprocess.Popen]:
    """``govsearch serve`` on a free port, its output in ``log_path``: (base URL, process)."""
    port = _free_port()
    environment = {**os.environ, **settings_environment(settings)}
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "govsearch.cli", "serve", "--port", str(port), "--workers", str(workers)],
            env=environment, stdout=log, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    if not wait_until_serving(base, seconds=30):
        process.kill()
        pytest.fail("server did not start: " + log_path.read_text())
    return base, process




@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server on a free port for the session (scripts/test.sh installs it)."""
    server = start_redis_server(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def own_redis_server(tmp_path):
    """A redis-server of the test's own, which it may stop or hang (SIGSTOP)."""
    server = start_redis_server(tmp_path / "redis")
    yield server
    server.stop()


def start_redis_server(workdir: Path) -> "RedisServer":
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed; run ./scripts/test.sh, which installs it")
    port = _free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    return RedisServer(url, process, client)


class RedisServer:
    def __init__(self, url: str, process: subprocess.Popen, client):
        self.url = url
        self.process = process
        self.client = client

    def flush(self) -> None:
        self.client.flushdb()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGCONT)  # a hung server stops too
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(params=["sqlite", "redis"])
def redis_url(request):
    """Runs a test on both stores: None for the embedded SQLite store, else a flushed real Redis."""
    if request.param == "sqlite":
        return None
    server = request.getfixturevalue("redis_server")
    server.flush()
    return server.url
