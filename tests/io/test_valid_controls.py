"""Valid files in the dress other tools give them are read exactly like the plain ones: a UTF-8 BOM with CRLF line
ends on every format, and XML whose comment mentions ``<!DOCTYPE`` (only a real declaration is refused)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from neurosim.io import load_dataset, load_dfa, load_net, load_table, load_weights, net_to_graphml, net_to_nodelink
from neurosim_cli.main import cli

X = Path(__file__).resolve().parents[2] / "examples"
BOM = b"\xef\xbb\xbf"
WEIGHTS = b'{"coefs": [[[1.5, -2], [0.25, 3]], [[1], [2]]], "intercepts": [[0, 1], [0.5]]}\n'


def dressed(data: bytes) -> bytes:
    """BOM + CRLF, what a Windows editor saves."""
    return BOM + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(data)
    return f


def _same_table(a, b) -> bool:
    return (a.inputs, a.outputs, a.rows, a.type) == (b.inputs, b.outputs, b.rows, b.type)


@pytest.mark.parametrize("name", ["full_adder.csv", "seven_segment.csv", "adder.pla", "logisim_example.txt"])
def test_tables_with_bom_and_crlf(tmp_path, name):
    f = _write(tmp_path, name, dressed((X / name).read_bytes()))
    assert _same_table(load_table(f, warn=lambda m: None), load_table(X / name, warn=lambda m: None))


def test_nets_with_bom_and_crlf(tmp_path):
    net = load_net(X / "nets" / "xor.json")
    for name, text in [("x.json", (X / "nets" / "xor.json").read_text()), ("x.graphml", net_to_graphml(net)),
                       ("x.nodelink.json", net_to_nodelink(net))]:
        assert load_net(_write(tmp_path, name, dressed(text.encode()))) == net, name


@pytest.mark.parametrize("name", ["div3.json", "contains101.json", "small.jff"])
def test_dfas_with_bom_and_crlf(tmp_path, name):
    assert load_dfa(_write(tmp_path, name, dressed((X / name).read_bytes()))) == load_dfa(X / name)


def test_datasets_and_weights_with_bom_and_crlf(tmp_path):
    a, b = load_dataset(_write(tmp_path, "c.csv", dressed((X / "cloud2d.csv").read_bytes()))), \
        load_dataset(X / "cloud2d.csv")
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y) and a.feature_names == b.feature_names
    got, want = load_weights(_write(tmp_path, "w.json", dressed(WEIGHTS))), load_weights(WEIGHTS)
    assert all(np.array_equal(u, v) for u, v in zip(got[0] + got[1], want[0] + want[1], strict=True))


def test_command_line_inputs_with_bom_and_crlf(tmp_path):
    rows = _write(tmp_path, "rows.csv", dressed(b"x1,x2\n0,1\n1,1\n"))
    r = CliRunner().invoke(cli, ["simulate", str(X / "nets" / "xor.json"), "--inputs", str(rows)])
    assert r.exit_code == 0 and r.stdout == "x1,x2,y\n0,1,1\n1,1,0\n", r.output
    words = _write(tmp_path, "w.txt", dressed(b"110\n111\n"))
    r = CliRunner().invoke(cli, ["dfa", "run", str(X / "div3.json"), "--strings", str(words)])
    assert r.exit_code == 0 and r.stdout == "accept\t110\nreject\t111\n", r.output
    r = CliRunner().invoke(cli, ["dfa", "run", str(X / "div3.json"), "--strings", "-"], input=dressed(b"11\n"))
    assert r.exit_code == 0 and r.stdout == "accept\t11\n", r.output


def test_xml_whose_comment_mentions_doctype(tmp_path):
    net = load_net(X / "nets" / "xor.json")
    comment = "<!-- written by hand; no <!DOCTYPE graphml> and no <!ENTITY x> here -->"
    g = net_to_graphml(net).replace("<graphml", comment + "\n<graphml", 1)
    assert load_net(_write(tmp_path, "c.graphml", g.encode())) == net
    jff = (X / "small.jff").read_text().replace("<structure>", comment + "\n<structure>", 1)
    assert load_dfa(_write(tmp_path, "c.jff", jff.encode())) == load_dfa(X / "small.jff")
    r = CliRunner().invoke(cli, ["simulate", str(tmp_path / "c.graphml"), "--all"])
    assert r.exit_code == 0 and r.stdout.splitlines()[1:] == ["0,0,0", "0,1,1", "1,0,1", "1,1,0"]


EMPTY_ALPHABET = ('{"states": ["q"], "input_symbols": [], "transitions": {"q": {}}, "initial_state": "q", '
                  '"final_states": ["q"], "allow_partial": false}\n')


def test_empty_alphabet_compiles_and_runs_through_every_path(tmp_path):
    """A DFA over no symbols (JFLAP writes one for an automaton without moves) reads only the empty string."""
    spec = _write(tmp_path, "spec.json", EMPTY_ALPHABET.encode())
    runner = CliRunner()
    for engine in ("table", "step"):
        r = runner.invoke(cli, ["dfa", "run", str(spec), "", "--engine", engine, "--json"])
        assert r.exit_code == 0 and r.stdout == '{"input":"","accepted":true}\n', r.output
    for suffix in ("json", "graphml"):
        net = tmp_path / f"e.{suffix}"
        assert runner.invoke(cli, ["dfa", "compile", str(spec), "-o", str(net)]).exit_code == 0
        r = runner.invoke(cli, ["dfa", "run", str(net), ""])
        assert r.exit_code == 0 and r.stdout == "accept\t\n", r.output
    assert runner.invoke(cli, ["dfa", "verify", str(spec)]).exit_code == 0
    bad = runner.invoke(cli, ["dfa", "run", str(spec), "a"])
    assert bad.exit_code == 2 and "not in the alphabet {}" in bad.output
