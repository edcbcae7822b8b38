"""Helpers shared by the sub-commands: settings, reading inputs, atomic output, JSON, progress, log lines."""

from __future__ import annotations

import json
import math
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
    "SEED",
    "FiniteFloat",
    "Settings",
    "atomic_write",
    "check_figure_path",
    "emit_json",
    "format_option",
    "json_option",
    "log",
    "output_option",
    "plot_option",
    "progress_callback",
    "read_input",
    "settings",
    "stage_logger",
    "tidy_float",
    "tidy_json",
]


class FiniteFloat(click.ParamType):
    """A float option that refuses NaN and infinity (Click's ``FloatRange`` lets them through) and keeps to a range.

    Parameters
    ----------
    min, max : float, optional
        Bounds; ``min_open``/``max_open`` make them strict.
    """

    name = "float"

    def __init__(self, min: float | None = None, max: float | None = None, *, min_open: bool = False,
                 max_open: bool = False) -> None:
        self.min, self.max, self.min_open, self.max_open = min, max, min_open, max_open

    def _range(self) -> str:
        parts = []
        if self.min is not None:
            parts.append(f"{'>' if self.min_open else '>='} {self.min:g}")
        if self.max is not None:
            parts.append(f"{'<' if self.max_open else '<='} {self.max:g}")
        return " and ".join(parts)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, float) and math.isfinite(value):
            v = value
        else:
            try:
                v = float(value)
            except (TypeError, ValueError):
                self.fail(f"expected a number, found {value!r}", param, ctx)
        rng = self._range()
        want = "a finite number" + (f" {rng}" if rng else "")
        if not math.isfinite(v):
            self.fail(f"expected {want}, found {value!r}", param, ctx)
        low_bad = self.min is not None and (v < self.min or (self.min_open and v == self.min))
        high_bad = self.max is not None and (v > self.max or (self.max_open and v == self.max))
        if low_bad or high_bad:
            self.fail(f"expected {want}, found {value!r}", param, ctx)
        return v

    def __repr__(self) -> str:
        return f"FiniteFloat({self._range()})"


class _Seed(click.ParamType):
    """A random seed: an integer from 0 to 2**64 - 1 (the range of the SplitMix64 streams that key the draws)."""

    name = "integer"
    LIMIT = 2**64 - 1

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            v = value
        else:
            text = str(value).strip()
            if len(text) > 30 or not text.lstrip("+-").isascii() or not text.lstrip("+-").isdigit():
                self.fail(f"expected an integer from 0 to 2**64 - 1, found {text[:30]!r}", param, ctx)
            v = int(text)
        if not 0 <= v <= self.LIMIT:
            self.fail(f"expected an integer from 0 to 2**64 - 1, found {v}", param, ctx)
        return v


#: the type of every ``--seed`` option
SEED = _Seed()


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


#: a float within this many units in the last place of a short decimal is printed as that decimal
_NOISE_ULPS = 4
#: ... when the decimal has at most this many significant digits (51, 0.3, 2.5e-05: numbers that look exact)
_SHORT_DIGITS = 6


def tidy_float(v: float) -> float | int:
    """``v`` without floating-point noise: ``50.99999999999999`` -> ``51``, ``0.30000000000000004`` -> ``0.3``.

    A float within a few ulps of a decimal of at most six significant digits is that decimal (an integer when it
    is one, below 2**53); any other float is kept as it is (JSON then prints its shortest round-trip repr).
    """
    if not math.isfinite(v):
        return v
    short = float(f"{v:.{_SHORT_DIGITS}g}")
    if short != v and abs(short - v) > _NOISE_ULPS * math.ulp(v):
        return v
    return int(short) if short.is_integer() and abs(short) < 2**53 else short


def tidy_json(obj: Any) -> Any:
    """``obj`` with every float passed through :func:`tidy_float` (dicts, lists and tuples walked)."""
    if isinstance(obj, float):
        return tidy_float(obj)
    if isinstance(obj, dict):
        return {k: tidy_json(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [tidy_json(v) for v in obj]
    return obj


def emit_json(obj: Any, *, lines: bool = False) -> None:
    """Print ``obj`` as JSON on stdout (one compact line with ``lines=True``, for JSON Lines streams); floats
    without noise (:func:`tidy_float`)."""
    obj = tidy_json(obj)
    if lines:
        click.echo(json.dumps(obj, separators=(",", ":"), allow_nan=False))
    else:
        click.echo(json.dumps(obj, indent=2, allow_nan=False))


#: set to 1 to get progress on a stderr that is not a terminal (plain lines, every 10 %; for logs of long jobs)
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
    """A ``progress(done, total)`` callback drawing a bar on stderr, or None when the run is quiet or stderr is
    not a terminal (unless ``NEUROSIM_PROGRESS=1``: then one line per tenth of the work). Library functions take
    such a callback as their ``progress=`` argument."""
    if not _show_progress():
        return None
    if not sys.stderr.isatty():
        return _progress_lines(label) if os.environ.get(PROGRESS_ENV) == "1" else None
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


def _progress_lines(label: str) -> Callable[[int, int], None]:
    last = [-1]

    def update(done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth > last[0]:
            last[0] = tenth
            click.echo(f"{label}: {10 * tenth}% ({done:,} of {total:,})", err=True)

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


def check_figure_path(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """A figure file's suffix must name a figure format: refused at once, before any work (a callback)."""
    if value is None:
        return None
    from neurosim.io import FIGURE_FORMATS

    suffix = Path(value).suffix.lower().lstrip(".")
    if suffix not in FIGURE_FORMATS:
        found = f"'.{suffix}'" if suffix else "no suffix"
        raise click.BadParameter(f"expected a figure file ending in {', '.join('.' + f for f in FIGURE_FORMATS)}, "
                                 f"found {found} ({value!r})", ctx=ctx, param=param)
    return value


def plot_option(help: str, *names: str) -> Callable[[Any], Any]:
    """``--plot FILE``: a figure (PNG/SVG/PDF by suffix) besides the command's result; the suffix is checked
    before any work. Extra ``names`` are kept as aliases (``--raster``)."""
    return click.option("--plot", *names, "plot", metavar="FILE", default=None, callback=check_figure_path,
                        help=help)


def format_option(choices: Any, help: str) -> Callable[[Any], Any]:
    """``--format NAME``: an output format from a library registry (overrides the suffix of ``-o``)."""
    return click.option("--format", "fmt", type=click.Choice(tuple(choices)), default=None, help=help)
