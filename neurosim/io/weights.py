"""MLP weights files: ``{"coefs": [...], "intercepts": [...], "training": {...}}``.

``coefs[l]`` has shape (fan_in, fan_out) and ``intercepts[l]`` shape (fan_out,), as nested JSON arrays. The
optional ``training`` object (written by ``neurosim mlp -o`` and :func:`weights_to_json` with a state) holds what
a run needs to continue exactly (:class:`neurosim.learn.mlp_state.TrainingState`), keys in this order:

=====================  ==========================================================================================
``epochs``             epochs done so far (all runs together)
``activation``         hidden activation; ``output_activation``, ``loss``, ``gradient`` (``"mean"``: (1/m)ΔW)
``lr``, ``momentum``   learning rate α, momentum μ; ``weight_decay`` λ, ``batch_size`` (null: the full batch),
                       ``shuffle``, ``tol`` (null: no early stopping), ``n_iter_no_change``
``velocity``           ``{"coefs": [...], "intercepts": [...]}``: the momentum velocities of the last update
``rng``                NumPy's bit-generator state after the last epoch (null when never drawn from)
``order``              the sample order the next mini-batch shuffle permutes (null for the full batch)
``best_loss``          early stopping's best epoch loss (null before any), and ``stall``, its epoch count
``final_loss``         J at these weights (weight decay included)
=====================  ==========================================================================================

Files with only ``coefs`` and ``intercepts`` (older ones, or the demo's) still read: they continue with zero
velocity and a fresh generator. Floats are written with Python's shortest round-trip repr, so reading a file back
gives bit-identical numbers and a run continued from it (``neurosim mlp --init``) is exact.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import DataError, SpecError
from ..learn import TrainingState
from .source import Source, loads_json, read_source

__all__ = ["check_weight_shapes", "load_training_state", "load_weights", "weights_to_json"]

#: the keys of the ``training`` object, in the order they are written
TRAINING_KEYS = ("epochs", "activation", "output_activation", "loss", "gradient", "lr", "momentum", "weight_decay",
                 "batch_size", "shuffle", "tol", "n_iter_no_change", "velocity", "rng", "order", "best_loss",
                 "stall", "final_loss")


def _lists(arrays: Sequence[np.ndarray]) -> list:
    return [np.asarray(a, dtype=np.float64).tolist() for a in arrays]


def weights_to_json(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray],
                    state: TrainingState | None = None) -> str:
    """Serialise weights (keys in fixed order, trailing newline), with the training state when given."""
    doc: dict[str, Any] = {"coefs": _lists(coefs), "intercepts": _lists(intercepts)}
    if state is not None:
        t = state
        doc["training"] = {
            "epochs": t.epochs, "activation": t.activation, "output_activation": t.output_activation,
            "loss": t.loss, "gradient": t.gradient, "lr": t.lr, "momentum": t.momentum,
            "weight_decay": t.weight_decay, "batch_size": t.batch_size, "shuffle": t.shuffle, "tol": t.tol,
            "n_iter_no_change": t.n_iter_no_change,
            "velocity": {"coefs": _lists(t.velocity_coefs), "intercepts": _lists(t.velocity_intercepts)},
            "rng": t.rng_state, "order": None if t.order is None else list(t.order), "best_loss": t.best_loss,
            "stall": t.stall, "final_loss": t.final_loss}
    return json.dumps(doc, allow_nan=False) + "\n"


def _array(value: Any, ndim: int, path: str, source: str) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise SpecError(f"expected a {ndim}-D array of numbers, found {json.dumps(value)[:60]}", path,
                        source) from None
    if arr.ndim != ndim:
        raise SpecError(f"expected a {ndim}-D array of numbers, found {arr.ndim}-D (shape {arr.shape})", path,
                        source)
    if not np.isfinite(arr).all():
        raise SpecError("weights must be finite numbers", path, source)
    return arr


def load_weights(path_or_text: str | bytes | os.PathLike[str] | Source, *, source: str | None = None
                 ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Read a weights file (a path or the text, by :func:`neurosim.io.source.read_source`) and check that
    consecutive layers fit together.

    Returns
    -------
    coefs : list of (fan_in, fan_out) arrays
    intercepts : list of (fan_out,) arrays

    Raises
    ------
    ParseError
        Not JSON (with line and column).
    SpecError
        Missing keys, ragged or non-numeric arrays, layers whose shapes do not chain (JSON path of the culprit).
    """
    got = read_source(path_or_text, source=source)
    source = got.name
    doc = loads_json(got.text, source)
    if not isinstance(doc, dict):
        raise SpecError('expected an object {"coefs": [...], "intercepts": [...]}', "$", source)
    for key in ("coefs", "intercepts"):
        if not isinstance(doc.get(key), list) or not doc[key]:
            raise SpecError(f"expected a non-empty list of arrays under {key!r}", f"$.{key}", source)
    if len(doc["coefs"]) != len(doc["intercepts"]):
        raise SpecError(f"{len(doc['coefs'])} coefs but {len(doc['intercepts'])} intercepts: expected one of each "
                        "per layer", "$.intercepts", source)
    coefs = [_array(v, 2, f"$.coefs[{i}]", source) for i, v in enumerate(doc["coefs"])]
    intercepts = [_array(v, 1, f"$.intercepts[{i}]", source) for i, v in enumerate(doc["intercepts"])]
    for i, (W, b) in enumerate(zip(coefs, intercepts, strict=True)):
        if b.shape[0] != W.shape[1]:
            raise SpecError(f"expected {W.shape[1]} biases to match coefs[{i}] of shape {W.shape}, found "
                            f"{b.shape[0]}", f"$.intercepts[{i}]", source)
        if i and W.shape[0] != coefs[i - 1].shape[1]:
            raise SpecError(f"expected {coefs[i - 1].shape[1]} rows to follow coefs[{i - 1}] of shape "
                            f"{coefs[i - 1].shape}, found shape {W.shape}", f"$.coefs[{i}]", source)
    return coefs, intercepts


def check_weight_shapes(coefs: list[np.ndarray], intercepts: list[np.ndarray], layers: tuple[int, ...],
                        source: str = "<string>") -> None:
    """Check that weights read by :func:`load_weights` fit a net of these layer sizes, layer by layer.

    Parameters
    ----------
    coefs, intercepts : lists of arrays
    layers : tuple of int
        ``(n_features, *hidden, n_outputs)``.
    source : str
        Cited in errors.

    Raises
    ------
    SpecError
        The wrong number of layers, or a layer of the wrong shape (with its JSON path).
    """
    if len(coefs) != len(layers) - 1:
        raise SpecError(f"expected {len(layers) - 1} layers for sizes {list(layers)}, found {len(coefs)}",
                        "$.coefs", source)
    for i, (W, b) in enumerate(zip(coefs, intercepts, strict=True)):
        if W.shape != (layers[i], layers[i + 1]):
            raise SpecError(f"coefs[{i}] has shape {W.shape}, expected {(layers[i], layers[i + 1])} for sizes "
                            f"{list(layers)}", f"$.coefs[{i}]", source)
        if b.shape != (layers[i + 1],):
            raise SpecError(f"intercepts[{i}] has shape {b.shape}, expected {(layers[i + 1],)}",
                            f"$.intercepts[{i}]", source)


def _field(doc: dict, key: str, kinds: tuple[type, ...], source: str, *, null: bool = False) -> Any:
    if key not in doc:
        raise SpecError(f"expected the key {key!r} in the training state", "$.training", source)
    v = doc[key]
    if v is None and null:
        return None
    if (isinstance(v, bool) and bool not in kinds) or not isinstance(v, kinds):
        want = " or ".join(k.__name__ for k in kinds) + (" or null" if null else "")
        raise SpecError(f"expected {want}, found {json.dumps(v)[:40]}", f"$.training.{key}", source)
    return v


def load_training_state(path_or_text: str | bytes | os.PathLike[str] | Source, *, source: str | None = None
                        ) -> TrainingState | None:
    """The ``training`` object of a weights file as a :class:`TrainingState`, or None when the file has none.

    Raises
    ------
    ParseError, SpecError
        As :func:`load_weights`; a ``training`` object with a missing or mistyped key, or velocities whose shapes
        differ from the weights' (with the JSON path).
    """
    got = read_source(path_or_text, source=source)
    coefs, intercepts = load_weights(got)
    doc = loads_json(got.text, got.name).get("training")
    if doc is None:
        return None
    src = got.name
    if not isinstance(doc, dict):
        raise SpecError("expected an object", "$.training", src)
    unknown = sorted(set(doc) - set(TRAINING_KEYS))
    if unknown:
        raise SpecError(f"unknown key {unknown[0]!r}; expected only {', '.join(TRAINING_KEYS)}", "$.training", src)
    num = (int, float)
    vel = _field(doc, "velocity", (dict,), src)
    for key in ("coefs", "intercepts"):
        if not isinstance(vel.get(key), list):
            raise SpecError(f"expected a list of arrays under {key!r}", f"$.training.velocity.{key}", src)
    vc = [_array(v, 2, f"$.training.velocity.coefs[{i}]", src) for i, v in enumerate(vel["coefs"])]
    vi = [_array(v, 1, f"$.training.velocity.intercepts[{i}]", src) for i, v in enumerate(vel["intercepts"])]
    order = _field(doc, "order", (list,), src, null=True)
    if order is not None and not all(isinstance(i, int) and not isinstance(i, bool) for i in order):
        raise SpecError("expected a list of sample indices", "$.training.order", src)
    try:
        return TrainingState(
            coefs, intercepts, vc, vi, _field(doc, "epochs", (int,), src), _field(doc, "activation", (str,), src),
            _field(doc, "output_activation", (str,), src), _field(doc, "loss", (str,), src),
            float(_field(doc, "lr", num, src)), float(_field(doc, "momentum", num, src)),
            float(_field(doc, "weight_decay", num, src)), _field(doc, "batch_size", (int,), src, null=True),
            _field(doc, "shuffle", (bool,), src), _field(doc, "gradient", (str,), src),
            _field(doc, "tol", num, src, null=True), _field(doc, "n_iter_no_change", (int,), src),
            _field(doc, "rng", (dict,), src, null=True), order, _field(doc, "best_loss", num, src, null=True),
            _field(doc, "stall", (int,), src), _field(doc, "final_loss", num, src, null=True))
    except DataError as exc:
        raise SpecError(str(exc).removeprefix("training state: "), "$.training", src) from None
