"""Bundled example data (truth tables, DFA specs, nets) and short runnable scripts.

The data files install with the package as ``neurosim.examples`` so that ``neurosim demo`` finds them on any
machine; :func:`neurosim.examples.path` gives a file's location.
"""

from importlib import resources
from pathlib import Path


def path(name: str) -> Path:
    """Return the path of the bundled example file ``name`` (e.g. ``"full_adder.csv"``)."""
    p = Path(str(resources.files(__package__) / name))
    if not p.exists():
        raise FileNotFoundError(f"no bundled example named {name!r}")
    return p
