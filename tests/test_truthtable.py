"""Tests of qca.truthtable: R parity (tests/reference/truth_tables.json), contract, errors,
properties and the `qca truthtable` command."""

from __future__ import annotations

import dataclasses
import json
import math
import pickle
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qca._core.encode import row_ids
from qca._render.limits import MAX_ROWS
from qca._render.summary import Summary
from qca._render.text import truth_table_lines
from qca.exceptions import (
    HalfMembershipWarning,
    NoConfigurationsError,
    ProblemTooLargeError,
    QCAError,
)
from qca.truthtable import OUT_CATEGORIES, TruthTable, truth_table
from qca.truthtable.kernels import row_fit as _row_fit

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "truth_tables.json").read_text(encoding="utf-8")
)
CASES = {case["id"]: case for case in REFERENCE["cases"]}


def _data(dataset: str) -> pd.DataFrame:
    d = REFERENCE["datasets"][dataset]
    return pd.DataFrame(d["rows"], columns=d["columns"], index=d["case_names"])


def _build(case: dict, data: pd.DataFrame | None = None) -> TruthTable:
    params = case["truth_table_params"]
    data = _data(case["dataset"]) if data is None else data
    return truth_table(
        data,
        params["outcome"],
        params["conditions"],
        incl_cut=params["incl.cut"],
        n_cut=params["n.cut"],
        show_cases=params["show.cases"],
        sort_by=params["sort.by"] or None,
    )


def _has_half(case: dict) -> bool:
    d = REFERENCE["datasets"][case["dataset"]]
    return any(row[c] == 0.5 for row in d["rows"] for c in case["conditions"])


# ---------------------------------------------------------------------------------------------
# R parity
# ---------------------------------------------------------------------------------------------

R_OK = sorted(k for k, c in CASES.items() if "rows" in c["truth_table"])
R_ERROR = sorted(k for k, c in CASES.items() if "error" in c["truth_table"])


def test_reference_file_is_complete():
    assert len(CASES) == 69
    assert R_ERROR == ["ds_d.BWB_IM_incl0.8", "ds_d.BWB_IM_incl1", "ds_d.BWB_negIM_incl0.8"]


@pytest.mark.parametrize("case_id", R_OK)
def test_same_truth_table_as_r(case_id):
    case = CASES[case_id]
    data = _data(case["dataset"])
    check_truth_table(case, data, _has_half(case))


def check_truth_table(case: dict, data: pd.DataFrame, has_half: bool) -> None:
    """truth_table() against R's truthTable() record of the case (rows, codes, figures)."""
    if has_half:
        with pytest.warns(HalfMembershipWarning, match="exactly 0.5"):
            tt = _build(case, data)
    else:
        tt = _build(case, data)
    ref = case["truth_table"]
    assert list(tt.conditions) == ref["conditions"]
    assert list(tt.noflevels) == ref["noflevels"]
    table = tt.table
    assert table.index.tolist() == [row["row"] for row in ref["rows"]]
    for row in ref["rows"]:
        got = table.loc[row["row"]]
        assert [int(got[c]) for c in tt.conditions] == [row[c] for c in ref["conditions"]]
        assert str(got["OUT"]) == row["OUT"]
        assert int(got["n"]) == row["n"]
        assert got["incl"] == pytest.approx(row["incl"], abs=1e-6)
        assert got["PRI"] == pytest.approx(row["PRI"], abs=1e-6)
        # R lists a row's cases in data order; we list them in natural name order
        assert sorted(got["cases"]) == sorted(row["cases"])
    # every configuration not listed is a remainder, as R's remainder_rows (R keeps no
    # remainder rows above 7 conditions)
    remainders = sorted(set(range(1, tt.n_rows + 1)) - set(table.index.tolist()))
    assert remainders == ref["remainder_rows"] or (
        len(tt.conditions) > 7 and not ref["remainder_rows"]
    )


@pytest.mark.parametrize("case_id", R_OK)
def test_printed_like_r(case_id):
    case = CASES[case_id]
    check_printed_truth_table(case, _data(case["dataset"]))


def check_printed_truth_table(case: dict, data: pd.DataFrame) -> None:
    """Our printed truth table against R's print() lines."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HalfMembershipWarning)
        tt = _build(case, data)
    order = {name: i for i, name in enumerate(data.index)}
    assert truth_table_lines(tt, case_order=order) == case["truth_table"]["printed"]


@pytest.mark.parametrize("case_id", R_ERROR)
def test_missing_values_refused_like_r(case_id):
    case = CASES[case_id]
    assert "Missing values" in case["truth_table"]["error"]
    with pytest.raises(QCAError, match=r"column 'BC' has missing values \(case '03'"):
        _build(case)


# ---------------------------------------------------------------------------------------------
# small data sets
# ---------------------------------------------------------------------------------------------


def _lf() -> pd.DataFrame:
    return _data("LF")


def _crisp() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "A": [1, 1, 1, 0, 0, 1],
            "B": [0, 0, 1, 1, 0, 0],
            "Y": [1, 0, 1, 0, 0, 1],
        },
        index=["c1", "c2", "c3", "c4", "c5", "c6"],
    )


def test_table_contract_dtypes_and_index():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8)
    table = tt.table
    assert table.index.name == "row"
    assert table.index.dtype == np.int64
    assert list(table.columns) == [*tt.conditions, "OUT", "n", "incl", "PRI", "cases", "DCC"]
    assert all(table[c].dtype == np.int64 for c in tt.conditions)
    assert isinstance(table["OUT"].dtype, pd.CategoricalDtype)
    assert list(table["OUT"].cat.categories) == list(OUT_CATEGORIES)
    assert table["n"].dtype == np.int64
    assert table["incl"].dtype == np.float64 and table["PRI"].dtype == np.float64
    assert all(isinstance(v, tuple) and all(isinstance(s, str) for s in v) for v in table["cases"])
    assert tt.noflevels == (2,) * 5 and tt.multivalue is False and tt.fuzzy == (True,) * 5
    assert tt.incl_cut == (0.8, 0.8) and tt.n_cut == 1 and tt.pri_cut == 0.0
    assert tt.row_ids("1").tolist() == [22, 32]
    assert tt.row_ids(["0", "C"]).tolist() == [1, 2, 5, 6, 23, 24, 31]


def test_memberships_copy_with_outcome_negated():
    data = _lf()
    tt = truth_table(data, "~SURV", incl_cut=0.8)
    m = tt.memberships
    assert list(m.columns) == [*tt.conditions, "~SURV"]
    assert sorted(m.index) == sorted(data.index)
    np.testing.assert_array_equal(m.loc[data.index, "~SURV"], 1 - data["SURV"])
    np.testing.assert_array_equal(m.loc[data.index, "DEV"], data["DEV"])
    assert tt.outcome == "~SURV"


def test_caller_data_never_modified():
    data = _lf()
    data.iloc[0, 0] = 0.5  # a half membership too
    before = data.copy(deep=True)
    with pytest.warns(HalfMembershipWarning):
        tt = truth_table(data, "~SURV", incl_cut=(0.8, 0.6), complete=True, sort_by="incl")
    pd.testing.assert_frame_equal(data, before)
    handed_out = tt.memberships
    handed_out.iloc[0, 0] = 0.99  # the result holds its own copy
    pd.testing.assert_frame_equal(data, before)


def test_frozen():
    tt = truth_table(_crisp(), "Y")
    with pytest.raises(AttributeError):
        tt.n_cut = 3  # type: ignore[misc]


def _fields(tt: TruthTable) -> dict:
    names = (
        "conditions",
        "outcome",
        "noflevels",
        "multivalue",
        "fuzzy",
        "memberships",
        "table",
        "incl_cut",
        "n_cut",
        "pri_cut",
        "complete",
        "sort_by",
        "show_cases",
        "dcc",
        "half_cases",
    )
    return {name: getattr(tt, name) for name in names}


def test_writes_through_table_and_memberships_never_reach_the_truth_table():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8)
    document, text = json.dumps(tt.to_dict()), str(tt)
    incl, dev = tt.table.loc[22, "incl"], tt.memberships.iloc[0, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns that a chained assignment does nothing
        tt.table.loc[22, "incl"] = 0.1
        tt.memberships.iloc[0, 0] = 0.99
    table = tt.table
    table.loc[22, "incl"] = 0.1
    table["OUT"] = table["OUT"].cat.set_categories(list(OUT_CATEGORIES)).fillna("1")
    del table["n"]
    table.index.name = "changed"
    memberships = tt.memberships
    memberships.iloc[:, 0] = 0.0
    memberships["extra"] = 1.0
    assert tt.table.loc[22, "incl"] == incl and tt.memberships.iloc[0, 0] == dev
    assert json.dumps(tt.to_dict()) == document and str(tt) == text
    assert tt.table.index.name == "row" and "extra" not in tt.memberships
    assert tt.table is not tt.table  # a new copy at each access


def test_constructor_keywords_and_own_frames():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8)
    fields = _fields(tt)
    again = TruthTable(**fields)
    assert json.dumps(again.to_dict()) == json.dumps(tt.to_dict()) and str(again) == str(tt)
    fields["table"].loc[22, "incl"] = 0.1  # the frame given to the constructor, changed later
    fields["memberships"].iloc[0, 0] = 0.99
    assert json.dumps(again.to_dict()) == json.dumps(tt.to_dict())
    assert again.memberships.equals(tt.memberships)


def test_assigning_any_attribute_raises():
    tt = truth_table(_crisp(), "Y")
    for name in ("table", "memberships", "n_cut", "conditions", "_table", "new"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(tt, name, None)
    with pytest.raises(AttributeError):
        del tt.table


def test_pickle_round_trip():
    tt = truth_table(_crisp(), "Y", incl_cut=(1, 0.5), complete=True)
    back = pickle.loads(pickle.dumps(tt))
    assert json.dumps(back.to_dict()) == json.dumps(tt.to_dict())
    assert str(back) == str(tt) and repr(back) == repr(tt)
    pd.testing.assert_frame_equal(back.table, tt.table)
    pd.testing.assert_frame_equal(back.memberships, tt.memberships)
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.table = None  # type: ignore[misc]


def _header(summary) -> dict[str, str]:
    return dict(summary.header)


def test_summary():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8)
    summary = tt.summary()
    assert isinstance(summary, Summary) and summary.title == "Truth table for SURV"
    assert _header(summary) == {
        "outcome": "SURV",
        "conditions": "DEV, URB, LIT, IND, STB",
        "levels": "2 each (fuzzy)",
        "cut-offs": "incl_cut=0.8, n_cut=1, pri_cut=0",
        "rows": "9 observed: 2 positive (1), 7 negative (0), 0 contradictions (C)",
        "remainders": "23 unobserved of 32 configurations, not listed (complete=False)",
        "cases": "18",
    }
    (table,) = summary.tables
    assert table.columns == (*tt.conditions, "OUT", "n", "incl", "PRI", "cases")
    assert table.index == tuple(str(i) for i in tt.table.index) and table.hidden == 0
    assert table.rows[-1] == (
        1,
        1,
        1,
        1,
        1,
        "1",
        4,
        tt.table.loc[32, "incl"],
        tt.table.loc[32, "PRI"],
        "BE,CZ,NL,UK",
    )
    text = str(summary)
    assert text.startswith("Truth table for SURV\n====================\noutcome:    SURV")
    assert "BE,CZ,NL,UK" in text and "- : undefined" in text
    assert "<th>cut-offs</th><td>incl_cut=0.8, n_cut=1, pri_cut=0</td>" in summary._repr_html_()


def test_summary_counts_contradictions_n_cut_half_cases_and_levels():
    data = _crisp().assign(A=[1, 1, 1, 0, 0.5, 1])  # c5: a half membership
    with pytest.warns(HalfMembershipWarning):
        tt = truth_table(data, "Y", incl_cut=(1, 0.5), n_cut=2, pri_cut=0.2, complete=True)
    header = _header(tt.summary())
    assert header["cut-offs"] == "incl_cut=(1, 0.5), n_cut=2, pri_cut=0.2"
    assert header["levels"] == "A 2 (fuzzy), B 2 (crisp)"
    # rows: A=1,B=0 c1,c2,c6 (C); A=0,B=1 c4 and A=1,B=1 c3 (below n_cut); A=0,B=0 unobserved
    assert header["rows"] == (
        "3 observed: 0 positive (1), 0 negative (0), 1 contradiction (C), 2 below n_cut (?)"
    )
    assert header["remainders"] == (
        "1 unobserved of 4 configurations, listed (complete=True); "
        "3 remainders with the observed rows below n_cut"
    )
    assert header["cases"] == "6; 1 with a membership of exactly 0.5, in no row: c5"
    mv = pd.DataFrame({"A": [0, 1, 2, 2], "B": [1, 0, 1, 1], "Y": [1, 0, 1, 1]}, index=list("pqrs"))
    assert _header(truth_table(mv, "Y").summary())["levels"] == "A 3 (multi-value), B 2 (crisp)"


def test_summary_table_is_capped():
    data = pd.DataFrame(np.zeros((2, 12), dtype=int), columns=[f"C{j}" for j in range(11)] + ["Y"])
    summary = truth_table(data, "Y", complete=True).summary()
    (table,) = summary.tables
    assert len(table.rows) == MAX_ROWS and table.hidden == 2048 - MAX_ROWS
    assert f"… {2048 - MAX_ROWS:,} more rows; `tt.table` has them all" in str(summary)
    assert _header(summary)["remainders"].startswith("2,047 unobserved of 2,048 configurations")


def test_crisp_contradiction_and_incl():
    tt = truth_table(_crisp(), "Y")
    table = tt.table
    # row A=1,B=0 (id 3): cases c1, c2, c6 with outcomes 1, 0, 1
    assert table.loc[3, "cases"] == ("c1", "c2", "c6")
    assert table.loc[3, "incl"] == 2 / 3
    assert str(table.loc[3, "OUT"]) == "0"  # R: incl_cut=1 alone never gives "C"
    assert table.loc[3, "DCC"] == ("c2",)
    tt2 = truth_table(_crisp(), "Y", incl_cut=(1, 0.5))
    assert str(tt2.table.loc[3, "OUT"]) == "C"
    assert tt2.incl_cut == (1.0, 0.5)
    assert "1 contradiction)" in repr(tt2)


def test_pri_cut_and_tolerance():
    data = pd.DataFrame({"A": [0.8, 0.7, 0.6], "Y": [0.8, 0.7, 0.4]}, index=list("pqr"))
    tt = truth_table(data, "Y", incl_cut=0.8)
    incl, pri = tt.table.loc[2, ["incl", "PRI"]]
    assert str(tt.table.loc[2, "OUT"]) == ("1" if incl >= 0.8 else "0")
    strict = truth_table(data, "Y", incl_cut=0.8, pri_cut=min(1.0, pri + 0.01))
    assert str(strict.table.loc[2, "OUT"]) == "0"
    # R's agteb(): incl within sqrt(eps) below the cut-off still passes
    just_below = truth_table(data, "Y", incl_cut=float(incl) + 1e-10)
    assert str(just_below.table.loc[2, "OUT"]) == "1"


def test_contradiction_rule_exactly_as_r():
    # incl = 1 - 1.1e-10: R's ic0 is 1 for a single cut-off, so incl_cut=1 makes this row "C"
    data = pd.DataFrame({"A": [0.9], "Y": [0.9 - 1e-10]}, index=["p"])
    assert str(truth_table(data, "Y").table.loc[2, "OUT"]) == "C"
    assert str(truth_table(data, "Y", incl_cut=0.95).table.loc[2, "OUT"]) == "1"
    # a pair: the tolerance band below ic1 is "C" too (R overrides the 1)
    data = pd.DataFrame({"A": [1.0, 1.0], "Y": [0.8 - 1e-10, 0.8]}, index=["p", "q"])
    incl = truth_table(data, "Y", incl_cut=0.8).table.loc[2, "incl"]
    assert 0.8 - 1e-8 < incl < 0.8
    assert str(truth_table(data, "Y", incl_cut=0.8).table.loc[2, "OUT"]) == "1"
    assert str(truth_table(data, "Y", incl_cut=(0.8, 0.8)).table.loc[2, "OUT"]) == "C"
    assert str(truth_table(data, "Y", incl_cut=(0.8, 0.7)).table.loc[2, "OUT"]) == "C"
    assert str(truth_table(data, "Y", incl_cut=(0.9, 0.85)).table.loc[2, "OUT"]) == "0"


def test_n_cut_rows_become_remainders_but_stay_listed():
    tt = truth_table(_crisp(), "Y", n_cut=2)
    table = tt.table
    assert table.loc[4, "n"] == 1 and str(table.loc[4, "OUT"]) == "?"
    assert str(table.loc[3, "OUT"]) == "0"
    assert "below n_cut" in repr(tt)
    assert not any(line.startswith("4 ") for line in str(tt).splitlines())  # R hides "?" rows


def test_complete_lists_every_remainder():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8, complete=True)
    table = tt.table
    assert table.index.tolist() == list(range(1, 33))
    remainder = table.loc[3]
    assert remainder["n"] == 0 and str(remainder["OUT"]) == "?" and remainder["cases"] == ()
    assert math.isnan(remainder["incl"]) and math.isnan(remainder["PRI"])
    lines = str(tt).splitlines()
    assert any(line.startswith(" 3 ") and "  -  " in line for line in lines)
    assert tt.to_dict()["rows"][2]["incl"] is None


def test_complete_refused_when_huge():
    data = pd.DataFrame(np.eye(2, 22, dtype=int), columns=[f"C{i}" for i in range(21)] + ["Y"])
    with pytest.raises(ProblemTooLargeError, match=r"would list 2,097,152 rows"):
        truth_table(data, "Y", complete=True)


def test_sort_by_like_r():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8, sort_by=["OUT", "n"])
    table = tt.table
    assert table.index.tolist()[:2] == [32, 22]  # OUT 1 first, then by n decreasing
    assert table["n"].tolist()[2:] == sorted(table["n"].tolist()[2:], reverse=True)
    up = truth_table(_lf(), "SURV", incl_cut=0.8, sort_by={"incl": False})
    assert up.table["incl"].is_monotonic_increasing
    data = _crisp().drop(index="c5")
    cont = truth_table(data, "Y", incl_cut=(1, 0.5), sort_by="OUT", complete=True)
    assert [str(v) for v in cont.table["OUT"]] == ["C", "1", "0", "?"]  # R: C > 1 > 0, "?" last
    assert cont.table.index.tolist() == [3, 4, 2, 1]


def test_dcc_and_show_cases_printing():
    tt = truth_table(_crisp(), "Y", dcc=True)
    lines = str(tt).splitlines()
    assert "  DCC: deviant cases consistency" in lines
    header = next(line for line in lines if "OUT" in line and "incl" in line)
    assert header.rstrip().endswith("DCC")
    hidden = truth_table(_crisp(), "Y", show_cases=False)
    header = next(line for line in str(hidden).splitlines() if "OUT" in line and "incl" in line)
    assert header.rstrip().endswith("PRI") and "cases" not in header


def test_repr_text_html_dict():
    tt = truth_table(_lf(), "SURV", incl_cut=0.8)
    assert repr(tt) == (
        "<TruthTable: 5 conditions, 9 observed rows (2 positive, 0 contradictions), "
        "23 remainders; outcome SURV; incl_cut=0.8>"
    )
    text = str(tt)
    assert text.splitlines()[0] == "  OUT: output value" and not text.endswith("\n")
    frame = tt.to_frame()
    frame.iloc[0, 0] = 9
    assert tt.table.iloc[0, 0] == 0
    document = tt.to_dict()
    json.dumps(document, allow_nan=False)
    assert document["rows"][0] == {
        "row": 1,
        "DEV": 0,
        "URB": 0,
        "LIT": 0,
        "IND": 0,
        "STB": 0,
        "OUT": "0",
        "n": 3,
        "incl": tt.table.loc[1, "incl"],
        "PRI": 0.0,
        "cases": ["ES", "GR", "PT"],
        "DCC": ["ES", "GR", "PT"],
    }
    assert document["options"]["incl_cut"] == [0.8, 0.8]
    html_text = tt._repr_html_()
    assert html_text.startswith('<table class="qca-table qca-truth-table">')
    assert "BE, CZ, NL, UK" in html_text


def test_conditions_string_is_one_name():
    tt = truth_table(_lf(), "SURV", "DEV")
    assert tt.conditions == ("DEV",)
    with pytest.raises(
        QCAError, match=r"a list of column names; got the string 'DEV,URB'. Write \['DEV', 'URB'\]"
    ):
        truth_table(_lf(), "SURV", "DEV,URB")


def test_non_string_column_labels():
    data = pd.DataFrame({0: [1, 0, 1], 1: [1, 0, 0]}, index=["p", "q", "r"])
    # "0" would be read as a number in an expression: refused by the one identifier rule
    with pytest.raises(QCAError, match=r"outcome '1' is not a valid name \(it starts with '1'\)"):
        truth_table(data, "1")
    tt = truth_table(data.set_axis(["A0", "A1"], axis=1), "A1")
    assert tt.conditions == ("A0",) and tt.table.loc[2, "incl"] == 0.5
    data = pd.DataFrame([[1, 0, 1]], columns=[1, "1", "Y"])
    with pytest.raises(QCAError, match=r"column names \['1'\] appear more than once"):
        truth_table(data, "Y")


def test_html_truncates_long_tables():
    data = pd.DataFrame(np.zeros((2, 12), dtype=int), columns=[f"C{j}" for j in range(11)] + ["Y"])
    html_text = truth_table(data, "Y", complete=True)._repr_html_()
    assert html_text.count('<tr class="') == 1025 and "1,024 more rows" in html_text


def test_html_escapes_names():
    data = pd.DataFrame({"A": [1, 0], "Y": [1, 0]}, index=["<b>x</b>", "a&b"])
    html_text = truth_table(data, "Y")._repr_html_()
    assert (
        "<b>x</b>" not in html_text
        and "&lt;b&gt;x&lt;/b&gt;" in html_text
        and "a&amp;b" in html_text
    )


def test_multivalue_conditions_and_outcome_levels():
    data = pd.DataFrame(
        {"A": [0, 1, 2, 2, 1], "B": [1, 0, 1, 1, 0], "Y": [2, 0, 2, 1, 2]},
        index=["u", "v", "w", "x", "z"],
    )
    tt = truth_table(data, "Y[2]", ["A", "B"])
    assert tt.noflevels == (3, 2) and tt.multivalue and tt.fuzzy == (False, False)
    assert tt.table.index.tolist() == [2, 3, 6]  # 1 + 2*A + B
    assert tt.table.loc[6, "incl"] == 0.5 and tt.table.loc[3, "incl"] == 0.5
    np.testing.assert_array_equal(
        tt.memberships.loc[["u", "v", "w", "x", "z"], "Y[2]"], [1, 0, 1, 0, 1]
    )
    curly = truth_table(data, " Y{ 2 }", ["A", "B"])
    pd.testing.assert_frame_equal(curly.table, tt.table)
    assert curly.outcome == "Y[2]" and list(curly.memberships.columns) == ["A", "B", "Y[2]"]
    assert truth_table(data, "~ Y[1, 2]", ["A", "B"]).outcome == "~Y[1,2]"
    several = truth_table(data, "Y[1,2]", ["A", "B"])
    assert several.table.loc[6, "incl"] == 1.0
    negated = truth_table(data, "~Y[2]", ["A", "B"])
    assert negated.table.loc[2, "incl"] == 0.0 and negated.outcome == "~Y[2]"
    # the memberships of a result feed a new analysis: "Y[2]" is then a column name
    again = truth_table(tt.memberships, "~Y[2]", ["A", "B"])
    pd.testing.assert_frame_equal(again.table, negated.table)


def test_half_membership_warns_and_is_not_placed():
    data = pd.DataFrame(
        {"A": [0.5, 0.8, 0.2, 0.9], "B": [0.7, 0.5, 0.1, 0.6], "Y": [0.6, 0.7, 0.1, 0.9]},
        index=["p", "q", "r", "s"],
    )
    with pytest.warns(HalfMembershipWarning, match=r"2 case\(s\).*'p' \(A\), 'q' \(B\)"):
        tt = truth_table(data, "Y")
    assert tt.half_cases == ("p", "q")
    assert tt.table["n"].sum() == 2
    placed = [c for cases in tt.table["cases"] for c in cases]
    assert sorted(placed) == ["r", "s"]


def test_no_configurations_error():
    with pytest.raises(
        NoConfigurationsError, match=r"no truth-table row has n >= n_cut=4 \(largest n is 3\)"
    ):
        truth_table(_crisp(), "Y", n_cut=4)
    data = pd.DataFrame({"A": [0.5, 0.5], "Y": [1, 0]}, index=["p", "q"])
    with (
        pytest.warns(HalfMembershipWarning),
        pytest.raises(NoConfigurationsError, match="largest n is 0"),
    ):
        truth_table(data, "Y")


# ---------------------------------------------------------------------------------------------
# validation messages
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"outcome": "SURVX"}, r"outcome 'SURVX' not found in `data`. Available columns: \['DEV'"),
        ({"outcome": ""}, r"`outcome` must be a column name"),
        ({"outcome": 3}, r"`outcome` must be a column name"),
        ({"outcome": "SURV[a]"}, r"levels in `outcome` 'SURV\[a\]' must be numbers"),
        ({"outcome": "SURV[]"}, r"names no level"),
        ({"outcome": "SU]RV"}, r"is not a column name, a negated one"),
        (
            {"outcome": "SURV", "conditions": ["DEV", "SURV"]},
            r"`outcome` 'SURV' is also listed in `conditions`",
        ),
        ({"outcome": "~SURV", "conditions": ["SURV"]}, r"`outcome` 'SURV' is also listed"),
        (
            {"outcome": "SURV", "conditions": ["DEV", "XX"]},
            r"condition\(s\) \['XX'\] not found in `data`. Available columns: \['DEV', 'URB'",
        ),
        ({"outcome": "SURV", "conditions": ["DEV", "DEV"]}, r"\['DEV'\] listed more than once"),
        ({"outcome": "SURV", "conditions": []}, r"`conditions` is empty"),
        (
            {"outcome": "SURV", "incl_cut": 1.2},
            r"`incl_cut` must be a number in \[0, 1\] or a pair .*got 1.2",
        ),
        (
            {"outcome": "SURV", "incl_cut": (0.6, 0.8)},
            r"ic0 <= ic1; got \(0.6, 0.8\) \(ic0 > ic1\)",
        ),
        ({"outcome": "SURV", "incl_cut": (0.9, 0.8, 0.7)}, r"`incl_cut` must be"),
        ({"outcome": "SURV", "incl_cut": "0.8"}, r"`incl_cut` must be .*got '0.8'"),
        ({"outcome": "SURV", "incl_cut": (0.8, None)}, r"`incl_cut` must be"),
        ({"outcome": "SURV", "n_cut": 0}, r"`n_cut` must be an integer >= 1; got 0"),
        ({"outcome": "SURV", "n_cut": 1.5}, r"`n_cut` must be an integer >= 1; got 1.5"),
        ({"outcome": "SURV", "n_cut": "x"}, r"`n_cut` must be an integer >= 1; got 'x'"),
        ({"outcome": "SURV", "pri_cut": -0.1}, r"`pri_cut` must be a number in \[0, 1\]; got -0.1"),
        ({"outcome": "SURV", "pri_cut": "x"}, r"`pri_cut` must be a number in \[0, 1\]; got 'x'"),
        (
            {"outcome": "SURV", "sort_by": "bogus"},
            r"`sort_by` key 'bogus' is not a truth-table column",
        ),
        (
            {"outcome": "SURV", "sort_by": {"incl": "yes"}},
            r"`sort_by` values must be True .* got 'yes' for 'incl'",
        ),
    ],
)
def test_validation_messages(kwargs, message):
    with pytest.raises(QCAError, match=message):
        truth_table(_lf(), **kwargs)


def test_values_outside_unit_interval():
    data = pd.DataFrame({"URB": [0.2, 1.3], "Y": [0, 1]}, index=["France", "Italy"])
    with pytest.raises(
        QCAError, match=r"condition 'URB' has values outside \[0, 1\]: 1.3 \(case 'Italy'\)"
    ):
        truth_table(data, "Y")
    data = pd.DataFrame({"A": [0, 1, 2], "Y": [0, 2, 1]}, index=["p", "q", "r"])
    with pytest.raises(
        QCAError,
        match=r"outcome 'Y' has values outside \[0, 1\]: 2 \(case 'q'\); "
        r"for a multi-value outcome name the level, e.g. 'Y\[2\]'",
    ):
        truth_table(data, "Y")
    data = pd.DataFrame({"A": [0, -1, 1], "Y": [0, 1, 1]}, index=["p", "q", "r"])
    with pytest.raises(QCAError, match=r"condition 'A' has a negative value -1 \(case 'q'\)"):
        truth_table(data, "Y")


def test_missing_and_non_numeric_values():
    data = pd.DataFrame({"A": [0.2, np.nan], "Y": [0, 1]}, index=["p", "q"])
    with pytest.raises(QCAError, match=r"column 'A' has missing values \(case 'q'\)"):
        truth_table(data, "Y")
    data = pd.DataFrame({"A": [0.2, "high"], "Y": [0, 1]}, index=["p", "q"])
    with pytest.raises(QCAError, match=r"column 'A' has a non-numeric value 'high' \(case 'q'\)"):
        truth_table(data, "Y")
    data = pd.DataFrame({"A": [0.2, 0.7], "B": [np.nan, 1], "Y": [0, 1]}, index=["p", "q"])
    truth_table(data, "Y", ["A"])  # an unused column may have missing values


def test_other_input_errors():
    with pytest.raises(QCAError, match=r"`data` must be a pandas DataFrame; got dict"):
        truth_table({"A": [1]}, "A")  # type: ignore[arg-type]
    data = pd.DataFrame({"A": [1, 0], "Y": [1, 0]}, index=["p", "p"])
    with pytest.raises(
        QCAError, match=r"case names \(the index of `data`\) must be unique; duplicated: \['p'\]"
    ):
        truth_table(data, "Y")
    data = pd.DataFrame({"PRI": [1, 0], "Y": [1, 0]}, index=["p", "q"])
    with pytest.raises(
        QCAError, match=r"condition\(s\) \['PRI'\] have the name of a truth-table column"
    ):
        truth_table(data, "Y")
    with pytest.raises(QCAError, match=r"`data` has no column besides the outcome 'Y'"):
        truth_table(pd.DataFrame({"Y": [1, 0]}), "Y")


# ---------------------------------------------------------------------------------------------
# kernel against brute force, and properties
# ---------------------------------------------------------------------------------------------


def _brute_row_fit(x, fuzzy, y, configurations):
    """Obviously correct: Python loops, exact rational sums, one rounding per ratio."""
    from fractions import Fraction

    incl, pri = [], []
    for config in configurations:
        sx = sb = sp = Fraction(0)
        for i in range(x.shape[0]):
            lits = []
            for j, level in enumerate(config):
                value = float(x[i, j])
                if fuzzy[j]:
                    lits.append(value if level == 1 else 1.0 - value)
                else:
                    lits.append(1.0 if value == level else 0.0)
            m = min(lits)
            both = min(m, float(y[i]))
            sx += Fraction(m)
            sb += Fraction(both)
            sp += Fraction(min(both, 1.0 - float(y[i])))
        incl.append(float(sb / sx) if sx else math.nan)
        pri.append(float((sb - sp) / (sx - sp)) if sx != sp else math.nan)
    return np.array(incl), np.array(pri)


grid = st.integers(0, 100).map(lambda v: v / 100)


@st.composite
def data_sets(draw, kinds=("crisp", "fuzzy", "mv")):
    k = draw(st.integers(1, 4))
    n = draw(st.integers(1, 12))
    columns = {}
    for j in range(k):
        kind = draw(st.sampled_from(kinds))
        if kind == "crisp":
            values = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
        elif kind == "mv":
            values = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
        else:
            values = draw(st.lists(grid, min_size=n, max_size=n))
        columns[f"C{j}"] = values
    if "fuzzy" in kinds:
        columns["Y"] = draw(st.lists(grid, min_size=n, max_size=n))
    else:
        columns["Y"] = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    names = draw(
        st.lists(st.text("abcxyz019", min_size=1, max_size=4), min_size=n, max_size=n, unique=True)
    )
    return pd.DataFrame(columns, index=names)


def _quiet_tt(data, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HalfMembershipWarning)
        return truth_table(data, *args, **kwargs)


@given(data_sets(), st.data())
def test_row_fit_equals_exact_brute_force(data, draw):
    try:
        tt = _quiet_tt(data, "Y", complete=True)
    except NoConfigurationsError:  # every case has a 0.5 score: no row at all
        return
    x = tt.memberships[list(tt.conditions)].to_numpy(dtype=float)
    y = tt.memberships["Y"].to_numpy(dtype=float)
    configurations = tt.table[list(tt.conditions)].to_numpy()
    fuzzy = np.array(tt.fuzzy)
    incl, pri = _row_fit(x, fuzzy, tt.noflevels, y, configurations)
    b_incl, b_pri = _brute_row_fit(x, fuzzy, y, configurations)
    # exact sums and one rounding: bit-identical to rational arithmetic
    np.testing.assert_array_equal(incl, b_incl)
    np.testing.assert_array_equal(pri, b_pri)
    observed = tt.table["n"].to_numpy() > 0
    np.testing.assert_array_equal(tt.table["incl"].to_numpy()[observed], b_incl[observed])


@given(data_sets(), st.randoms(use_true_random=False))
def test_row_order_of_data_does_not_matter(data, rnd):
    order = list(range(len(data)))
    rnd.shuffle(order)
    columns = list(data.columns)
    rnd.shuffle(columns)
    shuffled = data.iloc[order][columns]
    conditions = [c for c in data.columns if c != "Y"]
    try:
        first = _quiet_tt(data, "Y", conditions, incl_cut=(0.8, 0.5))
    except NoConfigurationsError:
        return
    second = _quiet_tt(shuffled, "Y", conditions, incl_cut=(0.8, 0.5))
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())
    assert str(first) == str(second)
    pd.testing.assert_frame_equal(first.memberships, second.memberships)


@given(data_sets())
def test_each_case_in_exactly_one_row(data):
    try:
        tt = _quiet_tt(data, "Y")
    except NoConfigurationsError:
        return
    placed = [name for cases in tt.table["cases"] for name in cases]
    assert len(placed) == len(set(placed))
    expected = sorted({str(v) for v in data.index} - set(tt.half_cases))
    assert sorted(placed) == expected
    assert int(tt.table["n"].sum()) == len(expected)
    assert (tt.table["n"].to_numpy() == np.array([len(c) for c in tt.table["cases"]])).all()
    # each case sits in the row of its own configuration
    for row_id, cases in zip(tt.table.index, tt.table["cases"], strict=True):
        for name in cases:
            values = tt.memberships.loc[name, list(tt.conditions)].to_numpy(dtype=float)
            config = np.where(np.array(tt.fuzzy), values > 0.5, values).astype(int)
            assert row_ids([config], tt.noflevels)[0] == row_id


@given(data_sets(kinds=("crisp", "mv")))
def test_crisp_incl_is_share_of_positive_cases(data):
    tt = truth_table(data, "Y")
    y = tt.memberships["Y"]
    for cases, incl, out, dcc in zip(
        tt.table["cases"],
        tt.table["incl"],
        tt.table["OUT"],
        tt.table["DCC"],
        strict=True,
    ):
        positives = int(sum(y[name] for name in cases))
        assert incl == positives / len(cases)
        assert out == ("1" if positives == len(cases) else "0")
        assert list(dcc) == [name for name in cases if y[name] < 0.5]


# ---------------------------------------------------------------------------------------------
# scale
# ---------------------------------------------------------------------------------------------


def test_200_cases_20_fuzzy_conditions_fast():
    import time

    rng = np.random.default_rng(7)
    values = rng.integers(1, 100, size=(200, 21)) / 100
    values[values == 0.5] = 0.51
    data = pd.DataFrame(
        values, columns=[f"C{j}" for j in range(20)] + ["Y"], index=[f"case{i}" for i in range(200)]
    )
    start = time.perf_counter()
    tt = truth_table(data, "Y", incl_cut=0.8)
    elapsed = time.perf_counter() - start
    assert tt.table["n"].sum() == 200
    assert elapsed < 2.0, elapsed


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------


def test_cli_text_and_json(tmp_path, capsys):
    from qca.cli import main

    path = tmp_path / "lf.csv"
    _lf().to_csv(path)
    assert main(["truthtable", str(path), "--outcome", "SURV", "--incl-cut", "0.8"]) == 0
    text = capsys.readouterr().out
    assert text == str(truth_table(_lf(), "SURV", incl_cut=0.8)) + "\n"
    assert (
        main(
            [
                "truthtable",
                str(path),
                "--outcome",
                "~SURV",
                "--conditions",
                "DEV,URB,LIT",
                "--incl-cut",
                "0.8,0.6",
                "--n-cut",
                "2",
                "--pri-cut",
                "0.1",
                "--complete",
                "--sort-by",
                "incl,n",
                "--json",
            ]
        )
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "qca.truth_table" and document["schema_version"] == 1
    expected = truth_table(
        _lf(),
        "~SURV",
        ["DEV", "URB", "LIT"],
        incl_cut=(0.8, 0.6),
        n_cut=2,
        pri_cut=0.1,
        complete=True,
        sort_by=["incl", "n"],
    ).to_dict()
    assert {k: v for k, v in document.items() if not k.startswith("schema")} == json.loads(
        json.dumps(expected)
    )


def test_cli_errors(tmp_path, capsys):
    from qca.cli import main

    path = tmp_path / "lf.csv"
    _lf().to_csv(path)
    assert main(["truthtable", str(path), "--outcome", "NOPE"]) == 2
    assert "outcome 'NOPE' not found" in capsys.readouterr().err
    assert main(["truthtable", str(path), "--outcome", "SURV", "--incl-cut", "high"]) == 2
    assert "--incl-cut must be a number" in capsys.readouterr().err
    assert main(["truthtable", str(tmp_path / "missing.csv"), "--outcome", "SURV"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_cases_in_natural_name_order():
    data = pd.DataFrame(
        {"A": [1, 1, 1, 1, 1, 1], "Y": [1, 1, 1, 1, 1, 0]},
        index=["c10", "c2", "b", "a0", "a", "c1"],
    )
    tt = truth_table(data, "Y")
    assert tt.table.loc[2, "cases"] == ("a", "a0", "b", "c1", "c2", "c10")
    assert tt.memberships.index.tolist() == ["a", "a0", "b", "c1", "c2", "c10"]
    numeric = pd.DataFrame({"A": [1, 1, 1], "Y": [1, 0, 1]}, index=[10, 2, 1])
    assert truth_table(numeric, "Y").table.loc[2, "cases"] == ("1", "2", "10")


# ---------------------------------------------------------------------------------------------
# fast paths against the straightforward computation
# ---------------------------------------------------------------------------------------------

# few distinct scores: ties in min(x, 1 - x) (0.3 / 0.7), 0, 1 and 0.5 are frequent
tricky = st.sampled_from([0.0, 1.0, 0.5, 0.3, 0.7, 0.2, 0.8, 0.25, 0.75, 0.1, 0.9, 0.65])
# the exact sums keep each score to 2**-93: equal to rational sums for scores 0 or >= 2**-40
scores = st.one_of(tricky, st.floats(0, 1).filter(lambda v: v == 0 or v >= 2**-40))
any_scores = st.one_of(tricky, st.floats(0, 1))


@st.composite
def kernel_inputs(draw, scores=scores):
    k = draw(st.integers(1, 5))
    n = draw(st.integers(1, 25))
    kinds = draw(
        st.lists(st.sampled_from(["fuzzy", "fuzzy", "crisp", "mv"]), min_size=k, max_size=k)
    )
    if "fuzzy" not in kinds:
        kinds[0] = "fuzzy"
    noflevels = [3 if kind == "mv" else 2 for kind in kinds]
    x = np.empty((n, k))
    for j, kind in enumerate(kinds):
        if kind == "fuzzy":
            x[:, j] = draw(st.lists(scores, min_size=n, max_size=n))
        else:
            x[:, j] = draw(st.lists(st.integers(0, noflevels[j] - 1), min_size=n, max_size=n))
    y = np.array(draw(st.lists(scores, min_size=n, max_size=n)))
    fuzzy = np.array([kind == "fuzzy" for kind in kinds])
    return x, fuzzy, noflevels, y


@given(kernel_inputs())
def test_cube_and_dense_kernels_equal_brute_force(inputs):
    from qca._core.encode import all_configurations

    x, fuzzy, noflevels, y = inputs
    configurations = all_configurations(noflevels)
    b_incl, b_pri = _brute_row_fit(x, fuzzy, y, configurations)
    for method in ("dense", "cubes"):
        incl, pri = _row_fit(x, fuzzy, noflevels, y, configurations, method=method)
        np.testing.assert_array_equal(incl, b_incl)
        np.testing.assert_array_equal(pri, b_pri)


@given(kernel_inputs(scores=any_scores), st.randoms(use_true_random=False))
def test_cube_kernel_on_some_rows_in_any_order(inputs, rnd):
    # any float, subnormals included: both kernels sum the same truncated values
    from qca._core.encode import all_configurations

    x, fuzzy, noflevels, y = inputs
    configurations = all_configurations(noflevels)
    rows = [i for i in range(len(configurations)) if rnd.random() < 0.5] or [0]
    rnd.shuffle(rows)
    chosen = configurations[rows]
    dense = _row_fit(x, fuzzy, noflevels, y, chosen, method="dense")
    cubes = _row_fit(x, fuzzy, noflevels, y, chosen, method="cubes")
    np.testing.assert_array_equal(dense[0], cubes[0])
    np.testing.assert_array_equal(dense[1], cubes[1])


def test_cube_kernel_chosen_for_many_cases_and_rows():
    from qca.truthtable.kernels import prefer_cubes as _prefer_cubes

    rng = np.random.default_rng(3)
    x = rng.random((100_000, 10))
    configurations = np.unique((x > 0.5).astype(np.int64), axis=0)
    fuzzy = np.ones(10, dtype=bool)
    assert _prefer_cubes(x, fuzzy, [2] * 10, configurations)
    # a handful of rows: the dense kernel
    assert not _prefer_cubes(x, fuzzy, [2] * 10, configurations[:3])
    # 3**20 cells is beyond the ternary array
    wide = rng.random((1000, 20))
    assert not _prefer_cubes(wide, np.ones(20, dtype=bool), [2] * 20, (wide > 0.5).astype(int))


def test_larger_fuzzy_table_same_as_dense_kernel():
    # 20k cases x 8 fuzzy conditions and 2 crisp ones (groups), outcome with 0, 0.5 and 1
    rng = np.random.default_rng(11)
    x = np.round(rng.random((20_000, 10)), 2)
    x[:, 3] = rng.integers(0, 2, 20_000)
    x[:, 7] = rng.integers(0, 3, 20_000)
    fuzzy = np.ones(10, dtype=bool)
    fuzzy[[3, 7]] = False
    noflevels = [2] * 10
    noflevels[7] = 3
    y = np.round(rng.random(20_000), 1)
    configurations = np.unique(np.where(fuzzy, x > 0.5, x).astype(np.int64), axis=0)
    dense = _row_fit(x, fuzzy, noflevels, y, configurations, method="dense")
    cubes = _row_fit(x, fuzzy, noflevels, y, configurations, method="cubes")
    np.testing.assert_array_equal(dense[0], cubes[0])
    np.testing.assert_array_equal(dense[1], cubes[1])


names_text = st.text(alphabet="ab Z_.-é0123456789", max_size=12)


@given(st.lists(names_text, min_size=1, max_size=30, unique=True))
def test_natural_order_fast_path_equals_python_key(names):
    from qca._core.order import natural_key as _natural_key
    from qca._core.order import natural_order_fast as _natural_order_fast

    order = _natural_order_fast(names)
    assert order is not None
    assert [names[i] for i in order] == sorted(names, key=_natural_key)


def test_natural_order_leaves_unusual_names_to_python():
    from qca._core.order import canonical_order as _canonical_order
    from qca._core.order import natural_key as _natural_key
    from qca._core.order import natural_order_fast as _natural_order_fast

    for names in (["a\u0663", "a2", "a10"], ["a\x00", "a", "b1"], ["x\x01", "x2"]):
        assert _natural_order_fast(names) is None
        assert [names[i] for i in _canonical_order(names)] == sorted(names, key=_natural_key)
    names = ["c10", "c01", "c1", "c001", "b", "", "0", "00", "a0b", "a00b"]
    assert [names[i] for i in _canonical_order(names)] == sorted(names, key=_natural_key)


def test_case_tuples_of_rows_with_many_cases():
    # rows holding 1, 2, 17 and 40 cases (zip columns up to 16, slices beyond)
    sizes = {"r1": 1, "r2": 2, "r3": 17, "r4": 40}
    config = {"r1": (0, 0), "r2": (0, 1), "r3": (1, 0), "r4": (1, 1)}
    index, rows = [], []
    for label, size in sizes.items():
        for i in range(size):
            index.append(f"{label}-{i}")
            rows.append([*config[label], i % 2])
    data = pd.DataFrame(rows, columns=["A", "B", "Y"], index=index)
    tt = truth_table(data, "Y")
    for row_id, label in zip([1, 2, 3, 4], sizes, strict=True):
        expected = tuple(f"{label}-{i}" for i in range(sizes[label]))
        assert tt.table.loc[row_id, "cases"] == expected
        assert tt.table.loc[row_id, "DCC"] == tuple(n for i, n in enumerate(expected) if i % 2 == 0)


numbered_names = st.builds(
    lambda text, number, zeros: f"{text}{'0' * zeros}{number}",
    st.sampled_from(["case", "", "c_", "é", "a1b"]),
    st.one_of(st.integers(0, 60), st.integers(0, 10**19)),
    st.sampled_from([0, 0, 0, 1]),
)


@given(st.lists(numbered_names, min_size=1, max_size=40))
def test_numbered_names_order_equals_python_key(names):
    # one text and a number per name (the fast path of large data), with the cases it must
    # leave to the general path: leading zeros, more than 18 digits, texts that differ
    from qca._core.order import canonical_order as _canonical_order
    from qca._core.order import natural_key as _natural_key

    expected = sorted(range(len(names)), key=lambda i: _natural_key(names[i]))
    assert _canonical_order(names).tolist() == expected
    same_text = [
        f"case{v}" for v in sorted({int(n[-3:]) if n[-3:].isdigit() else 7 for n in names})
    ]
    assert _canonical_order(same_text).tolist() == list(range(len(same_text)))
    assert _canonical_order(same_text[::-1]).tolist() == list(range(len(same_text)))[::-1]


@given(
    st.one_of(  # all binary (bit shifts) or mixed levels (division)
        st.lists(st.just(2), min_size=1, max_size=22),
        st.lists(st.integers(2, 4), min_size=1, max_size=6),
    ),
    st.integers(0, 2**31),
)
def test_column_major_configurations_equal_row_major(noflevels, seed):
    from qca._core.encode import configurations_of as _configurations_of

    total = int(np.prod(noflevels))
    ids = np.random.default_rng(seed).integers(1, total + 1, size=50)
    column_major = _configurations_of(ids, noflevels, column_major=True)
    assert column_major.flags.f_contiguous
    np.testing.assert_array_equal(column_major, _configurations_of(ids, noflevels))


def test_bad_values_name_the_first_case_in_canonical_order():
    # columns are read in data order; a refused value is still reported for the first case in
    # natural order of the names, whatever the row order of the data
    data = pd.DataFrame(
        {"A": ["x", 1, "y"], "Y": [0, 1, 1]}, index=["c10", "c1", "c2"], dtype=object
    )
    with pytest.raises(QCAError, match=r"non-numeric value 'y' \(case 'c2'\)"):
        truth_table(data, "Y")
    data = pd.DataFrame({"A": [0, 1, 1], "Y": [np.nan, 1, np.nan]}, index=["c10", "c1", "c2"])
    with pytest.raises(QCAError, match=r"missing values \(case 'c2' and 1 more\)"):
        truth_table(data, "Y")


# ---- the case columns, built on first read of the table --------------------------------------


@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 60),
    st.sampled_from([None, "incl", ["OUT", "n"], {"n": False}]),
    st.booleans(),
    st.sampled_from(["natural", "data"]),
)
def test_case_columns_match_brute_force(seed, n, sort_by, complete, case_order):
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {
            "A": rng.integers(0, 2, n),
            "B": rng.integers(0, 3, n),
            "C": rng.choice([0.1, 0.4, 0.6, 0.9], n),
            "Y": rng.choice([0.0, 0.3, 0.7, 1.0], n),
        },
        index=[f"k{i}" for i in rng.permutation(n)],
    )
    tt = truth_table(
        data, "Y", incl_cut=0.5, sort_by=sort_by, complete=complete, case_order=case_order
    )
    # pickled before anything is read: the case columns and memberships travel built
    back = pickle.loads(pickle.dumps(tt))
    table = tt.table
    assert list(table.columns) == ["A", "B", "C", "OUT", "n", "incl", "PRI", "cases", "DCC"]
    order = list(data.index) if case_order == "data" else list(tt.memberships.index)
    ids = row_ids(
        np.column_stack([data["A"], data["B"], data["C"] > 0.5]).astype(np.int64), tt.noflevels
    )
    for row, cases, dcc in zip(table.index, table["cases"], table["DCC"], strict=True):
        expected = [c for c in order if ids[data.index.get_loc(c)] == row]
        assert cases == tuple(expected)
        assert dcc == tuple(c for c in expected if data.loc[c, "Y"] < 0.5)
    pd.testing.assert_frame_equal(back.table, table, check_exact=True)
    pd.testing.assert_frame_equal(back.memberships, tt.memberships, check_exact=True)
    assert tt.table is not table and tt.table["cases"].equals(table["cases"])


@given(
    st.lists(
        st.sampled_from([0.0, 1.0, 2.0, 5.0, 0.5, -1.0, np.nan, np.inf, -np.inf, 1.5]), max_size=8
    )
)
def test_condition_levels_fast_path_keeps_the_rule(values):
    from qca._core.levels import condition_levels, is_whole

    finite = np.asarray(values, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    rule = int(finite.max()) + 1 if finite.size and is_whole(finite) and finite.max() > 1 else 2
    assert condition_levels(values) == rule
