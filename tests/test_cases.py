"""Case selection (qca.cases) against SetMethods' smmr on its help-page example, and against a
brute-force classification by the definitions on random data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca.cases import ROLES
from qca.exceptions import QCAError

REF = Path(__file__).parent / "reference" / "smmr"


@pytest.fixture(scope="module")
def schf() -> pd.DataFrame:
    return pd.read_csv(REF / "SCHF.csv", index_col=0)


@pytest.fixture(scope="module")
def solution(schf: pd.DataFrame) -> qca.Solution:
    tt = qca.truth_table(schf, "EXPORT", incl_cut=0.9)
    return qca.minimize(tt, include="?")


def _ref(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / name, index_col=0)


def test_the_example_model_is_setmethods_one(solution: qca.Solution) -> None:
    terms = (REF / "SCHF_model.txt").read_text().split()
    assert list(solution.models[0].terms) == terms


def _same_order(got: list[str], expected: list[str], keys: dict[str, object]) -> None:
    """Equal lists, up to the order of cases whose sort keys tie (SetMethods then keeps the data
    order, qca the natural order of the names, whatever the data order)."""
    assert sorted(got) == sorted(expected)
    assert [keys[c] for c in got] == [keys[c] for c in expected]


def test_typical_cases_equal_setmethods(solution: qca.Solution) -> None:
    ref = _ref("suf_typical.csv")
    roles = qca.case_roles(solution, unique_coverage="typical")
    ours = roles[(roles.level == "term") & (roles.role == "typical")]
    assert len(ours) == len(ref)
    for term, expected in ref.groupby("Term", sort=False):
        got = ours[ours.term == term]
        assert list(got.case) == list(expected.Case), term
        np.testing.assert_allclose(got.score, expected.Best, atol=1e-9)
        np.testing.assert_allclose(got.x, expected.TermMemb, atol=1e-9)
        assert list(got.most) == list(expected.MostTyp)
        assert list(got.uniquely_covered) == list(expected.UniqCov)


def test_unique_coverage_by_the_definition_differs_where_a_case_is_in_two_terms(
    solution: qca.Solution,
) -> None:
    # SetMethods' typical table calls a case uniquely covered when it is *typical* in one term
    # only; Schneider & Rohlfing (2013) (and SetMethods' focal-conjunct table) when it is a
    # *member* (> 0.5) of one term only, qca's default. They differ for cases that are members
    # of a second term without being typical there.
    typical = qca.case_roles(solution, unique_coverage="typical")
    member = qca.case_roles(solution)
    differ = (
        typical.uniquely_covered.to_numpy()
        != member.set_index(["term", "case"])
        .loc[list(zip(typical.term, typical.case)), "uniquely_covered"]
        .to_numpy()
    )
    cases = sorted(set(typical.case[differ]))
    assert cases == ["Denmark_03", "Denmark_99"]
    terms = member[member.level == "term"]
    for case in cases:
        rows = terms[terms.case == case]
        assert len(rows) == 2 and (rows.role == "typical").sum() == 1


def test_deviant_consistency_cases_equal_setmethods(solution: qca.Solution) -> None:
    ref = _ref("suf_deviant_consistency.csv")
    ours = qca.case_roles(solution)
    ours = ours[(ours.level == "term") & (ours.role == "deviant consistency in kind")]
    assert len(ours) == len(ref)
    for term, expected in ref.groupby("Term", sort=False):
        got = ours[ours.term == term]
        assert list(got.case) == list(expected.Cases), term
        np.testing.assert_allclose(got.score, expected.Best, atol=5e-4)
        assert list(got.most) == list(expected.MostDCONS)


def test_deviant_coverage_cases_equal_setmethods(solution: qca.Solution) -> None:
    ref = _ref("suf_deviant_coverage.csv")
    got = qca.case_roles(solution)
    got = got[got.role == "deviant coverage"]
    # SetMethods orders rows by their configuration (0/1 strings), qca by row id: the same order
    assert list(got.case) == list(ref.Case)
    np.testing.assert_allclose(got.score, ref.Best, atol=5e-4)
    np.testing.assert_allclose(got.row_membership, ref.TT_row, atol=5e-4)
    assert list(got.row_within_outcome) == list(ref["TT<=Y"])
    assert list(got.most) == list(ref.MostDCOV)


def test_individually_irrelevant_cases_equal_setmethods(solution: qca.Solution) -> None:
    ref = _ref("suf_iir.csv")
    got = qca.case_roles(solution)
    got = got[got.role == "individually irrelevant"]
    assert sorted(got.case) == sorted(ref.Case)
    # grouped by truth-table row in the same order
    assert list(got.row_membership.round(2)) == list(ref.TT_row.round(2)) or list(
        got.tt_row.drop_duplicates()
    ) == sorted(got.tt_row.unique())


@pytest.mark.parametrize(
    ("kind", "prefix", "first", "second"),
    [
        ("typical-iir", "pairs_typical_iir", "TYP", "IIR"),
        ("typical-typical", "pairs_typical_typical", "TYP1", "TYP2"),
        ("typical-deviant-consistency", "pairs_typical_deviant_consistency", "TYP", "DCONS"),
    ],
)
def test_pairs_per_term_equal_setmethods(
    solution: qca.Solution, kind: str, prefix: str, first: str, second: str
) -> None:
    pairs = qca.case_pairs(solution, kind, max_pairs=5, unique_coverage="typical")  # type: ignore[arg-type]
    for number, term in enumerate(solution.models[0].terms, start=1):
        ref = _ref(f"{prefix}_term{number}.csv").dropna(subset=[first])
        got = pairs[pairs.group == term]
        assert list(zip(got["first"], got["second"])) == list(zip(ref[first], ref[second])), term
        np.testing.assert_allclose(got.score, ref.Best, atol=5e-4)


def test_deviant_coverage_iir_pairs_equal_setmethods(solution: qca.Solution) -> None:
    ref = _ref("pairs_deviant_coverage_iir.csv")
    got = qca.case_pairs(solution, "deviant-coverage-iir", max_pairs=5)
    assert list(zip(got["first"], got["second"])) == list(zip(ref.DCOV, ref.IIR))
    np.testing.assert_allclose(got.score, ref.Best, atol=5e-4)
    assert list(got.row_within_outcome) == list(ref["TT_DCV<=Y"])


@pytest.mark.parametrize(
    ("role", "prefix", "column"),
    [
        ("typical", "nec_typical", "MostTyp"),
        ("deviant consistency in kind", "nec_deviant_consistency", "MostDCONS"),
        ("deviant relevance", "nec_deviant_relevance", "MostDREL"),
    ],
)
def test_necessity_roles_equal_setmethods(
    schf: pd.DataFrame, role: str, prefix: str, column: str
) -> None:
    got = qca.necessity_case_roles("STOCK + MA", schf, "EXPORT")
    for term, level, suffix in [
        ("STOCK + MA", "condition", "STOCK_or_MA"),
        ("STOCK", "disjunct", "STOCK"),
        ("MA", "disjunct", "MA"),
    ]:
        ref = _ref(f"{prefix}_{suffix}.csv")
        ours = got[(got.level == level) & (got.term == term) & (got.role == role)]
        expected = ref.set_index("Case").loc[list(ours.case)]
        keys = dict(zip(ref.Case, zip(ref.Best.round(6), ref.NecCond)))
        _same_order(list(ours.case), list(ref.Case), keys)
        np.testing.assert_allclose(ours.score, expected.Best, atol=5e-4)
        np.testing.assert_allclose(ours.x, expected.NecCond, atol=1e-9)
        assert list(ours.most) == list(expected[column]), (term, role)


# -- brute force by the definitions ---------------------------------------------------------------
def _role_by_definition(x: float, y: float, *, model: bool) -> str | None:
    if x == 0.5 or y == 0.5:
        return None
    if x > 0.5:
        if y > 0.5:
            return "typical" if x <= y else "deviant consistency in degree"
        return "deviant consistency in kind"
    if not model:
        return None
    return "deviant coverage" if y > 0.5 else "individually irrelevant"


memberships = st.sampled_from([0.0, 0.1, 0.2, 0.35, 0.5, 0.6, 0.75, 0.9, 1.0])


@st.composite
def _data(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(3, 12))
    columns = {c: draw(st.lists(memberships, min_size=n, max_size=n)) for c in ["A", "B", "C", "Y"]}
    return pd.DataFrame(columns, index=[f"c{i}" for i in range(1, n + 1)])


@settings(max_examples=30, deadline=None)
@given(_data(), st.sampled_from(["A*B + ~C", "A", "~A*C + B*C", "A*~B*C"]))
def test_roles_match_the_definitions(data: pd.DataFrame, expression: str) -> None:
    roles = qca.case_roles(expression, data=data, outcome="Y")
    expr = qca.expressions.parse(expression)
    terms = {str(t): t.membership(data).to_numpy() for t in expr.terms}
    x_model = np.max(np.vstack(list(terms.values())), axis=0)
    y = data["Y"].to_numpy()
    model_rows = roles[roles.level == "model"]
    assert list(model_rows.case.sort_values()) == sorted(data.index)
    by_case = model_rows.set_index("case")
    for i, case in enumerate(data.index):
        expected = _role_by_definition(x_model[i], y[i], model=True)
        got = by_case.loc[case, "role"]
        assert (got if got is not None and got == got else None) == expected
    for name, x in terms.items():
        rows = roles[(roles.level == "term") & (roles.term == name)].set_index("case")
        assert sorted(rows.index) == sorted(data.index[x > 0.5])
        member_count = sum((v > 0.5).astype(int) for v in terms.values())
        for i, case in enumerate(data.index):
            if x[i] <= 0.5:
                continue
            role = _role_by_definition(x[i], y[i], model=False)
            got = rows.loc[case, "role"]
            assert (got if got == got else None) == role
            if role == "typical":
                assert rows.loc[case, "score"] == pytest.approx(2 * (y[i] - x[i]) + (1 - x[i]))
                assert rows.loc[case, "uniquely_covered"] == (member_count[i] == 1)


@settings(max_examples=20, deadline=None)
@given(_data(), st.sampled_from(["A*B + ~C", "A + B"]))
def test_typical_iir_pairs_are_every_pair_by_the_definitions(
    data: pd.DataFrame, expression: str
) -> None:
    pairs = qca.case_pairs(expression, "typical-iir", data=data, outcome="Y", max_pairs=None)
    expr = qca.expressions.parse(expression)
    y = data["Y"].to_numpy()
    for term in expr.terms:
        x = term.membership(data).to_numpy()
        typical = {c for c, xi, yi in zip(data.index, x, y) if xi > 0.5 and yi > 0.5 and xi <= yi}
        iir = {c for c, xi, yi in zip(data.index, x, y) if xi < 0.5 and yi < 0.5}
        got = pairs[pairs.group == str(term)]
        assert set(zip(got["first"], got["second"])) == {(a, b) for a in typical for b in iir}
        assert list(got["rank"]) == list(range(1, len(got) + 1))


@settings(max_examples=20, deadline=None)
@given(_data(), st.sampled_from(["A", "A + B", "~A*C"]))
def test_necessity_roles_match_the_definitions(data: pd.DataFrame, condition: str) -> None:
    roles = qca.necessity_case_roles(condition, data, "Y")
    whole = roles[roles.level == "condition"].set_index("case")
    x = qca.expressions.parse(condition).membership(data).to_numpy()
    y = data["Y"].to_numpy()
    placed = ~(data[["A", "B", "C"]] == 0.5).any(axis=1).to_numpy()
    for i, case in enumerate(data.index):
        expected = None
        if x[i] > 0.5 and y[i] > 0.5:
            expected = "typical" if x[i] >= y[i] else "deviant consistency in degree"
        elif x[i] < 0.5 and y[i] > 0.5 and placed[i]:
            expected = "deviant consistency in kind"
        elif x[i] > 0.5 and y[i] < 0.5:
            expected = "deviant relevance"
        elif x[i] < 0.5 and y[i] < 0.5:
            expected = "individually irrelevant"
        got = whole.loc[case, "role"]
        assert (got if got == got else None) == expected


def test_roles_are_the_documented_ones() -> None:
    assert "typical" in ROLES and "individually irrelevant" in ROLES


def test_bad_arguments_are_named(solution: qca.Solution, schf: pd.DataFrame) -> None:
    with pytest.raises(QCAError, match="model"):
        qca.case_roles(solution, "M9")
    with pytest.raises(QCAError, match="kind"):
        qca.case_pairs(solution, "typical-nothing")  # type: ignore[arg-type]
    with pytest.raises(QCAError, match="max_pairs"):
        qca.case_pairs(solution, max_pairs=0)
    with pytest.raises(QCAError, match="data"):
        qca.case_roles("A*B")
    with pytest.raises(QCAError, match="pass neither"):
        qca.case_roles(solution, data=schf, outcome="EXPORT")


def test_row_order_does_not_change_the_result(schf: pd.DataFrame) -> None:
    a = qca.case_roles("~EMP*OCCUP + BARGAIN*UNI*STOCK", data=schf, outcome="EXPORT")
    b = qca.case_roles("~EMP*OCCUP + BARGAIN*UNI*STOCK", data=schf.iloc[::-1], outcome="EXPORT")
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("necessary", [(), ("STOCK",)])
@pytest.mark.parametrize("term", [1, 2, 3])
def test_focal_conjunct_cases_equal_setmethods(
    solution: qca.Solution, term: int, necessary: tuple[str, ...]
) -> None:
    got = qca.focal_conjunct_cases(solution, term, necessary=necessary)
    term_name = solution.models[0].terms[term - 1]
    assert set(got.term) == {term_name}
    for conjunct, ours in got.groupby("conjunct", sort=False):
        name = str(conjunct).replace("~", "not_")
        ref = _ref(f"fc_typical_term{term}_{name}{'_necSTOCK' if necessary else ''}.csv")
        consistent = "FC>=Y" if conjunct in necessary else "FC<=Y"
        assert list(ours.case) == list(ref.index), conjunct
        np.testing.assert_allclose(ours.fc, ref.FC, atol=1e-9)
        np.testing.assert_allclose(ours.score, ref.Best, atol=5e-4)
        np.testing.assert_allclose(ours.term_membership, ref.Term, atol=1e-9)
        assert list(ours["rank"]) == list(ref.Rank)
        assert list(ours.clean_correspondence) == list(ref.CleanCorr)
        assert list(ours.fc_consistent) == list(ref[consistent])
        assert list(ours.uniquely_covered) == list(ref.UniqCov)
        assert list(ours.most_typical_fc) == list(ref.MostTypFC)
        assert list(ours.most_typical_term) == list(ref.MostTypTerm)


@settings(max_examples=20, deadline=None)
@given(_data())
def test_focal_conjunct_cases_by_the_definitions(data: pd.DataFrame) -> None:
    got = qca.focal_conjunct_cases("A*~B*C + ~A*B", 1, data=data, outcome="Y")
    a, nb, c, y = data.A.to_numpy(), 1 - data.B.to_numpy(), data.C.to_numpy(), data.Y.to_numpy()
    term = np.minimum(np.minimum(a, nb), c)
    typical = set(data.index[(term > 0.5) & (y > 0.5) & (term <= y)])
    for conjunct, fc, others in [("A", a, (nb, c)), ("~B", nb, (a, c)), ("C", c, (a, nb))]:
        rows = got[got.conjunct == conjunct].set_index("case")
        assert set(rows.index) == typical
        cc = np.minimum(*others)
        for i, case in enumerate(data.index):
            if case not in typical:
                continue
            assert rows.loc[case, "rank"] == (1 if fc[i] < cc[i] else 2)
            assert rows.loc[case, "score"] == pytest.approx(2 * abs(y[i] - fc[i]) + 1 - term[i])


def test_necessity_pairs_equal_setmethods(schf: pd.DataFrame) -> None:
    # pairs whose sort keys tie exactly are ordered by name in qca, by data order in SetMethods:
    # SetMethods' top 5 must be qca's top 5 up to such ties (at the cut too)
    every = qca.necessity_case_pairs("STOCK + MA", schf, "EXPORT", max_pairs=None)
    for group, suffix in [("STOCK", "STOCK"), ("MA", "MA"), ("STOCK + MA", "STOCK_or_MA")]:
        ref = _ref(f"nec_pairs_typical_deviant_relevance_{suffix}.csv")
        ours = every[every.group == group].reset_index(drop=True)

        def key(row: pd.Series) -> tuple[object, ...]:
            return (row.uniquely_covered, round(row.score, 6), row.most_typical, row.most_deviant)

        keys = {(r["first"], r["second"]): key(r) for _, r in ours.iterrows()}
        top = [key(r) for _, r in ours.head(len(ref)).iterrows()]
        assert [keys[(a, b)] for a, b in zip(ref.TYP, ref.DREL)] == top, group
        np.testing.assert_allclose(ours.score.head(len(ref)), ref.Best, atol=5e-4)
        assert list(ours.most_typical.head(len(ref))) == list(ref.MostTyp)
        if "UniqCov" in ref:
            assert list(ours.uniquely_covered.head(len(ref))) == list(ref.UniqCov)


@pytest.mark.parametrize("term", [1, 2, 3])
def test_focal_conjunct_pairs_equal_setmethods(solution: qca.Solution, term: int) -> None:
    every = qca.focal_conjunct_pairs(solution, term, max_pairs=None, unique_coverage="typical")
    labels = {"both": "both", "typical": "typ", "iir": "iir", "none": "none"}
    for conjunct, ours in every.groupby("conjunct", sort=False):
        ref = _ref(f"fc_pairs_typical_iir_term{term}_{str(conjunct).replace('~', 'not_')}.csv")
        ours = ours.reset_index(drop=True)

        def key(row: pd.Series) -> tuple[object, ...]:
            fc = {(True, True): "both", (True, False): "typ", (False, True): "iir"}.get(
                (row.fc_consistent_first, row.fc_consistent_second), "none"
            )
            return (
                labels[row.clean_correspondence],
                fc,
                row.uniquely_covered,
                row.globally_uncovered,
                round(row.score, 6),
            )

        keys = {(r["first"], r["second"]): key(r) for _, r in ours.iterrows()}
        expected = [
            (c, f, u, g, round(b, 6))
            for c, f, u, g, b in zip(
                ref.CleanCorr, ref["FC<=Y"], ref.UniqCov, ref.GlobUncov, ref.Best
            )
        ]
        # SetMethods orders by scores rounded to 3 decimals; qca by the exact scores
        got = [keys[(a, b)] for a, b in zip(ref.TYP, ref.IIR)]
        assert [k[:4] for k in got] == [k[:4] for k in expected], conjunct
        np.testing.assert_allclose([k[4] for k in got], [k[4] for k in expected], atol=5e-4)
        assert [k[:4] for k in got] == [key(r)[:4] for _, r in ours.head(len(ref)).iterrows()]
        if str(ref.PairRank.iloc[0]) != "-":
            ranks = dict(zip(zip(ours["first"], ours["second"]), ours.pair_rank))
            assert [ranks[(a, b)] for a, b in zip(ref.TYP, ref.IIR)] == list(
                ref.PairRank.astype(float)
            )
