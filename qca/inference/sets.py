"""What an inference function tests: the sets (truth-table rows, terms, models) read from a result
or an expression, as one membership matrix over the cases, with the outcome's membership."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.order import canonical_order
from .._outcome import outcome_membership
from ..exceptions import QCAError
from ..expressions import Expression, Term
from ..expressions.parser import as_expression
from ..minimize import Model, Solution
from ..truthtable import TruthTable

__all__ = ["SetsUnderTest", "sets_under_test"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class SetsUnderTest:
    """The sets under test and the outcome, over the same cases.

    Attributes
    ----------
    labels : tuple of str
        One per set: ``"row 22"``, a term (``"DEV*~IND"``) or a model (``"M1: DEV*~IND + URB"``).
    kinds : tuple of str
        ``"row"``, ``"term"`` or ``"model"`` for each set.
    x : ndarray, shape (n_cases, n_sets)
        Membership of every case in every set (read-only).
    y : ndarray, shape (n_cases,)
        Membership in the outcome (read-only).
    cases : tuple of str
        Case names.
    outcome : str
    """

    labels: tuple[str, ...]
    kinds: tuple[str, ...]
    x: FloatArray
    y: FloatArray
    cases: tuple[str, ...]
    outcome: str

    @property
    def crisp(self) -> bool:
        """Whether every membership (sets and outcome) is 0 or 1."""
        return bool(np.all((self.x == 0) | (self.x == 1)) and np.all((self.y == 0) | (self.y == 1)))


def _frozen(array: npt.ArrayLike) -> FloatArray:
    result = np.array(array, dtype=np.float64)
    result.flags.writeable = False
    return result


def sets_under_test(
    obj: Any,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    *,
    rows: Sequence[int] | None = None,
    caller: str,
) -> SetsUnderTest:
    """The sets a result or an expression stands for.

    * :class:`~qca.TruthTable`: its rows with ``n >= n_cut`` (or the row ids ``rows``), each the
      conjunction of its levels (fuzzy rows: min of ``x`` / ``1 - x``);
    * :class:`~qca.Solution`: every term, then every model (``M1``, ...), of its models;
    * :class:`~qca.Model`, :class:`~qca.expressions.Expression`, a term or a string: that
      expression (its terms too when it has several), with ``data`` and ``outcome`` given.
    """
    if isinstance(obj, TruthTable):
        return _truth_table_rows(obj, rows, caller)
    if rows is not None:
        raise QCAError(f"{caller}: `rows` applies to a truth table only; got {type(obj).__name__}.")
    if isinstance(obj, Solution):
        tt = obj.truth_table
        if data is None:
            data = tt.memberships
            outcome = tt.outcome
        return _models(obj.models, _canonical(data, caller), outcome or obj.outcome, caller)
    if isinstance(obj, Model):
        data = _canonical(_need(data, caller), caller)
        return _models((obj,), data, outcome or obj.outcome, caller)
    if isinstance(obj, Expression | Term | str):
        if data is None or outcome is None:
            raise QCAError(
                f"{caller}: testing an expression needs `data` and `outcome` "
                f"(got data={'None' if data is None else 'a frame'}, outcome={outcome!r})."
            )
        data = _canonical(data, caller)
        expression = as_expression(obj)
        y, name = outcome_membership(data, outcome, caller)
        labels: list[str] = []
        columns: list[FloatArray] = []
        if len(expression.terms) > 1:
            for term in expression.terms:
                labels.append(str(term))
                columns.append(term.membership(data).to_numpy(dtype=np.float64))
        labels.append(str(expression))
        columns.append(expression.membership(data).to_numpy(dtype=np.float64))
        kinds = ("term",) * (len(labels) - 1) + ("model" if len(expression.terms) > 1 else "term",)
        return SetsUnderTest(
            tuple(labels),
            kinds,
            _frozen(np.column_stack(columns)),
            _frozen(y),
            tuple(str(c) for c in data.index),
            name,
        )
    raise QCAError(
        f"{caller}: expected a TruthTable, Solution, Model, Expression or expression string; "
        f"got {type(obj).__name__}."
    )


def _canonical(data: Any, caller: str) -> pd.DataFrame:
    """The cases in canonical order of their names, so that the draws given to each case (and
    so the result) do not depend on the row order of the data."""
    if not isinstance(data, pd.DataFrame):
        raise QCAError(f"{caller}: `data` must be a pandas DataFrame; got {type(data).__name__}.")
    names = [str(c) for c in data.index]
    if len(set(names)) != len(names):
        raise QCAError(
            f"{caller}: case names (the index of `data`) must be unique, so that results do not "
            "depend on the row order."
        )
    return data.iloc[canonical_order(names)]


def _need(data: pd.DataFrame | None, caller: str) -> pd.DataFrame:
    if data is None:
        raise QCAError(f"{caller}: testing a Model needs the `data` it was fitted on.")
    return data


def _truth_table_rows(tt: TruthTable, rows: Sequence[int] | None, caller: str) -> SetsUnderTest:
    table = tt.table
    memberships = tt.memberships
    if rows is None:
        ids = table.index[table["n"].to_numpy() >= tt.n_cut].to_numpy(dtype=np.int64)
        ids = np.sort(ids)
    else:
        ids = np.asarray(list(rows), dtype=np.int64)
        unknown = [int(r) for r in ids if r not in table.index]
        if unknown:
            raise QCAError(
                f"{caller}: `rows` {unknown} are not rows of the truth table "
                f"(listed rows: {table.index.tolist()[:10]}...)."
            )
    if ids.size == 0:
        raise QCAError(f"{caller}: the truth table has no row with n >= n_cut={tt.n_cut} to test.")
    values = memberships[list(tt.conditions)].to_numpy(dtype=np.float64)
    configs = table.loc[ids, list(tt.conditions)].to_numpy(dtype=np.int64)
    x = np.ones((values.shape[0], ids.size))
    for j, fuzzy in enumerate(tt.fuzzy):
        column = values[:, j : j + 1]
        level = configs[:, j][None, :]
        if fuzzy:
            literal = np.where(level == 1, column, 1.0 - column)
        else:
            literal = (column == level).astype(np.float64)
        np.minimum(x, literal, out=x)
    return SetsUnderTest(
        tuple(f"row {int(i)}" for i in ids),
        ("row",) * ids.size,
        _frozen(x),
        _frozen(memberships[tt.outcome].to_numpy(dtype=np.float64)),
        tuple(str(c) for c in memberships.index),
        tt.outcome,
    )


def _models(
    models: Sequence[Model], data: pd.DataFrame, outcome: str | None, caller: str
) -> SetsUnderTest:
    if not models:
        raise QCAError(f"{caller}: the solution has no model to test.")
    if outcome is None:
        raise QCAError(f"{caller}: name the `outcome`.")
    y, name = outcome_membership(data, outcome, caller)
    labels: list[str] = []
    kinds: list[str] = []
    columns: list[FloatArray] = []
    # a term that is a whole model is tested once, as the model
    seen: set[str] = {m.expression for m in models if len(m.terms) == 1}
    for model in models:
        expression = model.to_expression()
        for term in expression.terms:
            label = str(term)
            if label not in seen:
                seen.add(label)
                labels.append(label)
                kinds.append("term")
                columns.append(term.membership(data).to_numpy(dtype=np.float64))
    for model in models:
        labels.append(f"{model.name}: {model.expression}")
        kinds.append("model")
        columns.append(model.to_expression().membership(data).to_numpy(dtype=np.float64))
    return SetsUnderTest(
        tuple(labels),
        tuple(kinds),
        _frozen(np.column_stack(columns)),
        _frozen(y),
        tuple(str(c) for c in data.index),
        name,
    )
