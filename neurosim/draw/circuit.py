"""Circuits of scalar gates drawn as the lecture draws them: values forward (green, above each wire) and gradients
backward (red, below), on the layered layout that keeps every wire clear of the other gates."""

from __future__ import annotations

from typing import Any

from ..core import layered_layout
from ._style import framed_axes

__all__ = ["draw_circuit"]

VALUE_COLOR = "#1e7b34"
GRAD_COLOR = "#b03a2e"
R = 0.3


def draw_circuit(circuit: Any, *, title: str = "", ax: Any = None, digits: int = 2) -> Any:
    """Draw a :class:`~neurosim.learn.Circuit` after its backward pass.

    Inputs are named boxes on the left, gates circles with their operation; every wire carries the value that flows
    forward along it (green, above) and the gradient ∂f/∂(that value) that flows back (red, below). The output wire
    leaves the last gate to the right, with its gradient 1.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    from .net import route_path

    gates = circuit.gates
    names = [str(k) for k in range(len(gates))]
    edges = [(str(i), str(k)) for k, g in enumerate(gates) for i in g.inputs]
    roots = [str(k) for k, g in enumerate(gates) if g.op == "input"]
    lay = layered_layout(names, edges, roots=roots, node_gap=1.25, layer_gap=2.6, radius=R, straight=0.7)
    xs, ys = [p[0] for p in lay.pos.values()], [p[1] for p in lay.pos.values()]
    x0, x1, y0, y1 = min(xs) - 0.9, max(xs) + 1.9, min(ys) - 0.8, max(ys) + 0.8
    text = title or "A circuit: values forward (green), gradients backward (red)"
    fig, ax, _ = framed_axes(ax, ((x1 - x0) * 0.7, (y1 - y0) * 0.7), text, 11, 0, 8)
    fmt = f"{{:.{digits}f}}"
    for k, g in enumerate(gates):
        x, y = lay.pos[str(k)]
        if g.op == "input":
            ax.add_patch(FancyBboxPatch((x - 0.45, y - 0.22), 0.9, 0.44, boxstyle="round,pad=0.02", fc="#dbe9f6",
                                        ec="#1f2d3d", zorder=3))
            ax.text(x, y, g.name, ha="center", va="center", fontsize=10, zorder=4)
        else:
            ax.add_patch(Circle((x, y), R, fc="white", ec="#1f2d3d", lw=1.2, zorder=3))
            ax.text(x, y, g.label, ha="center", va="center", fontsize=9 if len(g.label) > 2 else 11, zorder=4)
    for a, b in edges:
        segs = lay.routes[(a, b)]
        ax.add_patch(FancyArrowPatch(path=route_path(segs), arrowstyle="-|>", mutation_scale=10, lw=1.0,
                                     color="#333333", zorder=2, gid=f"wire {a}->{b}"))
        # the labels sit on the straight run that leaves the source, where the wire is horizontal
        (sx, sy), (ex, _) = segs[0][0], segs[0][3]
        mx = (sx + ex) / 2 + (0.2 if gates[int(a)].op == "input" else 0.0)  # inputs' boxes are wider
        src = gates[int(a)]
        ax.text(mx, sy + 0.05, fmt.format(src.value), color=VALUE_COLOR, fontsize=8, ha="center", va="bottom",
                zorder=5)
        ax.text(mx, sy - 0.05, fmt.format(src.grad), color=GRAD_COLOR, fontsize=8, ha="center", va="top",
                zorder=5)
    last = gates[-1]
    x, y = lay.pos[str(len(gates) - 1)]
    ax.add_patch(FancyArrowPatch((x + R, y), (x + R + 1.0, y), arrowstyle="-|>", mutation_scale=10, lw=1.0,
                                 color="#333333"))
    ax.text(x + R + 0.5, y + 0.06, fmt.format(last.value), color=VALUE_COLOR, fontsize=9, ha="center", va="bottom")
    ax.text(x + R + 0.5, y - 0.06, fmt.format(last.grad), color=GRAD_COLOR, fontsize=9, ha="center", va="top")
    ax.text(x + R + 1.05, y, last.name, fontsize=10, ha="left", va="center")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
