"""qca.minimize: options, result views, error messages, and the engine pieces."""

from __future__ import annotations

import dataclasses
import json
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import qca
from qca import testing
from qca._core import chart as _chart
from qca._core import qmc as _qmc
from qca.exceptions import (
    NoConfigurationsError,
    ProblemTooLargeError,
    QCAError,
    TruncatedModelsWarning,
)
from qca.minimize import Model, Solution, minimize
from qca.minimize.intermediate import expectation_rows
from qca.minimize.models import implicant_terms


def crisp_tt(rows: dict[tuple[int, ...], str], conditions=("A", "B", "C")) -> SimpleNamespace:
    """A truth table with one case per listed configuration (OUT given), crisp data."""
    k = len(conditions)
    configs = list(rows)
    names = [f"c{i}" for i in range(len(configs))]
    data = pd.DataFrame(configs, columns=list(conditions), index=names).astype(float)
    data["Y"] = [1.0 if rows[c] == "1" else 0.0 for c in configs]
    weights = [2 ** (k - 1 - j) for j in range(k)]
    ids = [1 + sum(v * w for v, w in zip(c, weights)) for c in configs]
    table = pd.DataFrame(
        {
            **{c: [cfg[j] for cfg in configs] for j, c in enumerate(conditions)},
            "OUT": pd.Categorical([rows[c] for c in configs], categories=["1", "0", "C", "?"]),
            "n": 1,
            "cases": [(n,) for n in names],
        },
        index=pd.Index(ids, name="row"),
    ).sort_index()
    return SimpleNamespace(
        conditions=tuple(conditions),
        outcome="Y",
        noflevels=(2,) * k,
        multivalue=False,
        memberships=data,
        table=table,
    )


@pytest.fixture(scope="module")
def lf():
    return qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)


# -- with qca.truth_table() ---------------------------------------------------------------------


def test_lipset_fuzzy_three_solutions(lf) -> None:
    assert [m.expression for m in minimize(lf).models] == [
        "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"
    ]
    pars = minimize(lf, include="?")
    assert pars.models[0].terms == ("DEV*~IND", "URB*STB")
    assert pars.simplifying_assumptions == {"M1": (10, 12, 14, 16, 17, 18, 21, 25, 26, 28, 29, 30)}
    inter = minimize(lf, include="?", dir_exp="DEV, STB, ~LIT*IND")
    assert inter.models[0].terms == ("DEV*URB*STB", "DEV*~IND*STB")
    assert inter.intermediate[0].easy_counterfactuals == (18, 26, 28, 30)
    assert inter.easy_counterfactuals == {"C1P1": (18, 26, 28, 30)}
    assert inter.parsimonious_models[0].terms == ("DEV*~IND", "URB*STB")
    # the same expectations as a list and as a mapping (no conjunction there)
    a = minimize(lf, include="?", dir_exp=["DEV", "~URB", "IND", "~STB"])
    b = minimize(lf, include="?", dir_exp={"DEV": 1, "URB": 0, "IND": 1, "STB": 0, "LIT": "-"})
    assert (
        [m.terms for m in a.models]
        == [m.terms for m in b.models]
        == [("DEV*~URB*LIT*~IND", "DEV*URB*LIT*IND*STB")]
    )


def test_views_and_exports(lf) -> None:
    sol = minimize(lf, include="?")
    assert isinstance(sol, Solution) and isinstance(sol.models[0], Model)
    assert repr(sol).startswith("<Solution parsimonious: 1 model(s), 2 PIs; DEV*~IND + URB*STB")
    text = str(sol)
    assert "M1: DEV*~IND + URB*STB -> SURV" in text and "BE,CZ,NL,UK" in text
    markup = sol._repr_html_()
    assert "<table" in markup and "<pre>" not in markup
    assert "<th>DEV*~IND</th>" in markup and "0.815" in markup and "BE,CZ,NL,UK" in markup
    chart = sol.pi_chart
    assert chart.loc["DEV*~IND"].tolist() == [True, False] and list(chart.columns) == [22, 32]
    chart.iloc[0, 0] = False  # a copy
    assert sol.pi_chart.iloc[0, 0]
    frame = sol.to_frame()
    assert list(frame.columns) == ["model", "term", "inclS", "PRI", "covS", "covU", "cases"]
    assert frame["inclS"].round(6).tolist() == [0.814815, 0.873767]
    document = sol.to_dict()
    json.dumps(document, allow_nan=False)
    assert set(document) >= {
        "prime_implicants",
        "essential",
        "models",
        "intermediate",
        "simplifying_assumptions",
        "truncated",
        "n_models",
        "options",
    }
    assert (
        document["options"]["include"] == ["?"]
        and document["options"]["qca_version"] == qca.__version__
    )
    assert document["models"][0]["term_fit"]["URB*STB"]["covU"] == pytest.approx(0.429577464788732)
    assert sol.cases("URB*STB") == ("BE", "CZ", "NL", "UK")


def test_row_order_of_data_does_not_matter(lf) -> None:
    data = qca.datasets.load("LF")
    shuffled = qca.truth_table(data.sample(frac=1, random_state=3), "SURV", incl_cut=0.8)
    one, two = minimize(lf, include="?"), minimize(shuffled, include="?")
    assert str(one) == str(two)
    assert one.to_dict()["models"] == two.to_dict()["models"]


# -- options ------------------------------------------------------------------------------------


def test_include_contradictions_as_dont_cares() -> None:
    tt = crisp_tt({(1, 1, 0): "1", (1, 1, 1): "C", (0, 0, 0): "0"})
    assert minimize(tt).models[0].terms == ("A*B*~C",)
    assert minimize(tt, include="C").models[0].terms == ("A*B",)
    assert (
        minimize(tt, include="?,C").models[0].terms
        == minimize(tt, include=["?", "C"]).models[0].terms
    )


def test_exclude_rows_and_expression() -> None:
    tt = crisp_tt({(1, 1, 1): "1", (0, 0, 0): "0"})
    free = minimize(tt, include="?")
    assert [m.expression for m in free.models] == ["A", "B", "C"]
    # excluding the remainders A*~B*~C (row 5) and A*B*~C (row 7) removes "A" and "B"
    fewer = minimize(tt, include="?", exclude=[5, 7])
    assert [m.expression for m in fewer.models] == ["C"]
    by_expression = minimize(tt, include="?", exclude="A*~C")
    assert [m.expression for m in by_expression.models] == ["C"]
    assert all(5 not in sa and 7 not in sa for sa in fewer.simplifying_assumptions.values())


def test_cyclic_chart_all_models_and_all_sol() -> None:
    tt = crisp_tt(
        dict.fromkeys([(0, 0, 1), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (1, 1, 0)], "1")
        | {(0, 0, 0): "0", (1, 1, 1): "0"},
        conditions=("P", "Q", "R"),
    )
    sol = minimize(tt)
    assert [m.expression for m in sol.models] == ["~P*Q + P*~R + ~Q*R", "~P*R + P*~Q + Q*~R"]
    assert sol.essential == ()
    every = minimize(tt, all_sol=True)
    assert len(every.models) > 2 and {m.expression for m in sol.models} <= {
        m.expression for m in every.models
    }
    # first_min: one minimal model, whichever the solver finds (as R's first.min), uncounted
    first = minimize(tt, first_min=True)
    assert len(first.models) == 1 and first.models[0].expression in [
        m.expression for m in sol.models
    ]
    assert first.n_models is None and not first.truncated
    assert (
        first.models[0].fit == next(m for m in sol.models if m.terms == first.models[0].terms).fit
    )
    with pytest.warns(TruncatedModelsWarning, match="2 minimal models exist; only the first 1"):
        truncated = minimize(tt, max_models=1)
    assert truncated.truncated and truncated.n_models == 2 and len(truncated.models) == 1


def test_pi_cons_and_sol_cons() -> None:
    data = pd.DataFrame(
        {"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("wxyz"), dtype=float
    )
    tt = qca.truth_table(data, "Y")
    assert minimize(tt, include="?", pi_cons=0.9).models[0].expression == "A"
    with pytest.raises(QCAError, match="There are no solutions, given these constraints"):
        minimize(_inconsistent_tt(), include="?", pi_cons=0.99)
    with pytest.raises(QCAError, match="There are no solutions, given these constraints"):
        minimize(_inconsistent_tt(), include="?", sol_cons=0.99)
    with pytest.raises(QCAError, match=r"no model has inclS >= sol_filter=0\.99"):
        minimize(_inconsistent_tt(), include="?", sol_filter=0.99)
    with pytest.raises(QCAError, match=r"no model has inclS >= sol_cons=0\.99"):
        minimize(_inconsistent_tt(), sol_cons=0.99)


def _inconsistent_tt():
    data = pd.DataFrame(
        {"A": [0.9, 0.8, 0.2], "B": [0.7, 0.3, 0.6], "Y": [0.6, 0.9, 0.1]}, index=list("xyz")
    )
    return qca.truth_table(data, "Y", incl_cut=0.6)


def test_multivalue_spelling() -> None:
    data = pd.DataFrame(
        {"A": [0, 1, 2, 2], "B": [0, 1, 0, 1], "Y": [0, 0, 1, 1]}, index=list("wxyz")
    )
    sol = minimize(qca.truth_table(data, "Y"))
    assert sol.models[0].expression == "A[2]"
    assert "-> Y[1]" in str(sol)


# -- errors ------------------------------------------------------------------------------------


def test_errors(lf) -> None:
    with pytest.raises(QCAError, match=r"`include` may hold '\?' \(remainders\) and 'C'.*got 'x'"):
        minimize(lf, include="x")
    with pytest.raises(QCAError, match="`include` cannot be None"):
        minimize(lf, include=None)
    with pytest.raises(
        QCAError, match="Directional expectations cannot be specified without including"
    ):
        minimize(lf, dir_exp="DEV")
    with pytest.raises(QCAError, match=r"`pi_cons` must be a number in \[0, 1\]; got 1.5"):
        minimize(lf, pi_cons=1.5)
    with pytest.raises(
        QCAError, match=r"`method` must be one of 'auto', 'qmc', 'fast'; got 'cubes'"
    ):
        minimize(lf, method="cubes")
    with pytest.raises(QCAError, match="`max_models` must be a positive integer; got 0"):
        minimize(lf, max_models=0)
    with pytest.raises(QCAError, match=r"`exclude` row ids must be in 1..32; got \[40\]"):
        minimize(lf, include="?", exclude=[40])
    with pytest.raises(QCAError, match="`exclude` must be truth-table row ids or an expression"):
        minimize(lf, include="?", exclude=[{"a": 1}])
    with pytest.raises(QCAError, match="`dir_exp` names condition 'XYZ'"):
        minimize(lf, include="?", dir_exp={"XYZ": 1})
    with pytest.raises(QCAError, match=r"`dir_exp` for condition 'DEV' must be a level in 0..1"):
        minimize(lf, include="?", dir_exp={"DEV": 3})
    with pytest.raises(QCAError, match="`tt` must be a TruthTable"):
        minimize(pd.DataFrame())


def test_no_positive_row_and_everything_positive() -> None:
    with pytest.raises(NoConfigurationsError, match="None of the values in OUT is explained"):
        minimize(crisp_tt({(0, 0, 0): "0", (1, 1, 1): "0"}))
    tt = crisp_tt({(0, 0, 0): "1", (1, 1, 1): "1"})
    with pytest.raises(QCAError, match="All truth table configurations are used"):
        minimize(tt, include="?")
    every = crisp_tt({(a, b): "1" for a in (0, 1) for b in (0, 1)}, conditions=("A", "B"))
    with pytest.raises(
        QCAError, match=r"the positive rows .and don't cares. fill the whole truth table"
    ):
        minimize(every)


def test_problem_too_large_names_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(_qmc, "MAX_CONFIGURATIONS", 4)
    with pytest.raises(ProblemTooLargeError, match="MAX_CONFIGURATIONS=4"):
        _qmc.prime_implicants([[0, 0, 1]], [[1, 1, 1]], [2, 2, 2], remainders=True)
    monkeypatch.setattr(_chart, "MAX_SEARCH_NODES", 3)
    chart = np.array(
        [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1], [1, 0, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]], bool
    )
    with pytest.raises(ProblemTooLargeError, match="MAX_SEARCH_NODES=3"):
        testing.minimal_covers(chart)


# -- engine pieces ------------------------------------------------------------------------------


def test_qmc_multivalue_needs_every_level() -> None:
    on = [[0, 0], [1, 0]]  # A has levels 0, 1, 2: A[0] and A[1] do not merge into "A absent"
    assert _qmc.prime_implicants(on, [], [3, 2], remainders=False).tolist() == [[1, 1], [2, 1]]
    on = [[0, 0], [1, 0], [2, 0]]
    assert _qmc.prime_implicants(on, [], [3, 2], remainders=False).tolist() == [[0, 1]]


def test_r_order_keeps_rs_last_element_quirk() -> None:
    # no zero in a column: R's ascending pass leaves out the last element (checked on R's output)
    codes = np.array([[2, 1], [1, 2], [2, 2], [1, 1]])
    codes = codes[np.lexsort(codes.T[::-1])]
    ordered = codes[_chart.r_order(codes)].tolist()
    assert ordered == [[1, 1], [2, 2], [2, 1], [1, 2]]


def test_expectation_rows_and_term_spelling() -> None:
    assert expectation_rows("A[1,2], ~B", ["A", "B"], [3, 2]) == [{0: 2}, {0: 3}, {1: 1}]
    assert expectation_rows(["A[-]", "B"], ["A", "B"], [3, 2]) == [{1: 2}]
    assert [str(t) for t in implicant_terms([[0, 0]], ["A", "B"], False)] == ["1"]


def test_terms_are_spelled_by_term_objects() -> None:
    # R's spelling, binary and multi-value, and the same terms as Term.from_implicant one by one
    codes = [[2, 1, 0], [0, 0, 0], [1, 0, 3]]
    assert [str(t) for t in implicant_terms(codes[:2], ["DEV", "URB", "LIT"], False)] == [
        "DEV*~URB",
        "1",
    ]
    multi = implicant_terms(codes, ["DEV", "URB", "LIT"], True)
    assert [str(t) for t in multi] == ["DEV[1]*URB[0]", "1", "DEV[0]*LIT[2]"]
    assert multi == tuple(
        qca.expressions.Term.from_implicant(c, ["DEV", "URB", "LIT"], True) for c in codes
    )
    assert implicant_terms(np.zeros((0, 3)), ["A", "B", "C"], False) == ()


@pytest.mark.parametrize("dir_exp", [None, "DEV, STB, ~LIT*IND"])
def test_models_keep_their_implicants_and_term_objects(lf, dir_exp) -> None:
    solution = minimize(lf, include="?", dir_exp=dir_exp)
    for model in list(solution.models) + list(solution.parsimonious_models):
        assert model.implicants.shape == (len(model.terms), len(lf.conditions))
        assert not model.implicants.flags.writeable
        expression = model.to_expression()
        assert [str(t) for t in expression.terms] == list(model.terms)
        assert expression.to_string() == model.expression
        assert expression.conditions == tuple(lf.conditions)
        for term, row in zip(expression.terms, model.implicants):
            assert term.to_implicant(lf.conditions).tolist() == row.tolist()
            parsed = qca.expressions.parse(str(term), list(lf.conditions))
            assert (
                term.membership(lf.memberships).tolist()
                == parsed.membership(lf.memberships).tolist()
            )


def test_multivalue_models_keep_their_term_objects() -> None:
    data = pd.DataFrame(
        {"A": [0, 1, 2, 2, 1], "B": [0, 1, 0, 1, 0], "Y": [0, 0, 1, 1, 1]}, index=list("vwxyz")
    )
    model = minimize(qca.truth_table(data, "Y"), include="?").models[0]
    assert model.terms == ("A[2]", "A[1]*B[0]")
    assert model.implicants.tolist() == [[3, 0], [2, 1]]
    assert str(model.to_expression()) == "A[2] + A[1]*B[0]"
    assert model.to_expression().noflevels == (3, 2)


def test_a_model_made_by_hand_has_its_text_parsed() -> None:
    model = Model(name="M1", terms=("A*~B", "C"), essential=(), fit={}, term_fit={})
    assert model.implicants is None
    assert str(model.to_expression()) == "A*~B + C"
    with pytest.raises(QCAError, match="one row of 3 codes"):
        Model(
            name="M1",
            terms=("A",),
            essential=(),
            fit={},
            term_fit={},
            implicants=[[2, 0]],
            conditions=("A", "B", "C"),
        )


# -- command line -------------------------------------------------------------------------------


def test_cli_minimize(tmp_path, capsys) -> None:
    from qca.cli import SCHEMA_VERSION, main

    path = tmp_path / "lf.csv"
    qca.datasets.load("LF").to_csv(path)
    assert (
        main(
            [
                "minimize",
                str(path),
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
                "--json",
            ]
        )
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "qca.solution" and document["schema_version"] == SCHEMA_VERSION
    assert document["models"][0]["terms"] == ["DEV*~IND", "URB*STB"]
    assert (
        main(
            [
                "minimize",
                str(path),
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
                "--dir-exp",
                "DEV, STB, ~LIT*IND",
            ]
        )
        == 0
    )
    assert "M1:    DEV*URB*STB + DEV*~IND*STB -> SURV" in capsys.readouterr().out
    assert main(["minimize", str(path), "--outcome", "SURV", "--include", "x"]) == 2
    assert "`include` may hold" in capsys.readouterr().err
    assert (
        main(
            [
                "minimize",
                str(path),
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
                "--exclude",
                "10,12",
            ]
        )
        == 0
    )
    assert main(["minimize", str(tmp_path / "missing.csv"), "--outcome", "SURV"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_batched_model_fit_equals_fitting_each_model_alone() -> None:
    """minimize() fits all models in stacked blocks; every figure must equal fitting the model
    (and the model without each term) on its own, exactly."""
    from qca._core import terms as _solution
    from qca.fit import sufficiency_fit

    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.integers(0, 2, size=(200, 8)), columns=[f"C{j}" for j in range(8)])
    data["Y"] = np.round(rng.uniform(0, 1, size=200), 2)
    tt = qca.truth_table(data, "Y", incl_cut=0.6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solution = minimize(tt, include="?", max_models=300)
    assert len(solution.models) > 20
    values = tt.memberships[list(tt.conditions)].to_numpy(float)
    y = tt.memberships[tt.outcome].to_numpy(float)
    index = {t: i for i, t in enumerate(solution.prime_implicants)}
    codes = np.array(
        [
            qca.expressions.parse(t, list(tt.conditions)).terms[0].to_implicant(tt.conditions)
            for t in solution.prime_implicants
        ]
    )
    members = _solution.term_memberships(codes, values, tt.noflevels)
    for model in solution.models:
        block = members[[index[t] for t in model.terms]]
        alone = sufficiency_fit(block.max(axis=0), y)
        assert model.fit == {k: float(alone[k]) for k in ("inclS", "PRI", "covS")}
        for position, term in enumerate(model.terms):
            rest = np.delete(block, position, axis=0).max(axis=0)
            covu = float(alone["covS"]) - float(sufficiency_fit(rest, y)["covS"])
            assert model.term_fit[term]["covU"] == covu


# -- immutability and summary() ---------------------------------------------------------------


def test_solution_is_read_only(lf) -> None:
    sol = minimize(lf, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    model = sol.models[0]
    with pytest.raises(TypeError):
        model.fit["inclS"] = 9  # type: ignore[index]
    with pytest.raises(TypeError):
        model.term_fit["DEV*URB*LIT*STB"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        model.term_fit["DEV*URB*LIT*STB"]["covU"] = 9  # type: ignore[index]
    with pytest.raises(TypeError):
        sol.intermediate[0].pi_chart["X"] = (1,)  # type: ignore[index]
    with pytest.raises(TypeError):
        sol.options["kind"] = "other"  # type: ignore[index]
    with pytest.raises(ValueError):
        model.implicants[0, 0] = 5  # type: ignore[index]
    conservative = minimize(lf)
    with pytest.raises(TypeError):
        conservative.simplifying_assumptions["M1"] = (1,)  # type: ignore[index]
    # frames are copies
    terms = sol.terms
    terms.iloc[0, 0] = 9.0
    assert sol.terms.iloc[0, 0] != 9.0
    frame = sol.to_frame()
    frame.iloc[0, 2] = 9.0
    assert sol.to_frame().iloc[0, 2] != 9.0
    chart = conservative.pi_chart
    chart.iloc[0, 0] = not chart.iloc[0, 0]
    assert conservative.pi_chart.iloc[0, 0] != chart.iloc[0, 0]
    # the exports stay plain JSON data, the models comparable
    document = sol.to_dict()
    assert type(document["options"]) is dict and type(document["models"][0]["fit"]) is dict
    assert type(document["intermediate"][0]["pi_chart"]) is dict
    json.dumps(document, allow_nan=False)
    json.dumps(conservative.to_dict(), allow_nan=False)
    assert model == dataclasses.replace(model)
    assert model.fit == {k: model.fit[k] for k in ("inclS", "PRI", "covS")}


def test_model_keeps_its_own_copy_of_the_fit() -> None:
    fit = {"inclS": 1.0, "PRI": 1.0, "covS": 0.5}
    term_fit = {"A": {"inclS": 1.0, "PRI": 1.0, "covS": 0.5, "covU": 0.5}}
    model = Model("M1", ("A",), ("A",), fit, term_fit, outcome="Y")
    fit["inclS"] = 0.0
    term_fit["A"]["covU"] = 0.0
    assert model.fit["inclS"] == 1.0 and model.term_fit["A"]["covU"] == 0.5


def test_solution_summary(lf) -> None:
    sol = minimize(lf, include="?")
    summary = sol.summary()
    header = dict(summary.header)
    assert summary.title == "Parsimonious solution for SURV"
    assert header["outcome"] == "SURV" and header["kind"] == "parsimonious"
    assert header["conditions"] == "DEV, URB, LIT, IND, STB"
    assert "include=['?']" in header["options"] and "row_dom=False" in header["options"]
    assert header["counts"] == "2 prime implicants; 1 model"
    assert header["essential"] == "DEV*~IND, URB*STB"
    assert header["ambiguity"] == "none: one model"
    models, terms = summary.tables
    assert models.index == ("M1: DEV*~IND + URB*STB",)
    assert [round(v, 3) for v in models.rows[0]] == [0.850, 0.819, 0.714]
    assert terms.index == ("DEV*~IND", "URB*STB") and terms.attr == "sol.terms"
    text = str(summary)
    assert "kind:       parsimonious" in text and "0.850" in text
    assert "<table" in summary._repr_html_()


def test_solution_summary_intermediate_and_ambiguity(lf) -> None:
    sol = minimize(lf, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    header = dict(sol.summary().header)
    assert header["kind"] == "intermediate"
    assert "dir_exp='DEV, URB, LIT, IND, STB'" in header["options"]
    assert header["pairs"].startswith("1 C×P pair(s)")
    many = dataclasses.replace(
        sol,
        models=(
            sol.models[0],
            dataclasses.replace(sol.models[0], name="M2", terms=("A",), implicants=None),
        ),
        truncated=True,
        n_models=5000,
    )
    header = dict(many.summary().header)
    assert header["ambiguity"] == "2 models: 0 PI(s) in every model, 3 in some"
    assert header["counts"].startswith("2 prime implicants; 2 models listed of 5,000 (truncated")


def test_solution_summary_caps_models(lf) -> None:
    sol = minimize(lf, include="?")
    models = tuple(dataclasses.replace(sol.models[0], name=f"M{i}") for i in range(1, 201))
    summary = dataclasses.replace(sol, models=models).summary()
    table = summary.tables[0]
    assert len(table.rows) == 50 and table.hidden == 150 and table.attr == "sol.models"
    assert "… 150 more models; `sol.models` has them all" in str(summary)


def test_cases_column_is_a_tuple_of_str_in_every_frame() -> None:
    # one type for `cases` in every to_frame(): truth tables, solutions, model_fit
    lf = qca.datasets.load("LF")
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    sol = qca.minimize(tt, include="?")
    frames = {
        "truth table": tt.to_frame(),
        "solution": sol.to_frame(),
        "model_fit": qca.model_fit(sol, "DEV*STB").to_frame(),
    }
    for name, frame in frames.items():
        values = frame["cases"].tolist()
        assert values and all(
            isinstance(v, tuple) and all(isinstance(c, str) for c in v) for v in values
        ), name
    assert sol.to_frame().set_index("term").loc["URB*STB", "cases"] == ("BE", "CZ", "NL", "UK")
    assert sol.cases_text("URB*STB") == "BE,CZ,NL,UK"  # R's printed form stays available


def test_dcc_column_only_when_asked() -> None:
    lf = qca.datasets.load("LF")
    plain = qca.truth_table(lf, "SURV", incl_cut=0.8)
    assert "DCC" not in plain.to_frame().columns
    asked = qca.truth_table(lf, "SURV", incl_cut=0.8, dcc=True)
    assert asked.to_frame().loc[1, "DCC"] == ("ES", "GR", "PT")


def test_model_fits_are_read_only_copies_of_the_callers_dicts():
    import dataclasses

    from qca.minimize.solution import Model

    fit = {"inclS": 1.0, "PRI": 1.0, "covS": 0.5}
    term_fit = {"A": {"inclS": 1.0, "PRI": 1.0, "covS": 0.5, "covU": 0.5}}
    model = Model(name="M1", terms=("A",), essential=(), fit=fit, term_fit=term_fit, outcome="Y")
    fit["inclS"] = 0.0
    term_fit["A"]["covU"] = 0.0
    assert model.fit["inclS"] == 1.0 and model.term_fit["A"]["covU"] == 0.5
    with pytest.raises(TypeError):
        model.term_fit["A"]["covU"] = 0.0  # type: ignore[index]
    renamed = dataclasses.replace(model, name="M2")
    assert renamed.term_fit == model.term_fit and renamed.fit == model.fit
    with pytest.raises(TypeError):
        renamed.fit["inclS"] = 0.0  # type: ignore[index]
