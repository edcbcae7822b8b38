"""Peers of bench_minimum.py: the two-level compiler, HiGHS MILP on the same questions, the classic functions."""

from __future__ import annotations

import time
from multiprocessing import Pool

import numpy as np


def classic_tables():
    """(name, TruthTable) of the classic functions: XOR, XNOR, 3- and 4-input parity, majority, the full adder,
    the 2-bit comparator (a > b, a = b, a < b)."""
    from neurosim.logic import TruthTable

    def tab(n, names, outs, fn):
        rows = np.arange(1 << n)
        bits = [(rows >> (n - 1 - i)) & 1 for i in range(n)]
        vals = np.stack([np.asarray(v) for v in fn(*bits)], axis=1)
        return TruthTable.from_values(names, outs, vals)

    return [
        ("xor", tab(2, ("a", "b"), ("y",), lambda a, b: (a ^ b,))),
        ("xnor", tab(2, ("a", "b"), ("y",), lambda a, b: (1 - (a ^ b),))),
        ("parity3", tab(3, ("a", "b", "c"), ("y",), lambda a, b, c: (a ^ b ^ c,))),
        ("majority3", tab(3, ("a", "b", "c"), ("y",), lambda a, b, c: ((a + b + c >= 2).astype(int),))),
        ("full_adder", tab(3, ("a", "b", "cin"), ("s", "cout"),
                           lambda a, b, c: (a ^ b ^ c, (a + b + c >= 2).astype(int)))),
        ("parity4", tab(4, ("a", "b", "c", "d"), ("y",), lambda a, b, c, d: (a ^ b ^ c ^ d,))),
        ("comparator2", tab(4, ("a1", "a0", "b1", "b0"), ("gt", "eq", "lt"),
                            lambda a1, a0, b1, b0: ((2 * a1 + a0 > 2 * b1 + b0).astype(int),
                                                    (2 * a1 + a0 == 2 * b1 + b0).astype(int),
                                                    (2 * a1 + a0 < 2 * b1 + b0).astype(int)))),
    ]


def _two_level(job: tuple[int, int]) -> int:
    from neurosim.logic import TruthTable, compile_table
    from neurosim.logic.npn import tt_values

    tt, n = job
    vals = tt_values(np.array([tt], dtype=np.uint64), n)[0][:, None]
    tab = TruthTable.from_values(tuple("abcde"[:n]), ("y",), vals)
    return compile_table(tab, multilevel=False).summary["units"]


def two_level_units(reps: np.ndarray, n: int, *, jobs: int = 1) -> np.ndarray:
    """Units of the two-level compiler (threshold and symmetric units included, no multi-level pass)."""
    work = [(int(t), n) for t in reps]
    if jobs > 1:
        with Pool(jobs) as pool:
            return np.array(pool.map(_two_level, work, chunksize=8))
    return np.array([_two_level(j) for j in work])


def _milp(n: int, k: int, values: np.ndarray, W: int, time_limit: float) -> tuple[str, float]:
    """Is there a net of k units (the search space of mp_cnf) computing ``values``? HiGHS on a big-M MILP."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    R = 1 << n
    xin = [((np.arange(R) >> (n - 1 - i)) & 1) for i in range(n)]
    names: dict = {}
    lb, ub, integ = [], [], []

    def var(key, lo, hi):
        names[key] = len(lb)
        lb.append(lo)
        ub.append(hi)
        integ.append(1)
        return names[key]

    rows, lo_, hi_ = [], [], []

    def con(coefs: dict, lo, hi):
        rows.append(coefs)
        lo_.append(lo)
        hi_.append(hi)

    for j in range(k):
        ns = n + j
        big = W * ns + 1
        th = var(("t", j), 0, big)
        for s in range(ns):
            var(("w", j, s), 0, W)
            var(("h", j, s), 0, 1)
            con({names[("w", j, s)]: 1, names[("h", j, s)]: W}, -np.inf, W)
        for r in range(R):
            y = var(("y", j, r), 0, 1)
            veto = var(("v", j, r), 0, 1)
            total: dict = {th: -1}
            for s in range(ns):
                h = names[("h", j, s)]
                w = names[("w", j, s)]
                if s < n:
                    if xin[s][r]:
                        total[w] = total.get(w, 0) + 1
                        con({veto: 1, h: -1}, 0, np.inf)  # h active => veto
                        con({y: 1, h: 1}, -np.inf, 1)
                else:
                    ys = names[("y", s - n, r)]
                    z = var(("z", j, s, r), 0, W)
                    con({z: 1, ys: -W}, -np.inf, 0)
                    con({z: 1, w: -1}, -np.inf, 0)
                    con({z: 1, w: -1, ys: -W}, -W, np.inf)
                    total[z] = total.get(z, 0) + 1
                    con({veto: 1, h: -1, ys: -1}, -1, np.inf)
                    con({y: 1, h: 1, ys: 1}, -np.inf, 2)
            # veto <= sum of (h and active): only a real veto may excuse a non-firing unit
            act = {}
            for s in range(ns):
                if s < n:
                    if xin[s][r]:
                        act[names[("h", j, s)]] = act.get(names[("h", j, s)], 0) - 1
                else:
                    a = var(("a", j, s, r), 0, 1)
                    con({a: 1, names[("h", j, s)]: -1}, -np.inf, 0)
                    con({a: 1, names[("y", s - n, r)]: -1}, -np.inf, 0)
                    act[a] = act.get(a, 0) - 1
            con({veto: 1, **act}, -np.inf, 0)
            M = big + 1
            con({**total, y: -M}, -M, np.inf)  # y = 1 => total >= θ
            con({**total, y: -M, veto: -M}, -np.inf, -1)  # y = 0 and no veto => total <= θ - 1
    for o in range(values.shape[1]):
        sel = [var(("o", o, j), 0, 1) for j in range(k)]
        con(dict.fromkeys(sel, 1), 1, 1)
        for j in range(k):
            for r in np.flatnonzero(values[:, o] >= 0):
                y = names[("y", j, int(r))]
                if values[r, o] == 1:
                    con({sel[j]: 1, y: -1}, -np.inf, 0)
                else:
                    con({sel[j]: 1, y: 1}, -np.inf, 1)
    nv = len(lb)
    if not rows:
        return "infeasible" if values.shape[1] else "feasible", 0.0
    a = np.zeros((len(rows), nv))
    for i, cf in enumerate(rows):
        for key, val in cf.items():
            a[i, key] = val
    t0 = time.perf_counter()
    res = milp(np.zeros(nv), constraints=LinearConstraint(a, lo_, hi_), integrality=np.array(integ),
               bounds=Bounds(lb, ub), options={"time_limit": time_limit})
    dt = time.perf_counter() - t0
    verdict = {0: "feasible", 2: "infeasible", 1: "time limit"}.get(res.status, f"status {res.status}")
    return verdict, dt


def milp_feasible(*, quick: bool, time_limit: float = 60.0) -> list[dict]:
    """The same questions for SAT (CaDiCaL) and MILP (HiGHS): the size just below the minimum (UNSAT) and the
    minimum (SAT) of XOR, 3-parity and the full adder (and 4-parity unless quick)."""
    from neurosim.logic.exact_synthesis import DEFAULT_MAX_WEIGHT, minimum_shape

    out = []
    for name, tab in classic_tables():
        if name not in ("xor", "parity3", "full_adder") + (() if quick else ("parity4",)):
            continue
        vals = tab.to_values()
        n = len(tab.inputs)
        t0 = time.perf_counter()
        shape, *_ = minimum_shape(n, vals, optimise=False)
        sat_s = time.perf_counter() - t0
        k = len(shape.thresholds)
        below, below_s = _milp(n, k - 1, vals, DEFAULT_MAX_WEIGHT, time_limit)
        at, at_s = _milp(n, k, vals, DEFAULT_MAX_WEIGHT, time_limit)
        out.append({"name": name, "minimum": k, "sat_seconds_all_sizes": round(sat_s, 3),
                    "milp_below": below, "milp_below_seconds": round(below_s, 2), "milp_at": at,
                    "milp_at_seconds": round(at_s, 2)})
    return out
