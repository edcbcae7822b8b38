"""The bit-sliced kernels of the 1943 rule over packed rows (64 rows per word, :mod:`neurosim.core.packed`).

Inside a chunk of words a node's value is either an array of words, shape (n_words,), or a Python ``int``
meaning "this same word in every word of the chunk" (an input whose bit position is < 6 has one fixed pattern
in every word; an input of a high bit position is all-ones or all-zeros across a whole aligned chunk). Kernels
fold such constants, so whole units vanish from chunks where their inputs are fixed.

Notes
-----
Bit-slicing (one machine word computes 64 truth-table rows at once) is the technique of logic simulators and of
Biham's bitslice DES (1997); the threshold kernels are the symmetric-function counting programme and a
carry-save adder with a comparator, the two classic ways to evaluate "at least θ of these inputs" over bits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np

from .packed import ALL, ROW_PATTERNS

__all__ = [
    "KERNELS",
    "and_all",
    "at_least",
    "input_word",
    "invert",
    "kernel_cost",
    "or_all",
    "pick_kernel",
]

PATTERNS = ROW_PATTERNS  # in-word pattern of an input at bit position p < 6

Value = Any  # int (the same word across the chunk) or an array of words, shape (n_words,)
Kernel = Callable[[ModuleType, Sequence[tuple[Value, int]], int], Value]


def input_word(xp: ModuleType, pos: int, start: int, n_words: int, index: Any = None) -> Value:
    """Words of an input at bit position ``pos`` (``n - 1 - i`` for input ``i``) over words ``start...``.

    ``index`` is ``xp.arange(start, start + n_words, dtype=uint64)``, shared by the inputs of one chunk. Returns
    an ``int`` when the input is the same word across the chunk.
    """
    if pos < 6:
        return PATTERNS[pos]
    k = pos - 6  # input bit = bit k of the word index
    if (start >> k) == ((start + n_words - 1) >> k):  # constant over the whole chunk
        return ALL if (start >> k) & 1 else 0
    if index is None:
        index = xp.arange(start, start + n_words, dtype=xp.uint64)
    bit = (index >> np.uint64(k)) & np.uint64(1)
    return bit * np.uint64(ALL)  # 0 -> 0, 1 -> all ones


# ---- constant-folding bitwise operations ---------------------------------------------------------------------
def _const(a: Value) -> bool:
    return isinstance(a, int)


def and2(a: Value, b: Value) -> Value:
    """``a & b``, folding Python-int words (may return an operand itself, never modifies one)."""
    if _const(a) and _const(b):
        return a & b
    if _const(a):
        a, b = b, a
    if _const(b):
        return a if b == ALL else 0 if b == 0 else a & np.uint64(b)
    return a & b


def or2(a: Value, b: Value) -> Value:
    """``a | b``, folding Python-int words (may return an operand itself, never modifies one)."""
    if _const(a) and _const(b):
        return a | b
    if _const(a):
        a, b = b, a
    if _const(b):
        return a if b == 0 else ALL if b == ALL else a | np.uint64(b)
    return a | b


def xor2(a: Value, b: Value) -> Value:
    """``a ^ b``, folding Python-int words."""
    if _const(a) and _const(b):
        return a ^ b
    if _const(a):
        a, b = b, a
    if _const(b):
        return a if b == 0 else a ^ np.uint64(b)
    return a ^ b


def _reduce(xp: ModuleType, values: Sequence[Value], ufunc_name: str, unit: int, absorb: int) -> Value:
    """AND (unit ALL, absorbing 0) or OR (unit 0, absorbing ALL) of many values, accumulating in place."""
    c = unit
    arrays = []
    for v in values:
        if _const(v):
            c = (c & v) if unit == ALL else (c | v)
        else:
            arrays.append(v)
    if c == absorb or not arrays:
        return c
    ufunc = getattr(xp, ufunc_name)
    if len(arrays) == 1:
        return arrays[0] if c == unit else ufunc(arrays[0], np.uint64(c))
    acc = ufunc(arrays[0], arrays[1])  # a fresh array: safe to update in place
    for a in arrays[2:]:
        ufunc(acc, a, out=acc)
    if c != unit:
        ufunc(acc, np.uint64(c), out=acc)
    return acc


def and_all(xp: ModuleType, values: Sequence[Value]) -> Value:
    """AND of many words (``ALL`` for none)."""
    return _reduce(xp, values, "bitwise_and", ALL, 0)


def or_all(xp: ModuleType, values: Sequence[Value]) -> Value:
    """OR of many words (0 for none)."""
    return _reduce(xp, values, "bitwise_or", 0, ALL)


# ---- "at least θ" over weighted sources ----------------------------------------------------------------------
def _dp_pairs(weights: Sequence[int], theta: int) -> list[tuple[int, int, int]]:
    """The (source, k, weight) updates of the counting programme that can still reach θ (the others are dead)."""
    rem = sum(weights)
    cum = 0
    pairs = []
    for j, w in enumerate(weights):
        rem -= w
        cum += w
        pairs += [(j, k, w) for k in range(min(theta, cum), max(theta - rem, 1) - 1, -1)]
    return pairs


def at_least_dp(xp: ModuleType, sources: Sequence[tuple[Value, int]], theta: int) -> Value:
    """Bit-sliced counting programme: ``ge[k]`` = "at least k synapses active so far", for k ≤ θ.

    For each source x of weight w, ``ge[k] |= ge[k - w] & x`` with k descending (so ``ge[k - w]`` is still the
    old value); only the k from which θ stays reachable are updated.
    """
    ge: list[Value] = [ALL] + [0] * theta
    for j, k, w in _dp_pairs([w for _, w in sources], theta):
        ge[k] = or2(ge[k], and2(ge[max(k - w, 0)], sources[j][0]))
    return ge[theta]


def _adder_columns(sources: Sequence[tuple[Value, int]]) -> list[list[Value]]:
    cols: list[list[Value]] = []
    for v, w in sources:
        for b in range(w.bit_length()):
            if (w >> b) & 1:
                while len(cols) <= b:
                    cols.append([])
                cols[b].append(v)
    return cols


def at_least_adder(xp: ModuleType, sources: Sequence[tuple[Value, int]], theta: int) -> Value:
    """Bit-sliced column adder (full and half adders) giving the sum's bits, then a comparator with θ."""
    cols = _adder_columns(sources)
    bits: list[Value] = []
    b = 0
    while b < len(cols):
        col = cols[b]
        while len(col) >= 2:
            if len(col) >= 3:  # full adder: 3 bits of weight 2**b -> sum here, carry one column up
                x, y, z = col.pop(), col.pop(), col.pop()
                t = xor2(x, y)
                s, carry = xor2(t, z), or2(and2(x, y), and2(t, z))
            else:  # half adder
                x, y = col.pop(), col.pop()
                s, carry = xor2(x, y), and2(x, y)
            col.insert(0, s)  # the sum bit goes back first: the next adders take the remaining inputs
            if b + 1 == len(cols):
                cols.append([])
            cols[b + 1].append(carry)
        bits.append(col[0] if col else 0)
        b += 1
    # sum >= θ, bit by bit from the bottom: g_i = s_i & g_{i-1} where θ has a 1, s_i | g_{i-1} where a 0
    g: Value = ALL
    for i in range(max(len(bits), theta.bit_length())):
        s = bits[i] if i < len(bits) else 0
        g = and2(s, g) if (theta >> i) & 1 else or2(s, g)
    return g


class _Tally:
    """A stand-in for an array of words that counts the word operations a kernel performs on it."""

    __slots__ = ("box",)

    def __init__(self, box: list[int]) -> None:
        self.box = box

    def _op(self, other: Any) -> _Tally:
        self.box[0] += 1
        return _Tally(self.box)

    __and__ = __or__ = __xor__ = _op


#: threshold kernels by name; :func:`pick_kernel` chooses the one with fewer word operations per unit
KERNELS: dict[str, Kernel] = {"dp": at_least_dp, "adder": at_least_adder}


@cache
def kernel_cost(name: str, weights: tuple[int, ...], theta: int) -> int:
    """Word operations kernel ``name`` performs for these weights and θ (counted by running it on tallies)."""
    box = [0]
    KERNELS[name](np, [(_Tally(box), w) for w in weights], theta)
    return box[0]


def pick_kernel(weights: Sequence[int], theta: int) -> str:
    """Name of the kernel with the fewest word operations for these weights and θ."""
    return min(KERNELS, key=lambda name: kernel_cost(name, tuple(weights), theta))


def at_least(xp: ModuleType, sources: Sequence[tuple[Value, int]], theta: int, allowed: Sequence[Value] = (),
             kernel: str | None = None) -> Value:
    """Words where at least θ synapses are active and every word in ``allowed`` is 1.

    Parameters
    ----------
    sources : sequence of (words, weight)
    theta : int
    allowed : sequence of words
        Complements of the inhibitors (the veto ``& ~inh`` folded into the same AND chain).
    kernel : {"dp", "adder"}, optional
        Force a threshold kernel (tests); by default the one with fewer word operations.

    Notes
    -----
    Fast paths first: θ ≤ 0 → all ones; θ above the total weight → zeros; after clamping weights at θ, all
    weights θ → OR; all weights 1 and θ = number of sources → one AND chain with ``allowed``.
    """
    if theta <= 0:
        return and_all(xp, allowed)
    if theta > sum(w for _, w in sources):
        return 0
    sources = [(v, min(w, theta)) for v, w in sources]  # a weight above θ fires the unit alone, like weight θ
    if theta == len(sources) and all(w == 1 for _, w in sources):
        return and_all(xp, [v for v, _ in sources] + list(allowed))
    if all(w == theta for _, w in sources):
        fired = or_all(xp, [v for v, _ in sources])
    else:
        fired = KERNELS[kernel or pick_kernel([w for _, w in sources], theta)](xp, sources, theta)
    return and_all(xp, [fired, *allowed]) if allowed else fired


def invert(xp: ModuleType, a: Value) -> Value:
    """``~a`` over the words."""
    return ALL ^ a if _const(a) else xp.invert(a)
