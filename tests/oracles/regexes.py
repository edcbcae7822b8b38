"""Regular-expression and NFA oracles shared by the tests: random expressions (as text, in the syntax both
neurosim and Python's ``re`` read), random automata-lib NFAs with ε-moves, and a direct vectorised NFA run."""

from __future__ import annotations

import numpy as np
from automata.fa.nfa import NFA as ANFA
from hypothesis import strategies as st

from neurosim.automata.nfa import NFA

_PREC = {"alt": 0, "cat": 1, "star": 2, "plus": 2, "opt": 2}


def _leaf(alphabet: str):
    syms = list(alphabet)
    return st.one_of(
        st.sampled_from(syms).map(lambda c: (c, 3)),
        st.just((".", 3)),
        st.sets(st.sampled_from(syms), min_size=1).flatmap(
            lambda m: st.booleans().map(lambda neg: ("[" + "^" * neg + "".join(sorted(m)) + "]", 3))),
        st.just(("()", 3)),
        st.just(("(?!)", 3)) | st.sampled_from(syms).map(lambda c: (c, 3)),
    )


def _wrap(node: tuple[str, int], need: int, extra: bool) -> str:
    text, prec = node
    return f"({text})" if prec < need or extra else text


def _combine(children):
    def build(args):
        kind, x, y, extra = args
        if kind == "alt":
            return f"{x[0]}|{y[0]}", 0
        if kind == "cat":
            return _wrap(x, 1, extra) + _wrap(y, 1, False), 1
        op = {"star": "*", "plus": "+", "opt": "?"}[kind]
        return _wrap(x, 3, extra) + op, 2

    return st.tuples(st.sampled_from(["alt", "cat", "cat", "star", "plus", "opt"]), children, children,
                     st.booleans()).map(build)


def regex_texts(alphabet: str = "ab", max_leaves: int = 12):
    """Random expressions over ``alphabet`` (symbols, ., classes, (), (?!), |, concatenation, *, +, ?)."""
    return st.recursive(_leaf(alphabet), _combine, max_leaves=max_leaves).map(lambda node: node[0])


@st.composite
def automata_nfas(draw, max_states: int = 6, symbols: str = "ab", p_move: float = 0.3):
    """A random automata-lib NFA over ``symbols`` with ε-moves (states ``q0``…, initial ``q0``)."""
    n = draw(st.integers(1, max_states))
    states = [f"q{i}" for i in range(n)]
    trans = {}
    for q in states:
        row = {}
        for a in ["", *symbols]:
            targets = {r for r in states if draw(st.floats(0, 1)) < p_move / (2 if a == "" else 1)}
            if targets:
                row[a] = targets
        trans[q] = row
    finals = draw(st.sets(st.sampled_from(states)))
    return ANFA(states=set(states), input_symbols=set(symbols), transitions=trans, initial_state="q0",
                final_states=finals)


def run_nfa_batch(nfa: NFA, codes: np.ndarray) -> np.ndarray:
    """Direct NFA simulation on many strings at once: state sets as boolean rows, one matrix step per symbol.

    ``codes`` (B, L) holds indices into ``nfa.input_symbols``; returns bool (B,). Independent of every engine.
    """
    idx = {q: i for i, q in enumerate(nfa.states)}
    n = len(nfa.states)
    close = np.zeros((n, n), dtype=bool)
    for q in nfa.states:
        for r in nfa.epsilon_closure((q,)):
            close[idx[q], idx[r]] = True
    moves = []
    for a in nfa.input_symbols:
        m = np.zeros((n, n), dtype=bool)
        for q in nfa.states:
            for r in nfa.delta(q, a):
                m[idx[q], idx[r]] = True
        moves.append((m.astype(np.int32) @ close.astype(np.int32)) > 0)
    cur = np.zeros((codes.shape[0], n), dtype=bool)
    cur[:, :] = close[idx[nfa.initial_state]]
    for t in range(codes.shape[1]):
        nxt = np.zeros_like(cur)
        for j, m in enumerate(moves):
            rows = codes[:, t] == j
            nxt[rows] = (cur[rows].astype(np.int32) @ m.astype(np.int32)) > 0
        cur = nxt
    final = np.array([q in nfa.final_states for q in nfa.states])
    return (cur & final).any(axis=1)


def kth_from_end_nfa(k: int) -> NFA:
    """The (k + 1)-state NFA of "the k-th symbol from the end is 1" over {0, 1}."""
    trans = {"q0": {"0": ["q0"], "1": ["q0", "q1"]}}
    for i in range(1, k):
        trans[f"q{i}"] = {"0": [f"q{i + 1}"], "1": [f"q{i + 1}"]}
    return NFA([f"q{i}" for i in range(k + 1)], ["0", "1"], trans, "q0", [f"q{k}"])
