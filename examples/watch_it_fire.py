"""Watch a net fire: the binary-divisible-by-3 DFA net reading 1001 (= 9), and the latch set and reset, as GIFs.

    python examples/watch_it_fire.py [OUT_DIR]

Writes ``OUT_DIR/div3_1001.gif`` and ``OUT_DIR/latch.html`` (a player page): firing units lit tick by tick, the
symbol read and the tick shown, vetoes marked when they silence a unit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim import examples
from neurosim.automata import compile_dfa
from neurosim.draw import animate_rows, animate_word, trace_frames
from neurosim.io import load_dfa, load_net, save_animation


def main(out: Path) -> list[str]:
    lines: list[str] = []
    net = compile_dfa(load_dfa(examples.path("div3.json"))).net
    save_animation(animate_word(net, tuple("1001")), out / "div3_1001.gif")
    lines.append(f"wrote {out / 'div3_1001.gif'}: {len(net.units)} units reading 1001, accepted at tick 5")
    latch = load_net(examples.path("nets/latch.json"))
    rows = [[1, 0], [0, 0], [0, 0], [0, 1], [0, 0]]
    anim = animate_rows(latch, rows)
    save_animation(anim, out / "latch.html")
    from neurosim.core import run

    vetoed = [f.tick for f in trace_frames(run(latch, rows)) if f.vetoed]
    lines.append(f"wrote {out / 'latch.html'}: set at tick 0, held, reset at tick 3 (vetoed at ticks {vetoed})")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
