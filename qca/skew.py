"""Skewed set memberships: how many cases are more in than out of each set (SetMethods'
``skew.check``).

A set that holds (membership above 0.5) almost all cases, or almost none, makes consistency and
coverage figures trivially high or low (Schneider & Wagemann 2012, 9.2); checking the skew of
every calibrated set is a routine step before the analysis.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._validation import check_columns, check_dataframe, check_membership_column
from .exceptions import QCAError

__all__ = ["skew_check"]


def skew_check(
    data: pd.DataFrame | pd.Series, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """The share of cases with a membership above 0.5 in each set (SetMethods' ``skew.check``).

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
        Calibrated memberships in [0, 1] (crisp or fuzzy), one column per set.
    columns : sequence of str, optional
        The sets to check (default: every column of ``data``).

    Returns
    -------
    pandas.DataFrame
        One row per set: ``above`` (cases with a membership above 0.5), ``n`` (cases) and
        ``percent`` (``100 * above / n``, full precision; SetMethods prints it rounded to two
        decimals).

    Raises
    ------
    QCAError
        A missing, non-numeric or uncalibrated (outside [0, 1]) value, named with its column and
        case, as SetMethods refuses uncalibrated data.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.skew_check(lf).round(2)
          above   n  percent
    DEV      10  18    55.56
    URB       5  18    27.78
    LIT      13  18    72.22
    IND       8  18    44.44
    STB      11  18    61.11
    SURV      8  18    44.44
    """
    caller = "skew_check()"
    if isinstance(data, pd.Series):
        data = data.to_frame(name="set" if data.name is None else data.name)
    frame = check_dataframe(data, caller)
    names = check_columns(
        frame, list(frame.columns) if columns is None else columns, caller, "set(s)"
    )
    if not names:
        raise QCAError(f"{caller}: no sets to check (`data` has no columns).")
    rows = {}
    for name in names:
        values = check_membership_column(frame, name, caller)
        above = int(np.count_nonzero(values > 0.5))
        rows[name] = (above, values.size, 100.0 * above / values.size)
    result = pd.DataFrame.from_dict(rows, orient="index", columns=["above", "n", "percent"])
    return result.astype({"above": "int64", "n": "int64", "percent": "float64"})
