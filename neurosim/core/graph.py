"""The networkx view of an MP net: the one graph every net writer (GraphML, node-link, DOT) and drawing uses.

Graph attributes (scalars only, so the view can go to GraphML unchanged):

- ``inputs``: the input node names in order, comma-separated (``"x1,x2"``);
- ``outputs``: the named outputs in order as comma-separated ``name=node`` pairs (``"y=u3,x=x1"``; a node may be
  an input);
- every ``net.metadata`` scalar (str, int, float, bool) under its own key, e.g. a DFA net's ``accept_unit``.

Node attributes: ``kind`` (``"input"`` or ``"unit"``); on units ``threshold`` (int ≥ 0) and ``initial`` (bool,
true for units firing at tick 0); ``layer`` (int) on every node of a feedforward net.

Edge attributes: ``weight`` (int ≥ 1, the number of excitatory synapses; 1 on an inhibitory edge) and
``inhibitory`` (bool). There is ONE edge per source→target pair. When a source is both excitatory and inhibitory
to the same unit, the edge is inhibitory and its excitatory synapses are dropped: whenever that source fires the
unit is vetoed, so those synapses never count, and when it is silent they contribute nothing either — the unit
computes the same function. :func:`canonical_net` makes that normalisation explicit.

Notes
-----
McCulloch & Pitts (1943) drew nets as graphs of neurons with excitatory (arrow) and inhibitory (loop) endings;
names separated by ``,`` and ``=`` are unambiguous because MP node names never contain them.
"""

from __future__ import annotations

import math
from numbers import Integral
from typing import Any

import networkx as nx

from ..errors import InvalidNetworkError, SpecError
from .mp import MAX_SYNAPSES, MPNet, MPUnit

__all__ = ["RESERVED_GRAPH_KEYS", "canonical_net", "check_metadata", "graph_to_net", "net_to_graph"]

#: graph attribute names that metadata may not use (ours, and the ones networkx's GraphML code treats specially)
RESERVED_GRAPH_KEYS = frozenset({"inputs", "outputs", "id", "node_default", "edge_default"})


def check_metadata(net: MPNet) -> list[tuple[str, Any]]:
    """The net's metadata as (key, scalar) pairs sorted by key, validated for writing to any net file.

    Raises
    ------
    InvalidNetworkError
        A value that is not a str, int, float (finite) or bool, a key that is not a string, or a reserved key.
    """
    items = []
    for key, value in net.metadata:
        if not isinstance(key, str) or not key:
            raise InvalidNetworkError(f"metadata keys must be non-empty strings, found {key!r}")
        if key in RESERVED_GRAPH_KEYS:
            raise InvalidNetworkError(
                f"metadata key {key!r} is reserved (graph attributes {', '.join(sorted(RESERVED_GRAPH_KEYS))})")
        if isinstance(value, Integral) and not isinstance(value, bool):
            value = int(value)  # numpy integers -> plain int, so files and equality agree
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise InvalidNetworkError(f"metadata {key!r}: expected a finite number, found {value!r}")
        elif not isinstance(value, str | bool):
            raise InvalidNetworkError(
                f"metadata {key!r}: expected a scalar (str, int, float or bool), found {type(value).__name__}")
        items.append((key, value))
    return sorted(items)


def canonical_net(net: MPNet) -> MPNet:
    """The same net with excitatory synapses from a unit's own inhibitors removed (see the module notes).

    This is exactly what a graph view (and so GraphML or node-link) can carry; it computes the same function at
    every tick.
    """
    units = []
    for u in net.units:
        inh = set(u.inhibitory)
        units.append(MPUnit(u.name, u.threshold, tuple(s for s in u.excitatory if s not in inh), u.inhibitory))
    return MPNet(net.inputs, tuple(units), net.outputs, net.initial, net.metadata)


def net_to_graph(net: MPNet) -> nx.DiGraph:
    """The graph view of ``net`` (attributes in the module docstring).

    Parameters
    ----------
    net : MPNet

    Returns
    -------
    networkx.DiGraph
        Nodes in ``net.nodes`` order (inputs first); edges grouped by source, excitatory before inhibitory.
    """
    levels = net.levels() if net.is_feedforward() else None
    G = nx.DiGraph()
    G.graph["inputs"] = ",".join(net.inputs)
    G.graph["outputs"] = ",".join(f"{name}={node}" for name, node in net.outputs)
    for key, value in check_metadata(net):
        G.graph[key] = value
    for x in net.inputs:
        G.add_node(x, kind="input", **({"layer": levels[x]} if levels else {}))
    for u in net.units:
        attrs: dict[str, Any] = {"kind": "unit", "threshold": u.threshold, "initial": u.name in net.initial}
        if levels:
            attrs["layer"] = levels[u.name]
        G.add_node(u.name, **attrs)
    for u in net.units:
        inh = set(u.inhibitory)
        for s, w in u.weights.items():
            if s not in inh:
                G.add_edge(s, u.name, weight=w, inhibitory=False)
        for s in u.inhibitory:
            G.add_edge(s, u.name, weight=1, inhibitory=True)
    return G


def _int(value: Any, path: str, source: str | None, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise SpecError(f"expected an integer >= {minimum}, found {value!r}", path, source)
    return int(value)


def _bool(value: Any, path: str, source: str | None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Integral) and value in (0, 1):  # numpy bools and 0/1 from lenient writers
        return bool(value)
    raise SpecError(f"expected a boolean, found {value!r}", path, source)


def _split(G: nx.DiGraph, key: str, source: str | None) -> list[str] | None:
    if key not in G.graph:
        return None
    text = G.graph[key]
    if not isinstance(text, str):
        raise SpecError(f"expected a comma-separated string, found {text!r}", f"$.graph.{key}", source)
    return [p.strip() for p in text.split(",")] if text.strip() else []


def graph_to_net(G: nx.DiGraph, *, source: str | None = None) -> MPNet:
    """Rebuild an MP net from its graph view (the inverse of :func:`net_to_graph` up to :func:`canonical_net`).

    Parameters
    ----------
    G : networkx.DiGraph
        Attributes as in the module docstring. Without an ``inputs`` graph attribute the ``kind="input"`` nodes
        are the inputs in node order; without ``outputs`` the net has no outputs. Other graph attributes become
        metadata; unknown node and edge attributes (``layer``, ``id``, ``label``…) are ignored.
    source : str, optional
        File name for error messages.

    Raises
    ------
    SpecError
        A missing or ill-typed attribute, an edge into an input, parallel edges, an unknown output node…
        The path names the culprit, e.g. ``$.nodes['u3'].threshold``.
    """
    if not G.is_directed():
        raise SpecError("expected a directed graph, found an undirected one", "$.graph", source)
    if G.is_multigraph():
        for a, b in G.edges():
            if G.number_of_edges(a, b) > 1:
                raise SpecError(f"expected one edge per source->target pair, found {G.number_of_edges(a, b)}",
                                f"$.edges['{a}->{b}']", source)
        G = nx.DiGraph(G)
    kinds: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        kind = d.get("kind")
        if kind not in ("input", "unit"):
            raise SpecError(f"expected kind 'input' or 'unit', found {kind!r}", f"$.nodes['{n}'].kind", source)
        kinds[str(n)] = kind
    inputs = _split(G, "inputs", source)
    if inputs is None:
        inputs = [n for n, k in kinds.items() if k == "input"]
    for i, x in enumerate(inputs):
        if kinds.get(x) != "input":
            found = "no such node" if x not in kinds else "a unit"
            raise SpecError(f"expected an input node, found {found} ({x!r})", f"$.graph.inputs[{i}]", source)
    missing = [n for n, k in kinds.items() if k == "input" and n not in inputs]
    if missing:
        raise SpecError(f"input node {missing[0]!r} is not listed in the graph's inputs", "$.graph.inputs", source)
    exc: dict[str, list[str]] = {n: [] for n, k in kinds.items() if k == "unit"}
    inh: dict[str, list[str]] = {n: [] for n in exc}
    total = 0  # synapses so far: checked before any list of them is built
    for a, b, d in G.edges(data=True):
        path = f"$.edges['{a}->{b}']"
        if kinds[str(b)] != "unit":
            raise SpecError(f"expected edges to end at units, found one into input {b!r}", path, source)
        inhibitory = _bool(d.get("inhibitory", False), path + ".inhibitory", source)
        weight = _int(d.get("weight", 1), path + ".weight", source, 1)
        total += 1 if inhibitory else weight
        if total > MAX_SYNAPSES:
            raise SpecError(f"{weight:,} synapses bring the net to {total:,}, more than the {MAX_SYNAPSES:,} a net "
                            "may have", path + ".weight", source)
        if inhibitory:
            inh[str(b)].append(str(a))
        else:
            exc[str(b)].extend([str(a)] * weight)
    units, initial = [], []
    for n, d in G.nodes(data=True):
        if kinds[str(n)] != "unit":
            continue
        path = f"$.nodes['{n}']"
        if "threshold" not in d:
            raise SpecError("expected a threshold on every unit, found none", path + ".threshold", source)
        theta = _int(d["threshold"], path + ".threshold", source, 0)
        if _bool(d.get("initial", False), path + ".initial", source):
            initial.append(str(n))
        units.append(MPUnit(str(n), theta, tuple(exc[str(n)]), tuple(inh[str(n)])))
    outputs = []
    for i, pair in enumerate(_split(G, "outputs", source) or []):
        name, eq, node = pair.partition("=")
        if not eq or node not in kinds:
            raise SpecError(f"expected name=node with a node of the graph, found {pair!r}",
                            f"$.graph.outputs[{i}]", source)
        outputs.append((name, node))
    meta = []
    for k, v in G.graph.items():
        if k in RESERVED_GRAPH_KEYS:
            continue
        if (isinstance(v, float) and not math.isfinite(v)) or not isinstance(v, str | int | float):
            raise SpecError(f"expected a scalar metadata value (str, int, float, bool), found {v!r}",
                            f"$.graph.{k}", source)
        meta.append((str(k), v))
    try:
        return MPNet(tuple(inputs), tuple(units), tuple(outputs), frozenset(initial), tuple(meta))
    except InvalidNetworkError as exc_:
        raise SpecError(str(exc_), "$", source) from exc_

