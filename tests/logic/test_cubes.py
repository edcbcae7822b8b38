"""Cube algebra against brute force over every point of small spaces."""

from __future__ import annotations

import itertools
import os
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.logic.compiled import ENV_VAR
from neurosim.logic.cubes import (
    complement,
    contained_in,
    cubes_from_points,
    format_cubes,
    full_mask,
    intersects,
    n_words,
    parse_cubes,
    remove_contained,
    supercube,
    tautology,
    uncovered_point,
)


def points_of(cubes: list[str], n: int) -> set[tuple[int, ...]]:
    """Brute force: the points (tuples of 0/1 per variable) some cube covers."""
    pts = set()
    for p in itertools.product((0, 1), repeat=n):
        if any(all(ch == "-" or int(ch) == b for ch, b in zip(c, p, strict=True)) for c in cubes):
            pts.add(p)
    return pts


def point_bits(bits: np.ndarray, n: int) -> tuple[int, ...]:
    return tuple((int(bits[i // 64]) >> (i % 64)) & 1 for i in range(n))


cube_lists = st.integers(1, 6).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.text("01-", min_size=n, max_size=n), max_size=8)))


@pytest.mark.parametrize("n", [0, 1, 5, 64, 65, 130])
def test_words_and_full_mask(n):
    assert n_words(n) == max(1, (n + 63) // 64)
    bits = np.unpackbits(full_mask(n).view(np.uint8), bitorder="little")
    assert bits.sum() == n and bits[:n].all()


@pytest.mark.parametrize("cubes,n", [([], 3), (["---"], 3), (["01-", "1-0"], 3), (["1" * 70, "-" * 69 + "0"], 70)])
def test_parse_format_round_trip(cubes, n):
    care, val = parse_cubes(cubes, n)
    assert care.shape == (len(cubes), n_words(n))
    assert format_cubes(care, val, n) == cubes
    assert not (val & ~care).any()


def test_intersects_and_contained_worked_example():
    care, val = parse_cubes(["1-0", "0--", "---", "110"], 3)
    c_care, c_val = parse_cubes(["1--"], 3)
    assert intersects(care, val, c_care[0], c_val[0]).tolist() == [True, False, True, True]
    assert contained_in(care, val, c_care[0], c_val[0]).tolist() == [True, False, False, True]


def test_supercube_and_remove_contained():
    care, val = parse_cubes(["110", "100", "1-0", "011"], 3)
    sc, sv = supercube(care[:3], val[:3])
    assert format_cubes(sc[None], sv[None], 3) == ["1-0"]
    keep = remove_contained(care, val)
    assert sorted(format_cubes(care[keep], val[keep], 3)) == ["011", "1-0"]


@settings(max_examples=150, deadline=None)
@given(cube_lists)
def test_complement_and_tautology_match_brute_force(data):
    n, cubes = data
    care, val = parse_cubes(cubes, n)
    covered = points_of(cubes, n)
    every = set(itertools.product((0, 1), repeat=n))
    cc, cv = complement(care, val, n)
    assert points_of(format_cubes(cc, cv, n), n) == every - covered
    for mode in ("0", "1"):  # the Python recursion, and the compiled tautology check first
        with mock.patch.dict(os.environ, {ENV_VAR: mode}):
            assert tautology(care, val) == (covered == every)
            p = uncovered_point(care, val)
        assert (p is None) == (covered == every)
        if p is not None:
            assert point_bits(p, n) not in covered


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 9).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.lists(st.text("01-", min_size=n, max_size=n), max_size=20), min_size=1, max_size=6))))
def test_complement_with_a_memo_shared_across_covers_gives_the_same_cubes(data):
    # the memo keeps sub-covers' complements across the covers of one table; each cover's complement must be the
    # very cubes, in the very order, that it has without one, or EXPAND downstream would choose differently
    n, covers = data
    memo: dict = {}
    for cubes in covers + covers:  # the second round hits the memo for whole covers too
        care, val = parse_cubes(cubes, n)
        plain = complement(care, val, n)
        shared = complement(care, val, n, memo=memo)
        assert np.array_equal(plain[0], shared[0]) and np.array_equal(plain[1], shared[1])


def test_cubes_from_points_uses_first_variable_as_top_bit():
    care, val = cubes_from_points([1, 6], 3)
    assert format_cubes(care, val, 3) == ["001", "110"]


def test_wide_complement_beyond_one_word():
    n = 100
    cubes = ["1" + "-" * 98 + "0", "0" + "-" * 99]
    care, val = parse_cubes(cubes, n)
    cc, cv = complement(care, val, n)
    assert format_cubes(cc, cv, n) == ["1" + "-" * 98 + "1"]
