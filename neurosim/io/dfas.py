"""DFA specs as JSON with exactly automata-lib's keys: read with exact error positions, write byte-stably.

The file is one object ``{"states": [...], "input_symbols": [...], "transitions": {state: {symbol: state}},
"initial_state": ..., "final_states": [...], "allow_partial": false}``; its JSON Schema ships as
``neurosim/io/schemas/dfa.schema.json`` (:func:`schema`). Written files list every set sorted and keep this key
order, so writing the same DFA twice gives the same bytes.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ..automata import DFA
from ..errors import ParseError
from .atomic import atomic_write_bytes

__all__ = ["dfa_from_json", "dfa_to_json", "load_dfa", "save_dfa", "schema"]


def dfa_from_json(text: str, source: str = "<string>") -> DFA:
    """Parse a DFA spec.

    Raises
    ------
    ParseError
        Not JSON (with line and column).
    SpecError
        Well-formed JSON that is not a valid DFA (with the JSON path of the culprit).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", source, exc.lineno, exc.colno) from None
    return DFA.from_dict(data, source)


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


def load_dfa(path_or_text: str | Path, *, source: str | None = None) -> DFA:
    """Read a DFA from a ``.json`` spec or a JFLAP ``.jff`` file (a path, or the text itself).

    A string that starts with ``{`` or ``<`` (after blanks) is taken as the text; anything else as a path.
    """
    text, src = _text(path_or_text, source)
    if looks_like_jff(text):
        from .jflap import dfa_from_jff

        return dfa_from_jff(text, src)
    return dfa_from_json(text, src)


def save_dfa(dfa: DFA, path: str | Path, fmt: str | None = None) -> None:
    """Write ``dfa`` as JSON or JFLAP (``fmt`` json|jff, default by suffix)."""
    p = Path(path)
    fmt = fmt or ("jff" if p.suffix.lower() == ".jff" else "json")
    if fmt == "jff":
        from .jflap import dfa_to_jff

        data = dfa_to_jff(dfa)
    elif fmt == "json":
        data = dfa_to_json(dfa)
    else:
        raise ValueError(f"fmt: expected 'json' or 'jff', found {fmt!r}")
    atomic_write_bytes(p, data.encode("utf-8"))


def schema() -> dict[str, Any]:
    """The JSON Schema of DFA specs (draft 2020-12), as shipped in the package."""
    return json.loads(resources.files("neurosim.io").joinpath("schemas/dfa.schema.json").read_text("utf-8"))


def _text(path_or_text: str | Path, source: str | None) -> tuple[str, str]:
    if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("{", "<", "["):
        return path_or_text, source or "<string>"
    p = Path(path_or_text)
    return p.read_bytes().decode("utf-8"), source or str(p)
