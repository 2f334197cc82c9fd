"""Plots of QCA results (matplotlib, imported only when a plot is drawn).

* :mod:`qca.plots.scatter`: XY plots (:func:`xy`, :func:`xy_plot`, :func:`solution_xy`,
  :func:`model_xy`, :func:`xy_matrix`), plain or enhanced with the case roles;
* :mod:`qca.plots.venn`: Venn diagrams of a truth table or a solution, up to 7 conditions;
* :mod:`qca.plots.charts`: the configuration chart in Fiss's notation and radar charts.

Every function takes ``ax=None`` (a new figure is made) and returns what it drew on.
"""

from __future__ import annotations

from .charts import configuration_chart, radar
from .scatter import ROLE_COLORS, model_xy, solution_xy, xy, xy_matrix, xy_plot
from .venn import venn

__all__ = [
    "ROLE_COLORS",
    "configuration_chart",
    "model_xy",
    "radar",
    "solution_xy",
    "venn",
    "xy",
    "xy_matrix",
    "xy_plot",
]
