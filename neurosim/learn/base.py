"""scikit-learn's estimator protocol for every neurosim learner, written out so neurosim never imports scikit-learn.

``get_params``/``set_params``/``__repr__`` read the keyword-only ``__init__`` signature. ``__sklearn_tags__``
returns scikit-learn's own ``sklearn.utils.Tags`` when scikit-learn is already loaded (only its code asks for
tags, and its checks test them with ``isinstance``), else dataclasses with the same fields and defaults.
:func:`_sklearn_class` does the same for exception and warning classes: ours, made a subclass of scikit-learn's
class of that name too when scikit-learn is loaded, so both ``except`` clauses catch it.
"""

from __future__ import annotations

import functools
import inspect
import sys
from dataclasses import dataclass, field
from typing import Any

from ..errors import ParameterError

__all__ = ["EstimatorMixin", "Tags"]


def _sklearn_class(name: str, default: type) -> type:
    """``default``, or a subclass of both it and ``sklearn.exceptions.<name>`` when scikit-learn is loaded (its
    checks are calling us); neurosim never imports scikit-learn itself."""
    theirs = getattr(sys.modules.get("sklearn.exceptions"), name, None)
    return default if theirs is None or issubclass(default, theirs) else _both(default, theirs)


@functools.cache
def _both(ours: type, theirs: type) -> type:
    # the same __name__: scikit-learn's checks look for "DataConversionWarning('A column-vector y ..." in reprs
    return type(theirs.__name__, (ours, theirs), {"__module__": ours.__module__, "__doc__": ours.__doc__})


@dataclass(slots=True)
class InputTags:
    one_d_array: bool = False
    two_d_array: bool = True
    three_d_array: bool = False
    sparse: bool = False
    categorical: bool = False
    string: bool = False
    dict: bool = False
    positive_only: bool = False
    allow_nan: bool = False
    pairwise: bool = False


@dataclass(slots=True)
class TargetTags:
    required: bool
    one_d_labels: bool = False
    two_d_labels: bool = False
    positive_only: bool = False
    multi_output: bool = False
    single_output: bool = True


@dataclass(slots=True)
class ClassifierTags:
    poor_score: bool = False
    multi_class: bool = True
    multi_label: bool = False


@dataclass(slots=True)
class RegressorTags:
    poor_score: bool = False


@dataclass(slots=True)
class Tags:
    """Mirror of ``sklearn.utils.Tags`` (same fields, same defaults)."""

    estimator_type: str | None
    target_tags: TargetTags
    transformer_tags: Any = None
    classifier_tags: ClassifierTags | None = None
    regressor_tags: RegressorTags | None = None
    array_api_support: bool = False
    no_validation: bool = False
    non_deterministic: bool = False
    requires_fit: bool = True
    _skip_test: bool = False
    input_tags: InputTags = field(default_factory=InputTags)


def _tag_classes() -> Any:
    """The module whose Tags classes to build: scikit-learn's when it is loaded, else this one (the mirror)."""
    skl = sys.modules.get("sklearn.utils")
    return skl if hasattr(skl, "Tags") else sys.modules[__name__]


class EstimatorMixin:
    """``get_params``/``set_params``/``__repr__`` from the ``__init__`` signature (hyperparameters stored
    unchanged) and ``__sklearn_tags__`` from ``_estimator_type`` plus the :meth:`_update_tags` hook."""

    _estimator_type: str | None = None

    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(p.name for p in sig.parameters.values()
                      if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> EstimatorMixin:
        valid = self._param_names()
        for key, value in params.items():
            if key not in valid:
                raise ParameterError(f"Invalid parameter {key!r} for {type(self).__name__}; expected one of {valid}")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        # scikit-learn's style: only the hyperparameters that differ from their defaults
        defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()}
        changed = [f"{k}={v!r}" for k, v in self.get_params().items() if defaults.get(k) is not v
                   and defaults.get(k) != v]
        return f"{type(self).__name__}({', '.join(changed)})"

    def _update_tags(self, tags: Any) -> None:
        """Hook: adjust the freshly built tags in place (e.g. ``tags.classifier_tags.multi_class = False``)."""

    def __sklearn_tags__(self) -> Any:
        ns = _tag_classes()
        tags = ns.Tags(estimator_type=self._estimator_type, target_tags=ns.TargetTags(required=True),
                       input_tags=ns.InputTags())
        if self._estimator_type == "classifier":
            tags.classifier_tags = ns.ClassifierTags()
        elif self._estimator_type == "regressor":
            tags.regressor_tags = ns.RegressorTags()
        self._update_tags(tags)
        return tags
