"""Result objects of :func:`qca.minimize`: :class:`Model` and :class:`Solution` (the pairs of an
intermediate solution, :class:`~qca.minimize.intermediate.IntermediatePair`, are built with them,
in :mod:`qca.minimize.intermediate`).

The parameters of fit they carry are computed as R's ``pof()`` does inside ``minimize()`` (see
:mod:`qca.minimize.models`): ``inclS``, ``PRI``, ``covS`` of each term and model over all cases;
``covU`` of a term within a model is ``covS(model) - covS(model without the term)``; in the
``terms`` table of a solution it is computed against the union of the terms of all its models.

Terms are public as text (``Model.terms``, ``Solution.prime_implicants``: R's spelling, what
users compare with); a model also keeps its implicant codes (:attr:`Model.implicants`) and gives
its terms as objects (:meth:`Model.to_expression`), so that nothing needs to parse the text back.
The results hold data and are immutable: mappings are read-only (``types.MappingProxyType``),
arrays are read-only and frames are handed out as copies. How they look (``__str__``,
``__repr__``, ``_repr_html_``, ``summary()``) is decided in :mod:`qca._render`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._frozen import FrameCopy
from .._render.html import solution_html
from .._render.summary import Summary, solution_summary
from .._render.tables import PaperTables
from .._render.text import solution_repr, solution_text
from ..exceptions import QCAError
from ..expressions import Expression, Term, parse

if TYPE_CHECKING:
    from .ambiguity import Ambiguity
    from .intermediate import IntermediatePair

__all__ = ["FIT_COLUMNS", "Model", "Solution", "cases_text"]

#: The columns of a term's fit, in R's order.
FIT_COLUMNS = ("inclS", "PRI", "covS", "covU")


def cases_text(groups: Sequence[Sequence[str]]) -> str:
    """The cases of a term as R lists them: ``"a,b; c"`` (``;`` between truth-table rows)."""
    return "; ".join(",".join(group) for group in groups)


def _read_only(fit: Mapping[str, float]) -> Mapping[str, float]:
    return fit if isinstance(fit, MappingProxyType) else MappingProxyType(dict(fit))


# repr=False: the class writes its own __repr__ (the generated one would only cost import time)
@dataclass(frozen=True, repr=False)
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
    fit : mapping, read-only
        ``inclS``, ``PRI``, ``covS`` of the model (the union of its terms).
    term_fit : mapping, read-only
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
    r_compatible : bool or None
        Whether R QCA lists this model too: all its terms are in R's PI chart, which on large
        charts lacks some prime implicants (see :attr:`Solution.r_prime_implicants`). None when
        not known (settings where qca does not replay R's search).

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
    r_compatible: bool | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # read-only copies: the model is immutable, and the caller's dicts stay its own. Fits
        # that are read-only views already (another model's, via dataclasses.replace, or the
        # fresh ones of build_models) are kept: copying 10,000 models x 1,000 terms took seconds
        object.__setattr__(self, "fit", _read_only(self.fit))
        if not (
            isinstance(self.term_fit, MappingProxyType)
            and set(map(type, self.term_fit.values())) <= {MappingProxyType}
        ):
            term_fit = {term: _read_only(fit) for term, fit in self.term_fit.items()}
            object.__setattr__(self, "term_fit", MappingProxyType(term_fit))
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
        """``{"terms": [...], "fit": {...}, "term_fit": {term: {...}}, "r_compatible": bool or
        None}``."""
        return {
            "terms": list(self.terms),
            "fit": {k: _num(v) for k, v in self.fit.items()},
            "term_fit": {t: {k: _num(v) for k, v in f.items()} for t, f in self.term_fit.items()},
            "r_compatible": self.r_compatible,
        }


def _num(value: float) -> float | None:
    value = float(value)
    return None if np.isnan(value) else value


@dataclass(frozen=True, repr=False)  # its own __repr__, as Model
class Solution(PaperTables):
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
        How many minimal models exist: exact whenever the listing finished or the models could
        be counted without listing them (:mod:`qca._core.count`, even when there are far more
        than could be listed); None when neither finished within the budgets.
    n_models_bound : tuple of (int, int) or None
        When ``n_models`` is None: ``(lower, upper)`` bounds on the number of minimal models
        (at least those listed; at most the product over positive rows of the PIs covering
        each, for the parts the count could not finish). None when ``n_models`` is known.
    r_prime_implicants : tuple of str or None
        The PIs R QCA's chart holds (R's CCubes search can leave some out on large charts; see
        :attr:`Model.r_compatible`), in chart order; None when not known.
    n_models_r : int or None
        How many of the listed models are R-compatible (the models R lists, when R's chart
        needs no more terms than the full one); None when not known.
    options : mapping, read-only
        Every argument of the call, the kind of solution (``"conservative"``,
        ``"parsimonious"``, ``"intermediate"``) and the qca version.
    truth_table : TruthTable
        The truth table that was minimized (with its memberships), so that later steps such as
        :func:`qca.model_fit` need nothing else.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?")
    >>> sol.models, sol.essential
    ((<Model M1: DEV*~IND + URB*STB>,), ('DEV*~IND', 'URB*STB'))
    >>> sol.to_frame().round(3)
      model      term  inclS    PRI   covS   covU             cases
    0    M1  DEV*~IND  0.815  0.721  0.284  0.194          (FI, IE)
    1    M1   URB*STB  0.874  0.845  0.520  0.430  (BE, CZ, NL, UK)
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
    n_models_bound: tuple[int, int] | None = field(default=None, repr=False, compare=False)
    r_prime_implicants: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    n_models_r: int | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # read-only mappings and chart: the solution is immutable (the lazy mapping of
        # simplifying assumptions has no setter of its own)
        if isinstance(self.simplifying_assumptions, dict):
            assumptions = MappingProxyType(dict(self.simplifying_assumptions))
            object.__setattr__(self, "simplifying_assumptions", assumptions)
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))
        chart = np.array(self._chart)
        chart.setflags(write=False)
        object.__setattr__(self, "_chart", chart)

    # -- accessors ---------------------------------------------------------------------------
    @property
    def pi_chart(self) -> pd.DataFrame:
        """PIs x positive rows, ``True`` where the PI covers the row (a copy)."""
        return pd.DataFrame(
            self._chart.copy(),
            index=pd.Index(self.prime_implicants, name="PI"),
            columns=pd.Index(self.positive_rows, name="row"),
        )

    terms = FrameCopy("Fit of every term used by some model (a copy).")

    @property
    def easy_counterfactuals(self) -> dict[str, tuple[int, ...]]:
        """``{pair label: easy counterfactual row ids}`` (intermediate solutions only)."""
        return {pair.label: pair.easy_counterfactuals for pair in self.intermediate}

    @property
    def categories(self) -> Mapping[str, Mapping[int, str]]:
        """The category labels of the truth table (``categories=`` of :func:`~qca.truth_table`):
        the printed views write ``DEV[rich]`` for ``DEV[2]``; the terms, :meth:`to_dict` and
        :meth:`to_frame` keep the plain levels."""
        return getattr(self.truth_table, "categories", MappingProxyType({}))

    def cases(self, term: str) -> tuple[str, ...]:
        """Case names in the positive rows the term covers."""
        return tuple(name for group in self._cases.get(term, ()) for name in group)

    def cases_text(self, term: str) -> str:
        """The cases of a term as R prints them: ``"a,b; c"`` (``;`` between truth-table rows;
        ``""`` for a term that covers no case)."""
        return cases_text(self._cases.get(term, ()))

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
            "n_models_bound": None if self.n_models_bound is None else list(self.n_models_bound),
            "n_models_r": self.n_models_r,
            "r_prime_implicants": None
            if self.r_prime_implicants is None
            else list(self.r_prime_implicants),
            "options": dict(self.options),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one line per model and term (``model, term, inclS, PRI, covS, covU,
        cases``); ``cases`` is the tuple of names of the cases the term covers (str), in
        truth-table row order, as the ``cases`` column of every result's ``to_frame()``
        (:meth:`cases_text` gives R's printed form, rows apart)."""
        records = []
        for model in self.models:
            for term in model.terms:
                fit = model.term_fit[term]
                records.append(
                    {
                        "model": model.name,
                        "term": term,
                        **{k: fit[k] for k in FIT_COLUMNS},
                        "cases": tuple(c for group in self._cases.get(term, ()) for c in group),
                    }
                )
        return pd.DataFrame.from_records(records, columns=["model", "term", *FIT_COLUMNS, "cases"])

    # -- views -------------------------------------------------------------------------------
    def __repr__(self) -> str:
        return solution_repr(self)

    def __str__(self) -> str:
        return solution_text(self)

    def _repr_html_(self) -> str:
        return solution_html(self)

    def ambiguity(self) -> Ambiguity:
        """Model ambiguity: the number of models, the PIs every model shares and those only
        some use (with how many models use each), and the models' fit side by side.

        Examples
        --------
        >>> import qca
        >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
        >>> qca.minimize(tt, include="?").ambiguity()
        <Ambiguity: 1 model(s), 2 PI(s) in every model, 0 in some>
        """
        # loaded on first use, not with the stage: few minimize() calls need it
        from .ambiguity import ambiguity

        return ambiguity(self.models, self.n_models if self.truncated else None)

    def plot_xy(
        self, model: str | int | None = None, term: str | int | None = None, **options: Any
    ) -> Any:
        """XY plot of a model (or one of its terms) against the outcome, with inclS, PRI and
        covS in the title; ``enhanced=True`` marks the case roles. See
        :func:`qca.plots.solution_xy` (``options`` go there). Returns the matplotlib Axes."""
        from ..plots.scatter import solution_xy

        return solution_xy(self, model, term, **options)

    def summary(self) -> Summary:
        """What the solution is, at a glance: the outcome, conditions, kind and options, the
        counts of PIs and models, the essential PIs, how ambiguous the models are and each
        model's fit (text by ``str()``, HTML in a notebook).

        Examples
        --------
        >>> import qca
        >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
        >>> print(qca.minimize(tt, include="?").summary().header[2])
        ('kind', 'parsimonious')
        """
        return solution_summary(self)
