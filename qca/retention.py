"""Retention probability of a crisp truth table (Hug 2013; R's ``retention``).

How likely is the truth table to stay the same if some cases were wrongly coded or should not
be in the data? A row *changes* when its output code flips (its share of positive cases
crosses ``incl_cut``) or, for deletions, when it falls below ``n_cut`` cases. The retention
probability is the probability that no row changes:

* ``dependent=True`` (DPA, dependent perturbation assumption): exactly ``n_pert`` cases are
  perturbed, every set of ``n_pert`` cases equally likely;
* ``dependent=False`` (IPA, independent perturbations): each case is perturbed independently
  with probability ``p_pert``.

A perturbation is a ``"corruption"`` (the case's outcome flips) or a ``"deletion"`` (the case
is removed). Rows with fewer than ``n_cut`` cases are not part of the truth table; perturbing
their cases changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import comb
from typing import Literal

import numpy as np
import pandas as pd

from ._validation import check_columns, check_dataframe
from .exceptions import QCAError

__all__ = ["retention"]


def _changes(pos: int, neg: int, a: int, b: int, incl_cut: float, n_cut: int, kind: str) -> bool:
    """Whether a row with ``pos`` positive and ``neg`` negative cases changes when ``a`` of its
    positive and ``b`` of its negative cases are perturbed."""
    total = pos + neg
    before = pos / total >= incl_cut
    if kind == "corruption":
        return ((pos - a + b) / total >= incl_cut) != before
    left = total - a - b
    if left < n_cut:
        return True
    return ((pos - a) / left >= incl_cut) != before


def retention(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    incl_cut: float = 1,
    n_cut: int = 1,
    type: Literal["corruption", "deletion"] = "corruption",
    dependent: bool = True,
    p_pert: float = 0.5,
    n_pert: int = 1,
) -> float:
    """The probability that a crisp truth table is retained under perturbed cases.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp (0/1) conditions and outcome.
    outcome : str
        Column of the outcome.
    conditions : sequence of str, optional
        Default: every other column.
    incl_cut : float
        A row is positive when its share of positive cases is at least this.
    n_cut : int
        Rows with fewer cases are remainders.
    type : {"corruption", "deletion"}
        What happens to a perturbed case: its outcome flips, or it is removed.
    dependent : bool
        DPA (exactly ``n_pert`` perturbed cases) or IPA (each case with probability ``p_pert``).
    p_pert : float
        IPA: probability that a case is perturbed.
    n_pert : int
        DPA: number of perturbed cases.

    Returns
    -------
    float

    Raises
    ------
    QCAError
        Non-binary data, unknown columns, invalid options.

    Notes
    -----
    The sums over perturbations are computed exactly, row by row (a convolution over rows for
    DPA), not sampled. Equal to R QCA 3.25 ``retention()`` on LC and d.represent for
    corruptions (DPA and IPA) and for deletions under IPA. For deletions under DPA R counts a
    row's remaining cases without its deleted negative cases (and so, e.g., retains every
    table with ``n_pert = 1``); here a row that loses cases is judged on the cases it keeps,
    as under IPA (checked against an enumeration of every set of perturbed cases).

    Examples
    --------
    >>> import qca
    >>> lc = qca.datasets.load("LC")
    >>> round(qca.retention(lc, "SURV", n_pert=1), 4)
    0.3889
    >>> round(qca.retention(lc, "SURV", dependent=False, p_pert=0.05), 4)
    0.5659
    """
    caller = "retention()"
    data = check_dataframe(data, caller)
    names = [str(c) for c in data.columns]
    if outcome not in names:
        raise QCAError(f"{caller}: outcome {outcome!r} not found in `data`. Columns: {names}.")
    if conditions is None:
        conditions = [c for c in names if c != outcome]
    conditions = check_columns(data, list(conditions), caller)
    frame = data[[*conditions, outcome]]
    values = frame.to_numpy(dtype=float)
    if not np.isin(values, (0.0, 1.0)).all():
        raise QCAError(f"{caller}: only binary (0/1) data allowed, as in R.")
    if type not in ("corruption", "deletion"):
        raise QCAError(f"{caller}: `type` must be 'corruption' or 'deletion'; got {type!r}.")
    if not 0 <= incl_cut <= 1:
        raise QCAError(f"{caller}: `incl_cut` must be in [0, 1]; got {incl_cut!r}.")
    if isinstance(n_cut, bool) or not isinstance(n_cut, (int, np.integer)) or n_cut < 1:
        raise QCAError(f"{caller}: `n_cut` must be a whole number >= 1; got {n_cut!r}.")
    groups = frame.groupby(list(conditions), sort=False)[outcome]
    rows = [(int(s.sum()), int(len(s) - s.sum())) for _, s in groups]
    rows = [(p, q) for p, q in rows if p + q >= n_cut]
    n_cases = len(frame)
    if dependent:
        if isinstance(n_pert, bool) or not isinstance(n_pert, (int, np.integer)):
            raise QCAError(f"{caller}: `n_pert` must be a whole number; got {n_pert!r}.")
        if not 1 <= n_pert <= n_cases:
            raise QCAError(f"{caller}: `n_pert` must be in 1..{n_cases}; got {n_pert!r}.")
        # ways[k]: sets of k perturbed cases, within the rows seen so far, that change no row
        ways = np.zeros(n_pert + 1, dtype=object)
        ways[0] = 1
        for pos, neg in rows:
            step = np.zeros(n_pert + 1, dtype=object)
            for a in range(min(pos, n_pert) + 1):
                for b in range(min(neg, n_pert - a) + 1):
                    if (a or b) and _changes(pos, neg, a, b, incl_cut, n_cut, type):
                        continue
                    step[a + b] += comb(pos, a) * comb(neg, b)
            ways = np.array(
                [sum(ways[i] * step[k - i] for i in range(k + 1)) for k in range(n_pert + 1)],
                dtype=object,
            )
        free = n_cases - sum(p + q for p, q in rows)
        kept = sum(ways[k] * comb(free, n_pert - k) for k in range(n_pert + 1))
        return float(kept / comb(n_cases, n_pert))
    if not 0 <= p_pert <= 1:
        raise QCAError(f"{caller}: `p_pert` must be in [0, 1]; got {p_pert!r}.")
    probability = 1.0
    for pos, neg in rows:
        keep = 0.0
        for a in range(pos + 1):
            for b in range(neg + 1):
                if (a or b) and _changes(pos, neg, a, b, incl_cut, n_cut, type):
                    continue
                keep += _binom(a, pos, p_pert) * _binom(b, neg, p_pert)
        probability *= keep
    return probability


def _binom(k: int, n: int, p: float) -> float:
    return comb(n, k) * p**k * (1 - p) ** (n - k)
