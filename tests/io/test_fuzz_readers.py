"""Every reader, fuzzed (bounded, on every run): mutated valid files, random JSON values in valid documents and
random bytes may only raise neurosim's own errors. ``tests/io/fuzz_long.py`` runs the same strategies for much
longer (its figures are in the hardening note)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurosim.errors import NeurosimError
from tests.oracles.fuzzing import JSON_PARSERS, PARSERS, json_docs, mutated

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.filter_too_much])


def only_neurosim_errors(name: str, data) -> None:
    call = PARSERS[name][0]
    with contextlib.suppress(NeurosimError):
        call(data)


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_seed_files_are_valid(name):
    call, seeds, _ = PARSERS[name]
    for text in seeds:
        call(text)


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_mutated_files_raise_only_neurosim_errors(name):
    @FAST
    @given(text=mutated(name))
    def check(text):
        only_neurosim_errors(name, text)

    check()


@pytest.mark.parametrize("name", JSON_PARSERS)
def test_random_json_values_raise_only_neurosim_errors(name):
    @FAST
    @given(text=json_docs(name))
    def check(text):
        only_neurosim_errors(name, text)

    check()


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(sorted(n for n in PARSERS if n not in ("words", "word_arg", "simulate_rows"))),
       data=st.binary(max_size=120))
def test_random_bytes_raise_only_neurosim_errors(name, data):
    if name in ("pla", "csv_table", "logisim", "regex"):
        data = data.decode("latin-1")  # these fuzz entries take text
    only_neurosim_errors(name, data)
