"""The notebook tour runs: every cell executes without error in a fresh kernel, the rich displays show up (nets
and automata as SVG/PNG, tables and results as HTML, figures as PNG), and the checked-in copies carry no outputs and
equal what ``examples/notebooks/make_notebooks.py`` writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "examples" / "notebooks"
#: for each notebook, the MIME types each code cell must display (in order)
EXPECTED = {
    "01_mcculloch_pitts.ipynb": [{"image/svg+xml", "image/png"}, {"text/plain"}, {"text/html"}],
    "02_tables_and_automata.ipynb": [{"text/html"}, {"text/html"}, {"text/html"}, {"image/svg+xml"}, {"text/html"}],
    "03_learning.ipynb": [{"text/html"}, {"text/html"}, {"text/html"}, {"image/png"}, {"image/png"}],
}


def _maker():
    spec = importlib.util.spec_from_file_location("make_notebooks", NOTEBOOKS / "make_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_checked_in_notebooks_are_stripped_and_generated() -> None:
    maker = _maker()
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED) == sorted(maker.NOTEBOOKS)
    for name, cells in maker.NOTEBOOKS.items():
        stored = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(stored)
        for cell in stored.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{name}: outputs not stripped"
        assert nbformat.writes(maker.build(cells)) + "\n" == (NOTEBOOKS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kernel():
    """One kernel for the tour: each notebook starts from an empty namespace (``%reset -f``), but the modules stay
    imported, which spares a kernel start and the imports per notebook."""
    km = KernelManager(kernel_name="python3")
    km.start_kernel()
    try:
        yield km
    finally:
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_and_displays(name: str, tmp_path: Path, kernel) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    reset = nbformat.v4.new_code_cell("%reset -f\nimport os\nos.chdir(" + repr(str(tmp_path)) + ")\ndel os")
    nb.cells.insert(0, reset)
    NotebookClient(nb, km=kernel, timeout=300).execute()
    assert nb.cells.pop(0) is reset
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == len(EXPECTED[name])
    for cell, want in zip(code, EXPECTED[name], strict=True):
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        shown = {m for o in cell.outputs for m in o.get("data", {})}
        assert want <= shown, (cell.source, shown)
