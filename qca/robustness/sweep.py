"""The function :func:`robustness`: a base analysis, its perturbations, one result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import QCAError
from .engine import run_sweep
from .result import RobustnessResult, build_result
from .spec import read_spec

__all__ = ["robustness"]


def robustness(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | None = None,
    *,
    calibration: Mapping[str, Any] | None = None,
    incl_cut: float | Sequence[float] = 1,
    n_cut: int = 1,
    pri_cut: float = 0,
    include: str | Sequence[str] = "?",
    dir_exp: Any = None,
    exclude: Any = None,
    row_dom: bool = False,
    all_sol: bool = False,
    pi_cons: float = 0,
    sol_cons: float = 0,
    max_models: int = 10_000,
    anchors: Mapping[str, Mapping[str, Any]] | None = None,
    incl_cuts: Any = None,
    pri_cuts: Any = None,
    n_cuts: Any = None,
    leave_one_out: bool = False,
    leave_group_out: str | None = None,
    bootstrap: int = 0,
    leave_condition_out: bool = False,
    coding: Mapping[tuple[str, str], Any] | None = None,
    missing_values: Mapping[str, Any] | None = None,
    interval_step: float = 1,
    max_completions: int = 100_000,
    n_samples: int = 1_000,
    cross: bool = True,
    seed: int = 0,
    necessity_cut: float = 0.9,
    n_jobs: int = 1,
    backend: Any = None,
    progress: bool | None = None,
) -> RobustnessResult:
    """How far a QCA result survives other plausible choices: one sweep over its variants.

    The base analysis is the one :func:`qca.calibrate`, :func:`qca.truth_table` and
    :func:`qca.minimize` would run with these arguments; each *perturbation* gives other values
    to one of its choices, and every variant is that analysis run again (each distinct
    calibration, truth table and minimization problem only once; see
    :mod:`qca.robustness.engine`).

    Parameters
    ----------
    data : pandas.DataFrame
        Raw (or already calibrated) data, one row per case, indexed by case names. A cell may
        hold **coding uncertainty**: an interval ``[low, high]`` (every value from ``low`` to
        ``high`` by ``interval_step``), a set of alternative scores ``{1, 3}``, or be missing
        (NaN: any value in ``missing_values[column]``, by default every value observed in the
        column). Never modified.
    outcome, conditions
        As :func:`qca.truth_table` (``"~Y"`` for the negated outcome).
    calibration : mapping, optional
        ``{column: {"thresholds": {"e": .., "c": .., "i": ..}, "type": "fuzzy", ...}}``: how each
        raw column becomes a set (the keyword arguments of :func:`qca.calibrate`; thresholds as
        a mapping, or a list: ``e, c, i`` / six anchors for fuzzy direct, ``t1, t2, ...``
        otherwise). A column without calibration is used as it is.
    incl_cut, n_cut, pri_cut
        The base truth table's cut-offs (``incl_cut`` may be ``[ic1, ic0]``).
    include, dir_exp, exclude, row_dom, all_sol, pi_cons, sol_cons, max_models
        The base minimization (:func:`qca.minimize`); default the parsimonious solution.
    anchors : mapping, optional
        ``{column: {anchor: values}}``: the values each anchor takes, a list or a range
        ``{"from": 500, "to": 600, "by": 25}``.
    incl_cuts, pri_cuts, n_cuts : list or range, optional
        The values each cut-off takes.
    leave_one_out : bool
        Case sets without one case each.
    leave_group_out : str, optional
        A column grouping the cases (e.g. the source a case was coded from): case sets without
        one group each. The column is not a condition.
    bootstrap : int
        Number of seeded bootstrap resamples of the cases (a case drawn twice appears as
        ``name#2``); at most 1,000,000.
    leave_condition_out : bool
        Condition sets without one condition each.
    coding : mapping, optional
        ``{(case, column): alternatives}``: uncertainty given apart from the data; a number in
        the data cell is then the base value (and one of the alternatives).
    missing_values : mapping, optional
        ``{column: values}`` a missing cell of that column may take (a set, or ``[low, high]``).
    interval_step : float
        Step of the values of an interval (default 1: whole scores).
    max_completions : int
        The completions (every combination of the uncertain cells' values) are all swept when
        there are at most this many (default 100,000); otherwise a seeded sample of
        ``n_samples`` draws (uniform, with replacement; duplicates dropped) plus the base and
        each one-cell change from it — ``result.completions["sampled"]`` says which.
    n_samples : int
        Draws of the sample (see ``max_completions``).
    cross : bool
        True (default): every combination of the perturbations' values; False: each varied
        alone, the others at their base values.
    seed : int
        Seeds the bootstrap and the sample of completions (nothing else is random).
    necessity_cut : float
        inclN cut-off of the necessity robustness.
    n_jobs : int
        Worker processes (joblib, loky); ``-1`` every core.
    backend : None, "loky", "dask" or a dask.distributed Client
        ``"dask"`` runs on the current dask.distributed client; a Client runs on that one.
    progress : bool, optional
        A progress bar on stderr (tqdm; in Jupyter a widget). Default: on a terminal, for sweeps
        longer than 2 s.

    Returns
    -------
    RobustnessResult
        Same ``to_dict()`` bytes whatever ``n_jobs``, ``backend`` or order of completion.

    Raises
    ------
    QCAError
        Invalid arguments (the argument, column, case and value are named); a base analysis
        without solution.

    Notes
    -----
    A variant whose calibration is impossible (anchors out of order), whose truth table has no
    positive row, or which cannot be minimized is kept with its ``status`` and counts in no
    frequency. Ctrl-C stops the sweep (workers cancelled) and raises KeyboardInterrupt.

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> result = qca.robustness(lf, "SURV", incl_cut=0.8, incl_cuts=[0.75, 0.8, 0.85, 0.9],
    ...                         leave_one_out=True)
    >>> result.base["solution"]
    'DEV*~IND + URB*STB'
    >>> result.n_variants, result.n_problems
    (76, ...)
    >>> result.robust_core
    (...)
    """
    options = {
        "include": include,
        "dir_exp": dir_exp,
        "exclude": exclude,
        "row_dom": row_dom,
        "all_sol": all_sol,
        "pi_cons": pi_cons,
        "sol_cons": sol_cons,
        "max_models": max_models,
    }
    minimize_options = {k: v for k, v in options.items() if v is not None}
    # numpy integers (np.int64(3), read from an array or a frame) are whole numbers too
    n_jobs, seed, bootstrap, max_completions, n_samples = (
        int(v) if isinstance(v, np.integer) else v
        for v in (n_jobs, seed, bootstrap, max_completions, n_samples)
    )
    if isinstance(include, list):
        minimize_options["include"] = tuple(include)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise QCAError(f"robustness(): `n_jobs` must be a whole number >= 1 or -1; got {n_jobs!r}.")
    if progress is not None and not isinstance(progress, bool):
        raise QCAError(f"robustness(): `progress` must be None, True or False; got {progress!r}.")
    spec = read_spec(
        data,
        outcome,
        conditions,
        calibration=calibration,
        incl_cut=incl_cut,
        n_cut=n_cut,
        pri_cut=pri_cut,
        minimize_options=minimize_options,
        anchors=anchors,
        incl_cuts=incl_cuts,
        pri_cuts=pri_cuts,
        n_cuts=n_cuts,
        leave_one_out=leave_one_out,
        leave_group_out=leave_group_out,
        bootstrap=bootstrap,
        leave_condition_out=leave_condition_out,
        coding=coding,
        missing_values=missing_values,
        interval_step=interval_step,
        max_completions=max_completions,
        n_samples=n_samples,
        cross=cross,
        seed=seed,
        necessity_cut=necessity_cut,
    )
    sweep = run_sweep(spec, n_jobs=n_jobs, backend=backend, progress=progress)
    if sweep.status[0]:
        raise QCAError(f"robustness(): the base analysis has no solution: {sweep.status[0]}")
    recorded = {
        "outcome": outcome,
        "conditions": list(spec.conditions),
        "incl_cut": spec.incl_cut if spec.incl_cut0 is None else [spec.incl_cut, spec.incl_cut0],
        "n_cut": spec.n_cut,
        "pri_cut": spec.pri_cut,
        **{k: (list(v) if isinstance(v, tuple) else v) for k, v in minimize_options.items()},
        "cross": spec.cross,
        "seed": seed,
        "necessity_cut": necessity_cut,
        "max_completions": max_completions,
        "n_samples": n_samples,
    }
    return build_result(sweep, recorded)
