"""Brute-force oracles: slow, obviously correct implementations the tests compare fast paths with.

Shipped in the package (not only in ``tests/``) so that users extending ``qca`` can test against
them too. Nothing in the pipeline calls this module.

* :func:`minimal_covers`: every cover with the fewest PIs by a plain duplicate-free depth-first
  enumeration, its size from a 0/1 program (a second implementation beside
  :func:`qca._core.cover.minimum_covers`, which :func:`qca.minimize` uses);
* :func:`brute_force_covers`: every subset of PIs, smallest first;
* :func:`necessity_search_reference`: R's ``superSubset`` search one combination of conditions
  at a time (the batched :func:`qca._core.supersubset.search` must give the same result).
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt

from ._core.chart import chart_masks, check_coverable, enumerate_covers
from ._core.cover import CoverResult
from ._core.fitkernels import necessity_fit, sufficiency_fit
from ._core.supersubset import SupersetResult

__all__ = ["brute_force_covers", "minimal_covers", "necessity_search_reference"]

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
    n_pi = chart.shape[0]
    # rows as bit masks: a subset covers when the OR of its masks has every bit
    masks = [sum(1 << r for r in np.flatnonzero(row).tolist()) for row in chart]
    every = (1 << chart.shape[1]) - 1
    for size in range(n_pi + 1):
        found = []
        for subset in itertools.combinations(range(n_pi), size):
            union = 0
            for i in subset:
                union |= masks[i]
            if union == every:
                found.append(subset)
        if found:
            return tuple(found)
    return ()


def _passes(values: npt.NDArray[np.float64], cut: float, tolerance: float) -> BoolArray:
    if cut <= 0:
        return np.ones(values.shape, dtype=bool)
    return np.asarray(values >= cut - tolerance)


def _contains_any(
    candidates: npt.NDArray[np.int64], found: list[npt.NDArray[np.int64]]
) -> BoolArray:
    if not found:
        return np.zeros(candidates.shape[0], dtype=bool)
    previous = np.vstack(found)
    same = (previous[None, :, :] == 0) | (candidates[:, None, :] == previous[None, :, :])
    return np.asarray(same.all(axis=2).any(axis=1))


def necessity_search_reference(
    literals: npt.ArrayLike,
    noflevels: tuple[int, ...] | list[int],
    y: npt.ArrayLike,
    *,
    incl_cut: float,
    cov_cut: float,
    depth: int,
    necessity: bool = True,
    tolerance: float = 0.0,
) -> SupersetResult:
    """R's ``superSubset`` search, one combination of conditions at a time (test oracle).

    Same arguments and result as :func:`qca._core.supersubset.search`: per combination of
    ``s`` conditions (lexicographic) every level tuple (product order) is a conjunction (the
    minimum of its literals); where the conjunction fails, the disjunction (maximum) is tried,
    and dropped when it holds all the literals of an expression found with fewer conditions.
    Sizes 1-3 (and 4) are always searched; from 5 on only while the previous size found
    something.
    """
    literals = np.asarray(literals, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    k = len(noflevels)
    offsets = np.concatenate([[0], np.cumsum(noflevels)]).astype(int)
    blocks_of = [literals[offsets[j] : offsets[j + 1]] for j in range(k)]
    names = ("inclN", "RoN", "covN") if necessity else ("inclS", "PRI", "covS")
    fit = necessity_fit if necessity else sufficiency_fit
    conj: list[tuple[npt.NDArray[np.int64], tuple[float, ...], npt.NDArray[np.float64]]] = []
    disj: list[tuple[npt.NDArray[np.int64], tuple[float, ...], npt.NDArray[np.float64]]] = []
    before_conj = before_disj = 0
    size = 1
    keep_going = True
    while size <= depth and keep_going:
        if (conj or disj) and size > 3:
            keep_going = False
        found_now = 0
        for combo in itertools.combinations(range(k), size):
            blocks = [blocks_of[j] for j in combo]
            for levels in itertools.product(*[range(b.shape[0]) for b in blocks]):
                rows = np.stack([blocks[i][levels[i]] for i in range(size)])
                codes = np.zeros(k, dtype=np.int64)
                codes[list(combo)] = np.array(levels) + 1
                x = rows.min(axis=0)
                figures = fit(x[None, :], y)
                values = tuple(float(figures[n][0]) for n in names)
                incl, cov = values[0], values[2]
                ok = bool(_passes(np.array(incl), incl_cut, tolerance)) and bool(
                    _passes(np.array(cov), cov_cut, tolerance)
                )
                if ok:
                    prior = [c for c, _, _ in conj[:before_conj]]
                    if necessity or not _contains_any(codes[None, :], prior)[0]:
                        conj.append((codes, values, x))
                        found_now += 1
                    continue
                if not necessity:
                    continue
                x = rows.max(axis=0)
                figures = necessity_fit(x[None, :], y)
                values = tuple(float(figures[n][0]) for n in names)
                ok = bool(_passes(np.array(values[0]), incl_cut, tolerance)) and bool(
                    _passes(np.array(values[2]), cov_cut, tolerance)
                )
                prior = [c for c, _, _ in conj[:before_conj]] + [
                    c for c, _, _ in disj[:before_disj]
                ]
                if ok and not _contains_any(codes[None, :], prior)[0]:
                    disj.append((codes, values, x))
                    found_now += 1
        if not keep_going and found_now:
            keep_going = True
        before_conj, before_disj = len(conj), len(disj)
        size += 1

    def pack(
        found: list[tuple[npt.NDArray[np.int64], tuple[float, ...], npt.NDArray[np.float64]]],
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        codes = np.array([c for c, _, _ in found], dtype=np.int64).reshape(-1, k)
        figures = np.array([f for _, f, _ in found], dtype=np.float64).reshape(-1, 3)
        members = np.array([m for _, _, m in found], dtype=np.float64).reshape(-1, y.shape[0])
        return codes, figures, members

    conj_codes, conj_figures, conj_members = pack(conj)
    disj_codes, disj_figures, disj_members = pack(disj)
    return SupersetResult(
        conj_codes=conj_codes,
        conj_figures=conj_figures,
        conj_members=conj_members,
        disj_codes=disj_codes,
        disj_figures=disj_figures,
        disj_members=disj_members,
    )
