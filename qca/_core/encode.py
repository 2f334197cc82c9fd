"""Integer encodings shared by the truth table and the minimization engines.

* configuration: level of each condition, shape ``(n, k)``;
* row id: R QCA's numbering, ``1 +`` the configuration read as a mixed-radix number with the
  first condition most significant;
* implicant: ``0`` = condition absent, ``v + 1`` = condition at level ``v`` (R's convention).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..exceptions import ProblemTooLargeError
from .bitsets import pack_rows, unpack_rows

IntArray = npt.NDArray[np.int64]

#: Largest row id an int64 holds: a truth table has at most this many configurations (62
#: binary conditions; 63 would need row id 2**63).
MAX_CONFIGURATIONS = int(np.iinfo(np.int64).max)


def configuration_count(noflevels: Sequence[int] | npt.NDArray[np.integer]) -> int:
    """Number of configurations, the product of the level counts, as a Python int (never wraps).

    Examples
    --------
    >>> configuration_count([2] * 64)
    18446744073709551616
    """
    return math.prod(int(n) for n in np.asarray(noflevels).reshape(-1).tolist())


def check_configuration_count(
    noflevels: Sequence[int] | npt.NDArray[np.integer], caller: str = ""
) -> int:
    """:func:`configuration_count`, refusing a count whose row ids do not fit an int64.

    Raises
    ------
    ProblemTooLargeError
        More than :data:`MAX_CONFIGURATIONS` configurations (63 binary conditions or more).
    """
    total = configuration_count(noflevels)
    if total > MAX_CONFIGURATIONS:
        k = np.asarray(noflevels).size
        raise ProblemTooLargeError(
            f"{caller + ': ' if caller else ''}{k} conditions have {total:,} configurations, more than the {MAX_CONFIGURATIONS:,} "
            "row ids a 64-bit integer can number (at most 62 binary conditions). Use fewer "
            "conditions."
        )
    return total


def radix_weights(noflevels: Sequence[int] | npt.NDArray[np.integer]) -> IntArray:
    """Weight of each condition in the mixed-radix row number (R's ``mbase``).

    Raises
    ------
    ProblemTooLargeError
        When the row ids would not fit an int64 (:func:`check_configuration_count`).

    Examples
    --------
    >>> radix_weights([2, 2, 3]).tolist()
    [6, 3, 1]
    """
    check_configuration_count(noflevels)
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


def place_cases(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int] | npt.NDArray[np.integer],
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """The truth-table row id of each case (rows of ``x``: scores per condition), and which cases
    cannot be placed.

    A fuzzy score above 0.5 puts the case in the condition's "1" row; exactly 0.5 cannot be
    placed. Crisp and multi-value scores (columns not ``fuzzy``) must be whole numbers. Built
    without an integer copy of the whole (cases x conditions) data.

    Examples
    --------
    >>> ids, unplaced = place_cases(
    ...     np.array([[0.8, 1.0], [0.5, 0.0], [0.2, 2.0]]), np.array([True, False]), [2, 3]
    ... )
    >>> ids.tolist(), unplaced.tolist()
    ([5, 1, 3], [False, True, False])
    """
    weights = radix_weights(noflevels)
    unplaced = np.zeros(x.shape[0], dtype=bool)
    if not np.any(fuzzy) and configuration_count(noflevels) <= 2**53 and x.dtype == np.float64:
        # whole levels times place weights: every partial sum is an integer below 2**53, so one
        # matrix-vector product (BLAS, one pass over the data) is exact in any summation order
        case_ids = (x @ weights.astype(np.float64)).astype(np.int64)
        case_ids += 1
        return case_ids, unplaced
    case_ids = np.ones(x.shape[0], dtype=np.int64)
    for j in range(len(noflevels)):
        if fuzzy[j]:
            case_ids += (x[:, j] > 0.5) * weights[j]
            unplaced |= x[:, j] == 0.5
        else:
            case_ids += x[:, j].astype(np.int64) * weights[j]
    return case_ids, unplaced


def configurations_of(
    ids: npt.ArrayLike, noflevels: Sequence[int], *, column_major: bool = False
) -> IntArray:
    """Inverse of :func:`row_ids`: the configuration of each row id, shape ``(n, k)``.

    ``column_major=True`` returns the same values in Fortran order, built one condition at a
    time (what a DataFrame of the conditions holds, without a transposing copy).

    Examples
    --------
    >>> configurations_of([22], [2] * 5).tolist()
    [[1, 0, 1, 0, 1]]
    """
    ids = np.asarray(ids, dtype=np.int64).reshape(-1) - 1
    levels = np.asarray(noflevels, dtype=np.int64)
    weights = radix_weights(levels)
    if not column_major:
        return (ids[:, None] // weights[None, :]) % levels[None, :]
    result = np.empty((ids.size, levels.size), dtype=np.int64, order="F")
    binary = bool(np.all(levels == 2))
    for j, (weight, level) in enumerate(zip(weights.tolist(), levels.tolist())):
        if binary:  # the bits of the id: shifts instead of (slow) 64-bit division
            np.bitwise_and(ids >> (weight.bit_length() - 1), 1, out=result[:, j])
        else:
            np.remainder(ids // weight, level, out=result[:, j])
    return result


def all_configurations(noflevels: Sequence[int]) -> IntArray:
    """Every configuration, in row-id order (row id ``i + 1`` at position ``i``)."""
    total = check_configuration_count(noflevels)
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
    n, k = implicants.shape
    m = configurations.shape[0]
    if n and m and k and implicants.min() >= 0:
        top = max(int(implicants.max()), int(configurations.max()) + 1)
        words = -(-m // 64)
        if (top + 1) * k * words <= 2**22:
            return _implicant_covers_bits(implicants, configurations, top)
    free = implicants[:, None, :] == 0
    match = implicants[:, None, :] == configurations[None, :, :] + 1
    return np.all(free | match, axis=2)


def _implicant_covers_bits(
    implicants: npt.NDArray[np.int64], configurations: npt.NDArray[np.int64], top: int
) -> npt.NDArray[np.bool_]:
    """:func:`implicant_covers` through bitsets: for each condition and code, the rows it
    admits as packed words; a term's rows are the AND of its codes' words (k gathers of
    ``n * ceil(m / 64)`` words instead of ``n * m * k`` comparisons)."""
    codes = np.arange(-1, top)[:, None]  # code c admits level c - 1; code 0 (row -1) all
    table = np.stack(
        [
            pack_rows((configurations[None, :, j] == codes) | (codes == -1))
            for j in range(implicants.shape[1])
        ]
    )
    bits = table[0, implicants[:, 0]]
    for j in range(1, implicants.shape[1]):
        bits &= table[j, implicants[:, j]]
    return unpack_rows(bits, configurations.shape[0])
