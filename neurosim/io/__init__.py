"""Every file format in one place. This package's namespace re-exports the net functions.

The names are resolved on first use (PEP 562), so importing one format module (``neurosim.io.pla``) does not
pull in networkx or the net writers.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name -> defining module (relative to this package)
_EXPORTS: dict[str, str] = {
    "load_net": "netfiles",
    "save_net": "netfiles",
    "net_to_bytes": "netfiles",
    "format_from_suffix": "netfiles",
    "NET_FORMATS": "netfiles",
    "net_from_json": "netjson",
    "net_to_json": "netjson",
    "net_from_dict": "netjson",
    "net_to_dict": "netjson",
    "net_schema": "netjson:schema",
    "net_from_graphml": "graphml",
    "net_to_graphml": "graphml",
    "read_graphml": "graphml",
    "write_graphml": "graphml",
    "net_to_dot": "dot",
    "net_to_blif": "blif",
    "net_from_nodelink": "nodelink",
    "net_to_nodelink": "nodelink",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    mod_name, _, attr = target.partition(":")
    value = getattr(importlib.import_module(f"{__name__}.{mod_name}"), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
