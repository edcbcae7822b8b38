"""Deterministic finite automata as a frozen, validated value type, with completion, minimisation and equivalence.

A :class:`DFA` has exactly automata-lib's fields (``states``, ``input_symbols``, ``transitions`` as
``{state: {symbol: state}}``, ``initial_state``, ``final_states``, ``allow_partial``). States and symbols are
strings; sets are kept sorted so that every output is byte-stable. Validation errors are :class:`SpecError` with
a JSON path such as ``$.transitions.q2.b``.

Notes
-----
Rabin, M. O. & Scott, D. (1959). Finite automata and their decision problems. *IBM J. Res. Dev.* 3, 114–125
(the product construction); Hopcroft, J. (1971). An n log n algorithm for minimizing states in a finite
automaton (the partition refinement used by :func:`minimize`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import ImageRepr, fresh_name
from ..errors import ParameterError, SpecError
from ._spec import check_header, from_spec
from ._spec import json_path as _path
from ._spec import names as _names

__all__ = ["DFA", "complete", "equivalent", "find_difference", "minimize", "product", "random_dfa"]

Word = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DFA(ImageRepr):
    """A deterministic finite automaton over string states and symbols.

    Parameters
    ----------
    states : iterable of str
    input_symbols : iterable of str
        Non-empty symbol names.
    transitions : mapping state -> mapping symbol -> state
        May omit pairs only when ``allow_partial`` is true (a missing move rejects).
    initial_state : str
    final_states : iterable of str
    allow_partial : bool

    Raises
    ------
    SpecError
        An unknown state or symbol, a missing transition of a complete DFA…; the path names the culprit.
    """

    states: tuple[str, ...]
    input_symbols: tuple[str, ...]
    transitions: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    initial_state: str
    final_states: frozenset[str]
    allow_partial: bool = False
    _delta: dict[str, dict[str, str]] = field(default=None, init=False, repr=False, compare=False)  # type: ignore

    def __post_init__(self) -> None:
        states = _names(self.states, "states")
        symbols = _names(self.input_symbols, "input_symbols")
        for s in symbols:
            if s == "":
                raise SpecError("expected a non-empty symbol, found ''", _path("input_symbols"))
        if not states:
            raise SpecError("expected at least one state, found none", _path("states"))
        sset, aset = set(states), set(symbols)
        delta = self._check_transitions(sset, aset)
        if not self.allow_partial:
            for q in states:
                for a in symbols:
                    if a not in delta.get(q, {}):
                        raise SpecError("missing transition (set allow_partial to true for a partial DFA)",
                                        _path("transitions", q, a))
        if not isinstance(self.initial_state, str) or self.initial_state not in sset:
            raise SpecError(f"unknown state {self.initial_state!r} (not in $.states)", _path("initial_state"))
        finals = frozenset(_names(self.final_states, "final_states"))  # strings only (sorting needs one type)
        for f in sorted(finals):
            if f not in sset:
                raise SpecError(f"unknown state {f!r} (not in $.states)", _path("final_states"))
        norm = tuple((q, tuple(sorted(delta[q].items()))) for q in states if delta.get(q))
        object.__setattr__(self, "states", states)
        object.__setattr__(self, "input_symbols", symbols)
        object.__setattr__(self, "transitions", norm)
        object.__setattr__(self, "final_states", finals)
        object.__setattr__(self, "allow_partial", bool(self.allow_partial))
        object.__setattr__(self, "_delta", {q: dict(row) for q, row in norm})

    def _check_transitions(self, sset: set[str], aset: set[str]) -> dict[str, dict[str, str]]:
        trans = self.transitions
        try:
            items = list(trans.items() if isinstance(trans, Mapping) else trans)
            rows = [(q, list(row.items() if isinstance(row, Mapping) else row)) for q, row in items]
            rows = [(q, [(a, r) for a, r in pairs]) for q, pairs in rows]
        except (TypeError, ValueError):
            raise SpecError("expected a mapping {state: {symbol: state}}", _path("transitions")) from None
        delta: dict[str, dict[str, str]] = {}
        for q, pairs in rows:
            if not isinstance(q, str) or q not in sset:
                raise SpecError(f"unknown state {q!r} (not in $.states)", _path("transitions", str(q)))
            out: dict[str, str] = {}
            for a, r in pairs:
                where = _path("transitions", q, str(a))
                if not isinstance(a, str) or a not in aset:
                    raise SpecError(f"unknown symbol {a!r} (not in $.input_symbols)", where)
                if not isinstance(r, str) or r not in sset:
                    raise SpecError(f"unknown state {r!r} (not in $.states)", where)
                if a in out and out[a] != r:
                    raise SpecError(f"nondeterministic: {a!r} goes to both {out[a]!r} and {r!r}", where)
                out[a] = r
            delta[q] = out
        return delta

    # ---- building and views -----------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, d: Any, source: str | None = None) -> DFA:
        """Build from a JSON-like dict with automata-lib's keys, checking types (errors name the JSON path)."""
        return from_spec(cls._from_dict, d, source)

    @classmethod
    def _from_dict(cls, d: Any) -> DFA:
        check_header(d, "", ("allow_partial",))
        trans = d["transitions"]
        if not isinstance(trans, Mapping):
            raise SpecError(f"expected an object {{state: {{symbol: state}}}}, found {type(trans).__name__}",
                            _path("transitions"))
        for q, row in trans.items():
            if not isinstance(row, Mapping):
                raise SpecError(f"expected an object {{symbol: state}}, found {type(row).__name__}",
                                _path("transitions", q))
            for a, r in row.items():
                if isinstance(r, list):
                    raise SpecError(f"nondeterministic: a DFA moves to one state, found the list {r!r} (an NFA "
                                    "spec maps symbols to lists and has no allow_partial key)",
                                    _path("transitions", q, a))
                if not isinstance(r, str):
                    raise SpecError(f"expected a state name, found {r!r}", _path("transitions", q, a))
        partial = d.get("allow_partial", False)
        if not isinstance(partial, bool):
            raise SpecError(f"expected true or false, found {partial!r}", _path("allow_partial"))
        return cls(d["states"], d["input_symbols"], trans, d["initial_state"], d["final_states"], partial)

    @classmethod
    def coerce(cls, obj: Any) -> DFA:
        """``obj`` as a :class:`DFA`: itself, or an automata-lib ``DFA`` (state names become strings).

        Raises
        ------
        ParameterError
            ``obj`` is neither, or two of its states have the same string name.
        """
        if isinstance(obj, DFA):
            return obj
        if type(obj).__module__.startswith("automata.") and type(obj).__name__ == "DFA":
            names = from_automata_lib_names(obj.states)
            trans = {names[q]: {str(a): names[r] for a, r in row.items()} for q, row in obj.transitions.items()}
            return cls(names.values(), [str(a) for a in obj.input_symbols], trans, names[obj.initial_state],
                       [names[f] for f in obj.final_states], bool(getattr(obj, "allow_partial", False)))
        raise ParameterError(f"expected a neurosim DFA or an automata-lib DFA, found {type(obj).__name__}")

    def to_dict(self) -> dict[str, Any]:
        """automata-lib's keys in a fixed order, sets as sorted lists (byte-stable when dumped)."""
        return {"states": list(self.states), "input_symbols": list(self.input_symbols),
                "transitions": {q: dict(row) for q, row in self.transitions},
                "initial_state": self.initial_state, "final_states": sorted(self.final_states),
                "allow_partial": self.allow_partial}

    def delta(self, state: str, symbol: str) -> str | None:
        """The next state, or None where a partial DFA has no move."""
        return self._delta.get(state, {}).get(symbol)

    @property
    def is_complete(self) -> bool:
        return all(len(self._delta.get(q, {})) == len(self.input_symbols) for q in self.states)

    def table(self) -> np.ndarray:
        """Transition table, shape (n_states, n_symbols), int32 state indices (``-1`` for a missing move)."""
        si = {q: i for i, q in enumerate(self.states)}
        t = np.full((len(self.states), len(self.input_symbols)), -1, dtype=np.int32)
        for q, row in self._delta.items():
            for j, a in enumerate(self.input_symbols):
                if a in row:
                    t[si[q], j] = si[row[a]]
        return t

    def accepts(self, word: Iterable[str]) -> bool:
        """Run one string (a sequence of symbols; a str is read character by character)."""
        q: str | None = self.initial_state
        for a in word:
            if a not in self.input_symbols:
                raise SpecError(f"symbol {a!r} is not in the alphabet", "$.input_symbols")
            q = self.delta(q, a)
            if q is None:
                return False
        return q in self.final_states

    def reachable_states(self) -> list[str]:
        """States reachable from the initial state, in breadth-first order (symbols in sorted order)."""
        seen = {self.initial_state}
        order = [self.initial_state]
        queue = deque(order)
        while queue:
            q = queue.popleft()
            for a in self.input_symbols:
                r = self.delta(q, a)
                if r is not None and r not in seen:
                    seen.add(r)
                    order.append(r)
                    queue.append(r)
        return order


def from_automata_lib_names(states: Iterable[Any]) -> dict[Any, str]:
    """automata-lib state -> string name (``str`` of it; frozensets from a subset construction as ``{a,b}``)."""
    def name(q: Any) -> str:
        if isinstance(q, frozenset | set):
            return "{" + ",".join(sorted(name(r) for r in q)) + "}"
        return q if isinstance(q, str) else str(q)

    out = {q: name(q) for q in states}
    if len(set(out.values())) != len(out):
        raise ParameterError("two automata-lib states have the same string name; rename them to strings first")
    return out


def complete(dfa: DFA, trap: str = "trap") -> DFA:
    """The same language with every move defined: missing moves go to an explicit, non-final trap state.

    A DFA that is already complete is returned unchanged (with ``allow_partial`` false).
    """
    dfa = DFA.coerce(dfa)
    if dfa.is_complete:
        return DFA(dfa.states, dfa.input_symbols, dfa.transitions, dfa.initial_state, dfa.final_states, False)
    t = fresh_name(trap, dfa.states)
    trans = {q: {a: dfa.delta(q, a) or t for a in dfa.input_symbols} for q in dfa.states}
    trans[t] = {a: t for a in dfa.input_symbols}
    return DFA((*dfa.states, t), dfa.input_symbols, trans, dfa.initial_state, dfa.final_states, False)


def minimize(dfa: DFA) -> DFA:
    """The minimal complete DFA of the same language (Hopcroft's partition refinement).

    Unreachable states are dropped; each block of equivalent states is named after its first member in sorted
    order, so a DFA that is already minimal keeps its names.
    """
    d = complete(DFA.coerce(dfa))
    reach = d.reachable_states()
    rset = set(reach)
    states = [q for q in d.states if q in rset]
    inverse: dict[tuple[str, str], list[str]] = {}
    for q in states:
        for a in d.input_symbols:
            inverse.setdefault((d.delta(q, a), a), []).append(q)
    finals = frozenset(q for q in states if q in d.final_states)
    blocks = [b for b in (set(finals), set(states) - finals) if b]
    block_of = {q: i for i, b in enumerate(blocks) for q in b}
    work = {min(range(len(blocks)), key=lambda i: len(blocks[i]))} if len(blocks) == 2 else set()
    while work:
        splitter = set(blocks[work.pop()])
        for a in d.input_symbols:
            touched: dict[int, set[str]] = {}
            for r in splitter:
                for p in inverse.get((r, a), ()):
                    touched.setdefault(block_of[p], set()).add(p)
            for i, inside in touched.items():
                if len(inside) == len(blocks[i]):
                    continue
                # split block i: it keeps the part outside, the new block j takes the part inside
                blocks[i] = blocks[i] - inside
                j = len(blocks)
                blocks.append(inside)
                for p in inside:
                    block_of[p] = j
                if i in work:
                    work.add(j)
                else:
                    work.add(i if len(blocks[i]) < len(inside) else j)
    partition = blocks
    rep = {q: min(block) for block in partition for q in block}
    trans = {rep[q]: {a: rep[d.delta(q, a)] for a in d.input_symbols} for q in states}
    return DFA(sorted(set(rep.values())), d.input_symbols, trans, rep[d.initial_state],
               {rep[q] for q in finals}, False)


def _over(dfa: DFA, alphabet: tuple[str, ...]) -> DFA:
    """``dfa`` completed over a larger alphabet (new symbols go to the trap state)."""
    dfa = DFA.coerce(dfa)
    if dfa.input_symbols == alphabet:
        return complete(dfa)
    wide = DFA(dfa.states, alphabet, dfa.transitions, dfa.initial_state, dfa.final_states, True)
    return complete(wide)


def product(a: DFA, b: DFA, accept: str = "xor") -> DFA:
    """The reachable product automaton; a pair state accepts per ``accept`` (and|or|xor|diff).

    States are named ``repr((p, q))``, which is unique for any pair of names.
    """
    ops = {"and": lambda x, y: x and y, "or": lambda x, y: x or y, "xor": lambda x, y: x != y,
           "diff": lambda x, y: x and not y}
    if accept not in ops:
        raise ParameterError(f"accept: expected one of {', '.join(ops)}, found {accept!r}")
    a, b = DFA.coerce(a), DFA.coerce(b)
    sigma = tuple(sorted(set(a.input_symbols) | set(b.input_symbols)))
    a, b = _over(a, sigma), _over(b, sigma)
    start = (a.initial_state, b.initial_state)
    seen = {start}
    queue = deque([start])
    trans: dict[str, dict[str, str]] = {}
    finals = set()
    while queue:
        p, q = queue.popleft()
        if ops[accept](p in a.final_states, q in b.final_states):
            finals.add(repr((p, q)))
        row = {}
        for s in sigma:
            nxt = (a.delta(p, s), b.delta(q, s))
            row[s] = repr(nxt)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
        trans[repr((p, q))] = row
    return DFA(trans.keys(), sigma, trans, repr(start), finals, False)


def find_difference(a: DFA, b: DFA) -> Word | None:
    """A shortest string accepted by exactly one of ``a`` and ``b`` (the first in symbol order), or None.

    Breadth-first search of the product automaton, so the witness is shortest.
    """
    a, b = DFA.coerce(a), DFA.coerce(b)
    sigma = tuple(sorted(set(a.input_symbols) | set(b.input_symbols)))
    a, b = _over(a, sigma), _over(b, sigma)
    start = (a.initial_state, b.initial_state)
    parent: dict[tuple[str, str], tuple[tuple[str, str], str] | None] = {start: None}
    queue = deque([start])
    while queue:
        p, q = queue.popleft()
        if (p in a.final_states) != (q in b.final_states):
            word: list[str] = []
            node = (p, q)
            while parent[node] is not None:
                node, s = parent[node]  # type: ignore[misc]
                word.append(s)
            return tuple(reversed(word))
        for s in sigma:
            nxt = (a.delta(p, s), b.delta(q, s))
            if nxt not in parent:
                parent[nxt] = ((p, q), s)
                queue.append(nxt)
    return None


def equivalent(a: DFA, b: DFA) -> bool:
    """True when ``a`` and ``b`` accept the same language."""
    return find_difference(a, b) is None


def random_dfa(n_states: int, n_symbols: int, seed: int = 0, *, p_final: float = 0.5) -> DFA:
    """A random complete DFA with states ``q0..`` and symbols ``a, b, …`` (``s0, s1, …`` beyond 26).

    Transitions are uniform; each state is final with probability ``p_final``. Drawn with
    ``numpy.random.default_rng(seed)``.
    """
    if n_states < 1 or n_symbols < 1:
        raise ParameterError(f"expected n_states >= 1 and n_symbols >= 1, found {n_states}, {n_symbols}")
    rng = np.random.default_rng(seed)
    states = [f"q{i}" for i in range(n_states)]
    symbols = [chr(97 + j) for j in range(n_symbols)] if n_symbols <= 26 else [f"s{j}" for j in range(n_symbols)]
    table = rng.integers(0, n_states, size=(n_states, n_symbols))
    final = rng.random(n_states) < p_final
    trans = {states[i]: {symbols[j]: states[table[i, j]] for j in range(n_symbols)} for i in range(n_states)}
    return DFA(states, symbols, trans, "q0", {states[i] for i in np.flatnonzero(final)}, False)
