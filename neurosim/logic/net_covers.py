"""Exact cube covers of what each unit of a feedforward MP net computes, as functions of the net's inputs.

Used to verify nets with too many inputs for exhaustive simulation, and to write the PLA of a compiled net: a
product-term unit is one cube, an OR unit the union of its sources' covers, and any other unit is expanded
exactly (the "at least θ" count over its sources, complement for inhibitors). The covers are exact; only their
size limits the method (``limit``).

Notes
-----
The 1943 rule read as a Boolean formula: unit u fires iff no inhibitor fires and at least θ excitatory synapses
are active (McCulloch & Pitts 1943, Theorem I: feedforward nets realise exactly the Boolean functions). The count
is monotone in every excitatory source, so ``AL(s·S, θ) = s·AL(S, θ − k) + AL(S, θ)`` needs no complement of a
source: for a unit over input lines this yields the unit's prime implicants (its minimal sets of synapses that
reach θ), which for such a unate function are its unique minimum cover.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from ..core import MPNet, MPUnit
from ..errors import CoverTooLarge
from .covers import Cover, empty_cover, n_words, universe_cover
from .cubes import complement, remove_contained_bounded

__all__ = ["node_covers"]


def _check(c: Cover, limit: int | None, name: str) -> Cover:
    if limit is not None and len(c[0]) > limit:
        raise CoverTooLarge(f"the cover of unit {name!r} has more than {limit} cubes")
    return c


def _union(covers: list[Cover], w: int) -> Cover:
    if not covers:
        return empty_cover(w)
    care = np.concatenate([c for c, _ in covers])
    val = np.concatenate([v for _, v in covers])
    keep = remove_contained_bounded(care, val)
    return care[keep], val[keep]


def _and(a: Cover, b: Cover, limit: int | None = None) -> Cover:
    """Pairwise cube intersection, empty products dropped (CoverTooLarge when the pairs exceed ``limit``²)."""
    (ac, av), (bc, bv) = a, b
    if len(ac) == 0 or len(bc) == 0:
        return empty_cover(ac.shape[1])
    if limit is not None and len(ac) * len(bc) > limit * limit:
        raise CoverTooLarge(f"a product of covers has more than {limit * limit} cube pairs")
    clash = ((av[:, None, :] ^ bv[None, :, :]) & ac[:, None, :] & bc[None, :, :]).any(axis=2)
    i, j = np.nonzero(~clash)
    care, val = ac[i] | bc[j], av[i] | bv[j]
    keep = remove_contained_bounded(care, val)
    return care[keep], val[keep]


def _at_least(sources: list[tuple[Cover, int]], theta: int, w: int, limit: int | None, name: str) -> Cover:
    """Points where the active sources' weights sum to at least θ.

    ``AL(i, t)`` (sources ``i..`` reaching ``t``) is ``s_i·AL(i+1, t − k_i) + AL(i+1, t)``, memoised on
    ``(i, t)``; the second term alone is right where ``s_i`` is 0 and implies the first where it is 1.
    """
    suffix = [0] * (len(sources) + 1)
    for i in range(len(sources) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + sources[i][1]
    memo: dict[tuple[int, int], Cover] = {}

    def al(i: int, t: int) -> Cover:
        if t <= 0:
            return universe_cover(w)
        if suffix[i] < t:
            return empty_cover(w)
        if (i, t) not in memo:
            cover, k = sources[i]
            memo[i, t] = _check(_union([_and(cover, al(i + 1, t - k), limit), al(i + 1, t)], w), limit, name)
        return memo[i, t]

    return al(0, theta)


def _unit_cover(u: MPUnit, covers: dict[str, Cover], n: int, inputs: set[str], limit: int | None) -> Cover:
    w = n_words(n)
    weights = Counter(u.excitatory)
    if u.inhibitory and all(s in inputs for s in u.inhibitory):
        # no inhibiting input line active: one cube of 0-literals (e64's 64 units: 0.17 s of complements saved)
        lit = _union([covers[s] for s in u.inhibitory], w)
        zero = np.bitwise_or.reduce(lit[0], axis=0)[None, :]
        veto_free = (zero, np.zeros_like(zero))
    elif u.inhibitory:
        inh_c = _union([covers[s] for s in u.inhibitory], w)
        veto_free = _check(complement(*inh_c, n, limit), limit, u.name)
    else:
        veto_free = universe_cover(w)
    if u.threshold == 0:
        return veto_free
    if all(s in inputs for s in weights) and all(k == 1 for k in weights.values()) and u.threshold == len(weights):
        lit = _union([covers[s] for s in weights], w)  # AND of positive input literals: one cube
        cube = (np.bitwise_or.reduce(lit[0], axis=0)[None, :], np.bitwise_or.reduce(lit[1], axis=0)[None, :])
        return _and(cube, veto_free)
    if u.threshold == 1:
        body = _union([covers[s] for s in weights], w)
    else:  # heaviest sources first: the recursion then reaches θ (or falls short of it) sooner
        srcs = sorted(((covers[s], k) for s, k in weights.items()), key=lambda sk: -sk[1])
        body = _at_least(srcs, u.threshold, w, limit, u.name)
    return _check(_and(body, veto_free, limit), limit, u.name)


def _needed(net: MPNet, nodes: Iterable[str]) -> set[str]:
    """The units that the nodes depend on (themselves included)."""
    sources = {u.name: u.excitatory + u.inhibitory for u in net.units}
    need: set[str] = set()
    stack = [s for s in nodes if s in sources]
    while stack:
        name = stack.pop()
        if name not in need:
            need.add(name)
            stack.extend(s for s in sources[name] if s in sources)
    return need


def node_covers(net: MPNet, nodes: Iterable[str] | None = None, *, limit: int | None = None) -> dict[str, Cover]:
    """Cube covers ``(care, val)`` over the inputs (bit-packed, see :mod:`neurosim.logic.cubes`) of the nodes.

    Parameters
    ----------
    net : MPNet
        A feedforward net.
    nodes : iterable of str, optional
        Compute only these nodes and what they depend on (default: every node).
    limit : int, optional
        Largest cover (in cubes) any unit may get; past it :class:`~neurosim.errors.CoverTooLarge` is raised.

    Returns
    -------
    dict of str to (ndarray, ndarray)
        Node name -> its settled firing set as a cover over ``net.inputs``.
    """
    n = len(net.inputs)
    w = n_words(n)
    covers: dict[str, Cover] = {}
    for i, name in enumerate(net.inputs):
        c = np.zeros((1, w), np.uint64)
        c[0, i // 64] = np.uint64(1) << np.uint64(i % 64)
        covers[name] = (c, c.copy())
    inputs = set(net.inputs)
    need = None if nodes is None else _needed(net, nodes)
    for u in net.topological_units():
        if need is None or u.name in need:
            covers[u.name] = _unit_cover(u, covers, n, inputs, limit)
    return covers
