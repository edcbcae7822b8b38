"""Exact two-level covers: multi-output prime implicants and the minimum cover as one set-covering ILP.

Notes
-----
Prime implicants by Quine–McCluskey merging (Quine 1952; McCluskey 1956), run level by level on whole arrays of
cubes; the minimum cover is a set-covering ILP solved by HiGHS through :func:`scipy.optimize.milp`. The
multi-output cover is minimum over the union of every output's primes, each offered to all outputs it implies
(the classic multi-output primes add products of outputs; we leave those to the heuristic). The same ILP also
serves the heuristic as an exact IRREDUNDANT over every prime it produced (:func:`select_cover`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .covers import MOCover, empty_cover, n_words
from .espresso import irredundant
from .milp import MilpOutcome
from .set_cover import set_cover

__all__ = ["EXACT_MAX_INPUTS", "EXACT_MAX_NONZEROS", "NODE_LIMIT", "SELECT_NODE_LIMIT", "minimum_cover",
           "prime_implicants", "select_cover"]

EXACT_MAX_INPUTS = 14
_EXACT_MAX_CANDIDATES = 6000
_EXACT_MAX_ROWS = 40000
_EXACT_MAX_LEVEL = 300000
#: set-cover ILPs with more nonzeros are not tried: the root node alone (LP, cut rounds, sub-MIP heuristics) can
#: take minutes there, and no HiGHS option bounds it by work. Chosen on the MCNC set (benchmarks/bench_compile.py,
#: every ILP logged): all minimum covers up to 43,096 nonzeros (sao2) close at the root within seconds; clip's
#: two-phase problem (52,738) ran past 15 minutes without a node and ex5's (599,130) found nothing in 3 s.
#: The exact choice among the heuristic's primes is presolved away even at 528,119 (misex3c).
EXACT_MAX_NONZEROS = 45_000
SELECT_MAX_NONZEROS = 1_000_000
#: the exact choice among the heuristic's primes packs each point's pool cubes into bits (2^n × ceil(k/8)
#: bytes; the MCNC set's largest is t481's 7 MB) and gives up beyond this
SELECT_MAX_SIGNATURE_BYTES = 1 << 27
#: branch-and-bound nodes per set-cover ILP: a deterministic work limit (the MCNC ILPs all close within 1 node)
NODE_LIMIT = 1000
#: nodes for the exact choice among the heuristic's primes, an improvement step, not a proof: every MCNC choice
#: closes at the root but ex1010's (6,924 nonzeros), where 1,000 nodes took 47 s for 279 units against 281 from
#: the root alone in 5 s (benchmarks/bench_compile.py --only ex1010)
SELECT_NODE_LIMIT = 1
#: ... and the relative gap at which it may stop: ex1010's root took 9.6 s for 234 cubes, 1.7 s for 236 at 5 %
SELECT_GAP = 0.05


def _set_cover(rows: list[np.ndarray], cols: list[np.ndarray], n_rows: int, n_cols: int, upper: Any,
               node_limit: int, time_limit: float | None, gap: float | None = None
               ) -> tuple[np.ndarray, MilpOutcome] | None:
    """Fewest columns covering every row (row r is covered by column c where some (rows[k][i], cols[k][i]) is
    (r, c)): :func:`neurosim.logic.set_cover.set_cover` (identical rows merged, essential columns taken, the
    rest a 0/1 ILP); ``upper`` (0 or 1 per column, or 1) allows a column at all.

    Returns the chosen columns and the solve's outcome (proved minimal, or which limit stopped it), or None when
    the solver found nothing.
    """
    return set_cover(np.concatenate(rows), np.concatenate(cols), n_rows, n_cols, upper, node_limit, time_limit,
                     gap)


def _points(n: int) -> np.ndarray:
    return np.arange(1 << n, dtype=np.int64)


def _to_int(care: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Packed cubes (n ≤ 64) -> int64 masks with variable i at bit i."""
    return care[:, 0].astype(np.int64), val[:, 0].astype(np.int64)


#: cubes × points up to which every point is compared with every cube at once (a few ms of NumPy) instead of
#: one slice per cube (a Python step per cube and variable: 0.2 s of ex5's 0.5 s, 8 inputs and 63 outputs)
DENSE_WORK = 1 << 20


def _minterm_mask(care: np.ndarray, val: np.ndarray, n: int) -> np.ndarray:
    """(2^n,) bool: points covered by the cover (point p has variable i = bit i of p): dense comparison for small
    work (:data:`DENSE_WORK`), else :func:`_minterm_mask_sliced`."""
    if len(care) << n <= DENSE_WORK:
        return _minterm_mask_dense(care, val, n)
    return _minterm_mask_sliced(care, val, n)


def _minterm_mask_sliced(care: np.ndarray, val: np.ndarray, n: int) -> np.ndarray:
    """:func:`_minterm_mask` by slices: each cube is one slice assignment into the points viewed as an
    n-dimensional 2×…×2 array (axis a holds bit n-1-a), so a cube costs its own points, not 2^n comparisons
    (the dense way took 8 s of spla's 18 s compile)."""
    mask = np.zeros((2,) * n, dtype=bool)
    c, v = _to_int(care, val)
    full = slice(None)
    for ck, vk in zip(c.tolist(), v.tolist(), strict=True):
        mask[tuple(full if not (ck >> (n - 1 - a)) & 1 else (vk >> (n - 1 - a)) & 1 for a in range(n))] = True
    return mask.reshape(-1)


def _cube_slices(c: np.ndarray, v: np.ndarray, n: int) -> list[tuple]:
    """Each cube (int64 care/val masks) as an index into the points viewed as a 2×…×2 array (axis a: bit n-1-a)."""
    full = slice(None)
    return [tuple(full if not (ck >> (n - 1 - a)) & 1 else (vk >> (n - 1 - a)) & 1 for a in range(n))
            for ck, vk in zip(c.tolist(), v.tolist(), strict=True)]


def _signatures(c: np.ndarray, v: np.ndarray, n: int) -> np.ndarray:
    """(2^n, ceil(k/8)) uint8: each point's cubes as packed bits (cube j: bit j % 8 of byte j // 8).

    Small work (:data:`DENSE_WORK`) compares every point with every cube; otherwise each cube is one slice of
    the points viewed as a 2×…×2 array (:func:`_cube_slices`), so a cube costs its own points.
    """
    k = len(c)
    if k << n <= DENSE_WORK:
        dt = np.uint16 if n <= 16 else np.uint32 if n <= 32 else np.int64  # narrow temporaries
        pts = np.arange(1 << n, dtype=dt)
        inside = ((pts[:, None] ^ v.astype(dt)[None, :]) & c.astype(dt)[None, :]) == 0
        return np.packbits(inside, axis=1, bitorder="little").reshape(1 << n, (k + 7) // 8)
    words = (k + 7) // 8
    grid = np.zeros((2,) * n + (words,), np.uint8)
    for j, sl in enumerate(_cube_slices(c, v, n)):
        grid[(*sl, j >> 3)] |= np.uint8(1 << (j & 7))
    return grid.reshape(1 << n, words)


def _distinct_rows(sig: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, int]:
    """The set-cover entries of the distinct rows of packed signatures ``sig`` (rows, ceil(k/8)), each kept at
    its first occurrence and in that order, and the nonzeros of all rows.

    Returns
    -------
    r, c : ndarray of int64
        Entries of the distinct rows (renumbered 0..u-1, sorted by row, then column).
    nonzeros : int
        Entries of every row, repeats included (what the ILP would have held without the merge).

    Notes
    -----
    :func:`neurosim.logic.set_cover.reduce_rows` merges identical rows the same way (first occurrence kept, in
    order), so merging them here first leaves the residual ILP unchanged; it only saves building the
    point-by-point entries (b12: 163,072 rows, a few hundred distinct).
    """
    if len(sig) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    # rows as 64-bit words, sorted stably (a void-dtype np.unique sorts 10x slower): equal rows are adjacent,
    # the first of each run its first occurrence
    pad = np.zeros((len(sig), -sig.shape[1] % 8), np.uint8)
    words = np.ascontiguousarray(np.concatenate([sig, pad], axis=1)).view(np.uint64)
    order = np.lexsort(words.T[::-1])
    ws = words[order]
    new = np.ones(len(ws), bool)
    new[1:] = (ws[1:] != ws[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    firsts = order[starts]
    by_first = np.argsort(firsts)
    bits = np.unpackbits(sig[firsts[by_first]], axis=1, count=k, bitorder="little")
    repeats = np.diff(np.append(starts, len(ws)))[by_first]
    nonzeros = int(bits.sum(axis=1, dtype=np.int64) @ repeats)
    r, c = np.nonzero(bits)
    return r.astype(np.int64), c.astype(np.int64), nonzeros


def _minterm_mask_dense(care: np.ndarray, val: np.ndarray, n: int) -> np.ndarray:
    """:func:`_minterm_mask` by comparing every point with every cube (small work; each way is the other's
    oracle in the tests)."""
    # the narrowest integers that hold a point: b12's 2^15 points x 32 cubes are 2 MB of temporaries, not 8
    dt = np.uint16 if n <= 16 else np.uint32 if n <= 32 else np.int64
    pts = np.arange(1 << n, dtype=dt)
    mask = np.zeros(1 << n, dtype=bool)
    c, v = (a.astype(dt) for a in _to_int(care, val))
    for k in range(0, len(c), 256):
        mask |= (((pts[None, :] ^ v[k:k + 256, None]) & c[k:k + 256, None]) == 0).any(axis=0)
    return mask


def prime_implicants(tags: np.ndarray, n: int, *, max_cubes: int | None = None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Multi-output Quine–McCluskey: the cubes maximal for the set of outputs they imply.

    Parameters
    ----------
    tags : ndarray, shape (2**n,), uint64
        For each point (variable i = bit i of the index), the outputs (bit j) whose ``ON ∪ DC`` holds it; a
        single-output function has tags 0/1.
    n : int
    max_cubes : int, optional
        Give up (return None) when a level of the merge holds more cubes than this.

    Returns
    -------
    care, val : ndarray of int64
        The primes: no cube one literal larger implies the same outputs.
    prime_tags : ndarray of uint64
        The outputs each prime implies.

    Notes
    -----
    A cube's tag is the AND of its points' tags, and tags only shrink as cubes grow, so comparing each cube
    with its immediate merges decides primality (Bartee 1961, multiple-output QM).
    """
    full = (1 << n) - 1
    pts = np.flatnonzero(tags)
    keys = pts.astype(np.int64) | (full << n)  # key = care << n | val, sorted
    ktag = tags[pts].astype(np.uint64)
    pc, pv, pt = [], [], []
    while len(keys):
        care = keys >> n
        val = keys & full
        prime = np.ones(len(keys), dtype=bool)
        new_k, new_t = [], []
        for b in range(n):
            bit = 1 << b
            lo = np.flatnonzero(((care & bit) != 0) & ((val & bit) == 0))
            partner = keys[lo] | bit
            pos = np.minimum(np.searchsorted(keys, partner), len(keys) - 1)
            hit = keys[pos] == partner
            lo, pos = lo[hit], pos[hit]
            t = ktag[lo] & ktag[pos]
            nz = t != 0
            lo, pos, t = lo[nz], pos[nz], t[nz]
            prime[lo[t == ktag[lo]]] = False
            prime[pos[t == ktag[pos]]] = False
            new_k.append(keys[lo] & ~(bit << n))
            new_t.append(t)
        pc.append(care[prime])
        pv.append(val[prime])
        pt.append(ktag[prime])
        if not new_k:
            break
        allk, allt = np.concatenate(new_k), np.concatenate(new_t)
        keys, first = np.unique(allk, return_index=True)
        ktag = allt[first]
        if max_cubes is not None and len(keys) > max_cubes:
            return None
    if not pc:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint64)
    return np.concatenate(pc), np.concatenate(pv), np.concatenate(pt)


def minimum_cover(on: MOCover, dc: MOCover, n: int, *, node_limit: int = NODE_LIMIT,
                  time_limit: float | None = None) -> tuple[MOCover, str | None] | None:
    """A minimum multi-output cover over the primes, or None when the problem is too large for the ILP.

    Returns
    -------
    cover : MOCover
    stopped_by : str or None
        None when the cover is proved minimum; ``"node limit"`` or ``"time limit"`` when the solver stopped there
        with a feasible, not proven minimum, cover.
    """
    m = on.out.shape[1]
    if m > 64:
        return None
    on_masks = [_minterm_mask(*on.output(j), n) for j in range(m)]
    tags = np.zeros(1 << n, dtype=np.uint64)
    for j in range(m):
        sel = on_masks[j] | _minterm_mask(*dc.output(j), n)
        tags[sel] |= np.uint64(1 << j)
    primes = prime_implicants(tags, n, max_cubes=_EXACT_MAX_LEVEL)
    if primes is None:
        return None
    care, val, ptag = primes
    useful = np.zeros(len(care), dtype=bool)
    rows, cols, base = [], [], 0
    pts = _points(n)
    out = np.stack([(ptag >> np.uint64(j)) & np.uint64(1) for j in range(m)], axis=1).astype(bool) if m else \
        np.zeros((len(care), 0), bool)
    if len(care) > _EXACT_MAX_CANDIDATES:
        return None
    for j in range(m):
        on_pts = pts[on_masks[j]]
        if len(on_pts) == 0:
            continue
        cj = np.flatnonzero(out[:, j])
        r, c = np.nonzero(((on_pts[:, None] ^ val[None, cj]) & care[None, cj]) == 0)
        rows.append(r + base)
        cols.append(cj[c])
        useful[cj[c]] = True
        base += len(on_pts)
        if base > _EXACT_MAX_ROWS:
            return None
    w = n_words(n)
    if base == 0:
        return MOCover(*empty_cover(w), np.zeros((0, m), bool)), None
    if sum(len(r) for r in rows) > EXACT_MAX_NONZEROS:
        return None
    solved = _set_cover(rows, cols, base, len(care), useful.astype(float), node_limit, time_limit)
    if solved is None:
        return None
    pick, outcome = solved
    pc = np.zeros((len(pick), w), np.uint64)
    pv = np.zeros((len(pick), w), np.uint64)
    pc[:, 0] = care[pick].astype(np.uint64)
    pv[:, 0] = val[pick].astype(np.uint64)
    return irredundant(MOCover(pc, pv, out[pick]), dc), outcome.stopped_by


def select_cover(pool: MOCover, on: MOCover, r: MOCover, n: int, *, node_limit: int = SELECT_NODE_LIMIT,
                 time_limit: float | None = None, max_rows: int = 200000,
                 stops: list[str] | None = None) -> MOCover | None:
    """Fewest cubes of ``pool`` covering every ON point of every output (an ILP over points), or None.

    Each pool cube may feed every output whose OFF-set (in ``r``) it misses. Used after the heuristic, with
    every prime it produced on the way, as an exact IRREDUNDANT; only for ``n <= 16`` (points are enumerated).
    An output's points covered by the same cubes are one row (:func:`_distinct_rows`: b12's 163,072
    (point, output) rows are 1,525 distinct ones), which leaves the ILP as it was and skips building it point by
    point.
    A limit that stops the solve is appended to ``stops`` (the best cover found is still returned).
    """
    if n > 16 or len(pool) == 0 or (len(pool) + 7) // 8 << n > SELECT_MAX_SIGNATURE_BYTES:
        return None
    m = on.out.shape[1]
    keys = np.ascontiguousarray(np.concatenate([pool.care, pool.val], axis=1))
    _, first = np.unique(keys.view(np.dtype((np.void, keys.itemsize * keys.shape[1]))).ravel(), return_index=True)
    care, val = pool.care[np.sort(first)], pool.val[np.sort(first)]
    feeds = np.ones((len(care), m), dtype=bool)
    for s in range(0, len(care), 128):  # outputs a cube may feed: those whose OFF-set it misses
        hit = ~(((val[s:s + 128, None] ^ r.val[None]) & care[s:s + 128, None] & r.care[None]).any(axis=2))
        feeds[s:s + 128] = ~((hit.astype(np.float32) @ r.out.astype(np.float32)) > 0)
    pts = _points(n)
    sig = _signatures(*_to_int(care, val), n)  # each point's pool cubes, packed
    feed_bits = np.packbits(feeds, axis=0, bitorder="little")  # (ceil(k/8), m): output j's cubes, packed
    rows, cols, base, points, nonzeros = [], [], 0, 0, 0
    for j in range(m):
        on_pts = pts[_minterm_mask(*on.output(j), n)]
        if len(on_pts) == 0:
            continue
        points += len(on_pts)
        if points > max_rows:
            return None
        sj = sig[on_pts] & feed_bits[:, j][None, :]
        if not sj.any(axis=1).all():
            return None  # the pool cannot cover this output
        rr, cc, nz = _distinct_rows(sj, len(care))
        nonzeros += nz
        rows.append(rr + base)
        cols.append(cc)
        base += int(rr.max()) + 1
    if base == 0:
        return MOCover(care[:0], val[:0], feeds[:0])
    if nonzeros > SELECT_MAX_NONZEROS:
        return None
    solved = _set_cover(rows, cols, base, len(care), 1.0, node_limit, time_limit, SELECT_GAP)
    if solved is None:
        return None
    pick, outcome = solved
    if outcome.stopped_by is not None and stops is not None:
        stops.append(f"prime selection: {outcome.stopped_by}")
    return MOCover(care[pick], val[pick], feeds[pick])
