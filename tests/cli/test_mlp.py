"""``neurosim xor`` and ``neurosim mlp`` through Click's CliRunner, bad input, and the demo hook."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from neurosim import examples
from neurosim.backend import get_backend
from neurosim.io.weights import load_weights
from neurosim_cli.main import cli
from neurosim_cli.mlp_cmd import demo


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def one_line_error(r, *needles):
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("neurosim: error:") or "Error:" in ln]
    assert len(lines) == 1, r.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def xor_csv():
    return str(examples.path("xor.csv"))


# --- bad input first --------------------------------------------------------------------------------------

def test_mlp_nan_in_data_names_row_and_column(tmp_path):
    p = tmp_path / "nan.csv"
    p.write_text("a,b,y\n0,1,1\nnan,0,0\n")
    one_line_error(run("mlp", str(p)), "nan.csv")


def test_mlp_weights_file_of_the_wrong_shape(tmp_path):
    w = tmp_path / "w.json"
    w.write_text(json.dumps({"coefs": [[[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]], [[1.0], [1.0], [1.0]]],
                             "intercepts": [[0, 0, 0], [0]]}))
    r = run("mlp", xor_csv(), "--init", str(w), "--hidden", "2")
    one_line_error(r, "w.json", "$.coefs[0]", "(2, 3)", "expected (2, 2)")
    one_line_error(run("mlp", xor_csv(), "--init", str(w), "--hidden", "3,2"), "w.json", "expected 3 layers")
    w.write_text(json.dumps({"coefs": [[[0.1, 0.2], [0.1, 0.2]], [[1.0], [1.0], [1.0]]], "intercepts": [[0, 0], [0]]}))
    one_line_error(run("mlp", xor_csv(), "--init", str(w)), "$.coefs[1]", "expected 2 rows")
    w.write_text('{"coefs": [[[1, 2]], ')
    one_line_error(run("mlp", xor_csv(), "--init", str(w)), "w.json:1:")
    w.write_text(json.dumps({"coefs": [[["a", 1]]], "intercepts": [[0]]}))
    one_line_error(run("mlp", xor_csv(), "--init", str(w)), "$.coefs[0]")


def test_mlp_divergent_learning_rate_names_the_epoch(tmp_path):
    p = tmp_path / "line.csv"
    p.write_text("x,y\n" + "".join(f"{x},{100 * x}\n" for x in np.linspace(-3, 3, 12)))
    one_line_error(run("--seed", "0", "mlp", str(p), "--regression", "--activation", "relu", "--hidden", "4",
                       "--lr", "50", "--epochs", "500"), "diverged at epoch")


def test_mlp_bad_hidden_and_missing_file():
    r = run("mlp", xor_csv(), "--hidden", "2,x")
    assert r.exit_code == 2 and "--hidden" in r.output
    one_line_error(run("mlp", "no-such-file.csv"), "no-such-file.csv")


# --- neurosim mlp ------------------------------------------------------------------------------------------

def test_mlp_trains_xor_and_writes_weights(tmp_path):
    w = tmp_path / "w.json"
    r = run("--seed", "3", "mlp", xor_csv(), "--hidden", "2", "--lr", "2", "--momentum", "0.9", "--epochs", "2000",
            "-o", str(w), "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["seed"] == 3 and out["epochs"] == 2000 and len(out["loss_curve"]) == 2000
    assert out["train_accuracy"] == 1.0 and out["layer_sizes"] == [2, 2, 1]
    coefs, ints = load_weights(w.read_text())
    assert [c.shape for c in coefs] == [(2, 2), (2, 1)] and [b.shape for b in ints] == [(2,), (1,)]
    assert "seed 3" in r.stderr


def test_mlp_continuing_from_a_weights_file_is_exact(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.json", "b.json", "c.json"))
    assert run("--seed", "5", "mlp", xor_csv(), "--epochs", "60", "-o", str(a)).exit_code == 0
    assert run("--seed", "5", "mlp", xor_csv(), "--epochs", "30", "-o", str(b)).exit_code == 0
    r = run("mlp", xor_csv(), "--init", str(b), "--epochs", "30", "-o", str(c))
    assert r.exit_code == 0, r.output
    assert a.read_text() == c.read_text()
    assert "train accuracy" in r.stdout


def test_mlp_plot_and_weights_to_stdout(tmp_path):
    png = tmp_path / "fit.png"
    r = run("--seed", "1", "mlp", xor_csv(), "--epochs", "50", "--plot", str(png), "-o", "-")
    assert r.exit_code == 0, r.output
    assert set(json.loads(r.stdout)) == {"coefs", "intercepts", "training"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- neurosim xor -----------------------------------------------------------------------------------------

def test_xor_json_has_perceptron_and_mlp(tmp_path):
    png = tmp_path / "xor.png"
    r = run("--seed", "0", "xor", "--seeds", "100", "--epochs", "2000", "--json", "--plot", str(png))
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    p, m = out["perceptron"], out["mlp"]
    assert p["separable"] is False and p["converged"] is False and p["cycle"] is True
    assert p["certificate"]["positive"] == {"1": "1/2", "2": "1/2"}
    assert p["certificate"]["negative"] == {"0": "1/2", "3": "1/2"}
    assert m["n_nets"] == 100 and 0.8 < m["success_rate"] <= 1.0
    assert 300 < m["median_epochs"] < 900 and m["p90_epochs"] >= m["median_epochs"]
    assert png.stat().st_size > 10_000


def test_xor_table(tmp_path):
    r = run("--seed", "0", "xor", "--seeds", "40", "--epochs", "1500", "--hidden", "3", "--activation", "tanh")
    assert r.exit_code == 0, r.output
    assert "perceptron" in r.stdout and "MLP 2-3-1 tanh" in r.stdout
    assert "1/2·(0,1) + 1/2·(1,0) = 1/2·(0,0) + 1/2·(1,1)" in r.stdout
    assert "seed 0" in r.stderr


# --- demo and examples ------------------------------------------------------------------------------------

def test_demo_hook_writes_figure_and_weights(tmp_path):
    lines = demo(tmp_path, get_backend("numpy"))
    assert (tmp_path / "xor_mlp.png").exists() and (tmp_path / "xor_mlp_weights.json").exists()
    assert any("solved XOR" in ln for ln in lines)


@pytest.mark.parametrize("name", ["depth_vs_width", "universal_approximation", "xor_mlp", "worked_example"])
def test_example_scripts_run(name, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(examples.__file__).parent / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if name == "depth_vs_width":
        rows = mod.table(6)
        assert [r[1] for r in rows] == [2, 4, 8, 16, 32, 64]            # deep: 2^L pieces
        assert all(r[2] <= r[0] + 1 and r[3] <= r[0] + 1 for r in rows)  # wide: ≤ L + 1 pieces
    elif name == "universal_approximation":
        errors = [mod.rmse(n, seeds=8, epochs=2500) for n in (1, 4)]
        assert errors[1] < errors[0] / 5
    elif name == "xor_mlp":
        s = mod.main()
        assert s["success_rate"] > 0.85 and 350 < s["median_epochs"] < 800
    else:
        mod.main()
        assert "f = 0.7311" in capsys.readouterr().out


# ---- --init continues exactly, with any options (issue 10, item 3) --------------------------------------------
@pytest.mark.parametrize("opts", [["--momentum", "0.9"], ["--momentum", "0.5", "--batch-size", "2"],
                                  ["--weight-decay", "0.001", "--momentum", "0.9", "--batch-size", "3"]])
def test_mlp_300_plus_100_epochs_equal_400_byte_for_byte(tmp_path, opts):
    full, a, b = (tmp_path / n for n in ("full.json", "a.json", "b.json"))
    assert run("--seed", "7", "mlp", xor_csv(), "--lr", "1", *opts, "--epochs", "400", "-o", str(full)).exit_code == 0
    assert run("--seed", "7", "mlp", xor_csv(), "--lr", "1", *opts, "--epochs", "300", "-o", str(a)).exit_code == 0
    r = run("mlp", xor_csv(), "--init", str(a), "--epochs", "100", "-o", str(b), "--json")  # no options repeated
    assert r.exit_code == 0, r.output
    assert full.read_bytes() == b.read_bytes()
    out = json.loads(r.stdout)
    assert out["epochs"] == 100 and out["epochs_total"] == 400
    assert out["final_loss"] == json.loads(full.read_text())["training"]["final_loss"]
    assert "continuing" in r.stderr and "with its options" in r.stderr


def test_mlp_options_on_the_command_line_override_the_file(tmp_path):
    a = tmp_path / "a.json"
    assert run("--seed", "7", "mlp", xor_csv(), "--momentum", "0.9", "--epochs", "20", "-o", str(a)).exit_code == 0
    r = run("mlp", xor_csv(), "--init", str(a), "--epochs", "5", "--lr", "0.1", "--momentum", "0.9", "--json")
    assert r.exit_code == 0, r.output
    assert "changed: lr 0.5 -> 0.1" in r.stderr and "momentum" not in r.stderr.split("changed:")[1]


def test_mlp_final_j_is_the_loss_of_the_weights_written(tmp_path):
    w = tmp_path / "w.json"
    r = run("--seed", "3", "mlp", xor_csv(), "--epochs", "30", "-o", str(w), "--json")
    out = json.loads(r.stdout)
    coefs, ints = load_weights(w.read_text())
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    h = sig(sig(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]) @ coefs[0] + ints[0]) @ coefs[1] + ints[1])[:, 0]
    assert out["final_loss"] == pytest.approx(np.mean(0.5 * (h - np.array([0, 1, 1, 0])) ** 2), rel=1e-12)
    assert out["final_loss"] != out["loss_curve"][-1]  # before: the loss before the last update


def test_readme_showcase_solves_xor(tmp_path):
    # the README's pair of commands: the first run solves XOR, the second continues it exactly
    w = tmp_path / "w.json"
    r = run("--seed", "3", "mlp", str(examples.path("xor.csv")), "--lr", "2", "--momentum", "0.9", "--epochs",
            "2000", "-o", str(w), "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["train_accuracy"] == 1.0
    r = run("mlp", str(examples.path("xor.csv")), "--init", str(w), "--epochs", "1000", "--json")
    assert json.loads(r.stdout)["train_accuracy"] == 1.0 and json.loads(r.stdout)["epochs_total"] == 3000
