"""Matplotlib drawings of MP nets and of their runs: Figure objects only, never pyplot state.

Notes
-----
The net drawing follows the conventions of McCulloch & Pitts (1943), figure 1: excitatory endings are arrowheads,
inhibitory endings a small filled circle. Rasters plot (tick, node) firing events, as in later spike rasters.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ..backend import to_numpy
from ..core import MPNet, net_layout, net_to_graph

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["draw_net", "draw_raster"]

EXC_COLOR = "#1f2d3d"
INH_COLOR = "#c0392b"
INPUT_COLOR = "#dbe9f6"
INITIAL_COLOR = "#ffd966"
OUTPUT_COLOR = "#2e8b57"
R = 0.28  # node radius in layout units (neighbours are 1 apart)
BIG_NET = 80  # above this many nodes: one label per unit, straight edges drawn as collections


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def _unit(dx: float, dy: float) -> tuple[float, float]:
    n = math.hypot(dx, dy) or 1.0
    return dx / n, dy / n


def _rot(v: tuple[float, float], deg: float) -> tuple[float, float]:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return v[0] * c - v[1] * s, v[0] * s + v[1] * c


def _add(ax: Axes, artist: Any) -> None:
    # add_artist skips add_patch's per-patch limit update (limits are set once, by hand), and keeping the
    # artists out of the layout spares constrained layout a bounding box per artist: both matter on big nets
    artist.set_in_layout(False)
    ax.add_artist(artist)


def draw_net(net: MPNet, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Draw ``net``: feedforward nets in layers left to right, recurrent nets with their units on a circle.

    Inputs are rounded boxes; units are circles with θ inside and the name above (filled when firing at tick
    0); excitatory synapses are arrows (labelled with the count when above 1), inhibitory ones end in a dot;
    each named output is a dashed green stub; self-loops are small loops outside the unit.

    Parameters
    ----------
    net : MPNet
    ax : matplotlib Axes, optional
        Draw into it; by default a new Figure sized to the net (fonts shrink for large nets).
    title : str, optional
        Default: a one-line summary of the net.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    G = net_to_graph(net)
    pos = net_layout(net)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = max(xs) - min(xs) + 2.2, max(ys) - min(ys) + 1.8
    ipu = min(1.3, 30 / span_x, 30 / span_y)  # inches per layout unit, capped so huge nets stay <= 30 in
    fig, ax = _new_axes(ax, (max(4.5, span_x * ipu), max(3.0, span_y * ipu + 0.9)))
    fs = max(2.5, min(10.0, 9.0 * ipu))  # font size follows the scale, so labels still fit their circles
    lw = max(0.3, min(1.2, ipu))
    ff = net.is_feedforward()
    center = (0.0, 0.0)
    loops = {a for a, b in G.edges() if a == b}
    big = len(pos) > BIG_NET or G.number_of_edges() > 3 * BIG_NET
    _draw_nodes(ax, net, G, pos, fs, lw, loops, big)
    _draw_edges(ax, G, pos, fs, lw, ipu, loops, ff, big)
    per_node: dict[str, int] = {}
    for name, node in net.outputs:
        x, y = pos[node]
        k = per_node.get(node, 0)
        per_node[node] = k + 1
        direc = (1.0, 0.0) if ff or (x, y) == center else _unit(x - center[0], y - center[1])
        # fan several outputs of one node apart, and keep clear of a self-loop drawn on the outward side
        clash = node in loops and (x, y) != center  # the loop sits on the outward side, where this stub goes
        direc = _rot(direc, -25 * k - (70 if clash else 0))
        start = (x + R * direc[0], y + R * direc[1])
        end = (x + (R + 0.45) * direc[0], y + (R + 0.45) * direc[1])
        _add(ax, FancyArrowPatch(start, end, arrowstyle="-|>", linestyle="--", color=OUTPUT_COLOR,
                                     lw=lw, mutation_scale=8, zorder=2))
        ax.text(end[0] + 0.05 * direc[0], end[1] + 0.05 * direc[1], name, color=OUTPUT_COLOR, fontsize=fs,
                ha="left" if direc[0] >= -0.1 else "right", va="center", zorder=4, in_layout=False)
    ax.set_xlim(min(xs) - 1.0, max(xs) + 1.2)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    handles = [
        Line2D([], [], color=EXC_COLOR, marker=">", markevery=[1], label="excitatory (count if > 1)"),
        Line2D([], [], color=INH_COLOR, marker="o", markevery=[1], label="inhibitory (veto)"),
        Line2D([], [], ls="", marker="s", mfc=INPUT_COLOR, mec=EXC_COLOR, ms=9, label="input"),
        Line2D([], [], ls="", marker="o", mfc="white", mec=EXC_COLOR, ms=10, label="unit (θ inside)"),
        Line2D([], [], color=OUTPUT_COLOR, ls="--", label="output"),
    ]
    if net.initial:
        handles.append(Line2D([], [], ls="", marker="o", mfc=INITIAL_COLOR, mec=EXC_COLOR, ms=10,
                              label="fires at tick 0"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False,
              fontsize=max(6.0, min(9.0, fs)))
    if title is None:
        s = net.summary()
        kind = f"feedforward, depth {s['depth']}" if s["feedforward"] else "recurrent"
        title = f"MP net: {s['inputs']} inputs, {s['units']} units, {s['synapses']} synapses ({kind})"
    ax.set_title(title, fontsize=max(8.0, min(12.0, fs + 2)))
    return fig


def _draw_nodes(ax: Axes, net: MPNet, G: Any, pos: dict[str, tuple[float, float]], fs: float, lw: float,
                loops: set[str], big: bool) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Circle, FancyBboxPatch

    boxes, circles, fills = [], [], []
    for n in net.nodes:
        x, y = pos[n]
        if n in net.inputs:
            boxes.append(FancyBboxPatch((x - R, y - R * 0.8), 2 * R, 1.6 * R, boxstyle="round,pad=0.02"))
            ax.text(x, y, n, ha="center", va="center", fontsize=fs * 0.9, zorder=4, in_layout=False)
            continue
        circles.append(Circle((x, y), R))
        fills.append(INITIAL_COLOR if G.nodes[n]["initial"] else "white")
        theta = G.nodes[n]["threshold"]
        if big:  # one text per unit keeps big nets quick to render
            ax.text(x, y, f"{n}\nθ={theta}", ha="center", va="center", fontsize=fs * 0.8, zorder=4,
                    in_layout=False, linespacing=1.0)
            continue
        ax.text(x, y, f"θ={theta}", ha="center", va="center", fontsize=fs, zorder=4, in_layout=False)
        # the name goes above the unit, or below when its self-loop takes the space above
        below = n in loops and y >= 0
        ax.text(x, y - R * 1.15 if below else y + R * 1.15, n, ha="center", va="top" if below else "bottom",
                fontsize=fs * 0.85, zorder=4, in_layout=False, color="#333333")
    _add(ax, PatchCollection(boxes, facecolor=INPUT_COLOR, edgecolor=EXC_COLOR, lw=lw, zorder=3))
    _add(ax, PatchCollection(circles, facecolor=fills, edgecolor=EXC_COLOR, lw=lw, zorder=3))


def _draw_edges(ax: Axes, G: Any, pos: dict[str, tuple[float, float]], fs: float, lw: float, ipu: float,
                loops: set[str], ff: bool, big: bool) -> None:
    from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
    from matplotlib.patches import Circle, FancyArrowPatch

    segs, colors, heads, dots = [], [], [], []
    for a, b, d in G.edges(data=True):
        inh = d["inhibitory"]
        color = INH_COLOR if inh else EXC_COLOR
        pa, pb = pos[a], pos[b]
        if a == b:  # self-loop: a small loop on the side away from the circle's centre
            out = _unit(*pa) if pa != (0.0, 0.0) else (0.0, 1.0)
            s, e = _rot(out, 40), _rot(out, -40)
            start = (pa[0] + R * s[0], pa[1] + R * s[1])
            end = (pa[0] + R * e[0], pa[1] + R * e[1])
            conn = "arc3,rad=-2.2"
        else:
            u = _unit(pb[0] - pa[0], pb[1] - pa[1])
            start = (pa[0] + R * u[0], pa[1] + R * u[1])
            end = (pb[0] - R * u[0], pb[1] - R * u[1])
            bend = G.has_edge(b, a) or (ff and abs(pb[0] - pa[0]) > 1.5 and abs(pb[1] - pa[1]) < 0.5)
            conn = f"arc3,rad={0.18 if bend else 0.0}"
        if big and a != b:  # straight segments in one collection, heads as triangles: fast for many edges
            segs.append((start, end))
            colors.append(color)
            if not inh:
                px, py = -u[1], u[0]
                base = (end[0] - 0.35 * R * u[0], end[1] - 0.35 * R * u[1])
                heads.append([end, (base[0] + 0.15 * R * px, base[1] + 0.15 * R * py),
                              (base[0] - 0.15 * R * px, base[1] - 0.15 * R * py)])
        else:
            style = "-" if inh else f"-|>,head_length={0.5 * ipu:.2f},head_width={0.25 * ipu:.2f}"
            _add(ax, FancyArrowPatch(start, end, arrowstyle=style, connectionstyle=conn, color=color,
                                     lw=lw, mutation_scale=10, shrinkA=0, shrinkB=0, zorder=2))
        if inh:
            dots.append(Circle(end, R * 0.2))
        if d["weight"] > 1 and not inh:
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
            ax.text(mx, my, str(d["weight"]), fontsize=fs * 0.8, ha="center", va="center", zorder=4,
                    in_layout=False, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    if segs:
        _add(ax, LineCollection(segs, colors=colors, linewidths=lw, zorder=2))
        _add(ax, PolyCollection(heads, facecolors=EXC_COLOR, edgecolors="none", zorder=2.5))
    _add(ax, PatchCollection(dots, facecolor=INH_COLOR, edgecolor="none", zorder=3.5))


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
    fig, ax = _new_axes(ax, (min(30.0, max(5.0, 2.5 + 0.35 * t1)), min(30.0, max(2.5, 1.4 + 0.28 * n_rows))))
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
    ax.set_title(title or f"Raster of run {batch_index}: {t1 - 1} ticks (outputs in green)", fontsize=10)
    return fig
