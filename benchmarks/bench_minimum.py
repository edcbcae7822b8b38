"""The minimum MP net of every 4-input function (3,984 permutation classes), against the two-level compiler.

    python benchmarks/bench_minimum.py [--json] [--quick] [--jobs N] [--write] [--max-weight W] [--budget C]
                                       [--solvers] [--milp]

Builds the table of minimum nets (SAT, python-sat's CaDiCaL: every smaller size proven impossible, then fewest
synapses, then least depth), verifies every net exhaustively, prints the distribution of sizes over the classes
and over all 65,536 functions, the total units against the two-level compiler (``compile_table`` with the
multi-level pass off) on the same functions, the NPN summary (222 classes), and the minimum nets of the classic
functions with their proofs' sizes. ``--write`` stores the table as ``neurosim/logic/data/minimum4.tsv``;
``--max-weight 5`` rebuilds with W = 5 and reports any class whose size changes; ``--solvers`` times the SAT
solvers on a sample; ``--milp`` times HiGHS (scipy.optimize.milp) on the same "is there a net of k units"
questions. ``--quick`` does the 80 classes of 3-input functions instead.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, parser, ratio, table
from _minimum_peers import classic_tables, milp_feasible, two_level_units

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "neurosim" / "logic" / "data" / "minimum4.tsv"
HEADER = ("# neurosim: the minimum McCulloch-Pitts net of every 4-input function, one line per class under input\n"
          "# permutation (written by benchmarks/bench_minimum.py --write; format: neurosim/logic/minimum_table.py)\n"
          "# tt\tunits\tsynapses\tdepth\tproven\tnet\n")


def _solve(job: tuple[int, int, int, int | None, str]):
    from neurosim.logic.exact_synthesis import minimum_shape
    from neurosim.logic.npn import tt_values

    tt, n, w, budget, solver = job
    vals = tt_values(np.array([tt], dtype=np.uint64), n)[0][:, None].astype(np.int8)
    t0 = time.perf_counter()
    shape, verdicts, syn_ok, depth_ok, _ = minimum_shape(n, vals, max_weight=w, optimise_budget=budget,
                                                         solver=solver)
    minimum = all(v.satisfiable is False for v in verdicts[:-1])
    proven = ("m" if minimum else "") + ("s" if syn_ok and minimum else "") + ("d" if depth_ok and syn_ok
                                                                              and minimum else "")
    return tt, shape, proven, time.perf_counter() - t0


def build(reps: np.ndarray, n: int, *, max_weight: int, budget: int | None, jobs: int, solver: str = "cadical153"):
    work = [(int(t), n, max_weight, budget, solver) for t in reps]
    if jobs > 1:
        with Pool(jobs) as pool:
            return pool.map(_solve, work, chunksize=4)
    return [_solve(j) for j in work]


def verify_entries(results, n: int) -> int:
    """Nets that do not compute their function (every one of the 2^n rows, two engines)."""
    from neurosim.core import truth_table
    from neurosim.logic.exact_synthesis import shape_to_net
    from neurosim.logic.npn import tt_values

    bad = 0
    names = tuple("abcde"[:n])
    for tt, shape, _, _ in results:
        want = tt_values(np.array([tt], dtype=np.uint64), n)[0]
        rows = shape.rows()[:, shape.outputs[0]]
        got = truth_table(shape_to_net(shape, names, ("y",)))[:, 0]
        bad += int(not (np.array_equal(rows, want) and np.array_equal(got, want)))
    return bad


def write_table(results) -> None:
    from neurosim.logic.minimum_table import MinimumEntry

    lines = [MinimumEntry(tt, len(s.thresholds), s.synapses, s.depth(), p, s).line()
             for tt, s, p, _ in sorted(results, key=lambda r: r[0])]
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    p = parser(__doc__.splitlines()[0], backend=False)
    p.add_argument("--jobs", type=int, default=1, help="worker processes for the table")
    p.add_argument("--write", action="store_true", help="write neurosim/logic/data/minimum4.tsv")
    p.add_argument("--max-weight", type=int, default=3, help="W, the largest multiplicity searched")
    p.add_argument("--budget", type=int, default=10_000,
                   help="conflicts per solver call of the synapse and depth optimisation (0: none); the sizes "
                        "themselves are always decided without a limit")
    p.add_argument("--solvers", action="store_true", help="time each SAT solver on a sample of classes")
    p.add_argument("--milp", action="store_true", help="time HiGHS MILP on the same feasibility questions")
    p.add_argument("--no-two-level", action="store_true", help="skip the two-level comparison")
    p.add_argument("--two-level-every", type=int, default=1, metavar="K",
                   help="compare with the two-level compiler on every K-th class only (weighted by class sizes)")
    p.add_argument("--from-table", action="store_true",
                   help="read the shipped table instead of building it (build_seconds is then null)")
    p.add_argument("--check-weight", type=int, default=None, metavar="W",
                   help="only re-decide, for every class of the shipped table, the size one below its minimum "
                        "with multiplicities up to W, and report any class that W makes smaller")
    args = p.parse_args()
    if args.check_weight is not None:
        emit(check_weight(args.check_weight, args.jobs, args.quick))
        return

    from neurosim.logic.npn import npn_classes, p_classes

    n = 3 if args.quick else 4
    budget = args.budget or None
    reps, idx = p_classes(n)
    sizes_per_class = np.bincount(idx, minlength=len(reps))
    t0 = time.perf_counter()
    if args.from_table and not args.quick:
        from neurosim.logic.minimum_table import minimum_entries

        results = [(e.tt, e.shape, e.proven, 0.0) for e in (minimum_entries()[int(t)] for t in reps)]
        build_s = None
    else:
        results = build(reps, n, max_weight=args.max_weight, budget=budget, jobs=args.jobs)
        build_s = time.perf_counter() - t0
    units = np.array([len(s.thresholds) for _, s, _, _ in results])
    bad = verify_entries(results, n)
    proven = Counter(pr for _, _, pr, _ in results)
    dist_classes = {int(k): int(v) for k, v in sorted(Counter(units.tolist()).items())}
    dist_funcs = {int(k): int(sizes_per_class[units == k].sum()) for k in sorted(set(units.tolist()))}
    total_min = int((units * sizes_per_class).sum())
    doc = {"benchmark": "minimum", "inputs": n, "max_weight": args.max_weight, "conflict_budget": budget,
           "classes": len(reps), "functions": int(sizes_per_class.sum()),
           "build_seconds": None if build_s is None else round(build_s, 1),
           "jobs": args.jobs, "all_verified": bad == 0, "wrong_nets": bad,
           "proven": {"minimum": sum(v for k, v in proven.items() if "m" in k),
                      "synapses": sum(v for k, v in proven.items() if "s" in k),
                      "depth": sum(v for k, v in proven.items() if "d" in k)},
           "size_distribution_classes": dist_classes, "size_distribution_functions": dist_funcs,
           "minimum_units_total": total_min,
           "slowest_class_seconds": round(max(r[3] for r in results), 2)}
    if not args.no_two_level:
        t1 = time.perf_counter()
        pick = np.arange(0, len(reps), max(1, args.two_level_every))
        two = two_level_units(reps[pick], n, jobs=args.jobs)
        weight = sizes_per_class[pick]
        doc["two_level_classes"] = len(pick)
        doc["two_level_functions"] = int(weight.sum())
        doc["two_level_units_total"] = int((two * weight).sum())
        doc["minimum_units_same_functions"] = int((units[pick] * weight).sum())
        doc["ratio_minimum_to_two_level"] = ratio(doc["minimum_units_same_functions"], doc["two_level_units_total"])
        doc["two_level_seconds"] = round(time.perf_counter() - t1, 1)
        doc["classes_smaller_than_two_level"] = int((units[pick] < two).sum())
        doc["classes_larger_than_two_level"] = int((units[pick] > two).sum())
    nreps, nidx = npn_classes(n)
    per_func = units[idx]
    npn = [(int(per_func[nidx == c].min()), int(per_func[nidx == c].max())) for c in range(len(nreps))]
    doc["npn_classes"] = len(nreps)
    doc["npn_min_units_distribution"] = {int(k): v for k, v in sorted(Counter(a for a, _ in npn).items())}
    doc["npn_classes_with_mixed_costs"] = sum(1 for a, b in npn if a != b)
    doc["classic"] = classic(n_max=3 if args.quick else 4)
    if args.solvers:
        doc["solvers"] = compare_solvers(reps, n, args.max_weight, budget)
    if args.milp:
        doc["milp_vs_sat"] = milp_feasible(quick=args.quick)
    if args.write and not args.quick:
        write_table(results)
    if args.json:
        emit(doc)
        return
    print(table(["units", "classes", "functions"], [[k, dist_classes[k], dist_funcs[k]] for k in dist_classes]))
    print(f"\n{doc['classes']} classes ({doc['functions']} functions) built in {doc['build_seconds']} s with "
          f"{args.jobs} job(s); all verified: {doc['all_verified']}; proven {doc['proven']}")
    if "two_level_units_total" in doc:
        print(f"on {doc['two_level_functions']} functions ({doc['two_level_classes']} classes): minimum units "
              f"{doc['minimum_units_same_functions']} vs two-level {doc['two_level_units_total']} "
              f"(ratio {doc['ratio_minimum_to_two_level']:.3f}); classes smaller: "
              f"{doc['classes_smaller_than_two_level']}, larger: {doc['classes_larger_than_two_level']}")
    print(f"NPN classes {len(nreps)}: {doc['npn_classes_with_mixed_costs']} mix members of different minimum size")
    print(table(["function", "units", "synapses", "depth", "impossible sizes", "net"],
                [[c["name"], c["units"], c["synapses"], c["depth"], c["impossible_sizes"], c["net"]]
                 for c in doc["classic"]]))


def _below(job: tuple[int, int, int]) -> tuple[int, bool | None]:
    from neurosim.logic.exact_synthesis import minimum_shape
    from neurosim.logic.npn import tt_values

    tt, k, w = job
    vals = tt_values(np.array([tt], dtype=np.uint64), 4)[0][:, None].astype(np.int8)
    _, verdicts, *_ = minimum_shape(4, vals, max_weight=w, optimise=False, min_units=k - 1, max_units=k - 1)
    return tt, verdicts[-1].satisfiable if verdicts else None


def check_weight(w: int, jobs: int, quick: bool) -> dict:
    """Is any class of the table smaller when multiplicities up to ``w`` are allowed?"""
    from neurosim.logic.minimum_table import minimum_entries

    entries = [e for e in minimum_entries().values() if e.units > 0]
    if quick:
        entries = entries[::40]
    work = [(e.tt, e.units, w) for e in entries]
    t0 = time.perf_counter()
    if jobs > 1:
        with Pool(jobs) as pool:
            out = pool.map(_below, work, chunksize=4)
    else:
        out = [_below(j) for j in work]
    smaller = [f"{tt:04x}" for tt, sat in out if sat]
    return {"benchmark": "minimum-weight-check", "max_weight": w, "classes": len(out), "smaller_with_w": smaller,
            "undecided": sum(1 for _, sat in out if sat is None), "seconds": round(time.perf_counter() - t0, 1)}


def compare_solvers(reps: np.ndarray, n: int, max_weight: int, budget: int | None) -> dict:
    """Seconds for the same classes (all of them up to 100, else every 16th) with each SAT solver, one process."""
    from neurosim.logic.exact_synthesis import SOLVERS

    sample = reps if len(reps) <= 100 else reps[::16]
    out, sizes = {}, {}
    for name in SOLVERS:
        t0 = time.perf_counter()
        res = build(sample, n, max_weight=max_weight, budget=budget, jobs=1, solver=name)
        out[name] = round(time.perf_counter() - t0, 2)
        sizes[name] = [len(r[1].thresholds) for r in res]
    first = sizes[SOLVERS[0]]
    return {"classes": len(sample), "seconds": out, "same_sizes": all(v == first for v in sizes.values())}


def classic(n_max: int) -> list[dict]:
    from neurosim.logic import minimum_net, verify

    out = []
    for name, tab in classic_tables():
        if len(tab.inputs) > n_max:
            continue
        t0 = time.perf_counter()
        r = minimum_net(tab, proof=True)
        ok = verify(r.net, tab).ok
        net = "; ".join(f"{u.name}: θ={u.threshold} +{','.join(u.excitatory) or '-'} "
                        f"-{','.join(u.inhibitory) or '-'}" for u in r.net.units)
        out.append({"name": name, "units": len(r.net.units), "synapses": r.net.n_synapses, "depth": r.net.depth(),
                    "minimum": r.minimum, "impossible_sizes": list(r.impossible), "verified": ok,
                    "proof_lines": [p[2].count("\n") for p in r.proofs], "seconds": round(time.perf_counter() - t0, 2),
                    "net": net + " | " + ", ".join(f"{o}={v}" for o, v in r.net.outputs)})
    return out


if __name__ == "__main__":
    main()
