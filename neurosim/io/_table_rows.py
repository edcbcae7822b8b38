"""What the row-oriented table formats (CSV, Logisim-evolution text) share: text checks, conflicting and
missing rows, and the explicit row listing their writers print.

Notes
-----
Rows are cubes (an input may be ``-``), read like one PLA row each; the three missing-row policies follow the
issue note for ``neurosim compile --missing zero|dc|error``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import DataError, ParseError
from ..logic import TruthTable, cube_ints, first_intersection, uncovered_cubes

__all__ = ["MAX_TABLE_INPUTS", "MAX_TABLE_OUTPUTS", "MISSING_POLICIES", "Row", "build_row_table", "count_text",
           "emit_warning", "listing_rows"]

MISSING_POLICIES = ("zero", "dc", "error")
#: the most inputs and outputs a truth table read from a file may declare: 30 times the widest MCNC benchmark
#: (130 inputs, 117 outputs), and small enough that names and cubes stay proportional to the file
MAX_TABLE_INPUTS = 4096
MAX_TABLE_OUTPUTS = 4096
MAX_LISTING_INPUTS = 16  # a writer falls back to the full 2**n listing only up to this many inputs


@dataclass(frozen=True, slots=True)
class Row:
    """One parsed row: input cube over ``01-``, outputs over ``01-``, and where it was read."""

    cube: str
    out: str
    line: int


def emit_warning(warn: Callable[[str], None] | None, message: str) -> None:
    """Send ``message`` to ``warn``, or to :func:`warnings.warn` when no callback is given."""
    if warn is not None:
        warn(message)
    else:
        warnings.warn(message, UserWarning, stacklevel=3)


def count_text(value: int, n: int | None = None) -> str:
    """A count for a message: exact up to 10**15; beyond, ``2**n`` or ``2**n − k`` when it is that, else
    ``about 1.2e+4515`` (Python refuses to print integers of more than 4,300 digits, and nobody reads them)."""
    if value < 10**15:
        return str(value)
    if n is not None and 0 <= (1 << n) - value < 10**15:
        rest = (1 << n) - value
        return f"2**{n}" if rest == 0 else f"2**{n} − {rest}"
    exp = math.floor(math.log10(value))
    lead = value >> max(0, value.bit_length() - 60)  # the top 60 bits carry the leading digits
    mant = lead * 2.0 ** max(0, value.bit_length() - 60) / 10.0 ** exp if exp < 300 else \
        10 ** (math.log10(value) - exp)
    return f"about {mant:.2f}e+{exp}"


def _describe(inputs: Sequence[str], row: int) -> str:
    n = len(inputs)
    if n > 64:  # name the inputs that are 1, a few of them
        ones = [inputs[i] for i in range(n) if (row >> (n - 1 - i)) & 1]
        shown = ", ".join(ones[:8]) + (", ..." if len(ones) > 8 else "")
        return f"the row with {shown} at 1 and the other inputs at 0" if ones else "the row of all zeros"
    if n > 8:  # a long list of name=bit pairs stops being readable: give the row index and its bits
        return f"row {row} = {format(row, f'0{n}b')} over {inputs[0]}..{inputs[-1]}"
    return " ".join(f"{name}={(row >> (n - 1 - i)) & 1}" for i, name in enumerate(inputs))


def build_row_table(inputs: Sequence[str], outputs: Sequence[str], rows: Sequence[Row], *, source: str,
                    missing: str = "zero", warn: Callable[[str], None] | None = None) -> TruthTable:
    """Check rows for conflicts and gaps, then build the table.

    Parameters
    ----------
    rows : sequence of Row
        Cubes with outputs over ``01-`` (``-`` = don't care), in file order.
    missing : {"zero", "dc", "error"}
        What input rows that no row covers mean: 0 (with one warning), don't-care (with one warning), or an
        error.

    Returns
    -------
    TruthTable
        Type ``fd`` (rows as given; missing rows are OFF), or ``fdr`` for ``missing="dc"`` with gaps (explicit
        zeros become the OFF-set and uncovered rows are don't-cares). Never 2**n rows unless the file has them.
    """
    if missing not in MISSING_POLICIES:
        raise DataError(f"missing must be one of {', '.join(MISSING_POLICIES)}, found {missing!r}")
    n = len(inputs)
    kept: list[Row] = []
    first: dict[str, Row] = {}
    for row in rows:
        prev = first.get(row.cube)
        if prev is None:
            first[row.cube] = row
            kept.append(row)
        elif prev.out != row.out:
            j = next(j for j, (a, b) in enumerate(zip(prev.out, row.out, strict=True)) if a != b)
            raise ParseError(f"row conflicts with line {prev.line} (output {outputs[j]}: {row.out[j]} vs "
                             f"{prev.out[j]})", source, row.line, 1)
    ints = [cube_ints(r.cube) for r in kept]
    if any("-" in r.cube for r in kept):
        _check_overlaps(outputs, kept, ints, n, source)
    count, first_missing = _missing_rows(n, kept, ints)
    table_type = "fd"
    if count:
        total = count_text(1 << n, n)
        count = count_text(count, n)
        if missing == "error":
            raise ParseError(f"{count} of {total} input rows are missing (first: "
                             f"{_describe(inputs, first_missing)}); list every row, or read missing rows as 0 "
                             f"(missing='zero') or don't-care (missing='dc')", source)
        meaning = "0" if missing == "zero" else "don't-care"
        emit_warning(warn, f"{source}: {count} of {total} input rows missing, read as {meaning} "
                           f"(first: {_describe(inputs, first_missing)})")
        if missing == "dc":
            table_type = "fdr"
    try:
        return TruthTable(tuple(inputs), tuple(outputs), tuple((r.cube, r.out) for r in kept), table_type)
    except DataError as exc:
        raise ParseError(str(exc), source) from None


def _check_overlaps(outputs, kept, ints, n, source) -> None:
    for j, name in enumerate(outputs):
        on = [k for k, r in enumerate(kept) if r.out[j] == "1"]
        off = [k for k, r in enumerate(kept) if r.out[j] == "0"]
        hit = first_intersection([ints[k] for k in on], [ints[k] for k in off], n)
        if hit is not None:
            a, b = kept[on[hit[0]]], kept[off[hit[1]]]
            late, early = (a, b) if a.line > b.line else (b, a)
            raise ParseError(f"row conflicts with line {early.line} (output {name}: {late.out[j]} vs "
                             f"{early.out[j]}; rows {early.cube} and {late.cube} overlap)", source, late.line, 1)


def _missing_rows(n: int, kept: Sequence[Row], ints: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """How many input rows no row covers, and the smallest of them (-1 when none)."""
    full = (1 << n) - 1
    minterms = {v for c, v in ints if c == full}
    cubes = [(c, v) for c, v in ints if c != full]
    if not cubes:
        count = (1 << n) - len(minterms)
        if not count:
            return 0, -1
        r = 0
        while r in minterms:
            r += 1
        return count, r
    pieces = uncovered_cubes(n, cubes)
    if pieces is None:  # pathological cover: count the honest way, row by row, only when that is small
        if n > 22:
            raise DataError(f"cannot tell which of the 2**{n} input rows the file's cubes leave out")
        pieces = [(full, r) for r in range(1 << n) if not any((r & c) == v for c, v in cubes)]
    count = 0
    best = -1
    for c, v in pieces:
        size = 1 << (n - bin(c).count("1"))
        covered = sum(1 for m in minterms if (m & c) == v)
        count += size - covered
        if covered < size:
            low = _smallest_outside(n, c, v, minterms)
            best = low if best < 0 else min(best, low)
    return count, best


def _smallest_outside(n: int, care: int, value: int, taken: set[int]) -> int:
    free = [1 << q for q in range(n) if not (care >> q) & 1]
    k = 0
    while True:  # enumerate the cube's rows in increasing order by counting over its free bits
        r = value
        for i, bit in enumerate(free):
            if (k >> i) & 1:
                r |= bit
        if r not in taken:
            return r
        k += 1


def listing_rows(table: TruthTable) -> list[tuple[str, str]]:
    """Rows over ``01-`` that a row-oriented file can hold and that read back (missing rows = 0) as ``table``.

    Rows with the same cube are merged. The table's own cubes are kept when they say the same thing in CSV
    terms (types ``f``/``fd`` with no 1 meeting a written 0); otherwise the full truth table is listed, which
    is refused above :data:`MAX_LISTING_INPUTS` inputs.
    """
    if not table.implied_dc:
        dc_char = "-" if "d" in table.type else None
        merged: dict[str, list[str]] = {}
        for cube, out in table.rows:
            mapped = ["-" if c == dc_char else "1" if c == "1" else "0" for c in out]
            prev = merged.get(cube)
            if prev is None:
                merged[cube] = mapped
            else:
                merged[cube] = ["-" if "-" in (a, b) else "1" if "1" in (a, b) else "0"
                                for a, b in zip(prev, mapped, strict=True)]
        # a table with no rows (constant 0) still needs one row: a file with only a header is an error
        rows = [(cube, "".join(out)) for cube, out in merged.items()] or [("-" * table.n_inputs,
                                                                            "0" * table.n_outputs)]
        if not any("-" in cube for cube, _ in rows) or _no_written_conflict(table, rows):
            return rows
    n = table.n_inputs
    if n > MAX_LISTING_INPUTS:
        raise DataError(f"this table cannot be written row by row without listing all 2**{n} rows; "
                        f"write it as PLA instead")
    values = table.to_values()
    chars = {1: "1", 0: "0", -1: "-"}
    return [(format(r, f"0{n}b") if n else "", "".join(chars[int(x)] for x in values[r]))
            for r in range(1 << n)]


def _no_written_conflict(table: TruthTable, rows: list[tuple[str, str]]) -> bool:
    ints = [cube_ints(cube) for cube, _ in rows]
    for j in range(table.n_outputs):
        on = [ints[k] for k, (_, out) in enumerate(rows) if out[j] == "1"]
        off = [ints[k] for k, (_, out) in enumerate(rows) if out[j] == "0"]
        if first_intersection(on, off, table.n_inputs) is not None:
            return False
    return True
