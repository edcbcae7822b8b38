"""The fused per-net trainer on the CPU: each net's whole training loop as one numba kernel over the batch.

One call runs a chunk of epochs for every net: forward, the success test, the loss curve, backward and the
momentum update, in the order and with the floating-point operations of the reference
:class:`neurosim.learn._mlp_engines.SmallEngine` (sums over samples and units accumulate in index order, as
NumPy's reductions over non-contiguous axes do). Nets go in blocks of :data:`BLOCK`, the block index innermost in
every array, so each arithmetic step is one SIMD loop over the block (threads share the blocks: the kernel releases the
GIL);
σ's ``exp`` is computed inline (:func:`_exp`: glibc's own table-driven algorithm, so equal to libm's and NumPy's
bit for bit) so that it vectorises too; ``error_model="numpy"`` keeps divisions free of Python's zero check, which
would stop the vectoriser. Other activations call libm per element (``tanh`` differs from NumPy's in the last
place on some inputs, so tanh nets agree to rounding, not bit for bit).

Imported only when the fused engine runs: numba is loaded and the kernels compiled (or read back from numba's
cache, ``cache=True``) on first use, never on a command's quick path.

Codes (shared with the CUDA kernel): activations 0 sigmoid, 1 tanh, 2 relu, 3 identity, 4 abs; losses
0 squared, 1 cross-entropy.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

__all__ = ["BLOCK", "CpuKernels", "exp_table", "run_blocks"]

#: nets per block: every SIMD loop runs over a block (benchmarks/bench_mlp.py: 16 → 174, 64 → 127, 128 → 110 ns
#: per net-epoch on XOR; 64 keeps 16 blocks of 1,000 nets for the cores to share)
BLOCK = 64
_EPS = 1e-15  # the probability clip of neurosim.learn.losses


# ---- exp, vectorisable and equal to libm's -------------------------------------------------------------------
@intrinsic
def _fma(typingctx, a, b, c):
    """a·b + c rounded once (llvm.fma: the FMA instruction, or libm's fma where the CPU has none)."""
    def codegen(context, builder, signature, args):
        d = ir.DoubleType()
        fn = builder.module.declare_intrinsic("llvm.fma", [d], ir.FunctionType(d, [d, d, d]))
        return builder.call(fn, args)
    return types.float64(types.float64, types.float64, types.float64), codegen


@intrinsic
def _bits(typingctx, x):
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))
    return types.int64(types.float64), codegen


@intrinsic
def _double(typingctx, i):
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())
    return types.float64(types.int64), codegen


def exp_table(n: int = 128) -> np.ndarray:
    """2^(k/n) = H_k (1 + T_k) for k < n, as (bits of T_k, bits of H_k − k·2⁵²/n): 2n int64, computed exactly
    (50-digit decimals, each value rounded once to the nearest double)."""
    from decimal import Decimal, getcontext

    getcontext().prec = 50
    out = np.zeros(2 * n, dtype=np.int64)
    for k in range(n):
        v = Decimal(2) ** (Decimal(k) / Decimal(n))
        h = float(v)
        out[2 * k] = np.float64(float((v - Decimal(h)) / Decimal(h))).view(np.int64)
        out[2 * k + 1] = np.int64(np.float64(h).view(np.int64) - ((k << 52) // n))
    return out


_TAB = exp_table()
_INV_LN2_N = float.fromhex("0x1.71547652b82fep0") * 128
_NEG_LN2_HI_N = float.fromhex("-0x1.62e42fefa0000p-8")
_NEG_LN2_LO_N = float.fromhex("-0x1.cf79abc9e3b3ap-47")
_SHIFT = float.fromhex("0x1.8p52")
_P2, _P3, _P4, _P5 = (float.fromhex(h) for h in ("0x1.ffffffffffdbdp-2", "0x1.555555555543cp-3",
                                                  "0x1.55555cf172b91p-5", "0x1.1111167a4d017p-7"))
_TWO_1009 = 2.0 ** 1009


@njit(cache=True, error_model="numpy")
def _exp(x):
    """e^x for x in [−700, 700] (NaN stays NaN), equal to glibc's on this range.

    The table-driven algorithm of glibc ≥ 2.28 (from Arm's optimized-routines: 2^(k/128) from a table, a
    degree-5 polynomial on the remainder, fused multiply-adds where the FMA build of libm has them), which NumPy
    calls too on CPUs without AVX-512, so σ here equals the reference's bit for bit. Below −512 the result is 0:
    exp(x) < 2^−738 there, and σ's 1 + e^x is 1 either way.
    """
    kd = _INV_LN2_N * x + _SHIFT
    ki = _bits(kd)
    kd -= _SHIFT
    r = _fma(kd, _NEG_LN2_LO_N, _fma(kd, _NEG_LN2_HI_N, x))
    idx = 2 * (ki & 127)
    tail = _double(_TAB[idx])
    r2 = r * r
    tmp = _fma(r2 * r2, _fma(r, _P5, _P4), _fma(r2, _fma(r, _P3, _P2), tail + r))
    sbits = _TAB[idx + 1] + (ki << 45)
    if x >= 512.0:  # 2^k would overflow the exponent field: scale down by 2^1009 and back, as glibc does
        scale = _double(sbits - (1009 << 52))
        return _fma(scale, tmp, scale) * _TWO_1009
    if x <= -512.0:
        return 0.0
    scale = _double(sbits)
    return _fma(scale, tmp, scale)


@njit(cache=True, error_model="numpy")
def _act(code, Z, A, r0, nrows, nb):
    """A[r0:r0+nrows] = f(Z[r0:r0+nrows]), rows of nb nets."""
    for r in range(r0, r0 + nrows):
        zr, ar = Z[r], A[r]
        if code == 0:
            for b in range(nb):
                t = -zr[b]
                if t > 700.0:  # np.minimum(−z, 700) (NaN stays NaN)
                    t = 700.0
                ar[b] = 1.0 / (_exp(t) + 1.0)
        elif code == 1:
            for b in range(nb):
                ar[b] = math.tanh(zr[b])
        elif code == 2:
            for b in range(nb):
                z = zr[b]
                ar[b] = z if (z > 0.0 or z != z) else 0.0
        elif code == 4:
            for b in range(nb):
                ar[b] = abs(zr[b])
        else:
            for b in range(nb):
                ar[b] = zr[b]


@njit(cache=True, error_model="numpy")
def _df(code, z, a):
    if code == 0:
        return (1.0 - a) * a
    if code == 1:
        return 1.0 - a * a
    if code == 2:
        return 1.0 if z > 0.0 else 0.0
    if code == 4:
        if z > 0.0:
            return 1.0
        if z < 0.0:
            return -1.0
        return z  # sign(±0) = ±0, sign(NaN) = NaN
    return 1.0


# ---- one epoch, on a block of nets ----------------------------------------------------------------------------
# Rows: unit u of layer l at sample j is row uoff[l] + u·m + j of A, Z, D; parameter p is row p of w, v, g.
@njit(cache=True, error_model="numpy")
def _forward(w, sizes, woff, boff, uoff, Z, A, m, hid, out, nb):
    L = sizes.shape[0] - 1
    for l in range(L):
        fi, fo = sizes[l], sizes[l + 1]
        for o in range(fo):
            bo = w[boff[l] + o]
            for j in range(m):
                z = Z[uoff[l + 1] + o * m + j]
                a, wr = A[uoff[l] + j], w[woff[l] + o]
                for b in range(nb):
                    z[b] = a[b] * wr[b]
                for i in range(1, fi):
                    a, wr = A[uoff[l] + i * m + j], w[woff[l] + i * fo + o]
                    for b in range(nb):
                        z[b] += a[b] * wr[b]
                for b in range(nb):
                    z[b] += bo[b]
        _act(out if l == L - 1 else hid, Z, A, uoff[l + 1], fo * m, nb)


@njit(cache=True, error_model="numpy")
def _error(A, Y, E, err, sizes, uoff, m, nb):
    """err[b] = max |h − y| of net b (NaN if any is NaN); E = H − Y left for backward."""
    L = sizes.shape[0] - 1
    for b in range(nb):
        err[b] = -1.0
    for o in range(sizes[L]):
        for j in range(m):
            y = Y[j, o]
            h, e = A[uoff[L] + o * m + j], E[o * m + j]
            for b in range(nb):
                d = h[b] - y
                e[b] = d
                a = abs(d)
                cur = err[b]
                err[b] = cur if (cur != cur or cur >= a) else a


@njit(cache=True, error_model="numpy")
def _loss(A, Y, w, sizes, woff, uoff, m, loss, lam, J, nb):
    """J[b] = (1/m) Σ_j Σ_o loss(h, y) (+ ½λ Σ W² when λ ≠ 0), in the reference's order."""
    L = sizes.shape[0] - 1
    k = sizes[L]
    for b in range(nb):
        total = 0.0
        for j in range(m):
            s = 0.0
            for o in range(k):
                h = A[uoff[L] + o * m + j, b]
                y = Y[j, o]
                if loss == 0:
                    d = h - y
                    v = 0.5 * d * d
                else:
                    p = min(max(h, _EPS), 1.0 - _EPS)
                    v = -(y * math.log(p) + (1.0 - y) * math.log1p(-p))
                s = v if o == 0 else s + v
            total = s if j == 0 else total + s
        total = total / m
        if lam != 0.0:
            dec = 0.0
            for l in range(L):
                q = 0.0
                for p in range(sizes[l] * sizes[l + 1]):
                    x = w[woff[l] + p, b]
                    q = x * x if p == 0 else q + x * x
                dec = dec + q
            total = total + 0.5 * lam * dec
        J[b] = total


@njit(cache=True, error_model="numpy")
def _backward(w, g, A, Z, D, E, Y, sizes, woff, boff, uoff, m, hid, out, loss, canonical, nb):
    L = sizes.shape[0] - 1
    for o in range(sizes[L]):  # output delta
        for j in range(m):
            y = Y[j, o]
            r = uoff[L] + o * m + j
            d, e, z, a = D[r], E[o * m + j], Z[r], A[r]
            for b in range(nb):
                if canonical:
                    d[b] = e[b]
                elif loss == 0:
                    d[b] = _df(out, z[b], a[b]) * e[b]
                else:
                    p = min(max(a[b], _EPS), 1.0 - _EPS)
                    d[b] = _df(out, z[b], a[b]) * ((p - y) / (p * (1.0 - p)))
    for l in range(L - 1, -1, -1):
        fi, fo = sizes[l], sizes[l + 1]
        for i in range(fi):
            for o in range(fo):
                gr = g[woff[l] + i * fo + o]
                a, d = A[uoff[l] + i * m], D[uoff[l + 1] + o * m]
                for b in range(nb):
                    gr[b] = a[b] * d[b]
                for j in range(1, m):
                    a, d = A[uoff[l] + i * m + j], D[uoff[l + 1] + o * m + j]
                    for b in range(nb):
                        gr[b] += a[b] * d[b]
        for o in range(fo):
            gr = g[boff[l] + o]
            d = D[uoff[l + 1] + o * m]
            for b in range(nb):
                gr[b] = d[b]
            for j in range(1, m):
                d = D[uoff[l + 1] + o * m + j]
                for b in range(nb):
                    gr[b] += d[b]
        if l:
            for i in range(fi):
                for j in range(m):
                    r = uoff[l] + i * m + j
                    prev, wr, d = D[r], w[woff[l] + i * fo], D[uoff[l + 1] + j]
                    for b in range(nb):
                        prev[b] = wr[b] * d[b]
                    for o in range(1, fo):
                        wr, d = w[woff[l] + i * fo + o], D[uoff[l + 1] + o * m + j]
                        for b in range(nb):
                            prev[b] += wr[b] * d[b]
                    z, a = Z[r], A[r]
                    for b in range(nb):
                        prev[b] *= _df(hid, z[b], a[b])


@njit(cache=True, error_model="numpy")
def _update(w, v, g, n_weights, scale, lr_lam, lam, mu, nb):
    for p in range(w.shape[0]):
        wr, vr, gr = w[p], v[p], g[p]
        decay = lam != 0.0 and p < n_weights
        for b in range(nb):
            gp = gr[b] * scale
            if decay:
                gp += wr[b] * lr_lam
            if mu != 0.0:
                vr[b] = vr[b] * mu - gp
                wr[b] += vr[b]
            else:
                wr[b] -= gp


@njit(cache=True, error_model="numpy")
def _scratch(X, sizes, m, nb):
    """Per-block arrays: A (inputs filled in), Z, D, E, err, J, and the layer row offsets."""
    n_layers = sizes.shape[0]
    uoff = np.zeros(n_layers, dtype=np.int64)
    for l in range(1, n_layers):
        uoff[l] = uoff[l - 1] + sizes[l - 1] * m
    rows = uoff[n_layers - 1] + sizes[n_layers - 1] * m
    A = np.empty((rows, nb))
    for i in range(sizes[0]):
        for j in range(m):
            for b in range(nb):
                A[i * m + j, b] = X[j, i]
    E = np.empty((sizes[n_layers - 1] * m, nb))
    return A, np.empty((rows, nb)), np.empty((rows, nb)), E, np.empty(nb), np.empty(nb), uoff


@njit(cache=True, nogil=True, error_model="numpy")
def run_blocks(X, Y, sizes, woff, boff, n_weights, params, vel, success, err_out, curves, n_curves, final_loss,
               hid, out, loss, canonical, lr, mu, lam, e0, e1, pending, final, lo, hi):
    """Epochs ``e0..e1`` (1-based) of the blocks ``lo..hi − 1``; with ``pending``, first the update of epoch
    ``e0 − 1``; with ``final``, then the end of training (forward, the success test at ``e1``, the final J).

    At each epoch: forward, the success test (``success = epoch − 1`` at the first epoch with every output on
    the right side of ½), the loss curve of the first ``n_curves`` nets, then backward and update, except at
    ``e1``, whose update the next chunk does (so the caller can stop there, as the reference does at its check
    epochs). ``err_out`` receives each net's max |h − y| at the end (NaN/inf: the net diverged).

    ``params``, ``vel``: (n_blocks, P, nb); success, err_out, final_loss: (n_blocks·nb,).
    """
    m = X.shape[0]
    nb = params.shape[2]
    scale = lr / m
    lr_lam = lr * lam
    for blk in range(lo, hi):
        w, v = params[blk], vel[blk]
        g = np.empty_like(w)
        A, Z, D, E, err, J, uoff = _scratch(X, sizes, m, nb)
        s0 = blk * nb
        if pending:
            _forward(w, sizes, woff, boff, uoff, Z, A, m, hid, out, nb)
            _error(A, Y, E, err, sizes, uoff, m, nb)
            _backward(w, g, A, Z, D, E, Y, sizes, woff, boff, uoff, m, hid, out, loss, canonical, nb)
            _update(w, v, g, n_weights, scale, lr_lam, lam, mu, nb)
        last = e0 - 1 if final else e1
        for epoch in range(e0, last + 1):
            _forward(w, sizes, woff, boff, uoff, Z, A, m, hid, out, nb)
            _error(A, Y, E, err, sizes, uoff, m, nb)
            for b in range(nb):
                if err[b] < 0.5 and success[s0 + b] < 0:
                    success[s0 + b] = epoch - 1
            if s0 < n_curves:
                _loss(A, Y, w, sizes, woff, uoff, m, loss, lam, J, nb)
                for b in range(min(nb, n_curves - s0)):
                    curves[epoch - 1, s0 + b] = J[b]
            if epoch < last:
                _backward(w, g, A, Z, D, E, Y, sizes, woff, boff, uoff, m, hid, out, loss, canonical, nb)
                _update(w, v, g, n_weights, scale, lr_lam, lam, mu, nb)
        if final:
            _forward(w, sizes, woff, boff, uoff, Z, A, m, hid, out, nb)
            _error(A, Y, E, err, sizes, uoff, m, nb)
            _loss(A, Y, w, sizes, woff, uoff, m, loss, lam, J, nb)
            for b in range(nb):
                if err[b] < 0.5 and success[s0 + b] < 0:
                    success[s0 + b] = e1
                final_loss[s0 + b] = J[b]
        for b in range(nb):
            err_out[s0 + b] = err[b]


@cache
def _pool(threads: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="neurosim-fused")


class CpuKernels:
    """The batch on the host in blocks of :data:`BLOCK` nets, driven by :class:`._mlp_fused.FusedEngine`."""

    def __init__(self, be, X, Y, params, config) -> None:
        S, P = params.shape
        self.S, self.P = S, P
        n_blk = -(-S // BLOCK)
        padded = np.empty((n_blk * BLOCK, P))
        padded[:S] = params
        padded[S:] = params[0]  # padding nets copy net 0 (finite, so they never look diverged)
        self.X = np.ascontiguousarray(X, dtype=np.float64)
        self.Y = np.ascontiguousarray(Y, dtype=np.float64)
        self.params = np.ascontiguousarray(padded.reshape(n_blk, BLOCK, P).transpose(0, 2, 1))
        self.vel = np.zeros_like(self.params)
        self.c = config
        self.threads = max(1, min(os.cpu_count() or 1, n_blk))
        self.pool = _pool(self.threads)
        self.success = np.full(n_blk * BLOCK, -1, dtype=np.int64)
        self.err = np.zeros(n_blk * BLOCK)
        self.final = np.zeros(n_blk * BLOCK)

    def start(self, n_curves: int, max_epochs: int, *, lr: float, momentum: float, weight_decay: float) -> None:
        self.n_curves = n_curves
        self.curves = np.empty((max_epochs, n_curves))
        self.hyper = (float(lr), float(momentum), float(weight_decay))

    def _args(self):
        c = self.c
        return (self.X, self.Y, c["sizes"], c["woff"], c["boff"], c["n_weights"], self.params, self.vel,
                self.success, self.err)

    def _codes(self):
        c = self.c
        return (c["hid"], c["out"], c["loss"], c["canonical"], *self.hyper)

    def _run(self, e0: int, e1: int, pending: bool, final: bool) -> None:
        args = (*self._args(), self.curves, self.n_curves, self.final, *self._codes(), e0, e1, pending, final)
        n = self.params.shape[0]
        parts = min(n, self.threads)
        if parts <= 1:
            run_blocks(*args, 0, n)
            return
        # blocks are independent, so any split gives the same numbers; the kernel releases the GIL (nogil)
        cuts = [n * k // parts for k in range(parts + 1)]
        list(self.pool.map(lambda k: run_blocks(*args, cuts[k], cuts[k + 1]), range(parts)))

    def run_chunk(self, e0: int, e1: int, pending: bool) -> None:
        self._run(e0, e1, pending, False)

    def finish(self, epoch: int, *, pending: bool) -> None:
        self._run(epoch + 1, epoch, pending, True)

    def first_nonfinite(self) -> int | None:
        bad = ~np.isfinite(self.err[: self.S])
        return int(np.argmax(bad)) if bad.any() else None

    def all_solved(self) -> bool:
        return bool((self.success[: self.S] >= 0).all())

    def export(self, sizes):
        S, P = self.S, self.P
        flat = self.params.transpose(0, 2, 1).reshape(-1, P)[:S]
        coefs, ints, at = [], [], 0
        for a, b in zip(sizes[:-1].tolist(), sizes[1:].tolist(), strict=True):
            coefs.append(np.ascontiguousarray(flat[:, at:at + a * b]).reshape(S, a, b))
            at += a * b
        for b in sizes[1:].tolist():
            ints.append(np.ascontiguousarray(flat[:, at:at + b]))
            at += b
        return coefs, ints, self.success[:S].copy(), self.final[:S].copy(), self.curves
