"""The public functions raise neurosim's own errors for wrong types and values, never IndexError, AttributeError,
KeyError or TypeError from deep inside; NumPy integer scalars are accepted wherever Python ints are."""

from __future__ import annotations

import numpy as np
import pytest

from neurosim.automata import DFA
from neurosim.core import MPNet, MPUnit, evaluate, run, truth_table
from neurosim.errors import DataError, InvalidNetworkError, NeurosimError, ParameterError, SpecError
from neurosim.io import load_dataset, load_net, load_table
from neurosim.learn import MLPClassifier, Perceptron, train_many
from neurosim.logic import compile_table

from .oracles.fuzzing import X

XOR = load_net(X / "nets" / "xor.json")


class _Duck:
    """A table by duck typing: the four attributes a TruthTable has."""

    def __init__(self, type_: str) -> None:
        self.inputs, self.outputs, self.rows, self.type = ("a",), ("y",), (("0", "1"),), type_


@pytest.mark.parametrize("call, error, words", [
    (lambda: evaluate(XOR, "ab"), DataError, "found a string"),
    (lambda: evaluate(XOR, [[0, "a"]]), DataError, "0/1 numbers"),
    (lambda: evaluate(XOR, [[0], [1, 1]]), DataError, "rectangular"),
    (lambda: run(XOR, "x"), DataError, "found a string"),
    (lambda: compile_table("abc"), ParameterError, "expected a TruthTable"),
    (lambda: compile_table(_Duck("weird")), DataError, "table type must be one of"),
    (lambda: compile_table(load_table(X / "and.csv"), time_limit=float("nan")), ParameterError, "time_limit"),
    (lambda: load_dataset(123), ParameterError, "found int"),
    (lambda: DFA(["q"], ["a"], {"q": {"a": "q"}}, "q", ["q", 1]), SpecError, "$.final_states[1]"),
    (lambda: DFA(["q"], ["a"], 5, "q", ["q"]), SpecError, "$.transitions"),
    (lambda: MLPClassifier(hidden_layer_sizes=(2.5,)).fit([[0, 0], [1, 1]], [0, 1]), ParameterError,
     "hidden_layer_sizes"),
    (lambda: MPNet(("a",), (MPUnit("y", 1, ("a",)),), {"y": "y"}, initial="y"), InvalidNetworkError,
     "initial must be a set of unit names"),
    (lambda: MPNet(("a",), (), "y"), InvalidNetworkError, "outputs must be"),
    (lambda: MPUnit("u", 1, 5), InvalidNetworkError, "sources must be a list of names"),
    (lambda: train_many([[0, 0], [1, 1]], [0, 1], np.arange(10**7), hidden_layer_sizes=(50,)), ParameterError,
     "GiB"),
])
def test_wrong_types_and_values_are_neurosim_errors(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, NeurosimError) and words in str(info.value), str(info.value)


def test_numpy_integers_are_accepted_where_ints_are():
    i = np.int64
    assert MPUnit("y", i(2)).threshold == 2 and type(MPUnit("y", i(2)).threshold) is int
    assert truth_table(XOR, chunk_words=i(4)).tolist() == [[0], [1], [1], [0]]
    assert Perceptron(max_epochs=i(20), lr=i(1)).fit([[0, 0], [1, 1]], [0, 1]).converged_
    assert compile_table(_Duck("fd")).summary["units"] == 1  # a duck-typed table of a known type compiles


def test_misleading_messages_are_gone():
    from neurosim.learn import MLPClassifier as M

    for bad, name in ((dict(init_scale=float("inf")), "init_scale"), (dict(weight_decay=float("inf")),
                                                                       "weight_decay")):
        with pytest.raises(ParameterError, match=name):
            M(**bad).fit([[0, 0], [1, 1]], [0, 1])
