"""Power of consistency tests and the number of cases a target power needs (Rohlfing 2018)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

from .._core.resample import permuted_sums, ratio
from .._render.inference import inference_html, power_summary
from .._render.summary import Summary
from ..exceptions import QCAError
from ._seeding import check_count, map_chunks, seed_sequence
from .sets import sets_under_test

__all__ = ["PowerResult", "binomial_power", "cases_needed", "permutation_power", "power"]

FloatArray = npt.NDArray[np.float64]

#: Largest number of cases :func:`cases_needed` looks at.
MAX_CASES = 100_000


def _proportion(value: Any, name: str, caller: str, open_interval: bool = False) -> float:
    ok = isinstance(value, int | float | np.floating) and not isinstance(value, bool)
    number = float(value) if ok else np.nan
    inside = 0 < number < 1 if open_interval else 0 <= number <= 1
    if not ok or not inside:
        where = "(0, 1)" if open_interval else "[0, 1]"
        raise QCAError(f"{caller}: `{name}` must be a number in {where}; got {value!r}.")
    return number


def binomial_power(n: int, consistency: float, benchmark: float, alpha: float = 0.05) -> float:
    """Exact power of the one-sided binomial test of a crisp row's consistency.

    The test (Ragin 2000; R's ``inf.test = "binom"``) rejects ``H0: consistency = benchmark``
    when ``P(S >= s | n, benchmark) < alpha`` for ``s`` of the row's ``n`` cases showing the
    outcome. Under the alternative each case shows the outcome with probability ``consistency``;
    the power is ``P(S >= s* | n, consistency)`` for the smallest rejecting ``s*``.

    Examples
    --------
    >>> round(binomial_power(20, 0.95, 0.75), 3)
    0.736
    >>> binomial_power(4, 1.0, 0.8)  # 4 cases can never beat 0.8 at the 5% level
    0.0
    """
    caller = "binomial_power()"
    size = check_count(n, "n", caller)
    c1 = _proportion(consistency, "consistency", caller)
    c0 = _proportion(benchmark, "benchmark", caller)
    a = _proportion(alpha, "alpha", caller, open_interval=True)
    return float(_binomial_power(np.array([size]), c1, c0, a)[0])


def _binomial_power(n: npt.NDArray[np.int64], c1: float, c0: float, alpha: float) -> FloatArray:
    """Power for every ``n`` at once."""
    result = np.zeros(n.shape)
    for i, size in enumerate(n.tolist()):
        s = np.arange(size + 1)
        rejects = np.flatnonzero(stats.binom.sf(s - 1, size, c0) < alpha)
        if rejects.size:
            result[i] = stats.binom.sf(s[rejects[0]] - 1, size, c1)
    return result


def permutation_power(
    n_cases: int,
    n_in: int,
    consistency: float,
    outcome_rate: float,
    *,
    alpha: float = 0.05,
    n_simulations: int | None = None,
    n_permutations: int = 999,
    seed: int | np.random.SeedSequence | None = None,
) -> float:
    """Power of the permutation test of a crisp set's consistency (Rohlfing 2018).

    Data-generating process: of ``n_cases`` cases, ``n_in`` are in the set; each shows the
    outcome with probability ``consistency`` inside the set and ``outcome_rate`` outside. The
    test is :func:`~qca.inference.permutation_test` of the set's inclS at level ``alpha``
    (rejecting when ``p <= alpha``).

    With ``n_simulations=None`` the power is exact: for a crisp set and outcome the permutation
    distribution of the cases with the outcome inside the set is hypergeometric (the permutation
    test is then Fisher's exact test, the limit of infinitely many permutations), so the power
    is a finite sum over the binomial outcomes inside and outside the set. With
    ``n_simulations``, data sets are simulated and each is tested with ``n_permutations``
    permutations (seeded), which is what a study's test with finite permutations does.

    Examples
    --------
    >>> round(permutation_power(40, 10, 0.9, 0.4), 3)
    0.873
    """
    caller = "permutation_power()"
    n = check_count(n_cases, "n_cases", caller, minimum=2)
    inside = check_count(n_in, "n_in", caller)
    if inside >= n:
        raise QCAError(f"{caller}: `n_in` ({inside}) must be below `n_cases` ({n}).")
    c1 = _proportion(consistency, "consistency", caller)
    rate = _proportion(outcome_rate, "outcome_rate", caller)
    a = _proportion(alpha, "alpha", caller, open_interval=True)
    if n_simulations is None:
        return _exact_permutation_power(n, inside, c1, rate, a)
    sims = check_count(n_simulations, "n_simulations", caller)
    perms = check_count(n_permutations, "n_permutations", caller)
    seq = seed_sequence(seed, caller)
    x = np.zeros((n, 1))
    x[:inside] = 1.0
    probability = np.where(np.arange(n) < inside, c1, rate)

    def work(rng: np.random.Generator, size: int) -> int:
        rejected = 0
        for _ in range(size):
            y = (rng.random(n) < probability).astype(np.float64)
            rejected += _permutation_pvalue(x, y, perms, rng)[0] <= a
        return rejected

    # chunks of 1,000 simulations: the same seed gives the same power
    return float(sum(map_chunks(work, seq, sims, 1)) / sims)


def _exact_permutation_power(n: int, inside: int, c1: float, rate: float, alpha: float) -> float:
    a = np.arange(inside + 1)[:, None]  # cases with the outcome inside the set
    b = np.arange(n - inside + 1)[None, :]  # ... and outside
    # Fisher's one-sided p-value: P(at least a of the a + b outcomes fall inside the set)
    pvalue = stats.hypergeom.sf(a - 1, n, a + b, inside)
    weight = stats.binom.pmf(a, inside, c1) * stats.binom.pmf(b, n - inside, rate)
    return float(np.sum(weight * (pvalue <= alpha + 1e-12)))


def _permutation_pvalue(
    x: FloatArray, y: FloatArray, n_permutations: int, rng: np.random.Generator
) -> FloatArray:
    """Permutation p-values of the inclS of the sets ``x`` (one draw of permutations)."""
    sum_x = x.sum(axis=0)
    observed = ratio(permuted_sums(x, y[None, :])[0][0], sum_x)
    shuffled = rng.permuted(np.tile(y, (n_permutations, 1)), axis=1)
    permuted = ratio(permuted_sums(x, shuffled)[0], sum_x)
    with np.errstate(invalid="ignore"):
        exceed = np.sum(permuted >= observed - 1e-9, axis=0)
    return np.asarray((1.0 + exceed) / (1.0 + n_permutations), dtype=np.float64)


def cases_needed(
    target: float,
    consistency: float,
    *,
    benchmark: float | None = None,
    outcome_rate: float | None = None,
    share_in: float | None = None,
    alpha: float = 0.05,
) -> int:
    """The fewest cases with power >= ``target`` (exact, crisp).

    * With ``benchmark``: cases in the row for the binomial test (:func:`binomial_power`).
    * With ``outcome_rate`` and ``share_in`` (share of the cases in the set): total cases for the
      permutation test (:func:`permutation_power`, exact), ``n_in = round(share_in * n)``.

    Power is not monotone in the number of cases for discrete tests (it saw-tooths); the
    smallest ``n`` reaching the target is returned, and larger ``n`` may dip just below it.

    Examples
    --------
    >>> cases_needed(0.8, 0.95, benchmark=0.75)
    23
    """
    caller = "cases_needed()"
    goal = _proportion(target, "target", caller, open_interval=True)
    c1 = _proportion(consistency, "consistency", caller)
    a = _proportion(alpha, "alpha", caller, open_interval=True)
    if (benchmark is None) == (outcome_rate is None):
        raise QCAError(
            f"{caller}: give either `benchmark` (binomial test) or `outcome_rate` and `share_in` "
            "(permutation test)."
        )
    if benchmark is not None:
        c0 = _proportion(benchmark, "benchmark", caller)
        if c1 <= c0:
            raise QCAError(
                f"{caller}: `consistency` ({c1:g}) must exceed `benchmark` ({c0:g}) for the "
                "power to grow with the cases."
            )
        start = 1
        while start <= MAX_CASES:
            ns = np.arange(start, min(2 * start, MAX_CASES) + 1)
            hits = np.flatnonzero(_binomial_power(ns, c1, c0, a) >= goal)
            if hits.size:
                return int(ns[hits[0]])
            start = 2 * start + 1
    else:
        rate = _proportion(outcome_rate, "outcome_rate", caller)
        if share_in is None:
            raise QCAError(f"{caller}: the permutation test needs `share_in`.")
        share = _proportion(share_in, "share_in", caller, open_interval=True)
        if c1 <= rate:
            raise QCAError(
                f"{caller}: `consistency` ({c1:g}) must exceed `outcome_rate` ({rate:g}) for the "
                "power to grow with the cases."
            )
        for n in range(2, 5001):
            inside = round(share * n)
            if 1 <= inside < n and _exact_permutation_power(n, inside, c1, rate, a) >= goal:
                return n
    raise QCAError(f"{caller}: the target power is not reached within the cases searched.")


@dataclass(frozen=True, slots=True)
class PowerResult:
    """The result of :func:`power`: per set, the power of the permutation test at ``n_cases``."""

    labels: tuple[str, ...]
    kinds: tuple[str, ...]
    inclS: tuple[float, ...]
    power: tuple[float, ...]
    n_cases: int
    alpha: float
    n_simulations: int
    n_permutations: int
    seed_entropy: int
    outcome: str

    def to_frame(self) -> pd.DataFrame:
        """One row per set: ``kind``, observed ``inclS``, ``power`` at :attr:`n_cases`."""
        return pd.DataFrame(
            {"kind": list(self.kinds), "inclS": list(self.inclS), "power": list(self.power)},
            index=pd.Index(list(self.labels), name="tested"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "power": "resampling",
            "outcome": self.outcome,
            "n_cases": self.n_cases,
            "alpha": self.alpha,
            "n_simulations": self.n_simulations,
            "n_permutations": self.n_permutations,
            "seed_entropy": self.seed_entropy,
            "sets": [
                {"tested": t, "kind": k, "inclS": None if np.isnan(i) else i, "power": p}
                for t, k, i, p in zip(self.labels, self.kinds, self.inclS, self.power, strict=True)
            ],
        }

    def _repr_html_(self) -> str:
        return inference_html(self)

    def summary(self) -> Summary:
        """What was tested and how, and the results (capped)."""
        return power_summary(self)

    def __repr__(self) -> str:
        return (
            f"<PowerResult: {len(self.labels)} sets, power of the permutation test with "
            f"{self.n_cases} cases at {self.alpha:g}; {self.n_simulations} simulations>"
        )

    def __str__(self) -> str:
        table = self.to_frame().to_string(float_format=lambda v: f"{v:.3f}")
        return (
            f"Power of the permutation test of inclS with {self.n_cases} cases "
            f"(alternative: the observed cases, resampled)\n{table}"
        )


def power(
    obj: Any,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    *,
    rows: Sequence[int] | None = None,
    n_cases: int | None = None,
    alpha: float = 0.05,
    n_simulations: int = 200,
    n_permutations: int = 499,
    seed: int | np.random.SeedSequence | None = None,
    n_jobs: int = 1,
) -> PowerResult:
    """Power of the permutation test of each row, term or model at ``n_cases`` (crisp or fuzzy).

    The alternative is the relation as observed: ``n_simulations`` samples of ``n_cases`` cases
    are drawn with replacement from the observed cases (their memberships in the set and the
    outcome together), and each is given the permutation test (``n_permutations``, uncorrected,
    rejecting at ``p <= alpha``); the power is the share of samples in which it rejects. With
    ``n_cases`` larger than observed, it answers "how many cases would make this relation
    distinguishable from chance?"; with the observed number, it is the (post hoc) power of the
    study's own test.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LC"), "SURV", incl_cut=0.8)
    >>> pw = qca.inference.power(tt, rows=[32], n_cases=36, n_simulations=100, seed=1)
    >>> bool(pw.to_frame().loc["row 32", "power"] > 0.5)
    True
    """
    caller = "power()"
    sets = sets_under_test(obj, data, outcome, rows=rows, caller=caller)
    size = sets.y.size if n_cases is None else check_count(n_cases, "n_cases", caller, minimum=2)
    a = _proportion(alpha, "alpha", caller, open_interval=True)
    sims = check_count(n_simulations, "n_simulations", caller)
    perms = check_count(n_permutations, "n_permutations", caller)
    jobs = check_count(n_jobs, "n_jobs", caller)
    seq = seed_sequence(seed, caller)
    x, y = sets.x, sets.y

    def work(rng: np.random.Generator, count: int) -> FloatArray:
        rejected = np.zeros(x.shape[1])
        for _ in range(count):
            pick = rng.integers(0, y.size, size)
            with np.errstate(invalid="ignore"):
                rejected += _permutation_pvalue(x[pick], y[pick], perms, rng) <= a
        return rejected

    total = np.sum(map_chunks(work, seq, sims, jobs), axis=0)
    entropy = seq.entropy
    observed = ratio(np.minimum(x, y[:, None]).sum(axis=0), x.sum(axis=0))
    return PowerResult(
        labels=sets.labels,
        kinds=sets.kinds,
        inclS=tuple(float(v) for v in observed),
        power=tuple(float(v) for v in total / sims),
        n_cases=int(size),
        alpha=a,
        n_simulations=sims,
        n_permutations=perms,
        seed_entropy=int(entropy) if isinstance(entropy, int | np.integer) else 0,
        outcome=sets.outcome,
    )
