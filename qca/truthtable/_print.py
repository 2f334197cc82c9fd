"""Presentation of a :class:`~qca.truthtable.TruthTable`: R's print layout, repr and HTML.

Everything that turns a truth table into text lives here, apart from its computation: the
methods (``__repr__``, ``__str__``, ``_repr_html_``, ``_r_lines``, ``_display_table``), held by
the mixin :class:`TruthTablePrint` that :class:`~qca.truthtable.TruthTable` inherits, and the
helpers that reproduce R's layout (``admisc::prettyTable`` and ``print.default`` of a character
matrix).
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

__all__ = ["TruthTablePrint"]

# Rows shown by _repr_html_ (R refuses to print more than 1024 rows at all).
_HTML_MAX_ROWS = 1024


class TruthTablePrint:
    """The presentation methods of :class:`~qca.truthtable.TruthTable` (a mixin, no state)."""

    __slots__ = ()

    if TYPE_CHECKING:
        # provided by TruthTable
        conditions: tuple[str, ...]
        outcome: str
        table: pd.DataFrame
        incl_cut: tuple[float, float]
        complete: bool
        show_cases: bool
        dcc: bool

        def counts(self) -> dict[str, int]: ...

    def __repr__(self) -> str:
        counts = self.counts()
        k = len(self.conditions)
        contradictions = counts["contradictions"]
        detail = (
            f"{counts['positive']} positive, {contradictions} "
            f"contradiction{'' if contradictions == 1 else 's'}"
        )
        if counts["below_n_cut"]:
            detail += f", {counts['below_n_cut']} below n_cut"
        return (
            f"<TruthTable: {k} condition{'' if k == 1 else 's'}, {counts['observed']} observed "
            f"row{'' if counts['observed'] == 1 else 's'} ({detail}), {counts['remainders']} "
            f"remainder{'' if counts['remainders'] == 1 else 's'}; outcome {self.outcome}; "
            f"incl_cut={_format_cut(self.incl_cut)}>"
        )

    def __str__(self) -> str:
        lines = self._r_lines()
        # R surrounds its print with blank lines; a Python str should not start or end with one
        while lines and lines[0] == "":
            lines = lines[1:]
        while lines and lines[-1] == "":
            lines = lines[:-1]
        return "\n".join(lines)

    def _display_table(self) -> pd.DataFrame:
        table = self.table
        if not self.complete:
            table = table[table["OUT"].astype(str) != "?"]
        return table

    def _r_lines(self, case_order: Mapping[str, int] | None = None, width: int = 80) -> list[str]:
        """R's ``print(truthTable(...))`` output, line by line (``capture.output`` style).

        ``case_order`` (case name -> position) lists each row's cases in that order instead of
        the canonical one; it lets tests compare with R, which lists cases in data order.
        """
        table = self._display_table()
        lines = [
            "",
            "  OUT: output value",
            "    n: number of cases in configuration",
            " incl: sufficiency inclusion score",
            "  PRI: proportional reduction in inconsistency",
        ]
        if self.show_cases and self.dcc:
            lines.append("  DCC: deviant cases consistency")
        lines.append("")
        if len(table) > 1024:
            return [
                "",
                f"Warning: The truth table is too large ({len(table)} rows). "
                "Printing it on the screen is impractical.",
                "         N.B.: You can still use its internal components (see ?str).",
                "",
            ]
        columns: list[tuple[str, list[str]]] = []
        for c in self.conditions:
            values = [str(int(v)) for v in table[c].to_numpy()]
            columns.append((c, _r_justify(values, "right")))
        columns.append(("  OUT ", [f"  {v} " for v in table["OUT"].astype(str)]))
        columns.append(("  n ", _r_justify([f"  {int(v)} " for v in table["n"]], "left")))
        columns.append(("incl", _r_justify([_r_number(v) for v in table["incl"]], "left")))
        columns.append(("PRI", _r_justify([_r_number(v) for v in table["PRI"]], "left")))
        if self.show_cases:
            field = "DCC" if self.dcc else "cases"
            names = []
            for cell in table[field]:
                cell = list(cell)
                if case_order is not None:
                    cell.sort(key=lambda name: case_order[name])
                names.append(",".join(cell))
            columns.append((field, _r_justify(names, "left")))
        labels = _r_justify([str(int(i)) for i in table.index], "right")
        labels = [f"{label}  " for label in labels]
        lines.extend(_r_print_matrix(labels, [_r_pretty_column(h, v) for h, v in columns], width))
        out = table["OUT"].astype(str).to_numpy()
        if out.size and np.all(out == "0"):
            lines.extend(
                [
                    "",
                    "It seems that all output values have been coded to zero.",
                    "Suggestion: lower the inclusion score for the presence of the outcome,",
                    'the relevant argument is "incl.cut" which now has a value of '
                    f"{_format_number(self.incl_cut[0])}.",
                ]
            )
        lines.append("")
        return lines

    def _repr_html_(self) -> str:
        table = self._display_table()
        esc = html.escape
        head = "".join(f"<th>{esc(c)}</th>" for c in self.conditions)
        field = "DCC" if self.dcc else "cases"
        head += "<th>OUT</th><th>n</th><th>incl</th><th>PRI</th>"
        if self.show_cases:
            head += f"<th>{field}</th>"
        body = []
        shown = table.iloc[:_HTML_MAX_ROWS]
        for row_id, row in zip(shown.index, shown.itertuples(index=False), strict=True):
            values = dict(zip(table.columns, row, strict=True))
            out = str(values["OUT"])
            code = {"1": "pos", "0": "neg", "C": "con", "?": "rem"}[out]
            cells = "".join(f"<td>{int(values[c])}</td>" for c in self.conditions)
            cells += (
                f"<td class='qca-out'>{esc(out)}</td><td>{int(values['n'])}</td>"
                f"<td>{esc(_r_number(values['incl']).strip())}</td>"
                f"<td>{esc(_r_number(values['PRI']).strip())}</td>"
            )
            if self.show_cases:
                cells += f"<td class='qca-cases'>{esc(', '.join(values[field]))}</td>"
            body.append(f"<tr class='qca-{code}'><th>{int(row_id)}</th>{cells}</tr>")
        if len(table) > _HTML_MAX_ROWS:
            span = len(self.conditions) + 5 + int(self.show_cases)
            body.append(
                f"<tr class='qca-more'><td colspan='{span}'>... "
                f"{len(table) - _HTML_MAX_ROWS:,} more rows (see .table)</td></tr>"
            )
        caption = esc(repr(self))
        return (
            "<table class='qca-truth-table'>"
            f"<caption>{caption}</caption>"
            f"<thead><tr><th>row</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )


# --------------------------------------------------------------------------------------------
# R's print layout (admisc::prettyTable + print.default of a character matrix)
# --------------------------------------------------------------------------------------------


def _format_number(value: float) -> str:
    return f"{value:g}" if value == value else "NaN"


def _format_cut(cut: tuple[float, float]) -> str:
    if cut[0] == cut[1]:
        return _format_number(cut[0])
    return f"({_format_number(cut[0])}, {_format_number(cut[1])})"


def _r_number(value: float) -> str:
    # R shows "-" for a missing figure, 3 decimals otherwise
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "  -"
    return f"{value:.3f}"


def _r_justify(values: list[str], how: str) -> list[str]:
    """R's ``format()`` of a vector: pad to a common width."""
    width = max((len(v) for v in values), default=0)
    if how == "right":
        return [v.rjust(width) for v in values]
    return [v.ljust(width) for v in values]


def _r_centre(value: str, width: int) -> str:
    pad = width - len(value)
    if pad <= 0:
        return value
    left = pad // 2
    return " " * left + value + " " * (pad - left)


def _r_pretty_column(header: str, values: list[str]) -> tuple[str, list[str]]:
    """admisc::prettyTable: 1-character headers widened to 2, values centred in the header width."""
    if len(header) == 1:
        header = _r_centre(header, 2)
    return header, [_r_centre(v, len(header)) for v in values]


def _r_print_matrix(
    labels: list[str], columns: list[tuple[str, list[str]]], width: int
) -> list[str]:
    """print() of a left-aligned character matrix: columns wrapped into blocks of < ``width``."""
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
