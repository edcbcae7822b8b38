"""When the minimiser uses its compiled kernels (numba: :mod:`neurosim.logic._cube_kernels`, ``_mv_kernels``,
``_mv_reduce``, ``_expand_kernel``) instead of the plain reference code beside each caller.

Both give the same covers (the kernels answer questions that have one answer, in the reference's order), so the
choice is about time only: numba's import and its cache load cost about a second, more than a small table's whole
compile, so the kernels load only for covers of :data:`MIN_ROWS` rows or more (``neurosim compile`` of a small
table never imports numba). Once a process has loaded them, every cover uses them: a notebook or a benchmark that
compiles many tables pays the load once, and bw's 28-output minimisation then takes 0.03 s instead of the
reference's 0.17 s. ``NEUROSIM_CUBE_KERNELS=0`` forces the reference everywhere, ``=1`` the kernels
everywhere (the tests compare the two that way); without numba the reference runs.
"""

from __future__ import annotations

import os
from functools import cache
from types import ModuleType

__all__ = ["ENV_VAR", "MIN_ROWS", "kernels"]

ENV_VAR = "NEUROSIM_CUBE_KERNELS"
#: covers with fewer rows stay on the reference path (benchmarks/bench_compile.py: below this the reference's
#: whole minimisation takes less time than loading numba)
MIN_ROWS = 48


@cache
def _load() -> ModuleType | None:
    try:
        from . import _cube_kernels
    except ImportError:  # numba missing or broken: the reference code is complete on its own
        return None
    return _cube_kernels


def kernels(rows: int) -> ModuleType | None:
    """The kernel module for a cover of ``rows`` rows, or None where the reference code should run."""
    mode = os.environ.get(ENV_VAR, "auto")
    if mode == "0" or (mode != "1" and rows < MIN_ROWS and not _load.cache_info().currsize):
        return None
    return _load()
