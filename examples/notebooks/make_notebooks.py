"""Write the tour notebooks (outputs stripped): ``python examples/notebooks/make_notebooks.py``.

The notebooks are generated from the cells below so that what is checked in has no outputs and stays easy to
review; ``tests/test_notebooks.py`` executes them and checks that the stored copies equal what this script writes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01_mcculloch_pitts.ipynb": [
        ("md", "# McCulloch–Pitts nets\n\nUnits with an integer threshold θ, excitatory synapses that add up and "
               "inhibitory synapses that veto (McCulloch & Pitts 1943). A net displays itself as its drawing."),
        ("code", "from neurosim import MPNet, MPUnit, and_unit, evaluate, or_unit, run\n\n"
                 "xor = MPNet(('a', 'b'),\n"
                 "            (and_unit('h1', ['a'], ['b']), and_unit('h2', ['b'], ['a']),\n"
                 "             or_unit('y', ['h1', 'h2'])),\n"
                 "            {'xor': 'y'})\n"
                 "xor"),
        ("code", "evaluate(xor, [[0, 0], [0, 1], [1, 0], [1, 1]])[:, 0].tolist()"),
        ("md", "A latch: the unit excites itself, the reset line vetoes it. Watch it fire, tick by tick."),
        ("code", "from IPython.display import HTML\n\n"
                 "from neurosim.draw import animate_rows, animation_to_bytes\n\n"
                 "latch = MPNet(('set', 'reset'), (MPUnit('m', 1, ('set', 'm'), ('reset',)),), {'q': 'm'})\n"
                 "rows = [[1, 0], [0, 0], [0, 1], [0, 0]]\n"
                 "print(run(latch, rows).output_values()[0, :, 0].tolist())\n"
                 "HTML(animation_to_bytes(animate_rows(latch, rows), 'html').decode())"),
    ],
    "02_tables_and_automata.ipynb": [
        ("md", "# Truth tables in, minimal verified nets out; DFAs as recurrent nets\n\nTables, compile results, "
               "verdicts and automata display themselves."),
        ("code", "from neurosim import compile_table, load_table, verify\n"
                 "from neurosim.examples import path\n\n"
                 "table = load_table(path('full_adder.csv'))\n"
                 "table"),
        ("code", "result = compile_table(table)\nresult"),
        ("code", "verify(result.net, table)"),
        ("code", "from neurosim import compile_dfa, load_dfa, verify_net\n\n"
                 "dfa = load_dfa(path('div3.json'))\n"
                 "dfa"),
        ("code", "comp = compile_dfa(dfa)\nverify_net(comp.net, dfa)"),
    ],
    "03_learning.ipynb": [
        ("md", "# From the perceptron to backprop\n\nA separability verdict carries its proof; a sweep of many "
               "seeds summarises itself; the lecture's demonstrations are one call each (``%matplotlib inline`` "
               "shows the Figures they return)."),
        ("code", "%matplotlib inline\n"
                 "import numpy as np\n\n"
                 "from neurosim import check_separability\n\n"
                 "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])\n"
                 "check_separability(X, [0, 1, 1, 0])"),
        ("code", "check_separability(X, [0, 0, 0, 1])"),
        ("code", "from neurosim import train_many\n\n"
                 "train_many(X.astype(float), np.array([0, 1, 1, 0.0]), np.arange(20), lr=2.0, momentum=0.9,\n"
                 "           max_epochs=1500)"),
        ("code", "from neurosim.draw import descent_figure\n"
                 "from neurosim.learn import quadratic_descent, stability_limit, xor_learning_rates\n\n"
                 "runs = [quadratic_descent(lr, steps=15) for lr in (0.3, 1.5, 2.1)]\n"
                 "descent_figure(runs, xor_learning_rates(epochs=300), limit=stability_limit(1.0))"),
        ("code", "from neurosim.draw import draw_circuit\n"
                 "from neurosim.learn import sigmoid_neuron_circuit\n\n"
                 "draw_circuit(sigmoid_neuron_circuit(), title='The worked sigmoid neuron')"),
    ],
}

def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells])
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{k}"  # stable ids: the files are byte-stable
    return nb


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nbformat.write(build(cells), HERE / name)
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
