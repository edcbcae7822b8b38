"""The points of a cover, by slices, against every point compared with every cube (and the dispatcher)."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.logic.exact_cover import _minterm_mask, _minterm_mask_dense, _minterm_mask_sliced


@pytest.mark.parametrize("n", [0, 1, 2, 5, 9, 13])
def test_minterm_mask_equals_the_reference(n):
    rng = np.random.default_rng(n)
    for k in (0, 1, 7, 200):
        care = rng.integers(0, 1 << n, k, dtype=np.uint64) if n else np.zeros(k, np.uint64)
        val = rng.integers(0, 1 << n, k, dtype=np.uint64) & care if n else np.zeros(k, np.uint64)
        got = _minterm_mask_sliced(care[:, None], val[:, None], n)
        assert got.shape == (1 << n,)
        assert np.array_equal(got, _minterm_mask_dense(care[:, None], val[:, None], n))
        assert np.array_equal(got, _minterm_mask(care[:, None], val[:, None], n))


def test_minterm_mask_worked_example():
    # n = 3, cube x2 = 1, x0 = 0 (care 0b101, val 0b100): points 0b100 and 0b110
    for way in (_minterm_mask_sliced, _minterm_mask_dense):
        mask = way(np.array([[0b101]], np.uint64), np.array([[0b100]], np.uint64), 3)
        assert np.flatnonzero(mask).tolist() == [4, 6]


@pytest.mark.parametrize("n", [0, 1, 4, 10])
def test_memberships_equal_the_dense_matrix(n):
    from neurosim.logic.exact_cover import _cube_slices, _memberships, _memberships_dense

    rng = np.random.default_rng(100 + n)
    for k in (0, 1, 30):
        c = rng.integers(0, 1 << n, k, dtype=np.int64) if n else np.zeros(k, np.int64)
        v = rng.integers(0, 1 << n, k, dtype=np.int64) & c if n else np.zeros(k, np.int64)
        points = np.flatnonzero(rng.random(1 << n) < 0.4).astype(np.int64)
        got = _memberships(points, _cube_slices(c, v, n), n)
        want = _memberships_dense(points, c, v)
        assert all(np.array_equal(a, b) for a, b in zip(got, want, strict=True))
