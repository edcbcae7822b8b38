"""DFA specs as JSON with exactly automata-lib's keys: read with exact error positions, write byte-stably.

The file is one object ``{"states": [...], "input_symbols": [...], "transitions": {state: {symbol: state}},
"initial_state": ..., "final_states": [...], "allow_partial": false}``; its JSON Schema ships as
``neurosim/io/schemas/dfa.schema.json`` (:func:`schema`). Written files list every set sorted and keep this key
order, so writing the same DFA twice gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..automata import DFA, NFA
from ..core import MPNet
from ..errors import ParameterError, ParseError
from .atomic import atomic_write_bytes
from .source import Source, loads_json, read_source

__all__ = ["dfa_from_json", "dfa_to_json", "is_nfa_spec", "load_automaton", "load_dfa", "save_dfa", "schema"]


def dfa_from_json(text: str, source: str = "<string>") -> DFA:
    """Parse a DFA spec.

    Raises
    ------
    ParseError
        Not JSON (with line and column).
    SpecError
        Well-formed JSON that is not a valid DFA (with the JSON path of the culprit).
    """
    return DFA.from_dict(loads_json(text, source), source)


def dfa_to_json(dfa: DFA) -> str:
    """Byte-stable JSON text: fixed key order, sorted sets on one line each, one line per state's moves."""
    d = dfa.to_dict()

    def one(x: Any) -> str:
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))

    rows = [f"    {one(q)}: {one(row)}" for q, row in d["transitions"].items()]
    trans = "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"
    body = [f'  "states": {one(d["states"])}', f'  "input_symbols": {one(d["input_symbols"])}',
            f'  "transitions": {trans}', f'  "initial_state": {one(d["initial_state"])}',
            f'  "final_states": {one(d["final_states"])}', f'  "allow_partial": {one(d["allow_partial"])}']
    return "{\n" + ",\n".join(body) + "\n}\n"


def looks_like_jff(text: str) -> bool:
    """True when ``text`` is XML (a JFLAP file) rather than JSON."""
    return text.lstrip("\ufeff \t\r\n").startswith("<")


def is_nfa_spec(data: Any) -> bool:
    """True when a parsed spec is written as an NFA: some move leads to a list of states, or is an ε-move
    (``""``), and the DFA-only key ``allow_partial`` is absent."""
    if not isinstance(data, Mapping) or "allow_partial" in data:
        return False
    trans = data.get("transitions")
    if not isinstance(trans, Mapping):
        return False
    return any(isinstance(row, Mapping) and any(isinstance(t, list) or a == "" for a, t in row.items())
               for row in trans.values())


def load_dfa(path_or_text: str | bytes | Path, *, source: str | None = None) -> DFA:
    """Read a DFA from a ``.json`` spec or a JFLAP ``.jff`` file (a path, or the text itself, by the rule of
    :func:`neurosim.io.source.read_source`)."""
    src = read_source(path_or_text, source=source)
    if looks_like_jff(src.text):
        from .jflap import dfa_from_jff

        return dfa_from_jff(src.text, src.name)
    return dfa_from_json(src.text, src.name)


def load_automaton(path_or_text: str | bytes | Path | Source, *, source: str | None = None
                   ) -> tuple[DFA | NFA | None, MPNet | None]:
    """Read SPEC|NET: a DFA or NFA spec (automata-lib JSON or JFLAP ``.jff``) or an automaton net (net JSON or
    GraphML).

    A JSON spec whose moves lead to lists of states (or has ε-moves, ``""``) is an NFA, one whose moves lead to
    single states a DFA; a JFLAP file is a DFA when it is deterministic without λ-moves, else an NFA.

    Returns
    -------
    (spec, None) with spec a DFA or an NFA, or (None, net)

    Raises
    ------
    ParseError
        Neither (with the file name), or malformed.
    """
    src = read_source(path_or_text, source=source)
    head = src.text.lstrip(" \t\r\n")[:1]
    if head == "<":
        if "<structure" in src.text[:2000]:
            from .jflap import automaton_from_jff

            return automaton_from_jff(src.text, src.name), None
        from .nets import load_net

        return None, load_net(src)
    if head == "{":
        data = loads_json(src.text, src.name)
        if isinstance(data, dict) and ("transitions" in data or "input_symbols" in data):
            if is_nfa_spec(data):
                return NFA.from_dict(data, src.name), None
            return DFA.from_dict(data, src.name), None
        from .nets import load_net

        return None, load_net(src)
    raise ParseError("expected a DFA or NFA spec (JSON object or JFLAP XML) or a net file (net JSON or GraphML)",
                     src.name, 1, 1)


def save_dfa(dfa: DFA, path: str | Path, fmt: str | None = None) -> None:
    """Write ``dfa`` as JSON or JFLAP (``fmt`` json|jff, default by suffix)."""
    from .jflap import dfa_to_jff

    save_spec(path, fmt, lambda: dfa_to_json(dfa), lambda: dfa_to_jff(dfa))


def save_spec(path: str | Path, fmt: str | None, as_json: Callable[[], str], as_jff: Callable[[], str]) -> None:
    """Write an automaton spec atomically as JSON or JFLAP (``fmt`` json|jff, default by the suffix of ``path``)."""
    p = Path(path)
    fmt = fmt or ("jff" if p.suffix.lower() == ".jff" else "json")
    if fmt not in ("json", "jff"):
        raise ParameterError(f"fmt: expected 'json' or 'jff', found {fmt!r}")
    atomic_write_bytes(p, (as_jff() if fmt == "jff" else as_json()).encode("utf-8"))


def schema() -> dict[str, Any]:
    """The JSON Schema of DFA specs (draft 2020-12), as shipped in the package."""
    return json.loads(resources.files("neurosim.io").joinpath("schemas/dfa.schema.json").read_text("utf-8"))
