"""Rewrite the golden outputs from the installed ``neurosim`` command: ``python tests/golden/regen.py``.

Run it only when a change of output is intended, and read the diff of ``tests/golden/*.out`` before committing.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def commands() -> list[tuple[str, list[str]]]:
    out = []
    for line in (HERE / "commands.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, args = line.partition("|")
        out.append((name.strip(), shlex.split(args)))
    return out


def main() -> int:
    for name, args in commands():
        exe = str(Path(sys.executable).parent / "neurosim")
        res = subprocess.run([exe, *args], cwd=ROOT, capture_output=True, check=False)
        (HERE / f"{name}.out").write_bytes(res.stdout)
        print(f"{name}: exit {res.returncode}, {len(res.stdout)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
