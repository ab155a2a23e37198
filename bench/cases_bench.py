"""Case ingest rate, database size and lookup latency (in process and over HTTP).

    python bench/cases_bench.py --count 10000000 [--workdir /var/tmp/cases-bench]
    python bench/cases_bench.py --count 1000000 --backend elasticsearch --elasticsearch-url http://127.0.0.1:9200

Generates ``count`` cases with 3–6 events each (bench/generate_cases.py), loads records
and pushed events with ``govsearch index cases`` (timed: events/s), then looks up random
cases with their verification codes: in this process through the case store as the API
does (p50/p99), and over HTTP against ``govsearch serve`` (gunicorn, 2 workers) from 4
client threads. Writes the figures to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import free_port, percentile, write_section  # noqa: E402
from bench.generate_cases import code_for, generate  # noqa: E402
from govsearch.components import build_components  # noqa: E402
from govsearch.settings import Settings  # noqa: E402
from indexer.cases import load_cases  # noqa: E402
from search.cases import case_view, verify_password  # noqa: E402


def _random_case_numbers(records: Path, count: int, seed: int) -> list[str]:
    """Case numbers read at random places of the records file (the line after each offset)."""
    rng, size, numbers = random.Random(seed), records.stat().st_size, []
    with open(records, "rb") as handle:
        while len(numbers) < count:
            handle.seek(rng.randrange(size))
            handle.readline()
            line = handle.readline()
            if line:
                numbers.append(json.loads(line)["case_no"])
    return numbers


def _lookup_in_process(components, case_no: str) -> dict:
    record = components.cases.get(case_no)
    assert verify_password(code_for(case_no), record.password_hash)
    return case_view(record)


def _http_latencies(settings: Settings, numbers: list[str], threads: int = 4) -> tuple[list[float], float]:
    port = free_port()
    environment = {**os.environ, "GOVSEARCH_DATA_DIR": str(settings.data_dir), "GOVSEARCH_BACKEND": settings.backend,
                   "GOVSEARCH_INDEX_PREFIX": settings.index_prefix, "ELASTICSEARCH_URL": settings.elasticsearch_url or ""}
    server = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "serve", "--port", str(port), "--workers", "2"],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port)
        latencies: list[float] = []
        share = [numbers[i::threads] for i in range(threads)]
        started = time.perf_counter()
        workers = [threading.Thread(target=_client, args=(port, part, latencies)) for part in share]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return latencies, len(latencies) / (time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _client(port: int, numbers: list[str], latencies: list[float]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for case_no in numbers:
        body = json.dumps({"case_no": case_no, "verify": code_for(case_no)})
        started = time.perf_counter()
        connection.request("POST", "/api/v1/cases/lookup", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, response.status


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def _store_gb(settings: Settings) -> float:
    if settings.backend == "embedded":
        return sum(p.stat().st_size for p in settings.data_dir.glob("govsearch.sqlite3*")) / 1e9
    import elasticsearch

    with elasticsearch.Elasticsearch(settings.elasticsearch_url) as es:
        es.indices.refresh(index="bench-cases,bench-case-events")
        stats = es.indices.stats(index="bench-cases,bench-case-events", metric="store")
        return stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path, help="keep generated files and the database here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="use the files already generated in --workdir")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--backend", default="embedded", choices=("embedded", "elasticsearch"))
    parser.add_argument("--elasticsearch-url", default=None)
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="govsearch-cases-"))
    workdir.mkdir(parents=True, exist_ok=True)
    records, events = workdir / "cases.jsonl", workdir / "events.jsonl"
    started = time.perf_counter()
    if args.reuse and records.exists() and events.exists():
        pushed = sum(1 for _ in open(events, "rb"))
    else:
        _, pushed = generate(args.count, records, events, args.seed)
    print(f"generated {args.count:,} cases in {time.perf_counter() - started:.0f} s", flush=True)

    settings = Settings(data_dir=workdir / "var", backend=args.backend, elasticsearch_url=args.elasticsearch_url,
                        index_prefix="bench")
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    components = build_components(settings)
    if args.backend == "elasticsearch":
        components.cases.drop()
    report = load_cases([records, events], components.cases, settings.rejected_dir)
    print(report.summary(), flush=True)
    database_gb = _store_gb(settings)

    numbers = _random_case_numbers(records, args.lookups, args.seed)
    for case_no in numbers[:500]:
        _lookup_in_process(components, case_no)
    in_process = []
    for case_no in numbers:
        begun = time.perf_counter()
        _lookup_in_process(components, case_no)
        in_process.append((time.perf_counter() - begun) * 1000)
    over_http, rate = _http_latencies(settings, numbers[: args.lookups // 2])

    on = "" if args.backend == "embedded" else " on Elasticsearch (1 node)"
    store = "SQLite, WAL" if args.backend == "embedded" else "Elasticsearch primaries, records + events"
    body = "\n".join([
        f"## Cases: ingest and lookup at {args.count:,} cases{on}",
        "",
        f"Script: `python bench/cases_bench.py --count {args.count} --backend {args.backend}` (cases from `bench/generate_cases.py`: "
        f"3–6 events each, records carrying their first events, {pushed:,} more pushed separately, out of order, ~1 % twice).",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        f"| ingest (`govsearch index cases`, records + pushed events) | {report.processed / report.seconds:,.0f} events/s "
        f"({report.counts['records']:,} records, {report.processed:,} events in {report.seconds / 60:.1f} min) | ≥ 20,000 events/s |",
        f"| store size ({store}) | {database_gb:.1f} GB | |",
        f"| lookup in process p50 / p99 ({len(in_process):,} random cases: read, verify code, build timeline) "
        f"| {percentile(in_process, 0.5):.2f} / {percentile(in_process, 0.99):.2f} ms | p99 ≤ 5 ms |",
        f"| lookup over HTTP p50 / p99 (gunicorn 2 workers × 4 threads, 4 client threads, keep-alive) "
        f"| {percentile(over_http, 0.5):.2f} / {percentile(over_http, 0.99):.2f} ms ({rate:,.0f} lookups/s) | |",
    ])
    print(body)
    if not args.no_write:
        write_section("case-lookup" if args.backend == "embedded" else "case-lookup-elasticsearch", body)
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
