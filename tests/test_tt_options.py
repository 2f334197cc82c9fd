"""truth_table(use_letters=, case_order=) and replace_categories, against R QCA 3.25.

Reference: tests/reference/r14/tt_options.json, made by tests/reference/r14/tt_options.R.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import qca
from qca.exceptions import QCAError

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "r14" / "tt_options.json").read_text()
)


def _groups(value):
    return [(g,) if isinstance(g, str) else tuple(g) for g in value]


def test_use_letters_equals_r() -> None:
    lf = qca.datasets.load("LF")
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8, use_letters=True)
    assert list(tt.conditions) == REFERENCE["letters_conditions"]
    solution = qca.minimize(tt, include="?")
    assert [list(m.terms) for m in solution.models] == REFERENCE["letters_solution"]
    assert list(lf.columns) == ["DEV", "URB", "LIT", "IND", "STB", "SURV"]
    with pytest.raises(QCAError, match="already has columns"):
        qca.truth_table(lf.rename(columns={"SURV": "A"}), "A", ["DEV", "URB"], use_letters=True)


def test_case_order_data_equals_r_and_natural_is_the_default() -> None:
    lf = qca.datasets.load("LF")
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8, case_order="data")
    assert list(tt.table["cases"]) == _groups(REFERENCE["LF_cases"])
    reverse = qca.truth_table(lf.iloc[::-1], "SURV", incl_cut=0.8, case_order="data")
    assert list(reverse.table["cases"]) == _groups(REFERENCE["LFrev_cases"])
    natural = qca.truth_table(lf.iloc[::-1], "SURV", incl_cut=0.8)
    assert list(natural.table["cases"]) == [
        tuple(sorted(g)) for g in _groups(REFERENCE["LF_cases"])
    ]
    with pytest.raises(QCAError, match="`case_order` must be 'natural' or 'data'"):
        qca.truth_table(lf, "SURV", case_order="r")


def test_replace_categories_equals_r() -> None:
    tt = qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    assert [list(m.terms) for m in solution.models] == REFERENCE["LM_solution"]
    labelled = [
        qca.replace_categories(list(m.terms), REFERENCE["LM_categories"]) for m in solution.models
    ]
    assert labelled == REFERENCE["LM_labelled"]
    crisp = {"DEV": ["poor", "rich"], "URB": ["rural", "urban"]}
    assert qca.replace_categories(["DEV*~URB", "~DEV + URB"], crisp) == REFERENCE["crisp_labelled"]
    with pytest.raises(QCAError, match="needs a label for level 2"):
        qca.replace_categories("DEV[2]", {"DEV": ["a", "b"]})
