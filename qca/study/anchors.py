"""Calibration in a study file: inline ``[calibration.VARIABLE]`` tables and anchors files.

:class:`CalibrationSpec` says how one raw variable becomes a set; :func:`read_calibration` reads
the ``[calibration]`` table (and the anchors CSV it may name) into such specs, each checked;
:func:`parse_thresholds` reads thresholds written ``"e=0.5;c=1.5;i=2.5"``.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exceptions import StudyFileError
from .reader import Reader, number_text, show_value

__all__ = ["CalibrationSpec", "parse_thresholds", "read_calibration"]


@dataclass(frozen=True, slots=True)
class CalibrationSpec:
    """How one raw variable becomes a set.

    Attributes
    ----------
    variable : str
        Column of the data.
    type : str
        ``"fuzzy"`` or ``"crisp"``.
    method : str
        ``"direct"`` (fuzzy, anchors), ``"indirect"`` (fuzzy) or ``"direct"`` for crisp thresholds.
    thresholds : tuple of (str, float)
        Named thresholds in the order written (``(("e", 0.5), ("c", 1.5), ("i", 2.5))``); crisp
        thresholds may be unnamed (name ``""``).
    options : tuple of (str, object)
        Further keyword arguments for :func:`qca.calibrate` (``logistic``, ``idm``, ``below``,
        ``above``), sorted by name.
    reason : str
        Why these anchors (shown in the report).
    source : str
        Where the specification was read: ``"study file"`` or the anchors file name.
    """

    variable: str
    type: str
    method: str
    thresholds: tuple[tuple[str, float], ...]
    options: tuple[tuple[str, Any], ...] = ()
    reason: str = ""
    source: str = "study file"

    def thresholds_text(self) -> str:
        """Thresholds written as in an anchors file: ``"e=0.5;c=1.5;i=2.5"``."""
        return ";".join(
            f"{name}={number_text(v)}" if name else number_text(v) for name, v in self.thresholds
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "variable": self.variable,
            "type": self.type,
            "method": self.method,
            "thresholds": self.thresholds_text(),
            "options": dict(self.options),
            "reason": self.reason,
            "source": self.source,
        }


_CALIBRATION_KEYS = ("type", "method", "thresholds", "reason", "logistic", "idm", "below", "above")
_TYPES = ("fuzzy", "crisp")
_METHODS = {"fuzzy": ("direct", "indirect", "TFR"), "crisp": ("direct",)}


def parse_thresholds(text: str) -> tuple[tuple[str, float], ...]:
    """Read thresholds written ``"e=0.5;c=1.5;i=2.5"`` (crisp: ``"1.5"`` or ``"1.5;2.5"``).

    Examples
    --------
    >>> parse_thresholds("e=0.5; c=1.5; i=2.5")
    (('e', 0.5), ('c', 1.5), ('i', 2.5))
    >>> parse_thresholds("2.5")
    (('', 2.5),)
    """
    if not isinstance(text, str):
        raise ValueError("thresholds must be written like 'e=0.5;c=1.5;i=2.5'")
    if not text.strip():
        return ()
    parts = [p.strip() for p in text.strip().strip(";").split(";")]
    result: list[tuple[str, float]] = []
    for part in parts:
        name, sep, value = part.partition("=")
        if not sep:
            name, value = "", name
        name = name.strip()
        if sep and not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name):
            raise ValueError(f"bad threshold name {name!r} in {text!r}")
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"bad threshold value {value.strip()!r} in {text!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"threshold {value.strip()!r} in {text!r} is not finite")
        result.append((name, number))
    names = [n for n, _ in result]
    if any(names) and not all(names):
        raise ValueError(f"either name every threshold or none in {text!r}")
    if any(names.count(n) > 1 for n in names if n):
        raise ValueError(f"a threshold name repeats in {text!r}")
    return tuple(result)


def _thresholds_from_toml(value: Any) -> tuple[tuple[str, float], ...]:
    if isinstance(value, str):
        return parse_thresholds(value)
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values())
    ):
        return tuple((str(k), float(v)) for k, v in value.items())
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        return tuple(("", float(v)) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (("", float(value)),)
    raise ValueError("not a threshold specification")


def _check_spec(
    spec: CalibrationSpec, where: str, fail: Callable[[str, str, Any], StudyFileError]
) -> None:
    if spec.type not in _TYPES:
        raise fail(f"{where}.type", "must be one of " + ", ".join(map(repr, _TYPES)), spec.type)
    methods = _METHODS[spec.type]
    if spec.method not in methods:
        raise fail(
            f"{where}.method",
            f"must be one of {', '.join(map(repr, methods))} for type {spec.type!r}",
            spec.method,
        )
    names = tuple(n for n, _ in spec.thresholds)
    values = [v for _, v in spec.thresholds]
    if spec.method == "TFR":
        if spec.thresholds:
            raise fail(
                f"{where}.thresholds", "must be empty for method 'TFR'", spec.thresholds_text()
            )
        return
    if not spec.thresholds:
        raise fail(f"{where}.thresholds", "must give at least one threshold", "")
    if spec.type == "crisp" and any(names):
        raise fail(
            f"{where}.thresholds",
            'must be plain numbers for a crisp calibration ("2.5" or "1.5;2.5")',
            spec.thresholds_text(),
        )
    if spec.type == "fuzzy" and spec.method == "direct":
        if names not in (("e", "c", "i"), ("e1", "c1", "i1", "i2", "c2", "e2")):
            raise fail(
                f"{where}.thresholds",
                "must name three anchors 'e=..;c=..;i=..' (or six, "
                "e1 c1 i1 i2 c2 e2) for a fuzzy direct calibration",
                spec.thresholds_text(),
            )
        if len(values) == 3 and not (
            values[0] < values[1] < values[2] or values[0] > values[1] > values[2]
        ):
            raise fail(
                f"{where}.thresholds",
                "must be monotonic (e < c < i for an increasing set, "
                "e > c > i for a decreasing one)",
                spec.thresholds_text(),
            )
    if spec.type == "crisp" and any(b <= a for a, b in itertools.pairwise(values)):
        raise fail(
            f"{where}.thresholds", "must increase for a crisp calibration", spec.thresholds_text()
        )


def read_calibration(
    r: Reader, doc: Mapping[str, Any], path: Path, filename: str
) -> tuple[Path | None, tuple[CalibrationSpec, ...]]:
    table = r.table(doc, "calibration", required=False)
    anchors_path: Path | None = None
    specs: dict[str, CalibrationSpec] = {}
    for key, value in table.items():
        if key == "anchors":
            if not isinstance(value, str) or not value:
                raise r.fail(
                    "[calibration].anchors", "must be a string (path of an anchors CSV)", value
                )
            anchors_path = (path.parent / value).resolve()
            if not anchors_path.is_file():
                raise StudyFileError(
                    f"study file {filename}: [calibration].anchors {value!r} does not name a file "
                    f"(looked for {anchors_path})"
                )
            for spec in _read_anchors_file(anchors_path):
                specs[spec.variable] = spec
            continue
    for key, value in table.items():
        if key == "anchors":
            continue
        where = f"[calibration.{key}]"
        if not isinstance(value, dict):
            raise r.fail(
                f"[calibration].{key}",
                "must be a table ([calibration.VARIABLE] with type, "
                "method and thresholds) or the key 'anchors'",
                value,
            )
        if key in specs:
            raise StudyFileError(
                f"study file {filename}: {where} repeats variable {key!r}, already calibrated in "
                f"{anchors_path.name if anchors_path else 'this file'}; keep one"
            )
        r.known_keys(value, where, _CALIBRATION_KEYS)
        kind = value.get("type", "fuzzy")
        if not isinstance(kind, str) or kind not in _TYPES:
            raise r.fail(f"{where}.type", "must be one of " + ", ".join(map(repr, _TYPES)), kind)
        method = value.get("method", "direct")
        if "thresholds" not in value and method != "TFR":
            raise StudyFileError(
                f"study file {filename}: missing key {where}.thresholds "
                '(a string such as "e=0.5;c=1.5;i=2.5")'
            )
        try:
            thresholds = _thresholds_from_toml(value.get("thresholds", ""))
        except ValueError as error:
            raise r.fail(
                f"{where}.thresholds",
                'must be a string such as "e=0.5;c=1.5;i=2.5", a '
                f"table {{e = 0.5, c = 1.5, i = 2.5}} or a list of numbers ({error})",
                value["thresholds"],
            ) from None
        options: list[tuple[str, bool | float]] = []
        for option in ("logistic",):
            if option in value:
                options.append((option, r.boolean(value, where, option, default=True)))
        for option in ("idm",):
            if option in value:
                options.append(
                    (option, r.number(value, where, option, default=0.95, low=0.5, high=1.0))
                )
        for option in ("below", "above"):
            if option in value:
                options.append(
                    (
                        option,
                        r.number(value, where, option, default=1.0, low=0.0, high=float("inf")),
                    )
                )
        reason = value.get("reason", "")
        if not isinstance(reason, str):
            raise r.fail(f"{where}.reason", "must be a string", reason)
        spec = CalibrationSpec(
            variable=key,
            type=kind,
            method=method if isinstance(method, str) else repr(method),
            thresholds=thresholds,
            options=tuple(sorted(options)),
            reason=reason,
        )
        _check_spec(spec, where, r.fail)
        specs[key] = spec
    return anchors_path, tuple(specs.values())


_ANCHOR_COLUMNS = ("variable", "type", "method", "thresholds", "reason")


def _read_anchors_file(path: Path) -> list[CalibrationSpec]:
    name = path.name
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    missing = [c for c in _ANCHOR_COLUMNS if c not in columns]
    if missing:
        raise StudyFileError(
            f"anchors file {name}: missing column(s) {', '.join(missing)}; expected the columns "
            f"{','.join(_ANCHOR_COLUMNS)}"
        )
    specs: list[CalibrationSpec] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        variable = (row.get("variable") or "").strip()
        where = f"anchors file {name}, line {line}"
        if not variable:
            raise StudyFileError(f"{where}: empty variable name")
        if variable in seen:
            raise StudyFileError(f"{where}: variable {variable!r} is listed twice")
        seen.add(variable)

        def fail(
            key: str, expected: str, got: Any, _where: str = where, _v: str = variable
        ) -> StudyFileError:
            column = key.rsplit(".", 1)[-1]
            return StudyFileError(
                f"{_where} (variable {_v!r}): {column} {expected}; got {show_value(got)}"
            )

        try:
            thresholds = parse_thresholds(row.get("thresholds") or "")
        except ValueError as error:
            raise fail(
                "thresholds",
                f"must be written like 'e=0.5;c=1.5;i=2.5' ({error})",
                row.get("thresholds"),
            ) from None
        # optional column: logistic = false gives the linear direct method (e.g. a four-value set
        # 0, 1/3, 2/3, 1 from an ordinal 0-3 code); empty or absent keeps the logistic default
        options: tuple[tuple[str, Any], ...] = ()
        logistic = (row.get("logistic") or "").strip().lower()
        if logistic:
            if logistic not in ("true", "false"):
                raise fail("logistic", "must be true, false or empty", row.get("logistic"))
            options = (("logistic", logistic == "true"),)
        spec = CalibrationSpec(
            variable=variable,
            type=(row.get("type") or "").strip(),
            method=(row.get("method") or "").strip(),
            thresholds=thresholds,
            options=options,
            reason=(row.get("reason") or "").strip(),
            source=name,
        )
        _check_spec(spec, "", fail)
        specs.append(spec)
    return specs
