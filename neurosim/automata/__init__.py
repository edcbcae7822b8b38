"""Automata <-> recurrent MP nets: DFAs, NFAs and regular expressions, the run protocol every automaton net keeps,
Minsky's, the per-state NFA and Glushkov's compilers, the step and table engines, proofs of what language a net
accepts, and Kleene's converse (any automaton net back to a regular expression)."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "DFA": "dfa", "complete": "dfa", "minimize": "dfa", "product": "dfa", "equivalent": "dfa",
    "find_difference": "dfa", "random_dfa": "dfa",
    "NFA": "nfa", "as_automaton": "nfa", "EPSILON": "nfa",
    "remove_epsilon": "epsilon_free", "trim": "epsilon_free",
    "determinize": "subset", "minimal_dfa": "subset", "MAX_SUBSET_STATES": "subset",
    "Regex": "regex", "parse_regex": "regex", "parse_alphabet": "regex",
    "position_automaton": "glushkov", "thompson_nfa": "thompson",
    "RunProtocol": "protocol",
    "compile_dfa": "dfa_compiler", "DFACompileResult": "dfa_compiler", "size_formula": "dfa_compiler",
    "compile_nfa": "nfa_compiler", "NFACompileResult": "nfa_compiler", "read_unit_states": "nfa_compiler",
    "compile_regex": "regex_compiler", "RegexCompileResult": "regex_compiler",
    "ENGINES": "engines", "ENGINE_NAMES": "engines", "NetTable": "engines", "tabulate": "engines", "accepts": "engines",
    "STEP_WARN_SYNAPSE_TICKS": "engines", "step_work": "engines",
    "run_codes": "engines", "trace_words": "engines", "choose_engine": "engines",
    "extract_dfa": "equivalence", "verify_net": "equivalence", "EquivalenceVerdict": "equivalence",
    "prove_locally": "local_proof", "LocalProof": "local_proof",
    "to_regex": "kleene", "KleeneResult": "kleene",
})
