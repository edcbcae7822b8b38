"""Exhaustive checks over blocks of words: the same first mismatch, mismatch count and table whatever the blocks
and the scheduler, against the whole-table engine and a naive count."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.core import MPNet, and_unit, count_mismatches, or_unit, packed_truth_table, truth_table, verify_exhaustive
from neurosim.errors import DataError


def _net(n: int) -> MPNet:
    names = tuple(f"x{i}" for i in range(n))
    units = (and_unit("a", names[:3], names[3:4]), or_unit("y", ["a", names[-1]]))
    return MPNet(names, units, {"y": "y"})


class _Packed:
    """A packed (on, care) callable that worker processes can unpickle."""

    def __init__(self, full: np.ndarray) -> None:
        self.full = full

    def __call__(self, start: int, nw: int):
        return self.full[:, start:start + nw], np.full((1, nw), ~np.uint64(0), dtype=np.uint64)


def _expected(n: int, flips: tuple[int, ...]) -> _Packed:
    """The net's own table with some rows flipped."""
    full = packed_truth_table(_net(n))
    for r in flips:
        full[0, r // 64] ^= np.uint64(1) << np.uint64(r % 64)
    return _Packed(full)


@pytest.mark.parametrize("scheduler", ["inline", "processes"])
def test_blocks_agree_with_the_whole_table(scheduler):
    n = 12
    net = _net(n)
    whole = packed_truth_table(net)
    assert np.array_equal(packed_truth_table(net, scheduler=scheduler, block_words=3), whole)
    assert np.array_equal(truth_table(net, scheduler=scheduler), truth_table(net))
    flips = (700, 1500, 4000)
    exp = _expected(n, flips)
    want = verify_exhaustive(net, exp)
    got = verify_exhaustive(net, exp, scheduler=scheduler, block_words=5)
    assert (got.rows, got.mismatch) == (want.rows, want.mismatch) and want.mismatch.row == 700
    count, first = count_mismatches(net, exp, scheduler=scheduler, block_words=7)
    assert count == len(flips) and first == want.mismatch
    assert verify_exhaustive(net, _expected(n, ()), scheduler=scheduler, block_words=4).ok


def test_bad_block_size_is_a_data_error():
    with pytest.raises(DataError, match="block_words must be a positive integer"):
        packed_truth_table(_net(8), block_words=0)
