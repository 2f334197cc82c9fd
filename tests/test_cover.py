"""minimum_covers against brute force over subsets of increasing size."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qca._core import count as _count
from qca._core import cover as _cover
from qca._core.cover import CoverResult, minimum_covers
from qca.exceptions import QCAError
from qca.testing import brute_force_covers


def brute_force(chart):
    chart = np.asarray(chart, dtype=bool)
    n_pi = chart.shape[0]
    for size in range(n_pi + 1):
        found = [
            s for s in itertools.combinations(range(n_pi), size) if chart[list(s)].any(axis=0).all()
        ]
        if found:
            return found
    return []


@st.composite
def charts(draw):
    n_pi = draw(st.integers(1, 9))
    n_rows = draw(st.integers(0, 8))
    chart = draw(arrays(bool, (n_pi, n_rows)))
    if n_rows:
        # Make every row coverable, and add duplicate PIs now and then.
        bare = ~chart.any(axis=0)
        chart[draw(st.integers(0, n_pi - 1)), bare] = True
        if draw(st.booleans()):
            chart = np.vstack([chart, chart[draw(st.integers(0, n_pi - 1))]])
    return chart


@given(charts())
def test_every_minimum_cover(chart):
    result = minimum_covers(chart)
    expected = brute_force(chart)
    assert list(result.covers) == expected
    assert result.n_models == len(expected)
    assert not result.truncated


@given(charts(), st.integers(1, 5))
def test_max_models_truncates(chart, max_models):
    result = minimum_covers(chart, max_models=max_models)
    expected = brute_force(chart)
    assert result.n_models == len(expected)
    assert result.truncated == (len(expected) > max_models)
    assert list(result.covers) == expected[:max_models]


@given(charts())
def test_first_min_is_a_minimum_cover(chart):
    result = minimum_covers(chart, first_min=True)
    expected = brute_force(chart)
    assert len(result.covers) == 1
    assert result.covers[0] in expected
    assert result.n_models == (1 if chart.shape[1] == 0 else None)


@given(charts())
def test_search_alone_lists_every_cover(chart):
    # With the sorting cap at zero the covers come straight from the search, which must still
    # find them all (in some order) when it is not cut short.
    saved = _cover.MAX_EXPANDED
    _cover.MAX_EXPANDED = 0
    try:
        result = minimum_covers(chart, max_models=10**6)
    finally:
        _cover.MAX_EXPANDED = saved
    assert list(result.covers) == brute_force(chart)


def test_search_budget_leaves_the_count_to_the_counter(monkeypatch):
    # Pairs of rows (i, i + 1) on a ring of 16 rows: two perfect matchings, plus many covers of
    # size 8 mixing in the random triples below; the search gets 5 nodes only. The count of
    # qca._core.count still finishes; with 1 node it gives bounds around the true count.
    rng = np.random.default_rng(1)
    ring = np.zeros((16, 16), dtype=bool)
    ring[np.arange(16), np.arange(16)] = ring[np.arange(16), (np.arange(16) + 1) % 16] = True
    triples = np.zeros((40, 16), dtype=bool)
    for row in triples:
        row[rng.choice(16, 3, replace=False)] = True
    chart = np.vstack([ring, triples])
    total = minimum_covers(chart).n_models
    assert total > 10
    monkeypatch.setattr(_cover, "MAX_SEARCH_NODES", 5)
    result = minimum_covers(chart, max_models=10)
    assert result.truncated and result.n_models == total and result.n_models_bound is None
    monkeypatch.setattr(_count, "COUNT_NODES", 1)
    result = minimum_covers(chart, max_models=10)
    assert result.truncated and result.n_models is None
    lower, upper = result.n_models_bound
    assert len(result.covers) <= lower <= total <= upper
    assert len(result.covers) >= 1
    size = len(result.covers[0])
    for cover in result.covers:
        assert len(cover) == size and chart[list(cover)].any(axis=0).all()


def test_duplicate_pis_expand():
    chart = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [0, 1]], dtype=bool)
    result = minimum_covers(chart)
    assert result.n_models == 6
    assert result.covers == ((0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4))


def test_empty_chart_and_repr():
    assert minimum_covers(np.zeros((3, 0), dtype=bool)) == CoverResult(((),), False, 1)
    assert minimum_covers([[True]]).size == 1


def test_errors():
    with pytest.raises(QCAError, match=r"rows \[1\] of the PI chart are covered by no prime"):
        minimum_covers([[True, False]])
    with pytest.raises(QCAError, match=r"`chart` must be 2-D \(PIs x rows\); got shape \(3,\)"):
        minimum_covers([True, False, True])
    with pytest.raises(QCAError, match=r"`max_models` must be a positive integer; got 0"):
        minimum_covers([[True]], max_models=0)


@given(charts())
def test_fresh_linprog_per_node_gives_the_same_covers(chart):
    # The warm-started HiGHS model and the per-node linprog fallback only change the bounds'
    # figures, never the covers.
    saved = _cover.USE_WARM_LP
    _cover.USE_WARM_LP = False
    try:
        fresh = minimum_covers(chart)
    finally:
        _cover.USE_WARM_LP = saved
    assert fresh == minimum_covers(chart)


def test_warm_lp_lists_every_cover_of_a_larger_chart(monkeypatch):
    rng = np.random.default_rng(5)
    ring = np.zeros((20, 20), dtype=bool)
    ring[np.arange(20), np.arange(20)] = ring[np.arange(20), (np.arange(20) + 1) % 20] = True
    chart = np.vstack([ring, rng.random((40, 20)) < 0.15])
    warm = minimum_covers(chart, max_models=10**6)
    monkeypatch.setattr(_cover, "USE_WARM_LP", False)
    assert minimum_covers(chart, max_models=10**6) == warm
    monkeypatch.setattr(_cover, "MAX_EXPANDED", 0)
    assert set(minimum_covers(chart, max_models=10**6).covers) == set(warm.covers)
    assert warm.n_models == len(warm.covers) > 1


def test_the_warm_lp_is_really_available():
    # highspy is a dependency: the fast path must load, not fall back silently to linprog.
    assert _cover._NodeLP.create(np.eye(4, dtype=bool)) is not None


def test_the_solver_prints_nothing_to_stdout() -> None:
    """HiGHS prints a banner from C++ when first constructed; a --json document or a notebook
    cell must not receive it (checked in a fresh process: the banner is printed once)."""
    import subprocess
    import sys

    code = (
        "import qca; lf = qca.datasets.load('LF'); "
        "sol = qca.minimize(qca.truth_table(lf, 'SURV', incl_cut=0.8), include='?'); "
        "print(qca.expressions.simplify('A*B + A*~B'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "A\n"


@settings(max_examples=150, deadline=None)
@given(
    chart=arrays(np.bool_, st.tuples(st.integers(1, 9), st.integers(1, 7))),
    literals=st.lists(st.integers(1, 6), min_size=9, max_size=9),
)
def test_first_min_fewest_terms_then_fewest_literals(chart, literals) -> None:
    """first_min: a cover with the fewest PIs and, among those, the fewest literals (brute
    force over every subset of PIs)."""
    chart = chart.copy()
    chart[0] |= ~chart.any(axis=0)  # every row coverable
    literals = np.array(literals[: chart.shape[0]])
    got = minimum_covers(chart, first_min=True, literals=literals).covers[0]
    assert chart[list(got)].any(axis=0).all()
    best = min(
        (len(subset), int(literals[list(subset)].sum()))
        for size in range(1, chart.shape[0] + 1)
        for subset in itertools.combinations(range(chart.shape[0]), size)
        if chart[list(subset)].any(axis=0).all()
    )
    assert (len(got), int(literals[list(got)].sum())) == best


def _simplest_models(chart: np.ndarray, literals: np.ndarray) -> set[tuple[int, ...]]:
    """Brute force: the minimum covers with the fewest literals."""
    n_pi = chart.shape[0]
    for size in range(1, n_pi + 1):
        covers = [
            subset
            for subset in itertools.combinations(range(n_pi), size)
            if chart[list(subset)].any(axis=0).all()
        ]
        if covers:
            least = min(int(literals[list(c)].sum()) for c in covers)
            return {c for c in covers if int(literals[list(c)].sum()) == least}
    return set()


@settings(max_examples=120, deadline=None)
@given(
    chart=arrays(np.bool_, st.tuples(st.integers(2, 10), st.integers(1, 6))),
    literals=st.lists(st.integers(1, 5), min_size=10, max_size=10),
    max_models=st.integers(1, 4),
    path=st.sampled_from(["sorted", "levels", "budget"]),
)
def test_truncated_listing_keeps_the_simplest(chart, literals, max_models, path):
    """A truncated listing holds every model of the fewest literals (as many as fit), in order
    of simplicity; on each path: all covers sorted, the literal levels, the levels under a node
    budget."""
    chart = chart.copy()
    chart[0] |= ~chart.any(axis=0)
    literals = np.array(literals[: chart.shape[0]])
    saved = _cover.MAX_EXPANDED, _cover.MAX_SEARCH_NODES
    try:
        if path != "sorted":
            _cover.MAX_EXPANDED = 0
        if path == "budget":
            _cover.MAX_SEARCH_NODES = 3
        got = minimum_covers(chart, max_models=max_models, literals=literals)
    finally:
        _cover.MAX_EXPANDED, _cover.MAX_SEARCH_NODES = saved
    simplest = _simplest_models(chart, literals)
    every = brute_force_covers(chart)
    assert set(got.covers) <= set(every)
    if not got.truncated:  # complete: every model, in R's (lexicographic) order
        assert got.covers == tuple(sorted(every))
        return
    weights = [int(literals[list(c)].sum()) for c in got.covers]
    assert weights == sorted(weights)
    kept = set(got.covers) & simplest
    # the simplest models come first: all of them, or as many as the listing holds
    assert kept == simplest or kept == set(got.covers)
    if path != "budget":
        assert len(got.covers) == max_models
