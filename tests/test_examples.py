"""The example scripts run, and every bundled data file loads. Each script takes an output folder as argument."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_script_runs(script, tmp_path):
    r = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=300,
                       env={"MPLBACKEND": "Agg", "PATH": "", "PYTHONHASHSEED": "0"}, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip(), "an example should say what it did"


def test_bundled_examples_are_installed_with_the_package():
    from neurosim.examples import path

    for name in ("full_adder.csv", "div3.json", "xor.csv", "nets/xor.json", "small.jff"):
        assert path(name).is_file()
    with pytest.raises(FileNotFoundError):
        path("nope.csv")
