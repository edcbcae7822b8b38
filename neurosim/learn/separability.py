"""Exact linear separability with a proof either way, the maximum-margin plane, and Novikoff's mistake bound.

A finite two-class set is strictly linearly separable iff the convex hulls of its classes are disjoint. Every
number here is about the data as the user wrote them (:mod:`neurosim.learn.rational`: a CSV ``0.29`` is 29/100,
an integer above 2**53 is itself), and every verdict is decided and checked in exact rational arithmetic, so no
input is ever "undecided":

* separable — the L2 maximum-margin plane (w, b), exactly: the perpendicular bisector of the two closest points of
  the hulls (:mod:`neurosim.learn.hull_distance`), scaled so that the closest rows score ±1; its optimality is
  proved by the same exact pass (no pair of rows is closer), and y(w·x + b) ≥ 1 is checked on every row;
* not separable — a :class:`Certificate`: rational coefficients on some positive and some negative rows, each
  side summing to 1, whose weighted sums are the same point (a point in both convex hulls; for XOR
  ½(0,1) + ½(1,0) = ½(0,0) + ½(1,1)), reduced to at most d + 2 rows and checked exactly.

Novikoff's bound (R/γ)² (bias as a constant input 1) is computed exactly too: γ is the distance from the origin
to the hull of the signed points y·(x, 1), so the bound is the rational R²/γ², reported as the float just above.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd, lcm
from typing import Any

import numpy as np

from ..errors import DataError
from .hull_distance import hull_distance
from .rational import RationalMatrix, as_rational, float_near, float_up, fraction_of, sqrt_float
from .validation import encode_labels, targets

__all__ = ["Certificate", "SeparabilityResult", "check_separability",
           "novikoff_bound", "solve_exact", "verify_certificate", "verify_hyperplane"]


@dataclass(frozen=True, slots=True)
class Certificate:
    """A point in both convex hulls: Σ positive[i]·x_i = Σ negative[j]·x_j = point, each side summing to 1.

    Attributes
    ----------
    positive, negative : dict[int, Fraction]
        0-based row → coefficient (> 0) for rows of the positive / negative class.
    point : tuple of Fraction, length d
        The common point.
    """

    positive: dict[int, Fraction]
    negative: dict[int, Fraction]
    point: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        for side, coeffs in (("positive", self.positive), ("negative", self.negative)):
            if not coeffs:
                raise DataError(f"certificate: the {side} side is empty")
            if any(not isinstance(c, Fraction) or c <= 0 for c in coeffs.values()):
                raise DataError(f"certificate: {side} coefficients must be positive Fractions")
            if sum(coeffs.values()) != 1:
                raise DataError(f"certificate: {side} coefficients sum to {sum(coeffs.values())}, expected 1")

    def as_json(self) -> dict[str, Any]:
        """``{"positive": {"ROW": "P/Q"}, "negative": {...}, "point": ["P/Q", ...]}`` (exact fractions)."""
        return {"positive": {str(k): str(v) for k, v in sorted(self.positive.items())},
                "negative": {str(k): str(v) for k, v in sorted(self.negative.items())},
                "point": [str(v) for v in self.point]}


@dataclass(frozen=True, slots=True)
class SeparabilityResult:
    """The verdict with its proof.

    Attributes
    ----------
    separable : bool
    weights : ndarray (d,) float64 or None
        The maximum-margin plane's normal, each entry the float nearest :attr:`exact_weights` (positive side:
        ``classes[1]``); None when not separable.
    bias : float or None
    margin : float or None
        Geometric L2 margin min y(w·x + b)/‖w‖ of the plane over every row (the maximum over all planes).
    certificate : Certificate or None
        The proof of non-separability.
    classes : tuple
        (negative label, positive label).
    margin_norm : str
        ``"l2"`` for a separable set (the plane maximises the L2 margin), ``""`` otherwise.
    novikoff : float or None
        Novikoff's bound (R/γ)² on the perceptron's mistakes (the float at or just above :attr:`novikoff_exact`;
        ``inf`` past the float range).
    exact_weights : tuple of Fraction or None
        The plane exactly: y(w·x + b) ≥ 1 on every row, = 1 on the rows closest to it.
    exact_bias : Fraction or None
    novikoff_exact : Fraction or None
    """

    separable: bool
    weights: np.ndarray | None
    bias: float | None
    margin: float | None
    certificate: Certificate | None
    classes: tuple = ()
    margin_norm: str = ""
    novikoff: float | None = None
    exact_weights: tuple[Fraction, ...] | None = field(default=None, repr=False)
    exact_bias: Fraction | None = None
    novikoff_exact: Fraction | None = None

    def __post_init__(self) -> None:
        if self.separable and (self.weights is None or self.margin is None or self.certificate is not None):
            raise DataError("a separable result needs weights and a margin, and no certificate")
        if not self.separable and self.certificate is None:
            raise DataError("a non-separable result needs its certificate")


# ------------------------------------------------------------------------------------------- checking
def _exact_plane(w: Any, b: Any) -> tuple[list[int], int]:
    """(w, b) as integers over a common positive denominator: ``(w_num + [b_num], den)``."""
    fr = [fraction_of(v, " (plane)") for v in (*np.ravel(np.asarray(w, dtype=object)), b)]
    den = lcm(*(f.denominator for f in fr))
    return [f.numerator * (den // f.denominator) for f in fr], den


def _scores(R: RationalMatrix, w: Any, b: Any) -> np.ndarray:
    """Integer (n,) with the signs (and order) of w·x + b on every row, computed exactly."""
    nums, _ = _exact_plane(w, b)
    if len(nums) != R.shape[1] + 1:
        raise DataError(f"the plane has {len(nums) - 1} weights for {R.shape[1]} features")
    return R.num.dot(np.array(nums[:-1], dtype=object)) + nums[-1] * R.den


def verify_hyperplane(X: Any, positive: np.ndarray, w: Any, b: Any) -> bool:
    """True when y(w·x + b) > 0 on every row, decided exactly.

    ``X`` is taken exactly (floats as their binary values, or a :class:`RationalMatrix`, ints, Fractions), and
    so are ``w`` and ``b`` (floats or Fractions): no rounding enters the sign of any score.
    """
    R = as_rational(X)
    s = _scores(R, w, b)
    pos = np.asarray(positive, dtype=bool)
    return bool(all(v > 0 for v in s[pos]) and all(v < 0 for v in s[~pos]))


def verify_certificate(X: Any, positive: np.ndarray, cert: Certificate) -> bool:
    """Exact rational check: rows on the right sides, coefficients > 0 summing to 1, equal weighted sums."""
    R = as_rational(X)
    n, d = R.shape
    pos = np.asarray(positive, dtype=bool)
    sums = []
    for coeffs, want in ((cert.positive, True), (cert.negative, False)):
        if any(not (0 <= r < n) or bool(pos[r]) != want for r in coeffs):
            return False
        if any(c <= 0 for c in coeffs.values()) or sum(coeffs.values()) != 1:
            return False
        sums.append(tuple(sum((c * R.num[r, j] for r, c in coeffs.items()), Fraction(0)) / R.den
                          for j in range(d)))
    return sums[0] == sums[1] == tuple(cert.point)


def _rref(M: list[list[Fraction]], k: int) -> list[int]:
    """Reduce the rows of M in place over its first k columns (Gauss–Jordan); the pivot columns."""
    pivots: list[int] = []
    for col in range(k):
        row = len(pivots)
        if row == len(M):
            break
        p = next((i for i in range(row, len(M)) if M[i][col] != 0), None)
        if p is None:
            continue
        M[row], M[p] = M[p], M[row]
        inv = 1 / M[row][col]
        M[row] = [v * inv for v in M[row]]
        for i in range(len(M)):
            if i != row and M[i][col] != 0:
                f = M[i][col]
                M[i] = [a - f * c for a, c in zip(M[i], M[row], strict=True)]
        pivots.append(col)
    return pivots


def solve_exact(A: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve A x = rhs exactly (Fraction Gauss–Jordan); free variables are set to 0; None if inconsistent.

    Parameters
    ----------
    A : m lists of k Fractions
    rhs : m Fractions
    """
    k = len(A[0]) if A else 0
    M = [[*row, r] for row, r in zip(A, rhs, strict=True)]
    pivots = _rref(M, k)
    if any(M[i][k] != 0 for i in range(len(pivots), len(M))):
        return None
    x = [Fraction(0)] * k
    for i, col in enumerate(pivots):
        x[col] = M[i][k]
    return x


def _null_vector(cols: list[list[int]]) -> list[Fraction] | None:
    """A nonzero ν with Σ ν_r·cols[r] = 0, or None when the columns are independent."""
    k = len(cols)
    M = [[Fraction(cols[r][i]) for r in range(k)] for i in range(len(cols[0]))]
    pivots = _rref(M, k)
    free = next((c for c in range(k) if c not in pivots), None)
    if free is None:
        return None
    nu = [Fraction(0)] * k
    nu[free] = Fraction(1)
    for i, pc in enumerate(pivots):
        nu[pc] = -M[i][free]
    return nu


def _vertex(M: np.ndarray, positive: np.ndarray, lam: dict[int, Fraction]) -> dict[int, Fraction]:
    """Carathéodory: move the coefficients along null vectors of their columns (±x_r, [r positive],
    [r negative]) until the columns are independent, so at most d + 2 rows remain."""
    lam = dict(lam)
    while True:
        rows = sorted(lam)
        cols = [[(1 if positive[r] else -1) * int(v) for v in M[r]] + [int(positive[r]), int(not positive[r])]
                for r in rows]
        nu = _null_vector(cols)
        if nu is None:
            return lam
        if all(v <= 0 for v in nu):
            nu = [-v for v in nu]
        t = min(lam[r] / v for r, v in zip(rows, nu, strict=True) if v > 0)
        lam = {r: lam[r] - t * v for r, v in zip(rows, nu, strict=True)}
        lam = {r: v for r, v in lam.items() if v != 0}


# ------------------------------------------------------------------------------------------- solving
def _affine_integers(R: RationalMatrix) -> tuple[np.ndarray, np.ndarray, int]:
    """``M = (num − c)/g``: integer rows with the same hulls up to a translation and one positive scale."""
    num = R.num
    c = np.array([(min(col) + max(col)) // 2 for col in num.T], dtype=object)
    M = num - c
    g = gcd(*(int(v) for v in M.ravel())) or 1
    return (M // g if g > 1 else M), c, g


def _labels(y: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    t = targets(y, n, multi_output=False, column_warning=True)
    return encode_labels(t)


def _novikoff(R: RationalMatrix, positive: np.ndarray) -> Fraction:
    """(R/γ)² exactly: R² = max ‖(x, 1)‖², γ = distance from 0 to the hull of the signed y·(x, 1)."""
    n, d = R.shape
    sign = np.where(positive, 1, -1).astype(object)
    Z = np.hstack([R.num, np.full((n, 1), R.den, dtype=object)])
    hd = hull_distance(Z * sign[:, None], np.zeros((1, d + 1), dtype=object))
    if hd.dist2 == 0:
        raise DataError("no plane through the origin of (x, 1) separates the classes")  # only if not separable
    r2 = int(np.max((Z * Z).sum(axis=1)))
    return Fraction(r2) / hd.dist2  # both in the same integer coordinates: the scale cancels


def novikoff_bound(X: Any, y: Any) -> float | None:
    """Novikoff's bound (R/γ)² on the perceptron's number of mistakes, or None when not separable.

    With the bias as a constant input 1, z = (x, 1): R = max ‖z‖ and γ = max over unit v of min y v·z, computed
    exactly (see :func:`check_separability`). The bound does not depend on the learning rate (zero start).

    Notes
    -----
    A. B. Novikoff, "On convergence proofs on perceptrons", Symposium on the Mathematical Theory of Automata (1962).
    """
    res = check_separability(X, y)
    return res.novikoff if res.separable else None


def check_separability(X: Any, y: Any) -> SeparabilityResult:
    """Decide whether two classes are strictly linearly separable, with an exactly checked proof either way.

    Parameters
    ----------
    X : array-like (n, d)
        Numbers taken exactly: floats as their binary values, ints of any size, Fractions, Decimals, or a
        :class:`~neurosim.learn.rational.RationalMatrix` (what :func:`neurosim.io.load_dataset` parses decimal
        text into, ``Dataset.exact``).
    y : array-like (n,) with exactly two labels (the larger one is the positive class)

    Returns
    -------
    SeparabilityResult

    Examples
    --------
    >>> res = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    >>> res.separable, {k: str(v) for k, v in res.certificate.positive.items()}
    (False, {1: '1/2', 2: '1/2'})
    >>> res = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
    >>> [str(v) for v in res.exact_weights], str(res.exact_bias), res.novikoff
    (['2', '2'], '-3', 51.0)
    """
    R = as_rational(X)
    classes, positive = _labels(y, R.shape[0])
    M, c, g = _affine_integers(R)
    hd = hull_distance(M[positive], M[~positive])
    pos_rows, neg_rows = np.flatnonzero(positive), np.flatnonzero(~positive)
    labels = tuple(classes.tolist())
    if hd.dist2 == 0:
        lam = {int(pos_rows[i]): v for i, v in hd.pos.items()}
        lam.update({int(neg_rows[j]): v for j, v in hd.neg.items()})
        lam = _vertex(M, positive, lam)
        cp = {r: v for r, v in lam.items() if positive[r]}
        cn = {r: v for r, v in lam.items() if not positive[r]}
        point = tuple(sum((v * R.num[r, j] for r, v in cp.items()), Fraction(0)) / R.den for j in range(R.shape[1]))
        cert = Certificate(positive=cp, negative=cn, point=point)
        if not verify_certificate(R, positive, cert):
            raise AssertionError("the separability certificate failed its exact check")
        return SeparabilityResult(False, None, None, None, cert, labels)
    # the bisector of the closest points c₊, c₋ (in M's coordinates), scaled so that they score ±1
    k = R.shape[1]
    cp = [sum((v * int(M[pos_rows[i], j]) for i, v in hd.pos.items()), Fraction(0)) for j in range(k)]
    cn = [sum((v * int(M[neg_rows[i], j]) for i, v in hd.neg.items()), Fraction(0)) for j in range(k)]
    half = hd.dist2 / 2
    w_m = [u / half for u in hd.u]
    b_m = -sum((u * (a + b) for u, a, b in zip(hd.u, cp, cn, strict=True)), Fraction(0)) / 2 / half
    # back to X: M = (den·X − c)/g, so w_m·M + b_m = (den/g)·w_m·X + (b_m − w_m·c/g)
    w = tuple(v * R.den / g for v in w_m)
    b = b_m - sum((v * int(cj) for v, cj in zip(w_m, c, strict=True)), Fraction(0)) / g
    s = _scores(R, w, b)
    if not (all(v > 0 for v in s[positive]) and all(v < 0 for v in s[~positive])):
        raise AssertionError("the maximum-margin plane failed its exact check")
    margin = sqrt_float(hd.dist2 * g * g / (4 * R.den * R.den))  # ‖u‖/2 in M's units, times g/den
    bound = _novikoff(R, positive)
    return SeparabilityResult(True, np.array([float_near(v) for v in w]), float_near(b), margin, None, labels,
                              "l2", float_up(bound), w, b, bound)
