"""Theory evaluation: a model against a theory, as R QCA's ``modelFit(model, theory)``.

A *theory* is an expression stating which configurations should lead to the outcome; a *model*
is a minimization result (or any expression). Crossing the two gives four regions of the
property space (Ragin 1987, ch. 8; Schneider & Wagemann 2012, 11.3)::

    model*theory      what the theory expects and the model finds
    model*~theory     found by the model, not expected by the theory
    ~model*theory     expected by the theory, not found by the model
    ~model*~theory    neither

Each region is an expression, written as R's ``modelFit()`` writes it (the model or its negation
times the theory or its negation, multiplied out; a negation is admisc's minimal sum of products),
with its cases and its parameters of fit for the outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ._core.encode import all_configurations
from ._core.order import canonical_order
from ._core.rows import sop_truth
from ._frozen import FrameCopy
from ._outcome import column_levels, outcome_column, outcome_membership
from ._render.html import model_fit_html, theory_fit_html
from ._render.summary import Summary, model_fit_summary
from ._render.text import model_fit_repr, model_fit_text, theory_fit_repr, theory_fit_text
from ._validation import check_columns, check_dataframe
from .exceptions import ExpressionError, QCAError
from .expressions import Expression, parse
from .expressions.algebra import first_minimal_sop, universe
from .expressions.expand import multiply_out
from .fit import sufficiency_fit

__all__ = ["REGIONS", "ModelFitResult", "TheoryFit", "model_fit"]

#: The four regions, in R's order and with R's names.
REGIONS = ("model*theory", "model*~theory", "~model*theory", "~model*~theory")

_FIT_COLUMNS = ("inclS", "PRI", "covS")


@dataclass(frozen=True, init=False)
class TheoryFit:
    """One model evaluated against the theory.

    Immutable: :attr:`table` and :attr:`memberships` hand out copies; :attr:`regions` and
    :attr:`cases` are read-only mappings.

    Attributes
    ----------
    name : str
        The model's name (``"M1"``, ...; ``"M"`` for a single expression).
    model, theory : Expression
    regions : mapping of str to Expression
        The four regions :data:`REGIONS`, written as R writes them (multiplied out, not
        minimized: the fuzzy figures depend on it); an expression without terms when the region
        is empty (R prints ``"-"``).
    table : pandas.DataFrame
        ``inclS``, ``PRI``, ``covS`` for the outcome (full precision, NaN where undefined) of each
        term of the model, of ``"model"``, ``"theory"`` and of the four regions, in that order.
    cases : mapping of str to tuple of str
        For every row of ``table``: the cases with a membership above 0.5.
    memberships : pandas.DataFrame
        Membership of every case (rows) in every set of ``table`` (columns).
    """

    name: str
    model: Expression
    theory: Expression
    regions: Mapping[str, Expression]
    _table: pd.DataFrame
    cases: Mapping[str, tuple[str, ...]]
    _memberships: pd.DataFrame

    def __init__(
        self,
        name: str,
        model: Expression,
        theory: Expression,
        regions: Mapping[str, Expression],
        table: pd.DataFrame,
        cases: Mapping[str, tuple[str, ...]],
        memberships: pd.DataFrame,
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "model", model)
        object.__setattr__(self, "theory", theory)
        object.__setattr__(self, "regions", MappingProxyType(dict(regions)))
        object.__setattr__(self, "_table", table.copy(deep=False))
        object.__setattr__(self, "cases", MappingProxyType(dict(cases)))
        object.__setattr__(self, "_memberships", memberships.copy(deep=False))

    table = FrameCopy(
        "The parameters of fit of every set (a copy: changing it leaves the result alone)."
    )

    memberships = FrameCopy("The memberships of the cases in every set (a copy).")

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table` with the expression and the cases of every row (a tuple of
        case names, as the ``cases`` column of every result's ``to_frame()``)."""
        frame = self._table.copy()
        frame.insert(0, "expression", [self.expression_text(label) for label in frame.index])
        frame["cases"] = [tuple(self.cases[label]) for label in frame.index]
        return frame

    def expression_text(self, label: str) -> str | None:
        """The expression of a row of :attr:`table` (``None`` for an empty region)."""
        if label == "model":
            return str(self.model)
        if label == "theory":
            return str(self.theory)
        if label in self.regions:
            region = self.regions[label]
            return str(region) if region.terms else None
        return label

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the expressions (``None`` for an empty region), fit and cases per row."""
        return {
            "name": self.name,
            "model": str(self.model),
            "theory": str(self.theory),
            "regions": {label: self.expression_text(label) for label in REGIONS},
            "fit": {
                str(label): {
                    **{key: _number(row[key]) for key in _FIT_COLUMNS},
                    "cases": list(self.cases[label]),
                }
                for label, row in self._table.iterrows()
            },
        }

    def __str__(self) -> str:
        return theory_fit_text(self)

    def __repr__(self) -> str:
        return theory_fit_repr(self)

    def _repr_html_(self) -> str:
        return theory_fit_html(self)


@dataclass(frozen=True, slots=True)
class ModelFitResult:
    """The result of :func:`model_fit`: one :class:`TheoryFit` per model.

    Attributes
    ----------
    outcome : str
    theory : Expression
    fits : tuple of TheoryFit
        One per model, in the order of the solution's models.
    conditions : tuple of str
        The conditions of the analysis the expressions are read in.
    """

    outcome: str
    theory: Expression
    fits: tuple[TheoryFit, ...]
    conditions: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.fits)

    def __iter__(self) -> Iterator[TheoryFit]:
        return iter(self.fits)

    def __getitem__(self, key: int | str) -> TheoryFit:
        """A model's evaluation by position or by name (``result["M2"]``)."""
        if isinstance(key, str):
            for item in self.fits:
                if item.name == key:
                    return item
            raise KeyError(f"no model named {key!r}; models: {[f.name for f in self.fits]}")
        return self.fits[key]

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``model, set, expression, inclS, PRI, covS, cases``, one line per set."""
        frames = []
        for item in self.fits:
            frame = item.to_frame().rename_axis("set").reset_index()
            frame.insert(0, "model", item.name)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready; NaN as ``None``)."""
        return {
            "outcome": self.outcome,
            "theory": str(self.theory),
            "conditions": list(self.conditions),
            "models": [item.to_dict() for item in self.fits],
        }

    def summary(self) -> Summary:
        """The outcome, the theory and, per model, the regions' fit and cases, explained."""
        return model_fit_summary(self)

    def __str__(self) -> str:
        return model_fit_text(self)

    def __repr__(self) -> str:
        return model_fit_repr(self)

    def _repr_html_(self) -> str:
        return model_fit_html(self)


def _number(value: float) -> float | None:
    value = float(value)
    return None if np.isnan(value) else value


# --------------------------------------------------------------------------------------------
# model_fit()
# --------------------------------------------------------------------------------------------


def _is_truth_table(value: Any) -> bool:
    return all(hasattr(value, a) for a in ("memberships", "conditions", "noflevels", "outcome"))


def _models_of(
    model: Any, caller: str
) -> tuple[
    list[tuple[str, str | Expression, tuple[str, ...] | None]], tuple[str, ...] | None, str | None
]:
    """``[(name, expression, term labels or None)]``, the analysis' conditions and its outcome."""
    if isinstance(model, (str, Expression)):
        return [("M", model, None)], None, None
    if hasattr(model, "models") and hasattr(model, "conditions"):  # a Solution
        models = list(model.models)
        if not models:
            raise QCAError(f"{caller}: the solution has no model to evaluate.")
        return (
            [(m.name, m.expression, tuple(m.terms)) for m in models],
            tuple(str(c) for c in model.conditions),
            str(model.outcome),
        )
    if hasattr(model, "expression") and hasattr(model, "terms") and hasattr(model, "name"):
        return (
            [(model.name, model.expression, tuple(model.terms))],
            None,
            (str(model.outcome) or None),
        )
    raise QCAError(
        f"{caller}: `model` must be a Solution (from qca.minimize), a Model or an expression "
        f"string; got {type(model).__name__}."
    )


def _parse(
    text: str | Expression,
    what: str,
    conditions: Sequence[str],
    noflevels: Sequence[int],
    caller: str,
) -> Expression:
    source = text if isinstance(text, str) else text.to_string()
    try:
        expression = parse(source, conditions=conditions, noflevels=noflevels)
    except ExpressionError as error:
        raise ExpressionError(
            f"{caller}: `{what}` {source!r} is not an expression over the conditions "
            f"{list(conditions)}: {error}",
            text=source,
            position=error.position,
        ) from None
    if not expression.terms:
        raise QCAError(f"{caller}: `{what}` {source!r} is empty (no terms).")
    return expression


def model_fit(
    model: Any,
    theory: str | Expression,
    data: pd.DataFrame | Any = None,
    outcome: str | None = None,
) -> ModelFitResult:
    """Evaluate a model against a theory, as R QCA's ``modelFit(model, theory)``.

    Parameters
    ----------
    model : Solution, Model, str or Expression
        A result of :func:`qca.minimize` (every model is evaluated), one of its models, or an
        expression such as ``"DEV*~IND + URB*STB"``.
    theory : str or Expression
        The theory, an expression over the same conditions (``"DEV*STB"``).
    data : pandas.DataFrame or TruthTable, optional
        The calibrated data (cases in rows) or the truth table the model was minimized from
        (its ``memberships`` are used). Default: the truth table a :class:`~qca.Solution`
        keeps; needed when ``model`` is an expression or a single model.
    outcome : str, optional
        A column of ``data`` or an expression over its columns (``"~SURV"``). Default: the
        outcome of the solution or of the truth table.

    Returns
    -------
    ModelFitResult
        One :class:`TheoryFit` per model: the four regions ``model*theory``,
        ``model*~theory``, ``~model*theory``, ``~model*~theory`` as expressions, and for each
        term, the model, the theory and each region the parameters of fit ``inclS``, ``PRI``,
        ``covS`` and the cases with a membership above 0.5.

    Notes
    -----
    Follows R QCA 3.25 ``modelFit()``: the regions are the intersections of the model or its
    negation with the theory or its negation (``admisc::intersection`` of ``admisc::negate``),
    as minimal sums of products (:func:`qca.expressions.intersect`), and a region's
    membership is the fuzzy membership of its expression; an empty region has membership 0, so
    its ``inclS`` and ``PRI`` are undefined and, as in R, so is its ``covS``. Only the
    conditions the model and the theory use take part in the algebra.

    The minimization is Boolean, so on fuzzy data a region's membership is not exactly
    ``min(model, ~theory)``; but its membership is above 0.5 exactly when both are, hence a case
    with no score of exactly 0.5 in the conditions used is in exactly one region (and every case
    in at most one).

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> result = qca.model_fit("DEV*~IND + URB*STB", "DEV*STB", data=lf, outcome="SURV")
    >>> print(result)
    model:          DEV*~IND + URB*STB
    theory:         DEV*STB
    model*theory:   DEV*URB*STB + DEV*~IND*STB
    model*~theory:  ~DEV*URB*STB + DEV*~IND*~STB
    ~model*theory:  DEV*~URB*IND*STB
    ~model*~theory: ~DEV*~URB + ~DEV*~STB + IND*~STB
    <BLANKLINE>
                        inclS    PRI   covS   cases
    -----------------------------------------------
    1        DEV*~IND  0.815  0.721  0.284  FI,IE
    2         URB*STB  0.874  0.845  0.520  BE,CZ,NL,UK
    3           model  0.850  0.819  0.714  BE,CZ,FI,IE,NL,UK
    4          theory  0.869  0.848  0.824  BE,CZ,FI,FR,IE,NL,SE,UK
    -----------------------------------------------
    5    model*theory  0.866  0.839  0.660  BE,CZ,FI,IE,NL,UK
    6   model*~theory  0.688  0.422  0.191
    7   ~model*theory  0.709  0.634  0.237  FR,SE
    8  ~model*~theory  0.234  0.057  0.255  AU,DE,EE,ES,GR,HU,IT,PL,PT,RO
    -----------------------------------------------
    >>> result[0].regions["~model*theory"]
    Expression('DEV*~URB*IND*STB')
    >>> result[0].cases["~model*theory"]
    ('FR', 'SE')
    """
    caller = "model_fit()"
    entries, solution_conditions, solution_outcome = _models_of(model, caller)
    if not isinstance(theory, (str, Expression)):
        raise QCAError(
            f"{caller}: `theory` must be an expression string such as 'A*~B + C'; got "
            f"{type(theory).__name__}."
        )
    if data is None:
        data = getattr(model, "truth_table", None)
    if data is None:
        raise QCAError(
            f"{caller}: `data` is required: the calibrated data (DataFrame) or the TruthTable the "
            "model was minimized from."
        )
    levels_known: dict[str, int] = {}
    if _is_truth_table(data):
        frame = data.memberships
        levels_known = {str(c): int(n) for c, n in zip(data.conditions, data.noflevels)}
        default_outcome: str | None = str(data.outcome)
        default_conditions: tuple[str, ...] | None = tuple(str(c) for c in data.conditions)
    else:
        frame = check_dataframe(data, caller)
        default_outcome, default_conditions = solution_outcome, None
    if outcome is None:
        outcome = default_outcome
    if outcome is None:
        raise QCAError(
            f"{caller}: `outcome` is required when `model` is an expression and `data` a "
            "DataFrame; name a column of `data`."
        )
    # A canonical case order: the figures (sums) then do not depend on the order of the rows.
    frame = frame.iloc[canonical_order([str(c) for c in frame.index])]
    y, outcome_name = outcome_membership(frame, outcome, caller)

    conditions = solution_conditions or default_conditions
    if conditions is None:
        base = outcome_column(outcome)
        conditions = tuple(str(c) for c in frame.columns if str(c) != base)
    check_columns(frame, list(conditions), caller)
    if isinstance(outcome, str) and outcome_column(outcome) in conditions:
        raise QCAError(
            f"{caller}: `outcome` {outcome!r} is also a condition ({list(conditions)}); the "
            "outcome must be another column."
        )
    guessed = column_levels(frame[list(conditions)])
    noflevels = [levels_known.get(c, n) for c, n in zip(conditions, guessed)]

    theory_full = _parse(theory, "theory", conditions, noflevels, caller)
    parsed = [
        (name, _parse(text, "model", conditions, noflevels, caller), labels)
        for name, text, labels in entries
    ]
    # The algebra spans only the conditions in use: exact, and far smaller than all of them.
    used = set(theory_full.used_conditions)
    for _, expression, _ in parsed:
        used |= set(expression.used_conditions)
    kept = [j for j, c in enumerate(conditions) if c in used]
    context = (tuple(conditions[j] for j in kept), tuple(noflevels[j] for j in kept))
    theory_expr = Expression(theory_full.terms, *context)

    fits = []
    for name, full, labels in parsed:
        model_expr = Expression(full.terms, *context)
        try:
            fits.append(_evaluate(name, model_expr, theory_expr, labels, frame, y))
        except QCAError as error:  # a column's value: the message names model_fit()
            text = re.sub(r"^\w+\.membership\(\): ", "", str(error))
            raise QCAError(f"{caller}: {text}") from None
    return ModelFitResult(
        outcome=outcome_name, theory=theory_expr, fits=tuple(fits), conditions=tuple(conditions)
    )


def _regions(model: Expression, theory: Expression) -> dict[str, Expression]:
    """The four regions, written as R's ``modelFit()`` writes them (its fuzzy figures follow).

    R negates the model and the theory with admisc's ``invert()`` (a minimal sum of products;
    of several, the first in R's order) and writes each region with admisc's
    ``intersection()``: the product of its two sides multiplied out, without contradictory or
    absorbed terms, not minimized further.
    """
    conditions, levels = universe(
        Expression(model.terms + theory.terms, model.conditions, model.noflevels), "model_fit()"
    )
    configurations = all_configurations(levels)
    sides = {}
    for name, expression in (("model", model), ("theory", theory)):
        truth = sop_truth(expression.level_terms(conditions), configurations)
        sides[name] = expression
        sides["~" + name] = first_minimal_sop(~truth, conditions, levels, model.noflevels)
    return {
        label: multiply_out(
            sides[label.split("*")[1]],
            sides[label.split("*")[0]],
            conditions=model.conditions,
            noflevels=model.noflevels,
        )
        for label in REGIONS
    }


def _evaluate(
    name: str,
    model: Expression,
    theory: Expression,
    labels: tuple[str, ...] | None,
    frame: pd.DataFrame,
    y: np.ndarray,
) -> TheoryFit:
    regions = _regions(model, theory)
    if labels is None or len(labels) != len(model.terms):
        labels = tuple(term.to_string(model.multivalue) for term in model.terms)
    columns: dict[str, np.ndarray] = {}
    for label, term in zip(labels, model.terms):
        columns[label] = term.membership(frame).to_numpy()
    columns["model"] = model.membership(frame).to_numpy()
    columns["theory"] = theory.membership(frame).to_numpy()
    for label, region in regions.items():
        columns[label] = region.membership(frame).to_numpy()
    order = list(columns)
    x = np.vstack([columns[label] for label in order])
    figures = sufficiency_fit(x, y)
    table = pd.DataFrame({key: figures[key] for key in _FIT_COLUMNS}, index=pd.Index(order))
    # As R: a set with undefined inclusion (no membership at all) has no coverage either.
    table.loc[table["inclS"].isna(), "covS"] = np.nan
    names = [str(c) for c in frame.index]
    cases = {label: tuple(n for n, v in zip(names, columns[label]) if v > 0.5) for label in order}
    memberships = pd.DataFrame(columns, index=frame.index)
    return TheoryFit(
        name=name,
        model=model,
        theory=theory,
        regions=MappingProxyType(regions),
        table=table,
        cases=MappingProxyType(cases),
        memberships=memberships,
    )
