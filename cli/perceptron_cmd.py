"""``neurosim separable`` and ``neurosim perceptron``: exact separability with proofs, and Rosenblatt training."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path
from typing import Any

import click

from neurosim.errors import ConvergenceWarning
from neurosim.io import Dataset, load_dataset
from neurosim.learn import ORDERS

from .common import emit_json, json_option, log, read_input, settings

__all__ = ["demo", "perceptron_cmd", "separable_cmd"]


def _load(path: str, label: str | None) -> Dataset:
    return load_dataset(read_input(path), label=label)


def _labels(ds: Dataset) -> Any:
    return ds.y_codes  # codes keep any two labels in the order of ds.classes (classes[1] positive)


def _num(v: Any) -> float | int:
    f = float(v)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def _separable_json(ds: Dataset, res: Any) -> dict[str, Any]:
    if res.separable:
        return {"separable": True, "weights": [float(v) for v in res.weights], "bias": float(res.bias),
                "margin": float(res.margin), "margin_norm": res.margin_norm, "novikoff_bound": res.novikoff,
                "positive_class": ds.classes[1], "features": list(ds.feature_names)}
    cert = res.certificate
    return {"separable": False,
            "certificate": {"positive": {str(ds.rows[k]): str(v) for k, v in sorted(cert.positive.items())},
                            "negative": {str(ds.rows[k]): str(v) for k, v in sorted(cert.negative.items())},
                            "point": [str(v) for v in cert.point]},
            "positive_class": ds.classes[1], "features": list(ds.feature_names)}


def _certificate_text(ds: Dataset, res: Any) -> str:
    cert = res.certificate

    def side(coeffs: dict) -> str:
        return " + ".join(f"{v}·row {ds.rows[k]}" for k, v in sorted(coeffs.items()))

    point = ", ".join(str(v) for v in cert.point)
    return f"{side(cert.positive)} = {side(cert.negative)} = ({point})"


@click.command("separable")
@click.argument("data", required=False)
@click.option("--label", default=None, help="Name of the label column (default: the last column).")
@click.option("--check", is_flag=True, help="Exit with status 1 when the data are not linearly separable.")
@json_option("Print the verdict and its proof as one JSON object.")
@click.option("--all-functions", "all_functions", type=click.IntRange(0, 4), default=None,
              help="Instead of DATA: count the threshold functions of N inputs (N ≤ 4), each with a proof.")
def separable_cmd(data: str | None, label: str | None, check: bool, as_json: bool,
                  all_functions: int | None) -> None:
    """Decide exactly whether DATA (CSV: header, features, label) is linearly separable, with a proof.

    A separable set gets a hyperplane w·x + b checked on every row, with its geometric margin (the maximum
    L2 margin) and Novikoff's bound on the perceptron's mistakes; a non-separable one gets a certificate:
    exact fractions on some rows of each class, each side summing to 1, with the same weighted sum (a point in
    both convex hulls). Rows are numbered from 0. Truth-table CSV files work too.

    \b
    Examples:
      neurosim separable examples/and.csv
      neurosim separable examples/xor.csv --json     # 1/2·row 1 + 1/2·row 2 = 1/2·row 0 + 1/2·row 3
      neurosim separable examples/xor.csv --check    # exit status 1
      neurosim separable --all-functions 4           # 1882 of 65536, with proofs
    """
    from neurosim.learn import check_separability, count_threshold_functions

    ctx = click.get_current_context()
    if all_functions is not None:
        if data is not None:
            raise click.UsageError("give either DATA or --all-functions N, not both")
        t0 = time.perf_counter()
        res = count_threshold_functions(all_functions, backend=settings().get_backend())
        seconds = time.perf_counter() - t0
        total = 2 ** (2**all_functions)
        if as_json:
            emit_json({"n": all_functions, "count": res.count, "functions": total, "seconds": seconds,
                       "proofs_checked": total})
        else:
            click.echo(f"{res.count} of {total} Boolean functions of {all_functions} inputs are threshold "
                       f"functions ({seconds:.3f} s, every verdict proved and checked)")
        return
    if data is None:
        raise click.UsageError("missing DATA (a CSV file, or - for stdin), or --all-functions N")
    ds = _load(data, label)
    res = check_separability(ds.X, _labels(ds))
    if as_json:
        emit_json(_separable_json(ds, res))
    elif res.separable:
        w = ", ".join(f"{n}={_num(v):.6g}" for n, v in zip(ds.feature_names, res.weights, strict=True))
        click.echo(f"separable: yes (positive class {ds.classes[1]!r})")
        click.echo(f"plane: {w}, bias={res.bias:.6g}")
        click.echo(f"margin: {res.margin:.6g} (geometric L2, {res.margin_norm} max-margin plane, "
                   "checked on every row)")
        if res.novikoff is not None:
            click.echo(f"novikoff bound: {res.novikoff:.6g} mistakes")
    else:
        click.echo(f"separable: no (positive class {ds.classes[1]!r})")
        click.echo(f"certificate: {_certificate_text(ds, res)}  (checked exactly)")
    if check and not res.separable:
        ctx.exit(1)


@click.command("perceptron")
@click.argument("data")
@click.option("--label", default=None, help="Name of the label column (default: the last column).")
@click.option("--epochs", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Epoch limit; stopping there is still a successful run.")
@click.option("--lr", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Learning rate η (integer data with an integer η train in exact integer arithmetic).")
@click.option("--order", type=click.Choice(ORDERS), default="fixed", show_default=True,
              help="Presentation order: the file's, or a seeded shuffle each epoch (--seed).")
@click.option("--plot", "plot", type=click.Path(dir_okay=False), default=None,
              help="Write a figure (PNG/SVG/PDF by suffix): the boundary for 2-D data and mistakes per epoch.")
@json_option("Print the outcome as one JSON object.")
def perceptron_cmd(data: str, label: str | None, epochs: int, lr: float, order: str, plot: str | None,
                   as_json: bool) -> None:
    """Train Rosenblatt's perceptron on DATA (CSV: header, features, label) until a mistake-free epoch.

    Prints whether it converged, the epochs, the total number of updates against Novikoff's bound (R/γ)²,
    and the weights. In a fixed order with integer data, a repeated weight vector proves the rule cycles
    forever (so the data are not separable): the run stops and says so. Not converging is not an error.

    \b
    Examples:
      neurosim perceptron examples/and.csv
      neurosim perceptron examples/xor.csv --json            # "cycle": true
      neurosim --seed 1 perceptron examples/cloud2d.csv --order shuffle --plot cloud.png
    """
    from neurosim.learn import Perceptron, check_separability

    ds = _load(data, label)
    seed = None
    if order == "shuffle":
        seed = settings().resolved_seed()
        log(f"seed: {seed}")
    if len(ds.classes) > 2:
        _one_vs_rest(ds, lr, epochs, order, seed, plot, as_json)
        return
    y = _labels(ds)
    clf = Perceptron(lr=lr, max_epochs=epochs, order=order, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # reported below as converged: false
        clf.fit(ds.X, y)
    verdict = check_separability(ds.X, y)
    bound = verdict.novikoff if verdict.separable else None
    weights = [_num(v) for v in clf.coef_]
    out = {"converged": bool(clf.converged_), "epochs": int(clf.n_iter_), "mistakes": int(clf.n_mistakes_),
           "novikoff_bound": bound, "weights": weights, "bias": _num(clf.intercept_), "cycle": bool(clf.cycle_),
           "separable": bool(verdict.separable), "mistakes_per_epoch": [int(m) for m in clf.mistakes_per_epoch_],
           "positive_class": ds.classes[1], "order": order, "seed": seed, "exact": bool(clf.exact_)}
    if as_json:
        emit_json(out)
    else:
        if clf.converged_:
            status = f"converged after {clf.n_iter_} epochs"
        elif clf.cycle_:
            status = f"cycles (weights repeated after {clf.n_iter_} epochs): not linearly separable"
        else:
            status = f"did not converge within {epochs} epochs"
        click.echo(f"perceptron: {status}")
        b = "n/a (not separable)" if bound is None else f"{bound:.6g}"
        click.echo(f"mistakes: {clf.n_mistakes_} (Novikoff bound {b})")
        w = ", ".join(f"{n}={v:.6g}" for n, v in zip(ds.feature_names, weights, strict=True))
        click.echo(f"weights: {w}, bias={_num(clf.intercept_):.6g}")
    if plot:
        _write_plot(plot, ds, clf, bound)
        log(f"wrote {plot}")


def _write_plot(path: str, ds: Dataset, clf: Any, bound: float | None) -> None:
    from neurosim.draw import perceptron_figure
    from neurosim.io import save_figure
    from neurosim.learn import PocketPerceptron

    pocket = None
    if not clf.converged_:  # no line separates the data: show the best one the rule met, too
        pk = PocketPerceptron(lr=clf.lr, max_epochs=min(clf.max_epochs, 200)).fit(ds.X, ds.y_codes)
        pocket = (pk.coef_, pk.intercept_, pk.n_errors_)
    fig = perceptron_figure(ds.X, ds.y_codes, clf.coef_.astype(float), float(clf.intercept_),
                            clf.mistakes_per_epoch_, title=Path(ds.source).name, novikoff=bound,
                            feature_names=ds.feature_names, classes=ds.classes, pocket=pocket)
    save_figure(fig, path)


def _one_vs_rest(ds: Dataset, lr: float, epochs: int, order: str, seed: int | None, plot: str | None,
                 as_json: bool) -> None:
    """K > 2 classes: one perceptron per class against the rest (pocket weights where a class is not separable)."""
    from neurosim.learn import OneVsRestPerceptron

    clf = OneVsRestPerceptron(lr=lr, max_epochs=epochs, order=order, random_state=seed).fit(ds.X, ds.y_codes)
    acc = float((clf.predict(ds.X) == ds.y_codes).mean())
    per = [{"class": c, "separable_from_rest": bool(s), "weights": [_num(v) for v in w], "bias": _num(b)}
           for c, s, w, b in zip(ds.classes, clf.separable_, clf.coef_, clf.intercept_, strict=True)]
    if as_json:
        emit_json({"one_vs_rest": per, "training_accuracy": acc, "order": order, "seed": seed})
    else:
        click.echo(f"one-vs-rest perceptrons for {len(ds.classes)} classes: training accuracy {acc:.1%}")
        for r in per:
            how = "separated from the rest" if r["separable_from_rest"] else "not separated (pocket weights)"
            w = ", ".join(f"{n}={v:.6g}" for n, v in zip(ds.feature_names, r["weights"], strict=True))
            click.echo(f"  {r['class']}: {how}; {w}, bias={r['bias']:.6g}")
    if plot:
        from neurosim.draw import perceptron_figure
        from neurosim.io import save_figure

        save_figure(perceptron_figure(ds.X, ds.y_codes, clf.coef_, clf.intercept_, (),
                                      title=f"{Path(ds.source).name}: one vs rest", feature_names=ds.feature_names,
                                      classes=ds.classes), plot)
        log(f"wrote {plot}")


def demo(out: Path, backend: Any) -> list[str]:
    """``neurosim demo``'s part: learn AND/OR/NAND, refuse XOR with its certificate, draw the cloud's boundary.

    Writes ``perceptron_cloud2d.png`` (the boundary and mistakes per epoch) and ``xor_certificate.json``.
    """
    from neurosim import examples
    from neurosim.learn import Perceptron, check_separability

    lines = []
    for name in ("and", "or", "nand"):
        ds = load_dataset(examples.path(f"{name}.csv"), source=f"{name}.csv")
        clf = Perceptron().fit(ds.X, ds.y_codes)
        lines.append(f"perceptron learned {name.upper()} in {clf.n_iter_} epochs ({clf.n_mistakes_} updates): "
                     f"w={[_num(v) for v in clf.coef_]}, b={_num(clf.intercept_)}")
    ds = load_dataset(examples.path("xor.csv"), source="xor.csv")
    res = check_separability(ds.X, ds.y_codes)
    clf = Perceptron().fit(ds.X, ds.y_codes)
    (out / "xor_certificate.json").write_text(json.dumps(_separable_json(ds, res), indent=2) + "\n")
    lines.append(f"XOR refused: perceptron cycles after {clf.n_iter_} epochs; certificate "
                 f"{_certificate_text(ds, res)} -> xor_certificate.json")
    ds = load_dataset(examples.path("cloud2d.csv"), source="cloud2d.csv")
    clf = Perceptron().fit(ds.X, ds.y_codes)
    verdict = check_separability(ds.X, ds.y_codes)
    _write_plot(str(out / "perceptron_cloud2d.png"), ds, clf, verdict.novikoff)
    lines.append(f"cloud2d: converged in {clf.n_iter_} epochs with {clf.n_mistakes_} mistakes "
                 f"(Novikoff bound {verdict.novikoff:.1f}) -> perceptron_cloud2d.png")
    return lines
