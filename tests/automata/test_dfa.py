"""The DFA value type: validation with JSON paths, completion, Hopcroft minimisation, equivalence, product.

Oracles: automata-lib (minify, language equality) and brute force over all short strings.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from neurosim.automata.dfa import DFA, complete, equivalent, find_difference, minimize, product, random_dfa
from neurosim.errors import SpecError

from ..oracles.automata import dfas, to_automata, words


def spec(**over):
    d = {"states": ["q0", "q1"], "input_symbols": ["a", "b"],
         "transitions": {"q0": {"a": "q1", "b": "q0"}, "q1": {"a": "q1", "b": "q0"}},
         "initial_state": "q0", "final_states": ["q1"], "allow_partial": False}
    d.update(over)
    return d


# ---- validation: edge cases first ------------------------------------------------------------------------------
@pytest.mark.parametrize("over, path, words_in_msg", [
    ({"transitions": {"q0": {"a": "q1", "b": "q0"}, "q1": {"a": "q1", "b": "q9"}}}, "$.transitions.q1.b",
     "unknown state 'q9'"),
    ({"transitions": {"q0": {"a": "q1", "c": "q0"}, "q1": {"a": "q1", "b": "q0"}}}, "$.transitions.q0.c",
     "unknown symbol 'c'"),
    ({"transitions": {"q0": {"a": "q1"}, "q1": {"a": "q1", "b": "q0"}}}, "$.transitions.q0.b",
     "missing transition"),
    ({"transitions": {"qx": {"a": "q1"}}}, "$.transitions.qx", "unknown state 'qx'"),
    ({"initial_state": "q7"}, "$.initial_state", "unknown state 'q7'"),
    ({"final_states": ["q1", "q5"]}, "$.final_states", "unknown state 'q5'"),
    ({"states": []}, "$.states", "at least one state"),
    ({"states": "q0"}, "$.states", "expected a list"),
    ({"states": ["q0", "q1", "q1"]}, "$.states[2]", "duplicate entry 'q1'"),
    ({"input_symbols": ["a", 1]}, "$.input_symbols[1]", "expected a string"),
    ({"input_symbols": ["a", "b", ""]}, "$.input_symbols", "non-empty symbol"),
    ({"initial_state": 3}, "$.initial_state", "expected a state name"),
    ({"allow_partial": "yes"}, "$.allow_partial", "true or false"),
    ({"transitions": {"q0": ["a"]}}, "$.transitions.q0", "expected an object"),
    ({"transitions": {"q0": {"a": 5}}}, "$.transitions.q0.a", "expected a state name"),
    ({"colour": "red"}, "$", "unknown key 'colour'"),
])
def test_validation_errors_name_the_json_path(over, path, words_in_msg):
    with pytest.raises(SpecError) as info:
        DFA.from_dict(spec(**over), source="x.json")
    assert info.value.path == path
    assert words_in_msg in info.value.message
    assert str(info.value).startswith(f"x.json: {path}: ")


@pytest.mark.parametrize("key", ["states", "input_symbols", "transitions", "initial_state", "final_states"])
def test_missing_key(key):
    d = spec()
    del d[key]
    with pytest.raises(SpecError, match=f"missing key '{key}'"):
        DFA.from_dict(d)


def test_path_quotes_odd_keys():
    d = spec(states=["q 0", "q1"], initial_state="q 0",
             transitions={"q 0": {"a": "zz", "b": "q1"}, "q1": {"a": "q1", "b": "q1"}})
    with pytest.raises(SpecError) as info:
        DFA.from_dict(d)
    assert info.value.path == "$['q 0'].a".replace("$", "$.transitions")


def test_partial_allowed_and_completed_with_trap():
    d = DFA.from_dict(spec(allow_partial=True, transitions={"q0": {"a": "q1"}, "q1": {}},
                           states=["q0", "q1", "trap"]))
    assert not d.is_complete and d.delta("q0", "b") is None
    c = complete(d)
    assert c.is_complete and not c.allow_partial
    assert "trap1" in c.states  # the name 'trap' is taken
    assert all(c.delta("trap1", a) == "trap1" for a in c.input_symbols)
    for w in words("ab", 5):
        assert c.accepts(w) == d.accepts(w)


def test_sets_are_sorted_and_equal_dfas_compare_equal():
    a = DFA.from_dict(spec())
    b = DFA(["q1", "q0"], ["b", "a"], {"q1": {"b": "q0", "a": "q1"}, "q0": {"b": "q0", "a": "q1"}}, "q0",
            ["q1"])
    assert a == b and a.states == ("q0", "q1") and list(a.to_dict()) == [
        "states", "input_symbols", "transitions", "initial_state", "final_states", "allow_partial"]


def test_accepts_worked_example_and_unknown_symbol():
    d = DFA.from_dict(spec())  # ends with a
    assert d.accepts("ba") and not d.accepts("ab") and not d.accepts("")
    with pytest.raises(SpecError, match="'c'"):
        d.accepts("ac")


def test_table_indices():
    d = DFA.from_dict(spec())
    assert d.table().tolist() == [[1, 0], [1, 0]]


def test_random_dfa_is_reproducible():
    assert random_dfa(20, 3, seed=5) == random_dfa(20, 3, seed=5)
    assert random_dfa(20, 3, seed=5) != random_dfa(20, 3, seed=6)
    assert random_dfa(3, 30, seed=1).input_symbols[0] == "s0"


# ---- minimisation and equivalence against automata-lib --------------------------------------------------------
def test_minimize_worked_example():
    # q0 and q2 are equivalent (both non-final, same moves): 3 states -> 2
    d = DFA(["q0", "q1", "q2"], ["a"], {"q0": {"a": "q1"}, "q1": {"a": "q2"}, "q2": {"a": "q1"}}, "q0", ["q1"])
    m = minimize(d)
    assert m.states == ("q0", "q1") and m.delta("q1", "a") == "q0"


@settings(max_examples=60, deadline=None)
@given(dfas(max_states=10))
def test_minimize_matches_automata_lib(d):
    m = minimize(d)
    ref = to_automata(complete(d)).minify()  # automata-lib minimises partial DFAs without a trap state
    n_ref = len(ref.states)
    assert len(m.states) == n_ref
    assert m.is_complete
    assert to_automata(m) == to_automata(d)  # automata-lib compares languages


@settings(max_examples=60, deadline=None)
@given(dfas(max_states=6, max_symbols=2), dfas(max_states=6, max_symbols=2))
def test_find_difference_is_shortest_and_agrees_with_automata_lib(a, b):
    if a.input_symbols != b.input_symbols:
        return
    w = find_difference(a, b)
    assert (w is None) == (to_automata(a) == to_automata(b))
    if w is not None:
        assert a.accepts(w) != b.accepts(w)
        for shorter in words(a.input_symbols, len(w) - 1):
            assert a.accepts(shorter) == b.accepts(shorter)


@pytest.mark.parametrize("op, f", [("and", lambda x, y: x and y), ("or", lambda x, y: x or y),
                                   ("xor", lambda x, y: x != y), ("diff", lambda x, y: x and not y)])
def test_product_by_brute_force(op, f):
    a, b = random_dfa(5, 2, seed=1), random_dfa(4, 2, seed=2)
    p = product(a, b, op)
    for w in words("ab", 7):
        assert p.accepts(w) == f(a.accepts(w), b.accepts(w))


def test_product_rejects_unknown_op():
    with pytest.raises(ValueError, match="nand"):
        product(random_dfa(2, 1), random_dfa(2, 1), "nand")


def test_equivalence_over_different_alphabets_completes_both():
    a = DFA(["p"], ["a"], {"p": {"a": "p"}}, "p", ["p"])
    b = DFA(["p"], ["a", "b"], {"p": {"a": "p", "b": "p"}}, "p", ["p"])
    assert find_difference(a, b) == ("b",)
    assert equivalent(a, a) and not equivalent(a, b)


def test_minimize_large_is_fast_and_exact():
    d = random_dfa(1000, 10, seed=3)
    m = minimize(d)
    assert len(m.states) == len(to_automata(d).minify().states)
