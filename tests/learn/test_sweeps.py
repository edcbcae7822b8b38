"""Seed sweeps in blocks: the same nets as one batched call, bit for bit under every scheduler."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.errors import ParameterError
from neurosim.learn import fit_many, fit_sweep, train_many, train_sweep

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([0, 1, 1, 0])


def test_train_sweep_equals_one_batch_and_every_scheduler():
    seeds = np.arange(7, 37)
    kw = {"lr": 2.0, "momentum": 0.9, "max_epochs": 80, "record_curves": 3}
    one = train_many(X, Y, seeds, **kw)
    inline = train_sweep(X, Y, seeds, block_size=8, **kw)
    procs = train_sweep(X, Y, seeds, block_size=8, scheduler="processes", **kw)
    for a, b in ((inline, procs),):
        assert np.array_equal(a.success_epoch, b.success_epoch) and np.array_equal(a.final_loss, b.final_loss)
        assert all(np.array_equal(u, v) for u, v in zip(a.coefs, b.coefs, strict=True))
    assert np.array_equal(inline.seeds, seeds) and np.array_equal(inline.success_epoch, one.success_epoch)
    np.testing.assert_allclose(inline.final_loss, one.final_loss, rtol=1e-12, atol=1e-15)
    assert inline.loss_curves.shape == one.loss_curves.shape


def test_fit_sweep_equals_fit_many():
    Ys = np.array([[(f >> r) & 1 for r in range(4)] for f in range(16)])
    one = fit_many(X, Ys, max_epochs=50)
    got = fit_sweep(X, Ys, block_size=5, scheduler="processes", max_epochs=50)
    for name in ("weights", "bias", "converged", "cycle", "n_iter", "n_mistakes"):
        assert np.array_equal(getattr(got, name), getattr(one, name)), name


def test_stop_when_all_solved_needs_one_block():
    with pytest.raises(ParameterError, match="one block"):
        train_sweep(X, Y, np.arange(20), block_size=5, stop_when_all_solved=True)
