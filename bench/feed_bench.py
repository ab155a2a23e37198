"""The "我的" feed: offline evaluation against baselines, and feed latency at scale.

    python bench/feed_bench.py --users 1000000 --guides-count 100000 [--workdir DIR]

1. Offline evaluation (``govsearch eval recs``) over the bundled sample guides, on two
   simulations: the hand-written journeys (``simulate_journeys.py``) and the harsher ordered
   journeys the catalogue does not know (``simulate_ordered_journeys.py``): HR@10 and nDCG@10
   of the feed beside popularity, co-occurrence (by copy and by service) and ALS.
2. Scale: ``guides-count`` generated guides, ``users`` simulated users with their events
   (about 20 each) loaded through ``govsearch index users`` / ``index events`` into the
   embedded store, the blend refitted (``govsearch learn blend``), then the feed of random
   users timed in process (p50/p99); the process's peak memory and the store's size.
Writes both to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentile, write_section  # noqa: E402
from bench import simulate_ordered_journeys  # noqa: E402
from bench.simulate_journeys import SAMPLE, write, write_files  # noqa: E402
from govsearch.components import build_components  # noqa: E402
from govsearch.settings import Settings  # noqa: E402
from indexer.behaviour import load_events, load_users  # noqa: E402
from indexer.guides import load_guides  # noqa: E402

EVAL_USERS = 3000


def offline_evaluation(workdir: Path, leg: str | None) -> dict:
    """``govsearch eval recs`` on the hand-written journeys (``leg`` None) or on a leg of the
    ordered ones: "history" (earlier people took every step) or "cold" (nobody took the last)."""
    users, events = workdir / "eval-users.jsonl", workdir / "eval-events.jsonl"
    if leg:
        write_files(simulate_ordered_journeys.people(SAMPLE, EVAL_USERS, 7, leg=leg), users, events)
    else:
        write(SAMPLE, EVAL_USERS, 7, users, events)
    result = subprocess.run(
        [sys.executable, "-m", "govsearch.cli", "eval", "recs", "--json", "--guides", str(SAMPLE),
         "--users", str(users), "--events", str(events)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--guides-count", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=5000)
    parser.add_argument("--browsing", type=int, default=14, help="stray views a user at most (sets events per user)")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="govsearch-feed-"))
    workdir.mkdir(parents=True, exist_ok=True)

    figures = {"hand-written journeys": offline_evaluation(workdir, None),
               "ordered journeys with history": offline_evaluation(workdir, "history"),
               "ordered journeys, cold": offline_evaluation(workdir, "cold")}
    print(json.dumps(figures), flush=True)

    guides = workdir / "guides.jsonl"
    generator = Path(__file__).resolve().parent / "generate_guides.py"
    subprocess.run([sys.executable, str(generator), "--count", str(args.guides_count), "--out", str(guides)], check=True)
    users_file, events_file = workdir / "users.jsonl", workdir / "events.jsonl"
    started = time.perf_counter()
    _, event_count = write(guides, args.users, 7, users_file, events_file, args.browsing)
    print(f"simulated {args.users:,} users, {event_count:,} events in {time.perf_counter() - started:.0f} s", flush=True)

    settings = Settings(data_dir=workdir / "var")
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    components = build_components(settings)
    load_guides([guides], components.guides, components.analyzer, settings.rejected_dir, replace=True, progress=False)
    users_report = load_users([users_file], components.behaviour, settings.rejected_dir)
    events_report = load_events([events_file], components.feed, settings.rejected_dir)
    print(users_report.summary(), events_report.summary(), sep="\n", flush=True)

    started = time.perf_counter()
    blend = build_components(settings).feed.fit_blend(5000)
    fit_seconds = time.perf_counter() - started
    print(f"blend fitted in {fit_seconds:.1f} s: {blend['weights']}", flush=True)

    feed = build_components(settings).feed  # a fresh worker
    with open(users_file, encoding="utf-8") as handle:
        user_ids = [json.loads(line)["user_id"] for line in handle]
    sample = random.Random(7).sample(user_ids, args.feeds)  # real users, each with a profile and a history
    for user in sample[:300]:
        feed.feed(user)
    latencies = []
    for user in sample:
        begun = time.perf_counter()
        feed.feed(user)
        latencies.append((time.perf_counter() - begun) * 1000)

    methods = [method for method in figures["hand-written journeys"] if method != "feed rules"]
    rows = [f"| {method} | " + " | ".join(_cells(figures[simulation].get(method)) for simulation in figures) + " |" for method in methods]
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    body = "\n".join([
        "## \"我的\" feed: offline evaluation and latency",
        "",
        f"Script: `python bench/feed_bench.py --users {args.users} --guides-count {args.guides_count}`.",
        "",
        f"Offline evaluation (`govsearch eval recs`, leave-last-out, the blend fitted on the training history) on "
        f"{EVAL_USERS:,} users over the bundled sample guides (3 provinces, 12 localities), simulated by "
        "`bench/simulate_journeys.py` (hand-written journeys, most along the catalogue's life events) and by "
        "`bench/simulate_ordered_journeys.py` (harsher: 120 random ordered journeys across themes sharing hub "
        "services, interleaved, skipped and swapped steps, stray views of other localities' and audiences' copies, "
        "old yearly completions, each step in the copy serving the person's locality) in two legs: with history "
        "(earlier people took every step) and cold (each person's last step is a service nobody was seen taking):",
        "",
        "| method | " + " | ".join(f"{simulation} HR@10 | nDCG@10" for simulation in figures) + " |",
        "|---|" + "---|---|" * len(figures),
        *rows,
        "",
        "The feed's items against its rules (`feed rules` of `govsearch eval recs`): "
        + "; ".join(f"{simulation}: " + ", ".join(f"{name} {count:,}" for name, count in f["feed rules"].items())
                    for simulation, f in figures.items()) + ".",
        "",
        f"Scale: {args.users:,} simulated users with {events_report.processed:,} events over {args.guides_count:,} guides, "
        "embedded store (SQLite).",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        f"| events loaded and learned from (`govsearch index events`) | {events_report.processed / events_report.seconds:,.0f} events/s "
        f"({events_report.seconds / 60:.1f} min) | ≥ 20,000 events/s |",
        f"| blend refitted (`govsearch learn blend`, 5,000 users) | {fit_seconds:.1f} s | |",
        f"| feed p50 / p99 (in process, {len(latencies):,} random users, 10 items) | "
        f"{percentile(latencies, 0.5):.2f} / {percentile(latencies, 0.99):.2f} ms | p99 ≤ 10 ms |",
        f"| peak memory of the process (catalogue of {args.guides_count:,} guides, learning, feeds) | {peak_gb:.1f} GB | |",
        f"| database size | {settings.sqlite_path.stat().st_size / 1e9:.1f} GB | |",
    ])
    print(body)
    if not args.no_write:
        write_section("feed", body)
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


def _cells(figures: dict | None) -> str:
    return f"{figures['hr@10']:.3f} | {figures['ndcg@10']:.3f}" if figures else "n/a | n/a"


if __name__ == "__main__":
    main()
