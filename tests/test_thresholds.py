"""find_th, threshold strings, missing values in calibrate, x_plot; against R QCA 3.25.

Reference: tests/reference/r14/calibration.json, made by tests/reference/r14/calibration.R.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca.exceptions import QCAError, QCAWarning

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "r14" / "calibration.json").read_text()
)


@pytest.mark.parametrize("case", REFERENCE["findTh"], ids=lambda c: f"{c['data']}-{c['column']}")
def test_find_th_equals_r(case) -> None:
    x = qca.datasets.load(case["data"])[case["column"]]
    found = qca.find_th(x, case["n"], linkage=case.get("method", "complete"))
    assert found == pytest.approx(np.atleast_1d(case["values"]), abs=1e-9)


def test_find_th_errors_and_order_independence() -> None:
    x = qca.datasets.load("LR")["DEV"]
    assert qca.find_th(x.iloc[::-1], 2).tolist() == qca.find_th(x, 2).tolist()
    with pytest.raises(QCAError, match="`n` must be a whole number"):
        qca.find_th(x, 0)
    with pytest.raises(QCAError, match="distinct scores"):
        qca.find_th([1, 1, 2], 2)
    with pytest.raises(QCAError, match="missing or non-finite"):
        qca.find_th([1, np.nan, 2])
    with pytest.raises(QCAError, match="`linkage` must be one of"):
        qca.find_th(x, linkage="ward.D")


def test_threshold_strings_equal_r() -> None:
    dev = qca.datasets.load("LR")["DEV"]
    assert (
        qca.calibrate(dev, type="crisp", thresholds="550, 850").tolist()
        == (REFERENCE["string_crisp"])
    )
    fuzzy = qca.calibrate(dev, thresholds="e=350, c=550, i=850")
    assert fuzzy.to_numpy() == pytest.approx(REFERENCE["string_fuzzy"], abs=1e-12)
    assert qca.parse_thresholds(" i = 850 ; c=550,e=350") == {"i": 850, "c": 550, "e": 350}
    with pytest.raises(QCAError, match="name every threshold"):
        qca.parse_thresholds("e=350, 550")
    with pytest.raises(QCAError, match="cannot read 'c=abc'"):
        qca.calibrate(dev, thresholds="e=350, c=abc, i=850")


def test_missing_scores_give_nan_with_a_warning_as_r_gives_na() -> None:
    na = REFERENCE["na"]
    x = np.array([np.nan if v is None else v for v in na["x"]])
    expected = np.array([np.nan if v is None else v for v in na["fuzzy"]])
    with pytest.warns(QCAWarning, match=r"2 missing value\(s\) \(position 0 and 1 more\)"):
        got = qca.calibrate(x, thresholds="e=350, c=550, i=850")
    np.testing.assert_allclose(got, expected, atol=1e-12)
    series = pd.Series(na["x"], index=list("abcdef"), name="DEV", dtype=object)
    with pytest.warns(QCAWarning, match="case 'a'"):
        got = qca.calibrate(series, thresholds={"i": 350, "c": 550, "e": 850})
    expected = np.array([np.nan if v is None else v for v in na["decreasing"]])
    np.testing.assert_allclose(got.to_numpy(), expected, atol=1e-12)
    assert list(got.index) == list("abcdef") and got.name == "DEV"
    with pytest.warns(QCAWarning):
        crisp = qca.calibrate([None, 400, 600], type="crisp", thresholds=550)
    assert np.isnan(crisp[0]) and crisp[1:].tolist() == [0.0, 1.0]
    with pytest.raises(QCAError, match="every score in `x` is missing"):
        qca.calibrate([np.nan, np.nan], thresholds="e=1, c=2, i=3")


def test_x_plot_draws_points_and_thresholds() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lr = qca.datasets.load("LR")
    _fig, ax = plt.subplots()
    out = qca.x_plot(lr["DEV"], {"e": 350, "c": 550, "i": 850}, labels=True, ax=ax)
    assert out is ax
    assert [line.get_xdata()[0] for line in ax.lines] == [350, 550, 850]
    offsets = ax.collections[0].get_offsets()
    assert offsets.shape == (18, 2) and set(offsets[:, 1]) == {1.0}
    assert sorted(t.get_text() for t in ax.texts if t.get_text() in lr.index) == sorted(lr.index)
    jittered = qca.x_plot(lr["DEV"], jitter=True, seed=1)
    heights = jittered.collections[0].get_offsets()[:, 1]
    assert heights.min() >= 0.5 and heights.max() <= 1.5 and len(set(heights)) > 1
    with pytest.raises(QCAError, match="`labels` has 2 names for 18 cases"):
        qca.x_plot(lr["DEV"], labels=["a", "b"])
    plt.close("all")
