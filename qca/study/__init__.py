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

The modules, each importing only those listed before it:

- :mod:`~qca.study.reader`: typed access to the parsed TOML (messages naming key and type);
- :mod:`~qca.study.anchors`: calibration tables and anchors files;
- :mod:`~qca.study.spec`: the checked study (:class:`Study`) and :func:`load_study`;
- :mod:`~qca.study.provenance`: versions, SHA-256, the manifest, JSON as written to a run folder;
- :mod:`~qca.study.results`: what a run computed (:class:`StudyResult`, ``results.json``);
- :mod:`~qca.study.analysis`: :func:`run_study`, the analysis in memory;
- :mod:`~qca.study.report`: the HTML report;
- :mod:`~qca.study.rundir`: writing the run folder (:func:`write_run`, :func:`run`);
- :mod:`~qca.study.verify`: :func:`verify` and :func:`compare_results`.
"""

from __future__ import annotations

from .analysis import run_study
from .anchors import CalibrationSpec, parse_thresholds
from .provenance import VERIFY_TOLERANCE, display_path, manifest
from .report import render_report, svg_figure
from .results import ModelResult, StudyResult, SufficiencyResult, TermResult, summary_lines
from .rundir import default_run_dir, run, write_run
from .spec import SCHEMA_VERSION, Study, SufficiencySpec, bundled_study, load_study
from .verify import VerifyReport, compare_results, verify

__all__ = [
    "SCHEMA_VERSION",
    "VERIFY_TOLERANCE",
    "CalibrationSpec",
    "ModelResult",
    "Study",
    "StudyResult",
    "SufficiencyResult",
    "SufficiencySpec",
    "TermResult",
    "VerifyReport",
    "bundled_study",
    "compare_results",
    "default_run_dir",
    "display_path",
    "load_study",
    "manifest",
    "parse_thresholds",
    "render_report",
    "run",
    "run_study",
    "summary_lines",
    "svg_figure",
    "verify",
    "write_run",
]
