"""The ``[robustness]`` table of a study file: reading it and running the sweep it asks for.

:func:`read_robustness` checks the table into a :class:`RobustnessSpec` (schema in
``docs/study-file.md``); :func:`run_robustness` runs :func:`qca.robustness` on the study's raw
data, calibration and truth-table options. The report section is in
:mod:`qca.study.robustness_report`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..exceptions import StudyFileError
from ..robustness import RobustnessResult, robustness
from .anchors import CalibrationSpec
from .reader import Reader

__all__ = ["ROBUSTNESS_SCHEMA_VERSION", "RobustnessSpec", "read_robustness", "run_robustness"]

#: Version of the ``[robustness]`` table (its keys and meaning); raised when they change.
ROBUSTNESS_SCHEMA_VERSION = 1

_KEYS = (
    "schema_version",
    "outcome",
    "solution",
    "incl_cut",
    "pri_cut",
    "n_cut",
    "anchors",
    "leave_one_out",
    "leave_group_out",
    "bootstrap",
    "leave_condition_out",
    "coding",
    "missing",
    "missing_values",
    "interval_step",
    "max_completions",
    "n_samples",
    "cross",
    "seed",
    "necessity_cut",
    "n_jobs",
)
_SOLUTIONS = ("parsimonious", "conservative", "intermediate")


@dataclass(frozen=True)
class RobustnessSpec:
    """A checked ``[robustness]`` table (see ``docs/study-file.md``)."""

    outcome: str
    solution: str
    incl_cut: Any
    pri_cut: Any
    n_cut: Any
    anchors: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]
    leave_one_out: bool
    leave_group_out: str | None
    bootstrap: int
    leave_condition_out: bool
    coding: tuple[tuple[str, str, Any], ...]
    missing: str
    missing_values: tuple[tuple[str, Any], ...]
    interval_step: float
    max_completions: int
    n_samples: int
    cross: bool
    seed: int
    necessity_cut: float | None
    n_jobs: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": ROBUSTNESS_SCHEMA_VERSION,
            "outcome": self.outcome,
            "solution": self.solution,
            "incl_cut": self.incl_cut,
            "pri_cut": self.pri_cut,
            "n_cut": self.n_cut,
            "anchors": {c: dict(a) for c, a in self.anchors},
            "leave_one_out": self.leave_one_out,
            "leave_group_out": self.leave_group_out,
            "bootstrap": self.bootstrap,
            "leave_condition_out": self.leave_condition_out,
            "coding": [{"case": c, "column": k, "values": v} for c, k, v in self.coding],
            "missing": self.missing,
            "missing_values": dict(self.missing_values),
            "interval_step": self.interval_step,
            "max_completions": self.max_completions,
            "n_samples": self.n_samples,
            "cross": self.cross,
            "seed": self.seed,
            "necessity_cut": self.necessity_cut,
        }


def _grid(r: Reader, table: Mapping[str, Any], key: str) -> Any:
    """A list of numbers or a range table ``{from, to, by}`` (checked by qca.robustness)."""
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, dict):
        r.known_keys(value, f"[robustness].{key}", ["from", "to", "by"])
        if set(value) != {"from", "to", "by"}:
            raise r.fail(f"[robustness].{key}", "must hold from, to and by", value)
        return dict(value)
    if isinstance(value, bool) or not isinstance(value, list | int | float):
        raise r.fail(
            f"[robustness].{key}", "must be a list of numbers or a table {from, to, by}", value
        )
    return value if isinstance(value, list) else [value]


def _whole(r: Reader, table: Mapping[str, Any], key: str, default: int, low: int = 0) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise r.fail(f"[robustness].{key}", f"must be a whole number >= {low}", value)
    return int(value)


def read_robustness(
    r: Reader, doc: Mapping[str, Any], outcome: str, conditions: tuple[str, ...]
) -> RobustnessSpec | None:
    """The ``[robustness]`` table of a study file, checked; None when there is none."""
    if "robustness" not in doc:
        return None
    table = r.table(doc, "robustness", required=True)
    r.known_keys(table, "[robustness]", _KEYS)
    version = table.get("schema_version", ROBUSTNESS_SCHEMA_VERSION)
    if version != ROBUSTNESS_SCHEMA_VERSION or isinstance(version, bool):
        raise r.fail(
            "[robustness].schema_version",
            f"must be {ROBUSTNESS_SCHEMA_VERSION} (the version this qca reads)",
            version,
        )
    target = r.string(table, "[robustness]", "outcome", default=outcome) or outcome
    if target.lstrip("~").strip() != outcome:
        raise r.fail("[robustness].outcome", f"must be {outcome!r} or '~{outcome}'", target)
    solution = r.string(
        table, "[robustness]", "solution", default="parsimonious", choices=_SOLUTIONS
    )
    anchors_table = table.get("anchors", {})
    if not isinstance(anchors_table, dict):
        raise r.fail(
            "[robustness].anchors", "must be a table of [robustness.anchors.VAR]", anchors_table
        )
    anchors = []
    for column, entry in anchors_table.items():
        if not isinstance(entry, dict) or not entry:
            raise r.fail(
                f"[robustness.anchors.{column}]", "must map anchor names to values or ranges", entry
            )
        anchors.append((column, tuple((name, _grid(r, entry, name)) for name in entry)))
    coding_list = table.get("coding", [])
    if not isinstance(coding_list, list):
        raise r.fail(
            "[robustness].coding", "must be a list of {case, column, values} tables", coding_list
        )
    coding = []
    for i, item in enumerate(coding_list):
        where = f"[robustness].coding[{i}]"
        if not isinstance(item, dict):
            raise r.fail(
                where, "must be a table {case, column, values} or {case, column, interval}", item
            )
        r.known_keys(item, where, ["case", "column", "values", "interval"])
        case = item.get("case")
        column = r.string(item, where, "column", required=True)
        if case is None or isinstance(case, bool | dict | list):
            raise r.fail(f"{where}.case", "must be a case name", case)
        if ("values" in item) == ("interval" in item):
            raise r.fail(
                where, "needs exactly one of values = [...] or interval = [low, high]", item
            )
        if "values" in item:
            if not isinstance(item["values"], list) or not item["values"]:
                raise r.fail(
                    f"{where}.values", "must be a non-empty list of numbers", item["values"]
                )
            values: Any = set(item["values"])
        else:
            values = item["interval"]
            if not isinstance(values, list) or len(values) != 2:
                raise r.fail(f"{where}.interval", "must be [low, high]", values)
        coding.append((str(case), str(column), values))
    missing = r.string(
        table, "[robustness]", "missing", default="as-data", choices=("as-data", "sweep")
    )
    missing_table = table.get("missing_values", {})
    if not isinstance(missing_table, dict):
        raise r.fail(
            "[robustness].missing_values", "must be a table {COLUMN = [values]}", missing_table
        )
    for column, values in missing_table.items():
        if not isinstance(values, list) or not values:
            raise r.fail(
                f"[robustness.missing_values].{column}", "must be a list of numbers", values
            )
    group = table.get("leave_group_out")
    if group is not None and (not isinstance(group, str) or not group):
        raise r.fail("[robustness].leave_group_out", "must be a column name", group)
    necessity_cut = table.get("necessity_cut")
    if necessity_cut is not None:
        necessity_cut = r.number(table, "[robustness]", "necessity_cut", default=0.9)
    step = table.get("interval_step", 1)
    if isinstance(step, bool) or not isinstance(step, int | float) or not step > 0:
        raise r.fail("[robustness].interval_step", "must be a number > 0", step)
    n_jobs = table.get("n_jobs", 1)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or not (n_jobs >= 1 or n_jobs == -1):
        raise r.fail("[robustness].n_jobs", "must be a whole number >= 1 or -1", n_jobs)
    del conditions
    return RobustnessSpec(
        outcome=target,
        solution=str(solution),
        incl_cut=_grid(r, table, "incl_cut"),
        pri_cut=_grid(r, table, "pri_cut"),
        n_cut=_grid(r, table, "n_cut"),
        anchors=tuple(anchors),
        leave_one_out=r.boolean(table, "[robustness]", "leave_one_out", default=False),
        leave_group_out=group,
        bootstrap=_whole(r, table, "bootstrap", 0),
        leave_condition_out=r.boolean(table, "[robustness]", "leave_condition_out", default=False),
        coding=tuple(coding),
        missing=str(missing),
        missing_values=tuple((str(k), v) for k, v in missing_table.items()),
        interval_step=float(step),
        max_completions=_whole(r, table, "max_completions", 100_000, 1),
        n_samples=_whole(r, table, "n_samples", 1_000, 1),
        cross=r.boolean(table, "[robustness]", "cross", default=True),
        seed=_whole(r, table, "seed", 0),
        necessity_cut=necessity_cut,
        n_jobs=n_jobs,
    )


def _calibration(specs: tuple[CalibrationSpec, ...]) -> dict[str, Any]:
    out = {}
    for spec in specs:
        names = [n for n, _ in spec.thresholds]
        values = [v for _, v in spec.thresholds]
        thresholds: Any = dict(spec.thresholds) if any(names) else values
        entry: dict[str, Any] = {"type": spec.type, "method": spec.method, **dict(spec.options)}
        if spec.method != "TFR":
            entry["thresholds"] = thresholds
        out[spec.variable] = entry
    return out


def run_robustness(
    study: Any,
    spec: RobustnessSpec,
    raw: pd.DataFrame,
    dropped: tuple[tuple[str, tuple[str, ...]], ...],
    *,
    n_jobs: int | None = None,
    progress: bool | None = None,
) -> RobustnessResult:
    """The sweep of a study's ``[robustness]`` table on its raw data.

    With ``missing = "sweep"`` the cases the study left out for missing values come back, each
    missing cell swept over ``missing_values`` (default: the values observed in its column).
    """
    data = raw.copy()
    extra_columns = [spec.leave_group_out] if spec.leave_group_out else []
    if extra_columns or (spec.missing == "sweep" and dropped):
        full = pd.read_csv(study.data_path, dtype=str, keep_default_na=False, na_values=[])
        if study.case_column is not None:
            full.index = pd.Index(full.pop(study.case_column).str.strip(), name="case")
        else:
            full.index = pd.Index([str(i) for i in range(1, len(full) + 1)], name="case")
        for column in extra_columns:
            if column not in full.columns:
                raise StudyFileError(
                    f"study file {study.path.name}: [robustness].leave_group_out {column!r} is not "
                    f"a column of {study.data_path.name}"
                )
        if spec.missing == "sweep" and dropped:
            part = full.loc[[case for case, _ in dropped], list(raw.columns)]
            # the missing cells become NaN: swept over missing_values by qca.robustness
            numbers = {c: pd.to_numeric(part[c].str.strip(), errors="coerce") for c in part}
            data = pd.concat([data, pd.DataFrame(numbers, index=part.index)])
        for column in extra_columns:
            data[column] = full.loc[data.index, column].str.strip()
    dir_exp = None
    if spec.solution == "intermediate":
        entries = [s for s in study.sufficiency if s.outcome == spec.outcome and s.dir_exp]
        if not entries:
            raise StudyFileError(
                f"study file {study.path.name}: [robustness].solution = 'intermediate' needs a "
                f"[[sufficiency]] entry for {spec.outcome!r} with dir_exp"
            )
        dir_exp = list(entries[0].dir_exp)
    incl_cut = study.incl_cut if len(study.incl_cut) == 2 else study.incl_cut[0]
    necessity_cut = spec.necessity_cut
    if necessity_cut is None:
        necessity_cut = study.necessity_incl_cut
    result = robustness(
        data,
        spec.outcome,
        list(study.conditions),
        calibration=_calibration(study.calibration),
        incl_cut=list(incl_cut) if isinstance(incl_cut, tuple) else incl_cut,
        n_cut=study.n_cut,
        pri_cut=study.pri_cut,
        include="" if spec.solution == "conservative" else "?",
        dir_exp=dir_exp,
        anchors={c: dict(a) for c, a in spec.anchors} or None,
        incl_cuts=spec.incl_cut,
        pri_cuts=spec.pri_cut,
        n_cuts=spec.n_cut,
        leave_one_out=spec.leave_one_out,
        leave_group_out=spec.leave_group_out,
        bootstrap=spec.bootstrap,
        leave_condition_out=spec.leave_condition_out,
        coding={(c, k): v for c, k, v in spec.coding} or None,
        missing_values={k: set(v) for k, v in spec.missing_values} or None,
        interval_step=spec.interval_step,
        max_completions=spec.max_completions,
        n_samples=spec.n_samples,
        cross=spec.cross,
        seed=spec.seed,
        necessity_cut=float(necessity_cut) if not math.isnan(necessity_cut) else 0.9,
        n_jobs=spec.n_jobs if n_jobs is None else n_jobs,
        progress=progress,
    )
    return result
