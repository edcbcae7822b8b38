"""Two-level minimisation: the exact minimum cover (:mod:`neurosim.logic.exact_cover`) or the Espresso-style
heuristic (:mod:`neurosim.logic.espresso`), by ``method``.

:func:`minimize` takes multi-output ON/DC covers and returns a multi-output cover whose cubes become the
product-term units of a net; ``method`` picks ``"exact"``, ``"heuristic"`` or ``"auto"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from ..errors import ParameterError
from .covers import MOCover
from .cubes import format_cubes, parse_cubes
from .espresso import espresso
from .exact_cover import EXACT_MAX_INPUTS, minimum_cover, select_cover
from .stages import stage

__all__ = ["METHODS", "MinimizeResult", "minimize", "minimize_cubes"]

#: the two-level minimisation methods
METHODS = ("auto", "exact", "heuristic")


@dataclass(frozen=True, slots=True)
class MinimizeResult:
    """A minimised cover and how it was found.

    Attributes
    ----------
    cover : MOCover
    method : str
        ``"exact"`` (proved minimum over the candidate primes), ``"exact (node limit)"`` or ``"exact (time
        limit)"`` (the solver stopped there with a feasible cover), or ``"heuristic"``.
    stops : tuple of str
        Each solve a limit stopped (``"exact cover: node limit"``, ...): node limits are the same on every
        machine, a time limit (only when the caller gave one) is not.
    """

    cover: MOCover
    method: str
    stops: tuple[str, ...] = ()


def minimize(on: MOCover, dc: MOCover, n: int, *, method: str = "auto", off: MOCover | None = None,
             time_limit: float | None = None, offset: MOCover | None = None, restarts: int = 0) -> MinimizeResult:
    """Minimise a multi-output function given by ON and DC covers.

    Parameters
    ----------
    on, dc : MOCover
        ``(N, W)`` input parts and ``(N, m)`` output parts.
    n : int
        Number of inputs.
    method : {"auto", "exact", "heuristic"}
        ``exact`` needs ``n <= EXACT_MAX_INPUTS`` and a prime count the ILP can take; ``auto`` runs the
        heuristic and, when the function is small enough, the exact method too, keeping the smaller cover.
    off : MOCover, optional
        An explicit OFF-set (PLA types ``fr``/``fdr``).
    time_limit : float, optional
        Seconds per ILP, only if wanted: by default the ILPs stop at deterministic node limits
        (:mod:`neurosim.logic.milp`), so the result is the same on every machine; a clock makes it depend on the
        machine's speed and load, and :attr:`MinimizeResult.stops` says when it stopped a solve.
    offset : MOCover, optional
        The complement of ``ON ∪ DC`` if the caller already has it (saves recomputing it).
    restarts : int
        Extra heuristic runs from shuffled cube orders; with ``n <= 16`` an ILP then picks the fewest cubes
        among every prime the runs produced.

    Returns
    -------
    MinimizeResult
    """
    if method not in METHODS:
        raise ParameterError(f"method must be one of {', '.join(METHODS)}, found {method!r}")
    heur = None
    stops: list[str] = []
    if method != "exact":
        select = partial(select_cover, time_limit=time_limit, stops=stops)
        heur = espresso(on, dc, n, off=off if off is not None else offset, select=select, restarts=restarts)
        if method == "heuristic":
            return MinimizeResult(heur, "heuristic", tuple(stops))
    if n <= EXACT_MAX_INPUTS and off is None:
        stage(f"exact cover: primes of {len(on)} ON cubes, {n} inputs")
        found = minimum_cover(on, dc, n, time_limit=time_limit)
        if found is not None and found[1] is not None:
            stops.append(f"exact cover: {found[1]}")
        if found is not None and (heur is None or found[0].cost() < heur.cost()):
            return MinimizeResult(found[0], "exact" if found[1] is None else f"exact ({found[1]})", tuple(stops))
    if heur is None:  # exact asked for but out of reach: say so through the method label
        return MinimizeResult(espresso(on, dc, n, off=off if off is not None else offset),
                              "heuristic (exact out of reach)", tuple(stops))
    return MinimizeResult(heur, "heuristic", tuple(stops))


def minimize_cubes(on: Sequence[str], dc: Sequence[str] = (), *, n: int | None = None,
                   method: str = "auto") -> list[str]:
    """Single-output convenience: ON and DC cube strings over ``'01-'`` -> a minimised list of cube strings."""
    if n is None:
        n = len(on[0]) if on else len(dc[0]) if dc else 0
    oc, ov = parse_cubes(list(on), n)
    dcc, dcv = parse_cubes(list(dc), n)
    res = minimize(MOCover(oc, ov, np.ones((len(oc), 1), bool)), MOCover(dcc, dcv, np.ones((len(dcc), 1), bool)),
                   n, method=method)
    return sorted(format_cubes(res.cover.care, res.cover.val, n))
