"""qca.inference: permutation tests, corrections, bootstrap intervals and power.

Checked against definitions and oracles: Fisher's exact test (the permutation test of a crisp set
with infinitely many permutations), brute-force corrections, scipy.stats.bootstrap, enumerated
binomial power; and by simulation: p-values uniform under the null, a planted sufficient set
detected, intervals covering the true value, results identical for a seed whatever n_jobs.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import qca
from qca.exceptions import QCAError
from qca.inference import (
    adjust_pvalues,
    binomial_power,
    bootstrap_intervals,
    cases_needed,
    permutation_power,
    permutation_test,
    power,
)


def _lc() -> qca.TruthTable:
    return qca.truth_table(qca.datasets.load("LC"), "SURV", incl_cut=0.8)


# ---- corrections ------------------------------------------------------------------------------


def _holm_oracle(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [0.0] * m
    for rank, i in enumerate(order):
        out[i] = min(1.0, max((m - r) * p[order[r]] for r in range(rank + 1)))
    return out


def _bh_oracle(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [0.0] * m
    for rank, i in enumerate(order):
        out[i] = min(1.0, min(m / (r + 1) * p[order[r]] for r in range(rank, m)))
    return out


@settings(max_examples=100)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_corrections_equal_their_definitions(p: list[float]) -> None:
    np.testing.assert_allclose(adjust_pvalues(p, "holm"), _holm_oracle(p), atol=1e-12)
    np.testing.assert_allclose(adjust_pvalues(p, "bh"), _bh_oracle(p), atol=1e-12)
    np.testing.assert_allclose(
        adjust_pvalues(p, "bonferroni"), np.minimum(1, np.array(p) * len(p)), atol=1e-12
    )
    assert np.all(adjust_pvalues(p, "bh") <= adjust_pvalues(p, "holm") + 1e-12)


def test_undefined_pvalues_are_outside_the_family() -> None:
    adjusted = adjust_pvalues([0.01, np.nan, 0.02], "bonferroni")
    assert np.isnan(adjusted[1]) and adjusted[[0, 2]].tolist() == [0.02, 0.04]
    with pytest.raises(QCAError, match="`correction`"):
        adjust_pvalues([0.1], "fdr")


# ---- permutation test -------------------------------------------------------------------------


def test_crisp_rows_approach_fishers_exact_test() -> None:
    tt = _lc()
    result = permutation_test(tt, n_permutations=20_000, seed=5).to_frame()
    y = tt.memberships["SURV"].to_numpy()
    for row_id, n in tt.table["n"].items():
        cases = list(tt.table.loc[row_id, "cases"])
        hits = int(y[[tt.memberships.index.get_loc(c) for c in cases]].sum())
        exact = stats.hypergeom.sf(hits - 1, y.size, int(y.sum()), int(n))
        got = result.loc[f"row {row_id}", "p_inclS"]
        assert abs(got - exact) < 4 * np.sqrt(exact * (1 - exact) / 20_000) + 1e-4


def test_permutation_pvalues_are_uniform_under_the_null() -> None:
    # fuzzy set and outcome drawn independently: the null the test is built on
    pvalues = []
    for seed in range(200):
        rng = np.random.default_rng(seed)
        data = pd.DataFrame({"A": rng.random(25), "Y": rng.random(25)})
        result = permutation_test("A", data, "Y", n_permutations=199, seed=seed)
        pvalues.extend([result.p_inclS[0], result.p_PRI[0]])
    incl, pri = np.array(pvalues[0::2]), np.array(pvalues[1::2])
    assert stats.kstest(incl, "uniform").pvalue > 0.001
    assert stats.kstest(pri, "uniform").pvalue > 0.001


def test_crisp_pvalues_are_valid_under_the_null() -> None:
    # discrete: P(p <= a) <= a, up to simulation error
    rejected = 0
    for seed in range(200):
        rng = np.random.default_rng(1000 + seed)
        data = pd.DataFrame({"A": rng.integers(0, 2, 30), "Y": rng.integers(0, 2, 30)})
        result = permutation_test("A", data, "Y", n_permutations=199, seed=seed)
        rejected += result.p_inclS[0] <= 0.05
    assert rejected / 200 <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / 200)


def test_a_planted_sufficient_configuration_is_detected() -> None:
    rng = np.random.default_rng(3)
    a = rng.integers(0, 2, 80)
    b = rng.integers(0, 2, 80)
    y = np.where(a & b, 1, (rng.random(80) < 0.3).astype(int))
    data = pd.DataFrame({"A": a, "B": b, "Y": y}, index=[f"c{i}" for i in range(80)])
    tt = qca.truth_table(data, "Y", incl_cut=0.9)
    result = permutation_test(tt, n_permutations=2000, seed=1).to_frame()
    assert result.loc["row 4", "p_inclS_adj"] < 0.05 and result.loc["row 4", "distinguishable"]
    assert not result.drop(index="row 4")["distinguishable"].any()
    fuzzy = data.astype(float) * 0.8 + 0.1
    term = permutation_test("A*B", fuzzy, "Y", n_permutations=2000, seed=1)
    assert term.p_inclS[0] < 0.05


def test_same_seed_same_result_whatever_n_jobs() -> None:
    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    one = permutation_test(tt, n_permutations=2500, seed=7, n_jobs=1)
    two = permutation_test(tt, n_permutations=2500, seed=7, n_jobs=2)
    assert one.to_dict() == two.to_dict()
    seq = np.random.SeedSequence(7)
    assert permutation_test(tt, n_permutations=2500, seed=seq).to_dict() == one.to_dict()
    assert permutation_test(tt, n_permutations=2500, seed=seq).to_dict() == one.to_dict()
    other = permutation_test(tt, n_permutations=2500, seed=8)
    assert other.p_inclS != one.p_inclS
    fresh = permutation_test(tt, n_permutations=500)
    again = permutation_test(tt, n_permutations=500, seed=fresh.seed_entropy)
    assert fresh.to_dict() == again.to_dict()


def test_solution_terms_and_models_are_tested() -> None:
    data = qca.datasets.load("LC")
    tt = qca.truth_table(data, "SURV", incl_cut=0.8)
    solution = qca.minimize(tt)
    result = permutation_test(solution, n_permutations=1000, seed=1)
    frame = result.to_frame()
    assert set(frame["kind"]) == {"term", "model"}
    model = solution.models[0]
    row = frame.loc[f"{model.name}: {model.expression}"]
    assert row["inclS"] == pytest.approx(model.fit["inclS"], abs=5e-4)
    by_expression = permutation_test(model.expression, data, "SURV", n_permutations=1000, seed=1)
    assert by_expression.inclS[-1] == pytest.approx(row["inclS"])
    assert permutation_test(model, data, n_permutations=1000, seed=1).inclS[-1] == pytest.approx(
        row["inclS"]
    )


def test_result_views() -> None:
    result = permutation_test(_lc(), n_permutations=500, seed=1)
    json.dumps(result.to_dict())
    assert repr(result).startswith("<PermutationResult: 9 tests of SURV")
    assert "holm correction over 9 tests" in str(result)
    frame = result.to_frame()
    assert list(frame.columns)[:3] == ["kind", "n", "inclS"]
    assert frame["p_inclS_adj"].ge(frame["p_inclS"]).all()
    html = result._repr_html_()
    assert html.count("<tr>") == 10 and "<caption>&lt;PermutationResult" in html
    assert ">no</td>" in html
    summary = str(result.summary())
    assert summary.startswith("Permutation test of sufficiency for SURV")
    assert "holm over 9 tests" in summary and "0 of 9 at 0.05" in summary


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_permutations": 0}, "n_permutations"),
        ({"seed": -1}, "seed"),
        ({"alpha": 1.5}, "alpha"),
        ({"correction": "fdr"}, "correction"),
        ({"n_jobs": 0}, "n_jobs"),
        ({"rows": [99]}, "rows"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict, match: str) -> None:
    with pytest.raises(QCAError, match=match):
        permutation_test(_lc(), **kwargs)


def test_an_expression_needs_data_and_outcome() -> None:
    with pytest.raises(QCAError, match="needs `data` and `outcome`"):
        permutation_test("DEV*URB")
    with pytest.raises(QCAError, match="expected a TruthTable"):
        permutation_test(42)


# ---- bootstrap --------------------------------------------------------------------------------


def test_bootstrap_agrees_with_scipy_where_every_resample_is_defined() -> None:
    data = qca.datasets.load("CVF")
    x = np.minimum(data["GEOCON"], data["POLDIS"]).to_numpy()
    y = data["PROTEST"].to_numpy()

    def incl(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        return np.minimum(x, y).sum(axis) / x.sum(axis)

    ours = bootstrap_intervals("GEOCON*POLDIS", data, "PROTEST", n_resamples=20_000, seed=2)
    for method, name in (("bca", "BCa"), ("percentile", "percentile")):
        mine = bootstrap_intervals(
            "GEOCON*POLDIS", data, "PROTEST", n_resamples=20_000, seed=2, method=method
        )
        theirs = stats.bootstrap(
            (x, y),
            incl,
            paired=True,
            vectorized=True,
            method=name,
            n_resamples=20_000,
            rng=np.random.default_rng(2),
        ).confidence_interval
        assert mine.low["inclS"][0] == pytest.approx(theirs.low, abs=0.01)
        assert mine.high["inclS"][0] == pytest.approx(theirs.high, abs=0.01)
    assert ours.method == "bca"


def test_bootstrap_intervals_cover_the_true_value() -> None:
    # population: fuzzy X and Y with a known inclS; samples of 80 cases
    rng = np.random.default_rng(11)
    big = 200_000
    x_pop = rng.beta(2, 2, big)
    y_pop = np.clip(x_pop + rng.normal(0, 0.15, big), 0, 1)
    true_incl = np.minimum(x_pop, y_pop).sum() / x_pop.sum()
    covered = {"percentile": 0, "bca": 0}
    reps = 100
    for rep in range(reps):
        pick = rng.integers(0, big, 80)
        data = pd.DataFrame({"X": x_pop[pick], "Y": y_pop[pick]})
        for method in covered:
            ci = bootstrap_intervals("X", data, "Y", n_resamples=999, seed=rep, method=method)
            covered[method] += ci.low["inclS"][0] <= true_incl <= ci.high["inclS"][0]
    for method, hits in covered.items():
        assert 0.86 <= hits / reps <= 1.0, (method, hits / reps)


def test_bootstrap_same_seed_same_intervals_whatever_n_jobs() -> None:
    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    one = bootstrap_intervals(tt, n_resamples=2500, seed=3, n_jobs=1)
    two = bootstrap_intervals(tt, n_resamples=2500, seed=3, n_jobs=2)
    assert one.to_dict() == two.to_dict()
    json.dumps(one.to_dict())
    assert "0.95 intervals" in str(one) and repr(one).startswith("<BootstrapResult")
    assert "method:    bca, level 0.95" in str(one.summary())


def test_a_row_whose_cases_all_show_the_outcome_has_a_point_interval() -> None:
    ci = bootstrap_intervals(_lc(), rows=[32], n_resamples=999, seed=1).to_frame()
    assert ci.loc["row 32", ["inclS_low", "inclS_high"]].tolist() == [1.0, 1.0]
    with pytest.raises(QCAError, match="`method`"):
        bootstrap_intervals(_lc(), method="basic")


# ---- power ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "c1", "c0"), [(10, 0.9, 0.6), (25, 0.95, 0.75), (4, 1.0, 0.8)])
def test_binomial_power_by_enumeration(n: int, c1: float, c0: float) -> None:
    # reject when P(S >= s | c0) < 0.05; power = P(rejecting s | c1), summed over every s
    expected = sum(
        stats.binom.pmf(s, n, c1) for s in range(n + 1) if stats.binom.sf(s - 1, n, c0) < 0.05
    )
    assert binomial_power(n, c1, c0) == pytest.approx(expected, abs=1e-12)


def test_exact_permutation_power_matches_simulation() -> None:
    exact = permutation_power(30, 8, 0.9, 0.4)
    simulated = permutation_power(30, 8, 0.9, 0.4, n_simulations=400, n_permutations=399, seed=4)
    assert abs(exact - simulated) < 4 * np.sqrt(exact * (1 - exact) / 400) + 0.02
    assert permutation_power(30, 8, 0.4, 0.4) <= 0.05 + 1e-9  # no effect: power <= alpha


def test_cases_needed_is_the_first_n_reaching_the_target() -> None:
    n = cases_needed(0.8, 0.95, benchmark=0.75)
    assert (
        binomial_power(n, 0.95, 0.75)
        >= 0.8
        > max(binomial_power(k, 0.95, 0.75) for k in range(1, n))
    )
    m = cases_needed(0.8, 0.9, outcome_rate=0.4, share_in=0.25)
    assert permutation_power(m, round(0.25 * m), 0.9, 0.4) >= 0.8
    with pytest.raises(QCAError, match="either `benchmark`"):
        cases_needed(0.8, 0.9)
    with pytest.raises(QCAError, match="must exceed"):
        cases_needed(0.8, 0.7, benchmark=0.75)


def test_power_of_observed_relations_grows_with_cases() -> None:
    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    positive = tt.table[tt.table["OUT"].astype(str) == "1"]
    row = int(positive["n"].idxmax())
    small = power(tt, rows=[row], n_cases=15, n_simulations=100, n_permutations=199, seed=1)
    large = power(tt, rows=[row], n_cases=120, n_simulations=100, n_permutations=199, seed=1)
    assert small.power[0] <= large.power[0]
    again = power(
        tt, rows=[row], n_cases=15, n_simulations=100, n_permutations=199, seed=1, n_jobs=2
    )
    assert again.to_dict() == small.to_dict()
    json.dumps(small.to_dict())
    assert "15 drawn with replacement" in str(small.summary()) and "<table" in small._repr_html_()


def test_exact_grid_path_equals_the_float_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # LF memberships are hundredths: summed as exact integers; the float path gives the same
    import qca.inference.permutation as permutation_module

    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    grid = permutation_test(tt, n_permutations=3000, seed=2)
    monkeypatch.setattr(permutation_module, "grid_codes", lambda values: None)
    floats = permutation_test(tt, n_permutations=3000, seed=2)
    assert grid.to_dict() == floats.to_dict()


def test_the_worked_examples_of_the_docs() -> None:
    # docs/inference.md quotes these figures
    lc = permutation_test(_lc(), seed=1).to_frame()
    assert lc.loc[["row 22", "row 24", "row 32"], "p_inclS"].round(3).tolist() == [
        0.181,
        0.180,
        0.023,
    ]
    assert round(lc.loc["row 32", "p_inclS_adj"], 3) == 0.210
    hc = qca.truth_table(qca.datasets.load("HC"), "VOTE", incl_cut=0.8)
    model = permutation_test(qca.minimize(hc), seed=1).to_frame().iloc[-1]
    assert (round(model["p_inclS"], 3), round(model["p_inclS_adj"], 3)) == (0.009, 0.038)
    assert cases_needed(0.8, 0.95, benchmark=0.8) == 30
    assert cases_needed(0.8, 1.0, outcome_rate=8 / 18, share_in=4 / 18) == 25


def test_results_do_not_depend_on_the_row_order() -> None:
    data = qca.datasets.load("LF")
    shuffled = data.sample(frac=1.0, random_state=3)
    for function in (permutation_test, bootstrap_intervals):
        a = function("DEV*~IND + URB*STB", data, "SURV", seed=1, **{_draws(function): 999})
        b = function("DEV*~IND + URB*STB", shuffled, "SURV", seed=1, **{_draws(function): 999})
        assert a.to_dict() == b.to_dict()
    with pytest.raises(QCAError, match="must be unique"):
        permutation_test("DEV", data.set_axis(["x"] * len(data)), "SURV")


def _draws(function: object) -> str:
    return "n_permutations" if function is permutation_test else "n_resamples"
