"""R's CCubes chart (qca._core.ccubes, qca.minimize.rchart): which PIs R keeps, which models R lists.

The replay is checked two ways: against a direct, one-term-at-a-time replay of R's search over
every candidate term (the oracle below, on small problems with a narrow comparison width so
that both of R's effects show), and against R QCA 3.25's own PI charts and models stored in
tests/reference/ccubes/ (made by tests/reference/ccubes/make_ccubes.R).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca._core.ccubes import r_compared_conditions, r_found_primes
from qca._core.encode import implicant_covers
from qca._core.primes import prime_implicants

REFERENCE = Path(__file__).parent / "reference" / "ccubes" / "ccubes.json"


def replay_search(on, off, n_conditions, compared, pi_depth=0):
    """R's search term by term: complexity levels 1, 2, ...; in each, condition sets in
    lexicographic order; in each, the distinct values of the positive rows (in row order) that
    no negative row shares. A candidate is dropped when an earlier kept term covering at least
    as many positive rows has all its literals on the first ``compared`` conditions among the
    candidate's literals there. Two levels in a row without a kept term, once every positive
    row is covered, end the search."""
    kept = []  # (codes, rows covered, literals compared)
    stale = 0
    depth = n_conditions if pi_depth <= 0 else min(pi_depth, n_conditions)
    for level in range(1, depth + 1):
        added = False
        for cols in itertools.combinations(range(n_conditions), level):
            values = list(dict.fromkeys(tuple(row[c] for c in cols) for row in on))
            banned = {tuple(row[c] for c in cols) for row in off}
            for value in values:
                if value in banned:
                    continue
                rows = frozenset(
                    i for i, row in enumerate(on) if tuple(row[c] for c in cols) == value
                )
                seen = frozenset((c, v) for c, v in zip(cols, value) if c < compared)
                if any(len(r) >= len(rows) and s <= seen for _, r, s in kept):
                    continue
                codes = [0] * n_conditions
                for c, v in zip(cols, value):
                    codes[c] = v + 1
                kept.append((tuple(codes), rows, seen))
                added = True
        if kept and len(frozenset().union(*(r for _, r, _ in kept))) == len(on):
            stale = 0 if added else stale + 1
            if stale > 1:
                break
    return {codes for codes, _, _ in kept}


@st.composite
def problems(draw):
    n = draw(st.integers(2, 5))
    noflevels = draw(st.lists(st.integers(2, 3), min_size=n, max_size=n))
    noflevels = [2 if j >= 2 else v for j, v in enumerate(noflevels)]  # at most 72 rows
    configs = list(itertools.product(*(range(levels) for levels in noflevels)))
    roles = draw(st.lists(st.sampled_from("10-"), min_size=len(configs), max_size=len(configs)))
    on = [c for c, r in zip(configs, roles) if r == "1"]
    off = [c for c, r in zip(configs, roles) if r == "0"]
    if not on or not off:
        on, off = configs[:1], configs[-1:]
    compared = draw(st.integers(0, n))
    pi_depth = draw(st.integers(0, n))
    return noflevels, on, off, compared, pi_depth


@settings(max_examples=40)
@given(problems())
def test_replay_equals_term_by_term_search(problem):
    noflevels, on, off, compared, pi_depth = problem
    primes = np.asarray(prime_implicants(on, off, noflevels, remainders=True), dtype=np.int64)
    primes = primes.reshape(-1, len(noflevels))
    chart = implicant_covers(primes, on)
    useful = chart.any(axis=1)
    primes, chart = primes[useful], chart[useful]
    found = r_found_primes(primes, chart, 2, pi_depth=pi_depth, compared=compared)
    expected = replay_search(on, off, len(noflevels), compared, pi_depth)
    assert {tuple(p) for p in primes[found].tolist()} == expected
    if compared == len(noflevels) and pi_depth == 0:
        # a full comparison: only the stopping rule can leave PIs out, the short ones stay
        length = (primes != 0).sum(axis=1)
        shortest_missing = length[~found].min() if (~found).any() else len(noflevels) + 1
        assert (length[found] <= shortest_missing).all() or found.all()


def test_compared_width():
    # binary: 2 bits a condition, 16 to a 32-bit word, one word for every 32 conditions
    assert [r_compared_conditions(n, 1) for n in (5, 16, 17, 32, 33, 64, 65)] == [
        5,
        16,
        16,
        16,
        32,
        32,
        48,
    ]
    # up to 3 levels: 2 bits; 4 to 15 levels: 4 bits; 16 or more: 8 bits
    assert [r_compared_conditions(12, m) for m in (2, 3, 14, 15)] == [12, 8, 8, 4]


#: Run in every test run: R lists fewer models (cc20 = the CCubes-paper setting, p2002, p3000,
#: p3036), R's chart needs more terms (p2026, multi-value), R's chart is tiny (p3012), R's chart
#: lacks PIs no minimal model uses (p3018) and R agrees in full (p3001, p3004). The others run
#: with the slow tests.
FAST = {"cc20", "p2002", "p2026", "p3000", "p3001", "p3004", "p3012", "p3018", "p3036"}


def _reference():
    return [
        pytest.param(case, marks=() if case["name"] in FAST else pytest.mark.slow)
        for case in json.loads(REFERENCE.read_text())["problems"]
    ]


def _norm(model):
    return " + ".join(sorted(t.strip() for t in model.split(" + ")))


@pytest.mark.parametrize("case", _reference(), ids=lambda c: c["name"])
def test_against_r(case):
    data = pd.DataFrame(case["data"], columns=case["columns"])
    sol = qca.minimize(qca.truth_table(data, "Y"), include="?", max_models=100_000)
    assert set(sol.r_prime_implicants) == set(case["r_pis"])
    assert set(sol.r_prime_implicants) <= set(sol.prime_implicants)
    r_models = {_norm(m) for m in case["r_models"]}
    marked = {_norm(m.expression) for m in sol.models if m.r_compatible}
    if marked:  # R's chart needs no more terms than the full one: R lists the marked models
        assert marked == r_models
        assert sol.n_models_r == len(r_models)
    else:  # R's chart needs more terms: R's models are not minimal, none is in qca's list
        assert sol.n_models_r == 0
        shortest = min(len(m.terms) for m in sol.models)
        assert all(len(m.split(" + ")) > shortest for m in case["r_models"])
    assert sol.n_models_r == sum(m.r_compatible for m in sol.models)
    assert all(m.to_dict()["r_compatible"] == m.r_compatible for m in sol.models)


def test_conservative_and_small_charts_are_r_compatible():
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    for include in ("", "?"):
        sol = qca.minimize(tt, include=include)
        assert sol.r_prime_implicants == sol.prime_implicants
        assert all(m.r_compatible for m in sol.models)
        assert sol.n_models_r == len(sol.models)


def test_unknown_where_not_replayed():
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    sol = qca.minimize(tt, include="?", row_dom=True)
    assert sol.r_prime_implicants is None and sol.n_models_r is None
    assert all(m.r_compatible is None for m in sol.models)


def test_unknown_when_too_large_to_replay(monkeypatch):
    from qca.minimize import rchart

    rng = np.random.default_rng(7)
    data = pd.DataFrame(rng.integers(0, 2, (60, 18)), columns=[f"C{i}" for i in range(18)])
    data["Y"] = ((data["C0"] & data["C17"]) | (data["C3"] & (1 - data["C16"]))).astype(int)
    tt = qca.truth_table(data, "Y", incl_cut=1)
    known = qca.minimize(tt, include="?")
    assert known.n_models_r is not None
    # some PI names a condition past R's comparison width (16 of 18): the term-by-term replay
    assert any("C16" in p or "C17" in p for p in known.prime_implicants)
    monkeypatch.setattr(rchart, "REPLAY_MAX_PRIMES", 0)
    unknown = qca.minimize(tt, include="?")
    assert unknown.n_models_r is None and unknown.r_prime_implicants is None
    assert all(m.r_compatible is None for m in unknown.models)
    assert [m.expression for m in unknown.models] == [m.expression for m in known.models]
