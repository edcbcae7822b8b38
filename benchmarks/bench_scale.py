"""Scale-out: 2 local workers (processes, and a 2-worker Dask LocalCluster) against inline, on the same blocks.

Workloads (each run under every scheduler; the results are checked identical):

(a) the exhaustive check of a compiled 30-input net against its PLA table (2**30 rows, 256 blocks of 2**22 rows);
(b) a 100,000-net XOR sweep (2-2-1 sigmoid, Rumelhart's protocol, 500 epochs; blocks of 10,000 seeds);
(c) the overhead per block: a job of 200 empty blocks against one of 2, per block;
(d) with --census 6: the threshold census of 6 inputs (16 blocks of candidates; minutes inline).

Ratios are inline seconds over the scheduler's (2.0 would be perfect on 2 idle cores); Dask is skipped with a
message where the dask extra is not installed. ``--quick`` uses n = 22, 2,000 nets and 50 empty blocks.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import parser, ratio, table

from neurosim.scale import Scheduler, run_blocks, shutdown


def _noop(shared, block):
    return block


def pla_table(n: int, cubes: int = 6, seed: int = 0):
    from neurosim.io import load_table

    rng = np.random.default_rng(seed)
    lines = [f".i {n}", ".o 1", f".p {cubes}"]
    for _ in range(cubes):
        lines.append("".join(rng.choice(list("01--------"), size=n)) + " 1")
    return load_table("\n".join([*lines, ".e", ""]), fmt="pla")


def bench_check(n: int, block_words: int, scheds: dict[str, Scheduler]) -> dict:
    from neurosim.core import verify_exhaustive
    from neurosim.logic import compile_table

    tab = pla_table(n)
    net = compile_table(tab).net
    out = {}
    answers = set()
    for name, s in scheds.items():
        t0 = time.perf_counter()
        res = verify_exhaustive(net, tab, scheduler=s, block_words=block_words)
        out[name] = time.perf_counter() - t0
        answers.add((res.rows, res.mismatch))
    assert len(answers) == 1, answers
    return out


def bench_sweep(nets: int, epochs: int, scheds: dict[str, Scheduler]) -> dict:
    from neurosim.learn import train_sweep

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    out, answers = {}, []
    for name, s in scheds.items():
        t0 = time.perf_counter()
        res = train_sweep(X, y, np.arange(nets), lr=2.0, momentum=0.9, max_epochs=epochs, scheduler=s,
                          block_size=max(1, nets // 10))
        out[name] = time.perf_counter() - t0
        answers.append(res.success_epoch.tobytes() + res.final_loss.tobytes())
    assert len(set(answers)) == 1, "the sweep differs between schedulers"
    return out


def bench_overhead(blocks: int, scheds: dict[str, Scheduler]) -> dict:
    out = {}
    for name, s in scheds.items():
        t0 = time.perf_counter()
        run_blocks(_noop, range(2), scheduler=s)
        t2 = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_blocks(_noop, range(blocks), scheduler=s)
        out[name] = max(0.0, (time.perf_counter() - t0 - t2) / (blocks - 2))
    return out


def bench_census(n: int, scheds: dict[str, Scheduler]) -> dict:
    from neurosim.learn import threshold_census

    out, counts = {}, set()
    for name, s in scheds.items():
        t0 = time.perf_counter()
        counts.add(threshold_census(n, scheduler=s).count)
        out[name] = time.perf_counter() - t0
    assert len(counts) == 1, counts
    return out


def main() -> None:
    ap = parser(__doc__.splitlines()[0], backend=False)
    ap.add_argument("--workers", type=int, default=2, help="local workers for processes and the LocalCluster")
    ap.add_argument("--census", type=int, default=None, help="also time the threshold census of this many inputs")
    args = ap.parse_args()
    scheds = {"inline": Scheduler("inline"), "processes": Scheduler("processes", workers=args.workers)}
    cluster = None
    try:
        import logging

        import distributed

        cluster = distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=logging.CRITICAL)
        scheds["dask"] = Scheduler("dask", address=cluster.scheduler_address)
    except ImportError:
        print("dask not installed: skipping the Dask column (pip install 'neurosim-mp[dask]')", file=sys.stderr)
    # the full sizes are chosen so that each job takes several seconds inline: the fused trainer and the bit-parallel
    # check made the earlier sizes (30 inputs, 500 epochs) too quick for the workers' start-up to pay off
    n, nets, epochs, blocks = (20, 2_000, 50, 50) if args.quick else (32, 100_000, 2_000, 200)
    for s in scheds.values():
        run_blocks(_noop, range(4), scheduler=s)  # start and warm up the workers: measured in (c), not here
        bench_sweep(20, 2, {"warm-up": s})  # each worker loads the fused kernel (numba cache) once, untimed
    rows = {}
    if args.census is not None:  # first, while the workers hold nothing else
        rows[f"(d) threshold census, {args.census} inputs, s"] = bench_census(args.census, scheds)
    rows.update({
        f"(a) exhaustive check, {n}-input net, s": bench_check(n, 1 << (n - 10), scheds),
        f"(b) XOR sweep, {nets} nets x {epochs} epochs, s": bench_sweep(nets, epochs, scheds),
        f"(c) overhead per block ({blocks} empty blocks), s": bench_overhead(blocks, scheds),
    })
    shutdown()
    if cluster is not None:
        cluster.close()
    keys = [k for k in rows if not k.startswith("(d)")]
    check, sweep = rows[keys[0]], rows[keys[1]]
    out = {
        "workers": args.workers, "rows": rows,
        "check_speedup_processes": ratio(check["inline"], check["processes"]),
        "check_speedup_dask": ratio(check["inline"], check.get("dask")),
        "sweep_speedup_processes": ratio(sweep["inline"], sweep["processes"]),
        "sweep_speedup_dask": ratio(sweep["inline"], sweep.get("dask")),
        "overhead_per_block_s": rows[keys[2]],
    }
    if args.census is not None:
        c = rows[f"(d) threshold census, {args.census} inputs, s"]
        out["census_speedup_processes"] = ratio(c["inline"], c["processes"])
        out["census_speedup_dask"] = ratio(c["inline"], c.get("dask"))
    if args.json:
        print(json.dumps(out, indent=2))
        return
    head = ["workload", "inline", "processes", "dask", "inline/processes", "inline/dask"]
    timed = [k for k in rows if not k.startswith("(c)")]  # (c) is an overhead, not a job to speed up
    body = [[k, v["inline"], v["processes"], v.get("dask"), ratio(v["inline"], v["processes"]) if k in timed
             else None, ratio(v["inline"], v.get("dask")) if k in timed else None]
            for k, v in rows.items()]
    print(table(head, body))


if __name__ == "__main__":
    main()
