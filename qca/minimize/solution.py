"""Result objects of :func:`qca.minimize`: :class:`Model`, :class:`IntermediatePair`,
:class:`Solution`.

The parameters of fit they carry are computed as R's ``pof()`` does inside ``minimize()`` (see
:mod:`qca.minimize.models`): ``inclS``, ``PRI``, ``covS`` of each term and model over all cases;
``covU`` of a term within a model is ``covS(model) - covS(model without the term)``; in the
``terms`` table of a solution it is computed against the union of the terms of all its models.

Terms are public as text (``Model.terms``, ``Solution.prime_implicants``: R's spelling, what
users compare with); a model also keeps its implicant codes (:attr:`Model.implicants`) and gives
its terms as objects (:meth:`Model.to_expression`), so that nothing needs to parse the text back.
The printed views (``__str__``, ``__repr__``, ``_repr_html_``) are kept together at the end of
this module.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..exceptions import QCAError
from ..expressions import Expression, Term, parse

__all__ = ["FIT_COLUMNS", "IntermediatePair", "Model", "Solution", "cases_text"]

#: The columns of a term's fit, in R's order.
FIT_COLUMNS = ("inclS", "PRI", "covS", "covU")


def cases_text(groups: Sequence[Sequence[str]]) -> str:
    """The cases of a term as R lists them: ``"a,b; c"`` (``;`` between truth-table rows)."""
    return "; ".join(",".join(group) for group in groups)


@dataclass(frozen=True)
class Model:
    """One minimal model (a sum of prime implicants).

    Attributes
    ----------
    name : str
        ``"M1"``, ``"M2"``, ...
    terms : tuple of str
        The terms, in R's order (PI-chart order).
    essential : tuple of str
        Which of the terms are in every model of the solution (R prints the others in
        parentheses).
    fit : dict
        ``inclS``, ``PRI``, ``covS`` of the model (the union of its terms).
    term_fit : dict
        ``{term: {"inclS", "PRI", "covS", "covU"}}``; ``covU`` within this model.
    outcome : str
        The outcome, for printing.
    implicants : ndarray of int64, shape (n_terms, n_conditions), read-only
        The terms as implicant codes over ``conditions`` (``0`` = condition absent, ``v + 1`` =
        level ``v``), row ``i`` for ``terms[i]``. None for a model made by hand.
    conditions : tuple of str
        The conditions of the analysis (the columns of ``implicants``).
    noflevels : tuple of int
        Number of levels of each condition.
    multivalue : bool
        Whether the terms are spelled with levels (``A[1]``), as in a multi-value analysis.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> model = qca.minimize(tt, include="?").models[0]
    >>> model.terms
    ('DEV*~IND', 'URB*STB')
    >>> model.implicants.tolist()
    [[2, 0, 0, 1, 0], [0, 2, 0, 0, 2]]
    >>> model.to_expression().terms[0].literals[1]
    Literal(condition='IND', values=frozenset({0}))
    """

    name: str
    terms: tuple[str, ...]
    essential: tuple[str, ...]
    fit: Mapping[str, float]
    term_fit: Mapping[str, Mapping[str, float]]
    outcome: str = ""
    implicants: npt.NDArray[np.int64] | None = field(default=None, repr=False, compare=False)
    conditions: tuple[str, ...] = field(default=(), repr=False, compare=False)
    noflevels: tuple[int, ...] = field(default=(), repr=False, compare=False)
    multivalue: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.implicants is not None:
            codes = np.array(self.implicants, dtype=np.int64)
            shape = (len(self.terms), len(self.conditions))
            if codes.size != shape[0] * shape[1]:
                raise QCAError(
                    f"Model: `implicants` must hold one row of {shape[1]} codes (one per "
                    f"condition) for each of the {shape[0]} terms; got shape {codes.shape}."
                )
            codes = codes.reshape(shape)
            # a copy, read-only: the model is immutable, and the caller's array stays its own
            codes.setflags(write=False)
            object.__setattr__(self, "implicants", codes)

    @property
    def expression(self) -> str:
        """The model as text: ``"DEV*~IND + URB*STB"``."""
        return " + ".join(self.terms)

    def to_expression(self) -> Expression:
        """The model as an :class:`~qca.expressions.Expression`: its terms as
        :class:`~qca.expressions.Term` objects, in the order of :attr:`terms` (each prints as the
        term it stands for), over :attr:`conditions` and :attr:`noflevels`.

        A model made by hand, without :attr:`implicants`, has its text parsed.
        """
        if self.implicants is None:
            return parse(
                self.expression,
                conditions=list(self.conditions) or None,
                noflevels=list(self.noflevels) or None,
            )
        terms = tuple(
            Term.from_implicant(codes, self.conditions, self.multivalue)
            for codes in self.implicants
        )
        return Expression(terms, conditions=self.conditions, noflevels=self.noflevels or None)

    def __str__(self) -> str:
        return f"{self.name}: {self.expression} -> {self.outcome}"

    def __repr__(self) -> str:
        return f"<Model {self.name}: {self.expression}>"

    def to_dict(self) -> dict[str, Any]:
        """``{"terms": [...], "fit": {...}, "term_fit": {term: {...}}}``."""
        return {
            "terms": list(self.terms),
            "fit": {k: _num(v) for k, v in self.fit.items()},
            "term_fit": {t: {k: _num(v) for k, v in f.items()} for t, f in self.term_fit.items()},
        }


@dataclass(frozen=True)
class IntermediatePair:
    """The intermediate solution of one conservative x parsimonious model pair (``C1P1``, ...).

    Attributes
    ----------
    label : str
    conservative, parsimonious : tuple of str
        The terms of the two models.
    easy_counterfactuals : tuple of int
        Simplifying assumptions of the parsimonious model allowed by the directional
        expectations (truth-table row ids); the other ones are ``difficult_counterfactuals``.
    prime_implicants, essential : tuple of str
    pi_chart : dict
        ``{PI: (row ids covered)}``.
    models : tuple of Model
    """

    label: str
    conservative: tuple[str, ...]
    parsimonious: tuple[str, ...]
    easy_counterfactuals: tuple[int, ...]
    difficult_counterfactuals: tuple[int, ...]
    prime_implicants: tuple[str, ...]
    essential: tuple[str, ...]
    pi_chart: Mapping[str, tuple[int, ...]]
    models: tuple[Model, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "conservative": list(self.conservative),
            "parsimonious": list(self.parsimonious),
            "easy_counterfactuals": list(self.easy_counterfactuals),
            "difficult_counterfactuals": list(self.difficult_counterfactuals),
            "prime_implicants": list(self.prime_implicants),
            "essential": list(self.essential),
            "pi_chart": {k: list(v) for k, v in self.pi_chart.items()},
            "models": [m.to_dict() for m in self.models],
        }


def _num(value: float) -> float | None:
    value = float(value)
    return None if np.isnan(value) else value


@dataclass(frozen=True)
class Solution:
    """The result of :func:`qca.minimize`.

    Attributes
    ----------
    outcome : str
        The outcome as analysed (``"~Y"`` when negated).
    conditions : tuple of str
    prime_implicants : tuple of str
        The rows of the PI chart, in R's order (after row dominance when asked).
    positive_rows : tuple of int
        The columns of the PI chart: truth-table row ids of the positive (explained) rows.
    essential : tuple of str
        PIs found in every model (R's definition: the ones printed outside parentheses).
    models : tuple of Model
        Every minimal model, M1, M2, ... in R's order (with ``dir_exp``: the distinct
        intermediate models over all pairs, in order of first appearance; ``all_sol=True``:
        every irredundant model).
    simplifying_assumptions : mapping
        ``{model name: (remainder row ids used)}`` for each parsimonious model (empty tuples for
        a conservative solution). With ``dir_exp``, of the parsimonious models. Each model's
        rows are computed when first read (a short term can hold millions of remainders).
    intermediate : tuple of IntermediatePair
        Empty without ``dir_exp``.
    parsimonious_models : tuple of Model
        With ``dir_exp``: the parsimonious models the pairs are built from; empty otherwise.
    terms : pandas.DataFrame
        Fit of every term used by some model: ``inclS``, ``PRI``, ``covS``, ``covU`` (against
        the union of all models' terms) and ``cases``.
    truncated : bool
        True when more than ``max_models`` models exist (``n_models`` says how many).
    n_models : int or None
    options : dict
        Every argument of the call and the qca version.
    truth_table : TruthTable
        The truth table that was minimized (with its memberships), so that later steps such as
        :func:`qca.model_fit` need nothing else.
    """

    outcome: str
    conditions: tuple[str, ...]
    prime_implicants: tuple[str, ...]
    positive_rows: tuple[int, ...]
    essential: tuple[str, ...]
    models: tuple[Model, ...]
    simplifying_assumptions: Mapping[str, tuple[int, ...]]
    intermediate: tuple[IntermediatePair, ...]
    parsimonious_models: tuple[Model, ...]
    truncated: bool
    n_models: int | None
    options: Mapping[str, Any]
    truth_table: Any = field(repr=False, compare=False)
    _chart: np.ndarray = field(repr=False)
    _terms: pd.DataFrame = field(repr=False)
    _cases: Mapping[str, tuple[tuple[str, ...], ...]] = field(repr=False)

    # -- accessors ---------------------------------------------------------------------------
    @property
    def pi_chart(self) -> pd.DataFrame:
        """PIs x positive rows, ``True`` where the PI covers the row (a copy)."""
        return pd.DataFrame(
            self._chart.copy(),
            index=pd.Index(self.prime_implicants, name="PI"),
            columns=pd.Index(self.positive_rows, name="row"),
        )

    @property
    def terms(self) -> pd.DataFrame:
        """Fit of every term used by some model (a copy)."""
        return self._terms.copy()

    @property
    def easy_counterfactuals(self) -> dict[str, tuple[int, ...]]:
        """``{pair label: easy counterfactual row ids}`` (intermediate solutions only)."""
        return {pair.label: pair.easy_counterfactuals for pair in self.intermediate}

    def cases(self, term: str) -> tuple[str, ...]:
        """Case names in the positive rows the term covers."""
        return tuple(name for group in self._cases.get(term, ()) for name in group)

    # -- exports -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON description (see ``docs/cli.md``)."""
        pi_chart = {
            pi: [int(r) for r, hit in zip(self.positive_rows, row) if hit]
            for pi, row in zip(self.prime_implicants, self._chart.tolist())
        }
        return {
            "outcome": self.outcome,
            "conditions": list(self.conditions),
            "prime_implicants": list(self.prime_implicants),
            "pi_chart": pi_chart,
            "essential": list(self.essential),
            "models": [m.to_dict() for m in self.models],
            "terms": {
                t: {**{k: _num(row[k]) for k in FIT_COLUMNS}, "cases": row["cases"]}
                for t, row in self._terms.iterrows()
            },
            "intermediate": [pair.to_dict() for pair in self.intermediate],
            "simplifying_assumptions": {
                k: list(v) for k, v in self.simplifying_assumptions.items()
            },
            "truncated": self.truncated,
            "n_models": self.n_models,
            "options": dict(self.options),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one line per model and term (``model, term, inclS, PRI, covS, covU,
        cases``)."""
        records = []
        for model in self.models:
            for term in model.terms:
                fit = model.term_fit[term]
                records.append(
                    {
                        "model": model.name,
                        "term": term,
                        **{k: fit[k] for k in FIT_COLUMNS},
                        "cases": cases_text(self._cases.get(term, ())),
                    }
                )
        return pd.DataFrame.from_records(records, columns=["model", "term", *FIT_COLUMNS, "cases"])

    # -- views -------------------------------------------------------------------------------
    def __repr__(self) -> str:
        kind = self.options.get("kind", "")
        models = "; ".join(m.expression for m in self.models[:3])
        more = f" (+{len(self.models) - 3} more)" if len(self.models) > 3 else ""
        return (
            f"<Solution {kind}: {len(self.models)} model(s), {len(self.prime_implicants)} PIs; "
            f"{models}{more} -> {self.outcome}>"
        )

    @property
    def _label(self) -> str:
        return self.models[0].outcome if self.models else self.outcome

    def __str__(self) -> str:
        lines: list[str] = []
        if self.intermediate:
            groups: dict[tuple[str, ...], list[str]] = {}
            models: dict[tuple[str, ...], list[Model]] = {}
            for pair in self.intermediate:
                key = tuple(m.expression for m in pair.models)
                groups.setdefault(key, []).append(pair.label)
                models.setdefault(key, list(pair.models))
            for key, labels in groups.items():
                lines += ["", f"From {', '.join(labels)}: ", ""]
                lines += _format_models(models[key], self._label, indent="   ")
                lines += _format_table(models[key], self._cases)
        else:
            lines.append("")
            lines += _format_models(list(self.models), self._label, indent="")
            lines += _format_table(list(self.models), self._cases, terms=self._terms)
        if self.truncated:
            lines.append(f"(showing {len(self.models)} of {self.n_models} minimal models)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(str(self))}</pre>"


# ------------------------------------------------------------------------------------------
# presentation: R's printout of a solution (used by the __str__ / __repr__ / _repr_html_ above)
# ------------------------------------------------------------------------------------------


def _model_line(model: Model, outcome: str, indent: str, width: int = 79) -> list[str]:
    """R's model line: essential terms, then the others in parentheses, wrapped as R does.

    A term goes on the current line when the line, without the ``" +"`` that follows the term,
    stays within ``width`` characters; the arrow and the outcome form the last token.
    """
    essential = [t for t in model.terms if t in model.essential]
    optional = [t for t in model.terms if t not in model.essential]
    if optional and essential:
        optional = ["(" + optional[0]] + optional[1:]
        optional[-1] = optional[-1] + ")"
    words = essential + optional
    tokens = [w + " +" for w in words[:-1]] + words[-1:]
    arrow = "<->" if abs(float(model.fit.get("covS", 0)) - 1.0) < 1e-12 else "->"
    tokens.append(f"{arrow} {outcome}")
    head = f"{model.name}:{indent} "
    lines: list[str] = []
    current = head + tokens[0]
    for token in tokens[1:]:
        bare = token[:-2] if token.endswith(" +") else token
        if len(current) + 1 + len(bare) <= width:
            current += " " + token
        else:
            lines.append(current)
            current = " " * len(head) + token
    lines.append(current)
    return lines


def _format_models(models: Sequence[Model], outcome: str, indent: str) -> list[str]:
    lines = []
    for model in models:
        lines += _model_line(model, outcome, indent)
    lines.append("")
    return lines


def _fmt(value: float) -> str:
    return "  -  " if np.isnan(value) else f"{value:.3f}"


def _format_table(
    models: Sequence[Model],
    cases: Mapping[str, tuple[tuple[str, ...], ...]],
    terms: pd.DataFrame | None = None,
) -> list[str]:
    order: list[str] = []
    for model in models:
        for term in model.terms:
            if term not in order:
                order.append(term)
    essential = [t for t in order if all(t in m.terms for m in models)]
    rest = [t for t in order if t not in essential]
    order = essential + rest if len(models) > 1 else order
    if terms is None or len(models) == 1:
        {t: models[0].term_fit.get(t, None) for t in order}
        base = {t: next(m.term_fit[t] for m in models if t in m.term_fit) for t in order}
        if len(models) > 1:
            pass  # covU against the union is only known in the terms table
        rows = {t: dict(base[t]) for t in order}
    else:
        rows = {t: {k: float(terms.loc[t, k]) for k in FIT_COLUMNS} for t in order}
    name_width = max([len(t) for t in order] + [len(m.name) for m in models]) + 3
    header = " " * name_width + "  inclS   PRI   covS   covU "
    if len(models) > 1:
        header += "".join(f"  ({m.name})" for m in models)
    header += "  cases "
    rule = "-" * (len(header) - 2) + " "
    lines = [header, rule]
    for i, term in enumerate(order, start=1):
        fit = rows[term]
        cells = "  ".join(_fmt(fit[k]) for k in FIT_COLUMNS)
        line = f"{i}".ljust(3) + term.rjust(name_width - 3) + "  " + cells + " "
        if len(models) > 1:
            for model in models:
                value = model.term_fit.get(term, {}).get("covU") if term in model.term_fit else None
                line += "  " + (_fmt(value) if value is not None else "     ") + " "
        line += " " + cases_text(cases.get(term, ())) + " "
        lines.append(line)
        if len(models) > 1 and i == len(essential) and rest:
            lines.append(rule)
    lines.append(rule)
    for model in models:
        cells = "  ".join(_fmt(model.fit[k]) for k in ("inclS", "PRI", "covS"))
        lines.append(model.name.rjust(name_width) + "  " + cells + " ")
    lines.append("")
    return lines
