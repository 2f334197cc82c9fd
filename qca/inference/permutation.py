"""Permutation tests of sufficiency (Braumoeller 2015): is a row's, a term's or a model's
consistency higher than the outcome, shuffled over the cases, would give it?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.resample import GRID, grid_codes, grid_sums, permuted_sums, ratio
from .._render.inference import inference_html, permutation_summary
from .._render.summary import Summary
from ..exceptions import QCAError
from ._seeding import check_count, map_chunks, seed_sequence
from .correction import DEFAULT_CORRECTION, adjust_pvalues
from .sets import SetsUnderTest, sets_under_test

__all__ = ["PermutationResult", "permutation_test"]

CALLER = "permutation_test()"

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PermutationResult:
    """The result of :func:`permutation_test`: one test per row, term or model.

    Attributes
    ----------
    labels, kinds : tuple of str
        What was tested (``"row 22"``, a term, ``"M1: ..."``) and its kind.
    n : tuple of float
        Membership of the cases in each set (``sum(x)``; the number of cases for crisp sets).
    inclS, PRI : tuple of float
        The observed consistency and PRI (NaN where undefined).
    p_inclS, p_PRI : tuple of float
        Permutation p-values, ``(1 + #{permuted >= observed}) / (1 + n_permutations)``.
    p_inclS_adj, p_PRI_adj : tuple of float
        The same, adjusted over all the tests of this result with :attr:`correction`.
    correction : str
    alpha : float
        The level the ``distinguishable`` column of :meth:`to_frame` uses (on ``p_inclS_adj``).
    n_permutations : int
    seed_entropy : int
        The entropy of the seed: ``permutation_test(..., seed=seed_entropy)`` reruns it exactly.
    outcome : str
    """

    labels: tuple[str, ...]
    kinds: tuple[str, ...]
    n: tuple[float, ...]
    inclS: tuple[float, ...]
    PRI: tuple[float, ...]
    p_inclS: tuple[float, ...]
    p_PRI: tuple[float, ...]
    p_inclS_adj: tuple[float, ...]
    p_PRI_adj: tuple[float, ...]
    correction: str
    alpha: float
    n_permutations: int
    seed_entropy: int
    outcome: str

    def to_frame(self) -> pd.DataFrame:
        """One row per test: ``kind, n, inclS, p_inclS, p_inclS_adj, PRI, p_PRI, p_PRI_adj,
        distinguishable`` (``p_inclS_adj < alpha``), indexed by label."""
        frame = pd.DataFrame(
            {
                "kind": list(self.kinds),
                "n": list(self.n),
                "inclS": list(self.inclS),
                "p_inclS": list(self.p_inclS),
                "p_inclS_adj": list(self.p_inclS_adj),
                "PRI": list(self.PRI),
                "p_PRI": list(self.p_PRI),
                "p_PRI_adj": list(self.p_PRI_adj),
            },
            index=pd.Index(list(self.labels), name="tested"),
        )
        frame["distinguishable"] = frame["p_inclS_adj"].to_numpy() < self.alpha
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the options and one record per test (NaN as None)."""
        records = []
        for label, row in self.to_frame().iterrows():
            record: dict[str, Any] = {"tested": label}
            for key, value in row.items():
                if isinstance(value, float | np.floating):
                    record[str(key)] = None if np.isnan(value) else float(value)
                elif isinstance(value, bool | np.bool_):
                    record[str(key)] = bool(value)
                else:
                    record[str(key)] = value
            records.append(record)
        return {
            "test": "permutation",
            "outcome": self.outcome,
            "correction": self.correction,
            "alpha": self.alpha,
            "n_permutations": self.n_permutations,
            "seed_entropy": self.seed_entropy,
            "tests": records,
        }

    def _repr_html_(self) -> str:
        return inference_html(self)

    def summary(self) -> Summary:
        """What was tested and how, and the results (capped)."""
        return permutation_summary(self)

    def __repr__(self) -> str:
        hits = int(np.sum(np.asarray(self.p_inclS_adj) < self.alpha))
        return (
            f"<PermutationResult: {len(self.labels)} tests of {self.outcome}, {hits} "
            f"distinguishable from chance at {self.alpha:g} ({self.correction}); "
            f"{self.n_permutations} permutations>"
        )

    def __str__(self) -> str:
        frame = self.to_frame()
        with pd.option_context("display.width", 120, "display.max_columns", 20):
            table = frame.to_string(float_format=lambda v: f"{v:.3f}")
        return (
            f"Permutation test of sufficiency for {self.outcome} ({self.n_permutations} "
            f"permutations of the outcome; {self.correction} correction over "
            f"{len(self.labels)} tests)\n{table}"
        )


def permutation_test(
    obj: Any,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    *,
    rows: Sequence[int] | None = None,
    n_permutations: int = 10_000,
    correction: str = DEFAULT_CORRECTION,
    alpha: float = 0.05,
    seed: int | np.random.SeedSequence | None = None,
    n_jobs: int = 1,
) -> PermutationResult:
    """Permutation p-values of the consistency (inclS) and PRI of rows, terms or models.

    Null hypothesis: the outcome is unrelated to the set, i.e. every assignment of the observed
    outcome memberships to the cases is equally likely. The outcome column is permuted over the
    cases ``n_permutations`` times (the sets and the outcome's distribution stay as observed) and
    each figure is recomputed; the p-value is ``(1 + #{permuted >= observed}) /
    (1 + n_permutations)`` (never 0; ties count against the set). Braumoeller (2015).

    Parameters
    ----------
    obj : TruthTable, Solution, Model, Expression or str
        A truth table (its rows with ``n >= n_cut``, or ``rows``), a solution (every term and
        every model), a model or an expression (with ``data`` and ``outcome``).
    data : pandas.DataFrame, optional
        The cases, for a Model or an expression (a truth table or solution carries its own).
    outcome : str, optional
        The outcome, for a Model or an expression: a column or ``"~Y"``.
    rows : sequence of int, optional
        Row ids of a truth table to test (default: rows with ``n >= n_cut``).
    n_permutations : int, default 10000
    correction : {"holm", "bh", "bonferroni", "none"}, default "holm"
        Over all the tests of the result (all tested rows; all terms and models). Holm is the
        default: a row coded "1" enters the minimization, so the chance of *any* false positive
        (the family-wise error rate) is what threatens a solution; Holm controls it whatever the
        dependence between tests (rows share the outcome) and is never less powerful than
        Bonferroni. ``"bh"`` (Benjamini–Hochberg, false discovery rate) suits exploratory
        screening of many rows.
    alpha : float, default 0.05
        The level of the ``distinguishable`` column (on the adjusted inclS p-value).
    seed : int, numpy.random.SeedSequence or None
        Same seed, same p-values whatever ``n_jobs``; None draws fresh entropy (recorded in
        :attr:`PermutationResult.seed_entropy`).
    n_jobs : int, default 1
        Threads; permutations are drawn in fixed chunks of 1,000, each from its own seed spawned
        from ``seed``, so the result does not depend on ``n_jobs``.

    Returns
    -------
    PermutationResult

    Notes
    -----
    With crisp sets and outcome the permutation distribution is discrete, so p-values are
    conservative (``P(p <= a) <= a``); with fuzzy memberships it is nearly continuous.

    References
    ----------
    Braumoeller, B. F. (2015). Guarding against false positives in qualitative comparative
    analysis. *Political Analysis* 23(4), 471–487.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LC"), "SURV", incl_cut=0.8)
    >>> result = qca.inference.permutation_test(tt, n_permutations=2000, seed=1)
    >>> result.to_frame().loc["row 32", ["n", "inclS", "p_inclS"]].round(3).tolist()
    [4.0, 1.0, 0.025]
    """
    sets = sets_under_test(obj, data, outcome, rows=rows, caller=CALLER)
    n_perm = check_count(n_permutations, "n_permutations", CALLER)
    jobs = check_count(n_jobs, "n_jobs", CALLER)
    _check_alpha(alpha)
    seq = seed_sequence(seed, CALLER)
    adjust_pvalues([], correction)  # checks the name before the work
    observed, exceed = _exceedances(sets, n_perm, seq, jobs)
    incl, pri = observed
    p_incl = np.where(np.isnan(incl), np.nan, (1.0 + exceed[0]) / (1.0 + n_perm))
    p_pri = np.where(np.isnan(pri), np.nan, (1.0 + exceed[1]) / (1.0 + n_perm))
    entropy = seq.entropy
    return PermutationResult(
        labels=sets.labels,
        kinds=sets.kinds,
        n=tuple(float(v) for v in sets.x.sum(axis=0)),
        inclS=_floats(incl),
        PRI=_floats(pri),
        p_inclS=_floats(p_incl),
        p_PRI=_floats(p_pri),
        p_inclS_adj=_floats(adjust_pvalues(p_incl, correction)),
        p_PRI_adj=_floats(adjust_pvalues(p_pri, correction)),
        correction=correction,
        alpha=float(alpha),
        n_permutations=n_perm,
        seed_entropy=int(entropy) if isinstance(entropy, int | np.integer) else 0,
        outcome=sets.outcome,
    )


def _floats(values: FloatArray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _check_alpha(alpha: Any) -> None:
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        raise QCAError(f"{CALLER}: `alpha` must be a number in (0, 1); got {alpha!r}.")


def fit_from_sums(
    inter: FloatArray, overlap: FloatArray, sum_x: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """inclS and PRI from the sums (NaN where undefined)."""
    return ratio(inter, sum_x), ratio(inter - overlap, sum_x - overlap)


def _exceedances(
    sets: SetsUnderTest, n_perm: int, seed: np.random.SeedSequence, n_jobs: int
) -> tuple[tuple[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]:
    """Observed inclS and PRI, and how many permutations reach each."""
    x, y = sets.x, sets.y
    sum_x = x.sum(axis=0)
    inter0, overlap0 = permuted_sums(x, y[None, :])
    incl0, pri0 = fit_from_sums(inter0[0], overlap0[0], sum_x)
    # a permuted figure within rounding of the observed one is a tie, and ties count
    tol = 1e-9

    y_crisp = bool(np.all((y == 0) | (y == 1)))
    x_codes, y_codes = grid_codes(x), grid_codes(y)
    crisp_sets = bool(np.all((x == 0) | (x == 1)))
    if not crisp_sets and x_codes is not None and y_codes is not None:
        # fuzzy memberships in hundredths: exact integer sums, ties compared exactly
        return (incl0, pri0), _grid_exceedances(
            x_codes, y_codes, sum_x, y_crisp, n_perm, seed, n_jobs
        )

    def work(rng: np.random.Generator, size: int) -> tuple[FloatArray, FloatArray]:
        # each row of the tiled outcome shuffled on its own: one permutation per row
        permuted = rng.permuted(np.tile(y, (size, 1)), axis=1)
        inter, overlap = permuted_sums(x, permuted, np.zeros_like(permuted) if y_crisp else None)
        # sum(x) is fixed, so inclS reaches the observed one when sum(min(x, y)) does
        reach_incl = np.count_nonzero(inter >= inter0[0] - tol, axis=0).astype(np.float64)
        if y_crisp:
            return reach_incl, reach_incl  # no case is in both Y and ~Y: PRI = inclS
        _, pri = fit_from_sums(inter, overlap, sum_x)
        with np.errstate(invalid="ignore"):
            return reach_incl, np.count_nonzero(pri >= pri0 - tol, axis=0).astype(np.float64)

    parts = map_chunks(work, seed, n_perm, n_jobs)
    exceed_incl = np.sum([p[0] for p in parts], axis=0)
    exceed_pri = np.sum([p[1] for p in parts], axis=0)
    return (incl0, pri0), (exceed_incl, exceed_pri)


def _grid_exceedances(
    x_codes: npt.NDArray[np.uint8],
    y_codes: npt.NDArray[np.uint8],
    sum_x: FloatArray,
    y_crisp: bool,
    n_perm: int,
    seed: np.random.SeedSequence,
    n_jobs: int,
) -> tuple[FloatArray, FloatArray]:
    """How many permutations reach the observed inclS and PRI, in exact integer arithmetic."""
    column = y_codes[:, None]
    inter0 = grid_sums(x_codes, column)[0]
    both0 = np.minimum(column, GRID - column)
    overlap0 = np.zeros_like(inter0) if y_crisp else grid_sums(x_codes, both0)[0]
    grid_x = np.rint(sum_x * GRID)
    pri0 = ratio(inter0 - overlap0, grid_x - overlap0)

    def work(rng: np.random.Generator, size: int) -> tuple[FloatArray, FloatArray]:
        permuted = rng.permuted(np.tile(y_codes, (size, 1)), axis=1)
        columns = np.ascontiguousarray(permuted.T)  # cases x permutations: sums run down columns
        inter = grid_sums(x_codes, columns)
        reach_incl = np.count_nonzero(inter >= inter0, axis=0).astype(np.float64)
        if y_crisp:
            return reach_incl, reach_incl
        overlap = grid_sums(x_codes, np.minimum(columns, GRID - columns))
        # equal fractions of integers divide to the same double: ties are exact
        pri = ratio(inter - overlap, grid_x - overlap)
        with np.errstate(invalid="ignore"):
            return reach_incl, np.count_nonzero(pri >= pri0, axis=0).astype(np.float64)

    parts = map_chunks(work, seed, n_perm, n_jobs)
    return np.sum([p[0] for p in parts], axis=0), np.sum([p[1] for p in parts], axis=0)
