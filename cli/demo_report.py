"""``neurosim demo``'s report: one static page, ``index.html``, with every figure, table and proof the demo made.

Each file the demo writes has a title and two sentences on what it shows (:data:`CAPTIONS`); each part can add
tables and proofs rendered by the library's HTML display (:data:`TABLES`). The page is plain HTML and CSS: no
script, no server, no network — every image and link is a file beside it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

__all__ = ["CAPTIONS", "TABLES", "report_html"]

#: file -> (title, two sentences on what it shows)
CAPTIONS: dict[str, tuple[str, str]] = {
    # McCulloch-Pitts nets
    "net_and.png": ("AND", "One unit of threshold 2 with an excitatory synapse from each input fires only when "
                    "both inputs fire. The drawing follows McCulloch and Pitts: arrows excite, θ is written inside."),
    "net_or.png": ("OR", "One unit of threshold 1 fires when either input fires. It differs from AND only in its "
                   "threshold: the synapses are the same."),
    "net_not.png": ("NOT", "A unit of threshold 0 fires on its own unless its input vetoes it. The red synapse ending "
                    "in a dot is an absolute inhibition, the 1943 way to negate."),
    "net_xor.png": ("XOR in two layers", "Each hidden unit passes one input unless the other vetoes it, and the "
                    "output ORs them. No single unit can compute XOR, two layers can."),
    "net_latch.png": ("A latch", "The unit excites itself, so once set it keeps firing, until the reset line vetoes "
                      "it. Its self-loop is drawn above it; this is memory in a recurrent net."),
    "net_latch_raster.png": ("The latch's raster", "Each mark is a firing at a tick: set at tick 1, the unit fires "
                             "from tick 2 on, and the reset at tick 5 silences it one tick later. Time runs left to "
                             "right; inputs are the shaded rows."),
    "net_xor.graphml": ("XOR as GraphML", "The same net in the exchange format that graph tools read. Nodes carry "
                        "their threshold, edges their synapse count and whether they inhibit."),
    "net_xor.dot": ("XOR as DOT", "The net for Graphviz. Render it with dot -Tpng to compare with neurosim's "
                    "drawing."),
    # compiled truth tables
    "full_adder.png": ("The compiled full adder", "The compiler turned the truth table into threshold units: the "
                       "carry is one majority unit and the sum needs a few more. Outputs are listed in the table's "
                       "order, and no synapse is drawn through a unit it does not touch."),
    "full_adder.net.json": ("The full adder as a net file", "Versioned JSON with every unit's threshold and "
                            "synapses. The command neurosim simulate reads it back and prints its truth table."),
    "seven_segment.png": ("The seven-segment decoder", "Four input bits drive seven segment outputs, a to g in "
                          "order from top to bottom. Product terms shared by several segments are built once."),
    "seven_segment.net.json": ("The decoder as a net file", "The 15-unit net in neurosim's JSON format. It is "
                               "verified against the table on every row."),
    "majority3.png": ("Majority of three", "One unit of threshold 2 fed by all three inputs: threshold synthesis "
                      "finds it instead of three product terms. The title wraps to fit the canvas."),
    "majority3.net.json": ("Majority as a net file", "A single unit with three synapses. The compiler proved that one "
                           "MP unit realises the function, so it uses one."),
    "xor.minimum.png": ("The smallest net for XOR", "Two units and five synapses: a SAT solver proved that no single "
                        "MP unit computes XOR. The proof of that impossibility is a DRAT certificate anyone can "
                        "check."),
    "full_adder.minimum.png": ("The smallest full adder", "Three units; the SAT search proved that no smaller net "
                               "exists. The sum unit counts a, b, cin and twice NOT-carry against θ = 3, so it reuses "
                               "the carry, which a two-level cover cannot do."),
    # Kleene: regular expressions and NFAs
    "abba_net.png": ("The net of (ab|ba)*", "Glushkov's construction gives one unit per symbol occurrence, named "
                     "p[position:symbol], plus the accept unit. A unit fires when its symbol is read right after a "
                     "position that may precede it."),
    "abba_net.json": ("(ab|ba)* as a net file", "The recurrent net with its run protocol, as regex compile writes it. "
                      "The command dfa run reads it as it is."),
    "even_ones_net.png": ("The net of 0*(10*10*)*", "Strings with an even number of 1s, one unit per symbol "
                          "occurrence. It was proven to accept exactly the expression's language."),
    "even_ones_net.json": ("0*(10*10*)* as a net file", "The same net in neurosim's JSON format. The command dfa "
                           "regex reads an expression back from it."),
    "third_nfa.png": ("An NFA: the third symbol from the end is 1", "It guesses where the last three symbols start, "
                      "so it needs only four states. Its moves on 1 from the start state go to two states."),
    "third_dfa.png": ("Its minimal DFA", "A DFA must remember the last three symbols, so it has eight states. This is "
                      "the exponential price of determinism."),
    "third_nfa_net.png": ("The NFA as a net", "One unit per NFA state: several units fire at once, one for each state "
                          "the NFA may be in. No subset construction is needed."),
    "third_dfa_net.png": ("The DFA as a net", "Minsky's construction: one unit per state and symbol. For this language "
                          "it needs several times the NFA net's units."),
    # the DFA
    "div3_dfa.png": ("The DFA for multiples of three", "States r0, r1, r2 are the remainder of the binary number read "
                     "so far; r0 accepts. Each move is labelled with the bit that takes it."),
    "div3_net.png": ("The DFA as a recurrent MP net", "One threshold-2 unit per state and symbol fires when the net "
                     "is in that state and reads that symbol; feedback synapses run right to left. Every synapse "
                     "is routed around the units it does not touch."),
    "div3_net.json": ("The DFA net file", "The recurrent net with its run protocol in the metadata. The "
                      "commands dfa run and dfa verify take it as it is."),
    "div3_net.graphml": ("The DFA net as GraphML", "The same net for graph tools, the run protocol kept as graph "
                         "attributes. Reading it back gives the same net."),
    "div3_raster.png": ("The DFA net reading 1001", "Each mark is a unit firing at a tick while the net reads 1, 0, "
                        "0, 1 (nine). The accept unit fires at tick 5: nine is divisible by three."),
    "div3_1001.gif": ("Watch the DFA net fire", "The net reads 1001 one symbol per tick: firing units light up, "
                      "spikes run along their synapses, and the caption names the symbol and the tick. At tick 5 the "
                      "accept unit fires."),
    "latch.html": ("The latch, animated (player page)", "A page with a player: step through the ticks of the latch "
                   "being set, holding and being reset. The reset's veto is marked on the tick it silences the unit."),
    # perceptron
    "perceptron_cloud2d.png": ("The perceptron on a 2-D cloud", "The shaded regions are the two classes the learned "
                               "line predicts, and the axes are the CSV's columns. The right panel counts the "
                               "mistakes per epoch, far below Novikoff's bound stated under it."),
    "xor_certificate.json": ("The proof that XOR is not separable", "Half of row 1 plus half of row 2 equals half of "
                             "row 0 plus half of row 3: one point lies in both classes' convex hulls. No line can "
                             "separate them, in exact fractions."),
    # MLP
    "xor_mlp.png": ("Backprop against the perceptron on XOR", "The perceptron's last line misclassifies XOR while "
                    "the MLP's ½ contour separates the classes. The histogram shows how many epochs each of the "
                    "seeds needed."),
    "xor_mlp_weights.json": ("A solving net's weights", "The first seed that solved XOR, as a weights file. The "
                             "command neurosim mlp --init continues from it."),
    # lecture
    "activations.png": ("Activation functions and derivatives", "Sigmoid, tanh and ReLU (solid) with their "
                        "derivatives (dashed). The sigmoid's derivative is at most ¼ and vanishes for large |z|; "
                        "ReLU's is 0 or 1."),
    "gradient_descent.png": ("The learning rate", "On a quadratic the error shrinks for η < 1/L, oscillates while "
                             "shrinking up to 2/L and diverges beyond. On XOR the same net creeps with a small η, "
                             "learns with a good one and overshoots into saturation with a large one."),
    "universal_approximation.png": ("Universal approximation", "One hidden layer of N sigmoid units fits the named "
                                    "target better as N grows: 1, 2, 4, 8, 16. The error falls monotonically because "
                                    "each width also tries the previous best with a silent unit."),
    "depth_vs_width.png": ("Depth folds space", "Each abs layer folds [0, 1] in two, so N layers make 2^N linear "
                           "pieces. N units in one wide layer make only N + 1."),
    "cheap_gradient.png": ("The cheap-gradient principle", "Backprop's whole gradient costs two to three forward "
                           "passes (counted arithmetic, and this machine's time), below the bound of 5. Finite "
                           "differences need 2P forward passes, which grows with the net."),
    "backprop_patterns.png": ("Patterns of backward flow", "Green numbers flow forward, red gradients flow back: "
                              "the add gate gives both inputs the same gradient, max routes it to the larger input, "
                              "mul gives each input the other's value times the gradient. The function is "
                              "2·(x·y + max(z, w)) at x = 3, y = −4, z = 2, w = −1."),
    "worked_neuron.png": ("The worked sigmoid neuron", "The neuron f = σ(w0·x0 + w1·x1 + w2) as a circuit of gates, "
                          "f = 0.73. Reading the red numbers at the inputs gives ∂f/∂w = (−0.20, −0.39, 0.20) and "
                          "∂f/∂x = (0.39, −0.59)."),
    # classics
    "classics_symmetry.png": ("Mirror symmetry (RHW 1986, Fig. 1)", "Two hidden units detect whether six bits read "
                              "the same backwards. Their weights mirror each other with opposite signs in the ratio "
                              "1 : 2 : 4, as in the published figure."),
    "classics_encoder.png": ("The 8-3-8 encoder", "Eight one-hot patterns squeeze through three hidden units. The "
                             "rounded activations form a 3-bit binary code, the representation RHW reported."),
    "classics_parity.png": ("Parity with N hidden units", "The mean activation of each hidden unit against the "
                            "number of inputs on, for 4- and 6-bit parity. The output combines these to tell odd "
                            "from even."),
    "perceptron_vs_mlp.png": ("Minsky and Papert against backprop", "On parity, a connectedness-style predicate and "
                              "symmetry, no line separates the classes (proved), so the perceptron's best weights "
                              "miss patterns. The MLP classifies them all."),
    "petals_perceptron.png": ("Three classes, one vs rest", "One perceptron per species against the others; the "
                              "plane is shaded by the species whose unit responds most. The axes are the CSV's "
                              "columns, petal length and width."),
    "petals_mlp.png": ("Three classes, softmax MLP", "A 2-6-3 MLP with softmax outputs learns curved boundaries. "
                       "The shading is its predicted species; the right panel is its loss."),
    "index.html": ("This page", "The report itself. It needs no server: open it from the folder."),
}


def _example_table(name: str) -> str:
    from neurosim import examples
    from neurosim.io import load_table

    return load_table(examples.path(name))._repr_html_()


def _xor_proof() -> str:
    from neurosim import examples
    from neurosim.io import load_dataset
    from neurosim.learn import check_separability

    ds = load_dataset(examples.path("xor.csv"))
    return check_separability(ds.X, ds.y_codes)._repr_html_()


def _and_proof() -> str:
    from neurosim import examples
    from neurosim.io import load_dataset
    from neurosim.learn import check_separability

    ds = load_dataset(examples.path("and.csv"))
    return check_separability(ds.X, ds.y_codes)._repr_html_()


def _div3_proof() -> str:
    from neurosim import examples
    from neurosim.automata import compile_dfa, verify_net
    from neurosim.io import load_dfa

    dfa = load_dfa(examples.path("div3.json"))
    return verify_net(compile_dfa(dfa).net, dfa)._repr_html_()


def _xor_net_table() -> str:
    from neurosim import examples
    from neurosim.core import truth_table
    from neurosim.draw import html_table
    from neurosim.io import load_net

    net = load_net(examples.path("nets/xor.json"))
    rows = [[*(int(b) for b in format(r, f"0{len(net.inputs)}b")), *map(int, out)]
            for r, out in enumerate(truth_table(net))]
    return html_table([*net.inputs, *net.output_names], rows, caption="read off the net by simulation",
                      split=len(net.inputs))


#: part module -> [(title, two sentences, fragment maker)]
TABLES: dict[str, list[tuple[str, str, Callable[[], str]]]] = {
    "draw_cmd": [("XOR's truth table, from the net", "The bit-parallel engine ran the XOR net on every input row. "
                  "The output is 1 exactly when the inputs differ.", _xor_net_table)],
    "compile_cmd": [("The full adder's truth table", "The table the compiler read: inputs a, b, cin and outputs s, "
                     "cout. The thick rule separates inputs from outputs.", lambda: _example_table("full_adder.csv"))],
    "dfa_cmd": [("Proof: the net accepts exactly the DFA's language", "The net's reachable firing states were "
                 "tabulated and compared with the DFA by product construction. That proves it for every string, "
                 "not only the ones tried.", _div3_proof)],
    "perceptron_cmd": [("Proof: AND is linearly separable", "A hyperplane checked on every row, with its margin and "
                        "Novikoff's bound on the perceptron's mistakes. The perceptron finds such a line.", _and_proof),
                       ("Proof: XOR is not linearly separable", "A point in both classes' convex hulls, in exact "
                        "fractions. It is why the perceptron cycles forever on XOR.", _xor_proof)],
}


#: data files shown in full on the page (a proof is short and is the point); the others are linked
INLINE = frozenset({"xor_certificate.json"})
PICTURES = ("png", "gif", "svg")


def _card(title: str, text: str, body: str) -> str:
    return f'<div class="card"><h3>{html.escape(title)}</h3>{body}<p>{html.escape(text)}</p></div>'


def _picture(name: str) -> str:
    ref = html.escape(name)
    return f'<a href="{ref}"><img src="{ref}" alt="{html.escape(CAPTIONS.get(name, (name,))[0])}"></a>'


def _data_file(out: Path, name: str) -> str:
    ref = html.escape(name)
    title, text = CAPTIONS.get(name, (name, "(not described yet)"))
    body = ""
    if name in INLINE:
        data = json.loads((out / name).read_text(encoding="utf-8"))
        body = f"<pre>{html.escape(json.dumps(data, indent=2, ensure_ascii=False))}</pre>"
    return (f'<li><a href="{ref}">{ref}</a> ({(out / name).stat().st_size:,} bytes) — <b>{html.escape(title)}</b>. '
            f"{html.escape(text)}{body}</li>")


def report_html(out: Path, parts: list[tuple[str, str, list[str], list[str]]], seconds: float) -> str:
    """The page: for each part (title, module, narrative lines, files it wrote, in the order written) its story,
    its figures, its tables and proofs, and its data files, each with its caption."""
    sections = []
    for title, module, lines, files in parts:
        story = "".join(f"<li>{html.escape(ln.strip())}</li>" for ln in lines)
        cards = [_card(*CAPTIONS.get(n, (n, "(not described yet)")), _picture(n)) for n in files
                 if n.rsplit(".", 1)[-1].lower() in PICTURES]
        cards += [_card(t, text, make()) for t, text, make in TABLES.get(module.partition(":")[0], [])]
        data = "".join(_data_file(out, n) for n in files if n.rsplit(".", 1)[-1].lower() not in PICTURES)
        sections.append(f'<section><h2>{html.escape(title)}</h2><ul class="story">{story}</ul>'
                        f'<div class="grid">{"".join(cards)}</div>'
                        + (f'<h3>Files</h3><ul class="files">{data}</ul>' if data else "") + "</section>")
    toc = "".join(f"<li>{html.escape(p[0])}</li>" for p in parts)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>neurosim demo</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}\n"
        "h1{margin-bottom:0}h2{border-bottom:2px solid #2e8b57;padding-bottom:.2em;margin-top:2em}\n"
        ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1em}\n"
        ".card{border:1px solid #ddd;border-radius:6px;padding:.8em;background:#fafafa;overflow:auto}\n"
        ".card h3{margin:.1em 0 .5em;font-size:1.05em}.card img{max-width:100%;height:auto;background:#fff}\n"
        ".story,.files{color:#444;font-size:.92em}pre{font-size:12px;background:#fff;padding:.5em;overflow:auto}\n"
        "</style>\n</head>\n<body>\n<h1>neurosim demo</h1>\n"
        f"<p>Everything <code>neurosim demo</code> made, in {seconds:.1f} s, with two sentences on each figure, "
        "table and proof. This page is static: it needs no server and no network.</p>\n"
        f"<ol>{toc}</ol>\n{''.join(sections)}\n</body>\n</html>\n")
