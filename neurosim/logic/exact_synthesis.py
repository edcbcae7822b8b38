"""The provably smallest McCulloch–Pitts net of a small truth table, with its certificate.

:func:`minimum_net` asks a SAT solver, for k = 0, 1, 2, …, whether some net of k units computes the table
(the search space of :mod:`neurosim.logic.mp_cnf`: feedforward nets, excitatory multiplicities 1 … W, absolute
vetoes, integer θ ≥ 0, outputs on inputs or units). The first satisfiable k is the minimum; every smaller k is
recorded with the solver's UNSAT verdict and, on request, the DRAT proof of that verdict, which an independent
checker (drat-trim, or ``tests/oracles/drat.py``) verifies against the recorded CNF. Among the minimum nets it
then finds one with the fewest synapses, and among those one of least depth (both by SAT with a cardinality
bound, proven optimal unless a conflict budget ran out).

The weight bound. Every positive threshold function of e variables has an integer realisation with weights at
most w*(e) = 1, 1, 2, 3, 5 for e = 1 … 5 (Muroga, Toda & Takasu 1961 bound it by (e+1)^((e+1)/2) / 2^e: 3.49
for e = 4, 6.75 for e = 5; ``tests/logic/test_exact_synthesis.py`` enumerates the functions and finds weights
<= 3 and <= 5 enough, 2 and 4 not), so W = 3 (tables of <= 4 inputs) loses nothing for units with at most four
excitatory sources, and W = 5 (5 inputs) nothing for units with at most five. A net whose only realisations need
a unit with more excitatory sources *and* a larger multiplicity lies outside the search; "minimum" then means
minimum over multiplicities <= W, and the certificate names W (``benchmarks/bench_minimum.py --check-weight 5``
re-decides every class of the 4-input table with W = 5).

Notes
-----
Deterministic: the solvers are run without time limits, and a ``conflict_budget`` (a count, not seconds) is the
only limit; when it runs out the result says so (``minimum`` false) instead of changing silently.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import MPNet, MPUnit, fresh_name
from ..errors import ParameterError
from .mp_cnf import MPFormula, NetShape, encode

__all__ = ["DEFAULT_MAX_WEIGHT", "MINIMUM_MAX_INPUTS", "SOLVERS", "MinimumResult", "SizeVerdict", "minimum_net",
           "minimum_shape", "weight_bound"]

#: W: the largest excitatory multiplicity searched for tables of <= 4 inputs (lossless for units with <= 4
#: excitatory sources); 5-input tables use :data:`MAX_WEIGHT_5` (lossless for <= 5)
DEFAULT_MAX_WEIGHT = 3
MAX_WEIGHT_5 = 5


def weight_bound(n: int) -> int:
    """The default W for an n-input table: the largest weight any positive threshold function of max(n, 4)
    variables needs (3 for 4 variables, 5 for 5; Muroga 1971, checked by enumeration in the tests)."""
    return DEFAULT_MAX_WEIGHT if n <= 4 else MAX_WEIGHT_5
#: tables wider than this are refused (2^n rows per unit in the formula; 5 inputs is already slow at 6+ units)
MINIMUM_MAX_INPUTS = 5
#: SAT solvers of python-sat that log DRAT proofs and honour conflict budgets; the first is the default
#: (benchmarks/bench_minimum.py --solvers compares them on the 4-input table)
SOLVERS = ("cadical153", "glucose4", "maplechrono")


@dataclass(frozen=True, slots=True)
class SizeVerdict:
    """The solver's answer for one size: is there a net of ``units`` units?

    Attributes
    ----------
    units : int
    satisfiable : bool or None
        None when the conflict budget ran out first.
    variables, clauses, conflicts : int
    cnf_sha256, proof_sha256 : str or None
        Digests of the DIMACS text and of the DRAT proof (an UNSAT verdict with ``proof=True``).
    """

    units: int
    satisfiable: bool | None
    variables: int
    clauses: int
    conflicts: int
    cnf_sha256: str | None = None
    proof_sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"units": self.units, "satisfiable": self.satisfiable, "variables": self.variables,
             "clauses": self.clauses, "conflicts": self.conflicts}
        if self.cnf_sha256 is not None:
            d["cnf_sha256"] = self.cnf_sha256
        if self.proof_sha256 is not None:
            d["proof_sha256"] = self.proof_sha256
        return d


@dataclass(frozen=True, slots=True)
class MinimumResult:
    """A minimum net and the certificate of its minimality.

    Attributes
    ----------
    net : MPNet
    minimum : bool
        True when every smaller size was proven impossible (within ``max_weight``).
    sizes : tuple of SizeVerdict
        One verdict per size tried, smallest first; the last is the net's size (satisfiable).
    synapses_minimum, depth_minimum : bool
        Whether the secondary objectives were proven optimal (fewest synapses among minimum nets, then least
        depth among those).
    max_weight : int
    solver : str
    seconds : float
    proofs : tuple of (int, str, str)
        ``(units, DIMACS CNF, DRAT proof)`` for every impossible size, when asked for (``proof=True``).
    """

    net: MPNet
    minimum: bool
    sizes: tuple[SizeVerdict, ...]
    synapses_minimum: bool
    depth_minimum: bool
    max_weight: int
    solver: str
    seconds: float
    proofs: tuple[tuple[int, str, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def impossible(self) -> tuple[int, ...]:
        """The sizes proven impossible."""
        return tuple(v.units for v in self.sizes if v.satisfiable is False)

    def certificate(self) -> dict[str, Any]:
        """The summary recorded in ``--json``: ``minimum``, the impossible sizes, each verdict."""
        return {"minimum": self.minimum, "impossible_sizes": list(self.impossible),
                "synapses_minimum": self.synapses_minimum, "depth_minimum": self.depth_minimum,
                "max_weight": self.max_weight, "solver": self.solver,
                "search": "feedforward MP nets, excitatory multiplicity 1..W, absolute vetoes, integer θ >= 0",
                "sizes": [v.to_dict() for v in self.sizes]}


def _dimacs(f: MPFormula) -> str:
    lines = [f"p cnf {f.top} {len(f.clauses)}"]
    lines += [" ".join(map(str, c)) + " 0" for c in f.clauses]
    return "\n".join(lines) + "\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("ascii")).hexdigest()


class _Search:
    """One solver session per size; proofs logged on request."""

    def __init__(self, n: int, values: np.ndarray, inputs_for: list[int | None], *, max_weight: int, solver: str,
                 proof: bool, budget: int | None, optimise_budget: int | None, symmetric: bool = False) -> None:
        self.n, self.values, self.inputs_for, self.symmetric = n, values, inputs_for, symmetric
        self.w, self.solver, self.proof, self.budget = max_weight, solver, proof, budget
        self.optimise_budget = optimise_budget
        self.proofs: list[tuple[int, str, str]] = []

    def _solve(self, s, assumptions=(), budget: int | None = None) -> bool | None:
        if budget is None:
            return s.solve(assumptions=list(assumptions))
        s.conf_budget(budget)
        return s.solve_limited(assumptions=list(assumptions))

    def size(self, k: int):
        from pysat.solvers import Solver

        f = encode(self.n, k, self.values, max_weight=self.w, input_outputs=self.inputs_for,
                   symmetric=self.symmetric)
        s = Solver(name=self.solver, bootstrap_with=f.clauses, with_proof=self.proof)
        s.set_phases([-x for x in f.synapse_literals()])  # look for sparse nets first (heuristic only)
        sat = self._solve(s, budget=self.budget)
        conflicts = int(s.accum_stats().get("conflicts", 0))
        cnf_sha = proof_sha = None
        if self.proof and sat is False:
            cnf = _dimacs(f)
            drat = "\n".join(s.get_proof()) + "\n"
            cnf_sha, proof_sha = _sha(cnf), _sha(drat)
            self.proofs.append((k, cnf, drat))
        verdict = SizeVerdict(k, sat, f.top, len(f.clauses), conflicts, cnf_sha, proof_sha)
        return verdict, f, s

    def optimise(self, f: MPFormula, s, model: list[int]) -> tuple[NetShape, bool, bool]:
        """Fewest synapses, then least depth, from a first model (linear search down with a totalizer)."""
        from pysat.card import ITotalizer

        shape = f.decode(model)
        lits = f.synapse_literals()
        tot = ITotalizer(lits=lits, ubound=shape.synapses, top_id=f.top)
        for cl in tot.cnf.clauses:
            s.add_clause(cl)
        syn_ok = True
        best = shape.synapses
        while best > 0:
            r = self._solve(s, [-tot.rhs[best - 1]], self.optimise_budget)
            if r is None:
                syn_ok = False
                break
            if not r:
                break
            shape = f.decode(s.get_model())
            best = shape.synapses
        bound = [-tot.rhs[best]] if best < len(tot.rhs) else []
        depth_ok = True
        top = max(tot.top_id, f.top)
        depth = shape.depth()
        while depth > 1:
            top += 1
            act = top  # act => no output sits at depth >= depth
            for sel in f.out:
                for v, x in sel.items():
                    if v >= f.n and depth - 2 < len(f.level[v - f.n]):
                        s.add_clause([-act, -x, -f.level[v - f.n][depth - 2]])
            r = self._solve(s, [*bound, act], self.optimise_budget)
            if r is None:
                depth_ok = False
                break
            if not r:
                break
            shape = f.decode(s.get_model())
            depth = shape.depth()
        tot.delete()
        return shape, syn_ok, depth_ok


def _inputs_for(n: int, values: np.ndarray) -> list[int | None]:
    """Per output, the first input that agrees with it on every care row (it then costs no unit)."""
    r = np.arange(len(values))
    out: list[int | None] = []
    for o in range(values.shape[1]):
        care = values[:, o] >= 0
        hit = None
        for i in range(n):
            if (((r >> (n - 1 - i)) & 1)[care] == values[care, o]).all():
                hit = i
                break
        out.append(hit)
    return out


def count_values(n: int, values: np.ndarray) -> np.ndarray | None:
    """The outputs as functions of the number of active inputs, ``(n + 1, m)`` of 1/0/-1 (-1: no care row has
    that count), or None when some output is not symmetric on its care rows.

    Parameters
    ----------
    n : int
    values : ndarray (2^n, m) of 1/0/-1
        Row r has the first input as its top bit.
    """
    values = np.asarray(values, dtype=np.int8)
    r = np.arange(1 << n)
    count = sum(((r >> i) & 1) for i in range(n))
    out = np.full((n + 1, values.shape[1]), -1, np.int8)
    for o in range(values.shape[1]):
        care = values[:, o] >= 0
        ones = np.bincount(count[care], weights=values[care, o].astype(np.int64), minlength=n + 1)
        rows = np.bincount(count[care], minlength=n + 1)
        if ((ones > 0) & (ones < rows)).any():  # one count with both values
            return None
        out[rows > 0, o] = (ones[rows > 0] > 0).astype(np.int8)
    return out


def minimum_shape(n: int, values: np.ndarray, *, max_weight: int | None = None, solver: str = SOLVERS[0],
                  proof: bool = False, conflict_budget: int | None = None, max_units: int | None = None,
                  optimise: bool = True, optimise_budget: int | None = None, min_units: int = 0,
                  symmetric: bool = False) -> tuple[NetShape | None, list[SizeVerdict], bool, bool, list]:
    """The search on a value array ``(2^n, m)`` of 1/0/-1: (shape or None, verdicts, synapses optimal, depth
    optimal, proofs). Outputs that equal an input cost nothing and are taken as that input. Sizes below
    ``min_units`` are not tried (the caller knows them impossible; the result then proves nothing about them).
    ``symmetric``: among nets of symmetric units only (:func:`.mp_cnf.encode`; every output must be symmetric
    on its care rows, see :func:`count_values`): a net, never a proof of minimality."""
    values = np.asarray(values, dtype=np.int8)
    max_weight = weight_bound(n) if max_weight is None else max_weight
    inputs_for = _inputs_for(n, values)
    if symmetric:
        counts = count_values(n, values)
        if counts is None:
            raise ParameterError("a symmetric search needs outputs that depend only on the number of active "
                                 "inputs; found one that does not")
        values, proof = counts, False
        inputs_for = [None] * values.shape[1] if n >= 2 else inputs_for
    search = _Search(n, values, inputs_for, max_weight=max_weight, solver=solver, proof=proof,
                     budget=conflict_budget, optimise_budget=optimise_budget if optimise_budget is not None
                     else conflict_budget, symmetric=symmetric)
    verdicts: list[SizeVerdict] = []
    limit = max_units if max_units is not None else (1 << n) * values.shape[1] + 1
    if all(i is not None for i in inputs_for):  # nothing to build
        f = encode(n, 0, values, max_weight=max_weight, input_outputs=inputs_for)
        verdicts.append(SizeVerdict(0, True, f.top, len(f.clauses), 0))
        return NetShape(n, (), (), (), tuple(int(i) for i in inputs_for)), verdicts, True, True, []
    for k in range(min_units, limit + 1):
        v, f, s = search.size(k)
        verdicts.append(v)
        if v.satisfiable:
            model = s.get_model()
            if optimise:
                shape, syn_ok, depth_ok = search.optimise(f, s, model)
            else:
                shape, syn_ok, depth_ok = f.decode(model), False, False
            s.delete()
            return shape, verdicts, syn_ok, depth_ok, search.proofs
        s.delete()
        if v.satisfiable is None:
            break
    return None, verdicts, False, False, search.proofs


def shape_to_net(shape: NetShape, inputs: tuple[str, ...], outputs: tuple[str, ...], base: str = "n") -> MPNet:
    """An :class:`MPNet` from a decoded shape; units are named ``n1``, ``n2``, … (fresh against the inputs)."""
    taken = set(inputs) | set()
    names = list(inputs)
    units = []
    for j, (th, exc, inh) in enumerate(zip(shape.thresholds, shape.excitatory, shape.inhibitory, strict=True)):
        name = fresh_name(f"{base}{j + 1}", taken)
        taken.add(name)
        units.append(MPUnit(name, th, tuple(names[s] for s, w in exc for _ in range(w)),
                            tuple(names[s] for s in inh)))
        names.append(name)
    return MPNet(inputs, tuple(units), tuple((o, names[v]) for o, v in zip(outputs, shape.outputs, strict=True)))


def minimum_net(table: Any, *, max_weight: int | None = None, solver: str = SOLVERS[0], proof: bool = False,
                conflict_budget: int | None = None, max_units: int | None = None) -> MinimumResult:
    """The McCulloch–Pitts net with the fewest units that computes ``table``, with a proof of minimality.

    Parameters
    ----------
    table : TruthTable
        At most :data:`MINIMUM_MAX_INPUTS` inputs; don't-cares are used; outputs share units.
    max_weight : int, optional
        W, the largest excitatory multiplicity searched; default :func:`weight_bound` (3 up to 4 inputs, 5 for
        5; see the module notes for what it loses).
    solver : str
        One of :data:`SOLVERS` (python-sat's CaDiCaL 1.5.3 by default).
    proof : bool
        Keep the DIMACS formula and DRAT proof of every impossible size (``result.proofs``).
    conflict_budget : int, optional
        Conflicts allowed per solver call; when spent, ``minimum`` (or the secondary flags) is False.
    max_units : int, optional
        Stop before trying more units; the result then has no net if none was found (ParameterError).

    Returns
    -------
    MinimumResult

    Examples
    --------
    >>> from neurosim.logic import TruthTable
    >>> xor = TruthTable(("a", "b"), ("y",), (("01", "1"), ("10", "1")))
    >>> r = minimum_net(xor)
    >>> len(r.net.units), r.impossible
    (2, (0, 1))
    """
    if max_weight is not None and (not isinstance(max_weight, int) or max_weight < 1):
        raise ParameterError(f"max_weight must be an integer >= 1, found {max_weight!r}")
    if solver not in SOLVERS:
        raise ParameterError(f"solver must be one of {', '.join(SOLVERS)}, found {solver!r}")
    n = len(table.inputs)
    if n > MINIMUM_MAX_INPUTS:
        raise ParameterError(f"the minimum-net search takes tables of at most {MINIMUM_MAX_INPUTS} inputs, found "
                             f"{n}; use method 'auto', which applies it to small parts of the net")
    t0 = time.perf_counter()
    max_weight = weight_bound(n) if max_weight is None else max_weight
    shape, verdicts, syn_ok, depth_ok, proofs = minimum_shape(
        n, table.to_values(), max_weight=max_weight, solver=solver, proof=proof, conflict_budget=conflict_budget,
        max_units=max_units)
    if shape is None:
        raise ParameterError(f"no net of at most {verdicts[-1].units} units was found "
                             f"({'conflict budget spent' if verdicts[-1].satisfiable is None else 'max_units'})")
    net = shape_to_net(shape, tuple(table.inputs), tuple(table.outputs))
    minimum = all(v.satisfiable is False for v in verdicts[:-1])
    return MinimumResult(net, minimum, tuple(verdicts), syn_ok and minimum, depth_ok and syn_ok and minimum,
                         max_weight, solver, round(time.perf_counter() - t0, 4), tuple(proofs))
