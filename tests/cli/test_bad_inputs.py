"""Every bad input the hardening issue names, through the command line, under a memory and a CPU ceiling.

Each case must end with exit status 2 and one line ``neurosim: error: ...`` that names the culprit (the file,
the option or the size and its limit), no traceback, and nothing left in the working folder (no partial output,
no temporary file). The cases run in one child process (``bad_input_driver.py``) started with
``resource.setrlimit``: an address-space ceiling of :data:`MEMORY_LIMIT` (a command that tried to allocate what
a tiny file asks for would hit it and fail its culprit check with "out of memory") and a CPU ceiling; each case
must also finish within :data:`CPU_PER_CASE` CPU seconds. The corpus is ``tests/io/bad_inputs/``; files too
large to keep in the repository are made by :func:`large_files`.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "io" / "bad_inputs"
X = ROOT / "examples"
DRIVER = Path(__file__).with_name("bad_input_driver.py")

MEMORY_LIMIT = 1536 << 20  # address space: the imports take about 320 MB of it
CPU_PER_CASE = 20.0  # seconds of CPU; generous for a loaded 2-core machine, far below what the bugs took

DEEP = 100_000


def large_files(d: Path) -> dict[str, Path]:
    """The corpus files too large (or too repetitive) to commit, written into ``d``."""
    deep = "[" * DEEP + "]" * DEEP
    files = {
        "net_deep.json": '{"format": "neurosim-net", "version": 1, "inputs": ' + deep + ', "units": []}',
        "dfa_deep.json": '{"states": ' + deep + "}",
        "weights_deep.json": '{"coefs": ' + deep + ', "intercepts": [[0]]}',
        "words_deep.txt": deep + "\n",
        "dfa_bigint.json": '{"states": [' + "1" * 5000 + "]}",
        "weights_bigint.json": '{"coefs": [[[' + "1" * 5000 + ']]], "intercepts": [[0]]}',
        # 4,000 inputs (within the limit) and one row: 2**4000 - 1 rows missing, a 1,205-digit count
        "csv_wide_missing.csv": ",".join(f"a{i}" for i in range(4000)) + ",|,y\n" + ",".join("0" * 4000) + ",|,1\n",
        "logisim_wide_missing.txt": "a[3999..0] | y\n" + "0" * 4000 + " | 1\n",
        "csv_too_wide.csv": ",".join(f"a{i}" for i in range(15000)) + ",|,y\n" + ",".join("0" * 15000) + ",|,1\n",
        "data_wide.csv": ",".join(f"f{i}" for i in range(20000)) + ",y\n" + ",".join("0" * 20000) + ",0\n"
                         + ",".join("1" * 20000) + ",1\n",
    }
    syms = [f"s{i}" for i in range(2000)]  # 4 states x 2,000 symbols: Minsky's n*k^2 is 16 million synapses
    states = ["a", "b", "c", "d"]
    files["dfa_2000_symbols.json"] = json.dumps({
        "states": states, "input_symbols": syms,
        "transitions": {q: {s: states[(i + j) % 4] for j, s in enumerate(syms)} for i, q in enumerate(states)},
        "initial_state": "a", "final_states": ["a"], "allow_partial": False})
    ins = [f"x{i}" for i in range(25)]
    files["net_25_inputs.json"] = json.dumps({"format": "neurosim-net", "version": 1, "inputs": ins, "units": [
        {"name": "y", "threshold": 1, "excitatory": {i: 1 for i in ins}, "inhibitory": []}], "outputs": {"y": "y"}})
    out = {}
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
        out[name] = d / name
    return out


def corpus(name: str) -> str:
    return str(CORPUS / name)


def ex(name: str) -> str:
    return str(X / name)


#: case -> (arguments; "@name" is a generated file, "%name" a corpus file, "=name" an example), culprit fragments
CASES: dict[str, tuple[list[str], list[str]]] = {
    # ---- tracebacks before: deep nesting, huge integers, 2**n in messages, XML encodings, Unicode digits ----
    "net_deep": (["simulate", "@net_deep.json", "--all"], ["net_deep.json", "nested too deeply"]),
    "dfa_deep": (["dfa", "compile", "@dfa_deep.json"], ["dfa_deep.json", "nested too deeply"]),
    "weights_deep": (["mlp", "=xor.csv", "--init", "@weights_deep.json"], ["weights_deep.json", "nested too deeply"]),
    "words_deep": (["dfa", "run", "=div3.json", "--strings", "@words_deep.txt"], ["words_deep.txt", "nested"]),
    "word_arg_deep": (["dfa", "run", "=div3.json", "[" * 20000], ["argument 1", "nested too deeply"]),
    "dfa_bigint": (["dfa", "compile", "@dfa_bigint.json"], ["dfa_bigint.json", "5,000 digits"]),
    "weights_bigint": (["mlp", "=xor.csv", "--init", "@weights_bigint.json"], ["weights_bigint.json", "5,000 digits"]),
    "weights_400_digits": (["mlp", "=xor.csv", "--init", "%weights_400_digits.json"],
                           ["weights_400_digits.json", "$.coefs[0]", "a float can hold"]),
    "net_synapses_2_63": (["simulate", "%net_synapses_2_63.json", "--all"],
                          ["net_synapses_2_63.json", "$.units[2].excitatory.h1", "9,223,372,036,854,775,808"]),
    "graphml_weight_2_63": (["simulate", "%graphml_weight_2_63.graphml", "--all"],
                            ["graphml_weight_2_63.graphml", ".weight", "10,000,000"]),
    "nodelink_weight_2_63": (["simulate", "%nodelink_weight_2_63.json", "--all"],
                             ["nodelink_weight_2_63.json", ".weight", "10,000,000"]),
    "csv_wide_missing": (["compile", "@csv_wide_missing.csv", "--missing", "error"],
                         ["csv_wide_missing.csv", "2**4000 − 1 of 2**4000 input rows are missing"]),
    "logisim_wide_missing": (["compile", "@logisim_wide_missing.txt", "--missing", "error"],
                             ["logisim_wide_missing.txt", "2**4000 − 1 of 2**4000"]),
    "graphml_utf7": (["simulate", "%graphml_utf7.graphml", "--all"], ["graphml_utf7.graphml:1:31", "'utf-7'"]),
    "graphml_utf0": (["simulate", "%graphml_utf0.graphml", "--all"], ["graphml_utf0.graphml:1:31", "'utf-0'"]),
    "jff_utf7": (["dfa", "compile", "%jff_utf7.jff"], ["jff_utf7.jff:1:31", "'utf-7'"]),
    "jff_utf0": (["dfa", "compile", "%jff_utf0.jff"], ["jff_utf0.jff:1:31", "'utf-0'"]),
    "pla_superscript_count": (["compile", "%pla_superscript_count.pla"], ["pla_superscript_count.pla:1:4", "'²'"]),
    "pla_arabic_count": (["compile", "%pla_arabic_count.pla"], ["pla_arabic_count.pla:1:4", "'٣'"]),
    "logisim_arabic_bus": (["compile", "%logisim_arabic_bus.txt"], ["logisim_arabic_bus.txt:1:1", "'a[٣..0]'"]),
    "pla_count_digits": (["compile", "%pla_count_digits.pla"], ["pla_count_digits.pla:1:4", "40 digits"]),
    "nodelink_graph_list": (["simulate", "%nodelink_graph_list.json", "--all"],
                            ["nodelink_graph_list.json", "$.graph", "[1, 2]"]),
    # ---- bad numeric options (Click's FloatRange lets NaN and infinity through) ----
    "mlp_lr_nan": (["mlp", "=xor.csv", "--lr", "nan"], ["'--lr'", "finite", "'nan'"]),
    "mlp_lr_inf": (["mlp", "=xor.csv", "--lr", "inf"], ["'--lr'", "finite", "'inf'"]),
    "mlp_momentum_nan": (["mlp", "=xor.csv", "--momentum", "nan"], ["'--momentum'", "'nan'"]),
    "mlp_init_scale_inf": (["mlp", "=xor.csv", "--init-scale", "inf"], ["'--init-scale'", "'inf'"]),
    "mlp_weight_decay_inf": (["mlp", "=xor.csv", "--weight-decay", "inf"], ["'--weight-decay'", "'inf'"]),
    "xor_lr_nan": (["xor", "--lr", "nan"], ["'--lr'", "'nan'"]),
    "perceptron_lr_inf": (["perceptron", "=and.csv", "--lr", "inf"], ["'--lr'", "'inf'"]),
    "seed_negative": (["--seed", "-1", "mlp", "=xor.csv"], ["'--seed'", "2**64 - 1", "-1"]),
    "seed_2_70": (["mlp", "=xor.csv", "--seed", str(2**70)], ["'--seed'", str(2**70)]),
    "mlp_plot_txt": (["mlp", "=xor.csv", "--plot", "p.txt"], ["'--plot'", "'.txt'"]),
    "xor_plot_txt": (["xor", "--plot", "p.txt"], ["'--plot'", "'.txt'"]),
    "perceptron_plot_txt": (["perceptron", "=and.csv", "--plot", "p.txt"], ["'--plot'", "'.txt'"]),
    "dfa_run_raster_txt": (["dfa", "run", "=div3.json", "11", "--raster", "r.txt"], ["--plot", "'.txt'"]),
    # ---- sizes checked before anything is allocated ----
    "pla_huge_inputs": (["compile", "%pla_huge_inputs.pla"], ["pla_huge_inputs.pla:1:4", "1,000,000,000", "4,096"]),
    "pla_huge_outputs": (["compile", "%pla_huge_outputs.pla"], ["pla_huge_outputs.pla:2:4", "100,000,000",
                                                                  "4,096"]),
    "logisim_huge_bus": (["compile", "%logisim_huge_bus.txt"], ["logisim_huge_bus.txt:1:1", "100,000,000,000",
                                                                 "4,096"]),
    "csv_too_wide": (["compile", "@csv_too_wide.csv"], ["csv_too_wide.csv:1:", "15,000 input columns", "4,096"]),
    "net_synapses_1e9": (["simulate", "%net_synapses_1e9.json", "--all"],
                         ["net_synapses_1e9.json", "1,000,000,000 synapses", "10,000,000"]),
    "dfa_2000_symbols": (["dfa", "compile", "@dfa_2000_symbols.json"],
                         ["dfa_2000_symbols.json", "2,000 symbols", "synapses", "10,000,000"]),
    "simulate_all_25": (["simulate", "@net_25_inputs.json", "--all"], ["2**25", "2**24"]),
    "separable_20000_features": (["separable", "@data_wide.csv"], ["data_wide.csv", "20,000 feature", "2,000"]),
    "xor_1e8_nets": (["xor", "--nets", "100000000"], ["100,000,000 nets", "GiB", "at most"]),
    "mlp_1e8_hidden": (["mlp", "=xor.csv", "--hidden", "100000000"], ["a net of sizes [2, 100000000, 1]", "GiB",
                                                                       "smaller layers"]),
    "mlp_1e9_epochs": (["mlp", "=xor.csv", "--epochs", "1000000000"], ["loss curve over 1,000,000,000 epochs"]),
    "xor_1e9_epochs": (["xor", "--epochs", "1000000000"], ["loss curves", "1,000,000,000 epochs", "GiB"]),
    # ---- specs that are valid JSON/XML but not valid automata or nets ----
    "dfa_duplicate_key": (["dfa", "compile", "%dfa_duplicate_key.json"], ["dfa_duplicate_key.json",
                                                                          "$.final_states", "duplicate key"]),
    "graphml_duplicate_id": (["simulate", "%graphml_duplicate_id.graphml", "--all"],
                             ["graphml_duplicate_id.graphml", "duplicate node id 'h1'"]),
    "graphml_entities": (["simulate", "%graphml_entities.graphml", "--all"],
                         ["graphml_entities.graphml:2:1", "DTD", "<!DOCTYPE>"]),
    "jff_entity": (["dfa", "compile", "%jff_entity.jff"], ["jff_entity.jff:2:1", "DTD"]),
    "graphml_utf16": (["simulate", "%graphml_utf16.graphml", "--all"], ["graphml_utf16.graphml:1:1", "0xff"]),
    "pla_ob_too_few": (["compile", "%pla_ob_too_few.pla"], ["pla_ob_too_few.pla:3:1", "expected 2 output names"]),
    # ---- usage errors in one line too ----
    "unknown_option": (["simulate", "=nets/xor.json", "--all", "--bogus"], ["--bogus", "neurosim simulate --help"]),
    "demo_out_is_a_file": (["demo", "--out", "=and.csv"], ["and.csv", "is a file"]),
    "compile_to_missing_folder": (["compile", "=and.csv", "-o", "no/such/dir/net.json"], ["no/such/dir"]),
}


def _resolve(arg: str, big: dict[str, Path]) -> str:
    if arg.startswith("@"):
        return str(big[arg[1:]])
    if arg.startswith("%"):
        return corpus(arg[1:])
    if arg.startswith("="):
        return ex(arg[1:])
    return arg


def _limits() -> None:  # in the child, before it starts: the ceilings the issue asks for
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (900, 900))


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    big = large_files(tmp_path_factory.mktemp("large"))
    cases = []
    for name, (args, _) in CASES.items():
        cwd = tmp_path_factory.mktemp(name)
        cases.append({"name": name, "args": [_resolve(a, big) for a in args], "cwd": str(cwd)})
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    env.pop("NEUROSIM_BACKEND", None)
    env.pop("NEUROSIM_PROGRESS", None)
    proc = subprocess.run([sys.executable, str(DRIVER)], input=json.dumps(cases), capture_output=True, text=True,
                          preexec_fn=_limits, env=env, cwd=str(ROOT), timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_exit_2_and_leaves_nothing(results, name):
    r = results[name]
    assert r["escaped"] is None, f"a traceback escaped:\n{r['escaped']}"
    lines = r["stderr"].splitlines()
    assert r["code"] == 2, (r["code"], r["stderr"][-2000:])
    assert len(lines) == 1 and lines[0].startswith("neurosim: error: "), r["stderr"]
    assert "Traceback" not in r["stderr"] and "out of memory" not in r["stderr"], r["stderr"]
    for culprit in CASES[name][1]:
        assert culprit in lines[0], (culprit, lines[0])
    assert r["left"] == [], f"files left behind: {r['left']}"
    assert r["cpu"] < CPU_PER_CASE, f"{r['cpu']:.1f} CPU seconds"


def test_every_corpus_file_has_a_case():
    from tests.io.test_bad_tables import EXPECTED

    used = {a[1:] for args, _ in CASES.values() for a in args if a.startswith("%")}
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(used | set(EXPECTED))
