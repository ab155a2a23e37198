"""Helpers shared by the benchmark scripts: the machine's description, percentiles, and
writing a section of BENCHMARKS.md between markers so reruns replace their own figures."""

from __future__ import annotations

import os
import platform
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section ``name`` of BENCHMARKS.md with ``body``."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    stamped = f"{start}\n{body.rstrip()}\n\n_Measured {time.strftime('%Y-%m-%d %H:%M %Z')} on {machine()}._\n{end}"
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: stamped, text) if pattern.search(text) else text.rstrip() + "\n\n" + stamped + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")


def wait_until_serving(base: str, seconds: float = 60.0) -> None:
    """Wait for ``base``/healthz to answer; a server that does not is an error."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{base} did not start serving within {seconds:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(environment: dict, *options: str, seconds: float = 120.0):
    """``govsearch serve [options]`` on a free port with ``environment``, until the block ends;
    yields its base URL and its process."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "govsearch.cli", "serve", "--port", str(port), *options],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, seconds)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
