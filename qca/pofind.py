"""R's ``pofind``: the parameters of fit of every condition and its negation, one by one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._outcome import column_levels, outcome_column
from ._validation import check_columns, check_dataframe
from .exceptions import QCAError
from .fit import FitTable, fit

__all__ = ["pofind"]


def pofind(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    relation: Literal["necessity", "sufficiency"] = "necessity",
    *,
    add: Mapping[str, Callable[[np.ndarray, np.ndarray], float]] | None = None,
) -> FitTable:
    """Parameters of fit of each condition and its negation for an outcome (R's ``pofind``).

    Unlike ``qca.fit(["A", "B"], ...)``, which fits the columns named (sufficiency by default),
    this lists ``~A``, ``A``, ``~B``, ``B``, ... (for a multi-value condition, ``A[v]`` for each
    observed level ``v``) and takes R's default relation, necessity. There is no ``covU`` and no
    row for the union.

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data.
    outcome : str
        ``"Y"``, ``"~Y"``, ``"Y[2]"``.
    conditions : sequence of str, optional
        Default: every column except the outcome. R's ``"A, B"`` string is read too.
    relation : {"necessity", "sufficiency"}
    add : mapping of str to callable, optional
        Extra measures, as in :func:`qca.fit`.

    Returns
    -------
    FitTable

    Notes
    -----
    Equal to R QCA 3.25 ``pofind()`` on LF and CVF (tests/reference/r14); R stops with an
    error on multi-value data ("levels should be numeric"), where this lists the levels.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.pofind(lf, "SURV", ["DEV", "STB"]).to_frame().round(3)
          inclN    RoN   covN
    ~DEV  0.285  0.587  0.274
    DEV   0.831  0.811  0.775
    ~STB  0.218  0.687  0.269
    STB   0.920  0.680  0.707
    """
    caller = "pofind()"
    data = check_dataframe(data, caller)
    if conditions is None:
        target = outcome_column(outcome)
        conditions = [str(c) for c in data.columns if str(c) != target]
    elif isinstance(conditions, str):
        conditions = [c.strip() for c in conditions.split(",") if c.strip()]
    conditions = check_columns(data, list(conditions), caller)
    if not conditions:
        raise QCAError(f"{caller}: no conditions to fit.")
    levels = column_levels(data[conditions])
    terms: list[str] = []
    multivalue = any(n > 2 for n in levels)  # as R: then every condition by its levels
    for name in conditions:
        if multivalue:
            observed = sorted({int(v) for v in data[name].to_numpy()})
            terms.extend(f"{name}[{v}]" for v in observed)
        else:
            terms.extend([f"~{name}", name])
    memberships = pd.DataFrame(
        {term: _membership(data, term, conditions, levels) for term in terms}, index=data.index
    )
    result = fit(memberships, data, outcome, relation, add=add)
    table = result.to_frame()
    return FitTable(
        relation=result.relation,
        outcome=result.outcome,
        table=table.drop(columns=[c for c in ("covU",) if c in table.columns]),
        memberships=result.memberships,
    )


def _membership(data: pd.DataFrame, term: str, conditions: list[str], levels: list[int]) -> Any:
    from .expressions import parse

    expression = parse(term, conditions=conditions, noflevels=levels)
    return expression.membership(data[conditions]).to_numpy(dtype=float)
