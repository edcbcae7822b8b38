"""Learning: Rosenblatt's perceptron, exact separability proofs, threshold-function counting, and backprop MLPs
trained one at a time or many seeds at once."""

from .._lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "Perceptron": "perceptron", "ORDERS": "perceptron",
    "fit_many": "perceptron_batch", "BatchResult": "perceptron_batch",
    "check_separability": "separability", "SeparabilityResult": "separability", "Certificate": "separability",
    "novikoff_bound": "separability", "verify_certificate": "separability", "verify_hyperplane": "separability",
    "RationalMatrix": "rational", "as_rational": "rational",
    "count_threshold_functions": "threshold_count", "ThresholdCountResult": "threshold_count",
    "threshold_census": "census", "ThresholdCensus": "census", "CensusClass": "census",
    "FunctionVerdict": "census_transport",
    "check_certificates": "certificates", "CensusCertificate": "certificates", "CertificateCheck": "certificates",
    "CENSUS_COUNTS": "certificates", "PROOF_KINDS": "certificates",
    "boolean_points": "boolean_functions", "all_boolean_functions": "boolean_functions",
    "MLPClassifier": "mlp", "MLPRegressor": "mlp", "gradient_check": "mlp", "TrainingState": "mlp_state",
    "GradientCheckResult": "backprop", "forward": "backprop",
    "train_many": "mlp_batch", "ManyNetsResult": "mlp_batch",
    "train_sweep": "sweeps", "fit_sweep": "sweeps", "SWEEP_BLOCK": "sweeps",
    "ACTIVATIONS": "activations", "HIDDEN_ACTIVATIONS": "activations", "get_activation": "activations",
    "LOSSES": "losses", "get_loss": "losses",
    "encode_labels": "validation",
})
