"""The multilayer perceptron trained by backpropagation: :class:`MLPClassifier` and :class:`MLPRegressor`.

scikit-learn conventions (keyword-only hyperparameters stored unchanged, work in ``fit``, learned attributes end in
``_``), with the textbook's defaults: sigmoid units, the squared loss J = (1/m) Σ ½‖h(x) − y‖², full-batch
gradient descent, no momentum, no weight decay, and exactly ``max_epochs`` epochs (early stopping only when
``tol`` is given). One update is W ← W − α[(1/m)ΔW + λW], b ← b − α(1/m)Δb; with momentum μ it becomes
v ← μv − α[…], W ← W + v (Rumelhart, Hinton & Williams' Δw(t) = −η∂E/∂w + αΔw(t−1)).

Notes
-----
Rumelhart, Hinton & Williams, "Learning representations by back-propagating errors", Nature 323 (1986).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import numpy as np

from ..errors import DataError, DivergenceError, NotFittedError
from .activations import HIDDEN_ACTIVATIONS, get_activation
from .backprop import INIT_SCHEMES, GradientCheckResult, backprop, forward, gradient_check_arrays, init_params
from .base import EstimatorMixin, _sklearn_class
from .constraints import InstanceOf, Interval, Options, PositiveSizes, check_params
from .losses import LOSSES, get_loss
from .mlp_state import TrainingState
from .validation import check_targets, check_X

__all__ = ["MLPClassifier", "MLPRegressor", "backprop", "gradient_check"]


def _init_seed(random_state: Any, rng: np.random.Generator) -> int:
    """The seed of the initial weights: ``random_state`` itself when it is an int (so ``train_many`` can draw the
    same weights for many seeds at once), else one draw from ``rng`` (None or a Generator)."""
    if isinstance(random_state, int | np.integer) and not isinstance(random_state, bool):
        return int(random_state)
    return int(rng.integers(0, 2**63))


class _BaseMLP(EstimatorMixin):
    _out_activation = "identity"
    #: what each hyperparameter may be (checked in ``fit``)
    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "hidden_layer_sizes": [PositiveSizes()],
        "activation": [Options(HIDDEN_ACTIVATIONS, "a hidden-layer activation")],
        "loss": [Options(tuple(LOSSES), "a loss")],
        "lr": [Interval(float, 0, None, "neither")],
        "momentum": [Interval(float, 0, 1, "left")],
        "weight_decay": [Interval(float, 0, None)],
        "batch_size": [Interval(int, 1), None],
        "shuffle": [Options((True, False))],
        "max_epochs": [Interval(int, 1)],
        "tol": [Interval(float, 0, None), None],
        "n_iter_no_change": [Interval(int, 1)],
        "init": [Options(INIT_SCHEMES, "an init scheme")],
        "init_scale": [Interval(float, 0, None, "neither")],
        "random_state": [Interval(int, 0, 2**64 - 1), None, InstanceOf((np.random.Generator,))],
    }

    def __init__(self, *, hidden_layer_sizes: Sequence[int] = (10,), activation: str = "sigmoid",
                 loss: str = "squared", lr: float = 0.5, momentum: float = 0.0, weight_decay: float = 0.0,
                 batch_size: int | None = None, shuffle: bool = True, max_epochs: int = 1000,
                 tol: float | None = None, n_iter_no_change: int = 10, init: str = "uniform",
                 init_scale: float = 0.3, random_state: int | None = None) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.loss = loss
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.max_epochs = max_epochs
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.init = init
        self.init_scale = init_scale
        self.random_state = random_state

    # --- hooks the subclasses fill in -------------------------------------------------------------------
    def _encode_targets(self, y: Any) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def _output_name(self) -> str:
        return self._out_activation

    # --- shared machinery ---------------------------------------------------------------------------------
    def _check_hyperparameters(self) -> tuple[int, ...]:
        check_params(self, self._parameter_constraints)
        return tuple(int(h) for h in np.atleast_1d(np.asarray(self.hidden_layer_sizes, dtype=np.int64)))

    def _layers(self, n_in: int, n_out: int) -> tuple[int, ...]:
        return (n_in, *self._check_hyperparameters(), n_out)

    def _initial_params(self, layers: tuple[int, ...], rng: np.random.Generator, coefs_init: Any,
                        intercepts_init: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
        if coefs_init is None and intercepts_init is None:
            return init_params(layers, _init_seed(self.random_state, rng), self.init, self.init_scale)
        if coefs_init is None or intercepts_init is None:
            raise DataError("initial weights need both coefs and intercepts")
        if len(coefs_init) != len(layers) - 1 or len(intercepts_init) != len(layers) - 1:
            raise DataError(f"initial weights have {len(coefs_init)} coefs and {len(intercepts_init)} intercepts;"
                            f" expected {len(layers) - 1} layers for sizes {list(layers)}")
        coefs, intercepts = [], []
        for i, (fi, fo) in enumerate(itertools.pairwise(layers)):
            W = np.array(coefs_init[i], dtype=np.float64)
            b = np.array(intercepts_init[i], dtype=np.float64)
            if W.shape != (fi, fo):
                raise DataError(f"coefs[{i}] has shape {W.shape}; expected {(fi, fo)} for sizes {list(layers)}")
            if b.shape != (fo,):
                raise DataError(f"intercepts[{i}] has shape {b.shape}; expected {(fo,)}")
            if not (np.isfinite(W).all() and np.isfinite(b).all()):
                raise DataError(f"initial weights of layer {i} contain NaN or infinity")
            coefs.append(W)
            intercepts.append(b)
        return coefs, intercepts

    def fit(self, X: Any, y: Any, *, coefs_init: Sequence[Any] | None = None,
            intercepts_init: Sequence[Any] | None = None, resume: TrainingState | None = None,
            progress: Callable[[int, int], None] | None = None) -> _BaseMLP:
        """Train by (mini-batch) gradient descent.

        Parameters
        ----------
        X : (n_samples, n_features) array
        y : (n_samples,) array (classifier labels) or (n_samples,) / (n_samples, n_outputs) (regressor)
        coefs_init, intercepts_init : lists of arrays, optional
            Start from these weights instead of a random draw (the velocity starts at 0).
        resume : TrainingState, optional
            Continue a run exactly where it stopped (a fitted model's :attr:`state_`, or one read from a weights
            file): its weights, momentum velocity, shuffling generator and order, and early-stopping counters;
            ``max_epochs`` more epochs then equal one longer run bit for bit when the hyperparameters are the
            state's (``set_params(**state.hyperparameters)``).
        progress : callable ``progress(done, total)``, optional

        Raises
        ------
        DataError
            NaN/infinite data, shapes that disagree, initial weights of the wrong shape, both ``resume`` and
            initial weights.
        DivergenceError
            The loss or a weight became NaN or infinite; the message names the epoch.
        """
        X = check_X(X, estimator=self, reset=True)
        Y = self._encode_targets(check_targets(y, X.shape[0], column_warning=self._estimator_type == "classifier"))
        layers = self._layers(X.shape[1], Y.shape[1])
        if resume is not None:
            if coefs_init is not None or intercepts_init is not None:
                raise DataError("give either resume or initial weights, not both")
            rng = resume.generator() or np.random.default_rng(self.random_state)
            coefs, intercepts = self._initial_params(layers, rng, resume.coefs, resume.intercepts)
        else:
            rng = np.random.default_rng(self.random_state)
            coefs, intercepts = self._initial_params(layers, rng, coefs_init, intercepts_init)
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is detected and reported below
            self._train(X, Y, coefs, intercepts, rng, progress, resume)
        self.n_layers_ = len(layers)
        self.n_outputs_ = Y.shape[1]
        self.out_activation_ = self._output_name()
        return self

    def _train(self, X: np.ndarray, Y: np.ndarray, coefs: list[np.ndarray], intercepts: list[np.ndarray],
               rng: np.random.Generator, progress: Callable[[int, int], None] | None,
               resume: TrainingState | None) -> None:
        hidden = get_activation(self.activation, hidden=True)
        out = get_activation(self._output_name())
        loss = get_loss(self.loss)
        m = X.shape[0]
        bs = m if self.batch_size is None else min(int(self.batch_size), m)
        lr, mu, lam = float(self.lr), float(self.momentum), float(self.weight_decay)
        vW = [np.zeros_like(W) for W in coefs]
        vb = [np.zeros_like(b) for b in intercepts]
        best, stall, order, done = np.inf, 0, np.arange(m), 0
        if resume is not None:
            vW = [np.array(v, dtype=np.float64) for v in resume.velocity_coefs]
            vb = [np.array(v, dtype=np.float64) for v in resume.velocity_intercepts]
            if resume.order is not None:
                if len(resume.order) != m:
                    raise DataError(f"the training state's sample order has {len(resume.order)} entries for {m} "
                                    "samples: it was saved for other data")
                order = np.array(resume.order, dtype=np.int64)
            done = int(resume.epochs)
            if resume.tol == self.tol:  # the early-stopping counters mean something only for the same tol
                best = np.inf if resume.best_loss is None else float(resume.best_loss)
                stall = int(resume.stall)
        total = int(self.max_epochs)
        if self.tol is not None and stall >= int(self.n_iter_no_change):
            total = 0  # the run being continued had stopped early: so would the one long run
        curve: list[float] = []
        every = max(1, total // 100)
        for epoch in range(1, total + 1):
            if bs < m and self.shuffle:
                rng.shuffle(order)
            epoch_loss = 0.0
            if lam:  # weight-decay term of J, at the weights the epoch starts from (as J itself)
                epoch_loss += 0.5 * lam * m * sum(float((W * W).sum()) for W in coefs)
            for start in range(0, m, bs):
                idx = order[start:start + bs] if bs < m else slice(None)
                Xb, Yb = X[idx], Y[idx]
                mb = Xb.shape[0]
                J, dW, db = backprop(coefs, intercepts, Xb, Yb, hidden, out, loss)
                epoch_loss += J * mb
                for W, v, g in zip(coefs, vW, dW, strict=True):
                    # v ← μv − α[(1/m)ΔW + λW]; W ← W + v  (μ = 0: the plain textbook step)
                    v *= mu
                    v -= lr * (g / mb + lam * W)
                    W += v
                for b, v, g in zip(intercepts, vb, db, strict=True):
                    v *= mu
                    v -= lr * (g / mb)
                    b += v
            epoch_loss /= m
            if not np.isfinite(epoch_loss) or not all(np.isfinite(W).all() for W in coefs):
                raise DivergenceError(f"training diverged at epoch {epoch}: the loss became {epoch_loss} "
                                      f"(learning rate {lr} is too large for these data)")
            curve.append(epoch_loss)
            if progress is not None and (epoch % every == 0 or epoch == total):
                progress(epoch, total)
            if self.tol is not None:
                stall = stall + 1 if epoch_loss > best - float(self.tol) else 0
                best = min(best, epoch_loss)
                if stall >= int(self.n_iter_no_change):
                    break
        self.coefs_, self.intercepts_ = coefs, intercepts
        self.loss_curve_ = curve
        self.n_iter_ = len(curve)
        _, acts = forward(coefs, intercepts, X, hidden, out)
        self.loss_ = float(loss.value(acts[-1], Y, out, np)) + 0.5 * lam * sum(float((W * W).sum()) for W in coefs)
        # the generator matters once it shuffles (or was handed on); a full batch never draws from it
        drawn = (bs < m and bool(self.shuffle)) or (resume is not None and resume.rng_state is not None)
        self.state_ = TrainingState(
            coefs, intercepts, vW, vb, done + len(curve), self.activation, self._output_name(), self.loss, lr, mu,
            lam, None if self.batch_size is None else int(self.batch_size), bool(self.shuffle), "mean",
            None if self.tol is None else float(self.tol), int(self.n_iter_no_change),
            rng.bit_generator.state if drawn else None, tuple(int(i) for i in order) if bs < m else None,
            None if not np.isfinite(best) else float(best), int(stall), self.loss_)

    def _forward(self, X: Any) -> np.ndarray:
        if not hasattr(self, "coefs_"):
            raise _sklearn_class("NotFittedError", NotFittedError)(
                f"This {type(self).__name__} instance is not fitted yet; call fit first")
        X = check_X(X, estimator=self, reset=False)
        hidden = get_activation(self.activation, hidden=True)
        _, acts = forward(self.coefs_, self.intercepts_, X, hidden, get_activation(self.out_activation_))
        return acts[-1]

    def gradient_check(self, X: Any, y: Any, eps: float = 1e-4) -> GradientCheckResult:
        """See :func:`gradient_check`."""
        return gradient_check(self, X, y, eps=eps)


class MLPClassifier(_BaseMLP):
    """Multilayer perceptron classifier (sigmoid outputs; softmax with cross-entropy for more than 2 classes).

    Binary problems use one output unit (class ``classes_[1]`` when h ≥ ½); K > 2 classes use K one-hot outputs
    and predict the argmax.

    Attributes
    ----------
    classes_ : (n_classes,) array
    coefs_ : list of (fan_in, fan_out) arrays
    intercepts_ : list of (fan_out,) arrays
    loss_curve_ : list of float
        J at the start of every epoch's pass (before that epoch's update), including weight decay.
    loss_ : float
        J at the final weights (``coefs_``, ``intercepts_``), weight decay included.
    n_iter_ : int
        Epochs run.
    state_ : TrainingState
        What ``fit(..., resume=state_)`` needs to continue exactly (weights, velocity, shuffling state).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]); y = np.array([0, 1, 1, 0])
    >>> clf = MLPClassifier(hidden_layer_sizes=(2,), lr=0.5, momentum=0.9, max_epochs=2000, random_state=1)
    >>> clf.fit(X, y).predict(X).tolist()
    [0, 1, 1, 0]
    """

    _estimator_type = "classifier"

    def _output_name(self) -> str:
        multi = len(getattr(self, "classes_", ())) > 2
        return "softmax" if multi and self.loss == "cross_entropy" else "sigmoid"

    def _encode_targets(self, y: np.ndarray) -> np.ndarray:
        if y.ndim != 1:
            raise DataError(f"classifier labels must be one column, got shape {y.shape}")
        if y.dtype.kind == "f" and not np.all(np.mod(y, 1) == 0):
            raise DataError("Unknown label type: continuous; the classifier needs class labels (use MLPRegressor)")
        self.classes_, idx = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise DataError(f"the classifier needs at least 2 classes, found only one class ({self.classes_[0]!r})")
        if len(self.classes_) == 2:
            return idx.reshape(-1, 1).astype(np.float64)
        return np.eye(len(self.classes_))[idx]

    def predict_proba(self, X: Any) -> np.ndarray:
        """(n_samples, n_classes) class probabilities (sigmoid outputs normalised to sum to 1)."""
        h = self._forward(X)
        if h.shape[1] == 1:
            return np.hstack([1 - h, h])
        return h / np.maximum(h.sum(axis=1, keepdims=True), 1e-300)

    def predict(self, X: Any) -> np.ndarray:
        """(n_samples,) predicted labels."""
        h = self._forward(X)
        if h.shape[1] == 1:
            return self.classes_[(h[:, 0] >= 0.5).astype(int)]
        return self.classes_[np.argmax(h, axis=1)]

    def score(self, X: Any, y: Any) -> float:
        """Mean accuracy."""
        return float(np.mean(self.predict(X) == np.asarray(y)))


class MLPRegressor(_BaseMLP):
    """Multilayer perceptron regressor: hidden units of ``activation``, identity outputs, squared loss.

    Attributes as :class:`MLPClassifier` (no ``classes_``).
    """

    _estimator_type = "regressor"
    _out_activation = "identity"

    def _update_tags(self, tags: Any) -> None:
        tags.target_tags.multi_output = True  # y may be (n_samples, n_outputs)

    def _encode_targets(self, y: np.ndarray) -> np.ndarray:
        self._y_1d = y.ndim == 1
        return y.reshape(-1, 1).astype(np.float64) if y.ndim == 1 else y.astype(np.float64)

    def predict(self, X: Any) -> np.ndarray:
        """(n_samples,) or (n_samples, n_outputs) predictions."""
        h = self._forward(X)
        return h[:, 0] if self._y_1d else h

    def score(self, X: Any, y: Any) -> float:
        """Coefficient of determination R²."""
        y = np.asarray(y, dtype=np.float64)
        p = self.predict(X).reshape(y.shape)
        ss_res = float(((y - p) ** 2).sum())
        ss_tot = float(((y - y.mean(axis=0)) ** 2).sum())
        return 1.0 - ss_res / ss_tot if ss_tot > 0 else (1.0 if ss_res == 0 else 0.0)


def gradient_check(model: _BaseMLP, X: Any, y: Any, eps: float = 1e-4) -> GradientCheckResult:
    """Compare backprop with centered finite differences at the model's weights (a fresh draw if unfitted).

    Parameters
    ----------
    model : MLPClassifier or MLPRegressor
    X : (m, d) array
    y : (m,) or (m, k) array

    Returns
    -------
    GradientCheckResult
        Largest relative error for each of ``coefs`` and ``intercepts``; below 1e-6 in float64 for smooth nets.
    """
    X = check_X(X, estimator=model, reset=not hasattr(model, "coefs_"))
    Y = model._encode_targets(check_targets(y, X.shape[0]))
    if hasattr(model, "coefs_"):
        coefs, intercepts = model.coefs_, model.intercepts_
    else:
        layers = model._layers(X.shape[1], Y.shape[1])
        seed = _init_seed(model.random_state, np.random.default_rng(model.random_state))
        coefs, intercepts = init_params(layers, seed, model.init, model.init_scale)
    return gradient_check_arrays(coefs, intercepts, X, Y, get_activation(model.activation, hidden=True),
                                 get_activation(model._output_name()), get_loss(model.loss),
                                 weight_decay=float(model.weight_decay), eps=eps)
