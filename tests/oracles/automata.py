"""Automata oracles and strategies shared by the tests: random DFAs, automata-lib twins, and every short word."""

from __future__ import annotations

import itertools

from automata.fa.dfa import DFA as ADFA
from hypothesis import strategies as st

from neurosim.automata.dfa import DFA


def words(symbols, max_len):
    for n in range(max_len + 1):
        yield from itertools.product(symbols, repeat=n)


def to_automata(d: DFA) -> ADFA:
    return ADFA(states=set(d.states), input_symbols=set(d.input_symbols),
                transitions={q: {a: d.delta(q, a) for a in d.input_symbols if d.delta(q, a) is not None}
                             for q in d.states}, initial_state=d.initial_state,
                final_states=set(d.final_states), allow_partial=not d.is_complete)


@st.composite
def dfas(draw, max_states=8, max_symbols=3, partial=True):
    n = draw(st.integers(1, max_states))
    k = draw(st.integers(1, max_symbols))
    states = [f"q{i}" for i in range(n)]
    symbols = [chr(97 + j) for j in range(k)]
    allow = partial and draw(st.booleans())
    trans = {}
    for q in states:
        row = {}
        for a in symbols:
            if allow and draw(st.integers(0, 4)) == 0:
                continue
            row[a] = draw(st.sampled_from(states))
        trans[q] = row
    finals = draw(st.sets(st.sampled_from(states)))
    return DFA(states, symbols, trans, "q0", finals, allow)
