"""Net files by format name or file suffix: one registry for every way a net is written, one sniffer to read.

Writers: ``json`` (neurosim net JSON), ``graphml``, ``dot``, ``blif``, ``nodelink`` (node-link JSON) and the
drawings ``png``, ``svg``, ``pdf``. Readers: net JSON, GraphML and node-link JSON, told apart by content.

Notes
-----
A registry rather than an if/elif ladder, as scikit-learn's ``ACTIVATIONS`` table.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..core import MPNet
from ..errors import ParseError, SpecError
from .atomic import atomic_write_bytes
from .source import loads_json, read_source

__all__ = ["NET_FORMATS", "SUFFIXES", "format_from_suffix", "load_net", "net_to_bytes", "save_net"]


def _json(net: MPNet) -> bytes:
    from .net_json import net_to_json
    return net_to_json(net).encode("utf-8")


def _graphml(net: MPNet) -> bytes:
    from .graphml import net_to_graphml
    return net_to_graphml(net).encode("utf-8")


def _dot(net: MPNet) -> bytes:
    from .dot import net_to_dot
    return net_to_dot(net).encode("utf-8")


def _blif(net: MPNet) -> bytes:
    from .blif import net_to_blif
    return net_to_blif(net).encode("utf-8")


def _nodelink(net: MPNet) -> bytes:
    from .nodelink import net_to_nodelink
    return net_to_nodelink(net).encode("utf-8")


def _figure(fmt: str) -> Callable[[MPNet], bytes]:
    def render(net: MPNet) -> bytes:
        from ..draw import draw_net
        from .figures import figure_to_bytes
        return figure_to_bytes(draw_net(net), fmt)
    return render


#: format name -> writer returning the file's bytes
NET_FORMATS: dict[str, Callable[[MPNet], bytes]] = {
    "json": _json, "graphml": _graphml, "dot": _dot, "blif": _blif, "nodelink": _nodelink,
    "png": _figure("png"), "svg": _figure("svg"), "pdf": _figure("pdf"),
}

#: file suffix -> format name
SUFFIXES: dict[str, str] = {
    ".json": "json", ".graphml": "graphml", ".xml": "graphml", ".dot": "dot", ".gv": "dot", ".blif": "blif",
    ".nodelink": "nodelink", ".png": "png", ".svg": "svg", ".pdf": "pdf",
}


def format_from_suffix(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for (``x.graphml`` -> ``graphml``; ``x.nodelink.json`` -> ``nodelink``).

    Raises
    ------
    SpecError
        An unknown or missing suffix; the message lists the choices.
    """
    name = Path(path).name.lower()
    if name.endswith(".nodelink.json"):
        return "nodelink"
    suffix = Path(name).suffix
    if suffix not in SUFFIXES:
        found = repr(suffix) if suffix else "no suffix"
        raise SpecError(f"cannot tell the net format from {found}; expected one of "
                        f"{', '.join(sorted(SUFFIXES))} (or name the format: {', '.join(NET_FORMATS)})",
                        str(path))
    return SUFFIXES[suffix]


def net_to_bytes(net: MPNet, fmt: str) -> bytes:
    """The file contents of ``net`` in format ``fmt`` (a key of :data:`NET_FORMATS`).

    Raises
    ------
    SpecError
        Unknown format (the message lists the choices).
    InvalidNetworkError
        The format cannot hold this net (BLIF and a recurrent net, non-scalar metadata…).
    """
    writer = NET_FORMATS.get(fmt)
    if writer is None:
        raise SpecError(f"unknown net format {fmt!r}; expected one of {', '.join(NET_FORMATS)}", "format")
    return writer(net)


def save_net(net: MPNet, path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Write ``net`` to ``path`` atomically, in ``fmt`` or the format its suffix names. Returns the format."""
    fmt = fmt or format_from_suffix(path)
    atomic_write_bytes(path, net_to_bytes(net, fmt))
    return fmt


def load_net(path_or_text: str | bytes | os.PathLike[str], *, source: str | None = None) -> MPNet:
    """Read a net from a file or from text: neurosim net JSON, GraphML or node-link JSON (sniffed).

    Parameters
    ----------
    path_or_text : str, bytes or Path
        A path or the text itself, by the rule of :func:`neurosim.io.source.read_source`.
    source : str, optional
        Name for error messages (default: the file name, or ``"<string>"``).

    Raises
    ------
    ParseError
        Neither JSON nor XML, or malformed (with line and column).
    SpecError
        A well-formed file that is not a valid net (with a path).
    OSError
        The file cannot be read.
    """
    got = read_source(path_or_text, source=source)
    src = got.name
    head = got.text.lstrip(" \t\r\n")[:1]
    if head == "<":
        from .graphml import net_from_graphml
        return net_from_graphml(got.text.encode("utf-8"), source=src)
    if head != "{":
        raise ParseError("expected a net file (neurosim net JSON starting with '{' or GraphML starting with '<')",
                         src, 1, 1)
    from .net_json import net_from_dict
    data = loads_json(got.text, src)
    if isinstance(data, dict) and "format" not in data and "nodes" in data:
        from .nodelink import net_from_nodelink
        return net_from_nodelink(dict(data), source=src)
    return net_from_dict(data, source=src)
