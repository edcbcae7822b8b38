"""Exhaustive evaluation of a compiler-style MP net: the bit-parallel engine against dense matmul peers.

The workload is a seeded sparse net like the Boolean compiler emits (20 inputs, ~300 units of fan-in <= 8:
product terms with negated literals as inhibitors, OR units over terms, "at least k" units, 4 outputs), evaluated
on all 2**20 input rows by

* neurosim.bitsim.packed_truth_table (64 rows per machine word, bitwise kernels),
* a dense float32 NumPy peer, layer by layer: fire = (X @ W_exc >= θ) & ~(X @ W_inh > 0), 65536 rows at a time
  (one product with [W_exc | W_inh], restricted to the nodes before the layer),
* the same dense formulation in PyTorch on the CPU (skipped with a message when torch is missing).

All tables are checked identical. Run: python benchmarks/bench_evaluate.py [--json] [--backend cupy] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, emit, parser, ratio, table

from neurosim.backend import get_backend, to_numpy
from neurosim.core.bitsim import packed_truth_table
from neurosim.core.mp import MPNet, MPUnit
from neurosim.core.packed import unpack_rows
from neurosim.errors import BackendUnavailableError

SEED = 20240611
CHUNK_ROWS = 65536


def build_net(n_inputs: int, n_terms: int, seed: int = SEED) -> MPNet:
    """A sparse feedforward net of the kind the compiler emits; every unit feeds some output."""
    rng = np.random.default_rng(seed)
    x = [f"x{i}" for i in range(n_inputs)]
    units: list[MPUnit] = []
    terms = []
    for t in range(n_terms):  # product terms: negated literals are inhibitors
        lits = rng.choice(n_inputs, size=int(rng.integers(2, 7)), replace=False)
        neg = rng.random(lits.size) < 0.4
        pos = [x[i] for i, ng in zip(lits, neg, strict=True) if not ng]
        units.append(MPUnit(f"p{t}", len(pos), tuple(pos), tuple(x[i] for i, ng in zip(lits, neg, strict=True)
                                                                   if ng)))
        terms.append(units[-1].name)
    order = rng.permutation(n_terms)
    n_mid = max(2, n_terms // 5)
    mids = []
    for g, group in enumerate(np.array_split(order, n_mid)):  # OR and "at least k" units over the terms
        src = [terms[i] for i in group]
        extra = 8 - len(src)
        src += [terms[i] if rng.random() < 0.5 else x[rng.integers(n_inputs)]
                for i in rng.integers(0, n_terms, size=int(rng.integers(0, extra + 1)))]
        k = 1 if rng.random() < 0.6 else int(rng.integers(2, min(4, len(src) - 1) + 1))
        units.append(MPUnit(f"m{g}", k, tuple(src)))
        mids.append(units[-1].name)
    n_top = max(2, n_mid // 6)
    tops = []
    for g, group in enumerate(np.array_split(rng.permutation(n_mid), n_top)):  # weighted thresholds + vetoes
        src = [mids[i] for i in group]
        src += src[:1]  # the first source gets weight 2
        inh = (mids[int(rng.integers(n_mid))],) if rng.random() < 0.3 else ()
        units.append(MPUnit(f"h{g}", int(rng.integers(1, 4)), tuple(src), inh))
        tops.append(units[-1].name)
    outs = {}
    for o, group in enumerate(np.array_split(rng.permutation(n_top), 4)):
        src = [tops[i] for i in group] + [terms[int(rng.integers(n_terms))]]
        units.append(MPUnit(f"o{o}", 1 if o % 2 == 0 else 2, tuple(src)))
        outs[f"y{o}"] = units[-1].name
    return MPNet(tuple(x), tuple(units), outs)


def dense_layers(net: MPNet) -> tuple[list[tuple[np.ndarray, np.ndarray, np.ndarray]], np.ndarray]:
    """Per layer: (columns, [W_exc | W_inh] (h, 2k) float32, θ (k,)); and the output columns.

    ``h`` is one past the last node any unit of the layer reads, so the product skips the all-zero rows of later
    nodes (the inputs come first): a fairer peer than the full (n_nodes, 2k) product, same formulation.
    """
    index = {name: i for i, name in enumerate(net.nodes)}
    levels = net.levels()
    layers = []
    for lev in sorted({levels[u.name] for u in net.units}):
        us = [u for u in net.units if levels[u.name] == lev]
        h = 1 + max((index[s] for u in us for s in u.sources), default=0)
        w = np.zeros((h, 2 * len(us)), dtype=np.float32)
        for j, u in enumerate(us):
            for s in u.excitatory:
                w[index[s], j] += 1
            for s in u.inhibitory:
                w[index[s], len(us) + j] = 1
        cols = np.array([index[u.name] for u in us])
        layers.append((cols, w, np.array([u.threshold for u in us], dtype=np.float32)))
    return layers, np.array([index[node] for _, node in net.outputs])


def input_rows(n: int, start: int, stop: int) -> np.ndarray:
    r = np.arange(start, stop, dtype=np.int64)
    return ((r[:, None] >> np.arange(n - 1, -1, -1)[None, :]) & 1).astype(np.float32)


def dense_numpy(net: MPNet, layers: Any, out_cols: np.ndarray) -> np.ndarray:
    n = len(net.inputs)
    total = 1 << n
    out = np.empty((total, len(out_cols)), dtype=bool)
    for start in range(0, total, CHUNK_ROWS):
        stop = min(total, start + CHUNK_ROWS)
        X = np.zeros((stop - start, len(net.nodes)), dtype=np.float32)
        X[:, :n] = input_rows(n, start, stop)
        for cols, w, th in layers:
            d = X[:, : w.shape[0]] @ w
            k = th.size
            X[:, cols] = (d[:, :k] >= th) & ~(d[:, k:] > 0)
        out[start:stop] = X[:, out_cols] > 0
    return out


def dense_torch(torch: Any, net: MPNet, layers: Any, out_cols: np.ndarray) -> np.ndarray:
    n = len(net.inputs)
    total = 1 << n
    tl = [(torch.as_tensor(c), torch.as_tensor(w), torch.as_tensor(th)) for c, w, th in layers]
    oc = torch.as_tensor(out_cols)
    out = torch.empty((total, len(out_cols)), dtype=torch.bool)
    with torch.no_grad():
        for start in range(0, total, CHUNK_ROWS):
            stop = min(total, start + CHUNK_ROWS)
            X = torch.zeros((stop - start, len(net.nodes)), dtype=torch.float32)
            X[:, :n] = torch.as_tensor(input_rows(n, start, stop))
            for cols, w, th in tl:
                d = X[:, : w.shape[0]] @ w
                k = th.numel()
                X[:, cols] = ((d[:, :k] >= th) & ~(d[:, k:] > 0)).float()
            out[start:stop] = X[:, oc] > 0
    return out.numpy()


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    n, n_terms = (14, 60) if args.quick else (20, 240)
    net = build_net(n, n_terms)
    try:
        be = get_backend(args.backend)
    except BackendUnavailableError as exc:
        raise SystemExit(f"bench_evaluate: {exc}") from None
    rows = 1 << n
    layers, out_cols = dense_layers(net)

    t_bit, packed = best_of(lambda: packed_truth_table(net, backend=be), args.repeat)
    bit_table = unpack_rows(packed, rows).T.astype(bool)
    t_np, np_table = best_of(lambda: dense_numpy(net, layers, out_cols), args.repeat)
    results = [("neurosim bitsim (" + be.name + ")", t_bit), ("dense float32 NumPy", t_np)]
    agree = bool(np.array_equal(bit_table, np_table))
    notes = []
    try:
        import torch
    except ImportError:
        notes.append("PyTorch not installed: its peer is skipped")
    else:
        t_torch, torch_table = best_of(lambda: dense_torch(torch, net, layers, out_cols), args.repeat)
        results.append((f"dense float32 PyTorch {torch.__version__} CPU", t_torch))
        agree = agree and bool(np.array_equal(bit_table, torch_table))
    if not agree:
        raise SystemExit("the engines disagree: the benchmark is void")

    n_units = len(net.units)
    table_rows = [(name, rows / t, rows * n_units / t, t * 1e3, ratio(t, t_bit)) for name, t in results]
    summary = {
        "workload": f"all 2**{n} rows, {n_units} units, {net.n_synapses} synapses, {len(net.outputs)} outputs",
        "seed": SEED, "backend": be.name, "rows": rows, "units": n_units, "identical_tables": agree,
        "ones_per_output": [float(v) for v in to_numpy(bit_table).mean(axis=0)],
        "engines": {name: {"seconds": t, "rows_per_s": rows / t, "unit_evals_per_s": rows * n_units / t}
                    for name, t in results},
        "speedup_vs_numpy_dense": t_np / t_bit,
    }
    if len(results) > 2:
        summary["speedup_vs_torch_dense"] = results[2][1] / t_bit
    if args.json:
        summary["notes"] = notes
        emit(summary)
        return
    print(summary["workload"] + f" (seed {SEED}, best of {args.repeat})")
    print(table(["engine", "rows/s", "unit evals/s", "ms", "bitsim speedup"], table_rows))
    for note in notes:
        print(note)
    print(f"speedup vs dense NumPy: {summary['speedup_vs_numpy_dense']:.1f}x; tables identical: {agree}")


if __name__ == "__main__":
    main()
