"""Tests of qca.necessity against R QCA 3.25's superSubset and brute force."""

from __future__ import annotations

import dataclasses
import itertools
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qca
from qca.exceptions import QCAError
from qca.expressions import parse
from qca.necessity import NecessityResult, necessity

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "necessity.json").read_text(encoding="utf-8")
)
CASES = {case["id"]: case for case in REFERENCE["cases"]}


def case_data(case: dict) -> pd.DataFrame:
    ds = REFERENCE["datasets"][case["dataset"]]
    return pd.DataFrame(ds["rows"], columns=ds["columns"], index=ds["case_names"])


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_super_subset_matches_r(case_id: str) -> None:
    check_super_subset(CASES[case_id], case_data(CASES[case_id]))


def check_super_subset(case: dict, data: pd.DataFrame) -> None:
    """necessity() against R's superSubset() record of the case."""
    record = case["superSubset"]
    params = record["params"]
    call = {"incl_cut": params["incl.cut"], "cov_cut": params["cov.cut"]}
    if "error" in record:
        assert "Missing values" in record["error"]
        with pytest.raises(QCAError, match="has missing values"):
            necessity(data, params["outcome"], params["conditions"], **call)
        return
    result = necessity(data, params["outcome"], params["conditions"], **call)
    expected = record["expressions"] or {}
    # the same expressions, in R's order
    assert list(result.table.index) == list(expected)
    if expected:
        r_figures = np.array([[v[k] for k in ("inclN", "RoN", "covN")] for v in expected.values()])
        np.testing.assert_allclose(result.table.to_numpy(), r_figures, rtol=0, atol=1e-6)
    # the memberships agree with the printed expressions
    for label, expression in zip(result.table.index, result.expressions):
        assert expression.to_string(multivalue=result.expressions[0].multivalue) == label
        np.testing.assert_allclose(result.memberships[label], expression.membership(data))


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_pof_of_single_conditions_matches_r(case_id: str) -> None:
    case = CASES[case_id]
    if "results" not in case["pof_single"]:
        pytest.skip("R gave no pof results")
    # The recorded pof() calls for a negated outcome ("~Y") hold the figures for Y itself: pof()
    # reads the tilde from the text of its call, and the recording passed the outcome in a
    # variable. So those records are compared with the plain outcome (superSubset, above, did
    # negate it).
    check_pof(case, case_data(case), case["outcome"].lstrip("~"))


def check_pof(case: dict, data: pd.DataFrame, outcome: str) -> None:
    """fit(relation="necessity") of each single literal against R's pof() record."""
    pof = case["pof_single"]
    if data.isna().any().any():
        # d.BWB: qca refuses missing values (fit() raises, tested elsewhere); R's pof() computes
        # with them in a way that matches neither dropping the cases nor zero-filling them.
        with pytest.raises(QCAError, match="has missing values"):
            qca.fit(data.columns[data.isna().any()][0], data, outcome, relation="necessity")
        return
    for label, expected in pof["results"].items():
        got = qca.fit(label, data, outcome, relation="necessity").to_frame()
        assert len(got) == 1
        for key in ("inclN", "RoN", "covN"):
            ours = got[key].iloc[0]
            # R's pof() replaces figures below 1e-5 by 0; we keep full precision
            if expected[key] == 0:
                assert ours < 1e-5
            else:
                assert ours == pytest.approx(expected[key], abs=1e-6), (label, key)


def test_result_object() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    result = necessity(lf, "SURV", incl_cut=0.9, cov_cut=0.6)
    assert isinstance(result, NecessityResult)
    assert list(result.table.index) == ["LIT", "STB", "LIT*STB", "DEV + URB + IND"]
    assert result.conditions == ("DEV", "URB", "LIT", "IND", "STB")
    assert len(result) == 4
    assert repr(result) == (
        "<NecessityResult: 4 necessity expression(s) for 'SURV'; "
        "incl_cut=0.9, cov_cut=0.6, ron_cut=0.0>"
    )
    text = str(result)
    assert text.splitlines()[0] == "Necessity relations for SURV"
    assert "3  LIT*STB" in text and "0.915" in text
    d = result.to_dict()
    assert d["expressions"]["LIT*STB"]["RoN"] == pytest.approx(0.8)
    assert d["options"] == {"incl_cut": 0.9, "cov_cut": 0.6, "ron_cut": 0.0, "depth": 5}
    assert "<caption>Necessity relations for SURV</caption>" in result._repr_html_()
    frame = result.to_frame()
    frame.iloc[0, 0] = -1
    assert result.table.iloc[0, 0] != -1  # a copy
    assert str(result.expressions[3]) == "DEV + URB + IND"


def test_cut_offs_and_depth() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    ron = necessity(lf, "SURV", incl_cut=0.9, cov_cut=0.5, ron_cut=0.6)
    assert list(ron.table.index) == ["STB", "LIT*STB", "DEV + URB + IND"]
    shallow = necessity(lf, "SURV", incl_cut=0.9, cov_cut=0.5, depth=2)
    assert list(shallow.table.index) == [
        "LIT",
        "STB",
        "LIT*STB",
        "DEV + ~URB",
        "DEV + ~IND",
        "DEV + ~STB",
        "~URB + IND",
    ]
    empty = necessity(lf, "SURV", incl_cut=1.0, cov_cut=0.9)
    assert empty.table.empty and list(empty.table.columns) == ["inclN", "RoN", "covN"]
    assert "No expression passes the cut-offs" in str(empty)


def test_does_not_modify_data_and_ignores_row_order() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    copy = lf.copy()
    first = necessity(lf, "~SURV", cov_cut=0.5)
    pd.testing.assert_frame_equal(lf, copy)
    shuffled = lf.sample(frac=1.0, random_state=3)
    second = necessity(shuffled, "~SURV", cov_cut=0.5)
    assert list(first.table.index) == list(second.table.index)
    np.testing.assert_allclose(first.table.to_numpy(), second.table.to_numpy(), atol=1e-12)


def test_sufficiency_relation() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    result = necessity(lf, "SURV", incl_cut=0.85, cov_cut=0.3, relation="sufficiency")
    assert list(result.table.columns) == ["inclS", "PRI", "covS"]
    assert len(result) > 0
    for label, row in result.table.iterrows():
        check = qca.fit(label, lf, "SURV").to_frame().iloc[0]
        assert row["inclS"] == pytest.approx(check["inclS"])
        assert row["PRI"] == pytest.approx(check["PRI"])
        assert row["covS"] == pytest.approx(check["covS"])
        assert row["inclS"] >= 0.85 - 1e-8 and row["covS"] >= 0.3 - 1e-8
    # no reported conjunction contains one with fewer conditions
    terms = [set(parse(label).terms[0].literals) for label in result.table.index]
    for a, b in itertools.permutations(terms, 2):
        assert not (a < b)
    pri = necessity(lf, "SURV", incl_cut=0.85, cov_cut=0.3, relation="sufficiency", pri_cut=0.847)
    assert (pri.table["PRI"] >= 0.847).all() and len(pri) < len(result)


def test_multivalue_outcome_level() -> None:
    data = case_data(CASES["nec_HarKem_PB"])
    data = data.assign(C2=data["C"])
    result = necessity(data, "C2[1]", ["F", "T", "R", "V"], incl_cut=0.8, cov_cut=0.3)
    for label, row in result.table.iterrows():
        check = qca.fit(label, data, "C2[1]", relation="necessity").to_frame().iloc[-1]
        assert row["inclN"] == pytest.approx(check["inclN"])


def test_errors() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    with pytest.raises(
        QCAError,
        match=r"necessity\(\): condition\(s\) \['XX'\] not found in "
        r"`data`. Available columns",
    ):
        necessity(lf, "SURV", ["DEV", "XX"])
    with pytest.raises(QCAError, match="`outcome` 'SURV' is also listed in `conditions`"):
        necessity(lf, "SURV", ["DEV", "SURV"])
    with pytest.raises(QCAError, match=r"`incl_cut` must be a number in \[0, 1\]; got 1.5"):
        necessity(lf, "SURV", incl_cut=1.5)
    with pytest.raises(QCAError, match=r"`depth` must be a positive integer; got 0"):
        necessity(lf, "SURV", depth=0)
    with pytest.raises(
        QCAError,
        match="`relation` must be 'necessity', 'sufficiency', 'necsuf' or 'sufnec'; got 'nec'",
    ):
        necessity(lf, "SURV", relation="nec")  # type: ignore[arg-type]
    with pytest.raises(
        QCAError, match=r"`conditions` must be a list of column names; got the string 'DEV, URB'"
    ):
        necessity(lf, "SURV", "DEV, URB")
    with pytest.raises(
        QCAError,
        match=r"condition 'DEV' has value 1.5 \(case 'AU'\); expected "
        r"fuzzy memberships",
    ):
        necessity(lf.assign(DEV=[1.5] + [0.5] * 17), "SURV")
    with pytest.raises(
        QCAError,
        match=r"`outcome` 'NOPE' is neither a column of `data` nor an "
        r"expression over its columns",
    ):
        necessity(lf, "NOPE")
    with pytest.raises(QCAError, match=r"`outcome` must be a column name \(str\); got 3"):
        necessity(lf, 3)  # type: ignore[arg-type]
    with pytest.raises(QCAError, match=r"condition 'SURV' has values outside \[0, 1\]"):
        necessity(lf.assign(SURV=lf["SURV"] * 2), "SURV")


# ---------------------------------------------------------------------------------------------
# brute force: every reported expression passes, every passing minimal one is reported
# ---------------------------------------------------------------------------------------------


@st.composite
def small_data(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(3, 10))
    grid = st.sampled_from([0.0, 0.1, 0.3, 0.6, 0.8, 1.0])
    columns = {name: draw(st.lists(grid, min_size=n, max_size=n)) for name in "ABCY"}
    columns["M"] = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    return pd.DataFrame(columns)[["A", "B", "C", "M", "Y"]]


def brute_force(data: pd.DataFrame, incl: float, cov: float) -> tuple[set, set]:
    """Necessary conjunctions (all) and minimal necessary disjunctions of up to 3 conditions,
    each as a frozenset of (condition, level)."""
    conditions = ["A", "B", "C", "M"]
    levels = {
        c: max(int(data[c].max()) + 1, 2) if (data[c] == data[c].round()).all() else 2
        for c in conditions
    }
    y = data["Y"].to_numpy()
    tol = np.finfo(float).eps ** 0.5

    def member(lit: tuple[str, int]) -> np.ndarray:
        name, v = lit
        x = data[name].to_numpy(dtype=float)
        if levels[name] > 2 or (data[name] == data[name].round()).all():
            return (x == v).astype(float)
        return x if v == 1 else 1 - x

    def passes(x: np.ndarray) -> bool:
        both = np.minimum(x, y).sum()
        incl_n = both / y.sum() if y.sum() else 0.0
        cov_n = both / x.sum() if x.sum() else 0.0
        return incl_n >= incl - tol and cov_n >= cov - tol

    conj: set[frozenset] = set()
    disj: set[frozenset] = set()
    for k in range(1, 4):
        for combo in itertools.combinations(conditions, k):
            for values in itertools.product(*[range(levels[c]) for c in combo]):
                lits = frozenset(zip(combo, values))
                columns = np.vstack([member(lit) for lit in lits])
                if passes(columns.min(axis=0)):
                    conj.add(lits)
                elif k > 1 and passes(columns.max(axis=0)):
                    if not [s for s in conj | disj if len(s) < k and s <= lits]:
                        disj.add(lits)
    return conj, disj


def as_literals(expression: qca.expressions.Expression) -> frozenset:
    return frozenset(
        (lit.condition, min(lit.values)) for t in expression.terms for lit in t.literals
    )


@pytest.mark.slow
@given(small_data(), st.sampled_from([0.75, 0.9, 1.0]), st.sampled_from([0.0, 0.5]))
def test_necessity_against_brute_force(data: pd.DataFrame, incl: float, cov: float) -> None:
    result = necessity(data, "Y", incl_cut=incl, cov_cut=cov, depth=3)
    conj, disj = brute_force(data, incl, cov)
    assert {as_literals(e) for e in result.expressions if len(e.terms) == 1} == conj
    assert {as_literals(e) for e in result.expressions if len(e.terms) > 1} == disj
    # conjunctions come first, then disjunctions, each by number of conditions
    sizes = [
        (len(e.terms) > 1, max(len(e.terms), len(e.terms[0].literals))) for e in result.expressions
    ]
    assert sizes == sorted(sizes)


def test_summary() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    summary = necessity(lf, "SURV", incl_cut=0.9, cov_cut=0.6).summary()
    text = str(summary)
    lines = text.splitlines()
    assert lines[0] == "Necessity relations for SURV"
    assert "cut-offs:   incl_cut=0.9, cov_cut=0.6, ron_cut=0.0" in lines
    assert (
        "relation:   necessity: is each expression necessary for SURV (SURV a subset of it)?"
        in lines
    )
    assert "conditions: DEV, URB, LIT, IND, STB" in lines and "found:      4 expression(s)" in lines
    assert ["LIT*STB", "0.915", "0.800", "0.793"] in [line.split() for line in lines]
    assert "RoN relevance of necessity" in text and "undefined (0/0" in text
    assert "<th>DEV + URB + IND</th>" in summary._repr_html_()
    sufficiency = necessity(lf, "SURV", relation="sufficiency", incl_cut=0.8, cov_cut=0.2)
    assert "sufficient for SURV" in str(sufficiency.summary())
    empty = necessity(lf, "SURV", incl_cut=1.0, cov_cut=0.9).summary()
    assert "No expression passes the cut-offs." in str(empty)


def test_immutable() -> None:
    lf = case_data(CASES["nec_LF_SURV"])
    result = necessity(lf, "SURV", incl_cut=0.9, cov_cut=0.6)
    before = result.to_dict()
    with warnings.catch_warnings():  # pandas warns that such an assignment changes nothing
        warnings.simplefilter("ignore")
        result.table.loc["LIT", "inclN"] = 9
        result.memberships.iloc[0, 0] = 9
    table = result.table
    table.loc["LIT", "inclN"] = 9
    assert result.to_dict() == before
    assert result.memberships.iloc[0, 0] != 9
    with pytest.raises(TypeError):
        result.options["incl_cut"] = 0.5  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.table = result.table  # type: ignore[misc]
    try:
        result.memberships.to_numpy()[0, 0] = 9  # a read-only view, or a copy
    except ValueError:
        pass
    assert result.memberships.iloc[0, 0] != 9
    assert isinstance(result.expressions, tuple) and isinstance(result.conditions, tuple)


def _many(n: int) -> NecessityResult:
    rng = np.random.default_rng(3)
    labels = [f"E{i}" for i in range(n)]
    table = pd.DataFrame(rng.random((n, 3)), index=labels, columns=["inclN", "RoN", "covN"])
    return NecessityResult(
        relation="necessity",
        outcome="Y",
        conditions=("A", "B"),
        table=table,
        expressions=(),
        memberships=pd.DataFrame(rng.random((4, n)), columns=labels),
        options={"incl_cut": 0.9, "cov_cut": 0.6, "ron_cut": 0.0},
    )


def test_caps() -> None:
    result = _many(5000)
    text = str(result)
    lines = text.splitlines()
    assert lines[-1] == "… 4,950 more rows; `result.table` has them all"
    assert len(lines) == 4 + 50 + 2 and "E49" in text and "E50 " not in text
    markup = result._repr_html_()
    assert markup.count("<tr>") == 1 + 50
    assert "… 4,950 more rows; <code>result.table</code> has them all" in markup
    shown = repr(result)
    assert shown == (
        "<NecessityResult: 5000 necessity expression(s) for 'Y'; incl_cut=0.9, "
        "cov_cut=0.6, ron_cut=0.0>"
    )
    assert "… 4,950 more rows; `result.table` has them all" in str(result.summary())
    assert len(result.table) == 5000 and len(result.to_dict()["expressions"]) == 5000
