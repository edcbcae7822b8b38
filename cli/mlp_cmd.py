"""``neurosim mlp`` (backprop on a CSV data set) and ``neurosim xor`` (the perceptron against many MLPs on XOR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import numpy as np

from neurosim.io import load_dataset, save_figure
from neurosim.learn import HIDDEN_ACTIVATIONS, LOSSES

from .common import (
    FiniteFloat,
    atomic_write,
    emit_json,
    json_option,
    log,
    plot_option,
    progress_callback,
    read_input,
    settings,
)

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_Y = np.array([0, 1, 1, 0])
_CURVES = 8  # loss curves recorded for the figure


def _hidden(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    try:
        sizes = tuple(int(t) for t in text.replace(" ", "").split(",") if t)
    except ValueError:
        raise click.BadParameter(f"expected widths like 4 or 8,4, found {text!r}", param_hint="--hidden") from None
    if not sizes or min(sizes) < 1:
        raise click.BadParameter(f"expected positive widths like 4 or 8,4, found {text!r}", param_hint="--hidden")
    return sizes


#: mlp options a weights file's training state supplies when the command line does not: option -> state field
RESUMED = {"activation": "activation", "loss": "loss", "lr": "lr", "momentum": "momentum",
           "weight_decay": "weight_decay", "batch_size": "batch_size", "tol": "tol"}


def _resume_options(ctx: click.Context, state: Any) -> tuple[dict[str, Any], list[str]]:
    """The options to continue with: the state's, except those named on the command line (listed as changed
    when they differ from the state's)."""
    values, changed = {}, []
    for opt, attr in RESUMED.items():
        mine = getattr(state, attr)
        if ctx.get_parameter_source(opt) is click.core.ParameterSource.DEFAULT:
            values[opt] = mine
        else:
            values[opt] = ctx.params[opt]
            if values[opt] != mine:
                changed.append(f"{opt} {mine} -> {values[opt]}")
    return values, changed


@click.command("mlp")
@click.argument("data")
@click.option("--label", default=None, help="Name of the label column (default: the last column).")
@click.option("--hidden", default=None, help="Hidden layer widths, comma-separated (e.g. 8,4). [default: 2, or "
              "the widths of the --init file]")
@click.option("--activation", type=click.Choice(HIDDEN_ACTIVATIONS), default="sigmoid", show_default=True,
              help="Hidden-unit activation.")
@click.option("--loss", type=click.Choice(tuple(LOSSES)), default="squared", show_default=True,
              help="squared: J = (1/m) Σ ½‖h(x) − y‖²; cross_entropy: log loss (softmax for > 2 classes).")
@click.option("--epochs", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Exactly this many epochs (unless --tol asks for early stopping).")
@click.option("--lr", type=FiniteFloat(min=0, min_open=True), default=0.5, show_default=True,
              help="Learning rate η, the step on the gradient of the mean loss J: W ← W − η[(1/m)ΔW + λW] "
                   "(the same η as 'xor --gradient mean').")
@click.option("--momentum", type=FiniteFloat(0, 1, max_open=True), default=0.0, show_default=True,
              help="Momentum μ in Δw(t) = −η∇J + μΔw(t−1) (0: plain gradient descent), as in 'xor'.")
@click.option("--weight-decay", type=FiniteFloat(min=0), default=0.0, show_default=True,
              help="Weight decay λ on the weights (not the biases).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Mini-batch size (default: the full batch, as the textbook).")
@click.option("--tol", type=FiniteFloat(min=0), default=None,
              help="Stop early when J improves by less than this for 10 epochs running (default: never).")
@click.option("--init", "init_path", default=None, metavar="WEIGHTS.json",
              help="Continue exactly from this weights file: its weights, momentum velocity, shuffling state and "
                   "options (those given here override it); a file with weights only starts from them.")
@click.option("--init-scale", type=FiniteFloat(min=0, min_open=True), default=0.3, show_default=True,
              help="Random initial weights are uniform in ±this.")
@click.option("--regression", is_flag=True, help="Fit the label as a number (identity output) instead of a class.")
@click.option("-o", "--output", default=None, metavar="WEIGHTS.json",
              help='Write the trained weights as {"coefs": [...], "intercepts": [...], "training": {...}} (the '
                   'state --init continues from; "-" for stdout).')
@plot_option("Draw the loss curve (and the boundary for 2-D data) into this PNG/SVG/PDF file.")
@json_option("Print the result as one JSON object (without the loss curve unless --loss-curve).")
@click.option("--loss-curve", "loss_curve", is_flag=True, help="With --json: include J at every epoch.")
def mlp_cmd(data: str, label: str | None, hidden: str | None, activation: str, loss: str, epochs: int, lr: float,
            momentum: float, weight_decay: float, batch_size: int | None, tol: float | None,
            init_path: str | None, init_scale: float, regression: bool, output: str | None, plot: str | None,
            as_json: bool, loss_curve: bool) -> None:
    """Train a multilayer perceptron by backpropagation on a CSV data set (features, then a label column).

    The defaults are the textbook's: sigmoid units, the squared loss, full-batch gradient descent, no momentum,
    no weight decay, exactly --epochs epochs. Save the weights with -o and continue with --init: N epochs and
    then M more equal N + M epochs in one run, bit for bit, with momentum, mini-batches and weight decay too.
    "final J" is the loss of the weights written.

    \b
    Example:
      neurosim --seed 3 mlp examples/xor.csv --lr 2 --momentum 0.9 --epochs 2000 -o xor_weights.json
      neurosim mlp examples/xor.csv --init xor_weights.json --epochs 1000 --json
    """
    from neurosim.io import check_weight_shapes, load_training_state, load_weights, weights_to_json
    from neurosim.learn import MLPClassifier, MLPRegressor, check_batch_size

    ds = load_dataset(read_input(data), label=label)
    coefs0 = ints0 = state = None
    if init_path is not None:
        init_src = read_input(init_path)
        coefs0, ints0 = load_weights(init_src)
        state = load_training_state(init_src)
    if state is not None:  # continue with the file's options unless the command line names others
        ctx = click.get_current_context()
        reused, changed = _resume_options(ctx, state)
        activation, loss, lr, momentum = reused["activation"], reused["loss"], reused["lr"], reused["momentum"]
        weight_decay, batch_size, tol = reused["weight_decay"], reused["batch_size"], reused["tol"]
        if ctx.get_parameter_source("regression") is click.core.ParameterSource.DEFAULT:
            regression = state.output_activation == "identity"
        log(f"continuing {init_path} after {state.epochs} epochs"
            + (f" (changed: {', '.join(changed)})" if changed else " with its options"))
    sizes = _hidden(hidden)
    if sizes is None:
        sizes = tuple(W.shape[1] for W in coefs0[:-1]) if coefs0 is not None else (2,)
    n_out = 1 if regression or len(ds.classes) <= 2 else len(ds.classes)
    layers = (ds.X.shape[1], *sizes, n_out)
    if init_path is not None:
        check_weight_shapes(coefs0, ints0, layers, init_src.name)
    check_batch_size(1, layers, ds.n_samples, max_epochs=epochs, record_curves=1)  # before any allocation
    seed = settings().resolved_seed()
    cls = MLPRegressor if regression else MLPClassifier
    model = cls(hidden_layer_sizes=sizes, activation=activation, loss=loss, lr=lr, momentum=momentum,
                weight_decay=weight_decay, batch_size=batch_size, max_epochs=epochs, tol=tol,
                init_scale=init_scale, random_state=seed)
    y = ds.y if regression else ds.y_codes  # class codes; result["classes"] maps them back to the labels
    log(f"seed {seed}; layers {list(layers)}; {epochs} epochs, lr {lr}"
        + (f", starting from {init_path}" if init_path else ""))
    if state is not None:
        model.set_params(shuffle=state.shuffle, n_iter_no_change=state.n_iter_no_change)
        model.fit(ds.X, y, resume=state, progress=progress_callback("training"))
    else:
        model.fit(ds.X, y, coefs_init=coefs0, intercepts_init=ints0, progress=progress_callback("training"))
    result: dict[str, Any] = {
        "seed": seed, "layer_sizes": [ds.X.shape[1], *sizes, model.n_outputs_], "activation": activation,
        "loss": loss, "epochs": model.n_iter_, "epochs_total": model.state_.epochs,
        "final_loss": model.loss_,  # J of the weights written, not of the weights before the last update
    }
    if regression:
        result["r2"] = model.score(ds.X, y)
    else:
        pred = model.predict(ds.X)
        result["train_accuracy"] = float(np.mean(pred == y))
        result["classes"] = [c if isinstance(c, str) else float(c) for c in ds.classes]
    if output is not None:
        atomic_write(output, weights_to_json(model.coefs_, model.intercepts_, model.state_))
        log(f"wrote weights to {output}")
    if plot is not None:
        from neurosim.draw import mlp_figure

        names = None if regression else ds.classes
        save_figure(mlp_figure(model, ds.X, y, feature_names=ds.feature_names, class_names=names), plot)
        log(f"wrote {plot}")
    if output == "-":
        return
    if as_json:
        if loss_curve:
            result["loss_curve"] = model.loss_curve_
        emit_json(result)
        return
    total = f" ({result['epochs_total']} in all)" if result["epochs_total"] != result["epochs"] else ""
    click.echo(f"layers {result['layer_sizes']}  epochs {result['epochs']}{total}  final J {result['final_loss']:.6g}"
               + (f"  R² {result['r2']:.4f}" if regression else f"  train accuracy {result['train_accuracy']:.4f}"))


def run_xor(*, hidden: int, activation: str, lr: float, momentum: float, init_scale: float, seeds: int,
            epochs: int, gradient: str, restarts: int, seed: int, backend: Any, progress: Any = None,
            curves: int = _CURVES, scheduler: Any = None) -> dict[str, Any]:
    """The XOR comparison as data: the perceptron's verdict and the many-seeds MLP statistics (the nets in
    blocks of seeds on ``scheduler``: the same numbers wherever they ran)."""
    from neurosim.learn import Perceptron, check_separability, train_sweep

    sep = check_separability(XOR_X, XOR_Y)
    perc = Perceptron(max_epochs=1000).fit(XOR_X, XOR_Y)
    # Rumelhart's E sums the error over the 4 patterns; the textbook J averages it: the same step needs 4× the α
    eff_lr = lr * (len(XOR_X) if gradient == "sum" else 1)
    res = train_sweep(XOR_X, XOR_Y, seed + np.arange(seeds), hidden_layer_sizes=(hidden,), activation=activation,
                      lr=eff_lr, momentum=momentum, init_scale=init_scale, max_epochs=epochs, restarts=restarts,
                      record_curves=curves, backend=backend, progress=progress, scheduler=scheduler)
    mlp = {"hidden": hidden, "activation": activation, "lr": lr, "gradient": gradient, "momentum": momentum,
           "init_scale": init_scale, "first_seed": seed, **res.summary()}
    perceptron = {"separable": sep.separable, "converged": bool(perc.converged_), "cycle": bool(perc.cycle_),
                  "epochs": int(perc.n_iter_), "mistakes": int(perc.n_mistakes_),
                  "certificate": sep.certificate.as_json() if sep.certificate is not None else None,
                  "weights": [float(v) for v in perc.coef_], "bias": float(perc.intercept_)}
    return {"seed": seed, "perceptron": perceptron, "mlp": mlp, "_result": res}


def _xor_plot(report: dict[str, Any], path: str) -> None:
    from neurosim.draw import net_output_fn, xor_figure

    res, mlp, perc = report["_result"], report["mlp"], report["perceptron"]
    ok = np.flatnonzero(res.success_epoch >= 0)
    i = int(ok[0]) if ok.size else 0
    h = net_output_fn([W[i] for W in res.coefs], [b[i] for b in res.intercepts], mlp["activation"])
    fig = xor_figure(XOR_X, XOR_Y, perc["weights"], perc["bias"], h, res.loss_curves, res.success_epoch,
                     perceptron_note=": cycles, never converges" if perc["cycle"] else "",
                     mlp_note=f" (seed {int(res.seeds[i])})")
    save_figure(fig, path)


def _fmt(v: Any, spec: str = ".0f") -> str:
    return "-" if v is None else format(v, spec)


@click.command("xor")
@click.option("--hidden", type=click.IntRange(min=1), default=2, show_default=True, help="Hidden units (2-H-1 net).")
@click.option("--activation", type=click.Choice(HIDDEN_ACTIVATIONS), default="sigmoid", show_default=True,
              help="Hidden-unit activation (the output unit is a sigmoid).")
@click.option("--lr", type=FiniteFloat(min=0, min_open=True), default=0.5, show_default=True,
              help="Learning rate η, the step on the gradient of E (--gradient sum, Rumelhart's) or of the mean "
                   "loss J (--gradient mean, the same η as 'mlp --lr').")
@click.option("--momentum", type=FiniteFloat(0, 1, max_open=True), default=0.9, show_default=True,
              help="Momentum μ in Δw(t) = −η∂E/∂w + μΔw(t−1), as in 'mlp'.")
@click.option("--init-scale", type=FiniteFloat(min=0, min_open=True), default=0.3, show_default=True,
              help="Initial weights uniform in ±this.")
@click.option("--nets", "nets", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Number of nets (seeds --seed, --seed+1, ...), trained at once on the backend.")
@click.option("--epochs", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Epoch limit per net; success is checked after every epoch.")
@click.option("--gradient", type=click.Choice(["sum", "mean"]), default="sum", show_default=True,
              help="sum: Rumelhart's E = ½ΣΣ(t−o)² over the 4 patterns; mean: the textbook J = (1/m)Σ½‖h−y‖².")
@click.option("--restarts", type=click.IntRange(min=0), default=0, show_default=True,
              help="Re-initialise nets still stuck after --epochs, up to this many times.")
@plot_option("Draw both decision boundaries, MLP loss curves and the epochs histogram (PNG/SVG/PDF).")
@json_option("Print one JSON object with nested objects 'perceptron' and 'mlp'.")
def xor_cmd(hidden: int, activation: str, lr: float, momentum: float, init_scale: float, nets: int, epochs: int,
            gradient: str, restarts: int, plot: str | None, as_json: bool) -> None:
    """The perceptron against backprop on XOR: Minsky & Papert's counter-example, solved by a hidden layer.

    The perceptron never converges (its weights cycle) and an exact certificate proves no line can separate
    XOR: ½(0,1) + ½(1,0) = ½(0,0) + ½(1,1). Then --nets 2-H-1 MLPs, one per seed, train at once on the
    backend; a net succeeds when every output is on the right side of ½. Rumelhart, Hinton & Williams (1986)
    report about 558 sweeps with these defaults.

    \b
    Example:
      neurosim xor --seed 0 --nets 100 --epochs 2000 --plot xor.png
      neurosim xor --hidden 3 --activation tanh --nets 50 --epochs 2000 --json
    """
    from neurosim.learn import check_batch_size

    s = settings()
    seed = s.resolved_seed()
    check_batch_size(nets, (2, hidden, 1), len(XOR_X), max_epochs=epochs, record_curves=_CURVES)
    if seed + nets > 2**63:
        raise click.BadParameter(f"the seeds {seed}..{seed + nets - 1} of the nets must stay below 2**63",
                                 param_hint="--seed/--nets")
    log(f"seed {seed}: {nets} nets 2-{hidden}-1 {activation}, η={lr} ({gradient} gradient), momentum {momentum}, "
        f"init ±{init_scale}, ≤{epochs} epochs on {s.get_backend().name}")
    report = run_xor(hidden=hidden, activation=activation, lr=lr, momentum=momentum, init_scale=init_scale,
                     seeds=nets, epochs=epochs, gradient=gradient, restarts=restarts, seed=seed,
                     backend=s.get_backend(), progress=progress_callback("training"), scheduler=s.get_scheduler())
    log(f"engine: {report['_result'].engine}", level=1)
    if plot is not None:
        _xor_plot(report, plot)
        log(f"wrote {plot}")
    report.pop("_result")
    if as_json:
        emit_json(report)
        return
    p, m = report["perceptron"], report["mlp"]
    cert = p["certificate"]
    cert_txt = "-"
    if cert:
        def side(coeffs: dict[str, str]) -> str:
            return " + ".join(f"{v}·({','.join(str(int(x)) for x in XOR_X[int(k)])})" for k, v in coeffs.items())

        cert_txt = f"{side(cert['positive'])} = {side(cert['negative'])}"
    rows = [
        ("solves XOR", "no (not linearly separable)", f"{m['success_rate']:.1%} of {m['n_nets']} seeds"),
        ("training", f"{'cycles' if p['cycle'] else 'stops'} after {p['epochs']} epochs, {p['mistakes']} mistakes",
         f"median {_fmt(m['median_epochs'])}, p90 {_fmt(m['p90_epochs'])} epochs"),
        ("proof / final loss", f"certificate {cert_txt}",
         f"median J {m['final_loss_median']:.2e}, worst {m['final_loss_max']:.2e}"),
    ]
    click.echo(f"{'':20} {'perceptron':46} MLP 2-{hidden}-1 {activation}")
    for name, a, b in rows:
        click.echo(f"{name:20} {a:46} {b}")


def demo(out: Path, backend: Any) -> list[str]:
    """``neurosim demo``'s part: XOR with 300 seeds × 3,000 epochs; writes ``xor_mlp.png`` and
    ``xor_mlp_weights.json`` (the first net that solved XOR)."""
    from neurosim.io import weights_to_json

    report = run_xor(hidden=2, activation="sigmoid", lr=0.5, momentum=0.9, init_scale=0.3, seeds=300, epochs=3000,
                     gradient="sum", restarts=0, seed=0, backend=backend)
    _xor_plot(report, str(out / "xor_mlp.png"))
    res, m, p = report["_result"], report["mlp"], report["perceptron"]
    ok = np.flatnonzero(res.success_epoch >= 0)
    lines = [f"perceptron on XOR: cycles after {p['epochs']} epochs; certificate ½(0,1)+½(1,0) = ½(0,0)+½(1,1)"]
    if ok.size:
        i = int(ok[0])
        atomic_write(out / "xor_mlp_weights.json",
                     weights_to_json([W[i] for W in res.coefs], [b[i] for b in res.intercepts]))
        lines.append(f"seed {int(res.seeds[i])}'s solving net -> xor_mlp_weights.json")
    lines.append(f"MLP 2-2-1: {m['success_rate']:.1%} of {m['n_nets']} seeds solved XOR within {m['max_epochs']} "
                 f"epochs, median {_fmt(m['median_epochs'])} epochs -> xor_mlp.png")
    return lines

