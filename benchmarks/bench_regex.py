"""Regular expressions as MP nets: Glushkov's one unit per symbol occurrence against the DFA route, and the table
engine against Python's ``re``.

1. **Size sweep.** Expressions of growing length m (symbol occurrences) in two families, seeded:
   ``random`` (random trees over {a, b} with |, concatenation, *, +, ?) and ``kth`` ("the k-th symbol from the end
   is a": ``(a|b)*a(a|b)…``, m = 2k + 1). neurosim: parse + Glushkov + net (``compile_regex``), then a run of the
   net on random strings with the ``auto`` engine. Peer, measured in the same run: automata-lib's route
   ``NFA.from_regex`` → ``DFA.from_nfa(minify=True)`` → Minsky's construction (``compile_dfa``), in a child
   process stopped after ``--peer-timeout`` seconds (the subset construction can explode). Reported: units of
   both, the ratio peer/neurosim, and the times.
2. **Throughput.** The table engine on a regex net (m = 30, tabulated once) against ``re.fullmatch`` on the same
   strings; strings per second and the ratio.

``--json`` prints one object; ``units_ratio_max`` is the largest peer/neurosim unit ratio reached and
``table_vs_re`` the table engine's strings/s over ``re``'s.

Run: python benchmarks/bench_regex.py [--quick] [--json] [--backend numpy|cupy] [--peer-timeout S]
"""

from __future__ import annotations

import multiprocessing as mp
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, emit, parser, table

from neurosim.automata import compile_dfa, compile_regex, run_codes, tabulate
from neurosim.automata.engines import run_table
from neurosim.backend import get_backend


def random_regex(m: int, rng: np.random.Generator) -> str:
    """A random expression with exactly ``m`` symbol occurrences over {a, b} (automata-lib reads it too)."""
    if m == 1:
        s = str(rng.choice(["a", "b"]))
        return s + (str(rng.choice(["*", "+", "?"])) if rng.random() < 0.2 else "")
    k = int(rng.integers(1, m))
    left, right = random_regex(k, rng), random_regex(m - k, rng)
    if rng.random() < 0.3:
        text = f"{left}|{right}"
    else:
        text = "".join(f"({p})" if "|" in p else p for p in (left, right))
    return f"({text}){rng.choice(['*', '+', '?'])}" if rng.random() < 0.15 else text


def kth_regex(k: int) -> str:
    return "(a|b)*a" + "(a|b)" * (k - 1)


def _peer(text: str, out: mp.Queue) -> None:
    from automata.fa.dfa import DFA as ADFA
    from automata.fa.nfa import NFA as ANFA

    t0 = time.perf_counter()
    dfa = ADFA.from_nfa(ANFA.from_regex(text, input_symbols={"a", "b"}), minify=True)
    units = len(compile_dfa(dfa).net.units)
    out.put((units, len(dfa.states), time.perf_counter() - t0))


def peer_route(text: str, timeout: float) -> tuple[int, int, float] | None:
    """(Minsky units, DFA states, seconds) through automata-lib, or None when absent or slower than ``timeout``."""
    try:
        import automata  # noqa: F401
    except ImportError:
        return None
    q: mp.Queue = mp.Queue()
    p = mp.Process(target=_peer, args=(text, q), daemon=True)
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.terminate()
        p.join()
        return None
    return q.get() if not q.empty() else None


def sweep(cases: list[tuple[str, int, str]], n_str: int, length: int, be, timeout: float) -> list[dict]:
    rng = np.random.default_rng(1)
    warm = compile_regex("(a|b)*a", "ab").net  # first-use imports (SciPy) are not the first case's run time
    run_codes(warm, np.zeros((2, 2), dtype=np.int32), np.full(2, 2), engine="auto", backend=be)
    rows = []
    for family, _m, text in cases:
        t0 = time.perf_counter()
        comp = compile_regex(text, "ab")
        t_compile = time.perf_counter() - t0
        codes = rng.integers(0, 2, size=(n_str, length)).astype(np.int32)
        t0 = time.perf_counter()
        run_codes(comp.net, codes, np.full(n_str, length), engine="auto", backend=be)
        t_run = time.perf_counter() - t0
        peer = peer_route(text, timeout)
        units = len(comp.net.units)
        rows.append({"family": family, "m": comp.m, "units": units, "synapses": comp.net.n_synapses,
                     "compile_s": t_compile, "run_s": t_run,
                     "peer_units": None if peer is None else peer[0], "peer_dfa_states": None if peer is None
                     else peer[1], "peer_s": None if peer is None else peer[2],
                     "units_ratio": None if peer is None else peer[0] / units})
    return rows


def throughput(n_str: int, length: int, be, repeat: int) -> dict:
    rng = np.random.default_rng(2)
    text = random_regex(30, np.random.default_rng(30))
    comp = compile_regex(text, "ab")
    codes = rng.integers(0, 2, size=(n_str, length)).astype(np.int32)
    lengths = np.full(n_str, length)
    t0 = time.perf_counter()
    tab = tabulate(comp.net)
    t_tab = time.perf_counter() - t0
    dev = be.asarray(codes)
    t_table, got = best_of(lambda: run_table(tab, dev, lengths, be), repeat, be.synchronize)
    pat = re.compile(text)
    strings = ["".join("ab"[c] for c in row) for row in codes.tolist()]
    t_re, ref = best_of(lambda: [pat.fullmatch(s) is not None for s in strings], repeat)
    assert be.to_numpy(got).tolist() == ref, "table engine disagrees with re"
    return {"regex": text, "m": comp.m, "units": len(comp.net.units), "table_states": tab.n_states,
            "table_build_s": t_tab, "strings": n_str, "length": length,
            "table_strings_per_s": n_str / t_table, "re_strings_per_s": n_str / t_re,
            "table_vs_re": (n_str / t_table) / (n_str / t_re)}


def main(argv: list[str] | None = None) -> dict:
    ap = parser(__doc__.splitlines()[0])
    ap.add_argument("--peer-timeout", type=float, default=None, help="seconds per automata-lib case (default 20)")
    args = ap.parse_args(argv)
    be = get_backend(args.backend)
    timeout = args.peer_timeout or (5.0 if args.quick else 20.0)
    sizes = (10, 30, 100) if args.quick else (10, 30, 100, 300, 1000)
    ks = (2, 4, 8) if args.quick else (2, 4, 8, 12, 16, 50, 200, 500)
    cases = [("random", m, random_regex(m, np.random.default_rng(m))) for m in sizes]
    cases += [("kth", 2 * k + 1, kth_regex(k)) for k in ks]
    rows = sweep(cases, 200 if args.quick else 1000, 30 if args.quick else 50, be, timeout)
    tp = throughput(10_000 if args.quick else 100_000, 20 if args.quick else 50, be, args.repeat)
    ratios = [r["units_ratio"] for r in rows if r["units_ratio"] is not None]
    result = {"backend": be.name, "peer_timeout_s": timeout, "sweep": rows, "throughput": tp,
              "units_ratio_max": max(ratios) if ratios else None, "table_vs_re": tp["table_vs_re"]}
    if args.json:
        emit(result)
        return result
    print(f"size sweep (backend {be.name}; peer: automata-lib regex -> NFA -> minimal DFA -> Minsky, "
          f"stopped after {timeout:g} s)")
    print(table(["family", "m", "units", "synapses", "compile s", "run s", "peer units", "peer DFA", "peer s",
                 "peer/neurosim units"],
                [(r["family"], r["m"], r["units"], r["synapses"], r["compile_s"], r["run_s"], r["peer_units"],
                  r["peer_dfa_states"], r["peer_s"], r["units_ratio"]) for r in rows]))
    print(f"\nthroughput on {tp['regex']!r} (m = {tp['m']}, {tp['units']} units, {tp['table_states']} firing states "
          f"tabulated in {tp['table_build_s']:.3f} s), {tp['strings']} strings of length {tp['length']}:")
    print(table(["engine", "strings/s", "vs re"],
                [("neurosim table engine", tp["table_strings_per_s"], tp["table_vs_re"]),
                 ("python re.fullmatch (peer)", tp["re_strings_per_s"], 1.0)]))
    print(f"units_ratio_max = {result['units_ratio_max'] or 0:.3g}; table_vs_re = {tp['table_vs_re']:.3f}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
