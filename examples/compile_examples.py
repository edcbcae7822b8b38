"""Compile, verify and draw the bundled truth tables (full adder, seven-segment decoder, majority, parity, 2-bit
multiplier) as McCulloch–Pitts nets.

Usage::

    python examples/compile_examples.py OUT_DIR

writes ``OUT_DIR/<name>.json`` (the net), ``OUT_DIR/<name>.png`` (its drawing) and ``OUT_DIR/<name>.pla`` (the
minimised cover) for every table, and prints one line per table: units, synapses, depth, how each output is
realised, and the verification verdict (every one of the 2^n rows is simulated).

Notes
-----
Every Boolean function is computed by a net of McCulloch–Pitts units (McCulloch & Pitts 1943); the compiler
minimises the two-level cover first (Quine–McCluskey / Espresso) and uses single threshold units and symmetric
"count interval" units where they are smaller (majority is one unit, parity a few).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from neurosim import examples
from neurosim.io.nets import save_net
from neurosim.io.tables import load_table, table_to_text
from neurosim.logic.compiler import compile_table
from neurosim.logic.verifier import verify

TABLES = ("full_adder.csv", "seven_segment.csv", "majority3.csv", "parity4.csv", "multiplier2.csv")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="folder for the nets, drawings and covers (created if needed)")
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        table = load_table(examples.path(name))
        res = compile_table(table)
        verdict = verify(res.net, table, samples=64)
        stem = name.rsplit(".", 1)[0]
        save_net(res.net, args.out / f"{stem}.json")
        save_net(res.net, args.out / f"{stem}.png")
        (args.out / f"{stem}.pla").write_text(table_to_text(res.cover_table(), "pla"))
        s = res.summary
        kinds = ", ".join(f"{o}={k}" for o, k in res.realisations)
        print(f"{name}: {s['units']} units, {s['synapses']} synapses, depth {s['depth']} ({kinds}); "
              f"verified: {'yes' if verdict.ok else 'NO'} ({verdict.how})")
        if not verdict.ok:
            raise SystemExit(f"{name}: counterexample {verdict.counterexample}")


if __name__ == "__main__":
    main()
