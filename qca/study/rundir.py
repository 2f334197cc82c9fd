"""The run folder: :func:`write_run` writes ``results.json``, ``report.html`` and
``manifest.json``; :func:`run` is ``qca run STUDY.toml [--out DIR] [--force]``.

A run folder is written whole or not at all: the files go into a temporary sibling folder
(``.<name>.tmp-*``), which is renamed into place once every file is written. A failure or an
interruption (Ctrl-C, SIGTERM through the command line's handler) removes the temporary folder
and leaves an existing run folder as it was. The manifest, written last, records the SHA-256 of
every other output, which :func:`~qca.study.verify` checks.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TextIO

from ..exceptions import QCAError
from .analysis import run_study
from .provenance import display_path, dumps, jsonable, manifest, sha256
from .report import render_report
from .results import StudyResult
from .spec import Study, load_study

__all__ = ["OUTPUT_FILES", "default_run_dir", "run", "write_run"]

#: The files of a run folder, in the order they are written (the manifest last: it hashes the
#: others).
OUTPUT_FILES = ("results.json", "report.html", "manifest.json")


def _check_target(out: Path, force: bool) -> None:
    """Refuse a target that is a file, lies below a file, or is a run folder not to replace."""
    for parent in (out, *out.parents):
        if parent.exists() and not parent.is_dir():
            where = "is a file" if parent == out else f"lies below {display_path(parent)}, a file"
            raise QCAError(f"the run folder {display_path(out)} {where}; choose another --out.")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise QCAError(
            f"the run folder {display_path(out)} already exists; choose another --out, or pass "
            "--force (force=True) to replace it (the old folder is replaced whole)."
        )


def write_run(result: StudyResult, out_dir: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``results.json``, ``report.html`` and ``manifest.json`` into the folder ``out_dir``.

    Parameters
    ----------
    result : StudyResult
        From :func:`~qca.study.run_study`.
    out_dir : path
        The run folder: it must not exist, or be empty, or ``force`` must be given.
    force : bool
        Replace an existing run folder (whole: no file of the old run is left).

    Raises
    ------
    QCAError
        ``out_dir`` is a file or lies below one, or is a non-empty folder and ``force`` is False.
    """
    out = Path(out_dir)
    _check_target(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        (staging / "results.json").write_text(dumps(result.to_dict()), encoding="utf-8")
        (staging / "report.html").write_text(render_report(result), encoding="utf-8")
        document = manifest(result.study, out)
        document["outputs"] = {
            name: {"sha256": sha256(staging / name), "bytes": (staging / name).stat().st_size}
            for name in OUTPUT_FILES
            if name != "manifest.json"
        }
        (staging / "manifest.json").write_text(dumps(jsonable(document)), encoding="utf-8")
        _replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out


def _replace(staging: Path, out: Path) -> None:
    """Rename ``staging`` to ``out``; an existing ``out`` is moved aside first, then deleted."""
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def default_run_dir(study: Study) -> Path:
    """``runs/<study name>/`` under the working folder."""
    return Path("runs") / study.name


def run(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    force: bool = False,
    progress: TextIO | None = None,
) -> tuple[StudyResult, Path]:
    """Load, run and write a study: ``qca run STUDY.toml [--out DIR] [--force]``.

    The run folder is checked before the analysis runs, so that a refusal comes at once.
    """
    study = load_study(path)
    out = default_run_dir(study) if out_dir is None else Path(out_dir)
    _check_target(out, force)
    result = run_study(study, progress=progress)
    return result, write_run(result, out, force=force)
