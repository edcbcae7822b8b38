"""DFA files: automata-lib JSON (byte-stable, schema), JFLAP .jff (safe XML, DFAs only), input strings."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from neurosim import examples
from neurosim.automata.dfa import DFA, equivalent
from neurosim.errors import ParseError, SpecError
from neurosim.io.dfas import dfa_from_json, dfa_to_json, load_dfa, save_dfa, schema
from neurosim.io.jflap import dfa_from_jff, dfa_to_jff
from neurosim.io.words import format_word, parse_word, parse_word_arg, parse_words

from ..oracles.automata import dfas

JFF = """<?xml version="1.0" encoding="UTF-8" standalone="no"?><structure><type>fa</type><automaton>
<state id="0" name="q0"><initial/></state>
<state id="1" name="q1"><final/></state>
{transitions}
</automaton></structure>"""


def tr(frm, to, read):
    body = "<read/>" if read is None else f"<read>{read}</read>"
    return f"<transition><from>{frm}</from><to>{to}</to>{body}</transition>"


# ---- JSON -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, line, col", [("", 1, 1), ("{\n  \"states\": [\n}", 3, 1), ("[1, 2", 1, 6)])
def test_invalid_json_names_line_and_column(text, line, col):
    with pytest.raises(ParseError) as info:
        dfa_from_json(text, "bad.json")
    assert (info.value.line, info.value.column) == (line, col)
    assert str(info.value).startswith(f"bad.json:{line}:{col}: invalid JSON")


def test_spec_error_carries_source_and_path():
    text = json.dumps({"states": ["q0"], "input_symbols": ["a"], "transitions": {"q0": {"a": "q9"}},
                       "initial_state": "q0", "final_states": []})
    with pytest.raises(SpecError, match=r"^d.json: \$\.transitions\.q0\.a: unknown state 'q9'"):
        dfa_from_json(text, "d.json")


@pytest.mark.parametrize("name", ["parity.json", "div3.json", "contains101.json"])
def test_examples_are_byte_stable(name):
    text = examples.path(name).read_text()
    d = dfa_from_json(text)
    assert dfa_to_json(d) == text  # the bundled files are written in the canonical form


@settings(max_examples=40, deadline=None)
@given(dfas(max_states=6))
def test_json_round_trip_is_byte_stable(d):
    text = dfa_to_json(d)
    back = dfa_from_json(text)
    assert back == d and dfa_to_json(back) == text


def test_schema_matches_the_reader():
    s = schema()
    assert s["required"] == ["states", "input_symbols", "transitions", "initial_state", "final_states"]
    assert list(s["properties"]) == list(DFA.from_dict(json.loads(examples.path("div3.json").read_text()))
                                         .to_dict())
    assert s["additionalProperties"] is False
    # every example satisfies the schema's structural rules (no jsonschema dependency: check them directly)
    for name in ("parity.json", "div3.json", "contains101.json"):
        data = json.loads(examples.path(name).read_text())
        assert set(data) <= set(s["properties"]) and set(s["required"]) <= set(data)


def test_load_and_save(tmp_path):
    d = load_dfa(examples.path("div3.json"))
    save_dfa(d, tmp_path / "d.jff")
    save_dfa(d, tmp_path / "d.json")
    assert load_dfa(tmp_path / "d.jff") == DFA(d.states, d.input_symbols, d.transitions, d.initial_state,
                                               d.final_states, True)
    assert load_dfa(str(tmp_path / "d.json")) == d
    assert load_dfa((tmp_path / "d.json").read_text()) == d


# ---- JFLAP ------------------------------------------------------------------------------------------------------
def test_small_jff_example():
    d = load_dfa(examples.path("small.jff"))  # a+b+
    assert d.states == ("q0", "q1", "q2") and d.allow_partial and d.final_states == {"q2"}
    assert d.accepts("aab") and not d.accepts("aba") and not d.accepts("b")


@settings(max_examples=40, deadline=None)
@given(dfas(max_states=6))
def test_jff_round_trip(d):
    text = dfa_to_jff(d)
    back = dfa_from_jff(text)
    assert equivalent(back, d)
    assert dfa_to_jff(back) == text or back.input_symbols != d.input_symbols  # unused symbols are not in .jff


@pytest.mark.parametrize("transitions, path, words", [
    (tr(0, 1, "a") + tr(0, 0, "a"), "$.transition[1]", "nondeterministic: 'q0' reads 'a' to both 'q1' and 'q0'"),
    (tr(0, 1, None), "$.transition[0]", "λ-move 'q0' -> 'q1'"),
    (tr(0, 1, "ab"), "$.transition[0]", "multi-character read 'ab'"),
    (tr(0, 7, "a"), "$.transition[0]", "unknown state id '7'"),
])
def test_jff_refuses_non_dfas_naming_the_transition(transitions, path, words):
    with pytest.raises(SpecError) as info:
        dfa_from_jff(JFF.format(transitions=transitions), "n.jff")
    assert info.value.path == path and words in info.value.message
    assert str(info.value).startswith("n.jff: ")


@pytest.mark.parametrize("text, words", [
    ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "boom">]><structure/>', "found a <!DOCTYPE> declaration"),
    ('<structure><!ENTITY e SYSTEM "file:///etc/passwd"></structure>', "not well-formed XML"),
])
def test_jff_refuses_dtds_and_entities(text, words):
    with pytest.raises(ParseError, match=words) as info:
        dfa_from_jff(text, "evil.jff")
    assert info.value.line is not None


def test_jff_malformed_xml_has_position():
    with pytest.raises(ParseError) as info:
        dfa_from_jff("<structure>\n<type>fa</type>\n<automaton>\n</structure>", "m.jff")
    assert info.value.line == 4 and "not well-formed XML" in info.value.message


@pytest.mark.parametrize("text, path, words", [
    ("<structure><type>pda</type></structure>", "$.type", "expected <type>fa</type>"),
    ("<graphml/>", "$", "expected root element <structure>"),
    ("<structure><type>fa</type><automaton/></structure>", "$.state", "at least one <state>"),
    ('<structure><type>fa</type><state id="0"/></structure>', "$.state", "exactly one initial state, found none"),
])
def test_jff_structure_errors(text, path, words):
    with pytest.raises(SpecError) as info:
        dfa_from_jff(text)
    assert info.value.path == path and words in info.value.message


def test_jflap4_layout_without_automaton_element():
    text = ('<structure><type>fa</type><state id="0"><initial/><final/></state>'
            + tr(0, 0, "x") + "</structure>")
    d = dfa_from_jff(text)
    assert d.states == ("q0",) and d.accepts("xxx")


# ---- input strings ----------------------------------------------------------------------------------------------
def test_parse_words_characters_json_and_empty_lines():
    got = parse_words('01\n\n["1","0"]\n[]\n1', ["0", "1"], "s.txt")
    assert got == [("0", "1"), (), ("1", "0"), (), ("1",)]
    assert parse_words("", ["0"]) == [] and parse_words("\n", ["0"]) == [()]


def test_parse_words_multi_character_symbols():
    assert parse_words('["ab", "c"]\n', ["ab", "c"]) == [("ab", "c")]
    with pytest.raises(ParseError, match="JSON array") as info:
        parse_words("abc\n", ["ab", "c"], "s.txt")
    assert (info.value.line, info.value.column) == (1, 1)


@pytest.mark.parametrize("text, line, col, sym", [("01\n0x1\n", 2, 2, "'x'"), ("0\n1\n  102", 3, 5, "'2'"),
                                                  ('["0", "7"]', 1, 1, "'7'")])
def test_symbol_outside_alphabet_names_line_and_column(text, line, col, sym):
    with pytest.raises(ParseError) as info:
        parse_words(text, ["0", "1"], "s.txt")
    assert (info.value.line, info.value.column) == (line, col) and sym in info.value.message
    assert str(info.value).startswith(f"s.txt:{line}:{col}: ")


def test_argument_errors_name_argument_and_position():
    with pytest.raises(ParseError, match=r"^argument 3: position 2: symbol 'c'"):
        parse_word_arg("acb", ["a", "b"], 3)
    assert parse_word("[", ["[", "a"]) == ("[",)  # '[' as a symbol of a one-character alphabet


def test_format_word():
    assert format_word(("0", "1"), ["0", "1"]) == "01"
    assert format_word(("ab",), ["ab", "c"]) == ["ab"]
