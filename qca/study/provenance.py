"""What a run depended on, and plain JSON: versions, SHA-256, the manifest, display paths.

:func:`manifest` is ``manifest.json``; :func:`jsonable` and :func:`dumps` write every document of
a run folder (``results.json``, ``manifest.json``) the same way.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy

from .._version import __version__
from .spec import SCHEMA_VERSION, Study

__all__ = [
    "VERIFY_TOLERANCE",
    "display_path",
    "dumps",
    "jsonable",
    "manifest",
    "sha256",
    "versions",
]

VERIFY_TOLERANCE = 1e-9


def jsonable(value: Any) -> Any:
    """Plain JSON data: numpy scalars to Python, NaN/inf to None, tuples to lists."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str):
        return value
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def dumps(document: Any) -> str:
    """A JSON document as a run folder holds it (indent 1, UTF-8 text, no NaN)."""
    return (
        json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False, sort_keys=False) + "\n"
    )


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """The versions a run depends on: qca, Python, numpy, pandas and scipy."""
    return {
        "qca": __version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scipy": scipy.__version__,
    }


def display_path(path: Path) -> str:
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
            "sha256": sha256(path),
            "bytes": path.stat().st_size,
        }
    return {
        "schema": "qca.run-manifest",
        "schema_version": SCHEMA_VERSION,
        "study": study.name,
        "command": f"qca run {display_path(study.path)}",
        "versions": versions(),
        "inputs": inputs,
        "options": study.to_dict(),
        "tolerance": VERIFY_TOLERANCE,
        "files": ["report.html", "results.json", "manifest.json"],
    }
