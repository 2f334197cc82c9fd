"""Tests of qca.skew_check() (SetMethods' skew.check) against SetMethods 4.0's output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qca
from qca.exceptions import QCAError

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "skew.json").read_text())
_LINE = re.compile(
    r"(?:Set (\S+) - )?Cases > 0\.5 / Total number of cases: (\d+) / (\d+) = ([\d.]+) %"
)


def _parse(lines: list[str]) -> list[tuple[str | None, int, int, float]]:
    out = []
    for line in lines:
        match = _LINE.fullmatch(line)
        assert match, line
        out.append((match[1], int(match[2]), int(match[3]), float(match[4])))
    return out


@pytest.mark.parametrize("name", ["LF", "CVF", "LC", "d.jobsecurity"])
def test_equals_setmethods(name: str) -> None:
    result = qca.skew_check(qca.datasets.load(name))
    expected = _parse(REFERENCE[name])
    assert list(result.index) == [row[0] for row in expected]
    assert result["above"].tolist() == [row[1] for row in expected]
    assert result["n"].tolist() == [row[2] for row in expected]
    assert result["percent"].round(2).tolist() == [row[3] for row in expected]


def test_series_equals_setmethods() -> None:
    ((_, above, n, percent),) = _parse(REFERENCE["LF_DEV"])
    result = qca.skew_check(qca.datasets.load("LF")["DEV"])
    assert list(result.index) == ["DEV"]
    assert (result.loc["DEV", "above"], result.loc["DEV", "n"]) == (above, n)
    assert round(result.loc["DEV", "percent"], 2) == percent


def test_columns_and_dtypes() -> None:
    lf = qca.datasets.load("LF")
    result = qca.skew_check(lf, ["SURV", "DEV"])
    assert list(result.index) == ["SURV", "DEV"] and list(result.columns) == [
        "above",
        "n",
        "percent",
    ]
    assert [str(t) for t in result.dtypes] == ["int64", "int64", "float64"]


@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_property_counts_memberships_above_half(values: list[float]) -> None:
    result = qca.skew_check(pd.Series(values, name="X"))
    brute = sum(1 for v in values if v > 0.5)
    assert result.loc["X", "above"] == brute and result.loc["X", "n"] == len(values)
    assert result.loc["X", "percent"] == pytest.approx(100 * brute / len(values))


def test_does_not_modify_data() -> None:
    lf = qca.datasets.load("LF")
    before = lf.copy()
    qca.skew_check(lf)
    pd.testing.assert_frame_equal(lf, before)


def test_uncalibrated_value_is_refused() -> None:
    lr = qca.datasets.load("LR")
    with pytest.raises(QCAError, match=r"'DEV'.*outside \[0, 1\].*case 'AU'"):
        qca.skew_check(lr)


def test_missing_value_is_refused() -> None:
    lf = qca.datasets.load("LF")
    lf.loc["BE", "URB"] = np.nan
    with pytest.raises(QCAError, match=r"'URB' has missing values \(case 'BE'"):
        qca.skew_check(lf)


def test_bad_arguments() -> None:
    with pytest.raises(QCAError, match="must be a pandas DataFrame"):
        qca.skew_check([0.1, 0.9])  # type: ignore[arg-type]
    with pytest.raises(QCAError, match=r"\['NOPE'\] not found"):
        qca.skew_check(qca.datasets.load("LF"), ["NOPE"])
    with pytest.raises(QCAError, match="no sets"):
        qca.skew_check(pd.DataFrame(index=["a"]))
