"""The robustness section of the study report: robust core first, then the Oana & Schneider
figures and case classes, term and model frequencies, sensitivity ranges, pivotal values,
necessity robustness and the figures (frequency bars, heat map, robust core XY plot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from .._render.html import Html, escape, html_table

__all__ = ["robustness_section"]


def _share(value: float) -> str:
    return f"{100 * value:.1f}%"


def _figure(svg: str, caption: str) -> str:
    return f'<figure class="xy">{svg}<figcaption>{escape(caption)}</figcaption></figure>'


def _plots(result: Any, svg_figure: Callable[[Any, str], str]) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - matplotlib is optional
        return []
    from ..robustness import plots

    out = []
    if result.term_frequency:
        ax = plots.frequency_plot(result, kind="term")
        out.append(_figure(svg_figure(ax.figure, "robustness-terms-"), "Terms across variants"))
        plt.close(cast(Any, ax.figure))
    ordered = list(result.sensitivity)
    if len(ordered) >= 2:
        ax = plots.sensitivity_heatmap(result, x=ordered[-1], y=ordered[0])
        out.append(
            _figure(
                svg_figure(ax.figure, "robustness-map-"),
                f"Share of variants keeping the base solution, {ordered[-1]} x {ordered[0]}",
            )
        )
        plt.close(cast(Any, ax.figure))
    if result.figures is not None:
        ax = plots.core_xy_plot(result)
        out.append(_figure(svg_figure(ax.figure, "robustness-core-"), "Robust core (XY plot)"))
        plt.close(cast(Any, ax.figure))
    return out


def robustness_section(result: Any, svg_figure: Callable[[Any, str], str]) -> str:
    """The ``<section id="robustness">`` of the report for a RobustnessResult."""
    parts = ['<section id="robustness"><h2>Robustness</h2>']
    completions = dict(result.completions)
    coding = ""
    if completions.get("cells"):
        coding = (
            f" Coding uncertainty: {len(completions['cells'])} uncertain cell(s), "
            f"{completions['total']} completions, "
            + (
                f"a seeded sample of {completions['swept']} swept."
                if completions["sampled"]
                else f"all {completions['swept']} swept."
            )
        )
    factors = ", ".join(f"{n} ({len(v)} values)" for n, v in result.factors) or "none"
    parts.append(
        f"<p>Base solution <code>{escape(result.base['solution'])}</code>; "
        f"{result.n_variants} variants ({'crossed' if result.cross else 'one factor at a time'}; "
        f"factors: {escape(factors)}), {result.n_solved} with a solution; "
        f"{result.n_problems} distinct minimization problem(s).{escape(coding)}</p>"
    )
    core = " * ".join(result.robust_core) or "no term is in every model"
    intersection = result.core_expression or "-"
    if intersection == "0":
        intersection = "0 (empty: no configuration is in every variant's first model)"
    parts.append(
        "<h3>Robust core</h3>"
        f"<p>Terms in every model of every variant: <code>{escape(core)}</code>. "
        f"Intersection of all first models (Oana &amp; Schneider's robust core): "
        f"<code>{escape(intersection)}</code>.</p>"
    )
    if result.figures is not None:
        f = result.figures.to_dict()
        keys = ["RF_cov", "RF_cons", "RF_SC_minTS", "RF_SC_maxTS", "RCR_typ", "RCR_dev", "RCC_rank"]
        parts.append(
            html_table(keys, [[f[k] for k in keys]], numeric=[True] * len(keys), scroll=True)
        )
        rows = [[name, ", ".join(cases) or "-"] for name, cases in f["case_classes"].items()]
        parts.append(html_table(["case class", "cases"], rows, scroll=True))
        parts.append(
            "<p>RF_cov = covS(RC)/covS(IS), RF_cons = inclS(IS)/inclS(RC), RF_SC = "
            "sum(min)/sum(max) of IS and the test set's min / max; RCR_typ / RCR_dev = robust "
            "/ (robust + shaky + possible) typical / deviant cases; RCC_rank 1-4 (Oana &amp; "
            "Schneider 2024, <i>SMR</i> 53(1) 57-88).</p>"
        )
    for kind, label in (("term", "Terms"), ("model", "Models")):
        series = result.frequencies(kind)
        if len(series):
            rows = [[name, _share(value)] for name, value in series.items()]
            parts.append(f"<h3>{label} across variants</h3>")
            parts.append(html_table([kind, "share of variants"], rows, scroll=True, max_rows=30))
    if result.sensitivity:
        rows = [
            [name, v["base"], v["low"], v["high"], v["changes_below"], v["changes_above"]]
            for name, v in result.sensitivity.items()
        ]
        parts.append("<h3>Sensitivity ranges</h3>")
        parts.append(
            html_table(
                ["factor", "base", "low", "high", "changes below", "changes above"],
                rows,
                numeric=[False, True, True, True, True, True],
                scroll=True,
            )
        )
    pivotal = [
        [name, ", ".join(map(str, values))] for name, values in result.pivotal.items() if values
    ]
    parts.append("<h3>Pivotal values</h3>")
    if pivotal:
        parts.append(
            html_table(["factor", "values that change the solution alone"], pivotal, scroll=True)
        )
    else:
        parts.append("<p>No single value changes the solution.</p>")
    if result.necessity:
        rows = [[name, _share(value)] for name, value in result.necessity.items()]
        parts.append("<h3>Necessity across variants</h3>")
        parts.append(html_table(["condition", "necessary in"], rows, scroll=True))
    parts.extend(_plots(result, svg_figure))
    parts.append("</section>")
    return Html("".join(parts))
