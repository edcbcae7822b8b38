"""The epoch engines behind :class:`neurosim.perceptron.Perceptron`: find the next mistake in vectorised blocks.

Samples before the first misclassified one leave w unchanged, so one matrix–vector product over a block of
upcoming samples, all scored with the current w, finds the next update at once; the scan resumes just past it.

Two engines, both giving exactly the updates of the naive per-sample loop (``ŷ = [z @ w > 0]`` with ``z`` a row
of the float64 or integer matrix Z = [X, 1]):

* :func:`epoch_exact` scores integer data in integer arithmetic (int64 or Python ints), so every decision is exact.
* :func:`epoch_screened` scores float data in float32 (twice the rows per second of float64 and no BLAS
  threads, which stall badly on a busy machine) with a rigorous rounding-error bound T: a row whose screened
  margin is beyond ±T has the same decision as the float64 dot product of the naive loop; the rare rows inside
  the band are decided by that very float64 dot product (``Z[r] @ w``). Updates are applied to the float64 w
  exactly as the naive loop applies them, so the weights agree bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = ["Screen", "epoch_exact", "epoch_screened", "make_screen"]

# Blocks: after a mistake, the gap to it; doubling while clean; capped because a mistake late in a long block
# wastes the rest of it (measured on the 100,000 × 50 benchmark: 1.4 rows scored per row presented).
MIN_BLOCK, MAX_BLOCK = 8, 1 << 12
_U32, _U64 = 2.0**-24, 2.0**-53  # unit roundoffs
_SMALL_PRODUCT = 8192  # matrix entries below OpenBLAS's threading threshold for gemv (2304 × 4)


def _next_block(gap: int) -> int:
    # the next mistake is probably about as far away as the last one
    return max(MIN_BLOCK, min(MAX_BLOCK, gap))


def epoch_exact(Z: np.ndarray, pos: np.ndarray, w: np.ndarray, lr: Any, block: int) -> tuple[int, int]:
    """One pass over integer (int64 or object) Z in order, updating ``w`` in place.

    Parameters
    ----------
    Z : ndarray (n, d+1) int64 or object, rows in presentation order, last column 1
    pos : ndarray of bool (n,), the positive class
    w : ndarray (d+1,) same dtype as Z, updated in place
    lr : int
    block : int, first block size

    Returns
    -------
    mistakes, next block size : int, int
    """
    n = Z.shape[0]
    i = mistakes = 0
    while i < n:
        j = min(n, i + block)
        wrong = (Z[i:j] @ w > 0) != pos[i:j]
        k = int(wrong.argmax())
        if not wrong[k]:
            i = j
            block = min(block * 2, MAX_BLOCK)
            continue
        r = i + k
        if pos[r]:
            w += lr * Z[r]
        else:
            w -= lr * Z[r]
        mistakes += 1
        i = r + 1
        block = _next_block(k + 1)
    return mistakes, block


@dataclass(frozen=True, slots=True)
class Screen:
    """Float32 copy of the signed rows for screening, with what the error bound needs.

    Attributes
    ----------
    S : ndarray (n, d+1) float32, C-contiguous
        ``±Z · 2**-ez`` (the sign makes a correct row score > 0: + for the positive class, − for the negative).
    ez : int
        Power-of-two scale of Z (exact), bringing max |Z| near 1 so float32 neither overflows nor underflows.
    radius : float
        An upper bound on every row's Euclidean norm in S.
    """

    S: np.ndarray
    ez: int
    radius: float

    def __post_init__(self) -> None:
        if self.S.ndim != 2 or self.S.dtype != np.float32 or not self.S.flags.c_contiguous:
            raise ParameterError("Screen.S must be a C-contiguous 2-D float32 array")

    def permuted(self, perm: np.ndarray) -> Screen:
        """The same screen with rows in the order ``perm`` (n,)."""
        return Screen(np.ascontiguousarray(self.S[perm]), self.ez, self.radius)


def make_screen(Z: np.ndarray, pos: np.ndarray) -> Screen:
    """Build the float32 screen of float64 Z (n, d+1) for the labels ``pos`` (n,) bool."""
    top = float(np.abs(Z).max())
    ez = int(np.frexp(top)[1]) if top > 0 else 0
    Zs = np.ldexp(Z, -ez)  # exact (a power of two), max |Zs| in [0.5, 1)
    radius = float(np.sqrt(np.einsum("ij,ij->i", Zs, Zs).max())) * (1 + 1e-6)
    Zs[~pos] *= -1
    return Screen(Zs.astype(np.float32), ez, radius)


def _band(w: np.ndarray, screen: Screen, out: np.ndarray) -> float:
    """Write the scaled float32 weights w' = w · 2**-ew into ``out`` (d+1,) and return the half-width T of the
    band of undecided screened scores.

    Notes
    -----
    Let P = Σ|z_j w_j| ≤ ‖z‖‖w‖ (in the scaled units of S and w'), k = d + 1 terms, γ_k(u) = k u / (1 − k u)
    (N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §3.1: any summation order, FMA
    or not). Rounding z and w to float32 moves the exact score by ≤ (2u₃₂ + u₃₂²) P; the float32 dot product
    errs by ≤ γ_k(u₃₂) P; the naive loop's float64 dot product by ≤ γ_k(u₆₄) P. Subnormals add absolute errors:
    ≤ 2**-149 per float32 rounding (3k of them, every magnitude ≤ 1) and k·2**-1074 · 2**-(ez+ew) from the
    float64 products in unscaled units. T is twice the sum, which also covers the rounding of ‖w‖ and the radius.
    T is infinite (every row decided by the naive dot product) where float64 products could overflow.
    When a screened score s exceeds T, the naive score is > 0; when s < −T it is < 0.
    """
    k = w.shape[0]
    sq = float(w @ w)
    if 2.0**-1000 < sq < 2.0**1000:  # the usual case: scale by ‖w‖, one ufunc call
        ew = math.frexp(math.sqrt(sq))[1]  # |w_j| ≤ ‖w‖ < 2**ew
        np.multiply(w, math.ldexp(1.0, -ew), out=out, casting="same_kind")  # exact scaling, one rounding
        norm = math.ldexp(math.sqrt(sq), -ew)
    else:  # ‖w‖² under- or overflows float64: scale by max |w_j| instead
        top = float(max(w.max(), -w.min()))
        if top == 0.0:
            out[:] = 0.0
            return 0.0  # every score is exactly 0: every row is in the band
        ew = math.frexp(top)[1]
        ws = np.ldexp(w, -ew)  # exact but for float64 subnormals, which float32 loses anyway (the 2**-149 terms)
        out[:] = ws
        norm = math.sqrt(float(ws @ ws))
    if screen.ez + ew + k.bit_length() >= 1020:
        # the naive float64 dot product may overflow (to ±inf or NaN): let it decide every row itself
        return math.inf
    gamma32, gamma64 = k * _U32 / (1 - k * _U32), k * _U64 / (1 - k * _U64)
    rel = (2 * _U32 + _U32 * _U32 + gamma32 + gamma64) * screen.radius * norm
    expo = -1074 - screen.ez - ew
    tiny = 3 * k * 2.0**-149 + (math.ldexp(k, expo) if expo < 1000 else math.inf)
    return 2.0 * (rel + tiny)


def epoch_screened(Z: np.ndarray, pos: np.ndarray, w: np.ndarray, lr: float, block: int, screen: Screen,
                   perm: np.ndarray | None = None) -> tuple[int, int]:
    """One pass over float64 Z in the order ``perm`` (or the row order), updating ``w`` in place.

    Parameters
    ----------
    Z : ndarray (n, d+1) float64, last column 1, in data order (read only for rechecks and updates)
    pos : ndarray of bool (n,), in data order
    w : ndarray (d+1,) float64, updated in place
    lr : float
    block : int, first block size
    screen : Screen, rows already in presentation order (``screen.permuted(perm)``)
    perm : ndarray (n,) of row indices, or None for the data order

    Returns
    -------
    mistakes, next block size : int, int
    """
    S = screen.S
    n = S.shape[0]
    scores = np.empty(min(n, MAX_BLOCK), dtype=np.float32)
    clear = np.empty(scores.shape[0], dtype=bool)
    ws = np.empty(w.shape[0], dtype=np.float32)
    small = _SMALL_PRODUCT // w.shape[0]
    T = _band(w, screen, ws)
    i = mistakes = 0
    while i < n:
        j = min(n, i + block)
        if j - i <= small:  # BLAS keeps so small a product on one thread, and calls it fastest
            s = np.matmul(S[i:j], ws, out=scores[: j - i])
        else:  # numpy's own loop: one thread, where BLAS would start threads that stall on a busy machine
            s = np.einsum("ij,j->i", S[i:j], ws, out=scores[: j - i])
        ok = np.greater(s, T, out=clear[: j - i])  # NaN compares False: rechecked, never skipped
        k = int(ok.argmin())
        while not ok[k]:
            r = i + k
            q = r if perm is None else int(perm[r])
            # inside the band, decide with the naive loop's own float64 dot product
            wrong = bool(s[k] < -T) or ((Z[q] @ w > 0) != pos[q])
            if wrong:
                break
            k += 1
            if k == j - i:
                break
            k += int(ok[k:].argmin())
        else:
            i = j
            block = min(block * 2, MAX_BLOCK)
            continue
        if not wrong:  # the flagged rows to the end of the block were all correct after all
            i = j
            continue
        if pos[q]:
            w += lr * Z[q]
        else:
            w -= lr * Z[q]
        T = _band(w, screen, ws)
        mistakes += 1
        i = r + 1
        block = _next_block(k + 1)
    return mistakes, block
