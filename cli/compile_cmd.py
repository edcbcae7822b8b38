"""``neurosim compile``: a truth table (CSV, PLA, Logisim) -> a minimal, verified McCulloch–Pitts net."""

from __future__ import annotations

from pathlib import Path

import click

from neurosim.backend import Backend
from neurosim.io import MISSING_POLICIES, NET_FORMATS, TABLE_FORMATS
from neurosim.logic import COMPILE_METHODS

from .common import (
    atomic_write,
    emit_json,
    format_option,
    json_option,
    log,
    output_option,
    progress_callback,
    read_input,
    settings,
    stage_logger,
)

#: what compile writes: every net format, and "pla" (the cover of the function the net computes)
OUT_FORMATS = (*NET_FORMATS, "pla")


def _out_format(out: str | None, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    if out is None or out == "-":
        return "json"
    if Path(out).suffix.lower() == ".pla":
        return "pla"
    from neurosim.io import format_from_suffix

    return format_from_suffix(out)


def _render(result, fmt: str, labels: tuple = ()) -> bytes:
    if fmt == "pla":
        import dataclasses

        from neurosim.io import table_to_text

        cover = result.cover_table()  # the file's own names (PLA labels such as CWP+1[2]) go back into the PLA
        return table_to_text(dataclasses.replace(cover, labels=labels), "pla").encode("utf-8")
    from neurosim.io import net_to_bytes

    return net_to_bytes(result.net, fmt)


def plural(k: int, word: str, many: str | None = None) -> str:
    """``1 unit``, ``3 units`` (``many`` for an irregular plural)."""
    return f"{k:,} {word if k == 1 else (many or word + 's')}"


#: how the summary line names each realisation kind of :attr:`neurosim.logic.CompileResult.realisations`
_KINDS = {"threshold": ("threshold unit", None), "symmetric": ("symmetric output", None),
          "nor": ("output as the NOR of its complement", "outputs as the NOR of their complements"),
          "input": ("output wired to an input", "outputs wired to inputs"),
          "constant": ("constant output", None),
          "minimum": ("output as an exact minimum net", "outputs as exact minimum nets"),
          "rewritten": ("output rewritten with minimum windows", "outputs rewritten with minimum windows")}


def summary_line(source: str, s: dict) -> str:
    """The compile summary on stderr: sizes, then how the outputs were built (only the kinds that occur)."""
    kinds = dict(s.get("realisations", {}))
    parts = []
    if s["method"] == "minimum":
        sizes = ", ".join(map(str, s["impossible_sizes"])) or "none"
        parts.append(f"{'proven ' if s['minimum'] else ''}minimum; impossible sizes: {sizes}")
    elif s["terms"]:
        parts.append(f"{s['method']} cover of {plural(s['terms'], 'product term')}")
    for kind, (one, many) in _KINDS.items():
        if kinds.get(kind) and s["method"] != "minimum":
            parts.append(plural(kinds[kind], one, many))
    if "multilevel" in s:
        parts.append(f"multi-level from {plural(s['multilevel']['two_level_units'], 'two-level unit')}")
    parts.append(f"{s['seconds']:.2f} s")
    depth = "" if s.get("depth") is None else f", depth {s['depth']}"
    return (f"{source}: {plural(s['inputs'], 'input')}, {plural(s['outputs'], 'output')} -> "
            f"{plural(s['units'], 'unit')}, {plural(s['synapses'], 'synapse')}{depth} ({'; '.join(parts)})")


@click.command("compile")
@click.argument("table_file", metavar="TABLE|-")
@output_option("Write the net here (format from the suffix: .json .graphml .dot .blif .pla .png .svg .pdf); "
               "default: net JSON on stdout.")
@format_option(OUT_FORMATS, "Output format, overriding the suffix of -o; 'pla' writes a minimised cover of the "
                            "function the net computes.")
@click.option("--method", type=click.Choice(COMPILE_METHODS), default="auto", show_default=True,
              help="exact: minimum two-level cover (ILP); heuristic: Espresso-style; auto: the smaller two-level "
                   "net, then exact minimum nets for outputs of <= 5 inputs (symmetric ones among symmetric units) "
                   "and windows of <= 4 leaves; minimum: "
                   "the provably smallest net (SAT, <= 5 inputs).")
@click.option("--proof", "proof_dir", metavar="DIR", default=None,
              help="With --method minimum: write the CNF and DRAT proof of every impossible size into DIR "
                   "(size<k>.cnf, size<k>.drat), to check with drat-trim.")
@click.option("--verify", "do_verify", is_flag=True,
              help="Check the net on every care row (exhaustive up to 30 inputs, cube containment beyond); "
                   "exit 1 on a mismatch.")
@json_option("Print the summary (and verdict) as JSON on stdout; the net then goes only to -o.")
@click.option("--outputs", metavar="NAMES", default=None,
              help="Comma-separated output columns (CSV without a '|' column) or the outputs to keep.")
@click.option("--missing", type=click.Choice(MISSING_POLICIES), default="zero", show_default=True,
              help="CSV/Logisim rows not in the table: output 0, don't-care, or an error.")
@click.option("--table-format", type=click.Choice(TABLE_FORMATS), default=None,
              help="Input format [default: from the suffix and content].")
@click.option("--no-threshold", is_flag=True, help="Do not look for single threshold units.")
@click.option("--no-symmetric", is_flag=True, help="Do not look for symmetric-function realisations (count-interval "
              "units, nets of symmetric units).")
@click.pass_context
def compile_cmd(ctx: click.Context, table_file: str, output: str | None, fmt: str | None, method: str,
                proof_dir: str | None, do_verify: bool, as_json: bool, outputs: str | None, missing: str,
                table_format: str | None, no_threshold: bool, no_symmetric: bool) -> None:
    """Compile the truth table in TABLE (CSV, Berkeley PLA or Logisim text; - for stdin) into an MP net.

    Every product term of a minimised cover becomes one unit (positive literals excitatory, negated ones
    inhibitory), every output with several terms one OR unit; an output that one threshold unit or a few
    count-interval units compute is built that way when smaller; with --method auto the net is then rewritten
    with exact minimum nets where that saves units. --method minimum finds the net with the fewest units and
    proves every smaller size impossible (the sizes are in the --json summary). The summary (inputs, outputs,
    units, synapses, depth, method, time) goes to stderr.

    \b
    Examples:
      neurosim compile examples/full_adder.csv -o adder.json --verify
      neurosim compile examples/adder.pla --json -o adder.png
      neurosim compile examples/parity4.csv --format pla  # the net's function as a minimised PLA cover
      neurosim compile examples/xor.csv --method minimum --json --proof proofs
    """
    from neurosim.io import load_table
    from neurosim.logic import compile_table

    src = read_input(table_file)
    source = src.name
    table = load_table(src, fmt=table_format, outputs=outputs, missing=missing,
                       warn=lambda msg: log(f"neurosim: warning: {msg}"))
    out_fmt = _out_format(output, fmt)
    if proof_dir is not None and method != "minimum":
        raise click.UsageError("--proof needs --method minimum")
    report = stage_logger("compile")
    result = compile_table(table, method=method, threshold=not no_threshold, symmetric=not no_symmetric,
                           proof=proof_dir is not None, progress=report)
    if proof_dir is not None:
        Path(proof_dir).mkdir(parents=True, exist_ok=True)
        for k, cnf, drat in result.certificate.proofs:
            atomic_write(Path(proof_dir) / f"size{k}.cnf", cnf)
            atomic_write(Path(proof_dir) / f"size{k}.drat", drat)
    s = result.summary
    verdict = None
    seed = None
    if do_verify:
        from neurosim.logic import verify

        seed = settings().resolved_seed()
        if report is not None:
            report(f"verifying {result.summary['units']} units against the table")
        verdict = verify(result.net, table, backend=settings().get_backend(),
                         progress=progress_callback("verifying"), seed=seed, scheduler=settings().get_scheduler())
    data = _render(result, out_fmt, table.labels)
    if output is not None:
        atomic_write(output, data)
    elif not as_json:
        atomic_write("-", data)
    if as_json:
        doc = {**s, "format": out_fmt, "output": output, "realisations_by_output": dict(result.realisations)}
        if out_fmt == "pla":
            doc["cover"] = result.net_cover().to_dict()
        if verdict is not None:
            doc["verify"] = verdict.to_dict()
            doc["seed"] = seed
        emit_json(doc)
    else:
        log(summary_line(source, s))
        if out_fmt == "pla":
            c = result.net_cover()
            kinds = ", ".join(sorted(set(dict(c.how).values())))
            log(f"PLA: {plural(len(c.rows), 'cube')}, the function the net computes ({kinds})")
        if verdict is not None:
            log(f"verified: {'yes' if verdict.ok else 'NO'} ({verdict.how}; seed {seed})")
    if verdict is not None and not verdict.ok:
        log(f"neurosim: counterexample: {verdict.counterexample}")
        ctx.exit(1)


def demo(out: Path, backend: Backend) -> list[str]:
    """``neurosim demo`` part: compile, verify and draw the bundled full adder (and seven-segment decoder)."""
    from neurosim import examples
    from neurosim.io import load_table, net_to_bytes
    from neurosim.logic import compile_table, verify

    lines = []
    for name in ("full_adder.csv", "seven_segment.csv", "majority3.csv"):
        try:
            path = examples.path(name)
        except FileNotFoundError:
            continue
        table = load_table(path)
        res = compile_table(table)
        v = verify(res.net, table, backend=backend, samples=64)
        stem = name.rsplit(".", 1)[0]
        atomic_write(out / f"{stem}.net.json", net_to_bytes(res.net, "json"))
        atomic_write(out / f"{stem}.png", net_to_bytes(res.net, "png"))
        s = res.summary
        lines.append(f"{name}: {plural(s['units'], 'unit')}, {plural(s['synapses'], 'synapse')}, depth {s['depth']}; "
                     "verified "
                     f"{'yes' if v.ok else 'NO'} ({v.how}) -> {stem}.net.json, {stem}.png")
    for name in ("xor.csv", "full_adder.csv"):  # the provably smallest nets, drawn
        table = load_table(examples.path(name))
        res = compile_table(table, method="minimum")
        v = verify(res.net, table, backend=backend, samples=64)
        stem = name.rsplit(".", 1)[0] + ".minimum"
        atomic_write(out / f"{stem}.png", net_to_bytes(res.net, "png"))
        s = res.summary
        lines.append(f"{name} --method minimum: {s['units']} units (sizes {', '.join(map(str, s['impossible_sizes']))} "
                     f"proven impossible), {s['synapses']} synapses; verified {'yes' if v.ok else 'NO'} -> {stem}.png")
    return lines
