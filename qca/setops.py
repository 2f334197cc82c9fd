"""Fuzzy-set algebra: AND (minimum), OR (maximum) and NOT (1 - x).

The functions take arrays or pandas Series of memberships in [0, 1] and return the same kind:
a Series (with the index of the first Series given) when any argument is a Series, otherwise an
ndarray. They never modify their arguments.
"""

from __future__ import annotations

from functools import reduce
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from .exceptions import QCAError

__all__ = ["fuzzy_and", "fuzzy_or", "negate"]

ArrayOrSeries: TypeAlias = npt.ArrayLike | pd.Series


def _as_arrays(
    caller: str, args: tuple[ArrayOrSeries, ...]
) -> tuple[list[np.ndarray], pd.Index | None]:
    if not args:
        raise QCAError(f"{caller}: needs at least one membership vector.")
    index = None
    arrays = []
    for position, arg in enumerate(args):
        if isinstance(arg, pd.Series):
            if index is None:
                index = arg.index
            elif not arg.index.equals(index):
                raise QCAError(
                    f"{caller}: argument {position + 1} has a different index from the first Series; "
                    "align the Series first (e.g. `b.reindex(a.index)`)."
                )
            array = arg.to_numpy(dtype=float)
        else:
            array = np.asarray(arg, dtype=float)
        if np.isnan(array).any():
            raise QCAError(f"{caller}: argument {position + 1} has missing values (NaN).")
        if ((array < 0) | (array > 1)).any():
            bad = array[(array < 0) | (array > 1)].flat[0]
            raise QCAError(f"{caller}: argument {position + 1} has values outside [0, 1]: {bad:g}.")
        arrays.append(array)
    shapes = {a.shape for a in arrays}
    if len(shapes) > 1:
        raise QCAError(f"{caller}: arguments have different shapes {sorted(shapes)}.")
    return arrays, index


def _wrap(result: np.ndarray, index: pd.Index | None, name: str | None = None) -> ArrayOrSeries:
    return result if index is None else pd.Series(result, index=index, name=name)


def fuzzy_and(*memberships: ArrayOrSeries) -> ArrayOrSeries:
    """Fuzzy intersection (logical AND): the element-wise minimum.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.fuzzy_and(lf["DEV"], lf["STB"]).head(3)   # membership in DEV*STB
    case
    AU    0.43
    BE    0.98
    CZ    0.58
    dtype: float64
    """
    arrays, index = _as_arrays("fuzzy_and()", memberships)
    return _wrap(reduce(np.minimum, arrays), index)


def fuzzy_or(*memberships: ArrayOrSeries) -> ArrayOrSeries:
    """Fuzzy union (logical OR): the element-wise maximum.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.fuzzy_or(lf["DEV"], lf["STB"]).head(3)   # membership in DEV + STB
    case
    AU    0.81
    BE    0.99
    CZ    0.91
    dtype: float64
    """
    arrays, index = _as_arrays("fuzzy_or()", memberships)
    return _wrap(reduce(np.maximum, arrays), index)


def negate(membership: ArrayOrSeries) -> ArrayOrSeries:
    """Fuzzy negation (logical NOT): ``1 - x``.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.negate(lf["URB"]).head(3)
    case
    AU    0.88
    BE    0.11
    CZ    0.02
    Name: ~URB, dtype: float64
    """
    arrays, index = _as_arrays("negate()", (membership,))
    name = None
    if isinstance(membership, pd.Series) and membership.name is not None:
        name = f"~{membership.name}"
    return _wrap(1.0 - arrays[0], index, name)
