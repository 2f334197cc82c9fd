"""Tests of qca.fit(): parameters of fit of expressions, columns and membership vectors."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qca
from qca.exceptions import QCAError
from qca.expressions import parse
from qca.fit import FitTable, cov_s, sufficiency_fit


@pytest.fixture
def lf() -> pd.DataFrame:
    return qca.datasets.load("LF")


def test_module_and_function() -> None:
    # `qca.fit` is the function, the kernels stay importable from the module
    assert callable(qca.fit) and qca.fit.__name__ == "fit"
    from qca.fit import necessity_fit  # noqa: F401

    assert "fit" in qca.__all__


def test_expression_rows(lf: pd.DataFrame) -> None:
    result = qca.fit("DEV*~IND + URB*STB", lf, "SURV")
    assert isinstance(result, FitTable)
    frame = result.to_frame()
    assert list(frame.index) == ["DEV*~IND", "URB*STB", "expression"]
    assert list(frame.columns) == ["inclS", "PRI", "covS", "covU"]
    # R QCA 3.25: minimize(truthTable(LF, "SURV", incl.cut = 0.8), include = "?")$IC
    # (shared reference ds_LF_SURV_incl0.8.json, parsimonious fit)
    expected = {
        "DEV*~IND": (0.814814814814815, 0.720812182741117, 0.284037558685446, 0.193661971830986),
        "URB*STB": (0.873767258382643, 0.845410628019324, 0.519953051643192, 0.429577464788732),
        "expression": (0.85034965034965, 0.81864406779661, 0.713615023474178, np.nan),
    }
    for label, figures in expected.items():
        np.testing.assert_allclose(frame.loc[label].to_numpy(dtype=float), figures, atol=1e-9)
    assert np.isnan(frame.loc["expression", "covU"])
    whole = parse("DEV*~IND + URB*STB").membership(lf)
    assert frame.loc["expression", "inclS"] == pytest.approx(
        float(sufficiency_fit(whole, lf["SURV"])["inclS"])
    )
    # covU = covS(all) - covS(the others)
    dev = parse("DEV*~IND").membership(lf)
    urb = parse("URB*STB").membership(lf)
    assert frame.loc["DEV*~IND", "covU"] == pytest.approx(
        float(cov_s(whole, lf["SURV"]) - cov_s(urb, lf["SURV"]))
    )
    assert result.memberships["DEV*~IND"].tolist() == dev.tolist()
    assert result.memberships.index.equals(lf.index)


def test_single_term_and_necessity(lf: pd.DataFrame) -> None:
    single = qca.fit("LIT*STB", lf, "SURV", "necessity").to_frame()
    assert list(single.index) == ["LIT*STB"]
    # R superSubset (nec_LF_SURV): LIT*STB inclN 0.915492957746479, RoN 0.8, covN 0.792682926829268
    assert single.iloc[0].tolist() == pytest.approx([0.915492957746479, 0.8, 0.792682926829268])
    one = qca.fit("LIT", lf, "SURV").to_frame()
    assert np.isnan(one.loc["LIT", "covU"])


def test_negated_and_multivalue_outcomes(lf: pd.DataFrame) -> None:
    neg = qca.fit("~DEV", lf, "~SURV").to_frame()
    x, y = 1 - lf["DEV"], 1 - lf["SURV"]
    assert neg.loc["~DEV", "inclS"] == pytest.approx(np.minimum(x, y).sum() / x.sum())
    mv = pd.DataFrame({"A": [0, 1, 2, 2], "B": [0, 1, 1, 0], "Y": [0, 1, 2, 2]})
    result = qca.fit("A[2] + A[1]*B", mv, "Y[2]").to_frame()
    assert result.loc["A[2]", "inclS"] == 1.0 and result.loc["A[2]", "covS"] == 1.0
    assert result.loc["A[1]*B[1]", "inclS"] == 0.0
    assert qca.fit("~A[2]", mv, "Y[2]").to_frame().index.tolist() == ["A[0,1]"]


def test_other_inputs(lf: pd.DataFrame) -> None:
    columns = qca.fit(["DEV", "STB"], lf, "SURV", "necessity").to_frame()
    assert list(columns.index) == ["DEV", "STB"]
    assert list(columns.columns) == ["inclN", "RoN", "covN"]
    suf = qca.fit(["DEV", "STB"], lf, "SURV").to_frame()
    assert not np.isnan(suf["covU"]).any() and "expression" not in suf.index
    series = qca.fit(lf["DEV"], lf, "SURV").to_frame()
    assert list(series.index) == ["DEV"]
    assert series.loc["DEV", "inclS"] == pytest.approx(columns.loc["DEV", "covN"])
    array = qca.fit(lf["DEV"].to_numpy(), lf, lf["SURV"].to_numpy()).to_frame()
    assert list(array.index) == ["X"]
    frame = qca.fit(lf[["DEV", "URB"]], lf, "SURV").to_frame()
    assert list(frame.index) == ["DEV", "URB"]
    expr = qca.fit(parse("DEV*URB"), lf, "SURV").to_frame()
    assert list(expr.index) == ["DEV*URB"]
    term = qca.fit(parse("DEV*URB").terms[0], lf, "SURV").to_frame()
    assert list(term.index) == ["DEV*URB"]
    ordered = qca.fit("STB*DEV", lf, "SURV", conditions=["DEV", "STB"]).to_frame()
    assert list(ordered.index) == ["DEV*STB"]


def test_views(lf: pd.DataFrame) -> None:
    result = qca.fit("DEV*~IND + URB*STB", lf, "SURV")
    assert repr(result) == (
        "<FitTable: sufficiency of expression 'DEV*~IND + URB*STB' for 'SURV'; inclS=0.850>"
    )
    lines = str(result).splitlines()
    assert lines[0] == "Sufficiency for SURV"
    assert lines[4].split() == ["1", "DEV*~IND", "0.815", "0.721", "0.284", "0.194"]
    assert lines[6].split()[-1] == "-"
    d = result.to_dict()
    assert d["expression"] == "DEV*~IND + URB*STB"
    assert d["fit"]["expression"]["covU"] is None
    assert "<th>DEV*~IND</th>" in result._repr_html_()
    assert result["URB*STB"]["PRI"] == pytest.approx(0.845410628019324)
    assert repr(qca.fit(["DEV"], lf, "SURV", "necessity")).startswith(
        "<FitTable: necessity of 1 set for 'SURV'; inclN="
    )


def test_errors(lf: pd.DataFrame) -> None:
    with pytest.raises(QCAError, match=r"fit\(\): `relation` must be 'sufficiency' or 'necessity'"):
        qca.fit("DEV", lf, "SURV", "suff")  # type: ignore[arg-type]
    with pytest.raises(QCAError, match="unknown condition 'XYZ' at position 0"):
        qca.fit("XYZ", lf, "SURV")
    with pytest.raises(
        QCAError,
        match=r"`outcome` 'NOPE' is neither a column of `data` nor an "
        r"expression",
    ):
        qca.fit("DEV", lf, "NOPE")
    with pytest.raises(QCAError, match=r"condition 'SURV' has values outside \[0, 1\]: 2"):
        qca.fit("DEV", lf.assign(SURV=2.0), "SURV")
    with pytest.raises(QCAError, match=r"column\(s\) \['XX'\] not found in `data`"):
        qca.fit(["DEV", "XX"], lf, "SURV")
    with pytest.raises(QCAError, match=r"memberships have shape \(3,\); expected \(18,\)"):
        qca.fit([0.1, 0.2, 0.3], lf, "SURV")
    with pytest.raises(QCAError, match=r"set 'X' has memberships outside \[0, 1\]: 1.5"):
        qca.fit(np.full(18, 1.5), lf, "SURV")
    with pytest.raises(QCAError, match="the membership Series has a different index"):
        qca.fit(pd.Series([0.5] * 18), lf, "SURV")
    with pytest.raises(QCAError, match=r"`outcome` has 3 values for 18 cases"):
        qca.fit("DEV", lf, [0.1, 0.2, 0.3])
    with pytest.raises(QCAError, match=r"`data` must be a pandas DataFrame; got list"):
        qca.fit("DEV", [1, 2], "SURV")  # type: ignore[arg-type]
    with pytest.raises(QCAError, match=r"the expression '0' is empty"):
        qca.fit("~DEV[0,1]", lf, "SURV")


@st.composite
def fuzzy_frame(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(2, 10))
    unit = st.floats(0, 1, allow_nan=False)
    return pd.DataFrame({c: draw(st.lists(unit, min_size=n, max_size=n)) for c in "ABY"})


@given(fuzzy_frame(), st.sampled_from(["sufficiency", "necessity"]))
def test_figures_against_formulas(data: pd.DataFrame, relation: str) -> None:
    table = qca.fit("A*~B + B", data, "Y", relation).to_frame()
    x = np.maximum(np.minimum(data["A"], 1 - data["B"]), data["B"]).to_numpy()
    y = data["Y"].to_numpy()
    both = np.minimum(x, y).sum()
    row = table.loc["expression"]
    with np.errstate(invalid="ignore", divide="ignore"):
        if relation == "sufficiency":
            np.testing.assert_allclose(row["inclS"], both / x.sum() if x.sum() else np.nan)
            np.testing.assert_allclose(row["covS"], both / y.sum() if y.sum() else np.nan)
        else:
            np.testing.assert_allclose(row["inclN"], both / y.sum() if y.sum() else np.nan)
    finite = table.to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]
    assert ((finite >= -1e-12) & (finite <= 1 + 1e-12)).all()


def test_summary(lf: pd.DataFrame) -> None:
    summary = qca.fit("DEV*~IND + URB*STB", lf, "SURV").summary()
    text = str(summary)
    lines = text.splitlines()
    assert lines[0] == "Sufficiency for SURV"
    assert "outcome:    SURV" in lines and "expression: DEV*~IND + URB*STB" in lines
    assert "cases:      18" in lines and lines[2].startswith("relation:   sufficiency")
    assert ["expression", "0.850", "0.819", "0.714", "-"] in [line.split() for line in lines]
    assert "- : undefined (0/0: no membership in the denominator)" in text
    assert "covU unique coverage" in text
    markup = summary._repr_html_()
    assert "<h4>Sufficiency for SURV</h4>" in markup and "<th>DEV*~IND</th>" in markup
    sets = qca.fit(["DEV", "URB"], lf, "SURV", "necessity").summary()
    assert ("sets", "DEV, URB") in sets.header and sets.header[0][1].startswith("necessity")


def test_immutable(lf: pd.DataFrame) -> None:
    result = qca.fit("DEV*~IND + URB*STB", lf, "SURV")
    before = result.to_dict()
    with warnings.catch_warnings():  # pandas warns that such an assignment changes nothing
        warnings.simplefilter("ignore")
        result.table.loc["DEV*~IND", "inclS"] = 9
        result.memberships.loc["AU", "DEV*~IND"] = 9
    table = result.table
    table.iloc[0, 0] = -1
    table.loc["URB*STB", "PRI"] = -1
    for array in (result.table.to_numpy(), result.memberships.to_numpy()):
        try:
            array[0, 0] = 9  # a read-only view, or a copy
        except ValueError:
            pass
    assert result.to_dict() == before
    assert result.memberships.loc["AU", "DEV*~IND"] != 9
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.table = table  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.outcome = "Y"  # type: ignore[misc]
    # a frame given to the constructor is not shared either
    frame = result.to_frame()
    own = FitTable(relation="sufficiency", outcome="Y", table=frame, memberships=result.memberships)
    frame.iloc[0, 0] = -1
    assert own.table.iloc[0, 0] != -1


def test_caps(lf: pd.DataFrame) -> None:
    rng = np.random.default_rng(7)
    sets = pd.DataFrame(
        rng.random((len(lf), 60)), index=lf.index, columns=[f"S{i}" for i in range(60)]
    )
    result = qca.fit(sets, lf, "SURV")
    text = str(result)
    assert text.splitlines()[-1] == "… 10 more rows; `result.table` has them all"
    assert "S49" in text and "S50" not in text
    markup = result._repr_html_()
    assert "… 10 more rows; <code>result.table</code> has them all" in markup
    assert "<th>S50</th>" not in markup and len(result.table) == 60
    long = " + ".join(
        f"{a}*{b}"
        for a in ("DEV", "~DEV", "URB", "~URB")
        for b in ("LIT", "~LIT", "IND", "~IND", "STB", "~STB")
    )
    shown = repr(qca.fit(long, lf, "SURV"))
    assert "\n" not in shown and len(shown) < 140 and "…" in shown
