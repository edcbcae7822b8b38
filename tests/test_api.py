"""The public API: every name in ``neurosim.__all__`` resolves, and importing neurosim stays light."""

from __future__ import annotations

import subprocess
import sys

import neurosim


def test_every_public_name_resolves():
    missing = [n for n in neurosim.__all__ if getattr(neurosim, n, None) is None]
    assert missing == []
    assert len(set(neurosim.__all__)) == len(neurosim.__all__)


def test_unknown_name_is_attribute_error():
    try:
        neurosim.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_does_not_load_heavy_modules():
    code = ("import sys, neurosim; "
            "print(sorted(m for m in ('scipy', 'networkx', 'matplotlib', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
