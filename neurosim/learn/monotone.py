"""Every monotone Boolean function of n ≤ 6 inputs, as truth-table words, generated in blocks.

A function f of n inputs is monotone iff its two halves along the first input, f0 = f|x₁=0 and f1 = f|x₁=1
(functions of the other n − 1 inputs; the low and the high half of the word), are monotone with f0 ≤ f1. So the
monotone functions of n inputs are the pairs f0 ≤ f1 of monotone functions of n − 1 inputs, and a block of them is
a range of f0 (in the sorted list for n − 1) with every f1 above it: 7,828,354 functions for n = 6 (Dedekind's
number M(6)) come in blocks that need only the 7,581 functions of 5 inputs to build.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import numpy as np

from ..errors import DataError
from .npn import MAX_WORD_INPUTS

__all__ = ["block_ranges", "monotone_block", "monotone_functions", "upset_sizes"]

_U = np.uint64


@cache
def _monotone_cached(n: int) -> np.ndarray:
    if n == 0:
        return np.array([0, 1], dtype=_U)
    out = monotone_block(n, 0, _monotone_cached(n - 1).size)
    out.sort()
    out.setflags(write=False)
    return out


def monotone_functions(n: int) -> np.ndarray:
    """All monotone functions of n inputs, sorted ((M(n),) uint64, read-only): 2, 3, 6, 20, 168, 7581, 7828354."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_WORD_INPUTS:
        raise DataError(f"monotone functions are enumerated for 0..{MAX_WORD_INPUTS} inputs, found n={n!r}")
    return _monotone_cached(n)


def monotone_block(n: int, start: int, stop: int) -> np.ndarray:
    """The monotone functions of n ≥ 1 inputs whose low half is function ``start .. stop - 1`` of
    ``monotone_functions(n - 1)``, in that order of f0 and then of f1 (uint64)."""
    prev = monotone_functions(n - 1)
    shift = _U(1 << (n - 1))
    parts = [f0 | (prev[(prev & f0) == f0] << shift) for f0 in prev[start:stop]]
    return np.concatenate(parts) if parts else np.empty(0, dtype=_U)


@cache
def upset_sizes(n: int) -> np.ndarray:
    """For each f0 in ``monotone_functions(n - 1)``, how many monotone functions of n inputs have low half f0."""
    prev = monotone_functions(n - 1)
    return np.array([np.count_nonzero((prev & f0) == f0) for f0 in prev], dtype=np.int64)


def block_ranges(n: int, n_blocks: int) -> list[tuple[int, int]]:
    """Cut ``monotone_functions(n - 1)`` into at most ``n_blocks`` ranges of f0 holding about equally many
    functions of n inputs each (deterministic: the blocks depend on n and n_blocks only)."""
    sizes = upset_sizes(n)
    cum = np.cumsum(sizes)
    total = int(cum[-1])
    cuts = [0]
    for b in range(1, n_blocks):
        c = int(np.searchsorted(cum, total * b / n_blocks, side="left")) + 1
        if c > cuts[-1] and c < sizes.size:
            cuts.append(c)
    cuts.append(sizes.size)
    return list(pairwise(cuts))
