"""The fast prime-implicant engine against brute force over every term (QCA_GUIDE section 5)."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qca._core import memory as _memory
from qca._core.primes import (
    _complement,
    _merge_within,
    _sort_codes,
    _transversal_primes,
    prime_implicants,
)
from qca.exceptions import ProblemTooLargeError


def brute_force_primes(on, off, levels, remainders):
    """Every term of prod(levels + 1); implicant: covers >= 1 on row and no forbidden row;
    prime: no single literal can be dropped."""
    levels = list(levels)
    k = len(levels)
    configs = np.array(list(itertools.product(*[range(m) for m in levels])), dtype=np.int64)
    configs = configs.reshape(-1, k)
    terms = np.array(list(itertools.product(*[range(m + 1) for m in levels])), dtype=np.int64)
    terms = terms.reshape(-1, k)
    contains = np.all((terms[:, None, :] == 0) | (terms[:, None, :] == configs[None] + 1), axis=2)
    ids = {tuple(c): i for i, c in enumerate(configs.tolist())}
    is_on = np.zeros(len(configs), bool)
    is_on[[ids[tuple(r)] for r in np.asarray(on).reshape(-1, k).tolist()]] = True
    if remainders:
        forbidden = np.zeros(len(configs), bool)
        forbidden[[ids[tuple(r)] for r in np.asarray(off).reshape(-1, k).tolist()]] = True
    else:
        forbidden = ~is_on
    implicant = contains[:, is_on].any(axis=1) & ~contains[:, forbidden].any(axis=1)
    index = {tuple(t): i for i, t in enumerate(terms.tolist())}
    primes = []
    for t in terms[implicant].tolist():
        droppable = False
        for j in range(k):
            if t[j]:
                shorter = list(t)
                shorter[j] = 0
                droppable |= bool(implicant[index[tuple(shorter)]])
        if not droppable:
            primes.append(t)
    out = np.array(primes, dtype=np.int64).reshape(-1, k)
    return out[np.lexsort(out.T[::-1])] if len(out) else out


@st.composite
def problems(draw, multivalue):
    if multivalue:
        k = draw(st.integers(1, 4))
        levels = draw(st.lists(st.integers(2, 4), min_size=k, max_size=k))
    else:
        k = draw(st.integers(1, 6))
        levels = [2] * k
    configs = np.array(list(itertools.product(*[range(m) for m in levels]))).reshape(-1, k)
    # 0 = positive, 1 = negative, 2 = remainder; tilt towards sparse observed rows too.
    labels = np.array(
        draw(st.lists(st.sampled_from([0, 1, 2, 2]), min_size=len(configs), max_size=len(configs)))
    )
    on, off = configs[labels == 0], configs[labels == 1]
    order = draw(st.permutations(range(len(on))))
    return on[list(order)], off, levels


@pytest.mark.parametrize("multivalue", [False, True])
@pytest.mark.parametrize("remainders", [True, False])
def test_matches_brute_force(multivalue, remainders):
    @given(problems(multivalue))
    def check(problem):
        on, off, levels = problem
        got = prime_implicants(on, off, levels, remainders=remainders)
        expected = brute_force_primes(on, off, levels, remainders)
        np.testing.assert_array_equal(got, expected)
        assert got.dtype == np.int64

    check()


@given(problems(multivalue=True))
def test_both_conservative_routes_agree(problem):
    on, _off, levels = problem
    if len(on) == 0:
        return
    on = np.unique(on, axis=0)
    levels_arr = np.asarray(levels)
    via_complement = _sort_codes(_transversal_primes(on, _complement(on, levels_arr), levels_arr))
    via_merging = _sort_codes(_merge_within(on, levels_arr))
    np.testing.assert_array_equal(via_complement, via_merging)


@given(problems(multivalue=False))
def test_row_order_does_not_matter(problem):
    on, off, levels = problem
    first = prime_implicants(on, off, levels, remainders=True)
    again = prime_implicants(on[::-1], off[::-1], levels, remainders=True)
    assert first.tobytes() == again.tobytes()


@pytest.mark.parametrize("multivalue", [False, True])
@pytest.mark.parametrize("remainders", [True, False])
def test_agrees_with_classic_engine(multivalue, remainders):
    qmc = pytest.importorskip("qca._core.qmc")

    @given(problems(multivalue))
    def check(problem):
        on, off, levels = problem
        np.testing.assert_array_equal(
            prime_implicants(on, off, levels, remainders=remainders),
            qmc.prime_implicants(on, off, levels, remainders=remainders),
        )

    check()


def test_known_example_and_edge_cases():
    on = [[1, 1, 0], [1, 1, 1], [0, 1, 1]]
    off = [[0, 0, 0], [0, 0, 1]]
    assert prime_implicants(on, off, [2, 2, 2], remainders=True).tolist() == [[0, 2, 0], [2, 0, 0]]
    # No positive row: no implicant at all.
    assert prime_implicants(np.zeros((0, 3)), off, [2] * 3, remainders=True).shape == (0, 3)
    # Nothing to exclude: the empty term is the one prime.
    assert prime_implicants(on, [], [2] * 3, remainders=True).tolist() == [[0, 0, 0]]
    # Every configuration positive: conservative also gives the empty term.
    everything = list(itertools.product([0, 1, 2], [0, 1]))
    assert prime_implicants(everything, [], [3, 2], remainders=False).tolist() == [[0, 0]]


def test_twenty_conditions_sparse_rows():
    # The CCubes paper's setting: 20 binary conditions, 20 observed rows, 10 of them positive.
    rng = np.random.default_rng(2018)
    ids = rng.choice(2**20, size=20, replace=False)
    rows = (ids[:, None] >> np.arange(19, -1, -1)) & 1
    on, off = rows[:10], rows[10:]
    primes = prime_implicants(on, off, [2] * 20, remainders=True)
    assert primes.shape[0] > 0

    # Every prime: covers a positive row, no negative row, and no literal can be dropped.
    def covers(codes, configs):
        return np.all((codes[:, None, :] == 0) | (codes[:, None, :] == configs[None] + 1), axis=2)

    assert covers(primes, on).any(axis=1).all()
    assert not covers(primes, off).any()
    for j in range(20):
        fixed = primes[:, j] != 0
        shorter = primes[fixed].copy()
        shorter[:, j] = 0
        assert covers(shorter, off).any(axis=1).all()
    # Every positive row is covered by some prime.
    assert covers(primes, on).any(axis=0).all()


def test_refuses_when_memory_is_short(monkeypatch):
    monkeypatch.setattr(_memory, "available_bytes", lambda: 1000)
    with pytest.raises(
        ProblemTooLargeError,
        match=r"prime implicant search over 2 positive .* "
        r"would need .* but only .* can be used",
    ):
        prime_implicants([[0, 1], [1, 0]], [[0, 0]], [2, 2], remainders=True)


def test_memory_messages(monkeypatch):
    monkeypatch.setattr(_memory, "available_bytes", lambda: 2 * 1024**3)
    with pytest.raises(ProblemTooLargeError, match=r"^the chart would need 1\.0 TiB of memory"):
        _memory.check_allocation(1024**4, "the chart")
    monkeypatch.setattr(_memory, "available_bytes", lambda: 2048)
    with pytest.raises(
        ProblemTooLargeError,
        match=r"only 1\.0 KiB can be used \(2\.0 KiB "
        r"available.*fewer conditions, method='fast'",
    ):
        _memory.check_allocation(4096, "x")
    _memory.check_allocation(1024, "x")  # within the limit: no error
