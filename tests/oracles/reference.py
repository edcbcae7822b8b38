"""The 1943 rule in plain Python, one unit and one tick at a time: the oracle every engine is tested against."""

from __future__ import annotations

from collections.abc import Sequence

from neurosim.core.mp import MPNet


def reference_step(net: MPNet, firing: frozenset[str], inputs_now: Sequence[int]) -> frozenset[str]:
    """Units firing at t+1, given the units firing at t and the input values at t."""
    active = set(firing) | {name for name, v in zip(net.inputs, inputs_now, strict=True) if v}
    nxt = set()
    for u in net.units:
        if any(s in active for s in u.inhibitory):
            continue
        if sum(1 for s in u.excitatory if s in active) >= u.threshold:
            nxt.add(u.name)
    return frozenset(nxt)


def reference_run(net: MPNet, rows: Sequence[Sequence[int]], initial: frozenset[str] | None = None
                  ) -> list[frozenset[str]]:
    """Firing sets at ticks 0..T for input rows presented at ticks 0..T-1."""
    state = net.initial if initial is None else frozenset(initial)
    trace = [state]
    for row in rows:
        state = reference_step(net, state, row)
        trace.append(state)
    return trace


def reference_evaluate(net: MPNet, row: Sequence[int]) -> tuple[int, ...]:
    """Settled outputs of a feedforward net on one held input row (depth + 1 ticks from all-silent)."""
    trace = reference_run(net, [row] * (net.depth() + 1), frozenset())
    # inputs are held, so after depth ticks every unit an output depends on has settled
    final = trace[-1]
    values = dict(zip(net.inputs, row, strict=True))
    return tuple(int(values[node]) if node in values else int(node in final) for _, node in net.outputs)
