"""Thompson's ε-NFA of a regular expression: the verifier's own reading of an expression.

The verifier does not trust the compiler's construction (Glushkov's), so it builds the expression's automaton a
second, independent way: each symbol occurrence is a fresh pair of states joined by its symbol move, and union,
concatenation, ``*``, ``+`` and ``?`` are wired with ε-moves. Position j's move ends in ``after[j]``, the state a
run is in right after position j has read its symbol: the local proof maps position units onto these states.

Notes
-----
Thompson, K. (1968). Regular expression search algorithm. *Comm. ACM* 11(6), 419–422.
"""

from __future__ import annotations

from dataclasses import dataclass

from .nfa import EPSILON, NFA
from .regex import Regex
from .regex_ast import Chars, Concat, Empty, Epsilon, Node, Opt, Plus, Star, Union

__all__ = ["ThompsonNFA", "thompson_nfa"]


@dataclass(frozen=True, slots=True)
class ThompsonNFA:
    """Thompson's automaton of an expression, with ``after[j - 1]`` the state reached by position j's move."""

    nfa: NFA
    after: tuple[str, ...]


def thompson_nfa(regex: Regex) -> ThompsonNFA:
    """Build Thompson's ε-NFA for ``regex`` (states ``t0, t1, …``; initial and final states are fresh)."""
    moves: list[tuple[int, str, int]] = []
    after: list[int] = []
    count = [0]

    def new() -> int:
        count[0] += 1
        return count[0] - 1

    def build(r: Node) -> tuple[int, int]:
        s, t = new(), new()
        if isinstance(r, Chars):
            moves.extend((s, a, t) for a in sorted(r.symbols))
            after.append(t)
        elif isinstance(r, Epsilon):
            moves.append((s, EPSILON, t))
        elif isinstance(r, Union):
            for p in r.parts:
                i, o = build(p)
                moves.extend([(s, EPSILON, i), (o, EPSILON, t)])
        elif isinstance(r, Concat):
            cur = s
            for p in r.parts:
                i, o = build(p)
                moves.append((cur, EPSILON, i))
                cur = o
            moves.append((cur, EPSILON, t))
        elif not isinstance(r, Empty):  # Star, Plus, Opt (the empty language: s and t with no move between)
            i, o = build(r.inner)
            moves.extend([(s, EPSILON, i), (o, EPSILON, t)])
            if isinstance(r, Star | Opt):
                moves.append((s, EPSILON, t))
            if isinstance(r, Star | Plus):
                moves.append((o, EPSILON, i))
        return s, t

    start, end = build(regex.tree)
    trans: dict[str, dict[str, list[str]]] = {}
    for p, a, q in moves:
        trans.setdefault(f"t{p}", {}).setdefault(a, []).append(f"t{q}")
    nfa = NFA([f"t{i}" for i in range(count[0])], regex.alphabet, trans, f"t{start}", [f"t{end}"])
    return ThompsonNFA(nfa, tuple(f"t{j}" for j in after))
