"""The one seam between neurosim's big jobs and where they run: in this process, on local processes, or on Dask.

A job that outgrows one core — an exhaustive check over 2**n rows, a sweep over many seeds, the census of
threshold functions — is cut by its caller into independent **blocks** (row ranges, seed ranges, ranges of
candidates), each described by a small picklable value and computed by a module-level function
``fn(shared, block)``. :func:`run_blocks` runs them and returns the results **in block order**, so the caller
merges them the same way whatever ran them: the output is identical under every scheduler.

* ``inline`` — one after the other in this process (the default);
* ``processes`` — a pool of local worker processes (``concurrent.futures``), one per core; a worker that dies
  (killed, out of memory) has its blocks run again on a fresh pool, up to :data:`MAX_RETRIES` times;
* ``dask`` — a ``distributed`` cluster: the scheduler at ``address`` (``tcp://HOST:PORT``, started with Dask's own
  ``dask scheduler`` / ``dask worker`` commands or dask-jobqueue), else a ``LocalCluster`` of one process per
  core; Dask itself re-runs the blocks of a worker that dies.

``shared`` (the net, the table, the data set) is sent to each worker once, not once per block. A block that
raises a :class:`~neurosim.errors.NeurosimError` (a reason in the data) is reported as a
:class:`~neurosim.errors.BlockError` naming the block's index; any other exception keeps its type, with a note
naming the block. Dask and distributed (the ``dask`` extra) are imported only here, and only when used.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import pickle
import re
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import BlockError, NeurosimError, ParameterError, SchedulerUnavailableError

__all__ = [
    "CONNECT_TIMEOUT_S",
    "ENV_ADDRESS",
    "ENV_SCHEDULER",
    "ENV_TIMEOUT",
    "MAX_RETRIES",
    "SCHEDULERS",
    "Scheduler",
    "get_scheduler",
    "run_blocks",
    "shutdown",
]

SCHEDULERS = ("inline", "processes", "dask")
ENV_SCHEDULER = "NEUROSIM_SCHEDULER"
ENV_ADDRESS = "NEUROSIM_DASK_ADDRESS"
ENV_TIMEOUT = "NEUROSIM_DASK_TIMEOUT"
#: seconds to wait for a Dask scheduler to answer before giving up (overridden by NEUROSIM_DASK_TIMEOUT)
CONNECT_TIMEOUT_S = 10.0
#: times the blocks of a dead local worker are run again before the job fails (Dask's allowed-failures is 3 too)
MAX_RETRIES = 3
_ADDRESS = re.compile(r"^([a-z][a-z0-9+]*://)?[^\s/:]+(:[0-9]{1,5})?$")

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Scheduler:
    """Where blocks run.

    Attributes
    ----------
    name : {"inline", "processes", "dask"}
    address : str or None
        A running ``distributed`` scheduler (``tcp://HOST:PORT``); dask only. None: a LocalCluster.
    workers : int or None
        Local worker processes (processes, or the LocalCluster); None: one per usable core.
    timeout : float
        Seconds to wait for the Dask scheduler at ``address``.
    """

    name: str = "inline"
    address: str | None = None
    workers: int | None = None
    timeout: float = CONNECT_TIMEOUT_S

    def __post_init__(self) -> None:
        if self.name not in SCHEDULERS:
            raise ParameterError(f"scheduler must be one of {', '.join(SCHEDULERS)}, found {self.name!r}")
        if self.address is not None:
            if self.name != "dask":
                raise ParameterError(f"an address names a Dask scheduler: use it with the dask scheduler, not "
                                     f"{self.name!r}")
            if not _ADDRESS.match(self.address):
                raise ParameterError(f"expected a scheduler address like tcp://HOST:PORT, found {self.address!r}")
        if self.workers is not None and (isinstance(self.workers, bool) or not isinstance(self.workers, int)
                                         or self.workers < 1):
            raise ParameterError(f"workers must be a positive integer, found {self.workers!r}")
        if not self.timeout > 0:
            raise ParameterError(f"timeout must be positive, found {self.timeout!r}")

    @property
    def n_workers(self) -> int:
        """Local workers to start: ``workers``, else the cores this process may use."""
        if self.workers is not None:
            return self.workers
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)


def get_scheduler(scheduler: str | Scheduler | None = None, address: str | None = None) -> Scheduler:
    """The scheduler to use: the one given, else ``$NEUROSIM_SCHEDULER``, else dask when an address is known
    (given, or ``$NEUROSIM_DASK_ADDRESS``), else inline."""
    if isinstance(scheduler, Scheduler):
        if address is not None:
            raise ParameterError("give the address inside the Scheduler, not beside it")
        return scheduler
    name = scheduler or os.environ.get(ENV_SCHEDULER) or None
    if address is None and name in (None, "dask"):
        address = os.environ.get(ENV_ADDRESS) or None
    if name is None:
        name = "dask" if address else "inline"
    timeout = CONNECT_TIMEOUT_S
    if os.environ.get(ENV_TIMEOUT):
        try:
            timeout = float(os.environ[ENV_TIMEOUT])
        except ValueError:
            raise ParameterError(f"{ENV_TIMEOUT} must be a number of seconds, found "
                                 f"{os.environ[ENV_TIMEOUT]!r}") from None
    return Scheduler(name, address, timeout=timeout)


def run_blocks(fn: Callable[[Any, Any], Any], blocks: Sequence[Any], *, shared: Any = None,
               scheduler: str | Scheduler | None = None, progress: Progress | None = None,
               stop: Callable[[Any], bool] | None = None) -> list[Any]:
    """``[fn(shared, b) for b in blocks]``, run by the scheduler, in block order.

    Parameters
    ----------
    fn : callable
        A module-level function (workers import it by name), deterministic in its arguments.
    blocks : sequence
        Small picklable block descriptions (a row range, a seed range, ...), in the order results are merged.
    shared : object, optional
        Data every block reads, sent to each worker once.
    scheduler : str or Scheduler, optional
        See :func:`get_scheduler`.
    progress : callable, optional
        ``progress(blocks_done, n_blocks)`` after each finished block.
    stop : callable, optional
        ``stop(result)`` true means later blocks are not needed (a counterexample was found): the results end
        with the first such block in block order, whichever finished first; blocks after it are cancelled.

    Returns
    -------
    list
        One result per block, in block order (up to the first stopping block).

    Raises
    ------
    BlockError
        A block raised a NeurosimError (its index is named).
    SchedulerUnavailableError
        Dask is missing, its scheduler did not answer within the timeout, or workers kept dying.
    """
    sched = get_scheduler(scheduler)
    blocks = list(blocks)
    if not blocks:
        return []
    if sched.name == "inline" or (len(blocks) == 1 and sched.address is None):
        return _run_inline(fn, blocks, shared, progress, stop)
    if sched.name == "processes":
        return _run_processes(fn, blocks, shared, sched.n_workers, progress, stop)
    return _run_dask(fn, blocks, shared, sched, progress, stop)


def _wrap(exc: BaseException, index: int, total: int) -> BaseException:
    if isinstance(exc, BlockError):
        return exc
    if isinstance(exc, NeurosimError):
        err = BlockError(index, total, str(exc))
        err.__cause__ = exc
        return err
    exc.add_note(f"neurosim: raised in block {index} (of {total})")
    return exc


def _run_inline(fn, blocks, shared, progress, stop) -> list[Any]:
    out = []
    for i, b in enumerate(blocks):
        try:
            r = fn(shared, b)
        except Exception as exc:
            raise _wrap(exc, i, len(blocks)) from exc.__cause__
        out.append(r)
        if progress is not None:
            progress(i + 1, len(blocks))
        if stop is not None and stop(r):
            break
    return out


class _Collector:
    """Results as they arrive, in any order; knows when the blocks up to the first stopping one are all in."""

    def __init__(self, total: int, progress: Progress | None, stop: Callable[[Any], bool] | None) -> None:
        self.results: dict[int, Any] = {}
        self.total, self.progress, self.stop = total, progress, stop
        self.stop_at: int | None = None

    def add(self, i: int, r: Any) -> None:
        self.results[i] = r
        if self.progress is not None:
            self.progress(len(self.results), self.total)
        if self.stop is not None and self.stop(r) and (self.stop_at is None or i < self.stop_at):
            self.stop_at = i

    def needed(self, i: int) -> bool:
        return self.stop_at is None or i <= self.stop_at

    def done(self) -> bool:
        last = self.total - 1 if self.stop_at is None else self.stop_at
        return all(j in self.results for j in range(last + 1))

    def ordered(self) -> list[Any]:
        last = self.total - 1 if self.stop_at is None else self.stop_at
        return [self.results[j] for j in range(last + 1)]


# ---- local processes ----------------------------------------------------------------------------------------
_SHARED: dict[str, Any] = {}  # in a worker: token -> the shared data of the jobs it has run lately
_POOLS: dict[int, cf.ProcessPoolExecutor] = {}


_MALLOC_RESTORED: list[bool] = []
#: glibc's mallopt parameters, and the values its dynamic thresholds grow to on 64-bit Linux
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_TRIM_BYTES, _MMAP_BYTES = 64 << 20, 32 << 20


def _restore_malloc(libc: Any = None) -> bool:
    """Undo Dask's ``MALLOC_TRIM_THRESHOLD_`` in this worker process (once); True when it did.

    Dask sets ``MALLOC_TRIM_THRESHOLD_=65536`` for its workers, and in the environment of the process that starts a
    LocalCluster, which the local pool's workers then inherit. glibc then gives every freed block back to the system
    and stops adapting its mmap threshold, so blocks that allocate and free arrays spend their time in page faults:
    the threshold census of 6 inputs takes 59 s instead of 17 s inline, two thirds of it system time. The
    thresholds glibc would have grown to are set back with ``mallopt`` (Linux only; elsewhere nothing is done).
    """
    if _MALLOC_RESTORED or "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return False
    _MALLOC_RESTORED.append(True)
    try:
        libc = libc if libc is not None else ctypes.CDLL(ctypes.util.find_library("c"))
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)) & bool(libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_BYTES))
    except (OSError, AttributeError, TypeError):
        return False


def _call(fn: Callable[[Any, Any], Any], token: str, payload: bytes, block: Any) -> Any:
    _restore_malloc()
    if token not in _SHARED:
        if len(_SHARED) >= 4:
            _SHARED.clear()
        _SHARED[token] = pickle.loads(payload)
    return fn(_SHARED[token], block)


def _mp_context() -> multiprocessing.context.BaseContext:
    # forkserver (Linux's default from Python 3.14): workers do not inherit this process's threads; spawn elsewhere
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _pool(workers: int) -> cf.ProcessPoolExecutor:
    """A pool of ``workers`` processes, kept for the next job (starting one costs about a second)."""
    pool = _POOLS.get(workers)
    if pool is None:
        pool = _POOLS[workers] = cf.ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context())
    return pool


def _run_processes(fn, blocks, shared, workers: int, progress, stop) -> list[Any]:
    payload = pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)
    token = uuid.uuid4().hex
    col = _Collector(len(blocks), progress, stop)
    failures = 0
    while not col.done():
        todo = [i for i in range(len(blocks)) if i not in col.results and col.needed(i)]
        pool = _pool(workers)
        broken = False
        futs = {pool.submit(_call, fn, token, payload, blocks[i]): i for i in todo}
        try:
            for fut in cf.as_completed(futs):
                i = futs[fut]
                exc = fut.exception()
                if isinstance(exc, cf.process.BrokenProcessPool):
                    broken = True
                    break
                if exc is not None:
                    raise _wrap(exc, i, len(blocks))
                col.add(i, fut.result())
                if col.done():
                    break
        finally:
            for f in futs:
                f.cancel()
            if broken:
                _POOLS.pop(workers, None)
                pool.shutdown(wait=True, cancel_futures=True)
            else:
                cf.wait([f for f in futs if not f.cancelled()])  # let started blocks finish: the pool stays clean
        if broken:
            failures += 1
            if failures > MAX_RETRIES:
                raise SchedulerUnavailableError(f"local worker processes died {failures} times running "
                                                f"{len(todo)} blocks; giving up")
    return col.ordered()


# ---- Dask ---------------------------------------------------------------------------------------------------
_CLIENTS: dict[tuple[str | None, int], Any] = {}


def _client(sched: Scheduler) -> Any:
    key = (sched.address, sched.n_workers)
    client = _CLIENTS.get(key)
    if client is not None and client.status == "running":
        return client
    try:
        import distributed
    except ImportError as exc:
        raise SchedulerUnavailableError("the dask scheduler needs Dask: pip install 'neurosim-mp[dask]'") from exc
    if sched.address is None:
        import logging

        cluster = distributed.LocalCluster(n_workers=sched.n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=logging.CRITICAL)
        client = distributed.Client(cluster, set_as_default=False)
    else:
        try:
            client = distributed.Client(sched.address, timeout=sched.timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnavailableError(f"no Dask scheduler answered at {sched.address} within "
                                            f"{sched.timeout:g} s") from exc
    _CLIENTS[key] = client
    return client


@atexit.register
def shutdown() -> None:
    """Stop the local worker pools and close the Dask clients (and the LocalClusters) this process started.

    Called at exit; call it sooner to free the workers, or before closing a cluster the clients point to.
    """
    for pool in _POOLS.values():
        pool.shutdown(wait=True, cancel_futures=True)
    _POOLS.clear()
    for client in _CLIENTS.values():
        cluster = client.cluster if client.cluster is not None else None
        with contextlib.suppress(Exception):  # at exit, closing is best effort: a cluster may be gone already
            client.close()
            if cluster is not None:
                cluster.close()
    _CLIENTS.clear()


def _run_dask(fn, blocks, shared, sched: Scheduler, progress, stop) -> list[Any]:
    import distributed

    client = _client(sched)
    sf = client.scatter(shared, broadcast=True, hash=False) if shared is not None else None
    tag = f"{getattr(fn, '__name__', 'block')}-{uuid.uuid4().hex[:8]}"
    futs = [client.submit(_call_dask, fn, sf, b, key=f"{tag}-{i}", pure=False) for i, b in enumerate(blocks)]
    index = {f.key: i for i, f in enumerate(futs)}
    col = _Collector(len(blocks), progress, stop)
    try:
        for fut in distributed.as_completed(futs, loop=client.loop):
            i = index[fut.key]
            if not col.needed(i):
                continue
            if fut.status == "error":
                exc = fut.exception()
                if isinstance(exc, distributed.KilledWorker):
                    raise SchedulerUnavailableError(f"Dask workers kept dying on block {i} (of {len(blocks)})")
                raise _wrap(exc, i, len(blocks)) from None
            col.add(i, fut.result())
            if col.stop_at is not None:
                client.cancel([f for j, f in enumerate(futs) if j > col.stop_at])
            if col.done():
                break
    finally:
        client.cancel([f for f in futs if not f.done()])
    return col.ordered()


def _call_dask(fn: Callable[[Any, Any], Any], shared: Any, block: Any) -> Any:
    _restore_malloc()
    return fn(shared, block)
