"""An MP net as its connection matrix: the picture of a net too tangled for a node-link drawing.

Rows are the sources (inputs, then units), columns the units, in layer order; a cell holds the synapse from its
row to its column: a dark square (with the count when above 1) for excitation, a red dot for a veto. The bottom
row gives each unit's threshold, and output columns carry the output's name in green. It is the "AND plane / OR
plane" picture of a programmable logic array, which stays readable where a two-level net's node-link drawing
becomes a hairball.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import MPNet
from ._style import EXC_COLOR, INH_COLOR, INPUT_COLOR, OUTPUT_COLOR, fit_title, net_summary_title, new_axes, wrap_to

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["draw_net_matrix"]


def draw_net_matrix(net: MPNet, *, ax: Axes | None = None, title: str | None = None,
                    note: str | None = None) -> Figure:
    """Draw ``net`` as a source × unit matrix of synapses (see the module notes).

    Parameters
    ----------
    net : MPNet
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the net's summary.
    note : str, optional
        A line under the title (why the matrix is drawn).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Circle, Rectangle

    levels = net.levels() if net.is_feedforward() else {}
    out_rank = {}
    for k, (_, node) in enumerate(net.outputs):
        out_rank.setdefault(node, k)
    # by layer, the outputs last in their table order, the rest as built
    units = sorted(net.unit_names, key=lambda n: (levels.get(n, 0), out_rank.get(n, -1)))
    used = {s for u in net.units for s in u.sources}
    rows = [x for x in net.inputs] + [u for u in units if u in used]
    col = {u: j for j, u in enumerate(units)}
    row = {s: i for i, s in enumerate(rows)}
    n_r, n_c = len(rows), len(units)
    cell = min(0.32, 24 / max(n_c + 4, 1), 24 / max(n_r + 4, 1))
    fig, ax = new_axes(ax, (max(5.5, (n_c + 3) * cell + 1.5), max(3.5, (n_r + 3) * cell + 2.0)))
    fs = max(4.0, min(9.0, cell * 26))
    n_in = len(net.inputs)
    if n_in:  # shade the input rows, as the inputs' boxes in the node-link drawing
        ax.add_patch(Rectangle((-0.5, -0.5), n_c, n_in, color=INPUT_COLOR, lw=0, zorder=0))
    squares, dots = [], []
    for u in net.units:
        j = col[u.name]
        inh = set(u.inhibitory)
        for s, w in u.weights.items():
            if s in inh:
                continue
            squares.append(Rectangle((j - 0.32, row[s] - 0.32), 0.64, 0.64))
            if w > 1:
                ax.text(j, row[s], str(w), color="white", ha="center", va="center", fontsize=fs * 0.8, zorder=3)
        dots += [Circle((j, row[s]), 0.3) for s in inh]
    # one collection per kind: a big net's thousands of marks draw at once
    ax.add_collection(PatchCollection(squares, facecolor=EXC_COLOR, edgecolor="none", zorder=2, gid="excitatory"))
    ax.add_collection(PatchCollection(dots, facecolor=INH_COLOR, edgecolor="none", zorder=2, gid="inhibitory"))
    for j, u in enumerate(units):
        ax.text(j, n_r - 0.1, f"{net.unit(u).threshold}", ha="center", va="top", fontsize=fs)
    outs = {}
    for name, node in net.outputs:
        if node in col:
            outs.setdefault(node, []).append(name)
    for node, names in outs.items():
        ax.text(col[node], n_r + 0.7, ",".join(names), ha="center", va="top", fontsize=fs, color=OUTPUT_COLOR,
                fontweight="bold", rotation=90 if len(",".join(names)) > 2 else 0)
    ax.set_xticks(range(n_c), units, rotation=90, fontsize=fs)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_r), rows, fontsize=fs)
    ax.text(-0.7, n_r - 0.1, "θ", ha="right", va="top", fontsize=fs)
    ax.set_xlim(-0.5, n_c - 0.5)
    ax.set_ylim(n_r + 2.0, -0.5)
    ax.set_aspect("equal")
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.grid(True, color="#e5e5e5", lw=0.5)
    ax.set_axisbelow(True)
    ax.set_xlabel(wrap_to("columns: units (θ below; outputs in green) · rows: their sources · ■ excitatory synapse "
                          "(count) · ● inhibitory veto", fig.get_size_inches()[0] - 0.5, 8), fontsize=8)
    text = title if title is not None else net_summary_title(net)
    if note:
        text = f"{text}\n{note}"
    fit_title(ax, text, 10)
    return fig
