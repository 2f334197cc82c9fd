"""Corrections of p-values for the many tests a truth table or a solution implies."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ..exceptions import QCAError

__all__ = ["CORRECTIONS", "DEFAULT_CORRECTION", "adjust_pvalues"]

#: The corrections offered: Holm's step-down (family-wise error rate), Benjamini–Hochberg's
#: step-up (false discovery rate), Bonferroni's and none.
CORRECTIONS = ("holm", "bh", "bonferroni", "none")

#: Holm: a row coded "1" enters the minimization, so one false positive changes the solution; the
#: family-wise error rate (the chance of any false positive among the tested rows) is the error
#: that matters for a QCA solution, and Holm controls it under any dependence between the tests
#: (the rows of one truth table share the outcome) while rejecting at least as much as Bonferroni.
DEFAULT_CORRECTION = "holm"

FloatArray = npt.NDArray[np.float64]


def adjust_pvalues(pvalues: npt.ArrayLike, method: Any = DEFAULT_CORRECTION) -> FloatArray:
    """Adjusted p-values over one family of tests (NaN p-values are not in the family).

    Parameters
    ----------
    pvalues : array_like
    method : {"holm", "bh", "bonferroni", "none"}
        ``"holm"``: Holm (1979), family-wise error rate under any dependence; ``"bh"``:
        Benjamini & Hochberg (1995), false discovery rate (independent or positively dependent
        tests); ``"bonferroni"``; ``"none"``.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], "holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_pvalues([0.01, 0.04, 0.03], "bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    if method not in CORRECTIONS:
        raise QCAError(f"`correction` must be one of {list(CORRECTIONS)}; got {method!r}.")
    p = np.asarray(pvalues, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    valid = np.flatnonzero(~np.isnan(p))
    m = valid.size
    if m == 0:
        return out
    values = p[valid]
    if method == "none":
        adjusted = values.copy()
    elif method == "bonferroni":
        adjusted = np.minimum(1.0, m * values)
    elif method == "holm":
        order = np.argsort(values, kind="stable")
        steps = (m - np.arange(m)) * values[order]
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(1.0, np.maximum.accumulate(steps))
    else:
        order = np.argsort(values, kind="stable")[::-1]
        steps = m / np.arange(m, 0, -1) * values[order]
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(1.0, np.minimum.accumulate(steps))
    out[valid] = adjusted
    return out
