"""Checks on rendered figures, as a reader would see them: texts on the canvas, tick labels apart."""

from __future__ import annotations

from typing import Any


def _renderer(fig: Any) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def _drawn_ticklabels(axis: Any) -> list[Any]:
    """The tick labels Matplotlib actually draws: those of the ticks inside the view (Axis._update_ticks is what its
    own draw uses to choose them)."""
    out = []
    for tick in axis._update_ticks():
        out += [lab for lab in (tick.label1, tick.label2) if lab.get_visible()]
    return out


def drawn_texts(fig: Any) -> list[Any]:
    """Every visible text that is drawn: figure texts, titles, texts in the axes, legends, and the tick and axis
    labels of axes that are on."""
    out = list(fig.texts)
    for ax in fig.axes:
        out += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        leg = ax.get_legend()
        if leg is not None:
            out += [*leg.get_texts(), leg.get_title()]
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    out += [*_drawn_ticklabels(axis), axis.label]
    for leg in fig.legends:
        out += [*leg.get_texts(), leg.get_title()]
    return [t for t in out if t.get_visible()]


def texts_outside(fig: Any, slack: float = 1.0) -> list[str]:
    """The visible texts (titles, labels, tick labels, legends) that stick out of the canvas."""
    r = _renderer(fig)
    box = fig.bbox
    bad = []
    for t in drawn_texts(fig):
        if not str(t.get_text()).strip():
            continue
        e = t.get_window_extent(r)
        if e.x0 < box.x0 - slack or e.x1 > box.x1 + slack or e.y0 < box.y0 - slack or e.y1 > box.y1 + slack:
            bad.append(t.get_text())
    return bad


def colliding_tick_labels(fig: Any) -> list[tuple[str, str]]:
    """Pairs of neighbouring tick labels of one axis whose boxes overlap."""
    r = _renderer(fig)
    bad = []
    for ax in fig.axes:
        if not ax.axison:
            continue
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t for t in _drawn_ticklabels(axis) if t.get_text().strip()]
            boxes = [(t.get_text(), t.get_window_extent(r)) for t in labels]
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    if boxes[i][1].overlaps(boxes[j][1]):
                        bad.append((boxes[i][0], boxes[j][0]))
    return bad
