"""The bit-parallel exhaustive engine against the naive 1943 rule, the stepping engine and word-level oracles."""

from __future__ import annotations

import functools
import itertools
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.backend import to_numpy
from neurosim.core._bitkernels import KERNELS, PATTERNS, at_least, kernel_cost, pick_kernel
from neurosim.core.bitsim import (
    Counterexample,
    ExhaustiveResult,
    check_exhaustive,
    packed_chunk,
    packed_truth_table,
    truth_table,
    verify_exhaustive,
)
from neurosim.core.mp import MPNet, MPUnit, and_unit, not_unit, or_unit
from neurosim.core.packed import pack_rows, unpack_rows
from neurosim.core.simulate import evaluate
from neurosim.errors import DataError, InvalidNetworkError

from ..oracles.reference import reference_evaluate

ALL = (1 << 64) - 1


def all_rows(n: int) -> np.ndarray:
    """(2**n, n) 0/1 rows in table order: row r spells r with the first input as the top bit."""
    r = np.arange(1 << n)
    return ((r[:, None] >> np.arange(n - 1, -1, -1)[None, :]) & 1).astype(np.uint8)


def reference_table(net: MPNet) -> np.ndarray:
    n = len(net.inputs)
    return np.array([reference_evaluate(net, row) for row in all_rows(n)], dtype=np.uint8).reshape(
        1 << n, len(net.outputs))


# ---- packing helpers -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("n_rows", [0, 1, 5, 63, 64, 65, 200])
def test_pack_unpack_round_trip(n_rows):
    bits = np.random.default_rng(n_rows).integers(0, 2, (3, n_rows), dtype=np.uint8)
    words = pack_rows(bits)
    assert words.dtype == np.uint64 and words.shape == (3, max(1, -(-n_rows // 64)))
    assert np.array_equal(unpack_rows(words, n_rows), bits)
    if n_rows:
        assert int(words[0, 0]) & 1 == bits[0, 0]  # row 0 is bit 0 of word 0


def test_unpack_rejects_too_many_rows():
    with pytest.raises(ValueError, match="exceeds"):
        unpack_rows(np.zeros(1, np.uint64), 65)


def test_input_patterns_follow_the_packed_convention():
    # an input at bit position p of the row index has bit b of every word equal to (b >> p) & 1
    assert PATTERNS[0] == 0xAAAAAAAAAAAAAAAA and PATTERNS[1] == 0xCCCCCCCCCCCCCCCC
    assert PATTERNS[2] == 0xF0F0F0F0F0F0F0F0 and PATTERNS[5] == 0xFFFFFFFF00000000


# ---- the threshold kernels over every small weight vector --------------------------------------------------
@pytest.mark.parametrize("kernel", sorted(KERNELS))
@pytest.mark.parametrize("weights", [w for k in range(1, 5) for w in itertools.product((1, 2, 3), repeat=k)])
def test_threshold_kernels_count_exactly(kernel, weights):
    # source j is the pattern input j: the word's bit b carries source values (b >> j) & 1 for j < 4
    sources = [(PATTERNS[j], w) for j, w in enumerate(weights)]
    counts = [sum(w for j, w in enumerate(weights) if (b >> j) & 1) for b in range(64)]
    for theta in range(0, sum(weights) + 2):
        want = sum(1 << b for b in range(64) if counts[b] >= theta)
        got = at_least(np, sources, theta, kernel=kernel)
        assert int(got) == want, (weights, theta)


def test_kernel_costs_are_counted_exactly():
    # majority of 3 by the counting programme: ge1 = x0; ge2 = ge1 & x1; ge1 |= x1; ge2 |= ge1 & x2
    assert kernel_cost("dp", (1, 1, 1), 2) == 4
    # by the adder: one full adder (5 operations); comparing with θ = 0b10 folds away
    assert kernel_cost("adder", (1, 1, 1), 2) == 5
    assert pick_kernel((1, 1, 1), 2) == "dp"
    assert pick_kernel((1,) * 20, 10) == "adder"
    assert kernel_cost("adder", (1,) * 20, 10) < kernel_cost("dp", (1,) * 20, 10) // 2


# ---- every 2- and 3-input single unit ------------------------------------------------------------------------
def single_units():
    # each input: absent, excitatory weight 1, excitatory weight 2, or inhibitory
    for n in (2, 3):
        names = "abc"[:n]
        for roles in itertools.product(("-", "e1", "e2", "i"), repeat=n):
            exc = [s for s, r in zip(names, roles, strict=True) for _ in range({"e1": 1, "e2": 2}.get(r, 0))]
            inh = [s for s, r in zip(names, roles, strict=True) if r == "i"]
            for theta in range(5):
                yield MPNet(tuple(names), (MPUnit("u", theta, tuple(exc), tuple(inh)),), {"y": "u"})


def test_every_small_single_unit_matches_the_reference(backend):
    nets = list(single_units())
    assert len(nets) == 5 * (4**2 + 4**3)
    for net in nets:
        assert np.array_equal(truth_table(net, backend=backend), reference_table(net)), net.units[0]


# ---- edge cases ----------------------------------------------------------------------------------------------
def test_no_inputs_gives_one_row(backend):
    net = MPNet((), (MPUnit("one", 0), MPUnit("zero", 1)), {"a": "one", "b": "zero"})
    assert truth_table(net, backend=backend).tolist() == [[1, 0]]
    assert packed_truth_table(net, backend=backend).tolist() == [[1], [0]]  # padding rows stay 0


def test_outputs_may_read_inputs_and_padding_is_zero(backend):
    net = MPNet(("a", "b"), (not_unit("na", "a"),), {"a": "a", "b": "b", "na": "na"})
    packed = packed_truth_table(net, backend=backend)
    assert packed.shape == (3, 1)
    assert [int(w) for w in packed[:, 0]] == [0b1100, 0b1010, 0b0011]


def test_cycles_are_refused(backend):
    net = MPNet(("a",), (or_unit("p", ["a", "q"]), or_unit("q", ["p"])), {"y": "q"})
    with pytest.raises(InvalidNetworkError, match="cycle"):
        packed_truth_table(net, backend=backend)


def test_tables_too_large_to_hold_are_refused():
    net = MPNet(tuple(f"x{i}" for i in range(34)), (), {"y": "x0"})
    with pytest.raises(DataError, match="check_exhaustive"):
        packed_truth_table(net)
    with pytest.raises(DataError, match="at most 24 inputs"):
        truth_table(MPNet(tuple(f"x{i}" for i in range(25)), (), {"y": "x0"}))


@pytest.mark.parametrize("chunk", [0, -1, 1.5, True])
def test_bad_chunk_sizes_are_refused(chunk):
    net = MPNet(("a",), (), {"y": "a"})
    with pytest.raises(DataError, match="chunk_words"):
        packed_truth_table(net, chunk_words=chunk)


# ---- random layered nets -------------------------------------------------------------------------------------
@st.composite
def layered_nets(draw, max_inputs: int = 9) -> MPNet:
    """Layers of units over inputs and earlier layers: random thresholds, multisets and inhibitors."""
    n = draw(st.integers(1, max_inputs))
    pool = [f"x{i}" for i in range(n)]
    inputs = tuple(pool)
    units = []
    for layer in range(draw(st.integers(1, 3))):
        new = []
        for j in range(draw(st.integers(1, 4))):
            exc = draw(st.lists(st.sampled_from(pool), max_size=7))
            inh = draw(st.lists(st.sampled_from(pool), max_size=2))
            theta = draw(st.integers(0, len(exc) + 1))
            units.append(MPUnit(f"u{layer}_{j}", theta, tuple(exc), tuple(inh)))
            new.append(units[-1].name)
        pool += new
    nodes = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    return MPNet(inputs, tuple(units), tuple((f"y{k}", node) for k, node in enumerate(nodes)))


@settings(max_examples=60, deadline=None)
@given(net=layered_nets(), chunk=st.sampled_from([1, 2, 3, 8192]))
def test_random_nets_match_reference_and_stepping_engine(backend, net, chunk):
    n = len(net.inputs)
    table = truth_table(net, backend=backend, chunk_words=chunk)
    assert np.array_equal(table, reference_table(net))
    stepped = to_numpy(evaluate(net, all_rows(n), backend=backend))
    assert np.array_equal(table, stepped)


@pytest.mark.parametrize("n", [10, 13])
def test_chunk_sizes_agree(backend, n):
    rng = np.random.default_rng(n)
    inputs = tuple(f"x{i}" for i in range(n))
    units = []
    for j in range(12):
        pool = list(inputs) + [u.name for u in units]
        exc = tuple(rng.choice(pool, size=rng.integers(1, 7)))
        inh = tuple(rng.choice(pool, size=rng.integers(0, 2)))
        units.append(MPUnit(f"u{j}", int(rng.integers(1, len(exc) + 1)), exc, inh))
    net = MPNet(inputs, tuple(units), {f"y{k}": units[-1 - k].name for k in range(3)})
    tables = [packed_truth_table(net, backend=backend, chunk_words=c) for c in (1, 3, 5, 7, 64, 1 << 13)]
    for t in tables[1:]:
        assert np.array_equal(t, tables[0])
    assert np.array_equal(unpack_rows(tables[0], 1 << n).T, reference_table(net) if n <= 10 else
                          to_numpy(evaluate(net, all_rows(n), backend=backend)))
    assert np.array_equal(to_numpy(packed_chunk(net, 3, 5, backend=backend)), tables[0][:, 3:8])


# ---- check_exhaustive ----------------------------------------------------------------------------------------
FULL_ADDER = MPNet(
    ("a", "b", "cin"),
    (MPUnit("carry", 2, ("a", "b", "cin")), MPUnit("all3", 3, ("a", "b", "cin")),
     MPUnit("odd1", 1, ("a", "b", "cin"), ("carry",)), or_unit("sum", ["odd1", "all3"])),
    {"s": "sum", "c": "carry"})


class Table:
    """A packed table with the compiler's interface, from (2**n, m) bits and a care mask."""

    def __init__(self, inputs, outputs, bits, care=None):
        self.inputs, self.outputs = tuple(inputs), tuple(outputs)
        self.on = pack_rows(np.asarray(bits).T)
        self.care = pack_rows(np.ones_like(bits).T if care is None else np.asarray(care).T)

    def packed(self, start, n_words):
        return self.on[:, start:start + n_words], self.care[:, start:start + n_words]


def adder_bits():
    rows = all_rows(3)
    total = rows.sum(axis=1)
    return np.stack([total % 2, total // 2], axis=1)


def test_a_correct_table_passes(backend):
    report = verify_exhaustive(FULL_ADDER, Table(("a", "b", "cin"), ("s", "c"), adder_bits()), backend=backend)
    assert isinstance(report, ExhaustiveResult) and report.ok and report.rows == 8 and report.seconds >= 0
    assert report.engine == f"bitsim/{backend.name}"


def test_outputs_are_matched_by_name(backend):
    table = Table(("a", "b", "cin"), ("c", "s"), adder_bits()[:, ::-1])
    assert check_exhaustive(FULL_ADDER, table, backend=backend) is None


@pytest.mark.parametrize("chunk", [1, 8192])
def test_the_first_mismatch_is_found(backend, chunk):
    # a big net so the wrong rows fall in different words and chunks
    n = 12
    inputs = tuple(f"x{i}" for i in range(n))
    net = MPNet(inputs, (MPUnit("m", 6, inputs), and_unit("t", ["x0", "x11"], ["x5"])), {"p": "m", "q": "t"})
    bits = reference_table(net)
    wrong = bits.copy()
    wrong[3000, 1] ^= 1
    wrong[2100, 0] ^= 1
    wrong[2100, 1] ^= 1
    care = np.ones_like(bits)
    care[100, 0] = 0
    wrong[100, 0] ^= 1  # a don't-care row may say anything
    mm = check_exhaustive(net, Table(inputs, ("p", "q"), wrong, care), backend=backend, chunk_words=chunk)
    assert isinstance(mm, Counterexample)
    assert (mm.row, mm.output, mm.expected, mm.got) == (2100, "p", int(wrong[2100, 0]), int(bits[2100, 0]))
    assert mm.inputs == {name: int(v) for name, v in zip(inputs, all_rows(n)[2100], strict=True)}
    assert "row 2100" in str(mm) and "'p'" in str(mm)


def test_a_plain_callable_works(backend):
    want = pack_rows(adder_bits().T)
    flipped = want.copy()
    flipped[1, 0] ^= np.uint64(1 << 7)  # carry on row 7 (1,1,1) claimed 0
    ones = np.full_like(want, 0xFF)
    assert check_exhaustive(FULL_ADDER, lambda s, k: (want[:, s:s + k], ones[:, s:s + k]), backend=backend) is None
    mm = check_exhaustive(FULL_ADDER, lambda s, k: (flipped[:, s:s + k], ones[:, s:s + k]), backend=backend)
    assert (mm.row, mm.output, mm.expected, mm.got) == (7, "c", 0, 1)


@pytest.mark.parametrize(("inputs", "outputs", "match"), [
    (("b", "a", "cin"), ("s", "c"), "inputs"),
    (("a", "b"), ("s", "c"), "inputs"),
    (("a", "b", "cin"), ("s", "carry"), "outputs"),
])
def test_mismatched_names_are_refused(inputs, outputs, match):
    table = Table(inputs, outputs, adder_bits())
    with pytest.raises(DataError, match=match):
        check_exhaustive(FULL_ADDER, table)


def test_wrong_shapes_from_the_table_are_refused():
    with pytest.raises(DataError, match=r"shape \(2, 1\)"):
        check_exhaustive(FULL_ADDER, lambda s, k: (np.zeros((1, k), np.uint64), np.zeros((2, k), np.uint64)))
    with pytest.raises(DataError, match="callable"):
        check_exhaustive(FULL_ADDER, 42)


def test_progress_reports_rows(backend):
    calls = []
    net = MPNet(tuple(f"x{i}" for i in range(10)), (), {"y": "x3"})
    packed_truth_table(net, backend=backend, progress=lambda d, t: calls.append((d, t)), chunk_words=4)
    assert calls == [(256 * (k + 1), 1024) for k in range(4)]


# ---- n = 30 through check_exhaustive, against a word-level oracle --------------------------------------------
@functools.cache
def periodic_input(p: int, n_words: int) -> np.ndarray:
    """Words 0 .. n_words-1 of the input at bit position p >= 6: bit p - 6 of the word index, spread to 64 bits.

    In chunks of 2**j aligned words an input varying inside a chunk has a period dividing it: every chunk sees
    these same words.
    """
    w = np.arange(n_words, dtype=np.uint64)
    return ((w >> np.uint64(p - 6)) & np.uint64(1)) * np.uint64(ALL)


def word_inputs(n: int, start: int, n_words: int) -> list:
    """Each input's words over an aligned power-of-two chunk, straight from the convention: row = 64 word + bit.

    An input that is the same word all over the chunk is a NumPy scalar (it broadcasts), to keep this oracle fast.
    """
    assert n_words & (n_words - 1) == 0 and start % n_words == 0
    out = []
    for i in range(n):
        p = n - 1 - i
        if p < 6:
            out.append(np.uint64(sum(1 << b for b in range(64) if (b >> p) & 1)))
        elif (1 << (p - 6)) >= n_words:  # constant over the chunk
            out.append(np.uint64(ALL if (start >> (p - 6)) & 1 else 0))
        else:
            out.append(periodic_input(p, n_words))
    return out


def thirty_input_net() -> MPNet:
    x = [f"x{i}" for i in range(30)]
    units = (
        and_unit("t1", [x[0], x[29]], [x[15]]),
        MPUnit("t2", 3, (x[1], x[1], x[2], x[28], x[27])),
        or_unit("t3", [x[3], x[26]]),
        MPUnit("t4", 2, ("t1", "t2", "t3"), (x[14],)),
        not_unit("t5", x[5]),
        and_unit("t6", ["t5", x[20], x[25]]),
        or_unit("t7", ["t4", "t6"]),
        MPUnit("t8", 3, (x[10], x[11], x[12], x[13], x[29])),
        and_unit("t9", ["t8", x[9]], [x[8]]),
        and_unit("t11", ["t7", "t9"]),
        MPUnit("t10", 1, ("t7", "t9"), ("t11",)),
    )
    return MPNet(tuple(x), units, {"y0": "t7", "y1": "t9", "y2": "t10"})


def thirty_input_oracle(start: int, n_words: int) -> tuple[np.ndarray, np.ndarray]:
    x = word_inputs(30, start, n_words)
    t1 = x[0] & x[29] & ~x[15]
    t2 = (x[1] & (x[2] | x[28] | x[27])) | (x[2] & x[28] & x[27])
    t3 = x[3] | x[26]
    t4 = ((t1 & t2) | (t1 & t3) | (t2 & t3)) & ~x[14]
    t7 = t4 | (~x[5] & x[20] & x[25])
    five = [x[10], x[11], x[12], x[13], x[29]]
    t8 = np.zeros(n_words, np.uint64)  # at least 3 of 5: the OR of every AND of three
    for a, b, c in itertools.combinations(five, 3):
        t8 |= a & b & c
    t9 = t8 & x[9] & ~x[8]
    on = np.stack(np.broadcast_arrays(t7, t9, t7 ^ t9, np.zeros(n_words, np.uint64))[:3])
    return on, np.full_like(on, ALL)


def test_thirty_inputs_exhaustively(backend):
    net = thirty_input_net()
    assert len(net.units) == 11
    t0 = time.perf_counter()
    report = verify_exhaustive(net, thirty_input_oracle, backend=backend)
    assert report.ok and report.rows == 1 << 30, report.mismatch
    assert time.perf_counter() - t0 < 60

    def late_flip(start, n_words):  # the net's own words, with y2 claimed wrong on one late row
        on = to_numpy(packed_chunk(net, start, n_words, backend=backend))
        care = np.full_like(on, ALL)
        row = (1 << 30) - 3
        if start <= row // 64 < start + n_words:
            on[2, row // 64 - start] ^= np.uint64(1 << (row % 64))
        return on, care

    mm = check_exhaustive(net, late_flip, backend=backend, chunk_words=1 << 15)
    assert mm is not None and (mm.row, mm.output) == ((1 << 30) - 3, "y2")
    assert mm.inputs["x0"] == 1 and mm.inputs["x28"] == 0 and mm.inputs["x29"] == 1


def test_memory_stays_bounded_by_the_chunk(backend):
    import tracemalloc

    n = 28  # 2**28 rows: a packed table alone would be 32 MiB per output
    inputs = tuple(f"x{i}" for i in range(n))
    net = MPNet(inputs, (and_unit("t", ["x0", "x20", "x27"], ["x13"]), or_unit("o", ["t", "x22"])), {"y": "o"})

    def anything(start, n_words):  # no care rows: only the engine's own memory counts
        z = np.zeros((1, n_words), np.uint64)
        return z, z

    tracemalloc.start()
    try:
        report = verify_exhaustive(net, anything, backend=backend, chunk_words=1 << 12)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.ok and report.rows == 1 << n
    assert peak < 4 << 20, peak  # a few chunk-sized arrays (32 KiB each), far below the table's size
