"""Continuing an MLP run is exact, and the reported loss is the loss of the weights (issue 10, item 3).

Oracle: one long run. N epochs and then M more from the saved state (through the JSON weights file too) must give
the long run's weights, velocities, generator state and loss curve bit for bit; the final J is checked against a
forward pass written out here.
"""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.errors import DataError, SpecError
from neurosim.io.weights import load_training_state, load_weights, weights_to_json
from neurosim.learn.mlp import MLPClassifier, MLPRegressor

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])

OPTIONS = [
    {"momentum": 0.9},
    {"momentum": 0.5, "batch_size": 2},  # the shuffling generator and its last order carry over
    {"weight_decay": 0.01, "momentum": 0.9, "batch_size": 3},
    {"momentum": 0.9, "batch_size": 1, "activation": "tanh", "loss": "cross_entropy"},
    {"tol": 1e-6, "n_iter_no_change": 5, "momentum": 0.3, "batch_size": 2},  # stops early: so does the rest
]


def _same(a, b) -> None:
    for x, y in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_, strict=True):
        np.testing.assert_array_equal(x, y)
    for x, y in zip(a.state_.velocity_coefs + a.state_.velocity_intercepts,
                    b.state_.velocity_coefs + b.state_.velocity_intercepts, strict=True):
        np.testing.assert_array_equal(x, y)
    assert a.state_.rng_state == b.state_.rng_state and a.state_.order == b.state_.order
    assert a.loss_ == b.loss_ and a.state_.epochs == b.state_.epochs


@pytest.mark.parametrize("opts", OPTIONS)
def test_300_plus_100_epochs_equal_400(opts):
    full = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, max_epochs=400, random_state=3, **opts).fit(XOR_X, XOR_Y)
    first = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, max_epochs=300, random_state=3, **opts).fit(XOR_X, XOR_Y)
    state = load_training_state(weights_to_json(first.coefs_, first.intercepts_, first.state_))  # via the file
    rest = MLPClassifier(**state.hyperparameters, max_epochs=100).fit(XOR_X, XOR_Y, resume=state)
    _same(full, rest)
    assert full.loss_curve_ == first.loss_curve_ + rest.loss_curve_


def test_before_the_fix_momentum_lost_its_velocity():
    # what --init did before: weights only. With momentum the run then differs (by 0.41 here).
    full = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, momentum=0.9, max_epochs=400, random_state=3)
    first = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, momentum=0.9, max_epochs=300, random_state=3)
    full.fit(XOR_X, XOR_Y)
    first.fit(XOR_X, XOR_Y)
    weights_only = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, momentum=0.9, max_epochs=100).fit(
        XOR_X, XOR_Y, coefs_init=first.coefs_, intercepts_init=first.intercepts_)
    assert max(np.abs(a - b).max() for a, b in zip(full.coefs_, weights_only.coefs_, strict=True)) > 0.1


def test_regressor_resumes_too():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    y = X[:, 0] - 2 * X[:, 1]
    kw = dict(hidden_layer_sizes=(4,), lr=0.05, momentum=0.9, batch_size=5, random_state=1)
    full = MLPRegressor(max_epochs=50, **kw).fit(X, y)
    first = MLPRegressor(max_epochs=20, **kw).fit(X, y)
    rest = MLPRegressor(**first.state_.hyperparameters, max_epochs=30).fit(X, y, resume=first.state_)
    _same(full, rest)
    assert first.state_.output_activation == "identity"


def test_final_loss_is_the_loss_of_the_final_weights():
    clf = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, momentum=0.9, weight_decay=0.001, max_epochs=50,
                        random_state=3).fit(XOR_X, XOR_Y)
    (W1, W2), (b1, b2) = clf.coefs_, clf.intercepts_
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    h = sig(sig(XOR_X @ W1 + b1) @ W2 + b2)[:, 0]
    J = np.mean(0.5 * (h - XOR_Y) ** 2) + 0.5 * 0.001 * ((W1**2).sum() + (W2**2).sum())
    assert clf.loss_ == pytest.approx(J, rel=1e-12) and clf.state_.final_loss == clf.loss_
    assert clf.loss_ != clf.loss_curve_[-1]  # that one is J before the last update


def test_resume_refuses_mixed_starts_and_other_data():
    first = MLPClassifier(hidden_layer_sizes=(2,), batch_size=2, max_epochs=5, random_state=0).fit(XOR_X, XOR_Y)
    with pytest.raises(DataError, match="either resume or initial weights"):
        MLPClassifier(hidden_layer_sizes=(2,)).fit(XOR_X, XOR_Y, resume=first.state_, coefs_init=first.coefs_,
                                                   intercepts_init=first.intercepts_)
    with pytest.raises(DataError, match="order has 4 entries for 8 samples"):
        MLPClassifier(hidden_layer_sizes=(2,), batch_size=2).fit(np.vstack([XOR_X, XOR_X]), np.tile(XOR_Y, 2),
                                                                 resume=first.state_)


def test_weights_only_files_still_read():
    text = '{"coefs": [[[1.0, 2.0], [3.0, 4.0]], [[1.0], [-1.0]]], "intercepts": [[0.0, 0.0], [0.5]]}'
    assert load_training_state(text) is None
    coefs, ints = load_weights(text)
    assert [c.shape for c in coefs] == [(2, 2), (2, 1)] and [b.shape for b in ints] == [(2,), (1,)]
    clf = MLPClassifier(hidden_layer_sizes=(2,), momentum=0.9, max_epochs=3).fit(XOR_X, XOR_Y, coefs_init=coefs,
                                                                                   intercepts_init=ints)
    assert clf.state_.epochs == 3  # a weights-only start counts its epochs from 0


@pytest.mark.parametrize("edit, path, words", [
    (lambda t: t.pop("momentum"), "$.training", "'momentum'"),
    (lambda t: t.update(lr="fast"), "$.training.lr", "expected int or float"),
    (lambda t: t.update(shuffle=1), "$.training.shuffle", "expected bool"),
    (lambda t: t["velocity"]["coefs"].pop(), "$.training", "velocity_coefs has shapes"),
    (lambda t: t.update(order=[0, 0, 1, 2]), "$.training", "permutation"),
    (lambda t: t.update(gradient="sum"), "$.training", "gradient 'sum' cannot be continued"),
    (lambda t: t.update(extra=1), "$.training", "unknown key 'extra'"),
])
def test_bad_training_state_names_the_key(edit, path, words):
    import json

    clf = MLPClassifier(hidden_layer_sizes=(2,), batch_size=2, max_epochs=3, random_state=0).fit(XOR_X, XOR_Y)
    doc = json.loads(weights_to_json(clf.coefs_, clf.intercepts_, clf.state_))
    edit(doc["training"])
    with pytest.raises(SpecError) as info:
        load_training_state(json.dumps(doc), source="w.json")
    assert path in str(info.value) and words in str(info.value)
