"""R's binomial test in the truth table (``truth_table(..., inf_test=("binom", alpha))``):
p-values to 1e-9, OUT codes and the printed table equal R's (tests/reference/binomial.json, made
by tests/reference/make_binomial.R); crisp data only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import qca
from qca._render.text import truth_table_lines
from qca.exceptions import NoConfigurationsError, QCAError
from qca.truthtable.binomial import binomial_pvalues

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "binomial.json").read_text(encoding="utf-8")
)
CASES = REFERENCE["cases"]


def _data(name: str) -> pd.DataFrame:
    stored = REFERENCE["datasets"][name]
    return pd.DataFrame(
        dict(zip(stored["columns"], stored["values"], strict=True)), index=stored["index"]
    )


def _build(case: dict[str, Any]) -> qca.TruthTable:
    cut = case["incl_cut"]
    return qca.truth_table(
        _data(case["dataset"]),
        case["outcome"],
        case["conditions"],
        incl_cut=tuple(cut) if isinstance(cut, list) else cut,
        n_cut=case["n_cut"],
        pri_cut=case["pri_cut"],
        complete=case["complete"],
        inf_test=("binom", case["alpha"]),
    )


def _case_id(case: dict[str, Any]) -> str:
    return (
        f"{case['dataset']}-{case['outcome']}-ic{case['incl_cut']}-a{case['alpha']}"
        f"-n{case['n_cut']}-pri{case['pri_cut']}-{'complete' if case['complete'] else 'obs'}"
    )


def test_reference_covers_every_crisp_data_set() -> None:
    names = {case["dataset"] for case in CASES}
    crisp = {"HC", "Krook", "LC", "Quine", "RS", "RagStr", "Rokkan", "d.Kro", "d.RS"}
    multivalue = {"HarKem", "LM", "d.HK", "d.SA", "d.partybans", "d.pban", "d.transport"}
    crisp |= {"d.graduate", "d.represent", "d.women"}
    assert crisp | multivalue <= names
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_binomial_test_equals_r(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(NoConfigurationsError):
            _build(case)
        return
    tt = _build(case)
    expected = case["rows"]
    table = tt.table.sort_index()
    if not case["complete"]:
        table = table.loc[expected["row"]]
    assert table.index.tolist() == expected["row"]
    below = np.array(expected["n"]) < case["n_cut"]
    if isinstance(case["incl_cut"], list) and case["n_cut"] > 1:
        # R 3.25 recycles the contradiction flag of the rows with n >= n.cut over all rows, so
        # some rows below n.cut become "C" and are then tested; qca leaves them "?", untested
        # (docs/inference.md). Every row with n >= n_cut is coded as R codes it.
        r_tested_below = below & (np.array(expected["OUT"]) != "?")
        assert set(table["OUT"].astype(str).to_numpy()[below]) <= {"?"}
        assert np.isnan(table["pval1"].to_numpy()[below]).all()
        keep = ~below
        expected = {k: list(np.array(v, dtype=object)[keep]) for k, v in expected.items()}
        table = table[keep]
        if r_tested_below.any():
            return  # R's printed table lists the rows it tested
    assert table["OUT"].astype(str).tolist() == expected["OUT"]
    assert table["n"].tolist() == expected["n"]
    for name in ("pval1", "pval0"):
        if expected.get(name) is None:
            assert name not in table.columns
            continue
        want = np.array([np.nan if v is None else v for v in expected[name]], dtype=float)
        got = table[name].to_numpy()
        assert np.array_equal(np.isnan(got), np.isnan(want))
        np.testing.assert_allclose(got[~np.isnan(got)], want[~np.isnan(want)], rtol=0, atol=1e-9)
    stored = REFERENCE["datasets"][case["dataset"]]
    order = {name: i for i, name in enumerate(stored["index"])}
    assert truth_table_lines(tt, case_order=order) == case["printed"]


def test_pvalues_are_r_binom_test() -> None:
    # R: binom.test(7, 9, p = 0.6, alternative = "greater")$p.value
    assert binomial_pvalues([7], [9], 0.6)[0] == pytest.approx(0.23178700799999988, abs=1e-15)
    # edge cut-offs, as R: p = 1 is never significant; p = 0 only for a row without the outcome
    assert binomial_pvalues([5, 4], [5, 5], 1.0).tolist() == [1.0, 1.0]
    assert binomial_pvalues([0, 3], [5, 5], 0.0).tolist() == [1.0, 0.0]


def test_to_dict_has_the_pvalues_and_the_option() -> None:
    tt = _build(next(c for c in CASES if c["dataset"] == "LC" and "error" not in c))
    record = tt.to_dict()
    assert record["options"]["inf_test"] == ["binom", 0.05]
    assert "pval1" in record["rows"][0]
    assert "inf_test" not in qca.truth_table(_data("LC"), "SURV").to_dict()["options"]


def test_fuzzy_data_are_refused() -> None:
    data = qca.datasets.load("LF")
    with pytest.raises(QCAError, match=r"crisp data; condition\(s\) \['DEV'"):
        qca.truth_table(data, "SURV", inf_test=("binom", 0.05))
    crisp = (data[["DEV", "URB"]] > 0.5).astype(int)
    crisp["SURV"] = data["SURV"]
    with pytest.raises(QCAError, match="outcome 'SURV' has the fuzzy score"):
        qca.truth_table(crisp, "SURV", inf_test="binom")


@pytest.mark.parametrize(
    "bad", ["binomial", ("binom", 1.5), ("binom", "0.05"), ("binom", 0.05, 1), 3, ("binom", True)]
)
def test_bad_inf_test_is_refused(bad: Any) -> None:
    with pytest.raises(QCAError, match="`inf_test`"):
        qca.truth_table(_data("LC"), "SURV", inf_test=bad)


def test_default_alpha_is_r_s() -> None:
    a = qca.truth_table(_data("LC"), "SURV", incl_cut=0.6, inf_test="binom")
    b = qca.truth_table(_data("LC"), "SURV", incl_cut=0.6, inf_test=("binom", 0.05))
    assert a.to_dict() == b.to_dict()


def test_summary_and_html_show_the_test() -> None:
    tt = qca.truth_table(_data("LC"), "SURV", incl_cut=(0.8, 0.5), inf_test="binom")
    text = str(tt.summary())
    assert "OUT from R's binomial test at alpha=0.05" in text
    assert "pval1  pval0  cases" in text
    html = tt._repr_html_()
    assert '<th class="num">pval1</th>' in html and '<th class="num">pval0</th>' in html
    plain = qca.truth_table(_data("LC"), "SURV", incl_cut=(0.8, 0.5))
    assert "pval1" not in str(plain.summary()) and "pval1" not in plain._repr_html_()
