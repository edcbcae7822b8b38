"""Figures of the classic results: what the learned weights look like, and the perceptron against the MLP."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..core import layered_layout
from ._style import fit_title

__all__ = ["classic_net_figure", "count_response_figure", "hidden_codes_figure", "perceptron_vs_mlp_figure"]

POS_COLOR, NEG_COLOR = "#1f77b4", "#d62728"


def _figure(width: float, height: float, cols: int, ratios: Sequence[float] | None = None) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(1, cols, squeeze=False, width_ratios=ratios)[0]


def _draw_weighted_net(ax: Any, coefs: Sequence[np.ndarray], names: Sequence[str]) -> None:
    """A one-hidden-layer net: edge colour = sign, width = |w|, drawn on the layered layout."""
    from matplotlib.patches import Circle, FancyArrowPatch

    from .net import route_path

    n_in, n_hid = coefs[0].shape
    n_out = coefs[1].shape[1]
    nodes = [*(f"i{k}" for k in range(n_in)), *(f"h{k}" for k in range(n_hid)), *(f"o{k}" for k in range(n_out))]
    edges = [(f"i{a}", f"h{b}") for a in range(n_in) for b in range(n_hid)]
    edges += [(f"h{a}", f"o{b}") for a in range(n_hid) for b in range(n_out)]
    lay = layered_layout(nodes, edges, roots=nodes[:n_in], ordered=[nodes[:n_in]], layer_gap=2.6, radius=0.3)
    top = max(abs(float(c)) for W in coefs for c in W.ravel()) or 1.0
    for a, b in edges:
        W = coefs[0] if a[0] == "i" else coefs[1]
        w = float(W[int(a[1:]), int(b[1:])])
        ax.add_patch(FancyArrowPatch(path=route_path(lay.routes[(a, b)]), arrowstyle="-", lw=0.4 + 4 * abs(w) / top,
                                     color=POS_COLOR if w > 0 else NEG_COLOR, alpha=0.85, zorder=2))
    for v, (x, y) in lay.pos.items():
        ax.add_patch(Circle((x, y), 0.3, fc="#dbe9f6" if v[0] == "i" else "white", ec="#1f2d3d", zorder=3))
        label = names[int(v[1:])] if v[0] == "i" else v
        ax.text(x, y, label, ha="center", va="center", fontsize=8, zorder=4)
    xs, ys = [p[0] for p in lay.pos.values()], [p[1] for p in lay.pos.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")


def classic_net_figure(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray], *, title: str,
                       note: str = "", input_names: Sequence[str] | None = None) -> Any:
    """Left: the learned net (blue excitatory, red inhibitory weights, width ∝ |w|). Right: each hidden unit's input
    weights as bars, with their values (RHW's Fig. 1 reads the 1 : 2 : 4 pattern off these)."""
    n_in, n_hid = coefs[0].shape
    names = list(input_names or [f"x{k + 1}" for k in range(n_in)])
    fig, (ax, bx) = _figure(11.0, 4.2, 2, (1.0, 1.3))
    _draw_weighted_net(ax, coefs, names)
    fit_title(ax, "the learned net (blue +, red −, width ∝ |w|)", 10)
    width = 0.8 / n_hid
    for h in range(n_hid):
        w = coefs[0][:, h]
        xs = np.arange(n_in) + (h - (n_hid - 1) / 2) * width
        bars = bx.bar(xs, w, width * 0.95, color=[POS_COLOR if v > 0 else NEG_COLOR for v in w], edgecolor="black",
                      hatch=("", "//", "..", "xx")[h % 4], label=f"h{h} (bias {intercepts[0][h]:.1f})")
        if n_in * n_hid <= 16:
            bx.bar_label(bars, [f"{v:.1f}" for v in w], fontsize=7, padding=2)
    bx.axhline(0, color="black", lw=0.6)
    bx.set_xticks(range(n_in), names)
    bx.set_xlabel("input")
    bx.set_ylabel("weight into the hidden unit")
    bx.legend(fontsize=8, loc="best")
    fit_title(bx, note or "input weights of each hidden unit", 10)
    fig.suptitle(title, fontsize=12)
    return fig


def hidden_codes_figure(hidden: np.ndarray, *, title: str, row_labels: Sequence[str] | None = None,
                        note: str = "") -> Any:
    """The hidden activations of every pattern as a heat map (rows: patterns, columns: hidden units), with the
    0/1 code each row rounds to."""
    fig, (ax,) = _figure(5.5, 4.6, 1)
    m, h = hidden.shape
    im = ax.imshow(hidden, cmap="Greys", vmin=0, vmax=1, aspect="auto")
    for i in range(m):
        for j in range(h):
            ax.text(j, i, f"{hidden[i, j]:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if hidden[i, j] > 0.5 else "black")
    codes = ["".join(str(int(v >= 0.5)) for v in row) for row in hidden]
    ax.set_yticks(range(m), [f"{lab}  → {c}" for lab, c in zip(row_labels or range(m), codes, strict=True)],
                  fontsize=8)
    ax.set_xticks(range(h), [f"h{j}" for j in range(h)])
    ax.set_xlabel("hidden unit")
    ax.set_ylabel("input pattern → its code")
    fig.colorbar(im, ax=ax, label="activation")
    fit_title(ax, f"{title}\n{note}" if note else title, 10)
    return fig


def perceptron_vs_mlp_figure(rows: Sequence[tuple[str, float, float, bool]], *, title: str = "") -> Any:
    """Grouped bars: training accuracy of the perceptron (its best weights) and of the MLP on each predicate;
    rows are (name, perceptron accuracy, MLP accuracy, linearly separable?)."""
    fig, (ax,) = _figure(7.5, 4.2, 1)
    x = np.arange(len(rows))
    p = ax.bar(x - 0.2, [r[1] for r in rows], 0.38, color="#bbbbbb", edgecolor="black",
               label="perceptron (best weights seen)")
    q = ax.bar(x + 0.2, [r[2] for r in rows], 0.38, color="tab:blue", edgecolor="black", label="MLP (backprop)")
    ax.bar_label(p, [f"{r[1]:.0%}" for r in rows], fontsize=8, padding=2)
    ax.bar_label(q, [f"{r[2]:.0%}" for r in rows], fontsize=8, padding=2)
    ax.set_xticks(x, [f"{r[0]}\n{'separable' if r[3] else 'not separable (proved)'}" for r in rows], fontsize=8)
    ax.set_ylim(0, 1.28)  # room above the 100 % labels for the legend, so it covers no bar
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_ylabel("training patterns classified correctly")
    ax.legend(fontsize=8, loc="upper center", ncol=2, frameon=False)
    fit_title(ax, title or "Minsky & Papert (1969) against Rumelhart, Hinton & Williams (1986)", 10)
    return fig


def count_response_figure(panels: Sequence[tuple[str, np.ndarray, np.ndarray]], *, title: str) -> Any:
    """For each (name, hidden activations (m, h), number of ones per pattern (m,)): each hidden unit's mean activation
    against the number of active inputs — units that respond to the count alone are threshold units on it."""
    fig, axs = _figure(5.0 * len(panels), 4.0, len(panels))
    for ax, (name, hidden, counts) in zip(axs, panels, strict=True):
        ks = np.unique(counts).astype(int)
        for j in range(hidden.shape[1]):
            means = [hidden[counts == k, j].mean() for k in ks]
            ax.plot(ks, means, "o-", lw=1.3, label=f"h{j}")
        ax.set_xticks(ks, [str(k) for k in ks])
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("number of inputs on")
        ax.set_ylabel("mean hidden activation")
        ax.legend(fontsize=7, ncol=2, loc="center right")
        fit_title(ax, name, 10)
    fig.suptitle(title, fontsize=12)
    return fig
