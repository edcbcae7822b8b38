"""Boolean function -> McCulloch–Pitts net: minimised two-level covers, single threshold units, symmetric units.

:func:`compile_table` minimises the table's multi-output cover (:mod:`neurosim.minimize`), then for each output
picks the smallest correct realisation: the sum of products (one unit per product term, shared between outputs,
plus an OR unit when the output has more than one term), one threshold unit with vetoes
(:mod:`neurosim.threshold`), or count-interval units for a symmetric function (:mod:`neurosim.symmetric`).

Notes
-----
McCulloch & Pitts (1943) showed that every Boolean function is computed by a net of their units; the product
unit (θ = number of positive literals, negated literals inhibitory) and the OR unit (θ = 1) are their figures
1e–1h. Two-level minimisation cuts the unit count; threshold and symmetric units cut it further where a function
has that structure.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import numpy as np

from ..core import HTMLRepr, MPNet, MPUnit, fresh_name
from ..errors import CoverTooLarge, NeurosimError, ParameterError
from .covers import MOCover, merge_outputs, universe_cover
from .cubes import format_cubes
from .espresso import OFFSET_LIMIT, OffsetCache, output_offset
from .output_phase import choose_phases, two_phase_problem
from .pla_cover import NetCover, net_cover
from .stages import StageListener, reporting, stage
from .symmetric import count_intervals, symmetric_profile
from .threshold_unit import ThresholdUnit, find_threshold_unit
from .truthtable import TruthTable, table_covers
from .two_level import METHODS, minimize

__all__ = ["COMPILE_METHODS", "CompileResult", "compile_table"]

#: what ``compile_table(method=...)`` and ``neurosim compile --method`` accept: the two-level minimisers, and
#: "minimum", the provably smallest net (:mod:`neurosim.logic.exact_synthesis`, at most 5 inputs)
COMPILE_METHODS = (*METHODS, "minimum")

_SPECIAL_MAX_INPUTS = 30  # beyond this no threshold/symmetric units: verification there works on cube covers
_THRESHOLD_MAX_CUBES = 3000
# NOR outputs past _SPECIAL_MAX_INPUTS only for moderate widths with small OFF-sets: the two-phase problem costs
# about what the ON+OFF cubes cost (seq, 41 inputs: 417 -> 362 units); wide files (apex5, ex4) stay one-phase
_PHASE_MAX_INPUTS = 45
_PHASE_MAX_CUBES = 8000


@dataclass(frozen=True, slots=True)
class CompileResult(HTMLRepr):
    """A compiled net and how it was made.

    Attributes
    ----------
    net : MPNet
        The feedforward net; its inputs and outputs carry the table's names.
    sop_rows : tuple of (str, str)
        PLA rows (input cube, output part over '01') of the minimised two-level cover behind the outputs
        realised as sums of products (``"sop"``); other outputs' columns are 0. :attr:`cover` has every output.
    realisations : tuple of (str, str)
        Output name -> ``"sop"``, ``"nor"`` (NOR of the complement's terms), ``"threshold"``, ``"symmetric"``,
        ``"input"``, ``"constant"`` or ``"minimum"`` (an exact minimum net over the output's support).
    summary : dict
        ``inputs``, ``outputs``, ``units``, ``synapses``, ``depth``, ``terms`` (product-term units),
        ``method`` (the two-level minimiser's, or None when no output is built from a cover), ``seconds``,
        ``realisations`` (counts per kind).
    """

    net: MPNet
    sop_rows: tuple[tuple[str, str], ...]
    realisations: tuple[tuple[str, str], ...]
    summary: dict[str, Any] = field(hash=False)
    certificate: Any = field(default=None, compare=False, repr=False)  # method "minimum": the MinimumResult
    _cache: dict[str, NetCover] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def net_cover(self) -> NetCover:
        """The cover of the function every output of the net computes (computed once, on first use).

        Raises :class:`~neurosim.errors.CoverTooLarge` when an output's exact cover is too large to write.
        """
        if "pla" not in self._cache:
            done = [o for o, kind in self.realisations if kind == "sop"]
            self._cache["pla"] = net_cover(self.net, self.sop_rows, done)
        return self._cache["pla"]

    @property
    def cover(self) -> tuple[tuple[str, str], ...]:
        """PLA rows of a sum-of-products cover of what every output of the net computes (see :meth:`net_cover`)."""
        return self.net_cover().rows

    def cover_table(self) -> TruthTable:
        """The net's function as a :class:`TruthTable` of type ``fd`` (its :attr:`cover`), e.g. to write as PLA."""
        return TruthTable(self.net.inputs, self.net.output_names, self.cover, "fd")


class _Builder:
    """Collects units, sharing equal ones (same threshold and sources) between outputs."""

    def __init__(self, inputs: tuple[str, ...]) -> None:
        self.inputs = inputs
        self.taken = set(inputs)
        self.units: list[MPUnit] = []
        self.by_key: dict[tuple, str] = {}
        self.terms = 0

    def unit(self, base: str, threshold: int, exc: tuple[str, ...] = (), inh: tuple[str, ...] = ()) -> str:
        key = (threshold, tuple(sorted(exc)), tuple(sorted(set(inh))))
        if key not in self.by_key:
            name = fresh_name(base, self.taken)
            self.taken.add(name)
            self.units.append(MPUnit(name, threshold, exc, inh))
            self.by_key[key] = name
        return self.by_key[key]

    def const(self, value: bool) -> str:
        return self.unit("one" if value else "zero", 0 if value else 1)

    def term(self, cube: str) -> str:
        pos = tuple(self.inputs[i] for i, ch in enumerate(cube) if ch == "1")
        neg = tuple(self.inputs[i] for i, ch in enumerate(cube) if ch == "0")
        if len(pos) == 1 and not neg:
            return pos[0]  # a lone positive literal is the input line itself
        before = len(self.units)
        name = self.unit(f"p{self.terms}", len(pos), pos, neg)
        self.terms += len(self.units) - before
        return name

    def any_of(self, base: str, nodes: list[str]) -> str:
        if not nodes:
            return self.const(False)
        if len(nodes) == 1:
            return nodes[0]
        return self.unit(base, 1, tuple(nodes))

    def threshold(self, base: str, t: ThresholdUnit) -> str:
        exc = tuple(name for name, w in zip(self.inputs, t.weights, strict=True) for _ in range(w))
        inh = tuple(self.inputs[i] for i in t.vetoes)
        if len(exc) == 1 and t.threshold == 1 and not inh:
            return exc[0]
        if not exc and not inh:
            return self.const(t.threshold == 0)
        return self.unit(base, t.threshold, exc, inh)

    def symmetric(self, base: str, intervals: list[tuple[int, int]]) -> str:
        n = len(self.inputs)
        parts = []
        for a, b in intervals:
            if a == 0 and b == n:
                parts.append(self.const(True))
            elif b == n:
                parts.append(self.unit(f"ge{a}", a, self.inputs))
            else:
                veto = self.unit(f"ge{b + 1}", b + 1, self.inputs)
                parts.append(self.unit(f"in{a}_{b}", a, self.inputs if a else (), (veto,)))
        return self.any_of(base, parts)


def _restrict(c: MOCover, keep: np.ndarray) -> MOCover:
    """The cover with only the outputs in ``keep`` (rows left feeding nothing dropped)."""
    out = c.out & keep
    rows = np.flatnonzero(out.any(axis=1))
    return MOCover(c.care[rows], c.val[rows], out[rows])


def _symmetric_cost(b: _Builder, intervals: list[tuple[int, int]]) -> int:
    """Units a symmetric realisation would add to what ``b`` already holds (a dry run on a copy)."""
    trial = _Builder(b.inputs)
    trial.taken = set(b.taken)
    trial.by_key = dict(b.by_key)
    trial.symmetric("trial", intervals)
    return len(trial.units)


def _special_outputs(b: _Builder, on: MOCover, dc: MOCover, off: MOCover | None, n: int, names: tuple[str, ...],
                     *, threshold: bool, symmetric: bool, time_limit: float | None, stops: list[str]
                     ) -> tuple[dict[int, tuple[str, Any]], list[tuple[np.ndarray, np.ndarray]] | None]:
    """Outputs that one threshold unit, or a few count-interval units, realise more cheaply than a cover; and
    every output's OFF-set (given, or the complement of ON ∪ DC), which the minimiser reuses."""
    special: dict[int, tuple[str, Any]] = {}
    offs = []
    cache = OffsetCache()
    m = on.out.shape[1]
    stage(f"OFF-sets of {m} output{'s' if m != 1 else ''}" + (" and threshold/symmetric search" if threshold or
                                                               symmetric else ""))
    for j in range(m):
        oc, ov = on.output(j)
        if off is not None:
            fc, fv = off.output(j)
        else:
            try:
                fc, fv = output_offset(on, dc, j, n, OFFSET_LIMIT, cache)
            except CoverTooLarge:  # an exponentially large OFF-set: leave this and later outputs to the cover
                return special, None
        offs.append((fc, fv))
        if len(oc) < 2 or not (threshold or symmetric) or n > _SPECIAL_MAX_INPUTS:
            continue  # no ON cube or one: a constant or one product unit is already minimal
        stage(f"threshold/symmetric search: {names[j]} ({j + 1}/{m}), {len(oc)} ON, {len(fc)} OFF cubes")
        if threshold and len(oc) + len(fc) <= _THRESHOLD_MAX_CUBES:
            tu = find_threshold_unit(oc, ov, fc, fv, n, time_limit=time_limit, stops=stops)
            if tu is not None:
                special[j] = ("threshold", tu)
                continue
        if symmetric:
            prof = symmetric_profile(oc, ov, fc, fv, n)
            if prof is not None:
                iv = count_intervals(prof)
                cost = _symmetric_cost(b, iv)
                # threshold failed, so any cover needs >= 2 terms + an OR unit; the given ON cubes bound it above
                if cost <= 2 or cost <= len(oc):
                    special[j] = ("symmetric", iv)
                    b.symmetric(f"{names[j]}:sym", iv)  # build now so that later outputs share its units
    return special, offs


def _units(cover: MOCover, out: np.ndarray, negated: np.ndarray, n: int) -> int:
    """Units a cover would build: product units (a lone positive literal is free) + OR/NOR units."""
    used = out.any(axis=1)
    lits = np.bitwise_count(cover.care).sum(axis=1)
    free = (lits == 1) & (np.bitwise_count(cover.val).sum(axis=1) == 1)
    k = out.sum(axis=0)
    return int((used & ~free).sum()) + int((negated | (k > 1)).sum())


def _sop_rows(out: np.ndarray, negated: np.ndarray, cubes: list[str]) -> tuple[tuple[str, str], ...]:
    """PLA rows of the cover's cubes that feed outputs built as sums of products (NOR outputs are left to
    :func:`neurosim.logic.pla_cover.net_cover`, which expands them only when a PLA is asked for)."""
    m = out.shape[1]
    pos = out & ~negated[None, :]
    return tuple((cubes[i], "".join("1" if pos[i, j] else "0" for j in range(m))) for i in range(len(cubes))
                 if pos[i].any())


def _as_table(table: Any) -> TruthTable:
    """``table`` itself, or a TruthTable built (and so validated) from a duck-typed one's four attributes."""
    if isinstance(table, TruthTable):
        return table
    fields = ("inputs", "outputs", "rows", "type")
    if not all(hasattr(table, f) for f in fields):
        raise ParameterError(f"table: expected a TruthTable (or an object with {', '.join(fields)}), found "
                             f"{type(table).__name__}")
    try:
        return TruthTable(tuple(table.inputs), tuple(table.outputs), tuple(tuple(r) for r in table.rows),
                          table.type)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, NeurosimError):
            raise
        raise ParameterError(f"table: its inputs, outputs, rows and type are not a truth table's ({exc})") from None


def compile_table(table: Any, *, method: str = "auto", threshold: bool = True, symmetric: bool = True,
                  phases: bool = True, time_limit: float | None = None, multilevel: bool = True,
                  proof: bool = False, progress: StageListener | None = None) -> CompileResult:
    """Compile a truth table into a feedforward MP net with few units.

    Parameters
    ----------
    table : TruthTable
        Or any object with ``inputs``, ``outputs``, ``rows`` and ``type`` as a TruthTable has.
    method : {"auto", "exact", "heuristic", "minimum"}
        Two-level minimisation (see :func:`neurosim.logic.minimize`); ``"minimum"``: the provably smallest net
        (:func:`~neurosim.logic.minimum_net`, at most 5 inputs; its certificate in ``summary["certificate"]``).
    threshold, symmetric : bool
        Whether to look for single-unit and symmetric realisations of each output (``symmetric``: also the
        multi-level pass's search among symmetric units).
    phases : bool
        Whether an output may be built as the NOR of its complement's terms (:mod:`neurosim.logic.output_phase`)
        when that is smaller (up to 45 inputs, and past 30 only when the OFF-sets are small).
    time_limit : float, optional
        Seconds per ILP (exact cover, threshold unit), only if wanted: by default every ILP stops at a
        deterministic node limit, so the same table compiles to the same net on every machine under any load;
        ``summary["limits_reached"]`` lists the solves a limit stopped.
    multilevel : bool
        With ``method="auto"``: rewrite the two-level net with exact minimum nets (:mod:`.resynthesis`: outputs
        reading at most 5 inputs, symmetric ones among nets of symmetric units unless ``symmetric`` is False;
        windows of at most 4 leaves) where that saves units.
    proof : bool
        With ``method="minimum"``: keep the DRAT proofs (``result.certificate.proofs``).
    progress : callable(str), optional
        Receives one line as each stage starts (OFF-sets, threshold/symmetric search, each minimisation pass,
        the exact cover, the multi-level pass): :mod:`neurosim.logic.stages`.

    Returns
    -------
    CompileResult

    Examples
    --------
    >>> from neurosim.truthtable import TruthTable
    >>> t = TruthTable(("a", "b", "c"), ("maj",), (("11-", "1"), ("1-1", "1"), ("-11", "1")))
    >>> compile_table(t).summary["units"]    # majority is one unit: θ = 2 over a, b, c
    1
    """
    if method not in COMPILE_METHODS:
        raise ParameterError(f"method must be one of {', '.join(COMPILE_METHODS)}, found {method!r}")
    table = _as_table(table)
    if time_limit is not None and (isinstance(time_limit, bool) or not isinstance(time_limit, Real)
                                   or not math.isfinite(time_limit) or time_limit <= 0):
        raise ParameterError(f"time_limit must be None or a finite number of seconds > 0, found {time_limit!r}")
    with reporting(progress):
        return _compile(table, method, threshold, symmetric, phases, time_limit, multilevel, proof)


def _compile(table: Any, method: str, threshold: bool, symmetric: bool, phases: bool, time_limit: float | None,
             multilevel: bool, proof: bool) -> CompileResult:
    """:func:`compile_table`'s work, its arguments checked."""
    t0 = time.perf_counter()
    if method == "minimum":
        return _compile_minimum(table, proof, t0)
    inputs, outputs = tuple(table.inputs), tuple(table.outputs)
    n, m = len(inputs), len(outputs)
    on, dc, off = table_covers(table)
    b = _Builder(inputs)
    special, offs = {}, None
    stops: list[str] = []
    if n <= _SPECIAL_MAX_INPUTS:  # wider tables stay plain covers, which cube containment verifies quickly
        special, offs = _special_outputs(b, on, dc, off, n, outputs, threshold=threshold, symmetric=symmetric,
                                         time_limit=time_limit, stops=stops)
    elif phases and off is None and n <= _PHASE_MAX_INPUTS and len(on) <= _PHASE_MAX_CUBES:
        _, offs = _special_outputs(b, on, dc, off, n, outputs, threshold=False, symmetric=False,
                                   time_limit=time_limit, stops=stops)
        if offs is not None and len(on) + sum(len(c) for c, _ in offs) > _PHASE_MAX_CUBES:
            offs = None
    rest = np.array([j not in special for j in range(m)], dtype=bool)
    on_r, dc_r = _restrict(on, rest), _restrict(dc, rest)
    off_r = None if off is None else _restrict(off, rest)
    known = None
    if off is None and offs is not None:  # outputs left to the cover: their OFF-sets; the others block all
        w = on.care.shape[1]
        universe = universe_cover(w)
        known = merge_outputs([offs[j] if rest[j] else universe for j in range(m)], n)
    # two extra shuffled runs where an ILP can then choose among their primes (n <= 16) and the cover is big
    restarts = 2 if n <= 16 and len(on_r) >= 200 else 0
    stage(f"minimise: {len(on_r)} ON cubes, {int(rest.sum())} outputs")
    res = minimize(on_r, dc_r, n, method=method, off=off_r, time_limit=time_limit, offset=known, restarts=restarts)
    stops += res.stops
    cover, out, negated = res.cover, res.cover.out[:, :m] & rest, np.zeros(m, dtype=bool)
    if phases and offs is not None and rest.any():
        on2, dc2, r2 = two_phase_problem(on, dc, offs, rest, n)
        stage(f"minimise both output phases: {len(on2)} ON cubes")
        res2 = minimize(on2, dc2, n, method=method, off=r2 if off is not None else None, time_limit=time_limit,
                        offset=r2 if off is None else None)
        stops += res2.stops
        out2, neg2 = choose_phases(res2.cover.out, rest)
        if _units(res2.cover, out2, neg2, n) < _units(cover, out, negated, n):
            res, cover, out, negated = res2, res2.cover, out2, neg2
    cubes = format_cubes(cover.care, cover.val, n)
    kinds: dict[int, str] = {}
    used = np.flatnonzero(out.any(axis=1))
    term_node = {int(i): b.term(cubes[i]) for i in used}
    nodes = []
    for j, name in enumerate(outputs):
        terms = [term_node[int(i)] for i in np.flatnonzero(out[:, j])]
        if j in special:
            kind, obj = special[j]
            node = b.symmetric(f"{name}:sym", obj) if kind == "symmetric" else b.threshold(f"{name}:th", obj)
        elif negated[j]:  # f = NOR of the terms of ¬f: θ = 0, every term inhibits
            node = b.unit(f"{name}:nor", 0, (), tuple(terms))
            kind = "nor"
        else:
            node = b.any_of(f"{name}:or", terms)
            kind = "sop"
        if node in inputs:
            kind = "input"
        elif node in (b.by_key.get((0, (), ())), b.by_key.get((1, (), ()))):
            kind = "constant"
        kinds[j] = kind
        nodes.append((name, node))
    net = MPNet(inputs, tuple(b.units), tuple(nodes))
    rows = _sop_rows(out, negated, cubes)
    counts: dict[str, int] = {}
    for k in kinds.values():
        counts[k] = counts.get(k, 0) + 1
    summary = {**{k: v for k, v in net.summary().items() if k != "feedforward"},
               "terms": b.terms,
               "method": res.method if any(k in ("sop", "nor") for k in kinds.values()) else None,
               "realisations": counts, "seconds": round(time.perf_counter() - t0, 4)}
    if stops:
        summary["limits_reached"] = sorted(set(stops))
    result = CompileResult(net, rows, tuple((outputs[j], kinds[j]) for j in range(m)), summary)
    if method == "auto" and multilevel:
        result = _multilevel(result, table, t0, symmetric)
    return result



# ---- multi-level: exact minimum nets (issue 14) ---------------------------------------------------------------
def _multilevel(result: CompileResult, table: Any, t0: float, symmetric: bool) -> CompileResult:
    """The two-level result rewritten by :func:`.resynthesis.resynthesize` when that saves units (symmetric
    outputs among symmetric units only if ``symmetric``)."""
    from .resynthesis import resynthesize, table_care_values

    stage(f"multi-level pass: {len(result.net.units)} units")
    re = resynthesize(result.net, care_values=table_care_values(table), symmetric=symmetric)
    if len(re.net.units) >= len(result.net.units):
        return result
    kinds = dict(result.realisations)
    kinds.update(dict.fromkeys(re.exact, "minimum"))
    kinds.update(dict.fromkeys(re.symmetric, "symmetric"))
    # an output whose window was rewritten may now differ on don't-care rows: its two-level rows no longer say
    # what the net computes, so its PLA comes from the net itself (see pla_cover.net_cover)
    kinds.update({o: "rewritten" for o in re.changed if kinds[o] == "sop"})
    counts: dict[str, int] = {}
    for k in kinds.values():
        counts[k] = counts.get(k, 0) + 1
    outputs = tuple(result.net.output_names)
    gone = {outputs.index(o) for o, k in kinds.items() if k != "sop"}
    rows = tuple((cube, part2) for cube, part in result.sop_rows
                 if "1" in (part2 := "".join("0" if j in gone else ch for j, ch in enumerate(part))))
    summary = {**result.summary, **{k: v for k, v in re.net.summary().items() if k != "feedforward"},
               "realisations": counts, "seconds": round(time.perf_counter() - t0, 4),
               "multilevel": {"two_level_units": result.summary["units"], "exact_outputs": len(re.exact),
                              "symmetric_outputs": len(re.symmetric),
                              "windows": re.windows}}
    return CompileResult(re.net, rows, tuple(kinds.items()), summary)


def _compile_minimum(table: Any, proof: bool, t0: float) -> CompileResult:
    """``method="minimum"``: the provably smallest net and its certificate."""
    from .exact_synthesis import minimum_net

    res = minimum_net(table, proof=proof)
    outputs = tuple(table.outputs)
    nodes = dict(res.net.outputs)
    inputs = set(res.net.inputs)
    kinds = tuple((o, "input" if nodes[o] in inputs else "minimum") for o in outputs)
    counts: dict[str, int] = {}
    for _, k in kinds:
        counts[k] = counts.get(k, 0) + 1
    summary = {**{k: v for k, v in res.net.summary().items() if k != "feedforward"}, "terms": 0,
               "method": "minimum", "realisations": counts, "seconds": round(time.perf_counter() - t0, 4),
               "minimum": res.minimum, "impossible_sizes": list(res.impossible), "certificate": res.certificate()}
    return CompileResult(res.net, (), kinds, summary, res)  # every output's PLA comes from the net
