"""`qca truthtable --inf-test binom --alpha A` and `qca inference` (qca/cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import qca
from qca.cli import main


@pytest.fixture
def lc() -> pd.DataFrame:
    return qca.datasets.load("LC")


@pytest.fixture
def lc_csv(tmp_path: Path, lc: pd.DataFrame) -> str:
    path = tmp_path / "lc.csv"
    lc.to_csv(path)
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_truthtable_binomial_flags(
    capsys: pytest.CaptureFixture[str], lc_csv: str, lc: pd.DataFrame
) -> None:
    argv = ["truthtable", lc_csv, "--outcome", "SURV", "--incl-cut", "0.8,0.5"]
    status, out, err = _run(capsys, *argv, "--inf-test", "binom", "--alpha", "0.1")
    assert status == 0 and err == ""
    expected = qca.truth_table(lc, "SURV", incl_cut=(0.8, 0.5), inf_test=("binom", 0.1))
    assert out == str(expected) + "\n"
    assert "pval0: p-value for alternative hypothesis inclusion > 0.5" in out
    status, out, _ = _run(capsys, *argv, "--inf-test", "binom", "--json")
    assert json.loads(out)["options"]["inf_test"] == ["binom", 0.05]
    status, _, err = _run(capsys, *argv, "--alpha", "0.1")
    assert status == 2 and "--alpha needs --inf-test binom" in err


def test_binomial_test_on_fuzzy_data_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "lf.csv"
    qca.datasets.load("LF").to_csv(path)
    status, out, err = _run(
        capsys, "truthtable", str(path), "--outcome", "SURV", "--inf-test", "binom"
    )
    assert status == 2 and out == "" and "needs crisp data" in err


def test_inference_permutation_text_and_json(
    capsys: pytest.CaptureFixture[str], lc_csv: str, lc: pd.DataFrame
) -> None:
    argv = ["inference", lc_csv, "--outcome", "SURV", "--incl-cut", "0.8", "--seed", "3"]
    status, out, err = _run(capsys, *argv, "--draws", "999")
    assert status == 0 and err == ""
    tt = qca.truth_table(lc, "SURV", incl_cut=0.8)
    assert out == str(qca.inference.permutation_test(tt, n_permutations=999, seed=3)) + "\n"
    status, out, _ = _run(capsys, *argv, "--draws", "999", "--json", "--correction", "bh")
    document = json.loads(out)
    assert document["schema"] == "qca.inference" and document["correction"] == "bh"
    assert len(document["tests"]) == 9


def test_inference_expression_bootstrap_and_power(
    capsys: pytest.CaptureFixture[str], lc_csv: str
) -> None:
    base = ["inference", lc_csv, "--outcome", "SURV", "--seed", "1", "--json"]
    status, out, _ = _run(
        capsys, *base, "--expression", "DEV*URB", "--test", "bootstrap", "--draws", "500"
    )
    assert status == 0 and json.loads(out)["bootstrap"] == "bca"
    status, out, _ = _run(capsys, *base, "--rows", "32", "--test", "power", "--cases", "30")
    assert status == 0 and json.loads(out)["sets"][0]["tested"] == "row 32"
    status, _, err = _run(capsys, *base, "--rows", "x")
    assert status == 2 and "--rows" in err


def test_minimize_takes_the_binomial_flags(
    capsys: pytest.CaptureFixture[str], lc_csv: str, lc: pd.DataFrame
) -> None:
    argv = ["minimize", lc_csv, "--outcome", "SURV", "--incl-cut", "0.6", "--include", "?"]
    status, out, err = _run(capsys, *argv, "--inf-test", "binom", "--alpha", "0.3")
    assert status == 0 and err == ""
    tt = qca.truth_table(lc, "SURV", incl_cut=0.6, inf_test=("binom", 0.3))
    assert out == str(qca.minimize(tt, include="?")) + "\n"
