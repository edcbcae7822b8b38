"""DFAs <-> recurrent MP nets: the DFA value type, the run protocol every automaton net keeps, Minsky's
compiler, the step and table engines, and proofs of what language a net accepts."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "DFA": "dfa", "complete": "dfa", "minimize": "dfa", "product": "dfa", "equivalent": "dfa",
    "find_difference": "dfa", "random_dfa": "dfa",
    "RunProtocol": "protocol",
    "compile_dfa": "dfa_compiler", "DFACompileResult": "dfa_compiler", "size_formula": "dfa_compiler",
    "ENGINES": "engines", "ENGINE_NAMES": "engines", "NetTable": "engines", "tabulate": "engines", "accepts": "engines",
    "run_codes": "engines", "trace_words": "engines",
    "extract_dfa": "equivalence", "verify_net": "equivalence", "EquivalenceVerdict": "equivalence",
})
