"""Figures for the perceptron: the data with the learned decision boundary (2-D) and the mistakes per epoch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["perceptron_figure"]


def perceptron_figure(X: Any, y: Any, weights: Sequence[float] | None, bias: float | None,
                      mistakes_per_epoch: Sequence[int] = (), *, title: str = "",
                      novikoff: float | None = None) -> Any:
    """Draw the points with the line w·x + b = 0 (when the data are 2-D) and the mistakes per epoch.

    Parameters
    ----------
    X : array-like (n, d)
    y : array-like (n,) two labels (the larger is drawn as the positive class)
    weights, bias : the hyperplane to draw, or None
    mistakes_per_epoch : sequence of int
    title : str
    novikoff : float, optional
        Novikoff's bound, drawn as a note beside the cumulative mistakes.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Rosenblatt (1958); the boundary is the set where the unit's weighted sum equals its threshold.
    """
    from matplotlib.figure import Figure

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    two_d = X.shape[1] == 2
    fig = Figure(figsize=(10 if two_d else 5, 4.2), layout="constrained")
    axes = fig.subplots(1, 2 if two_d else 1, squeeze=False)[0]
    if two_d:
        ax = axes[0]
        pos = y == np.max(y)
        ax.scatter(X[~pos, 0], X[~pos, 1], marker="o", c="tab:blue", label=f"class {np.min(y)}")
        ax.scatter(X[pos, 0], X[pos, 1], marker="s", c="tab:red", label=f"class {np.max(y)}")
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.15 * np.maximum(hi - lo, 1.0)
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
        ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
        if weights is not None and bias is not None and np.any(np.asarray(weights, dtype=float) != 0):
            w = np.asarray(weights, dtype=np.float64)
            xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], 200)
            if abs(w[1]) > 1e-12 * abs(w[0]):
                ax.plot(xs, -(w[0] * xs + float(bias)) / w[1], "k-", label="w·x + b = 0")
            else:
                ax.axvline(-float(bias) / w[0], color="k", label="w·x + b = 0")
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.legend(loc="best", fontsize=8)
        ax.set_title(title or "decision boundary")
    ax = axes[-1]
    m = np.asarray(list(mistakes_per_epoch), dtype=np.int64)
    if m.size:
        ax.bar(np.arange(1, m.size + 1), m, color="tab:gray", label="mistakes in the epoch")
        ax.plot(np.arange(1, m.size + 1), np.cumsum(m), "k.-", label="cumulative mistakes")
    if novikoff is not None:
        ax.axhline(novikoff, color="tab:red", ls="--", label=f"Novikoff bound (R/γ)² = {novikoff:.4g}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mistakes")
    ax.legend(loc="best", fontsize=8)
    ax.set_title("mistakes per epoch")
    return fig
