"""``auto`` never steps a net whose firing states tabulate; ``step`` asked for on a large job warns (issue 12.4)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from neurosim.automata import RunProtocol, choose_engine, compile_dfa, random_dfa, run_codes, step_work
from neurosim.automata import engines as engines_mod
from neurosim.errors import SlowEngineWarning
from neurosim_cli.main import cli


@pytest.fixture(scope="module")
def net_and_words():
    dfa = random_dfa(200, 2, seed=3)
    net = compile_dfa(dfa).net
    rng = np.random.default_rng(0)
    words = [tuple(rng.choice(["a", "b"], size=int(rng.integers(0, 12)))) for _ in range(60)]
    return dfa, net, words


def test_auto_tabulates_a_200_state_dfa_net(net_and_words):
    _, net, _ = net_and_words
    assert choose_engine(net, RunProtocol.from_net(net))[0] == "table"


def test_step_work_counts_strings_ticks_and_synapses(net_and_words):
    _, net, _ = net_and_words
    proto = RunProtocol.from_net(net)
    synapses = sum(len(u.excitatory) + len(u.inhibitory) for u in net.units)
    assert step_work(net, np.array([3, 5]), proto) == 2 * (5 + proto.accept_delay) * synapses
    assert step_work(net, np.array([], dtype=int), proto) == 0


def test_step_by_name_on_a_large_job_warns_and_agrees(net_and_words, monkeypatch):
    dfa, net, words = net_and_words
    proto = RunProtocol.from_net(net)
    codes, lengths = proto.encode(words)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        auto = run_codes(net, codes, lengths)  # below the limit, or auto: silent
        run_codes(net, codes, lengths, engine="step")
    monkeypatch.setattr(engines_mod, "STEP_WARN_SYNAPSE_TICKS", 10)
    with pytest.warns(SlowEngineWarning, match="engine 'step' on 60 strings"):
        step = run_codes(net, codes, lengths, engine="step")
    assert np.array_equal(step, auto)
    assert auto.tolist() == [dfa.accepts(w) for w in words]


def test_cli_says_it_in_one_line(monkeypatch):
    monkeypatch.setattr(engines_mod, "STEP_WARN_SYNAPSE_TICKS", 10)
    div3 = str(Path(__file__).resolve().parents[2] / "examples" / "div3.json")
    res = CliRunner().invoke(cli, ["dfa", "run", div3, "110", "111", "--engine", "step"])
    assert res.exit_code == 0, res.output
    assert "neurosim: warning: engine 'step' on 2 strings" in res.stderr
    assert res.stdout.splitlines() == ["accept\t110", "reject\t111"]
