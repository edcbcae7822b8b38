"""``neurosim separable`` and ``neurosim perceptron``: exact separability with proofs, and Rosenblatt training."""

from __future__ import annotations

import json
import math
import time
import warnings
from pathlib import Path
from typing import Any

import click

from neurosim.errors import ConvergenceWarning
from neurosim.io import Dataset, load_dataset
from neurosim.learn import ORDERS

from .common import atomic_write, emit_json, json_option, log, output_option, progress_callback, read_input, settings

__all__ = ["demo", "perceptron_cmd", "separable_cmd"]


def _load(path: str, label: str | None) -> Dataset:
    return load_dataset(read_input(path), label=label)


def _labels(ds: Dataset) -> Any:
    return ds.y_codes  # codes keep any two labels in the order of ds.classes (classes[1] positive)


def _num(v: Any) -> float | int:
    f = float(v)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def _bound(v: float | None, exact: Any) -> float | str | None:
    """Novikoff's bound for JSON: the float, or past the float range the exact value in scientific notation."""
    if v is None or math.isfinite(v):
        return v
    from decimal import Context

    ctx = Context(prec=17)
    return format(ctx.divide(ctx.create_decimal(exact.numerator), ctx.create_decimal(exact.denominator)), ".16e")


def _bound_text(v: float, exact: Any) -> str:
    if math.isfinite(v):
        return f"{v:.6g}"
    mant, _, exp = str(_bound(v, exact)).partition("e")
    return f"{float(mant):.6g}e{int(exp):+d}"


def _separable_json(ds: Dataset, res: Any) -> dict[str, Any]:
    if res.separable:
        return {"separable": True, "weights": [float(v) for v in res.weights], "bias": float(res.bias),
                "exact_weights": [str(v) for v in res.exact_weights], "exact_bias": str(res.exact_bias),
                "margin": float(res.margin), "margin_norm": res.margin_norm,
                "novikoff_bound": _bound(res.novikoff, res.novikoff_exact),
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
@click.option("--all-functions", "all_functions", type=click.IntRange(0, 6), default=None,
              help="Instead of DATA: classify every Boolean function of N ≤ 6 inputs as threshold or not, each "
                   "verdict proven (runs on --scheduler).")
@output_option("With --all-functions: write the certificates (one line per class) to this file.")
@click.option("--check-certificates", "check_file", metavar="FILE|-", default=None,
              help="Instead of DATA: check a certificates file from --all-functions -o from scratch; exit 1 if "
                   "it is wrong.")
def separable_cmd(data: str | None, label: str | None, check: bool, as_json: bool, all_functions: int | None,
                  output: str | None, check_file: str | None) -> None:
    """Decide exactly whether DATA (CSV: header, features, label) is linearly separable, with a proof.

    Every number is read exactly as written (0.29 is 29/100), and the verdict is proved in exact arithmetic.
    A separable set gets the maximum-margin hyperplane w·x + b, exactly, with its geometric margin and
    Novikoff's bound on the perceptron's mistakes; a non-separable one gets a certificate: exact fractions on
    some rows of each class, each side summing to 1, with the same weighted sum (a point in both convex
    hulls). Rows are numbered from 0. Truth-table CSV files work too.

    --all-functions N classifies all 2^(2^N) functions of N inputs: the monotone ones are grouped into classes
    under input permutation and duality, each class gets integer weights or a proof that it is not threshold
    (a non-threshold restriction, a 2-summable pair, a Farkas certificate), and the rest fail unateness.

    \b
    Examples:
      neurosim separable examples/and.csv
      neurosim separable examples/xor.csv --json     # 1/2·row 1 + 1/2·row 2 = 1/2·row 0 + 1/2·row 3
      neurosim separable examples/xor.csv --check    # exit status 1
      neurosim separable --all-functions 4           # 1882 of 65536, with proofs
      neurosim separable --all-functions 5 --json -o census5.txt
      neurosim separable --check-certificates census5.txt
      neurosim --scheduler processes separable --all-functions 6
    """
    from neurosim.learn import check_separability

    ctx = click.get_current_context()
    if sum(v is not None for v in (data, all_functions, check_file)) > 1:
        raise click.UsageError("give one of DATA, --all-functions N or --check-certificates FILE")
    if output is not None and all_functions is None:
        raise click.UsageError("-o writes the certificates of --all-functions N")
    if all_functions is not None:
        _census(all_functions, as_json, output)
        return
    if check_file is not None:
        if not _check_certificates(check_file, as_json):
            ctx.exit(1)
        return
    if data is None:
        raise click.UsageError("missing DATA (a CSV file, or - for stdin), or --all-functions N")
    ds = _load(data, label)
    res = check_separability(ds.exact, _labels(ds))  # the numbers as written: 0.29 is 29/100
    if as_json:
        emit_json(_separable_json(ds, res))
    elif res.separable:
        w = ", ".join(f"{n}={_num(v):.6g}" for n, v in zip(ds.feature_names, res.weights, strict=True))
        click.echo(f"separable: yes (positive class {ds.classes[1]!r})")
        click.echo(f"plane: {w}, bias={res.bias:.6g}")
        exact = " + ".join(f"({v})·{n}" for n, v in zip(ds.feature_names, res.exact_weights, strict=True))
        click.echo(f"exact plane: {exact} + ({res.exact_bias}) = 0, every row scoring ≥ 1 on its side")
        click.echo(f"margin: {res.margin:.6g} (geometric L2: the largest of any plane, proved exactly)")
        if res.novikoff is not None:
            click.echo(f"novikoff bound: {_bound_text(res.novikoff, res.novikoff_exact)} mistakes")
    else:
        click.echo(f"separable: no (positive class {ds.classes[1]!r})")
        click.echo(f"certificate: {_certificate_text(ds, res)}  (checked exactly)")
    if check and not res.separable:
        ctx.exit(1)


def _census(n: int, as_json: bool, output: str | None) -> None:
    from neurosim.learn import threshold_census

    t0 = time.perf_counter()
    census = threshold_census(n, scheduler=settings().get_scheduler(), progress=progress_callback("census"))
    log(f"census of {n} inputs: {time.perf_counter() - t0:.2f} s on {settings().get_scheduler().name}")
    if output is not None:
        from neurosim.io import certificates_to_text

        atomic_write(output, certificates_to_text(census.certificate()))
        log(f"wrote the certificates of {len(census.classes)} classes to {output}")
    s = census.summary()
    if as_json:
        emit_json({**s, "certificates": output})
        return
    p = s["proofs"]
    click.echo(f"{s['count']} of {s['functions']} Boolean functions of {n} inputs are threshold functions "
               "(every verdict proved and checked)")
    click.echo(f"classes: {s['classes']} of the {s['monotone']} monotone functions under input permutation and "
               f"duality; {s['unate']} unate functions")
    click.echo(f"proofs: weights {p['weights']}, not unate {p['not_unate']}, restriction {p['restriction']}, "
               f"pair {p['pair']}, farkas {p['farkas']}")


def _check_certificates(path: str, as_json: bool) -> bool:
    from neurosim.io import read_certificates
    from neurosim.learn import check_certificates

    src = read_input(path)
    res = check_certificates(read_certificates(src))
    if as_json:
        emit_json({"accepted": res.accepted, "problem": res.problem, "counts": res.counts})
    elif res.accepted:
        c = res.counts
        click.echo(f"accepted: {src.name}: {c['threshold']} of {c['functions']} functions are threshold, "
                   f"{c['classes']} classes, every proof checked")
    else:
        click.echo(f"rejected: {src.name}: {res.problem}")
    return res.accepted


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
    y = _labels(ds)
    clf = Perceptron(lr=lr, max_epochs=epochs, order=order, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # reported below as converged: false
        clf.fit(ds.X, y)
    verdict = check_separability(ds.exact, y)
    bound = verdict.novikoff if verdict.separable else None
    weights = [_num(v) for v in clf.coef_]
    out = {"converged": bool(clf.converged_), "epochs": int(clf.n_iter_), "mistakes": int(clf.n_mistakes_),
           "novikoff_bound": _bound(bound, verdict.novikoff_exact), "weights": weights,
           "bias": _num(clf.intercept_), "cycle": bool(clf.cycle_),
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
        b = "n/a (not separable)" if bound is None else _bound_text(bound, verdict.novikoff_exact)
        click.echo(f"mistakes: {clf.n_mistakes_} (Novikoff bound {b})")
        w = ", ".join(f"{n}={v:.6g}" for n, v in zip(ds.feature_names, weights, strict=True))
        click.echo(f"weights: {w}, bias={_num(clf.intercept_):.6g}")
    if plot:
        _write_plot(plot, ds, clf, bound)
        log(f"wrote {plot}")


def _write_plot(path: str, ds: Dataset, clf: Any, bound: float | None) -> None:
    from neurosim.draw import perceptron_figure
    from neurosim.io import save_figure

    fig = perceptron_figure(ds.X, ds.y_codes, clf.coef_.astype(float), float(clf.intercept_),
                            clf.mistakes_per_epoch_, title=Path(ds.source).name, novikoff=bound)
    save_figure(fig, path)


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
    res = check_separability(ds.exact, ds.y_codes)
    clf = Perceptron().fit(ds.X, ds.y_codes)
    (out / "xor_certificate.json").write_text(json.dumps(_separable_json(ds, res), indent=2) + "\n")
    lines.append(f"XOR refused: perceptron cycles after {clf.n_iter_} epochs; certificate "
                 f"{_certificate_text(ds, res)} -> xor_certificate.json")
    ds = load_dataset(examples.path("cloud2d.csv"), source="cloud2d.csv")
    clf = Perceptron().fit(ds.X, ds.y_codes)
    verdict = check_separability(ds.exact, ds.y_codes)
    _write_plot(str(out / "perceptron_cloud2d.png"), ds, clf, verdict.novikoff)
    lines.append(f"cloud2d: converged in {clf.n_iter_} epochs with {clf.n_mistakes_} mistakes "
                 f"(Novikoff bound {verdict.novikoff:.1f}) -> perceptron_cloud2d.png")
    return lines
