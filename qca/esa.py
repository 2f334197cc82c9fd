"""Enhanced standard analysis: truth-table rows to exclude from the remainders (R's ``findRows``).

Schneider & Wagemann's enhanced standard analysis keeps untenable and contradictory assumptions
out of the minimization: :func:`find_rows` returns their row ids, ready for
``qca.minimize(tt, include="?", exclude=...)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._core.rows import LevelTerm, sop_row_ids
from ._validation import brief, check_flag, shown
from .exceptions import ExpressionError, QCAError
from .expressions import Expression, parse
from .minimize import minimize
from .truthtable import TruthTable, truth_table

__all__ = ["find_rows"]

_ALIASES = {
    "subsets": 1,
    "untenable": 1,
    "csa": 2,
    "ssr": 3,
    "all": 0,
}


def _parse_types(type: Any, caller: str) -> set[int]:
    values = [type] if isinstance(type, (str, int)) else list(type)
    result: set[int] = set()
    for value in values:
        if isinstance(value, str) and value.lower() in _ALIASES:
            code = _ALIASES[value.lower()]
        elif (
            isinstance(value, (int, np.integer)) and not isinstance(value, bool) and 0 <= value <= 3
        ):
            code = int(value)
        else:
            raise QCAError(
                f"{caller}: `type` must be one of 'subsets' (or 'untenable'), 'csa', 'ssr', 'all' "
                f"(R's 1, 2, 3, 0) or a list of them; got {value!r}."
            )
        result |= {1, 2, 3} if code == 0 else {code}
    return result


def _negated_table(
    tt: TruthTable,
    incl_cut: float | tuple[float, float] | None,
    n_cut: int | None,
    pri_cut: float | None,
) -> TruthTable:
    """The truth table of the negated outcome from the same memberships and cut-offs.

    R passes ``rev(incl.cut)``; with a single cut-off (the usual case) that is the same cut-off.
    With two different ones R's reversed pair has ic0 > ic1, which :func:`qca.truth_table`
    refuses, so the pair of ``tt`` is kept as it is (pass ``incl_cut`` to choose).
    """
    memberships = tt.memberships
    outcome = tt.outcome
    negated = outcome.startswith("~")
    base = outcome[1:] if negated else outcome
    data = memberships[list(tt.conditions)].copy()
    # The stored outcome column is already negated when the analysis was of ~Y.
    data[base] = 1.0 - memberships[outcome] if negated else memberships[outcome]
    return truth_table(
        data,
        base if negated else f"~{base}",
        list(tt.conditions),
        incl_cut=tt.incl_cut if incl_cut is None else incl_cut,
        n_cut=tt.n_cut if n_cut is None else n_cut,
        pri_cut=tt.pri_cut if pri_cut is None else pri_cut,
    )


def _all_simplifying_assumptions(tt: TruthTable) -> set[int]:
    solution = minimize(tt, include="?")
    rows: set[int] = set()
    for used in solution.simplifying_assumptions.values():
        rows.update(int(r) for r in used)
    return rows


def find_rows(
    obj: TruthTable,
    expression: str | Expression | Sequence[str] | None = None,
    *,
    type: str | int | Sequence[str | int] = "subsets",
    observed: bool = False,
    incl_cut: float | tuple[float, float] | None = None,
    n_cut: int | None = None,
    pri_cut: float | None = None,
) -> tuple[int, ...]:
    """Row ids of a truth table to exclude from the remainders, as R's ``findRows``.

    Parameters
    ----------
    obj : TruthTable
        A truth table from :func:`qca.truth_table`.
    expression : str, Expression or list of str, optional
        For ``type="subsets"``: the rows inside this expression (e.g. untenable combinations such
        as ``"~DEV*IND"``); a list of expressions is their union.
    type : str, int or list, default "subsets"
        ``"subsets"`` (alias ``"untenable"``, R's 1): remainder rows that are subsets of
        ``expression``. ``"csa"`` (2): contradictory simplifying assumptions, the remainders used by
        some parsimonious model of the outcome **and** by some parsimonious model of its negation.
        ``"ssr"`` (3): simultaneous subset relations, observed rows coded 1 for the outcome and
        also for its negation. ``"all"`` (0): all three. Several may be given in a list.
    observed : bool, default False
        For ``"subsets"``: keep observed rows too (R's ``observed = TRUE``).
    incl_cut, n_cut, pri_cut : optional
        Cut-offs of the truth table of the negated outcome (``"csa"``, ``"ssr"``); by default those
        of ``obj`` with the two inclusion cut-offs swapped, as R does.

    Returns
    -------
    tuple of int
        Sorted, unique row ids (R's numbering), for ``minimize(..., exclude=...)``.

    Examples
    --------
    Enhanced standard analysis on Lipset's fuzzy data (R's ``LF``): the contradictory simplifying
    assumptions (remainders the parsimonious solutions of ``SURV`` and ``~SURV`` both use) are kept
    out of the minimization.

    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> qca.find_rows(tt, type="csa")
    (10, 12, 14, 16, 17, 21, 25, 29)
    >>> qca.find_rows(tt, "DEV*~IND")   # every row inside the term
    (17, 18, 21, 25, 26, 29, 30)
    >>> qca.minimize(tt, include="?", exclude=qca.find_rows(tt, type="csa")).models
    (<Model M1: DEV*URB*STB + DEV*~IND*STB>,)
    """
    caller = "find_rows()"
    if not isinstance(obj, TruthTable):
        raise QCAError(
            f"{caller}: `obj` must be a TruthTable (from qca.truth_table()); got "
            f"{obj.__class__.__name__}."
        )
    types = _parse_types(type, caller)
    check_flag(observed, caller, "observed")
    rows: set[int] = set()

    if 1 in types:
        if expression is None or (isinstance(expression, str) and not expression.strip()):
            raise QCAError(f"{caller}: `expression` is needed for type 'subsets' (untenable rows).")
        texts = [expression] if isinstance(expression, (str, Expression)) else expression
        if not isinstance(texts, (list, tuple)) or not all(
            isinstance(t, (str, Expression)) for t in texts
        ):
            raise QCAError(
                f"{caller}: `expression` must be an expression string (e.g. 'A*~B'), an "
                f"Expression or a list of them; got {shown(expression)}."
            )
        terms: list[LevelTerm] = []
        for text in texts:
            try:
                expr = (
                    text
                    if isinstance(text, Expression)
                    else parse(
                        str(text), conditions=list(obj.conditions), noflevels=list(obj.noflevels)
                    )
                )
            except ExpressionError as error:  # say which argument the text came from
                raise error.naming(f"{caller}: `expression` {brief(text)}") from None
            unknown = [c for c in expr.used_conditions if c not in obj.conditions]
            if unknown:
                raise QCAError(
                    f"{caller}: condition(s) {unknown} of the expression are not conditions of the "
                    f"truth table {list(obj.conditions)}."
                )
            terms += expr.level_terms(obj.conditions)
        ids = {int(i) for i in sop_row_ids(terms, obj.noflevels)}
        if not observed:
            observed_rows = {int(r) for r, n in zip(obj.table.index, obj.table["n"]) if n > 0}
            ids -= observed_rows
        rows |= ids

    if types & {2, 3}:
        negated = _negated_table(obj, incl_cut, n_cut, pri_cut)
        if 2 in types:
            rows |= _all_simplifying_assumptions(obj) & _all_simplifying_assumptions(negated)
        if 3 in types:
            positive = {int(r) for r in obj.table.index[obj.table["OUT"] == "1"]}
            positive_neg = {int(r) for r in negated.table.index[negated.table["OUT"] == "1"]}
            rows |= positive & positive_neg
    return tuple(sorted(rows))
