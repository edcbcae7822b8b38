"""``neurosim demo``'s lecture parts: the demonstrations of the backprop lecture and the classic results, each run
by its example script (``examples/*.py``, installed as ``neurosim.examples``) into the demo's folder."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

#: the lecture's demonstrations, in the order of the lecture
LECTURE = ("activations", "gradient_descent", "universal_approximation", "depth_vs_width", "cheap_gradient",
           "backprop_patterns", "worked_example")
#: the classic results, more than two classes, and a net watched as it fires
CLASSICS = ("classics", "multiclass")
FIRING = ("watch_it_fire",)


def _run(scripts: tuple[str, ...], out: Path) -> list[str]:
    lines = []
    for name in scripts:
        mod = importlib.import_module(f"neurosim.examples.{name}")
        lines += [f"{name}: {line}" if i == 0 else f"  {line}" for i, line in enumerate(mod.main(out))]
    return [ln for ln in lines if not ln.lstrip().startswith("wrote ")]


def demo(out: Path, backend: Any) -> list[str]:
    """Activations, learning rates, universal approximation, depth, the cost of a gradient, backprop patterns and
    the worked neuron, as figures."""
    return _run(LECTURE, out)


def classics_demo(out: Path, backend: Any) -> list[str]:
    """RHW 1986 and Minsky–Papert 1969 reproduced, and more than two classes."""
    return _run(CLASSICS, out)


def firing_demo(out: Path, backend: Any) -> list[str]:
    """The div3 DFA net reading 1001 and the latch, animated."""
    return _run(FIRING, out)
