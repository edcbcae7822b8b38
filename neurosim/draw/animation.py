"""Watch a net fire: the drawing of a net with its firing units lit tick by tick.

Each frame is one tick t of a run: input lines that are on and units that fire at t are lit, the synapses of every
firing source carry their spike (excitatory ones lit, inhibitory ones purple: a veto in force at t + 1), and a unit
that a veto silenced — enough excitation at t − 1 to reach θ, but an inhibitor fired — is crossed out. A caption
names the tick and what is presented (the input row, or the DFA symbol read). The result is a Matplotlib
``FuncAnimation``; :func:`neurosim.io.save_animation` writes it as a GIF (Pillow) or a self-contained HTML page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..backend import to_numpy
from ..core import MPNet, layout_net, run
from ..errors import ParameterError
from ._style import (
    EXC_COLOR,
    FIRING_COLOR,
    INH_COLOR,
    INITIAL_COLOR,
    INPUT_COLOR,
    VETO_COLOR,
    net_summary_title,
    wrap_to,
)

__all__ = [
    "MAX_ANIMATED_NODES",
    "Frame",
    "animate_frames",
    "animate_rows",
    "animate_trace",
    "animate_word",
    "trace_frames",
]

#: nets drawn frame by frame stay small enough for one FancyArrowPatch per synapse (see draw.net.BIG_NET)
MAX_ANIMATED_NODES = 80


@dataclass(frozen=True, slots=True)
class Frame:
    """One tick of a run, as drawn: the nodes that fire, the units a veto silenced, and a caption."""

    tick: int
    firing: frozenset[str]
    vetoed: frozenset[str]
    caption: str


def _vetoed(net: MPNet, before: set[str], now: set[str]) -> set[str]:
    """Units silent now although their excitation a tick before reached θ: an inhibitor fired then."""
    out = set()
    for u in net.units:
        if u.name in now or not any(s in before for s in u.inhibitory):
            continue
        if sum(w for s, w in u.weights.items() if s in before) >= u.threshold:
            out.add(u.name)
    return out


def trace_frames(trace: Any, *, batch_index: int = 0, captions: Sequence[str] | None = None,
                 held_inputs: Any = None) -> list[Frame]:
    """The frames of one run of a :class:`~neurosim.core.Trace` (ticks 0..T).

    Parameters
    ----------
    trace : Trace
        Must record every unit.
    captions : sequence of str, optional
        One per tick (default: ``tick t · x1=0 x2=1``).
    held_inputs : (n_inputs,) array, optional
        Input lines shown at tick T too (a feedforward row is held while the net settles).
    """
    net = trace.net
    if tuple(trace.recorded) != net.unit_names:
        raise ParameterError("an animation needs the firing of every unit: run the net without record=")
    inputs = to_numpy(trace.inputs)[batch_index]
    units = to_numpy(trace.units)[batch_index]
    frames: list[Frame] = []
    prev: set[str] = set()
    for t in range(units.shape[0]):
        row = inputs[t] if t < inputs.shape[0] else (held_inputs if held_inputs is not None else None)
        on = {x for x, v in zip(net.inputs, row, strict=True) if v} if row is not None else set()
        fire = {u for u, v in zip(net.unit_names, units[t], strict=True) if v}
        now = on | fire
        cap = captions[t] if captions is not None else f"tick {t}" + (
            " · " + " ".join(f"{x}={int(v)}" for x, v in zip(net.inputs, row, strict=True)) if row is not None
            else "")
        frames.append(Frame(t, frozenset(now), frozenset(_vetoed(net, prev, fire) if t else ()), cap))
        prev = now
    return frames


def animate_trace(trace: Any, *, batch_index: int = 0, title: str | None = None, fps: float = 2.0) -> Any:
    """Animate one run of a trace (recurrent nets: the input rows are the ticks)."""
    return animate_frames(trace.net, trace_frames(trace, batch_index=batch_index), title=title, fps=fps)


def animate_rows(net: MPNet, X: Any, *, title: str | None = None, fps: float = 2.0, backend: Any = None) -> Any:
    """Animate a net on input rows: a feedforward net settles on each row in turn (the row held for depth + 1
    ticks, from silence); a recurrent net takes the rows as its successive ticks."""
    X = np.asarray(X, dtype=np.uint8).reshape(-1, len(net.inputs))
    if not net.is_feedforward():
        return animate_trace(run(net, X, backend=backend), title=title, fps=fps)
    depth = max(net.depth(), 1)
    frames: list[Frame] = []
    for r, row in enumerate(X):
        tr = run(net, np.repeat(row[None, :], depth, axis=0), backend=backend)
        shown = " ".join(f"{x}={int(v)}" for x, v in zip(net.inputs, row, strict=True))
        caps = [f"row {r + 1} of {len(X)} ({shown}) · tick {t}" + (" · settled" if t == depth else "")
                for t in range(depth + 1)]
        frames += trace_frames(tr, captions=caps, held_inputs=row)
    return animate_frames(net, frames, title=title, fps=fps)


def animate_word(net: MPNet, word: Sequence[str], *, title: str | None = None, fps: float = 2.0,
                 backend: Any = None) -> Any:
    """Animate an automaton net (one with a run protocol) reading ``word``, one symbol per tick, up to the tick
    at which its accept unit gives the verdict."""
    from ..automata import RunProtocol, trace_words

    proto = RunProtocol.from_net(net)
    word = tuple(word)
    tr = trace_words(net, [word], backend)
    units = to_numpy(tr.units)[0]
    end = len(word) + proto.accept_delay
    verdict = bool(units[end, net.unit_names.index(proto.accept_unit)])
    shown = "".join(word) if all(len(a) == 1 for a in word) else " ".join(word)
    caps = []
    for t in range(units.shape[0]):
        if t < len(word):
            caps.append(f"tick {t} · reading symbol {word[t]!r} ({t + 1} of {len(word)} in {shown!r})")
        elif t == end:
            caps.append(f"tick {t} · accept unit {'fires: ACCEPTED' if verdict else 'silent: REJECTED'}")
        else:
            caps.append(f"tick {t} · word read, waiting for the accept unit")
    frames = trace_frames(tr, captions=caps)[: end + 1]
    return animate_frames(net, frames, title=title or f"The net reading {shown!r}", fps=fps)


def animate_frames(net: MPNet, frames: Sequence[Frame], *, title: str | None = None, fps: float = 2.0) -> Any:
    """A ``FuncAnimation`` of ``frames`` over the drawing of ``net``.

    Raises
    ------
    ParameterError
        More than :data:`MAX_ANIMATED_NODES` nodes, no frames, or a non-positive ``fps``.
    """
    if len(net.nodes) > MAX_ANIMATED_NODES:
        raise ParameterError(f"a net of {len(net.nodes)} nodes is too large to animate legibly (at most "
                             f"{MAX_ANIMATED_NODES}): draw its raster instead")
    if not frames:
        raise ParameterError("nothing to animate: the run has no ticks")
    if not fps > 0:
        raise ParameterError(f"expected frames per second > 0, found {fps!r}")
    from matplotlib.animation import FuncAnimation
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    from .net import R, draw_net

    lay = layout_net(net, radius=R)
    extra = [Line2D([], [], ls="", marker="o", mfc=FIRING_COLOR, mec=EXC_COLOR, ms=10, label="fires at this tick"),
             Line2D([], [], color=FIRING_COLOR, lw=2.5, label="spike on its way"),
             Line2D([], [], color=VETO_COLOR, lw=2.5, label="veto in force next tick"),
             Line2D([], [], ls="", marker="x", color=VETO_COLOR, mew=2.5, ms=9, label="silenced by a veto")]
    head = title if title is not None else net_summary_title(net)
    # the caption is the title's last line; the figure is laid out for the longest one, and every frame's title
    # is padded to the same number of lines so that nothing moves
    longest = max((f.caption for f in frames), key=len)
    fig = draw_net(net, style="graph", layout=lay, title=f"{head}\n{longest}", legend_extra=extra)
    ax = fig.axes[0]
    width = fig.get_size_inches()[0] - 0.4
    fs = ax.title.get_fontsize()
    n_lines = ax.get_title().count("\n") + 1
    titles = []
    for f in frames:
        t = wrap_to(f"{head}\n{f.caption}", width, fs)
        titles.append(t + "\n " * max(0, n_lines - t.count("\n") - 1))
    coll = {c.get_gid(): c for c in ax.get_children() if c.get_gid() in ("inputs", "units")}
    arrows = {a.get_gid()[len("synapse "):]: a for a in ax.get_children()
              if isinstance(a, FancyArrowPatch) and (a.get_gid() or "").startswith("synapse ")}
    inhibitory = {f"{s}->{u.name}" for u in net.units for s in u.inhibitory}
    units = [n for n in net.nodes if n not in net.inputs]
    base_lw = {k: a.get_linewidth() for k, a in arrows.items()}
    marks = {u: ax.text(*lay.pos[u], "✕", color=VETO_COLOR, fontsize=22, ha="center", va="center", zorder=6,
                        visible=False, fontweight="bold") for u in units}

    def draw(k: int) -> list[Any]:
        f = frames[k]
        if "inputs" in coll:
            coll["inputs"].set_facecolor([FIRING_COLOR if x in f.firing else INPUT_COLOR for x in net.inputs])
        if "units" in coll:
            coll["units"].set_facecolor([FIRING_COLOR if u in f.firing else
                                         (INITIAL_COLOR if u in net.initial and k == 0 else "white")
                                         for u in units])
        for key, a in arrows.items():
            src = key.split("->")[0]
            live = src in f.firing
            inh = key in inhibitory
            a.set_color(VETO_COLOR if live and inh else FIRING_COLOR if live else INH_COLOR if inh else EXC_COLOR)
            a.set_linewidth(base_lw[key] * (2.2 if live else 1.0))
        for u, m in marks.items():
            m.set_visible(u in f.vetoed)
        ax.set_title(titles[k], fontsize=fs)
        return [*coll.values(), *arrows.values(), *marks.values(), ax.title]

    draw(0)
    return FuncAnimation(fig, draw, frames=len(frames), interval=1000 / fps, blit=False, repeat=True)


# ---- bytes of an animation (written to files by neurosim.io.save_animation) -------------------------------------
#: the formats an animation can be rendered in
ANIMATION_FORMATS = ("gif", "html")
#: palette size of a GIF frame
GIF_COLORS = 64


def animation_to_bytes(anim: Any, fmt: str, *, fps: float | None = None, dpi: int = 100,
                       title: str = "neurosim animation") -> bytes:
    """The file contents of ``anim`` as a GIF (Matplotlib's Pillow writer, in memory) or as one HTML page with the
    JavaScript player of ``Animation.to_jshtml`` (frames embedded, no network reference).

    Parameters
    ----------
    anim : matplotlib.animation.Animation
    fmt : {"gif", "html"}
    fps : float, optional
        Frames per second (default: the animation's own interval).
    """
    import html

    if fmt not in ANIMATION_FORMATS:
        raise ParameterError(f"unknown animation format {fmt!r}; expected one of {', '.join(ANIMATION_FORMATS)}")
    rate = fps if fps is not None else 1000.0 / max(float(getattr(anim, "_interval", 500)), 1.0)
    if fmt == "html":
        player = _offline(anim.to_jshtml(fps=rate, embed_frames=True, default_mode="loop"))
        page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{player}\n</body>\n</html>\n")
        return page.encode("utf-8")
    from matplotlib.animation import PillowWriter

    buf = io.BytesIO()

    class _GifInMemory(PillowWriter):
        """Pillow's writer, with the GIF written to a buffer instead of its file (which it never opens)."""

        def finish(self) -> None:
            # a drawing has few colours: a fast octree palette per frame (Pillow's default median cut on every
            # frame took most of the writing time)
            from PIL import Image

            frames = [f.convert("RGB").quantize(colors=GIF_COLORS, method=Image.Quantize.FASTOCTREE)
                      for f in self._frames]
            frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:],
                           duration=int(1000 / self.fps), loop=0)

    anim.save("in-memory.gif", writer=_GifInMemory(fps=rate), dpi=dpi)
    return buf.getvalue()


#: the player's Font Awesome icons (fetched from a CDN by Matplotlib's template) as plain characters
_ICONS = {"fa-fast-backward": "⏮", "fa-step-backward": "⏪", "fa-play fa-flip-horizontal": "◀", "fa-pause": "⏸",
          "fa-play": "▶", "fa-step-forward": "⏩", "fa-fast-forward": "⏭", "fa-minus": "−", "fa-plus": "+"}


def _offline(player: str) -> str:
    """The player with no network reference: the stylesheet link dropped, its icons written as characters."""
    player = re.sub(r'<link rel="stylesheet"\s+href="https?://[^"]*">', "", player)
    for cls, ch in _ICONS.items():
        player = player.replace(f'<i class="fa {cls}"></i>', ch)
    return player
