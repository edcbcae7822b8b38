"""NFAs: the value type, ε-removal, the subset construction, the per-state compiler, and the local proof.

Oracles: automata-lib (``NFA.accepts_input``, ``DFA.from_nfa``) on random NFAs with ε-moves; a direct vectorised
NFA simulation (``tests/oracles/regexes.py``); brute force over small MP units for the one-unit-per-block claim;
the definition of "the k-th symbol from the end is 1".
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from automata.fa.dfa import DFA as ADFA
from automata.fa.nfa import NFA as ANFA
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.automata.dfa import DFA, equivalent, minimize
from neurosim.automata.dfa_compiler import compile_dfa
from neurosim.automata.engines import AUTO_TABLE_STATES, accepts, choose_engine, run_codes
from neurosim.automata.epsilon_free import remove_epsilon, trim
from neurosim.automata.equivalence import verify_net
from neurosim.automata.kleene import to_regex
from neurosim.automata.local_proof import prove_locally
from neurosim.automata.nfa import NFA, as_automaton
from neurosim.automata.nfa_compiler import compile_nfa, move_blocks
from neurosim.automata.protocol import RunProtocol
from neurosim.automata.subset import MAX_SUBSET_STATES, determinize, minimal_dfa
from neurosim.core.mp import MPUnit
from neurosim.errors import ParameterError, SpecError, StateLimitError

from ..oracles.automata import words
from ..oracles.regexes import automata_nfas, kth_from_end_nfa, run_nfa_batch

WORDS6 = list(words("ab", 6))


# ---- the value type: edge cases and errors first ----------------------------------------------------------------
@pytest.mark.parametrize("trans, path, fragment", [
    ({"q": {"a": ["q", "q9"]}}, "$.transitions.q.a[1]", "unknown state 'q9'"),
    ({"q": {"b": ["q"]}}, "$.transitions.q.b", "unknown symbol 'b'"),
    ({"q": {"a": "q"}}, "$.transitions.q.a", "expected a list of states"),
    ({"z": {"a": ["q"]}}, "$.transitions.z", "unknown state 'z'"),
])
def test_spec_errors_name_the_path(trans, path, fragment):
    with pytest.raises(SpecError) as info:
        NFA(["q"], ["a"], trans, "q", [])
    assert info.value.path == path and fragment in info.value.message


def test_from_dict_checks_types_and_keys():
    good = {"states": ["q"], "input_symbols": ["a"], "transitions": {"q": {"": ["q"]}}, "initial_state": "q",
            "final_states": ["q"]}
    assert NFA.from_dict(good).has_epsilon
    with pytest.raises(SpecError, match=r"n.json: \$: unknown key 'allow_partial'"):
        NFA.from_dict({**good, "allow_partial": False}, "n.json")
    with pytest.raises(SpecError, match=r"\$\.transitions\.q\.a\[0\]: expected a state name"):
        NFA.from_dict({**good, "transitions": {"q": {"a": [3]}}})
    assert NFA.from_dict(NFA.from_dict(good).to_dict()) == NFA.from_dict(good)


def test_natural_state_order():
    n = NFA(["q10", "q2", "q1"], ["a"], {}, "q1", [])
    assert n.states == ("q1", "q2", "q10")


# ---- against automata-lib ------------------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(automata_nfas())
def test_random_nfas_with_epsilon_against_automata_lib(anfa):
    nfa = NFA.coerce(anfa)
    expected = [anfa.accepts_input("".join(w)) for w in WORDS6]
    assert [nfa.accepts(w) for w in WORDS6] == expected
    free = remove_epsilon(nfa)
    assert not free.has_epsilon and len(free.states) <= len(nfa.states)
    assert [free.accepts(w) for w in WORDS6] == expected
    assert [trim(free).accepts(w) for w in WORDS6] == expected
    d = determinize(nfa)
    assert [d.accepts(w) for w in WORDS6] == expected
    theirs = len(ADFA.from_nfa(anfa, minify=True).states)  # automata-lib's minimal DFA may drop the dead state
    assert len(minimize(d).states) in (theirs, theirs + 1)
    comp = compile_nfa(anfa)  # an automata-lib object is accepted directly
    blocks = move_blocks(comp.nfa)
    assert len(comp.net.units) == sum(len(b) for b in blocks.values()) + 1
    assert len(comp.net.units) <= len(comp.nfa.states) + 1 + sum(len(b) - 1 for b in blocks.values())
    for engine in ("table", "step"):
        assert accepts(comp.net, WORDS6, engine=engine).tolist() == expected
    assert verify_net(comp.net, anfa).equivalent
    assert verify_net(comp.net, anfa, method="local").method == "local-induction"


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="ab|*+?()", min_size=1, max_size=14))
def test_thompson_nfas_of_automata_lib_have_at_most_q_plus_2_units(text):
    try:
        anfa = ANFA.from_regex(text, input_symbols={"a", "b"})
    except Exception:  # automata-lib refuses what its own grammar does not parse
        return
    comp = compile_nfa(anfa)
    assert len(comp.net.units) <= len(anfa.states) + 2 and comp.split_states == {}
    assert accepts(comp.net, WORDS6[:63]).tolist() == [anfa.accepts_input("".join(w)) for w in WORDS6[:63]]


def test_automata_lib_dfa_objects_work_in_the_library():
    adfa = ADFA(states={0, 1}, input_symbols={"0", "1"}, transitions={0: {"0": 0, "1": 1}, 1: {"0": 1, "1": 0}},
                initial_state=0, final_states={0})
    comp = compile_dfa(adfa)  # issue 10 item 15: AttributeError 'DFA' object has no attribute 'is_complete'
    assert accepts(comp.net, [tuple("11"), tuple("1")]).tolist() == [True, False]
    assert len(minimize(adfa).states) == 2 and verify_net(comp.net, adfa).equivalent
    assert isinstance(as_automaton(adfa), DFA)
    assert to_regex(adfa).regex == "(0|10*1)*"
    with pytest.raises(ParameterError, match="expected a neurosim DFA or an automata-lib DFA"):
        DFA.coerce("q0")
    clash = ADFA(states={1, "1"}, input_symbols={"a"}, transitions={1: {"a": 1}, "1": {"a": 1}}, initial_state=1,
                 final_states=set())
    with pytest.raises(ParameterError, match="same string name"):
        DFA.coerce(clash)


# ---- one MP unit per block of moves ----------------------------------------------------------------------------
def _one_unit_realises(pattern) -> bool:
    """Brute force: is there one MP unit over sources p1, p2 (state units) and lines a, b with θ <= 4, weights
    <= 3 and any vetoes that fires exactly on ``pattern`` (set of (active states, symbol) that must fire)?"""
    sources = ["p1", "p2", "a", "b"]
    cases = [(xs, s) for xs in ((), ("p1",), ("p2",), ("p1", "p2")) for s in ("a", "b")]
    for theta in range(5):
        for w in itertools.product(range(4), repeat=4):
            for veto in itertools.product((False, True), repeat=4):
                def fires(xs, s, w=w, veto=veto, theta=theta):
                    on = set(xs) | {s}
                    if any(v and src in on for v, src in zip(veto, sources, strict=True)):
                        return False
                    return sum(wi for wi, src in zip(w, sources, strict=True) if src in on) >= theta
                if all(fires(xs, s) == ((xs, s) in pattern) for xs, s in cases):
                    return True
    return False


def test_moves_that_are_not_one_block_need_two_units():
    # q is entered by p1 -a-> q and p2 -b-> q: (p1 and a) or (p2 and b) is no single MP unit
    cross = {(xs, s) for xs in (("p1",), ("p2",), ("p1", "p2")) for s in ("a", "b")
             if ("p1" in xs and s == "a") or ("p2" in xs and s == "b")}
    assert not _one_unit_realises(cross)
    block = {(xs, s) for xs in (("p1",), ("p2",), ("p1", "p2")) for s in ("a", "b") if s == "a"}
    assert _one_unit_realises(block)  # ... while a block {p1, p2} x {a} is one unit
    n = NFA(["s", "p1", "p2", "q"], ["a", "b"], {"s": {"a": ["p1", "p2"], "b": ["p2"]}, "p1": {"a": ["q"]},
                                                   "p2": {"b": ["q"]}}, "s", ["q"])
    comp = compile_nfa(n)
    assert comp.split_states == {"q": 2}
    assert accepts(comp.net, WORDS6).tolist() == [n.accepts(w) for w in WORDS6]
    assert verify_net(comp.net, n).equivalent and verify_net(comp.net, n, method="local").equivalent


# ---- the local proof: sound, and it refuses what it cannot prove -------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(automata_nfas(max_states=4), st.integers(0, 2**32 - 1))
def test_local_proof_is_sound_on_mutated_nets(anfa, seed):
    nfa = NFA.coerce(anfa)
    net = compile_nfa(nfa).net
    rng = np.random.default_rng(seed)
    units = list(net.units)
    j = int(rng.integers(len(units)))
    u = units[j]
    pool = [*net.inputs, *net.unit_names]
    kind = int(rng.integers(3))
    if kind == 0:
        units[j] = MPUnit(u.name, max(0, u.threshold + int(rng.choice([-1, 1]))), u.excitatory, u.inhibitory)
    elif kind == 1:
        units[j] = MPUnit(u.name, u.threshold, (*u.excitatory, str(rng.choice(pool))), u.inhibitory)
    else:
        units[j] = MPUnit(u.name, u.threshold, u.excitatory[1:], u.inhibitory)
    bad = type(net)(net.inputs, tuple(units), net.outputs, net.initial, tuple(net.meta.items()))
    phi = {v: nfa.epsilon_closure((q,)) for v, q in compile_nfa(nfa).unit_states}
    if prove_locally(bad, nfa, phi).holds:  # then the mutated net must really accept the same language
        assert accepts(bad, WORDS6).tolist() == [nfa.accepts(w) for w in WORDS6]


def test_local_proof_reasons():
    nfa = kth_from_end_nfa(3)
    comp = compile_nfa(nfa)
    phi = {v: nfa.epsilon_closure((q,)) for v, q in comp.unit_states}
    assert prove_locally(comp.net, nfa, phi).holds
    wrong = dict(phi, **{"s[q2]": frozenset({"q3"})})
    assert "from" in prove_locally(comp.net, nfa, wrong).reason
    assert "no unit_states entry" in prove_locally(comp.net, nfa, {}).reason
    net = compile_dfa(minimal_dfa(nfa)).net  # a DFA net carries no unit_states map
    with pytest.raises(StateLimitError, match="no unit_states map"):
        verify_net(net, nfa, method="local")


# ---- the k-th symbol from the end is 1 ------------------------------------------------------------------------
@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
def test_kth_from_end_dfa_has_two_to_the_k_states(k):
    nfa = kth_from_end_nfa(k)
    assert len(minimal_dfa(nfa).states) == 2**k
    assert len(compile_nfa(nfa).net.units) == k + 2  # q0 (it loops), q1..qk, accept


def test_kth_from_end_for_k_20_runs_and_is_proven_without_the_subset_construction():
    k = 20
    nfa = kth_from_end_nfa(k)
    comp = compile_nfa(nfa)
    net = comp.net
    assert len(net.units) <= 23 and 2**k > MAX_SUBSET_STATES  # the DFA route would need 2^20 > 10^6 states
    rng = np.random.default_rng(20)
    codes = rng.integers(0, 2, size=(10_000, 100)).astype(np.int32)
    lengths = np.full(10_000, 100)
    proto = RunProtocol.from_net(net)
    engine, table = choose_engine(net, proto)  # what engine="auto" runs: no table of 2^20 firing states
    assert (engine, table) == ("step", None)
    got = run_codes(net, codes, lengths, engine=engine)
    assert (got == (codes[:, -k] == 1)).all()  # the definition
    assert (got[:2000] == run_nfa_batch(nfa, codes[:2000])).all()  # a direct NFA simulation
    anfa = ANFA(states=set(nfa.states), input_symbols={"0", "1"},
                transitions={q: {a: set(nfa.delta(q, a)) for a in "01" if nfa.delta(q, a)} for q in nfa.states},
                initial_state="q0", final_states={"q20"})
    assert all(anfa.accepts_input("".join(map(str, row))) == bool(v) for row, v in zip(codes[:200], got[:200],
                                                                                         strict=True))
    with pytest.raises(StateLimitError, match="exceeds 4,096 DFA states"):
        determinize(nfa, max_states=4096)
    res = verify_net(net, nfa, max_states=4096)  # past the limit: the local inductive proof
    assert res.equivalent and res.method == "local-induction" and "4,096" in res.note
    with pytest.raises(StateLimitError, match="does not apply"):
        verify_net(net, kth_from_end_nfa(19), max_states=4096)
    assert 2**k > AUTO_TABLE_STATES


def test_trim_and_empty_languages():
    n = NFA(["q0", "q1"], ["a"], {"q0": {"a": ["q0", "q1"]}}, "q0", [])
    assert trim(n).states == ("q0",) and trim(n).transitions == ()
    comp = compile_nfa(n)
    assert [u.name for u in comp.net.units] == ["accept"]
    assert not accepts(comp.net, [(), ("a",)]).any() and verify_net(comp.net, n).equivalent
    assert equivalent(minimal_dfa(n), DFA(["q"], ["a"], {"q": {"a": "q"}}, "q", []))


def test_natural_order_reads_only_ascii_digit_runs_as_numbers():
    # found by the fuzz: '¹' is a digit to str.isdigit but int('¹') fails, so a regex over it raised ValueError
    from neurosim.automata import compile_regex
    from neurosim.automata.nfa import natural_key

    assert sorted(["q10", "q2", "q¹", "q٣"], key=natural_key) == ["q2", "q10", "q¹", "q٣"]
    from neurosim.automata import accepts

    comp = compile_regex("¹²*", "¹²")
    assert len(comp.net.units) == comp.m + 1 and set(comp.regex.alphabet) == {"¹", "²"}
    assert accepts(comp.net, [("¹",), ("¹", "²", "²"), ("²",), ()]).tolist() == [True, True, False, False]
