"""The study-file schema: :func:`load_study` reads and checks a study file into a :class:`Study`.

The format is documented in ``docs/study-file.md`` (``schema_version = 1``). Every problem is a
:class:`~qca.exceptions.StudyFileError` naming the key and the expected type. The calibration
tables are read by :mod:`qca.study.anchors`.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._validation import is_name
from ..exceptions import QCAError, StudyFileError
from .anchors import CalibrationSpec, read_calibration
from .inference import InferenceSpec, read_inference
from .narrative import NarrativeSection, read_narrative
from .reader import Reader
from .robustness import RobustnessSpec, read_robustness

__all__ = [
    "SCHEMA_VERSION",
    "SOLUTION_TYPES",
    "CalibrationSpec",
    "Study",
    "SufficiencySpec",
    "bundled_study",
    "load_study",
]

SCHEMA_VERSION = 1

SOLUTION_TYPES = ("conservative", "parsimonious", "intermediate")
_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class SufficiencySpec:
    """One sufficiency analysis: an outcome (``"Y"`` or ``"~Y"``) and the solutions wanted."""

    outcome: str
    solutions: tuple[str, ...]
    dir_exp: tuple[str, ...] = ()
    row_dom: bool = False
    all_sol: bool = False
    esa: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.outcome

    def to_dict(self) -> dict[str, Any]:
        options = {
            "outcome": self.outcome,
            "solutions": list(self.solutions),
            "dir_exp": list(self.dir_exp),
            "row_dom": self.row_dom,
            "all_sol": self.all_sol,
        }
        if self.esa:  # written only when used: older run folders stay identical
            options["esa"] = list(self.esa)
        return options


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
    necessity_ron_cut: float = 0.0
    narrative_path: Path | None = None
    narrative: tuple[NarrativeSection, ...] = ()
    schema_version: int = SCHEMA_VERSION
    robustness: RobustnessSpec | None = None
    inference: InferenceSpec | None = None  # the [inference] table, when given
    #: [truth_table].categories: ``((name, (label of level 0, label of level 1, ...)), ...)``
    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()

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
        if self.narrative_path is not None:
            files["narrative"] = self.narrative_path
            tables = sorted({t.csv for s in self.narrative for t in s.tables})
            for number, table in enumerate(tables, start=1):
                files[f"narrative_table_{number}"] = table
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
            "data": {
                "path": rel(self.data_path),
                "case_column": self.case_column,
                "missing": self.missing,
            },
            "calibration": {
                "anchors": rel(self.anchors_path),
                "variables": [c.to_dict() for c in self.calibration],
            },
            "analysis": {"outcome": self.outcome, "conditions": list(self.conditions)},
            "truth_table": {
                "incl_cut": list(self.incl_cut),
                "n_cut": self.n_cut,
                "pri_cut": self.pri_cut,
                # written only when given: older run folders stay identical
                **(
                    {"categories": {n: list(v) for n, v in self.categories}}
                    if self.categories
                    else {}
                ),
            },
            "necessity": {
                "enabled": self.necessity,
                "incl_cut": self.necessity_incl_cut,
                "cov_cut": self.necessity_cov_cut,
                "ron_cut": self.necessity_ron_cut,
            },
            "sufficiency": [s.to_dict() for s in self.sufficiency],
            **({"robustness": self.robustness.to_dict()} if self.robustness is not None else {}),
            **({} if self.inference is None else {"inference": self.inference.to_dict()}),
        } | ({"report": {"narrative": rel(self.narrative_path)}} if self.narrative_path else {})


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
    except OSError as error:
        raise StudyFileError(f"study file {path} cannot be read: {error.strerror}") from None
    try:
        doc = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise StudyFileError(f"study file {filename}: not UTF-8 text ({error.reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise StudyFileError(f"study file {filename}: not valid TOML: {error}") from None
    except RecursionError:
        raise StudyFileError(
            f"study file {filename}: arrays or tables nested too deeply to read"
        ) from None
    return _study_from_document(doc, path.resolve(), filename)


def _study_from_document(doc: dict[str, Any], path: Path, filename: str) -> Study:
    r = Reader(filename)
    r.known_keys(
        doc,
        "(top level)",
        [
            "schema_version",
            "study",
            "data",
            "calibration",
            "analysis",
            "truth_table",
            "necessity",
            "sufficiency",
            "report",
            "robustness",
            "inference",
        ],
    )
    if "schema_version" not in doc:
        raise StudyFileError(
            f"study file {filename}: missing key schema_version (an integer; this qca reads "
            f"version {SCHEMA_VERSION})"
        )
    version = doc["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise r.fail("schema_version", "must be an integer", version)
    if version != SCHEMA_VERSION:
        raise r.fail(
            "schema_version", f"must be {SCHEMA_VERSION} (the version this qca reads)", version
        )

    study = r.table(doc, "study", required=True)
    r.known_keys(study, "[study]", ["name", "title", "description"])
    name = r.string(study, "[study]", "name", required=True)
    assert name is not None
    if not _NAME_PATTERN.match(name):
        raise r.fail(
            "[study].name",
            "must be letters, digits, '_', '-' or '.' (it names the run folder)",
            name,
        )
    title = r.string(study, "[study]", "title", default=name) or name
    description = r.string(study, "[study]", "description", default="") or ""

    data = r.table(doc, "data", required=True)
    r.known_keys(data, "[data]", ["path", "case_column", "missing", "allow_outside"])
    data_file = r.string(data, "[data]", "path", required=True)
    assert data_file is not None
    data_path = (path.parent / data_file).resolve()
    allow_outside = r.boolean(data, "[data]", "allow_outside", default=False)
    if not allow_outside and not data_path.is_relative_to(path.parent.resolve()):
        raise StudyFileError(
            f"study file {filename}: [data].path {data_file!r} leaves the study's folder "
            f"({data_path}); keep the data beside the study file, or set "
            "[data].allow_outside = true to read it from there"
        )
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
    if not is_name(outcome):
        raise r.fail(
            "[analysis].outcome",
            "must be a column name (letters, digits, '_' or '.', "
            "not starting with a digit; write the negation in [[sufficiency]].outcome)",
            outcome,
        )
    conditions = r.names(analysis, "[analysis]", "conditions", required=True)
    for condition in conditions:
        if not is_name(condition):
            raise r.fail(
                "[analysis].conditions",
                "must hold column names (letters, digits, '_' or '.', not starting with a digit)",
                condition,
            )
    if outcome in conditions:
        raise r.fail(
            "[analysis].conditions", f"must not include the outcome {outcome!r}", list(conditions)
        )

    anchors_path, calibration = read_calibration(r, doc, path, filename)

    tt = r.table(doc, "truth_table", required=False)
    r.known_keys(tt, "[truth_table]", ["incl_cut", "n_cut", "pri_cut", "categories"])
    categories = _read_categories(r, tt, outcome, conditions)
    incl_cut = _read_incl_cut(r, tt)
    n_cut = tt.get("n_cut", 1)
    if isinstance(n_cut, bool) or not isinstance(n_cut, int) or n_cut < 1:
        raise r.fail("[truth_table].n_cut", "must be an integer >= 1", n_cut)
    pri_cut = r.number(tt, "[truth_table]", "pri_cut", default=0.0)

    nec = r.table(doc, "necessity", required=False)
    r.known_keys(nec, "[necessity]", ["enabled", "incl_cut", "cov_cut", "ron_cut"])
    necessity = r.boolean(nec, "[necessity]", "enabled", default=True)
    necessity_incl_cut = r.number(nec, "[necessity]", "incl_cut", default=0.9)
    necessity_cov_cut = r.number(nec, "[necessity]", "cov_cut", default=0.6)
    necessity_ron_cut = r.number(nec, "[necessity]", "ron_cut", default=0.0)

    sufficiency = _read_sufficiency(r, doc, outcome, conditions)

    report = r.table(doc, "report", required=False)
    r.known_keys(report, "[report]", ["narrative"])
    narrative_name = r.string(report, "[report]", "narrative", default=None)
    narrative_path = (path.parent / narrative_name).resolve() if narrative_name else None
    narrative = read_narrative(narrative_path, filename) if narrative_path else ()

    return Study(
        path=path,
        name=name,
        title=title,
        description=description,
        data_path=data_path,
        case_column=case_column,
        missing=missing,
        anchors_path=anchors_path,
        calibration=calibration,
        outcome=outcome,
        conditions=conditions,
        incl_cut=incl_cut,
        n_cut=int(n_cut),
        pri_cut=pri_cut,
        necessity=necessity,
        necessity_incl_cut=necessity_incl_cut,
        necessity_cov_cut=necessity_cov_cut,
        necessity_ron_cut=necessity_ron_cut,
        sufficiency=sufficiency,
        narrative_path=narrative_path,
        narrative=narrative,
        robustness=read_robustness(r, doc, outcome, conditions),
        inference=read_inference(r, doc),
        categories=categories,
    )


def _read_categories(
    r: Reader, tt: Mapping[str, Any], outcome: str, conditions: tuple[str, ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``[truth_table.categories]``: ``NAME = ["label of 0", "label of 1", ...]`` for
    conditions and the outcome (printing only; the levels are checked by the truth table)."""
    if "categories" not in tt:
        return ()
    table = tt["categories"]
    where = "[truth_table].categories"
    if not isinstance(table, dict):
        raise r.fail(where, 'must be a table NAME = ["label", ...]', table)
    out = []
    for name, labels in table.items():
        if name not in conditions and name != outcome:
            raise r.fail(
                f"{where}.{name}",
                f"must name a condition ({', '.join(conditions)}) or the outcome {outcome!r}",
                has_value=False,
            )
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(v, str) and v.strip() for v in labels)
        ):
            raise r.fail(
                f"{where}.{name}",
                "must be a list of non-empty strings (the labels of levels 0, 1, ...)",
                labels,
            )
        out.append((str(name), tuple(labels)))
    return tuple(out)


def _read_incl_cut(r: Reader, tt: Mapping[str, Any]) -> tuple[float, ...]:
    value = tt.get("incl_cut", 1.0)
    expected = "must be a number in [0, 1] (or two numbers [ic1, ic0] with ic0 <= ic1)"

    def ok(v: Any) -> bool:
        return not isinstance(v, bool) and isinstance(v, (int, float)) and 0 <= v <= 1

    if ok(value):
        return (float(value),)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(ok(v) for v in value)
        and value[1] <= value[0]
    ):
        return (float(value[0]), float(value[1]))
    raise r.fail("[truth_table].incl_cut", expected, value)


_ESA_TYPES = ("csa", "ssr")


def _read_esa(r: Reader, entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """[[sufficiency]].esa: the kinds of rows kept out of the remainders (qca.find_rows types)."""
    value = entry.get("esa", [])
    if (
        not isinstance(value, list)
        or not all(isinstance(v, str) and v in _ESA_TYPES for v in value)
        or len(set(value)) != len(value)
    ):
        raise r.fail(
            f"{where}.esa",
            "must be a list of distinct names from " + ", ".join(map(repr, _ESA_TYPES)),
            value,
        )
    return tuple(t for t in _ESA_TYPES if t in value)


def _read_sufficiency(
    r: Reader, doc: Mapping[str, Any], outcome: str, conditions: Sequence[str]
) -> tuple[SufficiencySpec, ...]:
    entries = doc.get("sufficiency", [])
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise r.fail(
            "[[sufficiency]]", "must be an array of tables ([[sufficiency]] entries)", entries
        )
    specs: list[SufficiencySpec] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"[[sufficiency]][{number}]"
        r.known_keys(entry, where, ["outcome", "solutions", "dir_exp", "row_dom", "all_sol", "esa"])
        target = r.string(entry, where, "outcome", default=outcome)
        assert target is not None
        if target not in (outcome, f"~{outcome}"):
            raise r.fail(
                f"{where}.outcome",
                f"must be {outcome!r} or {('~' + outcome)!r} (the "
                "[analysis].outcome or its negation)",
                target,
            )
        if target in seen:
            raise r.fail(
                f"{where}.outcome", "must not repeat an earlier [[sufficiency]] outcome", target
            )
        seen.add(target)
        solutions = entry.get("solutions", list(SOLUTION_TYPES))
        if (
            not isinstance(solutions, list)
            or not solutions
            or not all(isinstance(s, str) and s in SOLUTION_TYPES for s in solutions)
            or len(set(solutions)) != len(solutions)
        ):
            raise r.fail(
                f"{where}.solutions",
                "must be a list of distinct names from " + ", ".join(map(repr, SOLUTION_TYPES)),
                solutions,
            )
        dir_exp = (
            r.names(entry, where, "dir_exp", required="intermediate" in solutions)
            if ("intermediate" in solutions or "dir_exp" in entry)
            else ()
        )
        for expectation in dir_exp:
            names = set(re.findall(r"[A-Za-z][A-Za-z0-9_.]*", expectation))
            unknown = sorted(names - set(conditions))
            if unknown or not names:
                raise r.fail(
                    f"{where}.dir_exp",
                    "must hold expectations over the conditions "
                    f"({', '.join(conditions)}), such as 'DEV' (present), '~DEV' (absent) "
                    "or '~LIT*IND'",
                    expectation,
                )
        specs.append(
            SufficiencySpec(
                outcome=target,
                solutions=tuple(s for s in SOLUTION_TYPES if s in solutions),
                dir_exp=tuple(dir_exp),
                row_dom=r.boolean(entry, where, "row_dom", default=False),
                all_sol=r.boolean(entry, where, "all_sol", default=False),
                esa=_read_esa(r, entry, where),
            )
        )
    return tuple(specs)


def bundled_study() -> Path:
    """The collaboration study file: in the source tree, else inside the installed package."""
    here = Path(__file__).resolve().parents[1]  # the qca package folder
    for candidate in (
        here.parent / "data" / "collaboration" / "collaboration.toml",
        here / "_data" / "collaboration" / "collaboration.toml",
    ):
        if candidate.is_file():
            return candidate
    raise QCAError(
        "the bundled collaboration study (data/collaboration/collaboration.toml) is not "
        "installed with this copy of qca"
    )
