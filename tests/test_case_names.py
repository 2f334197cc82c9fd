"""The fast paths of the case lists (qca._core.names, qca.truthtable.caselists) against the
obvious ones: names packed and copied are the names; the order of numbered names is the
natural order (:func:`qca._core.order.natural_key`), exactly; the per-row tuples are those of
a Python loop."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from qca._core.names import numbered_values, pack_integers, pack_names
from qca._core.order import natural_key, numbered_order
from qca.truthtable import truth_table
from qca.truthtable.caselists import row_case_lists
from qca.truthtable.validation import CaseIndex

# text that may hold anything a str holds: unicode digits, lone surrogates, \x00, \x01, \xff
_TEXT = st.text(
    st.one_of(
        st.sampled_from("ab0123456789_-\x00\x01\xff é٣𝟘\ud800"),
        st.characters(codec=None),
    ),
    max_size=8,
)


@settings(max_examples=80)
@given(st.lists(_TEXT, max_size=30), st.data())
def test_packed_names_give_back_the_names(names, data):
    packed = pack_names(names)
    if packed is None:
        # only names holding \x00, or no names
        assert not names or any("\x00" in name for name in names)
        return
    positions = np.array(
        data.draw(st.lists(st.integers(0, len(names) - 1), max_size=40)), dtype=np.intp
    )
    assert packed.texts(positions) == [names[i] for i in positions]


def test_uneven_names_are_not_packed():
    assert pack_names(["x" * 10_000] + ["a"] * 10) is None
    assert pack_names(["x" * 20] + ["a"] * 10) is not None


@settings(max_examples=60)
@given(
    st.lists(st.integers(-(2**63), 2**63 - 1), max_size=30)
    | st.lists(st.integers(0, 2**64 - 1), max_size=30)
)
def test_packed_integers_are_their_text(values):
    dtype = np.int64 if any(v < 0 for v in values) or not values else np.uint64
    if dtype is np.uint64 and max(values) < 2**63:
        dtype = np.int64
    array = np.array(values, dtype=dtype)
    packed = pack_integers(array)
    positions = np.arange(array.size)[::-1]
    assert packed.texts(positions) == [str(v) for v in array[positions].tolist()]


def _natural(names):
    return sorted(range(len(names)), key=lambda i: natural_key(names[i]))


# names of every shape the numbered fast path must tell apart: one text and a number, mixed
# texts, leading zeros ("c01" / "c1"), signs, unicode digits, digits inside the text, repeats
_PREFIX = st.sampled_from(["case", "c", "", "C", "-", "é", "c_", "x1y", "c0", " ", "a.b"])
_DIGITS = st.one_of(
    st.integers(0, 10**18).map(str),
    st.integers(0, 999).map(lambda v: f"{v:03d}"),
    st.sampled_from(["٣", "𝟘", "0", "00", "19", "1e5", "10000000000000000000", ""]),
)
_NAME = st.tuples(_PREFIX, _DIGITS).map("".join)


@settings(max_examples=150)
@given(
    st.one_of(
        st.lists(_NAME, max_size=30),
        st.tuples(_PREFIX, st.lists(st.integers(0, 10**6), max_size=30)).map(
            lambda t: [t[0] + str(v) for v in t[1]]
        ),
    )
)
def test_numbered_names_sort_naturally(names):
    expected = _natural(names)
    index = CaseIndex(pd.Index(names, dtype=object))
    assert index.order.tolist() == expected
    packed = pack_names(names)
    if names and packed is not None:
        values = numbered_values(names[0], packed)
        if values is not None:
            assert numbered_order(values).tolist() == expected
            # the shape the fast path takes: one text without digits, a number without zeros
            assert all(str(v) == name[len(name) - len(str(v)) :] for v, name in zip(values, names))


def test_numbered_names_take_the_fast_path():
    names = [f"case{v}" for v in [10, 2, 0, 33, 1]]
    values = numbered_values(names[0], pack_names(names))
    assert values is not None and values.tolist() == [10, 2, 0, 33, 1]
    for other in (["c01", "c1"], ["c1", "d2"], ["c1", "c٣"], ["c1", "c"], ["c1", "c-2"]):
        assert numbered_values(other[0], pack_names(other)) is None


@settings(max_examples=60)
@given(st.lists(st.integers(0, 6), max_size=25), st.data())
def test_row_case_lists_equal_a_python_loop(counts, data):
    n = np.array(counts, dtype=np.int64)
    total = int(n.sum())
    names = [f"n{i}" for i in data.draw(st.permutations(range(total)))]
    by_row = np.array(data.draw(st.permutations(range(total))), dtype=np.intp)
    deviant = np.array(data.draw(st.lists(st.booleans(), min_size=total, max_size=total)), bool)
    cases, dcc = row_case_lists(lambda positions: [names[i] for i in positions], by_row, n, deviant)
    start = 0
    for row, size in enumerate(counts):
        members = range(start, start + size)
        assert cases[row] == tuple(names[by_row[k]] for k in members)
        assert dcc[row] == tuple(names[by_row[k]] for k in members if deviant[k])
        start += size


def test_large_rows_are_sliced():
    n = np.array([40, 1, 0, 25], dtype=np.int64)
    by_row = np.arange(66)[::-1].copy()
    deviant = np.arange(66) % 3 == 0
    cases, dcc = row_case_lists(lambda p: [str(i) for i in p], by_row, n, deviant)
    assert cases[0] == tuple(str(i) for i in range(65, 25, -1))
    assert cases[2] == () and dcc[2] == ()
    assert dcc[3] == tuple(str(by_row[k]) for k in range(41, 66) if deviant[k])


@settings(max_examples=60)
@given(st.lists(_TEXT.filter(lambda t: "\x00" not in t), min_size=1, max_size=12, unique=True))
def test_any_names_order_and_list_as_the_natural_key_says(names):
    # lone surrogates, \x01, \xff, unicode digits: the general path, no error
    data = pd.DataFrame({"A": [i % 2 for i in range(len(names))], "Y": 1}, index=names)
    tt = truth_table(data, "Y")
    listed = [name for cases in tt.table["cases"] for name in cases]
    expected = [names[i] for i in _natural(names)]
    assert sorted(listed, key=expected.index) == expected
    for cases in tt.table["cases"]:
        assert list(cases) == sorted(cases, key=natural_key)
    assert list(tt.memberships.index) == expected
