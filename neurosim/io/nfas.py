"""NFA specs as JSON with exactly automata-lib's NFA keys: read with exact error positions, write byte-stably.

The file is one object ``{"states": [...], "input_symbols": [...], "transitions": {state: {symbol: [states]}},
"initial_state": ..., "final_states": [...]}``, where the symbol ``""`` is an ε-move; its JSON Schema ships as
``neurosim/io/schemas/nfa.schema.json`` (:func:`schema`). A DFA spec maps a symbol to one state, an NFA spec to
a list of states: that is how :func:`neurosim.io.load_automaton` tells them apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..automata import NFA
from .dfas import is_nfa_spec, looks_like_jff, save_spec
from .source import loads_json, read_source

__all__ = ["load_nfa", "nfa_from_json", "nfa_to_json", "save_nfa", "schema"]


def nfa_from_json(text: str, source: str = "<string>") -> NFA:
    """Parse an NFA spec.

    Raises
    ------
    ParseError
        Not JSON (with line and column).
    SpecError
        Well-formed JSON that is not a valid NFA (with the JSON path of the culprit, e.g.
        ``$.transitions.q0.a[1]: unknown state 'q9'``).
    """
    return NFA.from_dict(loads_json(text, source), source)


def nfa_to_json(nfa: NFA) -> str:
    """Byte-stable JSON text: fixed key order, sets in natural order on one line each, one line per state."""
    d = nfa.to_dict()

    def one(x: Any) -> str:
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))

    rows = [f"    {one(q)}: {one(row)}" for q, row in d["transitions"].items()]
    trans = "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"
    body = [f'  "states": {one(d["states"])}', f'  "input_symbols": {one(d["input_symbols"])}',
            f'  "transitions": {trans}', f'  "initial_state": {one(d["initial_state"])}',
            f'  "final_states": {one(d["final_states"])}']
    return "{\n" + ",\n".join(body) + "\n}\n"


def load_nfa(path_or_text: str | bytes | Path, *, source: str | None = None) -> NFA:
    """Read an NFA from a ``.json`` spec or a JFLAP ``.jff`` file (a path, or the text itself). A DFA spec is
    read as the NFA it also is."""
    from ..automata import DFA

    src = read_source(path_or_text, source=source)
    if looks_like_jff(src.text):
        from .jflap import nfa_from_jff

        return nfa_from_jff(src.text, src.name)
    data = loads_json(src.text, src.name)
    if isinstance(data, Mapping) and not is_nfa_spec(data) and isinstance(data.get("transitions"), Mapping):
        return NFA.from_dfa(DFA.from_dict(data, src.name))
    return NFA.from_dict(data, src.name)


def save_nfa(nfa: NFA, path: str | Path, fmt: str | None = None) -> None:
    """Write ``nfa`` as JSON or JFLAP (``fmt`` json|jff, default by suffix)."""
    from .jflap import nfa_to_jff

    save_spec(path, fmt, lambda: nfa_to_json(nfa), lambda: nfa_to_jff(nfa))


def schema() -> dict[str, Any]:
    """The JSON Schema of NFA specs (draft 2020-12), as shipped in the package."""
    return json.loads(resources.files("neurosim.io").joinpath("schemas/nfa.schema.json").read_text("utf-8"))
