"""Many perceptrons at once: P independent two-class problems on the same inputs, trained in one vectorised run.

Each problem p has its own labels Y[p] over the shared samples X and its own weights; every step presents one
sample to all problems at once (a (P, d+1) weight matrix times one input), so the whole batch costs n vector
operations per epoch on the backend (NumPy or CuPy). Problem for problem, the updates are exactly those of
:class:`neurosim.perceptron.Perceptron` with the same settings (fixed order, zero start).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import Backend, get_backend
from ..errors import DataError

__all__ = ["BatchResult", "fit_many"]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of :func:`fit_many`, one entry per problem (host NumPy arrays).

    Attributes
    ----------
    weights : ndarray (P, d)
    bias : ndarray (P,)
    converged : ndarray of bool (P,)
        A mistake-free epoch was reached.
    cycle : ndarray of bool (P,)
        The weights at the start of an epoch repeated an earlier epoch's: the rule cycles (exact mode only).
    n_iter : ndarray of int64 (P,)
        Epochs run.
    n_mistakes : ndarray of int64 (P,)
        Total updates.
    exact : bool
        Integer arithmetic was used.
    """

    weights: np.ndarray
    bias: np.ndarray
    converged: np.ndarray
    cycle: np.ndarray
    n_iter: np.ndarray
    n_mistakes: np.ndarray
    exact: bool

    def __post_init__(self) -> None:
        P = self.weights.shape[0]
        for name in ("bias", "converged", "cycle", "n_iter", "n_mistakes"):
            if getattr(self, name).shape != (P,):
                raise DataError(f"BatchResult.{name} must have shape ({P},)")


def fit_many(X: Any, Y: Any, *, lr: float = 1, max_epochs: int = 1000, detect_cycles: bool = True,
             backend: str | Backend | None = None) -> BatchResult:
    """Train P perceptrons on shared inputs in one vectorised run (fixed presentation order, zero start).

    Parameters
    ----------
    X : array-like (n, d)
        Shared inputs.
    Y : array-like (P, n)
        0/1 labels, one row per problem (1 = positive class).
    lr : float
        Learning rate; integer data with an integer ``lr`` train in exact int64 arithmetic.
    max_epochs : int
    detect_cycles : bool
        Stop a problem when its start-of-epoch weights repeat (Brent's scheme: compared with the weights saved
        at epochs 1, 2, 4, 8, …), exact mode only — the same rule as :class:`~neurosim.perceptron.Perceptron`.
    backend : str or Backend, optional

    Returns
    -------
    BatchResult

    Notes
    -----
    Rosenblatt (1958); the batch over all Boolean functions follows the classical enumeration of threshold
    functions (Muroga, *Threshold Logic and its Applications*, 1971).
    """
    be = get_backend(backend)
    xp = be.xp
    Xh = np.asarray(X)
    Yh = np.asarray(Y)
    if Xh.ndim != 2 or Yh.ndim != 2 or Yh.shape[1] != Xh.shape[0]:
        raise DataError(f"expected X (n, d) and Y (P, n) with the same n, got X {Xh.shape} and Y {Yh.shape}")
    if not np.isin(Yh, (0, 1)).all():
        raise DataError("Y must hold 0/1 labels")
    if not np.isfinite(Xh.astype(np.float64)).all():
        raise DataError("X contains NaN or infinity")
    n, d = Xh.shape
    P = Yh.shape[0]
    exact = bool(np.all(Xh == np.round(Xh))) and float(lr).is_integer()
    dtype = np.int64 if exact else np.float64
    step = int(lr) if exact else float(lr)
    Zh = np.hstack([Xh.astype(dtype), np.ones((n, 1), dtype=dtype)])
    Z = be.asarray(Zh)
    Yd = be.asarray(Yh.astype(bool))
    W = xp.zeros((P, d + 1), dtype=dtype)
    active = xp.arange(P)
    converged = xp.zeros(P, dtype=bool)
    cycle = xp.zeros(P, dtype=bool)
    n_iter = xp.zeros(P, dtype=xp.int64)
    n_mist = xp.zeros(P, dtype=xp.int64)
    check = detect_cycles and exact
    Wa, Ya = W, Yd
    saved = Wa.copy()
    for epoch in range(1, max_epochs + 1):
        if check and epoch > 1:
            # start-of-epoch weights equal to saved ones: the epochs in between had mistakes, so it cycles
            rep = xp.all(Wa == saved, axis=1)
            if bool(xp.any(rep)):
                cycle[active[rep]] = True
                keep = ~rep
                active, Wa, Ya, saved = active[keep], Wa[keep], Ya[keep], saved[keep]
            if (epoch & (epoch - 1)) == 0:
                saved = Wa.copy()
        if Wa.shape[0] == 0:
            break
        m = xp.zeros(Wa.shape[0], dtype=xp.int64)
        for i in range(n):
            # delta = y − ŷ ∈ {−1, 0, 1} for every active problem at once
            delta = Ya[:, i].astype(xp.int8) - (Wa @ Z[i] > 0).astype(xp.int8)
            Wa += (step * delta.astype(dtype))[:, None] * Z[i][None, :]
            m += delta != 0
        n_iter[active] = epoch
        n_mist[active] += m
        W[active] = Wa
        done = m == 0
        if bool(xp.any(done)):
            converged[active[done]] = True
            keep = ~done
            active, Wa, Ya, saved = active[keep], Wa[keep], Ya[keep], saved[keep]
    Wh = be.to_numpy(W)
    return BatchResult(weights=Wh[:, :d], bias=Wh[:, d], converged=be.to_numpy(converged),
                       cycle=be.to_numpy(cycle), n_iter=be.to_numpy(n_iter), n_mistakes=be.to_numpy(n_mist),
                       exact=exact)
