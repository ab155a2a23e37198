"""The one-line summary every ``govsearch index`` command ends with, and its exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class LoadReport:
    kind: str  # guides, cases, users, events
    counts: dict[str, int]  # what was loaded, in the order it is reported
    rejected: int
    seconds: float
    rejects_path: Path | None
    processed: int  # what the throughput counts …
    unit: str  # … and in what: guides/s, events/s

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0

    def summary(self) -> str:
        rate = self.processed / self.seconds if self.seconds else 0.0
        counted = ", ".join(f"{label} {count}" for label, count in self.counts.items())
        line = f"{self.kind}: {counted}, rejected {self.rejected}, {self.seconds:.2f} s, {rate:,.0f} {self.unit}/s"
        return line + (f"; rejects in {self.rejects_path}" if self.rejects_path else "")
