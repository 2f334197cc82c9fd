"""The ``[inference]`` table of a study file and what it computes: permutation tests (and, when
asked, bootstrap intervals) of every truth-table row and every model of a sufficiency analysis.

Read by :mod:`qca.study.spec`, run by :mod:`qca.study.analysis`, kept in ``results.json`` under
``"inference"`` and told in words by :mod:`qca.study.report_inference`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..inference import CORRECTIONS, adjust_pvalues, bootstrap_intervals, permutation_test
from .reader import Reader

__all__ = ["InferenceSpec", "read_inference", "study_inference"]

KEYS = ("enabled", "n_permutations", "correction", "alpha", "seed", "bootstrap", "n_resamples")


@dataclass(frozen=True, slots=True)
class InferenceSpec:
    """The options of ``[inference]`` (docs/study-file.md)."""

    enabled: bool = True
    n_permutations: int = 10_000
    correction: str = "holm"
    alpha: float = 0.05
    seed: int = 1
    bootstrap: bool = False
    n_resamples: int = 9999

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in KEYS}


def read_inference(r: Reader, doc: Mapping[str, Any]) -> InferenceSpec | None:
    """``[inference]`` checked, or None when the study file has no such table."""
    if "inference" not in doc:
        return None
    table = r.table(doc, "inference", required=False)
    where = "[inference]"
    r.known_keys(table, where, KEYS)

    def count(key: str, default: int, low: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise r.fail(f"{where}.{key}", f"must be an integer >= {low}", value)
        return value

    alpha = r.number(table, where, "alpha", default=0.05)
    if not 0 < alpha < 1:
        raise r.fail(f"{where}.alpha", "must be a number in (0, 1)", alpha)
    correction = r.string(table, where, "correction", default="holm", choices=CORRECTIONS)
    return InferenceSpec(
        enabled=r.boolean(table, where, "enabled", default=True),
        n_permutations=count("n_permutations", 10_000, 1),
        correction=correction or "holm",
        alpha=alpha,
        seed=count("seed", 1, 0),
        bootstrap=r.boolean(table, where, "bootstrap", default=False),
        n_resamples=count("n_resamples", 9999, 2),
    )


def study_inference(
    spec: InferenceSpec, truth_table: Any, models: Sequence[tuple[str, str, str]]
) -> dict[str, Any]:
    """Permutation tests of the rows (``n >= n_cut``) and of the models, for one outcome.

    ``models`` are ``(solution, name, expression)``; each distinct expression is tested once.
    Rows and models are two families, each corrected on its own. Returns a JSON-ready dict:
    ``{"rows": PermutationResult.to_dict(), "models": {...} or None, "bootstrap": ...}``.
    """
    options: dict[str, Any] = {
        "n_permutations": spec.n_permutations,
        "correction": spec.correction,
        "alpha": spec.alpha,
        "seed": spec.seed,
    }
    rows = permutation_test(truth_table, **options)
    entry: dict[str, Any] = {"options": spec.to_dict(), "rows": rows.to_dict(), "models": None}
    expressions = list(dict.fromkeys(expression for _, _, expression in models))
    if expressions:
        data = truth_table.memberships
        tested = [
            permutation_test(e, data, truth_table.outcome, **options).to_dict()["tests"][-1]
            for e in expressions
        ]
        # the models are one family: corrected together
        adjusted = adjust_pvalues([t["p_inclS"] for t in tested], spec.correction)
        adjusted_pri = adjust_pvalues([t["p_PRI"] for t in tested], spec.correction)
        for record, p, p_pri in zip(tested, adjusted, adjusted_pri, strict=True):
            record["p_inclS_adj"] = float(p)
            record["p_PRI_adj"] = float(p_pri)
            record["distinguishable"] = bool(p < spec.alpha)
            record["kind"] = "model"
        entry["models"] = {
            "tests": tested,
            "names": [{"solution": s, "name": n, "expression": e} for s, n, e in models],
        }
    if spec.bootstrap:
        entry["bootstrap"] = bootstrap_intervals(
            truth_table, n_resamples=spec.n_resamples, seed=spec.seed
        ).to_dict()
    return entry
