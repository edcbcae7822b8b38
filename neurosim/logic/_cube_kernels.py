"""Compiled cube kernels (numba): the tautology check and the helpers the other minimiser kernels share.

Is a cover a tautology (the verifier's containment, :func:`neurosim.logic.cubes.tautology`) has one answer, so
any correct algorithm gives the answer of the plain reference the tests compare with; here it runs without a
Python step per recursion. Covers are ``(N, W)`` uint64 arrays as everywhere in :mod:`neurosim.logic`; a
recursion works on a stack of row segments in one growing buffer. IRREDUNDANT and REDUCE, which ask the same
kind of question with the output part as one more variable, are in :mod:`neurosim.logic._mv_kernels`; EXPAND in
:mod:`neurosim.logic._expand_kernel`.

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

__all__ = ["tautology"]

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
