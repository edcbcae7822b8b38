"""DFA → recurrent McCulloch–Pitts net (Minsky's construction) and the run protocol every DFA net keeps.

**Construction.** For every pair (p, a) of a state and a symbol there is one threshold-2 unit ``u[p:a]``; it fires
at t+1 iff symbol a was presented at t and the automaton was in state p at t. "In state p at t" is signalled by
the units of the pairs that lead into p (one of them fires: the move just taken) and, for the initial state, by
the start line. An ``accept`` unit (θ = 1) listens to every pair unit that leads into a final state, and to the
start line when the initial state is final.

**Run protocol** (:class:`RunProtocol`, stored in ``MPNet.metadata``): the symbols of a string of length L are
presented one-hot on their input lines at ticks 0…L−1, the start line fires at tick 0 only, and the string is
accepted iff the accept unit fires at tick L + d, with d = ``accept_delay`` = 1 for this construction (also for
the empty string, L = 0). The net starts silent.

**Size.** With n states and k symbols (after minimisation by default): inputs k + 1, units n·k + 1, synapses
n·k (symbol lines) + k·(n·k + 1) (state signals into pair units: every pair unit leads into one state, each
state's k pair units listen to all of them, the initial state's also to the start line) + f + [q0 ∈ F], where f
is the number of pairs leading into a final state. ``merge=True`` replaces a state's incoming pair units by one
unit when an exact LP finds MP weights for it (:mod:`neurosim.dfa_merge`) and reports the units saved.

Notes
-----
Minsky, M. L. (1967). *Computation: Finite and Infinite Machines*, ch. 3 (every finite-state machine is realised
by a net of McCulloch–Pitts cells, one AND cell per state–symbol pair); McCulloch & Pitts (1943).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

import numpy as np

from .dfa import DFA, complete, minimize
from .errors import InvalidNetworkError, ParseError
from .mp import MPNet, MPUnit

__all__ = ["DFACompilation", "RunProtocol", "compile_dfa", "size_formula"]

_TOKEN = re.compile(r"^[A-Za-z0-9_.-]+$")
ACCEPT_DELAY = 1


@dataclass(frozen=True, slots=True)
class RunProtocol:
    """How to drive a DFA net and read its verdict.

    Attributes
    ----------
    symbol_inputs : tuple of (symbol, input node)
        One input line per symbol, in the alphabet's order.
    start_input : str
        The input line that fires at tick 0 only.
    accept_unit : str
        The unit read at tick L + ``accept_delay``.
    accept_delay : int
        d ≥ 1.
    """

    symbol_inputs: tuple[tuple[str, str], ...]
    start_input: str
    accept_unit: str
    accept_delay: int

    def __post_init__(self) -> None:
        pairs = tuple((str(a), str(n)) for a, n in self.symbol_inputs)
        if len({a for a, _ in pairs}) != len(pairs):
            raise InvalidNetworkError("symbol_inputs: a symbol appears twice")
        if isinstance(self.accept_delay, bool) or not isinstance(self.accept_delay, int) or self.accept_delay < 1:
            raise InvalidNetworkError(f"accept_delay: expected an integer >= 1, found {self.accept_delay!r}")
        object.__setattr__(self, "symbol_inputs", pairs)

    @property
    def symbols(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.symbol_inputs)

    def to_metadata(self) -> dict[str, Any]:
        """Graph-level scalars: ``symbol_inputs`` as ``a=x_a,b=x_b`` (symbols percent-encoded), the rest as is."""
        text = ",".join(f"{quote(a, safe='')}={n}" for a, n in self.symbol_inputs)
        return {"symbol_inputs": text, "start_input": self.start_input, "accept_unit": self.accept_unit,
                "accept_delay": self.accept_delay}

    @classmethod
    def from_net(cls, net: MPNet) -> RunProtocol:
        """Read the protocol from ``net.metadata`` and check it names the net's nodes.

        Raises
        ------
        InvalidNetworkError
            A key is missing or names no input/unit of the net.
        """
        meta = net.meta
        missing = [k for k in ("symbol_inputs", "start_input", "accept_unit", "accept_delay") if k not in meta]
        if missing:
            raise InvalidNetworkError(f"not a DFA net: metadata lacks {', '.join(missing)} (expected the run "
                                      "protocol written by 'neurosim dfa compile')")
        pairs = []
        for item in str(meta["symbol_inputs"]).split(","):
            sym, eq, node = item.rpartition("=")
            if not eq or not sym:
                raise InvalidNetworkError(f"metadata symbol_inputs: expected 'symbol=node', found {item!r}")
            pairs.append((unquote(sym), node))
        try:
            delay = int(meta["accept_delay"])
        except (TypeError, ValueError):
            raise InvalidNetworkError(f"metadata accept_delay: expected an integer, found "
                                      f"{meta['accept_delay']!r}") from None
        proto = cls(tuple(pairs), str(meta["start_input"]), str(meta["accept_unit"]), delay)
        inputs, units = set(net.inputs), set(net.unit_names)
        for node in (*(n for _, n in proto.symbol_inputs), proto.start_input):
            if node not in inputs:
                raise InvalidNetworkError(f"metadata names input {node!r}, which the net does not have")
        if proto.accept_unit not in units:
            raise InvalidNetworkError(f"metadata accept_unit {proto.accept_unit!r} is not a unit of the net")
        return proto

    def encode(self, words: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Symbol codes for a batch of strings.

        Returns
        -------
        codes : ndarray, shape (B, max length), int32
            Index of each symbol in ``symbols``; positions past a string's end hold ``len(symbols)`` (no symbol).
        lengths : ndarray, shape (B,), int64

        Raises
        ------
        ParseError
            A symbol outside the alphabet (names the string and the position, both 1-based).
        """
        index = {a: i for i, a in enumerate(self.symbols)}
        lengths = np.array([len(w) for w in words], dtype=np.int64)
        width = int(lengths.max(initial=0))
        codes = np.full((len(words), width), len(index), dtype=np.int32)
        for b, w in enumerate(words):
            try:
                codes[b, : len(w)] = [index[a] for a in w]
            except KeyError:
                pos = next(i for i, a in enumerate(w) if a not in index)
                raise ParseError(f"symbol {w[pos]!r} is not in the alphabet {{{', '.join(self.symbols)}}}",
                                 f"string {b + 1}", None, None) from None
        return codes, lengths

    def input_array(self, net: MPNet, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The input lines for a batch, shape (B, max length + d, n_inputs), uint8, in ``net.inputs`` order."""
        b, width = codes.shape
        col = {n: i for i, n in enumerate(net.inputs)}
        sym_col = np.array([col[n] for _, n in self.symbol_inputs] + [-1], dtype=np.int64)
        x = np.zeros((b, width + self.accept_delay, len(net.inputs)), dtype=np.uint8)
        bi, ti = np.nonzero(codes < len(self.symbol_inputs))
        x[bi, ti, sym_col[codes[bi, ti]]] = 1
        x[:, 0, col[self.start_input]] = 1
        return x


@dataclass(frozen=True, slots=True)
class DFACompilation:
    """A compiled DFA net with what went into it.

    Attributes
    ----------
    net : MPNet
        Carries the :class:`RunProtocol` in its metadata.
    dfa : DFA
        The automaton actually compiled (completed, and minimised unless asked not to).
    merged : tuple of str
        States whose incoming pair units were merged into one unit.
    units_saved : int
        Units saved by merging.
    """

    net: MPNet
    dfa: DFA
    merged: tuple[str, ...] = ()
    units_saved: int = 0

    @property
    def protocol(self) -> RunProtocol:
        return RunProtocol.from_net(self.net)


def size_formula(dfa: DFA) -> dict[str, int]:
    """Inputs, units and synapses of Minsky's construction for a complete ``dfa`` (no merging)."""
    n, k = len(dfa.states), len(dfa.input_symbols)
    into_final = sum(1 for q in dfa.states for a in dfa.input_symbols if dfa.delta(q, a) in dfa.final_states)
    return {"inputs": k + 1, "units": n * k + 1,
            "synapses": n * k + k * (n * k + 1) + into_final + int(dfa.initial_state in dfa.final_states)}


def _tokens(names: Sequence[str]) -> dict[str, str]:
    """Readable node-name pieces: the names themselves when safe and distinct, else their indices."""
    if all(_TOKEN.match(n) for n in names) and len(set(names)) == len(names):
        return {n: n for n in names}
    return {n: str(i) for i, n in enumerate(names)}


def compile_dfa(dfa: DFA, *, minimize_first: bool = True, merge: bool = False) -> DFACompilation:
    """Compile ``dfa`` into a recurrent MP net that accepts exactly its language under :class:`RunProtocol`.

    Parameters
    ----------
    dfa : DFA
        Partial DFAs are completed with a trap state first.
    minimize_first : bool
        Minimise (Hopcroft) before compiling, so the net has the fewest pair units Minsky's scheme allows.
    merge : bool
        Replace the incoming pair units of a state by one unit wherever an exact LP finds MP weights.

    Returns
    -------
    DFACompilation
    """
    d = minimize(dfa) if minimize_first else complete(dfa)
    st, sy = _tokens(d.states), _tokens(d.input_symbols)
    x = {a: f"x[{sy[a]}]" for a in d.input_symbols}
    pair = {(p, a): f"u[{st[p]}:{sy[a]}]" for p in d.states for a in d.input_symbols}
    into: dict[str, list[tuple[str, str]]] = {q: [] for q in d.states}
    for p in d.states:
        for a in d.input_symbols:
            into[d.delta(p, a)].append((p, a))
    plans: dict[str, Any] = {}
    if merge:
        from .dfa_merge import plan_merges

        plans = plan_merges(d, into)
    # group[q]: the units whose firing at t means "in state q at t" (exactly one fires while a string is read)
    group: dict[str, list[str]] = {}
    for q in d.states:
        group[q] = [f"s[{st[q]}]"] if q in plans else [pair[m] for m in into[q]]
        if q == d.initial_state:
            group[q].append("start")
    units: list[MPUnit] = []
    for q in d.states:
        if q in plans:
            units.append(plans[q].unit(f"s[{st[q]}]", group, x))
            continue
        for p, a in into[q]:
            units.append(MPUnit(pair[(p, a)], 2, (x[a], *group[p])))
    accept_src = [n for q in d.states if q in d.final_states for n in group[q]]
    units.append(MPUnit("accept", 1, tuple(accept_src)))
    proto = RunProtocol(tuple(x.items()), "start", "accept", ACCEPT_DELAY)
    meta = {**proto.to_metadata(), "construction": "minsky1967" + ("+merge" if merge else ""),
            "dfa_states": len(d.states)}
    net = MPNet((*x.values(), "start"), tuple(units), (("accept", "accept"),), frozenset(), tuple(meta.items()))
    saved = sum(len(into[q]) - 1 for q in plans)
    return DFACompilation(net, d, tuple(sorted(plans)), saved)
