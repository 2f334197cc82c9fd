"""Figures of a robustness sweep (matplotlib, imported when a figure is drawn).

:func:`frequency_plot` (how often each term, model or prime implicant appears across the
variants), :func:`sensitivity_heatmap` (which combination of two perturbations changes the
solution) and :func:`core_xy_plot` (the robust core against the outcome). Each draws on ``ax``
(a new figure when None) and returns the Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..exceptions import QCAError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .result import RobustnessResult

__all__ = ["core_xy_plot", "frequency_plot", "sensitivity_heatmap"]


def _axes(ax: Any, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size)
    return new


def frequency_plot(
    result: RobustnessResult, *, kind: str = "term", top: int = 20, ax: Axes | None = None
) -> Axes:
    """Horizontal bars: the share of solved variants in which each term / model / PI appears.

    Parameters
    ----------
    result : RobustnessResult
    kind : {"term", "model", "pi", "solution"}
    top : int
        The ``top`` most frequent (ties by name).
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> result = qca.robustness(qca.datasets.load("LF"), "SURV", incl_cut=0.8, leave_one_out=True)
    >>> frequency_plot(result).get_xlabel()
    'share of the 19 solved variants'
    """
    if kind not in ("term", "model", "pi", "solution"):
        raise QCAError(
            f"frequency_plot(): `kind` must be 'term', 'model', 'pi' or 'solution'; got {kind!r}."
        )
    series = result.frequencies(kind).iloc[:top]
    ax = _axes(ax, (6.0, 0.35 * max(3, len(series)) + 1))
    labels = list(series.index)[::-1]
    values = series.to_numpy()[::-1]
    core = set(result.robust_core)
    colors = ["#1f5f8b" if kind == "term" and label in core else "#7aa6c2" for label in labels]
    ax.barh(range(len(labels)), values, color=colors)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"share of the {result.n_solved} solved variants")
    names = {"term": "Terms", "model": "Models", "pi": "Prime implicants", "solution": "Solutions"}
    ax.set_title(
        f"{names[kind]} across variants" + (" (dark: robust core)" if kind == "term" else "")
    )
    for position, value in enumerate(values):
        ax.text(min(value + 0.01, 0.9), position, f"{100 * value:.0f}%", va="center", fontsize=8)
    return ax


def sensitivity_map(result: RobustnessResult, x: str, y: str) -> Any:
    """The share of variants at each (``x`` value, ``y`` value) whose solution is the base one
    (over every value of the other factors), as a DataFrame (rows ``y``, columns ``x``)."""
    frame = result.to_frame()
    for name in (x, y):
        if name not in frame.columns or name not in dict(result.factors):
            raise QCAError(
                f"sensitivity_heatmap(): {name!r} is not a factor of the sweep; the factors are "
                f"{[n for n, _ in result.factors]!r}."
            )
    same = (frame["solution"] == result.base["solution"]).astype(float)
    table = same.groupby([frame[y], frame[x]]).mean().unstack(x)
    return table.sort_index().sort_index(axis=1)


def sensitivity_heatmap(
    result: RobustnessResult, *, x: str, y: str, ax: Axes | None = None, cmap: str = "RdYlBu"
) -> Axes:
    """Heat map over two perturbations: the share of variants keeping the base solution.

    ``x`` and ``y`` are factor names (``"incl_cut"``, ``"DEV.c"``, ``"cases"``, ...). A cell of 1
    (blue) keeps the base solution in every variant with these two values; 0 (red) in none. The
    base values are outlined.
    """
    table = sensitivity_map(result, x, y)
    ax = _axes(ax, (1.0 + 0.5 * table.shape[1], 1.0 + 0.4 * table.shape[0]))
    image = ax.imshow(
        table.to_numpy(dtype=float), cmap=cmap, vmin=0, vmax=1, aspect="auto", origin="lower"
    )
    ax.set_xticks(range(table.shape[1]), [_label(v) for v in table.columns], rotation=90)
    ax.set_yticks(range(table.shape[0]), [_label(v) for v in table.index])
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    base = dict(result.base["settings"])
    if base.get(x) in list(table.columns) and base.get(y) in list(table.index):
        from matplotlib.patches import Rectangle

        column = list(table.columns).index(base[x])
        row = list(table.index).index(base[y])
        ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, linewidth=2))
    ax.figure.colorbar(image, ax=ax, label="share keeping the base solution")
    ax.set_title("Which perturbation changes the solution")
    return ax


def _label(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float | np.floating) else str(value)


def core_xy_plot(result: RobustnessResult, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """XY plot of the robust core (Oana & Schneider's ``IS*minTS``) against the outcome."""
    if result.figures is None:
        raise QCAError("core_xy_plot(): the sweep has no test solution, so no robust core.")
    from .. import plots

    frame = result.figures.membership_frame()
    return plots.xy(
        frame["RC"].rename("robust core"),
        frame["Y"].rename(str(result.options.get("outcome", "Y"))),
        ax=ax,
        title=kwargs.pop("title", "Robust core"),
        **kwargs,
    )
