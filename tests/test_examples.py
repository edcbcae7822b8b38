"""The example scripts run, and every bundled data file loads. Each script takes an output folder as argument."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: the scripts behind the demo's lecture parts run in tests/cli/test_demo_report.py, which runs the whole demo once
#: (in process, through neurosim.examples) and checks the figures they write: running them again here would double
#: the suite's longest work
IN_DEMO = {"activations", "gradient_descent", "universal_approximation", "depth_vs_width", "cheap_gradient",
           "backprop_patterns", "worked_example", "classics", "multiclass", "watch_it_fire"}
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if p.name != "__init__.py" and p.stem not in IN_DEMO)


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_script_runs(script, tmp_path):
    r = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=300,
                       env={"MPLBACKEND": "Agg", "PATH": "", "PYTHONHASHSEED": "0"}, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip(), "an example should say what it did"


def test_scripts_left_to_the_demo_are_its_lecture_parts():
    from neurosim_cli.lecture_demo import CLASSICS, FIRING, LECTURE

    assert set(LECTURE + CLASSICS + FIRING) == IN_DEMO
    for name in IN_DEMO:  # each still runs as a script: a main(out) returning its lines, printed under __main__
        text = (EXAMPLES / f"{name}.py").read_text(encoding="utf-8")
        assert "def main(" in text and 'print("\\n".join(main(' in text


def test_bundled_examples_are_installed_with_the_package():
    from neurosim.examples import path

    for name in ("full_adder.csv", "div3.json", "xor.csv", "nets/xor.json", "small.jff"):
        assert path(name).is_file()
    with pytest.raises(FileNotFoundError):
        path("nope.csv")
