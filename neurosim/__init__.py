"""neurosim: McCulloch–Pitts nets, their compilers, and the learning rules that followed, exact and fast.

This face exports one name per user-facing type or verb; each wing's face (``neurosim.core``,
``neurosim.logic``, ``neurosim.automata``, ``neurosim.learn``, ``neurosim.draw``, ``neurosim.io``) exports the
rest. Every name is resolved on first use (PEP 562), so ``import neurosim`` stays quick and loads SciPy,
networkx or Matplotlib only for what a program actually uses.
"""

from ._lazy import lazy_exports

__version__ = "0.1.0"

__getattr__, __dir__, _names = lazy_exports(__name__, {
    # errors a program catches
    "NeurosimError": "errors", "ParseError": "errors", "SpecError": "errors", "DataError": "errors",
    "InvalidNetworkError": "errors", "ParameterError": "errors",
    # the array backend
    "get_backend": "backend",
    # the 1943 model and its engines
    "MPNet": "core", "MPUnit": "core", "and_unit": "core", "or_unit": "core", "not_unit": "core",
    "atleast_unit": "core", "const_unit": "core", "run": "core", "evaluate": "core", "Trace": "core",
    "truth_table": "core", "check_exhaustive": "core",
    # truth tables and the Boolean compiler
    "TruthTable": "logic", "compile_table": "logic", "CompileResult": "logic", "verify": "logic",
    "minimum_net": "logic",
    # automata
    "DFA": "automata", "compile_dfa": "automata", "accepts": "automata", "verify_net": "automata",
    "extract_dfa": "automata", "NFA": "automata", "compile_nfa": "automata", "parse_regex": "automata",
    "compile_regex": "automata", "to_regex": "automata",
    # learning
    "Perceptron": "learn", "check_separability": "learn", "SeparabilityResult": "learn",
    "count_threshold_functions": "learn", "MLPClassifier": "learn", "MLPRegressor": "learn",
    "train_many": "learn", "gradient_check": "learn",
    # files and pictures
    "load_net": "io", "save_net": "io", "load_table": "io", "save_table": "io", "load_dfa": "io",
    "save_dfa": "io", "load_nfa": "io", "load_dataset": "io", "save_figure": "io", "draw_net": "draw",
    "draw_raster": "draw", "draw_dfa": "draw",
})
__all__ = ["__version__", *_names]
