"""qca.study: study-file schema (every error message), data and calibration, run, verify."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from qca.exceptions import QCAError, StudyFileError
from qca.study import compare_results, load_study, parse_thresholds

CASES = """case,DEV,URB,SURV
AU,720,33.4,-9
BE,1098,60.5,10
CZ,586,69,7
EE,468,28.5,-6
FI,590,22,4
GR,390,31.1,-8
"""

BASE = {
    "top": "schema_version = 1",
    "study": '[study]\nname = "tiny"\ntitle = "A tiny study"',
    "data": '[data]\npath = "cases.csv"\ncase_column = "case"',
    "calibration": textwrap.dedent("""\
        [calibration.DEV]
        type = "fuzzy"
        method = "direct"
        thresholds = "e=350;c=550;i=850"
        reason = "development"
        [calibration.URB]
        thresholds = {e = 10, c = 50, i = 80}
        [calibration.SURV]
        thresholds = "e=-9;c=0.5;i=9"
        """),
    "analysis": '[analysis]\noutcome = "SURV"\nconditions = ["DEV", "URB"]',
    "truth_table": "[truth_table]\nincl_cut = 0.8\nn_cut = 1\npri_cut = 0.0",
    "necessity": "[necessity]\nincl_cut = 0.9",
    "sufficiency": textwrap.dedent("""\
        [[sufficiency]]
        outcome = "SURV"
        solutions = ["conservative", "parsimonious", "intermediate"]
        dir_exp = ["DEV", "URB"]
        """),
}


def write_study(folder: Path, name: str = "study.toml", **replace: str | None) -> Path:
    (folder / "cases.csv").write_text(CASES)
    parts = {**BASE, **replace}
    path = folder / name
    path.write_text("\n".join(v for v in parts.values() if v is not None) + "\n")
    return path


# ------------------------------------------------------------------------- schema: happy path


def test_load_study_normalises_everything(tmp_path):
    study = load_study(write_study(tmp_path))
    assert study.name == "tiny" and study.title == "A tiny study"
    assert study.data_path == (tmp_path / "cases.csv").resolve()
    assert study.conditions == ("DEV", "URB") and study.outcome == "SURV"
    assert (study.incl_cut, study.n_cut, study.pri_cut) == ((0.8,), 1, 0.0)
    assert study.necessity and study.necessity_incl_cut == 0.9
    dev, urb, surv = study.calibration
    assert (
        dev.thresholds == (("e", 350.0), ("c", 550.0), ("i", 850.0)) and dev.reason == "development"
    )
    assert (
        urb.type == "fuzzy" and urb.method == "direct" and urb.thresholds_text() == "e=10;c=50;i=80"
    )
    assert surv.thresholds_text() == "e=-9;c=0.5;i=9"
    (suff,) = study.sufficiency
    assert suff.solutions == ("conservative", "parsimonious", "intermediate")
    assert suff.dir_exp == ("DEV", "URB")
    options = study.to_dict()
    assert options["data"]["path"] == "cases.csv" and options["truth_table"]["incl_cut"] == [0.8]
    json.dumps(options)  # plain data


def test_defaults_when_optional_tables_are_absent(tmp_path):
    study = load_study(
        write_study(tmp_path, truth_table=None, necessity=None, sufficiency=None, calibration=None)
    )
    assert (study.incl_cut, study.n_cut, study.pri_cut) == ((1.0,), 1, 0.0)
    assert study.necessity and study.sufficiency == () and study.calibration == ()
    assert study.missing == "error" and study.anchors_path is None


def test_two_inclusion_cuts_and_negated_outcome(tmp_path):
    study = load_study(
        write_study(
            tmp_path,
            truth_table="[truth_table]\nincl_cut = [0.9, 0.7]",
            sufficiency='[[sufficiency]]\noutcome = "~SURV"\nsolutions = ["parsimonious"]',
        )
    )
    assert study.incl_cut == (0.9, 0.7)
    assert study.sufficiency[0].outcome == "~SURV" and study.sufficiency[0].dir_exp == ()


def test_anchors_file(tmp_path):
    (tmp_path / "anchors.csv").write_text(
        "variable,type,method,thresholds,reason\n"
        'DEV,fuzzy,direct,"e=350;c=550;i=850","GNP, per capita"\n'
        "URB,crisp,direct,50,majority urban\n"
    )
    study = load_study(write_study(tmp_path, calibration='[calibration]\nanchors = "anchors.csv"'))
    dev, urb = study.calibration
    assert dev.reason == "GNP, per capita" and dev.source == "anchors.csv"
    assert urb.type == "crisp" and urb.thresholds == (("", 50.0),)
    assert study.input_files["anchors"] == (tmp_path / "anchors.csv").resolve()


def test_parse_thresholds():
    assert parse_thresholds("e=0.5;c=1.5;i=2.5") == (("e", 0.5), ("c", 1.5), ("i", 2.5))
    assert parse_thresholds(" 1.5 ; 2.5; ") == (("", 1.5), ("", 2.5))
    assert parse_thresholds("") == ()
    for bad, match in [
        ("e=x", "bad threshold value 'x'"),
        ("e=1;2", "name every threshold or none"),
        ("e=1;e=2", "name repeats"),
        ("1e=2", "bad threshold name"),
        ("e=inf", "not finite"),
    ]:
        with pytest.raises(ValueError, match=match):
            parse_thresholds(bad)


# ------------------------------------------------------------------------- schema: every error

ERRORS = [
    # (replacements, expected message)
    (
        {"truth_table": '[truth_table]\nincl_cut = "high"'},
        r"study file study.toml: \[truth_table\].incl_cut must be a number in \[0, 1\] \(or two numbers "
        r"\[ic1, ic0\] with ic0 <= ic1\); got 'high'",
    ),
    (
        {"truth_table": "[truth_table]\nincl_cut = [0.7, 0.9]"},
        r"\[truth_table\].incl_cut must be .*got \[0.7, 0.9\]",
    ),
    (
        {"truth_table": "[truth_table]\nincl_cut = 1.2"},
        r"\[truth_table\].incl_cut must be a number in \[0, 1\].*got 1.2",
    ),
    (
        {"truth_table": "[truth_table]\nn_cut = 0"},
        r"\[truth_table\].n_cut must be an integer >= 1; got 0",
    ),
    (
        {"truth_table": "[truth_table]\nn_cut = 1.5"},
        r"\[truth_table\].n_cut must be an integer >= 1; got 1.5",
    ),
    (
        {"truth_table": "[truth_table]\npri_cut = true"},
        r"\[truth_table\].pri_cut must be a number in \[0, 1\]; got true",
    ),
    (
        {"truth_table": "[truth_table]\nincl_ct = 0.8"},
        r"unknown key \[truth_table\].incl_ct; expected one of incl_cut, n_cut, pri_cut",
    ),
    (
        {"top": "schema_version = 1\ntruth_table = 3", "truth_table": None},
        r"\[truth_table\] must be a table; got 3",
    ),
    (
        {"top": "schema_version = 2"},
        r"schema_version must be 1 \(the version this qca reads\); got 2",
    ),
    ({"top": 'schema_version = "1"'}, r"schema_version must be an integer; got '1'"),
    ({"top": None}, r"missing key schema_version \(an integer; this qca reads version 1\)"),
    ({"top": "schema_version = 1\nextra = 1"}, r"unknown key \(top level\).extra"),
    ({"study": None}, r"study file study.toml: missing table \[study\]"),
    ({"study": "[study]\ntitle = 'x'"}, r"missing key \[study\].name \(a string\)"),
    (
        {"study": "[study]\nname = 'a b'"},
        r"\[study\].name must be letters, digits, '_', '-' or '.' .*; got 'a b'",
    ),
    ({"study": "[study]\nname = 3"}, r"\[study\].name must be a non-empty string; got 3"),
    ({"data": '[data]\npath = "nope.csv"'}, r"\[data\].path 'nope.csv' does not name a file"),
    (
        {"data": '[data]\npath = "cases.csv"\nmissing = "skip"'},
        r"\[data\].missing must be one of 'error', 'drop'; got 'skip'",
    ),
    ({"data": "[data]\ncase_column = 'case'"}, r"missing key \[data\].path \(a string\)"),
    (
        {"analysis": '[analysis]\noutcome = "SURV"'},
        r"missing key \[analysis\].conditions \(a list of column names\)",
    ),
    (
        {"analysis": '[analysis]\noutcome = "SURV"\nconditions = "DEV"'},
        r"\[analysis\].conditions must be a non-empty list of strings; got 'DEV'",
    ),
    (
        {"analysis": '[analysis]\noutcome = "SURV"\nconditions = ["DEV", "DEV"]'},
        r"\[analysis\].conditions must not repeat a name; got \['DEV'\]",
    ),
    (
        {"analysis": '[analysis]\noutcome = "~SURV"\nconditions = ["DEV"]'},
        r"\[analysis\].outcome must be a column name .*; got '~SURV'",
    ),
    (
        {"analysis": '[analysis]\noutcome = "SURV"\nconditions = ["DEV", "SURV"]'},
        r"\[analysis\].conditions must not include the outcome 'SURV'",
    ),
    (
        {"analysis": '[analysis]\noutcome = "SURV"\nconditions = ["D EV"]'},
        r"\[analysis\].conditions must hold column names .*; got 'D EV'",
    ),
    (
        {"necessity": "[necessity]\nenabled = 1"},
        r"\[necessity\].enabled must be true or false; got 1",
    ),
    (
        {"sufficiency": '[[sufficiency]]\noutcome = "Y"'},
        r"\[\[sufficiency\]\]\[1\].outcome must be 'SURV' or '~SURV' .*; got 'Y'",
    ),
    (
        {"sufficiency": '[[sufficiency]]\noutcome = "SURV"\nsolutions = ["complex"]'},
        r"\[\[sufficiency\]\]\[1\].solutions must be a list of distinct names from 'conservative', "
        r"'parsimonious', 'intermediate'; got \['complex'\]",
    ),
    (
        {"sufficiency": '[[sufficiency]]\nsolutions = ["intermediate"]'},
        r"missing key \[\[sufficiency\]\]\[1\].dir_exp \(a list of column names\)",
    ),
    (
        {"sufficiency": '[[sufficiency]]\nsolutions = ["intermediate"]\ndir_exp = ["LIT"]'},
        r"\[\[sufficiency\]\]\[1\].dir_exp must hold expectations over the conditions \(DEV, URB\).*; got 'LIT'",
    ),
    (
        {
            "sufficiency": '[[sufficiency]]\nsolutions = ["parsimonious"]\n[[sufficiency]]\nsolutions = ["conservative"]'
        },
        r"\[\[sufficiency\]\]\[2\].outcome must not repeat an earlier \[\[sufficiency\]\] outcome; got 'SURV'",
    ),
    (
        {"sufficiency": '[[sufficiency]]\nrow_dom = "yes"\nsolutions = ["parsimonious"]'},
        r"\[\[sufficiency\]\]\[1\].row_dom must be true or false; got 'yes'",
    ),
    (
        {"top": "schema_version = 1\nsufficiency = 3", "sufficiency": None},
        r"\[\[sufficiency\]\] must be an array of tables",
    ),
    (
        {"calibration": '[calibration.DEV]\nthresholds = "e=1;c=2"'},
        r"\[calibration.DEV\].thresholds must name three anchors 'e=..;c=..;i=..' .*; got 'e=1;c=2'",
    ),
    (
        {"calibration": '[calibration.DEV]\nthresholds = "e=1;c=3;i=2"'},
        r"\[calibration.DEV\].thresholds must be monotonic .*; got 'e=1;c=3;i=2'",
    ),
    (
        {"calibration": "[calibration.DEV]\nthresholds = true"},
        r"\[calibration.DEV\].thresholds must be a string such as \"e=0.5;c=1.5;i=2.5\".*; got true",
    ),
    (
        {"calibration": '[calibration.DEV]\ntype = "fuzy"\nthresholds = "e=1;c=2;i=3"'},
        r"\[calibration.DEV\].type must be one of 'fuzzy', 'crisp'; got 'fuzy'",
    ),
    (
        {"calibration": '[calibration.DEV]\ntype = "crisp"\nmethod = "indirect"\nthresholds = 500'},
        r"\[calibration.DEV\].method must be one of 'direct' for type 'crisp'; got 'indirect'",
    ),
    (
        {"calibration": '[calibration.DEV]\ntype = "crisp"\nthresholds = "t=500"'},
        r"\[calibration.DEV\].thresholds must be plain numbers for a crisp calibration",
    ),
    (
        {"calibration": '[calibration.DEV]\ntype = "crisp"\nthresholds = [600, 500]'},
        r"\[calibration.DEV\].thresholds must increase for a crisp calibration; got '600;500'",
    ),
    (
        {"calibration": '[calibration.DEV]\nmethod = "TFR"\nthresholds = 3'},
        r"\[calibration.DEV\].thresholds must be empty for method 'TFR'; got '3'",
    ),
    (
        {"calibration": '[calibration.DEV]\ntype = "fuzzy"'},
        r"missing key \[calibration.DEV\].thresholds \(a string such as \"e=0.5;c=1.5;i=2.5\"\)",
    ),
    (
        {"calibration": '[calibration.DEV]\nthresholds = "e=1;c=2;i=3"\nlogistic = "no"'},
        r"\[calibration.DEV\].logistic must be true or false; got 'no'",
    ),
    (
        {"calibration": '[calibration.DEV]\nthresholds = "e=1;c=2;i=3"\nidm = 2'},
        r"\[calibration.DEV\].idm must be a number in \[0.5, 1\]; got 2",
    ),
    (
        {"calibration": '[calibration.DEV]\nthresholds = "e=1;c=2;i=3"\nreason = 5'},
        r"\[calibration.DEV\].reason must be a string; got 5",
    ),
    (
        {"calibration": '[calibration.DEV]\nthreshold = "e=1;c=2;i=3"'},
        r"unknown key \[calibration.DEV\].threshold; expected one of type, method, thresholds",
    ),
    ({"calibration": "[calibration]\nDEV = 3\n"}, r"\[calibration\].DEV must be a table .*; got 3"),
    (
        {"calibration": "[calibration]\nanchors = 3"},
        r"\[calibration\].anchors must be a string .*; got 3",
    ),
    (
        {"calibration": '[calibration]\nanchors = "none.csv"'},
        r"\[calibration\].anchors 'none.csv' does not name a file",
    ),
]


@pytest.mark.parametrize(("replace", "match"), ERRORS, ids=[m[:40] for _, m in ERRORS])
def test_study_file_errors_name_key_and_expected_type(tmp_path, replace, match):
    with pytest.raises(StudyFileError, match=match):
        load_study(write_study(tmp_path, **replace))


def test_file_level_errors(tmp_path):
    with pytest.raises(StudyFileError, match=r"study file .*missing.toml not found"):
        load_study(tmp_path / "missing.toml")
    with pytest.raises(StudyFileError, match=r"is a folder, not a TOML file"):
        load_study(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = = 1\n")
    with pytest.raises(StudyFileError, match=r"study file bad.toml: not valid TOML: .*line 1"):
        load_study(bad)
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(StudyFileError, match=r"study file bad.toml: not UTF-8 text"):
        load_study(bad)


ANCHOR_ERRORS = [
    (
        "variable,type,method,thresholds\nDEV,fuzzy,direct,e=1;c=2;i=3\n",
        r"anchors file anchors.csv: missing column\(s\) reason; expected the columns "
        r"variable,type,method,thresholds,reason",
    ),
    (
        "variable,type,method,thresholds,reason\nDEV,fuzzy,direct,e=1;c=x;i=3,r\n",
        r"anchors file anchors.csv, line 2 \(variable 'DEV'\): thresholds must be written like "
        r"'e=0.5;c=1.5;i=2.5' \(bad threshold value 'x' in 'e=1;c=x;i=3'\); got 'e=1;c=x;i=3'",
    ),
    (
        "variable,type,method,thresholds,reason\nDEV,fuzzy,direct,e=1;c=2;i=3,r\nDEV,fuzzy,direct,e=1;c=2;i=3,r\n",
        r"anchors file anchors.csv, line 3: variable 'DEV' is listed twice",
    ),
    (
        "variable,type,method,thresholds,reason\n,fuzzy,direct,e=1;c=2;i=3,r\n",
        r"anchors file anchors.csv, line 2: empty variable name",
    ),
    (
        "variable,type,method,thresholds,reason\nDEV,fuzz,direct,e=1;c=2;i=3,r\n",
        r"anchors file anchors.csv, line 2 \(variable 'DEV'\): type must be one of 'fuzzy', 'crisp'; got 'fuzz'",
    ),
    (
        "variable,type,method,thresholds,reason\nDEV,fuzzy,direct,e=1;c=2,r\n",
        r"line 2 \(variable 'DEV'\): thresholds must name three anchors",
    ),
]


@pytest.mark.parametrize(("text", "match"), ANCHOR_ERRORS)
def test_anchors_file_errors(tmp_path, text, match):
    (tmp_path / "anchors.csv").write_text(text)
    with pytest.raises(StudyFileError, match=match):
        load_study(write_study(tmp_path, calibration='[calibration]\nanchors = "anchors.csv"'))


def test_variable_both_in_anchors_and_inline_is_refused(tmp_path):
    (tmp_path / "anchors.csv").write_text(
        "variable,type,method,thresholds,reason\nDEV,fuzzy,direct,e=1;c=2;i=3,r\n"
    )
    calibration = (
        '[calibration]\nanchors = "anchors.csv"\n[calibration.DEV]\nthresholds = "e=1;c=2;i=3"'
    )
    with pytest.raises(
        StudyFileError,
        match=r"\[calibration.DEV\] repeats variable 'DEV', already "
        r"calibrated in anchors.csv; keep one",
    ):
        load_study(write_study(tmp_path, calibration=calibration))


# ------------------------------------------------------------------------- comparing results


def test_compare_results_tolerance_and_readable_messages():
    old = {
        "sufficiency": {
            "SURV": {
                "solutions": {
                    "parsimonious": {
                        "models": [{"name": "M1", "expression": "DEV*STB", "fit": {"inclS": 0.8}}]
                    }
                }
            }
        },
        "data": {"raw": {"DEV": [1.0, 2.0]}},
    }
    same = json.loads(json.dumps(old))
    same["data"]["raw"]["DEV"][0] += 5e-10
    assert compare_results(old, same) == []
    new = json.loads(json.dumps(old))
    new["sufficiency"]["SURV"]["solutions"]["parsimonious"]["models"][0]["expression"] = "DEV*~STB"
    new["data"]["raw"]["DEV"][1] = 2.5
    messages = compare_results(old, new)
    assert messages == [
        "models of sufficiency/SURV/parsimonious differ: M1 'DEV*STB' -> 'DEV*~STB'",
        "data/raw differs: DEV/[1] 2.0 -> 2.5",
    ]
    fewer = json.loads(json.dumps(old))
    fewer["sufficiency"]["SURV"]["solutions"]["parsimonious"]["models"] = []
    assert compare_results(old, fewer) == [
        "models of sufficiency/SURV/parsimonious differ: M1 'DEV*STB' -> <absent>"
    ]


# ------------------------------------------------------------------------- running and verifying

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def lipset_copy(tmp_path):
    """A temp copy of the Lipset example study and its data (the study file points at the copy)."""
    text = (REPO / "docs" / "examples" / "lipset.toml").read_text()
    text = text.replace('path = "../../data/rqca/LR.csv"', 'path = "LR.csv"')
    (tmp_path / "LR.csv").write_bytes((REPO / "data" / "rqca" / "LR.csv").read_bytes())
    study = tmp_path / "lipset.toml"
    study.write_text(text)
    return study


def test_run_writes_report_results_manifest_and_verify_passes(lipset_copy, tmp_path):
    from qca.study import run, verify

    _result, out = run(lipset_copy, tmp_path / "run")
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "report.html", "results.json"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["versions"]) == {"qca", "python", "numpy", "pandas", "scipy"}
    assert set(manifest["inputs"]) == {"study", "data"}
    import hashlib

    assert (
        manifest["inputs"]["data"]["sha256"]
        == hashlib.sha256((tmp_path / "LR.csv").read_bytes()).hexdigest()
    )
    assert manifest["options"]["truth_table"] == {"incl_cut": [0.8], "n_cut": 1, "pri_cut": 0.0}
    results = json.loads((out / "results.json").read_text())
    parsimonious = results["sufficiency"]["SURV"]["solutions"]["parsimonious"]["models"]
    assert [m["expression"] for m in parsimonious] == ["DEV*~IND + URB*STB"]
    assert set(results["sufficiency"]) == {"SURV", "~SURV"}
    report = verify(out)
    assert report.ok and report.differences == ()
    assert "identical" in str(report)


def test_verify_names_changed_data_and_differing_models(lipset_copy, tmp_path):
    from qca.cli import main
    from qca.study import run, verify

    _, out = run(lipset_copy, tmp_path / "run")
    data = tmp_path / "LR.csv"
    # Germany's democracy survives (-9 -> 9): the solutions change
    data.write_text(
        data.read_text().replace('"DE",795,56.5,98,40.4,11,-9', '"DE",795,56.5,98,40.4,11,9')
    )
    report = verify(out)
    assert not report.ok
    text = str(report)
    assert "LR.csv changed (sha256 " in text
    assert "data/raw differs: SURV/[6] -9.0 -> 9.0" in text
    assert (
        "models of sufficiency/SURV/parsimonious differ: M1 'DEV*~IND + URB*STB' -> "
        "'URB + DEV*~IND'" in text
    )
    assert (
        "models of sufficiency/~SURV/parsimonious differ: M1 '~DEV + ~STB' -> "
        "'~DEV + ~URB*~STB'" in text
    )
    assert main(["verify", str(out)]) == 1


def test_run_is_deterministic_byte_for_byte(lipset_copy, tmp_path):
    from qca.study import run

    _, first = run(lipset_copy, tmp_path / "a")
    _, second = run(lipset_copy, tmp_path / "b")
    for name in ("report.html", "results.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_models_carry_typical_and_deviant_cases(lipset_copy):
    from qca.study import load_study, run_study

    result = run_study(load_study(lipset_copy))
    (surv, not_surv) = result.sufficiency
    y = surv.truth_table.memberships["SURV"]
    for model in surv.models + not_surv.models:
        outcome = (surv if model in surv.models else not_surv).truth_table
        y = outcome.memberships[outcome.outcome]
        for term in model.terms:
            assert set(term.typical) | set(term.deviant) <= set(term.cases)
            assert all(y[c] > 0.5 for c in term.typical) and all(y[c] < 0.5 for c in term.deviant)
        assert all(y[c] > 0.5 and model.membership[c] < 0.5 for c in model.uncovered)
    (model,) = surv.models_of("parsimonious")
    assert model.expression == "DEV*~IND + URB*STB"
    assert [term.cases for term in model.terms] == [("FI", "IE"), ("BE", "CZ", "NL", "UK")]
    assert result.warnings == ()


def test_progress_only_on_a_terminal(lipset_copy):
    import io

    from qca.study import load_study, run_study

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    quiet, loud = io.StringIO(), Terminal()
    run_study(load_study(lipset_copy), progress=quiet)
    run_study(load_study(lipset_copy), progress=loud)
    assert quiet.getvalue() == ""
    assert "[1/" in loud.getvalue() and "parsimonious solution for ~SURV" in loud.getvalue()


def test_missing_values_policy(tmp_path):
    from qca.study import run_study

    (tmp_path / "x.csv").write_text(CASES)
    text = CASES.replace("EE,468,28.5,-6", "EE,468,,-6")
    path = write_study(tmp_path)
    (tmp_path / "cases.csv").write_text(text)
    with pytest.raises(
        QCAError,
        match=r"data file cases.csv: column 'URB' has missing values \(case 'EE'\); "
        r"set \[data\].missing = \"drop\" in study.toml",
    ):
        run_study(load_study(path))
    path = write_study(
        tmp_path, data='[data]\npath = "cases.csv"\ncase_column = "case"\nmissing = "drop"'
    )
    (tmp_path / "cases.csv").write_text(text)
    result = run_study(load_study(path))
    assert result.dropped == (("EE", ("URB",)),)
    assert "EE" not in result.calibrated.index
    assert (
        result.warnings[0]
        == '1 case(s) left out for missing values ([data].missing = "drop"): EE (URB)'
    )


@pytest.mark.parametrize(
    ("csv", "replace", "error", "match"),
    [
        (
            CASES.replace("GR,390", "AU,390"),
            {},
            QCAError,
            r"case names repeat in column 'case': \['AU'\]",
        ),
        (
            CASES.replace("GR,390", "GR,lots"),
            {},
            QCAError,
            r"column 'DEV' has a non-numeric value 'lots' \(case 'GR'\); expected numbers",
        ),
        (
            CASES,
            {"data": '[data]\npath = "cases.csv"\ncase_column = "name"'},
            StudyFileError,
            r"\[data\].case_column 'name' is not a column of cases.csv",
        ),
        (
            CASES,
            {
                "analysis": '[analysis]\noutcome = "SURV"\nconditions = ["DEV", "LIT"]',
                "sufficiency": None,
            },
            StudyFileError,
            r"\[analysis\] names column\(s\) \['LIT'\] that cases.csv does not have",
        ),
        (
            CASES,
            {
                "calibration": '[calibration.DEV]\nthresholds = "e=350;c=550;i=850"\n'
                '[calibration.SURV]\nthresholds = "e=-9;c=0.5;i=9"'
            },
            StudyFileError,
            r"column 'URB' is not calibrated and is not a set membership in \[0, 1\]: 33.4 \(case 'AU'\); "
            r"add a \[calibration.URB\] table",
        ),
        (
            CASES,
            {"calibration": BASE["calibration"] + '[calibration.LIT]\nthresholds = "e=1;c=2;i=3"'},
            StudyFileError,
            r"calibration given for \['LIT'\], which is neither the outcome nor a condition",
        ),
        (
            CASES,
            {
                "calibration": BASE["calibration"].replace(
                    'thresholds = "e=-9;c=0.5;i=9"', 'type = "crisp"\nthresholds = 100'
                )
            },
            QCAError,
            r"calibrating 'SURV' \(study.toml\): calibrate\(\): .*100",
        ),
        ("case,DEV,URB,SURV\n", {}, QCAError, r"data file cases.csv: has no cases \(rows\)"),
    ],
)
def test_data_errors(tmp_path, csv, replace, error, match):
    from qca.study import run_study

    path = write_study(tmp_path, **replace)
    (tmp_path / "cases.csv").write_text(csv)
    with pytest.raises(error, match=match):
        run_study(load_study(path))


def test_a_solution_that_cannot_be_found_is_noted_not_fatal(tmp_path):
    from qca.study import run_study

    path = write_study(tmp_path, truth_table="[truth_table]\nincl_cut = 0.0")
    result = run_study(load_study(path))
    (analysis,) = result.sufficiency
    assert analysis.models_of("parsimonious") == ()
    assert "All truth table configurations are used" in analysis.note("parsimonious")
    assert analysis.models_of("conservative")


def test_verify_refuses_a_folder_that_is_not_a_run(tmp_path):
    from qca.cli import main
    from qca.study import verify

    with pytest.raises(QCAError, match=r"is not a run folder: manifest.json is missing"):
        verify(tmp_path)
    assert main(["verify", str(tmp_path)]) == 2


def test_cli_run_prints_report_path_and_models(lipset_copy, tmp_path, capsys):
    from qca.cli import main

    assert main(["run", str(lipset_copy), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    assert "report: " in printed.out and "report.html" in printed.out
    assert "parsimonious  M1: DEV*~IND + URB*STB" in printed.out
    assert printed.err == ""  # no progress noise when stderr is not a terminal


def test_cli_run_study_file_error_exit_status_2(tmp_path, capsys):
    from qca.cli import main

    path = write_study(tmp_path, truth_table='[truth_table]\nincl_cut = "high"')
    assert main(["run", str(path)]) == 2
    assert (
        "qca run: error: study file study.toml: [truth_table].incl_cut must be a number in [0, 1]"
        in capsys.readouterr().err
    )


def test_demo_runs_the_collaboration_study(tmp_path, capsys, monkeypatch):
    from qca.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "report: runs/collaboration/report.html" in out
    assert "sufficient configurations for EFFECT:" in out
    assert (tmp_path / "runs" / "collaboration" / "results.json").is_file()
