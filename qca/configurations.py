"""The configuration chart in Fiss's notation (Ragin & Fiss 2008; Fiss 2011).

One column per configuration (a term of the intermediate model), one row per condition:
``●`` present, ``⊗`` absent, blank "don't care"; a *core* condition (large symbol) is part of a
term of the parsimonious solution that the configuration contains, a *peripheral* one (small
symbol) appears in the intermediate solution only. Below, each configuration's consistency
(``inclS``), ``PRI``, raw (``covS``) and unique (``covU``) coverage, and the solution's fit.

:func:`configuration_chart` computes it (:class:`ConfigurationChart`); it is drawn by
:func:`qca.plots.configuration_chart` and printed for papers by its ``to_latex()``,
``to_markdown()`` and ``to_html()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .cases import pick_model
from .exceptions import QCAError

__all__ = ["ABSENT", "CORE", "PERIPHERAL", "PRESENT", "ConfigurationChart", "configuration_chart"]

CORE = "core"
PERIPHERAL = "peripheral"
PRESENT = "present"
ABSENT = "absent"

#: Text symbols: (core, peripheral) for a present and an absent condition.
SYMBOLS = {PRESENT: ("●", "•"), ABSENT: ("⨂", "⊗")}


@dataclass(frozen=True)
class ConfigurationChart:
    """A configuration chart (see :mod:`qca.configurations`).

    Attributes
    ----------
    conditions : tuple of str
    configurations : tuple of str
        The terms of the model (column labels ``1, 2, ...`` in the chart).
    cells : mapping
        ``{(condition, configuration): (PRESENT or ABSENT, CORE or PERIPHERAL)}``; a missing key
        is "don't care". For a multi-value condition the level is in the configuration's term.
    fit : pandas.DataFrame
        ``inclS``, ``PRI``, ``covS``, ``covU`` per configuration.
    solution_fit : mapping
        ``inclS``, ``PRI``, ``covS`` of the whole model.
    model : str
        The model's name and outcome, e.g. ``"M1 (SURV)"``.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> chart = qca.configuration_chart(qca.minimize(tt, include="?"))
    >>> chart.configurations
    ('DEV*~IND', 'URB*STB')
    """

    conditions: tuple[str, ...]
    configurations: tuple[str, ...]
    cells: Mapping[tuple[str, str], tuple[str, str]]
    _fit: pd.DataFrame = field(repr=False)
    solution_fit: Mapping[str, float]
    model: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", MappingProxyType(dict(self.cells)))
        object.__setattr__(self, "solution_fit", MappingProxyType(dict(self.solution_fit)))

    @property
    def fit(self) -> pd.DataFrame:
        """``inclS``, ``PRI``, ``covS``, ``covU`` per configuration (a copy)."""
        return self._fit.copy()

    def symbol(self, condition: str, configuration: str) -> str:
        """The text symbol of a cell: ``●``/``•`` (core/peripheral present), ``⨂``/``⊗``
        (core/peripheral absent) or ``""``."""
        cell = self.cells.get((condition, configuration))
        if cell is None:
            return ""
        presence, strength = cell
        return SYMBOLS[presence][0 if strength == CORE else 1]

    def to_frame(self) -> pd.DataFrame:
        """The chart as printed: conditions then ``consistency``, ``PRI``, ``raw coverage``,
        ``unique coverage`` in rows, configurations ``1, 2, ...`` in columns (text symbols and
        numbers; object dtype)."""
        columns = [str(i) for i in range(1, len(self.configurations) + 1)]
        rows: dict[str, list[Any]] = {
            c: [self.symbol(c, t) for t in self.configurations] for c in self.conditions
        }
        fit = self._fit
        for label, key in (
            ("consistency", "inclS"),
            ("PRI", "PRI"),
            ("raw coverage", "covS"),
            ("unique coverage", "covU"),
        ):
            rows[label] = [float(v) for v in fit[key]]
        return pd.DataFrame.from_dict(rows, orient="index", columns=columns, dtype=object)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "conditions": list(self.conditions),
            "configurations": [
                {
                    "term": t,
                    "cells": {
                        c: list(self.cells[(c, t)]) for c in self.conditions if (c, t) in self.cells
                    },
                    **{k: _num(v) for k, v in self._fit.loc[t].items()},
                }
                for t in self.configurations
            ],
            "solution": {k: _num(v) for k, v in self.solution_fit.items()},
        }

    def to_latex(self, **options: Any) -> str:
        from ._render.tables import configuration_latex

        return configuration_latex(self, **options)

    def to_markdown(self, **options: Any) -> str:
        from ._render.tables import configuration_markdown

        return configuration_markdown(self, **options)

    def to_html(self, **options: Any) -> str:
        from ._render.tables import configuration_html

        return configuration_html(self, **options)

    def _repr_html_(self) -> str:
        return self.to_html(standalone=False)

    def __str__(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return f"<ConfigurationChart {self.model}: {len(self.configurations)} configuration(s)>"

    def plot(self, ax: Any = None, **options: Any) -> Any:
        """Draw the chart (:func:`qca.plots.configuration_chart`)."""
        from .plots.charts import configuration_chart as draw

        return draw(self, ax=ax, **options)


def _num(value: Any) -> float | None:
    value = float(value)
    return None if np.isnan(value) else value


def configuration_chart(
    solution: Any,
    model: str | int | None = None,
    *,
    parsimonious: Any = None,
) -> ConfigurationChart:
    """The configuration chart of a model (Fiss 2011): core conditions from the parsimonious
    solution, peripheral ones from the intermediate (or conservative) model.

    Parameters
    ----------
    solution : Solution
        An intermediate solution (``minimize(..., include="?", dir_exp=...)``: its parsimonious
        models give the core conditions), a parsimonious one (every condition is core), or a
        conservative one with ``parsimonious``.
    model : str or int, optional
        The model drawn (default the first).
    parsimonious : Solution, optional
        The parsimonious solution giving the core conditions (for a conservative ``solution``,
        or to override).

    Returns
    -------
    ConfigurationChart

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    >>> chart = qca.configuration_chart(sol)
    >>> chart.configurations
    ('DEV*URB*LIT*STB', 'DEV*LIT*~IND*STB')
    >>> [chart.symbol(c, "DEV*LIT*~IND*STB") for c in chart.conditions]
    ['●', '', '•', '⨂', '•']
    """
    chosen = pick_model(solution, model, "configuration_chart()")
    kind = str(solution.options.get("kind", ""))
    if parsimonious is not None:
        core_models = tuple(parsimonious.models)
    elif kind == "intermediate":
        core_models = tuple(solution.parsimonious_models)
    elif kind == "parsimonious":
        core_models = (chosen,)
    else:
        raise QCAError(
            "configuration_chart(): the core conditions come from the parsimonious solution; "
            f"this solution is {kind or 'not marked'}: pass `parsimonious=` (the solution of "
            "minimize(..., include='?'))."
        )
    conditions = tuple(solution.conditions)
    codes = np.asarray(chosen.implicants)
    core_codes = (
        np.vstack([np.asarray(m.implicants) for m in core_models])
        if core_models
        else np.zeros((0, len(conditions)), dtype=np.int64)
    )
    cells: dict[tuple[str, str], tuple[str, str]] = {}
    for term, term_codes in zip(chosen.terms, codes):
        # parsimonious terms the configuration lies inside: all their literals are in it
        inside = np.all((core_codes == 0) | (core_codes == term_codes), axis=1)
        core_literals = np.any(core_codes[inside] != 0, axis=0) if inside.any() else None
        for j, condition in enumerate(conditions):
            code = int(term_codes[j])
            if code == 0:
                continue
            presence = ABSENT if (code == 1 and solution.truth_table.noflevels[j] == 2) else PRESENT
            strength = CORE if core_literals is not None and core_literals[j] else PERIPHERAL
            cells[(condition, term)] = (presence, strength)
    fit = pd.DataFrame(
        [
            [float(chosen.term_fit[t][k]) for k in ("inclS", "PRI", "covS", "covU")]
            for t in chosen.terms
        ],
        index=pd.Index(list(chosen.terms), name="configuration"),
        columns=["inclS", "PRI", "covS", "covU"],
    )
    return ConfigurationChart(
        conditions,
        tuple(chosen.terms),
        cells,
        fit,
        {k: float(chosen.fit[k]) for k in ("inclS", "PRI", "covS")},
        f"{chosen.name} ({solution.outcome})",
    )
