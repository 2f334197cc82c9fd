"""Tests of qca.truthtable: R parity (tests/reference/truth_tables.json), contract, errors, properties."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qca
from qca.exceptions import HalfMembershipWarning, NoConfigurationsError, ProblemTooLargeError, QCAError
from qca.minimize._encode import row_ids
from qca.truthtable import OUT_CATEGORIES, TruthTable, _row_fit, truth_table

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
    if _has_half(case):
        with pytest.warns(HalfMembershipWarning, match="exactly 0.5"):
            tt = _build(case)
    else:
        tt = _build(case)
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
    assert remainders == ref["remainder_rows"] or (len(tt.conditions) > 7 and not ref["remainder_rows"])


@pytest.mark.parametrize("case_id", R_OK)
def test_printed_like_r(case_id):
    case = CASES[case_id]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HalfMembershipWarning)
        tt = _build(case)
    order = {name: i for i, name in enumerate(REFERENCE["datasets"][case["dataset"]]["case_names"])}
    assert tt._r_lines(case_order=order) == case["truth_table"]["printed"]


@pytest.mark.parametrize("case_id", R_ERROR)
def test_missing_values_refused_like_r(case_id):
    case = CASES[case_id]
    assert "Missing values" in case["truth_table"]["error"]
    with pytest.raises(QCAError, match=r"column 'BC' has missing values \(case '03'"):
        _build(case)
