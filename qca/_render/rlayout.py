"""R's printed layout: ``admisc::prettyTable`` and ``print.default`` of a character matrix.

The text views that reproduce R's output line for line (the truth table, and later the
solution) build their columns with these helpers: figures as R shows them (:func:`r_number`),
vectors padded to a common width (:func:`r_justify`), prettyTable's centred columns
(:func:`r_pretty_column`) and the matrix wrapped into blocks narrower than the console
(:func:`r_print_matrix`).
"""

from __future__ import annotations

import math
from typing import Literal

__all__ = [
    "general_number",
    "r_centre",
    "r_justify",
    "r_number",
    "r_pretty_column",
    "r_print_matrix",
]


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
