"""Regular expressions in the syntax of DESIGN.md §5, parsed with located errors into a tree.

Syntax: a character is a symbol; concatenation; ``|``; postfix ``*``, ``+``, ``?``; ``( )`` groups (``(?:…)``
too); ``()`` is the empty string and ``(?!)`` the empty language; ``[abc]``, ``[a-c]`` and ``[^ab]`` are classes;
``.`` is any symbol of the alphabet; ``\\`` escapes punctuation (``\\*``, ``\\(``), and ``\\n``, ``\\t``, ``\\r``,
``\\f``, ``\\v``, ``\\xhh``, ``\\uhhhh`` name control characters. It is the subset of Python's ``re`` on which
``re.fullmatch`` agrees with it on strings over the alphabet, so ``re`` can serve as an oracle: what ``re``
would read differently (``{2}``, ``^``, ``$``, ``\\d``, stacked quantifiers) is refused with a message.

The alphabet is the symbols the expression uses, or the one given (a symbol outside it is an error).

Notes
-----
Kleene, S. C. (1956). Representation of events in nerve nets and finite automata (regular events: union,
concatenation and iteration of events, the operations written here as ``|``, juxtaposition and ``*``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ParameterError, ParseError
from .regex_ast import EMPTY, EPSILON, Chars, Concat, Node, Opt, Plus, Star, Union, positions, to_text

__all__ = ["Regex", "parse_alphabet", "parse_regex"]

_QUANT = {"*": Star, "+": Plus, "?": Opt}
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_HEX = {"x": 2, "u": 4, "U": 8}


@dataclass(frozen=True, slots=True)
class Regex:
    """A parsed regular expression.

    Attributes
    ----------
    text : str
        As written.
    tree : Node
        One :class:`~neurosim.automata.regex_ast.Chars` node per symbol occurrence, in the order written.
    alphabet : tuple of str
        Sorted one-character symbols.
    """

    text: str
    tree: Node
    alphabet: tuple[str, ...]

    @property
    def m(self) -> int:
        """Number of symbol occurrences (positions of Glushkov's construction)."""
        return positions(self.tree)

    def __str__(self) -> str:
        return self.text

    def canonical(self) -> str:
        """The tree printed back (:func:`~neurosim.automata.regex_ast.to_text`)."""
        return to_text(self.tree)


class _Any:
    """``.`` before the alphabet is known."""


@dataclass(frozen=True)
class _Class:
    """``[...]`` before the alphabet is known: its members, negated or not, and where it starts."""

    members: frozenset[str]
    negated: bool


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.text, self.source, self.i = text, source, 0
        self.used: dict[str, int] = {}  # symbol -> offset of its first literal use

    # -- errors with a line and a column --------------------------------------------------------------------
    def error(self, message: str, at: int | None = None) -> ParseError:
        at = self.i if at is None else at
        line = self.text.count("\n", 0, at) + 1
        col = at - (self.text.rfind("\n", 0, at) + 1) + 1
        return ParseError(message, self.source, line, col)

    def peek(self) -> str | None:
        return self.text[self.i] if self.i < len(self.text) else None

    # -- grammar: union := concat ('|' concat)* ; concat := postfix* ; postfix := atom [*+?] ----------------
    def union(self) -> Node:
        parts = [self.concat()]
        while self.peek() == "|":
            self.i += 1
            parts.append(self.concat())
        return parts[0] if len(parts) == 1 else Union(tuple(parts))

    def concat(self) -> Node:
        parts: list[Node] = []
        while self.peek() is not None and self.peek() not in "|)":
            parts.append(self.postfix())
        if not parts:
            return EPSILON
        return parts[0] if len(parts) == 1 else Concat(tuple(parts))

    def postfix(self) -> Node:
        node = self.atom()
        ch = self.peek()
        if ch is not None and ch in _QUANT:
            self.i += 1
            node = _QUANT[ch](node)
            nxt = self.peek()
            if nxt is not None and nxt in _QUANT:
                raise self.error(f"multiple repeat: {nxt!r} right after {ch!r} (write a group, e.g. (x{ch}){nxt})")
        return node

    def atom(self) -> Node:
        at, ch = self.i, self.text[self.i]
        if ch in _QUANT:
            raise self.error(f"nothing to repeat before {ch!r}")
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch in "{}":
            raise self.error(f"{ch!r}: counted repetition is not supported (escape it as '\\{ch}' to mean the "
                             "character)")
        if ch in "^$":
            raise self.error(f"anchor {ch!r} is not supported (the whole string is always matched; escape it as "
                             f"'\\{ch}' to mean the character)")
        self.i += 1
        if ch == ".":
            return _Any()  # type: ignore[return-value]
        if ch == "\\":
            ch = self.escape(at)
        self.used.setdefault(ch, at)
        return Chars(frozenset((ch,)))

    def group(self) -> Node:
        at = self.i
        self.i += 1
        if self.text.startswith("?!)", self.i):
            self.i += 3
            return EMPTY
        if self.text.startswith("?:", self.i):
            self.i += 2
        elif self.peek() == "?":
            raise self.error("this '(?' group is not supported (only (?:...) and the empty language (?!))", at)
        inner = self.union()
        if self.peek() != ")":
            raise self.error("unbalanced '(': no ')' closes it", at)
        self.i += 1
        return inner

    def escape(self, at: int) -> str:
        """The character after a backslash at ``at`` (``self.i`` is just past the backslash)."""
        if self.i >= len(self.text):
            raise self.error("dangling '\\' at the end of the expression", at)
        ch = self.text[self.i]
        self.i += 1
        if ch in _CONTROL:
            return _CONTROL[ch]
        if ch in _HEX:
            digits = self.text[self.i:self.i + _HEX[ch]]
            if len(digits) != _HEX[ch] or any(c not in "0123456789abcdefABCDEF" for c in digits):
                raise self.error(f"'\\{ch}' needs {_HEX[ch]} hexadecimal digits", at)
            self.i += _HEX[ch]
            return chr(int(digits, 16))
        if ch.isascii() and ch.isalnum():
            raise self.error(f"escape '\\{ch}' is not supported (escape only punctuation; \\n \\t \\r \\f \\v "
                             "\\xhh \\uhhhh name control characters)", at)
        return ch

    def char_class(self) -> Node:
        at = self.i
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        members: set[str] = set()
        first = True
        while True:
            ch = self.peek()
            if ch is None:
                raise self.error("unterminated class '[': no ']' closes it", at)
            if ch == "]" and not first:
                self.i += 1
                break
            lo_at = self.i
            lo = self.class_char()
            if self.peek() == "-" and self.i + 1 < len(self.text) and self.text[self.i + 1] != "]":
                self.i += 1
                hi = self.class_char()
                if ord(hi) < ord(lo):
                    raise self.error(f"bad range {lo!r}-{hi!r} in a class (the end comes before the start)", lo_at)
                chars = [chr(c) for c in range(ord(lo), ord(hi) + 1)]
            else:
                chars = [lo]
            for c in chars:
                members.add(c)
                self.used.setdefault(c, lo_at)
            first = False
        return _Class(frozenset(members), negated)  # type: ignore[return-value]

    def class_char(self) -> str:
        at = self.i
        ch = self.text[self.i]
        self.i += 1
        return self.escape(at) if ch == "\\" else ch


def parse_alphabet(symbols: Iterable[str] | str) -> tuple[str, ...]:
    """An alphabet of one-character symbols: a list, or text (``a,b,c`` or ``abc``).

    Raises
    ------
    ParameterError
        No symbol, or a symbol that is not one character.
    """
    if isinstance(symbols, str):
        parts = symbols.split(",")
        items = parts if "," in symbols and all(len(p) == 1 for p in parts) else list(symbols)
        if "," in symbols and not all(len(p) == 1 for p in parts):
            raise ParameterError(f"alphabet: expected one-character symbols separated by commas (a,b,c) or written "
                                 f"together (abc), found {symbols!r}")
    else:
        items = list(symbols)
    if not items:
        raise ParameterError("alphabet: expected at least one symbol, found an empty alphabet")
    for s in items:
        if not isinstance(s, str) or len(s) != 1:
            raise ParameterError(f"alphabet: a regular expression reads one-character symbols, found {s!r}")
    return tuple(sorted(set(items)))


def parse_regex(text: str, alphabet: Iterable[str] | str | None = None, *, source: str = "regex") -> Regex:
    """Parse ``text`` into a :class:`Regex`.

    Parameters
    ----------
    text : str
    alphabet : symbols, optional
        Default: the symbols the expression uses. ``.`` and ``[^…]`` are read against it.
    source : str
        Name used in error messages (``regex:1:7: unbalanced ')'``).

    Raises
    ------
    ParseError
        A syntax error, a symbol outside ``alphabet``, or an empty alphabet; with line and column.
    ParameterError
        ``alphabet`` itself is malformed.
    """
    if not isinstance(text, str):
        raise ParameterError(f"regex: expected a string, found {type(text).__name__}")
    p = _Parser(text, source)
    tree = p.union()
    if p.i < len(text):  # only a ')' stops the top-level union early
        raise p.error("unbalanced ')'")
    if alphabet is None:
        if not p.used:
            raise p.error("empty alphabet: the expression uses no symbol (give the alphabet, e.g. --alphabet 0,1)",
                          0)
        sigma = tuple(sorted(p.used))
    else:
        sigma = parse_alphabet(alphabet)
        for sym, at in sorted(p.used.items(), key=lambda kv: kv[1]):
            if sym not in sigma:
                raise p.error(f"symbol {sym!r} is not in the alphabet {{{', '.join(sigma)}}}", at)
    return Regex(text, _resolve(tree, frozenset(sigma)), sigma)


def _resolve(r: object, sigma: frozenset[str]) -> Node:
    """Replace ``.`` and classes by the symbol sets they stand for over ``sigma``."""
    if isinstance(r, _Any):
        return Chars(sigma)
    if isinstance(r, _Class):
        return Chars(sigma - r.members if r.negated else r.members & sigma)
    if isinstance(r, Concat | Union):
        return type(r)(tuple(_resolve(x, sigma) for x in r.parts))
    if isinstance(r, Star | Plus | Opt):
        return type(r)(_resolve(r.inner, sigma))
    return r  # type: ignore[return-value]
