"""What a run computed, in memory: :class:`StudyResult` and its parts.

:meth:`StudyResult.to_dict` is ``results.json``; :func:`summary_lines` is the main finding in a few
lines (printed by ``qca run``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .provenance import jsonable
from .spec import SCHEMA_VERSION, Study, SufficiencySpec

__all__ = ["ModelResult", "StudyResult", "SufficiencyResult", "TermResult", "summary_lines"]


@dataclass(frozen=True, slots=True)
class TermResult:
    """One term of a model: its fit and the cases it covers (Schneider & Rohlfing 2013).

    ``cases`` have membership > 0.5 in the term; ``typical`` and ``deviant`` (deviant cases
    consistency in kind) are their roles by :func:`qca.case_roles`: typical cases also have
    outcome > 0.5 and term <= outcome; deviant cases have outcome < 0.5.
    """

    term: str
    inclS: float
    PRI: float
    covS: float
    covU: float
    cases: tuple[str, ...]
    typical: tuple[str, ...]
    deviant: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "inclS": self.inclS,
            "PRI": self.PRI,
            "covS": self.covS,
            "covU": self.covU,
            "cases": list(self.cases),
            "typical": list(self.typical),
            "deviant": list(self.deviant),
        }


@dataclass(frozen=True, slots=True)
class ModelResult:
    """One minimal model of a solution, with its fit, terms and case memberships."""

    solution: str
    name: str
    expression: str
    terms: tuple[TermResult, ...]
    inclS: float
    PRI: float
    covS: float
    membership: Any = field(repr=False, compare=False)
    typical: tuple[str, ...] = ()
    deviant: tuple[str, ...] = ()
    uncovered: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "expression": self.expression,
            "fit": {"inclS": self.inclS, "PRI": self.PRI, "covS": self.covS},
            "terms": [t.to_dict() for t in self.terms],
            "typical": list(self.typical),
            "deviant": list(self.deviant),
            "uncovered": list(self.uncovered),
            "membership": [float(v) for v in self.membership.to_numpy()],
        }


@dataclass(frozen=True, slots=True)
class SufficiencyResult:
    """The truth table and solutions for one outcome (``Y`` or ``~Y``)."""

    spec: SufficiencySpec
    truth_table: Any
    models: tuple[ModelResult, ...]
    notes: tuple[tuple[str, str], ...] = ()
    details: tuple[tuple[str, dict[str, Any]], ...] = ()

    def models_of(self, solution: str) -> tuple[ModelResult, ...]:
        return tuple(m for m in self.models if m.solution == solution)

    def note(self, solution: str) -> str | None:
        return dict(self.notes).get(solution)

    def detail(self, solution: str) -> dict[str, Any]:
        return dict(self.details).get(solution, {})


@dataclass(frozen=True, slots=True)
class StudyResult:
    """Everything a run computed, in memory. :meth:`to_dict` is ``results.json``."""

    study: Study
    raw: Any
    calibrated: Any
    dropped: tuple[tuple[str, tuple[str, ...]], ...]
    necessity: Any
    sufficiency: tuple[SufficiencyResult, ...]
    warnings: tuple[str, ...] = ()
    robustness: Any = None
    inference: dict[str, Any] | None = None  # outcome -> qca.study.inference.study_inference()

    def to_dict(self) -> dict[str, Any]:
        """Every number of the run as plain JSON data (NaN as ``None``)."""
        study = self.study
        results: dict[str, Any] = {
            "schema": "qca.study-results",
            "schema_version": SCHEMA_VERSION,
            "study": study.name,
            "outcome": study.outcome,
            "conditions": list(study.conditions),
            "data": {
                "cases": [str(c) for c in self.raw.index],
                "dropped": [{"case": c, "missing": list(cols)} for c, cols in self.dropped],
                "raw": _frame_columns(self.raw),
                "calibrated": _frame_columns(self.calibrated),
            },
            "calibration": [c.to_dict() for c in study.calibration],
            "warnings": list(self.warnings),
        }
        if self.necessity is not None:
            results["necessity"] = {
                outcome: {"single": _records(single), "expressions": _records(supersets.table)}
                for outcome, (single, supersets) in self.necessity.items()
            }
        sufficiency: dict[str, Any] = {}
        for analysis in self.sufficiency:
            entry: dict[str, Any] = {"truth_table": analysis.truth_table.to_dict(), "solutions": {}}
            for solution in analysis.spec.solutions:
                entry["solutions"][solution] = {
                    "note": analysis.note(solution),
                    "models": [m.to_dict() for m in analysis.models_of(solution)],
                    **analysis.detail(solution),
                }
            sufficiency[analysis.spec.outcome] = entry
        results["sufficiency"] = sufficiency
        if self.robustness is not None:
            results["robustness"] = self.robustness.to_dict()
        if self.inference is not None:
            results["inference"] = self.inference
        return jsonable(results)


def _frame_columns(frame: Any) -> dict[str, list[Any]]:
    return {str(c): jsonable(frame[c].tolist()) for c in frame.columns}


def _records(frame: Any) -> list[dict[str, Any]]:
    index_name = frame.index.name or "index"
    out = []
    for key, row in frame.iterrows():
        record = {index_name: jsonable(key)}
        record.update({str(c): jsonable(v) for c, v in row.items()})
        out.append(record)
    return out


def summary_lines(result: StudyResult) -> list[str]:
    """The main finding in a few lines: what holds across the robustness sweep (when the study
    has one) first, then every model of every solution, with its fit."""
    lines = []
    sweep = result.robustness
    if sweep is not None:
        solved = f", {sweep.n_solved} with a solution" if sweep.n_solved != sweep.n_variants else ""
        shares = sorted(sweep.solution_frequency.items(), key=lambda item: (-item[1], item[0]))
        top = ", ".join(f"{solution or 'none'} {share:.1%}" for solution, share in shares[:4])
        more = f" and {len(shares) - 4} more (see the report)" if len(shares) > 4 else ""
        lines += [
            f"robustness over {sweep.n_variants} variants{solved}:",
            f"  robust core: {', '.join(sweep.robust_core) or 'none'}",
            f"  solutions:   {top or 'none'}{more}",
        ]
    for analysis in result.sufficiency:
        lines.append(f"sufficient configurations for {analysis.spec.outcome}:")
        for solution in analysis.spec.solutions:
            models = analysis.models_of(solution)
            if not models:
                lines.append(f"  {solution:<13} (none: {analysis.note(solution) or 'no model'})")
            for model in models:
                lines.append(
                    f"  {solution:<13} {model.name}: {model.expression}   "
                    f"(inclS {model.inclS:.3f}, PRI {model.PRI:.3f}, covS {model.covS:.3f})"
                )
    for outcome, (_, supersets) in (result.necessity or {}).items():
        found = [str(n) for n in supersets.table.index]
        shown = ", ".join(found[:5]) + (
            f" and {len(found) - 5} more (see the report)" if len(found) > 5 else ""
        )
        lines.append(
            f"necessary for {outcome} (inclN >= {result.study.necessity_incl_cut:g}, "
            f"covN >= {result.study.necessity_cov_cut:g}): " + (shown or "none")
        )
    return lines
