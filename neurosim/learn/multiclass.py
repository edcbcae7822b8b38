"""Beyond two separable classes: Gallant's pocket perceptron and one-vs-rest perceptrons.

On data that no hyperplane separates, Rosenblatt's rule never settles; the *pocket* algorithm runs the same rule
and keeps "in its pocket" the weights that misclassified the fewest training samples so far (checked after every
update, the ratchet version), so it ends with the best hyperplane it met. With K > 2 classes, one perceptron per
class learns "this class against the rest" and a sample goes to the class whose unit responds most strongly
(w_k·x + b_k largest).

Notes
-----
S. I. Gallant, "Perceptron-based learning algorithms", IEEE Transactions on Neural Networks 1(2) (1990).
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import numpy as np

from ..errors import ConvergenceWarning, DataError, NotFittedError
from .base import EstimatorMixin, _sklearn_class
from .constraints import InstanceOf, Interval, Options, check_params
from .perceptron import ORDERS, Perceptron
from .validation import check_n_features, check_Xy, encode_labels

__all__ = ["OneVsRestPerceptron", "PocketPerceptron"]


class _Fitted(EstimatorMixin):
    _estimator_type = "classifier"

    def _check_fitted(self, X: Any) -> np.ndarray:
        if not hasattr(self, "classes_"):
            raise _sklearn_class("NotFittedError", NotFittedError)(
                f"This {type(self).__name__} instance is not fitted yet; call fit first")
        A, _ = check_Xy(X)
        check_n_features(self, A.shape[1], reset=False)
        return A


class PocketPerceptron(_Fitted):
    """Rosenblatt's rule that keeps the best weights it has seen (Gallant's pocket algorithm with ratchet).

    Parameters
    ----------
    lr : float, default 1.0
    max_epochs : int, default 100
        Epochs run unless an epoch has no mistake (then the data are separated and the pocket holds that plane).
    order : {"fixed", "shuffle"}
    random_state : int or None

    Attributes
    ----------
    coef_, intercept_ : the pocket weights (the fewest training errors seen)
    last_coef_, last_intercept_ : the weights of the rule itself at the end
    n_errors_ : int
        Training errors of the pocket weights.
    errors_per_epoch_ : list of int
        Training errors of the rule's weights at the end of each epoch.
    pocket_errors_per_epoch_ : list of int
        Training errors of the pocket weights at the end of each epoch (non-increasing).
    converged_ : bool
    classes_ : (2,) array
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "lr": [Interval(float, 0, None, "neither")],
        "max_epochs": [Interval(int, 1)],
        "order": [Options(ORDERS, "a presentation order")],
        "random_state": [Interval(int, 0, 2**64 - 1), None, InstanceOf((np.random.Generator,))],
    }

    def __init__(self, *, lr: float = 1.0, max_epochs: int = 100, order: str = "fixed",
                 random_state: int | None = None) -> None:
        self.lr = lr
        self.max_epochs = max_epochs
        self.order = order
        self.random_state = random_state

    def fit(self, X: Any, y: Any) -> PocketPerceptron:
        check_params(self, self._parameter_constraints)
        A, t = check_Xy(X, y, require_y=True)
        self.classes_, pos = encode_labels(t)
        n, d = A.shape
        Z = np.hstack([A, np.ones((n, 1))])
        s = np.where(pos, 1.0, -1.0)
        w = np.zeros(d + 1)

        def errors(v: np.ndarray) -> int:
            return int(np.count_nonzero((Z @ v > 0) != pos))

        best, best_err = w.copy(), errors(w)
        rng = np.random.default_rng(self.random_state) if self.order == "shuffle" else None
        per_epoch, pocket_per_epoch = [], []
        converged = False
        for _ in range(self.max_epochs):
            mistakes = 0
            for i in (range(n) if rng is None else rng.permutation(n)):
                if (Z[i] @ w > 0) != pos[i]:
                    w += self.lr * s[i] * Z[i]
                    mistakes += 1
                    e = errors(w)
                    if e < best_err:
                        best, best_err = w.copy(), e
            per_epoch.append(errors(w))
            pocket_per_epoch.append(best_err)
            if mistakes == 0:
                converged = True
                break
        self.coef_, self.intercept_ = best[:d].copy(), float(best[d])
        self.last_coef_, self.last_intercept_ = w[:d].copy(), float(w[d])
        self.n_errors_ = best_err
        self.errors_per_epoch_ = per_epoch
        self.pocket_errors_per_epoch_ = pocket_per_epoch
        self.converged_ = converged
        self.n_iter_ = len(per_epoch)
        self.n_features_in_ = d
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        A = self._check_fitted(X)
        return A @ self.coef_ + self.intercept_

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(np.intp)]


class OneVsRestPerceptron(_Fitted):
    """K perceptrons, class k against the rest; the prediction is the class with the largest w_k·x + b_k.

    Parameters
    ----------
    lr, max_epochs, order, random_state : as :class:`~neurosim.learn.Perceptron`
    pocket : bool, default True
        A class that its perceptron does not separate from the rest keeps its pocket weights
        (:class:`PocketPerceptron`) instead of the last ones.

    Attributes
    ----------
    classes_ : (K,) array
    estimators_ : list of K fitted perceptrons
    coef_ : (K, d) array
    intercept_ : (K,) array
    separable_ : (K,) bool array
        Whether the rule separated class k from the rest (a mistake-free epoch).
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        **Perceptron._parameter_constraints, "pocket": [Options((True, False))]}

    def __init__(self, *, lr: float = 1.0, max_epochs: int = 1000, order: str = "fixed",
                 random_state: int | None = None, pocket: bool = True) -> None:
        self.lr = lr
        self.max_epochs = max_epochs
        self.order = order
        self.random_state = random_state
        self.pocket = pocket

    def fit(self, X: Any, y: Any) -> OneVsRestPerceptron:
        check_params(self, {k: v for k, v in self._parameter_constraints.items() if k != "detect_cycles"})
        A, t = check_Xy(X, y, require_y=True)
        self.classes_ = np.unique(t)
        if self.classes_.size < 2:
            raise DataError(f"one-vs-rest needs at least 2 classes, found {self.classes_.size}")
        ests, sep = [], []
        for c in self.classes_:
            target = (t == c).astype(np.int64)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                est = Perceptron(lr=self.lr, max_epochs=self.max_epochs, order=self.order,
                                 random_state=self.random_state).fit(A, target)
            if not est.converged_ and self.pocket:
                est = PocketPerceptron(lr=self.lr, max_epochs=min(self.max_epochs, 200), order=self.order,
                                       random_state=self.random_state).fit(A, target)
            ests.append(est)
            sep.append(bool(est.converged_))
        self.estimators_ = ests
        self.coef_ = np.array([np.asarray(e.coef_, dtype=np.float64) for e in ests])
        self.intercept_ = np.array([float(e.intercept_) for e in ests])
        self.separable_ = np.array(sep)
        self.n_features_in_ = A.shape[1]
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """(n, K) scores w_k·x + b_k."""
        A = self._check_fitted(X)
        return A @ self.coef_.T + self.intercept_

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]
