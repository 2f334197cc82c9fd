"""The crisp (bitset) fit of many models against the float kernels, figure for figure."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca._core.crispfits import crisp_model_fits, is_crisp, popcount_rows
from qca.minimize.models import model_fits


@st.composite
def crisp_problems(draw):
    n_cases = draw(st.sampled_from([0, 1, 3, 63, 64, 65, 130]))
    n_terms = draw(st.integers(1, 7))
    density = draw(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    members = (rng.random((n_terms, n_cases)) < density).astype(np.float64)
    if draw(st.booleans()):  # a term covering nothing
        members[draw(st.integers(0, n_terms - 1))] = 0.0
    y_kind = draw(st.sampled_from(["random", "zeros", "ones"]))
    y = {
        "random": (rng.random(n_cases) < 0.5).astype(np.float64),
        "zeros": np.zeros(n_cases),
        "ones": np.ones(n_cases),
    }[y_kind]
    covers = draw(
        st.lists(
            st.lists(st.integers(0, n_terms - 1), max_size=n_terms, unique=True).map(tuple),
            max_size=12,
        )
    )
    return members, covers, y


@settings(max_examples=200, deadline=None)
@given(crisp_problems(), st.booleans())
def test_bitset_path_equals_float_path(problem, unique):
    members, covers, y = problem
    fast_fit, fast_covu = model_fits(members, covers, y, unique=unique)
    slow_fit, slow_covu = model_fits(members, covers, y, unique=unique, bitsets=False)
    for key in ("inclS", "PRI", "covS"):
        assert np.array_equal(fast_fit[key], slow_fit[key], equal_nan=True), key
        assert fast_fit[key].tobytes() == slow_fit[key].tobytes(), key
    assert len(fast_covu) == len(slow_covu)
    for fast, slow in zip(fast_covu, slow_covu):
        assert fast.shape == slow.shape
        assert np.array_equal(fast, slow, equal_nan=True)
        assert fast.tobytes() == slow.tobytes()


def test_kernel_small_example():
    members = [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
    fit, covu = crisp_model_fits(members, [[0, 1], [1, 2]], [1, 1, 1, 0])
    assert fit["inclS"].tolist() == [1.0, 1.0]
    assert fit["covS"].tolist() == [1.0, 2 / 3]
    assert covu[0].tolist() == [1.0 - 2 / 3, 1.0 - 2 / 3]
    assert covu[1].tolist() == [2 / 3 - 0.0, 2 / 3 - 2 / 3]


def test_fuzzy_data_takes_the_float_path():
    assert not is_crisp([0.0, 0.5, 1.0])
    assert not is_crisp([np.nan, 1.0])
    assert is_crisp(np.zeros((0, 3)))
    members = np.array([[0.2, 1.0, 0.0], [0.7, 0.0, 1.0]])
    y = np.array([1.0, 0.0, 1.0])
    fast = model_fits(members, [(0, 1)], y)
    slow = model_fits(members, [(0, 1)], y, bitsets=False)
    assert fast[0]["PRI"].tobytes() == slow[0]["PRI"].tobytes()
    assert fast[1][0].tobytes() == slow[1][0].tobytes()


@pytest.mark.parametrize("n_words", [1, 3])
def test_popcount_rows(n_words):
    rng = np.random.default_rng(n_words)
    bits = rng.integers(0, 2**63, size=(5, n_words), dtype=np.uint64)
    expected = [sum(bin(int(w)).count("1") for w in row) for row in bits]
    assert popcount_rows(bits).tolist() == expected


def test_popcount_rows_without_bitwise_count(monkeypatch):
    # numpy < 2 has no np.bitwise_count: the byte table gives the same counts
    bits = np.random.default_rng(7).integers(0, 2**63, size=(4, 2), dtype=np.uint64)
    expected = popcount_rows(bits).tolist()
    if hasattr(np, "bitwise_count"):
        monkeypatch.delattr(np, "bitwise_count")
    assert popcount_rows(bits).tolist() == expected
