"""Benchmark the MLP: (a) the XOR sweep of ``neurosim xor`` (1,000 seeds x 10,000 epochs) with the fused engine
against the NumPy reference engine and PyTorch, (b) many XOR nets at once against PyTorch and a hand-written NumPy
script, (c) one 784-256-256-10 net: backward/forward time and a training step against PyTorch.

    python benchmarks/bench_mlp.py            # full size: the sweep, then 10,000 XOR nets x 5,000 epochs
    python benchmarks/bench_mlp.py --quick    # smoke run
    python benchmarks/bench_mlp.py --json     # one JSON object
    python benchmarks/bench_mlp.py --backend cupy --gpu-big   # 1,000,000 nets x 10,000 epochs on a GPU

Every peer runs the same protocol: 2-2-1 sigmoid, squared loss, gradient summed over the 4 patterns
(Rumelhart's E), eta = 0.5, momentum 0.9, weights uniform in +-0.3, a success check after every epoch.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from neurosim.backend import get_backend
from neurosim.learn.activations import get_activation
from neurosim.learn.backprop import backprop, backward, forward, init_params
from neurosim.learn.losses import get_loss
from neurosim.learn.mlp_batch import train_many

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([0, 1, 1, 0], dtype=np.float64)
LR, MU, SCALE = 0.5, 0.9, 0.3


def xor_neurosim(S: int, epochs: int, backend: str, engine: str = "auto") -> tuple[float, dict]:
    be = get_backend(backend)
    t = time.perf_counter()
    res = train_many(X, Y, np.arange(S), lr=LR * 4, momentum=MU, max_epochs=epochs, backend=be, engine=engine)
    be.synchronize()
    return time.perf_counter() - t, {**res.summary(), "engine": res.engine, "_res": res}


def xor_sweep(S: int, epochs: int, backend: str) -> dict:
    """``neurosim --seed 0 xor``'s sweep: the default engine (fused) timed from a cold start in this process, so
    numba's import and its JIT cache load (or the compile, on a cold cache) are inside the first figure; then again
    warm; the NumPy reference engine; PyTorch. Same nets, same results (checked)."""
    import importlib.util

    numba_loaded = importlib.util.find_spec("numba") is not None and "numba" in sys.modules
    first, summ = xor_neurosim(S, epochs, backend)
    warm, summ2 = xor_neurosim(S, epochs, backend)
    ref, rsumm = xor_neurosim(S, epochs, backend, engine="small")
    a, b = summ.pop("_res"), rsumm.pop("_res")
    summ2.pop("_res")
    same = bool(np.array_equal(a.success_epoch, b.success_epoch)
                and all(np.array_equal(u, v) for u, v in zip(a.coefs + a.intercepts, b.coefs + b.intercepts,
                                                             strict=True)))
    tor = xor_torch(S, epochs)
    return {"nets": S, "epochs": epochs, "engine": summ["engine"], "neurosim_s": first, "neurosim_warm_s": warm,
            "jit_warmup_s": first - warm, "numba_already_imported": numba_loaded, "reference_engine_s": ref,
            "torch_s": tor[0] if tor else None, "ratio_vs_reference_engine": ref / first,
            "ratio_vs_torch": tor[0] / first if tor else None, "same_as_reference_bit_for_bit": same,
            "success_rate": summ["success_rate"], "median_epochs": summ["median_epochs"]}


def xor_handwritten_numpy(S: int, epochs: int) -> tuple[float, float]:
    """The peer: a script written for the 2-2-1 shape, elementwise over (4, S) arrays, in place."""
    t = time.perf_counter()
    rng = np.random.default_rng(0)
    w = rng.uniform(-SCALE, SCALE, size=(9, S))  # w11 w12 w21 w22 b1 b2 v1 v2 c
    vel = np.zeros_like(w)
    g = np.empty_like(w)
    x1, x2, y = X[:, :1], X[:, 1:], Y[:, None]
    z1, z2, h1, h2, o, d, d1, d2, tmp = (np.empty((4, S)) for _ in range(9))
    success = np.full(S, -1)

    def sig(z: np.ndarray, out: np.ndarray) -> None:
        np.negative(z, out=out)
        np.exp(out, out=out)
        out += 1.0
        np.reciprocal(out, out=out)

    for epoch in range(epochs):
        np.multiply(x1, w[0], out=z1)
        np.multiply(x2, w[2], out=tmp)
        z1 += tmp
        z1 += w[4]
        np.multiply(x1, w[1], out=z2)
        np.multiply(x2, w[3], out=tmp)
        z2 += tmp
        z2 += w[5]
        sig(z1, h1)
        sig(z2, h2)
        np.multiply(h1, w[6], out=o)
        np.multiply(h2, w[7], out=tmp)
        o += tmp
        o += w[8]
        sig(o, o)
        np.subtract(o, y, out=d)
        np.abs(d, out=tmp)
        ok = tmp.max(axis=0) < 0.5
        success[ok & (success < 0)] = epoch
        np.subtract(1.0, o, out=tmp)
        tmp *= o
        d *= tmp                                   # output delta
        np.multiply(d, w[6], out=d1)
        np.subtract(1.0, h1, out=tmp)
        tmp *= h1
        d1 *= tmp
        np.multiply(d, w[7], out=d2)
        np.subtract(1.0, h2, out=tmp)
        tmp *= h2
        d2 *= tmp
        np.multiply(d, h1, out=tmp)
        tmp.sum(axis=0, out=g[6])
        np.multiply(d, h2, out=tmp)
        tmp.sum(axis=0, out=g[7])
        d.sum(axis=0, out=g[8])
        np.multiply(d1, x1, out=tmp)
        tmp.sum(axis=0, out=g[0])
        np.multiply(d1, x2, out=tmp)
        tmp.sum(axis=0, out=g[2])
        np.multiply(d2, x1, out=tmp)
        tmp.sum(axis=0, out=g[1])
        np.multiply(d2, x2, out=tmp)
        tmp.sum(axis=0, out=g[3])
        d1.sum(axis=0, out=g[4])
        d2.sum(axis=0, out=g[5])
        g *= LR
        vel *= MU
        vel -= g
        w += vel
    return time.perf_counter() - t, float(np.mean(success >= 0))


def _best_blas_threads(trial) -> int | None:
    """Give NumPy's BLAS its best thread count too (threadpoolctl, when installed): a busy machine can make
    extra BLAS threads spin instead of work."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    timings = {}
    for n in (1, None):
        with threadpool_limits(limits=n, user_api="blas"):
            trial()
            t = time.perf_counter()
            trial()
            timings[n] = time.perf_counter() - t
    best = min(timings, key=timings.get)
    threadpool_limits(limits=best, user_api="blas")
    return best or 0


def _best_torch_threads(trial) -> int:
    """Give the PyTorch peer its best thread count: on tiny ops extra threads can cost more than they give."""
    import torch

    default = torch.get_num_threads()
    timings = {}
    for n in sorted({1, default}):
        torch.set_num_threads(n)
        t = time.perf_counter()
        trial()
        timings[n] = time.perf_counter() - t
    best = min(timings, key=timings.get)
    torch.set_num_threads(best)
    return best


def xor_torch(S: int, epochs: int) -> tuple[float, float] | None:
    """The peer: how a PyTorch user batches it on the CPU (bmm over the seed axis, autograd, manual momentum)."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return None
    _best_torch_threads(lambda: _xor_torch_run(S, 10))
    return _xor_torch_run(S, epochs)


def _xor_torch_run(S: int, epochs: int) -> tuple[float, float]:
    import torch

    t = time.perf_counter()
    g = torch.Generator().manual_seed(0)
    dt = torch.float64

    def u(*shape: int) -> torch.Tensor:
        return ((torch.rand(*shape, generator=g, dtype=dt) * 2 - 1) * SCALE).requires_grad_()

    params = [u(S, 2, 2), u(S, 1, 2), u(S, 2, 1), u(S, 1, 1)]
    vel = [torch.zeros_like(p) for p in params]
    xs = torch.tensor(X).expand(S, 4, 2)
    ys = torch.tensor(Y).reshape(1, 4, 1)
    success = torch.full((S,), -1, dtype=torch.int64)
    for epoch in range(epochs):
        W1, b1, W2, b2 = params
        o = torch.sigmoid(torch.bmm(torch.sigmoid(torch.bmm(xs, W1) + b1), W2) + b2)
        err = o - ys
        with torch.no_grad():
            ok = err.abs().amax(dim=(1, 2)) < 0.5
            success[ok & (success < 0)] = epoch
        loss = 0.5 * (err * err).sum()
        loss.backward()
        with torch.no_grad():
            for p, v in zip(params, vel, strict=True):
                v.mul_(MU).sub_(LR * p.grad)
                p.add_(v)
                p.grad = None
    return time.perf_counter() - t, float((success >= 0).double().mean())


def big_net(reps: int) -> dict:
    """784-256-256-10 sigmoid net, batch 256: forward vs backward, and one training step vs PyTorch."""
    rng = np.random.default_rng(0)
    sizes = (784, 256, 256, 10)
    coefs, ints = init_params(sizes, 0, "glorot")
    Xb = rng.random((256, 784))
    Yb = np.eye(10)[rng.integers(0, 10, 256)]
    sig, sq = get_activation("sigmoid"), get_loss("squared")

    def best(fn) -> float:
        fn()
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    def step() -> None:
        _, dW, db = backprop(coefs, ints, Xb, Yb, sig, sig, sq)
        for W, g in zip(coefs, dW, strict=True):
            W -= 0.1 / 256 * g
        for b, g in zip(ints, db, strict=True):
            b -= 0.1 / 256 * g

    blas_threads = _best_blas_threads(step)
    zs, acts = forward(coefs, ints, Xb, sig, sig)
    t_fwd = best(lambda: forward(coefs, ints, Xb, sig, sig))
    t_bwd = best(lambda: backward(coefs, zs, acts, Yb, sig, sig, sq))
    out = {"forward_s": t_fwd, "backward_s": t_bwd, "backward_over_forward": t_bwd / t_fwd,
           "step_s": best(step), "blas_threads": blas_threads, "torch_step_s": None}
    try:
        import torch
    except ImportError:
        print("torch not installed: skipping the PyTorch training-step peer", file=sys.stderr)
        return out
    dt = torch.float64
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.Sigmoid(), torch.nn.Linear(256, 256),
                              torch.nn.Sigmoid(), torch.nn.Linear(256, 10), torch.nn.Sigmoid()).to(dt)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    tx, ty = torch.tensor(Xb), torch.tensor(Yb)

    def tstep() -> None:
        opt.zero_grad()
        loss = 0.5 * ((net(tx) - ty) ** 2).sum(dim=1).mean()
        loss.backward()
        opt.step()

    out["torch_threads"] = _best_torch_threads(tstep)
    out["torch_step_s"] = best(tstep)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--backend", default="numpy", help="neurosim backend: numpy or cupy")
    ap.add_argument("--gpu-big", action="store_true", help="1,000,000 XOR nets x 10,000 epochs (with --backend cupy)")
    args = ap.parse_args()
    res: dict = {"backend": args.backend}
    if args.gpu_big:
        S, E = (10_000, 1_000) if args.quick else (1_000_000, 10_000)
        xor_neurosim(1_000, 100, args.backend)  # compile the kernel first: the figure is the training
        secs, summ = xor_neurosim(S, E, args.backend)
        summ.pop("_res")
        res.update({"gpu_big": {"nets": S, "epochs": E, "seconds": secs, **summ}})
        print(json.dumps(res) if args.json else f"{S} nets x {E} epochs on {args.backend}: {secs:.1f} s, "
              f"success {summ['success_rate']:.3f}, median epochs {summ['median_epochs']}")
        return
    sweep = xor_sweep(*((100, 1_000) if args.quick else (1_000, 10_000)), args.backend)
    res["sweep"] = sweep
    res["sweep_s"] = sweep["neurosim_s"]
    res["sweep_ratio_vs_reference_engine"] = sweep["ratio_vs_reference_engine"]
    res["sweep_ratio_vs_torch"] = sweep["ratio_vs_torch"]
    S, E = (1_000, 300) if args.quick else (10_000, 5_000)
    ours, summ = xor_neurosim(S, E, args.backend)
    summ.pop("_res")
    hand, _hand_rate = xor_handwritten_numpy(S, E)
    tor = xor_torch(S, E)
    if tor is None:
        print("torch not installed: skipping the PyTorch peer", file=sys.stderr)
    rate = lambda secs: S * E / secs / 1e6  # noqa: E731 - M net-epochs/s
    res["xor"] = {"nets": S, "epochs": E, "neurosim_s": ours, "neurosim_Mnet_epochs_per_s": rate(ours),
                  "handwritten_numpy_s": hand, "torch_s": tor[0] if tor else None,
                  "success_rate": summ["success_rate"], "median_epochs": summ["median_epochs"]}
    res["ratio_vs_handwritten_numpy"] = hand / ours
    res["speedup_vs_torch"] = tor[0] / ours if tor else None
    big = big_net(3 if args.quick else 20)
    res["big"] = big
    res["backward_over_forward"] = big["backward_over_forward"]
    res["step_speedup_vs_torch"] = big["torch_step_s"] / big["step_s"] if big["torch_step_s"] else None
    if args.json:
        print(json.dumps(res))
        return
    sw = sweep
    rows = [(f"XOR sweep {sw['nets']}x{sw['epochs']}, s", sw["neurosim_s"], sw["reference_engine_s"],
             "NumPy reference engine", sw["ratio_vs_reference_engine"])]
    if sw["torch_s"]:
        rows.append((f"XOR sweep {sw['nets']}x{sw['epochs']}, s", sw["neurosim_s"], sw["torch_s"],
                     "PyTorch bmm+autograd", sw["ratio_vs_torch"]))
    rows.append(("XOR many seeds: M net-epochs/s", rate(ours), rate(hand), "hand-written NumPy", hand / ours))
    if tor:
        rows.append(("XOR many seeds: M net-epochs/s", rate(ours), rate(tor[0]), "PyTorch bmm+autograd",
                     tor[0] / ours))
    if big["torch_step_s"]:
        rows.append(("784-256-256-10 step, ms", big["step_s"] * 1e3, big["torch_step_s"] * 1e3, "PyTorch f64",
                     big["torch_step_s"] / big["step_s"]))
    print(f"{'workload':34} {'neurosim':>10} {'peer':>10}  {'peer name':22} {'ratio':>6}")
    for name, a, b, peer, r in rows:
        print(f"{name:34} {a:10.3f} {b:10.3f}  {peer:22} {r:6.2f}")
    print(f"XOR sweep: engine {sw['engine']}, {sw['neurosim_s']:.2f} s from a cold start in this process "
          f"(JIT warm-up {sw['jit_warmup_s']:.2f} s, warm {sw['neurosim_warm_s']:.2f} s), bit for bit the reference: "
          f"{sw['same_as_reference_bit_for_bit']}, success {sw['success_rate']:.3f}, median {sw['median_epochs']}")
    print(f"backward/forward (784-256-256-10, batch 256): {big['backward_over_forward']:.2f}")
    print(f"XOR: {S} nets x {E} epochs, success rate {summ['success_rate']:.3f}, "
          f"median epochs {summ['median_epochs']}")


if __name__ == "__main__":
    main()
