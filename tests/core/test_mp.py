"""The MP value types: validation, helpers and structure."""

from __future__ import annotations

import dataclasses

import pytest

from neurosim.core.mp import MPNet, MPUnit, and_unit, atleast_unit, const_unit, not_unit, or_unit
from neurosim.errors import InvalidNetworkError


def test_unit_normalises_multiset_and_set():
    u = MPUnit("u", 2, ("b", "a", "b"), ("c", "c"))
    assert u.excitatory == ("a", "b", "b")
    assert u.inhibitory == ("c",)
    assert u.weights == {"a": 1, "b": 2}
    assert u.n_synapses == 4 and u.fan_in == 3


def test_unit_is_frozen():
    u = MPUnit("u", 1, ("a",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.threshold = 2  # type: ignore[misc]


@pytest.mark.parametrize(("threshold", "needle"), [(-1, ">= 0"), (1.5, "integer"), ("2", "integer"), (True, "integer")])
def test_bad_threshold_names_unit(threshold, needle):
    with pytest.raises(InvalidNetworkError, match=needle) as ei:
        MPUnit("u7", threshold, ("a",))
    assert "u7" in str(ei.value)


@pytest.mark.parametrize("name", ["", "1abc", "a b", None, "x,y"])
def test_bad_names(name):
    with pytest.raises(InvalidNetworkError):
        MPUnit(name, 1)


def test_sources_as_string_rejected():
    with pytest.raises(InvalidNetworkError, match="not a string"):
        MPUnit("u", 1, "ab")


def test_unknown_source_named():
    with pytest.raises(InvalidNetworkError, match="unknown source 'zz'"):
        MPNet(("a",), (MPUnit("u", 1, ("zz",)),), {"y": "u"})


def test_duplicate_name_named():
    with pytest.raises(InvalidNetworkError, match="duplicate node name 'a'"):
        MPNet(("a",), (MPUnit("a", 1, ()),), {"y": "a"})


def test_undefined_output_named():
    with pytest.raises(InvalidNetworkError, match="undefined node 'nope'"):
        MPNet(("a",), (), {"y": "nope"})


def test_duplicate_output_named():
    with pytest.raises(InvalidNetworkError, match="duplicate output name 'y'"):
        MPNet(("a",), (), (("y", "a"), ("y", "a")))


def test_initial_must_be_unit():
    with pytest.raises(InvalidNetworkError, match="initial"):
        MPNet(("a",), (), {"y": "a"}, frozenset({"a"}))


def test_helpers_and_structure():
    net = MPNet(
        ("a", "b"),
        (and_unit("h1", ["a"], ["b"]), and_unit("h2", ["b"], ["a"]), or_unit("y", ["h1", "h2"]),
         not_unit("na", "a"), const_unit("one", True), const_unit("zero", False), atleast_unit("k", ["a", "b"], 2)),
        {"xor": "y", "na": "na", "a": "a"},
    )
    assert net.is_feedforward()
    assert net.depth() == 2
    assert net.levels()["y"] == 2 and net.levels()["one"] == 1
    stats = net.fan_in_stats()
    assert stats["max"] == 2 and stats["min"] == 0 and stats["units"] == 7
    assert net.summary()["synapses"] == net.n_synapses == 2 + 2 + 2 + 1 + 0 + 0 + 2
    assert net.unit("k").threshold == 2


def test_cycle_detected_and_named():
    net = MPNet(("a",), (MPUnit("p", 1, ("a", "q")), MPUnit("q", 1, ("p",))), {"y": "q"})
    assert not net.is_feedforward()
    with pytest.raises(InvalidNetworkError, match="cycle through unit"):
        net.depth()


def test_self_loop_is_recurrent():
    net = MPNet(("s",), (MPUnit("m", 1, ("s", "m")),), {"y": "m"}, frozenset({"m"}))
    assert not net.is_feedforward()
    assert net.summary()["depth"] is None


def test_metadata_not_part_of_equality():
    a = MPNet(("a",), (), {"y": "a"})
    assert a.with_metadata(k=1) == a
    assert a.with_metadata(k=1).meta == {"k": 1}
