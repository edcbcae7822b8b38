"""A proof that an automaton net accepts an NFA's language, by a local inductive argument (no subset construction).

Given an NFA N (ε-moves allowed) and a map φ from the net's units to the ε-closed sets of N's states they stand
for (φ(start) = the ε-closure of N's initial state), :func:`prove_locally` checks, unit by unit:

1. **Each unit's firing rule is an OR.** For every symbol a, there is a set P_v(a) of state sources (units and
   the start line) such that v fires at t+1, with a presented at t, iff some source in P_v(a) fires at t, for
   *every* set of firing sources: no state source is inhibitory, the symbol's weight alone stays below θ, each
   source of P_v(a) reaches θ with it, and all the other sources together stay below θ. The accept unit's rule
   is read the same way with no symbol (it reports at tick L + 1, d = 1), and no unit listens to it.
2. **The rules are N's transition relation on φ.** For every state source u and symbol a, the union of φ(v)
   over the units v with u ∈ P_v(a) equals N's ε-closed move δ(φ(u), a), up to dead states (states from which
   no final state can be reached, which never change a verdict); and u feeds the accept unit iff φ(u) holds a
   final state.

Then, by induction on t, the live part of the set of N's states after reading w[:t] is the live part of the union
of φ(u) over the sources u firing at t (the start line at t = 0, the net starting silent), so the accept unit
fires at L + 1 iff N accepts w. The work is linear in the net's synapses times the alphabet times |N|: it
proves nets whose firing-state table (and the DFA of N) would have millions of states.

Notes
-----
This is the "each unit's firing rule equals the NFA's transition relation on its states" argument of issue 13;
the induction is Kleene's (1956) representation of events by nets, read backwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core import MPNet
from ..errors import DataError
from ._spec import co_reachable
from .nfa import NFA
from .protocol import RunProtocol
from .subset import _masks

__all__ = ["LocalProof", "prove_locally"]


@dataclass(frozen=True, slots=True)
class LocalProof:
    """Outcome of :func:`prove_locally`: ``holds`` (then the net accepts exactly N's language), else ``reason``."""

    holds: bool
    reason: str | None = None
    checked_units: int = 0


def _or_rule(net: MPNet, name: str, sym_line: str | None, states: set[str], symbol_lines: set[str]
             ) -> frozenset[str] | str:
    """P_v(a) for unit ``name`` under symbol line ``sym_line`` (None: no symbol), or why the rule is no OR."""
    unit = net.unit(name)
    if sym_line is not None and sym_line in unit.inhibitory:
        return frozenset()
    bad = [s for s in unit.inhibitory if s in states]
    if bad:
        return f"unit {name!r} is inhibited by the state source {bad[0]!r}"
    w = unit.weights
    other = [s for s in w if s not in states and s not in symbol_lines]
    if other:
        return f"unit {name!r} listens to {other[0]!r}, which is neither a symbol line nor a state source"
    c = w.get(sym_line, 0) if sym_line is not None else 0
    if c >= unit.threshold:
        return f"unit {name!r} fires on the symbol line {sym_line!r} alone"
    chosen = frozenset(s for s in w if s in states and c + w[s] >= unit.threshold)
    rest = sum(v for s, v in w.items() if s in states and s not in chosen)
    if c + rest >= unit.threshold:
        return (f"unit {name!r} fires on several sources together none of which suffices alone (not an OR of "
                "its sources)")
    return chosen


def prove_locally(net: MPNet, nfa: NFA, phi: Mapping[str, frozenset[str]]) -> LocalProof:
    """Check the local conditions above for ``net`` against ``nfa`` with the unit -> states map ``phi``.

    Parameters
    ----------
    net : MPNet
        An automaton net (run protocol in its metadata).
    nfa : NFA
        The language to prove, as the user gave it (ε-moves allowed).
    phi : mapping unit -> frozenset of states
        The states of ``nfa`` each unit (but the accept unit) stands for; ``"start"`` need not be given.

    Returns
    -------
    LocalProof

    Raises
    ------
    DataError
        The net reads other symbols than ``nfa``.
    """
    proto = RunProtocol.from_net(net)
    if set(proto.symbols) != set(nfa.input_symbols):
        raise DataError(f"the net reads symbols {{{', '.join(proto.symbols)}}} but the automaton's alphabet is "
                        f"{{{', '.join(nfa.input_symbols)}}}")
    if proto.accept_delay != 1:
        return LocalProof(False, f"the accept unit is read {proto.accept_delay} ticks after the end (the local "
                                 "proof needs 1)")
    if net.initial:
        return LocalProof(False, "units fire at tick 0 (the local proof needs a net that starts silent)")
    acc = proto.accept_unit
    units = [u.name for u in net.units if u.name != acc]
    missing = [u for u in units if u not in phi]
    if missing:
        return LocalProof(False, f"unit {missing[0]!r} stands for no state of the automaton (no unit_states entry)")
    listeners = [u.name for u in net.units if acc in u.sources]
    if listeners:
        return LocalProof(False, f"unit {listeners[0]!r} listens to the accept unit")
    states = {proto.start_input, *units}
    line = dict(proto.symbol_inputs)
    symbol_lines = set(line.values())
    succ: dict[str, dict[str, list[str]]] = {a: {s: [] for s in states} for a in nfa.input_symbols}
    for v in units:
        for a in nfa.input_symbols:
            rule = _or_rule(net, v, line[a], states, symbol_lines)
            if isinstance(rule, str):
                return LocalProof(False, rule)
            for s in rule:
                succ[a][s].append(v)
    acc_rule = _or_rule(net, acc, None, states, symbol_lines)
    if isinstance(acc_rule, str):
        return LocalProof(False, acc_rule)

    index = {q: i for i, q in enumerate(nfa.states)}
    start_mask, post, final = _masks(nfa)
    live = _live_mask(nfa, index, final)
    mask = {proto.start_input: start_mask}
    for v in units:
        m = 0
        for q in phi[v]:
            if q not in index:
                return LocalProof(False, f"unit {v!r} stands for {q!r}, which is not a state of the automaton")
            m |= 1 << index[q]
        mask[v] = m
    for u in sorted(states):
        for j, a in enumerate(nfa.input_symbols):
            want, rest = 0, mask[u]
            while rest:
                low = rest & -rest
                want |= post[j][low.bit_length() - 1]
                rest ^= low
            got = 0
            for v in succ[a][u]:
                got |= mask[v]
            if (want ^ got) & live:
                q = nfa.states[((want ^ got) & live).bit_length() - 1]
                side = "the automaton reaches it and the net does not" if want >> index[q] & 1 else \
                    "the net reaches it and the automaton does not"
                return LocalProof(False, f"from {u!r} on {a!r}: state {q!r} ({side})")
        if (u in acc_rule) != bool(mask[u] & final):
            return LocalProof(False, f"{u!r} {'feeds' if u in acc_rule else 'does not feed'} the accept unit but "
                                     f"its states {'do not hold' if u in acc_rule else 'hold'} a final state")
    return LocalProof(True, None, len(units) + 1)


def _live_mask(nfa: NFA, index: dict[str, int], final: int) -> int:
    """States from which a final state can be reached (by any moves, ε included)."""
    alive = co_reachable(nfa.final_states, ((q, r) for q, row in nfa.transitions for _, rs in row for r in rs))
    out = 0
    for q in alive:
        out |= 1 << index[q]
    return out
