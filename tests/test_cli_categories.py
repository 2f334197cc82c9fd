"""`qca truthtable` / `qca minimize` with --categories, and tQCA data from a CSV file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import qca
from qca.cli import main
from qca.exceptions import QCAError
from qca.labels import parse_categories

LABELS = "DEV=0:poor,1:middle,2:rich; SURV=0:failed,1:survived"


@pytest.fixture
def lm_csv(tmp_path: Path) -> str:
    path = tmp_path / "lm.csv"
    qca.datasets.load("LM").to_csv(path)
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_truthtable_prints_labels(capsys: pytest.CaptureFixture[str], lm_csv: str) -> None:
    status, out, _ = _run(
        capsys,
        "truthtable",
        lm_csv,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--categories",
        LABELS,
    )
    assert status == 0
    tt = qca.truth_table(
        qca.datasets.load("LM"), "SURV", incl_cut=0.8, categories=parse_categories(LABELS)
    )
    assert out.rstrip("\n") == str(tt)
    assert "rich" in out and "survived" in out


def test_minimize_prints_labels(capsys: pytest.CaptureFixture[str], lm_csv: str) -> None:
    status, out, _ = _run(
        capsys,
        "minimize",
        lm_csv,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--categories",
        LABELS,
    )
    assert status == 0
    assert "M1: DEV[rich] + DEV[middle]*STB[1] <-> SURV[survived]" in out


@pytest.mark.parametrize("command", ["truthtable", "minimize"])
def test_json_is_unchanged_by_labels(
    capsys: pytest.CaptureFixture[str], lm_csv: str, command: str
) -> None:
    base = [command, lm_csv, "--outcome", "SURV", "--incl-cut", "0.8", "--json"]
    if command == "minimize":
        base += ["--include", "?"]
    _, plain, _ = _run(capsys, *base)
    status, labelled, _ = _run(capsys, *base, "--categories", LABELS)
    assert status == 0
    assert json.loads(labelled) == json.loads(plain)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("DEV", "no NAME= before"),
        ("DEV=poor", "'poor' (of 'DEV') has no LEVEL:LABEL"),
        ("DEV=x:poor", "level 'x' of 'DEV' must be a whole number"),
        ("DEV=-1:poor", "level '-1' of 'DEV'"),
        ("DEV=0:", "label ''"),
        ("DEV=0:a,0:b", "level 0 of 'DEV' is labelled twice"),
        ("DEV=0:a;DEV=1:b", "'DEV' is given twice"),
        ("=0:a", "no NAME= before"),
        ("", "expected NAME=LEVEL:LABEL"),
        ("DEV=5:huge", "labels level 5"),
        ("NOPE=0:a", "'NOPE', which is not a condition"),
    ],
)
def test_bad_categories_exit_2(
    capsys: pytest.CaptureFixture[str], lm_csv: str, text: str, words: str
) -> None:
    status, out, err = _run(capsys, "truthtable", lm_csv, "--outcome", "SURV", "--categories", text)
    assert status == 2 and out == ""
    assert "qca truthtable: error: " in err and words in err


def test_parse_categories_never_evaluates() -> None:
    with pytest.raises(QCAError, match="must be a whole number"):
        parse_categories("DEV=__import__('os'):x")
    assert parse_categories("A = 0 : low , 1 : high") == {"A": {0: "low", 1: "high"}}


def test_tqca_csv_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "rs.csv"
    qca.datasets.load("RS").to_csv(path)
    status, out, _ = _run(capsys, "minimize", str(path), "--outcome", "REC")
    assert status == 0
    assert "M1: P*E*S + P*E*A*EBA + E*A*~EBA*S <-> REC" in out
    status, out, _ = _run(capsys, "truthtable", str(path), "--outcome", "REC", "--json")
    payload = json.loads(out)
    assert payload["dont_care"] == {"EBA": 2} and payload["noflevels"] == [2, 2, 2, 3, 2]
    data = pd.read_csv(path, index_col=0)
    assert data["EBA"].astype(str).isin(["0", "1", "-"]).all()
