"""``neurosim draw``: draw an MP net (PNG/SVG/PDF) or convert it (JSON, GraphML, DOT, BLIF, node-link)."""

from __future__ import annotations

import pathlib
from typing import Any

import click

from neurosim.io import NET_FORMATS

from .common import atomic_write, emit_json, format_option, json_option, log, output_option, read_input


@click.command("draw")
@click.argument("net", metavar="NET|-")
@output_option("File to write; its suffix picks the format (.png .svg .pdf .json .graphml .dot .blif "
               ".nodelink.json). '-' writes to stdout and needs --format.", required=True)
@format_option(NET_FORMATS, "Output format, overriding the suffix.")
@click.option("--title", default=None, help="Title of the drawing (default: a summary of the net).")
@json_option("Print a JSON summary (file, format, net size) on stdout instead of a line on stderr.")
def draw_cmd(net: str, output: str, fmt: str | None, title: str | None, as_json: bool) -> None:
    """Draw the McCulloch-Pitts net NET, or write it in another net format.

    NET is a neurosim net JSON, GraphML or node-link JSON file, or '-' for standard input. Feedforward nets are
    drawn in layers from the inputs (left) to the outputs (right), recurrent nets with their units on a circle;
    inhibitory synapses end in a dot, as in McCulloch and Pitts's 1943 figures.

    \b
    Examples:
      neurosim draw examples/nets/xor.json -o xor.png
      neurosim draw examples/nets/latch.json -o latch.svg --title "set/reset latch"
      neurosim draw examples/nets/xor.json -o - --format dot > xor.dot    # then: dot -Tpng xor.dot
    """
    from neurosim.io import format_from_suffix, load_net, net_to_bytes

    if output == "-" and fmt is None:
        raise click.UsageError("writing to stdout ('-o -') needs --format")
    if output == "-" and as_json:
        raise click.UsageError("--json prints on stdout, so it cannot be used with '-o -'")
    mp = load_net(read_input(net))
    fmt = fmt or format_from_suffix(output)
    if fmt in ("png", "svg", "pdf"):
        from neurosim.draw import draw_net
        from neurosim.io import figure_to_bytes

        data = figure_to_bytes(draw_net(mp, title=title), fmt)
    else:
        if title is not None:
            raise click.UsageError(f"--title applies to drawings (png, svg, pdf), not to {fmt}")
        data = net_to_bytes(mp, fmt)
    atomic_write(output, data)
    summary = {"output": output, "format": fmt, "bytes": len(data), **mp.summary()}
    if as_json:
        emit_json(summary)
    elif output != "-":
        kind = "feedforward" if summary["feedforward"] else "recurrent"
        log(f"wrote {output} ({fmt}, {len(data)} bytes): {summary['inputs']} inputs, {summary['units']} units, "
            f"{summary['synapses']} synapses, {kind}")


def demo(out: pathlib.Path, backend: Any) -> list[str]:
    """``neurosim demo``'s part for nets: draw the bundled example nets and a latch raster into ``out``.

    Writes ``net_<name>.png`` for and/or/not/xor/latch, ``net_xor.graphml``, ``net_xor.dot`` and
    ``net_latch_raster.png`` (set at tick 1, reset at tick 5), checking the latch's trace on ``backend``.
    """
    import numpy as np

    from neurosim import examples
    from neurosim.core import run
    from neurosim.draw import draw_net, draw_raster
    from neurosim.io import load_net, save_figure, save_net

    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    nets = {}
    for name in ("and", "or", "not", "xor", "latch"):
        nets[name] = load_net(examples.path(f"nets/{name}.json"))
        save_figure(draw_net(nets[name], title=f"{name}.json"), out / f"net_{name}.png")
    lines.append(f"drew the example nets and, or, not, xor, latch into {out}/net_<name>.png")
    save_net(nets["xor"], out / "net_xor.graphml")
    save_net(nets["xor"], out / "net_xor.dot")
    lines.append("wrote the XOR net as GraphML and DOT (net_xor.graphml, net_xor.dot)")
    seq = np.array([[0, 0], [1, 0], [0, 0], [0, 0], [0, 0], [0, 1], [0, 0], [0, 0]], dtype=np.uint8)
    trace = run(nets["latch"], seq, backend=backend)
    q = trace.output_values()[0, :, 0].tolist()
    save_figure(draw_raster(trace, title="latch: set at tick 1, reset at tick 5"), out / "net_latch_raster.png")
    lines.append(f"latch run (set at 1, reset at 5): q over ticks 0..8 = {''.join(map(str, q))}; "
                 "raster in net_latch_raster.png")
    return lines
