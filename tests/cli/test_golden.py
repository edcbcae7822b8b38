"""The bundled examples give byte-identical output to the golden files in ``tests/golden/``.

The golden files were written by ``tests/golden/regen.py``; a change to any of them is a change of behaviour
and shows in the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from neurosim_cli.main import cli

from .golden.regen import ROOT, commands

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize(("name", "args"), commands(), ids=[n for n, _ in commands()])
def test_same_output_as_golden(name, args, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NEUROSIM_BACKEND", raising=False)
    res = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    expected = (GOLDEN / f"{name}.out").read_bytes()
    assert res.stdout_bytes == expected, f"{name}: output differs from tests/golden/{name}.out"


def test_golden_files_cover_every_command():
    names = {n for n, _ in commands()}
    files = {p.stem for p in GOLDEN.glob("*.out")}
    assert names == files, (names ^ files, os.fspath(GOLDEN))
