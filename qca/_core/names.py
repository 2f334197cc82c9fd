"""Case names packed into one character array: read once, ordered and copied with numpy.

A large table lists every case name once in its ``cases`` column (and the deviant ones again in
``DCC``). Reading a million str objects scattered in memory costs a cache miss each, for every
pass over them (taking them, listing them, putting them in tuples). :class:`PackedNames` reads
the names once (one ``join``), keeps their characters as one array, and gives:

* :func:`numbered_values`: the numbers of names that are one common text and a number
  (``case0`` ... ``case999999``), whose natural order is the order of the numbers;
* :meth:`PackedNames.texts`: the names at given positions as a list of *new* str objects,
  made by one ``str.split`` in that order (equal to the originals, adjacent in memory, so the
  tuples built from them next are built from memory read in order).

:func:`pack_integers` packs the names ``str(v)`` of integers (a RangeIndex) without writing
them as Python objects first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PackedNames", "numbered_values", "pack_integers", "pack_names"]

#: Padding a packed array may carry at most, as a multiple of its characters: names of very
#: different lengths (one long name among short ones) are left as str objects.
_MAX_PADDING = 4


@dataclass(frozen=True, slots=True)
class PackedNames:
    """Names as code points: name ``i`` is ``flat[starts[i] : starts[i] + lengths[i]]``.

    ``flat`` is uint8 for ASCII names, else uint32 (UTF-32), and begins and ends with ``width``
    zeros (so that a window of ``width`` characters around any name stays inside);
    ``separator`` is a code point in no name (255 for ASCII).
    """

    flat: npt.NDArray[np.uint8] | npt.NDArray[np.uint32]
    starts: npt.NDArray[np.int64]
    lengths: npt.NDArray[np.int64]
    width: int  # the longest name's length + 1
    separator: int

    def windows(self, starts: npt.NDArray[np.int64], width: int) -> npt.NDArray[Any]:
        """``width`` characters from each of ``starts``: one row each (one copy per row)."""
        flat = self.flat
        # overlapping fixed-size items, one from each character: a gather copies whole items
        items = np.ndarray(
            (flat.size - width + 1,),
            dtype=np.dtype((np.void, width * flat.itemsize)),
            buffer=flat,
            strides=(flat.itemsize,),
        )
        return items[starts].view(flat.dtype).reshape(starts.size, width)

    def texts(self, positions: npt.NDArray[np.intp]) -> list[str]:
        """The names at ``positions`` (new str objects, equal to the packed names), in order."""
        if positions.size == 0:
            return []
        lengths = self.lengths[positions]
        rows = self.windows(self.starts[positions], self.width)
        # each row: the name, the separator, then 0 (dropped below)
        rows *= np.arange(self.width) < lengths[:, None]
        rows[np.arange(positions.size), lengths] = self.separator
        if rows.dtype == np.uint8:
            # ASCII and the separator 255: drop the zeros, read as Latin-1
            text = rows.tobytes().replace(b"\x00", b"").decode("latin-1")
        else:
            text = rows[rows != 0].tobytes().decode("utf-32-le", "surrogatepass")
        names = text.split(chr(self.separator))
        names.pop()  # after the last separator
        return names


def pack_names(names: list[str]) -> PackedNames | None:
    """The names packed, or None where they cannot be (a name holding ``\\x00``, lengths so
    uneven that padding would dominate the copies, or no code point left for the separator)."""
    n = len(names)
    joined = "\x00".join(names)
    flat: npt.NDArray[np.uint8] | npt.NDArray[np.uint32]
    if joined.isascii():
        flat = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        separator = 255
    else:
        flat = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        separator = int(flat.max()) + 1
        if separator > 0x10FFFF:
            return None
    ends = np.flatnonzero(flat == 0)
    if n == 0 or ends.size != n - 1:  # a name holds \x00
        return None
    starts = np.zeros(n, dtype=np.int64)
    starts[1:] = ends + 1
    lengths = np.empty(n, dtype=np.int64)
    lengths[:-1] = ends - starts[:-1]
    lengths[-1] = flat.size - starts[-1]
    width = int(lengths.max()) + 1  # with the separator
    if width * n > _MAX_PADDING * (flat.size + 1) + 1024:
        return None
    return PackedNames(_padded(flat, width), starts + width, lengths, width, separator)


def _padded(
    flat: npt.NDArray[np.uint8] | npt.NDArray[np.uint32], width: int
) -> npt.NDArray[np.uint8] | npt.NDArray[np.uint32]:
    padded = np.zeros(flat.size + 2 * width, dtype=flat.dtype)
    padded[width : width + flat.size] = flat
    return padded


def pack_integers(values: npt.NDArray[np.integer]) -> PackedNames:
    """The names ``str(v)`` of integers (int64 or uint64), packed."""
    values = np.asarray(values)
    n = values.size
    magnitude = values.astype(np.uint64)
    negative = values < 0 if values.dtype.kind == "i" else np.zeros(n, dtype=bool)
    # two's complement: 0 - v is |v| as uint64, also for the smallest int64
    magnitude[negative] = np.uint64(0) - magnitude[negative]
    most = len(str(int(magnitude.max()))) if n else 1
    width = most + 1  # room for a sign
    # right-aligned text, one row per digit position (contiguous), from the last digit
    aligned = np.zeros((width, n), dtype=np.uint8)
    digits = np.ones(n, dtype=np.int64)
    # int64 where it holds every magnitude: numpy divides int64 by a constant much faster
    rest = magnitude.astype(np.int64) if most < 19 else magnitude
    ten = rest.dtype.type(10)
    for d in range(most):
        tens = rest // ten
        digit = (rest - tens * ten).astype(np.uint8) + np.uint8(48)
        if d:
            present = rest > 0
            digits += present
            digit[~present] = 0
        aligned[width - 1 - d] = digit
        rest = tens
    lengths = digits + negative
    signed = np.flatnonzero(negative)
    aligned[width - lengths[signed], signed] = ord("-")
    text = np.ascontiguousarray(aligned.T).ravel()
    starts = np.arange(n, dtype=np.int64) * width + (width - lengths)
    return PackedNames(_padded(text, width + 1), starts + width + 1, lengths, width + 1, 255)


def numbered_values(first: str, packed: PackedNames) -> npt.NDArray[np.int64] | None:
    """The numbers of names that are one common text and a number, or None.

    None unless every name is the text of ``first`` before its first digit (a text holding no
    decimal digit) followed by 1 to 18 ASCII digits without a leading zero (``0`` itself
    allowed). Such names have the natural keys ``(text, number, "")``: they sort by the number.
    """
    prefix = re.match(r"\D*", first)
    text = prefix.group() if prefix is not None else ""
    size = len(text)
    starts, lengths = packed.starts, packed.lengths
    digits = lengths - size
    if digits.size == 0 or digits.min() < 1 or digits.max() > 18:
        return None
    if size:
        expected = np.array([ord(c) for c in text], dtype=packed.flat.dtype)
        if np.any(packed.windows(starts, size) != expected):
            return None
    most = int(digits.max())
    # the last `most` characters of each name: its digits right-aligned, after them what comes
    # before in `flat` (the name's text, the previous name, or padding)
    block = packed.windows(starts + lengths - most, most) - ord("0")  # wraps: non-digits > 9
    first_column = most - digits
    inside = np.arange(most) >= first_column[:, None]
    if np.any(inside & (block > 9)):
        return None
    lead = block[np.arange(block.shape[0]), first_column]
    if np.any((lead == 0) & (digits > 1)):
        return None
    block *= inside  # what precedes the digits counts as leading zeros
    columns = np.ascontiguousarray(block.T)
    values = np.zeros(block.shape[0], dtype=np.int64)
    for column in columns:
        values *= 10
        values += column
    return values
