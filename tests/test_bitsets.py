"""Packed bitsets and the fast paths built on them, against the obvious computations."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from qca._core import bitsets, encode, primes
from qca.expressions import Literal, Term
from qca.minimize.models import implicant_strings

bool_matrices = st.integers(0, 130).flatmap(
    lambda n: hnp.arrays(bool, st.tuples(st.integers(0, 40), st.just(n)))
)


@settings(max_examples=60, deadline=None)
@given(bool_matrices)
def test_pack_unpack_round_trip(matrix):
    packed = bitsets.pack_rows(matrix)
    assert packed.dtype == np.uint64
    assert packed.shape == (matrix.shape[0], max(1, -(-matrix.shape[1] // 64)))
    assert np.array_equal(bitsets.unpack_rows(packed, matrix.shape[1]), matrix)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 130), st.integers(1, 6), st.integers(0, 40), st.randoms())
def test_unique_rows_groups_as_numpy(n, distinct, r, random):
    rng = np.random.default_rng(random.getrandbits(32))
    pool = rng.integers(0, 2, size=(distinct, n)).astype(bool)
    matrix = pool[rng.integers(0, distinct, size=r)]
    patterns, inverse = bitsets.unique_rows(matrix)
    assert np.array_equal(patterns[inverse], matrix)
    expected, _ = np.unique(matrix, axis=0, return_inverse=True)
    assert patterns.shape[0] == expected.shape[0]
    # classes numbered by first occurrence
    firsts = [int(np.flatnonzero(inverse == c)[0]) for c in range(patterns.shape[0])]
    assert firsts == sorted(firsts)


@st.composite
def implicant_problems(draw):
    k = draw(st.integers(1, 6))
    levels = draw(st.lists(st.integers(2, 4), min_size=k, max_size=k))
    n = draw(st.integers(0, 30))
    m = draw(st.integers(0, 150))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    codes = np.column_stack([rng.integers(0, lv + 1, size=n) for lv in levels]).reshape(n, k)
    rows = np.column_stack([rng.integers(0, lv, size=m) for lv in levels]).reshape(m, k)
    return codes.astype(np.int64), rows.astype(np.int64), levels


@settings(max_examples=80, deadline=None)
@given(implicant_problems())
def test_implicant_covers_bits_equal_brute_force(problem):
    codes, rows, _ = problem
    expected = np.array(
        [[all(c == 0 or c == v + 1 for c, v in zip(term, row)) for row in rows] for term in codes],
        dtype=bool,
    ).reshape(codes.shape[0], rows.shape[0])
    assert np.array_equal(encode.implicant_covers(codes, rows), expected)


@settings(max_examples=60, deadline=None)
@given(implicant_problems(), st.booleans())
def test_implicant_strings_equal_terms(problem, multivalue):
    codes, _, levels = problem
    names = [f"C{j}" for j in range(len(levels))]
    expected = tuple(
        Term(
            tuple(Literal(names[j], frozenset({c - 1})) for j, c in enumerate(row) if c),
            multivalue=multivalue,
        ).to_string()
        for row in codes.tolist()
    )
    assert implicant_strings(codes, names, multivalue) == expected


@settings(max_examples=60, deadline=None)
@given(implicant_problems())
def test_sorted_codes_equal_unique_then_lexsort(problem):
    codes, _, _ = problem
    codes = np.concatenate([codes, codes[: len(codes) // 2]])
    expected = np.unique(codes, axis=0) if codes.shape[0] else codes
    expected = expected[np.lexsort(expected.T[::-1])] if expected.shape[0] else expected
    assert np.array_equal(primes._sort_codes(codes), expected)


def test_term_cases_read_lazily_equal_the_chart():
    import qca

    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    cases = solution._cases
    assert list(cases) == list(solution.prime_implicants) and len(cases) == len(solution._chart)
    groups = {int(r): tuple(tt.table.loc[r, "cases"]) for r in solution.positive_rows}
    expected = {
        term: tuple(groups[r] for r, hit in zip(solution.positive_rows, row) if hit)
        for term, row in zip(solution.prime_implicants, solution._chart)
    }
    for _ in range(70):  # past the scanning look-ups, into the index
        for term, value in expected.items():
            assert cases[term] == value
    assert cases.get("NOT*A*TERM", ()) == () and "NOT*A*TERM" not in cases
    assert dict(cases) == expected and cases == expected


def _r_order_reference(codes):
    """R's sort_matrix as qca.chart.r_order documents it, on 64-bit keys."""
    codes = np.asarray(codes, dtype=np.int64)
    n, k = codes.shape
    index = np.arange(n)
    for i in range(k - 1, -1, -1):
        column = codes[index, i]
        order = np.argsort(-column, kind="stable")
        index, column = index[order], column[order]
        zeros = np.flatnonzero(column == 0)
        stop = int(zeros[0]) if zeros.size else n - 1
        if stop > 1:
            index[:stop] = index[:stop][np.argsort(column[:stop], kind="stable")]
    complexity = (codes[index] != 0).sum(axis=1)
    return index[np.argsort(complexity, kind="stable")]


@settings(max_examples=60, deadline=None)
@given(implicant_problems())
def test_r_order_on_small_keys_equals_64_bit_keys(problem):
    from qca._core.chart import r_order

    codes, _, _ = problem
    if codes.shape[0] == 0:
        return
    codes = primes._sort_codes(codes)
    assert np.array_equal(r_order(codes), _r_order_reference(codes))


@settings(max_examples=40, deadline=None)
@given(bool_matrices, st.integers(0, 2**32 - 1))
def test_cover_classes_equal_python_loops(matrix, seed):
    from qca._core import cover

    useful = np.flatnonzero(matrix.any(axis=1))
    patterns, inverse = bitsets.unique_rows(matrix[useful])
    members = cover._class_members(useful, inverse, patterns.shape[0])
    expected: list[list[int]] = [[] for _ in range(patterns.shape[0])]
    for pi, cls in zip(useful.tolist(), inverse.tolist()):
        expected[cls].append(pi)
    assert members == expected
    weight = np.random.default_rng(seed).integers(0, 3, size=matrix.shape[0])
    lightest = [min(m, key=lambda pi: (int(weight[pi]), pi)) for m in expected]
    assert cover._lightest_members(members, weight) == lightest
