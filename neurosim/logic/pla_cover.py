"""The PLA of a compiled net: a sum-of-products cover of the function each output of the net computes.

Outputs that the compiler built from its minimised two-level cover keep that cover. Every other output (a
threshold unit, count-interval units, the NOR of a complement's terms, an input line, a constant) is expanded
exactly from the net (:func:`neurosim.logic.net_covers.node_covers`). A unit over the input lines (a threshold
unit) is unate, so its primes, which the expansion yields, are its unique minimum cover; any other output is
minimised by the Espresso loop against its exact OFF-set, so its cover is prime and irredundant. A cover too
large to minimise is written as expanded (still exact), and one too large to write at all is a
:class:`~neurosim.errors.CoverTooLarge`.

Notes
-----
A PLA written for a net is the cover of the function that net computes, don't-cares of the table resolved the
way the net resolves them: compiling the PLA back gives a net that agrees with the first on every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core import MPNet
from ..errors import CoverTooLarge, ParameterError
from .covers import Cover, MOCover, empty_cover, merge_outputs, n_words
from .cubes import CONTAINED_LIMIT, complement, format_cubes
from .espresso import OFFSET_LIMIT, espresso
from .net_covers import node_covers

__all__ = ["PLA_CUBE_LIMIT", "PLA_HOWS", "NetCover", "net_cover"]

#: most cubes any unit's exact cover may reach while a PLA is written (majority of 21 inputs has 352,716 primes:
#: a PLA of that size helps nobody, and the expansion's memory grows with it)
PLA_CUBE_LIMIT = 20000

#: how each output's rows were obtained
PLA_HOWS = {
    "cover": "the compiler's minimised two-level cover (one product unit per cube)",
    "primes": "a unit over the input lines: its prime implicants, the unique minimum cover of a unate function",
    "minimised": "expanded exactly from the net, then made prime and irredundant against its exact OFF-set",
    "expanded": "expanded exactly from the net; its OFF-set was too large to minimise against",
}


@dataclass(frozen=True, slots=True)
class NetCover:
    """A multi-output sum-of-products cover of a net's outputs, as PLA rows.

    Attributes
    ----------
    rows : tuple of (str, str)
        Input cube over ``'01-'`` and output part over ``'01'`` (type ``fd``: a 1 puts the cube in that output's
        ON-set); equal cubes of different outputs share one row.
    how : tuple of (str, str)
        Output name -> a key of :data:`PLA_HOWS`.
    """

    rows: tuple[tuple[str, str], ...]
    how: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        if any(h not in PLA_HOWS for _, h in self.how):
            raise ParameterError(f"how must be one of {', '.join(PLA_HOWS)}")

    def to_dict(self) -> dict[str, Any]:
        return {"cubes": len(self.rows), "outputs": dict(self.how)}


def _offset(net: MPNet, node: str, covers: dict[str, Cover], on: Cover, n: int) -> Cover:
    """The exact OFF-set of a node: a NOR unit's is the union of its vetoes, any other's the complement."""
    units = {u.name: u for u in net.units}
    u = units.get(node)
    if u is not None and u.threshold == 0 and not u.excitatory and u.inhibitory:
        parts = [covers[s] for s in u.inhibitory]
        return np.concatenate([c for c, _ in parts]), np.concatenate([v for _, v in parts])
    return complement(*on, n, OFFSET_LIMIT)


def _minimised(net: MPNet, names: list[str], n: int, limit: int) -> tuple[dict[str, Cover], dict[str, str]]:
    nodes = dict(net.outputs)
    try:
        covers = node_covers(net, [nodes[o] for o in names], limit=limit)
    except CoverTooLarge as exc:
        raise CoverTooLarge(f"no PLA for this net: {exc} (an output's sum of products would be larger than the "
                            "net itself); write the net in another format") from None
    result = {o: covers[nodes[o]] for o in names}
    how = dict.fromkeys(names, "minimised")
    units = {u.name: u for u in net.units}
    inputs = set(net.inputs)
    ons, offs, which = [], [], []
    for o in names:
        on = result[o]
        if len(on[0]) < 2:  # no cube, or the one cube that is the whole function: already minimal
            continue
        u = units.get(nodes[o])
        if u is not None and inputs.issuperset(u.excitatory + u.inhibitory) and len(on[0]) <= CONTAINED_LIMIT:
            how[o] = "primes"  # node_covers left exactly the minimal sets of synapses reaching θ
            continue
        try:
            offs.append(_offset(net, nodes[o], covers, on, n))
        except CoverTooLarge:
            how[o] = "expanded"
            continue
        ons.append(on)
        which.append(o)
    if which:  # one multi-output run, so outputs can share cubes
        w = n_words(n)
        f = espresso(merge_outputs(ons, n), MOCover(*empty_cover(w), np.zeros((0, len(which)), bool)), n,
                     off=merge_outputs(offs, n))
        for j, o in enumerate(which):
            result[o] = f.output(j)
    return result, how


def net_cover(net: MPNet, rows: Iterable[tuple[str, str]] = (), done: Sequence[str] = (), *,
              limit: int = PLA_CUBE_LIMIT) -> NetCover:
    """A sum-of-products cover of every output of a feedforward net.

    Parameters
    ----------
    net : MPNet
        A feedforward net.
    rows : iterable of (str, str)
        PLA rows (over all of the net's outputs) already known to be a cover of the outputs in ``done``
        (the compiler's minimised cover); other outputs' columns in them must be 0.
    done : sequence of str
        Outputs that ``rows`` covers completely.
    limit : int
        Largest exact cover of any unit, in cubes, that the expansion may reach.

    Returns
    -------
    NetCover

    Raises
    ------
    CoverTooLarge
        Some output's exact cover exceeds ``limit`` cubes.
    """
    n = len(net.inputs)
    names = net.output_names
    index = {o: j for j, o in enumerate(names)}
    merged: dict[str, list[bool]] = {}
    for cube, part in rows:
        bits = merged.setdefault(cube, [False] * len(names))
        for j, ch in enumerate(part):
            bits[j] |= ch == "1"
    how = dict.fromkeys(done, "cover")
    rest = [o for o in names if o not in how]
    if rest:
        covers, more = _minimised(net, rest, n, limit)
        how.update(more)
        for o in rest:
            for cube in format_cubes(*covers[o], n):
                merged.setdefault(cube, [False] * len(names))[index[o]] = True
    out = tuple((cube, "".join("1" if b else "0" for b in bits)) for cube, bits in merged.items() if any(bits))
    return NetCover(out, tuple((o, how[o]) for o in names))
