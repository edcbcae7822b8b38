"""``benchmarks/gpu_check.sh`` (the device run, which CI cannot make) stays runnable as the code moves: every test
file it names exists, it names every test file with a backend-parametrised test, and every benchmark it runs
takes ``--backend``."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = (ROOT / "benchmarks" / "gpu_check.sh").read_text(encoding="utf-8")


def _backend_test_files() -> set[str]:
    uses = re.compile(r"def test_\w+\([^)]*\bbackend\b")
    return {str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py")
            if uses.search(p.read_text(encoding="utf-8"))}


def test_the_named_test_files_exist_and_cover_every_backend_test():
    named = set(re.findall(r"\btests/[\w/]+\.py\b", SCRIPT))
    assert named and all((ROOT / n).is_file() for n in named), sorted(n for n in named if not (ROOT / n).is_file())
    assert _backend_test_files() <= named, sorted(_backend_test_files() - named)


def test_the_benchmarks_it_runs_exist_and_take_a_backend():
    names = set(re.findall(r"for b in ([\w ]+); do", SCRIPT)[0].split()) | set(re.findall(r"benchmarks/(\w+)\.py",
                                                                                          SCRIPT))
    for name in names:
        text = (ROOT / "benchmarks" / f"{name}.py").read_text(encoding="utf-8")
        assert name == "check_cuda_kernel" or "--backend" in text, name
