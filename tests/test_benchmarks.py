"""Every benchmark script still runs (at its --quick size) and prints the JSON keys its issue names.

Speed is judged by running the benchmarks themselves; this only keeps them from rotting.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"

#: keys whose value needs a peer library; they are null where that peer is not installed
PEER = {"speedup_vs_torch": "torch", "speedup_vs_sklearn": "sklearn"}

KEYS = {
    "bench_evaluate.py": ["speedup_vs_numpy_dense"],
    "bench_dfa.py": ["table_engine_vs_numpy"],
    "bench_perceptron.py": ["speedup_vs_sklearn", "all_functions_4_seconds"],
    "bench_mlp.py": ["speedup_vs_torch", "ratio_vs_handwritten_numpy", "backward_over_forward"],
    "bench_minimum.py": ["build_seconds", "minimum_units_total", "two_level_units_total", "ratio_minimum_to_two_level"],
}


@pytest.mark.parametrize("script", sorted(KEYS))
def test_benchmark_quick_run(script):
    r = subprocess.run([sys.executable, str(BENCH / script), "--quick", "--json"], capture_output=True, text=True,
                       timeout=300, env={"MPLBACKEND": "Agg", "PATH": "", "OMP_NUM_THREADS": "1"})
    assert r.returncode == 0, r.stderr[-2000:]
    data = json.loads(r.stdout)
    for key in KEYS[script]:
        value = data[key]
        if key in PEER and importlib.util.find_spec(PEER[key]) is None:
            assert value is None, (key, value)
            continue
        assert isinstance(value, int | float) and value > 0, (key, value)
