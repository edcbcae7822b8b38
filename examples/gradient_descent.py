"""Gradient descent and the learning rate: a 1-D quadratic (stable only for η < 2/L) and XOR with η too small,
about right and too large.

    python examples/gradient_descent.py [OUT_DIR]

Writes ``OUT_DIR/gradient_descent.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim.draw import descent_figure
from neurosim.io import save_figure
from neurosim.learn import quadratic_descent, stability_limit, xor_learning_rates

CURVATURE = 1.0


def main(out: Path) -> list[str]:
    lines: list[str] = []
    limit = stability_limit(CURVATURE)
    runs = [quadratic_descent(lr, curvature=CURVATURE, steps=15) for lr in (0.3, 1.5, 2.1)]
    for r in runs:
        lines.append(f"quadratic, η = {r.lr:g} (2/L = {limit:g}): {r.regime}; "
                     f"|w_15 − w*| = {abs(r.w[-1] - r.target):.3g}")
    curves = xor_learning_rates()
    for lr, c in curves.items():
        lines.append(f"XOR, η = {lr:g}: J from {c[0]:.3f} to {c[-1]:.3g} in {c.size} epochs (max {c.max():.3f})")
    save_figure(descent_figure(runs, curves, limit=limit), out / "gradient_descent.png")
    lines.append(f"wrote {out / 'gradient_descent.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
