"""Oana & Schneider's robustness figures, from the membership of each solution in each case.

Reference: Ioana-Elena Oana and Carsten Q. Schneider (2024), "A Robustness Test Protocol for
Applied QCA: Theory and R Software Application", *Sociological Methods & Research* 53(1), 57-88
(online 2021); implemented in R by SetMethods' ``rob.fit``, ``rob.corefit`` and ``rob.cases``.

Notation: ``IS`` is the membership of each case in the initial solution (the base analysis' first
model M1), ``TS_1 ... TS_m`` in the test solutions (M1 of every other variant), ``Y`` in the
outcome (of the base analysis). ``minTS = min_j TS_j``, ``maxTS = max_j TS_j`` (fuzzy
intersection and union, case by case), and the **robust core** ``RC = min(IS, minTS)``.

================  ======================================================================
``RF_cov``        ``covS(RC) / covS(IS)``: the share of the initial solution's coverage that
                  the robust core keeps
``RF_cons``       ``inclS(IS) / inclS(RC)``
``RF_SC_minTS``   ``sum(min(IS, minTS)) / sum(max(IS, minTS))``: how far IS and minTS are the
                  same set (1 = identical memberships)
``RF_SC_maxTS``   the same with ``maxTS``
``RCR_typ``       robust typical / (robust + shaky + possible typical cases)
``RCR_dev``       robust deviant / (robust + shaky + possible deviant cases)
``RCC_rank``      1: no shaky and no possible case; 2: possible but no shaky cases;
                  3: shaky but no possible cases; 4: both
================  ======================================================================

Case classes (membership above 0.5 in the set, outcome above / below 0.5 for typical / deviant):
**robust** ``IS*minTS``, **shaky** ``IS*~minTS``, **possible** ``~IS*maxTS``, **extreme deviant
coverage** ``~IS*~maxTS`` with ``Y > 0.5`` and **irrelevant** ``~IS*~maxTS`` with ``Y < 0.5``.
``RCC_rank`` counts shaky and possible cases whatever their outcome, as SetMethods does.

One departure from SetMethods 3.x: its ``minTS``/``maxTS`` loop (``for (i in length(test_sol))``)
combines only the first and the last test solution; here every test solution counts, as the
protocol defines them. With one or two test solutions the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.fitkernels import sufficiency_fit

__all__ = ["CASE_CLASSES", "RobustnessFigures", "robustness_figures"]

FloatArray = npt.NDArray[np.float64]

#: Case classes in the order they are reported.
CASE_CLASSES = (
    "robust typical",
    "robust deviant",
    "shaky typical",
    "shaky deviant",
    "possible typical",
    "possible deviant",
    "extreme deviant coverage",
    "irrelevant",
)


@dataclass(frozen=True)
class RobustnessFigures:
    """The figures of :func:`robustness_figures` (names as SetMethods prints them)."""

    RF_cov: float
    RF_cons: float
    RF_SC_minTS: float
    RF_SC_maxTS: float
    RCR_typ: float
    RCR_dev: float
    RCC_rank: int
    core_fit: dict[str, float]
    initial_fit: dict[str, float]
    case_classes: dict[str, tuple[str, ...]]
    n_test: int
    cases: tuple[str, ...] = ()
    memberships: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "RF_cov": _num(self.RF_cov),
            "RF_cons": _num(self.RF_cons),
            "RF_SC_minTS": _num(self.RF_SC_minTS),
            "RF_SC_maxTS": _num(self.RF_SC_maxTS),
            "RCR_typ": _num(self.RCR_typ),
            "RCR_dev": _num(self.RCR_dev),
            "RCC_rank": self.RCC_rank,
            "core_fit": {k: _num(v) for k, v in self.core_fit.items()},
            "initial_fit": {k: _num(v) for k, v in self.initial_fit.items()},
            "case_classes": {k: list(v) for k, v in self.case_classes.items()},
            "n_test_solutions": self.n_test,
            "cases": list(self.cases),
            "memberships": {k: [float(v) for v in vs] for k, vs in self.memberships.items()},
        }

    def membership_frame(self) -> pd.DataFrame:
        """Case by case: ``IS``, ``minTS``, ``maxTS``, ``RC`` (the robust core) and ``Y``."""
        return pd.DataFrame(dict(self.memberships), index=pd.Index(self.cases, name="case"))


def _num(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator else float("nan")


def robustness_figures(
    initial: FloatArray, tests: FloatArray, y: FloatArray, cases: tuple[str, ...]
) -> RobustnessFigures:
    """Oana & Schneider's figures for an initial solution against a test set.

    Parameters
    ----------
    initial : ndarray, shape (n_cases,)
        Membership of each case in the initial solution.
    tests : ndarray, shape (n_tests, n_cases)
        Membership of each case in each test solution (at least one).
    y : ndarray, shape (n_cases,)
        Outcome membership.
    cases : tuple of str
        Case names, for the case classes.

    Examples
    --------
    >>> import numpy as np
    >>> f = robustness_figures(np.array([1.0, 1, 0, 0]), np.array([[1.0, 0, 0, 1]]),
    ...                        np.array([1.0, 1, 0, 1]), ("a", "b", "c", "d"))
    >>> f.RF_cov, f.RCR_typ, f.RCC_rank, f.case_classes["shaky typical"]
    (0.5, 0.3333333333333333, 4, ('b',))
    """
    initial = np.asarray(initial, dtype=np.float64)
    tests = np.asarray(tests, dtype=np.float64).reshape(-1, initial.size)
    y = np.asarray(y, dtype=np.float64)
    min_ts = tests.min(axis=0)
    max_ts = tests.max(axis=0)
    core = np.minimum(initial, min_ts)
    core_fit = {k: float(v) for k, v in sufficiency_fit(core, y).items()}
    initial_fit = {k: float(v) for k, v in sufficiency_fit(initial, y).items()}
    robust = np.minimum(initial, min_ts) > 0.5
    shaky = np.minimum(initial, 1 - min_ts) > 0.5
    possible = np.minimum(1 - initial, max_ts) > 0.5
    outside = np.minimum(1 - initial, 1 - max_ts) > 0.5
    typical, deviant = y > 0.5, y < 0.5
    names = np.asarray(cases, dtype=object)

    def members(mask: npt.NDArray[np.bool_]) -> tuple[str, ...]:
        return tuple(str(v) for v in names[mask])

    classes = {
        "robust typical": members(robust & typical),
        "robust deviant": members(robust & deviant),
        "shaky typical": members(shaky & typical),
        "shaky deviant": members(shaky & deviant),
        "possible typical": members(possible & typical),
        "possible deviant": members(possible & deviant),
        "extreme deviant coverage": members(outside & typical),
        "irrelevant": members(outside & deviant),
    }
    n_shaky, n_possible = int(shaky.sum()), int(possible.sum())
    rank = 1 + (n_possible > 0) + 2 * (n_shaky > 0)
    count = {k: len(v) for k, v in classes.items()}
    return RobustnessFigures(
        RF_cov=_ratio(core_fit["covS"], initial_fit["covS"]),
        RF_cons=_ratio(initial_fit["inclS"], core_fit["inclS"]),
        RF_SC_minTS=_ratio(
            float(np.minimum(initial, min_ts).sum()), float(np.maximum(initial, min_ts).sum())
        ),
        RF_SC_maxTS=_ratio(
            float(np.minimum(initial, max_ts).sum()), float(np.maximum(initial, max_ts).sum())
        ),
        RCR_typ=_ratio(
            count["robust typical"],
            count["robust typical"] + count["shaky typical"] + count["possible typical"],
        ),
        RCR_dev=_ratio(
            count["robust deviant"],
            count["robust deviant"] + count["shaky deviant"] + count["possible deviant"],
        ),
        RCC_rank=int(rank),
        core_fit=core_fit,
        initial_fit=initial_fit,
        case_classes=classes,
        n_test=int(tests.shape[0]),
        cases=tuple(cases),
        memberships={
            "IS": tuple(initial.tolist()),
            "minTS": tuple(min_ts.tolist()),
            "maxTS": tuple(max_ts.tolist()),
            "RC": tuple(core.tolist()),
            "Y": tuple(y.tolist()),
        },
    )
