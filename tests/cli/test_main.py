"""The CLI group: version, help, backend selection and the one place that maps errors to exit codes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from neurosim import __version__
from neurosim.backend import get_backend
from neurosim.errors import BackendUnavailableError
from neurosim_cli.main import COMMANDS, cli


def test_version():
    r = CliRunner().invoke(cli, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output


def test_help_lists_every_command():
    r = CliRunner().invoke(cli, ["--help"])
    assert r.exit_code == 0
    for name in COMMANDS:
        assert name in r.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(name):
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0, r.output
    assert "Usage:" in r.output


def test_unknown_command_is_usage_error():
    r = CliRunner().invoke(cli, ["nope"])
    assert r.exit_code == 2


def test_cupy_without_gpu_is_one_line_exit_2():
    try:
        get_backend("cupy")
    except BackendUnavailableError:
        pass
    else:
        pytest.skip("a GPU is present: the error path cannot be provoked here")
    r = CliRunner().invoke(cli, ["--backend", "cupy", "demo", "--out", "unused-dir"])
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and "cupy" in r.output and "Traceback" not in r.output


def test_missing_file_is_one_line_exit_2(tmp_path):
    r = CliRunner().invoke(cli, ["simulate", str(tmp_path / "nope.json"), "--all"])
    assert r.exit_code == 2
    assert "nope.json" in r.output and "Traceback" not in r.output


def test_binary_file_is_located_parse_error(tmp_path):
    f = tmp_path / "junk.csv"
    f.write_bytes(b"a,b\n0,\xff\n")
    r = CliRunner().invoke(cli, ["separable", str(f)])
    assert r.exit_code == 2
    assert f"{f}:2:3: expected UTF-8 text, found byte 0xff" in r.output and r.output.count("\n") == 1


def test_choices_come_from_the_library_registries():
    """Every --method/--missing/--order/--format/--engine/--activation choice is the library's own registry."""
    import click

    from neurosim.automata import ENGINE_NAMES
    from neurosim.io import MISSING_POLICIES, NET_FORMATS, TABLE_FORMATS
    from neurosim.learn import HIDDEN_ACTIVATIONS, LOSSES, ORDERS
    from neurosim.logic import COMPILE_METHODS
    from neurosim_cli.main import cli as group

    ctx = click.Context(group)

    def choices(*path: str) -> dict[str, tuple]:
        cmd = group
        for name in path:
            cmd = cmd.get_command(ctx, name)
        return {p.name: tuple(p.type.choices) for p in cmd.params if isinstance(p.type, click.Choice)}

    assert choices("compile")["method"] == tuple(COMPILE_METHODS)
    assert choices("compile")["missing"] == tuple(MISSING_POLICIES)
    assert choices("compile")["table_format"] == tuple(TABLE_FORMATS)
    assert choices("compile")["fmt"] == (*NET_FORMATS, "pla")
    assert choices("draw")["fmt"] == tuple(NET_FORMATS)
    assert choices("dfa", "compile")["fmt"] == tuple(NET_FORMATS) and "blif" in NET_FORMATS
    assert choices("dfa", "run")["engine"] == tuple(ENGINE_NAMES)
    assert choices("perceptron")["order"] == tuple(ORDERS)
    assert choices("mlp")["activation"] == tuple(HIDDEN_ACTIVATIONS) == choices("xor")["activation"]
    assert choices("mlp")["loss"] == tuple(LOSSES)
