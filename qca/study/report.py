"""The HTML report of a study run: one self-contained file people read.

Everything is inline: the CSS, and the XY plots as SVG. The file opens offline and names no
external URL. The same input gives the same bytes (matplotlib's SVG ids are salted with a fixed
string and carry no date).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .._render.html import STYLESHEET, Cell, Html, escape, html_table, number
from .._version import __version__
from ..plots import model_xy
from .provenance import display_path, versions
from .report_inference import inference_section, inference_toc
from .results import ModelResult, StudyResult, SufficiencyResult
from .robustness_report import robustness_section

__all__ = ["NO_FIGURES", "plots_available", "render_report", "svg_figure"]

#: Said in the report (and by ``qca run``) when matplotlib, an optional dependency, is missing.
NO_FIGURES = (
    "matplotlib is not installed: the report has no figures (XY plots); "
    'install it with pip install "qca[plot]" and run again to draw them.'
)


def plots_available() -> bool:
    """Whether matplotlib (the ``plot`` extra) can be imported: the report's figures need it."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# HTML building blocks: the shared stylesheet and table builder (qca._render.html), case lists,
# raw scores, inline SVG figures
# ---------------------------------------------------------------------------------------------


def _raw(value: float) -> str:
    """A raw score as people write it: ``720``, ``33.4`` (up to 8 significant digits)."""
    return "-" if math.isnan(value) else f"{value:.8g}"


def _cases(names: Iterable[str]) -> Html:
    names = list(names)
    return Html(escape(", ".join(names)) if names else '<span class="muted">none</span>')


def _code(text: Any) -> Html:
    return Html(f"<code>{escape(text)}</code>")


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Sequence[bool] = (),
    row_classes: Sequence[str] | None = None,
    cls: str = "",
    table_id: str = "",
) -> str:
    """A table of the report: :func:`qca._render.html.html_table`, scrolling sideways."""
    numeric = list(numeric) + [False] * (len(header) - len(numeric))
    return html_table(
        header,
        rows,
        numeric=numeric,
        row_classes=row_classes,
        classes=cls,
        table_id=table_id,
        scroll=True,
    )


def svg_figure(figure: Any, prefix: str = "") -> str:
    """A matplotlib Figure as an inline ``<svg>`` element (deterministic bytes).

    ``prefix`` is put before every id (and every reference to one), so that several figures
    inlined in one page do not share ids (matplotlib numbers them from 1 in each figure).
    """
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "qca-report", "svg.fonttype": "none"}):
        figure.savefig(
            buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight"
        )
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    # the RDF metadata block only names the creator tool; it adds URLs and bytes, nothing to read
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    if prefix:
        text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', text)
        text = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", text)
        text = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}\1"', text)
    return text


def _xy_svg(model: ModelResult, outcome: Any, outcome_name: str, prefix: str) -> str:
    from matplotlib.figure import Figure  # optional: only runs that draw plots need it

    figure = Figure(figsize=(4.2, 4.2))
    ax = figure.add_subplot()
    model_xy(
        model.membership,
        outcome.rename(outcome_name),
        expression=model.expression,
        ax=ax,
        title=f"{model.solution} {model.name}",
    )
    return svg_figure(figure, prefix)


# ---------------------------------------------------------------------------------------------
# The sections of the report
# ---------------------------------------------------------------------------------------------

_SOLUTION_TEXT = {
    "conservative": "Conservative (complex) solution: no logical remainders used.",
    "parsimonious": "Parsimonious solution: any remainder that simplifies the result may be used.",
    "intermediate": "Intermediate solution: only easy counterfactuals (remainders agreeing with "
    "the directional expectations) are used.",
}


def _overview(result: StudyResult) -> str:
    lines = []
    for analysis in result.sufficiency:
        for solution in analysis.spec.solutions:
            models = analysis.models_of(solution)
            note = analysis.note(solution)
            if models:
                text = " ; ".join(
                    f"<code>{escape(m.expression)}</code> (inclS {number(m.inclS)}, "
                    f"covS {number(m.covS)})"
                    for m in models
                )
            else:
                text = f'<span class="note">{escape(note or "no model")}</span>'
            lines.append(
                f"<li><b>{escape(solution)}</b> for "
                f"<b>{escape(analysis.spec.outcome)}</b>: {text}</li>"
            )
    if not lines:
        return ""
    return (
        '<div class="finding" id="finding"><b>Main finding</b> (sufficient configurations; '
        '"<code>*</code>" = and, "<code>+</code>" = or, "<code>~</code>" = not):'
        f"<ul>{''.join(lines)}"
        "</ul></div>"
    )


def _data_section(result: StudyResult) -> str:
    study = result.study
    parts = ['<section id="data"><h2>Data and calibration</h2>']
    parts.append(
        f"<p>{len(result.raw)} cases from <code>{escape(study.data_path.name)}</code>; "
        f"outcome <b>{escape(study.outcome)}</b>; conditions "
        f"{escape(', '.join(study.conditions))}.</p>"
    )
    if result.warnings:
        parts.append(
            '<h4>Warnings</h4><ul class="warnings">'
            + "".join(f"<li>{escape(w)}</li>" for w in result.warnings)
            + "</ul>"
        )
    if study.calibration:
        rows = [
            [
                c.variable,
                c.type,
                c.method,
                _code(c.thresholds_text()),
                ", ".join(f"{k}={v}" for k, v in c.options),
                c.reason,
                c.source,
            ]
            for c in study.calibration
        ]
        parts.append('<h3 id="anchors">Calibration anchors</h3>')
        parts.append(
            _table(
                ["variable", "type", "method", "thresholds", "options", "reason", "source"],
                rows,
                cls="anchors",
            )
        )
    calibrated = {s.variable for s in study.calibration}
    uncalibrated = [c for c in result.raw.columns if c not in calibrated]
    if uncalibrated:
        parts.append(
            f'<p class="muted">Used as given (already set memberships): '
            f"{escape(', '.join(uncalibrated))}.</p>"
        )
    columns = list(result.raw.columns)
    raw_rows = [
        [str(case)] + [_raw(result.raw.at[case, c]) for c in columns] for case in result.raw.index
    ]
    cal_rows = [
        [str(case)] + [result.calibrated.at[case, c] for c in columns]
        for case in result.calibrated.index
    ]
    parts.append('<h3 id="raw">Raw data</h3>')
    parts.append(
        _table(["case"] + columns, raw_rows, numeric=[False] + [True] * len(columns), cls="raw")
    )
    parts.append('<h3 id="calibrated">Calibrated set memberships</h3>')
    parts.append(
        _table(
            ["case"] + columns, cal_rows, numeric=[False] + [True] * len(columns), cls="calibrated"
        )
    )
    parts.append("</section>")
    return "".join(parts)


def _necessity_section(result: StudyResult) -> str:
    if result.necessity is None:
        return ""
    study = result.study
    cut, cov = study.necessity_incl_cut, study.necessity_cov_cut
    parts = ['<section id="necessity"><h2>Necessity</h2>']
    for outcome, (single, supersets) in result.necessity.items():
        slug = _slug(outcome)
        rows = [
            [_code(name), r["inclN"], r["RoN"], r["covN"], "yes" if r["necessary"] else ""]
            for name, r in single.iterrows()
        ]
        classes = ["necessary" if r else "" for r in single["necessary"]]
        parts.append(f'<h3 id="necessity-{slug}">Necessary conditions for {escape(outcome)}</h3>')
        parts.append(
            f"<p>Each condition and its negation: consistency inclN, relevance RoN, "
            f"coverage covN; rows with inclN &ge; {number(cut)} are marked.</p>"
        )
        parts.append(
            _table(
                ["condition", "inclN", "RoN", "covN", f"inclN ≥ {number(cut)}"],
                rows,
                numeric=[False, True, True, True, False],
                row_classes=classes,
                cls="necessity",
                table_id=f"necessity-table-{slug}",
            )
        )
        found = supersets.table
        parts.append(
            f"<p>Minimal necessary expressions (conjunctions and disjunctions, R's "
            f"<code>superSubset</code>) with inclN &ge; {number(cut)} and covN &ge; "
            f"{number(cov)}:</p>"
        )
        if found.empty:
            parts.append('<p class="note">None passes these cut-offs.</p>')
        else:
            parts.append(
                _table(
                    ["expression", "inclN", "RoN", "covN"],
                    [
                        [_code(name), r["inclN"], r["RoN"], r["covN"]]
                        for name, r in found.iterrows()
                    ],
                    numeric=[False, True, True, True],
                    cls="necessity-expressions",
                )
            )
    parts.append("</section>")
    return "".join(parts)


def _truth_table_html(analysis: SufficiencyResult) -> str:
    tt = analysis.truth_table
    table = tt.table
    conditions = list(tt.conditions)
    rows, classes = [], []
    for row_id, r in table.iterrows():
        out = str(r["OUT"])
        rows.append(
            [int(row_id)]
            + [int(r[c]) for c in conditions]
            + [
                Cell(out, "out"),
                int(r["n"]),
                r["incl"],
                r["PRI"],
                _cases(r["cases"]),
                # R's DCC lists out-of-outcome cases in every row; they are deviant only
                # where the row is coded 1 (or C): elsewhere they agree with the coding.
                _cases(r["DCC"]) if out in ("1", "C") and len(r["DCC"]) else "",
            ]
        )
        classes.append(f"out-{out}" if out in ("1", "C") else "")
    header = (
        ["row"]
        + conditions
        + ["OUT", "n", "incl", "PRI", "cases", "deviant cases, rows coded 1 (DCC)"]
    )
    numeric = [True] + [True] * len(conditions) + [False, True, True, True, False, False]
    body = _table(
        header,
        rows,
        numeric=numeric,
        row_classes=classes,
        cls="truth-table",
        table_id=f"tt-{_slug(analysis.spec.outcome)}",
    )
    counts = tt.counts()
    ic = tt.incl_cut
    cut = number(ic[0]) if ic[0] == ic[1] else f"{number(ic[0])} / {number(ic[1])}"
    intro = (
        f"<p>{counts['observed']} observed configurations ({counts['positive']} positive, "
        f"{counts['negative']} negative, {counts['contradictions']} contradictions); "
        f"{counts['remainders']} logical remainders not listed. incl_cut = {cut}, "
        f"n_cut = {tt.n_cut}, pri_cut = {number(tt.pri_cut)}.</p>"
    )
    half = (
        f'<p class="muted">Not placed in any row (a membership of exactly 0.5): '
        f"{escape(', '.join(tt.half_cases))}.</p>"
        if tt.half_cases
        else ""
    )
    return intro + body + half


def _model_html(model: ModelResult, analysis: SufficiencyResult) -> str:
    tt = analysis.truth_table
    outcome = tt.memberships[tt.outcome]
    terms = [
        [
            _code(t.term),
            t.inclS,
            t.PRI,
            t.covS,
            t.covU,
            _cases(t.cases),
            _cases(t.typical),
            _cases(t.deviant),
        ]
        for t in model.terms
    ]
    terms.append(
        [
            Html("<b>model</b>"),
            model.inclS,
            model.PRI,
            model.covS,
            "",
            _cases(str(c) for c in model.membership.index[model.membership.to_numpy() > 0.5]),
            _cases(model.typical),
            _cases(model.deviant),
        ]
    )
    table = _table(
        [
            "term",
            "inclS",
            "PRI",
            "covS",
            "covU",
            "cases covered (> 0.5)",
            "typical",
            "deviant (consistency)",
        ],
        terms,
        numeric=[False, True, True, True, True, False, False, False],
        cls="model-fit",
    )
    uncovered = (
        f"<p>Cases in the outcome the model does not cover (deviant for coverage): "
        f"{_cases(model.uncovered)}.</p>"
    )
    model_id = f"model-{_slug(analysis.spec.outcome)}-{model.solution}-{_slug(model.name)}"
    if plots_available():
        svg = _xy_svg(model, outcome, tt.outcome, f"{model_id}-")
        figure = (
            f'<figure class="xy">{svg}<figcaption>XY plot: '
            f"membership in the model (x) against {escape(tt.outcome)} (y). Points above the "
            "diagonal are consistent with sufficiency.</figcaption></figure>"
        )
    else:
        figure = '<p class="note">No XY plot: matplotlib is not installed.</p>'
    return (
        f'<div class="model" id="{model_id}"><h4>{escape(model.name)}: '
        f'<code class="expr">{escape(model.expression)}</code> &rarr; {escape(tt.outcome)}</h4>'
        f'{table}<div class="model-body">{figure}<div>{uncovered}</div></div></div>'
    )


def _rows(values: Iterable[int]) -> str:
    values = list(values)
    if not values:
        return '<span class="muted">none</span>'
    return escape(", ".join(str(v) for v in values))


def _details_html(solution: str, details: dict[str, Any]) -> str:
    if not details:
        return ""
    implicants = ", ".join(details["prime_implicants"])
    parts = [f'<p class="muted">Prime implicants: {escape(implicants)}.']
    if details.get("truncated"):
        parts.append(f" Only the first models are listed; {details.get('n_models')} exist.")
    parts.append("</p>")
    amb = details.get("ambiguity")
    if amb and amb["in_some"]:
        some = ", ".join(
            f"{pi} ({amb['frequency'][pi]}/{amb['n_models']})" for pi in amb["in_some"]
        )
        parts.append(
            f'<p class="muted">Model ambiguity: {amb["n_models"]} models; in every model: '
            f"{escape(', '.join(amb['in_every']) or 'none')}; in some: {escape(some)}.</p>"
        )
    if "excluded_rows" in details:
        kinds = ", ".join(details.get("esa", []))
        parts.append(
            f'<p class="muted">Enhanced standard analysis ({escape(kinds)}): remainder rows kept '
            f"out of the minimization: {_rows(details['excluded_rows']) or 'none'}.</p>"
        )
    for model, rows in details.get("simplifying_assumptions", {}).items():
        parts.append(
            f'<p class="muted">Simplifying assumptions of {escape(model)} '
            "(remainder rows): "
            f"{_rows(rows)}.</p>"
        )
    for pair in details.get("pairs", []):
        parts.append(
            f'<p class="muted">{escape(pair["label"])}: easy counterfactuals (rows) '
            f"{_rows(pair['easy_counterfactuals'])}; difficult ones, not used: "
            f"{_rows(pair['difficult_counterfactuals'])}.</p>"
        )
    return "".join(parts)


def _sufficiency_section(analysis: SufficiencyResult) -> str:
    spec = analysis.spec
    slug = _slug(spec.outcome)
    parts = [
        f'<section id="sufficiency-{slug}"><h2>Sufficiency for {escape(spec.outcome)}</h2>',
        f'<h3 id="truth-table-{slug}">Truth table</h3>',
        _truth_table_html(analysis),
    ]
    for solution in spec.solutions:
        parts.append(f'<h3 id="{slug}-{solution}">{escape(solution.capitalize())} solution</h3>')
        text = _SOLUTION_TEXT[solution]
        if solution == "intermediate":
            text += f" Directional expectations: <code>{escape(', '.join(spec.dir_exp))}</code>."
        parts.append(f"<p>{text}</p>")
        models = analysis.models_of(solution)
        parts.append(_details_html(solution, analysis.detail(solution)))
        if not models:
            note = analysis.note(solution) or "none found"
            parts.append(f'<p class="note">No model: {escape(note)}</p>')
        for model in models:
            parts.append(_model_html(model, analysis))
    parts.append("</section>")
    return "".join(parts)


def _slug(text: str) -> str:
    return "not-" + text[1:] if text.startswith("~") else text


def _prose_html(text: str) -> str:
    """Plain text as HTML: blank lines separate paragraphs, lines starting "- " form lists."""
    parts = []
    for block in (b for b in text.split("\n\n") if b.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        if all(line.startswith("- ") for line in lines if line):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines if line)
            parts.append(f"<ul>{items}</ul>")
        else:
            merged: list[str] = []
            for line in lines:  # a "- " line inside a paragraph continues the previous item
                if line.startswith("- ") or not merged:
                    merged.append(line)
                else:
                    merged[-1] += " " + line
            if any(line.startswith("- ") for line in merged):
                lead = [m for m in merged if not m.startswith("- ")]
                items = "".join(f"<li>{escape(m[2:])}</li>" for m in merged if m.startswith("- "))
                parts.append(f"<p>{escape(' '.join(lead))}</p><ul>{items}</ul>")
            else:
                parts.append(f"<p>{escape(' '.join(merged))}</p>")
    return "".join(parts)


def _narrative_html(result: StudyResult, position: str) -> list[str]:
    """The study's own prose sections (narrative file of the study) placed at `position`."""
    html = []
    for section in result.study.narrative:
        if section.position != position:
            continue
        parts = [f'<section id="{escape(section.id)}"><h2>{escape(section.title)}</h2>']
        parts.append(_prose_html(section.text))
        for table in section.tables:
            head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>"
                for row in table.rows
            )
            caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
            parts.append(
                f'<div class="qca-scroll"><table class="narrative">{caption}<thead><tr>{head}</tr>'
                f"</thead><tbody>{rows}</tbody></table></div>"
            )
        parts.append("</section>")
        html.append("".join(parts))
    return html


def render_report(result: StudyResult) -> str:
    """The report of a run as one self-contained HTML document.

    Sections: an overview with the models, the data and calibration (anchors with reasons, raw
    and calibrated tables), necessity, and for each outcome the truth table and every model of
    each solution with its fit, the cases covered per term, typical and deviant cases
    (Schneider & Rohlfing 2013) and an XY plot.
    """
    study = result.study
    package_versions = versions()
    toc = [
        f'<a href="#{escape(s.id)}">{escape(s.title)}</a>'
        for s in study.narrative
        if s.position == "top"
    ]
    if result.robustness is not None:
        toc.append('<a href="#robustness">Robustness</a>')
    toc.append('<a href="#data">Data and calibration</a>')
    if result.necessity is not None:
        toc.append('<a href="#necessity">Necessity</a>')
    toc += [
        f'<a href="#sufficiency-{_slug(a.spec.outcome)}">Sufficiency for '
        f"{escape(a.spec.outcome)}</a>"
        for a in result.sufficiency
    ]
    toc += inference_toc(result)
    toc += [
        f'<a href="#{escape(s.id)}">{escape(s.title)}</a>'
        for s in study.narrative
        if s.position == "end"
    ]
    description = (
        f"<p>{escape(' '.join(study.description.split()))}</p>" if study.description else ""
    )
    body = [
        (
            '<header class="top"><p class="meta">QCA study report · '
            f"<code>{escape(study.name)}</code></p>"
            f"<h1>{escape(study.title)}</h1>{description}</header>"
        ),
        f'<nav class="toc">{"".join(toc)}</nav>',
        "" if plots_available() else f'<p class="note">{escape(NO_FIGURES)}</p>',
        # what holds across the study's choices comes before any single solution: the study's
        # own summary (narrative "top"), then the robustness sweep, then the base analysis
        *_narrative_html(result, "top"),
        robustness_section(result.robustness, svg_figure) if result.robustness is not None else "",
        _overview(result),
        _data_section(result),
        _necessity_section(result),
        *(_sufficiency_section(a) for a in result.sufficiency),
        inference_section(result),
        *_narrative_html(result, "end"),
        (
            "<footer><p>Made by <code>qca run "
            f"{escape(display_path(study.path))}</code> with qca {escape(__version__)} (Python "
            f"{escape(package_versions['python'])}, numpy {escape(package_versions['numpy'])}, "
            f"pandas {escape(package_versions['pandas'])}, "
            f"scipy {escape(package_versions['scipy'])}). "
            "Check that it still reproduces with <code>qca verify "
            "RUNDIR</code>; every number is in <code>results.json</code>, the inputs' SHA-256 in "
            "<code>manifest.json</code>. Fit: inclS consistency, PRI proportional reduction in "
            "inconsistency, covS raw coverage, covU unique coverage; case roles (qca.case_roles, "
            "Schneider &amp; Rohlfing 2013): typical cases are members of the term and of the "
            "outcome (&gt; 0.5) with term &le; outcome, deviant cases for consistency are members "
            "of the term but not of the outcome (&lt; 0.5).</p></footer>"
        ),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(study.title)} · qca report</title><style>{STYLESHEET}</style></head>"
        f'<body class="qca-report"><main>{"".join(body)}</main></body></html>\n'
    )
