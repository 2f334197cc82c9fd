"""The configuration chart in Fiss's notation and radar charts of configurations.

:func:`configuration_chart` draws a :class:`qca.configurations.ConfigurationChart` (or computes
it from a solution): large filled circles for core conditions present, small ones for peripheral
conditions present, crossed circles (large / small) for absent ones, blanks for "don't care",
and the fit of each configuration below. :func:`radar` draws a configuration on a radar chart as
SetMethods' ``QCAradar`` does: each condition's axis at 1 when present, 0 when absent and at the
middle ("-") when it does not appear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..configurations import ABSENT, CORE, ConfigurationChart
from ..configurations import configuration_chart as compute_chart
from ..exceptions import QCAError
from ..expressions import as_expression

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["configuration_chart", "radar"]

_FIT_ROWS = (
    ("consistency", "inclS"),
    ("PRI", "PRI"),
    ("raw coverage", "covS"),
    ("unique coverage", "covU"),
)


def _draw_symbol(ax: Axes, x: float, y: float, presence: str, strength: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    radius = 0.26 if strength == CORE else 0.14
    if presence == ABSENT:
        ax.add_patch(Circle((x, y), radius, facecolor="white", edgecolor="black", linewidth=1.0))
        d = radius / np.sqrt(2)
        ax.add_line(Line2D([x - d, x + d], [y - d, y + d], color="black", linewidth=1.0))
        ax.add_line(Line2D([x - d, x + d], [y + d, y - d], color="black", linewidth=1.0))
    else:
        ax.add_patch(Circle((x, y), radius, facecolor="black", edgecolor="black", linewidth=1.0))


def configuration_chart(
    chart: Any,
    model: str | int | None = None,
    *,
    parsimonious: Any = None,
    ax: Axes | None = None,
    decimals: int = 2,
) -> Axes:
    """Draw the configuration chart of a model (Fiss 2011) and return the Axes.

    Parameters
    ----------
    chart : ConfigurationChart or Solution
        A chart from :func:`qca.configuration_chart`, or a solution (then ``model`` and
        ``parsimonious`` are passed to it).
    ax : matplotlib.axes.Axes, optional
    decimals : int
        Of the fit figures.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    >>> ax = qca.plots.configuration_chart(sol)
    >>> [t.get_text() for t in ax.texts][:3]
    ['Configuration', '1', '2']
    """
    if not isinstance(chart, ConfigurationChart):
        chart = compute_chart(chart, model, parsimonious=parsimonious)
    n_conf, n_cond = len(chart.configurations), len(chart.conditions)
    longest = max(len("solution consistency"), *(len(c) for c in chart.conditions))
    label_width = 0.5 + 0.22 * longest  # in cells (a cell is a configuration's column)
    if ax is None:
        import matplotlib.pyplot as plt

        width = 0.32 * (label_width + n_conf) + 0.4
        _, ax = plt.subplots(figsize=(max(width, 3.0), 0.5 + 0.32 * (n_cond + 9)))
    total_rows = n_cond + len(_FIT_ROWS) + 3
    top = total_rows
    ax.text(0, top - 0.5, "Configuration", ha="left", va="center", fontsize=9, fontweight="bold")
    for i in range(n_conf):
        ax.text(
            label_width + i + 0.5,
            top - 0.5,
            str(i + 1),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
        )
    ax.plot([0, label_width + n_conf], [top - 1, top - 1], color="black", linewidth=0.8)
    for r, condition in enumerate(chart.conditions):
        y = top - 1.5 - r
        ax.text(0, y, condition, ha="left", va="center", fontsize=9)
        for i, term in enumerate(chart.configurations):
            cell = chart.cells.get((condition, term))
            if cell is not None:
                _draw_symbol(ax, label_width + i + 0.5, y, *cell)
    y0 = top - 1 - n_cond
    ax.plot([0, label_width + n_conf], [y0, y0], color="black", linewidth=0.6)
    fit = chart.fit
    for r, (label, key) in enumerate(_FIT_ROWS):
        y = y0 - 0.5 - r
        ax.text(0, y, label, ha="left", va="center", fontsize=8)
        for i, term in enumerate(chart.configurations):
            value = float(fit.loc[term, key])
            text = "-" if np.isnan(value) else f"{value:.{decimals}f}"
            ax.text(label_width + i + 0.5, y, text, ha="center", va="center", fontsize=8)
    y1 = y0 - len(_FIT_ROWS)
    ax.plot([0, label_width + n_conf], [y1, y1], color="black", linewidth=0.6)
    sol_fit = chart.solution_fit
    ax.text(0, y1 - 0.5, "solution consistency", ha="left", va="center", fontsize=8)
    ax.text(
        label_width + 0.5,
        y1 - 0.5,
        f"{sol_fit['inclS']:.{decimals}f}",
        ha="center",
        va="center",
        fontsize=8,
    )
    ax.text(0, y1 - 1.5, "solution coverage", ha="left", va="center", fontsize=8)
    ax.text(
        label_width + 0.5,
        y1 - 1.5,
        f"{sol_fit['covS']:.{decimals}f}",
        ha="center",
        va="center",
        fontsize=8,
    )
    ax.plot([0, label_width + n_conf], [top, top], color="black", linewidth=0.8)
    ax.plot([0, label_width + n_conf], [y1 - 2, y1 - 2], color="black", linewidth=0.8)
    ax.set_xlim(-0.1, label_width + n_conf + 0.1)
    ax.set_ylim(y1 - 2.1, top + 0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(
        f"{chart.model}\n● present, ⊗ absent; large: core, small: peripheral; blank: don't care",
        fontsize=7,
    )
    return ax


def radar(
    configuration: Any,
    conditions: Any = None,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    color: str = "#1f5fa8",
) -> Axes:
    """A configuration (a term such as ``"DEV*~IND*STB"``) on a radar chart, as SetMethods'
    ``QCAradar``: each condition's axis at 1 (present), 0 (absent) or in the middle (``-``, not in
    the configuration). Returns the (polar) Axes.

    Parameters
    ----------
    configuration : str, Term or Expression
        One conjunction.
    conditions : sequence of str, optional
        The axes, in order (default the configuration's conditions in order; pass all the
        conditions of the analysis to show the "don't care" ones).
    ax : matplotlib polar Axes, optional

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import qca
    >>> conditions = list(qca.datasets.load("LF").columns[:5])  # DEV, URB, LIT, IND, STB
    >>> ax = qca.plots.radar("DEV*~IND", conditions)
    >>> [round(float(v), 2) for v in ax.lines[0].get_ydata()]
    [1.0, 0.5, 0.5, 0.0, 0.5, 1.0]
    """
    expr = as_expression(configuration)
    if len(expr.terms) != 1:
        raise QCAError(f"radar(): `configuration` must be one conjunction; got {str(expr)!r}.")
    term = expr.terms[0]
    levels = {lit.condition: lit for lit in term.literals}
    names = list(conditions) if conditions is not None else list(levels)
    unknown = [n for n in levels if n not in names]
    if unknown:
        raise QCAError(f"radar(): the configuration uses {unknown!r}, not among `conditions`.")
    if len(names) < 3:
        raise QCAError(f"radar(): a radar chart needs at least 3 conditions; got {len(names)}.")
    values = []
    for name in names:
        literal = levels.get(name)
        if literal is None:
            values.append(0.5)
        else:
            values.append(0.0 if set(literal.values) == {0} else 1.0)
    if ax is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(4, 4))
        ax = fig.add_subplot(projection="polar")
    elif getattr(ax, "name", "") != "polar":
        raise QCAError("radar(): `ax` must be a polar Axes (projection='polar').")
    angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False)
    closed_angles = np.append(angles, angles[0])
    closed_values = np.append(values, values[0])
    ax.plot(closed_angles, closed_values, color=color, linewidth=1.2)
    ax.fill(closed_angles, closed_values, color=color, alpha=0.35)
    ax.set_xticks(angles)
    ax.set_xticklabels(names, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_yticks([0, 0.5, 1])
    ax.set_yticklabels(["0", "-", "1"], fontsize=7, color="#555555")
    ax.set_title(title if title is not None else str(expr), fontsize=9)
    return ax
