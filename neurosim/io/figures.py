"""Figures written out: the bytes of a Matplotlib Figure as PNG, SVG or PDF, and saving them atomically.

Drawing code (:mod:`neurosim.draw`) makes Figures and never touches the file system; this module is where they
become files. Equal figures give equal bytes (no timestamps, a fixed SVG hash salt).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpecError
from .atomic import atomic_write_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FIGURE_FORMATS", "figure_to_bytes", "save_figure"]

#: the formats a figure can be written in
FIGURE_FORMATS = ("png", "svg", "pdf")


def figure_to_bytes(fig: Figure, fmt: str = "png", *, dpi: int = 150) -> bytes:
    """The file contents of ``fig`` as PNG, SVG or PDF (no timestamps, so equal figures give equal bytes)."""
    if fmt not in FIGURE_FORMATS:
        raise SpecError(f"unknown figure format {fmt!r}; expected one of {', '.join(FIGURE_FORMATS)}", "format")
    meta = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "neurosim"}):  # fixed salt: SVG element ids stop varying
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
    return buf.getvalue()


def save_figure(fig: Figure, path: str | os.PathLike[str], fmt: str | None = None, *, dpi: int = 150) -> str:
    """Write ``fig`` to ``path`` atomically (temporary file + rename), as PNG, SVG or PDF by the suffix.

    Returns
    -------
    str
        The format written.

    Raises
    ------
    SpecError
        The suffix (or ``fmt``) is not png, svg or pdf.
    """
    fmt = fmt or Path(path).suffix.lower().lstrip(".")
    if fmt not in FIGURE_FORMATS:
        raise SpecError(f"cannot save a figure as {fmt or 'a file without suffix'!r}; expected a .png, .svg "
                        "or .pdf file", str(path))
    atomic_write_bytes(path, figure_to_bytes(fig, fmt, dpi=dpi))
    return fmt
