"""The lecture's claims, each tested against an oracle: the stability limit 2/L, the three learning-rate regimes on
XOR, universal approximation's falling error, exponential-versus-linear linear regions, the cheap-gradient bound
ω <= 5, and backprop's gate patterns and worked neuron."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.errors import ParameterError
from neurosim.learn import (
    ACTIVATIONS,
    TARGETS,
    Circuit,
    OpCounter,
    approximate,
    count_costs,
    count_linear_regions,
    deep_tent,
    dyadic_grid,
    forward,
    patterns_circuit,
    quadratic_descent,
    sigmoid_neuron_circuit,
    stability_limit,
    wide_net,
    xor_learning_rates,
)


# ---- gradient descent and its learning rate ----------------------------------------------------------------------
@pytest.mark.parametrize("L", [0.5, 1.0, 4.0])
def test_quadratic_descent_is_the_closed_form_and_diverges_above_two_over_l(L: float) -> None:
    limit = stability_limit(L)
    assert limit == 2 / L
    for q, regime in [(0.5, "monotone"), (1.0, "monotone"), (1.5, "oscillating"), (2.0, "periodic"),
                      (2.05, "diverging"), (3.0, "diverging")]:
        run = quadratic_descent(q / L, curvature=L, target=0.7, w0=1.7, steps=40)
        k = np.arange(41)
        assert np.allclose(run.w - 0.7, (1 - q) ** k, rtol=1e-9, atol=1e-12)  # w_k − w* = (1 − ηL)^k (w_0 − w*)
        assert run.regime == regime
        err = np.abs(run.w - 0.7)
        if q > 2:
            assert err[-1] > 1.0 and np.all(np.diff(err) > 0)  # above 2/L every step makes it worse
        elif q < 2:
            assert err[-1] < 1e-6
    with pytest.raises(ParameterError):
        stability_limit(0.0)
    with pytest.raises(ParameterError):
        quadratic_descent(0.0)


def test_xor_learning_rates_slow_right_and_overshooting() -> None:
    curves = xor_learning_rates()
    small, right, large = (curves[k] for k in sorted(curves))
    assert small[0] == right[0] == large[0]  # one net, one initialisation
    assert small[-1] > 0.9 * small[0] and np.all(np.diff(small) <= 1e-12)  # slow: barely moves, never rises
    assert right[-1] < 0.01  # learns XOR
    assert large.max() > 1.5 * large[0] and np.count_nonzero(np.diff(large) > 1e-9) >= 5  # overshoots, jumps up
    assert large[-1] > large[0]  # and ends worse than it started (saturated)


# ---- universal approximation --------------------------------------------------------------------------------------
def test_universal_approximation_error_falls_with_n() -> None:
    res = approximate()
    assert res.target in TARGETS and res.units == (1, 2, 4, 8, 16)
    assert np.all(np.diff(res.rmse) <= 0)  # monotone by construction
    assert res.rmse[0] > 0.2 and res.rmse[-1] < 1e-3  # and it really falls: from 0.25 to below 0.001
    assert res.rmse[2] > 0.05 and res.rmse[3] < 0.01  # 4 units are too few for this target, 8 suffice
    y = TARGETS[res.target](res.x)
    for e, fit in zip(res.rmse, res.fits, strict=True):  # the reported error is the error of the reported fit
        assert math.isclose(e, float(np.sqrt(np.mean((fit - y) ** 2))), rel_tol=1e-9)
    with pytest.raises(ParameterError, match="unknown target"):
        approximate("sin(x)")
    with pytest.raises(ParameterError, match="increasing"):
        approximate(units=(2, 2))


# ---- depth folding ------------------------------------------------------------------------------------------------
def test_regions_grow_exponentially_with_depth_and_linearly_with_width() -> None:
    for d in range(1, 11):
        assert count_linear_regions(*deep_tent(d), "abs") == 2**d
    for w in range(1, 13):
        assert count_linear_regions(*wide_net(w, w), "relu") == w + 1
        assert count_linear_regions(*wide_net(w, w), "abs") == w + 1


def _slope_pieces(y: np.ndarray, x: np.ndarray) -> int:
    """Oracle: 1 + the number of maximal runs of grid cells where the slope changes (kinks inside a cell show as two
    consecutive changes)."""
    slope = np.diff(y) / np.diff(x)
    changes = np.abs(np.diff(slope)) > 1e-7 * max(1.0, float(np.abs(slope).max()))
    if not changes.size:
        return 1
    return 1 + int(changes[0]) + int(np.count_nonzero(changes[1:] & ~changes[:-1]))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3), st.integers(1, 4), st.sampled_from(["relu", "abs"]), st.integers(0, 2**31))
def test_region_count_agrees_with_slope_changes_on_random_nets(depth: int, width: int, act: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = [1, *([width] * depth), 1]
    coefs = [rng.normal(size=(a, b)) for a, b in itertools.pairwise(sizes)]
    intercepts = [rng.normal(size=b) for b in sizes[1:]]
    grid = dyadic_grid(12)
    y = forward(coefs, intercepts, grid[:, None], ACTIVATIONS[act], ACTIVATIONS["identity"])[1][-1][:, 0]
    assert count_linear_regions(coefs, intercepts, act, grid) == _slope_pieces(y, grid)


# ---- the cheap-gradient principle -----------------------------------------------------------------------------------
def test_counter_counts_a_matrix_product_and_elementwise_work() -> None:
    a, b = OpCounter.wrap(np.ones((3, 4))), OpCounter.wrap(np.ones((4, 5)))
    with OpCounter() as c:
        z = a @ b
    assert c.ops == 2 * 3 * 4 * 5
    with OpCounter() as c:
        np.exp(z)
        z.sum(axis=0)
        z += 1.0
    assert c.ops == 15 + 15 + 15


def test_backprop_costs_at_most_five_forward_passes_and_finite_differences_2p() -> None:
    rows = count_costs()
    assert [r.params for r in rows] == sorted(r.params for r in rows)
    for r in rows:
        assert 1.0 < r.omega <= 5.0, r  # the lecture's bound, measured in counted arithmetic
        assert r.finite_differences == 2 * r.params
    assert rows[-1].finite_differences / rows[0].finite_differences > 100  # grows with the net; ω does not
    assert max(r.omega for r in rows) - min(r.omega for r in rows) < 1.5


# ---- backprop on circuits ------------------------------------------------------------------------------------------
def test_worked_sigmoid_neuron_numbers() -> None:
    c = sigmoid_neuron_circuit()
    g = c.grads()
    assert round(c.gates[-1].value, 2) == 0.73
    assert [round(g[k], 2) for k in ("w0", "w1", "w2")] == [-0.20, -0.39, 0.20]
    assert [round(g[k], 2) for k in ("x0", "x1")] == [0.39, -0.59]


def test_gate_patterns_add_distributes_max_routes_mul_switches() -> None:
    c = patterns_circuit(3.0, -4.0, 2.0, -1.0)
    assert c.gates[-1].value == -20.0
    assert c.grads() == {"x": -8.0, "y": 6.0, "z": 2.0, "w": 0.0}
    mul, mx, add = (next(g for g in c.gates if g.op == op) for op in ("mul", "max", "add"))
    assert mul.grad == mx.grad == add.grad == 2.0  # add distributes the same gradient to both inputs


_UNARY = ("exp", "neg", "sigmoid", "addc", "mulc")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1.5, 1.5), min_size=2, max_size=4),
       st.lists(st.tuples(st.sampled_from(("add", "mul", "max", *_UNARY)), st.integers(0, 50), st.integers(0, 50)),
                min_size=1, max_size=8))
def test_circuit_gradients_match_centred_differences(values: list[float], ops: list[tuple[str, int, int]]) -> None:
    def build(vals: list[float]) -> Circuit:
        c = Circuit()
        for k, v in enumerate(vals):
            c.input(f"v{k}", v)
        for op, i, j in ops:
            n = len(c.gates)
            a, b = i % n, j % n
            if op in ("add", "mul", "max"):
                getattr(c, op)(a, b)
            elif op in ("addc", "mulc"):
                getattr(c, op)(a, 0.7)
            else:
                getattr(c, op)(a)
        return c

    c = build(values)
    if any(not math.isfinite(g.value) or abs(g.value) > 1e6 for g in c.gates):
        return
    maxes = [g for g in c.gates if g.op == "max"]
    if any(abs(c.gates[g.inputs[0]].value - c.gates[g.inputs[1]].value) < 1e-3 for g in maxes):
        return  # at a tie max has no derivative
    c.backward()
    h = 1e-6
    for k in range(len(values)):
        up, down = list(values), list(values)
        up[k] += h
        down[k] -= h
        fd = (build(up).gates[-1].value - build(down).gates[-1].value) / (2 * h)
        assert math.isclose(c.gates[k].grad, fd, rel_tol=1e-5, abs_tol=1e-6)
