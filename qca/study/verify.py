"""Verifying a run folder: :func:`verify` re-runs it from its manifest and lists every difference.

:func:`compare_results` compares two ``results.json`` documents number by number.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._render.text import verify_text
from ..exceptions import QCAError
from .analysis import run_study
from .provenance import VERIFY_TOLERANCE, display_path, dumps, sha256, versions
from .spec import SCHEMA_VERSION, SOLUTION_TYPES, load_study

__all__ = ["VerifyReport", "compare_results", "verify"]


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
        return verify_text(display_path(self.run_dir), self.differences, self.notes)


def _label(item: Any, position: int) -> str:
    if isinstance(item, dict):
        for key in ("name", "row", "term", "expression", "variable", "case"):
            if key in item and isinstance(item[key], (str, int)):
                return f"{key} {item[key]}" if key == "row" else str(item[key])
    return f"[{position}]"


def _walk_differences(
    old: Any,
    new: Any,
    path: tuple[str, ...],
    tolerance: float,
    out: list[tuple[tuple[str, ...], Any, Any]],
) -> None:
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
                _walk_differences(
                    old[position],
                    new[position],
                    path + (_label(old[position], position),),
                    tolerance,
                    out,
                )
    elif old != new:
        out.append((path, old, new))


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict) and "expression" in value:
        return repr(value["expression"])
    if isinstance(value, dict) and "row" in value and "OUT" in value:
        return (
            f"(OUT {value['OUT']}, n {value.get('n')}, cases {', '.join(value.get('cases', []))})"
        )
    if isinstance(value, str):
        text = value if value == "<absent>" else repr(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare_results(
    old: Mapping[str, Any], new: Mapping[str, Any], *, tolerance: float = VERIFY_TOLERANCE
) -> list[str]:
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
        is_solution = key.startswith("sufficiency/") and key.rsplit("/", 1)[-1] in SOLUTION_TYPES
        expressions = [
            (rest, a, b)
            for rest, a, b in items
            if (rest and rest[-1] == "expression")
            or (len(rest) == 1 and (isinstance(a, dict) or isinstance(b, dict)))
        ]
        if is_solution and expressions:
            shown = "; ".join(
                f"{rest[0] if rest else 'models'} {_short(a)} -> {_short(b)}"
                for rest, a, b in expressions[:4]
            )
            more = len(expressions) - 4
            others = len(items) - len(expressions)
            messages.append(
                f"models of {key} differ: {shown}"
                + (f" (and {more} more models)" if more > 0 else "")
                + (f"; {others} other value(s) differ too" if others > 0 else "")
            )
            continue
        numeric = [
            i
            for i in items
            if isinstance(i[1], (int, float))
            and isinstance(i[2], (int, float))
            and not isinstance(i[1], bool)
        ]
        shown_items = items[:3]
        parts = [
            (f"{'/'.join(rest)} " if rest else "") + f"{_short(a)} -> {_short(b)}"
            for rest, a, b in shown_items
        ]
        summary = f"{key} differs: " + "; ".join(parts)
        if len(items) > 3:
            summary += f" (and {len(items) - 3} more"
            if numeric:
                largest = max(numeric, key=lambda i: abs(i[2] - i[1]))
                summary += (
                    f"; largest numeric change {abs(largest[2] - largest[1]):.3g} at "
                    f"{'/'.join(largest[0])}"
                )
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


def _json_kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _check_manifest_shape(recorded: Any, file: Path) -> None:
    """Refuse a manifest whose keys do not have the types qca writes (naming the key)."""
    where = display_path(file)
    if not isinstance(recorded, dict) or recorded.get("schema") != "qca.run-manifest":
        raise QCAError(f'{where} is not a qca run manifest (no "schema": "qca.run-manifest")')
    version = recorded.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        # a manifest of another format version would be read wrongly, key by key
        raise QCAError(
            f"{where} is not a run manifest this qca reads: schema_version must be "
            f"{SCHEMA_VERSION}; got {json.dumps(version)}"
        )
    expected = {"inputs": dict, "versions": dict}
    for key, kind in expected.items():
        if not isinstance(recorded.get(key), kind):
            raise QCAError(
                f"{where} is not a valid run manifest: {key!r} must be an object; found "
                f"{_json_kind(recorded.get(key)) if key in recorded else 'nothing'}"
            )
    if "study" not in recorded["inputs"]:
        raise QCAError(f"{where} is not a valid run manifest: inputs.study is missing")
    for role, entry in recorded["inputs"].items():
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("path", "sha256")
        ):
            raise QCAError(
                f"{where} is not a valid run manifest: inputs.{role} must be an object with "
                f"string 'path' and 'sha256'; found {entry!r}"
            )
    outputs = recorded.get("outputs")
    if outputs is not None and not (
        isinstance(outputs, dict)
        and all(isinstance(e, dict) and isinstance(e.get("sha256"), str) for e in outputs.values())
    ):
        raise QCAError(
            f"{where} is not a valid run manifest: 'outputs' must map file names to objects "
            f"with a string 'sha256'; found {outputs!r}"
        )


def _output_differences(run_dir: Path, recorded: Mapping[str, Any]) -> list[str]:
    """Every output file recorded in the manifest must be there with the recorded SHA-256."""
    outputs = recorded.get("outputs")
    if outputs is None:
        return [
            "manifest.json records no SHA-256 of the outputs ('outputs'): report.html and "
            "results.json cannot be checked (re-run the study with this version of qca)"
        ]
    differences = []
    for name in ("results.json", "report.html"):
        if name not in outputs:
            differences.append(f"manifest.json records no SHA-256 of {name}")
    for name, entry in outputs.items():
        file = run_dir / name
        if Path(name).name != name or name == "manifest.json":
            differences.append(f"manifest.json records an unexpected output {name!r}")
        elif not file.is_file():
            differences.append(
                f"{name} is missing" if not file.exists() else f"{name} is not a file"
            )
        elif (digest := sha256(file)) != entry["sha256"]:
            differences.append(
                f"{name} was changed after the run (sha256 {entry['sha256'][:12]}... -> "
                f"{digest[:12]}...)"
            )
    return differences


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
    if not run_dir.is_dir():
        raise QCAError(
            f"{display_path(run_dir)} is not a run folder: "
            + ("it is a file" if run_dir.exists() else "it does not exist")
        )
    documents = {}
    for name in ("manifest.json", "results.json"):
        file = run_dir / name
        if not file.is_file():
            what = "is not a file" if file.exists() else "is missing"
            raise QCAError(
                f"{display_path(run_dir)} is not a run folder: {name} {what} "
                "(make one with `qca run STUDY.toml`)"
            )
        try:
            documents[name] = json.loads(file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise QCAError(f"{display_path(file)} is not valid JSON ({error})") from None
        except RecursionError:
            raise QCAError(
                f"{display_path(file)} is not a qca document: it is nested too deeply to read"
            ) from None
        except OSError as error:
            raise QCAError(f"cannot read {display_path(file)}: {error.strerror}") from None
    recorded, old_results = documents["manifest.json"], documents["results.json"]
    _check_manifest_shape(recorded, run_dir / "manifest.json")
    if not isinstance(old_results, dict):
        raise QCAError(
            f"{display_path(run_dir / 'results.json')} is not a qca results document: expected "
            f"a JSON object, found {_json_kind(old_results)}"
        )

    differences: list[str] = _output_differences(run_dir, recorded)
    notes: list[str] = []
    for package, version in sorted(recorded["versions"].items()):
        now = versions().get(package)
        if now != version:
            notes.append(f"{package} {version} at the run, {now} now")

    inputs = recorded["inputs"]
    study_path = _recorded_path(run_dir, inputs["study"])
    for role, entry in inputs.items():
        path = _recorded_path(run_dir, entry)
        if not path.is_file():
            differences.append(f"{display_path(path)} ({role} file) is missing")
            continue
        digest = sha256(path)
        if digest != entry.get("sha256"):
            differences.append(
                f"{display_path(path)} changed (sha256 {str(entry.get('sha256'))[:12]}... "
                f"-> {digest[:12]}...)"
            )
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
            differences.append(
                f"the study now reads its {role} file from {display_path(path)} "
                f"(the run used {before})"
            )
    try:
        differences += compare_results(old_results, json.loads(dumps(result.to_dict())))
    except RecursionError:
        differences.append(
            "results.json is nested too deeply to compare: it was not written by qca"
        )
    return VerifyReport(run_dir, tuple(differences), tuple(notes))
