"""The batched necessity search (qca._core.supersubset) against the one-by-one oracle."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca._core import supersubset
from qca._core.fitkernels import necessity_fit
from qca.testing import necessity_search_reference

TOLERANCE = np.finfo(float).eps ** 0.5


def _random_problem(seed: int, fuzzy: bool, multivalue: bool):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 6))
    n = int(rng.integers(1, 25))
    noflevels = [int(rng.integers(2, 4)) if multivalue else 2 for _ in range(k)]
    blocks = []
    for levels in noflevels:
        if fuzzy and levels == 2:
            x = np.round(rng.random(n), int(rng.integers(1, 3)))
            blocks.append(np.vstack([1.0 - x, x]))
        else:
            values = rng.integers(0, levels, n)
            blocks.append((values[None, :] == np.arange(levels)[:, None]).astype(float))
    y = np.round(rng.random(n), 1) if fuzzy else rng.integers(0, 2, n).astype(float)
    return np.vstack(blocks), noflevels, y, rng


def _assert_same(got, expected) -> None:
    for field in ("conj_codes", "disj_codes"):
        np.testing.assert_array_equal(getattr(got, field), getattr(expected, field))
    for field in ("conj_figures", "disj_figures", "conj_members", "disj_members"):
        np.testing.assert_array_equal(getattr(got, field), getattr(expected, field))


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    fuzzy=st.booleans(),
    multivalue=st.booleans(),
    necessity=st.booleans(),
    mode=st.sampled_from(["default", "small", "blocks", "no_pruning", "sorted_keys", "float64"]),
)
def test_batched_search_equals_one_by_one(
    seed: int, fuzzy: bool, multivalue: bool, necessity: bool, mode: str
) -> None:
    literals, noflevels, y, rng = _random_problem(seed, fuzzy, multivalue)
    incl_cut = float(rng.choice([0.0, 0.5, 0.7, 0.8, 0.9, 1.0]))
    cov_cut = float(rng.choice([0.0, 0.3, 0.5, 0.6, 0.8]))
    depth = int(rng.integers(1, len(noflevels) + 1))
    call = {
        "incl_cut": incl_cut,
        "cov_cut": cov_cut,
        "depth": depth,
        "necessity": necessity,
        "tolerance": TOLERANCE,
    }
    expected = necessity_search_reference(literals, noflevels, y, **call)
    saved = supersubset.CHUNK_VALUES, supersubset.STORE_BYTES, supersubset.KEY_LITERALS
    dense, screen = supersubset.DENSE_KEY_BITS, supersubset.SCREEN_FLOAT32
    try:
        if mode == "float64":  # no float32 first pass
            supersubset.SCREEN_FLOAT32 = False
        elif mode == "small":  # tiny chunks, and the vectors rebuilt from the literals (no store)
            supersubset.CHUNK_VALUES, supersubset.STORE_BYTES = 7, 0
        elif mode == "blocks":  # literal-major blocks of a few rows from the store
            supersubset.CHUNK_VALUES = 3 * y.shape[0]
        elif mode == "no_pruning":  # rows holding a prior expression computed, then dropped
            supersubset.KEY_LITERALS = 0
        elif mode == "sorted_keys":  # the prior expressions looked up by binary search
            supersubset.DENSE_KEY_BITS = 0
        got = supersubset.search(literals, noflevels, y, **call)
    finally:
        supersubset.CHUNK_VALUES, supersubset.STORE_BYTES, supersubset.KEY_LITERALS = saved
        supersubset.DENSE_KEY_BITS, supersubset.SCREEN_FLOAT32 = dense, screen
    _assert_same(got, expected)


def _search_both_ways(literals, noflevels, y, **call):
    """The search with the float32 first pass and without (float64 throughout)."""
    saved = supersubset.SCREEN_FLOAT32
    try:
        supersubset.SCREEN_FLOAT32 = False
        plain = supersubset.search(literals, noflevels, y, **call)
    finally:
        supersubset.SCREEN_FLOAT32 = saved
    return supersubset.search(literals, noflevels, y, **call), plain


# scores that float32 rounds together (0.3 and 0.3 + 1e-9), or apart by one float64 step
_CLOSE_SCORES = [0.0, 0.1, 0.25, 0.3, 0.3 + 1e-9, 0.5, np.nextafter(0.5, 1.0), 0.7, 0.75, 0.9, 1.0]


@settings(max_examples=120, deadline=None)
@given(
    data=st.data(),
    k=st.integers(1, 4),
    n=st.integers(1, 30),
    necessity=st.booleans(),
    multivalue=st.booleans(),
    cut_shift=st.sampled_from([0.0, 1.0, -1.0, 2.0]),
    tiny=st.booleans(),
)
def test_float32_first_pass_equals_float64(
    data, k: int, n: int, necessity: bool, multivalue: bool, cut_shift: float, tiny: bool
) -> None:
    """Bit for bit the float64 search, with figures exactly at a cut-off (the cut set from a
    figure the data attain, give or take the tolerance and one float64 step), scores float32
    cannot tell apart, and (``tiny``) values too small for float32 (then float64 throughout)."""
    scores = st.sampled_from(_CLOSE_SCORES + ([1e-300] if tiny else []))
    blocks, noflevels = [], []
    for _ in range(k):
        levels = data.draw(st.integers(2, 3)) if multivalue else 2
        if levels == 2:
            x = np.array(data.draw(st.lists(scores, min_size=n, max_size=n)))
            blocks.append(np.vstack([1.0 - x, x]))
        else:
            values = np.array(data.draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
            blocks.append((values[None, :] == np.arange(3)[:, None]).astype(float))
        noflevels.append(levels)
    literals = np.vstack(blocks)
    y = np.array(data.draw(st.lists(scores, min_size=n, max_size=n)))
    # a cut-off equal to a figure of one literal, or of a two-literal disjunction / conjunction
    first = data.draw(st.integers(0, literals.shape[0] - 1))
    second = data.draw(st.integers(0, literals.shape[0] - 1))
    x = (
        np.maximum(literals[first], literals[second])
        if data.draw(st.booleans())
        else literals[first]
    )
    fit = necessity_fit(x[None, :], y)
    target = float(fit[data.draw(st.sampled_from(["inclN", "covN"]))][0])
    if not np.isfinite(target):
        target = 0.5
    cut = target + TOLERANCE  # the figure is then at the lowered cut, up to rounding
    for _ in range(abs(int(cut_shift))):
        cut = float(np.nextafter(cut, np.inf if cut_shift > 0 else -np.inf))
    cut = min(max(cut, 0.0), 1.0)
    other = float(data.draw(st.sampled_from([0.0, 0.3, 0.5, 0.6, cut])))
    incl_cut, cov_cut = (cut, other) if data.draw(st.booleans()) else (other, cut)
    call = {
        "incl_cut": incl_cut,
        "cov_cut": cov_cut,
        "depth": len(noflevels),
        "necessity": necessity,
        "tolerance": TOLERANCE,
    }
    got, plain = _search_both_ways(literals, noflevels, y, **call)
    for field in ("conj_codes", "disj_codes", "conj_figures", "disj_figures"):
        assert getattr(got, field).tobytes() == getattr(plain, field).tobytes(), field
    for field in ("conj_members", "disj_members"):
        assert getattr(got, field).tobytes() == getattr(plain, field).tobytes(), field
    _assert_same(got, necessity_search_reference(literals, noflevels, y, **call))


def test_float32_first_pass_used_and_refused() -> None:
    """The float32 pass runs on memberships of ordinary size; values float32 would flush to
    zero, negative or non-finite ones, or too many cases for its error bound, keep the search
    in float64."""
    literals = np.array([[0.2, 0.9], [0.8, 0.1]])
    assert supersubset._screens(literals, np.array([0.5, 0.5]))
    assert not supersubset._screens(literals, np.array([1e-300, 0.5]))
    assert not supersubset._screens(literals, np.array([np.nan, 0.5]))
    assert not supersubset._screens(literals, np.array([-0.5, 0.5]))  # the bound needs x >= 0
    many = np.full((2, supersubset.SCREEN_CASES + 1), 0.5)
    assert not supersubset._screens(many, many[0])


@pytest.mark.parametrize("seed", range(6))
def test_search_against_brute_force_definition(seed: int) -> None:
    """Every expression found is necessary and minimal; every necessary minimal one is found
    (sizes 1-3, where the search always goes): brute force over all literal sets."""
    literals, noflevels, y, _ = _random_problem(seed, True, seed % 2 == 1)
    k = len(noflevels)
    offsets = np.concatenate([[0], np.cumsum(noflevels)])
    found = supersubset.search(
        literals, noflevels, y, incl_cut=0.8, cov_cut=0.5, depth=min(k, 3), tolerance=TOLERANCE
    )

    def ok(x: np.ndarray) -> bool:
        fit = necessity_fit(x, y)
        return bool(fit["inclN"] >= 0.8 - TOLERANCE and fit["covN"] >= 0.5 - TOLERANCE)

    conj, disj = [], []
    for size in range(1, min(k, 3) + 1):
        before = list(conj), list(disj)
        for combo in itertools.combinations(range(k), size):
            for levels in itertools.product(*[range(noflevels[j]) for j in combo]):
                rows = literals[[offsets[j] + v for j, v in zip(combo, levels)]]
                codes = tuple(levels[combo.index(j)] + 1 if j in combo else 0 for j in range(k))
                literal_set = {(j, c) for j, c in enumerate(codes) if c}
                if ok(rows.min(axis=0)):
                    conj.append(codes)
                elif ok(rows.max(axis=0)) and not any(
                    {(j, c) for j, c in enumerate(f) if c} <= literal_set
                    for f in before[0] + before[1]
                ):
                    disj.append(codes)
    assert [tuple(c) for c in found.conj_codes.tolist()] == conj
    assert [tuple(c) for c in found.disj_codes.tolist()] == disj


@pytest.mark.parametrize("mode", ["default", "blocks", "no_pruning", "sorted_keys"])
@pytest.mark.parametrize(
    ("seed", "incl_cut", "cov_cut", "necessity"), [(1, 0.9, 0.55, True), (2, 0.8, 0.2, False)]
)
def test_search_past_size_four(
    seed: int, incl_cut: float, cov_cut: float, necessity: bool, mode: str
) -> None:
    """Sizes 4 and 5 find something, so the search goes on past a size that was to be the last
    (whose vectors are then built from the previous size's): same as the one-by-one search."""
    rng = np.random.default_rng(seed)
    x = np.round(rng.random((6, 30)), 2)
    literals = np.vstack([np.vstack([1 - r, r]) for r in x])
    y = np.round(rng.random(30), 2)
    call = {
        "incl_cut": incl_cut,
        "cov_cut": cov_cut,
        "depth": 6,
        "necessity": necessity,
        "tolerance": TOLERANCE,
    }
    expected = necessity_search_reference(literals, [2] * 6, y, **call)
    sizes = np.concatenate([expected.conj_codes, expected.disj_codes]).astype(bool).sum(axis=1)
    assert sizes.max() >= 5 and 4 in sizes  # the case is the one this test is about
    saved = supersubset.CHUNK_VALUES, supersubset.KEY_LITERALS, supersubset.DENSE_KEY_BITS
    try:
        if mode == "blocks":
            supersubset.CHUNK_VALUES = 3 * y.shape[0]
        elif mode == "no_pruning":
            supersubset.KEY_LITERALS = 0
        elif mode == "sorted_keys":
            supersubset.DENSE_KEY_BITS = 0
        got = supersubset.search(literals, [2] * 6, y, **call)
    finally:
        supersubset.CHUNK_VALUES, supersubset.KEY_LITERALS, supersubset.DENSE_KEY_BITS = saved
    _assert_same(got, expected)
