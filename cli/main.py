"""The ``neurosim`` group: global options, lazy sub-commands, and the one place that maps errors to exit codes.

Sub-commands live in their own modules and are imported only when used, so ``neurosim --help`` and quick commands
stay fast (no SciPy or Matplotlib import unless the command needs it).
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from neurosim import __version__
from neurosim.backend import BACKEND_NAMES
from neurosim.errors import NeurosimError
from neurosim.scale import SCHEDULERS

from .common import Settings

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


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        mod_name, attr = target.split(":")
        mod = importlib.import_module(f"{__package__}.{mod_name}")
        return getattr(mod, attr)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (NeurosimError, OSError, UnicodeDecodeError, MemoryError) as exc:
            settings = ctx.obj if isinstance(ctx.obj, Settings) else None
            if settings is not None and settings.verbosity > 0:
                traceback.print_exc()
            msg = _one_line(exc)
            click.echo(f"neurosim: error: {msg}", err=True)
            ctx.exit(2)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None:
        reason = exc.strerror or type(exc).__name__
        return f"{exc.filename}: {reason}"
    if isinstance(exc, UnicodeDecodeError):
        return f"input is not UTF-8 text (byte {exc.start}: {exc.reason})"
    if isinstance(exc, MemoryError):
        return "out of memory: the input is too large for this command"
    text = str(exc) or type(exc).__name__
    return " ".join(text.split("\n"))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--backend", type=click.Choice(BACKEND_NAMES), default=None, envvar="NEUROSIM_BACKEND",
              show_envvar=True, help="Array backend for batch work: numpy (CPU), cupy (GPU) or auto. [default: numpy]")
@click.option("--seed", type=int, default=None, help="Random seed for anything random (reported on stderr).")
@click.option("--scheduler", type=click.Choice(SCHEDULERS), default=None, envvar="NEUROSIM_SCHEDULER",
              show_envvar=True, help="Where big jobs (exhaustive checks, seed sweeps, the threshold census) run: "
              "in this process, on local processes, or on Dask. Same output either way. [default: inline]")
@click.option("--address", metavar="tcp://HOST:PORT", default=None, envvar="NEUROSIM_DASK_ADDRESS", show_envvar=True,
              help="A running Dask scheduler for --scheduler dask (default: a local cluster, one worker per core).")
@click.option("-q", "--quiet", "quiet", is_flag=True, help="Print only results, no summaries or progress.")
@click.option("-v", "--verbose", "verbose", count=True, help="More detail; -v also shows tracebacks on errors.")
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
    Rosenblatt's perceptron, backprop on XOR           neurosim perceptron DATA / neurosim xor
    Everything on the bundled examples                 neurosim demo --out demo-out

    Errors print one line and exit with status 2; a --check that answers no exits with 1.
    """
    ctx.obj = Settings(backend=backend, seed=seed, verbosity=-1 if quiet else verbose, scheduler=scheduler,
                       address=address)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="neurosim")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
