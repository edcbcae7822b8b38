"""CSV datasets for the learners: a header, numeric feature columns and one label column.

The format, line by line: an optional run of blank lines and ``#`` comments, then a header of column names,
then one data row per line, cells separated by commas (whitespace around a cell is ignored; no quoting). The
label is the last column, or the column named by ``label=``. Truth-table CSV files work as they are: a ``|``
column marks where the inputs end, the inputs become the features and the label is the last output (or
``label=`` one of the outputs); rows whose label is a don't-care (``-``/``x``) carry no information for a
classifier and are skipped.

Every error names the place like a compiler (``data.csv:7:5: ...``) and the 0-based data row and column name.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..errors import DataError, ParseError
from ..learn import RationalMatrix, as_rational
from .source import read_source

__all__ = ["Dataset", "load_dataset"]

_DONT_CARE = frozenset({"-", "x", "X"})
#: largest decimal exponent read exactly (10**4000 has 13,000 bits; a larger one would only burn memory)
MAX_EXACT_EXPONENT = 4000
_EXPONENT = re.compile(r"[eE]\s*([-+]?[0-9_]+)\s*$")


@dataclass(frozen=True, slots=True)
class Dataset:
    """A labelled data set read from CSV.

    Attributes
    ----------
    X : ndarray of float64, shape (n, d)
        Feature values, finite.
    y : ndarray, shape (n,)
        The labels: float64 label values when every label is a number (so ``0/1`` or ``-1/+1`` files give
        those numbers), otherwise int64 codes indexing :attr:`classes`.
    feature_names : tuple of str, length d
    label_name : str
    classes : tuple
        The distinct original label values, sorted (numbers as int/float when numeric, else the strings).
    rows : tuple of int, length n
        The 0-based data-row index in the file of each sample (differs from ``range(n)`` only when don't-care
        rows of a truth table were skipped).
    lines : tuple of int, length n
        The 1-based line of each sample in the file, for messages.
    source : str
        The file name used in messages.
    exact : RationalMatrix
        The feature values exactly as written (a cell ``0.29`` is 29/100, ``9007199254740993`` is that
        integer), for proofs; ``X`` holds the nearest floats. Built from ``X``'s binary values when not given.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    label_name: str
    classes: tuple = ()
    rows: tuple[int, ...] = field(default=())
    lines: tuple[int, ...] = field(default=())
    source: str = "<string>"
    exact: RationalMatrix | None = None

    def __post_init__(self) -> None:
        X = np.asarray(self.X, dtype=np.float64)
        y = np.asarray(self.y)
        if X.ndim != 2:
            raise DataError(f"{self.source}: X must be 2-D (n, d), got shape {X.shape}")
        if y.shape != (X.shape[0],):
            raise DataError(f"{self.source}: y must have shape ({X.shape[0]},), got {y.shape}")
        if len(self.feature_names) != X.shape[1]:
            raise DataError(f"{self.source}: {len(self.feature_names)} feature names "
                            f"for {X.shape[1]} columns")
        if not np.isfinite(X).all():
            r, c = map(int, np.argwhere(~np.isfinite(X))[0])
            raise DataError(f"{self.source}: row {r}, column {self.feature_names[c]!r}: value is not finite")
        exact = as_rational(X) if self.exact is None else self.exact
        if not isinstance(exact, RationalMatrix) or exact.shape != X.shape:
            raise DataError(f"{self.source}: exact must be a RationalMatrix of shape {X.shape}")
        object.__setattr__(self, "exact", exact)
        n = X.shape[0]
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)
        object.__setattr__(self, "rows", tuple(self.rows) if self.rows else tuple(range(n)))
        object.__setattr__(self, "lines", tuple(self.lines) if self.lines else tuple(range(2, n + 2)))
        if not self.classes:
            object.__setattr__(self, "classes", tuple(v.item() for v in np.unique(y)))

    @property
    def n_samples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @property
    def y_codes(self) -> np.ndarray:
        """int64 (n,): each label's index in :attr:`classes`."""
        if self.y.dtype.kind == "f":
            return np.searchsorted(np.asarray(self.classes, dtype=np.float64), self.y).astype(np.int64)
        return self.y.astype(np.int64)


def _cells(line: str) -> list[tuple[str, int]]:
    """Split one CSV line into (stripped cell, 1-based character column of the cell's text)."""
    out: list[tuple[str, int]] = []
    start = 0
    for part in line.split(","):
        lead = len(part) - len(part.lstrip())
        out.append((part.strip(), start + lead + 1))
        start += len(part) + 1
    return out


def _is_data(line: str) -> bool:
    """True for a line that is neither blank nor a ``#`` comment."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _number(cell: str) -> float | None:
    try:
        v = float(cell)
    except ValueError:
        return None
    return v


def _exact(cell: str) -> Fraction | None:
    """The decimal text as an exact rational (None when its exponent is past MAX_EXACT_EXPONENT)."""
    m = _EXPONENT.search(cell)
    if m is not None and abs(int(m.group(1).replace("_", ""))) > MAX_EXACT_EXPONENT:
        return None
    return Fraction(cell)  # the same syntax as float() for finite numbers: digits, '.', exponent, '_'


def _rational(rows: list[list[Fraction]], d: int) -> RationalMatrix:
    den = math.lcm(*(v.denominator for row in rows for v in row)) if rows else 1
    num = np.empty((len(rows), d), dtype=object)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            num[i, j] = v.numerator * (den // v.denominator)
    return RationalMatrix(num, den)


def load_dataset(path_or_text: str | bytes | os.PathLike[str], *, source: str | None = None,
                 label: str | None = None) -> Dataset:
    """Read a CSV data set (header, feature columns, label column).

    Parameters
    ----------
    path_or_text : str, bytes or path
        A file or the CSV text itself, by the rule of :func:`neurosim.io.source.read_source`.
    source : str, optional
        Name for messages (default: the file name, or ``<string>``).
    label : str, optional
        Name of the label column; default the last column (for truth tables, the last output).

    Returns
    -------
    Dataset

    Raises
    ------
    ParseError
        No header, an empty or duplicate column name, an unknown ``label``, a ragged row, a non-numeric,
        NaN or infinite feature cell, a missing label — ``source:line:column: ...`` naming the row and column.
    DataError
        No data rows, or fewer than two classes.

    Examples
    --------
    >>> ds = load_dataset("x1,x2,y\\n0,0,0\\n0,1,0\\n1,0,0\\n1,1,1\\n")
    >>> ds.X.shape, ds.y.tolist()
    ((4, 2), [0.0, 0.0, 0.0, 1.0])
    """
    got = read_source(path_or_text, source=source)
    source = got.name
    lines = got.text.splitlines()
    header_at = next((i for i, ln in enumerate(lines) if _is_data(ln)), None)
    if header_at is None:
        raise ParseError("expected a header line of column names, found an empty file", source, 1, 1)
    hline = header_at + 1
    header = _cells(lines[header_at])
    names = [c for c, _ in header]
    seen: set[str] = set()
    for i, (name, col) in enumerate(header):
        if not name:
            raise ParseError(f"column {i + 1} of the header has no name", source, hline, col)
        if name in seen:  # a set: 20,000 columns took 7 s with a list
            raise ParseError(f"duplicate column name {name!r}", source, hline, col)
        seen.add(name)
    if "|" in names:
        bar = names.index("|")
        inputs = list(range(bar))
        outputs = list(range(bar + 1, len(names)))
        if not outputs:
            raise ParseError("expected output columns after '|', found none", source, hline, header[bar][1])
    else:
        bar = None
        inputs = list(range(len(names) - 1))
        outputs = [len(names) - 1]
    if label is None:
        lab = outputs[-1]
    elif label in names and names.index(label) in outputs + (inputs if bar is None else []):
        lab = names.index(label)
        if bar is None:
            inputs = [i for i in range(len(names)) if i != lab]
    else:
        choices = ", ".join(names[i] for i in (outputs if bar is not None else range(len(names))))
        raise ParseError(f"no label column named {label!r}; expected one of: {choices}", source, hline, 1)
    if not inputs:
        raise ParseError("expected at least one feature column before the label, found none",
                         source, hline, 1)

    X_rows: list[list[float]] = []
    exact_rows: list[list[Fraction]] = []
    labels: list[str] = []
    rows: list[int] = []
    line_nos: list[int] = []
    data_row = -1
    for k in range(header_at + 1, len(lines)):
        ln = lines[k]
        if not _is_data(ln):
            continue
        data_row += 1
        lineno = k + 1
        cells = _cells(ln)
        if len(cells) != len(names):
            col = cells[len(names)][1] if len(cells) > len(names) else len(ln) + 1
            raise ParseError(f"row {data_row} has {len(cells)} cells, expected {len(names)} "
                             f"(one per header column: {', '.join(names)})", source, lineno, col)
        lab_cell, lab_col = cells[lab]
        if not lab_cell:
            raise ParseError(f"row {data_row}, column {names[lab]!r}: expected a label, found an empty cell",
                             source, lineno, lab_col)
        if bar is not None and lab_cell in _DONT_CARE:
            continue  # a don't-care output constrains nothing
        values: list[float] = []
        exact: list[Fraction] = []
        for j in inputs:
            cell, col = cells[j]
            v = _number(cell)
            if v is None:
                found = repr(cell) if cell else "an empty cell"
                raise ParseError(f"row {data_row}, column {names[j]!r}: expected a number, found {found}",
                                 source, lineno, col)
            if not math.isfinite(v):
                raise ParseError(f"row {data_row}, column {names[j]!r}: expected a finite number, "
                                 f"found {cell!r}", source, lineno, col)
            q = _exact(cell)
            if q is None:
                raise ParseError(f"row {data_row}, column {names[j]!r}: expected an exponent within "
                                 f"±{MAX_EXACT_EXPONENT}, found {cell!r}", source, lineno, col)
            values.append(v)
            exact.append(q)
        X_rows.append(values)
        exact_rows.append(exact)
        labels.append(lab_cell)
        rows.append(data_row)
        line_nos.append(lineno)

    if not X_rows:
        raise DataError(f"{source}: no data rows after the header "
                        "(expected at least two rows of two classes)")
    nums = [_number(s) for s in labels]
    if all(v is not None and math.isfinite(v) for v in nums):
        y = np.asarray(nums, dtype=np.float64)
        classes: tuple = tuple(int(v) if float(v).is_integer() else float(v) for v in np.unique(y))
    else:
        classes = tuple(sorted(set(labels)))
        code = {c: i for i, c in enumerate(classes)}
        y = np.asarray([code[s] for s in labels], dtype=np.int64)
    if len(classes) < 2:
        raise DataError(f"{source}: column {names[lab]!r} has a single class ({classes[0]!r}) in all "
                        f"{len(labels)} rows; a classifier needs at least two")
    return Dataset(X=np.asarray(X_rows, dtype=np.float64), y=y, feature_names=tuple(names[j] for j in inputs),
                   label_name=names[lab], classes=classes, rows=tuple(rows), lines=tuple(line_nos),
                   source=source, exact=_rational(exact_rows, len(inputs)))
