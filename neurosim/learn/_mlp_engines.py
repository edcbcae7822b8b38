"""The two exact engines behind :func:`neurosim.mlp_batch.train_many` (one training loop, two array layouts).

``SmallEngine`` keeps the seed axis S last, arrays (fan_out, m, S), and loops in Python over the fan-in: every
operation is elementwise over m·S numbers with no temporaries (``out=``), which is what tiny nets need.
``MatmulEngine`` keeps S first, arrays (S, m, fan_out), and uses batched ``xp.matmul``: the right shape once
layers are wide. Both compute the same update, W ← W + v, v ← μv − α[(1/m)ΔW + λW].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import Backend
from ..errors import ParameterError
from .activations import Activation
from .losses import Loss

__all__ = ["EngineResult", "MatmulEngine", "SmallEngine", "make_engine"]


@dataclass(frozen=True, slots=True)
class EngineResult:
    coefs: list[np.ndarray]          # (S, fan_in, fan_out)
    intercepts: list[np.ndarray]     # (S, fan_out)
    success: np.ndarray              # (S,) first epoch with all outputs right, −1 never
    final_loss: np.ndarray           # (S,)
    curves: np.ndarray               # (n_epochs, k)
    diverged: tuple[int, int] | None  # (net, epoch) of the first NaN/inf seen


class _Engine:
    """The training loop; subclasses supply the layout (forward, backward, losses of a slice of nets)."""

    def __init__(self, be: Backend, X: np.ndarray, Y: np.ndarray, coefs: list[np.ndarray],
                 intercepts: list[np.ndarray], hidden: Activation, out: Activation, loss: Loss) -> None:
        self.be, self.xp = be, be.xp
        self.hidden, self.out, self.loss = hidden, out, loss
        self.m = X.shape[0]
        self.S = coefs[0].shape[0]
        self.n_layers = len(coefs)
        self._setup(X, Y, coefs, intercepts)
        xp = self.xp
        # What the update walks over: (param, grad) blocks, and the (weights, grads) pairs that carry weight
        # decay (biases do not). SmallEngine hands over one flat block viewed by W, B, gW, gB, so an update is
        # 4 operations whatever the depth.
        self.params, self.grads, decayed = self._update_blocks()
        self.vels = [xp.zeros_like(P) for P in self.params]
        self.decayed = [(W, G, xp.empty_like(W)) for W, G in decayed]

    def _update_blocks(self) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
        return self.W + self.B, self.gW + self.gB, list(zip(self.W, self.gW, strict=True))

    # layout hooks ----------------------------------------------------------------------------------------
    def _setup(self, X, Y, coefs, intercepts) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def forward(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def max_abs_error(self) -> Any:  # (S,) largest |h − y| of each net; also leaves E = H − Y for backward
        raise NotImplementedError

    def _output_delta(self) -> None:
        """δ of the output layer into ``D[-1]``, from E = H − Y left by :meth:`max_abs_error`: E itself for a
        loss matched to its output activation (sigmoid + cross-entropy, identity + squared), else f′(z) ⊙ ∂loss."""
        xp, loss, out = self.xp, self.loss, self.out
        D, L = self.D, self.n_layers - 1
        if out.name in loss.canonical:
            xp.copyto(D[L], self.E)
        else:
            out.df(self.Z[L], self.A[L + 1], xp, out=D[L])
            D[L] *= self.E if loss.name == "squared" else loss.dh(self.A[L + 1], self.Y, xp)

    def loss_of(self, k: int | None) -> Any:  # (k,) J of the first k nets (all when None)
        raise NotImplementedError

    def export(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        raise NotImplementedError

    # shared loop -------------------------------------------------------------------------------------------
    def _decay(self, k: int | None) -> Any:
        return sum(self._sq_weights(W, k) for W in self.W)

    def _update(self, lr: float, mu: float, lam: float) -> None:
        xp = self.xp
        for G in self.grads:
            G *= lr / self.m
        if lam:
            for W, G, T in self.decayed:
                xp.multiply(W, lr * lam, out=T)
                G += T
        for P, G, V in zip(self.params, self.grads, self.vels, strict=True):
            if mu:
                V *= mu
                V -= G
                P += V
            else:
                P -= G

    def run(self, *, lr: float, momentum: float, weight_decay: float, max_epochs: int, record: int,
            stop_when_all_solved: bool, progress: Callable[[int, int], None] | None) -> EngineResult:
        xp = self.xp
        success = xp.full(self.S, -1, dtype=xp.int64)
        k = min(record, self.S)
        curves = xp.empty((max_epochs, k))
        every = max(1, max_epochs // 100)
        diverged = None
        epoch = 0
        for epoch in range(1, max_epochs + 1):
            self.forward()
            err = self.max_abs_error()
            success = xp.where((err < 0.5) & (success < 0), epoch - 1, success)
            if k:
                curves[epoch - 1] = self.loss_of(k) + (0.5 * weight_decay * self._decay(k) if weight_decay else 0)
            if epoch % 100 == 0 or epoch == max_epochs:
                # one host sync per 100 epochs: NaN propagates through max, so a non-finite error flags the net
                bad = ~xp.isfinite(err)
                if bool(bad.any()):
                    diverged = (int(xp.argmax(bad)), epoch)
                    break
                if stop_when_all_solved and bool((success >= 0).all()):
                    break
            self.backward()
            self._update(lr, momentum, weight_decay)
            if progress is not None and (epoch % every == 0 or epoch == max_epochs):
                progress(epoch, max_epochs)
        else:
            epoch = max_epochs
        self.forward()
        err = self.max_abs_error()
        if diverged is None and bool((~xp.isfinite(err)).any()):
            diverged = (int(xp.argmax(~xp.isfinite(err))), epoch)
        success = xp.where((err < 0.5) & (success < 0), epoch, success)
        final = self.loss_of(None) + (0.5 * weight_decay * self._decay(None) if weight_decay else 0)
        coefs, intercepts = self.export()
        return EngineResult(coefs, intercepts, self.be.to_numpy(success), self.be.to_numpy(final),
                            self.be.to_numpy(curves[:epoch] if k else curves), diverged)


class SmallEngine(_Engine):
    """Seed axis last: W (fan_in, fan_out, S), activations (fan_out, m, S); Python loops over the fan-in."""

    def _setup(self, X, Y, coefs, intercepts) -> None:
        xp, be = self.xp, self.be
        # All weights, then all biases, in one (n_params, S) block; W (fi, fo, S) and B (fo, 1, S) are views.
        host = [np.moveaxis(W, 0, -1).reshape(-1, self.S) for W in coefs] + [b.T for b in intercepts]
        self.flat = be.asarray(np.ascontiguousarray(np.concatenate(host, axis=0)))
        self.gflat = xp.empty_like(self.flat)
        self.nW = sum(W.shape[1] * W.shape[2] for W in coefs)
        self.W, self.B = self._views(self.flat, coefs)
        self.gW, self.gB = self._views(self.gflat, coefs)
        self.Y = be.asarray(np.ascontiguousarray(Y.T[:, :, None]))                          # (k, m, 1)
        self.A = [be.asarray(np.ascontiguousarray(X.T[:, :, None]))]                        # (d, m, 1)
        self.Z, self.T, self.D = [], [], []
        for W in self.W:
            shape = (W.shape[1], self.m, self.S)
            self.Z.append(xp.empty(shape))
            self.A.append(xp.empty(shape))
            self.T.append(xp.empty(shape))
            self.D.append(xp.empty(shape))
        self.E = xp.empty_like(self.Z[-1])
        # views made once: (1, m, S|1) input rows and (fo, 1, S) weight rows, broadcast against each other
        self.Ain = [[A[i][None] for i in range(A.shape[0])] for A in self.A[:-1]]
        self.Wrow = [[W[i][:, None, :] for i in range(W.shape[0])] for W in self.W]

    def _views(self, flat: Any, coefs: list[np.ndarray]) -> tuple[list[Any], list[Any]]:
        Ws, Bs, at = [], [], 0
        for W in coefs:
            fi, fo = W.shape[1:]
            Ws.append(flat[at:at + fi * fo].reshape(fi, fo, self.S))
            at += fi * fo
        for W in coefs:
            fo = W.shape[2]
            Bs.append(flat[at:at + fo].reshape(fo, 1, self.S))
            at += fo
        return Ws, Bs

    def _update_blocks(self) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
        # weights first, then biases, in one block: the decayed part is its first nW rows
        return [self.flat], [self.gflat], [(self.flat[: self.nW], self.gflat[: self.nW])]

    def forward(self) -> None:
        xp = self.xp
        last = self.n_layers - 1
        for l in range(self.n_layers):
            Z, T, ain, wrow = self.Z[l], self.T[l], self.Ain[l], self.Wrow[l]
            xp.multiply(ain[0], wrow[0], out=Z)
            for i in range(1, len(ain)):
                xp.multiply(ain[i], wrow[i], out=T)
                Z += T
            Z += self.B[l]
            (self.out if l == last else self.hidden).f(Z, xp, out=self.A[l + 1])

    def max_abs_error(self) -> Any:
        xp = self.xp
        xp.subtract(self.A[-1], self.Y, out=self.E)
        T = self.T[-1]
        xp.abs(self.E, out=T)
        return T.max(axis=(0, 1))

    def backward(self) -> None:
        xp, D, L = self.xp, self.D, self.n_layers - 1
        self._output_delta()
        for l in range(L, -1, -1):
            T, gW, ain, wrow = self.T[l], self.gW[l], self.Ain[l], self.Wrow[l]
            for i in range(len(ain)):
                xp.multiply(ain[i], D[l], out=T)
                T.sum(axis=1, out=gW[i])  # ΔW[i, :] = Σ over samples of a_i δ
            D[l].sum(axis=1, keepdims=True, out=self.gB[l])
            if l:
                prev = D[l - 1]
                for i in range(len(wrow)):
                    if D[l].shape[0] == 1:  # one unit above: (Wᵀδ)_i is a product, no sum needed
                        xp.multiply(wrow[i][0], D[l][0], out=prev[i])
                    else:
                        xp.multiply(wrow[i], D[l], out=T)
                        T.sum(axis=0, out=prev[i])  # (Wᵀδ)_i
                self.hidden.df(self.Z[l - 1], self.A[l], xp, out=self.T[l - 1])
                prev *= self.T[l - 1]

    def loss_of(self, k: int | None) -> Any:
        H = self.A[-1] if k is None else self.A[-1][:, :, :k]
        return self.loss.value(H.transpose(2, 1, 0), self.Y.transpose(2, 1, 0), self.out, self.xp)

    def _sq_weights(self, W: Any, k: int | None) -> Any:
        W = W if k is None else W[:, :, :k]
        return (W * W).sum(axis=(0, 1))

    def export(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        to = self.be.to_numpy
        return ([np.ascontiguousarray(np.moveaxis(to(W), -1, 0)) for W in self.W],
                [np.ascontiguousarray(to(B)[:, 0, :].T) for B in self.B])


class MatmulEngine(_Engine):
    """Seed axis first: W (S, fan_in, fan_out), activations (S, m, fan_out); batched matmuls."""

    def _setup(self, X, Y, coefs, intercepts) -> None:
        xp, be = self.xp, self.be
        self.W = [be.asarray(np.ascontiguousarray(W)) for W in coefs]                # (S, fi, fo)
        self.B = [be.asarray(np.ascontiguousarray(b[:, None, :])) for b in intercepts]  # (S, 1, fo)
        self.Y = be.asarray(Y)                                                        # (m, k)
        self.A = [be.asarray(X)]
        self.Z, self.D = [], []
        for W in self.W:
            self.Z.append(xp.empty((self.S, self.m, W.shape[2])))
            self.A.append(xp.empty((self.S, self.m, W.shape[2])))
            self.D.append(xp.empty((self.S, self.m, W.shape[2])))
        self.E = xp.empty_like(self.Z[-1])
        self.gW = [xp.empty_like(W) for W in self.W]
        self.gB = [xp.empty_like(B) for B in self.B]

    def forward(self) -> None:
        xp = self.xp
        last = self.n_layers - 1
        for l in range(self.n_layers):
            xp.matmul(self.A[l], self.W[l], out=self.Z[l])
            self.Z[l] += self.B[l]
            (self.out if l == last else self.hidden).f(self.Z[l], xp, out=self.A[l + 1])

    def max_abs_error(self) -> Any:
        xp = self.xp
        xp.subtract(self.A[-1], self.Y, out=self.E)
        return xp.abs(self.E).max(axis=(1, 2))

    def backward(self) -> None:
        xp, D, L = self.xp, self.D, self.n_layers - 1
        self._output_delta()
        for l in range(L, -1, -1):
            A = self.A[l]
            xp.matmul(A.T if A.ndim == 2 else A.transpose(0, 2, 1), D[l], out=self.gW[l])
            D[l].sum(axis=1, keepdims=True, out=self.gB[l])
            if l:
                xp.matmul(D[l], self.W[l].transpose(0, 2, 1), out=D[l - 1])
                D[l - 1] *= self.hidden.df(self.Z[l - 1], self.A[l], xp)

    def loss_of(self, k: int | None) -> Any:
        H = self.A[-1] if k is None else self.A[-1][:k]
        return self.loss.value(H, self.Y, self.out, self.xp)

    def _sq_weights(self, W: Any, k: int | None) -> Any:
        W = W if k is None else W[:k]
        return (W * W).sum(axis=(1, 2))

    def export(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        to = self.be.to_numpy
        return [to(W) for W in self.W], [to(B)[:, 0, :] for B in self.B]


ENGINES = {"small": SmallEngine, "matmul": MatmulEngine}


def make_engine(name: str, be: Backend, X: np.ndarray, Y: np.ndarray, coefs: list[np.ndarray],
                intercepts: list[np.ndarray], hidden: Activation, out: Activation, loss: Loss) -> _Engine:
    """Build the named engine (``"small"`` or ``"matmul"``) holding the nets' weights on the backend."""
    if name not in ENGINES:
        raise ParameterError(f"unknown engine {name!r}: expected auto, small or matmul")
    return ENGINES[name](be, X, Y, coefs, intercepts, hidden, out, loss)
