"""neurosim.scale: blocks run inline, on local processes and on a Dask LocalCluster give the same results, in block
order; a data error names its block; a dead worker's blocks run again; an unreachable scheduler fails fast."""

from __future__ import annotations

import sys
import time

import pytest

from neurosim.errors import BlockError, ParameterError, SchedulerUnavailableError
from neurosim.scale import Scheduler, get_scheduler, run_blocks
from tests.oracles.scale_blocks import buggy, dies_once, fails_on_three, square_plus


def test_inline_is_the_list_comprehension():
    assert run_blocks(square_plus, range(6), shared=1) == [1 + b * b for b in range(6)]
    assert run_blocks(square_plus, []) == []


def test_progress_counts_finished_blocks():
    seen = []
    run_blocks(square_plus, range(4), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_stop_keeps_the_blocks_up_to_the_first_stopping_one():
    assert run_blocks(square_plus, range(10), stop=lambda r: r >= 9) == [0, 1, 4, 9]
    assert run_blocks(square_plus, range(10), stop=lambda r: r >= 9, scheduler="processes") == [0, 1, 4, 9]


def test_a_data_error_names_its_block():
    with pytest.raises(BlockError, match=r"block 3 \(of 6\): row 3 is not 0/1") as err:
        run_blocks(fails_on_three, range(6), scheduler="processes")
    assert err.value.index == 3


def test_any_other_exception_keeps_its_type_with_a_note():
    with pytest.raises(KeyError) as err:
        run_blocks(buggy, range(3))
    assert "block 0 (of 3)" in "".join(err.value.__notes__)


def test_processes_give_the_inline_results_in_order():
    blocks = list(range(12))
    assert run_blocks(square_plus, blocks, shared=5, scheduler="processes") == run_blocks(square_plus, blocks,
                                                                                        shared=5)


def test_a_killed_local_worker_has_its_blocks_rerun(tmp_path):
    blocks = [(i, i) for i in range(6)]
    got = run_blocks(dies_once, blocks, shared=(str(tmp_path), square_plus, 0), scheduler="processes")
    assert got == [i * i for i in range(6)] and (tmp_path / "died-1").exists()


@pytest.mark.parametrize(("env", "expect"), [
    ({}, ("inline", None)),
    ({"NEUROSIM_SCHEDULER": "processes"}, ("processes", None)),
    ({"NEUROSIM_DASK_ADDRESS": "tcp://127.0.0.1:8786"}, ("dask", "tcp://127.0.0.1:8786")),
    ({"NEUROSIM_SCHEDULER": "processes", "NEUROSIM_DASK_ADDRESS": "tcp://h:1"}, ("processes", None)),
])
def test_the_scheduler_comes_from_the_environment(monkeypatch, env, expect):
    for k in ("NEUROSIM_SCHEDULER", "NEUROSIM_DASK_ADDRESS"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    s = get_scheduler()
    assert (s.name, s.address) == expect


@pytest.mark.parametrize(("args", "match"), [
    (("threads",), "scheduler must be one of inline, processes, dask"),
    (("inline", "tcp://127.0.0.1:8786"), "use it with the dask scheduler"),
    (("dask", "not an address"), "expected a scheduler address like tcp://HOST:PORT"),
])
def test_bad_schedulers_are_parameter_errors(args, match):
    with pytest.raises(ParameterError, match=match):
        Scheduler(*args)


def test_an_unreachable_scheduler_fails_within_its_timeout():
    t0 = time.perf_counter()
    with pytest.raises(SchedulerUnavailableError, match=r"no Dask scheduler answered at tcp://127.0.0.1:9 within 1 s"):
        run_blocks(square_plus, range(3), scheduler=Scheduler("dask", "tcp://127.0.0.1:9", timeout=1))
    assert time.perf_counter() - t0 < 30


def test_dask_gives_the_inline_results_and_names_a_failing_block(dask_address):
    s = Scheduler("dask", dask_address)
    assert run_blocks(square_plus, range(8), shared=2, scheduler=s) == run_blocks(square_plus, range(8), shared=2)
    assert run_blocks(square_plus, range(10), scheduler=s, stop=lambda r: r >= 9) == [0, 1, 4, 9]
    with pytest.raises(BlockError, match=r"block 3 \(of 5\)"):
        run_blocks(fails_on_three, range(5), scheduler=s)


def test_workers_undo_dasks_malloc_trim_threshold(monkeypatch):
    """Dask's MALLOC_TRIM_THRESHOLD_=65536 made the census 3.5x slower in its workers and in a local pool started
    after a LocalCluster (page faults); a worker sets glibc's grown thresholds back, once, and only then."""
    from neurosim import scale

    calls = []

    class FakeLibc:
        def mallopt(self, param, value):
            calls.append((param, value))
            return 1

    monkeypatch.setattr(scale, "_MALLOC_RESTORED", [])
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    assert not scale._restore_malloc(FakeLibc()) and calls == []  # no Dask environment: glibc's defaults stand
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    assert scale._restore_malloc(FakeLibc()) is (sys.platform.startswith("linux"))
    if sys.platform.startswith("linux"):
        assert calls == [(-3, 32 << 20), (-1, 64 << 20)]
        assert not scale._restore_malloc(FakeLibc()) and len(calls) == 2  # once per process
