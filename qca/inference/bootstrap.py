"""Bootstrap intervals for inclS, PRI and covS of rows, terms and models (cases resampled)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special

from .._core.resample import ratio
from .._render.inference import bootstrap_summary, inference_html
from .._render.summary import Summary
from ..exceptions import QCAError
from ._seeding import check_count, map_chunks, seed_sequence
from .sets import SetsUnderTest, sets_under_test

__all__ = ["BootstrapResult", "bootstrap_intervals"]

CALLER = "bootstrap_intervals()"

STATISTICS = ("inclS", "PRI", "covS")
METHODS = ("percentile", "bca")

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class BootstrapResult:
    """The result of :func:`bootstrap_intervals`.

    Attributes
    ----------
    labels, kinds : tuple of str
    estimates : mapping of str to tuple of float
        ``inclS``, ``PRI``, ``covS`` on the observed cases, per set.
    low, high : mapping of str to tuple of float
        The interval's ends per statistic and set (NaN when too few resamples define it).
    undefined : mapping of str to tuple of int
        Resamples in which the statistic was undefined (0/0: no case in the set), left out.
    method : str
    confidence_level : float
    n_resamples : int
    seed_entropy : int
    outcome : str
    """

    labels: tuple[str, ...]
    kinds: tuple[str, ...]
    estimates: dict[str, tuple[float, ...]]
    low: dict[str, tuple[float, ...]]
    high: dict[str, tuple[float, ...]]
    undefined: dict[str, tuple[int, ...]]
    method: str
    confidence_level: float
    n_resamples: int
    seed_entropy: int
    outcome: str

    def to_frame(self) -> pd.DataFrame:
        """One row per set: ``kind`` and, for each statistic, its estimate, ``_low`` and
        ``_high``."""
        columns: dict[str, list[Any]] = {"kind": list(self.kinds)}
        for name in STATISTICS:
            columns[name] = list(self.estimates[name])
            columns[f"{name}_low"] = list(self.low[name])
            columns[f"{name}_high"] = list(self.high[name])
        return pd.DataFrame(columns, index=pd.Index(list(self.labels), name="tested"))

    def to_dict(self) -> dict[str, Any]:
        frame = self.to_frame()
        records = []
        for label, row in frame.iterrows():
            record: dict[str, Any] = {"tested": label, "kind": row["kind"]}
            for key in frame.columns[1:]:
                value = float(row[key])
                record[str(key)] = None if np.isnan(value) else value
            records.append(record)
        return {
            "bootstrap": self.method,
            "outcome": self.outcome,
            "confidence_level": self.confidence_level,
            "n_resamples": self.n_resamples,
            "seed_entropy": self.seed_entropy,
            "sets": records,
        }

    def _repr_html_(self) -> str:
        return inference_html(self)

    def summary(self) -> Summary:
        """What was tested and how, and the results (capped)."""
        return bootstrap_summary(self)

    def __repr__(self) -> str:
        return (
            f"<BootstrapResult: {len(self.labels)} sets, {self.method} "
            f"{self.confidence_level:g} intervals of inclS, PRI, covS for {self.outcome}; "
            f"{self.n_resamples} resamples>"
        )

    def __str__(self) -> str:
        with pd.option_context("display.width", 140, "display.max_columns", 20):
            table = self.to_frame().to_string(float_format=lambda v: f"{v:.3f}")
        return (
            f"Bootstrap {self.method} {self.confidence_level:g} intervals "
            f"({self.n_resamples} resamples of the cases)\n{table}"
        )


def bootstrap_intervals(
    obj: Any,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    *,
    rows: Sequence[int] | None = None,
    method: str = "bca",
    confidence_level: float = 0.95,
    n_resamples: int = 9999,
    seed: int | np.random.SeedSequence | None = None,
    n_jobs: int = 1,
) -> BootstrapResult:
    """Bootstrap confidence intervals of inclS, PRI and covS (crisp and fuzzy sets).

    The cases are resampled with replacement ``n_resamples`` times (the nonparametric bootstrap:
    the cases are taken as a random sample of a population); each figure is a ratio of sums over
    the cases, recomputed in every resample at once (one matrix product of resample counts and
    per-case terms).

    Parameters
    ----------
    obj, data, outcome, rows
        What to estimate, as for :func:`~qca.inference.permutation_test`.
    method : {"bca", "percentile"}, default "bca"
        ``"percentile"``: the alpha/2 and 1 - alpha/2 quantiles of the resampled figures.
        ``"bca"``: Efron's bias-corrected and accelerated interval (bias from the share of
        resamples below the estimate, acceleration from the jackknife), the formulas of
        ``scipy.stats.bootstrap(method="BCa")``; preferred for ratios near 1.
    confidence_level : float, default 0.95
    n_resamples : int, default 9999
    seed, n_jobs
        As for :func:`~qca.inference.permutation_test`: same seed, same intervals whatever
        ``n_jobs``.

    Returns
    -------
    BootstrapResult

    Notes
    -----
    A resample with no membership in a set (a small crisp row drawn without its cases) leaves
    the set's figures undefined (0/0); such resamples are left out of that set's interval and
    counted in :attr:`BootstrapResult.undefined` (the interval is then conditional on the set
    being observed). ``scipy.stats.bootstrap`` is not called because it cannot leave undefined
    resamples out and would recompute every statistic separately; the tests check this
    implementation against it where every resample is defined.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    >>> ci = qca.inference.bootstrap_intervals("GEOCON*POLDIS", tt.memberships, "PROTEST", seed=1,
    ...                                        n_resamples=2000)
    >>> ci.to_frame().loc["GEOCON*POLDIS", ["inclS", "inclS_low", "inclS_high"]].round(2).tolist()
    [0.81, 0.65, 0.92]
    """
    sets = sets_under_test(obj, data, outcome, rows=rows, caller=CALLER)
    if method not in METHODS:
        raise QCAError(f"{CALLER}: `method` must be one of {list(METHODS)}; got {method!r}.")
    if (
        isinstance(confidence_level, bool)
        or not isinstance(confidence_level, int | float)
        or not (0 < confidence_level < 1)
    ):
        raise QCAError(
            f"{CALLER}: `confidence_level` must be a number in (0, 1); got {confidence_level!r}."
        )
    n_boot = check_count(n_resamples, "n_resamples", CALLER, minimum=2)
    jobs = check_count(n_jobs, "n_jobs", CALLER)
    seq = seed_sequence(seed, CALLER)
    terms = _case_terms(sets)
    estimates = _statistics(terms.sum(axis=0))
    n_cases = sets.y.size

    def work(rng: np.random.Generator, size: int) -> FloatArray:
        # a resample as the number of times each case is drawn: its sums are one product
        picks = rng.integers(0, n_cases, size=(size, n_cases))
        picks += np.arange(size)[:, None] * n_cases
        counts = np.bincount(picks.ravel(), minlength=size * n_cases).reshape(size, n_cases)
        sums = counts @ terms.reshape(n_cases, -1)
        return _statistics(sums.reshape(size, *terms.shape[1:]))

    draws = np.concatenate(list(map_chunks(work, seq, n_boot, jobs)), axis=0)
    jackknife = _statistics(terms.sum(axis=0)[None] - terms)
    alpha = 1.0 - float(confidence_level)
    undefined = np.isnan(draws).sum(axis=0)
    low, high = _intervals(
        draws.reshape(n_boot, -1),
        estimates.ravel(),
        jackknife.reshape(n_cases, -1),
        alpha,
        method,
    )
    low, high = low.reshape(estimates.shape), high.reshape(estimates.shape)
    entropy = seq.entropy
    by_name = {name: k for k, name in enumerate(STATISTICS)}
    return BootstrapResult(
        labels=sets.labels,
        kinds=sets.kinds,
        estimates={n: tuple(float(v) for v in estimates[:, k]) for n, k in by_name.items()},
        low={n: tuple(float(v) for v in low[:, k]) for n, k in by_name.items()},
        high={n: tuple(float(v) for v in high[:, k]) for n, k in by_name.items()},
        undefined={n: tuple(int(v) for v in undefined[:, k]) for n, k in by_name.items()},
        method=method,
        confidence_level=float(confidence_level),
        n_resamples=n_boot,
        seed_entropy=int(entropy) if isinstance(entropy, int | np.integer) else 0,
        outcome=sets.outcome,
    )


def _case_terms(sets: SetsUnderTest) -> FloatArray:
    """Per case and set: ``x``, ``min(x, y)``, ``min(x, y, 1 - y)``, ``y`` (n, sets, 4)."""
    x, y = sets.x, sets.y[:, None]
    inter = np.minimum(x, y)
    overlap = np.minimum(inter, 1.0 - y)
    return np.stack([x, inter, overlap, np.broadcast_to(y, x.shape)], axis=-1)


def _statistics(sums: FloatArray) -> FloatArray:
    """inclS, PRI, covS from sums ``(..., 4)`` of :func:`_case_terms` (last axis: the three)."""
    sx, inter, overlap, sy = (sums[..., i] for i in range(4))
    return np.stack(
        [ratio(inter, sx), ratio(inter - overlap, sx - overlap), ratio(inter, sy)], axis=-1
    )


def _intervals(
    draws: FloatArray, estimates: FloatArray, jackknife: FloatArray, alpha: float, method: str
) -> tuple[FloatArray, FloatArray]:
    """Percentile or BCa intervals of every column of ``draws`` (NaN resamples left out)."""
    ordered = np.sort(draws, axis=0)  # NaN last
    valid = np.sum(~np.isnan(draws), axis=0)
    levels = np.broadcast_to(np.array([alpha / 2, 1 - alpha / 2])[:, None], (2, draws.shape[1]))
    if method == "bca":
        levels = _bca_levels(draws, valid, estimates, jackknife, levels)
    # numpy's default ("linear") quantile: position q * (n - 1), interpolated
    position = levels * (valid - 1)
    below = np.clip(np.floor(np.nan_to_num(position)).astype(np.int64), 0, draws.shape[0] - 1)
    above = np.clip(below + 1, 0, np.maximum(valid - 1, 0))
    columns = np.arange(draws.shape[1])
    fraction = np.nan_to_num(position) - below
    ends = ordered[below, columns] + fraction * (ordered[above, columns] - ordered[below, columns])
    degenerate = ordered[0, columns] == ordered[np.maximum(valid - 1, 0), columns]
    # every resample the same figure (a row whose every case shows the outcome): that figure
    ends = np.where(degenerate, ordered[0, columns], ends)
    unusable = np.isnan(estimates) | (valid < 2) | (np.isnan(levels).any(axis=0) & ~degenerate)
    ends[:, unusable] = np.nan
    return ends[0], ends[1]


def _bca_levels(
    draws: FloatArray,
    valid: npt.NDArray[np.int64],
    estimates: FloatArray,
    jackknife: FloatArray,
    levels: FloatArray,
) -> FloatArray:
    """Efron's BCa quantile levels, per column (the formulas of ``scipy.stats.bootstrap``)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        # bias correction: the normal quantile of the share of resamples below the estimate
        below = np.sum(draws < estimates, axis=0) / np.maximum(valid, 1)
        z0 = special.ndtri(below)
        # acceleration from the jackknife (leave-one-case-out figures)
        mean = np.nanmean(jackknife, axis=0, keepdims=True) if jackknife.size else jackknife
        centred = mean - jackknife
        denominator = 6.0 * np.nansum(centred**2, axis=0) ** 1.5
        acceleration = np.where(denominator > 0, np.nansum(centred**3, axis=0) / denominator, 0.0)
        z = special.ndtri(levels)
        shifted = z0 + z
        result = special.ndtr(z0 + shifted / (1 - acceleration * shifted))
    # the estimate outside the resampled figures: no bias correction exists (scipy: NaN)
    result[:, (below <= 0) | (below >= 1)] = np.nan
    return np.asarray(result, dtype=np.float64)
