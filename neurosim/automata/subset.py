"""The subset construction: an NFA (with ε-moves) → the DFA of its reachable ε-closed state sets.

Used by the verifier and by Kleene's converse, never by the compilers (which need no DFA). State sets are
bit masks over the NFA's states, and each state's ε-closed move on each symbol is computed once, so one DFA
state costs one OR per NFA state it holds. The DFA is complete: the empty set, when reachable, is its trap.

Notes
-----
Rabin, M. O. & Scott, D. (1959). Finite automata and their decision problems. *IBM J. Res. Dev.* 3, 114–125.
"""

from __future__ import annotations

from ..errors import StateLimitError
from .dfa import DFA, minimize
from .nfa import NFA

__all__ = ["MAX_SUBSET_STATES", "determinize", "minimal_dfa"]

#: the most DFA states the subset construction builds before it gives up (issue 13: "say 10^6")
MAX_SUBSET_STATES = 1_000_000


def _masks(nfa: NFA) -> tuple[int, list[list[int]], int]:
    """(initial set, post[a][q] = ε-closure of δ(q, a), final mask) as bit masks over ``nfa.states``."""
    index = {q: i for i, q in enumerate(nfa.states)}

    def mask(states: frozenset[str]) -> int:
        out = 0
        for q in states:
            out |= 1 << index[q]
        return out

    closure = [mask(nfa.epsilon_closure((q,))) for q in nfa.states]
    post = []
    for a in nfa.input_symbols:
        row = []
        for q in nfa.states:
            m = 0
            for r in nfa.delta(q, a):
                m |= closure[index[r]]
            row.append(m)
        post.append(row)
    return closure[index[nfa.initial_state]], post, mask(nfa.final_states)


def _byte_tables(post: list[list[int]]) -> list[list[list[int]]]:
    """``tab[a][c][b]``: the OR of ``post[a][q]`` over the states q whose bits are set in byte value b of byte c,
    so a move of a state set costs one look-up per non-zero byte instead of one per state."""
    out = []
    for row in post:
        chunks = []
        for c in range(0, len(row), 8):
            part = row[c:c + 8]
            tab = [0] * 256
            for b in range(1, 256):
                low = b & -b
                i = low.bit_length() - 1
                tab[b] = tab[b ^ low] | (part[i] if i < len(part) else 0)
            chunks.append(tab)
        out.append(chunks)
    return out


def determinize(nfa: NFA, *, max_states: int = MAX_SUBSET_STATES) -> DFA:
    """The DFA of ``nfa``'s reachable ε-closed state sets, named ``d0`` (the initial set), ``d1``, … in
    breadth-first order.

    Raises
    ------
    StateLimitError
        More than ``max_states`` sets are reachable (the message names the limit).
    """
    nfa = NFA.coerce(nfa)
    start, post, final = _masks(nfa)
    tables = _byte_tables(post)
    ids = {start: 0}
    order = [start]
    rows: list[list[int]] = []
    k = len(nfa.input_symbols)
    head = 0
    while head < len(order):
        s = order[head]
        head += 1
        row = []
        for a in range(k):
            nxt, rest, ta = 0, s, tables[a]
            while rest:
                c = ((rest & -rest).bit_length() - 1) >> 3
                nxt |= ta[c][(rest >> (8 * c)) & 255]
                rest &= ~(255 << (8 * c))
            j = ids.get(nxt)
            if j is None:
                if len(order) >= max_states:
                    raise StateLimitError(f"the subset construction exceeds {max_states:,} DFA states (the limit); "
                                          f"the NFA has {len(nfa.states)} states")
                j = ids[nxt] = len(order)
                order.append(nxt)
            row.append(j)
        rows.append(row)
    names = [f"d{i}" for i in range(len(order))]
    trans = {names[i]: {a: names[row[j]] for j, a in enumerate(nfa.input_symbols)} for i, row in enumerate(rows)}
    return DFA(names, nfa.input_symbols, trans, names[0], [names[i] for i, s in enumerate(order) if s & final])


def minimal_dfa(nfa: NFA, *, max_states: int = MAX_SUBSET_STATES) -> DFA:
    """The minimal complete DFA of ``nfa``'s language: subset construction, then Hopcroft's minimisation."""
    return minimize(determinize(nfa, max_states=max_states))
