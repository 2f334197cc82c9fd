"""The inputs of a robustness sweep: the base analysis, the perturbations, coding uncertainty.

:func:`read_spec` checks every argument of :func:`qca.robustness` once and returns a frozen
:class:`SweepSpec`; :func:`variants` lists the variants it asks for (crossed or one at a time),
each a :class:`Variant` of plain, hashable values. Nothing here computes a truth table.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._core.order import canonical_order, natural_key
from .._validation import check_dataframe, check_flag, check_fraction, shown
from ..exceptions import ProblemTooLargeError, QCAError

__all__ = [
    "BASE_CASES",
    "BASE_CONDITIONS",
    "Calibration",
    "Cell",
    "Completions",
    "SweepSpec",
    "Variant",
    "read_spec",
    "variants",
]

#: Label of the full case set / the full condition set of a variant.
BASE_CASES = "all"
BASE_CONDITIONS = "all"

_FUZZY3 = ("e", "c", "i")
_FUZZY6 = ("e1", "c1", "i1", "i2", "c2", "e2")
_CALIBRATE_OPTIONS = ("type", "method", "logistic", "idm", "below", "above", "ecdf")


def _clean(value: float) -> float:
    """A grid value with the float noise of ``np.arange`` removed (12 significant digits)."""
    return float(f"{float(value):.12g}")


@dataclass(frozen=True)
class Calibration:
    """How one raw column becomes a set: the named thresholds and :func:`qca.calibrate` options."""

    column: str
    thresholds: tuple[tuple[str, float], ...]
    options: tuple[tuple[str, Any], ...]

    @property
    def kind(self) -> str:
        return str(dict(self.options).get("type", "fuzzy"))

    @property
    def method(self) -> str:
        return str(dict(self.options).get("method", "direct"))

    def arguments(self, values: Mapping[str, float]) -> dict[str, Any]:
        """Keyword arguments of :func:`qca.calibrate` with the thresholds ``values``."""
        options = dict(self.options)
        names = [name for name, _ in self.thresholds]
        if self.kind == "fuzzy" and self.method == "direct":
            thresholds: Any = {name: values[name] for name in names}
        else:
            thresholds = [values[name] for name in names]
        if self.method == "TFR":
            thresholds = None
        return {**options, "thresholds": thresholds}


@dataclass(frozen=True)
class Cell:
    """One uncertain raw cell: the alternatives it may take and the value of the base analysis."""

    case: str
    column: str
    values: tuple[float, ...]
    base: float
    missing: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "column": self.column,
            "values": list(self.values),
            "base": self.base,
            "missing": self.missing,
        }


@dataclass(frozen=True)
class Completions:
    """The completions of the uncertain cells swept: all of them, or a seeded sample.

    ``values[i]`` is completion ``i`` (one value per cell of :attr:`cells`); completion 0 is the
    base one (each cell at its base value).
    """

    cells: tuple[Cell, ...]
    values: tuple[tuple[float, ...], ...]
    total: int
    sampled: bool
    draws: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "cells": [cell.to_dict() for cell in self.cells],
            "total": self.total,
            "swept": len(self.values),
            "sampled": self.sampled,
            "draws": self.draws,
        }


@dataclass(frozen=True)
class Variant:
    """One analysis of the sweep: every setting it differs in from the base is named."""

    completion: int
    anchors: tuple[tuple[str, str, float], ...]
    incl_cut: float
    pri_cut: float
    n_cut: int
    cases: str
    conditions: str

    def settings(self) -> dict[str, Any]:
        """``{factor: value}`` of every factor (anchors as ``"DEV.c"``)."""
        out: dict[str, Any] = {f"{column}.{name}": value for column, name, value in self.anchors}
        out.update(
            incl_cut=self.incl_cut,
            pri_cut=self.pri_cut,
            n_cut=self.n_cut,
            cases=self.cases,
            conditions=self.conditions,
            completion=self.completion,
        )
        return out


@dataclass(frozen=True)
class SweepSpec:
    """Everything a sweep needs, checked (see :func:`qca.robustness` for the meaning)."""

    raw: pd.DataFrame = field(repr=False)
    outcome: str
    outcome_column: str
    conditions: tuple[str, ...]
    calibrations: tuple[Calibration, ...]
    incl_cut: float
    incl_cut0: float | None
    pri_cut: float
    n_cut: int
    minimize_options: tuple[tuple[str, Any], ...]
    anchor_grid: tuple[tuple[str, str, tuple[float, ...]], ...]
    incl_cuts: tuple[float, ...]
    pri_cuts: tuple[float, ...]
    n_cuts: tuple[int, ...]
    case_sets: tuple[tuple[str, tuple[str, ...]], ...]
    condition_sets: tuple[tuple[str, tuple[str, ...]], ...]
    completions: Completions
    cross: bool
    seed: int
    necessity_cut: float

    @property
    def case_names(self) -> tuple[str, ...]:
        return tuple(str(v) for v in self.raw.index)

    def base_anchors(self) -> tuple[tuple[str, str, float], ...]:
        return tuple(
            (cal.column, name, value) for cal in self.calibrations for name, value in cal.thresholds
        )

    def base_variant(self) -> Variant:
        return Variant(
            completion=0,
            anchors=self.base_anchors(),
            incl_cut=self.incl_cut,
            pri_cut=self.pri_cut,
            n_cut=self.n_cut,
            cases=BASE_CASES,
            conditions=BASE_CONDITIONS,
        )

    def factors(self) -> list[tuple[str, tuple[Any, ...], Any]]:
        """``(name, values, base value)`` of every factor that varies."""
        found: list[tuple[str, tuple[Any, ...], Any]] = []
        base = {(c, n): v for c, n, v in self.base_anchors()}
        for column, name, values in self.anchor_grid:
            found.append((f"{column}.{name}", values, base[(column, name)]))
        for name, values, base_value in (
            ("incl_cut", self.incl_cuts, self.incl_cut),
            ("pri_cut", self.pri_cuts, self.pri_cut),
            ("n_cut", self.n_cuts, self.n_cut),
        ):
            if len(values) > 1:
                found.append((name, values, base_value))
        if len(self.case_sets) > 1:
            found.append(("cases", tuple(label for label, _ in self.case_sets), BASE_CASES))
        if len(self.condition_sets) > 1:
            labels = tuple(label for label, _ in self.condition_sets)
            found.append(("conditions", labels, BASE_CONDITIONS))
        if len(self.completions.values) > 1:
            found.append(("completion", tuple(range(len(self.completions.values))), 0))
        return found


def variants(spec: SweepSpec) -> list[Variant]:
    """Every variant of the sweep, the base first, then in factor order (deterministic).

    Crossed (``spec.cross``): every combination of the factors' values. Alone: the base and, for
    each factor, each of its other values with every other factor at its base value.
    """
    base = spec.base_variant()
    factors = spec.factors()
    if not factors:
        return [base]
    settings: list[dict[str, Any]] = []
    if spec.cross:
        names = [name for name, _, _ in factors]
        for combo in itertools.product(*(values for _, values, _ in factors)):
            settings.append(dict(zip(names, combo)))
    else:
        for name, values, base_value in factors:
            settings.extend({name: value} for value in values if value != base_value)
    found = [base]
    seen = {base}
    for setting in settings:
        variant = _with(base, setting)
        if variant not in seen:
            seen.add(variant)
            found.append(variant)
    return found


def _with(base: Variant, setting: Mapping[str, Any]) -> Variant:
    anchors = tuple(
        (column, name, setting.get(f"{column}.{name}", value))
        for column, name, value in base.anchors
    )
    return Variant(
        completion=int(setting.get("completion", base.completion)),
        anchors=anchors,
        incl_cut=float(setting.get("incl_cut", base.incl_cut)),
        pri_cut=float(setting.get("pri_cut", base.pri_cut)),
        n_cut=int(setting.get("n_cut", base.n_cut)),
        cases=str(setting.get("cases", base.cases)),
        conditions=str(setting.get("conditions", base.conditions)),
    )


# -- reading the arguments -------------------------------------------------------------------


def _grid(name: str, values: Any, low: float, high: float, *, integer: bool = False) -> list[Any]:
    if values is None:
        return []
    if isinstance(values, Mapping):
        values = _range_from_mapping(name, values)
    elif isinstance(values, int | float | np.integer | np.floating):
        values = [values]
    try:
        items = list(values)
    except TypeError:
        raise QCAError(
            f"robustness(): `{name}` must be a list of numbers or a range "
            f"{{'from': ..., 'to': ..., 'by': ...}}; got {values!r}."
        ) from None
    out: list[Any] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | float | np.integer | np.floating):
            raise QCAError(f"robustness(): `{name}` holds a non-number {item!r}.")
        number = float(item)
        if not math.isfinite(number) or not low <= number <= high:
            raise QCAError(f"robustness(): `{name}` value {item!r} is outside [{low}, {high}].")
        if integer:
            if number != int(number):
                raise QCAError(f"robustness(): `{name}` value {item!r} is not a whole number.")
            out.append(int(number))
        else:
            out.append(_clean(number))
    return out


def _range_from_mapping(name: str, values: Mapping[str, Any]) -> list[float]:
    keys = set(values)
    if keys != {"from", "to", "by"}:
        raise QCAError(
            f"robustness(): a range for `{name}` needs exactly the keys 'from', 'to', 'by'; "
            f"got {sorted(keys)!r}."
        )
    start, stop, step = (values[k] for k in ("from", "to", "by"))
    for key, item in (("from", start), ("to", stop), ("by", step)):
        if isinstance(item, bool) or not isinstance(item, int | float):
            raise QCAError(f"robustness(): `{name}`.{key} must be a number; got {item!r}.")
    if step <= 0 or stop < start:
        raise QCAError(
            f"robustness(): the range of `{name}` needs by > 0 and to >= from; got {dict(values)!r}."
        )
    count = math.floor((stop - start) / step + 1e-9) + 1
    if count > 100_000:
        raise QCAError(f"robustness(): the range of `{name}` has {count} values (at most 100,000).")
    return [_clean(start + i * step) for i in range(count)]


def _with_base(values: list[Any], base: Any) -> tuple[Any, ...]:
    return tuple(sorted(set(values) | {base}))


def _read_calibration(
    calibration: Mapping[str, Any] | None, columns: Sequence[str], raw: pd.DataFrame
) -> tuple[Calibration, ...]:
    if calibration is None:
        return ()
    if not isinstance(calibration, Mapping):
        raise QCAError(
            "robustness(): `calibration` must map columns to {'thresholds': ..., 'type': ..., ...}; "
            f"got {type(calibration).__name__}."
        )
    found: list[Calibration] = []
    for column in sorted(calibration, key=lambda c: columns.index(c) if c in columns else -1):
        if column not in columns:
            raise QCAError(
                f"robustness(): `calibration` names {column!r}, which is neither the outcome nor a "
                f"condition ({list(columns)!r})."
            )
        if column not in raw.columns:
            raise QCAError(
                f"robustness(): `calibration` names {column!r}, not a column of the data."
            )
        entry = calibration[column]
        if not isinstance(entry, Mapping):
            entry = {"thresholds": entry}
        unknown = set(entry) - {"thresholds", *_CALIBRATE_OPTIONS}
        if unknown:
            raise QCAError(
                f"robustness(): unknown key(s) {sorted(unknown)!r} in the calibration of {column!r}."
            )
        options = tuple(sorted((k, v) for k, v in entry.items() if k != "thresholds"))
        kind = dict(options).get("type", "fuzzy")
        method = dict(options).get("method", "direct")
        thresholds = _named_thresholds(column, entry.get("thresholds"), kind, method)
        found.append(Calibration(column, thresholds, options))
    return tuple(found)


def _named_thresholds(
    column: str, thresholds: Any, kind: str, method: str
) -> tuple[tuple[str, float], ...]:
    if method == "TFR":
        return ()
    if thresholds is None:
        raise QCAError(f"robustness(): the calibration of {column!r} needs `thresholds`.")
    if isinstance(thresholds, Mapping):
        items = [(str(k), v) for k, v in thresholds.items()]
    else:
        values = [thresholds] if isinstance(thresholds, int | float) else list(thresholds)
        names: tuple[str, ...]
        if kind == "fuzzy" and method == "direct" and len(values) in (3, 6):
            names = _FUZZY3 if len(values) == 3 else _FUZZY6
        else:
            names = tuple(f"t{i + 1}" for i in range(len(values)))
        items = list(zip(names, values))
    out = []
    for name, value in items:
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise QCAError(
                f"robustness(): threshold {name!r} of {column!r} must be a number; got {value!r}."
            )
        out.append((name, _clean(float(value))))
    return tuple(out)


def _read_anchor_grid(
    anchors: Mapping[str, Any] | None, calibrations: Sequence[Calibration]
) -> tuple[tuple[str, str, tuple[float, ...]], ...]:
    if not anchors:
        return ()
    if not isinstance(anchors, Mapping):
        raise QCAError(
            "robustness(): `anchors` must map columns to {anchor: values}, e.g. "
            "{'DEV': {'c': [500, 550, 600]}}."
        )
    known = {cal.column: cal for cal in calibrations}
    grid = []
    for cal in calibrations:
        wanted = anchors.get(cal.column)
        if wanted is None:
            continue
        if not isinstance(wanted, Mapping):
            raise QCAError(
                f"robustness(): `anchors[{cal.column!r}]` must map anchor names "
                f"({[n for n, _ in cal.thresholds]!r}) to values."
            )
        names = [name for name, _ in cal.thresholds]
        for name in wanted:
            if name not in names:
                raise QCAError(
                    f"robustness(): `anchors[{cal.column!r}]` names the anchor {name!r}; the "
                    f"calibration of {cal.column!r} has {names!r}."
                )
        base = dict(cal.thresholds)
        for name in names:
            if name in wanted:
                values = _grid(
                    f"anchors[{cal.column!r}][{name!r}]", wanted[name], -math.inf, math.inf
                )
                grid.append((cal.column, name, _with_base(values, base[name])))
    for column in anchors:
        if column not in known:
            raise QCAError(f"robustness(): `anchors` names {column!r}, which has no `calibration`.")
    return tuple(grid)


#: The most bootstrap resamples a sweep takes (each is a variant to solve).
MAX_BOOTSTRAP = 1_000_000


def _case_sets(
    raw: pd.DataFrame,
    leave_one_out: bool,
    leave_group_out: str | None,
    bootstrap: int,
    seed: int,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    names = tuple(str(v) for v in raw.index)
    sets: list[tuple[str, tuple[str, ...]]] = [(BASE_CASES, names)]
    if leave_one_out:
        sets.extend((f"-{name}", tuple(n for n in names if n != name)) for name in names)
    if leave_group_out is not None:
        if leave_group_out not in raw.columns:
            raise QCAError(
                f"robustness(): `leave_group_out` names {leave_group_out!r}, not a column of the data."
            )
        groups = raw[leave_group_out]
        if groups.isna().any():
            case = str(raw.index[groups.isna().to_numpy()][0])
            raise QCAError(
                f"robustness(): the grouping column {leave_group_out!r} is missing for case {case!r}."
            )
        labels = sorted({str(v) for v in groups}, key=natural_key)
        as_text = groups.astype(str).to_numpy()
        for label in labels:
            kept = tuple(n for n, g in zip(names, as_text) if g != label)
            sets.append((f"-{leave_group_out}={label}", kept))
    if bootstrap:
        if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 0:
            raise QCAError(
                f"robustness(): `bootstrap` must be a whole number >= 0; got {bootstrap!r}."
            )
        if bootstrap > MAX_BOOTSTRAP:  # each resample is a variant solved: refuse, do not hang
            raise ProblemTooLargeError(
                f"robustness(): `bootstrap` asks for {bootstrap} resamples; at most "
                f"{MAX_BOOTSTRAP:,} (each one is a variant of the sweep)."
            )
        rng = np.random.default_rng([seed, 1])
        for i in range(bootstrap):
            drawn = np.sort(rng.integers(0, len(names), size=len(names)))
            sets.append((f"bootstrap#{i + 1}", tuple(names[j] for j in drawn.tolist())))
    for label, kept in sets:
        if not kept:
            raise QCAError(f"robustness(): the case set {label!r} leaves no case.")
    return tuple(sets)


def _condition_sets(
    conditions: tuple[str, ...], leave_condition_out: bool
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    sets = [(BASE_CONDITIONS, conditions)]
    if leave_condition_out:
        if len(conditions) < 2:
            raise QCAError("robustness(): `leave_condition_out` needs at least two conditions.")
        sets.extend((f"-{c}", tuple(x for x in conditions if x != c)) for c in conditions)
    return tuple(sets)


_OUTCOME_COLUMN = re.compile(r"^\s*~?\s*([^\[\]{}~\s]+)")


def _is_uncertain(value: Any) -> bool:
    if isinstance(value, list | tuple | set | frozenset | range | np.ndarray):
        return True
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _alternatives(
    value: Any, case: str, column: str, step: float, domain: tuple[float, ...] | None
) -> tuple[tuple[float, ...], bool]:
    """The alternative scores of one cell and whether it was missing."""
    where = f"cell ({case!r}, {column!r})"
    if isinstance(value, set | frozenset):
        items = sorted(value)
    elif isinstance(value, list | tuple | np.ndarray):
        items = list(value)
        if len(items) != 2:
            raise QCAError(
                f"robustness(): {where} holds {value!r}; an interval is written [low, high] "
                "(a set {a, b, c} lists alternatives)."
            )
        low, high = (float(v) for v in items)
        if not high >= low:
            raise QCAError(f"robustness(): {where}: interval {value!r} has high < low.")
        count = math.floor((high - low) / step + 1e-9)
        items = [_clean(low + i * step) for i in range(count + 1)]
        if items[-1] != _clean(high):
            items.append(_clean(high))
    elif isinstance(value, range):
        items = list(value)
    else:
        if domain is None or not domain:
            raise QCAError(
                f"robustness(): {where} is missing and the column has no other value to fill "
                "it with; give `missing_values`."
            )
        return domain, True
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | float | np.integer | np.floating):
            raise QCAError(f"robustness(): {where} lists the non-number {item!r}.")
        if not math.isfinite(float(item)):
            raise QCAError(f"robustness(): {where} lists {item!r}.")
        out.append(_clean(float(item)))
    values = tuple(sorted(set(out)))
    if not values:
        raise QCAError(f"robustness(): {where} lists no alternative.")
    return values, False


def _read_coding(
    data: pd.DataFrame,
    columns: Sequence[str],
    coding: Mapping[tuple[str, str], Any] | None,
    missing_values: Mapping[str, Any] | None,
    interval_step: float,
) -> tuple[pd.DataFrame, tuple[Cell, ...]]:
    """The numeric base data and the uncertain cells (in case, then column order)."""
    index = [str(v) for v in data.index]
    frame = data.copy()
    frame.index = pd.Index(index, name=data.index.name)
    overrides = dict(coding or {})
    for key in overrides:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise QCAError(f"robustness(): `coding` keys are (case, column) pairs; got {key!r}.")
        case, column = str(key[0]), key[1]
        if case not in index:
            raise QCAError(f"robustness(): `coding` names the case {case!r}, not in the data.")
        if column not in columns:
            raise QCAError(
                f"robustness(): `coding` names the column {column!r}, not the outcome or a condition."
            )
    missing_values = dict(missing_values or {})
    for column in missing_values:
        if column not in columns:
            raise QCAError(
                f"robustness(): `missing_values` names {column!r}, not the outcome or a condition."
            )
    cells: list[Cell] = []
    base = pd.DataFrame(index=frame.index)
    by_cell: dict[tuple[str, str], Cell] = {}
    for column in columns:
        values = frame[column].tolist()
        certain = [v for v in values if not _is_uncertain(v)]
        numbers = []
        for case, v in zip(index, values):
            if _is_uncertain(v):
                continue
            if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
                raise QCAError(
                    f"robustness(): column {column!r}, case {case!r} holds {v!r}, not a number."
                )
            numbers.append(float(v))
        if column in missing_values:
            domain, _ = _alternatives(
                list(missing_values[column])
                if isinstance(missing_values[column], list | tuple)
                and len(missing_values[column]) == 2
                else set(missing_values[column]),
                "*",
                column,
                interval_step,
                None,
            )
        else:
            domain = tuple(sorted({_clean(v) for v in numbers})) if certain else ()
        column_base = []
        for case, v in zip(index, values):
            override = overrides.get(
                (case, column), overrides.get((int(case), column)) if case.isdigit() else None
            )
            if override is not None:
                alternatives, _ = _alternatives(override, case, column, interval_step, domain)
                missing = _is_uncertain(v) and not isinstance(v, list | tuple | set | frozenset)
                if not _is_uncertain(v):
                    base_value = _clean(v)
                    alternatives = tuple(sorted(set(alternatives) | {base_value}))
                else:
                    base_value = alternatives[(len(alternatives) - 1) // 2]
            elif _is_uncertain(v):
                alternatives, missing = _alternatives(v, case, column, interval_step, domain)
                base_value = alternatives[(len(alternatives) - 1) // 2]
            else:
                column_base.append(float(v))
                continue
            column_base.append(base_value)
            if len(alternatives) > 1:
                cell = Cell(case, column, alternatives, base_value, missing)
                by_cell[(case, column)] = cell
        base[column] = np.asarray(column_base, dtype=np.float64)
    order = {name: i for i, name in enumerate(index)}
    position = {c: i for i, c in enumerate(columns)}
    cells = sorted(by_cell.values(), key=lambda c: (order[c.case], position[c.column]))
    for column in frame.columns:
        if column not in base.columns:
            base[column] = frame[column]
    return base, tuple(cells)


def _completions(
    cells: tuple[Cell, ...], max_completions: int, n_samples: int, seed: int
) -> Completions:
    base = tuple(cell.base for cell in cells)
    total = math.prod(len(cell.values) for cell in cells)
    if total <= max_completions:
        everything = list(itertools.product(*(cell.values for cell in cells)))
        everything.remove(base)
        return Completions(cells, (base, *everything), total, False, 0)
    rng = np.random.default_rng([seed, 2])
    draws = np.column_stack([rng.integers(0, len(cell.values), size=n_samples) for cell in cells])
    picked = {tuple(cell.values[j] for cell, j in zip(cells, row)) for row in draws.tolist()}
    # each one-cell change from the base: what makes a cell pivotal is then always known
    for position, cell in enumerate(cells):
        for value in cell.values:
            picked.add((*base[:position], value, *base[position + 1 :]))
    picked.discard(base)
    return Completions(cells, (base, *sorted(picked)), total, True, n_samples)


def read_spec(
    data: Any,
    outcome: Any,
    conditions: Any,
    *,
    calibration: Any,
    incl_cut: Any,
    n_cut: Any,
    pri_cut: Any,
    minimize_options: Mapping[str, Any],
    anchors: Any,
    incl_cuts: Any,
    pri_cuts: Any,
    n_cuts: Any,
    leave_one_out: bool,
    leave_group_out: str | None,
    bootstrap: int,
    leave_condition_out: bool,
    coding: Any,
    missing_values: Any,
    interval_step: float,
    max_completions: int,
    n_samples: int,
    cross: bool,
    seed: int,
    necessity_cut: float,
) -> SweepSpec:
    """Check the arguments of :func:`qca.robustness` (errors name the argument and value)."""
    if not isinstance(data, pd.DataFrame):
        raise QCAError(
            f"robustness(): `data` must be a pandas DataFrame; got {type(data).__name__}."
        )
    data = check_dataframe(data, "robustness()")
    for flag, flag_value in (
        ("leave_one_out", leave_one_out),
        ("leave_condition_out", leave_condition_out),
        ("cross", cross),
    ):
        check_flag(flag_value, "robustness()", flag)
    necessity_value = check_fraction(necessity_cut, "robustness()", "necessity_cut")
    for name, mapping in (("coding", coding), ("missing_values", missing_values)):
        if mapping is not None and not isinstance(mapping, Mapping):
            raise QCAError(
                f"robustness(): `{name}` must be a mapping (dict) or None; got {shown(mapping)}."
            )
    if not data.index.is_unique:
        raise QCAError("robustness(): the case names (the index of `data`) must be unique.")
    if not isinstance(outcome, str):
        raise QCAError(
            f"robustness(): `outcome` must be a string such as 'Y' or '~Y'; got {outcome!r}."
        )
    match = _OUTCOME_COLUMN.match(outcome)
    if match is None or match.group(1) not in data.columns:
        raise QCAError(f"robustness(): the outcome {outcome!r} names no column of the data.")
    outcome_column = match.group(1)
    if conditions is None:
        conditions = [c for c in data.columns if c != outcome_column and c != leave_group_out]
    if isinstance(conditions, str):
        conditions = [c.strip() for c in conditions.split(",") if c.strip()]
    conditions = tuple(str(c) for c in conditions)
    for c in conditions:
        if c not in data.columns:
            raise QCAError(f"robustness(): the condition {c!r} is not a column of the data.")
    if len(set(conditions)) != len(conditions) or outcome_column in conditions:
        raise QCAError(
            f"robustness(): `conditions` repeat or hold the outcome: {list(conditions)!r}."
        )
    for name, value in (("max_completions", max_completions), ("n_samples", n_samples)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise QCAError(f"robustness(): `{name}` must be a whole number >= 1; got {value!r}.")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise QCAError(f"robustness(): `seed` must be a whole number >= 0; got {seed!r}.")
    if not isinstance(interval_step, int | float) or not interval_step > 0:
        raise QCAError(f"robustness(): `interval_step` must be > 0; got {interval_step!r}.")
    columns = (outcome_column, *conditions)
    # cases in canonical order: the result does not depend on the row order of the data
    data = data.iloc[canonical_order([str(v) for v in data.index])]
    raw, cells = _read_coding(data, columns, coding, missing_values, float(interval_step))
    calibrations = _read_calibration(calibration, list(columns), raw)

    ic = incl_cut if isinstance(incl_cut, list | tuple) else [incl_cut]
    ic_values = _grid("incl_cut", list(ic), 0, 1)
    if len(ic_values) not in (1, 2):
        raise QCAError(
            f"robustness(): `incl_cut` must be a number or [ic1, ic0]; got {incl_cut!r}."
        )
    ic1 = ic_values[0]
    ic0 = ic_values[1] if len(ic_values) == 2 else None
    if ic0 is not None and ic0 > ic1:
        raise QCAError(
            f"robustness(): `incl_cut` [ic1, ic0] needs ic0 <= ic1; got {shown(incl_cut)}."
        )
    (pc,) = _grid("pri_cut", [pri_cut], 0, 1)
    (nc,) = _grid("n_cut", [n_cut], 1, math.inf, integer=True)
    completions = _completions(cells, max_completions, n_samples, seed)
    return SweepSpec(
        raw=raw,
        outcome=outcome,
        outcome_column=outcome_column,
        conditions=conditions,
        calibrations=calibrations,
        incl_cut=ic1,
        incl_cut0=ic0,
        pri_cut=pc,
        n_cut=nc,
        minimize_options=tuple(sorted(minimize_options.items())),
        anchor_grid=_read_anchor_grid(anchors, calibrations),
        incl_cuts=_with_base(_grid("incl_cuts", incl_cuts, 0, 1), ic1),
        pri_cuts=_with_base(_grid("pri_cuts", pri_cuts, 0, 1), pc),
        n_cuts=_with_base(_grid("n_cuts", n_cuts, 1, math.inf, integer=True), nc),
        case_sets=_case_sets(raw, bool(leave_one_out), leave_group_out, bootstrap, seed),
        condition_sets=_condition_sets(conditions, bool(leave_condition_out)),
        completions=completions,
        cross=bool(cross),
        seed=seed,
        necessity_cut=necessity_value,
    )
