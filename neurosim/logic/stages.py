"""Stage reports of a long compile: one line per stage (OFF-sets, each minimisation pass, threshold and symmetric
searches, the exact cover, the multi-level pass), sent to whoever asked for them.

The compiler's stages sit several calls deep (``compile_table`` -> ``minimize`` -> ``espresso`` -> its loop), so
the listener lives in a context variable set by :func:`reporting` for the duration of one compile, and the code
of each stage calls :func:`stage`; without a listener a stage costs one lookup. Reports are strings made from the
data alone (sizes, counts, pass numbers), never from the clock, so they never change a result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["StageListener", "reporting", "stage"]

#: a listener receives one short line per stage, e.g. ``"minimise: pass 2, 118 cubes"``
StageListener = Callable[[str], None]

_LISTENER: ContextVar[StageListener | None] = ContextVar("neurosim_logic_stage_listener", default=None)


def stage(message: str) -> None:
    """Report that a stage starts (or a pass ends) to the current listener, if any."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(message)


@contextmanager
def reporting(listener: StageListener | None) -> Iterator[None]:
    """Send :func:`stage` reports to ``listener`` inside the block (None: keep the current listener)."""
    if listener is None:
        yield
        return
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)
