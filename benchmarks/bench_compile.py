"""Compile and verify the MCNC two-level benchmarks; compare units with Espresso's terms + outputs.

    python benchmarks/bench_compile.py [--json] [--quick] [--only NAMES] [--pla-dir DIR] [--backend numpy|cupy]

Per file: neurosim's units (after the multi-level pass of ``--method auto``: exact minimum nets for outputs of
<= 4 inputs and windows of <= 4 leaves) and the two-level units before it, synapses, depth, compile and verify
seconds, how it was verified, against Espresso 2.3's product terms + outputs (the unit count of a plain
two-level MP net) and Espresso's time. Totals at the end, with the ratio for the symmetric functions (9sym,
rd53, rd73, rd84) whose target is <= 0.2, and the files over 10x Espresso's time.

Before the first file the process warms up once (``--no-warm-up`` to skip): the bundled example tables are
compiled and verified, which imports SciPy's HiGHS and the SAT solver and loads the numba kernels from their
cache (compiling them on a machine that has none yet), and so is a 5-input table no benchmark computes, which
builds the multi-level pass's function-independent SAT formulas. That time is its own row, ``warm_up_seconds``, and is
counted in the total; the per-file figures are then each file's own work, as Espresso's per-file seconds are
(a C process starts in a millisecond). The objects alive after the warm-up (about 150,000: the imported modules,
the numba dispatchers, the exact-minimum table) are then frozen (:func:`gc.freeze`), as a long-lived process
would: a full collection no longer walks them, and the file that happened to hold one (41 ms each, 6 in a run,
0.25 s in all) no longer pays for the interpreter's own objects; ``--no-freeze`` keeps them in the collector.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, parser, ratio, table

SYMMETRIC = ("9sym", "rd53", "rd73", "rd84")
QUICK = ("con1", "rd53", "xor5", "squar5", "misex1", "w14", "w60")


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--only", default=None, help="comma-separated benchmark names (file stems)")
    p.add_argument("--pla-dir", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks"
                                            / "pla"), help="folder with the .pla files and espresso_results.tsv")
    p.add_argument("--no-warm-up", action="store_true", help="time the first file with the process's warm-up")
    p.add_argument("--no-freeze", action="store_true",
                   help="leave the warm-up's objects to the garbage collector (every full collection walks them)")
    args = p.parse_args()

    from neurosim.io import net_to_json
    from neurosim.io.tables import load_table
    from neurosim.logic.compiler import compile_table
    from neurosim.logic.verifier import verify

    pla_dir = Path(args.pla_dir)
    if not pla_dir.is_dir():
        print(f"bench_compile: no benchmark folder at {pla_dir} (use --pla-dir)", file=sys.stderr)
        sys.exit(2)
    esp = {}
    tsv = pla_dir / "espresso_results.tsv"
    if tsv.exists():
        with open(tsv) as fh:
            esp = {r["name"]: r for r in csv.DictReader(fh, delimiter="\t")}
    names = sorted(f.stem for f in pla_dir.glob("*.pla"))
    if args.only:
        names = [n for n in args.only.split(",") if n]
    elif args.quick:
        names = [n for n in QUICK if n in names]
    rows, per = [], []
    t_all = time.perf_counter()
    warm = 0.0 if args.no_warm_up else _warm_up(compile_table, verify, load_table)
    if not args.no_freeze:
        gc.collect()
        gc.freeze()  # the warm-up's objects live as long as the process: full collections need not walk them
    for name in names:
        table_ = load_table(pla_dir / f"{name}.pla", warn=lambda m: None)
        t0 = time.perf_counter()
        res = compile_table(table_)
        t_compile = time.perf_counter() - t0
        v = verify(res.net, table_, backend=args.backend, samples=256, seed=0)
        s = res.summary
        e = esp.get(name, {})
        e_terms = int(e["espresso_terms"]) if e.get("espresso_terms") else None
        target = e_terms + s["outputs"] if e_terms is not None else None
        e_sec = float(e["espresso_seconds"]) if e.get("espresso_seconds") else None
        two = s.get("multilevel", {}).get("two_level_units", s["units"])
        rec = {"name": name, "inputs": s["inputs"], "outputs": s["outputs"], "units": s["units"],
               "two_level_units": two,
               "synapses": s["synapses"], "depth": s["depth"], "method": s["method"],
               "compile_seconds": round(t_compile, 3), "verify_seconds": round(v.seconds, 3), "verified": v.ok,
               "verified_how": v.how, "espresso_terms": e_terms, "espresso_units": target,
               "units_ratio": ratio(s["units"], target), "espresso_seconds": e_sec,
               "time_ratio": ratio(t_compile + v.seconds, e_sec), "realisations": s["realisations"],
               "limits_reached": s.get("limits_reached", []),
               # the net itself, so that two runs can be compared byte for byte (deterministic compiles)
               "net_sha256": hashlib.sha256(net_to_json(res.net).encode()).hexdigest()}
        per.append(rec)
        rows.append([name, s["inputs"], s["outputs"], two, s["units"], target, rec["units_ratio"], s["synapses"],
                     s["depth"], round(t_compile, 2), round(v.seconds, 2), "yes" if v.ok else "NO",
                     v.how.split(" +")[0], e_sec, rec["time_ratio"]])
        if not args.json:
            print(f"  {name}: {s['units']} units (espresso {target}), {t_compile + v.seconds:.1f} s",
                  file=sys.stderr, flush=True)
    total = time.perf_counter() - t_all
    sym = [r for r in per if r["name"] in SYMMETRIC and r["espresso_units"]]
    sym_ratio = ratio(sum(r["units"] for r in sym), sum(r["espresso_units"] for r in sym)) if sym else None
    comparable = [r for r in per if r["espresso_units"] is not None]
    totals = {"files": len(per), "all_verified": all(r["verified"] for r in per),
              "units_le_espresso_all": all(r["units"] <= r["espresso_units"] for r in comparable),
              "units": sum(r["units"] for r in comparable),
              "two_level_units": sum(r["two_level_units"] for r in comparable),
              "espresso_units": sum(r["espresso_units"] for r in comparable),
              "symmetric_ratio": sym_ratio, "total_seconds": round(total, 2), "warm_up_seconds": round(warm, 2),
              "over_10x_espresso": [r["name"] for r in per if r["time_ratio"] is not None and r["time_ratio"] > 10],
              "slowest_time_ratio": max((r["time_ratio"] for r in per if r["time_ratio"] is not None), default=None),
              "nets_sha256": hashlib.sha256("".join(r["net_sha256"] for r in per).encode()).hexdigest(),
              "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    if args.json:
        emit({"benchmark": "compile", "rows": per, "totals": totals})
        return
    print(table(["file", "in", "out", "2-level", "units", "espresso t+o", "ratio", "synapses", "depth", "compile s",
                 "verify s", "verified", "how", "espresso s", "time ratio"], rows))
    print(f"\nfiles {totals['files']}, all verified: {totals['all_verified']}, units <= espresso terms + outputs "
          f"on every file: {totals['units_le_espresso_all']} ({totals['units']} vs {totals['espresso_units']}; "
          f"two-level {totals['two_level_units']}), "
          f"symmetric ratio {sym_ratio if sym_ratio is None else round(sym_ratio, 3)}, total {total:.1f} s "
          f"(warm-up {warm:.1f} s of it; load average {totals['load_average']})")
    over = totals["over_10x_espresso"]
    print(f"files over 10x Espresso's time: {len(over)}" + (f" ({', '.join(over)})" if over else ""))


def _warm_up(compile_table, verify, load_table) -> float:
    """Compile and verify the bundled example tables, two random ones (large enough for the numba kernels, and
    for the cube verification) and a 5-input one once; the seconds it took."""
    import numpy as np

    from neurosim.logic.truthtable import TruthTable

    t0 = time.perf_counter()
    examples = Path(__file__).resolve().parents[1] / "examples"
    tables = [load_table(examples / name, warn=lambda m: None)
              for name in ("adder.pla", "full_adder.csv", "multiplier2.csv", "parity4.csv", "majority3.csv")
              if (examples / name).exists()]
    rng = np.random.default_rng(0)
    for n, m, k, dash in ((10, 4, 120, 0.4), (24, 3, 16, 0.7)):
        p = [(1 - dash) / 2, (1 - dash) / 2, dash]
        rows = {("".join(rng.choice(list("01-"), n, p=p)), "".join(rng.choice(list("01-"), m))) for _ in range(k)}
        tables.append(TruthTable(tuple(f"x{i}" for i in range(n)), tuple(f"y{j}" for j in range(m)),
                                 tuple(sorted(rows)), "fd"))
    # a 5-input table no benchmark file computes (a symmetric output, 1 when 1, 3 or 4 of the five inputs are,
    # which takes 4 symmetric units, and a random output): it builds the multi-level pass's function-independent
    # SAT formulas over 5 inputs, a one-time cost (about 0.1 s) that the first 5-input file paid before
    ones = np.array([bin(r).count("1") for r in range(32)])
    five = np.stack([np.isin(ones, (1, 3, 4)), rng.integers(0, 2, 32).astype(bool)], axis=1).astype(np.int8)
    tables.append(TruthTable.from_values(tuple(f"x{i}" for i in range(5)), ("two", "mix"), five))
    for t in tables:
        verify(compile_table(t).net, t, samples=256, seed=0)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
