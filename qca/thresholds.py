"""Helpers for calibration: cut points by clustering (R's ``findTh``) and R's threshold strings.

:func:`find_th` suggests thresholds for a raw variable: the sorted scores are grouped by
agglomerative hierarchical clustering (complete linkage on euclidean distances by default), the
tree is cut into ``n + 1`` groups, and each threshold is the midpoint between the largest score
of a group and the smallest score of the next. :func:`parse_thresholds` reads R's strings
(``"e=350, c=550, i=850"``, ``"550, 850"``), which :func:`qca.calibrate` also accepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .exceptions import QCAError

__all__ = ["find_th", "parse_thresholds"]

_LINKAGES = ("complete", "single", "average", "ward", "centroid", "median", "weighted")
_DISTANCES = ("euclidean", "cityblock", "chebyshev")
_R_DISTANCES = {"manhattan": "cityblock", "maximum": "chebyshev"}


def find_th(
    x: pd.Series | npt.ArrayLike,
    n: int = 1,
    *,
    linkage: str = "complete",
    metric: str = "euclidean",
) -> np.ndarray:
    """Thresholds splitting a raw variable into ``n + 1`` groups by hierarchical clustering.

    Parameters
    ----------
    x : pandas.Series or array_like
        Raw scores (numbers, no missing values).
    n : int
        Number of thresholds (R's ``n``; R's ``groups`` is ``n + 1``).
    linkage : str
        Agglomeration method, R's ``hclustm``: ``"complete"`` (default), ``"single"``,
        ``"average"``, ``"ward"`` (R's ``"ward.D2"``), ``"centroid"``, ``"median"``, ``"weighted"``
        (R's ``"mcquitty"``).
    metric : str
        Distance, R's ``distm``: ``"euclidean"`` (default), ``"cityblock"`` (``"manhattan"``),
        ``"chebyshev"`` (``"maximum"``); on one variable they coincide.

    Returns
    -------
    numpy.ndarray
        ``n`` thresholds, increasing.

    Raises
    ------
    QCAError
        Missing or non-numeric scores, fewer than ``n + 1`` distinct scores, an unknown method.

    Notes
    -----
    Agrees with R's ``QCA::findTh`` (which uses ``hclust`` and ``cutree``) on the Lipset and
    Cebotari-Vink raw data (tests/reference/r14). When two merges of the tree are at exactly the
    same height, R and SciPy may order them differently.

    Examples
    --------
    >>> import qca
    >>> lr = qca.datasets.load("LR")
    >>> qca.find_th(lr["DEV"]).tolist()
    [626.0]
    >>> qca.find_th(lr["URB"], n=3).tolist()
    [26.75, 49.75, 64.75]
    """
    from scipy.cluster.hierarchy import cut_tree
    from scipy.cluster.hierarchy import linkage as build_linkage

    values = _values(x)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise QCAError(f"find_th(): `n` must be a whole number >= 1; got {n!r}.")
    if linkage not in _LINKAGES:
        raise QCAError(f"find_th(): `linkage` must be one of {list(_LINKAGES)}; got {linkage!r}.")
    metric = _R_DISTANCES.get(metric, metric)
    if metric not in _DISTANCES:
        raise QCAError(f"find_th(): `metric` must be one of {list(_DISTANCES)}; got {metric!r}.")
    if np.unique(values).size < n + 1:
        raise QCAError(
            f"find_th(): `x` has {np.unique(values).size} distinct scores; {n} thresholds need at "
            f"least {n + 1}."
        )
    ordered = np.sort(values)
    if linkage in ("ward", "centroid", "median"):
        metric = "euclidean"
    tree = build_linkage(ordered.reshape(-1, 1), method=linkage, metric=metric)
    groups = cut_tree(tree, n_clusters=n + 1).ravel()
    # the sorted scores form runs of groups; a threshold between consecutive runs
    ends = np.flatnonzero(np.diff(groups) != 0)
    if ends.size != n:
        raise QCAError(
            f"find_th(): the {n + 1} clusters are not contiguous ranges of `x`; try another "
            "`linkage`."
        )
    return np.asarray((ordered[ends] + ordered[ends + 1]) / 2, dtype=np.float64)


def _values(x: Any) -> npt.NDArray[np.float64]:
    raw = x.to_numpy() if isinstance(x, pd.Series) else np.asarray(x)
    if raw.ndim != 1 or raw.size == 0:
        raise QCAError("find_th(): `x` must be a non-empty one-dimensional vector of scores.")
    try:
        values = raw.astype(np.float64)
    except (TypeError, ValueError):
        raise QCAError("find_th(): `x` must hold numbers.") from None
    if not np.isfinite(values).all():
        raise QCAError("find_th(): `x` has missing or non-finite scores; drop them first.")
    return values


_ITEM = re.compile(r"^\s*(?:([A-Za-z]\w*)\s*=\s*)?([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")


def parse_thresholds(text: str) -> dict[str, float] | list[float]:
    """Read R's threshold strings: ``"e=350, c=550, i=850"`` or ``"550, 850"``.

    Returns
    -------
    dict or list
        Named anchors as a dict (in the order written), unnamed cut points as a list.

    Raises
    ------
    QCAError
        An item that is not ``number`` or ``name=number``; names on some items only; a name twice.

    Examples
    --------
    >>> import qca
    >>> parse_thresholds("e=350, c=550, i=850")
    {'e': 350.0, 'c': 550.0, 'i': 850.0}
    >>> dev = qca.datasets.load("LR")["DEV"]
    >>> qca.calibrate(dev, thresholds="e=350, c=550, i=850").round(3).tolist()[:3]
    [0.841, 0.995, 0.587]
    >>> parse_thresholds("550;850")
    [550.0, 850.0]
    """
    items = [item for item in re.split(r"[,;]", text) if item.strip()]
    if not items:
        raise QCAError(f"calibrate(): `thresholds` {text!r} names no threshold.")
    parsed = []
    for item in items:
        match = _ITEM.match(item)
        if match is None:
            raise QCAError(
                f"calibrate(): cannot read {item.strip()!r} in `thresholds` {text!r}; write "
                "numbers ('550, 850') or named anchors ('e=350, c=550, i=850')."
            )
        parsed.append((match.group(1), float(match.group(2))))
    names = [name for name, _ in parsed if name is not None]
    if not names:
        return [value for _, value in parsed]
    if len(names) != len(parsed):
        raise QCAError(f"calibrate(): name every threshold in {text!r}, or none.")
    if len(set(names)) != len(names):
        raise QCAError(f"calibrate(): a threshold is named twice in {text!r}.")
    named: Mapping[str, float] = {name: value for name, value in parsed if name is not None}
    return dict(named)
