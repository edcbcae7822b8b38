"""EXPAND as one compiled loop (numba): :func:`neurosim.logic.espresso.expand` step for step, without NumPy calls.

EXPAND is a heuristic, so unlike the kernels of :mod:`neurosim.logic._cube_kernels` its answer depends on every
choice it makes; this is a literal transcription of the reference in :mod:`neurosim.logic.espresso` (same cube
order, same candidate order, same scores, ties to the first column), and the tests check the two give the same
cover on random functions.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._cube_kernels import _ctz, _popcount

__all__ = ["expand_loop"]

_FEASIBLE_TRIES = 48  # candidates tested per raise, as in the reference


@njit(cache=True)
def _rel_rows(routw, outs, rel):
    R, M = routw.shape
    for q in range(R):
        hit = False
        for k in range(M):
            if outs[k] & routw[q, k]:
                hit = True
                break
        rel[q] = hit


@njit(cache=True)
def _need(ci, vi, raised, care, val, g, need):
    """Literals of c (not yet raised) that cube g lacks or opposes: what c must raise to contain g."""
    anyb = False
    for w in range(ci.shape[0]):
        nd = ci[w] & ~raised[w] & (~care[g, w] | (vi[w] ^ val[g, w]))
        need[w] = nd
        if nd:
            anyb = True
    return anyb


@njit(cache=True)
def _expand_one(i, care, val, outw, rcare, rval, rout, routw, alive, kk, rel, gi, nc, nv):
    """The expanded input part of cube i into (nc, nv) (its output raises are discarded, as in the reference).

    Output parts are bit words (``outw``, ``routw``: output j at bit j % 64 of word j // 64), so a test over the
    outputs costs a word, not one step per output (cps has 109)."""
    N, W = care.shape
    R, m = rout.shape
    M = routw.shape[1]
    ci, vi = care[i], val[i]
    outs = outw[i].copy()
    for q in range(R):
        for w in range(W):
            kk[q, w] = (vi[w] ^ rval[q, w]) & ci[w] & rcare[q, w]
    raised = np.zeros(W, dtype=np.uint64)
    fixed = np.zeros(W, dtype=np.uint64)
    free = np.zeros(W, dtype=np.uint64)
    need = np.zeros(W, dtype=np.uint64)
    need_out = np.zeros(M, dtype=np.uint64)
    union_out = np.zeros(M, dtype=np.uint64)
    small = np.empty(max(R, 1), dtype=np.int64)
    feas = np.zeros(_FEASIBLE_TRIES, dtype=np.bool_)
    score = np.zeros(64 * W + m, dtype=np.int64)
    ng = 0
    for g in range(N):
        if alive[g] and g != i:
            gi[ng] = g
            ng += 1
    _rel_rows(routw, outs, rel)  # the OFF cubes of outputs c feeds; kept current as outputs are raised
    while ng:
        for w in range(W):
            fixed[w] = 0
        for q in range(R):
            if rel[q]:
                cnt = 0
                for w in range(W):
                    cnt += _popcount(kk[q, w] & ~raised[w])
                if cnt == 1:
                    for w in range(W):
                        fixed[w] |= kk[q, w] & ~raised[w]
        for w in range(W):
            free[w] = ci[w] & ~raised[w] & ~fixed[w]
        kept = 0
        for t in range(ng):
            g = gi[t]
            need_any = _need(ci, vi, raised, care, val, g, need)
            bad = False
            for w in range(W):
                if need[w] & ~free[w]:
                    bad = True
                    break
            if bad:
                continue
            out_any = False
            for k in range(M):
                if outw[g, k] & ~outs[k]:
                    out_any = True
                    break
            if need_any or out_any:
                gi[kept] = g
                kept += 1
        ng = kept
        if ng == 0:
            break
        nf = min(ng, _FEASIBLE_TRIES)
        # an OFF row q blocks a candidate only if its remaining literals kk[q] & ~raised all lie in the candidate's
        # need, so only rows with at most as many remaining literals as the largest need can block: list those
        # ... and only rows of an output c feeds (rel) or one that some candidate would add can matter at all
        pmax = 0
        for k in range(M):
            union_out[k] = 0
        for t in range(nf):
            _need(ci, vi, raised, care, val, gi[t], need)
            p = 0
            for w in range(W):
                p += _popcount(need[w])
            pmax = max(pmax, p)
            g = gi[t]
            for k in range(M):
                union_out[k] |= outw[g, k] & ~outs[k]
        ns = 0
        for q in range(R):
            if not rel[q]:
                adds = False
                for k in range(M):
                    if routw[q, k] & union_out[k]:
                        adds = True
                        break
                if not adds:
                    continue
            p = 0
            for w in range(W):
                p += _popcount(kk[q, w] & ~raised[w])
            if p <= pmax:
                small[ns] = q
                ns += 1
        any_feas = False
        for t in range(nf):
            g = gi[t]
            _need(ci, vi, raised, care, val, g, need)
            has_out = False
            for k in range(M):
                need_out[k] = outw[g, k] & ~outs[k]
                if need_out[k]:
                    has_out = True
            ok = True
            for s_ in range(ns):
                q = small[s_]
                inrows = rel[q]
                if not inrows and has_out:
                    for k in range(M):  # the OFF cube belongs to an output g would add (packed: M words)
                        if need_out[k] & routw[q, k]:
                            inrows = True
                            break
                if not inrows:
                    continue
                left = False
                for w in range(W):
                    if kk[q, w] & ~raised[w] & ~need[w]:
                        left = True
                        break
                if not left:
                    ok = False
                    break
            feas[t] = ok
            if ok:
                any_feas = True
        if not any_feas:
            for t in range(nf, ng):
                gi[t - nf] = gi[t]
            ng -= nf
            continue
        for c in range(score.shape[0]):
            score[c] = 0
        for t in range(nf):
            if not feas[t]:
                continue
            g = gi[t]
            _need(ci, vi, raised, care, val, g, need)
            for w in range(W):
                x = need[w]
                while x:
                    b = _ctz(x)
                    score[64 * w + b] += 1
                    x &= x - np.uint64(1)
            for k in range(M):
                x = outw[g, k] & ~outs[k]
                while x:
                    score[64 * W + 64 * k + _ctz(x)] += 1
                    x &= x - np.uint64(1)
        col = 0
        for c in range(1, score.shape[0]):
            if score[c] > score[col]:
                col = c
        if col < 64 * W:
            raised[col // 64] |= np.uint64(1) << np.uint64(col % 64)
        else:
            j = col - 64 * W
            outs[j // 64] |= np.uint64(1) << np.uint64(j % 64)
            for q in range(R):  # rel grows by output j's OFF cubes: the same as _rel_rows afresh, in R steps
                if rout[q, j]:
                    rel[q] = True
    # largest prime: keep a greedy minimum set of literals that blocks every relevant OFF cube
    nr = 0
    for q in range(R):
        if rel[q]:
            for w in range(W):
                kk[nr, w] = kk[q, w] & ~raised[w]
            nr += 1
    keep = np.zeros(W, dtype=np.uint64)
    pick = np.zeros(W, dtype=np.uint64)
    counts = np.zeros(64 * W, dtype=np.int64)
    while nr:
        single = False
        for w in range(W):
            pick[w] = 0
        for q in range(nr):
            cnt = 0
            for w in range(W):
                cnt += _popcount(kk[q, w])
            if cnt == 1:
                single = True
                for w in range(W):
                    pick[w] |= kk[q, w]
        if not single:
            for c in range(64 * W):
                counts[c] = 0
            for q in range(nr):
                for w in range(W):
                    x = kk[q, w]
                    while x:
                        counts[64 * w + _ctz(x)] += 1
                        x &= x - np.uint64(1)
            best = 0
            for c in range(1, 64 * W):
                if counts[c] > counts[best]:
                    best = c
            pick[best // 64] = np.uint64(1) << np.uint64(best % 64)
        for w in range(W):
            keep[w] |= pick[w]
        kept = 0
        for q in range(nr):
            hit = False
            for w in range(W):
                if kk[q, w] & pick[w]:
                    hit = True
                    break
            if not hit:
                for w in range(W):
                    kk[kept, w] = kk[q, w]
                kept += 1
        if kept == nr:  # nothing blocked any more: cannot happen for a cube inside ON ∪ DC (guards a loop)
            break
        nr = kept
    for w in range(W):
        nc[w] = ci[w] & keep[w]
        nv[w] = vi[w] & keep[w]


@njit(cache=True)
def _meets(care, val, r, cc, cv):
    for w in range(cc.shape[0]):  # noqa: SIM110 - a generator is no numba loop
        if (val[r, w] ^ cv[w]) & care[r, w] & cc[w]:
            return False
    return True


@njit(cache=True)
def _words(out):
    """(N, m) bool -> (N, ceil(m / 64)) uint64: output j at bit j % 64 of word j // 64."""
    N, m = out.shape
    w = np.zeros((max(N, 1), (m + 63) // 64), dtype=np.uint64)
    for q in range(N):
        for j in range(m):
            if out[q, j]:
                w[q, j // 64] |= np.uint64(1) << np.uint64(j % 64)
    return w


@njit(cache=True)
def expand_loop(care, val, out, rcare, rval, rout, order):
    """The reference :func:`neurosim.logic.espresso.expand` on copies: returns (care, val, out, alive)."""
    care, val = care.copy(), val.copy()
    N, W = care.shape
    R, m = rout.shape
    alive = np.ones(N, dtype=np.bool_)
    kk = np.empty((max(R, 1), W), dtype=np.uint64)
    rel = np.zeros(max(R, 1), dtype=np.bool_)
    gi = np.empty(max(N, 1), dtype=np.int64)
    cc = np.empty(W, dtype=np.uint64)
    cv = np.empty(W, dtype=np.uint64)
    outw = _words(out)  # the cubes' and the OFF cubes' outputs as bit words
    routw = _words(rout)
    M = routw.shape[1]
    blocked = np.zeros(M, dtype=np.uint64)
    reach = np.zeros(M, dtype=np.uint64)
    for t in range(N):
        i = order[t]
        if not alive[i]:
            continue
        _expand_one(i, care, val, outw, rcare, rval, rout, routw, alive, kk, rel, gi, cc, cv)
        for k in range(M):
            blocked[k] = 0
            reach[k] = 0
        for q in range(R):
            if _meets(rcare, rval, q, cc, cv):
                for k in range(M):
                    blocked[k] |= routw[q, k]
        for r in range(N):  # before cube i changes: it meets its own expansion
            if alive[r] and _meets(care, val, r, cc, cv):
                for k in range(M):
                    reach[k] |= outw[r, k]
        for w in range(W):
            care[i, w] = cc[w]
            val[i, w] = cv[w]
        for k in range(M):
            outw[i, k] = (~blocked[k] & reach[k]) | outw[i, k]
        for r in range(N):  # cubes now inside cube i (inputs and outputs) die
            if r == i or not alive[r]:
                continue
            inside = True
            for w in range(W):
                if (cc[w] & ~care[r, w]) | ((val[r, w] ^ cv[w]) & cc[w]):
                    inside = False
                    break
            if not inside:
                continue
            for k in range(M):
                if outw[r, k] & ~outw[i, k]:
                    inside = False
                    break
            if inside:
                alive[r] = False
    new = np.zeros((N, m), dtype=np.bool_)
    for q in range(N):
        for j in range(m):
            new[q, j] = (outw[q, j // 64] >> np.uint64(j % 64)) & np.uint64(1) != 0
    return care, val, new, alive
