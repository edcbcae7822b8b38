"""What language an automaton net accepts: the automaton read off its firing states, and a proof against a spec.

:func:`extract_dfa` reads the net's reachable firing states (:func:`neurosim.automata.engines.tabulate`) as a
DFA; :func:`verify_net` compares it with a spec by product construction, which proves equivalence on every
string or gives a shortest string on which they differ.

Notes
-----
Kleene, S. C. (1956). Representation of events in nerve nets and finite automata: the behaviour of an MP net
driven by symbols is that of a finite automaton whose states are the net's firing sets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core import HTMLRepr, MPNet
from ..errors import DataError
from .dfa import DFA, find_difference
from .engines import NetTable, tabulate

__all__ = ["EquivalenceVerdict", "extract_dfa", "verify_net"]


def extract_dfa(net: MPNet, table: NetTable | None = None) -> DFA:
    """The automaton the net implements: its reachable firing states (``s0`` = tick 0) and their moves."""
    tab = table or tabulate(net)
    names = [f"s{i}" for i in range(tab.n_states)]
    syms = tab.protocol.symbols
    trans = {names[i]: {a: names[tab.table[i, j]] for j, a in enumerate(syms)} for i in range(tab.n_states)}
    return DFA(names, syms, trans, names[0], {names[i] for i in np.flatnonzero(tab.accept)}, False)


@dataclass(frozen=True, slots=True)
class EquivalenceVerdict(HTMLRepr):
    """Outcome of :func:`verify_net`: ``witness`` is a shortest string on which net and DFA differ."""

    equivalent: bool
    witness: tuple[str, ...] | None
    net_states: int
    dfa_states: int
    net_accepts_witness: bool | None = None


def verify_net(net: MPNet, dfa: DFA) -> EquivalenceVerdict:
    """Prove that ``net`` accepts exactly the language of ``dfa`` (product construction on the extracted
    automaton), or find a shortest string on which they differ."""
    tab = tabulate(net)
    got = extract_dfa(net, tab)
    if set(got.input_symbols) != set(dfa.input_symbols):
        raise DataError(f"the net reads symbols {{{', '.join(got.input_symbols)}}} but the DFA's alphabet is "
                        f"{{{', '.join(dfa.input_symbols)}}}")
    w = find_difference(got, dfa)
    return EquivalenceVerdict(w is None, w, tab.n_states, len(dfa.states), None if w is None else got.accepts(w))
