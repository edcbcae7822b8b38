"""Matplotlib Figures of nets, runs, automata and learners: Figures only (no files, no pyplot state; files are
written by :mod:`neurosim.io.figures`)."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "draw_net": "net", "draw_raster": "raster", "draw_net_matrix": "net_matrix", "route_path": "net",
    "DRAW_STYLES": "net",
    "animate_rows": "animation", "animate_word": "animation", "animate_trace": "animation",
    "animate_frames": "animation", "trace_frames": "animation", "Frame": "animation",
    "animation_to_bytes": "animation", "ANIMATION_FORMATS": "animation",
    "class_regions": "perceptron", "html_table": "notebook",
    "activations_figure": "lecture", "descent_figure": "lecture", "approximation_figure": "lecture",
    "regions_figure": "lecture", "gradient_cost_figure": "lecture", "draw_circuit": "circuit",
    "classic_net_figure": "classics", "hidden_codes_figure": "classics", "perceptron_vs_mlp_figure": "classics",
    "count_response_figure": "classics",
    "draw_dfa": "dfa", "dfa_layout": "dfa", "dfa_routes": "dfa",
    "perceptron_figure": "perceptron",
    "mlp_figure": "mlp", "xor_figure": "mlp", "draw_decision_boundary": "mlp", "draw_loss_curves": "mlp",
    "net_output_fn": "mlp",
})
