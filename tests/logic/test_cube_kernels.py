"""The minimiser's numba kernels (IRREDUNDANT, REDUCE, EXPAND) give the reference's covers, choice for choice."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.logic.compiled import ENV_VAR
from neurosim.logic.espresso import espresso, expand, irredundant, offset
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
