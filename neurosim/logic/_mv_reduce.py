"""REDUCE with the output part as one multiple-valued variable (numba): the recursion of
:mod:`neurosim.logic._mv_kernels` returning, instead of a yes or no, the outputs with a point no other cube covers
and the smallest cube holding all such points (the supercube of the per-output answers, which is unique, so the
covers are the reference loop's).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._cube_kernels import _meeting_rows, _pick_split
from ._expand_kernel import _words
from ._mv_kernels import _compact, _frames, _gather, _lits, _split, _universal_outputs

__all__ = ["reduce_loop"]


@njit(cache=True)
def _same(bc, bv, q, r, W):
    """Whether rows q and r hold the same input cube."""
    for k in range(W):  # noqa: SIM110 - a generator is no numba loop
        if bc[q, k] != bc[r, k] or bv[q, k] != bv[r, k]:
            return False
    return True


@njit(cache=True)
def _unate_cube(bc, bv, bo, a, b, W, M, need, rc, rv, d):
    """The supercube, over the outputs of ``need``, of the smallest cubes holding what unate rows [a, b) miss:
    literal x' is in output j's cube when the one-literal row x carries j, so in the supercube when every
    output of ``need`` has it."""
    for k in range(W):
        rc[d, k] = 0
        rv[d, k] = 0
    acc = np.empty(M, dtype=np.uint64)
    for r in range(a, b):
        if _lits(bc, r, W) != 1:
            continue
        seen = False
        for q in range(a, r):  # an earlier row with the same literal has answered for it
            if _same(bc, bv, q, r, W):
                seen = True
                break
        if seen:
            continue
        for k in range(M):
            acc[k] = 0
        for q in range(r, b):
            if _same(bc, bv, q, r, W):
                for k in range(M):
                    acc[k] |= bo[q, k]
        every = True
        for k in range(M):
            if need[k] & ~acc[k]:
                every = False
                break
        if every:
            for k in range(W):
                rc[d, k] |= bc[r, k]
                rv[d, k] |= bc[r, k] & ~bv[r, k]


@njit(cache=True)
def _missed(bc, bv, bo, lo, hi, W, M, need, rc, rv, found):
    """The outputs of ``need`` with a point the rows [lo, hi) miss into ``found``, and the smallest cube holding
    every such point (of every output) into (rc[0], rv[0]). Returns (any, bc, bv, bo); the buffers may be
    reallocated. The recursion of :func:`_covered`; a node's cube is the supercube x·A + x'·B of its halves', the
    whole space when some output has no row there."""
    fr, f_o, f_f, f_miss = _frames(W, M)  # fr: lo, hi, top, mid, end, stage
    F = fr.shape[0]
    f_k = np.zeros(F, dtype=np.int64)
    f_bit = np.zeros(F, dtype=np.uint64)
    f_a = np.zeros(F, dtype=np.bool_)
    u = np.empty(M, dtype=np.uint64)
    orr = np.empty(M, dtype=np.uint64)
    ret_f = np.zeros(M, dtype=np.uint64)
    ret = False
    d = 0
    fr[0, 0], fr[0, 1], fr[0, 2], fr[0, 5] = lo, hi, hi, 0
    for k in range(M):
        f_o[0, k] = need[k]
    while d >= 0:
        st = fr[d, 5]
        if st == 0:
            a, b = fr[d, 0], fr[d, 1]
            _universal_outputs(bc, bo, a, b, W, M, f_o[d], u)
            rem = False
            for k in range(M):
                f_o[d, k] &= ~u[k]
                if f_o[d, k]:
                    rem = True
            if not rem:
                for k in range(M):
                    ret_f[k] = 0
                ret = False
                d -= 1
                continue
            b2 = _compact(bc, bv, bo, a, b, W, M, f_o[d], orr)
            if fr[d, 2] == b:
                fr[d, 2] = b2
            univ, rem = False, False
            for k in range(M):
                f_miss[d, k] = f_o[d, k] & ~orr[k]
                if f_miss[d, k]:
                    univ = True
                f_o[d, k] &= orr[k]
                if f_o[d, k]:
                    rem = True
            kk, bit = _pick_split(bc, bv, a, b2, W) if rem else (-1, np.uint64(0))
            if kk < 0:
                # every output left has a missed point (none has a universal row); the cube: the whole space
                # when an output has no row, else the unate rows' cube
                for k in range(M):
                    ret_f[k] = f_o[d, k] | f_miss[d, k]
                if univ:
                    for k in range(W):
                        rc[d, k] = 0
                        rv[d, k] = 0
                else:
                    _unate_cube(bc, bv, bo, a, b2, W, M, f_o[d], rc, rv, d)
                ret = True
                d -= 1
                continue
            bc, bv, bo = _split(bc, bv, bo, fr, f_o, d, a, b2, W, M, kk, bit)
            f_k[d], f_bit[d] = kk, bit
            d += 1
        elif st == 1:  # the x half is done
            f_a[d] = ret
            for k in range(M):
                f_f[d, k] = ret_f[k]
            if ret:
                for k in range(W):
                    rc[d, k] = rc[d + 1, k]
                    rv[d, k] = rv[d + 1, k]
            fr[d, 5] = 2
            mid, end = fr[d, 3], fr[d, 4]
            fr[d + 1, 0], fr[d + 1, 1], fr[d + 1, 2], fr[d + 1, 5] = mid, end, end, 0
            for k in range(M):
                f_o[d + 1, k] = f_o[d, k]
            d += 1
        else:  # both halves done: x·A + x'·B into its supercube
            a_, b_, k0, bit = f_a[d], ret, f_k[d], f_bit[d]
            univ = False
            for k in range(M):
                ret_f[k] |= f_f[d, k] | f_miss[d, k]
                if f_miss[d, k]:
                    univ = True
            if univ:
                for k in range(W):
                    rc[d, k] = 0
                    rv[d, k] = 0
                ret = True
            elif not a_ and not b_:
                ret = False
            elif not b_:
                rc[d, k0] |= bit
                rv[d, k0] |= bit
                ret = True
            elif not a_:
                for k in range(W):
                    rc[d, k] = rc[d + 1, k]
                    rv[d, k] = rv[d + 1, k]
                rc[d, k0] |= bit
                rv[d, k0] &= ~bit
                ret = True
            else:
                for k in range(W):
                    both = rc[d, k] & rc[d + 1, k] & ~(rv[d, k] ^ rv[d + 1, k])
                    rc[d, k] = both
                    rv[d, k] &= both
                ret = True
            d -= 1
    for k in range(M):
        found[k] = ret_f[k]
    return ret, bc, bv, bo


@njit(cache=True)
def reduce_loop(care, val, out, dcare, dval, dout, order, independent):
    """REDUCE in place of the reference loop of :func:`neurosim.logic.espresso.reduce_cover`: each cube, in
    ``order``, becomes the smallest cube around the points of its outputs that the other cubes (already reduced
    ones, or with ``independent`` the original ones) and the DC cubes miss; an output with no such point is
    dropped from the cube, a cube left with no output dies. One multiple-valued question per cube.

    Returns (care, val, out, alive) as new arrays.
    """
    N, W = care.shape
    m = out.shape[1]
    D = dcare.shape[0]
    c2, v2, o2 = care.copy(), val.copy(), out.copy()
    alive = np.ones(N, dtype=np.bool_)
    meets = np.empty(N + D, dtype=np.int64)
    # output words: the original ones (what independent reduces against), the current ones, the DC cubes'
    orig = np.concatenate((_words(out)[:N], _words(dout)[:D]))
    cur = orig.copy()
    M = orig.shape[1]
    cap = max(4 * (N + D), 16)
    bc = np.empty((cap, W), dtype=np.uint64)
    bv = np.empty((cap, W), dtype=np.uint64)
    bo = np.empty((cap, M), dtype=np.uint64)
    rc = np.zeros((64 * W + 2, W), dtype=np.uint64)
    rv = np.zeros((64 * W + 2, W), dtype=np.uint64)
    need = np.empty(M, dtype=np.uint64)
    found = np.empty(M, dtype=np.uint64)
    base_o = orig if independent else cur
    basec, basev = np.concatenate((care, dcare)), np.concatenate((val, dval))
    for t in range(N):
        i = order[t]
        ci, vi = c2[i].copy(), v2[i].copy()
        for k in range(M):
            need[k] = cur[i, k]
        nm = _meeting_rows(basec, basev, ci, vi, N, i, alive, not independent, meets)
        cnt = _gather(basec, basev, base_o, meets, nm, ci, need, bc, bv, bo)
        ok, bc, bv, bo = _missed(bc, bv, bo, 0, cnt, W, M, need, rc, rv, found)
        for j in range(m):
            w, b = j // 64, np.uint64(1) << np.uint64(j % 64)
            if (need[w] & b) and not (found[w] & b):
                o2[i, j] = False
                cur[i, w] &= ~b
        if not ok:
            alive[i] = False
            continue
        for k in range(W):
            c2[i, k] = ci[k] | rc[0, k]
            v2[i, k] = vi[k] | rv[0, k]
            if not independent:
                basec[i, k] = c2[i, k]
                basev[i, k] = v2[i, k]
    return c2, v2, o2, alive
