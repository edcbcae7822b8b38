"""The perceptron tour: AND, OR and NAND learned, XOR refused with its certificate, a 2-D cloud's boundary.

    python examples/perceptron_examples.py [OUT_DIR]

Writes OUT_DIR/cloud2d_boundary.png (default: the current folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

from neurosim import examples
from neurosim.draw.perceptron import perceptron_figure
from neurosim.io.datasets import load_dataset
from neurosim.learn.perceptron import Perceptron
from neurosim.learn.separability import check_separability
from neurosim.learn.threshold_count import count_threshold_functions


def load(name: str):
    return load_dataset(examples.path(name).read_text(), source=name)


def main(out: Path) -> None:
    for name in ("and.csv", "or.csv", "nand.csv"):
        ds = load(name)
        clf = Perceptron().fit(ds.X, ds.y)
        print(f"{name}: converged in {clf.n_iter_} epochs, w = {clf.coef_.tolist()}, b = {clf.intercept_}")
    ds = load("xor.csv")
    clf = Perceptron().fit(ds.X, ds.y)
    cert = check_separability(ds.X, ds.y).certificate
    pos = " + ".join(f"{c}·x{r}" for r, c in sorted(cert.positive.items()))
    neg = " + ".join(f"{c}·x{r}" for r, c in sorted(cert.negative.items()))
    print(f"xor.csv: cycles after {clf.n_iter_} epochs; not separable: {pos} = {neg} "
          f"= ({', '.join(map(str, cert.point))})")
    ds = load("cloud2d.csv")
    clf = Perceptron().fit(ds.X, ds.y)
    res = check_separability(ds.X, ds.y)
    print(f"cloud2d.csv: {clf.n_mistakes_} mistakes (Novikoff bound {res.novikoff:.1f}), "
          f"max L2 margin {res.margin:.4f}")
    fig = perceptron_figure(ds.X, ds.y, clf.coef_, clf.intercept_, clf.mistakes_per_epoch_,
                            title="cloud2d.csv", novikoff=res.novikoff)
    fig.savefig(out / "cloud2d_boundary.png")
    counts = [count_threshold_functions(n).count for n in range(5)]
    print(f"threshold functions of 0..4 inputs: {counts}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
