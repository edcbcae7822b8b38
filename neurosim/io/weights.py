"""MLP weights files: ``{"coefs": [...], "intercepts": [...]}`` with ``coefs[l]`` of shape (fan_in, fan_out) and
``intercepts[l]`` of shape (fan_out,), as nested JSON arrays.

Floats are written with Python's shortest round-trip repr, so reading a file back gives bit-identical weights
and a run continued from it (``neurosim mlp --init``) is exact.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import SpecError
from .source import Source, loads_json, read_source

__all__ = ["check_weight_shapes", "load_weights", "weights_to_json"]


def weights_to_json(coefs: Sequence[np.ndarray], intercepts: Sequence[np.ndarray]) -> str:
    """Serialise weights (keys in fixed order, one layer per line pair, trailing newline)."""
    doc = {"coefs": [np.asarray(W, dtype=np.float64).tolist() for W in coefs],
           "intercepts": [np.asarray(b, dtype=np.float64).tolist() for b in intercepts]}
    return json.dumps(doc, allow_nan=False) + "\n"


def _preview(value: Any) -> str:
    try:
        return json.dumps(value)[:60]
    except (ValueError, RecursionError):
        return type(value).__name__


def _array(value: Any, ndim: int, path: str, source: str) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64)
    except OverflowError:  # an integer too large for a float (a 400-digit weight)
        raise SpecError(f"expected a {ndim}-D array of numbers a float can hold (|w| < 1.8e308), found an integer "
                        "beyond that", path, source) from None
    except (TypeError, ValueError, RecursionError):
        raise SpecError(f"expected a {ndim}-D array of numbers, found {_preview(value)}", path, source) from None
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
