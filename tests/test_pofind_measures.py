"""necessity(relation="sufnec"/"necsuf"), pofind, fit(add=) with Haesebrouck's consistency and
PRODUCT: against R QCA 3.25 (and SetMethods' formulas).

Reference: tests/reference/r14/fit.json, made by tests/reference/r14/fit.R.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import qca
from qca.exceptions import QCAError
from qca.measures import haesebrouck, product

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "fit.json").read_text())


def _check(frame, reference) -> None:
    assert [str(r) for r in frame.index] == [r.strip() for r in reference["rows"]]
    assert list(frame.columns) == reference["columns"]
    np.testing.assert_allclose(frame.to_numpy(), np.array(reference["values"]), atol=1e-9)


@pytest.mark.parametrize(
    ("key", "data", "outcome", "incl_cut"),
    [
        ("sufnec_LF", "LF", "SURV", 0.7),
        ("sufnec_CVF", "CVF", "PROTEST", 0.7),
        ("sufnec_LF_neg", "LF", "~SURV", 0.65),
    ],
)
def test_sufnec_equals_r(key, data, outcome, incl_cut) -> None:
    result = qca.necessity(qca.datasets.load(data), outcome, relation="sufnec", incl_cut=incl_cut)
    _check(result.to_frame(), REFERENCE[key])
    assert result.relation == "sufnec"


def test_necsuf_is_the_necessity_search_with_sufficiency_as_coverage() -> None:
    lf = qca.datasets.load("LF")
    both = qca.necessity(lf, "SURV", relation="necsuf", incl_cut=0.7).to_frame()
    plain = qca.necessity(lf, "SURV", incl_cut=0.7, cov_cut=0.7).to_frame()
    assert list(both.columns) == ["inclN", "RoN", "inclS"]
    np.testing.assert_array_equal(both.to_numpy(), plain.to_numpy())
    assert (both["inclS"] >= 0.7).all() and (both["inclN"] >= 0.7).all()
    with pytest.raises(QCAError, match="'necsuf' or 'sufnec'"):
        qca.necessity(lf, "SURV", relation="both")


@pytest.mark.parametrize(
    ("key", "data", "outcome", "conditions", "relation"),
    [
        ("pofind_LF", "LF", "SURV", None, "necessity"),
        ("pofind_LF_suf", "LF", "~SURV", None, "sufficiency"),
        ("pofind_CVF", "CVF", "PROTEST", "DEMOC, ETHFRACT, GEOCON", "necessity"),
    ],
)
def test_pofind_equals_r(key, data, outcome, conditions, relation) -> None:
    result = qca.pofind(qca.datasets.load(data), outcome, conditions, relation)
    _check(result.to_frame(), REFERENCE[key])


def test_pofind_lists_the_levels_of_a_multivalue_condition() -> None:
    lm = qca.datasets.load("LM")
    table = qca.pofind(lm, "SURV", ["DEV", "STB"]).to_frame()
    assert list(table.index) == ["DEV[0]", "DEV[1]", "DEV[2]", "STB[0]", "STB[1]"]
    expected = qca.fit("DEV[2]", lm, "SURV", "necessity").to_frame().iloc[0]
    np.testing.assert_allclose(table.loc["DEV[2]"].to_numpy(), expected.to_numpy())


@pytest.mark.parametrize(
    ("key", "data", "expression", "outcome"),
    [
        ("add_LF", "LF", "DEV*~IND + URB*STB", "SURV"),
        ("add_CVF", "CVF", "~NATPRIDE + DEMOC*ETHFRACT", "PROTEST"),
    ],
)
def test_added_measures_equal_r(key, data, expression, outcome) -> None:
    table = qca.fit(
        expression,
        qca.datasets.load(data),
        outcome,
        "necessity",
        add={"haes": haesebrouck, "prod": product},
    ).to_frame()
    _check(table, REFERENCE[key])


def test_add_errors() -> None:
    lf = qca.datasets.load("LF")
    with pytest.raises(QCAError, match="must map measure names to functions"):
        qca.fit("DEV", lf, "SURV", add={"x": 1})
    with pytest.raises(QCAError, match="must return a number"):
        qca.fit("DEV", lf, "SURV", add={"x": lambda x, y: "abc"})
    with pytest.raises(QCAError, match="exists already"):
        qca.fit("DEV", lf, "SURV", add={"PRI": product})
