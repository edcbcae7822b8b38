"""The distance between the convex hulls of two finite point sets, exactly, with the closest points.

``conv(P) − conv(N)`` is the convex hull of the differences ``p − q``; its point of minimum norm ``u`` is the
difference of the two closest points, and ``u = 0`` iff the hulls meet. Wolfe's minimum-norm-point algorithm
finds it in finitely many steps of exact arithmetic, and its stopping test is the proof of optimality:
``u·(p − q) ≥ ‖u‖²`` for every pair, i.e. ``min_p u·p − max_q u·q ≥ ‖u‖²`` (one pass over the points).

A float64 run of the same algorithm on a scaled copy comes first and hands its final corral (the support) to
the exact run, which then usually only confirms it: one exact solve and one exact pass. The exact run works on
integers (the points are integer rows, see :mod:`neurosim.learn.rational`) in FLINT's integer matrices
(python-flint), so no step rounds and no tolerance decides anything.

Notes
-----
P. Wolfe, "Finding the nearest point in a polytope", Mathematical Programming 11 (1976). On the difference of
two polytopes it is the scheme of Gilbert, Johnson & Keerthi (1988), with the linear minimisation over pairs
split into a minimum over P and a maximum over N.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import flint
import numpy as np

__all__ = ["HullDistance", "hull_distance", "int_solve"]

#: float iterations before the warm start is handed over as it is (the exact run finishes the job)
_FLOAT_MAX_ITER = 400
_FLOAT_TOL = 1e-12


@dataclass(frozen=True, slots=True)
class HullDistance:
    """The closest points of conv(P) and conv(N).

    Attributes
    ----------
    pos, neg : dict[int, Fraction]
        Convex weights (> 0, summing to 1) on rows of P and of N: ``c_P = Σ pos·P``, ``c_N = Σ neg·N``. When the
        hulls meet they come from an exact run alone, so they are the same on every machine (``u``, ``dist2``
        always are: the point of minimum norm is unique).
    u : tuple of Fraction, length k
        ``c_P − c_N``, the point of minimum norm of conv(P) − conv(N) (all zero iff the hulls meet).
    dist2 : Fraction
        ``‖u‖²``.
    iterations : int
        Exact major iterations (0 when the float run's support was already optimal).
    """

    pos: dict[int, Fraction]
    neg: dict[int, Fraction]
    u: tuple[Fraction, ...]
    dist2: Fraction
    iterations: int


def int_solve(M: list[list[int]], rhs: list[int]) -> list[Fraction] | None:
    """Solve the square integer system ``M x = rhs`` exactly; None if M is singular.

    FLINT's ``fmpz_mat.solve`` (fraction-free and multimodular elimination in C): about 6× faster than the same
    elimination in Python integers for 22 unknowns and 100× for 52 (``benchmarks/bench_separability.py``).
    """
    try:
        sol = flint.fmpz_mat(M).solve(flint.fmpz_mat([[v] for v in rhs]))
    except ZeroDivisionError:  # singular
        return None
    return [Fraction(int(q.p), int(q.q)) for q in sol.entries()]


def _float_points(A: np.ndarray, scale_bits: int) -> np.ndarray:
    """Integer rows as float64, all divided by 2**scale_bits (so the largest is about 1; tiny ones may be 0)."""
    sh = max(0, scale_bits - 60)
    out = (A >> sh if sh else A).astype(np.float64)
    return out / 2.0 ** min(scale_bits, 60)


def _bits(A: np.ndarray) -> int:
    """Bit length of the largest magnitude in an integer object array (at least 1)."""
    return max(1, int(np.max(np.abs(A))).bit_length()) if A.size else 1


def _float_corral(Pf: np.ndarray, Nf: np.ndarray, start: tuple[int, int]) -> list[tuple[int, int]]:
    """Wolfe's algorithm in float64; its last corral (pairs of rows), a guess for the exact run."""
    corral, lam = [start], np.ones(1)
    for _ in range(_FLOAT_MAX_ITER):
        A = Pf[[i for i, _ in corral]] - Nf[[j for _, j in corral]]
        x = lam @ A
        xx = float(x @ x)
        sp, sn = Pf @ x, Nf @ x
        i, j = int(np.argmin(sp)), int(np.argmax(sn))
        if xx - (sp[i] - sn[j]) <= _FLOAT_TOL or (i, j) in corral:
            break
        corral.append((i, j))
        lam = np.append(lam, 0.0)
        for _ in range(len(corral) + 1):  # minor cycles
            A = Pf[[i for i, _ in corral]] - Nf[[j for _, j in corral]]
            s = len(corral)
            K = np.ones((s + 1, s + 1))
            K[:s, :s] = A @ A.T
            K[s, s] = 0.0
            rhs = np.zeros(s + 1)
            rhs[s] = 1.0
            try:
                alpha = np.linalg.solve(K, rhs)[:s]
            except np.linalg.LinAlgError:
                return corral
            if not np.all(np.isfinite(alpha)):
                return corral
            if np.all(alpha > _FLOAT_TOL):
                lam = alpha
                break
            bad = alpha <= _FLOAT_TOL
            theta = float(np.min(lam[bad] / (lam[bad] - alpha[bad])))
            lam = theta * alpha + (1 - theta) * lam
            keep = lam > _FLOAT_TOL
            keep[int(np.argmin(np.where(bad, lam, np.inf)))] = False
            corral = [c for c, k in zip(corral, keep, strict=True) if k]
            lam = lam[keep] / lam[keep].sum()
            if not corral:
                return [start]
    return corral


class _Exact:
    """Wolfe's algorithm on integer rows, in exact arithmetic (FLINT integer matrices)."""

    def __init__(self, P: np.ndarray, N: np.ndarray) -> None:
        self.P, self.N = P, N
        self.passes = 0
        self.Pm: flint.fmpz_mat | None = None
        self.Nm: flint.fmpz_mat | None = None

    def scores(self, x: list[int]) -> tuple[list, list]:
        """u·p for every row of P and u·q for every row of N (the first pass, often the only one, by NumPy:
        building FLINT's matrices costs more than one pass)."""
        self.passes += 1
        if self.passes == 1:
            xo = np.array(x, dtype=object)
            return list(self.P.dot(xo)), list(self.N.dot(xo))
        if self.Pm is None:
            self.Pm, self.Nm = flint.fmpz_mat(self.P.tolist()), flint.fmpz_mat(self.N.tolist())
        col = flint.fmpz_mat([[v] for v in x])
        return (self.Pm * col).entries(), (self.Nm * col).entries()

    def atoms(self, corral: list[tuple[int, int]]) -> flint.fmpz_mat:
        return flint.fmpz_mat([[int(a) - int(b) for a, b in zip(self.P[i], self.N[j], strict=True)]
                               for i, j in corral])

    def affine_min(self, corral: list[tuple[int, int]]) -> list[Fraction] | None:
        """Weights (summing to 1) of the point of least norm in the affine hull of the corral; None if the
        corral is affinely dependent."""
        B = self.atoms(corral)
        G = (B * B.transpose()).tolist()
        s = len(corral)
        got = int_solve([[int(v) for v in G[r]] + [1] for r in range(s)] + [[1] * s + [0]], [0] * s + [1])
        return None if got is None else got[:s]

    def minor(self, corral: list[tuple[int, int]], lam: list[Fraction]
              ) -> tuple[list[tuple[int, int]], list[Fraction]] | None:
        """Wolfe's minor cycles: move towards the affine minimiser, dropping atoms, until it lies inside."""
        while True:
            alpha = self.affine_min(corral)
            if alpha is None:
                return None
            if all(a > 0 for a in alpha):
                return corral, alpha
            theta = min(l_ / (l_ - a) for l_, a in zip(lam, alpha, strict=True) if a <= 0)
            lam = [theta * a + (1 - theta) * l_ for l_, a in zip(lam, alpha, strict=True)]
            keep = [k for k, l_ in enumerate(lam) if l_ > 0]
            corral, lam = [corral[k] for k in keep], [lam[k] for k in keep]

    def point(self, corral: list[tuple[int, int]], lam: list[Fraction]) -> tuple[list[int], int]:
        """The corral's point as integers over a positive common denominator, reduced."""
        D = math.lcm(*(v.denominator for v in lam))
        w = flint.fmpz_mat([[v.numerator * (D // v.denominator) for v in lam]])
        x = [int(v) for v in (w * self.atoms(corral)).entries()]
        g = math.gcd(D, *x)
        return [v // g for v in x], D // g

    def run(self, corral: list[tuple[int, int]], lam: list[Fraction]) -> tuple[list, list, list[int], int, int]:
        iterations = 0
        while True:
            x, D = self.point(corral, lam)
            if not any(x):
                return corral, lam, x, D, iterations
            sp, sn = self.scores(x)
            i = min(range(len(sp)), key=sp.__getitem__)
            j = max(range(len(sn)), key=sn.__getitem__)
            if int(sp[i] - sn[j]) * D >= sum(v * v for v in x):  # u·(p − q) ≥ ‖u‖² for all pairs: optimal
                return corral, lam, x, D, iterations
            if (i, j) in corral:  # impossible in exact arithmetic: x is the corral's affine minimiser
                raise AssertionError("Wolfe's algorithm re-entered a corral atom")
            iterations += 1
            got = self.minor([*corral, (i, j)], [*lam, Fraction(0)])
            if got is None:
                raise AssertionError("Wolfe's algorithm met an affinely dependent corral")
            corral, lam = got


def _start(Pf: np.ndarray, Nf: np.ndarray) -> tuple[int, int]:
    """A first pair: the P row nearest N's centroid and the N row nearest it."""
    i = int(np.argmin(((Pf - Nf.mean(axis=0)) ** 2).sum(axis=1)))
    j = int(np.argmin(((Nf - Pf[i]) ** 2).sum(axis=1)))
    return i, j


def hull_distance(P: np.ndarray, N: np.ndarray) -> HullDistance:
    """The closest points of the convex hulls of the rows of ``P`` and of ``N``, exactly.

    Parameters
    ----------
    P, N : ndarray of object (Python int), shapes (n1, k) and (n2, k)
        Integer points (scale rational data to integers first; distances scale with them).

    Returns
    -------
    HullDistance
    """
    bits = max(_bits(P), _bits(N))
    Pf, Nf = _float_points(P, bits), _float_points(N, bits)
    start = _start(Pf, Nf)
    ex = _Exact(P, N)
    guess = list(dict.fromkeys(_float_corral(Pf, Nf, start)))
    # the float corral, if its atoms are affinely independent in exact arithmetic; else start over from one atom
    got = ex.minor(guess, [Fraction(1, len(guess))] * len(guess)) if len(guess) > 1 else None
    corral, lam = got if got is not None else ([guess[0] if len(guess) == 1 else start], [Fraction(1)])
    first = list(corral)
    corral, lam, x, D, iterations = ex.run(corral, lam)
    if not any(x) and first != [(0, 0)]:
        # the hulls meet: which convex weights prove it may depend on the float run's last bits (BLAS kernels
        # differ between CPUs), so the weights come from an exact run from the first rows, the same everywhere
        corral, lam, x, D, more = ex.run([(0, 0)], [Fraction(1)])
        iterations += more
    pos: dict[int, Fraction] = {}
    neg: dict[int, Fraction] = {}
    for (i, j), l_ in zip(corral, lam, strict=True):
        pos[i] = pos.get(i, Fraction(0)) + l_
        neg[j] = neg.get(j, Fraction(0)) + l_
    u = tuple(Fraction(v, D) for v in x)
    return HullDistance(pos, neg, u, Fraction(sum(v * v for v in x), D * D), iterations)
