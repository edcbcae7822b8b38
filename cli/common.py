"""Helpers shared by the sub-commands: settings, reading inputs, atomic output, JSON, progress, log lines."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from neurosim.backend import Backend, get_backend
from neurosim.io import Source, atomic_write_bytes, decode_bytes, read_source
from neurosim.scale import Scheduler, get_scheduler

__all__ = [
    "Settings",
    "atomic_write",
    "emit_json",
    "format_option",
    "json_option",
    "log",
    "output_option",
    "progress_callback",
    "read_input",
    "settings",
    "stage_logger",
]


@dataclass(frozen=True, slots=True)
class Settings:
    """Global options, stored on the Click context."""

    backend: str | None = None
    seed: int | None = None
    verbosity: int = 0  # -1 quiet, 0 normal, 1+ verbose
    scheduler: str | None = None
    address: str | None = None

    def get_backend(self) -> Backend:
        return get_backend(self.backend)

    def get_scheduler(self) -> Scheduler:
        """Where block-structured jobs run (``--scheduler``, ``--address``; :func:`neurosim.scale.get_scheduler`)."""
        return get_scheduler(self.scheduler, self.address)

    def resolved_seed(self) -> int:
        """The seed to use: the one given, else a fresh one (always reported, so any run can be repeated)."""
        if self.seed is not None:
            return self.seed
        return int.from_bytes(os.urandom(4), "little") & 0x7FFFFFFF


def settings() -> Settings:
    """The current command's global settings (defaults when called outside the group, e.g. in tests)."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, Settings):
            return ctx.obj
        ctx = ctx.parent
    return Settings()


def log(message: str, *, level: int = 0) -> None:
    """Print a human-oriented line on stderr unless quiet (or, for ``level`` > 0, unless not verbose enough)."""
    if settings().verbosity >= level:
        click.echo(message, err=True)


def read_input(path: str) -> Source:
    """The file ``path``, or standard input for ``-``, read by the library's one source rule
    (:func:`neurosim.io.read_source`: UTF-8, a BOM dropped, located errors)."""
    if path == "-":
        return Source(decode_bytes(sys.stdin.buffer.read(), "<stdin>"), "<stdin>")
    return read_source(Path(path))


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` all at once (temporary file + rename), or to stdout for ``-``.

    A failure leaves no partial file behind.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == "-":
        out = sys.stdout.buffer
        out.write(raw)
        out.flush()
        return
    atomic_write_bytes(path, raw)


def emit_json(obj: Any, *, lines: bool = False) -> None:
    """Print ``obj`` as JSON on stdout (one compact line with ``lines=True``, for JSON Lines streams)."""
    if lines:
        click.echo(json.dumps(obj, separators=(",", ":"), allow_nan=False))
    else:
        click.echo(json.dumps(obj, indent=2, allow_nan=False))


#: set to 1 to show progress on stderr even when it is not a terminal (for logs of long jobs)
PROGRESS_ENV = "NEUROSIM_PROGRESS"


def _show_progress() -> bool:
    """Progress is shown on a terminal, or anywhere with NEUROSIM_PROGRESS=1, and never with -q."""
    if settings().verbosity < 0:
        return False
    return os.environ.get(PROGRESS_ENV, "") == "1" or sys.stderr.isatty()


def stage_logger(command: str) -> Callable[[str], None] | None:
    """A listener for stage reports (``compile_table(progress=...)``) printing one stderr line per stage, with
    the seconds since the command started; None where progress is not shown (see :func:`progress_callback`)."""
    if not _show_progress():
        return None
    t0 = time.perf_counter()

    def report(message: str) -> None:
        click.echo(f"neurosim: {command}: [{time.perf_counter() - t0:7.1f} s] {message}", err=True)

    return report


def progress_callback(label: str) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` callback drawing a bar on stderr, or None when stderr is not a terminal (and
    NEUROSIM_PROGRESS is not 1) or the run is quiet. Library functions take such a callback as their
    ``progress=`` argument."""
    if not _show_progress():
        return None
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
            state["last"] = 0
        bar.update(done - state["last"])
        state["last"] = done
        if done >= total:
            bar.__exit__(None, None, None)

    return update


# ---- option groups shared by the commands (sqlite-utils style): one spelling, one meaning everywhere ----------
def json_option(help: str = "Print the result as one JSON object on stdout.") -> Callable[[Any], Any]:
    """``--json``: machine-readable output on stdout (stored as ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def output_option(help: str, *, required: bool = False, default: str | None = None,
                  metavar: str = "FILE|-") -> Callable[[Any], Any]:
    """``-o/--output FILE``: where the command writes its product (``-`` for stdout), atomically."""
    extra: dict[str, Any] = {} if default is None else {"default": default, "show_default": True}
    # (click >= 8.3 counts an explicit default=None as a default, which would satisfy required=True)
    return click.option("-o", "--output", "output", required=required, metavar=metavar, help=help, **extra)


def format_option(choices: Any, help: str) -> Callable[[Any], Any]:
    """``--format NAME``: an output format from a library registry (overrides the suffix of ``-o``)."""
    return click.option("--format", "fmt", type=click.Choice(tuple(choices)), default=None, help=help)
