"""Merging a state's incoming pair units into one MP unit, when an exact LP shows that this is possible.

In Minsky's construction the units of the pairs (p, a) with δ(p, a) = q all signal "now in state q". One unit
can do their work alone iff, with one weight per state signal w_p, one per symbol line v_a and a threshold θ,
``w_p + v_a ≥ θ`` exactly on the predecessor set of q (and a lone state signal or a lone symbol stays below θ,
so the unit is silent once a string has ended). Substituting z_a = θ − v_a turns every constraint into a
difference of two variables, so the constraint matrix is totally unimodular: the LP is exact (an integral vertex
exists whenever the LP is feasible), and HiGHS's MILP returns integer weights directly. Every plan is then
checked on all (state, symbol) pairs in integer arithmetic before it is used.

A necessary and sufficient condition is that the rows of the predecessor matrix are nested (a Ferrers matrix);
it is checked first so that the LP runs only where it will succeed, and the LP finds the smallest weights.

Notes
-----
The rows-nested characterisation of threshold bipartite patterns is that of difference graphs (Hammer, Peled &
Sun 1990, *Difference graphs*, Discrete Appl. Math. 28, 35–44).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..core import MPUnit
from .dfa import DFA

__all__ = ["MergePlan", "plan_merges", "solve_merge"]


@dataclass(frozen=True, slots=True)
class MergePlan:
    """Integer weights of one merged unit: ``state_weights`` per state signal, ``symbol_weights`` per line."""

    state: str
    theta: int
    state_weights: tuple[tuple[str, int], ...]
    symbol_weights: tuple[tuple[str, int], ...]

    def unit(self, name: str, group: dict[str, list[str]], x: dict[str, str]) -> MPUnit:
        """The MP unit: each unit of state p's signal group listed w_p times, each symbol line v_a times."""
        exc: list[str] = []
        for p, w in self.state_weights:
            exc += [n for n in group[p] for _ in range(w)]
        for a, v in self.symbol_weights:
            exc += [x[a]] * v
        return MPUnit(name, self.theta, tuple(exc))


def _nested(m: np.ndarray) -> bool:
    rows = sorted({tuple(r) for r in m.astype(np.int8)}, key=sum)
    return all(np.all(np.array(a) <= np.array(b)) for a, b in pairwise(rows))


def solve_merge(m: np.ndarray) -> tuple[int, np.ndarray, np.ndarray] | None:
    """Smallest integer (θ, w, v) with ``w[p] + v[a] >= θ`` iff ``m[p, a]``, and ``w, v < θ``; None if none.

    Parameters
    ----------
    m : ndarray of bool, shape (n_states, n_symbols)

    Returns
    -------
    (theta, w, v) with w of shape (n_states,), v of shape (n_symbols,), or None.
    """
    m = np.asarray(m, dtype=bool)
    if not m.any() or not _nested(m):
        return None
    from scipy.optimize import Bounds, LinearConstraint, milp

    # identical rows (columns) get one variable: the LP stays tiny whatever the number of states
    rows, row_of = np.unique(m, axis=0, return_inverse=True)
    cols, col_of = np.unique(m.T, axis=0, return_inverse=True)
    nr, nc = len(rows), len(cols)
    n = nr + nc + 1  # variables: w per row class, v per column class, theta
    a_ub, b_ub = [], []
    for i in range(nr):
        for j in range(nc):
            r = np.zeros(n)
            r[i], r[nr + j], r[-1] = 1, 1, -1
            hit = rows[i][np.flatnonzero(col_of == j)[0]]
            a_ub.append(-r if hit else r)
            b_ub.append(0 if hit else -1)
    for k in range(nr + nc):  # a lone state signal or a lone symbol line stays below theta
        r = np.zeros(n)
        r[k], r[-1] = 1, -1
        a_ub.append(r)
        b_ub.append(-1)
    cost = np.concatenate([np.bincount(row_of, minlength=nr), np.bincount(col_of, minlength=nc), [1]])
    res = milp(cost.astype(float), constraints=LinearConstraint(np.array(a_ub), -np.inf, np.array(b_ub)),
               integrality=np.ones(n), bounds=Bounds(np.r_[np.zeros(n - 1), 1], np.inf))
    if res.x is None:
        return None
    sol = np.rint(res.x).astype(np.int64)
    theta, w, v = int(sol[-1]), sol[:nr][row_of], sol[nr:nr + nc][col_of]
    fires = (w[:, None] + v[None, :]) >= theta
    if not np.array_equal(fires, m) or (w >= theta).any() or (v >= theta).any():
        return None  # exactness check in integers: never trust a rounded float
    return theta, w, v


def plan_merges(dfa: DFA, into: dict[str, list[tuple[str, str]]]) -> dict[str, MergePlan]:
    """Plans for every state of a complete ``dfa`` with two or more incoming pairs whose merge is realisable."""
    si = {q: i for i, q in enumerate(dfa.states)}
    ai = {a: j for j, a in enumerate(dfa.input_symbols)}
    plans = {}
    for q in dfa.states:
        if len(into[q]) < 2:
            continue  # nothing to save
        m = np.zeros((len(dfa.states), len(dfa.input_symbols)), dtype=bool)
        for p, a in into[q]:
            m[si[p], ai[a]] = True
        sol = solve_merge(m)
        if sol is None:
            continue
        theta, w, v = sol
        plans[q] = MergePlan(q, theta, tuple((p, int(w[si[p]])) for p in dfa.states if w[si[p]]),
                             tuple((a, int(v[ai[a]])) for a in dfa.input_symbols if v[ai[a]]))
    return plans
