"""Regular expressions as trees: the node types, simplifying constructors, and printing in ``re``'s syntax.

The parser (:mod:`neurosim.automata.regex`) builds the tree exactly as written, one :class:`Chars` node per
symbol occurrence (a position of Glushkov's construction). The lower-case constructors (:func:`union`,
:func:`concat`, :func:`star`, :func:`plus`, :func:`opt`) simplify as they build, which Kleene's converse
(:mod:`neurosim.automata.kleene`) uses to print short expressions: no ``()()``, ``x x*`` becomes ``x+``,
``()|x`` becomes ``x?``, alternatives of single symbols become a class ``[ab]``, common prefixes and suffixes of
alternatives are factored out. :func:`to_text` prints any tree with the fewest parentheses that Python's ``re``
reads with the same meaning, so ``re.fullmatch`` can check what neurosim prints.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Chars", "Concat", "Empty", "Epsilon", "Node", "Opt", "Plus", "Star", "Union", "concat", "nullable",
           "opt", "plus", "positions", "star", "to_text", "union"]


@dataclass(frozen=True, slots=True)
class Empty:
    """∅: no string (printed ``(?!)``, which ``re`` reads as a match that always fails)."""


@dataclass(frozen=True, slots=True)
class Epsilon:
    """ε: the empty string (printed ``()``)."""


@dataclass(frozen=True, slots=True)
class Chars:
    """One symbol occurrence that reads any symbol of ``symbols``: ``a``, a class ``[abc]``, or ``.``."""

    symbols: frozenset[str]


@dataclass(frozen=True, slots=True)
class Concat:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Union:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Star:
    inner: Node


@dataclass(frozen=True, slots=True)
class Plus:
    inner: Node


@dataclass(frozen=True, slots=True)
class Opt:
    inner: Node


Node = Empty | Epsilon | Chars | Concat | Union | Star | Plus | Opt
EMPTY, EPSILON = Empty(), Epsilon()


def nullable(r: Node) -> bool:
    """Whether ``r`` matches the empty string."""
    if isinstance(r, Epsilon | Star | Opt):
        return True
    if isinstance(r, Empty | Chars):
        return False
    if isinstance(r, Concat):
        return all(nullable(p) for p in r.parts)
    if isinstance(r, Union):
        return any(nullable(p) for p in r.parts)
    return nullable(r.inner)  # Plus


def positions(r: Node) -> int:
    """m: the number of symbol occurrences (``Chars`` nodes) in the tree."""
    if isinstance(r, Chars):
        return 1
    if isinstance(r, Concat | Union):
        return sum(positions(p) for p in r.parts)
    if isinstance(r, Star | Plus | Opt):
        return positions(r.inner)
    return 0


# ---- simplifying constructors (for printing short expressions) -----------------------------------------------
def _seq(r: Node) -> tuple[Node, ...]:
    return r.parts if isinstance(r, Concat) else (r,)


def concat(*parts: Node) -> Node:
    """``parts`` one after another: ε dropped, ∅ absorbing, ``x x*`` and ``x* x`` as ``x+``."""
    out: list[Node] = []
    for p in parts:
        for q in _seq(p):
            if isinstance(q, Empty):
                return EMPTY
            if not isinstance(q, Epsilon):
                out.append(q)
                _fold_tail(out)
    if not out:
        return EPSILON
    return out[0] if len(out) == 1 else Concat(tuple(out))


def _fold_tail(out: list[Node]) -> None:
    """Rewrite the end of ``out`` after an append: ``x x*`` and ``x* x`` -> ``x+`` (``x`` may be a sequence:
    ``a b (ab)*`` -> ``(ab)+``), ``x* x*`` -> ``x*``, ``x* x+`` and ``x+ x*`` -> ``x+``."""
    last = out[-1]
    if isinstance(last, Star):
        body = _seq(last.inner)
        n = len(body)
        if len(out) > n and tuple(out[-1 - n:-1]) == body:
            del out[-1 - n:]
            out.append(Plus(last.inner))
            return
    for n in range(1, len(out)):
        cand = out[-1 - n]
        if isinstance(cand, Star) and _seq(cand.inner) == tuple(out[-n:]):
            del out[-1 - n:]
            out.append(Plus(cand.inner))
            return
    if len(out) >= 2:
        prev = out[-2]
        if isinstance(prev, Star | Plus) and isinstance(last, Star | Plus) and prev.inner == last.inner and not (
                isinstance(prev, Plus) and isinstance(last, Plus)):
            out[-2:] = [Star(last.inner) if isinstance(prev, Star) and isinstance(last, Star) else Plus(last.inner)]


def union(*parts: Node) -> Node:
    """Alternatives: ∅ dropped, repeats dropped, single-symbol alternatives merged into one class, ``()|x`` as
    ``x?``, and alternatives that start (or end) alike factored (``ab|ac`` -> ``a[bc]``)."""
    flat: list[Node] = []
    for p in parts:
        for q in (p.parts if isinstance(p, Union) else (p,)):
            if isinstance(q, Opt):  # x? | y  ==  () | x | y
                flat += [EPSILON, q.inner]
            elif not isinstance(q, Empty):
                flat.append(q)
    has_eps = any(isinstance(q, Epsilon) for q in flat)
    rest: list[Node] = []
    chars_at = None
    for q in flat:
        if isinstance(q, Epsilon) or q in rest:
            continue
        if isinstance(q, Chars):
            if chars_at is None:
                chars_at = len(rest)
                rest.append(q)
            else:
                rest[chars_at] = Chars(rest[chars_at].symbols | q.symbols)  # type: ignore[union-attr]
            continue
        rest.append(q)
    rest = _factor(_factor(rest, 0), -1)
    if has_eps and any(nullable(q) for q in rest):
        has_eps = False
    if not rest:
        return EPSILON if has_eps else EMPTY
    r = rest[0] if len(rest) == 1 else Union(tuple(rest))
    return opt(r) if has_eps else r


def _factor(alts: list[Node], end: int) -> list[Node]:
    """Group alternatives that share their first (``end=0``) or last (``end=-1``) factor: ``xa|xb`` -> ``x(a|b)``,
    ``x|xb`` -> ``xb?``. The group takes the place of its first member."""
    groups: dict[Node, list[int]] = {}
    for i, a in enumerate(alts):
        groups.setdefault(_seq(a)[end], []).append(i)
    out: list[Node] = []
    for i, a in enumerate(alts):
        key = _seq(a)[end]
        members = groups[key]
        if len(members) < 2:
            out.append(a)
        elif members[0] == i:
            tails = [concat(*(_seq(alts[j])[1:] if end == 0 else _seq(alts[j])[:-1])) for j in members]
            out.append(concat(key, union(*tails)) if end == 0 else concat(union(*tails), key))
    return out


def star(r: Node) -> Node:
    """``r*``: ``()*`` and ``∅*`` are ``()``, ``(x*)*`` is ``x*``, ``(x|y?)*`` is ``(x|y)*``, ``(x*y*)*`` is
    ``(x|y)*``."""
    if isinstance(r, Empty | Epsilon):
        return EPSILON
    if isinstance(r, Star):
        return r
    if isinstance(r, Plus | Opt):
        return star(r.inner)
    if isinstance(r, Union):
        u = union(*(p.inner if isinstance(p, Star | Plus | Opt) else p for p in r.parts))
        u = u.inner if isinstance(u, Opt) else u
        return Star(u) if isinstance(u, Union) else star(u)
    if isinstance(r, Concat) and all(nullable(p) for p in r.parts):
        return star(union(*r.parts))
    return Star(r)


def plus(r: Node) -> Node:
    """``r+``: ``x*`` stays ``x*``, ``(x?)+`` is ``x*``, a nullable ``x`` gives ``x*``."""
    if isinstance(r, Empty | Epsilon | Star | Plus):
        return r
    if nullable(r):
        return star(r)
    return Plus(r)


def opt(r: Node) -> Node:
    """``r?``: a nullable ``r`` stays as it is, ``(x+)?`` is ``x*``, ``∅?`` is ``()``."""
    if isinstance(r, Empty):
        return EPSILON
    if nullable(r):
        return r
    if isinstance(r, Plus):
        return Star(r.inner)
    return Opt(r)


# ---- printing ----------------------------------------------------------------------------------------------
_META = set(".^$*+?{}[]|()\\")
_CLASS_META = set("\\]^-[&~|")
_CONTROL = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v"}


def _escape(ch: str, meta: set[str]) -> str:
    if ch in meta:
        return "\\" + ch
    if ch in _CONTROL:
        return _CONTROL[ch]
    if not ch.isprintable():
        o = ord(ch)
        return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"
    return ch


def _class_text(symbols: frozenset[str]) -> str:
    """``[...]`` with runs of three or more consecutive code points written as ranges."""
    chars = sorted(symbols)
    if any(len(c) != 1 for c in chars):  # multi-character symbols: alternatives of literal strings
        return "(" + "|".join(_literal(c) for c in chars) + ")"
    out, i = [], 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{_escape(chars[i], _CLASS_META)}-{_escape(chars[j], _CLASS_META)}")
        else:
            out += [_escape(c, _CLASS_META) for c in chars[i:j + 1]]
        i = j + 1
    return "[" + "".join(out) + "]"


def _literal(sym: str) -> str:
    return "".join(_escape(c, _META) for c in sym)


def _prec(r: Node) -> int:
    if isinstance(r, Union):
        return 0
    if isinstance(r, Concat):
        return 1
    if isinstance(r, Star | Plus | Opt):
        return 2
    if isinstance(r, Chars) and len(r.symbols) == 1 and len(next(iter(r.symbols))) > 1:
        return 1  # a multi-character symbol prints as a sequence of characters
    return 3


def to_text(r: Node) -> str:
    """``r`` in the syntax of DESIGN.md §5 (which Python's ``re`` reads alike), with the fewest parentheses."""
    if isinstance(r, Empty):
        return "(?!)"
    if isinstance(r, Epsilon):
        return "()"
    if isinstance(r, Chars):
        if not r.symbols:
            return "(?!)"
        if len(r.symbols) == 1:
            return _literal(next(iter(r.symbols)))
        return _class_text(r.symbols)
    if isinstance(r, Union):
        return "|".join(_wrap(p, 1) for p in r.parts)
    if isinstance(r, Concat):
        return "".join(_wrap(p, 1 if not isinstance(p, Concat) else 2) for p in r.parts)
    op = "*" if isinstance(r, Star) else "+" if isinstance(r, Plus) else "?"
    return _wrap(r.inner, 3) + op


def _wrap(r: Node, need: int) -> str:
    text = to_text(r)
    return f"({text})" if _prec(r) < need else text
