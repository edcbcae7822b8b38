"""The shipped table of minimum nets: every class of 4-input functions present, every net exhaustively right."""

from __future__ import annotations

import numpy as np

from neurosim.core import truth_table
from neurosim.logic.exact_synthesis import shape_to_net
from neurosim.logic.minimum_table import format_shape, lookup, minimum_entries, parse_shape
from neurosim.logic.npn import npn_classes, p_classes, tt_values


def test_the_classes_cover_all_65536_functions():
    entries = minimum_entries()
    reps, idx = p_classes(4)
    assert sorted(entries) == [int(t) for t in reps]  # one line per P-class, nothing else
    assert len(idx) == 65536 and set(np.unique(idx)) == set(range(len(reps)))
    nreps, _ = npn_classes(4)
    assert len(nreps) == 222 and all(int(t) in entries for t in nreps)  # each NPN representative has its net


def test_every_net_computes_its_function_on_all_16_rows():
    entries = minimum_entries()
    tts = np.array(sorted(entries), dtype=np.uint64)
    want = tt_values(tts, 4)
    for tt, row in zip(tts, want, strict=True):
        e = entries[int(tt)]
        got = e.shape.rows()[:, e.shape.outputs[0]]
        assert np.array_equal(got, row), hex(int(tt))
        assert (e.units, e.synapses, e.depth) == (len(e.shape.thresholds), e.shape.synapses, e.shape.depth())
        assert "m" in e.proven  # every size below was proven impossible


def test_a_sample_through_the_bit_parallel_engine():
    entries = minimum_entries()
    for tt in sorted(entries)[::97]:
        net = shape_to_net(entries[tt].shape, ("a", "b", "c", "d"), ("y",))
        assert np.array_equal(truth_table(net)[:, 0], tt_values(np.array([tt], dtype=np.uint64), 4)[0])


def test_lookup_rewires_the_class_net_onto_any_member():
    rng = np.random.default_rng(5)
    for tt in [0x6996, 0x0001, 0xFFFE, *rng.integers(0, 65536, 300).tolist()]:
        e = lookup(int(tt))
        assert np.array_equal(e.shape.rows()[:, e.shape.outputs[0]], tt_values(np.array([tt], dtype=np.uint64), 4)[0])


def test_text_round_trip():
    for e in list(minimum_entries().values())[::211]:
        assert parse_shape(format_shape(e.shape)) == e.shape
