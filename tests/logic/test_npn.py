"""Truth-table integers and their P and NPN classes, against naive per-function transforms."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pytest

from neurosim.logic.npn import canonical, npn_classes, p_classes, tt_from_values, tt_values


def naive_orbit(tt: int, n: int, negations: bool) -> set[int]:
    """Every function reachable from tt by permuting (and negating) inputs and the output, row by row."""
    out = set()
    f = [(tt >> r) & 1 for r in range(1 << n)]
    for perm in permutations(range(n)):
        for neg in range(1 << n) if negations else (0,):
            g = 0
            for r in range(1 << n):
                x = [((r >> (n - 1 - i)) & 1) ^ ((neg >> (n - 1 - i)) & 1) for i in range(n)]
                src = sum(x[i] << (n - 1 - perm[i]) for i in range(n))
                g |= f[src] << r
            out.add(g)
            if negations:
                out.add(g ^ ((1 << (1 << n)) - 1))
    return out


@pytest.mark.parametrize("n,p,npn", [(1, 4, 2), (2, 12, 4), (3, 80, 14), (4, 3984, 222)])
def test_class_counts(n, p, npn):  # OEIS A000585, A000370
    reps, idx = p_classes(n)
    assert len(reps) == p and len(idx) == 1 << (1 << n)
    nreps, nidx = npn_classes(n)
    assert len(nreps) == npn and len(nidx) == 1 << (1 << n)


@pytest.mark.parametrize("tt", [0x6996, 0x8000, 0x1234, 0xFFFE, 0x0F0F, 0xBEEF])
def test_canonical_is_the_smallest_of_the_naive_orbit(tt):
    assert int(canonical(np.array([tt], dtype=np.uint64), 4)[0][0]) == min(naive_orbit(tt, 4, False))
    reps, idx = npn_classes(4)
    assert int(reps[idx[tt]]) == min(naive_orbit(tt, 4, True))


def test_bits_round_trip():
    tts = np.array([0, 1, 0x6996, 0xFFFF], dtype=np.uint64)
    assert np.array_equal(tt_from_values(tt_values(tts, 4)), tts)
