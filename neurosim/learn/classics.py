"""Classic results of 1969 and 1986, reproduced: what the perceptron cannot learn and what backprop learns.

The data sets are the historical ones — the 8-3-8 encoder, N-bit parity, 6-bit mirror symmetry (Rumelhart, Hinton &
Williams 1986) and a connectedness-style predicate on a 1-D retina, "the ones form one contiguous block" (after
Minsky & Papert 1969, who proved that connectedness needs perceptron predicates of unbounded order) — with the
training protocols of :data:`CLASSICS` and helpers that read the learned weights the way the papers did.

Notes
-----
Rumelhart, Hinton & Williams, "Learning representations by back-propagating errors", *Nature* 323 (1986), Fig. 1:
the symmetry net took 1,425 sweeps (η = 0.1, α = 0.9), and its two hidden units weight the inputs in the ratio
1 : 2 : 4 on each side of the middle, with opposite signs. Rumelhart, Hinton & Williams, "Learning internal
representations by error propagation", in *Parallel Distributed Processing* vol. 1 (1986), ch. 8: XOR, parity with
N hidden units, and the 8-3-8 encoder whose hidden units come to form a binary code. Minsky & Papert,
*Perceptrons* (1969): parity and connectedness are not linearly separable.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = ["CLASSICS", "ClassicResult", "Protocol", "contiguity_data", "encoder_data", "hidden_codes",
           "parity_data", "reproduce", "symmetry_data", "symmetry_weights"]


def _cube(n: int) -> np.ndarray:
    if n < 1:
        raise ParameterError(f"expected at least 1 input, found {n!r}")
    return np.array(list(itertools.product([0, 1], repeat=n)), dtype=np.float64)


def encoder_data(n: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """The n one-hot patterns, each its own target (an n-log2(n)-n net must squeeze them through a code)."""
    return np.eye(n), np.eye(n)


def parity_data(n: int) -> tuple[np.ndarray, np.ndarray]:
    """All 2^n patterns, target 1 when the number of ones is odd."""
    X = _cube(n)
    return X, X.sum(axis=1) % 2


def symmetry_data(n: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """All 2^n patterns, target 1 when the pattern reads the same backwards (n even)."""
    if n % 2:
        raise ParameterError(f"mirror symmetry needs an even number of inputs, found {n!r}")
    X = _cube(n)
    return X, np.all(X[:, ::-1] == X, axis=1).astype(np.float64)


def contiguity_data(n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """All 2^n patterns of a 1-D retina, target 1 when the ones form exactly one contiguous block."""
    X = _cube(n)
    blocks = (np.diff(np.pad(X, ((0, 0), (1, 0))), axis=1) == 1).sum(axis=1)  # rising edges
    return X, (blocks == 1).astype(np.float64)


@dataclass(frozen=True, slots=True)
class Protocol:
    """How a classic is trained: data, net, and the published figure it is compared with."""

    name: str
    data: tuple[str, int]
    hidden: int
    eta: float
    summed: bool
    momentum: float
    init_scale: float
    epochs: int
    published: str

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        kind, n = self.data
        return {"encoder": encoder_data, "parity": parity_data, "symmetry": symmetry_data,
                "contiguity": contiguity_data}[kind](n)

    @property
    def lr(self) -> float:
        """The learning rate on the mean gradient that equals η on the summed error (η·m), or η itself."""
        return self.eta * len(self.arrays()[0]) if self.summed else self.eta


#: the reproduced results: η on the summed error where the paper says so (as the XOR reproduction)
CLASSICS: dict[str, Protocol] = {p.name: p for p in (
    Protocol("symmetry", ("symmetry", 6), 2, 0.1, True, 0.9, 0.3, 4000,
             "RHW 1986 (Nature, Fig. 1): 1,425 sweeps; hidden weights 1 : 2 : 4, opposite signs across the middle"),
    Protocol("encoder", ("encoder", 8), 3, 1.0, False, 0.9, 0.3, 3000,
             "RHW 1986 (PDP ch. 8): the 3 hidden units learn a binary code of the 8 patterns"),
    Protocol("parity4", ("parity", 4), 4, 0.25, True, 0.9, 1.0, 4000,
             "RHW 1986 (PDP ch. 8): N hidden units suffice for N-bit parity"),
    Protocol("parity6", ("parity", 6), 6, 0.0625, True, 0.9, 1.0, 4000,
             "RHW 1986 (PDP ch. 8): N hidden units suffice for N-bit parity"),
    Protocol("contiguity5", ("contiguity", 5), 5, 0.25, True, 0.9, 1.0, 4000,
             "Minsky & Papert 1969: connectedness is beyond any perceptron of bounded order"),
)}


@dataclass(frozen=True, slots=True)
class ClassicResult:
    """Many seeds of one classic, trained at once.

    Attributes
    ----------
    protocol : Protocol
    result : ManyNetsResult
    solved : (k,) int array
        Indices of the nets that put every output on the right side of ½.
    epochs : (k,) int array
        Their sweeps to success.
    """

    protocol: Protocol
    result: Any
    solved: np.ndarray
    epochs: np.ndarray

    @property
    def success_rate(self) -> float:
        return self.solved.size / self.result.seeds.shape[0]

    def weights(self, k: int = 0) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Coefficients and intercepts of the k-th solved net."""
        i = int(self.solved[k])
        return [W[i] for W in self.result.coefs], [b[i] for b in self.result.intercepts]


def reproduce(name: str, seeds: Any = range(16), *, stop_when_solved: bool = False,
              backend: Any = None) -> ClassicResult:
    """Train ``seeds`` nets on the classic ``name`` (a key of :data:`CLASSICS`) with its protocol; with
    ``stop_when_solved`` the run ends once every net has succeeded (the sweeps to success are the same)."""
    from .mlp_batch import train_many

    if name not in CLASSICS:
        raise ParameterError(f"unknown classic {name!r}: expected one of {', '.join(CLASSICS)}")
    p = CLASSICS[name]
    X, Y = p.arrays()
    res = train_many(X, Y, np.asarray(list(seeds), dtype=np.int64), hidden_layer_sizes=(p.hidden,), lr=p.lr,
                     momentum=p.momentum, init_scale=p.init_scale, max_epochs=p.epochs,
                     stop_when_all_solved=stop_when_solved, backend=backend)
    solved = np.flatnonzero(res.success_epoch >= 0)
    return ClassicResult(p, res, solved, res.success_epoch[solved])


def symmetry_weights(W1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each hidden unit of a symmetry net: how antisymmetric its input weights are (max |w_i + w_{n−1−i}| over
    max |w|: 0 for exact opposite signs), and the ratios of consecutive pair magnitudes, smallest first (1 : 2 : 4,
    in whatever positions, gives 2, 2).

    Parameters
    ----------
    W1 : (n, h) array
    """
    n = W1.shape[0]
    half = n // 2
    anti = np.abs(W1[:half] + W1[::-1][:half]).max(axis=0) / np.abs(W1).max(axis=0)
    mags = np.sort(np.abs(W1[:half]), axis=0)
    return anti, mags[1:] / mags[:-1]


def hidden_codes(coefs: list[np.ndarray], intercepts: list[np.ndarray], X: np.ndarray) -> np.ndarray:
    """Hidden activations of a one-hidden-layer sigmoid net, thresholded at ½: (m, h) 0/1."""
    h = 1.0 / (1.0 + np.exp(-(X @ coefs[0] + intercepts[0])))
    return (h >= 0.5).astype(np.int64)
