"""NFAs without ε-moves and without useless states: what the NFA compiler builds its units from.

:func:`remove_epsilon` keeps the initial state and the targets of symbol moves (every other state is only ever
passed through on ε-moves); a kept state p moves on a to every target of an a-move out of its ε-closure, and is
final when its ε-closure holds a final state. So no state is added, and an NFA in which each state is entered by
one symbol (Thompson's and Glushkov's automata are) stays so. :func:`trim` drops the states that cannot be
reached or cannot reach a final state.

Notes
-----
Hopcroft, J. E. & Ullman, J. D. (1979). *Introduction to Automata Theory, Languages, and Computation*, §2.4
(equivalence of NFAs with and without ε-moves).
"""

from __future__ import annotations

from .nfa import EPSILON, NFA

__all__ = ["remove_epsilon", "trim"]


def remove_epsilon(nfa: NFA) -> NFA:
    """The same language with no ε-move and no state that only ε-moves enter."""
    if not nfa.has_epsilon:
        return nfa
    entered = {r for _, row in nfa.transitions for a, rs in row if a != EPSILON for r in rs}
    keep = [q for q in nfa.states if q == nfa.initial_state or q in entered]
    trans: dict[str, dict[str, set[str]]] = {}
    finals = []
    for p in keep:
        closure = nfa.epsilon_closure((p,))
        if closure & nfa.final_states:
            finals.append(p)
        row: dict[str, set[str]] = {}
        for r in closure:
            for a in nfa.input_symbols:
                targets = nfa.delta(r, a)
                if targets:
                    row.setdefault(a, set()).update(targets)
        trans[p] = row
    return NFA(keep, nfa.input_symbols, {p: {a: sorted(rs) for a, rs in row.items()} for p, row in trans.items()},
               nfa.initial_state, finals)


def trim(nfa: NFA) -> NFA:
    """``nfa`` (ε-free) without the states that are unreachable or cannot reach a final state.

    The initial state is always kept (a trimmed NFA of the empty language is the initial state alone).
    """
    reach = set(nfa.reachable_states())
    back: dict[str, set[str]] = {}
    for q, row in nfa.transitions:
        for _, rs in row:
            for r in rs:
                back.setdefault(r, set()).add(q)
    alive = {f for f in nfa.final_states if f in reach}
    stack = list(alive)
    while stack:
        for p in back.get(stack.pop(), ()):
            if p not in alive and p in reach:
                alive.add(p)
                stack.append(p)
    useful = alive & reach  # the initial state is kept below even when useless, but no move ends in it then
    if len(useful) == len(nfa.states):
        return nfa
    trans = {q: {a: [r for r in rs if r in useful] for a, rs in row} for q, row in nfa.transitions
             if q in useful or q == nfa.initial_state}
    return NFA([q for q in nfa.states if q in useful or q == nfa.initial_state], nfa.input_symbols, trans,
               nfa.initial_state, [f for f in nfa.final_states if f in useful])
