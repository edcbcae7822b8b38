"""``neurosim compile``: outputs, formats, --json keys, --verify, atomic -o, and one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from neurosim.io.nets import load_net
from neurosim_cli.main import cli

XOR_CSV = "a,b,|,y\n0,0,|,0\n0,1,|,1\n1,0,|,1\n1,1,|,0\n"
MAJ_PLA = ".i 3\n.o 1\n.ilb a b c\n.ob m\n11- 1\n1-1 1\n-11 1\n.e\n"


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def test_net_json_on_stdout_summary_on_stderr(runner, tmp_path):
    res = runner.invoke(cli, ["compile", write(tmp_path, "x.csv", XOR_CSV)])
    assert res.exit_code == 0, res.output
    net = load_net(res.stdout)
    assert net.inputs == ("a", "b") and net.output_names == ("y",)
    assert "units" in res.stderr


def test_json_summary_with_verify(runner, tmp_path):
    out = tmp_path / "m.json"
    res = runner.invoke(cli, ["--seed", "3", "compile", write(tmp_path, "m.pla", MAJ_PLA), "--json", "--verify",
                              "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert {"inputs", "outputs", "units", "synapses", "depth", "method", "seconds", "verify", "seed"} <= set(doc)
    assert doc["units"] == 1 and doc["verify"]["ok"] and doc["seed"] == 3
    assert load_net(out).output_names == ("m",)


@pytest.mark.parametrize("suffix,start", [(".dot", b"digraph"), (".pla", b".i 3"), (".graphml", b"<?xml"),
                                          (".blif", b".model")])
def test_format_from_suffix(runner, tmp_path, suffix, start):
    out = tmp_path / f"net{suffix}"
    res = runner.invoke(cli, ["compile", write(tmp_path, "m.pla", MAJ_PLA), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert start in out.read_bytes()[:200]


def test_stdin_and_format_option(runner):
    res = runner.invoke(cli, ["compile", "-", "--table-format", "pla", "--format", "pla"], input=MAJ_PLA)
    assert res.exit_code == 0, res.output
    assert ".o 1" in res.stdout


def test_method_and_outputs_options(runner, tmp_path):
    csv = "a,b,s,c\n0,0,0,0\n0,1,1,0\n1,0,1,0\n1,1,0,1\n"
    res = runner.invoke(cli, ["compile", write(tmp_path, "h.csv", csv), "--outputs", "s,c", "--method", "exact",
                              "--json", "--verify"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["outputs"] == 2


def test_bad_table_is_one_line_exit_2_and_no_file(runner, tmp_path):
    out = tmp_path / "never.json"
    bad = write(tmp_path, "bad.csv", "a,b,|,y\n0,0,|,0\n0,2,|,1\n")
    res = runner.invoke(cli, ["compile", bad, "-o", str(out)])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and f"{bad}:3:3" in res.stderr
    assert "Traceback" not in res.output and not out.exists()


def test_missing_file_and_bad_suffix(runner, tmp_path):
    res = runner.invoke(cli, ["compile", str(tmp_path / "nope.csv")])
    assert res.exit_code == 2 and "nope.csv" in res.stderr
    res = runner.invoke(cli, ["compile", write(tmp_path, "x.csv", XOR_CSV), "-o", str(tmp_path / "net.xyz")])
    assert res.exit_code == 2 and ".xyz" in res.stderr
    assert not list(tmp_path.glob("net.xyz*"))


def test_verify_mismatch_exits_1(runner, tmp_path, monkeypatch):
    import neurosim.logic as logic

    real = logic.verify

    def wrong(net, table, **kw):
        from neurosim.core.mp import MPNet, MPUnit
        u = net.units[0]
        bad = MPNet(net.inputs, (MPUnit(u.name, u.threshold + 1, u.excitatory, u.inhibitory), *net.units[1:]),
                    net.outputs)
        return real(bad, table, **kw)

    monkeypatch.setattr(logic, "verify", wrong)  # where the CLI looks it up: the face
    res = runner.invoke(cli, ["compile", write(tmp_path, "m.pla", MAJ_PLA), "--verify", "-o",
                              str(tmp_path / "m.json")])
    assert res.exit_code == 1
    assert "counterexample" in res.stderr


def test_demo_hook(tmp_path):
    from neurosim.backend import get_backend
    from neurosim_cli.compile_cmd import demo

    lines = demo(tmp_path, get_backend("numpy"))
    assert lines and all("verified yes" in ln for ln in lines)
    assert (tmp_path / "full_adder.net.json").exists() and (tmp_path / "full_adder.png").exists()


SEVEN_SEGMENT = str(__import__("pathlib").Path(__file__).resolve().parents[2] / "examples" / "seven_segment.csv")


def test_progress_names_every_stage_on_stderr_and_changes_nothing_on_stdout(runner, monkeypatch):
    plain = runner.invoke(cli, ["--seed", "1", "compile", SEVEN_SEGMENT, "--verify"])
    assert plain.exit_code == 0 and "neurosim: compile: [" not in plain.stderr  # not a terminal: silent
    monkeypatch.setenv("NEUROSIM_PROGRESS", "1")
    res = runner.invoke(cli, ["--seed", "1", "compile", SEVEN_SEGMENT, "--verify"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("neurosim: compile: [")]
    for what in ("OFF-sets of 7 outputs", "threshold/symmetric search: a (1/7)", "minimise: 10 ON cubes",
                 "minimise: pass 1", "exact choice among", "exact cover:", "both output phases", "multi-level pass",
                 "verifying 15 units"):
        assert any(what in ln for ln in lines), (what, lines)
    assert res.stdout == plain.stdout
    quiet = runner.invoke(cli, ["-q", "--seed", "1", "compile", SEVEN_SEGMENT])
    assert quiet.exit_code == 0 and "neurosim: compile: [" not in quiet.stderr
