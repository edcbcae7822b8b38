"""The many-seeds trainer: equal to S separate single-net runs, both engines agree, XOR statistics, restarts."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.errors import DataError, DivergenceError
from neurosim.learn.activations import ACTIVATIONS
from neurosim.learn.backprop import backprop, forward, init_params
from neurosim.learn.losses import LOSSES
from neurosim.learn.mlp import MLPClassifier
from neurosim.learn.mlp_batch import train_many

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([0, 1, 1, 0])


def test_bad_input():
    with pytest.raises(DataError, match="shape"):
        train_many(X, Y[:3], [0])
    with pytest.raises(DataError, match="NaN"):
        train_many(np.where(X == 1, np.nan, X), Y, [0])
    with pytest.raises(DataError, match="at least one seed"):
        train_many(X, Y, [])
    with pytest.raises(ValueError, match="engine"):
        train_many(X, Y, [0], engine="fast")


def test_divergence_names_net_seed_and_epoch(backend):
    Xr = np.linspace(-3, 3, 16)[:, None]
    with pytest.raises(DivergenceError, match=r"net \d+ \(seed \d+\) diverged at epoch \d+"):
        train_many(Xr, 100 * Xr[:, 0], [0, 1], hidden_layer_sizes=(4,), activation="relu",
                   out_activation="identity", lr=50.0, max_epochs=400, backend=backend)


@pytest.mark.parametrize("engine", ["small", "matmul"])
@pytest.mark.parametrize("hidden, activation, momentum, decay, loss", [
    ((2,), "sigmoid", 0.9, 0.0, "squared"),
    ((3, 2), "tanh", 0.5, 0.001, "squared"),
    ((2,), "relu", 0.0, 0.01, "cross_entropy"),
])
def test_batch_equals_separate_single_net_runs(backend, engine, hidden, activation, momentum, decay, loss):
    seeds = [3, 11, 12, 40]
    res = train_many(X, Y, seeds, hidden_layer_sizes=hidden, activation=activation, loss=loss, lr=0.7,
                     momentum=momentum, weight_decay=decay, max_epochs=250, engine=engine, record_curves=2,
                     backend=backend)
    for i, s in enumerate(seeds):
        one = MLPClassifier(hidden_layer_sizes=hidden, activation=activation, loss=loss, lr=0.7,
                            momentum=momentum, weight_decay=decay, max_epochs=250, random_state=s).fit(X, Y)
        for a, b in zip(one.coefs_ + one.intercepts_,
                        [W[i] for W in res.coefs] + [b[i] for b in res.intercepts], strict=True):
            np.testing.assert_allclose(b, a, rtol=0, atol=1e-12)
        if i < 2:
            np.testing.assert_allclose(res.loss_curves[:, i], one.loss_curve_, rtol=1e-12)


def test_engines_agree_on_a_wider_net(backend):
    rng = np.random.default_rng(0)
    Xw, Yw = rng.normal(size=(10, 3)), rng.integers(0, 2, (10, 2))
    kw = dict(hidden_layer_sizes=(5, 4), activation="tanh", lr=0.3, momentum=0.8, max_epochs=100, backend=backend)
    a = train_many(Xw, Yw, range(6), engine="small", **kw)
    b = train_many(Xw, Yw, range(6), engine="matmul", **kw)
    for u, v in zip(a.coefs + a.intercepts, b.coefs + b.intercepts, strict=True):
        np.testing.assert_allclose(u, v, atol=1e-12)
    np.testing.assert_array_equal(a.success_epoch, b.success_epoch)
    np.testing.assert_allclose(a.final_loss, b.final_loss, rtol=1e-12)


def _naive_success_epoch(seed: int, epochs: int) -> int:
    """One net, one epoch at a time: the first update count after which every |h − y| < ½ (−1 if never)."""
    sig, sq = ACTIVATIONS["sigmoid"], LOSSES["squared"]
    coefs, ints = init_params((2, 2, 1), seed, "uniform", 0.3)
    vel = [np.zeros_like(p) for p in coefs + ints]
    for epoch in range(epochs + 1):
        h = forward(coefs, ints, X, sig, sig)[1][-1][:, 0]
        if np.all(np.abs(h - Y) < 0.5):
            return epoch
        if epoch == epochs:
            return -1
        _, dW, db = backprop(coefs, ints, X, Y[:, None].astype(float), sig, sig, sq)
        for p, v, g in zip(coefs + ints, vel, dW + db, strict=True):
            v *= 0.9
            v -= 2.0 * (g / 4)
            p += v
    return -1


def test_success_epochs_match_a_naive_single_net_loop(backend):
    seeds = list(range(8))
    res = train_many(X, Y, seeds, lr=2.0, momentum=0.9, max_epochs=600, backend=backend)
    assert res.success_epoch.tolist() == [_naive_success_epoch(s, 600) for s in seeds]


def test_xor_statistics_on_a_reduced_run(backend):
    """Rumelhart et al.'s protocol (summed gradient, so α = 4·0.5 on the mean): most nets solve XOR in ~500."""
    res = train_many(X, Y, np.arange(300), lr=2.0, momentum=0.9, init_scale=0.3, max_epochs=3000, backend=backend)
    s = res.summary()
    assert 0.85 < s["success_rate"] <= 1.0
    assert 350 < s["median_epochs"] < 800
    assert s["p90_epochs"] >= s["median_epochs"]
    solved = res.success_epoch >= 0
    assert np.all(res.final_loss[solved] < 0.125)


def test_restarts_rescue_stuck_nets(backend):
    base = train_many(X, Y, np.arange(60), lr=2.0, momentum=0.9, max_epochs=300, backend=backend)
    again = train_many(X, Y, np.arange(60), lr=2.0, momentum=0.9, max_epochs=300, restarts=3, backend=backend)
    assert again.success_rate > base.success_rate
    first_try = base.success_epoch >= 0
    np.testing.assert_array_equal(again.success_epoch[first_try], base.success_epoch[first_try])
    assert np.all(again.restarts[first_try] == 0)
    later = (again.success_epoch >= 0) & ~first_try
    assert later.any() and np.all(again.success_epoch[later] >= 300) and np.all(again.restarts[later] >= 1)


def test_stop_when_all_solved_and_summary_without_success(backend):
    res = train_many(X, Y, [0], lr=2.0, momentum=0.9, max_epochs=20, backend=backend)
    assert res.summary()["median_epochs"] is None and res.success_rate == 0.0
    res = train_many(X[:2], Y[:2], [0, 1], max_epochs=5000, stop_when_all_solved=True, backend=backend)
    assert res.success_rate == 1.0
