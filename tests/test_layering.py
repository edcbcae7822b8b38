"""DESIGN.md §3's import rules, checked on the source.

Every import is walked, the lazy ones included (imports inside functions, and the names a package face resolves
through :func:`neurosim._lazy.lazy_exports`): imports go downward only, the three wings never import one
another, there is no import cycle among modules at all, a private module is imported only inside its own
subpackage, the CLI goes through package faces, only ``backend.py`` knows CuPy, and Matplotlib is imported only
inside functions of the drawing code. The checker is tested on small made-up packages that break each rule.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "neurosim"
CLI = ROOT / "cli"

#: DESIGN.md §3: the layer of each top-level piece of the library (the CLI is layer 6)
LAYERS = {"errors": 0, "backend": 0, "_lazy": 0, "scale": 0, "core": 1, "logic": 2, "automata": 2, "learn": 2,
          "draw": 3, "io": 4, "__init__": 5}
WINGS = {"logic", "automata", "learn"}
TOP_LEVEL = {"__init__", "errors", "backend", "_lazy", "scale"}
MAX_LINES = 500


# ---- the import walk ----------------------------------------------------------------------------------------
def modules(pkg: Path = PKG, name: str = "neurosim") -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (a package is its ``__init__``)."""
    out = {}
    for p in sorted(pkg.rglob("*.py")):
        parts = list(p.relative_to(pkg).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([name, *parts])] = p
    return out


def _lazy_targets(tree: ast.Module, package: str) -> Iterator[str]:
    """Modules named in a face's ``lazy_exports(__name__, {...})`` table."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "lazy_exports"
                and len(node.args) == 2 and isinstance(node.args[1], ast.Dict)):
            for v in node.args[1].values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    yield f"{package}.{v.value.partition(':')[0]}"


def imports(path: Path, module: str, known: set[str]) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for every import in ``path`` (module ``module``), relative imports
    resolved; ``from package import name`` counts as importing ``package.name`` when that is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    package = module if is_pkg else module.rpartition(".")[0]
    top = set(map(id, tree.body))
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for a in node.names:
                sub = f"{mod}.{a.name}"
                found.append((sub if sub in known else mod, id(node) in top))
    found += [(t, False) for t in _lazy_targets(tree, module)]
    return found


def import_graph(pkg: Path = PKG, name: str = "neurosim") -> dict[str, list[tuple[str, bool]]]:
    mods = modules(pkg, name)
    known = set(mods)
    return {m: imports(p, m, known) for m, p in mods.items()}


# ---- the rules ----------------------------------------------------------------------------------------------
def _piece(mod: str) -> str:
    """The top-level piece of a module: ``core`` for ``neurosim.core.mp``, ``errors`` for ``neurosim.errors``."""
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_violations(graph: dict[str, list[tuple[str, bool]]], root: str = "neurosim") -> list[str]:
    """Upward imports and imports between the sibling wings."""
    bad = []
    for mod, deps in graph.items():
        own = _piece(mod)
        for dep, _ in deps:
            if not dep.startswith(root + ".") or dep not in graph:
                continue
            other = _piece(dep)
            if other == own:
                continue
            if own in WINGS and other in WINGS:
                bad.append(f"{mod} imports its sibling wing {dep}")
            elif LAYERS.get(other, 9) > LAYERS.get(own, 9):
                bad.append(f"{mod} (layer {LAYERS.get(own)}) imports {dep} (layer {LAYERS.get(other)})")
    return bad


def cycles(graph: dict[str, list[tuple[str, bool]]]) -> list[list[str]]:
    """Every import cycle among the graph's modules (one per strongly connected component), by depth-first
    search (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w, _ in graph.get(v, ()):
            if w not in graph or w == v:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def private_violations(graph: dict[str, list[tuple[str, bool]]]) -> list[str]:
    """Private modules (``_name``) imported from outside their own subpackage."""
    bad = []
    for mod, deps in graph.items():
        for dep, _ in deps:
            home, _, leaf = dep.rpartition(".")
            private = dep in graph and leaf.startswith("_") and leaf != "_lazy"
            if private and mod.rpartition(".")[0] != home and mod != home:
                bad.append(f"{mod} imports the private module {dep}")
    return bad


def face_violations(importer: str, deps: list[tuple[str, bool]], faces: set[str]) -> list[str]:
    """Imports of library modules that are not a package face (for code outside the package)."""
    return [f"{importer} imports {dep}, not a package face" for dep, _ in deps
            if dep.startswith("neurosim.") and dep not in faces]


# ---- the project obeys them ---------------------------------------------------------------------------------
GRAPH = import_graph()
FACES = {"neurosim", "neurosim.errors", "neurosim.backend", "neurosim.scale", "neurosim.examples",
         *(f"neurosim.{p}" for p in ("core", "logic", "automata", "learn", "draw", "io"))}


def test_imports_go_downward_and_wings_stay_apart():
    assert layer_violations(GRAPH) == []


def test_no_import_cycle_at_all():
    assert cycles(GRAPH) == []


def test_private_modules_stay_in_their_subpackage():
    assert private_violations(GRAPH) == []


def test_library_code_outside_a_subpackage_uses_its_face():
    bad = []
    for mod, deps in GRAPH.items():
        own = mod.split(".")[:2]
        for dep, _ in deps:
            parts = dep.split(".")
            if len(parts) > 2 and parts[:2] != own and dep in GRAPH and parts[1] in LAYERS:
                bad.append(f"{mod} imports {dep}: import the face neurosim.{parts[1]}")
    assert bad == []


def test_cli_goes_through_faces():
    known = set(GRAPH)
    bad = []
    for p in sorted(CLI.rglob("*.py")):
        bad += face_violations(f"cli/{p.name}", imports(p, f"neurosim_cli.{p.stem}", known), FACES)
    assert bad == []


def test_only_scale_knows_dask():
    """DESIGN.md §3: Dask (the dask extra) is imported by neurosim/scale.py alone, not by the CLI either."""
    known = set(GRAPH)
    users = [f"cli/{p.name}" for p in sorted(CLI.rglob("*.py"))
             if any(d.split(".")[0] in ("dask", "distributed") for d, _ in imports(p, f"neurosim_cli.{p.stem}", known))]
    users += [m for m, deps in GRAPH.items() if m != "neurosim.scale"
              and any(d.split(".")[0] in ("dask", "distributed", "dask_jobqueue") for d, _ in deps)]
    assert users == []
    assert any(d == "distributed" for d, _ in GRAPH["neurosim.scale"])


@pytest.mark.parametrize("mod", sorted(GRAPH))
def test_third_party_rules(mod):
    for name, at_top in GRAPH[mod]:
        assert not name.startswith(("click", "neurosim_cli")), f"{mod} imports {name}"
        if name.split(".")[0] in ("cupy", "cupyx"):
            assert mod == "neurosim.backend", f"only backend.py may import CuPy; {mod} imports {name}"
        if name.split(".")[0] in ("dask", "distributed", "dask_jobqueue"):
            assert mod == "neurosim.scale", f"only scale.py may import Dask; {mod} imports {name}"
        if name.split(".")[0] == "matplotlib":
            assert not at_top, f"{mod} imports matplotlib at module level (import it inside the drawing function)"
            assert _piece(mod) == "draw" or mod == "neurosim.io.figures", f"{mod} draws: move it to neurosim.draw"


def test_layout():
    top = {p.stem for p in PKG.glob("*.py")}
    assert top <= TOP_LEVEL, f"top-level modules beyond the layout: {sorted(top - TOP_LEVEL)}"
    long = {m: n for m, p in modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"
    # setup.py finds packages by their __init__: a code folder without one would silently not ship
    bare = [str(d.relative_to(ROOT)) for d in PKG.rglob("*") if d.is_dir() and d.name != "__pycache__"
            and any(d.glob("*.py")) and not (d / "__init__.py").exists()]
    assert bare == []


# ---- the checker catches what it should ---------------------------------------------------------------------
def _fake(tmp_path: Path, files: dict[str, str]) -> dict[str, list[tuple[str, bool]]]:
    root = tmp_path / "neurosim"
    for rel, text in files.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return import_graph(root, "neurosim")


def test_checker_finds_a_cycle(tmp_path):
    g = _fake(tmp_path, {"__init__.py": "", "logic/__init__.py": "", "logic/a.py": "from .b import x\n",
                         "logic/b.py": "def f():\n    from .a import y\n"})
    assert cycles(g) == [["neurosim.logic.a", "neurosim.logic.b"]]


def test_checker_finds_a_cycle_through_a_face(tmp_path):
    g = _fake(tmp_path, {"__init__.py": "", "core/__init__.py": (
        "from .._lazy import lazy_exports\n__getattr__, __dir__, __all__ = lazy_exports(__name__, {'f': 'a'})\n"),
        "core/a.py": "from . import f\n"})
    assert cycles(g) == [["neurosim.core", "neurosim.core.a"]]


def test_checker_finds_a_sibling_import_and_an_upward_import(tmp_path):
    g = _fake(tmp_path, {"__init__.py": "", "logic/__init__.py": "", "automata/__init__.py": "",
                         "core/__init__.py": "", "logic/a.py": "from ..automata import dfa\n",
                         "core/m.py": "from ..logic import a\n"})
    bad = layer_violations(g)
    assert any("sibling" in b and "neurosim.logic.a" in b for b in bad)
    assert any(b.startswith("neurosim.core.m (layer 1) imports neurosim.logic") for b in bad)


def test_checker_finds_a_private_import_and_a_non_face_import(tmp_path):
    g = _fake(tmp_path, {"__init__.py": "", "core/__init__.py": "", "core/_plan.py": "",
                         "io/__init__.py": "", "io/x.py": "from ..core._plan import p\n"})
    assert private_violations(g) == ["neurosim.io.x imports the private module neurosim.core._plan"]
    assert face_violations("cli/x.py", [("neurosim.core.mp", True)], FACES) == [
        "cli/x.py imports neurosim.core.mp, not a package face"]


def test_no_face_name_shadows_a_submodule():
    """A face's name equal to a submodule's would be replaced by the module once that is imported."""
    import importlib

    bad = []
    for face in sorted(FACES - {"neurosim.errors", "neurosim.backend", "neurosim.scale", "neurosim.examples"}):
        pkg_dir = PKG.joinpath(*face.split(".")[1:])
        subs = {p.stem for p in pkg_dir.glob("*.py")} | {p.name for p in pkg_dir.iterdir() if p.is_dir()}
        bad += [f"{face}.{n}" for n in importlib.import_module(face).__all__ if n in subs]
    assert bad == []
