"""Animations written out: a Matplotlib animation as a GIF or as one self-contained HTML page, atomically.

The bytes come from :func:`neurosim.draw.animation_to_bytes` (the drawing layer renders; this module writes), so a
failure leaves no partial file behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..draw import ANIMATION_FORMATS, animation_to_bytes
from ..errors import SpecError
from .atomic import atomic_write_bytes

__all__ = ["save_animation"]


def save_animation(anim: Any, path: str | os.PathLike[str], fmt: str | None = None, *, fps: float | None = None,
                   dpi: int = 100, title: str = "neurosim animation") -> str:
    """Write ``anim`` to ``path`` atomically, as a GIF or an HTML page by the suffix (``.gif``, ``.html``/``.htm``).

    Returns
    -------
    str
        The format written.

    Raises
    ------
    SpecError
        Another suffix.
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = fmt or {"htm": "html"}.get(suffix, suffix)
    if fmt not in ANIMATION_FORMATS:
        raise SpecError(f"cannot save an animation as {fmt or 'a file without suffix'!r}; expected a .gif or .html "
                        "file", str(path))
    atomic_write_bytes(path, animation_to_bytes(anim, fmt, fps=fps, dpi=dpi, title=title))
    return fmt
