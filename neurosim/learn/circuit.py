"""Backprop on a circuit of scalar gates: values forward, gradients backward, one gate at a time.

A :class:`Circuit` records gates (``add``, ``mul``, ``max``, ``exp``, ``neg``, ``recip``, ``sigmoid``, ``addc``,
``mulc``) in the order they are built; :meth:`Circuit.backward` walks them in reverse, each gate passing its output's
gradient to its inputs with its local derivative. The lecture's patterns show on any circuit: **add distributes**
the gradient unchanged to both inputs, **max routes** it to the larger input only, **mul switches**: each input gets
the upstream gradient times the *other* input's value.

Notes
-----
The circuits are those of Karpathy's CS231n notes, "Backpropagation, intuitions": the worked sigmoid neuron
f(w, x) = 1 / (1 + e^−(w0·x0 + w1·x1 + w2)) at w = (2, −3, −3), x = (−1, −2) (f ≈ 0.73, ∂f/∂w ≈ (−0.20, −0.39,
0.20), ∂f/∂x ≈ (0.39, −0.59)), and 2·(x·y + max(z, w)) at x = 3, y = −4, z = 2, w = −1 for the patterns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..errors import ParameterError

__all__ = ["Circuit", "Gate", "patterns_circuit", "sigmoid_neuron_circuit"]

#: gate -> (arity, the symbol drawn on it)
GATES = {"input": (0, ""), "add": (2, "+"), "mul": (2, "×"), "max": (2, "max"), "exp": (1, "exp"),
         "neg": (1, "−x"), "recip": (1, "1/x"), "sigmoid": (1, "σ"), "addc": (1, "+c"), "mulc": (1, "×c")}


@dataclass(slots=True)
class Gate:
    """One wire's source: an input or a gate, with the value it carries and the gradient that comes back."""

    name: str
    op: str
    inputs: tuple[int, ...]
    value: float
    const: float = 0.0
    grad: float = 0.0
    label: str = ""


@dataclass(slots=True)
class Circuit:
    """A circuit of scalar gates built in topological order (see the module notes)."""

    gates: list[Gate] = field(default_factory=list)

    def _add(self, op: str, inputs: tuple[int, ...], value: float, name: str = "", const: float = 0.0) -> int:
        for i in inputs:
            if not 0 <= i < len(self.gates):
                raise ParameterError(f"gate {op}: input {i} does not exist yet")
        k = len(self.gates)
        sym = GATES[op][1].replace("c", f"{const:g}") if op in ("addc", "mulc") else GATES[op][1]
        self.gates.append(Gate(name or f"g{k}", op, inputs, float(value), float(const), label=sym))
        return k

    def input(self, name: str, value: float) -> int:
        return self._add("input", (), value, name)

    def add(self, a: int, b: int, name: str = "") -> int:
        return self._add("add", (a, b), self.gates[a].value + self.gates[b].value, name)

    def mul(self, a: int, b: int, name: str = "") -> int:
        return self._add("mul", (a, b), self.gates[a].value * self.gates[b].value, name)

    def max(self, a: int, b: int, name: str = "") -> int:
        return self._add("max", (a, b), max(self.gates[a].value, self.gates[b].value), name)

    def exp(self, a: int, name: str = "") -> int:
        return self._add("exp", (a,), math.exp(self.gates[a].value), name)

    def neg(self, a: int, name: str = "") -> int:
        return self._add("neg", (a,), -self.gates[a].value, name)

    def recip(self, a: int, name: str = "") -> int:
        return self._add("recip", (a,), 1.0 / self.gates[a].value, name)

    def sigmoid(self, a: int, name: str = "") -> int:
        return self._add("sigmoid", (a,), 1.0 / (1.0 + math.exp(-self.gates[a].value)), name)

    def addc(self, a: int, c: float, name: str = "") -> int:
        return self._add("addc", (a,), self.gates[a].value + c, name, c)

    def mulc(self, a: int, c: float, name: str = "") -> int:
        return self._add("mulc", (a,), self.gates[a].value * c, name, c)

    def backward(self, output: int | None = None) -> None:
        """Set every gate's ``grad`` to ∂output/∂gate (the output's own gradient is 1)."""
        out = len(self.gates) - 1 if output is None else output
        for g in self.gates:
            g.grad = 0.0
        self.gates[out].grad = 1.0
        for g in reversed(self.gates[: out + 1]):
            ins = [self.gates[i] for i in g.inputs]
            if g.op == "add":
                ins[0].grad += g.grad          # add distributes
                ins[1].grad += g.grad
            elif g.op == "mul":
                ins[0].grad += g.grad * ins[1].value  # mul switches
                ins[1].grad += g.grad * ins[0].value
            elif g.op == "max":
                win = 0 if ins[0].value >= ins[1].value else 1  # max routes
                ins[win].grad += g.grad
            elif g.op == "exp":
                ins[0].grad += g.grad * g.value
            elif g.op == "neg":
                ins[0].grad -= g.grad
            elif g.op == "recip":
                ins[0].grad += g.grad * -(g.value ** 2)
            elif g.op == "sigmoid":
                ins[0].grad += g.grad * g.value * (1 - g.value)
            elif g.op == "addc":
                ins[0].grad += g.grad
            elif g.op == "mulc":
                ins[0].grad += g.grad * g.const

    def grads(self) -> dict[str, float]:
        """Input name -> gradient (after :meth:`backward`)."""
        return {g.name: g.grad for g in self.gates if g.op == "input"}


def sigmoid_neuron_circuit(w: tuple[float, float, float] = (2.0, -3.0, -3.0),
                           x: tuple[float, float] = (-1.0, -2.0)) -> Circuit:
    """The lecture's neuron gate by gate: w0·x0 + w1·x1 + w2, then −, exp, +1, 1/x (backward already run)."""
    c = Circuit()
    w0, x0, w1, x1, w2 = (c.input("w0", w[0]), c.input("x0", x[0]), c.input("w1", w[1]), c.input("x1", x[1]),
                          c.input("w2", w[2]))
    dot = c.add(c.add(c.mul(w0, x0), c.mul(w1, x1)), w2)
    c.recip(c.addc(c.exp(c.neg(dot)), 1.0), name="f")
    c.backward()
    return c


def patterns_circuit(x: float = 3.0, y: float = -4.0, z: float = 2.0, w: float = -1.0) -> Circuit:
    """2·(x·y + max(z, w)): add distributes, max routes, mul switches (backward already run)."""
    c = Circuit()
    xi, yi, zi, wi = c.input("x", x), c.input("y", y), c.input("z", z), c.input("w", w)
    c.mulc(c.add(c.mul(xi, yi), c.max(zi, wi)), 2.0, name="f")
    c.backward()
    return c
