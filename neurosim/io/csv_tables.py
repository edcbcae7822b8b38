"""CSV truth tables: a header of names, then one row per input row (or cube), with ``|`` between the planes.

::

    a,b,cin,|,s,cout
    0,0,0,|,0,0
    0,0,1,|,1,0

The header is required. A ``|`` column (or a ``|`` anywhere in the header) splits inputs from outputs; without
one, ``outputs=`` names the output columns, else the last column is the single output. Values are ``0``, ``1``
and don't-care ``-``/``x`` (an input ``-`` makes the row a cube; an output ``-`` a don't-care). Blanks around
cells and double quotes around a cell are ignored, as are blank lines and lines starting with ``#``; ``,`` is
the delimiter (``;`` or a tab when the header has no comma).

Notes
-----
Rows that repeat an input row must agree (identical duplicates are fine); rows that overlap may not give one
input row both 1 and 0. Input rows no row covers follow ``missing``: 0 (the default), don't-care, or an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core import check_name
from ..errors import DataError, ParseError
from ..logic import TruthTable
from ._table_rows import MAX_TABLE_INPUTS, MAX_TABLE_OUTPUTS, Row, build_row_table, listing_rows
from .source import check_text

__all__ = ["parse_csv", "write_csv"]

_VALUES = {"0": "0", "1": "1", "-": "-", "x": "-", "X": "-"}

Cell = tuple[str, int]  # (stripped text, 1-based column of its first character)


def _split(line: str, delim: str) -> list[list[Cell]]:
    """Cells of a line, grouped by ``|``: one group, or two (inputs, outputs), or more (an error later)."""
    groups: list[list[Cell]] = []
    line = line.replace('"|"', " | ")  # a quoted bar is still the bar (same length: columns stay right)
    seg_start = 0
    segments = []
    for k, ch in enumerate(line + "|"):
        if ch == "|":
            segments.append((line[seg_start:k], seg_start))
            seg_start = k + 1
    for idx, (seg, off) in enumerate(segments):
        cells: list[Cell] = []
        pos = 0
        parts = seg.split(delim)
        for part in parts:
            lead = len(part) - len(part.lstrip())
            cell = part.strip()
            if len(cell) >= 2 and cell[0] == cell[-1] == '"':  # spreadsheets quote cells: "a","b"
                cell, lead = cell[1:-1].strip(), lead + 1
            cells.append((cell, off + pos + lead + 1))
            pos += len(part) + 1
        # a delimiter written next to the bar ("a,b,|,s") leaves an empty cell there: not a column
        if idx > 0 and len(cells) > 1 and cells[0][0] == "":
            cells.pop(0)
        if idx < len(segments) - 1 and len(cells) > 1 and cells[-1][0] == "":
            cells.pop()
        if len(segments) > 1 and len(cells) == 1 and cells[0][0] == "":
            cells = []
        groups.append(cells)
    return groups


def parse_csv(text: str, *, source: str = "<string>", outputs: Sequence[str] | None = None,
              missing: str = "zero", warn: Callable[[str], None] | None = None) -> TruthTable:
    """Parse a CSV truth table.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        Name cited in error messages.
    outputs : sequence of str, optional
        Output column names: with a ``|`` header they pick (and order) a subset of its outputs; without one
        they say which columns are outputs (the others are inputs, in file order).
    missing : {"zero", "dc", "error"}
        Meaning of input rows no row covers; ``warn`` is called once with their number.
    warn : callable, optional
        Receives warnings; :func:`warnings.warn` when None.

    Returns
    -------
    TruthTable
        The rows as given (type ``fd``, or ``fdr`` for ``missing="dc"`` with gaps).
    """
    check_text(text.removeprefix("\ufeff"), source)
    lines = [(k, raw.rstrip("\r")) for k, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1)]
    body = [(k, line) for k, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        raise ParseError("empty CSV file: expected a header of column names, then rows", source)
    head_no, header = body[0]
    delim = "," if "," in header or not (";" in header or "\t" in header) else (";" if ";" in header else "\t")
    groups = _split(header, delim)
    if len(groups) > 2:
        raise ParseError("expected at most one '|' in the header", source, head_no, _bar_col(header, 1))
    names: list[Cell] = [c for g in groups for c in g]
    seen: dict[str, int] = {}
    for name, col in names:
        if not name:
            raise ParseError(f"column {len(seen) + 1} has no name (empty header cell)", source, head_no, col)
        try:
            check_name(name, "column")
        except DataError as exc:
            raise ParseError(f"column {len(seen) + 1}: {exc}", source, head_no, col) from None
        if name in seen:
            raise ParseError(f"column name {name!r} is used twice (also column {seen[name] + 1})",
                             source, head_no, col)
        seen[name] = len(seen)
    in_idx, out_idx, keep = _plan(groups, outputs, source, head_no)
    for idx, limit, what in ((in_idx, MAX_TABLE_INPUTS, "input"), (out_idx, MAX_TABLE_OUTPUTS, "output")):
        if len(idx) > limit:
            raise ParseError(f"{len(idx):,} {what} columns, more than the {limit:,} a truth table may have",
                             source, head_no, names[idx[limit]][1])
    width = len(names)
    bar_at = len(groups[0]) if len(groups) == 2 else None
    col_names = [name for name, _ in names]
    rows: list[Row] = []
    for k, line in body[1:]:
        cells = _row_cells(line, delim, width, bar_at, source, k)
        values = []
        for j, (cell, col) in enumerate(cells):
            code = _VALUES.get(cell)
            if code is None:
                raise ParseError(f"expected 0, 1, - or x for {col_names[j]!r}, found {cell!r}", source, k, col)
            values.append(code)
        rows.append(Row("".join(values[i] for i in in_idx), "".join(values[j] for j in out_idx), k))
    if not rows:
        raise ParseError("expected rows after the header, found none", source, head_no + 1, 1)
    table = build_row_table([col_names[i] for i in in_idx], [col_names[j] for j in out_idx], rows,
                            source=source, missing=missing, warn=warn)
    return table if keep is None else table.select_outputs(keep)


def _bar_col(line: str, which: int) -> int:
    pos = -1
    for _ in range(which + 1):
        pos = line.index("|", pos + 1)
    return pos + 1


def _plan(groups, outputs, source, head_no) -> tuple[list[int], list[int], list[str] | None]:
    """Column indices of inputs and outputs, and the outputs to keep (None = all)."""
    names = [c[0] for g in groups for c in g]
    wanted = list(outputs) if outputs is not None else None
    if len(groups) == 2:
        n_in = len(groups[0])
        if not groups[1]:
            raise ParseError("expected output names after '|', found none", source, head_no,
                             _bar_col_from(groups))
        out_names = names[n_in:]
        if wanted is not None:
            for name in wanted:
                if name not in out_names:
                    raise ParseError(f"no output column named {name!r} (outputs: {', '.join(out_names)})",
                                     source, head_no, 1)
        return list(range(n_in)), list(range(n_in, len(names))), wanted
    if wanted is not None:
        for name in wanted:
            if name not in names:
                raise ParseError(f"no column named {name!r} (columns: {', '.join(names)})", source, head_no, 1)
        if len(set(wanted)) != len(wanted):
            raise ParseError("an output is named twice in outputs", source, head_no, 1)
        out_idx = [names.index(name) for name in wanted]
        return [i for i in range(len(names)) if i not in out_idx], out_idx, None
    return list(range(len(names) - 1)), [len(names) - 1], None


def _bar_col_from(groups) -> int:
    return groups[0][-1][1] + len(groups[0][-1][0]) + 1 if groups[0] else 1


def _row_cells(line: str, delim: str, width: int, bar_at: int | None, source: str, k: int) -> list[Cell]:
    groups = _split(line, delim)
    if len(groups) > 2:
        raise ParseError("expected at most one '|' in a row", source, k, _bar_col(line, 1))
    cells = [c for g in groups for c in g]
    if len(groups) == 2 and bar_at is not None and len(groups[0]) != bar_at:
        found = len(groups[0])
        col = groups[0][bar_at][1] if found > bar_at else _bar_col(line, 0)
        raise ParseError(f"expected {bar_at} input values before '|', found {found}", source, k, col)
    if len(cells) != width:
        col = cells[width][1] if len(cells) > width else len(line.rstrip()) + 1
        raise ParseError(f"expected {width} values (as many as header columns), found {len(cells)}",
                         source, k, col)
    return cells


def write_csv(table: TruthTable) -> str:
    """The table as CSV with a ``|`` column between inputs and outputs. Byte-stable.

    Rows are the table's cubes when they read back the same (don't-care ``-``); otherwise the full truth table
    is listed (refused above 16 inputs: write PLA).
    """
    lines = [",".join([*table.inputs, "|", *table.outputs])]
    for cube, out in listing_rows(table):
        lines.append(",".join([*cube, "|", *out]))
    return "\n".join(lines) + "\n"
