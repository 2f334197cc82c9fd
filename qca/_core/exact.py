"""Exact sums of float64 values in [0, 1], and correctly rounded ratios of them.

Each value is split into three 31-bit integer limbs (``v = h1 2^-31 + h2 2^-62 + h3 2^-93`` plus a
remainder below ``2^-93``, dropped). Sums of limbs are integers, exact in float64 for fewer than
``2^22`` terms (int64 beyond), so a total, ``floor(v * 2^93)`` summed as a Python int, does not
depend on the order of the values; a ratio of two totals is then rounded once
(:func:`exact_ratio`). The truth table's ``incl`` and ``PRI`` are computed so, bit-identical to
rational arithmetic on the truncated values.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = [
    "LIMB_BITS",
    "SCALE_BITS",
    "chunked_bincount",
    "combine_limbs",
    "exact_ratio",
    "exact_sums",
    "limbs",
]

#: Bits of one limb.
LIMB_BITS = 31

#: Totals are integers scaled by ``2**SCALE_BITS`` (three limbs): the total of ``c`` ones is
#: ``c << SCALE_BITS``.
SCALE_BITS = 3 * LIMB_BITS

_LIMB = float(2**LIMB_BITS)

# float sums of fewer integers below 2**31 than this are exact (2**31 * 2**22 = 2**53)
_EXACT_FLOAT_TERMS = 2**22


def limbs(values: npt.NDArray[np.float64]) -> list[npt.NDArray[np.float64]]:
    """``floor(values * 2**93)`` as three 31-bit limbs (floats holding integers), most
    significant first; each step is exact in float64.

    Examples
    --------
    >>> [float(v) for v in limbs(np.array(0.5))]
    [1073741824.0, 0.0, 0.0]
    """
    parts = []
    rest = values * _LIMB
    for _ in range(3):
        whole = np.floor(rest)
        parts.append(whole)
        rest = (rest - whole) * _LIMB
    return parts


def chunked_bincount(
    groups: npt.NDArray[np.int64], weights: npt.NDArray[np.float64], n_groups: int
) -> npt.NDArray[np.int64]:
    """Exact per-group sums of integer weights below 2**31 in absolute value: float sums of
    fewer than 2**22 of them are exact, chunks are added as int64."""
    total = np.zeros(n_groups, dtype=np.int64)
    for start in range(0, groups.size, _EXACT_FLOAT_TERMS):
        chunk = slice(start, start + _EXACT_FLOAT_TERMS)
        total += np.bincount(groups[chunk], weights=weights[chunk], minlength=n_groups).astype(
            np.int64
        )
    return total


def combine_limbs(parts: Sequence[npt.ArrayLike]) -> npt.NDArray[np.object_]:
    """Totals (Python ints, scaled by 2**93) from the sums of each limb, most significant first.

    Examples
    --------
    >>> combine_limbs([np.array([1]), np.array([0]), np.array([2])]).tolist()
    [4611686018427387906]
    """
    totals = None
    for part in parts:
        whole = np.asarray(part).astype(np.int64).astype(object)
        totals = whole if totals is None else totals * (1 << LIMB_BITS) + whole
    assert totals is not None
    return totals


def exact_sums(
    values: npt.NDArray[np.float64],
    *,
    groups: npt.NDArray[np.int64] | None = None,
    n_groups: int = 0,
) -> npt.NDArray[np.object_]:
    """Exact sums (scaled by 2**93, as Python ints) along the last axis, or per group (bincount).

    Examples
    --------
    >>> values = np.array([[0.1, 0.2, 0.7]])
    >>> exact_sums(values) == exact_sums(values[:, ::-1])
    array([ True])
    >>> exact_sums(values[0], groups=np.array([0, 1, 0]), n_groups=2).shape
    (2,)
    """
    parts = []
    for whole in limbs(values):
        if groups is not None:
            part = chunked_bincount(groups, whole, n_groups)
        elif whole.shape[-1] < _EXACT_FLOAT_TERMS:
            part = whole.sum(axis=-1)
        else:
            part = whole.astype(np.int64).sum(axis=-1)
        parts.append(part)
    return combine_limbs(parts)


def exact_ratio(
    numerator: npt.NDArray[np.object_], denominator: npt.NDArray[np.object_]
) -> npt.NDArray[np.float64]:
    """Correctly rounded ratios of exact integer totals; NaN where the denominator is 0 (the 0/0
    rule of :mod:`qca._core.fitkernels`).

    Examples
    --------
    >>> exact_ratio(np.array([1, 0], dtype=object), np.array([3, 0], dtype=object)).tolist()
    [0.3333333333333333, nan]
    """
    result = np.full(len(numerator), np.nan)
    defined = denominator != 0
    if defined.any():
        # Python int / int (object arrays): one correct rounding per ratio
        quotients = np.true_divide(numerator[defined], denominator[defined])
        result[defined] = quotients.astype(np.float64)
    return result
