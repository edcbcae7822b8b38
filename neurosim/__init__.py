"""neurosim: McCulloch–Pitts nets, their compilers, and the learning rules that followed, exact and fast."""

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
