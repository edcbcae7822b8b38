"""Input checks shared by neurosim's learners: a finite 2-D numeric feature matrix, and targets that match it.

:func:`check_Xy` serves the perceptron and the separability test (integers stay int64, so that they can train in
exact arithmetic; one label column); :func:`check_X` / :func:`check_targets` serve the MLPs (float64 features,
targets of one or more columns). Both are built from the same steps; messages name the row and column of the
first bad value (0-based, as in the array).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..errors import DataConversionWarning, DataError, FeatureTypeError
from .base import _sklearn_class

__all__ = ["check_X", "check_Xy", "check_n_features", "check_targets", "encode_labels", "features", "targets"]


def _nonfinite(a: np.ndarray) -> tuple[str, tuple[int, ...]] | None:
    """("NaN" or "infinity", index) of the first non-finite entry of a numeric array, or None."""
    if a.dtype.kind not in "fc":
        return None
    bad = ~np.isfinite(a)
    if not bad.any():
        return None
    at = tuple(int(i) for i in np.argwhere(bad)[0])
    return ("NaN" if np.isnan(a[at]) else "infinity"), at


def features(X: Any, *, integers: bool) -> np.ndarray:
    """``X`` as a C-contiguous (n_samples, n_features) array with at least one row and one column.

    With ``integers`` the result is int64 when ``X`` holds booleans or integers (float64 otherwise); without it
    always float64. Finiteness is left to the caller, whose message it is.

    Raises
    ------
    DataError
        Sparse, ragged, complex, non-numeric, not 2-D, no rows or no columns (:class:`FeatureTypeError` when a
        value cannot be a number at all, e.g. a dict).
    """
    if hasattr(X, "toarray") or type(X).__module__.startswith("scipy.sparse"):
        raise DataError("sparse input is not supported: pass a dense array (X.toarray())")
    try:
        A = np.asarray(X)
    except Exception as exc:  # ragged nested lists and the like
        raise DataError(f"X must be a 2-D numeric array: {exc}") from exc
    if A.dtype.kind == "c":
        raise DataError("Complex data not supported: X must be real numbers")
    exact = integers and A.dtype.kind in "biu"
    try:
        A = A.astype(np.int64 if exact else np.float64, copy=False)
    except TypeError as exc:  # e.g. dicts in X
        raise FeatureTypeError(f"X must be numeric: {exc}") from None
    except ValueError as exc:  # e.g. strings that are not numbers
        raise DataError(f"X must be numeric: {exc}") from None
    if A.ndim != 2:
        raise DataError(f"Expected 2D array, got {A.ndim}D array instead (shape {A.shape}): X must be "
                        "(n_samples, n_features). Reshape your data, e.g. X.reshape(-1, 1) for a single feature")
    if A.shape[0] == 0:
        raise DataError(f"Found array with 0 sample(s) (shape={A.shape}) while a minimum of 1 is required.")
    if A.shape[1] == 0:
        raise DataError(f"Found array with 0 feature(s) (shape={A.shape}) while a minimum of 1 is required.")
    return np.ascontiguousarray(A)


def targets(y: Any, n_samples: int, *, multi_output: bool, column_warning: bool) -> np.ndarray:
    """``y`` as an (n_samples,) array, or (n_samples, n_outputs) with ``multi_output``; a column vector is
    flattened (with a ``DataConversionWarning`` if ``column_warning``); numeric ``y`` must be finite.

    Raises
    ------
    DataError
        y is None, has the wrong shape or row count, or holds NaN or infinity.
    """
    if y is None:
        raise DataError("this estimator requires y to be passed, but the target y is None")
    t = np.asarray(y)
    if t.ndim == 2 and t.shape[1] == 1:
        if column_warning:
            warnings.warn("A column-vector y was passed when a 1d array was expected. Please change the shape "
                          "of y to (n_samples, ), for example using ravel().",
                          _sklearn_class("DataConversionWarning", DataConversionWarning), stacklevel=4)
        t = t[:, 0]
    want = f"({n_samples},)" + (f" or ({n_samples}, n_outputs)" if multi_output else "")
    if t.ndim not in ((1, 2) if multi_output else (1,)):
        raise DataError(f"y must have shape {want} to match X, got {t.shape}")
    if t.shape[0] != n_samples:
        raise DataError(f"X has {n_samples} rows but y has {t.shape[0]}: y must have shape {want} to match X, "
                        f"got {t.shape}")
    bad = _nonfinite(t)
    if bad is not None:
        what, at = bad
        raise DataError(f"y contains {what} at row {at[0]}" + (f", column {at[1]}" if len(at) > 1 else ""))
    return t


def check_Xy(X: Any, y: Any = None, *, require_y: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """Validate features (and one column of labels) for the perceptron and the separability test.

    Returns
    -------
    X : ndarray (n, d), int64 when every value is a boolean or an integer, else float64
    y : ndarray (n,) or None

    Raises
    ------
    DataError
        As :func:`features`; NaN or infinity (naming the row and column); y missing while ``require_y``, or
        of the wrong shape (a column vector is flattened with a ``DataConversionWarning``).
    """
    A = features(X, integers=True)
    bad = _nonfinite(A)
    if bad is not None:
        r, c = bad[1]
        raise DataError(f"Input X contains NaN or infinity (row {r}, column {c}: {A[r, c]})")
    if y is None and not require_y:
        return A, None
    return A, targets(y, A.shape[0], multi_output=False, column_warning=True)


def check_n_features(estimator: Any, n_features: int, *, reset: bool) -> None:
    """Record ``n_features_in_`` (``reset``) or insist on the recorded width (a model already fitted)."""
    if reset:
        estimator.n_features_in_ = n_features
    elif n_features != getattr(estimator, "n_features_in_", n_features):
        raise DataError(f"X has {n_features} features, but {type(estimator).__name__} is expecting "
                        f"{estimator.n_features_in_} features as input")


def check_X(X: Any, *, estimator: Any = None, reset: bool = True) -> np.ndarray:
    """Return ``X`` as a C-contiguous (n_samples, n_features) float64 array (the MLPs' features).

    With ``reset`` the estimator's ``n_features_in_`` is set; without it, a different width is an error.

    Raises
    ------
    DataError
        As :func:`features`; NaN or infinity (naming the row and column); the wrong number of features.
    """
    A = features(X, integers=False)
    bad = _nonfinite(A)
    if bad is not None:
        what, (r, c) = bad
        raise DataError(f"X contains {what} at row {r}, column {c}")
    if estimator is not None:
        check_n_features(estimator, A.shape[1], reset=reset)
    return A


def check_targets(y: Any, n_samples: int, *, column_warning: bool = False) -> np.ndarray:
    """Return ``y`` as an (n_samples,) or (n_samples, n_outputs) array (the MLPs' targets); object arrays become
    float64 when they can, else strings.

    Raises
    ------
    DataError
        As :func:`targets`.
    """
    arr = targets(y, n_samples, multi_output=True, column_warning=column_warning)
    if arr.dtype.kind == "O":
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            arr = arr.astype(str)
    return arr


def encode_labels(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map any two labels to 0/1: the smaller label is class 0 (negative), the larger class 1 (positive).

    Returns
    -------
    classes : ndarray (2,)
    positive : ndarray of bool (n,)

    Raises
    ------
    DataError
        Fewer or more than two classes.
    """
    classes, codes = np.unique(y, return_inverse=True)
    if len(classes) != 2:
        found = ", ".join(map(str, classes[:5].tolist()))
        if len(classes) > 2 and classes.dtype.kind == "f" and not np.all(classes == np.round(classes)):
            raise DataError(f"Unknown label type: continuous (y has {len(classes)} distinct real values, "
                            f"{found}, ...); the perceptron needs exactly 2 classes")
        if len(classes) == 1:
            raise DataError(f"y has 1 class ({found}); the perceptron needs exactly 2 classes")
        raise DataError(f"Only binary classification is supported. y has {len(classes)} classes ({found}, ...)")
    return classes, codes.astype(bool)
