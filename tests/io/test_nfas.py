"""NFA files: automata-lib JSON (byte-stable, schema, JSON-path errors), JFLAP NFAs (λ-moves), the spec-or-net
sniffing of ``load_automaton``, and input strings whose symbols are whitespace."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from neurosim import examples
from neurosim.automata.dfa import DFA
from neurosim.automata.nfa import NFA
from neurosim.automata.nfa_compiler import compile_nfa
from neurosim.errors import ParseError, SpecError
from neurosim.io.dfas import dfa_from_json, load_automaton, load_dfa
from neurosim.io.jflap import automaton_from_jff, dfa_from_jff, nfa_from_jff, nfa_to_jff
from neurosim.io.nets import net_to_bytes
from neurosim.io.nfas import load_nfa, nfa_from_json, nfa_to_json, save_nfa, schema
from neurosim.io.words import parse_word, parse_word_arg, parse_words

from ..oracles.automata import words
from ..oracles.regexes import automata_nfas

LAMBDA_JFF = """<?xml version="1.0" encoding="UTF-8"?><structure><type>fa</type><automaton>
<state id="0" name="s"><initial/></state><state id="1" name="t"/><state id="2" name="u"><final/></state>
<transition><from>0</from><to>1</to><read/></transition>
<transition><from>1</from><to>2</to><read>a</read></transition>
<transition><from>1</from><to>1</to><read>a</read></transition>
</automaton></structure>"""


# ---- JSON ---------------------------------------------------------------------------------------------------------
def test_unknown_target_state_is_a_json_path_error():
    text = json.dumps({"states": ["q0"], "input_symbols": ["a"], "transitions": {"q0": {"a": ["q0", "q9"]}},
                       "initial_state": "q0", "final_states": []})
    with pytest.raises(SpecError, match=r"^n\.json: \$\.transitions\.q0\.a\[1\]: unknown state 'q9'"):
        nfa_from_json(text, "n.json")
    with pytest.raises(ParseError, match=r"^n\.json:1:2: invalid JSON"):
        nfa_from_json("{]", "n.json")


def test_example_is_byte_stable_and_matches_the_schema():
    text = examples.path("third_from_end.json").read_text()
    nfa = nfa_from_json(text)
    assert nfa_to_json(nfa) == text
    s = schema()
    assert s["required"] == ["states", "input_symbols", "transitions", "initial_state", "final_states"]
    assert list(s["properties"]) == list(nfa.to_dict()) and s["additionalProperties"] is False
    target = s["properties"]["transitions"]["additionalProperties"]["additionalProperties"]
    assert target["type"] == "array"


@settings(max_examples=40, deadline=None)
@given(automata_nfas())
def test_json_and_jff_round_trips(anfa):
    nfa = NFA.coerce(anfa)
    text = nfa_to_json(nfa)
    assert nfa_from_json(text) == nfa and nfa_to_json(nfa_from_json(text)) == text
    back = nfa_from_jff(nfa_to_jff(nfa))  # JFLAP keeps no alphabet: only the symbols that some move reads
    assert set(back.input_symbols) <= set(nfa.input_symbols)
    ws = list(words(back.input_symbols, 5))
    assert [back.accepts(w) for w in ws] == [nfa.accepts(w) for w in ws]


def test_save_and_load(tmp_path):
    nfa = load_nfa(examples.path("third_from_end.json"))
    save_nfa(nfa, tmp_path / "n.json")
    save_nfa(nfa, tmp_path / "n.jff")
    assert load_nfa(tmp_path / "n.json") == nfa
    assert load_nfa(tmp_path / "n.jff").accepts("100") and not load_nfa(tmp_path / "n.jff").accepts("011")
    as_nfa = load_nfa(examples.path("div3.json"))  # a DFA spec is read as the NFA it also is
    assert as_nfa.accepts("11") and not as_nfa.accepts("10")


# ---- JFLAP --------------------------------------------------------------------------------------------------------
def test_jflap_lambda_moves_and_nondeterminism():
    nfa = automaton_from_jff(LAMBDA_JFF)
    assert isinstance(nfa, NFA) and nfa.delta("s", "") == {"t"}
    assert nfa.accepts("a") and nfa.accepts("aaa") and not nfa.accepts("")
    with pytest.raises(SpecError, match=r"\$\.transition\[0\].*λ-move 's' -> 't'.*this is an NFA"):
        dfa_from_jff(LAMBDA_JFF)
    assert isinstance(automaton_from_jff(examples.path("small.jff").read_text()), DFA)


# ---- SPEC|NET sniffing --------------------------------------------------------------------------------------------
def test_load_automaton_tells_dfa_nfa_and_net_apart():
    dfa, net = load_automaton(examples.path("div3.json"))
    assert isinstance(dfa, DFA) and net is None
    nfa, net = load_automaton(examples.path("third_from_end.json"))
    assert isinstance(nfa, NFA) and net is None
    spec, net = load_automaton(net_to_bytes(compile_nfa(nfa).net, "json").decode())
    assert spec is None and net.meta["construction"] == "nfa-per-state"
    spec, _ = load_automaton(LAMBDA_JFF)
    assert isinstance(spec, NFA)
    eps = json.dumps({"states": ["q"], "input_symbols": ["a"], "transitions": {"q": {"": "q"}},
                      "initial_state": "q", "final_states": []})
    with pytest.raises(SpecError, match=r"\$\.transitions\.q\[''\]: expected a list of states"):
        load_automaton(eps)


def test_a_dfa_spec_with_a_list_is_nondeterministic():
    text = json.dumps({"states": ["q", "r"], "input_symbols": ["a"], "transitions": {"q": {"a": ["q", "r"]}},
                       "initial_state": "q", "final_states": [], "allow_partial": True})
    for read in (lambda t: load_automaton(t, source="d.json"), lambda t: dfa_from_json(t, "d.json")):
        with pytest.raises(SpecError, match=r"d\.json: \$\.transitions\.q\.a: nondeterministic"):
            read(text)
    with pytest.raises(SpecError, match="nondeterministic"):
        load_dfa(text.replace(', "allow_partial": true', ""))


# ---- strings whose symbols are whitespace (issue 10, item 6) ------------------------------------------------------
def test_whitespace_symbols_are_kept():
    sigma = [" ", "a"]
    assert parse_word(" ", sigma) == (" ",)  # was () : the space was stripped and the DFA rejected " "
    assert parse_word(" a ", sigma) == (" ", "a", " ")
    assert parse_word_arg("a a", sigma, 1) == ("a", " ", "a")
    assert parse_words(" \na\n\n  \n", sigma) == [(" ",), ("a",), (), (" ", " ")]
    assert parse_words("a\r\n", sigma) == [("a",)]
    assert parse_words("\t\n", ["\t", "x"]) == [("\t",)]
    assert parse_word(" 01 ", ["0", "1"]) == ("0", "1")  # no whitespace symbol: spaces around are not symbols
    with pytest.raises(ParseError, match="symbol ' ' is not in the alphabet"):
        parse_word("0 1", ["0", "1"])
