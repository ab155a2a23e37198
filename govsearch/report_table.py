"""``govsearch report``: the operators' report as tables for a terminal."""

from __future__ import annotations

import unicodedata


def _width(text: str) -> int:
    """Display columns: hanzi and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value, width: int, right: bool = False) -> str:
    text = "" if value is None else str(value)
    while _width(text) > width:
        text = text[:-1]
    pad = " " * (width - _width(text))
    return pad + text if right else text + pad


def _table(title: str, headers: list[tuple[str, int, bool]], rows: list[list]) -> list[str]:
    lines = ["", title, "  ".join(_cell(h, w, r) for h, w, r in headers)]
    lines.append("  ".join("-" * w for _, w, _ in headers))
    lines += ["  ".join(_cell(value, w, r) for value, (_, w, r) in zip(row, headers)) for row in rows]
    if not rows:
        lines.append("(none)")
    return lines


def format_usage_report(report: dict) -> str:
    latency = report["latency_ms"]
    lines = [
        f"Searches in the last {report['days']} days: {report['searches']:,}; "
        f"zero-result rate {report['zero_result_rate']:.1%}; latency p50 {latency['p50']} ms, p99 {latency['p99']} ms "
        "(upper bucket edges)",
    ]
    lines += _table("Queries that found nothing", [("query", 30, False), ("count", 7, True), ("nearest guide", 40, False)],
                    [[r["query"], r["count"], (r["suggestion"] or {}).get("name")] for r in report["zero_result_queries"]])
    lines += _table("Top queries", [("query", 30, False), ("count", 7, True), ("clients", 7, True), ("CTR", 6, True), ("rank", 5, True)],
                    [[r["query"], r["count"], r["clients"], f"{r['click_through_rate']:.0%}", r["mean_click_rank"]] for r in report["top_queries"]])
    lines += _table("Top viewed guides", [("code", 16, False), ("name", 40, False), ("views", 7, True)],
                    [[r["code"], r["name"], r["views"]] for r in report["top_guides"]])
    lines += _table("Facts asked (多少钱, 带什么 …)", [("aspect", 12, False), ("asked", 7, True), ("answered", 8, True)],
                    [[r["aspect"], r["asked"], r["answered"]] for r in report["asked_facts"]])
    lines += _table("Facts asked of guides that lack them (for the guides' editors)",
                    [("aspect", 12, False), ("code", 16, False), ("name", 40, False), ("questions", 9, True)],
                    [[r["aspect"], r["code"], r["name"], r["questions"]] for r in report["unanswered_facts"]])
    return "\n".join(lines)
