"""Extra measures of fit for ``add=`` (:func:`qca.fit`, :func:`qca.pofind`).

Each is a function ``f(x, y) -> float`` of a set's memberships ``x`` and the outcome's ``y``,
as R's ``pof(add = )`` expects; formulas as in SetMethods' ``QCAfit``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["haesebrouck", "product"]


def haesebrouck(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """Haesebrouck's consistency of sufficiency (Haesebrouck 2015).

    ``sum(min(x, y)) / sum(min(x, y) + sqrt(max(x - y, 0) * x))``: an inconsistent case weighs
    by how far it is from the diagonal and how much it is in X, so that a few cases just below
    the diagonal count less than in ``inclS``.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> table = qca.fit("DEV*~IND + URB*STB", lf, "SURV", add={"inclH": haesebrouck}).to_frame()
    >>> table["inclH"].round(3).tolist()
    [0.791, 0.791, 0.787]
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    overlap = np.minimum(x, y)
    denominator = float(np.sum(overlap + np.sqrt(np.maximum(x - y, 0.0) * x)))
    return float(np.sum(overlap)) / denominator if denominator else float("nan")


def product(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """SetMethods' PRODUCT: consistency of sufficiency times PRI (``inclS * PRI``).

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> qca.fit("DEV*~IND", lf, "SURV", add={"PRODUCT": product}).to_frame().round(3)
              inclS    PRI   covS  covU  PRODUCT
    DEV*~IND  0.815  0.721  0.284   NaN    0.587
    """
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    overlap = np.minimum(x, y)
    both = np.minimum(overlap, 1.0 - y)
    total = float(np.sum(x))
    pri_denominator = total - float(np.sum(both))
    if not total or not pri_denominator:
        return float("nan")
    incl = float(np.sum(overlap)) / total
    pri = (float(np.sum(overlap)) - float(np.sum(both))) / pri_denominator
    return incl * pri
