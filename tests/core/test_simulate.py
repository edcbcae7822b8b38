"""Every engine against the naive 1943 rule (tests/reference.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.backend import to_numpy
from neurosim.core.mp import MPNet, MPUnit
from neurosim.core.simulate import compile_net, evaluate, run
from neurosim.errors import DataError, InvalidNetworkError

from ..oracles.nets import mp_nets
from ..oracles.reference import reference_evaluate, reference_run


def all_rows(n: int) -> np.ndarray:
    """All 2**n rows, first input as the most significant bit."""
    return np.array(list(itertools.product((0, 1), repeat=n)), dtype=np.uint8)


def single_units(n: int):
    """Every unit over n inputs: threshold 0-4, each input excitatory (weight 1 or 2), inhibitory or absent."""
    inputs = tuple(f"x{i}" for i in range(n))
    for th in range(5):
        for roles in itertools.product(("exc", "exc2", "inh", "none"), repeat=n):
            exc = [x for x, r in zip(inputs, roles, strict=True) if r == "exc"]
            exc += [x for x, r in zip(inputs, roles, strict=True) if r == "exc2"] * 2
            inh = [x for x, r in zip(inputs, roles, strict=True) if r == "inh"]
            yield MPNet(inputs, (MPUnit("u", th, tuple(exc), tuple(inh)),), {"y": "u"})


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("sparse", [False, True])
def test_every_single_unit_matches_reference(n, sparse, backend):
    rows = all_rows(n)
    for net in single_units(n):
        want = np.array([reference_evaluate(net, r) for r in rows], dtype=np.uint8)
        cn = compile_net(net, backend, sparse=sparse)
        got = to_numpy(evaluate(net, rows, compiled=cn))
        assert np.array_equal(got, want), net.units[0]
        # the stepping engine on held inputs agrees after one tick
        tr = run(net, np.repeat(rows[:, None, :], 1, axis=1), compiled=cn)
        assert np.array_equal(to_numpy(tr.units)[:, 1, :], want)


def test_worked_unit_numbers():
    # θ = 2 over a, a, b (a counts twice) with c inhibitory: fires iff (a or b... ) -> a alone suffices, c vetoes
    net = MPNet(("a", "b", "c"), (MPUnit("u", 2, ("a", "a", "b"), ("c",)),), {"y": "u"})
    got = to_numpy(evaluate(net, all_rows(3)))[:, 0].tolist()
    #            abc: 000 001 010 011 100 101 110 111
    assert got == [0, 0, 0, 0, 1, 0, 1, 0]


@settings(max_examples=120, deadline=None)
@given(net=mp_nets(feedforward=True), data=st.data())
def test_random_feedforward_nets_match_reference(net, data, backend):
    rows = all_rows(len(net.inputs))
    want = np.array([reference_evaluate(net, r) for r in rows], dtype=np.uint8)
    sparse = data.draw(st.booleans())
    got = to_numpy(evaluate(net, rows, compiled=compile_net(net, backend, sparse=sparse)))
    assert np.array_equal(got, want)


@settings(max_examples=120, deadline=None)
@given(net=mp_nets(feedforward=False), data=st.data())
def test_random_recurrent_runs_match_reference(net, data, backend):
    b = data.draw(st.integers(1, 4))
    t = data.draw(st.integers(0, 6))
    seqs = np.array(data.draw(st.lists(st.lists(st.lists(st.integers(0, 1), min_size=len(net.inputs),
                                                            max_size=len(net.inputs)),
                                                   min_size=t, max_size=t), min_size=b, max_size=b)),
                    dtype=np.uint8).reshape(b, t, len(net.inputs))
    sparse = data.draw(st.booleans())
    tr = run(net, seqs, compiled=compile_net(net, backend, sparse=sparse))
    units = to_numpy(tr.units)
    for i in range(b):
        ref = reference_run(net, seqs[i].tolist())
        for tick, firing in enumerate(ref):
            assert {n for n, v in zip(net.unit_names, units[i, tick], strict=True) if v} == firing
    assert np.array_equal(to_numpy(tr.final), units[:, -1])


def test_latch_holds_until_reset(backend):
    # set line s excites m; m excites itself; reset r vetoes m
    net = MPNet(("s", "r"), (MPUnit("m", 1, ("s", "m"), ("r",)),), {"q": "m"})
    seq = np.array([[0, 0], [1, 0], [0, 0], [0, 0], [0, 1], [0, 0]], dtype=np.uint8)
    tr = run(net, seq, backend=backend)
    assert to_numpy(tr.output_values())[0, :, 0].tolist() == [0, 0, 1, 1, 1, 0, 0]
    assert (1, "s") in tr.events() and (2, "m") in tr.events()


def test_record_subset_and_initial_array(backend):
    net = MPNet(("a",), (MPUnit("p", 1, ("q",)), MPUnit("q", 1, ("p",))), {"y": "p"})
    init = np.array([[1, 0], [0, 1]], dtype=np.uint8)
    tr = run(net, np.zeros((2, 3, 1), dtype=np.uint8), initial=init, record=["p"], backend=backend)
    assert to_numpy(tr.units)[:, :, 0].tolist() == [[1, 0, 1, 0], [0, 1, 0, 1]]
    assert tr.recorded == ("p",)


def test_output_on_input_line():
    net = MPNet(("a",), (), {"y": "a"})
    assert to_numpy(evaluate(net, [[1], [0]]))[:, 0].tolist() == [1, 0]


@pytest.mark.parametrize(("X", "needle"), [([[0, 2]], "expected 0 or 1, found 2"), ([[0]], "expected 2 input"),
                                           ([[[0, 1]]], "expected shape")])
def test_bad_rows(X, needle):
    net = MPNet(("a", "b"), (MPUnit("u", 1, ("a", "b")),), {"y": "u"})
    with pytest.raises(DataError, match=needle):
        evaluate(net, X)


def test_evaluate_refuses_recurrent():
    net = MPNet(("a",), (MPUnit("m", 1, ("a", "m")),), {"y": "m"})
    with pytest.raises(InvalidNetworkError, match="cycle"):
        evaluate(net, [[1]])


def test_record_unknown_unit():
    net = MPNet(("a",), (MPUnit("m", 1, ("a",)),), {"y": "m"})
    with pytest.raises(InvalidNetworkError, match="no unit named 'zz'"):
        run(net, [[1]], record=["zz"])
