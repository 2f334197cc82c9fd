"""Sums of fit under resampled outcomes: the kernels of permutation tests and bootstraps.

Every figure of sufficiency is a ratio of sums over cases: with ``a = min(x, y)`` and
``b = min(x, y, 1 - y)``, ``inclS = sum(a) / sum(x)``, ``PRI = (sum(a) - sum(b)) /
(sum(x) - sum(b))``, ``covS = sum(a) / sum(y)``. These kernels give the sums for many outcome
vectors (permutations) at once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["GRID", "grid_codes", "grid_sums", "permuted_sums", "ratio"]

#: Memberships on this grid (multiples of 1/100, as most published fuzzy data) are summed as
#: exact small integers: 8-bit minima, 16- or 32-bit sums, several times faster than floats.
GRID = 100

FloatArray = npt.NDArray[np.float64]


def permuted_sums(
    x: FloatArray, y_rows: FloatArray, y_both: FloatArray | None = None
) -> tuple[FloatArray, FloatArray]:
    """``sum(min(x_j, y))`` and ``sum(min(x_j, y, 1 - y))`` for every set j and outcome row.

    Parameters
    ----------
    x : ndarray, shape (n_cases, n_sets)
        Memberships in the sets.
    y_rows : ndarray, shape (n_draws, n_cases)
        One outcome vector per draw.
    y_both : ndarray, shape (n_draws, n_cases), optional
        ``min(y_rows, 1 - y_rows)`` when the caller has it; None for a crisp outcome is computed.

    Returns
    -------
    inter, overlap : ndarray, shape (n_draws, n_sets)

    Examples
    --------
    >>> x = np.array([[1.0], [0.0], [1.0]])
    >>> y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    >>> permuted_sums(x, y)[0].ravel().tolist()
    [1.0, 1.0]
    """
    if y_both is None:
        y_both = np.minimum(y_rows, 1.0 - y_rows)
    y_crisp = not y_both.any()
    n_draws, n_sets = y_rows.shape[0], x.shape[1]
    if np.all((x == 0) | (x == 1)):
        # crisp sets: min(x, y) = x * y, a sum over each set's cases
        inter = _crisp_sums(x, y_rows)
        overlap = np.zeros_like(inter) if y_crisp else _crisp_sums(x, y_both)
        return inter, overlap
    inter = np.empty((n_draws, n_sets))
    overlap = np.zeros((n_draws, n_sets))
    buffer = np.empty_like(y_rows)
    for j in range(n_sets):
        column = x[:, j]
        np.minimum(y_rows, column, out=buffer)
        inter[:, j] = buffer.sum(axis=1)
        if not y_crisp:
            np.minimum(y_both, column, out=buffer)
            overlap[:, j] = buffer.sum(axis=1)
    return inter, overlap


def _crisp_sums(x: FloatArray, values: FloatArray) -> FloatArray:
    """``values @ x`` for 0/1 ``x``: segment sums of the cases of each set when the sets hold
    few cases in all (truth-table rows hold each case once), else the matrix product."""
    sets, cases = np.nonzero(x.T)  # set-major: each set's cases together
    if cases.size > 4 * x.shape[0]:
        return np.asarray(values @ x, dtype=np.float64)
    counts = np.bincount(sets, minlength=x.shape[1])
    result = np.zeros((values.shape[0], x.shape[1]))
    filled = np.flatnonzero(counts)
    if filled.size:
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])[filled]
        result[:, filled] = np.add.reduceat(values[:, cases], starts, axis=1)
    return result


def grid_codes(values: FloatArray) -> npt.NDArray[np.uint8] | None:
    """``values * GRID`` as uint8 when every value is a multiple of ``1 / GRID`` (else None).

    Examples
    --------
    >>> grid_codes(np.array([0.25, 1.0])).tolist(), grid_codes(np.array([0.333]))
    ([25, 100], None)
    """
    scaled = np.asarray(values, dtype=np.float64) * GRID
    codes = np.rint(scaled)
    if not np.all(np.abs(scaled - codes) <= 1e-9 * GRID):
        return None
    return codes.astype(np.uint8)


def grid_sums(
    x_codes: npt.NDArray[np.uint8], columns: npt.NDArray[np.uint8]
) -> npt.NDArray[np.int64]:
    """``sum_i min(x_ij, y_ib)`` for grid codes: sets ``x_codes`` (n_cases, n_sets) and outcome
    vectors as the columns of ``columns`` (n_cases, n_draws). Exact; shape (n_draws, n_sets).

    Examples
    --------
    >>> x = np.array([[100], [0], [50]], dtype=np.uint8)
    >>> y = np.array([[100, 0], [0, 100], [20, 100]], dtype=np.uint8)
    >>> grid_sums(x, y).ravel().tolist()
    [120, 50]
    """
    n_cases, n_sets = x_codes.shape
    # n * 100 must fit the accumulator: 16 bits up to 655 cases
    accumulator = np.uint16 if n_cases * GRID <= np.iinfo(np.uint16).max else np.uint32
    result = np.empty((columns.shape[1], n_sets), dtype=np.int64)
    buffer = np.empty_like(columns)
    for j in range(n_sets):
        np.minimum(columns, x_codes[:, j : j + 1], out=buffer)
        result[:, j] = buffer.sum(axis=0, dtype=accumulator)
    return result


def ratio(numerator: npt.ArrayLike, denominator: npt.ArrayLike) -> FloatArray:
    """``numerator / denominator``, NaN where the denominator is 0 (the 0/0 rule)."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out
