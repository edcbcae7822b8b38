"""Backpropagation in matrix–vector form, seeded initialisation, and a finite-difference gradient check.

Weights follow scikit-learn's layout: ``coefs[l]`` has shape (fan_in, fan_out) and ``intercepts[l]`` (fan_out,),
so a layer computes ``z = a @ W + b`` on a batch ``a`` of shape (m, fan_in).

Notes
-----
Rumelhart, Hinton & Williams, "Learning representations by back-propagating errors", Nature 323 (1986); the
matrix form δ(l) = (W(l+1)ᵀ δ(l+1)) ⊙ f′(z(l)) and the accumulate-then-update pseudo-code follow Ng's CS229/UFLDL
notes ("Backpropagation algorithm").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .activations import Activation
from .losses import Loss

__all__ = ["INIT_SCHEMES", "GradientCheck", "backprop", "backward", "forward", "gradient_check_arrays", "init_params"]

Array = Any
INIT_SCHEMES = ("uniform", "normal", "glorot", "he")


def init_params(layer_sizes: Sequence[int], rng: np.random.Generator, scheme: str = "uniform",
                scale: float = 0.3) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Draw initial weights on the host, layer by layer (W then b), so any seed reproduces a net exactly.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``(n_inputs, hidden..., n_outputs)``.
    rng : numpy.random.Generator
    scheme : {"uniform", "normal", "glorot", "he"}
        ``uniform``: W, b ~ U(−scale, scale) (Rumelhart et al.'s small random weights); ``normal``: N(0, scale²);
        ``glorot``: W ~ U(±√(6/(fan_in+fan_out))), b = 0; ``he``: W ~ N(0, 2/fan_in), b = 0.
    scale : float

    Returns
    -------
    coefs : list of (fan_in, fan_out) float64 arrays
    intercepts : list of (fan_out,) float64 arrays
    """
    if scheme not in INIT_SCHEMES:
        raise ValueError(f"unknown init scheme {scheme!r}: expected one of {', '.join(INIT_SCHEMES)}")
    coefs, intercepts = [], []
    for fan_in, fan_out in itertools.pairwise(layer_sizes):
        if scheme == "uniform":
            W = rng.uniform(-scale, scale, size=(fan_in, fan_out))
            b = rng.uniform(-scale, scale, size=fan_out)
        elif scheme == "normal":
            W = rng.normal(0.0, scale, size=(fan_in, fan_out))
            b = rng.normal(0.0, scale, size=fan_out)
        elif scheme == "glorot":
            bound = np.sqrt(6.0 / (fan_in + fan_out))
            W, b = rng.uniform(-bound, bound, size=(fan_in, fan_out)), np.zeros(fan_out)
        else:
            W, b = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out)), np.zeros(fan_out)
        coefs.append(W)
        intercepts.append(b)
    return coefs, intercepts


def forward(coefs: Sequence[Array], intercepts: Sequence[Array], X: Array, hidden: Activation, out: Activation,
            xp: Any = np) -> tuple[list[Array], list[Array]]:
    """Forward pass.

    Returns
    -------
    zs : list of (m, fan_out) arrays, one per layer (net inputs)
    acts : list of arrays, ``acts[0] = X`` then one (m, fan_out) array per layer; ``acts[-1]`` is h(X).
    """
    zs, acts = [], [X]
    last = len(coefs) - 1
    for i, (W, b) in enumerate(zip(coefs, intercepts, strict=True)):
        z = acts[-1] @ W
        z += b
        zs.append(z)
        acts.append((out if i == last else hidden).f(z, xp))
    return zs, acts


def backprop(coefs: Sequence[Array], intercepts: Sequence[Array], X: Array, Y: Array, hidden: Activation,
             out: Activation, loss: Loss, xp: Any = np) -> tuple[float, list[Array], list[Array]]:
    """Loss and the batch-summed gradients ΔW, Δb of one (mini-)batch.

    Parameters
    ----------
    X : (m, n_in) array
    Y : (m, n_out) array of targets

    Returns
    -------
    J : float
        (1/m) Σ loss, without weight decay.
    dW : list of (fan_in, fan_out) arrays
        ΔW(l) = Σ over the batch of a(l) δ(l+1)ᵀ — *sums*, the textbook's accumulators; the caller divides by m.
    db : list of (fan_out,) arrays
        Δb(l) = Σ over the batch of δ(l+1).
    """
    zs, acts = forward(coefs, intercepts, X, hidden, out, xp)
    J = float(loss.value(acts[-1], Y, out, xp))
    dW, db = backward(coefs, zs, acts, Y, hidden, out, loss, xp)
    return J, dW, db


def backward(coefs: Sequence[Array], zs: Sequence[Array], acts: Sequence[Array], Y: Array, hidden: Activation,
             out: Activation, loss: Loss, xp: Any = np) -> tuple[list[Array], list[Array]]:
    """The backward half of :func:`backprop`, from the forward pass's ``zs`` and ``acts``: (ΔW, Δb) sums."""
    delta = loss.output_delta(zs[-1], acts[-1], Y, out, xp)
    n = len(coefs)
    dW: list[Array] = [None] * n
    db: list[Array] = [None] * n
    for layer in range(n - 1, -1, -1):
        dW[layer] = acts[layer].T @ delta
        db[layer] = delta.sum(axis=0)
        if layer:
            # δ(l) = (W(l+1)ᵀ δ(l+1)) ⊙ f′(z(l)), written for row-vector batches
            delta = (delta @ coefs[layer].T) * hidden.df(zs[layer - 1], acts[layer], xp)
    return dW, db


@dataclass(frozen=True, slots=True)
class GradientCheck:
    """Largest relative error |analytic − numeric| / max(|analytic| + |numeric|, floor) per parameter array.

    Attributes
    ----------
    coefs, intercepts : tuple of float, one per layer
    """

    coefs: tuple[float, ...]
    intercepts: tuple[float, ...]

    @property
    def max(self) -> float:
        return max(self.coefs + self.intercepts)


def gradient_check_arrays(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray], X: np.ndarray,
                          Y: np.ndarray, hidden: Activation, out: Activation, loss: Loss,
                          weight_decay: float = 0.0, eps: float = 1e-6, floor: float = 1e-9) -> GradientCheck:
    """Compare backprop's gradient of J(θ) = (1/m) Σ loss + (λ/2) Σ‖W‖² with centered differences.

    Each parameter θᵢ is moved by ±eps and (J(θ + eps) − J(θ − eps)) / 2eps is compared with (1/m)ΔW + λW.
    ``floor`` keeps parameters whose gradient is zero (e.g. a dead ReLU) from dividing by zero.
    """
    coefs = [np.array(W, dtype=np.float64) for W in coefs]
    intercepts = [np.array(b, dtype=np.float64) for b in intercepts]
    m = X.shape[0]

    def objective() -> float:
        _, acts = forward(coefs, intercepts, X, hidden, out)
        reg = 0.5 * weight_decay * sum(float((W * W).sum()) for W in coefs)
        return float(loss.value(acts[-1], Y, out, np)) + reg

    _, dW, db = backprop(coefs, intercepts, X, Y, hidden, out, loss)
    analytic = [g / m + weight_decay * W for g, W in zip(dW, coefs, strict=True)] + [g / m for g in db]
    errors = []
    for params, grad in zip(coefs + intercepts, analytic, strict=True):
        worst = 0.0
        flat, gflat = params.reshape(-1), grad.reshape(-1)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps
            up = objective()
            flat[i] = keep - eps
            down = objective()
            flat[i] = keep
            num = (up - down) / (2 * eps)
            err = abs(gflat[i] - num) / max(abs(gflat[i]) + abs(num), floor)
            worst = max(worst, err)
        errors.append(worst)
    n = len(coefs)
    return GradientCheck(tuple(errors[:n]), tuple(errors[n:]))
