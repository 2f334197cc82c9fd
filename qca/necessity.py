"""Necessity analysis: the minimal necessary (or sufficient) expressions, as R's ``superSubset``.

:func:`necessity` searches the single conditions and their negations (every level of a
multi-value condition), then conjunctions of 2, 3, ... conditions; when a conjunction is not
necessary, the disjunction of the same literals is tried (``A + ~B``). A disjunction containing a
necessary expression found among fewer conditions is trivially necessary and is dropped, so the
result lists the minimal necessary expressions, in R's order: conjunctions first, then
disjunctions, each by number of conditions, condition combination and levels.

The search follows R QCA 3.25's ``C_superSubset`` step by step, including where it stops: the
numbers of conditions 1, 2, 3 (and 4) are always searched up to ``depth``; from 5 on, the search
continues only while the previous number of conditions produced something (or nothing has been
found yet).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._core.levels import condition_levels, is_whole
from ._core.supersubset import search
from ._frozen import FrameCopy
from ._outcome import check_outcome_name, outcome_column, outcome_membership
from ._render.html import necessity_html
from ._render.summary import Summary, necessity_summary
from ._render.tables import PaperTables
from ._render.text import necessity_repr, necessity_text
from ._validation import (
    check_columns,
    check_condition_names,
    check_dataframe,
    check_fraction,
    numeric_column,
    shown,
    warn_level_gaps,
)
from .exceptions import QCAError
from .expressions import Expression, Term
from .expressions import Literal as _Lit

__all__ = ["NecessityResult", "necessity"]

# R compares with the cut-offs lowered by sqrt(machine epsilon), so that a figure equal to the
# cut-off up to rounding passes.
_TOLERANCE = np.finfo(float).eps ** 0.5


@dataclass(frozen=True, init=False)
class NecessityResult(PaperTables):
    """The expressions that pass the cut-offs, with their parameters of fit.

    Immutable: :attr:`table` and :attr:`memberships` hand out copies, :attr:`options` is a
    read-only mapping.

    Attributes
    ----------
    relation : {"necessity", "sufficiency"}
    outcome : str
    conditions : tuple of str
    table : pandas.DataFrame
        Index: the expressions as R writes them (``"LIT*STB"``, ``"DEV + ~URB"``), in R's order;
        columns ``inclN, RoN, covN`` (necessity) or ``inclS, PRI, covS`` (sufficiency).
    expressions : tuple of Expression
        The same expressions as objects (a conjunction is one term, a disjunction several);
        built on first read.
    memberships : pandas.DataFrame
        Membership of every case in every expression (columns as ``table.index``).
    options : mapping
        The arguments of the call (cut-offs, depth).

    Examples
    --------
    >>> import qca
    >>> result = qca.necessity(qca.datasets.load("LF"), "SURV")
    >>> result
    <NecessityResult: 4 necessity expression(s) for 'SURV'; incl_cut=0.9, cov_cut=0.6, ron_cut=0.0>
    >>> result.options["depth"]
    5
    """

    relation: str
    outcome: str
    conditions: tuple[str, ...]
    _table: pd.DataFrame
    _expressions: Any  # tuple of Expression, or a function that builds them on first read
    _memberships: pd.DataFrame
    options: Mapping[str, Any]

    def __init__(
        self,
        relation: str,
        outcome: str,
        conditions: Sequence[str],
        table: pd.DataFrame,
        expressions: Sequence[Expression] | Callable[[], Sequence[Expression]],
        memberships: pd.DataFrame,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        object.__setattr__(self, "relation", relation)
        object.__setattr__(self, "outcome", outcome)
        object.__setattr__(self, "conditions", tuple(conditions))
        object.__setattr__(self, "_table", table.copy(deep=False))
        object.__setattr__(
            self, "_expressions", expressions if callable(expressions) else tuple(expressions)
        )
        object.__setattr__(self, "_memberships", memberships.copy(deep=False))
        object.__setattr__(self, "options", MappingProxyType(dict(options or {})))

    table = FrameCopy("The expressions and their parameters of fit (a copy).")

    @property
    def expressions(self) -> tuple[Expression, ...]:
        """The expressions of :attr:`table` as :class:`~qca.expressions.Expression` objects."""
        if callable(self._expressions):  # built on first read: many callers want the table only
            object.__setattr__(self, "_expressions", tuple(self._expressions()))
        return self._expressions

    memberships = FrameCopy("The memberships of the cases in the expressions (a copy).")

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table`."""
        return self._table.copy()

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form: options and, per expression, its figures."""
        return {
            "relation": self.relation,
            "outcome": self.outcome,
            "conditions": list(self.conditions),
            "options": dict(self.options),
            "expressions": {
                str(label): {key: float(value) for key, value in row.items()}
                for label, row in self._table.iterrows()
            },
        }

    def summary(self) -> Summary:
        """The relation, the outcome, the cut-offs and the expressions found, explained."""
        return necessity_summary(self)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return necessity_repr(self)

    def __str__(self) -> str:
        return necessity_text(self)

    def _repr_html_(self) -> str:
        return necessity_html(self)


def _condition_matrix(
    data: pd.DataFrame, conditions: list[str], caller: str
) -> tuple[np.ndarray, list[int]]:
    """Memberships in every level of every condition, shape ``(sum(levels), n_cases)``:
    condition 0's levels, then condition 1's, ...; and the levels per condition.

    A column with a non-integer value is fuzzy (two levels: ``1 - x`` and ``x``); otherwise it
    is crisp with levels ``0 .. max`` (at least two), and a level's membership is 0/1.
    """
    values = _numeric_block(data, conditions)
    if values is None:  # something to coerce or refuse: column by column, in order
        values = np.vstack([_in_range(data, name, caller) for name in conditions])
    whole = (values == np.round(values)).all(axis=1)  # is_whole, per condition
    outside = (values < 0).any(axis=1) | (~whole & (values > 1).any(axis=1))
    if outside.any():
        _in_range(data, conditions[int(np.flatnonzero(outside)[0])], caller)  # raises
    noflevels = [2] * len(conditions)
    for j in np.flatnonzero(whole).tolist():
        warn_level_gaps(values[j], conditions[j], data.index, caller)
        noflevels[j] = condition_levels(values[j])
    offsets = np.concatenate([[0], np.cumsum(noflevels)[:-1]]).astype(np.int64)
    n_cases = values.shape[1]
    literals = np.zeros((int(sum(noflevels)), n_cases))
    fuzzy = np.flatnonzero(~whole)
    literals[offsets[fuzzy]] = 1.0 - values[fuzzy]
    literals[offsets[fuzzy] + 1] = values[fuzzy]
    crisp = np.flatnonzero(whole)
    level_rows = offsets[crisp, None] + values[crisp].astype(np.int64)
    literals[level_rows, np.arange(n_cases)] = 1.0
    return literals, noflevels


def _in_range(data: pd.DataFrame, name: str, caller: str) -> np.ndarray:
    """One condition's scores, numeric (:func:`numeric_column`) and fuzzy in [0, 1] or crisp
    levels 0, 1, 2, ... (else an error naming the first value outside, and its case)."""
    values = numeric_column(data, name, caller)
    if np.any(values < 0) or (not is_whole(values) and np.any(values > 1)):
        position = int(np.flatnonzero((values < 0) | (values > 1))[0])
        raise QCAError(
            f"{caller}: condition '{name}' has value {shown(values[position])} (case "
            f"{data.index[position]!r}); expected fuzzy memberships in [0, 1] or crisp levels "
            "0, 1, 2, ..."
        )
    return values


def _numeric_block(data: pd.DataFrame, columns: list[str]) -> np.ndarray | None:
    """The columns as one float array ``(len(columns), n_cases)`` when every one is numeric and
    finite already (else None: :func:`numeric_column` coerces and names what it refuses)."""
    if not data.columns.is_unique:
        return None
    position = {name: i for i, name in enumerate(data.columns)}
    kinds = [t.kind if isinstance(t, np.dtype) else "O" for t in data.dtypes.tolist()]
    at = [position.get(name, -1) for name in columns]
    if min(at, default=-1) < 0 or any(kinds[i] not in "fiu" for i in at):
        return None
    if all(kind in "fiu" for kind in kinds):  # one array for the frame, then the rows wanted
        values = np.ascontiguousarray(data.to_numpy(dtype=np.float64).T[at])
    else:
        values = np.vstack([data.iloc[:, i].to_numpy(dtype=np.float64) for i in at])
    return values if np.isfinite(values).all() else None


def _passes(values: np.ndarray, cut: float, tolerance: float = 0.0) -> np.ndarray:
    """Which figures reach a cut-off. A cut of 0 is no cut: every figure passes it, an undefined
    one (NaN, the 0/0 rule) included; above 0 an undefined figure never passes."""
    if cut <= 0:
        return np.ones(values.shape, dtype=bool)
    return values >= cut - tolerance


def _labelled_expressions(
    conj_codes: np.ndarray,
    disj_codes: np.ndarray,
    conditions: Sequence[str],
    noflevels: Sequence[int],
    multivalue: bool,
) -> tuple[list[str], Callable[[], list[Expression]]]:
    """Labels (as R writes them) of the implicant rows found -- the conjunctions, then the
    disjunctions -- and a function building their Expression objects (a conjunction is one
    term, a disjunction one term per literal).

    One Literal, one-literal Term and label per (condition, level), shared by every expression;
    the literals of each row are read from one ``nonzero`` of the code matrix.
    """
    offsets = np.concatenate([[0], np.cumsum(noflevels)]).astype(np.int64)
    shape = (tuple(str(c) for c in conditions), tuple(int(n) for n in noflevels))
    lit_of: dict[int, _Lit] = {}
    term_of: dict[int, Term] = {}
    label_of: dict[int, str] = {}

    lit_cond = np.repeat(np.arange(len(noflevels)), noflevels).tolist()

    def rows_of(codes: np.ndarray) -> list[list[int]]:
        """Each row's literal ids (``offsets[j] + level``), in condition order."""
        rows, cond = np.nonzero(codes)  # row-major: each row's literals in condition order
        ids = offsets[cond] + codes[rows, cond] - 1
        for i in np.unique(ids).tolist():
            if i not in lit_of:
                j = lit_cond[i]
                lit_of[i] = _Lit(shape[0][j], frozenset({i - int(offsets[j])}))
                term_of[i] = Term((lit_of[i],), multivalue=multivalue)
                label_of[i] = term_of[i].to_string(multivalue)
        flat = ids.tolist()
        ends = np.cumsum(np.bincount(rows, minlength=codes.shape[0])).tolist()
        return [flat[a:b] for a, b in zip([0, *ends[:-1]], ends)]

    conj_rows, disj_rows = rows_of(conj_codes), rows_of(disj_codes)
    name = [label_of.get(i, "") for i in range(len(lit_cond))].__getitem__
    labels = ["*".join(map(name, ids)) for ids in conj_rows]
    labels += [" + ".join(map(name, ids)) for ids in disj_rows]

    def build() -> list[Expression]:
        expressions = [
            Expression((Term(tuple([lit_of[i] for i in ids]), multivalue=multivalue),), *shape)
            for ids in conj_rows
        ]
        expressions += [Expression(tuple([term_of[i] for i in ids]), *shape) for ids in disj_rows]
        return expressions

    return labels, build


def necessity(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    incl_cut: float = 0.9,
    cov_cut: float = 0.6,
    ron_cut: float = 0.0,
    pri_cut: float = 0.0,
    depth: int | None = None,
    relation: Literal["necessity", "sufficiency"] = "necessity",
) -> NecessityResult:
    """Find the minimal necessary (or sufficient) expressions, as R's ``superSubset``.

    Parameters
    ----------
    data : pandas.DataFrame
        Cases in rows; fuzzy memberships in [0, 1] or crisp levels 0, 1, 2, ...
    outcome : str
        A column of ``data``; ``"~Y"`` for the negated outcome, ``"Y[2]"`` for a level of a
        multi-value outcome.
    conditions : sequence of str, optional
        Default: every column except the outcome.
    incl_cut : float, default 0.9
        Minimum consistency (``inclN``, or ``inclS`` for sufficiency).
    cov_cut : float, default 0.6
        Minimum coverage (``covN`` / ``covS``).
    ron_cut : float, default 0
        Minimum relevance of necessity (necessity only).
    pri_cut : float, default 0
        Minimum PRI (sufficiency only).
    depth : int, optional
        Largest number of conditions in an expression (default: all).
    relation : {"necessity", "sufficiency", "necsuf", "sufnec"}
        With ``"sufficiency"`` only conjunctions are searched, and a conjunction that contains a
        sufficient one with fewer conditions is dropped. ``"sufnec"`` (R's): the sufficiency
        search, keeping the expressions that are also necessary -- ``covS`` (which equals
        ``inclN``) must pass ``incl_cut`` too, and the columns are ``inclS, PRI, inclN``.
        ``"necsuf"``: the necessity search with ``covN`` (= ``inclS``) passing ``incl_cut``,
        columns ``inclN, RoN, inclS`` (R 3.25 stops with an error there).

    Returns
    -------
    NecessityResult
        Empty (no rows) when nothing passes the cut-offs (R stops with an error there).

    Notes
    -----
    Validated against R QCA 3.25 ``superSubset(relation = "necessity", incl.cut = 0.9,
    cov.cut = 0.5)`` on every package data set: the same expressions in the same order, and
    figures within 1e-6.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> result = qca.necessity(lf, "SURV", incl_cut=0.9, cov_cut=0.6)
    >>> print(result.to_frame().round(3))
                     inclN    RoN   covN
    LIT              0.991  0.509  0.643
    STB              0.920  0.680  0.707
    LIT*STB          0.915  0.800  0.793
    DEV + URB + IND  0.903  0.704  0.716
    """
    caller = "necessity()"
    data = check_dataframe(data, caller)
    if relation not in ("necessity", "sufficiency", "necsuf", "sufnec"):
        raise QCAError(
            f"{caller}: `relation` must be 'necessity', 'sufficiency', 'necsuf' or 'sufnec'; "
            f"got {relation!r}."
        )
    if not isinstance(outcome, str):
        raise QCAError(f"{caller}: `outcome` must be a column name (str); got {outcome!r}.")
    if outcome.strip() in data.columns:
        check_outcome_name(outcome.strip(), caller)
    outcome_name_column = outcome_column(outcome) or outcome.strip()
    if conditions is None:
        conditions = [str(c) for c in data.columns if str(c) != outcome_name_column]
    conditions = check_columns(data, check_condition_names(conditions, caller), caller)
    if outcome_name_column in conditions:
        raise QCAError(
            f"{caller}: `outcome` '{outcome_name_column}' is also listed in `conditions`."
        )
    if not conditions:
        raise QCAError(f"{caller}: no conditions to analyse.")
    incl_cut = check_fraction(incl_cut, caller, "incl_cut")
    cov_cut = check_fraction(cov_cut, caller, "cov_cut")
    ron_cut = check_fraction(ron_cut, caller, "ron_cut")
    pri_cut = check_fraction(pri_cut, caller, "pri_cut")
    if depth is None:
        depth = len(conditions)
    elif isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or depth < 1:
        raise QCAError(f"{caller}: `depth` must be a positive integer; got {depth!r}.")
    depth = min(int(depth), len(conditions))

    y, outcome_name = outcome_membership(data, outcome, caller)
    literals, noflevels = _condition_matrix(data, conditions, caller)
    multivalue = any(n > 2 for n in noflevels) or "[" in outcome or "{" in outcome
    # necsuf / sufnec (R): the search of one relation whose coverage -- the consistency of the
    # other relation -- must pass incl_cut too
    both = relation in ("necsuf", "sufnec")
    if both:
        cov_cut = incl_cut
    is_nec = relation in ("necessity", "necsuf")

    found = search(
        literals,
        noflevels,
        y,
        incl_cut=incl_cut,
        cov_cut=cov_cut,
        depth=depth,
        necessity=is_nec,
        tolerance=_TOLERANCE,
    )
    columns = ("inclN", "RoN", "covN") if is_nec else ("inclS", "PRI", "covS")
    figures = np.concatenate([found.conj_figures, found.disj_figures])
    members = np.concatenate([found.conj_members, found.disj_members])
    # the RoN / PRI cut first, so that only what is kept is built
    keep = _passes(figures[:, 1], ron_cut if is_nec else pri_cut)
    if not keep.all():
        figures, members = figures[keep], members[keep]
    labels, expressions = _labelled_expressions(
        found.conj_codes[keep[: len(found.conj_codes)]],
        found.disj_codes[keep[len(found.conj_codes) :]],
        conditions,
        noflevels,
        multivalue,
    )
    index = pd.Index(labels)
    table = pd.DataFrame(figures, index=index, columns=list(columns), copy=False)
    if both:
        table.columns = pd.Index(["inclN", "RoN", "inclS"] if is_nec else ["inclS", "PRI", "inclN"])
    memberships = pd.DataFrame(members.T, index=data.index, columns=index, copy=False)

    options: dict[str, Any] = {"incl_cut": incl_cut, "cov_cut": cov_cut}
    if is_nec:
        options["ron_cut"] = ron_cut
    else:
        options["pri_cut"] = pri_cut
    options["depth"] = depth
    return NecessityResult(
        relation=relation,
        outcome=outcome_name,
        conditions=tuple(conditions),
        table=table,
        expressions=expressions,
        memberships=memberships,
        options=options,
    )
