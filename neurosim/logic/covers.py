"""Covers: a single-output cover as a pair of cube arrays, and the multi-output cover of the minimiser.

A single-output :data:`Cover` is ``(care, val)``, two ``(N, W)`` uint64 arrays in the variable order of
:mod:`neurosim.logic.cubes`. A multi-output cover (:class:`MOCover`) adds ``out``, an ``(N, m)`` bool matrix
saying which outputs each cube feeds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core import WORD_BITS

__all__ = ["Cover", "MOCover", "empty_cover", "merge_outputs", "n_words", "universe_cover"]

#: a single-output cover: (care, val), both (N, W) uint64
Cover = tuple[np.ndarray, np.ndarray]


def n_words(n: int) -> int:
    """Words of 64 bits needed for ``n`` variables (at least 1)."""
    return max(1, -(-n // WORD_BITS))


def empty_cover(w: int) -> Cover:
    """The cover of no point (zero cubes), over ``w`` words of variables."""
    return np.zeros((0, w), np.uint64), np.zeros((0, w), np.uint64)


def universe_cover(w: int) -> Cover:
    """The cover of every point (one cube with no literal), over ``w`` words of variables."""
    return np.zeros((1, w), np.uint64), np.zeros((1, w), np.uint64)


@dataclass(slots=True)
class MOCover:
    """A multi-output cover (a working value: arrays are replaced, never shared between covers).

    Attributes
    ----------
    care, val : ndarray, shape (N, W), uint64
        Input parts.
    out : ndarray, shape (N, m), bool
        Output parts.
    """

    care: np.ndarray
    val: np.ndarray
    out: np.ndarray

    def __len__(self) -> int:
        return len(self.care)

    def take(self, idx: np.ndarray) -> MOCover:
        return MOCover(self.care[idx], self.val[idx], self.out[idx])

    def output(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        sel = self.out[:, j]
        return self.care[sel], self.val[sel]

    def cost(self) -> tuple[int, int]:
        """(cubes, literals + output connections): the order in which covers are compared."""
        return len(self), int(np.bitwise_count(self.care).sum()) + int(self.out.sum())


def merge_outputs(parts: list[tuple[np.ndarray, np.ndarray]], n: int) -> MOCover:
    """One single-output cover per output -> a multi-output cover, equal cubes merged into one row."""
    m = len(parts)
    w = n_words(n)
    if not parts or sum(len(c) for c, _ in parts) == 0:
        return MOCover(*empty_cover(w), np.zeros((0, m), bool))
    care = np.concatenate([c for c, _ in parts])
    val = np.concatenate([v for _, v in parts])
    out = np.zeros((len(care), m), dtype=bool)
    out[np.arange(len(care)), np.repeat(np.arange(m), [len(c) for c, _ in parts])] = True
    keys = np.ascontiguousarray(np.concatenate([care, val], axis=1))
    _, first, inv = np.unique(keys.view(np.dtype((np.void, keys.itemsize * keys.shape[1]))).ravel(),
                              return_index=True, return_inverse=True)
    merged = np.zeros((len(first), m), dtype=bool)
    np.logical_or.at(merged, inv.ravel(), out)
    return MOCover(care[first], val[first], merged)
