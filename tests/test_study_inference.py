"""The study file's ``[inference]`` table: read, run, kept in results.json, told in the report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from qca.exceptions import StudyFileError
from qca.study import load_study, run_study
from qca.study.report import render_report

SOURCE = Path(__file__).resolve().parents[1] / "data" / "collaboration"


def _study(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "collaboration"
    shutil.copytree(SOURCE, folder)
    path = folder / "collaboration.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    return path


def test_inference_is_run_kept_and_reported(tmp_path: Path) -> None:
    path = _study(
        tmp_path,
        "[inference]\nn_permutations = 999\nseed = 4\nbootstrap = true\nn_resamples = 500\n",
    )
    study = load_study(path)
    assert study.inference is not None and study.inference.n_permutations == 999
    assert study.to_dict()["inference"]["seed"] == 4
    result = run_study(study)
    document = result.to_dict()
    entry = document["inference"]["EFFECT"]
    assert entry["rows"]["n_permutations"] == 999
    assert {t["kind"] for t in entry["rows"]["tests"]} == {"row"}
    assert entry["models"]["tests"] and entry["bootstrap"]["n_resamples"] == 500
    json.dumps(document, allow_nan=False)
    html = render_report(result)
    assert '<section id="inference">' in html and 'href="#inference"' in html
    assert "distinguishable from chance" in html
    # six cases: no row coded 1 can be distinguishable from chance after the correction
    assert "coded 1 but not distinguishable from chance" in html
    again = run_study(load_study(path))
    assert again.to_dict()["inference"] == document["inference"]


def test_without_the_table_nothing_changes(tmp_path: Path) -> None:
    result = run_study(load_study(_study(tmp_path, "")))
    assert "inference" not in result.to_dict()
    assert '<section id="inference">' not in render_report(result)


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ("[inference]\nn_permutation = 10\n", "unknown key \\[inference\\].n_permutation"),
        ("[inference]\ncorrection = 'fdr'\n", "\\[inference\\].correction"),
        ("[inference]\nalpha = 0\n", "\\[inference\\].alpha"),
        ("[inference]\nseed = -1\n", "\\[inference\\].seed"),
    ],
)
def test_bad_inference_keys_are_refused(tmp_path: Path, extra: str, match: str) -> None:
    with pytest.raises(StudyFileError, match=match):
        load_study(_study(tmp_path, extra))
