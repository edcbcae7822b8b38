"""The packed-row convention, stated once: 0/1 truth-table rows, 64 per uint64 word.

Row ``r`` of a table over ``n`` inputs encodes the inputs with the FIRST input as the most significant bit (the
*row order*: row 5 of three inputs a, b, c is a=1, b=0, c=1). Row ``r`` lives in word ``r // 64`` at bit
``r % 64`` (bit 0 = least significant). Rows beyond ``2**n`` (when ``n < 6``) are 0.

This is different from the *variable order* of cube covers (:mod:`neurosim.logic.cubes`), where variable ``i``
is bit ``i % 64`` of word ``i // 64``: a cube's bits name variables, a packed row's bits name rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import to_numpy
from ..errors import ParameterError

__all__ = ["ALL", "ROW_PATTERNS", "WORD_BITS", "n_words_for", "pack_rows", "unpack_rows"]

#: rows (or variables) per machine word
WORD_BITS = 64
#: a word with every bit set
ALL = (1 << WORD_BITS) - 1
#: bit b of ROW_PATTERNS[p] is bit p of b: the rows of any word whose row index has bit p set (p < 6)
ROW_PATTERNS = tuple(sum(1 << b for b in range(WORD_BITS) if (b >> p) & 1) for p in range(6))


def n_words_for(n_inputs: int) -> int:
    """Words holding the ``2**n_inputs`` rows of a table (at least one)."""
    return max(1, (1 << n_inputs) // WORD_BITS)


def unpack_rows(words: Any, n_rows: int) -> np.ndarray:
    """Unpack packed rows into one 0/1 byte per row.

    Parameters
    ----------
    words : array, shape (..., n_words), uint64 (host or device)
    n_rows : int
        Rows to keep, ``n_rows <= 64 * n_words``.

    Returns
    -------
    numpy.ndarray, shape (..., n_rows), uint8
        Row ``r`` is bit ``r % 64`` of word ``r // 64``.
    """
    w = np.ascontiguousarray(to_numpy(words), dtype="<u8")  # little-endian bytes: byte k holds bits 8k..8k+7
    if n_rows > w.shape[-1] * WORD_BITS:
        raise ParameterError(f"n_rows={n_rows} exceeds the {w.shape[-1] * WORD_BITS} rows in {w.shape[-1]} words")
    bits = np.unpackbits(w.view(np.uint8), axis=-1, bitorder="little")
    return np.ascontiguousarray(bits[..., :n_rows])


def pack_rows(bits: Any) -> np.ndarray:
    """Pack 0/1 rows into words, the inverse of :func:`unpack_rows`; padding rows are 0.

    Parameters
    ----------
    bits : array-like, shape (..., n_rows), 0/1

    Returns
    -------
    numpy.ndarray, shape (..., max(1, ceil(n_rows / 64))), uint64
    """
    b = np.asarray(to_numpy(bits)).astype(bool, copy=False)
    n_rows = b.shape[-1]
    n_words = max(1, -(-n_rows // WORD_BITS))
    pad = n_words * WORD_BITS - n_rows
    if pad:
        b = np.concatenate([b, np.zeros((*b.shape[:-1], pad), dtype=bool)], axis=-1)
    packed = np.packbits(b, axis=-1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64)
