"""Checks shared by the public functions: validation happens once, at the edge.

Each check raises :class:`qca.exceptions.QCAError` with a message that names the caller, the
argument or column, what was expected, what was received and, where it helps, the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import QCAError


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
    return columns


def numeric_column(data: pd.DataFrame, column: str, caller: str) -> np.ndarray:
    """Column as float64, refusing missing and non-numeric values with the case named."""
    series = data[column]
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
            f"{caller}: column '{column}' has a non-numeric value {raw!r} "
            f"(case {_case_label(data.index, position)}); expected numbers."
        )
    if not np.all(np.isfinite(values)):
        position = int(np.flatnonzero(~np.isfinite(values))[0])
        raise QCAError(
            f"{caller}: column '{column}' has a non-finite value {values[position]!r} "
            f"(case {_case_label(data.index, position)})."
        )
    return values


def check_unit_interval(values: np.ndarray, column: str, index: pd.Index, caller: str) -> None:
    """Memberships must lie in [0, 1]; the first offending value and its case are named."""
    outside = np.flatnonzero((values < 0) | (values > 1))
    if outside.size:
        position = int(outside[0])
        raise QCAError(
            f"{caller}: condition '{column}' has values outside [0, 1]: {values[position]:g} "
            f"(case {_case_label(index, position)}). Raw scores must be calibrated first "
            "(qca.calibrate)."
        )


def check_membership_column(data: pd.DataFrame, column: str, caller: str) -> np.ndarray:
    """A fuzzy or crisp membership column: numeric, no NaN, within [0, 1]."""
    values = numeric_column(data, column, caller)
    check_unit_interval(values, column, data.index, caller)
    return values


def check_fraction(value: Any, caller: str, argument: str) -> float:
    """A number in [0, 1]."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise QCAError(
            f"{caller}: `{argument}` must be a number in [0, 1]; got {value!r}."
        ) from None
    if not 0.0 <= number <= 1.0:
        raise QCAError(f"{caller}: `{argument}` must be a number in [0, 1]; got {value!r}.")
    return number


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
