"""CSV data sets: parsing, truth-table files, and one test per kind of bad input naming row and column."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import neurosim.io.datasets as dataset_mod
from neurosim.errors import DataError, ParseError
from neurosim.io.datasets import Dataset, load_dataset


def test_docstring_example_runs():
    assert doctest.testmod(dataset_mod).failed == 0


def test_minimal_two_rows():
    ds = load_dataset("x,y\n0,0\n1,1\n")
    assert ds.X.shape == (2, 1) and ds.X.dtype == np.float64
    assert ds.y.tolist() == [0.0, 1.0] and ds.classes == (0, 1)
    assert ds.rows == (0, 1) and ds.lines == (2, 3)


def test_and_table_with_comments_blank_lines_and_spaces():
    text = "# AND\n\n x1 , x2 , y \n0,0,0\n\n0,1,0\n# mid comment\n1,0,0\n1,1,1\n"
    ds = load_dataset(text)
    assert ds.feature_names == ("x1", "x2") and ds.label_name == "y"
    np.testing.assert_array_equal(ds.X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert ds.y.tolist() == [0, 0, 0, 1]
    assert ds.lines == (4, 6, 8, 9)


@pytest.mark.parametrize("labels, classes", [
    (["-1", "1", "1"], (-1, 1)),
    (["0.5", "2.5", "0.5"], (0.5, 2.5)),
])
def test_numeric_labels_keep_their_values(labels, classes):
    text = "a,lab\n" + "".join(f"{i},{v}\n" for i, v in enumerate(labels))
    ds = load_dataset(text)
    assert ds.y.tolist() == [float(v) for v in labels]
    assert ds.classes == classes
    assert ds.y_codes.tolist() == [classes.index(float(v)) for v in labels]


def test_string_labels_become_codes():
    ds = load_dataset("a,b,kind\n1,2,setosa\n3,4,virginica\n5,6,setosa\n")
    assert ds.classes == ("setosa", "virginica")
    assert ds.y.tolist() == [0, 1, 0] and ds.y_codes.tolist() == [0, 1, 0]


def test_label_by_name_takes_any_column():
    ds = load_dataset("y,a,b\n1,0.5,2\n0,1.5,3\n", label="y")
    assert ds.feature_names == ("a", "b") and ds.y.tolist() == [1, 0]
    np.testing.assert_array_equal(ds.X, [[0.5, 2], [1.5, 3]])


def test_truth_table_bar_column_is_dropped_and_dont_care_rows_skipped():
    text = "a,b,|,s,c\n0,0,|,0,-\n0,1,|,1,0\n1,0,|,1,x\n1,1,|,0,1\n"
    ds = load_dataset(text)
    assert ds.feature_names == ("a", "b") and ds.label_name == "c"
    assert ds.rows == (1, 3) and ds.y.tolist() == [0, 1]
    ds_s = load_dataset(text, label="s")
    assert ds_s.rows == (0, 1, 2, 3) and ds_s.y.tolist() == [0, 1, 1, 0]


def test_dataset_validates_when_built():
    with pytest.raises(DataError, match="shape"):
        Dataset(X=np.zeros((3, 2)), y=np.zeros(2), feature_names=("a", "b"), label_name="y")
    with pytest.raises(DataError, match="row 1, column 'b'"):
        Dataset(X=np.array([[0, 0], [0, np.inf]]), y=np.zeros(2), feature_names=("a", "b"), label_name="y")


@pytest.mark.parametrize("text, where, words", [
    ("", "d.csv:1:1", "header"),
    ("a,b,y\n0,0,0\n0,zz,1\n", "d.csv:3:3", "row 1, column 'b': expected a number, found 'zz'"),
    ("a,b,y\n0,,0\n1,1,1\n", "d.csv:2:3", "row 0, column 'b': expected a number, found an empty cell"),
    ("a,b,y\n0,nan,0\n", "d.csv:2:3", "row 0, column 'b': expected a finite number, found 'nan'"),
    ("a,b,y\n0,0,0\n1,-inf,1\n", "d.csv:3:3", "row 1, column 'b': expected a finite number"),
    ("a,b,y\n0,0,0\n1,1\n", "d.csv:3:4", "row 1 has 2 cells, expected 3"),
    ("a,b,y\n0,0,0,9\n", "d.csv:2:7", "row 0 has 4 cells, expected 3"),
    ("a,a,y\n0,0,0\n", "d.csv:1:3", "duplicate column name 'a'"),
    ("a,,y\n0,0,0\n", "d.csv:1:3", "column 2 of the header has no name"),
    ("a,b,y\n0,0,\n", "d.csv:2:5", "row 0, column 'y': expected a label"),
    ("y\n0\n1\n", "d.csv:1:1", "at least one feature column"),
    ("a,b,|\n0,0,|\n", "d.csv:1:5", "output columns after '|'"),
    ("a,|,y\n-,|,1\n", "d.csv:2:1", "row 0, column 'a': expected a number, found '-'"),
])
def test_parse_errors_name_line_column_and_row(text, where, words):
    with pytest.raises(ParseError) as info:
        load_dataset(text, source="d.csv")
    msg = str(info.value)
    assert msg.startswith(where + ": ") and words in msg and "\n" not in msg


def test_unknown_label_lists_choices():
    with pytest.raises(ParseError, match=r"no label column named 'q'; expected one of: a, b, y"):
        load_dataset("a,b,y\n0,0,1\n", label="q")


@pytest.mark.parametrize("text, words", [
    ("a,y\n", "no data rows"),
    ("a,y\n1,0\n2,0\n", "single class (0) in all 2 rows"),
    ("a,|,y\n0,|,-\n1,|,-\n", "no data rows"),
])
def test_data_errors(text, words):
    with pytest.raises(DataError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load_dataset(text, source="d.csv")


# ---- exact values (issue 10, item 2) --------------------------------------------------------------------------
def test_cells_are_kept_exactly_as_written():
    from fractions import Fraction

    ds = load_dataset("a,b,y\n0.29,9007199254740993,0\n-1.5e-3,1e-400,1\n1_000,.5,0\n")
    assert [ds.exact.row(i) for i in range(3)] == [
        (Fraction(29, 100), Fraction(2**53 + 1)), (Fraction(-3, 2000), Fraction(1, 10**400)),
        (Fraction(1000), Fraction(1, 2))]
    assert ds.X[0, 1] == 2.0**53 and ds.X[1, 1] == 0.0  # the floats round; the proofs use ds.exact
    np.testing.assert_array_equal(ds.exact.to_float(), ds.X)


def test_exact_defaults_to_the_floats_given():
    from fractions import Fraction

    ds = Dataset(X=np.array([[0.1], [2.0]]), y=np.array([0, 1]), feature_names=("a",), label_name="y")
    assert ds.exact.value(0, 0) == Fraction(0.1) != Fraction(1, 10)
    with pytest.raises(DataError, match="exact"):
        Dataset(X=np.zeros((2, 1)), y=np.zeros(2), feature_names=("a",), label_name="y", exact=ds.exact.take([0]))


def test_an_exponent_past_the_exact_limit_is_refused():
    with pytest.raises(ParseError, match=r"d.csv:3:3: row 1, column 'b': expected an exponent within ±4000"):
        load_dataset("a,b,y\n0,0,0\n1,1e-99999999,1\n", source="d.csv")
