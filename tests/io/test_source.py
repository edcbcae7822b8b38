"""One way to read a source: the path-or-text rule, located decoding errors, and strict JSON everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurosim.errors import ParameterError, ParseError, SpecError
from neurosim.io import load_dataset, load_dfa, load_net, load_table, load_weights
from neurosim.io.source import Source, line_col, loads_json, read_source


def test_path_or_text_rule(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes(b"\xef\xbb\xbfa,y\n0,1\n")
    assert read_source(f).text == "a,y\n0,1\n" and read_source(f).name == str(f) and read_source(f).path == f
    assert read_source(str(f)).text == "a,y\n0,1\n"  # a one-line str is a file name
    assert read_source("a,y\n0,1\n").name == "<string>"  # a newline makes it text
    assert read_source('{"a": 1}').text == '{"a": 1}' and read_source("<x/>").text == "<x/>"
    assert read_source(b"\xef\xbb\xbfhi", source="b").text == "hi"
    assert read_source("").text == ""
    s = Source("x", "<stdin>")
    assert read_source(s) is s


def test_decoding_errors_are_located(tmp_path):
    f = tmp_path / "bin.json"
    f.write_bytes(b'{"a":\n  "\xff"}')
    with pytest.raises(ParseError) as info:
        read_source(f)
    assert (info.value.source, info.value.line, info.value.column) == (str(f), 2, 4)
    with pytest.raises(ParseError, match="NUL"):
        read_source(b"a\x00b")
    with pytest.raises(IsADirectoryError):
        read_source(tmp_path)
    with pytest.raises(ParameterError, match="found int"):
        read_source(123)


def test_line_col():
    assert line_col("ab\ncd", 0) == (1, 1) and line_col("ab\ncd", 4) == (2, 2) and line_col(b"\n\nx", 2) == (3, 1)


@pytest.mark.parametrize("text, path", [('{"a": 1, "a": 2}', "$.a"), ('{"x": [{"k": 1, "k": 1}]}', "$.x[0].k"),
                                        ('[{}, {"b": {"c": 1, "c": 1}}]', "$[1].b.c")])
def test_duplicate_keys_name_their_path(text, path):
    with pytest.raises(SpecError) as info:
        loads_json(text, "f.json")
    assert info.value.path == path and info.value.source == "f.json" and "duplicate key" in str(info.value)


@pytest.mark.parametrize("text", ['{"a": NaN}', '[Infinity]', '{"a": -Infinity}', "[" * 100_000, "1" * 5000])
def test_what_is_not_json_is_a_parse_error(text):
    with pytest.raises(ParseError, match="invalid JSON"):
        loads_json(text)


DUP_DFA = ('{"states": ["q0"], "input_symbols": ["a"], "transitions": {"q0": {"a": "q0"}}, "initial_state": "q0",'
           ' "final_states": [], "final_states": ["q0"], "allow_partial": false}')


def test_every_json_reader_is_strict(tmp_path):
    with pytest.raises(SpecError, match=r"\$\.final_states: duplicate key"):
        load_dfa(DUP_DFA)
    with pytest.raises(SpecError, match=r"\$\.coefs: duplicate key"):
        load_weights('{"coefs": [[[1]]], "coefs": [[[1]]], "intercepts": [[0]]}')
    with pytest.raises(SpecError, match="duplicate key"):
        load_net('{"format": "neurosim-net", "format": "neurosim-net"}')


def test_every_reader_takes_a_bom(tmp_path):
    bom = b"\xef\xbb\xbf"
    (tmp_path / "d.csv").write_bytes(bom + b"x,y\n0,0\n1,1\n")
    (tmp_path / "t.csv").write_bytes(bom + b"a,y\n0,0\n1,1\n")
    (tmp_path / "w.json").write_bytes(bom + b'{"coefs": [[[1]]], "intercepts": [[0]]}')
    assert load_dataset(tmp_path / "d.csv").X.shape == (2, 1)
    assert load_table(tmp_path / "t.csv").inputs == ("a",)
    assert load_weights(tmp_path / "w.json")[0][0].shape == (1, 1)
    assert Path(tmp_path / "w.json").exists()
