"""``neurosim simulate``: tables, rows, recurrent runs and the bad-input contract."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from neurosim.core.mp import MPNet, MPUnit
from neurosim.examples import path
from neurosim.io import net_to_bytes
from neurosim_cli.main import cli

XOR = str(path("nets/xor.json"))
LATCH = str(path("nets/latch.json"))


def invoke(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


def test_all_gives_truth_table():
    r = invoke(["simulate", XOR, "--all"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["x1,x2,y", "0,0,0", "0,1,1", "1,0,1", "1,1,0"]


def test_rows_from_stdin_any_column_order():
    r = invoke(["simulate", XOR], input="x2,x1\n1,0\n1,1\n")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["x1,x2,y", "0,1,1", "1,1,0"]


def test_trace_feedforward_adds_units():
    r = invoke(["simulate", XOR, "--trace", "--json"], input="x1,x2\n1,0\n")
    rec = json.loads(r.output.splitlines()[0])
    assert rec == {"x1": 1, "x2": 0, "y": 1, "h1": 1, "h2": 0}


def test_recurrent_rows_are_ticks():
    r = invoke(["simulate", LATCH, "--inputs", str(path("nets/latch_inputs.csv"))])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("tick,")
    assert [ln.split(",")[1] for ln in lines[1:]] == ["0", "0", "1", "1", "1", "0", "0", "0"]


def test_graphml_net_accepted(tmp_path):
    from neurosim.io import load_net

    g = tmp_path / "xor.graphml"
    g.write_bytes(net_to_bytes(load_net(XOR), "graphml"))
    r = invoke(["simulate", str(g), "--all"])
    assert r.exit_code == 0 and r.output.splitlines()[-1] == "1,1,0"


@pytest.mark.parametrize(("rows", "needle"), [
    ("x1,x2\n0,2\n", "<stdin>:2:2: expected 0 or 1, found '2'"),
    ("x1,x2\n0\n", "<stdin>:2: expected 2 values, found 1"),
    ("x1,zz\n0,1\n", "<stdin>:1:2: column 'zz' is not an input"),
    ("x1\n0\n", "<stdin>:1: expected a column for every input, missing x2"),
    ("", "expected a CSV header"),
])
def test_bad_rows_one_line_exit_2(rows, needle):
    r = invoke(["simulate", XOR], input=rows)
    assert r.exit_code == 2
    assert needle in r.output and r.output.count("\n") == 1 and "Traceback" not in r.output


def test_all_refuses_recurrent():
    r = invoke(["simulate", LATCH, "--all"])
    assert r.exit_code == 2 and "cycle" in r.output


@pytest.mark.parametrize("text", ["not json", '{"format": "neurosim-net", "version": 1}', "\x00\x01"])
def test_bad_net_file(tmp_path, text):
    f = tmp_path / "bad.json"
    f.write_text(text)
    r = invoke(["simulate", str(f), "--all"])
    assert r.exit_code == 2 and "bad.json" in r.output and r.output.count("\n") == 1


def test_net_from_stdin_needs_inputs_file():
    net = MPNet(("a",), (MPUnit("u", 0, (), ("a",)),), {"y": "u"})
    r = invoke(["simulate", "-"], input=net_to_bytes(net, "json").decode())
    assert r.exit_code == 2 and "--inputs" in r.output
    r = invoke(["simulate", "-", "--all"], input=net_to_bytes(net, "json").decode())
    assert r.exit_code == 0 and r.output.splitlines() == ["a,y", "0,1", "1,0"]


# ---- --all streams the rows in blocks (issue 11: 24 inputs needed over 6 GB) ----------------------------------
def _random_net(n: int, seed: int) -> MPNet:
    rng = __import__("random").Random(seed)
    ins = tuple(f"x{i}" for i in range(n))
    units = []
    for k in range(6):
        pool = ins + tuple(u.name for u in units)
        exc = tuple(rng.choice(pool) for _ in range(rng.randint(1, 4)))
        inh = tuple(rng.sample(pool, rng.randint(0, 1)))
        units.append(MPUnit(f"u{k}", rng.randint(0, len(exc)), exc, inh))
    return MPNet(ins, tuple(units), {"y": "u5", "z": "u3", "x": "x0"})


@pytest.mark.parametrize("as_json", [False, True])
def test_all_in_small_blocks_equals_the_truth_table(tmp_path, monkeypatch, as_json):
    import numpy as np

    from neurosim.core import truth_table
    from neurosim_cli import simulate_cmd

    monkeypatch.setattr(simulate_cmd, "BLOCK_ROWS", 64)  # 1,024 rows in 16 blocks
    net = _random_net(10, 7)
    f = tmp_path / "n.json"
    f.write_bytes(net_to_bytes(net, "json"))
    r = invoke(["simulate", str(f), "--all", "--trace"] + (["--json"] if as_json else []))
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    idx = np.arange(1024)
    X = (idx[:, None] >> np.arange(9, -1, -1)) & 1
    full = net.with_outputs([(u, u) for u in net.unit_names])
    want = np.concatenate([X, truth_table(net), truth_table(full)], axis=1)
    if as_json:
        got = [list(json.loads(ln).values()) for ln in lines]
        keys = list(json.loads(lines[0]))
        assert keys == [*net.inputs, "y", "z", "x", *net.unit_names]
        want = want[:, [*range(10), 10, 11, 12, *range(13, 19)]]
    else:
        assert lines[0] == ",".join([*net.inputs, "y", "z", "x", *net.unit_names])
        got = [[int(v) for v in ln.split(",")] for ln in lines[1:]]
    assert np.array_equal(np.array(got), want)


def test_all_on_20_inputs_runs_in_bounded_memory(tmp_path):
    """Under a 600 MB address-space ceiling (the imports take about 320 MB); the old code needed 765 MB for 21."""
    import resource
    import subprocess
    import sys

    ins = [f"x{i}" for i in range(20)]
    f = tmp_path / "n.json"
    f.write_text(json.dumps({"format": "neurosim-net", "version": 1, "inputs": ins, "units": [
        {"name": "y", "threshold": 10, "excitatory": {i: 1 for i in ins}, "inhibitory": []}], "outputs": {"y": "y"}}))

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (600 << 20, 600 << 20))

    out = tmp_path / "out.csv"
    with open(out, "wb") as fh:
        p = subprocess.run([sys.executable, "-m", "neurosim", "simulate", str(f), "--all"], stdout=fh,
                           stderr=subprocess.PIPE, preexec_fn=limit, env={"OPENBLAS_NUM_THREADS": "1",
                                                                          "PATH": ""}, timeout=300, check=False)
    assert p.returncode == 0, p.stderr[-2000:]
    assert out.stat().st_size == (2 * 21) * (1 << 20) + len(",".join([*ins, "y"])) + 1
