"""The PLA a compiled net writes for the MCNC two-level benchmarks: its cubes against Espresso's, and round trips.

    python benchmarks/bench_pla.py [--json] [--quick] [--only NAMES] [--pla-dir DIR] [--roundtrip]

Per file: compile, write the PLA cover of the function the net computes (``CompileResult.cover_table``), read
it back, and check exactly that the net computes that PLA (exhaustive up to 20 inputs, cube containment beyond)
and agrees with the table on its care rows. The PLA's cubes are compared with Espresso 2.3's product terms on
the table (the peer; the PLA resolves the table's don't-cares as the net does, so it may need more or fewer
cubes). ``--roundtrip`` also compiles the PLA again and verifies that net against the original table.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, parser, ratio, table

QUICK = ("rd53", "xor5", "9sym")


def main() -> None:
    p = parser(__doc__.splitlines()[0], backend=False)
    p.add_argument("--only", default=None, help="comma-separated benchmark names (file stems)")
    p.add_argument("--pla-dir", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks"
                                            / "pla"), help="folder with the .pla files and espresso_results.tsv")
    p.add_argument("--roundtrip", action="store_true", help="compile each PLA again and verify it against the table")
    args = p.parse_args()

    from neurosim.io import load_table, table_to_text
    from neurosim.logic import compile_table, verify

    pla_dir = Path(args.pla_dir)
    if not pla_dir.is_dir():
        print(f"bench_pla: no benchmark folder at {pla_dir} (use --pla-dir)", file=sys.stderr)
        sys.exit(2)
    esp = {}
    if (pla_dir / "espresso_results.tsv").exists():
        with open(pla_dir / "espresso_results.tsv") as fh:
            esp = {r["name"]: r for r in csv.DictReader(fh, delimiter="\t")}
    names = sorted((f.stem for f in pla_dir.glob("*.pla")), key=lambda s: (pla_dir / f"{s}.pla").stat().st_size)
    if args.only:
        names = [n for n in args.only.split(",") if n]
    elif args.quick:
        names = [n for n in QUICK if n in names]
    quiet = lambda m: None  # noqa: E731
    per, rows = [], []
    t_all = time.perf_counter()
    for name in names:
        tab = load_table(pla_dir / f"{name}.pla", warn=quiet)
        t0 = time.perf_counter()
        res = compile_table(tab)
        t1 = time.perf_counter()
        text = table_to_text(res.cover_table(), "pla")
        t2 = time.perf_counter()
        back = load_table(text, fmt="pla", warn=quiet)
        exact = verify(res.net, back, samples=0, exhaustive_max=20).ok
        agrees = verify(res.net, tab, samples=0, exhaustive_max=20).ok
        t3 = time.perf_counter()
        again = None
        if args.roundtrip:
            again = verify(compile_table(back).net, tab, samples=0, exhaustive_max=20).ok
        e_terms = int(esp[name]["espresso_terms"]) if esp.get(name, {}).get("espresso_terms") else None
        how = Counter(dict(res.net_cover().how).values())
        rec = {"name": name, "inputs": len(tab.inputs), "outputs": len(tab.outputs), "cubes": len(back.rows),
               "espresso_terms": e_terms, "cubes_ratio": ratio(len(back.rows), e_terms), "how": dict(how),
               "compile_seconds": round(t1 - t0, 3), "pla_seconds": round(t2 - t1, 3),
               "check_seconds": round(t3 - t2, 3), "net_equals_pla": exact, "pla_agrees_with_table": agrees,
               "roundtrip": again}
        per.append(rec)
        rows.append([name, rec["inputs"], rec["outputs"], rec["cubes"], e_terms, rec["cubes_ratio"],
                     ",".join(f"{k}:{v}" for k, v in sorted(how.items())), rec["compile_seconds"],
                     rec["pla_seconds"], "yes" if exact else "NO", "yes" if agrees else "NO",
                     "-" if again is None else "yes" if again else "NO"])
        if not args.json:
            print(f"  {name}: {len(back.rows)} cubes (espresso {e_terms}), exact {exact}", file=sys.stderr,
                  flush=True)
    good = [r for r in per if r["net_equals_pla"] and r["pla_agrees_with_table"] and r["roundtrip"] is not False]
    comparable = [r for r in per if r["espresso_terms"]]
    totals = {"files": len(per), "all_exact": len(good) == len(per),
              "cubes": sum(r["cubes"] for r in comparable),
              "espresso_terms": sum(r["espresso_terms"] for r in comparable),
              "cubes_ratio": ratio(sum(r["cubes"] for r in comparable), sum(r["espresso_terms"] for r in comparable)),
              "pla_seconds": round(sum(r["pla_seconds"] for r in per), 2),
              "total_seconds": round(time.perf_counter() - t_all, 2),
              "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    if args.json:
        emit({"benchmark": "pla", "rows": per, "totals": totals, "pla_cubes_vs_espresso": totals["cubes_ratio"]})
        return
    print(table(["file", "in", "out", "PLA cubes", "espresso terms", "ratio", "outputs by how", "compile s",
                 "PLA s", "net = PLA", "PLA ~ table", "round trip"], rows))
    print(f"\nfiles {totals['files']}, every PLA exact: {totals['all_exact']}, cubes {totals['cubes']} vs "
          f"espresso {totals['espresso_terms']} (ratio {totals['cubes_ratio']:.3f}), PLA writing "
          f"{totals['pla_seconds']} s, total {totals['total_seconds']} s (load average {totals['load_average']})")


if __name__ == "__main__":
    main()
