"""Learning: Rosenblatt's perceptron, exact separability proofs, threshold-function counting, and backprop MLPs
trained one at a time or many seeds at once."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "Perceptron": "perceptron", "ORDERS": "perceptron",
    "fit_many": "perceptron_batch", "BatchResult": "perceptron_batch",
    "check_separability": "separability", "SeparabilityResult": "separability", "Certificate": "separability",
    "novikoff_bound": "separability",
    "count_threshold_functions": "threshold_count", "ThresholdCountResult": "threshold_count",
    "boolean_points": "boolean_functions", "all_boolean_functions": "boolean_functions",
    "MLPClassifier": "mlp", "MLPRegressor": "mlp", "gradient_check": "mlp",
    "GradientCheckResult": "backprop", "forward": "backprop",
    "train_many": "mlp_batch", "ManyNetsResult": "mlp_batch", "check_batch_size": "mlp_batch",
    "MAX_BATCH_BYTES": "mlp_batch",
    "ACTIVATIONS": "activations", "HIDDEN_ACTIVATIONS": "activations", "get_activation": "activations",
    "LOSSES": "losses", "get_loss": "losses",
    "encode_labels": "validation",
})
