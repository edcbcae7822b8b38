"""Benchmark: the exact Rosenblatt engine against scikit-learn's Perceptron, and all threshold functions of 4 inputs.

(a) 100,000 × 50 linearly separable data with a margin, trained until a mistake-free epoch. neurosim gives exactly
    the naive per-sample float64 loop's updates (it scores blocks of rows in float32 with a rigorous error bound and
    decides the rows inside the bound with the float64 dot product; weights are float64).
    The peer is sklearn.linear_model.Perceptron made to run the same rule:
    tol=None, shuffle=False, eta0=1, alpha=0, no penalty, one partial_fit per epoch until its training error is 0;
    only the partial_fit calls are timed (the error checks are not). Figures are rows presented per second
    (epochs × n / seconds); the two runs may need slightly different epoch counts (sklearn updates on
    y·s ≤ 0, Rosenblatt's rule on [s > 0] ≠ y), so time-to-zero-error is reported too.
(b) count_threshold_functions(4): all 65,536 functions of 4 inputs, every verdict with a checked proof
    (target < 2 s; one LP per function would take minutes).

    python benchmarks/bench_perceptron.py [--quick] [--json] [--backend numpy|cupy]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings

import numpy as np

from neurosim.learn.perceptron import Perceptron
from neurosim.learn.threshold_count import count_threshold_functions


def make_data(n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian points labelled by a random plane, keeping those at distance ≥ 0.05 from it."""
    rng = np.random.default_rng(seed)
    w = rng.normal(size=d)
    w /= np.linalg.norm(w)
    X = rng.normal(size=(int(n * 1.1), d))
    s = X @ w + 0.1
    keep = np.abs(s) >= 0.05
    return X[keep][:n], (s[keep][:n] > 0).astype(np.int64)


def bench_ours(X: np.ndarray, y: np.ndarray) -> dict:
    t0 = time.perf_counter()
    clf = Perceptron(max_epochs=100_000).fit(X, y)
    sec = time.perf_counter() - t0
    return {"seconds": sec, "epochs": clf.n_iter_, "mistakes": clf.n_mistakes_, "converged": clf.converged_,
            "rows_per_s": clf.n_iter_ * len(X) / sec}


def bench_sklearn(X: np.ndarray, y: np.ndarray, max_epochs: int = 100_000) -> dict | None:
    try:
        from sklearn.linear_model import Perceptron as SkPerceptron
    except ImportError:
        print("scikit-learn not installed: skipping the peer", file=sys.stderr)
        return None
    clf = SkPerceptron(tol=None, shuffle=False, eta0=1.0, alpha=0.0, penalty=None, fit_intercept=True)
    classes = np.unique(y)
    sec = 0.0
    epochs = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        while epochs < max_epochs:
            t0 = time.perf_counter()
            clf.partial_fit(X, y, classes=classes)
            sec += time.perf_counter() - t0
            epochs += 1
            if np.array_equal(clf.predict(X), y):  # not timed
                break
    return {"seconds": sec, "epochs": epochs, "rows_per_s": epochs * len(X) / sec}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--backend", default="numpy", help="backend for the all-functions batch (numpy|cupy)")
    args = ap.parse_args()
    n, d = (10_000, 20) if args.quick else (100_000, 50)
    X, y = make_data(n, d)
    ours = bench_ours(X, y)
    peer = bench_sklearn(X, y)
    count_threshold_functions(2, backend=args.backend)  # warm-up (imports)
    t0 = time.perf_counter()
    res = count_threshold_functions(4, backend=args.backend)
    all4 = time.perf_counter() - t0
    out = {
        "workload_a": f"{n} x {d} separable, until a mistake-free epoch",
        "neurosim": ours, "sklearn": peer,
        "speedup_vs_sklearn": None if peer is None else ours["rows_per_s"] / peer["rows_per_s"],
        "time_to_zero_error_ratio": None if peer is None else peer["seconds"] / ours["seconds"],
        "all_functions_4_seconds": all4, "threshold_functions_4": res.count, "backend": args.backend,
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{'workload':58} {'neurosim':>14} {'peer':>14} {'ratio':>8}")
    pr = "n/a" if peer is None else f"{peer['rows_per_s']:.3g}"
    ratio = "n/a" if peer is None else f"{out['speedup_vs_sklearn']:.2f}"
    print(f"{'(a) rows/s, ' + out['workload_a']:58} {ours['rows_per_s']:14.3g} {pr:>14} {ratio:>8}")
    if peer is not None:
        print(f"{'    seconds to zero training error (epochs)':58} "
              f"{ours['seconds']:8.3f} ({ours['epochs']:>3}) {peer['seconds']:8.3f} ({peer['epochs']:>3}) "
              f"{out['time_to_zero_error_ratio']:8.2f}")
    print(f"{'(b) all 65,536 functions of 4 inputs with proofs, s':58} {all4:14.3f} {'(LP each ~200)':>14} "
          f"{200 / all4:8.0f}")
    print(f"    threshold functions: {res.count} (OEIS A000609: 1882)")


if __name__ == "__main__":
    main()
