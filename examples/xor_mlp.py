"""Many seeds at once: 2-2-1 sigmoid nets learning XOR, Rumelhart, Hinton & Williams' protocol.

η = 0.5 on the error summed over the 4 patterns, momentum 0.9, weights uniform in ±0.3, success when every
output is on the right side of ½ (checked after every epoch). They report about 558 sweeps; see the README for
the figures this gives over 1,000 seeds.

    python examples/xor_mlp.py            # 200 seeds x 3,000 epochs (a few seconds)
    python examples/xor_mlp.py --full     # 1,000 seeds x 10,000 epochs

Notes: Rumelhart, Hinton & Williams, PDP vol. 1 ch. 8 (1986).
"""

from __future__ import annotations

import sys

import numpy as np

from neurosim.learn.mlp_batch import train_many

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
Y = np.array([0, 1, 1, 0], dtype=np.float64)


def main(full: bool = False) -> dict:
    seeds, epochs = (1000, 10_000) if full else (200, 3000)
    # the textbook J averages over the m = 4 patterns; Rumelhart's E sums, so η = 0.5 on E is α = 2 on J
    res = train_many(X, Y, np.arange(seeds), hidden_layer_sizes=(2,), lr=0.5 * len(X), momentum=0.9,
                     init_scale=0.3, max_epochs=epochs)
    s = res.summary()
    print(f"{seeds} seeds x ≤{epochs} epochs: {s['success_rate']:.1%} solved XOR; epochs to success: "
          f"median {s['median_epochs']:.0f}, mean {s['mean_epochs']:.0f}, 90th percentile {s['p90_epochs']:.0f}")
    return s


if __name__ == "__main__":
    main(full="--full" in sys.argv)
