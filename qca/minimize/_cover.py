"""Every minimum cover of a prime-implicant chart.

``minimum_covers(chart)`` returns every set of PIs (columns of the problem, rows of ``chart``)
that covers all the positive rows (columns of ``chart``) with the fewest PIs. The steps keep
*every* minimum cover, not merely one:

1. PIs covering exactly the same rows are merged into one class: a minimum cover uses at most
   one of them, and any member can stand for the class, so the covers of the reduced chart
   expand into the real ones by a product over the classes. PIs covering no row are dropped
   (no minimum cover holds one).
2. A class that alone covers some row is *essential*: every cover holds it.
3. Row dominance: a row whose covering classes include all those of another row is covered
   whenever that one is, so it is dropped. (Column dominance is *not* used to discard PIs: a
   dominated PI can be in a minimum cover, swapped for its dominator, and every such model must
   be listed. It only matters for the size bound, where the solver's presolve applies it.)
4. The minimum size comes from ``scipy.optimize.milp`` (HiGHS) on the reduced chart.
5. A depth-first search lists the covers of exactly that size: it branches on the uncovered
   row with the fewest usable classes; in the branch of its ``i``-th class the earlier ones are
   forbidden, so each cover is reached once. A branch stops when the rows still uncovered need
   more classes than the size allows (each class covers at most the largest number of
   uncovered rows any class covers).

The search visits at most :data:`MAX_SEARCH_NODES` nodes. Covers are returned with PI indices
ascending, sorted lexicographically.
"""

from __future__ import annotations

import itertools
import math
import sys
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..exceptions import QCAError
from ._memory import check_allocation

__all__ = ["CoverResult", "minimum_covers", "MAX_SEARCH_NODES", "MAX_EXPANDED"]

#: Search nodes the enumeration may visit. When they run out, the covers found so far are
#: returned with ``truncated=True`` and ``n_models=None``.
MAX_SEARCH_NODES = 2_000_000

#: Largest number of covers materialised to pick the lexicographically first ``max_models``.
MAX_EXPANDED = 200_000


@dataclass(frozen=True)
class CoverResult:
    """Minimum covers of a PI chart.

    Attributes
    ----------
    covers : tuple of tuple of int
        Each cover: PI indices (rows of the chart) ascending. Covers in lexicographic order.
    truncated : bool
        True when not every minimum cover is listed (``max_models`` reached, or the search
        budget ran out).
    n_models : int or None
        How many minimum covers exist, when known.
    """

    covers: tuple[tuple[int, ...], ...]
    truncated: bool
    n_models: int | None

    @property
    def size(self) -> int | None:
        """Number of PIs in each cover (None when there is no cover)."""
        return len(self.covers[0]) if self.covers else None


def minimum_covers(
    chart: npt.ArrayLike, *, max_models: int = 10_000, first_min: bool = False
) -> CoverResult:
    """Every cover of ``chart`` with the fewest prime implicants.

    Parameters
    ----------
    chart : array_like of bool, shape (n_pi, n_rows)
        ``chart[i, r]``: prime implicant ``i`` covers positive row ``r``.
    max_models : int, default 10_000
        Stop listing after this many covers (``truncated=True``). When the total is known and
        at most :data:`MAX_EXPANDED`, the covers listed are the lexicographically first ones.
    first_min : bool, default False
        Return one minimum cover only, as fast as possible (R's ``first.min``);
        ``n_models`` is then None.

    Returns
    -------
    CoverResult

    Raises
    ------
    QCAError
        When the chart is not 2-D, ``max_models`` is not a positive integer, or some row is
        covered by no PI (no cover exists).

    Examples
    --------
    >>> chart = [[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]]
    >>> minimum_covers(chart)
    CoverResult(covers=((0, 1), (0, 2), (0, 3), (1, 2)), truncated=False, n_models=4)
    >>> minimum_covers(chart, max_models=2)
    CoverResult(covers=((0, 1), (0, 2)), truncated=True, n_models=4)
    >>> len(minimum_covers(chart, first_min=True).covers[0])
    2
    """
    chart = _chart_iv(chart, max_models)
    n_pi, n_rows = chart.shape
    if n_rows == 0:
        return CoverResult(covers=((),), truncated=False, n_models=1)

    # 1. classes of identical PIs; PIs covering nothing are never in a minimum cover.
    useful = np.flatnonzero(chart.any(axis=1))
    patterns, inverse = np.unique(chart[useful], axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    members: list[list[int]] = [[] for _ in range(patterns.shape[0])]
    for pi, cls in zip(useful.tolist(), inverse.tolist()):
        members[cls].append(pi)
    # Order the classes by their smallest member, so results do not depend on np.unique's order.
    order = np.argsort([m[0] for m in members], kind="stable")
    patterns = patterns[order]
    members = [members[i] for i in order]

    # 2. essential classes
    essential_rows = patterns.sum(axis=0) == 1
    essential = sorted(set(np.argmax(patterns[:, essential_rows], axis=0).tolist()))
    covered = patterns[essential].any(axis=0) if essential else np.zeros(n_rows, dtype=bool)
    open_rows = np.flatnonzero(~covered)
    # 3. row dominance over the remaining rows
    sub = patterns[:, open_rows]
    open_rows = open_rows[_undominated_rows(sub)]
    candidates = np.flatnonzero(patterns[:, open_rows].any(axis=1))
    candidates = np.setdiff1d(candidates, essential)
    reduced = patterns[np.ix_(candidates, open_rows)]

    # 4. minimum size of the rest, 5. the covers of that size
    if reduced.shape[1] == 0:
        rest_size = 0
        search = _Search(reduced, 0, node_budget=1, store_limit=1)
        search.found = [()]
        search.complete = True
    else:
        rest_size, solved = _minimum_size(reduced)
        store = 1 if first_min else max(max_models, MAX_EXPANDED)
        search = _Search(reduced, rest_size, node_budget=MAX_SEARCH_NODES, store_limit=store)
        search.run()
        if not search.found:
            # Budget spent before the first cover: the solver's own cover is one.
            search.found = [solved]

    def expand(rest: tuple[int, ...]) -> list[tuple[int, ...]]:
        classes = essential + [int(candidates[i]) for i in rest]
        return [tuple(sorted(combo)) for combo in itertools.product(*(members[c] for c in classes))]

    def weight(rest: tuple[int, ...]) -> int:
        classes = essential + [int(candidates[i]) for i in rest]
        return math.prod(len(members[c]) for c in classes)

    if first_min:
        first = expand(search.found[0])[0]
        return CoverResult(covers=(first,), truncated=False, n_models=None)

    total = sum(weight(rest) for rest in search.found) if search.complete else None
    if total is not None and total <= MAX_EXPANDED:
        covers = sorted(c for rest in search.found for c in expand(rest))
        truncated = len(covers) > max_models
        return CoverResult(covers=tuple(covers[:max_models]), truncated=truncated, n_models=total)
    # Too many to sort them all: the first ones the search found, in order.
    listed: list[tuple[int, ...]] = []
    for rest in search.found:
        for cover in expand(rest):
            listed.append(cover)
            if len(listed) >= max_models:
                break
        if len(listed) >= max_models:
            break
    truncated = total is None or total > len(listed)
    return CoverResult(covers=tuple(sorted(listed)), truncated=truncated, n_models=total)


def _chart_iv(chart: npt.ArrayLike, max_models: int) -> npt.NDArray[np.bool_]:
    if isinstance(max_models, bool) or not isinstance(max_models, (int, np.integer)) or max_models < 1:
        raise QCAError(f"minimum_covers(): `max_models` must be a positive integer; got {max_models!r}.")
    array = np.asarray(chart)
    if array.ndim != 2:
        raise QCAError(
            f"minimum_covers(): `chart` must be 2-D (PIs x rows); got shape {array.shape}."
        )
    array = array.astype(bool)
    bare = np.flatnonzero(~array.any(axis=0)) if array.shape[1] else np.zeros(0, int)
    if bare.size:
        raise QCAError(
            f"minimum_covers(): rows {bare.tolist()} of the PI chart are covered by no prime "
            "implicant, so no cover exists."
        )
    return array


def _undominated_rows(sub: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Columns of ``sub`` (rows of the problem) kept by row dominance, ascending.

    Row ``a`` is dropped when another kept row ``b`` has covering classes ⊆ those of ``a``
    (of identical rows, the first is kept).
    """
    n_cls, n_rows = sub.shape
    if n_rows <= 1:
        return np.arange(n_rows)
    check_allocation(n_rows * n_rows * 8 + sub.nbytes, "the row dominance test of the PI chart")
    masks = [int.from_bytes(np.packbits(col, bitorder="little").tobytes(), "little")
             for col in sub.T]
    order = sorted(range(n_rows), key=lambda r: (masks[r].bit_count(), r))
    kept: list[int] = []
    for r in order:
        mask = masks[r]
        if not any(masks[b] & ~mask == 0 for b in kept):
            kept.append(r)
    return np.array(sorted(kept), dtype=np.int64)


def _minimum_size(chart: npt.NDArray[np.bool_]) -> tuple[int, tuple[int, ...]]:
    """Fewest rows of ``chart`` whose union covers every column (0/1 program, HiGHS), and
    one such set of rows."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    n_pi, n_rows = chart.shape
    result = milp(
        c=np.ones(n_pi),
        constraints=LinearConstraint(csr_array(chart.T.astype(float)), lb=np.ones(n_rows),
                                     ub=np.inf),
        integrality=np.ones(n_pi),
        bounds=Bounds(0, 1),
    )
    if result.status != 0 or result.x is None:  # pragma: no cover - a coverable chart has a cover
        raise RuntimeError(f"minimum_covers(): the set-cover program failed ({result.message}).")
    chosen = tuple(np.flatnonzero(result.x > 0.5).tolist())
    return len(chosen), chosen


class _Search:
    """Depth-first listing of the covers of exactly ``size`` classes (see module notes)."""

    def __init__(self, chart: npt.NDArray[np.bool_], size: int, *, node_budget: int,
                 store_limit: int) -> None:
        self.size = size
        self.node_budget = node_budget
        self.store_limit = store_limit
        n_cls, n_rows = chart.shape
        self.n_rows = n_rows
        self.cls_rows = [np.flatnonzero(row) for row in chart]
        self.row_cls = [np.flatnonzero(col).tolist() for col in chart.T]
        self.cls_size = chart.sum(axis=1)
        self.largest = int(self.cls_size.max()) if n_cls else 1
        self.n_cover = np.zeros(n_rows, dtype=np.int64)
        self.usable = chart.sum(axis=0).astype(np.int64)
        self.forbidden = np.zeros(n_cls, dtype=bool)
        self.found: list[tuple[int, ...]] = []
        self.nodes = 0
        self.complete = False

    def run(self) -> None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * self.size + 200))
        try:
            self.complete = self._visit([], self.n_rows)
        finally:
            sys.setrecursionlimit(limit)

    def _visit(self, chosen: list[int], n_open: int) -> bool:
        """False when the search had to stop (budget or store limit)."""
        self.nodes += 1
        if self.nodes > self.node_budget:
            return False
        if n_open == 0:
            self.found.append(tuple(sorted(chosen)))
            return len(self.found) < self.store_limit
        left = self.size - len(chosen)
        if left <= 0 or -(-n_open // self.largest) > left:
            return True
        open_mask = self.n_cover == 0
        counts = np.where(open_mask, self.usable, np.iinfo(np.int64).max)
        row = int(np.argmin(counts))
        if counts[row] == 0:
            return True
        if left == 1:
            # Only a class covering every open row can finish the cover.
            open_rows = np.flatnonzero(open_mask)
            for cls in self.row_cls[row]:
                if not self.forbidden[cls] and self.cls_size[cls] >= n_open:
                    if open_rows.size == np.intersect1d(
                        self.cls_rows[cls], open_rows, assume_unique=True
                    ).size:
                        self.nodes += 1
                        self.found.append(tuple(sorted([*chosen, cls])))
                        if len(self.found) >= self.store_limit:
                            return False
            return True
        tried: list[int] = []
        going = True
        for cls in self.row_cls[row]:
            if self.forbidden[cls]:
                continue
            rows = self.cls_rows[cls]
            newly = int(np.count_nonzero(self.n_cover[rows] == 0))
            self.n_cover[rows] += 1
            chosen.append(cls)
            going = self._visit(chosen, n_open - newly)
            chosen.pop()
            self.n_cover[rows] -= 1
            self.forbidden[cls] = True
            self.usable[rows] -= 1
            tried.append(cls)
            if not going:
                break
        for cls in tried:
            self.forbidden[cls] = False
            self.usable[self.cls_rows[cls]] += 1
        return going
