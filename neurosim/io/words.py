"""Input strings for DFAs: one string a line, symbols written one after another or as a JSON array.

When every symbol of the alphabet is one character, ``0110`` is the string 0,1,1,0; a JSON array such as
``["ab", "c"]`` works for any alphabet and is required when some symbol is longer. An empty line (or ``[]``) is
the empty string; the final newline ends the last line and adds no string. A symbol outside the alphabet is a
:class:`ParseError` naming its line and column.

Whitespace is data when the alphabet has a whitespace symbol (a DFA over {" ", "a"}): then every character of
the line is read, spaces at its ends included. Otherwise no symbol can be whitespace, so spaces around a string
are ignored and a space inside it is an error (not in the alphabet).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import NeurosimError, ParseError
from .source import loads_json

__all__ = ["format_word", "parse_word", "parse_words"]

Word = tuple[str, ...]


def parse_word(text: str, alphabet: Sequence[str], source: str = "<string>", line: int | None = None) -> Word:
    """Parse one string. Columns in errors are 1-based character positions in ``text``."""
    symbols = set(alphabet)
    single = all(len(s) == 1 for s in symbols)
    if _whitespace_symbols(symbols):  # whitespace is a symbol: keep every character
        stripped, lead = text, 0
    else:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
    if stripped.startswith("[") and (not single or "[" not in symbols):
        try:
            items = loads_json(stripped, source)
        except ParseError as exc:
            col = None if exc.column is None else lead + exc.column
            raise ParseError(f"invalid JSON array of symbols: {exc.message.removeprefix('invalid JSON: ')}",
                             source, line, col) from None
        except NeurosimError as exc:
            raise ParseError(f"invalid JSON array of symbols: {exc}", source, line, lead + 1) from None
        if not isinstance(items, list):
            raise ParseError("expected a JSON array of symbols", source, line, lead + 1)
        for k, s in enumerate(items):
            if not isinstance(s, str) or s not in symbols:
                raise ParseError(f"symbol {k + 1} is {s!r}, not in the alphabet {{{', '.join(alphabet)}}}",
                                 source, line, lead + 1)
        return tuple(items)
    if not single:
        raise ParseError(f"some symbols are longer than one character ({', '.join(alphabet)}): write the string "
                         'as a JSON array, e.g. ["ab", "c"]', source, line, lead + 1)
    for k, ch in enumerate(stripped):
        if ch not in symbols:
            raise ParseError(f"symbol {ch!r} is not in the alphabet {{{', '.join(alphabet)}}}", source, line,
                             lead + k + 1)
    return tuple(stripped)


def parse_words(text: str, alphabet: Sequence[str], source: str = "<string>") -> list[Word]:
    """Parse a strings file: one string a line (see the module notes)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cr = "\r" not in set(alphabet)  # a CRLF line end, unless carriage return is a symbol
    return [parse_word(ln.removesuffix("\r") if cr else ln, alphabet, source, i + 1) for i, ln in enumerate(lines)]


def _whitespace_symbols(symbols: set[str]) -> bool:
    return any(s.isspace() for s in symbols)


def format_word(word: Iterable[str], alphabet: Sequence[str]) -> str | list[str]:
    """A string as written back: joined characters for a one-character alphabet, else the list of symbols."""
    w = list(word)
    if all(len(s) == 1 for s in alphabet):
        return "".join(w)
    return w


def parse_word_arg(text: str, alphabet: Sequence[str], index: int) -> Word:
    """Parse a command-line STRING argument; errors name the argument (1-based) and the position in it."""
    try:
        return parse_word(text, alphabet, "<string>", 1)
    except ParseError as exc:
        raise ParseError(f"position {exc.column}: {exc.message}", f"argument {index}") from None
