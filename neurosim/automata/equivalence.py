"""What language an automaton net accepts: the automaton read off its firing states, and a proof against a spec.

:func:`extract_dfa` reads the net's reachable firing states (:func:`neurosim.automata.engines.tabulate`) as a
DFA. :func:`verify_net` proves that a net accepts exactly the language of a DFA, an NFA or a regular
expression:

- **product construction** (the default): the spec's minimal DFA (an NFA by the subset construction and
  Hopcroft's minimisation; a regular expression through Thompson's ε-NFA, built here independently of the
  compiler's Glushkov construction) is compared with the net's extracted automaton, which proves equivalence on
  every string or gives a shortest string on which they differ;
- **local induction** (:mod:`neurosim.automata.local_proof`), where the subset construction or the net's table
  would pass the state limit: each unit's firing rule is checked against the NFA's transition relation on the
  states the unit stands for (the ``unit_states`` map a compiled net carries). Where neither applies, the
  verifier refuses with a message naming the limit.

Notes
-----
Kleene, S. C. (1956). Representation of events in nerve nets and finite automata: the behaviour of an MP net
driven by symbols is that of a finite automaton whose states are the net's firing sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core import MPNet
from ..errors import DataError, StateLimitError
from .dfa import DFA, find_difference
from .engines import MAX_STATES, NetTable, tabulate
from .local_proof import prove_locally
from .nfa import NFA, as_automaton
from .nfa_compiler import read_unit_states
from .regex import Regex
from .subset import MAX_SUBSET_STATES, minimal_dfa
from .thompson import thompson_nfa

__all__ = ["EquivalenceVerdict", "extract_dfa", "verify_net"]


def extract_dfa(net: MPNet, table: NetTable | None = None, *, max_states: int = MAX_STATES) -> DFA:
    """The automaton the net implements: its reachable firing states (``s0`` = tick 0) and their moves."""
    tab = table or tabulate(net, max_states=max_states)
    names = [f"s{i}" for i in range(tab.n_states)]
    syms = tab.protocol.symbols
    trans = {names[i]: {a: names[tab.table[i, j]] for j, a in enumerate(syms)} for i in range(tab.n_states)}
    return DFA(names, syms, trans, names[0], {names[i] for i in np.flatnonzero(tab.accept)}, False)


@dataclass(frozen=True, slots=True)
class EquivalenceVerdict:
    """Outcome of :func:`verify_net`: ``witness`` is a shortest string on which net and spec differ.

    ``method`` is ``"product"`` (then ``net_states`` and ``dfa_states`` count the net's firing states and the
    spec's DFA states) or ``"local-induction"`` (then they are None and ``note`` says why it was used).
    """

    equivalent: bool
    witness: tuple[str, ...] | None
    net_states: int | None
    dfa_states: int | None
    net_accepts_witness: bool | None = None
    method: str = "product"
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"equivalent": self.equivalent, "witness": None if self.witness is None else list(self.witness),
                "method": self.method, "net_states": self.net_states, "dfa_states": self.dfa_states,
                "net_accepts_witness": self.net_accepts_witness, "note": self.note}


def _compare(net: MPNet, dfa: DFA, max_states: int, spec_states: int) -> EquivalenceVerdict:
    tab = tabulate(net, max_states=max_states)
    got = extract_dfa(net, tab)
    if set(got.input_symbols) != set(dfa.input_symbols):
        raise DataError(f"the net reads symbols {{{', '.join(got.input_symbols)}}} but the automaton's alphabet is "
                        f"{{{', '.join(dfa.input_symbols)}}}")
    w = find_difference(got, dfa)
    return EquivalenceVerdict(w is None, w, tab.n_states, spec_states, None if w is None else got.accepts(w))


def verify_net(net: MPNet, spec: DFA | NFA | Regex | Any, *, max_states: int = MAX_SUBSET_STATES,
               method: str = "auto") -> EquivalenceVerdict:
    """Prove that ``net`` accepts exactly the language of ``spec``, or find a shortest string where they differ.

    Parameters
    ----------
    net : MPNet
        An automaton net.
    spec : DFA, NFA, Regex, or an automata-lib DFA/NFA
    max_states : int
        The most states the subset construction and the net's table may have before the local proof is used.
    method : {"auto", "product", "local"}
        ``auto``: product construction, local induction past the limit; ``local``: the local proof only.

    Raises
    ------
    StateLimitError
        Past the limit, with no local proof available (the message names the limit and the reason).
    DataError
        The net reads other symbols than the spec.
    """
    if method not in ("auto", "product", "local"):
        from ..errors import ParameterError

        raise ParameterError(f"method: expected auto, product or local, found {method!r}")
    if isinstance(spec, Regex):
        th = thompson_nfa(spec)
        nfa, place = th.nfa, {str(j + 1): s for j, s in enumerate(th.after)} | {"0": th.nfa.initial_state}
    else:
        spec = as_automaton(spec)
        if isinstance(spec, DFA):
            return _compare(net, spec, max_states, len(spec.states))
        nfa, place = spec, None
    why = None
    if method != "local":
        try:
            target = minimal_dfa(nfa, max_states=max_states)
            return _compare(net, target, max_states, len(target.states))
        except StateLimitError as exc:
            if method == "product":
                raise
            why = str(exc)
    hints = read_unit_states(net)
    if hints is None:
        raise StateLimitError(f"{why or 'local proof asked for'}; the net carries no unit_states map (written by "
                              "'regex compile' or 'dfa compile' of an NFA), so no local proof applies")
    phi = {u: nfa.epsilon_closure((place.get(q, q) if place else q,)) for u, q in hints.items()
           if (place.get(q, q) if place else q) in set(nfa.states)}
    proof = prove_locally(net, nfa, phi)
    if not proof.holds:
        raise StateLimitError(f"{why or 'local proof asked for'}; the local proof does not apply: {proof.reason}")
    return EquivalenceVerdict(True, None, None, None, None, "local-induction",
                              why or "local proof asked for")
