"""What a backprop run needs to continue exactly where another stopped.

Gradient descent with momentum, mini-batches and early stopping carries state beyond the weights: the velocity
of every parameter, the random generator that shuffles the mini-batches and the order it last produced, the
early-stopping counters, and the hyperparameters that define the update. :class:`TrainingState` holds all of
it, so that N epochs and then M more from the state equal N + M epochs in one run, bit for bit
(:mod:`neurosim.io.weights` writes it next to the weights).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import DataError
from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from .losses import LOSSES

__all__ = ["GRADIENT_FORMS", "TrainingState"]

#: the form of the update's gradient: "mean" is the textbook J's (1/m)ΔW (the only one MLPClassifier/
#: MLPRegressor use; ``neurosim xor --gradient sum`` is Rumelhart's summed E, trained by ``train_many``)
GRADIENT_FORMS = ("mean",)


#: NumPy bit generators whose state a file may hold (``default_rng`` uses PCG64)
_BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


def _plain(obj: Any) -> Any:
    """A generator state as plain JSON values (NumPy accepts lists and ints back)."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


def _arrays(value: Any) -> tuple[np.ndarray, ...]:
    return tuple(np.array(a, dtype=np.float64) for a in value)


@dataclass(frozen=True, slots=True)
class TrainingState:
    """An MLP's training state after some epochs.

    Attributes
    ----------
    coefs, intercepts : tuple of arrays
        The weights: (fan_in, fan_out) and (fan_out,) per layer.
    velocity_coefs, velocity_intercepts : tuple of arrays
        The momentum velocities v of the last update, of the same shapes.
    epochs : int
        Epochs done in all the runs so far.
    activation, output_activation, loss : str
        Hidden and output activations, loss.
    lr, momentum, weight_decay : float
    batch_size : int or None
        None: the full batch.
    shuffle : bool
    gradient : str
        One of :data:`GRADIENT_FORMS`.
    tol : float or None
    n_iter_no_change : int
    rng_state : dict or None
        ``numpy.random.Generator.bit_generator.state`` after the last epoch (None: never drawn from).
    order : tuple of int or None
        The sample order the next mini-batch shuffle starts from (each shuffle permutes the previous order).
    best_loss : float or None
        Early stopping: the best epoch loss so far (None before any epoch).
    stall : int
        Early stopping: epochs without an improvement of ``tol``.
    final_loss : float or None
        J at these weights (the loss of the net as written, weight decay included).
    """

    coefs: tuple[np.ndarray, ...]
    intercepts: tuple[np.ndarray, ...]
    velocity_coefs: tuple[np.ndarray, ...]
    velocity_intercepts: tuple[np.ndarray, ...]
    epochs: int
    activation: str
    output_activation: str
    loss: str
    lr: float
    momentum: float
    weight_decay: float
    batch_size: int | None
    shuffle: bool
    gradient: str = "mean"
    tol: float | None = None
    n_iter_no_change: int = 10
    rng_state: dict[str, Any] | None = field(default=None, repr=False)
    order: tuple[int, ...] | None = field(default=None, repr=False)
    best_loss: float | None = None
    stall: int = 0
    final_loss: float | None = None

    def __post_init__(self) -> None:
        for name in ("coefs", "intercepts", "velocity_coefs", "velocity_intercepts"):
            object.__setattr__(self, name, _arrays(getattr(self, name)))
        self._check_shapes()
        self._check_options()
        if self.rng_state is not None:
            object.__setattr__(self, "rng_state", _plain(self.rng_state))
        if self.order is not None:
            order = tuple(int(i) for i in self.order)
            if sorted(order) != list(range(len(order))):
                raise DataError("training state: order must be a permutation of 0..m-1")
            object.__setattr__(self, "order", order)

    def _check_shapes(self) -> None:
        if not self.coefs or len(self.coefs) != len(self.intercepts):
            raise DataError("training state: one coefs and one intercepts array per layer are needed")
        for name, want, got in (("velocity_coefs", self.coefs, self.velocity_coefs),
                                ("velocity_intercepts", self.intercepts, self.velocity_intercepts)):
            if [a.shape for a in got] != [a.shape for a in want]:
                raise DataError(f"training state: {name} has shapes {[a.shape for a in got]}, expected "
                                f"{[a.shape for a in want]}")

    def _check_options(self) -> None:
        if self.activation not in HIDDEN_ACTIVATIONS or self.output_activation not in ACTIVATIONS:
            raise DataError(f"training state: unknown activation {self.activation!r}/{self.output_activation!r}")
        if self.loss not in LOSSES:
            raise DataError(f"training state: unknown loss {self.loss!r}; expected one of {', '.join(LOSSES)}")
        if self.gradient not in GRADIENT_FORMS:
            raise DataError(f"training state: gradient {self.gradient!r} cannot be continued here; expected "
                            f"one of {', '.join(GRADIENT_FORMS)}")
        if self.epochs < 0 or self.stall < 0:
            raise DataError("training state: epochs and stall must be non-negative")

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """The estimator parameters this state was trained with (``MLPClassifier(**state.hyperparameters)``)."""
        return {"hidden_layer_sizes": tuple(W.shape[1] for W in self.coefs[:-1]), "activation": self.activation,
                "loss": self.loss, "lr": self.lr, "momentum": self.momentum, "weight_decay": self.weight_decay,
                "batch_size": self.batch_size, "shuffle": self.shuffle, "tol": self.tol,
                "n_iter_no_change": self.n_iter_no_change}

    def generator(self) -> np.random.Generator | None:
        """A generator in :attr:`rng_state` (None when the state has none)."""
        if self.rng_state is None:
            return None
        name = self.rng_state.get("bit_generator")
        if name not in _BIT_GENERATORS:
            raise DataError(f"training state: unknown bit generator {name!r}; expected one of "
                            f"{', '.join(_BIT_GENERATORS)}")
        gen = np.random.Generator(getattr(np.random, name)())
        try:
            gen.bit_generator.state = self.rng_state
        except (TypeError, ValueError, KeyError) as exc:
            raise DataError(f"training state: a bad {name} generator state ({exc})") from None
        return gen
