"""The simplest combinations of independent parts' covers.

A chart whose rows split into independent parts (no PI covers rows of two parts) has as its
minimum covers every combination of one minimum cover per part. :func:`simplest_products`
lists those combinations in order of total weight (literals) from lists of each part's covers
ordered the same way, without forming the product: a best-first walk over index tuples (a heap
keyed by total weight; a tuple's successors raise one index at or after the last one raised,
so each tuple is reached once).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

__all__ = ["simplest_products"]


def simplest_products(
    weights: Sequence[Callable[[int], int | None]],
    *,
    limit: int,
    cap: int,
) -> list[tuple[int, tuple[int, ...]]]:
    """Index tuples ``(i_1, ..., i_p)`` of the combinations of least total weight.

    Parameters
    ----------
    weights : sequence of callables
        ``weights[j](i)``: weight of part ``j``'s ``i``-th cover, None past its last one. Each
        part's weights must not decrease with ``i``.
    limit : int
        Combinations wanted. Those that tie with the ``limit``-th are all returned too (so the
        caller can order a tie by another key), up to ``cap`` combinations in all.
    cap : int
        Most combinations returned.

    Returns
    -------
    list of (int, tuple of int)
        Total weight and index tuple, in order of total weight (ties in the walk's order).

    Examples
    --------
    >>> a, b = [1, 2, 5], [0, 3]
    >>> get = lambda w: (lambda i: w[i] if i < len(w) else None)
    >>> simplest_products([get(a), get(b)], limit=3, cap=10)
    [(1, (0, 0)), (2, (1, 0)), (4, (0, 1))]
    """
    n_parts = len(weights)
    if n_parts == 0:
        return [(0, ())]
    first = [w(0) for w in weights]
    if any(v is None for v in first):
        return []
    start = (0,) * n_parts
    heap: list[tuple[int, tuple[int, ...], int]] = [(sum(v or 0 for v in first), start, 0)]
    out: list[tuple[int, tuple[int, ...]]] = []
    last_weight: int | None = None
    while heap and len(out) < cap:
        total, index, pivot = heapq.heappop(heap)
        if len(out) >= limit and total != last_weight:
            break
        out.append((total, index))
        last_weight = total
        for j in range(pivot, n_parts):
            here = weights[j](index[j])
            after = weights[j](index[j] + 1)
            if after is None or here is None:
                continue
            raised = index[:j] + (index[j] + 1,) + index[j + 1 :]
            heapq.heappush(heap, (total + after - here, raised, j))
    return out
