"""Prime-implicant charts: R's PI order, row dominance and exact cover enumeration.

* :func:`r_order` puts prime implicants in the order R QCA prints them (its C ``sort_matrix``);
* :func:`row_dominance` is R's ``rowDominance``;
* :func:`irredundant_covers` lists every cover from which no PI can be dropped (``all_sol``), by
  :func:`enumerate_covers`, a duplicate-free depth-first enumeration (also behind the test
  oracle :func:`qca.testing.minimal_covers`).

Covers are tuples of PI indices (ascending) listed in lexicographic order, which is how R's
``find_models`` orders models (M1, M2, ...).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..exceptions import ProblemTooLargeError
from .cover import CoverResult  # one result type for every cover solver

__all__ = [
    "MAX_SEARCH_NODES",
    "CoverResult",
    "chart_masks",
    "check_coverable",
    "enumerate_covers",
    "irredundant_covers",
    "r_order",
    "row_dominance",
]

BoolArray = npt.NDArray[np.bool_]

#: Largest number of search nodes the cover enumeration visits before giving up.
MAX_SEARCH_NODES = 2_000_000


def r_order(codes: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Permutation putting implicants in R QCA's order (its C ``sort_matrix``).

    From the last condition to the first: a stable sort on the code, descending, then the
    leading run of non-zero codes ascending; finally a stable sort on the number of literals.
    R's loop leaves the last element out of the ascending step when a condition has no zero
    code; this is kept. The input is assumed lexicographically sorted (as every engine returns
    it), which reproduces R's order on all reference cases.

    Examples
    --------
    >>> r_order([[0, 2], [1, 1], [2, 0]]).tolist()
    [2, 0, 1]
    """
    codes = np.asarray(codes, dtype=np.int64)
    n, k = codes.shape if codes.ndim == 2 else (0, 0)
    if n and k < 127 and codes.min() >= 0 and codes.max() < 127:
        codes = codes.astype(np.int8)  # stable sorts of 8-bit keys are radix sorts
    index = np.arange(n)
    for i in range(k - 1, -1, -1):
        column = codes[index, i]
        order = np.argsort(-column, kind="stable")
        index = index[order]
        column = column[order]
        zeros = np.flatnonzero(column == 0)
        stop = int(zeros[0]) if zeros.size else n - 1
        if stop > 1:
            index[:stop] = index[:stop][np.argsort(column[:stop], kind="stable")]
    complexity = (codes[index] != 0).sum(axis=1, dtype=codes.dtype)
    return index[np.argsort(complexity, kind="stable")]


def row_dominance(chart: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Indices (ascending) of the PIs kept by R's ``rowDominance``.

    A PI is dropped when the rows it covers are a subset of the rows of another PI that covers
    strictly more rows; PIs covering the same number of rows never dominate each other.

    Examples
    --------
    >>> row_dominance([[True, True, False], [True, False, False], [False, True, True]]).tolist()
    [0, 2]
    """
    chart = np.asarray(chart, dtype=bool)
    sums = chart.sum(axis=1)
    # subset[a, b]: every row of a is a row of b
    subset = ~(chart[:, None, :] & ~chart[None, :, :]).any(axis=2)
    dominated = (subset & (sums[:, None] < sums[None, :])).any(axis=1)
    return np.flatnonzero(~dominated)


def chart_masks(chart: BoolArray) -> list[int]:
    weights = [1 << j for j in range(chart.shape[1])]
    return [sum(w for w, hit in zip(weights, row) if hit) for row in chart.tolist()]


def check_coverable(chart: BoolArray) -> None:
    uncovered = np.flatnonzero(~chart.any(axis=0))
    if uncovered.size:
        raise ValueError(f"PI chart: columns {uncovered.tolist()} are covered by no PI.")


def enumerate_covers(
    masks: list[int], full: int, limit_size: int | None, *, minimal_only: bool
) -> list[tuple[int, ...]]:
    """Depth-first enumeration of covers, each produced once.

    Branch on the uncovered column with the fewest candidate PIs; in the branch of its i-th
    candidate the earlier candidates are forbidden, so a cover is reached only through its
    smallest-index candidate for that column. With ``limit_size`` only covers of that size are
    kept (and branches that cannot finish within it are cut); with ``minimal_only=False`` the
    irredundant covers of any size are kept.
    """
    n = len(masks)
    column_pis: dict[int, list[int]] = {}
    bit = 1
    column = 0
    while bit <= full:
        if full & bit:
            column_pis[column] = [i for i in range(n) if masks[i] & bit]
        bit <<= 1
        column += 1
    largest = max((m.bit_count() for m in masks), default=1) or 1
    found: list[tuple[int, ...]] = []
    nodes = 0

    def search(chosen: list[int], covered: int, forbidden: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_SEARCH_NODES:
            raise ProblemTooLargeError(
                f"minimize(): the PI chart ({n} PIs x {full.bit_count()} rows) needs more than "
                f"MAX_SEARCH_NODES={MAX_SEARCH_NODES} search steps to list its covers. "
                "Use first_min=True, or reduce the chart (row_dom=True)."
            )
        if covered == full:
            cover = tuple(sorted(chosen))
            wanted = limit_size is None or len(cover) == limit_size
            if wanted and (
                minimal_only
                or all((covered_without(cover, drop) != full) for drop in range(len(cover)))
            ):
                found.append(cover)
            return
        if limit_size is not None:
            left = limit_size - len(chosen)
            missing = (full & ~covered).bit_count()
            if left <= 0 or -(-missing // largest) > left:
                return
        best_column = -1
        best: list[int] = []
        rest = full & ~covered
        for col, pis in column_pis.items():
            if rest >> col & 1:
                candidates = [p for p in pis if not forbidden >> p & 1]
                if best_column < 0 or len(candidates) < len(best):
                    best_column, best = col, candidates
                    if len(best) <= 1:
                        break
        extra = 0
        for p in best:
            chosen.append(p)
            search(chosen, covered | masks[p], forbidden | extra)
            chosen.pop()
            extra |= 1 << p

    def covered_without(cover: tuple[int, ...], drop: int) -> int:
        total = 0
        for position, p in enumerate(cover):
            if position != drop:
                total |= masks[p]
        return total

    search([], 0, 0)
    return found


def irredundant_covers(chart: npt.ArrayLike, *, max_models: int = 10_000) -> CoverResult:
    """Every cover from which no PI can be dropped (R's ``all.sol``), by size then lexicographically.

    Examples
    --------
    >>> irredundant_covers([[1, 1, 0], [0, 1, 1], [1, 0, 1]]).covers
    ((0, 1), (0, 2), (1, 2))
    """
    chart = np.asarray(chart, dtype=bool)
    check_coverable(chart)
    _n_pi, n_col = chart.shape
    if n_col == 0:
        return CoverResult(covers=((),), truncated=False, n_models=1)
    masks = chart_masks(chart)
    full = (1 << n_col) - 1
    covers = sorted(
        set(enumerate_covers(masks, full, None, minimal_only=False)), key=lambda c: (len(c), c)
    )
    n_models = len(covers)
    return CoverResult(
        covers=tuple(covers[:max_models]), truncated=n_models > max_models, n_models=n_models
    )
