"""The fused per-net trainer on the GPU: one CUDA thread per net runs a chunk of epochs with its weights in registers.

The same algorithm, operation for operation, as the CPU kernel (:mod:`._mlp_fused_cpu`) and the reference
(:class:`neurosim.learn._mlp_engines.SmallEngine`); the net's shape, the patterns' count and the activation and
loss codes are compile-time constants of the source (:func:`cuda_source`), so every loop unrolls and the state
stays in registers. CUDA's ``exp``/``tanh``/``log`` differ from glibc's in the last place on some inputs, so GPU
runs agree with the CPU to rounding (the success epochs of well-conditioned nets exactly).

Parameters live as (P, S) device arrays, parameter p of net s at ``p·S + s``, so neighbouring threads read
neighbouring words. Compiled through :meth:`neurosim.backend.Backend.raw_kernel` (CuPy caches the binary).
``benchmarks/check_cuda_kernel.py`` compiles the source with ``nvcc -ptx`` where a CUDA toolkit is installed, so
the kernel is checked on machines without a GPU too.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

__all__ = ["GpuKernels", "cuda_source"]

THREADS = 128

_TEMPLATE = r"""
#define L_ {n_layers}
#define M_ {m}
#define NP_ {n_params}
#define NW_ {n_weights}
#define NU_ {n_rows}
#define K_ {k}
#define HID_ {hid}
#define OUT_ {out}
#define LOSS_ {loss}
#define CANON_ {canonical}
#define EPS_ 1e-15

__device__ const int SIZES[L_ + 1] = {{{sizes}}};
__device__ const int WOFF[L_] = {{{woff}}};
__device__ const int BOFF[L_] = {{{boff}}};
__device__ const int UOFF[L_ + 1] = {{{uoff}}};
__device__ const double XS[{nx}] = {{{xs}}};
__device__ const double YS[{ny}] = {{{ys}}};

__device__ __forceinline__ double act(int code, double z) {{
    if (code == 0) {{ double t = -z; if (t > 700.0) t = 700.0; return 1.0 / (exp(t) + 1.0); }}
    if (code == 1) return tanh(z);
    if (code == 2) return (z > 0.0 || z != z) ? z : 0.0;
    if (code == 4) return fabs(z);
    return z;
}}

__device__ __forceinline__ double dact(int code, double z, double a) {{
    if (code == 0) return (1.0 - a) * a;
    if (code == 1) return 1.0 - a * a;
    if (code == 2) return z > 0.0 ? 1.0 : 0.0;
    if (code == 4) return z > 0.0 ? 1.0 : (z < 0.0 ? -1.0 : z);
    return 1.0;
}}

__device__ __forceinline__ void forward(const double* w, double* Z, double* A) {{
#pragma unroll
    for (int l = 0; l < L_; ++l) {{
        const int fi = SIZES[l], fo = SIZES[l + 1];
#pragma unroll
        for (int o = 0; o < fo; ++o)
#pragma unroll
            for (int j = 0; j < M_; ++j) {{
                double z = A[UOFF[l] + j] * w[WOFF[l] + o];
#pragma unroll
                for (int i = 1; i < fi; ++i) z += A[UOFF[l] + i * M_ + j] * w[WOFF[l] + i * fo + o];
                z += w[BOFF[l] + o];
                Z[UOFF[l + 1] + o * M_ + j] = z;
                A[UOFF[l + 1] + o * M_ + j] = act(l == L_ - 1 ? OUT_ : HID_, z);
            }}
    }}
}}

__device__ __forceinline__ double error(const double* A, double* E) {{
    double err = -1.0;
#pragma unroll
    for (int o = 0; o < K_; ++o)
#pragma unroll
        for (int j = 0; j < M_; ++j) {{
            double e = A[UOFF[L_] + o * M_ + j] - YS[j * K_ + o];
            E[o * M_ + j] = e;
            double a = fabs(e);
            err = (err != err || err >= a) ? err : a;
        }}
    return err;
}}

__device__ __forceinline__ double loss_of(const double* A, const double* w, double lam) {{
    double total = 0.0;
#pragma unroll
    for (int j = 0; j < M_; ++j) {{
        double s = 0.0;
#pragma unroll
        for (int o = 0; o < K_; ++o) {{
            double h = A[UOFF[L_] + o * M_ + j], y = YS[j * K_ + o], v;
            if (LOSS_ == 0) {{ double d = h - y; v = 0.5 * d * d; }}
            else {{ double p = fmin(fmax(h, EPS_), 1.0 - EPS_); v = -(y * log(p) + (1.0 - y) * log1p(-p)); }}
            s = o == 0 ? v : s + v;
        }}
        total = j == 0 ? s : total + s;
    }}
    total = total / M_;
    if (lam != 0.0) {{
        double dec = 0.0;
#pragma unroll
        for (int l = 0; l < L_; ++l) {{
            double q = 0.0;
#pragma unroll
            for (int p = 0; p < SIZES[l] * SIZES[l + 1]; ++p) {{
                double x = w[WOFF[l] + p];
                q = p == 0 ? x * x : q + x * x;
            }}
            dec = dec + q;
        }}
        total = total + 0.5 * lam * dec;
    }}
    return total;
}}

__device__ __forceinline__ void step(double* w, double* v, double* Z, double* A, double* D, double* E,
                                     double scale, double lr_lam, double lam, double mu) {{
    double g[NP_];
#pragma unroll
    for (int o = 0; o < K_; ++o)
#pragma unroll
        for (int j = 0; j < M_; ++j) {{
            const int q = UOFF[L_] + o * M_ + j;
            if (CANON_) D[q] = E[o * M_ + j];
            else if (LOSS_ == 0) D[q] = dact(OUT_, Z[q], A[q]) * E[o * M_ + j];
            else {{
                double p = fmin(fmax(A[q], EPS_), 1.0 - EPS_);
                D[q] = dact(OUT_, Z[q], A[q]) * ((p - YS[j * K_ + o]) / (p * (1.0 - p)));
            }}
        }}
#pragma unroll
    for (int l = L_ - 1; l >= 0; --l) {{
        const int fi = SIZES[l], fo = SIZES[l + 1];
#pragma unroll
        for (int i = 0; i < fi; ++i)
#pragma unroll
            for (int o = 0; o < fo; ++o) {{
                double s = A[UOFF[l] + i * M_] * D[UOFF[l + 1] + o * M_];
#pragma unroll
                for (int j = 1; j < M_; ++j) s += A[UOFF[l] + i * M_ + j] * D[UOFF[l + 1] + o * M_ + j];
                g[WOFF[l] + i * fo + o] = s;
            }}
#pragma unroll
        for (int o = 0; o < fo; ++o) {{
            double s = D[UOFF[l + 1] + o * M_];
#pragma unroll
            for (int j = 1; j < M_; ++j) s += D[UOFF[l + 1] + o * M_ + j];
            g[BOFF[l] + o] = s;
        }}
        if (l > 0) {{
#pragma unroll
            for (int i = 0; i < fi; ++i)
#pragma unroll
                for (int j = 0; j < M_; ++j) {{
                    double s = w[WOFF[l] + i * fo] * D[UOFF[l + 1] + j];
#pragma unroll
                    for (int o = 1; o < fo; ++o) s += w[WOFF[l] + i * fo + o] * D[UOFF[l + 1] + o * M_ + j];
                    const int q = UOFF[l] + i * M_ + j;
                    D[q] = s * dact(HID_, Z[q], A[q]);
                }}
        }}
    }}
#pragma unroll
    for (int p = 0; p < NP_; ++p) {{
        double gp = g[p] * scale;
        if (lam != 0.0 && p < NW_) gp += w[p] * lr_lam;
        if (mu != 0.0) {{ v[p] = v[p] * mu - gp; w[p] += v[p]; }}
        else w[p] -= gp;
    }}
}}

extern "C" __global__ void fused_chunk(double* params, double* vel, long long* success, double* err_out,
                                       double* curves, int n_curves, double* final_loss, double lr, double mu,
                                       double lam, int e0, int e1, int pending, int final_, int S) {{
    const int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s >= S) return;
    double w[NP_], v[NP_], Z[NU_], A[NU_], D[NU_], E[K_ * M_];
#pragma unroll
    for (int p = 0; p < NP_; ++p) {{ w[p] = params[(long long)p * S + s]; v[p] = vel[(long long)p * S + s]; }}
#pragma unroll
    for (int i = 0; i < SIZES[0]; ++i)
#pragma unroll
        for (int j = 0; j < M_; ++j) A[i * M_ + j] = XS[j * SIZES[0] + i];
    const double scale = lr / M_, lr_lam = lr * lam;
    long long succ = success[s];
    double err = 0.0;
    if (pending) {{ forward(w, Z, A); error(A, E); step(w, v, Z, A, D, E, scale, lr_lam, lam, mu); }}
    const int last = final_ ? e0 - 1 : e1;
    for (int epoch = e0; epoch <= last; ++epoch) {{
        forward(w, Z, A);
        err = error(A, E);
        if (err < 0.5 && succ < 0) succ = epoch - 1;
        if (s < n_curves) curves[(long long)(epoch - 1) * n_curves + s] = loss_of(A, w, lam);
        if (epoch < last) step(w, v, Z, A, D, E, scale, lr_lam, lam, mu);
    }}
    if (final_) {{
        forward(w, Z, A);
        err = error(A, E);
        if (err < 0.5 && succ < 0) succ = e1;
        final_loss[s] = loss_of(A, w, lam);
    }}
    success[s] = succ;
    err_out[s] = err;
#pragma unroll
    for (int p = 0; p < NP_; ++p) {{ params[(long long)p * S + s] = w[p]; vel[(long long)p * S + s] = v[p]; }}
}}
"""


def _floats(a: np.ndarray) -> str:
    return ", ".join(float(v).hex() if np.isfinite(v) else "0.0" for v in np.asarray(a, dtype=np.float64).ravel())


def cuda_source(X: np.ndarray, Y: np.ndarray, config: dict[str, Any]) -> str:
    """The CUDA C source of ``fused_chunk`` for one shape, data set and choice of activations and loss."""
    sizes = [int(v) for v in config["sizes"]]
    m = int(X.shape[0])
    uoff = [0, *itertools.accumulate(sz * m for sz in sizes)][: len(sizes)]
    n_params = sum(a * b + b for a, b in itertools.pairwise(sizes))
    return _TEMPLATE.format(
        n_layers=len(sizes) - 1, m=m, n_params=n_params, n_weights=int(config["n_weights"]),
        n_rows=uoff[-1] + sizes[-1] * m, k=sizes[-1], hid=int(config["hid"]), out=int(config["out"]),
        loss=int(config["loss"]), canonical=int(bool(config["canonical"])),
        sizes=", ".join(map(str, sizes)), woff=", ".join(str(int(v)) for v in config["woff"]),
        boff=", ".join(str(int(v)) for v in config["boff"]), uoff=", ".join(map(str, uoff)),
        nx=X.size, xs=_floats(X), ny=Y.size, ys=_floats(Y))


class GpuKernels:
    """The batch on the device as (P, S) arrays, driven by :class:`._mlp_fused.FusedEngine`."""

    def __init__(self, be: Any, X: np.ndarray, Y: np.ndarray, params: np.ndarray, config: dict[str, Any]) -> None:
        xp = be.xp
        self.be, self.xp, self.S = be, xp, params.shape[0]
        self.kernel = be.raw_kernel(cuda_source(X, Y, config), "fused_chunk", ("-std=c++14",))
        self.params = be.asarray(np.ascontiguousarray(params.T))
        self.vel = xp.zeros_like(self.params)
        self.success = xp.full(self.S, -1, dtype=xp.int64)
        self.err = xp.zeros(self.S)
        self.final = xp.zeros(self.S)

    def start(self, n_curves: int, max_epochs: int, *, lr: float, momentum: float, weight_decay: float) -> None:
        self.n_curves = n_curves
        self.curves = self.xp.zeros((max_epochs, n_curves))
        self.hyper = (np.float64(lr), np.float64(momentum), np.float64(weight_decay))

    def _run(self, e0: int, e1: int, pending: bool, final: bool) -> None:
        blocks = (self.S + THREADS - 1) // THREADS
        self.kernel((blocks,), (THREADS,), (self.params, self.vel, self.success, self.err, self.curves,
                                            np.int32(self.n_curves), self.final, *self.hyper, np.int32(e0),
                                            np.int32(e1), np.int32(pending), np.int32(final), np.int32(self.S)))

    def run_chunk(self, e0: int, e1: int, pending: bool) -> None:
        self._run(e0, e1, pending, False)

    def finish(self, epoch: int, *, pending: bool) -> None:
        self._run(epoch + 1, epoch, pending, True)

    def first_nonfinite(self) -> int | None:
        bad = ~self.xp.isfinite(self.err)
        return int(self.xp.argmax(bad)) if bool(bad.any()) else None

    def all_solved(self) -> bool:
        return bool((self.success >= 0).all())

    def export(self, sizes: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray, np.ndarray,
                                                 np.ndarray]:
        flat = self.be.to_numpy(self.params).T
        S = self.S
        coefs, ints, at = [], [], 0
        for a, b in itertools.pairwise(sizes.tolist()):
            coefs.append(np.ascontiguousarray(flat[:, at:at + a * b]).reshape(S, a, b))
            at += a * b
        for b in sizes[1:].tolist():
            ints.append(np.ascontiguousarray(flat[:, at:at + b]))
            at += b
        return (coefs, ints, self.be.to_numpy(self.success), self.be.to_numpy(self.final),
                self.be.to_numpy(self.curves))
