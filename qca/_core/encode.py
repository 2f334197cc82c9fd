"""Integer encodings shared by the truth table and the minimization engines.

* configuration: level of each condition, shape ``(n, k)``;
* row id: R QCA's numbering, ``1 +`` the configuration read as a mixed-radix number with the
  first condition most significant;
* implicant: ``0`` = condition absent, ``v + 1`` = condition at level ``v`` (R's convention).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def radix_weights(noflevels: Sequence[int] | npt.NDArray[np.integer]) -> IntArray:
    """Weight of each condition in the mixed-radix row number (R's ``mbase``).

    Examples
    --------
    >>> radix_weights([2, 2, 3]).tolist()
    [6, 3, 1]
    """
    levels = np.asarray(noflevels, dtype=np.int64)
    weights = np.ones(levels.size, dtype=np.int64)
    if levels.size > 1:
        weights[:-1] = np.cumprod(levels[::-1])[::-1][1:]
    return weights


def row_ids(
    configurations: npt.ArrayLike, noflevels: Sequence[int] | npt.NDArray[np.integer]
) -> IntArray:
    """R's truth-table row number of each configuration (1-based).

    Examples
    --------
    >>> row_ids([[1, 0, 1, 0, 1], [1, 1, 1, 1, 1]], [2] * 5).tolist()
    [22, 32]
    """
    configurations = np.asarray(configurations, dtype=np.int64)
    return configurations @ radix_weights(noflevels) + 1


def configurations_of(ids: npt.ArrayLike, noflevels: Sequence[int]) -> IntArray:
    """Inverse of :func:`row_ids`: the configuration of each row id, shape ``(n, k)``.

    Examples
    --------
    >>> configurations_of([22], [2] * 5).tolist()
    [[1, 0, 1, 0, 1]]
    """
    ids = np.asarray(ids, dtype=np.int64).reshape(-1) - 1
    levels = np.asarray(noflevels, dtype=np.int64)
    weights = radix_weights(levels)
    return (ids[:, None] // weights[None, :]) % levels[None, :]


def all_configurations(noflevels: Sequence[int]) -> IntArray:
    """Every configuration, in row-id order (row id ``i + 1`` at position ``i``)."""
    total = int(np.prod(np.asarray(noflevels, dtype=np.int64)))
    return configurations_of(np.arange(1, total + 1), noflevels)


def implicant_covers(
    implicants: npt.ArrayLike, configurations: npt.ArrayLike
) -> npt.NDArray[np.bool_]:
    """Boolean matrix ``(n_implicants, n_configurations)``: does the term contain the row?

    Examples
    --------
    >>> implicant_covers([[2, 0], [1, 1]], [[1, 0], [0, 0], [1, 1]]).tolist()
    [[True, False, True], [False, True, False]]
    """
    implicants = np.asarray(implicants, dtype=np.int64)
    configurations = np.asarray(configurations, dtype=np.int64)
    free = implicants[:, None, :] == 0
    match = implicants[:, None, :] == configurations[None, :, :] + 1
    return np.all(free | match, axis=2)
