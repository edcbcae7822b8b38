"""MLPClassifier / MLPRegressor: textbook update by hand, gradient checks, scikit-learn as oracle and its
estimator checks, the lecture's worked example, bad input."""

from __future__ import annotations

import importlib.util
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from neurosim.errors import DataConversionWarning, DataError, DivergenceError
from neurosim.learn.activations import ACTIVATIONS
from neurosim.learn.backprop import forward, init_params
from neurosim.learn.mlp import MLPClassifier, MLPRegressor, gradient_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])


def _example(name: str):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --- edge cases and bad input first ------------------------------------------------------------------------

def test_unfitted_predict_is_an_error():
    with pytest.raises(DataError, match="not fitted"):
        MLPClassifier().predict(XOR_X)


@pytest.mark.parametrize("X, y, match", [
    (np.array([[0.0, np.nan], [1.0, 1.0]]), [0, 1], "NaN at row 0, column 1"),
    (np.array([[0.0, 1.0], [np.inf, 1.0]]), [0, 1], "infinity at row 1, column 0"),
    (np.zeros((3, 2)), [0, 1], "X has 3 rows but y has 2"),
    (np.zeros(3), [0, 1, 0], "Expected 2D array"),
    (np.zeros((2, 2)), [1, 1], "at least 2 classes"),
    (np.zeros((2, 2)), [0.5, 1.5], "Unknown label type"),
])
def test_bad_data_names_the_culprit(X, y, match):
    with pytest.raises(DataError, match=match):
        MLPClassifier(max_epochs=1).fit(X, y)


def test_wrong_number_of_features_at_predict():
    clf = MLPClassifier(max_epochs=2).fit(XOR_X, XOR_Y)
    with pytest.raises(DataError, match="X has 3 features, but MLPClassifier is expecting 2"):
        clf.predict(np.zeros((1, 3)))


def test_initial_weights_of_the_wrong_shape():
    with pytest.raises(DataError, match=r"coefs\[1\] has shape \(3, 1\); expected \(2, 1\)"):
        MLPClassifier(hidden_layer_sizes=(2,), max_epochs=1).fit(
            XOR_X, XOR_Y, coefs_init=[np.zeros((2, 2)), np.zeros((3, 1))], intercepts_init=[np.zeros(2), np.zeros(1)])


@pytest.mark.parametrize("params, match", [({"lr": 0}, "lr"), ({"momentum": 1.0}, "momentum"),
                                           ({"hidden_layer_sizes": (0,)}, "positive"),
                                           ({"activation": "softmax"}, "hidden"), ({"loss": "hinge"}, "loss"),
                                           ({"init": "zeros"}, "init scheme")])
def test_bad_hyperparameters(params, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier(max_epochs=1, **params).fit(XOR_X, XOR_Y)


def test_divergence_is_stopped_and_names_the_epoch():
    X = np.linspace(-3, 3, 20)[:, None]
    with pytest.raises(DivergenceError, match=r"diverged at epoch \d+"):
        MLPRegressor(hidden_layer_sizes=(4,), activation="relu", lr=50.0, max_epochs=500,
                     random_state=0).fit(X, 100 * X[:, 0])


# --- the textbook update, by hand ---------------------------------------------------------------------------

def _sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_one_update_equals_the_textbook_formula_on_a_2_2_1_net():
    """W ← W − α[(1/m)ΔW + λW], b ← b − α(1/m)Δb, with ΔW, Δb accumulated sample by sample in scalars."""
    W1, b1 = [[0.1, 0.2], [0.3, 0.4]], [0.1, 0.1]
    W2, b2 = [0.5, 0.6], 0.2
    X, Y, alpha, lam, m = [(1.0, 0.0), (0.0, 1.0)], [1.0, 0.0], 0.5, 0.1, 2
    dW1, db1, dW2, db2 = [[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0], [0.0, 0.0], 0.0
    for x, y in zip(X, Y, strict=True):
        h = [_sigma(x[0] * W1[0][j] + x[1] * W1[1][j] + b1[j]) for j in range(2)]
        o = _sigma(h[0] * W2[0] + h[1] * W2[1] + b2)
        d = (o - y) * o * (1 - o)                                   # δ(3) = (h − y) σ′
        dh = [W2[j] * d * h[j] * (1 - h[j]) for j in range(2)]      # δ(2) = (W(2)ᵀ δ(3)) ⊙ σ′
        for j in range(2):
            dW2[j] += h[j] * d
            db1[j] += dh[j]
            for i in range(2):
                dW1[i][j] += x[i] * dh[j]
        db2 += d
    want_W2 = [W2[j] - alpha * (dW2[j] / m + lam * W2[j]) for j in range(2)]
    want_b2 = b2 - alpha * db2 / m
    want_W1 = [[W1[i][j] - alpha * (dW1[i][j] / m + lam * W1[i][j]) for j in range(2)] for i in range(2)]
    want_b1 = [b1[j] - alpha * db1[j] / m for j in range(2)]
    # the same numbers, written out once (computed with the loop above)
    np.testing.assert_allclose(want_W2, [0.4619845918923651, 0.556512873234391], rtol=1e-14)
    assert want_b2 == pytest.approx(0.17958478664819574, rel=1e-14)

    clf = MLPClassifier(hidden_layer_sizes=(2,), lr=alpha, weight_decay=lam, max_epochs=1)
    clf.fit(np.array(X), np.array([1, 0]), coefs_init=[np.array(W1), np.array(W2)[:, None]],
            intercepts_init=[np.array(b1), np.array([b2])])
    np.testing.assert_allclose(clf.coefs_[0], want_W1, rtol=1e-14)
    np.testing.assert_allclose(clf.intercepts_[0], want_b1, rtol=1e-14)
    np.testing.assert_allclose(clf.coefs_[1][:, 0], want_W2, rtol=1e-14)
    np.testing.assert_allclose(clf.intercepts_[1], [want_b2], rtol=1e-14)


# --- gradient checks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
@pytest.mark.parametrize("hidden", [(1,), (3,), (4, 3), (2, 3, 2)])
@pytest.mark.parametrize("loss", ["squared", "cross_entropy"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_check_smooth_nets(activation, hidden, loss, seed):
    rng = np.random.default_rng(len(hidden) * 10 + hidden[0])
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    y[:3] = [0, 1, 2]
    model = MLPClassifier(hidden_layer_sizes=hidden, activation=activation, loss=loss, weight_decay=0.01,
                          init="normal", init_scale=1.0, random_state=seed)
    check = gradient_check(model, X, y)
    assert len(check.coefs) == len(check.intercepts) == len(hidden) + 1
    assert check.max < 1e-6


def test_gradient_check_relu_away_from_its_kink():
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(5, 2)), rng.normal(size=5)
    model = MLPRegressor(hidden_layer_sizes=(4, 3), activation="relu", init="normal", init_scale=1.0,
                         random_state=2)
    coefs, ints = init_params((2, 4, 3, 1), 2, "normal", 1.0)
    zs, _ = forward(coefs, ints, X, ACTIVATIONS["relu"], ACTIVATIONS["identity"])
    assert min(float(np.abs(z).min()) for z in zs[:-1]) > 1e-3  # no net input within ±eps of the kink
    assert model.gradient_check(X, y).max < 1e-6


def test_gradient_check_of_a_fitted_regressor_with_two_outputs():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 2))
    Y = np.column_stack([np.sin(X[:, 0]), X[:, 1] ** 2])
    reg = MLPRegressor(hidden_layer_sizes=(5,), activation="tanh", max_epochs=20, lr=0.1, random_state=0).fit(X, Y)
    assert reg.predict(X).shape == (8, 2)
    assert gradient_check(reg, X, Y).max < 1e-6


# --- the worked example -------------------------------------------------------------------------------------

def test_lecture_worked_example():
    ex = _example("worked_example")
    for fn in (ex.by_hand, ex.with_neurosim):
        f, dw, dx = fn((2.0, -3.0, -3.0), (-1.0, -2.0))
        assert f == pytest.approx(0.73, abs=0.005)
        np.testing.assert_allclose(dw, [-0.20, -0.39, 0.20], atol=0.005)
        np.testing.assert_allclose(dx, [0.39, -0.59], atol=0.005)
    np.testing.assert_allclose(ex.with_neurosim((2.0, -3.0, -3.0), (-1.0, -2.0))[1],
                               ex.by_hand((2.0, -3.0, -3.0), (-1.0, -2.0))[1], rtol=1e-14)


# --- behaviour ---------------------------------------------------------------------------------------------

def test_learns_xor_and_records_exactly_max_epochs():
    clf = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, momentum=0.9, max_epochs=1500, random_state=0)
    clf.fit(XOR_X, XOR_Y)
    assert clf.predict(XOR_X).tolist() == XOR_Y.tolist()
    assert clf.n_iter_ == len(clf.loss_curve_) == 1500
    assert [W.shape for W in clf.coefs_] == [(2, 2), (2, 1)]
    assert [b.shape for b in clf.intercepts_] == [(2,), (1,)]
    assert clf.loss_curve_[-1] < 0.01 < clf.loss_curve_[0]
    np.testing.assert_allclose(clf.predict_proba(XOR_X).sum(axis=1), 1.0)


def test_early_stopping_only_when_asked():
    clf = MLPClassifier(hidden_layer_sizes=(3,), lr=0.5, max_epochs=3000, tol=1e-3, random_state=0).fit(XOR_X, XOR_Y)
    assert clf.n_iter_ < 3000


def test_minibatches_and_multiclass_softmax():
    rng = np.random.default_rng(0)
    centers = np.array([[0, 0], [3, 0], [0, 3]])
    y = np.repeat([0, 1, 2], 20)
    X = centers[y] + rng.normal(scale=0.5, size=(60, 2))
    for loss in ("squared", "cross_entropy"):
        clf = MLPClassifier(hidden_layer_sizes=(6,), loss=loss, batch_size=10, lr=0.5, momentum=0.5,
                            max_epochs=200, random_state=0).fit(X, y)
        assert clf.score(X, y) > 0.95
        assert clf.predict_proba(X).shape == (60, 3)


def test_continuing_from_weights_is_exact():
    full = MLPClassifier(hidden_layer_sizes=(3,), max_epochs=40, random_state=4).fit(XOR_X, XOR_Y)
    half = MLPClassifier(hidden_layer_sizes=(3,), max_epochs=20, random_state=4).fit(XOR_X, XOR_Y)
    rest = MLPClassifier(hidden_layer_sizes=(3,), max_epochs=20).fit(
        XOR_X, XOR_Y, coefs_init=half.coefs_, intercepts_init=half.intercepts_)
    for a, b in zip(full.coefs_ + full.intercepts_, rest.coefs_ + rest.intercepts_, strict=True):
        np.testing.assert_array_equal(a, b)


# --- scikit-learn as oracle ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["regressor", "binary", "multiclass"])
def test_matches_scikit_learn_sgd_step_for_step(kind):
    """Full-batch SGD with classical momentum: scikit-learn's updates are ours (its L2 term aside, so α=λ=0)."""
    sk = pytest.importorskip("sklearn.neural_network")
    rng = np.random.default_rng(1)
    X = rng.normal(size=(12, 3))
    y = {"regressor": X @ [1.0, -2.0, 0.5], "binary": (X[:, 0] > 0).astype(int),
         "multiclass": np.arange(12) % 3}[kind]
    common = dict(solver="sgd", learning_rate_init=0.1, momentum=0.9, nesterovs_momentum=False, batch_size=12,
                  shuffle=False, alpha=0.0, hidden_layer_sizes=(4,), activation="logistic", random_state=0,
                  tol=0.0, n_iter_no_change=10_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "regressor":
            theirs = sk.MLPRegressor(max_iter=1, warm_start=True, **common).fit(X, y)
            ours = MLPRegressor(hidden_layer_sizes=(4,), lr=0.1, momentum=0.9, max_epochs=30)
        else:
            theirs = sk.MLPClassifier(max_iter=1, warm_start=True, **common).fit(X, y)
            ours = MLPClassifier(hidden_layer_sizes=(4,), loss="cross_entropy", lr=0.1, momentum=0.9, max_epochs=30)
        start_W = [W.copy() for W in theirs.coefs_]
        start_b = [b.copy() for b in theirs.intercepts_]
        theirs.set_params(max_iter=30)
        theirs.loss_curve_ = []
        theirs.fit(X, y)
    ours.fit(X, y, coefs_init=start_W, intercepts_init=start_b)
    for a, b in zip(ours.coefs_ + ours.intercepts_, theirs.coefs_ + theirs.intercepts_, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-10)


@pytest.mark.parametrize("estimator", [MLPClassifier(hidden_layer_sizes=(5,), max_epochs=300),
                                       MLPRegressor(hidden_layer_sizes=(5,), max_epochs=300)],
                         ids=["classifier", "regressor"])
def test_scikit_learn_estimator_checks(estimator):
    checks = pytest.importorskip("sklearn.utils.estimator_checks")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("always", DataConversionWarning)  # check_supervised_y_2d looks for it
        results = checks.check_estimator(estimator, on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert failed == []
    assert sum(r["status"] == "passed" for r in results) > 40
