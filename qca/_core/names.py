"""Case names packed into one character array: read once, ordered and copied with numpy.

A large table lists every case name once in its ``cases`` column (and the deviant ones again in
``DCC``). Reading a million str objects scattered in memory costs a cache miss each, for every
pass over them (taking them, listing them, putting them in tuples). :class:`PackedNames` reads
the names once (one ``join``), keeps their characters as one array (a row per name), and gives:

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

import numpy as np
import numpy.typing as npt

__all__ = ["PackedNames", "numbered_values", "pack_integers", "pack_names"]

#: Padding a packed array may carry at most, as a multiple of its characters: names of very
#: different lengths (one long name among short ones) are left as str objects.
_MAX_PADDING = 4


@dataclass(frozen=True, slots=True)
class PackedNames:
    """Names as code points, one row per name: ``codes[i, :lengths[i]]`` is name ``i``, then
    ``separator`` (a code point in no name), then 0 up to the common width.

    ``codes`` is uint8 for ASCII names (separator 255), else uint32 (UTF-32).
    """

    codes: npt.NDArray[np.uint8] | npt.NDArray[np.uint32]
    lengths: npt.NDArray[np.int64]
    separator: int

    def texts(self, positions: npt.NDArray[np.intp]) -> list[str]:
        """The names at ``positions`` (new str objects, equal to the packed names), in order."""
        if positions.size == 0:
            return []
        codes = self.codes
        # one fixed-size item per name: a row gather is one copy per name
        rows = codes.view(np.dtype((np.void, codes.shape[1] * codes.itemsize))).ravel()
        chosen = rows[positions].view(codes.dtype)
        separator = chr(self.separator)
        if codes.dtype == np.uint8:
            # ASCII and the separator 255: drop the padding bytes, read as Latin-1
            text = chosen.tobytes().replace(b"\x00", b"").decode("latin-1")
        else:
            text = chosen[chosen != 0].tobytes().decode("utf-32-le", "surrogatepass")
        names = text.split(separator)
        names.pop()  # after the last separator
        return names


def pack_names(names: list[str]) -> PackedNames | None:
    """The names packed, or None where they cannot be (a name holding ``\\x00``, lengths so
    uneven that padding would dominate the array, or no code point left for the separator)."""
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
    # each name's row: `width` characters from its start (one copy per name, from a strided
    # view of `flat`), cleared past the name, the separator at its end
    padded = np.zeros(flat.size + width, dtype=flat.dtype)
    padded[: flat.size] = flat
    codes = np.lib.stride_tricks.sliding_window_view(padded, width)[starts]
    codes[np.arange(width) >= lengths[:, None]] = 0
    codes[np.arange(n), lengths] = separator
    return PackedNames(codes, lengths, separator)


def pack_integers(values: npt.NDArray[np.integer]) -> PackedNames:
    """The names ``str(v)`` of integers (int64 or uint64), packed."""
    values = np.asarray(values)
    n = values.size
    magnitude = values.astype(np.uint64)
    negative = values < 0 if values.dtype.kind == "i" else np.zeros(n, dtype=bool)
    # two's complement: 0 - v is |v| as uint64, also for the smallest int64
    magnitude[negative] = np.uint64(0) - magnitude[negative]
    digits = np.ones(n, dtype=np.int64)
    for power in range(1, 20):
        digits += magnitude >= np.uint64(10**power)
    lengths = digits + negative
    width = int(lengths.max()) + 1 if n else 1
    codes = np.zeros((n, width), dtype=np.uint8)
    codes[negative, 0] = ord("-")
    cases = np.arange(n)
    # digits from the last one: digit d (from the right) of each name is at lengths - 1 - d
    rest = magnitude.copy()
    for d in range(int(digits.max()) if n else 0):
        here = np.flatnonzero(digits > d)
        codes[here, lengths[here] - 1 - d] = (rest[here] % np.uint64(10)).astype(np.uint8) + 48
        rest //= np.uint64(10)
    codes[cases, lengths] = 255
    return PackedNames(codes, lengths, 255)


def numbered_values(first: str, packed: PackedNames) -> npt.NDArray[np.int64] | None:
    """The numbers of names that are one common text and a number, or None.

    None unless every name is the text of ``first`` before its first digit (a text holding no
    decimal digit) followed by 1 to 18 ASCII digits without a leading zero (``0`` itself
    allowed). Such names have the natural keys ``(text, number, "")``: they sort by the number.
    """
    prefix = re.match(r"\D*", first)
    text = prefix.group() if prefix is not None else ""
    size = len(text)
    codes, lengths = packed.codes, packed.lengths
    digits = lengths - size
    if digits.size == 0 or digits.min() < 1 or digits.max() > 18:
        return None
    if size and np.any(codes[:, :size] != np.array([ord(c) for c in text], dtype=codes.dtype)):
        return None
    lead = codes[:, size]
    if np.any((lead == ord("0")) & (digits > 1)):
        return None
    # the digit columns, one contiguous row each
    block = np.ascontiguousarray(codes[:, size : codes.shape[1] - 1].T)
    values = np.zeros(lengths.size, dtype=np.int64)
    for p, column in enumerate(block):
        digit = column - np.uint8(ord("0")) if codes.dtype == np.uint8 else column - ord("0")
        inside = digits > p
        # within the name: an ASCII digit (the subtraction wraps anything else above 9)
        if np.any(inside & (digit > 9)):
            return None
        np.multiply(values, 10, out=values, where=inside)
        np.add(values, digit, out=values, where=inside, casting="unsafe")
    return values
