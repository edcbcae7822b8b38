"""Exact cube covers of what each unit of a feedforward MP net computes, as functions of the net's inputs.

Used to verify nets with too many inputs for exhaustive simulation: a product-term unit is one cube, an OR unit
the union of its sources' covers, and any other unit is expanded exactly (Shannon expansion over its sources,
complement for inhibitors). The covers are exact; only their size limits the method.

Notes
-----
The 1943 rule read as a Boolean formula: unit u fires iff no inhibitor fires and at least θ excitatory synapses
are active (McCulloch & Pitts 1943, Theorem I: feedforward nets realise exactly the Boolean functions).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..core import MPNet, MPUnit
from .covers import Cover, empty_cover, n_words, universe_cover
from .cubes import complement, remove_contained_bounded

__all__ = ["node_covers"]



def _union(covers: list[Cover], w: int) -> Cover:
    if not covers:
        return empty_cover(w)
    care = np.concatenate([c for c, _ in covers])
    val = np.concatenate([v for _, v in covers])
    keep = remove_contained_bounded(care, val)
    return care[keep], val[keep]


def _and(a: Cover, b: Cover) -> Cover:
    """Pairwise cube intersection, empty products dropped."""
    (ac, av), (bc, bv) = a, b
    if len(ac) == 0 or len(bc) == 0:
        return empty_cover(ac.shape[1])
    clash = ((av[:, None, :] ^ bv[None, :, :]) & ac[:, None, :] & bc[None, :, :]).any(axis=2)
    i, j = np.nonzero(~clash)
    care, val = ac[i] | bc[j], av[i] | bv[j]
    keep = remove_contained_bounded(care, val)
    return care[keep], val[keep]


def _at_least(sources: list[tuple[Cover, Cover, int]], theta: int, w: int) -> Cover:
    """Points where the active sources' weights sum to at least θ (Shannon expansion over the sources)."""
    if theta <= 0:
        return universe_cover(w)
    if sum(k for _, _, k in sources) < theta:
        return empty_cover(w)
    (pos, neg, k), rest = sources[0], sources[1:]
    on = _and(pos, _at_least(rest, theta - k, w))
    off = _and(neg, _at_least(rest, theta, w))
    return _union([on, off], w)


def _unit_cover(u: MPUnit, covers: dict[str, Cover], n: int, inputs: set[str]) -> Cover:
    w = n_words(n)
    weights = Counter(u.excitatory)
    if u.inhibitory:
        inh_c = _union([covers[s] for s in u.inhibitory], w)
        veto_free = complement(*inh_c, n)
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
    else:
        srcs = [(covers[s], complement(*covers[s], n), k) for s, k in weights.items()]
        body = _at_least(srcs, u.threshold, w)
    return _and(body, veto_free)


def node_covers(net: MPNet) -> dict[str, Cover]:
    """Cube covers ``(care, val)`` over the inputs (bit-packed, see :mod:`neurosim.cubes`) of every node.

    Parameters
    ----------
    net : MPNet
        A feedforward net.

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
    for u in net.topological_units():
        covers[u.name] = _unit_cover(u, covers, n, inputs)
    return covers
