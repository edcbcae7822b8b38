"""Verification of a feedforward net against a truth table on every care row.

Up to :data:`EXHAUSTIVE_MAX_INPUTS` inputs every one of the 2^n rows is simulated with the bit-parallel engine
(:func:`neurosim.bitsim.check_exhaustive`, chunked). Beyond that, the net's outputs are turned into exact cube
covers (:func:`neurosim.netcover.node_covers`) and compared with the table by cube containment (tautology
checks), which never enumerates rows. Between :data:`CUBES_FIRST_INPUTS` and that limit the cube method is tried
first while no unit's cover passes :data:`CUBES_FIRST_LIMIT` cubes (a 30-input net of 4 units: 2 ms instead of
1.2 s of rows), and the rows are simulated when one does; both are exact, and the choice depends only on the
net, never on the clock. Either way a random sample is also run through the stepping simulator
(:func:`neurosim.simulate.evaluate`), so two independent engines agree.

Notes
-----
Containment by the unate recursive tautology check (Brayton et al. 1984): ``ON ⊆ C ∪ DC`` and ``C ⊆ ON ∪ DC``
(or ``C ∩ OFF = ∅`` when the OFF-set is given) hold iff the net's cover ``C`` agrees with the table on every
care row.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import Backend, get_backend
from ..core import Counterexample, HTMLRepr, MPNet
from ..errors import CoverTooLarge, DataError
from .covers import n_words
from .cubes import intersects, uncovered_point
from .net_covers import node_covers
from .truthtable import table_covers

__all__ = ["CUBES_FIRST_INPUTS", "CUBES_FIRST_LIMIT", "EXHAUSTIVE_MAX_INPUTS", "Verdict", "verify"]

EXHAUSTIVE_MAX_INPUTS = 30
#: from this many inputs (2^20 rows, about 0.1 s) the cube method is tried before the rows ...
CUBES_FIRST_INPUTS = 20
#: ... while every unit's cover stays within this many cubes (past it the covers cost more than the rows)
CUBES_FIRST_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Verdict(HTMLRepr):
    """The outcome of :func:`verify`.

    Attributes
    ----------
    ok : bool
    how : str
        ``"exhaustive 2^n rows"`` or ``"cube containment"``, plus the random-simulation sample.
    counterexample : Counterexample or None
    seconds : float
    """

    ok: bool
    how: str
    counterexample: Counterexample | None
    seconds: float

    def to_dict(self) -> dict:
        ce = self.counterexample
        return {"ok": self.ok, "how": self.how, "seconds": round(self.seconds, 4),
                "counterexample": None if ce is None else {"inputs": ce.inputs, "output": ce.output,
                                                           "expected": ce.expected, "got": ce.got}}


def _point_inputs(bits: np.ndarray, names: tuple[str, ...]) -> dict[str, int]:
    return {name: int((int(bits[i // 64]) >> (i % 64)) & 1) for i, name in enumerate(names)}


def _check_cubes(net: MPNet, table, limit: int | None = None) -> Counterexample | None:
    """Exact check by cube containment, output by output (CoverTooLarge past ``limit`` cubes in a unit).

    An output unit of threshold 0 with inhibitors (the compiler's NOR of the complement's terms) computes ¬T, T
    the union of its inhibitors' covers; it is checked against T itself (:func:`_check_nor`), so T is never
    complemented (apex2's three NOR outputs: 2 s of complements).
    """
    on, dc, off = table_covers(table)
    nodes = dict(net.outputs)
    units = {u.name: u for u in net.units}

    def nor(node: str):
        u = units.get(node)
        return u if u is not None and u.threshold == 0 and u.inhibitory else None

    need: list[str] = []
    for o in table.outputs:
        u = nor(nodes[o])
        need.extend(u.inhibitory if u is not None else (nodes[o],))
    covers = node_covers(net, need, limit=limit)
    for j, name in enumerate(table.outputs):
        u = nor(nodes[name])
        if u is not None:
            tc = np.concatenate([covers[s][0] for s in u.inhibitory])
            tv = np.concatenate([covers[s][1] for s in u.inhibitory])
            ce = _check_nor(tc, tv, on.output(j), dc.output(j), None if off is None else off.output(j), name,
                            net.inputs)
            if ce is not None:
                return ce
            continue
        rc, rv = covers[nodes[name]]
        oc, ov = on.output(j)
        dcc, dcv = dc.output(j)
        cc, cv = np.concatenate([rc, dcc]), np.concatenate([rv, dcv])
        for c, v in zip(oc, ov, strict=True):  # every ON point is covered by the net (or is a don't-care)
            hit = intersects(cc, cv, c, v)
            p = uncovered_point(cc[hit] & ~c, cv[hit] & ~c)
            if p is not None:
                return Counterexample.at(_point_inputs(v | (p & ~c), net.inputs), name, 1, 0)
        if off is not None:  # the net never fires on an OFF point
            fc, fv = off.output(j)
            for c, v in zip(rc, rv, strict=True):
                hit = np.flatnonzero(intersects(fc, fv, c, v))
                if len(hit):
                    return Counterexample.at(_point_inputs(v | fv[hit[0]], net.inputs), name, 0, 1)
        else:  # the net fires only inside ON ∪ DC
            ac, av = np.concatenate([oc, dcc]), np.concatenate([ov, dcv])
            for c, v in zip(rc, rv, strict=True):
                hit = intersects(ac, av, c, v)
                p = uncovered_point(ac[hit] & ~c, av[hit] & ~c)
                if p is not None:
                    return Counterexample.at(_point_inputs(v | (p & ~c), net.inputs), name, 0, 1)
    return None


def _check_nor(tc: np.ndarray, tv: np.ndarray, on_j, dc_j, off_j, name: str,
               inputs: tuple[str, ...]) -> Counterexample | None:
    """An output that fires exactly off T (cover ``tc``, ``tv``) against the table: no ON point lies in T
    (unless it is a don't-care), and every OFF point does (given OFF cubes), or T ∪ ON ∪ DC is a tautology."""
    (oc, ov), (dcc, dcv) = on_j, dc_j
    for c, v in zip(oc, ov, strict=True):
        for k in np.flatnonzero(intersects(tc, tv, c, v)):
            pc, pv = c | tc[k], v | tv[k]  # ON ∩ a cube of T: the output is 0 there
            hit = intersects(dcc, dcv, pc, pv)
            p = uncovered_point(dcc[hit] & ~pc, dcv[hit] & ~pc)
            if p is not None:
                return Counterexample.at(_point_inputs(pv | (p & ~pc), inputs), name, 1, 0)
    if off_j is not None:
        for c, v in zip(*off_j, strict=True):
            hit = intersects(tc, tv, c, v)
            p = uncovered_point(tc[hit] & ~c, tv[hit] & ~c)
            if p is not None:  # an OFF point outside T: the output fires there
                return Counterexample.at(_point_inputs(v | (p & ~c), inputs), name, 0, 1)
        return None
    p = uncovered_point(np.concatenate([tc, oc, dcc]), np.concatenate([tv, ov, dcv]))
    if p is not None:  # outside T, ON and DC: the output fires where the table says 0
        return Counterexample.at(_point_inputs(p, inputs), name, 0, 1)
    return None


def _cubes_within(net: MPNet, table) -> tuple[Counterexample | None] | None:
    """The cube check's answer (in a 1-tuple) while every cover stays within CUBES_FIRST_LIMIT cubes, else None."""
    try:
        return (_check_cubes(net, table, limit=CUBES_FIRST_LIMIT),)
    except CoverTooLarge:  # a cover this large costs more than the rows: the caller simulates them
        return None


def _expected(table, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Table values and care flags for rows ``x`` (B, n): both (B, m)."""
    n = x.shape[1]
    on, dc, off = table_covers(table)
    w = n_words(n)
    bits = np.zeros((len(x), w * 64), np.uint8)
    bits[:, :n] = x
    pts = np.packbits(bits, axis=1, bitorder="little").view(np.uint64).reshape(len(x), w)

    def member(cover) -> np.ndarray:
        hit = ~(((pts[:, None, :] ^ cover.val[None]) & cover.care[None]).any(axis=2))  # (B, N)
        return (hit.astype(np.float32) @ cover.out.astype(np.float32)) > 0  # (B, m)

    is_on, is_dc = member(on), member(dc)
    care = ~is_dc & (is_on | member(off)) if off is not None else ~is_dc
    return is_on.astype(np.uint8), care


def _random_check(net: MPNet, table, samples: int, seed: int, backend: Backend) -> Counterexample | None:
    from ..core import evaluate

    n = len(net.inputs)
    if samples <= 0 or n == 0:
        return None
    x = np.random.default_rng(seed).integers(0, 2, size=(samples, n), dtype=np.uint8)
    want, care = _expected(table, x)
    got = backend.to_numpy(evaluate(net, backend.asarray(x), backend=backend))
    order = [net.output_names.index(o) for o in table.outputs]
    bad = np.argwhere((got[:, order] != want) & care)
    if len(bad) == 0:
        return None
    r, j = (int(v) for v in bad[0])
    return Counterexample.at(dict(zip(net.inputs, (int(b) for b in x[r]), strict=True)), table.outputs[j],
                          int(want[r, j]), int(got[r, order[j]]))


def verify(net: MPNet, table, *, backend: str | Backend | None = None,
           progress: Callable[[int, int], None] | None = None, samples: int = 256, seed: int = 0,
           exhaustive_max: int = EXHAUSTIVE_MAX_INPUTS, scheduler: Any = None) -> Verdict:
    """Check that ``net`` agrees with ``table`` on every care row.

    Parameters
    ----------
    net : MPNet
        Feedforward, with the table's inputs (same order) and outputs (by name).
    table : TruthTable
    backend : str or Backend, optional
        For the exhaustive and random simulations.
    progress : callable(done, total), optional
        Called as exhaustive simulation proceeds.
    samples : int
        Random rows also run through :func:`neurosim.simulate.evaluate`.
    seed : int
    exhaustive_max : int
        Largest input count simulated exhaustively; beyond it the exact cube method is used (and from
        :data:`CUBES_FIRST_INPUTS` inputs it is tried first, see the module notes).
    scheduler : str or Scheduler, optional
        Where the blocks of rows of the exhaustive check run (:mod:`neurosim.scale`); the verdict is the same.
        Given one, the rows are simulated whenever n <= ``exhaustive_max`` (the cube method is not tried).

    Returns
    -------
    Verdict
    """
    t0 = time.perf_counter()
    if tuple(table.inputs) != tuple(net.inputs):
        raise DataError(f"the table's inputs ({', '.join(table.inputs)}) differ from the net's inputs "
                        f"({', '.join(net.inputs)})")
    missing = [o for o in table.outputs if o not in net.output_names]
    if missing:
        raise DataError(f"the net has no output {missing[0]!r}; its outputs are {', '.join(net.output_names)}")
    be = get_backend(backend)
    n = len(net.inputs)
    tried = CUBES_FIRST_INPUTS <= n <= exhaustive_max and scheduler is None
    cubes = _cubes_within(net, table) if tried else None
    if cubes is not None:
        how, ce = "cube containment", cubes[0]
    elif n <= exhaustive_max:
        from ..core import check_exhaustive

        sub = net.with_outputs([(o, dict(net.outputs)[o]) for o in table.outputs])
        ce = check_exhaustive(sub, table, backend=be, progress=progress, scheduler=scheduler)
        how = f"exhaustive 2^{n} rows"
    else:
        how = "cube containment"
        ce = _check_cubes(net, table)
    if ce is None:
        ce = _random_check(net, table, samples, seed, be)
    how += f" + {samples} random rows simulated" if samples > 0 else ""
    return Verdict(ce is None, how, ce, time.perf_counter() - t0)
