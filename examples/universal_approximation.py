"""Universal approximation: one hidden layer of sigmoids fitting a smooth 1-D function, better with more units.

Fits f(x) = sin(2πx) on 64 points of [0, 1] with sigmoid hidden units, an identity output and the squared loss
(full-batch gradient descent with momentum), 16 seeds per width trained at once, and prints the best root-mean-
square error, which falls as units are added.

    python examples/universal_approximation.py

Notes: Cybenko, "Approximation by superpositions of a sigmoidal function" (1989); Hornik, Stinchcombe & White
(1989).
"""

from __future__ import annotations

import numpy as np

from neurosim.learn.mlp_batch import train_many

X = np.linspace(0.0, 1.0, 64)[:, None]
Y = np.sin(2 * np.pi * X[:, 0])


def rmse(units: int, seeds: int = 16, epochs: int = 4000) -> float:
    """Best RMS error over ``seeds`` nets of one width, all trained at once by the many-seeds trainer."""
    res = train_many(X, Y, np.arange(seeds), hidden_layer_sizes=(units,), out_activation="identity", lr=0.5,
                     momentum=0.9, init="normal", init_scale=3.0, max_epochs=epochs)
    return float(np.sqrt(2 * res.final_loss.min()))  # J = (1/m) Σ ½(h − y)², so RMS = √(2J)


def main(widths: tuple[int, ...] = (1, 2, 3, 4)) -> list[tuple[int, float]]:
    rows = [(n, rmse(n)) for n in widths]
    for n, e in rows:
        print(f"{n:3d} sigmoid units: RMS error {e:.4f}")
    return rows


if __name__ == "__main__":
    main()
