"""Boolean minimization: prime implicants, PI charts and minimal solutions.

:func:`minimize` reproduces R QCA 3.25's ``minimize()``: conservative, parsimonious and
intermediate solutions, every minimal model (M1, M2, ... in R's order), R's order of the prime
implicants, its essential PIs, simplifying assumptions and easy counterfactuals, and the
parameters of fit of every term and model.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..exceptions import NoConfigurationsError, QCAError, TruncatedModelsWarning
from .._core.chart import irredundant_covers, r_order, row_dominance
from .._core.cover import CoverResult, minimum_covers
from .._core.encode import all_configurations, configurations_of, implicant_covers, implicant_to_term, row_ids
from ._intermediate import easy_counterfactuals, expectation_rows
from .._core.qmc import MAX_CONFIGURATIONS, prime_implicants
from .._core.fitkernels import sufficiency_fit, unique_coverage, unique_coverages
from .._core.rows import implicant_row_ids, sop_row_ids
from .._core.terms import term_memberships
from ._solution import FIT_COLUMNS, IntermediatePair, Model, Solution

__all__ = ["minimize", "Solution", "Model", "IntermediatePair"]

#: With ``method="auto"`` the classic method is used up to this many configurations (k = 6
#: binary conditions), the fast engine above. Both give identical implicants (property-tested);
#: measured on seeded crisp problems the fast engine is as fast at k = 6 and faster from k = 7 on
#: (k = 12 parsimonious: 0.3-0.5 s classic, 2-40 ms fast), and the classic one expands every
#: remainder (3^k terms) so it refuses large problems.
AUTO_QMC_LIMIT = 2**6


# ------------------------------------------------------------------------------------------
# argument checks
# ------------------------------------------------------------------------------------------


def _parse_include(include: str | Sequence[str]) -> tuple[str, ...]:
    if include is None:
        raise QCAError("minimize(): `include` cannot be None; use '' (conservative), '?' or 'C'.")
    items = include.split(",") if isinstance(include, str) else list(include)
    out = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if item not in ("?", "C"):
            raise QCAError(
                f"minimize(): `include` may hold '?' (remainders) and 'C' (contradictions); "
                f"got {include!r}."
            )
        if item not in out:
            out.append(item)
    return tuple(sorted(out, key=["?", "C"].index))


def _check_number(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not (
        low <= float(value) <= high
    ):
        raise QCAError(f"minimize(): `{name}` must be a number in [{low:g}, {high:g}]; got {value!r}.")
    return float(value)


class _Problem:
    """The arrays minimization needs, read once from a truth table."""

    def __init__(self, tt: Any) -> None:
        for attribute in ("conditions", "outcome", "noflevels", "memberships", "table"):
            if not hasattr(tt, attribute):
                raise QCAError(
                    f"minimize(): `tt` must be a TruthTable (from qca.truth_table()); "
                    f"got {type(tt).__name__} without `{attribute}`."
                )
        self.conditions = tuple(str(c) for c in tt.conditions)
        self.outcome = str(tt.outcome)
        self.noflevels = tuple(int(n) for n in tt.noflevels)
        self.multivalue = bool(getattr(tt, "multivalue", any(n > 2 for n in self.noflevels)))
        # R prints the outcome of a multi-value analysis with its level: "PB[1]"
        self.label = (
            f"{self.outcome}[1]" if self.multivalue and "[" not in self.outcome else self.outcome
        )
        table = tt.table
        out = table["OUT"].astype(str)
        observed = table["n"].to_numpy() > 0 if "n" in table else np.ones(len(table), dtype=bool)
        configurations = table[list(self.conditions)].to_numpy(dtype=np.int64)
        ids = np.asarray(table.index, dtype=np.int64)
        self.ids = ids
        self.out = out.to_numpy()
        self.configurations = configurations
        self.observed = observed & (self.out != "?")
        self.row_cases = {
            int(i): tuple(str(c) for c in cases) for i, cases in zip(ids, table["cases"])
        } if "cases" in table else {int(i): () for i in ids}
        memberships = tt.memberships
        self.case_values = memberships[list(self.conditions)].to_numpy(dtype=float)
        self.y = memberships[self.outcome].to_numpy(dtype=float)

    def rows(self, code: str) -> np.ndarray:
        keep = (self.out == code) & self.observed
        order = np.argsort(self.ids[keep])
        return self.configurations[keep][order]


def _exclude_ids(exclude: Any, problem: _Problem) -> np.ndarray:
    if exclude is None:
        return np.zeros(0, dtype=np.int64)
    total = int(np.prod(problem.noflevels))
    if isinstance(exclude, str) or hasattr(exclude, "terms"):
        from ..expressions import as_expression

        expression = as_expression(exclude, conditions=list(problem.conditions), noflevels=list(problem.noflevels))
        if total > MAX_CONFIGURATIONS:
            raise QCAError(
                f"minimize(): `exclude` as an expression needs every configuration; {total} is "
                f"more than {MAX_CONFIGURATIONS}. Give row ids instead."
            )
        position = {name: j for j, name in enumerate(problem.conditions)}
        terms = [[(position[lit.condition], lit.values) for lit in term.literals]
                 for term in expression.terms]
        return sop_row_ids(terms, problem.noflevels)
    try:
        ids = np.asarray(list(exclude), dtype=np.int64)
    except (TypeError, ValueError) as error:
        raise QCAError(
            f"minimize(): `exclude` must be truth-table row ids or an expression; got {exclude!r}."
        ) from error
    bad = ids[(ids < 1) | (ids > total)]
    if bad.size:
        raise QCAError(
            f"minimize(): `exclude` row ids must be in 1..{total}; got {bad.tolist()}."
        )
    return np.unique(ids)


# ------------------------------------------------------------------------------------------
# the pieces
# ------------------------------------------------------------------------------------------


def _primes(on: np.ndarray, off: np.ndarray, noflevels: tuple[int, ...], remainders: bool, method: str) -> np.ndarray:
    total = int(np.prod(noflevels))
    if method == "fast" or (method == "auto" and total > AUTO_QMC_LIMIT):
        from .._core.primes import prime_implicants as fast

        return np.asarray(fast(on, off, noflevels, remainders=remainders), dtype=np.int64)
    return prime_implicants(on, off, noflevels, remainders=remainders)


def _covers(chart: np.ndarray, *, all_sol: bool, max_models: int, first_min: bool) -> CoverResult:
    if all_sol:
        return irredundant_covers(chart, max_models=max_models)
    # first_min: one minimum cover, the one the solver finds (R: whichever its solver finds
    # first), not the full search that M1 of the listing needs.
    result = minimum_covers(chart, max_models=max_models, first_min=first_min)
    covers = tuple(sorted(tuple(sorted(int(i) for i in c)) for c in result.covers))
    return CoverResult(covers=covers, truncated=bool(result.truncated), n_models=result.n_models)


class _Chart:
    """A solved PI chart: PIs in R's order, chart over the positive rows, covers."""

    def __init__(self, pis: np.ndarray, positive: np.ndarray, problem: _Problem, *, row_dom: bool,
                 all_sol: bool, max_models: int, first_min: bool, pi_cons: float) -> None:
        if pis.shape[0] and not pis.any(axis=1).all():
            # R's getSolution(): the empty term means every condition dropped out
            raise QCAError(
                "minimize(): All truth table configurations are used, all conditions are "
                "minimized: the positive rows (and don't cares) fill the whole truth table. "
                "Check the truth table."
            )
        pis = pis[r_order(pis)] if pis.shape[0] else pis
        chart = implicant_covers(pis, positive) if pis.shape[0] else np.zeros((0, positive.shape[0]), bool)
        keep = chart.any(axis=1)
        pis, chart = pis[keep], chart[keep]
        if pi_cons > 0 and pis.shape[0]:
            members = term_memberships(pis, problem.case_values, problem.noflevels)
            incl = _fit(members, problem.y)["inclS"]
            keep = np.nan_to_num(incl, nan=0.0) >= pi_cons - 1e-12
            pis, chart = pis[keep], chart[keep]
        if not chart.any(axis=0).all():
            raise QCAError(
                "minimize(): There are no solutions, given these constraints: positive rows "
                f"{row_ids(positive[~chart.any(axis=0)], problem.noflevels).tolist()} are covered "
                f"by no prime implicant with inclS >= pi_cons={pi_cons}."
            )
        if row_dom and pis.shape[0]:
            keep = row_dominance(chart)
            pis, chart = pis[keep], chart[keep]
        self.codes = pis
        self.chart = chart
        self.terms = tuple(implicant_to_term(p, problem.conditions, problem.multivalue) for p in pis)
        self.result = _covers(chart, all_sol=all_sol, max_models=max_models, first_min=first_min)
        self.positive = positive
        self.positive_ids = row_ids(positive, problem.noflevels)


def _fit(members: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    return sufficiency_fit(members, y)


#: The per-model arrays of :func:`_model_fits` are built for this many bytes of models at a time.
_CHUNK_BYTES = 32 * 2**20


def _model_fits(members: np.ndarray, covers: Sequence[tuple[int, ...]], y: np.ndarray,
                *, unique: bool = True) -> tuple[dict[str, np.ndarray], list[np.ndarray]]:
    """Fit of every model (the union of its terms) and the covU of its terms, batched.

    ``members``: term memberships (n_terms, n_cases). Models with the same number of terms are
    stacked into (n_models, n_terms, n_cases) blocks, in chunks of about ``_CHUNK_BYTES``, and fitted
    with one call of the kernels per chunk; the figures are those of fitting each model alone
    (same reductions, row by row). Returns ``({"inclS", "PRI", "covS"}: (n_models,),
    [covU per model])``.
    """
    n_models, n_cases = len(covers), members.shape[1]
    fit = {key: np.full(n_models, np.nan) for key in ("inclS", "PRI", "covS")}
    covu: list[np.ndarray] = [np.zeros(0)] * n_models
    by_size: dict[int, list[int]] = {}
    for number, cover in enumerate(covers):
        by_size.setdefault(len(cover), []).append(number)
    for size, numbers in by_size.items():
        if size == 0:  # the empty model: no term, membership 0 everywhere
            empty = _fit(np.zeros(n_cases), y)
            for number in numbers:
                for key in fit:
                    fit[key][number] = float(empty[key])
            continue
        index = np.array([covers[i] for i in numbers], dtype=np.int64).reshape(len(numbers), size)
        step = max(1, _CHUNK_BYTES // (8 * max(1, n_cases) * (3 * size + 1)))
        for start in range(0, len(numbers), step):
            chunk = index[start:start + step]
            block = members[chunk]
            model_fit = _fit(block.max(axis=1), y)
            where = numbers[start:start + step]
            for key in fit:
                fit[key][where] = model_fit[key]
            if not unique:
                continue
            if size == 1:
                values = np.full((len(chunk), 1), np.nan)
            else:
                values = unique_coverages(block, y)
            for number, row in zip(where, values):
                covu[number] = row
    return fit, covu


def _models(chart: _Chart, covers: Sequence[tuple[int, ...]], problem: _Problem, names: Sequence[str] | None = None) -> tuple[Model, ...]:
    """Model objects (with fit) for the covers of a chart; R's essential = in every model."""
    in_all = set.intersection(*[set(c) for c in covers]) if covers else set()
    essential = tuple(chart.terms[i] for i in sorted(in_all))
    # only the PIs some model uses, numbered 0.. in `members`
    used = sorted(set(i for c in covers for i in c))
    position = {i: j for j, i in enumerate(used)}
    members = term_memberships(chart.codes[used], problem.case_values, problem.noflevels)
    term_fit = _fit(members, problem.y) if used else {}
    term_figures = {
        i: (float(a), float(b), float(c))
        for i, a, b, c in zip(used, *(term_fit[k].tolist() for k in ("inclS", "PRI", "covS")))
    } if used else {}
    model_fit, covu = _model_fits(members, [tuple(position[i] for i in c) for c in covers], problem.y)
    width = len(str(len(covers)))
    models = []
    fits = [model_fit[k].tolist() for k in ("inclS", "PRI", "covS")]
    for number, cover in enumerate(covers, start=1):
        per_term = {}
        for i, value in zip(cover, covu[number - 1].tolist()):
            incl, pri, cov = term_figures[i]
            per_term[chart.terms[i]] = {"inclS": incl, "PRI": pri, "covS": cov, "covU": float(value)}
        name = names[number - 1] if names else f"M{str(number).zfill(width) if len(covers) > 9 else number}"
        models.append(
            Model(
                name=name,
                terms=tuple(chart.terms[i] for i in cover),
                essential=essential,
                fit={"inclS": fits[0][number - 1], "PRI": fits[1][number - 1], "covS": fits[2][number - 1]},
                term_fit=per_term,
                outcome=problem.label,
            )
        )
    return tuple(models)


def _term_cases(chart: _Chart, problem: _Problem) -> dict[str, tuple[tuple[str, ...], ...]]:
    groups = [problem.row_cases.get(int(r), ()) for r in chart.positive_ids]
    return {term: tuple(groups[j] for j in np.flatnonzero(row).tolist())
            for term, row in zip(chart.terms, chart.chart)}


def _terms_table(chart: _Chart, covers: Sequence[tuple[int, ...]], problem: _Problem,
                 cases: Mapping[str, tuple[tuple[str, ...], ...]]) -> pd.DataFrame:
    used = sorted(set(i for c in covers for i in c))
    members = term_memberships(chart.codes[used], problem.case_values, problem.noflevels)
    fit = _fit(members, problem.y) if used else {k: np.zeros(0) for k in ("inclS", "PRI", "covS")}
    covu = unique_coverage(members, problem.y) if used else np.zeros(0)
    frame = pd.DataFrame(
        {
            "inclS": fit["inclS"], "PRI": fit["PRI"], "covS": fit["covS"], "covU": covu,
            "cases": ["; ".join(",".join(g) for g in cases[chart.terms[i]]) for i in used],
        },
        index=pd.Index([chart.terms[i] for i in used], name="term"),
    )
    return frame


class _Assumptions(Mapping):
    """``{model name: remainder row ids inside its terms}`` (R's ``C_getSA``), each computed on
    first access: with many conditions a short term holds millions of remainders, and printing a
    solution never needs them. Iteration order and values are those of a plain dict built at once.
    """

    #: Above this many configurations the union of a model's rows is merged from sorted arrays
    #: instead of marked in a boolean array of the whole truth table.
    MASK_LIMIT = 2**26

    def __init__(self, codes: np.ndarray, covers: Sequence[tuple[int, ...]], names: Sequence[str],
                 noflevels: Sequence[int], positive_ids: np.ndarray) -> None:
        self._codes = codes
        self._covers = dict(zip(names, (tuple(c) for c in covers)))
        self._noflevels = tuple(int(n) for n in noflevels)
        self._positive = np.asarray(positive_ids, dtype=np.int64)
        self._rows: dict[int, np.ndarray] = {}
        self._done: dict[str, tuple[int, ...]] = {}

    def _term(self, i: int) -> np.ndarray:
        if i not in self._rows:
            ids = implicant_row_ids(self._codes[i], self._noflevels)
            self._rows[i] = ids[~np.isin(ids, self._positive)]
        return self._rows[i]

    def __getitem__(self, name: str) -> tuple[int, ...]:
        if name not in self._done:
            parts = [self._term(i) for i in self._covers[name]]
            total = int(np.prod(self._noflevels))
            if len(parts) == 1:
                ids = parts[0]
            elif not parts:
                ids = np.zeros(0, dtype=np.int64)
            elif total <= self.MASK_LIMIT:
                mask = np.zeros(total + 1, dtype=bool)
                for part in parts:
                    mask[part] = True
                ids = np.flatnonzero(mask)
            else:
                ids = np.sort(np.concatenate(parts))
                ids = ids[np.concatenate([[True], ids[1:] != ids[:-1]])]
            self._done[name] = tuple(ids.tolist())
        return self._done[name]

    def __iter__(self):
        return iter(self._covers)

    def __len__(self) -> int:
        return len(self._covers)

    def __repr__(self) -> str:
        return repr(dict(self))


# ------------------------------------------------------------------------------------------
# the public function
# ------------------------------------------------------------------------------------------


def minimize(
    tt: Any,
    *,
    include: str | Sequence[str] = "",
    exclude: Any = None,
    dir_exp: str | Sequence[str] | Mapping[str, Any] | None = None,
    row_dom: bool = False,
    all_sol: bool = False,
    pi_cons: float = 0,
    sol_cons: float = 0,
    method: Literal["auto", "qmc", "fast"] = "auto",
    max_models: int = 10_000,
    first_min: bool = False,
) -> Solution:
    """Minimize a truth table: prime implicants and every minimal model.

    Parameters
    ----------
    tt : TruthTable
        From :func:`qca.truth_table`.
    include : str or sequence of str
        ``""`` conservative solution; ``"?"`` use the remainders as don't cares
        (parsimonious); ``"C"`` use the contradictions as don't cares; ``"?,C"`` or
        ``["?", "C"]`` both.
    exclude : sequence of int or str, optional
        Remainder rows (R row ids, or an expression whose rows are meant) that may not be used
        as simplifying assumptions (enhanced standard analysis).
    dir_exp : str, sequence of str or mapping, optional
        Directional expectations for intermediate solutions (needs ``include="?"``): R's
        ``"A, ~B, C"``, a list ``["A", "~B", "~LIT*IND", "D[1,2]"]`` or a mapping
        ``{"A": 1, "B": 0, "C": "-"}``.
    row_dom : bool
        Drop dominated prime implicants before solving the chart (R's ``rowDominance``).
    all_sol : bool
        Every irredundant cover instead of only the minimal ones.
    pi_cons, sol_cons : float
        Drop prime implicants / models with ``inclS`` below this.
    method : {"auto", "qmc", "fast"}
        Prime-implicant engine; all give the same implicants. ``"qmc"`` is the classic
        Quine-McCluskey (expands the remainders; the reference), ``"fast"`` the minimal-transversal
        engine (never expands them); ``"auto"`` takes ``"qmc"`` up to ``AUTO_QMC_LIMIT`` (64)
        configurations and ``"fast"`` above.
    max_models : int
        At most this many models are listed (a :class:`~qca.exceptions.TruncatedModelsWarning`
        says when more exist).
    first_min : bool
        Only one minimal model, found as fast as possible (R's ``first.min``): the minimum
        cover that the 0/1 program solver (HiGHS, deterministic) returns for the PI chart. Like
        R's, which also returns whichever model its solver finds first, it is *a* minimal model
        but not necessarily M1 of the full listing; ``n_models`` is then None (not counted) and
        ``truncated`` False.

    Returns
    -------
    Solution

    Raises
    ------
    NoConfigurationsError
        No positive row ("None of the values in OUT is explained").
    QCAError
        Invalid arguments; ``include="?"`` with no negative row (every configuration would be
        minimized away); constraints that leave no solution.
    ProblemTooLargeError
        The chart or the implicant search exceeds a documented limit.

    Notes
    -----
    Validated against R QCA 3.25 on the reference data sets (same prime implicants in the same
    order, same models M1, M2, ..., essential PIs, simplifying assumptions, easy
    counterfactuals and parameters of fit). "Essential" follows R: the PIs found in every
    minimal model.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> table = pd.DataFrame(
    ...     {"A": [0, 0, 1, 1], "B": [0, 1, 0, 1], "OUT": ["0", "1", "1", "1"], "n": [1, 1, 1, 1],
    ...      "cases": [("w",), ("x",), ("y",), ("z",)]},
    ...     index=pd.Index([1, 2, 3, 4], name="row"))
    >>> data = pd.DataFrame({"A": [0, 0, 1, 1], "B": [0, 1, 0, 1], "Y": [0, 1, 1, 1]},
    ...                     index=["w", "x", "y", "z"])
    >>> tt = SimpleNamespace(conditions=("A", "B"), outcome="Y", noflevels=(2, 2),
    ...                      multivalue=False, memberships=data, table=table)
    >>> minimize(tt).models[0].expression
    'A + B'
    """
    from .. import __version__

    problem = _Problem(tt)
    included = _parse_include(include)
    remainders = "?" in included
    pi_cons = _check_number("pi_cons", pi_cons, 0, 1)
    sol_cons = _check_number("sol_cons", sol_cons, 0, 1)
    if method not in ("auto", "qmc", "fast"):
        raise QCAError(f"minimize(): `method` must be one of 'auto', 'qmc', 'fast'; got {method!r}.")
    if isinstance(max_models, bool) or not isinstance(max_models, (int, np.integer)) or max_models < 1:
        raise QCAError(f"minimize(): `max_models` must be a positive integer; got {max_models!r}.")
    if dir_exp is not None and not remainders:
        raise QCAError(
            "minimize(): Directional expectations cannot be specified without including the "
            "remainders: pass include='?' with `dir_exp`."
        )

    positive = problem.rows("1")
    negative = problem.rows("0")
    contradictions = problem.rows("C")
    if positive.shape[0] == 0:
        raise NoConfigurationsError(
            f"minimize(): None of the values in OUT is explained: the truth table for "
            f"'{problem.outcome}' has no positive row (OUT = 1). Lower `incl_cut` or check the "
            "outcome."
        )
    excluded = _exclude_ids(exclude, problem)
    if excluded.size:
        observed_ids = set(problem.ids[problem.observed].tolist())
        excluded = np.array([i for i in excluded.tolist() if i not in observed_ids], dtype=np.int64)
    off_parts = [negative]
    if "C" not in included:
        off_parts.append(contradictions)
    if excluded.size:
        off_parts.append(configurations_of(excluded, problem.noflevels))
    off = np.concatenate(off_parts).reshape(-1, len(problem.conditions))
    if remainders and off.shape[0] == 0:
        raise QCAError(
            "minimize(): All truth table configurations are used, all conditions are minimized: "
            "with include='?' and no negative row every condition drops out. Check the truth table."
        )
    on_conservative = positive
    if "C" in included and contradictions.shape[0]:
        on_conservative = np.concatenate([positive, contradictions])

    common = dict(row_dom=row_dom, all_sol=all_sol, max_models=max_models, first_min=first_min,
                  pi_cons=pi_cons)
    if remainders:
        pis = _primes(positive, off, problem.noflevels, True, method)
    else:
        pis = _primes(on_conservative, off, problem.noflevels, False, method)
    main = _Chart(pis, positive, problem, **common)
    covers = list(main.result.covers)
    covers = _apply_sol_cons(covers, main, problem, sol_cons)
    width = len(str(len(covers)))
    names = [f"M{str(i).zfill(width)}" for i in range(1, len(covers) + 1)]
    models = _models(main, covers, problem, names)
    cases = _term_cases(main, problem)
    sa = (
        _Assumptions(main.codes, covers, names, problem.noflevels, main.positive_ids)
        if remainders else {name: () for name in names}
    )
    truncated, n_models = main.result.truncated, main.result.n_models

    intermediate: tuple[IntermediatePair, ...] = ()
    parsimonious_models: tuple[Model, ...] = ()
    terms_table = _terms_table(main, covers, problem, cases)
    kind = "parsimonious" if remainders else "conservative"
    if dir_exp is not None:
        kind = "intermediate"
        rows = expectation_rows(dir_exp, problem.conditions, problem.noflevels)
        conservative = _Chart(_primes(on_conservative, off, problem.noflevels, False, method),
                              positive, problem, **common)
        c_covers = list(conservative.result.covers)
        pairs = []
        distinct: dict[tuple[str, ...], Model] = {}
        all_cases = dict(cases)
        for ci, c_cover in enumerate(c_covers, start=1):
            for pj, p_cover in enumerate(covers, start=1):
                assumptions_ids = np.asarray(sa[names[pj - 1]], dtype=np.int64)
                assumptions = configurations_of(assumptions_ids, problem.noflevels) if assumptions_ids.size \
                    else np.zeros((0, len(problem.conditions)), dtype=np.int64)
                mask, _ = easy_counterfactuals(
                    rows, conservative.codes[list(c_cover)], main.codes[list(p_cover)], assumptions
                )
                ec = assumptions_ids[mask]
                on = np.concatenate([positive, assumptions[mask]]) if mask.any() else positive
                chart = _Chart(_primes(on, off, problem.noflevels, False, "qmc"), positive, problem, **common)
                i_covers = list(chart.result.covers)
                i_width = len(str(len(i_covers)))
                i_models = _models(chart, i_covers, problem,
                                   [f"M{str(i).zfill(i_width)}" for i in range(1, len(i_covers) + 1)])
                all_cases.update(_term_cases(chart, problem))
                pairs.append(IntermediatePair(
                    label=f"C{ci}P{pj}",
                    conservative=tuple(conservative.terms[i] for i in c_cover),
                    parsimonious=tuple(main.terms[i] for i in p_cover),
                    easy_counterfactuals=tuple(int(i) for i in ec),
                    difficult_counterfactuals=tuple(int(i) for i in assumptions_ids[~mask]),
                    prime_implicants=chart.terms,
                    essential=i_models[0].essential if i_models else (),
                    pi_chart={t: tuple(int(r) for r, hit in zip(chart.positive_ids, row) if hit)
                              for t, row in zip(chart.terms, chart.chart)},
                    models=i_models,
                ))
                for model in i_models:
                    distinct.setdefault(model.terms, model)
        intermediate = tuple(pairs)
        parsimonious_models = models
        models = _renamed(tuple(distinct.values()), problem)
        cases = all_cases
        terms_table = _union_terms(models, problem, cases)

    if truncated:
        count = f"{n_models} minimal models exist" if n_models is not None else (
            "the search for minimal models ran out of budget before listing them all")
        warnings.warn(
            f"minimize(): {count}; only the first {len(models)} are listed (raise `max_models`).",
            TruncatedModelsWarning,
            stacklevel=2,
        )
    options = {
        "include": list(included),
        "exclude": None if exclude is None else (exclude if isinstance(exclude, str) else [int(i) for i in exclude]),
        "dir_exp": _jsonable_dir_exp(dir_exp),
        "row_dom": bool(row_dom),
        "all_sol": bool(all_sol),
        "pi_cons": pi_cons,
        "sol_cons": sol_cons,
        "method": method,
        "max_models": int(max_models),
        "first_min": bool(first_min),
        "kind": kind,
        "qca_version": __version__,
    }
    return Solution(
        outcome=problem.outcome,
        conditions=problem.conditions,
        prime_implicants=main.terms,
        positive_rows=tuple(int(i) for i in main.positive_ids),
        essential=models[0].essential if models and dir_exp is None else (
            parsimonious_models[0].essential if parsimonious_models else ()),
        models=models,
        simplifying_assumptions=sa,
        intermediate=intermediate,
        parsimonious_models=parsimonious_models,
        truncated=truncated,
        n_models=n_models,
        options=options,
        truth_table=tt,
        _chart=main.chart.copy(),
        _terms=terms_table,
        _cases=cases,
    )


def _jsonable_dir_exp(dir_exp: Any) -> Any:
    if dir_exp is None or isinstance(dir_exp, str):
        return dir_exp
    if isinstance(dir_exp, Mapping):
        return {str(k): (v if isinstance(v, (str, int)) else [int(x) for x in v]) for k, v in dir_exp.items()}
    return [str(x) for x in dir_exp]


def _apply_sol_cons(covers: list[tuple[int, ...]], chart: _Chart, problem: _Problem, sol_cons: float) -> list[tuple[int, ...]]:
    if sol_cons <= 0:
        return covers
    used = sorted(set(i for c in covers for i in c))
    position = {i: j for j, i in enumerate(used)}
    members = term_memberships(chart.codes[used], problem.case_values, problem.noflevels)
    fit, _ = _model_fits(members, [tuple(position[i] for i in c) for c in covers], problem.y,
                         unique=False)
    kept = [c for c, incl in zip(covers, fit["inclS"].tolist()) if incl >= sol_cons - 1e-12]
    if not kept:
        raise QCAError(
            f"minimize(): There are no solutions, given these constraints: no model has "
            f"inclS >= sol_cons={sol_cons}."
        )
    return kept


def _renamed(models: tuple[Model, ...], problem: _Problem) -> tuple[Model, ...]:
    """Distinct intermediate models renamed M1, M2, ... with R's essential (in every model)."""
    width = len(str(len(models)))
    in_all = set.intersection(*[set(m.terms) for m in models]) if models else set()
    out = []
    for number, model in enumerate(models, start=1):
        out.append(Model(
            name=f"M{str(number).zfill(width)}",
            terms=model.terms,
            essential=tuple(t for t in model.terms if t in in_all),
            fit=model.fit,
            term_fit=model.term_fit,
            outcome=problem.label,
        ))
    return tuple(out)


def _union_terms(models: Sequence[Model], problem: _Problem, cases: Mapping[str, Any]) -> pd.DataFrame:
    from ..expressions import parse

    terms = list(dict.fromkeys(t for m in models for t in m.terms))
    codes = np.array(
        [parse(t, list(problem.conditions), list(problem.noflevels)).terms[0].to_implicant(problem.conditions)
         if t != "1" else np.zeros(len(problem.conditions), dtype=np.int64) for t in terms]
    ).reshape(len(terms), len(problem.conditions))
    members = term_memberships(codes, problem.case_values, problem.noflevels)
    fit = _fit(members, problem.y)
    covu = unique_coverage(members, problem.y)
    return pd.DataFrame(
        {"inclS": fit["inclS"], "PRI": fit["PRI"], "covS": fit["covS"], "covU": covu,
         "cases": ["; ".join(",".join(g) for g in cases.get(t, ())) for t in terms]},
        index=pd.Index(terms, name="term"),
    )
