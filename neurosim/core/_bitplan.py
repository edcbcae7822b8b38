"""The compiled form the bit-parallel engine runs: a feedforward net as a schedule of word kernels.

A :class:`BitPlan` lists the units the outputs need in a depth-first order from the outputs, each unit with its
synapse counts, its inhibitors, and the nodes whose words die after it; :func:`chunk_values` runs it over one
chunk of words (see :mod:`neurosim.bitwords` for the packed convention and the kernels).

Notes
-----
McCulloch & Pitts (1943): with inputs held, a feedforward net settles to a Boolean function of its inputs, the
function each unit's rule computes from its sources' settled values, taken in topological order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._bitkernels import Value, at_least, input_word, invert, or_all
from .mp import MPNet, MPUnit
from .packed import ALL

__all__ = ["BitPlan", "chunk_values", "compile_bitplan", "fill_words"]


@dataclass(frozen=True, slots=True)
class _Step:
    """One unit to evaluate: its sources with synapse counts, and the nodes whose words die after it."""

    name: str
    threshold: int
    weights: tuple[tuple[str, int], ...]
    shared_inhibitors: tuple[str, ...]  # inhibitors of several units: their complement is kept while they live
    inhibitors: tuple[str, ...]  # the others: OR-ed, then inverted once
    free: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BitPlan:
    """A net's units as word kernels in schedule order.

    Attributes
    ----------
    inputs : tuple of (name, bit position)
        The inputs anything needs; input ``i`` of ``n`` sits at bit ``n - 1 - i`` of the row index.
    steps : tuple of _Step
    outputs : tuple of str
        The node each output reads, in the net's output order.
    n_inputs : int
    """

    inputs: tuple[tuple[str, int], ...]  # (name, bit position) of the inputs anything needs
    steps: tuple[_Step, ...]
    outputs: tuple[str, ...]
    n_inputs: int


def _schedule(net: MPNet, out_nodes: tuple[str, ...]) -> list[MPUnit]:
    """The units the outputs need, in depth-first post-order from the outputs.

    Any topological order is correct; this one evaluates each unit's sources just before it, so few nodes hold
    words at once (a compiler's product terms are consumed right after they are made, not all kept together).
    """
    net.topological_units()  # raises InvalidNetworkError on a cycle
    by_name = {u.name: u for u in net.units}
    order: list[MPUnit] = []
    done: set[str] = set()
    for root in out_nodes:
        if root not in by_name or root in done:
            continue
        done.add(root)
        stack = [(by_name[root], iter(dict.fromkeys((*by_name[root].excitatory, *by_name[root].inhibitory))))]
        while stack:
            unit, it = stack[-1]
            nxt = next((s for s in it if s in by_name and s not in done), None)
            if nxt is None:
                stack.pop()
                order.append(unit)
            else:
                done.add(nxt)
                u = by_name[nxt]
                stack.append((u, iter(dict.fromkeys((*u.excitatory, *u.inhibitory)))))
    return order


def compile_bitplan(net: MPNet) -> BitPlan:
    """Order the units the outputs need and record when each node's words can be freed.

    Raises
    ------
    InvalidNetworkError
        The net has a cycle.
    """
    out_nodes = tuple(node for _, node in net.outputs)
    units = _schedule(net, out_nodes)
    needed = set(out_nodes).union(*(u.sources for u in units))
    last: dict[str, int] = {}
    for i, u in enumerate(units):
        for s in u.sources:
            last[s] = i
    for node in out_nodes:
        last[node] = len(units)  # outputs live to the end
    dying: dict[int, list[str]] = {}
    for node, i in last.items():
        dying.setdefault(i, []).append(node)
    vetoes = Counter(s for u in units for s in u.inhibitory)
    steps = tuple(
        _Step(u.name, u.threshold, tuple(Counter(u.excitatory).items()),
              tuple(s for s in u.inhibitory if vetoes[s] > 1), tuple(s for s in u.inhibitory if vetoes[s] == 1),
              tuple(sorted(dying.get(i, ()))))
        for i, u in enumerate(units))
    n = len(net.inputs)
    inputs = tuple((name, n - 1 - i) for i, name in enumerate(net.inputs) if name in needed)
    return BitPlan(inputs, steps, out_nodes, n)


def _unit_words(xp: Any, step: _Step, vals: dict[str, Value], comp: dict[str, Value]) -> Value:
    # the veto & ~(i1 | i2 ...) becomes & ~i1 & ~i2 ... with each shared complement made once per chunk
    allowed = []
    for s in step.shared_inhibitors:
        if s not in comp:
            comp[s] = invert(xp, vals[s])
        allowed.append(comp[s])
    if step.inhibitors:
        allowed.append(invert(xp, or_all(xp, [vals[s] for s in step.inhibitors])))
    if any(isinstance(a, int) and a == 0 for a in allowed):
        return 0
    theta = step.threshold
    sources = []
    for s, w in step.weights:
        v = vals[s]
        if isinstance(v, int) and v in (0, ALL):  # fold inputs fixed over this chunk
            theta -= w if v else 0
            continue
        sources.append((v, w))
    return at_least(xp, sources, theta, allowed)


def _input_values(plan: BitPlan, xp: Any, start: int, n_words: int, cache: dict | None
                  ) -> tuple[dict[str, Value], dict[str, Value]]:
    """Input words (and cached complements) of a chunk.

    In an aligned power-of-two chunk an input that varies inside it has a period dividing the chunk, so its words
    (and their complement) are the same in every chunk: ``cache`` keeps them across chunks.
    """
    aligned = cache is not None and n_words & (n_words - 1) == 0 and start % n_words == 0
    index = None
    vals: dict[str, Value] = {}
    comp: dict[str, Value] = {}
    for name, pos in plan.inputs:
        key = (pos, n_words)
        if aligned and key in cache:
            vals[name], c = cache[key]
            if c is not None:
                comp[name] = c
            continue
        if pos >= 6 and index is None:
            index = xp.arange(start, start + n_words, dtype=xp.uint64)
        vals[name] = input_word(xp, pos, start, n_words, index)
        if aligned and not isinstance(vals[name], int):
            cache[key] = (vals[name], None)
    return vals, comp


def chunk_values(plan: BitPlan, xp: Any, start: int, n_words: int, cache: dict | None = None) -> list[Value]:
    """Each output's words over words ``start .. start + n_words - 1``: an array (n_words,) or an ``int``.

    ``cache`` (an empty dict per run, per backend) lets consecutive chunks share their varying input words.
    """
    vals, comp = _input_values(plan, xp, start, n_words, cache)
    positions = dict(plan.inputs)
    for step in plan.steps:
        vals[step.name] = _unit_words(xp, step, vals, comp)
        for node in step.free:
            del vals[node]  # no later unit reads it: let its words go
            c = comp.pop(node, None)
            key = (positions.get(node), n_words)
            if cache is not None and c is not None and key in cache and cache[key][1] is None:
                cache[key] = (cache[key][0], c)  # an input's complement, reusable by the next chunks
    return [vals[node] for node in plan.outputs]


def fill_words(xp: Any, out: Any, values: list[Value], n_inputs: int) -> Any:
    """Write values (arrays or ``int`` words) into the rows of ``out`` (m, n_words); zero padding rows."""
    for j, v in enumerate(values):
        out[j] = np.uint64(v) if isinstance(v, int) else v
    if n_inputs < 6:  # padding rows of a one-word table are 0
        out &= np.uint64((1 << (1 << n_inputs)) - 1)
    return out
