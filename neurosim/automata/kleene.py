"""Kleene's converse: the language of any automaton net (or DFA, NFA, expression) as a regular expression.

The net's automaton is read off its reachable firing states (:func:`~neurosim.automata.equivalence.extract_dfa`,
as ``dfa verify`` does), minimised (Hopcroft), stripped of its dead state, and turned into an expression by state
elimination: a fresh source and sink are joined to the initial and final states by ε, and the states are removed
one by one, each time the one whose removal adds the least text (Delgado & Morais' weight), every path p → q → r
becoming ``in (loop)* out``. The simplifying constructors of :mod:`neurosim.automata.regex_ast` keep the result
short. The printed expression is then parsed again and proven equal to the automaton (Thompson's ε-NFA, subset
construction, Hopcroft, product construction), so what is printed is checked, not trusted.

Notes
-----
Kleene, S. C. (1956). Representation of events in nerve nets and finite automata (every event a net represents
is regular); McNaughton & Yamada (1960), and Brzozowski & McCluskey (1963), *Signal flow graph techniques for
sequential circuit state diagrams* (state elimination); Delgado, M. & Morais, J. (2004), *Approximation to the
smallest regular expression for a given regular language* (the elimination order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import MPNet
from ..errors import StateLimitError
from ._spec import co_reachable
from .dfa import DFA, find_difference, minimize
from .engines import MAX_STATES
from .equivalence import extract_dfa
from .nfa import NFA, as_automaton
from .regex import Regex, parse_regex
from .regex_ast import EMPTY, EPSILON, Chars, Concat, Node, Opt, Plus, Star, Union, concat, star, to_text, union
from .subset import MAX_SUBSET_STATES, minimal_dfa
from .thompson import thompson_nfa

__all__ = ["KleeneResult", "to_regex"]

_SOURCE, _SINK = -1, -2
#: state elimination gives up past this many characters (expressions can grow exponentially with the states)
MAX_REGEX_LENGTH = 100_000


@dataclass(frozen=True, slots=True)
class KleeneResult:
    """A regular expression for a language, with the minimal DFA it was read from.

    Attributes
    ----------
    regex : str
        In the syntax of DESIGN.md §5 (Python's ``re.fullmatch`` reads it alike); proven equal to ``dfa``.
    tree : Node
    dfa : DFA
        The minimal complete DFA of the language.
    """

    regex: str
    tree: Node
    dfa: DFA

    @property
    def alphabet(self) -> tuple[str, ...]:
        return self.dfa.input_symbols


def _dfa_of(obj: Any, max_states: int) -> DFA:
    if isinstance(obj, MPNet):
        return extract_dfa(obj, max_states=max_states)
    if isinstance(obj, Regex):
        return minimal_dfa(thompson_nfa(obj).nfa, max_states=max_states)
    a = as_automaton(obj)
    return minimal_dfa(a, max_states=max_states) if isinstance(a, NFA) else a


def _eliminate(d: DFA) -> Node:
    """State elimination on the minimal complete DFA ``d`` (dead states dropped first)."""
    order = d.reachable_states()
    live = _live(d)
    idx = {q: i for i, q in enumerate(q for q in order if q in live)}
    if d.initial_state not in idx:
        return EMPTY
    edges: dict[tuple[int, int], Node] = {}
    for q, i in idx.items():
        for a in d.input_symbols:
            r = d.delta(q, a)
            if r in idx:
                key = (i, idx[r])
                prev = edges.get(key)
                edges[key] = Chars(frozenset((a,)) | (prev.symbols if isinstance(prev, Chars) else frozenset()))
    edges[(_SOURCE, idx[d.initial_state])] = EPSILON
    for q in d.final_states:
        if q in idx:
            edges[(idx[q], _SINK)] = EPSILON
    # text lengths, estimated as the edges grow (``in (loop)* out``, alternatives joined by |): they only order
    # the eliminations and bound the result, so an estimate that is cheap and deterministic is what is wanted
    size = {k: len(to_text(v)) for k, v in edges.items()}
    remaining = set(idx.values())
    while remaining:
        q = min(remaining, key=lambda s: (_weight(s, edges, size), s))
        remaining.discard(q)
        loop = edges.pop((q, q), None)
        loop_size = size.pop((q, q), 0)
        ins = [(p, edges.pop((p, q)), size.pop((p, q))) for p in sorted(k[0] for k in list(edges) if k[1] == q)]
        outs = [(r, edges.pop((q, r)), size.pop((q, r))) for r in sorted(k[1] for k in list(edges) if k[0] == q)]
        mid = star(loop) if loop is not None else EPSILON
        for p, e_in, s_in in ins:
            for r, e_out, s_out in outs:
                new = concat(e_in, mid, e_out)
                old = edges.get((p, r))
                edges[(p, r)] = new if old is None else union(old, new)
                size[(p, r)] = s_in + s_out + (loop_size + 3 if loop is not None else 0) + (
                    0 if old is None else size[(p, r)] + 1)
                if size[(p, r)] > MAX_REGEX_LENGTH:
                    raise StateLimitError(f"the regular expression passes {MAX_REGEX_LENGTH:,} characters (the "
                                          f"limit) while eliminating the states of a {len(idx)}-state DFA")
    return edges.get((_SOURCE, _SINK), EMPTY)


def _reversed_dfa(d: DFA) -> DFA | None:
    """The minimal DFA of the reversed language (every move turned round, the final states made initial), or
    None when its subset construction passes the size of ``d`` (reversal can cost exponentially many states)."""
    from ..core import fresh_name

    init = fresh_name("init", d.states)
    trans: dict[str, dict[str, list[str]]] = {init: {"": sorted(d.final_states)}}
    for q, row in d.transitions:
        for a, r in row:
            trans.setdefault(r, {}).setdefault(a, []).append(q)
    try:
        return minimal_dfa(NFA((*d.states, init), d.input_symbols, trans, init, [d.initial_state]),
                           max_states=2 * len(d.states) + 2)
    except StateLimitError:
        return None


def _reverse(r: Node) -> Node:
    """The expression of the reversed language: every concatenation read backwards."""
    if isinstance(r, Concat):
        return Concat(tuple(_reverse(p) for p in reversed(r.parts)))
    if isinstance(r, Union):
        return Union(tuple(_reverse(p) for p in r.parts))
    if isinstance(r, Star | Plus | Opt):
        return type(r)(_reverse(r.inner))
    return r


def _weight(q: int, edges: dict[tuple[int, int], Node], size: dict[tuple[int, int], int]) -> int:
    ins = [size[k] for k in edges if k[1] == q and k[0] != q]
    outs = [size[k] for k in edges if k[0] == q and k[1] != q]
    loop = size.get((q, q), 0)
    return sum(ins) * (len(outs) - 1) + sum(outs) * (len(ins) - 1) + loop * (len(ins) * len(outs) - 1)


def _live(d: DFA) -> set[str]:
    return co_reachable(d.final_states, ((q, r) for q, row in d.transitions for _, r in row))


def to_regex(obj: MPNet | DFA | NFA | Regex | Any, *, max_states: int = MAX_SUBSET_STATES) -> KleeneResult:
    """A regular expression for the language of ``obj``, proven equal to it.

    Parameters
    ----------
    obj : MPNet (an automaton net), DFA, NFA, Regex, or an automata-lib DFA/NFA
    max_states : int
        Limit on the net's firing-state table or the subset construction.

    Returns
    -------
    KleeneResult

    Raises
    ------
    DataError
        A symbol longer than one character (a regular expression here reads one character per symbol), or more
        than ``max_states`` states (:class:`~neurosim.errors.StateLimitError`).
    """
    from ..errors import DataError

    d = minimize(_dfa_of(obj, min(max_states, MAX_STATES)))
    long = [a for a in d.input_symbols if len(a) != 1]
    if long:
        raise DataError(f"symbol {long[0]!r} is longer than one character: a regular expression here reads one "
                        "character per symbol")
    # eliminate forwards, and on the reversed language (then read backwards), and keep the shorter: the reversed
    # DFA of "the k-th symbol from the end is 1" is the k + 2 states of "the k-th symbol is 1", not 2^k
    tree = _eliminate(d)
    text = to_text(tree)
    backwards = _reversed_dfa(d)
    if backwards is not None:
        rev = _reverse(_eliminate(backwards))
        if len(to_text(rev)) < len(text):
            tree, text = rev, to_text(rev)
    back = parse_regex(text, d.input_symbols)
    w = find_difference(minimal_dfa(thompson_nfa(back).nfa, max_states=max_states), d)
    if w is not None:  # never expected: the printed expression is checked, not trusted
        raise RuntimeError(f"internal error: the expression {text!r} differs from the automaton on {w!r}")
    return KleeneResult(text, tree, d)
