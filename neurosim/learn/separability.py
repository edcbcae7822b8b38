"""Exact linear separability with a proof either way, and Novikoff's mistake bound.

A finite two-class set is strictly linearly separable iff the convex hulls of its classes are disjoint. The
verdict comes with a proof that is checked before it is returned:

* separable — a hyperplane (w, b) with y(w·x + b) > 0 on every point, verified with a rigorous floating-point
  error bound (so the sign of every score is certain), together with its geometric L2 margin
  min y(w·x + b) / ‖w‖ computed on every point;
* not separable — a :class:`Certificate`: rational coefficients on some positive and some negative points, each
  side summing to 1, whose weighted sums are the same point (a point in both convex hulls; for XOR
  ½(0,1) + ½(1,0) = ½(0,0) + ½(1,1)), verified in exact rational arithmetic.

The hyperplane is the maximum-margin one: first an LP (HiGHS) maximising the margin with ‖w‖∞ ≤ 1, then the
exact L2 maximum-margin QP (min ½‖w‖² s.t. y(w·x + b) ≥ 1) solved by SLSQP on a growing working set of the
points closest to the plane; the plane with the larger verified L2 margin is returned and ``margin_norm`` says
which. The certificate comes from a vertex of the LP {λ ≥ 0, Σλ₊ = Σλ₋ = 1, Σλ₊x = Σλ₋x}; its support is then
solved again exactly by Fraction Gaussian elimination.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core import HTMLRepr
from ..errors import DataError
from .validation import check_Xy, encode_labels

__all__ = ["Certificate", "SeparabilityResult", "check_separability",
           "novikoff_bound", "solve_exact", "verify_certificate", "verify_hyperplane"]

_U = 2.0 ** -53  # unit roundoff of float64


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
class SeparabilityResult(HTMLRepr):
    """The verdict with its proof.

    Attributes
    ----------
    separable : bool
    weights : ndarray (d,) float64 or None
        A verified separating hyperplane's normal (positive side: ``classes[1]``), None when not separable.
    bias : float or None
    margin : float or None
        Geometric L2 margin min y(w·x + b)/‖w‖ of the returned plane over every point.
    margin_norm : str
        ``"l2"`` when the returned plane is the L2 max-margin QP solution, ``"linf"`` for the LP plane, ``""``.
    certificate : Certificate or None
        The proof of non-separability.
    classes : tuple
        (negative label, positive label).
    novikoff : float or None
        Novikoff's bound (R/γ)² on the perceptron's mistakes (with the bias as a constant input 1).
    """

    separable: bool
    weights: np.ndarray | None
    bias: float | None
    margin: float | None
    certificate: Certificate | None
    classes: tuple = ()
    margin_norm: str = ""
    novikoff: float | None = None

    def __post_init__(self) -> None:
        if self.separable and (self.weights is None or self.margin is None or self.certificate is not None):
            raise DataError("a separable result needs weights and a margin, and no certificate")
        if not self.separable and self.certificate is None:
            raise DataError("a non-separable result needs its certificate")


# ------------------------------------------------------------------------------------------- checking
def verify_hyperplane(X: np.ndarray, positive: np.ndarray, w: np.ndarray, b: float) -> bool:
    """True when y(w·x + b) > 0 on every row, with every sign certain despite rounding.

    The score of each row is accepted only when it exceeds the worst-case rounding error of its dot product,
    (d + 2)·u·(|x|·|w| + |b|) (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1).
    """
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    s = X @ w + b
    err = (X.shape[1] + 2) * 2 * _U * (np.abs(X) @ np.abs(w) + abs(b)) + 1e-300
    signed = np.where(positive, s, -s)
    return bool(np.all(signed > err))


def verify_certificate(X: np.ndarray, positive: np.ndarray, cert: Certificate) -> bool:
    """Exact rational check: rows on the right sides, coefficients > 0 summing to 1, equal weighted sums."""
    X = np.asarray(X)
    n, d = X.shape
    sums = []
    for coeffs, want in ((cert.positive, True), (cert.negative, False)):
        if any(not (0 <= r < n) or bool(positive[r]) != want for r in coeffs):
            return False
        if any(c <= 0 for c in coeffs.values()) or sum(coeffs.values()) != 1:
            return False
        sums.append(tuple(sum((c * _frac(X[r, j]) for r, c in coeffs.items()), Fraction(0)) for j in range(d)))
    return sums[0] == sums[1] == tuple(cert.point)


def _frac(v: Any) -> Fraction:
    return Fraction(int(v)) if isinstance(v, int | np.integer) else Fraction(float(v))


def solve_exact(A: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve A x = rhs exactly (Fraction Gauss–Jordan); free variables are set to 0; None if inconsistent.

    Parameters
    ----------
    A : m lists of k Fractions
    rhs : m Fractions
    """
    m, k = len(A), len(A[0]) if A else 0
    M = [[*row, r] for row, r in zip(A, rhs, strict=True)]
    pivots: list[int] = []
    row = 0
    for col in range(k):
        p = next((i for i in range(row, m) if M[i][col] != 0), None)
        if p is None:
            continue
        M[row], M[p] = M[p], M[row]
        inv = 1 / M[row][col]
        M[row] = [v * inv for v in M[row]]
        for i in range(m):
            if i != row and M[i][col] != 0:
                f = M[i][col]
                M[i] = [a - f * c for a, c in zip(M[i], M[row], strict=True)]
        pivots.append(col)
        row += 1
        if row == m:
            break
    if any(M[i][k] != 0 for i in range(row, m)):
        return None
    x = [Fraction(0)] * k
    for i, col in enumerate(pivots):
        x[col] = M[i][k]
    return x


# ------------------------------------------------------------------------------------------- solving
def _lp_margin(X: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray, float]:
    """max τ s.t. t_i(w·x_i + b) ≥ τ, ‖w‖∞ ≤ 1 (HiGHS). Returns (τ, w, b) in X's coordinates."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, hstack

    n, d = X.shape
    # variables [w (d), b, τ]; rows: τ − t_i(w·x_i + b) ≤ 0
    A = hstack([csr_matrix(-t[:, None] * X), csr_matrix(-t[:, None]), csr_matrix(np.ones((n, 1)))]).tocsr()
    c = np.zeros(d + 2)
    c[-1] = -1.0
    bounds = [(-1.0, 1.0)] * d + [(None, None), (None, 1.0)]
    res = linprog(c, A_ub=A, b_ub=np.zeros(n), bounds=bounds, method="highs")
    if res.status != 0:
        return 0.0, np.zeros(d), 0.0
    return float(-res.fun), res.x[:d], float(res.x[d])


def _qp_margin(Z: np.ndarray, t: np.ndarray, w0: np.ndarray, *, free_last: bool) -> np.ndarray | None:
    """L2 max margin: min ½‖v‖² (the last coordinate free when ``free_last``) s.t. t_i v·z_i ≥ 1.

    SLSQP on a working set grown from the points closest to the starting plane ``w0`` until no point violates.
    """
    from scipy.optimize import minimize

    n, k = Z.shape
    tz = t[:, None] * Z
    s0 = tz @ w0
    if np.min(s0) <= 0:
        return None
    v = w0 / np.min(s0)
    mask = np.ones(k)
    if free_last:
        mask[-1] = 0.0
    work = set(np.argsort(s0)[: min(n, 2 * k + 8)].tolist())
    for _ in range(40):
        idx = np.fromiter(sorted(work), dtype=np.intp)
        G = tz[idx]
        res = minimize(lambda u: 0.5 * np.dot(mask * u, u), v, jac=lambda u: mask * u, method="SLSQP",
                       constraints=[{"type": "ineq", "fun": lambda u, G=G: G @ u - 1.0, "jac": lambda u, G=G: G}],
                       options={"maxiter": 500, "ftol": 1e-14})
        v = res.x
        viol = tz @ v - 1.0
        bad = np.flatnonzero(viol < -1e-9)
        if bad.size == 0:
            return v
        work.update(bad[np.argsort(viol[bad])[:k + 8]].tolist())
    return None


def _geometric_margin(X: np.ndarray, t: np.ndarray, w: np.ndarray, b: float) -> float:
    return float(np.min(t * (X @ w + b)) / np.linalg.norm(w))


def _certificate(X: np.ndarray, positive: np.ndarray) -> Certificate | None:
    """A vertex of {λ ≥ 0, Σλ₊ = Σλ₋ = 1, Σλ₊x − Σλ₋x = 0} from HiGHS, re-solved exactly on its support."""
    from scipy.optimize import linprog

    n, d = X.shape
    sign = np.where(positive, 1.0, -1.0)
    A_eq = np.vstack([(sign[:, None] * X).T, positive.astype(float), (~positive).astype(float)])
    b_eq = np.concatenate([np.zeros(d), [1.0, 1.0]])
    res = linprog(np.zeros(n), A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs-ds")
    if res.status != 0:
        return None
    for tol in (1e-9, 0.0):
        support = np.flatnonzero(res.x > tol)
        cols = [[_frac(A_eq[i, j]) if i < d else Fraction(int(A_eq[i, j])) for j in support]
                for i in range(d + 2)]
        # rebuild the data rows exactly from X (A_eq holds ±x, exact in float64)
        lam = solve_exact(cols, [Fraction(0)] * d + [Fraction(1), Fraction(1)])
        if lam is None or any(v < 0 for v in lam):
            continue
        pos = {int(r): v for r, v in zip(support, lam, strict=True) if v > 0 and positive[r]}
        neg = {int(r): v for r, v in zip(support, lam, strict=True) if v > 0 and not positive[r]}
        if not pos or not neg:
            continue
        point = tuple(sum((c * _frac(X[r, j]) for r, c in pos.items()), Fraction(0)) for j in range(d))
        cert = Certificate(positive=pos, negative=neg, point=point)
        if verify_certificate(X, positive, cert):
            return cert
    return None


def novikoff_bound(X: Any, y: Any, weights: np.ndarray | None = None, bias: float | None = None) -> float | None:
    """Novikoff's bound (R/γ)² on the perceptron's number of mistakes, or None when not separable.

    With the bias as a constant input 1, z = (x, 1): R = max ‖z‖ and γ = max over unit v of min y v·z, found by
    the homogeneous L2 max-margin QP (any separating plane gives a valid, looser bound; ``weights``/``bias``
    are the fallback when the QP fails). The bound does not depend on the learning rate (zero start).

    Notes
    -----
    A. B. Novikoff, "On convergence proofs on perceptrons", Symposium on the Mathematical Theory of Automata (1962).
    """
    A, t = check_Xy(X, y)
    _, positive = encode_labels(t)
    A = A.astype(np.float64)
    Z = np.hstack([A, np.ones((A.shape[0], 1))])
    tt = np.where(positive, 1.0, -1.0)
    if weights is None:
        res = check_separability(A, t)
        if not res.separable:
            return None
        weights, bias = res.weights, res.bias
    v0 = np.append(np.asarray(weights, dtype=np.float64), float(bias))
    best = None
    for v in (_qp_margin(Z, tt, v0, free_last=False), v0):
        if v is None or not verify_hyperplane(A, positive, v[:-1], v[-1]):
            continue
        gamma = float(np.min(tt * (Z @ v)) / np.linalg.norm(v))
        if best is None or gamma > best:
            best = gamma
    if best is None:
        return None
    R = float(np.max(np.linalg.norm(Z, axis=1)))
    return (R / best) ** 2


def check_separability(X: Any, y: Any) -> SeparabilityResult:
    """Decide whether two classes are strictly linearly separable, with a checked proof either way.

    Parameters
    ----------
    X : array-like (n, d)
    y : array-like (n,) with exactly two labels (the larger one is the positive class)

    Returns
    -------
    SeparabilityResult

    Examples
    --------
    >>> res = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    >>> res.separable, {k: str(v) for k, v in res.certificate.positive.items()}
    (False, {1: '1/2', 2: '1/2'})
    """
    A, t = check_Xy(X, y)
    classes, positive = encode_labels(t)
    A = A.astype(np.float64)
    tt = np.where(positive, 1.0, -1.0)
    # Centre and scale (uniformly, which keeps L2 geometry) for a well-conditioned LP/QP.
    mu = A.mean(axis=0)
    scale = float(np.max(np.abs(A - mu))) or 1.0
    As = (A - mu) / scale
    tau, ws, bs = _lp_margin(As, tt)
    cands: list[tuple[float, str, np.ndarray, float]] = []
    if tau > 1e-12:
        planes = [("linf", ws, bs)]
        Zs = np.hstack([As, np.ones((len(As), 1))])
        v = _qp_margin(Zs, tt, np.append(ws, bs), free_last=True)
        if v is not None:
            planes.insert(0, ("l2", v[:-1], float(v[-1])))
        for kind, wsc, bsc in planes:
            w = wsc / scale
            b = float(bsc - w @ mu)
            if np.linalg.norm(w) > 0 and verify_hyperplane(A, positive, w, b):
                cands.append((_geometric_margin(A, tt, w, b), kind, w, b))
    if cands:
        # the L2 plane (listed first) wins unless the LP plane is truly better (rounding-level ties go to L2)
        margin, kind, w, b = max(cands, key=lambda c: round(c[0], 12))
        bound = novikoff_bound(A, t, w, b)
        return SeparabilityResult(True, w, b, margin, None, tuple(classes.tolist()), kind, bound)
    cert = _certificate(A, positive)
    if cert is None:
        raise DataError("separability undecided: the LP found no verifiable separating plane and no exact "
                        "certificate (the data may be too badly scaled for float64)")
    return SeparabilityResult(False, None, None, None, cert, tuple(classes.tolist()))
