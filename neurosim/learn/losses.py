"""Loss functions with their gradients, in one registry.

The default is the textbook's squared loss J = (1/m) Σᵢ ½‖h(xᵢ) − yᵢ‖²; cross-entropy is the option. Each loss
gives the per-element loss and the output-layer delta ∂(per-sample loss)/∂z, so backprop starts from the same
place whatever the pair. For the canonical pairs (sigmoid or softmax output with cross-entropy) the delta is
exactly ``h − y``, which is both cheaper and numerically safer than the chain rule through a saturated σ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ParameterError
from .activations import Activation

__all__ = ["LOSSES", "Loss", "get_loss"]

Array = Any
_EPS = 1e-15  # clip probabilities so log never sees 0


@dataclass(frozen=True, slots=True)
class Loss:
    """A loss with its gradient.

    Attributes
    ----------
    name : str
    elementwise : callable ``elementwise(h, y, act, xp) -> array``, shape of ``h``
        Summed over outputs and averaged over samples, this is J.
    dh : callable ``dh(h, y, xp) -> ∂loss/∂h``, shape of ``h``
    canonical : frozenset of str
        Output activations for which ∂loss/∂z = h − y exactly.
    """

    name: str
    elementwise: Callable[..., Array]
    dh: Callable[..., Array]
    canonical: frozenset[str] = frozenset()

    def value(self, h: Array, y: Array, act: Activation, xp: Any) -> Array:
        """J = (1/m) Σ over samples (axis −2) of the loss summed over outputs (axis −1); batch axes kept."""
        return self.elementwise(h, y, act, xp).sum(axis=-1).mean(axis=-1)

    def output_delta(self, z: Array, h: Array, y: Array, act: Activation, xp: Any) -> Array:
        """δ at the output layer, per sample: ∂loss/∂z, shape of ``z``."""
        if act.name in self.canonical:
            return h - y
        if act.df is None:
            raise ParameterError(f"output activation {act.name!r} needs the cross_entropy loss")
        return self.dh(h, y, xp) * act.df(z, h, xp)


def _sq(h: Array, y: Array, act: Activation, xp: Any) -> Array:
    d = h - y
    return 0.5 * d * d


def _sq_dh(h: Array, y: Array, xp: Any) -> Array:
    return h - y


def _ce(h: Array, y: Array, act: Activation, xp: Any) -> Array:
    p = xp.clip(h, _EPS, 1 - _EPS)
    if act.name == "softmax":  # categorical: one-hot rows, Σ −y log p
        return -y * xp.log(p)
    return -(y * xp.log(p) + (1 - y) * xp.log1p(-p))  # one Bernoulli per output


def _ce_dh(h: Array, y: Array, xp: Any) -> Array:
    p = xp.clip(h, _EPS, 1 - _EPS)
    return (p - y) / (p * (1 - p))


#: name -> Loss
LOSSES: dict[str, Loss] = {
    "squared": Loss("squared", _sq, _sq_dh),
    "cross_entropy": Loss("cross_entropy", _ce, _ce_dh, frozenset({"sigmoid", "softmax"})),
}


def get_loss(name: str | Loss) -> Loss:
    """Look up a loss by name; ``ValueError`` naming the known ones otherwise."""
    if isinstance(name, Loss):
        return name
    if name not in LOSSES:
        raise ParameterError(f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}")
    return LOSSES[name]
