"""The first four steps of the layered layout (see :mod:`neurosim.core.layout`): cycle breaking, layering with
dummy points, ordering by barycentre sweeps with adjacent exchanges, and coordinates by isotonic regression."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

#: sweeps of the ordering step (each one down and one up); the best order seen is kept
ORDER_SWEEPS = 12
#: iterations of the coordinate step
COORD_SWEEPS = 16
#: adjacent exchanges are tried in layers up to this many items (quadratic work per layer)
TRANSPOSE_MAX = 60


# ---- 1. cycle breaking --------------------------------------------------------------------------------------------
def break_cycles(nodes: Sequence[Hashable], pairs: list[tuple[Hashable, Hashable]],
                  roots: Sequence[Hashable]) -> set[tuple[Hashable, Hashable]]:
    succ: dict[Hashable, list[Hashable]] = {v: [] for v in nodes}
    for a, b in pairs:
        succ[a].append(b)
    state: dict[Hashable, int] = {}  # 1 on the stack, 2 done
    root_set = set(roots)
    back = {(a, b) for a, b in pairs if b in root_set}  # layer 0 holds the roots: edges into them run backwards
    for start in [*roots, *nodes]:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]))]
        while stack:
            v, it = stack[-1]
            for w in it:
                if (v, w) in back:
                    continue
                if state.get(w) == 1:
                    back.add((v, w))
                elif w not in state:
                    state[w] = 1
                    stack.append((w, iter(succ[w])))
                    break
            else:
                state[v] = 2
                stack.pop()
    return back


# ---- 2. layering --------------------------------------------------------------------------------------------------
def layers(nodes: Sequence[Hashable], dag: list[tuple[Hashable, Hashable]], roots: Sequence[Hashable],
            to_last: Sequence[Hashable]) -> dict[Hashable, int]:
    preds: dict[Hashable, list[Hashable]] = {v: [] for v in nodes}
    succ: dict[Hashable, list[Hashable]] = {v: [] for v in nodes}
    for a, b in dag:
        preds[b].append(a)
        succ[a].append(b)
    first = 1 if roots else 0
    root_set = set(roots)
    layer: dict[Hashable, int] = {}
    indeg = {v: len(preds[v]) for v in nodes}
    queue = [v for v in nodes if indeg[v] == 0]
    while queue:  # Kahn's order: every predecessor is placed before its successors
        nxt = []
        for v in queue:
            layer[v] = 0 if v in root_set else max([first, *(layer[p] + 1 for p in preds[v])])
            for w in succ[v]:
                indeg[w] -= 1
                if indeg[w] == 0:
                    nxt.append(w)
        queue = nxt
    # pull the to_last nodes right, in the order given: a sink to the last layer, a node whose successors are all
    # further right to just before the nearest of them
    last = max(layer.values(), default=0)
    for v in to_last:
        if v not in layer or v in root_set:
            continue
        layer[v] = max(layer[v], min((layer[w] for w in succ[v]), default=last + 1) - 1)
    return layer


def add_dummies(nodes: Sequence[Hashable], dag: list[tuple[Hashable, Hashable]], layer: dict[Hashable, int]
                 ) -> tuple[dict[Hashable, int], dict[tuple[Hashable, Hashable], list[Hashable]]]:
    items: dict[Hashable, int] = {v: layer[v] for v in nodes}
    chains: dict[tuple[Hashable, Hashable], list[Hashable]] = {}
    for a, b in dag:
        chain: list[Hashable] = [a]
        for k in range(layer[a] + 1, layer[b]):
            d = Dummy(a, b, k)
            items[d] = k
            chain.append(d)
        chain.append(b)
        chains[(a, b)] = chain
    return items, chains


@dataclass(frozen=True, slots=True)
class Dummy:
    """A bend point of the long edge a -> b in layer k."""

    a: Hashable
    b: Hashable
    k: int


# ---- 3. ordering --------------------------------------------------------------------------------------------------
def _crossings_between(upper: dict[Hashable, int], lower: dict[Hashable, int],
                       hops: list[tuple[Hashable, Hashable]]) -> int:
    """Crossings of the hops between two adjacent layers: inversions of the lower ends, sorted by upper ends."""
    ends = sorted((upper[a], lower[b]) for a, b in hops)
    tree = [0] * (len(lower) + 1)
    count = 0
    for seen, (_, j) in enumerate(ends):
        k, le = j + 1, 0
        while k > 0:  # how many of the earlier hops end at or above j
            le += tree[k]
            k -= k & -k
        count += seen - le
        k = j + 1
        while k <= len(lower):
            tree[k] += 1
            k += k & -k
    return count


def order(rows: list[list[Hashable]], hops: list[tuple[Hashable, Hashable]], groups: list[list[Hashable]],
           index: dict[Hashable, int]) -> tuple[list[list[Hashable]], int]:
    where = {v: k for k, row in enumerate(rows) for v in row}
    between: list[list[tuple[Hashable, Hashable]]] = [[] for _ in range(max(len(rows) - 1, 0))]
    up: dict[Hashable, list[Hashable]] = {v: [] for v in where}
    down: dict[Hashable, list[Hashable]] = {v: [] for v in where}
    for a, b in hops:
        between[where[a]].append((a, b))
        down[a].append(b)
        up[b].append(a)
    rank = {v: (index.get(v, len(index)), str(v)) for v in where}
    rows = [_constrain(sorted(row, key=lambda v: rank[v]), groups) for row in rows]

    def total(rs: list[list[Hashable]]) -> tuple[int, list[int]]:
        ps = [{v: i for i, v in enumerate(r)} for r in rs]
        per = [_crossings_between(ps[k], ps[k + 1], between[k]) for k in range(len(between))]
        return sum(per), per

    def sweep(rs: list[list[Hashable]], order: range, nbrs: dict[Hashable, list[Hashable]], step: int) -> None:
        for k in order:
            ref = {v: i for i, v in enumerate(rs[k - step])}
            cur = {v: i for i, v in enumerate(rs[k])}

            def bary(v: Hashable, ref: dict[Hashable, int] = ref, cur: dict[Hashable, int] = cur) -> float:
                ns = nbrs[v]
                return sum(ref[n] for n in ns) / len(ns) if ns else float(cur[v])
            rs[k] = _constrain(sorted(rs[k], key=lambda v: (bary(v), cur[v])), groups)

    best, best_rows = total(rows)[0], [list(r) for r in rows]
    for _ in range(ORDER_SWEEPS):
        if best == 0:
            break
        sweep(rows, range(1, len(rows)), up, 1)
        sweep(rows, range(len(rows) - 2, -1, -1), down, -1)
        _transpose(rows, up, down, groups)
        c = total(rows)[0]
        if c < best:
            best, best_rows = c, [list(r) for r in rows]
    return best_rows, best


def _constrain(row: list[Hashable], groups: list[list[Hashable]]) -> list[Hashable]:
    """Put each group's members back into the slots they occupy, in the group's order."""
    for g in groups:
        members = set(g)
        slots = [i for i, v in enumerate(row) if v in members]
        if len(slots) > 1:
            in_row = set(row[i] for i in slots)
            for i, v in zip(slots, [v for v in g if v in in_row], strict=True):
                row[i] = v
    return row


def _transpose(rows: list[list[Hashable]], up: dict[Hashable, list[Hashable]],
               down: dict[Hashable, list[Hashable]], groups: list[list[Hashable]]) -> None:
    """Swap adjacent items of a layer while that removes crossings with both neighbouring layers."""
    grouped = {v for g in groups for v in g}
    for k, row in enumerate(rows):
        if len(row) > TRANSPOSE_MAX or len(row) < 2:
            continue
        near = [{v: i for i, v in enumerate(rows[j])} if 0 <= j < len(rows) else {} for j in (k - 1, k + 1)]

        def cross(u: Hashable, v: Hashable, near: list[dict[Hashable, int]] = near) -> int:
            c = 0
            for ref, nb in zip(near, (up, down), strict=True):
                pu, pv = [ref[n] for n in nb[u]], [ref[n] for n in nb[v]]
                c += sum(1 for i in pu for j in pv if i > j)
            return c
        improved = True
        while improved:
            improved = False
            for i in range(len(row) - 1):
                u, v = row[i], row[i + 1]
                if u in grouped and v in grouped:
                    continue  # both may belong to ordered groups: leave their order alone
                if cross(u, v) > cross(v, u):
                    row[i], row[i + 1] = v, u
                    improved = True


# ---- 4. coordinates -----------------------------------------------------------------------------------------------
def coordinates(rows: list[list[Hashable]], hops: list[tuple[Hashable, Hashable]], node_gap: float,
                 radius: float, has_loop: set[Hashable], loop_room: float) -> dict[Hashable, float]:
    nbrs: dict[Hashable, list[tuple[Hashable, float]]] = {v: [] for r in rows for v in r}
    for a, b in hops:
        w = 1.0 + 3.0 * isinstance(a, Dummy) + 3.0 * isinstance(b, Dummy)  # 1 real-real, 4 one dummy, 7 both
        nbrs[a].append((b, w))
        nbrs[b].append((a, w))

    def gap(a: Hashable, b: Hashable) -> float:
        da, db = isinstance(a, Dummy), isinstance(b, Dummy)
        g = node_gap if not (da or db) else (node_gap / 4 if da and db else max(node_gap / 2, radius + 0.2))
        return g + (loop_room if b in has_loop else 0.0)

    # s grows downwards; y = -s at the end
    s: dict[Hashable, float] = {}
    gaps = [[gap(r[i], r[i + 1]) for i in range(len(r) - 1)] for r in rows]
    for r, g in zip(rows, gaps, strict=True):
        acc = [0.0]
        for x in g:
            acc.append(acc[-1] + x)
        mid = acc[-1] / 2
        for v, a in zip(r, acc, strict=True):
            s[v] = a - mid
    order = list(range(len(rows)))
    for it in range(COORD_SWEEPS):
        for k in order if it % 2 == 0 else order[::-1]:
            r = rows[k]
            want, weight = [], []
            for v in r:
                ns = nbrs[v]
                if ns:
                    tw = sum(w for _, w in ns)
                    want.append(sum(s[n] * w for n, w in ns) / tw)
                    weight.append(tw)
                else:
                    want.append(s[v])
                    weight.append(0.1)
            for v, val in zip(r, _isotonic_with_gaps(want, weight, gaps[k]), strict=True):
                s[v] = val
    return {v: -val + 0.0 for v, val in s.items()}


def _isotonic_with_gaps(want: list[float], weight: list[float], gaps: list[float]) -> list[float]:
    """argmin Σ w_i (s_i − want_i)² subject to s_{i+1} − s_i >= gaps_i (pool adjacent violators)."""
    offset = [0.0]
    for g in gaps:
        offset.append(offset[-1] + g)
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for i, (t, w) in enumerate(zip(want, weight, strict=True)):
        blocks.append([w * (t - offset[i]), w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w2, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w2
            blocks[-1][2] += c
    out: list[float] = []
    for s, w, c in blocks:
        out += [s / w] * int(c)
    return [z + o for z, o in zip(out, offset, strict=True)]
