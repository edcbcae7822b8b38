"""Two-level minimisation: exact minimum against brute force, heuristic covers checked point by point."""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.logic.covers import MOCover
from neurosim.logic.cubes import cubes_from_points, format_cubes, parse_cubes
from neurosim.logic.espresso import espresso
from neurosim.logic.exact_cover import prime_implicants
from neurosim.logic.two_level import minimize, minimize_cubes

from .test_cubes import points_of


def rows_of(points, n):
    """Row indices (first variable = top bit) -> point tuples."""
    return {tuple((r >> (n - 1 - i)) & 1 for i in range(n)) for r in points}


@cache
def all_cubes(n: int) -> tuple[str, ...]:
    return tuple("".join(c) for c in itertools.product("01-", repeat=n))


def brute_min_terms(on: set, dc: set, n: int) -> int:
    """Fewest cubes inside ON ∪ DC whose union holds ON (all subsets by size)."""
    if not on:
        return 0
    allowed = on | dc
    imps = [c for c in all_cubes(n) if points_of([c], n) <= allowed]
    for k in range(1, len(imps) + 1):
        for combo in itertools.combinations(imps, k):
            if on <= points_of(list(combo), n):
                return k
    raise AssertionError("unreachable")


def check_cover(cubes, on, dc, n):
    got = points_of(list(cubes), n)
    assert on <= got, "an ON point is not covered"
    assert got <= on | dc, "an OFF point is covered"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_exact_is_minimum_for_every_function(n):
    for code in range(1 << (1 << n)):
        on_rows = [r for r in range(1 << n) if code >> r & 1]
        on = rows_of(on_rows, n)
        care, val = cubes_from_points(on_rows, n)
        cubes = minimize_cubes(format_cubes(care, val, n), n=n, method="exact")
        check_cover(cubes, on, set(), n)
        assert len(cubes) == brute_min_terms(on, set(), n), (n, code, cubes)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 3).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.sampled_from((0, 1, -1)),
                                                                           min_size=1 << n, max_size=1 << n))))
def test_exact_with_dont_cares_matches_brute_force(data):
    n, values = data
    on_rows = [r for r, v in enumerate(values) if v == 1]
    dc_rows = [r for r, v in enumerate(values) if v == -1]
    on, dc = rows_of(on_rows, n), rows_of(dc_rows, n)
    cubes = minimize_cubes(format_cubes(*cubes_from_points(on_rows, n), n),
                           format_cubes(*cubes_from_points(dc_rows, n), n), n=n, method="exact")
    check_cover(cubes, on, dc, n)
    assert len(cubes) == brute_min_terms(on, dc, n)


@settings(max_examples=40, deadline=None)
@given(st.integers(4, 8).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.sampled_from((0, 1, -1)),
                                                                           min_size=1 << n, max_size=1 << n))),
       st.sampled_from(["heuristic", "auto"]))
def test_heuristic_covers_are_correct(data, method):
    n, values = data
    on_rows = [r for r, v in enumerate(values) if v == 1]
    dc_rows = [r for r, v in enumerate(values) if v == -1]
    cubes = minimize_cubes(format_cubes(*cubes_from_points(on_rows, n), n),
                           format_cubes(*cubes_from_points(dc_rows, n), n), n=n, method=method)
    check_cover(cubes, rows_of(on_rows, n), rows_of(dc_rows, n), n)
    assert len(cubes) <= max(1, len(on_rows))


def test_prime_implicants_worked_example():
    # f = sum of minterms 0, 1, 2, 5, 6, 7 over (x0 = bit 0, x1, x2): six primes, a cyclic core
    tags = np.zeros(8, np.uint64)
    tags[[0, 1, 2, 5, 6, 7]] = 1
    care, _val, ptag = prime_implicants(tags, 3)
    assert len(care) == 6 and (ptag == 1).all()
    assert all(bin(int(c)).count("1") == 2 for c in care)


def test_multi_output_sharing():
    # y0 = a b + a c, y1 = a b + b' c : the shared term a b is one cube feeding both outputs
    care, val = parse_cubes(["11-", "1-1", "101", "001"], 3)
    out = np.array([[1, 1], [1, 0], [0, 1], [0, 1]], bool)
    on = MOCover(care, val, out)
    dc = MOCover(care[:0], val[:0], out[:0])
    for method in ("exact", "heuristic"):
        res = minimize(on, dc, 3, method=method)
        assert len(res.cover) == 3
        assert res.cover.out.sum(axis=0).tolist() == [2, 2]


def test_espresso_on_empty_and_universal():
    w = 1
    empty = MOCover(np.zeros((0, w), np.uint64), np.zeros((0, w), np.uint64), np.zeros((0, 1), bool))
    assert len(espresso(empty, empty, 3)) == 0
    full = MOCover(np.zeros((1, w), np.uint64), np.zeros((1, w), np.uint64), np.ones((1, 1), bool))
    res = espresso(full, empty, 3)
    assert format_cubes(res.care, res.val, 3) == ["---"]


def test_bad_method():
    with pytest.raises(ValueError, match="method"):
        minimize_cubes(["1"], method="fast")
