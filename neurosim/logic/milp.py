"""The one way the compiler calls HiGHS (:func:`scipy.optimize.milp`): work limits, never the clock by default.

An exact result must not depend on the machine or its load (DESIGN §2), so every ILP of the compiler (the minimum
cover, the exact choice among the heuristic's primes, the threshold unit) runs under a branch-and-bound *node*
limit, which HiGHS counts the same way on any machine (its MIP solver is deterministic), and the callers skip
instances too large for the root node by their size alone. A wall-clock limit is only ever the user's choice
(``time_limit=``); when it is what stopped a solve, :class:`MilpOutcome` says so and the compile summary reports it.

Notes
-----
Huangfu & Hall, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10 (2018) (HiGHS); scipy's
``milp`` documents ``node_limit`` as the number of LP relaxations solved before stopping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["MilpOutcome", "solve_milp"]


@dataclass(frozen=True, slots=True)
class MilpOutcome:
    """What one solve gave.

    Attributes
    ----------
    x : ndarray or None
        The best solution found (None when none was).
    optimal : bool
        Proven optimal.
    stopped_by : str or None
        ``"node limit"`` or ``"time limit"`` when a limit ended the search, None otherwise.
    """

    x: np.ndarray | None
    optimal: bool
    stopped_by: str | None


def solve_milp(c: Any, *, constraints: Any, integrality: Any, bounds: Any, node_limit: int,
               time_limit: float | None = None, gap: float | None = None) -> MilpOutcome:
    """``milp`` with a node limit (and the user's time limit, if any), its outcome classified; ``gap``, HiGHS's
    relative MIP gap, lets an improvement step (never a proof) stop at a solution that close to the bound."""
    from scipy.optimize import milp

    options: dict[str, Any] = {"node_limit": int(node_limit)}
    if gap is not None:
        options["mip_rel_gap"] = float(gap)
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = milp(c, constraints=constraints, integrality=integrality, bounds=bounds, options=options)
    message = str(res.message).lower()
    stopped = None
    if res.status == 1:  # scipy's "iteration or time limit"; the node limit is the only iteration limit set
        stopped = "time limit" if "time limit" in message else "node limit"
    elif res.status == 4 and "solution limit" in message:  # HiGHS reports mip_max_nodes as kSolutionLimit
        stopped = "node limit"
    return MilpOutcome(None if res.x is None else np.asarray(res.x), res.status == 0, stopped)
