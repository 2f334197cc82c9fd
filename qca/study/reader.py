"""Typed access to a parsed study file: every problem names the file, the key and the type.

:class:`Reader` is used by :mod:`qca.study.spec` (the study tables) and
:mod:`qca.study.anchors` (the calibration tables); :func:`show_value` and :func:`number_text`
write values in messages and thresholds as people write them in TOML.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..exceptions import StudyFileError

__all__ = ["Reader", "number_text", "show_value"]


class Reader:
    """Typed access to the parsed TOML, raising StudyFileError that names file, key and type."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(
        self, key: str, expected: str, got: Any = None, *, has_value: bool = True
    ) -> StudyFileError:
        message = f"study file {self.filename}: {key} {expected}"
        if has_value:
            message += f"; got {show_value(got)}"
        return StudyFileError(message)

    def table(self, doc: Mapping[str, Any], name: str, *, required: bool) -> dict[str, Any]:
        if name not in doc:
            if required:
                raise StudyFileError(f"study file {self.filename}: missing table [{name}]")
            return {}
        value = doc[name]
        if not isinstance(value, dict):
            raise self.fail(f"[{name}]", "must be a table", value)
        return value

    def known_keys(self, table: Mapping[str, Any], where: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                raise StudyFileError(
                    f"study file {self.filename}: unknown key {where}.{key}; "
                    f"expected one of {', '.join(allowed)}"
                )

    def string(
        self,
        table: Mapping[str, Any],
        where: str,
        key: str,
        *,
        default: str | None = None,
        required: bool = False,
        choices: Sequence[str] | None = None,
    ) -> str | None:
        if key not in table:
            if required:
                raise StudyFileError(
                    f"study file {self.filename}: missing key {where}.{key} (a string)"
                )
            return default
        value = table[key]
        if choices is not None:
            if value not in choices:
                raise self.fail(
                    f"{where}.{key}", f"must be one of {', '.join(map(repr, choices))}", value
                )
            return value
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "must be a non-empty string", value)
        return value

    def number(
        self,
        table: Mapping[str, Any],
        where: str,
        key: str,
        *,
        default: float,
        low: float = 0.0,
        high: float = 1.0,
    ) -> float:
        if key not in table:
            return default
        value = table[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not low <= value <= high
        ):
            raise self.fail(
                f"{where}.{key}",
                f"must be a number in [{number_text(low)}, {number_text(high)}]",
                value,
            )
        return float(value)

    def boolean(self, table: Mapping[str, Any], where: str, key: str, *, default: bool) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "must be true or false", value)
        return value

    def names(
        self, table: Mapping[str, Any], where: str, key: str, *, required: bool
    ) -> tuple[str, ...]:
        if key not in table:
            if required:
                raise StudyFileError(
                    f"study file {self.filename}: missing key {where}.{key} (a list of column names)"
                )
            return ()
        value = table[key]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v for v in value)
        ):
            raise self.fail(f"{where}.{key}", "must be a non-empty list of strings", value)
        duplicated = sorted({v for v in value if value.count(v) > 1})
        if duplicated:
            raise self.fail(f"{where}.{key}", "must not repeat a name", duplicated)
        return tuple(value)


def show_value(value: Any) -> str:
    """A value of the study file as a message shows it (TOML spelling for booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def number_text(value: float) -> str:
    """A number as written in a study file: ``2`` rather than ``2.0``, ``inf``."""
    if not math.isfinite(value):
        return "inf" if value > 0 else ("-inf" if value < 0 else "nan")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
