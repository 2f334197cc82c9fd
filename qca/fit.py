"""Parameters of fit of any expression or set for an outcome: :func:`fit` (R's ``pof``).

The kernels themselves (``inclS``, ``PRI``, ``covS``, ``covU``, ``inclN``, ``RoN``, ``covN``) are
defined once, in :mod:`qca._core.fitkernels`, with their formulas and the 0/0 rule; they are
importable from here too (``from qca.fit import sufficiency_fit``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._core.fitkernels import (
    cov_n,
    cov_s,
    incl_n,
    incl_s,
    necessity_fit,
    pri,
    ron,
    sufficiency_fit,
    unique_coverage,
)
from ._frozen import FrameCopy
from ._outcome import column_levels, outcome_column, outcome_membership
from ._render.html import fit_html
from ._render.summary import Summary, fit_summary
from ._render.tables import PaperTables
from ._render.text import fit_repr, fit_text
from ._validation import (
    brief,
    check_columns,
    check_condition_names,
    check_dataframe,
    check_membership_column,
    shown,
)
from .exceptions import ExpressionError, QCAError
from .expressions import Expression, Term, parse

__all__ = [
    "FitTable",
    "add_measures",
    "cov_n",
    "cov_s",
    "fit",
    "incl_n",
    "incl_s",
    "necessity_fit",
    "pri",
    "ron",
    "sufficiency_fit",
]

_COLUMNS = {
    "sufficiency": ("inclS", "PRI", "covS", "covU"),
    "necessity": ("inclN", "RoN", "covN"),
}


@dataclass(frozen=True, init=False)
class FitTable(PaperTables):
    """Parameters of fit of one or more sets for an outcome (R's ``pof``).

    Immutable: :attr:`table` and :attr:`memberships` hand out copies (changing one leaves the
    result alone).

    Attributes
    ----------
    relation : {"sufficiency", "necessity"}
    outcome : str
        The outcome as given (``"~SURV"`` when negated).
    table : pandas.DataFrame
        One row per set (per term of an expression) and, for an expression with several terms, a
        last row ``"expression"`` for the whole. Columns ``inclS, PRI, covS, covU`` (sufficiency;
        ``covU`` is NaN for the expression row and for a single set) or ``inclN, RoN, covN``
        (necessity). Full precision; NaN where a denominator is zero.
    memberships : pandas.DataFrame
        The membership of every case (rows, as in ``data``) in every set of ``table`` (columns).
    expression : Expression or None
        The expression evaluated, when one was given.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> result = qca.fit("DEV*~IND + URB*STB", lf, "SURV")
    >>> result
    <FitTable: sufficiency of expression 'DEV*~IND + URB*STB' for 'SURV'; inclS=0.850>
    >>> print(result)
    Sufficiency for SURV
    <BLANKLINE>
                    inclS     PRI    covS    covU
    ---------------------------------------------
    1  DEV*~IND     0.815   0.721   0.284   0.194
    2  URB*STB      0.874   0.845   0.520   0.430
    3  expression   0.850   0.819   0.714       -
    ---------------------------------------------
    """

    relation: str
    outcome: str
    _table: pd.DataFrame
    _memberships: pd.DataFrame
    expression: Expression | None

    def __init__(
        self,
        relation: str,
        outcome: str,
        table: pd.DataFrame,
        memberships: pd.DataFrame,
        expression: Expression | None = None,
    ) -> None:
        object.__setattr__(self, "relation", relation)
        object.__setattr__(self, "outcome", outcome)
        object.__setattr__(self, "_table", table.copy(deep=False))
        object.__setattr__(self, "_memberships", memberships.copy(deep=False))
        object.__setattr__(self, "expression", expression)

    table = FrameCopy("The parameters of fit (a copy: changing it leaves the result alone).")

    memberships = FrameCopy("The memberships of the cases in the sets (a copy).")

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table`."""
        return self._table.copy()

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form (NaN as None)."""
        rows = {
            str(label): {
                column: (None if value != value else float(value)) for column, value in row.items()
            }
            for label, row in self._table.iterrows()
        }
        return {
            "relation": self.relation,
            "outcome": self.outcome,
            "expression": None if self.expression is None else str(self.expression),
            "fit": rows,
        }

    def summary(self) -> Summary:
        """The relation, the outcome, the sets and the table, with what the columns mean."""
        return fit_summary(self)

    def __getitem__(self, label: str) -> pd.Series:
        return self._table.loc[label].copy()

    def __repr__(self) -> str:
        return fit_repr(self)

    def __str__(self) -> str:
        return fit_text(self)

    def _repr_html_(self) -> str:
        return fit_html(self)


def fit(
    expression_or_columns: Any,
    data: pd.DataFrame,
    outcome: str | Any,
    relation: Literal["sufficiency", "necessity"] = "sufficiency",
    *,
    conditions: Sequence[str] | None = None,
    add: Mapping[str, Callable[[np.ndarray, np.ndarray], float]] | None = None,
) -> FitTable:
    """Parameters of fit of an expression (each term and the whole) for an outcome, as R's ``pof``.

    Parameters
    ----------
    expression_or_columns : str, Expression, list of str, Series, DataFrame or array
        An expression such as ``"DEV*~IND + URB*STB"`` (one row per term and one for the whole
        expression), a list of column names of ``data`` (one row per column), or memberships
        (a Series, an array, or a DataFrame with one column per set).
    data : pandas.DataFrame
        Cases in rows; the conditions (and the outcome) in columns.
    outcome : str or array-like
        A column of ``data``, or an expression over its columns such as ``"~SURV"`` or
        ``"PB[1]"``; or the outcome memberships themselves.
    relation : {"sufficiency", "necessity"}
    conditions : sequence of str, optional
        The conditions an expression may use (literals are written in this order); by default every
        column of ``data``.
    add : mapping of str to callable, optional
        Extra measures (R's ``add``): ``{"name": f}``, each ``f(x, y)`` called with a set's
        memberships and the outcome's (1-D arrays) and returning a number; a column ``name`` per
        measure. Ready-made: :func:`qca.measures.haesebrouck`, :func:`qca.measures.product`.

    Returns
    -------
    FitTable

    Notes
    -----
    Formulas in :mod:`qca.fit`. ``covU`` of a set is ``covS`` of the union of all sets minus
    ``covS`` of the union of the others. R's ``pof`` replaces figures below 1e-5 by 0; this
    function keeps full precision. Validated against R QCA 3.25 ``pof()`` of every single condition
    and its negation on the package data sets.

    Examples
    --------
    Lipset's fuzzy data (R's ``LF``): the fit of the textbook solution (R's ``pof``), and two
    necessary conditions.

    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.fit("DEV*~IND + URB*STB", lf, "SURV").to_frame().round(3)
                inclS    PRI   covS   covU
    DEV*~IND    0.815  0.721  0.284  0.194
    URB*STB     0.874  0.845  0.520  0.430
    expression  0.850  0.819  0.714    NaN
    >>> qca.fit(["LIT", "STB"], lf, "SURV", relation="necessity").to_frame().round(3)
         inclN    RoN   covN
    LIT  0.991  0.509  0.643
    STB  0.920  0.680  0.707
    """
    caller = "fit()"
    data = check_dataframe(data, caller)
    if relation not in _COLUMNS:
        raise QCAError(
            f"{caller}: `relation` must be 'sufficiency' or 'necessity'; got {relation!r}."
        )
    y, outcome_name = outcome_membership(data, outcome, caller)

    expression: Expression | None = None
    if isinstance(expression_or_columns, str | Expression | Term):
        if isinstance(expression_or_columns, Term):
            expression_or_columns = Expression((expression_or_columns,))
        if isinstance(expression_or_columns, str):
            if conditions is None:
                # every column but the outcome's (it would make the analysis look multi-value)
                base = outcome_column(outcome)
                names = [str(c) for c in data.columns if str(c) != base]
            else:
                names = check_condition_names(conditions, caller)
            if conditions is not None:
                check_columns(data, names, caller)
            levels = column_levels(data[names]) if names else None
            try:
                expression = parse(expression_or_columns, conditions=names, noflevels=levels)
            except ExpressionError as error:  # say which argument the text came from
                raise error.naming(
                    f"{caller}: `expression_or_columns` {brief(expression_or_columns)}"
                ) from None
        else:
            expression = expression_or_columns
        if not expression.terms:
            raise QCAError(f"{caller}: the expression {str(expression)!r} is empty (no terms).")
        # As R: in a multi-value analysis (any condition of the data multi-value, not only one
        # the expression uses) binary conditions are written B[1] / B[0].
        levels_of = dict(zip(expression.conditions, expression.noflevels or ()))
        multivalue = any(levels_of.get(c, 2) > 2 for c in expression.conditions)
        try:
            columns = {
                term.to_string(multivalue): term.membership(data).to_numpy()
                for term in expression.terms
            }
            if len(expression.terms) > 1:
                columns["expression"] = expression.membership(data).to_numpy()
        except QCAError as error:  # a column's value: the message names fit(), not the method
            text = re.sub(r"^\w+\.membership\(\): ", "", str(error))
            raise QCAError(f"{caller}: {text}") from None
    elif isinstance(expression_or_columns, pd.DataFrame):
        frame = expression_or_columns
        if not frame.index.equals(data.index):
            raise QCAError(f"{caller}: the membership DataFrame has a different index from `data`.")
        labels = [str(c) for c in frame.columns]
        repeated = sorted({c for c in labels if labels.count(c) > 1})
        if repeated:
            raise QCAError(
                f"{caller}: the membership DataFrame has repeated column names {repeated}."
            )
        columns = {
            label: _check_set(_floats(frame.iloc[:, j], label, caller), label, caller, data.index)
            for j, label in enumerate(labels)
        }
    elif isinstance(expression_or_columns, pd.Series):
        series = expression_or_columns
        if not series.index.equals(data.index):
            raise QCAError(f"{caller}: the membership Series has a different index from `data`.")
        name = str(series.name) if series.name is not None else "X"
        columns = {name: _check_set(_floats(series, name, caller), name, caller, data.index)}
    elif _is_names(expression_or_columns):
        names = check_columns(data, list(expression_or_columns), caller, what="column(s)")
        columns = {name: check_membership_column(data, name, caller) for name in names}
    else:
        values = _memberships(expression_or_columns, caller)
        if values.shape != (len(data),):
            raise QCAError(
                f"{caller}: memberships have shape {values.shape}; expected ({len(data)},), one per "
                "case of `data`."
            )
        columns = {"X": _check_set(values, "X", caller, data.index)}
    if not columns:
        raise QCAError(f"{caller}: nothing to evaluate (no sets given).")

    labels = list(columns)
    x = np.vstack([columns[label] for label in labels])
    figures = (sufficiency_fit if relation == "sufficiency" else necessity_fit)(x, y)
    table = pd.DataFrame({key: figures[key] for key in figures}, index=pd.Index(labels))
    if relation == "sufficiency":
        sets = [i for i, label in enumerate(labels) if label != "expression"]
        covu = np.full(len(labels), np.nan)
        covu[sets] = unique_coverage(x[sets], y)
        table["covU"] = covu
    if add:
        table = add_measures(table, x, y, add, caller)
    return FitTable(
        relation=relation,
        outcome=outcome_name,
        table=table,
        memberships=pd.DataFrame(columns, index=data.index),
        expression=expression,
    )


def add_measures(
    table: pd.DataFrame,
    x: np.ndarray,
    y: np.ndarray,
    add: Mapping[str, Callable[[np.ndarray, np.ndarray], float]],
    caller: str,
) -> pd.DataFrame:
    """``table`` with one column per measure of ``add``, ``f(x[i], y)`` for row ``i``."""
    if not isinstance(add, Mapping) or not all(callable(f) for f in add.values()):
        raise QCAError(f"{caller}: `add` must map measure names to functions f(x, y); got {add!r}.")
    table = table.copy()
    for name, measure in add.items():
        if str(name) in table.columns:
            raise QCAError(f"{caller}: `add` names a column that exists already: {name!r}.")
        values = []
        for row in x:
            try:
                value = float(measure(row.copy(), y.copy()))
            except (TypeError, ValueError) as error:
                raise QCAError(
                    f"{caller}: the measure {name!r} of `add` must return a number; {error}"
                ) from error
            values.append(value)
        table[str(name)] = values
    return table


def _is_names(value: Any) -> bool:
    """A list, tuple or array of column names (strings)."""
    if isinstance(value, np.ndarray):
        return (
            value.ndim == 1 and value.dtype.kind in "UO" and all(isinstance(v, str) for v in value)
        )
    return isinstance(value, list | tuple) and all(isinstance(c, str) for c in value)


def _memberships(value: Any, caller: str) -> np.ndarray:
    """One membership per case, as floats; anything else is refused naming the argument."""
    wanted = (
        f"{caller}: `expression_or_columns` must be an expression string (e.g. 'A*~B'), a list "
        "of column names, or memberships (a Series, DataFrame or one number per case)"
    )
    if value is None or isinstance(value, Mapping | set | bool | np.bool_ | bytes):
        raise QCAError(f"{wanted}; got {type(value).__name__} {shown(value)[:80]}.")
    try:
        values = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise QCAError(f"{wanted}; got {type(value).__name__} {shown(value)[:80]}.") from None
    if values.ndim == 0:
        raise QCAError(f"{wanted}; got {type(value).__name__} {shown(value)[:80]}.")
    return values


def _floats(series: pd.Series, name: str, caller: str) -> np.ndarray:
    """A membership Series as floats (pd.NA as NaN); a value that is no number is named."""
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(np.isnan(values) & series.notna().to_numpy())
    if bad.size:
        position = int(bad[0])
        raise QCAError(
            f"{caller}: set '{name}' has a non-numeric value {shown(series.iloc[position])} "
            f"(case {series.index[position]!r}); expected memberships in [0, 1]."
        )
    return values


def _check_set(values: np.ndarray, name: str, caller: str, index: pd.Index) -> np.ndarray:
    missing = np.flatnonzero(np.isnan(values))
    if missing.size:
        raise QCAError(
            f"{caller}: set '{name}' has missing values (NaN) (case {index[int(missing[0])]!r}"
            f"{f' and {missing.size - 1} more' if missing.size > 1 else ''})."
        )
    outside = np.flatnonzero((values < 0) | (values > 1))
    if outside.size:
        position = int(outside[0])
        raise QCAError(
            f"{caller}: set '{name}' has memberships outside [0, 1]: {shown(values[position])} "
            f"(case {index[position]!r})."
        )
    return values
