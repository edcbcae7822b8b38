#!/usr/bin/env bash
# The device checks, as one script for a machine with an NVIDIA GPU and CuPy already installed (no network):
# the backend-parametrised tests on CuPy, then every benchmark with --backend cupy. Results go under $OUT
# (default ./gpu-results). Usage: bash benchmarks/gpu_check.sh
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-gpu-results}
mkdir -p "$out"
export PYTHONUNBUFFERED=1 MPLBACKEND=Agg
# The device's Python lacks four of neurosim's runtime dependencies and has no network: prepare their wheels here
# first (pip download --only-binary=:all: --no-deps --python-version 3.X -d .whl numba llvmlite python-flint \
# python-sat defusedxml, for the device's Python) and carry .whl/ (git-ignored) with the run.
if [ -d .whl ]; then
    python3 -m pip install -q --no-index --no-deps --find-links .whl numba llvmlite python-flint python-sat defusedxml \
        > "$out/install_deps.log" 2>&1 || echo "(dependency wheels did not install: see $out/install_deps.log)"
fi
python3 -m pip install -q --no-deps --no-build-isolation -e . > "$out/install.log" 2>&1 || { cat "$out/install.log"; exit 1; }
python3 -c "import numba, flint, pysat, defusedxml" 2> "$out/missing_deps.txt" || echo "missing runtime dependencies: $(tail -1 "$out/missing_deps.txt")"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$out/gpu.txt" 2>&1
python3 -c "import cupy; print('cupy', cupy.__version__)" >> "$out/gpu.txt" 2>&1
timeout 300 python3 -m pytest -p no:cacheprovider --backend cupy -x -q \
    tests/core/test_simulate.py tests/core/test_bitsim.py tests/automata/test_dfa_compiler.py \
    tests/learn/test_perceptron.py tests/learn/test_mlp_batch.py tests/learn/test_mlp_fused.py \
    tests/learn/test_separability.py tests/learn/test_seeding.py tests/logic/test_verifier.py \
    tests/cli/test_draw.py tests/cli/test_perceptron.py tests/draw/test_graph_draw.py 2>&1 | tee "$out/tests_cupy.log" | tail -5
for b in bench_evaluate bench_dfa bench_perceptron bench_mlp; do
    echo "== $b"
    timeout 120 python3 "benchmarks/$b.py" --backend cupy --json > "$out/$b.json" 2> "$out/$b.err"
    echo "rc=$?"; tail -c 600 "$out/$b.json"
done
echo "== the fused trainer's CUDA source through nvcc (registers per thread)"
timeout 120 python3 benchmarks/check_cuda_kernel.py --json > "$out/check_cuda_kernel.json" 2>&1
echo "rc=$?"; tail -c 600 "$out/check_cuda_kernel.json"
echo "== 1,000,000 XOR nets x 10,000 epochs (fused CUDA kernel; target <= 0.5 s on an H100/H200)"
timeout 240 python3 benchmarks/bench_mlp.py --backend cupy --gpu-big --json > "$out/bench_mlp_big.json" 2>&1
echo "rc=$?"; tail -c 600 "$out/bench_mlp_big.json"
