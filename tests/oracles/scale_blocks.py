"""Block functions for the scale tests: module-level, so worker processes import them by name."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from neurosim.errors import DataError


def square_plus(shared: Any, block: int) -> int:
    return (shared or 0) + block * block


def fails_on_three(shared: Any, block: int) -> int:
    if block == 3:
        raise DataError("row 3 is not 0/1")
    return block


def buggy(shared: Any, block: int) -> int:
    return {}[block]  # a KeyError: not a reason in the data, so it keeps its type


def dies_once(shared: tuple[str, Any, Any], block: Any) -> Any:
    """Kill this worker process the first time block ``victim`` runs (a marker file remembers), then do the work
    of ``fn`` — a worker dying mid-job."""
    marker_dir, fn, inner = shared
    index, payload = block
    marker = Path(marker_dir) / f"died-{index}"
    if index == 1 and not marker.exists():
        marker.write_text("x")
        os._exit(1)
    return fn(inner, payload)
