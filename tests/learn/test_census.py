"""The threshold census: counts (OEIS A000609), its classes against brute force, proofs carried to single functions
(against the LP oracle), and the certificate checker on good and corrupted files."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.errors import ParseError
from neurosim.io import certificates_to_text, read_certificates
from neurosim.learn import (
    CensusCertificate,
    boolean_points,
    check_certificates,
    check_separability,
    count_threshold_functions,
    threshold_census,
)
from neurosim.learn.monotone import block_ranges, monotone_block, monotone_functions
from neurosim.learn.npn import canonical_mask, cofactor, dual, negate_input, orbit_images, permutation_steps, support
from neurosim.learn.threshold_proofs import find_farkas, find_pairs, word_bits


@pytest.fixture(scope="module")
def census5():
    return threshold_census(5)


def _bits(t: int, n: int) -> np.ndarray:
    return np.array([(t >> r) & 1 for r in range(1 << n)], dtype=np.uint8)


def _word(b) -> int:
    return sum(int(v) << r for r, v in enumerate(b))


def _row(x) -> int:
    return int("".join(str(int(v)) for v in x) or "0", 2)


# ---- the symmetries, against their definitions -----------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 3, 5])
def test_images_are_permutations_and_duals_by_definition(n):
    rng = np.random.default_rng(n)
    pts = boolean_points(n)
    T = rng.integers(0, 2 ** min(63, 1 << n), size=3, dtype=np.uint64)
    imgs = orbit_images(T, n)
    _, perms = permutation_steps(n)
    assert len(set(perms)) == len(perms) == int(np.prod(range(1, n + 1)))
    for f, row in zip(T, imgs, strict=True):
        fb = _bits(int(f), n)
        for k, perm in enumerate(perms):  # image k: g(y) = f(x) with y[p] = x[perm[p]]
            gb = np.zeros_like(fb)
            gb[[_row(x[list(perm)]) for x in pts]] = fb
            assert _word(gb) == int(row[k])
        assert int(row[len(perms)]) == _word(1 - fb[::-1])  # f^d(x) = ¬f(¬x)
        assert int(dual(np.array([f]), n)[0]) == _word(1 - fb[::-1])
        for i in range(n):
            flip = [_row(np.where(np.arange(n) == i, 1 - x, x)) for x in pts]
            assert int(negate_input(np.array([f]), i, n)[0]) == _word(fb[flip])
            for c in (0, 1):
                fix = [_row(np.where(np.arange(n) == i, c, x)) for x in pts]
                assert int(cofactor(np.array([f]), i, c, n)[0]) == _word(fb[fix])
            assert bool(support(np.array([f]), n)[0, i]) == (not np.array_equal(fb, fb[flip]))


@pytest.mark.parametrize("n", [3, 4])
def test_canonical_mask_picks_the_least_word_of_each_orbit(n):
    F = monotone_functions(n)
    reps = F[canonical_mask(F, n)]
    assert sorted(reps.tolist()) == sorted(set(orbit_images(F, n).min(axis=1).tolist()))


def test_monotone_functions_are_dedekinds_numbers_and_blocks_partition_them():
    assert [monotone_functions(n).size for n in range(6)] == [2, 3, 6, 20, 168, 7581]
    F = monotone_functions(4)
    bits = word_bits(F, 4)
    pts = boolean_points(4)
    above = (pts[:, None, :] <= pts[None, :, :]).all(axis=2)  # x ≤ y coordinatewise
    assert all(not (b[:, None] > b[None, :])[above].any() for b in bits)  # monotone, by definition
    parts = [monotone_block(5, a, b) for a, b in block_ranges(5, 4)]
    assert len(parts) == 4 and np.array_equal(np.sort(np.concatenate(parts)), monotone_functions(5))


# ---- counts and classes ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("n", "count"), [(0, 2), (1, 4), (2, 14), (3, 104), (4, 1882)])
def test_small_counts_and_the_threshold_set_equal_brute_force(n, count):
    census = threshold_census(n)
    assert census.count == count
    # every threshold class expanded (orbit × negations of its inputs) is exactly the per-function census
    found = set()
    for c in census.classes:
        if c.threshold:
            for g in set(orbit_images(np.array([c.rep], dtype=np.uint64), n)[0].tolist()):
                words = {g}
                for i in range(n):
                    words |= {int(negate_input(np.array([w], dtype=np.uint64), i, n)[0]) for w in words}
                found |= words
    assert found == set(np.flatnonzero(count_threshold_functions(n).threshold).tolist())


def test_five_inputs(census5):
    s = census5.summary()
    assert (s["count"], s["monotone"], s["classes"], s["functions"]) == (94572, 7581, 112, 2**32)
    assert sum(s["proofs"].values()) == 2**32 and s["proofs"]["weights"] == 94572
    assert s["classes_by_proof"] == {"weights": 63, "restriction": 38, "pair": 11, "farkas": 0}


def test_the_census_does_not_depend_on_the_blocks():
    assert threshold_census(4, n_blocks=5).classes == threshold_census(4).classes


# ---- one function's verdict, carried over from its class ---------------------------------------------------------
def _random_unate(rng, n, threshold: bool) -> int:
    pts = boolean_points(n)
    if threshold:
        w = rng.integers(-5, 6, size=n)
        return _word((pts @ w >= rng.integers(-5, 6)).astype(np.uint8))
    g = int(rng.choice(monotone_functions(n)))
    for i in np.flatnonzero(rng.integers(0, 2, size=n)):
        g = int(negate_input(np.array([g], dtype=np.uint64), int(i), n)[0])
    return g


def test_explain_matches_the_lp_oracle_on_every_kind(census5):
    rng = np.random.default_rng(5)
    pts = boolean_points(5)
    funcs = [_random_unate(rng, 5, True) for _ in range(12)] + [_random_unate(rng, 5, False) for _ in range(12)]
    funcs += [int(v) for v in rng.integers(0, 2**32, size=4)]
    kinds = set()
    for f in funcs:
        v = census5.explain(f)
        y = _bits(f, 5)
        assert v.check(), (hex(f), v)
        if 0 < y.sum() < 32:
            assert v.threshold == check_separability(pts, y).separable, hex(f)
        kinds.add(v.kind)
    assert {"weights", "not_unate", "restriction", "pair"} <= kinds


# ---- proofs and certificates ------------------------------------------------------------------------------------
def test_farkas_multisets_come_from_the_exact_certificate():
    xor3 = _word([bin(r).count("1") % 2 for r in range(8)])
    P, Q = find_farkas(xor3, 3)
    pts = boolean_points(3)
    assert sum(P.values()) == sum(Q.values())
    assert np.array_equal(sum(m * pts[r] for r, m in P.items()), sum(m * pts[r] for r, m in Q.items()))
    assert find_pairs(np.array([xor3], dtype=np.uint64), 3)[0, 0] >= 0


def test_certificates_round_trip_and_check(census5):
    text = certificates_to_text(census5.certificate())
    assert text.startswith("neurosim-threshold-census 1 n=5\nfunctions 4294967296\n")
    cert = read_certificates(text)
    res = check_certificates(cert)
    assert res.accepted and res.counts["threshold"] == 94572
    # a pair rewritten as a Farkas line (multiplicities) is still a proof
    k = next(i for i, c in enumerate(cert.classes) if c[1] == "pair")
    p1, p2, q1, q2 = cert.classes[k][2]
    far = (cert.classes[k][0], "farkas", (((p1, 1), (p2, 1)), ((q1, 1), (q2, 1))))
    counts = {**cert.counts, "pair": cert.counts["pair"] - census5.classes[k].functions,
              "farkas": census5.classes[k].functions}
    alt = CensusCertificate(5, counts, (*cert.classes[:k], far, *cert.classes[k + 1:]))
    assert check_certificates(alt).accepted
    assert check_certificates(read_certificates(certificates_to_text(alt))).accepted


def _corrupt(cert: CensusCertificate, k: int, entry=None, **counts) -> CensusCertificate:
    classes = list(cert.classes)
    if entry is None:
        del classes[k]
    else:
        classes[k] = entry
    return CensusCertificate(cert.n, {**cert.counts, **counts}, tuple(classes))


def test_the_checker_rejects_corrupted_certificates(census5):
    cert = census5.certificate()
    kinds = [c[1] for c in cert.classes]
    w = kinds.index("weights", 1)  # not the constant 0, which a larger θ would leave as it is
    r = kinds.index("restriction")
    p = kinds.index("pair")
    rep_w, _, proof_w = cert.classes[w]
    rep_p, _, (p1, p2, q1, q2) = cert.classes[p]
    member = max(int(v) for v in orbit_images(np.array([rep_w], dtype=np.uint64), 5)[0])
    threshold_rep = cert.classes[kinds.index("weights", w + 1)][0]
    assert rep_w != 0
    bad = {
        "weights": _corrupt(cert, w, (rep_w, "weights", (*proof_w[:-1], proof_w[-1] + 1))),
        "missing": _corrupt(cert, 3),
        "count": _corrupt(cert, -1, cert.classes[-1], threshold=94573),
        "pair": _corrupt(cert, p, (rep_p, "pair", (p1, q1, p2, q2))),
        "restriction": _corrupt(cert, r, (cert.classes[r][0], "restriction", (0, 0))),
        "not least": _corrupt(cert, w, (member, *cert.classes[w][1:])),
        "twice": _corrupt(cert, 0, (threshold_rep, *cert.classes[0][1:])),
    }
    for name, c in bad.items():
        res = check_certificates(c)
        assert not res.accepted and res.problem, name


@pytest.mark.parametrize(("edit", "where"), [
    (lambda t: t.replace("n=5", "n=9"), ":1:"),
    (lambda t: t.replace("\nmonotone 7581", "\nmonotone x"), ":3:10"),
    (lambda t: t.replace("80808000 T", "80808000 Q"), "expected a kind of proof"),
    (lambda t: t.replace("80808000 T 1 1 2 2 2 7", "80808000 T 1 1 2 2 7"), "expected 6 fields"),
    (lambda t: t.replace("80808000", "8080800"), "8 lowercase hex digits"),
    (lambda t: t.replace("\nmonotone 7581", "\nmonotone 758\u0661"), ":3:10"),  # an Arabic-Indic 1 is not read as 1
])
def test_malformed_files_are_located_parse_errors(census5, edit, where):
    text = certificates_to_text(census5.certificate())
    assert "80808000 T 1 1 2 2 2 7" in text
    with pytest.raises(ParseError, match=where):
        read_certificates(edit(text))
