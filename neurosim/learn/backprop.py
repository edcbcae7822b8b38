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

from ..errors import ParameterError
from . import seeding
from .activations import Activation
from .losses import Loss

__all__ = ["INIT_SCHEMES", "GradientCheckResult", "backprop", "backward", "forward", "gradient_check_arrays",
           "init_params", "init_params_many"]

Array = Any
INIT_SCHEMES = ("uniform", "normal", "glorot", "he")


def init_params(layer_sizes: Sequence[int], seed: int, scheme: str = "uniform", scale: float = 0.3,
                stream: int = 0) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Initial weights of one net, a pure function of ``seed``: row 0 of :func:`init_params_many` for ``[seed]``.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``(n_inputs, hidden..., n_outputs)``.
    seed : int in [0, 2⁶⁴)
    scheme : {"uniform", "normal", "glorot", "he"}
    scale : float
    stream : int
        0 for a net's first initialisation; other values give independent re-initialisations.

    Returns
    -------
    coefs : list of (fan_in, fan_out) float64 arrays
    intercepts : list of (fan_out,) float64 arrays
    """
    coefs, intercepts = init_params_many(layer_sizes, [seed], scheme, scale, stream)
    return [W[0] for W in coefs], [b[0] for b in intercepts]


def init_params_many(layer_sizes: Sequence[int], seeds: Any, scheme: str = "uniform", scale: float = 0.3,
                     stream: int = 0) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Initial weights of S nets at once, drawn on the host with :mod:`neurosim.seeding` (counter-based).

    The parameters of a net are numbered j = 0 … P−1 in the order W(1) (row-major), b(1), W(2), b(2), … and
    parameter j of seed s is a function of (s, stream, j) alone, so net s here equals ``init_params(…, s)``.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``(n_inputs, hidden..., n_outputs)``.
    seeds : (S,) ints in [0, 2⁶⁴)
    scheme : {"uniform", "normal", "glorot", "he"}
        ``uniform``: W, b ~ U(−scale, scale) (Rumelhart et al.'s small random weights), parameter j =
        −scale + 2·scale·u_j; ``normal``: N(0, scale²), parameter j = scale·n_j; ``glorot``: W ~ U(±√(6/(fan_in +
        fan_out))) from u_j, b = 0; ``he``: W ~ N(0, 2/fan_in) from n_j, b = 0 (u_j, n_j as in
        :mod:`neurosim.seeding`; zero biases still own their index j, so every scheme numbers alike).
    scale : float
    stream : int
        Seeding stream (0: first initialisation; r > 0: the r-th re-initialisation).

    Returns
    -------
    coefs : list of (S, fan_in, fan_out) float64 arrays
    intercepts : list of (S, fan_out) float64 arrays
    """
    if scheme not in INIT_SCHEMES:
        raise ParameterError(f"unknown init scheme {scheme!r}: expected one of {', '.join(INIT_SCHEMES)}")
    pairs = list(itertools.pairwise(layer_sizes))
    n_params = sum(a * b + b for a, b in pairs)
    gaussian = scheme in ("normal", "he")
    draw = seeding.normals(seeds, n_params, stream) if gaussian else seeding.uniforms(seeds, n_params, stream)
    if scheme == "uniform":  # in place on the whole block: −scale + 2·scale·u, as Generator.uniform computes it
        draw *= 2.0 * scale
        draw -= scale
    elif scheme == "normal":
        draw *= scale
    S = draw.shape[0]
    coefs, intercepts = [], []
    j = 0
    for fan_in, fan_out in pairs:
        W = np.ascontiguousarray(draw[:, j:j + fan_in * fan_out]).reshape(S, fan_in, fan_out)
        b = np.ascontiguousarray(draw[:, j + fan_in * fan_out:j + fan_in * fan_out + fan_out])
        j += fan_in * fan_out + fan_out
        if scheme == "glorot":
            bound = np.sqrt(6.0 / (fan_in + fan_out))
            W, b = -bound + (2.0 * bound) * W, np.zeros((S, fan_out))
        elif scheme == "he":
            W, b = np.sqrt(2.0 / fan_in) * W, np.zeros((S, fan_out))
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
class GradientCheckResult:
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
                          weight_decay: float = 0.0, eps: float = 1e-4, floor: float = 1e-9) -> GradientCheckResult:
    """Compare backprop's gradient of J(θ) = (1/m) Σ loss + (λ/2) Σ‖W‖² with centered differences.

    Each parameter θᵢ is moved by ±eps and ±2eps, and the centred difference
    (−J(θ+2eps) + 8J(θ+eps) − 8J(θ−eps) + J(θ−2eps)) / 12eps is compared with (1/m)ΔW + λW.
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
            values = []
            for k in (2, 1, -1, -2):
                flat[i] = keep + k * eps
                values.append(objective())
            flat[i] = keep
            # the fourth-order centred stencil: truncation O(eps^4), so a step large enough to keep round-off
            # near 1e-12 still resolves gradients of 1e-6 to better than 1e-6 relative error
            num = ((values[3] - values[0]) + 8 * (values[1] - values[2])) / (12 * eps)  # differences first
            err = abs(gflat[i] - num) / max(abs(gflat[i]) + abs(num), floor)
            worst = max(worst, err)
        errors.append(worst)
    n = len(coefs)
    return GradientCheckResult(tuple(errors[:n]), tuple(errors[n:]))
