"""The fused engine behind :func:`neurosim.learn.mlp_batch.train_many`: each net's training loop as one kernel.

The reference engines (:mod:`neurosim.learn._mlp_engines`) issue about twenty array operations per epoch over
the whole batch, every epoch, until the last net is done; for XOR-sized nets the time goes to those calls, not to
arithmetic. Here one compiled kernel runs a chunk of epochs for every net with its weights in local memory: a
numba kernel on the CPU (:mod:`._mlp_fused_cpu`), a CUDA kernel through CuPy on the GPU (:mod:`._mlp_fused_cuda`),
picked by :meth:`neurosim.backend.Backend.fused`. Chunks end at the reference's check epochs (every 100th and
the last), where the host looks for diverged nets and, with ``stop_when_all_solved``, for the end, so every result
— success epochs, weights, loss curves, the diverged net named — is the reference's.

Covered: any depth and width, the activations sigmoid, tanh, relu, identity and abs (hidden or output), both
losses; equal to the reference bit for bit except with tanh, whose libm version differs from NumPy's in the last
place on some inputs (so tanh nets agree to rounding), and on CPUs with AVX-512, where NumPy's exp is its own
(within an ulp of libm's, which the kernel reproduces): there every net has the same success epoch and weights
within 1e-12. ``engine="auto"`` takes the fused engine where it is exact in that sense (:func:`not_exact` is
None); a softmax output is not covered at all (:func:`unsupported`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

from ..backend import Backend
from ..errors import BackendUnavailableError, ParameterError
from ._mlp_engines import EngineResult
from .activations import Activation
from .losses import Loss

__all__ = ["ACT_CODES", "LOSS_CODES", "FusedEngine", "not_exact", "unsupported"]

#: activation and loss codes shared by the CPU and GPU kernels
ACT_CODES = {"sigmoid": 0, "tanh": 1, "relu": 2, "identity": 3, "abs": 4}
LOSS_CODES = {"squared": 0, "cross_entropy": 1}
#: the reference checks for divergence (and ``stop_when_all_solved``) every this many epochs
CHECK_EVERY = 100


def unsupported(hidden: Activation, out: Activation, loss: Loss) -> str | None:
    """Why the fused kernels cannot train this configuration, or None when they can."""
    for role, act in (("hidden", hidden), ("output", out)):
        if act.name not in ACT_CODES:
            return f"the fused kernel has no {role} activation {act.name!r}"
    if loss.name not in LOSS_CODES:
        return f"the fused kernel has no loss {loss.name!r}"
    return None


def not_exact(hidden: Activation, out: Activation, loss: Loss) -> str | None:
    """Why the fused kernels would not reproduce the reference bit for bit (None when they do)."""
    why = unsupported(hidden, out, loss)
    if why is None and "tanh" in (hidden.name, out.name):
        why = "the fused kernel's tanh (libm) differs from NumPy's in the last place"
    return why


def _cpu_kernels() -> Any:
    try:
        from . import _mlp_fused_cpu
    except ImportError as exc:  # numba missing or broken: the caller falls back to the reference engine
        raise BackendUnavailableError(f"the fused engine needs numba on the CPU ({exc})") from exc

    return _mlp_fused_cpu.CpuKernels


def _gpu_kernels() -> Any:
    from . import _mlp_fused_cuda

    return _mlp_fused_cuda.GpuKernels


def _chunk_ends(max_epochs: int, progress: bool) -> list[int]:
    """The epochs where a chunk stops: the reference's check epochs (and, with ``progress``, its progress
    epochs)."""
    ends = set(range(CHECK_EVERY, max_epochs + 1, CHECK_EVERY))
    if progress:
        ends |= set(range(max(1, max_epochs // 100), max_epochs + 1, max(1, max_epochs // 100)))
    ends.add(max_epochs)
    return sorted(ends)


class FusedEngine:
    """Same constructor and :meth:`run` as the reference engines; the batch lives in the backend's kernels."""

    def __init__(self, be: Backend, X: np.ndarray, Y: np.ndarray, coefs: list[np.ndarray],
                 intercepts: list[np.ndarray], hidden: Activation, out: Activation, loss: Loss) -> None:
        why = unsupported(hidden, out, loss)
        if why is not None:
            raise ParameterError(why)
        self.be = be
        self.S = coefs[0].shape[0]
        self.sizes = np.array([coefs[0].shape[1], *(W.shape[2] for W in coefs)], dtype=np.int64)
        pairs = list(itertools.pairwise(self.sizes.tolist()))
        self.n_weights = sum(a * b for a, b in pairs)
        woff = np.concatenate([[0], np.cumsum([a * b for a, b in pairs])[:-1]]).astype(np.int64)
        boff = (self.n_weights + np.concatenate([[0], np.cumsum([b for _, b in pairs])[:-1]])).astype(np.int64)
        # one (S, P) block per net: all weights (row-major per layer), then all biases, as SmallEngine's flat block
        params = np.concatenate([W.reshape(self.S, -1) for W in coefs] + [b for b in intercepts], axis=1)
        config = dict(sizes=self.sizes, woff=woff, boff=boff, n_weights=self.n_weights,
                      hid=ACT_CODES[hidden.name], out=ACT_CODES[out.name], loss=LOSS_CODES[loss.name],
                      canonical=out.name in loss.canonical)
        self.kernels = be.fused(cpu=_cpu_kernels, gpu=_gpu_kernels)(be, X, Y, params, config)

    def run(self, *, lr: float, momentum: float, weight_decay: float, max_epochs: int, record: int,
            stop_when_all_solved: bool, progress: Callable[[int, int], None] | None) -> EngineResult:
        k = min(record, self.S)
        kern = self.kernels
        kern.start(k, max_epochs, lr=lr, momentum=momentum, weight_decay=weight_decay)
        e0, pending, diverged, stopped = 1, False, None, None
        for e1 in _chunk_ends(max_epochs, progress is not None):
            kern.run_chunk(e0, e1, pending)
            pending = True
            if e1 % CHECK_EVERY == 0 or e1 == max_epochs:
                bad = kern.first_nonfinite()
                if bad is not None:
                    diverged, stopped = (bad, e1), e1
                    break
                if stop_when_all_solved and kern.all_solved():
                    stopped = e1
                    break
            if progress is not None:
                progress(e1, max_epochs)
            e0 = e1 + 1
        epoch = max_epochs if stopped is None else stopped
        kern.finish(epoch, pending=stopped is None)
        if diverged is None:
            bad = kern.first_nonfinite()
            if bad is not None:
                diverged = (bad, epoch)
        coefs, intercepts, success, final, curves = kern.export(self.sizes)
        return EngineResult(coefs, intercepts, success, final, curves[:epoch] if k else curves, diverged)
