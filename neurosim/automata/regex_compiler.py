"""Regular expression → recurrent McCulloch–Pitts net, one unit per symbol occurrence (Glushkov's construction).

The expression's position automaton (:mod:`neurosim.automata.glushkov`) is compiled by the NFA compiler
(:mod:`neurosim.automata.nfa_compiler`): position j's unit fires at t+1 iff a symbol of j is presented at t and
some position that j may follow (or the start line, for j ∈ first) fired at t. Every position is entered by one
block of moves, so the net has at most m + 1 units for m symbol occurrences: a unit per position (positions
that can never lead to acceptance are dropped) and ``accept``. Several positions may be active at once; one
tick per symbol; the run protocol is that of every automaton net.

Position units are named ``p[j:a]`` after their position and symbol (``p[j:ab]`` for a class ``[ab]``,
``p[j:any]`` for ``.``, ``p[j]`` when a symbol cannot appear in a node name), so drawings label them so.

Notes
-----
Glushkov, V. M. (1961); McNaughton & Yamada (1960); Kleene, S. C. (1956): every regular event is represented by
a nerve net.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core import MPNet
from .glushkov import position_automaton
from .nfa import NFA
from .nfa_compiler import compile_nfa
from .protocol import RunProtocol
from .regex import Regex, parse_regex

__all__ = ["RegexCompileResult", "compile_regex", "position_label"]

_SAFE_SYMBOL = re.compile(r"^[A-Za-z0-9_.-]$")
_CLASS_LABEL_MAX = 4  # a class of up to this many symbols is spelled out in the unit's name


@dataclass(frozen=True, slots=True)
class RegexCompileResult:
    """A compiled regular expression.

    Attributes
    ----------
    net : MPNet
    regex : Regex
        The expression as parsed (with its alphabet).
    nfa : NFA
        Its position automaton after trimming (states ``"0"`` and the useful positions).
    """

    net: MPNet
    regex: Regex
    nfa: NFA

    @property
    def m(self) -> int:
        """Symbol occurrences in the expression."""
        return self.regex.m

    @property
    def protocol(self) -> RunProtocol:
        return RunProtocol.from_net(self.net)


def position_label(j: int, symbols: Iterable[str], alphabet: Iterable[str]) -> str:
    """The unit name of position ``j``: ``p[j:a]``, ``p[j:ab]``, ``p[j:any]`` or ``p[j]``."""
    syms, sigma = sorted(symbols), set(alphabet)
    if len(syms) > 1 and set(syms) == sigma:
        return f"p[{j}:any]"
    if syms and len(syms) <= _CLASS_LABEL_MAX and all(_SAFE_SYMBOL.match(a) for a in syms):
        return f"p[{j}:{''.join(syms)}]"
    return f"p[{j}]"


def compile_regex(regex: Regex | str, alphabet: Iterable[str] | str | None = None) -> RegexCompileResult:
    """Compile a regular expression into an automaton net with one unit per symbol occurrence.

    Parameters
    ----------
    regex : Regex or str
        Text is parsed by :func:`~neurosim.automata.regex.parse_regex` (with ``alphabet``).
    alphabet : symbols, optional
        Only with text: the alphabet (default: the symbols used).

    Returns
    -------
    RegexCompileResult
        ``net`` has at most m + 1 units (m positions and ``accept``).
    """
    rx = regex if isinstance(regex, Regex) else parse_regex(regex, alphabet)
    nfa = position_automaton(rx)
    symbols = {str(j + 1): rx_syms for j, rx_syms in enumerate(_position_symbols(nfa))}
    names = {q: position_label(int(q), syms, rx.alphabet) for q, syms in symbols.items()}
    comp = compile_nfa(nfa, unit_names=names, construction="glushkov1961",
                       extra_metadata={"regex": rx.text, "positions": rx.m})
    return RegexCompileResult(comp.net, rx, comp.nfa)


def _position_symbols(nfa: NFA) -> list[frozenset[str]]:
    """What each position 1…m reads, from the moves into it (a position no move enters reads nothing)."""
    m = len(nfa.states) - 1
    out: list[set[str]] = [set() for _ in range(m)]
    for _, row in nfa.transitions:
        for a, rs in row:
            for r in rs:
                out[int(r) - 1].add(a)
    return [frozenset(s) for s in out]
