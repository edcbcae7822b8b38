"""Batched synchronous stepping of MP nets (any net) and settled evaluation of feedforward nets.

A net is compiled once into one signed synapse matrix per backend: excitatory synapse counts, and a veto weight
``-V`` on inhibitory synapses with ``V`` larger than any unit's total excitatory weight, so that a single
matrix product and one comparison with θ give the 1943 rule exactly (the veto can never be outvoted). Values stay
integers well inside float32's exact range (checked; float64 otherwise), so matmul kernels (BLAS, cuBLAS, sparse)
compute the rule exactly.

Notes
-----
McCulloch & Pitts (1943): unit u fires at t+1 iff no inhibitory source fired at t and at least θ(u) excitatory
synapses were active at t.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import Backend, get_backend, to_numpy
from ..errors import DataError, InvalidNetworkError, ParameterError
from .mp import MPNet

__all__ = ["CompiledNet", "Trace", "compile_net", "evaluate", "run"]

#: nets with more than this many matrix entries (nodes × units) use a sparse synapse matrix
DENSE_LIMIT = 4_000_000
#: nets whose synapse matrix is at most this dense use a sparse matrix too
SPARSE_DENSITY = 0.05


@dataclass(frozen=True, slots=True, eq=False)
class CompiledNet:
    """A net bound to a backend: the signed synapse matrix and thresholds.

    Attributes
    ----------
    net : MPNet
    backend : Backend
    weights : array or sparse matrix, shape (n_nodes, n_units)
        Excitatory synapse counts; inhibitory synapses carry ``-veto``. Node order is ``net.nodes``.
    theta : array, shape (n_units,)
    sparse : bool
    levels : tuple of (columns, weights) pairs
        For feedforward nets: the units of each layer (as column indices into the units) with their columns of
        ``weights``; empty for recurrent nets.
    """

    net: MPNet
    backend: Backend
    weights: Any
    theta: Any
    sparse: bool
    levels: tuple[tuple[Any, Any], ...]
    w_in_t: Any = None
    w_units_t: Any = None

    @property
    def n_inputs(self) -> int:
        return len(self.net.inputs)

    @property
    def n_units(self) -> int:
        return len(self.net.units)

    def fire(self, x: Any, weights: Any = None, theta: Any = None) -> Any:
        """Units firing next, given the state ``x`` of every node, shape (B, n_nodes), as float."""
        w = self.weights if weights is None else weights
        th = self.theta if theta is None else theta
        if self.sparse:
            drive = (w.T @ x.T).T  # sparse @ dense is the product every sparse backend supports
        else:
            drive = x @ w
        return drive >= th

    def step(self, x_in: Any, state: Any, out: Any = None) -> Any:
        """One synchronous tick in the units-major layout: units firing at t+1, shape (n_units, B), from the input
        lines ``x_in`` (n_inputs, B) and the unit state ``state`` (n_units, B) at t, both as float.

        Batch-last keeps every product contiguous (sparse @ dense needs no transposed copies) and splits the input
        and recurrent parts, so no (n_nodes, B) state is assembled each tick."""
        drive = self.w_in_t @ x_in
        drive += self.w_units_t @ state
        return self.backend.xp.greater_equal(drive, self.theta[:, None], out=out)


def compile_net(net: MPNet, backend: str | Backend | None = None, *, sparse: bool | None = None) -> CompiledNet:
    """Compile ``net`` for ``backend``.

    Parameters
    ----------
    net : MPNet
    backend : str, Backend or None
    sparse : bool, optional
        Force a sparse (True) or dense (False) synapse matrix; by default sparse above ``DENSE_LIMIT`` entries or
        at most ``SPARSE_DENSITY`` dense.
    """
    be = get_backend(backend)
    nodes = net.nodes
    index = {n: i for i, n in enumerate(nodes)}
    n_nodes, n_units = len(nodes), len(net.units)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    total_exc = [len(u.excitatory) for u in net.units]
    veto = max(total_exc, default=0) + 1
    worst = 0
    for j, u in enumerate(net.units):
        inh = set(u.inhibitory)
        for s, k in u.weights.items():
            if s not in inh:  # an inhibitor's own excitatory synapses can never count: it vetoes when active
                rows.append(index[s])
                cols.append(j)
                vals.append(float(k))
        for s in u.inhibitory:
            rows.append(index[s])
            cols.append(j)
            vals.append(-float(veto))
        worst = max(worst, veto * len(u.inhibitory) + total_exc[j])
    dtype = np.float32 if worst < 2**24 else np.float64  # exact integer arithmetic either way
    theta = np.array([u.threshold for u in net.units], dtype=dtype)
    entries = n_nodes * n_units
    if sparse is None:
        # MP nets are very sparse (fan-in of a few synapses): beyond toy sizes a sparse product does far less work
        use_sparse = entries > DENSE_LIMIT or (entries >= 4096 and len(vals) <= SPARSE_DENSITY * entries)
    else:
        use_sparse = sparse
    host = _host_matrix(rows, cols, vals, (n_nodes, n_units), dtype, use_sparse)
    weights = _to_backend(host, be, use_sparse)
    levels: tuple[tuple[Any, Any], ...] = ()
    if net.is_feedforward():
        lev = net.levels()
        by_level: dict[int, list[int]] = {}
        for j, u in enumerate(net.units):
            by_level.setdefault(lev[u.name], []).append(j)
        built = []
        for level in sorted(by_level):
            js = np.array(by_level[level], dtype=np.int64)
            sub = host[:, js] if not use_sparse else host.tocsc()[:, js].tocsr()
            built.append((be.asarray(js), (_to_backend(sub, be, use_sparse), be.asarray(theta[js]))))
        levels = tuple(built)
    n_in = len(net.inputs)
    w_in_t = _to_backend(_transpose(host[:n_in], use_sparse), be, use_sparse)
    w_units_t = _to_backend(_transpose(host[n_in:], use_sparse), be, use_sparse)
    return CompiledNet(net, be, weights, be.asarray(theta), use_sparse, levels, w_in_t, w_units_t)


def _transpose(m: Any, sparse: bool) -> Any:
    return m.T.tocsr() if sparse else np.ascontiguousarray(m.T)


def _host_matrix(rows: list[int], cols: list[int], vals: list[float], shape: tuple[int, int], dtype: Any,
                 sparse: bool) -> Any:
    if sparse:
        from scipy import sparse as sp

        return sp.csr_matrix((np.array(vals, dtype=dtype), (rows, cols)), shape=shape)
    m = np.zeros(shape, dtype=dtype)
    np.add.at(m, (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)), np.array(vals, dtype=dtype))
    return m


def _to_backend(m: Any, be: Backend, sparse: bool) -> Any:
    if not sparse:
        return be.asarray(m)
    if be.is_gpu:
        return be.sparse.csr_matrix(m)
    return m


@dataclass(frozen=True, slots=True, eq=False)
class Trace:
    """The firing of a batch of runs at every tick.

    Attributes
    ----------
    net : MPNet
    inputs : array, shape (B, T, n_inputs), uint8
        Input lines at ticks 0..T-1.
    units : array, shape (B, T+1, n_recorded), uint8
        Firing of the recorded units at ticks 0..T (tick 0 is the initial state).
    recorded : tuple of str
        Names of the recorded units (all units unless ``run(record=...)`` chose some).
    final : array, shape (B, n_units), uint8
        Firing of every unit at tick T.
    """

    net: MPNet
    inputs: Any
    units: Any
    recorded: tuple[str, ...]
    final: Any

    @property
    def n_ticks(self) -> int:
        return int(self.inputs.shape[1])

    def output_values(self) -> np.ndarray:
        """Outputs at ticks 0..T, shape (B, T+1, n_outputs), host uint8. An output on an input line reads that
        line (0 at tick T, where no input is presented)."""
        units = to_numpy(self.units)
        inputs = to_numpy(self.inputs)
        b, t1 = units.shape[0], units.shape[1]
        out = np.zeros((b, t1, len(self.net.outputs)), dtype=np.uint8)
        in_idx = {n: i for i, n in enumerate(self.net.inputs)}
        rec_idx = {n: i for i, n in enumerate(self.recorded)}
        for k, (name, node) in enumerate(self.net.outputs):
            if node in in_idx:
                out[:, : t1 - 1, k] = inputs[:, :, in_idx[node]]
            elif node in rec_idx:
                out[:, :, k] = units[:, :, rec_idx[node]]
            else:
                raise InvalidNetworkError(f"output {name!r}: unit {node!r} was not recorded in this trace")
        return out

    def events(self, batch_index: int = 0) -> list[tuple[int, str]]:
        """(tick, node) firing events of one run, inputs included: the raster."""
        units = to_numpy(self.units)[batch_index]
        inputs = to_numpy(self.inputs)[batch_index]
        ev = [(t, self.net.inputs[i]) for t, i in zip(*np.nonzero(inputs), strict=True)]
        ev += [(t, self.recorded[j]) for t, j in zip(*np.nonzero(units), strict=True)]
        return sorted((int(t), n) for t, n in ev)


def _host_array(x: Any, what: str) -> Any:
    """``x`` as a NumPy array of numbers (a device array is left as it is), or a DataError saying what it is."""
    if hasattr(x, "__cuda_array_interface__"):
        return x
    if isinstance(x, str | bytes):
        raise DataError(f"{what}: expected rows of 0/1 values, found a string {x[:20]!r}")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as exc:
        raise DataError(f"{what}: expected a rectangular array of 0/1 values ({exc})") from None
    if arr.dtype.kind not in "biuf":
        raise DataError(f"{what}: expected 0/1 numbers, found values of type {arr.dtype}")
    return arr


def _check_binary(x: np.ndarray, width: int, what: str) -> None:
    if x.shape[-1] != width:
        raise DataError(f"{what}: expected {width} input column(s), found {x.shape[-1]}")
    if x.dtype == np.bool_:
        return
    bad = (x != 0) & (x != 1)
    if bad.any():
        pos = tuple(int(i) for i in np.argwhere(bad)[0])
        raise DataError(f"{what}: expected 0 or 1, found {x[pos].item()!r} at row {pos[-2] if x.ndim > 1 else 0}, "
                        f"column {pos[-1]}")


def run(net: MPNet, inputs: Any, *, initial: Sequence[str] | Any = None, backend: str | Backend | None = None,
        record: Sequence[str] | str = "all", compiled: CompiledNet | None = None) -> Trace:
    """Run a batch of input sequences through ``net`` in synchronous discrete time.

    Parameters
    ----------
    net : MPNet
    inputs : array-like, shape (B, T, n_inputs) or (T, n_inputs)
        0/1 values of the input lines at ticks 0..T-1 (one sequence is promoted to B = 1).
    initial : iterable of unit names, or array of shape (B, n_units), optional
        Units firing at tick 0; default ``net.initial``.
    backend : str or Backend, optional
    record : "all", "none" or sequence of unit names
        Which units to keep at every tick (long batched runs record few to save memory).
    compiled : CompiledNet, optional
        A compiled form to reuse across calls.

    Returns
    -------
    Trace
    """
    cn = compiled if compiled is not None and compiled.net is net else compile_net(net, backend)
    be = cn.backend
    xp = be.xp
    host = _host_array(inputs, "inputs")
    if getattr(host, "ndim", 0) == 2:
        host = host[None]
    if getattr(host, "ndim", 0) != 3:
        raise DataError(f"inputs: expected shape (B, T, {cn.n_inputs}) or (T, {cn.n_inputs}), "
                        f"found {tuple(getattr(host, 'shape', ()))}")
    if isinstance(host, np.ndarray):
        _check_binary(host, cn.n_inputs, "inputs")
    x_in = be.asarray(host, dtype=np.uint8)
    b, t_len = int(x_in.shape[0]), int(x_in.shape[1])
    n_units = cn.n_units
    unit_index = {u.name: j for j, u in enumerate(net.units)}
    if isinstance(record, str):
        if record not in ("all", "none"):
            raise ParameterError(f"record: expected 'all', 'none' or a list of unit names, found {record!r}")
        rec_names = net.unit_names if record == "all" else ()
    else:
        rec_names = tuple(record)
        missing = [r for r in rec_names if r not in unit_index]
        if missing:
            raise InvalidNetworkError(f"record: no unit named {missing[0]!r}")
    rec_cols = be.asarray(np.array([unit_index[r] for r in rec_names], dtype=np.int64))
    state = _initial_state(net, initial, b, be, unit_index)
    dtype = cn.theta.dtype
    x_t = xp.ascontiguousarray(xp.transpose(x_in, (1, 2, 0))).astype(dtype)  # (T, n_inputs, B): batch last
    fired = xp.zeros((n_units, b), dtype=bool)
    state = xp.ascontiguousarray(state.T).astype(dtype)
    trace = xp.zeros((b, t_len + 1, len(rec_names)), dtype=np.uint8)
    trace[:, 0] = state[rec_cols].T
    for t in range(t_len):
        cn.step(x_t[t], state, out=fired)
        state[...] = fired
        if rec_names:
            trace[:, t + 1] = fired[rec_cols].T
    state = state.T
    return Trace(net, x_in, trace, rec_names, state.astype(np.uint8))


def _initial_state(net: MPNet, initial: Any, b: int, be: Backend, unit_index: dict[str, int]) -> Any:
    n_units = len(net.units)
    if initial is None or isinstance(initial, set | frozenset | list | tuple):
        names = net.initial if initial is None else initial
        vec = np.zeros(n_units, dtype=np.uint8)
        for n in names:
            if n not in unit_index:
                raise InvalidNetworkError(f"initial firing node {n!r} is not a unit")
            vec[unit_index[n]] = 1
        return be.asarray(np.broadcast_to(vec, (b, n_units)).copy())
    arr = be.asarray(initial, dtype=np.uint8)
    if tuple(arr.shape) != (b, n_units):
        raise DataError(f"initial: expected shape ({b}, {n_units}), found {tuple(arr.shape)}")
    return arr


def evaluate(net: MPNet, X: Any, *, backend: str | Backend | None = None,
             compiled: CompiledNet | None = None) -> Any:
    """Settled outputs of a feedforward net on a batch of held input rows.

    Parameters
    ----------
    net : MPNet
        Must be feedforward.
    X : array-like, shape (B, n_inputs)
        0/1 input rows.
    backend : str or Backend, optional

    Returns
    -------
    array, shape (B, n_outputs), uint8, on the backend
        What every output reads once the net has settled (after ``net.depth()`` ticks).

    Raises
    ------
    InvalidNetworkError
        The net has a cycle.
    DataError
        Wrong width or a value other than 0/1.
    """
    net.topological_units()  # raises with the cycle's unit when the net is recurrent
    cn = compiled if compiled is not None and compiled.net is net else compile_net(net, backend)
    be, xp = cn.backend, cn.backend.xp
    host = _host_array(X, "X")
    if isinstance(host, np.ndarray):
        if host.ndim == 1:
            host = host[None]
        if host.ndim != 2:
            raise DataError(f"X: expected shape (B, {cn.n_inputs}), found {host.shape}")
        _check_binary(host, cn.n_inputs, "X")
    x_in = be.asarray(host)
    b = int(x_in.shape[0])
    x = xp.zeros((b, cn.n_inputs + cn.n_units), dtype=cn.theta.dtype)
    x[:, : cn.n_inputs] = x_in
    for cols, (w, th) in cn.levels:
        x[:, cn.n_inputs + cols] = cn.fire(x, w, th)
    node_index = {n: i for i, n in enumerate(net.nodes)}
    out_cols = be.asarray(np.array([node_index[node] for _, node in net.outputs], dtype=np.int64))
    return x[:, out_cols].astype(np.uint8)
