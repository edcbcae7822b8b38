"""``neurosim simulate``: run a net file on input rows, or tabulate a feedforward net on every row."""

from __future__ import annotations

import csv
import io
import sys

import click
import numpy as np

from neurosim.backend import to_numpy
from neurosim.core import MPNet
from neurosim.errors import ParseError

from .common import emit_json, log, progress_callback, read_input, settings


def parse_rows(text: str, source: str, inputs: tuple[str, ...]) -> np.ndarray:
    """Parse CSV rows with a header naming the net's inputs (any order) into a (rows, n_inputs) uint8 array."""
    lines = [ln for ln in text.splitlines()]
    if not any(ln.strip() for ln in lines):
        raise ParseError(f"expected a CSV header naming the inputs ({', '.join(inputs)}), found an empty file",
                         source)
    reader = csv.reader(lines)
    header: list[str] | None = None
    rows: list[list[int]] = []
    order: list[int] = []
    for lineno, cells in enumerate(reader, start=1):
        if not cells or all(not c.strip() for c in cells):
            continue
        cells = [c.strip() for c in cells]
        if header is None:
            header = cells
            for col, name in enumerate(header, start=1):
                if name not in inputs:
                    raise ParseError(f"column {name!r} is not an input of the net (inputs: {', '.join(inputs)})",
                                     source, lineno, col)
            missing = [n for n in inputs if n not in header]
            if missing:
                raise ParseError(f"expected a column for every input, missing {', '.join(missing)}", source, lineno)
            if len(set(header)) != len(header):
                raise ParseError("duplicate column name in the header", source, lineno)
            order = [header.index(n) for n in inputs]
            continue
        if len(cells) != len(header):
            raise ParseError(f"expected {len(header)} values, found {len(cells)}", source, lineno)
        values = []
        for col, c in enumerate(cells, start=1):
            if c not in ("0", "1"):
                raise ParseError(f"expected 0 or 1, found {c!r}", source, lineno, col)
            values.append(int(c))
        rows.append([values[i] for i in order])
    return np.array(rows, dtype=np.uint8).reshape(-1, len(inputs))


def _csv(header: list[str], rows: np.ndarray, prefix: list[list[str]] | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for i, r in enumerate(rows.tolist()):
        w.writerow((prefix[i] if prefix else []) + r)
    return buf.getvalue()


@click.command("simulate")
@click.argument("net_file", metavar="NET|-")
@click.option("--inputs", "inputs_file", metavar="FILE|-", default=None,
              help="CSV input rows with a header naming the net's inputs [default: stdin].")
@click.option("--all", "all_rows", is_flag=True,
              help="Tabulate a feedforward net on all 2^n input rows (first input = most significant bit).")
@click.option("--trace", is_flag=True, help="Also print the firing of every unit (per row, or per tick).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of CSV: one object per row or tick.")
def simulate_cmd(net_file: str, inputs_file: str | None, all_rows: bool, trace: bool, as_json: bool) -> None:
    """Run the net in NET (net JSON or GraphML, - for stdin) on input rows given as CSV.

    A feedforward net settles on each row by itself and prints one CSV row of outputs per input row. A recurrent
    net takes the rows as the successive ticks of one run and prints the outputs at ticks 0..T.

    \b
    Examples:
      neurosim simulate examples/nets/xor.json --all
      printf 'a,b\\n0,1\\n1,1\\n' | neurosim simulate examples/nets/xor.json
      neurosim simulate examples/nets/latch.json --inputs examples/nets/latch_inputs.csv --trace
    """
    from neurosim.core import run
    from neurosim.io import load_net

    be = settings().get_backend()
    net = load_net(read_input(net_file))
    if all_rows:
        if inputs_file is not None:
            raise click.UsageError("--all tabulates every row itself: drop --inputs")
        _tabulate(net, be, trace, as_json)
        return
    if inputs_file is None:
        if net_file == "-":
            raise click.UsageError("the net came from stdin: give the input rows with --inputs FILE")
        if sys.stdin.isatty():
            log("reading input rows from stdin (CSV with a header of input names; Ctrl-D to end)")
        inputs_file = "-"
    rows = read_input(inputs_file)
    X = parse_rows(rows.text, rows.name, net.inputs)
    if net.is_feedforward():
        _feedforward(net, X, be, trace, as_json)
    else:
        tr = run(net, X, backend=be)
        outs = tr.output_values()[0]
        units = to_numpy(tr.units)[0]
        header = ["tick", *net.output_names] + (list(tr.recorded) if trace else [])
        body = np.concatenate([outs, units], axis=1) if trace else outs
        _emit(header, body, [[str(t)] for t in range(body.shape[0])], as_json)


def _feedforward(net: MPNet, X: np.ndarray, be, trace: bool, as_json: bool) -> None:
    from neurosim.core import evaluate

    out = to_numpy(evaluate(net, X, backend=be))
    if trace:
        full = net.with_outputs([(u, u) for u in net.unit_names])
        units = to_numpy(evaluate(full, X, backend=be)) if net.units else np.zeros((len(X), 0), np.uint8)
        _emit([*net.inputs, *net.output_names, *net.unit_names], np.concatenate([X, out, units], axis=1), None,
              as_json)
    else:
        _emit([*net.inputs, *net.output_names], np.concatenate([X, out], axis=1), None, as_json)


def _tabulate(net: MPNet, be, trace: bool, as_json: bool) -> None:
    from neurosim.core import truth_table

    n = len(net.inputs)
    if n > 24:
        raise click.UsageError(f"--all prints 2^{n} rows; tabulating more than 2^24 rows as text is refused")
    net.topological_units()  # a recurrent net has no truth table: say so before any work
    table = truth_table(net, backend=be, progress=progress_callback("tabulating"),
                        scheduler=settings().get_scheduler())
    idx = np.arange(2**n, dtype=np.int64)
    X = ((idx[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.uint8)
    if trace:
        _feedforward(net, X, be, True, as_json)
        return
    _emit([*net.inputs, *net.output_names], np.concatenate([X, table.astype(np.uint8)], axis=1), None, as_json)


def _emit(header: list[str], body: np.ndarray, prefix: list[list[str]] | None, as_json: bool) -> None:
    if as_json:
        for i, r in enumerate(body.tolist()):
            values = ([int(p) for p in prefix[i]] if prefix else []) + r
            emit_json(dict(zip(header, values, strict=True)), lines=True)
        return
    click.echo(_csv(header, body, prefix), nl=False)
