"""``neurosim compile --method minimum``: the certificate in --json, proof files, and clear refusals."""

from __future__ import annotations

import json

from click.testing import CliRunner

from neurosim.io.nets import load_net
from neurosim_cli.main import cli
from tests.oracles import drat

XOR_CSV = "a,b,|,y\n0,0,|,0\n0,1,|,1\n1,0,|,1\n1,1,|,0\n"


def test_json_records_the_impossible_sizes(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text(XOR_CSV)
    res = CliRunner().invoke(cli, ["compile", str(src), "--method", "minimum", "--json", "--verify",
                                   "-o", str(tmp_path / "x.json")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["minimum"] is True and doc["impossible_sizes"] == [0, 1] and doc["units"] == 2
    assert doc["certificate"]["max_weight"] == 3 and doc["verify"]["ok"]
    assert [s["satisfiable"] for s in doc["certificate"]["sizes"]] == [False, False, True]
    assert len(load_net(tmp_path / "x.json").units) == 2


def test_proof_files_check_independently(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text(XOR_CSV)
    res = CliRunner().invoke(cli, ["compile", str(src), "--method", "minimum", "--proof", str(tmp_path / "pr")])
    assert res.exit_code == 0, res.output
    assert "proven minimum; impossible sizes: 0, 1" in res.stderr
    for k in (0, 1):
        cnf = (tmp_path / "pr" / f"size{k}.cnf").read_text()
        assert drat.check(cnf, (tmp_path / "pr" / f"size{k}.drat").read_text())


def test_proof_needs_method_minimum(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text(XOR_CSV)
    res = CliRunner().invoke(cli, ["compile", str(src), "--proof", str(tmp_path / "pr")])
    assert res.exit_code == 2 and "--proof needs --method minimum" in res.output


def test_six_inputs_are_refused_in_one_line(tmp_path):
    src = tmp_path / "w.pla"
    src.write_text(".i 6\n.o 1\n111111 1\n.e\n")
    res = CliRunner().invoke(cli, ["compile", str(src), "--method", "minimum"])
    assert res.exit_code == 2
    assert res.stderr.strip().count("\n") == 0 and "at most 5 inputs" in res.stderr


def test_pla_of_the_minimum_net_is_its_function(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text(XOR_CSV)
    res = CliRunner().invoke(cli, ["compile", str(src), "--method", "minimum", "--format", "pla"])
    assert res.exit_code == 0, res.output
    rows = sorted(line for line in res.stdout.splitlines() if line[:1] in "01")
    assert rows == ["01 1", "10 1"]
