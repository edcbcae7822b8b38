"""Universal approximation, shown: one hidden layer of N sigmoid units fits a named 1-D target, N = 1, 2, 4, …

For each N, the net is fitted from several random starts (least squares) and the best is kept. A net of N units
with one more unit whose output weight is 0 *is* a net of N + 1 units with the same error, so the best N-unit net,
padded, is one of the candidates for N + 1: the best error can only fall as N grows — monotone by construction,
not by luck.

Notes
-----
Cybenko, "Approximation by superpositions of a sigmoidal function" (1989); Hornik, Stinchcombe & White,
"Multilayer feedforward networks are universal approximators" (1989).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import ParameterError

__all__ = ["TARGETS", "ApproximationResult", "approximate"]

#: named 1-D targets on [0, 1]
TARGETS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sin(2πx) + ½ sin(6πx)": lambda x: np.sin(2 * np.pi * x) + 0.5 * np.sin(6 * np.pi * x),
    "sin(2πx)": lambda x: np.sin(2 * np.pi * x),
    "bump exp(−40(x−½)²)": lambda x: np.exp(-40 * (x - 0.5) ** 2),
    "|2x − 1|": lambda x: np.abs(2 * x - 1),
}


@dataclass(frozen=True, slots=True)
class ApproximationResult:
    """The best fit for each number of hidden units.

    Attributes
    ----------
    target : str
        The target's name (a key of :data:`TARGETS`).
    x : (m,) array
        Training points in [0, 1].
    units : tuple of int
    rmse : (len(units),) array
        Root-mean-square error of the best net of each width on ``x`` (non-increasing).
    fits : list of (m,) arrays
        The best net's output on ``x``, per width.
    padded : tuple of bool
        Whether the best net of a width is the previous width's best with a silent extra unit.
    """

    target: str
    x: np.ndarray
    units: tuple[int, ...]
    rmse: np.ndarray
    fits: list[np.ndarray]
    padded: tuple[bool, ...]


def _hidden(params: np.ndarray, n: int, x: np.ndarray) -> tuple[np.ndarray, ...]:
    w1, b1, w2, b2 = params[:n], params[n:2 * n], params[2 * n:3 * n], params[3 * n]
    s = 1.0 / (1.0 + np.exp(-np.clip(x[:, None] * w1 + b1, -500, 500)))
    return w1, b1, w2, b2, s


def _fit_one(n: int, x: np.ndarray, y: np.ndarray, rng: np.random.Generator, max_nfev: int) -> np.ndarray:
    """Least squares from one random start: steep sigmoids with their centres spread over [0, 1]."""
    from scipy.optimize import least_squares

    w1 = rng.normal(0.0, 10.0, n)
    b1 = -w1 * rng.uniform(0.0, 1.0, n)
    p0 = np.concatenate([w1, b1, rng.normal(0.0, 1.0, n), [0.0]])

    def residual(p: np.ndarray) -> np.ndarray:
        _, _, w2, b2, s = _hidden(p, n, x)
        return s @ w2 + b2 - y

    def jacobian(p: np.ndarray) -> np.ndarray:
        _, _, w2, _, s = _hidden(p, n, x)
        ds = s * (1 - s) * w2
        return np.hstack([ds * x[:, None], ds, s, np.ones((x.size, 1))])

    return least_squares(residual, p0, jac=jacobian, method="lm", max_nfev=max_nfev).x


def _predict(params: np.ndarray, n: int, x: np.ndarray) -> np.ndarray:
    _, _, w2, b2, s = _hidden(params, n, x)
    return s @ w2 + b2


def _pad(params: np.ndarray, n: int, m: int) -> np.ndarray:
    """The n-unit net as an m-unit net: the extra units are silent (output weight 0)."""
    z = np.zeros(m - n)
    return np.concatenate([params[:n], z, params[n:2 * n], z, params[2 * n:3 * n], z, params[3 * n:]])


def approximate(target: str = "sin(2πx) + ½ sin(6πx)", units: Sequence[int] = (1, 2, 4, 8, 16), *,
                restarts: int = 3, points: int = 64, max_nfev: int = 200, seed: int = 0) -> ApproximationResult:
    """Fit ``target`` with one hidden layer of N sigmoid units and a linear output, for each N in ``units``.

    Each width is fitted from ``restarts`` random starts (``numpy.random.default_rng([seed, N])``) by
    Levenberg–Marquardt least squares on the squared error (exact Jacobian, at most ``max_nfev`` evaluations), and
    keeps the best of them and of the previous width's best padded with a silent unit.

    Raises
    ------
    ParameterError
        An unknown target, or widths that are not increasing positive integers.
    """
    if target not in TARGETS:
        raise ParameterError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    units = tuple(int(n) for n in units)
    if not units or units[0] < 1 or any(b <= a for a, b in itertools.pairwise(units)):
        raise ParameterError(f"expected increasing numbers of units >= 1, found {units!r}")
    if restarts < 1:
        raise ParameterError(f"expected restarts >= 1, found {restarts!r}")
    x = np.linspace(0.0, 1.0, points)
    y = TARGETS[target](x)
    best: tuple[float, np.ndarray, int] | None = None
    rmse, fits, padded = [], [], []
    for n in units:
        rng = np.random.default_rng([seed, n])
        cands = []
        for _ in range(restarts):
            p = _fit_one(n, x, y, rng, max_nfev)
            cands.append((float(np.sqrt(np.mean((_predict(p, n, x) - y) ** 2))), p, n))
        cand = min(cands, key=lambda c: c[0])
        took_padded = best is not None and best[0] <= cand[0]
        if took_padded:
            cand = (best[0], _pad(best[1], best[2], n), n)
        best = cand
        rmse.append(cand[0])
        fits.append(_predict(cand[1], n, x))
        padded.append(took_padded)
    return ApproximationResult(target, x, units, np.array(rmse), fits, tuple(padded))
