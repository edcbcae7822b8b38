"""neurosim: McCulloch–Pitts nets, their compilers, and the learning rules that followed, exact and fast.

The value types and errors are imported eagerly; everything else is resolved on first use (PEP 562), so that
``import neurosim`` stays quick and loads SciPy, networkx or Matplotlib only for what a program actually uses.
"""

from __future__ import annotations

import importlib
from typing import Any

from .backend import Backend, get_backend, to_numpy
from .errors import (
    BackendUnavailableError,
    ConvergenceWarning,
    DataError,
    DivergenceError,
    InvalidNetworkError,
    NeurosimError,
    ParseError,
    SpecError,
)
from .mp import MPNet, MPUnit, and_unit, atleast_unit, const_unit, not_unit, or_unit

__version__ = "0.1.0"

#: public name -> defining module (relative to this package) or "module:attribute", resolved lazily
_LAZY: dict[str, str] = {
    # engines
    "run": "simulate", "evaluate": "simulate", "compile_net": "simulate", "Trace": "simulate",
    "truth_table": "bitsim", "packed_truth_table": "bitsim", "check_exhaustive": "bitsim",
    "verify_exhaustive": "bitsim", "Mismatch": "bitsim",
    # files and pictures
    "load_net": "io", "save_net": "io", "net_to_bytes": "io",
    "net_to_graph": "graph", "graph_to_net": "graph",
    "draw_net": "draw", "draw_raster": "draw", "save_figure": "draw",
    # truth tables and the Boolean compiler
    "TruthTable": "truthtable", "load_table": "io.tables", "table_to_text": "io.tables",
    "compile_table": "synthesis", "CompileResult": "synthesis", "verify_table": "verify:verify", "Verdict": "verify",
    # DFAs
    "DFA": "dfa", "minimize": "dfa", "equivalent": "dfa", "find_difference": "dfa", "random_dfa": "dfa",
    "load_dfa": "io.dfajson", "save_dfa": "io.dfajson",
    "compile_dfa": "dfa_net", "RunProtocol": "dfa_net", "size_formula": "dfa_net",
    "accepts": "dfa_engines", "verify_net": "dfa_engines", "extract_dfa": "dfa_engines", "tabulate": "dfa_engines",
    "draw_dfa": "dfa_draw",
    # perceptron and separability
    "Perceptron": "perceptron", "check_separability": "separability", "SeparabilityResult": "separability",
    "Certificate": "separability", "novikoff_bound": "separability",
    "count_threshold_functions": "threshold_functions", "fit_many": "perceptron_batch",
    "load_dataset": "io.dataset", "Dataset": "io.dataset",
    # backprop
    "MLPClassifier": "mlp", "MLPRegressor": "mlp", "gradient_check": "mlp", "GradientCheck": "backprop",
    "train_many": "mlp_batch", "ManyNetsResult": "mlp_batch", "ACTIVATIONS": "activations", "LOSSES": "losses",
}

__all__ = [
    "Backend",
    "BackendUnavailableError",
    "ConvergenceWarning",
    "DataError",
    "DivergenceError",
    "InvalidNetworkError",
    "MPNet",
    "MPUnit",
    "NeurosimError",
    "ParseError",
    "SpecError",
    "__version__",
    "and_unit",
    "atleast_unit",
    "const_unit",
    "get_backend",
    "not_unit",
    "or_unit",
    "to_numpy",
]
__all__ += list(_LAZY)


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    mod, _, attr = target.partition(":")  # "module:attribute" where the public name differs
    value = getattr(importlib.import_module(f"{__name__}.{mod}"), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
