"""A layered (Sugiyama-style) drawing of a directed graph whose edges never pass through a node they do not touch.

The four classic steps (Sugiyama, Tagawa & Toda 1981), then a routing step that makes the clearance a property of
the construction rather than of luck:

1. **cycle breaking** — a depth-first search from the given roots; an edge into a node still on the stack is drawn
   backwards (right to left) but laid out as if reversed, so the rest works on a DAG;
2. **layering** — longest path from the roots (roots in layer 0, every other node in layer >= 1); chosen sinks
   move to the last layer; an edge spanning k > 1 layers gets k − 1 *dummy* points in the layers between;
3. **ordering** — barycentre sweeps down and up with adjacent exchanges, keeping the order with the fewest
   crossings (counted exactly by inversions); groups of nodes keep a given relative order in every layer
   (the inputs and the outputs of a truth table, in the table's order);
4. **coordinates** — in each layer, y positions as close as possible to the weighted mean of the neighbours'
   (isotonic regression under minimum gaps, solved exactly by pool-adjacent-violators); dummies weigh more, so
   long edges run straight;
5. **routing** — every hop between adjacent layers leaves its node horizontally from a port on the rim, runs
   straight until it is ``clear`` away from the layer's centre line, bends in a cubic S-curve across the empty
   channel between the layers, and runs straight again into the next port. No node centre lies inside a channel
   and every straight run stays at its own port height, so a curve is never closer than ``clear`` (horizontally,
   in the channel) or ``gap − spread`` (vertically, beside the layer) to a node that is not its endpoint.

Routes are sequences of cubic Bézier segments (straight runs as degenerate cubics), in drawing direction (from the
edge's source to its target), ready for a Matplotlib ``Path`` with ``CURVE4`` codes.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ParameterError
from ._layering import Dummy, add_dummies, break_cycles, coordinates, layers, order

if TYPE_CHECKING:
    from .mp import MPNet

__all__ = ["Layout", "OutputPin", "bezier_points", "layered_layout", "layout_net", "net_layout"]

Point = tuple[float, float]
Segment = tuple[Point, Point, Point, Point]

#: ports on one side of a node lie within ± this fraction of the radius of its centre line (and so stay at least
#: node_gap − MAX_SPREAD · radius from the neighbours' centres)
MAX_SPREAD = 0.8


@dataclass(frozen=True, slots=True)
class Layout:
    """Where every node sits and how every edge runs.

    Attributes
    ----------
    pos : dict
        node -> (x, y); x = layer · layer_gap, y decreasing downwards.
    layer : dict
        node -> layer index.
    routes : dict
        (source, target) -> tuple of cubic segments ((x0, y0), (x1, y1), (x2, y2), (x3, y3)) from the source's
        rim to the target's rim; self-loops are under their (node, node) key, a small loop above the node.
    backward : frozenset
        The edges laid out reversed (drawn right to left) to break cycles.
    crossings : int
        Edge crossings between adjacent layers in the chosen order (dummies included).
    radius, clear : float
        The node radius the routes keep out of, and the half-width of the straight runs beside each layer.
    """

    pos: dict[Hashable, Point]
    layer: dict[Hashable, int]
    routes: dict[tuple[Hashable, Hashable], tuple[Segment, ...]]
    backward: frozenset[tuple[Hashable, Hashable]]
    crossings: int
    radius: float
    clear: float


def bezier_points(segments: Sequence[Segment], n: int = 24) -> list[Point]:
    """Sample a route: ``n`` points per cubic segment (both ends included once)."""
    out: list[Point] = []
    for k, (p0, p1, p2, p3) in enumerate(segments):
        for i in range(0 if k == 0 else 1, n + 1):
            t = i / n
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def layered_layout(nodes: Sequence[Hashable], edges: Sequence[tuple[Hashable, Hashable]], *,
                   roots: Sequence[Hashable] = (), to_last: Sequence[Hashable] = (),
                   ordered: Sequence[Sequence[Hashable]] = (), node_gap: float = 1.0, layer_gap: float = 1.8,
                   radius: float = 0.28, loop_room: float = 0.32, straight: float | None = None) -> Layout:
    """Lay out a directed graph in layers, left to right (see the module notes).

    Parameters
    ----------
    nodes : sequence
        All nodes, in a meaningful order (used to break ties).
    edges : sequence of (source, target)
        One pair per edge; (v, v) is a self-loop.
    roots : sequence
        Nodes of layer 0 (and the first starts of the depth-first search); when given, no other node is in layer 0.
    to_last : sequence
        Nodes pulled right, in this order: a node with no successors to the last layer, any other to the layer
        just before its nearest successor (outputs).
    ordered : sequence of sequences
        Groups of nodes whose relative order, top to bottom, is kept in every layer.
    node_gap, layer_gap, radius : float
        Distance between neighbours in a layer, between layers, and the node radius.
    loop_room : float
        Extra space above a node with a self-loop.
    straight : float, optional
        Length of the straight run beside each node before a route bends (default: a short one), e.g. room for
        labels on the wires.

    Returns
    -------
    Layout
    """
    index = {v: i for i, v in enumerate(nodes)}
    edge_set = set(edges)
    roots = [r for r in roots if not any((q, r) in edge_set for q in roots)]  # roots share layer 0: no edges
    loops = [v for v in nodes if (v, v) in edge_set]
    pairs = [(a, b) for a, b in dict.fromkeys(edges) if a != b]
    backward = break_cycles(nodes, pairs, roots)
    dag = [(b, a) if (a, b) in backward else (a, b) for a, b in pairs]
    layer = layers(nodes, dag, roots, to_last)
    items, chains = add_dummies(nodes, dag, layer)
    n_layers = max(layer.values(), default=-1) + 1
    rows: list[list[Hashable]] = [[] for _ in range(n_layers)]
    for v in items:
        rows[items[v]].append(v)
    hops = [(c[i], c[i + 1]) for c in chains.values() for i in range(len(c) - 1)]
    groups = [[v for v in g if v in index] for g in ordered]
    rows, crossings = order(rows, hops, groups, index)
    has_loop = set(loops)
    y = coordinates(rows, hops, node_gap, radius, has_loop, loop_room)
    clear = radius + (min(0.2, 0.12 * layer_gap) if straight is None else straight)
    if not radius < clear < layer_gap / 2:
        raise ParameterError(f"straight runs of {clear - radius:g} leave no channel between layers {layer_gap:g} apart")
    xpos = {v: items[v] * layer_gap for v in items}
    pos = {v: (xpos[v], y[v]) for v in nodes}
    routes = _route(pairs, chains, backward, xpos, y, index, radius, clear)
    for v in loops:
        routes[(v, v)] = (_loop(pos[v], radius),)
    return Layout(pos, layer, routes, frozenset(backward), crossings, radius, clear)


# ---- 5. routing ---------------------------------------------------------------------------------------------------
def _route(pairs: list[tuple[Hashable, Hashable]], chains: dict[tuple[Hashable, Hashable], list[Hashable]],
           backward: set[tuple[Hashable, Hashable]], xpos: dict[Hashable, float], y: dict[Hashable, float],
           index: dict[Hashable, int], radius: float, clear: float) -> dict[tuple[Hashable, Hashable], tuple]:
    paths: dict[tuple[Hashable, Hashable], list[Hashable]] = {}
    for a, b in pairs:
        chain = chains[(b, a)] if (a, b) in backward else chains[(a, b)]
        paths[(a, b)] = chain[::-1] if (a, b) in backward else chain
    # ports: every hop touching a real node's side gets a height on the rim, sorted by the other end's height
    side: dict[tuple[Hashable, int], list[tuple[float, int, tuple[Hashable, Hashable], int]]] = {}
    for e, path in paths.items():
        rightward = 0 if xpos[path[-1]] > xpos[path[0]] else 1
        for i in range(len(path) - 1):
            p, q = path[i], path[i + 1]
            d = 1 if xpos[q] > xpos[p] else -1
            if not isinstance(p, Dummy):
                side.setdefault((p, d), []).append((-y[q], rightward, e, i))
            if not isinstance(q, Dummy):
                side.setdefault((q, -d), []).append((-y[p], rightward, e, i + 1))
    port: dict[tuple[tuple[Hashable, Hashable], int], Point] = {}
    for (v, d), uses in side.items():
        uses.sort(key=lambda u: (u[0], u[1], index.get(u[2][0], 0), index.get(u[2][1], 0)))
        n = len(uses)
        spread = radius * min(MAX_SPREAD, 0.2 + 0.06 * n)  # many ports spread wider, so their ends stay apart
        for k, (_, _, e, i) in enumerate(uses):
            off = spread * (1 - 2 * k / (n - 1)) if n > 1 else 0.0
            port[(e, i)] = (xpos[v] + d * math.sqrt(radius * radius - off * off), y[v] + off)
    routes: dict[tuple[Hashable, Hashable], tuple] = {}
    for e, path in paths.items():
        segs: list[Segment] = []
        for i in range(len(path) - 1):
            p, q = path[i], path[i + 1]
            d = 1 if xpos[q] > xpos[p] else -1
            start = port.get((e, i), (xpos[p], y[p]))
            end = port.get((e, i + 1), (xpos[q], y[q]))
            segs += _hop(start, end, xpos[p] + d * clear, xpos[q] - d * clear)
        routes[e] = tuple(segs)
    return routes


def _line(p: Point, q: Point) -> Segment:
    return (p, (p[0] + (q[0] - p[0]) / 3, p[1] + (q[1] - p[1]) / 3),
            (p[0] + 2 * (q[0] - p[0]) / 3, p[1] + 2 * (q[1] - p[1]) / 3), q)


def _hop(start: Point, end: Point, x_out: float, x_in: float) -> list[Segment]:
    """Straight out to x_out, an S-curve across the channel to x_in, straight in to the end (horizontal tangents)."""
    segs = []
    a, b = (x_out, start[1]), (x_in, end[1])
    if abs(a[0] - start[0]) > 1e-12:
        segs.append(_line(start, a))
    if abs(start[1] - end[1]) < 1e-12:
        segs.append(_line(a, b))
    else:
        h = (b[0] - a[0]) / 2
        segs.append((a, (a[0] + h, a[1]), (b[0] - h, b[1]), b))
    if abs(end[0] - b[0]) > 1e-12:
        segs.append(_line(b, end))
    return segs


def _loop(c: Point, radius: float) -> Segment:
    """A small loop above the node, from its upper right rim to its upper left rim."""
    ang = math.radians(55)
    dx, dy = radius * math.cos(ang), radius * math.sin(ang)
    top = c[1] + radius + 0.42
    return ((c[0] + dx, c[1] + dy), (c[0] + 0.6, top), (c[0] - 0.6, top), (c[0] - dx, c[1] + dy))


# ---- MP nets ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OutputPin:
    """Where a named output of a net is drawn: a label in the last column, reached by a route from its node."""

    name: str


def layout_net(net: MPNet, *, layer_gap: float = 1.8, radius: float = 0.28) -> Layout:
    """The layered drawing of an MP net: inputs in layer 0 in their order, every named output as an
    :class:`OutputPin` in one last column in the outputs' order (routed from its node like a synapse, so an output
    taken from the middle of the net is still listed in the table's order), output units with no other successor
    just before it, recurrent nets with their feedback synapses drawn right to left.

    Parameters
    ----------
    net : MPNet
    layer_gap, radius : float
        Distance between layers and node radius (neighbours in a layer are 1 apart).

    Returns
    -------
    Layout
        Routes keyed by (source, unit), one per source→unit pair (excitatory and inhibitory alike), and
        (node, OutputPin(name)) for each output.
    """
    rank = {n: i for i, n in enumerate(net.nodes)}
    edges: list[tuple[Hashable, Hashable]] = [(s, u.name) for u in net.units
                                              for s in sorted(u.sources, key=rank.__getitem__)]
    pins = [OutputPin(name) for name, _ in net.outputs]
    edges += [(node, pin) for (_, node), pin in zip(net.outputs, pins, strict=True)]
    inputs = set(net.inputs)
    out_units = list(dict.fromkeys(node for _, node in net.outputs if node not in inputs))
    return layered_layout([*net.nodes, *pins], edges, roots=net.inputs, to_last=[*pins, *out_units],
                          ordered=[net.inputs, out_units, pins], layer_gap=layer_gap, radius=radius)


def net_layout(net: MPNet) -> dict[str, Point]:
    """Node positions of :func:`layout_net`: node name -> (x, y) (output pins left out)."""
    return {n: p for n, p in layout_net(net).pos.items() if not isinstance(n, OutputPin)}
