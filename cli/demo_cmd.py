"""``neurosim demo``: the main job on the bundled examples, each capability in turn."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import click

from .common import emit_json, json_option, log, settings

#: (title, module inside this package): each module's ``demo(out, backend) -> list[str]`` runs its part
PARTS: tuple[tuple[str, str], ...] = (
    ("McCulloch-Pitts nets: AND, OR, NOT, XOR and a latch", "draw_cmd"),
    ("Truth tables compiled into minimal verified nets", "compile_cmd"),
    ("A DFA as a recurrent net", "dfa_cmd"),
    ("Regular expressions and NFAs as nets, and nets back as expressions (Kleene 1956)", "regex_cmd"),
    ("Rosenblatt's perceptron and exact separability", "perceptron_cmd"),
    ("Backprop against the perceptron on XOR", "mlp_cmd"),
)


@click.command("demo")
@click.option("-o", "--output", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("demo-out"), show_default=True,
              help="Folder for the nets, tables and figures the demo writes (created if needed).")
@json_option("Print what was done (parts, their lines, the files written) as one JSON object on stdout.")
def demo_cmd(out_dir: Path, as_json: bool) -> None:
    """Run every capability on the bundled examples and write what it makes into the -o folder.

    Builds, runs and draws the classic 1943 nets; compiles bundled truth tables into minimal McCulloch-Pitts nets
    and proves them; compiles a DFA into a recurrent net, verifies it and draws its raster; trains the perceptron
    and proves XOR inseparable; trains many MLPs on XOR at once. Look at the PNG files afterwards. The narrative
    goes to stderr (silent with -q); stdout stays empty unless --json.

    \b
    Examples:
      neurosim demo --out demo-out
      neurosim -q demo -o demo-out --json
    """
    be = settings().get_backend()
    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(f"{str(out_dir)!r} exists and is not a folder", param_hint="--output")
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    parts = []
    for title, module in PARTS:
        part = importlib.import_module(f"{__package__}.{module}")
        log(f"== {title}")
        t0 = time.perf_counter()
        lines = list(part.demo(out_dir, be))
        for line in lines:
            log(f"   {line}")
        seconds = time.perf_counter() - t0
        log(f"   ({seconds:.1f} s)", level=1)
        parts.append({"title": title, "lines": lines, "seconds": round(seconds, 2)})
    files = sorted(p.name for p in out_dir.iterdir() if p.is_file())
    total = time.perf_counter() - start
    log(f"== wrote {len(files)} files into {out_dir}/ in {total:.1f} s (backend {be.name})")
    if as_json:
        emit_json({"output": str(out_dir), "backend": be.name, "files": files, "parts": parts,
                   "seconds": round(total, 2)})
