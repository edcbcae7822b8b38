"""``neurosim dfa compile|run|verify|draw|minimize`` through Click's test runner, errors included."""

from __future__ import annotations

import json
import runpy
import sys

import pytest
from click.testing import CliRunner

from neurosim import examples
from neurosim.automata.dfa_compiler import compile_dfa
from neurosim.automata.protocol import RunProtocol
from neurosim.backend import get_backend
from neurosim.core.mp import MPNet, MPUnit
from neurosim.io.dfas import load_dfa
from neurosim.io.nets import load_net, save_net
from neurosim_cli.dfa_cmd import demo
from neurosim_cli.main import cli

DIV3 = str(examples.path("div3.json"))


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def one_line_error(res, *words):
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    err = lines[-1]  # summaries may come first; the error is one line, the last
    assert err.startswith("neurosim: error: ") and "Traceback" not in res.output
    assert sum(ln.startswith("neurosim: error") for ln in lines) == 1
    for w in words:
        assert w in err, err


# ---- errors first ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content, words", [
    ('{"states": [', ["bad.json:1:13", "invalid JSON"]),
    ('{"states": ["q"], "input_symbols": ["a"], "transitions": {}, "initial_state": "q"}',
     ["missing key 'final_states'"]),
    ('{"states": ["q"], "input_symbols": ["a"], "transitions": {"q": {"a": "q9"}}, "initial_state": "q", '
     '"final_states": []}', ["$.transitions.q.a: unknown state 'q9'"]),
    ('{"states": ["q"], "input_symbols": ["a"], "transitions": {"q": {"a": "q", "b": "q"}}, '
     '"initial_state": "q", "final_states": []}', ["$.transitions.q.b: unknown symbol 'b'"]),
    ('<structure><type>fa</type><state id="0"><initial/></state><transition><from>0</from><to>0</to>'
     '<read>a</read></transition><transition><from>0</from><to>1</to><read>a</read></transition></structure>',
     ["$.transition[1]", "unknown state id '1'"]),
    # a DFA spec (allow_partial is a DFA key) with a move to two states; a nondeterministic JFLAP file or a JSON
    # spec without allow_partial is an NFA now (issue 13), and compiles
    ('{"states": ["q", "r"], "input_symbols": ["a"], "transitions": {"q": {"a": ["q", "r"]}}, '
     '"initial_state": "q", "final_states": ["r"], "allow_partial": true}',
     ["$.transitions.q.a: nondeterministic: a DFA moves to one state"]),
    ('{"states": ["q"], "input_symbols": ["a"], "transitions": {"q": {"a": "q", "a": "q"}}, '
     '"initial_state": "q", "final_states": []}', ["$.transitions.q.a", "duplicate key"]),
    ('{"states": ["q"], "input_symbols": ["a"], "transitions": {"q": {"a": ["q", "q9"]}}, "initial_state": "q", '
     '"final_states": []}', ["bad.json: $.transitions.q.a[1]: unknown state 'q9'"]),
])
@pytest.mark.parametrize("cmd", ["compile", "run", "verify"])
def test_bad_specs_give_one_line_and_exit_2(tmp_path, content, words, cmd):
    p = tmp_path / "bad.json"
    p.write_text(content)
    one_line_error(invoke("dfa", cmd, str(p)), *words)


def test_symbol_outside_alphabet_in_arguments_and_files(tmp_path):
    one_line_error(invoke("dfa", "run", DIV3, "11", "1021"), "argument 2: position 3: symbol '2'")
    f = tmp_path / "s.txt"
    f.write_text("0\n1x1\n")
    one_line_error(invoke("dfa", "run", DIV3, "--strings", str(f)), "s.txt:2:2:", "'x'")
    one_line_error(invoke("dfa", "run", DIV3, "--strings", "-", input="10\n\n7\n"), "<stdin>:3:1:")


def test_missing_file_and_net_where_spec_needed(tmp_path):
    one_line_error(invoke("dfa", "run", str(tmp_path / "nope.json"), "1"), "nope.json")
    net = tmp_path / "n.json"
    save_net(compile_dfa(load_dfa(DIV3)).net, net)
    one_line_error(invoke("dfa", "compile", str(net)), "net file")
    one_line_error(invoke("dfa", "verify", DIV3, "--net", DIV3), "DFA spec, not a net file")
    plain = tmp_path / "plain.json"
    save_net(MPNet(("x",), (MPUnit("u", 1, ("x",)),), (("y", "u"),)), plain)
    one_line_error(invoke("dfa", "run", str(plain), "1"), "not a DFA net")


# ---- compile and run -------------------------------------------------------------------------------------------
def test_compile_to_stdout_and_files(tmp_path):
    res = invoke("dfa", "compile", DIV3)
    assert res.exit_code == 0 and "7 units" in res.stderr
    net = load_net(res.stdout)
    assert RunProtocol.from_net(net).accept_delay == 1
    out = tmp_path / "d.graphml"
    res = invoke("dfa", "compile", str(examples.path("contains101.json")), "-o", str(out), "--merge", "--verify")
    assert res.exit_code == 0 and "4 units saved" in res.stderr and "verified" in res.stderr
    assert len(load_net(out).units) == 5


def test_run_json_lines_in_input_order(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("\n110\n111\n")
    res = invoke("dfa", "run", DIV3, "0", "11", "--strings", str(f), "--json")
    assert res.exit_code == 0
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs == [{"input": "0", "accepted": True}, {"input": "11", "accepted": True},
                    {"input": "", "accepted": True}, {"input": "110", "accepted": True},
                    {"input": "111", "accepted": False}]


@pytest.mark.parametrize("engine", ["auto", "table", "step"])
def test_engines_agree_on_a_net_file(tmp_path, engine):
    net = tmp_path / "c.graphml"
    assert invoke("dfa", "compile", str(examples.path("contains101.json")), "-o", str(net)).exit_code == 0
    strings = [format(n, "b") for n in range(40)]
    res = invoke("dfa", "run", str(net), *strings, "--engine", engine)
    assert res.exit_code == 0
    verdicts = [line.split("\t")[0] == "accept" for line in res.stdout.splitlines()]
    assert verdicts == ["101" in s for s in strings]


def test_run_trace_and_raster(tmp_path):
    png = tmp_path / "r.png"
    res = invoke("dfa", "run", DIV3, "110", "--trace", "--json", "--raster", str(png))
    assert res.exit_code == 0 and png.stat().st_size > 1000
    rec = json.loads(res.stdout)
    assert rec["trace"][0] == ["x[1]", "start"] and rec["trace"][4] == ["accept"] and len(rec["trace"]) == 5
    res = invoke("dfa", "run", DIV3, "1", "--trace")
    assert res.stdout.splitlines()[1:] == ["  t=0: x[1] start", "  t=1: u[r0:1] accept", "  t=2: -"]


def test_multi_character_symbols(tmp_path):
    spec = {"states": ["p", "q"], "input_symbols": ["go", "stop"],
            "transitions": {"p": {"go": "q", "stop": "p"}, "q": {"go": "q", "stop": "p"}},
            "initial_state": "p", "final_states": ["q"], "allow_partial": False}
    f = tmp_path / "m.json"
    f.write_text(json.dumps(spec))
    res = invoke("dfa", "run", str(f), '["go"]', '["go","stop"]', "--json")
    assert [json.loads(x)["accepted"] for x in res.stdout.splitlines()] == [True, False]
    one_line_error(invoke("dfa", "run", str(f), "go"), "argument 1", "JSON array")


# ---- verify, draw, minimize ------------------------------------------------------------------------------------
def test_verify_exit_codes(tmp_path):
    res = invoke("dfa", "verify", DIV3, "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)["equivalent"] is True
    net = compile_dfa(load_dfa(DIV3)).net
    acc = net.unit("accept")
    bad = MPNet(net.inputs, tuple(MPUnit("accept", 1, tuple(s for s in acc.excitatory if s != "start"))
                                  if u.name == "accept" else u for u in net.units), net.outputs, net.initial,
                net.metadata)
    p = tmp_path / "bad.json"
    save_net(bad, p)
    res = invoke("dfa", "verify", DIV3, "--net", str(p))
    assert res.exit_code == 1 and 'shortest distinguishing string ""' in res.stdout
    res = invoke("dfa", "verify", DIV3, "--net", str(p), "--json")
    assert res.exit_code == 1 and json.loads(res.stdout)["witness"] == ""


def test_draw_spec_and_net(tmp_path):
    assert invoke("dfa", "draw", str(examples.path("small.jff")), "-o", str(tmp_path / "s.png")).exit_code == 0
    net = tmp_path / "n.json"
    save_net(compile_dfa(load_dfa(DIV3)).net, net)
    assert invoke("dfa", "draw", str(net), "-o", str(tmp_path / "n.svg")).exit_code == 0
    assert (tmp_path / "s.png").stat().st_size > 1000 and (tmp_path / "n.svg").stat().st_size > 1000
    one_line_error(invoke("dfa", "draw", DIV3, "-o", str(tmp_path / "x.gif")), "x.gif")


def test_minimize_converts(tmp_path):
    out = tmp_path / "small.json"
    res = invoke("dfa", "minimize", str(examples.path("small.jff")), "-o", str(out))
    assert res.exit_code == 0 and "3 states -> 4" in res.stderr
    assert load_dfa(out).states == ("q0", "q1", "q2", "trap")


# ---- demo hook and example script -------------------------------------------------------------------------------
def test_demo_hook(tmp_path):
    lines = demo(tmp_path, get_backend("numpy"))
    assert any("equivalent" in ln for ln in lines) and all("DISAGREE" not in ln for ln in lines)
    for name in ("div3_net.json", "div3_net.graphml", "div3_dfa.png", "div3_net.png", "div3_raster.png"):
        assert (tmp_path / name).stat().st_size > 0


def test_examples_script(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["dfa_examples.py", str(tmp_path)])
    runpy.run_path(str(examples.path("dfa_examples.py")), run_name="__main__")
    out = capsys.readouterr().out
    assert out.count("verified") == 4 and (tmp_path / "small_raster.png").exists()
