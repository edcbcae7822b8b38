"""How a class's proof carries over to any one of the 2**(2**n) functions: the verdict on f with its own proof.

For a function f of n ≤ 6 inputs (:func:`explain_function`):

* f not unate: some input i has rows a, b (xᵢ = 0) with f(a) = 0, f(a + eᵢ) = 1, f(b) = 1, f(b + eᵢ) = 0, and
  {a + eᵢ, b} (ON) and {a, b + eᵢ} (OFF) have the same sum — a 2-summable pair of f itself;
* else g(x) = f(x ⊕ s) is monotone (sᵢ = 1 on the inputs where f decreases) and some image of g under a
  permutation π of the inputs, or of its dual, is its class's representative R. The map x ↦ π(x) (and ¬x for the
  dual, and x ⊕ s) is an affine bijection of the cube: it sends R's hyperplane w·y ≥ θ to one of f (weights moved
  by π, a dual plane w·x ≥ Σw − θ + 1, a negated input's weight negated and θ lowered by it), and R's summable
  multisets to f's (for the dual ON and OFF change sides); equal sums of equal-size multisets stay equal;
* a restriction proof is unfolded: the cofactor's own certificate, each row with xᵢ set back to c.

:meth:`FunctionVerdict.check` checks the result on all 2**n rows, so every step above is tested where it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DataError
from .boolean_functions import boolean_points
from .npn import negate_input, orbit_images, permutation_steps
from .threshold_proofs import word_bits

__all__ = ["FunctionVerdict", "explain_function"]


@dataclass(frozen=True, slots=True)
class FunctionVerdict:
    """The verdict on one function f with its proof, in f's own rows.

    Attributes
    ----------
    f, n : int
        The truth-table word (bit r = f on row r, first input most significant) and the input count.
    threshold : bool
    kind : {"weights", "not_unate", "restriction", "pair", "farkas"}
        The proof of f's class (``not_unate`` for a function outside every class).
    weights, theta : tuple of int and int, or None
        f(x) = [w·x ≥ θ] (threshold functions).
    on, off : dict of int to int, or None
        Rows → multiplicities: ON rows and OFF rows, of equal total and equal coordinate sums (the others).
    rep : int or None
        The representative of f's class.
    """

    f: int
    n: int
    threshold: bool
    kind: str
    weights: tuple[int, ...] | None = None
    theta: int | None = None
    on: dict | None = None
    off: dict | None = None
    rep: int | None = None

    def check(self) -> bool:
        """The proof, checked exactly on all 2**n rows of f."""
        pts = boolean_points(self.n)
        y = word_bits(np.array([self.f], dtype=np.uint64), self.n)[0].astype(bool)
        if self.threshold:
            return bool(np.array_equal(pts @ np.array(self.weights, dtype=np.int64) >= self.theta, y))
        P, Q = self.on or {}, self.off or {}
        return bool(P and Q and all(y[r] for r in P) and not any(y[r] for r in Q)
                    and sum(P.values()) == sum(Q.values())
                    and np.array_equal(sum(m * pts[r] for r, m in P.items()), sum(m * pts[r] for r, m in Q.items())))


def _row(x: np.ndarray) -> int:
    return int(sum(int(v) << (len(x) - 1 - j) for j, v in enumerate(x)))


def _multiset(rows: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for r in rows:
        out[r] = out.get(r, 0) + 1
    return dict(sorted(out.items()))


def _binate(y: np.ndarray, n: int) -> tuple[dict, dict] | None:
    N = 1 << n
    for i in range(n):
        b = 1 << (n - 1 - i)
        low = np.arange(N)[(np.arange(N) & b) == 0]
        up = low[(y[low] == 0) & (y[low | b] == 1)]
        down = low[(y[low] == 1) & (y[low | b] == 0)]
        if up.size and down.size:
            a, c = int(up[0]), int(down[0])
            return _multiset([a | b, c]), _multiset([a, c | b])
    return None


def _rep_proof(census: Any, cls: Any) -> tuple[Any, Any]:
    """The representative's proof as (weights, θ) or as (ON, OFF) multisets, restrictions unfolded."""
    n = census.n
    if cls.kind == "weights":
        return tuple(cls.proof[:n]), cls.proof[n]
    if cls.kind == "pair":
        p1, p2, q1, q2 = cls.proof
        return _multiset([p1, p2]), _multiset([q1, q2])
    if cls.kind == "farkas":
        return dict(cls.proof[0]), dict(cls.proof[1])
    i, c, _ = cls.proof
    from .npn import cofactor

    cof = int(cofactor(np.array([cls.rep], dtype=np.uint64), i, c, n)[0])
    v = explain_function(census, cof)
    b = 1 << (n - 1 - i)

    def lift(side: dict) -> dict:
        return _multiset([(r | b) if c else (r & ~b) for r, m in side.items() for _ in range(m)])

    return lift(v.on), lift(v.off)


def explain_function(census: Any, f: int) -> FunctionVerdict:
    """The verdict on function ``f`` of ``census.n`` inputs with a proof in f's own rows (module notes)."""
    n = census.n
    if isinstance(f, bool) or not isinstance(f, int | np.integer) or not 0 <= int(f) < (1 << (1 << n)):
        raise DataError(f"expected a truth table of {1 << n} bits (0 ≤ f < 2**{1 << n}), found {f!r}")
    f = int(f)
    y = word_bits(np.array([f], dtype=np.uint64), n)[0]
    witness = _binate(y, n)
    if witness is not None:
        return FunctionVerdict(f, n, False, "not_unate", on=witness[0], off=witness[1])
    pts = boolean_points(n)
    s = np.zeros(n, dtype=np.int64)
    g = np.array([f], dtype=np.uint64)
    for i in range(n):
        b = 1 << (n - 1 - i)
        low = np.arange(1 << n)[(np.arange(1 << n) & b) == 0]
        if np.any((y[low] == 1) & (y[low | b] == 0)):  # decreasing in input i: negate it
            s[i] = 1
            g = negate_input(g, i, n)
    imgs = orbit_images(g, n)[0]
    k = int(np.argmin(imgs))
    cls = census.find(int(imgs[k]))
    _, perms = permutation_steps(n)
    perm = perms[k % len(perms)]
    is_dual = k >= len(perms)
    a, b = _rep_proof(census, cls)

    def to_f(r: int) -> int:
        """Rep row y -> f row: g(x) = R(y) with y[p] = x[perm[p]] (x negated for the dual), then x ⊕ s."""
        yv = pts[r]
        x = np.empty(n, dtype=np.int64)
        x[list(perm)] = yv
        if is_dual:
            x = 1 - x
        return _row(x ^ s)

    if cls.threshold:
        w = np.empty(n, dtype=np.int64)
        w[list(perm)] = np.array(a, dtype=np.int64)
        theta = int(b)
        if is_dual:  # g(x) = ¬R'(¬x) = [w·x ≥ Σw − θ + 1]
            theta = int(w.sum()) - theta + 1
        theta -= int(w[s == 1].sum())  # x_i -> 1 - x_i on the negated inputs
        w = np.where(s == 1, -w, w)
        return FunctionVerdict(f, n, True, "weights", tuple(int(v) for v in w), theta, rep=cls.rep)
    on = _multiset([to_f(r) for r, m in a.items() for _ in range(m)])
    off = _multiset([to_f(r) for r, m in b.items() for _ in range(m)])
    if is_dual:
        on, off = off, on
    return FunctionVerdict(f, n, False, cls.kind, on=on, off=off, rep=cls.rep)
