"""Certificates of the threshold census, and their checker, which trusts nothing the counter computed.

A :class:`CensusCertificate` holds n, the claimed counts, and one line per class of monotone functions under input
permutation and duality: the class's least truth-table word (its representative) and a proof of its verdict —
``weights`` (w₁, …, wₙ, θ) with rep(x) = [w·x ≥ θ]; ``restriction`` (i, c): the cofactor rep|xᵢ=c lies in a class
of the file proven not threshold; ``pair`` (p₁, p₂, q₁, q₂): ON rows p, OFF rows q, p₁ + p₂ = q₁ + q₂;
``farkas`` (P, Q): multisets of ON and OFF rows of equal size and equal sum. (File format: :mod:`neurosim.io`.)

:func:`check_certificates` recomputes everything with its own code (row gathers over ``itertools``'
permutations; Dedekind's number by its own recursion), never the counter's:

1. every representative is monotone and the least word of its orbit, so the classes are disjoint;
2. their orbit sizes add up to M(n), the number of monotone functions, so no monotone function is missing;
3. every proof holds on the representative's truth table, and every restriction refers to a class with fewer
   inputs proven not threshold (so the references end);
4. the claimed counts are Σ over classes of orbit · 2**support, by verdict and by kind of proof.

Together with three theorems — threshold functions are unate; a unate function is g(x ⊕ s) for one monotone g
and one negation pattern s of g's inputs; permutations, negations and duality map hyperplanes to hyperplanes and
summable multisets to summable multisets — this proves the verdict on every one of the 2**(2**n) functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import permutations

import numpy as np

from ..errors import DataError

__all__ = ["CENSUS_COUNTS", "PROOF_KINDS", "CensusCertificate", "CertificateCheck", "check_certificates"]

PROOF_KINDS = ("weights", "restriction", "pair", "farkas")
#: the claimed counts, in the order the file lists them
CENSUS_COUNTS = ("functions", "monotone", "unate", "threshold", "classes", "weights", "restriction", "pair",
                 "farkas", "not_unate")
_CHUNK = 256


@dataclass(frozen=True, slots=True)
class CensusCertificate:
    """What a certificates file says (see the module notes).

    Attributes
    ----------
    n : int
    counts : dict of str to int
        Every key of :data:`CENSUS_COUNTS`.
    classes : tuple of (rep, kind, proof)
    lines : tuple of int
        The file line of each class (for messages), or empty.
    """

    n: int
    counts: dict
    classes: tuple
    lines: tuple = field(default=())

    def __post_init__(self) -> None:
        if not 0 <= self.n <= 6:
            raise DataError(f"census certificates cover 0..6 inputs, found n={self.n}")
        if set(self.counts) != set(CENSUS_COUNTS):
            raise DataError(f"census counts must be exactly {', '.join(CENSUS_COUNTS)}")
        for rep, kind, _ in self.classes:
            if kind not in PROOF_KINDS:
                raise DataError(f"class {rep:#x}: unknown kind of proof {kind!r}")


@dataclass(frozen=True, slots=True)
class CertificateCheck:
    """The checker's answer: accepted, or the first problem found (with the file line where known)."""

    accepted: bool
    problem: str | None
    counts: dict


def _where(cert: CensusCertificate, k: int) -> str:
    line = f"line {cert.lines[k]}: " if cert.lines else ""
    return f"{line}class {cert.classes[k][0]:#x}"


@cache
def _geometry(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows as points (N, n), and for every input order the row gather map (n!, N)."""
    N = 1 << n
    pts = ((np.arange(N)[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)
    weights = 1 << np.arange(n - 1, -1, -1)
    maps = np.array([pts[:, list(p)] @ weights for p in permutations(range(n))], dtype=np.int64)
    return pts, maps


def _bits(words: list[int], n: int) -> np.ndarray:
    N = 1 << n
    return np.array([[(w >> r) & 1 for r in range(N)] for w in words], dtype=np.uint8).reshape(-1, N)


def _pack(B: np.ndarray) -> np.ndarray:
    """(..., N) bits -> (...) uint64 words (bit r = column r)."""
    N = B.shape[-1]
    pad = np.zeros((*B.shape[:-1], 64), dtype=np.uint8)
    pad[..., :N] = B
    return np.packbits(pad, axis=-1, bitorder="little").view("<u8")[..., 0]


def _images(B: np.ndarray, n: int) -> np.ndarray:
    """(K, 2·n!) words: every input permutation of each function and of its dual ¬f(¬x)."""
    _, maps = _geometry(n)
    D = 1 - B[:, ::-1]
    return np.concatenate([_pack(B[:, maps]), _pack(D[:, maps])], axis=1)


def _monotone_count(n: int) -> int:
    """Dedekind's number M(n), counted as pairs f0 ≤ f1 of monotone functions of n − 1 inputs."""
    fs = [0, 1]
    for m in range(1, n + 1):
        a = np.array(fs, dtype=np.uint64)
        if m == n:
            return int(sum(np.count_nonzero((a & f0) == f0) for f0 in a))
        fs = sorted(int(f0) | (int(f1) << (1 << (m - 1))) for f0 in a for f1 in a[(a & f0) == f0])
    return len(fs)  # n == 0


def check_certificates(cert: CensusCertificate) -> CertificateCheck:
    """Check a census's certificates from scratch (see the module notes); never raises on a wrong file."""
    try:
        counts = _check(cert)
    except _Reject as r:
        return CertificateCheck(False, str(r), {})
    return CertificateCheck(True, None, counts)


class _Reject(Exception):
    """A certificate that does not check: its message says which line and why."""


def _check(cert: CensusCertificate) -> dict[str, int]:
    n, N = cert.n, 1 << cert.n
    reps = [int(c[0]) for c in cert.classes]
    if any(not 0 <= r < (1 << N) for r in reps):
        raise _Reject("a representative has more bits than 2**n rows")
    if len(set(reps)) != len(reps):
        raise _Reject("a representative is listed twice")
    B = _bits(reps, n)
    pts, _ = _geometry(n)
    sup = np.zeros((len(reps), n), dtype=bool)
    for i in range(n):
        b = 1 << (n - 1 - i)
        r = np.arange(N)
        low = r[(r & b) == 0]
        if np.any(B[:, low] > B[:, low | b]):
            k = int(np.flatnonzero(np.any(B[:, low] > B[:, low | b], axis=1))[0])
            raise _Reject(f"{_where(cert, k)}: not monotone in input {i}")
        sup[:, i] = np.any(B[:, low] != B[:, low | b], axis=1)
    orbit = np.zeros(len(reps), dtype=np.int64)
    for s in range(0, len(reps), _CHUNK):
        imgs = np.sort(_images(B[s:s + _CHUNK], n), axis=1)
        bad = imgs[:, 0] != np.array(reps[s:s + _CHUNK], dtype=np.uint64)
        if bad.any():
            raise _Reject(f"{_where(cert, s + int(np.flatnonzero(bad)[0]))}: not the least word of its class")
        orbit[s:s + _CHUNK] = 1 + np.count_nonzero(np.diff(imgs, axis=1), axis=1)
    if int(orbit.sum()) != _monotone_count(n):
        raise _Reject(f"the classes hold {int(orbit.sum())} monotone functions, but there are "
                      f"{_monotone_count(n)}: some class is missing")
    kinds = [c[1] for c in cert.classes]
    _check_proofs(cert, B, pts, sup, kinds)
    fun = orbit << sup.sum(axis=1)
    counts = {"functions": 1 << N, "monotone": int(orbit.sum()), "unate": int(fun.sum()),
              "threshold": int(sum(int(f) for f, k in zip(fun, kinds, strict=True) if k == "weights")),
              "classes": len(reps)}
    for kind in PROOF_KINDS:
        counts[kind] = int(sum(int(f) for f, k in zip(fun, kinds, strict=True) if k == kind))
    counts["not_unate"] = counts["functions"] - counts["unate"]
    for key in CENSUS_COUNTS:
        if int(cert.counts[key]) != counts[key]:
            raise _Reject(f"the file claims {key} {cert.counts[key]}, the classes give {counts[key]}")
    return counts


def _check_proofs(cert: CensusCertificate, B: np.ndarray, pts: np.ndarray, sup: np.ndarray, kinds: list[str]) -> None:
    n, N = cert.n, 1 << cert.n
    index = {int(c[0]): k for k, c in enumerate(cert.classes)}
    cofs: list[tuple[int, np.ndarray]] = []
    for k, (_, kind, proof) in enumerate(cert.classes):
        y = B[k].astype(bool)
        try:
            if kind == "weights":
                w = np.array(proof[:n], dtype=object)
                ok = len(proof) == n + 1 and np.array_equal(pts.astype(object) @ w >= proof[n], y)
            elif kind == "pair":
                p1, p2, q1, q2 = (int(v) for v in proof)
                ok = (all(0 <= v < N for v in (p1, p2, q1, q2)) and y[p1] and y[p2] and not y[q1] and not y[q2]
                      and np.array_equal(pts[p1] + pts[p2], pts[q1] + pts[q2]))
            elif kind == "farkas":
                P, Q = (dict(side) for side in proof)
                ok = (all(0 <= r < N and m >= 1 for r, m in (*P.items(), *Q.items()))
                      and all(y[r] for r in P) and not any(y[r] for r in Q)
                      and sum(P.values()) == sum(Q.values())
                      and np.array_equal(sum(m * pts[r] for r, m in P.items()), sum(m * pts[r] for r, m in Q.items())))
            else:  # restriction
                i, c = (int(v) for v in proof)
                ok = 0 <= i < n and c in (0, 1) and bool(sup[k, i])
                if ok:
                    b = 1 << (n - 1 - i)
                    r = np.arange(N)
                    cofs.append((k, B[k, (r | b) if c else (r & ~b)]))
        except (TypeError, ValueError, IndexError):
            ok = False
        if not ok:
            raise _Reject(f"{_where(cert, k)}: its {kind} proof does not hold")
    for s in range(0, len(cofs), _CHUNK):
        part = cofs[s:s + _CHUNK]
        canon = _images(np.stack([b for _, b in part]), n).min(axis=1)
        for (k, _), ref in zip(part, canon, strict=True):
            j = index.get(int(ref))
            if j is None or kinds[j] == "weights" or sup[j].sum() >= sup[k].sum():
                raise _Reject(f"{_where(cert, k)}: its restriction is not in a smaller class proven not threshold")
