"""Output phase assignment: realise an output from the cover of its complement through one NOR unit.

An MP unit with θ = 0 and inhibitory synapses from the product units of ``¬f`` fires exactly when none of them
does, so ``f = NOR(terms of ¬f)`` costs one unit, like the OR unit of ``f``'s own cover. Minimising ``f`` and
``¬f`` together (2m outputs sharing terms) and keeping, per output, the cheaper phase can shrink a net a lot
when a function's OFF-set is simpler than its ON-set.

Notes
-----
Phase assignment for PLAs: Sasao, "Input variable assignment and output phase optimization of PLA's", IEEE
Trans. Computers C-33 (1984). With McCulloch–Pitts inhibition the inverted output costs nothing extra.
"""

from __future__ import annotations

import numpy as np

from .covers import Cover, MOCover, empty_cover, merge_outputs, universe_cover

__all__ = ["choose_phases", "two_phase_problem"]



def two_phase_problem(on: MOCover, dc: MOCover, offs: list[Cover], rest: np.ndarray, n: int
                      ) -> tuple[MOCover, MOCover, MOCover]:
    """ON, DC and OFF covers of the 2m outputs ``f_0..f_{m-1}, ¬f_0..¬f_{m-1}`` (outputs not in ``rest`` get
    an empty ON-set and a universal OFF-set, so no cube feeds them)."""
    m = on.out.shape[1]
    w = on.care.shape[1]
    empty = empty_cover(w)
    universe = universe_cover(w)
    pos_on = [on.output(j) if rest[j] else empty for j in range(m)]
    dcs = [dc.output(j) if rest[j] else empty for j in range(m)]
    neg_on = [offs[j] if rest[j] else empty for j in range(m)]
    pos_off = [offs[j] if rest[j] else universe for j in range(m)]
    neg_off = [pos_on[j] if rest[j] else universe for j in range(m)]  # ON (DC wins there: stricter, still right)
    return (merge_outputs(pos_on + neg_on, n), merge_outputs(dcs + dcs, n), merge_outputs(pos_off + neg_off, n))


def choose_phases(out2: np.ndarray, rest: np.ndarray, passes: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Pick a phase per output to minimise units (terms not shared with another chosen output + 1 OR/NOR).

    Parameters
    ----------
    out2 : ndarray, shape (N, 2m), bool
        Which cube feeds which phase of which output.
    rest : ndarray, shape (m,), bool
        Outputs to decide (the others feed nothing).

    Returns
    -------
    out : ndarray, shape (N, m), bool
        The chosen phase's cubes per output.
    negated : ndarray, shape (m,), bool
        True where the output is the NOR of its cubes.
    """
    m = out2.shape[1] // 2
    pos, neg = out2[:, :m] & rest, out2[:, m:] & rest

    def own_cost(col: np.ndarray, usage: np.ndarray, negated: bool) -> int:
        k = int(col.sum())
        gate = 1 if negated else int(k > 1)
        return gate + int((col & (usage == 0)).sum())

    negated = neg.sum(axis=0) + 1 < pos.sum(axis=0) + (pos.sum(axis=0) > 1)
    for _ in range(passes):
        changed = False
        for j in np.flatnonzero(rest):
            chosen = np.where(negated[None, :], neg, pos)
            usage = chosen.sum(axis=1) - chosen[:, j]
            c_pos = own_cost(pos[:, j], usage, False)
            c_neg = own_cost(neg[:, j], usage, True)
            want = c_neg < c_pos
            if want != negated[j]:
                negated[j] = want
                changed = True
        if not changed:
            break
    return np.where(negated[None, :], neg, pos), negated
