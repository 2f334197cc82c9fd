"""Tests of qca.model_fit(): a model evaluated against a theory (R QCA's modelFit)."""

from __future__ import annotations

import dataclasses
import json
import warnings
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import qca
from qca.exceptions import ExpressionError, QCAError
from qca.expressions import Expression, Literal, Term, equivalent, intersect, negate, parse
from qca.expressions.expand import multiply_out
from qca.theory import REGIONS, ModelFitResult, TheoryFit, model_fit

MODEL = "DEV*~IND + URB*STB"  # R: minimize(truthTable(LF, SURV, incl.cut = 0.8), include = "?")
THEORY = "DEV*STB"


@pytest.fixture
def lf() -> pd.DataFrame:
    return qca.datasets.load("LF")


@pytest.fixture
def lf_result(lf: pd.DataFrame) -> ModelFitResult:
    return model_fit(MODEL, THEORY, data=lf, outcome="SURV")


def _crisp_space(conditions: list[str], levels: list[int]) -> pd.DataFrame:
    """Every crisp configuration of the conditions, one per row."""
    rows = list(product(*[range(n) for n in levels]))
    return pd.DataFrame(rows, columns=conditions, index=[f"c{i}" for i in range(len(rows))])


def _region_truth(
    model: Expression, theory: Expression, space: pd.DataFrame
) -> dict[str, np.ndarray]:
    """The four regions by brute force: crisp memberships of model and theory, no algebra."""
    m = model.membership(space).to_numpy() == 1
    t = theory.membership(space).to_numpy() == 1
    return {REGIONS[0]: m & t, REGIONS[1]: m & ~t, REGIONS[2]: ~m & t, REGIONS[3]: ~m & ~t}


# ---------------------------------------------------------------------------------------------
# Lipset fuzzy data
# ---------------------------------------------------------------------------------------------


def test_result_shape(lf_result: ModelFitResult) -> None:
    assert isinstance(lf_result, ModelFitResult) and len(lf_result) == 1
    item = lf_result[0]
    assert isinstance(item, TheoryFit) and item.name == "M"
    assert list(item.table.index) == ["DEV*~IND", "URB*STB", "model", "theory", *REGIONS]
    assert list(item.table.columns) == ["inclS", "PRI", "covS"]
    assert str(item.model) == MODEL and str(item.theory) == THEORY
    assert lf_result.outcome == "SURV"
    assert lf_result.conditions == ("DEV", "URB", "LIT", "IND", "STB")


def test_regions_are_the_crisp_intersections(lf_result: ModelFitResult) -> None:
    item = lf_result[0]
    conditions = ["DEV", "URB", "IND", "STB"]  # the conditions model and theory use
    space = _crisp_space(conditions, [2] * 4)
    truth = _region_truth(parse(MODEL), parse(THEORY), space)
    for label in REGIONS:
        region = item.regions[label]
        assert np.array_equal(region.membership(space).to_numpy() == 1, truth[label]), label
        # as R: multiplied out, not minimized (DEV*URB*STB + DEV*~IND*STB is DEV*STB*(URB + ~IND))
        assert qca.expressions.equivalent(region, qca.expressions.simplify(region))
    assert str(item.regions["model*theory"]) == "DEV*URB*STB + DEV*~IND*STB"


def test_regions_are_r_route(lf_result: ModelFitResult) -> None:
    # R: intersection(theory, model), intersection(invert(theory), model), ... (multiplied out)
    item = lf_result[0]
    model, theory = item.model, item.theory
    expected = {
        "model*theory": multiply_out(theory, model),
        "model*~theory": multiply_out(qca.invert(theory), model),
        "~model*theory": multiply_out(theory, qca.invert(model)),
        "~model*~theory": multiply_out(qca.invert(theory), qca.invert(model)),
    }
    for label in REGIONS:
        assert item.regions[label] == expected[label], label
        assert str(item.regions[label]) == str(expected[label])


def test_figures_match_fit_of_each_region(lf: pd.DataFrame, lf_result: ModelFitResult) -> None:
    table = lf_result[0].table
    for label in REGIONS:
        text = str(lf_result[0].regions[label])
        independent = qca.fit(text, lf, "SURV").to_frame().iloc[-1]
        for key in ("inclS", "PRI", "covS"):
            assert table.loc[label, key] == pytest.approx(independent[key], abs=1e-12), (label, key)
    model = qca.fit(MODEL, lf, "SURV").to_frame()
    for key in ("inclS", "PRI", "covS"):
        assert table.loc["model", key] == pytest.approx(model.loc["expression", key], abs=1e-12)
        assert table.loc["DEV*~IND", key] == pytest.approx(model.loc["DEV*~IND", key], abs=1e-12)
        assert table.loc["theory", key] == pytest.approx(
            qca.fit(THEORY, lf, "SURV").to_frame().loc["DEV*STB", key], abs=1e-12
        )


def test_model_figures_are_r_pof(lf_result: ModelFitResult) -> None:
    # R QCA 3.25: the parsimonious solution's fit (tests/reference/minimize/, copied from the
    # shared R reference ds_LF_SURV_incl0.8.json)
    path = Path(__file__).parent / "reference" / "minimize" / "ds_LF_SURV_incl0.8.json"
    record = json.loads(path.read_text())["minimize"]["parsimonious"]
    assert record["solutions"] == [["DEV*~IND", "URB*STB"]]
    expected = record["fit"]["solutions"][0]["solution"]
    row = lf_result[0].table.loc["model"]
    for key in ("inclS", "PRI", "covS"):
        # R's JSON keeps 15 significant digits
        assert row[key] == pytest.approx(expected[key], abs=1e-14), key


def test_regions_partition_the_cases(lf: pd.DataFrame, lf_result: ModelFitResult) -> None:
    # No LF case has a score of exactly 0.5, so each lies in exactly one region.
    item = lf_result[0]
    regions = [set(item.cases[label]) for label in REGIONS]
    assert sum(len(r) for r in regions) == len(lf)
    assert set().union(*regions) == set(lf.index)
    assert item.cases["model*theory"] == ("BE", "CZ", "FI", "IE", "NL", "UK")
    assert item.cases["~model*theory"] == ("FR", "SE")
    # model and theory cases are the unions of their regions
    assert set(item.cases["model"]) == regions[0] | regions[1]
    assert set(item.cases["theory"]) == regions[0] | regions[2]


def test_cases_are_memberships_above_half(lf_result: ModelFitResult) -> None:
    item = lf_result[0]
    for label in item.table.index:
        above = item.memberships[label] > 0.5
        assert item.cases[label] == tuple(item.memberships.index[above])


def test_empty_region(lf: pd.DataFrame) -> None:
    item = model_fit(THEORY, THEORY, data=lf, outcome="SURV")[0]
    empty = item.regions["model*~theory"]
    assert empty.terms == ()
    assert item.table.loc["model*~theory"].isna().all()  # covS too, as R
    assert item.cases["model*~theory"] == ()
    assert "model*~theory:  -" in str(item)
    assert item.to_dict()["regions"]["model*~theory"] is None
    assert item.to_dict()["fit"]["model*~theory"] == {
        "inclS": None,
        "PRI": None,
        "covS": None,
        "cases": [],
    }


def test_row_order_does_not_matter(lf: pd.DataFrame, lf_result: ModelFitResult) -> None:
    shuffled = lf.sample(frac=1.0, random_state=3)
    other = model_fit(MODEL, THEORY, data=shuffled, outcome="SURV")
    assert json.dumps(other.to_dict()) == json.dumps(lf_result.to_dict())


def test_does_not_modify_data(lf: pd.DataFrame) -> None:
    before = lf.copy()
    model_fit(MODEL, THEORY, data=lf, outcome="SURV")
    pd.testing.assert_frame_equal(lf, before)


def test_negated_outcome(lf: pd.DataFrame) -> None:
    item = model_fit(MODEL, THEORY, data=lf, outcome="~SURV")[0]
    y = 1 - lf["SURV"]
    expected = qca.fit(str(item.regions["~model*~theory"]), lf, y.rename("~SURV")).to_frame()
    assert item.table.loc["~model*~theory", "inclS"] == pytest.approx(
        expected["inclS"].iloc[-1], abs=1e-12
    )


def test_expression_object_input(lf: pd.DataFrame, lf_result: ModelFitResult) -> None:
    other = model_fit(parse(MODEL), parse(THEORY), data=lf, outcome="SURV")
    assert other.to_dict() == lf_result.to_dict()


# ---------------------------------------------------------------------------------------------
# Solution input
# ---------------------------------------------------------------------------------------------


def test_solution_with_truth_table(lf: pd.DataFrame, lf_result: ModelFitResult) -> None:
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    result = model_fit(solution, THEORY, data=tt)
    assert [item.name for item in result] == ["M1"]
    item = result["M1"]
    assert list(item.table.index[:2]) == list(solution.models[0].terms)
    for key in ("inclS", "PRI", "covS"):
        assert item.table.loc["model", key] == pytest.approx(solution.models[0].fit[key], abs=1e-12)
    # the same figures from the data frame, outcome taken from the solution
    same = model_fit(solution, THEORY, data=lf)
    pd.testing.assert_frame_equal(same[0].table, item.table)
    assert item.table.loc[list(REGIONS)].equals(lf_result[0].table.loc[list(REGIONS)])
    # a single Model object
    single = model_fit(solution.models[0], THEORY, data=tt)
    pd.testing.assert_frame_equal(single[0].table, item.table)


def test_solution_negated_outcome(lf: pd.DataFrame) -> None:
    tt = qca.truth_table(lf, "~SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    result = model_fit(solution, "~DEV", data=tt)
    assert result.outcome == "~SURV"
    assert result[0].table.loc["model", "inclS"] == pytest.approx(
        solution.models[0].fit["inclS"], abs=1e-12
    )
    from_frame = model_fit(solution, "~DEV", data=lf)
    pd.testing.assert_frame_equal(from_frame[0].table, result[0].table)


def test_multivalue_solution_with_several_models() -> None:
    lm = qca.datasets.load("LM")
    tt = qca.truth_table(lm, "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    theory = "DEV[2] + STB[1]"
    result = model_fit(solution, theory, data=tt)
    assert [item.name for item in result] == [m.name for m in solution.models]
    assert len(result) == 3
    conditions = list(tt.conditions)
    space = _crisp_space(conditions, list(tt.noflevels))
    for item, model in zip(result, solution.models):
        assert str(item.model) == model.expression  # R's multi-value spelling kept
        truth = _region_truth(
            parse(model.expression, conditions, tt.noflevels),
            parse(theory, conditions, tt.noflevels),
            space,
        )
        for label in REGIONS:
            got = item.regions[label].membership(space).to_numpy() == 1
            assert np.array_equal(got, truth[label]), (item.name, label)
        # crisp data: every case in exactly one region
        counts = sum(item.memberships[label].to_numpy() for label in REGIONS)
        assert np.array_equal(counts, np.ones(len(lm)))
    assert "M2" in str(result) and "DEV[1]*IND[0]" in str(result)


# ---------------------------------------------------------------------------------------------
# Properties: random data, random model and theory
# ---------------------------------------------------------------------------------------------

_NAMES = ["A", "B", "C", "D"]


@st.composite
def _expressions(draw: st.DrawFn) -> Expression:
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        chosen = draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3, unique=True))
        literals = tuple(
            Literal(c, frozenset({draw(st.integers(0, 1))}))
            for c in sorted(chosen, key=_NAMES.index)
        )
        terms.append(Term(literals))
    return Expression(tuple(dict.fromkeys(terms)), conditions=tuple(_NAMES))


_SCORES = st.sampled_from([0.0, 0.1, 0.3, 0.5, 0.6, 0.9, 1.0])


@given(
    model=_expressions(),
    theory=_expressions(),
    scores=st.lists(st.lists(_SCORES, min_size=5, max_size=5), min_size=2, max_size=8),
)
@pytest.mark.slow
def test_property_fuzzy_regions(model: Expression, theory: Expression, scores: list) -> None:
    data = pd.DataFrame(scores, columns=[*_NAMES, "Y"], index=[f"k{i}" for i in range(len(scores))])
    item = model_fit(model, theory, data=data, outcome="Y")[0]
    inside = np.vstack([item.memberships[label].to_numpy() > 0.5 for label in REGIONS])
    # every case in at most one region; exactly one unless a used condition scores 0.5
    assert (inside.sum(axis=0) <= 1).all()
    used = sorted(set(model.used_conditions) | set(theory.used_conditions))
    clear = ~(data[used] == 0.5).any(axis=1).to_numpy()
    assert (inside.sum(axis=0)[clear] == 1).all()
    # a region's membership is above 0.5 exactly when both of its sides are (for a case without
    # a 0.5 score: with one, the minimized region may differ from min(model, theory) there,
    # e.g. ~A*(B + ~A*~B) = ~A is 1 at A = 0, B = 0.5 where the min is 0.5)
    m = model.membership(data).to_numpy()
    t = theory.membership(data).to_numpy()
    expected = [
        (m > 0.5) & (t > 0.5),
        (m > 0.5) & (1 - t > 0.5),
        (1 - m > 0.5) & (t > 0.5),
        (1 - m > 0.5) & (1 - t > 0.5),
    ]
    assert np.array_equal(inside[:, clear], np.vstack(expected)[:, clear])
    # figures in [0, 1] or undefined
    values = item.table.to_numpy()
    assert ((values >= -1e-12) & (values <= 1 + 1e-12) | np.isnan(values)).all()


@given(
    model=_expressions(),
    theory=_expressions(),
    rows=st.lists(st.lists(st.integers(0, 1), min_size=5, max_size=5), min_size=1, max_size=10),
)
@pytest.mark.slow
def test_property_crisp_regions_exact(model: Expression, theory: Expression, rows: list) -> None:
    data = pd.DataFrame(rows, columns=[*_NAMES, "Y"], index=[f"k{i}" for i in range(len(rows))])
    item = model_fit(model, theory, data=data, outcome="Y")[0]
    m = model.membership(data).to_numpy()
    t = theory.membership(data).to_numpy()
    expected = {
        REGIONS[0]: np.minimum(m, t),
        REGIONS[1]: np.minimum(m, 1 - t),
        REGIONS[2]: np.minimum(1 - m, t),
        REGIONS[3]: np.minimum(1 - m, 1 - t),
    }
    for label in REGIONS:
        assert np.array_equal(item.memberships[label].to_numpy(), expected[label]), label
    assert np.array_equal(sum(expected.values()), np.ones(len(rows)))
    # R's route: the minimized negations (admisc's invert), products multiplied out
    neg_model, neg_theory = qca.invert(item.model), qca.invert(item.theory)
    assert item.regions[REGIONS[1]] == multiply_out(neg_theory, item.model)
    assert item.regions[REGIONS[3]] == multiply_out(neg_theory, neg_model)
    assert equivalent(item.regions[REGIONS[3]], intersect(negate(item.theory), negate(item.model)))


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------


def test_text_view(lf_result: ModelFitResult) -> None:
    text = str(lf_result)
    lines = text.splitlines()
    assert lines[0] == "model:          DEV*~IND + URB*STB"
    assert lines[1] == "theory:         DEV*STB"
    assert [line.split(":")[0] for line in lines[2:6]] == list(REGIONS)
    assert "~model*theory" in text and "0.850" in text and "FR,SE" in text
    assert "ModelFitResult" in repr(lf_result) and "DEV*STB" in repr(lf_result)
    assert "TheoryFit M" in repr(lf_result[0])


def test_to_frame(lf_result: ModelFitResult) -> None:
    frame = lf_result.to_frame()
    assert list(frame.columns) == ["model", "set", "expression", "inclS", "PRI", "covS", "cases"]
    assert len(frame) == 8
    row = frame.set_index("set").loc["~model*theory"]
    assert row["cases"] == ("FR", "SE") and row["expression"] == str(
        lf_result[0].regions["~model*theory"]
    )
    # a copy: changing it leaves the result alone
    frame.loc[0, "inclS"] = -1
    assert lf_result[0].table["inclS"].iloc[0] > 0


def test_to_dict_is_json(lf_result: ModelFitResult) -> None:
    document = lf_result.to_dict()
    json.dumps(document, allow_nan=False)
    assert document["theory"] == THEORY and document["outcome"] == "SURV"
    model = document["models"][0]
    assert model["model"] == MODEL and set(model["regions"]) == set(REGIONS)
    assert model["fit"]["~model*theory"]["cases"] == ["FR", "SE"]


def test_html_view_escapes(lf: pd.DataFrame) -> None:
    frame = lf.rename(index={"AU": "<AU>"})
    result = model_fit(MODEL, THEORY, data=frame, outcome="SURV")
    markup = result._repr_html_()
    assert markup.startswith("<table") and "&lt;AU&gt;" in markup and "<AU>" not in markup
    assert "model*theory: DEV" in markup


def test_getitem_and_frozen(lf_result: ModelFitResult) -> None:
    assert lf_result["M"] is lf_result[0]
    assert list(lf_result) == [lf_result[0]]
    with pytest.raises(KeyError, match="no model named 'M9'; models: \\['M'\\]"):
        lf_result["M9"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lf_result.outcome = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        lf_result[0].regions["model*theory"] = parse("A")  # type: ignore[index]


def test_exported() -> None:
    assert qca.model_fit is model_fit and "model_fit" in qca.__all__


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


def test_error_theory_type(lf: pd.DataFrame) -> None:
    with pytest.raises(
        QCAError,
        match=r"model_fit\(\): `theory` must be an expression string "
        r"such as 'A\*~B \+ C'; got int",
    ):
        model_fit(MODEL, 3, data=lf, outcome="SURV")  # type: ignore[arg-type]


def test_error_theory_unknown_condition(lf: pd.DataFrame) -> None:
    with pytest.raises(
        ExpressionError,
        match=r"model_fit\(\): `theory` 'DEV\*XYZ' is not an "
        r"expression over the conditions \['DEV', .*unknown condition 'XYZ'",
    ):
        model_fit(MODEL, "DEV*XYZ", data=lf, outcome="SURV")


def test_error_theory_syntax(lf: pd.DataFrame) -> None:
    with pytest.raises(ExpressionError, match=r"`theory` 'DEV\*' .*expected a condition name"):
        model_fit(MODEL, "DEV*", data=lf, outcome="SURV")


def test_error_model_syntax(lf: pd.DataFrame) -> None:
    with pytest.raises(ExpressionError, match=r"`model` 'DEV \+\+ STB' is not an expression"):
        model_fit("DEV ++ STB", THEORY, data=lf, outcome="SURV")


def test_error_model_type(lf: pd.DataFrame) -> None:
    with pytest.raises(
        QCAError,
        match=r"`model` must be a Solution \(from qca.minimize\), a Model "
        r"or an expression string; got list",
    ):
        model_fit(["DEV"], THEORY, data=lf, outcome="SURV")


def test_error_no_data() -> None:
    with pytest.raises(QCAError, match=r"model_fit\(\): `data` is required: the calibrated data"):
        model_fit(MODEL, THEORY)


def test_error_data_type() -> None:
    with pytest.raises(
        QCAError, match=r"model_fit\(\): `data` must be a pandas DataFrame; got dict"
    ):
        model_fit(MODEL, THEORY, data={"DEV": [1]}, outcome="SURV")


def test_error_no_outcome(lf: pd.DataFrame) -> None:
    with pytest.raises(
        QCAError,
        match=r"model_fit\(\): `outcome` is required when `model` is an "
        r"expression",
    ):
        model_fit(MODEL, THEORY, data=lf)


def test_error_unknown_outcome(lf: pd.DataFrame) -> None:
    with pytest.raises(QCAError, match=r"`outcome` 'SURVX' is neither a column of `data`"):
        model_fit(MODEL, THEORY, data=lf, outcome="SURVX")


def test_error_solution_without_models(lf: pd.DataFrame) -> None:
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    solution = dataclasses.replace(qca.minimize(tt, include="?"), models=())
    with pytest.raises(QCAError, match=r"model_fit\(\): the solution has no model to evaluate"):
        model_fit(solution, THEORY, data=tt)


def test_error_solution_conditions_missing_from_data(lf: pd.DataFrame) -> None:
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    with pytest.raises(QCAError, match=r"model_fit\(\).*\['STB'\]"):
        model_fit(solution, THEORY, data=lf.drop(columns="STB"))


def test_a_solution_brings_its_own_truth_table():
    import qca

    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    assert solution.truth_table is tt
    assert (
        qca.model_fit(solution, "DEV*STB").to_dict()
        == qca.model_fit(solution, "DEV*STB", data=tt).to_dict()
    )


def test_summary(lf_result: ModelFitResult) -> None:
    summary = lf_result.summary()
    text = str(summary)
    lines = text.splitlines()
    assert lines[0] == "Model fit against the theory DEV*STB for SURV"
    assert "theory:     DEV*STB" in lines and "outcome:    SURV" in lines
    assert "models:     1" in lines and "M: DEV*~IND + URB*STB" in lines
    row = next(line for line in lines if line.startswith("~model*theory:"))
    assert row.split()[-4:] == ["0.709", "0.634", "0.237", "FR,SE"]
    assert "undefined (0/0" in text and "~model*~theory neither" in text
    assert "<th>~model*theory: DEV*~URB*IND*STB</th>" in summary._repr_html_()


def test_immutable(lf_result: ModelFitResult) -> None:
    item = lf_result[0]
    before = lf_result.to_dict()
    with warnings.catch_warnings():  # pandas warns that such an assignment changes nothing
        warnings.simplefilter("ignore")
        item.table.loc["model", "inclS"] = 9
        item.memberships.loc["AU", "model"] = 9
    table = item.table
    table.loc["model", "inclS"] = 9
    assert lf_result.to_dict() == before
    assert item.memberships.loc["AU", "model"] != 9
    with pytest.raises(TypeError):
        item.cases["model"] = ()  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.name = "X"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.memberships = item.memberships  # type: ignore[misc]


def test_caps(lf_result: ModelFitResult) -> None:
    item = lf_result[0]
    many = ModelFitResult(
        outcome="SURV", theory=lf_result.theory, fits=(item,) * 13, conditions=lf_result.conditions
    )
    text = str(many)
    assert text.endswith("… 3 more models; `result.fits` has them all")
    assert text.count("model:          DEV*~IND + URB*STB") == 10
    markup = many._repr_html_()
    assert markup.count("<table") == 10
    assert "… 3 more models; <code>result.fits</code> has them all" in markup
    assert "… 3 more models; `result.fits` has them all" in str(many.summary())
    shown = repr(many)
    assert "\n" not in shown and len(shown) < 160 and "(+" in shown
