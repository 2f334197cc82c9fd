"""Classic Quine-McCluskey prime implicants, as numpy array operations.

Implicants travel as integer *keys*: the implicant codes (``0`` = condition absent, ``v + 1`` =
level ``v``) read as a mixed-radix number with base ``noflevels + 1`` per condition. One merge
round handles every condition with one ``np.unique`` over the keys with that condition's digit
removed: a group holding every level of the condition merges into the key with the digit ``0``
(multi-value aware: all ``m`` levels must be present, as in R QCA's ``C_QMC``). There is no
Python loop over rows or pairs; the loops run over rounds and conditions.

The contract (``docs/internals.md``)::

    prime_implicants(on, off, noflevels, *, remainders) -> (n_pi, k) implicant codes
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..exceptions import ProblemTooLargeError
from .encode import IntArray, configuration_count, radix_weights, row_ids

__all__ = ["MAX_CONFIGURATIONS", "MAX_IMPLICANTS_PER_ROUND", "prime_implicants"]

#: Largest truth table (number of configurations) the classic method expands with remainders.
MAX_CONFIGURATIONS = 2**20
#: Largest number of implicants one merge round may hold (memory guard).
MAX_IMPLICANTS_PER_ROUND = 5_000_000


def _decode(keys: IntArray, base: IntArray, weights: IntArray) -> IntArray:
    return (keys[:, None] // weights[None, :]) % base[None, :]


def _lexsorted(codes: IntArray) -> IntArray:
    if codes.shape[0] == 0:
        return codes
    order = np.lexsort(codes.T[::-1])
    return codes[order]


def covers_any(
    implicants: IntArray, configurations: IntArray, *, chunk: int = 2048
) -> npt.NDArray[np.bool_]:
    """Does each implicant contain at least one of ``configurations``? (chunked, low memory)"""
    implicants = np.asarray(implicants, dtype=np.int64)
    configurations = np.asarray(configurations, dtype=np.int64) + 1
    out = np.zeros(implicants.shape[0], dtype=bool)
    for start in range(0, implicants.shape[0], chunk):
        block = implicants[start : start + chunk]
        match = (block[:, None, :] == 0) | (block[:, None, :] == configurations[None, :, :])
        out[start : start + chunk] = match.all(axis=2).any(axis=1)
    return out


def prime_implicants(
    on: npt.ArrayLike,
    off: npt.ArrayLike,
    noflevels: Sequence[int],
    *,
    remainders: bool,
) -> IntArray:
    """Prime implicants by Quine-McCluskey merging.

    Parameters
    ----------
    on : array_like, shape (n_on, k)
        Configurations that must be covered (levels, 0-based).
    off : array_like, shape (n_off, k)
        Configurations that must not be covered; used only when ``remainders=True``.
    noflevels : sequence of int
        Number of levels of each condition (2 for binary conditions).
    remainders : bool
        ``False``: a term is an implicant iff every configuration it contains is in ``on``.
        ``True``: every configuration outside ``on`` and ``off`` is a don't care; the prime
        implicants returned are those containing at least one ``on`` configuration.

    Returns
    -------
    numpy.ndarray of int64, shape (n_pi, k)
        Implicant codes (``0`` absent, ``v + 1`` level ``v``), without duplicates, sorted
        lexicographically (first condition most significant).

    Raises
    ------
    ProblemTooLargeError
        When the truth table has more than ``MAX_CONFIGURATIONS`` configurations (with
        remainders) or a merge round would hold more than ``MAX_IMPLICANTS_PER_ROUND`` implicants.

    Examples
    --------
    >>> prime_implicants([[0, 1], [1, 1]], [], [2, 2], remainders=False).tolist()
    [[0, 2]]
    >>> prime_implicants([[1, 1]], [[0, 0]], [2, 2], remainders=True).tolist()
    [[0, 2], [2, 0]]
    """
    levels = np.asarray(noflevels, dtype=np.int64)
    k = levels.size
    on = np.asarray(on, dtype=np.int64).reshape(-1, k)
    off = np.asarray(off, dtype=np.int64).reshape(-1, k)
    if on.shape[0] == 0:
        return np.zeros((0, k), dtype=np.int64)

    total = configuration_count(levels)
    if remainders:
        if total > MAX_CONFIGURATIONS:
            raise ProblemTooLargeError(
                f"prime_implicants(): the classic Quine-McCluskey method expands every remainder; "
                f"this truth table has {total} configurations, more than the limit "
                f"MAX_CONFIGURATIONS={MAX_CONFIGURATIONS}. Use method='fast'."
            )
        keep = np.ones(total, dtype=bool)
        if off.shape[0]:
            keep[row_ids(off, levels) - 1] = False
        keep[row_ids(on, levels) - 1] = True
        start_ids = np.flatnonzero(keep)
        weights = radix_weights(levels)
        start = (start_ids[:, None] // weights[None, :]) % levels[None, :]
    else:
        start = np.unique(on, axis=0)

    base = levels + 1
    weights_plus = radix_weights(base)
    keys = np.unique((start + 1) @ weights_plus)
    found: list[IntArray] = []
    while keys.size:
        if keys.size > MAX_IMPLICANTS_PER_ROUND:
            raise ProblemTooLargeError(
                f"prime_implicants(): a Quine-McCluskey merge round holds {keys.size} implicants, "
                f"more than the limit MAX_IMPLICANTS_PER_ROUND={MAX_IMPLICANTS_PER_ROUND}. "
                f"Use method='fast'."
            )
        codes = _decode(keys, base, weights_plus)
        merged = np.zeros(keys.size, dtype=bool)
        new: list[IntArray] = []
        for j in range(k):
            present = np.flatnonzero(codes[:, j] > 0)
            if present.size < levels[j]:
                continue
            rest = keys[present] - codes[present, j] * weights_plus[j]
            groups, inverse, counts = np.unique(rest, return_inverse=True, return_counts=True)
            full = counts == levels[j]
            if full.any():
                merged[present[full[inverse]]] = True
                new.append(groups[full])
        found.append(keys[~merged])
        keys = np.unique(np.concatenate(new)) if new else np.zeros(0, dtype=np.int64)

    primes = _decode(np.concatenate(found), base, weights_plus)
    if remainders:
        primes = primes[covers_any(primes, on)]
    return _lexsorted(primes)
