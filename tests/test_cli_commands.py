"""Tests of the command line's first-hour surface (qca/cli.py, qca/__main__.py,
qca/_installation.py): --version, `qca calibrate`, minimize's search flags, each subcommand's
usage on error, the raw-data hint, comma-separated conditions and `python -m qca`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca import _installation
from qca.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "rqca"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as stop:  # argparse's own exits (--version, usage errors)
        status = int(stop.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def lf_csv(tmp_path: Path) -> str:
    path = tmp_path / "lf.csv"
    qca.datasets.load("LF").to_csv(path)
    return str(path)


# ---------------------------------------------------------------------------------------------
# --version and python -m qca
# ---------------------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_installation, "conflicting_distributions", lambda: [])
    status, out, err = _run(capsys, "--version")
    assert status == 0
    assert out == f"qca {qca.__version__}\n"
    assert err == ""


def test_version_warns_about_pyqca(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A pyqca install as pip leaves it: a dist-info folder whose RECORD lists qca/ files.
    info = tmp_path / "pyqca-0.4.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: pyqca\nVersion: 0.4.2\n")
    (info / "RECORD").write_text("qca/__init__.py,,\npyqca-0.4.2.dist-info/METADATA,,\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert ("pyqca", "0.4.2") in _installation.conflicting_distributions()
    status, out, err = _run(capsys, "--version")
    assert status == 0 and out == f"qca {qca.__version__}\n"  # stdout stays the result
    assert "pyqca 0.4.2 also installs the import name 'qca'" in err
    assert "pip uninstall -y pyqca qca" in err


def test_import_warns_about_pyqca(tmp_path: Path) -> None:
    # at import only the folder holding the qca package is listed (no importlib.metadata)
    (tmp_path / "qca").mkdir()
    (tmp_path / "pyqca-0.4.2.dist-info").mkdir()
    with pytest.warns(qca.exceptions.QCAWarning, match=r"pyqca-0.4.2.dist-info \(in .*\) also"):
        _installation.warn_if_shadowed(tmp_path)


def test_import_is_quiet_without_pyqca(tmp_path: Path) -> None:
    (tmp_path / "qca").mkdir()
    (tmp_path / "qca-0.1.0.dist-info").mkdir()
    _installation.warn_if_shadowed(tmp_path)  # QCAWarning is an error in the tests
    _installation.warn_if_shadowed(tmp_path / "missing")


def test_no_conflict_in_this_environment() -> None:
    # the test environment installs qca alone: no other distribution claims the name
    assert _installation.conflict_message() is None


def test_python_dash_m(lf_csv: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qca", "minimize", lf_csv, "--outcome", "SURV"]
        + ["--incl-cut", "0.8", "--include", "?"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "M1: DEV*~IND + URB*STB -> SURV" in done.stdout


# ---------------------------------------------------------------------------------------------
# qca calibrate
# ---------------------------------------------------------------------------------------------


def test_calibrate_matches_the_function(capsys: pytest.CaptureFixture[str]) -> None:
    lr = qca.datasets.load("LR")
    status, out, err = _run(
        capsys,
        "calibrate",
        str(DATA / "LR.csv"),
        "--fuzzy",
        "DEV",
        "e=350,c=550,i=850",
        "--fuzzy",
        "STB",
        "e=14;c=10.5;i=5",  # decreasing set, semicolons as in study files
        "--tfr",
        "LIT",
        "--crisp",
        "SURV",
        "0,5",  # multi-value 0..2
        "--indirect",
        "IND",
        "20,30,40",
        "--crisp",
        "URB",
        "50",
    )
    assert status == 0 and err == ""
    got = pd.read_csv(pd.io.common.StringIO(out), index_col=0)
    assert list(got.columns) == list(lr.columns) and list(got.index) == list(lr.index)
    expected = {
        "DEV": qca.calibrate(lr["DEV"], thresholds={"e": 350, "c": 550, "i": 850}),
        "STB": qca.calibrate(lr["STB"], thresholds={"e": 14, "c": 10.5, "i": 5}),
        "LIT": qca.calibrate(lr["LIT"], method="TFR"),
        "SURV": qca.calibrate(lr["SURV"], type="crisp", thresholds=[0, 5]),
        "IND": qca.calibrate(lr["IND"], method="indirect", thresholds=[20, 30, 40]),
        "URB": qca.calibrate(lr["URB"], type="crisp", thresholds=50),
    }
    for column, values in expected.items():
        np.testing.assert_allclose(got[column].to_numpy(), np.asarray(values), rtol=0, atol=1e-15)
    assert set(got["SURV"]) == {0, 1, 2}


def test_calibrate_options_output_file_and_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lr = qca.datasets.load("LR")
    target = tmp_path / "cal.csv"
    status, out, _ = _run(
        capsys,
        "calibrate",
        str(DATA / "LR.csv"),
        "--fuzzy",
        "DEV",
        "350,550,850",  # unnamed: e, c, i
        "--no-logistic",
        "--below",
        "2",
        "--digits",
        "2",
        "--only",
        "-o",
        str(target),
    )
    assert status == 0 and out == ""
    got = pd.read_csv(target, index_col=0)
    assert list(got.columns) == ["DEV"]
    expected = qca.calibrate(lr["DEV"], thresholds=[350, 550, 850], logistic=False, below=2)
    np.testing.assert_allclose(got["DEV"].to_numpy(), np.round(np.asarray(expected), 2))


def test_calibrated_csv_feeds_minimize(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # the CLI-only path: raw CSV -> calibrate -> minimize
    target = tmp_path / "cal.csv"
    argv = ["calibrate", str(DATA / "LR.csv"), "-o", str(target)]
    for column, anchors in {
        "DEV": "350,550,850",
        "URB": "10,50,80",
        "LIT": "50,75,95",
        "IND": "10,30,45",
        "STB": "15,10.5,5",
        "SURV": "e=-9,c=0,i=9",
    }.items():
        argv += ["--fuzzy", column, anchors]
    assert _run(capsys, *argv)[0] == 0
    status, out, err = _run(
        capsys, "minimize", str(target), "--outcome", "SURV", "--incl-cut", "0.8", "--json"
    )
    assert status == 0, err
    assert json.loads(out)["schema"] == "qca.solution"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "name at least one column to calibrate"),
        (["--fuzzy", "GNP", "1,2,3"], r"column(s) ['GNP'] not found"),
        (["--fuzzy", "DEV", "1,2,3", "--crisp", "DEV", "5"], "calibrated more than once"),
        (["--fuzzy", "DEV", "e=850,c=550,i=550"], "calibrating 'DEV': "),
        (["--fuzzy", "DEV", "e=350,c=x"], "calibrating 'DEV': bad threshold value 'x'"),
        (["--crisp", "DEV", "c=550"], "crisp cut points are plain numbers"),
    ],
)
def test_calibrate_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = _run(capsys, "calibrate", str(DATA / "LR.csv"), *argv)
    assert status == 2 and out == ""
    assert err.startswith("usage: qca calibrate ")
    assert message in err


# ---------------------------------------------------------------------------------------------
# errors: the subcommand's usage, the raw-data hint
# ---------------------------------------------------------------------------------------------


# LR's whole-number columns (DEV up to 1098) also warn of level gaps before the error
@pytest.mark.filterwarnings("ignore::qca.exceptions.LevelGapWarning")
@pytest.mark.parametrize("command", ["truthtable", "minimize", "necessity"])
def test_raw_data_error_hints_calibrate(capsys: pytest.CaptureFixture[str], command: str) -> None:
    status, out, err = _run(capsys, command, str(DATA / "LR.csv"), "--outcome", "SURV")
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"usage: qca {command} ")
    assert f"qca {command}: error: " in err and "outside [0, 1]" in err
    assert lines[-1].startswith("hint: these look like raw scores; calibrate them first")
    assert "qca calibrate" in lines[-1]


def test_error_shows_the_subcommands_usage(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(capsys, "fit", "DEV*GNP", lf_csv, "--outcome", "SURV")
    assert status == 2
    assert err.startswith("usage: qca fit ")
    assert "hint:" not in err


@pytest.mark.filterwarnings("ignore::qca.exceptions.LevelGapWarning")
def test_the_library_message_says_calibrate_first() -> None:
    with pytest.raises(qca.QCAError, match=r"Raw scores must be calibrated first \(qca.calibrate"):
        qca.truth_table(qca.datasets.load("LR"), "SURV")


# ---------------------------------------------------------------------------------------------
# minimize's flags; conditions as "A, B, C"
# ---------------------------------------------------------------------------------------------


def _solution_json(capsys: pytest.CaptureFixture[str], lf_csv: str, *flags: str) -> dict:
    status, out, err = _run(
        capsys,
        "minimize",
        lf_csv,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--json",
        *flags,
    )
    assert status == 0, err
    return json.loads(out)


@pytest.mark.parametrize(
    ("flags", "options"),
    [
        (["--pi-cons", "0.8"], {"pi_cons": 0.8}),
        (["--pi-cons", "0.75"], {"pi_cons": 0.75}),
        (["--first-min"], {"first_min": True}),
        (["--method", "qmc"], {"method": "qmc"}),
        (["--method", "fast"], {"method": "fast"}),
        (["--row-dom"], {"row_dom": True}),
        (["--max-models", "1"], {"max_models": 1}),
    ],
)
def test_minimize_flags_reach_minimize(
    capsys: pytest.CaptureFixture[str], lf_csv: str, flags: list[str], options: dict
) -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    expected = qca.minimize(tt, include="?", **options).to_dict()
    document = _solution_json(capsys, lf_csv, *flags)
    assert {k: v for k, v in document.items() if not k.startswith("schema")} == json.loads(
        json.dumps(expected, default=list)
    )


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        # R's relaxed search (issue 14): no disjunction of prime implicants has inclS >= 0.9 and
        # covS >= sol_cov (1), nor any consistent term at 0.95
        (["--pi-cons", "0.95"], "There are no solutions, given these constraints"),
        (["--sol-cons", "0.9"], "There are no solutions, given these constraints"),
    ],
)
def test_cut_offs_change_the_answer(
    capsys: pytest.CaptureFixture[str], lf_csv: str, flags: list[str], message: str
) -> None:
    status, _, err = _run(
        capsys,
        "minimize",
        lf_csv,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        *flags,
    )
    assert status == 2 and message in err


def test_method_choices_are_checked(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(capsys, "minimize", lf_csv, "--outcome", "SURV", "--method", "espresso")
    assert status == 2 and err.startswith("usage: qca minimize ")
    assert "invalid choice: 'espresso'" in err


@pytest.mark.parametrize("conditions", ["DEV, URB, LIT", "DEV,URB,LIT", " DEV ,URB, LIT "])
def test_conditions_as_r_writes_them(
    capsys: pytest.CaptureFixture[str], lf_csv: str, conditions: str
) -> None:
    status, out, err = _run(
        capsys, "truthtable", lf_csv, "--outcome", "SURV", "--conditions", conditions, "--json"
    )
    assert status == 0, err
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", ["DEV", "URB", "LIT"])
    assert json.loads(out)["conditions"] == list(tt.conditions)
