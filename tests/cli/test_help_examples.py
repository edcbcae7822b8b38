"""Every command line in ``--help`` and in the README runs as written (DESIGN.md §6).

The examples are collected from the help of every command (lines that start with ``neurosim`` in an Examples
block, or after ``Example:``) and from the README (``sh`` blocks and indented command blocks), and run in order
in a scratch folder where ``examples/`` is the bundled one, so an example may use what an earlier one of the same
source wrote (``-o w.json`` then ``--init w.json``). The shell forms the examples use are ``neurosim ARGS``,
``neurosim ARGS > FILE`` and ``printf 'TEXT' | neurosim ARGS``; anything else fails the test, so the examples
stay runnable. An example whose comment says "exit status 1" must exit with 1, every other with 0.

``neurosim demo`` examples take half a minute each: they are parsed here (every option must exist) and run as
written by CI's smoke run (``.ci/run``).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from neurosim_cli.main import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]


def _help_texts() -> dict[str, str]:
    ctx = click.Context(cli)
    out = {"neurosim": cli.help or ""}
    for name in COMMANDS:
        cmd = cli.get_command(ctx, name)
        out[f"neurosim {name}"] = cmd.help or ""
        if isinstance(cmd, click.Group):
            for sub, c in cmd.commands.items():
                out[f"neurosim {name} {sub}"] = c.help or ""
    return out


def _command_lines(text: str) -> list[str]:
    lines = []
    for raw in text.splitlines():
        s = raw.strip()
        if "Example: neurosim " in s:
            s = s[s.index("Example: ") + len("Example: "):]
        elif "  neurosim " in s and not s.startswith(("neurosim ", "printf ")):  # the group help's table
            s = s[s.index("neurosim "):]
        if s.startswith(("neurosim ", "printf ")):
            lines.append(s)
    return lines


def help_examples() -> list[tuple[str, str]]:
    out = []
    for source, text in _help_texts().items():
        out += [(source, line) for line in _command_lines(text)]
    return out


def readme_examples() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    blocks += re.findall(r"((?:\n    neurosim [^\n]*)+)", text)
    lines = []
    for block in blocks:
        for raw in block.splitlines():
            s = raw.strip()
            if s.startswith(("neurosim ", "printf ")):
                lines.append(("README.md", s))
    return lines


EXAMPLES = help_examples() + readme_examples()


def _split(line: str) -> tuple[list[str], str | None, str | None, int]:
    """(neurosim arguments, stdin text, stdout file, expected exit status) of one example line."""
    _, _, comment = line.partition(" #")
    expect = 1 if "exit status 1" in comment else 0
    words = shlex.split(line, comments=True)
    stdin = None
    if words[0] == "printf":
        assert words[2] == "|", f"unsupported shell form: {line}"
        stdin = words[1].encode().decode("unicode_escape")
        words = words[3:]
    out = None
    if ">" in words:
        k = words.index(">")
        assert k == len(words) - 2, f"unsupported shell form: {line}"
        out, words = words[-1], words[:k]
    assert words[0] == "neurosim" and "|" not in words, f"unsupported shell form: {line}"
    return words[1:], stdin, out, expect


def test_there_are_examples_everywhere():
    sources = {s for s, _ in EXAMPLES}
    assert "README.md" in sources and len(EXAMPLES) >= 40
    assert all(f"neurosim {name}" in sources for name in COMMANDS if name != "dfa"), sources


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> dict[str, Path]:
    return {}


@pytest.mark.parametrize("source, line", EXAMPLES, ids=[f"{s}:{i}" for i, (s, _) in enumerate(EXAMPLES)])
def test_example_runs_as_written(source, line, scratch, tmp_path_factory, monkeypatch):
    folder = scratch.get(source)
    if folder is None:  # one folder per source, shared in order: later examples read what earlier ones wrote
        folder = scratch[source] = tmp_path_factory.mktemp(source.replace(" ", "_"))
        (folder / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("NEUROSIM_BACKEND", raising=False)
    args, stdin, out, expect = _split(line)
    if args[:1] == ["demo"] or "demo" in args[:3]:
        ctx = cli.make_context("neurosim", list(args), resilient_parsing=False)
        with ctx:
            sub = cli.get_command(ctx, "demo")
            sub.make_context("demo", [a for a in args[args.index("demo") + 1:]], parent=ctx)
        return
    r = CliRunner().invoke(cli, args, input=stdin)
    assert r.exit_code == expect, f"{line}\n{r.output}"
    if out is not None:
        (folder / out).write_bytes(r.stdout_bytes)
        assert r.stdout_bytes, f"{line}: nothing on stdout"
