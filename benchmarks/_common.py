"""Tiny helpers shared by the benchmark scripts: the common options, best-of timing, a table, JSON output.

Each script does ``from _common import ...`` (benchmarks/ is on ``sys.path`` when a script there is run).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["best_of", "emit", "parser", "ratio", "table"]


def parser(description: str, *, backend: bool = True) -> argparse.ArgumentParser:
    """An argument parser with ``--json``, ``--quick`` and (optionally) ``--backend``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    p.add_argument("--repeat", type=int, default=3, help="time each workload this many times, keep the best")
    if backend:
        p.add_argument("--backend", default="numpy", choices=("numpy", "cupy"), help="neurosim's array backend")
    return p


def best_of(fn: Callable[[], Any], repeat: int = 3, sync: Callable[[], None] | None = None) -> tuple[float, Any]:
    """Run ``fn`` ``repeat`` times; return the best wall time in seconds and the last result.

    ``sync`` (e.g. a GPU synchronize) runs before the clock stops, so queued device work is counted.
    """
    best = float("inf")
    result = None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        result = fn()
        if sync is not None:
            sync()
        best = min(best, time.perf_counter() - t0)
    return best, result


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b``, or None when either is missing or b is 0."""
    if a is None or b is None or b == 0:
        return None
    return a / b


def _cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1e4 else f"{v:.3e}"
    return str(v)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain left-aligned text table."""
    cells = [[_cell(v) for v in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def emit(obj: dict[str, Any]) -> None:
    """Print ``obj`` as one JSON object."""
    print(json.dumps(obj, indent=2, allow_nan=False))
