"""Counter-based seeding: known answers from an independent pure-Python SplitMix64, uniformity, vectorised equals
per-seed, distinct streams, and every init scheme's distribution; many-seed training equals single runs."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats

from neurosim.learn import seeding
from neurosim.learn.backprop import INIT_SCHEMES, init_params, init_params_many
from neurosim.learn.mlp import MLPClassifier
from neurosim.learn.mlp_batch import train_many

MASK = (1 << 64) - 1


# --- an independent reference, in Python integers ----------------------------------------------------------

def ref_mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def ref_words(seed: int, n: int, stream: int = 0) -> list[int]:
    """Vigna's splitmix64.c ``next()``: state += γ; return mix(state) — from the stream's key."""
    state = seed ^ ref_mix((stream * 0xD1B54A32D192ED03) & MASK)
    out = []
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        out.append(ref_mix(state))
    return out


def ref_uniforms(seed: int, n: int, stream: int = 0) -> list[float]:
    return [(x >> 11) * 2.0**-53 for x in ref_words(seed, n, stream)]


def ref_normals(seed: int, n: int, stream: int = 0) -> list[float]:
    u = ref_uniforms(seed, 2 * n, stream)
    return [math.sqrt(-2.0 * math.log1p(-u[2 * k])) * math.cos(2.0 * math.pi * u[2 * k + 1]) for k in range(n)]


# --- edge cases ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [-1, [0, -5], 2**64, 1.5, [0.0], "3", True])
def test_bad_seeds_are_refused(bad):
    with pytest.raises(ValueError, match="seed"):
        seeding.uniforms(bad, 2)


def test_bad_stream_and_empty_batches():
    with pytest.raises(ValueError, match="stream"):
        seeding.words(0, 2, stream=-1)
    assert seeding.uniforms([], 3).shape == (0, 3)
    assert seeding.normals([1, 2], 0).shape == (2, 0)
    assert seeding.words(np.array([5], dtype=np.uint64), 1).dtype == np.uint64


def test_largest_seed_wraps_like_the_reference():
    assert seeding.words(MASK, 3)[0].tolist() == ref_words(MASK, 3)
    assert seeding.words(np.array([MASK], dtype=np.uint64), 3)[0].tolist() == ref_words(MASK, 3)


# --- known answers -----------------------------------------------------------------------------------------

def test_known_answers_written_out():
    # seed 0, stream 0 is the reference splitmix64.c seeded with 0 (its published first outputs)
    assert ref_words(0, 3) == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    assert seeding.words(0, 3)[0].tolist() == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    assert seeding.words(1, 2)[0].tolist() == [0x910A2DEC89025CC1, 0xBEEB8DA1658EEC67]
    assert seeding.words(1, 2, stream=1)[0].tolist() == ref_words(1, 2, 1)
    assert ref_words(1, 2, 1) == [0x082A62718E694FE1, 0xBEC9F91434158F0F]
    assert seeding.uniforms([0, 1], 2).tolist() == [[0.8833108082136426, 0.43152799704850997],
                                                    [0.5665615751722809, 0.7457817572627011]]
    np.testing.assert_allclose(seeding.normals([0, 1], 2), [[-1.8839083333524405, 0.22760793546360525],
                                                            [-0.034267321791851144, -2.5000674933698677]],
                               rtol=1e-13)


@pytest.mark.parametrize("seed", [0, 1, 2, 12345, 2**32 + 7, 2**63 - 1, 2**63 + 9])
@pytest.mark.parametrize("stream", [0, 1, 5])
def test_vectorised_matches_the_pure_python_reference(seed, stream):
    assert seeding.words(seed, 13, stream)[0].tolist() == ref_words(seed, 13, stream)
    assert seeding.uniforms(seed, 13, stream)[0].tolist() == ref_uniforms(seed, 13, stream)
    np.testing.assert_allclose(seeding.normals(seed, 7, stream)[0], ref_normals(seed, 7, stream), rtol=1e-13,
                               atol=1e-15)


def test_stream_zero_key_is_the_seed():
    seeds = np.array([0, 1, 99, 2**40], dtype=np.int64)
    np.testing.assert_array_equal(seeding.stream_keys(seeds), seeds.astype(np.uint64))
    assert not np.any(seeding.stream_keys(seeds, 1) == seeds.astype(np.uint64))


# --- vectorised == one seed at a time ----------------------------------------------------------------------

def test_batch_rows_equal_single_seed_draws_across_blocks(monkeypatch):
    seeds = np.arange(0, 3000, 7)
    big_u, big_n = seeding.uniforms(seeds, 11, 2), seeding.normals(seeds, 5, 2)
    monkeypatch.setattr(seeding, "_BLOCK", 50)  # many small blocks, a ragged last one
    np.testing.assert_array_equal(seeding.uniforms(seeds, 11, 2), big_u)
    np.testing.assert_array_equal(seeding.normals(seeds, 5, 2), big_n)
    for i in (0, 1, 200, seeds.size - 1):
        np.testing.assert_array_equal(seeding.uniforms(int(seeds[i]), 11, 2)[0], big_u[i])
        np.testing.assert_array_equal(seeding.normals(int(seeds[i]), 5, 2)[0], big_n[i])


@pytest.mark.parametrize("scheme", INIT_SCHEMES)
@pytest.mark.parametrize("layers", [(2, 2, 1), (3, 5, 4, 2), (1, 1)])
@pytest.mark.parametrize("stream", [0, 3])
def test_init_params_many_row_equals_init_params(scheme, layers, stream):
    seeds = [0, 1, 17, 2**40]
    coefs, ints = init_params_many(layers, seeds, scheme, 0.7, stream)
    assert [W.shape for W in coefs] == [(4, a, b) for a, b in itertools.pairwise(layers)]
    for i, s in enumerate(seeds):
        c1, b1 = init_params(layers, s, scheme, 0.7, stream)
        for u, v in zip(c1 + b1, [W[i] for W in coefs] + [b[i] for b in ints], strict=True):
            np.testing.assert_array_equal(u, v)


def test_parameter_numbering_is_documented_order():
    """uniform: W(1) row-major, b(1), W(2), b(2) take u_0, u_1, … in that order."""
    u = ref_uniforms(5, 9)
    coefs, ints = init_params((2, 2, 1), 5, "uniform", 0.3)
    flat = np.concatenate([coefs[0].ravel(), ints[0], coefs[1].ravel(), ints[1]])
    np.testing.assert_array_equal(flat, [-0.3 + 0.6 * x for x in u])
    coefs, ints = init_params((2, 2, 1), 5, "normal", 2.0)
    flat = np.concatenate([coefs[0].ravel(), ints[0], coefs[1].ravel(), ints[1]])
    np.testing.assert_allclose(flat, [2.0 * x for x in ref_normals(5, 9)], rtol=1e-13)


# --- distinct seeds, distinct streams ---------------------------------------------------------------------

def test_distinct_seeds_and_streams_give_different_numbers():
    w = seeding.words(np.arange(20000), 4)
    assert np.unique(w[:, 0]).size == 20000
    assert np.unique(w.reshape(-1)).size == w.size
    per_stream = np.stack([seeding.words(np.arange(100), 4, r) for r in range(5)])
    assert np.unique(per_stream.reshape(-1)).size == per_stream.size


# --- uniformity ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["one seed, 10^6 positions", "10^6 seeds, position 0", "10^6 seeds, stream 1"])
def test_uniform_moments_and_chi_square(layout):
    if layout.startswith("one"):
        u = seeding.uniforms(12345, 10**6)[0]
    else:
        u = seeding.uniforms(np.arange(10**6), 1, stream=1 if layout.endswith("1") else 0)[:, 0]
    assert u.min() >= 0.0 and u.max() < 1.0
    # standard errors: mean 2.9e-4, variance 7.5e-5 — the bounds are ≥ 5σ
    assert abs(u.mean() - 0.5) < 2e-3
    assert abs(u.var() - 1 / 12) < 5e-4
    counts = np.bincount((u * 100).astype(int), minlength=100)
    assert stats.chisquare(counts).pvalue > 1e-4
    # consecutive pairs are independent too (10×10 cells)
    pairs = np.bincount((u[0::2] * 10).astype(int) * 10 + (u[1::2] * 10).astype(int), minlength=100)
    assert stats.chisquare(pairs).pvalue > 1e-4


def test_normals_are_standard_normal():
    z = seeding.normals(np.arange(200000), 2)
    assert abs(z.mean()) < 0.01 and abs(z.var() - 1) < 0.01
    assert stats.kstest(z.reshape(-1), "norm").pvalue > 1e-4


@pytest.mark.parametrize("scheme", INIT_SCHEMES)
def test_each_scheme_has_its_distribution(scheme):
    layers, scale, S = (3, 4, 2), 0.5, 40000
    coefs, ints = init_params_many(layers, np.arange(S), scheme, scale)
    for (fan_in, fan_out), W, b in zip([(3, 4), (4, 2)], coefs, ints, strict=True):
        w = W.reshape(-1)
        if scheme == "uniform":
            lo, hi, sd = -scale, scale, scale / math.sqrt(3)
        elif scheme == "glorot":
            hi = math.sqrt(6 / (fan_in + fan_out))
            lo, sd = -hi, hi / math.sqrt(3)
        else:
            sd = scale if scheme == "normal" else math.sqrt(2 / fan_in)
        if scheme in ("uniform", "glorot"):
            assert lo <= w.min() and w.max() < hi
            assert stats.kstest(w, "uniform", args=(lo, hi - lo)).pvalue > 1e-4
        else:
            assert stats.kstest(w, "norm", args=(0, sd)).pvalue > 1e-4
        assert abs(w.std() - sd) < 0.02 * sd
        if scheme in ("glorot", "he"):
            assert not b.any()
        else:
            assert abs(b.std() - sd) < 0.02 * sd


# --- the trainers use it --------------------------------------------------------------------------------------

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([0, 1, 1, 0])


@pytest.mark.parametrize("scheme", INIT_SCHEMES)
def test_train_many_equals_single_runs_for_every_scheme(backend, scheme):
    seeds = [0, 7, 2**40 + 3]
    res = train_many(X, Y, seeds, hidden_layer_sizes=(3,), init=scheme, init_scale=0.8, momentum=0.9,
                     max_epochs=50, backend=backend)
    for i, s in enumerate(seeds):
        one = MLPClassifier(hidden_layer_sizes=(3,), init=scheme, init_scale=0.8, momentum=0.9, max_epochs=50,
                            random_state=s).fit(X, Y)
        for a, b in zip(one.coefs_ + one.intercepts_, [W[i] for W in res.coefs] + [b[i] for b in res.intercepts],
                        strict=True):
            np.testing.assert_allclose(b, a, rtol=0, atol=1e-12)


def test_restarts_draw_from_the_seeds_later_streams(backend):
    seeds = np.arange(40)
    res = train_many(X, Y, seeds, lr=2.0, momentum=0.9, max_epochs=1, restarts=2, backend=backend)
    # nobody solves XOR in one update, so every net ends on its stream-2 draw trained once
    assert np.all(res.restarts == 2)
    again = train_many(X, Y, seeds, lr=2.0, momentum=0.9, max_epochs=1, backend=backend)
    assert not np.allclose(res.coefs[0], again.coefs[0])
    for s in (0, 39):
        coefs, ints = init_params((2, 2, 1), s, "uniform", 0.3, stream=2)
        one = MLPClassifier(hidden_layer_sizes=(2,), lr=2.0, momentum=0.9, max_epochs=1).fit(
            X, Y, coefs_init=coefs, intercepts_init=ints)
        np.testing.assert_allclose(res.coefs[0][s], one.coefs_[0], rtol=0, atol=1e-12)


def test_classifier_without_an_int_seed_still_initialises():
    a = MLPClassifier(hidden_layer_sizes=(2,), max_epochs=1).fit(X, Y)
    b = MLPClassifier(hidden_layer_sizes=(2,), max_epochs=1).fit(X, Y)
    assert not np.array_equal(a.coefs_[0], b.coefs_[0])
    c = MLPClassifier(hidden_layer_sizes=(2,), max_epochs=1, random_state=np.random.default_rng(3)).fit(X, Y)
    d = MLPClassifier(hidden_layer_sizes=(2,), max_epochs=1, random_state=np.random.default_rng(3)).fit(X, Y)
    np.testing.assert_array_equal(c.coefs_[0], d.coefs_[0])
