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
4. The minimum size comes from a 0/1 program (HiGHS, through ``highspy``) on the reduced chart.
   Reduced-cost fixing then drops every class whose LP reduced cost exceeds the gap between
   that size and the LP bound (such a class is in no minimum cover), and steps 2-4 repeat.
5. A depth-first search lists the covers of exactly that size: it branches on the uncovered
   row with the fewest usable classes; in the branch of its ``i``-th class the earlier ones are
   forbidden, so each cover is reached once. Each node solves the LP relaxation of what is
   left (HiGHS): a branch stops when the LP bound exceeds the PIs still allowed, and classes
   whose reduced cost exceeds the slack are fixed out of the subtree. The node LPs share one
   HiGHS model whose bounds change from node to node (warm-started dual simplex, stopped as
   soon as its objective passes the PIs still allowed); this is 2-3x faster than a fresh
   ``linprog`` per node, which remains the fallback (:data:`USE_WARM_LP`).

A chart that steps 1-3 leave with at most :data:`SMALL_CHART_CLASSES` classes skips steps 4-5:
every combination of its classes is tried, fewest first, with no 0/1 program and no HiGHS
(:func:`_small_chart_covers`; the same covers as the search, whenever it answers).

The search visits at most :data:`MAX_SEARCH_NODES` nodes. Covers are returned with PI indices
ascending, sorted lexicographically (R's order) when every cover is listed. When the listing is
truncated (``max_models``, or the node budget) and the PIs' literal counts are given, it lists
the covers in order of simplicity instead, fewest literals first (then R's order), so that the
covers it keeps are the simplest: sorted from the complete set when that is known and small
enough, else found level by level of total literals (:func:`_simplest_covers`). ``first_min``
solves two 0/1 programs: fewest PIs, then fewest literals among covers of that size.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from ..exceptions import QCAError
from .bitsets import unique_rows
from .count import count_minimum_covers
from .memory import check_allocation
from .parts import components, list_by_parts

__all__ = ["COUNT_NODES", "MAX_EXPANDED", "MAX_SEARCH_NODES", "CoverResult", "minimum_covers"]

#: Search nodes the enumeration may visit (each solves a small LP, about 1-10 ms). When they
#: run out, the covers found so far are returned with ``truncated=True`` and ``n_models=None``.
MAX_SEARCH_NODES = 10_000

#: Once ``max_models`` covers are listed, the search goes on only this many more nodes to
#: count the rest (so ``n_models`` is known); past it, ``n_models`` is None.
COUNT_NODES = 1_000

#: Largest number of covers materialised to pick the lexicographically first ``max_models``.
MAX_EXPANDED = 200_000

#: Solve the node LPs with one HiGHS model kept across the search (warm-started dual simplex).
USE_WARM_LP = True

#: Charts left with at most this many classes of PIs after the first reductions are listed by
#: trying every combination of classes, smallest first (at most 2**9 = 512), without HiGHS: no
#: 0/1 program, and no load of the solver (about 15 ms) for a small analysis. The covers are the
#: same, in the same order, as the search's (the property tests compare the two); see
#: :func:`_small_chart_covers` for when it applies.
SMALL_CHART_CLASSES = 9


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
    #: What stopped a truncated listing: "max_models", "max_nodes" or "time_limit" (None when
    #: complete).
    stopped_by: str | None = field(default=None, repr=False, compare=False)
    #: ``(lower, upper)`` bounds on the number of minimum covers when ``n_models`` is None
    #: (neither the listing nor the count of :mod:`qca._core.count` finished).
    n_models_bound: tuple[int, int] | None = field(default=None, repr=False, compare=False)
    #: Search nodes the listing visited (what it spent of ``max_nodes``).
    nodes: int = field(default=0, repr=False, compare=False)

    @property
    def size(self) -> int | None:
        """Number of PIs in each cover (None when there is no cover)."""
        return len(self.covers[0]) if self.covers else None


def minimum_covers(
    chart: npt.ArrayLike,
    *,
    max_models: int = 10_000,
    first_min: bool = False,
    max_nodes: int = MAX_SEARCH_NODES,
    deadline: float | None = None,
    on_found: Callable[[int], None] | None = None,
    literals: npt.ArrayLike | None = None,
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
        Return one minimum cover only, as fast as possible (R's ``first.min``), by two 0/1
        programs (HiGHS) after essential classes and row dominance: the fewest PIs, then,
        among the covers of that size, the fewest literals (``literals``; ties between PIs
        covering the same rows go to the one with fewer literals, then the first). So the
        cover returned is one of the simplest; among equally simple ones, whichever the solver
        finds (not necessarily the lexicographically first). ``n_models`` is then None.
    max_nodes : int, default MAX_SEARCH_NODES
        Search nodes the listing may visit (``stopped_by="max_nodes"`` when they run out).
    deadline : float, optional
        A ``time.monotonic()`` time at which the listing stops (``stopped_by="time_limit"``).
    on_found : callable, optional
        Called with the number of covers found so far, as they are found (a progress display).
    literals : array_like of int, shape (n_pi,), optional
        Literals per PI, for ``first_min``'s second criterion (default: all equal, so only the
        number of PIs counts).

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
    return _covers(
        chart,
        small=True,
        max_models=max_models,
        first_min=first_min,
        max_nodes=max_nodes,
        deadline=deadline,
        on_found=on_found,
        literals=literals,
    )


def _covers(
    chart: npt.ArrayLike,
    *,
    small: bool,
    max_models: int = 10_000,
    first_min: bool = False,
    max_nodes: int = MAX_SEARCH_NODES,
    deadline: float | None = None,
    on_found: Callable[[int], None] | None = None,
    literals: npt.ArrayLike | None = None,
) -> CoverResult:
    """:func:`minimum_covers`; ``small``: whether :func:`_small_chart_covers` may answer."""
    chart = _chart_iv(chart, max_models)
    result = _listed_covers(
        chart,
        max_models=max_models,
        first_min=first_min,
        max_nodes=max_nodes,
        deadline=deadline,
        on_found=on_found,
        literals=literals,
        small=small,
    )
    if result.n_models is None and not first_min:
        # not every cover listed: count them without listing (or bound the count)
        counted = count_minimum_covers(chart, deadline=deadline, at_least=len(result.covers))
        bound = None if counted.exact else (counted.lower, counted.upper)
        result = replace(result, n_models=counted.value, n_models_bound=bound)
    return result


def _listed_covers(
    chart: npt.NDArray[np.bool_],
    *,
    max_models: int,
    first_min: bool,
    max_nodes: int,
    deadline: float | None,
    on_found: Callable[[int], None] | None,
    literals: npt.ArrayLike | None,
    small: bool,
) -> CoverResult:
    _n_pi, n_rows = chart.shape
    if n_rows == 0:
        return CoverResult(covers=((),), truncated=False, n_models=1)

    # 1. classes of identical PIs; PIs covering nothing are never in a minimum cover.
    useful = np.flatnonzero(chart.any(axis=1))
    patterns, inverse = unique_rows(chart[useful])
    inverse = inverse.reshape(-1)
    members = _class_members(useful, inverse, patterns.shape[0])
    # Order the classes by their smallest member, so results do not depend on np.unique's order.
    order = np.argsort([m[0] for m in members], kind="stable")
    patterns = patterns[order]
    members = [members[i] for i in order]
    weight_of = (
        np.zeros(chart.shape[0], dtype=np.int64)
        if literals is None
        else np.asarray(literals, dtype=np.int64).reshape(-1)
    )
    if weight_of.shape[0] != chart.shape[0]:
        raise QCAError(
            f"minimum_covers(): `literals` has {weight_of.shape[0]} entries for "
            f"{chart.shape[0]} PIs."
        )
    # the PI standing for each class in first_min: fewest literals, then the first
    stand_in = _lightest_members(members, weight_of)

    # 2.-4. essentials, row dominance, size bound and reduced-cost fixing, until nothing changes.
    essential: list[int] = []
    classes = np.arange(patterns.shape[0])
    rows = np.arange(n_rows)
    size: int | None = None
    solved: tuple[int, ...] = ()
    dual = np.zeros(0)
    while True:
        new, classes, rows = _reduce(patterns, classes, rows)
        essential += new
        if size is not None:
            size -= len(new)
        if rows.size == 0:
            size, dual = 0, np.zeros(0)
            break
        sub = patterns[np.ix_(classes, rows)]
        if size is None and small and not first_min:
            every = _small_chart_covers(
                sub, classes, essential, members, max_models, max_nodes, deadline, on_found
            )
            if every is not None:
                return every
        if size is None:
            size, picked = _minimum_size(sub)
            if first_min and literals is not None and len(picked) > 1:
                costs = weight_of[[stand_in[c] for c in classes.tolist()]].astype(float)
                picked = _fewest_literals(sub, costs, size, picked)
            solved = tuple(sorted(essential + classes[list(picked)].tolist()))
            if first_min:
                break
        dual = _covering_dual(sub)
        # Any cover of `size` classes has reduced costs 1 - y(c) summing to at most
        # size - sum(y) (y: a feasible dual), so a class costing more is in no minimum cover.
        reduced_cost = 1.0 - sub.astype(float) @ dual
        keep = reduced_cost <= (size - dual.sum()) + 1e-7
        if keep.all():
            break
        classes = classes[keep]
    essential.sort()
    if not solved:
        solved = tuple(essential)
    candidates = classes
    reduced = patterns[np.ix_(classes, rows)]

    # 5. the covers of that size
    if first_min:
        first = tuple(sorted(stand_in[c] for c in solved))
        return CoverResult(covers=(first,), truncated=False, n_models=None)
    parts = components(reduced) if rows.size > 1 else []
    if len(parts) > 1:
        # independent components: each solved on its own, their covers combined
        listing = list_by_parts(
            chart,
            [members[c] for c in essential],
            [
                sorted(pi for c in classes[reduced[:, part].any(axis=1)] for pi in members[c])
                for part in parts
            ],
            [rows[part] for part in parts],
            weight_of,
            max_models=max_models,
            max_nodes=max_nodes,
            cap=min(MAX_EXPANDED, 2 * max_models),
            solve=_part_covers,
            options={"deadline": deadline},
        )
        if on_found is not None:
            on_found(len(listing.covers))
        return CoverResult(
            covers=listing.covers,
            truncated=listing.truncated,
            n_models=listing.n_models,
            stopped_by=listing.stopped_by,
            nodes=listing.nodes,
        )
    search = _Search(
        reduced,
        size,
        dual,
        node_budget=max_nodes,
        store_limit=max(max_models, MAX_EXPANDED),
        enough=max_models,
        deadline=deadline,
        on_found=on_found,
    )
    search.run()
    if not search.found:
        # Budget spent before the first cover: the solver's own cover is one.
        position = {c: i for i, c in enumerate(candidates.tolist())}
        search.found = [tuple(position[c] for c in solved if c not in essential)]

    def expand(rest: tuple[int, ...]) -> list[tuple[int, ...]]:
        classes = essential + [int(candidates[i]) for i in rest]
        return [tuple(sorted(combo)) for combo in itertools.product(*(members[c] for c in classes))]

    def weight(rest: tuple[int, ...]) -> int:
        classes = essential + [int(candidates[i]) for i in rest]
        return math.prod(len(members[c]) for c in classes)

    total = sum(weight(rest) for rest in search.found) if search.complete else None
    if total is not None and total <= MAX_EXPANDED:
        covers = sorted(c for rest in search.found for c in expand(rest))
        truncated = len(covers) > max_models
        if truncated and literals is not None:
            # a truncated listing keeps the simplest: fewest literals, then R's order
            covers.sort(key=lambda cover: int(weight_of[list(cover)].sum()))
        return CoverResult(
            covers=tuple(covers[:max_models]),
            truncated=truncated,
            n_models=total,
            stopped_by="max_models" if truncated else None,
            nodes=search.nodes,
        )
    if literals is not None:
        listed, stopped_by, spent = _simplest_covers(
            reduced,
            size,
            dual,
            [int(c) for c in candidates],
            essential,
            members,
            weight_of,
            max_models,
            total,
            max_nodes=max_nodes,
            deadline=deadline,
            on_found=on_found,
        )
        if not listed:
            # the budget ran out before the first level was listed: the covers the first search
            # found (at least the solver's own) stand in, simplest first
            found = sorted({c for rest in search.found for c in expand(rest)})
            found.sort(key=lambda cover: int(weight_of[list(cover)].sum()))
            listed = found[:max_models]
            stopped_by = stopped_by or search.stopped_by
        truncated = total is None or total > len(listed)
        if not truncated:
            listed.sort()
        return CoverResult(
            covers=tuple(listed),
            truncated=truncated,
            n_models=total,
            stopped_by=(stopped_by or "max_models") if truncated else None,
            nodes=search.nodes + spent,
        )
    # Too many to sort them all: the first ones the search found, in order.
    listed = []
    for rest in search.found:
        for cover in expand(rest):
            listed.append(cover)
            if len(listed) >= max_models:
                break
        if len(listed) >= max_models:
            break
    truncated = total is None or total > len(listed)
    stopped_by = (search.stopped_by or "max_models") if truncated else None
    return CoverResult(
        covers=tuple(sorted(listed)),
        truncated=truncated,
        n_models=total,
        stopped_by=stopped_by,
        nodes=search.nodes,
    )


def _part_covers(chart: npt.NDArray[np.bool_], **options: Any) -> CoverResult:
    """:func:`minimum_covers` of one part of a chart (:mod:`.parts`), always by the search: the
    parts share one node budget, which :func:`_small_chart_covers` would spend differently."""
    return _covers(chart, small=False, **options)


def _small_chart_covers(
    sub: npt.NDArray[np.bool_],
    classes: npt.NDArray[np.int64],
    essential: list[int],
    members: list[list[int]],
    max_models: int,
    max_nodes: int,
    deadline: float | None,
    on_found: Callable[[int], None] | None,
) -> CoverResult | None:
    """Every minimum cover of a chart reduced to at most :data:`SMALL_CHART_CLASSES` classes
    (``sub``: classes x open rows, after the essential ``essential``), by trying the
    combinations of classes of 1, 2, ... classes (lexicographic), or None where the search must
    decide.

    It answers only when the search's answer is certain to be the complete listing, so that the
    two agree cover for cover: the search visits each set of at most ``size`` classes at most
    once (at most ``2**n`` nodes for ``n`` classes, fewer than ``COUNT_NODES``), so it finishes
    whenever ``max_nodes`` allows ``2**(n + 1)`` and the deadline has not passed; and every cover
    fits in ``max_models`` (a truncated listing's simplest-first order is left to the search).
    """
    n_cls = sub.shape[0]
    if (
        n_cls > SMALL_CHART_CLASSES
        or max_nodes < 2 ** (n_cls + 1)
        or (deadline is not None and time.monotonic() > deadline)
    ):
        return None
    masks = [int.from_bytes(np.packbits(row, bitorder="little").tobytes(), "little") for row in sub]
    full = (1 << sub.shape[1]) - 1
    found: list[tuple[int, ...]] = []
    tried = 0
    for size in range(1, n_cls + 1):
        for combo in itertools.combinations(range(n_cls), size):
            tried += 1
            union = 0
            for i in combo:
                union |= masks[i]
            if union == full:
                found.append(combo)
        if found:
            break
    chosen = [essential + [int(classes[i]) for i in combo] for combo in found]
    total = sum(math.prod(len(members[c]) for c in cls) for cls in chosen)
    if total > min(max_models, MAX_EXPANDED):
        return None
    covers = sorted(
        tuple(sorted(pis))
        for cls in chosen
        for pis in itertools.product(*(members[c] for c in cls))
    )
    if on_found is not None:
        for count in range(1, len(found) + 1):
            on_found(count)
    return CoverResult(covers=tuple(covers), truncated=False, n_models=total, nodes=tried)


def _simplest_covers(
    reduced: npt.NDArray[np.bool_],
    size: int,
    dual: npt.NDArray[np.float64],
    candidates: list[int],
    essential: list[int],
    members: list[list[int]],
    weight_of: npt.NDArray[np.int64],
    max_models: int,
    total: int | None,
    *,
    max_nodes: int = MAX_SEARCH_NODES,
    deadline: float | None = None,
    on_found: Callable[[int], None] | None = None,
) -> tuple[list[tuple[int, ...]], str | None, int]:
    """Up to ``max_models`` minimum covers in order of simplicity: by total literals, then
    lexicographically; every cover of the fewest literals comes first. Also the budget that
    stopped the listing, if one did, and the search nodes spent.

    Level by level (``T`` = total literals, from the least any minimum cover has), a search
    restricted to the class covers whose lightest members sum to at most ``T`` lists the
    covers of exactly ``T`` literals; the levels share ``max_nodes`` and ``deadline``.
    """
    lightest = [int(weight_of[members[c]].min()) for c in range(len(members))]
    heaviest = [int(weight_of[members[c]].max()) for c in range(len(members))]
    cls_weight = np.array([lightest[c] for c in candidates], dtype=np.int64)
    fixed = sum(lightest[c] for c in essential)
    if size == 0:
        start = 0
    else:
        solved = _cover_program(reduced, cls_weight.astype(float), integer=True, most=size)
        start = 0 if solved is None else round(float(cls_weight @ (solved[0] > 0.5)))
    top = sum(heaviest[c] for c in essential) + sum(
        sorted((heaviest[c] for c in candidates), reverse=True)[:size]
    )
    listed: list[tuple[int, ...]] = []
    budget = max_nodes
    stopped_by: str | None = None
    level = fixed + start
    while level <= top and len(listed) < max_models:
        if budget <= 0:
            stopped_by = "max_nodes"
            break
        search = _Search(
            reduced,
            size,
            dual,
            node_budget=budget,
            store_limit=MAX_EXPANDED,
            weights=cls_weight,
            limit=level - fixed,
            deadline=deadline,
            on_found=on_found,
        )
        search.run()
        budget -= search.nodes
        exact: list[tuple[int, ...]] = []
        for rest in search.found:
            classes = essential + [candidates[i] for i in rest]
            for combo in itertools.product(*(members[c] for c in classes)):
                if int(weight_of[list(combo)].sum()) == level:
                    exact.append(tuple(sorted(combo)))
        listed.extend(sorted(exact)[: max_models - len(listed)])
        if total is not None and len(listed) >= total:
            break
        if not search.complete:
            stopped_by = search.stopped_by
            break
        level += 1
    return listed, stopped_by, max_nodes - budget


def _chart_iv(chart: npt.ArrayLike, max_models: int) -> npt.NDArray[np.bool_]:
    if (
        isinstance(max_models, bool)
        or not isinstance(max_models, (int, np.integer))
        or max_models < 1
    ):
        raise QCAError(
            f"minimum_covers(): `max_models` must be a positive integer; got {max_models!r}."
        )
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


def _reduce(
    patterns: npt.NDArray[np.bool_], classes: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]
) -> tuple[list[int], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Essential classes (sole cover of a row), then the rows they leave open, less the
    dominated ones, and the classes still covering one of those."""
    sub = patterns[np.ix_(classes, rows)]
    sole = sub.sum(axis=0) == 1
    essential = sorted(set(classes[np.argmax(sub[:, sole], axis=0)].tolist())) if sole.any() else []
    if essential:
        open_rows = rows[~patterns[np.ix_(essential, rows)].any(axis=0)]
    else:
        open_rows = rows
    rest = np.setdiff1d(classes, essential)
    sub = patterns[np.ix_(rest, open_rows)]
    open_rows = open_rows[_undominated_rows(sub)]
    rest = rest[patterns[np.ix_(rest, open_rows)].any(axis=1)]
    return essential, rest, open_rows


def _undominated_rows(sub: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Columns of ``sub`` (rows of the problem) kept by row dominance, ascending.

    Row ``a`` is dropped when another kept row ``b`` has covering classes ⊆ those of ``a``
    (of identical rows, the first is kept).
    """
    _n_cls, n_rows = sub.shape
    if n_rows <= 1:
        return np.arange(n_rows)
    check_allocation(n_rows * n_rows * 8 + sub.nbytes, "the row dominance test of the PI chart")
    masks = [
        int.from_bytes(np.packbits(col, bitorder="little").tobytes(), "little") for col in sub.T
    ]
    order = sorted(range(n_rows), key=lambda r: (masks[r].bit_count(), r))
    kept: list[int] = []
    for r in order:
        mask = masks[r]
        if not any(masks[b] & ~mask == 0 for b in kept):
            kept.append(r)
    return np.array(sorted(kept), dtype=np.int64)


def _cover_program(
    chart: npt.NDArray[np.bool_],
    cost: npt.NDArray[np.float64],
    *,
    integer: bool,
    most: int | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None:
    """Solve ``min cost.x`` s.t. every column of ``chart`` is covered (``chart.T x >= 1``),
    ``x`` 0/1 (``integer``) or ``x >= 0``, and ``sum(x) <= most`` when given, through HiGHS's
    own bindings (``highspy``; importing ``scipy.optimize`` for this costs about a second of
    cold start). Returns ``(x, row duals)``, or None when HiGHS does not report optimal."""
    import highspy

    n_cls, n_rows = chart.shape
    highs = _silent_highs(highspy)
    for option, value in (
        ("output_flag", False),
        ("threads", 1),
        ("random_seed", 0),
        ("mip_rel_gap", 0.0),
    ):
        highs.setOptionValue(option, value)
    inf = highspy.kHighsInf
    extra = 0 if most is None else 1
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cls, n_rows + extra
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.zeros(n_cls)
    lp.col_upper_ = np.ones(n_cls) if integer else np.full(n_cls, inf)
    lp.row_lower_ = np.concatenate([np.ones(n_rows), np.full(extra, -inf)])
    lp.row_upper_ = np.concatenate([np.full(n_rows, inf), np.full(extra, float(most or 0))])
    # column-wise matrix: class c covers rows index[start[c]:start[c + 1]] (and the size row)
    if extra:
        chart = np.hstack([chart, np.ones((n_cls, 1), dtype=bool)])
    _cls, index = np.nonzero(chart)
    start = np.concatenate([[0], np.cumsum(chart.sum(axis=1))])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start.astype(np.int32)
    lp.a_matrix_.index_ = index.astype(np.int32)
    lp.a_matrix_.value_ = np.ones(index.size)
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cls, n_rows + extra
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cls
    if highs.passModel(lp) != highspy.HighsStatus.kOk:  # pragma: no cover - defensive
        return None
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # pragma: no cover
        return None
    solution = highs.getSolution()
    x = np.asarray(solution.col_value, dtype=float)
    dual = np.asarray(solution.row_dual, dtype=float)[:n_rows] if not integer else np.zeros(0)
    return x, dual


def _minimum_size(chart: npt.NDArray[np.bool_]) -> tuple[int, tuple[int, ...]]:
    """Fewest rows of ``chart`` whose union covers every column (0/1 program, HiGHS), and
    one such set of rows."""
    solved = _cover_program(chart, np.ones(chart.shape[0]), integer=True)
    if solved is None:  # pragma: no cover - a coverable chart has a cover
        raise RuntimeError("minimum_covers(): the set-cover program failed.")
    chosen = tuple(np.flatnonzero(solved[0] > 0.5).tolist())
    return len(chosen), chosen


def _fewest_literals(
    chart: npt.NDArray[np.bool_],
    costs: npt.NDArray[np.float64],
    size: int,
    picked: tuple[int, ...],
) -> tuple[int, ...]:
    """Second stage of ``first_min``: among the covers of ``size`` rows, one with the least
    total cost (literals); ``picked`` (a cover of that size) when the solver fails."""
    solved = _cover_program(chart, costs, integer=True, most=size)
    if solved is None:  # pragma: no cover - `picked` is feasible, so the program is too
        return picked
    chosen = tuple(np.flatnonzero(solved[0] > 0.5).tolist())
    return chosen if len(chosen) == size else picked


def _covering_dual(chart: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """Optimal dual of the covering LP (``y >= 0``, ``sum(y[rows of c]) <= 1`` for every class).

    Solved without upper bounds on ``x`` so that ``y`` alone is dual feasible; rescaled so that
    solver tolerances cannot make it infeasible.
    """
    n_cls, n_rows = chart.shape
    solved = _cover_program(chart, np.ones(n_cls), integer=False)
    if solved is None:  # pragma: no cover - the cover LP is always feasible and bounded
        return np.zeros(n_rows)
    dual = np.clip(solved[1], 0.0, None)
    worst = float((chart.astype(float) @ dual).max()) if n_cls else 1.0
    return dual / max(1.0, worst) * (1.0 - 1e-9)


class _Search:
    """Depth-first listing of the covers of exactly ``size`` classes (see module notes).

    Bound: with ``m_r`` the most open rows any usable class through open row ``r`` covers,
    ``y_r = 1 / m_r`` is a feasible solution of the dual of the covering LP, so
    ``sum(y_r)`` rounded up is a lower bound on the classes still needed.
    """

    def __init__(
        self,
        chart: npt.NDArray[np.bool_],
        size: int,
        dual: npt.NDArray[np.float64],
        *,
        node_budget: int,
        store_limit: int,
        enough: int | None = None,
        deadline: float | None = None,
        on_found: Callable[[int], None] | None = None,
        weights: npt.NDArray[np.int64] | None = None,
        limit: int | None = None,
    ) -> None:
        self.deadline = deadline
        self.on_found = on_found
        self.stopped_by: str | None = None  # the budget that stopped the search, if one did
        self.size = size
        # Optional: only covers whose classes' weights (literals) sum to at most `limit`.
        self.weights = weights
        self.limit = limit
        self.spent = 0
        self.enough = store_limit if enough is None else enough
        self.enough_at: int | None = None
        self.node_budget = node_budget
        self.store_limit = store_limit
        n_cls, n_rows = chart.shape
        self.n_rows = n_rows
        self.chart = chart
        self.cls_rows = [np.flatnonzero(row) for row in chart]
        cls_size = chart.sum(axis=1)
        # Larger classes first: the first covers turn up sooner (the set found is the same).
        rank = np.lexsort((np.arange(n_cls), -cls_size))
        self.row_cls = [rank[np.flatnonzero(col)].tolist() for col in chart[rank].T]
        # CSR of the classes through each row, for the per-row maxima of the bound.
        self.row_ptr = np.concatenate([[0], np.cumsum([len(c) for c in self.row_cls])])
        self.row_idx = np.array([c for cls in self.row_cls for c in cls], dtype=np.int64)
        self.open_count = cls_size.astype(np.int64)  # open rows each class covers
        self.n_cover = np.zeros(n_rows, dtype=np.int64)
        self.usable = chart.sum(axis=0).astype(np.int64)
        self.forbidden = np.zeros(n_cls, dtype=bool)
        self.dual = dual
        self.found: list[tuple[int, ...]] = []
        self.nodes = 0
        self.complete = False
        # The node LP (and with it HiGHS) is built at the first node that needs one: a chart
        # that the reductions solved, or one searched without an LP, never loads the solver.
        self._lp: _NodeLP | None = None
        self._lp_wanted = USE_WARM_LP

    @property
    def lp(self) -> _NodeLP | None:
        """The search's node LP, built on first use (None without one: fresh LPs instead)."""
        if self._lp_wanted:
            self._lp_wanted = False
            self._lp = _NodeLP.create(self.chart)
        return self._lp

    def run(self) -> None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * self.size + 200))
        try:
            self.complete = (
                self._visit([], self.n_rows, self.dual) if self.n_rows else self._empty()
            )
        finally:
            sys.setrecursionlimit(limit)

    def _empty(self) -> bool:
        self.found.append(())
        return True

    def _lower_bound(
        self, open_mask: npt.NDArray[np.bool_], dual: npt.NDArray[np.float64]
    ) -> float:
        # A dual feasible at an ancestor, restricted to the open rows, stays dual feasible (fewer
        # rows, and forbidding classes only drops constraints): cheap, and tight near it.
        root = float(dual[open_mask].sum())
        usable_count = np.where(self.forbidden, 0, self.open_count)
        best = np.maximum.reduceat(usable_count[self.row_idx], self.row_ptr[:-1])[open_mask]
        if (best == 0).any():
            return math.inf
        return max(root, float(np.sum(1.0 / best)))

    def _rows_of(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Classes through each of ``rows``, concatenated (with repeats)."""
        return np.concatenate([self.row_idx[self.row_ptr[r] : self.row_ptr[r + 1]] for r in rows])

    def _visit(self, chosen: list[int], n_open: int, dual: npt.NDArray[np.float64]) -> bool:
        """False when the search had to stop (budget or store limit)."""
        self.nodes += 1
        if self.nodes > self.node_budget:
            self.stopped_by = "max_models" if self.enough_at is not None else "max_nodes"
            return False
        if self.deadline is not None and self.nodes % 8 == 0 and time.monotonic() > self.deadline:
            self.stopped_by = "max_models" if self.enough_at is not None else "time_limit"
            return False
        if n_open == 0:
            self.found.append(tuple(sorted(chosen)))
            if self.on_found is not None:
                self.on_found(len(self.found))
            if len(self.found) == self.enough:
                self.enough_at = self.nodes
            if len(self.found) >= self.store_limit:
                self.stopped_by = "max_models"
                return False
            return True
        if self.enough_at is not None and self.nodes > self.enough_at + COUNT_NODES:
            self.stopped_by = "max_models"
            return False
        left = self.size - len(chosen)
        if left <= 0:
            return True
        open_mask = self.n_cover == 0
        needed = self._lower_bound(open_mask, dual)
        if needed > left + 1e-9:
            return True
        if self.weights is not None and self.limit is not None:
            lightest = self.weights[~self.forbidden].min(initial=np.iinfo(np.int64).max)
            if self.spent + math.ceil(needed - 1e-9) * int(lightest) > self.limit:
                return True
        fixed: list[int] = []
        if left >= 2 and n_open >= 2:
            # The LP of this node: a tighter bound, a dual for the subtree, and reduced-cost
            # fixing (a class costing more than the slack is in no cover of this subtree).
            live = np.flatnonzero(~self.forbidden & self.chart[:, open_mask].any(axis=1))
            sub = self.chart[np.ix_(live, np.flatnonzero(open_mask))]
            lp = self.lp
            node_dual = lp.dual(live, open_mask, sub, left) if lp is not None else None
            if node_dual is _NodeLP.PRUNE:
                return True
            if node_dual is None:
                node_dual = _covering_dual(sub)
            bound = float(node_dual.sum())
            if bound > left + 1e-7:
                return True
            dual = np.zeros(self.n_rows)
            dual[open_mask] = node_dual
            reduced_cost = 1.0 - sub.astype(float) @ node_dual
            fixed = live[reduced_cost > left - bound + 1e-7].tolist()
            for cls in fixed:
                self.forbidden[cls] = True
                self.usable[self.cls_rows[cls]] -= 1
        counts = np.where(open_mask, self.usable, np.iinfo(np.int64).max)
        row = int(np.argmin(counts))
        tried: list[int] = []
        going = True
        for cls in self.row_cls[row]:
            if self.forbidden[cls]:
                continue
            cost = 0 if self.weights is None else int(self.weights[cls])
            if self.limit is not None and self.spent + cost > self.limit:
                continue
            rows = self.cls_rows[cls]
            newly = rows[self.n_cover[rows] == 0]
            through = self._rows_of(newly)
            np.subtract.at(self.open_count, through, 1)
            self.n_cover[rows] += 1
            chosen.append(cls)
            self.spent += cost
            going = self._visit(chosen, n_open - newly.size, dual)
            self.spent -= cost
            chosen.pop()
            self.n_cover[rows] -= 1
            np.add.at(self.open_count, through, 1)
            self.forbidden[cls] = True
            self.usable[rows] -= 1
            tried.append(cls)
            if not going:
                break
        for cls in tried + fixed:
            self.forbidden[cls] = False
            self.usable[self.cls_rows[cls]] += 1
        return going


def _silent_highs(core: Any) -> Any:
    """A ``Highs`` instance, built with the process's stdout (file descriptor 1) pointed at
    /dev/null: HiGHS prints its banner from C++ on the first construction, before
    ``output_flag`` can be set, and that text would corrupt a ``--json`` document or a
    notebook cell."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # no file descriptor 1 to redirect: nothing would reach a terminal anyway
        return core.Highs()
    try:
        os.dup2(null, 1)
        highs = core.Highs()
        with contextlib.suppress(Exception):  # C stdio's buffer goes to /dev/null too
            ctypes.CDLL(None).fflush(None)
        return highs
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


class _NodeLP:
    """The covering LP of the search's chart, kept in one HiGHS model across the nodes.

    A node changes a few bounds (rows covered: ``lb = -inf``; classes forbidden or fixed out:
    ``ub = 0``), so the dual simplex restarts from the previous basis and needs a handful of
    iterations, where a fresh ``linprog`` call rebuilds and solves the whole LP. The figures
    only ever serve as a lower bound and for reduced-cost fixing, which any feasible dual
    makes valid: the dual is clipped and rescaled to be feasible for the live classes, as in
    :func:`_covering_dual`. Uses HiGHS's own Python bindings (``highspy``, the solver scipy
    wraps, whose public API keeps a model between solves); when a solve fails, the caller falls
    back to :func:`_covering_dual`.
    """

    def __init__(self, core, chart: npt.NDArray[np.bool_]) -> None:
        n_cls, n_rows = chart.shape
        self.inf = core.kHighsInf
        highs = _silent_highs(core)
        for option, value in (
            ("output_flag", False),
            ("presolve", "off"),
            ("solver", "simplex"),
            ("threads", 1),
            ("random_seed", 0),
        ):
            highs.setOptionValue(option, value)
        lp = core.HighsLp()
        lp.num_col_, lp.num_row_ = n_cls, n_rows
        lp.col_cost_ = np.ones(n_cls)
        lp.col_lower_ = np.zeros(n_cls)
        lp.col_upper_ = np.full(n_cls, self.inf)
        lp.row_lower_ = np.ones(n_rows)
        lp.row_upper_ = np.full(n_rows, self.inf)
        _cls, index = np.nonzero(chart)
        lp.a_matrix_.format_ = core.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(chart.sum(axis=1))]).astype(np.int32)
        lp.a_matrix_.index_ = index.astype(np.int32)
        lp.a_matrix_.value_ = np.ones(index.size)
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cls, n_rows
        if highs.passModel(lp) != core.HighsStatus.kOk:
            raise RuntimeError("HiGHS refused the covering LP")
        self.core, self.highs = core, highs
        self.col_live = np.ones(n_cls, dtype=bool)
        self.row_open = np.ones(n_rows, dtype=bool)

    @classmethod
    def create(cls, chart: npt.NDArray[np.bool_]) -> _NodeLP | None:
        try:
            import highspy

            return cls(highspy, chart)
        except Exception:  # no bindings, or HiGHS refused the model: linprog per node instead
            return None

    #: Returned by :meth:`dual` when the LP bound alone exceeds the classes left.
    PRUNE = np.zeros(0)

    def dual(
        self,
        live: npt.NDArray[np.int64],
        open_mask: npt.NDArray[np.bool_],
        sub: npt.NDArray[np.bool_],
        left: int,
    ) -> npt.NDArray[np.float64] | None:
        """A feasible dual of the node's LP (over ``sub`` = live classes x open rows), None
        when the solve failed, or :data:`PRUNE` when the dual simplex proved the LP bound
        above ``left`` (its objective only grows, and stops there: ``objective_bound``)."""
        try:
            self.highs.setOptionValue("objective_bound", float(left) + 1e-4)
            col_live = np.zeros_like(self.col_live)
            col_live[live] = True
            changed = np.flatnonzero(col_live != self.col_live)
            if changed.size:
                self.highs.changeColsBounds(
                    changed.size,
                    changed.astype(np.int32),
                    np.zeros(changed.size),
                    np.where(col_live[changed], self.inf, 0.0),
                )
                self.col_live = col_live
            for row in np.flatnonzero(open_mask != self.row_open).tolist():
                self.highs.changeRowBounds(row, 1.0 if open_mask[row] else -self.inf, self.inf)
            self.row_open = open_mask.copy()
            self.highs.run()
            status = self.highs.getModelStatus()
            if status == self.core.HighsModelStatus.kObjectiveBound:
                return self.PRUNE
            if status != self.core.HighsModelStatus.kOptimal:
                return None
            dual = np.asarray(self.highs.getSolution().row_dual, dtype=float)[open_mask]
        except Exception:  # pragma: no cover - defensive: fall back to a fresh linprog
            return None
        dual = np.clip(dual, 0.0, None)
        worst = float((sub.astype(float) @ dual).max()) if sub.shape[0] else 1.0
        return dual / max(1.0, worst) * (1.0 - 1e-9)


def _class_members(
    pis: npt.NDArray[np.int64], inverse: npt.NDArray[np.int64], n_classes: int
) -> list[list[int]]:
    """``members[c]``: the PIs (ascending, as ``pis`` is) of class ``c``, without a Python
    step per PI (a chart can hold 100,000 PIs)."""
    order = np.argsort(inverse, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(inverse, minlength=n_classes))]).tolist()
    flat = pis[order].tolist()
    return [flat[a:b] for a, b in itertools.pairwise(bounds)]


def _lightest_members(members: list[list[int]], weight_of: npt.NDArray[np.int64]) -> list[int]:
    """The member of each class with the fewest literals, then the first."""
    if not members:
        return []
    flat = np.fromiter((pi for m in members for pi in m), dtype=np.int64)
    cls = np.repeat(np.arange(len(members)), [len(m) for m in members])
    order = np.lexsort((flat, weight_of[flat], cls))
    starts = np.flatnonzero(np.r_[True, cls[order][1:] != cls[order][:-1]])
    return flat[order][starts].tolist()
