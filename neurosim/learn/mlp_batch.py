"""Many seeds at once: S independent MLPs of one shape trained by full-batch gradient descent in one computation.

Net s starts from exactly the weights ``MLPClassifier(random_state=seeds[s])`` would draw (drawn on the host by
the counter-based :mod:`neurosim.seeding`, all seeds in one vectorised pass, then moved to the backend) and takes
exactly the same updates, so the batch equals S separate runs (to rounding). Two exact engines share the arithmetic:

- ``"small"`` keeps the seed axis last and loops in Python over the (tiny) fan-in, doing elementwise work on
  (fan_out, m, S) blocks — for XOR-sized nets this beats batched matmuls, whose per-matrix overhead dwarfs a
  2×2 product;
- ``"matmul"`` uses batched ``xp.matmul`` over the seed axis first, for wider layers.

Notes
-----
The XOR protocol (2-2-1 sigmoid, η = 0.5, momentum 0.9, weights uniform in ±0.3, success when every output is on
the right side of ½) is Rumelhart, Hinton & Williams, "Learning internal representations by error propagation",
PDP vol. 1 ch. 8 (1986), who report a mean of about 558 sweeps.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import get_backend
from ..core import HTMLRepr
from ..errors import BackendUnavailableError, DataError, DivergenceError, ParameterError
from ._mlp_engines import ENGINES as REFERENCE_ENGINES
from ._mlp_fused import FusedEngine, not_exact, unsupported
from .activations import get_activation
from .backprop import init_params_many
from .losses import get_loss

__all__ = ["ENGINE_NAMES", "MAX_BATCH_BYTES", "ManyNetsResult", "batch_bytes", "check_batch_size", "train_many"]

#: the most memory one :func:`train_many` batch may plan to use; 2 GiB is about 2 million XOR-sized nets (measured
#: at 920 bytes a net for 2-2-1 on the four XOR rows against the 1,072 that :func:`batch_bytes` plans)
MAX_BATCH_BYTES = 2 << 30
#: the engines by name: ``fused`` (each net's loop in one compiled kernel) and the two NumPy/CuPy references
ENGINES = {"fused": FusedEngine, **REFERENCE_ENGINES}
#: what ``engine=`` may name
ENGINE_NAMES = ("auto", *ENGINES)


@dataclass(frozen=True, slots=True)
class ManyNetsResult(HTMLRepr):
    """Outcome of :func:`train_many` for S nets.

    Attributes
    ----------
    seeds : (S,) int64 array
    coefs : list of (S, fan_in, fan_out) arrays
    intercepts : list of (S, fan_out) arrays
    success_epoch : (S,) int64 array
        Updates done when the net first put every output on the right side of ½ (0 = correct at start), counted
        over all its restarts; −1 if it never did.
    final_loss : (S,) float array
        J of the final weights.
    restarts : (S,) int64 array
        Re-initialisations the net needed.
    loss_curves : (n_epochs, k) array
        J at the start of each epoch for the first k nets (first attempt only).
    max_epochs : int
    engine : str
        The engine that ran, with the reason when ``auto`` could not take the fused one.
    """

    seeds: np.ndarray
    coefs: list[np.ndarray]
    intercepts: list[np.ndarray]
    success_epoch: np.ndarray
    final_loss: np.ndarray
    restarts: np.ndarray
    loss_curves: np.ndarray
    max_epochs: int
    engine: str = "small"

    def __post_init__(self) -> None:
        S = self.seeds.shape[0]
        if self.success_epoch.shape != (S,) or self.final_loss.shape != (S,):
            raise ParameterError("seeds, success_epoch and final_loss must all have one entry per net")

    @property
    def n_nets(self) -> int:
        return int(self.seeds.shape[0])

    @property
    def success_rate(self) -> float:
        return float(np.mean(self.success_epoch >= 0))

    def epoch_percentile(self, q: float) -> float | None:
        """The q-th percentile of epochs to success among the nets that succeeded (None if none did)."""
        ok = self.success_epoch[self.success_epoch >= 0]
        return float(np.percentile(ok, q)) if ok.size else None

    def summary(self) -> dict[str, Any]:
        """JSON-ready figures: success rate, epochs to success (median, mean, 90th percentile), final losses."""
        ok = self.success_epoch[self.success_epoch >= 0]
        return {
            "n_nets": self.n_nets,
            "max_epochs": self.max_epochs,
            "success_rate": self.success_rate,
            "n_success": int(ok.size),
            "median_epochs": self.epoch_percentile(50),
            "p90_epochs": self.epoch_percentile(90),
            "mean_epochs": float(ok.mean()) if ok.size else None,
            "final_loss_median": float(np.median(self.final_loss)),
            "final_loss_max": float(np.max(self.final_loss)),
            "n_restarted": int(np.count_nonzero(self.restarts)),
        }


def batch_bytes(n_nets: int, layers: Sequence[int], n_samples: int, *, max_epochs: int = 0,
                record_curves: int = 0) -> int:
    """Bytes a batch of ``n_nets`` nets of these layer sizes plans to hold, as :func:`check_batch_size` counts them.

    Per net: six copies of the parameters (weights, velocities, gradients and the results) and four of the
    activations on every sample; plus the recorded loss curves (``record_curves`` × ``max_epochs`` floats).
    """
    sizes = [int(v) for v in layers]
    params = sum(a * b + b for a, b in itertools.pairwise(sizes))
    per_net = 8 * (6 * params + 4 * int(n_samples) * sum(sizes[1:]))
    return int(n_nets) * per_net + 8 * min(int(record_curves), int(n_nets)) * (int(max_epochs) + 1)


def check_batch_size(n_nets: int, layers: Sequence[int], n_samples: int, *, max_epochs: int = 0,
                     record_curves: int = 0, limit: int = MAX_BATCH_BYTES) -> None:
    """Refuse, before anything is allocated, a batch that would need more than ``limit`` bytes.

    Raises
    ------
    ParameterError
        Naming the number of nets, the memory they need and the limit (and the largest batch that fits).
    """
    need = batch_bytes(n_nets, layers, n_samples, max_epochs=max_epochs, record_curves=record_curves)
    if need > limit:
        one = max(batch_bytes(1, layers, n_samples), 1)
        curves = 8 * min(int(record_curves), int(n_nets)) * (int(max_epochs) + 1)
        if curves > limit:
            k = min(int(record_curves), int(n_nets))
            raise ParameterError(f"recording {k} loss curve{'s' if k != 1 else ''} over "
                                 f"{max_epochs:,} epochs needs {_gib(curves)}, more than the limit of "
                                 f"{_gib(limit)}; train for fewer epochs")
        if n_nets == 1:
            raise ParameterError(f"a net of sizes {list(layers)} on {n_samples:,} samples needs about {_gib(need)}, "
                                 f"more than the limit of {_gib(limit)}; use smaller layers or fewer samples")
        raise ParameterError(f"{n_nets:,} nets of sizes {list(layers)} need about {_gib(need)}, more than the limit "
                             f"of {_gib(limit)}; train at most {max((limit - curves) // one, 1):,} nets at once")


def _gib(n: int) -> str:
    return f"{n / 2**30:.3g} GiB" if n >= 2**30 else f"{n / 2**20:.3g} MiB"


def _initial(layers: tuple[int, ...], seeds: np.ndarray, init: str, scale: float,
             restart: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    # attempt 0 is stream 0, exactly what MLPClassifier(random_state=s) draws (same function, same counters);
    # restart r uses the seed's independent stream r. Counter-based, so all seeds are drawn in one vectorised pass.
    return init_params_many(layers, seeds, init, scale, stream=restart)


def choose_engine(name: str, layers: tuple[int, ...], hidden: Any, out: Any, loss: Any) -> tuple[str, str]:
    """The engine ``name`` resolves to, and a note for ``-v``: the engine, with why ``auto`` did not fuse."""
    if name not in ENGINE_NAMES:
        raise ParameterError(f"unknown engine {name!r}: expected one of {', '.join(ENGINE_NAMES)}")
    why = unsupported(hidden, out, loss)
    if name == "fused" and why is not None:
        raise ParameterError(f"engine 'fused': {why}")
    if name != "auto":
        return name, name
    why = not_exact(hidden, out, loss)
    if why is None:
        return "fused", "fused"
    ref = "small" if max(a * b for a, b in itertools.pairwise(layers)) <= 64 else "matmul"
    return ref, f"{ref} ({why})"


def train_many(X: Any, Y: Any, seeds: Sequence[int] | np.ndarray, *, hidden_layer_sizes: Sequence[int] = (2,),
               activation: str = "sigmoid", out_activation: str = "sigmoid", loss: str = "squared",
               lr: float = 0.5, momentum: float = 0.0, weight_decay: float = 0.0, max_epochs: int = 1000,
               init: str = "uniform", init_scale: float = 0.3, restarts: int = 0, record_curves: int = 0,
               stop_when_all_solved: bool = False, engine: str = "auto", backend: Any = None,
               progress: Callable[[int, int], None] | None = None) -> ManyNetsResult:
    """Train one net per seed, all at once on the backend.

    Parameters
    ----------
    X : (m, d) array
        Shared training inputs (full batch).
    Y : (m,) or (m, k) array of 0/1 targets
    seeds : sequence of S ints
        Net s is initialised as ``MLPClassifier(random_state=seeds[s], init=init, init_scale=init_scale)``.
    restarts : int
        Nets that have not succeeded after ``max_epochs`` are re-initialised (from a stream derived from their
        seed) and trained again, up to this many times.
    record_curves : int
        Record J at every epoch for the first k nets.
    stop_when_all_solved : bool
        Stop early once every net has succeeded (the weights then differ from fixed-length runs).
    engine : {"auto", "fused", "small", "matmul"}
        ``fused`` runs each net's whole loop in one compiled kernel (numba on the CPU, CUDA on the GPU);
        ``small`` and ``matmul`` are the NumPy/CuPy reference engines. ``auto`` takes ``fused`` where it equals
        the reference bit for bit (sigmoid, relu, identity and abs units, both losses; tanh agrees only to
        rounding and a softmax output is not covered), otherwise ``small`` when every layer has at most 64
        weights, else ``matmul``; :attr:`ManyNetsResult.engine` says which ran and why.
    backend : str or Backend, optional

    Returns
    -------
    ManyNetsResult

    Raises
    ------
    DataError
        Shapes that disagree, NaN in the data, no seeds.
    DivergenceError
        Some net's loss became NaN or infinite (names the net, its seed and the epoch).
    """
    be = get_backend(backend)
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    Y = Y.reshape(-1, 1) if Y.ndim == 1 else Y
    if X.ndim != 2 or Y.ndim != 2 or X.shape[0] != Y.shape[0] or X.shape[0] == 0:
        raise DataError(f"X has shape {X.shape} and Y {Y.shape}: expected (m, d) and (m,) or (m, k), same m ≥ 1")
    if not (np.isfinite(X).all() and np.isfinite(Y).all()):
        raise DataError("X or Y contains NaN or infinity")
    seeds = np.asarray(seeds, dtype=np.int64).reshape(-1)
    if seeds.size == 0:
        raise DataError("train_many needs at least one seed")
    layers = (X.shape[1], *(int(h) for h in hidden_layer_sizes), Y.shape[1])
    check_batch_size(seeds.size, layers, X.shape[0], max_epochs=int(max_epochs), record_curves=int(record_curves))
    hidden, out, lossf = get_activation(activation, hidden=True), get_activation(out_activation), get_loss(loss)
    requested = engine
    engine, engine_note = choose_engine(engine, layers, hidden, out, lossf)
    S = seeds.size
    success = np.full(S, -1, dtype=np.int64)
    n_restarts = np.zeros(S, dtype=np.int64)
    active = np.arange(S)
    coefs_all = [np.empty((S, a, b)) for a, b in itertools.pairwise(layers)]
    ints_all = [np.empty((S, b)) for b in layers[1:]]
    final_loss = np.empty(S)
    curves = np.empty((0, 0))
    for attempt in range(int(restarts) + 1):
        coefs, intercepts = _initial(layers, seeds[active], init, init_scale, attempt)
        try:
            eng = ENGINES[engine](be, X, Y, coefs, intercepts, hidden, out, lossf)
        except BackendUnavailableError as exc:  # no numba: auto falls back, an explicit "fused" says why
            if engine_note != "fused" or requested != "auto":
                raise
            engine = "small" if max(a * b for a, b in itertools.pairwise(layers)) <= 64 else "matmul"
            engine_note = f"{engine} ({exc})"
            eng = ENGINES[engine](be, X, Y, coefs, intercepts, hidden, out, lossf)
        with np.errstate(over="ignore", invalid="ignore"):  # NaN/inf nets are detected and reported below
            res = eng.run(lr=float(lr), momentum=float(momentum), weight_decay=float(weight_decay),
                          max_epochs=int(max_epochs), record=int(record_curves) if attempt == 0 else 0,
                          stop_when_all_solved=stop_when_all_solved, progress=progress if attempt == 0 else None)
        if res.diverged is not None:
            net, epoch = res.diverged
            raise DivergenceError(f"net {int(active[net])} (seed {int(seeds[active[net]])}) diverged at epoch "
                                  f"{epoch}: its loss became NaN or infinite (learning rate {lr} too large?)")
        if attempt == 0:
            curves = res.curves
        ok = res.success >= 0
        success[active[ok]] = res.success[ok] + attempt * int(max_epochs)
        for i in range(len(coefs_all)):
            coefs_all[i][active] = res.coefs[i]
            ints_all[i][active] = res.intercepts[i]
        final_loss[active] = res.final_loss
        n_restarts[active] = attempt
        active = active[~ok]
        if active.size == 0:
            break
    return ManyNetsResult(seeds, coefs_all, ints_all, success, final_loss, n_restarts, curves, int(max_epochs),
                          engine_note)
