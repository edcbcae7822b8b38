"""Depth folds space: linear regions of 1-D ReLU/abs nets, counted exactly, deep against wide.

A net of piecewise-linear units is affine on each set of inputs where every unit keeps its side (its *activation
pattern*). Along a grid, the pieces are the maximal runs of grid points with one pattern, merged where two
neighbouring runs carry the same affine map (their slopes and offsets, computed from the weights of the pattern,
agree). The tent map t(x) = 1 − |2x − 1| made of one abs unit per layer folds [0, 1] in two at every layer, so d
layers make 2^d pieces with breakpoints at the dyadic points k/2^d — a dyadic grid meets every one exactly. One layer
of w ReLU or abs units adds w hinges: at most w + 1 pieces, whatever the weights.

Notes
-----
Montúfar, Pascanu, Cho & Bengio, "On the number of linear regions of deep neural networks" (NIPS 2014); Telgarsky,
"Benefits of depth in neural networks" (COLT 2016).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from ..errors import ParameterError

__all__ = ["count_linear_regions", "deep_tent", "dyadic_grid", "region_table", "wide_net"]

#: activations whose pieces this module counts, with the side a unit is on
_SIDES = {"relu": lambda z: z > 0, "abs": lambda z: z >= 0}
_F = {"relu": lambda z: np.maximum(z, 0.0), "abs": np.abs}


def dyadic_grid(bits: int = 14) -> np.ndarray:
    """The 2^bits + 1 points k / 2^bits of [0, 1] (exact in binary floating point)."""
    return np.arange(2**bits + 1, dtype=np.float64) / 2**bits


def _affine_maps(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray], activation: str,
                 X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per grid point: the activation pattern (as bytes), and the slope and offset of the net's affine map there."""
    if activation not in _SIDES:
        raise ParameterError(f"expected a piecewise-linear activation in {', '.join(_SIDES)}, found {activation!r}")
    m = X.shape[0]
    A = np.ones((m, 1, 1))           # d(output of layer)/dx, per point: (m, 1, width)
    c = np.zeros((m, 1))             # offset of the current layer's output as an affine map of x
    a = X
    sides = []
    last = len(coefs) - 1
    for k, (W, b) in enumerate(zip(coefs, intercepts, strict=True)):
        z = a @ W + b
        slope = A @ W                # (m, 1, w)
        off = c @ W + b              # (m, w)
        if k < last:
            side = _SIDES[activation](z)
            sides.append(side)
            sign = np.where(side, 1.0, 0.0) if activation == "relu" else np.where(side, 1.0, -1.0)
            A, c, a = slope * sign[:, None, :], off * sign, _F[activation](z)
        else:
            A, c, a = slope, off, z
    pattern = np.concatenate(sides, axis=1) if sides else np.zeros((m, 0), dtype=bool)
    return pattern, A[:, 0, 0], c[:, 0]


def count_linear_regions(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray], activation: str = "relu",
                         grid: np.ndarray | None = None, *, rtol: float = 1e-9) -> int:
    """The number of linear pieces of a 1-input, 1-output net on ``grid`` (default :func:`dyadic_grid`).

    Parameters
    ----------
    coefs, intercepts : lists of (fan_in, fan_out) and (fan_out,) arrays
        Hidden layers use ``activation``; the output is linear.
    activation : {"relu", "abs"}
    rtol : float
        Neighbouring pattern runs with slopes and offsets equal to this relative tolerance are one piece.
    """
    X = (dyadic_grid() if grid is None else np.asarray(grid, dtype=np.float64)).reshape(-1, 1)
    pattern, slope, offset = _affine_maps(coefs, intercepts, activation, X)
    change = np.flatnonzero(np.any(pattern[1:] != pattern[:-1], axis=1)) + 1
    starts = np.concatenate([[0], change])
    pieces = 1
    scale = max(1.0, float(np.abs(slope).max()), float(np.abs(offset).max()))
    for i, j in itertools.pairwise(starts):
        # a run's map is read at its first point; the next run's at its own first point
        if abs(slope[i] - slope[j]) > rtol * scale or abs(offset[i] - offset[j]) > rtol * scale:
            pieces += 1
    return pieces


def deep_tent(depth: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """``depth`` abs units in ``depth`` layers computing the tent map ``depth`` times: z = 2x − 1, a = |z|, and the
    next layer's input 1 − a folded into its weights; output 1 − a."""
    if depth < 1:
        raise ParameterError(f"expected a depth >= 1, found {depth!r}")
    coefs, intercepts = [np.array([[2.0]])], [np.array([-1.0])]
    for _ in range(depth - 1):
        coefs.append(np.array([[-2.0]]))  # 2(1 − a) − 1 = 1 − 2a
        intercepts.append(np.array([1.0]))
    coefs.append(np.array([[-1.0]]))
    intercepts.append(np.array([1.0]))
    return coefs, intercepts


def wide_net(width: int, seed: int = 0) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """One hidden layer of ``width`` units with kinks at distinct points of (0, 1) and random output weights."""
    if width < 1:
        raise ParameterError(f"expected a width >= 1, found {width!r}")
    rng = np.random.default_rng(seed)
    kinks = (np.sort(rng.choice(np.arange(1, 1024), width, replace=False)) + 0.5) / 1024  # between grid points
    out = rng.choice([-1.0, 1.0], width) * rng.uniform(0.5, 1.5, width)
    return [np.ones((1, width)), out[:, None]], [-kinks, np.zeros(1)]


def region_table(max_units: int = 8) -> list[tuple[int, int, int, int]]:
    """(units, pieces of the deep abs net with that many layers, of one wide ReLU layer, of one wide abs layer)."""
    rows = []
    for n in range(1, max_units + 1):
        rows.append((n, count_linear_regions(*deep_tent(n), "abs"), count_linear_regions(*wide_net(n, n), "relu"),
                     count_linear_regions(*wide_net(n, n), "abs")))
    return rows
