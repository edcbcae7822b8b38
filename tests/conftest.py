"""Shared fixtures. ``pytest --backend cupy`` runs every backend-parametrised test on the GPU.

CuPy cases skip (with the reason) where CuPy or a GPU is missing; on the default NumPy backend nothing skips.
"""

from __future__ import annotations

import os

import matplotlib
import pytest
from hypothesis import settings

from neurosim.backend import get_backend
from neurosim.errors import BackendUnavailableError

matplotlib.use("Agg")  # tests draw into files, never to a screen

# The same examples on every run, so a green suite stays green and a failure reproduces as it was seen (and no
# run can meet a rare slow case the previous ones did not); HYPOTHESIS_PROFILE=explore draws new ones each run.
settings.register_profile("neurosim", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "neurosim"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", action="store", default=os.environ.get("NEUROSIM_TEST_BACKEND", "numpy"),
                     choices=("numpy", "cupy"), help="array backend for backend-parametrised tests")


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest):
    """The Backend chosen with ``--backend`` (numpy by default)."""
    name = request.config.getoption("--backend")
    try:
        return get_backend(name)
    except BackendUnavailableError as exc:
        pytest.skip(f"backend {name!r} unavailable here: {exc}")


@pytest.fixture(scope="session")
def dask_address():
    """The address of a ``distributed.LocalCluster`` of 2 worker processes, started once for the session (DESIGN.md
    §7: scale-out code is tested on a LocalCluster the tests start)."""
    import logging

    import distributed

    from neurosim.scale import shutdown

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                       silence_logs=logging.CRITICAL)
    yield cluster.scheduler_address
    shutdown()
    cluster.close()
