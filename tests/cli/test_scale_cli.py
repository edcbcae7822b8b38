"""Every command that runs in blocks gives byte-identical output under --scheduler inline, processes and dask (a
2-worker LocalCluster), with blocks made small so each job really is cut; a Dask worker killed mid-job changes
nothing; a bad or unreachable scheduler is one line and exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from neurosim.scale import Scheduler, run_blocks
from neurosim_cli.main import cli
from tests.oracles.scale_blocks import dies_once

#: a 9-input table (8 words: 4 blocks of 2 words)
PLA = ".i 9\n.o 1\n1-1-0---- 1\n--0111--- 1\n0-------1 1\n.e\n"


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, list(args), input=input, env=env)


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr("neurosim.core.row_blocks.BLOCK_WORDS", 2)
    monkeypatch.setattr("neurosim.learn.sweeps.SWEEP_BLOCK", 10)
    monkeypatch.setattr("neurosim.learn.census.CENSUS_BLOCKS", {4: 3})


def test_every_command_is_byte_identical_under_every_scheduler(small_blocks, dask_address, tmp_path):
    net = tmp_path / "net.json"
    assert run("compile", "-", "-o", str(net), input=PLA).exit_code == 0
    jobs = {
        "compile --verify": (["--seed", "1", "compile", "-", "--verify"], PLA),
        "simulate --all": (["simulate", str(net), "--all"], None),
        "xor": (["--seed", "0", "xor", "--seeds", "20", "--epochs", "60", "--json"], None),
        "census": (["separable", "--all-functions", "4", "--json", "-o", "CERTS"], None),
    }
    outs: dict[str, dict[str, bytes]] = {}
    for sched in ("inline", "processes", "dask"):
        extra = ["--scheduler", sched] + (["--address", dask_address] if sched == "dask" else [])
        for name, (args, text) in jobs.items():
            certs = tmp_path / f"{sched}.txt"
            r = run(*extra, *[str(certs) if a == "CERTS" else a for a in args], input=text)
            assert r.exit_code == 0, (sched, name, r.output)
            body = r.stdout_bytes.replace(str(certs).encode(), b"CERTS")
            outs.setdefault(name, {})[sched] = body + (certs.read_bytes() if "CERTS" in args else b"")
    for name, by in outs.items():
        assert by["inline"] == by["processes"] == by["dask"], name
    assert b'"count": 1882' in outs["census"]["inline"]


def test_a_dask_worker_killed_mid_census_gives_the_same_answer(dask_address, tmp_path):
    from neurosim.learn.census import _census_block_task

    blocks = [(i, (4, a, b)) for i, (a, b) in enumerate([(0, 40), (40, 100), (100, 168)])]
    inline = [_census_block_task(None, b) for _, b in blocks]
    got = run_blocks(dies_once, blocks, shared=(str(tmp_path), _census_block_task, None),
                     scheduler=Scheduler("dask", dask_address))
    assert got == inline and (tmp_path / "died-1").exists()


@pytest.mark.parametrize(("args", "env", "message"), [
    (["--address", "tcp://127.0.0.1:9"], {"NEUROSIM_DASK_TIMEOUT": "1"},
     "neurosim: error: no Dask scheduler answered at tcp://127.0.0.1:9 within 1 s\n"),
    (["--scheduler", "inline", "--address", "tcp://127.0.0.1:9"], None,
     "neurosim: error: an address names a Dask scheduler: use it with the dask scheduler, not 'inline'\n"),
    (["--address", "no such host"], None,
     "neurosim: error: expected a scheduler address like tcp://HOST:PORT, found 'no such host'\n"),
])
def test_a_bad_scheduler_is_one_line_and_exit_2(args, env, message):
    r = run(*args, "separable", "--all-functions", "2", env=env)
    assert r.exit_code == 2 and r.stderr == message and r.stdout == ""
