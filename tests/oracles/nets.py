"""Hypothesis strategies shared by the tests: random MP nets, feedforward and recurrent."""

from __future__ import annotations

from hypothesis import strategies as st

from neurosim.core.mp import MPNet, MPUnit


@st.composite
def mp_nets(draw, *, feedforward: bool = True, max_inputs: int = 5, max_units: int = 8,
            max_threshold: int = 4) -> MPNet:
    """A random net: feedforward units see only inputs and earlier units; recurrent ones see any node."""
    n_in = draw(st.integers(1, max_inputs))
    inputs = [f"x{i}" for i in range(n_in)]
    n_units = draw(st.integers(1, max_units))
    units = []
    names = [f"u{j}" for j in range(n_units)]
    for j in range(n_units):
        pool = inputs + (names[:j] if feedforward else names)
        exc = draw(st.lists(st.sampled_from(pool), max_size=5))
        inh = draw(st.lists(st.sampled_from(pool), max_size=2))
        th = draw(st.integers(0, max_threshold))
        units.append(MPUnit(names[j], th, tuple(exc), tuple(inh)))
    out_nodes = draw(st.lists(st.sampled_from(inputs + names), min_size=1, max_size=3))
    outputs = [(f"y{k}", node) for k, node in enumerate(out_nodes)]
    initial = () if feedforward else draw(st.sets(st.sampled_from(names)))
    return MPNet(tuple(inputs), tuple(units), tuple(outputs), frozenset(initial))
