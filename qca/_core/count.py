"""How many minimum covers a prime-implicant chart has, without listing them.

A *model* of ``minimize()`` is a cover of the positive rows by the fewest prime implicants (R's
definition); :func:`count_minimum_covers` counts them exactly, or bounds the count when its
node budget runs out. The count works on ``(size, count)`` pairs: the covers of a chart with the
fewest PIs and how many there are. Two such pairs combine

* as *alternatives* (disjoint sets of covers): the smaller size wins, equal sizes add counts;
* as *independent parts* (charts sharing no row and no PI): sizes add, counts multiply (a
  minimum cover of the whole is a minimum cover of each part).

Every step keeps the count exact:

1. PIs covering the same open rows are one class with a multiplicity (a minimum cover holds at
   most one of them, and any can stand for the class); PIs covering no open row are in no
   minimum cover and are dropped.
2. A class that alone covers a row is in every cover (a factor ``(1, multiplicity)``).
3. Row dominance: a row whose classes include all those of another row is covered whenever
   that one is, so dropping it leaves the same covers. (Column dominance is *not* used: a
   dominated PI can stand in a minimum cover for its dominator, and that cover counts.)
4. The rows split into connected components (rows sharing a class): the parts are independent.
5. Otherwise branch on the open row with the fewest classes ``c1, c2, ...``: the covers holding
   ``c1``, those holding ``c2`` but not ``c1``, and so on (disjoint alternatives).

Sub-charts are memoised on their classes (restricted to their open rows, with
multiplicities), so a part met again through another branch is counted once.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..exceptions import QCAError

__all__ = ["COUNT_NODES", "CoverCount", "count_minimum_covers"]

#: Sub-charts the count may solve before it gives up and returns bounds.
COUNT_NODES = 200_000

_INFEASIBLE = (math.inf, 0)


@dataclass(frozen=True)
class CoverCount:
    """The number of minimum covers of a chart: exact (``lower == upper``) or bounded.

    Attributes
    ----------
    lower, upper : int
        Bounds on the number of minimum covers (equal when the count finished).
    size : int or None
        PIs in a minimum cover, when the count finished.
    """

    lower: int
    upper: int
    size: int | None = None

    @property
    def exact(self) -> bool:
        """True when the count is known exactly."""
        return self.lower == self.upper

    @property
    def value(self) -> int | None:
        """The number of minimum covers, or None when only bounds are known."""
        return self.lower if self.exact else None


class _OutOfNodes(Exception):
    pass


class _Counter:
    def __init__(self, max_nodes: int, deadline: float | None) -> None:
        self.memo: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[float, int]] = {}
        self.nodes = 0
        self.max_nodes = max_nodes
        self.deadline = deadline

    def count(self, patterns: list[int], weights: list[int]) -> tuple[float, int]:
        """(fewest classes, number of covers with that many) of the rows in the union of
        ``patterns`` (bit masks of rows), each class counted ``weights`` times."""
        patterns, weights = _merge(patterns, weights)
        key = (tuple(patterns), tuple(weights))
        known = self.memo.get(key)
        if known is not None:
            return known
        self.nodes += 1
        if self.nodes > self.max_nodes or (
            self.deadline is not None and self.nodes % 64 == 0 and time.monotonic() > self.deadline
        ):
            raise _OutOfNodes
        result = self._solve(patterns, weights)
        self.memo[key] = result
        return result

    def _solve(self, patterns: list[int], weights: list[int]) -> tuple[float, int]:
        size: float = 0
        count = 1
        # essential classes, until none is left
        while patterns:
            through = _classes_through(patterns)
            sole = {cls[0] for cls in through.values() if len(cls) == 1}
            if not sole:
                break
            taken = 0
            for c in sole:
                taken |= patterns[c]
                count *= weights[c]
            size += len(sole)
            patterns, weights = _restrict(patterns, weights, ~taken, skip=sole)
        if not patterns:
            return size, count
        parts = _components(patterns)
        if len(parts) > 1:
            for part in parts:
                sub = self.count([patterns[c] for c in part], [weights[c] for c in part])
                if sub[1] == 0:
                    return _INFEASIBLE
                size, count = size + sub[0], count * sub[1]
            return size, count
        patterns, weights = _drop_dominated_rows(patterns, weights)
        through = _classes_through(patterns)
        row = min(through, key=lambda r: (len(through[r]), r))
        best: tuple[float, int] = _INFEASIBLE
        forbidden: set[int] = set()
        # larger classes first: the same alternatives, smaller sub-charts sooner
        for c in sorted(through[row], key=lambda c: (-patterns[c].bit_count(), c)):
            forbidden.add(c)
            rest_p, rest_w = _restrict(patterns, weights, ~patterns[c], skip=forbidden)
            uncovered = _union(patterns) & ~patterns[c] & ~_union(rest_p)
            if uncovered:  # a row only the forbidden classes cover
                continue
            sub = self.count(rest_p, rest_w)
            if sub[1] == 0:
                continue
            option = (sub[0] + 1, sub[1] * weights[c])
            if option[0] < best[0]:
                best = option
            elif option[0] == best[0]:
                best = (best[0], best[1] + option[1])
        if best[1] == 0:
            return _INFEASIBLE
        return size + best[0], count * best[1]


def _union(patterns: list[int]) -> int:
    out = 0
    for p in patterns:
        out |= p
    return out


def _merge(patterns: list[int], weights: list[int]) -> tuple[list[int], list[int]]:
    """Identical patterns as one class (weights added), empty ones dropped, sorted."""
    merged: dict[int, int] = {}
    for p, w in zip(patterns, weights):
        if p:
            merged[p] = merged.get(p, 0) + w
    keys = sorted(merged)
    return keys, [merged[p] for p in keys]


def _restrict(
    patterns: list[int], weights: list[int], keep: int, *, skip: set[int]
) -> tuple[list[int], list[int]]:
    out_p, out_w = [], []
    for c, (p, w) in enumerate(zip(patterns, weights)):
        if c in skip:
            continue
        p &= keep
        if p:
            out_p.append(p)
            out_w.append(w)
    return _merge(out_p, out_w)


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _classes_through(patterns: list[int]) -> dict[int, list[int]]:
    through: dict[int, list[int]] = {}
    for c, p in enumerate(patterns):
        for r in _bits(p):
            through.setdefault(r, []).append(c)
    return through


def _components(patterns: list[int]) -> list[list[int]]:
    """Classes grouped by the connected components of their rows."""
    parent = list(range(len(patterns)))

    def find(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    first: dict[int, int] = {}
    for c, p in enumerate(patterns):
        for r in _bits(p):
            if r in first:
                a, b = find(first[r]), find(c)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[r] = c
    groups: dict[int, list[int]] = {}
    for c in range(len(patterns)):
        groups.setdefault(find(c), []).append(c)
    return list(groups.values())


def _drop_dominated_rows(patterns: list[int], weights: list[int]) -> tuple[list[int], list[int]]:
    """Rows whose classes include those of another row are dropped (the covers stay the same).
    Only charts of up to a few hundred rows are checked (the test is quadratic)."""
    through = _classes_through(patterns)
    if len(through) > 400:
        return patterns, weights
    masks = {r: sum(1 << c for c in cls) for r, cls in through.items()}
    order = sorted(masks, key=lambda r: (masks[r].bit_count(), r))
    kept: list[int] = []
    dropped = 0
    for r in order:
        m = masks[r]
        if any(masks[b] & ~m == 0 for b in kept):
            dropped |= 1 << r
        else:
            kept.append(r)
    if not dropped:
        return patterns, weights
    return _restrict(patterns, weights, ~dropped, skip=set())


def _row_choices_bound(patterns: list[int], weights: list[int]) -> int:
    """An upper bound on the minimum covers of a chart: the product over rows of the PIs
    covering it. (Every PI of an irredundant cover is the only one of the cover on some row,
    so a cover is determined by which of its PIs covers each row.)"""
    bound = 1
    for cls in _classes_through(patterns).values():
        bound *= sum(weights[c] for c in cls)
    return bound


def count_minimum_covers(
    chart: npt.ArrayLike,
    *,
    max_nodes: int | None = None,
    deadline: float | None = None,
    at_least: int = 1,
) -> CoverCount:
    """How many covers of ``chart`` with the fewest PIs there are, without listing them.

    Parameters
    ----------
    chart : array_like of bool, shape (n_pi, n_rows)
        ``chart[i, r]``: prime implicant ``i`` covers positive row ``r``.
    max_nodes : int, optional
        Sub-charts the count may solve (default :data:`COUNT_NODES`); past it, the answer is a
        pair of bounds.
    deadline : float, optional
        A ``time.monotonic()`` time past which the count stops (bounds again).
    at_least : int, default 1
        A known lower bound (e.g. the covers already listed), used when the count stops.

    Returns
    -------
    CoverCount
        ``lower == upper`` (and ``size``) when the count finished; otherwise bounds: the
        finished components' exact counts times, for each unfinished one, at least 1 and at
        most the product over its rows of the PIs covering that row (and at least
        ``at_least`` overall).

    Raises
    ------
    QCAError
        When the chart is not 2-D or some row is covered by no PI.

    Examples
    --------
    >>> chart = [[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]]
    >>> count_minimum_covers(chart)
    CoverCount(lower=4, upper=4, size=2)
    >>> count_minimum_covers([[1, 0], [1, 0], [0, 1]]).value  # two PIs for the first row
    2
    """
    array = np.asarray(chart)
    if array.ndim != 2:
        raise QCAError(
            f"count_minimum_covers(): `chart` must be 2-D (PIs x rows); got shape {array.shape}."
        )
    array = array.astype(bool)
    n_pi, n_rows = array.shape
    if n_rows == 0:
        return CoverCount(lower=1, upper=1, size=0)
    bare = np.flatnonzero(~array.any(axis=0))
    if bare.size:
        raise QCAError(
            f"count_minimum_covers(): rows {bare.tolist()} of the PI chart are covered by no "
            "prime implicant, so no cover exists."
        )
    packed = np.packbits(array, axis=1, bitorder="little")
    patterns = [int.from_bytes(row.tobytes(), "little") for row in packed]
    patterns, weights = _merge(patterns, [1] * n_pi)
    counter = _Counter(COUNT_NODES if max_nodes is None else max_nodes, deadline)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * n_rows + 1000))
    try:
        lower = upper = 1
        size: float = 0
        finished = True
        for part in _components(patterns):
            part_p, part_w = [patterns[c] for c in part], [weights[c] for c in part]
            try:
                part_size, part_count = counter.count(part_p, part_w)
            except _OutOfNodes:
                finished = False
                upper *= _row_choices_bound(part_p, part_w)
                continue
            size += part_size
            lower *= part_count
            upper *= part_count
    finally:
        sys.setrecursionlimit(limit)
    if finished:
        return CoverCount(lower=lower, upper=upper, size=int(size))
    return CoverCount(lower=max(lower, min(at_least, upper)), upper=upper, size=None)
