"""The certificates file of the threshold census: plain text, one line per class, byte-stable.

::

    neurosim-threshold-census 1 n=5
    functions 4294967296          the claimed counts, these ten keys in this order
    monotone 7581
    unate 230540
    threshold 94572
    classes 112
    weights 94572                 functions proven by each kind of proof ...
    restriction 113088
    pair 22880
    farkas 0
    not_unate 4294736756          ... and by the failure of unateness
    # comments and blank lines are ignored
    80808000 T 1 1 2 2 2 7        one line per class: its representative, a kind, the proof
    eaaae880 P 14 17 3 28
    a888a000 R 4 1
    ........ F 3:2,12:1 5:1,10:2  (a Farkas line; none is needed for n ≤ 6)

The representative is the class's least truth-table word in hexadecimal, 2**n bits wide (bit r is the value on row
r; the first input is the most significant bit of r; rows and inputs count from 0). Kinds: ``T w₁ … wₙ θ`` —
rep(x) = [w·x ≥ θ]; ``R i c`` — the restriction xᵢ = c is in a class proven not threshold; ``P p₁ p₂ q₁ q₂`` —
ON rows p, OFF rows q, p₁ + p₂ = q₁ + q₂; ``F ON OFF`` — multisets ``row:multiplicity,…`` of ON and OFF rows with
the same size and sum. For n = 6 the file has 8,282 lines (about 300 KB). Check one with
``neurosim separable --check-certificates FILE`` (:func:`neurosim.learn.check_certificates`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NeurosimError, ParseError
from ..learn import CENSUS_COUNTS, CensusCertificate
from .source import Source, read_source

__all__ = ["certificates_to_text", "read_certificates"]

MAGIC = "neurosim-threshold-census"
VERSION = 1
_CODES = {"weights": "T", "restriction": "R", "pair": "P", "farkas": "F"}
_KINDS = {v: k for k, v in _CODES.items()}
_INT = re.compile(r"-?[0-9]+\Z")  # ASCII digits: int() would also read "٣" as 3


def _hex_width(n: int) -> int:
    return max(1, (1 << n) // 4)


def certificates_to_text(cert: CensusCertificate) -> str:
    """The certificates file (module notes) for ``cert``."""
    out = [f"{MAGIC} {VERSION} n={cert.n}"]
    out += [f"{key} {int(cert.counts[key])}" for key in CENSUS_COUNTS]
    out.append("# REP KIND PROOF: T w1..wn theta | R input value | P p1 p2 q1 q2 | F on-rows off-rows (row:mult)")
    width = _hex_width(cert.n)
    for rep, kind, proof in cert.classes:
        if kind == "farkas":
            body = " ".join(",".join(f"{r}:{m}" for r, m in side) for side in proof)
        else:
            body = " ".join(str(int(v)) for v in proof)
        out.append(f"{int(rep):0{width}x} {_CODES[kind]} {body}")
    return "\n".join(out) + "\n"


def _ints(tokens: list[tuple[str, int]], name: str, lineno: int) -> tuple[int, ...]:
    vals = []
    for tok, col in tokens:
        if not _INT.match(tok):
            raise ParseError(f"expected an integer, found {tok!r}", name, lineno, col)
        vals.append(int(tok))
    return tuple(vals)


def _side(tok: str, col: int, name: str, lineno: int) -> tuple[tuple[int, int], ...]:
    items = []
    for part in tok.split(","):
        r, sep, m = part.partition(":")
        if not sep or not _INT.match(r) or not _INT.match(m):
            raise ParseError(f"expected row:multiplicity pairs separated by commas, found {tok!r}", name, lineno, col)
        items.append((int(r), int(m)))
    return tuple(items)


def _tokens(line: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start() + 1) for m in re.finditer(r"\S+", line)]


def read_certificates(source: str | bytes | Path | Source) -> CensusCertificate:
    """Parse a certificates file (the syntax only: :func:`neurosim.learn.check_certificates` checks the proofs).

    Raises
    ------
    ParseError
        At the line and column of the first thing that is not as the module notes say.
    """
    src = source if isinstance(source, Source) else read_source(source)
    name = src.name
    lines = [(k, ln) for k, ln in enumerate(src.text.split("\n"), start=1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ParseError(f"expected the header '{MAGIC} {VERSION} n=N', found an empty file", name)
    k0, head = lines[0]
    m = re.fullmatch(rf"{MAGIC} ([0-9]+) n=([0-9]+)", head.strip())
    if m is None or int(m.group(1)) != VERSION:
        raise ParseError(f"expected the header '{MAGIC} {VERSION} n=N', found {head.strip()[:60]!r}", name, k0, 1)
    n = int(m.group(2))
    if n > 6:
        raise ParseError(f"expected n in 0..6, found n={n}", name, k0, head.index("n=") + 1)
    counts = {}
    for key, (k, line) in zip(CENSUS_COUNTS, lines[1:], strict=False):
        toks = _tokens(line)
        if len(toks) != 2 or toks[0][0] != key:
            raise ParseError(f"expected the count line '{key} N', found {line.strip()[:60]!r}", name, k, 1)
        counts[key] = _ints(toks[1:], name, k)[0]
    if len(counts) != len(CENSUS_COUNTS):
        raise ParseError(f"expected the count line '{CENSUS_COUNTS[len(counts)]} N', found the end of the file", name)
    width = _hex_width(n)
    classes, where = [], []
    for k, line in lines[1 + len(CENSUS_COUNTS):]:
        toks = _tokens(line)
        rep_tok, col = toks[0]
        if len(rep_tok) != width or not re.fullmatch(r"[0-9a-f]+", rep_tok):
            raise ParseError(f"expected a representative of {width} lowercase hex digits, found {rep_tok!r}",
                             name, k, col)
        if len(toks) < 2 or toks[1][0] not in _KINDS:
            found = repr(toks[1][0]) if len(toks) > 1 else "the end of the line"
            raise ParseError(f"expected a kind of proof (T, R, P or F), found {found}", name, k,
                             toks[1][1] if len(toks) > 1 else len(line) + 1)
        kind = _KINDS[toks[1][0]]
        args = toks[2:]
        want = {"weights": n + 1, "restriction": 2, "pair": 4, "farkas": 2}[kind]
        if len(args) != want:
            raise ParseError(f"expected {want} fields after {toks[1][0]}, found {len(args)}", name, k, toks[1][1])
        if kind == "farkas":
            proof: tuple = tuple(_side(t, c, name, k) for t, c in args)
        else:
            proof = _ints(args, name, k)
        classes.append((int(rep_tok, 16), kind, proof))
        where.append(k)
    try:
        return CensusCertificate(n, counts, tuple(classes), tuple(where))
    except NeurosimError as exc:
        raise ParseError(str(exc), name) from None
