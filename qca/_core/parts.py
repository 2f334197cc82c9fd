"""Minimum covers of a chart that splits into independent parts, listed part by part.

Once the essential classes are taken and dominated rows dropped, the rows of a large chart
often fall into connected components (rows linked by a PI covering both). A minimum cover of
the whole is then the essential classes (one member each) plus one minimum cover of each
component, so the components are solved on their own (small charts, each with its own
reductions) and their covers combined: all of them in R's order when there are at most
``max_models``, otherwise the simplest combinations first (:func:`merge.simplest_products
<qca._core.merge.simplest_products>`), asking a component for more of its covers only when the
walk reaches the end of those listed. The listing search of the whole chart, by contrast, meets
every combination of the components' choices and spends its node budget on them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from .merge import simplest_products

__all__ = ["Listing", "components", "list_by_parts"]

#: Covers asked of a component at first (doubled when the walk needs more).
FIRST_ASK = 32


@dataclass(frozen=True)
class Listing:
    """Covers of the whole chart (PI indices ascending), whether that is all of them, how
    many there are (when every part is counted), and what stopped a truncated listing."""

    covers: tuple[tuple[int, ...], ...]
    truncated: bool
    n_models: int | None
    stopped_by: str | None
    nodes: int = 0


def components(chart: npt.NDArray[np.bool_]) -> list[npt.NDArray[np.int64]]:
    """Columns (rows of the problem) of ``chart`` grouped by connected component (columns
    linked by a row of ``chart`` covering both), each ascending, ordered by first column."""
    n_rows = chart.shape[1]
    parent = np.arange(n_rows)

    def find(r: int) -> int:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = int(parent[r])
        return r

    for row in chart:
        hit = np.flatnonzero(row).tolist()
        root = find(hit[0]) if hit else 0
        for r in hit[1:]:
            other = find(r)
            if other != root:
                low, high = min(root, other), max(root, other)
                parent[high] = low
                root = low
    roots = np.array([find(r) for r in range(n_rows)], dtype=np.int64)
    return [np.flatnonzero(roots == root) for root in np.unique(roots)]


class _Budget:
    """The search nodes the parts share (``max_nodes`` of the whole listing)."""

    def __init__(self, max_nodes: int) -> None:
        self.max_nodes, self.spent = max_nodes, 0

    @property
    def left(self) -> int:
        return self.max_nodes - self.spent


class _Part:
    """One component's minimum covers (global PI indices), simplest first, listed lazily."""

    def __init__(
        self,
        solve: Callable[..., Any],
        chart: npt.NDArray[np.bool_] | None,
        pis: list[int],
        literals: npt.NDArray[np.int64],
        max_models: int,
        options: dict[str, Any],
        budget: _Budget,
    ) -> None:
        self.budget = budget
        self.solve, self.chart, self.pis = solve, chart, pis
        self.literals, self.max_models, self.options = literals, max_models, options
        self.covers: list[tuple[int, ...]] = []
        self.weights: list[int] = []
        self.complete = False
        self.n_models: int | None = None
        self.stopped_by: str | None = None
        self.asked = 0
        if chart is None:  # an essential class: each member alone
            self._keep([(pi,) for pi in pis], complete=True, n_models=len(pis))
        else:
            self._ask(min(FIRST_ASK, max_models))

    def _keep(self, covers: list[tuple[int, ...]], *, complete: bool, n_models: int | None) -> None:
        weighed = sorted((int(self.literals[list(c)].sum()), c) for c in covers)
        self.covers = [c for _, c in weighed]
        self.weights = [w for w, _ in weighed]
        self.complete, self.n_models = complete, n_models

    def _ask(self, n: int) -> None:
        deadline = self.options.get("deadline")
        late = deadline is not None and time.monotonic() > deadline
        if late:  # time is up: one cover of this part, the simplest
            n = 1
        self.asked = n
        result = self.solve(
            self.chart,
            max_models=n,
            literals=self.literals[self.pis],
            max_nodes=max(1, self.budget.left),
            **self.options,
        )
        self.budget.spent += max(1, result.nodes)
        covers = [tuple(self.pis[i] for i in cover) for cover in result.covers]
        if result.truncated:
            # simplest first already (then R's order); keep that order
            self.covers = covers
            self.weights = [int(self.literals[list(c)].sum()) for c in covers]
            self.complete, self.n_models = False, result.n_models
            if result.stopped_by != "max_models" or late:
                self.stopped_by = "time_limit" if late else result.stopped_by
        else:
            self._keep(covers, complete=True, n_models=result.n_models)

    def weight(self, i: int) -> int | None:
        while i >= len(self.covers) and not self.complete and self.stopped_by is None:
            if self.asked >= self.max_models:
                return None
            self._ask(min(2 * self.asked, self.max_models))
        return self.weights[i] if i < len(self.covers) else None


def list_by_parts(
    chart: npt.NDArray[np.bool_],
    essential_members: list[list[int]],
    component_pis: list[list[int]],
    component_rows: list[npt.NDArray[np.int64]],
    literals: npt.NDArray[np.int64],
    *,
    max_models: int,
    max_nodes: int,
    cap: int,
    solve: Callable[..., Any],
    options: dict[str, Any],
) -> Listing:
    """The minimum covers of ``chart`` from its parts.

    Parameters
    ----------
    chart : ndarray of bool, shape (n_pi, n_rows)
    essential_members : list of list of int
        The PIs of each essential class (a minimum cover holds exactly one of each).
    component_pis, component_rows : lists
        Per component: the PIs that may cover it (ascending) and its rows.
    literals : ndarray of int, shape (n_pi,)
    max_models, cap : int
        Covers wanted; most combinations weighed to order a tie at the last level.
    solve : callable
        ``minimum_covers`` (passed in: this module sits below it).
    max_nodes : int
        Search nodes the parts' listings share.
    options : dict
        Passed to ``solve`` (the deadline).
    """
    budget = _Budget(max_nodes)
    parts = [
        _Part(solve, None, m, literals, max_models, options, budget) for m in essential_members
    ]
    parts += [
        _Part(
            solve,
            chart[np.ix_(np.asarray(pis, dtype=np.int64), rows)],
            pis,
            literals,
            max_models,
            options,
            budget,
        )
        for pis, rows in zip(component_pis, component_rows)
    ]
    counts = [p.n_models for p in parts]
    total = math.prod(c for c in counts if c is not None) if None not in counts else None
    if total is not None and total <= max_models and all(p.complete for p in parts):
        combos = _all_combinations(parts)
        covers = sorted(tuple(sorted(pi for part in combo for pi in part)) for combo in combos)
        return Listing(
            tuple(covers), truncated=False, n_models=total, stopped_by=None, nodes=budget.spent
        )
    # parts with a single cover are in every combination: only the others are walked
    fixed = [pi for p in parts if p.complete and len(p.covers) == 1 for pi in p.covers[0]]
    varying = [p for p in parts if not (p.complete and len(p.covers) == 1)]
    picked = simplest_products([p.weight for p in varying], limit=max_models, cap=cap)
    # Covers sharing the fixed PIs compare as their other PIs do (the first PI in which two
    # sorted covers differ is the least PI in one and not the other), so ties sort on those.
    weighed = sorted(
        (total, tuple(sorted(chain.from_iterable(p.covers[i] for p, i in zip(varying, index)))))
        for total, index in picked
    )
    listed = tuple(tuple(sorted([*fixed, *rest])) for _, rest in weighed[:max_models])
    counts = [p.n_models for p in parts]
    total = math.prod(c for c in counts if c is not None) if None not in counts else None
    truncated = total is None or total > len(listed)
    stopped = next((p.stopped_by for p in parts if p.stopped_by is not None), None)
    return Listing(
        listed,
        truncated=truncated,
        n_models=total,
        stopped_by=(stopped or "max_models") if truncated else None,
        nodes=budget.spent,
    )


def _all_combinations(parts: list[_Part]) -> list[tuple[tuple[int, ...], ...]]:
    combos: list[tuple[tuple[int, ...], ...]] = [()]
    for part in parts:
        combos = [combo + (cover,) for combo in combos for cover in part.covers]
    return combos
