"""The ``neurosim`` group: global options, lazy sub-commands, and the one place that maps errors to exit codes.

Sub-commands live in their own modules and are imported only when used, so ``neurosim --help`` and quick commands
stay fast (no SciPy or Matplotlib import unless the command needs it).

Exit status (DESIGN.md §6): 0 success; 1 only when a ``--check``/``--verify`` answers no; 2 for bad usage or bad
input, with one line ``neurosim: error: ...`` (usage errors included, never Click's Usage/Try/Error block); 130
on Ctrl-C and 143 on SIGTERM, after the atomic writers have removed their temporary files; a closed pipe
(``| head``) ends the command quietly with status 0, as the reader asked for no more.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from typing import Any

import click
from click.core import ParameterSource

from neurosim import __version__
from neurosim.backend import BACKEND_NAMES
from neurosim.errors import NeurosimError
from neurosim.scale import SCHEDULERS

from .common import SEED, Settings

#: command name -> "module:attribute" inside this package
COMMANDS: dict[str, str] = {
    "compile": "compile_cmd:compile_cmd",
    "simulate": "simulate_cmd:simulate_cmd",
    "draw": "draw_cmd:draw_cmd",
    "dfa": "dfa_cmd:dfa_group",
    "regex": "regex_cmd:regex_group",
    "separable": "perceptron_cmd:separable_cmd",
    "perceptron": "perceptron_cmd:perceptron_cmd",
    "mlp": "mlp_cmd:mlp_cmd",
    "xor": "mlp_cmd:xor_cmd",
    "demo": "demo_cmd:demo_cmd",
}

#: click >= 8.2 raises this for a bare group; older versions print the help themselves
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C


class _Terminated(BaseException):
    """Raised in the main thread by the SIGTERM/SIGHUP handler, so cleanup code (atomic writers) runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _PipeClosed(BaseException):
    """Standard output was closed by its reader (``| head``): stop quietly."""


# ---- global options, accepted before or after the sub-command ----------------------------------------------
_BACKEND_HELP = "Array backend for batch work: numpy (CPU), cupy (GPU) or auto. [default: numpy]"
_SEED_HELP = "Random seed (0 to 2**64 - 1) for anything random (reported on stderr)."
_SCHEDULER_HELP = ("Where big jobs (exhaustive checks, seed sweeps, the threshold census) run: in this process, on "
                   "local processes, or on Dask. Same output either way. [default: inline]")
_ADDRESS_HELP = "A running Dask scheduler for --scheduler dask (default: a local cluster, one worker per core)."
_QUIET_HELP = "Print only results, no summaries or progress."
_VERBOSE_HELP = "More detail; -v also shows tracebacks on errors."


def _replace_settings(ctx: click.Context, **changes: Any) -> None:
    """Apply ``changes`` to the Settings of ``ctx`` and of every parent (a child context copies its parent's)."""
    c: click.Context | None = ctx
    while c is not None:
        if isinstance(c.obj, Settings):
            c.obj = dataclasses.replace(c.obj, **changes)
        c = c.parent


def _global_callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if ctx.get_parameter_source(param.name) is not ParameterSource.COMMANDLINE:
        return
    if param.name == "g_quiet":
        if value:
            _replace_settings(ctx, verbosity=-1)
    elif param.name == "g_verbose":
        _replace_settings(ctx, verbosity=value)
    else:
        _replace_settings(ctx, **{param.name.removeprefix("g_"): value})


def _global_params() -> list[click.Parameter]:
    note = " (A global option: also accepted before the command.)"
    return [
        click.Option(["--backend", "g_backend"], type=click.Choice(BACKEND_NAMES), default=None,
                     expose_value=False, callback=_global_callback, help=_BACKEND_HELP + note),
        click.Option(["--seed", "g_seed"], type=SEED, default=None, expose_value=False, callback=_global_callback,
                     help=_SEED_HELP + note),
        click.Option(["--scheduler", "g_scheduler"], type=click.Choice(SCHEDULERS), default=None,
                     expose_value=False, callback=_global_callback, help=_SCHEDULER_HELP + note),
        click.Option(["--address", "g_address"], metavar="tcp://HOST:PORT", default=None, expose_value=False,
                     callback=_global_callback, help=_ADDRESS_HELP + note),
        click.Option(["-q", "--quiet", "g_quiet"], is_flag=True, default=False, expose_value=False,
                     callback=_global_callback, help=_QUIET_HELP + note),
        click.Option(["-v", "--verbose", "g_verbose"], count=True, default=0, expose_value=False,
                     callback=_global_callback, help=_VERBOSE_HELP + note),
    ]


def _add_global_options(cmd: click.Command) -> click.Command:
    """Give ``cmd`` (and, for a group, each of its commands) the global options, once."""
    if not getattr(cmd, "_neurosim_globals", False):
        taken = {opt for p in cmd.params for opt in getattr(p, "opts", [])}
        cmd.params.extend(p for p in _global_params() if not set(p.opts) & taken)
        cmd._neurosim_globals = True  # type: ignore[attr-defined]
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            _add_global_options(sub)
    return cmd


# ---- errors, signals and pipes -----------------------------------------------------------------------------
def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None:
        reason = exc.strerror or type(exc).__name__
        return f"{exc.filename}: {reason}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, UnicodeDecodeError):
        return f"input is not UTF-8 text (byte {exc.start}: {exc.reason})"
    if isinstance(exc, MemoryError):
        return "out of memory: the input is too large for this command"
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def _usage_line(exc: click.ClickException) -> str:
    msg = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        return f"{msg} (see '{ctx.command_path} --help')"
    return msg


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so flushing what is left at exit cannot raise again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


@contextlib.contextmanager
def _signal_handlers() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`_Terminated` in the main thread while a command runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise _Terminated(signum)

    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    old = {}
    for s in wanted:
        with contextlib.suppress(ValueError, OSError):
            old[s] = signal.signal(s, handler)
    try:
        yield
    finally:
        for s, h in old.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(s, h)


class LazyGroup(click.Group):
    """A group whose commands are imported on first use and share the global options and the error map."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        mod_name, attr = target.split(":")
        mod = importlib.import_module(f"{__package__}.{mod_name}")
        return _add_global_options(getattr(mod, attr))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _PipeClosed() from None
        except (NeurosimError, OSError, UnicodeDecodeError, MemoryError, RecursionError) as exc:
            settings = ctx.obj if isinstance(ctx.obj, Settings) else None
            if settings is not None and settings.verbosity > 0:
                traceback.print_exc()
            if isinstance(exc, RecursionError):
                exc = NeurosimError("the input is nested too deeply for this command")
            click.echo(f"neurosim: error: {_one_line(exc)}", err=True)
            ctx.exit(2)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the group; every way a command can end becomes an exit status and at most one line on stderr."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        code = _run(lambda: super(LazyGroup, self).main(args, prog_name, complete_var, standalone_mode=False,
                                                        **extra))
        sys.exit(code)


def _run(call: Any) -> int:
    with _signal_handlers():
        try:
            rv = call()
            with contextlib.suppress(AttributeError, ValueError):
                sys.stdout.flush()
            return rv if isinstance(rv, int) else 0
        except click.ClickException as exc:
            if isinstance(exc, _NO_ARGS_IS_HELP):  # plain "neurosim" or "neurosim dfa": the help, as Click shows it
                exc.show()
                return exc.exit_code
            click.echo(f"neurosim: error: {_usage_line(exc)}", err=True)
            return exc.exit_code
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except (click.Abort, KeyboardInterrupt):
            return EXIT_INTERRUPTED
        except _Terminated as exc:
            return 128 + exc.signum
        except (_PipeClosed, BrokenPipeError):
            _silence_stdout()
            return 0
        except SystemExit as exc:  # Click exits with 1 on EPIPE when the pipe closes during its own output
            if exc.code == 1 and _stdout_closed():
                _silence_stdout()
                return 0
            raise


def _stdout_closed() -> bool:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (AttributeError, ValueError, OSError):
        return False
    return False


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--backend", type=click.Choice(BACKEND_NAMES), default=None, envvar="NEUROSIM_BACKEND",
              show_envvar=True, help=_BACKEND_HELP)
@click.option("--seed", type=SEED, default=None, help=_SEED_HELP)
@click.option("--scheduler", type=click.Choice(SCHEDULERS), default=None, envvar="NEUROSIM_SCHEDULER",
              show_envvar=True, help=_SCHEDULER_HELP)
@click.option("--address", metavar="tcp://HOST:PORT", default=None, envvar="NEUROSIM_DASK_ADDRESS", show_envvar=True,
              help=_ADDRESS_HELP)
@click.option("-q", "--quiet", "quiet", is_flag=True, help=_QUIET_HELP)
@click.option("-v", "--verbose", "verbose", count=True, help=_VERBOSE_HELP)
@click.version_option(__version__, "--version", prog_name="neurosim")
@click.pass_context
def cli(ctx: click.Context, backend: str | None, seed: int | None, scheduler: str | None, address: str | None,
        quiet: bool, verbose: int) -> None:
    """neurosim: McCulloch–Pitts nets (1943), their compilers, and the learning rules that followed.

    \b
    Boolean truth tables -> minimal verified MP nets   neurosim compile examples/full_adder.csv
    DFAs -> recurrent MP nets                          neurosim dfa run examples/div3.json 110 111
    Regular expressions, NFAs <-> nets (Kleene 1956)   neurosim regex run '(ab|ba)*' abba
    Linear separability with a proof                   neurosim separable examples/xor.csv
    Rosenblatt's perceptron, backprop on XOR           neurosim perceptron examples/and.csv
    Everything on the bundled examples                 neurosim demo --out demo-out

    The global options (--backend, --seed, --scheduler, --address, -q, -v) go before or after the command.
    Errors print one line and exit with status 2; a --check that answers no exits with 1; Ctrl-C exits with 130.
    """
    ctx.obj = Settings(backend=backend, seed=seed, verbosity=-1 if quiet else verbose, scheduler=scheduler,
                       address=address)


def main() -> None:
    """Console-script entry point (also ``python -m neurosim``)."""
    cli.main(prog_name="neurosim")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
