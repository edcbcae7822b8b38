"""State diagrams of DFAs: left to right by distance from the initial state, textbook conventions.

Accepting states are double circles, an arrow points into the initial state, and the symbols of all moves between
one pair of states share one edge (``a,b``). Returns a :class:`matplotlib.figure.Figure` (no pyplot state).

Notes
-----
The conventions are those of Rabin & Scott (1959) and of most textbooks since (e.g. Hopcroft & Ullman 1979).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ..automata import DFA, NFA

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["dfa_layout", "draw_dfa"]

R = 0.3  # state radius in layout units (layers are 1.6 apart)


def _moves(fa: DFA | NFA) -> list[tuple[str, str, str]]:
    """(p, label, q) for every move, in state and symbol order; an NFA's ε-moves are labelled ``ε``."""
    if isinstance(fa, DFA):
        return [(q, a, r) for q in fa.states for a in fa.input_symbols if (r := fa.delta(q, a)) is not None]
    return [(q, a or "ε", r) for q in fa.states for a in ("", *fa.input_symbols) for r in sorted(fa.delta(q, a))]


def dfa_layout(dfa: DFA | NFA) -> dict[str, tuple[float, float]]:
    """(x, y) of every state: x = breadth-first distance from the initial state, unreachable states last."""
    succ: dict[str, list[str]] = {}
    for p, _, r in _moves(dfa):
        succ.setdefault(p, []).append(r)
    depth = {dfa.initial_state: 0}
    queue = deque([dfa.initial_state])
    while queue:
        q = queue.popleft()
        for r in succ.get(q, ()):
            if r not in depth:
                depth[r] = depth[q] + 1
                queue.append(r)
    last = max(depth.values()) + 1
    layers: dict[int, list[str]] = {}
    for q in [*depth, *(s for s in dfa.states if s not in depth)]:
        layers.setdefault(depth.get(q, last), []).append(q)
    pos = {}
    for x, qs in layers.items():
        for i, q in enumerate(qs):
            pos[q] = (1.6 * x, 1.2 * ((len(qs) - 1) / 2 - i))
    return pos


def _toward(p: tuple[float, float], c: tuple[float, float]) -> tuple[float, float]:
    """The point on the circle around ``p`` in the direction of ``c`` (edges start and end on the rim)."""
    dx, dy = c[0] - p[0], c[1] - p[1]
    n = (dx * dx + dy * dy) ** 0.5 or 1.0
    return p[0] + R * dx / n, p[1] + R * dy / n


def draw_dfa(dfa: DFA | NFA, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Draw the state diagram of ``dfa``.

    Parameters
    ----------
    dfa : DFA or NFA
        An NFA's moves to several states are drawn as several edges; ε-moves are labelled ``ε``.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.patches import Circle, FancyArrowPatch

    pos = dfa_layout(dfa)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs) + 2.2, max(ys) - min(ys) + 2.0
    if ax is None:
        from matplotlib.figure import Figure

        scale = min(1.0, 24.0 / max(width, height))
        fig = Figure(figsize=(max(4.0, width * 1.3 * scale), max(3.0, height * 1.3 * scale)), layout="constrained")
        ax = fig.add_subplot()
    fig = ax.figure
    fs = 9 if len(dfa.states) <= 30 else 6
    for q, (x, y) in pos.items():
        ax.add_patch(Circle((x, y), R, fill=True, fc="white", ec="black", lw=1.2, zorder=3))
        if q in dfa.final_states:
            ax.add_patch(Circle((x, y), R * 0.8, fill=False, ec="black", lw=1.0, zorder=4))
        ax.text(x, y, q, ha="center", va="center", fontsize=fs, zorder=5)
    x0, y0 = pos[dfa.initial_state]
    ax.add_patch(FancyArrowPatch((x0 - 0.9, y0), (x0 - R, y0), arrowstyle="-|>", mutation_scale=12, lw=1.2,
                                 color="black"))
    labels: dict[tuple[str, str], list[str]] = {}
    for q, a, r in _moves(dfa):
        labels.setdefault((q, r), []).append(a)
    for (p, q), syms in labels.items():
        text = ",".join(syms)
        (x1, y1), (x2, y2) = pos[p], pos[q]
        if p == q:  # a loop above the state
            ax.add_patch(FancyArrowPatch((x1 - 0.15, y1 + R * 0.9), (x1 + 0.15, y1 + R * 0.9),
                                         connectionstyle="arc3,rad=-2.2", arrowstyle="-|>", mutation_scale=10,
                                         lw=1.0, color="#333333", zorder=2))
            ax.text(x1, y1 + R + 0.38, text, ha="center", va="bottom", fontsize=fs - 1, color="#1f4e79")
            continue
        # curve when the reverse move exists or the edge skips layers, so edges and labels do not overlap
        rad = 0.25 if (q, p) in labels else -0.3 if abs(x2 - x1) > 1.7 or x1 == x2 else 0.0
        dx, dy = x2 - x1, y2 - y1
        cx, cy = (x1 + x2) / 2 + rad * dy, (y1 + y2) / 2 - rad * dx  # arc3's control point
        a1, a2 = _toward((x1, y1), (cx, cy)), _toward((x2, y2), (cx, cy))
        ax.add_patch(FancyArrowPatch(a1, a2, connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                                     mutation_scale=10, lw=1.0, color="#333333", shrinkA=0, shrinkB=0, zorder=2))
        mx, my = (x1 + x2) / 2 + 0.5 * rad * dy, (y1 + y2) / 2 - 0.5 * rad * dx
        ax.text(mx, my, text, ha="center", va="center", fontsize=fs - 1, color="#1f4e79",
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8}, zorder=6)
    ax.set_xlim(min(xs) - 1.1, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.9, max(ys) + 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    n, k = len(dfa.states), len(dfa.input_symbols)
    kind = "DFA" if isinstance(dfa, DFA) else "NFA"
    ax.set_title(title or f"{kind}: {n} states, {k} symbols, {len(dfa.final_states)} accepting", fontsize=10)
    return fig
