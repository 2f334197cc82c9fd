"""Prime implicants of a temporal QCA (tQCA) truth table: conditions with the placeholder "-".

A tQCA condition (see :mod:`qca.truthtable.temporal`) has its levels ``0..m-1`` and one more,
``m``, the "don't care" placeholder ``"-"``. Terms name the levels ``0..m-1`` only; a row at the
placeholder is contained by a term only if the term does not name the condition. As R's QCA
(3.25) reads such data:

* **conservative** (no remainders): a positive row at the placeholder stands for the rows at
  every level of the condition (Caren & Panofsky's don't care); the implicants are the prime
  implicants of those rows, in the space without the placeholder level;
* **with remainders**: a term is an implicant when it contains a row to explain and no row of
  ``off``, containment as above; the primes are the implicants of which no literal can be
  dropped. They are found one *pattern* at a time: a pattern fixes, for each tQCA condition,
  either "not named" or one level; the rows a pattern lets through, projected on the other
  conditions, make an ordinary problem for the engine, whose primes are primes of the whole
  unless naming a tQCA condition was not needed (the pattern with it not named is then an
  implicant too).

The engines themselves are passed in (``engine``), so that this module does not pick one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["expand_placeholders", "temporal_primes"]

IntArray = npt.NDArray[np.int64]
Engine = Callable[[IntArray, IntArray, tuple[int, ...], bool], IntArray]


def expand_placeholders(
    rows: IntArray, noflevels: Sequence[int], placeholders: Sequence[int]
) -> IntArray:
    """Each row at a placeholder replaced by the rows at every level of that condition.

    Examples
    --------
    >>> expand_placeholders(np.array([[1, 2], [0, 1]]), [2, 3], [1]).tolist()
    [[0, 1], [1, 0], [1, 1]]
    """
    rows = np.asarray(rows, dtype=np.int64).reshape(-1, len(noflevels))
    for j in placeholders:
        top = noflevels[j] - 1
        at = rows[:, j] == top
        if not at.any():
            continue
        copies = []
        for level in range(top):
            block = rows[at].copy()
            block[:, j] = level
            copies.append(block)
        rows = np.concatenate([rows[~at], *copies])
    return np.unique(rows, axis=0) if rows.shape[0] else rows


def _contains_any(code: IntArray, rows: IntArray) -> bool:
    """Does the implicant ``code`` contain any of ``rows`` (a row at a level it does not name
    is contained only where the code is 0)?"""
    if rows.shape[0] == 0:
        return False
    named = np.flatnonzero(code)
    if named.size == 0:
        return True
    return bool(np.any(np.all(rows[:, named] == code[named] - 1, axis=1)))


def _lexsorted(codes: IntArray, k: int) -> IntArray:
    codes = np.asarray(codes, dtype=np.int64).reshape(-1, k)
    if codes.shape[0] == 0:
        return codes
    codes = np.unique(codes, axis=0)
    return codes[np.lexsort(codes.T[::-1])]


def temporal_primes(
    on: IntArray,
    off: IntArray,
    noflevels: tuple[int, ...],
    placeholders: Sequence[int],
    remainders: bool,
    engine: Engine,
) -> IntArray:
    """Prime implicants (codes of :mod:`qca._core.encode`, in ``noflevels``' space) of a truth
    table whose conditions at ``placeholders`` have the placeholder as their last level.

    Examples
    --------
    Two positive rows ``A=1, T=0`` and ``A=0, T="-"``, one negative ``A=0, T=1``; ``T`` has the
    levels 0, 1 and the placeholder 2:

    >>> from qca._core.qmc import prime_implicants
    >>> engine = lambda on, off, nl, rem: prime_implicants(on, off, nl, remainders=rem)
    >>> on, off = np.array([[1, 0], [0, 2]]), np.array([[0, 1]])
    >>> temporal_primes(on, off, (2, 3), [1], True, engine).tolist()
    [[0, 1], [2, 0]]
    >>> temporal_primes(on, off, (2, 3), [1], False, engine).tolist()
    [[0, 1], [1, 0]]
    """
    k = len(noflevels)
    real = tuple(n - 1 if j in placeholders else n for j, n in enumerate(noflevels))
    on = np.asarray(on, dtype=np.int64).reshape(-1, k)
    off = np.asarray(off, dtype=np.int64).reshape(-1, k)
    if not remainders:
        expanded = expand_placeholders(on, noflevels, placeholders)
        none = np.zeros((0, k), dtype=np.int64)
        return _lexsorted(engine(expanded, none, real, False), k)

    others = [j for j in range(k) if j not in placeholders]
    sub_levels = tuple(noflevels[j] for j in others)
    found: list[IntArray] = []
    choices = [[None, *range(real[j])] for j in placeholders]
    for pattern in itertools.product(*choices):
        pattern_code = np.zeros(k, dtype=np.int64)
        on_mask = np.ones(on.shape[0], dtype=bool)
        off_mask = np.ones(off.shape[0], dtype=bool)
        for j, level in zip(placeholders, pattern, strict=True):
            if level is not None:
                pattern_code[j] = level + 1
                on_mask &= on[:, j] == level
                off_mask &= off[:, j] == level
        if not on_mask.any():
            continue
        sub_on, sub_off = on[on_mask][:, others], off[off_mask][:, others]
        if sub_off.shape[0] and others:
            # a projected row that is also off-limits cannot be in an implicant of this pattern
            clash = (sub_on[:, None, :] == sub_off[None, :, :]).all(axis=2).any(axis=1)
            sub_on = sub_on[~clash]
            if sub_on.shape[0] == 0:
                continue
        if sub_off.shape[0] == 0 or not others:
            if sub_off.shape[0]:
                continue  # every row the pattern lets through is off-limits for the empty term
            sub_primes = np.zeros((1, len(others)), dtype=np.int64)
        else:
            sub_primes = np.asarray(
                engine(sub_on, sub_off, sub_levels, True), dtype=np.int64
            ).reshape(-1, len(others))
        for sub in sub_primes:
            code = pattern_code.copy()
            code[others] = sub
            # prime only if no named tQCA condition can be dropped
            if all(
                _contains_any(np.where(np.arange(k) == j, 0, code), off)
                for j in placeholders
                if code[j]
            ):
                found.append(code)
    return _lexsorted(np.array(found, dtype=np.int64), k)
