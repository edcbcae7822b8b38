"""Jupyter display: nets and automata as pictures, tables and results as HTML, and no drawing import until asked."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import numpy as np

from neurosim.automata import DFA, compile_dfa, verify_net
from neurosim.core import MPNet, MPUnit, and_unit, or_unit
from neurosim.examples import path
from neurosim.io import load_dfa, load_table
from neurosim.learn import check_separability, train_many
from neurosim.logic import compile_table, verify

XOR = MPNet(("x1", "x2"), (and_unit("h1", ("x1",), ("x2",)), and_unit("h2", ("x2",), ("x1",)),
                           or_unit("y", ("h1", "h2"))), {"y": "y"})


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        if data.strip():
            self.text.append(data.strip())


def parse(fragment: str) -> _Cells:
    p = _Cells()
    p.feed(fragment)
    p.close()
    return p


def test_value_types_import_no_drawing_code() -> None:
    code = ("import sys, neurosim\nfrom neurosim.core import MPNet, MPUnit\nfrom neurosim.logic import TruthTable\n"
            "from neurosim.automata import DFA\nfrom neurosim.learn import SeparabilityResult\n"
            "MPNet(('a',), (MPUnit('u', 1, ('a',)),), {'u': 'u'})\n"
            "bad = [m for m in ('matplotlib', 'neurosim.draw', 'neurosim.draw.notebook') if m in sys.modules]\n"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_net_displays_as_svg_and_png() -> None:
    svg = XOR._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and svg == XOR._repr_svg_()  # byte-stable
    assert XOR._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")
    dfa = load_dfa(path("div3.json"))
    assert "<svg" in dfa._repr_svg_() and dfa._repr_png_().startswith(b"\x89PNG")


def test_truth_table_html_lists_every_row_with_a_rule_between_inputs_and_outputs() -> None:
    t = load_table(path("full_adder.csv"))
    page = t._repr_html_()
    cells = parse(page)
    assert cells.tags.count("tr") == 1 + len(t.rows) and "3 inputs, 2 outputs" in page
    assert cells.text[1:1 + 5] == [*t.inputs, *t.outputs]
    assert page.count("border-left:3px") == 1 + len(t.rows)


def test_compile_and_verify_results_display() -> None:
    t = load_table(path("full_adder.csv"))
    res = compile_table(t)
    page = res._repr_html_()
    assert "compiled MP net" in page and f">{res.summary['units']}<" in page and "<svg" in page
    v = verify(res.net, t)
    assert "verified" in v._repr_html_() and ">yes<" in v._repr_html_()


def test_separability_verdicts_show_their_proofs() -> None:
    xor = check_separability(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 1, 1, 0]))
    page = xor._repr_html_()
    assert "not linearly separable" in page and "1/2·row 1 + 1/2·row 2 = 1/2·row 0 + 1/2·row 3" in page
    and_ = check_separability(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0, 1]))
    assert "linearly separable (proved" in and_._repr_html_() and "Novikoff" in and_._repr_html_()


def test_xor_sweep_and_dfa_results_display() -> None:
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    r = train_many(X, np.array([0, 1, 1, 0.0]), np.arange(8), lr=0.5, momentum=0.9, max_epochs=2000)
    page = r._repr_html_()
    solved = int((r.success_epoch >= 0).sum())
    assert "many-seeds training sweep" in page and f">{solved} (" in page
    dfa = load_dfa(path("div3.json"))
    comp = compile_dfa(dfa)
    assert "7 units" in comp._repr_html_()
    assert "yes (a proof for every string)" in verify_net(comp.net, dfa)._repr_html_()


def test_types_without_a_picture_fall_back_to_the_plain_repr() -> None:
    from neurosim.core import render

    assert render(object(), "html") is None and render(XOR, "gif") is None
    assert isinstance(DFA.__mro__[1].__name__, str)
    u = MPUnit("u", 1, ("a",))
    assert not hasattr(u, "_repr_html_")
