"""Parameters of fit: the vectorized kernels every later stage builds on.

The kernels take memberships as float arrays: ``x`` of shape ``(n_cases,)`` or
``(n_sets, n_cases)`` (one row per set, e.g. per term), ``y`` of shape ``(n_cases,)``,
and return one figure per set. A figure whose denominator is zero is NaN.

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

__all__ = ["sufficiency_fit", "necessity_fit", "incl_s", "pri", "cov_s", "incl_n", "ron", "cov_n"]

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


def _ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
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
    return _ratio(np.minimum(x, y).sum(axis=-1), x.sum(axis=-1))


def pri(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Proportional reduction in inconsistency of ``x`` as a subset of ``y``."""
    x, y = _prepare(x, y)
    both = np.minimum(x, y)
    also_not_y = np.minimum(both, 1.0 - y)
    return _ratio(both.sum(axis=-1) - also_not_y.sum(axis=-1), x.sum(axis=-1) - also_not_y.sum(axis=-1))


def cov_s(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Sufficiency coverage: the share of ``y`` that ``x`` accounts for."""
    x, y = _prepare(x, y)
    return _ratio(np.minimum(x, y).sum(axis=-1), np.broadcast_to(y.sum(), x.shape[:-1]))


def incl_n(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Necessity inclusion (consistency) of ``y`` in ``x``."""
    x, y = _prepare(x, y)
    return _ratio(np.minimum(x, y).sum(axis=-1), np.broadcast_to(y.sum(), x.shape[:-1]))


def ron(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Relevance of necessity (Schneider & Wagemann 2012)."""
    x, y = _prepare(x, y)
    return _ratio((1.0 - x).sum(axis=-1), (1.0 - np.minimum(x, y)).sum(axis=-1))


def cov_n(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Necessity coverage: the share of ``x`` that lies in ``y``."""
    x, y = _prepare(x, y)
    return _ratio(np.minimum(x, y).sum(axis=-1), x.sum(axis=-1))


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
        "inclS": _ratio(both, x_sum),
        "PRI": _ratio(both - also_not_y, x_sum - also_not_y),
        "covS": _ratio(both, np.broadcast_to(y.sum(), both.shape)),
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
        "inclN": _ratio(both_sum, np.broadcast_to(y.sum(), both_sum.shape)),
        "RoN": _ratio((1.0 - x).sum(axis=-1), (1.0 - both).sum(axis=-1)),
        "covN": _ratio(both_sum, x.sum(axis=-1)),
    }
