"""The MLP learners' input checks, which live with the perceptron's in :mod:`neurosim.learner_data`.

Kept under this name because callers import ``check_X``, ``check_targets`` and ``DataConversionWarning`` from
here.
"""

from __future__ import annotations

from .learner_data import DataConversionWarning, FeatureTypeError, check_targets, check_X

__all__ = ["DataConversionWarning", "FeatureTypeError", "check_X", "check_targets"]
