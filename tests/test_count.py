"""count_minimum_covers against brute force: every minimum cover listed, then counted."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qca._core import count as _count
from qca._core.count import CoverCount, count_minimum_covers
from qca._core.cover import minimum_covers
from qca.exceptions import QCAError
from qca.testing import brute_force_covers


def brute_force_minimum_covers(chart):
    return list(brute_force_covers(chart))


@st.composite
def charts(draw):
    """Small charts with every row coverable, and now and then identical PIs, a PI that is
    alone on a row (essential), and several independent blocks side by side."""
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        n_pi = draw(st.integers(1, 5))
        n_rows = draw(st.integers(1, 5))
        block = draw(arrays(bool, (n_pi, n_rows)))
        block[draw(st.integers(0, n_pi - 1)), ~block.any(axis=0)] = True
        if draw(st.booleans()):
            block = np.vstack([block, block[draw(st.integers(0, n_pi - 1))]])
        if draw(st.booleans()):  # an essential PI: a row only it covers
            essential = np.zeros((block.shape[0], 1), dtype=bool)
            essential[draw(st.integers(0, block.shape[0] - 1))] = True
            block = np.hstack([block, essential])
        blocks.append(block)
    n_pi = sum(b.shape[0] for b in blocks)
    n_rows = sum(b.shape[1] for b in blocks)
    chart = np.zeros((n_pi, n_rows), dtype=bool)
    i = j = 0
    for b in blocks:
        chart[i : i + b.shape[0], j : j + b.shape[1]] = b
        i, j = i + b.shape[0], j + b.shape[1]
    # shuffle PIs and rows, so blocks are not contiguous
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    return chart[rng.permutation(n_pi)][:, rng.permutation(n_rows)]


@given(charts(), st.integers(1, 4))
def test_count_equals_brute_force_and_bounds_contain_it(chart, max_nodes):
    covers = brute_force_minimum_covers(chart)
    counted = count_minimum_covers(chart)
    assert counted.exact
    assert counted == CoverCount(lower=len(covers), upper=len(covers), size=len(covers[0]))
    assert counted.value == len(covers)
    # a budget too small to finish: bounds that contain the true count
    truth = len(covers)
    counted = count_minimum_covers(chart, max_nodes=max_nodes)
    assert 1 <= counted.lower <= truth <= counted.upper
    if counted.exact:
        assert counted.value == truth
    else:
        assert counted.value is None and counted.size is None


@settings(max_examples=50)
@given(charts())
def test_count_agrees_with_the_listing(chart):
    listed = minimum_covers(chart)
    assert not listed.truncated
    assert count_minimum_covers(chart).value == listed.n_models == len(listed.covers)


def test_a_grid_of_independent_pairs_counts_without_listing():
    # 60 independent rows, each covered by 2 PIs of its own: 2**60 minimum covers of 60 PIs
    n = 60
    chart = np.zeros((2 * n, n), dtype=bool)
    chart[np.arange(2 * n), np.repeat(np.arange(n), 2)] = True
    assert count_minimum_covers(chart) == CoverCount(lower=2**n, upper=2**n, size=n)


def test_a_path_counts_like_fibonacci_edge_covers():
    # rows 0..n-1 on a path, PIs = its edges: minimum edge covers of a path
    for n in range(2, 12):
        chart = np.zeros((n - 1, n), dtype=bool)
        for e in range(n - 1):
            chart[e, [e, e + 1]] = True
        assert count_minimum_covers(chart).value == len(brute_force_minimum_covers(chart))


def test_budget_gives_bounds_with_the_known_lower_bound():
    rng = np.random.default_rng(3)
    chart = rng.random((14, 10)) < 0.4
    chart[0] |= ~chart.any(axis=0)
    truth = len(brute_force_minimum_covers(chart))
    assert truth > 1
    stopped = count_minimum_covers(chart, max_nodes=1, at_least=truth)
    assert not stopped.exact
    assert stopped.lower == truth <= stopped.upper
    assert _count._row_choices_bound([1, 1], [1, 1]) == 2


def test_bad_charts():
    with pytest.raises(QCAError, match="2-D"):
        count_minimum_covers([1, 0])
    with pytest.raises(QCAError, match=r"rows \[1\]"):
        count_minimum_covers([[1, 0], [1, 0]])
    assert count_minimum_covers(np.zeros((3, 0), bool)) == CoverCount(1, 1, 0)


def _two_hundred_models():
    """Crisp data whose parsimonious solution has many minimal models (seeded)."""
    import pandas as pd

    import qca

    rng = np.random.default_rng(2)
    data = pd.DataFrame(
        rng.integers(0, 2, (40, 8)),
        columns=[f"C{i}" for i in range(8)],
        index=[f"c{i}" for i in range(40)],
    )
    data["Y"] = rng.integers(0, 2, 40)
    return qca.truth_table(data, "Y", incl_cut=0.6)


def test_minimize_counts_what_it_does_not_list(monkeypatch):
    import warnings

    import qca

    tt = _two_hundred_models()
    full = qca.minimize(tt, include="?")
    assert not full.truncated and full.n_models == len(full.models) > 10
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stopped = qca.minimize(tt, include="?", max_nodes=2)
    # the listing stopped early, the count did not
    assert stopped.truncated and stopped.n_models == full.n_models
    assert stopped.n_models_bound is None and stopped.to_dict()["n_models_bound"] is None
    monkeypatch.setattr(_count, "COUNT_NODES", 1)
    with pytest.warns(qca.exceptions.TruncatedModelsWarning, match="between .* and .* exist"):
        bounded = qca.minimize(tt, include="?", max_nodes=2)
    assert bounded.truncated and bounded.n_models is None
    lower, upper = bounded.n_models_bound
    assert len(bounded.models) <= lower <= full.n_models <= upper
    assert bounded.to_dict()["n_models_bound"] == [lower, upper]
    assert f"of between {lower:,} and {upper:,} minimal models" in str(bounded)
