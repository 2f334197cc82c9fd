"""truth_table() reads the data in data order and orders the cases only where it shows them:
checked against a slow, obviously correct reference (Python loops, exact fractions, names sorted
with the natural key), for every kind of case names (RangeIndex, shuffled and negative integers,
strings that look alike), row order and option."""

from __future__ import annotations

import json
import math
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca._core.order import integer_order, natural_key
from qca.exceptions import HalfMembershipWarning, NoConfigurationsError, QCAError
from qca.truthtable import truth_table
from qca.truthtable.kernels import out_codes


@given(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=0, max_size=40, unique=True))
def test_integer_order_is_the_natural_order_of_the_names(values):
    array = np.array(values, dtype=np.int64)
    names = [str(v) for v in values]
    expected = sorted(range(len(names)), key=lambda i: natural_key(names[i]))
    assert integer_order(array).tolist() == expected


@given(st.lists(st.integers(0, 2**64 - 1), min_size=0, max_size=20, unique=True))
def test_integer_order_of_unsigned_integers(values):
    names = [str(v) for v in values]
    expected = sorted(range(len(names)), key=lambda i: natural_key(names[i]))
    assert integer_order(np.array(values, dtype=np.uint64)).tolist() == expected


def _reference(data, outcome, conditions, case_order, incl_cut):
    """Rows of the truth table by hand: (row id -> n, incl, PRI, OUT, cases, DCC), memberships."""
    names = [str(v) for v in data.index]
    natural = sorted(range(len(names)), key=lambda i: natural_key(names[i]))
    levels, fuzzy = [], []
    for c in conditions:
        values = data[c].to_numpy(dtype=float)
        whole = bool(np.all(values == np.round(values)))
        fuzzy.append(not whole)
        levels.append(int(values.max()) + 1 if whole and values.max() >= 2 else 2)
    y = data[outcome].to_numpy(dtype=float)
    rows: dict[int, list[int]] = {}
    for i in range(len(names)):
        config, placed = [], True
        for j, c in enumerate(conditions):
            v = float(data[c].iloc[i])
            if fuzzy[j]:
                placed &= v != 0.5
                config.append(int(v > 0.5))
            else:
                config.append(int(v))
        if placed:
            row = 1 + sum(level * math.prod(levels[j + 1 :]) for j, level in enumerate(config))
            rows.setdefault(row, []).append(i)
    order = natural if case_order == "natural" else list(range(len(names)))
    rank = {p: r for r, p in enumerate(order)}
    table = {}
    x = data[list(conditions)].to_numpy(dtype=float)
    for row in sorted(rows):
        config = [((row - 1) // math.prod(levels[j + 1 :])) % levels[j] for j in range(len(levels))]
        sx = sb = sp = Fraction(0)
        for i in range(len(names)):  # every case counts in every row (fuzzy memberships)
            lits = [
                (x[i, j] if config[j] == 1 else 1.0 - x[i, j])
                if fuzzy[j]
                else float(x[i, j] == config[j])
                for j in range(len(levels))
            ]
            m = min(lits)
            both = min(m, y[i])
            sx, sb, sp = sx + Fraction(m), sb + Fraction(both), sp + Fraction(min(both, 1.0 - y[i]))
        incl = float(sb / sx) if sx else math.nan
        pri = float((sb - sp) / (sx - sp)) if sx != sp else math.nan
        cases = sorted(rows[row], key=rank.__getitem__)
        table[row] = (
            tuple(config),
            len(cases),
            incl,
            pri,
            tuple(names[i] for i in cases),
            tuple(names[i] for i in cases if y[i] < 0.5),
        )
    ic1, ic0 = incl_cut
    rows_n = np.array([v[1] for v in table.values()])
    out = out_codes(
        rows_n,
        np.array([v[2] for v in table.values()]),
        np.array([v[3] for v in table.values()]),
        (ic1, None if ic0 == ic1 else ic0),
        1,
        0.0,
    )
    memberships = pd.DataFrame(
        {
            c: x[natural, j] if fuzzy[j] else x[natural, j].astype(np.int64)
            for j, c in enumerate(conditions)
        },
        index=pd.Index([names[i] for i in natural], dtype=object, name=data.index.name),
    )
    memberships[outcome] = y[natural]
    return table, out, memberships


def _index(kind, n, rng):
    if kind == "range":
        return pd.RangeIndex(n)
    if kind == "ints":
        return pd.Index(rng.permutation(np.arange(-n, n))[:n] * 7, dtype=np.int64)
    if kind == "unsigned":
        return pd.Index(rng.permutation(n).astype(np.uint64) * 3, dtype=np.uint64)
    stems = ["c", "c0", "c00", "C", "c_", "x1y", "é", ""]
    names, seen = [], set()
    while len(names) < n:
        name = str(rng.choice(stems)) + str(int(rng.integers(0, 40)))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return pd.Index(names, name="case")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 40),
    st.sampled_from(["range", "ints", "unsigned", "text"]),
    st.sampled_from(["crisp", "mv", "fuzzy", "mixed"]),
    st.sampled_from(["natural", "data"]),
    st.booleans(),
)
def test_truth_table_equals_slow_reference(seed, n, index_kind, kind, case_order, shuffle):
    rng = np.random.default_rng(seed)
    columns = {}
    for j, c in enumerate("ABC"):
        if kind == "crisp" or (kind == "mixed" and j == 0):
            columns[c] = rng.integers(0, 2, n)
        elif kind == "mv" or (kind == "mixed" and j == 1):
            columns[c] = rng.integers(0, 3, n)
        else:
            columns[c] = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9], n)
    columns["Y"] = rng.choice([0.0, 1.0] if kind == "crisp" else [0.0, 0.2, 0.6, 1.0], n)
    data = pd.DataFrame(columns, index=_index(index_kind, n, rng))
    if shuffle:
        data = data.iloc[rng.permutation(n)]
    incl_cut = (0.8, 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HalfMembershipWarning)
        try:
            tt = truth_table(data, "Y", incl_cut=incl_cut, case_order=case_order)
        except NoConfigurationsError:
            assert kind in ("fuzzy", "mixed")  # every case has a 0.5 score
            return
    table, out, memberships = _reference(data, "Y", list("ABC"), case_order, incl_cut)
    got = tt.table
    assert got.index.tolist() == list(table)
    for position, (row, (config, n_row, incl, pri, cases, dcc)) in enumerate(table.items()):
        assert tuple(got.loc[row, list("ABC")].tolist()) == config
        assert got.loc[row, "n"] == n_row
        np.testing.assert_array_equal([got.loc[row, "incl"], got.loc[row, "PRI"]], [incl, pri])
        assert got.loc[row, "OUT"] == out[position]
        assert got.loc[row, "cases"] == cases
        assert got.loc[row, "DCC"] == dcc
    pd.testing.assert_frame_equal(tt.memberships, memberships, check_exact=True)
    names = [str(v) for v in data.index]
    half = [
        name
        for name in sorted(names, key=natural_key)
        if any(data.loc[data.index[names.index(name)], c] == 0.5 for c in "ABC")
    ]
    assert list(tt.half_cases) == [h for h in half if kind in ("fuzzy", "mixed")]


@settings(max_examples=20, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(2, 60),
    st.booleans(),
    st.sampled_from([{}, {"sort_by": ["OUT", "n"], "complete": True}, {"case_order": "data"}]),
)
def test_integer_names_print_as_their_text(seed, n, negative, options):
    # an integer index is ordered without reading it as text: same output as the text names
    rng = np.random.default_rng(seed)
    values = rng.permutation(np.arange(-n if negative else 0, n))[:n]
    data = pd.DataFrame(
        {"A": rng.integers(0, 2, n), "B": rng.integers(0, 3, n), "Y": rng.integers(0, 2, n)},
        index=values,
    )
    text = data.set_axis([str(v) for v in values])
    first, second = truth_table(data, "Y", **options), truth_table(text, "Y", **options)
    assert str(first) == str(second)
    assert first._repr_html_() == second._repr_html_()
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())
    pd.testing.assert_frame_equal(first.table, second.table)
    pd.testing.assert_frame_equal(first.memberships, second.memberships)


def test_messages_name_the_first_case_in_canonical_order_of_integer_names():
    data = pd.DataFrame({"A": [-1, 0, -2, 1], "Y": [0, 1, 1, 0]}, index=[10, 2, 3, -1])
    with pytest.raises(QCAError, match=r"negative value -2 \(case np.int64\(3\)\)"):
        truth_table(data, "Y")
    data = pd.DataFrame({"A": [0, 1, 0, 1], "Y": [0, 1.5, 2, 0]}, index=["c10", "c2", "c3", "c1"])
    with pytest.raises(QCAError, match=r"outside \[0, 1\]: 1.5 \(case 'c2'\)"):
        truth_table(data, "Y")
    data = pd.DataFrame(
        {"A": [0, 1.2, 0.3, 1.5], "Y": [0, 1, 1, 0]}, index=["c10", "c2", "c3", "c1"]
    )
    with pytest.raises(QCAError, match=r"outside \[0, 1\]: 1.5 \(case 'c1'\)"):
        truth_table(data, "Y")
