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
    "train_many": "mlp_batch", "ManyNetsResult": "mlp_batch", "check_batch_size": "mlp_batch",
    "MAX_BATCH_BYTES": "mlp_batch",
    "train_sweep": "sweeps", "fit_sweep": "sweeps", "SWEEP_BLOCK": "sweeps",
    "ACTIVATIONS": "activations", "HIDDEN_ACTIVATIONS": "activations", "get_activation": "activations",
    "LOSSES": "losses", "get_loss": "losses",
    "encode_labels": "validation",
    # beyond two separable classes
    "PocketPerceptron": "multiclass", "OneVsRestPerceptron": "multiclass",
    # the lecture's demonstrations
    "quadratic_descent": "descent", "stability_limit": "descent", "xor_learning_rates": "descent",
    "QuadraticRun": "descent",
    "approximate": "approximation", "ApproximationResult": "approximation", "TARGETS": "approximation",
    "count_linear_regions": "linear_regions", "deep_tent": "linear_regions", "wide_net": "linear_regions",
    "region_table": "linear_regions", "dyadic_grid": "linear_regions",
    "count_costs": "gradient_cost", "time_costs": "gradient_cost", "mlp_sizes": "gradient_cost",
    "CostRow": "gradient_cost", "OpCounter": "gradient_cost",
    "Circuit": "circuit", "sigmoid_neuron_circuit": "circuit", "patterns_circuit": "circuit",
    # classic results, reproduced
    "CLASSICS": "classics", "reproduce": "classics", "ClassicResult": "classics", "parity_data": "classics",
    "symmetry_data": "classics", "encoder_data": "classics", "contiguity_data": "classics",
    "symmetry_weights": "classics", "hidden_codes": "classics",
})
