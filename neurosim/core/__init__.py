"""The 1943 model and its exact engines: MP units and nets, batched stepping, bit-parallel exhaustive evaluation,
and the networkx view of a net."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    # the model
    "MPNet": "mp", "MPUnit": "mp", "and_unit": "mp", "or_unit": "mp", "not_unit": "mp", "atleast_unit": "mp",
    "const_unit": "mp", "NAME_PATTERN": "names", "check_name": "names", "fresh_name": "names",
    # stepping and settled evaluation
    "run": "simulate", "evaluate": "simulate", "compile_net": "simulate", "Trace": "simulate",
    "CompiledNet": "simulate",
    # bit-parallel exhaustive evaluation and the packed-row convention
    "truth_table": "bitsim", "packed_truth_table": "bitsim", "packed_chunk": "bitsim",
    "check_exhaustive": "bitsim", "verify_exhaustive": "bitsim", "count_mismatches": "bitsim",
    "Counterexample": "bitsim", "ExhaustiveResult": "bitsim", "MAX_UNPACKED_INPUTS": "bitsim",
    "WORD_BITS": "packed", "ALL": "packed", "ROW_PATTERNS": "packed", "n_words_for": "packed",
    "pack_rows": "packed", "unpack_rows": "packed",
    # the graph view
    "net_to_graph": "graph", "graph_to_net": "graph", "net_layout": "graph", "check_metadata": "graph",
    "canonical_net": "graph", "RESERVED_GRAPH_KEYS": "graph",
})
