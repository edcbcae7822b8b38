"""Compiled cube kernels (numba): containment by tautology and the supercube of a complement, whole loops at once.

The questions the minimiser asks thousands of times — is cube c covered by these rows (IRREDUNDANT, and the
verifier's containment), which is the smallest cube holding the points only c covers (REDUCE) — have one answer
each, so any correct algorithm gives the answer :mod:`neurosim.logic.cubes` (the plain reference the tests compare
with) gives; here they run without a Python step per cube or per recursion. Covers are ``(N, W)`` uint64 arrays
as everywhere in :mod:`neurosim.logic`; a recursion works on a stack of row segments in one growing buffer.

Notes
-----
The unate recursive paradigm (Brayton, Hachtel, McMullen & Sangiovanni-Vincentelli, *Logic Minimization
Algorithms for VLSI Synthesis*, 1984, ch. 3–4): split on a binate variable; a unate cover without a universal
row is no tautology; a cover whose cubes hold fewer than 2^n points in all is none either.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

__all__ = ["covered_many", "irredundant_loop", "reduce_loop", "sccc", "tautology"]

_U1 = np.uint64(1)


@intrinsic
def _popcount(typingctx, x):
    def codegen(context, builder, signature, args):
        fn = builder.module.declare_intrinsic("llvm.ctpop", [ir.IntType(64)])
        return builder.call(fn, args)
    return types.uint64(types.uint64), codegen


@intrinsic
def _ctz(typingctx, x):
    def codegen(context, builder, signature, args):
        i64 = ir.IntType(64)
        fn = builder.module.declare_intrinsic("llvm.cttz", [i64], ir.FunctionType(i64, [i64, ir.IntType(1)]))
        return builder.call(fn, [args[0], ir.Constant(ir.IntType(1), 0)])
    return types.uint64(types.uint64), codegen


@njit(cache=True)
def _grow(buf, need):
    if need <= buf.shape[0]:
        return buf
    new = np.empty((max(need, 2 * buf.shape[0]), buf.shape[1]), dtype=buf.dtype)
    new[: buf.shape[0]] = buf
    return new


@njit(cache=True)
def _pick_split(bc, bv, lo, hi, W):
    """(word, bit mask) of the binate variable in most rows (first such variable on ties), or (−1, 0) when the
    rows are unate."""
    pos = np.zeros(W, dtype=np.uint64)
    neg = np.zeros(W, dtype=np.uint64)
    for r in range(lo, hi):
        for k in range(W):
            pos[k] |= bv[r, k]
            neg[k] |= bc[r, k] & ~bv[r, k]
    best_w, best_b, best_n = -1, np.uint64(0), -1
    for k in range(W):
        bin_ = pos[k] & neg[k]
        while bin_:
            low = bin_ & (~bin_ + _U1)
            bin_ ^= low
            cnt = 0
            for r in range(lo, hi):
                if bc[r, k] & low:
                    cnt += 1
            if cnt > best_n:
                best_w, best_b, best_n = k, low, cnt
    return best_w, best_b


@njit(cache=True)
def _cofactor_into(bc, bv, lo, hi, W, k, bit, value, at):
    """Rows of [lo, hi) meeting x = value, with x freed, written from row ``at``; returns the end row."""
    for r in range(lo, hi):
        has = bc[r, k] & bit
        if has and ((bv[r, k] & bit) != 0) != value:
            continue
        for q in range(W):
            bc[at, q] = bc[r, q]
            bv[at, q] = bv[r, q]
        bc[at, k] &= ~bit
        bv[at, k] &= ~bit
        at += 1
    return at


@njit(cache=True)
def _segment_tautology(bc, bv, lo, hi, W, n):
    """Whether rows [lo, hi) of the buffer cover every point of n variables; the buffer grows as needed.

    Returns (answer, buffer care, buffer val): the buffers may have been reallocated.
    """
    stack = np.empty((64, 2), dtype=np.int64)
    stack[0, 0], stack[0, 1] = lo, hi
    sp = 1
    while sp:
        sp -= 1
        a, b = stack[sp, 0], stack[sp, 1]
        if a == b:
            return False, bc, bv
        universal = False
        vol = 0.0
        for r in range(a, b):
            lits = 0
            for k in range(W):
                lits += _popcount(bc[r, k])
            if lits == 0:
                universal = True
                break
            if lits < 1023:
                vol += 2.0 ** (-float(lits))
        if universal:
            continue
        if vol < 1.0 - 1e-9:  # the rows hold fewer than 2^n points in all
            return False, bc, bv
        k, bit = _pick_split(bc, bv, a, b, W)
        if k < 0:  # unate without a universal row: the point opposing every literal is uncovered
            return False, bc, bv
        need = b + 2 * (b - a)
        if need > bc.shape[0]:
            bc = _grow(bc, need)
            bv = _grow(bv, need)
        # the popped segment is the topmost live one, so its halves go right above it, in stack order
        mid = _cofactor_into(bc, bv, a, b, W, k, bit, False, b)
        end = _cofactor_into(bc, bv, a, b, W, k, bit, True, mid)
        if sp + 2 > stack.shape[0]:
            bigger = np.empty((2 * stack.shape[0], 2), dtype=np.int64)
            bigger[:sp] = stack[:sp]
            stack = bigger
        stack[sp, 0], stack[sp, 1] = b, mid
        stack[sp + 1, 0], stack[sp + 1, 1] = mid, end
        sp += 2
    return True, bc, bv


@njit(cache=True)
def tautology(care, val, n):
    """True when the rows of (care, val) cover every point of n variables."""
    N, W = care.shape
    bc = np.empty((max(4 * N, 16), W), dtype=np.uint64)
    bv = np.empty((max(4 * N, 16), W), dtype=np.uint64)
    bc[:N] = care
    bv[:N] = val
    return _segment_tautology(bc, bv, 0, N, W, n)[0]


@njit(cache=True)
def _gather_cofactor(care, val, sel, ci, vi, bc, bv, W):
    """Rows r with sel[r] that meet cube (ci, vi), with the cube's variables freed, into the buffer from row 0."""
    at = 0
    for r in range(care.shape[0]):
        if not sel[r]:
            continue
        meet = True
        for k in range(W):
            if (val[r, k] ^ vi[k]) & care[r, k] & ci[k]:
                meet = False
                break
        if not meet:
            continue
        for k in range(W):
            bc[at, k] = care[r, k] & ~ci[k]
            bv[at, k] = val[r, k] & ~ci[k]
        at += 1
    return at


@njit(cache=True)
def covered_many(care, val, sel, qc, qv, n):
    """For each query cube q: is it covered by the rows r with ``sel[q, r]``? ``(Q,)`` bool."""
    N, W = care.shape
    Q = qc.shape[0]
    out = np.zeros(Q, dtype=np.bool_)
    bc = np.empty((max(4 * N, 16), W), dtype=np.uint64)
    bv = np.empty((max(4 * N, 16), W), dtype=np.uint64)
    for q in range(Q):
        cnt = _gather_cofactor(care, val, sel[q], qc[q], qv[q], bc, bv, W)
        ok, bc, bv = _segment_tautology(bc, bv, 0, cnt, W, n)
        out[q] = ok
    return out


@njit(cache=True)
def _meeting_rows(bc, bv, ci, vi, N, i, alive, live_only, meets):
    """Rows of ``(bc, bv)`` (N cubes, then DC cubes) that meet cube (ci, vi), into ``meets``; their number. Cube
    i itself is skipped, and so are dead cubes when ``live_only``."""
    nm = 0
    W = bc.shape[1]
    for r in range(bc.shape[0]):
        if r < N and (r == i or (live_only and not alive[r])):
            continue
        meet = True
        for k in range(W):
            if (bv[r, k] ^ vi[k]) & bc[r, k] & ci[k]:
                meet = False
                break
        if meet:
            meets[nm] = r
            nm += 1
    return nm


@njit(cache=True)
def irredundant_loop(care, val, out, dcare, dval, dout, order, trim, n):
    """IRREDUNDANT in place of the reference loop of :func:`neurosim.logic.espresso.irredundant`.

    First, in ``order``, drop every cube whose every output is covered by the other live cubes of that output
    and the output's DC cubes; then (with ``trim``) drop each remaining cube's output connections that are so
    covered, while it keeps more than one. Returns the live mask; ``out`` is trimmed in place.

    The rows that meet cube i are listed once per cube, and each of its outputs gathers its cofactor from that
    list (a scan of every row per output cost apex1 and cps 40 % more).
    """
    N, W = care.shape
    m = out.shape[1]
    D = dcare.shape[0]
    alive = np.ones(N, dtype=np.bool_)
    cap = max(4 * (N + D), 16)
    bc = np.empty((cap, W), dtype=np.uint64)
    bv = np.empty((cap, W), dtype=np.uint64)
    allc = np.concatenate((care, dcare))
    allv = np.concatenate((val, dval))
    meets = np.empty(N + D, dtype=np.int64)
    # the output that kept cube i alive in the first phase stays uncovered in the second (the covering cubes
    # and connections only shrink), so the second phase need not ask again
    kept_by = np.full(N, -1, dtype=np.int64)
    for phase in range(2 if trim else 1):
        for t in range(N):
            i = order[t]
            if not alive[i]:
                continue
            n_out = 0
            for j in range(m):
                if out[i, j]:
                    n_out += 1
            if phase == 1 and n_out <= 1:
                continue
            ci, vi = care[i], val[i]
            nm = _meeting_rows(allc, allv, ci, vi, N, i, alive, True, meets)  # live others and DC cubes
            all_cov = True
            for j in range(m):
                if not out[i, j] or (phase == 1 and j == kept_by[i]):
                    continue
                if phase == 1 and n_out <= 1:
                    break
                cnt = 0
                for s_ in range(nm):  # the cofactor by cube i of output j's rows among them
                    r = meets[s_]
                    if (r < N and not out[r, j]) or (r >= N and not dout[r - N, j]):
                        continue
                    for k in range(W):
                        bc[cnt, k] = allc[r, k] & ~ci[k]
                        bv[cnt, k] = allv[r, k] & ~ci[k]
                    cnt += 1
                ok, bc, bv = _segment_tautology(bc, bv, 0, cnt, W, n)
                if phase == 0:
                    if not ok:
                        all_cov = False
                        kept_by[i] = j
                        break
                elif ok:
                    out[i, j] = False
                    n_out -= 1
            if phase == 0 and all_cov:
                alive[i] = False
    return alive


@njit(cache=True)
def _sccc_base(bc, bv, lo, hi, W, rc, rv, depth):
    """The cases of the recursion that need no split: 1 found (answer in rc/rv[depth]), 0 tautology, −1 split
    needed."""
    if lo == hi:
        for k in range(W):
            rc[depth, k] = 0
            rv[depth, k] = 0
        return 1
    for r in range(lo, hi):
        lits = 0
        for k in range(W):
            lits += _popcount(bc[r, k])
        if lits == 0:
            return 0
    return -1


@njit(cache=True)
def _sccc_unate(bc, bv, lo, hi, W, rc, rv, depth):
    # unate: the complement lies in x' exactly when the one-literal cube x is in the cover
    for k in range(W):
        rc[depth, k] = 0
        rv[depth, k] = 0
    for r in range(lo, hi):
        lits = 0
        kk = 0
        for k in range(W):
            p = _popcount(bc[r, k])
            lits += p
            if p:
                kk = k
        if lits == 1:
            rc[depth, kk] |= bc[r, kk]
            rv[depth, kk] |= bc[r, kk] & ~bv[r, kk]


@njit(cache=True)
def _sccc_segment(bc, bv, lo, hi, top, W, rc, rv):
    """The smallest cube holding every point rows [lo, hi) miss, into (rc[0], rv[0]); False when the rows are a
    tautology. Split on the most binate variable, the halves written from row ``top`` (the first free one), as
    an explicit stack of frames (numba caches no recursive function); the buffers must hold every level."""
    F = rc.shape[0]
    f_lo = np.empty(F, dtype=np.int64)
    f_hi = np.empty(F, dtype=np.int64)
    f_top = np.empty(F, dtype=np.int64)
    f_mid = np.empty(F, dtype=np.int64)
    f_end = np.empty(F, dtype=np.int64)
    f_k = np.empty(F, dtype=np.int64)
    f_bit = np.empty(F, dtype=np.uint64)
    f_stage = np.zeros(F, dtype=np.int64)
    f_a = np.zeros(F, dtype=np.bool_)
    d = 0
    f_lo[0], f_hi[0], f_top[0], f_stage[0] = lo, hi, top, 0
    ret = False
    while d >= 0:
        st = f_stage[d]
        if st == 0:
            base = _sccc_base(bc, bv, f_lo[d], f_hi[d], W, rc, rv, d)
            if base >= 0:
                ret = base == 1
                d -= 1
                continue
            k0, bit = _pick_split(bc, bv, f_lo[d], f_hi[d], W)
            if k0 < 0:
                _sccc_unate(bc, bv, f_lo[d], f_hi[d], W, rc, rv, d)
                ret = True
                d -= 1
                continue
            mid = _cofactor_into(bc, bv, f_lo[d], f_hi[d], W, k0, bit, True, f_top[d])
            end = _cofactor_into(bc, bv, f_lo[d], f_hi[d], W, k0, bit, False, mid)
            f_k[d], f_bit[d], f_mid[d], f_end[d], f_stage[d] = k0, bit, mid, end, 1
            f_lo[d + 1], f_hi[d + 1], f_top[d + 1], f_stage[d + 1] = f_top[d], mid, end, 0
            d += 1
        elif st == 1:  # the x half is done
            f_a[d] = ret
            if ret:
                for k in range(W):
                    rc[d, k] = rc[d + 1, k]
                    rv[d, k] = rv[d + 1, k]
            f_stage[d] = 2
            f_lo[d + 1], f_hi[d + 1], f_top[d + 1], f_stage[d + 1] = f_mid[d], f_end[d], f_end[d], 0
            d += 1
        else:  # both halves done: combine x·A + x'·B into its supercube
            a, b, k0, bit = f_a[d], ret, f_k[d], f_bit[d]
            if not a and not b:
                ret = False
            elif not b:
                rc[d, k0] |= bit
                rv[d, k0] |= bit
                ret = True
            elif not a:
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
    return ret


@njit(cache=True)
def _sccc_buffers(rows, W, n):
    # each level writes at most 2× its rows above the live ones, and there are at most n levels
    cap = rows * (2 * n + 4) + 16
    return (np.empty((cap, W), dtype=np.uint64), np.empty((cap, W), dtype=np.uint64),
            np.empty((n + 2, W), dtype=np.uint64), np.empty((n + 2, W), dtype=np.uint64))


@njit(cache=True)
def sccc(care, val, n):
    """(found, care, val): the smallest cube containing every point no row covers; found is False for a
    tautology."""
    N, W = care.shape
    bc, bv, rc, rv = _sccc_buffers(N, W, n)
    bc[:N] = care
    bv[:N] = val
    ok = _sccc_segment(bc, bv, 0, N, N, W, rc, rv)
    return ok, rc[0].copy(), rv[0].copy()


@njit(cache=True)
def reduce_loop(care, val, out, dcare, dval, dout, order, independent, n):
    """REDUCE in place of the reference loop of :func:`neurosim.logic.espresso.reduce_cover`: each cube, in
    ``order``, becomes the supercube of the smallest cubes around the points of each of its outputs that the
    other cubes (already reduced ones, or with ``independent`` the original ones) and the DC cubes miss; an
    output with no such point is dropped from the cube, a cube left with no output dies.

    Returns (care, val, out, alive) as new arrays.
    """
    N, W = care.shape
    m = out.shape[1]
    D = dcare.shape[0]
    c2, v2, o2 = care.copy(), val.copy(), out.copy()
    alive = np.ones(N, dtype=np.bool_)
    meets = np.empty(N + D, dtype=np.int64)
    bc, bv, rc, rv = _sccc_buffers(N + D, W, n)
    sc = np.empty(W, dtype=np.uint64)
    sv = np.empty(W, dtype=np.uint64)
    zeros = np.zeros(W, dtype=np.uint64)
    # the cubes the points are checked against: the original ones (independent) or the current ones, then the DC
    # cubes; built once and kept in step with c2
    basec, basev = np.concatenate((care, dcare)), np.concatenate((val, dval))
    for t in range(N):
        i = order[t]
        ci, vi = c2[i].copy(), v2[i].copy()
        any_part = False
        # the rows that can matter for any output of cube i: other cubes (live ones unless independent) and DC
        # cubes that meet it, listed once for all its outputs
        nm = _meeting_rows(basec, basev, ci, vi, N, i, alive, not independent, meets)
        # supercube of the parts: accumulate the OR of ones, the OR of zeros and the AND of care
        ones = zeros.copy()
        zs = zeros.copy()
        allc = np.full(W, ~np.uint64(0), dtype=np.uint64)
        for j in range(m):
            if not o2[i, j]:
                continue
            cnt = 0
            for s_ in range(nm):
                r = meets[s_]
                if r < N:
                    if not (out[r, j] if independent else o2[r, j]):
                        continue
                elif not dout[r - N, j]:
                    continue
                for k in range(W):
                    bc[cnt, k] = basec[r, k] & ~ci[k]
                    bv[cnt, k] = basev[r, k] & ~ci[k]
                cnt += 1
            ok = _sccc_segment(bc, bv, 0, cnt, cnt, W, rc, rv)
            if not ok:
                o2[i, j] = False
                continue
            any_part = True
            for k in range(W):
                ones[k] |= rv[0, k]
                zs[k] |= rc[0, k] & ~rv[0, k]
                allc[k] &= rc[0, k]
        if not any_part:
            alive[i] = False
            continue
        for k in range(W):
            sc[k] = allc[k] & ~(ones[k] & zs[k])
            sv[k] = ones[k] & sc[k]
            c2[i, k] = ci[k] | sc[k]
            v2[i, k] = vi[k] | sv[k]
            if not independent:
                basec[i, k] = c2[i, k]
                basev[i, k] = v2[i, k]
    return c2, v2, o2, alive
