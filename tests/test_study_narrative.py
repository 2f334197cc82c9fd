"""Study-file keys added for the collaboration study: [report].narrative (qca.study.narrative),
[necessity].ron_cut, [[sufficiency]].esa and the optional `logistic` column of an anchors file."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pytest

from qca.exceptions import StudyFileError
from qca.study import load_study, run_study, verify, write_run
from qca.study.report import render_report

DATA = "case,A,B,Y\nc1,0,0,0\nc2,1,0,1\nc3,3,3,3\nc4,2,3,3\nc5,3,2,3\nc6,1,1,0\nc7,0,1,1\n"
ANCHORS = (
    "variable,type,method,thresholds,logistic,reason\n"
    'A,fuzzy,direct,e=0;c=1.5;i=3,false,"four-value"\n'
    'B,fuzzy,direct,e=0;c=1.5;i=3,false,"four-value"\n'
    'Y,fuzzy,direct,e=0;c=1.5;i=3,,"logistic (empty = default)"\n'
)
NARRATIVE = '''
[[section]]
id = "first"
title = "Read me first"
position = "top"
text = """
One paragraph <script>alert(1)</script>.

- item one
- item two
"""

[[section.table]]
csv = "data.csv"
columns = ["case", "Y"]
where = {Y = ["3"]}
caption = "cases in the outcome"

[[section]]
id = "last"
title = "Afterword"
text = "At the end."
'''


def _study(folder: Path, extra: str = "", narrative: str | None = NARRATIVE) -> Path:
    (folder / "data.csv").write_text(DATA, encoding="utf-8")
    (folder / "anchors.csv").write_text(ANCHORS, encoding="utf-8")
    report = ""
    if narrative is not None:
        (folder / "narrative.toml").write_text(narrative, encoding="utf-8")
        report = '[report]\nnarrative = "narrative.toml"\n'
    text = textwrap.dedent(
        """
        schema_version = 1
        [study]
        name = "small"
        [data]
        path = "data.csv"
        case_column = "case"
        [calibration]
        anchors = "anchors.csv"
        [analysis]
        outcome = "Y"
        conditions = ["A", "B"]
        [truth_table]
        incl_cut = 0.8
        [necessity]
        ron_cut = 0.6
        [[sufficiency]]
        outcome = "Y"
        solutions = ["conservative", "parsimonious"]
        esa = ["csa"]
        """
    )
    path = folder / "study.toml"
    path.write_text(text + extra + report, encoding="utf-8")
    return path


def test_narrative_sections_are_placed_escaped_and_tables_filtered(tmp_path):
    study = load_study(_study(tmp_path))
    assert [s.id for s in study.narrative] == ["first", "last"]
    assert study.narrative[1].position == "end"  # the default
    table = study.narrative[0].tables[0]
    assert table.columns == ("case", "Y") and table.rows == (("c3", "3"), ("c4", "3"), ("c5", "3"))
    html = render_report(run_study(study))
    order = [html.index(f'id="{i}"') for i in ("first", "data", "sufficiency-Y", "last")]
    assert order == sorted(order)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<li>item one</li><li>item two</li>" in html
    assert "<caption>cases in the outcome</caption>" in html


def test_narrative_and_its_tables_are_inputs_that_verify_checks(tmp_path):
    path = _study(tmp_path)
    study = load_study(path)
    assert set(study.input_files) == {"study", "data", "anchors", "narrative", "narrative_table_1"}
    out = write_run(run_study(study), tmp_path / "run")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["report"] == {"narrative": "narrative.toml"}
    assert verify(out).ok
    (tmp_path / "narrative.toml").write_text(NARRATIVE.replace("At the end.", "Changed."), "utf-8")
    report = verify(out)
    assert not report.ok and "narrative.toml" in str(report)


@pytest.mark.parametrize(
    "narrative, match",
    [
        ("[[section]]\nid = 'x'\ntitle = 't'\ncolour = 'red'\n", r"unknown key\(s\) \['colour'\]"),
        (
            "[[section]]\nid = 'x'\ntitle = 't'\nposition = 'middle'\n",
            "position must be 'top' or 'end'",
        ),
        ("[[section]]\nid = '1x'\ntitle = 't'\n", "id must be"),
        ("[[section]]\nid = 'x'\n", "title must be a non-empty string"),
        (
            "[[section]]\nid = 'x'\ntitle = 't'\n[[section.table]]\ncsv = 'data.csv'\ncolumns = ['Q']\n",
            r"data.csv has no column\(s\) \['Q'\]",
        ),
        ("[[section]]\nid = 'x'\ntitle = 't'\n[[section.table]]\ncsv = 'none.csv'\n", "not found"),
        ("sections = 1\n", "unknown key"),
        ("[[section\n", "not valid TOML"),
    ],
)
def test_narrative_errors_name_the_file_and_key(tmp_path, narrative, match):
    with pytest.raises(StudyFileError, match=match) as error:
        load_study(_study(tmp_path, narrative=narrative))
    assert "narrative" in str(error.value)


def test_without_narrative_the_options_keep_their_old_form(tmp_path):
    study = load_study(_study(tmp_path, narrative=None))
    assert study.narrative == () and "report" not in study.to_dict()
    assert set(study.input_files) == {"study", "data", "anchors"}


def test_logistic_column_of_an_anchors_file(tmp_path):
    result = run_study(load_study(_study(tmp_path)))
    assert np.allclose(result.calibrated["A"], np.array([0, 1, 3, 2, 3, 1, 0]) / 3)
    assert np.isclose(result.calibrated["Y"].max(), 0.95, atol=0.005)  # logistic by default
    (tmp_path / "anchors.csv").write_text(ANCHORS.replace(",false,", ",maybe,", 1), "utf-8")
    with pytest.raises(StudyFileError, match="logistic must be true, false or empty"):
        load_study(tmp_path / "study.toml")


def test_esa_keeps_contradictory_assumptions_out_and_lists_them(tmp_path):
    result = run_study(load_study(_study(tmp_path)))
    analysis = result.sufficiency[0]
    detail = analysis.detail("parsimonious")
    assert detail["esa"] == ["csa"]
    excluded = set(detail["excluded_rows"])
    assert excluded == {2, 3}  # both remainders are used for Y and for ~Y
    for rows in detail.get("simplifying_assumptions", {}).values():
        assert not excluded & set(rows)
    assert "Enhanced standard analysis (csa)" in render_report(result)
    path = _study(tmp_path, narrative=None)
    path.write_text(path.read_text().replace('esa = ["csa"]', 'esa = ["all"]'), "utf-8")
    with pytest.raises(StudyFileError, match=r"esa must be a list of distinct names"):
        load_study(path)


def test_ron_cut_marks_only_relevant_necessary_conditions(tmp_path):
    # B is present in every case: trivially necessary (inclN 1, low RoN)
    path = _study(tmp_path, narrative=None)
    (tmp_path / "data.csv").write_text(
        "case,A,B,Y\nc1,0,3,0\nc2,1,3,1\nc3,3,3,3\nc4,2,3,3\nc5,3,3,3\nc6,1,3,0\nc7,0,3,1\n",
        encoding="utf-8",
    )
    single = run_study(load_study(path)).necessity["Y"][0]
    assert single.loc["B", "inclN"] >= 0.9 and single.loc["B", "RoN"] < 0.6
    assert not single.loc["B", "necessary"]
    path.write_text(path.read_text().replace("ron_cut = 0.6", "ron_cut = 0.0"), "utf-8")
    single = run_study(load_study(path)).necessity["Y"][0]
    assert single.loc["B", "necessary"]
