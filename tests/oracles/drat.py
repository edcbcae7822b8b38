"""An independent forward DRAT checker (small proofs): does a DRAT proof refute a DIMACS CNF?

Each added lemma must be RUP (asserting its negation and unit-propagating over the current clauses gives a
conflict) or RAT on its first literal l (for every clause D containing -l, the lemma plus D without -l is RUP);
deletions remove a clause (unit deletions are ignored, as drat-trim does); the proof must derive the empty
clause. Written from Wetzler, Heule & Hunt, "DRAT-trim" (SAT 2014), sharing no code with the solver.
"""

from __future__ import annotations

from collections import Counter


def parse_dimacs(text: str) -> list[tuple[int, ...]]:
    clauses, cur = [], []
    for line in text.splitlines():
        if not line or line[0] in "cp":
            continue
        for tok in line.split():
            v = int(tok)
            if v == 0:
                clauses.append(tuple(cur))
                cur = []
            else:
                cur.append(v)
    return clauses


class _DB:
    def __init__(self, clauses: list[tuple[int, ...]]) -> None:
        self.clauses: Counter[tuple[int, ...]] = Counter()
        self.by_lit: dict[int, set[tuple[int, ...]]] = {}
        self.units: set[int] = set()
        self.empty = False
        for c in clauses:
            self.add(c)

    def add(self, c: tuple[int, ...]) -> None:
        c = tuple(sorted(set(c)))
        self.clauses[c] += 1
        if len(c) == 1:
            self.units.add(c[0])
        self.empty |= not c
        for lit in c:
            self.by_lit.setdefault(lit, set()).add(c)

    def delete(self, c: tuple[int, ...]) -> None:
        c = tuple(sorted(set(c)))
        if len(c) == 1 or self.clauses[c] == 0:
            return
        self.clauses[c] -= 1
        if self.clauses[c] == 0:
            del self.clauses[c]
            for lit in c:
                self.by_lit[lit].discard(c)

    def propagate(self, assigned: set[int]) -> bool:
        """Unit propagation from ``assigned`` (modified in place); True on a conflict."""
        queue = list(assigned)
        if self.empty:
            return True
        for lit in self.units:
            if -lit in assigned:
                return True
            if lit not in assigned:
                assigned.add(lit)
                queue.append(lit)
        while queue:
            lit = queue.pop()
            for c in list(self.by_lit.get(-lit, ())):
                free = None
                n_free = 0
                sat = False
                for x in c:
                    if x in assigned:
                        sat = True
                        break
                    if -x not in assigned:
                        n_free += 1
                        free = x
                        if n_free > 1:
                            break
                if sat or n_free > 1:
                    continue
                if n_free == 0:
                    return True
                assigned.add(free)
                queue.append(free)
        return False

    def rup(self, lemma: tuple[int, ...]) -> bool:
        assigned = {-x for x in lemma}
        if any(-x in assigned for x in assigned):
            return True  # a tautology
        return self.propagate(assigned)


def check(cnf_text: str, proof_text: str) -> bool:
    """True iff the proof refutes the formula (derives the empty clause by valid RUP/RAT steps)."""
    db = _DB(parse_dimacs(cnf_text))
    if db.rup(()):
        return True
    for line in proof_text.splitlines():
        tok = line.split()
        if not tok or tok[0] == "c":
            continue
        if tok[0] == "d":
            db.delete(tuple(int(t) for t in tok[1:-1]))
            continue
        lemma = tuple(int(t) for t in tok[:-1])
        if not db.rup(lemma):
            if not lemma:
                return False
            pivot = lemma[0]
            for d in list(db.by_lit.get(-pivot, ())):
                if not db.rup(lemma + tuple(x for x in d if x != -pivot)):
                    return False
        if not lemma:
            return True
        db.add(lemma)
    return db.rup(())
