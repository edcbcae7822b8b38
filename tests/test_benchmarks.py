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
    "bench_regex.py": ["units_ratio_max", "table_vs_re"],
    "bench_perceptron.py": ["speedup_vs_sklearn", "all_functions_4_seconds"],
    "bench_scale.py": ["check_speedup_processes", "check_speedup_dask", "sweep_speedup_processes"],
    "bench_mlp.py": ["speedup_vs_torch", "ratio_vs_handwritten_numpy", "backward_over_forward"],
    "bench_pla.py": ["pla_cubes_vs_espresso"],
    "bench_separability.py": ["offset_1e12_seconds"],
    "bench_minimum.py": ["build_seconds", "minimum_units_total", "two_level_units_total", "ratio_minimum_to_two_level"],
}

#: scripts that read the shared MCNC files beside the checkout (absent in a bare clone)
NEEDS_MCNC = {"bench_pla.py"}
MCNC = BENCH.parents[1] / "shared" / "benchmarks" / "pla"


@pytest.mark.parametrize("script", sorted(KEYS))
def test_benchmark_quick_run(script):
    if script in NEEDS_MCNC and not MCNC.is_dir():
        pytest.skip(f"benchmark PLAs not present at {MCNC}")
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
