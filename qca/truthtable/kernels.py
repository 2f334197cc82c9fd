"""The truth table's row kernels: ``incl`` and ``PRI`` of each row, ``OUT`` codes.

Fit sums are exact (:mod:`qca._core.exact`) and each ratio is rounded once, so the figures are
those of rational arithmetic and do not depend on the order of the cases. Three kernels give the
same sums: grouped sums when no condition is fuzzy (each case is in one row only), and for fuzzy
data either every membership (rows x cases, by blocks) or nested cubes (:func:`cube_sums`), chosen
by their estimated cost (:func:`prefer_cubes`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .._core.encode import radix_weights, row_ids
from .._core.exact import SCALE_BITS, combine_limbs, exact_ratio, exact_sums, limbs

__all__ = [
    "cube_sums",
    "grouped_row_fit",
    "out_codes",
    "prefer_cubes",
    "row_fit",
]

# R's admisc::agteb() tolerance: .Machine$double.eps^0.5
_TOL = float(np.finfo(float).eps ** 0.5)

# Membership block (rows x cases) held at once by the dense row-fit kernel: small enough to stay
# in cache (measured: 100k cases x 10 fuzzy conditions 5.2 s with 4M, 1.7 s with 256k).
_BLOCK_ELEMENTS = 262_144


def row_fit(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int],
    y: npt.NDArray[np.float64],
    configurations: npt.NDArray[np.int64],
    method: str | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """``incl`` and ``PRI`` of each row (configuration) over every case.

    The membership of case i in row r is ``m = min_j lit_j(x[i, j], configurations[r, j])`` with
    ``lit = x`` / ``1 - x`` for a fuzzy condition at level 1 / 0 and ``lit = (x == level)``
    otherwise. Then (R's ``C_truthTable``)::

        incl = sum(min(m, y)) / sum(m)
        PRI  = (sum(min(m, y)) - sum(min(m, y, 1 - y))) / (sum(m) - sum(min(m, y, 1 - y)))

    The sums are exact (see :func:`qca._core.exact.exact_sums`) and each ratio is rounded once,
    so the figures do not depend on the order of the cases.

    Parameters
    ----------
    x : ndarray, shape (n_cases, k)
    fuzzy : ndarray of bool, shape (k,)
    noflevels : sequence of int, length k
    y : ndarray, shape (n_cases,)
    configurations : ndarray of int, shape (n_rows, k)
    method : {None, "dense", "cubes"}
        Fuzzy data only: ``"dense"`` computes every membership (rows x cases x conditions),
        ``"cubes"`` uses :func:`cube_sums`; None chooses by their estimated cost. Both give the
        same exact sums.

    Returns
    -------
    incl, pri : ndarray, shape (n_rows,)
        NaN where a denominator is zero.
    """
    configurations = np.asarray(configurations, dtype=np.int64)
    n_rows, k = configurations.shape
    n_cases = x.shape[0]
    x_sum = np.zeros(n_rows, dtype=object)
    both_sum = np.zeros(n_rows, dtype=object)
    pri_sum = np.zeros(n_rows, dtype=object)
    not_y = 1.0 - y
    if n_rows == 0 or n_cases == 0:
        pass
    elif not fuzzy.any():
        # crisp / multi-value: a case has membership 1 in its own row and 0 everywhere else
        case_ids = row_ids(x.astype(np.int64), noflevels)
        wanted = row_ids(configurations, noflevels)
        order = np.argsort(wanted)
        position = np.minimum(np.searchsorted(wanted[order], case_ids), n_rows - 1)
        found = wanted[order][position] == case_ids
        return grouped_row_fit(order[position[found]], y[found], n_rows)
    elif method == "cubes" or (
        method is None and prefer_cubes(x, fuzzy, noflevels, configurations)
    ):
        x_sum, both_sum, pri_sum = cube_sums(x, fuzzy, noflevels, y, configurations)
    else:
        # literals[j][level]: the membership of every case in "condition j at that level"
        literals = []
        for j in range(k):
            if fuzzy[j]:
                literals.append(np.stack([1.0 - x[:, j], x[:, j]]))
            else:
                levels = np.arange(noflevels[j])[:, None]
                literals.append((x[:, j][None, :] == levels).astype(np.float64))
        block = max(1, _BLOCK_ELEMENTS // max(1, n_cases))
        for start in range(0, n_rows, block):
            rows = configurations[start : start + block]
            m = literals[0][rows[:, 0]]
            for j in range(1, k):
                np.minimum(m, literals[j][rows[:, j]], out=m)
            both = np.minimum(m, y)
            x_sum[start : start + block] = exact_sums(m)
            both_sum[start : start + block] = exact_sums(both)
            pri_sum[start : start + block] = exact_sums(np.minimum(both, not_y, out=m))
    incl = exact_ratio(both_sum, x_sum)
    pri = exact_ratio(both_sum - pri_sum, x_sum - pri_sum)
    return incl, pri


# Largest ternary array (cells, per crisp group times 3**fuzzy conditions) of cube_sums: three
# int64 limbs of 3**13 cells take 38 MB.
_CUBE_MAX_CELLS = 3**13


def _cube_cells(
    fuzzy: npt.NDArray[np.bool_], noflevels: Sequence[int], configurations: npt.NDArray[np.int64]
) -> int:
    crisp = np.flatnonzero(~fuzzy)
    groups = np.unique(configurations[:, crisp], axis=0).shape[0] if crisp.size else 1
    return groups * 3 ** int(np.count_nonzero(fuzzy))


def prefer_cubes(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int],
    configurations: npt.NDArray[np.int64],
) -> bool:
    """Whether :func:`cube_sums` should beat the dense kernel (costs measured, see benchmarks)."""
    n_cases, k = x.shape
    n_rows = configurations.shape[0]
    if 3 ** int(np.count_nonzero(fuzzy)) > _CUBE_MAX_CELLS:
        return False
    cells = _cube_cells(fuzzy, noflevels, configurations)
    if cells > _CUBE_MAX_CELLS:
        return False
    # in about the same unit (1e-9 s on 2 cores): a membership of the dense kernel per row,
    # case and condition; a chained cube of a case; a ternary cell (9 limb tables)
    dense = n_rows * n_cases * (k + 6)
    cubes = 150 * n_cases * (int(np.count_nonzero(fuzzy)) + 1) + 100 * cells
    return cubes < dense


def cube_sums(
    x: npt.NDArray[np.float64],
    fuzzy: npt.NDArray[np.bool_],
    noflevels: Sequence[int],
    y: npt.NDArray[np.float64],
    configurations: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """Exact ``sum(m)``, ``sum(min(m, y))``, ``sum(min(m, y, 1 - y))`` per row, as nested cubes.

    Crisp and multi-value conditions: a case counts only in rows with its levels (membership 0
    elsewhere), so cases and rows are matched by their crisp part ("group"). Fuzzy conditions:
    with ``a_j = max(x_j, 1 - x_j) >= 0.5`` (the case's own row ``o``) and
    ``b_j = 1 - a_j <= 0.5``, the membership in a row differing from ``o`` on the set ``D`` is
    ``min_{j in D} b_j``. Sorting ``b`` increasingly (``b_(1) <= ... <= b_(f)``), a row is in the
    cube ``C_i`` (the first ``i - 1`` of these conditions at their level in ``o``, the others
    free) for ``i <= i*``, where ``i*`` is the rank of the first differing condition, and
    ``min(m, cap) = v_{i*}`` with ``v_i = min(b_(i), cap)`` (``v_{f+1} = min(min_j a_j, cap)``).
    So ``min(m, cap)`` is the sum of the weights ``v_i - v_{i-1}`` of the cubes holding the row.

    Cube weights are added into a dense ternary array (digit 0, 1, or 2 = free, per fuzzy
    condition), then each digit 2 is pushed onto 0 and 1 (``3**f`` to ``2**f`` cells) and the
    rows are read off. Values are the integers ``floor(v * 2**93)`` in three 31-bit limbs, as in
    :func:`qca._core.exact.exact_sums`, so the totals are the same integers.
    """
    configurations = np.asarray(configurations, dtype=np.int64)
    n_rows = configurations.shape[0]
    fz = np.flatnonzero(fuzzy)
    cr = np.flatnonzero(~fuzzy)
    f = fz.size
    levels = np.asarray(noflevels, dtype=np.int64)
    # crisp part: the group of each row, and of each case (-1: in no row's group)
    if cr.size:
        crisp_levels = levels[cr].tolist()
        row_keys = row_ids(configurations[:, cr], crisp_levels)
        case_keys = row_ids(x[:, cr].astype(np.int64), crisp_levels)
    else:
        row_keys = np.zeros(n_rows, dtype=np.int64)
        case_keys = np.zeros(x.shape[0], dtype=np.int64)
    keys, row_group = np.unique(row_keys, return_inverse=True)
    position = np.minimum(np.searchsorted(keys, case_keys), keys.size - 1)
    kept = np.flatnonzero(keys[position] == case_keys)
    group = position[kept]
    n_groups = keys.size
    cells = 3**f
    # place weights of the ternary cells (digit 2 = free), first fuzzy condition most significant
    power = radix_weights([3] * f)
    size = n_groups * cells
    # tables[cap, limb]: cube weights, then row sums; cases go by chunks that stay in cache
    tables = np.zeros((3, 3, size), dtype=np.int64)
    chunk = max(2**15, cells // (f + 1))
    for start in range(0, kept.size, chunk):
        cases = kept[start : start + chunk]
        scores = x[np.ix_(cases, fz)]
        complement = 1.0 - scores  # as the dense kernel: the "~A" literal is 1.0 - x
        low = np.minimum(scores, complement)
        by_low = np.argsort(low, axis=1, kind="stable")
        values = np.empty((cases.size, f + 1))
        values[:, :f] = np.take_along_axis(low, by_low, axis=1)
        values[:, f] = np.maximum(scores, complement).min(axis=1)
        # codes of the chain of cubes: all free, then the conditions fixed in increasing b
        own = (np.take_along_axis(scores, by_low, axis=1) > 0.5).astype(np.int64)
        chain = np.empty((cases.size, f + 1), dtype=np.int64)
        chain[:, 0] = group[start : start + chunk] * cells + 2 * int(power.sum())
        np.cumsum((2 - own) * power[by_low], axis=1, out=chain[:, 1:])
        chain[:, 1:] = chain[:, :1] - chain[:, 1:]
        codes = chain.ravel()
        y_chunk = y[cases]
        for index, cap in enumerate((None, y_chunk, np.minimum(y_chunk, 1.0 - y_chunk))):
            capped = values if cap is None else np.minimum(values, cap[:, None])
            for limb, whole in enumerate(limbs(capped)):
                weights = np.diff(whole, axis=1, prepend=0.0).ravel()
                tables[index, limb] += np.bincount(codes, weights=weights, minlength=size).astype(
                    np.int64
                )
    tables = _ternary_to_binary(tables.reshape(9 * n_groups, cells), f)
    tables = tables.reshape(3, 3, n_groups, 2**f)
    binary = configurations[:, fz] @ radix_weights([2] * f)
    sums = [combine_limbs(tables[index][:, row_group, binary]) for index in range(3)]
    return sums[0], sums[1], sums[2]


def _ternary_to_binary(table: npt.NDArray[np.int64], f: int) -> npt.NDArray[np.int64]:
    """Rows of ``3**f`` cells (base-3 digits 0, 1, 2 = either) to ``2**f`` cells: digit 2 is
    added onto 0 and onto 1, one digit at a time (last digit first)."""
    count = table.shape[0]
    for j in range(f - 1, -1, -1):
        # digits after j are binary already
        view = table.reshape(count, 3**j, 3, 2 ** (f - 1 - j))
        free = view[:, :, 2, :]
        table = np.stack([view[:, :, 0, :] + free, view[:, :, 1, :] + free], axis=2)
    return table.reshape(count, 2**f)


def grouped_row_fit(
    row_of_case: npt.NDArray[np.int64], y: npt.NDArray[np.float64], n_rows: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """``incl`` and ``PRI`` of rows where every case is in one row with membership 1, else 0.

    Crisp and multi-value conditions: ``sum(m)`` is the row's count, ``sum(min(m, y))`` and
    ``sum(min(m, y, 1 - y))`` are sums of ``y`` and ``min(y, 1 - y)`` over the row's cases, so
    each row costs its cases only (:func:`row_fit` gives the same figures). ``row_of_case``
    holds, for each case, its row index in ``range(n_rows)``.
    """
    counts = np.bincount(row_of_case, minlength=n_rows)
    if np.all((y == 0.0) | (y == 1.0)):
        # integer totals below 2**53: the float quotient is the correctly rounded one
        positive = np.bincount(row_of_case, weights=y, minlength=n_rows)
        with np.errstate(invalid="ignore", divide="ignore"):
            incl = np.where(counts > 0, positive / np.maximum(counts, 1), np.nan)
        # min(y, 1 - y) = 0: PRI = incl
        return incl, incl.copy()
    x_sum = counts.astype(object) * (1 << SCALE_BITS)
    both_sum = exact_sums(y, groups=row_of_case, n_groups=n_rows)
    pri_sum = exact_sums(np.minimum(y, 1.0 - y), groups=row_of_case, n_groups=n_rows)
    return exact_ratio(both_sum, x_sum), exact_ratio(both_sum - pri_sum, x_sum - pri_sum)


def out_codes(
    n: npt.NDArray[np.int64],
    incl: npt.NDArray[np.float64],
    pri: npt.NDArray[np.float64],
    incl_cut: tuple[float, float | None],
    n_cut: int,
    pri_cut: float,
) -> npt.NDArray[np.str_]:
    """R's rule, step by step as truthTable.R applies it.

    ``OUT = 1`` where ``incl >= ic1`` and ``PRI >= pri_cut`` (R's agteb(): tolerance sqrt(eps)),
    else 0; then ``C`` where ``incl < ic1`` and ``incl >= ic0`` (tolerance again), overriding a 1
    within the tolerance band. R's ``ic0`` is 1 when a single cut-off is given: ``incl_cut`` is
    then ``(ic1, None)`` here.
    """
    ic1, ic0 = incl_cut
    floor = 1.0 if ic0 is None else ic0
    with np.errstate(invalid="ignore"):
        positive = (incl + _TOL > ic1) & (pri + _TOL > pri_cut)
        contradiction = (incl < ic1) & (incl + _TOL > floor)
    out = np.where(positive, "1", "0").astype("<U1")
    out[contradiction] = "C"
    out[n < n_cut] = "?"
    return out
