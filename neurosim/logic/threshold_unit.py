"""Single-unit realisations: which Boolean functions one McCulloch–Pitts unit computes, with fewest synapses.

With absolute inhibition and non-negative integer synapse counts, one unit computes exactly the functions

    f(x) = [no veto variable is 1] AND [Σ_i w_i x_i ≥ θ],   w_i ≥ 0 integers,

so a negated variable can only enter as a veto. :func:`find_threshold_unit` decides whether an incompletely
specified function (ON and OFF given as cubes) has such a form, by an exact integer program that also minimises
the synapse count ``Σ w_i + |vetoes|``.

Notes
-----
McCulloch & Pitts (1943) units with absolute inhibition; the ILP over cube corners uses that a unit's sum is
monotone in the excitatory variables, so an ON cube only needs its lowest corner above θ and an OFF cube its
highest corner (with veto variables at 0) below θ. Solved by HiGHS through :func:`scipy.optimize.milp`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ParameterError
from .covers import n_words
from .milp import solve_milp

__all__ = ["NODE_LIMIT", "ThresholdUnit", "find_threshold_unit"]

#: branch-and-bound nodes for the synapse-minimising ILP (a work limit, the same on every machine; MCNC outputs
#: need at most a few hundred, benchmarks/bench_compile.py)
NODE_LIMIT = 20000


@dataclass(frozen=True, slots=True)
class ThresholdUnit:
    """One MP unit over the inputs.

    Attributes
    ----------
    weights : tuple of int, length n
        Excitatory synapse counts per input (0 = no synapse).
    threshold : int
        θ ≥ 0.
    vetoes : tuple of int
        Indices of inputs with an inhibitory synapse.
    """

    weights: tuple[int, ...]
    threshold: int
    vetoes: tuple[int, ...]

    def __post_init__(self) -> None:
        if any(w < 0 for w in self.weights) or self.threshold < 0:
            raise ParameterError("weights and threshold must be non-negative")

    @property
    def synapses(self) -> int:
        return sum(self.weights) + len(self.vetoes)

    def evaluate(self, x: np.ndarray) -> np.ndarray:
        """Outputs for rows ``x`` of shape (B, n) in {0, 1}: (B,) uint8."""
        x = np.asarray(x, dtype=np.int64)
        fire = x @ np.asarray(self.weights, dtype=np.int64) >= self.threshold
        if self.vetoes:
            fire &= ~x[:, list(self.vetoes)].any(axis=1)
        return fire.astype(np.uint8)


def _bits(a: np.ndarray, n: int) -> np.ndarray:
    """(N, W) uint64 -> (N, n) bool."""
    if len(a) == 0:
        return np.zeros((0, n), dtype=bool)
    return np.unpackbits(a.view(np.uint8), axis=1, bitorder="little")[:, :n].astype(bool)


def find_threshold_unit(on_care: np.ndarray, on_val: np.ndarray, off_care: np.ndarray, off_val: np.ndarray,
                        n: int, *, max_weight: int = 64, node_limit: int = NODE_LIMIT,
                        time_limit: float | None = None, stops: list[str] | None = None) -> ThresholdUnit | None:
    """The single MP unit with fewest synapses that is 1 on every ON point and 0 on every OFF point.

    Parameters
    ----------
    on_care, on_val, off_care, off_val : ndarray, shape (N, W), uint64
        ON-set and OFF-set covers (points in neither are don't-cares).
    n : int
        Number of inputs.
    max_weight : int
        Largest synapse count per input considered (every threshold function of ≤ 8 inputs needs < 64).
    node_limit : int
        Branch-and-bound nodes for the solver (a deterministic work limit); when it stops there, the best unit
        found is returned (correct, its synapse count not proven minimal).
    time_limit : float, optional
        Seconds for the solver, only if the caller wants a clock (the result then depends on the machine); a stop
        by it is appended to ``stops``.
    stops : list of str, optional
        Receives a line when a limit stopped the solve.

    Returns
    -------
    ThresholdUnit or None
        None when no single unit realises the function (within ``max_weight``).
    """
    from scipy.optimize import Bounds, LinearConstraint

    assert on_care.shape[1] == n_words(n)
    on_c, on_v = _bits(on_care, n), _bits(on_val, n)
    off_c, off_v = _bits(off_care, n), _bits(off_val, n)
    on_lo = on_v  # lowest corner of each ON cube: its positive literals
    # a variable may veto only if every ON point has it at 0
    eligible = ~(~on_c | on_v).any(axis=0) if len(on_c) else np.ones(n, dtype=bool)
    elig = np.flatnonzero(eligible)
    off_hi = ~off_c | off_v  # highest corner of each OFF cube
    off_one = (off_c & off_v)[:, elig]  # OFF cube has the literal 1 on an eligible variable: a veto can kill it
    big = n * max_weight + 1
    if not _separable(on_lo, off_hi, off_one, eligible):
        return None
    nv = len(elig)
    # variables: w (n), theta (1), v (nv)
    c = np.concatenate([np.ones(n), [0.5 / big], np.ones(nv)])  # then the smallest θ
    rows, lb, ub = [], [], []
    for lo in on_lo:  # Σ w·lo − θ ≥ 0
        rows.append(np.concatenate([lo.astype(float), [-1.0], np.zeros(nv)]))
        lb.append(0.0)
        ub.append(np.inf)
    for hi, one in zip(off_hi, off_one, strict=True):  # Σ w·hi − θ − big·Σ v[one] ≤ −1
        rows.append(np.concatenate([hi.astype(float), [-1.0], -big * one.astype(float)]))
        lb.append(-np.inf)
        ub.append(-1.0)
    for k, i in enumerate(elig):  # a veto variable carries no excitatory synapse: w_i + max_weight·v_i ≤ max_weight
        r = np.zeros(n + 1 + nv)
        r[i] = 1.0
        r[n + 1 + k] = max_weight
        rows.append(r)
        lb.append(-np.inf)
        ub.append(float(max_weight))
    upper = np.concatenate([np.full(n, max_weight), [big], np.ones(nv)])
    cons = LinearConstraint(np.array(rows), lb, ub) if rows else None
    res = solve_milp(c, constraints=cons, integrality=np.ones(n + 1 + nv), bounds=Bounds(0, upper),
                     node_limit=node_limit, time_limit=time_limit)
    if res.stopped_by is not None and stops is not None:
        stops.append(f"threshold unit: {res.stopped_by}")
    if res.x is None:
        return None
    x = np.round(res.x).astype(int)
    vetoes = tuple(int(elig[k]) for k in range(nv) if x[n + 1 + k])
    weights = tuple(int(w) if i not in vetoes else 0 for i, w in enumerate(x[:n]))
    theta = int(x[n])
    return ThresholdUnit(weights, theta, vetoes)


def _corner_above(lo: np.ndarray, hi: np.ndarray) -> bool:
    """Whether some OFF corner lies at or above some ON corner (every 1 of ``lo[i]`` is a 1 of ``hi[j]``): then no
    non-negative weights separate them (w·hi >= w·lo >= θ), and the LP need not be asked. Most outputs that are
    no threshold function end here (cps: 66 LPs, 0.3 s, before)."""
    n = lo.shape[1]
    width = max(1, (n + 63) // 64) * 64

    def packed(x: np.ndarray) -> np.ndarray:
        x = np.concatenate([x, np.zeros((len(x), width - n), bool)], axis=1)
        return np.packbits(x, axis=1, bitorder="little").view(np.uint64)

    a, b = packed(lo), packed(~hi)
    # (256, |OFF|, words) at a time
    return any((~(a[s:s + 256, None, :] & b[None, :, :]).any(axis=2)).any() for s in range(0, len(a), 256))


def _separable(on_lo: np.ndarray, off_hi: np.ndarray, off_one: np.ndarray, eligible: np.ndarray) -> bool:
    """LP test with every eligible variable as a veto: a single unit exists iff this LP is feasible.

    Vetoing every variable that no ON point sets is never worse for feasibility (an OFF point with such a
    variable at 1 is rejected, ON points are untouched), so the question becomes linear separability of the
    remaining corners, which an LP decides; a rational solution scales to integer weights.
    """
    from scipy.optimize import linprog

    keep = ~off_one.any(axis=1) if off_one.shape[1] else np.ones(len(off_hi), dtype=bool)
    hi = off_hi[keep] & ~eligible
    n = on_lo.shape[1]
    if len(on_lo) == 0 or len(hi) == 0:
        return True
    if _corner_above(on_lo, hi):
        return False
    # variables w (n), theta; ON: theta - w.lo <= 0 ; OFF: w.hi - theta <= -1
    a = np.concatenate([np.concatenate([-on_lo.astype(float), np.ones((len(on_lo), 1))], axis=1),
                        np.concatenate([hi.astype(float), -np.ones((len(hi), 1))], axis=1)])
    bnd = np.concatenate([np.zeros(len(on_lo)), -np.ones(len(hi))])
    res = linprog(np.zeros(n + 1), A_ub=a, b_ub=bnd, bounds=[(0, None)] * (n + 1), method="highs")
    return res.status == 0
