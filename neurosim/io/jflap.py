"""JFLAP ``.jff`` finite automata: import as a DFA or an NFA, and byte-stable export of both.

The XML is parsed safely: a document that declares a DTD or an entity (``<!DOCTYPE``, ``<!ENTITY``) is refused
before parsing, so no external or expanding entity is ever resolved. :func:`automaton_from_jff` reads a
deterministic automaton as a DFA and one with two moves on one symbol or a λ-move (empty ``<read/>``) as an NFA
(λ is ε); :func:`dfa_from_jff` refuses an NFA with a message naming the transition. A multi-character read is
refused. JFLAP has no ``allow_partial`` flag and treats a missing move as rejection, so imported DFAs are partial;
neurosim completes them with a trap state when it compiles them.

Notes
-----
JFLAP (Rodger & Finley, 2006, *JFLAP: An Interactive Formal Languages and Automata Package*) writes
``<structure><type>fa</type><automaton><state id= name=>…<transition><from/><to/><read/>``; files from JFLAP 4
put states and transitions directly under ``<structure>``, which is read too.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from ..automata import DFA, NFA
from ..errors import ParseError, SpecError

__all__ = ["automaton_from_jff", "dfa_from_jff", "dfa_to_jff", "nfa_from_jff", "nfa_to_jff"]

_UNSAFE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _read_fa(text: str | bytes, source: str) -> tuple[dict[str, str], str, list[str], list[tuple[str, str, str, str]]]:
    """(state id -> name, initial state, final states, moves (from, read, to, path)) of a JFLAP ``fa`` file;
    ``read`` is ``""`` for a λ-move."""
    raw = text.decode("utf-8") if isinstance(text, bytes) else text
    m = _UNSAFE.search(raw)
    if m:
        line = raw.count("\n", 0, m.start()) + 1
        col = m.start() - (raw.rfind("\n", 0, m.start()) + 1) + 1
        raise ParseError(f"refusing <!{m.group(1).upper()}: DTDs and entities are not allowed in .jff files",
                         source, line, col)
    try:
        root = ET.fromstring(raw.encode("utf-8"))
    except ET.ParseError as exc:
        line, col = exc.position
        msg = str(exc).split(":")[0]
        raise ParseError(f"malformed XML: {msg}", source, line, col + 1) from None
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
    moves = []
    for i, tr in enumerate(body.findall("transition")):
        path = f"$.transition[{i}]"
        frm, to = (tr.findtext("from") or "").strip(), (tr.findtext("to") or "").strip()
        for what, sid in (("from", frm), ("to", to)):
            if sid not in names:
                raise SpecError(f"<{what}> names unknown state id {sid!r}", path, source)
        read = tr.findtext("read") or ""
        if len(read) > 1:
            raise SpecError(f"multi-character read {read!r} on {names[frm]!r} -> {names[to]!r}: neurosim reads one "
                            "symbol per move", path, source)
        moves.append((names[frm], read, names[to], path))
    return names, initial[0], finals, moves


def _is_deterministic(moves: list[tuple[str, str, str, str]]) -> bool:
    seen: dict[tuple[str, str], str] = {}
    return all(read != "" and seen.setdefault((p, read), q) == q for p, read, q, _ in moves)


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
    names, initial, finals, moves = _read_fa(text, source)
    trans: dict[str, dict[str, str]] = {}
    symbols: set[str] = set()
    for p, read, q, path in moves:
        if read == "":
            raise SpecError(f"λ-move {p!r} -> {q!r}: a DFA reads one symbol per move (this is an NFA)", path,
                            source)
        old = trans.setdefault(p, {}).get(read)
        if old is not None and old != q:
            raise SpecError(f"nondeterministic: {p!r} reads {read!r} to both {old!r} and {q!r} (this is an NFA)",
                            path, source)
        trans[p][read] = q
        symbols.add(read)
    try:
        return DFA(names.values(), symbols, trans, initial, finals, True)
    except SpecError as exc:
        raise SpecError(exc.message, exc.path, source) from None


def nfa_from_jff(text: str | bytes, source: str = "<string>") -> NFA:
    """Parse a JFLAP finite automaton into an NFA (an empty ``<read/>`` is a λ-, i.e. ε-move).

    Raises
    ------
    ParseError, SpecError
        As :func:`dfa_from_jff`, but nondeterminism and λ-moves are allowed.
    """
    names, initial, finals, moves = _read_fa(text, source)
    trans: dict[str, dict[str, list[str]]] = {}
    for p, read, q, _ in moves:
        trans.setdefault(p, {}).setdefault(read, []).append(q)
    symbols = sorted({read for _, read, _, _ in moves if read != ""})
    try:
        return NFA(names.values(), symbols, trans, initial, finals)
    except SpecError as exc:
        raise SpecError(exc.message, exc.path, source) from None


def automaton_from_jff(text: str | bytes, source: str = "<string>") -> DFA | NFA:
    """A JFLAP finite automaton as a (partial) DFA when it is deterministic without λ-moves, else as an NFA."""
    _, _, _, moves = _read_fa(text, source)
    return dfa_from_jff(text, source) if _is_deterministic(moves) else nfa_from_jff(text, source)


def dfa_to_jff(dfa: DFA) -> str:
    """JFLAP 7 XML for ``dfa`` (states on a circle in breadth-first order; byte-stable)."""
    order = dfa.reachable_states()
    order += [q for q in dfa.states if q not in set(order)]
    moves = [(q, a, r) for q in order for a in dfa.input_symbols if (r := dfa.delta(q, a)) is not None]
    return _fa_to_jff(order, dfa.initial_state, dfa.final_states, moves)


def nfa_to_jff(nfa: NFA) -> str:
    """JFLAP 7 XML for ``nfa`` (ε-moves as empty ``<read/>``; states on a circle in breadth-first order)."""
    order = nfa.reachable_states()
    order += [q for q in nfa.states if q not in set(order)]
    rank = {q: i for i, q in enumerate(nfa.states)}
    moves = [(q, a, r) for q in order for a in ("", *nfa.input_symbols)
             for r in sorted(nfa.delta(q, a), key=rank.__getitem__)]
    return _fa_to_jff(order, nfa.initial_state, nfa.final_states, moves)


def _fa_to_jff(order: list[str], initial: str, finals: frozenset[str], moves: list[tuple[str, str, str]]) -> str:
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
        if q == initial:
            lines.append("\t\t\t<initial/>")
        if q in finals:
            lines.append("\t\t\t<final/>")
        lines.append("\t\t</state>")
    for q, a, r in moves:
        read = f"<read>{escape(a)}</read>" if a else "<read/>"
        lines += ["\t\t<transition>", f"\t\t\t<from>{ids[q]}</from>", f"\t\t\t<to>{ids[r]}</to>",
                  f"\t\t\t{read}", "\t\t</transition>"]
    lines += ["\t</automaton>", "</structure>"]
    return "\n".join(lines) + "\n"
