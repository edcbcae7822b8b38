"""Truth tables of n ≤ 6 inputs as 64-bit words, and the symmetries that act on them (the NPN group).

Function f of n inputs is the integer whose bit r is f(row r), rows as in :func:`neurosim.learn.boolean_points`
(the first input is the most significant bit of r), so a table fits one ``uint64`` and a batch of K functions is
a (K,) ``uint64`` array on which every symmetry is a handful of shifts and masks:

* **P** — permuting inputs: every permutation is reached from the last by one swap of adjacent inputs
  (Steinhaus–Johnson–Trotter), a delta swap of two bit fields;
* **N** — negating input i: the two halves of the table along input i change places;
* **D** — duality, f ↦ f^d(x) = ¬f(¬x) (negating the output and every input): bits reversed and complemented.

A monotone function stays monotone under P and D (not under N alone), which is why the threshold census
(:mod:`neurosim.learn.census`) works on monotone functions up to P and D.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ..errors import DataError

__all__ = [
    "MAX_WORD_INPUTS",
    "canonical_mask",
    "cofactor",
    "dual",
    "full_mask",
    "negate_input",
    "orbit_images",
    "permutation_steps",
    "popcount",
    "support",
    "var_mask",
]

#: largest input count whose truth table fits one 64-bit word
MAX_WORD_INPUTS = 6
_U = np.uint64


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_WORD_INPUTS:
        raise DataError(f"truth-table words hold functions of 0..{MAX_WORD_INPUTS} inputs, found n={n!r}")


def full_mask(n: int) -> np.uint64:
    """The word with all 2**n table bits set."""
    _check_n(n)
    return _U((1 << (1 << n)) - 1)


@cache
def var_mask(n: int, i: int) -> np.uint64:
    """The rows where input i (0-based, the first input is 0) is 1, as a word."""
    _check_n(n)
    b = n - 1 - i  # input i is bit b of the row index
    return _U(sum(1 << r for r in range(1 << n) if (r >> b) & 1))


def negate_input(T: np.ndarray, i: int, n: int) -> np.ndarray:
    """f(x) ↦ f(x with input i negated), for every word of T."""
    s = _U(1 << (n - 1 - i))
    m = var_mask(n, i)
    return ((T & m) >> s) | ((T & ~m & full_mask(n)) << s)


def _swap_adjacent(T: np.ndarray, i: int, n: int) -> np.ndarray:
    """Exchange inputs i and i + 1 (a delta swap of the rows where they differ)."""
    lo, hi = var_mask(n, i + 1), var_mask(n, i)  # input i+1 is the lower row bit
    s = _U(1 << (n - 2 - i))
    m = lo & ~hi & full_mask(n)  # rows with x_{i+1} = 1, x_i = 0; their partners are s rows higher
    x = ((T >> s) ^ T) & m
    return T ^ x ^ (x << s)


def dual(T: np.ndarray, n: int) -> np.ndarray:
    """f ↦ f^d, f^d(x) = ¬f(¬x): every input negated, then the output."""
    for i in range(n):
        T = negate_input(T, i, n)
    return ~T & full_mask(n)


@cache
def permutation_steps(n: int) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """The Steinhaus–Johnson–Trotter walk over all n! input orders.

    Returns
    -------
    steps : tuple of int, length n! − 1
        Step k swaps the inputs in positions (steps[k], steps[k] + 1).
    perms : tuple of n! tuples
        perms[k] lists, position by position, which original input sits there after k steps: image k of f is
        g(y) = f(x) with y[p] = x[perms[k][p]].
    """
    _check_n(n)
    perm = list(range(n))
    direction = [-1] * n  # SJT: each element moves left (-1) or right (+1)
    steps: list[int] = []
    perms = [tuple(perm)]
    while True:
        mobile = -1
        for p in range(n):
            q = p + direction[perm[p]]
            if 0 <= q < n and perm[q] < perm[p] and (mobile < 0 or perm[p] > perm[mobile]):
                mobile = p
        if mobile < 0:
            break
        v = perm[mobile]
        q = mobile + direction[v]
        perm[mobile], perm[q] = perm[q], perm[mobile]
        steps.append(min(mobile, q))
        for u in range(v + 1, n):
            direction[u] = -direction[u]
        perms.append(tuple(perm))
    return tuple(steps), tuple(perms)


def orbit_images(T: np.ndarray, n: int, *, duals: bool = True) -> np.ndarray:
    """Every image of every word under input permutations (and duality).

    Parameters
    ----------
    T : (K,) uint64
    duals : bool
        Also the images of f^d.

    Returns
    -------
    (K, n!) or (K, 2·n!) uint64
        Column k is image k of :func:`permutation_steps`; with ``duals``, column n! + k is image k of f^d.
    """
    T = np.asarray(T, dtype=_U).reshape(-1)
    steps, perms = permutation_steps(n)
    base = [T] + ([dual(T, n)] if duals else [])
    out = np.empty((T.size, len(perms) * len(base)), dtype=_U)
    for b, W in enumerate(base):
        col = b * len(perms)
        out[:, col] = W
        for k, i in enumerate(steps, start=1):
            W = _swap_adjacent(W, i, n)
            out[:, col + k] = W
    return out


def cofactor(T: np.ndarray, i: int, c: int, n: int) -> np.ndarray:
    """The restriction f|x_i=c as a function of all n inputs that ignores input i."""
    m = var_mask(n, i)
    s = _U(1 << (n - 1 - i))
    if c:
        half = T & m
        return half | (half >> s)
    half = T & ~m & full_mask(n)
    return half | (half << s)


def support(T: np.ndarray, n: int) -> np.ndarray:
    """(K, n) bool: whether each function depends on each input."""
    T = np.asarray(T, dtype=_U).reshape(-1)
    return np.stack([negate_input(T, i, n) != T for i in range(n)], axis=1) if n else np.zeros((T.size, 0), bool)


_POP = np.array([bin(v).count("1") for v in range(1 << 16)], dtype=np.int64)


def popcount(T: np.ndarray) -> np.ndarray:
    """Number of ON rows of each word (int64)."""
    T = np.asarray(T, dtype=_U)
    if hasattr(np, "bitwise_count"):  # NumPy >= 2.0
        return np.bitwise_count(T).astype(np.int64)
    m = _U(0xFFFF)
    return (_POP[T & m] + _POP[(T >> _U(16)) & m] + _POP[(T >> _U(32)) & m] + _POP[(T >> _U(48)) & m])


def canonical_mask(T: np.ndarray, n: int) -> np.ndarray:
    """Which words are the least of their orbit under input permutations and duality (the class's
    representative): compared image by image along the permutation walk, dropping a word as soon as one of its
    images is smaller, so the work is about ln(2·n!) images per word, not 2·n!."""
    T = np.asarray(T, dtype=_U).reshape(-1)
    steps, _ = permutation_steps(n)
    alive = np.arange(T.size)
    f = T
    for start in (dual, None):
        W = f if start is None else start(f, n)
        for i in (None, *steps):
            if i is not None:
                W = _swap_adjacent(W, i, n)
            keep = f <= W
            if not keep.all():
                alive, f, W = alive[keep], f[keep], W[keep]
    mask = np.zeros(T.size, dtype=bool)
    mask[alive] = True
    return mask
