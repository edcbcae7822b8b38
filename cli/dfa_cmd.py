"""``neurosim dfa``: DFAs and NFAs compiled into recurrent McCulloch–Pitts nets, run, verified, drawn, and read
back as regular expressions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from neurosim.automata import DFA, ENGINE_NAMES, NFA, minimize
from neurosim.errors import ParameterError, SpecError
from neurosim.io import NET_FORMATS

from .automaton_common import load_spec_or_net, max_states_opt, read_words, report_verify, run_and_report, size_report
from .common import atomic_write, emit_json, format_option, json_option, log, output_option


def _compile(spec: DFA | NFA, no_minimize: bool, merge: bool) -> Any:
    if isinstance(spec, NFA):
        return _compile_nfa(spec, merge)
    from neurosim.automata import compile_dfa, size_formula

    comp = compile_dfa(spec, minimize_first=not no_minimize, merge=merge)
    size = size_formula(comp.dfa)
    s = comp.net.summary()
    log(f"compiled DFA with {len(spec.states)} states -> {len(comp.dfa.states)} "
        f"{'states' if no_minimize else 'minimal states'} x {len(comp.dfa.input_symbols)} symbols: "
        f"{s['units']} units, {s['synapses']} synapses (Minsky: n*k+1 = {size['units']} units)")
    if merge:
        log(f"merged the pair units of {len(comp.merged)} state(s) by exact LP: {comp.units_saved} units saved")
    return comp


def _compile_nfa(nfa: NFA, merge: bool) -> Any:
    from neurosim.automata import compile_nfa

    if merge:
        raise ParameterError("--merge applies to DFA specs (an NFA net has one unit per state already)")
    comp = compile_nfa(nfa)
    s = comp.net.summary()
    split = comp.split_states
    log(f"compiled NFA with {len(nfa.states)} states -> {len(comp.nfa.states)} (no ε-moves, trimmed): "
        f"{s['units']} units, {s['synapses']} synapses (one unit per state + accept, no subset construction"
        + (f"; {len(split)} state(s) entered by moves that are not one block got one unit per block)" if split
           else ")"))
    return comp


_minimize_opt = click.option("--no-minimize", is_flag=True,
                             help="Compile the DFA as given instead of minimising it first (Hopcroft).")
_merge_opt = click.option("--merge", is_flag=True,
                          help="Merge each state's pair units into one unit where an exact LP finds MP weights.")
@click.group("dfa")
def dfa_group() -> None:
    """DFAs and NFAs as recurrent McCulloch–Pitts nets (one tick per symbol), and back as regular expressions.

    \b
    neurosim dfa compile examples/div3.json -o div3.graphml
    neurosim dfa run examples/div3.json 110 111 --engine table
    neurosim dfa verify examples/contains101.json
    neurosim dfa draw examples/div3.json -o div3.png
    neurosim dfa compile examples/third_from_end.json --verify -o nfa3.json
    neurosim dfa regex examples/div3.json

    A SPEC is automata-lib JSON (states, input_symbols, transitions, initial_state, final_states, and
    allow_partial for a DFA; an NFA maps each symbol to a list of states, "" for ε) or a JFLAP .jff file.
    A DFA compiles by Minsky's construction, an NFA with one unit per state (no subset construction).
    """


@dfa_group.command("compile")
@click.argument("spec")
@output_option("Net file to write (format from the suffix: .json, .graphml, .dot, .blif, .png …); default: net "
               "JSON on stdout.")
@format_option(NET_FORMATS, "Net format instead of the suffix's.")
@_minimize_opt
@_merge_opt
@click.option("--verify", is_flag=True,
              help="Also prove that the net accepts exactly the spec's language; exit 1 if it does not.")
@max_states_opt
@json_option("Print the summary (units, synapses; the verdict with --verify) as JSON; the net then goes only to -o.")
@click.pass_context
def compile_cmd(ctx: click.Context, spec: str, output: str | None, fmt: str | None, no_minimize: bool, merge: bool,
                verify: bool, max_states: int, as_json: bool) -> None:
    """Compile SPEC (a DFA or an NFA) into a recurrent MP net with its run protocol in the metadata.

    \b
    Examples:
      neurosim dfa compile examples/div3.json -o div3.graphml --verify
      neurosim dfa compile examples/third_from_end.json --json -o nfa3.json
    """
    from neurosim.io import format_from_suffix, net_to_bytes

    aut, _, _ = load_spec_or_net(spec)
    if aut is None:
        raise SpecError("this is a net file; 'dfa compile' needs a DFA or NFA spec", "$", spec)
    fmt = fmt or ("json" if output in (None, "-") else format_from_suffix(output))  # a bad suffix fails first
    comp = _compile(aut, no_minimize, merge)
    ok = report_verify(comp.net, aut, as_json=False, max_states=max_states, quiet_json=as_json) if verify else None
    if output is not None or not as_json:
        atomic_write(output or "-", net_to_bytes(comp.net, fmt))
    if as_json:
        doc = {"source": spec, **size_report(comp), "format": fmt, "output": output}
        if ok is not None:
            doc["verify"] = ok.to_dict()
        emit_json(doc)
    if ok is not None and not ok.equivalent:
        ctx.exit(1)


@dfa_group.command("run")
@click.argument("source")
@click.argument("strings", nargs=-1)
@click.option("--strings", "strings_file", default=None,
              help="File with one string a line (- for stdin); symbols one after another, or a JSON array.")
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default="auto", show_default=True,
              help="step: step the MP net; table: tabulate its firing states once, then look up; auto: table "
                   "while the table stays small, else step.")
@click.option("--trace", is_flag=True,
              help="Also print the input lines and units firing at every tick of each run (JSON: \"trace\").")
@click.option("--raster", default=None, help="Draw the raster of the first string's run into this PNG/SVG/PDF.")
@json_option('JSON Lines {"input": ..., "accepted": ...} in input order.')
@_minimize_opt
@_merge_opt
def run_cmd(source: str, strings: tuple[str, ...], strings_file: str | None, engine: str, trace: bool,
            raster: str | None, as_json: bool, no_minimize: bool, merge: bool) -> None:
    """Run an automaton net on strings: SOURCE is a DFA or NFA spec (compiled first) or a net file (from 'dfa
    compile', 'regex compile', or written by hand with the run protocol).

    Example: neurosim dfa run examples/div3.json 0 11 110 111 --json
    """
    from neurosim.automata import RunProtocol

    dfa, net, _ = load_spec_or_net(source)
    # parse the strings before compiling, so a bad string fails fast
    words = read_words(dfa.input_symbols if dfa is not None else RunProtocol.from_net(net).symbols, strings,
                   strings_file)
    if net is None:
        net = _compile(dfa, no_minimize, merge).net
    run_and_report(net, words, engine=engine, trace=trace, raster=raster, as_json=as_json)


@dfa_group.command("verify")
@click.argument("spec")
@click.option("--net", "net_path", default=None, help="Verify this net file instead of compiling SPEC afresh.")
@_minimize_opt
@_merge_opt
@max_states_opt
@json_option("Print the verdict as one JSON object.")
@click.pass_context
def verify_cmd(ctx: click.Context, spec: str, net_path: str | None, no_minimize: bool, merge: bool,
               max_states: int, as_json: bool) -> None:
    """Prove that the net accepts exactly SPEC's language (a DFA or an NFA), or print a shortest string where
    they differ.

    Exit status 1 when they are not equivalent. Example: neurosim dfa verify examples/div3.json --merge
    """
    aut, _, _ = load_spec_or_net(spec)
    if aut is None:
        raise SpecError("this is a net file; give the DFA or NFA spec as SPEC and the net with --net", "$", spec)
    if net_path is None:
        net = _compile(aut, no_minimize, merge).net
    else:
        other, net, _ = load_spec_or_net(net_path)
        if net is None:
            raise SpecError(f"this is {'an NFA' if isinstance(other, NFA) else 'a DFA'} spec, not a net file", "$",
                            net_path)
    if not report_verify(net, aut, as_json=as_json, max_states=max_states).equivalent:
        ctx.exit(1)


@dfa_group.command("draw")
@click.argument("source")
@output_option("Figure file (.png, .svg or .pdf).", required=True)
@_minimize_opt
def draw_cmd(source: str, output: str, no_minimize: bool) -> None:
    """Draw a DFA or NFA spec as a state diagram, or a net file as a net.

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
    """Minimise SPEC (Hopcroft; an NFA by the subset construction first) and write it as JSON or JFLAP; also
    converts between the two.

    Example: neurosim dfa minimize examples/small.jff -o small.json
    """
    from neurosim.automata import minimal_dfa
    from neurosim.io import dfa_to_jff, dfa_to_json

    dfa, _, _ = load_spec_or_net(spec)
    if dfa is None:
        raise SpecError("this is a net file; 'dfa minimize' needs a DFA or NFA spec", "$", spec)
    m = minimal_dfa(dfa) if isinstance(dfa, NFA) else minimize(dfa)
    log(f"{len(dfa.states)} {'NFA ' if isinstance(dfa, NFA) else ''}states -> {len(m.states)} (minimal, complete)")
    atomic_write(output, dfa_to_jff(m) if output.lower().endswith(".jff") else dfa_to_json(m))


@dfa_group.command("regex")
@click.argument("source", metavar="NET|SPEC")
@max_states_opt
@json_option('Print {"regex": ..., "alphabet": [...], "dfa_states": ..., "verified": true} as one JSON object.')
def regex_cmd(source: str, max_states: int, as_json: bool) -> None:
    """Print a regular expression for the language of NET|SPEC (Kleene's converse).

    The automaton is read off the net's reachable firing states (any net with the run protocol: compiled from
    a DFA, an NFA or a regex, or drawn by hand), minimised, and turned into an expression by state elimination.
    The expression is in the syntax Python's re.fullmatch reads alike, and is proven equal to the automaton
    before it is printed.

    \b
    Examples:
      neurosim dfa regex examples/div3.json                  # (0|1(01*0)*1)*
      neurosim dfa regex examples/nets/no_11.json --json     # a hand-drawn net: (1?0)*1?
    """
    from neurosim.automata import to_regex

    aut, net, name = load_spec_or_net(source)
    res = to_regex(net if net is not None else aut, max_states=max_states)
    if as_json:
        emit_json({"regex": res.regex, "alphabet": list(res.alphabet), "dfa_states": len(res.dfa.states),
                   "length": len(res.regex), "verified": True, "source": name})
    else:
        click.echo(res.regex)
        log(f"{name}: minimal DFA of {len(res.dfa.states)} states over {{{', '.join(res.alphabet)}}} -> a "
            f"regular expression of {len(res.regex)} characters (state elimination), proven equal to it")


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
