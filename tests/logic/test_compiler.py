"""Truth table -> MP net: every small function, random functions with don't-cares, sharing and special units."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.core.bitsim import check_exhaustive, truth_table
from neurosim.core.mp import MPNet
from neurosim.logic.compiler import compile_table
from neurosim.logic.truthtable import TruthTable

from ..oracles.reference import reference_evaluate


def table_of(values: np.ndarray, names=None) -> TruthTable:
    n = int(np.log2(values.shape[0]))
    inputs = names or tuple(f"x{i}" for i in range(n))
    return TruthTable.from_values(inputs, tuple(f"y{j}" for j in range(values.shape[1])), values)


def rows(n):
    return list(itertools.product((0, 1), repeat=n))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_function_of_up_to_three_inputs(n):
    codes = range(1 << (1 << n))
    for code in codes:
        values = np.array([[(code >> r) & 1] for r in range(1 << n)], dtype=np.int8)
        table = table_of(values)
        res = compile_table(table)
        net = res.net
        for r, row in enumerate(rows(n)):
            assert reference_evaluate(net, row) == (values[r, 0],), (n, code, r)
        assert check_exhaustive(net, table) is None
        assert res.summary["depth"] <= 3


def test_many_three_input_functions_as_one_multi_output_table():
    values = np.array([[(code >> r) & 1 for code in range(0, 256, 5)] for r in range(8)], dtype=np.int8)
    res = compile_table(table_of(values))
    assert np.array_equal(truth_table(res.net), values)


@settings(max_examples=25, deadline=None)
@given(st.integers(4, 8).flatmap(lambda n: st.tuples(
    st.just(n), st.integers(1, 3).flatmap(lambda m: st.lists(
        st.lists(st.sampled_from((0, 1, 1, 0, -1)), min_size=m, max_size=m), min_size=1 << n, max_size=1 << n)))),
    st.sampled_from(["auto", "heuristic", "exact"]))
def test_random_functions_with_dont_cares_agree_on_care_rows(data, method):
    _n, vals = data
    values = np.array(vals, dtype=np.int8)
    table = table_of(values)
    res = compile_table(table, method=method)
    got = truth_table(res.net)
    care = values >= 0
    assert np.array_equal(got[care], values[care])


def test_constants_inputs_and_negations():
    n = 2
    a = np.array([0, 0, 1, 1])
    values = np.stack([np.zeros(4), np.ones(4), a, 1 - a], axis=1).astype(np.int8)
    res = compile_table(table_of(values, ("a", "b")))
    net = res.net
    assert dict(net.outputs)["y2"] == "a"  # an output equal to an input reads the input line
    assert dict(res.realisations) == {"y0": "constant", "y1": "constant", "y2": "input", "y3": "threshold"}
    assert net.unit(dict(net.outputs)["y0"]).threshold == 1 and not net.unit(dict(net.outputs)["y0"]).sources
    assert np.array_equal(truth_table(net), values)
    assert n == len(net.inputs)


def test_shared_terms_and_identical_outputs_build_once():
    # y0 = y1 = a b + c d (same cover): two products and one OR unit in all
    rows_ = (("11--", "11"), ("--11", "11"))
    t = TruthTable(("a", "b", "c", "d"), ("y0", "y1"), rows_)
    res = compile_table(t, threshold=False, symmetric=False, multilevel=False)
    assert res.summary["units"] == 3
    assert dict(res.net.outputs)["y0"] == dict(res.net.outputs)["y1"]


def test_threshold_and_symmetric_units_are_smaller():
    maj = TruthTable(("a", "b", "c"), ("m",), (("11-", "1"), ("1-1", "1"), ("-11", "1")))
    res = compile_table(maj)
    assert res.summary["units"] == 1 and dict(res.realisations)["m"] == "threshold"
    parity = table_of(np.array([[bin(r).count("1") % 2] for r in range(32)], dtype=np.int8))
    res = compile_table(parity)
    assert dict(res.realisations)["y0"] == "symmetric"
    assert res.summary["units"] < 16  # a sum of products needs 16 terms + 1 OR unit
    assert check_exhaustive(res.net, parity) is None


def test_unit_names_never_clash_with_inputs():
    t = TruthTable(("p0", "one", "y:or"), ("y",), (("110", "1"), ("011", "1"), ("1-1", "1")))
    res = compile_table(t, threshold=False, symmetric=False)
    assert isinstance(res.net, MPNet)
    assert check_exhaustive(res.net, t) is None


def test_summary_and_cover_table():
    t = TruthTable(("a", "b"), ("x",), (("10", "1"), ("01", "1")))
    res = compile_table(t)
    assert {"inputs", "outputs", "units", "synapses", "depth", "method", "seconds", "terms"} <= set(res.summary)
    ct = res.cover_table()
    assert ct.inputs == ("a", "b") and ct.outputs == ("x",)


def test_bad_method():
    t = TruthTable(("a",), ("x",), (("1", "1"),))
    with pytest.raises(ValueError, match="method"):
        compile_table(t, method="magic")


def test_explicit_offset_type_fr():
    # type fr: rows in no set are don't-cares
    t = TruthTable(("a", "b", "c"), ("y",), (("11-", "1"), ("00-", "0")), "fr")
    res = compile_table(t)
    assert check_exhaustive(res.net, t) is None
    assert res.summary["units"] <= 1
