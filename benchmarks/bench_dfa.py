"""DFA nets on many strings: neurosim's exact net engines against a plain transition-table loop and Python.

Workload: a random 50-state, 4-symbol DFA compiled into a Minsky net (201 units); 100,000 random strings of
length 200 (``--quick``: 10,000 of length 50). Figures are strings·symbols per second, all measured in this run:

- ``table``: neurosim's table engine (the net's reachable firing states tabulated once, then one gather per
  tick); the one-off tabulation time is reported separately.
- ``step``: neurosim stepping the MP net with ``simulate.run`` (timed on a subsample, extrapolated).
- ``numpy table``: the DFA's own transition table, ``state = delta[state, X[:, t]]``, with the backend's array
  module (NumPy on the CPU, CuPy with ``--backend cupy``).
- ``python loop``: a dict-based loop over a subsample, extrapolated.

``--json`` prints one object; ``table_engine_vs_numpy`` is the fastest exact net engine's throughput divided by
the plain table's (target ≥ 0.5 on the CPU).

Run: python benchmarks/bench_dfa.py [--quick] [--json] [--backend numpy|cupy]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, emit, parser, table

from neurosim.automata.dfa import random_dfa
from neurosim.automata.dfa_compiler import compile_dfa
from neurosim.automata.engines import run_codes, run_step, run_table, tabulate
from neurosim.backend import get_backend


def main(argv: list[str] | None = None) -> dict:
    ap = parser(__doc__.splitlines()[0])
    ap.add_argument("--strings", type=int, default=None, help="number of strings (default 100,000)")
    ap.add_argument("--length", type=int, default=None, help="string length (default 200)")
    args = ap.parse_args(argv)
    be = get_backend(args.backend)
    xp = be.xp
    n_str = args.strings or (10_000 if args.quick else 100_000)
    length = args.length or (50 if args.quick else 200)
    work = n_str * length

    dfa = random_dfa(50, 4, seed=0)
    comp = compile_dfa(dfa, minimize_first=False)  # keep all 50 states: the workload the issue names
    net = comp.net
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 4, size=(n_str, length)).astype(np.int32)
    lengths = np.full(n_str, length, dtype=np.int64)

    # plain transition table on the backend (the DFA's symbols are the net's, in the same sorted order)
    delta = be.asarray(dfa.table().astype(np.int32))
    finals = be.asarray(np.isin(np.arange(len(dfa.states)), [dfa.states.index(q) for q in dfa.final_states]))
    x_dev = be.asarray(codes)
    start = dfa.states.index(dfa.initial_state)

    def plain() -> object:
        state = xp.full(n_str, start, dtype=np.int32)
        for t in range(length):
            state = delta[state, x_dev[:, t]]
        return finals[state]

    t_np, ref = best_of(plain, args.repeat, be.synchronize)
    ref = be.to_numpy(ref)

    t0 = time.perf_counter()
    tab = tabulate(net)
    t_tab_build = time.perf_counter() - t0
    codes_dev = be.asarray(codes)
    t_table, got = best_of(lambda: run_table(tab, codes_dev, lengths, be), args.repeat, be.synchronize)
    assert (be.to_numpy(got) == ref).all(), "table engine disagrees with the plain table"

    sub = min(n_str, 2_000 if not args.quick else 1_000)
    t0 = time.perf_counter()
    got_step = be.to_numpy(run_step(net, codes[:sub], lengths[:sub], be))
    be.synchronize()
    t_step = (time.perf_counter() - t0) * n_str / sub
    assert (got_step == ref[:sub]).all(), "step engine disagrees with the plain table"
    assert (run_codes(net, codes[:sub], lengths[:sub], engine="auto", backend=be) == ref[:sub]).all()

    py_sub = min(n_str, 1_000)
    trans = {(q, a): dfa.delta(q, a) for q in dfa.states for a in dfa.input_symbols}
    syms = dfa.input_symbols
    rows = [[syms[c] for c in row] for row in codes[:py_sub].tolist()]
    t0 = time.perf_counter()
    py = []
    for row in rows:
        q = dfa.initial_state
        for a in row:
            q = trans[(q, a)]
        py.append(q in dfa.final_states)
    t_py = (time.perf_counter() - t0) * n_str / py_sub
    assert py == ref[:py_sub].tolist()

    rate = {"table": work / t_table, "step": work / t_step, "numpy": work / t_np, "python": work / t_py}
    fastest = max(rate["table"], rate["step"])
    result = {
        "workload": f"{n_str} strings x {length} symbols, random 50-state 4-symbol DFA, {len(net.units)}-unit net",
        "backend": be.name,
        "strings": n_str, "length": length,
        "table_build_s": t_tab_build, "table_states": tab.n_states,
        "table_symbols_per_s": rate["table"], "step_symbols_per_s": rate["step"],
        "numpy_symbols_per_s": rate["numpy"], "python_symbols_per_s": rate["python"],
        "step_extrapolated_from": sub, "python_extrapolated_from": py_sub,
        "table_engine_vs_numpy": fastest / rate["numpy"],
        "step_engine_vs_numpy": rate["step"] / rate["numpy"],
        "table_engine_vs_python": rate["table"] / rate["python"],
    }
    if args.json:
        emit(result)
    else:
        peer = "numpy" if not be.is_gpu else "cupy"
        print(f"workload: {result['workload']} (backend {be.name})")
        rows_out = [
            ("neurosim table engine", rate["table"]),
            (f"neurosim step engine (on {sub} strings, extrapolated)", rate["step"]),
            (f"plain {peer} transition table (peer)", rate["numpy"]),
            (f"python loop (on {py_sub} strings, extrapolated)", rate["python"]),
        ]
        print(table(["engine", "strings*symbols/s", f"vs {peer} table"],
                    [(name, r, r / rate["numpy"]) for name, r in rows_out]))
        print(f"table built once in {t_tab_build:.3f} s ({tab.n_states} firing states); "
              f"table_engine_vs_numpy = {result['table_engine_vs_numpy']:.3f} (target >= 0.5 on the CPU)")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
