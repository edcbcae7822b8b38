"""The census of threshold functions of n ≤ 6 inputs: every Boolean function classified, with a proof for each.

Three facts reduce the 2**(2**n) functions (2**64 for n = 6) to a few thousand classes:

1. **A threshold function is unate** (increasing in the inputs of positive weight, decreasing in the negative
   ones). A function that is not unate increases in some input i at one row and decreases at another; those four
   rows a, a + eᵢ, b + eᵢ, b are a 2-summable pair (a + eᵢ + b = a + b + eᵢ): its proof, found from f alone.
2. **A unate function is g(x ⊕ s) for exactly one monotone g** and one negation pattern s on g's inputs, and
   negating inputs maps hyperplanes to hyperplanes: f is threshold iff g is, and g's 2**|support| negations are
   distinct functions. So #threshold = Σ over monotone threshold g of 2**|support g|.
3. **Permuting inputs and duality** (g ↦ ¬g(¬x)) map monotone functions to monotone ones and hyperplanes to
   hyperplanes, so the monotone functions fall into classes (orbits) that share a verdict; each class is done once,
   on its least member (the representative).

The candidates (all M(n) monotone functions) are cut into blocks (:mod:`neurosim.learn.monotone`), run through
:func:`neurosim.scale.run_blocks`; each block keeps the representatives among its candidates and proves each
representative's verdict (:mod:`neurosim.learn.threshold_proofs`): integer **weights**, a non-threshold
**restriction** (a cofactor f|xᵢ=c in a class already proven not threshold; restrictions have fewer inputs, so
the references end), a 2-summable **pair**, or a **farkas** certificate. How a proof carries over to any member of
a class: :mod:`neurosim.learn.census_transport`. The merged census checks that the orbits add up to M(n), so no
class is missing or counted twice. Certificates for an independent check: :meth:`ThresholdCensus.certificate`.

Notes
-----
Counts: OEIS A000609 (2, 4, 14, 104, 1882, 94572, 15028134); Dedekind numbers A000372; classes of monotone
functions under permutation, Muroga, *Threshold Logic and its Applications* (1971).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DataError
from ..scale import Scheduler, run_blocks
from .certificates import PROOF_KINDS, CensusCertificate
from .monotone import block_ranges, monotone_block, monotone_functions
from .npn import MAX_WORD_INPUTS, canonical_mask, cofactor, orbit_images, support
from .threshold_proofs import find_farkas, find_pairs, find_weights, word_bits

__all__ = ["CensusClass", "ThresholdCensus", "threshold_census"]

#: blocks the candidates of n inputs are cut into (n = 6: about 490,000 monotone functions a block)
CENSUS_BLOCKS = {5: 4, 6: 16}


@dataclass(frozen=True, slots=True)
class CensusClass:
    """One class of monotone functions under input permutation and duality, with its verdict's proof.

    Attributes
    ----------
    rep : int
        The least truth-table word of the class (bit r = value on row r, first input most significant).
    support : int
        Inputs the functions of the class depend on.
    orbit : int
        Monotone functions in the class.
    kind : {"weights", "restriction", "pair", "farkas"}
    proof : tuple
        weights: (w₁, …, wₙ, θ) with rep(x) = [w·x ≥ θ]; restriction: (i, c, ref), the cofactor rep|xᵢ=c
        (0-based i) lies in the class whose representative is ref; pair: (p₁, p₂, q₁, q₂);
        farkas: (((row, multiplicity), …) of ON rows, (…) of OFF rows).
    """

    rep: int
    support: int
    orbit: int
    kind: str
    proof: tuple

    @property
    def threshold(self) -> bool:
        return self.kind == "weights"

    @property
    def functions(self) -> int:
        """Boolean functions this class stands for: its monotone members and their input negations."""
        return self.orbit << self.support


@dataclass(frozen=True, slots=True)
class ThresholdCensus:
    """Every Boolean function of n inputs, classified with a proof (see the module notes).

    Attributes
    ----------
    n : int
    classes : tuple of CensusClass
        Sorted by representative.
    monotone : int
        M(n), the monotone functions (the candidates).
    """

    n: int
    classes: tuple[CensusClass, ...]
    monotone: int

    @property
    def functions(self) -> int:
        return 1 << (1 << self.n)

    @property
    def count(self) -> int:
        """Threshold functions of n inputs."""
        return sum(c.functions for c in self.classes if c.threshold)

    @property
    def unate(self) -> int:
        return sum(c.functions for c in self.classes)

    def by_kind(self) -> dict[str, int]:
        """Functions proven by each kind of proof (``not_unate``: by the failure of unateness)."""
        out = dict.fromkeys(PROOF_KINDS, 0)
        for c in self.classes:
            out[c.kind] += c.functions
        out["not_unate"] = self.functions - self.unate
        return out

    def summary(self) -> dict[str, Any]:
        """JSON-ready figures, the same whatever scheduler ran the census."""
        classes = Counter(c.kind for c in self.classes)
        return {"n": self.n, "functions": self.functions, "count": self.count, "monotone": self.monotone,
                "unate": self.unate, "classes": len(self.classes),
                "proofs": self.by_kind(), "classes_by_proof": {k: classes.get(k, 0) for k in PROOF_KINDS}}

    def certificate(self) -> CensusCertificate:
        """The census as certificates for :func:`neurosim.learn.check_certificates` (one line per class)."""
        lines = []
        for c in self.classes:
            lines.append((c.rep, c.kind, c.proof[:2] if c.kind == "restriction" else c.proof))
        s = self.summary()
        counts = {"functions": s["functions"], "monotone": s["monotone"], "unate": s["unate"],
                  "threshold": s["count"], "classes": s["classes"], **s["proofs"]}
        return CensusCertificate(self.n, counts, tuple(lines))

    def explain(self, f: int) -> Any:
        """The verdict on function ``f`` (a truth-table word) with its proof carried over from its class."""
        from .census_transport import explain_function

        return explain_function(self, f)

    def find(self, rep: int) -> CensusClass:
        """The class whose representative is ``rep``."""
        reps = [c.rep for c in self.classes]
        i = int(np.searchsorted(np.array(reps, dtype=np.uint64), np.uint64(rep)))
        if i >= len(reps) or reps[i] != rep:
            raise DataError(f"{rep:#x} is not the representative of a class")
        return self.classes[i]


def _candidates(n: int, block: tuple[int, int]) -> np.ndarray:
    return monotone_functions(0) if n == 0 else monotone_block(n, *block)


def _orbit_sizes(reps: np.ndarray, n: int) -> np.ndarray:
    imgs = np.sort(orbit_images(reps, n), axis=1)
    return 1 + np.count_nonzero(np.diff(imgs, axis=1), axis=1)


def _restrictions(reps: np.ndarray, sup: np.ndarray, n: int) -> list[tuple[int, int, int] | None]:
    """For each word, the first cofactor (i, c) on an input it depends on that has a 2-summable pair (so is not
    threshold), with the representative of the cofactor's class; None where there is none."""
    out: list[tuple[int, int, int] | None] = [None] * reps.size
    if reps.size == 0 or n == 0:
        return out
    cands = [(i, c) for i in range(n) for c in (0, 1)]
    cof = np.stack([cofactor(reps, i, c, n) for i, c in cands], axis=1)  # (K, 2n)
    has = (find_pairs(cof.reshape(-1), n)[:, 0] >= 0).reshape(cof.shape)
    has &= np.repeat(sup, 2, axis=1)
    rows = np.flatnonzero(has.any(axis=1))
    if rows.size:
        j = has[rows].argmax(axis=1)
        chosen = cof[rows, j]
        refs = orbit_images(chosen, n).min(axis=1)
        for r, jj, ref in zip(rows, j, refs, strict=True):
            out[int(r)] = (*cands[int(jj)], int(ref))
    return out


def census_block(n: int, block: tuple[int, int]) -> dict[str, Any]:
    """One block of the census: the representatives among its candidates, each with its checked proof.

    Parameters
    ----------
    n : int
    block : (start, stop)
        A range of :func:`neurosim.learn.monotone.block_ranges` (ignored for n = 0).

    Returns
    -------
    dict
        ``candidates`` (how many monotone functions the block held) and ``classes`` (tuples of
        :class:`CensusClass` fields).
    """
    F = _candidates(n, block)
    reps = np.sort(F[canonical_mask(F, n)])
    orbit = _orbit_sizes(reps, n)
    sup = support(reps, n)
    pairs = find_pairs(reps, n)
    restr = _restrictions(reps, sup, n)
    classes = []
    for k, t in enumerate(int(v) for v in reps):
        if restr[k] is not None:
            kind, proof = "restriction", restr[k]
        elif pairs[k, 0] >= 0:
            kind, proof = "pair", tuple(int(v) for v in pairs[k])
        else:
            wt = find_weights(t, n)
            if wt is not None:
                kind, proof = "weights", (*wt[0], wt[1])
            else:
                P, Q = find_farkas(t, n)
                kind, proof = "farkas", (tuple(P.items()), tuple(Q.items()))
        classes.append((t, int(sup[k].sum()), int(orbit[k]), kind, proof))
    _check_pairs(reps, n, classes)
    return {"candidates": int(F.size), "classes": classes}


def _check_pairs(reps: np.ndarray, n: int, classes: list[tuple]) -> None:
    """Exact check of every pair proof of a block (weights and Farkas proofs are checked where found)."""
    from .boolean_functions import boolean_points

    pts = boolean_points(n)
    bits = word_bits(reps, n)
    for k, (t, _, _, kind, proof) in enumerate(classes):
        if kind != "pair":
            continue
        p1, p2, q1, q2 = proof
        ok = bits[k, p1] == bits[k, p2] == 1 and bits[k, q1] == bits[k, q2] == 0
        if not (ok and np.array_equal(pts[p1] + pts[p2], pts[q1] + pts[q2])):
            raise DataError(f"class {t:#x}: its 2-summable pair failed the exact check (a bug)")


def _census_block_task(shared: Any, block: tuple[int, int, int]) -> dict[str, Any]:
    n, start, stop = block
    return census_block(n, (start, stop))


def threshold_census(n: int, *, scheduler: str | Scheduler | None = None, progress: Any = None,
                     n_blocks: int | None = None) -> ThresholdCensus:
    """Classify every Boolean function of n ≤ 6 inputs as threshold or not, with a proof for each verdict.

    Parameters
    ----------
    n : int
        0 ≤ n ≤ 6.
    scheduler : str or Scheduler, optional
        Where the blocks of candidates run (:func:`neurosim.scale.run_blocks`); the census is the same.
    progress : callable, optional
        ``progress(blocks_done, n_blocks)``.
    n_blocks : int, optional
        Blocks to cut the candidates into (default :data:`CENSUS_BLOCKS`); the result does not depend on it.

    Returns
    -------
    ThresholdCensus
        ``count`` is 2, 4, 14, 104, 1882, 94572, 15028134 for n = 0…6 (OEIS A000609).

    Raises
    ------
    DataError
        n out of range, or (never expected) a proof that failed its check.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_WORD_INPUTS:
        raise DataError(f"the threshold census covers 0..{MAX_WORD_INPUTS} inputs, found n={n!r}")
    nb = n_blocks if n_blocks is not None else CENSUS_BLOCKS.get(n, 1)
    ranges = [(0, 1)] if n == 0 else block_ranges(n, nb)
    results = run_blocks(_census_block_task, [(n, a, b) for a, b in ranges], scheduler=scheduler,
                         progress=progress)
    classes = sorted((CensusClass(*c) for r in results for c in r["classes"]), key=lambda c: c.rep)
    candidates = sum(r["candidates"] for r in results)
    census = ThresholdCensus(n, tuple(classes), candidates)
    _check_census(census)
    return census


def _check_census(census: ThresholdCensus) -> None:
    """The checks that need the whole census: the orbits add up to M(n), and every restriction refers to a class
    with fewer inputs proven not threshold."""
    if sum(c.orbit for c in census.classes) != census.monotone:
        raise DataError("the classes' orbits do not add up to the monotone functions (a bug)")
    index = {c.rep: c for c in census.classes}
    for c in census.classes:
        if c.kind == "restriction":
            ref = index.get(c.proof[2])
            if ref is None or ref.threshold or ref.support >= c.support:
                raise DataError(f"class {c.rep:#x}: its restriction refers to no smaller non-threshold class (a bug)")
