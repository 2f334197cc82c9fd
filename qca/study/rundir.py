"""The run folder: :func:`write_run` writes ``results.json``, ``manifest.json`` and
``report.html``; :func:`run` is ``qca run STUDY.toml [--out DIR]``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from .analysis import run_study
from .provenance import dumps, jsonable, manifest
from .report import render_report
from .results import StudyResult
from .spec import Study, load_study

__all__ = ["default_run_dir", "run", "write_run"]


def write_run(result: StudyResult, out_dir: str | os.PathLike[str]) -> Path:
    """Write ``results.json``, ``manifest.json`` and ``report.html`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(dumps(result.to_dict()), encoding="utf-8")
    (out / "manifest.json").write_text(
        dumps(jsonable(manifest(result.study, out))), encoding="utf-8"
    )
    (out / "report.html").write_text(render_report(result), encoding="utf-8")
    return out


def default_run_dir(study: Study) -> Path:
    """``runs/<study name>/`` under the working folder."""
    return Path("runs") / study.name


def run(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    progress: TextIO | None = None,
) -> tuple[StudyResult, Path]:
    """Load, run and write a study: ``qca run STUDY.toml [--out DIR]``."""
    study = load_study(path)
    result = run_study(study, progress=progress)
    return result, write_run(result, default_run_dir(study) if out_dir is None else out_dir)
