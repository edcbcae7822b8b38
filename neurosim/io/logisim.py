"""Logisim-evolution text truth tables (``Project > Analyze Circuit > Table > Export``): reader and writer.

::

    # Truth table
     a  b[1..0] |  s  c
    ~~~~~~~~~~~~~~~~~~~~
     0    00    |  0  0
     1    1-    |  x  1

Columns are separated by blanks, inputs from outputs by a ``|`` column. A name ``b[1..0]`` is a 2-bit column,
read as the bits ``b[1]`` (most significant) and ``b[0]``; its values are written in binary (or hex, when the
width of the text is the number of hex digits). ``x``/``X``/``-`` is a don't-care: in inputs a cube, in outputs
a don't-care. ``#`` starts a comment; blank lines and separator lines (``~~~``, ``---``, ``===``) are skipped.

Notes
-----
Follows ``TruthtableTextFile`` of Logisim-evolution (com.cburch.logisim.analyze.file), which writes this format
and reads it back; rows that no line covers follow ``missing`` as for CSV.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..core import check_name
from ..errors import DataError, ParseError
from ..logic import TruthTable
from ._table_rows import MAX_TABLE_INPUTS, MAX_TABLE_OUTPUTS, Row, build_row_table, listing_rows
from .source import check_text

__all__ = ["parse_logisim", "write_logisim"]

_SEPARATOR = re.compile(r"^[~_=-][ ~_=|-]*$")
_BUS = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\[([0-9]{1,18})\.\.([0-9]{1,18})\]$")  # ASCII digits, convertible
_SIMPLE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_BITS = {"0": "0", "1": "1", "x": "-", "X": "-", "-": "-"}


def _tokens(line: str) -> list[tuple[str, int]]:
    """Blank-separated tokens with their 1-based columns; ``|`` is always a token of its own."""
    out = []
    for m in re.finditer(r"\|[^\S\n]*|[^\s|]+", line):
        out.append((m.group().strip(), m.start() + 1))
    return out


def _columns(tokens, source, lineno) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Header tokens -> (input columns, output columns) as (base name, width) with bit names expanded later."""
    sides: list[list[tuple[str, int]]] = [[], []]
    side = 0
    for tok, col in tokens:
        if tok == "|":
            if side:
                raise ParseError("expected one '|' between inputs and outputs, found a second", source, lineno, col)
            side = 1
            continue
        bus = _BUS.match(tok)
        if bus:
            hi, lo = int(bus.group(2)), int(bus.group(3))
            if hi <= lo:
                raise ParseError(f"expected a bit range like {bus.group(1)}[3..0] (high..low), found {tok!r}",
                                 source, lineno, col)
            limit = MAX_TABLE_INPUTS if side == 0 else MAX_TABLE_OUTPUTS
            if hi - lo + 1 > limit:
                raise ParseError(f"{tok!r} is a {hi - lo + 1:,}-bit column, more than the {limit:,} "
                                 f"{'inputs' if side == 0 else 'outputs'} a truth table may have",
                                 source, lineno, col)
            for b in range(hi, lo - 1, -1):
                _check(f"{bus.group(1)}[{b}]", source, lineno, col)
            sides[side].append((tok, hi - lo + 1))
        else:
            _check(tok, source, lineno, col)
            sides[side].append((tok, 1))
        width = sum(w for _, w in sides[side])
        limit = MAX_TABLE_INPUTS if side == 0 else MAX_TABLE_OUTPUTS
        if width > limit:
            raise ParseError(f"{width:,} {'input' if side == 0 else 'output'} bits, more than the {limit:,} a truth "
                             "table may have", source, lineno, col)
    if not side:
        raise ParseError("expected '|' between input and output names in the header", source, lineno,
                         tokens[-1][1] + len(tokens[-1][0]))
    bar_col = next(col for tok, col in tokens if tok == "|")
    if not sides[0]:
        raise ParseError("expected input names before '|', found none", source, lineno, bar_col)
    if not sides[1]:
        raise ParseError("expected output names after '|', found none", source, lineno, bar_col + 1)
    return sides[0], sides[1]


def _check(name: str, source: str, lineno: int, col: int) -> None:
    try:
        check_name(name, "column")
    except DataError as exc:
        raise ParseError(str(exc), source, lineno, col) from None


def _bit_names(cols: list[tuple[str, int]]) -> list[str]:
    names = []
    for tok, _width in cols:
        bus = _BUS.match(tok)
        if bus:
            hi, lo = int(bus.group(2)), int(bus.group(3))
            names.extend(f"{bus.group(1)}[{b}]" for b in range(hi, lo - 1, -1))
        else:
            names.append(tok)
    return names


def _value(tok: str, width: int, name: str, source: str, lineno: int, col: int) -> str:
    """Bits (over 01-) of one cell: binary of the column's width, or hex digits."""
    if len(tok) == width:
        bits = []
        for k, ch in enumerate(tok):
            if ch not in _BITS:
                raise ParseError(f"expected 0, 1, x or - in column {name}, found {ch!r}", source, lineno, col + k)
            bits.append(_BITS[ch])
        return "".join(bits)
    digits = (width + 3) // 4
    if len(tok) != digits:
        raise ParseError(f"expected {width} bits (or {digits} hex digits) in column {name}, found {tok!r}",
                         source, lineno, col)
    bits = []
    for k, ch in enumerate(tok):
        if ch in "xX-":
            bits.append("-" * 4)
            continue
        try:
            d = int(ch, 16)
        except ValueError:
            raise ParseError(f"expected a hex digit or x in column {name}, found {ch!r}", source, lineno,
                             col + k) from None
        bits.append(format(d, "04b"))
    text = "".join(bits)
    extra = len(text) - width
    if "1" in text[:extra]:
        raise ParseError(f"hex value {tok!r} has more than {width} bits for column {name}", source, lineno, col)
    return text[extra:]


def parse_logisim(text: str, *, source: str = "<string>", outputs: Sequence[str] | None = None,
                  missing: str = "zero", warn: Callable[[str], None] | None = None) -> TruthTable:
    """Parse a Logisim-evolution text truth table.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        Name cited in error messages.
    outputs : sequence of str, optional
        Output bit names to keep, in this order (default: all).
    missing : {"zero", "dc", "error"}
        Meaning of input rows no line covers; ``warn`` is called once with their number.
    warn : callable, optional
        Receives warnings; :func:`warnings.warn` when None.

    Returns
    -------
    TruthTable
        One input per bit (``b[1..0]`` gives ``b[1]``, ``b[0]``), rows as given (type ``fd``, or ``fdr`` for
        ``missing="dc"`` with gaps).
    """
    check_text(text, source)
    header = None
    rows: list[Row] = []
    for lineno, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.split("#", 1)[0].rstrip("\r")
        if not line.strip() or _SEPARATOR.match(line.strip()):
            continue
        tokens = _tokens(line)
        if header is None:
            ins, outs = _columns(tokens, source, lineno)
            header = (ins, outs, lineno)
            continue
        ins, outs, _ = header
        rows.append(_row(tokens, ins, outs, source, lineno, line))
    if header is None:
        raise ParseError("empty truth table: expected a header 'inputs | outputs', then rows", source)
    ins, outs, head_no = header
    if not rows:
        raise ParseError("expected rows after the header, found none", source, head_no + 1, 1)
    in_names, out_names = _bit_names(ins), _bit_names(outs)
    dup = _first_duplicate(in_names + out_names)
    if dup is not None:
        raise ParseError(f"column name {dup!r} is used twice", source, head_no, 1)
    table = build_row_table(in_names, out_names, rows, source=source, missing=missing, warn=warn)
    if outputs is None:
        return table
    for name in outputs:
        if name not in out_names:
            raise ParseError(f"no output named {name!r} (outputs: {', '.join(out_names)})", source, head_no, 1)
    return table.select_outputs(outputs)


def _first_duplicate(names: list[str]) -> str | None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return None


def _row(tokens, ins, outs, source, lineno, line) -> Row:
    cube, out = [], []
    k = 0
    for target, cols, what in ((cube, ins, "input"), (out, outs, "output")):
        for name, width in cols:
            if k >= len(tokens) or tokens[k][0] == "|":
                col = tokens[k][1] if k < len(tokens) else len(line.rstrip()) + 1
                raise ParseError(f"expected {len(cols)} {what} columns, found fewer (no value for {name})",
                                 source, lineno, col)
            target.append(_value(tokens[k][0], width, name, source, lineno, tokens[k][1]))
            k += 1
        if what == "input":
            if k >= len(tokens):
                raise ParseError("expected '|' after the input columns", source, lineno, len(line.rstrip()) + 1)
            if tokens[k][0] != "|":
                raise ParseError(f"expected '|' after {len(ins)} input columns, found {tokens[k][0]!r}",
                                 source, lineno, tokens[k][1])
            k += 1
    if k < len(tokens):
        raise ParseError(f"expected {len(outs)} output columns, found more ({tokens[k][0]!r})", source, lineno,
                         tokens[k][1])
    return Row("".join(cube), "".join(out), lineno)


def _group(names: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive bits ``p[3] p[2] p[1] p[0]`` -> one column ``p[3..0]``; names Logisim cannot read refused."""
    cols: list[tuple[str, int]] = []
    k = 0
    while k < len(names):
        m = re.match(r"^([A-Za-z][A-Za-z0-9_]*)\[([0-9]{1,18})\]$", names[k])
        if m:
            base, hi = m.group(1), int(m.group(2))
            width = 1
            while (k + width < len(names) and hi - width >= 0
                   and names[k + width] == f"{base}[{hi - width}]"):
                width += 1
            if hi - width + 1 == 0 and width > 1:
                cols.append((f"{base}[{hi}..0]", width))
                k += width
                continue
        if not _SIMPLE.match(names[k]):
            raise DataError(f"name {names[k]!r} cannot be written in a Logisim-evolution table (letters, digits "
                            f"and '_' only, or whole buses name[N..0])")
        cols.append((names[k], 1))
        k += 1
    return cols


def write_logisim(table: TruthTable) -> str:
    """The table in Logisim-evolution's text format (columns centred as Logisim writes them). Byte-stable.

    Input don't-cares are written ``-``, output don't-cares ``x``.
    """
    ins, outs = _group(table.inputs), _group(table.outputs)
    if not ins:
        raise DataError("a Logisim-evolution table needs at least one input, found none")
    cols = ins + outs
    widths = [max(len(name), w) for name, w in cols]
    lines = ["# Truth table", "# Written by neurosim; Logisim-evolution reads it with Table > Import", ""]
    head = [_center(name, widths[i]) + " " for i, (name, _) in enumerate(ins)]
    head.append("|")
    head += [" " + _center(name, widths[len(ins) + i]) for i, (name, _) in enumerate(outs)]
    lines.append("".join(head).rstrip())
    lines.append("~" * (sum(w + 1 for w in widths) + 1))
    for cube, out in listing_rows(table):
        cells, pos = [], 0
        for i, (_, w) in enumerate(ins):
            cells.append(_center(cube[pos:pos + w], widths[i]) + " ")
            pos += w
        cells.append("|")
        pos = 0
        for i, (_, w) in enumerate(outs):
            cells.append(" " + _center(out[pos:pos + w].replace("-", "x"), widths[len(ins) + i]))
            pos += w
        lines.append("".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _center(s: str, n: int) -> str:
    pad = n - len(s)
    if pad <= 0:
        return s
    return " " * (pad // 2) + s + " " * (pad - pad // 2)
