"""The one rule for the levels of a condition, read from its scores.

Whole numbers whose maximum m is 2 or more make a multi-value condition with levels 0..m
(``m + 1`` levels). Anything else, crisp 0/1 scores or fuzzy memberships in [0, 1], is a binary
condition (2 levels). Validation (negative levels, fuzzy scores outside [0, 1]) is the calling
stage's job, done before this rule is applied.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["condition_levels", "is_whole"]


def is_whole(values: npt.ArrayLike) -> bool:
    """Whether every score is a whole number (crisp or multi-value, not fuzzy).

    Examples
    --------
    >>> is_whole([0, 1, 2.0]), is_whole([0, 0.5])
    (True, False)
    """
    values = np.asarray(values, dtype=np.float64)
    return bool(np.all(values == np.round(values)))


def condition_levels(values: npt.ArrayLike) -> int:
    """Number of levels of a condition with these scores.

    Examples
    --------
    >>> condition_levels([0, 1, 1]), condition_levels([0.2, 0.9]), condition_levels([0, 2, 1])
    (2, 2, 3)
    """
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0 or values.max() <= 1:  # NaN compares False: the general rule below
        return 2
    finite = values[np.isfinite(values)]
    if finite.size and is_whole(finite) and finite.max() > 1:
        return int(finite.max()) + 1
    return 2
