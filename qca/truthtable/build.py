"""The function :func:`truth_table`: cases placed in rows, rows fitted and coded, the table."""

from __future__ import annotations

import dataclasses
import math
import string
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.encode import (
    all_configurations,
    check_configuration_count,
    configurations_of,
    place_cases,
)
from .._outcome import outcome_column
from .._validation import check_flag
from ..exceptions import (
    HalfMembershipWarning,
    NoConfigurationsError,
    ProblemTooLargeError,
    QCAError,
)
from ..labels import check_categories
from .binomial import InfTest, binomial_out, binomial_pvalues, parse_inf_test
from .caselists import empty_tuples, row_case_lists
from .kernels import grouped_row_fit, out_codes, row_fit
from .table import OUT_CATEGORIES, TruthTable
from .validation import CALLER, Inputs, truth_table_iv

__all__ = ["MAX_COMPLETE_ROWS", "truth_table"]

#: Largest number of rows ``complete=True`` will list (2**20, about a million).
MAX_COMPLETE_ROWS = 2**20

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ObjectArray = npt.NDArray[np.object_]
#: Builds the ``cases`` and ``DCC`` columns of the listed rows (on first read of the table).
CaseLists = Callable[[], tuple[ObjectArray, ObjectArray]]


def truth_table(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    incl_cut: float | tuple[float, float] = 1,
    n_cut: int = 1,
    pri_cut: float = 0,
    complete: bool = False,
    sort_by: str | Sequence[str] | Mapping[str, bool] | None = None,
    show_cases: bool = True,
    dcc: bool = False,
    use_letters: bool = False,
    case_order: str = "natural",
    inf_test: str | tuple[str, float] | None = None,
    categories: Mapping[str, Mapping[int, str] | Sequence[str]] | None = None,
) -> TruthTable:
    """Build the truth table of ``outcome`` on ``conditions`` (R QCA's ``truthTable``).

    Parameters
    ----------
    data : pandas.DataFrame
        Calibrated data, one row per case, indexed by (unique) case names. Condition columns hold
        crisp (0/1), fuzzy ([0, 1]) or multi-value (0, 1, ..., m) memberships; levels are read
        from the data (whole numbers with a maximum m >= 2 make a multi-value condition).
        Never modified.
    outcome : str
        Column of the outcome: ``"Y"``, ``"~Y"`` for its negation, ``"Y[2]"`` (or ``"Y{2}"``)
        for the level 2 of a multi-value outcome (membership 1 where ``Y == 2``), ``"Y[1,2]"``
        for several levels.
    conditions : sequence of str, optional
        Default: every column except the outcome.
    incl_cut : float or (float, float), default 1
        ``ic1``: minimal inclusion of a positive row; with a pair ``(ic1, ic0)``, rows with
        ``ic0 <= incl < ic1`` are contradictions ``"C"``.
    n_cut : int, default 1
        Rows with fewer cases are remainders (``"?"``).
    pri_cut : float, default 0
        Minimal PRI of a positive row.
    complete : bool, default False
        Also list every remainder (refused above 2**20 rows).
    sort_by : str, sequence of str or mapping, optional
        Sort keys among ``"OUT"``, ``"n"``, ``"incl"``, ``"PRI"`` and the conditions, decreasing
        (as R); a mapping ``{"incl": False}`` sorts that key increasingly. Ties keep the row-id
        order; remainders stay last. ``OUT`` decreases as R's does: ``C``, ``1``, ``0``.
    show_cases : bool, default True
        Print the case names of each row.
    dcc : bool, default False
        Print the deviant cases consistency in kind instead (cases in the row whose outcome
        membership is below 0.5); the ``DCC`` column of :attr:`TruthTable.table` always has them.
    use_letters : bool, default False
        Name the conditions ``A``, ``B``, ``C``, ... in their order (R's ``use.letters``); the
        solutions are then written with the letters.
    case_order : {"natural", "data"}, default "natural"
        Order of the cases inside a row: natural order of their names (``"c2"`` before
        ``"c10"``, independent of the row order of the data) or their order in ``data`` (R's).
    inf_test : "binom" or ("binom", alpha), optional
        R's ``inf.test``: a one-sided exact binomial test of each row's inclusion against
        ``ic1`` (column ``pval1``) and, with two cut-offs, against ``ic0`` (``pval0``); ``OUT``
        is then ``"1"`` if ``pval1 < alpha``, else ``"C"`` if ``pval0 < alpha``, else ``"0"``
        (``pri_cut`` plays no part, as in R). ``alpha`` defaults to 0.05. Crisp and multi-value
        data only (conditions and outcome), as in R. See :mod:`qca.inference` for permutation
        tests, intervals and power, fuzzy sets included.
    categories : mapping, optional
        Category labels of the levels, for printing (R's labelled/declared data):
        ``{condition: {level: label}}`` (or ``{condition: [label of 0, label of 1, ...]}``),
        e.g. ``{"DEV": {0: "poor", 1: "middle", 2: "rich"}}``. With ``use_letters`` a key is
        the condition's letter or its own name (a key that is one condition's letter and another's
        name is refused). The outcome's column may be labelled too (levels 0 and 1, a binary
        outcome): the printed ``OUT`` shows the labels (``"1"`` the label of 1, or of 0 for
        ``~Y``; ``C`` and ``?`` stay) and the models end ``<-> SURV[survived]``, as R prints a
        labelled outcome. ``str()``, ``summary()`` and the HTML show a
        labelled level by its label in the condition's cell (as R prints labelled data); the
        solutions of :func:`~qca.minimize` write ``DEV[rich]`` for ``DEV[2]``
        (:mod:`qca._render.categories` says why). ``to_frame()`` and ``to_dict()`` keep the
        plain levels.

    Temporal QCA (tQCA)
        A condition column may hold the "don't care" placeholder ``"-"`` beside crisp levels
        (Caren & Panofsky's order columns: ``EBA`` = E happened before A, ``"-"`` where the
        order does not apply); it is read automatically, as R's QCA does. ``"-"`` is then one
        more level of the condition, after its levels (level 2 of a 0/1 column: ``noflevels``
        counts it, row ids too, as R's); :attr:`TruthTable.table` holds that level and the
        printed table shows ``-``. :attr:`TruthTable.dont_care` names these conditions. Terms
        never name the placeholder: a case or row with ``"-"`` has membership 0 in ``EBA`` and
        ``~EBA``. :func:`~qca.minimize` builds the conservative solution from the rows a positive
        ``"-"`` row stands for (every order), and the parsimonious one from the terms that
        contain no negative row (a ``"-"`` row is contained only by terms not naming the
        column); see :mod:`qca.truthtable.temporal`. ``"-"`` in the outcome, beside fuzzy
        scores, or written with spaces is refused.

    Returns
    -------
    TruthTable

    Raises
    ------
    QCAError
        Unknown or duplicated columns, missing or non-numeric values, memberships outside
        [0, 1], invalid cut-offs, an ``inf_test`` on fuzzy data; ``categories`` naming a column
        that is not a condition, a level the condition does not have or a label that is not a
        non-empty string.
    NoConfigurationsError
        No row has ``n >= n_cut``.
    ProblemTooLargeError
        ``complete=True`` with more than 2**20 rows.

    Warns
    -----
    HalfMembershipWarning
        Cases with a membership of exactly 0.5 in a condition: they are in no row (but still count
        in every row's ``incl`` and ``PRI``, as in R).

    Notes
    -----
    Row ids are R's: 1 + the configuration read as a mixed-radix number, first condition most
    significant. Results agree with R's QCA 3.25 ``truthTable()`` on the package's data sets
    (tests/reference), except that cases are listed in natural order of their names (R: data order)
    so the result does not depend on the row order of the data.

    Examples
    --------
    Lipset's fuzzy data (R's ``LF``), as R's ``truthTable(LF, outcome = "SURV", incl.cut = 0.8)``:

    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    >>> tt
    <TruthTable: 5 conditions, 9 observed rows (2 positive, 0 contradictions), 23 remainders; ...>
    >>> print(tt)
      OUT: output value
        n: number of cases in configuration
     incl: sufficiency inclusion score
      PRI: proportional reduction in inconsistency
    <BLANKLINE>
         DEV URB LIT IND STB   OUT    n  incl  PRI   cases
     1    0   0   0   0   0     0     3  0.216 0.000 ES,GR,PT
     2    0   0   0   0   1     0     2  0.278 0.000 IT,RO
     5    0   0   1   0   0     0     2  0.521 0.113 HU,PL
     6    0   0   1   0   1     0     1  0.529 0.228 EE
    22    1   0   1   0   1     1     2  0.804 0.719 FI,IE
    23    1   0   1   1   0     0     1  0.378 0.040 AU
    24    1   0   1   1   1     0     2  0.709 0.634 FR,SE
    31    1   1   1   1   0     0     1  0.445 0.050 DE
    32    1   1   1   1   1     1     4  0.904 0.886 BE,CZ,NL,UK
    >>> tt.table.loc[22, "cases"]
    ('FI', 'IE')

    Category labels of a multi-value condition, for printing (``DEV`` of R's ``LM``):

    >>> lm = qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8,
    ...                      categories={"DEV": {0: "poor", 1: "middle", 2: "rich"}})
    >>> print(str(lm).splitlines()[-1])
    48   rich    1   1   1   1     1     3  1.000 1.000 BE,NL,UK
    >>> print(str(qca.minimize(lm, include="?")).splitlines()[1])
    M1: DEV[rich] + DEV[middle]*STB[1] <-> SURV[1]

    Temporal QCA: Ragin and Strand's union recognition data (R's ``RS``), whose ``EBA`` column
    holds ``"-"`` where the order of E and A does not apply:

    >>> rs = qca.truth_table(qca.datasets.load("RS"), "REC")
    >>> rs.dont_care, rs.noflevels
    (('EBA',), (2, 2, 2, 3, 2))
    >>> print(str(rs).splitlines()[6])
     5   0  0  0   -  0     0     3  0.000 0.000 15,16,17
    >>> print(str(qca.minimize(rs)).splitlines()[1])
    M1: P*E*S + P*E*A*EBA + E*A*~EBA*S <-> REC
    """
    check_flag(use_letters, CALLER, "use_letters")
    data, conditions, renamed = _lettered(data, outcome, conditions, use_letters)
    categories = _lettered_categories(categories, renamed)
    inputs = truth_table_iv(data, outcome, conditions, incl_cut, n_cut, pri_cut, sort_by)
    for flag, value in (("complete", complete), ("show_cases", show_cases), ("dcc", dcc)):
        check_flag(value, CALLER, flag)
    check_configuration_count(inputs.noflevels, CALLER)
    inf = parse_inf_test(inf_test, CALLER)
    # the tQCA placeholder "-" is no level to label
    labelled_levels = [
        n - 1 if c in inputs.dont_care else n for c, n in zip(inputs.conditions, inputs.noflevels)
    ]
    labels = check_categories(
        categories, inputs.conditions, labelled_levels, CALLER, outcome=inputs.outcome
    )
    if inf is not None:
        _check_crisp(inputs)
    case_ids, unplaced = place_cases(inputs.x, inputs.fuzzy, inputs.noflevels)
    half_cases: tuple[str, ...] = ()
    if unplaced.any():
        # reported in canonical order (the only eager use of the order of the names)
        order = inputs.cases.order
        half = ((inputs.x == 0.5) & inputs.fuzzy[None, :])[order]
        names = inputs.cases.canonical_names()
        _warn_half(names, half, inputs.conditions)
        half_cases = tuple(str(v) for v in names[unplaced[order]])
    rows = _observed_rows(inputs, case_ids, unplaced)
    if case_order == "data":
        rows = _in_data_order(rows, data)
    elif case_order != "natural":
        raise QCAError(
            f"truth_table(): `case_order` must be 'natural' or 'data'; got {case_order!r}."
        )
    if inf is not None:
        rows = _with_inf_test(rows, inputs, inf)
    if complete:
        rows = _with_remainders(rows, inputs.noflevels)
    index_name = data.index.name
    table, positions = _table_frame(rows, inputs.conditions, inputs.sort_by)
    case_lists = rows.case_lists

    return TruthTable(
        conditions=inputs.conditions,
        outcome=inputs.outcome,
        noflevels=tuple(int(v) for v in inputs.noflevels),
        multivalue=inputs.multivalue,
        fuzzy=tuple(bool(v) for v in inputs.fuzzy),
        memberships=lambda: _memberships_frame(inputs, index_name),
        table=table,
        incl_cut=inputs.incl_cut,
        n_cut=inputs.n_cut,
        pri_cut=inputs.pri_cut,
        complete=bool(complete),
        sort_by=inputs.sort_by,
        show_cases=bool(show_cases),
        dcc=bool(dcc),
        half_cases=half_cases,
        inf_test=inf,
        categories=labels,
        case_columns=lambda: _in_table_order(case_lists, positions),
        dont_care=inputs.dont_care,
    )


def _lettered(
    data: pd.DataFrame, outcome: str, conditions: Sequence[str] | None, use_letters: bool
) -> tuple[pd.DataFrame, Sequence[str] | None, dict[str, str]]:
    """``data`` with the conditions renamed ``A``, ``B``, ... (a copy), for ``use_letters``; and
    the renaming ``{name: letter}`` (empty without ``use_letters``)."""
    if not use_letters:
        return data, conditions, {}
    target = outcome_column(outcome)
    names = (
        [str(c) for c in data.columns if str(c) != target]
        if conditions is None
        else [str(c) for c in conditions]
    )
    if len(names) > len(string.ascii_uppercase):
        raise QCAError(
            f"truth_table(): `use_letters` names at most 26 conditions; got {len(names)}."
        )
    letters = list(string.ascii_uppercase[: len(names)])
    clash = [c for c in data.columns if str(c) in letters and str(c) not in names]
    if clash:
        raise QCAError(
            f"truth_table(): `use_letters` would rename conditions to {letters}, but `data` "
            f"already has columns {clash} that are not conditions."
        )
    renamed = dict(zip(names, letters))
    return data.rename(columns=renamed), letters, renamed


def _lettered_categories(categories: Any, renamed: Mapping[str, str]) -> Any:
    """``categories`` keyed by the letters of ``use_letters``: a key may be the letter or the
    condition's own name; a key that is the letter of one condition and the name of another is
    refused as ambiguous, as is one condition given twice."""
    if not renamed or not isinstance(categories, Mapping):
        return categories
    letter_of = dict(renamed)
    letters = set(renamed.values())
    out: dict[Any, Any] = {}
    given_as: dict[str, Any] = {}
    for key, labels in categories.items():
        as_name = letter_of.get(key) if isinstance(key, str) else None
        as_letter = key if isinstance(key, str) and key in letters else None
        if as_name is not None and as_letter is not None and as_name != as_letter:
            original = next(n for n, letter in renamed.items() if letter == key)
            raise QCAError(
                f"{CALLER}: `categories` key {key!r} is ambiguous with `use_letters`: it is the "
                f"letter of condition {original!r} and the name of the condition lettered "
                f"{as_name!r}. Key the labels by the letters only."
            )
        target = as_name if as_name is not None else key
        if target in given_as:
            raise QCAError(
                f"{CALLER}: `categories` labels condition {target!r} twice (as "
                f"{given_as[target]!r} and {key!r}); give one of them."
            )
        given_as[target] = key
        out[target] = labels
    return out


def _in_data_order(rows: _Rows, data: pd.DataFrame) -> _Rows:
    """``rows`` with the cases of each row in the order of ``data`` (R's order)."""
    position = {str(name): i for i, name in enumerate(data.index)}

    def reorder(groups: ObjectArray) -> ObjectArray:
        out = np.empty(len(groups), dtype=object)
        out[:] = [tuple(sorted(group, key=position.__getitem__)) for group in groups]
        return out

    in_natural_order = rows.case_lists

    def case_lists() -> tuple[ObjectArray, ObjectArray]:
        cases, dcc = in_natural_order()
        return reorder(cases), reorder(dcc)

    return dataclasses.replace(rows, case_lists=case_lists)


def _in_table_order(
    case_lists: CaseLists, positions: npt.NDArray[np.int64] | None
) -> tuple[ObjectArray, ObjectArray]:
    """The ``cases`` and ``DCC`` columns in the order of the table's rows."""
    cases, dcc = case_lists()
    return (cases, dcc) if positions is None else (cases[positions], dcc[positions])


@dataclass(frozen=True, slots=True)
class _Rows:
    """The columns of the table: one entry per listed row, ascending row id."""

    ids: IntArray
    configurations: IntArray
    out: npt.NDArray[np.str_]
    n: IntArray
    incl: FloatArray
    pri: FloatArray
    case_lists: CaseLists  # the cases and deviant cases of each row, built when first read
    pval1: FloatArray | None = None  # with an inference test only
    pval0: FloatArray | None = None  # ... and two inclusion cut-offs


def _observed_rows(inputs: Inputs, case_ids: IntArray, unplaced: npt.NDArray[np.bool_]) -> _Rows:
    """The rows holding placed cases: their counts, fit, ``OUT`` codes and case lists.

    Everything but the case lists is computed in data order (counts and exact sums do not depend
    on the order of the cases); the case lists put each row's cases in canonical order.
    """
    x, fuzzy, noflevels, y = inputs.x, inputs.fuzzy, inputs.noflevels, inputs.y
    some_unplaced = bool(unplaced.any())
    placed_ids = case_ids[~unplaced] if some_unplaced else case_ids
    largest_id = math.prod(noflevels)
    row_index: IntArray
    if largest_id <= max(4 * placed_ids.size, 2**16):
        # few configurations for the cases: count them in a dense array (no sort)
        counts = np.bincount(placed_ids, minlength=largest_id + 1)
        observed = np.flatnonzero(counts).astype(np.int64)
        n = counts[observed].astype(np.int64)
        at = np.zeros(largest_id + 1, dtype=np.int64)
        at[observed] = np.arange(observed.size)
        row_index = at[placed_ids]
    else:
        observed, row_index, n = np.unique(placed_ids, return_inverse=True, return_counts=True)
        observed, n = observed.astype(np.int64), n.astype(np.int64)

    if not np.any(n >= inputs.n_cut):
        biggest = int(n.max()) if n.size else 0
        raise NoConfigurationsError(
            f"{CALLER}: no truth-table row has n >= n_cut={inputs.n_cut} "
            f"(largest n is {biggest}). Lower `n_cut`."
        )

    observed_configs = configurations_of(observed, noflevels, column_major=True)
    if fuzzy.any():
        incl, pri = row_fit(x, fuzzy, noflevels, y, observed_configs)
    else:
        # every case is placed, in its own row only: grouped sums
        incl, pri = grouped_row_fit(row_index, y, observed.size)
    out = out_codes(n, incl, pri, inputs.out_cut, inputs.n_cut, inputs.pri_cut)
    cases = inputs.cases

    def case_lists() -> tuple[ObjectArray, ObjectArray]:
        # the placed cases in canonical order, then by row (stable: canonical within a row)
        order = cases.order
        if some_unplaced:
            order = order[~unplaced[order]]
        by_row = order[_stable_order(case_ids[order], largest_id)]
        return row_case_lists(cases.texts, by_row, n, y[by_row] < 0.5)

    return _Rows(observed, observed_configs, out, n, incl, pri, case_lists)


def _stable_order(ids: IntArray, largest: int) -> npt.NDArray[np.intp]:
    """``np.argsort(ids, kind="stable")`` for ids in ``[0, largest]``.

    Where each id and its position fit one int64, the pairs are packed and sorted as numbers
    (distinct keys: any sort is stable; numpy's integer sort is much faster than its stable
    argsort, a merge sort).
    """
    shift = max(1, ids.size.bit_length())
    if largest.bit_length() + shift > 62:
        return np.argsort(ids, kind="stable")
    keys = ids << shift
    keys |= np.arange(ids.size, dtype=np.int64)
    keys.sort()
    keys &= (1 << shift) - 1
    return keys.astype(np.intp, copy=False)


def _check_crisp(inputs: Inputs) -> None:
    """Refuse the binomial test on fuzzy conditions or a fuzzy outcome (as R does)."""
    fuzzy = [c for c, f in zip(inputs.conditions, inputs.fuzzy, strict=True) if f]
    if fuzzy:
        raise QCAError(
            f"{CALLER}: `inf_test` (the binomial test) needs crisp data; condition(s) {fuzzy} "
            "hold fuzzy scores. Use qca.inference.permutation_test for fuzzy sets."
        )
    partial = np.flatnonzero((inputs.y != 0) & (inputs.y != 1))
    if partial.size:
        p = inputs.cases.first(partial)
        raise QCAError(
            f"{CALLER}: `inf_test` (the binomial test) needs crisp data; outcome "
            f"'{inputs.outcome}' has the fuzzy score {inputs.y[p]:g} (case "
            f"{inputs.case_names[p]!r}). Use qca.inference.permutation_test for fuzzy sets."
        )


def _with_inf_test(rows: _Rows, inputs: Inputs, inf: InfTest) -> _Rows:
    """R's binomial test of every row with ``n >= n_cut``: p-values and ``OUT`` from them."""
    tested = rows.n >= inputs.n_cut
    # crisp: incl is (cases with the outcome) / n, correctly rounded, so this is the count
    successes = np.rint(rows.n * np.nan_to_num(rows.incl)).astype(np.int64)
    ic1, ic0 = inputs.out_cut
    pval1 = np.full(rows.n.shape, np.nan)
    pval1[tested] = binomial_pvalues(successes[tested], rows.n[tested], ic1)
    pval0 = None
    if ic0 is not None:
        pval0 = np.full(rows.n.shape, np.nan)
        pval0[tested] = binomial_pvalues(successes[tested], rows.n[tested], ic0)
    out = rows.out.copy()
    out[tested] = binomial_out(pval1[tested], None if pval0 is None else pval0[tested], inf.alpha)
    return replace(rows, out=out, pval1=pval1, pval0=pval0)


def _with_remainders(rows: _Rows, noflevels: Sequence[int]) -> _Rows:
    """Every configuration: the observed rows and the remainders (``complete=True``)."""
    total = math.prod(noflevels)
    if total > MAX_COMPLETE_ROWS:
        raise ProblemTooLargeError(
            f"{CALLER}: `complete=True` would list {total:,} rows (more than "
            f"{MAX_COMPLETE_ROWS:,}); use complete=False, the remainders are implied."
        )
    at = rows.ids - 1
    full = np.full(total, np.nan)
    incl, pri = full.copy(), full.copy()
    incl[at], pri[at] = rows.incl, rows.pri
    n = np.zeros(total, dtype=np.int64)
    n[at] = rows.n
    out = np.full(total, "?", dtype="<U1")
    out[at] = rows.out
    observed_lists = rows.case_lists

    def case_lists() -> tuple[ObjectArray, ObjectArray]:
        observed_cases, observed_dcc = observed_lists()
        cases = empty_tuples(total)
        dcc = empty_tuples(total)
        cases[at] = observed_cases
        dcc[at] = observed_dcc
        return cases, dcc

    ids = np.arange(1, total + 1, dtype=np.int64)
    pvals: list[Any] = []
    for observed in (rows.pval1, rows.pval0):
        if observed is not None:
            observed_full = full.copy()
            observed_full[at] = observed
            pvals.append(observed_full)
        else:
            pvals.append(None)
    return _Rows(ids, all_configurations(noflevels), out, n, incl, pri, case_lists, *pvals)


def _table_frame(
    rows: _Rows, conditions: Sequence[str], sort_by: tuple[tuple[str, bool], ...]
) -> tuple[pd.DataFrame, npt.NDArray[np.int64] | None]:
    """:attr:`TruthTable.table` without ``cases`` and ``DCC``: indexed by row id, in ``sort_by``
    order; and the positions of its rows in ``rows`` (None: the same order)."""
    # one column-major int64 block for the conditions (no copy into the frame)
    table = pd.DataFrame(
        np.asfortranarray(rows.configurations, dtype=np.int64),
        columns=list(conditions),
        index=pd.Index(np.asarray(rows.ids, dtype=np.int64), name="row"),
        copy=False,
    )
    table["OUT"] = pd.Categorical.from_codes(_out_positions(rows.out), list(OUT_CATEGORIES))
    table["n"] = np.asarray(rows.n, dtype=np.int64)
    table["incl"] = np.asarray(rows.incl, dtype=np.float64)
    table["PRI"] = np.asarray(rows.pri, dtype=np.float64)
    for name, pvalues in (("pval1", rows.pval1), ("pval0", rows.pval0)):
        if pvalues is not None:
            table[name] = np.asarray(pvalues, dtype=np.float64)
    if not sort_by:
        return table, None
    positions = _sort_order(table, sort_by)
    return table.iloc[positions], positions


def _out_positions(out: npt.NDArray[np.str_]) -> npt.NDArray[np.int8]:
    """Position of each ``OUT`` code in :data:`OUT_CATEGORIES` (the categorical's codes, read
    from the code points: no hashing of ~1e6 strings)."""
    points = np.asarray(out, dtype="<U1").view(np.uint32)
    lookup = np.full(128, -1, dtype=np.int8)
    for position, code in enumerate(OUT_CATEGORIES):
        lookup[ord(code)] = position
    codes = lookup[np.minimum(points, 127)]
    if codes.size and codes.min() < 0:  # never: out_codes and the tests write these four only
        raise ValueError(f"unknown OUT codes {sorted(set(out.tolist()) - set(OUT_CATEGORIES))}")
    return codes


def _memberships_frame(inputs: Inputs, index_name: object) -> pd.DataFrame:
    """:attr:`TruthTable.memberships`: the conditions as used and the outcome membership, the
    cases in canonical order."""
    fuzzy, conditions, order = inputs.fuzzy, inputs.conditions, inputs.cases.order
    # column-major, one condition at a time (what the frame's block holds: no copy there)
    n_cases, k = inputs.x.shape
    x = np.empty((n_cases, k), dtype=np.float64, order="F")
    for j in range(k):
        np.take(inputs.x[:, j], order, out=x[:, j])
    case_index = pd.Index(inputs.cases.names[order], dtype=object, name=index_name)
    if fuzzy.all() or not fuzzy.any():
        block = x if fuzzy.all() else x.astype(np.int64, order="F")
        memberships = pd.DataFrame(block, columns=list(conditions), index=case_index, copy=False)
    else:
        memberships = pd.DataFrame(
            {
                c: x[:, j] if fuzzy[j] else x[:, j].astype(np.int64)
                for j, c in enumerate(conditions)
            },
            index=case_index,
        )
    memberships[inputs.outcome] = inputs.y[order]
    return memberships


def _sort_order(table: pd.DataFrame, keys: tuple[tuple[str, bool], ...]) -> npt.NDArray[np.int64]:
    """R's sort: stable sorts from the last key to the first; remainders ("?") go last."""
    order = np.arange(len(table))
    # OUT ranks as R's character order: "C" > "1" > "0" (remainders are moved last anyway)
    out_rank = {"0": 0, "1": 1, "C": 2, "?": -1}
    for key, decreasing in reversed(keys):
        if key == "OUT":
            values = np.array([out_rank[v] for v in table["OUT"].astype(str)], dtype=np.float64)
        else:
            values = table[key].to_numpy(dtype=np.float64)
        current = values[order]
        # NaN (remainders) last either way, as R's order(na.last = TRUE)
        sortable = np.where(np.isnan(current), -np.inf if decreasing else np.inf, current)
        ranked = -sortable if decreasing else sortable
        order = order[np.argsort(ranked, kind="stable")]
    remainder = table["OUT"].astype(str).to_numpy()[order] == "?"
    return np.concatenate([order[~remainder], order[remainder]])


def _warn_half(
    names: npt.NDArray[np.object_], half: npt.NDArray[np.bool_], conditions: Sequence[str]
) -> None:
    rows = np.flatnonzero(half.any(axis=1))
    shown = []
    for i in rows[:10]:
        which = ", ".join(conditions[j] for j in np.flatnonzero(half[i]).tolist())
        shown.append(f"{names[i]!r} ({which})")
    more = f" and {rows.size - 10} more" if rows.size > 10 else ""
    warnings.warn(
        f"{CALLER}: {rows.size} case(s) have a membership of exactly 0.5 in a condition and are "
        f"not assigned to any truth-table row: {', '.join(shown)}{more}. Move the calibration "
        "crossover to place them.",
        HalfMembershipWarning,
        stacklevel=3,
    )
