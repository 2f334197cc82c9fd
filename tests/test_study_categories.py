"""[truth_table].categories in a study file: read, checked, passed to the truth table."""

from __future__ import annotations

import pytest
from test_study import write_study

from qca.exceptions import StudyFileError
from qca.study import load_study, run_study

LABELS = (
    "[truth_table]\nincl_cut = 0.8\n[truth_table.categories]\n"
    'URB = ["rural", "urban"]\nSURV = ["failed", "survived"]'
)


def test_categories_are_read_and_reach_the_truth_table(tmp_path) -> None:
    study = load_study(write_study(tmp_path, truth_table=LABELS))
    assert study.categories == (("URB", ("rural", "urban")), ("SURV", ("failed", "survived")))
    assert study.to_dict()["truth_table"]["categories"] == {
        "URB": ["rural", "urban"],
        "SURV": ["failed", "survived"],
    }
    result = run_study(study, progress=None)
    tt = result.sufficiency[0].truth_table
    assert dict(tt.categories["URB"]) == {0: "rural", 1: "urban"}
    assert "survived" in str(tt) or "failed" in str(tt)


def test_without_categories_the_manifest_is_unchanged(tmp_path) -> None:
    study = load_study(write_study(tmp_path))
    assert study.categories == ()
    assert "categories" not in study.to_dict()["truth_table"]


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('[truth_table.categories]\nXYZ = ["a", "b"]', "[truth_table].categories.XYZ must name"),
        ("[truth_table.categories]\nURB = []", "must be a list of non-empty strings"),
        ('[truth_table.categories]\nURB = ["a", ""]', "must be a list of non-empty strings"),
        ("[truth_table.categories]\nURB = 3", "must be a list of non-empty strings"),
        ('[truth_table]\ncategories = "URB=0:a"', "[truth_table].categories must be a table"),
    ],
)
def test_bad_categories_name_the_key(tmp_path, table: str, words: str) -> None:
    text = table if table.startswith("[truth_table]") else "[truth_table]\n" + table
    with pytest.raises(StudyFileError) as error:
        load_study(write_study(tmp_path, truth_table=text))
    assert words in str(error.value)
