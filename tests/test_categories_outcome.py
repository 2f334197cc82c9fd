"""Category labels on the outcome and with ``use_letters`` (``categories=`` of truth_table).

Reference: tests/reference/r14/categories_outcome.json, made by
tests/reference/r14/categories_outcome.R (R QCA 3.25.1 printing declared data).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import qca
from qca.exceptions import QCAError

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "r14" / "categories_outcome.json").read_text()
)
SURV = {"SURV": {0: "failed", 1: "survived"}}
DEV = {"DEV": {0: "poor", 1: "middle", 2: "rich"}}


def _lines(printed: list[str]) -> list[str]:
    lines = [line.rstrip() for line in printed]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _printed(tt: qca.TruthTable) -> list[str]:
    return [line.rstrip() for line in str(tt).splitlines()]


def test_labelled_outcome_prints_as_r() -> None:
    lm = qca.datasets.load("LM")
    tt = qca.truth_table(lm, "SURV", incl_cut=0.8, case_order="data", categories=SURV)
    assert _printed(tt) == _lines(REFERENCE["LM_printed"])
    both = qca.truth_table(lm, "SURV", incl_cut=0.8, case_order="data", categories=DEV | SURV)
    assert _printed(both) == _lines(REFERENCE["LM_dev_printed"])


def test_labelled_fuzzy_outcome_with_remainders_prints_as_r() -> None:
    lf = qca.datasets.load("LF")
    cats = {"SURV": ["collapse", "survival"]}
    tt = qca.truth_table(
        lf, "SURV", incl_cut=0.8, case_order="data", complete=True, categories=cats
    )
    assert _printed(tt) == _lines(REFERENCE["LF_complete_printed"])


def test_models_name_the_labelled_outcome() -> None:
    tt = qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8, categories=DEV | SURV)
    solution = qca.minimize(tt, include="?")
    lines = [line.strip() for line in str(solution).splitlines() if line.startswith("M")][:3]
    # R writes bare labels ("rich + middle*STB[1] <-> survived"); qca keeps the names
    r_models = [line.strip() for line in REFERENCE["LM_models"] if line.startswith("M")]
    assert r_models[0] == "M1: rich + middle*STB[1] <-> survived"
    assert lines[0] == "M1: DEV[rich] + DEV[middle]*STB[1] <-> SURV[survived]"
    assert "SURV[survived]" in solution._repr_html_()
    # labels are presentation only
    plain = qca.minimize(
        qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8), include="?"
    )
    assert solution.to_dict() == plain.to_dict()
    assert (
        tt.to_dict()["rows"]
        == qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8).to_dict()["rows"]
    )


def test_negated_outcome_swaps_the_labels() -> None:
    tt = qca.truth_table(qca.datasets.load("LM"), "~SURV", incl_cut=0.8, categories=SURV)
    rows = {line.split()[0]: line for line in str(tt).splitlines()[6:]}
    assert "failed" in rows["1"] and "survived" in rows["48"]
    solution = qca.minimize(tt, include="?")
    assert "<-> SURV[failed]" in str(solution)
    assert "failed" in tt.summary().__str__()


def test_contradictions_and_remainders_keep_their_codes() -> None:
    tt = qca.truth_table(
        qca.datasets.load("LF"), "SURV", incl_cut=(0.8, 0.5), complete=True, categories=SURV
    )
    text = str(tt)
    assert " C " in text and " ? " in text and "survived" in text


def test_outcome_labels_are_checked() -> None:
    lm = qca.datasets.load("LM")
    with pytest.raises(QCAError, match=r"`categories\['SURV'\]` labels level 2"):
        qca.truth_table(lm, "SURV", categories={"SURV": {2: "x"}})
    with pytest.raises(QCAError, match="not a condition nor the outcome 'SURV'"):
        qca.truth_table(lm, "SURV", categories={"PB": ["a", "b"]})
    multi = lm.assign(LEVEL=lm["DEV"])
    with pytest.raises(QCAError, match="names levels of a multi-value column"):
        qca.truth_table(multi, "LEVEL[2]", ["URB", "LIT"], categories={"LEVEL": ["a", "b", "c"]})


def test_use_letters_accepts_letters_or_names() -> None:
    lm = qca.datasets.load("LM")
    by_name = qca.truth_table(lm, "SURV", incl_cut=0.8, use_letters=True, categories=DEV)
    by_letter = qca.truth_table(
        lm, "SURV", incl_cut=0.8, use_letters=True, categories={"A": DEV["DEV"]}
    )
    assert dict(by_name.categories["A"]) == dict(by_letter.categories["A"]) == DEV["DEV"]
    assert str(by_name) == str(by_letter)
    assert "A[rich]" in str(qca.minimize(by_name, include="?"))
    # a condition already named by its own letter is not ambiguous
    renamed = lm.rename(columns={"DEV": "A"})
    tt = qca.truth_table(renamed, "SURV", use_letters=True, categories={"A": DEV["DEV"]})
    assert dict(tt.categories["A"]) == DEV["DEV"]


def test_use_letters_refuses_ambiguous_or_repeated_keys() -> None:
    lm = qca.datasets.load("LM").rename(columns={"URB": "A", "DEV": "X"})
    with pytest.raises(QCAError, match="key 'A' is ambiguous with `use_letters`"):
        qca.truth_table(lm, "SURV", use_letters=True, categories={"A": ["a", "b"]})
    lm = qca.datasets.load("LM")
    with pytest.raises(QCAError, match=r"labels condition 'A' twice \(as 'DEV' and 'A'\)"):
        qca.truth_table(
            lm, "SURV", use_letters=True, categories={"DEV": ["p", "m", "r"], "A": ["p", "m", "r"]}
        )
