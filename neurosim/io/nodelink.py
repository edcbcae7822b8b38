"""Node-link JSON of MP nets: networkx's ``json_graph.node_link_data`` of the graph view, for D3 and friends.

The object is ``{"directed": true, "multigraph": false, "graph": {...}, "nodes": [...], "edges": [...]}`` with
exactly the attributes of :func:`neurosim.graph.net_to_graph` (``inputs``/``outputs`` strings and metadata on
the graph; ``id``, ``kind``, ``threshold``, ``initial``, ``layer`` on nodes; ``source``, ``target``, ``weight``,
``inhibitory`` on edges). Written byte-stable (fixed key order, two-space indent, final newline). Reading also
accepts the older ``"links"`` key.

Notes
-----
The graph view follows McCulloch & Pitts (1943): one edge per source→target pair, inhibition as a flag.
"""

from __future__ import annotations

import json
from typing import Any

from networkx.readwrite import json_graph

from ..core import MPNet, graph_to_net, net_to_graph
from ..errors import SpecError
from .source import loads_json

__all__ = ["net_from_nodelink", "net_to_nodelink"]


def net_to_nodelink(net: MPNet) -> str:
    """Node-link JSON text of ``net``."""
    data = json_graph.node_link_data(net_to_graph(net), edges="edges")
    # identity first, attributes after: easier to read, and the order is fixed either way
    data["nodes"] = [{"id": d["id"], **{k: v for k, v in d.items() if k != "id"}} for d in data["nodes"]]
    data["edges"] = [{"source": d["source"], "target": d["target"],
                      **{k: v for k, v in d.items() if k not in ("source", "target")}} for d in data["edges"]]
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def net_from_nodelink(data: str | bytes | dict[str, Any], *, source: str | None = None) -> MPNet:
    """Rebuild a net from node-link JSON text or its parsed object.

    Raises
    ------
    ParseError
        Not JSON (with line and column).
    SpecError
        Not a node-link object, or a graph that breaks the net contract (with a path).
    """
    src = source or "<string>"
    if not isinstance(data, dict):
        data = loads_json(data, src)
    if not isinstance(data, dict) or "nodes" not in data:
        raise SpecError("expected a node-link object with 'nodes' and 'edges'", "$", src)
    key = "links" if "links" in data and "edges" not in data else "edges"
    nodes = data["nodes"]
    if not isinstance(nodes, list) or not all(isinstance(n, dict) and "id" in n for n in nodes):
        raise SpecError("expected an array of objects with an 'id'", "$.nodes", src)
    edges = data.get(key, [])
    if not isinstance(edges, list) or not all(isinstance(e, dict) and {"source", "target"} <= set(e)
                                              for e in edges):
        raise SpecError("expected an array of objects with 'source' and 'target'", f"$.{key}", src)
    if data.get("directed", True) is not True:
        raise SpecError("expected a directed graph, found directed=false", "$.directed", src)
    if not isinstance(data.get("multigraph", False), bool):
        raise SpecError(f"expected true or false, found {json.dumps(data['multigraph'])[:40]}", "$.multigraph", src)
    if not isinstance(data.get("graph", {}), dict):
        raise SpecError(f"expected an object of graph attributes, found {json.dumps(data['graph'])[:40]}",
                        "$.graph", src)
    for i, n in enumerate(nodes):
        if not isinstance(n["id"], str | int) or isinstance(n["id"], bool):
            raise SpecError(f"expected a node id (a string), found {json.dumps(n['id'])[:40]}", f"$.nodes[{i}].id",
                            src)
    try:
        G = json_graph.node_link_graph(data, directed=True, multigraph=bool(data.get("multigraph", False)),
                                       edges=key)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise SpecError(f"bad node-link data: {' '.join(str(exc).split())[:200]}", "$", src) from None
    return graph_to_net(G, source=src)
