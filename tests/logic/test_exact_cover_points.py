"""The points of a cover and each point's cubes, by slices against every point compared with every cube (and
the dispatchers), and the exact prime selection's distinct rows against one row per point."""

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


def _random_cubes(rng, n, k):
    c = rng.integers(0, 1 << n, k, dtype=np.int64) if n else np.zeros(k, np.int64)
    v = rng.integers(0, 1 << n, k, dtype=np.int64) & c if n else np.zeros(k, np.int64)
    return c, v


@pytest.mark.parametrize("n", [0, 1, 4, 10])
@pytest.mark.parametrize("dense_work", [0, 1 << 30])
def test_signatures_equal_point_by_cube_comparison(n, dense_work, monkeypatch):
    import neurosim.logic.exact_cover as ec

    monkeypatch.setattr(ec, "DENSE_WORK", dense_work)  # 0: every cube by slices; 2^30: every point compared
    rng = np.random.default_rng(100 + n)
    for k in (0, 1, 9, 30):
        c, v = _random_cubes(rng, n, k)
        sig = ec._signatures(c, v, n)
        assert sig.shape == (1 << n, (k + 7) // 8) and sig.dtype == np.uint8
        for p in range(1 << n):
            want = [j for j in range(k) if (p ^ int(v[j])) & int(c[j]) == 0]
            got = [j for j in range(k) if sig[p, j // 8] >> (j % 8) & 1]
            assert got == want


def test_signatures_worked_example():
    # n = 2; cube 0 is x0 = 1 (care 0b01, val 0b01), cube 1 is everything: point 1 and 3 in both, 0 and 2 in 1
    from neurosim.logic.exact_cover import _signatures

    sig = _signatures(np.array([1, 0]), np.array([1, 0]), 2)
    assert sig[:, 0].tolist() == [0b10, 0b11, 0b10, 0b11]


def test_distinct_rows_keep_first_occurrences_in_order():
    from neurosim.logic.exact_cover import _distinct_rows

    rng = np.random.default_rng(7)
    for k in (1, 8, 9, 70):
        bits = rng.random((300, k)) < rng.choice([0.02, 0.3])
        bits[:, 0] |= rng.random(300) < 0.5
        sig = np.packbits(bits, axis=1, bitorder="little")
        r, c, nonzeros = _distinct_rows(sig, k)
        seen = []
        for row in map(tuple, bits.tolist()):
            if row not in seen:
                seen.append(row)
        want = np.array(seen, bool).reshape(-1, k)
        got = np.zeros_like(want)
        got[r, c] = True
        assert np.array_equal(got, want)
        assert np.all(np.diff(r * k + c) > 0)  # sorted by row, then column
        assert nonzeros == int(bits.sum())


def test_select_cover_picks_what_the_point_by_point_ilp_picks():
    """The distinct rows give the same residual ILP as one row per (point, output): the same cubes."""
    from neurosim.logic import exact_cover as ec
    from neurosim.logic.covers import MOCover
    from neurosim.logic.set_cover import set_cover

    rng = np.random.default_rng(3)
    n, m = 7, 3
    for _ in range(12):
        values = rng.random((1 << n, m)) < 0.45
        pts = np.arange(1 << n)
        # the pool: every ON point as a minterm, plus random cubes (each fed to outputs it does not contradict)
        c, v = _random_cubes(rng, n, 40)
        full = (1 << n) - 1
        cv = np.stack([np.concatenate([c, np.full(1 << n, full)]), np.concatenate([v, pts])], axis=1)
        _, first = np.unique(cv, axis=0, return_index=True)  # no repeated cube (select_cover drops repeats)
        care, val = (cv[np.sort(first), i].astype(np.uint64)[:, None] for i in (0, 1))
        on = MOCover(np.full((1 << n, 1), full, np.uint64), pts.astype(np.uint64)[:, None], values)
        off = MOCover(np.full((1 << n, 1), full, np.uint64), pts.astype(np.uint64)[:, None], ~values)
        pool = MOCover(care, val, np.ones((len(care), m), bool))
        got = ec.select_cover(pool, on, off, n)
        # the reference: the point-by-point entries, straight into the same set cover
        c64, v64 = care[:, 0].astype(np.int64), val[:, 0].astype(np.int64)
        feeds = np.array([[not any((p ^ v64[i]) & c64[i] == 0 and not values[p, j] for p in range(1 << n))
                           for j in range(m)] for i in range(len(care))])
        rows, cols, base = [], [], 0
        for j in range(m):
            on_pts = pts[values[:, j]]
            r, cc = np.nonzero((((on_pts[:, None] ^ v64[None, :]) & c64[None, :]) == 0) & feeds[None, :, j])
            rows.append(r + base)
            cols.append(cc)
            base += len(on_pts)
        pick, _ = set_cover(np.concatenate(rows), np.concatenate(cols), base, len(care), 1.0,
                            ec.SELECT_NODE_LIMIT, None, ec.SELECT_GAP)
        assert np.array_equal(got.care, care[pick]) and np.array_equal(got.val, val[pick])
        assert np.array_equal(got.out, feeds[pick])
