"""Hypothesis strategies for truth tables: random covers with don't-cares, of every espresso type."""

from __future__ import annotations

from hypothesis import strategies as st

from neurosim.logic.truthtable import TruthTable


@st.composite
def truth_tables(draw, *, min_inputs: int = 1, max_inputs: int = 6, max_outputs: int = 3, max_rows: int = 12,
                 types: tuple[str, ...] = ("f", "fd", "fr", "fdr"), names: str = "plain") -> TruthTable:
    """A random table; tables whose ON- and OFF-sets clash (types fr/fdr) are rejected by ``assume``."""
    from hypothesis import assume

    from neurosim.errors import DataError

    n = draw(st.integers(min_inputs, max_inputs))
    m = draw(st.integers(1, max_outputs))
    k = draw(st.integers(0, max_rows))
    cube = st.text(alphabet="01-", min_size=n, max_size=n)
    out = st.text(alphabet="01-~", min_size=m, max_size=m)
    rows = tuple(draw(st.lists(st.tuples(cube, out), min_size=k, max_size=k)))
    table_type = draw(st.sampled_from(types))
    inputs = tuple(f"x{i}" for i in range(n)) if names == "plain" else tuple(f"a[{n - 1 - i}]" for i in range(n))
    outputs = tuple(f"y{j}" for j in range(m))
    try:
        return TruthTable(inputs, outputs, rows, table_type)
    except DataError:
        assume(False)
        raise
