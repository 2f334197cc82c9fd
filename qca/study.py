"""Study files: one TOML file describes a whole analysis; ``qca run`` carries it out.

A study file names the data, the calibration of each raw variable, the outcome and conditions,
the truth-table options and the analyses (necessity; sufficiency of the outcome and of its
negation, as conservative, parsimonious and intermediate solutions). The format is documented in
``docs/study-file.md`` (``schema_version = 1``).

:func:`load_study` reads and checks a study file (every problem is a
:class:`~qca.exceptions.StudyFileError` naming the key and the expected type);
:func:`run_study` carries the analysis out in memory; :func:`write_run` writes the run folder
(``report.html``, ``results.json``, ``manifest.json``); :func:`verify` re-runs a run folder and
lists every difference.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .exceptions import QCAError, StudyFileError

__all__ = [
    "SCHEMA_VERSION",
    "Study",
    "CalibrationSpec",
    "SufficiencySpec",
    "load_study",
    "parse_thresholds",
]

SCHEMA_VERSION = 1

_SOLUTION_TYPES = ("conservative", "parsimonious", "intermediate")
_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*$")


# --------------------------------------------------------------------------------------------
# The checked, normalised study
# --------------------------------------------------------------------------------------------


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
        return ";".join(f"{name}={_number_text(v)}" if name else _number_text(v)
                        for name, v in self.thresholds)

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


@dataclass(frozen=True, slots=True)
class SufficiencySpec:
    """One sufficiency analysis: an outcome (``"Y"`` or ``"~Y"``) and the solutions wanted."""

    outcome: str
    solutions: tuple[str, ...]
    dir_exp: tuple[str, ...] = ()
    row_dom: bool = False
    all_sol: bool = False

    @property
    def key(self) -> str:
        return self.outcome

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "solutions": list(self.solutions),
            "dir_exp": list(self.dir_exp),
            "row_dom": self.row_dom,
            "all_sol": self.all_sol,
        }


@dataclass(frozen=True, slots=True)
class Study:
    """A checked study file. Paths are absolute; ``to_dict()`` gives the options as written."""

    path: Path
    name: str
    title: str
    description: str
    data_path: Path
    case_column: str | None
    missing: str
    anchors_path: Path | None
    calibration: tuple[CalibrationSpec, ...]
    outcome: str
    conditions: tuple[str, ...]
    incl_cut: tuple[float, ...]
    n_cut: int
    pri_cut: float
    necessity: bool
    necessity_incl_cut: float
    sufficiency: tuple[SufficiencySpec, ...]
    necessity_cov_cut: float = 0.6
    schema_version: int = SCHEMA_VERSION

    @property
    def necessity_outcomes(self) -> tuple[str, ...]:
        """Outcomes whose necessary conditions are reported: those of the sufficiency analyses."""
        return tuple(s.outcome for s in self.sufficiency) or (self.outcome,)

    @property
    def input_files(self) -> dict[str, Path]:
        """The files a run depends on: ``{"study": ..., "data": ..., "anchors": ...}``."""
        files = {"study": self.path, "data": self.data_path}
        if self.anchors_path is not None:
            files["anchors"] = self.anchors_path
        return files

    def to_dict(self) -> dict[str, Any]:
        """The options of the study, with paths relative to the study file (for the manifest)."""
        base = self.path.parent

        def rel(p: Path | None) -> str | None:
            return None if p is None else Path(os.path.relpath(p, base)).as_posix()

        return {
            "schema_version": self.schema_version,
            "name": self.name,
            "title": self.title,
            "data": {"path": rel(self.data_path), "case_column": self.case_column,
                     "missing": self.missing},
            "calibration": {"anchors": rel(self.anchors_path),
                            "variables": [c.to_dict() for c in self.calibration]},
            "analysis": {"outcome": self.outcome, "conditions": list(self.conditions)},
            "truth_table": {"incl_cut": list(self.incl_cut), "n_cut": self.n_cut,
                            "pri_cut": self.pri_cut},
            "necessity": {"enabled": self.necessity, "incl_cut": self.necessity_incl_cut,
                          "cov_cut": self.necessity_cov_cut},
            "sufficiency": [s.to_dict() for s in self.sufficiency],
        }


# --------------------------------------------------------------------------------------------
# Reading a study file
# --------------------------------------------------------------------------------------------


class _Reader:
    """Typed access to the parsed TOML, raising StudyFileError that names file, key and type."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, key: str, expected: str, got: Any = None, *, has_value: bool = True) -> StudyFileError:
        message = f"study file {self.filename}: {key} {expected}"
        if has_value:
            message += f"; got {_show(got)}"
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

    def string(self, table: Mapping[str, Any], where: str, key: str, *, default: str | None = None,
               required: bool = False, choices: Sequence[str] | None = None) -> str | None:
        if key not in table:
            if required:
                raise StudyFileError(f"study file {self.filename}: missing key {where}.{key} (a string)")
            return default
        value = table[key]
        if choices is not None:
            if value not in choices:
                raise self.fail(f"{where}.{key}", f"must be one of {', '.join(map(repr, choices))}", value)
            return value
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "must be a non-empty string", value)
        return value

    def number(self, table: Mapping[str, Any], where: str, key: str, *, default: float,
               low: float = 0.0, high: float = 1.0) -> float:
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise self.fail(f"{where}.{key}", f"must be a number in [{_number_text(low)}, {_number_text(high)}]", value)
        return float(value)

    def boolean(self, table: Mapping[str, Any], where: str, key: str, *, default: bool) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "must be true or false", value)
        return value

    def names(self, table: Mapping[str, Any], where: str, key: str, *, required: bool) -> tuple[str, ...]:
        if key not in table:
            if required:
                raise StudyFileError(
                    f"study file {self.filename}: missing key {where}.{key} (a list of column names)"
                )
            return ()
        value = table[key]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{where}.{key}", "must be a non-empty list of strings", value)
        duplicated = sorted({v for v in value if value.count(v) > 1})
        if duplicated:
            raise self.fail(f"{where}.{key}", "must not repeat a name", duplicated)
        return tuple(value)


def load_study(path: str | os.PathLike[str]) -> Study:
    """Read and check a study file.

    Parameters
    ----------
    path : str or path-like
        The TOML study file. Paths inside it are relative to its folder.

    Returns
    -------
    Study

    Raises
    ------
    StudyFileError
        When the file is missing, is not TOML, or a key is missing, unknown or of the wrong type;
        the message names the key and what was expected.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "cases.csv").write_text("case,A,B,Y\\nc1,0,1,1\\nc2,1,1,1\\nc3,1,0,0\\n")
    >>> _ = (folder / "s.toml").write_text('''
    ... schema_version = 1
    ... [study]
    ... name = "tiny"
    ... [data]
    ... path = "cases.csv"
    ... case_column = "case"
    ... [analysis]
    ... outcome = "Y"
    ... conditions = ["A", "B"]
    ... [truth_table]
    ... incl_cut = 1
    ... [[sufficiency]]
    ... outcome = "Y"
    ... solutions = ["conservative", "parsimonious"]
    ... ''')
    >>> study = load_study(folder / "s.toml")
    >>> study.name, study.conditions, study.incl_cut
    ('tiny', ('A', 'B'), (1.0,))
    """
    path = Path(path)
    filename = path.name
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        raise StudyFileError(f"study file {path} not found") from None
    except IsADirectoryError:
        raise StudyFileError(f"study file {path} is a folder, not a TOML file") from None
    try:
        doc = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise StudyFileError(f"study file {filename}: not UTF-8 text ({error.reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise StudyFileError(f"study file {filename}: not valid TOML: {error}") from None
    return _study_from_document(doc, path.resolve(), filename)


def _study_from_document(doc: dict[str, Any], path: Path, filename: str) -> Study:
    r = _Reader(filename)
    r.known_keys(doc, "(top level)", ["schema_version", "study", "data", "calibration", "analysis",
                                      "truth_table", "necessity", "sufficiency"])
    if "schema_version" not in doc:
        raise StudyFileError(
            f"study file {filename}: missing key schema_version (an integer; this qca reads "
            f"version {SCHEMA_VERSION})"
        )
    version = doc["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise r.fail("schema_version", "must be an integer", version)
    if version != SCHEMA_VERSION:
        raise r.fail("schema_version", f"must be {SCHEMA_VERSION} (the version this qca reads)", version)

    study = r.table(doc, "study", required=True)
    r.known_keys(study, "[study]", ["name", "title", "description"])
    name = r.string(study, "[study]", "name", required=True)
    assert name is not None
    if not _NAME_PATTERN.match(name):
        raise r.fail("[study].name", "must be letters, digits, '_', '-' or '.' (it names the run "
                     "folder)", name)
    title = r.string(study, "[study]", "title", default=name) or name
    description = r.string(study, "[study]", "description", default="") or ""

    data = r.table(doc, "data", required=True)
    r.known_keys(data, "[data]", ["path", "case_column", "missing"])
    data_file = r.string(data, "[data]", "path", required=True)
    assert data_file is not None
    data_path = (path.parent / data_file).resolve()
    if not data_path.is_file():
        raise StudyFileError(
            f"study file {filename}: [data].path {data_file!r} does not name a file "
            f"(looked for {data_path})"
        )
    case_column = r.string(data, "[data]", "case_column")
    missing = r.string(data, "[data]", "missing", default="error", choices=("error", "drop"))
    assert missing is not None

    analysis = r.table(doc, "analysis", required=True)
    r.known_keys(analysis, "[analysis]", ["outcome", "conditions"])
    outcome = r.string(analysis, "[analysis]", "outcome", required=True)
    assert outcome is not None
    if not _IDENTIFIER.match(outcome):
        raise r.fail("[analysis].outcome", "must be a column name (letters, digits, '_' or '.', "
                     "starting with a letter; write the negation in [[sufficiency]].outcome)", outcome)
    conditions = r.names(analysis, "[analysis]", "conditions", required=True)
    for condition in conditions:
        if not _IDENTIFIER.match(condition):
            raise r.fail("[analysis].conditions", "must hold column names (letters, digits, '_' or "
                         "'.', starting with a letter)", condition)
    if outcome in conditions:
        raise r.fail("[analysis].conditions", f"must not include the outcome {outcome!r}", list(conditions))

    anchors_path, calibration = _read_calibration(r, doc, path, filename)

    tt = r.table(doc, "truth_table", required=False)
    r.known_keys(tt, "[truth_table]", ["incl_cut", "n_cut", "pri_cut"])
    incl_cut = _read_incl_cut(r, tt)
    n_cut = tt.get("n_cut", 1)
    if isinstance(n_cut, bool) or not isinstance(n_cut, int) or n_cut < 1:
        raise r.fail("[truth_table].n_cut", "must be an integer >= 1", n_cut)
    pri_cut = r.number(tt, "[truth_table]", "pri_cut", default=0.0)

    nec = r.table(doc, "necessity", required=False)
    r.known_keys(nec, "[necessity]", ["enabled", "incl_cut", "cov_cut"])
    necessity = r.boolean(nec, "[necessity]", "enabled", default=True)
    necessity_incl_cut = r.number(nec, "[necessity]", "incl_cut", default=0.9)
    necessity_cov_cut = r.number(nec, "[necessity]", "cov_cut", default=0.6)

    sufficiency = _read_sufficiency(r, doc, outcome, conditions)

    return Study(
        path=path, name=name, title=title, description=description, data_path=data_path,
        case_column=case_column, missing=missing, anchors_path=anchors_path,
        calibration=calibration, outcome=outcome, conditions=conditions, incl_cut=incl_cut,
        n_cut=int(n_cut), pri_cut=pri_cut, necessity=necessity,
        necessity_incl_cut=necessity_incl_cut, necessity_cov_cut=necessity_cov_cut,
        sufficiency=sufficiency,
    )


def _read_incl_cut(r: _Reader, tt: Mapping[str, Any]) -> tuple[float, ...]:
    value = tt.get("incl_cut", 1.0)
    expected = "must be a number in [0, 1] (or two numbers [ic1, ic0] with ic0 <= ic1)"

    def ok(v: Any) -> bool:
        return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 <= v <= 1

    if ok(value):
        return (float(value),)
    if isinstance(value, list) and len(value) == 2 and all(ok(v) for v in value) and value[1] <= value[0]:
        return (float(value[0]), float(value[1]))
    raise r.fail("[truth_table].incl_cut", expected, value)


def _read_sufficiency(r: _Reader, doc: Mapping[str, Any], outcome: str,
                      conditions: Sequence[str]) -> tuple[SufficiencySpec, ...]:
    entries = doc.get("sufficiency", [])
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise r.fail("[[sufficiency]]", "must be an array of tables ([[sufficiency]] entries)", entries)
    specs: list[SufficiencySpec] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"[[sufficiency]][{number}]"
        r.known_keys(entry, where, ["outcome", "solutions", "dir_exp", "row_dom", "all_sol"])
        target = r.string(entry, where, "outcome", default=outcome)
        assert target is not None
        if target not in (outcome, f"~{outcome}"):
            raise r.fail(f"{where}.outcome", f"must be {outcome!r} or {('~' + outcome)!r} (the "
                         "[analysis].outcome or its negation)", target)
        if target in seen:
            raise r.fail(f"{where}.outcome", "must not repeat an earlier [[sufficiency]] outcome", target)
        seen.add(target)
        solutions = entry.get("solutions", list(_SOLUTION_TYPES))
        if (not isinstance(solutions, list) or not solutions
                or not all(isinstance(s, str) and s in _SOLUTION_TYPES for s in solutions)
                or len(set(solutions)) != len(solutions)):
            raise r.fail(f"{where}.solutions", "must be a list of distinct names from "
                         + ", ".join(map(repr, _SOLUTION_TYPES)), solutions)
        dir_exp = r.names(entry, where, "dir_exp", required="intermediate" in solutions) \
            if ("intermediate" in solutions or "dir_exp" in entry) else ()
        for expectation in dir_exp:
            names = set(re.findall(r"[A-Za-z][A-Za-z0-9_.]*", expectation))
            unknown = sorted(names - set(conditions))
            if unknown or not names:
                raise r.fail(f"{where}.dir_exp", "must hold expectations over the conditions "
                             f"({', '.join(conditions)}), such as 'DEV' (present), '~DEV' (absent) "
                             "or '~LIT*IND'", expectation)
        specs.append(SufficiencySpec(
            outcome=target,
            solutions=tuple(s for s in _SOLUTION_TYPES if s in solutions),
            dir_exp=tuple(dir_exp),
            row_dom=r.boolean(entry, where, "row_dom", default=False),
            all_sol=r.boolean(entry, where, "all_sol", default=False),
        ))
    return tuple(specs)


# --------------------------------------------------------------------------------------------
# Calibration: inline tables and anchors files
# --------------------------------------------------------------------------------------------

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
    if isinstance(value, dict) and value and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
        return tuple((str(k), float(v)) for k, v in value.items())
    if isinstance(value, list) and value and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return tuple(("", float(v)) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (("", float(value)),)
    raise ValueError("not a threshold specification")


def _check_spec(spec: CalibrationSpec, where: str, fail: Callable[[str, str, Any], StudyFileError]) -> None:
    if spec.type not in _TYPES:
        raise fail(f"{where}.type", "must be one of " + ", ".join(map(repr, _TYPES)), spec.type)
    methods = _METHODS[spec.type]
    if spec.method not in methods:
        raise fail(f"{where}.method", f"must be one of {', '.join(map(repr, methods))} for type "
                   f"{spec.type!r}", spec.method)
    names = tuple(n for n, _ in spec.thresholds)
    values = [v for _, v in spec.thresholds]
    if spec.method == "TFR":
        if spec.thresholds:
            raise fail(f"{where}.thresholds", "must be empty for method 'TFR'", spec.thresholds_text())
        return
    if not spec.thresholds:
        raise fail(f"{where}.thresholds", "must give at least one threshold", "")
    if spec.type == "crisp" and any(names):
        raise fail(f"{where}.thresholds", "must be plain numbers for a crisp calibration "
                   "(\"2.5\" or \"1.5;2.5\")", spec.thresholds_text())
    if spec.type == "fuzzy" and spec.method == "direct":
        if names not in (("e", "c", "i"), ("e1", "c1", "i1", "i2", "c2", "e2")):
            raise fail(f"{where}.thresholds", "must name three anchors 'e=..;c=..;i=..' (or six, "
                       "e1 c1 i1 i2 c2 e2) for a fuzzy direct calibration", spec.thresholds_text())
        if len(values) == 3 and not (values[0] < values[1] < values[2] or values[0] > values[1] > values[2]):
            raise fail(f"{where}.thresholds", "must be monotonic (e < c < i for an increasing set, "
                       "e > c > i for a decreasing one)", spec.thresholds_text())
    if spec.type == "crisp" and any(b <= a for a, b in zip(values, values[1:])):
        raise fail(f"{where}.thresholds", "must increase for a crisp calibration",
                   spec.thresholds_text())


def _read_calibration(r: _Reader, doc: Mapping[str, Any], path: Path,
                      filename: str) -> tuple[Path | None, tuple[CalibrationSpec, ...]]:
    table = r.table(doc, "calibration", required=False)
    anchors_path: Path | None = None
    specs: dict[str, CalibrationSpec] = {}
    for key, value in table.items():
        if key == "anchors":
            if not isinstance(value, str) or not value:
                raise r.fail("[calibration].anchors", "must be a string (path of an anchors CSV)", value)
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
            raise r.fail(f"[calibration].{key}", "must be a table ([calibration.VARIABLE] with type, "
                         "method and thresholds) or the key 'anchors'", value)
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
            raise StudyFileError(f"study file {filename}: missing key {where}.thresholds "
                                 "(a string such as \"e=0.5;c=1.5;i=2.5\")")
        try:
            thresholds = _thresholds_from_toml(value.get("thresholds", ""))
        except ValueError as error:
            raise r.fail(f"{where}.thresholds", "must be a string such as \"e=0.5;c=1.5;i=2.5\", a "
                         f"table {{e = 0.5, c = 1.5, i = 2.5}} or a list of numbers ({error})",
                         value["thresholds"]) from None
        options = []
        for option in ("logistic",):
            if option in value:
                options.append((option, r.boolean(value, where, option, default=True)))
        for option in ("idm",):
            if option in value:
                options.append((option, r.number(value, where, option, default=0.95, low=0.5, high=1.0)))
        for option in ("below", "above"):
            if option in value:
                options.append((option, r.number(value, where, option, default=1.0, low=0.0,
                                                 high=float("inf"))))
        reason = value.get("reason", "")
        if not isinstance(reason, str):
            raise r.fail(f"{where}.reason", "must be a string", reason)
        spec = CalibrationSpec(variable=key, type=kind, method=method if isinstance(method, str) else
                               repr(method), thresholds=thresholds, options=tuple(sorted(options)),
                               reason=reason)
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

        def fail(key: str, expected: str, got: Any, _where: str = where, _v: str = variable) -> StudyFileError:
            column = key.rsplit(".", 1)[-1]
            return StudyFileError(f"{_where} (variable {_v!r}): {column} {expected}; got {_show(got)}")

        try:
            thresholds = parse_thresholds(row.get("thresholds") or "")
        except ValueError as error:
            raise fail("thresholds", f"must be written like 'e=0.5;c=1.5;i=2.5' ({error})",
                       row.get("thresholds")) from None
        spec = CalibrationSpec(
            variable=variable,
            type=(row.get("type") or "").strip(),
            method=(row.get("method") or "").strip(),
            thresholds=thresholds,
            reason=(row.get("reason") or "").strip(),
            source=name,
        )
        _check_spec(spec, "", fail)
        specs.append(spec)
    return specs


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _number_text(value: float) -> str:
    if not math.isfinite(value):
        return "inf" if value > 0 else ("-inf" if value < 0 else "nan")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


# --------------------------------------------------------------------------------------------
# Running a study
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermResult:
    """One term of a model: its fit and the cases it covers (Schneider & Rohlfing 2013).

    ``cases`` have membership > 0.5 in the term; ``typical`` of them also have outcome > 0.5;
    ``deviant`` (deviant cases consistency in kind) have outcome < 0.5.
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
        return {"term": self.term, "inclS": self.inclS, "PRI": self.PRI, "covS": self.covS,
                "covU": self.covU, "cases": list(self.cases), "typical": list(self.typical),
                "deviant": list(self.deviant)}


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
            entry: dict[str, Any] = {"truth_table": _truth_table_dict(analysis.truth_table),
                                     "solutions": {}}
            for solution in analysis.spec.solutions:
                entry["solutions"][solution] = {
                    "note": analysis.note(solution),
                    "models": [m.to_dict() for m in analysis.models_of(solution)],
                    **analysis.detail(solution),
                }
            sufficiency[analysis.spec.outcome] = entry
        results["sufficiency"] = sufficiency
        return _jsonable(results)


class _Progress:
    """Progress on stderr, only when it is a terminal (no noise in logs and tests)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.total = total
        self.done = 0

    def step(self, what: str) -> None:
        self.done += 1
        if self.enabled:
            self.stream.write(f"\r\033[K[{self.done}/{self.total}] {what}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _read_data(study: Study) -> tuple[Any, tuple[tuple[str, tuple[str, ...]], ...]]:
    import pandas as pd

    where = f"data file {study.data_path.name}"
    try:
        frame = pd.read_csv(study.data_path, dtype=str, keep_default_na=False, na_values=[])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise QCAError(f"{where}: cannot be read as CSV ({error})") from None
    if study.case_column is not None:
        if study.case_column not in frame.columns:
            raise StudyFileError(
                f"study file {study.path.name}: [data].case_column {study.case_column!r} is not a "
                f"column of {study.data_path.name} (columns: {', '.join(frame.columns)})"
            )
        names = frame.pop(study.case_column).str.strip()
        repeated = sorted(set(names[names.duplicated()]))
        if repeated:
            raise QCAError(f"{where}: case names repeat in column {study.case_column!r}: {repeated}")
        frame.index = pd.Index(names, name="case")
    else:
        frame.index = pd.Index([str(i) for i in range(1, len(frame) + 1)], name="case")
    used = list(study.conditions) + [study.outcome]
    absent = [c for c in used if c not in frame.columns]
    if absent:
        raise StudyFileError(
            f"study file {study.path.name}: [analysis] names column(s) {absent} that "
            f"{study.data_path.name} does not have (columns: {', '.join(frame.columns)})"
        )
    frame = frame[used]
    if frame.empty:
        raise QCAError(f"{where}: has no cases (rows)")
    missing_text = {"", "NA", "N/A", "NaN", "nan", "na", "-", "."}
    is_missing = frame.apply(lambda col: col.str.strip().isin(missing_text))
    dropped: list[tuple[str, tuple[str, ...]]] = []
    if is_missing.to_numpy().any():
        if study.missing == "error":
            column = next(c for c in used if is_missing[c].any())
            cases = [str(c) for c in frame.index[is_missing[column].to_numpy()]]
            raise QCAError(
                f"{where}: column {column!r} has missing values (case {cases[0]!r}"
                f"{' and ' + str(len(cases) - 1) + ' more' if len(cases) > 1 else ''}); set "
                f"[data].missing = \"drop\" in {study.path.name} to leave such cases out"
            )
        rows = is_missing.any(axis=1).to_numpy()
        for case, flags in zip(frame.index[rows], is_missing.to_numpy()[rows]):
            dropped.append((str(case), tuple(c for c, f in zip(used, flags) if f)))
        frame = frame.loc[~rows]
        if frame.empty:
            raise QCAError(f"{where}: every case has a missing value in {used}; nothing is left")
    numeric = {}
    for column in used:
        values = pd.to_numeric(frame[column].str.strip(), errors="coerce")
        bad = values.isna().to_numpy()
        if bad.any():
            case = frame.index[bad][0]
            raise QCAError(f"{where}: column {column!r} has a non-numeric value "
                           f"{frame[column][case]!r} (case {case!r}); expected numbers")
        numeric[column] = values.astype(float)
    return pd.DataFrame(numeric, index=frame.index), tuple(dropped)


def _calibrate(study: Study, raw: Any) -> Any:
    import pandas as pd

    from .calibrate import calibrate

    specs = {c.variable: c for c in study.calibration}
    unused = sorted(set(specs) - set(raw.columns))
    if unused:
        where = (f"anchors file {study.anchors_path.name}" if study.anchors_path
                 and all(specs[u].source != "study file" for u in unused) else f"study file {study.path.name}")
        raise StudyFileError(
            f"{where}: calibration given for {unused}, which {'is' if len(unused) == 1 else 'are'} "
            f"neither the outcome nor a condition ({', '.join(raw.columns)})"
        )
    columns = {}
    for column in raw.columns:
        spec = specs.get(column)
        if spec is None:
            values = raw[column]
            integer = bool((values == values.round()).all())
            if not ((values >= 0) & (values <= 1)).all() and not (integer and (values >= 0).all()):
                bad = values[(values < 0) | (values > 1)]
                raise StudyFileError(
                    f"study file {study.path.name}: column {column!r} is not calibrated and is not a "
                    f"set membership in [0, 1]: {float(bad.iloc[0])!r} (case {bad.index[0]!r}); add a "
                    f"[calibration.{column}] table or a row in the anchors file"
                )
            columns[column] = values.astype(int) if integer and values.max() > 1 else values
            continue
        names = [n for n, _ in spec.thresholds]
        values = [v for _, v in spec.thresholds]
        thresholds: Any = dict(spec.thresholds) if any(names) else values
        if spec.method == "TFR":
            thresholds = None
        elif not any(names) and len(values) == 1:
            thresholds = values[0]
        try:
            columns[column] = calibrate(raw[column], type=spec.type, method=spec.method,
                                        thresholds=thresholds, **dict(spec.options))
        except QCAError as error:
            source = spec.source if spec.source != "study file" else study.path.name
            raise QCAError(f"calibrating {column!r} ({source}): {error}") from None
    return pd.DataFrame(columns, index=raw.index)


# --------------------------------------------------------------------------------------------
# JSON helpers
# --------------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Plain JSON data: numpy scalars to Python, NaN/inf to None, tuples to lists."""
    import numpy as np

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str):
        return value
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return str(value)


def _frame_columns(frame: Any) -> dict[str, list[Any]]:
    return {str(c): _jsonable(frame[c].tolist()) for c in frame.columns}


def _records(frame: Any) -> list[dict[str, Any]]:
    index_name = frame.index.name or "index"
    out = []
    for key, row in frame.iterrows():
        record = {index_name: _jsonable(key)}
        record.update({str(c): _jsonable(v) for c, v in row.items()})
        out.append(record)
    return out


def _dumps(document: Any) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False, sort_keys=False) + "\n"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    import numpy
    import pandas
    import platform
    import scipy

    from . import __version__

    return {"qca": __version__, "python": platform.python_version(), "numpy": numpy.__version__,
            "pandas": pandas.__version__, "scipy": scipy.__version__}


def _display_path(path: Path) -> str:
    """The path relative to the working folder when it lies below it, else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def manifest(study: Study, run_dir: Path) -> dict[str, Any]:
    """What a run depended on: versions, input files with SHA-256, and the options."""
    inputs = {}
    for role, path in study.input_files.items():
        inputs[role] = {
            "path": Path(os.path.relpath(path, run_dir.resolve())).as_posix(),
            "absolute_path": str(path),
            "sha256": _sha256(path),
            "bytes": path.stat().st_size,
        }
    return {
        "schema": "qca.run-manifest",
        "schema_version": SCHEMA_VERSION,
        "study": study.name,
        "command": f"qca run {_display_path(study.path)}",
        "versions": _versions(),
        "inputs": inputs,
        "options": study.to_dict(),
        "tolerance": VERIFY_TOLERANCE,
        "files": ["report.html", "results.json", "manifest.json"],
    }


VERIFY_TOLERANCE = 1e-9


# --------------------------------------------------------------------------------------------
# Verifying a run
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """Outcome of :func:`verify`: ``ok`` when inputs and every number are the same."""

    run_dir: Path
    differences: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.differences

    def __str__(self) -> str:
        lines = [f"{_display_path(self.run_dir)}: "
                 + ("identical: inputs and every number match (tolerance 1e-9)" if self.ok
                    else f"{len(self.differences)} difference(s)")]
        lines += [f"  - {d}" for d in self.differences]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _label(item: Any, position: int) -> str:
    if isinstance(item, dict):
        for key in ("name", "row", "term", "expression", "variable", "case"):
            if key in item and isinstance(item[key], (str, int)):
                return f"{key} {item[key]}" if key == "row" else str(item[key])
    return f"[{position}]"


def _walk_differences(old: Any, new: Any, path: tuple[str, ...], tolerance: float,
                      out: list[tuple[tuple[str, ...], Any, Any]]) -> None:
    numbers = (int, float)
    if isinstance(old, bool) or isinstance(new, bool):
        if old != new:
            out.append((path, old, new))
    elif isinstance(old, numbers) and isinstance(new, numbers):
        if abs(old - new) > tolerance:
            out.append((path, old, new))
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key not in new:
                out.append((path + (key,), old[key], "<absent>"))
            elif key not in old:
                out.append((path + (key,), "<absent>", new[key]))
            else:
                _walk_differences(old[key], new[key], path + (key,), tolerance, out)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new) and not all(isinstance(v, (dict, list)) for v in old + new):
            out.append((path, old, new))
            return
        for position in range(max(len(old), len(new))):
            if position >= len(new):
                out.append((path + (_label(old[position], position),), old[position], "<absent>"))
            elif position >= len(old):
                out.append((path + (_label(new[position], position),), "<absent>", new[position]))
            else:
                _walk_differences(old[position], new[position],
                                  path + (_label(old[position], position),), tolerance, out)
    elif old != new:
        out.append((path, old, new))


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict) and "expression" in value:
        return repr(value["expression"])
    if isinstance(value, dict) and "row" in value and "OUT" in value:
        return f"(OUT {value['OUT']}, n {value.get('n')}, cases {', '.join(value.get('cases', []))})"
    if isinstance(value, str):
        text = value if value == "<absent>" else repr(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare_results(old: Mapping[str, Any], new: Mapping[str, Any], *,
                    tolerance: float = VERIFY_TOLERANCE) -> list[str]:
    """Readable differences between two ``results.json`` documents (empty when equal).

    Model expressions are compared first (``models of sufficiency/SURV/parsimonious differ:
    M1 'A*B' -> 'A*~B'``); other values are grouped by section, numbers to ``tolerance``.

    Examples
    --------
    >>> compare_results({"a": {"x": 0.5}}, {"a": {"x": 0.5 + 1e-12}})
    []
    >>> compare_results({"a": {"x": 0.5}}, {"a": {"x": 0.6}})
    ['a/x differs: 0.5 -> 0.6']
    """
    raw: list[tuple[tuple[str, ...], Any, Any]] = []
    _walk_differences(dict(old), dict(new), (), tolerance, raw)
    sections: dict[str, list[tuple[tuple[str, ...], Any, Any]]] = {}
    for path, a, b in raw:
        if path[:1] == ("sufficiency",) and len(path) >= 4 and path[2] == "solutions":
            key = "/".join(path[:2] + path[3:4])
            rest = path[4:]
            if rest[:1] == ("models",):
                rest = rest[1:]
        elif path[:1] == ("sufficiency",) and len(path) >= 3:
            key = "/".join(path[:3])
            rest = path[3:]
        else:
            key = "/".join(path[:2]) if len(path) > 1 else (path[0] if path else "results")
            rest = path[2:] if len(path) > 1 else ()
        sections.setdefault(key, []).append((rest, a, b))
    messages = []
    for key, items in sections.items():
        is_solution = key.startswith("sufficiency/") and key.rsplit("/", 1)[-1] in _SOLUTION_TYPES
        expressions = [(rest, a, b) for rest, a, b in items
                       if (rest and rest[-1] == "expression")
                       or (len(rest) == 1 and (isinstance(a, dict) or isinstance(b, dict)))]
        if is_solution and expressions:
            shown = "; ".join(f"{rest[0] if rest else 'models'} {_short(a)} -> {_short(b)}"
                              for rest, a, b in expressions[:4])
            more = len(expressions) - 4
            others = len(items) - len(expressions)
            messages.append(f"models of {key} differ: {shown}"
                            + (f" (and {more} more models)" if more > 0 else "")
                            + (f"; {others} other value(s) differ too" if others > 0 else ""))
            continue
        numeric = [i for i in items if isinstance(i[1], (int, float)) and isinstance(i[2], (int, float))
                   and not isinstance(i[1], bool)]
        shown_items = items[:3]
        parts = [(f"{'/'.join(rest)} " if rest else "") + f"{_short(a)} -> {_short(b)}"
                 for rest, a, b in shown_items]
        summary = f"{key} differs: " + "; ".join(parts)
        if len(items) > 3:
            summary += f" (and {len(items) - 3} more"
            if numeric:
                largest = max(numeric, key=lambda i: abs(i[2] - i[1]))
                summary += f"; largest numeric change {abs(largest[2] - largest[1]):.3g} at " \
                           f"{'/'.join(largest[0])}"
            summary += ")"
        messages.append(summary)
    return messages


def _recorded_path(run_dir: Path, entry: Mapping[str, Any]) -> Path:
    """An input file of the manifest: relative to the run folder (survives moving the project
    with its runs), else the absolute path recorded at the run."""
    relative = (run_dir / str(entry.get("path", ""))).resolve()
    if relative.is_file() or not entry.get("absolute_path"):
        return relative
    absolute = Path(str(entry["absolute_path"]))
    return absolute if absolute.is_file() else relative


def verify(run_dir: str | os.PathLike[str]) -> VerifyReport:
    """Re-run a run folder from its manifest and compare inputs and every number.

    The study file is found where the manifest says (its path relative to the run folder); its
    data and anchors files are hashed (SHA-256) and compared with the manifest, the analysis is
    run again in memory (the run folder is not touched) and ``results.json`` is compared number
    by number to :data:`VERIFY_TOLERANCE`. Differing package versions are reported as notes.

    Raises
    ------
    QCAError
        When ``run_dir`` is not a run folder (no readable ``manifest.json`` / ``results.json``).
    """
    run_dir = Path(run_dir)
    documents = {}
    for name in ("manifest.json", "results.json"):
        file = run_dir / name
        if not file.is_file():
            raise QCAError(f"{_display_path(run_dir)} is not a run folder: {name} is missing "
                           "(make one with `qca run STUDY.toml`)")
        try:
            documents[name] = json.loads(file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise QCAError(f"{_display_path(file)} is not valid JSON ({error})") from None
    recorded, old_results = documents["manifest.json"], documents["results.json"]
    if recorded.get("schema") != "qca.run-manifest" or not isinstance(recorded.get("inputs"), dict):
        raise QCAError(f"{_display_path(run_dir / 'manifest.json')} is not a qca run manifest")

    differences: list[str] = []
    notes: list[str] = []
    for package, version in sorted(recorded.get("versions", {}).items()):
        now = _versions().get(package)
        if now != version:
            notes.append(f"{package} {version} at the run, {now} now")

    inputs = recorded["inputs"]
    study_entry = inputs.get("study", {})
    study_path = _recorded_path(run_dir, study_entry)
    for role, entry in inputs.items():
        path = _recorded_path(run_dir, entry)
        if not path.is_file():
            differences.append(f"{_display_path(path)} ({role} file) is missing")
            continue
        digest = _sha256(path)
        if digest != entry.get("sha256"):
            differences.append(f"{_display_path(path)} changed (sha256 {str(entry.get('sha256'))[:12]}... "
                               f"-> {digest[:12]}...)")
    if not study_path.is_file():
        return VerifyReport(run_dir, tuple(differences), tuple(notes))
    try:
        study = load_study(study_path)
        result = run_study(study)
    except QCAError as error:
        differences.append(f"the study no longer runs: {error}")
        return VerifyReport(run_dir, tuple(differences), tuple(notes))
    for role, path in study.input_files.items():
        before = inputs.get(role, {}).get("path")
        now = Path(os.path.relpath(path, run_dir.resolve())).as_posix()
        if before != now:
            differences.append(f"the study now reads its {role} file from {_display_path(path)} "
                               f"(the run used {before})")
    differences += compare_results(old_results, json.loads(_dumps(result.to_dict())))
    return VerifyReport(run_dir, tuple(differences), tuple(notes))


# --------------------------------------------------------------------------------------------
# The analyses
# --------------------------------------------------------------------------------------------


def _necessity_tables(study: Study, calibrated: Any, outcome: str) -> tuple[Any, Any]:
    """For one outcome: each condition and its negation (inclN, RoN, covN), and the minimal
    necessary expressions found by :func:`qca.necessity` (R's ``superSubset``)."""
    import numpy as np
    import pandas as pd

    from .fit import necessity_fit
    from .necessity import necessity

    y = calibrated[outcome.lstrip("~")].to_numpy(dtype=float)
    if outcome.startswith("~"):
        y = 1.0 - y
    rows, names = [], []
    for condition in study.conditions:
        x = calibrated[condition].to_numpy(dtype=float)
        levels = sorted(set(x.tolist()))
        if max(levels) > 1:  # multi-value: each level is a set
            for level in levels:
                names.append(f"{condition}[{int(level)}]")
                rows.append((x == level).astype(float))
        else:
            names += [condition, f"~{condition}"]
            rows += [x, 1.0 - x]
    fit = necessity_fit(np.vstack(rows), y)
    single = pd.DataFrame({k: fit[k] for k in ("inclN", "RoN", "covN")},
                          index=pd.Index(names, name="condition"))
    single["necessary"] = single["inclN"] >= study.necessity_incl_cut
    supersets = necessity(calibrated, outcome, list(study.conditions),
                          incl_cut=study.necessity_incl_cut, cov_cut=study.necessity_cov_cut)
    return single, supersets


def _solve(tt: Any, solution: str, spec: SufficiencySpec) -> Any:
    """One solution type of :func:`qca.minimize` for the truth table."""
    from .minimize import minimize

    options: dict[str, Any] = {"row_dom": spec.row_dom, "all_sol": spec.all_sol}
    if solution in ("parsimonious", "intermediate"):
        options["include"] = "?"
    if solution == "intermediate":
        options["dir_exp"] = list(spec.dir_exp)
    return minimize(tt, **options)


def _model_result(solution: str, model: Any, tt: Any) -> ModelResult:
    """A model of :func:`qca.minimize` with its cases: fit as computed there (R's figures),
    memberships from the expression over the truth table's data."""
    import numpy as np
    import pandas as pd

    from .expressions import parse

    memberships = tt.memberships
    y = memberships[tt.outcome].to_numpy(dtype=float)
    cases = np.asarray([str(c) for c in memberships.index], dtype=object)
    in_outcome, out_outcome = y > 0.5, y < 0.5
    term_results, columns = [], []
    for term in model.terms:
        parsed = parse(term, conditions=list(tt.conditions))
        values = parsed.membership(memberships).to_numpy(dtype=float)
        columns.append(values)
        member = values > 0.5
        fit = model.term_fit[term]
        term_results.append(TermResult(
            term=term, inclS=float(fit["inclS"]), PRI=float(fit["PRI"]), covS=float(fit["covS"]),
            covU=float(fit["covU"]),
            cases=tuple(cases[member]),
            typical=tuple(cases[member & in_outcome]),
            deviant=tuple(cases[member & out_outcome]),
        ))
    union = np.max(np.vstack(columns), axis=0) if columns else np.zeros(len(y))
    member = union > 0.5
    return ModelResult(
        solution=solution, name=model.name, expression=model.expression,
        terms=tuple(term_results),
        inclS=float(model.fit["inclS"]), PRI=float(model.fit["PRI"]), covS=float(model.fit["covS"]),
        membership=pd.Series(union, index=memberships.index, name=model.expression),
        typical=tuple(cases[member & in_outcome]),
        deviant=tuple(cases[member & out_outcome]),
        uncovered=tuple(cases[(union < 0.5) & in_outcome]),
    )


def _solution_details(solution: str, found: Any) -> dict[str, Any]:
    """What else a reader needs from a solution: assumptions made, counterfactuals, PIs."""
    details: dict[str, Any] = {"prime_implicants": list(found.prime_implicants),
                               "essential": list(found.essential),
                               "truncated": bool(found.truncated), "n_models": found.n_models}
    if solution == "parsimonious":
        details["simplifying_assumptions"] = {k: list(v) for k, v in found.simplifying_assumptions.items()}
    if solution == "intermediate":
        details["pairs"] = [{"label": p.label, "conservative": list(p.conservative),
                             "parsimonious": list(p.parsimonious),
                             "easy_counterfactuals": list(p.easy_counterfactuals),
                             "difficult_counterfactuals": list(p.difficult_counterfactuals),
                             "models": [m.expression for m in p.models]}
                            for p in found.intermediate]
    return details


def _steps(study: Study) -> int:
    return 2 + int(study.necessity) + sum(1 + len(s.solutions) for s in study.sufficiency)


def run_study(study: Study, *, progress: TextIO | None = None) -> StudyResult:
    """Carry out a study in memory: read, calibrate, truth tables, necessity, minimization.

    Warnings (e.g. a case calibrated to exactly 0.5) are collected, not raised: the report lists
    them. A solution that cannot be found (e.g. no positive row) is recorded with the reason.

    Parameters
    ----------
    study : Study
        From :func:`load_study`.
    progress : text stream, optional
        Where to show progress (default ``sys.stderr``); shown only when it is a terminal.
    """
    import warnings

    from .truthtable import truth_table

    bar = _Progress(_steps(study), progress)
    caught: list[str] = []

    def record(found: list[warnings.WarningMessage]) -> None:
        for w in found:
            text = str(w.message)
            if text not in caught:
                caught.append(text)

    with warnings.catch_warnings(record=True) as found:
        warnings.simplefilter("always")
        bar.step(f"reading {study.data_path.name}")
        raw, dropped = _read_data(study)
        bar.step("calibrating")
        calibrated = _calibrate(study, raw)
    record(found)
    if dropped:
        caught.insert(0, f"{len(dropped)} case(s) left out for missing values ([data].missing = "
                      f"\"drop\"): " + "; ".join(f"{c} ({', '.join(cols)})" for c, cols in dropped))

    necessity = None
    if study.necessity:
        bar.step("necessity")
        necessity = {outcome: _necessity_tables(study, calibrated, outcome)
                     for outcome in study.necessity_outcomes}

    analyses = []
    for spec in study.sufficiency:
        bar.step(f"truth table for {spec.outcome}")
        with warnings.catch_warnings(record=True) as found:
            warnings.simplefilter("always")
            tt = truth_table(calibrated, spec.outcome, list(study.conditions),
                             incl_cut=study.incl_cut if len(study.incl_cut) == 2 else study.incl_cut[0],
                             n_cut=study.n_cut, pri_cut=study.pri_cut)
        record(found)
        models: list[ModelResult] = []
        notes: list[tuple[str, str]] = []
        details: list[tuple[str, dict[str, Any]]] = []
        for solution in spec.solutions:
            bar.step(f"{solution} solution for {spec.outcome}")
            try:
                with warnings.catch_warnings(record=True) as found:
                    warnings.simplefilter("always")
                    solved = _solve(tt, solution, spec)
                record(found)
            except QCAError as error:  # e.g. no positive row: the report says why
                notes.append((solution, str(error)))
                continue
            models += [_model_result(solution, model, tt) for model in solved.models]
            details.append((solution, _solution_details(solution, solved)))
        analyses.append(SufficiencyResult(spec=spec, truth_table=tt, models=tuple(models),
                                          notes=tuple(notes), details=tuple(details)))
    bar.finish()
    return StudyResult(study=study, raw=raw, calibrated=calibrated, dropped=dropped,
                       necessity=necessity, sufficiency=tuple(analyses), warnings=tuple(caught))


def _truth_table_dict(tt: Any) -> dict[str, Any]:
    return tt.to_dict()


def write_run(result: StudyResult, out_dir: str | os.PathLike[str]) -> Path:
    """Write ``results.json``, ``manifest.json`` and ``report.html`` into ``out_dir``."""
    from .report import render_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(_dumps(result.to_dict()), encoding="utf-8")
    (out / "manifest.json").write_text(_dumps(_jsonable(manifest(result.study, out))), encoding="utf-8")
    (out / "report.html").write_text(render_report(result), encoding="utf-8")
    return out


def default_run_dir(study: Study) -> Path:
    """``runs/<study name>/`` under the working folder."""
    return Path("runs") / study.name


def run(path: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None, *,
        progress: TextIO | None = None) -> tuple[StudyResult, Path]:
    """Load, run and write a study: ``qca run STUDY.toml [--out DIR]``."""
    study = load_study(path)
    result = run_study(study, progress=progress)
    return result, write_run(result, default_run_dir(study) if out_dir is None else out_dir)


def summary_lines(result: StudyResult) -> list[str]:
    """The main finding in a few lines: every model of every solution, with its fit."""
    lines = []
    for analysis in result.sufficiency:
        lines.append(f"sufficient configurations for {analysis.spec.outcome}:")
        for solution in analysis.spec.solutions:
            models = analysis.models_of(solution)
            if not models:
                lines.append(f"  {solution:<13} (none: {analysis.note(solution) or 'no model'})")
            for model in models:
                lines.append(f"  {solution:<13} {model.name}: {model.expression}   "
                             f"(inclS {model.inclS:.3f}, PRI {model.PRI:.3f}, covS {model.covS:.3f})")
    for outcome, (_, supersets) in (result.necessity or {}).items():
        found = [str(n) for n in supersets.table.index]
        shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more (see the report)"
                                        if len(found) > 5 else "")
        lines.append(f"necessary for {outcome} (inclN >= {result.study.necessity_incl_cut:g}, "
                     f"covN >= {result.study.necessity_cov_cut:g}): " + (shown or "none"))
    return lines


def bundled_study() -> Path:
    """The collaboration study file: in the source tree, else inside the installed package."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "data" / "collaboration" / "collaboration.toml",
                      here / "_data" / "collaboration" / "collaboration.toml"):
        if candidate.is_file():
            return candidate
    raise QCAError("the bundled collaboration study (data/collaboration/collaboration.toml) is not "
                   "installed with this copy of qca")
