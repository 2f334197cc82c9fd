"""The ``cases`` and ``DCC`` columns: per row, the tuple of its cases' names (canonical order)
and of its deviant cases (outcome membership below 0.5).

A large crisp table has about as many rows as cases (1e6 cases on 20 conditions: ~630k rows),
so this is ~1e6 tuples. They are built with as few passes over Python objects as possible:

* the names are fetched once, as new str objects laid out in the order the tuples read them
  (``texts``: see :class:`qca._core.names.PackedNames`); ``DCC`` reuses them;
* rows of the same size get their tuples from one ``zip`` over columns of names (C speed):
  the names are laid out size by size, and within a size position by position, so that each
  column is one slice;
* a row whose cases are all deviant shares its ``cases`` tuple with ``DCC`` (tuples are
  immutable); a row without deviant cases has ``()``; only rows with both kinds get a second
  tuple.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__all__ = ["empty_tuples", "row_case_lists"]

ObjectArray = npt.NDArray[np.object_]
IntArray = npt.NDArray[np.int64]

#: Rows with more cases than this get their tuples from slices, one row at a time (few rows).
_ZIPPED_SIZE = 16


def row_case_lists(
    texts: Callable[[npt.NDArray[np.intp]], list[str]],
    by_row: npt.NDArray[np.intp],
    n: IntArray,
    deviant: npt.NDArray[np.bool_],
) -> tuple[ObjectArray, ObjectArray]:
    """The ``cases`` and ``DCC`` tuples of each row.

    Parameters
    ----------
    texts : callable
        ``texts(positions)``: the names of the cases at ``positions``, as a list of str.
    by_row : array of int
        Case positions: the first ``n[0]`` cases are row 0's in canonical order, the next
        ``n[1]`` row 1's, ...
    n : array of int
        Number of cases of each row.
    deviant : array of bool
        Whether each case of ``by_row`` is deviant (its outcome membership is below 0.5).
    """
    rows = n.size
    row_of = np.repeat(np.arange(rows), n)
    dcc_n = np.bincount(row_of[deviant], minlength=rows)
    mixed = (dcc_n > 0) & (dcc_n < n)
    mixed_rows = np.flatnonzero(mixed)
    # deviant cases of the mixed rows, in by_row order: grouped by row (dcc_n[mixed_rows] each)
    mixed_deviant = np.flatnonzero(deviant & mixed[row_of])
    case_slots, case_blocks = _layout(n)
    names = texts(by_row[case_slots])
    cases = _tuples(names, case_blocks, rows)
    dcc = empty_tuples(rows)
    every = (dcc_n == n) & (n > 0)
    dcc[every] = cases[every]
    if mixed_rows.size:
        # the deviant names of the mixed rows: the same str objects as in `cases`
        slot_of = np.empty(case_slots.size, dtype=np.intp)
        slot_of[case_slots] = np.arange(case_slots.size)
        dcc_slots, dcc_blocks = _layout(dcc_n[mixed_rows])
        deviant_names = list(map(names.__getitem__, slot_of[mixed_deviant[dcc_slots]].tolist()))
        dcc[mixed_rows] = _tuples(deviant_names, dcc_blocks, mixed_rows.size)
    return cases, dcc


_Block = tuple[npt.NDArray[np.intp], int, int]  # rows, size, offset of their names


def _layout(counts: IntArray) -> tuple[npt.NDArray[np.intp], list[_Block]]:
    """Where each name goes: ``slots[j]`` is the position (in row order: the first
    ``counts[0]`` items are row 0's, ...) of the item laid out at ``j``; and the blocks of rows
    of one size, each ``(rows, size, offset)``.

    Within a block of small rows, the items are laid out position-major: the first item of every
    row, then the second ... (each position one slice: a column of the ``zip``); large rows are
    laid out row by row.
    """
    starts = np.cumsum(counts) - counts
    sizes = np.flatnonzero(np.bincount(counts)) if counts.size else counts
    parts = [np.zeros(0, dtype=np.intp)]
    blocks: list[_Block] = []
    offset = 0
    for size in sizes[sizes > 0].tolist():
        rows = np.flatnonzero(counts == size)
        first = starts[rows]
        steps = np.arange(size)
        if size <= _ZIPPED_SIZE:
            slots = first[None, :] + steps[:, None]
        else:
            slots = first[:, None] + steps[None, :]
        parts.append(slots.ravel())
        blocks.append((rows, size, offset))
        offset += slots.size
    return np.concatenate(parts), blocks


def _tuples(names: list[str], blocks: list[_Block], count: int) -> ObjectArray:
    """The tuple of each of ``count`` rows from ``names`` laid out by :func:`_layout`; rows in
    no block get ``()``."""
    result = empty_tuples(count)
    for rows, size, offset in blocks:
        many = rows.size
        start = offset
        if size <= _ZIPPED_SIZE:
            columns = [names[start + p * many : start + (p + 1) * many] for p in range(size)]
            result[rows] = np.fromiter(zip(*columns), dtype=object, count=many)
        else:
            result[rows] = np.fromiter(
                (tuple(names[s : s + size]) for s in range(start, start + many * size, size)),
                dtype=object,
                count=many,
            )
    return result


def empty_tuples(count: int) -> ObjectArray:
    """An object array of ``count`` empty tuples (the case list of a row without cases)."""
    empty = np.empty(count, dtype=object)
    empty.fill(())
    return empty
