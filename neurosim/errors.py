"""Every exception and warning of neurosim, named after the invariant it guards.

Every error derives from :class:`NeurosimError` and every warning from :class:`NeurosimWarning`. Every message
says what was expected, what was found and where, so the command line can print it as one line (exit 2).
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "BlockError",
    "ConvergenceWarning",
    "CoverTooLarge",
    "DataConversionWarning",
    "DataError",
    "DivergenceError",
    "FeatureTypeError",
    "InvalidNetworkError",
    "NeurosimError",
    "NeurosimWarning",
    "NotFittedError",
    "ParameterError",
    "ParseError",
    "SchedulerUnavailableError",
    "SlowEngineWarning",
    "SpecError",
    "StateLimitError",
]


class NeurosimError(Exception):
    """Base class of every error neurosim raises on purpose (bad input, bad usage)."""


class ParseError(NeurosimError, ValueError):
    """A file could not be parsed; carries ``source:line:column`` like a compiler message.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    source : str
        File name (``"<stdin>"`` for standard input, ``"<string>"`` for text).
    line, column : int, optional
        1-based position; ``None`` when the error concerns the file as a whole.
    """

    def __init__(self, message: str, source: str = "<string>", line: int | None = None,
                 column: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def __reduce__(self):  # keep pickling (multiprocessing, hypothesis) working with keyword state
        return (type(self), (self.message, self.source, self.line, self.column))


class SpecError(NeurosimError, ValueError):
    """A structured spec (JSON, XML) is well formed but invalid; ``path`` is a JSON path like ``$.a.b``."""

    def __init__(self, message: str, path: str = "$", source: str | None = None) -> None:
        self.message = message
        self.path = path
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        return f"{prefix}{self.path}: {self.message}"

    def __reduce__(self):
        return (type(self), (self.message, self.path, self.source))


class InvalidNetworkError(NeurosimError, ValueError):
    """A net breaks an invariant: unknown source, duplicate name, negative threshold, a cycle where none may be…"""


class DataError(NeurosimError, ValueError):
    """Numeric input data are unusable: wrong shape, NaN, a value outside its domain, a single class…"""


class StateLimitError(DataError):
    """An automaton construction (subset construction, a net's firing-state table) passed its state limit;
    the message names the limit."""


class FeatureTypeError(DataError, TypeError):
    """A feature value is not a number (a TypeError too, as NumPy's own conversion raises)."""


class NotFittedError(DataError, AttributeError):
    """``predict`` (or the like) was called before ``fit`` (scikit-learn's exception of the same name, for it)."""


class ParameterError(NeurosimError, ValueError):
    """A bad argument or hyperparameter: the message names the parameter, what it must be and what it was."""


class CoverTooLarge(NeurosimError):
    """A cube complement grew past the caller's limit (some functions have exponentially large OFF-sets)."""


class DivergenceError(NeurosimError, ArithmeticError):
    """Training diverged (the loss became NaN or infinite); the message names the epoch."""


class BackendUnavailableError(NeurosimError, RuntimeError):
    """The requested array backend cannot be used here (CuPy missing, or no usable GPU)."""


class SchedulerUnavailableError(NeurosimError, RuntimeError):
    """The requested scheduler cannot be used: Dask not installed, or its scheduler unreachable in time."""


class BlockError(DataError):
    """One block of a job cut into blocks (:mod:`neurosim.scale`) failed for a reason in its data.

    Parameters
    ----------
    index : int
        0-based index of the failed block, in block order.
    total : int
        Number of blocks in the job.
    message : str
        The block's own error message.
    """

    def __init__(self, index: int, total: int, message: str) -> None:
        self.index = index
        self.total = total
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"block {self.index} (of {self.total}): {self.message}"

    def __reduce__(self):
        return (type(self), (self.index, self.total, self.message))


class NeurosimWarning(UserWarning):
    """Base class of every warning neurosim gives."""


class ConvergenceWarning(NeurosimWarning):
    """A learner stopped at its iteration limit before it converged."""


class SlowEngineWarning(NeurosimWarning):
    """An engine asked for by name is far slower on this job than the one ``auto`` would pick."""


class DataConversionWarning(NeurosimWarning):
    """Input data were reshaped or converted (scikit-learn's warning of the same name, for its checks)."""
