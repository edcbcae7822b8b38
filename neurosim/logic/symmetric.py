"""Totally symmetric functions: detection on cubes, and their realisation as unions of count intervals.

A function is symmetric when its value depends only on how many inputs are 1. A cube with ``f`` positive
literals and ``d`` free variables holds points of every count in ``[f, f + d]``, so an incompletely specified
function given by ON and OFF cubes is symmetric iff the counts its ON cubes reach and those its OFF cubes reach
are disjoint — an exact test that never enumerates rows.

Notes
-----
Symmetric functions and their detection: Shannon, "A symbolic analysis of relay and switching circuits" (1938);
McCluskey, "Detection of group invariance or total symmetry of a Boolean function" (1956). An interval of
counts ``[a, b]`` is one MP unit (θ = a over all inputs, vetoed by an "at least b+1" unit), so a symmetric
function costs its number of intervals (plus shared "at least" units and one OR unit), not 2^n terms.
"""

from __future__ import annotations

import numpy as np

__all__ = ["count_intervals", "symmetric_profile"]


def _ranges(care: np.ndarray, val: np.ndarray, n: int) -> np.ndarray:
    """(n + 1,) bool: the counts of ones that some point of the cover has."""
    reach = np.zeros(n + 1, dtype=bool)
    if len(care) == 0:
        return reach
    ones = np.bitwise_count(val).sum(axis=1)
    free = n - np.bitwise_count(care).sum(axis=1)
    diff = np.zeros(n + 2, dtype=np.int64)
    np.add.at(diff, ones, 1)
    np.add.at(diff, ones + free + 1, -1)
    return np.cumsum(diff)[: n + 1] > 0


def symmetric_profile(on_care: np.ndarray, on_val: np.ndarray, off_care: np.ndarray, off_val: np.ndarray,
                      n: int) -> np.ndarray | None:
    """The value per count of ones, or None when the function is not symmetric.

    Returns
    -------
    ndarray of int8, shape (n + 1,) or None
        1 where ON points have that count, 0 where OFF points do, -1 where no care point does.
    """
    on = _ranges(on_care, on_val, n)
    off = _ranges(off_care, off_val, n)
    if (on & off).any():
        return None
    return np.where(on, 1, np.where(off, 0, -1)).astype(np.int8)


def count_intervals(profile: np.ndarray) -> list[tuple[int, int]]:
    """Fewest intervals ``[a, b]`` of counts covering every 1 and no 0 of ``profile``.

    Don't-cares join neighbouring runs of ones and extend the last run up to ``n`` (an interval ending at ``n``
    needs no "at least b+1" veto); other don't-cares are left out.
    """
    n = len(profile) - 1
    out: list[tuple[int, int]] = []
    k = 0
    while k <= n:
        if profile[k] != 1:
            k += 1
            continue
        a = k
        b = k
        j = k + 1
        while j <= n and profile[j] != 0:
            if profile[j] == 1:
                b = j
            j += 1
        if j > n:  # only ones and don't-cares up to n
            b = n
        out.append((a, b))
        k = j
    return out
