"""Shared fixtures: real tantivy indexes in temp dirs, a real Elasticsearch node and redis-server,
the Flask test client, the CLI.

Fixtures build on each other: settings → components (a loaded index) → app → client.

Where tests run on which engine: ``settings`` is the embedded engine (tantivy + SQLite), for the
many tests whose outcome no engine decides (HTTP parameters, query understanding, validation,
the feed's stores); ``engine_settings`` runs a test once on each engine of ``BACKENDS`` (the
engine contract, relevance, locality, loads and the case store). ``loaded_client`` is one index
of the test guides per module, for tests that only read.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import redis

from api import create_app
from govsearch.cli import main
from govsearch.components import build_components
from govsearch.settings import Settings
from indexer.guides import load_guides

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_GUIDES = FIXTURES / "guides.jsonl"
PUBLIC_EVAL = FIXTURES / "eval_public"  # the public set, vendored (its README says from where)
LOCALITY_EVAL = FIXTURES / "eval_locality"  # the sample's localities, copies, entry steps, everyday words
SAMPLE_EVAL = FIXTURES / "eval_sample"  # written independently over the bundled sample guides
EVERYDAY_EVAL = FIXTURES / "eval_everyday"  # situations, long questions, English …: tune and holdout halves
FACTS_EVAL = FIXTURES / "eval_facts"  # fact questions (多少钱, 带什么 …) with the copy and fact that answer them
SAMPLE_GUIDES = Path(__file__).resolve().parents[1] / "govsearch" / "sample_data" / "guides.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pytest_collection_modifyitems(items):
    """The README's examples before the portal's browser tests: both use the session's demo, and
    the browser tests spend the lookup's failure budget of the one client they share."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/test_portal_browser.py"))


@pytest.fixture(scope="session")
def test_guides() -> list[dict]:
    return read_jsonl(TEST_GUIDES)


REPOSITORY = Path(__file__).resolve().parents[1]
# Every test that takes ``engine_settings`` runs on each engine: the embedded tantivy + SQLite one
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


@pytest.fixture
def settings(tmp_path) -> Settings:
    """The embedded engine in the test's own data dir."""
    return Settings(data_dir=tmp_path / "var")


@pytest.fixture(params=BACKENDS)
def engine_settings(request, tmp_path):
    """Each engine in turn, for a test whose outcome the engine decides; Elasticsearch under a
    prefix of the test's own, deleted afterwards."""
    with settings_on(request.param, tmp_path / "var", request) as chosen:
        yield chosen


@contextmanager
def settings_on(backend: str, data_dir: Path, request):
    """``Settings`` on ``backend`` with ``data_dir``; on Elasticsearch, indexes under a fresh
    prefix, deleted when the block ends."""
    if backend != "elasticsearch":
        yield Settings(data_dir=data_dir)
        return
    url = request.getfixturevalue("elasticsearch_url")
    chosen = Settings(data_dir=data_dir, backend="elasticsearch", elasticsearch_url=url,
                      index_prefix="test-" + secrets.token_hex(4))
    try:
        yield chosen
    finally:
        import elasticsearch

        with elasticsearch.Elasticsearch(url) as es:
            es.indices.delete(index=f"{chosen.index_prefix}-*", ignore_unavailable=True, allow_no_indices=True)


def settings_environment(settings: Settings) -> dict[str, str]:
    """The environment variables that describe ``settings`` to a subprocess."""
    environment = {"GOVSEARCH_DATA_DIR": str(settings.data_dir), "GOVSEARCH_BACKEND": settings.backend,
                   "GOVSEARCH_INDEX_PREFIX": settings.index_prefix}
    if settings.elasticsearch_url:
        environment["ELASTICSEARCH_URL"] = settings.elasticsearch_url
    if settings.trusted_proxies:
        environment["GOVSEARCH_TRUSTED_PROXIES"] = str(settings.trusted_proxies)
    return environment


def load_test_guides(settings: Settings, guides: Path = TEST_GUIDES):
    """Components over an index holding ``guides`` (the test guides unless told).

    On the embedded engine the index is loaded once per session and file, and copied into the
    settings' data dir: a copy is a load's result, at a fraction of its time."""
    if settings.backend == "embedded":
        shutil.copytree(_loaded_index(guides), settings.guides_dir)
        return build_components(settings)
    built = build_components(settings)
    built.load_guides([guides], progress=False)
    return built


_templates: dict[Path, Path] = {}


def _loaded_index(guides: Path) -> Path:
    """An embedded index of ``guides``, loaded the first time it is asked for."""
    if guides not in _templates:
        settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="govsearch-template-")))
        build_components(settings).load_guides([guides], progress=False)
        _templates[guides] = settings.guides_dir
    return _templates[guides]


def pytest_sessionfinish(session, exitstatus):
    for template in _templates.values():
        shutil.rmtree(template.parent, ignore_errors=True)


@pytest.fixture
def components(settings):
    """Components over an index of the test's own holding the test guides (a test may change it)."""
    return load_test_guides(settings)


@pytest.fixture
def app(settings, components):
    return create_app(settings, components)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One index of the test guides for a module's tests that only read it: (settings, components)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("loaded") / "var")
    return settings, load_test_guides(settings)


@pytest.fixture(scope="module")
def loaded_client(loaded):
    """The API over the module's shared index; for tests that read and change nothing."""
    settings, components = loaded
    return create_app(settings, components).test_client()


@pytest.fixture
def run_cli(monkeypatch, request):
    """Run ``govsearch`` as a user would, in this process (``main(argv)``) with the test's
    settings in the environment: (exit code, stdout, stderr) as a ``CompletedProcess``."""
    settings = _cli_settings(request)

    def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        argv = [str(arg) for arg in args]
        out, err = io.StringIO(), io.StringIO()
        with monkeypatch.context() as patch:
            for name, value in {**settings_environment(settings), **(env or {})}.items():
                patch.setenv(name, value)
            with redirect_stdout(out), redirect_stderr(err):
                code = main(argv)
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def run_cli_process(request):
    """Run ``govsearch`` in a subprocess of its own: for what only a process shows (signals,
    another process's load, start-up)."""
    settings = _cli_settings(request)

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


def _cli_settings(request) -> Settings:
    """The test's engine settings when it has them, else its embedded settings."""
    if "engine_settings" in request.fixturenames:
        return request.getfixturevalue("engine_settings")
    return request.getfixturevalue("settings")


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
            time.sleep(0.05)
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


class Served:
    """A running ``govsearch serve``: its base URL and its log (stdout and stderr)."""

    def __init__(self, base: str, log: Path):
        self.base = base
        self.log = log


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """``govsearch serve`` (gunicorn, two workers) over the test guides, shared by the session:
    tests send what they need and find their own lines in the log by request id."""
    folder = tmp_path_factory.mktemp("server")
    settings = Settings(data_dir=folder / "var")
    load_test_guides(settings)
    base, process = start_server(settings, folder / "server.log", workers=2)
    yield Served(base, folder / "server.log")
    process.terminate()
    process.wait(timeout=10)


class Demo:
    """A running ``govsearch demo``: its base URL and the environment it runs in (its data dir)."""

    def __init__(self, base: str, environment: dict[str, str]):
        self.base = base
        self.environment = environment


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """``govsearch demo`` as the README's demo command runs it (the bundled sample, demo sign-in
    on, two workers), once for the session: the portal's browser tests and the README's examples."""
    folder = tmp_path_factory.mktemp("demo")
    port = _free_port()
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("GOVSEARCH_", "ELASTICSEARCH_", "REDIS_"))}  # as a newcomer runs it
    environment["GOVSEARCH_DATA_DIR"] = str(folder / "var")
    log = folder / "demo.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "demo", "--port", str(port), "--workers", "2"],
                                   env=environment, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    if not wait_until_serving(base, seconds=180):
        process.kill()
        pytest.fail("the demo did not start: " + log.read_text()[-3000:])
    yield Demo(base, environment)
    process.terminate()
    process.wait(timeout=20)


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
    if not wait_until_serving(base, seconds=60):
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
