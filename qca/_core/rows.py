"""Truth-table rows inside a term or a sum of products, from level sets or implicant codes.

A sum of products is given as plain data: a sequence of terms, each a sequence of
``(condition position, accepted levels)`` pairs (the expression classes of :mod:`qca.expressions`
convert themselves to this). Row ids follow :mod:`qca._core.encode`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from .encode import IntArray, all_configurations, radix_weights, row_ids

__all__ = ["LevelTerm", "implicant_row_ids", "sop_row_ids", "sop_truth"]

#: One term: ``(condition position, accepted levels)`` per literal.
LevelTerm = Sequence[tuple[int, Collection[int]]]


def sop_truth(terms: Sequence[LevelTerm], configurations: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Crisp truth of the sum of products on each configuration (rows of levels).

    Examples
    --------
    >>> sop_truth([[(0, {1}), (1, {0})]], [[1, 0], [1, 1], [0, 0]]).tolist()
    [True, False, False]
    """
    configurations = np.asarray(configurations, dtype=np.int64)
    result = np.zeros(configurations.shape[0], dtype=bool)
    for term in terms:
        inside = np.ones(configurations.shape[0], dtype=bool)
        for position, levels in term:
            inside &= np.isin(configurations[:, position], sorted(levels))
        result |= inside
    return result


def sop_row_ids(terms: Sequence[LevelTerm], noflevels: Sequence[int]) -> IntArray:
    """Row ids (ascending) of every configuration inside the sum of products.

    Examples
    --------
    >>> sop_row_ids([[(0, {1})], [(1, {1}), (2, {0})]], [2, 2, 2]).tolist()
    [3, 5, 6, 7, 8]
    """
    configurations = all_configurations(noflevels)
    return row_ids(configurations[sop_truth(terms, configurations)], noflevels)


def implicant_row_ids(codes: npt.ArrayLike, noflevels: Sequence[int]) -> IntArray:
    """Row ids (ascending) of every configuration inside one implicant, without expanding the
    whole space.

    Examples
    --------
    >>> implicant_row_ids([2, 0, 1], [2, 2, 2]).tolist()
    [5, 7]
    """
    codes_list = [int(c) for c in np.asarray(codes).reshape(-1)]
    weights = radix_weights(noflevels).tolist()
    ids = np.array([1 + sum((c - 1) * w for c, w in zip(codes_list, weights) if c)], dtype=np.int64)
    # free conditions from the most significant down: each multiplies the ids, ascending
    for c, n, w in zip(codes_list, noflevels, weights):
        if c == 0:
            ids = (ids[:, None] + np.arange(int(n), dtype=np.int64)[None, :] * w).ravel()
    return ids
