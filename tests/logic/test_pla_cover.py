"""The PLA written for a compiled net is a cover of the function the net computes (issue 10, item 1).

Oracles: the net itself, simulated on every row (or checked by cube containment); the 1943 rule in plain Python
for the unit covers; primes of a threshold function counted by hand; a round trip through the PLA text.
"""

from __future__ import annotations

import itertools
import os
from math import comb
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from neurosim.core.mp import MPNet, MPUnit
from neurosim.errors import CoverTooLarge
from neurosim.io.tables import load_table, table_to_text
from neurosim.logic.compiler import compile_table
from neurosim.logic.cubes import format_cubes
from neurosim.logic.net_covers import node_covers
from neurosim.logic.pla_cover import PLA_HOWS, net_cover
from neurosim.logic.verifier import verify
from neurosim_cli.main import cli

from ..oracles.nets import mp_nets
from ..oracles.reference import reference_evaluate, reference_run
from ..oracles.tables import truth_tables

EXAMPLES = Path(__file__).parents[2] / "examples"
BENCH = Path(os.environ.get("NEUROSIM_BENCH_PLA", Path(__file__).parents[3] / "shared" / "benchmarks" / "pla"))
TABLES = sorted(p.name for p in EXAMPLES.iterdir()
                if p.suffix in (".csv", ".pla", ".txt") and p.name != "cloud2d.csv")
#: the MCNC files the suite round-trips (the smallest; benchmarks/bench_pla.py runs all 44)
MCNC_MAX_BYTES = 550


def _quiet(message: str) -> None:
    pass


def _through_text(res):
    """The PLA text written for ``res``, read back."""
    return load_table(table_to_text(res.cover_table(), "pla"), fmt="pla", warn=_quiet)


def _points(cubes: list[str]) -> set[tuple[int, ...]]:
    n = len(cubes[0]) if cubes else 0
    return {p for p in itertools.product((0, 1), repeat=n)
            if any(all(c == "-" or int(c) == v for c, v in zip(cube, p, strict=True)) for cube in cubes)}


@pytest.mark.parametrize("name", TABLES)
def test_every_example_round_trips_through_its_pla(name):
    table = load_table(EXAMPLES / name, warn=_quiet)
    res = compile_table(table)
    back = _through_text(res)
    assert back.type == "fd" and len(back.rows) == len(res.cover) > 0
    assert verify(res.net, back, samples=0).ok  # the PLA is exactly the net's function, on every row
    again = compile_table(back)
    assert verify(again.net, table, samples=0).ok  # compile x.pla --verify against X


def test_full_adder_pla_on_the_command_line(tmp_path):
    # before: "-o fa.pla" wrote ".p 0" (threshold and symmetric outputs had no cubes) and exit 0
    runner = CliRunner()
    out = tmp_path / "fa.pla"
    res = runner.invoke(cli, ["compile", str(EXAMPLES / "full_adder.csv"), "-o", str(out), "--json"])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert ".p 7\n" in text
    import json

    doc = json.loads(res.stdout)
    assert doc["method"] is None  # no output is built from a two-level cover: no "heuristic cover"
    assert doc["cover"] == {"cubes": 7, "outputs": {"s": "minimised", "cout": "primes"}}
    res2 = runner.invoke(cli, ["compile", str(out), "--verify", "-o", str(tmp_path / "fa.json")])
    assert res2.exit_code == 0 and "verified: yes" in res2.stderr
    back = load_table(out)
    assert verify(compile_table(back).net, load_table(EXAMPLES / "full_adder.csv", warn=_quiet)).ok


@pytest.mark.parametrize("n,theta", [(3, 2), (4, 3), (5, 3), (6, 2)])
def test_threshold_output_pla_is_its_primes(n, theta):
    # a threshold function is unate: its primes are its unique minimum cover, C(n, θ) cubes for "at least θ"
    rows = tuple(("".join(map(str, p)), "1") for p in itertools.product((0, 1), repeat=n) if sum(p) >= theta)
    from neurosim.logic.truthtable import TruthTable

    res = compile_table(TruthTable(tuple(f"x{i}" for i in range(n)), ("y",), rows))
    assert dict(res.realisations)["y"] == "threshold"
    cubes = [c for c, _ in res.cover]
    assert len(cubes) == comb(n, theta) and all(c.count("1") == theta and "0" not in c for c in cubes)


def test_parity_pla_is_every_odd_minterm():
    from neurosim.logic.truthtable import TruthTable

    rows = tuple(("".join(map(str, p)), str(sum(p) % 2)) for p in itertools.product((0, 1), repeat=5))
    res = compile_table(TruthTable(tuple(f"x{i}" for i in range(5)), ("y",), rows))
    assert dict(res.realisations)["y"] == "symmetric"
    cubes = [c for c, _ in res.cover]
    assert len(cubes) == 16 and _points(cubes) == {p for p in itertools.product((0, 1), repeat=5) if sum(p) % 2}


def test_dont_cares_resolved_as_the_net_resolves_them():
    # majority with one row a don't-care: the PLA holds what the net does there, not the table's '-'
    from neurosim.logic.truthtable import TruthTable

    t = TruthTable(("a", "b", "c"), ("m",), (("11-", "1"), ("1-1", "1"), ("011", "-")))
    res = compile_table(t)
    net_on = {p for p in itertools.product((0, 1), repeat=3) if reference_evaluate(res.net, p)[0]}
    assert (0, 1, 1) in net_on  # the threshold unit θ = 2 fires there
    assert _points([c for c, _ in res.cover]) == net_on


@settings(max_examples=30, deadline=None)
@given(truth_tables(max_inputs=5, max_outputs=3, max_rows=10))
def test_property_pla_equals_the_net_function(table):
    res = compile_table(table)
    back = _through_text(res)
    assert verify(res.net, back, samples=0).ok
    assert set(dict(res.net_cover().how).values()) <= set(PLA_HOWS)


@settings(max_examples=60, deadline=None)
@given(mp_nets(max_inputs=4, max_units=6, max_threshold=4))
def test_property_node_covers_equal_the_1943_rule(net):
    covers = node_covers(net)
    depth = len(net.units) + 1
    for p in itertools.product((0, 1), repeat=len(net.inputs)):
        fired = reference_run(net, [p] * depth)[-1] | {x for x, v in zip(net.inputs, p, strict=True) if v}
        for name, cover in covers.items():
            cubes = format_cubes(*cover, len(net.inputs))
            assert (p in _points(cubes)) == (name in fired), (name, p)


def test_cover_too_large_is_a_clear_error():
    xs = tuple(f"x{i}" for i in range(12))
    net = MPNet(xs, (MPUnit("maj", 6, xs),), (("y", "maj"),))
    assert len(net_cover(net).rows) == comb(12, 6)
    assert net_cover(net).how == (("y", "primes"),)
    with pytest.raises(CoverTooLarge, match=r"no PLA for this net.*another format"):
        net_cover(net, limit=100)


def test_nor_output_is_minimised_against_its_terms():
    # y = NOR(a b', a' b) = XNOR: the PLA is the two cubes 00 and 11 whatever the complement produced
    net = MPNet(("a", "b"), (MPUnit("p", 1, ("a",), ("b",)), MPUnit("q", 1, ("b",), ("a",)),
                             MPUnit("y", 0, (), ("p", "q"))), (("y", "y"),))
    assert sorted(c for c, _ in net_cover(net).rows) == ["00", "11"]


def test_small_mcnc_files_round_trip():
    if not BENCH.is_dir():
        pytest.skip(f"benchmark PLAs not present at {BENCH}")
    names = sorted(p.name for p in BENCH.glob("*.pla") if p.stat().st_size <= MCNC_MAX_BYTES)
    assert len(names) >= 8
    for name in names:
        table = load_table(BENCH / name, warn=_quiet)
        res = compile_table(table)
        back = _through_text(res)
        assert verify(res.net, back, samples=0, exhaustive_max=16).ok, name
        assert verify(res.net, table, samples=0, exhaustive_max=16).ok, name


def test_summary_counts_are_consistent():
    table = load_table(EXAMPLES / "multiplier2.csv", warn=_quiet)
    # two-level (sop outputs) and with the multi-level rewrite (minimum outputs): the cover names every output
    for multilevel, kind in ((False, "sop"), (True, "minimum")):
        res = compile_table(table, multilevel=multilevel)
        kinds = dict(res.realisations)
        assert res.summary["method"] is not None and kind in kinds.values()
        assert np.array_equal(sorted(dict(res.net_cover().how)), sorted(kinds))
