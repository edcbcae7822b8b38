"""What the DFA and NFA spec readers share: JSON paths, the key check and the name lists of automata-lib's format.

Both automata are read from the same JSON shape (``states``, ``input_symbols``, ``transitions``,
``initial_state``, ``final_states``), so the checks of everything but the transitions live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..errors import SpecError

__all__ = ["KEYS", "check_header", "co_reachable", "from_spec", "json_path", "names", "string_list"]

#: the keys every automata-lib spec has, in the order errors list them
KEYS = ("states", "input_symbols", "transitions", "initial_state", "final_states")


def json_path(*parts: str) -> str:
    """A JSON path; keys that are not plain identifiers are quoted (``$.transitions["q 1"].a``)."""
    out = "$"
    for p in parts:
        if p.isidentifier() or p.isalnum():
            out += f".{p}"
        elif p.startswith("[") and p.endswith("]"):
            out += p
        else:
            out += f"[{p!r}]"
    return out


def check_header(d: Any, kind: str, optional: tuple[str, ...] = ()) -> Mapping[str, Any]:
    """``d`` as a mapping with exactly :data:`KEYS` (and any of ``optional``), its name lists and its initial state
    of the right types; errors name the JSON path. ``kind`` ("" or "NFA ") goes into the unknown-key message."""
    if not isinstance(d, Mapping):
        raise SpecError(f"expected an object, found {type(d).__name__}", "$")
    for k in KEYS:
        if k not in d:
            raise SpecError(f"missing key {k!r}", "$")
    extra = sorted(set(d) - {*KEYS, *optional})
    if extra:
        raise SpecError(f"unknown key {extra[0]!r} (expected automata-lib's {kind}keys: {', '.join(KEYS + optional)})",
                        "$")
    for k in ("states", "input_symbols", "final_states"):
        string_list(d[k], k)
    if not isinstance(d["initial_state"], str):
        raise SpecError(f"expected a state name, found {d['initial_state']!r}", json_path("initial_state"))
    return d


def names(x: Any, key: str, sort_key: Callable[[str], Any] | None = None) -> tuple[str, ...]:
    """The distinct strings of ``x`` (a list of names given to a constructor), sorted (by ``sort_key``)."""
    if isinstance(x, str):
        raise SpecError("expected a list of names, found a string", json_path(key))
    items = list(x)
    for i, v in enumerate(items):
        if not isinstance(v, str):
            raise SpecError(f"expected a string, found {v!r}", json_path(key, f"[{i}]"))
    return tuple(sorted(set(items), key=sort_key))


def string_list(x: Any, key: str) -> None:
    """``x`` is a JSON list of distinct strings."""
    if not isinstance(x, list):
        raise SpecError(f"expected a list of strings, found {type(x).__name__}", json_path(key))
    seen: set[str] = set()
    for i, v in enumerate(x):
        if not isinstance(v, str):
            raise SpecError(f"expected a string, found {v!r}", json_path(key, f"[{i}]"))
        if v in seen:
            raise SpecError(f"duplicate entry {v!r}", json_path(key, f"[{i}]"))
        seen.add(v)


def from_spec(build: Callable[[Any], Any], d: Any, source: str | None) -> Any:
    """``build(d)``, its :class:`SpecError` naming ``source`` (the file the spec came from)."""
    try:
        return build(d)
    except SpecError as exc:
        raise SpecError(exc.message, exc.path, source) from None


def co_reachable(finals: Iterable[str], moves: Iterable[tuple[str, str]]) -> set[str]:
    """The states from which one of ``finals`` can be reached along ``moves`` (pairs (from, to))."""
    back: dict[str, set[str]] = {}
    for p, q in moves:
        back.setdefault(q, set()).add(p)
    alive = set(finals)
    stack = list(alive)
    while stack:
        for p in back.get(stack.pop(), ()):
            if p not in alive:
                alive.add(p)
                stack.append(p)
    return alive
