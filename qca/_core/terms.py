"""Membership of cases in literals and terms: one definition for every stage.

A binary condition (crisp 0/1 or fuzzy in [0, 1]) has levels 0 and 1: the literal ``A`` is the
score ``x``, ``~A`` is ``1 - x``, and a literal accepting both levels is their union
``max(x, 1 - x)``. On a multi-value condition (levels 0..m) a literal is 1 for a case whose level
is among the literal's levels, else 0. A term's membership is the minimum over its literals, an
expression's the maximum over its terms.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["literal_membership", "term_memberships"]

FloatArray = npt.NDArray[np.float64]


def literal_membership(
    values: npt.ArrayLike, levels: Collection[int], *, binary: bool
) -> FloatArray:
    """Membership of each case in the literal accepting ``levels`` of one condition.

    Examples
    --------
    >>> literal_membership([0.8, 0.3], {0}, binary=True).tolist()
    [0.19999999999999996, 0.7]
    >>> literal_membership([0, 2, 1], {1, 2}, binary=False).tolist()
    [0.0, 1.0, 1.0]
    """
    values = np.asarray(values, dtype=np.float64)
    if not binary:
        return np.isin(values, sorted(levels)).astype(np.float64)
    result = np.zeros(values.shape, dtype=np.float64)
    if 1 in levels:
        result = np.maximum(result, values)
    if 0 in levels:
        result = np.maximum(result, 1.0 - values)
    return result


def term_memberships(
    codes: npt.ArrayLike, values: np.ndarray, noflevels: Sequence[int]
) -> FloatArray:
    """Membership of every case (columns) in every implicant (rows), shape (n_terms, n_cases).

    ``codes`` are implicants in :mod:`qca._core.encode`'s convention; ``values`` holds the cases'
    condition scores, shape (n_cases, k): scores for binary conditions, levels for multi-value
    ones.

    Examples
    --------
    >>> term_memberships([[2, 1], [0, 2]], np.array([[0.8, 0.1], [0.3, 0.6]]), [2, 2]).tolist()
    [[0.8, 0.3], [0.1, 0.6]]
    """
    codes = np.asarray(codes, dtype=np.int64).reshape(-1, values.shape[1])
    out = np.ones((codes.shape[0], values.shape[0]))
    for j, levels in enumerate(noflevels):
        column = values[:, j]
        for code in np.unique(codes[:, j]):
            if code == 0:
                continue
            literal = literal_membership(column, {int(code) - 1}, binary=levels == 2)
            rows = codes[:, j] == code
            out[rows] = np.minimum(out[rows], literal[None, :])
    return out
