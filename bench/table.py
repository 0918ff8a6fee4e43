"""Print the README's results table from bench/results/*.json.

.venv/bin/python bench/table.py bench/results/2026-11-28-*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PAGES = (
    "caseload", "case list p1", "case list p", "search by reading", "case page", "add a note",
    "roll-call (40)", "overview",
)  # fmt: skip


def cell(endpoints: dict, prefix: str) -> str:
    name = next(
        (
            n
            for n in endpoints
            if n == prefix or (prefix == "case list p" and n.startswith(prefix) and n != "case list p1")
        ),
        None,
    )
    if name is None:
        return "—"
    stats = endpoints[name]
    mark = "" if not stats.get("target_p95_ms") or stats["p95"] <= stats["target_p95_ms"] else " ✗"
    return f"{stats['p50']:.0f} / {stats['p95']:.0f}{mark}"


def main(paths: list[str]) -> None:
    header = [
        "data",
        "clients",
        "req/s",
        "errors",
        *[("deep page" if p == "case list p" else p) for p in PAGES],
        "server CPU ms/req",
        "RSS MB",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for path in paths:
        result = json.loads(Path(path).read_text())
        label = f"{result['size']} / {result['database']}"
        for phase in result["phases"]:
            cells = [cell(phase["endpoints"], page) for page in PAGES]
            rss = "/".join(f"{mb:.0f}" for mb in result["worker_rss_mb"])
            cpu = phase.get("cpu_ms_per_request", {}).get("server workers")
            row = [
                label,
                str(phase["concurrency"]),
                f"{phase['requests_per_second']:.0f}",
                str(phase["errors"]),
                *cells,
                "—" if cpu is None else f"{cpu:.0f}",
                rss,
            ]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
