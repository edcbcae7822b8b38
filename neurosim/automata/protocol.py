"""The run protocol every automaton net keeps, whatever it was compiled from.

The symbols of a string of length L are presented one-hot on their input lines at ticks 0…L−1, the start line
fires at tick 0 only, and the string is accepted iff the accept unit fires at tick L + d (d = ``accept_delay``),
the empty string (L = 0) included. The protocol is stored in ``MPNet.metadata`` (and so in GraphML attributes),
so that every engine and every command runs any automaton net.

Notes
-----
Kleene, S. C. (1956). Representation of events in nerve nets and finite automata: a net driven by one input
symbol per moment, whose "event" is read from one cell after a fixed delay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

import numpy as np

from ..core import MPNet
from ..errors import InvalidNetworkError, ParseError

__all__ = ["RunProtocol"]


@dataclass(frozen=True, slots=True)
class RunProtocol:
    """How to drive a DFA net and read its verdict.

    Attributes
    ----------
    symbol_inputs : tuple of (symbol, input node)
        One input line per symbol, in the alphabet's order.
    start_input : str
        The input line that fires at tick 0 only.
    accept_unit : str
        The unit read at tick L + ``accept_delay``.
    accept_delay : int
        d ≥ 1.
    """

    symbol_inputs: tuple[tuple[str, str], ...]
    start_input: str
    accept_unit: str
    accept_delay: int

    def __post_init__(self) -> None:
        pairs = tuple((str(a), str(n)) for a, n in self.symbol_inputs)
        if len({a for a, _ in pairs}) != len(pairs):
            raise InvalidNetworkError("symbol_inputs: a symbol appears twice")
        if isinstance(self.accept_delay, bool) or not isinstance(self.accept_delay, int) or self.accept_delay < 1:
            raise InvalidNetworkError(f"accept_delay: expected an integer >= 1, found {self.accept_delay!r}")
        object.__setattr__(self, "symbol_inputs", pairs)

    @property
    def symbols(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.symbol_inputs)

    def to_metadata(self) -> dict[str, Any]:
        """Graph-level scalars: ``symbol_inputs`` as ``a=x_a,b=x_b`` (symbols percent-encoded), the rest as is."""
        text = ",".join(f"{quote(a, safe='')}={n}" for a, n in self.symbol_inputs)
        return {"symbol_inputs": text, "start_input": self.start_input, "accept_unit": self.accept_unit,
                "accept_delay": self.accept_delay}

    @classmethod
    def from_net(cls, net: MPNet) -> RunProtocol:
        """Read the protocol from ``net.metadata`` and check it names the net's nodes.

        Raises
        ------
        InvalidNetworkError
            A key is missing or names no input/unit of the net.
        """
        meta = net.meta
        missing = [k for k in ("symbol_inputs", "start_input", "accept_unit", "accept_delay") if k not in meta]
        if missing:
            raise InvalidNetworkError(f"not a DFA net: metadata lacks {', '.join(missing)} (expected the run "
                                      "protocol written by 'neurosim dfa compile')")
        pairs = []
        text = str(meta["symbol_inputs"])
        for item in text.split(",") if text else ():  # "" is the empty alphabet (only the empty string)
            sym, eq, node = item.rpartition("=")
            if not eq or not sym:
                raise InvalidNetworkError(f"metadata symbol_inputs: expected 'symbol=node', found {item!r}")
            pairs.append((unquote(sym), node))
        try:
            delay = int(meta["accept_delay"])
        except (TypeError, ValueError):
            raise InvalidNetworkError(f"metadata accept_delay: expected an integer, found "
                                      f"{meta['accept_delay']!r}") from None
        proto = cls(tuple(pairs), str(meta["start_input"]), str(meta["accept_unit"]), delay)
        inputs, units = set(net.inputs), set(net.unit_names)
        for node in (*(n for _, n in proto.symbol_inputs), proto.start_input):
            if node not in inputs:
                raise InvalidNetworkError(f"metadata names input {node!r}, which the net does not have")
        if proto.accept_unit not in units:
            raise InvalidNetworkError(f"metadata accept_unit {proto.accept_unit!r} is not a unit of the net")
        return proto

    def encode(self, words: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Symbol codes for a batch of strings.

        Returns
        -------
        codes : ndarray, shape (B, max length), int32
            Index of each symbol in ``symbols``; positions past a string's end hold ``len(symbols)`` (no symbol).
        lengths : ndarray, shape (B,), int64

        Raises
        ------
        ParseError
            A symbol outside the alphabet (names the string and the position, both 1-based).
        """
        index = {a: i for i, a in enumerate(self.symbols)}
        lengths = np.array([len(w) for w in words], dtype=np.int64)
        width = int(lengths.max(initial=0))
        codes = np.full((len(words), width), len(index), dtype=np.int32)
        for b, w in enumerate(words):
            try:
                codes[b, : len(w)] = [index[a] for a in w]
            except KeyError:
                pos = next(i for i, a in enumerate(w) if a not in index)
                raise ParseError(f"symbol {w[pos]!r} is not in the alphabet {{{', '.join(self.symbols)}}}",
                                 f"string {b + 1}", None, None) from None
        return codes, lengths

    def input_array(self, net: MPNet, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The input lines for a batch, shape (B, max length + d, n_inputs), uint8, in ``net.inputs`` order."""
        b, width = codes.shape
        col = {n: i for i, n in enumerate(net.inputs)}
        sym_col = np.array([col[n] for _, n in self.symbol_inputs] + [-1], dtype=np.int64)
        x = np.zeros((b, width + self.accept_delay, len(net.inputs)), dtype=np.uint8)
        bi, ti = np.nonzero(codes < len(self.symbol_inputs))
        x[bi, ti, sym_col[codes[bi, ti]]] = 1
        x[:, 0, col[self.start_input]] = 1
        return x
