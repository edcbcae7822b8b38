"""Truth-table files: CSV, Berkeley PLA and Logisim-evolution text, read and written, with round trips."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from neurosim.errors import DataError, ParseError
from neurosim.io.csv_tables import parse_csv, write_csv
from neurosim.io.logisim import parse_logisim, write_logisim
from neurosim.io.pla import parse_pla, write_pla
from neurosim.io.tables import load_table, sniff_table_format, table_to_text
from neurosim.logic.truthtable import TruthTable

from ..oracles.tables import truth_tables

EXAMPLES = Path(__file__).parents[2] / "examples"
BENCH = Path(__file__).parents[3] / "shared" / "benchmarks" / "pla"

FULL_ADDER = [[(a + b + c) % 2, (a + b + c) // 2] for a, b, c in itertools.product((0, 1), repeat=3)]


def _quiet(message: str) -> None:
    pass


# ---- bundled examples: each checked against the function it should hold ---------------------------------------
def _oracle(name: str):
    bits = {
        "full_adder.csv": lambda a, b, c: [(a + b + c) % 2, (a + b + c) // 2],
        "majority3.csv": lambda a, b, c: [int(a + b + c >= 2)],
        "parity4.csv": lambda a, b, c, d: [(a + b + c + d) % 2],
        "multiplier2.csv": lambda a1, a0, b1, b0: [int(x) for x in format((2 * a1 + a0) * (2 * b1 + b0), "04b")],
        "logisim_example.txt": lambda a1, a0, b1, b0: [int(2 * a1 + a0 < 2 * b1 + b0),
                                                       int(2 * a1 + a0 == 2 * b1 + b0),
                                                       int(2 * a1 + a0 > 2 * b1 + b0)],
    }
    return bits[name]


@pytest.mark.parametrize("name", ["full_adder.csv", "majority3.csv", "parity4.csv", "multiplier2.csv",
                                  "logisim_example.txt"])
def test_examples_hold_their_functions(name):
    t = load_table(EXAMPLES / name, warn=_quiet)
    expected = [_oracle(name)(*bits) for bits in itertools.product((0, 1), repeat=t.n_inputs)]
    assert t.to_values().tolist() == expected


def test_seven_segment_and_bcd_adder_examples():
    seg = load_table(EXAMPLES / "seven_segment.csv")
    v = seg.to_values()
    assert seg.outputs == tuple("abcdefg") and v[8].tolist() == [1] * 7 and v[1].tolist() == [0, 1, 1, 0, 0, 0, 0]
    assert (v[10:] == -1).all() and (v[:10] >= 0).all()
    add = load_table(EXAMPLES / "adder.pla")
    v = add.to_values()
    for d in range(10):
        for cin in range(2):
            s = d + cin
            assert v[2 * d + cin].tolist() == [int(b) for b in format(s % 10, "04b")] + [int(s >= 10)]
    assert (v[20:] == -1).all()


def test_bundled_examples_are_found_by_package_path():
    from neurosim.examples import path

    assert load_table(path("full_adder.csv")).to_values().tolist() == FULL_ADDER


# ---- every benchmark PLA loads, with the sizes of espresso_results.tsv ----------------------------------
def test_benchmark_plas_load_with_published_sizes():
    if not BENCH.is_dir():
        pytest.skip(f"benchmark PLAs not present at {BENCH}")
    with open(BENCH / "espresso_results.tsv") as fh:
        published = {row["name"]: row for row in csv.DictReader(fh, delimiter="\t")}
    files = sorted(BENCH.glob("*.pla"))
    assert len(files) == len(published)
    for path in files:
        warnings: list[str] = []
        t = load_table(path, warn=warnings.append)
        row = published[path.stem]
        assert (t.n_inputs, t.n_outputs) == (int(row["inputs"]), int(row["outputs"])), path.name
        assert len(t.rows) > 0 and not warnings, path.name


# ---- CSV ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "a,b,cin,|,s,cout\n",
    "a,b,cin|s,cout\n",
    " a , b , cin | s , cout \n",
    '"a","b","cin","|","s","cout"\n',
    "a;b;cin;|;s;cout\n",
    "a\tb\tcin\t|\ts\tcout\n",
])
def test_csv_header_variants(text):
    delim = ";" if ";" in text else "\t" if "\t" in text else ","
    body = "".join(delim.join([*map(str, bits), "|", *map(str, FULL_ADDER[k])]) + "\n"
                   for k, bits in enumerate(itertools.product((0, 1), repeat=3)))
    t = parse_csv(text + body)
    assert t.inputs == ("a", "b", "cin") and t.outputs == ("s", "cout")
    assert t.to_values().tolist() == FULL_ADDER


def test_csv_rows_without_bar_cells_and_outputs_option():
    body = "".join(",".join(map(str, [*bits, *FULL_ADDER[k]])) + "\n"
                   for k, bits in enumerate(itertools.product((0, 1), repeat=3)))
    t = parse_csv("a,b,cin,s,cout\n" + body, outputs=["cout", "s"])
    assert t.inputs == ("a", "b", "cin") and t.outputs == ("cout", "s")
    assert t.to_values().tolist() == [[c, s] for s, c in FULL_ADDER]
    last = parse_csv("a,b,cin,s,cout\n" + body, warn=_quiet)  # default: the last column is the output
    assert last.inputs == ("a", "b", "cin", "s") and last.outputs == ("cout",)
    with pytest.raises(ParseError, match="no column named 'q'"):
        parse_csv("a,b,y\n0,0,1\n", outputs=["q"])


def test_csv_outputs_option_selects_from_bar_header():
    t = load_table("a,b,|,x,y\n0,0,|,1,0\n0,1,|,0,1\n1,0,|,1,1\n1,1,|,0,0\n", outputs="y")
    assert t.outputs == ("y",) and t.to_values().ravel().tolist() == [0, 1, 1, 0]
    with pytest.raises(ParseError, match="no output column named 'a'"):
        load_table("a,b,|,x,y\n0,0,|,1,0\n", outputs="a")


def test_csv_comments_blank_lines_crlf_bom_and_dont_cares():
    text = "\ufeff# a comment\r\na,b,|,y\r\n\r\n0,0,|,1\r\n0,1,|,x\r\n1,-,|,0\r\n"
    t = parse_csv(text)
    assert t.to_values().ravel().tolist() == [1, -1, 0, 0]


def test_csv_identical_duplicates_are_fine():
    t = parse_csv("a,y\n0,1\n1,0\n0,1\n")
    assert t.to_values().ravel().tolist() == [1, 0] and len(t.rows) == 2


@pytest.mark.parametrize(("missing", "expected", "table_type"), [("zero", [0, 1, 0, 0], "fd"),
                                                                  ("dc", [-1, 1, -1, 0], "fdr")])
def test_csv_missing_rows_policy_warns_once(missing, expected, table_type):
    warnings: list[str] = []
    t = parse_csv("a,b,y\n0,1,1\n1,1,0\n", source="t.csv", missing=missing, warn=warnings.append)
    assert t.to_values().ravel().tolist() == expected and t.type == table_type
    assert len(warnings) == 1 and warnings[0].startswith("t.csv: 2 of 4 input rows missing")


def test_csv_missing_rows_counted_with_cubes():
    warnings: list[str] = []
    parse_csv("a,b,c,y\n1,-,-,1\n0,1,-,0\n0,0,1,1\n", missing="zero", warn=warnings.append)
    assert warnings == ["<string>: 1 of 8 input rows missing, read as 0 (first: a=0 b=0 c=0)"]


def test_csv_default_warning_goes_to_warnings_module():
    with pytest.warns(UserWarning, match="1 of 2 input rows missing"):
        parse_csv("a,y\n0,1\n")


def test_csv_writer_refuses_what_it_cannot_list():
    n = 17
    t = TruthTable(tuple(f"x{i}" for i in range(n)), ("y",), (("1" + "-" * (n - 1), "1"),), "fr")
    with pytest.raises(DataError, match="write it as PLA"):
        write_csv(t)
    wide = TruthTable(tuple(f"x{i}" for i in range(n)), ("y",), (("1" + "-" * (n - 1), "1"),), "fd")
    assert write_csv(wide).splitlines()[1] == ",".join("1" + "-" * (n - 1)) + ",|,1"


# ---- PLA ------------------------------------------------------------------------------------------------
def test_pla_planes_with_and_without_blanks_and_codes():
    text = "# c\n.i 2\n.o 3\n.ilb a b\n.ob x y z\n.p 3\n1-|1~0\n01 4-2\n0?3~1\n.end\nignored after end\n"
    t = parse_pla(text, warn=_quiet)
    assert t.rows == (("1-", "1~0"), ("01", "1--")) and t.type == "fd"  # '?' row covers nothing
    assert t.to_values().tolist() == [[0, 0, 0], [1, -1, -1], [1, 0, 0], [1, 0, 0]]


def test_pla_term_spanning_lines_as_espresso_allows():
    t = parse_pla(".i 2\n.o 4\n10 11\n00\n.e\n")
    assert t.rows == (("10", "1100"),)


def test_pla_warnings_p_count_and_unknown_keyword():
    warnings: list[str] = []
    parse_pla(".i 1\n.o 1\n.p 5\n.model foo\n1 1\n", source="w.pla", warn=warnings.append)
    assert warnings == ["w.pla:4:1: ignored unknown PLA keyword .model", "w.pla:3: .p says 5 product terms, found 1"]


def test_pla_angle_bracket_names_become_bus_bits():
    t = parse_pla(".i 2\n.o 1\n.ilb d<1> d<0>\n.ob v<0>\n11 1\n")
    assert t.inputs == ("d[1]", "d[0]") and t.outputs == ("v[0]",)
    assert write_pla(t).splitlines()[2:4] == [".ilb d<1> d<0>", ".ob v<0>"]  # the file's names go back


# ---- PLA as Berkeley Espresso 2.3 reads it (issue 10, item 7) -----------------------------------------------
def test_pla_comments_after_cubes_and_keywords():
    text = ".i 3 # three inputs\n.o 2\n.type fd # on and dc\n110 10 # first\n0-1 01#second\n.e\n"
    t = parse_pla(text, source="tms.pla")
    assert t.rows == (("110", "10"), ("0-1", "01")) and t.n_inputs == 3


def test_pla_names_of_any_non_blank_characters_get_safe_node_names_and_keep_their_own():
    t = parse_pla(".i 3\n.o 2\n.ilb CWP+1[2] a#1 1st\n.ob CWP_1[2] out/put # the outputs\n111 11\n.e\n")
    assert t.inputs == ("CWP_1[2]1", "a_1", "_1st") and t.outputs == ("CWP_1[2]", "out_put")
    assert t.label("CWP_1[2]1") == "CWP+1[2]" and t.label("CWP_1[2]") == "CWP_1[2]" and t.label("a_1") == "a#1"
    again = parse_pla(write_pla(t))
    assert write_pla(again) == write_pla(t) and ".ilb CWP+1[2] a#1 1st" in write_pla(t)
    from neurosim.logic import compile_table

    net = compile_table(t).net
    assert net.inputs == t.inputs  # the net uses the safe names


def test_pla_lines_before_the_size_are_skipped_as_espresso_does():
    warnings: list[str] = []
    t = parse_pla("ex4 benchmark, converted\n.i 1\n.o 1\n1 1\n.e\n", source="l.pla", warn=warnings.append)
    assert t.rows == (("1", "1"),)
    assert warnings == ["l.pla:1:1: ignored a line before .i and .o (as Espresso does)"]


@pytest.mark.parametrize("text, where, words", [
    (".i 2\n.o 2\n.ob y\n00 11\n", "3:1", "expected 2 output names after .ob, found 1"),
    (".i 2\n.o 1\n.ilb a b c\n00 1\n", "3:1", "expected 2 input names after .ilb, found 3"),
    (".i 2\n.o 1\n.ilb a a\n00 1\n", "3:8", "'a' is used twice"),
    (".i 2\n.o 1\n00 1 x\n", "3:6", "found 4 in all"),
    (".i 3 three\n.o 1\n", "1:4", "'3 three'"),
])
def test_pla_real_malformations_are_still_refused(text, where, words):
    with pytest.raises(ParseError) as info:
        parse_pla(text, source="m.pla", warn=_quiet)
    assert str(info.value).startswith(f"m.pla:{where}: ") and words in str(info.value), str(info.value)


@pytest.mark.parametrize(("table_type", "expected"), [("f", [0, 0, 1, 1]), ("fr", [0, -1, 1, 1])])
def test_pla_types(table_type, expected):
    t = parse_pla(f".i 2\n.o 1\n.type {table_type}\n1- 1\n11 -\n00 0\n.e\n")
    assert t.type == table_type and t.to_values().ravel().tolist() == expected


def test_pla_hundred_and_thirty_inputs_load_without_enumeration():
    n = 130
    text = f".i {n}\n.o 1\n" + "1" * n + " 1\n" + "-" * (n - 1) + "0 1\n.e\n"
    t = parse_pla(text)
    assert t.n_inputs == n and t.value((1 << n) - 1) == (1,) and t.value(1) == (0,) and t.value(0) == (1,)


def test_pla_writer_is_exact_and_byte_stable():
    t = load_table(EXAMPLES / "adder.pla")
    text = write_pla(t)
    assert parse_pla(text) == t and write_pla(parse_pla(text)) == text
    assert text.startswith(".i 5\n.o 5\n.ilb d3 d2 d1 d0 cin\n.ob s3 s2 s1 s0 cout\n.type fd\n.p 22\n")


# ---- Logisim-evolution -----------------------------------------------------------------------------------
def test_logisim_buses_hex_and_dont_cares():
    text = ("# Logisim\n  a  b[3..0] | y[1..0]\n~~~~~~~~~~~~~~~~~~~~\n 0   0000   |  10  # c\n"
            " 0   001x   |  x1\n 1   F      |  3\n 1   0-X-   |  00\n")
    t = parse_logisim(text, warn=_quiet)
    assert t.inputs == ("a", "b[3]", "b[2]", "b[1]", "b[0]") and t.outputs == ("y[1]", "y[0]")
    v = t.to_values()
    assert v[0].tolist() == [1, 0] and v[2].tolist() == v[3].tolist() == [-1, 1] and v[31].tolist() == [1, 1]
    assert v[16].tolist() == v[23].tolist() == [0, 0] and v[1].tolist() == [0, 0]


def test_logisim_writer_groups_buses_and_reads_back():
    t = load_table(EXAMPLES / "logisim_example.txt")
    text = write_logisim(t)
    assert "a[1..0] b[1..0] | lt eq gt" in text
    assert parse_logisim(text).to_values().tolist() == t.to_values().tolist()
    assert write_logisim(parse_logisim(text)) == text
    with pytest.raises(DataError, match=r"'x\.y'"):
        write_logisim(TruthTable(("x.y",), ("z",), ()))


# ---- load_table and table_to_text ---------------------------------------------------------------------------
def test_load_table_path_text_bytes_and_source(tmp_path):
    p = tmp_path / "fa.csv"
    p.write_text(write_csv(load_table(EXAMPLES / "full_adder.csv")))
    for arg in (p, str(p), p.read_bytes(), p.read_text()):
        assert load_table(arg).to_values().tolist() == FULL_ADDER
    with pytest.raises(ParseError, match=r"^<stdin>:2:1: "):
        load_table(b"a,y\n2,1\n", source="<stdin>")
    with pytest.raises(FileNotFoundError):
        load_table(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="missing must be"):
        load_table(p, missing="maybe")
    with pytest.raises(DataError, match="format must be"):
        load_table(p, fmt="xls")


@pytest.mark.parametrize(("text", "name", "fmt"), [
    (".i 2\n", None, "pla"), ("# c\n.i 2\n", None, "pla"), ("a,b\n", None, "csv"), ("a b | y\n", None, "logisim"),
    ("a b | y\n", "t.csv", "csv"), (".i 1\n", "t.txt", "pla"), ("", "t.txt", "logisim"), ("a;b\n", "t.pla", "pla"),
])
def test_sniffing(text, name, fmt):
    assert sniff_table_format(text, name) == fmt


def test_table_to_text_formats():
    t = TruthTable.from_values(("a", "b"), ("y",), np.array([[0], [1], [1], [-1]]))
    assert table_to_text(t, "csv") == "a,b,|,y\n0,1,|,1\n1,0,|,1\n1,1,|,-\n"
    assert table_to_text(t, "pla") == ".i 2\n.o 1\n.ilb a b\n.ob y\n.type fd\n.p 3\n01 1\n10 1\n11 -\n.e\n"
    with pytest.raises(DataError, match="'xlsx'"):
        table_to_text(t, "xlsx")


# ---- property tests: write, read back, same function ----------------------------------------------------------
@settings(max_examples=120, deadline=None)
@given(truth_tables(min_inputs=0, max_inputs=6, max_rows=10))
def test_pla_round_trip_is_exact(t):
    assert parse_pla(write_pla(t)) == t


@settings(max_examples=100, deadline=None)
@given(truth_tables(min_inputs=0, max_inputs=6, max_rows=10))
def test_csv_round_trip_keeps_semantics(t):
    text = table_to_text(t, "csv")
    back = load_table(text, fmt="csv", warn=_quiet)
    assert back.inputs == t.inputs and back.outputs == t.outputs
    assert (back.to_values() == t.to_values()).all()
    assert table_to_text(t, "csv") == text


@settings(max_examples=100, deadline=None)
@given(truth_tables(min_inputs=2, max_inputs=6, max_rows=10, names="bus"))
def test_logisim_round_trip_keeps_semantics(t):
    text = write_logisim(t)
    back = parse_logisim(text, warn=_quiet)
    assert back.inputs == t.inputs and back.outputs == t.outputs
    assert (back.to_values() == t.to_values()).all()
