"""What every drawing shares: the colours of the 1943 conventions, a new Figure without pyplot, titles that fit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

EXC_COLOR = "#1f2d3d"
INH_COLOR = "#c0392b"
INPUT_COLOR = "#dbe9f6"
INITIAL_COLOR = "#ffd966"
OUTPUT_COLOR = "#2e8b57"
FIRING_COLOR = "#f39c12"
VETO_COLOR = "#8e44ad"


def net_summary_title(net: Any) -> str:
    """One line on an MP net: inputs, units, synapses, feedforward depth or recurrent."""
    s = net.summary()
    kind = f"feedforward, depth {s['depth']}" if s["feedforward"] else "recurrent"
    n = s["units"]
    return f"MP net: {s['inputs']} inputs, {n} unit{'s' * (n != 1)}, {s['synapses']} synapses ({kind})"


def new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """``ax`` and its figure, or a new constrained-layout Figure of ``size`` inches with one Axes."""
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def text_width_in(text: str, fontsize: float) -> float:
    """The width of one line of ``text`` at ``fontsize`` points, in inches, measured on the font's outlines."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    if not text.strip():
        return 0.0
    path = TextPath((0, 0), text.replace("$", r"\$"), size=fontsize, prop=FontProperties(family="DejaVu Sans"))
    return float(path.get_extents().x1) / 72


def wrap_to(text: str, width_in: float, fontsize: float) -> str:
    """``text`` wrapped (at spaces) into lines no wider than ``width_in`` inches at ``fontsize`` points."""
    out = []
    for line in text.split("\n"):
        if text_width_in(line, fontsize) <= width_in:
            out.append(line)
            continue
        cur = ""
        for word in line.split(" "):
            trial = f"{cur} {word}" if cur else word
            if cur and text_width_in(trial, fontsize) > width_in:
                out.append(cur)
                cur = word
            else:
                cur = trial
        out.append(cur)
    return "\n".join(out)


def fit_title(ax: Axes, text: str, fontsize: float = 11.0, *, margin_in: float = 0.3, **kw: Any) -> None:
    """Set a title wrapped to the width of the figure (titles never run off the canvas)."""
    width = ax.figure.get_size_inches()[0] * _axes_share(ax) - margin_in
    ax.set_title(wrap_to(text, width, fontsize), fontsize=fontsize, **kw)


def _axes_share(ax: Axes) -> float:
    """The fraction of the figure's width that the axes' grid cell spans (1 for a single axes)."""
    spec = ax.get_subplotspec()
    if spec is None:
        return 1.0
    gs = spec.get_gridspec()
    cols = gs.get_geometry()[1]
    span = spec.colspan
    return (span.stop - span.start) / cols


def framed_axes(ax: Axes | None, data_in: tuple[float, float], title: str, title_fs: float, n_legend: int,
                legend_fs: float) -> tuple[Figure, Axes, int]:
    """A Figure laid out by hand around a drawing of ``data_in`` inches: the title above (wrapped to the width),
    the drawing, a legend of ``n_legend`` entries below; returns the figure, the axes and the legend's columns.

    Diagrams keep an equal aspect, which constrained layout cannot always fit beside a long title and a legend;
    sizing the figure from its parts keeps every text on the canvas. With ``ax`` given, only the title is set.
    """
    import math

    if ax is not None:
        fit_title(ax, title, title_fs)
        return ax.figure, ax, 3
    from matplotlib.figure import Figure

    dw, dh = data_in
    width = max(5.0, dw + 0.3)
    wrapped = wrap_to(title, width - 0.4, title_fs)
    title_h = (wrapped.count("\n") + 1) * title_fs * 1.3 / 72 + 0.25
    ncol = 3 if width >= 5.5 else 2
    legend_h = math.ceil(n_legend / ncol) * legend_fs * 1.75 / 72 + 0.2 if n_legend else 0.1
    height = dh + title_h + legend_h
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes(((width - dw) / 2 / width, legend_h / height, dw / width, dh / height))
    ax.set_title(wrapped, fontsize=title_fs, pad=6)
    return fig, ax, ncol
