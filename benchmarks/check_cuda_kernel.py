"""Compile the fused trainer's CUDA kernel with ``nvcc -ptx`` for a few shapes, on a machine without a GPU.

    python benchmarks/check_cuda_kernel.py [--json] [--quick] [--arch sm_90]

The CuPy kernel (:mod:`neurosim.learn._mlp_fused_cuda`) only runs where a GPU is; this check catches a source that
does not compile before a device run does. Each row: the shape, activations and loss, whether nvcc accepted it,
the registers per thread it reports (``-Xptxas -v``, when it can assemble for the architecture) and nvcc's time.
Without nvcc on the PATH it says so and exits 0.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, parser, table

CASES = [  # (name, layers, hidden, out, loss, m)
    ("xor 2-2-1 sigmoid", (2, 2, 1), "sigmoid", "sigmoid", "squared", 4),
    ("2-3-2-1 tanh, cross-entropy", (2, 3, 2, 1), "tanh", "sigmoid", "cross_entropy", 4),
    ("3-5-4-2 relu/identity", (3, 5, 4, 2), "relu", "identity", "squared", 10),
]


def _config(layers):
    pairs = list(itertools.pairwise(layers))
    n_weights = sum(a * b for a, b in pairs)
    woff = np.concatenate([[0], np.cumsum([a * b for a, b in pairs])[:-1]])
    boff = n_weights + np.concatenate([[0], np.cumsum([b for _, b in pairs])[:-1]])
    return np.array(layers), woff, boff, n_weights


def main() -> None:
    p = parser(__doc__.splitlines()[0], backend=False)
    p.add_argument("--arch", default="sm_90", help="GPU architecture for nvcc (default sm_90: H100/H200)")
    args = p.parse_args()
    from neurosim.learn._mlp_fused import ACT_CODES, LOSS_CODES
    from neurosim.learn._mlp_fused_cuda import cuda_source

    nvcc = shutil.which("nvcc")
    if nvcc is None:
        print("check_cuda_kernel: nvcc not found; nothing to check", file=sys.stderr)
        if args.json:
            emit({"benchmark": "check_cuda_kernel", "nvcc": None, "rows": []})
        return
    rows, recs = [], []
    cases = CASES[:1] if args.quick else CASES
    for name, layers, hid, out, loss, m in cases:
        sizes, woff, boff, n_weights = _config(layers)
        rng = np.random.default_rng(0)
        X, Y = rng.integers(0, 2, (m, layers[0])).astype(float), rng.integers(0, 2, (m, layers[-1])).astype(float)
        cfg = dict(sizes=sizes, woff=woff, boff=boff, n_weights=n_weights, hid=ACT_CODES[hid], out=ACT_CODES[out],
                   loss=LOSS_CODES[loss], canonical=out in ("sigmoid",) and loss == "cross_entropy")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "fused.cu"
            src.write_text(cuda_source(X, Y, cfg))
            t0 = time.perf_counter()
            r = subprocess.run([nvcc, "-ptx", f"-arch={args.arch}", "-std=c++14", "-o", str(Path(tmp) / "f.ptx"),
                                str(src)], capture_output=True, text=True)
            secs = time.perf_counter() - t0
            regs = None
            if r.returncode == 0:
                v = subprocess.run([nvcc, "-cubin", f"-arch={args.arch}", "-std=c++14", "-Xptxas", "-v", "-o",
                                    str(Path(tmp) / "f.cubin"), str(src)], capture_output=True, text=True)
                for line in v.stderr.splitlines():
                    if "registers" in line:
                        regs = line.strip().split("Used ")[-1]
        ok = r.returncode == 0
        recs.append({"case": name, "compiled": ok, "registers": regs, "nvcc_seconds": round(secs, 2),
                     "error": None if ok else r.stderr[-2000:]})
        rows.append([name, "yes" if ok else "NO", regs or "-", round(secs, 2)])
        if not ok:
            print(r.stderr, file=sys.stderr)
    if args.json:
        emit({"benchmark": "check_cuda_kernel", "nvcc": nvcc, "arch": args.arch, "rows": recs})
    else:
        print(table(["kernel", "nvcc -ptx", "registers", "seconds"], rows))
    if not all(r["compiled"] for r in recs):
        sys.exit(1)


if __name__ == "__main__":
    main()
