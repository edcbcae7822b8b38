"""The declarative hyperparameter tables: every bad value is a ParameterError naming learner, parameter, rule."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.errors import ParameterError
from neurosim.learn import MLPClassifier, MLPRegressor, Perceptron
from neurosim.learn.constraints import Interval, Options, PositiveSizes

X, Y = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), np.array([0, 1, 1, 0])


@pytest.mark.parametrize("params, words", [
    ({"hidden_layer_sizes": (2.5,)}, ["hidden_layer_sizes", "positive integers", "(2.5,)"]),
    ({"hidden_layer_sizes": ()}, ["non-empty"]), ({"lr": float("nan")}, ["lr", "> 0"]),
    ({"lr": float("inf")}, ["lr"]), ({"momentum": float("nan")}, ["momentum", "[0, 1)"]),
    ({"init_scale": float("inf")}, ["init_scale"]), ({"weight_decay": float("inf")}, ["weight_decay"]),
    ({"max_epochs": 1.5}, ["max_epochs", "an integer"]), ({"max_epochs": True}, ["max_epochs"]),
    ({"batch_size": 0}, ["batch_size", "or None"]), ({"random_state": -1}, ["random_state"]),
])
def test_mlp_refuses_bad_hyperparameters(params, words):
    with pytest.raises(ParameterError) as info:
        MLPClassifier(max_epochs=params.pop("max_epochs", 1), **params).fit(X, Y)
    assert str(info.value).startswith("MLPClassifier: ")
    assert all(w in str(info.value) for w in words), str(info.value)


def test_numpy_scalars_count_as_numbers():
    m = MLPRegressor(hidden_layer_sizes=(np.int64(2),), max_epochs=np.int32(3), lr=np.float32(0.5),
                     random_state=np.int64(1)).fit(X, Y.astype(float))
    assert m.n_iter_ == 3
    assert Perceptron(max_epochs=np.int64(10), lr=np.float64(1)).fit(X, [0, 0, 0, 1]).converged_


@pytest.mark.parametrize("params", [dict(order="random"), dict(lr=0), dict(detect_cycles="yes")])
def test_perceptron_refuses_bad_hyperparameters(params):
    with pytest.raises(ParameterError, match=f"Perceptron: {next(iter(params))} must be"):
        Perceptron(**params).fit(X, [0, 0, 0, 1])


def test_constraint_edges():
    half_open = Interval(float, 0, 1, "left")
    assert half_open.accepts(0) and not half_open.accepts(1) and half_open.describe() == "a finite number in [0, 1)"
    assert Interval(int, 1).describe() == "an integer >= 1" and not Interval(int, 1).accepts(np.float64(2))
    assert Options(("a", "b")).accepts("a") and not Options((True, False)).accepts(1)
    assert PositiveSizes().accepts(3) and PositiveSizes().accepts([2, 3]) and not PositiveSizes().accepts("22")
