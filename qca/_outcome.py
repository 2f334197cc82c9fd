"""The one reader of outcome strings: ``"Y"``, ``"~Y"``, ``"Y[2]"``, ``"Y{2}"``, ``"~Y[1,2]"``.

Every stage that takes an outcome by name reads it here: the truth table (which column, negated
or not, which levels), and ``fit()``, ``necessity()``, ``model_fit()`` and the study runner (which
column the outcome is, so that it is left out of the default conditions). ``fit()``,
``necessity()`` and ``model_fit()`` also take the outcome's memberships from here
(:func:`outcome_membership`: a column, an expression over the columns, a Series or an array).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._core.levels import condition_levels
from ._validation import NAME_PATTERN, check_membership_column, check_name, shown
from .exceptions import QCAError
from .expressions import parse

__all__ = [
    "Outcome",
    "check_outcome_name",
    "column_levels",
    "outcome_column",
    "outcome_membership",
    "read_outcome",
]

_PATTERN = re.compile(r"^\s*(~?)\s*([^\[\]{}~]+?)\s*(?:[\[{]([^\]}]*)[\]}])?\s*$")


@dataclass(frozen=True, slots=True)
class Outcome:
    """An outcome read from its string.

    Attributes
    ----------
    column : str
        The data column it is measured by.
    negated : bool
        ``~Y``: membership ``1 - y``.
    levels : tuple of float or None
        ``Y[1,2]``: membership 1 where the level is among these; None for a plain outcome.
    """

    column: str
    negated: bool = False
    levels: tuple[float, ...] | None = None

    @property
    def label(self) -> str:
        """Written canonically: ``"~Y"``, ``"Y[2]"``, ``"~Y[1,2]"`` (no spaces, ``[]``).

        Examples
        --------
        >>> Outcome("Y", True, (1.0, 2.0)).label
        '~Y[1,2]'
        """
        label = f"~{self.column}" if self.negated else self.column
        if self.levels is not None:
            label += "[" + ",".join(f"{v:g}" if v == v else "NaN" for v in self.levels) + "]"
        return label


#: An outcome column named like an outcome label, ``~Y``, ``Y[2]`` or ``~Y[1,2]`` (the column
#: TruthTable.memberships holds for such an outcome, already negated or set to a level).
_LABEL = re.compile(rf"~?(?:{NAME_PATTERN})(?:\[\d+(?:,\d+)*\])?\Z")


def check_outcome_name(column: str, caller: str) -> str:
    """An outcome column's name: a valid name, or an outcome label such as ``"~Y"`` or ``"Y[2]"``
    (the column :attr:`TruthTable.memberships <qca.TruthTable.memberships>` holds for such an
    outcome: the membership in the negation, or in the level)."""
    if not _LABEL.match(column):
        check_name(column, caller, "outcome")
    return column


def read_outcome(outcome: Any, columns: Sequence[str], caller: str) -> Outcome:
    """Read ``outcome`` against the data's ``columns``; a clear :class:`QCAError` otherwise.

    A column literally named like the whole string wins over any parsing (e.g. ``"Y[2]"`` taken
    from ``TruthTable.memberships``).

    Examples
    --------
    >>> read_outcome("~ SURV", ["DEV", "SURV"], "f()")
    Outcome(column='SURV', negated=True, levels=None)
    >>> read_outcome("PB{1}", ["PB"], "f()").label
    'PB[1]'
    """
    if not isinstance(outcome, str) or not outcome.strip():
        raise QCAError(
            f"{caller}: `outcome` must be a column name such as 'Y', '~Y' or 'Y[2]'; "
            f"got {outcome!r}."
        )
    text = outcome.strip()
    if text in columns:
        return Outcome(check_outcome_name(text, caller))
    if text.startswith("~") and text[1:].strip() in columns:
        return Outcome(check_outcome_name(text[1:].strip(), caller), negated=True)
    match = _PATTERN.match(text)
    if match is None:
        raise QCAError(
            f"{caller}: `outcome` {outcome!r} is not a column name, a negated one ('~Y') or a "
            "multi-value level ('Y[2]')."
        )
    tilde, column, levels_text = match.groups()
    check_name(column, caller, "outcome")
    if column not in columns:
        raise QCAError(
            f"{caller}: outcome '{column}' not found in `data`. "
            f"Available columns: {[str(c) for c in columns]}."
        )
    levels = None
    if levels_text is not None:
        try:
            levels = tuple(float(v) for v in levels_text.split(",") if v.strip() != "")
        except ValueError:
            raise QCAError(
                f"{caller}: the levels in `outcome` {outcome!r} must be numbers, e.g. 'Y[2]' "
                "or 'Y[1,2]'."
            ) from None
        if not levels:
            raise QCAError(f"{caller}: `outcome` {outcome!r} names no level; write e.g. 'Y[2]'.")
    return Outcome(column, bool(tilde), levels)


def outcome_column(outcome: Any) -> str | None:
    """The column an outcome string names, without looking at data (None when it names none).

    Examples
    --------
    >>> outcome_column("~SURV"), outcome_column("PB{1}"), outcome_column("~")
    ('SURV', 'PB', None)
    """
    if not isinstance(outcome, str):
        return None
    match = _PATTERN.match(outcome)
    return None if match is None else match.group(2)


def column_levels(data: pd.DataFrame) -> list[int]:
    """Number of levels of every column of ``data`` (:func:`qca._core.levels.condition_levels`).

    Examples
    --------
    >>> column_levels(pd.DataFrame({"A": [0, 1], "B": [0.2, 0.9], "C": [0, 2]}))
    [2, 2, 3]
    """
    return [
        condition_levels(
            pd.to_numeric(data[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        )
        for name in data.columns
    ]


def _as_floats(outcome: Any, caller: str) -> np.ndarray:
    try:
        return np.asarray(outcome, dtype=float)
    except (TypeError, ValueError):
        raise QCAError(
            f"{caller}: `outcome` must be a column name, an expression, a Series or one membership "
            f"per case (numbers in [0, 1]); got {type(outcome).__name__} {shown(outcome)[:80]}."
        ) from None


def outcome_membership(data: pd.DataFrame, outcome: Any, caller: str) -> tuple[np.ndarray, str]:
    """The membership of every case of ``data`` in the outcome, and the outcome's name.

    Parameters
    ----------
    data : pandas.DataFrame
        The cases (rows).
    outcome : str, pandas.Series or array_like
        A column of ``data``; an expression over its columns (``"~SURV"``, ``"DEV*~URB"``,
        ``"Y[2]"``: its fuzzy membership); a Series on the same index; or one membership per case.
    caller : str
        Named in error messages.

    Returns
    -------
    values : numpy.ndarray of float
    name : str
        The column or expression as given; the Series' name (``"Y"`` when it has none); ``"Y"``
        for an array.

    Raises
    ------
    QCAError
        For an unknown column or an unreadable expression, a Series on another index, or values
        that are not memberships in [0, 1] (one per case).

    Examples
    --------
    >>> data = pd.DataFrame({"A": [0.2, 0.9], "Y": [0.4, 1.0]})
    >>> values, name = outcome_membership(data, "~Y", "f()")
    >>> values.tolist(), name
    ([0.6, 0.0], '~Y')
    """
    if isinstance(outcome, pd.Series):
        if not outcome.index.equals(data.index):
            raise QCAError(f"{caller}: the `outcome` Series has a different index from `data`.")
        values = _as_floats(outcome, caller)
        name = str(outcome.name) if outcome.name is not None else "Y"
    elif isinstance(outcome, str):
        if outcome in data.columns:
            check_outcome_name(outcome, caller)
            return check_membership_column(data, outcome, caller), outcome
        names = [str(c) for c in data.columns]
        try:
            expression = parse(outcome, conditions=names, noflevels=column_levels(data))
        except QCAError as error:
            raise QCAError(
                f"{caller}: `outcome` {outcome!r} is neither a column of `data` nor an expression "
                f"over its columns ({error}). Available columns: {names}."
            ) from None
        return expression.membership(data).to_numpy(), outcome
    else:
        if outcome is None or isinstance(outcome, bool | np.bool_) or np.ndim(outcome) == 0:
            raise QCAError(
                f"{caller}: `outcome` must be a column name, an expression, a Series or one "
                f"membership per case (numbers in [0, 1]); got {type(outcome).__name__} "
                f"{shown(outcome)[:80]}."
            )
        values = _as_floats(outcome, caller)
        name = "Y"
    if values.ndim != 1:
        raise QCAError(
            f"{caller}: `outcome` has shape {values.shape}; expected ({len(data)},), one "
            "membership per case of `data`."
        )
    if values.shape != (len(data),):
        raise QCAError(
            f"{caller}: `outcome` has {values.size} values for {len(data)} cases in `data`."
        )
    wrong = np.flatnonzero(np.isnan(values) | (values < 0) | (values > 1))
    if wrong.size:
        position = int(wrong[0])
        raise QCAError(
            f"{caller}: `outcome` memberships must be numbers in [0, 1]; got "
            f"{shown(values[position])} (case {data.index[position]!r})."
        )
    return values, name
