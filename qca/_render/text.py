"""Plain-text views: figures, aligned tables, R's numbered fit table, the results' str and repr.

A figure is shown with 3 decimals; an undefined one (NaN: a 0/0 ratio, no membership in the
denominator) as :data:`NA`, ``-``, as R prints it. Long listings are capped
(:mod:`qca._render.limits`) with a note naming the attribute that has them all; a ``repr`` is one
short line.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .categories import labelled_level, labelled_outcome, labelled_term, outcome_labels
from .limits import MAX_BLOCKS, MAX_ROWS, REPR_WIDTH, TRUTH_TABLE_ROWS
from .rlayout import (
    general_number,
    model_lines,
    r_justify,
    r_number,
    r_pretty_column,
    r_print_matrix,
    solution_fit_lines,
)

if TYPE_CHECKING:
    from ..fit import FitTable
    from ..minimize import Model, Solution
    from ..necessity import NecessityResult
    from ..theory import ModelFitResult, TheoryFit
    from ..truthtable import TruthTable
    from .summary import Summary

__all__ = [
    "ELLIPSIS",
    "NA",
    "NA_MEANING",
    "NOTE_WIDTH",
    "fit_repr",
    "fit_table",
    "fit_text",
    "format_cut",
    "format_number",
    "is_number",
    "join_capped",
    "model_fit_repr",
    "model_fit_text",
    "more_count",
    "more_note",
    "necessity_repr",
    "necessity_text",
    "numeric_columns",
    "shorten",
    "solution_repr",
    "solution_text",
    "summary_text",
    "text_table",
    "theory_fit_lines",
    "theory_fit_repr",
    "theory_fit_text",
    "theory_table",
    "truth_table_lines",
    "truth_table_printed",
    "truth_table_repr",
    "truth_table_text",
    "verify_text",
]

#: How an undefined figure (NaN) or a missing value is shown, in text and in HTML.
NA = "-"

#: What :data:`NA` stands for in a table of fit.
NA_MEANING = "- : undefined (0/0: no membership in the denominator)"

#: Width a note of a summary is wrapped to.
NOTE_WIDTH = 88

#: The mark of something left out.
ELLIPSIS = "…"


# ---------------------------------------------------------------------------------------------
# Figures, short texts and the "more" note
# ---------------------------------------------------------------------------------------------


def is_number(value: Any) -> bool:
    """Whether ``value`` is a number (``bool`` is not).

    Examples
    --------
    >>> is_number(0.5), is_number(3), is_number(True), is_number("0.5")
    (True, True, False, False)
    """
    return isinstance(value, Real) and not isinstance(value, bool | np.bool_)


def format_number(value: Any, decimals: int = 3) -> str:
    """A value as a table shows it: whole numbers as they are, other figures with ``decimals``
    decimals, ``None`` and NaN as :data:`NA`; anything else as ``str``.

    Examples
    --------
    >>> format_number(0.81547), format_number(12), format_number(float("nan")), format_number("FI")
    ('0.815', '12', '-', 'FI')
    """
    if value is None:
        return NA
    if isinstance(value, Integral) and not isinstance(value, bool | np.bool_):
        return str(int(value))
    if is_number(value):
        number = float(value)
        return NA if math.isnan(number) else f"{number:.{decimals}f}"
    return str(value)


def numeric_columns(rows: Sequence[Sequence[Any]], n_columns: int) -> list[bool]:
    """Per column: whether every value is a number or missing (``None``, NaN)."""
    return [all(row[j] is None or is_number(row[j]) for row in rows) for j in range(n_columns)]


def shorten(text: str, width: int = REPR_WIDTH) -> str:
    """``text`` cut to ``width`` characters, the last one :data:`ELLIPSIS` when cut.

    Examples
    --------
    >>> shorten("A*B + C*D + E*F", 10)
    'A*B + C*D…'
    """
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def join_capped(
    items: Sequence[str], width: int = REPR_WIDTH, sep: str = "; ", limit: int = 3
) -> str:
    """The first items (at most ``limit``) that fit in ``width`` characters, joined, and
    ``(+N more)`` for the rest; the first item is always shown (shortened).

    Examples
    --------
    >>> join_capped(["M1: A*B", "M2: A*C", "M3: B*C", "M4: C"], width=20)
    'M1: A*B; M2: A*C (+2 more)'
    """
    shown = [shorten(items[0], width)] if items else []
    for item in items[1:limit]:
        if len(sep.join([*shown, item])) > width:
            break
        shown.append(item)
    rest = len(items) - len(shown)
    return sep.join(shown) + (f" (+{rest} more)" if rest else "")


def more_count(hidden: int, noun: str) -> str:
    """``"… 4,950 more rows"``: how many of what are left out (``noun`` in the singular).

    Examples
    --------
    >>> more_count(1, "model"), more_count(4950, "row")
    ('… 1 more model', '… 4,950 more rows')
    """
    return f"{ELLIPSIS} {hidden:,} more {noun}{'' if hidden == 1 else 's'}"


def more_note(hidden: int, noun: str, attr: str) -> str:
    """The note of a capped listing: ``"… 4,950 more rows; `result.table` has them all"``.

    Examples
    --------
    >>> more_note(9990, "model", "sol.models")
    '… 9,990 more models; `sol.models` has them all'
    """
    return f"{more_count(hidden, noun)}; `{attr}` has them all"


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


def text_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    index: Sequence[str] | None = None,
    decimals: int = 3,
    max_rows: int | None = MAX_ROWS,
    attr: str = "",
    noun: str = "row",
) -> list[str]:
    """An aligned plain-text table: header, rule, rows (numbers right-aligned, text left), rule.

    At most ``max_rows`` rows are shown, then a note naming ``attr``, which has them all.

    Examples
    --------
    >>> print("\\n".join(text_table(["incl", "cases"], [[0.8154, "FI,IE"], [1.0, "-"]],
    ...                             index=["A*B", "C"])))
          incl  cases
    -----------------
    A*B  0.815  FI,IE
    C    1.000  -
    -----------------
    """
    rows = [list(row) for row in rows]
    labels = list(index) if index is not None else None
    numeric = numeric_columns(rows, len(columns))
    hidden = 0
    if max_rows is not None and len(rows) > max_rows:
        hidden, rows = len(rows) - max_rows, rows[:max_rows]
        labels = labels[:max_rows] if labels is not None else None
    cells = [[format_number(value, decimals) for value in row] for row in rows]
    widths = [
        max([len(str(name))] + [len(row[j]) for row in cells]) for j, name in enumerate(columns)
    ]
    label_width = max([len(label) for label in labels] + [0]) if labels is not None else 0

    def line(label: str, values: Sequence[str]) -> str:
        parts = [label.ljust(label_width)] if labels is not None else []
        parts += [
            value.rjust(w) if number else value.ljust(w)
            for value, w, number in zip(values, widths, numeric)
        ]
        return "  ".join(parts).rstrip()

    header = line("", [str(c) for c in columns])
    rule = "-" * max(
        [len(header)] + [len(line(labels[i] if labels else "", row)) for i, row in enumerate(cells)]
    )
    lines = [header, rule]
    lines += [line(labels[i] if labels is not None else "", row) for i, row in enumerate(cells)]
    lines.append(rule)
    if hidden:
        lines.append(more_note(hidden, noun, attr))
    return lines


def fit_table(
    table: pd.DataFrame,
    title: str,
    *,
    decimals: int = 3,
    max_rows: int | None = MAX_ROWS,
    attr: str = "result.table",
) -> str:
    """R's layout of parameters of fit: the title, then numbered rows, figures rounded for display.

    Used by :class:`~qca.FitTable` and :class:`~qca.NecessityResult`.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> print(fit_table(qca.fit(["DEV", "URB"], lf, "SURV", "necessity").table, "Necessity"))
    Necessity
    <BLANKLINE>
             inclN     RoN    covN
    ------------------------------
    1  DEV   0.831   0.811   0.775
    2  URB   0.539   0.899   0.771
    ------------------------------
    """
    hidden = 0
    if max_rows is not None and len(table) > max_rows:
        hidden, table = len(table) - max_rows, table.iloc[:max_rows]
    labels = [str(label) for label in table.index]
    width = max([len(label) for label in labels] + [1])
    number_width = len(str(len(labels)))
    columns = list(table.columns)
    cell = decimals + 3
    header = (
        " " * (number_width + 2)
        + "".ljust(width)
        + "  "
        + "  ".join(str(c).rjust(cell) for c in columns)
    )
    rule = "-" * len(header)
    lines = [title, "", header, rule]
    for i, (label, row) in enumerate(zip(labels, table.to_numpy(dtype=float)), start=1):
        values = "  ".join(format_number(float(v), decimals).rjust(cell) for v in row)
        lines.append(f"{str(i).rjust(number_width)}  {label.ljust(width)}  {values}")
    lines.append(rule)
    if hidden:
        lines.append(more_note(hidden, "row", attr))
    return "\n".join(lines)


def theory_table(table: pd.DataFrame, cases: Mapping[str, Sequence[str]]) -> list[str]:
    """R's pof layout of a model fit, plus the cases; a rule after the ``theory`` row."""
    labels = [str(label) for label in table.index]
    width = max(len(label) for label in labels)
    number_width = len(str(len(labels)))
    header = " " * (number_width + 2 + width) + "   inclS    PRI   covS   cases"
    rule = "-" * len(header)
    lines = [header, rule]
    for i, (label, row) in enumerate(zip(labels, table.to_numpy(dtype=float)), start=1):
        cells = "  ".join(format_number(float(v)).rjust(5) for v in row)
        line = f"{str(i).rjust(number_width)}  {label.rjust(width)}  {cells}"
        lines.append(f"{line}  {','.join(cases[label])}".rstrip())
        if label == "theory":
            lines.append(rule)
    lines.append(rule)
    return lines


# ---------------------------------------------------------------------------------------------
# The results
# ---------------------------------------------------------------------------------------------


def fit_text(result: FitTable) -> str:
    """``str()`` of a :class:`~qca.FitTable`."""
    return fit_table(result.table, f"{result.relation.capitalize()} for {result.outcome}")


def fit_repr(result: FitTable) -> str:
    """``repr()`` of a :class:`~qca.FitTable`: one short line."""
    table = result.table
    sets = len(table) - int("expression" in table.index)
    what = (
        f"expression {shorten(str(result.expression))!r}"
        if result.expression is not None
        else f"{sets} set{'s' if sets != 1 else ''}"
    )
    key = str(table.columns[0])
    last = float(table[key].iloc[-1])
    return (
        f"<FitTable: {result.relation} of {what} for {shorten(result.outcome)!r}; {key}={last:.3f}>"
    )


def _cuts(options: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in options.items() if k.endswith("_cut"))


def necessity_text(result: NecessityResult) -> str:
    """``str()`` of a :class:`~qca.NecessityResult`."""
    title = f"{result.relation.capitalize()} relations for {result.outcome}"
    table = result.table
    if table.empty:
        return f"{title}\n\nNo expression passes the cut-offs ({_cuts(result.options)})."
    return fit_table(table, title)


def necessity_repr(result: NecessityResult) -> str:
    """``repr()`` of a :class:`~qca.NecessityResult`: one short line."""
    return (
        f"<NecessityResult: {len(result)} {result.relation} expression(s) for "
        f"{shorten(result.outcome)!r}; {_cuts(result.options)}>"
    )


def theory_fit_lines(item: TheoryFit) -> list[str]:
    """A model fit as R's ``modelFit`` prints it: the expressions, then the table."""
    lines = [f"{item.name}"] if item.name != "M" else []
    regions = tuple(item.regions)
    width = max(len(label) for label in ("model", "theory", *regions)) + 2
    lines.append("model:".ljust(width) + str(item.model))
    lines.append("theory:".ljust(width) + str(item.theory))
    for label in regions:
        lines.append(f"{label}:".ljust(width) + (item.expression_text(label) or NA))
    lines.append("")
    lines += theory_table(item.table, item.cases)
    return lines


def theory_fit_text(item: TheoryFit) -> str:
    """``str()`` of a :class:`~qca.theory.TheoryFit`."""
    return "\n".join(theory_fit_lines(item))


def theory_fit_repr(item: TheoryFit) -> str:
    """``repr()`` of a :class:`~qca.theory.TheoryFit`: one short line."""
    return (
        f"<TheoryFit {item.name}: model {shorten(str(item.model))!r}, "
        f"theory {shorten(str(item.theory))!r}>"
    )


def model_fit_text(result: ModelFitResult, max_blocks: int = MAX_BLOCKS) -> str:
    """``str()`` of a :class:`~qca.theory.ModelFitResult`: every model fit, at most
    ``max_blocks`` of them."""
    fits = result.fits
    blocks = ["\n".join(theory_fit_lines(item)) for item in fits[:max_blocks]]
    if len(fits) > max_blocks:
        blocks.append(more_note(len(fits) - max_blocks, "model", "result.fits"))
    return "\n\n".join(blocks)


def model_fit_repr(result: ModelFitResult) -> str:
    """``repr()`` of a :class:`~qca.theory.ModelFitResult`: one short line."""
    models = join_capped([f"{item.name}: {item.model}" for item in result.fits])
    return (
        f"<ModelFitResult: theory {shorten(str(result.theory))!r} against "
        f"{len(result.fits)} model(s) ({models}) for {shorten(result.outcome)!r}>"
    )


def _solution_label(sol: Solution) -> str:
    """The outcome as the model lines end: as the models spell it."""
    return sol.models[0].outcome if sol.models else sol.outcome


def solution_text(sol: Solution, max_blocks: int = MAX_BLOCKS) -> str:
    """``str()`` of a :class:`~qca.minimize.Solution`: R's printout, the models then the table
    of fit; at most ``max_blocks`` models (and pairs of an intermediate solution), then a note.
    """
    categories = sol.categories
    # a labelled outcome is written as a labelled literal: SURV[survived]
    label = labelled_outcome(_solution_label(sol), categories)

    def show(term: str) -> str:
        return labelled_term(term, categories)

    lines: list[str] = []
    if sol.intermediate:
        groups: dict[tuple[str, ...], list[str]] = {}
        models: dict[tuple[str, ...], list[Model]] = {}
        for pair in sol.intermediate:
            key = tuple(m.expression for m in pair.models)
            groups.setdefault(key, []).append(pair.label)
            models.setdefault(key, list(pair.models))
        for number, (key, labels) in enumerate(groups.items()):
            if number == max_blocks:
                lines += ["", more_note(len(groups) - max_blocks, "pair", "sol.intermediate")]
                break
            shown = models[key][:max_blocks]
            lines += ["", f"From {', '.join(labels)}: ", ""]
            lines += model_lines(shown, label, indent="   ", show=show)
            if len(models[key]) > max_blocks:
                attr = f"sol.intermediate[{number}].models"
                lines[-1:] = [more_note(len(models[key]) - max_blocks, "model", attr), ""]
            lines += solution_fit_lines(shown, sol.cases_text, show=show)
    else:
        shown = list(sol.models[:max_blocks])
        lines.append("")
        lines += model_lines(shown, label, show=show)
        if len(sol.models) > max_blocks:
            note = more_note(len(sol.models) - max_blocks, "model", "sol.models")
            lines[-1:] = [note, ""]
        lines += solution_fit_lines(shown, sol.cases_text, terms=sol.terms, show=show)
    if sol.truncated:
        lines.append(f"(showing {len(sol.models)} of {models_found(sol)} minimal models)")
    n_r = getattr(sol, "n_models_r", None)
    if n_r is not None and n_r < len(sol.models) and not sol.intermediate:
        lines.append(
            f"(R QCA lists {n_r} of these {len(sol.models)} models: its CCubes search leaves "
            "out PIs the others use; see model.r_compatible)"
        )
    return "\n".join(lines)


def models_found(sol: Any) -> str:
    """How many minimal models a solution has, as printed under a truncated listing: the
    count (``n_models``), bounds on it (``n_models_bound``) or "more"."""
    if sol.n_models is not None:
        return f"{sol.n_models:,}"
    bound = getattr(sol, "n_models_bound", None)
    if bound is not None:
        return f"between {bound[0]:,} and {bound[1]:,}"
    return "more"


def solution_repr(sol: Solution) -> str:
    """``repr()`` of a :class:`~qca.minimize.Solution`: one short line."""
    kind = sol.options.get("kind", "")
    models = join_capped([labelled_term(m.expression, sol.categories) for m in sol.models])
    return (
        f"<Solution {kind}: {len(sol.models)} model(s), {len(sol.prime_implicants)} PIs; "
        f"{models} -> {shorten(sol.outcome)}>"
    )


def format_cut(cut: tuple[float, float]) -> str:
    """An inclusion cut-off ``(ic1, ic0)``: one number when both are equal, else the pair.

    Examples
    --------
    >>> format_cut((0.8, 0.8)), format_cut((1.0, 0.6))
    ('0.8', '(1, 0.6)')
    """
    if cut[0] == cut[1]:
        return general_number(cut[0])
    return f"({general_number(cut[0])}, {general_number(cut[1])})"


def truth_table_printed(tt: TruthTable) -> pd.DataFrame:
    """The rows R prints of a truth table: every listed row, less the rows coded ``?`` (below
    ``n_cut``) unless it was built with ``complete=True``."""
    table = tt.table
    if not tt.complete:
        table = table[table["OUT"].astype(str) != "?"]
    return table


def truth_table_lines(
    tt: TruthTable, case_order: Mapping[str, int] | None = None, width: int = 80
) -> list[str]:
    """R's ``print(truthTable(...))`` output, line by line (``capture.output`` style).

    Parameters
    ----------
    tt : TruthTable
    case_order : mapping of str to int, optional
        Case name -> position: each row's cases are listed in that order instead of the
        canonical one (R lists them in data order; tests compare with R so).
    width : int
        R's ``getOption("width")``: the columns are wrapped into blocks narrower than this.

    Returns
    -------
    list of str
        The lines, with R's blank first and last lines.
    """
    table = truth_table_printed(tt)
    lines = [
        "",
        "  OUT: output value",
        "    n: number of cases in configuration",
        " incl: sufficiency inclusion score",
        "  PRI: proportional reduction in inconsistency",
    ]
    if tt.show_cases and tt.dcc:
        lines.append("  DCC: deviant cases consistency")
    pvalues = [c for c in ("pval1", "pval0") if c in table.columns]
    for name, cut in zip(pvalues, tt.incl_cut, strict=False):
        lines.append(
            f"{name}: p-value for alternative hypothesis inclusion > {general_number(cut)}"
        )
    lines.append("")
    if len(table) > TRUTH_TABLE_ROWS:
        return [
            "",
            f"Warning: The truth table is too large ({len(table)} rows). "
            "Printing it on the screen is impractical.",
            "         N.B.: You can still use its internal components (see ?str).",
            "",
        ]
    columns: list[tuple[str, list[str]]] = []
    for c in tt.conditions:
        level_labels = tt.categories.get(c)
        cells = [labelled_level(level_labels, int(v)) for v in table[c].to_numpy()]
        if c in tt.dont_care:  # tQCA: the placeholder's level prints as R's "-"
            placeholder = str(tt.noflevels[tt.conditions.index(c)] - 1)
            cells = ["-" if cell == placeholder else cell for cell in cells]
        # labelled cells read as words, so they are left-aligned like the cases
        columns.append((c, r_justify(cells, "left" if level_labels else "right")))
    out_labels = outcome_labels(tt.outcome, tt.categories)
    if out_labels:  # a labelled outcome: R prints the labels, left-aligned
        shown_out = [f"  {out_labels.get(v, v)} " for v in table["OUT"].astype(str)]
        columns.append(("  OUT ", r_justify(shown_out, "left")))
    else:
        columns.append(("  OUT ", [f"  {v} " for v in table["OUT"].astype(str)]))
    columns.append(("  n ", r_justify([f"  {int(v)} " for v in table["n"]], "left")))
    columns.append(("incl", r_justify([r_number(v) for v in table["incl"]], "left")))
    columns.append(("PRI", r_justify([r_number(v) for v in table["PRI"]], "left")))
    for name in pvalues:
        # R leaves an untested row's p-value as its placeholder "-" (incl and PRI print "  -"),
        # and keeps the others as text of 15 significant digits, which its print rounds again
        shown = [
            "-" if np.isnan(v) else r_number(float(f"{v:.15g}")) for v in table[name].to_numpy()
        ]
        columns.append((name, r_justify(shown, "left")))
    if tt.show_cases:
        field = "DCC" if tt.dcc else "cases"
        names = []
        for cell in table[field]:
            cell = list(cell)
            if case_order is not None:
                cell.sort(key=lambda name: case_order[name])
            names.append(",".join(cell))
        columns.append((field, r_justify(names, "left")))
    labels = [f"{label}  " for label in r_justify([str(int(i)) for i in table.index], "right")]
    lines.extend(r_print_matrix(labels, [r_pretty_column(h, v) for h, v in columns], width))
    out = table["OUT"].astype(str).to_numpy()
    if out.size and np.all(out == "0"):
        lines.extend(
            [
                "",
                "It seems that all output values have been coded to zero.",
                "Suggestion: lower the inclusion score for the presence of the outcome,",
                'the relevant argument is "incl.cut" which now has a value of '
                f"{general_number(tt.incl_cut[0])}.",
            ]
        )
    lines.append("")
    return lines


def truth_table_text(tt: TruthTable) -> str:
    """``str()`` of a :class:`~qca.TruthTable`: R's printed table, without R's surrounding
    blank lines."""
    lines = truth_table_lines(tt)
    while lines and lines[0] == "":
        lines = lines[1:]
    while lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def truth_table_repr(tt: TruthTable) -> str:
    """``repr()`` of a :class:`~qca.TruthTable`: one line of counts."""
    counts = tt.counts()
    detail = f"{counts['positive']} positive, {_plural(counts['contradictions'], 'contradiction')}"
    if counts["below_n_cut"]:
        detail += f", {counts['below_n_cut']} below n_cut"
    return (
        f"<TruthTable: {_plural(len(tt.conditions), 'condition')}, "
        f"{_plural(counts['observed'], 'observed row')} ({detail}), "
        f"{_plural(counts['remainders'], 'remainder')}; outcome {tt.outcome}; "
        f"incl_cut={format_cut(tt.incl_cut)}"
        + (f"; labels for {', '.join(tt.categories)}" if tt.categories else "")
        + ">"
    )


def verify_text(place: str, differences: Sequence[str], notes: Sequence[str]) -> str:
    """``str()`` of a :class:`~qca.study.VerifyReport`: the run folder ``place``, then every
    difference and note.

    Examples
    --------
    >>> print(verify_text("runs/a", ["data.csv changed"], []))
    runs/a: 1 difference(s)
      - data.csv changed
    """
    lines = [
        f"{place}: "
        + (
            "identical: inputs and every number match (tolerance 1e-9)"
            if not differences
            else f"{len(differences)} difference(s)"
        )
    ]
    lines += [f"  - {d}" for d in differences]
    lines += [f"  note: {n}" for n in notes]
    return "\n".join(lines)


def summary_text(summary: Summary) -> str:
    """``str()`` of a :class:`~qca._render.summary.Summary`: the title, the header lines, the
    tables and the notes."""
    lines = [summary.title, "=" * len(summary.title)]
    width = max([len(key) for key, _ in summary.header] + [0]) + 2
    lines += [f"{key}:".ljust(width) + value for key, value in summary.header]
    for table in summary.tables:
        if not table.rows:
            continue
        lines.append("")
        if table.caption:
            lines.append(table.caption)
        lines += text_table(table.columns, table.rows, index=table.index, max_rows=None)
        if table.hidden:
            lines.append(more_note(table.hidden, table.noun, table.attr))
    if summary.notes:
        lines.append("")
        for note in summary.notes:
            lines += textwrap.wrap(note, NOTE_WIDTH, break_on_hyphens=False) or [""]
    return "\n".join(lines)
