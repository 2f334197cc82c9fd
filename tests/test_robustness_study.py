"""The [robustness] table of a study file: reading, `qca run` / `qca verify`, the report section
and `qca robustness`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qca.cli import main
from qca.exceptions import StudyFileError
from qca.study import load_study, run_study, verify
from qca.study.results import summary_lines
from qca.study.rundir import write_run

ROOT = Path(__file__).resolve().parents[1]
STUDY = """schema_version = 1
[study]
name = "tiny-robustness"
[data]
path = "cases.csv"
case_column = "case"
missing = "drop"
[calibration.A]
thresholds = "e=0;c=5;i=10"
[analysis]
outcome = "Y"
conditions = ["A", "B", "C"]
[truth_table]
incl_cut = 0.8
[[sufficiency]]
outcome = "Y"
solutions = ["parsimonious"]
"""
CASES = """case,A,B,C,Y,source
c1,9,1,0,1,x
c2,8,1,1,1,x
c3,2,0,1,0,y
c4,1,0,0,0,y
c5,7,0,1,1,z
c6,3,1,0,0,z
c7,NA,1,1,1,x
"""


def _study(folder: Path, robustness: str) -> Path:
    (folder / "cases.csv").write_text(CASES)
    path = folder / "study.toml"
    path.write_text(STUDY + robustness)
    return path


def test_robustness_table_runs_and_verifies(tmp_path):
    path = _study(
        tmp_path,
        """[robustness]
incl_cut = [0.7, 0.8, 1.0]
leave_one_out = true
leave_group_out = "source"
missing = "sweep"
cross = false
[robustness.anchors.A]
c = {from = 4, to = 6, by = 1}
[[robustness.coding]]
case = "c6"
column = "B"
values = [0, 1]
""",
    )
    study = load_study(path)
    assert study.robustness is not None and study.robustness.leave_group_out == "source"
    result = run_study(study)
    sweep = result.robustness
    assert sweep is not None
    cells = {(c["case"], c["column"]) for c in sweep.completions["cells"]}
    assert cells == {("c6", "B"), ("c7", "A")}  # c7 is back, its missing A swept
    labels = set(sweep.to_frame()["cases"])
    assert {"-c1", "-source=x"} <= labels
    document = result.to_dict()
    assert document["robustness"]["n_variants"] == sweep.n_variants
    # the command line's summary says what holds across the sweep before any single solution
    lines = summary_lines(result)
    assert lines[0].startswith(f"robustness over {sweep.n_variants} variants")
    assert lines[1] == f"  robust core: {', '.join(sweep.robust_core) or 'none'}"
    best = max(sweep.solution_frequency.items(), key=lambda item: (item[1], item[0]))
    assert f"{best[0] or 'none'} {best[1]:.1%}" in lines[2]
    assert lines.index("sufficient configurations for Y:") == 3
    folder = write_run(result, tmp_path / "run")
    report = (folder / "report.html").read_text()
    assert 'id="robustness"' in report and "Robust core" in report
    assert verify(folder).ok
    # a changed number in results.json is found by verify
    saved = json.loads((folder / "results.json").read_text())
    saved["robustness"]["term_frequency"] = {"A": 0.5}
    (folder / "results.json").write_text(json.dumps(saved))
    assert not verify(folder).ok


def test_robustness_table_errors_name_the_key(tmp_path):
    path = _study(tmp_path, "[robustness]\nleave_one_ou = true\n")
    with pytest.raises(StudyFileError, match=r"\[robustness\]\.leave_one_ou"):
        load_study(path)
    path = _study(tmp_path, "[robustness]\nincl_cut = 'high'\n")
    with pytest.raises(StudyFileError, match=r"\[robustness\]\.incl_cut"):
        load_study(path)
    path = _study(tmp_path, "[robustness]\nschema_version = 2\n")
    with pytest.raises(StudyFileError, match="schema_version"):
        load_study(path)


def test_cli_robustness(tmp_path, capsys):
    assert load_study(ROOT / "docs" / "examples" / "lipset-robustness.toml").robustness is not None
    path = _study(tmp_path, "[robustness]\nincl_cut = [0.7, 0.8]\nleave_one_out = true\n")
    assert main(["robustness", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "qca.robustness"
    assert document["n_variants"] == 2 * 7
    assert main(["robustness", str(path)]) == 0
    assert "Robustness of" in capsys.readouterr().out
    path = _study(tmp_path, "")
    assert main(["robustness", str(path)]) == 2
    assert "no [robustness] table" in capsys.readouterr().err
