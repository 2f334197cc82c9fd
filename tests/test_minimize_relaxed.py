"""R's consistency-relaxed search (pi_cons, sol_cons, sol_cov, pi_depth, sol_depth), exclude of
observed rows, and the old filters (pi_filter, sol_filter).

Reference: tests/reference/r14/relaxed.json, made by tests/reference/r14/relaxed.R (R QCA 3.25).
"""

from __future__ import annotations

import itertools
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca.exceptions import QCAError, QCAWarning

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "relaxed.json").read_text())

_NAMES = {
    "include": "include",
    "pi.cons": "pi_cons",
    "sol.cons": "sol_cons",
    "sol.cov": "sol_cov",
    "pi.depth": "pi_depth",
    "sol.depth": "sol_depth",
    "all.sol": "all_sol",
    "exclude": "exclude",
    "row.dom": "row_dom",
}


def _as_list(value):
    return [value] if isinstance(value, (str, int)) else list(value)


@pytest.mark.parametrize("case", REFERENCE, ids=lambda c: f"{c['data']}-{c['args']}")
def test_relaxed_search_equals_r(case) -> None:
    data = qca.datasets.load(case["data"])
    tt = qca.truth_table(data, case["outcome"], incl_cut=case["incl_cut"])
    args = {_NAMES[k]: v for k, v in case["args"].items()}
    if "exclude" in args:
        args["exclude"] = _as_list(args["exclude"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QCAWarning)
        if "error" in case:
            with pytest.raises(QCAError, match="There are no solutions, given these constraints"):
                qca.minimize(tt, **args)
            return
        solution = qca.minimize(tt, **args)
    assert list(solution.prime_implicants) == _as_list(case["pis"])
    assert [list(m.terms) for m in solution.models] == [_as_list(m) for m in case["models"]]
    for model, fit in zip(solution.models, case["fit"]):
        for key in ("inclS", "PRI", "covS"):
            assert model.fit[key] == pytest.approx(fit[key], abs=1e-12)


def test_pi_cons_has_no_effect_on_a_conservative_solution_and_pi_filter_filters() -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    with pytest.warns(QCAWarning, match="pi_cons=0.9 has no effect on a conservative solution"):
        sol = qca.minimize(tt, pi_cons=0.9)
    assert sol.models[0].expression == "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"
    with pytest.raises(QCAError, match=r"covered by no prime implicant with inclS >= pi_cons=0\.9"):
        qca.minimize(tt, pi_filter=0.9)
    # the old filter, on a parsimonious solution: the ordinary PIs, then the filter
    assert qca.minimize(tt, include="?", sol_filter=0.8).models[0].expression == (
        "DEV*~IND + URB*STB"
    )
    with pytest.raises(QCAError, match="cannot be combined with the consistency-relaxed search"):
        qca.minimize(tt, include="?", pi_cons=0.8, pi_filter=0.8)
    with pytest.raises(QCAError, match="`dir_exp`"):
        qca.minimize(tt, include="?", pi_cons=0.8, dir_exp="DEV")
    with pytest.raises(QCAError, match="`sol_cov` must be a number"):
        qca.minimize(tt, include="?", sol_cons=0.8, sol_cov=2)
    with pytest.raises(QCAError, match="`pi_depth` must be a whole number"):
        qca.minimize(tt, include="?", pi_cons=0.8, pi_depth=-1)


def test_max_comb_stops_the_model_search() -> None:
    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    with pytest.warns(qca.exceptions.TruncatedModelsWarning, match="max_comb"):
        sol = qca.minimize(tt, include="?", sol_cons=0.8, sol_cov=0.6, max_comb=2.5e-8)
    full = qca.minimize(tt, include="?", sol_cons=0.8, sol_cov=0.6)
    assert len(sol.models) < len(full.models)


# ------------------------------------------------------------------------------------------
# property: the relaxed search equals an exhaustive search
# ------------------------------------------------------------------------------------------


def _all_terms(k: int) -> list[tuple[int, ...]]:
    return [t for t in itertools.product(range(3), repeat=k) if any(t)]


def _membership(term, x):
    out = np.ones(x.shape[0])
    for j, code in enumerate(term):
        if code:
            out = np.minimum(out, x[:, j] if code == 2 else 1 - x[:, j])
    return out


def _incl(m, y):
    total = m.sum()
    return np.nan if total == 0 else np.minimum(m, y).sum() / total


def _contains(term, row):
    return all(code == 0 or code - 1 == v for code, v in zip(term, row))


def _subsumes(a, b):
    return all(x == 0 or x == y for x, y in zip(a, b))


@settings(max_examples=40, deadline=None)
@given(
    st.integers(3, 4).flatmap(
        lambda k: st.tuples(
            st.just(k),
            st.lists(
                st.tuples(
                    st.lists(st.sampled_from([0.1, 0.3, 0.7, 0.9]), min_size=k, max_size=k),
                    st.sampled_from([0.0, 0.2, 0.6, 0.8, 1.0]),
                ),
                min_size=4,
                max_size=10,
            ),
        )
    ),
    st.sampled_from([0.6, 0.7, 0.8]),
    st.sampled_from([0.6, 0.75, 0.9]),
    st.sampled_from([0.3, 0.5, 0.8]),
)
def test_relaxed_search_equals_exhaustive_search(problem, pi_cons, sol_cons, sol_cov) -> None:
    k, rows = problem
    names = [f"C{j}" for j in range(k)]
    x = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    data = pd.DataFrame(x, columns=names, index=[f"c{i}" for i in range(len(rows))])
    data["Y"] = y
    tt = qca.truth_table(data, "Y", incl_cut=0.6)
    positive = [
        tuple(int(v) for v in r) for r in tt.table.loc[tt.table["OUT"] == "1", names].to_numpy()
    ]
    if not positive or (tt.table["OUT"] == "0").sum() == 0:
        return
    # every consistent term containing a positive row, minimal under subsumption
    consistent = [
        t
        for t in _all_terms(k)
        if any(_contains(t, p) for p in positive) and _incl(_membership(t, x), y) >= pi_cons - 1e-12
    ]
    primes = {t for t in consistent if not any(s != t and _subsumes(s, t) for s in consistent)}
    # every disjunction of them with consistency and coverage high enough, minimal under inclusion
    ordered = sorted(primes)
    good = []
    for size in range(1, min(len(ordered), len(positive)) + 1):
        for combo in itertools.combinations(ordered, size):
            if any(set(g) <= set(combo) for g in good):
                continue
            m = np.max([_membership(t, x) for t in combo], axis=0)
            incl = _incl(m, y)
            cov = np.minimum(m, y).sum() / y.sum() if y.sum() else np.nan
            if incl >= sol_cons - 1e-12 and cov >= sol_cov - 1e-12:
                good.append(combo)
    expected = {frozenset(g) for g in good}
    try:
        solution = qca.minimize(
            tt, include="?", pi_cons=pi_cons, sol_cons=sol_cons, sol_cov=sol_cov
        )
    except QCAError as error:
        assert "no solutions" in str(error)
        assert not expected
        return
    got = {frozenset(tuple(int(c) for c in row) for row in m.implicants) for m in solution.models}
    # the relaxed search stops early only at complexity levels above every prime implicant here
    assert got == expected


@settings(max_examples=30, deadline=None)
@given(
    st.integers(3, 5).flatmap(
        lambda k: st.tuples(
            st.just(k),
            st.lists(
                st.tuples(st.lists(st.integers(0, 1), min_size=k, max_size=k), st.integers(0, 1)),
                min_size=3,
                max_size=14,
            ),
        )
    )
)
def test_relaxed_engine_without_cut_offs_finds_the_ordinary_solution(problem) -> None:
    """pi_depth = k sends the ordinary problem through the relaxed engine (sufficiency = no
    negative row): the same prime implicants and models as the ordinary search."""
    k, rows = problem
    names = [f"C{j}" for j in range(k)]
    data = pd.DataFrame([r[0] + [r[1]] for r in rows], columns=[*names, "Y"])
    data.index = [f"c{i}" for i in range(len(rows))]
    tt = qca.truth_table(data, "Y", incl_cut=0.5)
    try:
        ordinary = qca.minimize(tt, include="?")
    except QCAError as error:
        with pytest.raises(QCAError):
            qca.minimize(tt, include="?", pi_depth=k)
        assert "no positive row" in str(error) or "minimized" in str(error)
        return
    relaxed = qca.minimize(tt, include="?", pi_depth=k)
    assert relaxed.prime_implicants == ordinary.prime_implicants
    assert [m.terms for m in relaxed.models] == [m.terms for m in ordinary.models]


def test_max_comb_on_an_ordinary_chart_lists_one_minimal_model() -> None:
    tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    full = qca.minimize(tt, include="?")
    with pytest.warns(qca.exceptions.TruncatedModelsWarning, match="15 candidate covers of 4"):
        one = qca.minimize(tt, include="?", max_comb=1e-8)
    assert len(full.models) == 4 and len(one.models) == 1
    assert one.models[0].terms in [m.terms for m in full.models]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        same = qca.minimize(tt, include="?", max_comb=1e-7)
    assert [m.terms for m in same.models] == [m.terms for m in full.models]
