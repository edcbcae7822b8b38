"""``neurosim separable`` and ``neurosim perceptron`` through Click's CliRunner, plus the demo hook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from neurosim import examples
from neurosim_cli.main import cli
from neurosim_cli.perceptron_cmd import demo


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def ex(name):
    return str(examples.path(name))


@pytest.mark.parametrize("name", ["and.csv", "or.csv", "nand.csv", "cloud2d.csv"])
def test_separable_json_for_separable_examples(name):
    r = run("separable", ex(name), "--json", "--check")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["separable"] is True and out["margin"] > 0 and len(out["weights"]) == 2
    assert isinstance(out["bias"], float)


def test_separable_xor_certificate_json_and_check_exit_1():
    r = run("separable", ex("xor.csv"), "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["separable"] is False
    assert out["certificate"]["positive"] == {"1": "1/2", "2": "1/2"}
    assert out["certificate"]["negative"] == {"0": "1/2", "3": "1/2"}
    r = run("separable", ex("xor.csv"), "--check")
    assert r.exit_code == 1 and "1/2·row 1 + 1/2·row 2 = 1/2·row 0 + 1/2·row 3" in r.stdout


def test_separable_reads_truth_table_from_stdin_with_label():
    text = "a,b,|,s,c\n0,0,|,0,0\n0,1,|,1,0\n1,0,|,1,0\n1,1,|,0,1\n"
    r = run("separable", "-", "--label", "s", "--json", input=text)
    assert r.exit_code == 0 and json.loads(r.stdout)["separable"] is False
    r = run("separable", "-", "--json", input=text)
    assert json.loads(r.stdout)["separable"] is True


def test_all_functions():
    r = run("separable", "--all-functions", "3", "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["count"] == 104 and out["functions"] == 256 and out["unate"] == 104
    r = run("separable", "--all-functions", "2")
    assert r.exit_code == 0 and r.stdout.startswith("14 of 16")


def test_perceptron_json_keys_and_cycle_on_xor():
    r = run("perceptron", ex("xor.csv"), "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["cycle"] is True and out["converged"] is False and out["novikoff_bound"] is None
    for key in ("epochs", "mistakes", "weights", "bias"):
        assert key in out


def test_perceptron_converges_on_cloud_within_novikoff_and_plots(tmp_path):
    png = tmp_path / "cloud.png"
    r = run("--seed", "3", "perceptron", ex("cloud2d.csv"), "--order", "shuffle", "--plot", str(png), "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["converged"] and out["mistakes"] <= out["novikoff_bound"] and out["seed"] == 3
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_perceptron_epoch_limit_is_not_an_error():
    r = run("perceptron", "-", "--epochs", "3", input="x,y\n0.5,0\n1.5,1\n2.5,0\n")
    assert r.exit_code == 0 and "did not converge within 3 epochs" in r.stdout


@pytest.mark.parametrize("text, words", [
    ("a,b,y\n0,0,0\n0,zz,1\n", "bad.csv:3:3: row 1, column 'b': expected a number, found 'zz'"),
    ("a,b,y\n0,nan,0\n1,1,1\n", "bad.csv:2:3: row 0, column 'b': expected a finite number"),
    ("a,b,y\n0,inf,0\n1,1,1\n", "bad.csv:2:3: row 0, column 'b': expected a finite number"),
    ("a,b,y\n0,0,0\n1,1\n", "bad.csv:3:4: row 1 has 2 cells, expected 3"),
    ("a,b,y\n0,0,1\n1,1,1\n", "single class"),
])
@pytest.mark.parametrize("command", ["separable", "perceptron"])
def test_bad_input_one_line_exit_2(tmp_path, monkeypatch, text, words, command):
    p = tmp_path / "bad.csv"
    p.write_text(text)
    monkeypatch.chdir(tmp_path)
    r = run(command, "bad.csv")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.output


def test_usage_errors():
    assert run("separable").exit_code == 2
    assert run("separable", ex("and.csv"), "--all-functions", "2").exit_code == 2
    assert run("perceptron", ex("and.csv"), "--plot", "x.gif").exit_code == 2
    assert run("separable", "missing-file.csv").exit_code == 2


def test_demo_hook(tmp_path: Path, backend):
    lines = demo(tmp_path, backend)
    text = "\n".join(lines)
    assert "AND" in text and "OR" in text and "NAND" in text and "XOR refused" in text
    assert (tmp_path / "perceptron_cloud2d.png").stat().st_size > 1000
    assert json.loads((tmp_path / "xor_certificate.json").read_text())["separable"] is False


def test_examples_script_runs(tmp_path, capsys):
    import runpy

    mod = runpy.run_path(str(Path(__file__).parents[2] / "examples" / "perceptron_examples.py"))
    mod["main"](tmp_path)
    out = capsys.readouterr().out
    assert "[2, 4, 14, 104, 1882]" in out and "xor.csv: cycles" in out
    assert (tmp_path / "cloud2d_boundary.png").exists()


# ---- the numbers as written (issue 10, item 2) ----------------------------------------------------------------
def test_separable_decides_decimal_data_exactly():
    # before: "separable: yes" with a plane checked on the binary floats of 0.29 and 0.71
    text = "x1,x2,y\n0.29,0.71,0\n0.71,0.29,0\n0.5,0.5,1\n0,0,0\n"
    r = run("separable", "-", "--json", input=text)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["separable"] is False
    assert out["certificate"] == {"positive": {"2": "1"}, "negative": {"0": "1/2", "1": "1/2"},
                                  "point": ["1/2", "1/2"]}
    r = run("separable", "-", "--check", input=text)
    assert r.exit_code == 1 and "1·row 2 = 1/2·row 0 + 1/2·row 1 = (1/2, 1/2)" in r.stdout


def test_separable_big_integers_and_tiny_scales():
    r = run("separable", "-", "--json", input="x,y\n9007199254740992,0\n9007199254740993,1\n")
    out = json.loads(r.stdout)
    assert out["separable"] is True and out["exact_weights"] == ["2"] and out["exact_bias"] == "-18014398509481985"
    text = "x1,x2,y\n0,0,0\n0,1e-300,0\n1e-300,0,0\n1e-300,1e-300,1\n"
    r = run("separable", "-", "--json", input=text)  # before: ZeroDivisionError
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["exact_weights"] == [str(2 * 10**300)] * 2 and out["exact_bias"] == "-3"
    assert out["novikoff_bound"] == "8.0000000000000000e+600"  # past the float range: the exact value, in words
    r = run("separable", "-", input=text)
    assert "novikoff bound: 8e+600 mistakes" in r.stdout
