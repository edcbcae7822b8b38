"""The NumPy/CuPy switch: the only module that knows CuPy exists.

Algorithms ask for a :class:`Backend` and use ``backend.xp``, the NumPy API that CuPy mirrors. Random numbers
are always drawn on the host with :func:`numpy.random.default_rng` and moved with :meth:`Backend.asarray`, so a
CPU and a GPU run start from identical numbers.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any, TypeVar

import numpy as np

from .errors import BackendUnavailableError

__all__ = ["BACKEND_NAMES", "Backend", "get_backend", "to_numpy", "xp_of"]

BACKEND_NAMES = ("numpy", "cupy", "auto")
ENV_VAR = "NEUROSIM_BACKEND"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Backend:
    """An array namespace with its name.

    Attributes
    ----------
    name : {"numpy", "cupy"}
    xp : module
        ``numpy`` or ``cupy``.
    """

    name: str
    xp: ModuleType

    @property
    def is_gpu(self) -> bool:
        return self.name == "cupy"

    def asarray(self, a: Any, dtype: Any = None) -> Any:
        """Move ``a`` (host or device) into this backend's memory."""
        return self.xp.asarray(a, dtype=dtype)

    def to_numpy(self, a: Any) -> np.ndarray:
        """Copy ``a`` back to a NumPy array on the host."""
        return to_numpy(a)

    @property
    def sparse(self) -> ModuleType:
        """``scipy.sparse`` or ``cupyx.scipy.sparse``."""
        if self.is_gpu:
            return importlib.import_module("cupyx.scipy.sparse")
        return importlib.import_module("scipy.sparse")

    @property
    def chunk_words(self) -> int:
        """Words of 64 rows per chunk for bit-parallel work: cache-sized on a CPU, large enough to fill a GPU."""
        return 1 << 20 if self.is_gpu else 1 << 14

    def fused(self, *, cpu: Callable[[], T], gpu: Callable[[], T]) -> T:
        """The fused kernel for this backend (DESIGN §4): ``gpu()`` on CuPy, ``cpu()`` on NumPy.

        Both are loaders, called only for the backend in use, so a CPU run never imports the CUDA code and a GPU
        run never loads numba. This is the one place the choice is made: callers see one function.
        """
        return gpu() if self.is_gpu else cpu()

    def raw_kernel(self, source: str, name: str, options: tuple[str, ...] = ()) -> Any:
        """``cupy.RawKernel(source, name)``, compiled once per (source, options) and kept (CuPy also caches the
        binary on disk); only on the CuPy backend."""
        if not self.is_gpu:
            raise BackendUnavailableError("raw CUDA kernels need the cupy backend")
        return _raw_kernel(source, name, options)

    def synchronize(self) -> None:
        """Wait for queued device work (for honest timings); a no-op on the CPU."""
        if self.is_gpu:
            self.xp.cuda.Device().synchronize()


@cache
def _raw_kernel(source: str, name: str, options: tuple[str, ...]) -> Any:
    cupy = importlib.import_module("cupy")
    return cupy.RawKernel(source, name, options=options)


@cache
def _cupy_backend() -> Backend:
    try:
        cupy = importlib.import_module("cupy")
    except ImportError as exc:
        raise BackendUnavailableError(
            "backend 'cupy' needs CuPy: install neurosim-mp[cuda12] or neurosim-mp[cuda13]") from exc
    try:
        n = cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:  # CuPy raises its own CUDARuntimeError family; any failure means no GPU
        raise BackendUnavailableError(f"backend 'cupy' found no usable GPU ({exc})") from exc
    if n < 1:
        raise BackendUnavailableError("backend 'cupy' found no usable GPU (0 devices)")
    return Backend("cupy", cupy)


NUMPY = Backend("numpy", np)


def get_backend(name: str | Backend | None = None) -> Backend:
    """Resolve a backend by name.

    Parameters
    ----------
    name : {"numpy", "cupy", "auto"}, Backend or None
        ``None`` reads the environment variable ``NEUROSIM_BACKEND`` (default ``"numpy"``). ``"auto"`` takes CuPy
        when a GPU is usable and NumPy otherwise.

    Raises
    ------
    BackendUnavailableError
        ``"cupy"`` was asked for and CuPy or a GPU is missing.
    ValueError
        Unknown name.
    """
    if isinstance(name, Backend):
        return name
    if name is None:
        name = os.environ.get(ENV_VAR, "numpy") or "numpy"
    name = name.lower()
    if name == "numpy":
        return NUMPY
    if name == "cupy":
        return _cupy_backend()
    if name == "auto":
        try:
            return _cupy_backend()
        except BackendUnavailableError:
            return NUMPY
    raise BackendUnavailableError(f"unknown backend {name!r}: expected one of {', '.join(BACKEND_NAMES)}")


def xp_of(a: Any) -> ModuleType:
    """The array namespace (numpy or cupy) that owns ``a``."""
    mod = type(a).__module__.split(".")[0]
    if mod == "cupy":
        return importlib.import_module("cupy")
    return np


def to_numpy(a: Any) -> np.ndarray:
    """Return ``a`` as a host NumPy array (a no-op for NumPy input)."""
    if hasattr(a, "get") and type(a).__module__.split(".")[0] == "cupy":
        return a.get()
    return np.asarray(a)
