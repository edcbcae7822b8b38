"""Multi-level resynthesis: windows of a compiled net replaced by their exact minimum where that saves units.

Two passes over a verified net (usually the two-level net of :func:`~neurosim.logic.compile_table`):

1. **Exact outputs.** An output whose cone reads at most :data:`EXACT_SUPPORT` (5) inputs gets the minimum net
   of its function over those inputs, with the table's don't-cares (for 4 inputs or fewer: minimised over the
   completions through the shipped table; for 5, by SAT); outputs sharing such a support are synthesised
   together, so that they share units (SAT). Outputs of 5 inputs that depend only on how many of them are
   active (parity, majority, the bits of a count: rd53) are searched among nets of *symmetric* units instead
   (every unit reads all the inputs alike; 6 count rows instead of 32, and W = 5): that space is far smaller,
   so SAT decides it within budget where the general search gives up (rd53: 4 units instead of 7; parity of 5:
   4 instead of 6), and the net found is the smallest of its kind, not a proven minimum. Every SAT call has a
   deterministic conflict budget; when it runs out the output keeps its two-level net.
2. **Windows.** Every unit's cuts of at most :data:`WINDOW_LEAVES` leaves are enumerated; the function of the
   unit over each cut is looked up in the table of minimum nets, and the window whose replacement frees the
   most units (its MFFC minus the new units) is rewritten; passes repeat until nothing is gained.

Both keep the function of every output on every care row (windows: exactly, on every row); the caller verifies
the whole net afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..core import MPNet
from .exact_synthesis import DEFAULT_MAX_WEIGHT, count_values, minimum_shape, weight_bound
from .minimum_table import TABLE_INPUTS, lookup
from .mp_cnf import NetShape
from .net_rewrite import Rewriter
from .npn import tt_from_values

__all__ = ["EXACT_SUPPORT", "WINDOW_LEAVES", "Resynthesis", "resynthesize", "table_care_values"]

#: outputs whose cone reads at most this many inputs are replaced by their exact minimum (4: the shipped table;
#: 5: SAT with a conflict budget)
EXACT_SUPPORT = 5
#: don't-cares are read from the table (2^n rows) only up to this many inputs
CARE_MAX_INPUTS = 16
#: cuts of at most this many leaves (the shipped table answers them instantly)
WINDOW_LEAVES = 4
#: cuts kept per node (the smallest first) and rewriting passes; both bound the time on large nets
MAX_CUTS = 12
MAX_PASSES = 6
#: conflicts per SAT call (sizes; then fewer synapses) when several outputs share a support or it has 5 inputs,
#: and the most don't-care rows completed through the table instead of SAT (2^8 look-ups)
GROUP_BUDGET = 1_000
OPTIMISE_BUDGET = 300
DC_COMPLETIONS = 8
#: outputs sharing a support are synthesised together up to this many outputs and units (else one by one)
GROUP_MAX_OUTPUTS = 3
GROUP_MAX_UNITS = 6


@dataclass(frozen=True, slots=True)
class Resynthesis:
    """The rewritten net and what was done.

    Attributes
    ----------
    net : MPNet
    exact : tuple of str
        Outputs now built by an exact minimum net over their support.
    symmetric : tuple of str
        Outputs now built by the smallest net of symmetric units found over their (5-input) support.
    changed : dict
        The exact outputs' functions (they may differ from before on don't-care rows): name -> (support input
        indices, values over the support, row r with the first support input as the top bit).
    windows : int
        Windows rewritten.
    units_before : int
    """

    net: MPNet
    exact: tuple[str, ...]
    symmetric: tuple[str, ...]
    changed: dict[str, tuple[tuple[int, ...], np.ndarray]]
    windows: int
    units_before: int


def _pad(values: np.ndarray, L: int) -> np.ndarray:
    """Values over L <= 4 leaves as a 4-input table that ignores the extra (last) inputs."""
    rows = np.arange(1 << TABLE_INPUTS)
    return values[rows >> (TABLE_INPUTS - L)]


def _table_shape(bits: np.ndarray, L: int) -> NetShape:
    """Minimum net of a fully specified function of L <= 4 leaves, from the shipped table."""
    return lookup(int(tt_from_values(_pad(bits, L)[None, :])[0])).shape


def _best_completion(values: np.ndarray, L: int) -> NetShape | None:
    """The minimum net over every completion of the don't-cares (fewest units, synapses, depth; first found)."""
    dc = np.flatnonzero(values < 0)
    if len(dc) > DC_COMPLETIONS:
        shape, *_ = minimum_shape(L, values[:, None], conflict_budget=GROUP_BUDGET, optimise_budget=OPTIMISE_BUDGET)
        return shape
    best, key = None, None
    for mask in range(1 << len(dc)):
        bits = np.where(values < 0, 0, values).astype(np.uint8)
        bits[dc] = (mask >> np.arange(len(dc))) & 1
        shape = _table_shape(bits, L)
        k = (len(shape.thresholds), shape.synapses, shape.depth())
        if key is None or k < key:
            best, key = shape, k
    return best


def _ascend(L: int, vals: np.ndarray, low: int, high: int) -> NetShape | None:
    """The first size from ``low`` to ``high`` at which SAT finds a net for ``vals`` (W = 3; each call within
    the conflict budget, stopping at the first undecided size), with fewer synapses within a small budget."""
    shape, *_ = minimum_shape(L, vals, max_weight=DEFAULT_MAX_WEIGHT, conflict_budget=GROUP_BUDGET,
                              optimise_budget=OPTIMISE_BUDGET, min_units=low, max_units=high)
    return shape


def _cofactor_bound(v: np.ndarray, L: int) -> int:
    """A lower bound on the units of any net (multiplicities <= 3) computing ``v`` over L = 5 inputs: the largest
    table minimum among its ten cofactors (fixing an input to a constant keeps every unit an MP unit of at most
    the same multiplicities, so a k-unit net of f gives one of <= k units for each cofactor); 1 when ``v`` has
    don't-cares."""
    if (v < 0).any():
        return 1
    bits = (np.arange(1 << L)[:, None] >> (L - 1 - np.arange(L))) & 1
    return max(len(_table_shape(v[bits[:, i] == b], L - 1).thresholds) for i in range(L) for b in (0, 1))


def _ascend_symmetric(L: int, vals: np.ndarray, high: int) -> NetShape | None:
    """As :func:`_ascend`, among nets of symmetric units (``vals`` symmetric on its care rows; W for L inputs)."""
    shape, *_ = minimum_shape(L, vals, max_weight=weight_bound(L), conflict_budget=GROUP_BUDGET,
                              optimise_budget=OPTIMISE_BUDGET, min_units=1, max_units=high, symmetric=True)
    return shape


def _support(rw: Rewriter, node: str) -> tuple[str, ...]:
    inputs = set(rw.inputs)
    cone = rw.cone(node, inputs)
    used = {s for u in cone for s in rw.units[u].sources if s in inputs} | ({node} & inputs)
    return tuple(x for x in rw.inputs if x in used)


def _replace_outputs(rw: Rewriter, names: list[str], sup: tuple[str, ...], care_values, changed, exact,
                     symmetric: list | None) -> bool:
    """Replace the cones of the outputs ``names`` (all reading only ``sup``) by one minimum net if smaller."""
    nodes = [dict(rw.outputs)[o] for o in names]
    if len(set(nodes)) < len(nodes) or not all(x in rw.units for x in nodes):
        return False
    freed = rw.mffc(nodes, sup)
    if len(freed) < 2:  # a cone that frees one unit cannot shrink
        return False
    vals = rw.function(nodes, sup).astype(np.int8)
    if care_values is not None and all(rw.refs[r] == 1 for r in nodes):  # used by these outputs only
        dc = [care_values(o, sup) for o in names]
        if all(v is not None for v in dc):
            vals = np.stack(dc, axis=1)
    L = len(sup)
    high = min(len(freed) - 1, GROUP_MAX_UNITS)
    kind = exact
    if len(names) == 1 and L <= TABLE_INPUTS:
        v = vals[:, 0]
        shape = _best_completion(v, L) if (v < 0).any() else _table_shape(v, L)
    elif symmetric is not None and L > TABLE_INPUTS and count_values(L, vals) is not None:  # that search only
        shape, kind = _ascend_symmetric(L, vals, high), symmetric
    else:  # several outputs, or 5 inputs: SAT, up to one unit less than the cone frees
        low = 1
        if L <= TABLE_INPUTS and not (vals < 0).any():
            low = max(len(_table_shape(vals[:, i], L).thresholds) for i in range(len(names)))
        elif L == TABLE_INPUTS + 1:
            low = max(_cofactor_bound(vals[:, i], L) for i in range(len(names)))
        if low > high:  # no net small enough to gain a unit can exist
            return False
        shape = _ascend(L, vals, low, high)
    if shape is None or len(shape.thresholds) >= len(freed):
        return False
    rw.replace(nodes, sup, shape, freed)
    got = shape.rows()[:: 1 << (shape.n - len(sup))]  # the padding inputs beyond the support read 0
    for i, o in enumerate(names):
        kind.append(o)
        changed[o] = (tuple(rw.inputs.index(x) for x in sup), got[:, shape.outputs[i]].astype(np.uint8))
    return True


def _exact_outputs(rw: Rewriter, care_values, changed: dict, exact: list, symmetric: list | None) -> None:
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, node in rw.outputs:
        if node in rw.units:
            sup = _support(rw, node)
            if len(sup) <= EXACT_SUPPORT:
                groups.setdefault(sup, []).append(name)
    for sup, names in groups.items():
        if 1 < len(names) <= GROUP_MAX_OUTPUTS and _replace_outputs(rw, names, sup, care_values, changed, exact,
                                                                    symmetric):
            continue
        for o in names:
            _replace_outputs(rw, [o], sup, care_values, changed, exact, symmetric)


def _cuts(rw: Rewriter) -> dict[str, list[tuple[str, ...]]]:
    """Up to MAX_CUTS cuts of at most WINDOW_LEAVES leaves per unit (smallest first, then by name)."""
    cuts: dict[str, list[frozenset[str]]] = {x: [frozenset((x,))] for x in rw.inputs}
    for name in rw.net().topological_units():
        u = rw.units[name.name]
        merged = [frozenset()]
        for s in sorted(u.sources):
            nxt = {c | d for c in merged for d in cuts[s] if len(c | d) <= WINDOW_LEAVES}
            merged = sorted(nxt, key=lambda c: (len(c), sorted(c)))[:MAX_CUTS]
            if not merged:
                break
        cuts[u.name] = [frozenset((u.name,)), *merged]
    pos = {n: i for i, n in enumerate((*rw.inputs, *rw.order))}  # leaves in net order: inputs first
    return {k: [tuple(sorted(c, key=pos.__getitem__)) for c in v[1:]] for k, v in cuts.items() if k in rw.units}


def _window_pass(rw: Rewriter) -> int:
    """Rewrite every profitable window that does not overlap one rewritten before it in this pass (largest gain
    first); returns the number rewritten."""
    candidates = []
    pos = {name: i for i, name in enumerate(rw.order)}
    for root, cuts in _cuts(rw).items():
        for leaves in cuts:
            if not leaves:
                continue
            freed = rw.mffc([root], leaves)
            if len(freed) < 2:
                continue
            shape = _table_shape(rw.function([root], leaves)[:, 0], len(leaves))
            gain = len(freed) - len(shape.thresholds)
            if gain > 0:
                candidates.append((-gain, pos[root], leaves, root, shape, freed))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    touched: set[str] = set()  # cones, leaves and freed units of the windows rewritten in this pass
    gone: set[str] = set()  # nodes that no longer exist
    done = 0
    for _, _, leaves, root, shape, freed in candidates:
        cone = set(rw.cone(root, leaves))
        if root not in rw.units or cone & touched or set(leaves) & gone:
            continue
        if freed & touched or rw.mffc([root], leaves) != freed:  # an earlier rewrite freed or reused part of it
            continue
        rw.replace([root], leaves, shape, freed)
        touched |= cone | set(leaves) | freed
        gone |= freed - set(rw.units)
        done += 1
    return done


def resynthesize(net: MPNet, *, care_values: Callable[[str, tuple[str, ...]], np.ndarray] | None = None,
                 windows: bool = True, exact_outputs: bool = True, max_passes: int = MAX_PASSES,
                 symmetric: bool = True) -> Resynthesis:
    """Rewrite ``net`` with exact minimum nets where that saves units.

    Parameters
    ----------
    net : MPNet
        Feedforward.
    care_values : callable(output name, support input names) -> ndarray (2^s,) int8 or None, optional
        The table's values of an output over a support (1, 0, -1 for a don't-care), so that an output may spend
        its don't-cares (see :func:`table_care_values`); without it only the net's own function is used.
    windows, exact_outputs : bool
        Which passes to run.
    symmetric : bool
        Search 5-input symmetric outputs among nets of symmetric units (else by the general search).
    max_passes : int
        Window passes at most (each rewrites every profitable window that overlaps no other).

    Returns
    -------
    Resynthesis
    """
    rw = Rewriter(net)
    before = len(rw.units)
    changed: dict = {}
    exact: list[str] = []
    found: list[str] = []
    if exact_outputs:
        _exact_outputs(rw, care_values, changed, exact, found if symmetric else None)
    done = 0
    for _ in range(max_passes if windows else 0):
        k = _window_pass(rw)
        done += k
        if not k:
            break
    return Resynthesis(rw.net(), tuple(exact), tuple(found), changed, done, before)


def table_care_values(table) -> Callable[[str, tuple[str, ...]], np.ndarray | None] | None:
    """The table's values of an output over a support, don't-cares included (tables of at most
    :data:`CARE_MAX_INPUTS` inputs; None beyond, or when the output depends on more than the support)."""
    n = len(table.inputs)
    if n > CARE_MAX_INPUTS:
        return None
    full = table.to_values()
    rows = np.arange(1 << n)

    def values(name: str, sup: tuple[str, ...]) -> np.ndarray | None:
        col = full[:, table.outputs.index(name)]
        idx = np.zeros(len(rows), np.int64)
        for x in sup:
            idx = (idx << 1) | ((rows >> (n - 1 - table.inputs.index(x))) & 1)
        on = np.bincount(idx[col == 1], minlength=1 << len(sup)) > 0
        off = np.bincount(idx[col == 0], minlength=1 << len(sup)) > 0
        if (on & off).any():
            return None
        return np.where(on, 1, np.where(off, 0, -1)).astype(np.int8)

    return values
