"""The recursive cube routines of :mod:`neurosim.cubes` on small covers, as Python integers.

Deep in a unate recursion the covers shrink to a handful of cubes, where NumPy's per-call cost dominates;
there a cube is a pair of Python ints ``(care, val)`` of any width and the same algorithms run as plain loops.
:mod:`neurosim.cubes` switches here below :data:`SMALL` rows.

Notes
-----
Same unate recursive paradigm as :mod:`neurosim.cubes` (Brayton et al. 1984, ch. 3–4).
"""

from __future__ import annotations

import numpy as np

from ..errors import CoverTooLarge

__all__ = ["MEMO_ROWS", "SMALL", "complement_ints", "from_ints", "sccc_ints", "to_ints", "uncovered_ints"]

SMALL = 64
#: sub-covers up to this size are memoised when the caller passes a memo (larger ones rarely repeat)
MEMO_ROWS = 16
Cube = tuple[int, int]


def to_ints(care: np.ndarray, val: np.ndarray) -> list[Cube]:
    """(N, W) uint64 arrays -> list of (care, val) Python ints (word k at bits 64k..64k+63)."""
    if care.shape[1] == 1:
        return list(zip(care[:, 0].tolist(), val[:, 0].tolist(), strict=True))
    cs = [sum(int(x) << (64 * k) for k, x in enumerate(row)) for row in care.tolist()]
    vs = [sum(int(x) << (64 * k) for k, x in enumerate(row)) for row in val.tolist()]
    return list(zip(cs, vs, strict=True))


def from_ints(cubes: list[Cube], w: int) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`to_ints`."""
    mask = (1 << 64) - 1
    care = np.array([[(c >> (64 * k)) & mask for k in range(w)] for c, _ in cubes], dtype=np.uint64)
    val = np.array([[(v >> (64 * k)) & mask for k in range(w)] for _, v in cubes], dtype=np.uint64)
    return care.reshape(len(cubes), w), val.reshape(len(cubes), w)


def _bits(x: int):
    while x:
        low = x & -x
        yield low
        x ^= low


def _split(cubes: list[Cube]) -> tuple[int, bool]:
    pos = neg = 0
    for c, v in cubes:
        pos |= v
        neg |= c & ~v
    binate = pos & neg
    cand = binate or (pos | neg)
    for c, _ in cubes:  # count only the candidates of one cube that has some: cheap, and good enough
        if c & cand:
            cand &= c
            break
    best, best_n = 0, -1
    for b in _bits(cand):
        k = sum(1 for c, _ in cubes if c & b)
        if k > best_n:
            best, best_n = b, k
    return best, bool(binate)


def _cofactors(cubes: list[Cube], b: int) -> tuple[list[Cube], list[Cube]]:
    one, zero = [], []
    nb = ~b
    for c, v in cubes:
        if not c & b:
            one.append((c, v))
            zero.append((c, v))
        elif v & b:
            one.append((c & nb, v & nb))
        else:
            zero.append((c & nb, v))
    return one, zero


def complement_ints(cubes: list[Cube], limit: int | None = None, memo: dict | None = None) -> list[Cube]:
    """A cover of the points no cube covers (:class:`neurosim.cubes.CoverTooLarge` past ``limit`` cubes).

    ``memo``, if given, keeps the complements of sub-covers of at most :data:`MEMO_ROWS` cubes (keyed by the cubes
    in order, so a hit returns exactly what the recursion would): the outputs of one table meet the same small
    cofactors again and again (ex5's 63 outputs: 0.043 -> 0.019 s). The lists it returns are shared: not to be
    changed in place.
    """
    if memo is None or not 1 < len(cubes) <= MEMO_ROWS:
        return _complement_ints(cubes, limit, memo)
    key = tuple(cubes)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _complement_ints(cubes, limit, memo)
    return hit


def _complement_ints(cubes: list[Cube], limit: int | None, memo: dict | None) -> list[Cube]:
    if not cubes:
        return [(0, 0)]
    if any(c == 0 for c, _ in cubes):
        return []
    if len(cubes) == 1:
        c, v = cubes[0]
        return [(b, b & ~v) for b in _bits(c)]
    ones, zeros = -1, -1
    for c, v in cubes:
        ones &= v
        zeros &= c & ~v
    common = ones | zeros
    if common:  # ¬(x·G) = x' + ¬G
        rest = complement_ints([(c & ~common, v & ~common) for c, v in cubes], limit, memo)
        return [(b, b & ~ones) for b in _bits(common)] + rest
    b, _ = _split(cubes)
    one, zero = _cofactors(cubes, b)
    r1, r0 = complement_ints(one, limit, memo), complement_ints(zero, limit, memo)
    if limit is not None and len(r1) + len(r0) > limit:
        raise CoverTooLarge(f"complement exceeds {limit} cubes")
    both = set(r1) & set(r0)
    return ([q for q in r1 if q in both] + [(c | b, v | b) for c, v in r1 if (c, v) not in both]
            + [(c | b, v) for c, v in r0 if (c, v) not in both])


def uncovered_ints(cubes: list[Cube]) -> int | None:
    """Value bits of a point no cube covers (variables not mentioned are 0), or None for a tautology."""
    if not cubes:
        return 0
    if any(c == 0 for c, _ in cubes):
        return None
    b, binate = _split(cubes)
    if not binate:
        neg = 0
        for c, v in cubes:
            neg |= c & ~v
        return neg
    one, zero = _cofactors(cubes, b)
    p = uncovered_ints(one)
    if p is not None:
        return p | b
    return uncovered_ints(zero)


def sccc_ints(cubes: list[Cube]) -> Cube | None:
    """Smallest cube containing the complement, or None when the cover is a tautology."""
    if not cubes:
        return (0, 0)
    if any(c == 0 for c, _ in cubes):
        return None
    b, binate = _split(cubes)
    if not binate:
        cc = vv = 0
        for c, v in cubes:
            if c & (c - 1) == 0:  # one literal
                cc |= c
                vv |= c & ~v
        return cc, vv
    one, zero = _cofactors(cubes, b)
    a, d = sccc_ints(one), sccc_ints(zero)
    if a is None and d is None:
        return None
    if d is None:
        return a[0] | b, a[1] | b
    if a is None:
        return d[0] | b, d[1] & ~b
    both = a[0] & d[0] & ~(a[1] ^ d[1])
    return both, a[1] & both
