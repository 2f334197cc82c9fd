"""The distribution of a raw variable, with thresholds (R's ``Xplot``; matplotlib, imported only
when a plot is drawn).

Before calibrating, a raw variable is looked at on one axis: each case a point at its score
(jittered vertically when many coincide), and the candidate thresholds -- given, or found by
:func:`qca.find_th` -- as vertical lines, so that gaps in the distribution can be seen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .exceptions import QCAError
from .thresholds import parse_thresholds

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["x_plot"]


def x_plot(
    x: pd.Series | Sequence[float] | np.ndarray,
    thresholds: Mapping[str, float] | Sequence[float] | float | str | None = None,
    *,
    jitter: bool = False,
    labels: bool | Sequence[str] = False,
    seed: int = 0,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot the scores of a raw variable on one axis, with thresholds as vertical lines.

    Parameters
    ----------
    x : pandas.Series or array_like
        Raw scores; missing values are left out.
    thresholds : mapping, sequence, number or str, optional
        Drawn as dashed vertical lines, named when given names (``{"e": 350, "c": 550,
        "i": 850}`` or R's ``"e=350, c=550, i=850"``).
    jitter : bool
        Spread the points vertically (R's ``jitter``), reproducibly (``seed``).
    labels : bool or sequence of str
        Write the case names (the Series index when True) next to the points.
    seed : int
        Seed of the jitter.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> lr = qca.datasets.load("LR")
    >>> ax = qca.x_plot(lr["DEV"], "e=350, c=550, i=850", jitter=True)
    >>> [line.get_xdata()[0] for line in ax.lines]
    [350.0, 550.0, 850.0]
    >>> ax = qca.x_plot(lr["DEV"], qca.find_th(lr["DEV"], n=2))
    >>> ax.get_xlabel()
    'DEV'
    """
    import matplotlib.pyplot as plt

    raw = x.to_numpy() if isinstance(x, pd.Series) else np.asarray(x)
    try:
        values = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise QCAError("x_plot(): `x` must hold numbers.") from None
    if values.ndim != 1:
        raise QCAError(f"x_plot(): `x` must be one-dimensional; got shape {values.shape}.")
    keep = np.isfinite(values)
    if not keep.any():
        raise QCAError("x_plot(): `x` has no finite score to plot.")
    names = _names(x, labels, values.size)
    cuts = _thresholds(thresholds)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 2.2))
    heights = np.ones(values.size)
    if jitter:
        heights = heights + np.random.default_rng(seed).uniform(-0.5, 0.5, values.size)
    options = {"facecolors": "none", "edgecolors": "black"} | kwargs
    ax.scatter(values[keep], heights[keep], **options)
    if names is not None:
        for value, height, name in zip(values[keep], heights[keep], np.asarray(names)[keep]):
            ax.annotate(
                str(name),
                (value, height),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
    for name, value in cuts:
        ax.axvline(value, linestyle="--", color="grey", linewidth=1)
        if name:
            ax.annotate(name, (value, 1.9), ha="center", fontsize=9)
    ax.set_ylim(0, 2)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(str(x.name) if isinstance(x, pd.Series) and x.name is not None else "x")
    return ax


def _names(x: Any, labels: Any, n: int) -> list[str] | None:
    if labels is False:
        return None
    if labels is True:
        if isinstance(x, pd.Series):
            return [str(i) for i in x.index]
        return [str(i) for i in range(1, n + 1)]
    if isinstance(labels, str):
        raise QCAError("x_plot(): `labels` must be True, False or a sequence of case names.")
    names = [str(v) for v in labels]
    if len(names) != n:
        raise QCAError(f"x_plot(): `labels` has {len(names)} names for {n} cases.")
    return names


def _thresholds(thresholds: Any) -> list[tuple[str, float]]:
    if thresholds is None:
        return []
    if isinstance(thresholds, str):
        thresholds = parse_thresholds(thresholds)
    if isinstance(thresholds, Mapping):
        items = [(str(k), v) for k, v in thresholds.items()]
    else:
        array = np.atleast_1d(np.asarray(thresholds, dtype=object))
        items = [("", v) for v in array.tolist()]
    out = []
    for name, value in items:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise QCAError(f"x_plot(): thresholds must be numbers; got {value!r}.") from None
        out.append((name, number))
    return out
