"""Minimum covers of charts that split into independent parts (qca._core.parts, merge)."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qca._core.cover import minimum_covers
from qca._core.merge import simplest_products
from qca._core.parts import components
from qca.testing import brute_force_covers


def brute_force_minimum_covers(chart):
    return list(brute_force_covers(chart))


@st.composite
def block_charts(draw):
    """2-4 independent blocks (shuffled), with literals per PI."""
    blocks = []
    for _ in range(draw(st.integers(2, 4))):
        n_pi, n_rows = draw(st.integers(1, 4)), draw(st.integers(1, 3))
        block = draw(arrays(bool, (n_pi, n_rows)))
        block[draw(st.integers(0, n_pi - 1)), ~block.any(axis=0)] = True
        blocks.append(block)
    n_pi = sum(b.shape[0] for b in blocks)
    chart = np.zeros((n_pi, sum(b.shape[1] for b in blocks)), dtype=bool)
    i = j = 0
    for b in blocks:
        chart[i : i + b.shape[0], j : j + b.shape[1]] = b
        i, j = i + b.shape[0], j + b.shape[1]
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    chart = chart[rng.permutation(n_pi)][:, rng.permutation(chart.shape[1])]
    literals = np.array(draw(st.lists(st.integers(1, 4), min_size=n_pi, max_size=n_pi)))
    return chart, literals


@settings(max_examples=100)
@given(block_charts(), st.integers(1, 6))
def test_parts_list_every_cover_or_the_simplest(case, max_models):
    chart, literals = case
    truth = brute_force_minimum_covers(chart)
    full = minimum_covers(chart, literals=literals, max_models=10_000)
    assert list(full.covers) == truth and full.n_models == len(truth) and not full.truncated
    cut = minimum_covers(chart, literals=literals, max_models=max_models)
    assert cut.n_models == len(truth)
    assert cut.truncated == (len(truth) > max_models)
    listed = list(cut.covers)
    assert len(set(listed)) == len(listed) == min(max_models, len(truth))
    assert set(listed) <= set(truth)
    # the simplest are kept: their literal totals are the smallest of all
    weight = sorted(int(literals[list(c)].sum()) for c in truth)
    assert sorted(int(literals[list(c)].sum()) for c in listed) == weight[: len(listed)]
    if cut.truncated:  # simplest first, then R's order
        keys = [(int(literals[list(c)].sum()), c) for c in listed]
        assert keys == sorted(keys)


def test_components_group_linked_rows():
    chart = np.array([[1, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0], [0, 1, 1, 0]], dtype=bool)
    assert [c.tolist() for c in components(chart)] == [[0, 3], [1, 2]]


@given(st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=4), min_size=0, max_size=4))
def test_simplest_products_against_the_full_product(lists):
    lists = [sorted(w) for w in lists]

    def getter(w):
        return lambda i: w[i] if i < len(w) else None

    every = sorted(sum(combo) for combo in itertools.product(*lists))
    for limit in (1, 3, 10):
        got = simplest_products([getter(w) for w in lists], limit=limit, cap=1000)
        totals = [t for t, _ in got]
        assert totals == sorted(totals)
        assert totals[:limit] == every[:limit]
        # ties with the last wanted are all there (below the cap)
        assert len(got) == sum(1 for t in every if t <= every[min(limit, len(every)) - 1])
        assert len({index for _, index in got}) == len(got)
        for total, index in got:
            assert total == sum(w[i] for w, i in zip(lists, index))
