"""The one lazy-import helper every package face uses (PEP 562).

A face lists its public names and the module (relative to the package) that defines each; a name's module is
imported on first use, so ``import neurosim`` or ``import neurosim.logic`` loads no SciPy, networkx or
Matplotlib until a program asks for something that needs them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: dict[str, str]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for the face of ``package``.

    Parameters
    ----------
    package : str
        The face's ``__name__``.
    exports : dict of str to str
        Public name -> defining module relative to ``package`` (``"mp"``, ``"core.mp"``), or
        ``"module:attribute"`` where the public name differs from the module's.

    Returns
    -------
    getattr, dir : callables
    all : list of str
        Sorted public names.
    """
    names = sorted(exports)

    def __getattr__(name: str) -> Any:
        target = exports.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        mod, _, attr = target.partition(":")
        value = getattr(importlib.import_module(f"{package}.{mod}"), attr or name)
        importlib.import_module(package).__dict__[name] = value  # later look-ups skip __getattr__
        return value

    def __dir__() -> list[str]:
        return names

    return __getattr__, __dir__, names
