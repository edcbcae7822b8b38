"""Run many ``neurosim`` command lines in one process, under the limits its parent set, and report each as JSON.

Used by ``tests/cli/test_bad_inputs.py``: the parent starts ``python tests/cli/bad_input_driver.py`` with
``resource.setrlimit`` ceilings on address space and CPU time and feeds it the cases as JSON on stdin; one
process for all cases keeps the suite fast (the imports are paid once). For each case this records the exit
status, stdout and stderr, whether a Python exception escaped the command line, the CPU seconds it took, and
the files it left in its working folder.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import time
import traceback


def run_case(cli, args: list[str], cwd: str) -> dict:
    before = set(os.listdir(cwd))
    out_buf = io.BytesIO()
    out = io.TextIOWrapper(out_buf, encoding="utf-8", write_through=True)
    err = io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    os.chdir(cwd)
    code, escaped = None, None
    t0 = time.process_time()
    try:
        cli.main(args=args, prog_name="neurosim")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # anything that is not an exit is a traceback the user would have seen
        escaped = traceback.format_exc()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    cpu = time.process_time() - t0
    return {"args": args, "code": code, "stdout": out_buf.getvalue().decode("utf-8", "replace")[:4000],
            "stderr": err.getvalue()[:4000], "escaped": escaped, "cpu": cpu,
            "left": sorted(set(os.listdir(cwd)) - before),
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    cases = json.load(sys.stdin)
    from neurosim_cli.main import cli

    results = {}
    for case in cases:
        results[case["name"]] = run_case(cli, case["args"], case["cwd"])
    sys.stdout.write(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
