"""Verification: exhaustive and cube-containment verdicts agree, and a broken net yields a counterexample."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.core.mp import MPNet, MPUnit
from neurosim.errors import DataError
from neurosim.logic.compiler import compile_table
from neurosim.logic.net_covers import node_covers
from neurosim.logic.truthtable import TruthTable
from neurosim.logic.verifier import Verdict, verify

from ..oracles.reference import reference_evaluate


def full_adder() -> TruthTable:
    values = []
    for r in range(8):
        a, b, c = (r >> 2) & 1, (r >> 1) & 1, r & 1
        values.append([(a + b + c) & 1, (a + b + c) >> 1])
    return TruthTable.from_values(("a", "b", "cin"), ("s", "cout"), np.array(values, dtype=np.int8))


def broken(net: MPNet) -> MPNet:
    u = net.units[-1]
    return MPNet(net.inputs, (*net.units[:-1], MPUnit(u.name, u.threshold + 1, u.excitatory, u.inhibitory)),
                 net.outputs)


@pytest.mark.parametrize("exhaustive_max", [30, 0])
def test_compiled_nets_verify(exhaustive_max, backend):
    t = full_adder()
    v = verify(compile_table(t).net, t, backend=backend, exhaustive_max=exhaustive_max)
    assert isinstance(v, Verdict) and v.ok and v.counterexample is None
    assert v.how.startswith("exhaustive 2^3 rows" if exhaustive_max else "cube containment")


@pytest.mark.parametrize("exhaustive_max,samples", [(30, 0), (0, 0), (0, 64)])
def test_broken_net_gives_a_real_counterexample(exhaustive_max, samples):
    t = full_adder()
    bad = broken(compile_table(t).net)
    v = verify(bad, t, exhaustive_max=exhaustive_max, samples=samples)
    assert not v.ok
    ce = v.counterexample
    row = tuple(ce.inputs[k] for k in bad.inputs)
    got = dict(zip(bad.output_names, reference_evaluate(bad, row), strict=True))[ce.output]
    assert got == ce.got and ce.expected != ce.got
    assert ce.output in str(ce) and v.to_dict()["counterexample"]["output"] == ce.output


def test_random_simulation_alone_catches_a_wrong_net():
    t = full_adder()
    bad = broken(compile_table(t).net)
    v = verify(bad, t, exhaustive_max=-1, samples=64)  # cube check first, then the random rows
    assert not v.ok


def test_wide_table_uses_cube_containment():
    n = 40
    inputs = tuple(f"x{i}" for i in range(n))
    rows = (("1" * 20 + "-" * 20, "1"), ("-" * 20 + "0" * 20, "1"), ("0" + "-" * 39, "-"))
    t = TruthTable(inputs, ("y",), rows)
    res = compile_table(t)
    v = verify(res.net, t)
    assert v.ok and v.how.startswith("cube containment")
    assert not verify(broken(res.net), t, samples=0).ok


def test_node_covers_of_threshold_and_inhibition():
    net = MPNet(("a", "b", "c"), (MPUnit("u", 2, ("a", "a", "b", "c")), MPUnit("v", 1, ("u",), ("c",))),
                (("y", "v"),))
    cov = node_covers(net)
    from neurosim.logic.cubes import format_cubes

    from .test_cubes import points_of
    pts = points_of(format_cubes(*cov["v"], 3), 3)
    want = {p for p in np.ndindex(2, 2, 2) if (2 * p[0] + p[1] + p[2] >= 2) and not p[2]}
    assert pts == want


def test_mismatched_inputs_are_an_error():
    t = full_adder()
    net = compile_table(t).net
    other = TruthTable(("a", "b", "c"), ("s", "cout"), (("111", "11"),))
    with pytest.raises(DataError, match="inputs"):
        verify(net, other)


def test_from_twenty_inputs_small_covers_are_checked_by_cubes_not_rows():
    n = 24
    inputs = tuple(f"x{i}" for i in range(n))
    t = TruthTable(inputs, ("y",), (("1" * 12 + "-" * 12, "1"), ("-" * 12 + "0" * 12, "1")))
    res = compile_table(t)
    v = verify(res.net, t, samples=0)
    assert v.ok and v.how == "cube containment"
    bad = verify(broken(res.net), t, samples=0)
    assert not bad.ok and bad.how == "cube containment"
    row = tuple(bad.counterexample.inputs[k] for k in inputs)
    assert reference_evaluate(broken(res.net), row)[0] == bad.counterexample.got != bad.counterexample.expected
    # a scheduler asks for the rows themselves
    assert verify(res.net, t, samples=0, scheduler="inline").how == f"exhaustive 2^{n} rows"


def test_from_twenty_inputs_a_large_cover_falls_back_to_the_rows():
    from neurosim.logic.verifier import CUBES_FIRST_INPUTS, CUBES_FIRST_LIMIT

    n = CUBES_FIRST_INPUTS
    inputs = tuple(f"x{i}" for i in range(n))
    # one unit: at least 10 of 20 inputs, whose cover has C(20, 10) = 184,756 cubes, far past the limit
    net = MPNet(inputs, (MPUnit("maj", n // 2, inputs),), (("y", "maj"),))
    assert CUBES_FIRST_LIMIT < 184_756
    t = TruthTable(inputs, ("y",), (("1" + "-" * (n - 1), "1"),))  # y = x0, which the majority is not
    v = verify(net, t, samples=0)
    assert not v.ok and v.how == f"exhaustive 2^{n} rows"
    row = tuple(v.counterexample.inputs[k] for k in inputs)
    assert reference_evaluate(net, row)[0] == v.counterexample.got != v.counterexample.expected == row[0]


def _random_nor_net(rng, n: int) -> MPNet:
    """y = NOR of a few random product terms (AND units over literals; a negated literal is an inhibiting line)."""
    inputs = tuple(f"x{i}" for i in range(n))
    units = []
    for k in range(int(rng.integers(1, 4))):
        lits = rng.choice(n, size=int(rng.integers(1, 3)), replace=False)
        pos = tuple(inputs[i] for i in lits if rng.random() < 0.6)
        neg = tuple(inputs[i] for i in lits if inputs[i] not in pos)
        units.append(MPUnit(f"t{k}", len(pos), pos, neg))
    y = MPUnit("y", 0, (), tuple(u.name for u in units))
    return MPNet(inputs, (*units, y), (("y", "y"),))


@pytest.mark.parametrize("table_type", ["fd", "fr"])
@pytest.mark.parametrize("seed", range(40))
def test_nor_outputs_checked_against_their_inhibitors_agree_with_the_rows(seed, table_type):
    """The cube check of a NOR output (T never complemented) gives the exhaustive check's verdict, and its
    counterexample is real, on random NOR nets against random tables with don't-cares (and OFF rows for fr)."""
    rng = np.random.default_rng(seed)
    n = 5
    net = _random_nor_net(rng, n)
    want = np.array([reference_evaluate(net, tuple((r >> (n - 1 - i)) & 1 for i in range(n)))[0]
                     for r in range(1 << n)], dtype=np.int8)
    values = want.copy()
    flip = rng.random(1 << n)
    values[flip < 0.25] = -1  # don't-cares
    if seed % 2:  # half the tables disagree with the net on one row
        r = int(rng.integers(0, 1 << n))
        values[r] = 1 - want[r]
    vals = values[:, None]
    if table_type == "fd":
        t = TruthTable.from_values(net.inputs, ("y",), vals)
    else:
        rows = tuple((format(r, f"0{n}b"), "1" if v == 1 else "0") for r, v in enumerate(values) if v >= 0)
        t = TruthTable(net.inputs, ("y",), rows, "fr")
    by_rows = verify(net, t, samples=0, exhaustive_max=30)
    by_cubes = verify(net, t, samples=0, exhaustive_max=0)
    assert by_cubes.how == "cube containment" and by_rows.how.startswith("exhaustive")
    assert by_cubes.ok == by_rows.ok
    if not by_cubes.ok:
        ce = by_cubes.counterexample
        row = tuple(ce.inputs[k] for k in net.inputs)
        r = int("".join(map(str, row)), 2)
        assert ce.got == reference_evaluate(net, row)[0] != ce.expected == values[r]
