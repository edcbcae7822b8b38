"""Separability is decided about the numbers as written, never "undecided" (issue 10, item 2).

Oracles, all independent of the library's own checks: every plane and certificate is re-checked here in plain
Fraction loops; verdicts of scaled, offset and duplicated copies must equal the verdict of the small integer set
they came from, which an LP on that set decides; the closest points of two hulls are proved optimal by Wolfe's
criterion, evaluated here; Novikoff's bound against worked examples and against SLSQP on well-conditioned data.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from neurosim.io import load_dataset
from neurosim.learn.hull_distance import hull_distance, int_solve
from neurosim.learn.rational import as_rational, sqrt_float
from neurosim.learn.separability import check_separability, solve_exact

XOR = [[0, 0], [0, 1], [1, 0], [1, 1]]


def F(v) -> Fraction:
    return v if isinstance(v, Fraction) else Fraction(v)  # floats: their exact binary value


def rows_of(X) -> list[list[Fraction]]:
    return [[F(v) for v in row] for row in X]


def check_proof(X, y, res) -> None:
    """The proof of ``res`` about the exact values of X, checked with Fractions only."""
    R = rows_of(X)
    labels = sorted(set(y))
    pos = [v == labels[1] for v in y]
    if res.separable:
        w, b = res.exact_weights, res.exact_bias
        scores = [sum((wi * xi for wi, xi in zip(w, r, strict=True)), Fraction(0)) + b for r in R]
        assert all((s >= 1) if p else (s <= -1) for s, p in zip(scores, pos, strict=True))
        assert min(abs(s) for s in scores) == 1  # the closest rows score exactly ±1
        norm2 = sum((v * v for v in w), Fraction(0))
        # the geometric margin of that plane is 1/‖w‖ (compared as margin²·‖w‖² = 1, free of overflow)
        assert float(Fraction(res.margin) ** 2 * norm2) == pytest.approx(1, rel=1e-12)
    else:
        c = res.certificate
        for side, want in ((c.positive, True), (c.negative, False)):
            assert all(pos[r] == want for r in side) and sum(side.values()) == 1 and min(side.values()) > 0
            point = tuple(sum((v * R[r][j] for r, v in side.items()), Fraction(0)) for j in range(len(R[0])))
            assert point == c.point
        assert len(c.positive) + len(c.negative) <= len(R[0]) + 2


def lp_separable(X, y) -> bool:
    """Oracle for small integer sets: the LP t(w·x + b) ≥ 1 (HiGHS) is feasible."""
    from scipy.optimize import linprog

    A = np.asarray(X, dtype=float)
    t = np.where(np.asarray(y) == max(y), 1.0, -1.0)
    G = -t[:, None] * np.hstack([A, np.ones((len(A), 1))])
    res = linprog(np.zeros(A.shape[1] + 1), A_ub=G, b_ub=-np.ones(len(A)), bounds=(None, None), method="highs")
    return res.status == 0


# ---- the cases ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("c", [1e-300, 1e-200, 1e-20, 1e-10, 0.1, 3.7, 1e10, 1e20, 1e200, 1e300])
def test_xor_scaled_has_its_textbook_certificate(c):
    # before: "separability undecided" for every power of ten here
    X = np.array(XOR, dtype=float) * c
    res = check_separability(X, [0, 1, 1, 0])
    assert not res.separable
    half = Fraction(1, 2)
    assert res.certificate.positive == {1: half, 2: half} and res.certificate.negative == {0: half, 3: half}
    assert res.certificate.point == (Fraction(c) / 2, Fraction(c) / 2)
    check_proof(X, [0, 1, 1, 0], res)


def test_and_scaled_by_1e_minus_300():
    # before: ZeroDivisionError
    X = np.array(XOR, dtype=float) * 1e-300
    res = check_separability(X, [0, 0, 0, 1])
    assert res.separable
    check_proof(X, [0, 0, 0, 1], res)
    assert res.margin == pytest.approx(math.sqrt(2) / 4 * 1e-300, rel=1e-12)
    assert res.novikoff == math.inf and float(res.novikoff_exact / Fraction(8 * 10**600)) == pytest.approx(1, 1e-9)


def test_integers_above_2_to_the_53_stay_apart():
    X = [[2**53], [2**53 + 1]]
    res = check_separability(X, [0, 1])  # before: "separability undecided"
    assert res.separable and res.exact_weights == (2,) and res.exact_bias == -(2**54 + 1)
    assert res.margin == 0.5
    check_proof(X, [0, 1], res)
    merged = check_separability(np.array(X, dtype=float), [0, 1])  # float64 merges them: the floats touch
    assert not merged.separable and merged.certificate.point == (Fraction(2**53),)


@pytest.mark.parametrize("delta", [Fraction(1, 10**9), Fraction(1, 10**30), 1e-9, 1e-200])
def test_tiny_margins_are_decided(delta):
    X = [[0, delta], [-1, 0], [1, 0]]
    res = check_separability(X, [1, 0, 0])
    assert res.separable
    check_proof(X, [1, 0, 0], res)
    assert res.margin == pytest.approx(float(F(delta)) / 2, rel=1e-12)


def test_exact_offset_changes_only_the_bias():
    rng = np.random.default_rng(5)
    base = [[Fraction(int(v), 1000) for v in row] for row in rng.integers(-3000, 3000, size=(60, 4))]
    y = [int(r[0] + 2 * r[1] - r[3] > Fraction(1, 7)) for r in base]
    shifted = [[v + 10**12 for v in row] for row in base]
    a, b = check_separability(base, y), check_separability(shifted, y)
    assert a.separable and b.separable and a.exact_weights == b.exact_weights
    assert b.exact_bias == a.exact_bias - 10**12 * sum(a.exact_weights)
    assert a.margin == b.margin and a.novikoff != b.novikoff  # Novikoff's z = (x, 1) does feel the offset
    check_proof(shifted, y, b)


def test_float_offset_1e12_is_decided_and_fast_enough_for_a_test():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(150, 8))
    y = (X @ rng.normal(size=8) > 0).astype(int)
    res = check_separability(X + 1e12, y)  # the float data as given: each value rounded to 2**-12
    plain = check_separability(X, y)
    assert res.separable and res.margin == pytest.approx(plain.margin, abs=1e-3)
    check_proof(X + 1e12, y, res)


def test_decimal_csv_is_read_exactly():
    # 0.29 and 0.71 average to 0.5 exactly; in binary floats they do not
    ds = load_dataset("x1,x2,y\n0.29,0.71,0\n0.71,0.29,0\n0.5,0.5,1\n0,0,0\n")
    assert ds.exact.value(0, 0) == Fraction(29, 100)
    res = check_separability(ds.exact, ds.y_codes)
    assert not res.separable
    c = res.certificate
    assert c.positive == {2: 1} and c.negative == {0: Fraction(1, 2), 1: Fraction(1, 2)}
    assert c.point == (Fraction(1, 2), Fraction(1, 2))
    assert check_separability(ds.X, ds.y_codes).separable  # the binary floats are another data set


@pytest.mark.parametrize("X", [
    [[Fraction(0), Fraction(0)], [Fraction(0), Fraction(1)], [Fraction(1), Fraction(0)], [Fraction(1), Fraction(1)]],
    [[Decimal("0"), Decimal("0")], [Decimal("0"), Decimal("1")], [Decimal("1"), Decimal("0")],
     [Decimal("1"), Decimal("1")]],
    np.array(XOR, dtype=object), np.array(XOR, dtype=np.int8), np.array(XOR, dtype=bool),
])
def test_exact_inputs_of_every_kind(X):
    res = check_separability(X, [0, 0, 0, 1])
    assert res.separable and res.exact_weights == (2, 2) and res.exact_bias == -3 and res.novikoff == 51.0


def test_novikoff_worked_examples():
    # AND: v = (2, 2, −3) is the least-norm v with y v·(x, 1) ≥ 1, so (R/γ)² = R²‖v‖² = 3·17 = 51; OR: 3·9 = 27
    assert check_separability(XOR, [0, 0, 0, 1]).novikoff_exact == 51
    assert check_separability(XOR, [0, 1, 1, 1]).novikoff_exact == 27


def test_novikoff_matches_slsqp_on_well_conditioned_data():
    from scipy.optimize import minimize

    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    y = (X @ np.array([1.0, -1.0, 0.5]) + 0.2 > 0).astype(int)
    Z = np.hstack([X, np.ones((40, 1))]) * np.where(y == 1, 1.0, -1.0)[:, None]
    ref = minimize(lambda v: v @ v, np.ones(4), jac=lambda v: 2 * v, method="SLSQP",
                   constraints=[{"type": "ineq", "fun": lambda v: Z @ v - 1, "jac": lambda v: Z}],
                   options={"ftol": 1e-15, "maxiter": 1000})
    R2 = np.max((np.hstack([X, np.ones((40, 1))]) ** 2).sum(axis=1))
    assert check_separability(X, y).novikoff == pytest.approx(R2 * ref.fun, rel=1e-6)


# ---- properties -------------------------------------------------------------------------------------------------
small_sets = st.integers(2, 8).flatmap(lambda n: st.integers(1, 3).flatmap(lambda d: st.tuples(
    st.lists(st.lists(st.integers(-3, 3), min_size=d, max_size=d), min_size=n, max_size=n),
    st.lists(st.integers(0, 1), min_size=n, max_size=n))))


@settings(max_examples=60, deadline=None)
@given(small_sets, st.sampled_from([Fraction(1), Fraction(1, 10**9), Fraction(10**40), Fraction(7, 3),
                                    Fraction(1, 2**1000)]),
       st.sampled_from([0, 10**12, 2**60 + 1, -(10**30)]), st.booleans())
def test_property_scaled_offset_duplicated_sets_keep_their_verdict(data, scale, offset, duplicate):
    X, y = data
    assume(0 < sum(y) < len(y))
    if duplicate:
        X, y = [*X, X[0]], [*y, y[0]]
    truth = lp_separable(X, y)
    Xt = [[v * scale + offset for v in row] for row in X]
    res = check_separability(Xt, y)
    assert res.separable == truth
    check_proof(Xt, y, res)


@settings(max_examples=40, deadline=None)
@given(small_sets)
def test_property_closest_points_are_proved_optimal(data):
    X, y = data
    assume(0 < sum(y) < len(y))
    M = np.array(X, dtype=object)
    pos = np.array(y, dtype=bool)
    hd = hull_distance(M[pos], M[~pos])
    P, N = [list(map(int, r)) for r in M[pos]], [list(map(int, r)) for r in M[~pos]]
    cp = [sum((v * P[i][j] for i, v in hd.pos.items()), Fraction(0)) for j in range(len(X[0]))]
    cn = [sum((v * N[i][j] for i, v in hd.neg.items()), Fraction(0)) for j in range(len(X[0]))]
    assert sum(hd.pos.values()) == sum(hd.neg.values()) == 1
    assert list(hd.u) == [a - b for a, b in zip(cp, cn, strict=True)]
    uu = sum((v * v for v in hd.u), Fraction(0))
    assert hd.dist2 == uu
    dot = lambda a: sum((u * v for u, v in zip(hd.u, a, strict=True)), Fraction(0))  # noqa: E731
    assert min(map(dot, P)) - max(map(dot, N)) >= uu  # Wolfe's criterion: no pair is closer
    assert (uu == 0) == (not lp_separable(X, y))


def test_int_solve_against_fraction_elimination():
    rng = np.random.default_rng(0)
    for k in (1, 3, 6):
        A = rng.integers(-9, 9, size=(k, k)).tolist()
        b = rng.integers(-9, 9, size=k).tolist()
        got = int_solve(A, b)
        ref = solve_exact([[Fraction(v) for v in r] for r in A], [Fraction(v) for v in b])
        if got is None:
            assert round(np.linalg.det(np.array(A, dtype=float))) == 0
        else:
            assert got == ref
    assert int_solve([[1, 2], [2, 4]], [1, 2]) is None


def test_rational_matrix_from_floats_is_exact():
    X = np.array([[0.1, -2.5e-300], [3.0, 1e300]])
    R = as_rational(X)
    for i, j in itertools.product(range(2), range(2)):
        assert R.value(i, j) == Fraction(float(X[i, j]))
    assert np.array_equal(R.to_float(), X)
    assert sqrt_float(Fraction(1, 8)) == math.sqrt(0.125)
    assert sqrt_float(Fraction(10**600)) == pytest.approx(1e300, rel=1e-15)
    assert sqrt_float(Fraction(1, 10**600)) == pytest.approx(1e-300, rel=1e-15)
    assert sqrt_float(Fraction(10**700)) == math.inf
