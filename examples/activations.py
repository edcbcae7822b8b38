"""Activation functions and their derivatives — sigmoid, tanh, ReLU — in one figure, from neurosim's registry.

    python examples/activations.py [OUT_DIR]

Writes ``OUT_DIR/activations.png`` and prints the derivative at 0 of each, checked against centred differences.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from neurosim.draw import activations_figure
from neurosim.io import save_figure
from neurosim.learn import get_activation


def main(out: Path) -> list[str]:
    lines: list[str] = []
    for name in ("sigmoid", "tanh", "relu"):
        act = get_activation(name, hidden=True)
        z = np.array([-1.0, 0.5, 2.0])
        h = 1e-6
        fd = (act.f(z + h, np) - act.f(z - h, np)) / (2 * h)
        exact = act.df(z, act.f(z, np), np)
        lines.append(f"{name:8} f'(z) at z = -1, 0.5, 2: {np.round(exact, 4).tolist()}  (finite differences agree: "
              f"{bool(np.allclose(exact, fd, atol=1e-6))})")
    save_figure(activations_figure(), out / "activations.png")
    lines.append(f"wrote {out / 'activations.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
