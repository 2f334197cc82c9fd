"""Hostile and careless input to every public function: a QCAError naming the argument and the
value (plain Python repr), never a traceback from deep inside, never silent acceptance."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca._validation import shown
from qca.exceptions import QCAError


@pytest.fixture(scope="module")
def lf() -> pd.DataFrame:
    return qca.datasets.load("LF")


@pytest.fixture(scope="module")
def tt(lf: pd.DataFrame) -> qca.TruthTable:
    return qca.truth_table(lf, "SURV", incl_cut=0.8)


def test_shown_is_plain_python() -> None:
    assert shown(np.float64(np.inf)) == "inf"
    assert shown(np.int64(7)) == "7"
    assert shown(1.0000000001) == "1.0000000001"
    assert shown([np.float64(0.5), "x"]) == "[0.5, 'x']"
    assert shown((np.int32(1),)) == "(1,)"


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"include": 5}, r"`include` must be a string .*; got 5\."),
        ({"include": ["?", 1]}, r"`include` must be a string .*; got \['\?', 1\]\."),
        ({"include": "?", "dir_exp": 5}, r"`dir_exp` must be a string .*; got 5\."),
        ({"include": "?", "dir_exp": [1, 2]}, r"`dir_exp` must be .*; got \[1, 2\]\."),
        ({"include": "?", "exclude": [1.5]}, r"`exclude` .*1\.5 is not an integer"),
        ({"include": "?", "exclude": [2.0]}, r"`exclude` .*2\.0 is not an integer"),
        ({"include": "?", "exclude": [True]}, r"`exclude` .*True is not an integer"),
        (
            {"include": "?", "exclude": 3},
            r"`exclude` must be truth-table row ids or an expression; got 3\.",
        ),
        ({"row_dom": "no"}, r"`row_dom` must be True or False; got 'no'"),
        ({"all_sol": 1}, r"`all_sol` must be True or False; got 1"),
        ({"first_min": "False"}, r"`first_min` must be True or False; got 'False'"),
        ({"pi_cons": True}, r"`pi_cons` must be a number in \[0, 1\]; got True"),
        ({"sol_cons": np.float64(np.nan)}, r"`sol_cons` .*; got nan"),
        ({"max_models": np.float64(3)}, r"`max_models` must be a positive integer; got 3\.0"),
    ],
)
def test_minimize_arguments(tt: qca.TruthTable, options: dict, match: str) -> None:
    with pytest.raises(QCAError, match=match):
        qca.minimize(tt, **options)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"incl_cut": True}, r"`incl_cut` .*; got True\."),
        ({"incl_cut": (1, False)}, r"`incl_cut` .*; got \(1, False\)\."),
        ({"incl_cut": 1.0000000001}, r"`incl_cut` .*; got 1\.0000000001\."),
        ({"incl_cut": np.float64(np.inf)}, r"`incl_cut` .*; got inf\."),
        ({"incl_cut": float("nan")}, r"`incl_cut` .*; got nan\."),
        ({"pri_cut": True}, r"`pri_cut` must be a number in \[0, 1\]; got True"),
        ({"pri_cut": "0.5"}, r"`pri_cut` must be a number in \[0, 1\]; got '0.5'"),
        ({"n_cut": np.float64(np.inf)}, r"`n_cut` must be an integer >= 1; got inf"),
        ({"complete": "no"}, r"`complete` must be True or False; got 'no'"),
        ({"dcc": 1}, r"`dcc` must be True or False; got 1"),
        ({"show_cases": None}, r"`show_cases` must be True or False; got None"),
    ],
)
def test_truth_table_arguments(lf: pd.DataFrame, options: dict, match: str) -> None:
    with pytest.raises(QCAError, match=match):
        qca.truth_table(lf, "SURV", **options)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"incl_cut": True}, r"`incl_cut` must be a number in \[0, 1\]; got True"),
        ({"cov_cut": "0.5"}, r"`cov_cut` must be a number in \[0, 1\]; got '0.5'"),
        ({"ron_cut": np.float64(1.5)}, r"`ron_cut` .*; got 1\.5\."),
    ],
)
def test_necessity_arguments(lf: pd.DataFrame, options: dict, match: str) -> None:
    with pytest.raises(QCAError, match=match):
        qca.necessity(lf, "SURV", **options)


def test_values_outside_the_unit_interval_are_shown_whole(lf: pd.DataFrame) -> None:
    data = lf.astype(float)
    data.loc["AU", "DEV"] = 1.0000000001
    with pytest.raises(QCAError, match=r"outside \[0, 1\]: 1\.0000000001 \(case 'AU'\)"):
        qca.truth_table(data, "SURV")
    data.loc["AU", "DEV"] = np.inf
    with pytest.raises(QCAError, match=r"non-finite value inf \(case 'AU'\)"):
        qca.truth_table(data, "SURV")


def test_duplicate_case_names_are_refused_everywhere(lf: pd.DataFrame, tt) -> None:
    data = lf.set_axis(["AU", *lf.index[1:-1], "AU"], axis=0)
    match = r"case names \(the index of `data`\) must be unique; duplicated: \['AU'\]"
    with pytest.raises(QCAError, match=match):
        qca.truth_table(data, "SURV")
    with pytest.raises(QCAError, match=match):
        qca.necessity(data, "SURV")
    with pytest.raises(QCAError, match=match):
        qca.fit("DEV", data, "SURV")
    with pytest.raises(QCAError, match=match):
        qca.fit(["DEV", "URB"], data, "SURV")
    with pytest.raises(QCAError, match=match):
        qca.model_fit("DEV*URB", "DEV", data, "SURV")


@pytest.mark.parametrize(
    "argv",
    [
        ["minimize", "{csv}", "--outcome", "SURV", "--include", "5"],
        ["minimize", "{csv}", "--outcome", "SURV", "--include", "?", "--dir-exp", "(((A"],
        ["minimize", "{csv}", "--outcome", "SURV", "--incl-cut", "nan"],
        ["minimize", "{csv}", "--outcome", "SURV", "--max-models", "0"],
        ["truthtable", "{csv}", "--outcome", "S U R V"],
        ["truthtable", "{csv}", "--outcome", "SURV", "--n-cut", "0"],
        ["necessity", "{csv}", "--outcome", "SURV", "--depth", "0"],
        ["fit", "(" * 400 + "DEV" + ")" * 400, "{csv}", "--outcome", "SURV"],
        ["fit", "~" * 1000 + "(", "{csv}", "--outcome", "SURV"],
        ["truthtable", "{missing}", "--outcome", "SURV"],
        ["verify", "{csv}"],
    ],
)
def test_cli_hostile_input_exits_2_without_traceback(
    argv: list[str], tmp_path: Path, lf: pd.DataFrame
) -> None:
    csv = tmp_path / "lf.csv"
    lf.to_csv(csv)
    argv = [
        a.replace("{csv}", str(csv)).replace("{missing}", str(tmp_path / "no.csv")) for a in argv
    ]
    done = subprocess.run(
        [sys.executable, "-m", "qca", *argv], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "error" in done.stderr
    assert done.stdout == ""


def test_flags_of_other_functions(lf: pd.DataFrame, tt) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(QCAError, match=r"`logistic` must be True or False; got 'yes'"):
            qca.calibrate(lf["DEV"].astype(float), thresholds=[0.2, 0.5, 0.8], logistic="yes")
        with pytest.raises(QCAError, match=r"`observed` must be True or False; got 'no'"):
            qca.find_rows(tt, type="csa", observed="no")


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("case,A,A,Y\np,1,0,1\nq,0,1,0\n", r"column name\(s\) \['A'\] appear more than once"),
        ("case;A;Y\np;0,5;1\nq;1;0\n", r"separated by semicolons.*sep=';', decimal=','"),
        ('case,A,Y\np,"0,5",1\nq,1,0\n', r"non-numeric value '0,5' .*a decimal comma\?"),
    ],
    ids=["duplicate-header", "semicolons", "decimal-comma"],
)
def test_csv_files_pandas_would_misread(tmp_path: Path, text: str, match: str, capsys) -> None:
    from qca.cli import main

    path = tmp_path / "data.csv"
    path.write_text(text)
    assert main(["truthtable", str(path), "--outcome", "Y"]) == 2
    err = capsys.readouterr().err
    import re

    assert re.search(match, err), err


def test_study_data_pandas_would_misread(tmp_path: Path) -> None:
    from qca.study import load_study, run_study

    study = tmp_path / "s.toml"
    study.write_text(
        'schema_version = 1\n[study]\nname = "s"\n[data]\npath = "d.csv"\ncase_column = "case"\n'
        '[analysis]\noutcome = "Y"\nconditions = ["A", "B"]\n'
        '[[sufficiency]]\noutcome = "Y"\nsolutions = ["conservative"]\n'
    )
    (tmp_path / "d.csv").write_text("case,A,B,A,Y\np,1,0,1,1\nq,0,1,0,0\n")
    with pytest.raises(QCAError, match=r"\['A'\] appear more than once"):
        run_study(load_study(study))
    (tmp_path / "d.csv").write_text("case;A;B;Y\np;1;0;1\n")
    with pytest.raises(QCAError, match="semicolons"):
        run_study(load_study(study))


def test_a_typo_in_a_crisp_column_warns() -> None:
    from qca.exceptions import LevelGapWarning

    data = qca.datasets.load("LC")
    data.loc["AU", "DEV"] = 7
    match = r"condition 'DEV' .*levels 0\.\.7 .*value 7 \(case 'AU'\).*2, 3, 4, 5, 6"
    with pytest.warns(LevelGapWarning, match=match):
        tt = qca.truth_table(data, "SURV")
    assert tt.noflevels[0] == 8  # as R reads it; the warning says why
    with pytest.warns(LevelGapWarning, match="condition 'DEV'"):
        qca.necessity(data, "SURV")
    # a real multi-value condition with every level used does not warn
    data.loc[:, "DEV"] = [0, 1, 3] * 6  # one unused level (2) can be real
    with warnings.catch_warnings():
        warnings.simplefilter("error", LevelGapWarning)
        qca.truth_table(data, "SURV")
