"""Universal approximation: one hidden layer of N = 1, 2, 4, 8, 16 sigmoid units fitting a named 1-D target.

Each width is fitted from several random starts and the best kept; the best N-unit net padded with a silent unit is
a candidate for the next width too, so the error can only fall as units are added.

    python examples/universal_approximation.py [OUT_DIR]

Writes ``OUT_DIR/universal_approximation.png``.

Notes: Cybenko, "Approximation by superpositions of a sigmoidal function" (1989); Hornik, Stinchcombe & White
(1989).
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim.draw import approximation_figure
from neurosim.io import save_figure
from neurosim.learn import approximate


def main(out: Path) -> list[str]:
    lines: list[str] = []
    res = approximate()
    lines.append(f"target: {res.target} on {res.x.size} points of [0, 1]")
    for n, e in zip(res.units, res.rmse, strict=True):
        lines.append(f"{n:3d} sigmoid units: RMS error {e:.3g}")
    save_figure(approximation_figure(res), out / "universal_approximation.png")
    lines.append(f"wrote {out / 'universal_approximation.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
