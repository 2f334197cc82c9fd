"""The orchestration of :func:`qca.minimize`: read, check, chart, models, intermediate, result.

Each step lives in its own module: :mod:`~qca.minimize.problem` (truth table and arguments),
:mod:`~qca.minimize.models` (PI chart, covers, fit), :mod:`~qca.minimize.assumptions`
(simplifying assumptions), :mod:`~qca.minimize.intermediate` (directional expectations) and
:mod:`~qca.minimize.solution` (the result objects).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .._core.cover import MAX_SEARCH_NODES
from .._version import __version__
from ..exceptions import QCAWarning, TruncatedModelsWarning
from .assumptions import SimplifyingAssumptions
from .heartbeat import Heartbeat
from .models import (
    CaseGroups,
    Chart,
    SearchBudget,
    build_models,
    chart_terms_table,
    find_primes,
    keep_consistent,
    model_names,
    term_cases,
)
from .problem import (
    Arguments,
    Problem,
    check_arguments,
    check_budgets,
    check_flags,
    row_sets,
)
from .rchart import mark_r_compatible, r_chart_mask
from .relaxed import check_filters, check_relaxed, relaxed_chart, too_complex
from .solution import Model, Solution

if TYPE_CHECKING:
    from .intermediate import IntermediatePair

__all__ = ["minimize"]


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
    max_nodes: int = MAX_SEARCH_NODES,
    time_limit: float | None = None,
    sol_cov: float = 1,
    pi_depth: int = 0,
    sol_depth: int = 0,
    max_comb: float = 0,
    pi_filter: float = 0,
    sol_filter: float = 0,
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
        Rows (R row ids, or an expression whose rows are meant) whose output is set to 0, as R's
        ``truthTable(exclude=)`` does: remainders that may not be used as simplifying
        assumptions (enhanced standard analysis); an *observed* row named here becomes a
        negative row (no longer explained, and no implicant may contain it).
    dir_exp : str, sequence of str or mapping, optional
        Directional expectations for intermediate solutions (needs ``include="?"``): R's
        ``"A, ~B, C"``, a list ``["A", "~B", "~LIT*IND", "D[1,2]"]`` or a mapping
        ``{"A": 1, "B": 0, "C": "-"}``.
    row_dom : bool
        Drop dominated prime implicants before solving the chart (R's ``rowDominance``).
    all_sol : bool
        Every irredundant cover instead of only the minimal ones.
    pi_cons, sol_cons, sol_cov : float
        R's consistency-relaxed search (see :mod:`qca.minimize.relaxed`). With the remainders
        included (``include="?"``) and ``pi_cons > 0``, a term counts as sufficient when its
        consistency is at least ``pi_cons``, even if it contains a negative row; with
        ``sol_cons > 0`` the models are the smallest disjunctions of prime implicants with
        consistency at least ``sol_cons`` and coverage at least ``sol_cov`` (default 1), whether
        or not they cover every positive row. In a conservative solution (``include=""``) they
        filter, as in R: models with ``inclS < sol_cons`` are dropped; ``pi_cons`` has no effect
        there (R ignores it; a warning says so -- use ``pi_filter``).
    pi_filter, sol_filter : float
        qca's filters (what ``pi_cons`` and ``sol_cons`` did before qca 0.x followed R): drop
        the ordinary prime implicants with ``inclS`` below ``pi_filter`` before the chart is
        solved, and the minimal models with ``inclS`` below ``sol_filter``; any kind of solution.
    pi_depth, sol_depth : int
        Largest number of literals in a prime implicant / of prime implicants in a model
        (``include="?"`` only; 0: no limit; with ``all_sol`` and ``sol_cons``, ``sol_depth`` 0
        means 7, as in R). ``pi_depth`` applies to the ordinary search too: a positive row
        covered by no prime implicant that short leaves no solution.
    max_comb : float
        R's ``max.comb``, in billions: the relaxed search stops listing consistent models after
        this many disjunctions (0: no limit, but more than 20 million are refused); an ordinary
        PI chart with more than this many candidate covers (``C(n_PIs, minimal size)``) gives
        one minimal model only, as ``first_min`` (a warning says so; R 3.25 stops there with
        "There are no solutions, given these constraints").
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
    max_nodes : int, default 10_000
        Search nodes the listing of minimal models may visit (each solves a small LP). When
        they run out the models found so far are returned, ``truncated`` is True and a
        :class:`~qca.exceptions.TruncatedModelsWarning` names this budget.
    time_limit : float, optional
        Seconds the listing of minimal models may take (None: no limit); when it runs out, as
        with ``max_nodes``. The prime implicants are always all found (their size is bounded by
        the memory guard instead). On a terminal, a minimization that takes more than a few
        seconds shows the elapsed time and the models found on stderr.

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
    Lipset's fuzzy data (R's ``LF``): the conservative, parsimonious and intermediate solutions.

    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    >>> qca.minimize(tt).models
    (<Model M1: DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB>,)
    >>> sol = qca.minimize(tt, include="?")
    >>> print(sol)
    <BLANKLINE>
    M1: DEV*~IND + URB*STB -> SURV
    <BLANKLINE>
                 inclS   PRI   covS   covU   cases
    ---------------------------------------------
    1  DEV*~IND  0.815  0.721  0.284  0.194  FI,IE
    2   URB*STB  0.874  0.845  0.520  0.430  BE,CZ,NL,UK
    ---------------------------------------------
             M1  0.850  0.819  0.714
    >>> sol.simplifying_assumptions["M1"]
    (10, 12, 14, 16, 17, 18, 21, 25, 26, 28, 29, 30)
    >>> qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB").models
    (<Model M1: DEV*URB*LIT*STB + DEV*LIT*~IND*STB>,)
    """
    problem = Problem(tt)
    check_flags(row_dom=row_dom, all_sol=all_sol, first_min=first_min)
    arguments = check_arguments(include, pi_cons, sol_cons, method, max_models, dir_exp)
    check_budgets(max_nodes, time_limit)
    relaxed = check_relaxed(arguments, sol_cov, pi_depth, sol_depth, max_comb, dir_exp)
    filters = check_filters(pi_filter, sol_filter, relaxed)
    if not arguments.remainders and arguments.pi_cons > 0:
        warnings.warn(
            f"minimize(): pi_cons={arguments.pi_cons} has no effect on a conservative solution "
            "(as in R); use `pi_filter` to drop prime implicants by consistency.",
            QCAWarning,
            stacklevel=2,
        )
    with Heartbeat("minimize()") as heartbeat:
        return _minimize(
            tt,
            problem,
            arguments,
            exclude=exclude,
            dir_exp=dir_exp,
            row_dom=row_dom,
            all_sol=all_sol,
            method=method,
            max_models=max_models,
            first_min=first_min,
            budget=SearchBudget(
                max_nodes=int(max_nodes),
                deadline=None if time_limit is None else time.monotonic() + float(time_limit),
                on_found=heartbeat.found,
            ),
            time_limit=time_limit,
            relaxed=relaxed,
            filters=filters,
            max_comb=float(max_comb),
        )


def _minimize(
    tt: Any,
    problem: Problem,
    arguments: Arguments,
    *,
    exclude: Any,
    dir_exp: Any,
    row_dom: bool,
    all_sol: bool,
    method: str,
    max_models: int,
    first_min: bool,
    budget: SearchBudget,
    time_limit: float | None,
    relaxed: Mapping[str, Any] | None,
    filters: Mapping[str, float],
    max_comb: float,
) -> Solution:
    rows = row_sets(problem, arguments, exclude)
    chart_options: dict[str, Any] = {
        "row_dom": row_dom,
        "all_sol": all_sol,
        "max_models": max_models,
        "first_min": first_min,
        "pi_cons": filters["pi_filter"],
        "budget": budget,
    }
    on = rows.positive if arguments.remainders else rows.conservative_on
    main: Chart
    if relaxed is not None:
        main = relaxed_chart(
            rows.positive,
            rows.off,
            rows.excluded,
            problem,
            pi_cons=arguments.pi_cons,
            sol_cons=arguments.sol_cons,
            row_dom=row_dom,
            all_sol=all_sol,
            max_models=max_models,
            first_min=first_min,
            sol_cov=relaxed["sol_cov"],
            pi_depth=relaxed["pi_depth"],
            sol_depth=relaxed["sol_depth"],
            max_comb=relaxed["max_comb"],
        )
        covers = list(main.result.covers)
    else:
        primes = find_primes(
            on, rows.off, problem.noflevels, arguments.remainders, method, problem.placeholders
        )
        if max_comb > 0 and not first_min:
            chart_options["first_min"] = too_complex(
                Chart(primes, rows.positive, problem, **(chart_options | {"first_min": True})),
                max_comb,
            )
        main = Chart(primes, rows.positive, problem, **chart_options)
        sol_cut, name = filters["sol_filter"], "sol_filter"
        if not arguments.remainders and arguments.sol_cons > sol_cut:
            sol_cut, name = arguments.sol_cons, "sol_cons"
        covers = keep_consistent(list(main.result.covers), main, problem, sol_cut, name)
    names = model_names(len(covers))
    models = build_models(main, covers, problem)
    r_pis, n_models_r = None, None
    if (
        dir_exp is None
        and relaxed is None
        and not row_dom
        and max_comb == 0
        and not any(filters.values())
    ):
        # conservative: R's chart is complete (mask None); a chart too large to replay: unknown
        mask = r_chart_mask(main, rows) if arguments.remainders else None
        if mask is not None or not arguments.remainders:
            models, n_models_r = mark_r_compatible(models, covers, mask)
            r_pis = tuple(t for i, t in enumerate(main.terms) if mask is None or mask[i])
    cases: CaseGroups = term_cases(main, problem)
    assumptions: Mapping[str, tuple[int, ...]] = (
        SimplifyingAssumptions(main.codes, covers, names, problem.noflevels, main.positive_ids)
        if arguments.remainders
        else dict.fromkeys(names, ())
    )
    essential = models[0].essential if models else ()
    intermediate: tuple[IntermediatePair, ...] = ()
    parsimonious_models: tuple[Model, ...] = ()
    if dir_exp is None:
        terms_table = chart_terms_table(main, covers, problem, cases)
    else:
        # loaded on first use, not with the stage: only intermediate solutions need it
        from .intermediate import intermediate_solutions

        found = intermediate_solutions(
            dir_exp,
            problem,
            rows,
            main,
            covers,
            assumptions,
            cases,
            method=method,
            chart_options=chart_options,
        )
        intermediate, parsimonious_models = found.pairs, models
        models, cases, terms_table = found.models, found.cases, found.terms

    truncated, n_models = main.result.truncated, main.result.n_models
    if truncated:
        warnings.warn(
            _truncation_message(
                main.result.stopped_by,
                n_models,
                len(models),
                max_models,
                budget,
                time_limit,
                bound=main.result.n_models_bound,
            ),
            TruncatedModelsWarning,
            stacklevel=3,
        )
    return Solution(
        outcome=problem.outcome,
        conditions=problem.conditions,
        prime_implicants=main.terms,
        positive_rows=tuple(int(i) for i in main.positive_ids),
        essential=essential,
        models=models,
        simplifying_assumptions=assumptions,
        intermediate=intermediate,
        parsimonious_models=parsimonious_models,
        truncated=truncated,
        n_models=n_models,
        options=_options(
            arguments,
            exclude=exclude,
            dir_exp=dir_exp,
            row_dom=row_dom,
            all_sol=all_sol,
            method=method,
            max_models=max_models,
            first_min=first_min,
        )
        | {"max_nodes": budget.max_nodes, "time_limit": time_limit}
        | ({} if relaxed is None else dict(relaxed))
        | {k: v for k, v in filters.items() if v > 0},
        truth_table=tt,
        _chart=main.chart.copy(),
        _terms=terms_table,
        _cases=cases,
        n_models_bound=main.result.n_models_bound if n_models is None else None,
        r_prime_implicants=r_pis,
        n_models_r=n_models_r,
    )


def _truncation_message(
    stopped_by: str | None,
    n_models: int | None,
    listed: int,
    max_models: int,
    budget: SearchBudget,
    time_limit: float | None,
    *,
    bound: tuple[int, int] | None = None,
) -> str:
    """Why the listing of models stopped, naming the budget that was actually hit, and how
    many models exist (counted without listing them), or bounds on that number."""
    if n_models is not None:
        count = f"{n_models:,} minimal models exist"
    elif bound is not None:
        count = f"between {bound[0]:,} and {bound[1]:,} minimal models exist (not all counted)"
    else:
        count = None
    if stopped_by == "max_nodes":
        return (
            f"minimize(): the search for minimal models visited max_nodes={budget.max_nodes} "
            f"nodes before listing them all; {listed} are listed (raise `max_nodes`)"
            + (f"; {count}." if count else ".")
        )
    if stopped_by == "time_limit":
        return (
            f"minimize(): the search for minimal models reached time_limit={time_limit!r} s "
            f"before listing them all; {listed} are listed (raise `time_limit`)"
            + (f"; {count}." if count else ".")
        )
    what = count or f"more than {listed} minimal models exist (not all counted)"
    return (
        f"minimize(): {what}; only the first {listed} are listed "
        f"(max_models={max_models}; raise `max_models`)."
    )


def _options(
    arguments: Arguments,
    *,
    exclude: Any,
    dir_exp: Any,
    row_dom: bool,
    all_sol: bool,
    method: str,
    max_models: int,
    first_min: bool,
) -> dict[str, Any]:
    """Every argument of the call, as plain JSON data, with the kind of solution and the
    version of qca."""
    if dir_exp is not None:
        kind = "intermediate"
    else:
        kind = "parsimonious" if arguments.remainders else "conservative"
    return {
        "include": list(arguments.included),
        "exclude": None
        if exclude is None
        else (exclude if isinstance(exclude, str) else [int(i) for i in exclude]),
        "dir_exp": _jsonable_dir_exp(dir_exp),
        "row_dom": bool(row_dom),
        "all_sol": bool(all_sol),
        "pi_cons": arguments.pi_cons,
        "sol_cons": arguments.sol_cons,
        "method": method,
        "max_models": int(max_models),
        "first_min": bool(first_min),
        "kind": kind,
        "qca_version": __version__,
    }


def _jsonable_dir_exp(dir_exp: Any) -> Any:
    if dir_exp is None or isinstance(dir_exp, str):
        return dir_exp
    if isinstance(dir_exp, Mapping):
        return {
            str(k): (v if isinstance(v, (str, int)) else [int(x) for x in v])
            for k, v in dir_exp.items()
        }
    return [str(x) for x in dir_exp]
