"""Matplotlib drawings of MP nets: Figure objects only, never pyplot state.

Notes
-----
The conventions are those of McCulloch & Pitts (1943), figure 1: excitatory endings are arrowheads, inhibitory
endings a small filled circle. The layout is layered (:func:`neurosim.core.layout_net`): every synapse runs from its
source's rim to its unit's rim through the empty channels between layers, so no drawn synapse passes through a
unit it does not touch. A net too tangled for a node-link picture is drawn as its connection matrix instead, and
the title says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..core import MPNet, OutputPin, layout_net
from ..errors import ParameterError
from ._style import EXC_COLOR, INH_COLOR, INITIAL_COLOR, INPUT_COLOR, OUTPUT_COLOR, framed_axes, net_summary_title
from .net_matrix import draw_net_matrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..core import Layout

__all__ = ["DRAW_STYLES", "EXC_COLOR", "INH_COLOR", "MAX_DRAWN_NODES", "draw_net", "route_path"]

R = 0.28  # node radius in layout units (neighbours in a layer are 1 apart)
BIG_NET = 80  # above this many nodes: one label per unit, edges drawn as collections (fast for many edges)
#: above this many crossings per synapse (and TANGLED_MIN crossings in all) the graph hides its synapses: the
#: ``auto`` style draws the connection matrix instead (seven_segment.csv: 3.5 per synapse, drawn as a graph; a
#: 3-bit comparator compiled from its truth table: 9.8, drawn as a matrix)
TANGLED_PER_SYNAPSE = 5.0
TANGLED_MIN = 200
#: a picture of more nodes than this is no longer a picture: draw_net refuses with a message
MAX_DRAWN_NODES = 2000
DRAW_STYLES = ("auto", "graph", "matrix")


def route_path(segments: Any) -> Any:
    """A Matplotlib ``Path`` through the cubic segments of a route."""
    from matplotlib.path import Path

    verts, codes = [segments[0][0]], [Path.MOVETO]
    for seg in segments:
        verts += [seg[1], seg[2], seg[3]]
        codes += [Path.CURVE4] * 3
    return Path(verts, codes)


def draw_net(net: MPNet, *, ax: Axes | None = None, title: str | None = None, style: str = "auto",
             layout: Layout | None = None, legend_extra: Sequence[Any] = ()) -> Figure:
    """Draw ``net`` in layers, left to right: inputs, then units, the outputs last in the net's order.

    Inputs are rounded boxes; units are circles with θ inside and the name above (filled when firing at tick
    0); excitatory synapses are arrows (labelled with the count when above 1), inhibitory ones end in a dot;
    each named output is a dashed green stub; feedback synapses of recurrent nets run right to left; self-loops
    are small loops above the unit.

    Parameters
    ----------
    net : MPNet
    ax : matplotlib Axes, optional
        Draw into it; by default a new Figure sized to the net (fonts shrink for large nets).
    title : str, optional
        Default: a one-line summary of the net.
    style : {"auto", "graph", "matrix"}
        ``graph`` is the node-link drawing, ``matrix`` the connection matrix (rows: sources, columns: units);
        ``auto`` draws the graph unless its best layout has more than :data:`TANGLED_PER_SYNAPSE` crossings per
        synapse, and says so in the title.
    layout : Layout, optional
        A layout from :func:`neurosim.core.layout_net` to reuse (animations draw many frames of one net).
    legend_extra : sequence of Matplotlib artists
        More legend entries (an animation adds what its colours mean).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        An unknown style, or a net of more than :data:`MAX_DRAWN_NODES` nodes.
    """
    if style not in DRAW_STYLES:
        raise ParameterError(f"expected a drawing style in {', '.join(DRAW_STYLES)}, found {style!r}")
    n_nodes = len(net.nodes)
    if n_nodes > MAX_DRAWN_NODES:
        raise ParameterError(f"a net of {n_nodes} nodes is too large to draw legibly (at most {MAX_DRAWN_NODES}): "
                             "write it as GraphML or DOT and open it in a graph viewer")
    lay = layout or layout_net(net, radius=R)
    tangled = lay.crossings >= max(TANGLED_MIN, TANGLED_PER_SYNAPSE * max(len(lay.routes), 1))
    if style == "matrix" or (style == "auto" and tangled):
        note = None
        if style == "auto":
            note = (f"drawn as its connection matrix: the best layered drawing has {lay.crossings} crossings "
                    f"for {len(lay.routes)} synapse pairs (style='graph' draws it anyway)")
        return draw_net_matrix(net, ax=ax, title=title, note=note)
    return _draw_graph(net, lay, ax, title, list(legend_extra))


def _draw_graph(net: MPNet, lay: Layout, ax: Axes | None, title: str | None, extra: list[Any]) -> Figure:
    from matplotlib.lines import Line2D

    pos = lay.pos
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    loops = {a for a, b in lay.routes if a == b}
    top = max(ys) + (0.75 if any(pos[v][1] == max(ys) for v in loops) else 0.55)
    longest = max((len(n.name) for n in pos if isinstance(n, OutputPin)), default=0)
    x0, x1, y0, y1 = min(xs) - 0.7, max(xs) + 0.1 + 0.13 * longest, min(ys) - 0.6, top
    ipu = min(1.1, 30 / (x1 - x0), 28 / (y1 - y0))  # inches per layout unit, capped so huge nets stay <= 30 in
    fs = max(2.5, min(10.0, 9.5 * ipu))  # font size follows the scale, so labels still fit their circles
    lw = max(0.3, min(1.2, ipu))
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
    handles += extra
    text = title if title is not None else net_summary_title(net)
    tfs, lfs = max(8.0, min(12.0, fs + 2)), max(6.0, min(9.0, fs))
    fig, ax, ncol = framed_axes(ax, ((x1 - x0) * ipu, (y1 - y0) * ipu), text, tfs, len(handles), lfs)
    big = len(pos) > BIG_NET or len(lay.routes) > 3 * BIG_NET
    kinds = _edge_kinds(net)
    _draw_nodes(ax, net, pos, fs, lw, loops, big)
    _draw_edges(ax, lay, kinds, fs, lw, ipu, big)
    _draw_outputs(ax, net, lay, fs, lw)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol, frameon=False,
              fontsize=lfs)
    return fig


def _edge_kinds(net: MPNet) -> dict[tuple[str, str], tuple[bool, int]]:
    """(source, unit) -> (inhibitory, synapse count), as in the graph view (a veto hides the excitation)."""
    kinds = {}
    for u in net.units:
        inh = set(u.inhibitory)
        for s, w in u.weights.items():
            if s not in inh:
                kinds[(s, u.name)] = (False, w)
        for s in u.inhibitory:
            kinds[(s, u.name)] = (True, 1)
    return kinds


def _text(ax: Axes, x: float, y: float, s: str, **kw: Any) -> None:
    ax.text(x, y, s, zorder=4, in_layout=False, **kw)


def _add(ax: Axes, artist: Any) -> None:
    # add_artist skips add_patch's per-patch limit update (limits are set once, by hand), and keeping the
    # artists out of the layout spares constrained layout a bounding box per artist: both matter on big nets
    artist.set_in_layout(False)
    ax.add_artist(artist)


def _draw_nodes(ax: Axes, net: MPNet, pos: dict, fs: float, lw: float, loops: set[str], big: bool) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Circle, FancyBboxPatch

    boxes, circles, fills = [], [], []
    for n in net.nodes:
        x, y = pos[n]
        if n in net.inputs:
            boxes.append(FancyBboxPatch((x - R, y - R * 0.8), 2 * R, 1.6 * R, boxstyle="round,pad=0.02"))
            _text(ax, x, y, n, ha="center", va="center", fontsize=fs * 0.9)
            continue
        circles.append(Circle((x, y), R))
        fills.append(INITIAL_COLOR if n in net.initial else "white")
        theta = net.unit(n).threshold
        if big:  # one text per unit keeps big nets quick to render
            _text(ax, x, y, f"{n}\nθ={theta}", ha="center", va="center", fontsize=fs * 0.8, linespacing=1.0)
            continue
        _text(ax, x, y, f"θ={theta}", ha="center", va="center", fontsize=fs)
        # the name goes above the unit, or below when its self-loop takes the space above
        below = n in loops
        _text(ax, x, y - R * 1.12 if below else y + R * 1.12, n, ha="center", va="top" if below else "bottom",
              fontsize=fs * 0.85, color="#333333")
    # gids name the collections for animations, which recolour them tick by tick (patches in net.nodes order)
    _add(ax, PatchCollection(boxes, facecolor=INPUT_COLOR, edgecolor=EXC_COLOR, lw=lw, zorder=3, gid="inputs"))
    _add(ax, PatchCollection(circles, facecolor=fills, edgecolor=EXC_COLOR, lw=lw, zorder=3, gid="units"))


def _draw_edges(ax: Axes, lay: Layout, kinds: dict, fs: float, lw: float, ipu: float, big: bool) -> None:
    from matplotlib.collections import PatchCollection, PathCollection, PolyCollection
    from matplotlib.patches import Circle, FancyArrowPatch

    paths, colors, heads, dots = [], [], [], []
    for (a, b), segs in lay.routes.items():
        if isinstance(b, OutputPin):
            continue
        inh, w = kinds[(a, b)]
        color = INH_COLOR if inh else EXC_COLOR
        path = route_path(segs)
        end, before = segs[-1][3], segs[-1][2]
        if big:
            paths.append(path)
            colors.append(color)
            if not inh:
                heads.append(_head(end, before, 0.3 * R, 0.13 * R))
        else:
            style = "-" if inh else f"-|>,head_length={0.45 * ipu:.2f},head_width={0.22 * ipu:.2f}"
            arrow = FancyArrowPatch(path=path, arrowstyle=style, color=color, lw=lw, mutation_scale=10, zorder=2)
            arrow.set_gid(f"synapse {a}->{b}")
            _add(ax, arrow)
        if inh:
            dots.append(Circle(end, R * 0.2))
        if w > 1:
            at = segs[-1][0] if a != b else _loop_top(segs[0])
            _text(ax, at[0], at[1], str(w), fontsize=fs * 0.75, ha="center", va="center",
                  bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none"})
    if paths:
        _add(ax, PathCollection(paths, facecolors="none", edgecolors=colors, linewidths=lw, zorder=2))
        _add(ax, PolyCollection(heads, facecolors=EXC_COLOR, edgecolors="none", zorder=2.5))
    _add(ax, PatchCollection(dots, facecolor=INH_COLOR, edgecolor="none", zorder=3.5))


def _head(tip: tuple[float, float], before: tuple[float, float], length: float, half: float) -> list:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / n, dy / n
    bx, by = tip[0] - length * ux, tip[1] - length * uy
    return [tip, (bx - half * uy, by + half * ux), (bx + half * uy, by - half * ux)]


def _loop_top(seg: Any) -> tuple[float, float]:
    (x0, y0), (_, y1), _, (x3, _) = seg
    return (x0 + x3) / 2, 0.25 * y0 + 0.75 * y1


def _draw_outputs(ax: Axes, net: MPNet, lay: Layout, fs: float, lw: float) -> None:
    """Each named output: a dashed green route from its node to its label in the last column (in the table's
    order, top to bottom)."""
    from matplotlib.patches import FancyArrowPatch

    for (a, b), segs in lay.routes.items():
        if not isinstance(b, OutputPin):
            continue
        arrow = FancyArrowPatch(path=route_path(segs), arrowstyle="-|>", linestyle="--", color=OUTPUT_COLOR, lw=lw,
                                mutation_scale=8, zorder=2)
        arrow.set_gid(f"output {a}->{b.name}")
        _add(ax, arrow)
        x, y = segs[-1][3]
        _text(ax, x + 0.05, y, b.name, color=OUTPUT_COLOR, fontsize=fs, ha="left", va="center")
