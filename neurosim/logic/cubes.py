"""Cube algebra on bit-packed covers: parsing, containment, intersection, cofactors, tautology, complement.

A *cube* over ``n`` Boolean variables is a product of literals, written as a string over ``0``, ``1`` and ``-``
(the PLA convention). Here a cover (a set of cubes) is two ``(N, W)`` uint64 arrays, ``W = ceil(n / 64)``:
``care`` has bit ``i`` set where variable ``i`` appears as a literal and ``val`` gives the literal's polarity
(``val ⊆ care``). Variable ``i`` lives in word ``i // 64`` at bit ``i % 64``. Every operation is vectorised over
the rows, so one Python step handles a whole cover.

Notes
-----
The unate recursive paradigm for tautology and complement follows Brayton, Hachtel, McMullen &
Sangiovanni-Vincentelli, *Logic Minimization Algorithms for VLSI Synthesis* (Kluwer, 1984), ch. 3–4.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from ..errors import CoverTooLarge
from . import _small_cubes as _sm
from .compiled import kernels
from .covers import empty_cover, n_words, universe_cover

__all__ = [
    "CONTAINED_LIMIT",
    "cofactor",
    "colcount",
    "complement",
    "complement_supercube",
    "contained_in",
    "format_cubes",
    "full_mask",
    "intersects",
    "parse_cubes",
    "remove_contained",
    "remove_contained_bounded",
    "supercube",
    "tautology",
    "uncovered_point",
]

_U64 = np.uint64
_DASH, _ONE = ord("-"), ord("1")


def full_mask(n: int) -> np.ndarray:
    """``(W,)`` mask with the bits of all ``n`` variables set."""
    bits = np.zeros(n_words(n) * 64, dtype=np.uint8)
    bits[:n] = 1
    return np.packbits(bits, bitorder="little").view(_U64).copy()


def _pack(bits: np.ndarray, w: int) -> np.ndarray:
    """Pack an (N, n) 0/1 array into (N, w) uint64, variable i at word i // 64, bit i % 64."""
    out = np.zeros((bits.shape[0], w * 64), dtype=np.uint8)
    out[:, : bits.shape[1]] = bits
    return np.packbits(out, axis=1, bitorder="little").view(_U64).reshape(bits.shape[0], w)


def parse_cubes(cubes: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Cube strings over ``'01-'`` (each of length ``n``) -> ``(care, val)``, both ``(N, W)`` uint64."""
    w = n_words(n)
    if not cubes:
        return empty_cover(w)
    raw = np.frombuffer("".join(cubes).encode("ascii"), dtype=np.uint8).reshape(len(cubes), n)
    return _pack(raw != _DASH, w), _pack(raw == _ONE, w)


def format_cubes(care: np.ndarray, val: np.ndarray, n: int) -> list[str]:
    """``(care, val)`` -> cube strings over ``'01-'``."""
    if len(care) == 0:
        return []
    c = np.unpackbits(care.view(np.uint8), axis=1, bitorder="little")[:, :n].astype(bool)
    v = np.unpackbits(val.view(np.uint8), axis=1, bitorder="little")[:, :n].astype(bool)
    chars = np.where(c, np.where(v, _ONE, ord("0")), _DASH).astype(np.uint8)
    return [row.tobytes().decode("ascii") for row in chars]


def colcount(bits: np.ndarray) -> np.ndarray:
    """Per-variable count of rows with the bit set: ``(N, W)`` -> ``(64 W,)`` int."""
    if len(bits) == 0:
        return np.zeros(bits.shape[1] * 64, dtype=np.int64)
    return np.unpackbits(bits.view(np.uint8), axis=1, bitorder="little").sum(axis=0, dtype=np.int64)


def intersects(care: np.ndarray, val: np.ndarray, c_care: np.ndarray, c_val: np.ndarray) -> np.ndarray:
    """Rows of the cover that intersect cube ``c``: ``(N,)`` bool."""
    return ~(((val ^ c_val) & care & c_care).any(axis=1))


def contained_in(care: np.ndarray, val: np.ndarray, c_care: np.ndarray, c_val: np.ndarray) -> np.ndarray:
    """Rows of the cover contained in cube ``c``: ``(N,)`` bool."""
    return ~(((c_care & ~care) | ((val ^ c_val) & c_care)).any(axis=1))


def cofactor(care: np.ndarray, val: np.ndarray, c_care: np.ndarray, c_val: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """Cofactor of the cover with respect to cube ``c``: rows meeting ``c``, with ``c``'s variables freed."""
    keep = intersects(care, val, c_care, c_val)
    keep_mask = ~c_care
    return care[keep] & keep_mask, val[keep] & keep_mask


def supercube(care: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Smallest cube containing every row (the cover must be non-empty)."""
    ones = np.bitwise_or.reduce(val, axis=0)
    zeros = np.bitwise_or.reduce(care & ~val, axis=0)
    both = ones & zeros
    all_care = np.bitwise_and.reduce(care, axis=0)
    c = all_care & ~both
    return c, ones & c


#: largest covers that get a full single-cube-containment pass (quadratic in the cover's size); larger ones are
#: kept as they are (correct, only less compact). Chosen on the MCNC set (benchmarks/bench_compile.py): the
#: complement's final pass at 2,000 cubes, the minimiser's and the verifier's unions at 4,000.
CONTAINED_LIMIT_COMPLEMENT = 2000
CONTAINED_LIMIT = 4000


def remove_contained_bounded(care: np.ndarray, val: np.ndarray, limit: int = CONTAINED_LIMIT) -> np.ndarray:
    """:func:`remove_contained` for covers of at most ``limit`` rows; every row's index for larger ones."""
    return remove_contained(care, val) if len(care) <= limit else np.arange(len(care))


def remove_contained(care: np.ndarray, val: np.ndarray) -> np.ndarray:
    """Indices of rows not contained in another row (of two equal rows the first is kept)."""
    n = len(care)
    if n <= 1:
        return np.arange(n)
    alive = np.ones(n, dtype=bool)
    idx = np.arange(n)
    for s in range(0, n, 256):
        ci, vi = care[s:s + 256, None, :], val[s:s + 256, None, :]
        inside = ~(((care[None] & ~ci) | ((vi ^ val[None]) & care[None])).any(axis=2))  # row i ⊆ row j
        rows = idx[s:s + 256, None]
        # i is dropped if inside some other j that is not equal to it, or equal to an earlier j
        same = ~(((care[None] ^ ci) | (vi ^ val[None])).any(axis=2))
        drop = (inside & ~same & (rows != idx[None])) | (same & (idx[None] < rows))
        alive[s:s + 256] = ~drop.any(axis=1)
    return np.flatnonzero(alive)


def _split_var(care: np.ndarray, val: np.ndarray) -> tuple[int, bool]:
    """The most binate variable (or, if the cover is unate, the most used one) and whether it is binate."""
    pos = colcount(val)
    neg = colcount(care & ~val)
    binate = (pos > 0) & (neg > 0)
    if binate.any():
        score = np.where(binate, pos + neg, -1)
        return int(np.argmax(score)), True
    return int(np.argmax(pos + neg)), False


def _bit(var: int, w: int) -> np.ndarray:
    m = np.zeros(w, dtype=_U64)
    m[var // 64] = _U64(1) << _U64(var % 64)
    return m


def _var_cofactor(care: np.ndarray, val: np.ndarray, bit: np.ndarray, value: bool
                  ) -> tuple[np.ndarray, np.ndarray]:
    has = (care & bit).any(axis=1)
    pol = (val & bit).any(axis=1)
    keep = ~has | (pol == value)
    return care[keep] & ~bit, val[keep] & ~bit


def uncovered_point(care: np.ndarray, val: np.ndarray) -> np.ndarray | None:
    """A point (``(W,)`` value bits) covered by no row, or None when the cover is a tautology.

    Only variables mentioned in the cover are decided; the others are 0 in the returned bits. Where the compiled
    kernels are in use (:mod:`neurosim.logic.compiled`), the yes-or-no question goes to their tautology check
    first, and the recursion below only runs to name the point when there is one (the verifier asks about every
    ON cube of a table, and the answer is almost always "tautology").
    """
    w = care.shape[1]
    if len(care) == 0:
        return np.zeros(w, dtype=_U64)
    if not care.any(axis=1).all():
        return None
    kern = kernels(len(care))
    if kern is not None and kern.tautology(np.ascontiguousarray(care), np.ascontiguousarray(val), 64 * w):
        return None
    return _uncovered_point(care, val)


def _uncovered_point(care: np.ndarray, val: np.ndarray) -> np.ndarray | None:
    """:func:`uncovered_point` by the unate recursion (Python ints below SMALL rows)."""
    w = care.shape[1]
    if len(care) == 0:
        return np.zeros(w, dtype=_U64)
    if not care.any(axis=1).all():
        return None
    if len(care) <= _sm.SMALL:
        p = _sm.uncovered_ints(_sm.to_ints(care, val))
        return None if p is None else _sm.from_ints([(p, p)], w)[1][0]
    var, binate = _split_var(care, val)
    if not binate:
        # unate cover without a universal row: the point opposing every literal is outside every row
        return np.bitwise_or.reduce(care & ~val, axis=0)
    bit = _bit(var, w)
    p = _uncovered_point(*_var_cofactor(care, val, bit, True))
    if p is not None:
        return p | bit
    return _uncovered_point(*_var_cofactor(care, val, bit, False))


def tautology(care: np.ndarray, val: np.ndarray) -> bool:
    """True when the cover contains every point."""
    return uncovered_point(care, val) is None


def complement_supercube(care: np.ndarray, val: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The smallest cube containing every point no row covers, or None when the cover is a tautology.

    Cheaper than :func:`complement` (espresso's ``sccc``): a unate cover's answer is read off directly.
    """
    w = n_words(n)
    if len(care) == 0:
        return np.zeros(w, _U64), np.zeros(w, _U64)
    if not care.any(axis=1).all():
        return None
    if len(care) <= _sm.SMALL:
        r = _sm.sccc_ints(_sm.to_ints(care, val))
        if r is None:
            return None
        c, v = _sm.from_ints([r], w)
        return c[0], v[0]
    var, binate = _split_var(care, val)
    if not binate:
        # unate: the complement lies in x' exactly when the one-literal cube x is in the cover
        single = np.bitwise_count(care).sum(axis=1) == 1
        c = np.bitwise_or.reduce(care[single], axis=0) if single.any() else np.zeros(w, _U64)
        v = np.bitwise_or.reduce(care[single] & ~val[single], axis=0) if single.any() else np.zeros(w, _U64)
        return c, v
    bit = _bit(var, w)
    a = complement_supercube(*_var_cofactor(care, val, bit, True), n)
    b = complement_supercube(*_var_cofactor(care, val, bit, False), n)
    if a is None and b is None:
        return None
    if b is None:
        return a[0] | bit, a[1] | bit
    if a is None:
        return b[0] | bit, b[1] & ~bit
    both = a[0] & b[0] & ~(a[1] ^ b[1])
    return both, a[1] & both


def complement(care: np.ndarray, val: np.ndarray, n: int, limit: int | None = None, *, memo: dict | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """A cover of the points no row covers (unate recursive complement).

    Raises :class:`CoverTooLarge` when ``limit`` is given and a partial result holds more cubes than that.
    ``memo`` (a dict the caller keeps across related covers) remembers small sub-covers' complements; the result
    is the same with or without it.
    """
    w = n_words(n)
    if len(care) == 0:
        return universe_cover(w)
    if not care.any(axis=1).all():
        return empty_cover(w)
    if limit is not None:
        lits = np.bitwise_count(care).sum(axis=1)
        if int(lits.sum()) == int(np.bitwise_count(np.bitwise_or.reduce(care, axis=0)).sum()):
            # disjoint supports: the complement has exactly prod(literal counts) cubes (o64's 2**65)
            size = 1
            for k in lits.tolist():
                size *= k
                if size > limit:
                    raise CoverTooLarge(f"complement has more than {limit} cubes")
    if len(care) <= _sm.SMALL:
        c, v = _sm.from_ints(_sm.complement_ints(_sm.to_ints(care, val), limit, memo), w)
        if len(c) > 1:
            keep = remove_contained(c, v)
            c, v = c[keep], v[keep]
        return c, v
    # a literal every row shares factors out: ¬(x·G) = x' + ¬G
    common = np.bitwise_and.reduce(care, axis=0)
    if common.any():
        ones = np.bitwise_and.reduce(val, axis=0) & common
        zeros = np.bitwise_and.reduce(~val, axis=0) & common
        common = ones | zeros
    if common.any():
        dc, dv = _demorgan(common, ones & common, n)
        gc, gv = complement(care & ~common, val & ~common, n, limit, memo=memo)
        return np.concatenate([dc, gc]), np.concatenate([dv, gv])
    var, _ = _split_var(care, val)
    bit = _bit(var, w)
    c1, v1 = complement(*_var_cofactor(care, val, bit, True), n, limit, memo=memo)
    c0, v0 = complement(*_var_cofactor(care, val, bit, False), n, limit, memo=memo)
    if limit is not None and len(c1) + len(c0) > limit:
        raise CoverTooLarge(f"complement exceeds {limit} cubes")
    return _merge(c1, v1, c0, v0, bit)


def _demorgan(c: np.ndarray, v: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    bits = np.unpackbits(c.view(np.uint8), bitorder="little")[:n]
    idx = np.flatnonzero(bits)
    w = len(c)
    care = np.zeros((len(idx), w), _U64)
    for k, i in enumerate(idx):
        care[k, i // 64] = _U64(1) << _U64(i % 64)
    return care, care & ~v


def _merge(c1: np.ndarray, v1: np.ndarray, c0: np.ndarray, v0: np.ndarray, bit: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """x·C1 + x'·C0, where a cube present in both halves keeps no x literal (espresso's merge)."""
    if len(c1) and len(c0):
        k1 = np.concatenate([c1, v1], axis=1)
        k0 = np.concatenate([c0, v0], axis=1)
        common = _row_isin(k1, k0)
        common0 = _row_isin(k0, k1)
    else:
        common = np.zeros(len(c1), bool)
        common0 = np.zeros(len(c0), bool)
    care = np.concatenate([c1[common], c1[~common] | bit, c0[~common0] | bit])
    val = np.concatenate([v1[common], v1[~common] | bit, v0[~common0]])
    keep = remove_contained_bounded(care, val, CONTAINED_LIMIT_COMPLEMENT)
    return care[keep], val[keep]


def _row_isin(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Rows of ``a`` that also occur in ``b``."""
    dt = np.dtype((np.void, a.dtype.itemsize * a.shape[1]))
    av = np.ascontiguousarray(a).view(dt).ravel()
    bv = np.ascontiguousarray(b).view(dt).ravel()
    return np.isin(av, bv)


def cubes_from_points(points: Iterable[int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Minterm cubes for row indices (first variable = most significant bit of the index)."""
    pts = np.fromiter(points, dtype=np.int64)
    bits = ((pts[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.uint8)
    w = n_words(n)
    care = np.broadcast_to(full_mask(n), (len(pts), w)).copy()
    return care, _pack(bits, w)
