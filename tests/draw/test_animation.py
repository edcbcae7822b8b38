"""Watching a net fire: frames that match the run, vetoes marked exactly when they act, GIF and HTML files."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.automata import compile_dfa
from neurosim.core import MPNet, MPUnit, run
from neurosim.draw import animate_rows, animate_word, animation_to_bytes, trace_frames
from neurosim.errors import ParameterError, SpecError
from neurosim.examples import path
from neurosim.io import load_dfa, save_animation
from neurosim_cli.main import cli
from tests.oracles.nets import mp_nets

VETO = MPNet(("x", "y"), (MPUnit("u", 1, ("x",), ("y",)),), {"u": "u"})


def test_a_veto_is_marked_exactly_when_it_silences_a_unit() -> None:
    frames = trace_frames(run(VETO, [[1, 1], [1, 0], [0, 1], [0, 0]]))
    assert [sorted(f.firing) for f in frames] == [["x", "y"], ["x"], ["u", "y"], [], []]
    # tick 1: x and y fired at tick 0 -> u had enough excitation but was vetoed
    assert [sorted(f.vetoed) for f in frames] == [[], ["u"], [], [], []]
    assert [f.tick for f in frames] == [0, 1, 2, 3, 4]


@settings(max_examples=30, deadline=None)
@given(mp_nets(feedforward=False, max_units=6), st.integers(1, 6), st.integers(0, 2**31))
def test_frames_match_the_run_and_the_veto_oracle(net: MPNet, ticks: int, seed: int) -> None:
    X = np.random.default_rng(seed).integers(0, 2, (ticks, len(net.inputs)), dtype=np.uint8)
    tr = run(net, X)
    frames = trace_frames(tr)
    units = tr.units[0]
    for t, f in enumerate(frames):
        on_inputs = {x for x, v in zip(net.inputs, X[t], strict=True) if v} if t < ticks else set()
        fire = {u for u, v in zip(net.unit_names, units[t], strict=True) if v}
        assert f.firing == on_inputs | fire
        if t == 0:
            assert not f.vetoed
            continue
        before = frames[t - 1].firing
        # the oracle: silent now, but would have fired with its vetoes removed
        silenced = {u.name for u in net.units if not u.fires(before)
                    and MPUnit(u.name, u.threshold, u.excitatory, ()).fires(before)}
        assert f.vetoed == silenced


def test_dfa_word_frames_name_the_symbol_tick_and_verdict() -> None:
    net = compile_dfa(load_dfa(path("div3.json"))).net
    anim = animate_word(net, tuple("1001"))
    titles = []
    for k in range(6):
        anim._func(k)
        titles.append(anim._fig.axes[0].get_title())
    assert "tick 0 · reading symbol '1' (1 of 4 in '1001')" in titles[0]
    assert "tick 3 · reading symbol '1'" in titles[3] and "ACCEPTED" in titles[5]
    assert len({t.count("\n") for t in titles}) == 1  # every frame's title has the same height: nothing jumps
    rejected = animate_word(net, tuple("101"))
    rejected._func(4)
    assert "REJECTED" in rejected._fig.axes[0].get_title()


def test_gif_and_html_files(tmp_path: Path) -> None:
    from PIL import Image

    anim = animate_rows(VETO, [[1, 1], [1, 0]])
    gif = tmp_path / "run.gif"
    assert save_animation(anim, gif) == "gif"
    data = gif.read_bytes()
    assert data.startswith(b"GIF89a")
    assert Image.open(io.BytesIO(data)).n_frames == 4  # two rows, each held for depth + 1 = 2 ticks
    page = animation_to_bytes(anim, "html").decode()

    refs: list[str] = []

    class Refs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            refs.extend(v for k, v in attrs if k in ("src", "href") and v)

    Refs().feed(page)
    assert page.startswith("<!DOCTYPE html>") and "<script" in page
    assert not [r for r in refs if r.startswith(("http:", "https:", "//"))] and "fa fa-" not in page  # offline
    with pytest.raises(SpecError, match=r"run\.mp4: cannot save an animation as 'mp4'"):
        save_animation(anim, tmp_path / "run.mp4")
    assert sorted(q.name for q in tmp_path.iterdir()) == ["run.gif"]


def test_animation_limits() -> None:
    big = MPNet(("a",), tuple(MPUnit(f"u{j}", 1, ("a",)) for j in range(90)), {})
    with pytest.raises(ParameterError, match="too large to animate"):
        animate_rows(big, [[1]])
    with pytest.raises(ParameterError, match="frames per second"):
        animate_rows(VETO, [[1, 1]], fps=0)


def test_cli_animates_simulate_and_dfa_run(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["simulate", str(path("nets/xor.json")), "--inputs", "-", "--animate",
                                 str(tmp_path / "xor.gif")], input="x1,x2\n0,1\n1,1\n")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "xor.gif").read_bytes().startswith(b"GIF89a")
    r = CliRunner().invoke(cli, ["dfa", "run", str(path("div3.json")), "11", "--animate", str(tmp_path / "d.html")])
    assert r.exit_code == 0, r.output
    assert "accept\t11" in r.output and (tmp_path / "d.html").read_text().startswith("<!DOCTYPE html>")
    r = CliRunner().invoke(cli, ["dfa", "run", str(path("div3.json")), "11", "--animate", str(tmp_path / "d.png")])
    assert r.exit_code == 2 and "expected a .gif or .html file" in r.output
