"""``neurosim dfa``: DFAs compiled into recurrent McCulloch–Pitts nets, run, verified and drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from neurosim.automata import DFA, ENGINE_NAMES, minimize
from neurosim.core import MPNet
from neurosim.errors import SpecError
from neurosim.io import NET_FORMATS

from .common import atomic_write, emit_json, format_option, json_option, log, output_option, read_input, settings


def load_spec_or_net(path: str) -> tuple[DFA | None, MPNet | None, str]:
    """Read SPEC|NET (see :func:`neurosim.io.load_automaton`); also returns the name to cite."""
    from neurosim.io import load_automaton

    src = read_input(path)
    dfa, net = load_automaton(src)
    return dfa, net, src.name


def _compile(dfa: DFA, no_minimize: bool, merge: bool) -> Any:
    from neurosim.automata import compile_dfa, size_formula

    comp = compile_dfa(dfa, minimize_first=not no_minimize, merge=merge)
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
def compile_cmd(spec: str, output: str, fmt: str | None, no_minimize: bool, merge: bool, verify: bool) -> None:
    """Compile SPEC into a recurrent MP net with its run protocol in the metadata.

    Example: neurosim dfa compile examples/div3.json -o div3.graphml --verify
    """
    from neurosim.io import format_from_suffix, net_to_bytes

    dfa, _, _ = load_spec_or_net(spec)
    if dfa is None:
        raise SpecError("this is a net file; 'dfa compile' needs a DFA spec", "$", spec)
    comp = _compile(dfa, no_minimize, merge)
    if verify:
        _report_verify(comp.net, dfa, as_json=False)
    fmt = fmt or ("json" if output == "-" else format_from_suffix(output))
    atomic_write(output, net_to_bytes(comp.net, fmt))


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
@click.option("--raster", default=None, help="Draw the raster of the first string's run into this PNG/SVG/PDF.")
@click.option("--animate", "animate", metavar="FILE", default=None,
              help="Animate the net reading the first string (.gif, or .html with a player): the symbol and tick "
                   "shown, firing units lit, vetoes marked.")
@json_option('JSON Lines {"input": ..., "accepted": ...} in input order.')
@_minimize_opt
@_merge_opt
def run_cmd(source: str, strings: tuple[str, ...], strings_file: str | None, engine: str, trace: bool,
            raster: str | None, animate: str | None, as_json: bool, no_minimize: bool, merge: bool) -> None:
    """Run a DFA net on strings: SOURCE is a DFA spec (compiled first) or a net file from 'dfa compile'.

    \b
    Examples:
      neurosim dfa run examples/div3.json 0 11 110 111 --json
      neurosim dfa run examples/div3.json 1001 --animate div3_1001.gif
    """
    from neurosim.automata import RunProtocol, accepts
    from neurosim.io import format_word

    dfa, net, _ = load_spec_or_net(source)
    # parse the strings before compiling, so a bad string fails fast
    words = _words(dfa.input_symbols if dfa is not None else RunProtocol.from_net(net).symbols, strings,
                   strings_file)
    if net is None:
        net = _compile(dfa, no_minimize, merge).net
    proto = RunProtocol.from_net(net)
    be = settings().get_backend()
    verdicts = accepts(net, words, engine=engine, backend=be) if words else []
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
        if not words:
            raise click.UsageError("--raster needs at least one string")
        from neurosim.automata import trace_words
        from neurosim.draw import draw_raster
        from neurosim.io import save_figure

        tr = trace_words(net, words[:1], be)
        shown = format_word(words[0], proto.symbols)
        save_figure(draw_raster(tr, title=f"Raster of the DFA net on {shown!r}: accept unit read at tick "
                                          f"{len(words[0]) + proto.accept_delay}"), raster)
        log(f"wrote raster to {raster}")
    if animate:
        if not words:
            raise click.UsageError("--animate needs at least one string")
        from neurosim.draw import animate_word
        from neurosim.io import save_animation

        shown = format_word(words[0], proto.symbols)
        save_animation(animate_word(net, words[0], backend=be), animate, title=f"neurosim: the net reading {shown!r}")
        log(f"wrote the animation of the run on {shown!r} to {animate}")


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


def _report_verify(net: MPNet, dfa: DFA, *, as_json: bool) -> bool:
    from neurosim.automata import RunProtocol, verify_net
    from neurosim.io import format_word

    res = verify_net(net, dfa)
    syms = RunProtocol.from_net(net).symbols
    witness = None if res.witness is None else format_word(res.witness, syms)
    if as_json:
        emit_json({"equivalent": res.equivalent, "witness": witness, "net_states": res.net_states,
                   "dfa_states": res.dfa_states, "net_accepts_witness": res.net_accepts_witness})
    elif res.equivalent:
        log(f"verified: the net accepts exactly the DFA's language ({res.net_states} reachable firing states, "
            f"{res.dfa_states} DFA states; product construction)")
    else:
        who = "the net accepts it and the DFA rejects it" if res.net_accepts_witness else \
            "the DFA accepts it and the net rejects it"
        click.echo(f"NOT equivalent: shortest distinguishing string {json.dumps(witness)} ({who})")
    return res.equivalent


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
@output_option("Figure file (.png, .svg or .pdf).", required=True)
@_minimize_opt
def draw_cmd(source: str, output: str, no_minimize: bool) -> None:
    """Draw a DFA spec as a state diagram, or a net file as a net.

    Example: neurosim dfa draw examples/contains101.json -o contains101.png
    """
    from neurosim.draw import draw_net
    from neurosim.io import save_figure

    dfa, net, _ = load_spec_or_net(source)
    if dfa is not None:
        from neurosim.draw import draw_dfa

        fig = draw_dfa(dfa)
    else:
        fig = draw_net(net)
    save_figure(fig, output)
    log(f"wrote {output}")


@dfa_group.command("minimize")
@click.argument("spec")
@output_option("Where to write the minimal DFA (.json or .jff by suffix; - for JSON on stdout).", default="-")
def minimize_cmd(spec: str, output: str) -> None:
    """Minimise SPEC (Hopcroft) and write it as JSON or JFLAP; also converts between the two.

    Example: neurosim dfa minimize examples/small.jff -o small.json
    """
    from neurosim.io import dfa_to_jff, dfa_to_json

    dfa, _, _ = load_spec_or_net(spec)
    if dfa is None:
        raise SpecError("this is a net file; 'dfa minimize' needs a DFA spec", "$", spec)
    m = minimize(dfa)
    log(f"{len(dfa.states)} states -> {len(m.states)} (minimal, complete)")
    atomic_write(output, dfa_to_jff(m) if output.lower().endswith(".jff") else dfa_to_json(m))


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
