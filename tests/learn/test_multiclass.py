"""The pocket perceptron and one-vs-rest perceptrons; the CLI on a three-class CSV."""

from __future__ import annotations

import json
import warnings

import numpy as np
from click.testing import CliRunner

from neurosim.errors import ConvergenceWarning
from neurosim.examples import path
from neurosim.io import load_dataset
from neurosim.learn import OneVsRestPerceptron, Perceptron, PocketPerceptron
from neurosim_cli.main import cli

XOR_X, XOR_Y = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 1, 1, 0])


def _errors(X, y, w, b) -> int:
    return int(np.count_nonzero((X @ w + b > 0) != (y == 1)))


def test_pocket_on_separable_data_is_rosenblatts_rule() -> None:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2))
    y = (X @ [1.0, -2.0] + 0.3 > 0).astype(int)
    p, r = PocketPerceptron(max_epochs=500).fit(X, y), Perceptron(max_epochs=500).fit(X, y)
    assert p.converged_ and r.converged_ and p.n_errors_ == 0
    assert np.allclose(p.last_coef_, r.coef_) and np.allclose(p.last_intercept_, r.intercept_)


def test_pocket_keeps_the_best_weights_it_met() -> None:
    p = PocketPerceptron(max_epochs=40, order="shuffle", random_state=0).fit(XOR_X, XOR_Y)
    assert p.n_errors_ == 1  # the best any line does on XOR
    assert _errors(XOR_X, XOR_Y, p.coef_, p.intercept_) == p.n_errors_
    assert all(a >= b for a, b in zip(p.pocket_errors_per_epoch_, p.pocket_errors_per_epoch_[1:], strict=False))
    assert min(p.errors_per_epoch_) >= p.n_errors_ and not p.converged_


def test_one_vs_rest_on_three_classes() -> None:
    ds = load_dataset(path("petals.csv"))
    assert ds.classes == ("setosa", "versicolor", "virginica")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ovr = OneVsRestPerceptron(max_epochs=200).fit(ds.X, ds.y_codes)
    assert ovr.coef_.shape == (3, 2) and np.mean(ovr.predict(ds.X) == ds.y_codes) >= 0.95
    assert ovr.separable_[0]  # setosa is separable from the rest
    scores = ovr.decision_function(ds.X)
    assert np.array_equal(ovr.predict(ds.X), ovr.classes_[np.argmax(scores, axis=1)])


def test_cli_perceptron_and_mlp_on_three_classes(tmp_path) -> None:
    r = CliRunner().invoke(cli, ["perceptron", str(path("petals.csv")), "--json", "--plot", str(tmp_path / "p.png")])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert [c["class"] for c in out["one_vs_rest"]] == ["setosa", "versicolor", "virginica"]
    assert out["training_accuracy"] >= 0.95 and (tmp_path / "p.png").read_bytes().startswith(b"\x89PNG")
    r = CliRunner().invoke(cli, ["--seed", "0", "mlp", str(path("petals.csv")), "--hidden", "6", "--loss",
                                 "cross_entropy", "--epochs", "300", "--plot", str(tmp_path / "m.png")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")
