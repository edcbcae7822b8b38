"""Animations written out: a Matplotlib animation as a GIF (matplotlib's Pillow writer) or as one self-contained
HTML page (the JavaScript player of ``Animation.to_jshtml``, frames embedded: no server, no network).

The frames are rendered into a private temporary folder and the finished file is written with the library's atomic
writer, so a failure leaves no partial file behind.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ..errors import SpecError
from .atomic import atomic_write_bytes

__all__ = ["ANIMATION_FORMATS", "animation_to_bytes", "save_animation"]

#: the formats an animation can be written in
ANIMATION_FORMATS = ("gif", "html")


def animation_to_bytes(anim: Any, fmt: str, *, fps: float | None = None, dpi: int = 100,
                       title: str = "neurosim animation") -> bytes:
    """The file contents of ``anim`` as a GIF or an HTML page.

    Parameters
    ----------
    anim : matplotlib.animation.Animation
    fmt : {"gif", "html"}
    fps : float, optional
        Frames per second (default: the animation's own interval).
    """
    if fmt not in ANIMATION_FORMATS:
        raise SpecError(f"unknown animation format {fmt!r}; expected one of {', '.join(ANIMATION_FORMATS)}", "format")
    rate = fps if fps is not None else 1000.0 / max(float(getattr(anim, "_interval", 500)), 1.0)
    if fmt == "html":
        player = _offline(anim.to_jshtml(fps=rate, embed_frames=True, default_mode="loop"))
        page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{player}\n</body>\n</html>\n")
        return page.encode("utf-8")
    from matplotlib.animation import PillowWriter

    with tempfile.TemporaryDirectory(prefix="neurosim-anim-") as tmp:
        out = Path(tmp) / "animation.gif"
        anim.save(out, writer=PillowWriter(fps=rate), dpi=dpi)
        return out.read_bytes()


#: the player's Font Awesome icons (fetched from a CDN by Matplotlib's template) as plain characters
_ICONS = {"fa-fast-backward": "⏮", "fa-step-backward": "⏪", "fa-play fa-flip-horizontal": "◀", "fa-pause": "⏸",
          "fa-play": "▶", "fa-step-forward": "⏩", "fa-fast-forward": "⏭", "fa-minus": "−", "fa-plus": "+"}


def _offline(player: str) -> str:
    """The player with no network reference: the stylesheet link dropped, its icons written as characters."""
    player = re.sub(r'<link rel="stylesheet"\s+href="https?://[^"]*">', "", player)
    for cls, ch in _ICONS.items():
        player = player.replace(f'<i class="fa {cls}"></i>', ch)
    return player


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
