"""Input checks shared by the MLP learners: float64 2-D features without NaN, targets that match them.

Messages name the row and column of the first bad value (0-based, as in the array).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .errors import DataError

__all__ = ["DataConversionWarning", "FeatureTypeError", "check_X", "check_targets"]


class DataConversionWarning(UserWarning):
    """Input data were reshaped or converted (scikit-learn's warning of the same name, for its checks)."""


class FeatureTypeError(DataError, TypeError):
    """A feature value is not a number (a TypeError too, as NumPy's own conversion raises)."""


def _first_bad(a: np.ndarray) -> str:
    bad = np.argwhere(~np.isfinite(a))[0]
    what = "NaN" if np.isnan(a[tuple(bad)]) else "infinity"
    where = f"row {bad[0]}" + (f", column {bad[1]}" if a.ndim > 1 else "")
    return f"{what} at {where}"


def check_X(X: Any, *, estimator: Any = None, reset: bool = True) -> np.ndarray:
    """Return ``X`` as a C-contiguous (n_samples, n_features) float64 array.

    With ``reset`` the estimator's ``n_features_in_`` is set; without it, a different width is an error.

    Raises
    ------
    DataError
        Not 2-D, empty, sparse, complex, non-numeric, NaN/infinity, or the wrong number of features.
    """
    if hasattr(X, "toarray") or type(X).__module__.startswith("scipy.sparse"):
        raise DataError("sparse input is not supported: convert it with X.toarray() first")
    arr = np.asarray(X)
    if arr.dtype.kind == "c":
        raise DataError("Complex data not supported: the features must be real numbers")
    try:
        arr = np.asarray(arr, dtype=np.float64)
    except TypeError as exc:
        raise FeatureTypeError(f"features must be numbers: {exc}") from None
    except ValueError as exc:
        raise DataError(f"features must be numbers: {exc}") from None
    if arr.ndim != 2:
        raise DataError(f"Expected 2D array, got {arr.ndim}D array instead: X must be (n_samples, n_features). "
                        "Reshape your data with X.reshape(-1, 1) for a single feature")
    if arr.shape[0] < 1:
        raise DataError(f"Found array with 0 sample(s) (shape={arr.shape}) while a minimum of 1 is required.")
    if arr.shape[1] < 1:
        raise DataError(f"Found array with 0 feature(s) (shape={arr.shape}) while a minimum of 1 is required.")
    if not np.isfinite(arr).all():
        raise DataError(f"X contains {_first_bad(arr)}")
    if estimator is not None:
        name = type(estimator).__name__
        if reset:
            estimator.n_features_in_ = arr.shape[1]
        elif arr.shape[1] != getattr(estimator, "n_features_in_", arr.shape[1]):
            raise DataError(f"X has {arr.shape[1]} features, but {name} is expecting "
                            f"{estimator.n_features_in_} features as input")
    return np.ascontiguousarray(arr)


def check_targets(y: Any, n_samples: int, *, column_warning: bool = False) -> np.ndarray:
    """Return ``y`` as an array with ``n_samples`` rows (a column vector is flattened); numeric ``y`` is checked
    for NaN/infinity.

    Raises
    ------
    DataError
        Row count differs from X, NaN or infinity, more than 2 dimensions.
    """
    if y is None:
        raise DataError("this estimator requires y to be passed, but the target y is None")
    arr = np.asarray(y)
    if arr.ndim == 2 and arr.shape[1] == 1:
        if column_warning:
            warnings.warn("A column-vector y was passed when a 1d array was expected. Please change the shape "
                          "of y to (n_samples, ), for example using ravel().", DataConversionWarning, stacklevel=3)
        arr = arr[:, 0]
    if arr.ndim not in (1, 2):
        raise DataError(f"y must be (n_samples,) or (n_samples, n_outputs), got shape {arr.shape}")
    if arr.shape[0] != n_samples:
        raise DataError(f"X has {n_samples} rows but y has {arr.shape[0]}: the shapes disagree")
    if arr.dtype.kind in "fc" and not np.isfinite(arr).all():
        raise DataError(f"y contains {_first_bad(arr)}")
    if arr.dtype.kind == "O":
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            arr = arr.astype(str)
    return arr
