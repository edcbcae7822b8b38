"""Every file format, and the only code that touches the file system.

The names are resolved on first use (PEP 562), so importing one format module (``neurosim.io.pla``) does not
pull in networkx or the net writers.
"""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    # nets
    "load_net": "nets", "save_net": "nets", "net_to_bytes": "nets", "format_from_suffix": "nets",
    "NET_FORMATS": "nets",
    "net_from_json": "net_json", "net_to_json": "net_json", "net_from_dict": "net_json", "net_to_dict": "net_json",
    "net_schema": "net_json:schema",
    "net_from_graphml": "graphml", "net_to_graphml": "graphml", "read_graphml": "graphml",
    "write_graphml": "graphml",
    "net_to_dot": "dot", "net_to_blif": "blif", "net_from_nodelink": "nodelink", "net_to_nodelink": "nodelink",
    # truth tables
    "load_table": "tables", "save_table": "tables", "table_to_text": "tables", "TABLE_FORMATS": "tables",
    "MISSING_POLICIES": "_table_rows",
    # automata and their words
    "load_dfa": "dfas", "load_automaton": "dfas", "save_dfa": "dfas", "dfa_from_json": "dfas", "dfa_to_json": "dfas",
    "dfa_schema": "dfas:schema",
    "parse_word": "words", "parse_words": "words", "format_word": "words", "parse_word_arg": "words",
    "dfa_from_jff": "jflap", "dfa_to_jff": "jflap", "nfa_from_jff": "jflap", "nfa_to_jff": "jflap",
    "automaton_from_jff": "jflap",
    "load_nfa": "nfas", "save_nfa": "nfas", "nfa_from_json": "nfas", "nfa_to_json": "nfas", "is_nfa_spec": "dfas",
    "nfa_schema": "nfas:schema",
    # learners' data and weights
    "load_dataset": "datasets", "Dataset": "datasets", "load_weights": "weights", "weights_to_json": "weights",
    "check_weight_shapes": "weights", "load_training_state": "weights",
    "certificates_to_text": "census_certificates", "read_certificates": "census_certificates",
    # reading sources
    "read_source": "source", "Source": "source", "decode_bytes": "source", "loads_json": "source",
    # figures and atomic output
    "save_figure": "figures", "figure_to_bytes": "figures", "FIGURE_FORMATS": "figures",
    "atomic_write_bytes": "atomic",
})
