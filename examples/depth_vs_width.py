"""Depth against width: how many linear pieces a 1-D net of N hidden units makes, counted exactly.

A deep net that stacks the tent map t(x) = 1 − |2x − 1| (one ``abs`` unit per layer) folds [0, 1] in two at every
layer: N units in N layers make 2^N linear pieces. Spread the same N units across one wide layer of ReLU or abs
units and the output is a sum of N hinges: at most N + 1 pieces, however the weights are chosen.

    python examples/depth_vs_width.py [OUT_DIR]

Writes ``OUT_DIR/depth_vs_width.png``.

Notes: Montúfar, Pascanu, Cho & Bengio, "On the number of linear regions of deep neural networks" (NIPS 2014);
Telgarsky, "Benefits of depth in neural networks" (COLT 2016).
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim.draw import regions_figure
from neurosim.io import save_figure
from neurosim.learn import ACTIVATIONS, deep_tent, dyadic_grid, forward, region_table


def table(max_units: int = 8) -> list[tuple[int, int, int, int]]:
    return region_table(max_units)


def folds(depths: tuple[int, ...] = (1, 2, 3)) -> list:
    x = dyadic_grid(10)[:, None]
    return [(x[:, 0], forward(*deep_tent(d), x, ACTIVATIONS["abs"], ACTIVATIONS["identity"])[1][-1][:, 0])
            for d in depths]


def main(out: Path) -> list[str]:
    lines: list[str] = []
    rows = table()
    lines.append(f"{'units':>5} {'deep abs (n layers)':>20} {'wide ReLU (1 layer)':>20} {'wide abs (1 layer)':>19}")
    for n, deep, relu, ab in rows:
        lines.append(f"{n:5d} {deep:20d} {relu:20d} {ab:19d}")
    save_figure(regions_figure(rows, folds()), out / "depth_vs_width.png")
    lines.append(f"wrote {out / 'depth_vs_width.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
