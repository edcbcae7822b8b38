"""Brute force: every function that some MP net of at most k units computes, by enumerating every net.

The oracle for the SAT search of ``neurosim.logic.exact_synthesis``: same search space (each source of a unit is
absent, inhibitory, or excitatory with multiplicity 1..W; θ from 0 to W times the number of sources), but no
formula, no solver and no symmetry breaking — every unit configuration is evaluated on every row with NumPy.
"""

from __future__ import annotations

from itertools import product

import numpy as np


def _configs(s: int, W: int) -> tuple[np.ndarray, np.ndarray]:
    """All (weights, inhibitory mask) of one unit with s sources: (C, s) each."""
    opts = list(range(-1, W + 1))  # -1: inhibitory, 0: absent, 1..W: multiplicity
    c = np.array(list(product(opts, repeat=s)), dtype=np.int64).reshape(-1, s)
    return np.maximum(c, 0), (c < 0)


def unit_functions(sources: np.ndarray, W: int) -> np.ndarray:
    """Every function one unit computes from ``sources`` (R, s) 0/1: the distinct rows of (F, R) uint8."""
    s = sources.shape[1]
    w, inh = _configs(s, W)
    total = w @ sources.T  # (C, R)
    veto = (inh.astype(np.int64) @ sources.T) > 0
    out = []
    for th in range(0, max(1, W * s) + 1):
        out.append(((total >= th) & ~veto).astype(np.uint8))
    return np.unique(np.concatenate(out), axis=0)


def _key(bits: np.ndarray) -> int:
    return int(sum(int(b) << r for r, b in enumerate(bits)))


def reachable(n: int, k: int, W: int) -> list[set[int]]:
    """``sets[j]``: truth tables (bit r = row r) of the nodes of every net of exactly j <= k units, any node
    taken as the output; so a function needs more than k units iff it is in no ``sets[0..k]``."""
    R = 1 << n
    rows = np.arange(R)
    inputs = np.stack([(rows >> (n - 1 - i)) & 1 for i in range(n)], axis=1).astype(np.uint8)  # (R, n)
    sets: list[set[int]] = [{_key(inputs[:, i]) for i in range(n)}]
    frontier = [inputs]  # node matrices of the nets with j units
    for _ in range(k):
        nxt, seen, found = [], set(), set()
        for nodes in frontier:
            for f in unit_functions(nodes, W):
                found.add(_key(f))
                grown = np.concatenate([nodes, f[:, None]], axis=1)
                sig = grown.tobytes()
                if sig not in seen:
                    seen.add(sig)
                    nxt.append(grown)
        sets.append(found)
        frontier = nxt
    return sets


def minimum_units(tt: int, sets: list[set[int]]) -> int | None:
    """Fewest units among the enumerated nets that compute ``tt`` (None beyond the enumerated sizes)."""
    for j, s in enumerate(sets):
        if tt in s:
            return j
    return None
