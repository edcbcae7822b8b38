"""Berkeley PLA (espresso(5)) truth tables: a parser with exact error positions and a byte-stable writer.

Accepted, as Berkeley Espresso 2.3 reads them: ``.i .o .ilb .ob .p .type .e`` (``.end`` too), blank lines,
``#`` comments (a line of its own, or after a cube or a keyword's arguments), lines before the size is known
(``.i`` and ``.o``), which Espresso skips (with a warning here), and cubes written ``input output`` with or
without blanks or ``|`` between the planes. Espresso's character codes are followed:
input plane ``0 1 -`` (``2`` = ``-``; ``?`` = the empty cube, a row that covers nothing and is dropped); output
plane ``1``/``4`` = 1, ``0``/``3`` = 0, ``-``/``2`` = don't care, ``~`` = no meaning. A ``.p`` count that does not
match the rows is a warning, as espresso ignores it; keywords espresso would pass through are ignored with a
warning; multi-valued and symbolic keywords (``.mv``, ``.label``, ``.kiss``, ``.symbolic``...) and ``.phase``/
``.pair`` are refused. Names in ``.ilb``/``.ob`` may hold any non-blank characters, as in Espresso
(``CWP+1[2]``): the table (and so the net) uses a safe identifier for each (``CWP_1[2]``; ``di<11>`` becomes
``di[11]``, the bus notation MP nets use) and keeps the original in :attr:`TruthTable.labels`, which the PLA
writer writes back. Sizes above :data:`MAX_TABLE_INPUTS` inputs or :data:`MAX_TABLE_OUTPUTS` outputs are
refused where ``.i``/``.o`` declares them, before anything is allocated.

Notes
-----
R. Rudell, espresso(5), the input file format of Espresso 2.3 (UC Berkeley, 1986-88).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..core import fresh_name, is_name
from ..errors import DataError, ParseError
from ..logic import TYPES, TruthTable
from ._table_rows import MAX_TABLE_INPUTS, MAX_TABLE_OUTPUTS, emit_warning
from .source import check_text

__all__ = ["parse_pla", "write_pla"]

_IN_CODES = {"0": "0", "1": "1", "-": "-", "2": "-", "?": "?"}
_OUT_CODES = {"1": "1", "4": "1", "0": "0", "3": "0", "-": "-", "2": "-", "~": "~"}
_REFUSED = {
    ".mv": "multi-valued", ".label": "multi-valued", ".kiss": "multi-valued (KISS state machine)",
    ".symbolic": "symbolic (multi-valued)", ".symbolic-output": "symbolic (multi-valued)",
    ".phase": "output-phase", ".pair": "input-pairing",
}
_HEADER = (".i", ".o", ".ilb", ".ob", ".type")
_COUNT = re.compile(r"[0-9]{1,18}")  # ASCII digits only ('²'.isdigit() is True), and few enough to convert
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\[\]:-]")


def parse_pla(text: str, *, source: str = "<string>",
              warn: Callable[[str], None] | None = None) -> TruthTable:
    """Parse a Berkeley PLA file.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        Name cited in error messages (``file:line:col: ...``).
    warn : callable, optional
        Receives warnings (a wrong ``.p`` count, an ignored keyword); :func:`warnings.warn` when None.

    Returns
    -------
    TruthTable
        The cubes as written (type from ``.type``, default ``fd``); inputs named from ``.ilb`` or ``x0 ..``,
        outputs from ``.ob`` or ``y0 ..``.

    Raises
    ------
    ParseError
        With the line and column of the culprit.
    """
    check_text(text, source)
    st = _State(source)
    for lineno, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        col = len(line) - len(line.lstrip()) + 1
        if stripped.startswith("."):
            st.check_pending()
            if st.keyword(stripped, lineno, col, warn):
                break
        elif st.n is None or st.m is None:  # Espresso skips what comes before the size is known
            st.seen_any = True
            emit_warning(warn, f"{source}:{lineno}:{col}: ignored a line before .i and .o (as Espresso does)")
        else:
            st.cube(line.split("#", 1)[0], lineno)  # no cube character is '#': the rest is a comment
    st.check_pending()
    return st.finish(warn)


class _State:
    """The parser's state while it walks the lines."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.n: int | None = None
        self.m: int | None = None
        self.ilb: list[str] | None = None
        self.ob: list[str] | None = None
        self.type = "fd"
        self.p: tuple[int, int] | None = None  # (count, line)
        self.rows: list[tuple[str, str]] = []
        self.lines: list[int] = []
        self.n_terms = 0
        self.seen_any = False
        self.pending: list[tuple[str, int, int]] = []  # characters of a term that spans lines

    def error(self, message: str, line: int | None = None, col: int | None = None) -> ParseError:
        return ParseError(message, self.source, line, col)

    # ---- keywords --------------------------------------------------------------------------------------
    def keyword(self, text: str, line: int, col: int, warn) -> bool:
        """Handle one keyword line; True at ``.e``/``.end``."""
        self.seen_any = True
        parts = text.split()
        word = parts[0]
        args = parts[1:]
        if word not in (".ilb", ".ob"):  # names may hold '#'; elsewhere a word starting with '#' opens a comment
            cut = next((k for k, a in enumerate(args) if a.startswith("#")), len(args))
            args = args[:cut]
        arg_col = col + len(word) + (len(text[len(word):]) - len(text[len(word):].lstrip()))
        if word in (".e", ".end"):
            return True
        if word in _REFUSED:
            raise self.error(f"{_REFUSED[word]} PLA keyword {word} is not supported (binary-valued PLAs "
                             f"only: .i .o .ilb .ob .p .type .e)", line, col)
        if word in _HEADER and self.n_terms:
            raise self.error(f"expected {word} before the first product term", line, col)
        if word in (".i", ".o"):
            value = self._count(word, args, line, arg_col, minimum=0 if word == ".i" else 1)
            if (self.n if word == ".i" else self.m) is not None:
                raise self.error(f"{word} given twice", line, col)
            if word == ".i":
                self.n = value
            else:
                self.m = value
        elif word in (".ilb", ".ob"):
            self._labels(word, text, args, line, col)
        elif word == ".type":
            if len(args) != 1 or args[0] not in TYPES:
                found = " ".join(args) or "nothing"
                raise self.error(f"expected .type f, fd, fr or fdr, found {found!r}", line, arg_col)
            self.type = args[0]
        elif word == ".p":
            self.p = (self._count(word, args, line, arg_col, minimum=0), line)
        else:
            emit_warning(warn, f"{self.source}:{line}:{col}: ignored unknown PLA keyword {word}")
        return False

    def _count(self, word: str, args: list[str], line: int, col: int, minimum: int) -> int:
        if len(args) != 1 or not _COUNT.fullmatch(args[0]) or int(args[0]) < minimum:
            found = " ".join(args) or "nothing"
            if len(args) == 1 and args[0].isascii() and args[0].isdigit():
                found = f"a number of {len(args[0]):,} digits"
                raise self.error(f"expected a whole number ≥ {minimum} after {word}, found {found}", line, col)
            raise self.error(f"expected a whole number ≥ {minimum} after {word}, found {found[:40]!r}", line, col)
        value = int(args[0])
        limit = {".i": MAX_TABLE_INPUTS, ".o": MAX_TABLE_OUTPUTS}.get(word)
        if limit is not None and value > limit:
            what = "inputs" if word == ".i" else "outputs"
            raise self.error(f"{word} {value:,} declares more {what} than the {limit:,} a truth table may have",
                             line, col)
        return value

    def _labels(self, word: str, text: str, args: list[str], line: int, col: int) -> None:
        count = self.n if word == ".ilb" else self.m
        what = "input" if word == ".ilb" else "output"
        if count is None:
            raise self.error(f"expected {'.i' if word == '.ilb' else '.o'} before {word}", line, col)
        # Espresso reads exactly `count` words (any non-blank characters); a word after them opens a comment
        if len(args) > count and args[count].startswith("#"):
            args = args[:count]
        if len(args) != count:
            raise self.error(f"expected {count} {what} names after {word}, found {len(args)}", line, col)
        names = []
        pos = col + len(word)
        for arg in args:
            pos = text.index(arg, pos - col) + col
            if arg in names or (word == ".ob" and arg in (self.ilb or ())):
                raise self.error(f"{what} name {arg!r} is used twice; names must be unique", line, pos)
            names.append(arg)
            pos += len(arg)
        if word == ".ilb":
            self.ilb = names
        else:
            self.ob = names

    # ---- product terms ---------------------------------------------------------------------------------
    def cube(self, line: str, lineno: int) -> None:
        """Read a product term, or the next part of one that spans lines (espresso allows that)."""
        self.seen_any = True
        if self.n is None or self.m is None:
            col = len(line) - len(line.lstrip()) + 1
            raise self.error("expected .i and .o before the first product term", lineno, col)
        n, m = self.n, self.m
        tokens = [(mt.group(), mt.start() + 1) for mt in re.finditer(r"[^\s|]+", line)]
        chars = [(ch, lineno, c0 + k) for tok, c0 in tokens for k, ch in enumerate(tok)]
        if self.pending and len(tokens) > 1:  # a line of its own planes starts a new term: the last was short
            self.check_pending()
        if self.pending:
            chars = self.pending + chars
            if len(chars) > n + m:
                first = self.pending[0]
                raise self.error(f"expected {n} input and {m} output characters, found {len(chars)} in all "
                                 f"(the term continues from line {first[1]})", lineno, chars[n + m][2])
        elif len(tokens) == 2 and len(tokens[0][0]) != n:
            raise self.error(f"expected {n} input characters, found {len(tokens[0][0])}", lineno, tokens[0][1])
        elif len(tokens) == 2 and len(tokens[1][0]) > m:
            raise self.error(f"expected {m} output characters, found {len(tokens[1][0])}", lineno,
                             tokens[1][1])
        elif len(chars) > n + m:
            raise self.error(f"expected {n} input and {m} output characters, found {len(chars)} in all",
                             lineno, chars[n + m][2])
        if len(chars) < n + m:  # the term goes on on the next line
            self.pending = chars
            return
        self.pending = []
        self._term(chars, n)

    def _term(self, chars: list[tuple[str, int, int]], n: int) -> None:
        cube = []
        for ch, line, c in chars[:n]:
            code = _IN_CODES.get(ch)
            if code is None:
                raise self.error(f"expected 0, 1, - or 2 in the input plane, found {ch!r}", line, c)
            cube.append(code)
        out = []
        for ch, line, c in chars[n:]:
            code = _OUT_CODES.get(ch)
            if code is None:
                raise self.error(f"expected 0, 1, -, ~ (or 2, 3, 4) in the output plane, found {ch!r}", line, c)
            out.append(code)
        self.n_terms += 1
        if "?" in cube:  # espresso's empty cube: it covers no input row
            return
        self.rows.append(("".join(cube), "".join(out)))
        self.lines.append(chars[0][1])

    def check_pending(self) -> None:
        """A term left unfinished by a keyword or the end of the file is too short."""
        if self.pending:
            n, m = self.n or 0, self.m or 0
            _, line, col = self.pending[n] if len(self.pending) > n else self.pending[0]
            if len(self.pending) < n:
                msg = f"expected {n} input characters, found {len(self.pending)}"
            else:
                msg = f"expected {m} output characters, found {len(self.pending) - n}"
            raise self.error(msg, line, col)

    # ---- end -------------------------------------------------------------------------------------------
    def finish(self, warn) -> TruthTable:
        if not self.seen_any:
            raise self.error("empty PLA file: expected .i, .o and product terms")
        if self.n is None or self.m is None:
            missing = " and ".join(k for k, v in ((".i", self.n), (".o", self.m)) if v is None)
            raise self.error(f"expected {missing} (the PLA's size)")
        if self.p is not None and self.p[0] != self.n_terms:
            emit_warning(warn, f"{self.source}:{self.p[1]}: .p says {self.p[0]} product terms, "
                               f"found {self.n_terms}")
        written = [*(self.ilb or [f"x{i}" for i in range(self.n)]), *(self.ob or [f"y{j}" for j in range(self.m)])]
        safe = safe_names(written)
        inputs, outputs = tuple(safe[:self.n]), tuple(safe[self.n:])
        labels = tuple((a, b) for a, b in zip(safe, written, strict=True) if a != b)
        try:
            base = TruthTable(inputs, outputs, tuple(self.rows), "fd")  # fd: no ON/OFF check yet
        except DataError as exc:
            raise self.error(str(exc)) from None
        clash = base.on_off_conflict(self.type)
        if clash is not None:
            j, a, b = clash
            late, early = max(a, b), min(a, b)
            raise self.error(f"row conflicts with line {self.lines[early]} (output {outputs[j]}: ON-set and "
                             f"OFF-set meet; cubes {self.rows[early][0]} and {self.rows[late][0]})",
                             self.lines[late], 1)
        return TruthTable(inputs, outputs, base.rows, self.type, labels)


def safe_names(names: list[str]) -> list[str]:
    """Identifiers for PLA names, one each, all distinct: a name that is one is kept; ``<``/``>`` become
    ``[``/``]`` (``di<11>`` -> ``di[11]``); any other character an identifier cannot hold becomes ``_``, and a
    name that does not start with a letter or ``_`` gets a ``_`` in front; clashes get a number (``a_b1``)."""
    taken = {n for n in names if is_name(n)}
    out = []
    for name in names:
        if is_name(name):
            out.append(name)
            continue
        base = _UNSAFE.sub("_", name.replace("<", "[").replace(">", "]"))
        if not is_name(base):
            base = "_" + base
        new = fresh_name(base, taken)
        taken.add(new)
        out.append(new)
    return out


def write_pla(table: TruthTable) -> str:
    """The table as PLA text: ``.i .o .ilb .ob .type .p``, one row per cube, ``.e``. Byte-stable.

    Notes
    -----
    ``parse_pla(write_pla(t)) == t`` for every table (the rows are written exactly as held).
    """
    lines = [f".i {table.n_inputs}", f".o {table.n_outputs}"]
    if table.n_inputs:
        lines.append(".ilb " + " ".join(map(table.label, table.inputs)))
    lines.append(".ob " + " ".join(map(table.label, table.outputs)))
    lines.append(f".type {table.type}")
    lines.append(f".p {len(table.rows)}")
    lines.extend(f"{cube} {out}" if cube else out for cube, out in table.rows)
    lines.append(".e")
    return "\n".join(lines) + "\n"
