"""R's consistency-relaxed search (CCubes with ``pi.cons``, ``sol.cons``, ``sol.cov``).

When the remainders are included (parsimonious solutions) and ``pi_cons`` or ``sol_cons`` is
above 0, R's ``minimize()`` does not filter the ordinary prime implicants and models by
consistency: it searches for them under a relaxed definition of sufficiency.

* **Prime implicants** (``pi_cons > 0``). A candidate is any term that contains a positive row
  (a positive row with some conditions dropped). It counts as sufficient when its consistency
  ``inclS`` over the cases is at least ``pi_cons`` -- even if it contains a negative row or an
  inconsistent case. The implicants are the sufficient candidates no simpler sufficient
  candidate subsumes (fewer literals, the same values). With ``pi_cons = 0`` the ordinary rule
  holds: a candidate is sufficient when it contains no negative row (nor an excluded one).
  Candidates are taken by complexity (number of literals) ``1, 2, ..., pi_depth``; as in R, once
  the positive rows are all covered, two complexity levels in a row without a new implicant end
  the search.
* **Models** (``sol_cons > 0``). Every disjunction of at most ``sol_depth`` implicants whose
  consistency is at least ``sol_cons`` and whose coverage ``covS`` is at least ``sol_cov``, and
  that contains no smaller such disjunction. A model need not cover every positive row; the
  coverage bound (``sol_cov``, default 1) decides. Without ``sol_cons`` the models are the
  minimal covers of the chart of the relaxed implicants, as usual.

Excluded rows (``exclude``) are added as cases with outcome 0, as R adds them to the data the
consistency is computed on.

The functions here return implicant codes and covers; :func:`qca.minimize` builds the result
with the same code as for an ordinary search.
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import Any

import numpy as np
import numpy.typing as npt

from .._core.chart import irredundant_covers, r_order, row_dominance
from .._core.cover import CoverResult, minimum_covers
from .._core.encode import implicant_covers, row_ids
from .._core.fitkernels import sufficiency_fit
from .._core.terms import term_memberships
from ..exceptions import ProblemTooLargeError, QCAError, TruncatedModelsWarning
from .models import Chart, implicant_terms
from .problem import Arguments, Problem

__all__ = [
    "RelaxedChart",
    "check_filters",
    "check_relaxed",
    "consistent_models",
    "relaxed_chart",
    "relaxed_primes",
    "too_complex",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: R compares consistencies with this tolerance (``agteb``: a >= b up to rounding).
TOLERANCE = 1e-12

#: Without ``max_comb``, the model search refuses to look at more disjunctions than this.
MAX_DISJUNCTIONS = 20_000_000

#: Candidate disjunctions fitted at once.
BATCH = 4096


def _cases(problem: Problem, excluded: IntArray) -> tuple[FloatArray, FloatArray]:
    """The cases' condition values and outcome, with each excluded configuration added as a
    case with outcome 0 (R adds them to the data)."""
    values, y = problem.case_values, problem.y
    if excluded.shape[0]:
        values = np.vstack([values, excluded.astype(np.float64)])
        y = np.concatenate([y, np.zeros(excluded.shape[0])])
    return values, y


def _subsumed(candidates: IntArray, found: IntArray) -> npt.NDArray[np.bool_]:
    """Which candidates contain every literal of some found implicant."""
    if found.shape[0] == 0 or candidates.shape[0] == 0:
        return np.zeros(candidates.shape[0], dtype=bool)
    fixed = found > 0  # (f, k)
    same = (candidates[:, None, :] == found[None, :, :]) | ~fixed[None, :, :]
    return np.asarray(same.all(axis=2).any(axis=1))


def _contains_any(terms: IntArray, rows: IntArray) -> npt.NDArray[np.bool_]:
    """Which terms contain at least one of ``rows`` (configurations)."""
    if rows.shape[0] == 0 or terms.shape[0] == 0:
        return np.zeros(terms.shape[0], dtype=bool)
    return np.asarray(implicant_covers(terms, rows).any(axis=1))


def relaxed_primes(
    positive: IntArray,
    off: IntArray,
    problem: Problem,
    *,
    pi_cons: float,
    pi_depth: int,
    excluded: IntArray,
) -> IntArray:
    """Implicants of the relaxed search (codes, in order of discovery).

    ``off`` (negative rows, contradictions unless included, excluded rows) decides sufficiency
    when ``pi_cons`` is 0; otherwise the consistency over the cases (and excluded rows) does.
    """
    k = len(problem.noflevels)
    depth = k if pi_depth <= 0 else min(int(pi_depth), k)
    values, y = _cases(problem, excluded)
    found = np.zeros((0, k), dtype=np.int64)
    idle_levels = 0
    for size in range(1, depth + 1):
        level = []
        for columns in itertools.combinations(range(k), size):
            cols = list(columns)
            projections = np.unique(positive[:, cols], axis=0)
            candidates = np.zeros((projections.shape[0], k), dtype=np.int64)
            candidates[:, cols] = projections + 1
            keep = ~_subsumed(candidates, found)
            for j in getattr(problem, "placeholders", ()):
                # tQCA: a term never names the placeholder "-" (the condition's last level)
                keep &= candidates[:, j] != problem.noflevels[j]
            candidates = candidates[keep]
            if candidates.shape[0] == 0:
                continue
            if pi_cons > 0:
                members = term_memberships(candidates, values, problem.noflevels)
                incl = np.nan_to_num(sufficiency_fit(members, y)["inclS"], nan=-1.0)
                sufficient = incl >= pi_cons - TOLERANCE
            else:
                sufficient = ~_contains_any(candidates, off)
            level.append(candidates[sufficient])
        new = np.concatenate(level) if level else np.zeros((0, k), dtype=np.int64)
        found = np.concatenate([found, new])
        if found.shape[0] and implicant_covers(found, positive).any(axis=0).all():
            idle_levels = 0 if new.shape[0] else idle_levels + 1
            if idle_levels > 1:
                break
    return found


class RelaxedChart(Chart):
    """A solved chart of the relaxed search: what :func:`qca.minimize` reads from a
    :class:`~qca.minimize.models.Chart` (implicants in R's order, the chart over the positive
    rows, the terms as text, the covers), made from given parts."""

    def __init__(
        self,
        codes: IntArray,
        chart: npt.NDArray[np.bool_],
        terms: tuple[str, ...],
        result: CoverResult,
        positive: IntArray,
        positive_ids: IntArray,
    ) -> None:
        self.codes = codes
        self.chart = chart
        self.terms = terms
        self.result = result
        self.positive = positive
        self.positive_ids = positive_ids


def too_complex(chart: Chart, max_comb: float) -> bool:
    """R's test of a PI chart against ``max_comb``: more than ``max_comb`` billion candidate
    covers of the minimal size (``C(n_PIs, size)``); a warning when so.

    ``chart`` is solved with ``first_min`` (one minimal cover, its size).
    """
    size = len(chart.result.covers[0]) if chart.result.covers else 0
    candidates = math.comb(chart.codes.shape[0], size)
    if candidates / 1e9 <= max_comb:
        return False
    warnings.warn(
        f"minimize(): the PI chart is too complex for max_comb={max_comb} ({candidates} "
        f"candidate covers of {size} of {chart.codes.shape[0]} prime implicants); one minimal "
        "model is listed, as with first_min=True.",
        TruncatedModelsWarning,
        stacklevel=3,
    )
    return True


def check_filters(pi_filter: Any, sol_filter: Any, relaxed: Any) -> dict[str, float]:
    """``pi_filter`` and ``sol_filter`` checked (numbers in [0, 1], not with the relaxed search).

    Raises
    ------
    QCAError
        An invalid value, or a filter combined with the relaxed search.
    """
    out = {}
    for name, value in (("pi_filter", pi_filter), ("sol_filter", sol_filter)):
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float, np.integer, np.floating))
            or not 0 <= float(value) <= 1
        ):
            raise QCAError(f"minimize(): `{name}` must be a number in [0, 1]; got {value!r}.")
        out[name] = float(value)
    if relaxed is not None and (out["pi_filter"] > 0 or out["sol_filter"] > 0):
        raise QCAError(
            "minimize(): `pi_filter` and `sol_filter` filter the ordinary search; they cannot "
            "be combined with the consistency-relaxed search (`pi_cons` or `sol_cons` above 0 "
            "with include='?')."
        )
    return out


def check_relaxed(
    arguments: Arguments,
    sol_cov: Any,
    pi_depth: Any,
    sol_depth: Any,
    max_comb: Any,
    dir_exp: Any,
) -> dict[str, Any] | None:
    """The options of the relaxed search, checked; None when the ordinary search applies
    (conservative solutions, or none of ``pi_cons``, ``sol_cons``, ``pi_depth`` above 0).

    Raises
    ------
    QCAError
        An invalid option, or ``dir_exp`` with the relaxed search (not supported).
    """
    if (
        isinstance(sol_cov, bool)
        or not isinstance(sol_cov, (int, float, np.integer, np.floating))
        or not 0 <= float(sol_cov) <= 1
    ):
        raise QCAError(f"minimize(): `sol_cov` must be a number in [0, 1]; got {sol_cov!r}.")
    for name, value in (("pi_depth", pi_depth), ("sol_depth", sol_depth)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise QCAError(
                f"minimize(): `{name}` must be a whole number >= 0 (0: no limit); got {value!r}."
            )
    if (
        isinstance(max_comb, bool)
        or not isinstance(max_comb, (int, float, np.integer, np.floating))
        or not float(max_comb) >= 0
    ):
        raise QCAError(f"minimize(): `max_comb` must be a number >= 0; got {max_comb!r}.")
    if not arguments.remainders or (
        arguments.pi_cons <= 0 and arguments.sol_cons <= 0 and pi_depth == 0
    ):
        return None
    if dir_exp is not None:
        raise QCAError(
            "minimize(): directional expectations (`dir_exp`) cannot be combined with the "
            "consistency-relaxed search (`pi_cons` or `sol_cons` above 0 with include='?')."
        )
    return {
        "sol_cov": float(sol_cov),
        "pi_depth": int(pi_depth),
        "sol_depth": int(sol_depth),
        "max_comb": float(max_comb),
    }


def consistent_models(
    codes: IntArray,
    problem: Problem,
    *,
    sol_cons: float,
    sol_cov: float,
    sol_depth: int,
    max_comb: float,
    excluded: IntArray,
    n_positive: int,
) -> tuple[list[tuple[int, ...]], bool]:
    """Every disjunction of implicants (indices into ``codes``) with ``inclS >= sol_cons`` and
    ``covS >= sol_cov`` that contains no smaller such disjunction, by size then in
    lexicographic order; and whether ``max_comb`` stopped the search.

    Raises
    ------
    ProblemTooLargeError
        More than :data:`MAX_DISJUNCTIONS` disjunctions to try and no ``max_comb``.
    """
    n = codes.shape[0]
    depth = min(n_positive, n)
    if 0 < sol_depth < depth:
        depth = int(sol_depth)
    budget = max_comb * 1e9 if max_comb > 0 else math.inf
    total = sum(math.comb(n, s) for s in range(1, depth + 1))
    if max_comb <= 0 and total > MAX_DISJUNCTIONS:
        raise ProblemTooLargeError(
            f"minimize(): the search for consistent models would try {total} disjunctions of "
            f"{n} prime implicants (more than {MAX_DISJUNCTIONS}); limit it with `sol_depth` or "
            "`max_comb` (in billions of disjunctions, as R's max.comb)."
        )
    values, y = _cases(problem, excluded)
    members = term_memberships(codes, values, problem.noflevels) if n else np.zeros((0, len(y)))
    found: list[tuple[int, ...]] = []
    tried = 0
    stopped = False
    for size in range(1, depth + 1):
        previous = [frozenset(m) for m in found]
        combos = itertools.combinations(range(n), size)
        while not stopped:
            room = BATCH if math.isinf(budget) else int(min(BATCH, budget - tried))
            chunk = list(itertools.islice(combos, room))
            if not chunk:
                break
            tried += len(chunk)
            stopped = tried >= budget
            batch = [c for c in chunk if not any(m <= frozenset(c) for m in previous)]
            if not batch:
                continue
            union = members[np.array(batch)].max(axis=1)
            fit = sufficiency_fit(union, y)
            incl = np.nan_to_num(fit["inclS"], nan=-1.0)
            cov = np.nan_to_num(fit["covS"], nan=-1.0)
            good = (incl >= sol_cons - TOLERANCE) & (cov >= sol_cov - TOLERANCE)
            found.extend(c for c, ok in zip(batch, good.tolist()) if ok)
        if stopped:
            break
    return found, stopped


def relaxed_chart(
    positive: IntArray,
    off: IntArray,
    excluded: IntArray,
    problem: Problem,
    *,
    pi_cons: float,
    sol_cons: float,
    sol_cov: float,
    pi_depth: int,
    sol_depth: int,
    max_comb: float,
    row_dom: bool,
    all_sol: bool,
    max_models: int,
    first_min: bool,
) -> RelaxedChart:
    """The implicants and models of R's consistency-relaxed search (see the module).

    Raises
    ------
    QCAError
        No implicant / no model satisfies the constraints ("There are no solutions, given these
        constraints", as R says).
    """
    codes = relaxed_primes(
        positive, off, problem, pi_cons=pi_cons, pi_depth=pi_depth, excluded=excluded
    )
    if codes.shape[0] and not codes.any(axis=1).all():
        raise QCAError(
            "minimize(): All truth table configurations are used, all conditions are minimized."
        )
    codes = codes[r_order(codes)] if codes.shape[0] else codes
    chart = (
        implicant_covers(codes, positive)
        if codes.shape[0]
        else np.zeros((0, positive.shape[0]), dtype=bool)
    )
    no_solution = QCAError(
        "minimize(): There are no solutions, given these constraints "
        f"(pi_cons={pi_cons}, sol_cons={sol_cons}, sol_cov={sol_cov})."
    )
    if sol_cons > 0:
        depth = sol_depth if sol_depth > 0 else (7 if all_sol else 0)
        covers, stopped = consistent_models(
            codes,
            problem,
            sol_cons=sol_cons,
            sol_cov=sol_cov,
            sol_depth=depth,
            max_comb=max_comb,
            excluded=excluded,
            n_positive=positive.shape[0],
        )
        if not covers:
            raise no_solution
        if stopped:
            warnings.warn(
                f"minimize(): the search for consistent models stopped at max_comb={max_comb} "
                "(billions of disjunctions); the models listed may not be all.",
                TruncatedModelsWarning,
                stacklevel=3,
            )
        # R lists them by size, then in the order of their implicants
        covers = sorted(covers, key=lambda c: (len(c), c))
        truncated = len(covers) > max_models
        result = CoverResult(
            covers=tuple(covers[:max_models]), truncated=truncated, n_models=len(covers)
        )
    else:
        if not chart.shape[0] or not chart.any(axis=0).all():
            raise no_solution
        if row_dom:
            keep = row_dominance(chart)
            codes, chart = codes[keep], chart[keep]
        if all_sol:
            result = irredundant_covers(chart, max_models=max_models)
        else:
            found = minimum_covers(chart, max_models=max_models, first_min=first_min)
            result = CoverResult(
                covers=tuple(sorted(tuple(sorted(int(i) for i in c)) for c in found.covers)),
                truncated=bool(found.truncated),
                n_models=found.n_models,
            )
    terms = tuple(
        t.to_string() for t in implicant_terms(codes, problem.conditions, problem.multivalue)
    )
    return RelaxedChart(codes, chart, terms, result, positive, row_ids(positive, problem.noflevels))
