"""Every Boolean function of n inputs, enumerated: the input rows and all 2**(2**n) truth tables.

Rows are in row order (the first input is the most significant bit of the row index, as in
:mod:`neurosim.core.packed`); function f's output on row r is bit r of the integer f.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import DataError

__all__ = ["all_boolean_functions", "boolean_points"]


def boolean_points(n: int) -> np.ndarray:
    """All 2**n input rows (2**n, n) int64; row r has the first input as its most significant bit."""
    r = np.arange(2**n, dtype=np.int64)
    return ((r[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)


def all_boolean_functions(n: int, xp: Any = np) -> Any:
    """The truth tables of all 2**(2**n) functions of n inputs: (F, 2**n) uint8, function f's output on row r
    is bit r of f (row r as in :func:`boolean_points`)."""
    if not 0 <= n <= 4:
        raise DataError(f"all_boolean_functions enumerates 2**(2**n) tables; expected n in 0..4, got {n}")
    f = xp.arange(2 ** (2**n), dtype=xp.int64)
    return ((f[:, None] >> xp.arange(2**n, dtype=xp.int64)) & 1).astype(xp.uint8)
