"""Views of a :class:`~qca.robustness.RobustnessResult`: repr, text, HTML and ``summary()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .summary import Summary, SummaryTable

if TYPE_CHECKING:  # pragma: no cover
    from ..robustness import RobustnessResult

__all__ = ["robustness_html", "robustness_repr", "robustness_summary", "robustness_text"]


def robustness_repr(result: RobustnessResult) -> str:
    core = " + ".join(result.robust_core) if result.robust_core else "none"
    return (
        f"<RobustnessResult: {result.n_variants} variants ({result.n_solved} solved, "
        f"{result.n_problems} distinct problems); robust core: {core}>"
    )


def _share(value: float) -> str:
    return f"{100 * value:.1f}%"


def robustness_summary(result: RobustnessResult) -> Summary:
    """``summary()``: robust core first, then the figures, frequencies, sensitivity, pivotal."""
    completions = dict(result.completions)
    coding = "none"
    if completions.get("cells"):
        coding = (
            f"{len(completions['cells'])} uncertain cell(s), {completions['total']} completions, "
            + (
                f"a seeded sample of {completions['swept']} swept ({completions['draws']} draws)"
                if completions["sampled"]
                else f"all {completions['swept']} swept"
            )
        )
    header = (
        ("base solution", str(result.base["solution"])),
        (
            "variants",
            f"{result.n_variants} ({'crossed' if result.cross else 'one factor at a time'})",
        ),
        ("solved", str(result.n_solved)),
        (
            "computed",
            f"{result.n_calibrations} calibration(s), {result.n_tables} truth table(s), "
            f"{result.n_problems} minimization(s)",
        ),
        ("factors", ", ".join(f"{n} ({len(v)})" for n, v in result.factors) or "none"),
        ("coding uncertainty", coding),
        ("robust core", " * ".join(result.robust_core) or "(no term in every model)"),
        ("core expression", result.core_expression or "-"),
    )
    tables = []
    if result.figures is not None:
        f = result.figures.to_dict()
        keys = ["RF_cov", "RF_cons", "RF_SC_minTS", "RF_SC_maxTS", "RCR_typ", "RCR_dev", "RCC_rank"]
        frame = pd.DataFrame([[f[k] for k in keys]], columns=keys, index=["base vs test set"])
        tables.append(SummaryTable.from_frame(frame, caption="Oana & Schneider robustness figures"))
        classes = pd.DataFrame(
            {"cases": [", ".join(v) or "-" for v in f["case_classes"].values()]},
            index=list(f["case_classes"]),
        )
        tables.append(SummaryTable.from_frame(classes, caption="Cases", attr="result.figures"))
    for kind, attr in (("term", "term_frequency"), ("model", "model_frequency")):
        series = result.frequencies(kind)
        if len(series):
            frame = pd.DataFrame({"share": [_share(v) for v in series]}, index=series.index)
            tables.append(
                SummaryTable.from_frame(frame, caption=f"{kind} frequency", attr=f"result.{attr}")
            )
    if result.sensitivity:
        frame = pd.DataFrame(
            [
                [v["base"], v["low"], v["high"], v["changes_below"], v["changes_above"]]
                for v in result.sensitivity.values()
            ],
            columns=["base", "low", "high", "changes below", "changes above"],
            index=list(result.sensitivity),
        ).astype(object)
        frame = frame.where(frame.notna(), "-")
        tables.append(SummaryTable.from_frame(frame, caption="Sensitivity ranges"))
    pivotal = {k: v for k, v in result.pivotal.items() if v}
    if pivotal:
        frame = pd.DataFrame(
            {"values that change the solution": [", ".join(map(str, v)) for v in pivotal.values()]},
            index=list(pivotal),
        )
        tables.append(SummaryTable.from_frame(frame, caption="Pivotal", attr="result.pivotal"))
    if result.necessity:
        frame = pd.DataFrame(
            {"necessary in": [_share(v) for v in result.necessity.values()]},
            index=list(result.necessity),
        )
        tables.append(SummaryTable.from_frame(frame, caption="Necessity robustness"))
    notes = list(result.warnings)
    notes.append("Figures: Oana & Schneider (2024), SMR 53(1) 57-88; see qca.robustness.figures.")
    return Summary(
        title=f"Robustness of {result.base['solution']}",
        header=header,
        tables=tuple(tables),
        notes=tuple(notes),
    )


def robustness_text(result: RobustnessResult) -> str:
    return str(robustness_summary(result))


def robustness_html(result: RobustnessResult) -> str:
    return robustness_summary(result)._repr_html_()
