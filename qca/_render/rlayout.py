"""R's printed layout: ``admisc::prettyTable`` and ``print.default`` of a character matrix.

The text views that reproduce R's output line for line (the truth table, the solution) build
their columns with these helpers: figures as R shows them (:func:`r_number`), vectors padded to
a common width (:func:`r_justify`), prettyTable's centred columns (:func:`r_pretty_column`), the
matrix wrapped into blocks narrower than the console (:func:`r_print_matrix`), and the model lines
and the fit table of ``print()`` of a ``minimize()`` result (:func:`model_lines`,
:func:`solution_fit_lines`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ..minimize import Model

__all__ = [
    "general_number",
    "model_line",
    "model_lines",
    "r_centre",
    "r_justify",
    "r_number",
    "r_pretty_column",
    "r_print_matrix",
    "solution_fit_lines",
]

#: The columns of a term's fit in R's table of a solution.
_TERM_FIT = ("inclS", "PRI", "covS", "covU")


def general_number(value: float) -> str:
    """A single number as R prints it in a message (``%g``; NaN as ``NaN``).

    Examples
    --------
    >>> general_number(0.8), general_number(1.0), general_number(float("nan"))
    ('0.8', '1', 'NaN')
    """
    return f"{value:g}" if value == value else "NaN"


def r_number(value: float | None) -> str:
    """A figure of a truth table as R prints it: 3 decimals, ``"  -"`` when missing.

    Examples
    --------
    >>> r_number(0.81547), r_number(float("nan"))
    ('0.815', '  -')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "  -"
    return f"{value:.3f}"


def r_justify(values: list[str], how: Literal["left", "right"]) -> list[str]:
    """R's ``format()`` of a character vector: every value padded to the widest.

    Examples
    --------
    >>> r_justify(["1", "10"], "right"), r_justify(["1", "10"], "left")
    ([' 1', '10'], ['1 ', '10'])
    """
    width = max((len(v) for v in values), default=0)
    if how == "right":
        return [v.rjust(width) for v in values]
    return [v.ljust(width) for v in values]


def r_centre(value: str, width: int) -> str:
    """``value`` centred in ``width`` characters (the extra space on the right).

    Examples
    --------
    >>> r_centre("1", 4)
    ' 1  '
    """
    pad = width - len(value)
    if pad <= 0:
        return value
    left = pad // 2
    return " " * left + value + " " * (pad - left)


def r_pretty_column(header: str, values: list[str]) -> tuple[str, list[str]]:
    """``admisc::prettyTable``: a 1-character header widened to 2, values centred in the header.

    Examples
    --------
    >>> r_pretty_column("A", ["1", "0"])
    ('A ', ['1 ', '0 '])
    """
    if len(header) == 1:
        header = r_centre(header, 2)
    return header, [r_centre(v, len(header)) for v in values]


def r_print_matrix(
    labels: list[str], columns: list[tuple[str, list[str]]], width: int
) -> list[str]:
    """``print()`` of a left-aligned character matrix, columns wrapped into blocks < ``width``.

    Parameters
    ----------
    labels : list of str
        The row names, one per row.
    columns : list of (str, list of str)
        Each column's header and values (one per row).
    width : int
        R's ``getOption("width")``: a block of columns is narrower than this.

    Returns
    -------
    list of str
        The lines: for each block, a header line and a line per row.

    Examples
    --------
    >>> r_print_matrix(["1", "2"], [("A", ["0", "1"]), ("n", ["3", "12"])], 80)
    ['  A n ', '1 0 3 ', '2 1 12']
    """
    label_width = max((len(label) for label in labels), default=0)
    widths = [max([len(h), *(len(v) for v in vals)]) for h, vals in columns]
    lines: list[str] = []
    start = 0
    while start < len(columns):
        stop = start
        total = label_width
        while True:
            total += widths[stop] + 1
            stop += 1
            if not (stop < len(columns) and total + widths[stop] + 1 < width):
                break
        header = " " * label_width + "".join(
            " " + columns[j][0].ljust(widths[j]) for j in range(start, stop)
        )
        lines.append(header)
        for i, label in enumerate(labels):
            lines.append(
                label.ljust(label_width)
                + "".join(" " + columns[j][1][i].ljust(widths[j]) for j in range(start, stop))
            )
        start = stop
    return lines


# ---------------------------------------------------------------------------------------------
# print() of a minimize() result: the model lines and the table of fit
# ---------------------------------------------------------------------------------------------


def model_line(
    model: Model,
    outcome: str,
    indent: str,
    width: int = 79,
    show: Callable[[str], str] = str,
) -> list[str]:
    """R's model line: essential terms, then the others in parentheses, wrapped as R does.

    A term goes on the current line when the line, without the ``" +"`` that follows the term,
    stays within ``width`` characters; the arrow and the outcome form the last token. ``show``
    writes a term (category labels).
    """
    essential = [show(t) for t in model.terms if t in model.essential]
    optional = [show(t) for t in model.terms if t not in model.essential]
    if optional and essential:
        optional = ["(" + optional[0]] + optional[1:]
        optional[-1] = optional[-1] + ")"
    words = essential + optional
    tokens = [w + " +" for w in words[:-1]] + words[-1:]
    arrow = "<->" if abs(float(model.fit.get("covS", 0)) - 1.0) < 1e-12 else "->"
    tokens.append(f"{arrow} {outcome}")
    head = f"{model.name}:{indent} "
    lines: list[str] = []
    current = head + tokens[0]
    for token in tokens[1:]:
        bare = token[:-2] if token.endswith(" +") else token
        if len(current) + 1 + len(bare) <= width:
            current += " " + token
        else:
            lines.append(current)
            current = " " * len(head) + token
    lines.append(current)
    return lines


def model_lines(
    models: Sequence[Model], outcome: str, indent: str = "", show: Callable[[str], str] = str
) -> list[str]:
    """The lines of every model (:func:`model_line`), then an empty line: uncapped."""
    lines = []
    for model in models:
        lines += model_line(model, outcome, indent, show=show)
    lines.append("")
    return lines


def _figure(value: float) -> str:
    return "  -  " if math.isnan(value) else f"{value:.3f}"


def solution_fit_lines(
    models: Sequence[Model],
    cases: Callable[[str], str],
    terms: pd.DataFrame | None = None,
    show: Callable[[str], str] = str,
) -> list[str]:
    """R's table of fit of a solution: each term (the ones in every model first), its
    ``inclS``, ``PRI``, ``covS``, ``covU``, with several models the ``covU`` within each, and
    its cases (``cases(term)``); then each model's fit.

    ``covU`` of a term is within its model for a single model (or without ``terms``), else
    against the union of all terms, read from ``terms`` (the solution's terms table).
    ``show`` writes a term (category labels).
    """
    order: list[str] = []
    for model in models:
        for term in model.terms:
            if term not in order:
                order.append(term)
    essential = [t for t in order if all(t in m.terms for m in models)]
    rest = [t for t in order if t not in essential]
    order = essential + rest if len(models) > 1 else order
    if terms is None or len(models) == 1:
        rows = {t: dict(next(m.term_fit[t] for m in models if t in m.term_fit)) for t in order}
    else:
        rows = {t: {k: float(terms.loc[t, k]) for k in _TERM_FIT} for t in order}
    shown = {t: show(t) for t in order}
    name_width = max([len(t) for t in shown.values()] + [len(m.name) for m in models] + [0]) + 3
    header = " " * name_width + "  inclS   PRI   covS   covU "
    if len(models) > 1:
        header += "".join(f"  ({m.name})" for m in models)
    header += "  cases "
    rule = "-" * (len(header) - 2) + " "
    lines = [header, rule]
    for i, term in enumerate(order, start=1):
        fit = rows[term]
        cells = "  ".join(_figure(fit[k]) for k in _TERM_FIT)
        line = f"{i}".ljust(3) + shown[term].rjust(name_width - 3) + "  " + cells + " "
        if len(models) > 1:
            for model in models:
                value = model.term_fit[term].get("covU") if term in model.term_fit else None
                line += "  " + (_figure(value) if value is not None else "     ") + " "
        line += " " + cases(term) + " "
        lines.append(line)
        if len(models) > 1 and i == len(essential) and rest:
            lines.append(rule)
    lines.append(rule)
    for model in models:
        cells = "  ".join(_figure(model.fit[k]) for k in ("inclS", "PRI", "covS"))
        lines.append(model.name.rjust(name_width) + "  " + cells + " ")
    lines.append("")
    return lines
