"""``neurosim dfa``: DFAs compiled into recurrent McCulloch–Pitts nets, run, verified and drawn."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from neurosim.automata import DFA, ENGINE_NAMES, minimize
from neurosim.core import MPNet
from neurosim.errors import ParameterError, SpecError
from neurosim.io import NET_FORMATS

from .common import (
    atomic_write,
    check_figure_path,
    emit_json,
    format_option,
    json_option,
    log,
    output_option,
    plot_option,
    progress_callback,
    read_input,
    settings,
)


def load_spec_or_net(path: str) -> tuple[DFA | None, MPNet | None, str]:
    """Read SPEC|NET (see :func:`neurosim.io.load_automaton`); also returns the name to cite."""
    from neurosim.io import load_automaton

    src = read_input(path)
    dfa, net = load_automaton(src)
    return dfa, net, src.name


def _compile(dfa: DFA, no_minimize: bool, merge: bool, source: str = "") -> Any:
    from neurosim.automata import compile_dfa, size_formula

    try:
        comp = compile_dfa(dfa, minimize_first=not no_minimize, merge=merge)
    except ParameterError as exc:  # a size limit: say which file asked for it
        raise ParameterError(f"{source}: {exc}" if source else str(exc)) from None
    size = size_formula(comp.dfa)
    s = comp.net.summary()
    log(f"compiled DFA with {len(dfa.states)} states -> {len(comp.dfa.states)} "
        f"{'states' if no_minimize else 'minimal states'} x {len(comp.dfa.input_symbols)} symbols: "
        f"{s['units']} units, {s['synapses']} synapses (Minsky: n*k+1 = {size['units']} units)")
    if merge:
        log(f"merged the pair units of {len(comp.merged)} state(s) by exact LP: {comp.units_saved} units saved")
    return comp


_minimize_opt = click.option("--no-minimize", is_flag=True,
                             help="Compile the DFA as given instead of minimising it first (Hopcroft).")
_merge_opt = click.option("--merge", is_flag=True,
                          help="Merge each state's pair units into one unit where an exact LP finds MP weights.")


@click.group("dfa")
def dfa_group() -> None:
    """DFAs as recurrent McCulloch–Pitts nets (Minsky's construction, one tick per symbol).

    \b
    neurosim dfa compile examples/div3.json -o div3.graphml
    neurosim dfa run examples/div3.json 110 111 --engine table
    neurosim dfa verify examples/contains101.json
    neurosim dfa draw examples/div3.json -o div3.png

    A SPEC is automata-lib JSON (states, input_symbols, transitions, initial_state, final_states,
    allow_partial) or a JFLAP .jff file.
    """


@dfa_group.command("compile")
@click.argument("spec")
@output_option("Net file to write (format from the suffix: .json, .graphml, .dot, .blif, .png …); - for stdout.",
               default="-")
@format_option(NET_FORMATS, "Net format instead of the suffix's.")
@_minimize_opt
@_merge_opt
@click.option("--verify", is_flag=True, help="Also prove that the net accepts exactly the DFA's language.")
@json_option("Print a JSON summary (sizes, format, output, verdict) on stdout; the net then goes only to -o.")
@click.pass_context
def compile_cmd(ctx: click.Context, spec: str, output: str, fmt: str | None, no_minimize: bool, merge: bool,
                verify: bool, as_json: bool) -> None:
    """Compile SPEC into a recurrent MP net with its run protocol in the metadata.

    Example: neurosim dfa compile examples/div3.json -o div3.graphml --verify
    """
    from neurosim.io import format_from_suffix, net_to_bytes

    if as_json and output == "-":
        raise click.UsageError("--json prints on stdout, so the net needs a file: give -o FILE")
    dfa, _, name = load_spec_or_net(spec)
    if dfa is None:
        raise SpecError("this is a net file; 'dfa compile' needs a DFA spec", "$", spec)
    fmt = fmt or ("json" if output == "-" else format_from_suffix(output))
    comp = _compile(dfa, no_minimize, merge, name)
    verdict = _verify(comp.net, dfa) if verify else None
    if verdict is not None and not as_json:
        _print_verdict(verdict)
    atomic_write(output, net_to_bytes(comp.net, fmt))
    if as_json:
        s = comp.net.summary()
        doc = {"states": len(dfa.states), "compiled_states": len(comp.dfa.states),
               "symbols": len(comp.dfa.input_symbols), "units": s["units"], "synapses": s["synapses"],
               "merged_states": list(comp.merged), "units_saved": comp.units_saved, "format": fmt,
               "output": output}
        if verdict is not None:
            doc["verify"] = verdict
        emit_json(doc)
    if verdict is not None and not verdict["equivalent"]:
        ctx.exit(1)


def _words(alphabet: tuple[str, ...], strings: tuple[str, ...], strings_file: str | None) -> list[tuple[str, ...]]:
    from neurosim.io import parse_word_arg, parse_words

    words = [parse_word_arg(s, alphabet, i + 1) for i, s in enumerate(strings)]
    if strings_file is not None:
        src = read_input(strings_file)
        words += parse_words(src.text, alphabet, src.name)
    return words


@dfa_group.command("run")
@click.argument("source")
@click.argument("strings", nargs=-1)
@click.option("--strings", "strings_file", default=None,
              help="File with one string a line (- for stdin); symbols one after another, or a JSON array.")
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default="auto", show_default=True,
              help="step: step the MP net; table: tabulate its firing states once, then look up; auto: table.")
@click.option("--trace", is_flag=True,
              help="Also print the input lines and units firing at every tick of each run (JSON: \"trace\").")
@plot_option("Draw the raster of the first string's run into this PNG/SVG/PDF file.", "--raster")
@json_option('JSON Lines {"input": ..., "accepted": ...} in input order.')
@_minimize_opt
@_merge_opt
def run_cmd(source: str, strings: tuple[str, ...], strings_file: str | None, engine: str, trace: bool,
            plot: str | None, as_json: bool, no_minimize: bool, merge: bool) -> None:
    """Run a DFA net on strings: SOURCE is a DFA spec (compiled first) or a net file from 'dfa compile'.

    The strings are the STRINGS arguments and the lines of --strings FILE; with neither, they are read from
    standard input, one a line (so a pipe works: printf '110\\n111\\n' | neurosim dfa run SPEC).

    \b
    Examples:
      neurosim dfa run examples/div3.json 0 11 110 111 --json
      printf '110\\n111\\n' | neurosim dfa run examples/div3.json
    """
    raster = plot
    if not strings and strings_file is None:
        if sys.stdin.isatty():
            raise click.UsageError("no strings to run: give them as arguments, with --strings FILE, or on "
                                   "standard input (one a line)")
        strings_file = "-"
    from neurosim.automata import RunProtocol, accepts
    from neurosim.io import format_word

    dfa, net, name = load_spec_or_net(source)
    # parse the strings before compiling, so a bad string fails fast
    words = _words(dfa.input_symbols if dfa is not None else RunProtocol.from_net(net).symbols, strings,
                   strings_file)
    if raster and not words:
        raise click.UsageError("--plot draws the run of the first string: give at least one")
    if net is None:
        net = _compile(dfa, no_minimize, merge, name).net
    proto = RunProtocol.from_net(net)
    be = settings().get_backend()
    progress = progress_callback("running") if engine == "step" else None
    verdicts = accepts(net, words, engine=engine, backend=be, progress=progress) if words else []
    traces = _traces(net, words, be) if (trace and words) else None
    lines = []
    for i, (w, ok) in enumerate(zip(words, verdicts, strict=True)):
        shown = format_word(w, proto.symbols)
        if as_json:
            rec: dict[str, Any] = {"input": shown, "accepted": bool(ok)}
            if traces is not None:
                rec["trace"] = traces[i]
            lines.append(json.dumps(rec, separators=(",", ":"), ensure_ascii=False))
        else:
            lines.append(f"{'accept' if ok else 'reject'}\t{shown if isinstance(shown, str) else json.dumps(shown)}")
            if traces is not None:
                lines += [f"  t={t}: {' '.join(names) or '-'}" for t, names in enumerate(traces[i])]
    if lines:
        click.echo("\n".join(lines))
    log(f"{len(words)} string(s), {int(sum(bool(v) for v in verdicts))} accepted (engine {engine}, backend "
        f"{be.name}, accept unit read at tick L + {proto.accept_delay})")
    if raster:
        from neurosim.automata import trace_words
        from neurosim.draw import draw_raster
        from neurosim.io import save_figure

        tr = trace_words(net, words[:1], be)
        shown = format_word(words[0], proto.symbols)
        save_figure(draw_raster(tr, title=f"Raster of the DFA net on {shown!r}: accept unit read at tick "
                                          f"{len(words[0]) + proto.accept_delay}"), raster)
        log(f"wrote raster to {raster}")


def _traces(net: MPNet, words: list[tuple[str, ...]], be: Any) -> list[list[list[str]]]:
    """Nodes firing at ticks 0..L+d of each string's own run: the input lines presented at t, then the units."""
    import numpy as np

    from neurosim.automata import RunProtocol, trace_words

    d = RunProtocol.from_net(net).accept_delay
    tr = trace_words(net, words, be)
    units, inputs = be.to_numpy(tr.units), be.to_numpy(tr.inputs)
    t_in = inputs.shape[1]
    out = []
    for b, w in enumerate(words):
        ticks = []
        for t in range(len(w) + d + 1):
            on = [net.inputs[i] for i in np.flatnonzero(inputs[b, t])] if t < t_in else []
            ticks.append(on + [tr.recorded[j] for j in np.flatnonzero(units[b, t])])
        out.append(ticks)
    return out


def _verify(net: MPNet, dfa: DFA) -> dict[str, Any]:
    """The verdict of :func:`neurosim.automata.verify_net` as a JSON-ready dict."""
    from neurosim.automata import RunProtocol, verify_net
    from neurosim.io import format_word

    res = verify_net(net, dfa)
    syms = RunProtocol.from_net(net).symbols
    witness = None if res.witness is None else format_word(res.witness, syms)
    return {"equivalent": res.equivalent, "witness": witness, "net_states": res.net_states,
            "dfa_states": res.dfa_states, "net_accepts_witness": res.net_accepts_witness}


def _print_verdict(v: dict[str, Any]) -> None:
    if v["equivalent"]:
        log(f"verified: the net accepts exactly the DFA's language ({v['net_states']} reachable firing states, "
            f"{v['dfa_states']} DFA states; product construction)")
    else:
        who = "the net accepts it and the DFA rejects it" if v["net_accepts_witness"] else \
            "the DFA accepts it and the net rejects it"
        click.echo(f"NOT equivalent: shortest distinguishing string {json.dumps(v['witness'])} ({who})")


def _report_verify(net: MPNet, dfa: DFA, *, as_json: bool) -> bool:
    v = _verify(net, dfa)
    if as_json:
        emit_json(v)
    else:
        _print_verdict(v)
    return v["equivalent"]


@dfa_group.command("verify")
@click.argument("spec")
@click.option("--net", "net_path", default=None, help="Verify this net file instead of compiling SPEC afresh.")
@_minimize_opt
@_merge_opt
@json_option("Print the verdict as one JSON object.")
@click.pass_context
def verify_cmd(ctx: click.Context, spec: str, net_path: str | None, no_minimize: bool, merge: bool,
               as_json: bool) -> None:
    """Prove that the net accepts exactly SPEC's language, or print a shortest string where they differ.

    Exit status 1 when they are not equivalent. Example: neurosim dfa verify examples/div3.json --merge
    """
    dfa, _, _ = load_spec_or_net(spec)
    if dfa is None:
        raise SpecError("this is a net file; give the DFA spec as SPEC and the net with --net", "$", spec)
    if net_path is None:
        net = _compile(dfa, no_minimize, merge).net
    else:
        _, net, _ = load_spec_or_net(net_path)
        if net is None:
            raise SpecError("this is a DFA spec, not a net file", "$", net_path)
    if not _report_verify(net, dfa, as_json=as_json):
        ctx.exit(1)


@dfa_group.command("draw")
@click.argument("source")
@click.option("-o", "--output", "output", required=True, metavar="FILE", callback=check_figure_path,
              help="Figure file (.png, .svg or .pdf).")
@_minimize_opt
@json_option("Print a JSON summary (file, format, what was drawn) on stdout.")
def draw_cmd(source: str, output: str, no_minimize: bool, as_json: bool) -> None:
    """Draw a DFA spec as a state diagram, or a net file as a net.

    Example: neurosim dfa draw examples/contains101.json -o contains101.png
    """
    from neurosim.draw import draw_net
    from neurosim.io import save_figure

    dfa, net, _ = load_spec_or_net(source)
    if dfa is not None:
        from neurosim.draw import draw_dfa

        fig = draw_dfa(dfa)
        what = {"kind": "dfa", "states": len(dfa.states), "symbols": len(dfa.input_symbols)}
    else:
        fig = draw_net(net)
        s = net.summary()
        what = {"kind": "net", "units": s["units"], "synapses": s["synapses"]}
    fmt = save_figure(fig, output)
    if as_json:
        emit_json({"output": output, "format": fmt, **what})
    else:
        log(f"wrote {output}")


@dfa_group.command("minimize")
@click.argument("spec")
@output_option("Where to write the minimal DFA (.json or .jff by suffix; - for JSON on stdout).", default="-")
@json_option("Print a JSON summary (states before and after, output) on stdout; the DFA then goes only to -o.")
def minimize_cmd(spec: str, output: str, as_json: bool) -> None:
    """Minimise SPEC (Hopcroft) and write it as JSON or JFLAP; also converts between the two.

    Example: neurosim dfa minimize examples/small.jff -o small.json
    """
    from neurosim.io import dfa_to_jff, dfa_to_json

    if as_json and output == "-":
        raise click.UsageError("--json prints on stdout, so the DFA needs a file: give -o FILE")
    dfa, _, _ = load_spec_or_net(spec)
    if dfa is None:
        raise SpecError("this is a net file; 'dfa minimize' needs a DFA spec", "$", spec)
    m = minimize(dfa)
    fmt = "jff" if output.lower().endswith(".jff") else "json"
    atomic_write(output, dfa_to_jff(m) if fmt == "jff" else dfa_to_json(m))
    if as_json:
        emit_json({"states": len(dfa.states), "minimal_states": len(m.states), "symbols": len(m.input_symbols),
                   "format": fmt, "output": output})
    else:
        log(f"{len(dfa.states)} states -> {len(m.states)} (minimal, complete)")


def demo(out: Path, backend: Any) -> list[str]:
    """The DFA part of ``neurosim demo``: compile, verify, run and draw the bundled binary-divisible-by-3 DFA."""
    from neurosim import examples
    from neurosim.automata import accepts, compile_dfa, trace_words, verify_net
    from neurosim.draw import draw_dfa, draw_net, draw_raster
    from neurosim.io import load_dfa, save_figure, save_net

    dfa = load_dfa(examples.path("div3.json"))
    comp = compile_dfa(dfa)
    net = comp.net
    save_net(net, out / "div3_net.json")
    save_net(net, out / "div3_net.graphml")
    res = verify_net(net, dfa)
    words = [tuple(format(n, "b")) for n in range(16)]
    table = accepts(net, words, engine="table", backend=backend)
    step = accepts(net, words, engine="step", backend=backend)
    agree = bool((table == step).all()) and all(bool(v) == dfa.accepts(w) for v, w in zip(table, words,
                                                                                            strict=True))
    save_figure(draw_dfa(dfa, title="Binary numbers divisible by 3"), out / "div3_dfa.png")
    save_figure(draw_net(net), out / "div3_net.png")
    tr = trace_words(net, [tuple("1001")], backend)
    save_figure(draw_raster(tr, title="DFA net on 1001 (= 9): accept fires at tick 5"), out / "div3_raster.png")
    jff = compile_dfa(load_dfa(examples.path("small.jff")), merge=True)
    jff_ok = verify_net(jff.net, load_dfa(examples.path("small.jff"))).equivalent
    accepted = [int("".join(w), 2) for w, v in zip(words, table, strict=True) if v]
    return [
        f"div3.json: {len(dfa.states)} states -> {len(net.units)} units, {net.n_synapses} synapses "
        "(Minsky: one threshold-2 unit per state-symbol pair + accept); wrote div3_net.json, div3_net.graphml",
        f"verified by product construction: {'equivalent' if res.equivalent else 'NOT equivalent'} "
        f"({res.net_states} reachable firing states)",
        f"ran 0..15 in binary with the table and step engines ({'agree' if agree else 'DISAGREE'}): accepted "
        f"{accepted}",
        f"small.jff compiled with --merge: {jff.units_saved} unit(s) saved, verified {jff_ok}",
        "drew div3_dfa.png (state diagram), div3_net.png (the net), div3_raster.png (run on 1001)",
    ]
