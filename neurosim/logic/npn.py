"""Truth tables of small functions as integers, and their classes under permuting and negating inputs.

A function of n <= 5 inputs is an integer ``tt`` of 2^n bits: bit r is f(row r), row r holding the inputs with
the first input as the most significant bit (the convention of :class:`~neurosim.logic.TruthTable`). Two
functions are *P-equivalent* when a permutation of the inputs maps one onto the other, and *NPN-equivalent* when
input negations and the output's negation are allowed too. The number of units of a minimum MP net is a
P-invariant but not an NPN-invariant (AND is one unit, NAND two: inhibition is not negation), so the table of
minimum nets is kept per P-class and summarised per NPN class.

Notes
-----
Counts (OEIS A000370 for NPN, A000585 for P): n = 2: 4 NPN / 12 P classes; n = 3: 14 / 80; n = 4: 222 / 3,984.
"""

from __future__ import annotations

from functools import cache
from itertools import permutations

import numpy as np

__all__ = ["canonical", "npn_classes", "p_classes", "row_maps", "transform", "tt_from_values", "tt_values"]


@cache
def row_maps(n: int, negations: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Every input permutation (and, with ``negations``, every input negation) as a row map.

    Returns
    -------
    maps : ndarray (T, 2^n) int64
        ``g = f ∘ map``: g(row r) = f(row maps[t, r]).
    perms : ndarray (T, n + 1) int64
        Per map, the permutation (``perms[t, i]``: the input of f that g's input i reads) and, last, the mask of
        negated inputs (bit n-1-i for input i).
    """
    rows = np.arange(1 << n, dtype=np.int64)
    bits = [(rows >> (n - 1 - i)) & 1 for i in range(n)]
    maps, info = [], []
    for perm in permutations(range(n)):
        for neg in range(1 << n) if negations else (0,):
            src = np.zeros_like(rows)
            for i, p in enumerate(perm):  # g's input i feeds f's input p
                b = bits[i] ^ ((neg >> (n - 1 - i)) & 1)
                src |= b << (n - 1 - p)
            maps.append(src)
            info.append((*perm, neg))
    return np.array(maps, dtype=np.int64), np.array(info, dtype=np.int64)


def tt_values(tts: np.ndarray, n: int) -> np.ndarray:
    """(N,) integer truth tables -> (N, 2^n) uint8 bits (bit r of tt is row r)."""
    tts = np.asarray(tts, dtype=np.uint64)
    return ((tts[:, None] >> np.arange(1 << n, dtype=np.uint64)[None, :]) & np.uint64(1)).astype(np.uint8)


def tt_from_values(bits: np.ndarray) -> np.ndarray:
    """(N, 2^n) 0/1 -> (N,) uint64 truth tables."""
    bits = np.asarray(bits, dtype=np.uint64)
    return (bits << np.arange(bits.shape[1], dtype=np.uint64)[None, :]).sum(axis=1, dtype=np.uint64)


def transform(tts: np.ndarray, n: int, maps: np.ndarray) -> np.ndarray:
    """(N,) truth tables -> (T, N): each function under each row map."""
    vals = tt_values(tts, n)
    return np.stack([tt_from_values(vals[:, mp]) for mp in maps])


def canonical(tts: np.ndarray, n: int, *, negations: bool = False, chunk: int = 8192) -> tuple[np.ndarray, np.ndarray]:
    """The smallest equivalent truth table of each function, and the index of the row map that gives it.

    With ``negations`` the output's negation is allowed too (NPN); the map index then refers to
    ``row_maps(n, True)`` and the output negation is whether ``canon`` is the complement of the mapped function.
    """
    tts = np.asarray(tts, dtype=np.uint64)
    maps, _ = row_maps(n, negations)
    full = np.uint64((1 << (1 << n)) - 1)
    canon = np.empty(len(tts), np.uint64)
    which = np.empty(len(tts), np.int64)
    for a in range(0, len(tts), chunk):
        cand = transform(tts[a:a + chunk], n, maps)
        if negations:
            cand = np.concatenate([cand, cand ^ full])
        which[a:a + chunk] = cand.argmin(axis=0) % len(maps)
        canon[a:a + chunk] = cand.min(axis=0)
    return canon, which


def _frozen(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    for a in arrays:
        a.flags.writeable = False
    return arrays


@cache
def p_classes(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The P-class representatives (sorted smallest members) of all 2^(2^n) functions, and each function's class
    index (read-only arrays, computed once)."""
    canon, _ = canonical(np.arange(1 << (1 << n), dtype=np.uint64), n)
    reps, idx = np.unique(canon, return_inverse=True)
    return _frozen(reps, idx)


@cache
def npn_classes(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The NPN-class representatives of all 2^(2^n) functions (n <= 4), and each function's class index
    (read-only arrays, computed once).

    Every NPN transform is a negation of inputs (and perhaps of the output) followed by a permutation, so the
    NPN-canonical form is the smallest P-canonical form over the 2^(n+1) negations: 24 + 32 table look-ups per
    function instead of 768 transforms.
    """
    everything = np.arange(1 << (1 << n), dtype=np.uint64)
    pcanon = p_classes(n)[0][p_classes(n)[1]]
    full = np.uint64((1 << (1 << n)) - 1)
    rows = np.arange(1 << n, dtype=np.int64)
    best = pcanon.copy()
    for neg in range(1 << n):
        g = transform(everything, n, (rows ^ neg)[None, :])[0]
        best = np.minimum(best, np.minimum(pcanon[g.astype(np.int64)], pcanon[(g ^ full).astype(np.int64)]))
    reps, idx = np.unique(best, return_inverse=True)
    return _frozen(reps, idx)
