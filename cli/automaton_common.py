"""What the automaton commands (``dfa``, ``regex``) share: reading SPEC|NET, strings, running and reporting
verdicts, proofs, and the size summary of a compile."""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any

import click

from neurosim.automata import DFA, ENGINE_NAMES, MAX_SUBSET_STATES, NFA
from neurosim.core import MPNet
from neurosim.errors import SlowEngineWarning

from .common import emit_json, json_option, log, plot_option, progress_callback, read_input, settings

__all__ = [
    "animate_opt",
    "load_spec_or_net",
    "max_states_opt",
    "read_words",
    "report_verify",
    "run_and_report",
    "run_options",
    "size_report",
    "strings_source",
]


def load_spec_or_net(path: str) -> tuple[DFA | NFA | None, MPNet | None, str]:
    """Read SPEC|NET (see :func:`neurosim.io.load_automaton`): a DFA or NFA spec, or a net; also returns the
    name to cite."""
    from neurosim.io import load_automaton

    src = read_input(path)
    dfa, net = load_automaton(src)
    return dfa, net, src.name


def size_report(comp: Any) -> dict[str, Any]:
    """What ``--json`` of a compile reports: units, synapses, inputs, and what was compiled."""
    s = comp.net.summary()
    out: dict[str, Any] = {"inputs": s["inputs"], "units": s["units"], "synapses": s["synapses"],
                           "construction": comp.net.meta.get("construction")}
    if hasattr(comp, "m"):
        out.update(regex=comp.regex.text, alphabet=list(comp.regex.alphabet), m=comp.m)
    elif isinstance(getattr(comp, "nfa", None), NFA):
        out.update(nfa_states=len(comp.nfa.states), split_states=comp.split_states)
    else:
        out.update(dfa_states=len(comp.dfa.states), units_saved=comp.units_saved)
    return out


max_states_opt = click.option("--max-states", type=click.IntRange(min=1), default=MAX_SUBSET_STATES,
                              show_default=True,
                              help="Proofs: past this many DFA states (subset construction, or the net's table) "
                                   "prove by local induction instead.")


def _check_animation_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The animation's suffix is checked before any work (as --plot's is)."""
    if value is not None and not value.lower().endswith((".gif", ".html", ".htm")):
        raise click.BadParameter(f"expected a .gif or .html file, found {value!r}")
    return value


animate_opt = click.option("--animate", "animate", metavar="FILE", default=None, callback=_check_animation_path,
                           help="Animate the net reading the first string (.gif, or .html with a player): the "
                                "symbol and tick shown, firing units lit, vetoes marked.")


def run_options(cmd: Any) -> Any:
    """The options ``dfa run`` and ``regex run`` share: where the strings come from, the engine, what to show."""
    for opt in reversed((
        click.option("--strings", "strings_file", metavar="FILE", default=None,
                     help="File with one string a line (- for stdin); symbols one after another, or a JSON array."),
        click.option("--engine", type=click.Choice(ENGINE_NAMES), default="auto", show_default=True,
                     help="step: step the MP net; table: tabulate its firing states once, then look up; auto: "
                          "table while the table stays small, else step."),
        click.option("--trace", is_flag=True,
                     help="Also print the input lines and units firing at every tick of each run (JSON: \"trace\")."),
        plot_option("Draw the raster of the first string's run into this PNG/SVG/PDF file.", "--raster"),
        animate_opt,
        json_option('JSON Lines {"input": ..., "accepted": ...} in input order.'),
    )):
        cmd = opt(cmd)
    return cmd


def strings_source(strings: tuple[str, ...], strings_file: str | None) -> str | None:
    """Where the strings come from besides the arguments: ``--strings FILE``, or standard input when neither is
    given (a pipe); at a terminal with neither, a usage error rather than waiting for typing."""
    if strings or strings_file is not None:
        return strings_file
    if sys.stdin is None or sys.stdin.isatty():
        raise click.UsageError("no strings to run: give them as arguments, with --strings FILE, or on standard "
                               "input (one a line)")
    return "-"


def read_words(alphabet: tuple[str, ...], strings: tuple[str, ...], strings_file: str | None
               ) -> list[tuple[str, ...]]:
    from neurosim.io import parse_word_arg, parse_words

    words = [parse_word_arg(s, alphabet, i + 1) for i, s in enumerate(strings)]
    if strings_file is not None:
        src = read_input(strings_file)
        words += parse_words(src.text, alphabet, src.name)
    return words


def run_and_report(net: MPNet, words: list[tuple[str, ...]], *, engine: str, trace: bool, raster: str | None,
                   as_json: bool, animate: str | None = None) -> None:
    """Run ``net`` on ``words`` and print a verdict per string (``dfa run`` and ``regex run``)."""
    from neurosim.automata import RunProtocol, choose_engine, run_codes
    from neurosim.io import format_word

    proto = RunProtocol.from_net(net)
    be = settings().get_backend()
    used, table = (choose_engine(net, proto) if engine == "auto" and words else (engine, None))
    codes, lengths = proto.encode(words)
    progress = progress_callback("running") if used == "step" else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SlowEngineWarning)
        verdicts = run_codes(net, codes, lengths, engine=used, backend=be, table=table,
                             progress=progress) if words else []
    for w in caught:
        if issubclass(w.category, SlowEngineWarning):
            log(f"neurosim: warning: {w.message}")
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
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
    shown_engine = engine if engine == used else f"{engine}: {used}"
    log(f"{len(words)} string(s), {int(sum(bool(v) for v in verdicts))} accepted (engine {shown_engine}, backend "
        f"{be.name}, accept unit read at tick L + {proto.accept_delay})")
    if raster:
        if not words:
            raise click.UsageError("--plot draws the run of the first string: give at least one")
        from neurosim.automata import trace_words
        from neurosim.draw import draw_raster
        from neurosim.io import save_figure

        tr = trace_words(net, words[:1], be)
        shown = format_word(words[0], proto.symbols)
        save_figure(draw_raster(tr, title=f"Raster of the automaton net on {shown!r}: accept unit read at tick "
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


def report_verify(net: MPNet, spec: Any, *, as_json: bool, max_states: int = MAX_SUBSET_STATES,
                   quiet_json: bool = False) -> Any:
    """Prove ``net`` against ``spec`` (a DFA, NFA or Regex) and report it: one JSON object with ``as_json``,
    else a line on stderr (and the counterexample on stdout, or stderr when the caller prints JSON)."""
    from neurosim.automata import RunProtocol, verify_net
    from neurosim.io import format_word

    res = verify_net(net, spec, max_states=max_states)
    syms = RunProtocol.from_net(net).symbols
    witness = None if res.witness is None else format_word(res.witness, syms)
    if as_json:
        emit_json({**res.to_dict(), "witness": witness})
    elif res.equivalent and res.method == "local-induction":
        log(f"verified: the net accepts exactly the spec's language (local induction: every unit's firing rule "
            f"equals the automaton's moves on its states; {res.note})")
    elif res.equivalent:
        log(f"verified: the net accepts exactly the spec's language ({res.net_states} reachable firing states, "
            f"{res.dfa_states} DFA states; product construction)")
    else:
        who = "the net accepts it and the spec rejects it" if res.net_accepts_witness else \
            "the spec accepts it and the net rejects it"
        line = f"NOT equivalent: shortest distinguishing string {json.dumps(witness)} ({who})"
        if quiet_json:
            log(line)
        else:
            click.echo(line)
    return res
