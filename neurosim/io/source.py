"""One way to read a source: the path-or-text rule, UTF-8 decoding with a located error, and strict JSON.

Every reader of neurosim goes through :func:`read_source`, so every file format follows the same rules:

- **path or text**: ``bytes`` are the contents; a ``Path`` (any ``os.PathLike``) is a file; a ``str`` is the
  contents when it is empty, holds a newline or starts (after blanks and a BOM) with ``{``, ``[`` or ``<``, else
  a file name;
- **decoding**: UTF-8, a leading BOM dropped; an undecodable byte or a NUL byte is a :class:`ParseError` at its
  line and column (a binary file is not a neurosim file);
- **JSON** (:func:`loads_json`): no duplicate keys (a :class:`SpecError` with the JSON path), no ``NaN`` or
  ``Infinity``, a located :class:`ParseError` for anything else that is not JSON.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ParameterError, ParseError, SpecError

__all__ = ["Source", "decode_bytes", "line_col", "loads_json", "read_source"]

_TEXT_STARTS = ("{", "[", "<")


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded text and where it came from.

    Attributes
    ----------
    text : str
        The contents, decoded, without a BOM.
    name : str
        What error messages cite: the file name, ``<stdin>`` or ``<string>``.
    path : Path or None
        The file read, if any (its suffix may tell the format).
    """

    text: str
    name: str
    path: Path | None = None


def line_col(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of character (or byte) ``offset`` in ``text``."""
    nl = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(nl, 0, offset) + 1
    return line, offset - (text.rfind(nl, 0, offset) + 1) + 1


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 text of ``data`` without a BOM, or a :class:`ParseError` at the first undecodable or NUL byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(data, exc.start)
        raise ParseError(f"expected UTF-8 text, found byte 0x{data[exc.start]:02x} (a binary file?)", name, line,
                         col) from None
    return check_text(text.removeprefix("\ufeff"), name)


def check_text(text: str, name: str) -> str:
    """``text`` unchanged, or a :class:`ParseError` at its first NUL character (binary data, not text)."""
    pos = text.find("\x00")
    if pos >= 0:
        line, col = line_col(text, pos)
        raise ParseError("expected text, found a NUL byte (a binary file?)", name, line, col)
    return text


def _is_text(s: str) -> bool:
    return not s or "\n" in s or s.lstrip("\ufeff \t\r").startswith(_TEXT_STARTS)


def read_source(path_or_text: str | bytes | os.PathLike[str] | Source, *, source: str | None = None) -> Source:
    """Read a path or take the text itself, by the rule in this module's docstring.

    Parameters
    ----------
    path_or_text : str, bytes, path or Source
        A :class:`Source` (already read, e.g. standard input) is returned as it is.
    source : str, optional
        The name to cite in errors (default: the file name, or ``<string>`` for text).

    Raises
    ------
    ParseError
        Undecodable or NUL bytes (with line and column).
    OSError
        The file cannot be read (a folder included).
    """
    if isinstance(path_or_text, Source):
        return path_or_text
    if isinstance(path_or_text, bytes):
        name = source or "<string>"
        return Source(decode_bytes(path_or_text, name), name)
    if isinstance(path_or_text, str) and _is_text(path_or_text):
        name = source or "<string>"
        return Source(check_text(path_or_text.removeprefix("\ufeff"), name), name)
    if not isinstance(path_or_text, str | os.PathLike):
        raise ParameterError(f"expected a file name, a path, text or bytes, found {type(path_or_text).__name__}")
    path = Path(path_or_text)
    if path.is_dir():
        raise IsADirectoryError(21, "is a directory, expected a file", str(path))
    name = source or str(path)
    return Source(decode_bytes(path.read_bytes(), name), name, path)


# ---- strict JSON ----------------------------------------------------------------------------------------------
class _Object(dict):
    """A JSON object that remembers its first repeated key (``json.loads`` would silently keep the last)."""

    __slots__ = ("duplicate",)


def _no_constant(name: str) -> Any:
    # NaN and Infinity are Python extensions, not JSON: refuse them like any other bad token
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 would silently become infinity
        raise ValueError(f"the number {text[:30]} is too large for a float")
    return value


def _first_duplicate(obj: Any, path: str = "$") -> str | None:
    """JSON path of the first repeated key, depth first in document order (iterative: no recursion limit)."""
    stack = [(obj, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _Object):
            if getattr(value, "duplicate", None) is not None:
                return f"{where}.{value.duplicate}"
            stack.extend((v, f"{where}.{k}") for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(value))))
    return None


def loads_json(text: str | bytes, name: str = "<string>") -> Any:
    """Parse JSON strictly: no duplicate keys, no NaN or Infinity, every error located.

    Parameters
    ----------
    text : str or bytes
        Bytes are decoded as by :func:`decode_bytes`.
    name : str
        Cited in errors.

    Returns
    -------
    The value; objects are ``dict`` subclasses.

    Raises
    ------
    ParseError
        Not JSON, with line and column (nesting too deep for the parser included).
    SpecError
        A key repeated in one object, with its JSON path.
    """
    if isinstance(text, bytes):
        text = decode_bytes(text, name)
    dup = [False]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _Object()
        for k, v in items:
            if k in obj and getattr(obj, "duplicate", None) is None:
                obj.duplicate = k
                dup[0] = True
            obj[k] = v
        return obj

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", name, exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError("invalid JSON for neurosim: nested too deeply (over a few hundred levels)", name) from None
    except ValueError as exc:  # a constant (NaN), or an integer of more digits than Python converts
        msg = str(exc)
        if "integer string conversion" in msg:
            digits = next((w for w in msg.replace(";", " ").split() if w.isdigit() and w != "4300"), None)
            found = f"an integer of {int(digits):,} digits" if digits else "an integer of over 4,300 digits"
            msg = f"expected numbers of at most 4,300 digits, found {found}"
        raise ParseError(f"invalid JSON: {msg}", name) from None
    if dup[0]:
        where = _first_duplicate(value)
        if where is not None:
            raise SpecError("duplicate key in one object", where, name)
    return value
