"""The lecture's worked example: one sigmoid neuron f(w, x) = σ(w0·x0 + w1·x1 + w2), backprop by hand.

At w = (2, −3, −3), x = (−1, −2): f ≈ 0.73, ∂f/∂w ≈ (−0.20, −0.39, 0.20), ∂f/∂x ≈ (0.39, −0.59).
neurosim's backward pass gives the same numbers: a net with no hidden layer, the weights (w0, w1) and bias w2,
and a squared loss whose target is f − 1, so that ∂J/∂f = 1 and backprop's ΔW is exactly ∂f/∂w.

    python examples/worked_example.py [OUT_DIR]

Also draws the neuron as a circuit of gates with the values and gradients on its wires (``OUT_DIR/worked_neuron.png``).

Notes: Karpathy's CS231n notes, "Backpropagation, intuitions" (the 2-D neuron example).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

from neurosim.draw import draw_circuit
from neurosim.io import save_figure
from neurosim.learn import sigmoid_neuron_circuit
from neurosim.learn.activations import ACTIVATIONS
from neurosim.learn.backprop import backward, forward
from neurosim.learn.losses import LOSSES


def by_hand(w: tuple[float, float, float], x: tuple[float, float]) -> tuple[float, list[float], list[float]]:
    """The chain rule written out, as in the lecture: dot → σ, with σ′ = f(1 − f)."""
    dot = w[0] * x[0] + w[1] * x[1] + w[2]
    f = 1.0 / (1.0 + math.exp(-dot))
    ddot = (1 - f) * f
    return f, [x[0] * ddot, x[1] * ddot, 1.0 * ddot], [w[0] * ddot, w[1] * ddot]


def with_neurosim(w: tuple[float, float, float], x: tuple[float, float]) -> tuple[float, list[float], list[float]]:
    """The same gradients from neurosim's backward pass (ΔW, Δb) and the input delta Wδ."""
    sig = ACTIVATIONS["sigmoid"]
    coefs = [np.array([[w[0]], [w[1]]])]
    intercepts = [np.array([w[2]])]
    X = np.array([x], dtype=np.float64)
    zs, acts = forward(coefs, intercepts, X, sig, sig)
    f = float(acts[-1][0, 0])
    Y = acts[-1] - 1.0  # ∂J/∂f = f − y = 1
    dW, db = backward(coefs, zs, acts, Y, sig, sig, LOSSES["squared"])
    delta = LOSSES["squared"].output_delta(zs[-1], acts[-1], Y, sig, np)
    dx = (delta @ coefs[0].T)[0]
    return f, [float(dW[0][0, 0]), float(dW[0][1, 0]), float(db[0][0])], [float(v) for v in dx]


def with_circuit(w: tuple[float, float, float], x: tuple[float, float]) -> tuple[float, list[float], list[float]]:
    """The same numbers from the circuit of gates (dot, −, exp, +1, 1/x), one local derivative at a time."""
    c = sigmoid_neuron_circuit(w, x)
    g = c.grads()
    return c.gates[-1].value, [g["w0"], g["w1"], g["w2"]], [g["x0"], g["x1"]]


def main(out: Path | None = None) -> list[str]:
    lines: list[str] = []
    w, x = (2.0, -3.0, -3.0), (-1.0, -2.0)
    for name, fn in (("by hand", by_hand), ("neurosim", with_neurosim), ("circuit", with_circuit)):
        f, dw, dx = fn(w, x)
        lines.append(f"{name:9} f = {f:.4f}   df/dw = ({', '.join(f'{v:+.4f}' for v in dw)})   "
              f"df/dx = ({', '.join(f'{v:+.4f}' for v in dx)})")
    if out is not None:
        save_figure(draw_circuit(sigmoid_neuron_circuit(w, x), title="The worked sigmoid neuron: f = 0.73"),
                    out / "worked_neuron.png")
        lines.append(f"wrote {out / 'worked_neuron.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
