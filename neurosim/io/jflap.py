"""JFLAP ``.jff`` finite automata: import (deterministic automata only) and byte-stable export.

The XML is parsed safely (:func:`neurosim.io.xml_safe.parse_xml`: UTF-8, and a DTD, an entity declaration or
an external reference is refused by the parser itself), so no external or expanding entity is ever resolved.
An NFA (two moves on one symbol), a λ-move (empty ``<read/>``) or a multi-character read is refused with a
message naming the transition. JFLAP has no
``allow_partial`` flag and treats a missing move as rejection, so imported automata are partial; neurosim completes
them with a trap state when it compiles them.

Notes
-----
JFLAP (Rodger & Finley, 2006, *JFLAP: An Interactive Formal Languages and Automata Package*) writes
``<structure><type>fa</type><automaton><state id= name=>…<transition><from/><to/><read/>``; files from JFLAP 4
put states and transitions directly under ``<structure>``, which is read too.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from ..automata import DFA
from ..errors import SpecError
from .xml_safe import parse_xml

__all__ = ["dfa_from_jff", "dfa_to_jff"]

def dfa_from_jff(text: str | bytes, source: str = "<string>") -> DFA:
    """Parse a JFLAP finite automaton into a (partial) DFA.

    Raises
    ------
    ParseError
        Malformed XML (line and column), or a DTD/entity declaration.
    SpecError
        Not an ``fa``, no or several initial states, an NFA, a λ-move, a multi-character read; the path names
        the element (``$.transition[3]``).
    """
    root = parse_xml(text, source, "a JFLAP file")
    if root.tag != "structure":
        raise SpecError(f"expected root element <structure>, found <{root.tag}>", "$", source)
    kind = (root.findtext("type") or "").strip()
    if kind != "fa":
        raise SpecError(f"expected <type>fa</type> (a finite automaton), found {kind or 'none'!r}", "$.type",
                        source)
    body = root.find("automaton")
    if body is None:
        body = root
    names: dict[str, str] = {}
    initial: list[str] = []
    finals: list[str] = []
    for i, st in enumerate(body.findall("state")):
        sid = st.get("id")
        if sid is None:
            raise SpecError("expected an id attribute", f"$.state[{i}]", source)
        name = st.get("name") or f"q{sid}"
        if sid in names:
            raise SpecError(f"duplicate state id {sid!r}", f"$.state[{i}]", source)
        if name in names.values():
            raise SpecError(f"duplicate state name {name!r}", f"$.state[{i}]", source)
        names[sid] = name
        if st.find("initial") is not None:
            initial.append(name)
        if st.find("final") is not None:
            finals.append(name)
    if not names:
        raise SpecError("expected at least one <state>, found none", "$.state", source)
    if len(initial) != 1:
        found = ", ".join(repr(n) for n in initial) or "none"
        raise SpecError(f"expected exactly one initial state, found {found}", "$.state", source)
    trans: dict[str, dict[str, str]] = {}
    symbols: set[str] = set()
    for i, tr in enumerate(body.findall("transition")):
        path = f"$.transition[{i}]"
        frm, to = (tr.findtext("from") or "").strip(), (tr.findtext("to") or "").strip()
        for what, sid in (("from", frm), ("to", to)):
            if sid not in names:
                raise SpecError(f"<{what}> names unknown state id {sid!r}", path, source)
        p, q = names[frm], names[to]
        read = tr.findtext("read") or ""
        if read == "":
            raise SpecError(f"λ-move {p!r} -> {q!r}: a DFA reads one symbol per move (this is an NFA)", path,
                            source)
        if len(read) != 1:
            raise SpecError(f"multi-character read {read!r} on {p!r} -> {q!r}: a DFA reads one symbol per move",
                            path, source)
        old = trans.setdefault(p, {}).get(read)
        if old is not None and old != q:
            raise SpecError(f"nondeterministic: {p!r} reads {read!r} to both {old!r} and {q!r} (this is an NFA)",
                            path, source)
        trans[p][read] = q
        symbols.add(read)
    try:
        return DFA(names.values(), symbols, trans, initial[0], finals, True)
    except SpecError as exc:
        raise SpecError(exc.message, exc.path, source) from None


def dfa_to_jff(dfa: DFA) -> str:
    """JFLAP 7 XML for ``dfa`` (states on a circle in breadth-first order; byte-stable)."""
    order = dfa.reachable_states()
    order += [q for q in dfa.states if q not in set(order)]
    ids = {q: i for i, q in enumerate(order)}
    n = len(order)
    radius = max(120.0, 40.0 * n / math.pi)
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?><!--Created with neurosim.-->',
             "<structure>", "\t<type>fa</type>", "\t<automaton>"]
    for q in order:
        i = ids[q]
        ang = 2 * math.pi * i / n + math.pi
        x, y = radius + 60 + radius * math.cos(ang), radius + 60 + radius * math.sin(ang)
        lines.append(f'\t\t<state id="{i}" name={quoteattr(q)}>')
        lines.append(f"\t\t\t<x>{x:.1f}</x>")
        lines.append(f"\t\t\t<y>{y:.1f}</y>")
        if q == dfa.initial_state:
            lines.append("\t\t\t<initial/>")
        if q in dfa.final_states:
            lines.append("\t\t\t<final/>")
        lines.append("\t\t</state>")
    for q in order:
        for a in dfa.input_symbols:
            r = dfa.delta(q, a)
            if r is None:
                continue
            lines += ["\t\t<transition>", f"\t\t\t<from>{ids[q]}</from>", f"\t\t\t<to>{ids[r]}</to>",
                      f"\t\t\t<read>{escape(a)}</read>", "\t\t</transition>"]
    lines += ["\t</automaton>", "</structure>"]
    return "\n".join(lines) + "\n"
