"""``neurosim draw`` through Click's CliRunner, and the net part of ``neurosim demo``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from neurosim import examples
from neurosim.io import load_net, net_to_graphml
from neurosim_cli.draw_cmd import demo
from neurosim_cli.main import cli

XOR = str(examples.path("nets/xor.json"))
LATCH = str(examples.path("nets/latch.json"))
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}


def invoke(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def one_error_line(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for n in needles:
        assert n in lines[0], lines[0]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_draw_figure_formats(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"xor.{fmt}"
    r = invoke("draw", XOR, "-o", str(out), "--title", "XOR")
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(MAGIC[fmt])
    assert r.stdout == "" and f"wrote {out} ({fmt}," in r.stderr and "3 units" in r.stderr


def test_draw_quiet_prints_nothing(tmp_path: Path) -> None:
    r = invoke("-q", "draw", LATCH, "-o", str(tmp_path / "l.png"))
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == ""


def test_convert_to_dot_on_stdout() -> None:
    r = invoke("draw", XOR, "-o", "-", "--format", "dot")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith('digraph "mpnet" {') and r.stdout.count("arrowhead=dot") == 2


def test_stdin_graphml_to_json_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "xor.json"
    r = invoke("draw", "-", "-o", str(out), stdin=net_to_graphml(load_net(XOR)))
    assert r.exit_code == 0, r.output
    assert out.read_bytes() == Path(XOR).read_bytes()


def test_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "latch.nodelink.json"
    r = invoke("draw", LATCH, "-o", str(out), "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["format"] == "nodelink" and s["feedforward"] is False and s["units"] == 1 and s["bytes"] > 0
    assert load_net(out) == load_net(LATCH)


@pytest.mark.parametrize("args, stdin, needles", [
    (["draw", "missing.json", "-o", "x.png"], None, ["neurosim: error: missing.json"]),
    (["draw", "-", "-o", "x.png"], "{\n  oops", ["<stdin>:2:3: invalid JSON"]),
    (["draw", "-", "-o", "x.png"], '{"format": "neurosim-net", "version": 7, "inputs": [], "units": []}',
     ["<stdin>: $.version: expected 1"]),
    (["draw", "-", "-o", "x.png"], '<!DOCTYPE x><graphml/>', ["<stdin>:1:1:", "DOCTYPE"]),
    (["draw", LATCH, "-o", "x.blif"], None, ["BLIF is combinational", "unit 'm'"]),
    (["draw", XOR, "-o", "x.txt"], None, ["cannot tell the net format from '.txt'"]),
])
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, args, stdin, needles) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    one_error_line(invoke(*args, stdin=stdin), *needles)
    assert list(tmp_path.iterdir()) == []  # no half-written output


@pytest.mark.parametrize("args, needle", [
    (["draw", XOR, "-o", "-"], "needs --format"),
    (["draw", XOR, "-o", "-", "--format", "dot", "--json"], "--json"),
    (["draw", XOR, "-o", "x.dot", "--title", "t"], "--title applies to drawings"),
    (["draw", XOR], "Missing option '-o'"),
])
def test_usage_errors_exit_2(args, needle: str) -> None:
    r = invoke(*args)
    assert r.exit_code == 2 and needle in r.stderr


def test_help_teaches_with_examples() -> None:
    r = invoke("draw", "--help")
    assert r.exit_code == 0 and "neurosim draw examples/nets/xor.json -o xor.png" in r.stdout
    assert "--format" in r.stdout and "--title" in r.stdout and "--json" in r.stdout


def test_demo_hook(tmp_path: Path, backend) -> None:
    lines = demo(tmp_path, backend)
    assert len(lines) == 3 and "001111000" in lines[2]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["net_and.png", "net_latch.png", "net_latch_raster.png", "net_not.png", "net_or.png",
                     "net_xor.dot", "net_xor.graphml", "net_xor.png"]
    assert load_net(tmp_path / "net_xor.graphml") == load_net(XOR)
