"""Kleene's theorem both ways: regular expressions and NFAs compiled into MP nets, and nets read back as expressions.

- ``(ab|ba)*`` and "an even number of 1s": one unit per symbol occurrence (Glushkov), proven equal to the
  expression, checked against Python's ``re`` on every string up to length 8;
- "the third symbol from the end is 1": the 4-state NFA's net beside its 8-state DFA's net, and k = 20, where
  the DFA would need 2^20 states but the NFA net has 22 units and is proven by local induction;
- Kleene's converse: the expression of a hand-drawn net (``nets/no_11.json``), compiled again and compared.

Run: python examples/regex_examples.py [OUT_DIR]   (default: regex-examples-out/)
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import numpy as np

from neurosim.automata import (
    NFA,
    accepts,
    compile_dfa,
    compile_nfa,
    compile_regex,
    equivalent,
    extract_dfa,
    run_codes,
    to_regex,
    verify_net,
)
from neurosim.draw import draw_net
from neurosim.io import load_automaton, load_dfa, load_nfa, save_figure, save_net

HERE = Path(__file__).resolve().parent


def kth_from_end(k: int) -> NFA:
    trans = {"q0": {"0": ["q0"], "1": ["q0", "q1"]}} | {f"q{i}": {"0": [f"q{i + 1}"], "1": [f"q{i + 1}"]}
                                                        for i in range(1, k)}
    return NFA([f"q{i}" for i in range(k + 1)], ["0", "1"], trans, "q0", [f"q{k}"])


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for text in ("(ab|ba)*", "0*(10*10*)*"):
        comp = compile_regex(text)
        sigma = "".join(comp.regex.alphabet)
        words = [w for n in range(9) for w in itertools.product(sigma, repeat=n)]
        got = accepts(comp.net, words)
        assert got.tolist() == [re.fullmatch(text, "".join(w)) is not None for w in words]
        assert verify_net(comp.net, comp.regex).equivalent
        print(f"{text}: m = {comp.m} symbol occurrences -> {len(comp.net.units)} units, "
              f"{comp.net.n_synapses} synapses; proven, and agrees with re on all {len(words)} strings up to 8")
    save_figure(draw_net(compile_regex("(ab|ba)*").net), out / "abba_net.png")

    nfa, dfa = load_nfa(HERE / "third_from_end.json"), load_dfa(HERE / "third_from_end_dfa.json")
    n_net, d_net = compile_nfa(nfa).net, compile_dfa(dfa).net
    assert verify_net(n_net, nfa).equivalent and verify_net(d_net, nfa).equivalent
    save_net(n_net, out / "third_nfa_net.json")
    save_figure(draw_net(n_net), out / "third_nfa_net.png")
    print(f"third symbol from the end is 1: NFA {len(nfa.states)} states -> {len(n_net.units)} units; "
          f"DFA {len(dfa.states)} states -> {len(d_net.units)} units; both proven equal to the NFA")

    big = compile_nfa(kth_from_end(20)).net
    rng = np.random.default_rng(0)
    codes = rng.integers(0, 2, size=(1000, 100)).astype(np.int32)
    got = run_codes(big, codes, np.full(1000, 100))
    proof = verify_net(big, kth_from_end(20), max_states=1 << 14)
    assert (got == (codes[:, -20] == 1)).all() and proof.equivalent
    print(f"k = 20: {len(big.units)} units (the DFA needs 2^20 states); 1000 random strings of length 100 "
          f"correct; proven by {proof.method}")

    _, hand = load_automaton(HERE / "nets" / "no_11.json")
    back = to_regex(hand)
    again = compile_regex(back.regex, back.alphabet).net
    assert equivalent(extract_dfa(again), extract_dfa(hand))
    print(f"the hand-drawn net nets/no_11.json accepts {back.regex} (compiled again: equivalent)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("regex-examples-out"))
