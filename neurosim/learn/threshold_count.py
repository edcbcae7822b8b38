"""Classify every Boolean function of n inputs as a threshold function or not, each verdict with a checked proof.

Proofs, both checked exactly in integer arithmetic, vectorised over all functions:

* threshold — integer weights and bias found by the batched perceptron (:func:`neurosim.perceptron_batch.fit_many`,
  which converges on exactly the separable ones), checked on all 2**n rows;
* not threshold — a 2-summable pair: ON rows p₁, p₂ and OFF rows q₁, q₂ with p₁ + p₂ = q₁ + q₂, i.e. the
  certificate ½p₁ + ½p₂ = ½q₁ + ½q₂ (a common point of the two convex hulls). For n ≤ 4 every non-threshold
  function has one; any function left without a proof falls back to the LP certificate of
  :func:`neurosim.separability.check_separability`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

import numpy as np

from ..backend import Backend, get_backend
from ..errors import DataError
from .boolean_functions import all_boolean_functions, boolean_points
from .perceptron_batch import fit_many
from .separability import Certificate, check_separability

__all__ = ["ThresholdCountResult", "count_threshold_functions"]


@dataclass(frozen=True, slots=True)
class ThresholdCountResult:
    """Every function of n inputs with its verdict and proof (host arrays, F = 2**(2**n) functions).

    Attributes
    ----------
    n : int
    count : int
        Number of threshold functions (OEIS A000609).
    threshold : ndarray of bool (F,)
    weights : ndarray of int64 (F, n)
        Separating integer weights (zero rows for non-threshold functions).
    bias : ndarray of int64 (F,)
        f(x) = 1 iff weights·x + bias > 0.
    pairs : ndarray of int64 (F, 4)
        Rows (p₁, p₂, q₁, q₂) of a 2-summable certificate, −1 for threshold functions or LP certificates.
    lp_certificates : dict[int, Certificate]
        Certificates found by LP for functions without a 2-summable pair.
    seconds : float
    """

    n: int
    count: int
    threshold: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    pairs: np.ndarray
    lp_certificates: dict
    seconds: float

    def certificate(self, f: int) -> Certificate | None:
        """The non-threshold proof of function ``f`` as a :class:`Certificate` (None for threshold ones)."""
        if self.threshold[f]:
            return None
        if f in self.lp_certificates:
            return self.lp_certificates[f]
        p1, p2, q1, q2 = (int(v) for v in self.pairs[f])
        pts = boolean_points(self.n)
        half = Fraction(1, 2)
        point = tuple(Fraction(int(a) + int(b), 2) for a, b in zip(pts[p1], pts[p2], strict=True))
        return Certificate(positive={p1: half, p2: half}, negative={q1: half, q2: half}, point=point)


def _pair_certificates(T: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """For each truth table (F, N) find rows p₁ < p₂ ON and q₁ < q₂ OFF with p₁ + p₂ = q₁ + q₂; −1 if none."""
    F, N = T.shape
    groups: dict[tuple, list[tuple[int, int]]] = {}
    for a, b in combinations(range(N), 2):
        groups.setdefault(tuple((pts[a] + pts[b]).tolist()), []).append((a, b))
    out = np.full((F, 4), -1, dtype=np.int64)
    found = np.zeros(F, dtype=bool)
    Tb = T.astype(bool)
    for pairs in groups.values():
        if len(pairs) < 2:
            continue
        A = np.array(pairs)
        on = Tb[:, A[:, 0]] & Tb[:, A[:, 1]]  # (F, g): both rows of the pair are ON
        off = ~Tb[:, A[:, 0]] & ~Tb[:, A[:, 1]]
        hit = on.any(axis=1) & off.any(axis=1) & ~found
        if hit.any():
            pi = A[on[hit].argmax(axis=1)]
            qi = A[off[hit].argmax(axis=1)]
            out[hit] = np.hstack([pi, qi])
            found |= hit
    return out


def _check_pairs(T: np.ndarray, pts: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Exact check of each 2-summable certificate: the right sides, distinct pairs, equal integer sums."""
    idx = np.arange(T.shape[0])
    p1, p2, q1, q2 = (pairs[:, k] for k in range(4))
    ok = (T[idx, p1] == 1) & (T[idx, p2] == 1) & (T[idx, q1] == 0) & (T[idx, q2] == 0) & (p1 != p2) & (q1 != q2)
    return ok & np.all(pts[p1] + pts[p2] == pts[q1] + pts[q2], axis=1)


def _check_planes(T: np.ndarray, pts: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact integer check that [W·x + b > 0] reproduces each truth table on every row."""
    return np.all(((W @ pts.T + b[:, None]) > 0) == T.astype(bool), axis=1)


def count_threshold_functions(n: int, *, backend: str | Backend | None = None,
                              max_epochs: int = 10_000) -> ThresholdCountResult:
    """Classify all 2**(2**n) Boolean functions of n ≤ 4 inputs, with a checked proof for each verdict.

    Parameters
    ----------
    n : int
        Number of inputs, 0 ≤ n ≤ 4 (n = 5 would need 2**32 truth tables).
    backend : str or Backend, optional
        Where the batched perceptron runs.
    max_epochs : int
        Epoch limit of the batched perceptron.

    Returns
    -------
    ThresholdCountResult
        ``count`` is 2, 4, 14, 104, 1882 for n = 0…4 (OEIS A000609).

    Raises
    ------
    DataError
        ``n`` out of range, or (never expected) a verdict whose proof did not check.

    Notes
    -----
    Counts as in S. Muroga, *Threshold Logic and its Applications* (1971); 2-summability as in C. K. Chow (1961)
    and Elgot (1961).
    """
    if not 0 <= n <= 4:
        raise DataError(f"count_threshold_functions enumerates 2**(2**n) functions; expected n in 0..4, got {n}")
    t0 = time.perf_counter()
    be = get_backend(backend)
    pts = boolean_points(n)
    T = be.to_numpy(all_boolean_functions(n, be.xp))
    F = T.shape[0]
    pairs = _pair_certificates(T, pts)
    has_pair = pairs[:, 0] >= 0
    cand = np.flatnonzero(~has_pair)
    W = np.zeros((F, n), dtype=np.int64)
    b = np.zeros(F, dtype=np.int64)
    threshold = np.zeros(F, dtype=bool)
    # constant functions have a single class: w = 0 with b = 1 (always 1) or b = 0 (always 0)
    const = T[cand].min(axis=1) == T[cand].max(axis=1)
    b[cand[const]] = T[cand[const], 0]
    threshold[cand[const]] = True
    train = cand[~const]
    if train.size:
        res = fit_many(pts, T[train], lr=1, max_epochs=max_epochs, backend=be)
        good = train[res.converged]
        W[good] = res.weights[res.converged].astype(np.int64)
        b[good] = res.bias[res.converged].astype(np.int64)
        threshold[good] = True
    lp: dict[int, Certificate] = {}
    for f in np.flatnonzero(~threshold & ~has_pair):  # no 2-summable pair and no convergence: ask the LP
        verdict = check_separability(pts, T[f])
        if verdict.separable:
            raise DataError(f"function {f}: the perceptron did not converge within {max_epochs} epochs; "
                            "raise max_epochs")
        lp[int(f)] = verdict.certificate
    ok_planes = _check_planes(T[threshold], pts, W[threshold], b[threshold])
    ok_pairs = _check_pairs(T[has_pair], pts, pairs[has_pair])
    if not (ok_planes.all() and ok_pairs.all()) or np.any(threshold & has_pair):
        raise DataError("a threshold-function proof failed its exact check (a bug)")
    return ThresholdCountResult(n=n, count=int(threshold.sum()), threshold=threshold, weights=W, bias=b,
                          pairs=np.where(threshold[:, None], -1, pairs), lp_certificates=lp,
                          seconds=time.perf_counter() - t0)
