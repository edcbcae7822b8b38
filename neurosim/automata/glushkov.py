"""Glushkov's position automaton of a regular expression: one state per symbol occurrence, no ε-moves.

Number the symbol occurrences 1…m left to right. ``first`` is the set of positions that can read the first symbol
of a string, ``last`` those that can read the last one, and ``follow(i)`` those that can read a symbol right
after position i; ``nullable`` says whether the empty string matches. The automaton has the states 0 (before
any symbol) and 1…m ("position i has just read its symbol"): 0 —a→ j for j ∈ first, i —a→ j for j ∈ follow(i),
where a is any symbol of position j, and the final states are ``last`` (and 0 when nullable). Every move into j
reads a symbol of j, so each state is entered by one block of moves, which makes it one MP unit.

Notes
-----
Glushkov, V. M. (1961). The abstract theory of automata. *Russian Math. Surveys* 16(5), 1–53; McNaughton, R. &
Yamada, H. (1960). Regular expressions and state graphs for automata. *IRE Trans. Electronic Computers* 9, 39–47.
"""

from __future__ import annotations

from dataclasses import dataclass

from .nfa import NFA
from .regex import Regex
from .regex_ast import Chars, Concat, Empty, Epsilon, Node, Opt, Plus, Star, Union

__all__ = ["PositionSets", "position_automaton", "position_sets"]


@dataclass(frozen=True, slots=True)
class PositionSets:
    """The position sets of an expression: ``symbols[i - 1]`` is what position i reads."""

    symbols: tuple[frozenset[str], ...]
    first: frozenset[int]
    last: frozenset[int]
    follow: tuple[frozenset[int], ...]  # follow[i - 1] for position i
    nullable: bool


def position_sets(tree: Node) -> PositionSets:
    """Compute first, last, follow and nullable in one pass over ``tree`` (linear in its size plus the follow
    pairs)."""
    symbols: list[frozenset[str]] = []
    follow: list[set[int]] = []

    def walk(r: Node) -> tuple[frozenset[int], frozenset[int], bool]:
        if isinstance(r, Chars):
            symbols.append(r.symbols)
            follow.append(set())
            i = len(symbols)
            return frozenset((i,)), frozenset((i,)), False
        if isinstance(r, Epsilon):
            return frozenset(), frozenset(), True
        if isinstance(r, Empty):
            return frozenset(), frozenset(), False
        if isinstance(r, Union):
            fs, ls, nl = set(), set(), False
            for p in r.parts:
                f, la, n = walk(p)
                fs |= f
                ls |= la
                nl = nl or n
            return frozenset(fs), frozenset(ls), nl
        if isinstance(r, Concat):
            fs: set[int] = set()
            ls: set[int] = set()
            prefix_nullable = True
            for p in r.parts:
                f, la, n = walk(p)
                for i in ls:
                    follow[i - 1] |= f
                if prefix_nullable:
                    fs |= f
                ls = set(la) | (ls if n else set())
                prefix_nullable = prefix_nullable and n
            return frozenset(fs), frozenset(ls), prefix_nullable
        f, la, n = walk(r.inner)  # Star, Plus, Opt
        if isinstance(r, Star | Plus):
            for i in la:
                follow[i - 1] |= f
        return f, la, n or isinstance(r, Star | Opt)

    first, last, null = walk(tree)
    return PositionSets(tuple(symbols), first, last, tuple(frozenset(s) for s in follow), null)


def position_automaton(regex: Regex) -> NFA:
    """Glushkov's NFA of ``regex``: states ``"0"`` (initial) and ``"1"``…``"m"`` (the positions)."""
    ps = position_sets(regex.tree)
    m = len(ps.symbols)

    def moves(targets: frozenset[int]) -> dict[str, list[str]]:
        row: dict[str, list[str]] = {}
        for j in sorted(targets):
            for a in ps.symbols[j - 1]:
                row.setdefault(a, []).append(str(j))
        return row

    trans = {"0": moves(ps.first)}
    for i in range(1, m + 1):
        trans[str(i)] = moves(ps.follow[i - 1])
    finals = [str(i) for i in sorted(ps.last)] + (["0"] if ps.nullable else [])
    return NFA([str(i) for i in range(m + 1)], regex.alphabet, trans, "0", finals)
