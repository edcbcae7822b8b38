"""Spike rasters of MP-net runs: a mark at (tick, node) for every firing, as in later spike rasters."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ..backend import to_numpy
from ._style import EXC_COLOR, INPUT_COLOR, OUTPUT_COLOR, fit_title, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["draw_raster"]


def draw_raster(trace: Any, *, batch_index: int = 0, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Raster of one run: a mark at (tick, node) for every firing, inputs (squares, shaded band) above units.

    Parameters
    ----------
    trace : neurosim.simulate.Trace
        ``trace.inputs`` (B, T, n_inputs) at ticks 0..T-1 and ``trace.units`` (B, T+1, n_recorded) at ticks 0..T.
    batch_index : int
        Which run of the batch to draw.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    inputs = to_numpy(trace.inputs)[batch_index]
    units = to_numpy(trace.units)[batch_index]
    net = trace.net
    recorded = tuple(getattr(trace, "recorded", net.unit_names))
    names = list(net.inputs) + list(recorded)
    n_rows, t1 = len(names), units.shape[0]
    fig, ax = new_axes(ax, (min(30.0, max(5.0, 2.5 + 0.35 * t1)), min(30.0, max(2.5, 1.4 + 0.28 * n_rows))))
    fs = max(4.0, min(9.0, 300 / max(n_rows, 1)))
    ms = max(2.0, min(8.0, 200 / max(n_rows, 1)))
    n_in = len(net.inputs)
    if n_in:
        ax.axhspan(-n_in + 0.5, 0.5, color=INPUT_COLOR, zorder=0)
        t, i = np.nonzero(inputs)
        ax.plot(t, -i, ls="", marker="s", ms=ms, color="#2b6cb0", label="input line on")
    t, j = np.nonzero(units)
    ax.plot(t, -(j + n_in), ls="", marker="|", ms=ms * 1.6, mew=max(1.0, ms / 3), color=EXC_COLOR,
            label="unit fires")
    step = max(1, math.ceil(n_rows / 60))  # at most ~60 labels, so large nets stay legible
    ax.set_yticks([-k for k in range(0, n_rows, step)], [names[k] for k in range(0, n_rows, step)], fontsize=fs)
    outs = {node for _, node in net.outputs}
    for lab, k in zip(ax.get_yticklabels(), range(0, n_rows, step), strict=True):
        if names[k] in outs:
            lab.set_color(OUTPUT_COLOR)
            lab.set_fontweight("bold")
    ax.set_ylim(-n_rows + 0.5, 0.5)
    ax.set_xlim(-0.5, t1 - 0.5)
    ax.set_xlabel("tick")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color="#dddddd", lw=0.5)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    fit_title(ax, title or f"Raster of run {batch_index}: {t1 - 1} ticks (outputs in green)", 10)
    return fig
