"""The fused trainer against the reference engine: same success epochs, same weights, same curves, same errors.

On the CPU the fused kernel repeats the reference's floating-point operations in the same order, so without tanh
the results are equal bit for bit where NumPy's exp is libm's (CPUs without AVX-512); tanh (libm against NumPy's
own), NumPy's AVX-512 exp and the GPU (CUDA's libm) agree to rounding: the same success epochs, weights within
1e-12.
"""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.errors import DivergenceError, ParameterError
from neurosim.learn.mlp_batch import train_many

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([0, 1, 1, 0])
_rng = np.random.default_rng(0)
XW, YW = _rng.normal(size=(10, 3)), _rng.integers(0, 2, (10, 2))

CASES = [
    (X, Y, dict(hidden_layer_sizes=(2,), activation="sigmoid", momentum=0.9, lr=2.0)),
    (X, Y, dict(hidden_layer_sizes=(3, 2), activation="tanh", momentum=0.5, weight_decay=0.001, lr=0.7)),
    (X, Y, dict(hidden_layer_sizes=(2,), activation="relu", momentum=0.0, weight_decay=0.01, loss="cross_entropy",
                lr=0.7)),
    (XW, YW, dict(hidden_layer_sizes=(5, 4), activation="tanh", momentum=0.8, lr=0.3)),
    (XW, YW, dict(hidden_layer_sizes=(3,), activation="abs", out_activation="identity", momentum=0.8, lr=0.05)),
    (XW, YW, dict(hidden_layer_sizes=(4,), activation="sigmoid", loss="cross_entropy", lr=0.5, weight_decay=0.01)),
    (XW, YW, dict(hidden_layer_sizes=(3,), activation="identity", out_activation="relu", lr=0.05, momentum=0.5)),
]


def _params(res):
    return res.coefs + res.intercepts


def _numpy_exp_is_libm() -> bool:
    """Whether NumPy's float64 exp is libm's on this CPU (with AVX-512 NumPy has its own, within an ulp)."""
    import math

    x = np.random.default_rng(3).uniform(-30, 30, 4096)
    return bool(np.array_equal(np.exp(x), np.array([math.exp(v) for v in x.tolist()])))


EXP_IS_LIBM = _numpy_exp_is_libm()


def _equal(u, v, exact: bool = True) -> None:
    if exact and EXP_IS_LIBM:
        np.testing.assert_array_equal(u, v)
    elif exact:  # only NumPy's AVX-512 exp differs (an ulp at most); lr = 2 and momentum 0.9 grow that a little
        np.testing.assert_allclose(u, v, rtol=1e-11, atol=1e-12)
    else:
        np.testing.assert_allclose(u, v, rtol=0, atol=1e-12)


@pytest.mark.parametrize("Xc, Yc, kw", CASES, ids=[f"{c[2]['hidden_layer_sizes']}-{c[2]['activation']}-"
                                                   f"{c[2].get('out_activation', 'sigmoid')}" for c in CASES])
def test_fused_equals_the_reference_engine(backend, Xc, Yc, kw):
    seeds = range(70)  # two blocks of the CPU kernel, the second one partly padding
    a = train_many(Xc, Yc, seeds, max_epochs=450, engine="fused", record_curves=3, backend=backend, **kw)
    b = train_many(Xc, Yc, seeds, max_epochs=450, engine="small", record_curves=3, backend="numpy", **kw)
    assert a.engine == "fused" and b.engine == "small"
    np.testing.assert_array_equal(a.success_epoch, b.success_epoch)
    exact = backend.name == "numpy" and "tanh" not in (kw["activation"], kw.get("out_activation"))
    for u, v in zip(_params(a), _params(b), strict=True):
        _equal(u, v, exact)
    np.testing.assert_allclose(a.final_loss, b.final_loss, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(a.loss_curves, b.loss_curves, rtol=1e-12, atol=1e-15)


def test_fused_xor_protocol_bit_for_bit_over_long_runs():
    """Rumelhart's protocol, 200 nets × 3,000 epochs: the chunking at check epochs changes nothing."""
    kw = dict(lr=2.0, momentum=0.9, max_epochs=3000, record_curves=2)
    a = train_many(X, Y, np.arange(200), engine="fused", **kw)
    b = train_many(X, Y, np.arange(200), engine="small", **kw)
    np.testing.assert_array_equal(a.success_epoch, b.success_epoch)
    for u, v in zip(_params(a), _params(b), strict=True):
        _equal(u, v)
    _equal(a.loss_curves, b.loss_curves)
    _equal(a.final_loss, b.final_loss)


def test_fused_reports_the_same_diverged_net(backend):
    Xr = np.linspace(-3, 3, 16)[:, None]
    kw = dict(hidden_layer_sizes=(4,), activation="relu", out_activation="identity", lr=50.0, max_epochs=400)
    msgs = []
    for engine, be in (("fused", backend), ("small", "numpy")):
        with pytest.raises(DivergenceError) as err:
            train_many(Xr, 100 * Xr[:, 0], [0, 1, 2], engine=engine, backend=be, **kw)
        msgs.append(str(err.value))
    assert msgs[0] == msgs[1]


def test_fused_stop_when_all_solved_and_restarts_equal_the_reference():
    for kw in (dict(max_epochs=5000, stop_when_all_solved=True), dict(max_epochs=300, restarts=2)):
        a = train_many(X, Y, np.arange(40), lr=2.0, momentum=0.9, engine="fused", **kw)
        b = train_many(X, Y, np.arange(40), lr=2.0, momentum=0.9, engine="small", **kw)
        np.testing.assert_array_equal(a.success_epoch, b.success_epoch)
        np.testing.assert_array_equal(a.restarts, b.restarts)
        for u, v in zip(_params(a), _params(b), strict=True):
            _equal(u, v)


def test_auto_fuses_only_where_it_is_bit_for_bit():
    assert train_many(X, Y, [0], max_epochs=5).engine == "fused"
    tanh = train_many(X, Y, [0], activation="tanh", max_epochs=5)
    assert tanh.engine.startswith("small (") and "tanh" in tanh.engine
    soft = train_many(X, np.eye(2)[Y], [0], out_activation="softmax", loss="cross_entropy", max_epochs=5)
    assert soft.engine.startswith("small (") and "softmax" in soft.engine
    with pytest.raises(ParameterError, match="softmax"):
        train_many(X, np.eye(2)[Y], [0], out_activation="softmax", loss="cross_entropy", engine="fused")


def test_fused_progress_reaches_the_end():
    seen = []
    train_many(X, Y, range(3), max_epochs=250, engine="fused", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (250, 250) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_exp_kernel_equals_libm_bit_for_bit():
    from numba import njit

    from neurosim.learn._mlp_fused_cpu import _exp, exp_table

    @njit
    def many(x, out):
        for i in range(x.shape[0]):
            out[i] = _exp(x[i])

    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-700, 700, 200_000), rng.uniform(-3, 3, 200_000),
                        rng.uniform(-1e-6, 1e-6, 10_000), [0.0, -0.0, 1e-300, 700.0, 512.0, -511.99, 511.99]])
    out = np.empty_like(x)
    many(x, out)
    keep = x > -512  # below, the kernel returns 0 on purpose (σ's 1 + e^x is 1 either way)
    import math

    libm = np.array([math.exp(v) for v in x.tolist()])  # glibc's exp, whatever NumPy uses on this CPU
    np.testing.assert_array_equal(out[keep], libm[keep])
    assert np.all(out[~keep] == 0.0) and np.all(libm[~keep] < 2.0 ** -700)
    tab = exp_table()  # the first entries of the 2^(k/128) table, known values
    assert [hex(v & (2**64 - 1)) for v in tab[:4].tolist()] == ["0x0", "0x3ff0000000000000",
                                                               "0x3c9b3b4f1a88bf6e", "0x3feff63da9fb3335"]


def test_cuda_source_renders_every_covered_configuration():
    from neurosim.learn._mlp_fused import ACT_CODES, LOSS_CODES
    from neurosim.learn._mlp_fused_cuda import cuda_source

    for hid in ACT_CODES:
        for loss in LOSS_CODES:
            cfg = dict(sizes=np.array([2, 3, 1]), woff=np.array([0, 6]), boff=np.array([9, 12]), n_weights=9,
                       hid=ACT_CODES[hid], out=0, loss=LOSS_CODES[loss], canonical=loss == "cross_entropy")
            src = cuda_source(X, Y[:, None].astype(float), cfg)
            assert 'extern "C" __global__ void fused_chunk' in src and "{" not in src.split("#define", 1)[0]
            assert "#define NP_ 13" in src and "#define M_ 4" in src
