"""TruthTable: validation, espresso(5) semantics per type, and packed() against the naive value() oracle."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.errors import DataError
from neurosim.logic.table_words import cube_ints, first_intersection, uncovered_cubes
from neurosim.logic.truthtable import TruthTable

from ..oracles.tables import truth_tables


def _naive_values(t: TruthTable) -> np.ndarray:
    return np.array([t.value(r) for r in range(1 << t.n_inputs)], dtype=np.int8).reshape(-1, t.n_outputs)


# ---- validation: edge cases first -----------------------------------------------------------------------
@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"outputs": ()}, "at least one output"),
    ({"type": "fx"}, "'fx'"),
    ({"inputs": ("a", "a")}, "'a' is used twice"),
    ({"inputs": ("a", "y")}, "'y' is used twice"),
    ({"inputs": ("a", "2b")}, "'2b'"),
    ({"outputs": ("y z",)}, "'y z'"),
    ({"rows": (("1", "1"),)}, "2 input and 1 output"),
    ({"rows": (("1x", "1"),)}, "'x'"),
    ({"rows": (("10", "5"),)}, "'5'"),
    ({"rows": (("10",),)}, "pair"),
])
def test_invalid_tables_name_the_culprit(kwargs, needle):
    base = {"inputs": ("a", "b"), "outputs": ("y",), "rows": (("1-", "1"),), "type": "fd"}
    base.update(kwargs)
    with pytest.raises(DataError, match=needle):
        TruthTable(**base)


def test_on_off_clash_is_an_error_for_r_types_only():
    rows = (("1-", "1"), ("11", "0"))
    with pytest.raises(DataError, match=r"rows 0 .* and 1"):
        TruthTable(("a", "b"), ("y",), rows, "fr")
    assert TruthTable(("a", "b"), ("y",), rows, "fd").to_values().ravel().tolist() == [0, 0, 1, 1]


def test_zero_inputs_is_a_constant():
    t = TruthTable((), ("y", "z"), (("", "1-"),), "fd")
    assert t.to_values().tolist() == [[1, -1]]
    on, care = t.packed(0, 2)
    assert on.tolist() == [[1, 0], [0, 0]] and care.tolist() == [[1, 0], [0, 0]]


def test_frozen_and_hashable():
    t = TruthTable(("a",), ("y",), (("1", "1"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.type = "f"  # type: ignore[misc]
    assert t == TruthTable(["a"], ["y"], [("1", "1")]) and hash(t) == hash(TruthTable(("a",), ("y",), (("1", "1"),)))


# ---- semantics: a worked example per type (espresso(5)) ----------------------------------------------------
# rows over inputs a b: '1-' gives 1, '11' gives '-', '00' gives '0', '01' gives '~'
ROWS = (("1-", "1"), ("11", "-"), ("00", "0"), ("01", "~"))


@pytest.mark.parametrize(("table_type", "expected"), [
    ("f", [0, 0, 1, 1]),      # '-' means nothing for type f; the rest is OFF
    ("fd", [0, 0, 1, -1]),    # DC wins over ON
    ("fr", [0, -1, 1, 1]),    # '01' is in no set: don't-care
    ("fdr", [0, -1, 1, -1]),
])
def test_type_semantics_worked_example(table_type, expected):
    t = TruthTable(("a", "b"), ("y",), ROWS, table_type)
    assert [t.value(r)[0] for r in range(4)] == expected
    assert t.to_values().ravel().tolist() == expected


def test_sets_and_masks():
    t = TruthTable(("a", "b", "c"), ("y", "z"), (("1-0", "1-"), ("011", "-0"), ("1--", "~1")), "fdr")
    assert t.on_cubes(0) == ("1-0",) and t.dc_cubes(0) == ("011",) and t.off_cubes(0) == ()
    assert t.on_cubes(1) == ("1--",) and t.dc_cubes(1) == ("1-0",) and t.off_cubes(1) == ("011",)
    on, dc, off = t.cube_masks(0)
    assert on == [(0b101, 0b100)] and dc == [(0b111, 0b011)] and off == []
    assert TruthTable(("a",), ("y",), (("1", "1"),)).off_cubes(0) is None
    assert TruthTable(("a",), ("y",), (("1", "1"),)).cube_masks(0)[2] is None


def test_select_outputs():
    t = TruthTable(("a", "b"), ("y", "z"), (("1-", "10"), ("01", "01")), "fd")
    s = t.select_outputs(["z"])
    assert s.outputs == ("z",) and s.rows == (("01", "1"),)
    assert (s.to_values()[:, 0] == t.to_values()[:, 1]).all()
    with pytest.raises(DataError, match="'w'"):
        t.select_outputs(["w"])


# ---- from_values / to_values ---------------------------------------------------------------------------
def test_from_values_worked_example():
    t = TruthTable.from_values(("a", "b"), ("y",), np.array([[0], [1], [-1], [1]]))
    assert t.rows == (("01", "1"), ("10", "-"), ("11", "1"))
    assert t.to_values().ravel().tolist() == [0, 1, -1, 1]


@pytest.mark.parametrize(("values", "needle"), [
    (np.zeros((3, 1)), r"shape \(2\*\*2, 1\)"),
    (np.array([[0], [2], [0], [0]]), "row 1, column 0"),
])
def test_from_values_refuses_bad_arrays(values, needle):
    with pytest.raises(DataError, match=needle):
        TruthTable.from_values(("a", "b"), ("y",), values)


def test_to_values_refuses_huge_tables():
    t = TruthTable(tuple(f"x{i}" for i in range(25)), ("y",), ())
    with pytest.raises(DataError, match="at most 24"):
        t.to_values()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 7), st.integers(1, 3), st.data())
def test_from_values_round_trip(n, m, data):
    values = np.array(data.draw(st.lists(st.lists(st.sampled_from([0, 1, -1]), min_size=m, max_size=m),
                                         min_size=1 << n, max_size=1 << n)), dtype=np.int8).reshape(1 << n, m)
    t = TruthTable.from_values([f"x{i}" for i in range(n)], [f"y{j}" for j in range(m)], values)
    assert (t.to_values() == values).all()


# ---- packed() against the naive oracle --------------------------------------------------------------------
@settings(max_examples=120, deadline=None)
@given(truth_tables(min_inputs=1, max_inputs=12, max_rows=10))
def test_packed_agrees_with_naive_value(t):
    n = t.n_inputs
    values = t.to_values()
    if n <= 8:
        assert (values == _naive_values(t)).all()
    else:  # spot-check: every row of the first and last words and a stride in between
        rows = sorted(set(range(64)) | set(range((1 << n) - 64, 1 << n)) | set(range(0, 1 << n, 97)))
        for r in rows:
            assert tuple(values[r]) == t.value(r)


@settings(max_examples=60, deadline=None)
@given(truth_tables(min_inputs=0, max_inputs=10, max_rows=8), st.data())
def test_packed_windows_are_slices_of_the_whole(t, data):
    whole_on, whole_care = t.packed(0, t.n_words)
    start = data.draw(st.integers(0, t.n_words + 2))
    length = data.draw(st.integers(0, 9))
    on, care = t.packed(start, length)
    assert on.shape == care.shape == (t.n_outputs, length) and on.dtype == np.uint64
    for w in range(length):
        expect = (whole_on[:, start + w], whole_care[:, start + w]) if start + w < t.n_words else (0, 0)
        assert (on[:, w] == expect[0]).all() and (care[:, w] == expect[1]).all()
    assert not (on & ~care).any()


@pytest.mark.parametrize("n", [0, 1, 3, 5])
def test_padding_rows_are_zero(n):
    t = TruthTable(tuple(f"x{i}" for i in range(n)), ("y",), (("-" * n, "1"),))
    on, care = t.packed(0, 1)
    assert int(on[0, 0]) == int(care[0, 0]) == (1 << (1 << n)) - 1


def test_packed_row_layout_first_input_is_msb():
    t = TruthTable(tuple(f"x{i}" for i in range(7)), ("y",), (("1000001", "1"),))  # row 65
    on, care = t.packed(0, 2)
    assert on[0].tolist() == [0, 2] and care[0].tolist() == [2**64 - 1, 2**64 - 1]


def test_packed_wide_table_spot_checks():
    rng = np.random.default_rng(3)
    n = 30
    rows = tuple(("".join(rng.choice(list("01-"), n, p=[0.2, 0.2, 0.6])), "".join(rng.choice(list("1-0"), 2)))
                 for _ in range(40))
    t = TruthTable(tuple(f"x{i}" for i in range(n)), ("y", "z"), rows, "fd")
    start = 12345
    on, care = t.packed(start, 256)
    for r in rng.integers(64 * start, 64 * (start + 256), 200):
        w, b = divmod(int(r) - 64 * start, 64)
        got = tuple(-1 if not (int(care[j, w]) >> b) & 1 else (int(on[j, w]) >> b) & 1 for j in range(2))
        assert got == t.value(int(r))


def test_hundred_inputs_without_enumeration():
    n = 100
    rows = (("1" + "-" * (n - 1), "1"), ("-" * (n - 1) + "0", "-"))
    t = TruthTable(tuple(f"x{i}" for i in range(n)), ("y",), rows)
    assert t.value(1 << (n - 1)) == (-1,) and t.value((1 << (n - 1)) + 1) == (1,) and t.value(1) == (0,)
    with pytest.raises(DataError, match="68 inputs"):
        t.packed(0, 1)


# ---- cube helpers -------------------------------------------------------------------------------------------
def test_cube_ints_and_intersection():
    assert cube_ints("1-0") == (0b101, 0b100) and cube_ints("") == (0, 0)
    a = [cube_ints(c) for c in ("1-0", "011")]
    b = [cube_ints(c) for c in ("000", "110")]
    assert first_intersection(a, b, 3) == (0, 1)
    assert first_intersection(a[1:], b, 3) is None


@pytest.mark.parametrize("n", [1, 3, 4])
def test_uncovered_cubes_exhaustive(n):
    for cubes in itertools.combinations(["".join(p) for p in itertools.product("01-", repeat=n)], 2):
        pieces = uncovered_cubes(n, [cube_ints(c) for c in cubes])
        covered = {r for r in range(1 << n) for c in cubes
                   if all(ch == "-" or ch == b for ch, b in zip(c, format(r, f"0{n}b"), strict=True))}
        listed = [r for r in range(1 << n) for c, v in pieces if (r & c) == v]
        assert sorted(listed) == sorted(set(range(1 << n)) - covered)  # disjoint and exact
