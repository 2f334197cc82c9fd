"""XY plots of set relations (matplotlib, imported only when a plot is drawn).

An XY plot puts each case at (membership in X, membership in Y). Cases above the diagonal are
consistent with "X is sufficient for Y", cases below it with "X is necessary for Y". The title
gives the parameters of fit of the relation: ``inclS``, ``PRI``, ``covS`` (sufficiency, as
:func:`qca.fit.sufficiency_fit`) or ``inclN``, ``RoN``, ``covN`` (necessity). The *enhanced* XY
plot (Schneider & Rohlfing 2013) shades the regions of the case roles of :mod:`qca.cases` and
colours each case by its role.

One call from an expression and data: :func:`xy_plot`; from a solution: :func:`solution_xy`
(``sol.plot_xy("M1")``); every term and the model side by side: :func:`xy_matrix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._outcome import outcome_membership
from ..cases import ROLES, classify, pick_model
from ..exceptions import QCAError
from ..expressions import as_expression
from ..fit import necessity_fit, sufficiency_fit
from .labels import place_labels

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["ROLE_COLORS", "model_xy", "solution_xy", "xy", "xy_matrix", "xy_plot"]

#: The colour of each case role in enhanced XY plots (a colour-blind safe palette).
ROLE_COLORS = {
    "typical": "#1b7837",
    "deviant consistency in degree": "#e08214",
    "deviant consistency in kind": "#b2182b",
    "deviant coverage": "#5e3c99",
    "deviant relevance": "#b2182b",
    "individually irrelevant": "#878787",
}
_REGION_SHADES = {
    "typical": "#d9f0d3",
    "deviant consistency in degree": "#fee0b6",
    "deviant consistency in kind": "#fddbc7",
    "deviant coverage": "#e7d4e8",
    "deviant relevance": "#fddbc7",
    "individually irrelevant": "#f0f0f0",
}


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
    relation: str = "sufficiency",
    enhanced: bool = False,
    model: bool = True,
    jitter: float = 0.0,
    seed: int = 0,
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
        Case labels written next to the points, placed so that they do not overlap (cases at the
        same point share one label). ``None`` (default) uses the index of ``x`` or ``y`` when it
        is a Series with case names; ``True`` numbers the cases when there are no names;
        ``False`` writes none.
    xlabel, ylabel : str, optional
        Axis labels; default the Series names, or ``"X"`` / ``"Y"``.
    title : str, optional
        First line of the title; the second line always gives the fit: ``inclS``, ``PRI``,
        ``covS`` (sufficiency) or ``inclN``, ``RoN``, ``covN`` (necessity).
    fontsize : float
        Size of the case labels.
    relation : {"sufficiency", "necessity"}
    enhanced : bool
        Shade the regions of Schneider & Rohlfing's case roles and colour the cases by role
        (:func:`qca.cases.classify`; :data:`ROLE_COLORS`), with a legend.
    model : bool
        For an enhanced sufficiency plot: ``x`` is a whole model (the cases outside it are
        deviant coverage or individually irrelevant) rather than one of its terms.
    jitter : float
        Move each drawn point by up to this much (uniform, reproducible with ``seed``) so that
        cases at the same point can be told apart; the fit in the title uses the exact values.
    seed : int
        Seed of the jitter.
    **scatter_kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> ax = qca.plots.xy(lf["STB"], lf["SURV"])
    >>> ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
    ('inclS = 0.707, PRI = 0.664, covS = 0.920', 'STB', 'SURV')
    """
    caller = "xy()"
    xs = _memberships(x, "x", caller)
    ys = _memberships(y, "y", caller)
    if xs.shape != ys.shape:
        raise QCAError(f"{caller}: `x` has {xs.size} cases but `y` has {ys.size}.")
    if xs.size == 0:
        raise QCAError(f"{caller}: `x` and `y` hold no cases.")
    if relation not in ("sufficiency", "necessity"):
        raise QCAError(
            f"{caller}: `relation` must be 'sufficiency' or 'necessity'; got {relation!r}."
        )
    if not (isinstance(jitter, (int, float)) and 0 <= jitter <= 0.1):
        raise QCAError(f"{caller}: `jitter` must be a number in [0, 0.1]; got {jitter!r}.")
    names = _case_labels(x, y, labels, xs.size, caller)

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(4.5, 4.5))

    ax.set_title(_title(title, xs, ys, relation), fontsize=10)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.plot([0, 1], [0, 1], color="#888888", linewidth=0.8, zorder=1)
    ax.axhline(0.5, color="#dddddd", linewidth=0.6, zorder=0)
    ax.axvline(0.5, color="#dddddd", linewidth=0.6, zorder=0)
    px, py = xs, ys
    if jitter:
        rng = np.random.default_rng(seed)
        px = np.clip(xs + rng.uniform(-jitter, jitter, xs.size), 0, 1)
        py = np.clip(ys + rng.uniform(-jitter, jitter, ys.size), 0, 1)
    style: dict[str, Any] = {
        "s": 28,
        "color": "#1f5fa8",
        "edgecolors": "white",
        "linewidths": 0.5,
        "zorder": 3,
    }
    if enhanced:
        roles = classify(xs, ys, relation, model=model)  # type: ignore[arg-type]
        _shade_regions(ax, relation, model)
        style["color"] = [ROLE_COLORS.get(r, "#bbbbbb") if r else "#bbbbbb" for r in roles]
        _role_legend(ax, roles)
    style.update(scatter_kwargs)
    ax.scatter(px, py, **style)
    if names:
        # cases at the same drawn point share one label ("A_city, B_district")
        at: dict[tuple[float, float], list[str]] = {}
        for name, xi, yi in zip(names, px, py):
            at.setdefault((float(xi), float(yi)), []).append(name)
        place_labels(
            ax,
            [p[0] for p in at],
            [p[1] for p in at],
            [", ".join(group) for group in at.values()],
            fontsize=fontsize,
        )
    ax.set_xlabel(xlabel if xlabel is not None else _series_name(x, "X"))
    ax.set_ylabel(ylabel if ylabel is not None else _series_name(y, "Y"))
    return ax


def _title(title: str | None, xs: np.ndarray, ys: np.ndarray, relation: str) -> str:
    if relation == "sufficiency":
        fit = sufficiency_fit(xs, ys)
        keys = ("inclS", "PRI", "covS")
    else:
        fit = necessity_fit(xs, ys)
        keys = ("inclN", "RoN", "covN")
    line = ", ".join(f"{k} = {_fmt(fit[k])}" for k in keys)
    return line if title is None else f"{title}\n{line}"


def _regions(relation: str, model: bool) -> list[tuple[str, list[tuple[float, float]]]]:
    """The polygons of the case roles in the unit square."""
    if relation == "sufficiency":
        regions = [
            ("typical", [(0.5, 0.5), (1, 1), (0.5, 1)]),
            ("deviant consistency in degree", [(0.5, 0.5), (1, 0.5), (1, 1)]),
            ("deviant consistency in kind", [(0.5, 0), (1, 0), (1, 0.5), (0.5, 0.5)]),
        ]
        if model:
            regions += [
                ("deviant coverage", [(0, 0.5), (0.5, 0.5), (0.5, 1), (0, 1)]),
                ("individually irrelevant", [(0, 0), (0.5, 0), (0.5, 0.5), (0, 0.5)]),
            ]
        return regions
    return [
        ("typical", [(0.5, 0.5), (1, 0.5), (1, 1)]),
        ("deviant consistency in degree", [(0.5, 0.5), (1, 1), (0.5, 1)]),
        ("deviant consistency in kind", [(0, 0.5), (0.5, 0.5), (0.5, 1), (0, 1)]),
        ("deviant relevance", [(0.5, 0), (1, 0), (1, 0.5), (0.5, 0.5)]),
        ("individually irrelevant", [(0, 0), (0.5, 0), (0.5, 0.5), (0, 0.5)]),
    ]


def _shade_regions(ax: Axes, relation: str, model: bool) -> None:
    from matplotlib.patches import Polygon

    for role, corners in _regions(relation, model):
        ax.add_patch(
            Polygon(
                corners, closed=True, facecolor=_REGION_SHADES[role], edgecolor="none", zorder=0
            )
        )


def _role_legend(ax: Axes, roles: np.ndarray) -> None:
    from matplotlib.lines import Line2D

    present = [r for r in ROLES if r in set(roles)]
    handles = [
        Line2D([], [], marker="o", linestyle="", color=ROLE_COLORS[r], label=r) for r in present
    ]
    if handles:
        ax.legend(
            handles=handles,
            fontsize=6,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncol=2,
            frameon=False,
        )


def model_xy(
    model_membership: pd.Series,
    outcome: pd.Series,
    *,
    expression: str,
    ax: Axes | None = None,
    labels: Sequence[str] | bool | None = None,
    title: str | None = None,
    **options: Any,
) -> Axes:
    """XY plot of a solution model's membership against its outcome.

    ``model_membership`` is the membership of each case in the model (the maximum over its terms;
    :func:`solution_xy` computes it from a solution in one call); ``expression`` is the model as
    written (``"DEV*~IND + URB*STB"``) and labels the x axis. ``options`` go to :func:`xy`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> dev_not_ind = qca.fuzzy_and(lf["DEV"], qca.negate(lf["IND"]))
    >>> model = qca.fuzzy_or(dev_not_ind, qca.fuzzy_and(lf["URB"], lf["STB"]))
    >>> ax = qca.plots.model_xy(model, lf["SURV"], expression="DEV*~IND + URB*STB")
    >>> ax.get_title(), ax.get_xlabel()
    ('inclS = 0.850, PRI = 0.819, covS = 0.714', 'DEV*~IND + URB*STB')
    """
    return xy(
        model_membership,
        outcome,
        ax=ax,
        labels=labels,
        xlabel=expression,
        ylabel=_series_name(outcome, "Y"),
        title=title,
        **options,
    )


def xy_plot(
    expression: Any,
    data: pd.DataFrame,
    outcome: str,
    *,
    relation: str = "sufficiency",
    enhanced: bool = False,
    ax: Axes | None = None,
    **options: Any,
) -> Axes:
    """One call: the XY plot of an expression (``"DEV*~IND + URB*STB"``) against an outcome.

    The memberships are computed from ``data`` (as :func:`qca.fit` does); ``options`` go to
    :func:`xy` (``labels``, ``jitter``, ``title``, ...).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> ax = qca.plots.xy_plot("DEV*STB", lf, "SURV", enhanced=True)
    >>> ax.get_title()
    'inclS = 0.869, PRI = 0.848, covS = 0.824'
    """
    caller = "xy_plot()"
    if not isinstance(data, pd.DataFrame):
        raise QCAError(f"{caller}: `data` must be a pandas DataFrame; got {type(data).__name__}.")
    expr = as_expression(expression)
    x = expr.membership(data)
    y_values, label = outcome_membership(data, outcome, caller)
    y = pd.Series(y_values, index=data.index, name=label)
    return xy(
        x,
        y,
        ax=ax,
        xlabel=options.pop("xlabel", str(expr)),
        ylabel=options.pop("ylabel", label),
        relation=relation,
        enhanced=enhanced,
        model=options.pop("model", True),
        **options,
    )


def _solution_sets(solution: Any, model: Any, term: Any) -> tuple[pd.Series, pd.Series, str, bool]:
    """The x memberships (model or term), the outcome and the x label for a solution."""
    chosen = pick_model(solution, model, "plot_xy()")
    tt = solution.truth_table
    data = tt.memberships
    y = data[tt.outcome].rename(tt.outcome)
    expr = chosen.to_expression()
    if term is None:
        return (
            expr.membership(data).rename(str(expr)),
            y,
            f"{chosen.name}: {chosen.expression}",
            True,
        )
    terms = list(expr.terms)
    names = [str(t) for t in terms]
    if isinstance(term, int) and not isinstance(term, bool) and 1 <= term <= len(terms):
        index = term - 1
    elif term in names:
        index = names.index(term)
    elif term in chosen.terms:
        index = list(chosen.terms).index(term)
    else:
        raise QCAError(
            f"plot_xy(): `term` {term!r} is not a term of {chosen.name} ({', '.join(names)})."
        )
    return terms[index].membership(data).rename(names[index]), y, names[index], False


def solution_xy(
    solution: Any,
    model: str | int | None = None,
    term: str | int | None = None,
    *,
    enhanced: bool = False,
    ax: Axes | None = None,
    **options: Any,
) -> Axes:
    """XY plot of a model of a :class:`~qca.Solution` (or of one of its terms) against the
    outcome; also ``sol.plot_xy(model, term)``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> ax = qca.minimize(tt, include="?").plot_xy("M1", enhanced=True)
    >>> ax.get_xlabel()
    'M1: DEV*~IND + URB*STB'
    """
    x, y, label, whole = _solution_sets(solution, model, term)
    return xy(
        x, y, ax=ax, xlabel=label, ylabel=str(y.name), enhanced=enhanced, model=whole, **options
    )


def xy_matrix(
    solution: Any,
    model: str | int | None = None,
    *,
    enhanced: bool = False,
    ncols: int | None = None,
    labels: Sequence[str] | bool | None = False,
    **options: Any,
) -> np.ndarray:
    """The XY plots of every term of a model and of the model itself, side by side; returns the
    array of Axes (one row of a figure made here, or a grid with ``ncols`` columns).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> axes = qca.plots.xy_matrix(qca.minimize(tt, include="?"))
    >>> [ax.get_xlabel() for ax in axes.ravel()]
    ['DEV*~IND', 'URB*STB', 'M1: DEV*~IND + URB*STB']
    """
    import matplotlib.pyplot as plt

    chosen = pick_model(solution, model, "xy_matrix()")
    n = len(chosen.terms) + 1
    cols = n if ncols is None else max(1, min(int(ncols), n))
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 3.4 * rows), squeeze=False)
    for index in range(n):
        ax = axes.ravel()[index]
        term = index + 1 if index < n - 1 else None
        solution_xy(solution, chosen.name, term, enhanced=enhanced, ax=ax, labels=labels, **options)
    for ax in axes.ravel()[n:]:
        ax.set_visible(False)
    fig.tight_layout()
    return np.asarray(axes)


def _series_name(values: Any, default: str) -> str:
    name = getattr(values, "name", None)
    return str(name) if name is not None else default


def _fmt(value: Any) -> str:
    value = float(value)
    return "NA" if np.isnan(value) else f"{value:.3f}"
