"""The plots a teacher puts on a slide: axes named after the data's columns, shaded regions with a legend that says
what the shading is, integer epochs, Novikoff's bound as text, the pocket line, titles on the canvas, and tick
labels that do not collide — checked on every lecture and classics figure too."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.draw import (
    activations_figure,
    approximation_figure,
    classic_net_figure,
    count_response_figure,
    descent_figure,
    draw_circuit,
    gradient_cost_figure,
    hidden_codes_figure,
    mlp_figure,
    perceptron_figure,
    perceptron_vs_mlp_figure,
    regions_figure,
)
from neurosim.examples import path
from neurosim.io import load_dataset
from neurosim.learn import (
    MLPClassifier,
    OneVsRestPerceptron,
    Perceptron,
    PocketPerceptron,
    check_separability,
    count_costs,
    patterns_circuit,
    quadratic_descent,
    region_table,
    sigmoid_neuron_circuit,
)
from tests.oracles.figures import colliding_tick_labels, texts_outside


def _legend_texts(ax) -> list[str]:
    leg = ax.get_legend()
    return [t.get_text() for t in leg.get_texts()] if leg else []


def _integer_ticks(axis) -> bool:
    lo, hi = sorted(axis.get_view_interval())
    ticks = [t for t in axis.get_majorticklocs() if lo <= t <= hi]
    return bool(ticks) and all(float(t).is_integer() for t in ticks)


def test_perceptron_slide_on_the_csvs_own_axes() -> None:
    ds = load_dataset(path("cloud2d.csv"))
    clf = Perceptron().fit(ds.X, ds.y_codes)
    bound = check_separability(ds.X, ds.y_codes).novikoff
    fig = perceptron_figure(ds.X, ds.y_codes, clf.coef_, clf.intercept_, clf.mistakes_per_epoch_, title="cloud2d.csv",
                            novikoff=bound, feature_names=ds.feature_names, classes=ds.classes)
    left, right = fig.axes
    assert (left.get_xlabel(), left.get_ylabel()) == tuple(ds.feature_names)
    legend = _legend_texts(left)
    assert {f"shaded: predicted {c}" for c in ds.classes} <= set(legend)
    assert any("w·x + b = 0" in t for t in legend)
    assert _integer_ticks(right.xaxis) and right.get_xlabel() == "epoch"
    # Novikoff's bound is written, not drawn: the axis stays scaled to the real mistakes
    assert any("Novikoff" in t and f"{bound:.4g}" in t for t in _legend_texts(right))
    assert right.get_ylim()[1] < bound / 10
    assert texts_outside(fig) == [] and colliding_tick_labels(fig) == []


def test_pocket_line_on_data_no_line_separates() -> None:
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal((0, 0), 0.8, (30, 2)), rng.normal((2, 0.5), 0.8, (30, 2))])
    y = np.repeat([0, 1], 30)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = Perceptron(max_epochs=20).fit(X, y)
    p = PocketPerceptron(max_epochs=20).fit(X, y)
    fig = perceptron_figure(X, y, c.coef_, c.intercept_, c.mistakes_per_epoch_, pocket=(p.coef_, p.intercept_,
                                                                                        p.n_errors_))
    assert any(t.startswith(f"pocket: best weights seen ({p.n_errors_} errors)") for t in _legend_texts(fig.axes[0]))
    assert texts_outside(fig) == [] and colliding_tick_labels(fig) == []


def test_multiclass_slides_shade_every_class() -> None:
    ds = load_dataset(path("petals.csv"))
    ovr = OneVsRestPerceptron(max_epochs=100).fit(ds.X, ds.y_codes)
    fig = perceptron_figure(ds.X, ds.y_codes, ovr.coef_, ovr.intercept_, (), feature_names=ds.feature_names,
                            classes=ds.classes)
    assert len(fig.axes) == 1 and fig.axes[0].get_xlabel() == "petal_length"
    assert {f"shaded: predicted {c}" for c in ds.classes} <= set(_legend_texts(fig.axes[0]))
    mlp = MLPClassifier(hidden_layer_sizes=(5,), loss="cross_entropy", max_epochs=50, random_state=0).fit(ds.X,
                                                                                                        ds.y_codes)
    fig = mlp_figure(mlp, ds.X, ds.y_codes, feature_names=ds.feature_names, class_names=ds.classes)
    assert {f"class {c}" for c in ds.classes} <= set(_legend_texts(fig.axes[0]))
    assert fig.axes[0].get_ylabel() == "petal_width" and _integer_ticks(fig.axes[1].xaxis)
    for f in (fig,):
        assert texts_outside(f) == [] and colliding_tick_labels(f) == []


def _lecture_figures():
    runs = [quadratic_descent(lr, steps=15) for lr in (0.3, 1.5, 2.1)]
    curves = {0.5: np.linspace(0.13, 0.12, 50), 20.0: np.geomspace(0.13, 1e-4, 50), 200.0: np.full(50, 0.25)}

    class _Res:  # the shape of an ApproximationResult, without fitting
        target = "sin(2πx) + ½ sin(6πx)"
        x = np.linspace(0, 1, 64)
        units = (1, 2, 4, 8, 16)
        rmse = np.array([0.25, 0.2, 0.1, 1e-3, 1e-4])
        fits = [np.sin(2 * np.pi * x)] * 5

    X = np.eye(8)
    H = 1 / (1 + np.exp(-(X @ np.random.default_rng(0).normal(size=(8, 3)))))
    W = [np.arange(12, dtype=float).reshape(6, 2) - 6, np.array([[1.0], [-1.0]])]
    return {  # built on demand: each test draws only its own figure
        "activations": lambda: activations_figure(),
        "descent": lambda: descent_figure(runs, curves, limit=2.0),
        "approximation": lambda: approximation_figure(_Res()),
        "regions": lambda: regions_figure(region_table(6), [(np.linspace(0, 1, 9), np.linspace(0, 1, 9))]),
        "cost": lambda: gradient_cost_figure(count_costs()),
        "neuron": lambda: draw_circuit(sigmoid_neuron_circuit()),
        "patterns": lambda: draw_circuit(patterns_circuit()),
        "net": lambda: classic_net_figure(W, [np.zeros(2), np.zeros(1)], title="a net"),
        "codes": lambda: hidden_codes_figure(H, title="codes"),
        "counts": lambda: count_response_figure([("p", H, X.sum(axis=1))], title="counts"),
        "versus": lambda: perceptron_vs_mlp_figure([("parity4", 0.69, 1.0, False), ("and", 1.0, 1.0, True)]),
    }


@pytest.mark.parametrize("name", list(_lecture_figures()))
def test_lecture_figures_fit_and_do_not_collide(name: str) -> None:
    fig = _lecture_figures()[name]()
    assert texts_outside(fig) == []
    assert colliding_tick_labels(fig) == []


def test_xor_page_names_its_shading_and_counts_nets_in_integers() -> None:
    from neurosim.draw import xor_figure

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])

    def h(P):
        return (np.abs(P[:, 0] - P[:, 1]) > 0.5).astype(float)

    fig = xor_figure(X, y, [1.0, 0.0], -1.0, h, np.geomspace(0.13, 1e-4, 200)[:, None], np.array([300, 500, 520, -1]))
    for ax in fig.axes[:2]:
        assert any(t.startswith("shaded red: h(x) > 0.5") for t in _legend_texts(ax))
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    assert _integer_ticks(fig.axes[3].yaxis) and _integer_ticks(fig.axes[2].xaxis)
    assert texts_outside(fig) == [] and colliding_tick_labels(fig) == []
