"""Exact rational data: what a proof is about.

A CSV value ``0.29`` is the rational 29/100, not its binary float; an integer above 2**53 is that integer. A
:class:`RationalMatrix` holds a feature matrix exactly, as Python-integer numerators over one common denominator
(compact, and what exact linear algebra wants), and :func:`as_rational` builds one from anything numeric: floats
(their exact binary values), integers of any size, :class:`~fractions.Fraction`, :class:`~decimal.Decimal`.

Notes
-----
Separability, convex combinations and the L2 geometry are all unchanged by one common positive scale, so the
exact work runs on the integer numerators and only the answers are scaled back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any

import numpy as np

from ..errors import DataError, FeatureTypeError

__all__ = ["RationalMatrix", "as_rational", "float_near", "float_up", "fraction_of", "sqrt_float"]


@dataclass(frozen=True, slots=True)
class RationalMatrix:
    """An exact (n, d) matrix ``num / den``.

    Attributes
    ----------
    num : ndarray of object (Python int), shape (n, d)
    den : int
        Positive; the least common denominator of the entries.
    """

    num: np.ndarray
    den: int

    def __post_init__(self) -> None:
        if not isinstance(self.num, np.ndarray) or self.num.dtype != object or self.num.ndim != 2:
            raise DataError("RationalMatrix.num must be a 2-D object array of Python ints")
        if not isinstance(self.den, int) or self.den <= 0:
            raise DataError(f"RationalMatrix.den must be a positive int, found {self.den!r}")

    @property
    def shape(self) -> tuple[int, int]:
        return self.num.shape

    def value(self, i: int, j: int) -> Fraction:
        """Entry (i, j) as a Fraction."""
        return Fraction(self.num[i, j], self.den)

    def row(self, i: int) -> tuple[Fraction, ...]:
        return tuple(Fraction(v, self.den) for v in self.num[i])

    def to_float(self) -> np.ndarray:
        """float64 (n, d): each entry rounded to nearest (Python's int / int is correctly rounded)."""
        den = self.den
        out = np.empty(self.num.shape, dtype=np.float64)
        for idx, v in np.ndenumerate(self.num):
            out[idx] = v / den  # OverflowError past float range: the caller's message
        return out

    def take(self, rows: np.ndarray) -> RationalMatrix:
        return RationalMatrix(self.num[rows], self.den)


def fraction_of(v: Any, where: str = "") -> Fraction:
    """One number as an exact Fraction (bool, int, NumPy scalars, finite float, Fraction, finite Decimal)."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, bool | int | np.integer | np.bool_):
        return Fraction(int(v))
    if isinstance(v, float | np.floating):
        if not math.isfinite(float(v)):
            raise DataError(f"Input X contains NaN or infinity{where}: {v}")
        return Fraction(float(v))
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise DataError(f"Input X contains NaN or infinity{where}: {v}")
        return Fraction(v)
    if isinstance(v, Rational):
        return Fraction(v.numerator, v.denominator)
    raise FeatureTypeError(f"X must be numeric{where}: found {type(v).__name__} {v!r}")


def _from_floats(a: np.ndarray) -> RationalMatrix:
    """Exact values of a float64 array: mantissa·2**exponent, all over the smallest common power of two."""
    bad = ~np.isfinite(a)
    if bad.any():
        r, c = (int(i) for i in np.argwhere(bad)[0])
        what = "NaN" if np.isnan(a[r, c]) else "infinity"
        raise DataError(f"Input X contains {what} (row {r}, column {c}: {a[r, c]})")
    m, e = np.frexp(a)
    mant = (m * 2.0**53).astype(np.int64)  # exact: |m| < 1 has 53 significant bits
    exp = e.astype(np.int64) - 53
    nz = mant != 0
    low = int(exp[nz].min()) if nz.any() else 0
    shift = np.where(nz, exp - low, 0)
    pow2 = np.array([1 << k for k in range(int(shift.max()) + 1)], dtype=object)
    num = mant.astype(object) * pow2[shift]  # Python ints: mantissa·2**(exponent − low)
    den = 1
    if low < 0:
        den = 1 << -low
        g = math.gcd(den, *num.ravel().tolist())
        if g > 1:
            num = num // g
            den //= g
    else:
        num = num * (1 << low)
    return RationalMatrix(num, den)


def as_rational(X: Any) -> RationalMatrix:
    """Any 2-D numeric input as an exact :class:`RationalMatrix`.

    Raises
    ------
    DataError
        Not 2-D, no rows or columns, NaN or infinity (naming the row and column); :class:`FeatureTypeError`
        for a value that is not a number.
    """
    if isinstance(X, RationalMatrix):
        return X
    if hasattr(X, "toarray") or type(X).__module__.startswith("scipy.sparse"):
        raise DataError("sparse input is not supported: pass a dense array (X.toarray())")
    try:
        a = np.asarray(X)
    except Exception as exc:  # ragged nested lists and the like
        raise DataError(f"X must be a 2-D numeric array: {exc}") from exc
    if a.ndim != 2:
        raise DataError(f"Expected 2D array, got {a.ndim}D array instead (shape {a.shape}): X must be "
                        "(n_samples, n_features). Reshape your data, e.g. X.reshape(-1, 1) for a single feature")
    if a.shape[0] == 0 or a.shape[1] == 0:
        raise DataError(f"Found array with shape {a.shape}: X needs at least one sample and one feature")
    if a.dtype.kind in "biu":
        return RationalMatrix(a.astype(object) if a.dtype.kind != "b" else a.astype(np.int64).astype(object), 1)
    if a.dtype.kind == "f":
        return _from_floats(a.astype(np.float64))
    if a.dtype.kind == "c":
        raise DataError("Complex data not supported: X must be real numbers")
    if a.dtype.kind != "O":
        raise FeatureTypeError(f"X must be numeric: found an array of dtype {a.dtype}")
    fr = np.empty(a.shape, dtype=object)
    for (r, c), v in np.ndenumerate(a):
        fr[r, c] = fraction_of(v, f" (row {r}, column {c})")
    den = math.lcm(*(f.denominator for f in fr.ravel()))
    num = np.empty(a.shape, dtype=object)
    for idx, f in np.ndenumerate(fr):
        num[idx] = f.numerator * (den // f.denominator)
    return RationalMatrix(num, den)


def float_near(q: Fraction) -> float:
    """The float64 nearest q (``±inf`` past the float range)."""
    try:
        return q.numerator / q.denominator
    except OverflowError:
        return math.inf if q > 0 else -math.inf


def float_up(q: Fraction) -> float:
    """The smallest float64 ≥ q (``math.inf`` past the float range): a bound stays a bound when printed."""
    f = float_near(q)
    if math.isfinite(f) and Fraction(f) < q:
        f = math.nextafter(f, math.inf)
    return f


def sqrt_float(q: Fraction) -> float:
    """√q for a rational q ≥ 0, correct to about one ulp over the whole float range (no overflow on the way)."""
    if q <= 0:
        return 0.0
    # q = m·4**k with m in [1, 4): √q = √m·2**k, m read to 64 bits
    k = (q.numerator.bit_length() - q.denominator.bit_length()) // 2
    m = q / Fraction(4) ** k
    try:
        return math.ldexp(math.sqrt(float(m)), k)
    except OverflowError:
        return math.inf
