"""Regular expressions: the parser, Glushkov's compiler, Thompson's verifier automaton, and Kleene's converse.

Oracles: Python's ``re.fullmatch`` on random expressions and every string up to length 8; a hand-worked
position automaton; the converse's expression compiled again and compared with the original net by product
construction (and read by ``re`` too).
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from hypothesis import given, settings

from neurosim import examples
from neurosim.automata.dfa import equivalent
from neurosim.automata.dfa_compiler import compile_dfa
from neurosim.automata.engines import accepts, run_codes, tabulate
from neurosim.automata.equivalence import extract_dfa, verify_net
from neurosim.automata.glushkov import position_sets
from neurosim.automata.kleene import to_regex
from neurosim.automata.regex import parse_regex
from neurosim.automata.regex_ast import to_text
from neurosim.automata.regex_compiler import compile_regex
from neurosim.automata.subset import minimal_dfa
from neurosim.automata.thompson import thompson_nfa
from neurosim.errors import ParameterError, ParseError
from neurosim.io.dfas import load_automaton, load_dfa

from ..oracles.regexes import regex_texts

WORDS8 = [w for n in range(9) for w in itertools.product("ab", repeat=n)]  # 511 strings


def re_verdicts(text: str, words) -> list[bool]:
    r = re.compile(text)
    return [r.fullmatch("".join(w)) is not None for w in words]


# ---- the parser: edge cases and located errors first ----------------------------------------------------------
@pytest.mark.parametrize("text, alphabet, words", [
    ("()", "ab", {(): True, ("a",): False}),
    ("(?!)", "ab", {(): False, ("a",): False}),
    ("", "a", {(): True, ("a",): False}),
    ("a|", None, {(): True, ("a",): True, ("a", "a"): False}),
    (r"\*\.\(", None, {("*", ".", "("): True, ("*",): False}),
    (r"[\]\\-]", None, {("]",): True, ("\\",): True, ("-",): True}),
    ("[]a]", None, {("]",): True, ("a",): True}),
    ("[a-c]x", None, {("b", "x"): True, ("d", "x"): None}),
    ("[^a].", "abc", {("b", "a"): True, ("a", "a"): False}),
    ("(?:ab)+", None, {("a", "b", "a", "b"): True, ("a",): False}),
    (r"\n\t\x41", None, {("\n", "\t", "A"): True}),
    (" a", None, {(" ", "a"): True}),
])
def test_small_expressions_agree_with_re(text, alphabet, words):
    comp = compile_regex(text, alphabet)
    ws = [w for w, v in words.items() if v is not None]
    assert accepts(comp.net, ws).tolist() == [words[w] for w in ws]
    assert re_verdicts(text, ws) == [words[w] for w in ws]


@pytest.mark.parametrize("text, col, fragment", [
    ("(ab|b))", 7, "unbalanced ')'"),
    ("a(b|c", 2, "unbalanced '(': no ')' closes it"),
    ("*a", 1, "nothing to repeat before '*'"),
    ("a|+", 3, "nothing to repeat"),
    ("a**", 3, "multiple repeat"),
    ("a{2}", 2, "counted repetition is not supported"),
    ("^a", 1, "anchor '^' is not supported"),
    ("a$", 2, "anchor '$'"),
    (r"a\d", 2, r"escape '\d' is not supported"),
    ("a\\", 2, "dangling"),
    ("[ab", 1, "unterminated class"),
    ("x[b-a]", 3, "bad range 'b'-'a'"),
    ("(?=a)", 1, "group is not supported"),
    (r"\x4", 1, "2 hexadecimal digits"),
])
def test_syntax_errors_are_located(text, col, fragment):
    with pytest.raises(ParseError) as info:
        parse_regex(text)
    assert (info.value.source, info.value.line, info.value.column) == ("regex", 1, col)
    assert fragment in info.value.message
    assert str(info.value).startswith(f"regex:1:{col}: ")


def test_the_issues_example_message():
    with pytest.raises(ParseError, match=r"^regex:1:7: unbalanced '\)'$"):
        parse_regex("(ab|b))")


def test_alphabet_errors():
    with pytest.raises(ParseError, match=r"regex:1:4: symbol 'c' is not in the alphabet \{a, b\}"):
        parse_regex("ab|c", "a,b")
    with pytest.raises(ParseError, match="regex:1:1: empty alphabet"):
        parse_regex("()")
    with pytest.raises(ParameterError, match="empty alphabet"):
        parse_regex("a", "")
    with pytest.raises(ParameterError, match="one-character symbols"):
        parse_regex("a", ["a", "bc"])
    assert parse_regex("a", "a,b,c").alphabet == parse_regex("a", "abc").alphabet == ("a", "b", "c")
    with pytest.raises(ParseError) as info:
        parse_regex("x\ny\nz)")
    assert (info.value.line, info.value.column) == (3, 2)


# ---- Glushkov's construction: a worked example, then the size bound --------------------------------------------
def test_position_sets_worked_example():
    # (a|b)*abb: positions a1 b2 a3 b4 b5 (the Dragon book's example, Aho, Sethi & Ullman 1986, §3.9)
    ps = position_sets(parse_regex("(a|b)*abb").tree)
    assert ps.first == {1, 2, 3} and ps.last == {5} and not ps.nullable
    assert ps.follow == ({1, 2, 3}, {1, 2, 3}, {4}, {5}, frozenset())
    comp = compile_regex("(a|b)*abb")
    names = [u.name for u in comp.net.units]
    assert names == ["p[1:a]", "p[2:b]", "p[3:a]", "p[4:b]", "p[5:b]", "accept"]
    p4 = comp.net.unit("p[4:b]")
    assert p4.threshold == 2 and p4.weights == {"p[3:a]": 1, "x[b]": 1}
    p1 = comp.net.unit("p[1:a]")  # three predecessors: one of them and the symbol reach θ = 4, all three do not
    assert p1.threshold == 4 and p1.weights == {"p[1:a]": 1, "p[2:b]": 1, "start": 1, "x[a]": 3}


@settings(max_examples=60, deadline=None)
@given(regex_texts())
def test_random_expressions_agree_with_re_on_every_short_string(text):
    comp = compile_regex(text, "ab")
    assert len(comp.net.units) <= comp.m + 2
    assert (accepts(comp.net, WORDS8, engine="table") == re_verdicts(text, WORDS8)).all()
    assert (accepts(comp.net, WORDS8[:127], engine="step") == re_verdicts(text, WORDS8[:127])).all()
    assert verify_net(comp.net, comp.regex).equivalent
    # the tree printed back is the same language (re reads it alike)
    assert re_verdicts(to_text(comp.regex.tree), WORDS8) == re_verdicts(text, WORDS8)


@settings(max_examples=25, deadline=None)
@given(regex_texts("abc", max_leaves=16))
def test_three_symbols_and_thompson_against_re(text):
    rx = parse_regex(text, "abc")
    words = [w for n in range(6) for w in itertools.product("abc", repeat=n)]
    expected = re_verdicts(text, words)
    th = thompson_nfa(rx).nfa
    assert [th.accepts(w) for w in words] == expected  # the verifier's own automaton, by direct simulation
    assert accepts(compile_regex(rx).net, words).tolist() == expected


def test_units_bound_on_long_expressions():
    rng = np.random.default_rng(5)
    for m in (10, 100, 400):
        body = "|".join("".join(rng.choice(["a", "b", "a*", "(ab)?"], size=5)) for _ in range(m // 5))
        comp = compile_regex(f"({body})*")
        assert len(comp.net.units) <= comp.m + 2
        ws = [tuple(rng.choice(["a", "b"], size=int(n))) for n in rng.integers(0, 30, size=200)]
        assert accepts(comp.net, ws, engine="step").tolist() == re_verdicts(f"({body})*", ws)


# ---- Kleene's converse ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("source, expected", [
    ("div3.json", "(0|1(01*0)*1)*"),
    ("parity.json", "(0|10*1)*"),
    ("small.jff", "a+b+"),
    ("nets/no_11.json", "(1?0)*1?"),
    ("third_from_end.json", "[01]*1[01][01]"),
    ("third_from_end_dfa.json", "[01]*1[01][01]"),
])
def test_converse_prints_short_expressions(source, expected):
    spec, net = load_automaton(examples.path(source))
    res = to_regex(net if net is not None else spec)
    assert res.regex == expected
    words = [w for n in range(9) for w in itertools.product("".join(res.alphabet), repeat=n)]
    assert re_verdicts(res.regex, words) == [res.dfa.accepts(w) for w in words]


def test_converse_of_dfa_nets_and_edge_languages():
    d = load_dfa(examples.path("contains101.json"))
    assert to_regex(compile_dfa(d).net).regex == to_regex(d).regex
    assert to_regex(compile_regex("(?!)", "ab").net).regex == "(?!)"
    assert to_regex(compile_regex("()", "ab").net).regex == "()"
    assert to_regex(compile_regex("[ab]*").net).regex == "[ab]*"
    assert to_regex(compile_regex("x|xy|xyz").net).regex == "x(yz?)?"


@settings(max_examples=30, deadline=None)
@given(regex_texts())
def test_converse_compiled_again_is_equivalent_to_the_net(text):
    net = compile_regex(text, "ab").net
    back = to_regex(net)
    again = compile_regex(back.regex, "ab").net
    assert equivalent(extract_dfa(again), extract_dfa(net))
    assert re_verdicts(back.regex, WORDS8) == re_verdicts(text, WORDS8)


def test_regex_net_metadata_and_engines():
    comp = compile_regex("(ab|ba)*")
    meta = comp.net.meta
    assert meta["construction"] == "glushkov1961" and meta["positions"] == 4 and meta["regex"] == "(ab|ba)*"
    assert meta["unit_states"] == "p[1:a]=1,p[2:b]=2,p[3:b]=3,p[4:a]=4"
    tab = tabulate(comp.net)
    assert len(minimal_dfa(thompson_nfa(comp.regex).nfa).states) == 4  # ε, a, b pending, and dead
    codes, lengths = comp.protocol.encode([tuple("abba"), tuple("aab")])
    assert run_codes(comp.net, codes, lengths, table=tab).tolist() == [True, False]
