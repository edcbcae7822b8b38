"""Truth tables -> minimal, verified feedforward MP nets: cubes and covers, the Espresso-style loop and the exact
cover, output phases, threshold and symmetric units, the compiler, and its verifier."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "TruthTable": "truthtable", "TYPES": "truthtable", "table_covers": "truthtable",
    "cube_ints": "table_words", "first_intersection": "table_words", "uncovered_cubes": "table_words",
    "Cover": "covers", "MOCover": "covers",
    "compile_table": "compiler", "CompileResult": "compiler", "METHODS": "two_level",
    "minimize": "two_level", "MinimizeResult": "two_level", "prime_implicants": "exact_cover",
    "minimum_cover": "exact_cover", "select_cover": "exact_cover",
    "node_covers": "net_covers",
    "verify": "verifier", "Verdict": "verifier", "EXHAUSTIVE_MAX_INPUTS": "verifier",
    "ThresholdUnit": "threshold_unit", "find_threshold_unit": "threshold_unit",
    "minimum_net": "exact_synthesis", "MinimumResult": "exact_synthesis", "SizeVerdict": "exact_synthesis",
    "MINIMUM_MAX_INPUTS": "exact_synthesis", "DEFAULT_MAX_WEIGHT": "exact_synthesis",
    "COMPILE_METHODS": "compiler",
})
