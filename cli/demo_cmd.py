"""``neurosim demo``: the main job on the bundled examples, each capability in turn."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import click

from .common import atomic_write, emit_json, json_option, log, settings

#: (title, "module[:function]" inside this package): ``function(out, backend) -> list[str]`` (default ``demo``)
#: runs the part; the files it writes and its lines go into the report, ``OUT/index.html``
PARTS: tuple[tuple[str, str], ...] = (
    ("McCulloch-Pitts nets: AND, OR, NOT, XOR and a latch", "draw_cmd"),
    ("Truth tables compiled into minimal verified nets", "compile_cmd"),
    ("A DFA as a recurrent net", "dfa_cmd"),
    ("Regular expressions and NFAs as nets, and nets back as expressions (Kleene 1956)", "regex_cmd"),
    ("Watch a net fire", "lecture_demo:firing_demo"),
    ("Rosenblatt's perceptron and exact separability", "perceptron_cmd"),
    ("Backprop against the perceptron on XOR", "mlp_cmd"),
    ("The backprop lecture, demonstrated", "lecture_demo"),
    ("Classic results reproduced: Minsky & Papert 1969, Rumelhart, Hinton & Williams 1986",
     "lecture_demo:classics_demo"),
)


@click.command("demo")
@click.option("-o", "--output", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("demo-out"), show_default=True,
              help="Folder for the nets, tables and figures the demo writes (created if needed).")
@json_option("Print what was done (parts, their lines, the files written) as one JSON object on stdout.")
def demo_cmd(out_dir: Path, as_json: bool) -> None:
    """Run every capability on the bundled examples and write what it makes into the -o folder.

    Builds, runs and draws the classic 1943 nets; compiles bundled truth tables into minimal McCulloch-Pitts nets
    and proves them; compiles a DFA into a recurrent net, verifies it, draws its raster and animates it; compiles
    regular expressions and NFAs into nets and reads a net back as an expression; trains the perceptron and proves
    XOR inseparable; trains many MLPs on XOR at once; runs the backprop lecture's demonstrations and the classic
    results of 1969 and 1986. Open OUT/index.html afterwards: one static page with every figure, table and proof,
    two sentences on each. The narrative goes to stderr (silent with -q); stdout stays empty unless --json.

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
    parts, report = [], []
    for title, target in PARTS:
        module, _, fn = target.partition(":")
        part = importlib.import_module(f"{__package__}.{module}")
        log(f"== {title}")
        t0 = time.perf_counter()
        before = {p.name: p.stat().st_mtime_ns for p in out_dir.iterdir() if p.is_file()}
        lines = list(getattr(part, fn or "demo")(out_dir, be))
        for line in lines:
            log(f"   {line}")
        made = sorted((p.stat().st_mtime_ns, p.name) for p in out_dir.iterdir()
                      if p.is_file() and before.get(p.name) != p.stat().st_mtime_ns)
        report.append((title, target, lines, [name for _, name in made]))
        seconds = time.perf_counter() - t0
        log(f"   ({seconds:.1f} s)", level=1)
        parts.append({"title": title, "lines": lines, "files": [name for _, name in made],
                      "seconds": round(seconds, 2)})
    from .demo_report import report_html

    atomic_write(out_dir / "index.html", report_html(out_dir, report, time.perf_counter() - start))
    files = sorted(p.name for p in out_dir.iterdir() if p.is_file())
    total = time.perf_counter() - start
    log(f"== wrote {len(files)} files into {out_dir}/ in {total:.1f} s (backend {be.name}); open "
        f"{out_dir / 'index.html'} for the report")
    if as_json:
        emit_json({"output": str(out_dir), "backend": be.name, "files": files, "parts": parts,
                   "report": str(out_dir / "index.html"), "seconds": round(total, 2)})
