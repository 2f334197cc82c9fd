"""The ``qca`` command line.

Each subcommand is registered by a ``_add_<name>(subparsers)`` function listed in ``_REGISTRY``;
it sets ``handler`` to a ``_run_<name>(args) -> int`` function. ``--json`` output follows the
versioned schema documented in ``docs/cli.md`` (``SCHEMA_VERSION``).

Each subcommand imports the stage it runs when it runs: ``qca --help`` and a usage error then
answer without loading pandas, scipy and HiGHS (the cost of a cold start is most of a short
command's time).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from .exceptions import QCAError

__all__ = ["SCHEMA_VERSION", "main"]

SCHEMA_VERSION = 1


def _emit_json(kind: str, payload: dict[str, Any]) -> None:
    """Print ``payload`` wrapped in the versioned envelope ``{"schema", "schema_version", ...}``."""
    document = {"schema": f"qca.{kind}", "schema_version": SCHEMA_VERSION, **payload}
    json.dump(
        document, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False, default=_json_default
    )
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (np.ndarray, tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _add_demo(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "demo",
        help="run the bundled collaboration study and say where its report is",
        description="Run data/collaboration/collaboration.toml (as `qca run` does), print the "
        "path of the report and the main finding.",
    )
    _add_run_folder_arguments(parser)
    parser.set_defaults(handler=_run_demo)


def _add_run_folder_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", help="run folder (default: runs/<study name>/)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing run folder (by default an existing folder is never touched)",
    )


def _run_demo(args: argparse.Namespace) -> int:
    from .study import bundled_study

    return _run_and_print(bundled_study(), args.out, args.force)


def _add_run(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run",
        help="run a study file: report.html, results.json, manifest.json",
        description="Run the analysis a study file describes (see docs/study-file.md) and write "
        "report.html, results.json and manifest.json into a run folder.",
    )
    parser.add_argument("study", metavar="STUDY.toml", help="the study file")
    _add_run_folder_arguments(parser)
    parser.set_defaults(handler=_run_run)


def _run_run(args: argparse.Namespace) -> int:
    return _run_and_print(args.study, args.out, args.force)


def _run_and_print(study_path: Any, out: str | None, force: bool) -> int:
    from .study import display_path, run, summary_lines
    from .study.report import NO_FIGURES, plots_available

    if not plots_available():
        print(f"qca: warning: {NO_FIGURES}", file=sys.stderr)
    result, folder = run(study_path, out, force=force)
    print(f"study:  {display_path(result.study.path)}")
    print(f"report: {display_path(folder / 'report.html')}")
    for line in summary_lines(result):
        print(line)
    if result.warnings:
        print(f"{len(result.warnings)} warning(s), listed in the report")
    print(f"re-check later with: qca verify {display_path(folder)}")
    return 0


def _add_verify(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "verify",
        help="re-run a run folder and report any difference (exit status 1)",
        description="Re-run the study of a run folder from its manifest.json, compare the inputs' "
        "SHA-256 and every number of results.json (tolerance 1e-9). Exit status 0 when identical, "
        "1 when something differs, 2 when RUNDIR is not a run folder.",
    )
    parser.add_argument("run_dir", metavar="RUNDIR", help="a folder written by `qca run`")
    parser.set_defaults(handler=_run_verify)


def _run_verify(args: argparse.Namespace) -> int:
    from .study import verify

    report = verify(args.run_dir)
    print(report)
    return 0 if report.ok else 1


def _add_truthtable(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "truthtable",
        help="build the truth table of a calibrated data set (CSV)",
        description="Build the truth table of OUTCOME on the conditions of a calibrated CSV file "
        "(first column: case names), as R's QCA truthTable().",
    )
    _add_truth_table_arguments(parser)
    parser.add_argument("--complete", action="store_true", help="also list every remainder")
    parser.add_argument("--sort-by", metavar="KEYS", help="comma-separated keys: OUT, n, incl, PRI")
    parser.add_argument("--dcc", action="store_true", help="show deviant cases consistency")
    parser.add_argument("--json", action="store_true", help="print the truth table as JSON")
    _add_inf_test_flags(parser)
    parser.set_defaults(handler=_run_truthtable)


def _run_truthtable(args: argparse.Namespace) -> int:
    tt = _truth_table_from_args(
        args,
        complete=args.complete,
        sort_by=_comma_list(args.sort_by),
        dcc=args.dcc,
        inf_test=_inf_test_from_args(args),
    )
    return _show("truth_table", tt, args.json)


def _add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """DATA.csv, --outcome and --conditions: shared by every analysis command."""
    parser.add_argument(
        "data", metavar="DATA.csv", help="calibrated data; first column = case names"
    )
    parser.add_argument("--outcome", required=True, help="outcome column: Y, ~Y (negated) or Y[2]")
    parser.add_argument(
        "--conditions", help="comma-separated conditions (default: all other columns)"
    )


def _comma_list(text: str | None) -> list[str] | None:
    return [item.strip() for item in text.split(",")] if text else None


def _show(kind: str, result: Any, as_json: bool) -> int:
    """Print ``result`` as text, or its ``to_dict()`` in the versioned JSON envelope."""
    if as_json:
        _emit_json(kind, result.to_dict())
    else:
        print(result)
    return 0


def _add_truth_table_arguments(parser: argparse.ArgumentParser) -> None:
    """The data and truth-table options shared by `truthtable` and `minimize`."""
    _add_data_arguments(parser)
    parser.add_argument(
        "--incl-cut",
        default="1",
        metavar="IC1[,IC0]",
        help="inclusion cut-off, or two (ic1,ic0) to mark contradictions (default 1)",
    )
    parser.add_argument("--n-cut", type=int, default=1, help="minimal cases in a row (default 1)")
    parser.add_argument("--pri-cut", type=float, default=0.0, help="minimal PRI of a positive row")
    _add_categories_argument(parser)


def _truth_table_from_args(args: argparse.Namespace, **options: Any) -> Any:
    from .truthtable import truth_table

    try:
        cuts = [float(v) for v in args.incl_cut.split(",")]
    except ValueError:
        raise QCAError(
            f"--incl-cut must be a number or two numbers separated by a comma; got {args.incl_cut!r}."
        ) from None
    # a wrong count of cut-offs is truth_table()'s to refuse, with its own message
    incl_cut: Any = cuts[0] if len(cuts) == 1 else tuple(cuts)
    return truth_table(
        _read_calibrated_csv(args.data),
        args.outcome,
        _comma_list(args.conditions),
        incl_cut=incl_cut,
        n_cut=args.n_cut,
        pri_cut=args.pri_cut,
        categories=_categories_from_args(args),
        **options,
    )


def _add_categories_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--categories",
        metavar="LABELS",
        help='category labels for printing, "NAME=LEVEL:LABEL,...;NAME=..." '
        '(e.g. "DEV=0:poor,1:rich;SURV=0:failed,1:survived"); --json output is unchanged',
    )


def _categories_from_args(args: argparse.Namespace) -> Any:
    from .labels import parse_categories

    text = getattr(args, "categories", None)
    return None if text is None else parse_categories(text)


def _add_minimize(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "minimize",
        help="minimize the truth table of a calibrated data set (CSV)",
        description="Build the truth table of OUTCOME from a calibrated CSV file (first column: "
        "case names) and minimize it, as R's QCA minimize(): conservative (default), parsimonious "
        "(--include ?) or intermediate (--include ? --dir-exp ...) solutions.",
    )
    _add_truth_table_arguments(parser)
    parser.add_argument(
        "--include",
        default="",
        metavar="?[,C]",
        help="don't cares: ? remainders, C contradictions (default: none)",
    )
    parser.add_argument(
        "--exclude",
        metavar="ROWS|EXPR",
        help="remainders not to use: comma-separated row ids or an expression",
    )
    parser.add_argument(
        "--dir-exp",
        metavar="EXPECTATIONS",
        help='directional expectations, R syntax: "A, ~B, C[1,2], ~D*E"',
    )
    parser.add_argument(
        "--row-dom", action="store_true", help="apply row dominance to the PI chart"
    )
    parser.add_argument(
        "--all-sol", action="store_true", help="every irredundant model, not only the minimal ones"
    )
    parser.add_argument(
        "--max-models", type=int, default=10_000, help="list at most this many models"
    )
    _add_budget_arguments(parser)
    _add_minimize_search_arguments(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the solution as JSON (schema qca.solution, docs/cli.md)",
    )
    _add_inf_test_flags(parser)
    parser.set_defaults(handler=_run_minimize)


def _whole_number_at_least(minimum: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``minimum``, refused as ``must be <what>``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {what}; got {text!r}")
        return value

    return parse


_positive_int = _whole_number_at_least(1, "a positive integer")
_decimals = _whole_number_at_least(0, "a whole number >= 0")


def _seconds(text: str) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds; got {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds; got {text!r}")
    return value


def _add_budget_arguments(parser: argparse.ArgumentParser) -> None:
    """--max-nodes and --time-limit: the budgets of the search for minimal models."""
    parser.add_argument(
        "--max-nodes",
        type=_positive_int,
        default=None,
        metavar="N",
        help="search nodes the listing of minimal models may visit (default 10000)",
    )
    parser.add_argument(
        "--time-limit",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="time the listing of minimal models may take (default: no limit)",
    )


def _budget_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {"time_limit": args.time_limit}
    if args.max_nodes is not None:
        options["max_nodes"] = args.max_nodes
    return options


def _add_minimize_search_arguments(parser: argparse.ArgumentParser) -> None:
    """minimize()'s remaining options: cut-offs on the PIs and models, the first minimum, the
    prime-implicant engine."""
    parser.add_argument(
        "--pi-cons",
        type=float,
        default=0.0,
        metavar="X",
        help="R's pi.cons: with --include ?, a term with this consistency counts as sufficient "
        "(the consistency-relaxed search); no effect on a conservative solution (default 0)",
    )
    parser.add_argument(
        "--sol-cons",
        type=float,
        default=0.0,
        metavar="X",
        help="R's sol.cons: with --include ?, models are the smallest disjunctions of prime "
        "implicants with this consistency and full coverage; a conservative solution's models "
        "below it are dropped (default 0)",
    )
    parser.add_argument(
        "--first-min",
        action="store_true",
        help="only one minimal model, the first the solver finds (R's first.min; for huge charts)",
    )
    parser.add_argument(
        "--method",
        choices=("auto", "qmc", "fast"),
        default="auto",
        help="prime-implicant engine (default auto: the same implicants either way)",
    )


def _run_minimize(args: argparse.Namespace) -> int:
    from .minimize import minimize

    exclude = None
    if args.exclude:
        pieces = [p.strip() for p in args.exclude.split(",")]
        exclude = [int(p) for p in pieces] if all(p.isdigit() for p in pieces) else args.exclude
    solution = minimize(
        _truth_table_from_args(args, inf_test=_inf_test_from_args(args)),
        include=args.include,
        exclude=exclude,
        dir_exp=args.dir_exp,
        row_dom=args.row_dom,
        all_sol=args.all_sol,
        max_models=args.max_models,
        **_budget_options(args),
        pi_cons=args.pi_cons,
        sol_cons=args.sol_cons,
        first_min=args.first_min,
        method=args.method,
    )
    return _show("solution", solution, args.json)


def _read_calibrated_csv(path: str) -> Any:
    """A calibrated CSV (first column: case names) as a DataFrame indexed by case name."""
    import pandas as pd

    from ._validation import check_csv_header

    check_csv_header(path, repr(path))
    try:
        data = pd.read_csv(path, index_col=0)
    except (OSError, ValueError) as error:
        raise QCAError(f"cannot read {path!r} as CSV: {error}") from None
    data.index = data.index.astype(str)
    return data


def _add_necessity(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "necessity",
        help="find the necessary (or sufficient) expressions, as R's superSubset",
        description="Search the conditions of a calibrated CSV file (first column: case names) "
        "and their conjunctions and disjunctions for the minimal expressions necessary (or "
        "sufficient) for OUTCOME, as R's QCA superSubset().",
    )
    _add_data_arguments(parser)
    parser.add_argument(
        "--incl-cut", type=float, default=0.9, help="minimal inclusion (default 0.9)"
    )
    parser.add_argument("--cov-cut", type=float, default=0.6, help="minimal coverage (default 0.6)")
    parser.add_argument(
        "--ron-cut",
        type=float,
        default=0.0,
        help="minimal relevance of necessity (necessity only; default 0)",
    )
    parser.add_argument(
        "--pri-cut", type=float, default=0.0, help="minimal PRI (sufficiency only; default 0)"
    )
    parser.add_argument(
        "--depth",
        type=int,
        default=None,
        help="largest number of conditions in an expression (default: all)",
    )
    parser.add_argument(
        "--relation",
        choices=("necessity", "sufficiency"),
        default="necessity",
        help="the relation searched (default necessity)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the result as JSON (schema qca.necessity, docs/cli.md)",
    )
    parser.set_defaults(handler=_run_necessity)


def _run_necessity(args: argparse.Namespace) -> int:
    from .necessity import necessity

    data = _read_calibrated_csv(args.data)
    result = necessity(
        data,
        args.outcome,
        _comma_list(args.conditions),
        incl_cut=args.incl_cut,
        cov_cut=args.cov_cut,
        ron_cut=args.ron_cut,
        pri_cut=args.pri_cut,
        depth=args.depth,
        relation=args.relation,
    )
    return _show("necessity", result, args.json)


def _add_fit(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "fit",
        help="parameters of fit of an expression (each term and the whole), as R's pof",
        description='Parameters of fit of EXPRESSION (e.g. "A*~B + C") for OUTCOME on a '
        "calibrated CSV file (first column: case names), as R's QCA pof(): inclS, PRI, covS, "
        "covU (sufficiency) or inclN, RoN, covN (necessity) of every term and of the expression.",
    )
    parser.add_argument("expression", metavar="EXPRESSION", help='e.g. "DEV*~IND + URB*STB"')
    _add_data_arguments(parser)
    parser.add_argument(
        "--relation",
        choices=("sufficiency", "necessity"),
        default="sufficiency",
        help="the relation evaluated (default sufficiency)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the result as JSON (schema qca.fit, docs/cli.md)"
    )
    parser.set_defaults(handler=_run_fit)


def _run_fit(args: argparse.Namespace) -> int:
    from .fit import fit

    data = _read_calibrated_csv(args.data)
    result = fit(
        args.expression,
        data,
        args.outcome,
        args.relation,
        conditions=_comma_list(args.conditions),
    )
    return _show("fit", result, args.json)


def _add_calibrate(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "calibrate",
        help="calibrate raw scores (CSV) into set memberships, as R's calibrate",
        description="Calibrate columns of a raw CSV file (first column: case names) into crisp "
        "or fuzzy set memberships, as qca.calibrate (R's QCA calibrate()), and write the "
        "calibrated CSV that truthtable, minimize, necessity and fit read. Columns not named are "
        "copied unchanged (use --only to drop them). Thresholds are separated by commas or "
        'semicolons: "e=350,c=550,i=850" (or "350,550,850", in the order e, c, i), six anchors '
        '"e1=..,c1=..,i1=..,i2=..,c2=..,e2=.." for a bell shape, "550" or "1.5,2.5" for crisp '
        "cut points.",
        epilog="example: qca calibrate LR.csv --fuzzy DEV e=350,c=550,i=850 --crisp STB 10.5 "
        "-o calibrated.csv",
    )
    parser.add_argument("data", metavar="RAW.csv", help="raw data; first column = case names")
    parser.add_argument(
        "--fuzzy",
        nargs=2,
        action="append",
        default=[],
        metavar=("COLUMN", "ANCHORS"),
        help="direct method: three anchors e,c,i (e > c > i for a decreasing set) or six",
    )
    parser.add_argument(
        "--indirect",
        nargs=2,
        action="append",
        default=[],
        metavar=("COLUMN", "CUTS"),
        help="indirect method: cut points sorting the cases into qualitative groups",
    )
    parser.add_argument(
        "--crisp",
        nargs=2,
        action="append",
        default=[],
        metavar=("COLUMN", "CUTS"),
        help="crisp set: one cut point (0/1) or several (multi-value 0..m)",
    )
    parser.add_argument(
        "--tfr",
        action="append",
        default=[],
        metavar="COLUMN",
        help="totally fuzzy and relative (ordinal data; no thresholds)",
    )
    parser.add_argument(
        "--idm", type=float, default=0.95, help="membership at the outer anchors (default 0.95)"
    )
    parser.add_argument(
        "--no-logistic",
        dest="logistic",
        action="store_false",
        help="direct method: piecewise power curve (--below, --above) instead of the logistic",
    )
    parser.add_argument("--below", type=float, default=1.0, help="exponent below the crossover")
    parser.add_argument("--above", type=float, default=1.0, help="exponent above the crossover")
    parser.add_argument(
        "--digits",
        type=_decimals,
        default=None,
        metavar="N",
        help="round fuzzy memberships to N decimals (default: full precision)",
    )
    parser.add_argument("--only", action="store_true", help="write only the calibrated columns")
    parser.add_argument(
        "-o", "--output", metavar="OUT.csv", help="write here instead of standard output"
    )
    parser.set_defaults(handler=_run_calibrate)


def _run_calibrate(args: argparse.Namespace) -> int:
    from .calibrate import calibrate

    raw = _read_calibrated_csv(args.data)
    requests: list[tuple[str, Any, Any, str | None]] = [
        *((column, "fuzzy", "direct", text) for column, text in args.fuzzy),
        *((column, "fuzzy", "indirect", text) for column, text in args.indirect),
        *((column, "crisp", "direct", text) for column, text in args.crisp),
        *((column, "fuzzy", "TFR", None) for column in args.tfr),
    ]
    if not requests:
        raise QCAError(
            "name at least one column to calibrate: --fuzzy COLUMN ANCHORS, --crisp COLUMN CUTS, "
            "--indirect COLUMN CUTS or --tfr COLUMN."
        )
    names = [column for column, *_ in requests]
    repeated = sorted({c for c in names if names.count(c) > 1})
    if repeated:
        raise QCAError(f"column(s) {repeated} are calibrated more than once.")
    missing = [c for c in names if c not in raw.columns]
    if missing:
        raise QCAError(
            f"column(s) {missing} not found in {args.data!r}. "
            f"Available columns: {[str(c) for c in raw.columns]}."
        )
    calibrated = {}
    for column, set_type, method, text in requests:
        thresholds = None if text is None else _calibration_thresholds(column, text, set_type)
        options: dict[str, Any] = {}
        if method == "direct" and set_type == "fuzzy":
            options = {
                "logistic": args.logistic,
                "idm": args.idm,
                "below": args.below,
                "above": args.above,
            }
        try:
            values = calibrate(
                raw[column], type=set_type, method=method, thresholds=thresholds, **options
            )
        except QCAError as error:
            raise QCAError(f"calibrating {column!r}: {error}") from None
        if args.digits is not None and set_type == "fuzzy":
            values = values.round(args.digits)
        calibrated[column] = values
    if args.only:
        out = raw[[c for c in raw.columns if c in calibrated]].copy()
    else:
        out = raw.copy()
    for column, values in calibrated.items():
        out[column] = values
    text = out.to_csv(index_label=raw.index.name or "case")
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as error:
            raise QCAError(f"cannot write {args.output!r}: {error.strerror}") from None
    else:
        sys.stdout.write(text)
    return 0


def _calibration_thresholds(column: str, text: str, set_type: str) -> Any:
    """Thresholds written on the command line, as :func:`qca.calibrate` takes them: named
    anchors ("e=350,c=550,i=850") as a dict, plain numbers as a list (one crisp cut point as a
    number)."""
    from .study import parse_thresholds

    try:
        pairs = parse_thresholds(text.replace(",", ";"))
    except ValueError as error:
        raise QCAError(f"calibrating {column!r}: {error}") from None
    if not pairs:
        raise QCAError(f"calibrating {column!r}: no thresholds given.")
    values = [value for _, value in pairs]
    if any(name for name, _ in pairs):
        if set_type == "crisp":
            raise QCAError(
                f"calibrating {column!r}: crisp cut points are plain numbers "
                f'("550" or "1.5,2.5"); got {text!r}.'
            )
        return dict(pairs)
    if set_type == "crisp" and len(values) == 1:
        return values[0]
    return values


def _add_inf_test_flags(parser: argparse.ArgumentParser) -> None:
    """`--inf-test binom --alpha A`: R's binomial test of the truth table's rows."""
    parser.add_argument(
        "--inf-test",
        choices=["binom"],
        help="R's inference test of each row (binomial; crisp data): adds pval1 (and pval0 with "
        "two cut-offs) and codes OUT from them",
    )
    parser.add_argument(
        "--alpha", type=float, default=None, help="significance level of --inf-test (default 0.05)"
    )


def _inf_test_from_args(args: argparse.Namespace) -> Any:
    if args.inf_test is None:
        if args.alpha is not None:
            raise QCAError("--alpha needs --inf-test binom.")
        return None
    return (args.inf_test, 0.05 if args.alpha is None else args.alpha)


def _add_inference(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "inference",
        help="permutation tests, bootstrap intervals or power of rows or an expression",
        description="Inference for the sufficiency of the truth table's rows (n >= n_cut) or of "
        "an --expression: permutation p-values (Braumoeller 2015, corrected over the tests), "
        "bootstrap intervals of inclS, PRI and covS, or the power of the permutation test "
        "(qca.inference; docs/inference.md).",
    )
    _add_truth_table_arguments(parser)
    parser.add_argument(
        "--test",
        choices=["permutation", "bootstrap", "power"],
        default="permutation",
        help="what to compute (default permutation)",
    )
    parser.add_argument("--expression", help="test this expression instead of the rows")
    parser.add_argument("--rows", help="comma-separated row ids to test (default n >= n_cut)")
    parser.add_argument(
        "--draws",
        type=_positive_int,
        default=None,
        help="permutations or resamples (default 10000 / 9999)",
    )
    parser.add_argument("--seed", type=int, default=None, help="seed (same seed, same result)")
    parser.add_argument("--jobs", type=int, default=1, help="threads (the result is the same)")
    parser.add_argument(
        "--correction",
        choices=["holm", "bh", "bonferroni", "none"],
        default="holm",
        help="multiple-testing correction over the tests (default holm)",
    )
    parser.add_argument("--alpha", type=float, default=0.05, help="level (default 0.05)")
    parser.add_argument(
        "--method", choices=["bca", "percentile"], default="bca", help="bootstrap interval"
    )
    parser.add_argument("--cases", type=int, default=None, help="power: sample size to assess")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=_run_inference)


def _run_inference(args: argparse.Namespace) -> int:
    from . import inference

    if args.expression is not None and args.rows is not None:
        raise QCAError("give --expression or --rows, not both.")
    if args.expression is not None:
        obj: Any = args.expression
        data: Any = _read_calibrated_csv(args.data)
        outcome: Any = args.outcome
        rows = None
    else:
        obj = _truth_table_from_args(args)
        data = outcome = None
        try:
            rows = [int(v) for v in _comma_list(args.rows) or []] or None
        except ValueError:
            raise QCAError(f"--rows must be comma-separated row ids; got {args.rows!r}.") from None
    common: dict[str, Any] = {"rows": rows, "seed": args.seed, "n_jobs": args.jobs}
    if args.test == "permutation":
        result: Any = inference.permutation_test(
            obj,
            data,
            outcome,
            n_permutations=args.draws or 10_000,
            correction=args.correction,
            alpha=args.alpha,
            **common,
        )
    elif args.test == "bootstrap":
        result = inference.bootstrap_intervals(
            obj,
            data,
            outcome,
            method=args.method,
            confidence_level=1 - args.alpha,
            n_resamples=args.draws or 9999,
            **common,
        )
    else:
        result = inference.power(obj, data, outcome, n_cases=args.cases, alpha=args.alpha, **common)
    return _show("inference", result, args.json)


_REGISTRY: list[Callable[[argparse._SubParsersAction], None]] = [_add_demo, _add_run, _add_verify]
_REGISTRY.append(_add_minimize)
_REGISTRY.append(_add_truthtable)
_REGISTRY.append(_add_necessity)
_REGISTRY.append(_add_fit)
_REGISTRY.append(_add_calibrate)


def _add_robustness(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "robustness",
        help="run the [robustness] sweep of a study file",
        description="Run the robustness sweep a study file's [robustness] table describes (see "
        "docs/study-file.md): robust core, Oana & Schneider figures, frequencies of models and "
        "terms, sensitivity ranges, pivotal values. `qca run` runs it too when the table is there.",
    )
    parser.add_argument("study", metavar="STUDY.toml", help="the study file")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--n-jobs", type=int, default=None, metavar="N", help="worker processes (-1: every core)"
    )
    parser.set_defaults(handler=_run_robustness)


def _run_robustness(args: argparse.Namespace) -> int:
    from .study import load_study, run_study

    study = load_study(args.study)
    if study.robustness is None:
        raise QCAError(f"{args.study} has no [robustness] table (see docs/study-file.md)")
    result = run_study(study, n_jobs=args.n_jobs).robustness
    return _show("robustness", result, args.json)


_REGISTRY.append(_add_robustness)
_REGISTRY.append(_add_inference)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qca", description="Qualitative Comparative Analysis.")
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the version of qca (and warn when another package installs 'qca' too)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _REGISTRY:
        register(sub)
    return parser


class _Terminated(BaseException):
    """SIGTERM, raised where the program is so that every ``finally`` (temporary folders) runs."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise _Terminated


def _on_sigterm() -> Any:
    """Turn SIGTERM into :class:`_Terminated` (main thread only); return the previous handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_terminated)


class _VersionAction(argparse.Action):
    """``qca --version``: the version on stdout; a conflicting ``pyqca`` install on stderr."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from ._installation import conflict_message
        from ._version import __version__

        print(f"qca {__version__}")
        message = conflict_message()
        if message:
            print(f"warning: {message}", file=sys.stderr)
        parser.exit(0)


# The hint added to an error about memberships outside [0, 1]: raw data were given.
_CALIBRATE_HINT = (
    "hint: these look like raw scores; calibrate them first, e.g. "
    "qca calibrate RAW.csv --fuzzy COLUMN e=..,c=..,i=.. -o calibrated.csv (see qca calibrate -h)"
)


def _warning_format(command: str) -> Callable[..., str]:
    def one_line(message: Any, *_: Any, **__: Any) -> str:
        return f"qca {command}: warning: {message}\n"

    return one_line


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = _on_sigterm()
    # a warning is one line on stderr, without Python's file name and source line (recorders
    # such as pytest.warns do not format, so they see the warning itself)
    formatwarning = warnings.formatwarning
    warnings.formatwarning = _warning_format(args.command)
    try:
        return int(args.handler(args) or 0)
    except QCAError as error:
        # as argparse does for a usage error: the subcommand's own usage line, then the error
        print(_subcommand(parser, args.command).format_usage(), end="", file=sys.stderr)
        print(f"qca {args.command}: error: {error}", file=sys.stderr)
        if "outside [0, 1]" in str(error) and args.command != "calibrate":
            print(_CALIBRATE_HINT, file=sys.stderr)
        return 2
    except RecursionError:
        # a last guard: the readers refuse deep nesting themselves, with the input named
        print(f"qca {args.command}: error: the input is nested too deeply to read", file=sys.stderr)
        return 2
    except MemoryError:
        print(
            f"qca {args.command}: error: out of memory; the problem is too large for this "
            "machine (use fewer conditions, or method='fast')",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        # Ctrl-C: nothing half-written is left (run folders are written into a temporary folder)
        print(f"qca {args.command}: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print(f"qca {args.command}: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        # The reader went away (e.g. `qca minimize ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        warnings.formatwarning = formatwarning
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


def _subcommand(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[name]
    return parser  # pragma: no cover - every command is a subcommand


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
