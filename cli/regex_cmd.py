"""``neurosim regex``: regular expressions compiled into recurrent McCulloch–Pitts nets and run on strings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from neurosim.automata import ENGINE_NAMES
from neurosim.io import NET_FORMATS

from .automaton_common import max_states_opt, read_words, report_verify, run_and_report, size_report
from .common import atomic_write, emit_json, format_option, json_option, log, output_option

_alphabet_opt = click.option("--alphabet", "alphabet", metavar="SYMS", default=None,
                             help="The alphabet, one-character symbols: a,b,c or abc [default: the symbols the "
                                  "expression uses]; '.' and [^...] read against it.")


def _compile(text: str, alphabet: str | None) -> Any:
    from neurosim.automata import compile_regex

    comp = compile_regex(text, alphabet)
    s = comp.net.summary()
    log(f"regex {text!r} over {{{', '.join(comp.regex.alphabet)}}}: m = {comp.m} symbol occurrence(s) -> "
        f"{s['units']} units (at most m + 2 = {comp.m + 2}), {s['synapses']} synapses (Glushkov's construction: "
        "one unit per position + accept)")
    return comp


@click.group("regex")
def regex_group() -> None:
    """Regular expressions as recurrent McCulloch–Pitts nets: one unit per symbol occurrence (Glushkov).

    \b
    neurosim regex compile '(ab|ba)*' -o abba.json --verify
    neurosim regex run '0*(10*10*)*' 0110 111 --json
    neurosim regex compile '[01]*1[01][01]' --json -o third.json

    Syntax: symbols, concatenation, |, *, +, ?, ( ), [abc], [a-c], [^ab], . (any symbol of the alphabet),
    \\ escapes (\\*, \\n), () the empty string, (?!) the empty language. It is the part of Python's re on which
    re.fullmatch agrees; what re would read differently ({2}, ^, $, \\d) is refused. The nets keep the run
    protocol of DFA nets: 'dfa run', 'dfa verify --net', 'dfa regex', 'simulate' and 'draw' work on them.
    """


@regex_group.command("compile")
@click.argument("regex")
@_alphabet_opt
@output_option("Net file to write (format from the suffix: .json, .graphml, .dot, .blif, .png …); default: net "
               "JSON on stdout.")
@format_option(NET_FORMATS, "Net format instead of the suffix's.")
@click.option("--verify", is_flag=True,
              help="Also prove that the net accepts exactly the expression's language (product construction, or "
                   "local induction past --max-states); exit 1 if it does not.")
@max_states_opt
@json_option("Print the summary (m, units, synapses; the verdict with --verify) as JSON; the net then goes only "
             "to -o.")
@click.pass_context
def compile_cmd(ctx: click.Context, regex: str, alphabet: str | None, output: str | None, fmt: str | None,
                verify: bool, max_states: int, as_json: bool) -> None:
    """Compile REGEX into an automaton net: one MP unit per symbol occurrence, plus accept.

    \b
    Examples:
      neurosim regex compile '(ab|ba)*' -o abba.json --verify
      neurosim regex compile 'a.b' --alphabet a,b,c --json -o acb.png
    """
    from neurosim.io import format_from_suffix, net_to_bytes

    fmt = fmt or ("json" if output in (None, "-") else format_from_suffix(output))  # a bad suffix fails first
    comp = _compile(regex, alphabet)
    res = report_verify(comp.net, comp.regex, as_json=False, max_states=max_states,
                         quiet_json=as_json) if verify else None
    if output is not None or not as_json:
        atomic_write(output or "-", net_to_bytes(comp.net, fmt))
    if as_json:
        doc = {**size_report(comp), "format": fmt, "output": output}
        if res is not None:
            doc["verify"] = res.to_dict()
        emit_json(doc)
    if res is not None and not res.equivalent:
        ctx.exit(1)


@regex_group.command("run")
@click.argument("regex")
@click.argument("strings", nargs=-1)
@_alphabet_opt
@click.option("--strings", "strings_file", default=None,
              help="File with one string a line (- for stdin); symbols one after another, or a JSON array.")
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default="auto", show_default=True,
              help="step: step the MP net; table: tabulate its firing states once, then look up; auto: table "
                   "while the table stays small, else step.")
@click.option("--trace", is_flag=True,
              help="Also print the input lines and units firing at every tick of each run (JSON: \"trace\").")
@click.option("--raster", default=None, help="Draw the raster of the first string's run into this PNG/SVG/PDF.")
@json_option('JSON Lines {"input": ..., "accepted": ...} in input order.')
def run_cmd(regex: str, strings: tuple[str, ...], alphabet: str | None, strings_file: str | None, engine: str,
            trace: bool, raster: str | None, as_json: bool) -> None:
    """Compile REGEX and run its net on STRINGS: accept or reject per string, as 'dfa run'.

    Example: neurosim regex run '(ab|ba)*' abba ab aa '' --json
    """
    from neurosim.automata import parse_regex

    rx = parse_regex(regex, alphabet)
    words = read_words(rx.alphabet, strings, strings_file)  # a bad string fails before compiling
    run_and_report(_compile(regex, alphabet).net, words, engine=engine, trace=trace, raster=raster,
                   as_json=as_json)


def demo(out: Path, backend: Any) -> list[str]:
    """The regex part of ``neurosim demo``: Kleene's theorem both ways on the bundled examples."""
    from neurosim import examples
    from neurosim.automata import (
        accepts,
        compile_dfa,
        compile_nfa,
        compile_regex,
        equivalent,
        extract_dfa,
        to_regex,
        verify_net,
    )
    from neurosim.draw import draw_dfa, draw_net
    from neurosim.io import load_automaton, load_dfa, load_nfa, save_figure, save_net

    lines = []
    for text, stem, what in (("(ab|ba)*", "abba", "pairs ab or ba"), ("0*(10*10*)*", "even_ones",
                                                                         "an even number of 1s")):
        comp = compile_regex(text)
        ok = verify_net(comp.net, comp.regex).equivalent
        words = [tuple(w) for w in ("", "ab", "abba", "aab", "0110", "111", "1001")
                 if set(w) <= set(comp.regex.alphabet)]
        got = accepts(comp.net, words, backend=backend)
        save_net(comp.net, out / f"{stem}_net.json")
        save_figure(draw_net(comp.net, title=f"{text}: one unit per symbol occurrence (p[position:symbol])"),
                    out / f"{stem}_net.png")
        lines.append(f"regex {text} ({what}): m = {comp.m} -> {len(comp.net.units)} units, verified "
                     f"{'yes' if ok else 'NO'}; accepts {[''.join(w) for w, v in zip(words, got, strict=True) if v]}"
                     f" -> {stem}_net.json, {stem}_net.png")
    nfa = load_nfa(examples.path("third_from_end.json"))
    dfa = load_dfa(examples.path("third_from_end_dfa.json"))
    n_net, d_net = compile_nfa(nfa).net, compile_dfa(dfa).net
    both = verify_net(n_net, nfa).equivalent and verify_net(d_net, nfa).equivalent
    save_figure(draw_dfa(nfa, title="NFA: the third symbol from the end is 1"), out / "third_nfa.png")
    save_figure(draw_dfa(dfa, title="its minimal DFA (8 states: the last three symbols)"), out / "third_dfa.png")
    save_figure(draw_net(n_net, title="NFA net: one unit per state"), out / "third_nfa_net.png")
    save_figure(draw_net(d_net, title="DFA net: one unit per state-symbol pair"), out / "third_dfa_net.png")
    lines.append(f"third symbol from the end is 1: NFA of {len(nfa.states)} states -> {len(n_net.units)} units; "
                 f"its {len(dfa.states)}-state DFA -> {len(d_net.units)} units; both proven "
                 f"{'equal to the NFA' if both else 'NOT equal'} -> third_{{nfa,dfa}}{{,_net}}.png")
    _, hand = load_automaton(examples.path("nets/no_11.json"))
    back = to_regex(hand)
    again = compile_regex(back.regex, hand_symbols := back.alphabet).net
    same = equivalent(extract_dfa(again), extract_dfa(hand))
    lines.append(f"Kleene's converse on the hand-drawn net nets/no_11.json ({len(hand.units)} units, a veto): "
                 f"{back.regex}  (compiled again over {{{', '.join(hand_symbols)}}}: "
                 f"{'equivalent' if same else 'NOT equivalent'})")
    return lines
