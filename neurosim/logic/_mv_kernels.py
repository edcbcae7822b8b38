"""IRREDUNDANT and REDUCE with the output part as one multiple-valued variable (numba).

A multi-output cube covers the points (x, j) with x in its input part and j among its outputs. The questions
IRREDUNDANT and REDUCE ask of cube c — are all of c's points (x, j) covered by the other cubes and the DC cubes,
and which outputs have a point that nothing else covers, in what smallest cube — were first asked once per
output of c, each with its own cofactor and its own recursion. The two-phase problem of a 45-output file (apex1:
90 outputs, 30 per cube on average) asked each question 30 times over nearly the same rows. Here each cube asks
once: a row of the cofactor carries its outputs as a bit word, the recursion splits on input variables only, and
a node drops the outputs that a universal row already covers (Brayton et al., *Logic Minimization Algorithms for
VLSI Synthesis*, 1984, §3.7, treat the output part as a multiple-valued variable the same way).

The answers are the per-output answers exactly — a tautology is a yes or a no, the smallest cube holding a set of
points is unique and the supercube of the per-output cubes is the cube of their union — so the covers are those of
the reference loops in :mod:`neurosim.logic.espresso`, which the tests check. REDUCE's recursion is in
:mod:`neurosim.logic._mv_reduce`, on the helpers here.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._cube_kernels import _ctz, _grow, _meeting_rows, _pick_split, _popcount
from ._expand_kernel import _words

__all__ = ["irredundant_loop"]


@njit(cache=True)
def _lits(bc, r, W):
    s = 0
    for k in range(W):
        s += _popcount(bc[r, k])
    return s


@njit(cache=True)
def _universal_outputs(bc, bo, a, b, W, M, need, u):
    """u <- the outputs of ``need`` that a universal row (no input literal) of [a, b) carries."""
    for k in range(M):
        u[k] = 0
    for r in range(a, b):
        if _lits(bc, r, W) == 0:
            for k in range(M):
                u[k] |= bo[r, k] & need[k]


@njit(cache=True)
def _compact(bc, bv, bo, a, b, W, M, need, orr):
    """Keep the rows of [a, b) with an output in ``need`` (their outputs cut to it), packed from row a; orr <- the
    union of the kept rows' outputs. Returns the new end."""
    at = a
    for k in range(M):
        orr[k] = 0
    for r in range(a, b):
        hit = False
        for k in range(M):
            if bo[r, k] & need[k]:
                hit = True
                break
        if not hit:
            continue
        if at != r:
            for q in range(W):
                bc[at, q] = bc[r, q]
                bv[at, q] = bv[r, q]
        for k in range(M):
            o = bo[r, k] & need[k]
            bo[at, k] = o
            orr[k] |= o
        at += 1
    return at


@njit(cache=True)
def _cofactor_into(bc, bv, bo, lo, hi, W, M, k, bit, value, at):
    """Rows of [lo, hi) meeting x = value, with x freed, written from row ``at``; returns the end row."""
    for r in range(lo, hi):
        if bc[r, k] & bit and ((bv[r, k] & bit) != 0) != value:
            continue
        for q in range(W):
            bc[at, q] = bc[r, q]
            bv[at, q] = bv[r, q]
        for q in range(M):
            bo[at, q] = bo[r, q]
        bc[at, k] &= ~bit
        bv[at, k] &= ~bit
        at += 1
    return at


@njit(cache=True)
def _lowest(words):
    """The index of the lowest set bit of a bit word array (−1 when none)."""
    for k in range(words.shape[0]):
        if words[k]:
            return k * 64 + int(_ctz(words[k]))
    return -1


@njit(cache=True)
def _frames(W, M):
    F = 64 * W + 2  # one frame per split variable, plus the root
    return (np.zeros((F, 6), dtype=np.int64), np.zeros((F, M), dtype=np.uint64), np.zeros((F, M), dtype=np.uint64),
            np.zeros((F, M), dtype=np.uint64))


@njit(cache=True)
def _split(bc, bv, bo, fr, f_o, d, a, b2, W, M, kk, bit):
    """Split node d's rows [a, b2) on the variable (kk, bit): its x and x' halves written from the node's top
    (the buffers grown first), the node set to wait for the x half, which becomes frame d + 1 with the node's
    outputs. Returns the buffers (perhaps reallocated)."""
    top = fr[d, 2]
    need_rows = top + 2 * (b2 - a)
    if need_rows > bc.shape[0]:
        bc = _grow(bc, need_rows)
        bv = _grow(bv, need_rows)
        bo = _grow(bo, need_rows)
    mid = _cofactor_into(bc, bv, bo, a, b2, W, M, kk, bit, True, top)
    end = _cofactor_into(bc, bv, bo, a, b2, W, M, kk, bit, False, mid)
    fr[d, 3], fr[d, 4], fr[d, 5] = mid, end, 1
    fr[d + 1, 0], fr[d + 1, 1], fr[d + 1, 2], fr[d + 1, 5] = top, mid, end, 0
    for k in range(M):
        f_o[d + 1, k] = f_o[d, k]
    return bc, bv, bo


@njit(cache=True)
def _covered(bc, bv, bo, lo, hi, W, M, need, stop_early, res, fail):
    """Which outputs of ``need`` the rows [lo, hi) cover at every point of the space (a row covers the outputs of
    its output word).

    With ``stop_early`` the search ends at the first output found uncovered: returns (False, ...) with that output
    in ``fail[0]``; otherwise, or when every output is covered, returns (True, ...) with the covered outputs in
    ``res``. The buffers may be reallocated: returns (flag, bc, bv, bo).

    A node drops the outputs a universal row covers; an output no row carries is uncovered; a unate node without
    a universal row for an output misses the point opposing every literal. Otherwise it splits on the most binate
    input variable; the outputs the x half covers are the only ones the x' half is asked about, and a node covers
    U ∪ (A ∩ B). Frames are an explicit stack (numba caches no recursive function).
    """
    fr, f_o, f_u, f_l = _frames(W, M)  # fr: lo, hi, top, mid, end, stage
    orr = np.empty(M, dtype=np.uint64)
    ret = np.zeros(M, dtype=np.uint64)
    d = 0
    fr[0, 0], fr[0, 1], fr[0, 2], fr[0, 5] = lo, hi, hi, 0
    for k in range(M):
        f_o[0, k] = need[k]
    while d >= 0:
        st = fr[d, 5]
        if st == 0:
            a, b = fr[d, 0], fr[d, 1]
            _universal_outputs(bc, bo, a, b, W, M, f_o[d], f_u[d])
            rem = False
            for k in range(M):
                f_o[d, k] &= ~f_u[d, k]
                if f_o[d, k]:
                    rem = True
            if not rem:
                for k in range(M):
                    ret[k] = f_u[d, k]
                d -= 1
                continue
            b2 = _compact(bc, bv, bo, a, b, W, M, f_o[d], orr)
            if fr[d, 2] == b:  # nothing live above this node's rows: its halves may start at the new end
                fr[d, 2] = b2
            rem = False
            for k in range(M):
                miss = f_o[d, k] & ~orr[k]
                if miss:
                    if stop_early:
                        fail[0] = k * 64 + int(_ctz(miss))
                        return False, bc, bv, bo
                    f_o[d, k] &= orr[k]
                if f_o[d, k]:
                    rem = True
            kk, bit = _pick_split(bc, bv, a, b2, W) if rem else (-1, np.uint64(0))
            if kk < 0:  # no output left, or unate without a universal row: every remaining output is uncovered
                if stop_early and rem:
                    fail[0] = _lowest(f_o[d])
                    return False, bc, bv, bo
                for k in range(M):
                    ret[k] = f_u[d, k]
                d -= 1
                continue
            bc, bv, bo = _split(bc, bv, bo, fr, f_o, d, a, b2, W, M, kk, bit)
            d += 1
        elif st == 1:  # the x half is done: ask the x' half about the outputs it covered
            any_l = False
            for k in range(M):
                lk = ret[k] & f_o[d, k]
                f_l[d, k] = lk
                if lk != f_o[d, k] and stop_early:
                    fail[0] = k * 64 + int(_ctz(f_o[d, k] & ~lk))
                    return False, bc, bv, bo
                if lk:
                    any_l = True
            if not any_l:
                for k in range(M):
                    ret[k] = f_u[d, k]
                d -= 1
                continue
            fr[d, 5] = 2
            mid, end = fr[d, 3], fr[d, 4]
            fr[d + 1, 0], fr[d + 1, 1], fr[d + 1, 2], fr[d + 1, 5] = mid, end, end, 0
            for k in range(M):
                f_o[d + 1, k] = f_l[d, k]
            d += 1
        else:
            for k in range(M):
                ret[k] = f_u[d, k] | (ret[k] & f_l[d, k])
            d -= 1
    for k in range(M):
        res[k] = ret[k]
    return True, bc, bv, bo


@njit(cache=True)
def _gather(allc, allv, allo, meets, nm, ci, need, bc, bv, bo):
    """The cofactor by cube ci of the listed rows ``meets[:nm]`` that feed an output of ``need``, their outputs cut
    to it, into the buffers from row 0; the number of rows."""
    W, M = allc.shape[1], allo.shape[1]
    cnt = 0
    for s_ in range(nm):
        r = meets[s_]
        hit = False
        for k in range(M):
            if allo[r, k] & need[k]:
                hit = True
                break
        if not hit:
            continue
        for k in range(W):
            bc[cnt, k] = allc[r, k] & ~ci[k]
            bv[cnt, k] = allv[r, k] & ~ci[k]
        for k in range(M):
            bo[cnt, k] = allo[r, k] & need[k]
        cnt += 1
    return cnt


@njit(cache=True)
def irredundant_loop(care, val, out, dcare, dval, dout, order, trim):
    """IRREDUNDANT in place of the reference loop of :func:`neurosim.logic.espresso.irredundant`.

    First, in ``order``, drop every cube whose every output is covered by the other live cubes of that output
    and the output's DC cubes; then (with ``trim``) drop each remaining cube's output connections that are so
    covered (in output order, while it keeps more than one). Returns the live mask; ``out`` is trimmed in place.
    One multiple-valued question per cube and phase, over the rows that meet it.
    """
    N, W = care.shape
    m = out.shape[1]
    D = dcare.shape[0]
    alive = np.ones(N, dtype=np.bool_)
    allc = np.concatenate((care, dcare))
    allv = np.concatenate((val, dval))
    allo = np.concatenate((_words(out)[:N], _words(dout)[:D]))
    M = allo.shape[1]
    cap = max(4 * (N + D), 16)
    bc = np.empty((cap, W), dtype=np.uint64)
    bv = np.empty((cap, W), dtype=np.uint64)
    bo = np.empty((cap, M), dtype=np.uint64)
    meets = np.empty(N + D, dtype=np.int64)
    need = np.empty(M, dtype=np.uint64)
    res = np.empty(M, dtype=np.uint64)
    fail = np.empty(1, dtype=np.int64)
    # an output found uncovered in the first phase stays uncovered in the second (the covering cubes and
    # connections only shrink), so the second phase need not ask about it again
    kept_by = np.full(N, -1, dtype=np.int64)
    for phase in range(2 if trim else 1):
        for t in range(N):
            i = order[t]
            if not alive[i]:
                continue
            n_out = 0
            for k in range(M):
                need[k] = allo[i, k]
                n_out += _popcount(need[k])
            if phase == 1:
                if n_out <= 1:
                    continue
                j = kept_by[i]
                if j >= 0:
                    need[j // 64] &= ~(np.uint64(1) << np.uint64(j % 64))
            ci, vi = care[i], val[i]
            nm = _meeting_rows(allc, allv, ci, vi, N, i, alive, True, meets)  # live others and DC cubes
            cnt = _gather(allc, allv, allo, meets, nm, ci, need, bc, bv, bo)
            ok, bc, bv, bo = _covered(bc, bv, bo, 0, cnt, W, M, need, phase == 0, res, fail)
            if phase == 0:
                if ok:
                    alive[i] = False
                else:
                    kept_by[i] = fail[0]
                continue
            for j in range(m):
                w, b = j // 64, np.uint64(1) << np.uint64(j % 64)
                if not (need[w] & b):
                    continue
                if n_out <= 1:
                    break
                if res[w] & b:
                    out[i, j] = False
                    allo[i, w] &= ~b
                    n_out -= 1
    return alive
