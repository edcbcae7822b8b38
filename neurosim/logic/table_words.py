"""Packing truth-table cubes into 64-row words: the fast path behind :meth:`TruthTable.packed`.

A cube over n inputs is a string over ``'01-'`` (input i is character i). As integers it is a pair
``(care, value)`` with bit ``n-1-i`` for input i, so that a row index r (first input = most significant bit) lies in
the cube iff ``r & care == value``. Packed words hold 64 rows each: row r is bit ``r % 64`` of word ``r // 64``;
the low 6 bits of the row index (the last 6 inputs) select the bit, the others the word.

Notes
-----
The positional-cube notation follows Brayton, Hachtel, McMullen & Sangiovanni-Vincentelli (1984), *Logic
Minimization Algorithms for VLSI Synthesis* (the Espresso book).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core import ALL, ROW_PATTERNS

__all__ = [
    "cube_ints",
    "cube_words",
    "first_intersection",
    "or_cubes_into",
    "uncovered_cubes",
]

_ALL = np.uint64(ALL)
_LOW_MASKS = tuple(np.uint64(p) for p in ROW_PATTERNS)


def cube_ints(cube: str) -> tuple[int, int]:
    """``(care, value)`` of a cube string over ``'01-'`` (bit n-1-i for input i)."""
    if not cube:
        return 0, 0
    return int(cube.replace("0", "1").replace("-", "0"), 2), int(cube.replace("-", "0"), 2)


def cube_words(cubes: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split cubes into their in-word bit pattern and their constraint on the word index.

    Parameters
    ----------
    cubes : sequence of str
        k cubes of length n.
    n : int
        Number of inputs (at most 6 + 62, so that word indices fit in int64).

    Returns
    -------
    pattern : ndarray (k,) uint64
        Bits of a word (rows ``64*w + b``) that the cube's last 6 inputs allow; rows past 2**n cleared for n < 6.
    hcare, hval : ndarray (k,) uint64
        The cube's constraint on the word index w: ``w & hcare == hval``.
    """
    k = len(cubes)
    if k == 0:
        return (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64))
    chars = np.frombuffer("".join(cubes).encode("ascii"), dtype=np.uint8).reshape(k, n)
    start = _ALL if n >= 6 else np.uint64((1 << (1 << n)) - 1)
    pattern = np.full(k, start, dtype=np.uint64)
    for p in range(min(n, 6)):  # row-index bit p is input n-1-p
        col = chars[:, n - 1 - p]
        pattern &= np.where(col == ord("1"), _LOW_MASKS[p],
                            np.where(col == ord("0"), ~_LOW_MASKS[p], _ALL)).astype(np.uint64)
    hcare = np.zeros(k, dtype=np.uint64)
    hval = np.zeros(k, dtype=np.uint64)
    for q in range(max(n - 6, 0)):  # word-index bit q is input n-7-q
        col = chars[:, n - 7 - q]
        bit = np.uint64(1 << q)
        hcare |= np.where(col != ord("-"), bit, np.uint64(0)).astype(np.uint64)
        hval |= np.where(col == ord("1"), bit, np.uint64(0)).astype(np.uint64)
    return pattern, hcare, hval


def _aligned_blocks(start: int, end: int) -> list[tuple[int, int]]:
    """Split ``[start, end)`` into aligned blocks ``(base, k)`` of 2**k words, base a multiple of 2**k."""
    blocks = []
    pos = start
    while pos < end:
        k = 0
        while pos % (1 << (k + 1)) == 0 and pos + (1 << (k + 1)) <= end:
            k += 1
        blocks.append((pos, k))
        pos += 1 << k
    return blocks


def or_cubes_into(acc: np.ndarray, start: int, n: int, pattern: np.ndarray, hcare: np.ndarray,
                  hval: np.ndarray) -> None:
    """OR the rows of k cubes into the packed words ``acc`` (words ``start .. start+len(acc)-1``), in place.

    Work is proportional to the words the cubes touch, never to 2**n: cubes leaving at most 6 word bits free
    are enumerated with NumPy in one scatter per care mask; wider cubes are ORed through a strided
    (2, 2, ..., 2) view of each aligned block of words.
    """
    h = max(n - 6, 0)
    end = min(start + acc.shape[0], 1 << h)
    if end <= start or pattern.shape[0] == 0:
        return
    full = (1 << h) - 1
    free_counts = h - _popcount(hcare)
    narrow = free_counts <= 6
    if narrow.any():
        _scatter_narrow(acc, start, end, full, pattern[narrow], hcare[narrow].astype(np.int64),
                        hval[narrow].astype(np.int64))
    wide = np.flatnonzero(~narrow)
    if wide.size:
        blocks = _aligned_blocks(start, end)
        for i in wide:
            _or_wide(acc, start, blocks, int(hcare[i]), int(hval[i]), pattern[i])


def _popcount(x: np.ndarray) -> np.ndarray:
    b = x.astype(np.uint64)
    count = np.zeros(b.shape, dtype=np.int64)
    while b.any():
        count += (b & np.uint64(1)).astype(np.int64)
        b = b >> np.uint64(1)
    return count


def _scatter_narrow(acc, start, end, full, pattern, hcare, hval) -> None:
    # Group by care mask: the cubes of a group share their free word bits, hence their offsets.
    for care in np.unique(hcare):
        sel = hcare == care
        free = full & ~int(care)
        offsets = np.zeros(1, dtype=np.int64)
        for q in range(free.bit_length()):
            if (free >> q) & 1:
                offsets = np.concatenate([offsets, offsets + (1 << q)])
        words = (hval[sel][:, None] | offsets[None, :]).ravel()
        pats = np.repeat(pattern[sel], offsets.size)
        inside = (words >= start) & (words < end)
        np.bitwise_or.at(acc, words[inside] - start, pats[inside])


def _or_wide(acc, start, blocks, care, val, pattern) -> None:
    for base, k in blocks:
        low = (1 << k) - 1
        if (base ^ val) & care & ~low:
            continue
        if k == 0:
            acc[base - start] |= pattern
            continue
        view = acc[base - start: base - start + (1 << k)].reshape((2,) * k)
        # dimension 0 is the most significant word bit (k-1)
        idx = tuple((val >> q) & 1 if (care >> q) & 1 else slice(None) for q in range(k - 1, -1, -1))
        view[idx] |= pattern


def first_intersection(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]],
                       n: int) -> tuple[int, int] | None:
    """Indices ``(i, k)`` of the first pair of intersecting cubes ``a[i]``, ``b[k]`` (by i, then k), or None.

    Cubes are ``(care, value)`` pairs over n inputs; two cubes meet iff they agree on every variable both fix.
    Minterms (all n variables fixed) are matched by hashing, so tables of many rows cost linear time.
    """
    if not a or not b:
        return None
    full = (1 << n) - 1
    b_min: dict[int, int] = {}
    b_cubes = []
    for k, (c, v) in enumerate(b):
        if c == full:
            b_min.setdefault(v, k)
        else:
            b_cubes.append((k, c, v))
    for i, (c, v) in enumerate(a):
        hits = []
        if c == full:
            if v in b_min:
                hits.append(b_min[v])
        else:
            hits.extend(k for v2, k in b_min.items() if ((v ^ v2) & c) == 0)
        hits.extend(k for k, c2, v2 in b_cubes if ((v ^ v2) & c & c2) == 0)
        if hits:
            return i, min(hits)
    return None


def uncovered_cubes(n: int, cubes: Sequence[tuple[int, int]],
                    limit: int = 100_000) -> list[tuple[int, int]] | None:
    """Disjoint cubes covering exactly the rows that no cube in ``cubes`` covers (repeated sharp product).

    Returns None when the answer would exceed ``limit`` cubes.
    """
    full = (1 << n) - 1
    pieces = [(0, 0)]
    for c, v in cubes:
        nxt = []
        for pc, pv in pieces:
            if (pv ^ v) & pc & c:  # disjoint from the cube: keep whole
                nxt.append((pc, pv))
                continue
            # split the piece on each variable the cube fixes and the piece leaves free; the parts that
            # disagree with the cube lie outside it, the last part lies inside and is dropped
            cc, cv = pc, pv
            free = c & ~pc & full
            for q in range(n - 1, -1, -1):
                bit = 1 << q
                if free & bit:
                    nxt.append((cc | bit, cv | (bit & ~v)))
                    cc, cv = cc | bit, cv | (bit & v)
        pieces = nxt
        if len(pieces) > limit:
            return None
    return pieces
