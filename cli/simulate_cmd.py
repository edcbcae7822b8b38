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
@click.option("--animate", "animate", metavar="FILE", default=None,
              help="Also write an animation of the run (.gif, or .html with a player): firing units lit tick by "
                   "tick, vetoes marked when they act.")
def simulate_cmd(net_file: str, inputs_file: str | None, all_rows: bool, trace: bool, as_json: bool,
                 animate: str | None) -> None:
    """Run the net in NET (net JSON or GraphML, - for stdin) on input rows given as CSV.

    A feedforward net settles on each row by itself and prints one CSV row of outputs per input row. A recurrent
    net takes the rows as the successive ticks of one run and prints the outputs at ticks 0..T.

    \b
    Examples:
      neurosim simulate examples/nets/xor.json --all
      printf 'x1,x2\\n0,1\\n1,1\\n' | neurosim simulate examples/nets/xor.json
      neurosim simulate examples/nets/latch.json --inputs examples/nets/latch_inputs.csv --trace
      neurosim simulate examples/nets/latch.json --inputs examples/nets/latch_inputs.csv --animate latch.gif
    """
    from neurosim.core import run
    from neurosim.io import load_net

    be = settings().get_backend()
    net = load_net(read_input(net_file))
    if all_rows:
        if animate is not None:
            raise click.UsageError("--animate shows a run on given rows: use --inputs, not --all")
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
    if animate is not None:
        _animate(net, X, be, animate)
    if net.is_feedforward():
        _feedforward(net, X, be, trace, as_json)
    else:
        tr = run(net, X, backend=be)
        outs = tr.output_values()[0]
        units = to_numpy(tr.units)[0]
        header = ["tick", *net.output_names] + (list(tr.recorded) if trace else [])
        body = np.concatenate([outs, units], axis=1) if trace else outs
        _emit(header, body, [[str(t)] for t in range(body.shape[0])], as_json)


def _animate(net: MPNet, X: np.ndarray, be, path: str) -> None:
    from neurosim.draw import animate_rows
    from neurosim.io import save_animation

    if not len(X):
        raise click.UsageError("--animate needs at least one input row")
    fmt = save_animation(animate_rows(net, X, backend=be), path, title=f"neurosim: {len(X)} row(s) through the net")
    log(f"wrote the animation of {len(X)} row(s) to {path} ({fmt})")


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


#: rows formatted and written at once by --all: bounded memory (a few MiB) whatever the number of inputs
BLOCK_ROWS = 1 << 16
MAX_ALL_INPUTS = 24  # 2**24 rows of text is already hundreds of MB


def _tabulate(net: MPNet, be, trace: bool, as_json: bool) -> None:
    """Every input row of a feedforward net, streamed in blocks of :data:`BLOCK_ROWS` rows."""
    from neurosim.core import WORD_BITS, evaluate, packed_chunk, unpack_rows

    n = len(net.inputs)
    if n > MAX_ALL_INPUTS:
        raise click.UsageError(f"--all prints 2**{n} rows; tabulating more than 2**{MAX_ALL_INPUTS} rows as text "
                               "is refused (compile --verify checks a net on every row without printing them)")
    net.topological_units()  # a recurrent net has no truth table: say so before any work
    header = [*net.inputs, *net.output_names] + (list(net.unit_names) if trace else [])
    full = net.with_outputs([(u, u) for u in net.unit_names]) if trace and net.units else None
    fmt = _RowFormat(header, as_json)
    out = sys.stdout.buffer
    if not as_json:
        out.write((",".join(header) + "\n").encode())
    total = 1 << n
    progress = progress_callback("tabulating")
    shifts = np.arange(n - 1, -1, -1, dtype=np.int64)
    for lo in range(0, total, BLOCK_ROWS):
        rows = min(BLOCK_ROWS, total - lo)
        idx = np.arange(lo, lo + rows, dtype=np.int64)
        X = ((idx[:, None] >> shifts) & 1).astype(np.uint8)
        words = packed_chunk(net, lo // WORD_BITS, max(1, -(-rows // WORD_BITS)), backend=be)
        Y = unpack_rows(words, rows).T if net.outputs else np.zeros((rows, 0), np.uint8)
        cols = [X, Y]
        if trace:
            cols.append(to_numpy(evaluate(full, X, backend=be)) if full is not None else np.zeros((rows, 0), np.uint8))
        out.write(fmt.block(np.concatenate(cols, axis=1)))
        if progress is not None:
            progress(lo + rows, total)
    out.flush()


class _RowFormat:
    """Rows of 0/1 values as CSV or JSON Lines bytes, many at once (a fixed template, digits filled in)."""

    def __init__(self, header: list[str], as_json: bool) -> None:
        import json

        self.columns = list(range(len(header)))
        if as_json:
            # a name met twice (an output named like a unit) is one key, at its first place with its last value,
            # as a dict built from the row would have it
            last = {h: j for j, h in enumerate(header)}
            keys = list(dict.fromkeys(header))
            self.columns = [last[h] for h in keys]
            pieces = [("{" if j == 0 else ",") + json.dumps(h) + ":" for j, h in enumerate(keys)]
            tail = "}\n"
        else:
            pieces = ["" if j == 0 else "," for j in range(len(header))]
            tail = "\n"
        template, pos = [], []
        for p in pieces:
            template.append(np.frombuffer(p.encode(), dtype=np.uint8))
            pos.append(sum(len(t) for t in template))
            template.append(np.zeros(1, dtype=np.uint8))
        template.append(np.frombuffer(tail.encode(), dtype=np.uint8))
        self.template = np.concatenate(template)
        self.pos = np.asarray(pos, dtype=np.int64)

    def block(self, values: np.ndarray) -> bytes:
        buf = np.tile(self.template, (values.shape[0], 1))
        buf[:, self.pos] = values[:, self.columns] + ord("0")
        return buf.tobytes()


def _emit(header: list[str], body: np.ndarray, prefix: list[list[str]] | None, as_json: bool) -> None:
    if as_json:
        for i, r in enumerate(body.tolist()):
            values = ([int(p) for p in prefix[i]] if prefix else []) + r
            emit_json(dict(zip(header, values, strict=True)), lines=True)
        return
    click.echo(_csv(header, body, prefix), nl=False)
