"""McCulloch–Pitts units and nets as frozen, validated value types.

Notes
-----
McCulloch, W. S. & Pitts, W. (1943). A logical calculus of the ideas immanent in nervous activity. *Bull. Math.
Biophys.* 5, 115–133. A unit fires at t+1 iff no inhibitory source fired at t and at least θ excitatory synapses
were active at t; a source listed k times has k synapses. Inhibition is an absolute veto, never a negative weight.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any

from ..errors import InvalidNetworkError
from .display import ImageRepr
from .names import check_name, is_name

__all__ = [
    "MAX_SYNAPSES",
    "MPNet",
    "MPUnit",
    "and_unit",
    "atleast_unit",
    "const_unit",
    "not_unit",
    "or_unit",
]

#: the most synapses a net read from a file (or compiled from a DFA) may have: MPUnit keeps a source once per
#: synapse (the 1943 multiset), so 10 million synapses are about 80 MB of references; one count of 10**9 in a
#: 200-byte file would otherwise ask for 8 GB
MAX_SYNAPSES = 10_000_000


def _check_name(name: Any, what: str) -> str:
    return check_name(name, what, InvalidNetworkError)


def _names(sources: Any, unit: str) -> list[Any]:
    """The source names of a unit as a list, or an error when ``sources`` is not a collection of names."""
    if isinstance(sources, str | bytes):
        raise InvalidNetworkError(f"unit {unit!r}: sources must be a list of names, not a string ({sources!r:.40})")
    if not isinstance(sources, Iterable):
        raise InvalidNetworkError(f"unit {unit!r}: sources must be a list of names, found {type(sources).__name__}")
    return list(sources)


@dataclass(frozen=True, slots=True)
class MPUnit:
    """One McCulloch–Pitts unit.

    Parameters
    ----------
    name : str
        Unique node name.
    threshold : int
        θ ≥ 0: the unit fires when at least θ excitatory synapses are active and no inhibitor is.
    excitatory : iterable of str
        Excitatory sources as a multiset: a source listed k times has k synapses (weight k). Stored sorted.
    inhibitory : iterable of str
        Inhibitory sources, a set: any one of them active vetoes firing. Stored sorted, without repeats.
    """

    name: str
    threshold: int
    excitatory: tuple[str, ...] = ()
    inhibitory: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_name(self.name, "unit")
        th = self.threshold
        if isinstance(th, bool) or not isinstance(th, Integral):  # NumPy integers are Integral too
            if isinstance(th, float) and th.is_integer():
                th = int(th)
            else:
                raise InvalidNetworkError(f"unit {self.name!r}: threshold must be an integer, found {th!r}")
        th = int(th)
        if th < 0:
            raise InvalidNetworkError(f"unit {self.name!r}: threshold must be >= 0, found {th}")
        exc = _names(self.excitatory, self.name)
        inh = _names(self.inhibitory, self.name)
        if not (all(map(is_name, exc)) and all(map(is_name, inh))):  # cached per name: fast on big units
            for s in (*exc, *inh):
                _check_name(s, f"unit {self.name!r} source")  # names the first bad source
        exc = tuple(sorted(exc))
        inh = tuple(sorted(set(inh)))
        object.__setattr__(self, "threshold", th)
        object.__setattr__(self, "excitatory", exc)
        object.__setattr__(self, "inhibitory", inh)

    @property
    def weights(self) -> dict[str, int]:
        """Excitatory synapse counts per source, in sorted source order."""
        return dict(Counter(self.excitatory))

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(self.excitatory) | frozenset(self.inhibitory)

    @property
    def n_synapses(self) -> int:
        return len(self.excitatory) + len(self.inhibitory)

    @property
    def fan_in(self) -> int:
        """Distinct source nodes."""
        return len(self.sources)

    def fires(self, active: Mapping[str, int] | frozenset[str] | set[str]) -> bool:
        """The 1943 rule on one state: ``active`` is the set (or 0/1 mapping) of nodes firing at t."""
        if isinstance(active, Mapping):
            on = {k for k, v in active.items() if v}
        else:
            on = active
        if any(s in on for s in self.inhibitory):
            return False
        return sum(1 for s in self.excitatory if s in on) >= self.threshold


@dataclass(frozen=True, slots=True)
class MPNet(ImageRepr):
    """A net of McCulloch–Pitts units.

    Parameters
    ----------
    inputs : iterable of str
        Ordered input node names (external lines; they carry no threshold).
    units : iterable of MPUnit
        The units, in any order (kept as given).
    outputs : mapping or iterable of (name, node)
        Named outputs, in order; a node may be a unit or an input.
    initial : iterable of str
        Units firing at tick 0 (recurrent nets; empty for feedforward use).
    metadata : mapping
        Free-form scalars carried through files (e.g. a DFA net's run protocol); not part of equality.

    Raises
    ------
    InvalidNetworkError
        Duplicate names, a source or output that names no node, an initial node that is not a unit…
    """

    inputs: tuple[str, ...]
    units: tuple[MPUnit, ...]
    outputs: tuple[tuple[str, str], ...]
    initial: frozenset[str] = frozenset()
    metadata: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    # topological order of the units, or the name of a unit on a cycle; derived once when built
    _order: tuple[MPUnit, ...] | str = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inputs = _collection(self.inputs, "inputs", "a list of names")
        inputs = tuple(_check_name(n, "input") for n in inputs)
        units = tuple(_collection(self.units, "units", "a list of MPUnit objects"))
        for u in units:
            if not isinstance(u, MPUnit):
                raise InvalidNetworkError(f"units must be MPUnit objects, found {type(u).__name__}")
        outputs = self.outputs
        if isinstance(outputs, Mapping):
            outputs = tuple(outputs.items())
        outputs = _collection(outputs, "outputs", "a mapping or a list of (name, node) pairs")
        for pair in outputs:
            if isinstance(pair, str | bytes) or not isinstance(pair, Iterable) or len(tuple(pair)) != 2:
                raise InvalidNetworkError(f"outputs must be a mapping or a list of (name, node) pairs, found "
                                          f"{pair!r} among them")
        outputs = tuple((str(k), v) for k, v in outputs)
        seen: set[str] = set()
        for n in (*inputs, *(u.name for u in units)):
            if n in seen:
                raise InvalidNetworkError(f"duplicate node name {n!r}")
            seen.add(n)
        for u in units:
            for s in u.sources:
                if s not in seen:
                    raise InvalidNetworkError(f"unit {u.name!r}: unknown source {s!r}")
        out_names: set[str] = set()
        for name, node in outputs:
            _check_name(name, "output")
            if name in out_names:
                raise InvalidNetworkError(f"duplicate output name {name!r}")
            out_names.add(name)
            if node not in seen:
                raise InvalidNetworkError(f"output {name!r}: undefined node {node!r}")
        unit_names = {u.name for u in units}
        initial = frozenset(_collection(self.initial, "initial", "a set of unit names"))
        for n in initial:
            if n not in unit_names:
                raise InvalidNetworkError(f"initial firing node {n!r} is not a unit")
        meta = self.metadata
        if isinstance(meta, Mapping):
            meta = tuple(meta.items())
        meta = _collection(meta, "metadata", "a mapping of scalars")
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "outputs", outputs)
        object.__setattr__(self, "initial", initial)
        object.__setattr__(self, "metadata", tuple(meta))
        object.__setattr__(self, "_order", _topological(units))

    # ---- lookup -----------------------------------------------------------------------------------------------
    @property
    def nodes(self) -> tuple[str, ...]:
        """All node names: inputs first, then units, in order. This is the column order of traces."""
        return self.inputs + tuple(u.name for u in self.units)

    @property
    def unit_names(self) -> tuple[str, ...]:
        return tuple(u.name for u in self.units)

    @property
    def output_names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.outputs)

    def unit(self, name: str) -> MPUnit:
        """The unit called ``name``."""
        for u in self.units:
            if u.name == name:
                return u
        raise InvalidNetworkError(f"no unit named {name!r}")

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.metadata)

    # ---- structure --------------------------------------------------------------------------------------------
    @property
    def n_synapses(self) -> int:
        return sum(u.n_synapses for u in self.units)

    def topological_units(self) -> tuple[MPUnit, ...]:
        """Units ordered so that every unit comes after its unit sources.

        Raises
        ------
        InvalidNetworkError
            The net has a cycle (names a unit on it).
        """
        if isinstance(self._order, str):
            raise InvalidNetworkError(
                f"the net has a cycle through unit {self._order!r}; a feedforward net is needed here")
        return self._order


    def is_feedforward(self) -> bool:
        """True when the unit graph has no cycle (self-loops included)."""
        try:
            self.topological_units()
        except InvalidNetworkError:
            return False
        return True

    def levels(self) -> dict[str, int]:
        """Layer of every node: inputs 0, a unit 1 + the largest layer of its sources (feedforward only)."""
        lev = {n: 0 for n in self.inputs}
        for u in self.topological_units():
            lev[u.name] = 1 + max((lev[s] for s in u.sources), default=0)
        return lev

    def depth(self) -> int:
        """Ticks until every output settles: the largest layer among output nodes (0 if all are inputs)."""
        lev = self.levels()
        return max((lev[node] for _, node in self.outputs), default=0)

    def fan_in_stats(self) -> dict[str, float]:
        """Distinct-source fan-in over units: ``min``, ``max``, ``mean``; synapse count ``synapses``."""
        fans = [u.fan_in for u in self.units] or [0]
        return {"units": len(self.units), "synapses": self.n_synapses, "min": min(fans), "max": max(fans),
                "mean": sum(fans) / len(fans)}

    def summary(self) -> dict[str, Any]:
        """Inputs, outputs, units, synapses, depth (None for recurrent nets)."""
        ff = self.is_feedforward()
        return {"inputs": len(self.inputs), "outputs": len(self.outputs), "units": len(self.units),
                "synapses": self.n_synapses, "depth": self.depth() if ff else None, "feedforward": ff}

    # ---- building ---------------------------------------------------------------------------------------------
    def with_outputs(self, outputs: Mapping[str, str] | Iterable[tuple[str, str]]) -> MPNet:
        return MPNet(self.inputs, self.units, outputs, self.initial, self.metadata)

    def with_metadata(self, **meta: Any) -> MPNet:
        merged = {**dict(self.metadata), **meta}
        return MPNet(self.inputs, self.units, self.outputs, self.initial, tuple(merged.items()))


def _collection(value: Any, what: str, expected: str) -> tuple[Any, ...]:
    """``value`` as a tuple, or an error naming ``what`` when it is a string or not a collection at all."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidNetworkError(f"{what} must be {expected}, found {type(value).__name__} {value!r}"[:200])
    return tuple(value)


def _topological(units: tuple[MPUnit, ...]) -> tuple[MPUnit, ...] | str:
    """Units with every unit after its unit sources, or the name of a unit on a cycle."""
    by_name = {u.name: u for u in units}
    state: dict[str, int] = {}
    order: list[MPUnit] = []
    for root in units:
        if root.name in state:
            continue
        stack = [(root.name, iter(sorted(s for s in root.sources if s in by_name)))]
        state[root.name] = 1
        while stack:
            name, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                state[name] = 2
                order.append(by_name[name])
            elif state.get(nxt) == 1:
                return nxt
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(s for s in by_name[nxt].sources if s in by_name))))
    return tuple(order)


def and_unit(name: str, sources: Iterable[str], negated: Iterable[str] = ()) -> MPUnit:
    """AND of ``sources`` and of NOT ``negated``: θ = number of positive literals, negated ones inhibit."""
    src = tuple(sources)
    return MPUnit(name, len(src), src, tuple(negated))


def or_unit(name: str, sources: Iterable[str]) -> MPUnit:
    """OR of ``sources``: θ = 1."""
    return MPUnit(name, 1, tuple(sources))


def atleast_unit(name: str, sources: Iterable[str], k: int) -> MPUnit:
    """Fires when at least ``k`` of ``sources`` fire (θ = k)."""
    return MPUnit(name, k, tuple(sources))


def not_unit(name: str, source: str) -> MPUnit:
    """NOT: θ = 0 with ``source`` as the only (inhibitory) synapse."""
    return MPUnit(name, 0, (), (source,))


def const_unit(name: str, value: bool) -> MPUnit:
    """Constant 1 (θ = 0, no synapses) or constant 0 (θ = 1, no synapses)."""
    return MPUnit(name, 0 if value else 1)
