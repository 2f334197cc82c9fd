"""XY plots of set relations (matplotlib, imported only when a plot is drawn).

An XY plot puts each case at (membership in X, membership in Y). Cases above the diagonal are
consistent with "X is sufficient for Y"; cases below it are not. The title gives the consistency
(``inclS``) and coverage (``covS``) of X as sufficient for Y, the same figures as
:func:`qca.fit.sufficiency_fit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .exceptions import QCAError
from .fit import sufficiency_fit

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["model_xy", "xy"]


def _memberships(values: Any, argument: str, caller: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise QCAError(
            f"{caller}: `{argument}` must hold numbers (set memberships in [0, 1]); "
            f"got {type(values).__name__}."
        ) from None
    if array.ndim != 1:
        raise QCAError(f"{caller}: `{argument}` must be one-dimensional; got shape {array.shape}.")
    bad = np.flatnonzero(~np.isfinite(array) | (array < 0) | (array > 1))
    if bad.size:
        position = int(bad[0])
        raise QCAError(
            f"{caller}: `{argument}` has values outside [0, 1]: {float(array[position])!r} "
            f"(position {position})."
        )
    return array


def _case_labels(x: Any, y: Any, labels: Any, n: int, caller: str) -> list[str] | None:
    if labels is False:
        return None
    if labels is None or labels is True:
        for values in (x, y):
            if isinstance(values, pd.Series) and not isinstance(values.index, pd.RangeIndex):
                return [str(name) for name in values.index]
        if labels is True:
            return [str(i) for i in range(1, n + 1)]
        return None
    if isinstance(labels, str):
        raise QCAError(
            f"{caller}: `labels` must be a sequence of case names, True or False; got a string."
        )
    labels = [str(label) for label in labels]
    if len(labels) != n:
        raise QCAError(f"{caller}: `labels` has {len(labels)} names for {n} cases.")
    return labels


def xy(
    x: Sequence[float] | np.ndarray | pd.Series,
    y: Sequence[float] | np.ndarray | pd.Series,
    *,
    ax: Axes | None = None,
    labels: Sequence[str] | bool | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title: str | None = None,
    fontsize: float = 8.0,
    **scatter_kwargs: Any,
) -> Axes:
    """Draw an XY plot of memberships ``x`` against ``y`` and return the Axes.

    Parameters
    ----------
    x, y : array-like or pandas.Series
        Set memberships in [0, 1], one per case (``x`` the condition or solution, ``y`` the outcome).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    labels : sequence of str, bool or None
        Case labels written next to the points. ``None`` (default) uses the index of ``x`` or ``y``
        when it is a Series with case names; ``True`` numbers the cases when there are no names;
        ``False`` writes none.
    xlabel, ylabel : str, optional
        Axis labels; default the Series names, or ``"X"`` / ``"Y"``.
    title : str, optional
        First line of the title; the second line always gives ``inclS`` and ``covS``.
    fontsize : float
        Size of the case labels.
    **scatter_kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    Lipset's fuzzy data (R's ``LF``): stability against survival; the title gives the fit of
    ``x`` as a subset of ``y``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> ax = qca.plots.xy(lf["STB"], lf["SURV"])
    >>> ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
    ('inclS = 0.707, covS = 0.920', 'STB', 'SURV')
    """
    caller = "xy()"
    xs = _memberships(x, "x", caller)
    ys = _memberships(y, "y", caller)
    if xs.shape != ys.shape:
        raise QCAError(f"{caller}: `x` has {xs.size} cases but `y` has {ys.size}.")
    if xs.size == 0:
        raise QCAError(f"{caller}: `x` and `y` hold no cases.")
    names = _case_labels(x, y, labels, xs.size, caller)

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(4.5, 4.5))

    fit = sufficiency_fit(xs, ys)
    fit_line = f"inclS = {_fmt(fit['inclS'])}, covS = {_fmt(fit['covS'])}"
    ax.set_title(fit_line if title is None else f"{title}\n{fit_line}", fontsize=10)

    ax.plot([0, 1], [0, 1], color="#888888", linewidth=0.8, zorder=1)
    for level in (0.5,):
        ax.axhline(level, color="#dddddd", linewidth=0.6, zorder=0)
        ax.axvline(level, color="#dddddd", linewidth=0.6, zorder=0)
    style: dict[str, Any] = {
        "s": 28,
        "color": "#1f5fa8",
        "edgecolors": "white",
        "linewidths": 0.5,
        "zorder": 3,
    }
    style.update(scatter_kwargs)
    ax.scatter(xs, ys, **style)
    if names:
        # cases at the same point share one label ("A_city, B_district"), instead of overprinting
        at: dict[tuple[float, float], list[str]] = {}
        for name, xi, yi in zip(names, xs, ys):
            at.setdefault((float(xi), float(yi)), []).append(name)
        for (xi, yi), group in at.items():
            ax.annotate(
                ", ".join(group),
                (xi, yi),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=fontsize,
            )

    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xlabel(xlabel if xlabel is not None else _series_name(x, "X"))
    ax.set_ylabel(ylabel if ylabel is not None else _series_name(y, "Y"))
    return ax


def model_xy(
    model_membership: pd.Series,
    outcome: pd.Series,
    *,
    expression: str,
    ax: Axes | None = None,
    labels: Sequence[str] | bool | None = None,
    title: str | None = None,
) -> Axes:
    """XY plot of a solution model's membership against its outcome.

    ``model_membership`` is the membership of each case in the model (the maximum over its terms,
    e.g. built with :func:`qca.fuzzy_and` and :func:`qca.fuzzy_or`); ``expression`` is the model as written
    (``"DEV*~IND + URB*STB"``) and labels the x axis.

    Examples
    --------
    The textbook solution for Lipset's fuzzy data (R's ``LF``) against survival:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> dev_not_ind = qca.fuzzy_and(lf["DEV"], qca.negate(lf["IND"]))
    >>> model = qca.fuzzy_or(dev_not_ind, qca.fuzzy_and(lf["URB"], lf["STB"]))
    >>> ax = qca.plots.model_xy(model, lf["SURV"], expression="DEV*~IND + URB*STB")
    >>> ax.get_title(), ax.get_xlabel()
    ('inclS = 0.850, covS = 0.714', 'DEV*~IND + URB*STB')
    """
    return xy(
        model_membership,
        outcome,
        ax=ax,
        labels=labels,
        xlabel=expression,
        ylabel=_series_name(outcome, "Y"),
        title=title,
    )


def _series_name(values: Any, default: str) -> str:
    name = getattr(values, "name", None)
    return str(name) if name is not None else default


def _fmt(value: Any) -> str:
    value = float(value)
    return "NA" if np.isnan(value) else f"{value:.3f}"
