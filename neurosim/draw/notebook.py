"""What Jupyter shows for neurosim's values: nets and automata as pictures, tables and results as HTML.

:func:`render` is the renderer that :mod:`neurosim.core.display` calls (registered by the top-level face): it draws
an :class:`~neurosim.core.MPNet` or a :class:`~neurosim.automata.DFA` as SVG or PNG bytes, and a truth table, a
compile result, a verification verdict, a separability verdict with its certificate, or a many-seeds training sweep
as an HTML fragment. The HTML is plain markup with inline styles (no scripts), so it reads the same in a notebook,
in a static export and in ``neurosim demo``'s report.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["MAX_HTML_ROWS", "figure_bytes", "html_table", "render"]

#: rows of a truth table shown before "… and N more"
MAX_HTML_ROWS = 64
_CSS = "border-collapse:collapse;font-family:monospace;font-size:12px"
_CELL = "border:1px solid #ccc;padding:2px 6px;text-align:center"


def render(obj: Any, fmt: str) -> Any:
    """``obj`` as ``fmt`` ("svg" -> str, "png" -> bytes, "html" -> str), or None when there is no such picture."""
    kind = type(obj).__name__
    if fmt in ("svg", "png"):
        fig = _figure(obj, kind)
        if fig is None:
            return None
        data = figure_bytes(fig, fmt)
        return data.decode("utf-8") if fmt == "svg" else data
    if fmt == "html":
        fn = _HTML.get(kind)
        return fn(obj) if fn is not None else None
    return None


def figure_bytes(fig: Any, fmt: str, dpi: int = 100) -> bytes:
    """A Figure as SVG or PNG bytes in memory (no timestamps, a fixed SVG hash salt: equal figures, equal bytes)."""
    import matplotlib

    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    with matplotlib.rc_context({"svg.hashsalt": "neurosim"}):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=meta)
    return buf.getvalue()


def _figure(obj: Any, kind: str) -> Any:
    if kind == "MPNet":
        from .net import MAX_DRAWN_NODES, draw_net

        return draw_net(obj) if len(obj.nodes) <= MAX_DRAWN_NODES else None
    if kind == "DFA":
        from .dfa import draw_dfa

        return draw_dfa(obj)
    return None


def html_table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, caption: str = "",
               split: int | None = None) -> str:
    """A small HTML table; ``split`` draws a thick rule before that column (inputs | outputs)."""
    def cell(v: Any, j: int, tag: str) -> str:
        rule = ";border-left:3px solid #555" if split is not None and j == split else ""
        return f'<{tag} style="{_CELL}{rule}">{html.escape(str(v))}</{tag}>'

    head = "".join(cell(h, j, "th") for j, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell(v, j, "td") for j, v in enumerate(r)) + "</tr>" for r in rows)
    cap = f'<caption style="caption-side:top;text-align:left">{html.escape(caption)}</caption>' if caption else ""
    return f'<table style="{_CSS}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _summary(title: str, items: Sequence[tuple[str, Any]], extra: str = "") -> str:
    rows = "".join(f'<tr><th style="{_CELL};text-align:left">{html.escape(k)}</th>'
                   f'<td style="{_CELL};text-align:left">{html.escape(str(v))}</td></tr>' for k, v in items)
    return (f'<div class="neurosim"><b>{html.escape(title)}</b><table style="{_CSS}">{rows}</table>'
            f"{extra}</div>")


def _truth_table(t: Any) -> str:
    rows = [(*cube, *out) for cube, out in t.rows[:MAX_HTML_ROWS]]
    more = len(t.rows) - MAX_HTML_ROWS
    note = f"<div>… and {more} more rows</div>" if more > 0 else ""
    caption = (f"truth table: {t.n_inputs} inputs, {t.n_outputs} outputs, {len(t.rows)} rows "
               f"(type {t.type}; '-' is don't-care)")
    return html_table([*t.inputs, *t.outputs], rows, caption=caption, split=t.n_inputs) + note


def _inline_svg(net: Any) -> str:
    """The net's drawing inline, for small nets (a compile result shows what it built)."""
    if len(net.nodes) > 40:
        return ""
    svg = render(net, "svg") or ""
    start = svg.find("<svg")
    return f'<div style="max-width:640px">{svg[start:]}</div>' if start >= 0 else ""


def _compile_result(r: Any) -> str:
    s = r.summary
    items = [("inputs → outputs", f"{s['inputs']} → {s['outputs']}"), ("units", s["units"]),
             ("synapses", s["synapses"]), ("depth", s["depth"]), ("method", s.get("method", "")),
             ("product terms", s.get("terms", "")),
             ("outputs realised as", ", ".join(f"{k}: {v}" for k, v in r.realisations))]
    return _summary("compiled MP net", items, _inline_svg(r.net))


def _verdict(v: Any) -> str:
    items = [("verified", "yes" if v.ok else "NO"), ("how", v.how)]
    ce = v.counterexample
    if ce is not None:
        items += [("counterexample", f"inputs {ce.inputs}: output {ce.output} expected {ce.expected}, "
                                     f"net gives {ce.got}")]
    return _summary("verification", items)


def _fraction_sum(coeffs: dict[int, Any]) -> str:
    return " + ".join(f"{v}·row {k}" for k, v in sorted(coeffs.items()))


def _separability(r: Any) -> str:
    if r.separable:
        w = ", ".join(f"{float(x):.4g}" for x in np.asarray(r.weights, dtype=float))
        items = [("verdict", "linearly separable (proved: the hyperplane is checked on every row)"),
                 ("w", f"({w})"), ("b", f"{float(r.bias):.4g}"), ("margin", f"{float(r.margin):.4g}")]
        if r.novikoff is not None:
            items.append(("Novikoff bound (R/γ)²", f"{float(r.novikoff):.4g} mistakes at most"))
        return _summary("separability", items)
    c = r.certificate
    point = "(" + ", ".join(str(p) for p in c.point) + ")"
    items = [("verdict", "not linearly separable (proved by the certificate)"),
             ("certificate", f"{_fraction_sum(c.positive)} = {_fraction_sum(c.negative)} = {point}"),
             ("reading", "a point in the convex hull of both classes: no hyperplane can separate them")]
    return _summary("separability", items)


def _many_nets(r: Any) -> str:
    ok = r.success_epoch[r.success_epoch >= 0]
    n = r.seeds.shape[0]
    items = [("nets", n), ("solved", f"{ok.size} ({100 * ok.size / max(n, 1):.1f} %)"),
             ("epochs budget", r.max_epochs)]
    if ok.size:
        items += [("median epochs to success", f"{np.median(ok):.0f}"),
                  ("90th percentile", f"{np.percentile(ok, 90):.0f}")]
    items.append(("final J (median)", f"{np.median(r.final_loss):.3g}"))
    return _summary("many-seeds training sweep", items)


def _equivalence(v: Any) -> str:
    items = [("equivalent", "yes (a proof for every string)" if v.equivalent else "NO"),
             ("reachable firing states of the net", v.net_states), ("DFA states", v.dfa_states)]
    if v.witness is not None:
        items.append(("shortest string where they differ", "".join(v.witness) or "ε"))
    return _summary("net vs DFA", items)


def _dfa_compile(r: Any) -> str:
    s = r.net.summary()
    items = [("DFA", f"{len(r.dfa.states)} states × {len(r.dfa.input_symbols)} symbols"),
             ("net", f"{s['units']} units, {s['synapses']} synapses"), ("units saved by merging", r.units_saved)]
    return _summary("compiled DFA net", items)


_HTML = {"TruthTable": _truth_table, "CompileResult": _compile_result, "Verdict": _verdict,
         "SeparabilityResult": _separability, "ManyNetsResult": _many_nets, "EquivalenceVerdict": _equivalence,
         "DFACompileResult": _dfa_compile}
