"""HTML views: one stylesheet, one table builder, and the notebook views of the results.

:func:`html_table` builds every table, of the results in a notebook and of the study report: it
escapes text, formats figures (:func:`qca._render.text.format_number`: 3 decimals, ``-`` for NaN),
marks numeric columns (class ``num``) and caps long tables with a note naming the attribute that
has every row. A cell given as :class:`Html` is inserted as it is (markup the caller built and
escaped); a :class:`Cell` adds CSS classes to its ``<td>``.

:data:`STYLESHEET` is the one stylesheet. Its rules are scoped: tables by ``qca-table``, the rest
of the report by ``qca-report`` (the report's ``<body>``), so a notebook view can carry it
(:func:`notebook`) without restyling anything else on the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .categories import labelled_level, labelled_outcome, labelled_term, outcome_labels
from .limits import MAX_BLOCKS, MAX_ROWS, TRUTH_TABLE_ROWS
from .text import (
    format_number,
    models_found,
    more_count,
    numeric_columns,
    solution_repr,
    truth_table_printed,
    truth_table_repr,
)

if TYPE_CHECKING:
    from ..fit import FitTable
    from ..minimize import Model, Solution
    from ..necessity import NecessityResult
    from ..theory import ModelFitResult, TheoryFit
    from ..truthtable import TruthTable
    from .summary import Summary

__all__ = [
    "STYLESHEET",
    "Cell",
    "Html",
    "escape",
    "fit_html",
    "frame_table",
    "html_table",
    "model_fit_html",
    "more_html",
    "necessity_html",
    "notebook",
    "number",
    "solution_html",
    "summary_html",
    "theory_fit_html",
    "truth_table_html",
]

#: The stylesheet of the study report and of the notebook views (every rule scoped).
STYLESHEET = """
.qca-report { --ink: #1d2430; --muted: #5b6573; --line: #d9dee5; --accent: #1f5fa8;
  --soft: #f4f6f9; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: var(--ink); margin: 0; background: #fff; }
.qca-report * { box-sizing: border-box; }
.qca-report main { max-width: 1100px; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
.qca-report header.top { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
.qca-report h1 { font-size: 1.7rem; margin: 0.2rem 0 0.3rem; }
.qca-report h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
.qca-report h3 { font-size: 1.1rem; margin-top: 1.8rem; }
.qca-report h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.qca-report p.meta, .qca-report .muted { color: var(--muted); font-size: .9rem; }
.qca-report nav.toc { background: var(--soft); padding: .6rem 1rem; border-radius: 6px;
  font-size: .92rem; }
.qca-report nav.toc a { color: var(--accent); text-decoration: none; margin-right: 1.2rem; }
.qca-report .finding { background: var(--soft); border-left: 4px solid var(--accent);
  padding: .6rem 1rem; margin: 1rem 0; }
.qca-report .finding code, .qca-report code.expr { font: 600 1rem/1.4 ui-monospace,
  "SFMono-Regular", Menlo, Consolas, monospace; }
.qca-report .model { border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem;
  margin: 1rem 0; }
.qca-report .model-body { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.qca-report .model-body > div { flex: 1 1 300px; min-width: 0; }
.qca-report figure.xy { margin: 0; flex: 0 0 330px; }
.qca-report figure.xy svg { width: 330px; height: auto; }
.qca-report figure.xy figcaption { font-size: .8rem; color: var(--muted); }
.qca-report ul.warnings li { color: #8a4b00; }
.qca-report .note { color: var(--muted); font-style: italic; }
.qca-report footer { margin-top: 3rem; color: var(--muted); font-size: .85rem;
  border-top: 1px solid var(--line); padding-top: .8rem; }
.qca-scroll { overflow-x: auto; max-width: 100%; }
table.qca-table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .86rem; }
.qca-table caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.qca-table th, .qca-table td { border-bottom: 1px solid rgba(127, 127, 127, .3);
  padding: .25rem .55rem; text-align: left; vertical-align: top; }
.qca-table th { background: rgba(127, 127, 127, .1); font-weight: 600; }
.qca-table td.num, .qca-table th.num { text-align: right; font-variant-numeric: tabular-nums; }
.qca-table tr.out-1 td.out { background: rgba(46, 160, 67, .18); font-weight: 600; }
.qca-table tr.out-C td.out { background: rgba(255, 193, 7, .28); font-weight: 600; }
.qca-table tr.necessary td { background: rgba(46, 160, 67, .18); }
.qca-table tr.model th, .qca-table tr.model td { border-top: 2px solid rgba(127, 127, 127, .5); }
.qca-table tr.qca-more td, .qca-note { font-style: italic; opacity: .8; }
.qca-summary h4 { margin: .3rem 0; }
"""


class Html(str):
    """Markup inserted as it is: the caller built it and escaped what it shows."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell with CSS classes on its ``<td>`` (``value`` is formatted as any cell)."""

    value: Any
    classes: str = ""


def escape(value: Any) -> str:
    """``str(value)`` escaped for HTML text and attribute values.

    Examples
    --------
    >>> escape("<A & B>")
    '&lt;A &amp; B&gt;'
    """
    return html.escape(str(value), quote=True)


def number(value: Any, decimals: int = 3) -> str:
    """A figure as HTML text (:func:`qca._render.text.format_number`, escaped)."""
    return escape(format_number(value, decimals))


def more_html(hidden: int, noun: str, attr: str) -> str:
    """``… 4,950 more rows; <code>result.table</code> has them all`` (HTML)."""
    return f"{escape(more_count(hidden, noun))}; <code>{escape(attr)}</code> has them all"


def _attributes(**values: str) -> str:
    return "".join(
        f' {name.rstrip("_")}="{escape(value)}"' for name, value in values.items() if value
    )


def _cell(value: Any, numeric: bool, decimals: int) -> str:
    classes = "num" if numeric else ""
    if isinstance(value, Cell):
        classes = " ".join(filter(None, [classes, value.classes]))
        value = value.value
    content = value if isinstance(value, Html) else number(value, decimals)
    return f"<td{_attributes(class_=classes)}>{content}</td>"


def html_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    index: Sequence[Any] | None = None,
    index_name: str = "",
    numeric: Sequence[bool] | None = None,
    decimals: int = 3,
    caption: str = "",
    classes: str = "",
    table_id: str = "",
    row_classes: Sequence[str] | None = None,
    max_rows: int | None = None,
    attr: str = "",
    noun: str = "row",
    total_rows: int | None = None,
    head: bool = True,
    scroll: bool = False,
) -> str:
    """An HTML table (class ``qca-table``).

    Parameters
    ----------
    columns : sequence of str
        The column headers (escaped).
    rows : iterable of sequences
        The cells: numbers are formatted with ``decimals`` decimals (``-`` for NaN and None),
        text is escaped, :class:`Html` is inserted as it is, :class:`Cell` adds CSS classes.
    index : sequence, optional
        Row labels, shown as a first ``<th>`` column headed ``index_name``.
    numeric : sequence of bool, optional
        Which columns are right-aligned figures (class ``num``); by default those whose every
        value is a number or missing.
    caption, classes, table_id : str
        The caption (escaped), further CSS classes and the ``id`` of the table.
    row_classes : sequence of str, optional
        A CSS class per row ("" for none).
    max_rows : int, optional
        Show at most this many rows, then a last row saying how many more ``attr`` has.
    total_rows : int, optional
        The rows of the whole table when ``rows`` holds only its first rows (a long table need
        not be formatted beyond what is shown); the note counts the rows not shown.
    head : bool
        Whether to show the header row.
    scroll : bool
        Wrap the table in a horizontally scrolling ``<div class="qca-scroll">``.

    Examples
    --------
    >>> markup = html_table(["inclS"], [[0.8154], [float("nan")]], index=["A<B", "C"])
    >>> print(markup.replace("<tr>", "\\n<tr>"))
    <table class="qca-table"><thead>
    <tr><th></th><th class="num">inclS</th></tr></thead><tbody>
    <tr><th>A&lt;B</th><td class="num">0.815</td></tr>
    <tr><th>C</th><td class="num">-</td></tr></tbody></table>
    """
    rows = [list(row) for row in rows]
    labels = list(index) if index is not None else None
    if numeric is None:
        numeric = numeric_columns(
            [[c.value if isinstance(c, Cell) else c for c in row] for row in rows], len(columns)
        )
    numeric = list(numeric) + [False] * (len(columns) - len(numeric))
    total = len(rows) if total_rows is None else total_rows
    if max_rows is not None and len(rows) > max_rows:
        rows = rows[:max_rows]
    hidden = total - len(rows)
    names = " ".join(filter(None, ["qca-table", classes]))
    out = [f"<table{_attributes(class_=names, id=table_id)}>"]
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    if head:
        heads = [f"<th>{escape(index_name)}</th>"] if labels is not None else []
        heads += [
            f"<th{_attributes(class_='num' if n else '')}>{escape(c)}</th>"
            for c, n in zip(columns, numeric)
        ]
        out.append(f"<thead><tr>{''.join(heads)}</tr></thead>")
    out.append("<tbody>")
    for i, row in enumerate(rows):
        klass = row_classes[i] if row_classes is not None else ""
        label = f"<th>{escape(labels[i])}</th>" if labels is not None else ""
        cells = "".join(_cell(value, n, decimals) for value, n in zip(row, numeric))
        out.append(f"<tr{_attributes(class_=klass)}>{label}{cells}</tr>")
    out.append("</tbody>")
    if hidden:
        span = len(columns) + int(labels is not None)
        out.append(
            f'<tfoot><tr class="qca-more"><td colspan="{span}">'
            f"{more_html(hidden, noun, attr)}</td></tr></tfoot>"
        )
    out.append("</table>")
    table = "".join(out)
    return f'<div class="qca-scroll">{table}</div>' if scroll else table


def frame_table(
    frame: pd.DataFrame,
    *,
    caption: str = "",
    classes: str = "",
    labels: Sequence[str] | None = None,
    max_rows: int | None = MAX_ROWS,
    attr: str = "",
    decimals: int = 3,
) -> str:
    """:func:`html_table` of a DataFrame: its index (or ``labels``) as row headers."""
    return html_table(
        [str(c) for c in frame.columns],
        frame.itertuples(index=False),
        index=[str(i) for i in frame.index] if labels is None else labels,
        caption=caption,
        classes=classes,
        max_rows=max_rows,
        attr=attr,
        decimals=decimals,
    )


_COMPACT_STYLESHEET = " ".join(STYLESHEET.split())


def notebook(body: str) -> str:
    """A notebook view: ``body`` followed by the stylesheet (its rules touch only qca's classes;
    whitespace folded)."""
    return f"{body}<style>{_COMPACT_STYLESHEET}</style>"


# ---------------------------------------------------------------------------------------------
# The results
# ---------------------------------------------------------------------------------------------


def fit_html(result: FitTable) -> str:
    """``_repr_html_`` of a :class:`~qca.FitTable`."""
    caption = f"{result.relation.capitalize()} for {result.outcome}"
    return notebook(
        frame_table(result.table, caption=caption, classes="qca-fit", attr="result.table")
    )


def necessity_html(result: NecessityResult) -> str:
    """``_repr_html_`` of a :class:`~qca.NecessityResult`."""
    caption = f"{result.relation.capitalize()} relations for {result.outcome}"
    body = frame_table(result.table, caption=caption, classes="qca-necessity", attr="result.table")
    if not len(result):
        cuts = ", ".join(f"{k}={v}" for k, v in result.options.items() if k.endswith("_cut"))
        body += f'<p class="qca-note">No expression passes the cut-offs ({escape(cuts)}).</p>'
    return notebook(body)


def _theory_fit_table(item: TheoryFit) -> str:
    table = item.table
    labels = []
    for label in (str(label) for label in table.index):
        expression = item.expression_text(label)
        labels.append(label if expression in (None, label) else f"{label}: {expression}")
    frame = table.assign(cases=[",".join(item.cases[str(label)]) for label in table.index])
    caption = f"{item.name}: model {item.model} vs theory {item.theory}"
    return frame_table(
        frame, caption=caption, classes="qca-model-fit", labels=labels, max_rows=None
    )


def theory_fit_html(item: TheoryFit) -> str:
    """``_repr_html_`` of a :class:`~qca.theory.TheoryFit`."""
    return notebook(_theory_fit_table(item))


def model_fit_html(result: ModelFitResult, max_blocks: int = MAX_BLOCKS) -> str:
    """``_repr_html_`` of a :class:`~qca.theory.ModelFitResult`: a table per model, at most
    ``max_blocks``."""
    fits = result.fits
    body = "".join(_theory_fit_table(item) for item in fits[:max_blocks])
    if len(fits) > max_blocks:
        note = more_html(len(fits) - max_blocks, "model", "result.fits")
        body += f'<p class="qca-note">{note}</p>'
    return notebook(body)


#: CSS class of a truth-table row, by its ``OUT`` code (the stylesheet marks 1 and C).
_OUT_CLASSES = {"1": "out-1", "0": "out-0", "C": "out-C", "?": "out-rem"}


def truth_table_html(tt: TruthTable, max_rows: int = TRUTH_TABLE_ROWS) -> str:
    """``_repr_html_`` of a :class:`~qca.TruthTable`: the rows R prints, at most ``max_rows``.

    The caption is the ``repr``; a row has the class ``out-1``, ``out-0``, ``out-C`` or
    ``out-rem`` and its ``OUT`` cell the class ``out``; a row's cases are joined by ``", "``.
    """
    table = truth_table_printed(tt)
    shown = table.iloc[:max_rows]
    conditions = list(tt.conditions)
    field = "DCC" if tt.dcc else "cases"
    pvalues = [c for c in ("pval1", "pval0") if c in table.columns]
    columns = [*conditions, "OUT", "n", "incl", "PRI", *pvalues]
    columns += [field] if tt.show_cases else []
    numeric = [True] * len(conditions) + [False, True, True, True] + [True] * len(pvalues) + [False]
    configurations: list[list[Any]] = shown[conditions].to_numpy(dtype=np.int64).tolist()
    for j, name in enumerate(conditions):
        labels = tt.categories.get(name)
        if labels:
            numeric[j] = False
            for config in configurations:
                config[j] = labelled_level(labels, config[j])
        if name in tt.dont_care:  # tQCA: the placeholder's level shows as R's "-"
            placeholder = tt.noflevels[tt.conditions.index(name)] - 1
            for config in configurations:
                config[j] = "-" if config[j] == placeholder else config[j]
    out = shown["OUT"].astype(str).tolist()
    out_labels = outcome_labels(tt.outcome, tt.categories)
    figures = zip(shown["n"].tolist(), shown["incl"].tolist(), shown["PRI"].tolist(), strict=True)
    rows: list[list[Any]] = []
    for config, code, (n, incl, pri) in zip(configurations, out, figures, strict=True):
        rows.append([*config, Cell(out_labels.get(code, code), "out"), n, incl, pri])
    for name in pvalues:
        for row, value in zip(rows, shown[name].tolist(), strict=True):
            row.append(value)
    if tt.show_cases:
        for row, names in zip(rows, shown[field], strict=True):
            row.append(", ".join(names))
    body = html_table(
        columns,
        rows,
        index=[int(i) for i in shown.index],
        index_name="row",
        numeric=numeric,
        caption=truth_table_repr(tt),
        classes="qca-truth-table",
        row_classes=[_OUT_CLASSES[code] for code in out],
        max_rows=max_rows,
        total_rows=len(table),
        attr="tt.table",
    )
    return notebook(body)


def _model_table(model: Model, caption: str, sol: Solution) -> str:
    """A model of a solution: a row per term (``essential`` when in every model; ``covU``
    within the model) and a last row (class ``model``) with the model's fit."""
    rows: list[list[Any]] = [
        [*(model.term_fit[term][k] for k in ("inclS", "PRI", "covS", "covU")), sol.cases_text(term)]
        for term in model.terms
    ]
    rows.append([*(model.fit[k] for k in ("inclS", "PRI", "covS")), Html(""), Html("")])
    return html_table(
        ["inclS", "PRI", "covS", "covU", "cases"],
        rows,
        index=[*(labelled_term(t, sol.categories) for t in model.terms), model.name],
        index_name="term",
        numeric=[True, True, True, True, False],
        caption=caption,
        classes="qca-solution",
        row_classes=[*("essential" if t in model.essential else "" for t in model.terms), "model"],
    )


def solution_html(sol: Solution, max_blocks: int = MAX_BLOCKS) -> str:
    """``_repr_html_`` of a :class:`~qca.minimize.Solution`: a table per model (a model of each
    pair of an intermediate solution), at most ``max_blocks``, then a note."""
    outcome = labelled_outcome(sol.models[0].outcome if sol.models else sol.outcome, sol.categories)

    def show(expression: str) -> str:
        return labelled_term(expression, sol.categories)

    blocks: list[tuple[Model, str]] = []
    total = 0
    if sol.intermediate:
        for pair in sol.intermediate:
            for model in pair.models:
                if len(blocks) < max_blocks:
                    caption = f"{pair.label} {model.name}: {show(model.expression)} -> {outcome}"
                    blocks.append((model, caption))
            total += len(pair.models)
        attr = "sol.intermediate"
    else:
        for model in sol.models[:max_blocks]:
            blocks.append((model, f"{model.name}: {show(model.expression)} -> {outcome}"))
        total, attr = len(sol.models), "sol.models"
    parts = [f'<p class="qca-note">{escape(solution_repr(sol))}</p>']
    parts += [_model_table(model, caption, sol) for model, caption in blocks]
    if total > len(blocks):
        parts.append(f'<p class="qca-note">{more_html(total - len(blocks), "model", attr)}</p>')
    if sol.truncated:
        note = (
            f"showing {len(sol.models):,} of {models_found(sol)} minimal models (raise max_models)"
        )
        parts.append(f'<p class="qca-note">{escape(note)}</p>')
    return notebook("".join(parts))


def summary_html(summary: Summary) -> str:
    """``_repr_html_`` of a :class:`~qca._render.summary.Summary`."""
    parts = ['<div class="qca-summary">', f"<h4>{escape(summary.title)}</h4>"]
    if summary.header:
        parts.append(
            html_table(
                [""],
                [[value] for _, value in summary.header],
                index=[key for key, _ in summary.header],
                numeric=[False],
                classes="qca-summary-header",
                head=False,
            )
        )
    for table in summary.tables:
        if not table.rows:
            continue
        parts.append(
            html_table(table.columns, table.rows, index=table.index, caption=table.caption)
        )
        if table.hidden:
            note = more_html(table.hidden, table.noun, table.attr)
            parts.append(f'<p class="qca-note">{note}</p>')
    parts += [f'<p class="qca-note">{escape(note)}</p>' for note in summary.notes]
    parts.append("</div>")
    return notebook("".join(parts))
