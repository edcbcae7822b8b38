"""``neurosim demo``: the main job on the bundled examples, each capability in turn."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import click

from .common import log, settings

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
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-out"),
              show_default=True, help="Folder for the nets, tables and figures the demo writes (created if needed).")
def demo_cmd(out_dir: Path) -> None:
    """Run every capability on the bundled examples and write what it makes into --out.

    Builds, runs and draws the classic 1943 nets; compiles bundled truth tables into minimal McCulloch-Pitts nets
    and proves them; compiles a DFA into a recurrent net, verifies it and draws its raster; trains the perceptron
    and proves XOR inseparable; trains many MLPs on XOR at once. Look at the PNG files afterwards.
    """
    be = settings().get_backend()
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for title, module in PARTS:
        part = importlib.import_module(f"{__package__}.{module}")
        click.echo(f"== {title}")
        t0 = time.perf_counter()
        for line in part.demo(out_dir, be):
            click.echo(f"   {line}")
        log(f"   ({time.perf_counter() - t0:.1f} s)", level=1)
    files = sorted(p.name for p in out_dir.iterdir() if p.is_file())
    click.echo(f"== wrote {len(files)} files into {out_dir}/ in {time.perf_counter() - start:.1f} s "
               f"(backend {be.name})")
