"""Parameters of fit: the vectorized kernels every stage builds on (one definition each).

The kernels take memberships as float arrays: ``x`` of shape ``(n_cases,)`` or
``(n_sets, n_cases)`` (one row per set, e.g. per term), ``y`` of shape ``(n_cases,)``,
and return one figure per set.

**The 0/0 rule**: a figure whose denominator is zero is undefined and returned as NaN (never 0),
by every caller: truth tables, solutions, ``fit()``, ``necessity()``, ``model_fit()``. A
cut-off comparison with NaN is False, so an undefined figure never passes a cut.

Sufficiency of X for Y (Ragin 2006; R QCA ``pof``)::

    inclS = sum(min(x, y)) / sum(x)
    PRI   = (sum(min(x, y)) - sum(min(x, y, 1 - y))) / (sum(x) - sum(min(x, y, 1 - y)))
    covS  = sum(min(x, y)) / sum(y)

Necessity of X for Y::

    inclN = sum(min(x, y)) / sum(y)
    RoN   = sum(1 - x) / sum(1 - min(x, y))
    covN  = sum(min(x, y)) / sum(x)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "cov_n",
    "cov_s",
    "incl_n",
    "incl_s",
    "necessity_fit",
    "pri",
    "ratio",
    "ron",
    "sufficiency_fit",
    "unique_coverage",
    "unique_coverages",
]

FloatArray = npt.NDArray[np.float64]


def _prepare(x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError(f"fit kernels: `y` must be one-dimensional; got shape {y.shape}.")
    if x.shape[-1:] != y.shape:
        raise ValueError(
            f"fit kernels: `x` (shape {x.shape}) and `y` (shape {y.shape}) need the same number of cases."
        )
    return x, y


def ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    """``numerator / denominator`` with the 0/0 rule: NaN wherever the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.true_divide(numerator, denominator)
    return np.where(denominator == 0, np.nan, result)


def incl_s(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Sufficiency inclusion (consistency) of ``x`` in ``y``.

    Examples
    --------
    >>> from qca.fit import incl_s
    >>> float(incl_s([0.8, 0.6, 0.1], [0.9, 0.4, 0.2]))
    0.866666...
    """
    x, y = _prepare(x, y)
    return ratio(np.minimum(x, y).sum(axis=-1), x.sum(axis=-1))


def pri(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Proportional reduction in inconsistency of ``x`` as a subset of ``y``."""
    x, y = _prepare(x, y)
    both = np.minimum(x, y)
    also_not_y = np.minimum(both, 1.0 - y)
    return ratio(
        both.sum(axis=-1) - also_not_y.sum(axis=-1), x.sum(axis=-1) - also_not_y.sum(axis=-1)
    )


def cov_s(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Sufficiency coverage: the share of ``y`` that ``x`` accounts for."""
    x, y = _prepare(x, y)
    return ratio(np.minimum(x, y).sum(axis=-1), np.broadcast_to(y.sum(), x.shape[:-1]))


def incl_n(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Necessity inclusion (consistency) of ``y`` in ``x``."""
    x, y = _prepare(x, y)
    return ratio(np.minimum(x, y).sum(axis=-1), np.broadcast_to(y.sum(), x.shape[:-1]))


def ron(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Relevance of necessity (Schneider & Wagemann 2012)."""
    x, y = _prepare(x, y)
    return ratio((1.0 - x).sum(axis=-1), (1.0 - np.minimum(x, y)).sum(axis=-1))


def cov_n(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Necessity coverage: the share of ``x`` that lies in ``y``."""
    x, y = _prepare(x, y)
    return ratio(np.minimum(x, y).sum(axis=-1), x.sum(axis=-1))


def sufficiency_fit(x: npt.ArrayLike, y: npt.ArrayLike) -> dict[str, FloatArray]:
    """``inclS``, ``PRI`` and ``covS`` of each set in ``x`` for the outcome ``y``.

    Examples
    --------
    >>> from qca.fit import sufficiency_fit
    >>> fit = sufficiency_fit([[1, 1, 0, 0], [1, 0, 0, 1]], [1, 1, 0, 0])
    >>> fit["inclS"], fit["covS"]
    (array([1. , 0.5]), array([1. , 0.5]))
    """
    x, y = _prepare(x, y)
    both = np.minimum(x, y).sum(axis=-1)
    x_sum = x.sum(axis=-1)
    also_not_y = np.minimum(np.minimum(x, y), 1.0 - y).sum(axis=-1)
    return {
        "inclS": ratio(both, x_sum),
        "PRI": ratio(both - also_not_y, x_sum - also_not_y),
        "covS": ratio(both, np.broadcast_to(y.sum(), both.shape)),
    }


def necessity_fit(x: npt.ArrayLike, y: npt.ArrayLike) -> dict[str, FloatArray]:
    """``inclN``, ``RoN`` and ``covN`` of each set in ``x`` as necessary for ``y``.

    Examples
    --------
    >>> from qca.fit import necessity_fit
    >>> fit = necessity_fit([1, 1, 1, 0], [1, 1, 0, 0])
    >>> float(fit["inclN"]), float(fit["covN"])
    (1.0, 0.6666666666666666)
    """
    x, y = _prepare(x, y)
    both = np.minimum(x, y)
    both_sum = both.sum(axis=-1)
    return {
        "inclN": ratio(both_sum, np.broadcast_to(y.sum(), both_sum.shape)),
        "RoN": ratio((1.0 - x).sum(axis=-1), (1.0 - both).sum(axis=-1)),
        "covN": ratio(both_sum, x.sum(axis=-1)),
    }


def unique_coverage(members: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """``covU`` of each set (row of ``members``) against the union of all the rows.

    ``covU = covS(union of all sets) - covS(union of the others)``. As in R, undefined (NaN) when
    there is a single set.

    Examples
    --------
    >>> unique_coverage([[1, 1, 0, 0], [0, 1, 1, 0]], [1, 1, 1, 0]).round(3).tolist()
    [0.333, 0.333]
    """
    members, y = _prepare(members, y)
    members = members.reshape(-1, y.size)
    n = members.shape[0]
    if n == 1:
        return np.array([np.nan])
    if n == 0:
        return np.zeros(0)
    return unique_coverages(members[None], y)[0]


def unique_coverages(blocks: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """:func:`unique_coverage` of many models at once.

    ``blocks`` has shape (n_models, n_terms, n_cases), every model with ``n_terms >= 2`` terms;
    the result (n_models, n_terms). The unions without each set come from running maxima from
    both ends (max is exact, so the figures equal removing the set and taking the maximum of the
    others), fitted in one call.
    """
    blocks = np.asarray(blocks, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m, s, n = blocks.shape
    union = blocks.max(axis=1)
    total = cov_s(union, y)
    before = np.maximum.accumulate(blocks, axis=1)
    after = np.maximum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1]
    without = np.empty_like(blocks)
    without[:, 0] = after[:, 1]
    without[:, -1] = before[:, -2]
    if s > 2:
        without[:, 1:-1] = np.maximum(before[:, :-2], after[:, 2:])
    covered = cov_s(without.reshape(m * s, n), y).reshape(m, s)
    return total[:, None] - covered
