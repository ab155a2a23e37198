"""The feed after a guide load at scale: do feed calls and searches stall while each worker
rebuilds its catalogue?

    python bench/feed_rebuild_bench.py --count 100000

Generates ``count`` guides (bench/generate_guides.py), loads them, serves them with
``govsearch serve`` (gunicorn, 2 workers), builds each worker's feed catalogue, then loads a
few more guides (the index changes, so every worker rebuilds) and at once sends 8
concurrent feed calls and a search, then searches one after another while the rebuild runs.
Times are over HTTP, in ms; the rebuild's own duration is timed in this process on the same
index. The figures go to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.tokens import issue_token  # noqa: E402
from bench.common import percentile, serving, write_section  # noqa: E402
from bench.guides_bench import _generate  # noqa: E402
from govsearch.components import build_components  # noqa: E402
from govsearch.settings import Settings  # noqa: E402

SECRET = "feed-rebuild-bench-secret"
QUERIES = ("公积金提取", "身份证补办", "营业执照", "结婚登记", "社保卡", "医保报销", "出生医学证明", "个体工商户")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govsearch-feed-bench-") as temporary:
        workdir = Path(temporary)
        guides = workdir / "guides.jsonl"
        _generate(args.count, guides)
        environment = {**os.environ, "GOVSEARCH_DATA_DIR": str(workdir / "var"), "GOVSEARCH_SECRET": SECRET}
        _cli(environment, "index", "guides", str(guides))
        build_seconds = _catalogue_build_seconds(environment)
        figures = _under_load(environment, workdir, guides)
    body = _table(args.count, build_seconds, figures)
    print(body)
    if not args.no_write:
        write_section("feed-rebuild", body)


def _cli(environment: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "govsearch.cli", *args], env=environment, check=True, stdout=subprocess.DEVNULL)


def _catalogue_build_seconds(environment: dict) -> float:
    settings = Settings.from_env(environment)
    feed = build_components(settings).feed
    started = time.perf_counter()
    feed.catalogue  # noqa: B018 — the first call builds it
    return time.perf_counter() - started


def _under_load(environment: dict, workdir: Path, guides: Path) -> dict:
    with serving(environment, "--workers", "2") as (base, _):
        with ThreadPoolExecutor(max_workers=9) as pool:
            warm = list(pool.map(lambda n: _feed(base, f"warm{n}"), range(8)))  # each worker builds its first catalogue
            steady_feed = list(pool.map(lambda n: _feed(base, f"steady{n}"), range(8)))
            steady = _searches(base, 100)
            more = workdir / "more.jsonl"
            more.write_text("".join(line for _, line in zip(range(20), guides.open(encoding="utf-8"))), encoding="utf-8")
            _cli(environment, "index", "guides", str(more))  # the index changes: every worker rebuilds
            time.sleep(2.5)  # readers notice a new index within 2 s
            calls = [pool.submit(_feed, base, f"user{n}") for n in range(8)] + [pool.submit(_search, base, QUERIES[0])]
            burst = [call.result() for call in calls]
        during = _searches(base, 100)
        time.sleep(30)  # the rebuilds are over
        after = _searches(base, 100)
    return {"warm": warm, "steady_feed": steady_feed, "steady": steady, "feed_burst": burst[:8], "search_in_burst": burst[8],
            "during": during, "after": after}


def _searches(base: str, count: int) -> list[float]:
    return [_search(base, QUERIES[n % len(QUERIES)]) for n in range(count)]


def _feed(base: str, user: str) -> float:
    request = urllib.request.Request(base + "/api/v1/me/feed?size=10",
                                     headers={"Authorization": "Bearer " + issue_token(SECRET, user)})
    return _timed(lambda: json.loads(urllib.request.urlopen(request, timeout=300).read()))


def _search(base: str, query: str) -> float:
    url = base + "/api/v1/search?" + urllib.parse.urlencode({"q": query})
    return _timed(lambda: urllib.request.urlopen(url, timeout=300).read())


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _table(count: int, build_seconds: float, figures: dict) -> str:
    steady, during, after = figures["steady"], figures["during"], figures["after"]
    rows = [
        ("feed calls as the workers start, 8 at once (catalogues still building): slowest", max(figures["warm"])),
        ("feed calls before the load, 8 at once: slowest", max(figures["steady_feed"])),
        ("feed calls right after a load, 8 at once: slowest", max(figures["feed_burst"])),
        ("a search sent with them", figures["search_in_burst"]),
        ("searches before the load: p50 / p99", (percentile(steady, 0.5), percentile(steady, 0.99))),
        ("searches right after the load (100, one after another): p50 / p99", (percentile(during, 0.5), percentile(during, 0.99))),
        ("searches 30 s later: p50 / p99", (percentile(after, 0.5), percentile(after, 0.99))),
    ]
    lines = [
        f"## Feed catalogue rebuild after a load at {count:,} guides (embedded, HTTP, 2 workers)",
        "",
        "`python bench/feed_rebuild_bench.py --count 100000`. After a load each worker keeps serving its",
        "previous catalogue while one background thread builds the new one.",
        "",
        f"Catalogue build in one process: {build_seconds:.1f} s. Searches here are broad (公积金提取 has",
        "thousands of copies at this size), hence their steady p50; what the table shows is the change a",
        "rebuild makes.",
        "",
        "| call | ms |",
        "|---|---:|",
        *(f"| {name} | {_ms(value)} |" for name, value in rows),
    ]
    return "\n".join(lines)


def _ms(value) -> str:
    return " / ".join(f"{v:,.1f}" for v in value) if isinstance(value, tuple) else f"{value:,.1f}"


if __name__ == "__main__":
    main()
