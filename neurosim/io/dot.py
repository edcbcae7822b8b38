"""Graphviz DOT export of MP nets, written by hand so the text is byte-stable.

Layout hints: left to right; the inputs share the first rank; for feedforward nets every layer shares a rank.
Units are circles labelled with their name and threshold (``h1\\nθ=2``); units firing at tick 0 are filled.
Excitatory synapses are normal arrows, labelled with the synapse count when it is above 1; inhibitory
synapses end in a dot (``arrowhead=dot``), as in the 1943 diagrams. Each named output is a plain-text node with
a dashed arrow from the node it reads. One edge per source→target pair, as in :mod:`neurosim.graph`.

Notes
-----
McCulloch & Pitts (1943), figure 1: excitatory endings as arrowheads, inhibitory ones as small loops.
"""

from __future__ import annotations

from ..core import MPNet, net_to_graph

__all__ = ["net_to_dot"]


def _q(s: object) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def net_to_dot(net: MPNet, *, name: str = "mpnet") -> str:
    """DOT text of ``net``.

    Parameters
    ----------
    net : MPNet
    name : str
        The graph's name.

    Returns
    -------
    str
        ``digraph`` text ending in a newline.
    """
    G = net_to_graph(net)
    lines = [f"digraph {_q(name)} {{",
             "  rankdir=LR;",
             '  node [shape=circle, fontname="Helvetica", fontsize=11];',
             '  edge [fontname="Helvetica", fontsize=9];']
    if net.inputs:
        lines.append("  // inputs")
        lines.append("  { rank=source; "
                     + " ".join(f"{_q(x)} [shape=box, style=rounded];" for x in net.inputs) + " }")
    lines.append("  // units: name and threshold")
    for u in net.units:
        extra = ', style=filled, fillcolor="#ffd966"' if u.name in net.initial else ""
        lines.append(f"  {_q(u.name)} [label={_q(u.name + chr(10) + 'θ=' + str(u.threshold))}{extra}];")
    layers: dict[int, list[str]] = {}
    for u in net.units:
        if "layer" in G.nodes[u.name]:
            layers.setdefault(G.nodes[u.name]["layer"], []).append(u.name)
    for k in sorted(layers):
        lines.append(f"  {{ rank=same; {' '.join(_q(n) + ';' for n in layers[k])} }}  // layer {k}")
    lines.append("  // synapses")
    for a, b, d in G.edges(data=True):
        if d["inhibitory"]:
            attrs = 'arrowhead=dot, color="#c0392b"'
        else:
            attrs = "arrowhead=normal" + (f', label="{d["weight"]}"' if d["weight"] > 1 else "")
        lines.append(f"  {_q(a)} -> {_q(b)} [{attrs}];")
    if net.outputs:
        lines.append("  // outputs")
        for out, node in net.outputs:
            oid = _q(f"@out {out}")  # "@" and " " never occur in node names: no clash
            lines.append(f"  {oid} [shape=plaintext, label={_q(out)}];")
            lines.append(f"  {_q(node)} -> {oid} [style=dashed, arrowhead=vee];")
        lines.append("  { rank=sink; " + " ".join(_q(f"@out {o}") + ";" for o, _ in net.outputs) + " }")
    lines.append("}")
    return "\n".join(lines) + "\n"
