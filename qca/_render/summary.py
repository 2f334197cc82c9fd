"""``summary()`` of a result: a :class:`Summary`, a small immutable value shown as text or HTML.

A summary says what was computed (the options, the cut-offs, the outcome, the relation), shows
the table(s) capped at :data:`~qca._render.limits.MAX_ROWS` rows, and explains the columns and
the ``-`` of an undefined figure, in the spirit of statsmodels' ``summary()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from .ambiguity import ambiguity_line
from .categories import category_legend, labelled_level, labelled_term, outcome_labels
from .html import summary_html
from .limits import MAX_BLOCKS, MAX_ROWS
from .text import (
    NA_MEANING,
    format_cut,
    join_capped,
    models_found,
    more_note,
    shorten,
    summary_text,
)

if TYPE_CHECKING:
    from ..fit import FitTable
    from ..minimize import Solution
    from ..necessity import NecessityResult
    from ..theory import ModelFitResult
    from ..truthtable import TruthTable

__all__ = [
    "Summary",
    "SummaryTable",
    "fit_summary",
    "model_fit_summary",
    "necessity_summary",
    "solution_summary",
    "truth_table_summary",
]

_LEGEND = {
    "inclS": "inclS consistency of sufficiency",
    "PRI": "PRI proportional reduction in inconsistency",
    "covS": "covS coverage",
    "covU": "covU unique coverage (not defined for the whole expression or a single set)",
    "inclN": "inclN consistency of necessity",
    "RoN": "RoN relevance of necessity",
    "covN": "covN coverage of necessity",
}


@dataclass(frozen=True, slots=True)
class SummaryTable:
    """One table of a :class:`Summary`: labelled rows of values (at most ``MAX_ROWS``).

    Attributes
    ----------
    columns : tuple of str
    index : tuple of str
        The row labels.
    rows : tuple of tuple
        The values shown (figures at full precision; rounded when displayed).
    caption : str
    hidden : int
        Rows left out; ``attr`` (such as ``"result.table"``) has them all.
    attr : str
    noun : str
        What a row is (``"row"``, ``"expression"``), for the note on hidden rows.
    """

    columns: tuple[str, ...]
    index: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    caption: str = ""
    hidden: int = 0
    attr: str = ""
    noun: str = "row"

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        caption: str = "",
        attr: str = "",
        noun: str = "row",
        labels: Sequence[str] | None = None,
        max_rows: int = MAX_ROWS,
    ) -> SummaryTable:
        """The first ``max_rows`` rows of ``frame`` (its index, or ``labels``, as row labels)."""
        shown = frame.iloc[:max_rows]
        names = [str(i) for i in frame.index] if labels is None else list(labels)
        return cls(
            columns=tuple(str(c) for c in frame.columns),
            index=tuple(names[:max_rows]),
            rows=tuple(tuple(row) for row in shown.itertuples(index=False)),
            caption=caption,
            hidden=len(frame) - len(shown),
            attr=attr,
            noun=noun,
        )

    def to_frame(self) -> pd.DataFrame:
        """The rows shown, as a DataFrame."""
        return pd.DataFrame(list(self.rows), index=pd.Index(self.index), columns=list(self.columns))


@dataclass(frozen=True, slots=True)
class Summary:
    """What a result is, at a glance: ``str()`` gives text, a notebook shows HTML.

    Attributes
    ----------
    title : str
    header : tuple of (str, str)
        Key and value lines: the outcome, the relation, the options.
    tables : tuple of SummaryTable
    notes : tuple of str
        What the columns and ``-`` mean; what is left out.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> print(qca.fit(["DEV", "URB"], lf, "SURV", "necessity").summary())
    Necessity for SURV
    ==================
    relation: necessity: is each set necessary for SURV (SURV a subset of it)?
    outcome:  SURV
    sets:     DEV, URB
    cases:    18
    <BLANKLINE>
         inclN    RoN   covN
    ------------------------
    DEV  0.831  0.811  0.775
    URB  0.539  0.899  0.771
    ------------------------
    <BLANKLINE>
    inclN consistency of necessity; RoN relevance of necessity; covN coverage of necessity
    - : undefined (0/0: no membership in the denominator)
    """

    title: str
    header: tuple[tuple[str, str], ...] = ()
    tables: tuple[SummaryTable, ...] = ()
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        return summary_text(self)

    def __repr__(self) -> str:
        return f"<Summary: {self.title}; {len(self.tables)} table(s)>"

    def _repr_html_(self) -> str:
        return summary_html(self)


def _relation(relation: str, outcome: str, what: str) -> str:
    if relation == "necessity":
        return f"necessity: is each {what} necessary for {outcome} ({outcome} a subset of it)?"
    return f"sufficiency: is each {what} sufficient for {outcome} (a subset of {outcome})?"


def _legend(columns: Sequence[str]) -> str:
    return "; ".join(_LEGEND[c] for c in columns if c in _LEGEND)


def fit_summary(result: FitTable) -> Summary:
    """``summary()`` of a :class:`~qca.FitTable`."""
    table = result.table
    header = [
        ("relation", _relation(result.relation, result.outcome, "set")),
        ("outcome", result.outcome),
    ]
    if result.expression is not None:
        header.append(("expression", str(result.expression)))
    else:
        sets = [str(label) for label in table.index]
        header.append(
            (
                "sets",
                ", ".join(sets[:MAX_ROWS])
                + (
                    f" {more_note(len(sets) - MAX_ROWS, 'set', 'result.table')}"
                    if len(sets) > MAX_ROWS
                    else ""
                ),
            )
        )
    header.append(("cases", str(len(result.memberships))))
    return Summary(
        title=f"{result.relation.capitalize()} for {result.outcome}",
        header=tuple(header),
        tables=(SummaryTable.from_frame(table, attr="result.table"),),
        notes=(_legend(table.columns), NA_MEANING),
    )


def necessity_summary(result: NecessityResult) -> Summary:
    """``summary()`` of a :class:`~qca.NecessityResult`."""
    table = result.table
    options = dict(result.options)
    cuts = ", ".join(f"{k}={v}" for k, v in options.items() if k.endswith("_cut"))
    header = (
        ("relation", _relation(result.relation, result.outcome, "expression")),
        ("outcome", result.outcome),
        ("conditions", ", ".join(result.conditions)),
        ("cut-offs", cuts),
        ("depth", f"{options.get('depth')} (conditions in an expression, at most)"),
        ("found", f"{len(table)} expression(s)"),
    )
    notes = [_legend(table.columns), NA_MEANING]
    if table.empty:
        notes.insert(0, "No expression passes the cut-offs.")
    return Summary(
        title=f"{result.relation.capitalize()} relations for {result.outcome}",
        header=header,
        tables=(SummaryTable.from_frame(table, attr="result.table"),),
        notes=tuple(notes),
    )


def model_fit_summary(result: ModelFitResult) -> Summary:
    """``summary()`` of a :class:`~qca.theory.ModelFitResult`."""
    fits = result.fits
    tables = []
    for item in fits[:MAX_BLOCKS]:
        labels = []
        for label in (str(label) for label in item.table.index):
            expression = item.expression_text(label)
            labels.append(
                label if expression in (None, label) else f"{label}: {shorten(expression)}"
            )
        frame = item.table.assign(
            cases=[",".join(item.cases[str(label)]) for label in item.table.index]
        )
        tables.append(
            SummaryTable.from_frame(
                frame,
                caption=f"{item.name}: {item.model}",
                labels=labels,
                attr=f"result[{item.name!r}].table",
            )
        )
    header = [
        ("outcome", result.outcome),
        ("theory", str(result.theory)),
        ("conditions", ", ".join(result.conditions)),
        ("models", str(len(fits))),
    ]
    notes = [
        (
            "Regions: model*theory expected and found; model*~theory found, not expected; "
            "~model*theory expected, not found; ~model*~theory neither. "
            "cases: members above 0.5."
        ),
        _legend(("inclS", "PRI", "covS")),
        NA_MEANING + "; an empty region has no figures",
    ]
    if len(fits) > MAX_BLOCKS:
        notes.insert(0, more_note(len(fits) - MAX_BLOCKS, "model", "result.fits"))
    return Summary(
        title=f"Model fit against the theory {result.theory} for {result.outcome}",
        header=tuple(header),
        tables=tuple(tables),
        notes=tuple(notes),
    )


def _condition_levels(tt: TruthTable) -> str:
    dont_care = getattr(tt, "dont_care", ())
    kinds = [
        "fuzzy" if fuzzy else ("crisp" if levels == 2 else "multi-value")
        for levels, fuzzy in zip(tt.noflevels, tt.fuzzy, strict=True)
    ]
    # tQCA: the placeholder "-" is the last of the counted levels
    kinds = [
        f"{'crisp' if n == 3 else 'multi-value'} and '-' (tQCA)" if c in dont_care else kind
        for c, n, kind in zip(tt.conditions, tt.noflevels, kinds, strict=True)
    ]
    if len(set(tt.noflevels)) == 1 and len(set(kinds)) == 1:
        return f"{tt.noflevels[0]} each ({kinds[0]})"
    return ", ".join(
        f"{name} {levels} ({kind})"
        for name, levels, kind in zip(tt.conditions, tt.noflevels, kinds, strict=True)
    )


def truth_table_summary(tt: TruthTable) -> Summary:
    """``summary()`` of a :class:`~qca.TruthTable`: outcome, conditions and their levels,
    cut-offs, rows by ``OUT``, remainders, cases, and the table (at most ``MAX_ROWS`` rows)."""
    counts = tt.counts()
    table = tt.table
    observed, below = counts["observed"], counts["below_n_cut"]
    contradictions = counts["contradictions"]
    rows = (
        f"{observed:,} observed: {counts['positive']:,} positive (1), "
        f"{counts['negative']:,} negative (0), {contradictions:,} "
        f"contradiction{'' if contradictions == 1 else 's'} (C)"
    )
    if below:
        rows += f", {below:,} below n_cut (?)"
    remainders = f"{tt.n_rows - observed:,} unobserved of {tt.n_rows:,} configurations, " + (
        "listed (complete=True)" if tt.complete else "not listed (complete=False)"
    )
    if below:
        remainders += f"; {counts['remainders']:,} remainders with the observed rows below n_cut"
    cases = f"{len(tt.memberships)}"
    if tt.half_cases:
        cases += (
            f"; {len(tt.half_cases)} with a membership of exactly 0.5, in no row: "
            f"{join_capped(list(tt.half_cases), sep=', ', limit=10)}"
        )
    header = (
        ("outcome", tt.outcome),
        ("conditions", ", ".join(tt.conditions)),
        ("levels", _condition_levels(tt)),
        (
            "cut-offs",
            f"incl_cut={format_cut(tt.incl_cut)}, n_cut={tt.n_cut}, pri_cut={tt.pri_cut:g}"
            + (
                ""
                if tt.inf_test is None
                else f"; OUT from R's binomial test at alpha={tt.inf_test.alpha:g}"
            ),
        ),
        ("rows", rows),
        ("remainders", remainders),
        ("cases", cases),
        *(("categories", "; ".join(category_legend(tt.categories))),) * bool(tt.categories),
    )
    shown = table.iloc[:MAX_ROWS]
    labelled = {
        name: [labelled_level(labels, int(v)) for v in shown[name]]
        for name, labels in tt.categories.items()
        if name in tt.conditions
    }
    for name in getattr(tt, "dont_care", ()):  # tQCA: the placeholder's level shows as "-"
        placeholder = tt.noflevels[tt.conditions.index(name)] - 1
        cells = labelled.get(name, [str(int(v)) for v in shown[name]])
        labelled[name] = [
            "-" if int(v) == placeholder else cell for v, cell in zip(shown[name], cells)
        ]
    out_labels = outcome_labels(tt.outcome, tt.categories)
    frame = (
        shown[[*tt.conditions, "n", "incl", "PRI"]]
        .assign(**labelled)
        .assign(
            OUT=[out_labels.get(v, v) for v in shown["OUT"].astype(str)],
            cases=[",".join(names) for names in shown["cases"]],
        )
    )
    pvalues = [c for c in ("pval1", "pval0") if c in table.columns]
    frame = frame.assign(**{c: shown[c] for c in pvalues})
    frame = frame[[*tt.conditions, "OUT", "n", "incl", "PRI", *pvalues, "cases"]]
    listing = replace(
        SummaryTable.from_frame(frame, attr="tt.table"), hidden=len(table) - len(shown)
    )
    return Summary(
        title=f"Truth table for {tt.outcome}",
        header=header,
        tables=(listing,),
        notes=(
            "OUT output value: 1 positive, 0 negative, C contradiction, ? remainder; "
            "n number of cases in the configuration (membership above 0.5); incl "
            "sufficiency inclusion score; PRI proportional reduction in inconsistency"
            + (
                "; pval1 (pval0) p-value of the binomial test that the row's inclusion exceeds "
                "ic1 (ic0)"
                if tt.inf_test is not None
                else ""
            ),
            NA_MEANING,
        ),
    )


def _option_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_option_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_option_text(v)}" for k, v in value.items()) + "}"
    return repr(value) if isinstance(value, str) else str(value)


def _solution_counts(sol: Solution) -> str:
    models = f"{len(sol.models):,} model{'' if len(sol.models) == 1 else 's'}"
    if sol.truncated:
        models += f" listed of {models_found(sol)} (truncated: raise max_models)"
    return f"{len(sol.prime_implicants):,} prime implicants; {models}"


def solution_summary(sol: Solution) -> Summary:
    """``summary()`` of a :class:`~qca.minimize.Solution`: outcome, conditions, kind, options,
    counts, essential PIs, model ambiguity, each model's fit (at most ``MAX_ROWS`` models) and
    the terms' fit (at most ``MAX_ROWS`` terms)."""
    options = sol.options
    amb = sol.ambiguity()
    kind = str(options.get("kind", ""))

    def show(expression: str) -> str:
        return labelled_term(expression, sol.categories)

    shown = ("include", "exclude", "dir_exp", "row_dom", "all_sol", "pi_cons", "sol_cons")
    header = [
        ("outcome", sol.outcome),
        ("conditions", ", ".join(sol.conditions)),
        ("kind", kind),
        (
            "options",
            ", ".join(f"{k}={_option_text(options[k])}" for k in shown if k in options),
        ),
        (
            "counts",
            _solution_counts(sol)
            + (" (PIs of the parsimonious solution)" if sol.intermediate else ""),
        ),
        (
            "essential" if not sol.intermediate else "essential (parsimonious)",
            join_capped([show(t) for t in sol.essential], sep=", ", limit=MAX_BLOCKS)
            if sol.essential
            else "none",
        ),
        ("ambiguity", ambiguity_line(amb)),
    ]
    if amb.in_some:
        header.append(
            (
                "in some models",
                join_capped(
                    [f"{show(pi)} ({amb.frequency[pi]}/{amb.n_models})" for pi in amb.in_some],
                    sep=", ",
                    limit=MAX_BLOCKS,
                ),
            )
        )
    if sol.intermediate:
        conservative = len({pair.conservative for pair in sol.intermediate})
        parsimonious = len({pair.parsimonious for pair in sol.intermediate})
        header.append(
            (
                "pairs",
                f"{len(sol.intermediate)} C×P pair(s) ({conservative} conservative × "
                f"{parsimonious} parsimonious model(s))",
            )
        )
    if sol.categories:
        header.append(("categories", "; ".join(category_legend(sol.categories))))
    models = sol.models[:MAX_ROWS]
    fit = pd.DataFrame(
        [[m.fit[k] for k in ("inclS", "PRI", "covS")] for m in models],
        columns=["inclS", "PRI", "covS"],
    )
    labels = [f"{m.name}: {shorten(show(m.expression))}" for m in models]
    tables = (
        replace(
            SummaryTable.from_frame(
                fit, caption="Models", attr="sol.models", noun="model", labels=labels
            ),
            hidden=len(sol.models) - len(models),
        ),
        SummaryTable.from_frame(
            sol.terms.rename(index=show),
            caption="Terms (covU against all models' terms)",
            attr="sol.terms",
            noun="term",
        ),
    )
    return Summary(
        title=f"{kind.capitalize()} solution for {sol.outcome}".strip(),
        header=tuple(header),
        tables=tables,
        notes=(
            "Essential: PIs in every model. " + _legend(("inclS", "PRI", "covS", "covU")),
            NA_MEANING,
        ),
    )
