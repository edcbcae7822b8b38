"""``neurosim regex compile|run``, and ``neurosim dfa compile|run|verify|minimize|draw|regex`` on NFA specs and
nets, through Click's test runner; bad input gives one located line and exit 2."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from neurosim import examples
from neurosim.automata.protocol import RunProtocol
from neurosim.io.dfas import load_automaton
from neurosim.io.nets import load_net
from neurosim_cli.main import cli
from neurosim_cli.regex_cmd import demo

from .test_dfa import one_line_error

NFA3 = str(examples.path("third_from_end.json"))


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


# ---- bad input first: one located line, exit 2 -----------------------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (["regex", "compile", "(ab|b))"], ["regex:1:7: unbalanced ')'"]),
    (["regex", "run", "(ab", "ab"], ["regex:1:1: unbalanced '('"]),
    (["regex", "compile", "()"], ["regex:1:1: empty alphabet"]),
    (["regex", "compile", "a", "--alphabet", ""], ["alphabet: expected at least one symbol"]),
    (["regex", "compile", "ab|c", "--alphabet", "a,b"], ["regex:1:4: symbol 'c' is not in the alphabet {a, b}"]),
    (["regex", "run", "a*", "ab"], ["argument 1: position 2: symbol 'b'"]),
    (["regex", "compile", "a{3}"], ["regex:1:2:", "counted repetition"]),
])
def test_bad_regex_input(args, words):
    one_line_error(invoke(*args), *words)


def test_bad_nfa_spec(tmp_path):
    p = tmp_path / "n.json"
    p.write_text(json.dumps({"states": ["q0"], "input_symbols": ["a"], "transitions": {"q0": {"a": ["q0", "q7"]}},
                             "initial_state": "q0", "final_states": []}))
    for cmd in ("compile", "run", "verify", "regex", "minimize"):
        one_line_error(invoke("dfa", cmd, str(p)), f"{p}: $.transitions.q0.a[1]: unknown state 'q7'")


# ---- regex compile / run ------------------------------------------------------------------------------------
def test_compile_to_stdout_with_verify():
    res = invoke("regex", "compile", "(ab|ba)*", "--verify")
    assert res.exit_code == 0, res.output
    assert "m = 4 symbol occurrence(s) -> 5 units" in res.stderr and "verified" in res.stderr
    net = load_net(res.stdout)
    assert RunProtocol.from_net(net).symbols == ("a", "b") and net.meta["construction"] == "glushkov1961"


def test_compile_json_reports_units_synapses_and_m(tmp_path):
    out = tmp_path / "r.graphml"
    res = invoke("regex", "compile", "a.b", "--alphabet", "a,b,c", "--json", "-o", str(out), "--verify")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert (doc["m"], doc["units"], doc["alphabet"], doc["format"]) == (3, 4, ["a", "b", "c"], "graphml")
    assert doc["synapses"] == load_net(out).n_synapses
    assert doc["verify"]["equivalent"] is True and doc["verify"]["method"] == "product"


def test_compile_k_20_proves_by_local_induction_past_the_limit(tmp_path):
    body = "[01]" * 19
    res = invoke("regex", "compile", f"[01]*1{body}", "--verify", "--max-states", "5000", "--json", "-o",
                 str(tmp_path / "k20.json"))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["m"] == 21 and doc["units"] <= 23 and doc["verify"]["method"] == "local-induction"
    assert "5,000" in doc["verify"]["note"]


def test_run_words_strings_file_and_json(tmp_path):
    f = tmp_path / "w.txt"
    f.write_text("abba\n\naab\n")
    res = invoke("regex", "run", "(ab|ba)*", "ab", "ba", "--strings", str(f), "--json")
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["accepted"] for r in recs] == [True, True, True, True, False]
    assert [r["input"] for r in recs] == ["ab", "ba", "abba", "", "aab"]
    res = invoke("regex", "run", "0*(10*10*)*", "0110", "111", "--engine", "step", "--trace")
    assert res.exit_code == 0 and res.stdout.splitlines()[0] == "accept\t0110" and "t=5: accept" in res.stdout


def test_run_with_a_space_symbol():
    # issue 10 item 6: a symbol that is a space is kept, in arguments and in --strings lines
    res = invoke("regex", "run", "( a)*", " a", " ", " a a", "--json")
    assert [json.loads(x)["accepted"] for x in res.stdout.splitlines()] == [True, False, True]
    res = invoke("regex", "run", "( a)*", "--strings", "-", "--json", input=" a\n \n")
    assert [json.loads(x)["input"] for x in res.stdout.splitlines()] == [" a", " "]


# ---- dfa commands on NFA specs and regex nets -----------------------------------------------------------------
def test_dfa_compile_nfa_json_and_jflap(tmp_path):
    res = invoke("dfa", "compile", NFA3, "--json", "-o", str(tmp_path / "n.json"), "--verify")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert (doc["units"], doc["nfa_states"], doc["split_states"]) == (5, 4, {}) and doc["synapses"] > 0
    assert doc["verify"]["equivalent"] is True
    jff = tmp_path / "n.jff"
    from neurosim.io.nfas import load_nfa, save_nfa

    save_nfa(load_nfa(NFA3), jff)
    res = invoke("dfa", "compile", str(jff), "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)["units"] == 5
    res = invoke("dfa", "compile", str(examples.path("div3.json")), "--json")
    assert json.loads(res.stdout)["units"] == 7 and json.loads(res.stdout)["dfa_states"] == 3
    one_line_error(invoke("dfa", "compile", NFA3, "--merge"), "--merge applies to DFA specs")


def test_dfa_run_verify_minimize_draw_on_an_nfa(tmp_path):
    res = invoke("dfa", "run", NFA3, "100", "011", "1000", "--json")
    assert [json.loads(x)["accepted"] for x in res.stdout.splitlines()] == [True, False, False]
    net = tmp_path / "n.graphml"
    assert invoke("dfa", "compile", NFA3, "-o", str(net)).exit_code == 0
    res = invoke("dfa", "verify", NFA3, "--net", str(net), "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)["equivalent"] is True
    res = invoke("dfa", "verify", str(examples.path("third_from_end_dfa.json")), "--net", str(net))
    assert res.exit_code == 0 and "product construction" in res.stderr
    wrong = tmp_path / "w.json"
    assert invoke("regex", "compile", "[01]*1[01]", "-o", str(wrong)).exit_code == 0
    res = invoke("dfa", "verify", NFA3, "--net", str(wrong))
    assert res.exit_code == 1 and 'NOT equivalent: shortest distinguishing string "10" (the net accepts' in res.stdout
    res = invoke("dfa", "minimize", NFA3)
    assert res.exit_code == 0 and len(json.loads(res.stdout)["states"]) == 8
    png = tmp_path / "n.png"
    assert invoke("dfa", "draw", NFA3, "-o", str(png)).exit_code == 0 and png.stat().st_size > 1000


@pytest.mark.parametrize("source, expected", [
    ("div3.json", "(0|1(01*0)*1)*"),
    ("nets/no_11.json", "(1?0)*1?"),
    ("third_from_end.json", "[01]*1[01][01]"),
])
def test_dfa_regex_text_and_json(source, expected):
    res = invoke("dfa", "regex", str(examples.path(source)))
    assert res.exit_code == 0 and res.stdout == expected + "\n"
    doc = json.loads(invoke("dfa", "regex", str(examples.path(source)), "--json").stdout)
    assert doc["regex"] == expected and doc["verified"] is True and re.compile(doc["regex"])


def test_dfa_regex_on_a_regex_net_round_trips(tmp_path):
    from neurosim.automata.dfa import equivalent
    from neurosim.automata.equivalence import extract_dfa

    net = tmp_path / "r.json"
    assert invoke("regex", "compile", "(a|b)*abb", "-o", str(net)).exit_code == 0
    printed = invoke("dfa", "regex", str(net)).stdout.strip()
    again = tmp_path / "again.json"
    assert invoke("regex", "compile", printed, "-o", str(again)).exit_code == 0
    (_, n1), (_, n2) = load_automaton(net), load_automaton(again)
    assert equivalent(extract_dfa(n1), extract_dfa(n2))


def test_demo_part(tmp_path):
    lines = demo(tmp_path, None)
    assert any("verified yes" in ln for ln in lines) and "(1?0)*1?" in lines[-1] and "equivalent" in lines[-1]
    assert (tmp_path / "third_nfa_net.png").stat().st_size > 1000 and (tmp_path / "abba_net.json").is_file()
