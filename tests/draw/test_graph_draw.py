"""The graph view (neurosim.graph), drawings (neurosim.draw) and the example-nets script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from neurosim.core import layout_net, net_layout
from neurosim.core.graph import canonical_net, graph_to_net, net_to_graph
from neurosim.core.mp import MPNet, MPUnit, and_unit, not_unit, or_unit
from neurosim.core.simulate import run
from neurosim.draw import draw_net, draw_raster
from neurosim.draw.net import EXC_COLOR, INH_COLOR
from neurosim.errors import SpecError
from neurosim.io.figures import figure_to_bytes, save_figure
from tests.oracles.figures import texts_outside

XOR = MPNet(("x1", "x2"), (and_unit("h1", ("x1",), ("x2",)), and_unit("h2", ("x2",), ("x1",)),
                           or_unit("y", ("h1", "h2"))), {"y": "y"})
LATCH = MPNet(("s", "r"), (MPUnit("m", 1, ("s", "m"), ("r",)),), {"q": "m"})
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# ---- graph view --------------------------------------------------------------------------------------------------
def test_empty_net_graph() -> None:
    G = net_to_graph(MPNet((), (), ()))
    assert G.number_of_nodes() == 0 and G.graph == {"inputs": "", "outputs": ""}
    assert graph_to_net(G) == MPNet((), (), ())


def test_graph_view_attributes_of_xor() -> None:
    G = net_to_graph(XOR.with_metadata(note="x"))
    assert list(G.nodes) == ["x1", "x2", "h1", "h2", "y"]
    assert G.graph == {"inputs": "x1,x2", "outputs": "y=y", "note": "x"}
    assert G.nodes["x1"] == {"kind": "input", "layer": 0}
    assert G.nodes["y"] == {"kind": "unit", "threshold": 1, "initial": False, "layer": 2}
    assert G.edges["x2", "h1"] == {"weight": 1, "inhibitory": True}
    assert G.edges["h1", "y"] == {"weight": 1, "inhibitory": False}
    assert graph_to_net(G) == XOR and graph_to_net(G).meta == {"note": "x"}


def test_recurrent_graph_has_initial_and_no_layers() -> None:
    G = net_to_graph(MPNet(LATCH.inputs, LATCH.units, LATCH.outputs, initial={"m"}))
    assert G.nodes["m"] == {"kind": "unit", "threshold": 1, "initial": True}
    assert G.has_edge("m", "m") and "layer" not in G.nodes["s"]


def test_excitation_from_an_inhibitor_is_dropped() -> None:
    net = MPNet(("a", "b"), (MPUnit("u", 2, ("a", "a", "b", "b"), ("b",)),), {"u": "u"})
    G = net_to_graph(net)
    assert G.edges["b", "u"] == {"weight": 1, "inhibitory": True} and G.edges["a", "u"]["weight"] == 2
    assert canonical_net(net).unit("u").excitatory == ("a", "a")
    assert graph_to_net(G) == canonical_net(net)


def test_graph_to_net_without_inputs_attribute_uses_input_nodes() -> None:
    G = net_to_graph(XOR)
    del G.graph["inputs"], G.graph["outputs"]
    net = graph_to_net(G)
    assert net.inputs == ("x1", "x2") and net.outputs == ()


@pytest.mark.parametrize("edit, message", [
    (lambda G: G.graph.__setitem__("inputs", "x1"), "input node 'x2' is not listed"),
    (lambda G: G.graph.__setitem__("inputs", "x1,x2,h1"), "$.graph.inputs[2]: expected an input node, found a unit"),
    (lambda G: G.graph.__setitem__("outputs", "y"), "$.graph.outputs[0]: expected name=node"),
    (lambda G: G.graph.__setitem__("meta", [1]), "$.graph.meta: expected a scalar"),
    (lambda G: G.nodes["y"].__setitem__("threshold", 1.5), "$.nodes['y'].threshold: expected an integer >= 0"),
    (lambda G: G.edges["h1", "y"].__setitem__("weight", 0), "$.edges['h1->y'].weight: expected an integer >= 1"),
    (lambda G: G.edges["h1", "y"].__setitem__("inhibitory", "no"), "$.edges['h1->y'].inhibitory: expected a boolean"),
])
def test_graph_to_net_errors_name_the_culprit(edit, message: str) -> None:
    G = net_to_graph(XOR)
    edit(G)
    with pytest.raises(SpecError) as info:
        graph_to_net(G, source="g.graphml")
    assert message in str(info.value) and str(info.value).startswith("g.graphml: ")


def test_layout_layers_left_to_right() -> None:
    pos = net_layout(XOR)
    assert pos["x1"][0] == pos["x2"][0] == 0.0 < pos["h1"][0] == pos["h2"][0] < pos["y"][0]
    assert pos["x1"][1] > pos["x2"][1]
    # an output unit with no successors moves to the last column
    net = MPNet(("a",), (MPUnit("early", 1, ("a",)), MPUnit("mid", 1, ("a",)), MPUnit("late", 1, ("mid",))),
                {"e": "early", "l": "late"})
    assert net_layout(net)["early"][0] == net_layout(net)["late"][0] > net_layout(net)["mid"][0]
    # a ring: every unit in its own layer, the closing synapse drawn backwards (right to left)
    ring = MPNet(("a",), tuple(MPUnit(f"u{j}", 1, (f"u{(j + 1) % 5}",)) for j in range(5)), {})
    lay = layout_net(ring)
    assert len({lay.layer[f"u{j}"] for j in range(5)}) == 5 and len(lay.backward) == 1


def test_outputs_in_the_table_order_top_to_bottom() -> None:
    from neurosim.examples import path
    from neurosim.io import load_table
    from neurosim.logic import compile_table

    net = compile_table(load_table(path("seven_segment.csv"))).net
    pos = net_layout(net)
    ys = [pos[node][1] for _, node in net.outputs]
    assert [name for name, _ in net.outputs] == list("abcdefg") and ys == sorted(ys, reverse=True)
    assert len({pos[node][0] for _, node in net.outputs}) == 1  # one column, the last


# ---- drawings ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_draw_net_writes_each_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"xor.{fmt}"
    assert save_figure(draw_net(XOR, title="xor"), path) == fmt
    data = path.read_bytes()
    assert len(data) > 1000 and data.startswith(MAGIC[fmt])
    assert [p.name for p in tmp_path.iterdir()] == [f"xor.{fmt}"]


def test_svg_and_pdf_are_byte_stable() -> None:
    for fmt in ("svg", "pdf"):
        assert figure_to_bytes(draw_net(LATCH), fmt) == figure_to_bytes(draw_net(LATCH), fmt)


def _arrows(fig):
    from matplotlib.patches import FancyArrowPatch

    return [a for a in fig.axes[0].get_children() if isinstance(a, FancyArrowPatch)]


def test_inhibitory_edges_are_drawn_differently() -> None:
    from matplotlib.colors import to_hex

    net = MPNet(("a", "b"), (MPUnit("u", 1, ("a",), ("b",)),), {})
    fig = draw_net(net)
    arrows = {to_hex(a.get_edgecolor()): type(a.get_arrowstyle()).__name__ for a in _arrows(fig)}
    assert arrows == {EXC_COLOR: "CurveFilledB", INH_COLOR: "Curve"}  # arrowhead vs. plain line ...
    dots = [c for c in fig.axes[0].collections if len(c.get_paths()) and
            to_hex(c.get_facecolor()[0]) == INH_COLOR]
    assert len(dots) == 1 and len(dots[0].get_paths()) == 1  # ... ending in one dot
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"a", "b", "u", "θ=1"} <= texts
    assert {t.get_text() for t in fig.axes[0].get_legend().get_texts()} >= {"inhibitory (veto)", "input"}


def test_self_loop_counts_and_outputs_drawn() -> None:
    net = MPNet(("a",), (MPUnit("u", 1, ("a", "u", "u")), not_unit("v", "u")), {"o": "u", "p": "v"},
                initial={"u"})
    fig = draw_net(net)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "2" in texts and "o" in texts and "p" in texts  # the self-loop's count, the output stubs
    loop = next(a for a in _arrows(fig) if a.get_gid() == "synapse u->u")
    ys = loop.get_path().vertices[:, 1]
    assert ys.max() > layout_net(net).pos["u"][1] + 0.45  # a loop above the unit
    assert "recurrent" in fig.axes[0].get_title()


def test_big_net_draws_with_small_fonts() -> None:
    rng = np.random.default_rng(0)
    prev, units = ["x0", "x1", "x2"], []
    for layer in range(4):  # 4 layers of 50 units: 203 nodes, 600 synapses
        cur = [f"l{layer}_{k}" for k in range(50)]
        units += [MPUnit(n, int(rng.integers(0, 3)), tuple(rng.choice(prev, 2)), tuple(rng.choice(prev, 1)))
                  for n in cur]
        prev = cur
    net = MPNet(("x0", "x1", "x2"), tuple(units), {"y": prev[0]})
    fig = draw_net(net, style="graph")  # the big-net path: collections of routes and heads, one label per node
    texts = fig.axes[0].texts
    assert max(fig.get_size_inches()) <= 31 and max(t.get_fontsize() for t in texts) < 6
    assert len(texts) <= 203 + 1 + 50 * 4  # one label per node (plus counts and the output)
    paths = [c for c in fig.axes[0].collections if type(c).__name__ == "PathCollection"]
    assert len(paths) == 1 and len(paths[0].get_paths()) == sum(len(u.sources) for u in net.units)
    assert figure_to_bytes(fig, "png", dpi=20).startswith(MAGIC["png"])
    assert "connection matrix" in draw_net(net).axes[0].get_title()  # what auto draws for such a tangle


def test_draw_into_given_axes() -> None:
    from matplotlib.figure import Figure

    fig = Figure()
    _, ax2 = fig.subplots(1, 2)
    assert draw_net(XOR, ax=ax2) is fig and ax2.get_title().startswith("MP net: 2 inputs, 3 units")


def test_raster_marks_every_event(backend) -> None:
    seq = np.array([[0, 0], [1, 0], [0, 0], [0, 1], [0, 0]], dtype=np.uint8)
    trace = run(LATCH, seq, backend=backend)
    fig = draw_raster(trace, title="latch")
    ax = fig.axes[0]
    inputs_line, units_line = [ln for ln in ax.get_lines() if ln.get_label() in ("input line on", "unit fires")]
    assert sorted(zip(inputs_line.get_xdata(), -inputs_line.get_ydata(), strict=True)) == [(1, 0), (3, 1)]
    # m fires at ticks 2 and 3 (set at 1, held, reset seen at 3), row 2 below the two inputs
    assert sorted(zip(units_line.get_xdata(), -units_line.get_ydata(), strict=True)) == [(2, 2), (3, 2)]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["s", "r", "m"]
    assert ax.get_title() == "latch"
    assert figure_to_bytes(fig, "png").startswith(MAGIC["png"])


def test_save_figure_refuses_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"x\.gif: cannot save a figure as 'gif'"):
        save_figure(draw_net(XOR), tmp_path / "x.gif")
    with pytest.raises(SpecError, match="unknown figure format"):
        figure_to_bytes(draw_net(XOR), "bmp")
    assert list(tmp_path.iterdir()) == []


# ---- the examples script -------------------------------------------------------------------------------------------
def test_build_nets_script_reproduces_the_shipped_files(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_nets", EXAMPLES / "build_nets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.main([str(tmp_path / "fig"), "--nets-dir", str(tmp_path / "nets")])
    for name in ("and", "or", "not", "xor", "latch"):
        assert (tmp_path / "nets" / f"{name}.json").read_bytes() == (EXAMPLES / "nets" / f"{name}.json").read_bytes()
        assert (tmp_path / "fig" / f"{name}.png").read_bytes().startswith(MAGIC["png"])
    assert (tmp_path / "fig" / "latch_raster.png").exists()


# ---- big and tangled nets, titles that fit ---------------------------------------------------------------------
def comparator3() -> MPNet:
    """The 3-bit magnitude comparator compiled from its 64-row truth table (lt, eq, gt)."""
    from neurosim.logic import TruthTable, compile_table

    rows = tuple((format(r, "06b"), f"{int(a < b)}{int(a == b)}{int(a > b)}")
                 for r in range(64) for a, b in [(r >> 3, r & 7)])
    table = TruthTable(("a2", "a1", "a0", "b2", "b1", "b0"), ("lt", "eq", "gt"), rows, "fr")
    return compile_table(table).net


def test_tangled_net_is_drawn_as_its_connection_matrix_and_says_so() -> None:
    net = comparator3()
    fig = draw_net(net)
    ax = fig.axes[0]
    assert "connection matrix" in ax.get_title() and "style='graph'" in ax.get_title()
    assert [t.get_text() for t in ax.get_xticklabels()][-3:] == ["lt:nor", "eq:or", "gt:or"]  # outputs last, in order
    assert [t.get_text() for t in ax.get_yticklabels()][:6] == ["a2", "a1", "a0", "b2", "b1", "b0"]
    w, h = fig.get_size_inches()
    assert w <= 31 and h <= 31
    # every synapse is one mark: a square per excitatory pair, a dot per veto
    marks = {c.get_gid(): len(c.get_paths()) for c in ax.collections}
    assert marks["inhibitory"] == sum(len(u.inhibitory) for u in net.units)
    assert marks["excitatory"] == sum(len(set(u.excitatory) - set(u.inhibitory)) for u in net.units)
    forced = draw_net(net, style="graph")
    assert "connection matrix" not in forced.axes[0].get_title()


def test_drawing_styles_and_the_size_limit() -> None:
    from neurosim.draw.net import MAX_DRAWN_NODES
    from neurosim.errors import ParameterError

    assert "connection matrix" not in draw_net(XOR, style="matrix").axes[0].get_title()  # asked for: no excuse
    with pytest.raises(ParameterError, match="expected a drawing style"):
        draw_net(XOR, style="fancy")
    big = MPNet(("a",), tuple(MPUnit(f"u{j}", 1, ("a",)) for j in range(MAX_DRAWN_NODES)), {})
    with pytest.raises(ParameterError, match=r"too large to draw legibly .* GraphML or DOT"):
        draw_net(big)


@pytest.mark.parametrize("name", ["majority3.csv", "full_adder.csv", "seven_segment.csv", "nets/not.json",
                                  "nets/latch.json", "div3.json"])
def test_every_text_fits_the_canvas(name: str) -> None:
    from neurosim.automata import compile_dfa
    from neurosim.draw import draw_dfa
    from neurosim.examples import path
    from neurosim.io import load_dfa, load_net, load_table
    from neurosim.logic import compile_table

    if name.endswith(".csv"):
        figs = [draw_net(compile_table(load_table(path(name))).net)]
    elif name.startswith("nets/"):
        figs = [draw_net(load_net(path(name)))]
    else:
        dfa = load_dfa(path(name))
        figs = [draw_dfa(dfa), draw_net(compile_dfa(dfa).net)]
    long_title = "A deliberately long title that would run off a narrow figure if it were not wrapped to fit it"
    figs.append(draw_net(MPNet(("a",), (MPUnit("u", 1, ("a",)),), {"u": "u"}), title=long_title))
    for fig in figs:
        assert texts_outside(fig) == []
