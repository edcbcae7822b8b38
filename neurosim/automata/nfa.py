"""Nondeterministic finite automata (with ε-moves) as a frozen, validated value type.

An :class:`NFA` has exactly automata-lib's NFA fields: ``states``, ``input_symbols``, ``transitions`` as
``{state: {symbol: [states]}}`` where the symbol ``""`` is an ε-move, ``initial_state`` and ``final_states``.
States and symbols are strings; states are kept in natural order (``q2`` before ``q10``) so that every output is
byte-stable. Validation errors are :class:`SpecError` with a JSON path such as ``$.transitions.q0.a[1]``.

Notes
-----
Rabin, M. O. & Scott, D. (1959). Finite automata and their decision problems. *IBM J. Res. Dev.* 3, 114–125
(nondeterministic automata and their direct simulation on state sets).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParameterError, SpecError
from ._spec import check_header, from_spec
from ._spec import json_path as _path
from ._spec import names as _names
from .dfa import DFA, from_automata_lib_names

__all__ = ["EPSILON", "NFA", "as_automaton", "natural_key"]

#: the symbol of an ε-move in ``transitions`` (automata-lib's convention)
EPSILON = ""
_CHUNKS = re.compile(r"([0-9]+)")  # ASCII digits only: '¹' or '٣' is a digit to str.isdigit but not to int


def natural_key(name: str) -> tuple[tuple[tuple[int, int | str], ...], str]:
    """Sort key that orders the digit runs of a name as numbers: ``q2 < q10``, ``2 < 10`` (ties by the name)."""
    return tuple((0, int(c)) if _CHUNKS.fullmatch(c) else (1, c) for c in _CHUNKS.split(name) if c != ""), name


@dataclass(frozen=True, slots=True)
class NFA:
    """A nondeterministic finite automaton with ε-moves over string states and symbols.

    Parameters
    ----------
    states : iterable of str
    input_symbols : iterable of str
        Non-empty symbol names (``""`` is reserved for ε).
    transitions : mapping state -> mapping symbol -> iterable of states
        ``""`` as the symbol is an ε-move; a missing pair has no move.
    initial_state : str
    final_states : iterable of str

    Raises
    ------
    SpecError
        An unknown state or symbol, a target that is not a list…; the path names the culprit.
    """

    states: tuple[str, ...]
    input_symbols: tuple[str, ...]
    transitions: tuple[tuple[str, tuple[tuple[str, frozenset[str]], ...]], ...]
    initial_state: str
    final_states: frozenset[str]
    _delta: dict[str, dict[str, frozenset[str]]] = field(default=None, init=False, repr=False,  # type: ignore
                                                         compare=False)

    def __post_init__(self) -> None:
        states = _names(self.states, "states", natural_key)
        symbols = _names(self.input_symbols, "input_symbols", natural_key)
        if EPSILON in symbols:
            raise SpecError("expected non-empty symbols ('' marks an ε-move in transitions, not a symbol)",
                            _path("input_symbols"))
        if not states:
            raise SpecError("expected at least one state, found none", _path("states"))
        sset, aset = set(states), set(symbols)
        items = self.transitions.items() if isinstance(self.transitions, Mapping) else self.transitions
        delta: dict[str, dict[str, frozenset[str]]] = {}
        for q, row in items:
            if q not in sset:
                raise SpecError(f"unknown state {q!r} (not in $.states)", _path("transitions", str(q)))
            out: dict[str, set[str]] = {}
            for a, targets in (row.items() if isinstance(row, Mapping) else row):
                if a != EPSILON and a not in aset:
                    raise SpecError(f"unknown symbol {a!r} (not in $.input_symbols; '' is ε)",
                                    _path("transitions", q, str(a)))
                if isinstance(targets, str):
                    raise SpecError(f"expected a list of states, found the string {targets!r}",
                                    _path("transitions", q, str(a)))
                got = out.setdefault(a, set())
                for i, r in enumerate(targets):
                    if r not in sset:
                        raise SpecError(f"unknown state {r!r} (not in $.states)", _path("transitions", q, str(a),
                                                                                           f"[{i}]"))
                    got.add(r)
            delta[q] = {a: frozenset(rs) for a, rs in out.items() if rs}
        if self.initial_state not in sset:
            raise SpecError(f"unknown state {self.initial_state!r} (not in $.states)", _path("initial_state"))
        if isinstance(self.final_states, str):
            raise SpecError("expected a list of states, found a string", _path("final_states"))
        finals = frozenset(self.final_states)
        for f in sorted(finals):
            if f not in sset:
                raise SpecError(f"unknown state {f!r} (not in $.states)", _path("final_states"))
        norm = tuple((q, tuple(sorted(delta[q].items()))) for q in states if delta.get(q))
        object.__setattr__(self, "states", states)
        object.__setattr__(self, "input_symbols", symbols)
        object.__setattr__(self, "transitions", norm)
        object.__setattr__(self, "final_states", finals)
        object.__setattr__(self, "_delta", {q: dict(row) for q, row in norm})

    # ---- building and views -----------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, d: Any, source: str | None = None) -> NFA:
        """Build from a JSON-like dict with automata-lib's NFA keys, checking types (errors name the JSON path)."""
        return from_spec(cls._from_dict, d, source)

    @classmethod
    def _from_dict(cls, d: Any) -> NFA:
        check_header(d, "NFA ")
        trans = d["transitions"]
        if not isinstance(trans, Mapping):
            raise SpecError(f"expected an object {{state: {{symbol: [states]}}}}, found {type(trans).__name__}",
                            _path("transitions"))
        for q, row in trans.items():
            if not isinstance(row, Mapping):
                raise SpecError(f"expected an object {{symbol: [states]}}, found {type(row).__name__}",
                                _path("transitions", q))
            for a, targets in row.items():
                where = _path("transitions", q, a)
                if not isinstance(targets, list):
                    raise SpecError(f"expected a list of states, found {targets!r}", where)
                for i, r in enumerate(targets):
                    if not isinstance(r, str):
                        raise SpecError(f"expected a state name, found {r!r}", f"{where}[{i}]")
        return cls(d["states"], d["input_symbols"], trans, d["initial_state"], d["final_states"])

    def to_dict(self) -> dict[str, Any]:
        """automata-lib's NFA keys in a fixed order, sets as lists in natural order (byte-stable when dumped)."""
        order = {q: i for i, q in enumerate(self.states)}
        return {"states": list(self.states), "input_symbols": list(self.input_symbols),
                "transitions": {q: {a: sorted(rs, key=order.__getitem__) for a, rs in row}
                                for q, row in self.transitions},
                "initial_state": self.initial_state, "final_states": sorted(self.final_states, key=order.__getitem__)}

    @classmethod
    def coerce(cls, obj: Any) -> NFA:
        """``obj`` as an :class:`NFA`: itself, or an automata-lib ``NFA`` (state names become strings)."""
        if isinstance(obj, NFA):
            return obj
        if type(obj).__module__.startswith("automata.") and type(obj).__name__ == "NFA":
            names = from_automata_lib_names(obj.states)
            trans = {names[q]: {a: [names[r] for r in rs] for a, rs in row.items()}
                     for q, row in obj.transitions.items()}
            return cls(names.values(), [str(a) for a in obj.input_symbols], trans, names[obj.initial_state],
                       [names[f] for f in obj.final_states])
        raise ParameterError(f"expected a neurosim NFA or an automata-lib NFA, found {type(obj).__name__}")

    def delta(self, state: str, symbol: str) -> frozenset[str]:
        """The states one move (``symbol``, or ``""`` for ε) leads to from ``state``, without ε-closure."""
        return self._delta.get(state, {}).get(symbol, frozenset())

    @property
    def has_epsilon(self) -> bool:
        return any(EPSILON in row for row in self._delta.values())

    @property
    def n_moves(self) -> int:
        """Number of (state, symbol, state) moves, ε-moves included."""
        return sum(len(rs) for row in self._delta.values() for rs in row.values())

    def epsilon_closure(self, states: Iterable[str]) -> frozenset[str]:
        """Every state reachable from ``states`` by ε-moves alone (``states`` included)."""
        seen = set(states)
        stack = list(seen)
        while stack:
            for r in self.delta(stack.pop(), EPSILON):
                if r not in seen:
                    seen.add(r)
                    stack.append(r)
        return frozenset(seen)

    def initial_set(self) -> frozenset[str]:
        """The ε-closure of the initial state: where every run starts."""
        return self.epsilon_closure((self.initial_state,))

    def step(self, current: Iterable[str], symbol: str) -> frozenset[str]:
        """The ε-closed set of states after reading ``symbol`` from the ε-closed set ``current``."""
        moved: set[str] = set()
        for q in current:
            moved |= self.delta(q, symbol)
        return self.epsilon_closure(moved)

    def accepts(self, word: Iterable[str]) -> bool:
        """Run one string by direct simulation on state sets (a str is read character by character)."""
        current = self.initial_set()
        for a in word:
            if a not in self.input_symbols:
                raise SpecError(f"symbol {a!r} is not in the alphabet", "$.input_symbols")
            current = self.step(current, a)
            if not current:
                return False
        return bool(current & self.final_states)

    def reachable_states(self) -> list[str]:
        """States reachable from the initial state by any moves, in breadth-first order."""
        seen = {self.initial_state}
        order = [self.initial_state]
        queue = deque(order)
        while queue:
            q = queue.popleft()
            for _, rs in sorted(self._delta.get(q, {}).items()):
                for r in sorted(rs, key=natural_key):
                    if r not in seen:
                        seen.add(r)
                        order.append(r)
                        queue.append(r)
        return order

    @classmethod
    def from_dfa(cls, dfa: DFA) -> NFA:
        """The same automaton read as an NFA (every move leads to a one-state set)."""
        return cls(dfa.states, dfa.input_symbols, {q: {a: [r] for a, r in row} for q, row in dfa.transitions},
                   dfa.initial_state, dfa.final_states)


def as_automaton(obj: Any) -> DFA | NFA:
    """A neurosim :class:`DFA` or :class:`NFA` for ``obj`` (either, or automata-lib's ``DFA``/``NFA``)."""
    if isinstance(obj, DFA | NFA):
        return obj
    if type(obj).__module__.startswith("automata.") and type(obj).__name__ == "NFA":
        return NFA.coerce(obj)
    return DFA.coerce(obj)
