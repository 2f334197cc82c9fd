"""Set-theoretic case selection (Schneider & Rohlfing 2013, 2016; SetMethods' ``smmr``).

After a QCA, cases are chosen for process tracing by where they sit in the XY plot of a term or
model (``x``) against the outcome (``y``):

==============================  ============================  ====================================
role                            sufficiency                   necessity
==============================  ============================  ====================================
typical                         x > .5, y > .5, x <= y        x > .5, y > .5, x >= y
deviant consistency in degree   x > .5, y > .5, x > y         x > .5, y > .5, x < y
deviant consistency in kind     x > .5, y < .5                x < .5, y > .5
deviant coverage                x < .5, y > .5 (model)        --
deviant relevance (trivial)     --                            x > .5, y < .5
individually irrelevant (IIR)   x < .5, y < .5 (model)        x < .5, y < .5
==============================  ============================  ====================================

A membership of exactly 0.5 places a case in no role. Each role has SetMethods' score (lower is a
better pick): typical ``2(y - x) + (1 - x)`` (sufficiency) or ``2|x - y| + (1 - x)``
(necessity); deviant consistency in kind ``(1 - (x - y)) + (1 - x)`` (sufficiency) or
``1 - (y - x)`` (necessity); deviant coverage ``1 - w`` with ``w`` the case's membership in its
truth-table row (the minimum over conditions of ``max(m, 1 - m)``); deviant relevance
``(1 - (x - y)) + (1 - x)``. :func:`case_pairs` ranks the pairs for comparative designs with
SetMethods' formulas and orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._core.order import natural_key
from ._outcome import outcome_column, outcome_membership
from ._validation import check_dataframe
from .exceptions import QCAError
from .expressions import Expression, Term, as_expression

__all__ = [
    "ROLES",
    "case_pairs",
    "case_roles",
    "classify",
    "focal_conjunct_cases",
    "focal_conjunct_pairs",
    "necessity_case_pairs",
    "necessity_case_roles",
    "pick_model",
]

TYPICAL = "typical"
DEVIANT_DEGREE = "deviant consistency in degree"
DEVIANT_KIND = "deviant consistency in kind"
DEVIANT_COVERAGE = "deviant coverage"
DEVIANT_RELEVANCE = "deviant relevance"
IIR = "individually irrelevant"
#: Every role, in the order the tables list them.
ROLES = (TYPICAL, DEVIANT_DEGREE, DEVIANT_KIND, DEVIANT_COVERAGE, DEVIANT_RELEVANCE, IIR)
_ROLE_RANK = {role: i for i, role in enumerate(ROLES)}

PairKind = Literal[
    "typical-typical", "typical-iir", "typical-deviant-consistency", "deviant-coverage-iir"
]
PAIR_KINDS = (
    "typical-typical",
    "typical-iir",
    "typical-deviant-consistency",
    "deviant-coverage-iir",
)

_ROLE_COLUMNS = [
    "model",
    "level",
    "term",
    "case",
    "x",
    "y",
    "role",
    "score",
    "most",
    "uniquely_covered",
    "tt_row",
    "row_membership",
    "row_within_outcome",
]


# -- the data every selection reads ------------------------------------------------------------
class _Setting:
    """Memberships of the cases in a model's terms, the model, the outcome and the truth-table
    rows; built from a Solution or from an expression over data."""

    def __init__(
        self,
        model: str,
        expression: Expression,
        data: pd.DataFrame,
        y: np.ndarray,
        conditions: Sequence[str],
        noflevels: Sequence[int],
    ) -> None:
        self.model = model
        self.expression = expression
        self.cases = np.asarray([str(c) for c in data.index], dtype=object)
        self.y = np.asarray(y, dtype=np.float64)
        self.data = data
        self.term_names = [str(t) for t in expression.terms]
        columns = [t.membership(data).to_numpy(dtype=np.float64) for t in expression.terms]
        self.terms = np.vstack(columns) if columns else np.zeros((0, len(self.y)))
        self.x = self.terms.max(axis=0) if columns else np.zeros(len(self.y))
        self.tt_row, self.w = _truth_table_rows(data, conditions, noflevels)


def _truth_table_rows(
    data: pd.DataFrame, conditions: Sequence[str], noflevels: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """R's row id of each case's truth-table row and the case's membership in it (NaN / -1 for
    a case with a membership of exactly 0.5, which belongs to no row)."""
    n = len(data)
    row = np.zeros(n, dtype=np.int64)
    w = np.ones(n, dtype=np.float64)
    placed = np.ones(n, dtype=bool)
    for name, levels in zip(conditions, noflevels):
        values = data[name].to_numpy(dtype=np.float64)
        if levels > 2 or (levels == 2 and np.all((values == 0) | (values == 1))):
            level = values.astype(np.int64)
        else:
            level = (values > 0.5).astype(np.int64)
            placed &= values != 0.5
            w = np.minimum(w, np.maximum(values, 1.0 - values))
        row = row * levels + level
    row = np.where(placed, row + 1, -1)
    return row, np.where(placed, w, np.nan)


def _setting(
    result: Any,
    model: str | int | None,
    data: pd.DataFrame | None,
    outcome: str | None,
    caller: str,
) -> _Setting:
    if hasattr(result, "models") and hasattr(result, "truth_table"):
        if data is not None or outcome is not None:
            raise QCAError(f"{caller}: `data` and `outcome` come from the solution; pass neither.")
        chosen = pick_model(result, model, caller)
        tt = result.truth_table
        memberships = tt.memberships
        return _Setting(
            chosen.name,
            chosen.to_expression(),
            memberships,
            memberships[tt.outcome].to_numpy(dtype=np.float64),
            tt.conditions,
            tt.noflevels,
        )
    if data is None or outcome is None:
        raise QCAError(
            f"{caller}: pass a Solution, or an expression with `data` and `outcome`; "
            f"got {type(result).__name__} without data/outcome."
        )
    if model is not None:
        raise QCAError(
            f"{caller}: `model` names a model of a Solution; an expression is one model."
        )
    data = check_dataframe(data, caller)
    y, _ = outcome_membership(data, outcome, caller)
    out_name = outcome_column(outcome)
    conditions = [str(c) for c in data.columns if c != out_name]
    expression = as_expression(result)
    noflevels = [_levels(data[c]) for c in conditions]
    return _Setting(str(expression), expression, data, y, conditions, noflevels)


def _levels(column: pd.Series) -> int:
    values = column.to_numpy(dtype=np.float64)
    whole = np.all(values == np.round(values))
    top = int(values.max()) if values.size else 1
    return top + 1 if whole and top >= 2 else 2


def pick_model(solution: Any, model: str | int | None, caller: str) -> Any:
    """The model of a solution named by ``model``: its name (``"M2"``), its expression or its
    number (1 = M1); None gives M1. ``caller`` is named in the error for an unknown model."""
    models = solution.models
    if not models:
        raise QCAError(f"{caller}: the solution has no model.")
    if model is None:
        return models[0]
    if isinstance(model, (int, np.integer)) and not isinstance(model, bool):
        if 1 <= int(model) <= len(models):
            return models[int(model) - 1]
    else:
        for m in models:
            if m.name == model or m.expression == model:
                return m
    names = ", ".join(m.name for m in models[:10])
    raise QCAError(f"{caller}: `model` {model!r} is not a model of the solution (models: {names}).")


def _uniquely_covered(s: _Setting, unique_coverage: str, caller: str) -> np.ndarray:
    """Per case: member (or typical, SetMethods' typical tables) in exactly one term."""
    if unique_coverage == "member":
        inside = s.terms > 0.5
    elif unique_coverage == "typical":
        inside = (s.terms > 0.5) & (s.y > 0.5) & (s.terms <= s.y)
    else:
        raise QCAError(
            f"{caller}: `unique_coverage` must be 'member' or 'typical'; got {unique_coverage!r}."
        )
    return np.asarray(inside.sum(axis=0) == 1)


def classify(
    x: Any,
    y: Any,
    relation: Literal["sufficiency", "necessity"] = "sufficiency",
    *,
    model: bool = True,
) -> np.ndarray:
    """The role of each case (Schneider & Rohlfing 2013) from its membership ``x`` in a term,
    model or necessary condition and ``y`` in the outcome: an object array of role names
    (:data:`ROLES`), None at exactly 0.5. For sufficiency with ``model=False`` (a single term)
    the cases outside the term (``x < 0.5``) get None: deviant coverage and individual
    irrelevance are judged against the whole model.

    Examples
    --------
    >>> from qca.cases import classify
    >>> list(classify([0.8, 0.9, 0.7, 0.2, 0.1], [0.9, 0.6, 0.3, 0.8, 0.3]))
    ['typical', 'deviant consistency in degree', 'deviant consistency in kind', 'deviant coverage', 'individually irrelevant']
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if relation == "sufficiency":
        return _sufficiency_role(xs, ys, model=model)
    if relation == "necessity":
        return _necessity_role(xs, ys)
    raise QCAError(
        f"classify(): `relation` must be 'sufficiency' or 'necessity'; got {relation!r}."
    )


# -- single cases -------------------------------------------------------------------------------
def _sufficiency_role(x: np.ndarray, y: np.ndarray, *, model: bool) -> np.ndarray:
    role = np.full(x.shape, None, dtype=object)
    role[(x > 0.5) & (y > 0.5) & (x <= y)] = TYPICAL
    role[(x > 0.5) & (y > 0.5) & (x > y)] = DEVIANT_DEGREE
    role[(x > 0.5) & (y < 0.5)] = DEVIANT_KIND
    if model:
        role[(x < 0.5) & (y > 0.5)] = DEVIANT_COVERAGE
        role[(x < 0.5) & (y < 0.5)] = IIR
    return role


def _necessity_role(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    role = np.full(x.shape, None, dtype=object)
    role[(x > 0.5) & (y > 0.5) & (x >= y)] = TYPICAL
    role[(x > 0.5) & (y > 0.5) & (x < y)] = DEVIANT_DEGREE
    role[(x < 0.5) & (y > 0.5)] = DEVIANT_KIND
    role[(x > 0.5) & (y < 0.5)] = DEVIANT_RELEVANCE
    role[(x < 0.5) & (y < 0.5)] = IIR
    return role


def _mark_most(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    """True for the lowest score of each group (ties all True); False where there is no score."""
    scored = frame["score"].notna()
    best = frame[scored].groupby(by, dropna=False, sort=False)["score"].transform("min")
    most = pd.Series(False, index=frame.index)
    most[scored] = np.isclose(frame.loc[scored, "score"], best, rtol=0, atol=1e-12)
    return most


def _case_order(cases: pd.Series) -> pd.Series:
    keys = sorted(set(cases), key=natural_key)
    return cases.map({c: i for i, c in enumerate(keys)})


def case_roles(
    result: Any,
    model: str | int | None = None,
    *,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    unique_coverage: Literal["member", "typical"] = "member",
) -> pd.DataFrame:
    """Each case's role for a sufficient model and its terms (Schneider & Rohlfing 2013).

    Parameters
    ----------
    result : Solution or str or Expression
        A solution of :func:`qca.minimize` (then ``model`` picks the model, default the first),
        or a sum of products such as ``"A*~B + C"`` with ``data`` and ``outcome``.
    model : str or int, optional
        The model's name (``"M2"``), its expression, or its number (1 = ``M1``).
    data : pandas.DataFrame, optional
        Set memberships of the cases (only with an expression).
    outcome : str, optional
        The outcome (``"Y"``, ``"~Y"``; only with an expression).
    unique_coverage : {"member", "typical"}
        When a typical case is uniquely covered: ``"member"`` (Schneider & Rohlfing 2013) when it
        is a member (> 0.5) of no other term of the model; ``"typical"`` when it is typical in no
        other term, the rule of SetMethods' typical-case tables (``smmr(cases = 1)`` and the
        pairs built on them), to reproduce them.

    Returns
    -------
    pandas.DataFrame
        One row per case and term in which the case is a member (``x > 0.5``: typical, deviant
        consistency in degree or in kind) and one row per case for the whole model
        (``level == "model"``, where uncovered cases are deviant coverage or individually
        irrelevant). Columns: ``model``, ``level`` (``"term"``/``"model"``), ``term`` (the term,
        or the model's expression), ``case``, ``x`` (membership in the term or model), ``y``
        (membership in the outcome), ``role`` (see :data:`ROLES`; None at exactly 0.5),
        ``score`` (SetMethods' "Best", lower is better; NaN for roles it does not rank),
        ``most`` (the lowest score of the term and role; for deviant coverage, of the
        truth-table row), ``uniquely_covered`` (a typical case that is a member of no other
        term of the model), ``tt_row`` (R's id of the case's truth-table row, -1 for none),
        ``row_membership`` (``w``, the case's membership in that row) and
        ``row_within_outcome`` (``w <= y``, the deviant coverage cases SetMethods ranks first).
        Rows are ordered as SetMethods lists them: terms in model order, then roles, then
        uniquely covered first, score and membership (deviant coverage and IIR: by truth-table
        row), then case name.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?")
    >>> roles = qca.case_roles(sol)
    >>> roles[roles.role == "typical"][["term", "case", "score"]].head(2)
           term case  score
    0  DEV*~IND   IE   0.68
    1  DEV*~IND   FI   0.80
    """
    caller = "case_roles()"
    s = _setting(result, model, data, outcome, caller)
    alone = _uniquely_covered(s, unique_coverage, caller)
    frames = []
    for index, name in enumerate(s.term_names):
        x = s.terms[index]
        keep = x > 0.5
        frames.append(_role_frame(s, "term", name, x, keep, alone, index))
    frames.append(
        _role_frame(
            s, "model", str(s.expression), s.x, np.ones(len(s.y), bool), alone, len(s.term_names)
        )
    )
    frame = pd.concat(frames, ignore_index=True)
    frame["most"] = _mark_most(frame, ["level", "term", "role", "_group"])
    order_cols = ["_term", "_role", "_uniq", "_group", "_within", "score", "x", "_case"]
    frame = frame.sort_values(order_cols, kind="mergesort", na_position="last")
    return frame[_ROLE_COLUMNS].reset_index(drop=True)


def _role_frame(
    s: _Setting,
    level: str,
    name: str,
    x: np.ndarray,
    keep: np.ndarray,
    alone: np.ndarray,
    position: int,
) -> pd.DataFrame:
    y = s.y
    role = _sufficiency_role(x, y, model=level == "model")
    score = np.full(x.shape, np.nan)
    typ = role == TYPICAL
    score[typ] = 2 * (y[typ] - x[typ]) + (1 - x[typ])
    kind = role == DEVIANT_KIND
    score[kind] = (1 - (x[kind] - y[kind])) + (1 - x[kind])
    cov = role == DEVIANT_COVERAGE
    score[cov] = 1 - s.w[cov]
    uniq = typ & alone
    frame = _role_table(
        s,
        s.model,
        level,
        name,
        x,
        role,
        score,
        uniq,
        position,
        grouped=cov | (role == IIR),
        within=cov,
    )
    return frame[keep]


def necessity_case_roles(
    condition: str | Expression,
    data: pd.DataFrame,
    outcome: str,
) -> pd.DataFrame:
    """Each case's role for a necessary condition (Schneider & Rohlfing 2013; SetMethods'
    ``smmr(..., necessity = TRUE)``).

    Typical cases (``x > .5, y > .5, x >= y``), deviant consistency in degree (``x < y``) and in
    kind (``x < .5, y > .5``), deviant relevance (``x > .5, y < .5``: the cases that make a
    necessary condition trivial when they are many) and individually irrelevant cases.

    Parameters
    ----------
    condition : str or Expression
        The necessary condition: a literal, a conjunction or a disjunction (``"STOCK + MA"``).
    data : pandas.DataFrame
        Set memberships of the cases.
    outcome : str
        The outcome (``"Y"`` or ``"~Y"``).

    Returns
    -------
    pandas.DataFrame
        One row per case for the whole condition (``level == "condition"``) and, for a
        disjunction, per case and disjunct (``level == "disjunct"``). Columns: ``condition``,
        ``level``, ``term``, ``case``, ``x``, ``y``, ``role``, ``score`` (SetMethods' "Best",
        lower is better), ``most`` (the lowest score of the term and role; for deviant
        consistency, of the truth-table row), ``uniquely_covered`` (typical cases of a disjunct
        below 0.5 in every other disjunct), ``globally_uncovered`` (deviant consistency cases
        of a disjunct below 0.5 in every other disjunct), ``tt_row``, ``row_membership``,
        ``row_within_outcome``. Deviant consistency in kind needs ``row_membership > 0.5``
        (SetMethods' rule: the case must belong to its truth-table row).

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> roles = qca.necessity_case_roles("STB", lf, "SURV")
    >>> sorted(roles[roles.role == "typical"].case)
    ['BE', 'CZ', 'FR', 'IE', 'NL', 'UK']
    """
    caller = "necessity_case_roles()"
    s = _setting(condition, None, data, outcome, caller)
    below = s.terms < 0.5
    frames = []
    terms = s.term_names if len(s.term_names) > 1 else []
    frames.append(_necessity_frame(s, "condition", str(s.expression), s.x, None, 0))
    for index, name in enumerate(terms):
        others = np.asarray(np.delete(below, index, axis=0).all(axis=0))
        frames.append(_necessity_frame(s, "disjunct", name, s.terms[index], others, index + 1))
    frame = pd.concat(frames, ignore_index=True)
    frame["most"] = _mark_most(frame, ["level", "term", "role", "_group"])
    order = ["_term", "_role", "_uniq", "_group", "_glob", "_within", "score", "x", "_case"]
    frame = frame.sort_values(order, kind="mergesort", na_position="last")
    frame = frame.rename(columns={"model": "condition"})
    columns = [c if c != "model" else "condition" for c in _ROLE_COLUMNS]
    columns.insert(columns.index("tt_row"), "globally_uncovered")
    return frame[columns].reset_index(drop=True)


def _necessity_frame(
    s: _Setting,
    level: str,
    name: str,
    x: np.ndarray,
    others_below: np.ndarray | None,
    position: int,
) -> pd.DataFrame:
    y = s.y
    role = _necessity_role(x, y)
    # SetMethods counts a case as deviant for consistency only inside its truth-table row
    role[(role == DEVIANT_KIND) & ~(s.w > 0.5)] = None
    score = np.full(x.shape, np.nan)
    typ = role == TYPICAL
    score[typ] = 2 * np.abs(x[typ] - y[typ]) + (1 - x[typ])
    kind = role == DEVIANT_KIND
    score[kind] = 1 - (y[kind] - x[kind])
    rel = role == DEVIANT_RELEVANCE
    score[rel] = (1 - (x[rel] - y[rel])) + (1 - x[rel])
    alone = others_below if others_below is not None else np.zeros(len(y), bool)
    uniq = typ & alone
    glob = kind & alone
    frame = _role_table(
        s,
        str(s.expression),
        level,
        name,
        x,
        role,
        score,
        uniq,
        position,
        grouped=kind,
        within=kind,
    )
    frame["globally_uncovered"] = glob
    frame["_glob"] = ~glob
    return frame


def _role_table(
    s: _Setting,
    model: Any,
    level: str,
    name: str,
    x: np.ndarray,
    role: np.ndarray,
    score: np.ndarray,
    uniq: np.ndarray,
    position: int,
    *,
    grouped: np.ndarray,
    within: np.ndarray,
) -> pd.DataFrame:
    """One row per case with its role, and the private keys the listings are sorted by:
    ``grouped`` cases are ranked by truth-table row, ``within`` ones first where ``w <= y``."""
    frame = pd.DataFrame(
        {
            "model": model,
            "level": level,
            "term": name,
            "case": s.cases,
            "x": x,
            "y": s.y,
            "role": role,
            "score": score,
            "uniquely_covered": uniq,
            "tt_row": s.tt_row,
            "row_membership": s.w,
            "row_within_outcome": s.w <= s.y,
            "_term": position,
            "_role": [(_ROLE_RANK[r] if r is not None else len(ROLES)) for r in role],
            "_uniq": ~uniq,
            "_group": np.where(grouped, s.tt_row, 0),
            "_within": np.where(within, ~(s.w <= s.y), False),
        }
    )
    frame["_case"] = _case_order(frame["case"])
    return frame


# -- pairs --------------------------------------------------------------------------------------
def case_pairs(
    result: Any,
    kind: PairKind = "typical-iir",
    model: str | int | None = None,
    *,
    max_pairs: int | None = 5,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    unique_coverage: Literal["member", "typical"] = "member",
) -> pd.DataFrame:
    """The best pairs of cases for a comparative design (Schneider & Rohlfing 2013; SetMethods'
    ``smmr(match = TRUE)``), ranked as SetMethods ranks them.

    Parameters
    ----------
    result : Solution or str or Expression
        As in :func:`case_roles`.
    kind : {"typical-iir", "typical-typical", "typical-deviant-consistency", "deviant-coverage-iir"}
        * ``"typical-iir"`` (per term): a typical case of the term and an individually irrelevant
          one (``x < .5, y < .5`` in the term), the pair that shows the term makes the
          difference. Score ``(1 - (x1 - x2)) + (1 - (y1 - y2)) + 2|y1 - x1| + 2|y2 - x2|``;
          order: typical case uniquely covered, IIR case consistent (``x2 <= y2``), IIR case
          outside the whole model (``globally_uncovered``), score, most typical.
        * ``"typical-typical"`` (per term): two typical cases, the first at least as typical
          (score ``2(y - x) + (1 - x)``) as the second. Score
          ``(0.5 - (x1 - x2)) + (0.5 - (y1 - y2)) + 2|y1 - x1| + 2|y2 - x2|``; order: uniquely
          covered first, second, score, most typical first, second.
        * ``"typical-deviant-consistency"`` (per term): a typical case and a deviant case
          consistency in kind. Score ``|x1 - x2| + (1 - (y1 - y2)) + (1 - x1) + (1 - x2)``;
          order: score, most typical, most deviant.
        * ``"deviant-coverage-iir"`` (per truth-table row): a deviant coverage case and an
          individually irrelevant case (of the model) in the same truth-table row. Score
          ``|w1 - w2| + (1 - (y1 - y2)) + (1 - w1) + (1 - w2)`` with ``w`` the membership in the
          row; order inside a row: deviant case with ``w <= y`` first, then score. Rows in
          order of their id.
    model : str or int, optional
        As in :func:`case_roles`.
    max_pairs : int or None
        The best pairs kept per term (per row for ``"deviant-coverage-iir"``); None keeps all.
    data, outcome, unique_coverage
        As in :func:`case_roles`.

    Returns
    -------
    pandas.DataFrame
        Columns ``model``, ``group`` (the term, or the truth-table row id), ``first``,
        ``second``, ``score``, ``best`` (the lowest score of the group), the flags the order
        uses, and ``rank`` (1 = best, per group).

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?")
    >>> pairs = qca.case_pairs(sol, "typical-iir", max_pairs=1)
    >>> pairs[["group", "first", "second"]]
          group first second
    0  DEV*~IND    IE     DE
    1   URB*STB    BE     PT
    """
    caller = "case_pairs()"
    if kind not in PAIR_KINDS:
        raise QCAError(f"{caller}: `kind` must be one of {', '.join(PAIR_KINDS)}; got {kind!r}.")
    if max_pairs is not None and (
        isinstance(max_pairs, bool) or not isinstance(max_pairs, (int, np.integer)) or max_pairs < 1
    ):
        raise QCAError(
            f"{caller}: `max_pairs` must be a whole number >= 1 or None; got {max_pairs!r}."
        )
    s = _setting(result, model, data, outcome, caller)
    if kind == "deviant-coverage-iir":
        frame = _pairs_coverage_iir(s)
    else:
        alone = _uniquely_covered(s, unique_coverage, caller)
        frames = [_pairs_in_term(s, kind, index, alone) for index in range(len(s.term_names))]
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    columns = ["model", "group", "first", "second", "score", "best", *_PAIR_FLAGS[kind], "rank"]
    if not frame.empty:
        frame.insert(0, "model", s.model)
    return _ranked_pairs(frame, columns, max_pairs)


def _ranked_pairs(frame: pd.DataFrame, columns: list[str], max_pairs: int | None) -> pd.DataFrame:
    """Pairs numbered within their group (``rank``, in the order they come, best first), at
    most ``max_pairs`` a group, with ``columns``; an empty frame of those columns for none."""
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame = frame.assign(rank=frame.groupby("_group", sort=False).cumcount() + 1)
    if max_pairs is not None:
        frame = frame[frame["rank"] <= max_pairs]
    return frame[columns].reset_index(drop=True)


_PAIR_FLAGS = {
    "typical-iir": ["uniquely_covered", "consistent_iir", "globally_uncovered", "most_typical"],
    "typical-typical": [
        "uniquely_covered_first",
        "uniquely_covered_second",
        "most_typical_first",
        "most_typical_second",
    ],
    "typical-deviant-consistency": ["most_typical", "most_deviant"],
    "deviant-coverage-iir": ["row_within_outcome"],
}


def _pairs_in_term(s: _Setting, kind: str, index: int, uniq: np.ndarray) -> pd.DataFrame:
    x, y = s.terms[index], s.y
    typical = (x > 0.5) & (y > 0.5) & (x <= y)
    typ_score = 2 * (y - x) + (1 - x)
    most_typical = typical & np.isclose(
        typ_score, typ_score[typical].min() if typical.any() else 0, rtol=0, atol=1e-12
    )
    first = np.flatnonzero(typical)
    if kind == "typical-iir":
        second = np.flatnonzero((x < 0.5) & (y < 0.5))
    elif kind == "typical-typical":
        second = first
    else:
        second = np.flatnonzero((x > 0.5) & (y < 0.5))
    i, j = (a.ravel() for a in np.meshgrid(first, second, indexing="ij"))
    if kind == "typical-typical":
        keep = (i != j) & (typ_score[i] <= typ_score[j] + 1e-12)
        i, j = i[keep], j[keep]
    xi, xj, yi, yj = x[i], x[j], y[i], y[j]
    frame = pd.DataFrame(
        {"group": s.term_names[index], "first": s.cases[i], "second": s.cases[j], "_group": index}
    )
    if kind == "typical-iir":
        frame["score"] = (
            (1 - (xi - xj)) + (1 - (yi - yj)) + 2 * np.abs(yi - xi) + 2 * np.abs(yj - xj)
        )
        frame["uniquely_covered"] = uniq[i]
        frame["consistent_iir"] = xj <= yj
        frame["globally_uncovered"] = s.x[j] < 0.5
        frame["most_typical"] = most_typical[i]
        keys = [
            ~frame.uniquely_covered,
            ~frame.consistent_iir,
            ~frame.globally_uncovered,
            frame.score,
            ~frame.most_typical,
        ]
    elif kind == "typical-typical":
        frame["score"] = (
            (0.5 - (xi - xj)) + (0.5 - (yi - yj)) + 2 * np.abs(yi - xi) + 2 * np.abs(yj - xj)
        )
        frame["uniquely_covered_first"] = uniq[i]
        frame["uniquely_covered_second"] = uniq[j]
        frame["most_typical_first"] = most_typical[i]
        frame["most_typical_second"] = most_typical[j]
        keys = [
            ~frame.uniquely_covered_first,
            ~frame.uniquely_covered_second,
            frame.score,
            ~frame.most_typical_first,
            ~frame.most_typical_second,
        ]
    else:
        dev_score = (1 - (x - y)) + (1 - x)
        deviant = (x > 0.5) & (y < 0.5)
        most_dev = deviant & np.isclose(
            dev_score, dev_score[deviant].min() if deviant.any() else 0, rtol=0, atol=1e-12
        )
        frame["score"] = np.abs(xi - xj) + (1 - (yi - yj)) + (1 - xi) + (1 - xj)
        frame["most_typical"] = most_typical[i]
        frame["most_deviant"] = most_dev[j]
        keys = [frame.score, ~frame.most_typical, ~frame.most_deviant]
    return _rank(frame, keys)


def _rank(frame: pd.DataFrame, keys: list[pd.Series]) -> pd.DataFrame:
    if frame.empty:
        return frame.assign(best=pd.Series(dtype=bool))
    order = pd.DataFrame({f"k{n}": k.to_numpy() for n, k in enumerate(keys)})
    order["_first"] = _case_order(frame["first"]).to_numpy()
    order["_second"] = _case_order(frame["second"]).to_numpy()
    # scores rounded to 1e-9 so that float noise does not decide between equal pairs
    for col in order.columns:
        if order[col].dtype.kind == "f":
            order[col] = order[col].round(9)
    positions = np.lexsort([order[c].to_numpy() for c in reversed(order.columns)])
    frame = frame.iloc[positions].reset_index(drop=True)
    frame["best"] = np.isclose(frame["score"], frame["score"].min(), rtol=0, atol=1e-9)
    return frame


def _pairs_coverage_iir(s: _Setting) -> pd.DataFrame:
    y, w, row = s.y, s.w, s.tt_row
    deviant = (s.x < 0.5) & (y > 0.5) & (row > 0)
    iir = (s.x < 0.5) & (y < 0.5) & (row > 0)
    frames = []
    for r in sorted(set(row[deviant]) & set(row[iir])):
        first = np.flatnonzero(deviant & (row == r))
        second = np.flatnonzero(iir & (row == r))
        i, j = (a.ravel() for a in np.meshgrid(first, second, indexing="ij"))
        frame = pd.DataFrame(
            {"group": int(r), "first": s.cases[i], "second": s.cases[j], "_group": int(r)}
        )
        frame["score"] = np.abs(w[i] - w[j]) + (1 - (y[i] - y[j])) + (1 - w[i]) + (1 - w[j])
        frame["row_within_outcome"] = w[i] <= y[i]
        frames.append(_rank(frame, [~frame.row_within_outcome, frame.score]))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


# -- focal conjuncts ---------------------------------------------------------------------------
def focal_conjunct_cases(
    result: Any,
    term: str | int,
    model: str | int | None = None,
    *,
    necessary: Sequence[str] = (),
    max_cases: int | None = None,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    unique_coverage: Literal["member", "typical"] = "member",
) -> pd.DataFrame:
    """Typical cases of a term for each of its conjuncts in turn (the *focal* conjunct),
    ranked for process tracing of that conjunct (Schneider & Rohlfing 2016; SetMethods'
    ``smmr(match = FALSE, cases = 2)``).

    A case is typical for the term (``term > .5``, ``y > .5``, ``term <= y``). For a focal
    conjunct ``X`` and the minimum ``a`` (maximum ``b``) of the other conjuncts:

    * ``rank`` 1 when ``X < a`` (the focal conjunct sets the term's membership), else 2; for a
      conjunct declared ``necessary``: 1 when ``X >= b``, else 2;
    * ``clean_correspondence``: when ``X <= y``, ``a < X`` or ``a > y``; otherwise ``a > X`` or
      ``a < y`` (for a necessary conjunct the same with ``b`` and the inequalities reversed), i.e.
      the other conjuncts do not sit between the focal conjunct and the outcome;
    * ``fc_consistent``: ``X <= y`` (``X >= y`` for a necessary conjunct);
    * ``score``: ``2|y - X| + (1 - term)``, lower is better.

    Cases are ordered by rank, clean correspondence, consistency of the focal conjunct, unique
    coverage, score, most typical for the conjunct, most typical for the term, then name.

    Parameters
    ----------
    result, model, data, outcome, unique_coverage
        As in :func:`case_roles`.
    term : str or int
        The term (``"~OCCUP*STOCK*~MA"``) or its number in the model (1 = the first).
    necessary : sequence of str
        Literals found necessary (``["STOCK"]``, ``["~MA"]``): those conjuncts are ranked by
        SetMethods' rules for necessary conjuncts.
    max_cases : int or None
        Cases kept per conjunct (None: all).

    Returns
    -------
    pandas.DataFrame
        Columns ``model``, ``term``, ``conjunct``, ``case``, ``fc`` (membership in the focal
        conjunct), ``y``, ``cc_min``, ``cc_max`` (of the other conjuncts; NaN for a one-literal
        term), ``term_membership``, ``rank``, ``clean_correspondence``, ``fc_consistent``,
        ``uniquely_covered``, ``score``, ``most_typical_fc``, ``most_typical_term``,
        ``necessary``.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?")
    >>> cases = qca.focal_conjunct_cases(sol, "URB*STB", max_cases=1)
    >>> cases[["conjunct", "case", "rank"]]
      conjunct case  rank
    0      URB   BE     1
    1      STB   BE     2
    """
    caller = "focal_conjunct_cases()"
    s = _setting(result, model, data, outcome, caller)
    if max_cases is not None and (
        isinstance(max_cases, bool) or not isinstance(max_cases, (int, np.integer)) or max_cases < 1
    ):
        raise QCAError(
            f"{caller}: `max_cases` must be a whole number >= 1 or None; got {max_cases!r}."
        )
    if isinstance(term, (int, np.integer)) and not isinstance(term, bool):
        if not 1 <= int(term) <= len(s.term_names):
            raise QCAError(
                f"{caller}: `term` {term!r} is out of range (the model has {len(s.term_names)} terms)."
            )
        index = int(term) - 1
    elif term in s.term_names:
        index = s.term_names.index(str(term))
    else:
        raise QCAError(
            f"{caller}: `term` {term!r} is not a term of {s.model} ({', '.join(s.term_names)})."
        )
    necessary_set = {str(c).strip() for c in necessary}
    the_term = s.expression.terms[index]
    y = s.y
    x_term = s.terms[index]
    typical = (x_term > 0.5) & (y > 0.5) & (x_term <= y)
    term_score = 2 * (y - x_term) + (1 - x_term)
    most_term = typical & np.isclose(
        term_score, term_score[typical].min() if typical.any() else 0, rtol=0, atol=1e-12
    )
    alone = _uniquely_covered(s, unique_coverage, caller)
    others = np.delete(s.terms > 0.5, index, axis=0)
    uniq = ~others.any(axis=0) if unique_coverage == "member" else alone
    literals = the_term.literals
    memberships = [Term((lit,)).membership(s.data).to_numpy(dtype=np.float64) for lit in literals]
    frames = []
    for position, literal in enumerate(literals):
        fc = memberships[position]
        rest = [m for k, m in enumerate(memberships) if k != position]
        is_necessary = str(literal) in necessary_set
        cc_min = np.min(rest, axis=0) if rest else np.full(len(y), np.nan)
        cc_max = np.max(rest, axis=0) if rest else np.full(len(y), np.nan)
        term_x = np.minimum(fc, cc_min) if rest else fc
        if not rest:
            rank = np.ones(len(y), dtype=np.int64)
            clean = np.ones(len(y), dtype=bool)
        elif is_necessary:
            rank = np.where(fc >= cc_max, 1, 2)
            consistent = fc >= y
            clean = np.where(consistent, (cc_max > fc) | (cc_max < y), (cc_max < fc) | (cc_max > y))
        else:
            rank = np.where(fc < cc_min, 1, 2)
            consistent = fc <= y
            clean = np.where(consistent, (cc_min < fc) | (cc_min > y), (cc_min > fc) | (cc_min < y))
        fc_consistent = fc >= y if is_necessary else fc <= y
        score = 2 * np.abs(y - fc) + (1 - term_x)
        keep = typical
        best = score[keep].min() if keep.any() else 0.0
        frame = pd.DataFrame(
            {
                "model": s.model,
                "term": s.term_names[index],
                "conjunct": str(literal),
                "case": s.cases,
                "fc": fc,
                "y": y,
                "cc_min": cc_min,
                "cc_max": cc_max,
                "term_membership": term_x,
                "rank": rank,
                "clean_correspondence": clean,
                "fc_consistent": fc_consistent,
                "uniquely_covered": uniq,
                "score": score,
                "most_typical_fc": np.isclose(score, best, rtol=0, atol=1e-12),
                "most_typical_term": most_term,
                "necessary": is_necessary,
                "_position": position,
            }
        )[keep]
        frame["_case"] = _case_order(frame["case"])
        frame["_score"] = frame["score"].round(9)
        frame = frame.sort_values(
            ["rank", "clean_correspondence", "fc_consistent", "uniquely_covered", "_score",
             "most_typical_fc", "most_typical_term", "_case"],
            ascending=[True, False, False, False, True, False, False, True],
            kind="mergesort",
        )  # fmt: skip
        if max_cases is not None:
            frame = frame.head(int(max_cases))
        frames.append(frame)
    columns = [
        "model", "term", "conjunct", "case", "fc", "y", "cc_min", "cc_max", "term_membership",
        "rank", "clean_correspondence", "fc_consistent", "uniquely_covered", "score",
        "most_typical_fc", "most_typical_term", "necessary",
    ]  # fmt: skip
    return pd.concat(frames, ignore_index=True)[columns]


def necessity_case_pairs(
    condition: str | Expression,
    data: pd.DataFrame,
    outcome: str,
    *,
    max_pairs: int | None = 5,
) -> pd.DataFrame:
    """Pairs of a typical case and a deviant relevance case of a necessary condition (and of
    each disjunct of a disjunction), ranked as SetMethods' ``smmr(match = TRUE, cases = 1,
    necessity = TRUE)``: the pair that shows whether the condition is relevant or trivial.

    Score ``(1 - x1) + (1 - x2) + |1 - (y1 - y2)| + |x1 - x2|`` (lower is better); order: typical
    case uniquely covered (a disjunct's typical case below 0.5 in every other disjunct), score,
    most typical, most deviant, then names. The roles and "most" flags are those of
    :func:`necessity_case_roles`.

    Returns
    -------
    pandas.DataFrame
        Columns ``condition``, ``level``, ``group`` (the condition or disjunct), ``first`` (the
        typical case), ``second`` (the deviant relevance case), ``score``, ``best``,
        ``uniquely_covered``, ``most_typical``, ``most_deviant``, ``rank``.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> pairs = qca.necessity_case_pairs("STB", lf, "SURV", max_pairs=1)
    >>> pairs[["group", "first", "second"]]
      group first second
    0   STB    FR     EE
    """
    caller = "necessity_case_pairs()"
    if max_pairs is not None and (
        isinstance(max_pairs, bool) or not isinstance(max_pairs, (int, np.integer)) or max_pairs < 1
    ):
        raise QCAError(
            f"{caller}: `max_pairs` must be a whole number >= 1 or None; got {max_pairs!r}."
        )
    roles = necessity_case_roles(condition, data, outcome)
    frames = []
    for number, ((level, group), rows) in enumerate(roles.groupby(["level", "term"], sort=False)):
        typical = rows[rows.role == TYPICAL]
        deviant = rows[rows.role == DEVIANT_RELEVANCE]
        if typical.empty or deviant.empty:
            continue
        t = typical.reset_index(drop=True)
        d = deviant.reset_index(drop=True)
        i, j = (a.ravel() for a in np.meshgrid(np.arange(len(t)), np.arange(len(d)), indexing="ij"))
        xt, xd = t.x.to_numpy()[i], d.x.to_numpy()[j]
        yt, yd = t.y.to_numpy()[i], d.y.to_numpy()[j]
        frame = pd.DataFrame(
            {
                "condition": rows.condition.iloc[0],
                "level": level,
                "group": group,
                "first": t.case.to_numpy()[i],
                "second": d.case.to_numpy()[j],
                "_group": number,
            }
        )
        frame["score"] = (1 - xt) + (1 - xd) + np.abs(1 - (yt - yd)) + np.abs(xt - xd)
        frame["uniquely_covered"] = t.uniquely_covered.to_numpy()[i]
        frame["most_typical"] = t.most.to_numpy()[i]
        frame["most_deviant"] = d.most.to_numpy()[j]
        frame = _rank(
            frame,
            [~frame.uniquely_covered, frame.score, ~frame.most_typical, ~frame.most_deviant],
        )
        frames.append(frame)
    columns = [
        "condition", "level", "group", "first", "second", "score", "best",
        "uniquely_covered", "most_typical", "most_deviant", "rank",
    ]  # fmt: skip
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return _ranked_pairs(frame, columns, max_pairs)


def focal_conjunct_pairs(
    result: Any,
    term: str | int,
    model: str | int | None = None,
    *,
    max_pairs: int | None = 5,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    unique_coverage: Literal["member", "typical"] = "member",
) -> pd.DataFrame:
    """Typical–IIR pairs for each focal conjunct of a term (Schneider & Rohlfing 2013: does the
    conjunct make the difference?), ranked as SetMethods' ``smmr(match = TRUE, cases = 2)``.

    The first case is typical for the term, the second individually irrelevant for it
    (``term < .5``, ``y < .5``). With ``X`` the focal conjunct and ``a`` the minimum of the
    other conjuncts (0 for a one-literal term):

    * ``pair_rank`` 1-8: 1 and 2 when the IIR case has ``X < .5`` and ``a >= .5`` (only the focal
      conjunct is missing: the ideal pair), 3-6 when both are below .5, 7-8 when ``X >= .5``;
      odd ranks when the typical case's ``X < a``;
    * ``clean_correspondence``: which of the two cases has the other conjuncts outside the
      interval between ``X`` and ``y`` (``"both"``, ``"typical"``, ``"iir"``, ``"none"``);
    * score ``(1 - (X1 - X2)) + (1 - (y1 - y2)) + |a1 - a2| + 2|y1 - X1| + |y2 - X2|``.

    Order: pair rank, clean correspondence (both, typical, iir, none), ``X <= y`` of the typical
    case, its unique coverage, ``X <= y`` of the IIR case, IIR case outside the whole model
    (``globally_uncovered``), score, most typical for the conjunct, for the term, names.

    Returns
    -------
    pandas.DataFrame
        Columns ``model``, ``term``, ``conjunct``, ``first``, ``second``, ``pair_rank`` (NaN for
        a one-literal term), ``clean_correspondence``, ``fc_consistent_first``,
        ``fc_consistent_second``, ``uniquely_covered``, ``globally_uncovered``, ``score``,
        ``most_typical_fc``, ``most_typical_term``, ``rank``.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> sol = qca.minimize(tt, include="?")
    >>> pairs = qca.focal_conjunct_pairs(sol, "URB*STB", max_pairs=1)
    >>> pairs[["conjunct", "first", "second", "pair_rank"]]
      conjunct first second  pair_rank
    0      URB    BE     EE        1.0
    1      STB    BE     DE        2.0
    """
    caller = "focal_conjunct_pairs()"
    if max_pairs is not None and (
        isinstance(max_pairs, bool) or not isinstance(max_pairs, (int, np.integer)) or max_pairs < 1
    ):
        raise QCAError(
            f"{caller}: `max_pairs` must be a whole number >= 1 or None; got {max_pairs!r}."
        )
    cases = focal_conjunct_cases(
        result, term, model, data=data, outcome=outcome, unique_coverage=unique_coverage
    )
    s = _setting(result, model, data, outcome, caller)
    index = s.term_names.index(str(cases.term.iloc[0])) if len(cases) else (
        int(term) - 1 if isinstance(term, (int, np.integer)) else s.term_names.index(str(term))
    )  # fmt: skip
    the_term = s.expression.terms[index]
    y = s.y
    x_term = s.terms[index]
    typical = np.flatnonzero((x_term > 0.5) & (y > 0.5) & (x_term <= y))
    iir = np.flatnonzero((x_term < 0.5) & (y < 0.5))
    uniq = _uniquely_covered(s, unique_coverage, caller)
    if unique_coverage == "member":
        uniq = np.asarray(~np.delete(s.terms > 0.5, index, axis=0).any(axis=0))
    literals = the_term.literals
    memberships = [Term((lit,)).membership(s.data).to_numpy(dtype=np.float64) for lit in literals]
    frames = []
    for position, literal in enumerate(literals):
        fc = memberships[position]
        rest = [m for k, m in enumerate(memberships) if k != position]
        single = not rest
        a = np.min(rest, axis=0) if rest else np.zeros(len(y))
        a_clean = a if rest else fc
        consistent = fc <= y
        clean = np.where(consistent, (a_clean < fc) | (a_clean > y), (a_clean > fc) | (a_clean < y))
        conj = cases[cases.conjunct == str(literal)].set_index("case")
        i, j = (v.ravel() for v in np.meshgrid(typical, iir, indexing="ij"))
        if i.size == 0:
            continue
        xi, xj, yi, yj, ai, aj = fc[i], fc[j], y[i], y[j], a[i], a[j]
        below = xj < 0.5
        low = ai > xi  # the typical case's focal conjunct is below the others' minimum
        rank = np.select(
            [
                low & below & (aj >= 0.5),
                ~low & below & (aj >= 0.5),
                low & below & (aj < 0.5) & (aj > xj),
                low & below & (aj < 0.5) & (aj <= xj),
                ~low & below & (aj < 0.5) & (xj < aj),
                ~low & below & (aj < 0.5) & (aj <= xj),
                low & (aj < 0.5) & (xj >= 0.5),
                ~low & (aj < 0.5) & (xj >= 0.5),
            ],
            [1, 2, 3, 4, 5, 6, 7, 8],
            default=9,
        )
        both = clean[i] & clean[j]
        clean_label = np.where(
            both, "both", np.where(clean[i], "typical", np.where(clean[j], "iir", "none"))
        )
        clean_order = np.where(both, 0, np.where(clean[i], 1, np.where(clean[j], 2, 3)))
        frame = pd.DataFrame(
            {
                "model": s.model,
                "term": s.term_names[index],
                "conjunct": str(literal),
                "first": s.cases[i],
                "second": s.cases[j],
                "pair_rank": np.full(i.size, np.nan) if single else rank.astype(float),
                "clean_correspondence": clean_label,
                "fc_consistent_first": consistent[i],
                "fc_consistent_second": consistent[j],
                "uniquely_covered": uniq[i],
                "globally_uncovered": s.x[j] < 0.5,
                "score": (1 - (xi - xj)) + (1 - (yi - yj)) + np.abs(ai - aj)
                + 2 * np.abs(yi - xi) + np.abs(yj - xj),
                "most_typical_fc": conj.most_typical_fc.reindex(s.cases[i]).to_numpy(dtype=bool),
                "most_typical_term": conj.most_typical_term.reindex(s.cases[i]).to_numpy(dtype=bool),
                "_group": position,
            }
        )  # fmt: skip
        keys = [
            frame.pair_rank.fillna(0),
            pd.Series(clean_order if not single else np.zeros(i.size)),
            ~frame.fc_consistent_first,
            ~frame.uniquely_covered,
            ~frame.fc_consistent_second,
            ~frame.globally_uncovered,
            frame.score,
            ~frame.most_typical_fc,
            ~frame.most_typical_term,
        ]
        frames.append(_rank(frame, keys))
    columns = [
        "model", "term", "conjunct", "first", "second", "pair_rank", "clean_correspondence",
        "fc_consistent_first", "fc_consistent_second", "uniquely_covered", "globally_uncovered",
        "score", "most_typical_fc", "most_typical_term", "rank",
    ]  # fmt: skip
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return _ranked_pairs(frame, columns, max_pairs)
