"""The canonical order of cases: natural order of their names (``"c2"`` before ``"c10"``).

Every stage that sums over cases (truth tables, theory evaluation) first puts the cases in this
order, so its figures do not depend on the row order of the user's data, byte for byte.
:func:`natural_key` is the rule; :func:`natural_order_fast` computes the same order with numpy
for large sets of names, and :func:`canonical_order` picks between them.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "canonical_order",
    "integer_order",
    "natural_key",
    "natural_order_fast",
    "numbered_order",
]

_SPLIT_DIGITS = re.compile(r"(\d+)").split


def natural_key(name: str) -> tuple[Any, ...]:
    """The natural sort key of a case name: text parts as text, digit runs as numbers.

    Examples
    --------
    >>> sorted(["a10", "a2", "a01", "a1"], key=natural_key)
    ['a01', 'a1', 'a2', 'a10']
    """
    # split() alternates text and digit runs (text first), so keys compare str with str and int
    # with int at every position; the name itself breaks ties such as "a01" / "a1"
    parts = _SPLIT_DIGITS(name)
    parts[1::2] = [int(p) for p in parts[1::2]]
    return (tuple(parts), name)


def canonical_order(names: list[str]) -> npt.NDArray[np.intp]:
    """Positions of the cases in natural order of their names (:func:`natural_key`).

    Examples
    --------
    >>> canonical_order(["c10", "c2", "c1"]).tolist()
    [2, 1, 0]
    """
    order = natural_order_fast(names)
    if order is None:
        keys = [natural_key(name) for name in names]
        order = np.array(sorted(range(len(names)), key=keys.__getitem__), dtype=np.intp)
    return order


def integer_order(values: npt.NDArray[np.integer]) -> npt.NDArray[np.intp]:
    """:func:`canonical_order` of the names ``str(v)`` of distinct integers, without the names.

    ``"7"`` is the text ``""`` and the number 7, ``"-7"`` the text ``"-"`` and 7: non-negative
    numbers come first, increasing, then negative ones by increasing absolute value. Distinct
    integers have distinct names without leading zeros, so no tie is left to the name itself.

    Examples
    --------
    >>> integer_order(np.array([10, -2, 3, -10, 0])).tolist()
    [4, 2, 0, 1, 3]
    """
    values = np.asarray(values)
    n = values.size
    if n <= 1:
        return np.arange(n)
    negative = values < 0 if values.dtype.kind == "i" else np.zeros(n, dtype=bool)
    if not negative.any():
        if np.all(values[1:] > values[:-1]):  # a RangeIndex, or any increasing numbering
            return np.arange(n)
        return np.argsort(values, kind="stable")
    below = np.flatnonzero(negative)
    above = np.flatnonzero(~negative)
    # negative numbers: increasing absolute value is decreasing value (no overflow of -min)
    return np.concatenate(
        [above[np.argsort(values[above], kind="stable")], below[np.argsort(values[below])[::-1]]]
    )


def natural_order_fast(names: list[str]) -> npt.NDArray[np.intp] | None:
    """:func:`natural_key` order of ``names`` with numpy, or None where it might differ.

    Each name is rewritten so that code-point order of the rewritten strings is the order of the
    natural keys: a digit run becomes ``\\x01``, ``chr(2 + L)`` and its ``L`` digits without
    leading zeros (``\\x01`` sorts below any text character and above the end of a name, as a
    shorter text part does in tuple order; a longer number has a larger ``L``). The rewritten
    strings are packed into 64-bit words (symbols ranked, order kept) and sorted with
    :func:`numpy.lexsort`. Names differing only by leading zeros tie and are then ordered by the
    name itself, as in the key.
    """
    n = len(names)
    if n <= 1:
        return np.arange(n)
    joined = "\x00".join(names)
    flat: npt.NDArray[np.uint8] | npt.NDArray[np.uint32]
    if joined.isascii():  # one byte per character: a quarter of the memory to go through
        flat = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    else:
        flat = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ends = np.flatnonzero(flat <= 1)
    if ends.size != n - 1 or np.any(flat[ends] != 0):  # \x00, \x01 would clash with markers
        return None
    starts = np.zeros(n, dtype=np.int64)
    starts[1:] = ends + 1
    lengths = np.diff(np.append(starts, flat.size + 1)) - 1
    width = int(lengths.max())
    if width == 0:
        return np.arange(n)
    numbered = _numbered_order(names[0], flat, starts, lengths)
    if numbered is not None:
        return numbered
    wide = flat[flat >= 128]
    # re's \d also matches non-ASCII decimal digits (parsed by int()): leave those to Python
    if wide.size and any(chr(int(c)).isdecimal() for c in np.unique(wide)):
        return None
    # one row per character position, one column per name (contiguous rows: fast column loops)
    codes = np.zeros((width, n), dtype=np.uint32)
    for p in range(width):
        present = lengths > p
        codes[p, present] = flat[starts[present] + p]
    digit = (codes >= 48) & (codes <= 57)
    start = digit.copy()
    start[1:] &= ~digit[:-1]
    # leading zeros of each run are dropped; a run of zeros keeps no digit (L = 0)
    dropped = np.empty_like(digit)
    dropped[0] = codes[0] == 48
    for p in range(1, width):
        dropped[p] = (codes[p] == 48) & (start[p] | dropped[p - 1])
    kept = digit & ~dropped
    # significant digits of the run from each position on
    remaining = kept.astype(np.int32)
    for p in range(width - 2, -1, -1):
        remaining[p] += digit[p + 1] * remaining[p + 1]
    # place of each character in the rewritten name: two markers per run, no dropped zeros; a
    # dropped zero lands on its run's length marker, written afterwards
    place = np.empty((width, n), dtype=np.int32)
    place[0] = 2 * start[0] - dropped[0]
    for p in range(1, width):
        place[p] = place[p - 1] + 1 + 2 * start[p] - dropped[p]
    marker = place - 2 + dropped
    out_width = int(place[-1].max()) + 1
    rewritten = np.zeros((out_width, n), dtype=np.int32)
    cases = np.arange(n)
    for p in range(width):
        rewritten[place[p], cases] = codes[p]
    for p in range(width):
        run = start[p]
        rewritten[marker[p, run], cases[run]] = 1
        rewritten[marker[p, run] + 1, cases[run]] = 2 + remaining[p, run]
    keys = _packed_words(rewritten)
    # lexsort: last key is the primary one
    order = np.lexsort(keys[::-1]) if len(keys) > 1 else np.argsort(keys[0], kind="stable")
    tied = np.ones(n - 1, dtype=bool)
    for word in keys:
        ranked = word[order]
        tied &= ranked[1:] == ranked[:-1]
    if tied.any():
        keys = keys + _packed_words(codes.astype(np.int32))
        order = np.lexsort(keys[::-1])
    return order


def _numbered_order(
    first: str,
    flat: npt.NDArray[np.uint8] | npt.NDArray[np.uint32],
    starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
) -> npt.NDArray[np.intp] | None:
    """The order of names that are one common text and a number (``case1`` ... ``case999999``).

    Such names are the usual ones of large data; their natural keys are ``(text, number, "")``,
    so they sort by the number. None unless every name is that text and 1 to 18 ASCII digits
    without a leading zero (``0`` itself allowed), the text holding no digit. ``flat`` holds the
    names' code points, each name followed by one separator (``starts``/``lengths``: where).
    """
    prefix = re.match(r"\D*", first)
    text = prefix.group() if prefix is not None else ""
    size = len(text)
    digits = lengths - size
    if digits.min() < 1 or digits.max() > 18:
        return None
    for i, char in enumerate(text):
        if np.any(flat[starts + i] != ord(char)):
            return None
    # after the text, only ASCII digits: each name holds `size` non-digits (its text, checked
    # above), so no more than those and the n - 1 separators may be in `flat`
    non_digits = np.count_nonzero((flat < 48) | (flat > 57))
    if non_digits != starts.size * (size + 1) - 1:
        return None
    lead = flat[starts + size]
    if np.any((lead == 48) & (digits > 1)):
        return None
    # digit d from the right of each name, 0 where the number is shorter
    last = starts + lengths - 1
    values = np.zeros(starts.size, dtype=np.int64)
    for d in range(int(digits.max())):
        digit = flat[last - d].astype(np.int64) - 48
        values += np.where(digits > d, digit, 0) * 10**d
    return numbered_order(values)


def numbered_order(values: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """:func:`canonical_order` of names that are one common text and the numbers ``values``
    (non-negative, written without leading zeros): the stable order of the numbers.

    Examples
    --------
    >>> numbered_order(np.array([10, 2, 7])).tolist()
    [1, 2, 0]
    """
    n = values.size
    if n <= 1 or np.all(values[1:] > values[:-1]):
        return np.arange(n)
    if values.max() < 4 * n:
        # numbers in a short range (case0 ... case<n-1>): place each at its number, no sort
        at = np.full(int(values.max()) + 1, -1, dtype=np.intp)
        at[values] = np.arange(n)
        order = at[at >= 0]
        if order.size == n:  # else a number repeats (a repeated name): sort, stable
            return order
    return np.argsort(values, kind="stable")


def _packed_words(symbols: npt.NDArray[np.int32]) -> list[npt.NDArray[np.uint64]]:
    """Rows of ``symbols`` (position x name) packed into uint64 words, most significant first.

    Symbols are replaced by their rank among the values present, so comparing the words in
    order compares the symbol sequences.
    """
    # Not a row id (qca._core.encode): the words are sort keys of variable-length strings,
    # packed by bit shifts with a last word padded on the right, not a mixed-radix number.
    present = np.bincount(symbols.ravel()) > 0
    rank = np.cumsum(present, dtype=np.int64) - 1
    bits = max(1, int(rank[-1]).bit_length())
    ranks = rank.astype(np.uint64)[symbols]
    per_word = 64 // bits
    words = []
    for first in range(0, symbols.shape[0], per_word):
        word = np.zeros(symbols.shape[1], dtype=np.uint64)
        for row in ranks[first : first + per_word]:
            word <<= np.uint64(bits)
            word |= row
        # pad the last word so that every word has the same scale
        word <<= np.uint64(bits * (per_word - len(ranks[first : first + per_word])))
        words.append(word)
    return words
