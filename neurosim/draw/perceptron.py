"""Figures for the perceptron, fit for a slide: the data in the CSV's own axes with the shaded decision regions, the
learned line (and the pocket's best line on data that no line separates), and the mistakes per epoch with
Novikoff's bound stated beside them rather than drawn as a line that would dwarf them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._style import fit_title

__all__ = ["CLASS_COLORS", "class_regions", "perceptron_figure"]

#: one colour per class, in class order (shading is a light version of the same colour)
CLASS_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _box(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.15 * np.maximum(hi - lo, 1.0)
    return lo - pad, hi + pad


def class_regions(ax: Any, predict: Any, X: np.ndarray, y: np.ndarray, classes: Sequence[Any],
                  feature_names: Sequence[str] = ("x1", "x2"), *, n: int = 241) -> list[Any]:
    """Shade the plane by the predicted class (``predict``: (k, 2) points -> class indices), scatter the points by
    class, name the axes after the features; returns legend handles for the shading and the points."""
    from matplotlib.colors import ListedColormap, to_rgba
    from matplotlib.patches import Patch

    lo, hi = _box(X)
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))
    z = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    k = len(classes)
    cmap = ListedColormap([to_rgba(CLASS_COLORS[i % len(CLASS_COLORS)], 0.18) for i in range(k)])
    ax.pcolormesh(gx, gy, z, cmap=cmap, vmin=-0.5, vmax=k - 0.5, shading="auto", zorder=0, rasterized=True)
    handles = []
    for i, c in enumerate(classes):
        color = CLASS_COLORS[i % len(CLASS_COLORS)]
        m = y == i
        handles.append(ax.scatter(X[m, 0], X[m, 1], s=36, marker=MARKERS[i % len(MARKERS)], c=color,
                                  edgecolors="black", linewidths=0.5, label=f"class {c}", zorder=3))
    handles += [Patch(fc=to_rgba(CLASS_COLORS[i % len(CLASS_COLORS)], 0.18), ec="none",
                      label=f"shaded: predicted {c}") for i, c in enumerate(classes)]
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    return handles


def _line(ax: Any, w: np.ndarray, b: float, lo: np.ndarray, hi: np.ndarray, **kw: Any) -> Any:
    xs = np.linspace(lo[0], hi[0], 200)
    if abs(w[1]) > 1e-12 * max(abs(w[0]), 1e-300):
        return ax.plot(xs, -(w[0] * xs + b) / w[1], **kw)[0]
    return ax.axvline(-b / w[0], **kw)


def perceptron_figure(X: Any, y: Any, weights: Any, bias: Any, mistakes_per_epoch: Sequence[int] = (), *,
                      title: str = "", novikoff: float | None = None, feature_names: Sequence[str] | None = None,
                      classes: Sequence[Any] | None = None, pocket: tuple[Any, float, int] | None = None) -> Any:
    """Draw the points with the decision regions and line(s) (2-D data) and the mistakes per epoch.

    Parameters
    ----------
    X : array-like (n, d)
    y : array-like (n,) class indices 0..K−1 (index 1 is the positive class of a two-class perceptron)
    weights, bias : (d,) and float for one perceptron, or (K, d) and (K,) for one-vs-rest (the plane is shaded by
        the class with the largest w_k·x + b_k)
    mistakes_per_epoch : sequence of int
    title : str
    novikoff : float, optional
        Novikoff's bound on the total mistakes, written beside the bars.
    feature_names : the axes' names (the CSV's columns); default x1, x2
    classes : the class labels to show; default 0..K−1
    pocket : (weights, bias, errors), optional
        The pocket algorithm's best weights, drawn dashed (data that no line separates).

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Rosenblatt (1958); Novikoff (1962); Gallant (1990) for the pocket algorithm.
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(np.int64)
    W = np.atleast_2d(np.asarray(weights, dtype=np.float64)) if weights is not None else None
    B = np.atleast_1d(np.asarray(bias, dtype=np.float64)) if bias is not None else None
    k = max(int(y.max()) + 1, 2)
    classes = list(classes) if classes is not None else list(range(k))
    names = list(feature_names) if feature_names is not None else [f"x{j + 1}" for j in range(X.shape[1])]
    two_d = X.shape[1] == 2
    m = np.asarray(list(mistakes_per_epoch), dtype=np.int64)
    panels = int(two_d) + int(m.size > 0 or not two_d)
    fig = Figure(figsize=(5.5 * panels, 4.6), layout="constrained")
    axes = fig.subplots(1, panels, squeeze=False)[0]
    if two_d:
        ax = axes[0]
        if W is not None and W.shape[0] == 1:
            w, b = W[0], float(B[0])

            def predict(P: np.ndarray) -> np.ndarray:
                return (P @ w + b > 0).astype(np.int64)
        elif W is not None:
            def predict(P: np.ndarray) -> np.ndarray:
                return np.argmax(P @ W.T + B, axis=1)
        else:
            def predict(P: np.ndarray) -> np.ndarray:
                return np.zeros(len(P), dtype=np.int64)
        handles = class_regions(ax, predict, X, y, classes, names)
        lo, hi = _box(X)
        if W is not None:
            for j in range(W.shape[0]):
                if np.any(W[j] != 0):
                    lab = "w·x + b = 0 (last weights)" if W.shape[0] == 1 else f"{classes[j]} vs rest"
                    handles.append(_line(ax, W[j], float(B[j]), lo, hi, color="black" if W.shape[0] == 1 else
                                         "#333333", lw=1.6, ls="-" if W.shape[0] == 1 else ":", label=lab))
        if pocket is not None and np.any(np.asarray(pocket[0]) != 0):
            handles.append(_line(ax, np.asarray(pocket[0], dtype=float), float(pocket[1]), lo, hi, color="#2ca02c",
                                 lw=2.2, ls="--", label=f"pocket: best weights seen ({pocket[2]} errors)"))
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8,
                  frameon=False)
        fit_title(ax, title or "decision regions", 11)
    if panels == int(two_d):
        return fig
    ax = axes[-1]
    if m.size:
        epochs = np.arange(1, m.size + 1)
        ax.bar(epochs, m, color="#999999", label="mistakes in the epoch")
        ax.plot(epochs, np.cumsum(m), "k.-", label="mistakes so far")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("mistakes (weight updates)")
    handles = ax.get_legend_handles_labels()[0]
    if novikoff is not None:
        text = f"Novikoff: at most (R/γ)² = {novikoff:.4g} mistakes in all; this run made {int(m.sum())}"
        handles.append(Line2D([], [], ls="", label=text))
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=1, fontsize=8,
                  frameon=False)
    fit_title(ax, "mistakes per epoch", 11)
    return fig
