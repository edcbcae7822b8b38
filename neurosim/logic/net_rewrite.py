"""Editing a feedforward MP net in place of a window: cones, fanout-free cones, functions over cut leaves, and
the replacement of a window by a smaller net with the same function.

A *window* is a root unit and a *cut* (a set of leaf nodes every path from an input to the root crosses); its
*cone* is the units between the leaves and the root. Replacing the root's cone by any net that computes the same
function of the leaves leaves every node outside the cone, and every output, unchanged on every input row; the
units that disappear are the cone's *maximum fanout-free part* (MFFC: the units used only inside the cone).

Notes
-----
Cuts, MFFCs and "rewriting" are the standard vocabulary of AIG optimisation (Mishchenko, Chatterjee & Brayton,
"DAG-aware AIG rewriting", DAC 2006); here the nodes are McCulloch–Pitts units with unbounded fan-in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ..core import MPNet, MPUnit, fresh_name
from .mp_cnf import NetShape

__all__ = ["Rewriter"]


class Rewriter:
    """A mutable copy of a net: units by name, fanout counts (outputs count), and window edits."""

    def __init__(self, net: MPNet) -> None:
        self.inputs = net.inputs
        self.units: dict[str, MPUnit] = {u.name: u for u in net.units}
        self.order: list[str] = [u.name for u in net.units]
        self.outputs: list[tuple[str, str]] = list(net.outputs)
        self.taken = set(net.nodes)
        self._count_refs()

    def _count_refs(self) -> None:
        self.refs: Counter[str] = Counter()
        for u in self.units.values():
            for s in u.sources:
                self.refs[s] += 1
        for _, node in self.outputs:
            self.refs[node] += 1

    def net(self) -> MPNet:
        return MPNet(self.inputs, tuple(self.units[n] for n in self.order), tuple(self.outputs))

    def cone(self, root: str, leaves: Iterable[str]) -> list[str]:
        """Units of the root's cone over ``leaves``, sources before users (the root last)."""
        stop = set(leaves)
        seen: set[str] = set()
        out: list[str] = []

        def visit(v: str) -> None:
            if v in seen or v in stop or v not in self.units:
                return
            seen.add(v)
            for s in sorted(self.units[v].sources):
                visit(s)
            out.append(v)

        visit(root)
        return out

    def mffc(self, roots: Sequence[str], leaves: Iterable[str]) -> set[str]:
        """The cones' units that nothing outside the cones uses (the roots included): what a replacement frees."""
        stop = set(leaves)
        lost: Counter[str] = Counter()  # references from freed units (no copy of the whole count)
        freed = set(roots)
        stack = list(roots)
        while stack:
            u = self.units[stack.pop()]
            for s in u.sources:
                if s in stop or s not in self.units:
                    continue
                lost[s] += 1
                if lost[s] == self.refs[s] and s not in freed:
                    freed.add(s)
                    stack.append(s)
        return freed

    def function(self, roots: Sequence[str], leaves: Sequence[str]) -> np.ndarray:
        """(2^L, len(roots)) uint8: the roots as functions of the leaves (leaf 0 the top bit of the row)."""
        L = len(leaves)
        r = np.arange(1 << L)
        val = {leaf: ((r >> (L - 1 - i)) & 1).astype(np.int64) for i, leaf in enumerate(leaves)}
        for root in roots:
            for name in self.cone(root, leaves):
                u = self.units[name]
                total = np.zeros(len(r), np.int64)
                for s in u.excitatory:
                    total += val[s]
                veto = np.zeros(len(r), bool)
                for s in u.inhibitory:
                    veto |= val[s].astype(bool)
                val[name] = ((total >= u.threshold) & ~veto).astype(np.int64)
        return np.stack([val[x] for x in roots], axis=1).astype(np.uint8)

    def replace(self, roots: Sequence[str], leaves: Sequence[str], shape: NetShape, freed: set[str]) -> None:
        """Put ``shape`` (inputs = ``leaves``; input i >= len(leaves) is a constant 0 it ignores) in place of the
        roots' cones; the units in ``freed`` go. A root whose new node is a unit keeps its name; one computed
        by a leaf or an old unit is redirected there."""
        nodes: list[str | None] = [*leaves, *([None] * (shape.n - len(leaves)))]
        new_units: list[MPUnit] = []
        root_of = {shape.outputs[i]: roots[i] for i in range(len(roots)) if shape.outputs[i] >= shape.n}
        for j, (th, exc, inh) in enumerate(zip(shape.thresholds, shape.excitatory, shape.inhibitory, strict=True)):
            v = shape.n + j
            name = root_of.get(v)
            if name is None:
                name = fresh_name(f"{roots[0]}_w", self.taken)
                self.taken.add(name)
            e = tuple(nodes[s] for s, w in exc for _ in range(w) if nodes[s] is not None)
            i = tuple(nodes[s] for s in inh if nodes[s] is not None)
            new_units.append(MPUnit(name, th, e, i))
            nodes.append(name)
        redirect = {roots[i]: nodes[shape.outputs[i]] for i in range(len(roots)) if shape.outputs[i] < shape.n
                    or nodes[shape.outputs[i]] != roots[i]}
        if any(v is None for v in redirect.values()):
            raise AssertionError("a window root was mapped to an ignored padding input")
        pos = min(self.order.index(r) for r in roots if r in self.units)
        keep = [n for n in self.order if n not in freed]
        pos = sum(1 for n in self.order[:pos] if n not in freed)
        for n in freed:
            del self.units[n]
        for u in new_units:
            self.units[u.name] = u
        self.order = keep[:pos] + [u.name for u in new_units] + keep[pos:]
        if redirect:
            self._redirect(redirect)
        self._count_refs()

    def _redirect(self, redirect: dict[str, str]) -> None:
        def sub(names: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(redirect.get(s, s) for s in names)

        for name in self.order:
            u = self.units[name]
            if set(u.sources) & redirect.keys():
                self.units[name] = MPUnit(name, u.threshold, sub(u.excitatory), sub(u.inhibitory))
        self.outputs = [(o, redirect.get(v, v)) for o, v in self.outputs]
