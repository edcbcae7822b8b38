"""Multi-level resynthesis: windows and small outputs rewritten by exact minimum nets, function kept."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from neurosim.core import MPNet, MPUnit, truth_table
from neurosim.io import load_table
from neurosim.logic import TruthTable, compile_table, verify
from neurosim.logic.resynthesis import resynthesize


def test_parity4_and_the_multiplier_become_their_minimum():
    t = load_table("examples/parity4.csv")
    two, auto = compile_table(t, multilevel=False), compile_table(t)
    assert (len(two.net.units), len(auto.net.units)) == (5, 4)  # symmetric units: 5; the proven minimum: 4
    assert set(dict(auto.realisations).values()) == {"minimum"} and auto.summary["multilevel"]["two_level_units"] == 5
    assert verify(auto.net, t).ok
    t = load_table("examples/multiplier2.csv")  # 4 outputs over 4 inputs, synthesised together
    two, auto = compile_table(t, multilevel=False), compile_table(t)
    assert len(auto.net.units) < len(two.net.units) and verify(auto.net, t).ok


def test_a_window_inside_a_larger_net():
    # y = parity(a, b, c) built as a sum of 4 products, then ANDed with five more inputs: the parity window
    # (5 units) becomes 3 units; the AND over the window stays
    ins = ("a", "b", "c", "d", "e", "f", "g", "h")
    terms = [("a", "b", "c"), ("a",), ("b",), ("c",)]
    units = [MPUnit("t0", 3, ("a", "b", "c")), MPUnit("t1", 1, ("a",), ("b", "c")),
             MPUnit("t2", 1, ("b",), ("a", "c")), MPUnit("t3", 1, ("c",), ("a", "b")),
             MPUnit("p", 1, ("t0", "t1", "t2", "t3")), MPUnit("y", 6, ("p", "d", "e", "f", "g", "h"))]
    assert len(terms) == 4
    net = MPNet(ins, tuple(units), (("y", "y"),))
    re = resynthesize(net, exact_outputs=False)
    assert len(re.net.units) == 4 and re.windows >= 1
    assert np.array_equal(truth_table(re.net), truth_table(net))


@st.composite
def random_nets(draw):
    n = draw(st.integers(2, 6))
    ins = tuple(f"x{i}" for i in range(n))
    nodes = list(ins)
    units = []
    for j in range(draw(st.integers(1, 9))):
        srcs = draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=4, unique=True))
        inh = draw(st.lists(st.sampled_from(nodes), max_size=1, unique=True))
        exc = tuple(s for s in srcs if s not in inh)
        exc = exc + tuple(draw(st.lists(st.sampled_from(exc), max_size=2))) if exc else exc
        units.append(MPUnit(f"u{j}", draw(st.integers(0, len(exc) + 1)), exc, tuple(inh)))
        nodes.append(f"u{j}")
    outs = draw(st.lists(st.sampled_from([u.name for u in units]), min_size=1, max_size=3, unique=True))
    return MPNet(ins, tuple(units), tuple((f"o{i}", v) for i, v in enumerate(outs)))


# hypothesis found it: a window (root u7, leaf x0) whose freed units an earlier rewrite of the same pass had taken
_STALE_WINDOW = MPNet(("x0", "x1", "x2", "x3", "x4", "x5"), (
    MPUnit("u0", 0, ("x0",), ()), MPUnit("u1", 0, (), ("x0",)), MPUnit("u2", 0, ("x0",), ()),
    MPUnit("u3", 0, ("x0",), ("u1",)), MPUnit("u4", 0, ("x0",), ()), MPUnit("u5", 0, ("x0",), ()),
    MPUnit("u6", 0, ("x0",), ()), MPUnit("u7", 0, ("x0",), ("u3",))), (("o0", "u0"),))


@settings(max_examples=40, deadline=None)
@example(_STALE_WINDOW)
@given(random_nets())
def test_rewriting_keeps_every_output_on_every_row(net):
    re = resynthesize(net)
    assert len(re.net.units) <= len(net.units)
    assert np.array_equal(truth_table(re.net), truth_table(net))


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 4), st.data())
def test_auto_with_dont_cares_is_right_on_every_care_row_and_never_larger(n, data):
    vals = np.array(data.draw(st.lists(st.lists(st.sampled_from([0, 1, -1]), min_size=2, max_size=2),
                                       min_size=1 << n, max_size=1 << n)))
    t = TruthTable.from_values(tuple(f"x{i}" for i in range(n)), ("f", "g"), vals)
    auto, two = compile_table(t), compile_table(t, multilevel=False)
    assert verify(auto.net, t).ok
    assert len(auto.net.units) <= len(two.net.units)
    cover = auto.cover_table().to_values()  # the PLA rows of an exact output: the function the net computes
    got = truth_table(auto.net)
    for j, (o, kind) in enumerate(auto.realisations):
        if kind == "minimum":
            assert np.array_equal(np.maximum(cover[:, j], 0), got[:, auto.net.output_names.index(o)])


def _count_table(vals_by_count: np.ndarray, n: int, outs: tuple[str, ...]) -> TruthTable:
    r = np.arange(1 << n)
    c = sum((r >> i) & 1 for i in range(n))
    return TruthTable.from_values(tuple(f"x{i}" for i in range(n)), outs, vals_by_count[c])


def test_the_bits_of_a_count_of_five_share_four_symmetric_units():
    # rd53 of the MCNC set: the two-level net has 7 units; the symmetric search shares 4 among the 3 outputs
    c = np.arange(6)
    t = _count_table(np.stack([(c >> 2) & 1, (c >> 1) & 1, c & 1], axis=1), 5, ("c2", "c1", "c0"))
    two, auto = compile_table(t, multilevel=False), compile_table(t)
    assert (len(two.net.units), len(auto.net.units)) == (7, 4)
    assert set(dict(auto.realisations).values()) == {"symmetric"}
    assert auto.summary["multilevel"]["symmetric_outputs"] == 3
    assert verify(auto.net, t).ok and np.array_equal(truth_table(auto.net), t.to_values())


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from([0, 1, -1]), min_size=6, max_size=6), st.lists(st.booleans(), min_size=32,
                                                                                max_size=32))
def test_symmetric_outputs_with_dont_cares_stay_right_on_every_care_row(by_count, dc_rows):
    # a 5-input output that is symmetric on its care rows (some rows of a count may be don't-cares too)
    vals = np.array(by_count, dtype=np.int8)[:, None]
    t = _count_table(vals, 5, ("y",))
    v = t.to_values()
    v[np.array(dc_rows) & (np.arange(32) % 3 == 0), 0] = -1
    t = TruthTable.from_values(t.inputs, t.outputs, v)
    auto, two = compile_table(t), compile_table(t, multilevel=False)
    assert verify(auto.net, t).ok and len(auto.net.units) <= len(two.net.units)
    got, cover = truth_table(auto.net)[:, 0], auto.cover_table().to_values()[:, 0]
    assert np.array_equal(np.maximum(cover, 0), got)  # its PLA says what the net computes


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_cofactor_bound_never_exceeds_a_net_that_computes_the_function(data):
    # any net of multiplicities <= 3 over 5 inputs is an upper bound on the minimum the bound must not pass
    from neurosim.logic.resynthesis import _cofactor_bound

    ins = tuple(f"x{i}" for i in range(5))
    nodes, units = list(ins), []
    for j in range(data.draw(st.integers(1, 4))):
        srcs = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=5, unique=True))
        inh = tuple(data.draw(st.lists(st.sampled_from(srcs), max_size=1)))
        exc = tuple(s for s in srcs if s not in inh for _ in range(data.draw(st.integers(1, 3))))
        units.append(MPUnit(f"u{j}", data.draw(st.integers(0, len(exc) + 1)), exc, inh))
        nodes.append(f"u{j}")
    net = MPNet(ins, tuple(units), (("y", units[-1].name),))
    v = truth_table(net)[:, 0].astype(np.int8)
    assert _cofactor_bound(v, 5) <= len(units)


def test_the_cofactor_bound_worked_example():
    from neurosim.logic.resynthesis import _cofactor_bound

    c = sum((np.arange(32) >> i) & 1 for i in range(5))
    assert _cofactor_bound((c % 2).astype(np.int8), 5) == 4  # every cofactor is a parity of 4 (minimum 4)
    assert _cofactor_bound((c >= 3).astype(np.int8), 5) == 1  # majority: one unit, and so are its cofactors
    v = (c % 2).astype(np.int8)
    v[0] = -1
    assert _cofactor_bound(v, 5) == 1  # don't-cares: no bound claimed


def test_no_symmetric_leaves_symmetric_outputs_to_the_general_search():
    c = np.arange(6)
    t = _count_table((c % 2)[:, None], 5, ("p",))  # the parity of 5
    plain = compile_table(t, symmetric=False)
    assert plain.summary.get("multilevel", {}).get("symmetric_outputs", 0) == 0
    assert "symmetric" not in dict(plain.realisations).values()
    assert len(compile_table(t).net.units) == 4 < len(plain.net.units) and verify(plain.net, t).ok
