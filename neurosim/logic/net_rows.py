"""PLA rows of the function a compiled net computes (written by ``--format pla``): the net's minterms, or a
two-level cover with some outputs' rows rewritten from their new values over their support."""

from __future__ import annotations

import numpy as np

from ..core import MPNet, truth_table

__all__ = ["function_rows"]


def function_rows(net: MPNet, outputs: tuple[str, ...], changed: dict | None = None,
                  rows: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[str, str], ...]:
    """PLA rows of the function the net computes: ``rows`` with the outputs in ``changed`` rewritten from their
    new values over their support (or, without ``changed``, every output's minterms from the net, n <= 5)."""
    m, n = len(outputs), len(net.inputs)
    if changed is None:
        tt = truth_table(net)
        col = [net.output_names.index(o) for o in outputs]
        return tuple((format(r, f"0{n}b") if n else "", "".join("1" if tt[r, c] else "0" for c in col))
                     for r in range(1 << n) if tt[r, col].any())
    idx = [outputs.index(o) for o in changed]
    keep = []
    for cube, part in rows:
        part = "".join("0" if j in idx else ch for j, ch in enumerate(part))
        if "1" in part:
            keep.append((cube, part))
    for o, (sup, vals) in changed.items():
        j = outputs.index(o)
        for r in np.flatnonzero(vals):
            cube = ["-"] * n
            for i, x in enumerate(sup):
                cube[x] = "1" if (int(r) >> (len(sup) - 1 - i)) & 1 else "0"
            keep.append(("".join(cube), "".join("1" if k == j else "0" for k in range(m))))
    return tuple(keep)
