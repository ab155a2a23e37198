"""Search over HTTP against the same server's bare throughput, driven by wrk.

    python bench/http_bench.py [--count N] [--backend embedded|elasticsearch] [--redis]

Loads the bundled sample guides (or ``--count`` generated ones) into a temporary data dir,
starts ``govsearch serve`` with its defaults and runs wrk (Debian's) three times against it
with the same connections and duration: ``/healthz`` (what the server can do at all), the
search mix repeating (what a portal sees: the same questions again and again) and searches
that are each asked once (no cache can answer them). Prints req/s, p50/p99 and errors of
each and the ratios, and writes them to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import free_port, serving, write_section  # noqa: E402
from bench.guides_bench import QUERY_MIX, REGIONS, _generate  # noqa: E402

SAMPLE_GUIDES = Path(__file__).resolve().parents[1] / "govsearch" / "sample_data" / "guides.jsonl"
PLACES = ["杭州", "西湖区", "上城区", "成都", "武侯区", "锦江区", "武汉", "洪山区", "江汉区", "浙江", "四川", "湖北"]
ASKED = ["", "怎么办", "需要什么材料", "在哪里办", "要多久", "网上办理", "流程", "多少钱", "条件"]

# Each wrk thread walks its own share of the paths file, in order, so a "fresh" run never
# sends one query twice while the file lasts.
WRK_SCRIPT = """
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  paths, next_path = {}, 0
  local n = 0
  for line in io.lines(args[1]) do
    if n % tonumber(args[2]) == id then paths[#paths + 1] = line end
    n = n + 1
  end
end
function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
"""


def repeating_mix(count: int, seed: int = 7) -> list[str]:
    """The benchmark's query mix as a portal sends it: a fifth from a locality, a tenth page 2."""
    rng = random.Random(seed)
    paths = []
    for _ in range(count):
        params = {"q": rng.choice(QUERY_MIX)}
        if rng.random() < 0.2:
            params["locality"] = rng.choice(REGIONS)
        if rng.random() < 0.1:
            params["page"] = 2
        paths.append("/api/v1/search?" + urllib.parse.urlencode(params))
    return paths


def fresh_queries(seed: int = 11) -> list[str]:
    """Every query different: a place, a question of the mix and how people go on asking
    (杭州公积金提取需要什么材料), shuffled."""
    texts = [f"{place}{query}{asked}" for place, query, asked in itertools.product([""] + PLACES, QUERY_MIX, ASKED)
             if (place or asked) and not re.fullmatch(r"[0-9A-Za-z]+", query)]
    random.Random(seed).shuffle(texts)
    return ["/api/v1/search?" + urllib.parse.urlencode({"q": text}) for text in dict.fromkeys(texts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=0, help="generated guides (default: the bundled sample)")
    parser.add_argument("--backend", choices=("embedded", "elasticsearch"), default="embedded")
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9250"))
    parser.add_argument("--redis", action="store_true", help="keep the query log and counters in a redis-server")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=15, help="seconds per run")
    parser.add_argument("--section", default=None, help="BENCHMARKS.md section (default from the options)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="govsearch-http-bench-") as temporary:
        workdir = Path(temporary)
        environment = _environment(workdir, args)
        guides = SAMPLE_GUIDES
        if args.count:
            guides = workdir / "guides.jsonl"
            _generate(args.count, guides)
        subprocess.run([sys.executable, "-m", "govsearch.cli", "index", "guides", str(guides), "--replace"],
                       env=environment, check=True, stdout=subprocess.DEVNULL)
        with _redis(workdir, environment) if args.redis else nullcontext(), serving(environment) as (base, _):
            runs = {
                "healthz": {**_wrk(base, ["/healthz"], workdir, args), "hit_rate": None},  # asks no question
                "search, repeating mix": _wrk(base, repeating_mix(5000), workdir, args),
                "search, every query new": _wrk(base, fresh_queries(), workdir, args),
            }
    body = _table(runs, args)
    print(body)
    if not args.no_write:
        write_section(args.section or _section_name(args), body)


def _environment(workdir: Path, args) -> dict:
    environment = {**os.environ, "GOVSEARCH_DATA_DIR": str(workdir / "var"), "GOVSEARCH_BACKEND": args.backend,
                   "GOVSEARCH_INDEX_PREFIX": "httpbench", "GOVSEARCH_SECRET": "http-bench-secret"}
    environment.pop("REDIS_URL", None)
    if args.backend == "elasticsearch":
        environment["ELASTICSEARCH_URL"] = args.elasticsearch_url
    return environment


@contextmanager
def _redis(workdir: Path, environment: dict):
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
                               "--dir", str(workdir)], stdout=subprocess.DEVNULL)
    environment["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    try:
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wrk(base: str, paths: list[str], workdir: Path, args) -> dict:
    threads = 2
    listing, script = workdir / "paths.txt", workdir / "paths.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")

    def run(listed: list[str], connections: int, seconds: int) -> str:
        listing.write_text("\n".join(listed) + "\n", encoding="utf-8")
        return subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                               "-s", str(script), base, "--", str(listing), str(threads)],
                              check=True, capture_output=True, text=True).stdout

    # Warm up (each worker builds its query parser, the OS caches the index) with the repeating
    # mix, which the new queries never repeat; then measure.
    run(repeating_mix(500, seed=3), 8, 3)
    before = _answer_cache_counts(base)
    figures = _parse_wrk(run(paths, args.connections, args.duration), len(set(paths)))
    hits, misses = (after - earlier for after, earlier in zip(_answer_cache_counts(base), before))
    figures["hit_rate"] = hits / (hits + misses) if hits + misses else None
    return figures


def _answer_cache_counts(base: str) -> tuple[float, float]:
    """The answer cache's hits and misses so far, summed over the workers (from /metrics)."""
    text = urllib.request.urlopen(base + "/metrics").read().decode()

    def total(name: str) -> float:
        return sum(float(n) for n in re.findall(rf'^govsearch_cache_{name}_total{{cache="answers"}} (\S+)$', text, re.M))

    return total("hits"), total("misses")


def _parse_wrk(output: str, distinct: int) -> dict:
    def milliseconds(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\b", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds("50%"),
        "p99": milliseconds("99%"),
        "requests": requests,
        "errors": socket_errors + (int(non_2xx.group(1)) if non_2xx else 0),
        "distinct": distinct,
    }


def _share(rate: float | None) -> str:
    return "" if rate is None else f"{rate:.0%}"


def _section_name(args) -> str:
    return "-".join(["http-search", args.backend] + (["redis"] if args.redis else []) + ([f"{args.count}"] if args.count else []))


def _table(runs: dict[str, dict], args) -> str:
    bare = runs["healthz"]["rate"]
    store = "Redis (query log, counters)" if args.redis else "SQLite"
    corpus = f"{args.count:,} generated guides" if args.count else "the bundled sample guides"
    lines = [
        f"## Search over HTTP: {args.backend} engine, {store}, {corpus}",
        "",
        f"Script: `python bench/http_bench.py{' --count ' + str(args.count) if args.count else ''} --backend {args.backend}"
        f"{' --redis' if args.redis else ''}` (`govsearch serve` defaults; wrk, 2 threads, {args.connections} connections,"
        f" {args.duration} s per run after a 3 s warm-up; the repeating mix is bench/guides_bench.py's, a fifth from a"
        " locality and a tenth page 2; in the new-query run each request is a query asked once, 杭州公积金提取需要什么材料).",
        "",
        "| run | req/s | × /healthz | p50 | p99 | requests | errors | answers from the cache | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    targets = {"healthz": "", "search, repeating mix": "≥ 0.5×, p99 ≤ 100 ms", "search, every query new": "≥ 0.25×"}
    for name, run in runs.items():
        lines.append(f"| {name} | {run['rate']:,.0f} | {run['rate'] / bare:.2f} | {run['p50']:.1f} ms | {run['p99']:.1f} ms"
                     f" | {run['requests']:,} | {run['errors']} | {_share(run['hit_rate'])} | {targets[name]} |")
    fresh = runs["search, every query new"]
    if fresh["requests"] > fresh["distinct"]:
        lines.append(f"\nThe new-query run sent {fresh['requests']:,} requests from {fresh['distinct']:,} distinct queries:"
                     " the later ones were repeats.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
