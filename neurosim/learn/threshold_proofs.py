"""Finding the proofs of the threshold census: integer weights for threshold functions, certificates for the rest.

Functions are truth-table words (:mod:`neurosim.learn.npn`); every proof found here is checked exactly before
it is returned, and checked again, independently, by :mod:`neurosim.learn.certificates`.

* **weights** — f(x) = [w·x ≥ θ] with integers w ≥ 0, θ ≥ 0 of least total w₁ + … + wₙ + θ, found by a small
  integer program (HiGHS through :func:`scipy.optimize.milp`) and checked on all 2**n rows;
* **pair** — ON rows p₁, p₂ and OFF rows q₁, q₂ with p₁ + p₂ = q₁ + q₂: f is 2-summable, so no hyperplane
  separates (summing w·x ≥ θ over p₁, p₂ and w·x < θ over q₁, q₂ gives 2θ ≤ 2θ − something positive);
* **farkas** — the general form: multisets P of ON rows and Q of OFF rows of the same size with the same sum
  (k-summability; Elgot 1961, Chow 1961), from the exact LP certificate of
  :func:`neurosim.learn.check_separability` scaled to integer multiplicities. Every non-threshold function has
  one; for n ≤ 8 a pair always exists (Muroga), so this is a fallback.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations
from math import lcm

import numpy as np

from ..errors import DataError
from .boolean_functions import boolean_points

__all__ = ["find_farkas", "find_pairs", "find_weights", "word_bits"]

#: bound on each weight and the threshold in the integer program (the largest needed for n ≤ 6 is far below)
MAX_WEIGHT = 1 << 12


def word_bits(T: np.ndarray, n: int) -> np.ndarray:
    """(K, 2**n) uint8: bit r of each word, i.e. each function's value on row r."""
    T = np.asarray(T, dtype=np.uint64).reshape(-1)
    r = np.arange(1 << n, dtype=np.uint64)
    return ((T[:, None] >> r[None, :]) & np.uint64(1)).astype(np.uint8)


@cache
def _sum_groups(n: int) -> tuple[np.ndarray, ...]:
    """Pairs of distinct rows grouped by their coordinate sum, only the groups with two pairs or more."""
    pts = boolean_points(n)
    groups: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    for a, b in combinations(range(1 << n), 2):
        groups.setdefault(tuple((pts[a] + pts[b]).tolist()), []).append((a, b))
    return tuple(np.array(g, dtype=np.int64) for _, g in sorted(groups.items()) if len(g) >= 2)


def find_pairs(T: np.ndarray, n: int) -> np.ndarray:
    """For each word, rows (p₁, p₂, q₁, q₂): p's ON, q's OFF, p₁ + p₂ = q₁ + q₂; −1s where none exists.

    Returns
    -------
    (K, 4) int64
        The first such pair in a fixed order (groups by sum, then row order), so the answer is deterministic.
    """
    B = word_bits(T, n).astype(bool)
    out = np.full((B.shape[0], 4), -1, dtype=np.int64)
    found = np.zeros(B.shape[0], dtype=bool)
    for A in _sum_groups(n):
        a, b = B[:, A[:, 0]], B[:, A[:, 1]]
        on, off = a & b, ~a & ~b
        hit = on.any(axis=1) & off.any(axis=1) & ~found
        if hit.any():
            out[hit] = np.hstack([A[on[hit].argmax(axis=1)], A[off[hit].argmax(axis=1)]])
            found |= hit
    return out


def find_weights(t: int, n: int) -> tuple[tuple[int, ...], int] | None:
    """Integer weights w ≥ 0 and threshold θ ≥ 0 with f(x) = [w·x ≥ θ] on every row, or None when the integer
    program is infeasible (f is not a monotone threshold function). Checked exactly before it is returned."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    pts = boolean_points(n)
    y = word_bits(np.array([t], dtype=np.uint64), n)[0].astype(bool)
    A = np.hstack([pts, -np.ones((1 << n, 1))]).astype(np.float64)
    lo = np.where(y, 0.0, -np.inf)  # ON: w·p − θ ≥ 0
    hi = np.where(y, np.inf, -1.0)  # OFF: w·q − θ ≤ −1
    res = milp(np.ones(n + 1), constraints=LinearConstraint(A, lo, hi), integrality=np.ones(n + 1),
               bounds=Bounds(0, MAX_WEIGHT))
    if res.status != 0 or res.x is None:
        return None
    v = np.rint(res.x).astype(np.int64)
    w, theta = v[:n], int(v[n])
    if not np.array_equal(pts @ w >= theta, y):
        raise DataError(f"function {t:#x}: the integer program's weights failed the exact check (a bug)")
    return tuple(int(x) for x in w), theta


def find_farkas(t: int, n: int) -> tuple[dict[int, int], dict[int, int]]:
    """Multisets (row -> multiplicity) P of ON rows and Q of OFF rows, of equal size and equal coordinate sums,
    from the exact separability certificate. Raises DataError when f is in fact separable."""
    from .separability import check_separability

    pts = boolean_points(n)
    y = word_bits(np.array([t], dtype=np.uint64), n)[0]
    res = check_separability(pts, y)
    if res.separable:
        raise DataError(f"function {t:#x} is linearly separable: it has no Farkas certificate")
    cert = res.certificate
    scale = lcm(*(c.denominator for c in (*cert.positive.values(), *cert.negative.values())))
    P = {int(k): int(v * scale) for k, v in cert.positive.items() if v}
    Q = {int(k): int(v * scale) for k, v in cert.negative.items() if v}
    sp = sum(m * pts[r] for r, m in P.items())
    sq = sum(m * pts[r] for r, m in Q.items())
    ok = (sum(P.values()) == sum(Q.values()) and np.array_equal(sp, sq)
          and all(y[r] == 1 for r in P) and all(y[r] == 0 for r in Q))
    if not ok:
        raise DataError(f"function {t:#x}: the separability certificate failed the exact check (a bug)")
    return dict(sorted(P.items())), dict(sorted(Q.items()))
