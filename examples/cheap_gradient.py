"""The cheap-gradient principle: backprop's whole gradient costs ω ≤ 5 forward passes (counted arithmetic and
measured time), centred finite differences 2P, for MLPs of growing size.

    python examples/cheap_gradient.py [OUT_DIR]

Writes ``OUT_DIR/cheap_gradient.png``. Timings are this machine's, noisy under load; the counts are exact.
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim.draw import gradient_cost_figure
from neurosim.io import save_figure
from neurosim.learn import count_costs, time_costs


def main(out: Path) -> list[str]:
    lines: list[str] = []
    counted, timed = count_costs(), time_costs(repeats=3)
    lines.append(f"{'layers':>20} {'P':>7} {'ω counted':>10} {'ω timed':>8} {'finite diff.':>13}")
    for c, t in zip(counted, timed, strict=True):
        lines.append(f"{'-'.join(map(str, c.layers)):>20} {c.params:7d} {c.omega:10.2f} {t['omega']:8.2f} "
              f"{c.finite_differences:13.0f}")
    save_figure(gradient_cost_figure(counted, timed), out / "cheap_gradient.png")
    lines.append(f"wrote {out / 'cheap_gradient.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
