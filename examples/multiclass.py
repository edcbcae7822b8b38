"""More than two classes: one-vs-rest perceptrons and a softmax MLP on synthetic iris-like petal measurements
(``petals.csv``: petal_length, petal_width, species), drawn with shaded decision regions named after the columns.

    python examples/multiclass.py [OUT_DIR]

Writes ``OUT_DIR/petals_perceptron.png`` and ``OUT_DIR/petals_mlp.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from neurosim import examples
from neurosim.draw import mlp_figure, perceptron_figure
from neurosim.io import load_dataset, save_figure
from neurosim.learn import MLPClassifier, OneVsRestPerceptron


def main(out: Path) -> list[str]:
    lines: list[str] = []
    ds = load_dataset(examples.path("petals.csv"))
    ovr = OneVsRestPerceptron(max_epochs=200).fit(ds.X, ds.y_codes)
    acc = float(np.mean(ovr.predict(ds.X) == ds.y_codes))
    lines.append(f"one-vs-rest perceptrons: training accuracy {acc:.1%}; separable from the rest: "
          f"{dict(zip(ds.classes, ovr.separable_.tolist(), strict=True))}")
    save_figure(perceptron_figure(ds.X, ds.y_codes, ovr.coef_, ovr.intercept_, (), title="petals.csv: one vs rest",
                                  feature_names=ds.feature_names, classes=ds.classes), out / "petals_perceptron.png")
    mlp = MLPClassifier(hidden_layer_sizes=(6,), loss="cross_entropy", lr=0.5, momentum=0.9, max_epochs=600,
                        random_state=0).fit(ds.X, ds.y_codes)
    lines.append(f"softmax MLP 2-6-3: training accuracy {float(np.mean(mlp.predict(ds.X) == ds.y_codes)):.1%}")
    save_figure(mlp_figure(mlp, ds.X, ds.y_codes, feature_names=ds.feature_names, class_names=ds.classes,
                           title="petals.csv: softmax MLP"), out / "petals_mlp.png")
    lines.append(f"wrote {out / 'petals_perceptron.png'} and {out / 'petals_mlp.png'}")
    return lines


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))))
