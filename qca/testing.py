"""Brute-force oracles: slow, obviously correct implementations the tests compare fast paths with.

Shipped in the package (not only in ``tests/``) so that users extending ``qca`` can test against
them too. Nothing in the pipeline calls this module.

* :func:`minimal_covers`: every cover with the fewest PIs by a plain duplicate-free depth-first
  enumeration, its size from a 0/1 program (a second implementation beside
  :func:`qca._core.cover.minimum_covers`, which :func:`qca.minimize` uses);
* :func:`brute_force_covers`: every subset of PIs, smallest first.
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt

from ._core.chart import chart_masks, check_coverable, enumerate_covers
from ._core.cover import CoverResult

__all__ = ["brute_force_covers", "minimal_covers"]

BoolArray = npt.NDArray[np.bool_]


def _minimum_size(chart: BoolArray) -> int:
    """Fewest PIs covering every column (scipy.optimize.milp on the set-cover program)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_pi, n_col = chart.shape
    if n_col == 0:
        return 0
    result = milp(
        c=np.ones(n_pi),
        constraints=LinearConstraint(chart.T.astype(float), lb=np.ones(n_col), ub=np.inf),
        integrality=np.ones(n_pi),
        bounds=Bounds(0, 1),
    )
    if not result.success:  # pragma: no cover - a coverable chart always has a cover
        raise RuntimeError(f"PI chart: the set-cover program failed ({result.message}).")
    return round(result.fun)


def minimal_covers(
    chart: npt.ArrayLike, *, max_models: int = 10_000, first_min: bool = False
) -> CoverResult:
    """Every cover of the chart with the fewest PIs, in R's order.

    Parameters
    ----------
    chart : array_like of bool, shape (n_pi, n_rows)
    max_models : int
        At most this many covers are returned (the lexicographically first ones); the result
        then says ``truncated=True`` and ``n_models`` gives how many exist.
    first_min : bool
        Return only the first minimal cover.

    Examples
    --------
    >>> chart = [[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]]
    >>> minimal_covers(chart).covers
    ((0, 1), (0, 2), (0, 3), (1, 2))
    """
    chart = np.asarray(chart, dtype=bool)
    check_coverable(chart)
    n_pi, n_col = chart.shape
    if n_col == 0:
        return CoverResult(covers=((),), truncated=False, n_models=1)
    # essential PIs (the only cover of some column) are in every minimal cover
    sole = chart.sum(axis=0) == 1
    essential = sorted(set(np.argmax(chart[:, sole], axis=0).tolist())) if sole.any() else []
    covered = chart[essential].any(axis=0) if essential else np.zeros(n_col, dtype=bool)
    remaining_cols = ~covered
    candidates = [i for i in range(n_pi) if i not in essential and chart[i, remaining_cols].any()]
    sub = (
        chart[np.ix_(np.asarray(candidates, dtype=np.intp), remaining_cols)]
        if candidates
        else np.zeros((0, 0), dtype=bool)
    )
    size = _minimum_size(sub) if remaining_cols.any() else 0
    if size == 0:
        rest_covers: list[tuple[int, ...]] = [()]
    else:
        masks = chart_masks(sub)
        full = (1 << int(remaining_cols.sum())) - 1
        rest_covers = enumerate_covers(masks, full, size, minimal_only=True)
    covers = sorted(
        tuple(sorted(essential + [candidates[i] for i in cover])) for cover in rest_covers
    )
    n_models = len(covers)
    if first_min:
        return CoverResult(covers=tuple(covers[:1]), truncated=False, n_models=n_models)
    truncated = n_models > max_models
    return CoverResult(covers=tuple(covers[:max_models]), truncated=truncated, n_models=n_models)


def brute_force_covers(chart: npt.ArrayLike) -> tuple[tuple[int, ...], ...]:
    """Minimal covers by trying every subset of PIs, smallest first (test oracle).

    Examples
    --------
    >>> brute_force_covers([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]])
    ((0, 1), (0, 2), (0, 3), (1, 2))
    """
    chart = np.asarray(chart, dtype=bool)
    n_pi, n_col = chart.shape
    for size in range(n_pi + 1):
        found = [
            subset
            for subset in itertools.combinations(range(n_pi), size)
            if chart[list(subset)].any(axis=0).all() or (n_col == 0)
        ]
        if found:
            return tuple(found)
    return ()
