"""Gradient descent and its learning rate, as the lecture shows it: a 1-D quadratic, then XOR.

On f(w) = (L/2)(w − w*)², one step of gradient descent is w ← w − η L (w − w*), so the error is multiplied by
(1 − ηL) at every step: it shrinks monotonically for η < 1/L, overshoots and oscillates for 1/L < η < 2/L, and
**diverges for η > 2/L**, the stability limit. On XOR the same three regimes show in the loss curves of one net
trained from one initialisation with a small, a good and a too-large learning rate.

Notes
-----
The stability limit 2/L is the classical condition for gradient descent on an L-smooth function (e.g. Nocedal &
Wright, *Numerical Optimization*, 2006, §3); Rumelhart, Hinton & Williams (1986) discuss the learning rate and
momentum for backprop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import ParameterError

__all__ = ["QuadraticRun", "quadratic_descent", "stability_limit", "xor_learning_rates"]


@dataclass(frozen=True, slots=True)
class QuadraticRun:
    """Iterates of gradient descent on f(w) = (L/2)(w − w*)².

    Attributes
    ----------
    lr, curvature, target : float
        η, L and w*.
    w : (steps + 1,) array
        w_0 … w_steps.
    loss : (steps + 1,) array
        f(w_k).
    """

    lr: float
    curvature: float
    target: float
    w: np.ndarray
    loss: np.ndarray

    @property
    def regime(self) -> str:
        """``"monotone"`` (η ≤ 1/L), ``"oscillating"`` (1/L < η < 2/L), ``"periodic"`` (η = 2/L), ``"diverging"``."""
        q = self.lr * self.curvature
        return "monotone" if q <= 1 else "oscillating" if q < 2 else "periodic" if q == 2 else "diverging"


def stability_limit(curvature: float) -> float:
    """2/L: gradient descent on a quadratic of curvature L converges exactly for 0 < η < 2/L."""
    if not curvature > 0:
        raise ParameterError(f"expected a curvature L > 0, found {curvature!r}")
    return 2.0 / curvature


def quadratic_descent(lr: float, *, curvature: float = 1.0, target: float = 0.0, w0: float = 1.0,
                      steps: int = 30) -> QuadraticRun:
    """Run ``steps`` steps of w ← w − η f′(w) on f(w) = (L/2)(w − w*)².

    Parameters
    ----------
    lr : float
        η > 0.
    curvature, target, w0 : float
        L > 0, w* and the starting point.
    steps : int
    """
    if not lr > 0:
        raise ParameterError(f"expected a learning rate > 0, found {lr!r}")
    stability_limit(curvature)
    if steps < 0:
        raise ParameterError(f"expected steps >= 0, found {steps!r}")
    w = np.empty(steps + 1)
    w[0] = w0
    for k in range(steps):
        w[k + 1] = w[k] - lr * curvature * (w[k] - target)
    return QuadraticRun(float(lr), float(curvature), float(target), w, 0.5 * curvature * (w - target) ** 2)


def xor_learning_rates(lrs: Sequence[float] = (0.5, 20.0, 200.0), *, seed: int = 0, epochs: int = 1000,
                       hidden: int = 2) -> dict[float, np.ndarray]:
    """J per epoch of one 2-``hidden``-1 sigmoid net on XOR (mean squared loss, plain full-batch gradient
    descent, no momentum) from the same initial weights, for each learning rate.

    Returns
    -------
    dict
        η -> (epochs,) loss curve.
    """
    from .mlp_batch import train_many

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    y = np.array([0, 1, 1, 0], dtype=np.float64)
    curves = {}
    for lr in lrs:
        res = train_many(X, y, [seed], hidden_layer_sizes=(hidden,), lr=float(lr), momentum=0.0,
                         init_scale=1.0, max_epochs=epochs, record_curves=1)
        curves[float(lr)] = np.asarray(res.loss_curves[:, 0], dtype=np.float64)
    return curves
