"""Truth tables with don't-cares, held as a cover of cubes (never 2**n rows unless asked).

A :class:`TruthTable` is a Berkeley PLA in memory: rows of ``(input cube, output part)`` read with espresso(5)
semantics for the table's ``type``. Row index r of the full table encodes the inputs with the first input as the
most significant bit; packed truth tables hold 64 rows per uint64 word (row r is bit ``r % 64`` of word
``r // 64``), padding rows beyond 2**n being 0 in every array.

Notes
-----
File semantics follow espresso(5) of Espresso 2.3 (Rudell, Berkeley, 1986-88): type ``f`` gives the ON-set,
``fd`` the ON- and DC-sets, ``fr`` the ON- and OFF-sets, ``fdr`` all three.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import WORD_BITS, HTMLRepr, check_name
from ..errors import DataError
from .covers import MOCover
from .cubes import parse_cubes
from .table_words import cube_ints, cube_words, first_intersection, or_cubes_into

__all__ = ["TYPES", "TruthTable", "table_covers"]

#: Table type -> (output char meaning ON, DC, OFF); '~' always means "in no set".
TYPES: dict[str, tuple[str, str, str]] = {"f": ("1", "", ""), "fd": ("1", "-", ""), "fr": ("1", "", "0"),
                                          "fdr": ("1", "-", "0")}
MAX_VALUES_INPUTS = 24  # to_values() refuses more: 2**24 rows x m outputs of int8 is already large
_IN_CHARS = frozenset("01-")
_OUT_CHARS = frozenset("01-~")


@dataclass(frozen=True, slots=True)
class TruthTable(HTMLRepr):
    """An n-input, m-output Boolean function with don't-cares, as a cover of cubes.

    Parameters
    ----------
    inputs : tuple of str
        Input names; the first is the most significant bit of the row index.
    outputs : tuple of str
        Output names (at least one).
    rows : tuple of (str, str)
        ``(input cube over '01-', output part over '01-~')`` of lengths n and m.
    type : {"f", "fd", "fr", "fdr"}
        Which sets the rows give, as in espresso(5): output ``'1'`` puts the cube in the ON-set; ``'-'`` in the
        DC-set for types with ``d``; ``'0'`` in the OFF-set for types with ``r`` (for ``f``/``fd`` it means
        nothing); ``'~'`` never means anything.
    labels : tuple of (str, str), optional
        Names as a file wrote them where they are not identifiers (a PLA's ``CWP+1[2]``): pairs of (the safe
        name used in ``inputs``/``outputs``, the original). Writers that can hold any name (PLA) write the
        originals back; nets use the safe names. Not part of equality.

    Notes
    -----
    For types ``f``/``fd`` every row not in ON ∪ DC is OFF; for ``fr``/``fdr`` every row not in ON ∪ OFF is a
    don't-care. Where DC meets ON or OFF, DC wins. ON ∩ OFF must be empty (checked when built).
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]
    type: str = "fd"
    labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inputs = tuple(self.inputs)
        outputs = tuple(self.outputs)
        seen: set[str] = set()
        for kind, names in (("input", inputs), ("output", outputs)):
            for name in names:
                check_name(name, kind)
                if name in seen:
                    raise DataError(f"{kind} name {name!r} is used twice; names must be unique")
                seen.add(name)
        if not outputs:
            raise DataError("a truth table needs at least one output, found none")
        if self.type not in TYPES:
            raise DataError(f"table type must be one of {', '.join(TYPES)}, found {self.type!r}")
        rows = _check_rows(self.rows, len(inputs), len(outputs))
        labels = tuple((str(k), str(v)) for k, v in (self.labels.items() if isinstance(self.labels, dict)
                                                     else self.labels))
        for safe, _ in labels:
            if safe not in seen:
                raise DataError(f"label for {safe!r}, which is not an input or output of the table")
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "outputs", outputs)
        object.__setattr__(self, "rows", rows)
        if "r" in self.type:
            clash = self.on_off_conflict()
            if clash is not None:
                j, a, b = clash
                raise DataError(f"output {outputs[j]!r}: rows {a} ({rows[a][0]}) and {b} ({rows[b][0]}) put "
                                f"a common input row in both the ON-set and the OFF-set")

    # ---- sizes -------------------------------------------------------------------------------------------
    @property
    def n_inputs(self) -> int:
        return len(self.inputs)

    @property
    def n_outputs(self) -> int:
        return len(self.outputs)

    @property
    def n_words(self) -> int:
        """Number of uint64 words holding the 2**n rows (at least 1)."""
        return max(1, (1 << self.n_inputs) // WORD_BITS)

    @property
    def implied_dc(self) -> bool:
        """True for types with an explicit OFF-set (``fr``/``fdr``), where rows in no set are don't-cares."""
        return "r" in self.type

    # ---- the three sets, per output -------------------------------------------------------------------------
    def _index(self, j: int) -> tuple[list[int], list[int], list[int]]:
        key = ("index", j)
        hit = self._cache.get(key)
        if hit is None:
            if not 0 <= j < self.n_outputs:
                raise IndexError(f"output index {j} out of range for {self.n_outputs} outputs")
            col = self._out_chars()[:, j]
            hit = tuple(np.flatnonzero(col == ord(c)).tolist() if c else [] for c in TYPES[self.type])
            self._cache[key] = hit
        return hit

    def on_cubes(self, j: int) -> tuple[str, ...]:
        """Input cubes in output j's ON-set (as given; they may overlap each other and the DC-set)."""
        return tuple(self.rows[i][0] for i in self._index(j)[0])

    def dc_cubes(self, j: int) -> tuple[str, ...]:
        """Input cubes given as output j's DC-set (for ``fr``/``fdr`` the rows in no set are don't-cares too)."""
        return tuple(self.rows[i][0] for i in self._index(j)[1])

    def off_cubes(self, j: int) -> tuple[str, ...] | None:
        """Output j's explicit OFF-set, or None when it is implied (types ``f``/``fd``: the rest is OFF)."""
        if not self.implied_dc:
            return None
        return tuple(self.rows[i][0] for i in self._index(j)[2])

    def cube_masks(self, j: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]],
                                          list[tuple[int, int]] | None]:
        """Output j's cubes as integer ``(care_mask, value_bits)`` pairs, bit ``n-1-i`` for input i.

        Returns ``(on, dc, off)``; ``off`` is None for types ``f``/``fd``. A row r lies in a cube iff
        ``r & care_mask == value_bits``.
        """
        on, dc, off = self._index(j)
        ints = self._ints()
        return ([ints[i] for i in on], [ints[i] for i in dc],
                [ints[i] for i in off] if self.implied_dc else None)

    def _out_chars(self) -> np.ndarray:
        """Output parts as a (k, m) uint8 matrix of characters."""
        hit = self._cache.get("out_chars")
        if hit is None:
            k, m = len(self.rows), self.n_outputs
            text = "".join(out for _, out in self.rows)
            hit = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(k, m)
            self._cache["out_chars"] = hit
        return hit

    def _ints(self) -> list[tuple[int, int]]:
        hit = self._cache.get("ints")
        if hit is None:
            hit = [cube_ints(cube) for cube, _ in self.rows]
            self._cache["ints"] = hit
        return hit

    def on_off_conflict(self, as_type: str | None = None) -> tuple[int, int, int] | None:
        """``(j, on_row, off_row)`` for the first output whose ON- and OFF-sets meet, or None.

        ``as_type`` reads the rows as another table type (parsers use it to cite lines before building).
        """
        table_type = as_type or self.type
        if "r" not in table_type:
            return None
        ints = self._ints()
        on_c, _, off_c = TYPES[table_type]
        chars = self._out_chars()
        for j in range(self.n_outputs):
            on = np.flatnonzero(chars[:, j] == ord(on_c)).tolist()
            off = np.flatnonzero(chars[:, j] == ord(off_c)).tolist()
            hit = first_intersection([ints[i] for i in on], [ints[i] for i in off], self.n_inputs)
            if hit is not None:
                return j, on[hit[0]], off[hit[1]]
        return None

    # ---- evaluation -------------------------------------------------------------------------------------
    def value(self, row: int) -> tuple[int, ...]:
        """Naive value of every output at input row ``row``: 1, 0, or -1 for a don't-care.

        The reference implementation (one pass over the rows, string matching) against which :meth:`packed`
        is tested.
        """
        n = self.n_inputs
        if not 0 <= row < (1 << n):
            raise DataError(f"row index must be in 0..{(1 << n) - 1}, found {row}")
        bits = format(row, f"0{n}b") if n else ""
        on_c, dc_c, off_c = TYPES[self.type]
        result = []
        for j in range(self.n_outputs):
            in_on = in_dc = in_off = False
            for cube, out in self.rows:
                if all(c == "-" or c == b for c, b in zip(cube, bits, strict=True)):
                    in_on |= out[j] == on_c
                    in_dc |= bool(dc_c) and out[j] == dc_c
                    in_off |= bool(off_c) and out[j] == off_c
            if in_dc:
                result.append(-1)
            elif in_on:
                result.append(1)
            elif self.implied_dc:
                result.append(0 if in_off else -1)
            else:
                result.append(0)
        return tuple(result)

    def _word_cubes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        hit = self._cache.get("words")
        if hit is None:
            hit = cube_words([cube for cube, _ in self.rows], self.n_inputs)
            self._cache["words"] = hit
        return hit

    def packed(self, start_word: int, n_words: int) -> tuple[np.ndarray, np.ndarray]:
        """ON and care bits of rows ``64*start_word .. 64*(start_word+n_words)-1``, 64 rows per word.

        Parameters
        ----------
        start_word, n_words : int
            The window of words; words past the table's end are all zero.

        Returns
        -------
        on, care : ndarray (n_outputs, n_words) uint64
            Row r is bit ``r % 64`` of word ``r // 64``. ``care`` is 0 for don't-cares and padding rows;
            ``on`` is 0 wherever ``care`` is.

        Notes
        -----
        Each cube is expanded with bit operations over whole words (never a Python loop per row), so the cost
        is the number of words the cubes touch.
        """
        n = self.n_inputs
        if start_word < 0 or n_words < 0:
            raise DataError(f"word window must be non-negative, found start {start_word}, length {n_words}")
        if n > 68:
            raise DataError(f"packed rows need at most 68 inputs (word indices fit 62 bits), found {n}")
        m = self.n_outputs
        pattern, hcare, hval = self._word_cubes()
        on = np.zeros((m, n_words), dtype=np.uint64)
        care = np.zeros((m, n_words), dtype=np.uint64)
        valid = _valid_words(n, start_word, n_words)
        scratch = np.zeros(n_words, dtype=np.uint64)
        for j in range(m):
            on_i, dc_i, off_i = (np.asarray(x, dtype=np.intp) for x in self._index(j))
            or_cubes_into(on[j], start_word, n, pattern[on_i], hcare[on_i], hval[on_i])
            scratch[:] = 0
            or_cubes_into(scratch, start_word, n, pattern[dc_i], hcare[dc_i], hval[dc_i])
            if self.implied_dc:
                care[j] = on[j]
                or_cubes_into(care[j], start_word, n, pattern[off_i], hcare[off_i], hval[off_i])
                care[j] &= ~scratch
            else:
                care[j] = valid & ~scratch
            on[j] &= care[j]
        return on, care

    def to_values(self) -> np.ndarray:
        """The full table, shape (2**n, n_outputs) int8: 1, 0, or -1 for a don't-care (n ≤ 24)."""
        n = self.n_inputs
        if n > MAX_VALUES_INPUTS:
            raise DataError(f"to_values enumerates 2**n rows and allows at most {MAX_VALUES_INPUTS} inputs, "
                            f"found {n}; use packed() in chunks")
        on, care = self.packed(0, self.n_words)
        rows = 1 << n
        on_bits = np.unpackbits(on.astype("<u8").view(np.uint8), axis=1, bitorder="little")[:, :rows]
        care_bits = np.unpackbits(care.astype("<u8").view(np.uint8), axis=1, bitorder="little")[:, :rows]
        values = np.where(care_bits.astype(bool), on_bits.astype(np.int8), np.int8(-1))
        return np.ascontiguousarray(values.T.astype(np.int8))

    # ---- construction -----------------------------------------------------------------------------------
    @classmethod
    def from_values(cls, inputs: Sequence[str], outputs: Sequence[str], values: Any) -> TruthTable:
        """Build a table (type ``fd``, one row per row with a 1 or a don't-care) from a full value array.

        Parameters
        ----------
        values : array_like (2**n, m)
            1, 0, or -1 for a don't-care.
        """
        n, m = len(inputs), len(outputs)
        arr = np.asarray(values)
        if arr.shape != (1 << n, m):
            raise DataError(f"values must have shape (2**{n}, {m}) = {(1 << n, m)}, found {arr.shape}")
        bad = ~np.isin(arr, (0, 1, -1))
        if bad.any():
            r, c = (int(x) for x in np.argwhere(bad)[0])
            raise DataError(f"values must be 0, 1 or -1; found {arr[r, c]!r} at row {r}, column {c}")
        arr = arr.astype(np.int8)
        keep = np.flatnonzero((arr != 0).any(axis=1))
        shifts = np.arange(n - 1, -1, -1, dtype=np.int64)
        in_chars = (((keep[:, None] >> shifts[None, :]) & 1) + ord("0")).astype(np.uint8)
        out_chars = np.choose(arr[keep] + 1, (ord("-"), ord("0"), ord("1"))).astype(np.uint8)
        cubes = in_chars.view(f"S{n}").ravel().astype(f"U{n}").tolist() if n else [""] * keep.size
        outs = out_chars.view(f"S{m}").ravel().astype(f"U{m}").tolist()
        rows = tuple(zip(cubes, outs, strict=True))
        return cls(tuple(inputs), tuple(outputs), rows, "fd")

    def select_outputs(self, names: Iterable[str]) -> TruthTable:
        """The table restricted to the named outputs, in the order given (rows with nothing left dropped)."""
        names = tuple(names)
        pos = {name: j for j, name in enumerate(self.outputs)}
        missing = [name for name in names if name not in pos]
        if missing:
            raise DataError(f"no output named {missing[0]!r}; the outputs are {', '.join(self.outputs)}")
        idx = [pos[name] for name in names]
        on_c, dc_c, off_c = TYPES[self.type]
        meaningful = {c for c in (on_c, dc_c, off_c) if c}
        rows = []
        for cube, out in self.rows:
            part = "".join(out[j] for j in idx)
            if meaningful.intersection(part):
                rows.append((cube, part))
        keep = set(self.inputs) | set(names)
        return TruthTable(self.inputs, names, tuple(rows), self.type, tuple(p for p in self.labels if p[0] in keep))

    def label(self, name: str) -> str:
        """The name as the file wrote it (``name`` itself unless :attr:`labels` says otherwise)."""
        return dict(self.labels).get(name, name)


def _check_rows(rows: Any, n: int, m: int) -> tuple[tuple[str, str], ...]:
    """Rows as a tuple of (str, str) pairs, checked; the fast path does its loops in C (set/map/join)."""
    rows = tuple(rows)
    if (set(map(type, rows)) <= {tuple} and set(map(len, rows)) <= {2}):
        cubes = [r[0] for r in rows]
        outs = [r[1] for r in rows]
        if (set(map(type, cubes)) | set(map(type, outs)) <= {str} and set(map(len, cubes)) <= {n}
                and set(map(len, outs)) <= {m} and set("".join(cubes)) <= _IN_CHARS
                and set("".join(outs)) <= _OUT_CHARS):
            return rows
    rows = tuple(tuple(r) if isinstance(r, list) else r for r in rows)
    for k, row in enumerate(rows):  # slow path: find the first bad row and say what is wrong with it
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], str)):
            raise DataError(f"row {k} must be a pair (input cube, output part) of strings, found {row!r}")
        cube, out = row
        if len(cube) != n or len(out) != m:
            raise DataError(f"row {k} must have {n} input and {m} output characters, found "
                            f"{len(cube)} and {len(out)} ({cube!r}, {out!r})")
        bad_in = set(cube) - _IN_CHARS
        bad_out = set(out) - _OUT_CHARS
        if bad_in or bad_out:
            what = (f"input character {sorted(bad_in)[0]!r} (expected 0, 1 or -)" if bad_in
                    else f"output character {sorted(bad_out)[0]!r} (expected 0, 1, - or ~)")
            raise DataError(f"row {k} ({cube!r}, {out!r}) has {what}")
    return rows


def _valid_words(n: int, start: int, count: int) -> np.ndarray:
    """Per word of the window, the bits that are real rows (< 2**n)."""
    valid = np.zeros(count, dtype=np.uint64)
    if n < 6:
        if start == 0 and count > 0:
            valid[0] = np.uint64((1 << (1 << n)) - 1)
        return valid
    total = 1 << (n - 6)
    hi = min(max(total - start, 0), count)
    valid[:hi] = np.uint64(0xFFFFFFFFFFFFFFFF)
    return valid


def table_covers(table: TruthTable) -> tuple[MOCover, MOCover, MOCover | None]:
    """ON, DC and (for PLA types ``fr``/``fdr``) explicit OFF covers of a :class:`TruthTable`."""
    n, m = len(table.inputs), len(table.outputs)
    cubes = [r[0] for r in table.rows]
    care, val = parse_cubes(cubes, n)
    if table.rows:
        chars = np.frombuffer("".join(r[1] for r in table.rows).encode("ascii"), np.uint8).reshape(-1, m)
    else:
        chars = np.zeros((0, m), np.uint8)
    on_c, dc_c, off_c = TYPES[table.type]
    dc_out = chars == ord(dc_c) if dc_c else np.zeros(chars.shape, bool)
    on_out = (chars == ord(on_c)) & ~dc_out  # where DC meets ON, DC wins
    sets = []
    for out in (on_out, dc_out, chars == ord(off_c) if off_c else None):
        if out is None:
            sets.append(None)
            continue
        keep = np.flatnonzero(out.any(axis=1))
        sets.append(MOCover(care[keep], val[keep], out[keep]))
    return sets[0], sets[1], sets[2]
