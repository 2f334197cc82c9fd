"""Cluster and panel diagnostics (SetMethods' ``cluster``; Garcia-Castro & Arino 2016).

With pooled data -- cases observed in several clusters (countries in regions) or several
periods (a panel: units observed in years) -- one consistency figure can hide clusters where
the relation does not hold. For a set X (a term or a whole solution) and the outcome Y, with
``X[u, c]`` and ``Y[u, c]`` the memberships of unit ``u`` in cluster ``c`` (summed when a
unit has several observations in a cluster, as SetMethods' ``xtabs``):

* pooled consistency ``sum min(X, Y) / sum X`` over every observation;
* between consistency of cluster ``c``: the same over the units of ``c``;
* within consistency of unit ``u``: the same over the clusters of ``u``;
* coverages alike, with ``sum Y`` in the denominator;
* the distance of the between consistencies from the pooled one,
  ``dBP = sqrt(sum_c (b_c / sum(b) - 1 / J) ** 2)`` for J clusters, and ``dWP`` alike for the
  within consistencies over N units: 0 when every cluster (unit) has the same consistency.

With ``necessity=True`` consistency and coverage swap roles (the consistency of necessity is
the coverage of sufficiency): the headline figures and the distances are then those of
necessity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ._outcome import column_levels, outcome_membership
from ._validation import check_dataframe
from .exceptions import QCAError
from .expressions import Expression, parse

__all__ = ["ClusterDiagnostics", "ClusterResult", "cluster"]


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan
        )


def _distance(values: np.ndarray) -> float:
    # an undefined figure (0/0) counts as 1, as SetMethods' 1e-10 smoothing makes it
    values = np.where(np.isnan(values), 1.0, values)
    share = values / values.sum()
    return float(np.sqrt(np.sum((share - 1 / values.size) ** 2)))


@dataclass(frozen=True)
class ClusterDiagnostics:
    """The diagnostics of one set.

    Attributes
    ----------
    pooled_consistency, pooled_coverage : float
    between_consistency, between_coverage : pandas.Series
        One figure per cluster.
    within_consistency, within_coverage : pandas.Series
        One figure per unit.
    d_between, d_within : float
        dBP and dWP (of the consistencies; of the coverages with ``necessity``).
    """

    pooled_consistency: float
    pooled_coverage: float
    between_consistency: pd.Series
    between_coverage: pd.Series
    within_consistency: pd.Series
    within_coverage: pd.Series
    d_between: float
    d_within: float


@dataclass(frozen=True)
class ClusterResult:
    """:func:`cluster`'s result: the diagnostics of each set, the cases per cluster and unit.

    Attributes
    ----------
    sets : mapping
        ``{set label: ClusterDiagnostics}`` (the terms, then ``"expression"`` for the whole).
    necessity : bool
    cluster_sizes, unit_sizes : pandas.Series
        Number of observations per cluster / unit.
    """

    sets: Any
    necessity: bool
    cluster_sizes: pd.Series = field(repr=False)
    unit_sizes: pd.Series = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", MappingProxyType(dict(self.sets)))

    def to_frame(self) -> pd.DataFrame:
        """One row per set and figure (pooled, each cluster, each unit, the distances)."""
        kind = "necessity" if self.necessity else "sufficiency"
        rows = []
        for label, d in self.sets.items():
            rows.append((label, "pooled", "", d.pooled_consistency, d.pooled_coverage))
            for c in d.between_consistency.index:
                rows.append(
                    (label, "between", str(c), d.between_consistency[c], d.between_coverage[c])
                )
            for u in d.within_consistency.index:
                rows.append(
                    (label, "within", str(u), d.within_consistency[u], d.within_coverage[u])
                )
            rows.append((label, "dBP", "", d.d_between, np.nan))
            rows.append((label, "dWP", "", d.d_within, np.nan))
        frame = pd.DataFrame(rows, columns=["set", "figure", "group", "consistency", "coverage"])
        frame.attrs["relation"] = kind
        return frame

    def __repr__(self) -> str:
        kind = "necessity" if self.necessity else "sufficiency"
        return (
            f"<ClusterResult ({kind}): {len(self.sets)} set(s), {len(self.cluster_sizes)} "
            f"clusters, {len(self.unit_sizes)} units>"
        )

    def __str__(self) -> str:
        lines = []
        for label, d in self.sets.items():
            lines.append(f"{label}")
            lines.append(
                f"  pooled    consistency {d.pooled_consistency:.3f}  coverage "
                f"{d.pooled_coverage:.3f}"
            )
            for c in d.between_consistency.index:
                lines.append(
                    f"  between {c!s:<10} {d.between_consistency[c]:.3f}  "
                    f"{d.between_coverage[c]:.3f}"
                )
            lines.append(f"  dBP {d.d_between:.3f}  dWP {d.d_within:.3f}")
        return "\n".join(lines)


def _diagnose(
    x: np.ndarray, y: np.ndarray, units: pd.Index, clusters: pd.Index, necessity: bool
) -> ClusterDiagnostics:
    frame = pd.DataFrame({"x": x, "y": y, "u": units, "c": clusters})
    table_x = frame.pivot_table(index="u", columns="c", values="x", aggfunc="sum", fill_value=0)
    table_y = frame.pivot_table(index="u", columns="c", values="y", aggfunc="sum", fill_value=0)
    X, Y = table_x.to_numpy(float), table_y.to_numpy(float)
    both = np.minimum(X, Y)
    pooled_both = float(np.minimum(x, y).sum())
    consistency = float(_ratio(np.array(pooled_both), np.array(x.sum())))
    coverage = float(_ratio(np.array(pooled_both), np.array(y.sum())))
    b_cons = _ratio(both.sum(axis=0), X.sum(axis=0))
    b_cov = _ratio(both.sum(axis=0), Y.sum(axis=0))
    w_cons = _ratio(both.sum(axis=1), X.sum(axis=1))
    w_cov = _ratio(both.sum(axis=1), Y.sum(axis=1))
    between, within = (b_cov, w_cov) if necessity else (b_cons, w_cons)
    if necessity:
        consistency, coverage = coverage, consistency
        b_cons, b_cov, w_cons, w_cov = b_cov, b_cons, w_cov, w_cons
    return ClusterDiagnostics(
        pooled_consistency=consistency,
        pooled_coverage=coverage,
        between_consistency=pd.Series(b_cons, index=table_x.columns, name="consistency"),
        between_coverage=pd.Series(b_cov, index=table_x.columns, name="coverage"),
        within_consistency=pd.Series(w_cons, index=table_x.index, name="consistency"),
        within_coverage=pd.Series(w_cov, index=table_x.index, name="coverage"),
        d_between=_distance(between),
        d_within=_distance(within),
    )


def cluster(
    data: pd.DataFrame,
    expression: str | Expression | Any,
    outcome: str,
    unit: str | Sequence[Any],
    cluster: str | Sequence[Any],
    *,
    necessity: bool = False,
    conditions: Sequence[str] | None = None,
) -> ClusterResult:
    """Pooled, between-cluster and within-unit consistency and coverage (SetMethods' ``cluster``).

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data in long format: one row per observation (unit in a cluster / period).
    expression : str, Expression or Model
        A solution (e.g. ``solution.models[0]``) or any sum of products; every term is diagnosed,
        and the whole expression when it has several terms.
    outcome : str
        ``"Y"`` or ``"~Y"``.
    unit, cluster : str or sequence
        Columns of ``data`` (or values, one per row) naming each observation's unit and cluster.
    necessity : bool
        Diagnose necessity instead of sufficiency.
    conditions : sequence of str, optional
        The conditions an expression may use (default: every column but the outcome, the unit
        and the cluster columns).

    Returns
    -------
    ClusterResult

    Notes
    -----
    Formulas as published with SetMethods 4.0 (``cluster.diagnostics``); SetMethods adds 1e-10
    to every numerator and denominator, which changes nothing but a 0/0 (SetMethods: 1; here
    NaN, qca's rule for undefined figures -- a unit with no membership in X in any cluster has
    no within consistency). The distances count such a figure as 1, as SetMethods does.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> data = lf.assign(region=["west", "west", "east", "east", "west", "west", "south", "south",
    ...     "east", "east", "south", "east", "east", "south", "south", "east", "west", "west"])
    >>> result = qca.cluster(data, "DEV*~IND + URB*STB", "SURV", unit=list(lf.index),
    ...                      cluster="region")
    >>> d = result.sets["expression"]
    >>> round(d.pooled_consistency, 3), round(d.d_between, 3)
    (0.85, 0.259)
    """
    caller = "cluster()"
    data = check_dataframe(data, caller)
    units = _labels(data, unit, "unit", caller)
    clusters = _labels(data, cluster, "cluster", caller)
    y, _ = outcome_membership(data, outcome, caller)
    skip = {outcome.lstrip("~").strip()}
    skip |= {unit} if isinstance(unit, str) else set()
    skip |= {cluster} if isinstance(cluster, str) else set()
    names = (
        [str(c) for c in data.columns if str(c) not in skip]
        if conditions is None
        else list(conditions)
    )
    if hasattr(expression, "to_expression"):
        expression = expression.to_expression()
    if isinstance(expression, str):
        expression = parse(expression, conditions=names, noflevels=column_levels(data[names]))
    if not isinstance(expression, Expression) or not expression.terms:
        raise QCAError(f"{caller}: `expression` must be a non-empty expression or a model.")
    sets: dict[str, np.ndarray] = {
        str(term): term.membership(data).to_numpy(dtype=float) for term in expression.terms
    }
    if len(expression.terms) > 1:
        sets["expression"] = expression.membership(data).to_numpy(dtype=float)
    diagnostics = {
        label: _diagnose(x, np.asarray(y, dtype=float), units, clusters, necessity)
        for label, x in sets.items()
    }
    return ClusterResult(
        sets=diagnostics,
        necessity=bool(necessity),
        cluster_sizes=pd.Series(clusters).value_counts().sort_index(),
        unit_sizes=pd.Series(units).value_counts().sort_index(),
    )


def _labels(data: pd.DataFrame, values: Any, name: str, caller: str) -> pd.Index:
    if isinstance(values, str):
        if values not in data.columns:
            raise QCAError(f"{caller}: `{name}` column {values!r} not found in `data`.")
        out = data[values].astype(str).to_numpy()
    else:
        out = np.asarray([str(v) for v in values], dtype=object)
        if out.size != len(data):
            raise QCAError(
                f"{caller}: `{name}` has {out.size} values for {len(data)} rows of `data`."
            )
    return pd.Index(out)
