"""Exact separability: verdicts against brute force, checked proofs, exact rationals, threshold-function counts."""

from __future__ import annotations

import doctest
import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neurosim.learn.separability as sep_mod
from neurosim.errors import DataError
from neurosim.learn.boolean_functions import all_boolean_functions, boolean_points
from neurosim.learn.separability import (
    Certificate,
    check_separability,
    solve_exact,
    verify_certificate,
    verify_hyperplane,
)
from neurosim.learn.threshold_count import count_threshold_functions


def brute_force_threshold(n):
    """All truth tables realised by [w·x + b > 0] with small integer weights (enough for n ≤ 3)."""
    pts = boolean_points(n)
    found = set()
    for w in itertools.product(range(-3, 4), repeat=n):
        for b in range(-7, 8):
            out = (pts @ np.array(w, dtype=np.int64) + b > 0).astype(int)
            found.add(int(sum(int(v) << r for r, v in enumerate(out))))
    return found


def test_docstring_examples():
    assert doctest.testmod(sep_mod).failed == 0


def test_xor_certificate_is_the_textbook_one():
    res = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
    assert not res.separable and res.weights is None and res.margin is None
    cert = res.certificate
    assert cert.positive == {1: Fraction(1, 2), 2: Fraction(1, 2)}
    assert cert.negative == {0: Fraction(1, 2), 3: Fraction(1, 2)}
    assert cert.point == (Fraction(1, 2), Fraction(1, 2))
    assert cert.as_json()["positive"] == {"1": "1/2", "2": "1/2"}


def test_and_max_margin_worked_example():
    # AND: the L2 max-margin line is x1 + x2 = 3/2, margin (1/2)/√2 = 0.35355…
    res = check_separability([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
    assert res.separable and res.certificate is None
    assert res.margin == pytest.approx(0.5 / np.sqrt(2), rel=1e-9)
    w = res.weights / res.weights[0]
    np.testing.assert_allclose(w, [1, 1], atol=1e-9)
    assert res.bias / res.weights[0] == pytest.approx(-1.5, abs=1e-9)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_verdicts_equal_brute_force_on_all_functions(n):
    pts = boolean_points(n)
    T = all_boolean_functions(n)
    truth = brute_force_threshold(n)
    for f in range(T.shape[0]):
        y = T[f].astype(np.int64)
        if y.min() == y.max():
            continue
        res = check_separability(pts, y)
        assert res.separable == (f in truth), f
        if res.separable:
            assert verify_hyperplane(pts, y.astype(bool), res.weights, res.bias)
            margins = (2 * y - 1) * (pts @ res.weights + res.bias) / np.linalg.norm(res.weights)
            assert res.margin == pytest.approx(margins.min())
        else:
            assert verify_certificate(pts, y.astype(bool), res.certificate)


def test_margin_matches_scikit_learn_hard_margin_svm():
    svm = pytest.importorskip("sklearn.svm")
    rng = np.random.default_rng(4)
    X = rng.normal(size=(80, 3))
    y = (X @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0).astype(int)
    res = check_separability(X, y)
    clf = svm.SVC(kernel="linear", C=1e8).fit(X, y)
    ref = np.min((2 * y - 1) * clf.decision_function(X)) / np.linalg.norm(clf.coef_)
    assert res.margin_norm == "l2"
    assert res.margin >= ref * (1 - 1e-6)
    assert res.margin == pytest.approx(ref, rel=1e-3)


def test_non_separable_float_data_certificate_checks_exactly():
    rng = np.random.default_rng(9)
    X = rng.normal(size=(300, 4))
    y = (X[:, 0] > 0).astype(int)
    y[:5] = 1 - y[:5]
    res = check_separability(X, y)
    assert not res.separable
    cert = res.certificate
    assert verify_certificate(X, y.astype(bool), cert)
    assert len(cert.positive) + len(cert.negative) <= X.shape[1] + 2  # a vertex of the LP
    # tampering breaks the check
    bad = Certificate(positive=dict(cert.positive), negative=dict(cert.negative),
                      point=tuple(p + 1 for p in cert.point))
    assert not verify_certificate(X, y.astype(bool), bad)


def test_duplicate_point_with_both_labels():
    res = check_separability([[1.5, 2.0], [1.5, 2.0], [0.0, 0.0]], ["a", "b", "a"])
    assert not res.separable
    assert res.certificate.positive == {1: 1} and res.certificate.negative == {0: 1}


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(4, 30), st.integers(1, 4))
def test_property_every_verdict_carries_a_valid_proof(seed, n, d):
    rng = np.random.default_rng(seed)
    X = rng.integers(-3, 4, size=(n, d))
    y = rng.integers(0, 2, size=n)
    y[:2] = [0, 1]
    res = check_separability(X, y)
    if res.separable:
        assert verify_hyperplane(X, y.astype(bool), res.weights, res.bias) and res.margin > 0
    else:
        assert verify_certificate(X, y.astype(bool), res.certificate)


def test_solve_exact_small_systems():
    F = Fraction
    assert solve_exact([[F(2), F(1)], [F(1), F(3)]], [F(3), F(5)]) == [F(4, 5), F(7, 5)]
    assert solve_exact([[F(1), F(1)], [F(2), F(2)]], [F(1), F(3)]) is None  # inconsistent
    assert solve_exact([[F(1), F(1)]], [F(2)]) == [F(2), F(0)]  # free variable set to 0


def test_verify_hyperplane_refuses_a_point_on_the_plane():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    assert not verify_hyperplane(X, np.array([False, True]), np.array([1.0, 1.0]), 0.0)
    assert verify_hyperplane(X, np.array([False, True]), np.array([1.0, 1.0]), -1.0)


@pytest.mark.parametrize("kw, words", [
    (dict(positive={0: Fraction(1, 3)}, negative={1: Fraction(1)}, point=(Fraction(0),)), "sum to 1/3"),
    (dict(positive={}, negative={1: Fraction(1)}, point=()), "empty"),
    (dict(positive={0: Fraction(-1), 2: Fraction(2)}, negative={1: Fraction(1)}, point=()), "positive"),
])
def test_certificate_validated_when_built(kw, words):
    with pytest.raises(DataError, match=words):
        Certificate(**kw)


@pytest.mark.parametrize("n, count", [(0, 2), (1, 4), (2, 14), (3, 104), (4, 1882)])
def test_count_threshold_functions_oeis_a000609(n, count, backend):
    res = count_threshold_functions(n, backend=backend)
    assert res.count == count and int(res.threshold.sum()) == count
    pts = boolean_points(n)
    T = all_boolean_functions(n)
    # every proof re-checked here, independently of the library's own check
    W, b = res.weights[res.threshold], res.bias[res.threshold]
    assert np.array_equal((W @ pts.T + b[:, None] > 0).astype(np.uint8), T[res.threshold])
    non = np.flatnonzero(~res.threshold)
    sample = non if n <= 3 else non[:: max(1, len(non) // 300)]
    for f in sample:
        assert verify_certificate(pts, T[f].astype(bool), res.certificate(int(f)))


def test_count_refuses_n5():
    with pytest.raises(DataError, match=r"expected n in 0\.\.4"):
        count_threshold_functions(5)
