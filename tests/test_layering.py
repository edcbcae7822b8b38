"""DESIGN.md §3's import rules, checked on the source: lower layers never import higher ones; only backend.py
knows CuPy; only drawing code imports matplotlib, and only inside functions; the library never imports Click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "neurosim"

#: layer of each library module (dotted name under neurosim); anything unlisted is an engine (layer 3)
LAYERS = {
    "errors": 0,
    "backend": 1,
    "mp": 2, "truthtable": 2, "tablebits": 2, "dfa": 2, "activations": 2, "losses": 2, "cubes": 2, "smallcubes": 2,
    "seeding": 2,
    "__init__": 4,
}
DRAWING = {"draw", "dfa_draw", "perceptron_draw", "mlp_draw"}


def modules() -> list[tuple[str, Path]]:
    out = []
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG).with_suffix("")
        out.append((".".join(rel.parts), p))
    return out


def imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for every import in ``path``, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg_parts = ["neurosim", *path.relative_to(PKG).parent.parts]
    found: list[tuple[str, bool]] = []
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[: len(pkg_parts) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                names = [name] if node.module else [f"{name}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            found += [(n, id(node) in top) for n in names]
    return found


def layer_of(mod: str) -> int:
    return LAYERS.get(mod, LAYERS.get(mod.split(".")[0], 3))


@pytest.mark.parametrize(("mod", "path"), modules(), ids=[m for m, _ in modules()])
def test_layering(mod, path):
    own = layer_of(mod)
    for name, _ in imports(path):
        if name.startswith("neurosim."):
            target = name.removeprefix("neurosim.")
            assert layer_of(target) <= own, f"{mod} (layer {own}) imports {name} (layer {layer_of(target)})"
        assert not name.startswith(("click", "neurosim_cli")), f"{mod} imports {name}"
        if name.split(".")[0] in ("cupy", "cupyx"):
            assert mod == "backend", f"only backend.py may import CuPy; {mod} imports {name}"


@pytest.mark.parametrize(("mod", "path"), modules(), ids=[m for m, _ in modules()])
def test_matplotlib_only_in_drawing_functions(mod, path):
    for name, at_top in imports(path):
        if name.split(".")[0] == "matplotlib":
            assert not at_top, f"{mod} imports matplotlib at module level (import it inside the drawing function)"
            assert mod.split(".")[-1] in DRAWING or mod.startswith("io."), f"{mod} draws: move it to a draw module"


def test_walker_sees_relative_imports():
    found = dict(imports(PKG / "simulate.py"))
    assert "neurosim.mp" in found and "neurosim.backend" in found
