"""Single-unit detection against brute force over small integer weights, thresholds and veto sets."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from neurosim.logic.cubes import cubes_from_points
from neurosim.logic.symmetric import count_intervals, symmetric_profile
from neurosim.logic.threshold_unit import ThresholdUnit, find_threshold_unit

N = 3
ROWS = np.array(list(itertools.product((0, 1), repeat=N)), dtype=np.int64)  # row r: first input = top bit


def brute_force_units() -> dict[int, int]:
    """Truth-table code (bit r = value on row r) -> fewest synapses of a unit with weights 0..3, θ 0..9."""
    best: dict[int, int] = {}
    for w in itertools.product(range(4), repeat=N):
        for veto in itertools.product((0, 1), repeat=N):
            if any(wi and vi for wi, vi in zip(w, veto, strict=True)):
                continue  # a vetoing input needs no excitatory synapse
            s = ROWS @ np.array(w)
            blocked = (ROWS * np.array(veto)).any(axis=1)
            for theta in range(10):
                fire = (s >= theta) & ~blocked
                code = int(sum(1 << r for r in np.flatnonzero(fire)))
                cost = sum(w) + sum(veto)
                best[code] = min(best.get(code, cost), cost)
    return best


ORACLE = brute_force_units()


def covers(code: int):
    on = [r for r in range(1 << N) if code >> r & 1]
    off = [r for r in range(1 << N) if not code >> r & 1]
    return (*cubes_from_points(on, N), *cubes_from_points(off, N))


@pytest.mark.parametrize("code", range(256))
def test_every_three_input_function(code):
    unit = find_threshold_unit(*covers(code), N)
    if code not in ORACLE:
        assert unit is None
        return
    assert unit is not None
    got = unit.evaluate(ROWS)
    assert got.tolist() == [(code >> r) & 1 for r in range(1 << N)]
    assert unit.synapses == ORACLE[code]


def test_dont_cares_are_used():
    # XOR on rows 01 and 10 is not a unit, but with row 11 a don't-care it is OR
    on = cubes_from_points([1, 2], 2)
    off = cubes_from_points([0], 2)
    unit = find_threshold_unit(*on, *off, 2)
    assert unit == ThresholdUnit((1, 1), 1, ())


def test_negative_weights_are_refused():
    with pytest.raises(ValueError):
        ThresholdUnit((-1, 1), 1, ())


@pytest.mark.parametrize("code,profile", [
    (0b10010110, [0, 1, 0, 1]),     # parity of 3
    (0b11101000, [0, 0, 1, 1]),     # majority
    (0b00000001, [1, 0, 0, 0]),     # NOR
])
def test_symmetric_profile_exhaustive(code, profile):
    assert symmetric_profile(*covers(code), N).tolist() == profile


def test_not_symmetric():
    assert symmetric_profile(*covers(0b00000010), N) is None  # row 001 only: depends on which input


@pytest.mark.parametrize("profile,intervals", [
    ([0, 1, 0, 1], [(1, 1), (3, 3)]),
    ([0, 1, -1, 1, 0], [(1, 3)]),
    ([-1, 0, 1, -1], [(2, 3)]),
    ([1, 1, 1], [(0, 2)]),
    ([0, 0], []),
])
def test_count_intervals(profile, intervals):
    assert count_intervals(np.array(profile)) == intervals


@pytest.mark.parametrize("n", [1, 5, 64, 70])
def test_corner_above_is_the_pairwise_subset_test_and_implies_no_lp_solution(n):
    from scipy.optimize import linprog

    from neurosim.logic.threshold_unit import _corner_above

    rng = np.random.default_rng(n)
    for _ in range(40):
        lo = rng.random((int(rng.integers(1, 6)), n)) < 0.3
        hi = rng.random((int(rng.integers(1, 6)), n)) < 0.7
        naive = any((~l | h).all() for l in lo for h in hi)
        assert _corner_above(lo, hi) == naive
        if naive:  # the LP the check stands in for has no solution: theta - w.lo <= 0, w.hi - theta <= -1, w >= 0
            a = np.concatenate([np.c_[-lo.astype(float), np.ones(len(lo))], np.c_[hi.astype(float), -np.ones(len(hi))]])
            b = np.concatenate([np.zeros(len(lo)), -np.ones(len(hi))])
            assert linprog(np.zeros(n + 1), A_ub=a, b_ub=b, bounds=[(0, None)] * (n + 1), method="highs").status == 2
