"""The command line as a Unix tool: one error style, global options anywhere, signals, pipes, permissions,
progress, and options with one name and one meaning (issue 10, items 8-14)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from neurosim_cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
X = ROOT / "examples"
NEUROSIM = [sys.executable, "-m", "neurosim"]


def run(*args: str, **kw):
    return CliRunner().invoke(cli, list(args), **kw)


def _env() -> dict[str, str]:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    env.pop("NEUROSIM_BACKEND", None)
    return env


# ---- item 11: usage errors in the one style ----------------------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (["mlp", str(X / "xor.csv"), "--lr", "fast"], "'--lr'"),
    (["simulate", str(X / "nets/xor.json"), "--all", "--bogus"], "--bogus"),
    (["compile"], "TABLE"),
    (["dfa", "run"], "SOURCE"),
    (["perceptron", str(X / "and.csv"), "--order", "random"], "'random'"),
    (["xor", "--seeds", "10"], "--seeds"),  # renamed --nets
    (["demo", "--out", str(X / "and.csv")], "is a file"),
])
def test_usage_errors_are_one_line(args, words):
    r = run(*args)
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and r.output.startswith("neurosim: error: "), r.output
    assert words in r.output and "Usage:" not in r.output and "Try " not in r.output


def test_all_on_40_inputs_is_one_line(tmp_path):
    ins = [f"x{i}" for i in range(40)]
    f = tmp_path / "n.json"
    f.write_text(json.dumps({"format": "neurosim-net", "version": 1, "inputs": ins, "units": []}))
    r = run("simulate", str(f), "--all")
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "2**40" in r.output


# ---- item 9: global options before or after the command --------------------------------------------------
def test_global_options_after_the_command():
    before = run("--seed", "0", "xor", "--nets", "3", "--epochs", "20", "--json")
    after = run("xor", "--nets", "3", "--epochs", "20", "--json", "--seed", "0", "--backend", "numpy")
    assert before.exit_code == after.exit_code == 0, after.output
    assert json.loads(after.stdout)["seed"] == 0 and before.stdout == after.stdout
    quiet = run("compile", str(X / "and.csv"), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    loud = run("compile", str(X / "and.csv"))
    assert "1 unit" in loud.stderr
    deep = run("dfa", "run", str(X / "div3.json"), "11", "-q")
    assert deep.exit_code == 0 and deep.stderr == "" and deep.stdout == "accept\t11\n"


def test_verbose_after_the_command_shows_the_traceback(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{")
    r = run("simulate", str(f), "--all", "-v")
    assert r.exit_code == 2 and "Traceback" in r.stderr
    assert r.stderr.rstrip().endswith("invalid JSON: Expecting property name enclosed in double quotes")


# ---- item 10: pipes, Ctrl-C and SIGTERM ----------------------------------------------------------------------
def test_closed_pipe_ends_quietly(tmp_path):
    ins = [f"x{i}" for i in range(16)]  # 65,536 rows of JSON: far more than a pipe buffer
    f = tmp_path / "n.json"
    f.write_text(json.dumps({"format": "neurosim-net", "version": 1, "inputs": ins, "units": [
        {"name": "y", "threshold": 8, "excitatory": {i: 1 for i in ins}, "inhibitory": []}], "outputs": {"y": "y"}}))
    p = subprocess.Popen([*NEUROSIM, "simulate", str(f), "--all", "--json"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=_env())
    first = p.stdout.readline()
    p.stdout.close()  # what `| head -1` does
    err = p.stderr.read()
    assert p.wait(60) == 0 and err == b"", err
    assert json.loads(first)["x0"] == 0


def _wait_for(stream, text: bytes, timeout: float = 60) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while text not in seen and time.monotonic() < end:
        chunk = stream.readline()
        if not chunk:
            break
        seen += chunk
    return seen


def _sigint_default() -> None:
    # a suite started as a background job (``pytest &``) inherits SIGINT ignored, and Python then keeps it so:
    # the child must see Ctrl-C as a terminal user's process would
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130_and_leaves_no_file(tmp_path):
    p = subprocess.Popen([*NEUROSIM, "xor", "--seed", "0", "--nets", "10000", "--epochs", "10000", "--plot",
                          "x.png"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**_env(), "NEUROSIM_PROGRESS": "1"}, preexec_fn=_sigint_default)
    # one block of nets (SWEEP_BLOCK) reports progress every few epochs: the long work has begun (imports done)
    seen = _wait_for(p.stderr, b"training: ")
    assert b"training: " in seen, seen
    p.send_signal(signal.SIGINT)
    assert p.wait(60) == 130
    assert list(tmp_path.iterdir()) == []


SLOW_RENAME = """
import os, sys, time
real = os.replace
def slow(src, dst):
    sys.stderr.write("renaming\\n"); sys.stderr.flush(); time.sleep(60); real(src, dst)
os.replace = slow
sys.argv = ["neurosim", "compile", sys.argv[1], "-o", "net.json"]
from neurosim_cli.main import main
main()
"""


def test_sigterm_between_temporary_file_and_rename_leaves_nothing(tmp_path):
    p = subprocess.Popen([sys.executable, "-c", SLOW_RENAME, str(X / "and.csv")], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    seen = _wait_for(p.stderr, b"renaming")
    assert b"renaming" in seen, seen
    assert any(q.name.endswith(".tmp") for q in tmp_path.iterdir())  # the finished temporary file is there
    p.send_signal(signal.SIGTERM)
    assert p.wait(60) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


# ---- item 8: permissions ----------------------------------------------------------------------------------------
def test_outputs_get_the_umask_permissions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        assert run("compile", str(X / "and.csv"), "-o", "and.json").exit_code == 0
        assert run("perceptron", str(X / "and.csv"), "--plot", "p.png").exit_code == 0
    finally:
        os.umask(old)
    for name in ("and.json", "p.png"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name


# ---- items 10, 14: the demo's narrative, --json -------------------------------------------------------------
def test_demo_narrative_goes_to_stderr_and_honours_quiet(tmp_path, monkeypatch):
    from neurosim_cli import demo_cmd

    fake = types.ModuleType("neurosim_cli._fake_part")
    fake.demo = lambda out, backend: [f"wrote {(out / 'f.txt').write_text('x') and 'f.txt'}"]
    monkeypatch.setitem(sys.modules, "neurosim_cli._fake_part", fake)
    monkeypatch.setattr(demo_cmd, "PARTS", (("A fake part", "_fake_part"),))
    r = run("demo", "-o", str(tmp_path / "d"))
    assert r.exit_code == 0 and r.stdout == "" and "== A fake part" in r.stderr and "wrote f.txt" in r.stderr
    q = run("-q", "demo", "--out", str(tmp_path / "d"), "--json")
    assert q.exit_code == 0 and q.stderr == ""
    doc = json.loads(q.stdout)
    assert doc["files"] == ["f.txt", "index.html"] and doc["parts"][0]["lines"] == ["wrote f.txt"]
    assert doc["parts"][0]["files"] == ["f.txt"] and doc["report"].endswith("index.html")


def test_dfa_commands_speak_json(tmp_path):
    c = run("dfa", "compile", str(X / "div3.json"), "-o", str(tmp_path / "n.json"), "--json", "--verify")
    assert c.exit_code == 0, c.output
    doc = json.loads(c.stdout)
    assert doc["units"] == 7 and doc["verify"]["equivalent"] is True and doc["format"] == "json"
    d = run("dfa", "draw", str(X / "div3.json"), "-o", str(tmp_path / "d.svg"), "--json")
    assert d.exit_code == 0 and json.loads(d.stdout) == {"output": str(tmp_path / "d.svg"), "format": "svg",
                                                         "kind": "dfa", "states": 3, "symbols": 2}
    m = run("dfa", "minimize", str(X / "small.jff"), "-o", str(tmp_path / "m.json"), "--json")
    assert m.exit_code == 0 and json.loads(m.stdout)["minimal_states"] == 4
    assert run("dfa", "minimize", str(X / "small.jff"), "--json").exit_code == 2  # JSON and the DFA on stdout


# ---- item 12: dfa run reads standard input, or says it needs words; progress ------------------------------
def test_dfa_run_reads_words_from_stdin():
    r = run("dfa", "run", str(X / "div3.json"), input="110\n111\n")
    assert r.exit_code == 0 and r.stdout == "accept\t110\nreject\t111\n"


def test_dfa_run_on_a_terminal_without_words_says_it_needs_them():
    master, slave = os.openpty()
    try:
        p = subprocess.run([*NEUROSIM, "dfa", "run", str(X / "div3.json")], stdin=slave, capture_output=True,
                           env=_env(), timeout=60, check=False)
    finally:
        os.close(master)
        os.close(slave)
    assert p.returncode == 2 and b"no strings to run" in p.stderr and p.stderr.count(b"\n") == 1


def test_step_engine_and_perceptron_show_progress(monkeypatch):
    monkeypatch.setenv("NEUROSIM_PROGRESS", "1")
    r = run("dfa", "run", str(X / "div3.json"), "0", "11", "110", "--engine", "step")
    assert r.exit_code == 0 and "running: 100% (3 of 3)" in r.stderr
    p = run("perceptron", str(X / "xor.csv"), "--order", "shuffle", "--epochs", "2000", "--seed", "1")
    assert p.exit_code == 0 and "training: 50% (1,000 of 2,000)" in p.stderr
    assert run("-q", "perceptron", str(X / "xor.csv"), "--order", "shuffle", "--epochs", "2000").stderr == ""


# ---- item 14: one name, one meaning; which column; JSON numbers; summaries ------------------------------
def test_separable_and_perceptron_say_which_column_they_used():
    s = run("separable", str(X / "full_adder.csv"))
    assert s.exit_code == 0 and "label column 'cout'" in s.stdout
    p = run("perceptron", str(X / "full_adder.csv"), "--json")
    assert json.loads(p.stdout)["label"] == "cout"
    assert json.loads(run("separable", str(X / "full_adder.csv"), "--label", "s", "--json").stdout)["label"] == "s"


def test_json_numbers_have_no_float_noise():
    from neurosim_cli.common import tidy_float

    out = json.loads(run("separable", str(X / "and.csv"), "--json").stdout)
    assert out["novikoff_bound"] == 51 and isinstance(out["novikoff_bound"], int)  # was 50.99999999999999
    assert tidy_float(0.1 + 0.2) == 0.3 and tidy_float(1300.8000000000004) == 1300.8
    assert tidy_float(0.108827341234) == 0.108827341234 and tidy_float(2.0) == 2 and tidy_float(1e-300) == 1e-300


def test_mlp_json_leaves_out_the_loss_curve_unless_asked():
    base = ["--seed", "1", "mlp", str(X / "xor.csv"), "--epochs", "50", "--json"]
    assert "loss_curve" not in json.loads(run(*base).stdout)
    assert len(json.loads(run(*base, "--loss-curve").stdout)["loss_curve"]) == 50


def test_compile_summary_says_what_it_built():
    r = run("compile", str(X / "majority3.csv"))
    assert "3 inputs, 1 output -> 1 unit, 3 synapses, depth 1 (1 threshold unit;" in r.stderr, r.stderr
    assert "product term" not in r.stderr
    a = run("compile", str(X / "and.csv"))
    assert "heuristic cover of 1 product term;" in a.stderr


def test_lr_and_momentum_mean_the_same_in_mlp_and_xor():
    import click

    ctx = click.Context(cli)
    helps = {name: {p.name: p.help for p in cli.get_command(ctx, name).params} for name in ("mlp", "xor")}
    for name in ("mlp", "xor"):
        assert "Learning rate η" in helps[name]["lr"] and "Momentum μ" in helps[name]["momentum"]
    assert "α" not in helps["mlp"]["lr"] + helps["xor"]["momentum"]
