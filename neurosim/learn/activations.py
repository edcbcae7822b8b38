"""Activation functions beside their derivatives, in one registry.

Each entry of :data:`ACTIVATIONS` pairs ``f`` with ``f′``, scikit-learn's ``ACTIVATIONS``/``DERIVATIVES`` style but
side by side so the two can never drift apart. The derivative is written from whichever of ``z`` (the net input)
and ``a = f(z)`` is cheaper: σ′ = a(1 − a), tanh′ = 1 − a², ReLU′ = [z > 0].

Every function takes the array namespace ``xp`` (NumPy or CuPy, from the backend) and an optional ``out`` array so
the batched trainer can run without temporaries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ParameterError

__all__ = ["ACTIVATIONS", "Activation", "get_activation"]

Array = Any


@dataclass(frozen=True, slots=True)
class Activation:
    """An activation function with its derivative.

    Attributes
    ----------
    name : str
    f : callable ``f(z, xp, out=None) -> a``
        Elementwise (except ``softmax``, which normalises along the last axis).
    df : callable ``df(z, a, xp, out=None) -> f′(z)`` or None
        ``None`` for ``softmax``, whose Jacobian is not elementwise: it is used only as an output with the
        cross-entropy loss, where the output delta is simply ``h − y``.
    elementwise : bool
    """

    name: str
    f: Callable[..., Array]
    df: Callable[..., Array] | None
    elementwise: bool = True

    def __post_init__(self) -> None:
        if not self.name or not callable(self.f):
            raise ParameterError("an activation needs a name and a callable f")


def _sigmoid(z: Array, xp: Any, out: Array | None = None) -> Array:
    # 1/(1 + e^−z) with −z capped at 700 so exp never overflows (σ(−700) ≈ 1e−304 is 0 for every purpose).
    # Not ½(1 + tanh(z/2)): NumPy's tanh is about twice as slow as exp on AVX2 machines, and σ dominates
    # the many-seeds trainer's time.
    out = xp.negative(z, out=out)
    xp.minimum(out, 700.0, out=out)
    xp.exp(out, out=out)
    out += 1.0
    xp.reciprocal(out, out=out)
    return out


def _dsigmoid(z: Array, a: Array, xp: Any, out: Array | None = None) -> Array:
    out = xp.subtract(1.0, a, out=out)
    out *= a
    return out


def _tanh(z: Array, xp: Any, out: Array | None = None) -> Array:
    return xp.tanh(z, out=out)


def _dtanh(z: Array, a: Array, xp: Any, out: Array | None = None) -> Array:
    out = xp.multiply(a, a, out=out)
    xp.subtract(1.0, out, out=out)
    return out


def _relu(z: Array, xp: Any, out: Array | None = None) -> Array:
    return xp.maximum(z, 0.0, out=out)


def _drelu(z: Array, a: Array, xp: Any, out: Array | None = None) -> Array:
    # The kink at 0 takes derivative 0 (the subgradient scikit-learn and PyTorch use).
    if out is None:
        return (z > 0).astype(z.dtype)
    return xp.greater(z, 0.0, out=out)


def _abs(z: Array, xp: Any, out: Array | None = None) -> Array:
    return xp.abs(z, out=out)


def _dabs(z: Array, a: Array, xp: Any, out: Array | None = None) -> Array:
    return xp.sign(z, out=out)


def _identity(z: Array, xp: Any, out: Array | None = None) -> Array:
    if out is None:
        return z
    out[...] = z
    return out


def _didentity(z: Array, a: Array, xp: Any, out: Array | None = None) -> Array:
    if out is None:
        return xp.ones_like(z)
    out.fill(1.0)
    return out


def _softmax(z: Array, xp: Any, out: Array | None = None) -> Array:
    # Subtract the row maximum first so exp never overflows.
    out = xp.subtract(z, z.max(axis=-1, keepdims=True), out=out)
    xp.exp(out, out=out)
    out /= out.sum(axis=-1, keepdims=True)
    return out


#: name -> Activation; the only place activations are looked up.
ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", _sigmoid, _dsigmoid),
        Activation("tanh", _tanh, _dtanh),
        Activation("relu", _relu, _drelu),
        Activation("identity", _identity, _didentity),
        Activation("abs", _abs, _dabs),
        Activation("softmax", _softmax, None, elementwise=False),
    )
}

#: activations allowed in hidden layers (softmax is output-only)
HIDDEN_ACTIVATIONS = tuple(name for name, a in ACTIVATIONS.items() if a.elementwise)


def get_activation(name: str | Activation, *, hidden: bool = False) -> Activation:
    """Look up an activation by name.

    Raises
    ------
    ValueError
        Unknown name (the message lists the known ones), or ``softmax`` asked for as a hidden activation.
    """
    if isinstance(name, Activation):
        return name
    names = HIDDEN_ACTIVATIONS if hidden else tuple(ACTIVATIONS)
    if name not in names:
        where = "hidden " if hidden else ""
        raise ParameterError(f"unknown {where}activation {name!r}: expected one of {', '.join(names)}")
    return ACTIVATIONS[name]
