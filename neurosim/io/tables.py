"""Truth tables from and to files: one entry point that sniffs the format, one that writes text.

Formats: ``csv`` (:mod:`neurosim.io.csvtable`), ``pla`` (Berkeley PLA, :mod:`neurosim.io.pla`) and ``logisim``
(Logisim-evolution text, :mod:`neurosim.io.logisim`).

Notes
-----
The format comes from ``fmt``, else the file suffix (``.csv``, ``.pla``/``.espresso``, ``.txt``), else the
content: a first significant line starting with ``.`` is PLA, one with a comma, semicolon or tab is CSV, and
anything else is read as a Logisim-evolution table.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import DataError, ParseError
from ..logic import TruthTable
from ._table_rows import MISSING_POLICIES
from .atomic import atomic_write_bytes
from .csv_tables import parse_csv, write_csv
from .logisim import parse_logisim, write_logisim
from .pla import parse_pla, write_pla
from .source import read_source

__all__ = ["TABLE_FORMATS", "load_table", "save_table", "sniff_table_format", "table_to_text"]

#: format name -> writer (table -> text)
_WRITERS: dict[str, Callable[[TruthTable], str]] = {"csv": write_csv, "pla": write_pla, "logisim": write_logisim}
TABLE_FORMATS = tuple(_WRITERS)
_SUFFIXES = {".csv": "csv", ".pla": "pla", ".espresso": "pla", ".txt": "logisim"}


def sniff_table_format(text: str, name: str | None = None) -> str:
    """``"csv"``, ``"pla"`` or ``"logisim"`` for a file of this name (suffix first) and content."""
    by_suffix = _SUFFIXES.get(Path(name).suffix.lower()) if name else None
    if by_suffix is not None and by_suffix != "logisim":
        return by_suffix
    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("."):
            return "pla"
        if "," in s or ";" in s or "\t" in s:
            return "csv"
        return "logisim"
    return by_suffix or "csv"


def load_table(path_or_text: str | os.PathLike[str] | bytes, *, source: str | None = None,
               fmt: str | None = None, outputs: Sequence[str] | str | None = None, missing: str = "zero",
               warn: Callable[[str], None] | None = None) -> TruthTable:
    """Read a truth table from a file or from text.

    Parameters
    ----------
    path_or_text : str, path or bytes
        A path or the contents themselves, by the rule of :func:`neurosim.io.source.read_source`.
    source : str, optional
        Name cited in error messages; defaults to the path, or ``<string>``.
    fmt : {"csv", "pla", "logisim"}, optional
        The format; sniffed from the suffix and content when None.
    outputs : sequence of str or comma-separated str, optional
        CSV without a ``|`` column: the output columns. Otherwise the outputs to keep, in this order.
    missing : {"zero", "dc", "error"}
        CSV and Logisim: meaning of input rows that no row covers (``warn`` is called once with their
        number). PLA files follow their ``.type`` instead.
    warn : callable, optional
        Receives warning lines; :func:`warnings.warn` when None.

    Returns
    -------
    TruthTable

    Raises
    ------
    ParseError
        ``source:line:col: message`` for bad content (undecodable bytes and NUL bytes included).
    OSError
        When the file cannot be read.
    """
    if missing not in MISSING_POLICIES:
        raise DataError(f"missing must be one of {', '.join(MISSING_POLICIES)}, found {missing!r}")
    if isinstance(outputs, str):
        outputs = [name.strip() for name in outputs.split(",") if name.strip()]
    got = read_source(path_or_text, source=source)
    text, src = got.text, got.name
    if fmt is None:
        fmt = sniff_table_format(text, str(got.path) if got.path is not None else source)
    if fmt not in TABLE_FORMATS:
        raise DataError(f"table format must be one of {', '.join(TABLE_FORMATS)}, found {fmt!r}")
    if fmt == "csv":
        return parse_csv(text, source=src, outputs=outputs, missing=missing, warn=warn)
    if fmt == "logisim":
        return parse_logisim(text, source=src, outputs=outputs, missing=missing, warn=warn)
    table = parse_pla(text, source=src, warn=warn)
    if outputs is None:
        return table
    for out in outputs:
        if out not in table.outputs:
            raise ParseError(f"no output named {out!r} (outputs: {', '.join(table.outputs)})", src)
    return table.select_outputs(outputs)


def table_to_text(table: TruthTable, fmt: str) -> str:
    """The table as ``csv``, ``pla`` or ``logisim`` text (byte-stable: the same table gives the same bytes)."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise DataError(f"table format must be one of {', '.join(TABLE_FORMATS)}, found {fmt!r}")
    return writer(table)


def save_table(table: TruthTable, path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Write ``table`` to ``path`` atomically, as CSV, PLA or Logisim text (``fmt``, else from the suffix).

    Returns
    -------
    str
        The format written.
    """
    if fmt is None:
        fmt = _SUFFIXES.get(Path(path).suffix.lower())
        if fmt is None:
            raise DataError(f"cannot tell the table format of {str(path)!r} from its suffix; expected .csv, .pla "
                            "or .txt, or give fmt")
    atomic_write_bytes(path, table_to_text(table, fmt).encode("utf-8"))
    return fmt
