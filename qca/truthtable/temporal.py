"""Temporal QCA (tQCA): condition columns holding the "don't care" placeholder ``"-"``.

Caren & Panofsky (2005) add columns on the order of events (``EBA``: E happened before A) that
are 0 or 1 where both events happened and ``"-"`` ("order does not matter") where one did not.
R's QCA (3.25) reads such a column as its levels plus one more, the placeholder, and qca does
the same:

* **truth table**: ``"-"`` is a level of its own, after the condition's levels (level 2 of a
  0/1 column), so its cases make rows of their own; row ids count it (``noflevels`` of the
  column is 3) and the printed table shows ``-`` in the cell, as R's does;
* **terms** name the column's real levels only (``EBA``, ``~EBA``), never the placeholder; a case
  or row with ``"-"`` belongs to a term only if the term does not name the column, so its
  membership in ``EBA`` and ``~EBA`` is 0 (R's fit figures);
* **conservative solution**: a positive row with ``"-"`` stands for every order (both 0 and 1),
  the don't care of Caren & Panofsky: its implicants are built from the rows it stands for;
* **parsimonious solution**: a term is an implicant when it contains a positive row and no row
  that may not be covered, a row with ``"-"`` being contained only by terms that do not name the
  column (:func:`qca.minimize` builds these).

This module reads the columns; the minimization side lives in :mod:`qca.minimize.temporal`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._validation import shown
from ..exceptions import QCAError

__all__ = ["PLACEHOLDER", "check_placeholder_levels", "placeholder_mask", "refuse_placeholder"]

#: The "don't care" placeholder of tQCA, as R's QCA reads it.
PLACEHOLDER = "-"


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value == PLACEHOLDER


def _near_placeholder(value: Any) -> bool:
    """A string that is the placeholder once spaces are stripped (``" - "``)."""
    return isinstance(value, str) and value != PLACEHOLDER and value.strip() == PLACEHOLDER


def placeholder_mask(series: pd.Series, column: str, caller: str) -> npt.NDArray[np.bool_] | None:
    """Where ``series`` holds ``"-"``, or None if it holds none (then it is read as usual).

    Raises
    ------
    QCAError
        A placeholder written with spaces (``" - "``), named with its case.
    """
    if series.dtype != object and not isinstance(series.dtype, pd.StringDtype):
        return None
    values = series.to_numpy(dtype=object)
    for position, value in enumerate(values):
        if _near_placeholder(value):
            raise QCAError(
                f"{caller}: condition '{column}' has the value {shown(value)} (case "
                f'{str(series.index[position])!r}); the temporal QCA "don\'t care" placeholder '
                f"is exactly {PLACEHOLDER!r}, without spaces."
            )
    mask = np.fromiter((_is_placeholder(v) for v in values), dtype=bool, count=len(values))
    return mask if mask.any() else None


def refuse_placeholder(series: pd.Series, column: str, caller: str, role: str) -> None:
    """Refuse ``"-"`` in a column that cannot hold it (the outcome)."""
    if series.dtype != object and not isinstance(series.dtype, pd.StringDtype):
        return
    for position, value in enumerate(series.to_numpy(dtype=object)):
        if _is_placeholder(value) or _near_placeholder(value):
            raise QCAError(
                f"{caller}: {role} '{column}' has the value {shown(value)} (case "
                f'{str(series.index[position])!r}); the temporal QCA "don\'t care" placeholder '
                f"{PLACEHOLDER!r} may stand only in a condition (an order column), not in the "
                f"{role}."
            )


def check_placeholder_levels(
    values: npt.NDArray[np.float64],
    mask: npt.NDArray[np.bool_],
    column: str,
    index: pd.Index,
    original: Any,
    caller: str,
) -> None:
    """The values beside ``"-"`` must be levels (whole numbers >= 0), not fuzzy scores."""
    rest = np.flatnonzero(~mask & ((values != np.round(values)) | (values < 0)))
    if rest.size:
        p = int(rest[0])
        raise QCAError(
            f"{caller}: condition '{column}' holds the temporal QCA placeholder "
            f"{PLACEHOLDER!r} and the value {shown(original(p))} (case {str(index[p])!r}); "
            "a column with the placeholder must hold crisp levels (0, 1, ...) beside it, not "
            "fuzzy scores or negative numbers."
        )
