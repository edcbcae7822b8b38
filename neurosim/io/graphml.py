"""GraphML export and import of MP nets: an exchange contract other tools rely on.

The contract (kept exactly; it is the graph view of :mod:`neurosim.graph`):

- graph attributes ``inputs`` (string: input node names in order, comma-separated) and ``outputs`` (string:
  ``name=node`` pairs in order, comma-separated; a node may be an input), plus every metadata scalar under its
  own name (a DFA net adds ``symbol_inputs``, ``start_input``, ``accept_unit``, ``accept_delay``);
- node attribute ``kind`` (string, ``input`` or ``unit``); on units ``threshold`` (``int``) and ``initial``
  (``boolean``; true for units firing at tick 0); ``layer`` (``int``) on every node of a feedforward net;
- ONE directed edge per source→target pair with ``weight`` (``int`` ≥ 1: the number of excitatory synapses, 1
  on an inhibitory edge) and ``inhibitory`` (``boolean``). A source that is both excitatory and inhibitory to a
  unit gives one inhibitory edge: its excitatory synapses can never count (see :mod:`neurosim.graph`).

Writing uses networkx's ElementTree GraphML writer (so the output does not depend on whether lxml is
installed); integers are written with ``attr.type="int"``. Reading parses the document first with
:func:`neurosim.io.xml_safe.parse_xml` (UTF-8, no DTD, no entities, refused by the parser itself), checks that
node ids are unique, and only then hands the same text to networkx's reader, so no DTD, external entity or
entity expansion is ever processed.

Notes
-----
GraphML: Brandes et al., "GraphML Progress Report" (Graph Drawing 2001).
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import numpy as np

from ..core import MPNet, graph_to_net, net_to_graph
from ..errors import ParseError, SpecError
from .xml_safe import parse_xml, xml_text

__all__ = ["net_from_graphml", "net_to_graphml", "read_graphml", "write_graphml"]

def _typed(value: Any) -> Any:
    # networkx maps a Python int to attr.type "long"; numpy int64 maps to "int", the type the contract names
    if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63:
        return np.int64(value)
    return value


def net_to_graphml(net: MPNet) -> str:
    """GraphML text of ``net`` (byte-stable: same net, same bytes).

    Raises
    ------
    InvalidNetworkError
        Metadata that is not a scalar or uses a reserved name.
    """
    G = net_to_graph(net)
    H = nx.DiGraph()
    H.graph.update({k: _typed(v) for k, v in G.graph.items()})
    H.add_nodes_from((n, {k: _typed(v) for k, v in d.items()}) for n, d in G.nodes(data=True))
    H.add_edges_from((a, b, {k: _typed(v) for k, v in d.items()}) for a, b, d in G.edges(data=True))
    text = "\n".join(nx.generate_graphml(H, prettyprint=True))
    # networkx writes Python's str(True); XML Schema booleans (which GraphML uses) are lower-case true/false
    bool_keys = re.findall(r'<key id="(d\d+)" [^>]*attr\.type="boolean"', text)
    for key in bool_keys:
        text = re.sub(rf'(<data key="{key}">)(True|False)(</data>)',
                      lambda m: m.group(1) + m.group(2).lower() + m.group(3), text)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + text + "\n"


def write_graphml(net: MPNet, path: Any) -> None:
    """Write ``net`` as GraphML to ``path`` atomically."""
    from .atomic import atomic_write_bytes

    atomic_write_bytes(path, net_to_graphml(net).encode("utf-8"))


def net_from_graphml(text: str | bytes, *, source: str | None = None) -> MPNet:
    """Parse GraphML text into a net.

    Parameters
    ----------
    text : str or bytes
    source : str, optional
        File name for error messages.

    Raises
    ------
    ParseError
        Not well-formed XML (with line and column), a DOCTYPE or ENTITY declaration, or not GraphML.
    SpecError
        GraphML that breaks the contract (with a path such as ``$.nodes['u3'].threshold``).
    """
    src = source or "<string>"
    text = xml_text(text, src)
    root = parse_xml(text, src, "GraphML")
    if not root.tag.endswith("graphml"):
        raise ParseError(f"expected a <graphml> document, found <{root.tag.split('}')[-1]}>", src, 1, 1)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    seen: set[str] = set()
    for node in root.iter(f"{ns}node"):  # networkx would merge two nodes of one id into one, silently
        nid = node.get("id")
        if nid in seen:
            raise SpecError(f"duplicate node id {nid!r}: every <node> needs its own id", f"$.nodes['{nid}']", src)
        seen.add(nid)
    try:
        G = nx.parse_graphml(text, node_type=str)
    except (nx.NetworkXError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ParseError(f"bad GraphML: {' '.join(str(exc).split())[:200]}", src) from None
    # networkx drops <data> elements with no text; an empty string is still a value (e.g. inputs="")
    str_keys = {k.get("id"): k.get("attr.name") for k in root.findall(f"{ns}key")
                if k.get("for") in ("graph", "all") and k.get("attr.type") == "string"}
    graph_el = root.find(f"{ns}graph")
    for d in graph_el.findall(f"{ns}data") if graph_el is not None else ():
        name = str_keys.get(d.get("key"))
        if name is not None and not d.text and len(d) == 0:
            G.graph.setdefault(name, "")
    return graph_to_net(G, source=src)


def read_graphml(path: Any) -> MPNet:
    """Read a net from a GraphML file."""
    with open(path, "rb") as fh:
        data = fh.read()
    return net_from_graphml(data, source=str(path))
