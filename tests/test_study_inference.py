"""The study file's ``[inference]`` table: read, run, kept in results.json, told in the report."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from qca.exceptions import StudyFileError
from qca.study import load_study, run_study
from qca.study.inference import study_inference
from qca.study.provenance import jsonable
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
        "[inference]\nn_permutations = 299\nseed = 4\nbootstrap = true\nn_resamples = 200\n",
    )
    study = load_study(path)
    assert study.inference is not None and study.inference.n_permutations == 299
    assert study.to_dict()["inference"]["seed"] == 4
    result = run_study(study)
    document = result.to_dict()
    entry = document["inference"]["EFFECT"]
    assert entry["rows"]["n_permutations"] == 299
    assert {t["kind"] for t in entry["rows"]["tests"]} == {"row"}
    assert entry["models"]["tests"] and entry["bootstrap"]["n_resamples"] == 200
    json.dumps(document, allow_nan=False)
    html = render_report(result)
    assert '<section id="inference">' in html and 'href="#inference"' in html
    assert "distinguishable from chance" in html
    # the report says in words whether the rows coded 1 are distinguishable from chance
    assert (
        "Every row coded 1 is distinguishable from chance" in html
        or "coded 1 but not distinguishable from chance" in html
    )
    # the seed makes it reproducible (qca verify re-runs it)
    analysis = result.sufficiency[0]
    again = study_inference(
        study.inference,
        analysis.truth_table,
        [(m.solution, m.name, m.expression) for m in analysis.models],
    )
    assert jsonable(again) == entry
    # without [inference]: no key in results.json, no section
    plain = replace(result, inference=None)
    assert "inference" not in plain.to_dict()
    assert '<section id="inference">' not in render_report(plain)
    assert load_study(_study(tmp_path / "plain", "")).inference is None


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
