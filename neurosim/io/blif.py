"""BLIF export of feedforward MP nets, for logic-synthesis tools (ABC, SIS, Yosys).

Each unit becomes one ``.names`` table: the on-set cover of its 1943 rule over its distinct sources. Inhibitory
sources are ``0`` in every cube; each cube sets ``1`` on a *minimal* set of excitatory sources whose synapse count
reaches the threshold and ``-`` elsewhere (the rule is monotone in its excitatory sources, so these cubes cover
the on-set exactly). θ = 0 gives one cube; an unreachable threshold gives an empty cover (constant 0). Tables
come in topological order. A named output that differs from its node's name is a buffer ``.names node name``.

BLIF is combinational, so only feedforward nets are written (their settled outputs are the BLIF functions); a
recurrent net (a latch, a DFA net) is refused, and so is a unit with more than :data:`FANIN_LIMIT` distinct
sources, whose cover could be exponentially long.

Notes
-----
BLIF: Berkeley Logic Interchange Format (UC Berkeley, 1992). MP units as threshold gates: McCulloch & Pitts (1943).
"""

from __future__ import annotations

from itertools import combinations

from ..core import MPNet, MPUnit
from ..errors import InvalidNetworkError

__all__ = ["FANIN_LIMIT", "net_to_blif", "unit_cover"]

#: most distinct sources a unit may have for BLIF export
FANIN_LIMIT = 16


def unit_cover(unit: MPUnit) -> tuple[tuple[str, ...], list[str]]:
    """The distinct sources of ``unit`` (sorted) and the cubes of its on-set cover over them.

    Returns
    -------
    sources : tuple of str
    cubes : list of str
        Each a string of ``0``/``1``/``-``, one character per source; empty list = constant 0.
    """
    inh = set(unit.inhibitory)
    weights = {s: w for s, w in unit.weights.items() if s not in inh}  # vetoing sources never count
    sources = tuple(sorted(unit.sources))
    exc = sorted(weights)
    cubes: list[str] = []

    def cube(on: tuple[str, ...]) -> str:
        return "".join("0" if s in inh else "1" if s in on else "-" for s in sources)

    if unit.threshold == 0:
        return sources, [cube(())]
    for r in range(1, len(exc) + 1):
        for subset in combinations(exc, r):
            total = sum(weights[s] for s in subset)
            # minimal: reaches θ, and dropping its lightest member falls short
            if total >= unit.threshold and total - min(weights[s] for s in subset) < unit.threshold:
                cubes.append(cube(subset))
    return sources, cubes


def net_to_blif(net: MPNet, *, model: str = "mpnet") -> str:
    """BLIF text of a feedforward net.

    Raises
    ------
    InvalidNetworkError
        The net is recurrent, a unit has more than FANIN_LIMIT distinct sources, or an output name is already
        the name of another node.
    """
    try:
        order = net.topological_units()
    except InvalidNetworkError as exc:
        raise InvalidNetworkError(f"BLIF is combinational and needs a feedforward net: {exc}") from None
    nodes = set(net.nodes)
    for name, node in net.outputs:
        if name != node and name in nodes:
            raise InvalidNetworkError(
                f"output {name!r} reads {node!r} but {name!r} is another node; BLIF needs distinct signal names")
    lines = ["# McCulloch-Pitts net written by neurosim: one on-set cover per unit",
             f".model {model}",
             ".inputs" + "".join(f" {x}" for x in net.inputs),
             ".outputs" + "".join(f" {name}" for name, _ in net.outputs)]
    for u in order:
        if u.fan_in > FANIN_LIMIT:
            raise InvalidNetworkError(f"unit {u.name!r} has {u.fan_in} distinct sources; BLIF export writes each "
                                      f"unit's cover and supports fan-in <= {FANIN_LIMIT}")
        sources, cubes = unit_cover(u)
        lines.append(".names" + "".join(f" {s}" for s in sources) + f" {u.name}")
        lines.extend(f"{c} 1" if c else "1" for c in cubes)
    for name, node in net.outputs:
        if name != node:
            lines += [f".names {node} {name}", "1 1"]
    lines.append(".end")
    return "\n".join(lines) + "\n"
