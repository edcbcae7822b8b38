"""Bit-parallel exhaustive evaluation of feedforward McCulloch–Pitts nets: all ``2**n`` input rows, 64 per word.

The engine (:mod:`neurosim.bitplan`) walks the units the outputs need once per chunk of words, depth-first from
the outputs, with one bitwise kernel per unit (:mod:`neurosim.bitwords`: constants, AND, OR, a bit-sliced
threshold, the inhibitory veto folded in as AND with complements) and drops the words of every node as soon as no
later unit or output needs it, so memory stays bounded by the chunk size whatever ``n`` is. Inputs fixed over a
chunk are folded as constants. Results follow the packed convention (first input = most significant bit of the
row index; row ``r`` in word ``r // 64`` at bit ``r % 64``).

Notes
-----
McCulloch & Pitts (1943): a feedforward net with held inputs settles after depth(net) ticks to a Boolean function
of its inputs; this module computes that function for every row at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..backend import NUMPY, Backend, get_backend
from ..errors import DataError
from ..scale import Scheduler, get_scheduler
from ._bitplan import chunk_values, compile_bitplan, fill_words
from .mp import MPNet
from .packed import n_words_for, unpack_rows
from .row_blocks import Counterexample, RowJob, packed_blocks, packed_words, scan_blocks, scan_words

__all__ = [
    "DEFAULT_CHUNK_WORDS",
    "MAX_TABLE_BITS",
    "Counterexample",
    "ExhaustiveResult",
    "check_exhaustive",
    "count_mismatches",
    "packed_chunk",
    "packed_truth_table",
    "truth_table",
    "verify_exhaustive",
]

#: words per chunk: 2**14 words (2**20 rows, 128 KiB per node) balances per-operation overhead and cache reuse on
#: CPUs (measured on the compiler-style benchmark net); a GPU wants far larger chunks (e.g. 2**20)
DEFAULT_CHUNK_WORDS = NUMPY.chunk_words  # the CPU default; a GPU backend uses larger chunks
#: largest packed table (rows × outputs, in bits) that packed_truth_table builds in memory: 1 GiB
MAX_TABLE_BITS = 1 << 33
#: largest input count truth_table unpacks (one byte per row and output)
MAX_UNPACKED_INPUTS = 24

Progress = Callable[[int, int], None]
PackedFn = Callable[[int, int], tuple[Any, Any]]


class PackedTable(Protocol):
    """What check_exhaustive compares against: named inputs and outputs, and packed (on, care) words."""

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]

    def packed(self, start_word: int, n_words: int) -> tuple[Any, Any]: ...


def _chunk(chunk_words: int | None, be: Backend) -> int:
    """The chunk size to use: the caller's, else the backend's (cache-sized on a CPU, GPU-filling on a GPU)."""
    if chunk_words is None:
        return be.chunk_words
    _check_chunk(chunk_words)
    return chunk_words


def _check_chunk(chunk_words: int) -> None:
    if isinstance(chunk_words, bool) or not isinstance(chunk_words, int) or chunk_words < 1:
        raise DataError(f"chunk_words must be a positive integer, found {chunk_words!r}")


def packed_chunk(net: MPNet, start_word: int, n_words: int, *, backend: str | Backend | None = None) -> Any:
    """Packed outputs of a feedforward net over words ``start_word .. start_word + n_words - 1``.

    Returns
    -------
    array on the backend, shape (n_outputs, n_words), uint64
        Row ``r`` (global) is bit ``r % 64`` of word ``r // 64``; the first input is the row's top bit.
    """
    be = get_backend(backend)
    plan = compile_bitplan(net)
    out = be.xp.empty((len(net.outputs), n_words), dtype=be.xp.uint64)
    return fill_words(be.xp, out, chunk_values(plan, be.xp, start_word, n_words), len(net.inputs))


def packed_truth_table(net: MPNet, *, backend: str | Backend | None = None, progress: Progress | None = None,
                       chunk_words: int | None = None, scheduler: str | Scheduler | None = None,
                       block_words: int | None = None) -> np.ndarray:
    """Every output of a feedforward net on all ``2**n`` input rows, packed 64 rows per word.

    Parameters
    ----------
    net : MPNet
        A feedforward net with ``n`` inputs and ``m`` outputs.
    backend : str or Backend, optional
        Where the words are computed (``"numpy"`` or ``"cupy"``); the result comes back to the host.
    progress : callable, optional
        Called as ``progress(rows_done, 2**n)`` after each chunk (inline), or ``progress(blocks_done, blocks)``.
    chunk_words : int
        Words evaluated at once (bounds the working memory).
    scheduler : str or Scheduler, optional
        Where blocks of rows run (:mod:`neurosim.scale`); the table is the same.
    block_words : int, optional
        Words per block (default :data:`neurosim.core.row_blocks.BLOCK_WORDS`).

    Returns
    -------
    numpy.ndarray, shape (m, max(1, 2**n // 64)), uint64
        Row ``r`` in word ``r // 64`` at bit ``r % 64``; padding rows (n < 6) are 0.

    Raises
    ------
    InvalidNetworkError
        The net has a cycle.
    DataError
        The table would exceed :data:`MAX_TABLE_BITS`: use :func:`check_exhaustive`, which never holds it.
    """
    n, m = len(net.inputs), len(net.outputs)
    if m * (1 << n) > MAX_TABLE_BITS:
        raise DataError(
            f"a packed table of {n} inputs and {m} outputs needs {m * (1 << n) / 8 / 2**30:.0f} GiB, over the "
            f"{MAX_TABLE_BITS / 8 / 2**30:.0f} GiB limit; use check_exhaustive to compare with a table chunk by chunk")
    be = get_backend(backend)
    job = RowJob(net, None, list(range(m)), net.output_names, be.name, _chunk(chunk_words, be))
    _ = job.plan  # a cycle is an InvalidNetworkError here, before any block is sent anywhere
    total = n_words_for(n)
    if get_scheduler(scheduler).name == "inline" and block_words is None:
        return packed_words(job, 0, total, progress)
    return packed_blocks(job, total, scheduler=scheduler, block_words=block_words, progress=progress)


def truth_table(net: MPNet, *, backend: str | Backend | None = None, progress: Progress | None = None,
                chunk_words: int | None = None, scheduler: str | Scheduler | None = None) -> np.ndarray:
    """Every output on all ``2**n`` input rows, one byte per bit (for ``n <= 24``).

    Returns
    -------
    numpy.ndarray, shape (2**n, n_outputs), uint8
        Row ``r`` holds the outputs for the inputs whose bits, first input most significant, spell ``r``.
    """
    n = len(net.inputs)
    if n > MAX_UNPACKED_INPUTS:
        raise DataError(f"truth_table unpacks at most {MAX_UNPACKED_INPUTS} inputs, found {n}; use "
                        "packed_truth_table or check_exhaustive")
    packed = packed_truth_table(net, backend=backend, progress=progress, chunk_words=chunk_words,
                                scheduler=scheduler)
    return np.ascontiguousarray(unpack_rows(packed, 1 << n).T)


@dataclass(frozen=True, slots=True)
class ExhaustiveResult:
    """What :func:`verify_exhaustive` did: rows checked, time, engine, and the first mismatch if any."""

    rows: int
    seconds: float
    engine: str
    mismatch: Counterexample | None

    @property
    def ok(self) -> bool:
        return self.mismatch is None


def _expected_fn(net: MPNet, expected: PackedTable | PackedFn) -> tuple[PackedFn, list[int], tuple[str, ...]]:
    """The packed callable, the net's output index for each table output, and the table's output names."""
    names = net.output_names
    if not hasattr(expected, "packed"):
        if not callable(expected):
            raise DataError(f"expected must be a truth table with .packed() or a callable, found "
                            f"{type(expected).__name__}")
        return expected, list(range(len(names))), names
    t_inputs, t_outputs = tuple(expected.inputs), tuple(expected.outputs)
    if t_inputs != net.inputs:
        raise DataError(f"the table's inputs ({', '.join(t_inputs)}) differ from the net's inputs "
                        f"({', '.join(net.inputs)}); rows would not correspond")
    if sorted(t_outputs) != sorted(names):
        raise DataError(f"the table's outputs ({', '.join(t_outputs)}) differ from the net's outputs "
                        f"({', '.join(names)})")
    return expected.packed, [names.index(o) for o in t_outputs], t_outputs


def verify_exhaustive(net: MPNet, expected: PackedTable | PackedFn, *, backend: str | Backend | None = None,
                      progress: Progress | None = None, chunk_words: int | None = None,
                      scheduler: str | Scheduler | None = None, block_words: int | None = None) -> ExhaustiveResult:
    """Compare a feedforward net with a packed table on every one of its ``2**n`` rows, chunk by chunk.

    Parameters
    ----------
    net : MPNet
    expected : truth table or callable
        Either an object with ``.inputs`` and ``.outputs`` (name tuples; inputs must equal the net's, in order;
        outputs are matched to the net's by name) and ``.packed(start_word, n_words) -> (on, care)``, or such a
        callable alone (outputs then in the net's order). ``on`` and ``care`` are (n_outputs, n_words) uint64.
    backend, progress, chunk_words, scheduler, block_words
        As in :func:`packed_truth_table`; the table is never held whole. On a scheduler other than inline the
        blocks after the first one with a mismatch are cancelled.

    Returns
    -------
    ExhaustiveResult
        ``mismatch`` is the first mismatch in row order (ties: the table's first output), or None; the same
        under every scheduler.
    """
    t0 = time.perf_counter()
    _, first = _scan(net, expected, backend, progress, chunk_words, scheduler, block_words, True)
    be = get_backend(backend)
    rows = first.row + 1 if first is not None else 1 << len(net.inputs)
    return ExhaustiveResult(rows, time.perf_counter() - t0, f"bitsim/{be.name}", first)


def _scan(net, expected, backend, progress, chunk_words, scheduler, block_words, first_only):
    be = get_backend(backend)
    fn, order, out_names = _expected_fn(net, expected)
    job = RowJob(net, fn, order, out_names, be.name, _chunk(chunk_words, be))
    _ = job.plan  # a cycle is an InvalidNetworkError here, before any block is sent anywhere
    total = n_words_for(len(net.inputs))
    if get_scheduler(scheduler).name == "inline" and block_words is None:
        return scan_words(job, 0, total, first_only=first_only, progress=progress)
    return scan_blocks(job, total, scheduler=scheduler, block_words=block_words, first_only=first_only,
                       progress=progress)


def count_mismatches(net: MPNet, expected: PackedTable | PackedFn, *, backend: str | Backend | None = None,
                     progress: Progress | None = None, chunk_words: int | None = None,
                     scheduler: str | Scheduler | None = None, block_words: int | None = None
                     ) -> tuple[int, Counterexample | None]:
    """How many (care row, output) pairs the net gets wrong, over all ``2**n`` rows, and the first of them.

    Parameters as in :func:`verify_exhaustive`; every row is always evaluated (nothing stops early).
    """
    return _scan(net, expected, backend, progress, chunk_words, scheduler, block_words, False)


def check_exhaustive(net: MPNet, expected: PackedTable | PackedFn, *, backend: str | Backend | None = None,
                     progress: Progress | None = None, chunk_words: int | None = None,
                     scheduler: str | Scheduler | None = None, block_words: int | None = None
                     ) -> Counterexample | None:
    """The first row where ``net`` disagrees with ``expected`` on a care value, or None when it never does.

    See :func:`verify_exhaustive` for the parameters; this returns only its ``mismatch``.
    """
    return verify_exhaustive(net, expected, backend=backend, progress=progress, chunk_words=chunk_words,
                             scheduler=scheduler, block_words=block_words).mismatch
