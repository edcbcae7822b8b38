"""Depth against width: how many linear pieces a 1-D net of N hidden units can make.

A deep net that stacks the tent map t(x) = 1 − |2x − 1| (one ``abs`` unit per layer) folds [0, 1] in two at
every layer: L units in L layers make 2^L linear pieces. Spread the same L units across one wide layer of ReLU
or abs units and the output is a sum of L hinges: at most L + 1 pieces, however the weights are chosen.

    python examples/depth_vs_width.py

Notes: Montúfar, Pascanu, Cho & Bengio, "On the number of linear regions of deep neural networks" (NIPS 2014);
Telgarsky, "Benefits of depth in neural networks" (COLT 2016).
"""

from __future__ import annotations

import numpy as np

from neurosim.learn.activations import ACTIVATIONS
from neurosim.learn.backprop import forward

GRID = np.linspace(0.0, 1.0, 2**14 + 1)[:, None]


def count_pieces(y: np.ndarray, x: np.ndarray = GRID[:, 0]) -> int:
    """Linear pieces of a piecewise-linear function sampled on a fine grid: 1 + the number of slope changes."""
    slope = np.diff(y) / np.diff(x)
    changes = np.abs(np.diff(slope)) > 1e-6 * max(1.0, float(np.abs(slope).max()))
    # a kink strictly inside a grid cell shows as two consecutive changes: count runs, not cells
    runs = np.count_nonzero(changes[1:] & ~changes[:-1]) + int(changes[0]) if changes.size else 0
    return 1 + runs


def deep_tent(layers: int) -> np.ndarray:
    """L abs units in L layers: z = 2x − 1, a = |z|, next input 1 − a (folded into the next layer's weights)."""
    coefs, intercepts = [np.array([[2.0]])], [np.array([-1.0])]
    for _ in range(layers - 1):
        coefs.append(np.array([[-2.0]]))   # 2(1 − a) − 1 = 1 − 2a
        intercepts.append(np.array([1.0]))
    coefs.append(np.array([[-1.0]]))       # output 1 − a
    intercepts.append(np.array([1.0]))
    return forward(coefs, intercepts, GRID, ACTIVATIONS["abs"], ACTIVATIONS["identity"])[1][-1][:, 0]


def wide(units: int, activation: str, rng: np.random.Generator) -> np.ndarray:
    """One hidden layer of ``units`` units with kinks spread over (0, 1) and random output weights."""
    kinks = np.sort(rng.uniform(0.02, 0.98, units))
    coefs = [np.ones((1, units)), rng.normal(size=(units, 1))]
    intercepts = [-kinks, np.zeros(1)]
    return forward(coefs, intercepts, GRID, ACTIVATIONS[activation], ACTIVATIONS["identity"])[1][-1][:, 0]


def table(max_units: int = 8) -> list[tuple[int, int, int, int]]:
    rng = np.random.default_rng(0)
    rows = []
    for n in range(1, max_units + 1):
        rows.append((n, count_pieces(deep_tent(n)), count_pieces(wide(n, "relu", rng)),
                     count_pieces(wide(n, "abs", rng))))
    return rows


def main() -> None:
    print(f"{'units':>5} {'deep abs (n layers)':>20} {'wide ReLU (1 layer)':>20} {'wide abs (1 layer)':>19}")
    for n, deep, relu, ab in table():
        print(f"{n:5d} {deep:20d} {relu:20d} {ab:19d}")


if __name__ == "__main__":
    main()
