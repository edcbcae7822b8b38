"""Fuzzing every reader: the parsers by name, valid seed files, and hypothesis strategies that mutate them.

The property every reader keeps: on any input it returns a value or raises a :class:`neurosim.errors.NeurosimError`
(one located line), never another exception. ``tests/io/test_fuzz_readers.py`` checks it with bounded example
counts on every run; ``tests/io/fuzz_long.py`` runs the same strategies much longer and prints the figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
X = ROOT / "examples"


def _xor_graphml() -> str:
    from neurosim.io import load_net, net_to_graphml

    return net_to_graphml(load_net(X / "nets" / "xor.json"))


def _xor_nodelink() -> str:
    from neurosim.io import load_net, net_to_nodelink

    return net_to_nodelink(load_net(X / "nets" / "xor.json"))


def _rows(text: str) -> Any:
    from neurosim_cli.simulate_cmd import parse_rows

    return parse_rows(text, "f", ("x1", "x2"))


def _table(fmt: str) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        from neurosim.io import load_table

        return load_table(text + "\n", fmt=fmt, source="f", warn=lambda m: None)
    return parse


def _words(text: str) -> Any:
    from neurosim.io import parse_words

    return parse_words(text, ("0", "1"), "f")


def _word_arg(text: str) -> Any:
    from neurosim.io import parse_word_arg

    return parse_word_arg(text, ("ab", "c"), 1)


def _regex(text: str) -> Any:
    from neurosim.automata import compile_regex, parse_regex

    rx = parse_regex(text)
    return compile_regex(rx.text, rx.alphabet) if len(text) <= 40 else rx  # compile the short ones too


def _reader(name: str) -> Callable[[str | bytes], Any]:
    def call(data: str | bytes) -> Any:
        import neurosim.io as nio

        fn = getattr(nio, name)
        return fn(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"), source="f")
    return call


_JSON = list('{}[]:,"0123456789-.eE ')
_XML = list("<>/=\"' \t\n")
_PIECES = {
    "net_json": [*_JSON, '"units"', '"inputs"', '"excitatory"', "null", "true", "1e999", "9" * 30, '"threshold"',
                 '"metadata"', '"initial"'],
    "graphml": [*_XML, "<!DOCTYPE g>", "<!--", "-->", "&amp;", "&x;", '<node id="h1"/>', "encoding='utf-7'",
                '<data key="d6">', "9" * 25, "<![CDATA[", "]]>"],
    "nodelink": [*_JSON, '"graph"', '"nodes"', '"edges"', '"links"', "null", "true", '"weight"', "9" * 25,
                 '"multigraph"'],
    "dfa_json": [*_JSON, '"states"', '"transitions"', '"final_states"', '"allow_partial"', "true", "null", '"r0"',
                 '"q9"', "[]", "{}"],
    "jflap": [*_XML, '<state id="0">', "<initial/>", "<final/>", "<read>", "</read>", "<transition>", "<!DOCTYPE s>",
              "&lt;", "<from>9</from>"],
    "dataset": [*"0123456789,.-e|x\n #", "nan", "inf", "1e-300", "1e999", "|"],
    "weights": [*_JSON, '"coefs"', '"intercepts"', "1e999", "9" * 400, "null"],
    "pla": [*"01-~|234?# \t\n", ".i ", ".o ", ".ilb ", ".ob ", ".type ", ".p ", ".e", "²", "٣", "fr"],
    "csv_table": [*'01-x,|\n "#', ";", "\t", "a[3]", "٣"],
    "logisim": [*"01-xX|~ \n#", "[3..0]", "[99999999999..0]", "[٣..0]", "F", "ff"],
    "nfa_json": [*_JSON, '"states"', '"transitions"', '"final_states"', '""', '["q1", "q2"]', "null", '"q9"',
                 "[]", "{}"],
    "automaton": [*_JSON, *_XML, '"units"', '"transitions"', "<read/>", "<structure>", '"q0"', "[]"],
    "regex": [*"ab()|*+?.[]^-\\", "[^a]", "((", "))", "a{2}", "ε", "\x00", " "],
    "words": [*'01[]",\n ', '["0"]', "[" * 50],
    "word_arg": [*'[]",abc ', "\\u0000"],
    "simulate_rows": [*'01,\n "x12', "x1", "x2", "x3"],
}
_WEIGHTS = '{"coefs": [[[1.5, -2], [0.25, 3]], [[1], [2]]], "intercepts": [[0, 1], [0.5]]}\n'

#: parser name -> (callable taking the text, seed texts, characters and pieces the mutations insert)
PARSERS: dict[str, tuple[Callable[[Any], Any], list[str], list[str]]] = {
    "net_json": (_reader("load_net"), [(X / "nets" / n).read_text() for n in ("xor.json", "latch.json")],
                 _PIECES["net_json"]),
    "graphml": (_reader("load_net"), [_xor_graphml()], _PIECES["graphml"]),
    "nodelink": (_reader("load_net"), [_xor_nodelink()], _PIECES["nodelink"]),
    "dfa_json": (_reader("load_dfa"), [(X / n).read_text() for n in ("div3.json", "contains101.json")],
                 _PIECES["dfa_json"]),
    "jflap": (_reader("load_dfa"), [(X / "small.jff").read_text()], _PIECES["jflap"]),
    "dataset": (_reader("load_dataset"), [(X / n).read_text() for n in ("and.csv", "cloud2d.csv")],
                _PIECES["dataset"]),
    "weights": (_reader("load_weights"), [_WEIGHTS], _PIECES["weights"]),
    "pla": (_table("pla"), [(X / "adder.pla").read_text()], _PIECES["pla"]),
    "csv_table": (_table("csv"), [(X / n).read_text() for n in ("full_adder.csv", "seven_segment.csv")],
                  _PIECES["csv_table"]),
    "logisim": (_table("logisim"), [(X / "logisim_example.txt").read_text()], _PIECES["logisim"]),
    "nfa_json": (_reader("load_nfa"), [(X / "third_from_end.json").read_text()], _PIECES["nfa_json"]),
    "automaton": (_reader("load_automaton"), [(X / n).read_text() for n in ("third_from_end.json", "small.jff",
                                                                            "nets/no_11.json")],
                  _PIECES["automaton"]),
    "regex": (_regex, ["(ab|ba)*", "0*(10*10*)*", "[^a]b?c+", "(a|)"], _PIECES["regex"]),
    "words": (_words, ["0\n11\n110\n\n1001\n"], _PIECES["words"]),
    "word_arg": (_word_arg, ['["ab", "c"]'], _PIECES["word_arg"]),
    "simulate_rows": (_rows, ["x1,x2\n0,1\n1,1\n"], _PIECES["simulate_rows"]),
}

#: pieces of text to insert, for each parser
EDITS = ("insert", "delete", "replace", "repeat")


def mutate(text: str, edits: list[tuple[str, float, str]]) -> str:
    """Apply ``edits`` (operation, relative position, piece) to ``text``."""
    for op, where, piece in edits:
        k = int(where * len(text))
        if op == "insert":
            text = text[:k] + piece + text[k:]
        elif op == "delete":
            text = text[:k] + text[k + 1 + len(piece) % 7:]
        elif op == "replace":
            text = text[:k] + piece + text[k + len(piece):]
        else:  # repeat a span: deep nesting, long rows
            span = text[k:k + 1 + len(piece) % 5]
            text = text[:k] + span * (2 + len(piece) % 40) + text[k:]
    return text


def mutated(name: str, max_edits: int = 5) -> st.SearchStrategy[str]:
    """Seed files of parser ``name`` with a few random edits."""
    _, seeds, pieces = PARSERS[name]
    edit = st.tuples(st.sampled_from(EDITS), st.floats(0, 1), st.sampled_from(pieces))
    return st.builds(mutate, st.sampled_from(seeds), st.lists(edit, min_size=1, max_size=max_edits))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12)


def json_docs(name: str) -> st.SearchStrategy[str]:
    """A seed JSON document of parser ``name`` with one value replaced by a random JSON value."""
    _, seeds, _ = PARSERS[name]

    @st.composite
    def doc(draw) -> str:
        obj = json.loads(draw(st.sampled_from(seeds)))
        node = obj
        path = []
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
            path.append((node, key))
            node = node[key]
        if path:
            parent, key = path[-1]
            parent[key] = draw(json_values)
        else:
            obj = draw(json_values)
        return json.dumps(obj)

    return doc()


JSON_PARSERS = ("net_json", "nodelink", "dfa_json", "nfa_json", "weights")
