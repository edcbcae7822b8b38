"""The long fuzz run of every reader (not collected by pytest): ``python -m tests.io.fuzz_long [--examples N]``.

Runs the strategies of :mod:`tests.oracles.fuzzing` (mutated valid files, random JSON values inside valid
documents, random bytes) with N examples per parser and strategy, records every exception that is not a
``NeurosimError`` instead of stopping at the first, and prints one row per parser: inputs tried, accepted,
refused with a neurosim error, escaped (anything else), and the distinct escapes. Exit status 1 when anything
escaped. ``--json`` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from neurosim.errors import NeurosimError
from tests.oracles.fuzzing import JSON_PARSERS, PARSERS, json_docs, mutated


def fuzz(name: str, examples: int) -> dict:
    call = PARSERS[name][0]
    stats = Counter()
    escapes: Counter = Counter()

    def one(data) -> None:
        stats["tried"] += 1
        try:
            call(data)
            stats["accepted"] += 1
        except NeurosimError:
            stats["refused"] += 1
        except Exception as exc:  # the finding: record where it came from
            stats["escaped"] += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            escapes[f"{type(exc).__name__} at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}"] += 1

    strategies = [mutated(name, max_edits=8)]
    if name in JSON_PARSERS:
        strategies.append(json_docs(name))
    if name not in ("words", "word_arg", "simulate_rows", "pla", "csv_table", "logisim"):
        strategies.append(st.binary(max_size=400))
    for strategy in strategies:
        run = settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                       suppress_health_check=list(HealthCheck))(given(strategy)(one))
        run()
    return {"parser": name, **{k: stats[k] for k in ("tried", "accepted", "refused", "escaped")},
            "escapes": dict(escapes)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=3000, help="examples per parser and strategy")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--only", default=None, help="comma-separated parser names")
    args = ap.parse_args(argv)
    names = args.only.split(",") if args.only else sorted(PARSERS)
    rows = []
    t0 = time.perf_counter()
    for name in names:
        t = time.perf_counter()
        rows.append({**fuzz(name, args.examples), "seconds": round(time.perf_counter() - t, 1)})
        if not args.json:
            r = rows[-1]
            print(f"{r['parser']:14} tried {r['tried']:7,}  accepted {r['accepted']:6,}  refused {r['refused']:7,}  "
                  f"escaped {r['escaped']:4}  ({r['seconds']} s) {r['escapes'] or ''}", flush=True)
    total = {k: sum(r[k] for r in rows) for k in ("tried", "accepted", "refused", "escaped")}
    if args.json:
        print(json.dumps({"parsers": rows, "total": total, "seconds": round(time.perf_counter() - t0, 1)}))
    else:
        print(f"{'all':14} tried {total['tried']:7,}  accepted {total['accepted']:6,}  refused {total['refused']:7,}  "
              f"escaped {total['escaped']:4}  ({time.perf_counter() - t0:.0f} s)")
    return 1 if total["escaped"] else 0


if __name__ == "__main__":
    sys.exit(main())
