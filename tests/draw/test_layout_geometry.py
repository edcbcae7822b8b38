"""No drawn synapse or move passes through a node it does not touch (issue 10, item 4), checked on the geometry.

Two oracles: the layout's own Bézier routes sampled densely, and — independent of the layout code — the paths
Matplotlib actually draws (each synapse's FancyArrowPatch, flattened by Matplotlib into a polyline), measured by the
exact distance from every node centre to every drawn segment. A node's disc is its radius R around its centre.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurosim.automata import compile_dfa, random_dfa
from neurosim.core import MPNet, MPUnit, OutputPin, bezier_points, layered_layout, layout_net
from neurosim.draw import draw_dfa, draw_net
from neurosim.draw.dfa import R as DFA_R
from neurosim.draw.dfa import dfa_routes
from neurosim.draw.net import R as NET_R
from neurosim.examples import path as example
from neurosim.io import load_dfa, load_net, load_table
from neurosim.logic import compile_table
from tests.oracles.automata import dfas
from tests.oracles.nets import mp_nets

TABLES = ["full_adder.csv", "seven_segment.csv", "majority3.csv", "multiplier2.csv", "parity4.csv", "and.csv",
          "xor.csv", "adder.pla"]
DFAS = ["div3.json", "contains101.json", "parity.json", "small.jff"]
NETS = ["and", "or", "not", "xor", "latch"]


def example_nets() -> dict[str, MPNet]:
    nets = {t: compile_table(load_table(example(t))).net for t in TABLES}
    nets |= {d: compile_dfa(load_dfa(example(d))).net for d in DFAS}
    nets |= {n: load_net(example(f"nets/{n}.json")) for n in NETS}
    # the net of the issue: a veto from x that a straight line would draw from u to v
    nets["veto-through"] = MPNet(("x",), (MPUnit("u", 0, ()), MPUnit("v", 1, ("u",)), MPUnit("w", 1, ("v",), ("x",))),
                                 {"w": "w"})
    return nets


def _seg_dist(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from point p to each segment a[i]-b[i]."""
    ab = b - a
    t = np.clip(np.einsum("ij,ij->i", p - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-300), 0.0, 1.0)
    return np.hypot(*(a + t[:, None] * ab - p).T)


def route_clearance(lay) -> tuple[float, tuple]:
    """The smallest distance from a route (sampled) to a node that is not one of its ends."""
    worst, where = math.inf, ()
    names = list(lay.pos)
    centres = np.array([lay.pos[n] for n in names])
    for (a, b), segs in lay.routes.items():
        pts = np.array(bezier_points(segs, 48))
        d = np.min(np.hypot(pts[:, None, 0] - centres[None, :, 0], pts[:, None, 1] - centres[None, :, 1]), axis=0)
        for n, dn in zip(names, d, strict=True):
            if n not in (a, b) and dn < worst:
                worst, where = float(dn), (a, b, n)
    return worst, where


def check_routes_touch_their_ends(lay) -> None:
    for (a, b), segs in lay.routes.items():
        start, end = segs[0][0], segs[-1][3]
        assert math.dist(start, lay.pos[a]) == pytest.approx(lay.radius, abs=1e-9), (a, b)
        assert math.dist(end, lay.pos[b]) == pytest.approx(lay.radius, abs=1e-9), (a, b)


def drawn_clearance(fig, pos: dict, prefix: str) -> tuple[float, tuple]:
    """Exact distance from each node centre to the polylines Matplotlib draws for each edge (ends excluded)."""
    from matplotlib.patches import FancyArrowPatch

    ax = fig.axes[0]
    worst, where, seen = math.inf, (), 0
    for art in ax.get_children():
        if not isinstance(art, FancyArrowPatch) or not (art.get_gid() or "").startswith(prefix):
            continue
        seen += 1
        a, b = art.get_gid()[len(prefix):].split("->")
        # the drawn path, arrowhead included (Matplotlib builds it in display space and maps it back to data
        # coordinates), flattened into line segments by Matplotlib itself
        flat = art.get_path().to_polygons(closed_only=False)
        for poly in flat:
            poly = np.asarray(poly)
            if len(poly) < 2:
                continue
            for n, c in pos.items():
                if n in (a, b):
                    continue
                d = float(_seg_dist(np.asarray(c, dtype=float), poly[:-1], poly[1:]).min())
                if d < worst:
                    worst, where = d, (a, b, n)
    assert seen, "no edge artists found"
    return worst, where


# ---- the layout's routes ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(example_nets()))
def test_example_net_routes_keep_clear_of_other_units(name: str) -> None:
    lay = layout_net(example_nets()[name], radius=NET_R)
    check_routes_touch_their_ends(lay)
    worst, where = route_clearance(lay)
    assert worst > NET_R + 0.1, f"{where}: {worst:.3f}"


@pytest.mark.parametrize("name", DFAS)
def test_example_dfa_moves_keep_clear_of_other_states(name: str) -> None:
    lay = dfa_routes(load_dfa(example(name)))
    check_routes_touch_their_ends(lay)
    worst, where = route_clearance(lay)
    assert worst > DFA_R + 0.1, f"{where}: {worst:.3f}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mp_nets(feedforward=True, max_units=10) | mp_nets(feedforward=False, max_units=8))
def test_random_net_routes_keep_clear(net: MPNet) -> None:
    lay = layout_net(net, radius=NET_R)
    check_routes_touch_their_ends(lay)
    pins = {n for n in lay.pos if isinstance(n, OutputPin)}
    assert set(lay.pos) - pins == set(net.nodes)
    assert {p.name for p in pins} == set(net.output_names)
    assert {e for e in lay.routes if e[0] != e[1] and e[1] not in pins} == {
        (s, u.name) for u in net.units for s in u.sources if s != u.name}
    outs = sorted(pins, key=lambda p: -lay.pos[p][1])  # the outputs, top to bottom, in the net's order
    assert [p.name for p in outs] == list(net.output_names) and len({lay.pos[p][0] for p in pins}) <= 1
    worst, where = route_clearance(lay)
    assert worst > NET_R + 0.1, f"{where}: {worst:.3f}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dfas(max_states=7, max_symbols=3))
def test_random_dfa_routes_keep_clear(dfa) -> None:
    lay = dfa_routes(dfa)
    check_routes_touch_their_ends(lay)
    worst, _ = route_clearance(lay)
    assert worst > DFA_R + 0.1


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 9), st.integers(0, 2**32 - 1))
def test_layered_layout_on_random_graphs(n: int, seed: int) -> None:
    """Any digraph (cycles, self-loops, long edges), nodes never overlap and ordered groups keep their order."""
    rng = np.random.default_rng(seed)
    nodes = [f"n{i}" for i in range(n)]
    edges = sorted({(f"n{a}", f"n{b}") for a, b in rng.integers(0, n, (2 * n, 2))})
    lay = layered_layout(nodes, edges, roots=nodes[:1], ordered=[nodes[:1], nodes[-3:]])
    check_routes_touch_their_ends(lay)
    assert route_clearance(lay)[0] > lay.radius + 0.1
    pts = np.array(list(lay.pos.values()))
    gaps = np.hypot(*(pts[:, None] - pts[None]).transpose(2, 0, 1)) + np.eye(n) * 9
    assert gaps.min() >= 1.0 - 1e-9  # node_gap apart within a layer, layer_gap across
    for k in set(lay.layer.values()):  # the group nodes[-3:] keeps its order, top to bottom, in every layer
        ys = [lay.pos[v][1] for v in nodes[-3:] if lay.layer[v] == k]
        assert ys == sorted(ys, reverse=True)


# ---- what Matplotlib draws ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["div3.json", "contains101.json", "seven_segment.csv", "full_adder.csv",
                                  "veto-through", "latch", "xor"])
def test_drawn_synapses_keep_clear_of_other_units(name: str) -> None:
    net = example_nets()[name]
    fig = draw_net(net, style="graph")
    fig.canvas.draw()
    worst, where = drawn_clearance(fig, layout_net(net, radius=NET_R).pos, "synapse ")
    assert worst > NET_R, f"{name}: synapse {where[0]}->{where[1]} passes {worst:.3f} from {where[2]}"


@pytest.mark.parametrize("name", DFAS)
def test_drawn_moves_keep_clear_of_other_states(name: str) -> None:
    dfa = load_dfa(example(name))
    fig = draw_dfa(dfa)
    fig.canvas.draw()
    worst, where = drawn_clearance(fig, dfa_routes(dfa).pos, "move ")
    assert worst > DFA_R, f"{name}: {where} at {worst:.3f}"


def test_big_random_dfa_net_still_routes_clear() -> None:
    net = compile_dfa(random_dfa(12, 3, seed=4)).net
    lay = layout_net(net, radius=NET_R)
    assert route_clearance(lay)[0] > NET_R + 0.1


def test_a_huge_dfa_is_refused_with_a_message() -> None:
    from neurosim.draw.dfa import MAX_DRAWN_STATES
    from neurosim.errors import ParameterError

    with pytest.raises(ParameterError, match=r"too large to draw legibly .* minimise it first"):
        draw_dfa(random_dfa(MAX_DRAWN_STATES + 1, 2, seed=0))
