"""One identifier rule for condition and outcome names (qca/_validation.py), everywhere."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import qca
from qca._validation import is_name
from qca.exceptions import QCAError

BAD = ["~X", "A*B", "A+B", "A[1]", "A{1}", "A B", "A,B", "(A)", "1A", "", " A", "A-B", "A/B"]
GOOD = ["A", "DEV", "a_b", "A.b", "x1", "_x", "Ω", "城市化"]


@pytest.mark.parametrize("name", GOOD)
def test_good_names(name: str) -> None:
    assert is_name(name)
    # a good name reads back through the parser
    assert qca.expressions.parse(f"~{name}*{name}2").conditions == (name, f"{name}2")


@pytest.mark.parametrize("name", BAD)
def test_bad_names(name: str) -> None:
    assert not is_name(name)


def _lf(rename: dict[str, str]) -> pd.DataFrame:
    return qca.datasets.load("LF").rename(columns=rename)


@pytest.mark.parametrize("bad", ["~X", "A*B", "A+B", "A[1]", "A B", "A,B"])
def test_every_function_refuses_a_condition_with_operator_characters(bad: str) -> None:
    data = _lf({"DEV": bad})
    pattern = rf"condition.*{pd.io.common.re.escape(repr(bad))}.*not a valid name"
    with pytest.raises(QCAError, match=pattern):
        qca.truth_table(data, "SURV")
    with pytest.raises(QCAError, match=pattern):
        qca.truth_table(data, "SURV", [bad, "URB"])
    with pytest.raises(QCAError, match=pattern):
        qca.necessity(data, "SURV")
    with pytest.raises(QCAError, match=pattern):
        qca.necessity(data, "SURV", [bad, "URB"])
    with pytest.raises(QCAError, match=pattern):
        qca.fit([bad, "URB"], data, "SURV")
    with pytest.raises(QCAError, match=pattern):
        qca.fit("URB", data, "SURV", conditions=[bad, "URB"])
    # a truth table built by hand (minimize accepts any object with the fields)
    tt = qca.truth_table(_lf({}), "SURV", incl_cut=0.8)
    fake = SimpleNamespace(
        conditions=(bad, *tt.conditions[1:]),
        outcome=tt.outcome,
        noflevels=tt.noflevels,
        multivalue=False,
        memberships=tt.memberships.rename(columns={"DEV": bad}),
        table=tt.table.rename(columns={"DEV": bad}),
    )
    with pytest.raises(QCAError, match=pattern):
        qca.minimize(fake)
    with pytest.raises(QCAError, match=pattern):
        qca.model_fit("URB*LIT", "URB", fake)
    with pytest.raises(QCAError, match=pattern):
        qca.model_fit("URB*LIT", "URB", data, "SURV")
    with pytest.raises(QCAError):  # find_rows takes only a TruthTable, which cannot be made so
        qca.find_rows(fake, "URB")


@pytest.mark.parametrize("bad", ["Y*Z", "Y+Z", "Y Z", "Y,Z", "(Y)", "~~Y"])
def test_an_outcome_with_operator_characters_is_refused(bad: str) -> None:
    data = _lf({"SURV": bad})
    for call in (
        lambda: qca.truth_table(data, bad),
        lambda: qca.necessity(data, bad),
        lambda: qca.fit("DEV", data, bad),
    ):
        with pytest.raises(QCAError, match=r"outcome.*not a valid name"):
            call()


def test_an_outcome_column_holding_an_outcome_label_is_still_read() -> None:
    data = pd.DataFrame(
        {"A": [0, 1, 0, 1], "B": [0, 0, 1, 1], "Y": [0, 1, 2, 2]}, index=list("pqrs")
    )
    tt = qca.truth_table(data, "Y[2]", ["A", "B"])
    again = qca.truth_table(tt.memberships, "~Y[2]", ["A", "B"])
    assert again.outcome == "~Y[2]"


def test_cli_refuses_a_bad_column_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    _lf({"DEV": "~X"}).to_csv(path)
    done = subprocess.run(
        [sys.executable, "-m", "qca", "minimize", str(path), "--outcome", "SURV"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "'~X'" in done.stderr and "not a valid name" in done.stderr
    assert "Traceback" not in done.stderr


def test_columns_not_used_are_not_checked() -> None:
    data = _lf({"DEV": "a b"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert qca.truth_table(data, "SURV", ["URB", "LIT"]).conditions == ("URB", "LIT")
        qca.fit("URB", data, "SURV")
