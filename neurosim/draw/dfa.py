"""State diagrams of DFAs and NFAs: layered left to right from the initial state, textbook conventions.

Accepting states are double circles, an arrow points into the initial state, and the symbols of all moves between
one pair of states share one edge (``a,b``; an NFA's ε-moves are labelled ``ε``). Returns a
:class:`matplotlib.figure.Figure` (no pyplot state).

Notes
-----
The conventions are those of Rabin & Scott (1959) and of most textbooks since (e.g. Hopcroft & Ullman 1979).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ..automata import DFA, NFA
from ..core import Layout, layered_layout
from ..errors import ParameterError
from ._style import framed_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_DRAWN_STATES", "dfa_layout", "dfa_routes", "draw_dfa"]

R = 0.3  # state radius in layout units (states in a layer are 1.2 apart)
NODE_GAP = 1.2
LAYER_GAP = 1.9
#: a state diagram of more states than this is no longer a picture: draw_dfa refuses with a message
MAX_DRAWN_STATES = 300


def _out_moves(fa: DFA | NFA, q: str) -> list[tuple[str, str]]:
    """(label, target) of every move out of ``q``, symbols in order (an NFA's ε-moves first, labelled ``ε``)."""
    if isinstance(fa, DFA):
        return [(a, r) for a in fa.input_symbols if (r := fa.delta(q, a)) is not None]
    rank = {s: i for i, s in enumerate(fa.states)}
    return [(a or "ε", r) for a in ("", *fa.input_symbols) for r in sorted(fa.delta(q, a), key=rank.__getitem__)]


def _state_order(dfa: DFA | NFA) -> list[str]:
    """Breadth-first from the initial state (symbols in order), then the unreachable states."""
    seen = {dfa.initial_state: None}
    queue = deque([dfa.initial_state])
    while queue:
        q = queue.popleft()
        for _, r in _out_moves(dfa, q):
            if r not in seen:
                seen[r] = None
                queue.append(r)
    return [*seen, *(s for s in dfa.states if s not in seen)]


def _moves(dfa: DFA | NFA) -> dict[tuple[str, str], list[str]]:
    labels: dict[tuple[str, str], list[str]] = {}
    for q in _state_order(dfa):
        for a, r in _out_moves(dfa, q):
            labels.setdefault((q, r), []).append(a)
    return labels


def dfa_routes(dfa: DFA | NFA) -> Layout:
    """The layered layout of the state diagram: the initial state on the left, moves routed clear of all states."""
    return layered_layout(_state_order(dfa), list(_moves(dfa)), roots=[dfa.initial_state], node_gap=NODE_GAP,
                          layer_gap=LAYER_GAP, radius=R, loop_room=0.45)


def dfa_layout(dfa: DFA | NFA) -> dict[str, tuple[float, float]]:
    """(x, y) of every state in the drawing (:func:`dfa_routes`)."""
    return dict(dfa_routes(dfa).pos)


def draw_dfa(dfa: DFA | NFA, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Draw the state diagram of ``dfa`` (a DFA or an NFA).

    States are laid out in layers left to right from the initial state (a Sugiyama-style layout, as Graphviz's
    ``dot`` draws automata); moves that go back run right to left; no move is drawn through a state it does
    not touch.

    Parameters
    ----------
    dfa : DFA or NFA
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        More than :data:`MAX_DRAWN_STATES` states.
    """
    from matplotlib.patches import Circle, FancyArrowPatch

    from .net import route_path

    if len(dfa.states) > MAX_DRAWN_STATES:
        raise ParameterError(f"an automaton of {len(dfa.states)} states is too large to draw legibly (at most "
                             f"{MAX_DRAWN_STATES}): minimise it first (dfa minimize), or read its JSON")
    lay = dfa_routes(dfa)
    labels = _moves(dfa)
    pos = lay.pos
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs) - 1.1, max(xs) + 0.6, min(ys) - 0.6, max(ys) + 1.25
    ipu = min(1.0, 24.0 / max(x1 - x0, y1 - y0))
    n, k = len(dfa.states), len(dfa.input_symbols)
    kind = "DFA" if isinstance(dfa, DFA) else "NFA"
    text = title or f"{kind}: {n} states, {k} symbols, {len(dfa.final_states)} accepting"
    fig, ax, _ = framed_axes(ax, ((x1 - x0) * ipu, (y1 - y0) * ipu), text, 11, 0, 8)
    fs = 9 if n <= 30 else 6
    for q, (x, y) in pos.items():
        ax.add_patch(Circle((x, y), R, fill=True, fc="white", ec="black", lw=1.2, zorder=3))
        if q in dfa.final_states:
            ax.add_patch(Circle((x, y), R * 0.8, fill=False, ec="black", lw=1.0, zorder=4))
        ax.text(x, y, q, ha="center", va="center", fontsize=fs, zorder=5)
    xi, yi = pos[dfa.initial_state]
    ax.add_patch(FancyArrowPatch((xi - 0.9, yi), (xi - R, yi), arrowstyle="-|>", mutation_scale=12, lw=1.2,
                                 color="black"))
    ax.text(xi - 0.92, yi, "start", ha="right", va="center", fontsize=fs - 1)
    for (p, q), syms in labels.items():
        segs = lay.routes[(p, q)]
        arrow = FancyArrowPatch(path=route_path(segs), arrowstyle="-|>", mutation_scale=10, lw=1.0,
                                color="#333333", zorder=2)
        arrow.set_gid(f"move {p}->{q}")
        ax.add_patch(arrow)
        if p == q:
            (ax0, ay0), (_, ay1), _, (ax3, _) = segs[0]
            at, va = ((ax0 + ax3) / 2, 0.25 * ay0 + 0.75 * ay1 + 0.03), "bottom"
        else:
            at, va = _label_point(segs), "center"
        ax.text(at[0], at[1], ",".join(syms), ha="center", va=va, fontsize=fs - 1, color="#1f4e79", zorder=6,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85})
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


def _label_point(segs: tuple) -> tuple[float, float]:
    """The middle of the route's middle bend (or of its middle segment when it runs straight)."""
    curved = [s for s in segs if abs(s[0][1] - s[3][1]) > 1e-9]
    s = curved[len(curved) // 2] if curved else segs[len(segs) // 2]
    return ((s[0][0] + 3 * s[1][0] + 3 * s[2][0] + s[3][0]) / 8, (s[0][1] + 3 * s[1][1] + 3 * s[2][1] + s[3][1]) / 8)
