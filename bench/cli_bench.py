"""How long the command line takes to start: ``govsearch --help`` and ``govsearch token``.

    python bench/cli_bench.py [--runs 20]

Each command runs ``runs`` times as a new process (the installed ``govsearch`` entry point of
this virtualenv); the median and the slowest go to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import write_section  # noqa: E402

COMMANDS = (["--help"], ["token", "p000001"], ["index", "guides", "--help"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    entry = Path(sys.executable).parent / "govsearch"
    environment = {**os.environ, "GOVSEARCH_SECRET": "cli-bench-secret-0123"}
    rows = []
    for command in COMMANDS:
        samples = [_seconds([str(entry), *command], environment) for _ in range(args.runs)]
        rows.append(f"| `govsearch {' '.join(command)}` | {statistics.median(samples):.3f} | {max(samples):.3f} |")
    body = "\n".join([
        "## Command line start",
        "",
        f"`python bench/cli_bench.py --runs {args.runs}`: each command as a new process. Target ≤ 0.3 s.",
        "",
        "| command | median s | slowest s |",
        "|---|---:|---:|",
        *rows,
    ])
    print(body)
    if not args.no_write:
        write_section("cli-start", body)


def _seconds(command: list[str], environment: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=environment, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
