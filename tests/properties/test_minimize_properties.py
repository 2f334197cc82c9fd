"""Property tests of qca.minimize against brute force, on random crisp, fuzzy and multi-value data.

* the prime implicants equal those found by enumerating every term (prod(levels + 1) of them);
* every model covers every positive row and, with remainders, no negative row;
* the models are exactly the minimal covers found by trying every subset of PIs;
* results do not change when the cases are shuffled, and only their order changes when the
  conditions are reordered;
* every fit figure lies in [0, 1].
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import qca  # noqa: E402
from qca import testing  # noqa: E402
from qca._core import chart as _chart  # noqa: E402
from qca._core import qmc as _qmc  # noqa: E402
from qca._core.encode import all_configurations, implicant_covers  # noqa: E402
from qca.exceptions import QCAError  # noqa: E402
from qca.minimize import minimize  # noqa: E402

MAX_BRUTE_PIS = 14


# -- the prime-implicant engine ------------------------------------------------------------------


@st.composite
def on_off_sets(draw):
    k = draw(st.integers(1, 4))
    noflevels = tuple(draw(st.lists(st.sampled_from([2, 2, 3]), min_size=k, max_size=k)))
    configs = all_configurations(noflevels)
    labels = draw(st.lists(st.sampled_from("10?"), min_size=len(configs), max_size=len(configs)))
    labels = np.array(labels)
    if not (labels == "1").any():
        labels[draw(st.integers(0, len(configs) - 1))] = "1"
    return noflevels, configs[labels == "1"], configs[labels == "0"], configs


def brute_primes(noflevels, on, off, configs, remainders):
    terms = np.array(list(itertools.product(*[range(n + 1) for n in noflevels])), dtype=np.int64)
    inside = implicant_covers(terms, configs)
    on_ids = {tuple(r) for r in on.tolist()}
    off_ids = {tuple(r) for r in off.tolist()}
    is_on = np.array([tuple(r) in on_ids for r in configs.tolist()])
    is_off = np.array([tuple(r) in off_ids for r in configs.tolist()])
    if remainders:
        ok = (inside & is_on).any(axis=1) & ~(inside & is_off).any(axis=1)
    else:
        ok = ~(inside & ~is_on).any(axis=1) & inside.any(axis=1)
    implicants = {tuple(t) for t in terms[ok].tolist()}
    primes = set()
    for term in implicants:
        general = [term[:j] + (0,) + term[j + 1 :] for j in range(len(term)) if term[j]]
        if not any(g in implicants for g in general):
            primes.add(term)
    return primes


@given(on_off_sets(), st.booleans())
def test_prime_implicants_equal_brute_force(case, remainders) -> None:
    noflevels, on, off, configs = case
    found = _qmc.prime_implicants(on, off, noflevels, remainders=remainders)
    assert {tuple(r) for r in found.tolist()} == brute_primes(
        noflevels, on, off, configs, remainders
    )
    # no duplicates, lexicographically sorted (the engine contract)
    assert found.tolist() == sorted(found.tolist())
    assert len({tuple(r) for r in found.tolist()}) == found.shape[0]


# -- covers -------------------------------------------------------------------------------------


@given(
    st.integers(1, 8).flatmap(
        lambda cols: st.lists(
            st.lists(st.booleans(), min_size=cols, max_size=cols), min_size=1, max_size=9
        )
    )
)
def test_minimal_covers_equal_brute_force(rows) -> None:
    chart = np.array(rows, dtype=bool)
    chart = chart[:, chart.any(axis=0)]
    expected = testing.brute_force_covers(chart)
    assert testing.minimal_covers(chart).covers == expected
    every = _chart.irredundant_covers(chart).covers
    assert set(expected) <= set(every)
    for cover in every:
        assert chart[list(cover)].any(axis=0).all()
        for drop in range(len(cover)):
            rest = [p for i, p in enumerate(cover) if i != drop]
            assert not chart[rest].any(axis=0).all() or chart.shape[1] == 0


# -- minimize() on random data ------------------------------------------------------------------


@st.composite
def datasets(draw):
    kind = draw(st.sampled_from(["crisp", "fuzzy", "mv"]))
    k = draw(st.integers(2, 6 if kind != "mv" else 4))
    n = draw(st.integers(4, 16))
    columns = {}
    for j in range(k):
        name = "ABCDEF"[j]
        if kind == "fuzzy":
            values = draw(
                st.lists(
                    st.sampled_from([0.05, 0.2, 0.35, 0.65, 0.8, 0.95]), min_size=n, max_size=n
                )
            )
        elif kind == "mv" and j == 0:
            values = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
            values[0] = 2  # a multi-value condition has its top level in the data
        else:
            values = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
        columns[name] = values
    if kind == "fuzzy":
        y = draw(st.lists(st.sampled_from([0.1, 0.3, 0.6, 0.7, 0.9]), min_size=n, max_size=n))
    else:
        y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    data = pd.DataFrame({**columns, "Y": y}, index=[f"case{i}" for i in range(n)])
    include = draw(st.sampled_from(["", "?"]))
    return data, include


def _solve(data, include, conditions=None):
    tt = qca.truth_table(data, "Y", conditions=conditions, incl_cut=0.75)
    try:
        return tt, minimize(tt, include=include)
    except QCAError:
        return tt, None


def _model_sets(solution):
    return {frozenset(frozenset(t.split("*")) for t in m.terms) for m in solution.models}


@pytest.mark.slow
@settings(max_examples=150)
@given(datasets(), st.randoms(use_true_random=False))
def test_minimize_properties(case, rng) -> None:
    data, include = case
    tt, solution = _solve(data, include)
    if solution is None:
        return
    chart = solution.pi_chart
    positive = set(tt.table.index[tt.table["OUT"].astype(str) == "1"].tolist())
    negative = tt.table.index[tt.table["OUT"].astype(str) == "0"].tolist()
    assert set(chart.columns) == positive
    codes = np.array(
        [
            qca.expressions.parse(t, list(tt.conditions), list(tt.noflevels))
            .terms[0]
            .to_implicant(tt.conditions)
            for t in solution.prime_implicants
        ]
    )
    neg_configs = tt.table.loc[negative, list(tt.conditions)].to_numpy()
    for model in solution.models:
        assert chart.loc[list(model.terms)].any(axis=0).all()
        rows = [solution.prime_implicants.index(t) for t in model.terms]
        if neg_configs.size:
            assert not implicant_covers(codes[rows], neg_configs).any()
        for figure in [
            *model.fit.values(),
            *(v for f in model.term_fit.values() for v in f.values()),
        ]:
            assert np.isnan(figure) or -1e-12 <= figure <= 1 + 1e-12
    # exactly the minimal covers (brute force over subsets)
    if len(solution.prime_implicants) <= MAX_BRUTE_PIS:
        expected = testing.brute_force_covers(chart.to_numpy())
        ours = tuple(
            tuple(solution.prime_implicants.index(t) for t in m.terms) for m in solution.models
        )
        assert ours == expected
    # shuffled cases: byte-identical output
    shuffled = data.sample(frac=1, random_state=rng.randint(0, 10_000))
    _, again = _solve(shuffled, include)
    assert (
        again is not None and again.to_dict() == solution.to_dict() and str(again) == str(solution)
    )
    # reordered conditions: the same models
    conditions = list(tt.conditions)
    rng.shuffle(conditions)
    _, reordered = _solve(data[conditions + ["Y"]], include, conditions)
    assert reordered is not None and _model_sets(reordered) == _model_sets(solution)
    assert {frozenset(p.split("*")) for p in reordered.prime_implicants} == {
        frozenset(p.split("*")) for p in solution.prime_implicants
    }


@pytest.mark.slow
@given(datasets())
def test_both_engines_give_the_same_solution(case) -> None:
    """method='qmc' (the reference) and method='fast' (what 'auto' uses past 64 rows): same
    prime implicants, models, fit and printout."""
    data, include = case
    tt = qca.truth_table(data, "Y", incl_cut=0.75)
    results = []
    for method in ("qmc", "fast"):
        try:
            solution = minimize(tt, include=include, method=method)
        except QCAError as error:
            results.append(str(error))
            continue
        document = solution.to_dict()
        document["options"].pop("method")
        results.append((document, str(solution)))
    assert results[0] == results[1]


def test_auto_uses_the_fast_engine_past_the_limit(monkeypatch) -> None:
    from qca._core import primes as _primes_fast

    calls = []
    real = _primes_fast.prime_implicants
    monkeypatch.setattr(
        _primes_fast, "prime_implicants", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    rng = np.random.default_rng(7)
    data = pd.DataFrame(rng.integers(0, 2, size=(40, 8)), columns=list("ABCDEFGH"))
    data["Y"] = rng.integers(0, 2, size=40)
    tt = qca.truth_table(data, "Y")
    auto = minimize(tt, include="?")
    assert calls
    classic = minimize(tt, include="?", method="qmc")
    assert [m.terms for m in auto.models] == [m.terms for m in classic.models]
    assert auto.prime_implicants == classic.prime_implicants


@settings(max_examples=100)
@given(datasets())
def test_first_min_is_one_of_the_minimal_models(case) -> None:
    data, include = case
    tt = qca.truth_table(data, "Y", incl_cut=0.75)
    try:
        every = minimize(tt, include=include)
    except QCAError:
        return
    first = minimize(tt, include=include, first_min=True)
    assert len(first.models) == 1 and first.n_models is None and not first.truncated
    same = [m for m in every.models if m.terms == first.models[0].terms]
    assert same and same[0].fit == first.models[0].fit
    assert first.prime_implicants == every.prime_implicants


@settings(max_examples=100)
@given(datasets(), st.booleans())
def test_simplifying_assumptions_equal_brute_force(case, merge) -> None:
    """Each model's remainders are the rows inside its terms that are not positive, whether the
    union is marked in a mask of the whole table or merged from sorted arrays."""
    from qca.minimize.assumptions import SimplifyingAssumptions

    data, _ = case
    tt = qca.truth_table(data, "Y", incl_cut=0.75)
    saved = SimplifyingAssumptions.MASK_LIMIT
    SimplifyingAssumptions.MASK_LIMIT = 0 if merge else saved
    try:
        solution = minimize(tt, include="?")
    except QCAError:
        return
    finally:
        SimplifyingAssumptions.MASK_LIMIT = saved
    configs = all_configurations(tt.noflevels)
    positive = set(tt.table.index[tt.table["OUT"].astype(str) == "1"].tolist())
    for model in solution.models:
        codes = np.array(
            [
                qca.expressions.parse(t, list(tt.conditions), list(tt.noflevels))
                .terms[0]
                .to_implicant(tt.conditions)
                for t in model.terms
            ]
        )
        inside = np.flatnonzero(implicant_covers(codes, configs).any(axis=0)) + 1
        expected = tuple(int(i) for i in inside if int(i) not in positive)
        assert solution.simplifying_assumptions[model.name] == expected
