"""DFA nets: Minsky's construction, the run protocol, the step and table engines, extraction and verification.

Oracles: automata-lib (``accepts_input``) on every short string and on random long ones, the naive 1943 rule in
``tests/reference.py``, brute force over small weight ranges for the merge LP, and a hand-worked trace.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim import examples
from neurosim.automata.dfa import DFA, random_dfa
from neurosim.automata.dfa_compiler import compile_dfa, size_formula
from neurosim.automata.engines import accepts, run_codes, tabulate, trace_words
from neurosim.automata.equivalence import extract_dfa, verify_net
from neurosim.automata.merge import solve_merge
from neurosim.automata.protocol import RunProtocol
from neurosim.core.mp import MPNet, MPUnit
from neurosim.errors import DataError, InvalidNetworkError, ParseError
from neurosim.io.dfas import load_dfa
from neurosim.io.nets import load_net, net_to_bytes

from ..oracles.automata import dfas, to_automata, words
from ..oracles.nets import mp_nets
from ..oracles.reference import reference_run


def reference_accepts(net: MPNet, word) -> bool:
    """The protocol by hand with the naive rule: symbols at 0..L-1, start at 0, read accept at L + d."""
    p = RunProtocol.from_net(net)
    sym = dict(p.symbol_inputs)
    rows = []
    for t in range(len(word) + p.accept_delay):
        on = {sym[word[t]]} if t < len(word) else set()
        if t == 0:
            on.add(p.start_input)
        rows.append([int(n in on) for n in net.inputs])
    return p.accept_unit in reference_run(net, rows)[-1]


def sample_words(symbols, rng, max_len=6, cap=800):
    """All strings up to ``max_len`` when few, else a random sample of ``cap`` (plus the short ones)."""
    k = len(symbols)
    total = sum(k**n for n in range(max_len + 1))
    if total <= 1200:
        return list(words(symbols, max_len))
    short = list(words(symbols, 2))
    lens = rng.integers(3, max_len + 1, size=cap)
    return short + [tuple(rng.choice(symbols, size=n)) for n in lens]


# ---- construction and protocol: edge cases first ---------------------------------------------------------------
def test_one_state_dfa_and_empty_string():
    for final in ([], ["q"]):
        d = DFA(["q"], ["a"], {"q": {"a": "q"}}, "q", final)
        net = compile_dfa(d).net
        got = accepts(net, [(), ("a",), ("a",) * 5], engine="step")
        assert got.tolist() == [bool(final)] * 3
        assert reference_accepts(net, ()) == bool(final)


def test_worked_example_div3_trace():
    d = load_dfa(examples.path("div3.json"))
    net = compile_dfa(d).net
    tr = trace_words(net, [tuple("110")])
    units = tr.units[0]
    firing = [sorted(tr.recorded[j] for j in np.flatnonzero(units[t])) for t in range(5)]
    # 1 -> r1 (pair r0:1), 1 -> r0 (pair r1:1), 0 -> r0 (pair r0:0); accept at 1 (ε), 3 ("11"), 4 ("110")
    assert firing == [[], ["accept", "u[r0:1]"], ["u[r1:1]"], ["accept", "u[r0:0]"], ["accept"]]
    assert firing[1:] == [sorted(s) for s in reference_run(net, tr.inputs[0].tolist())[1:]]


@pytest.mark.parametrize("name", ["parity.json", "div3.json", "contains101.json", "small.jff"])
def test_size_formula_and_metadata(name):
    comp = compile_dfa(load_dfa(examples.path(name)))
    s, f = comp.net.summary(), size_formula(comp.dfa)
    assert (s["inputs"], s["units"], s["synapses"]) == (f["inputs"], f["units"], f["synapses"])
    assert all(u.threshold == 2 for u in comp.net.units if u.name.startswith("u["))
    meta = comp.net.meta
    assert meta["start_input"] == "start" and meta["accept_unit"] == "accept" and meta["accept_delay"] == 1
    assert meta["symbol_inputs"] == ",".join(f"{a}=x[{a}]" for a in comp.dfa.input_symbols)


def test_odd_names_and_symbols_survive_metadata():
    d = DFA(["a b", "c"], ["=", ",", "%x"], {q: {"=": "c", ",": "a b", "%x": "c"} for q in ("a b", "c")},
            "a b", ["c"])
    net = compile_dfa(d, minimize_first=False).net
    p = RunProtocol.from_net(net)
    assert p.symbols == ("%x", ",", "=")
    assert accepts(net, [("=",), (",",), ("=", ","), ()]).tolist() == [True, False, False, False]


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_protocol_survives_file_round_trip(fmt):
    comp = compile_dfa(load_dfa(examples.path("contains101.json")), merge=True)
    back = load_net(net_to_bytes(comp.net, fmt))
    assert RunProtocol.from_net(back) == comp.protocol
    ws = [tuple(format(n, "b")) for n in range(64)]
    assert (accepts(back, ws) == accepts(comp.net, ws)).all()
    assert verify_net(back, comp.dfa).equivalent


def test_protocol_errors():
    net = MPNet(("x",), (MPUnit("u", 1, ("x",)),), (("y", "u"),))
    with pytest.raises(InvalidNetworkError, match="not a DFA net: metadata lacks"):
        RunProtocol.from_net(net)
    bad = net.with_metadata(symbol_inputs="a=x", start_input="x", accept_unit="nope", accept_delay=1)
    with pytest.raises(InvalidNetworkError, match="'nope' is not a unit"):
        RunProtocol.from_net(bad)
    with pytest.raises(InvalidNetworkError, match="accept_delay"):
        RunProtocol((("a", "x"),), "s", "u", 0)
    p = compile_dfa(load_dfa(examples.path("div3.json"))).protocol
    with pytest.raises(ParseError, match=r"string 2.*'2'"):
        p.encode([("1",), ("1", "2")])


# ---- differential tests against automata-lib ------------------------------------------------------------------
@settings(max_examples=20, deadline=None)
@given(dfas(max_states=50, max_symbols=6), st.booleans(), st.integers(0, 2**32 - 1))
def test_net_agrees_with_automata_lib(backend, d, merge, seed):
    comp = compile_dfa(d, merge=merge)
    net = comp.net
    rng = np.random.default_rng(seed)
    ws = sample_words(list(d.input_symbols), rng)
    ws += [tuple(rng.choice(list(d.input_symbols), size=int(n))) for n in rng.integers(20, 120, size=20)]
    ref = to_automata(d)
    expected = np.array([ref.accepts_input(list(w)) for w in ws])
    p = RunProtocol.from_net(net)
    codes, lengths = p.encode(ws)
    tab = tabulate(net)
    for engine in ("table", "step"):
        got = run_codes(net, codes, lengths, engine=engine, backend=backend, table=tab)
        assert (got == expected).all(), engine
    assert verify_net(net, d).equivalent


def test_merge_saves_units_on_contains101():
    d = load_dfa(examples.path("contains101.json"))
    comp = compile_dfa(d, merge=True)
    assert comp.units_saved == 4 and len(comp.net.units) == size_formula(comp.dfa)["units"] - 4
    assert set(comp.merged) == {"s", "s1", "s101"}
    assert verify_net(comp.net, d).equivalent


def _brute_force_realisable(m: np.ndarray) -> bool:
    r, c = m.shape
    for theta in range(1, 5):
        for w in itertools.product(range(theta), repeat=r):
            for v in itertools.product(range(theta), repeat=c):
                if np.array_equal(np.add.outer(w, v) >= theta, m):
                    return True
    return False


def test_merge_lp_exhaustive_on_3x2_matrices():
    for bits in range(1, 64):
        m = np.array([(bits >> i) & 1 for i in range(6)], dtype=bool).reshape(3, 2)
        sol = solve_merge(m)
        assert (sol is not None) == _brute_force_realisable(m), m
        if sol is not None:
            theta, w, v = sol
            assert np.array_equal(np.add.outer(w, v) >= theta, m) and (w < theta).all() and (v < theta).all()


# ---- the table engine against the naive rule on arbitrary recurrent nets ---------------------------------------
@settings(max_examples=40, deadline=None)
@given(mp_nets(feedforward=False, max_inputs=4, max_units=6), st.integers(1, 3))
def test_table_engine_on_random_recurrent_nets(net, delay):
    if len(net.inputs) < 2:
        return
    syms = net.inputs[:-1]
    net = net.with_metadata(symbol_inputs=",".join(f"s{i}={n}" for i, n in enumerate(syms)),
                            start_input=net.inputs[-1], accept_unit=net.units[0].name, accept_delay=delay)
    alphabet = [f"s{i}" for i in range(len(syms))]
    ws = list(words(alphabet, 4))
    expected = [reference_accepts(net, w) for w in ws]
    assert accepts(net, ws, engine="table").tolist() == expected
    assert accepts(net, ws, engine="step").tolist() == expected


# ---- verification ----------------------------------------------------------------------------------------------
def _corrupt(net: MPNet, name: str, unit: MPUnit) -> MPNet:
    units = tuple(unit if u.name == name else u for u in net.units)
    return MPNet(net.inputs, units, net.outputs, net.initial, net.metadata)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_corrupted_net_is_caught_with_a_shortest_witness(seed):
    d = random_dfa(8, 2, seed=seed)
    comp = compile_dfa(d)
    rng = np.random.default_rng(seed)
    pairs = [u for u in comp.net.units if u.name.startswith("u[")]
    victim = pairs[int(rng.integers(len(pairs)))]
    # rewire the pair unit to read the other symbol line: the net now takes a wrong move
    other = next(n for n in comp.net.inputs if n.startswith("x[") and n not in victim.excitatory)
    exc = tuple(other if s.startswith("x[") else s for s in victim.excitatory)
    bad = _corrupt(comp.net, victim.name, MPUnit(victim.name, victim.threshold, exc))
    res = verify_net(bad, d)
    got = extract_dfa(bad)
    if res.equivalent:  # the wrong move may be harmless for the language; then brute force must agree
        assert all(got.accepts(w) == d.accepts(w) for w in words(d.input_symbols, 8))
        return
    w = res.witness
    assert accepts(bad, [w], engine="step")[0] != d.accepts(w)
    assert res.net_accepts_witness == (not d.accepts(w))
    for shorter in words(d.input_symbols, len(w) - 1):
        assert accepts(bad, [shorter], engine="step")[0] == d.accepts(shorter)


def test_corrupted_accept_unit_caught_on_empty_string():
    d = load_dfa(examples.path("div3.json"))
    net = compile_dfa(d).net
    acc = net.unit("accept")
    bad = _corrupt(net, "accept", MPUnit("accept", 1, tuple(s for s in acc.excitatory if s != "start")))
    res = verify_net(bad, d)
    assert not res.equivalent and res.witness == () and res.net_accepts_witness is False


def test_tabulate_gives_up_on_explosions():
    # a binary counter ring: distinct firing sets grow with each symbol; cap the exploration low
    d = random_dfa(40, 2, seed=1)
    with pytest.raises(DataError, match="more than 5 firing states"):
        tabulate(compile_dfa(d).net, max_states=5)


def test_engine_name_checked():
    net = compile_dfa(load_dfa(examples.path("parity.json"))).net
    with pytest.raises(ValueError, match="engine"):
        accepts(net, [()], engine="fast")


# ---- scale -----------------------------------------------------------------------------------------------------
def test_thousand_state_ten_symbol_dfa(backend):
    d = random_dfa(1000, 10, seed=7)
    comp = compile_dfa(d)
    assert len(comp.net.units) == len(comp.dfa.states) * 10 + 1
    assert verify_net(comp.net, d).equivalent
    rng = np.random.default_rng(0)
    table = d.table()
    codes = rng.integers(0, 10, size=(3000, 60)).astype(np.int32)
    lengths = np.full(3000, 60)
    state = np.zeros(3000, dtype=np.int64)  # plain NumPy oracle (q0 is index 0 in sorted order)
    assert d.states[0] == "q0"
    for t in range(60):
        state = table[state, codes[:, t]]
    expected = np.isin(state, [d.states.index(q) for q in d.final_states])
    # the net's symbol order is the DFA's; the minimal DFA keeps the alphabet
    assert (run_codes(comp.net, codes, lengths, engine="table", backend=backend) == expected).all()
    few = slice(0, 200)
    assert (run_codes(comp.net, codes[few], lengths[few], engine="step", backend=backend) == expected[few]).all()
