"""Study-specific prose for the report: a narrative file referenced by the study file.

A study's report is built from its numbers; what only the analyst can say (case narratives, what
the material can and cannot tell, tables of evidence kept next to the data) lives in a TOML file of
the study, not in the code::

    # study file
    [report]
    narrative = "narrative.toml"

    # narrative.toml
    [[section]]
    id = "conclusion"                 # letters, digits, - _ ; the HTML anchor
    title = "What the material can and cannot tell"
    position = "top"                  # "top": right after the overview; "end": after the analyses
    text = '''
    Paragraphs are separated by blank lines. Lines starting with "- " form a list.
    '''

    [[section.table]]                 # optional: rows of a CSV file next to the study
    csv = "codebook.csv"
    columns = ["case", "variable", "grade", "quote"]
    where = {variable = ["RESP", "EFFECT"]}   # optional: keep rows whose column is in the list
    caption = "Evidence"

Everything is read when the study file is loaded (the report never reads files) and the narrative
file and every CSV it names become inputs of the run: ``qca verify`` notices when they change.
Text is shown as plain text (escaped), never interpreted.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exceptions import StudyFileError

__all__ = ["NarrativeSection", "NarrativeTable", "read_narrative"]

POSITIONS = ("top", "end")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class NarrativeTable:
    """Rows of a CSV file shown in a narrative section (read at load time)."""

    csv: Path
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class NarrativeSection:
    """One section of prose (and optional tables) in the report."""

    id: str
    title: str
    position: str
    text: str
    tables: tuple[NarrativeTable, ...] = ()


def read_narrative(path: Path, study_file: str) -> tuple[NarrativeSection, ...]:
    """Read and check a narrative file; every error names the file and the key."""
    name = path.name
    where = f"narrative file {name} (from study file {study_file})"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StudyFileError(
            f"study file {study_file}: [report].narrative {name!r} not found"
        ) from None
    except UnicodeDecodeError as error:
        raise StudyFileError(f"{where}: not UTF-8 text ({error.reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise StudyFileError(f"{where}: not valid TOML: {error}") from None
    unknown = sorted(set(doc) - {"section"})
    if unknown:
        raise StudyFileError(f"{where}: unknown key(s) {unknown}; expected [[section]] tables")
    entries = doc.get("section", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise StudyFileError(f"{where}: section must be an array of tables ([[section]])")
    sections: list[NarrativeSection] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        at = f"{where}, [[section]] {number}"
        unknown = sorted(set(entry) - {"id", "title", "position", "text", "table"})
        if unknown:
            raise StudyFileError(
                f"{at}: unknown key(s) {unknown}; expected id, title, position, text, table"
            )
        ident = entry.get("id")
        if not isinstance(ident, str) or not _ID.match(ident) or ident in seen:
            raise StudyFileError(
                f"{at}: id must be a new name of letters, digits, '-' or '_'; got {ident!r}"
            )
        seen.add(ident)
        title, text = entry.get("title", ""), entry.get("text", "")
        if not isinstance(title, str) or not title.strip():
            raise StudyFileError(f"{at}: title must be a non-empty string; got {title!r}")
        if not isinstance(text, str):
            raise StudyFileError(f"{at}: text must be a string; got {text!r}")
        position = entry.get("position", "end")
        if position not in POSITIONS:
            raise StudyFileError(f"{at}: position must be 'top' or 'end'; got {position!r}")
        tables = entry.get("table", [])
        if isinstance(tables, dict):
            tables = [tables]
        if not isinstance(tables, list):
            raise StudyFileError(f"{at}: table must be an array of tables ([[section.table]])")
        sections.append(
            NarrativeSection(
                id=ident,
                title=title.strip(),
                position=position,
                text=text.strip(),
                tables=tuple(
                    _read_table(t, path.parent, f"{at}, table {i}") for i, t in enumerate(tables, 1)
                ),
            )
        )
    return tuple(sections)


def _read_table(entry: Any, folder: Path, at: str) -> NarrativeTable:
    if not isinstance(entry, dict):
        raise StudyFileError(f"{at}: must be a table with csv and columns")
    unknown = sorted(set(entry) - {"csv", "columns", "where", "caption"})
    if unknown:
        raise StudyFileError(
            f"{at}: unknown key(s) {unknown}; expected csv, columns, where, caption"
        )
    file = entry.get("csv")
    if not isinstance(file, str) or not file:
        raise StudyFileError(f"{at}: csv must name a CSV file next to the study; got {file!r}")
    path = (folder / file).resolve()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise StudyFileError(f"{at}: csv file {file!r} not found") from None
    except UnicodeDecodeError as error:
        raise StudyFileError(
            f"{at}: csv file {file!r} is not UTF-8 text ({error.reason})"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = list(reader.fieldnames or [])
    columns = entry.get("columns", header)
    if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
        raise StudyFileError(f"{at}: columns must be a non-empty list of column names")
    absent = [c for c in columns if c not in header]
    where = entry.get("where", {})
    if not isinstance(where, dict):
        raise StudyFileError(f"{at}: where must be a table {{column = [values]}}")
    absent += [c for c in where if c not in header and c not in absent]
    if absent:
        raise StudyFileError(
            f"{at}: {file} has no column(s) {absent} (columns: {', '.join(header)})"
        )
    keep = {}
    for column, values in where.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise StudyFileError(f"{at}: where.{column} must be a list of strings")
        keep[column] = set(values)
    rows = tuple(
        tuple(row.get(c) or "" for c in columns)
        for row in reader
        if all((row.get(c) or "") in values for c, values in keep.items())
    )
    caption = entry.get("caption", "")
    if not isinstance(caption, str):
        raise StudyFileError(f"{at}: caption must be a string")
    return NarrativeTable(csv=path, columns=tuple(columns), rows=rows, caption=caption)
