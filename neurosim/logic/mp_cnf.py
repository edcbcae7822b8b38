"""The CNF of "a feedforward MP net of k units computes this function": variables, clauses, and decoding.

The search space (one formula per size k) is every feedforward net of k McCulloch–Pitts units u_1 … u_k over
the n inputs in which unit u_j takes any inputs and any earlier units u_1 … u_{j-1} as sources, each either
excitatory with an integer multiplicity 1 … W or inhibitory (an absolute veto), with an integer threshold
θ_j ≥ 0; every output is one node (an input or a unit). Unit u_j fires on input row r iff no inhibitory source
fires on r and at least θ_j excitatory synapses are active on r. The formula is satisfiable iff such a net agrees
with the table on every care row of every output.

Variables (order encodings, so that propagation sees bounds):

- ``m[j][s][t]`` (t = 1 … W): source s sends at least t excitatory synapses to u_j; ``h[j][s]``: s inhibits u_j;
- ``g[j][t]`` (t = 1 … T_j): θ_j ≥ t, with T_j = max(1, W · (number of sources of u_j)) (a larger θ means
  "never fires", which adds nothing: a unit that never fires is θ = 1 with no synapse);
- ``y[j][r]``: u_j fires on row r; ``p[j][r][i][v]``: the first i sources give at least v active synapses on r
  (a weighted sequential counter, exact in both directions);
- ``o[k][v]``: output k is node v.

Redundant nets are excluded, which every minimum net survives (each rule turns a net that breaks it into one
with fewer units or into the same net in another unit order): every unit feeds a later unit or an output; no two
units, and no unit and input, compute the same function on all 2^n rows; a unit that is no output is not a
constant; and where u_{j+1} does not take u_j as a source the two are in increasing order of their truth tables
(adjacent independent units can be swapped; bubble sort reaches this order).

Notes
-----
Exact synthesis by SAT in the style of Kojevnikov, Kulikov & Yaroslavtsev (2009) and Knuth (TAOCP 7.1.2, 2008),
here for MP units with unbounded fan-in instead of two-input gates; the counter is Sinz's sequential counter
(2005) with order-encoded weights.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..errors import ParameterError

__all__ = ["MPFormula", "NetShape", "encode"]

Lit = int | bool  # a literal, or a constant that clause building folds away


class _Clauses:
    """A clause list with a variable counter; constants True/False are folded when a clause is added."""

    def __init__(self) -> None:
        self.top = 0
        self.clauses: list[list[int]] = []

    def var(self) -> int:
        self.top += 1
        return self.top

    def add(self, *lits: Lit) -> None:
        out = []
        for lit in lits:
            if lit is True:
                return
            if lit is False:
                continue
            out.append(lit)
        self.clauses.append(out)


def _neg(lit: Lit) -> Lit:
    return (not lit) if isinstance(lit, bool) else -lit


@dataclass(frozen=True, slots=True)
class NetShape:
    """A decoded net: per unit (threshold, excitatory multiplicity per source, inhibitory sources), and the
    node of every output. Node v < n is input v; node n + j is unit j."""

    n: int
    thresholds: tuple[int, ...]
    excitatory: tuple[tuple[tuple[int, int], ...], ...]  # per unit: (source node, multiplicity)
    inhibitory: tuple[tuple[int, ...], ...]
    outputs: tuple[int, ...]

    @property
    def synapses(self) -> int:
        return sum(w for exc in self.excitatory for _, w in exc) + sum(len(i) for i in self.inhibitory)

    def depth(self) -> int:
        lev = [0] * self.n
        for exc, inh in zip(self.excitatory, self.inhibitory, strict=True):
            lev.append(1 + max((lev[s] for s in (*(s for s, _ in exc), *inh)), default=0))
        return max((lev[v] for v in self.outputs), default=0)

    def rows(self) -> np.ndarray:
        """(2^n, n + k) uint8: every node's value on every row (row r, first input as the top bit)."""
        r = np.arange(1 << self.n)
        vals = [((r >> (self.n - 1 - i)) & 1).astype(np.int64) for i in range(self.n)]
        for th, exc, inh in zip(self.thresholds, self.excitatory, self.inhibitory, strict=True):
            total = sum((w * vals[s] for s, w in exc), np.zeros(len(r), np.int64))
            veto = np.zeros(len(r), bool)
            for s in inh:
                veto |= vals[s].astype(bool)
            vals.append(((total >= th) & ~veto).astype(np.int64))
        return np.stack(vals, axis=1).astype(np.uint8) if vals else np.zeros((len(r), 0), np.uint8)


@dataclass(slots=True)
class MPFormula:
    """The CNF for one size, with the variables needed to decode a model and to bound synapses and depth."""

    n: int
    k: int
    max_weight: int
    clauses: list[Sequence[int]]
    top: int
    m: list[list[list[int]]]  # m[j][s][t-1]
    h: list[list[int]]
    g: list[list[int]]
    out: list[dict[int, int]]  # per output: node -> selector literal
    level: list[list[int]]  # level[j][d-1]: depth of u_j >= d + 1

    def synapse_literals(self) -> list[int]:
        """Every literal whose truth is one synapse: the multiplicity steps and the inhibition flags."""
        lits = [x for row in self.m for src in row for x in src]
        return lits + [x for row in self.h for x in row]

    def decode(self, model: Iterable[int]) -> NetShape:
        true = {v for v in model if v > 0}
        th, exc, inh = [], [], []
        for j in range(self.k):
            e = tuple((s, w) for s, steps in enumerate(self.m[j]) if (w := sum(1 for x in steps if x in true)))
            # θ above the excitatory total only says "never fires": write the smallest such θ
            th.append(min(sum(1 for x in self.g[j] if x in true), sum(w for _, w in e) + 1))
            exc.append(e)
            inh.append(tuple(s for s, x in enumerate(self.h[j]) if x in true))
        outs = tuple(next(v for v, x in sel.items() if x is True or x in true) for sel in self.out)
        return NetShape(self.n, tuple(th), tuple(exc), tuple(inh), outs)


def _node_values(n: int, rows: int) -> list[list[Lit]]:
    return [[bool((r >> (n - 1 - i)) & 1) for r in range(rows)] for i in range(n)]


def _count_values(n: int) -> list[list[Lit]]:
    """The inputs on the n + 1 count rows of a symmetric search: on row c the first c inputs are 1."""
    return [[i < c for c in range(n + 1)] for i in range(n)]


def _counter(c: _Clauses, weights: Sequence[list[int]], acts: Sequence[list[Lit]], r: int, cap: int) -> list[Lit]:
    """Order-encoded active synapse count on row r, saturating at ``cap``: lits[v-1] <=> count >= v."""
    prev: list[Lit] = []  # prefix count >= v for v = 1 .. len(prev); beyond: False
    for steps, act in zip(weights, acts, strict=True):
        a = act[r]
        if a is False:
            continue
        width = min(cap, len(prev) + len(steps))
        cur = [c.var() for _ in range(width)]

        def p_at(v: int, prev=prev) -> Lit:
            return True if v <= 0 else (prev[v - 1] if v <= len(prev) else False)

        for v in range(1, width + 1):
            for t in range(0, len(steps) + 1):  # contribution >= t and prefix >= v - t  =>  count >= v
                step = True if t == 0 else steps[t - 1]
                if t == 0:
                    c.add(_neg(p_at(v)), cur[v - 1])
                else:
                    c.add(_neg(a), -step, _neg(p_at(v - t)), cur[v - 1])
            for t in range(0, len(steps) + 1):  # count >= v  =>  prefix >= v - t or contribution >= t + 1
                nxt_w: Lit = steps[t] if t < len(steps) else False
                if nxt_w is False:
                    c.add(-cur[v - 1], p_at(v - t))
                else:
                    c.add(-cur[v - 1], p_at(v - t), a)
                    c.add(-cur[v - 1], p_at(v - t), nxt_w)
        for v in range(1, width):
            c.add(-cur[v], cur[v - 1])
        prev = cur
    return prev


@dataclass(frozen=True, slots=True)
class _Units:
    """The part of the formula that does not depend on the function: k units over n inputs (cached)."""

    clauses: tuple[tuple[int, ...], ...]
    top: int
    nodes: tuple[tuple[Lit, ...], ...]
    m: list
    h: list
    g: list
    level: list


@dataclass(frozen=True, slots=True)
class _Prefix:
    """Units 0..k-1 over n inputs before the depth variables: unit j's clauses and variables depend only on the
    units before it, so the formula for k + 1 units extends the one for k (cached, never changed)."""

    clauses: tuple[tuple[int, ...], ...]
    top: int
    nodes: tuple[tuple[Lit, ...], ...]
    m: tuple
    h: tuple
    g: tuple


@lru_cache(maxsize=64)
def _prefix(n: int, k: int, W: int, symmetric: bool = False) -> _Prefix:
    rows = n + 1 if symmetric else 1 << n
    if k == 0:
        values = _count_values(n) if symmetric else _node_values(n, rows)
        return _Prefix((), 0, tuple(map(tuple, values)), (), (), ())
    prev = _prefix(n, k - 1, W, symmetric)
    c = _Clauses()
    c.top = prev.top
    nodes: list[Sequence[Lit]] = list(prev.nodes)
    ns = n + k - 1  # unit j = k - 1 reads the inputs and every unit before it
    if symmetric:  # every input sends the unit the same synapses: one set of variables, shared
        shared = [c.var() for _ in range(W)]
        m = [shared] * n + [[c.var() for _ in range(W)] for _ in range(ns - n)]
        h = [c.var()] * n + [c.var() for _ in range(ns - n)]
    else:
        m = [[c.var() for _ in range(W)] for _ in range(ns)]
        h = [c.var() for _ in range(ns)]
    for s in range(ns):
        if symmetric and 0 < s < n:
            continue  # the shared variables' rules are written once
        for t in range(1, W):
            c.add(-m[s][t], m[s][t - 1])
        c.add(-h[s], -m[s][0])  # a vetoing source's excitatory synapses never count
    cap = max(1, W * ns)  # θ = 1 with no synapse is the constant 0
    g = [c.var() for _ in range(cap)]
    for t in range(1, cap):
        c.add(-g[t], g[t - 1])
    y = [c.var() for _ in range(rows)]
    for r in range(rows):
        cnt = _counter(c, m, nodes[:ns], r, cap)
        for v in range(1, cap + 1):  # fires => count >= θ
            c.add(-y[r], -g[v - 1], cnt[v - 1] if v <= len(cnt) else False)
        veto = c.var()
        zs = []
        for s in range(ns):
            a = nodes[s][r]
            c.add(-y[r], -h[s], _neg(a))  # fires => no inhibitor active
            if a is not False:
                z = c.var()
                c.add(-z, h[s])
                c.add(-z, a)
                zs.append(z)
        c.add(-veto, *zs)
        for v in range(0, cap + 1):  # θ = v, count >= v, no veto => fires
            at_least = True if v == 0 else (cnt[v - 1] if v <= len(cnt) else False)
            c.add(-g[v - 1] if v else False, g[v] if v < cap else False, _neg(at_least), veto, y[r])
    return _Prefix(prev.clauses + tuple(map(tuple, c.clauses)), c.top, (*prev.nodes, tuple(y)),
                   (*prev.m, m), (*prev.h, h), (*prev.g, g))


@lru_cache(maxsize=64)
def _units(n: int, k: int, W: int, symmetric: bool = False) -> _Units:
    """The formula of k units (the cached prefix) with their depth variables."""
    p = _prefix(n, k, W, symmetric)
    c = _Clauses()
    c.top = p.top
    ms, hs, gs = list(p.m), list(p.h), list(p.g)
    level = _levels(c, n, k, ms, hs)
    return _Units(p.clauses + tuple(map(tuple, c.clauses)), c.top, p.nodes, ms, hs, gs, level)


def encode(n: int, k: int, values: np.ndarray, *, max_weight: int, input_outputs: Sequence[int | None] = (),
           symmetric: bool = False) -> MPFormula:
    """The formula "k units compute ``values``".

    Parameters
    ----------
    n, k : int
        Inputs and units.
    values : ndarray (2^n, m) int8, or (n + 1, m) when ``symmetric``
        The outputs the units must compute: 1, 0, or -1 for a don't-care row; symmetric: by the number of
        active inputs.
    max_weight : int
        W, the largest excitatory multiplicity.
    input_outputs : sequence of (int or None)
        Per output, an input node that already computes it (then it may also be chosen), else None.
    symmetric : bool
        Search only nets of symmetric units: every unit reads all n inputs alike (the same multiplicity, or
        the same veto), so every node is a function of the count of active inputs and n + 1 rows decide the
        net (n >= 2). The smallest such net is an upper bound on the true minimum, not a proof.
    """
    if symmetric and n < 2:
        raise ParameterError(f"a symmetric search needs at least 2 inputs, found {n}")
    u = _units(n, k, max_weight, symmetric)
    c = _Clauses()
    c.top = u.top
    # the cached unit clauses are tuples, shared and never changed (copying each cost 0.16 s of squar5's compile)
    c.clauses = list(u.clauses)
    nodes = [list(v) for v in u.nodes]
    outs = _outputs(c, n, k, values, nodes, input_outputs)
    _redundancy(c, n, k, values.shape[1], nodes, u.m, u.h, outs, symmetric)
    return MPFormula(n, k, max_weight, c.clauses, c.top, u.m, u.h, u.g, outs, u.level)


def _outputs(c: _Clauses, n: int, k: int, values: np.ndarray, nodes: list[list[Lit]],
             input_outputs: Sequence[int | None]) -> list[dict[int, int]]:
    outs = []
    for o in range(values.shape[1]):
        sel: dict[int, int] = {}
        fixed = input_outputs[o] if o < len(input_outputs) else None
        if fixed is not None:
            sel[fixed] = c.var()
        for j in range(k):
            x = c.var()
            sel[n + j] = x
            for r in np.flatnonzero(values[:, o] >= 0):
                y = nodes[n + j][int(r)]
                c.add(-x, y if values[r, o] == 1 else _neg(y))
        lits = list(sel.values())
        c.add(*lits)
        for a in range(len(lits)):
            for b in range(a + 1, len(lits)):
                c.add(-lits[a], -lits[b])
        outs.append(sel)
    return outs


def _uses(ms, hs, j: int, src: int) -> list[int]:
    """Literals meaning "unit j takes node src as a source" (excitatory or inhibitory)."""
    return [ms[j][src][0], hs[j][src]]


def _redundancy(c: _Clauses, n: int, k: int, m_out: int, nodes, ms, hs, outs, symmetric: bool = False) -> None:
    rows = len(nodes[0]) if nodes else 1
    for j in range(k):
        v = n + j
        is_out = [sel[v] for sel in outs if v in sel]
        users = [x for jj in range(j + 1, k) for x in _uses(ms, hs, jj, v)]
        c.add(*users, *is_out)  # every unit is used
        y = nodes[v]
        c.add(*y, *is_out)  # not constant 0 unless an output
        c.add(*(-x for x in y), *is_out)  # not constant 1 unless an output
        for i in range(0 if symmetric else n):  # not a copy of an input (a symmetric unit never is, n >= 2)
            c.add(*(-y[r] if nodes[i][r] else y[r] for r in range(rows)))
        for jj in range(j):  # no two units alike
            yy = nodes[n + jj]
            diff = []
            for r in range(rows):
                d = c.var()
                c.add(-d, y[r], yy[r])
                c.add(-d, -y[r], -yy[r])
                diff.append(d)
            c.add(*diff)
    for j in range(k - 1):  # independent neighbours in increasing truth-table order (row 0 most significant)
        a, b = nodes[n + j], nodes[n + j + 1]
        dep = _uses(ms, hs, j + 1, n + j)
        eq = c.var()
        c.add(*dep, eq)
        for r in range(rows):
            c.add(-eq, -a[r], b[r])
            nxt = c.var()
            c.add(-eq, a[r], b[r], nxt)
            c.add(-eq, -a[r], -b[r], nxt)
            eq = nxt
        c.add(-eq)


def _levels(c: _Clauses, n: int, k: int, ms, hs) -> list[list[int]]:
    """level[j][d-1] <=> unit j sits at depth >= d + 1 (every unit is at depth >= 1)."""
    level: list[list[int]] = []
    for j in range(k):
        lv = [c.var() for _ in range(k - 1)]
        for d in range(1, k - 1):
            c.add(-lv[d], lv[d - 1])
        for i in range(j):
            for x in _uses(ms, hs, j, n + i):
                c.add(-x, lv[0])
                for d in range(1, k - 1):
                    if d - 1 < len(level[i]):
                        c.add(-x, -level[i][d - 1], lv[d])
        level.append(lv)
    return level
