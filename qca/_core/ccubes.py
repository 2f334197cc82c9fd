"""Which prime implicants R's CCubes search puts in its PI chart (R QCA 3.25 and 3.25.1).

qca's charts hold every prime implicant. R's ``minimize(include = "?")`` finds its prime
implicants with the CCubes search, whose chart can lack some of them, for two reasons, both
found from R's behaviour on random problems (tests/reference/ccubes/) and documented in
docs/internals.md ("R's CCubes chart"):

1. **Stopping rule.** Terms are searched by complexity (number of literals) ``1, 2, ...``. Once
   the PIs found so far cover every positive row, two complexity levels in a row that add no
   PI end the search; longer PIs are never seen.
2. **Literals past the comparison width.** A candidate term is dropped when an earlier PI that
   covers at least as many positive rows is "contained" in it -- but R compares terms on
   packed codes of ``b`` bits per condition, ``b`` the smallest power of two with
   ``2**b > max level + 1`` (binary: 2 bits), and only on ``ceil(n / 32)`` words of 32 bits:
   the first ``32 // b * ceil(n / 32)`` conditions (binary: 16 of up to 32). Literals on later
   conditions are ignored in that comparison, so a PI such as ``C7*C17`` (seen as ``C7``)
   drops ``C7*C20`` too. Only with more conditions than that width (binary: 17 or more; four
   or more levels: 9 or more) does this matter.

Every term R keeps is a prime implicant (a non-prime one always has a contained earlier one),
so R's chart is the subset of the full one that :func:`r_found_primes` marks, given the order
in which R meets the terms: by complexity, then by the set of conditions (lexicographic in
condition order), then by the first positive row (in truth-table order) the term covers.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["r_compared_conditions", "r_found_primes", "r_replay_is_cheap"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Bits of one word in R's packed term codes.
WORD_BITS = 32


def r_compared_conditions(n_conditions: int, max_level: int) -> int:
    """How many leading conditions R's CCubes compares when it tests containment.

    ``max_level`` is the largest level (0-based) in the observed truth-table rows.

    Examples
    --------
    >>> r_compared_conditions(20, 1), r_compared_conditions(40, 1), r_compared_conditions(10, 3)
    (16, 32, 8)
    """
    stored = max_level + 1  # a level is stored as its value + 1 (0: condition absent)
    width = 1
    if stored >= 2:
        needed = int(np.ceil(np.log2(stored + 1)))
        while width < needed:
            width *= 2
    words = (n_conditions + WORD_BITS - 1) // WORD_BITS
    return min(n_conditions, words * (WORD_BITS // width))


def _meeting_order(primes: IntArray, chart: BoolArray) -> list[int]:
    """The order in which R's search meets the primes: complexity, then condition set
    (lexicographic), then first positive row covered."""
    present = primes != 0
    first_row = np.where(chart.any(axis=1), chart.argmax(axis=1), chart.shape[1])
    keys = [
        (len(cols), cols, int(row))
        for cols, row in zip(
            (tuple(np.flatnonzero(p).tolist()) for p in present), first_row.tolist()
        )
    ]
    return sorted(range(len(keys)), key=keys.__getitem__)


def r_replay_is_cheap(primes: npt.ArrayLike, max_level: int, limit: int) -> bool:
    """Whether :func:`r_found_primes` runs without replaying R's search term by term (every
    condition is compared), or there are at most ``limit`` primes to replay."""
    codes = np.asarray(primes, dtype=np.int64)
    if codes.ndim != 2 or codes.shape[0] <= limit:
        return True
    compared = r_compared_conditions(codes.shape[1], max_level)
    return not (codes[:, compared:] != 0).any()


def _found_by_level(complexity: IntArray, covers: BoolArray, depth: int) -> BoolArray:
    """The stopping rule alone: every prime up to the level after which two levels in a row add
    nothing once the positive rows are covered."""
    found = np.zeros(complexity.shape[0], dtype=bool)
    covered = np.zeros(covers.shape[1], dtype=bool)
    stale = 0
    for level in range(1, depth + 1):
        at_level = complexity == level
        if at_level.any():
            found |= at_level
            covered |= covers[at_level].any(axis=0)
        if found.any() and covered.all():
            stale = 0 if at_level.any() else stale + 1
            if stale > 1:
                break
    return found


def r_found_primes(
    primes: npt.ArrayLike,
    chart: npt.ArrayLike,
    max_level: int,
    *,
    pi_depth: int = 0,
    compared: int | None = None,
) -> BoolArray:
    """Mask of the prime implicants R's CCubes search keeps in its chart.

    Parameters
    ----------
    primes : array of int, shape (n, k)
        Every prime implicant (codes: 0 = condition absent, ``v + 1`` = level ``v``).
    chart : array of bool, shape (n, m)
        The PI chart over the positive rows, the columns in truth-table order (row id).
    max_level : int
        Largest level (0-based) in the observed rows (positive and negative) of the truth table.
    pi_depth : int
        R's ``pi.depth`` (0: no limit).
    compared : int, optional
        How many leading conditions the containment test sees (default:
        :func:`r_compared_conditions`; tests set it to replay the rule on small problems).

    Returns
    -------
    ndarray of bool, shape (n,)

    Examples
    --------
    >>> primes = [[2, 0, 0], [0, 2, 1]]
    >>> chart = [[True, False], [False, True]]
    >>> r_found_primes(primes, chart, 1).tolist()
    [True, True]
    """
    codes = np.asarray(primes, dtype=np.int64)
    covers = np.asarray(chart, dtype=bool)
    n, k = codes.shape if codes.ndim == 2 else (0, 0)
    found = np.zeros(n, dtype=bool)
    if n == 0:
        return found
    if compared is None:
        compared = r_compared_conditions(k, max_level)
    depth = k if pi_depth <= 0 or pi_depth > k else pi_depth
    complexity = (codes != 0).sum(axis=1)
    covsum = covers.sum(axis=1)
    # a term's compared literals as bits (condition j at level v: bit j * levels + v), in
    # 64-bit words; only PIs with a literal past the compared width can drop a prime
    levels = int(codes.max()) + 1
    n_words = (compared * levels + 63) // 64
    seen = codes[:, :compared]
    bits = np.zeros((n, max(n_words, 1)), dtype=np.uint64)
    rows, cols = np.nonzero(seen)
    positions = cols * levels + seen[rows, cols]
    np.bitwise_or.at(
        bits, (rows, positions // 64), np.uint64(1) << (positions % 64).astype(np.uint64)
    )
    hidden = (codes[:, compared:] != 0).any(axis=1)
    if not hidden.any():
        # every condition is compared: a prime never contains another, so no term is dropped
        # and the stopping rule alone decides (level by level, no replay term by term)
        return _found_by_level(complexity, covers, depth)
    order = _meeting_order(codes, covers)
    dropping_bits = np.zeros((0, bits.shape[1]), dtype=np.uint64)
    dropping_cov = np.zeros(0, dtype=np.int64)
    covered = np.zeros(covers.shape[1], dtype=bool)
    position = 0
    stale = 0  # complexity levels in a row without a new PI once everything is covered
    for level in range(1, depth + 1):
        added = False
        while position < n and complexity[order[position]] == level:
            i = order[position]
            position += 1
            if dropping_cov.size:
                contained = ((dropping_bits & ~bits[i]) == 0).all(axis=1)
                if (contained & (dropping_cov >= covsum[i])).any():
                    continue
            found[i] = True
            added = True
            covered |= covers[i]
            if hidden[i]:
                dropping_bits = np.vstack([dropping_bits, bits[i : i + 1]])
                dropping_cov = np.append(dropping_cov, covsum[i])
        if found.any() and covered.all():
            stale = 0 if added else stale + 1
            if stale > 1:
                break
    return found
