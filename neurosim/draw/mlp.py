"""Figures for the MLP: decision boundaries in the plane, loss curves, and the XOR perceptron-versus-MLP page.

Only this module draws; Matplotlib is imported inside the functions (``matplotlib.figure.Figure``, no pyplot).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._style import fit_title

__all__ = ["draw_decision_boundary", "draw_loss_curves", "mlp_figure", "net_output_fn", "xor_figure"]


def net_output_fn(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray], activation: str = "sigmoid",
                  out_activation: str = "sigmoid") -> Callable[[np.ndarray], np.ndarray]:
    """``h(X)`` of one net given its weights: (n, d) → (n,) first output."""
    from ..learn import forward, get_activation

    hid, out = get_activation(activation, hidden=True), get_activation(out_activation)

    def h(X: np.ndarray) -> np.ndarray:
        return forward(list(coefs), list(intercepts), X, hid, out)[1][-1][:, 0]

    return h


def draw_decision_boundary(ax: Any, h: Callable[[np.ndarray], np.ndarray], X: Any, y: Any, *, level: float = 0.5,
                           title: str = "", pad: float = 0.5,
                           feature_names: Sequence[str] = ("x1", "x2")) -> None:
    """Shade h(x) over a grid around 2-D points, draw the contour h = ``level`` and the points by class; the legend
    says what the shading means and the axes carry the features' names.

    Parameters
    ----------
    ax : matplotlib Axes
    h : callable (n, 2) → (n,)
    X : (n, 2) array
    y : (n,) labels (two classes: the larger is drawn filled)
    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 201), np.linspace(lo[1], hi[1], 201))
    hv = h(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    ax.contourf(gx, gy, hv, levels=20, cmap="RdBu_r", alpha=0.35)
    if hv.min() < level < hv.max():
        ax.contour(gx, gy, hv, levels=[level], colors="k", linewidths=1.5)
    pos = y == np.max(y)
    ax.scatter(X[pos, 0], X[pos, 1], s=80, c="tab:red", edgecolors="k", label=f"y = {np.max(y)}", zorder=3)
    ax.scatter(X[~pos, 0], X[~pos, 1], s=80, c="white", edgecolors="k", label=f"y = {np.min(y)}", zorder=3)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal")
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))  # room for each tick label: none collide
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    handles = ax.get_legend_handles_labels()[0]
    handles += [Patch(fc="#d6604d", alpha=0.35, label=f"shaded red: h(x) > {level:g}, predicts {np.max(y)}"),
                Patch(fc="#4393c3", alpha=0.35, label=f"shaded blue: h(x) < {level:g}, predicts {np.min(y)}")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=7, frameon=False)
    if title:
        fit_title(ax, title, 9)


def draw_loss_curves(ax: Any, curves: Any, *, title: str = "loss curves", labels: Sequence[str] = ()) -> None:
    """Plot J per epoch, one line per column of ``curves`` (n_epochs, k), on a log scale."""
    curves = np.asarray(curves, dtype=np.float64)
    if curves.ndim == 1:
        curves = curves[:, None]
    epochs = np.arange(curves.shape[0])
    for j in range(curves.shape[1]):
        ax.plot(epochs, np.maximum(curves[:, j], 1e-12), lw=1, label=labels[j] if j < len(labels) else None)
    ax.set_yscale("log")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("epoch")
    ax.set_ylabel("J")
    ax.set_title(title, fontsize=9)
    if labels:
        ax.legend(fontsize=7)


def xor_figure(X: Any, y: Any, perceptron_w: Sequence[float], perceptron_b: float,
               mlp_h: Callable[[np.ndarray], np.ndarray], curves: Any, success_epochs: Any, *,
               perceptron_note: str = "", mlp_note: str = "") -> Any:
    """The perceptron against the MLP on XOR: both boundaries, the MLP loss curves, the epochs-to-success histogram.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Minsky & Papert, *Perceptrons* (1969) for the perceptron's failure; Rumelhart, Hinton & Williams (1986) for
    backprop solving XOR.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 8.5), layout="constrained")
    axs = fig.subplots(2, 2)
    w = np.asarray(perceptron_w, dtype=np.float64)

    def linear(P: np.ndarray) -> np.ndarray:
        return (P @ w + perceptron_b >= 0).astype(np.float64)

    draw_decision_boundary(axs[0, 0], linear, X, y, title=f"perceptron (last weights){perceptron_note}")
    draw_decision_boundary(axs[0, 1], mlp_h, X, y, title=f"MLP h(x) = ½ contour{mlp_note}")
    draw_loss_curves(axs[1, 0], curves, title=f"MLP loss, first {np.asarray(curves).shape[-1]} seeds")
    ok = np.asarray(success_epochs)
    ok = ok[ok >= 0]
    ax = axs[1, 1]
    if ok.size:
        ax.hist(ok, bins=40, color="tab:blue")
        ax.axvline(np.median(ok), color="k", ls="--", label=f"median {np.median(ok):.0f}")
        ax.legend(fontsize=7)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("epochs to success")
    ax.set_ylabel("nets")
    ax.set_title(f"{ok.size} of {np.asarray(success_epochs).size} seeds solved XOR", fontsize=9)
    return fig


def mlp_figure(model: Any, X: Any, y: Any, *, feature_names: Sequence[str] | None = None,
               class_names: Sequence[Any] | None = None, title: str = "") -> Any:
    """A fitted model's loss curve, with its decision regions when the data are 2-D (any number of classes: the
    plane is shaded by the predicted class, softmax or one-vs-one alike, and named after the CSV's columns)."""
    from matplotlib.figure import Figure

    from .perceptron import class_regions

    X = np.asarray(X, dtype=np.float64)
    classes = getattr(model, "classes_", None)
    two_d = X.shape[1] == 2 and classes is not None
    fig = Figure(figsize=(11 if two_d else 5.5, 4.6), layout="constrained")
    axs = np.atleast_1d(fig.subplots(1, 2 if two_d else 1))
    draw_loss_curves(axs[-1], model.loss_curve_, title=f"J over {model.n_iter_} epochs")
    if two_d:
        names = list(feature_names) if feature_names is not None else ["x1", "x2"]
        yi = np.searchsorted(classes, np.asarray(y))

        def predict(P: np.ndarray) -> np.ndarray:
            return np.searchsorted(classes, model.predict(P))

        shown = list(class_names) if class_names is not None else list(classes)
        handles = class_regions(axs[0], predict, X, yi, shown, names)
        axs[0].legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8,
                      frameon=False)
        fit_title(axs[0], title or f"decision regions ({len(classes)} classes)", 11)
    return fig
