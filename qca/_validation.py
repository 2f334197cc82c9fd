"""Checks shared by the public functions: validation happens once, at the edge.

Each check raises :class:`qca.exceptions.QCAError` with a message that names the caller, the
argument or column, what was expected, what was received and, where it helps, the case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import LevelGapWarning, QCAError

#: **The** rule for condition and outcome names, the NAME of the expression grammar: letters,
#: digits, ``_`` and ``.``, not starting with a digit. Any other character (``~ * + ( ) [ ] { } ,``,
#: spaces, ``-``) would make model text that reads wrongly and cannot be parsed back.
NAME_PATTERN = r"[^\W\d][\w.]*|\.[\w.]*"
_NAME = re.compile(rf"(?:{NAME_PATTERN})\Z")
_NAME_START = re.compile(r"[^\W\d]|\.")


def is_name(name: Any) -> bool:
    """Whether ``name`` is a valid condition or outcome name.

    Examples
    --------
    >>> is_name("DEV"), is_name("~X"), is_name("A[1]"), is_name("A B")
    (True, False, False, False)
    """
    return isinstance(name, str) and _NAME.match(name) is not None


def check_name(name: Any, caller: str, role: str = "condition") -> str:
    """Refuse a name that breaks the identifier rule (:data:`NAME_PATTERN`), naming the culprit."""
    if is_name(name):
        return str(name)
    text = str(name)
    if not text:
        why = "it is empty"
    elif not _NAME_START.match(text):
        why = f"it starts with {text[0]!r}"
    else:
        bad = next(ch for ch in text if not re.match(r"[\w.]", ch))
        why = f"{bad!r} is not a letter, digit, '_' or '.'"
    raise QCAError(
        f"{caller}: {role} {name!r} is not a valid name ({why}): names are letters, digits, '_' "
        "and '.', not starting with a digit, so that expressions and printed models read "
        f"correctly. Rename the column first, e.g. data.rename(columns={{{name!r}: ...}})."
    )


def check_names(names: Iterable[Any], caller: str, role: str = "condition") -> None:
    """:func:`check_name` of each name."""
    for name in names:
        check_name(name, caller, role)


def shown(value: Any) -> str:
    """``repr`` of a value as a Python user wrote it: numpy scalars and arrays as plain Python
    (``inf``, not ``np.float64(inf)``), floats with every digit (``1.0000000001``, not ``1``).

    Examples
    --------
    >>> shown(np.float64(np.inf)), shown(np.int64(3)), shown(1.0000000001), shown((np.float32(0.5),))
    ('inf', '3', '1.0000000001', '(0.5,)')
    """
    if isinstance(value, np.generic):
        value = value.item()
    elif isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, tuple):
        inner = ", ".join(shown(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    return repr(value)


def brief(value: Any, width: int = 60) -> str:
    """:func:`shown` of a value, cut to about ``width`` characters (a 10,000-character expression
    is named, not repeated, in a message).

    Examples
    --------
    >>> brief("A*B"), brief("A*" * 40 + "B", width=12)
    ("'A*B'", "'A*A*A*A*A*...' (81 characters)")
    """
    text = shown(value)
    if len(text) <= width:
        return text
    if isinstance(value, str):
        return f"{value[: width - 2]!r}"[:-1] + f"...' ({len(value)} characters)"
    return text[:width] + "..."


def is_number(value: Any) -> bool:
    """A real number that is not a bool (``True`` is not a cut-off) nor NaN."""
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, (bool, np.bool_))
        and not (isinstance(value, (float, np.floating)) and np.isnan(value))
    )


def check_flag(value: Any, caller: str, argument: str) -> bool:
    """A flag must be a bool (``"no"`` is not False: a non-empty string is true)."""
    if not isinstance(value, (bool, np.bool_)):
        raise QCAError(f"{caller}: `{argument}` must be True or False; got {shown(value)}.")
    return bool(value)


_DECIMAL_COMMA = re.compile(r"\s*[-+]?\d+,\d+\s*\Z")


def decimal_comma_hint(value: Any) -> str:
    """A hint when a non-numeric value looks like a number written with a decimal comma."""
    if isinstance(value, str) and _DECIMAL_COMMA.match(value):
        return " (a decimal comma? qca reads numbers with a decimal point: write 0.5, not 0,5)"
    return ""


def check_csv_header(path: Any, where: str) -> None:
    """Refuse a CSV file pandas would misread silently: repeated column names (pandas renames
    the second ``A`` to ``A.1``) and a file separated by semicolons (one column named
    ``"A;B;Y"``), which usually also means decimal commas.

    Unreadable files are left to the reader, which says why.
    """
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return
    header = next(csv.reader([first]), [])
    names = [h.strip() for h in header]
    if len(names) <= 1 and ";" in first:
        raise QCAError(
            f"{where}: the header {first.strip()!r} is separated by semicolons; qca reads "
            "comma-separated files with a decimal point. Convert it first, e.g. "
            "pandas.read_csv(path, sep=';', decimal=',').to_csv(new_path)."
        )
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        raise QCAError(
            f"{where}: column name(s) {repeated} appear more than once in the header; rename "
            "them (pandas would silently read the second one as 'A.1')."
        )


def warn_level_gaps(values: np.ndarray, column: str, index: pd.Index, caller: str) -> None:
    """Warn when the largest of whole-number scores (a multi-value condition, levels 0..m) jumps
    over two or more unused levels: ``7`` in a 0/1 column silently makes an 8-level condition."""
    import warnings

    if values.size == 0 or values.max() < 2:
        return
    levels = np.unique(values)
    top = int(levels[-1])
    # one skipped level can be real (no case has it); a jump over two or more looks like a typo
    if levels.size < 2 or top - int(levels[-2]) < 3:
        return
    unused = sorted(set(range(top + 1)) - {int(v) for v in levels})
    position = int(np.argmax(values))
    shown_unused = unused if len(unused) <= 6 else [*unused[:6], "..."]
    warnings.warn(
        f"{caller}: condition '{column}' is read as multi-value with levels 0..{top} because of "
        f"the value {top} (case {_case_label(index, position)}), but no case has level(s) "
        f"{', '.join(str(u) for u in shown_unused)}. A typo? Correct the value, or recode the "
        "levels as 0, 1, 2, ... without gaps.",
        LevelGapWarning,
        stacklevel=4,
    )


def _case_label(index: pd.Index, position: int) -> str:
    return repr(index[position]) if len(index) > position else repr(position)


def check_dataframe(data: Any, caller: str, argument: str = "data") -> pd.DataFrame:
    """Return ``data`` as a DataFrame (never the caller's object itself is modified later)."""
    if not isinstance(data, pd.DataFrame):
        raise QCAError(
            f"{caller}: `{argument}` must be a pandas DataFrame; got {type(data).__name__}."
        )
    if data.shape[0] == 0:
        raise QCAError(f"{caller}: `{argument}` has no rows (cases).")
    data = _check_column_labels(data, caller, argument)
    index = data.index
    if isinstance(index, pd.MultiIndex):
        raise QCAError(
            f"{caller}: the index of `{argument}` is a MultiIndex ({index.nlevels} levels); case "
            "names must be one level, e.g. data.index = data.index.map(lambda t: '_'.join(map(str, "
            "t)))."
        )
    if isinstance(index.dtype, np.dtype) and index.dtype.kind in "iu" and index.is_unique:
        # distinct integers have distinct names (a RangeIndex: known without writing 1e6 names)
        return data
    names = index.astype(str)
    if not names.is_unique:
        duplicated = sorted(set(names[names.duplicated()].tolist()))
        raise QCAError(
            f"{caller}: case names (the index of `{argument}`) must be unique; duplicated: "
            f"{duplicated[:5]}{' ...' if len(duplicated) > 5 else ''}."
        )
    return data


def _check_column_labels(data: pd.DataFrame, caller: str, argument: str) -> pd.DataFrame:
    """Column labels every stage can look up by name: one level, distinct as text. Labels that
    are not strings (``0``, ``("a", 1)``) are read as their text, on a new frame (the caller's
    is not renamed), so that ``data[name]`` finds the column a message or an expression names."""
    columns = data.columns
    if isinstance(columns, pd.MultiIndex):
        raise QCAError(
            f"{caller}: the columns of `{argument}` are a MultiIndex ({columns.nlevels} levels); "
            "give one level of names, e.g. data.columns = ['_'.join(map(str, c)) for c in "
            "data.columns]."
        )
    labels = [str(c) for c in columns]
    if len(set(labels)) != len(labels):
        counts = Counter(labels)
        repeated = sorted(c for c, n in counts.items() if n > 1)
        raise QCAError(
            f"{caller}: column names {repeated} appear more than once in `{argument}`; a column "
            "must be named once (rename or drop the copies first)."
        )
    if not all(isinstance(c, str) for c in columns):
        data = data.set_axis(labels, axis=1)
    return data


def check_columns(
    data: pd.DataFrame, columns: Sequence[str], caller: str, what: str = "condition(s)"
) -> list[str]:
    """All ``columns`` must exist in ``data``; return them as a list of str."""
    columns = [str(c) for c in columns]
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise QCAError(
            f"{caller}: {what} {missing} not found in `data`. "
            f"Available columns: {[str(c) for c in data.columns]}."
        )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise QCAError(f"{caller}: {what} {duplicated} listed more than once.")
    check_names(columns, caller)
    return columns


def numeric_column(data: pd.DataFrame, column: str, caller: str) -> np.ndarray:
    """Column as float64, refusing missing and non-numeric values with the case named."""
    series = data[column]
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "fiu":
        values = series.to_numpy(dtype=float)  # numeric already: nothing to coerce
    else:
        values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(np.isnan(values))
    if bad.size:
        position = int(bad[0])
        raw = series.iloc[position]
        if pd.isna(raw):
            raise QCAError(
                f"{caller}: column '{column}' has missing values (case {_case_label(data.index, position)}"
                f"{' and ' + str(bad.size - 1) + ' more' if bad.size > 1 else ''}). "
                "Drop or impute them first."
            )
        raise QCAError(
            f"{caller}: column '{column}' has a non-numeric value {shown(raw)} "
            f"(case {_case_label(data.index, position)}); expected numbers"
            f"{decimal_comma_hint(raw)}."
        )
    if not np.all(np.isfinite(values)):
        position = int(np.flatnonzero(~np.isfinite(values))[0])
        raise QCAError(
            f"{caller}: column '{column}' has a non-finite value {shown(values[position])} "
            f"(case {_case_label(data.index, position)})."
        )
    return values


def check_unit_interval(values: np.ndarray, column: str, index: pd.Index, caller: str) -> None:
    """Memberships must lie in [0, 1]; the first offending value and its case are named."""
    outside = np.flatnonzero((values < 0) | (values > 1))
    if outside.size:
        position = int(outside[0])
        raise QCAError(
            f"{caller}: condition '{column}' has values outside [0, 1]: {shown(values[position])} "
            f"(case {_case_label(index, position)}). Raw scores must be calibrated first "
            "(qca.calibrate, or `qca calibrate` on the command line)."
        )


def check_membership_column(data: pd.DataFrame, column: str, caller: str) -> np.ndarray:
    """A fuzzy or crisp membership column: numeric, no NaN, within [0, 1]."""
    values = numeric_column(data, column, caller)
    check_unit_interval(values, column, data.index, caller)
    return values


def check_fraction(value: Any, caller: str, argument: str) -> float:
    """A number in [0, 1] (not a bool, not a string)."""
    if not is_number(value) or not 0.0 <= float(value) <= 1.0:
        raise QCAError(f"{caller}: `{argument}` must be a number in [0, 1]; got {shown(value)}.")
    return float(value)


def check_condition_names(conditions: Any, caller: str) -> list[str]:
    """``conditions`` as a list of column names. One string is one condition name; a string with
    commas is refused with the list it probably meant (comma strings are the command line's)."""
    if isinstance(conditions, str):
        if "," in conditions:
            meant = [c.strip() for c in conditions.split(",") if c.strip()]
            raise QCAError(
                f"{caller}: `conditions` must be a list of column names; got the string "
                f"{conditions!r}. Write {meant!r}."
            )
        return [conditions]
    return [str(c) for c in conditions]
