"""Several outcomes in one call, outcomes given as expressions, and R's ``causalChain``.

R's ``minimize(data, outcome = c("SURV", "STB"))`` minimizes each outcome in turn
(``minimizeLoop``); :func:`minimize_outcomes` does the same and returns a mapping
``{outcome: Solution}`` in the order given. An outcome may also be an expression of the data's
columns (``"SURV*STB"``, ``"~A + B"``): its membership is computed (minimum for ``*``, maximum for
``+``, ``1 - x`` for ``~``) into a column named after it (``SURV_STB``: see
:func:`expression_outcome`), and the columns it uses are not conditions, unless named.

:func:`causal_chain` is R's ``causalChain`` (the coincidence analysis of several outcomes, as
the CNA package does it): every column -- or every column of each level of an ``ordering`` -- is
an outcome in turn, explained by the others (or by the levels before it), parsimonious solutions
with all irredundant models. The result is the same mapping; an outcome R answers with ``NA``
(no solution) maps to None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._outcome import column_levels, outcome_column
from .exceptions import QCAError
from .expressions import parse
from .minimize import Solution, minimize
from .truthtable import truth_table

__all__ = ["causal_chain", "expression_outcome", "minimize_outcomes"]

_TRUTH_TABLE_OPTIONS = ("incl_cut", "n_cut", "pri_cut", "complete", "sort_by", "show_cases", "dcc")
_OPERATORS = re.compile(r"[*+()]|~.*[*+]")


def _is_expression(outcome: str, columns: Sequence[str]) -> bool:
    text = outcome.strip()
    if text in columns:
        return False
    return bool(_OPERATORS.search(text))


def expression_outcome(
    data: pd.DataFrame, outcome: str, name: str | None = None
) -> tuple[pd.DataFrame, list[str], str]:
    """``data`` with a column holding the membership in the expression ``outcome``, the columns
    the expression uses and the new column's name (the caller's frame is not changed).

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data.
    outcome : str
        An expression of the data's columns: ``"SURV*STB"``, ``"~A + B[2]"``.
    name : str, optional
        The new column's name; default: the expression with every run of characters other than
        letters, digits, ``_`` and ``.`` written ``_`` (``"SURV*STB"`` -> ``"SURV_STB"``,
        ``"~A + B"`` -> ``"A_B"`` -- a column name must be a valid condition name), with ``_1``,
        ``_2``, ... appended when the name is taken.

    Returns
    -------
    data : pandas.DataFrame
        A copy with the new column added.
    used : list of str
        The columns named in ``outcome``.
    name : str
        The new column's name.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> data, used, name = expression_outcome(lf, "SURV*STB")
    >>> used, name
    (['STB', 'SURV'], 'SURV_STB')
    >>> data[name].tolist()[:4]
    [0.05, 0.95, 0.89, 0.12]
    """
    columns = [str(c) for c in data.columns]
    expression = parse(outcome, conditions=None)
    used = sorted({literal.condition for term in expression.terms for literal in term.literals})
    missing = [name for name in used if name not in columns]
    if missing:
        raise QCAError(
            f"outcome {outcome!r} names columns not in `data`: {missing}. "
            f"Available columns: {columns}."
        )
    frame = data[used]
    levels = column_levels(frame)
    expression = parse(outcome, conditions=used, noflevels=levels)
    membership = expression.membership(frame)
    if name is None:
        base = re.sub(r"[^\w.]+", "_", outcome).strip("_") or "OUT"
        if base[0].isdigit():
            base = "X" + base
        name, number = base, 0
        while name in columns:
            number += 1
            name = f"{base}_{number}"
    elif name in columns:
        raise QCAError(f"expression outcome: the column name {name!r} is taken in `data`.")
    out = data.copy()
    out[name] = np.asarray(membership, dtype=float)
    return out, used, name


def _split_options(options: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    table = {k: v for k, v in options.items() if k in _TRUTH_TABLE_OPTIONS}
    rest = {k: v for k, v in options.items() if k not in _TRUTH_TABLE_OPTIONS}
    return table, rest


def _solve_one(
    data: pd.DataFrame, outcome: str, conditions: Sequence[str] | None, options: Mapping[str, Any]
) -> Solution:
    columns = [str(c) for c in data.columns]
    if _is_expression(outcome, columns):
        data, used, outcome = expression_outcome(data, outcome)
        if conditions is None:
            conditions = [c for c in columns if c not in used]
    elif conditions is None:
        target = outcome_column(outcome)
        conditions = [c for c in columns if c != target]
    table_options, minimize_options = _split_options(options)
    tt = truth_table(data, outcome, conditions, **table_options)
    return minimize(tt, **minimize_options)


def minimize_outcomes(
    data: pd.DataFrame,
    outcome: str | Sequence[str],
    conditions: Sequence[str] | None = None,
    **options: Any,
) -> dict[str, Solution]:
    """Minimize each of several outcomes on the same data (R's ``minimize`` with several
    outcomes).

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data.
    outcome : str or sequence of str
        ``["SURV", "STB"]``, or R's ``"SURV, STB"``; each may be a column (``"Y"``, ``"~Y"``,
        ``"Y[2]"``) or an expression of columns (``"SURV*STB"``).
    conditions : sequence of str, optional
        Default: for each outcome, every other column (as R: the other outcomes are conditions
        too) -- for an expression outcome, every column it does not use.
    **options
        Options of :func:`qca.truth_table` (``incl_cut``, ``n_cut``, ``pri_cut``, ...) and of
        :func:`qca.minimize` (``include``, ``dir_exp``, ``pi_cons``, ...).

    Returns
    -------
    dict
        ``{outcome: Solution}``, in the order of ``outcome``.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> result = qca.minimize_outcomes(lf, ["SURV", "~SURV"], incl_cut=0.8, include="?")
    >>> [m.expression for m in result["SURV"].models]
    ['DEV*~IND + URB*STB']
    >>> result["~SURV"].models[0].expression
    '~DEV + ~STB'
    """
    outcomes = _outcome_list(outcome)
    return {item: _solve_one(data, item, conditions, options) for item in outcomes}


def _outcome_list(outcome: str | Sequence[str]) -> list[str]:
    if isinstance(outcome, str):
        items = [outcome] if _has_operator(outcome) else outcome.split(",")
    else:
        items = list(outcome)
    items = [str(o).strip() for o in items if str(o).strip()]
    if not items:
        raise QCAError(f"minimize_outcomes(): `outcome` names no outcome; got {outcome!r}.")
    if len(set(items)) != len(items):
        raise QCAError(f"minimize_outcomes(): `outcome` names an outcome twice: {items}.")
    return items


def _has_operator(text: str) -> bool:
    return bool(re.search(r"[*+()]", text))


def _ordering(ordering: str | Sequence[Any] | None, columns: list[str]) -> list[list[str]]:
    if ordering is None:
        return []
    if isinstance(ordering, str):
        levels: list[Any] = ordering.replace(" ", "").split("<")
    else:
        levels = list(ordering)
        if any(isinstance(level, str) and "<" in level for level in levels):
            raise QCAError(
                "causal_chain(): the ordering character '<' needs a single string, such as "
                f"'A, B < C'; got {ordering!r}."
            )
    out = []
    for level in levels:
        names = level.split(",") if isinstance(level, str) else list(level)
        names = [str(n).strip() for n in names if str(n).strip()]
        out.append(names)
    every = [n for level in out for n in level]
    unknown = [n for n in every if n not in columns]
    if unknown:
        raise QCAError(
            f"causal_chain(): `ordering` names columns not in `data`: {unknown}. "
            f"Available columns: {columns}."
        )
    if len(set(every)) != len(every):
        raise QCAError("causal_chain(): the same column is in several levels of `ordering`.")
    rest = [c for c in columns if c not in every]
    return ([rest] if rest else []) + out


def causal_chain(
    data: pd.DataFrame,
    ordering: str | Sequence[Any] | None = None,
    strict: bool = False,
    **options: Any,
) -> dict[str, Solution | None]:
    """Every column as an outcome of the others: R's ``causalChain``.

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data; every column takes part.
    ordering : str or sequence, optional
        Causal levels, R's ``"A, B < C < D"`` or ``[["A", "B"], ["C"], ["D"]]``: the columns of a
        level are explained by the columns of the levels before it (and, unless ``strict``, by
        the other columns of their own level). Columns in no level form a first level. Without
        an ordering, each column is explained by all the others.
    strict : bool
        Columns of the same level do not explain each other; with an ordering, the first level
        is then not analysed.
    **options
        Options of :func:`qca.truth_table` and :func:`qca.minimize`. R's defaults apply:
        ``include="?"``, ``all_sol=True``, and ``incl_cut=0.5`` when ``pi_cons`` or ``sol_cons``
        is given (else 1).

    Returns
    -------
    dict
        ``{outcome: Solution or None}`` -- None where there is no solution (R: ``NA``). A
        multi-value column gives one outcome per level ``"X[1]"``, ``"X[2]"``, ... (level 0
        excluded, as R).

    Notes
    -----
    Unlike :func:`qca.minimize`, a truth table with no negative row is not an error here (R
    passes ``causalChain = TRUE`` for this): the outcome then has no solution (None).

    Examples
    --------
    >>> import qca
    >>> data = qca.datasets.load("d.represent")
    >>> chain = qca.causal_chain(data, ordering="ES, QU, WS < WM, LP < WNP", strict=True)
    >>> {outcome: [m.expression for m in s.models] for outcome, s in chain.items()}
    {'WM': ['~ES*~QU'], 'LP': ['ES*~QU*~WS'], 'WNP': ['WS + ~ES*LP + ES*WM + QU*LP', 'WS + ES*WM + QU*LP + WM*LP']}
    """
    columns = [str(c) for c in data.columns]
    options = dict(options)
    options.setdefault("include", "?")
    options.setdefault("all_sol", True)
    if "incl_cut" not in options and (
        options.get("pi_cons", 0) > 0 or options.get("sol_cons", 0) > 0
    ):
        options["incl_cut"] = 0.5
    levels = column_levels(data)
    noflevels = dict(zip(columns, levels))
    result: dict[str, Solution | None] = {}

    def run(outcome_col: str, conditions: list[str]) -> None:
        conditions = [c for c in columns if c in conditions]  # data order, as R
        names = (
            [
                f"{outcome_col}[{v}]"
                for v in range(1, noflevels[outcome_col])
                if (data[outcome_col] == v).any()
            ]
            if noflevels[outcome_col] > 2
            else [outcome_col]
        )
        for name in names:
            try:
                result[name] = _solve_one(data, name, conditions, options)
            except QCAError:
                result[name] = None

    order = _ordering(ordering, columns)
    if not order:
        for column in columns:
            run(column, [c for c in columns if c != column])
        return result
    for i, level in enumerate(order):
        before = [c for lv in order[:i] for c in lv]
        for column in level:
            if i == 0:
                if strict or len(level) < 2:
                    continue
                run(column, [c for c in level if c != column])
            elif strict:
                run(column, before)
            else:
                run(column, before + [c for c in level if c != column])
    return result
