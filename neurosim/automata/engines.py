"""Running automaton nets on batches of strings: the step and table engines.

Two exact engines keep :class:`~neurosim.dfa_net.RunProtocol`:

``step``
    Steps the MP net with :func:`neurosim.simulate.run` on the backend, many strings of different lengths in one
    batch (shorter ones get no symbol after their end) and reads each string's accept unit at its own tick L + d.
``table``
    Tabulates the net's reachable firing states once (:func:`tabulate`: breadth-first from the silent start,
    each firing set stepped under every symbol with the 1943 rule) and then runs all strings by look-up, one
    gather over the batch per tick. ``auto`` picks it unless the table passes :data:`AUTO_TABLE_STATES` states
    (as NFA and regex nets may), and steps then.

The table is also an automaton, which :mod:`neurosim.automata.equivalence` reads back and compares with a spec.

Notes
-----
Kleene, S. C. (1956). Representation of events in nerve nets and finite automata: the behaviour of an MP net
driven by symbols is that of a finite automaton whose states are the net's firing sets.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import Backend, get_backend, to_numpy
from ..core import MPNet, Trace, compile_net, run
from ..errors import ParameterError, SlowEngineWarning, StateLimitError
from .protocol import RunProtocol

__all__ = ["ENGINES", "ENGINE_NAMES", "NetTable", "accepts", "choose_engine", "run_codes", "tabulate",
           "trace_words"]

#: states beyond this many make ``tabulate`` give up (a net whose firing sets explode is no DFA net)
MAX_STATES = 2_000_000
_CHUNK_ROWS = 65_536


@dataclass(frozen=True, slots=True, eq=False)
class NetTable:
    """The reachable firing states of a DFA net and its moves between them.

    Attributes
    ----------
    firing : tuple of ndarray
        Unit indices firing in each table state; state 0 is tick 0 (the start line on).
    table : ndarray, shape (n_states, n_symbols), int32
        Next state under each symbol.
    accept : ndarray, shape (n_states,), bool
        Whether the accept unit fires ``accept_delay`` ticks after the string ends in this state.
    protocol : RunProtocol
    """

    firing: tuple[np.ndarray, ...]
    table: np.ndarray
    accept: np.ndarray
    protocol: RunProtocol

    @property
    def n_states(self) -> int:
        return int(self.table.shape[0])


def _stepper(net: MPNet, proto: RunProtocol) -> Callable[[list[np.ndarray], np.ndarray, np.ndarray], list[Any]]:
    """A host function stepping many firing sets at once with the compiled 1943 rule.

    The input lines take only 2(k + 1) patterns (a symbol or none, the start line on or off), so their drive is
    precomputed per pattern; the units' drive is one sparse × sparse product over the batch. A unit fires iff
    units' drive + input drive ≥ θ (vetoes carry a weight no excitation can outvote, see ``simulate``).
    """
    from scipy import sparse as sp

    cn = compile_net(net, "numpy", sparse=True)
    w = sp.csr_matrix(cn.weights)
    theta = to_numpy(cn.theta)
    n_in = len(net.inputs)
    w_units = w[n_in:, :].tocsr()
    w_in = w[:n_in, :].toarray()
    col = {n: i for i, n in enumerate(net.inputs)}
    k = len(proto.symbol_inputs)
    drive_in = np.zeros((2 * (k + 1), len(theta)), dtype=w.dtype)  # pattern = 2 * code + start
    for code in range(k + 1):
        for start in (0, 1):
            x = np.zeros(n_in, dtype=w.dtype)
            if code < k:
                x[col[proto.symbol_inputs[code][1]]] = 1
            x[col[proto.start_input]] = start
            drive_in[2 * code + start] = x @ w_in
    alone = [np.flatnonzero(drive_in[p] >= theta) for p in range(len(drive_in))]  # fire with no unit active

    def step(firing: list[np.ndarray], codes: np.ndarray, start: np.ndarray) -> list[np.ndarray]:
        n = len(firing)
        if n == 0:  # the empty alphabet: no move to take (np.split would still return one empty piece)
            return []
        pattern = 2 * np.asarray(codes, dtype=np.int64) + np.asarray(start, dtype=np.int64)
        lens = np.fromiter((len(f) for f in firing), dtype=np.int64, count=n)
        indptr = np.concatenate([[0], np.cumsum(lens)])
        flat = np.concatenate(firing).astype(np.int64) if n and indptr[-1] else np.zeros(0, dtype=np.int64)
        x = sp.csr_matrix((np.ones(len(flat), dtype=w.dtype), flat, indptr), shape=(n, w_units.shape[0]))
        d = (x @ w_units).tocsr()
        d.sort_indices()
        rows = np.repeat(np.arange(n), np.diff(d.indptr))
        on = d.data + drive_in[pattern[rows], d.indices] >= theta[d.indices]
        counts = np.bincount(rows[on], minlength=n)
        fired = np.split(d.indices[on].astype(np.int32), np.cumsum(counts)[:-1])
        if any(len(a) for a in alone):
            for r in range(n):
                extra = alone[pattern[r]]
                if len(extra):
                    touched = d.indices[d.indptr[r]:d.indptr[r + 1]]
                    fired[r] = np.union1d(fired[r], np.setdiff1d(extra, touched)).astype(np.int32)
        return fired

    return step


def tabulate(net: MPNet, protocol: RunProtocol | None = None, *, max_states: int = MAX_STATES) -> NetTable:
    """Explore the firing states a DFA net reaches under every string (breadth-first, batched).

    Raises
    ------
    StateLimitError
        More than ``max_states`` firing states are reachable (a :class:`DataError`).
    """
    proto = protocol or RunProtocol.from_net(net)
    step = _stepper(net, proto)
    k = len(proto.symbol_inputs)
    index = {net.unit_names.index(u) for u in net.initial}
    firing: list[np.ndarray] = [np.array(sorted(index), dtype=np.int32)]
    ids: dict[tuple[bytes, bool], int] = {(firing[0].tobytes(), True): 0}
    rows: list[np.ndarray] = [np.zeros(k, dtype=np.int32)]
    frontier = [0]
    while frontier:
        nxt_frontier: list[int] = []
        per = max(1, _CHUNK_ROWS // max(k, 1))  # k = 0: the empty alphabet, where only "" can be read
        for lo in range(0, len(frontier), per):
            part = frontier[lo:lo + per]
            src = [firing[s] for s in part for _ in range(k)]
            codes = np.tile(np.arange(k), len(part))
            start = np.repeat(np.array([s == 0 for s in part]), k)
            out = step(src, codes, start)
            for r, f in enumerate(out):
                key = (f.tobytes(), False)
                sid = ids.get(key)
                if sid is None:
                    sid = len(firing)
                    if sid >= max_states:
                        raise StateLimitError(f"the net reaches more than {max_states:,} firing states (the "
                                              "limit): too many for the table engine (use --engine step)")
                    ids[key] = sid
                    firing.append(f)
                    rows.append(np.zeros(k, dtype=np.int32))
                    nxt_frontier.append(sid)
                rows[part[r // k]][r % k] = sid
        frontier = nxt_frontier
    accept = _accepts_after(step, firing, proto, net)
    return NetTable(tuple(firing), np.array(rows, dtype=np.int32).reshape(len(firing), k), accept, proto)


def _accepts_after(step: Callable, firing: list[np.ndarray], proto: RunProtocol, net: MPNet) -> np.ndarray:
    """For each state: does the accept unit fire after ``d`` ticks of no symbol (state 0 with the start line)?"""
    acc = net.unit_names.index(proto.accept_unit)
    none = len(proto.symbol_inputs)
    out = np.zeros(len(firing), dtype=bool)
    for lo in range(0, len(firing), _CHUNK_ROWS):
        cur = list(firing[lo:lo + _CHUNK_ROWS])
        start = np.arange(lo, lo + len(cur)) == 0
        for _ in range(proto.accept_delay):
            cur = step(cur, np.full(len(cur), none), start)
            start = np.zeros(len(cur), dtype=bool)
        out[lo:lo + len(cur)] = [acc in set(f.tolist()) for f in cur]
    return out


def run_table(tab: NetTable, codes: Any, lengths: Any, backend: str | Backend | None = None) -> Any:
    """Verdicts by table look-up.

    Parameters
    ----------
    codes : array, shape (B, W), int
        Symbol codes; ``n_symbols`` marks "no symbol" after a string's end.
    lengths : array, shape (B,)
        Only used for shape checks (padding is what marks the end).

    Returns
    -------
    array of bool, shape (B,), on the backend
    """
    be = get_backend(backend)
    xp = be.xp
    k = tab.table.shape[1]
    n_codes = k + 1
    # one extra "hold" column maps each state to itself, so padding costs nothing; the table holds next-state
    # offsets (state * n_codes) so each tick is one add and one gather over the batch, as in a plain NumPy loop
    ext = np.concatenate([tab.table, np.arange(tab.n_states, dtype=np.int32)[:, None]], axis=1)
    flat = be.asarray((ext.astype(np.int64) * n_codes).astype(np.int32).ravel())
    acc = be.asarray(np.repeat(tab.accept, n_codes))
    cols = xp.ascontiguousarray(be.asarray(codes, dtype=np.int32).T)
    b = int(cols.shape[1]) if cols.ndim == 2 else 0
    state = xp.zeros(b, dtype=np.int32)
    tmp = xp.empty_like(state)
    for t in range(int(cols.shape[0])):
        xp.add(state, cols[t], out=tmp)
        xp.take(flat, tmp, out=state)
    return acc[state]


def run_step(net: MPNet, codes: np.ndarray, lengths: np.ndarray, backend: str | Backend | None = None,
             protocol: RunProtocol | None = None, *, max_cells: int = 1 << 25,
             progress: Callable[[int, int], None] | None = None) -> Any:
    """Verdicts by stepping the net with :func:`neurosim.simulate.run`, in batches of at most ``max_cells``
    input cells; each string's accept unit is read at its own tick L + d. Returns bool (B,) on the backend.
    ``progress(strings_done, B)`` is called after every batch."""
    be = get_backend(backend)
    proto = protocol or RunProtocol.from_net(net)
    cn = compile_net(net, be)
    codes, lengths = np.asarray(codes), np.asarray(lengths)
    b, width = codes.shape
    per = max(1, max_cells // ((width + proto.accept_delay) * max(len(net.inputs), len(net.units))))
    out = be.xp.zeros(b, dtype=bool)
    for lo in range(0, b, per):
        c, ln = codes[lo:lo + per], lengths[lo:lo + per]
        tr = run(net, proto.input_array(net, c, ln), initial=None, backend=be, record=(proto.accept_unit,),
                 compiled=cn)
        at = be.asarray(ln + proto.accept_delay)
        out[lo:lo + len(c)] = tr.units[be.xp.arange(len(c)), at, 0] == 1
        if progress is not None:
            progress(lo + len(c), b)
    return out


ENGINES: dict[str, Callable[..., Any]] = {
    "step": lambda net, codes, lengths, be, proto, tab, progress=None: run_step(net, codes, lengths, be, proto,
                                                                                progress=progress),
    "table": lambda net, codes, lengths, be, proto, tab, progress=None: run_table(tab or tabulate(net, proto),
                                                                                  codes, lengths, be),
}
#: what ``engine=`` may name: an engine, or ``auto`` (the table engine where the net's table stays small)
ENGINE_NAMES = ("auto", *ENGINES)
#: ``auto`` tabulates up to this many firing states, then steps instead: an NFA or regex net may reach
#: exponentially many (the "k-th symbol from the end" net 2^k + 1), where stepping costs only B·L ticks
AUTO_TABLE_STATES = 1 << 14


def choose_engine(net: MPNet, proto: RunProtocol, table: NetTable | None = None) -> tuple[str, NetTable | None]:
    """What ``auto`` runs: ``("table", its table)`` when the net's firing states tabulate within
    :data:`AUTO_TABLE_STATES`, else ``("step", None)``. Deterministic: it depends on the net alone."""
    if table is not None:
        return "table", table
    try:
        return "table", tabulate(net, proto, max_states=AUTO_TABLE_STATES)
    except StateLimitError:
        return "step", None


#: ``engine="step"`` asked for on more than this many synapse-ticks (strings × ticks × synapses) warns, where the
#: table engine would run the job: the step engine does sparse products (about 2.3e8 synapse-ticks a second on the
#: 2-core machine, so this is about 10 s), the table one gather per tick (a random 1,000-state 2-symbol DFA, 20,000
#: strings of <= 40 symbols: step 20 s, table 0.3 s with its tabulation; the issue's run took 344 s before)
STEP_WARN_SYNAPSE_TICKS = 2_000_000_000


def step_work(net: MPNet, lengths: np.ndarray, proto: RunProtocol) -> int:
    """Synapse-ticks the step engine spends on strings of these lengths: strings × (longest + d) × synapses."""
    lengths = np.asarray(lengths)
    if lengths.size == 0:
        return 0
    synapses = sum(len(u.excitatory) + len(u.inhibitory) for u in net.units)
    return int(lengths.size) * (int(lengths.max()) + proto.accept_delay) * max(synapses, 1)


def _warn_if_slow(net: MPNet, lengths: np.ndarray, proto: RunProtocol) -> None:
    work = step_work(net, lengths, proto)
    if work > STEP_WARN_SYNAPSE_TICKS and choose_engine(net, proto)[0] == "table":
        warnings.warn(SlowEngineWarning(
            f"engine 'step' on {np.asarray(lengths).size} strings of this {len(net.units)}-unit net is about "
            f"{work:.1e} synapse-ticks (minutes); the table engine ('auto' picks it here) runs it by look-up"),
            stacklevel=3)


def run_codes(net: MPNet, codes: np.ndarray, lengths: np.ndarray, *, engine: str = "auto",
              backend: str | Backend | None = None, table: NetTable | None = None,
              progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """Verdicts for encoded strings (see :meth:`RunProtocol.encode`), host bool array of shape (B,);
    ``progress(strings_done, B)`` is called as the step engine goes (the table engine is one pass).

    ``auto`` takes the table engine wherever the net's firing states tabulate (:func:`choose_engine`); asking for
    ``step`` by name on a large job where the table engine could run it gives a :class:`SlowEngineWarning`.
    """
    if engine != "auto" and engine not in ENGINES:
        raise ParameterError(f"engine: expected one of auto, {', '.join(ENGINES)}, found {engine!r}")
    proto = RunProtocol.from_net(net)
    name = engine
    if engine == "auto":
        name, table = choose_engine(net, proto, table)
    elif engine == "step" and step_work(net, lengths, proto) > STEP_WARN_SYNAPSE_TICKS:
        _warn_if_slow(net, lengths, proto)
    return to_numpy(ENGINES[name](net, codes, lengths, get_backend(backend), proto, table,
                                  progress=progress)).astype(bool)


def accepts(net: MPNet, words: Sequence[Sequence[str]], *, engine: str = "auto",
            backend: str | Backend | None = None, progress: Callable[[int, int], None] | None = None
            ) -> np.ndarray:
    """Whether ``net`` accepts each string (a sequence of symbols), host bool array of shape (B,)."""
    proto = RunProtocol.from_net(net)
    codes, lengths = proto.encode(words)
    return run_codes(net, codes, lengths, engine=engine, backend=backend, progress=progress)


def trace_words(net: MPNet, words: Sequence[Sequence[str]], backend: str | Backend | None = None) -> Trace:
    """The full trace (every unit, ticks 0…max L + d) of stepping ``net`` on a batch of strings."""
    proto = RunProtocol.from_net(net)
    codes, lengths = proto.encode(words)
    return run(net, proto.input_array(net, codes, lengths), backend=backend)
