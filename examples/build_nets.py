"""Build the bundled example nets with neurosim.mp, run them, draw them, and (re)write examples/nets/*.json.

Usage::

    python examples/build_nets.py OUT_DIR [--nets-dir DIR]

writes ``OUT_DIR/<name>.png`` for every net plus ``OUT_DIR/latch_raster.png`` (set, hold, reset), checks every
net against its truth table or expected trace, and rewrites the net files in ``--nets-dir`` (default: the
``nets`` folder next to this script).

Notes
-----
The nets are the textbook ones of McCulloch & Pitts (1943): AND, OR, NOT (θ = 0 with an inhibitory input), XOR
as two layers, and a self-exciting latch (the "circle" of their Part III) set by ``s`` and reset by ``r``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from neurosim.core.mp import MPNet, MPUnit, and_unit, not_unit, or_unit
from neurosim.core.simulate import evaluate, run
from neurosim.draw import draw_net, draw_raster
from neurosim.io import save_net
from neurosim.io.figures import save_figure

#: the input sequence of the latch demo: set at tick 1, hold, reset at tick 5, hold
LATCH_INPUTS = np.array([[0, 0], [1, 0], [0, 0], [0, 0], [0, 0], [0, 1], [0, 0], [0, 0]], dtype=np.uint8)


def example_nets() -> dict[str, MPNet]:
    """The example nets by file stem."""
    return {
        "and": MPNet(("x1", "x2"), (and_unit("y", ("x1", "x2")),), {"y": "y"}),
        "or": MPNet(("x1", "x2"), (or_unit("y", ("x1", "x2")),), {"y": "y"}),
        "not": MPNet(("x",), (not_unit("y", "x"),), {"y": "y"}),
        "xor": MPNet(("x1", "x2"),
                     (and_unit("h1", ("x1",), ("x2",)), and_unit("h2", ("x2",), ("x1",)),
                      or_unit("y", ("h1", "h2"))),
                     {"y": "y"}),
        # m fires at t+1 iff r is silent and (s or m) fired at t: set by s, held by its own loop, reset by r
        "latch": MPNet(("s", "r"), (MPUnit("m", 1, ("s", "m"), ("r",)),), {"q": "m"}),
    }


EXPECTED = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "xor": [0, 1, 1, 0]}


def check(nets: dict[str, MPNet]) -> None:
    """Assert each net computes what its name says (truth tables; the latch's set/hold/reset trace)."""
    rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.uint8)
    for name, table in EXPECTED.items():
        got = np.asarray(evaluate(nets[name], rows)).ravel().tolist()
        assert got == table, f"{name}: expected {table}, found {got}"
    assert np.asarray(evaluate(nets["not"], [[0], [1]])).ravel().tolist() == [1, 0]
    q = run(nets["latch"], LATCH_INPUTS).output_values()[0, :, 0].tolist()
    assert q == [0, 0, 1, 1, 1, 1, 0, 0, 0], f"latch: unexpected trace {q}"


def build(out_dir: Path, nets_dir: Path | None = None) -> list[Path]:
    """Check, draw and save the example nets; returns the files written."""
    nets = example_nets()
    check(nets)
    nets_dir = nets_dir or Path(__file__).resolve().parent / "nets"
    nets_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, net in nets.items():
        save_net(net, nets_dir / f"{name}.json")
        save_figure(draw_net(net, title=f"{name}.json"), out_dir / f"{name}.png")
        written += [nets_dir / f"{name}.json", out_dir / f"{name}.png"]
    trace = run(nets["latch"], LATCH_INPUTS)
    save_figure(draw_raster(trace, title="latch: set at tick 1, reset at tick 5"), out_dir / "latch_raster.png")
    written.append(out_dir / "latch_raster.png")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the drawings")
    parser.add_argument("--nets-dir", type=Path, default=None, help="folder for the net files")
    args = parser.parse_args(argv)
    for p in build(args.out_dir, args.nets_dir):
        print(p)


if __name__ == "__main__":
    main()
