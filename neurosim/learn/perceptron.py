"""Rosenblatt's perceptron: the exact learning rule, run fast by finding the next mistake in vectorised blocks.

The rule (Rosenblatt 1958): with ŷ = 1 when w·x + b > 0 and 0 otherwise, each presented sample updates
w ← w + η (y − ŷ) x and b ← b + η (y − ŷ). Training sweeps the samples in a fixed or seeded shuffled order and
stops after an epoch without a mistake (the rule has converged), when a weight vector repeats at the start of an
epoch (it cycles forever: a proof of non-separability for exact arithmetic in a fixed order), or at the epoch limit
with a :class:`~neurosim.errors.ConvergenceWarning`.

The engine gives exactly the updates of the naive per-sample loop: samples before the first misclassified one
leave w unchanged, so one matrix–vector product over a block of upcoming samples finds the next update at once.
Integer data with an integer η are trained in exact integer arithmetic (int64, or Python ints when int64 could
overflow); float data are screened in float32 with a rigorous error bound and the few undecided rows decided by
the naive loop's own float64 dot product (:mod:`neurosim.learn._perceptron_epochs`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from ..errors import ConvergenceWarning, NotFittedError
from ._perceptron_epochs import MIN_BLOCK, epoch_exact, epoch_screened, make_screen
from .base import EstimatorMixin, _sklearn_class
from .constraints import InstanceOf, Interval, Options, check_params
from .validation import check_n_features, check_Xy, encode_labels

__all__ = ["ORDERS", "Perceptron"]

#: presentation orders: the data order every epoch, or a fresh seeded permutation per epoch
ORDERS = ("fixed", "shuffle")
_PROGRESS_CALLS = 1000  # progress callbacks over a whole run


def _is_integral(X: np.ndarray) -> bool:
    if X.dtype.kind in "iu":
        return True
    head = X.ravel()[:1024]  # real-valued data almost always show a fraction early: skip the full pass
    # beyond 2**62 an integral float cannot become int64: train it in float arithmetic
    return (bool(np.all(np.round(head) == head)) and bool(np.all(np.round(X) == X))
            and float(np.abs(X).max()) < 2.0**62)


class Perceptron(EstimatorMixin):
    """Rosenblatt's perceptron with a bias, for two classes.

    Parameters
    ----------
    lr : float, default 1.0
        Learning rate η (> 0). With integer data and an integer η the arithmetic is exact.
    max_epochs : int, default 1000
        Epoch limit; reaching it without convergence warns with ``ConvergenceWarning``.
    order : {"fixed", "shuffle"}
        Presentation order: the data order every epoch, or a fresh seeded permutation per epoch.
    random_state : int or None
        Seed for ``order="shuffle"`` (``numpy.random.default_rng``).
    detect_cycles : bool, default True
        Stop when the weights at the start of an epoch repeat (fixed order, exact arithmetic only).

    Attributes
    ----------
    coef_ : ndarray (d,)
    intercept_ : float or int
    classes_ : ndarray (2,)
        ``classes_[1]`` is the positive class (ŷ = 1).
    n_iter_ : int
        Epochs run (the last, mistake-free epoch included when converged).
    converged_ : bool
    cycle_ : bool
        True when a repeated weight vector proved that the rule cycles (so the data are not separable).
    mistakes_per_epoch_ : list of int
    n_mistakes_ : int
        Total number of updates.
    exact_ : bool
        Whether integer arithmetic was used.
    n_features_in_ : int

    Notes
    -----
    F. Rosenblatt, "The perceptron: a probabilistic model for information storage and organization in the brain",
    Psychological Review 65 (1958); convergence: A. B. Novikoff, "On convergence proofs on perceptrons" (1962).

    Examples
    --------
    >>> clf = Perceptron().fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1])
    >>> clf.converged_, clf.predict([[1, 1], [0, 1]]).tolist()
    (True, [1, 0])
    """

    _estimator_type = "classifier"
    #: what each hyperparameter may be (checked in ``fit``)
    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "lr": [Interval(float, 0, None, "neither")],
        "max_epochs": [Interval(int, 1)],
        "order": [Options(ORDERS, "a presentation order")],
        "random_state": [Interval(int, 0, 2**64 - 1), None, InstanceOf((np.random.Generator,))],
        "detect_cycles": [Options((True, False))],
    }

    def __init__(self, *, lr: float = 1.0, max_epochs: int = 1000, order: str = "fixed",
                 random_state: int | None = None, detect_cycles: bool = True) -> None:
        self.lr = lr
        self.max_epochs = max_epochs
        self.order = order
        self.random_state = random_state
        self.detect_cycles = detect_cycles

    def _update_tags(self, tags: Any) -> None:
        tags.classifier_tags.multi_class = False  # two classes only

    # ---------------------------------------------------------------- training
    def _validate_params(self) -> None:
        check_params(self, self._parameter_constraints)

    def fit(self, X: Any, y: Any, *, progress: Callable[[int, int], None] | None = None) -> Perceptron:
        """Train from zero weights until a mistake-free epoch, a proved cycle or ``max_epochs``.

        Parameters
        ----------
        X : array-like (n, d)
        y : array-like (n,) with exactly two distinct labels
        progress : callable, optional
            Called as ``progress(epochs_done, max_epochs)`` about a thousand times over the run, and once at the
            end (with ``max_epochs`` done).

        Returns
        -------
        self
        """
        self._validate_params()
        A, t = check_Xy(X, y, require_y=True)
        self.classes_, pos = encode_labels(t)
        n, d = A.shape
        lr = self.lr
        exact = _is_integral(A) and float(lr).is_integer()
        if exact:
            lr = int(lr)
            Z = np.empty((n, d + 1), dtype=np.int64)
            Z[:, :d] = np.round(A) if A.dtype.kind == "f" else A
            Z[:, d] = 1
            # |w| grows by at most lr * max|z| per update: fall back to Python ints if int64 could overflow
            top = int(np.abs(Z).max())
            if lr * top * top * (d + 1) * n * self.max_epochs >= 2**62:
                Z = Z.astype(object)
        else:
            lr = float(lr)
            Z = np.empty((n, d + 1), dtype=np.float64)
            Z[:, :d] = A
            Z[:, d] = 1.0
        w = np.zeros(d + 1, dtype=Z.dtype) if Z.dtype != object else np.array([0] * (d + 1), dtype=object)
        rng = np.random.default_rng(self.random_state) if self.order == "shuffle" else None
        check_cycles = self.detect_cycles and exact and rng is None
        saved = w.copy()  # Brent's scheme: the start-of-epoch weights of epochs 1, 2, 4, 8, ...
        mistakes: list[int] = []
        converged = cycle = False
        block = MIN_BLOCK
        screen = None if exact else make_screen(Z, pos)
        tick = max(1, self.max_epochs // _PROGRESS_CALLS)
        for epoch in range(1, self.max_epochs + 1):
            if progress is not None and epoch % tick == 0:
                progress(epoch, self.max_epochs)
            perm = None if rng is None else rng.permutation(n)
            if screen is not None:
                shown = screen if perm is None else screen.permuted(perm)
                m, block = epoch_screened(Z, pos, w, lr, block, shown, perm)
            elif perm is None:
                m, block = epoch_exact(Z, pos, w, lr, block)
            else:
                m, block = epoch_exact(Z[perm], pos[perm], w, lr, block)
            mistakes.append(m)
            if m == 0:
                converged = True
                break
            if check_cycles:
                # w now starts epoch + 1; meeting saved weights again after epochs with mistakes = a cycle
                if np.array_equal(w, saved):
                    cycle = True
                    break
                if ((epoch + 1) & epoch) == 0:
                    saved = w.copy()
        if progress is not None:
            progress(self.max_epochs, self.max_epochs)
        if not converged and not cycle:
            warnings.warn(f"the perceptron did not converge within max_epochs={self.max_epochs} epochs "
                          f"({mistakes[-1]} mistakes in the last epoch)", ConvergenceWarning, stacklevel=2)
        self.exact_ = exact
        self.coef_ = w[:d].copy()
        self.intercept_ = w[d] if Z.dtype == object else w[d].item()
        self.n_iter_ = len(mistakes)
        self.mistakes_per_epoch_ = mistakes
        self.n_mistakes_ = int(sum(mistakes))
        self.converged_ = converged
        self.cycle_ = cycle
        self.n_features_in_ = d
        return self

    # ---------------------------------------------------------------- prediction
    def _check_fitted(self, X: Any) -> np.ndarray:
        if not hasattr(self, "coef_"):
            raise _sklearn_class("NotFittedError", NotFittedError)(
                f"This {type(self).__name__} instance is not fitted yet; call fit first")
        A, _ = check_Xy(X)
        check_n_features(self, A.shape[1], reset=False)
        return A

    def decision_function(self, X: Any) -> np.ndarray:
        """w·x + b for each row: (n,) (ŷ = classes_[1] where > 0)."""
        A = self._check_fitted(X)
        if self.exact_ and A.dtype.kind in "iu":
            coef = self.coef_.astype(object) if self.coef_.dtype == object else self.coef_
            return A.astype(coef.dtype) @ coef + self.intercept_
        return A @ self.coef_.astype(np.float64) + float(self.intercept_)

    def predict(self, X: Any) -> np.ndarray:
        """Predicted labels (n,), values from ``classes_``."""
        s = np.asarray(self.decision_function(X))
        return self.classes_[(s > 0).astype(np.intp)]

    def score(self, X: Any, y: Any) -> float:
        """Accuracy on (X, y)."""
        return float(np.mean(self.predict(X) == np.asarray(y)))

