"""From implicants to fitted models: the PI chart, its covers, and the fit of terms and models.

Implicants stay integer codes (see :mod:`qca._core.encode`) through the chart and the covers;
they are spelled once, through :class:`~qca.expressions.Term` (the one speller of terms), for
the public text fields. Every parameter of fit comes from :mod:`qca._core.fitkernels`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

# the engines as modules: their functions are looked up at each call (tests replace them)
from .._core import primes as fast_engine
from .._core import qmc as classic_engine
from .._core.chart import irredundant_covers, r_order, row_dominance
from .._core.cover import MAX_SEARCH_NODES, CoverResult, minimum_covers
from .._core.crispfits import crisp_model_fits, is_crisp
from .._core.encode import configuration_count, implicant_covers, row_ids
from .._core.fitkernels import sufficiency_fit, unique_coverage, unique_coverages
from .._core.terms import term_memberships
from ..exceptions import QCAError
from ..expressions import Literal, Term
from .problem import Problem
from .solution import Model, cases_text

__all__ = [
    "AUTO_QMC_LIMIT",
    "CaseGroups",
    "Chart",
    "SearchBudget",
    "build_models",
    "chart_terms_table",
    "find_primes",
    "implicant_strings",
    "implicant_terms",
    "keep_consistent",
    "model_fits",
    "model_names",
    "models_terms_table",
    "rename_models",
    "term_cases",
]

IntArray = npt.NDArray[np.int64]
#: ``{term: (case names of each positive row the term covers)}``
CaseGroups = Mapping[str, tuple[tuple[str, ...], ...]]

#: With ``method="auto"`` the classic method is used up to this many configurations (k = 6
#: binary conditions), the fast engine above. Both give identical implicants (property-tested);
#: measured on seeded crisp problems the fast engine is as fast at k = 6 and faster from k = 7 on
#: (k = 12 parsimonious: 0.3-0.5 s classic, 2-40 ms fast), and the classic one expands every
#: remainder (3^k terms) so it refuses large problems.
AUTO_QMC_LIMIT = 2**6

#: The per-model arrays of :func:`model_fits` are built for this many bytes of models at a time.
CHUNK_BYTES = 32 * 2**20


def find_primes(
    on: IntArray,
    off: IntArray,
    noflevels: tuple[int, ...],
    remainders: bool,
    method: str,
    placeholders: Sequence[int] = (),
) -> IntArray:
    """Prime implicants of ``on`` that contain no row of ``off``, by the engine ``method`` picks.

    ``remainders``: every configuration outside ``on`` and ``off`` may be covered.
    ``placeholders``: positions of tQCA conditions, whose last level is the "don't care"
    placeholder "-" (:mod:`.temporal`).
    """
    if placeholders:
        # loaded on first use, not with the stage: only tQCA truth tables have placeholders
        from .temporal import temporal_primes

        return temporal_primes(
            on,
            off,
            noflevels,
            placeholders,
            remainders,
            lambda o, f, levels, rem: find_primes(o, f, levels, rem, method),
        )
    total = configuration_count(noflevels)
    if method == "fast" or (method == "auto" and total > AUTO_QMC_LIMIT):
        return np.asarray(
            fast_engine.prime_implicants(on, off, noflevels, remainders=remainders), dtype=np.int64
        )
    return classic_engine.prime_implicants(on, off, noflevels, remainders=remainders)


def implicant_terms(
    codes: npt.ArrayLike, conditions: Sequence[str], multivalue: bool
) -> tuple[Term, ...]:
    """:meth:`Term.from_implicant <qca.expressions.Term.from_implicant>` of every row of
    ``codes``, the literals shared between terms (a chart can hold tens of thousands of PIs).

    Examples
    --------
    >>> [str(t) for t in implicant_terms([[2, 1, 0], [0, 0, 0]], ["A", "B", "C"], False)]
    ['A*~B', '1']
    >>> [str(t) for t in implicant_terms([[3, 2, 0]], ["A", "B", "C"], True)]
    ['A[2]*B[1]']
    """
    codes = np.asarray(codes, dtype=np.int64).reshape(-1, len(conditions))
    if codes.shape[0] == 0:
        return ()
    top = codes.max(axis=0).tolist()
    # literals[j][v]: condition j at level v (implicant code v + 1)
    literals = [
        [Literal(str(name), frozenset({level})) for level in range(n)]
        for name, n in zip(conditions, top)
    ]
    return tuple(
        Term(
            tuple(literals[j][code - 1] for j, code in enumerate(row) if code),
            multivalue=multivalue,
        )
        for row in codes.tolist()
    )


def implicant_strings(
    codes: npt.ArrayLike, conditions: Sequence[str], multivalue: bool
) -> tuple[str, ...]:
    """``str()`` of each term of :func:`implicant_terms`, each literal spelled once by
    :class:`~qca.expressions.Literal` and joined per row (a chart can hold 100,000 PIs).

    Examples
    --------
    >>> implicant_strings([[2, 1, 0], [0, 0, 0], [0, 3, 2]], ["A", "B", "C"], False)
    ('A*~B', '1', 'B[2]*C')
    """
    codes = np.asarray(codes, dtype=np.int64).reshape(-1, len(conditions))
    if codes.shape[0] == 0:
        return ()
    top = int(codes.max())
    # pieces[j, code]: the literal followed by "*" ("" for code 0); a row's pieces joined,
    # less its last character (that "*"), is the term
    pieces = np.full((len(conditions), top + 1), "", dtype=object)
    for j, name in enumerate(conditions):
        for level in range(top):
            pieces[j, level + 1] = (
                Literal(str(name), frozenset({level})).to_string(multivalue) + "*"
            )
    rows = pieces[np.arange(len(conditions))[None, :], codes].tolist()
    return tuple("".join(row)[:-1] or "1" for row in rows)


def _covers(
    chart: npt.NDArray[np.bool_],
    *,
    all_sol: bool,
    max_models: int,
    first_min: bool,
    budget: SearchBudget,
    literals: npt.NDArray[np.int64] | None = None,
) -> CoverResult:
    if all_sol:
        result = irredundant_covers(chart, max_models=max_models)
        return CoverResult(
            covers=result.covers,
            truncated=result.truncated,
            n_models=result.n_models,
            stopped_by="max_models" if result.truncated else None,
        )
    # first_min: one minimum cover with the fewest literals among those with the fewest terms
    # (R breaks ties that way), not the full search that M1 of the listing needs.
    result = minimum_covers(
        chart,
        max_models=max_models,
        first_min=first_min,
        literals=literals,
        max_nodes=budget.max_nodes,
        deadline=budget.deadline,
        on_found=budget.on_found,
    )
    covers = tuple(tuple(sorted(map(int, c))) for c in result.covers)
    if not result.truncated:  # a complete listing in R's order; a truncated one simplest first
        covers = tuple(sorted(covers))
    return CoverResult(
        covers=covers,
        truncated=bool(result.truncated),
        n_models=result.n_models,
        stopped_by=result.stopped_by,
        n_models_bound=result.n_models_bound,
    )


class SearchBudget(NamedTuple):  # a named tuple: cheaper to create than a dataclass (problem.py)
    """The budgets of the cover search (``minimize(max_nodes=, time_limit=)``) and its progress
    callback."""

    max_nodes: int = MAX_SEARCH_NODES
    deadline: float | None = None
    on_found: Callable[[int], None] | None = None


class Chart:
    """A solved PI chart: PIs in R's order, chart over the positive rows, covers.

    Parameters
    ----------
    pis : ndarray, shape (n, k)
        Prime implicants (codes), in any order.
    positive : ndarray, shape (m, k)
        The positive rows (the chart's columns).
    problem : Problem
    row_dom, all_sol, max_models, first_min, pi_cons
        As in :func:`qca.minimize`.

    Attributes
    ----------
    codes : ndarray, shape (n, k)
        The PIs kept, in R's order.
    chart : ndarray of bool, shape (n, m)
    terms : tuple of str
        The PIs as R spells them.
    result : CoverResult
        The covers (tuples of indices into ``codes``).
    positive, positive_ids
        The columns and their row ids.

    Raises
    ------
    QCAError
        The empty term is prime (every condition minimized), or a positive row is covered by no
        PI with ``inclS >= pi_cons``.
    """

    def __init__(
        self,
        pis: IntArray,
        positive: IntArray,
        problem: Problem,
        *,
        row_dom: bool,
        all_sol: bool,
        max_models: int,
        first_min: bool,
        pi_cons: float,
        budget: SearchBudget | None = None,
    ) -> None:
        if pis.shape[0] and not pis.any(axis=1).all():
            # R's getSolution(): the empty term means every condition dropped out
            raise QCAError(
                "minimize(): All truth table configurations are used, all conditions are "
                "minimized: the positive rows (and don't cares) fill the whole truth table. "
                "Check the truth table."
            )
        pis = pis[r_order(pis)] if pis.shape[0] else pis
        chart = (
            implicant_covers(pis, positive)
            if pis.shape[0]
            else np.zeros((0, positive.shape[0]), bool)
        )
        useful = chart.any(axis=1)
        pis, chart = pis[useful], chart[useful]
        if pi_cons > 0 and pis.shape[0]:
            members = term_memberships(pis, problem.case_values, problem.noflevels)
            incl = sufficiency_fit(members, problem.y)["inclS"]
            consistent = np.nan_to_num(incl, nan=0.0) >= pi_cons - 1e-12
            pis, chart = pis[consistent], chart[consistent]
        if not chart.any(axis=0).all():
            raise QCAError(
                "minimize(): There are no solutions, given these constraints: positive rows "
                f"{row_ids(positive[~chart.any(axis=0)], problem.noflevels).tolist()} are covered "
                f"by no prime implicant with inclS >= pi_cons={pi_cons}."
            )
        if row_dom and pis.shape[0]:
            undominated = row_dominance(chart)
            pis, chart = pis[undominated], chart[undominated]
        self.codes = pis
        self.chart = chart
        self.terms = implicant_strings(pis, problem.conditions, problem.multivalue)
        self.result = _covers(
            chart,
            all_sol=all_sol,
            max_models=max_models,
            first_min=first_min,
            budget=budget or SearchBudget(),
            literals=(pis != 0).sum(axis=1),
        )
        self.positive = positive
        self.positive_ids = row_ids(positive, problem.noflevels)

    def covered_rows(self) -> dict[str, tuple[int, ...]]:
        """``{PI: (row ids of the positive rows it covers)}``."""
        return {
            term: tuple(int(r) for r, hit in zip(self.positive_ids, row) if hit)
            for term, row in zip(self.terms, self.chart)
        }


# ------------------------------------------------------------------------------------------
# fit of models
# ------------------------------------------------------------------------------------------


def model_fits(
    members: npt.NDArray[np.float64],
    covers: Sequence[tuple[int, ...]],
    y: npt.NDArray[np.float64],
    *,
    unique: bool = True,
    bitsets: bool = True,
) -> tuple[dict[str, npt.NDArray[np.float64]], list[npt.NDArray[np.float64]]]:
    """Fit of every model (the union of its terms) and the covU of its terms, batched.

    Models with the same number of terms are stacked into (n_models, n_terms, n_cases) blocks,
    in chunks of about :data:`CHUNK_BYTES`, and fitted with one call of the kernels per chunk;
    the figures are those of fitting each model alone (same reductions, row by row).

    Parameters
    ----------
    members : ndarray, shape (n_terms, n_cases)
        Term memberships.
    covers : sequence of tuple of int
        Each model as indices into ``members``.
    y : ndarray, shape (n_cases,)
        Outcome memberships.
    unique : bool
        Also compute the covU of each model's terms (else the list holds empty arrays).
    bitsets : bool
        When every membership and ``y`` is 0 or 1, count bits instead of fitting float blocks
        (:func:`qca._core.crispfits.crisp_model_fits`; the same figures byte for byte).

    Returns
    -------
    fit : dict
        ``{"inclS", "PRI", "covS"}``, each of shape (n_models,).
    covu : list of ndarray
        covU of each model's terms within the model (NaN for a one-term model).
    """
    n_models, n_cases = len(covers), members.shape[1]
    fit = {key: np.full(n_models, np.nan) for key in ("inclS", "PRI", "covS")}
    covu: list[npt.NDArray[np.float64]] = [np.zeros(0)] * n_models
    by_size: dict[int, list[int]] = {}
    for number, cover in enumerate(covers):
        by_size.setdefault(len(cover), []).append(number)
    crisp = bitsets and is_crisp(members) and is_crisp(y)
    for size, numbers in by_size.items():
        if size == 0:  # the empty model: no term, membership 0 everywhere
            empty = sufficiency_fit(np.zeros(n_cases), y)
            for number in numbers:
                for key, figures in fit.items():
                    figures[number] = float(empty[key])
            continue
        index = np.array([covers[i] for i in numbers], dtype=np.int64).reshape(len(numbers), size)
        if crisp:  # same figures from bit counts (see qca._core.crispfits)
            # per model: 4 word rows, float32 cases (unpacked) and counts per common term
            step = max(1, CHUNK_BYTES // (32 * (n_cases // 64 + 1) + 4 * (n_cases + size)))
            for start in range(0, len(numbers), step):
                where = numbers[start : start + step]
                model_fit, values = crisp_model_fits(
                    members, index[start : start + step], y, unique=unique
                )
                for key, figures in fit.items():
                    figures[where] = model_fit[key]
                if unique:
                    for number, row in zip(where, values):
                        covu[number] = row
            continue
        step = max(1, CHUNK_BYTES // (8 * max(1, n_cases) * (3 * size + 1)))
        for start in range(0, len(numbers), step):
            chunk = index[start : start + step]
            block = members[chunk]
            model_fit = sufficiency_fit(block.max(axis=1), y)
            where = numbers[start : start + step]
            for key, figures in fit.items():
                figures[where] = model_fit[key]
            if not unique:
                continue
            if size == 1:
                values = np.full((len(chunk), 1), np.nan)
            else:
                values = unique_coverages(block, y)
            for number, row in zip(where, values):
                covu[number] = row
    return fit, covu


def model_names(count: int) -> list[str]:
    """``M1, M2, ...``, zero-padded to a common width as R does (``M01`` .. ``M12``)."""
    width = len(str(count))
    return [f"M{str(i).zfill(width)}" for i in range(1, count + 1)]


def _used_memberships(
    chart: Chart,
    covers: Sequence[tuple[int, ...]],
    problem: Problem,
) -> tuple[list[int], npt.NDArray[np.float64]]:
    """The PIs some model uses (sorted indices) and their memberships, row ``j`` for
    ``used[j]``."""
    used = sorted({i for c in covers for i in c})
    return used, term_memberships(chart.codes[used], problem.case_values, problem.noflevels)


def build_models(
    chart: Chart, covers: Sequence[tuple[int, ...]], problem: Problem
) -> tuple[Model, ...]:
    """Model objects (with fit) for the covers of a chart, named ``M1, M2, ...``; R's essential
    PIs are those in every model."""
    in_all = set.intersection(*[set(c) for c in covers]) if covers else set()
    essential = tuple(chart.terms[i] for i in sorted(in_all))
    used, members = _used_memberships(chart, covers, problem)
    position = {i: j for j, i in enumerate(used)}
    term_fit = sufficiency_fit(members, problem.y) if used else {}
    term_figures = (
        {
            i: (float(a), float(b), float(c))
            for i, a, b, c in zip(used, *(term_fit[k].tolist() for k in ("inclS", "PRI", "covS")))
        }
        if used
        else {}
    )
    model_fit, covu = model_fits(
        members, [tuple(map(position.__getitem__, c)) for c in covers], problem.y
    )
    fits = [model_fit[k].tolist() for k in ("inclS", "PRI", "covS")]
    names = list(chart.terms)
    # per term: its name and the figures every model shares (10,000 models x 1,000 terms: the
    # loop below is most of build_models, so it does no more than pair them with each covU)
    shared = {i: (names[i], *term_figures[i]) for i in term_figures}
    models = []
    for number, (name, cover) in enumerate(zip(model_names(len(covers)), covers)):
        # fresh read-only views: Model keeps them without another copy
        per_term = {
            term: MappingProxyType({"inclS": incl, "PRI": pri, "covS": cov, "covU": value})
            for (term, incl, pri, cov), value in zip(
                map(shared.__getitem__, cover), covu[number].tolist()
            )
        }
        models.append(
            Model(
                name=name,
                terms=tuple(per_term) if len(per_term) == len(cover) else _spelled(names, cover),
                essential=essential,
                fit={"inclS": fits[0][number], "PRI": fits[1][number], "covS": fits[2][number]},
                term_fit=MappingProxyType(per_term),
                outcome=problem.label,
                implicants=chart.codes[list(cover)],
                conditions=problem.conditions,
                noflevels=problem.noflevels,
                multivalue=problem.multivalue,
            )
        )
    return tuple(models)


def _spelled(names: list[str], cover: Sequence[int]) -> tuple[str, ...]:
    return tuple(names[i] for i in cover)


def rename_models(models: Sequence[Model]) -> tuple[Model, ...]:
    """Models gathered from several charts, renamed ``M1, M2, ...``, with R's essential terms
    (those in every one of them)."""
    in_all = set.intersection(*[set(m.terms) for m in models]) if models else set()
    return tuple(
        dataclasses.replace(
            model, name=name, essential=tuple(t for t in model.terms if t in in_all)
        )
        for name, model in zip(model_names(len(models)), models)
    )


def keep_consistent(
    covers: list[tuple[int, ...]],
    chart: Chart,
    problem: Problem,
    sol_cons: float,
    name: str = "sol_cons",
) -> list[tuple[int, ...]]:
    """The covers whose model has ``inclS >= sol_cons`` (all of them when ``sol_cons`` is 0).

    Raises
    ------
    QCAError
        No model is consistent enough.
    """
    if sol_cons <= 0:
        return covers
    used, members = _used_memberships(chart, covers, problem)
    position = {i: j for j, i in enumerate(used)}
    fit, _ = model_fits(
        members, [tuple(position[i] for i in c) for c in covers], problem.y, unique=False
    )
    kept = [c for c, incl in zip(covers, fit["inclS"].tolist()) if incl >= sol_cons - 1e-12]
    if not kept:
        raise QCAError(
            f"minimize(): There are no solutions, given these constraints: no model has "
            f"inclS >= {name}={sol_cons}."
        )
    return kept


# ------------------------------------------------------------------------------------------
# terms tables
# ------------------------------------------------------------------------------------------


def term_cases(chart: Chart, problem: Problem) -> CaseGroups:
    """``{PI: (case names of each positive row it covers)}``, each entry built when first read
    (a chart can hold 100,000 PIs; a solution reads the cases of the few its models use)."""
    groups = [problem.row_cases.get(int(r), ()) for r in chart.positive_ids]
    return _TermCases(chart.terms, chart.chart, groups)


class _TermCases(Mapping[str, tuple[tuple[str, ...], ...]]):
    """The read-only mapping :func:`term_cases` returns."""

    def __init__(
        self,
        terms: tuple[str, ...],
        chart: npt.NDArray[np.bool_],
        groups: list[tuple[str, ...]],
    ) -> None:
        self._terms, self._chart, self._groups = terms, chart, groups
        self._index: dict[str, int] | None = None
        self._scans = 0

    def __getitem__(self, term: str) -> tuple[tuple[str, ...], ...]:
        if self._index is not None:
            position = self._index[term]
        elif self._scans < 64:  # a few look-ups: scanning beats hashing 100,000 terms
            self._scans += 1
            try:
                position = self._terms.index(term)
            except ValueError:
                raise KeyError(term) from None
        else:
            self._index = {t: i for i, t in enumerate(self._terms)}
            position = self._index[term]
        row = self._chart[position]
        return tuple(self._groups[j] for j in np.flatnonzero(row).tolist())

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        return repr(dict(self))


def _terms_table(
    terms: Sequence[str], codes: IntArray, problem: Problem, cases: CaseGroups
) -> pd.DataFrame:
    """Fit of each term (covU against the union of them all) and its cases."""
    if terms:
        members = term_memberships(codes, problem.case_values, problem.noflevels)
        fit = sufficiency_fit(members, problem.y)
        covu = unique_coverage(members, problem.y)
    else:
        fit = {k: np.zeros(0) for k in ("inclS", "PRI", "covS")}
        covu = np.zeros(0)
    return pd.DataFrame(
        {
            "inclS": fit["inclS"],
            "PRI": fit["PRI"],
            "covS": fit["covS"],
            "covU": covu,
            "cases": [cases_text(cases.get(t, ())) for t in terms],
        },
        index=pd.Index(list(terms), name="term"),
    )


def chart_terms_table(
    chart: Chart, covers: Sequence[tuple[int, ...]], problem: Problem, cases: CaseGroups
) -> pd.DataFrame:
    """The ``terms`` table of a solution: the PIs some cover uses, in chart order."""
    used = sorted({i for c in covers for i in c})
    return _terms_table([chart.terms[i] for i in used], chart.codes[used], problem, cases)


def models_terms_table(
    models: Sequence[Model], problem: Problem, cases: CaseGroups
) -> pd.DataFrame:
    """The ``terms`` table of models from several charts: their terms in order of first use."""
    codes: dict[str, IntArray] = {}
    for model in models:
        implicants = (
            model.implicants
            if model.implicants is not None
            else model.to_expression().to_implicants(problem.conditions)
        )
        for term, row in zip(model.terms, implicants):
            codes.setdefault(term, row)
    terms = list(codes)
    matrix = np.array([codes[t] for t in terms], dtype=np.int64).reshape(
        len(terms), len(problem.conditions)
    )
    return _terms_table(terms, matrix, problem, cases)
