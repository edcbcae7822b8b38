"""The patterns of backward flow on 2·(x·y + max(z, w)) at x = 3, y = −4, z = 2, w = −1: add distributes, max
routes, mul switches — values and gradients drawn on the wires.

    python examples/backprop_patterns.py [OUT_DIR]

Writes ``OUT_DIR/backprop_patterns.png``. Notes: Karpathy's CS231n notes, "Backpropagation, intuitions".
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim.draw import draw_circuit
from neurosim.io import save_figure
from neurosim.learn import patterns_circuit


def main(out: Path) -> list[str]:
    lines: list[str] = []
    c = patterns_circuit()
    lines.append(f"f = {c.gates[-1].value:g}; gradients {c.grads()}")
    lines.append("add distributes (x·y and max get the same 2), max routes (z gets 2, w gets 0), "
          "mul switches (x gets 2·y = −8, y gets 2·x = 6)")
    save_figure(draw_circuit(c, title="2·(x·y + max(z, w)): add distributes, max routes, mul switches"),
                out / "backprop_patterns.png")
    lines.append(f"wrote {out / 'backprop_patterns.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
