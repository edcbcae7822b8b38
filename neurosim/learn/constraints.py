"""Declarative hyperparameter checks: each learner states a constraints table, :func:`check_params` enforces it.

As in scikit-learn's ``_parameter_constraints``: a table maps each hyperparameter to the list of constraints it may
satisfy (``None`` in the list allows ``None``). Checks run in ``fit`` (hyperparameters are stored unchanged by
``__init__``) and raise :class:`~neurosim.errors.ParameterError` naming the learner, the parameter, what it must
be and what it was. NumPy integer and floating scalars count as Python ints and floats; ``bool`` is not a number;
a real number must be finite unless the interval is unbounded on that side and says ``finite=False``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

from ..errors import ParameterError

__all__ = ["InstanceOf", "Interval", "Options", "PositiveSizes", "check_params", "is_int", "is_real"]


def is_int(v: Any) -> bool:
    """A Python or NumPy integer, not a bool."""
    return isinstance(v, Integral) and not isinstance(v, bool)


def is_real(v: Any) -> bool:
    """A Python or NumPy real number (integers included), not a bool."""
    return isinstance(v, Real) and not isinstance(v, bool)


@dataclass(frozen=True, slots=True)
class Interval:
    """Numbers of ``kind`` (``int`` or ``float``) between ``low`` and ``high``; ``closed`` names the ends that
    belong to it: ``"both"``, ``"left"``, ``"right"`` or ``"neither"``."""

    kind: type
    low: float | None = None
    high: float | None = None
    closed: str = "both"
    finite: bool = True

    def accepts(self, v: Any) -> bool:
        if not (is_int(v) if self.kind is int else is_real(v)):
            return False
        x = float(v)
        if math.isnan(x) or (self.finite and math.isinf(x)):
            return False
        if self.low is not None and (x < self.low or (x == self.low and self.closed in ("right", "neither"))):
            return False
        return not (self.high is not None
                    and (x > self.high or (x == self.high and self.closed in ("left", "neither"))))

    def describe(self) -> str:
        what = "an integer" if self.kind is int else "a finite number" if self.finite else "a number"
        if self.low is not None and self.high is not None:
            left = "[" if self.closed in ("both", "left") else "("
            right = "]" if self.closed in ("both", "right") else ")"
            return f"{what} in {left}{self.low:g}, {self.high:g}{right}"
        if self.low is not None:
            return f"{what} {'>=' if self.closed in ('both', 'left') else '>'} {self.low:g}"
        if self.high is not None:
            return f"{what} {'<=' if self.closed in ('both', 'right') else '<'} {self.high:g}"
        return what


@dataclass(frozen=True, slots=True)
class Options:
    """One of a fixed set of values (strings from a registry, typically); ``what`` names the set."""

    values: tuple[Any, ...]
    what: str = ""

    def accepts(self, v: Any) -> bool:
        return any(v is x or (type(v) is type(x) and v == x) for x in self.values)

    def describe(self) -> str:
        listed = ", ".join(repr(x) for x in self.values)
        return f"{self.what + ': ' if self.what else ''}one of {listed}"


@dataclass(frozen=True, slots=True)
class PositiveSizes:
    """A non-empty sequence of positive integers (layer widths); a single positive integer counts as one."""

    def accepts(self, v: Any) -> bool:
        if is_int(v):
            return int(v) >= 1
        if isinstance(v, str | bytes) or not isinstance(v, Sequence | Iterable) or isinstance(v, Mapping):
            return False
        items = list(v)
        return bool(items) and all(is_int(h) and int(h) >= 1 for h in items)

    def describe(self) -> str:
        return "a non-empty sequence of positive integers"


@dataclass(frozen=True, slots=True)
class InstanceOf:
    """An instance of one of ``types`` (e.g. a NumPy ``Generator`` for ``random_state``)."""

    types: tuple[type, ...]

    def accepts(self, v: Any) -> bool:
        return isinstance(v, self.types)

    def describe(self) -> str:
        return " or ".join(f"a {t.__name__}" for t in self.types)


Constraint = Interval | Options | PositiveSizes | InstanceOf | None


def _describe(c: Constraint) -> str:
    return "None" if c is None else c.describe()


def check_params(learner: Any, table: Mapping[str, Sequence[Constraint]]) -> None:
    """Check every hyperparameter of ``learner`` named in ``table`` against its constraints.

    Raises
    ------
    ParameterError
        The first parameter that satisfies none of its constraints.
    """
    for name, allowed in table.items():
        v = getattr(learner, name)
        if any((c is None and v is None) or (c is not None and c.accepts(v)) for c in allowed):
            continue
        must = " or ".join(_describe(c) for c in allowed)
        raise ParameterError(f"{type(learner).__name__}: {name} must be {must}, got {v!r}")
