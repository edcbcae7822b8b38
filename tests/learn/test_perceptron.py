"""The Rosenblatt perceptron: update-for-update equality with a naive loop, Novikoff's bound, cycles, sklearn."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from neurosim.errors import ConvergenceWarning, DataError, ParameterError
from neurosim.learn.boolean_functions import all_boolean_functions, boolean_points
from neurosim.learn.perceptron import Perceptron
from neurosim.learn.perceptron_batch import fit_many
from neurosim.learn.separability import check_separability, novikoff_bound


def naive_rosenblatt(X, y01, lr=1, max_epochs=100, order=None):
    """The textbook loop: ŷ = [w·x + b > 0], w += lr (y − ŷ) x, b += lr (y − ŷ), one sample at a time."""
    n, d = X.shape
    Z = np.hstack([X, np.ones((n, 1), dtype=X.dtype)])
    w = np.zeros(d + 1, dtype=Z.dtype)
    history, per_epoch = [], []
    for e in range(max_epochs):
        idx = range(n) if order is None else order[e]
        m = 0
        for i in idx:
            yhat = 1 if Z[i] @ w > 0 else 0
            if yhat != y01[i]:
                w = w + lr * (y01[i] - yhat) * Z[i]
                history.append(w.copy())
                m += 1
        per_epoch.append(m)
        if m == 0:
            break
    return w, per_epoch, history


def _fit(**kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return Perceptron(detect_cycles=False, **kw)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("kind", ["int", "float"])
def test_engine_equals_naive_loop_update_for_update(seed, kind):
    rng = np.random.default_rng(seed)
    n, d = rng.integers(5, 400), rng.integers(1, 6)
    X = rng.integers(-4, 5, size=(n, d)) if kind == "int" else rng.normal(size=(n, d))
    y = rng.integers(0, 2, size=n)
    y[:2] = [0, 1]
    if seed % 2:  # a separable half, so that convergence paths are exercised too
        y = (X @ rng.normal(size=d) + 0.1 > 0).astype(int)
        y[:2] = [0, 1] if len(set(y)) < 2 else y[:2]
    w, per_epoch, _ = naive_rosenblatt(X, y, max_epochs=30)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = Perceptron(max_epochs=30, detect_cycles=False).fit(X, y)
    assert clf.mistakes_per_epoch_ == per_epoch
    np.testing.assert_array_equal(np.append(clf.coef_, clf.intercept_), w)
    assert clf.exact_ == (kind == "int")


def test_shuffled_order_equals_naive_loop_with_the_same_permutations():
    rng = np.random.default_rng(7)
    X = rng.integers(-3, 4, size=(60, 3))
    y = (X @ np.array([2, -1, 1]) + 1 > 0).astype(int)
    perm_rng = np.random.default_rng(11)
    orders = [perm_rng.permutation(60) for _ in range(50)]
    w, per_epoch, _ = naive_rosenblatt(X, y, max_epochs=50, order=orders)
    clf = Perceptron(order="shuffle", random_state=11, max_epochs=50).fit(X, y)
    assert clf.mistakes_per_epoch_ == per_epoch and clf.converged_
    np.testing.assert_array_equal(np.append(clf.coef_, clf.intercept_), w)


def test_integral_lr_and_any_two_labels():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    clf = Perceptron(lr=3).fit(X, np.array(["no", "no", "no", "yes"]))
    assert clf.converged_ and clf.exact_ and clf.classes_.tolist() == ["no", "yes"]
    assert clf.predict(X).tolist() == ["no", "no", "no", "yes"]
    assert clf.score(X, ["no", "no", "no", "yes"]) == 1.0
    pm = Perceptron().fit(X, [-1, -1, -1, 1])
    assert pm.predict(X).tolist() == [-1, -1, -1, 1]


@pytest.mark.parametrize("labels, weights, bias", [
    ([0, 0, 0, 1], [2, 1], -2),   # AND, worked by hand through the naive loop
    ([0, 1, 1, 1], [1, 1], 0),    # OR
    ([1, 1, 1, 0], [-2, -1], 3),  # NAND
])
def test_logic_gates_learned_with_known_weights(labels, weights, bias):
    clf = Perceptron().fit([[0, 0], [0, 1], [1, 0], [1, 1]], labels)
    assert clf.converged_ and not clf.cycle_
    assert clf.coef_.tolist() == weights and clf.intercept_ == bias
    assert clf.mistakes_per_epoch_[-1] == 0 and clf.n_mistakes_ == sum(clf.mistakes_per_epoch_)


def test_xor_cycles_and_the_cycle_is_real():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    clf = Perceptron().fit(X, [0, 1, 1, 0])
    assert clf.cycle_ and not clf.converged_
    _, _, history = naive_rosenblatt(X, np.array([0, 1, 1, 0]), max_epochs=clf.n_iter_ + 5)
    assert any(np.array_equal(np.append(clf.coef_, clf.intercept_), h) for h in history[:-1])


def test_epoch_limit_warns():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    with pytest.warns(ConvergenceWarning, match="max_epochs=5"):
        clf = Perceptron(max_epochs=5).fit(X + 0.5, [0, 1, 1, 0])  # float data: no cycle proof
    assert clf.n_iter_ == 5 and not clf.converged_ and not clf.cycle_


def test_huge_integers_stay_exact_with_python_ints():
    X = np.array([[2**40, 1], [-(2**40), 3], [5, 2**41], [7, -(2**41)]], dtype=np.int64)
    y = [1, 0, 1, 0]
    w, per_epoch, _ = naive_rosenblatt(X.astype(object), y, max_epochs=50)
    clf = Perceptron(max_epochs=50).fit(X, y)
    assert clf.mistakes_per_epoch_ == per_epoch
    assert [int(v) for v in clf.coef_] + [int(clf.intercept_)] == [int(v) for v in w]


@pytest.mark.parametrize("seed", range(5))
def test_mistakes_never_exceed_novikoff_bound(seed):
    rng = np.random.default_rng(100 + seed)
    d = 2 + seed
    w = rng.normal(size=d)
    X = rng.normal(size=(300, d))
    s = X @ w + 0.2
    keep = np.abs(s) > 0.3
    X, y = X[keep], (s[keep] > 0).astype(int)
    clf = Perceptron(max_epochs=10_000).fit(X, y)
    bound = novikoff_bound(X, y)
    assert clf.converged_ and bound is not None
    assert clf.n_mistakes_ <= bound
    assert check_separability(X, y).novikoff == pytest.approx(bound)


@pytest.mark.parametrize("bad, err", [
    (dict(X=[[0, 1], [1, 0]], y=[1, 1]), "1 class"),
    (dict(X=[[0, 1], [1, 0], [2, 2]], y=[0, 1, 2]), "Only binary"),
    (dict(X=[[0, np.nan], [1, 0]], y=[0, 1]), "NaN or infinity \\(row 0, column 1"),
    (dict(X=[0, 1], y=[0, 1]), "Reshape"),
    (dict(X=[[0], [1]], y=[0, 1, 1]), "y must have shape"),
])
def test_bad_input_is_a_data_error(bad, err):
    with pytest.raises(DataError, match=err):
        Perceptron().fit(bad["X"], bad["y"])


@pytest.mark.parametrize("params", [dict(order="random"), dict(max_epochs=0), dict(lr=-1.0)])
def test_bad_hyperparameters(params):
    with pytest.raises(ParameterError):
        Perceptron(**params).fit([[0], [1]], [0, 1])


def test_get_set_params_and_repr():
    clf = Perceptron(lr=2.0)
    assert clf.get_params()["lr"] == 2.0
    assert clf.set_params(max_epochs=7).max_epochs == 7
    assert "max_epochs=7" in repr(clf)
    with pytest.raises(ValueError, match="Invalid parameter"):
        clf.set_params(nope=1)


def test_scikit_learn_estimator_checks():
    pytest.importorskip("sklearn")
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(Perceptron(), on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    assert failed == []
    assert sum(r["status"] == "passed" for r in results) >= 50


# ------------------------------------------------------------------ many problems at once
@pytest.mark.parametrize("n", [2, 3])
def test_batch_equals_single_runs_on_every_boolean_function(n, backend):
    X = boolean_points(n)
    Y = all_boolean_functions(n)
    res = fit_many(X, Y, max_epochs=200, backend=backend)
    for f in range(Y.shape[0]):
        if Y[f].min() == Y[f].max():
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf = Perceptron(max_epochs=200).fit(X, Y[f])
        assert res.weights[f].tolist() == clf.coef_.tolist() and res.bias[f] == clf.intercept_
        assert (res.n_iter[f], res.n_mistakes[f]) == (clf.n_iter_, clf.n_mistakes_)
        assert (bool(res.converged[f]), bool(res.cycle[f])) == (clf.converged_, clf.cycle_)


def test_batch_float_data_equals_single_runs(backend):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    Y = (rng.normal(size=(25, 3)) @ X.T + rng.normal(size=(25, 1)) > 0).astype(np.uint8)
    Y[:, :2] = [0, 1]
    res = fit_many(X, Y, lr=0.5, max_epochs=50, backend=backend)
    assert not res.exact
    for p in range(25):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf = Perceptron(lr=0.5, max_epochs=50).fit(X, Y[p])
        np.testing.assert_array_equal(res.weights[p], clf.coef_)
        assert res.n_mistakes[p] == clf.n_mistakes_


def test_batch_rejects_mismatched_shapes():
    with pytest.raises(DataError, match="same n"):
        fit_many(np.zeros((4, 2)), np.zeros((3, 5)))


# ------------------------------------------------------------------ the float32 screen of float data
def _naive_float(X, y, lr, max_epochs, order=None):
    w, per_epoch, _ = naive_rosenblatt(np.asarray(X, dtype=float), np.asarray(y), lr=lr, max_epochs=max_epochs,
                                       order=order)
    return w, per_epoch


@pytest.mark.parametrize("d", [17, 64])
def test_screened_float_engine_equals_naive_loop_in_many_dimensions(d):
    # d large enough that BLAS's float64 dot product and the float32 screen sum in different orders
    rng = np.random.default_rng(d)
    X = rng.normal(size=(250, d)) * rng.uniform(0.01, 100, size=d)
    y = (X @ rng.normal(size=d) > 0).astype(int)
    y[rng.random(250) < 0.05] ^= 1  # a few flipped labels: not separable, every epoch full of updates
    w, per_epoch = _naive_float(X, y, lr=0.37, max_epochs=8)
    with pytest.warns(ConvergenceWarning):
        clf = Perceptron(lr=0.37, max_epochs=8).fit(X, y)
    assert not clf.exact_ and clf.mistakes_per_epoch_ == per_epoch
    np.testing.assert_array_equal(np.append(clf.coef_, clf.intercept_), w)


@pytest.mark.parametrize("order", ["fixed", "shuffle"])
def test_exact_zero_scores_are_decided_by_the_float64_dot_product(order, monkeypatch):
    # half-integers with lr 0.5: scores are multiples of 0.25 and hit 0 exactly, so rows fall in the band
    import neurosim.learn._perceptron_epochs as engine

    rng = np.random.default_rng(5)
    X = rng.integers(-2, 2, size=(80, 4)) + 0.5
    y = rng.integers(0, 2, size=80)
    orders = None
    if order == "shuffle":
        perm_rng = np.random.default_rng(3)
        orders = [perm_rng.permutation(80) for _ in range(12)]
    w, per_epoch = _naive_float(X, y, lr=0.5, max_epochs=12, order=orders)
    calls = []
    real = engine.epoch_screened

    def spy(Z, pos, w, lr, block, screen, perm=None):
        calls.append(block)
        return real(Z, pos, w, lr, block, screen, perm)

    monkeypatch.setattr("neurosim.learn.perceptron.epoch_screened", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = Perceptron(lr=0.5, max_epochs=12, order=order, random_state=3).fit(X, y)
    assert len(calls) == clf.n_iter_ == 12
    assert clf.mistakes_per_epoch_ == per_epoch
    np.testing.assert_array_equal(np.append(clf.coef_, clf.intercept_), w)


@pytest.mark.parametrize("scale, lr", [(1e-160, 1e-150), (1e150, 1e100), (1.0, 1e-300), (1.0, 1e250)])
def test_screen_stays_exact_at_extreme_magnitudes(scale, lr):
    # power-of-two rescaling keeps float32 in range; subnormal products are covered by the absolute error terms
    rng = np.random.default_rng(9)
    X = rng.normal(size=(60, 3)) * scale
    X[:, 1] *= 1e-20  # a column far below the others: its float32 copy loses digits or underflows
    y = (X[:, 0] + 0.3 * scale > 0).astype(int)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        # (1e150, 1e100) overflows to inf: the engine must follow the naive loop there too
        warnings.simplefilter("ignore", ConvergenceWarning)
        w, per_epoch = _naive_float(X, y, lr=lr, max_epochs=20)
        clf = Perceptron(lr=lr, max_epochs=20).fit(X, y)
    assert not clf.exact_ and clf.mistakes_per_epoch_ == per_epoch
    np.testing.assert_array_equal(np.append(clf.coef_, clf.intercept_), w)


def test_band_bounds_the_float32_error():
    from neurosim.learn._perceptron_epochs import _band, make_screen

    rng = np.random.default_rng(1)
    Z = np.hstack([rng.normal(size=(2000, 40)) * 1e3, np.ones((2000, 1))])
    pos = rng.random(2000) < 0.5
    screen = make_screen(Z, pos)
    w = rng.normal(size=41)
    ws = np.empty(41, dtype=np.float32)
    T = _band(w, screen, ws)
    sign = np.where(pos, 1.0, -1.0)
    # the screened score of every row is within T of the float64 score (in the screen's scaled units)
    scale = 2.0 ** -(screen.ez + int(np.frexp(np.linalg.norm(w))[1]))
    s64 = sign * (Z @ w) * scale
    s32 = screen.S.astype(np.float64) @ ws.astype(np.float64)
    assert np.all(np.abs(np.einsum("ij,j->i", screen.S, ws) - s64) <= T / 2)
    assert np.abs(s32 - s64).max() > 0  # float32 really differs from float64 ...
    assert np.mean(np.abs(s64) <= T) < 0.01  # ... yet almost every row is decided without a recheck
    with pytest.raises(ValueError, match="float32"):
        type(screen)(screen.S.astype(np.float64), screen.ez, screen.radius)
