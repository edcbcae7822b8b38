"""NFA → recurrent McCulloch–Pitts net with one unit per state: no subset construction.

**Construction.** The NFA is made ε-free and trimmed (:mod:`neurosim.automata.epsilon_free`). A state q is
"active at t" when some unit of q fires at t (or, for the initial state, when the start line fires, t = 0); any
number of states may be active at once. The unit of q fires at t+1 iff a symbol a is presented at t and some
state p with q ∈ δ(p, a) is active at t. That is one MP unit exactly when the moves into q form a block P × A
("some state of P active and a symbol of A now"): θ = |P| + 1, one synapse from each unit of P and |P| from
each symbol line of A, so one predecessor and a symbol of A reach θ, while any number of predecessors without a
symbol of A, or a symbol alone, stay below it (one symbol line fires at a time). The unit is silent once the
string has ended. An ``accept`` unit (θ = 1) listens to the units of the final states, and to the start line
when the initial state is final; it is read at tick L + 1.

Where the moves into q are not one block (p₁ —a→ q and p₂ —b→ q, but not p₁ —b→ q), no single MP unit can
follow them (w₁ + v_a ≥ θ and w₂ + v_b ≥ θ, but w₁ + v_b < θ and w₂ + v_a < θ add up to a contradiction, and
no veto helps since every source fires in some firing case), so q gets one unit per block: its moves grouped by
symbol or by predecessor, whichever needs fewer. Every state entered by one symbol (Glushkov's and Thompson's
automata, the "k-th symbol from the end" NFA) has one block, so the net has at most |Q| + 1 units.

The net keeps the run protocol of :mod:`neurosim.automata.protocol` (d = 1) and records in its metadata
(``unit_states``) the NFA state each unit stands for, the map that the local proof of
:mod:`neurosim.automata.local_proof` checks against the source.

Notes
-----
McCulloch & Pitts (1943), nets with circles; Kleene, S. C. (1956), the representation of regular events in
nerve nets; Rabin & Scott (1959) for nondeterministic automata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from ..core import MPNet, MPUnit
from ..errors import InvalidNetworkError
from .dfa_compiler import ACCEPT_DELAY, _tokens
from .epsilon_free import remove_epsilon, trim
from .nfa import NFA
from .protocol import RunProtocol

__all__ = ["NFACompileResult", "compile_nfa", "move_blocks", "read_unit_states"]

_SAFE = re.compile(r"^[A-Za-z0-9_.-]+$")
Block = tuple[frozenset[str], frozenset[str]]  # (predecessor states, symbols)


@dataclass(frozen=True, slots=True)
class NFACompileResult:
    """A compiled NFA net with what went into it.

    Attributes
    ----------
    net : MPNet
        Carries the :class:`RunProtocol` and the ``unit_states`` map in its metadata.
    nfa : NFA
        The ε-free, trimmed automaton actually compiled.
    unit_states : tuple of (unit, state)
        The state of ``nfa`` each unit (but ``accept``) stands for.
    """

    net: MPNet
    nfa: NFA
    unit_states: tuple[tuple[str, str], ...]

    @property
    def protocol(self) -> RunProtocol:
        return RunProtocol.from_net(self.net)

    @property
    def split_states(self) -> dict[str, int]:
        """States that needed more than one unit (their moves in are not one block), with their unit counts."""
        count: dict[str, int] = {}
        for _, q in self.unit_states:
            count[q] = count.get(q, 0) + 1
        return {q: n for q, n in count.items() if n > 1}


def move_blocks(nfa: NFA) -> dict[str, list[Block]]:
    """For every state of an ε-free ``nfa`` with moves into it: those moves as blocks P × A.

    Each block is (predecessors P, symbols A) with q ∈ δ(p, a) for all p ∈ P, a ∈ A; the blocks partition the
    moves into q. They group the moves by symbol (symbols with the same predecessors) or by predecessor (states
    with the same symbols), whichever gives fewer blocks.
    """
    into: dict[str, dict[str, set[str]]] = {}  # q -> a -> predecessors
    for p, row in nfa.transitions:
        for a, rs in row:
            for q in rs:
                into.setdefault(q, {}).setdefault(a, set()).add(p)
    out: dict[str, list[Block]] = {}
    for q in nfa.states:
        if q not in into:
            continue
        by_sym: dict[frozenset[str], set[str]] = {}
        for a in nfa.input_symbols:
            if a in into[q]:
                by_sym.setdefault(frozenset(into[q][a]), set()).add(a)
        rows: dict[str, set[str]] = {}
        for a, ps in into[q].items():
            for p in ps:
                rows.setdefault(p, set()).add(a)
        by_pred: dict[frozenset[str], set[str]] = {}
        for p in nfa.states:
            if p in rows:
                by_pred.setdefault(frozenset(rows[p]), set()).add(p)
        if len(by_pred) < len(by_sym):
            out[q] = [(frozenset(ps), syms) for syms, ps in by_pred.items()]
        else:
            out[q] = [(ps, frozenset(syms)) for ps, syms in by_sym.items()]
    return out


def _state_token(q: str, i: int) -> str:
    return q if _SAFE.match(q) else str(i)


def compile_nfa(nfa: NFA, *, unit_names: dict[str, str] | None = None, construction: str = "nfa-per-state",
                extra_metadata: dict[str, object] | None = None) -> NFACompileResult:
    """Compile ``nfa`` into a recurrent MP net that accepts exactly its language under :class:`RunProtocol`.

    Parameters
    ----------
    nfa : NFA or automata-lib NFA
        ε-moves are removed and useless states dropped first.
    unit_names : dict state -> str, optional
        Names for the units of some states (default ``s[q]``, with ``:k`` appended when q needs k > 1 units).
    construction, extra_metadata
        Recorded in the net's metadata.

    Returns
    -------
    NFACompileResult
    """
    src = trim(remove_epsilon(NFA.coerce(nfa)))
    sy = _tokens(src.input_symbols)
    x = {a: f"x[{sy[a]}]" for a in src.input_symbols}
    blocks = move_blocks(src)
    names: dict[str, list[str]] = {}
    taken = {*x.values(), "start", "accept"}
    for i, q in enumerate(src.states):
        if q not in blocks:
            continue
        base = (unit_names or {}).get(q) or f"s[{_state_token(q, i)}]"
        k = len(blocks[q])
        names[q] = [base] if k == 1 else [f"{base}:{j + 1}" for j in range(k)]
        for n in names[q]:
            if n in taken:
                raise InvalidNetworkError(f"unit name {n!r} is used twice")
            taken.add(n)
    group = {q: [*names.get(q, ()), *(["start"] if q == src.initial_state else [])] for q in src.states}
    units: list[MPUnit] = []
    hints: list[tuple[str, str]] = []
    for q in src.states:
        for name, (preds, syms) in zip(names.get(q, ()), blocks.get(q, ()), strict=True):
            sources = sorted({u for p in preds for u in group[p]})
            exc = [*sources, *(x[a] for a in sorted(syms) for _ in sources)]
            units.append(MPUnit(name, len(sources) + 1, tuple(exc)))
            hints.append((name, q))
    units.append(MPUnit("accept", 1, tuple(u for q in src.states if q in src.final_states for u in group[q])))
    proto = RunProtocol(tuple(x.items()), "start", "accept", ACCEPT_DELAY)
    meta = {**proto.to_metadata(), "construction": construction, "nfa_states": len(src.states),
            "unit_states": ",".join(f"{n}={quote(q, safe='')}" for n, q in hints), **(extra_metadata or {})}
    net = MPNet((*x.values(), "start"), tuple(units), (("accept", "accept"),), frozenset(), tuple(meta.items()))
    return NFACompileResult(net, src, tuple(hints))


def read_unit_states(net: MPNet) -> dict[str, str] | None:
    """The ``unit_states`` map a compiled NFA or regex net carries (unit -> state), or None if it has none."""
    text = net.meta.get("unit_states")
    if text is None:
        return None
    out = {}
    for item in str(text).split(","):
        if item:
            unit, _, state = item.partition("=")
            out[unit] = unquote(state)
    return out
