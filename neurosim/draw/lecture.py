"""The lecture's demonstrations as figures: activations, learning rates, universal approximation, depth, and the
cost of a gradient. Each function takes the numbers from :mod:`neurosim.learn` and returns a Figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ._style import fit_title

__all__ = ["activations_figure", "approximation_figure", "descent_figure", "gradient_cost_figure",
           "regions_figure"]

_LR_COLORS = ("tab:blue", "tab:green", "tab:red")


def _figure(width: float, height: float, cols: int) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(1, cols, squeeze=False)[0]


def activations_figure(names: Sequence[str] = ("sigmoid", "tanh", "relu")) -> Any:
    """Each activation f (solid) with its derivative f′ (dashed), one panel each, from the library's registry."""
    from ..learn import get_activation

    fig, axs = _figure(3.4 * len(names), 3.2, len(names))
    z = np.linspace(-5, 5, 401)
    for ax, name in zip(axs, names, strict=True):
        act = get_activation(name, hidden=True)
        a = act.f(z.copy(), np)
        ax.plot(z, a, color="tab:blue", lw=2, label=f"{name}(z)")
        ax.plot(z, act.df(z.copy(), a, np), color="tab:orange", lw=2, ls="--", label=f"{name}′(z)")
        ax.axhline(0, color="#999999", lw=0.6)
        ax.axvline(0, color="#999999", lw=0.6)
        ax.set_xlabel("z (the unit's net input)")
        ax.legend(loc="upper left", fontsize=8)
        fit_title(ax, name, 11)
    axs[0].set_ylabel("value")
    fig.suptitle("Activation functions (solid) and their derivatives (dashed)", fontsize=12)
    return fig


def descent_figure(runs: Sequence[Any], xor_curves: Mapping[float, np.ndarray], *, limit: float) -> Any:
    """Left: |w − w*| of gradient descent on a quadratic for each η (log scale), against the stability limit 2/L.
    Right: the loss of one XOR net for a small, a good and a too-large learning rate."""
    fig, (ax, bx) = _figure(10.5, 4.0, 2)
    for run, color in zip(runs, _LR_COLORS, strict=False):
        ax.plot(np.arange(run.w.size), run.w - run.target, "o-", ms=3, color=color,
                label=f"η = {run.lr:g} ({run.regime}; ηL = {run.lr * run.curvature:g})")
    ax.axhline(0, color="#999999", lw=0.6)
    ax.set_xlabel("step k")
    ax.set_ylabel("w_k − w* (error after k steps)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, loc="upper left")
    fit_title(ax, f"f(w) = (L/2)(w − w*)²: stable only for η < 2/L = {limit:g}", 10)
    labels = ("too small: slow", "about right", "too large: overshoots")
    for (lr, curve), color, lab in zip(xor_curves.items(), _LR_COLORS, labels, strict=False):
        bx.semilogy(np.arange(curve.size), curve, color=color, lw=1.5, label=f"η = {lr:g} ({lab})")
    bx.set_xlabel("epoch")
    bx.set_ylabel("J (mean squared error)")
    bx.xaxis.get_major_locator().set_params(integer=True)
    bx.legend(fontsize=8, loc="lower left")
    fit_title(bx, "XOR, one 2-2-1 sigmoid net from one start, three learning rates", 10)
    return fig


def approximation_figure(res: Any) -> Any:
    """Left: the target and the best fit of each width. Right: the RMS error against the number of units."""
    fig, (ax, bx) = _figure(10.5, 4.0, 2)
    from ..learn import TARGETS

    fine = np.linspace(0, 1, 400)
    ax.plot(fine, TARGETS[res.target](fine), color="black", lw=3, alpha=0.35, label=f"target {res.target}")
    cmap = ("tab:red", "tab:orange", "tab:olive", "tab:cyan", "tab:blue", "tab:purple")
    for n, fit, color in zip(res.units, res.fits, cmap, strict=False):
        ax.plot(res.x, fit, color=color, lw=1.3, label=f"N = {n}")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(fontsize=7, loc="upper right", ncol=2)
    fit_title(ax, f"One hidden layer of N sigmoid units fitting {res.target}", 10)
    bx.loglog(res.units, res.rmse, "o-", color="tab:blue")
    bx.set_xticks(res.units, [str(n) for n in res.units])
    bx.minorticks_off()
    bx.set_xlabel("N, sigmoid units in the hidden layer")
    bx.set_ylabel("RMS error on 64 points (best of restarts)")
    fit_title(bx, "The error falls as units are added (Cybenko, Hornik 1989)", 10)
    return fig


def regions_figure(rows: Sequence[tuple[int, int, int, int]], folds: Sequence[tuple[np.ndarray, np.ndarray]]) -> Any:
    """Left: the deep abs net's output for depths 1, 2, 3 (each layer folds [0, 1] once more). Right: linear pieces
    against the number of units: deep (one unit per layer) grows as 2^N, one wide layer as N + 1."""
    fig, (ax, bx) = _figure(10.5, 4.0, 2)
    for d, (x, y) in enumerate(folds, start=1):
        ax.plot(x, y + 1.2 * (len(folds) - d), lw=1.5, label=f"depth {d}: {2**d} pieces")
    ax.set_xlabel("x")
    ax.set_yticks([])
    ax.legend(fontsize=8, loc="upper right")
    fit_title(ax, "Folding: the tent map t(x) = 1 − |2x − 1| applied 1, 2, 3 times", 10)
    n = [r[0] for r in rows]
    bx.semilogy(n, [r[1] for r in rows], "o-", color="tab:red", label="deep: N abs units in N layers")
    bx.semilogy(n, [r[2] for r in rows], "s-", color="tab:blue", label="wide: N ReLU units in one layer")
    bx.semilogy(n, [r[3] for r in rows], "^--", color="tab:cyan", label="wide: N abs units in one layer")
    bx.set_xticks(n, [str(k) for k in n])
    bx.set_xlabel("N, hidden units")
    bx.set_ylabel("linear pieces on [0, 1] (counted exactly)")
    bx.legend(fontsize=8, loc="upper left")
    fit_title(bx, "Depth multiplies pieces (2^N), width adds them (N + 1)", 10)
    return fig


def gradient_cost_figure(counted: Sequence[Any], timed: Sequence[Mapping[str, float]] = ()) -> Any:
    """Cost of the whole gradient, in forward passes, against the number of parameters P: backprop's ω (counted
    arithmetic, and measured time) stays below the bound 5 while centred finite differences cost 2P."""
    fig, (ax,) = _figure(6.5, 4.3, 1)
    P = np.array([r.params for r in counted], dtype=float)
    ax.loglog(P, [r.finite_differences for r in counted], "s-", color="tab:red",
              label="centred finite differences: 2P forward passes")
    ax.loglog(P, [r.omega for r in counted], "o-", color="tab:blue", label="backprop ω (counted arithmetic)")
    if timed:
        ax.loglog([t["params"] for t in timed], [t["omega"] for t in timed], "o:", color="tab:cyan",
                  label="backprop ω (measured time, this machine)")
    ax.axhline(5, color="black", ls="--", lw=1, label="the cheap-gradient bound ω = 5")
    ax.set_xlabel("P, parameters of the MLP")
    ax.set_ylabel("cost of the gradient / cost of one forward pass")
    ax.legend(fontsize=8, loc="upper left")
    fit_title(ax, "The cheap-gradient principle: backprop costs a few forward passes", 10)
    return fig
