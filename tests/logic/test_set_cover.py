"""The reduced set-cover ILP: against brute force over every subset of columns on small random instances."""

from __future__ import annotations

from itertools import combinations
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import neurosim.logic.set_cover as set_cover_module
from neurosim.logic.set_cover import reduce_rows, set_cover, unique_ints


def _minimum(cover_sets: list[set[int]], n_cols: int) -> int | None:
    """Fewest columns covering every row, by trying every subset (the oracle)."""
    for size in range(n_cols + 1):
        for pick in combinations(range(n_cols), size):
            if all(s & set(pick) for s in cover_sets):
                return size
    return None


@st.composite
def instances(draw):
    n_cols = draw(st.integers(1, 8))
    n_rows = draw(st.integers(1, 14))
    rows = [draw(st.sets(st.integers(0, n_cols - 1), min_size=0, max_size=n_cols)) for _ in range(n_rows)]
    dup = draw(st.integers(0, 3))  # identical rows, the reduction's main case
    rows += [set(rows[i % n_rows]) for i in range(dup)]
    return rows, n_cols


def _entries(rows: list[set[int]]) -> tuple[np.ndarray, np.ndarray]:
    r = [i for i, s in enumerate(rows) for _ in s]
    c = [j for s in rows for j in sorted(s)]
    return np.array(r, np.int64), np.array(c, np.int64)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_set_cover_is_a_minimum_cover(inst):
    rows, n_cols = inst
    r, c = _entries(rows)
    got = set_cover(r, c, len(rows), n_cols, 1.0, node_limit=1000, time_limit=None)
    best = _minimum(rows, n_cols)
    if best is None:  # some row has no column
        assert got is None
        return
    assert got is not None
    cols, outcome = got
    assert all(s & set(cols.tolist()) for s in rows)
    assert len(cols) == best and outcome.optimal


@settings(max_examples=300, deadline=None)
@given(instances(), st.booleans())
def test_reduction_keeps_the_optimum(inst, dominance):
    rows, n_cols = inst
    r, c = _entries(rows)
    with mock.patch.object(set_cover_module, "DOMINANCE_WORK", set_cover_module.DOMINANCE_WORK if dominance else 0):
        red = reduce_rows(r, c, len(rows), n_cols)
    best = _minimum(rows, n_cols)
    if best is None:
        assert red is None
        return
    forced, r2, c2, k = red
    residual = [set(c2[r2 == i].tolist()) for i in range(k)]
    assert all(s for s in residual) and len(set(map(frozenset, residual))) == k  # no empty and no repeated row
    rest = _minimum(residual, n_cols)
    assert rest is not None and len(forced) + rest == best
    assert not set(forced.tolist()) & set(c2.tolist())  # a forced column covers no residual row


def test_identical_rows_and_essential_columns_by_hand():
    # rows 0 and 2 are identical; row 3 has only column 4, which also covers row 1
    rows = [{0, 1}, {1, 4}, {0, 1}, {4}, {2, 3}]
    r, c = _entries(rows)
    forced, r2, c2, k = reduce_rows(r, c, len(rows), 5)
    assert 4 in forced.tolist()
    residual = sorted(sorted(c2[r2 == i].tolist()) for i in range(k))
    assert len(forced) + _minimum([set(s) for s in residual], 5) == _minimum(rows, 5) == 3


def test_disallowed_columns_are_never_chosen():
    rows = [{0, 1}, {1, 2}]
    r, c = _entries(rows)
    cols, _ = set_cover(r, c, 2, 3, np.array([1.0, 0.0, 1.0]), node_limit=1000, time_limit=None)
    assert sorted(cols.tolist()) == [0, 2]
    assert set_cover(r, c, 2, 3, np.array([0.0, 0.0, 1.0]), node_limit=1000, time_limit=None) is None


@given(st.lists(st.integers(-(2**40), 2**40), max_size=200))
def test_unique_ints_is_numpys_unique(values):
    a = np.array(values, np.int64)
    assert np.array_equal(unique_ints(a), np.unique(a))


@settings(max_examples=100, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_entries_in_any_order_with_repeats_reduce_alike(inst, rnd):
    rows, n_cols = inst
    r, c = _entries(rows)
    pairs = list(zip(r.tolist(), c.tolist(), strict=True))
    shuffled = pairs + pairs[: len(pairs) // 2]  # repeats
    rnd.shuffle(shuffled)
    r2 = np.array([p[0] for p in shuffled], np.int64)
    c2 = np.array([p[1] for p in shuffled], np.int64)
    a, b = reduce_rows(r, c, len(rows), n_cols), reduce_rows(r2, c2, len(rows), n_cols)
    assert (a is None) == (b is None)
    if a is not None:
        assert all(np.array_equal(x, y) for x, y in zip(a[:3], b[:3], strict=True)) and a[3] == b[3]
