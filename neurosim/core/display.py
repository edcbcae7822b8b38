"""Rich display in Jupyter without a drawing dependency in the value types.

The value types (nets, automata, truth tables, results) inherit :class:`ImageRepr` or :class:`HTMLRepr`, whose
``_repr_svg_`` / ``_repr_png_`` / ``_repr_html_`` ask a *renderer* for the picture. The renderer lives in the drawing
layer (:mod:`neurosim.draw.notebook`) and is registered by the top-level face when ``neurosim`` is imported — which
Python does before any submodule — so the types never import Matplotlib (nor ``neurosim.draw``) themselves, the
import graph keeps pointing downwards, and ``import neurosim`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["HTMLRepr", "ImageRepr", "register_renderer", "render"]

_RENDERER: list[str] = []


def register_renderer(module: str) -> None:
    """Name the module whose ``render(obj, fmt)`` draws objects for display (``"neurosim.draw.notebook"``)."""
    _RENDERER[:] = [module]


def render(obj: Any, fmt: str) -> Any:
    """``obj`` drawn as ``fmt`` ("svg", "png" or "html") by the registered renderer; None when there is none or it
    has no picture for ``obj`` (the front end then shows the plain ``repr``)."""
    if not _RENDERER:
        return None
    return importlib.import_module(_RENDERER[0]).render(obj, fmt)


class ImageRepr:
    """Displays as a picture in Jupyter (SVG, or PNG where a front end prefers it)."""

    __slots__ = ()

    def _repr_svg_(self) -> str | None:
        return render(self, "svg")

    def _repr_png_(self) -> bytes | None:
        return render(self, "png")


class HTMLRepr:
    """Displays as an HTML fragment in Jupyter (a table, a verdict with its proof)."""

    __slots__ = ()

    def _repr_html_(self) -> str | None:
        return render(self, "html")
