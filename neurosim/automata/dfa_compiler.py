"""DFA → recurrent McCulloch–Pitts net (Minsky's construction).

**Construction.** For every pair (p, a) of a state and a symbol there is one threshold-2 unit ``u[p:a]``; it fires
at t+1 iff symbol a was presented at t and the automaton was in state p at t. "In state p at t" is signalled by
the units of the pairs that lead into p (one of them fires: the move just taken) and, for the initial state, by
the start line. An ``accept`` unit (θ = 1) listens to every pair unit that leads into a final state, and to the
start line when the initial state is final.

The net keeps the run protocol of :mod:`neurosim.automata.protocol` with d = ``accept_delay`` = 1 (also for the
empty string, L = 0), and starts silent.

**Size.** With n states and k symbols (after minimisation by default): inputs k + 1, units n·k + 1, synapses
n·k (symbol lines) + k·(n·k + 1) (state signals into pair units: every pair unit leads into one state, each
state's k pair units listen to all of them, the initial state's also to the start line) + f + [q0 ∈ F], where f
is the number of pairs leading into a final state. ``merge=True`` replaces a state's incoming pair units by one
unit when an exact LP finds MP weights for it (:mod:`neurosim.dfa_merge`) and reports the units saved.

Notes
-----
Minsky, M. L. (1967). *Computation: Finite and Infinite Machines*, ch. 3 (every finite-state machine is realised
by a net of McCulloch–Pitts cells, one AND cell per state–symbol pair); McCulloch & Pitts (1943).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core import MPNet, MPUnit
from .dfa import DFA, complete, minimize
from .protocol import RunProtocol

__all__ = ["DFACompileResult", "compile_dfa", "size_formula"]

_TOKEN = re.compile(r"^[A-Za-z0-9_.-]+$")
ACCEPT_DELAY = 1


@dataclass(frozen=True, slots=True)
class DFACompileResult:
    """A compiled DFA net with what went into it.

    Attributes
    ----------
    net : MPNet
        Carries the :class:`RunProtocol` in its metadata.
    dfa : DFA
        The automaton actually compiled (completed, and minimised unless asked not to).
    merged : tuple of str
        States whose incoming pair units were merged into one unit.
    units_saved : int
        Units saved by merging.
    """

    net: MPNet
    dfa: DFA
    merged: tuple[str, ...] = ()
    units_saved: int = 0

    @property
    def protocol(self) -> RunProtocol:
        return RunProtocol.from_net(self.net)


def size_formula(dfa: DFA) -> dict[str, int]:
    """Inputs, units and synapses of Minsky's construction for a complete ``dfa`` (no merging)."""
    n, k = len(dfa.states), len(dfa.input_symbols)
    into_final = sum(1 for q in dfa.states for a in dfa.input_symbols if dfa.delta(q, a) in dfa.final_states)
    return {"inputs": k + 1, "units": n * k + 1,
            "synapses": n * k + k * (n * k + 1) + into_final + int(dfa.initial_state in dfa.final_states)}


def _tokens(names: Sequence[str]) -> dict[str, str]:
    """Readable node-name pieces: the names themselves when safe and distinct, else their indices."""
    if all(_TOKEN.match(n) for n in names) and len(set(names)) == len(names):
        return {n: n for n in names}
    return {n: str(i) for i, n in enumerate(names)}


def compile_dfa(dfa: DFA, *, minimize_first: bool = True, merge: bool = False) -> DFACompileResult:
    """Compile ``dfa`` into a recurrent MP net that accepts exactly its language under :class:`RunProtocol`.

    Parameters
    ----------
    dfa : DFA or automata-lib DFA
        Partial DFAs are completed with a trap state first.
    minimize_first : bool
        Minimise (Hopcroft) before compiling, so the net has the fewest pair units Minsky's scheme allows.
    merge : bool
        Replace the incoming pair units of a state by one unit wherever an exact LP finds MP weights.

    Returns
    -------
    DFACompileResult
    """
    dfa = DFA.coerce(dfa)  # an automata-lib DFA works too
    d = minimize(dfa) if minimize_first else complete(dfa)
    st, sy = _tokens(d.states), _tokens(d.input_symbols)
    x = {a: f"x[{sy[a]}]" for a in d.input_symbols}
    pair = {(p, a): f"u[{st[p]}:{sy[a]}]" for p in d.states for a in d.input_symbols}
    into: dict[str, list[tuple[str, str]]] = {q: [] for q in d.states}
    for p in d.states:
        for a in d.input_symbols:
            into[d.delta(p, a)].append((p, a))
    plans: dict[str, Any] = {}
    if merge:
        from .merge import plan_merges

        plans = plan_merges(d, into)
    # group[q]: the units whose firing at t means "in state q at t" (exactly one fires while a string is read)
    group: dict[str, list[str]] = {}
    for q in d.states:
        group[q] = [f"s[{st[q]}]"] if q in plans else [pair[m] for m in into[q]]
        if q == d.initial_state:
            group[q].append("start")
    units: list[MPUnit] = []
    for q in d.states:
        if q in plans:
            units.append(plans[q].unit(f"s[{st[q]}]", group, x))
            continue
        for p, a in into[q]:
            units.append(MPUnit(pair[(p, a)], 2, (x[a], *group[p])))
    accept_src = [n for q in d.states if q in d.final_states for n in group[q]]
    units.append(MPUnit("accept", 1, tuple(accept_src)))
    proto = RunProtocol(tuple(x.items()), "start", "accept", ACCEPT_DELAY)
    meta = {**proto.to_metadata(), "construction": "minsky1967" + ("+merge" if merge else ""),
            "dfa_states": len(d.states)}
    net = MPNet((*x.values(), "start"), tuple(units), (("accept", "accept"),), frozenset(), tuple(meta.items()))
    saved = sum(len(into[q]) - 1 for q in plans)
    return DFACompileResult(net, d, tuple(sorted(plans)), saved)
