"""The bad-input corpus (tests/bad_inputs/) and fuzzing: every table parser fails with a located ParseError.

Each corpus file must give ``file:line:col: message`` (or ``file: message`` for whole-file faults such as an
empty file) naming the culprit; random and mutated inputs may raise only neurosim errors.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurosim.errors import NeurosimError, ParseError
from neurosim.io.csv_tables import parse_csv
from neurosim.io.logisim import parse_logisim
from neurosim.io.pla import parse_pla
from neurosim.io.tables import load_table

CORPUS = Path(__file__).parent / "bad_inputs"
EXAMPLES = Path(__file__).parents[2] / "examples"

#: file -> (where: "line:col" or "file", a fragment of the message naming the culprit)
EXPECTED: dict[str, tuple[str, str]] = {
    "csv_ragged_short.csv": ("3:10", "expected 5 values"),
    "csv_ragged_long.csv": ("3:7", "found 4"),
    "csv_ragged_before_bar.csv": ("3:3", "2 input values before '|', found 1"),
    "csv_bad_value.csv": ("3:3", "found '2'"),
    "csv_bad_value_word.csv": ("2:5", "found 'true'"),
    "csv_bad_value_empty.csv": ("2:3", "for 'b', found ''"),
    "csv_conflict.csv": ("7:1", "conflicts with line 5 (output cout: 0 vs 1)"),
    "csv_overlap_conflict.csv": ("4:1", "conflicts with line 2 (output y: 0 vs 1"),
    "csv_bad_name.csv": ("1:3", "'b c'"),
    "csv_name_digit.csv": ("1:3", "'1b'"),
    "csv_name_symbol.csv": ("1:5", "'y+z'"),
    "csv_duplicate_name.csv": ("1:5", "'a' is used twice"),
    "csv_missing_name.csv": ("1:3", "column 2 has no name"),
    "csv_empty.csv": ("file", "empty CSV file"),
    "csv_blank.csv": ("file", "empty CSV file"),
    "csv_header_only.csv": ("2:1", "expected rows"),
    "csv_two_bars.csv": ("1:7", "at most one '|'"),
    "csv_row_two_bars.csv": ("2:7", "at most one '|'"),
    "csv_nul.csv": ("2:4", "NUL byte"),
    "csv_binary.csv": ("2:5", "byte 0xff"),
    "pla_width_inputs.pla": ("4:1", "expected 3 input characters, found 2"),
    "pla_width_outputs.pla": ("4:5", "expected 2 output characters, found 3"),
    "pla_width_total.pla": ("4:5", "found 5 in all"),
    "pla_width_continued.pla": ("3:5", "expected 2 output characters, found 1"),
    "pla_truncated_term.pla": ("4:5", "expected 2 output characters, found 1"),
    "pla_unknown_type.pla": ("3:7", "'fx'"),
    "pla_type_after_terms.pla": ("4:1", ".type before the first product term"),
    "pla_mv.pla": ("1:1", ".mv is not supported"),
    "pla_kiss.pla": ("3:1", ".kiss is not supported"),
    "pla_label.pla": ("3:1", ".label is not supported"),
    "pla_symbolic.pla": ("3:1", ".symbolic is not supported"),
    "pla_phase.pla": ("3:1", ".phase is not supported"),
    "pla_empty.pla": ("file", "empty PLA file"),
    "pla_comments_only.pla": ("file", "empty PLA file"),
    "pla_no_size.pla": ("file", "expected .i and .o"),  # Espresso skips lines before the size: then none
    "pla_no_outputs.pla": ("file", "expected .o"),
    "pla_bad_input_char.pla": ("3:2", "found 'x'"),
    "pla_bad_output_char.pla": ("3:5", "found '7'"),
    "pla_bad_count.pla": ("1:4", "'three'"),
    "pla_ilb_count.pla": ("3:1", "expected 3 input names"),
    "pla_ilb_before_i.pla": ("1:1", "expected .i before .ilb"),
    "pla_duplicate_name.pla": ("4:5", "'a' is used twice"),
    "pla_on_off.pla": ("6:1", "conflicts with line 4"),
    "pla_repeated_i.pla": ("2:1", ".i given twice"),
    "pla_nul.pla": ("3:3", "NUL byte"),
    "pla_binary.pla": ("3:1", "byte 0x89"),
    "pla_random_bytes.pla": ("2:118", "byte 0x80"),
    "logisim_no_bar.txt": ("1:6", "expected '|'"),
    "logisim_bad_bit.txt": ("4:3", "found '2'"),
    "logisim_ragged.txt": ("4:3", "no value for b"),
    "logisim_ragged_outputs.txt": ("2:9", "found more ('1')"),
    "logisim_missing_bar.txt": ("2:5", "expected '|' after 2 input columns"),
    "logisim_bad_name.txt": ("1:3", "'b$'"),
    "logisim_bad_range.txt": ("1:1", "'a[0..1]'"),
    "logisim_bus_width.txt": ("2:1", "found '001'"),
    "logisim_hex_too_big.txt": ("2:1", "hex value '9'"),
    "logisim_conflict.txt": ("4:1", "conflicts with line 2 (output y: 0 vs 1)"),
    "logisim_two_bars.txt": ("1:7", "found a second"),
    "logisim_no_outputs.txt": ("1:6", "expected output names"),
    "logisim_empty.txt": ("file", "empty truth table"),
    "logisim_header_only.txt": ("2:1", "expected rows"),
    "logisim_binary.txt": ("1:1", "byte 0xc3"),
}


def test_corpus_is_complete():
    """The table files of the corpus; the other files are the command-line cases of tests/cli/test_bad_inputs.py."""
    tables = sorted(p.name for p in CORPUS.iterdir() if p.name.startswith(("csv_", "pla_", "logisim_")))
    from tests.cli.test_bad_inputs import CASES

    cli = {a[1:] for args, _ in CASES.values() for a in args if a.startswith("%")}
    assert sorted(set(tables) - cli) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gives_located_parse_error(name):
    where, culprit = EXPECTED[name]
    path = CORPUS / name
    with pytest.raises(ParseError) as ei:
        load_table(path, warn=lambda message: None)
    text = str(ei.value)
    prefix = f"{path}: " if where == "file" else f"{path}:{where}: "
    assert text.startswith(prefix), text
    assert culprit in text, text
    assert "\n" not in text


def test_missing_rows_error_is_whole_file_and_names_first_gap():
    with pytest.raises(ParseError, match=r"^t\.csv: 1 of 4 input rows are missing \(first: a=0 b=1\)"):
        load_table("a,b,y\n0,0,1\n1,-,0\n", source="t.csv", missing="error")


# ---- fuzzing ---------------------------------------------------------------------------------------------
PARSERS = {"csv": parse_csv, "pla": parse_pla, "logisim": parse_logisim}
ALPHABET = st.sampled_from([*list("01-x~|,.#\n \t2345?ab_[]:"), ".i ", ".o ", ".type ", ".e", ".ilb ", "\r"])


def _only_neurosim_errors(call) -> None:
    with contextlib.suppress(NeurosimError):
        call()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(sorted(PARSERS)), text=st.lists(ALPHABET, max_size=60).map("".join))
def test_fuzz_random_text(fmt, text):
    _only_neurosim_errors(lambda: PARSERS[fmt](text, source="f", warn=lambda m: None))


@settings(max_examples=150, deadline=None)
@given(fmt=st.sampled_from(sorted(PARSERS)), data=st.binary(max_size=80))
def test_fuzz_random_bytes(fmt, data):
    _only_neurosim_errors(lambda: load_table(data, fmt=fmt, warn=lambda m: None))


VALID = [EXAMPLES / n for n in ("full_adder.csv", "seven_segment.csv", "adder.pla", "logisim_example.txt")]


@settings(max_examples=300, deadline=None)
@given(which=st.sampled_from(VALID), edits=st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.floats(0, 1), ALPHABET), min_size=1,
    max_size=4))
def test_fuzz_mutated_valid_files(which, edits):
    text = which.read_text()
    for op, where, piece in edits:
        k = int(where * len(text))
        if op == "insert":
            text = text[:k] + piece + text[k:]
        elif op == "delete":
            text = text[:k] + text[k + 1:]
        else:
            text = text[:k] + piece + text[k + 1:]
    _only_neurosim_errors(lambda: load_table(text + "\n", source=which.name, warn=lambda m: None))


def test_error_positions_are_one_based():
    with pytest.raises(ParseError) as ei:
        parse_pla(".i 1\n.o 1\nx 1\n", source="p.pla")
    assert re.match(r"^p\.pla:3:1: ", str(ei.value))
    assert (ei.value.line, ei.value.column) == (3, 1)
