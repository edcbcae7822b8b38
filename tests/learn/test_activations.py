"""Activations and losses: each derivative against centered finite differences, worked values, registries."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.learn.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation
from neurosim.learn.losses import LOSSES, get_loss

Z = np.array([-30.0, -3.0, -0.7, -1e-3, 1e-3, 0.4, 2.5, 40.0])  # away from ReLU/abs's kink at 0


def test_unknown_names_list_the_known_ones():
    with pytest.raises(ValueError, match="sigmoid"):
        get_activation("swish")
    with pytest.raises(ValueError, match="hidden"):
        get_activation("softmax", hidden=True)
    with pytest.raises(ValueError, match="squared"):
        get_loss("hinge")


def test_sigmoid_worked_values_and_extremes():
    f = ACTIVATIONS["sigmoid"].f
    assert f(np.array([0.0]), np) == pytest.approx([0.5])
    assert f(np.array([1.0]), np) == pytest.approx([1 / (1 + np.exp(-1))], rel=1e-15)
    with np.errstate(over="raise", invalid="raise"):  # no overflow warning, even far out
        out = f(np.array([-1e6, 1e6]), np)
    assert out[0] == pytest.approx(0.0, abs=1e-300) and out[1] == 1.0


def test_relu_kink_takes_derivative_zero():
    relu = ACTIVATIONS["relu"]
    z = np.array([-1.0, 0.0, 2.0])
    assert relu.df(z, relu.f(z, np), np).tolist() == [0.0, 0.0, 1.0]


@pytest.mark.parametrize("name", HIDDEN_ACTIVATIONS)
def test_derivative_matches_finite_differences(name):
    act = ACTIVATIONS[name]
    eps = 1e-6
    numeric = (act.f(Z + eps, np) - act.f(Z - eps, np)) / (2 * eps)
    analytic = act.df(Z, act.f(Z, np), np)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", HIDDEN_ACTIVATIONS)
def test_out_argument_gives_the_same_numbers(name):
    act = ACTIVATIONS[name]
    a = act.f(Z.copy(), np)
    buf = np.empty_like(Z)
    np.testing.assert_array_equal(act.f(Z, np, out=buf), a)
    np.testing.assert_array_equal(act.df(Z, a, np, out=np.empty_like(Z)), act.df(Z, a, np))


def test_softmax_rows_sum_to_one_and_survive_large_inputs():
    z = np.array([[1000.0, 1001.0, 999.0], [0.0, 0.0, 0.0]])
    p = ACTIVATIONS["softmax"].f(z, np)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[1], 1 / 3)
    assert ACTIVATIONS["softmax"].df is None


def test_squared_loss_worked_example():
    # J = (1/m) Σ ½‖h − y‖²: samples (0.2, 0.9) vs (0, 1) and (0.5, 0.5) vs (1, 0)
    h = np.array([[0.2, 0.9], [0.5, 0.5]])
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    sq = LOSSES["squared"]
    assert float(sq.value(h, y, ACTIVATIONS["identity"], np)) == pytest.approx((0.5 * 0.05 + 0.5 * 0.5) / 2)


@pytest.mark.parametrize("loss_name, out_name", [("squared", "sigmoid"), ("squared", "identity"),
                                                 ("squared", "tanh"), ("cross_entropy", "sigmoid"),
                                                 ("cross_entropy", "softmax"), ("cross_entropy", "tanh")])
def test_output_delta_matches_finite_differences(loss_name, out_name):
    rng = np.random.default_rng(3)
    loss, act = LOSSES[loss_name], ACTIVATIONS[out_name]
    z = rng.normal(size=(5, 3))
    if out_name == "softmax":
        y = np.eye(3)[rng.integers(0, 3, 5)]
    elif out_name == "tanh":
        z = np.abs(z)  # keep h = tanh z in (0, 1) so cross-entropy is defined
        y = rng.integers(0, 2, (5, 3)).astype(float)
    else:
        y = rng.integers(0, 2, (5, 3)).astype(float)
    per_sample = lambda zz: loss.elementwise(act.f(zz, np), y, act, np).sum(axis=1)  # noqa: E731
    delta = loss.output_delta(z, act.f(z, np), y, act, np)
    eps = 1e-6
    for i in range(z.shape[0]):
        for j in range(z.shape[1]):
            zp, zm = z.copy(), z.copy()
            zp[i, j] += eps
            zm[i, j] -= eps
            num = (per_sample(zp)[i] - per_sample(zm)[i]) / (2 * eps)
            assert delta[i, j] == pytest.approx(num, rel=1e-5, abs=1e-8)
