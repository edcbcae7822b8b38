"""The cheap-gradient principle, measured: a backward pass costs a small constant ω times a forward pass.

Reverse-mode differentiation (backprop) gives all P partial derivatives of a loss for ω ≤ 5 times the cost of
evaluating it (the lecture's bound; about 3 for an MLP: the forward products, then two products per layer back).
Centred finite differences need two evaluations per parameter: 2P forward passes, a cost that grows with the net.

The cost is *counted*, not timed: the arrays of one forward and one backward pass are wrapped in an ndarray subclass
that tallies the arithmetic of every NumPy ufunc they go through (a matrix product of (m, k) by (k, n) counts 2mkn,
an elementwise operation one per element, a reduction one per input element). The count is exact and the same on
any machine; :func:`time_costs` adds wall-clock timings for the benchmark and the demo.

Notes
-----
Griewank & Walther, *Evaluating Derivatives* (2nd ed., 2008), §4.6 (the cheap gradient principle); Baydin et al.,
"Automatic differentiation in machine learning: a survey" (JMLR 2018).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["CostRow", "OpCounter", "count_costs", "mlp_sizes", "time_costs"]


class _Counted(np.ndarray):
    """An ndarray whose ufunc calls add their arithmetic to the active :class:`OpCounter`."""

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, out: Any = None, **kw: Any) -> Any:
        raw = [x.view(np.ndarray) if isinstance(x, _Counted) else x for x in inputs]
        if out is not None:
            kw["out"] = tuple(o.view(np.ndarray) if isinstance(o, _Counted) else o for o in out)
        result = getattr(ufunc, method)(*raw, **kw)
        OpCounter.active.add(ufunc, method, raw, result)
        if out is not None:
            return out[0] if len(out) == 1 else out
        return result.view(_Counted) if isinstance(result, np.ndarray) else result


class OpCounter:
    """Counts the floating-point arithmetic of NumPy ufuncs on :meth:`wrap`-ped arrays, inside ``with``."""

    active: OpCounter

    def __init__(self) -> None:
        self.ops = 0

    def __enter__(self) -> OpCounter:
        self._saved = OpCounter.active
        OpCounter.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        OpCounter.active = self._saved

    @staticmethod
    def wrap(a: Any) -> np.ndarray:
        return np.asarray(a, dtype=np.float64).view(_Counted)

    def add(self, ufunc: Any, method: str, inputs: list[Any], result: Any) -> None:
        if ufunc is np.matmul and method == "__call__":
            a, b = np.asarray(inputs[0]), np.asarray(inputs[1])
            self.ops += 2 * int(np.prod(a.shape[:-1])) * a.shape[-1] * int(b.shape[-1] if b.ndim > 1 else 1)
        elif method == "__call__":
            self.ops += int(np.size(result))
        elif method in ("reduce", "accumulate"):
            self.ops += int(np.size(inputs[0]))


OpCounter.active = OpCounter()  # a sink for counts outside any ``with``


@dataclass(frozen=True, slots=True)
class CostRow:
    """The cost of one net's gradient.

    Attributes
    ----------
    layers : tuple of int
        Layer sizes, input first.
    params : int
        P, the number of weights and biases.
    forward, backward : int
        Arithmetic operations of one forward pass (with the loss) and of one backward pass.
    omega : float
        (forward + backward) / forward: the gradient's cost in forward passes.
    finite_differences : float
        2P: the cost of centred finite differences in forward passes.
    """

    layers: tuple[int, ...]
    params: int
    forward: int
    backward: int
    omega: float
    finite_differences: float


def mlp_sizes(widths: Sequence[int] = (4, 16, 64, 128), *, n_in: int = 16, n_out: int = 4,
              depth: int = 2) -> list[tuple[int, ...]]:
    """Layer sizes of MLPs of growing width: (n_in, w, …, w, n_out) with ``depth`` hidden layers."""
    return [(n_in, *([w] * depth), n_out) for w in widths]


def _net(layers: Sequence[int], batch: int, seed: int) -> tuple[list, list, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    coefs = [rng.normal(0, 1 / np.sqrt(a), (a, b)) for a, b in itertools.pairwise(layers)]
    intercepts = [np.zeros(b) for b in layers[1:]]
    X = rng.normal(size=(batch, layers[0]))
    Y = (rng.uniform(size=(batch, layers[-1])) < 0.5).astype(np.float64)
    return coefs, intercepts, X, Y


def count_costs(sizes: Sequence[Sequence[int]] | None = None, *, batch: int = 32, activation: str = "sigmoid",
                seed: int = 0) -> list[CostRow]:
    """Count the arithmetic of a forward pass (with the squared loss) and of backprop's backward pass, per net."""
    from .activations import get_activation
    from .backprop import backward, forward
    from .losses import get_loss

    hid, out, loss = get_activation(activation, hidden=True), get_activation("sigmoid"), get_loss("squared")
    rows = []
    for layers in sizes if sizes is not None else mlp_sizes():
        coefs, intercepts, X, Y = _net(layers, batch, seed)
        W = [OpCounter.wrap(c) for c in coefs]
        b = [OpCounter.wrap(c) for c in intercepts]
        Xc, Yc = OpCounter.wrap(X), OpCounter.wrap(Y)
        with OpCounter() as f:
            zs, acts = forward(W, b, Xc, hid, out)
            loss.value(acts[-1], Yc, out, np)
        with OpCounter() as g:
            backward(W, zs, acts, Yc, hid, out, loss)
        P = sum(c.size for c in coefs) + sum(c.size for c in intercepts)
        rows.append(CostRow(tuple(layers), int(P), f.ops, g.ops, (f.ops + g.ops) / f.ops, 2.0 * P))
    return rows


def time_costs(sizes: Sequence[Sequence[int]] | None = None, *, batch: int = 32, repeats: int = 5,
               fd_params: int = 4, seed: int = 0) -> list[dict[str, float]]:
    """Wall-clock costs (best of ``repeats``): forward, forward + backward, and centred finite differences
    timed on ``fd_params`` parameters and scaled to all P. Noisy by nature: for benchmarks and the demo."""
    return [_time_one(tuple(layers), batch, repeats, fd_params, seed)
            for layers in (sizes if sizes is not None else mlp_sizes())]


def _best(fn: Any, repeats: int) -> float:
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return min(ts)


def _time_one(layers: tuple[int, ...], batch: int, repeats: int, fd_params: int, seed: int) -> dict[str, float]:
    from .activations import get_activation
    from .backprop import backward, forward
    from .losses import get_loss

    hid, out, loss = get_activation("sigmoid", hidden=True), get_activation("sigmoid"), get_loss("squared")
    coefs, intercepts, X, Y = _net(layers, batch, seed)

    def objective() -> float:
        return float(loss.value(forward(coefs, intercepts, X, hid, out)[1][-1], Y, out, np))

    def grad() -> None:
        zs, acts = forward(coefs, intercepts, X, hid, out)
        loss.value(acts[-1], Y, out, np)
        backward(coefs, zs, acts, Y, hid, out, loss)

    k = min(fd_params, coefs[0].size)

    def fd() -> None:
        W = coefs[0].reshape(-1)
        for i in range(k):
            keep = W[i]
            W[i] = keep + 1e-6
            objective()
            W[i] = keep - 1e-6
            objective()
            W[i] = keep

    objective(), grad()  # warm up (first calls allocate)
    t_f, t_g = [], []
    for _ in range(repeats):  # interleaved, so that a burst of load hits both alike
        t_f.append(_best(objective, 1))
        t_g.append(_best(grad, 1))
    t_f, t_g, t_fd = min(t_f), min(t_g), _best(fd, max(1, repeats // 2))
    P = sum(c.size for c in coefs) + sum(c.size for c in intercepts)
    return {"params": float(P), "forward_s": t_f, "gradient_s": t_g, "omega": t_g / t_f,
            "finite_differences": t_fd / k * P / t_f}
