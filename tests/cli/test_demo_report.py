"""``neurosim demo --out DIR`` writes DIR/index.html: one static page with every figure, table and proof.

The whole demo runs once for this module. An HTML parser checks the page everywhere (every <img> and link resolves
to a file beside it, nothing points to the network); where headless Chromium is installed (Debian's ``chromium``),
the page is also opened in it, with a probe that records every image that failed to load and every error.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from neurosim_cli.demo_report import CAPTIONS
from neurosim_cli.lecture_demo import CLASSICS, FIRING, LECTURE
from neurosim_cli.main import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: the flags Chromium needs as root on a machine with no network (see the machine notes)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "out"
    r = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src", ""))
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("link", "script", "iframe") and (a.get("src") or a.get("href")):
            self.links.append(a.get("src") or a.get("href"))
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


def test_every_file_of_the_demo_is_on_the_page_with_two_sentences(demo_out: Path) -> None:
    files = sorted(p.name for p in demo_out.iterdir())
    assert "index.html" in files and not [f for f in files if f not in CAPTIONS], "files without a caption"
    page = _Page()
    page.feed((demo_out / "index.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    pictures = {f for f in files if f.endswith((".png", ".gif", ".svg"))}
    assert set(page.images) == pictures  # every figure shown
    assert {f for f in files if f != "index.html"} <= set(page.links)  # and every file linked
    for name in files:
        title, sentences = CAPTIONS[name]
        n = len(re.findall(r"[.!?](?=\s+[A-Z0-9(]|$)", sentences.strip()))
        assert n == 2, f"{name}: {n} sentences"
        assert title in text
    assert page.scripts == 0  # a static page
    assert "not linearly separable (proved by the certificate)" in text and "yes (a proof for every string)" in text


def test_every_image_and_link_resolves_offline(demo_out: Path) -> None:
    page = _Page()
    page.feed((demo_out / "index.html").read_text(encoding="utf-8"))
    for ref in page.images + page.links:
        assert not re.match(r"^[a-z]+:|^//", ref), f"{ref}: a page that needs the network"
        target = demo_out / ref
        assert target.is_file() and target.stat().st_size > 0, ref
    for img in page.images:
        data = (demo_out / img).read_bytes()
        assert data.startswith((b"\x89PNG", b"GIF89a", b"<?xml")), img


def test_lecture_and_classics_scripts_made_their_figures(demo_out: Path) -> None:
    """The example scripts behind the demo's lecture parts (tests/test_examples.py leaves them to this test)."""
    expected = {"activations": ["activations.png"], "gradient_descent": ["gradient_descent.png"],
                "universal_approximation": ["universal_approximation.png"], "depth_vs_width": ["depth_vs_width.png"],
                "cheap_gradient": ["cheap_gradient.png"], "backprop_patterns": ["backprop_patterns.png"],
                "worked_example": ["worked_neuron.png"],
                "classics": ["classics_symmetry.png", "classics_encoder.png", "classics_parity.png",
                             "perceptron_vs_mlp.png"],
                "multiclass": ["petals_perceptron.png", "petals_mlp.png"], "watch_it_fire": ["div3_1001.gif",
                                                                                            "latch.html"]}
    assert set(expected) == set(LECTURE + CLASSICS + FIRING)
    for script, names in expected.items():
        for name in names:
            assert (demo_out / name).stat().st_size > 1000, (script, name)


_PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (e) {
  var t = e.target; window.__errors.push(t && (t.src || t.href) ? "failed to load " + (t.src || t.href)
                                                               : String(e.message));
}, true);
window.addEventListener("load", function () {
  var bad = Array.prototype.filter.call(document.images, function (i) { return !(i.complete && i.naturalWidth > 0); })
                     .map(function (i) { return i.getAttribute("src"); });
  document.body.setAttribute("data-probe", JSON.stringify({images: document.images.length, bad: bad,
                                                           errors: window.__errors}));
});
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (the HTML parser check above ran)")
def test_report_in_headless_chromium(demo_out: Path, tmp_path: Path) -> None:
    page = (demo_out / "index.html").read_text(encoding="utf-8")
    probe = demo_out / "_probe.html"  # beside the page, so that relative images resolve the same way
    probe.write_text(page.replace("<head>", "<head>\n" + _PROBE, 1), encoding="utf-8")
    try:
        r = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000", "--dump-dom",
                            probe.as_uri()], capture_output=True, text=True, timeout=180)
    finally:
        probe.unlink()
    assert r.returncode == 0, r.stderr[-2000:]
    m = re.search(r'data-probe="([^"]*)"', r.stdout)
    assert m, "the page did not finish loading"
    result = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert result["images"] == len([f for f in demo_out.iterdir() if f.suffix in (".png", ".gif", ".svg")])
    assert result["bad"] == [] and result["errors"] == []
    console = [ln for ln in r.stderr.splitlines() if "CONSOLE" in ln]
    assert console == [], console
