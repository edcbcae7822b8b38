"""Seed sweeps in blocks: many MLPs (:func:`train_many`) or many perceptrons (:func:`fit_many`) over ranges.

A sweep of S nets is cut into blocks of consecutive seeds (or problems), each trained by the batched trainer
exactly as it would train them alone, and run by :func:`neurosim.scale.run_blocks`; the blocks' results are
concatenated in block order. Net s depends only on its seed, and the cut depends only on S and the block size,
so the merged result is the same under every scheduler (and, for S up to one block, the same as one call).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..backend import Backend
from ..errors import ParameterError
from ..scale import Scheduler, get_scheduler, run_blocks
from .mlp_batch import ManyNetsResult, train_many
from .perceptron_batch import BatchResult, fit_many

__all__ = ["SWEEP_BLOCK", "fit_sweep", "train_sweep"]

#: nets per block: 10,000 XOR nets train in a few seconds (enough work per task), and a 100,000-net sweep gives
#: 10 blocks to spread (benchmarks/bench_scale.py)
SWEEP_BLOCK = 10_000


def _cuts(total: int, block_size: int | None) -> list[tuple[int, int]]:
    bs = SWEEP_BLOCK if block_size is None else block_size
    if isinstance(bs, bool) or not isinstance(bs, int) or bs < 1:
        raise ParameterError(f"block_size must be a positive integer, found {bs!r}")
    return [(a, min(a + bs, total)) for a in range(0, total, bs)]


def _backend_name(kwargs: dict[str, Any]) -> dict[str, Any]:
    be = kwargs.get("backend")
    return {**kwargs, "backend": be.name if isinstance(be, Backend) else be}  # a Backend holds a module


def _train_block(shared: tuple, block: tuple[int, np.ndarray]) -> ManyNetsResult:
    X, Y, kwargs = shared
    index, seeds = block
    if index > 0:
        kwargs = {**kwargs, "record_curves": 0}  # curves are kept for the first nets of the sweep only
    return train_many(X, Y, seeds, **kwargs)


def train_sweep(X: Any, Y: Any, seeds: Sequence[int] | np.ndarray, *, scheduler: str | Scheduler | None = None,
                block_size: int | None = None, progress: Callable[[int, int], None] | None = None,
                **kwargs: Any) -> ManyNetsResult:
    """:func:`neurosim.learn.train_many` over blocks of seeds, on a scheduler; the result is one sweep's.

    Parameters
    ----------
    X, Y, seeds
        As for :func:`train_many`.
    scheduler : str or Scheduler, optional
        Where blocks run (:mod:`neurosim.scale`).
    block_size : int, optional
        Seeds per block (default :data:`SWEEP_BLOCK`).
    progress : callable, optional
        With one block run inline: ``progress(epoch, max_epochs)`` as :func:`train_many` calls it; else
        ``progress(blocks_done, n_blocks)``.
    **kwargs
        Any other :func:`train_many` argument (``record_curves`` applies to the first nets of the sweep).

    Returns
    -------
    ManyNetsResult
    """
    seeds = np.asarray(seeds, dtype=np.int64).reshape(-1)
    cuts = _cuts(seeds.size, block_size)
    kwargs = _backend_name(kwargs)
    if len(cuts) > 1 and kwargs.get("stop_when_all_solved"):
        raise ParameterError("stop_when_all_solved would stop each block on its own: give one block")
    if len(cuts) <= 1 and get_scheduler(scheduler).address is None:
        return train_many(X, Y, seeds, progress=progress, **kwargs)
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    parts = run_blocks(_train_block, [(i, seeds[a:b]) for i, (a, b) in enumerate(cuts)], shared=(X, Y, kwargs),
                       scheduler=scheduler, progress=progress)
    return ManyNetsResult(
        seeds=np.concatenate([p.seeds for p in parts]),
        coefs=[np.concatenate([p.coefs[k] for p in parts]) for k in range(len(parts[0].coefs))],
        intercepts=[np.concatenate([p.intercepts[k] for p in parts]) for k in range(len(parts[0].intercepts))],
        success_epoch=np.concatenate([p.success_epoch for p in parts]),
        final_loss=np.concatenate([p.final_loss for p in parts]),
        restarts=np.concatenate([p.restarts for p in parts]),
        loss_curves=parts[0].loss_curves, max_epochs=parts[0].max_epochs, engine=parts[0].engine)


def _fit_block(shared: tuple, block: tuple[int, int]) -> BatchResult:
    X, Y, kwargs = shared
    a, b = block
    return fit_many(X, Y[a:b], **kwargs)


def fit_sweep(X: Any, Y: Any, *, scheduler: str | Scheduler | None = None, block_size: int | None = None,
              progress: Callable[[int, int], None] | None = None, **kwargs: Any) -> BatchResult:
    """:func:`neurosim.learn.fit_many` over blocks of problems (rows of Y), on a scheduler; one batch's result.

    Parameters
    ----------
    X, Y
        Shared inputs (n, d) and labels (P, n), as for :func:`fit_many`.
    scheduler, block_size, progress
        As for :func:`train_sweep` (``progress`` counts blocks).
    **kwargs
        Any other :func:`fit_many` argument.
    """
    Y = np.asarray(Y)
    kwargs = _backend_name(kwargs)
    cuts = _cuts(Y.shape[0] if Y.ndim == 2 else 0, block_size)
    if len(cuts) <= 1 and get_scheduler(scheduler).address is None:
        return fit_many(X, Y, **kwargs)
    parts = run_blocks(_fit_block, cuts, shared=(np.asarray(X), Y, kwargs), scheduler=scheduler, progress=progress)
    return BatchResult(weights=np.concatenate([p.weights for p in parts]), bias=np.concatenate([p.bias for p in parts]),
                       converged=np.concatenate([p.converged for p in parts]),
                       cycle=np.concatenate([p.cycle for p in parts]), n_iter=np.concatenate([p.n_iter for p in parts]),
                       n_mistakes=np.concatenate([p.n_mistakes for p in parts]), exact=parts[0].exact)
