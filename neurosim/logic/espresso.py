"""Espresso-style heuristic two-level minimisation of multi-output covers (EXPAND, IRREDUNDANT, REDUCE).

A multi-output cover is a triple ``(care, val, out)``: the input parts as bit-packed cubes (see
:mod:`neurosim.cubes`) and ``out``, an ``(N, m)`` bool matrix saying which outputs each cube feeds. A cube may
feed output ``j`` only if it lies inside ``ON_j ∪ DC_j``; the OFF-set ``R`` (one cover per output, computed by
cube complement) is what EXPAND must avoid.

Notes
-----
Brayton, Hachtel, McMullen & Sangiovanni-Vincentelli, *Logic Minimization Algorithms for VLSI Synthesis*
(Kluwer, 1984); Rudell & Sangiovanni-Vincentelli, "Multiple-valued minimization for PLA optimization", IEEE
TCAD 6 (1987). This is a compact re-implementation of the loop, not a port: EXPAND raises literals greedily
towards covering other cubes, IRREDUNDANT removes cubes covered by the rest, REDUCE shrinks each cube to the
smallest cube around the points only it covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import CoverTooLarge
from .compiled import kernels
from .covers import Cover, MOCover, merge_outputs
from .cubes import (
    colcount,
    complement,
    complement_supercube,
    contained_in,
    intersects,
    remove_contained_bounded,
    supercube,
    uncovered_point,
)
from .stages import stage

OFFSET_LIMIT = 5000

__all__ = ["OFFSET_LIMIT", "OffsetCache", "espresso", "expand", "irredundant", "offset", "output_offset",
           "reduce_cover"]


@dataclass
class OffsetCache:
    """What :func:`output_offset` keeps across the outputs of one table: the complement of each distinct
    ``ON_j ∪ DC_j``, and the complements of the small sub-covers the recursion meets (see
    :func:`neurosim.logic.cubes.complement`'s ``memo``)."""

    covers: dict[bytes, Cover] = field(default_factory=dict)
    parts: dict = field(default_factory=dict)


def output_offset(on: MOCover, dc: MOCover, j: int, n: int, limit: int | None, cache: OffsetCache) -> Cover:
    """The OFF-set of output ``j``: the complement of ``ON_j ∪ DC_j``, computed once for all outputs with the
    same ON ∪ DC (``cache``, kept by the caller across outputs).

    Raises :class:`~neurosim.errors.CoverTooLarge` past ``limit`` cubes.
    """
    c = np.concatenate([on.output(j)[0], dc.output(j)[0]])
    v = np.concatenate([on.output(j)[1], dc.output(j)[1]])
    key = c.tobytes() + b"|" + v.tobytes()
    if key not in cache.covers:
        cache.covers[key] = complement(c, v, n, limit, memo=cache.parts)
    return cache.covers[key]


def offset(on: MOCover, dc: MOCover, n: int, limit: int | None = None) -> MOCover:
    """The OFF-set: per output the complement of ``ON_j ∪ DC_j``; equal cubes of different outputs merged.

    Raises :class:`~neurosim.errors.CoverTooLarge` past ``limit`` cubes per output.
    """
    cache = OffsetCache()
    return merge_outputs([output_offset(on, dc, j, n, limit, cache) for j in range(on.out.shape[1])], n)


def _expand_one(i: int, f: MOCover, r: MOCover, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raise literals and outputs of cube ``i`` while it misses the OFF-set of its outputs.

    First, while other cubes can be covered ("feasibly covered" in espresso, outputs included), raise the
    literal or output that the most of them need; then keep a small set of literals that still blocks every
    relevant OFF cube (greedy column cover of the blocking matrix) and raise the rest: a large prime.
    """
    c_care, c_val = f.care[i], f.val[i]
    outs = f.out[i].copy()
    k = (c_val ^ r.val) & c_care & r.care  # per OFF cube, the literals of c it conflicts on
    raised = np.zeros_like(c_care)
    g = alive.copy()
    g[i] = False
    gi = np.flatnonzero(g)
    n_in = 64 * len(c_care)
    while len(gi):
        rel = r.out[:, outs].any(axis=1)
        rem_all = k & ~raised
        rem = rem_all[rel]
        cnt = np.bitwise_count(rem).sum(axis=1)
        fixed = np.bitwise_or.reduce(rem[cnt == 1], axis=0) if (cnt == 1).any() else np.zeros_like(c_care)
        free = c_care & ~raised & ~fixed
        need = c_care & ~raised & (~f.care[gi] | (c_val ^ f.val[gi]))
        need_out = f.out[gi] & ~outs
        ok = ~(need & ~free).any(axis=1) & (need.any(axis=1) | need_out.any(axis=1))
        gi, need, need_out = gi[ok], need[ok], need_out[ok]
        if not len(gi):
            break
        feas = np.zeros(min(len(gi), 48), dtype=bool)
        for q in range(len(feas)):
            rows = rel | r.out[:, need_out[q]].any(axis=1) if need_out[q].any() else rel
            feas[q] = (rem_all[rows] & ~need[q]).any(axis=1).all()
        if not feas.any():
            gi = gi[len(feas):]
            continue
        score = np.concatenate([colcount(need[:len(feas)][feas]), need_out[:len(feas)][feas].sum(axis=0)])
        col = int(np.argmax(score))
        if col < n_in:
            raised[col // 64] |= np.uint64(1) << np.uint64(col % 64)
        else:
            outs[col - n_in] = True
    # largest prime: keep a greedy minimum set of literals that blocks every relevant OFF cube
    rem = (k & ~raised)[r.out[:, outs].any(axis=1)]
    keep = np.zeros_like(c_care)
    while len(rem):
        cnt = np.bitwise_count(rem).sum(axis=1)
        single = rem[cnt == 1]
        if len(single):
            pick = np.bitwise_or.reduce(single, axis=0)
        else:
            var = int(np.argmax(colcount(rem)))
            pick = np.zeros_like(c_care)
            pick[var // 64] = np.uint64(1) << np.uint64(var % 64)
        keep |= pick
        rem = rem[~(rem & pick).any(axis=1)]
    return c_care & keep, c_val & keep, outs


def expand(f: MOCover, r: MOCover) -> MOCover:
    """Make every cube prime (in inputs, then in outputs) and drop the cubes that others then contain."""
    order = np.argsort(np.bitwise_count(f.care).sum(axis=1), kind="stable")  # large cubes first
    if kernels(len(f) + len(r)) is not None and len(f):
        from ._expand_kernel import expand_loop

        c, v, o, alive = expand_loop(np.ascontiguousarray(f.care), np.ascontiguousarray(f.val), f.out,
                                     np.ascontiguousarray(r.care), np.ascontiguousarray(r.val),
                                     np.ascontiguousarray(r.out), order)
        return MOCover(c, v, o).take(np.flatnonzero(alive))
    return _expand_reference(f, r, order)


def _expand_reference(f: MOCover, r: MOCover, order: np.ndarray) -> MOCover:
    """The plain loop of :func:`expand` (the kernel's reference)."""
    f = MOCover(f.care.copy(), f.val.copy(), f.out.copy())
    alive = np.ones(len(f), dtype=bool)
    for i in order:
        if not alive[i]:
            continue
        cc, cv, _ = _expand_one(int(i), f, r, alive)
        hit = intersects(r.care, r.val, cc, cv)
        # raise only outputs the cube can help: unblocked ones whose cover it meets
        near = intersects(f.care, f.val, cc, cv) & alive
        new_out = (~r.out[hit].any(axis=0) & f.out[near].any(axis=0)) | f.out[i]
        f.care[i], f.val[i], f.out[i] = cc, cv, new_out
        inside = contained_in(f.care, f.val, cc, cv) & ~(f.out & ~new_out).any(axis=1) & alive
        inside[i] = False
        alive &= ~inside
    return f.take(np.flatnonzero(alive))


def _covered_by(ci: np.ndarray, vi: np.ndarray, care: np.ndarray, val: np.ndarray) -> bool:
    hit = intersects(care, val, ci, vi)
    return uncovered_point(care[hit] & ~ci, val[hit] & ~ci) is None


def irredundant(f: MOCover, dc: MOCover, *, trim: bool = True) -> MOCover:
    """Remove cubes (then, with ``trim``, output connections) that the rest of the cover and the DC-set cover.

    :func:`espresso` also runs its loop once with connections left in place (``trim=False``), as espresso's
    IRREDUNDANT does: trimming them there can steer REDUCE away from shared multi-output cubes.
    """
    f = MOCover(f.care, f.val, f.out.copy())
    order = np.argsort(-np.bitwise_count(f.care).sum(axis=1), kind="stable")  # small cubes first
    if kernels(len(f) + len(dc)) is not None and len(f):
        from ._mv_kernels import irredundant_loop

        alive = irredundant_loop(np.ascontiguousarray(f.care), np.ascontiguousarray(f.val), f.out,
                                 np.ascontiguousarray(dc.care), np.ascontiguousarray(dc.val),
                                 np.ascontiguousarray(dc.out), order, trim)
        return f.take(np.flatnonzero(alive))
    return _irredundant_reference(f, dc, order, trim)


def _irredundant_reference(f: MOCover, dc: MOCover, order: np.ndarray, trim: bool) -> MOCover:
    """The plain loop of :func:`irredundant` (the kernels' reference): one tautology check per cube and output."""
    alive = np.ones(len(f), dtype=bool)
    m = f.out.shape[1]
    dcs = [dc.output(j) for j in range(m)]

    def covered(i: int, j: int) -> bool:
        others = alive & f.out[:, j]
        others[i] = False
        care = np.concatenate([f.care[others], dcs[j][0]])
        val = np.concatenate([f.val[others], dcs[j][1]])
        return _covered_by(f.care[i], f.val[i], care, val)

    for i in order:
        if all(covered(int(i), int(j)) for j in np.flatnonzero(f.out[i])):
            alive[i] = False
    for i in order if trim else ():  # trim output connections: fewer synapses, same units
        if not alive[i]:
            continue
        for j in np.flatnonzero(f.out[i]):
            if f.out[i].sum() > 1 and covered(int(i), int(j)):
                f.out[i, j] = False
    return f.take(np.flatnonzero(alive))


def reduce_cover(f: MOCover, dc: MOCover, n: int, *, independent: bool = False) -> MOCover:
    """Shrink each cube to the smallest cube holding the points that no other cube (or DC) covers.

    Cubes are reduced one after the other against the already reduced ones, or, with ``independent``, each
    against the original cover (espresso's LAST_GASP).
    """
    order = np.argsort(np.bitwise_count(f.care).sum(axis=1), kind="stable")
    if kernels(len(f) + len(dc)) is not None and len(f):
        from ._mv_reduce import reduce_loop

        c, v, o, alive = reduce_loop(np.ascontiguousarray(f.care), np.ascontiguousarray(f.val), f.out,
                                     np.ascontiguousarray(dc.care), np.ascontiguousarray(dc.val),
                                     np.ascontiguousarray(dc.out), order, independent)
        return MOCover(c, v, o).take(np.flatnonzero(alive))
    return _reduce_reference(f, dc, n, order, independent)


def _reduce_reference(f: MOCover, dc: MOCover, n: int, order: np.ndarray, independent: bool) -> MOCover:
    """The plain loop of :func:`reduce_cover` (the kernels' reference): one complement supercube per cube and
    output."""
    orig = f
    f = MOCover(f.care.copy(), f.val.copy(), f.out.copy())
    alive = np.ones(len(f), dtype=bool)
    for i in order:
        ci, vi = f.care[i], f.val[i]
        parts_c, parts_v = [], []
        for j in np.flatnonzero(f.out[i]):
            base = orig if independent else f
            others = (alive if not independent else np.ones(len(f), bool)) & base.out[:, j]
            others[i] = False
            dcj = dc.output(int(j))
            care = np.concatenate([base.care[others], dcj[0]])
            val = np.concatenate([base.val[others], dcj[1]])
            hit = intersects(care, val, ci, vi)
            sc = complement_supercube(care[hit] & ~ci, val[hit] & ~ci, n)
            if sc is None:
                f.out[i, j] = False
            else:
                parts_c.append(sc[0][None])
                parts_v.append(sc[1][None])
        if not parts_c:
            alive[i] = False
            continue
        sc, sv = supercube(np.concatenate(parts_c), np.concatenate(parts_v))
        f.care[i] = ci | sc
        f.val[i] = vi | sv
    return f.take(np.flatnonzero(alive))


def espresso(on: MOCover, dc: MOCover, n: int, *, off: MOCover | None = None, max_loops: int = 4,
             select=None, restarts: int = 0) -> MOCover:
    """Minimise a multi-output cover heuristically.

    Parameters
    ----------
    on, dc : MOCover
        ON-set and DC-set covers (``dc`` may be empty).
    n : int
        Number of inputs.
    off : MOCover, optional
        The OFF-set if known (PLA types ``fr``/``fdr``); computed by complement otherwise.
    max_loops : int
        REDUCE–EXPAND–IRREDUNDANT rounds after the first EXPAND–IRREDUNDANT.
    select : callable(pool, on, off, n) -> MOCover or None, optional
        An exact chooser (e.g. :func:`neurosim.logic.exact_cover.select_cover`) given every prime the loop produced;
        its cover is kept when smaller.
    restarts : int
        Extra runs from shuffled cube orders (seeded, so repeatable); their primes join the pool of ``select``.

    Returns
    -------
    MOCover
        A prime, irredundant cover with every cube inside ``ON_j ∪ DC_j`` for each output ``j`` it feeds.
    """
    if off is None:
        stage(f"OFF-set of {len(on)} ON and {len(dc)} DC cubes")
        try:
            r = offset(on, dc, n, limit=OFFSET_LIMIT)
        except CoverTooLarge:
            # an exponentially large OFF-set (o64 is the classic case): keep the given cubes, made irredundant
            keep = remove_contained_bounded(on.care, on.val)
            return irredundant(on.take(keep), dc)
    else:
        r = off
    pool: list[MOCover] = []
    first = expand(on, r)  # both runs from the given order start with it (apex1: 0.09 s each)
    f = _loop(on, dc, r, n, max_loops, pool, expanded=first)
    rng = np.random.default_rng(0)
    for k in range(restarts):
        stage(f"minimise: restart {k + 1}/{restarts} from a shuffled order")
        g = _loop(on.take(rng.permutation(len(on))), dc, r, n, max_loops, pool)
        if g.cost() < f.cost():
            f = g
    # a second run keeping output connections through the loop (as espresso's IRREDUNDANT does): on covers
    # with much output sharing it finds far fewer cubes (seq: 384 -> 348), on others it does worse (spla);
    # only past 16 inputs (below, ``select`` picks among every prime) and with several outputs to share
    if n > 16 and on.out.shape[1] >= 4:
        stage("minimise: a run keeping output connections")
        g = irredundant(_loop(on, dc, r, n, max_loops, pool, trim=False, expanded=first), dc)
        if g.cost() < f.cost():
            f = g
    if select is not None and len(f) > 1:
        allc = MOCover(*(np.concatenate([getattr(p, k) for p in pool]) for k in ("care", "val", "out")))
        stage(f"minimise: exact choice among {len(allc)} primes")
        g = select(allc, on, r, n)
        if g is not None and len(g) < len(f):
            f = irredundant(g, dc)
    return f


def _loop(on: MOCover, dc: MOCover, r: MOCover, n: int, max_loops: int, pool: list[MOCover], *,
          trim: bool = True, expanded: MOCover | None = None) -> MOCover:
    """EXPAND, IRREDUNDANT, then REDUCE–EXPAND–IRREDUNDANT (and LAST_GASP) while the cost falls; ``trim``
    is IRREDUNDANT's (whether it drops redundant output connections too); ``expanded``, if given, is
    ``expand(on, r)`` already computed."""
    stage(f"minimise: EXPAND, IRREDUNDANT of {len(on)} cubes")
    f = irredundant(expand(on, r) if expanded is None else expanded, dc, trim=trim)
    best = f.cost()
    pool.append(f)
    for k in range(max_loops):
        stage(f"minimise: pass {k + 1}, {len(f)} cubes: REDUCE, EXPAND, IRREDUNDANT")
        g = irredundant(expand(reduce_cover(f, dc, n), r), dc, trim=trim)
        pool.append(g)
        cost = g.cost()
        if cost >= best and len(f) <= 400:  # LAST_GASP costs a full reduce: only for moderate covers
            stage(f"minimise: LAST_GASP on {len(f)} cubes")
            g = _last_gasp(f, dc, r, n, trim)
            pool.append(g)
            cost = g.cost()
        if cost >= best:
            break
        f, best = g, cost
    return f


def _last_gasp(f: MOCover, dc: MOCover, r: MOCover, n: int, trim: bool = True) -> MOCover:
    """Reduce every cube against the original cover, re-expand the reduced cubes towards each other, and keep
    the new primes only if an irredundant cover of old and new cubes is smaller."""
    g = expand(reduce_cover(f, dc, n, independent=True), r)
    both = MOCover(np.concatenate([f.care, g.care]), np.concatenate([f.val, g.val]),
                   np.concatenate([f.out, g.out]))
    return irredundant(both, dc, trim=trim)
