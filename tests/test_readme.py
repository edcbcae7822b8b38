"""The README's Python snippets run as written (from a folder where ``examples/`` is the bundled one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from neurosim.core.mp import MPNet
from neurosim.core.simulate import evaluate, run

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_snippets():
    assert len(SNIPPETS) >= 4


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"snippet{i}" for i in range(len(SNIPPETS))])
def test_readme_snippet_runs(code, tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    env: dict = {}
    exec(compile(code, "README.md", "exec"), env)  # the README is ours: its examples must run as printed
    nets = [v for v in env.values() if isinstance(v, MPNet)]
    for net in nets:  # whatever net a snippet builds or loads is a valid net the engines accept
        assert net.summary()["units"] == len(net.units)
    if "xor" in env:  # the tour's claims, as printed in its comments
        assert evaluate(env["xor"], [[0, 0], [0, 1], [1, 0], [1, 1]])[:, 0].tolist() == [0, 1, 1, 0]
        q = run(env["latch"], [[1, 0], [0, 0], [0, 0], [0, 1], [0, 0]]).output_values()[0, :, 0]
        assert q.tolist() == [0, 1, 1, 1, 0, 0]
