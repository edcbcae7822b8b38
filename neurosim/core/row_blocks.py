"""Exhaustive evaluation over word ranges: the unit of work that :mod:`neurosim.scale` spreads over workers.

The 2**n rows of a net with n inputs are 2**n / 64 words (:mod:`neurosim.core.packed`); a **block** is a range of
words, evaluated chunk by chunk by the bit-parallel engine exactly as a whole-table run would, so the blocks'
results merged in block order are the whole run's: the packed table is their concatenation, the first mismatch
is the first block's that has one, a mismatch count is their sum. :class:`RowJob` is the data every block reads
(sent to each worker once); the engine's compiled plan is built once per worker and kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import get_backend
from ..errors import DataError
from ..scale import Scheduler, run_blocks
from ._bitplan import chunk_values, compile_bitplan, fill_words
from .mp import MPNet
from .packed import WORD_BITS

__all__ = ["BLOCK_WORDS", "Counterexample", "RowJob", "packed_words", "scan_words", "word_blocks"]

#: words per block (2**22 rows): big enough that a block's overhead (a task, a compiled plan) is small against
#: its work, small enough that n = 30 makes 256 blocks to spread (benchmarks/bench_scale.py measures both)
BLOCK_WORDS = 1 << 16

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Counterexample:
    """A care row where a net's output differs from a table's value (the first in row order, where searched).

    Attributes
    ----------
    row : int
        Row index (first input = most significant bit).
    inputs : dict of str to int
        The row's input values, in the net's input order.
    output : str
        Output name.
    expected, got : int
        The table's value and the net's.
    """

    row: int
    inputs: dict[str, int]
    output: str
    expected: int
    got: int

    @classmethod
    def at(cls, inputs: dict[str, int], output: str, expected: int, got: int) -> Counterexample:
        """The counterexample at the row whose input values are ``inputs`` (in the net's input order)."""
        row = 0
        for v in inputs.values():
            row = (row << 1) | int(v)
        return cls(row, dict(inputs), output, int(expected), int(got))

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "inputs": self.inputs, "output": self.output, "expected": self.expected,
                "got": self.got}

    def __str__(self) -> str:
        ins = ", ".join(f"{k}={v}" for k, v in self.inputs.items())
        return f"row {self.row} ({ins}): output {self.output!r} expected {self.expected}, got {self.got}"


class RowJob:
    """What every block of one exhaustive run reads: the net, the expected table (or None), the output order.

    Parameters
    ----------
    net : MPNet
    expected : callable or None
        ``expected(start_word, n_words) -> (on, care)``, (m, n_words) words each; None to tabulate only.
    order : list of int
        The net's output index for each compared output.
    out_names : tuple of str
    backend : str
        The backend's name (a worker looks it up itself).
    chunk_words : int
    """

    def __init__(self, net: MPNet, expected: Callable[[int, int], tuple[Any, Any]] | None, order: list[int],
                 out_names: tuple[str, ...], backend: str, chunk_words: int) -> None:
        self.net, self.expected, self.order, self.out_names = net, expected, order, out_names
        self.backend, self.chunk_words = backend, chunk_words
        self._plan: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("net", "expected", "order", "out_names", "backend", "chunk_words")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._plan = None

    @property
    def plan(self) -> Any:
        if self._plan is None:
            self._plan = compile_bitplan(self.net)
        return self._plan


def word_blocks(total_words: int, block_words: int | None) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering words 0 .. total_words − 1 in blocks of ``block_words``."""
    bw = BLOCK_WORDS if block_words is None else block_words
    if isinstance(bw, bool) or not isinstance(bw, int) or bw < 1:
        raise DataError(f"block_words must be a positive integer, found {bw!r}")
    return [(s, min(s + bw, total_words)) for s in range(0, total_words, bw)]


def _as_words(be: Any, a: Any, shape: tuple[int, int], what: str) -> Any:
    arr = be.asarray(a)
    if tuple(arr.shape) != shape or arr.dtype.kind not in "ui":
        raise DataError(f"expected {what}: shape {shape} of unsigned 64-bit words, found shape "
                        f"{tuple(arr.shape)} of {arr.dtype}")
    return arr.astype(be.xp.uint64, copy=False)


def _first_mismatch(job: RowJob, diff: np.ndarray, got: np.ndarray, start: int) -> Counterexample:
    best: tuple[int, int] | None = None
    for j in range(diff.shape[0]):
        nz = np.flatnonzero(diff[j])
        if nz.size:
            word = int(diff[j, nz[0]])
            row = (start + int(nz[0])) * WORD_BITS + (word & -word).bit_length() - 1
            if best is None or row < best[0]:
                best = (row, j)
    assert best is not None
    row, j = best
    g = int(got[j, row // WORD_BITS - start] >> np.uint64(row % WORD_BITS)) & 1
    n = len(job.net.inputs)
    ins = {name: (row >> (n - 1 - i)) & 1 for i, name in enumerate(job.net.inputs)}
    return Counterexample(row, ins, job.out_names[j], 1 - g, g)


def scan_words(job: RowJob, start: int, stop: int, *, first_only: bool = True,
               progress: Progress | None = None) -> tuple[int, Counterexample | None]:
    """Compare the net with the expected table over words ``start .. stop − 1``.

    Returns
    -------
    (count, first)
        Mismatching (row, output) pairs — only up to the first mismatching chunk when ``first_only`` — and the
        first mismatch in row order (ties: the first compared output), or None.
    """
    be = get_backend(job.backend)
    xp = be.xp
    n, m = len(job.net.inputs), len(job.order)
    buf = xp.empty((m, min(job.chunk_words, stop - start)), dtype=xp.uint64)
    cache: dict = {}
    count, first = 0, None
    for s in range(start, stop, job.chunk_words):
        nw = min(job.chunk_words, stop - s)
        vals = chunk_values(job.plan, xp, s, nw, cache)
        got = fill_words(xp, buf[:, :nw], [vals[i] for i in job.order], n)
        on, care = job.expected(s, nw)
        diff = (got ^ _as_words(be, on, (m, nw), "on")) & _as_words(be, care, (m, nw), "care")
        if n < 6:
            diff &= np.uint64((1 << (1 << n)) - 1)
        if bool(diff.any()):
            if first is None:
                first = _first_mismatch(job, be.to_numpy(diff), be.to_numpy(got), s)
            count += int(np.bitwise_count(be.to_numpy(diff)).sum()) if hasattr(np, "bitwise_count") else int(
                np.unpackbits(be.to_numpy(diff).view(np.uint8)).sum())
            if first_only:
                break
        if progress is not None:
            progress(min((s + nw) * WORD_BITS, 1 << n), 1 << n)
    return count, first


def packed_words(job: RowJob, start: int, stop: int, progress: Progress | None = None) -> np.ndarray:
    """The net's outputs over words ``start .. stop − 1`` ((m, stop − start) uint64 on the host)."""
    be = get_backend(job.backend)
    xp = be.xp
    n, m = len(job.net.inputs), len(job.order)
    result = np.empty((m, stop - start), dtype=np.uint64)
    buf = xp.empty((m, min(job.chunk_words, stop - start)), dtype=xp.uint64)
    cache: dict = {}
    for s in range(start, stop, job.chunk_words):
        nw = min(job.chunk_words, stop - s)
        vals = chunk_values(job.plan, xp, s, nw, cache)
        result[:, s - start:s - start + nw] = be.to_numpy(fill_words(xp, buf[:, :nw], [vals[i] for i in job.order], n))
        if progress is not None:
            progress(min((s + nw) * WORD_BITS, 1 << n), 1 << n)
    return result


def _scan_task(job: RowJob, block: tuple[int, int, bool]) -> tuple[int, Counterexample | None]:
    start, stop, first_only = block
    return scan_words(job, start, stop, first_only=first_only)


def _packed_task(job: RowJob, block: tuple[int, int]) -> np.ndarray:
    return packed_words(job, *block)


def scan_blocks(job: RowJob, total_words: int, *, scheduler: str | Scheduler | None, block_words: int | None,
                first_only: bool, progress: Progress | None) -> tuple[int, Counterexample | None]:
    """:func:`scan_words` over all words, block by block on the scheduler; merged in block order."""
    blocks = [(a, b, first_only) for a, b in word_blocks(total_words, block_words)]
    stop = (lambda r: r[1] is not None) if first_only else None
    results = run_blocks(_scan_task, blocks, shared=job, scheduler=scheduler, progress=progress, stop=stop)
    first = next((r[1] for r in results if r[1] is not None), None)
    return sum(r[0] for r in results), first


def packed_blocks(job: RowJob, total_words: int, *, scheduler: str | Scheduler | None, block_words: int | None,
                  progress: Progress | None) -> np.ndarray:
    """:func:`packed_words` over all words, block by block on the scheduler, concatenated in block order."""
    parts = run_blocks(_packed_task, word_blocks(total_words, block_words), shared=job, scheduler=scheduler,
                       progress=progress)
    return np.concatenate(parts, axis=1)
