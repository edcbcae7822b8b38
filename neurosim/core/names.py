"""Names of inputs, units and outputs: the one identifier rule, and fresh names that clash with nothing.

The rule is that of MP nets, and so of every table column or state that becomes a node: a letter or ``_`` first,
then letters, digits, ``_``, ``.``, ``-``, ``[``, ``]``, ``:`` (bus bits such as ``p[3]`` and compiler names
such as ``s:sym`` included).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..errors import DataError, NeurosimError

__all__ = ["NAME_PATTERN", "check_name", "fresh_name", "is_name"]

#: the identifiers MP nets accept
NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\[\]:-]*$")


@lru_cache(maxsize=1 << 16)
def _is_identifier(name: str) -> bool:
    # cached: a net names each node in many synapses (a 1,000-symbol DFA net checks 2 million of them)
    return NAME_PATTERN.match(name) is not None


def is_name(name: Any) -> bool:
    """True when ``name`` is a string that :func:`check_name` accepts (fast: cached per name)."""
    return isinstance(name, str) and _is_identifier(name)


def check_name(name: Any, what: str, error: type[NeurosimError] = DataError) -> str:
    """Return ``name`` if it is a valid identifier, else raise ``error`` naming ``what``."""
    if not isinstance(name, str) or not _is_identifier(name):
        raise error(f"{what} name must be an identifier (a letter or '_' first, then letters, digits, '_', '.', "
                    f"'-', '[', ']', ':'), found {name!r}")
    return name


def fresh_name(base: str, taken: Iterable[str] | set[str]) -> str:
    """``base``, or ``base1``, ``base2``, … : the first that is not in ``taken``."""
    taken = taken if isinstance(taken, set | frozenset) else set(taken)
    name, k = base, 1
    while name in taken:
        name, k = f"{base}{k}", k + 1
    return name
