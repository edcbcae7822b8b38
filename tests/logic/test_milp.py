"""Every ILP of the compiler stops at a work limit, never the clock: same table, same net, under any budget."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint

from neurosim.core.bitsim import check_exhaustive
from neurosim.logic.compiler import compile_table
from neurosim.logic.milp import solve_milp
from neurosim.logic.truthtable import TruthTable


def _knapsack(seed: int = 0, n: int = 12):
    """A 0/1 knapsack whose root LP is fractional, so one node cannot prove it (brute force: the optimum)."""
    rng = np.random.default_rng(seed)
    w = rng.integers(1000, 2000, n)
    v = w + rng.integers(-5, 5, n)
    cap = int(w.sum() // 2 + 1)
    return dict(c=-v.astype(float), constraints=LinearConstraint(w[None, :].astype(float), -np.inf, cap),
                integrality=np.ones(n), bounds=Bounds(0, 1)), w, v, cap


def _brute_force(w, v, cap) -> int:
    n = len(w)
    masks = np.arange(1 << n)[:, None] >> np.arange(n)[None, :] & 1
    ok = masks @ w <= cap
    return int((masks @ v)[ok].max())


def test_solve_milp_optimal_within_a_generous_node_limit():
    problem, w, v, cap = _knapsack()
    res = solve_milp(**problem, node_limit=100_000)
    assert res.optimal and res.stopped_by is None
    assert round(-float(problem["c"] @ res.x)) == _brute_force(w, v, cap)


@pytest.mark.parametrize("gap", [0.0, 0.05, 0.5])
def test_solve_milp_gap_bounds_how_far_from_the_optimum_it_may_stop(gap):
    problem, w, v, cap = _knapsack(seed=3)
    res = solve_milp(**problem, node_limit=100_000, gap=gap)
    best = _brute_force(w, v, cap)
    got = round(-float(problem["c"] @ res.x))
    assert res.x @ w <= cap and best * (1 - gap) - 1e-6 <= got <= best
    if gap == 0.0:
        assert got == best


def test_solve_milp_reports_the_node_limit_and_keeps_the_feasible_solution():
    problem, w, _, cap = _knapsack()
    res = solve_milp(**problem, node_limit=1)
    assert not res.optimal and res.stopped_by == "node limit"
    assert res.x is not None and float(w @ np.round(res.x)) <= cap


def test_solve_milp_reports_a_time_limit_only_when_one_was_given():
    problem, *_ = _knapsack(n=24)
    assert solve_milp(**problem, node_limit=1, time_limit=1e-9).stopped_by == "time limit"


def _table() -> TruthTable:
    """6 inputs, 3 outputs with don't-cares: exact cover ILP, threshold-unit ILPs and the phase search all run."""
    rng = np.random.default_rng(7)
    values = rng.choice(np.array([0, 1, -1], dtype=np.int8), size=(64, 3), p=[0.45, 0.4, 0.15])
    values[:, 2] = (np.arange(64)[:, None] >> np.arange(6) & 1).sum(1) >= 3  # majority-like: one threshold unit
    return TruthTable.from_values(tuple(f"x{i}" for i in range(6)), ("y0", "y1", "y2"), values)


def _fingerprint(res):
    return res.net, res.sop_rows, res.realisations, {k: v for k, v in res.summary.items() if k != "seconds"}


def test_same_table_same_net_on_repeated_runs_and_under_any_time_budget():
    table = _table()
    first = compile_table(table)
    assert "limits_reached" not in first.summary
    assert _fingerprint(compile_table(table)) == _fingerprint(first)
    assert _fingerprint(compile_table(table, time_limit=1e6)) == _fingerprint(first)


@pytest.mark.parametrize("method", ["auto", "exact"])
def test_a_tiny_time_budget_is_reported_and_the_net_stays_correct(method):
    table = _table()
    res = compile_table(table, method=method, time_limit=1e-9)
    assert any("time limit" in s for s in res.summary["limits_reached"])
    assert check_exhaustive(res.net, table) is None
