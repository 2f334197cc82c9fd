"""Fit of many models of crisp terms at once, on packed bitsets.

When every term membership and the outcome are exactly 0 or 1, a model's membership (the
maximum of its terms) is the OR of its terms' bits, and every sum the float kernels of
:mod:`fitkernels` take is a count of set bits. The counts are exact integers, so dividing
their float64 values exactly as the float kernels do gives the same figures byte for byte:

* ``inclS = ratio(|U & Y|, |U|)``; ``PRI`` = inclS (``min(x, y, 1 - y)`` is 0 for crisp
  sets, so the float kernel subtracts 0.0 from both sums); ``covS = ratio(|U & Y|, |Y|)``;
* ``covU`` of term t = ``ratio(|U & Y|, |Y|) - ratio(|U' & Y|, |Y|)``, ``U'`` the union
  without t. The cases lost without t are those only t covers: bit-parallel "covered once"
  and "covered twice or more" words, built term by term across all models of one size.

A model with k terms over n cases costs about 2k word operations per 64 cases, against the
float path's (k, n) float64 blocks (max, running maxima from both ends).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .bitsets import pack_rows, unpack_rows

__all__ = ["crisp_model_fits", "is_crisp", "popcount_rows"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BitArray = npt.NDArray[np.uint64]

_BYTE_COUNTS = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


def is_crisp(values: npt.ArrayLike) -> bool:
    """True when every value is exactly 0 or 1 (NaN is not)."""
    values = np.asarray(values, dtype=np.float64)
    return bool(np.all((values == 0.0) | (values == 1.0)))


def popcount_rows(bits: BitArray) -> IntArray:
    """Set bits along the last axis of ``uint64`` words, as int64.

    Examples
    --------
    >>> popcount_rows(np.array([[5, 3], [0, 1]], dtype=np.uint64)).tolist()
    [4, 1]
    """
    bits = np.ascontiguousarray(bits, dtype=np.uint64)
    if hasattr(np, "bitwise_count"):  # numpy >= 2
        return np.bitwise_count(bits).sum(axis=-1, dtype=np.int64)
    as_bytes = bits.view(np.uint8).reshape(*bits.shape[:-1], -1)
    return _BYTE_COUNTS[as_bytes].sum(axis=-1)


def _ratio(numerator: IntArray, denominator: IntArray | int) -> FloatArray:
    # fitkernels.ratio on the float64 of the counts (0/0 and x/0 -> NaN)
    numerator_f = np.asarray(numerator, dtype=np.float64)
    denominator_f = np.broadcast_to(np.asarray(denominator, dtype=np.float64), numerator_f.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.true_divide(numerator_f, denominator_f)
    return np.where(denominator_f == 0, np.nan, result)


def crisp_model_fits(
    members: npt.ArrayLike,
    index: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    unique: bool = True,
) -> tuple[dict[str, FloatArray], FloatArray]:
    """inclS, PRI, covS of models of crisp terms, and covU of each model's terms.

    Parameters
    ----------
    members : array, shape (n_terms, n_cases)
        Term memberships, every one 0 or 1 (checked by the caller, see :func:`is_crisp`).
    index : int array, shape (n_models, size)
        Each model as ``size >= 1`` indices into ``members``.
    y : array, shape (n_cases,)
        Outcome memberships, 0 or 1.
    unique : bool
        Also compute covU (else the second result has shape (n_models, 0)).

    Returns
    -------
    fit : dict
        ``{"inclS", "PRI", "covS"}``, each of shape (n_models,).
    covu : ndarray, shape (n_models, size)
        covU of each term within its model; NaN for one-term models (as R).

    Examples
    --------
    >>> fit, covu = crisp_model_fits([[1, 1, 0, 0], [0, 1, 1, 0]], [[0, 1]], [1, 1, 1, 0])
    >>> fit["inclS"].tolist(), covu.round(3).tolist()
    ([1.0], [[0.333, 0.333]])
    """
    members = np.asarray(members, dtype=np.float64)
    index = np.asarray(index, dtype=np.int64)
    y = np.asarray(y, dtype=np.float64)
    n_models, size = index.shape
    bits = pack_rows(members == 1.0)
    y_bits = pack_rows((y == 1.0)[None])[0]
    y_count = int(np.count_nonzero(y == 1.0))
    # Terms in every model (the essential PIs, most of a large model) are folded in once; only
    # the others are gathered model by model.
    common, varying = _common_terms(index)
    once = np.zeros(bits.shape[1], dtype=np.uint64)
    twice = np.zeros_like(once)
    for t in common:
        twice |= once & bits[t]
        once |= bits[t]
    once = np.repeat(once[None], n_models, axis=0)
    twice = np.repeat(twice[None], n_models, axis=0)
    for j in range(varying.shape[1]):
        term = bits[varying[:, j]]
        twice |= once & term
        once |= term
    both = popcount_rows(once & y_bits)
    covered = popcount_rows(once)
    inclusion = _ratio(both, covered)
    fit = {"inclS": inclusion, "PRI": inclusion.copy(), "covS": _ratio(both, y_count)}
    if not unique:
        return fit, np.zeros((n_models, 0))
    if size == 1:
        return fit, np.full((n_models, 1), np.nan)
    only_once_in_y = once & ~twice & y_bits
    lost = np.empty((n_models, size), dtype=np.int64)
    in_common = np.isin(index, common)
    if common.size:
        # cases only t covers, for every model and common term t at once: a 0/1 product,
        # exact in float32 (counts below 2**24)
        alone = unpack_rows(only_once_in_y, members.shape[1]).astype(np.float32)
        counts = alone @ (members[common] == 1.0).astype(np.float32).T
        position = np.searchsorted(common, index)
        rows = np.nonzero(in_common)[0]
        lost[in_common] = counts[rows, position[in_common]].astype(np.int64)
    lost_varying = np.empty(varying.shape, dtype=np.int64)
    for j in range(varying.shape[1]):
        lost_varying[:, j] = popcount_rows(bits[varying[:, j]] & only_once_in_y)
    lost[~in_common] = lost_varying.ravel()
    total = fit["covS"]
    covu = np.empty((n_models, size))
    for j in range(size):
        covu[:, j] = total - _ratio(both - lost[:, j], y_count)
    return fit, covu


def _common_terms(index: IntArray) -> tuple[IntArray, IntArray]:
    """The terms in every row of ``index`` (sorted) and, row by row in their order, the others.

    Rows with a repeated term are not split (no common terms)."""
    n_models, size = index.shape
    ordered = np.sort(index, axis=1)
    if n_models == 0 or size == 0 or np.any(ordered[:, 1:] == ordered[:, :-1]):
        return np.zeros(0, dtype=np.int64), index
    values, counts = np.unique(index, return_counts=True)
    common = values[counts == n_models]
    if common.size == 0:
        return common, index
    return common, index[~np.isin(index, common)].reshape(n_models, size - common.size)
