"""Category labels of condition levels in printed truth tables and solutions (issue 14, item 2)."""

from __future__ import annotations

import pickle

import pytest

import qca
from qca.exceptions import QCAError

DEV = {0: "poor", 1: "middle", 2: "rich"}
CATEGORIES = {"DEV": DEV, "URB": ["rural", "urban"]}


@pytest.fixture(scope="module")
def lm():
    return qca.datasets.load("LM")


def _tt(data, **kwargs):
    return qca.truth_table(data, "SURV", incl_cut=0.8, **kwargs)


def test_truth_table_prints_labels_in_the_level_cells(lm) -> None:
    text = str(_tt(lm, categories=CATEGORIES))
    lines = text.splitlines()
    assert lines[5] == "     DEV    URB   LIT IND STB   OUT    n  incl  PRI   cases   "
    assert lines[6] == " 1   poor   rural  0   0   0     0     3  0.000 0.000 ES,GR,PT"
    assert lines[10] == "22   middle rural  1   0   1     1     2  1.000 1.000 FI,IE   "
    assert lines[15] == "48   rich   urban  1   1   1     1     3  1.000 1.000 BE,NL,UK"
    # the legend and every figure of the unlabelled table stay as they were
    plain = str(_tt(lm)).splitlines()
    assert lines[:5] == plain[:5]
    for labelled, bare in zip(lines[6:], plain[6:], strict=True):
        assert labelled.split()[3:] == bare.split()[3:]


def test_partial_labels_keep_unlabelled_levels(lm) -> None:
    tt = _tt(lm, categories={"DEV": {2: "rich"}})
    rows = str(tt).splitlines()[6:]
    assert [line.split()[1] for line in rows] == [
        "0",
        "0",
        "0",
        "0",
        "1",
        "1",
        "1",
        "1",
        "rich",
        "rich",
    ]
    sol = qca.minimize(tt, include="?")
    assert str(sol).splitlines()[1] == "M1: DEV[rich] + DEV[1]*STB[1] <-> SURV[1]"


def test_repr_summary_and_html_show_labels(lm) -> None:
    tt = _tt(lm, categories=CATEGORIES)
    assert repr(tt).endswith("incl_cut=0.8; labels for DEV, URB>")
    summary = str(tt.summary())
    assert "categories: DEV: 0 = poor, 1 = middle, 2 = rich; URB: 0 = rural, 1 = urban" in summary
    assert "48  rich    urban" in summary
    html = tt._repr_html_()
    assert "<td>middle</td>" in html and "<td>rural</td>" in html


def test_solution_prints_labelled_terms_and_keeps_plain_data(lm) -> None:
    tt = _tt(lm, categories=CATEGORIES)
    sol = qca.minimize(tt, include="?")
    plain = qca.minimize(_tt(lm), include="?")
    lines = str(sol).splitlines()
    assert lines[1:4] == [
        "M1: DEV[rich] + DEV[middle]*STB[1] <-> SURV[1]",
        "M2: DEV[middle]*IND[0] + IND[1]*STB[1] <-> SURV[1]",
        "M3: DEV[middle]*STB[1] + IND[1]*STB[1] <-> SURV[1]",
    ]
    assert lines[7].split()[:2] == ["1", "DEV[rich]"]
    assert lines[8].split()[:2] == ["2", "DEV[middle]*STB[1]"]
    # figures and cases unchanged
    for labelled, bare in zip(lines[7:], str(plain).splitlines()[7:], strict=True):
        assert labelled.split()[2:] == bare.split()[2:]
    assert "DEV[rich] + DEV[middle]*STB[1]" in repr(sol)
    assert "M1: DEV[rich] + DEV[middle]*STB[1] -&gt; SURV[1]" in sol._repr_html_()
    summary = str(sol.summary())
    assert "M1: DEV[rich] + DEV[middle]*STB[1]" in summary
    assert "categories:" in summary
    # machine-readable views keep the levels
    assert sol.models[0].terms == ("DEV[2]", "DEV[1]*STB[1]")
    assert sol.to_dict() == plain.to_dict()
    assert sol.to_frame().equals(plain.to_frame())
    assert tt.to_dict() == _tt(lm).to_dict()
    assert tt.to_frame().equals(_tt(lm).to_frame())
    assert dict(sol.categories["DEV"]) == DEV


def test_crisp_literals_are_labelled_by_level() -> None:
    lf = qca.datasets.load("LF")
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8, categories={"URB": {0: "rural", 1: "urban"}})
    assert str(qca.minimize(tt)).splitlines()[1] == (
        "M1: DEV*URB[urban]*LIT*IND*STB + DEV*URB[rural]*LIT*~IND*STB -> SURV"
    )


def test_intermediate_solution_is_labelled() -> None:
    lf = qca.datasets.load("LF")
    cats = {"STB": {1: "stable"}}
    labelled = qca.minimize(
        qca.truth_table(lf, "SURV", incl_cut=0.8, categories=cats), include="?", dir_exp="DEV, STB"
    )
    plain = qca.minimize(qca.truth_table(lf, "SURV", incl_cut=0.8), include="?", dir_exp="DEV, STB")
    lines = str(labelled).splitlines()
    assert lines[3] == "M1:    DEV*URB*LIT*IND*STB[stable] + DEV*~URB*LIT*~IND*STB[stable] -> SURV"
    assert lines[3].replace("STB[stable]", "STB") == str(plain).splitlines()[3]
    assert lines[7].split()[:2] == ["1", "DEV*URB*LIT*IND*STB[stable]"]
    assert labelled.to_dict() == plain.to_dict()


def test_no_labels_no_change(lm) -> None:
    base = _tt(lm)
    for empty in (None, {}):
        tt = _tt(lm, categories=empty)
        assert str(tt) == str(base)
        assert repr(tt) == repr(base)
        assert str(tt.summary()) == str(base.summary())
        assert tt._repr_html_() == base._repr_html_()
        assert str(qca.minimize(tt, include="?")) == str(qca.minimize(base, include="?"))
        assert tt.categories == {}


def test_pickle_keeps_categories(lm) -> None:
    tt = pickle.loads(pickle.dumps(_tt(lm, categories=CATEGORIES)))
    assert dict(tt.categories["URB"]) == {0: "rural", 1: "urban"}
    assert "middle" in str(tt)


@pytest.mark.parametrize(
    ("categories", "words"),
    [
        ({"XYZ": {0: "a"}}, ["`categories`", "'XYZ'", "not a condition"]),
        ({"SURV": {3: "a"}}, ["categories['SURV']", "level 3", "[0, 1]"]),
        ({"DEV[2]": {0: "a"}}, ["'DEV[2]'", "not a condition nor the outcome 'SURV'"]),
        ({"DEV": {3: "huge"}}, ["categories['DEV']", "level 3", "[0, 1, 2]"]),
        ({"DEV": {"2": "rich"}}, ["categories['DEV']", "level '2'"]),
        ({"DEV": {True: "rich"}}, ["level True"]),
        ({"DEV": ["a", "b", "c", "d"]}, ["level 3"]),
        ({"DEV": {2: 7}}, ["categories['DEV']", "level 2", "label 7", "non-empty strings"]),
        ({"DEV": {2: ""}}, ["label ''"]),
        ({"DEV": "rich"}, ["categories['DEV']", "'rich'"]),
        (["DEV"], ["`categories` must be a mapping", "['DEV']"]),
    ],
)
def test_bad_categories_are_refused(lm, categories, words) -> None:
    with pytest.raises(QCAError) as err:
        _tt(lm, categories=categories)
    message = str(err.value)
    assert message.startswith("truth_table(): ")
    for word in words:
        assert word in message, (word, message)
