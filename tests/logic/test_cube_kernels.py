"""The minimiser's numba kernels (IRREDUNDANT, REDUCE, EXPAND) give the reference's covers, choice for choice."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurosim.logic.compiled import ENV_VAR
from neurosim.logic.covers import MOCover
from neurosim.logic.espresso import espresso, expand, irredundant, offset, reduce_cover
from neurosim.logic.truthtable import TruthTable, table_covers


def _covers(seed: int, n: int, m: int, dc: float):
    rng = np.random.default_rng(seed)
    values = rng.choice(np.array([0, 1, -1], dtype=np.int8), size=(1 << n, m), p=[0.5 - dc / 2, 0.5 - dc / 2, dc])
    t = TruthTable.from_values(tuple(f"x{i}" for i in range(n)), tuple(f"y{j}" for j in range(m)), values)
    on, dc_cover, _ = table_covers(t)
    return on, dc_cover


def _same(a, b) -> bool:
    return all(np.array_equal(getattr(a, k), getattr(b, k)) for k in ("care", "val", "out"))


def _both(monkeypatch, fn):
    monkeypatch.setenv(ENV_VAR, "0")
    ref = fn()
    monkeypatch.setenv(ENV_VAR, "1")
    return ref, fn()


@pytest.mark.parametrize(("seed", "n", "m", "dc"), [(0, 5, 1, 0.0), (1, 6, 3, 0.2), (2, 7, 4, 0.1),
                                                    (3, 8, 2, 0.3), (4, 9, 5, 0.05), (5, 5, 70, 0.1)])
def test_espresso_with_kernels_equals_the_reference(monkeypatch, seed, n, m, dc):
    on, dcc = _covers(seed, n, m, dc)
    ref, fast = _both(monkeypatch, lambda: espresso(on, dcc, n))
    assert _same(ref, fast)


def test_expand_and_irredundant_with_kernels_equal_the_reference(monkeypatch):
    on, dcc = _covers(11, 8, 70, 0.1)  # 70 outputs: two words of output bits per OFF cube
    r = offset(on, dcc, 8)
    ref, fast = _both(monkeypatch, lambda: expand(on, r))
    assert _same(ref, fast)
    ref, fast = _both(monkeypatch, lambda: irredundant(ref, dcc))
    assert _same(ref, fast)


def test_small_covers_use_the_kernels_only_once_a_process_has_loaded_them():
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom neurosim.logic.compiled import kernels, MIN_ROWS\n"
            "print(kernels(MIN_ROWS - 1) is None, 'numba' in sys.modules)\n"
            "print(kernels(MIN_ROWS) is not None, kernels(1) is not None)\n")
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.split() == ["True", "False", "True", "True"]


def _random_cover(rng: np.random.Generator, rows: int, n: int, m: int, p_lit: float, p_out: float) -> MOCover:
    """Random cubes (each variable a literal with probability p_lit) with random output parts."""
    w = (n + 63) // 64
    care = np.zeros((rows, w), dtype=np.uint64)
    val = np.zeros((rows, w), dtype=np.uint64)
    lit = rng.random((rows, n)) < p_lit
    one = rng.random((rows, n)) < 0.5
    for v in range(n):
        b = np.uint64(1) << np.uint64(v % 64)
        care[lit[:, v], v // 64] |= b
        val[lit[:, v] & one[:, v], v // 64] |= b
    out = rng.random((rows, m)) < p_out
    out[np.arange(rows), rng.integers(0, m, rows)] = True  # every cube feeds an output
    return MOCover(care, val, out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(3, 70), m=st.integers(1, 140),
       rows=st.integers(1, 90), dc_rows=st.integers(0, 12), p_out=st.sampled_from([0.02, 0.2, 0.6]))
def test_multiple_valued_irredundant_and_reduce_equal_the_per_output_reference(seed, n, m, rows, dc_rows, p_out):
    # the kernels ask one question per cube with the outputs as one multiple-valued variable; the reference asks
    # one per cube and output: the covers must agree, cube for cube and connection for connection
    rng = np.random.default_rng(seed)
    p_lit = min(0.9, 4.0 / n + 0.1)
    f = _random_cover(rng, rows, n, m, p_lit, p_out)
    dc = _random_cover(rng, dc_rows, n, m, p_lit, p_out)
    mp = pytest.MonkeyPatch()
    try:
        for trim in (True, False):
            ref, fast = _both(mp, lambda trim=trim: irredundant(f, dc, trim=trim))
            assert _same(ref, fast)
        for independent in (False, True):
            ref, fast = _both(mp, lambda independent=independent: reduce_cover(f, dc, n, independent=independent))
            assert _same(ref, fast)
    finally:
        mp.undo()


def test_multiple_valued_reduce_worked_example(monkeypatch):
    # outputs y0, y1; cube c = x0 (both outputs); the other cube x0·x1 feeds y0 only. What only c covers: y0 at
    # x0·x1', y1 at all of x0. The smallest cube holding both parts is x0 (nothing to reduce); for y0 alone it
    # would be x0·x1'
    care = np.array([[0b01], [0b11]], dtype=np.uint64)
    val = np.array([[0b01], [0b11]], dtype=np.uint64)
    dc = MOCover(np.zeros((0, 1), np.uint64), np.zeros((0, 1), np.uint64), np.zeros((0, 2), bool))
    both = MOCover(care, val, np.array([[True, True], [True, False]]))
    only_y0 = MOCover(care, val, np.array([[True, False], [True, False]]))
    for env in ("0", "1"):
        monkeypatch.setenv(ENV_VAR, env)
        r = reduce_cover(both, dc, 2)
        assert r.care[0, 0] == 0b01 and r.val[0, 0] == 0b01 and r.out[0].tolist() == [True, True]
        r = reduce_cover(only_y0, dc, 2)
        assert r.care[0, 0] == 0b11 and r.val[0, 0] == 0b01
