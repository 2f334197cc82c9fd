"""Truth tables: from set memberships to configurations, their cases, consistency and outcome code.

:func:`truth_table` builds a :class:`TruthTable` the way R's QCA 3.25 ``truthTable()`` does:

* each case goes to the row (configuration) in which its membership is above 0.5 (fuzzy
  scores above 0.5 count as 1, multi-value conditions keep their level); a score of exactly 0.5
  cannot be placed anywhere and is reported with :class:`~qca.exceptions.HalfMembershipWarning`;
* a row's ``incl`` and ``PRI`` use the membership of *every* case in that row (the minimum over the
  row's literals, a fuzzy literal ``~A`` counting ``1 - a``, a multi-value literal ``A[v]`` counting
  1 when ``A == v`` and 0 otherwise), as in :mod:`qca.fit`;
* ``OUT`` is ``"1"`` when ``incl >= incl_cut`` and ``PRI >= pri_cut`` (R's tolerance of
  ``sqrt(eps)``), ``"C"`` when ``incl`` lies in ``[ic0, ic1)`` for ``incl_cut=(ic1, ic0)``, ``"0"``
  otherwise, and ``"?"`` (remainder) when fewer than ``n_cut`` cases are in the row.

Cases are handled in a canonical order (their names, sorted naturally), so the result does not
depend on the row order of the data, byte for byte.
"""

from __future__ import annotations

import html
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._outcome import Outcome, read_outcome
from ._validation import check_columns, check_dataframe, check_unit_interval, numeric_column
from .exceptions import HalfMembershipWarning, NoConfigurationsError, ProblemTooLargeError, QCAError
from ._core.encode import all_configurations, configurations_of, radix_weights, row_ids
from ._core.levels import condition_levels, is_whole

__all__ = ["truth_table", "TruthTable", "OUT_CATEGORIES"]

_CALLER = "truth_table()"

#: The outcome codes, in the order of the ``OUT`` categorical.
OUT_CATEGORIES = ("1", "0", "C", "?")

#: Largest number of rows ``complete=True`` will list (2**20, about a million).
MAX_COMPLETE_ROWS = 2**20

# R's admisc::agteb() tolerance: .Machine$double.eps^0.5
_TOL = float(np.finfo(float).eps ** 0.5)

# Columns of `table` besides the conditions; a condition cannot take one of these names.
_TABLE_COLUMNS = ("OUT", "n", "incl", "PRI", "cases", "DCC")

_SORT_KEYS = ("OUT", "n", "incl", "PRI")

# Rows shown by _repr_html_ (R refuses to print more than 1024 rows at all).
_HTML_MAX_ROWS = 1024

# Membership block (rows x cases) held at once by the dense row-fit kernel: small enough to stay
# in cache (measured: 100k cases x 10 fuzzy conditions 5.2 s with 4M, 1.7 s with 256k).
_BLOCK_ELEMENTS = 262_144



# --------------------------------------------------------------------------------------------
# the result object
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class TruthTable:
    """A truth table: one row per configuration of the conditions.

    Build it with :func:`truth_table`. Fields are read-only; :meth:`to_frame` returns a copy of
    :attr:`table`.

    Attributes
    ----------
    conditions : tuple of str
        The conditions, in the order given (the first is the most significant in row ids).
    outcome : str
        The outcome as given, written canonically: ``"SURV"``, ``"~SURV"`` (negated) or
        ``"PB[2]"`` (a multi-value level; ``"PB{2}"`` and ``"PB[ 2 ]"`` are written so too).
    noflevels : tuple of int
        Number of levels of each condition (2 for crisp and fuzzy conditions).
    multivalue : bool
        Whether any condition has more than two levels, or the outcome names a level.
    fuzzy : tuple of bool
        Whether each condition holds fuzzy scores (any value that is not a whole number).
    memberships : pandas.DataFrame
        Private copy of the data used: index = case names (canonical order), one column per
        condition (fuzzy scores, crisp 0/1 or multi-value levels) and one column named
        :attr:`outcome` with the outcome membership (already negated for ``~Y``, already 0/1 for
        ``Y[v]``).
    table : pandas.DataFrame
        Indexed by R's row id (``"row"``, int64). Columns: each condition (int64), ``OUT``
        (Categorical ``["1", "0", "C", "?"]``), ``n`` (int64), ``incl`` and ``PRI`` (float64, NaN
        where undefined), ``cases`` and ``DCC`` (tuples of case names; ``DCC`` = deviant cases
        consistency in kind: cases in the row whose outcome membership is below 0.5). Lists the
        observed rows (``n >= 1``) and, with ``complete=True``, every remainder.
    incl_cut : tuple of float
        ``(ic1, ic0)``; ``ic0 == ic1`` when one cut-off was given (no contradiction band).
    n_cut : int
        Rows with fewer cases are remainders (``OUT == "?"``).
    pri_cut : float
        Minimal PRI of a positive row.
    complete, show_cases, dcc : bool
        Options as given (``show_cases``/``dcc`` only change the printed table).
    sort_by : tuple of (str, bool)
        Sort keys and whether each is decreasing; empty = ascending row id.
    half_cases : tuple of str
        Cases with a membership of exactly 0.5 in some condition: in no row.
    """

    conditions: tuple[str, ...]
    outcome: str
    noflevels: tuple[int, ...]
    multivalue: bool
    fuzzy: tuple[bool, ...]
    memberships: pd.DataFrame
    table: pd.DataFrame
    incl_cut: tuple[float, float]
    n_cut: int
    pri_cut: float
    complete: bool
    sort_by: tuple[tuple[str, bool], ...]
    show_cases: bool
    dcc: bool
    half_cases: tuple[str, ...]

    # ---- counts -------------------------------------------------------------------------

    @property
    def n_rows(self) -> int:
        """Number of configurations, observed or not (the product of :attr:`noflevels`)."""
        return math.prod(self.noflevels)

    def row_ids(self, out: str | Sequence[str]) -> npt.NDArray[np.int64]:
        """Row ids whose ``OUT`` is ``out`` (one code or several), ascending.

        Remainders that are not listed in :attr:`table` (``complete=False``) are not returned.

        Examples
        --------
        >>> import pandas as pd, qca
        >>> data = pd.DataFrame({"A": [1, 1, 0], "B": [0, 1, 1], "Y": [1, 1, 0]},
        ...                     index=["x", "y", "z"])
        >>> qca.truth_table(data, "Y").row_ids("1").tolist()
        [3, 4]
        """
        codes = (out,) if isinstance(out, str) else tuple(out)
        mask = self.table["OUT"].isin(codes).to_numpy()
        return np.sort(self.table.index.to_numpy(dtype=np.int64)[mask])

    def _counts(self) -> dict[str, int]:
        out = self.table["OUT"].to_numpy()
        observed = self.table["n"].to_numpy() > 0
        coded = int(np.count_nonzero(observed & (out != "?")))
        return {
            "observed": int(np.count_nonzero(observed)),
            "positive": int(np.count_nonzero(out == "1")),
            "negative": int(np.count_nonzero(out == "0")),
            "contradictions": int(np.count_nonzero(out == "C")),
            "below_n_cut": int(np.count_nonzero(observed & (out == "?"))),
            "remainders": self.n_rows - coded,
        }

    # ---- views --------------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table`."""
        return self.table.copy(deep=True)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description: conditions, outcome, noflevels, options and rows.

        NaN figures become ``None``; the rows follow the order of :attr:`table`.
        """
        rows = []
        table = self.table
        cond_values = {c: table[c].to_numpy() for c in self.conditions}
        out = table["OUT"].astype(str).to_numpy()
        n = table["n"].to_numpy()
        incl = table["incl"].to_numpy()
        pri = table["PRI"].to_numpy()
        for i, row_id in enumerate(table.index.to_numpy()):
            record: dict[str, Any] = {"row": int(row_id)}
            for c in self.conditions:
                record[c] = int(cond_values[c][i])
            record["OUT"] = str(out[i])
            record["n"] = int(n[i])
            record["incl"] = None if np.isnan(incl[i]) else float(incl[i])
            record["PRI"] = None if np.isnan(pri[i]) else float(pri[i])
            record["cases"] = list(table["cases"].iat[i])
            record["DCC"] = list(table["DCC"].iat[i])
            rows.append(record)
        return {
            "conditions": list(self.conditions),
            "outcome": self.outcome,
            "noflevels": list(self.noflevels),
            "multivalue": self.multivalue,
            "options": {
                "incl_cut": list(self.incl_cut),
                "n_cut": self.n_cut,
                "pri_cut": self.pri_cut,
                "complete": self.complete,
                "sort_by": [[key, decreasing] for key, decreasing in self.sort_by],
                "show_cases": self.show_cases,
                "dcc": self.dcc,
            },
            "half_cases": list(self.half_cases),
            "counts": self._counts(),
            "rows": rows,
        }

    def __repr__(self) -> str:
        counts = self._counts()
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


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------


_SPLIT_DIGITS = re.compile(r"(\d+)").split


def _natural_key(name: str) -> tuple[Any, ...]:
    # split() alternates text and digit runs (text first), so keys compare str with str and int
    # with int at every position; the name itself breaks ties such as "a01" / "a1"
    parts = _SPLIT_DIGITS(name)
    parts[1::2] = [int(p) for p in parts[1::2]]
    return (tuple(parts), name)


def _canonical_order(names: list[str]) -> npt.NDArray[np.intp]:
    """Positions of the cases in natural order of their names (:func:`_natural_key`)."""
    order = _natural_order_fast(names)
    if order is None:
        keys = [_natural_key(name) for name in names]
        order = np.array(sorted(range(len(names)), key=keys.__getitem__), dtype=np.intp)
    return order


def _natural_order_fast(names: list[str]) -> npt.NDArray[np.intp] | None:
    """:func:`_natural_key` order of ``names`` with numpy, or None where it might differ.

    Each name is rewritten so that code-point order of the rewritten strings is the order of the
    natural keys: a digit run becomes ``\\x01``, ``chr(2 + L)`` and its ``L`` digits without
    leading zeros (``\\x01`` sorts below any text character and above the end of a name, as a
    shorter text part does in tuple order; a longer number has a larger ``L``). The rewritten
    strings are packed into 64-bit words (symbols ranked, order kept) and sorted with
    :func:`numpy.lexsort`. Names differing only by leading zeros tie and are then ordered by the
    name itself, as in the key.
    """
    n = len(names)
    if n <= 1:
        return np.arange(n)
    flat = np.frombuffer("\x00".join(names).encode("utf-32-le"), dtype=np.uint32)
    ends = np.flatnonzero(flat <= 1)
    if ends.size != n - 1 or np.any(flat[ends] != 0):  # \x00, \x01 would clash with markers
        return None
    starts = np.zeros(n, dtype=np.int64)
    starts[1:] = ends + 1
    lengths = np.diff(np.append(starts, flat.size + 1)) - 1
    width = int(lengths.max())
    if width == 0:
        return np.arange(n)
    wide = flat[flat >= 128]
    # re's \d also matches non-ASCII decimal digits (parsed by int()): leave those to Python
    if wide.size and any(chr(int(c)).isdecimal() for c in np.unique(wide)):
        return None
    # one row per character position, one column per name (contiguous rows: fast column loops)
    codes = np.zeros((width, n), dtype=np.uint32)
    for p in range(width):
        present = lengths > p
        codes[p, present] = flat[starts[present] + p]
    digit = (codes >= 48) & (codes <= 57)
    start = digit.copy()
    start[1:] &= ~digit[:-1]
    # leading zeros of each run are dropped; a run of zeros keeps no digit (L = 0)
    dropped = np.empty_like(digit)
    dropped[0] = codes[0] == 48
    for p in range(1, width):
        dropped[p] = (codes[p] == 48) & (start[p] | dropped[p - 1])
    kept = digit & ~dropped
    # significant digits of the run from each position on
    remaining = kept.astype(np.int32)
    for p in range(width - 2, -1, -1):
        remaining[p] += digit[p + 1] * remaining[p + 1]
    # place of each character in the rewritten name: two markers per run, no dropped zeros; a
    # dropped zero lands on its run's length marker, written afterwards
    place = np.empty((width, n), dtype=np.int32)
    place[0] = 2 * start[0] - dropped[0]
    for p in range(1, width):
        place[p] = place[p - 1] + 1 + 2 * start[p] - dropped[p]
    marker = place - 2 + dropped
    out_width = int(place[-1].max()) + 1
    rewritten = np.zeros((out_width, n), dtype=np.int32)
    cases = np.arange(n)
    for p in range(width):
        rewritten[place[p], cases] = codes[p]
    for p in range(width):
        run = start[p]
        rewritten[marker[p, run], cases[run]] = 1
        rewritten[marker[p, run] + 1, cases[run]] = 2 + remaining[p, run]
    keys = _packed_words(rewritten)
    # lexsort: last key is the primary one
    order = np.lexsort(keys[::-1]) if len(keys) > 1 else np.argsort(keys[0], kind="stable")
    tied = np.ones(n - 1, dtype=bool)
    for word in keys:
        ranked = word[order]
        tied &= ranked[1:] == ranked[:-1]
    if tied.any():
        keys = keys + _packed_words(codes.astype(np.int32))
        order = np.lexsort(keys[::-1])
    return order


def _packed_words(symbols: npt.NDArray[np.int32]) -> list[npt.NDArray[np.uint64]]:
    """Rows of ``symbols`` (position x name) packed into uint64 words, most significant first.

    Symbols are replaced by their rank among the values present, so comparing the words in
    order compares the symbol sequences.
    """
    present = np.bincount(symbols.ravel()) > 0
    rank = np.cumsum(present, dtype=np.int64) - 1
    bits = max(1, int(rank[-1]).bit_length())
    ranks = rank.astype(np.uint64)[symbols]
    per_word = 64 // bits
    words = []
    for first in range(0, symbols.shape[0], per_word):
        word = np.zeros(symbols.shape[1], dtype=np.uint64)
        for row in ranks[first : first + per_word]:
            word <<= np.uint64(bits)
            word |= row
        # pad the last word so that every word has the same scale
        word <<= np.uint64(bits * (per_word - len(ranks[first : first + per_word])))
        words.append(word)
    return words


def _parse_incl_cut(incl_cut: Any) -> tuple[float, float]:
    allowed = (
        f"{_CALLER}: `incl_cut` must be a number in [0, 1] or a pair (ic1, ic0) of numbers in "
        "[0, 1] with ic0 <= ic1"
    )
    if isinstance(incl_cut, str):
        raise QCAError(f"{allowed}; got {incl_cut!r}.")
    if np.ndim(incl_cut) == 0:
        values = [incl_cut]
    else:
        values = list(incl_cut)
    if len(values) not in (1, 2):
        raise QCAError(f"{allowed}; got {incl_cut!r}.")
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        raise QCAError(f"{allowed}; got {incl_cut!r}.") from None
    if not all(0.0 <= v <= 1.0 for v in numbers):
        raise QCAError(f"{allowed}; got {incl_cut!r}.")
    if len(numbers) == 1:
        return numbers[0], numbers[0]
    if numbers[1] > numbers[0]:
        raise QCAError(f"{allowed}; got {incl_cut!r} (ic0 > ic1).")
    return numbers[0], numbers[1]


def _parse_sort_by(sort_by: Any, conditions: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    if sort_by is None or (isinstance(sort_by, str) and sort_by == ""):
        return ()
    if isinstance(sort_by, str):
        items = [(sort_by, True)]
    elif isinstance(sort_by, Mapping):
        items = [(key, value) for key, value in sort_by.items()]
    else:
        items = [(key, True) for key in sort_by]
    allowed = list(_SORT_KEYS) + list(conditions)
    result = []
    for key, decreasing in items:
        key = "OUT" if key == "out" else key
        if key not in allowed:
            raise QCAError(
                f"{_CALLER}: `sort_by` key {key!r} is not a truth-table column; "
                f"use any of {allowed}."
            )
        if not isinstance(decreasing, (bool, np.bool_)):
            raise QCAError(
                f"{_CALLER}: `sort_by` values must be True (decreasing) or False (increasing); "
                f"got {decreasing!r} for {key!r}."
            )
        result.append((str(key), bool(decreasing)))
    return tuple(result)


@dataclass(frozen=True, slots=True)
class _Inputs:
    conditions: tuple[str, ...]
    outcome: str
    case_names: npt.NDArray[np.object_]  # canonical order
    x: npt.NDArray[np.float64]  # (n_cases, k) conditions as used, canonical order (F-ordered)
    fuzzy: npt.NDArray[np.bool_]  # (k,)
    noflevels: tuple[int, ...]
    y: npt.NDArray[np.float64]  # (n_cases,) outcome membership (negated / levelled)
    multivalue: bool
    incl_cut: tuple[float, float]
    out_cut: tuple[float, float | None]  # (ic1, ic0), ic0 None for a single cut-off
    n_cut: int
    pri_cut: float
    sort_by: tuple[tuple[str, bool], ...]


def _truth_table_iv(
    data: Any,
    outcome: Any,
    conditions: Any,
    incl_cut: Any,
    n_cut: Any,
    pri_cut: Any,
    sort_by: Any,
) -> _Inputs:
    data = check_dataframe(data, _CALLER)
    if not all(isinstance(c, str) for c in data.columns):
        # conditions are named by strings everywhere downstream (expressions, printing)
        data = data.set_axis([str(c) for c in data.columns], axis=1)
        repeated = sorted({c for c in data.columns if list(data.columns).count(c) > 1})
        if repeated:
            raise QCAError(f"{_CALLER}: column names {repeated} appear more than once in `data`.")
    reading = read_outcome(outcome, list(data.columns), _CALLER)
    column, negated, levels = reading.column, reading.negated, reading.levels
    if conditions is None:
        conditions = [c for c in data.columns if c != column]
        if not conditions:
            raise QCAError(f"{_CALLER}: `data` has no column besides the outcome '{column}'.")
    else:
        # one string is one condition: no comma-separated lists (STYLE A10)
        conditions = [conditions] if isinstance(conditions, str) else list(conditions)
        if not conditions:
            raise QCAError(f"{_CALLER}: `conditions` is empty; give at least one condition.")
        if column in [str(c) for c in conditions]:
            raise QCAError(f"{_CALLER}: `outcome` '{column}' is also listed in `conditions`.")
    conditions = check_columns(data, conditions, _CALLER)
    clash = [c for c in conditions if c in _TABLE_COLUMNS]
    if clash:
        raise QCAError(
            f"{_CALLER}: condition(s) {clash} have the name of a truth-table column "
            f"{list(_TABLE_COLUMNS)}; rename them first."
        )

    names = data.index.astype(str).tolist()
    if len(set(names)) != len(names):
        seen: set[str] = set()
        duplicated = sorted({n for n in names if n in seen or seen.add(n)})  # type: ignore[func-returns-value]  # noqa: E501
        raise QCAError(
            f"{_CALLER}: case names (the index of `data`) must be unique; "
            f"duplicated: {duplicated[:5]}{' ...' if len(duplicated) > 5 else ''}."
        )

    try:
        n_cut_value = int(n_cut)
    except (TypeError, ValueError):
        raise QCAError(f"{_CALLER}: `n_cut` must be an integer >= 1; got {n_cut!r}.") from None
    if isinstance(n_cut, bool) or n_cut_value != n_cut or n_cut_value < 1:
        raise QCAError(f"{_CALLER}: `n_cut` must be an integer >= 1; got {n_cut!r}.")
    cut = _parse_incl_cut(incl_cut)
    single = isinstance(incl_cut, str) or np.ndim(incl_cut) == 0 or len(incl_cut) == 1
    try:
        pri_value = float(pri_cut)
    except (TypeError, ValueError):
        raise QCAError(
            f"{_CALLER}: `pri_cut` must be a number in [0, 1]; got {pri_cut!r}."
        ) from None
    if not 0.0 <= pri_value <= 1.0:
        raise QCAError(f"{_CALLER}: `pri_cut` must be a number in [0, 1]; got {pri_cut!r}.")
    sort_keys = _parse_sort_by(sort_by, conditions)

    order = _canonical_order(names)
    used = [*conditions, column] if column not in conditions else list(conditions)
    canonical = data[used].iloc[order]

    k = len(conditions)
    # column-major: each condition's scores are contiguous (per-condition loops, frame columns)
    x = np.empty((len(order), k), dtype=np.float64, order="F")
    fuzzy = np.zeros(k, dtype=bool)
    noflevels = []
    for j, c in enumerate(conditions):
        values = numeric_column(canonical, c, _CALLER)
        if is_whole(values):
            negative = np.flatnonzero(values < 0)
            if negative.size:
                p = int(negative[0])
                raise QCAError(
                    f"{_CALLER}: condition '{c}' has a negative value {values[p]:g} (case "
                    f"{canonical.index[p]!r}); crisp and multi-value conditions take levels "
                    "0, 1, 2, ..."
                )
            noflevels.append(condition_levels(values))
        else:
            check_unit_interval(values, c, canonical.index, _CALLER)
            fuzzy[j] = True
            noflevels.append(2)
        x[:, j] = values

    y = numeric_column(canonical, column, _CALLER)
    if levels is not None:
        y = np.isin(y, np.asarray(levels, dtype=float)).astype(np.float64)
    else:
        outside = np.flatnonzero((y < 0) | (y > 1))
        if outside.size:
            p = int(outside[0])
            hint = ""
            if np.all(y == np.round(y)) and np.all(y >= 0):
                hint = f"; for a multi-value outcome name the level, e.g. '{column}[{int(y[p])}]'"
            raise QCAError(
                f"{_CALLER}: outcome '{column}' has values outside [0, 1]: {y[p]:g} "
                f"(case {canonical.index[p]!r}){hint}."
            )
    if negated:
        y = 1.0 - y

    return _Inputs(
        conditions=tuple(conditions),
        outcome=Outcome(column, negated, levels).label,
        case_names=np.array(names, dtype=object)[order],
        x=x,
        fuzzy=fuzzy,
        noflevels=tuple(noflevels),
        y=y,
        multivalue=bool(any(v > 2 for v in noflevels) or levels is not None),
        incl_cut=cut,
        out_cut=(cut[0], None) if single else cut,
        n_cut=n_cut_value,
        pri_cut=pri_value,
        sort_by=sort_keys,
    )


# --------------------------------------------------------------------------------------------
# kernels
# --------------------------------------------------------------------------------------------


def _row_fit(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int],
    y: npt.NDArray[np.float64],
    configurations: npt.NDArray[np.int64],
    method: str | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """``incl`` and ``PRI`` of each row (configuration) over every case.

    The membership of case i in row r is ``m = min_j lit_j(x[i, j], configurations[r, j])`` with
    ``lit = x`` / ``1 - x`` for a fuzzy condition at level 1 / 0 and ``lit = (x == level)``
    otherwise. Then (R's ``C_truthTable``)::

        incl = sum(min(m, y)) / sum(m)
        PRI  = (sum(min(m, y)) - sum(min(m, y, 1 - y))) / (sum(m) - sum(min(m, y, 1 - y)))

    The sums are exact (see :func:`_exact_sums`) and each ratio is rounded once, so the figures do
    not depend on the order of the cases.

    Parameters
    ----------
    x : ndarray, shape (n_cases, k)
    fuzzy : ndarray of bool, shape (k,)
    noflevels : sequence of int, length k
    y : ndarray, shape (n_cases,)
    configurations : ndarray of int, shape (n_rows, k)
    method : {None, "dense", "cubes"}
        Fuzzy data only: ``"dense"`` computes every membership (rows x cases x conditions),
        ``"cubes"`` uses :func:`_cube_sums`; None chooses by their estimated cost. Both give the
        same exact sums.

    Returns
    -------
    incl, pri : ndarray, shape (n_rows,)
        NaN where a denominator is zero.
    """
    configurations = np.asarray(configurations, dtype=np.int64)
    n_rows, k = configurations.shape
    n_cases = x.shape[0]
    x_sum = np.zeros(n_rows, dtype=object)
    both_sum = np.zeros(n_rows, dtype=object)
    pri_sum = np.zeros(n_rows, dtype=object)
    not_y = 1.0 - y
    if n_rows == 0 or n_cases == 0:
        pass
    elif not fuzzy.any():
        # crisp / multi-value: a case has membership 1 in its own row and 0 everywhere else
        case_ids = row_ids(x.astype(np.int64), noflevels)
        wanted = row_ids(configurations, noflevels)
        order = np.argsort(wanted)
        position = np.minimum(np.searchsorted(wanted[order], case_ids), n_rows - 1)
        found = wanted[order][position] == case_ids
        return _grouped_row_fit(order[position[found]], y[found], n_rows)
    elif method == "cubes" or (method is None and _prefer_cubes(x, fuzzy, noflevels, configurations)):
        x_sum, both_sum, pri_sum = _cube_sums(x, fuzzy, noflevels, y, configurations)
    else:
        # literals[j][level]: the membership of every case in "condition j at that level"
        literals = []
        for j in range(k):
            if fuzzy[j]:
                literals.append(np.stack([1.0 - x[:, j], x[:, j]]))
            else:
                levels = np.arange(noflevels[j])[:, None]
                literals.append((x[:, j][None, :] == levels).astype(np.float64))
        block = max(1, _BLOCK_ELEMENTS // max(1, n_cases))
        for start in range(0, n_rows, block):
            rows = configurations[start : start + block]
            m = literals[0][rows[:, 0]]
            for j in range(1, k):
                np.minimum(m, literals[j][rows[:, j]], out=m)
            both = np.minimum(m, y)
            x_sum[start : start + block] = _exact_sums(m)
            both_sum[start : start + block] = _exact_sums(both)
            pri_sum[start : start + block] = _exact_sums(np.minimum(both, not_y, out=m))
    incl = _ratio(both_sum, x_sum)
    pri = _ratio(both_sum - pri_sum, x_sum - pri_sum)
    return incl, pri


# Largest ternary array (cells, per crisp group times 3**fuzzy conditions) of _cube_sums: three
# int64 limbs of 3**13 cells take 38 MB.
_CUBE_MAX_CELLS = 3**13


def _cube_cells(
    fuzzy: npt.NDArray[np.bool_], noflevels: Sequence[int], configurations: npt.NDArray[np.int64]
) -> int:
    crisp = np.flatnonzero(~fuzzy)
    groups = np.unique(configurations[:, crisp], axis=0).shape[0] if crisp.size else 1
    return groups * 3 ** int(np.count_nonzero(fuzzy))


def _prefer_cubes(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int],
    configurations: npt.NDArray[np.int64],
) -> bool:
    """Whether :func:`_cube_sums` should beat the dense kernel (costs measured, see benchmarks)."""
    n_cases, k = x.shape
    n_rows = configurations.shape[0]
    if 3 ** int(np.count_nonzero(fuzzy)) > _CUBE_MAX_CELLS:
        return False
    cells = _cube_cells(fuzzy, noflevels, configurations)
    if cells > _CUBE_MAX_CELLS:
        return False
    # in about the same unit (1e-9 s on 2 cores): a membership of the dense kernel per row,
    # case and condition; a chained cube of a case; a ternary cell (9 limb tables)
    dense = n_rows * n_cases * (k + 6)
    cubes = 150 * n_cases * (int(np.count_nonzero(fuzzy)) + 1) + 100 * cells
    return cubes < dense


def _cube_sums(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int],
    y: npt.NDArray[np.float64],
    configurations: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """Exact ``sum(m)``, ``sum(min(m, y))``, ``sum(min(m, y, 1 - y))`` per row, as nested cubes.

    Crisp and multi-value conditions: a case counts only in rows with its levels (membership 0
    elsewhere), so cases and rows are matched by their crisp part ("group"). Fuzzy conditions:
    with ``a_j = max(x_j, 1 - x_j) >= 0.5`` (the case's own row ``o``) and
    ``b_j = 1 - a_j <= 0.5``, the membership in a row differing from ``o`` on the set ``D`` is
    ``min_{j in D} b_j``. Sorting ``b`` increasingly (``b_(1) <= ... <= b_(f)``), a row is in the
    cube ``C_i`` (the first ``i - 1`` of these conditions at their level in ``o``, the others
    free) for ``i <= i*``, where ``i*`` is the rank of the first differing condition, and
    ``min(m, cap) = v_{i*}`` with ``v_i = min(b_(i), cap)`` (``v_{f+1} = min(min_j a_j, cap)``).
    So ``min(m, cap)`` is the sum of the weights ``v_i - v_{i-1}`` of the cubes holding the row.

    Cube weights are added into a dense ternary array (digit 0, 1, or 2 = free, per fuzzy
    condition), then each digit 2 is pushed onto 0 and 1 (``3**f`` to ``2**f`` cells) and the
    rows are read off. Values are the integers ``floor(v * 2**93)`` in three 31-bit limbs, as in
    :func:`_exact_sums`, so the totals are the same integers.
    """
    configurations = np.asarray(configurations, dtype=np.int64)
    n_rows = configurations.shape[0]
    fz = np.flatnonzero(fuzzy)
    cr = np.flatnonzero(~fuzzy)
    f = fz.size
    levels = np.asarray(noflevels, dtype=np.int64)
    # crisp part: the group of each row, and of each case (-1: in no row's group)
    if cr.size:
        row_keys = row_ids(configurations[:, cr], levels[cr])
        case_keys = row_ids(x[:, cr].astype(np.int64), levels[cr])
    else:
        row_keys = np.zeros(n_rows, dtype=np.int64)
        case_keys = np.zeros(x.shape[0], dtype=np.int64)
    keys, row_group = np.unique(row_keys, return_inverse=True)
    position = np.minimum(np.searchsorted(keys, case_keys), keys.size - 1)
    kept = np.flatnonzero(keys[position] == case_keys)
    group = position[kept]
    n_groups = keys.size
    cells = 3**f
    power = 3 ** np.arange(f - 1, -1, -1, dtype=np.int64)
    size = n_groups * cells
    # tables[cap, limb]: cube weights, then row sums; cases go by chunks that stay in cache
    tables = np.zeros((3, 3, size), dtype=np.int64)
    chunk = max(2**15, cells // (f + 1))
    for start in range(0, kept.size, chunk):
        cases = kept[start : start + chunk]
        scores = x[np.ix_(cases, fz)]
        complement = 1.0 - scores  # as the dense kernel: the "~A" literal is 1.0 - x
        low = np.minimum(scores, complement)
        by_low = np.argsort(low, axis=1, kind="stable")
        values = np.empty((cases.size, f + 1))
        values[:, :f] = np.take_along_axis(low, by_low, axis=1)
        values[:, f] = np.maximum(scores, complement).min(axis=1)
        # codes of the chain of cubes: all free, then the conditions fixed in increasing b
        own = (np.take_along_axis(scores, by_low, axis=1) > 0.5).astype(np.int64)
        codes = np.empty((cases.size, f + 1), dtype=np.int64)
        codes[:, 0] = group[start : start + chunk] * cells + 2 * int(power.sum())
        np.cumsum((2 - own) * power[by_low], axis=1, out=codes[:, 1:])
        codes[:, 1:] = codes[:, :1] - codes[:, 1:]
        codes = codes.ravel()
        y_chunk = y[cases]
        for index, cap in enumerate((None, y_chunk, np.minimum(y_chunk, 1.0 - y_chunk))):
            capped = values if cap is None else np.minimum(values, cap[:, None])
            for limb, whole in enumerate(_limbs(capped)):
                weights = np.diff(whole, axis=1, prepend=0.0).ravel()
                tables[index, limb] += np.bincount(codes, weights=weights, minlength=size).astype(
                    np.int64
                )
    tables = _ternary_to_binary(tables.reshape(9 * n_groups, cells), f)
    tables = tables.reshape(3, 3, n_groups, 2**f)
    binary = configurations[:, fz] @ (2 ** np.arange(f - 1, -1, -1, dtype=np.int64))
    sums = []
    for index in range(3):
        at = tables[index][:, row_group, binary]
        total = at[0].astype(object)
        for limb in (1, 2):
            total = total * (1 << _LIMB_BITS) + at[limb].astype(object)
        sums.append(total)
    return sums[0], sums[1], sums[2]


def _ternary_to_binary(table: npt.NDArray[np.int64], f: int) -> npt.NDArray[np.int64]:
    """Rows of ``3**f`` cells (base-3 digits 0, 1, 2 = either) to ``2**f`` cells: digit 2 is
    added onto 0 and onto 1, one digit at a time (last digit first)."""
    count = table.shape[0]
    for j in range(f - 1, -1, -1):
        # digits after j are binary already
        view = table.reshape(count, 3**j, 3, 2 ** (f - 1 - j))
        free = view[:, :, 2, :]
        table = np.stack([view[:, :, 0, :] + free, view[:, :, 1, :] + free], axis=2)
    return table.reshape(count, 2**f)


def _limbs(values: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """``floor(values * 2**93)`` as three 31-bit limbs (floats holding integers), most
    significant first; each step is exact in float64."""
    limbs = []
    rest = values * _LIMB
    for _ in range(3):
        whole = np.floor(rest)
        limbs.append(whole)
        rest = (rest - whole) * _LIMB
    return limbs


def _chunked_bincount(
    groups: npt.NDArray[np.int64], weights: npt.NDArray[np.float64], n_groups: int
) -> npt.NDArray[np.int64]:
    """Exact per-group sums of integer weights below 2**31 in absolute value: float sums of
    fewer than 2**22 of them are exact, chunks are added as int64."""
    total = np.zeros(n_groups, dtype=np.int64)
    for start in range(0, groups.size, 2**22):
        chunk = slice(start, start + 2**22)
        total += np.bincount(groups[chunk], weights=weights[chunk], minlength=n_groups).astype(
            np.int64
        )
    return total


# Exact sums of memberships: each value in [0, 1] is split into three 31-bit integer limbs
# (v = h1 2^-31 + h2 2^-62 + h3 2^-93 + a remainder below 2^-93, dropped); sums of limbs are
# integers, exact in float64 for fewer than 2^22 terms (int64 beyond), so the total does not depend
# on the order of the cases, and a ratio of two totals is rounded once (Python int division).
_LIMB_BITS = 31
_LIMB = float(2**_LIMB_BITS)


def _exact_sums(
    values: npt.NDArray[np.float64],
    *,
    groups: npt.NDArray[np.int64] | None = None,
    n_groups: int = 0,
) -> npt.NDArray[np.object_]:
    """Exact sums (scaled by 2**93, as Python ints) along the last axis, or per group (bincount)."""
    totals = None
    for whole in _limbs(values):
        if groups is not None:
            part = _chunked_bincount(groups, whole, n_groups)
        elif whole.shape[-1] < 2**22:
            part = whole.sum(axis=-1)
        else:
            part = whole.astype(np.int64).sum(axis=-1)
        part = np.asarray(part).astype(np.int64).astype(object)
        totals = part if totals is None else totals * (1 << _LIMB_BITS) + part
    assert totals is not None
    return totals


def _ratio(
    numerator: npt.NDArray[np.object_], denominator: npt.NDArray[np.object_]
) -> npt.NDArray[np.float64]:
    """Correctly rounded ratios of exact integer totals; NaN where the denominator is 0."""
    result = np.full(len(numerator), np.nan)
    defined = denominator != 0
    if defined.any():
        # Python int / int (object arrays): one correct rounding per ratio
        quotients = np.true_divide(numerator[defined], denominator[defined])
        result[defined] = quotients.astype(np.float64)
    return result


def _grouped_row_fit(
    row_of_case: npt.NDArray[np.int64], y: npt.NDArray[np.float64], n_rows: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """``incl`` and ``PRI`` of rows where every case is in one row with membership 1, else 0.

    Crisp and multi-value conditions: ``sum(m)`` is the row's count, ``sum(min(m, y))`` and
    ``sum(min(m, y, 1 - y))`` are sums of ``y`` and ``min(y, 1 - y)`` over the row's cases, so
    each row costs its cases only (:func:`_row_fit` gives the same figures). ``row_of_case``
    holds, for each case, its row index in ``range(n_rows)``.
    """
    counts = np.bincount(row_of_case, minlength=n_rows)
    if np.all((y == 0.0) | (y == 1.0)):
        # integer totals below 2**53: the float quotient is the correctly rounded one
        positive = np.bincount(row_of_case, weights=y, minlength=n_rows)
        with np.errstate(invalid="ignore", divide="ignore"):
            incl = np.where(counts > 0, positive / np.maximum(counts, 1), np.nan)
        # min(y, 1 - y) = 0: PRI = incl
        return incl, incl.copy()
    x_sum = counts.astype(object) * (1 << (3 * _LIMB_BITS))
    both_sum = _exact_sums(y, groups=row_of_case, n_groups=n_rows)
    pri_sum = _exact_sums(np.minimum(y, 1.0 - y), groups=row_of_case, n_groups=n_rows)
    return _ratio(both_sum, x_sum), _ratio(both_sum - pri_sum, x_sum - pri_sum)


def _out_codes(
    n: npt.NDArray[np.int64],
    incl: npt.NDArray[np.float64],
    pri: npt.NDArray[np.float64],
    incl_cut: tuple[float, float | None],
    n_cut: int,
    pri_cut: float,
) -> npt.NDArray[np.str_]:
    """R's rule, step by step as truthTable.R applies it.

    ``OUT = 1`` where ``incl >= ic1`` and ``PRI >= pri_cut`` (R's agteb(): tolerance sqrt(eps)),
    else 0; then ``C`` where ``incl < ic1`` and ``incl >= ic0`` (tolerance again), overriding a 1
    within the tolerance band. R's ``ic0`` is 1 when a single cut-off is given: ``incl_cut`` is
    then ``(ic1, None)`` here.
    """
    ic1, ic0 = incl_cut
    floor = 1.0 if ic0 is None else ic0
    with np.errstate(invalid="ignore"):
        positive = (incl + _TOL > ic1) & (pri + _TOL > pri_cut)
        contradiction = (incl < ic1) & (incl + _TOL > floor)
    out = np.where(positive, "1", "0").astype("<U1")
    out[contradiction] = "C"
    out[n < n_cut] = "?"
    return out


def _group_names(
    sorted_names: npt.NDArray[np.object_], counts: npt.NDArray[np.int64]
) -> npt.NDArray[np.object_]:
    """Tuples of names: the first ``counts[0]`` names, the next ``counts[1]``, ...

    Rows with the same number of cases get their tuples from one ``zip`` over columns of names
    (C speed; most rows of a large table hold a few cases), long rows from slices.
    """
    starts = np.cumsum(counts) - counts
    result = _empty_tuples(counts.size)
    listed: list[Any] | None = None
    sizes = np.unique(counts)
    for size in sizes[sizes > 0].tolist():
        rows = np.flatnonzero(counts == size)
        first = starts[rows]
        if size <= 16:
            columns = [sorted_names[first + i].tolist() for i in range(size)]
            result[rows] = np.fromiter(zip(*columns), dtype=object, count=rows.size)
        else:
            listed = sorted_names.tolist() if listed is None else listed
            result[rows] = np.fromiter(
                (tuple(listed[s : s + size]) for s in first.tolist()), dtype=object, count=rows.size
            )
    return result


def _empty_tuples(count: int) -> npt.NDArray[np.object_]:
    empty = np.empty(count, dtype=object)
    empty.fill(())
    return empty


# --------------------------------------------------------------------------------------------
# public function
# --------------------------------------------------------------------------------------------


def truth_table(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    incl_cut: float | tuple[float, float] = 1,
    n_cut: int = 1,
    pri_cut: float = 0,
    complete: bool = False,
    sort_by: str | Sequence[str] | Mapping[str, bool] | None = None,
    show_cases: bool = True,
    dcc: bool = False,
) -> TruthTable:
    """Build the truth table of ``outcome`` on ``conditions`` (R QCA's ``truthTable``).

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data, one row per case, indexed by (unique) case names. Condition columns hold
        crisp (0/1), fuzzy ([0, 1]) or multi-value (0, 1, ..., m) memberships; levels are read
        from the data (whole numbers with a maximum m >= 2 make a multi-value condition).
        Never modified.
    outcome : str
        Column of the outcome: ``"Y"``, ``"~Y"`` for its negation, ``"Y[2]"`` (or ``"Y{2}"``)
        for the level 2 of a multi-value outcome (membership 1 where ``Y == 2``), ``"Y[1,2]"``
        for several levels.
    conditions : sequence of str, optional
        Default: every column except the outcome.
    incl_cut : float or (float, float), default 1
        ``ic1``: minimal inclusion of a positive row; with a pair ``(ic1, ic0)``, rows with
        ``ic0 <= incl < ic1`` are contradictions ``"C"``.
    n_cut : int, default 1
        Rows with fewer cases are remainders (``"?"``).
    pri_cut : float, default 0
        Minimal PRI of a positive row.
    complete : bool, default False
        Also list every remainder (refused above 2**20 rows).
    sort_by : str, sequence of str or mapping, optional
        Sort keys among ``"OUT"``, ``"n"``, ``"incl"``, ``"PRI"`` and the conditions, decreasing
        (as R); a mapping ``{"incl": False}`` sorts that key increasingly. Ties keep the row-id
        order; remainders stay last. ``OUT`` decreases as R's does: ``C``, ``1``, ``0``.
    show_cases : bool, default True
        Print the case names of each row.
    dcc : bool, default False
        Print the deviant cases consistency in kind instead (cases in the row whose outcome
        membership is below 0.5); the ``DCC`` column of :attr:`TruthTable.table` always has them.

    Returns
    -------
    TruthTable

    Raises
    ------
    QCAError
        Unknown or duplicated columns, missing or non-numeric values, memberships outside
        [0, 1], invalid cut-offs.
    NoConfigurationsError
        No row has ``n >= n_cut``.
    ProblemTooLargeError
        ``complete=True`` with more than 2**20 rows.

    Warns
    -----
    HalfMembershipWarning
        Cases with a membership of exactly 0.5 in a condition: they are in no row (but still count
        in every row's ``incl`` and ``PRI``, as in R).

    Notes
    -----
    Row ids are R's: 1 + the configuration read as a mixed-radix number, first condition most
    significant. Results agree with R's QCA 3.25 ``truthTable()`` on the package's data sets
    (tests/reference), except that cases are listed in natural order of their names (R: data order)
    so the result does not depend on the row order of the data.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> data = pd.DataFrame(
    ...     {"A": [0.9, 0.8, 0.2, 0.7], "B": [0.6, 0.3, 0.1, 0.8], "Y": [0.9, 0.6, 0.3, 0.4]},
    ...     index=["p", "q", "r", "s"])
    >>> tt = qca.truth_table(data, "Y", incl_cut=0.8)
    >>> tt
    <TruthTable: 2 conditions, 3 observed rows (2 positive, 0 contradictions), 1 remainder; ...>
    >>> print(tt)
      OUT: output value
        n: number of cases in configuration
     incl: sufficiency inclusion score
      PRI: proportional reduction in inconsistency
    <BLANKLINE>
        A  B    OUT    n  incl  PRI   cases
    1   0  0     0     1  0.615 0.000  r
    3   1  0     1     1  0.933 0.833  q
    4   1  1     1     2  0.824 0.625  p,s
    >>> tt.table.loc[4, "cases"]
    ('p', 's')
    """
    inputs = _truth_table_iv(data, outcome, conditions, incl_cut, n_cut, pri_cut, sort_by)
    x, fuzzy, noflevels = inputs.x, inputs.fuzzy, inputs.noflevels
    names = inputs.case_names

    # placement: fuzzy scores above 0.5 are in the "1" row; exactly 0.5 cannot be placed
    weights = radix_weights(noflevels)
    case_ids = np.ones(x.shape[0], dtype=np.int64)
    unplaced = np.zeros(x.shape[0], dtype=bool)
    for j in range(len(noflevels)):
        if fuzzy[j]:
            case_ids += (x[:, j] > 0.5) * weights[j]
            unplaced |= x[:, j] == 0.5
        else:
            case_ids += x[:, j].astype(np.int64) * weights[j]
    if unplaced.any():
        _warn_half(names, (x == 0.5) & fuzzy[None, :], inputs.conditions)
        placed = np.flatnonzero(~unplaced)
        case_ids = case_ids[placed]
    else:
        placed = slice(None)
    # one stable sort by row id: rows, counts, and each row's cases in canonical order
    by_row = np.argsort(case_ids, kind="stable")
    sorted_ids = case_ids[by_row]
    starts = np.flatnonzero(np.r_[sorted_ids.size > 0, sorted_ids[1:] != sorted_ids[:-1]])
    observed = sorted_ids[starts]
    n = np.diff(np.r_[starts, sorted_ids.size]).astype(np.int64)

    if not np.any(n >= inputs.n_cut):
        largest = int(n.max()) if n.size else 0
        raise NoConfigurationsError(
            f"{_CALLER}: no truth-table row has n >= n_cut={inputs.n_cut} "
            f"(largest n is {largest}). Lower `n_cut`."
        )

    observed_configs = configurations_of(observed, noflevels)
    row_of_sorted = np.repeat(np.arange(observed.size), n)
    if fuzzy.any():
        incl, pri = _row_fit(x, fuzzy, noflevels, inputs.y, observed_configs)
    else:
        # every case is placed, in its own row only: grouped sums
        row_index = np.empty_like(row_of_sorted)
        row_index[by_row] = row_of_sorted
        incl, pri = _grouped_row_fit(row_index, inputs.y, observed.size)
    out = _out_codes(n, incl, pri, inputs.out_cut, inputs.n_cut, inputs.pri_cut)
    sorted_names = names[placed][by_row]
    cases = _group_names(sorted_names, n)
    deviant = inputs.y[placed][by_row] < 0.5
    dcc_counts = np.bincount(row_of_sorted[deviant], minlength=observed.size)
    dcc_cases = _group_names(sorted_names[deviant], dcc_counts)

    ids = observed
    configs = observed_configs
    if complete:
        total = math.prod(noflevels)
        if total > MAX_COMPLETE_ROWS:
            raise ProblemTooLargeError(
                f"{_CALLER}: `complete=True` would list {total:,} rows (more than "
                f"{MAX_COMPLETE_ROWS:,}); use complete=False, the remainders are implied."
            )
        ids = np.arange(1, total + 1, dtype=np.int64)
        configs = all_configurations(noflevels)
        full = np.full(total, np.nan)
        at = observed - 1
        full_incl, full_pri = full.copy(), full.copy()
        full_incl[at], full_pri[at] = incl, pri
        full_n = np.zeros(total, dtype=np.int64)
        full_n[at] = n
        full_out = np.full(total, "?", dtype="<U1")
        full_out[at] = out
        full_cases = _empty_tuples(total)
        full_dcc = _empty_tuples(total)
        full_cases[at] = cases
        full_dcc[at] = dcc_cases
        incl, pri, n, out, cases, dcc_cases = (
            full_incl,
            full_pri,
            full_n,
            full_out,
            full_cases,
            full_dcc,
        )

    # one column-major int64 block for the conditions (no copy into the frame)
    table = pd.DataFrame(
        np.asfortranarray(configs, dtype=np.int64),
        columns=list(inputs.conditions),
        index=pd.Index(np.asarray(ids, dtype=np.int64), name="row"),
        copy=False,
    )
    table["OUT"] = pd.Categorical(out, categories=list(OUT_CATEGORIES))
    table["n"] = np.asarray(n, dtype=np.int64)
    table["incl"] = np.asarray(incl, dtype=np.float64)
    table["PRI"] = np.asarray(pri, dtype=np.float64)
    table["cases"] = cases
    table["DCC"] = dcc_cases
    if inputs.sort_by:
        table = table.iloc[_sort_order(table, inputs.sort_by)]

    case_index = pd.Index(names, dtype=object, name=data.index.name)
    if fuzzy.all() or not fuzzy.any():
        # x is private and column-major: one block, no copy
        block = x if fuzzy.all() else x.astype(np.int64, order="F")
        memberships = pd.DataFrame(
            block, columns=list(inputs.conditions), index=case_index, copy=False
        )
    else:
        memberships = pd.DataFrame(
            {
                c: x[:, j] if fuzzy[j] else x[:, j].astype(np.int64)
                for j, c in enumerate(inputs.conditions)
            },
            index=case_index,
        )
    memberships[inputs.outcome] = inputs.y

    return TruthTable(
        conditions=inputs.conditions,
        outcome=inputs.outcome,
        noflevels=tuple(int(v) for v in noflevels),
        multivalue=inputs.multivalue,
        fuzzy=tuple(bool(v) for v in fuzzy),
        memberships=memberships,
        table=table,
        incl_cut=inputs.incl_cut,
        n_cut=inputs.n_cut,
        pri_cut=inputs.pri_cut,
        complete=bool(complete),
        sort_by=inputs.sort_by,
        show_cases=bool(show_cases),
        dcc=bool(dcc),
        half_cases=tuple(str(v) for v in names[unplaced]),
    )


def _sort_order(table: pd.DataFrame, keys: tuple[tuple[str, bool], ...]) -> npt.NDArray[np.int64]:
    """R's sort: stable sorts from the last key to the first; remainders ("?") go last."""
    order = np.arange(len(table))
    # OUT ranks as R's character order: "C" > "1" > "0" (remainders are moved last anyway)
    out_rank = {"0": 0, "1": 1, "C": 2, "?": -1}
    for key, decreasing in reversed(keys):
        if key == "OUT":
            values = np.array([out_rank[v] for v in table["OUT"].astype(str)], dtype=np.float64)
        else:
            values = table[key].to_numpy(dtype=np.float64)
        current = values[order]
        # NaN (remainders) last either way, as R's order(na.last = TRUE)
        sortable = np.where(np.isnan(current), -np.inf if decreasing else np.inf, current)
        ranked = -sortable if decreasing else sortable
        order = order[np.argsort(ranked, kind="stable")]
    remainder = table["OUT"].astype(str).to_numpy()[order] == "?"
    return np.concatenate([order[~remainder], order[remainder]])


def _warn_half(
    names: npt.NDArray[np.object_], half: npt.NDArray[np.bool_], conditions: Sequence[str]
) -> None:
    rows = np.flatnonzero(half.any(axis=1))
    shown = []
    for i in rows[:10]:
        which = ", ".join(conditions[j] for j in np.flatnonzero(half[i]))
        shown.append(f"{names[i]!r} ({which})")
    more = f" and {rows.size - 10} more" if rows.size > 10 else ""
    warnings.warn(
        f"{_CALLER}: {rows.size} case(s) have a membership of exactly 0.5 in a condition and are "
        f"not assigned to any truth-table row: {', '.join(shown)}{more}. Move the calibration "
        "crossover to place them.",
        HalfMembershipWarning,
        stacklevel=3,
    )
