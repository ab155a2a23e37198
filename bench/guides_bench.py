"""Guide indexing throughput and in-process search latency at scale.

    python bench/guides_bench.py --count 100000 [--backends embedded,elasticsearch]

Generates ``count`` guides from the bundled sample (bench/generate_guides.py), loads them
with ``--replace`` into a temporary data dir (timed: guides/s, with the meanings encoded from
an empty vector cache, then again from a warm one), then runs a realistic query mix through
the search service in this process (timed per call: p50/p90/p99), words alone and words with
meaning (the query's encoding timed apart), and writes the figures to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentile, serving, write_section  # noqa: E402
from govsearch.components import build_components  # noqa: E402
from govsearch.settings import Settings  # noqa: E402
from indexer.guides import load_guides  # noqa: E402
from search.analysis import exact_key  # noqa: E402
from search.meaning import MeaningVectors  # noqa: E402
from search.plan import SearchRequest  # noqa: E402
from search.service import SearchService  # noqa: E402
from search.stores.sqlite_vectors import SqliteVectorCache  # noqa: E402

# What people type into the box: official names, fragments, questions, everyday words,
# abbreviations, pinyin, typos and traditional characters, a case number now and then.
QUERY_MIX = [
    "住房公积金提取", "公积金提取", "公积金怎么取", "买房提取公积金", "租房提取公积金", "公积金贷款",
    "居民身份证换领", "身份证到期了怎么换", "身份证丢了怎么办", "身份证补办", "临时身份证",
    "户口迁入", "新生儿落户", "孩子出生了要办什么", "户籍证明", "居住证办理",
    "结婚登记", "结婚证", "离婚登记需要什么材料", "补领结婚证",
    "个体工商户设立登记", "个体户", "营业执照", "开饭店要办什么证", "食品经营许可", "注册公司",
    "有限责任公司设立登记", "公司变更登记", "企业注销", "发票领用", "增值税专用发票",
    "社保", "社会保险参保登记", "灵活就业参保", "失业保险金申领", "失业了怎么领钱", "养老保险关系转移",
    "医保异地就医备案", "异地就医", "生育登记", "准生证", "出生医学证明", "预防接种",
    "机动车驾驶证换证", "驾照到期", "驾驶证遗失补证", "交通违法处理", "机动车年检",
    "护照办理", "港澳通行证", "往来港澳通行证签注", "出入境",
    "不动产登记", "房产证", "不动产抵押登记", "二手房过户",
    "无犯罪记录证明", "良民证", "最低生活保障", "低保申请", "高龄津贴", "残疾人证", "退役军人优待证",
    "法律援助", "公证", "教师资格认定", "小学入学", "转学",
    "排污许可", "道路运输经营许可", "网约车", "建设工程施工许可", "用水报装",
    "gongjijin", "shebao", "gjj", "sfz", "公積金提取", "護照", "身分证", "结昏登记",
    "登记", "证明", "许可", "补领", "4401062025110300017",
]
REGIONS = ["浙江省杭州市西湖区", "四川省成都市武侯区", "湖北省武汉市洪山区", "北京市朝阳区"]


def _requests(count: int, seed: int) -> list[SearchRequest]:
    """The mix with a fifth filtered by region or audience and a tenth asking for page 2."""
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        filters = {}
        if rng.random() < 0.2:
            filters = {"region": [rng.choice(REGIONS)]} if rng.random() < 0.5 else {"audience": [rng.choice(["个人", "法人"])]}
        page = 2 if rng.random() < 0.1 else 1
        requests.append(SearchRequest(rng.choice(QUERY_MIX), page=page, size=10, filters=filters))
    return requests


class _Recorder:
    """The engine, noting each call a search makes of it, to time the same calls alone after."""

    RECORDED = ("search", "search_first", "retrieve", "get")

    def __init__(self, engine):
        self.engine = engine
        self.calls: list[tuple] = []

    def __getattr__(self, name: str):
        attribute = getattr(self.engine, name)
        if name not in self.RECORDED:
            return attribute

        def recorded(*args):
            self.calls.append((attribute, args))
            return attribute(*args)

        return recorded


def _uncached_and_engine_alone(components, requests: list[SearchRequest], encoder=None) -> tuple[list[float], list[float]]:
    """Each search with no answer cache, then the engine calls it made, replayed alone. With an
    encoder, every query is encoded first, so its encoding (timed apart) is not in the figures."""
    recorder = _Recorder(components.guides)
    search = SearchService(recorder, components.analyzer, encoder, answers_cached=0)
    for request in requests:
        search.search(request)
    uncached, engine_alone = [], []
    for request in requests:
        recorder.calls = []
        uncached += _timed([lambda: search.search(request)])
        calls = recorder.calls
        engine_alone += _timed([lambda: [call(*args) for call, args in calls]])
    return uncached, engine_alone


def _timed(calls) -> list[float]:
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _generate(count: int, path: Path) -> None:
    generator = Path(__file__).resolve().parent / "generate_guides.py"
    subprocess.run([sys.executable, str(generator), "--count", str(count), "--out", str(path)], check=True)


def _measure(backend: str, guides_file: Path, workdir: Path, args) -> dict:
    """Load, then time searches in process, over HTTP and suggestions on one engine."""
    settings = Settings(data_dir=workdir / backend, backend=backend, elasticsearch_url=args.elasticsearch_url,
                        index_prefix="bench")
    components = build_components(settings)
    components.guides.drop()
    cold = MeaningVectors(components.vectors.encoder, SqliteVectorCache(workdir / f"{backend}-vectors.sqlite3"))

    def load():
        return load_guides([guides_file], components.guides, components.analyzer, settings.rejected_dir, replace=True,
                           progress=False, vectors=cold)

    report, warm = load(), load()  # the second finds every meaning's vector cached
    lexical_report = load_guides([guides_file], components.guides, components.analyzer, settings.rejected_dir,
                                 replace=True, progress=False)
    load()
    meanings = len(components.guides.meanings().rows)
    search = build_components(settings).search  # a fresh reader, as a server worker has
    started = time.perf_counter()
    search.parser  # built on the first search after a load: pinyin lexicon of the index's words
    parser_seconds = time.perf_counter() - started
    requests = _requests(args.searches, args.seed)
    for request in requests[:300]:  # warm the caches the way a running server is warm
        search.search(request)
    query_log = build_components(settings).query_log  # the API's log: buffered, written by a thread

    def search_and_log(request: SearchRequest) -> None:
        response = search.search(request)
        query_log.search(exact_key(search.analyzer.normalize(request.q)), response, request.page, request.filters, "10.0.0.1")

    # Each request both ways, in alternating order, so caches favour neither.
    latencies, logged = [], []
    for number, request in enumerate(requests):
        order = ((search.search, latencies), (search_and_log, logged))
        for call, samples in order if number % 2 else reversed(order):
            samples += _timed([lambda call=call, request=request: call(request)])
    query_log.flush()
    fresh = build_components(settings)
    uncached, engine_alone = _uncached_and_engine_alone(fresh, requests)
    hybrid, hybrid_engine = _uncached_and_engine_alone(fresh, requests, fresh.encoder)
    encoding = _encoding_latencies(build_components(settings).encoder, args.searches)
    prefixes = [q[:n] for q in QUERY_MIX for n in (1, 2, 3) if len(q) >= n]
    suggest_latencies = _timed(lambda p=p: search.suggest(p, 8) for p in prefixes * 5)
    http, workers_mb = _http_latencies(settings, requests[: args.http_searches])
    figures = {
        "loaded": report.counts["loaded"], "rate": report.processed / report.seconds, "seconds": report.seconds,
        "warm_rate": warm.processed / warm.seconds, "lexical_rate": lexical_report.processed / lexical_report.seconds,
        "meanings": meanings, "hybrid": hybrid, "hybrid_engine": hybrid_engine, "encoding": encoding,
        "index_mb": _index_mb(settings), "latencies": latencies, "logged": logged, "parser_ms": parser_seconds * 1000,
        "suggest": suggest_latencies, "http": http,
        "uncached": uncached, "engine": engine_alone, "workers_mb": workers_mb,
    }
    components.guides.drop()
    return figures


def _encoding_latencies(encoder, count: int) -> list[float]:
    """Query encodings on one thread, each text new to the encoder's cache (a query not seen before)."""
    texts = [f"{QUERY_MIX[n % len(QUERY_MIX)]}{'怎么办理' if n % 3 == 0 else ''}{n}" for n in range(count)]
    encoder.query(texts[0])  # the session is made on first use
    return _timed(lambda text=text: encoder.query(text) for text in texts[1:])


def _index_mb(settings: Settings) -> float:
    if settings.backend == "embedded":
        return sum(p.stat().st_size for p in settings.guides_dir.rglob("*") if p.is_file()) / 1e6
    import elasticsearch

    with elasticsearch.Elasticsearch(settings.elasticsearch_url) as es:
        stats = es.indices.stats(index=f"{settings.index_prefix}-guides", metric="store")
        return stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e6


def _workers_rss_mb(server_pid: int) -> list[float]:
    """The resident memory of each worker process of the server, in MB."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def _http_latencies(settings: Settings, requests: list[SearchRequest]) -> tuple[list[float], list[float]]:
    """Searches over HTTP, one at a time, against ``govsearch serve`` (gunicorn, 2 workers)."""
    import os
    import urllib.parse
    import urllib.request

    environment = {**os.environ, "GOVSEARCH_DATA_DIR": str(settings.data_dir), "GOVSEARCH_BACKEND": settings.backend,
                   "GOVSEARCH_INDEX_PREFIX": settings.index_prefix, "ELASTICSEARCH_URL": settings.elasticsearch_url or ""}
    with serving(environment, seconds=30) as (base, server):
        urls = [f"{base}/api/v1/search?" + urllib.parse.urlencode({"q": r.q, "page": r.page, **{k: v[0] for k, v in r.filters.items()}})
                for r in requests]
        for url in urls[:100]:
            urllib.request.urlopen(url).read()
        latencies = _timed(lambda url=url: urllib.request.urlopen(url).read() for url in urls)
        return latencies, _workers_rss_mb(server.pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=5000)
    parser.add_argument("--http-searches", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backends", default="embedded", help="comma-separated: embedded,elasticsearch")
    parser.add_argument("--elasticsearch-url", default=None, help="a running cluster (else scripts/elasticsearch.sh starts one)")
    parser.add_argument("--section", default="guide-search", help="BENCHMARKS.md section to write")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    backends = args.backends.split(",")
    started_node = "elasticsearch" in backends and not args.elasticsearch_url
    if started_node:
        script = Path(__file__).resolve().parents[1] / "scripts" / "elasticsearch.sh"
        output = subprocess.run([str(script), "start", "--port", "9270"], capture_output=True, text=True, check=True).stdout
        args.elasticsearch_url = output.strip().splitlines()[-1].split("=", 1)[1]
    try:
        with tempfile.TemporaryDirectory(prefix="govsearch-bench-") as temporary:
            guides_file = Path(temporary) / "guides.jsonl"
            _generate(args.count, guides_file)
            size_mb = guides_file.stat().st_size / 1e6
            figures = {backend: _measure(backend, guides_file, Path(temporary), args) for backend in backends}
    finally:
        if started_node:
            subprocess.run([str(script), "stop", "--port", "9270"], check=False)
    body = _table(figures, args, size_mb)
    print(body)
    if not args.no_write:
        write_section(args.section, body)


def _table(figures: dict[str, dict], args, size_mb: float) -> str:
    names = {"embedded": "embedded (tantivy)", "elasticsearch": "Elasticsearch 8 (1 node)"}
    loaded = next(iter(figures.values()))["loaded"]

    def row(label: str, cell, target: str = "") -> str:
        return f"| {label} | " + " | ".join(cell(f) for f in figures.values()) + f" | {target} |"

    p = percentile
    return "\n".join([
        f"## Guides: indexing and search at {loaded:,} guides",
        "",
        "Script: `python bench/guides_bench.py --count {} --backends {}` (guides generated by `bench/generate_guides.py` "
        "from the bundled sample; {:.0f} MB of JSONL; both engines in one run, the same queries).".format(
            args.count, args.backends, size_mb),
        "",
        "| measure | " + " | ".join(names[b] for b in figures) + " | target |",
        "|---|" + "---|" * len(figures) + "---|",
        row("indexing (`--replace`: validation + analysis + meanings + engine), vector cache empty",
            lambda f: f"{f['rate']:,.0f} guides/s ({f['seconds']:.1f} s; {f['meanings']:,} meanings)", "≥ 4,000 / ≥ 3,000 guides/s"),
        row("… the same load again, every meaning's vector cached", lambda f: f"{f['warm_rate']:,.0f} guides/s", "≥ 4,000 / ≥ 3,000 guides/s"),
        row("… words alone (GOVSEARCH_SEMANTIC=off)", lambda f: f"{f['lexical_rate']:,.0f} guides/s"),
        row("index size", lambda f: f"{f['index_mb']:,.0f} MB"),
        row(f"search p50 / p90 / p99 in process, no answer cache ({args.searches:,} searches of the query mix)",
            lambda f: f"{p(f['uncached'], 0.5):.2f} / {p(f['uncached'], 0.9):.2f} / {p(f['uncached'], 0.99):.2f} ms", ""),
        row("the same searches' engine calls alone, p50 / p99", lambda f: f"{p(f['engine'], 0.5):.2f} / {p(f['engine'], 0.99):.2f} ms"),
        row("search p50 / p99 in process with meaning (nearest neighbours + fusion; encoding apart), no answer cache",
            lambda f: f"{p(f['hybrid'], 0.5):.2f} / {p(f['hybrid'], 0.99):.2f} ms", "p99 ≤ 8 / ≤ 25 ms"),
        row("… its engine calls alone, p50 / p99", lambda f: f"{p(f['hybrid_engine'], 0.5):.2f} / {p(f['hybrid_engine'], 0.99):.2f} ms"),
        row("query encoding p50 / p99 (one thread, each query new)",
            lambda f: f"{p(f['encoding'], 0.5):.2f} / {p(f['encoding'], 0.99):.2f} ms", "≤ 5 / ≤ 10 ms"),
        row("search ÷ engine alone, p50 / p99", lambda f: f"{p(f['uncached'], 0.5) / p(f['engine'], 0.5):.2f}× / "
            f"{p(f['uncached'], 0.99) / p(f['engine'], 0.99):.2f}×", "≤ 3×"),
        row("search p50 / p99 in process, answer cache on (the mix repeats)",
            lambda f: f"{p(f['latencies'], 0.5):.2f} / {p(f['latencies'], 0.99):.2f} ms"),
        row("search p50 / p99 with the query log on", lambda f: f"{p(f['logged'], 0.5):.2f} / {p(f['logged'], 0.99):.2f} ms"),
        row(f"search p50 / p99 over HTTP (gunicorn 2×4, {args.http_searches:,} sequential)",
            lambda f: f"{p(f['http'], 0.5):.2f} / {p(f['http'], 0.99):.2f} ms"),
        row("memory per server worker after the HTTP searches (RSS)",
            lambda f: " / ".join(f"{mb:,.0f}" for mb in f["workers_mb"]) + " MB"),
        row("query parser rebuilt after a load (lexicon + pinyin, once per worker)", lambda f: f"{f['parser_ms']:,.0f} ms"),
        row("suggest p50 / p99 (prefixes of 1–3 characters)", lambda f: f"{p(f['suggest'], 0.5):.2f} / {p(f['suggest'], 0.99):.2f} ms"),
    ])


if __name__ == "__main__":
    main()
