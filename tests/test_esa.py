"""Tests of qca.find_rows (enhanced standard analysis)."""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca.exceptions import QCAError


@pytest.fixture
def xor_free() -> pd.DataFrame:
    # Y where A and B are both present; the two mixed configurations are remainders, and both
    # parsimonious solutions (A or B for Y, ~A or ~B for ~Y) lean on them.
    return pd.DataFrame(
        {"A": [1, 1, 0, 0], "B": [1, 1, 0, 0], "C": [1, 0, 1, 0], "Y": [1, 1, 0, 0]},
        index=list("wxyz"),
    )


def test_contradictory_simplifying_assumptions(xor_free: pd.DataFrame) -> None:
    tt = qca.truth_table(xor_free, "Y", ["A", "B"])
    assert {m.expression for m in qca.minimize(tt, include="?").models} == {"A", "B"}
    csa = qca.find_rows(tt, type="csa")
    # A*~B (row 3) and ~A*B (row 2) are used for Y (by A, by B) and for ~Y (by ~B, by ~A)
    assert csa == (2, 3)
    excluded = qca.minimize(tt, include="?", exclude=csa)
    assert [m.expression for m in excluded.models] == ["A*B"]
    # the same from the negated outcome's truth table
    assert qca.find_rows(qca.truth_table(xor_free, "~Y", ["A", "B"]), type=2) == (2, 3)


def test_one_contradictory_assumption() -> None:
    # ~A*~B*~C, ~A*~B*C, ~A*B*~C negative, A*B*C positive; the remainder ~A*B*C (row 4) is used by
    # the model B*C of Y and by ~A of ~Y.
    data = pd.DataFrame(
        [(0, 0, 0, 0), (0, 0, 1, 0), (0, 1, 0, 0), (1, 1, 1, 1)], columns=["A", "B", "C", "Y"]
    )
    tt = qca.truth_table(data, "Y")
    y_sa = set().union(*qca.minimize(tt, include="?").simplifying_assumptions.values())
    n_sa = set().union(
        *qca.minimize(qca.truth_table(data, "~Y"), include="?").simplifying_assumptions.values()
    )
    csa = qca.find_rows(tt, type="csa")
    assert set(csa) == y_sa & n_sa
    assert csa == (4,)
    before = [m.expression for m in qca.minimize(tt, include="?").models]
    after = [m.expression for m in qca.minimize(tt, include="?", exclude=csa).models]
    assert before == ["A", "B*C"] and after == ["A"]


def test_subsets_of_expression(xor_free: pd.DataFrame) -> None:
    tt = qca.truth_table(xor_free, "Y")
    # rows with ~A*B: 3 (0 1 0) and 4 (0 1 1): remainders
    assert qca.find_rows(tt, "~A*B") == (3, 4)
    assert qca.find_rows(tt, "~A*B", type="untenable") == (3, 4)
    # A*B rows 7 and 8 are observed: only with observed=True
    assert qca.find_rows(tt, "A*B") == ()
    assert qca.find_rows(tt, "A*B", observed=True) == (7, 8)
    assert qca.find_rows(tt, ["~A*B", "A*~B*C"]) == (3, 4, 6)
    assert qca.find_rows(tt, qca.expressions.parse("A*~B")) == (5, 6)


def test_simultaneous_subset_relations() -> None:
    # row 1 (A=0) has incl 0.6 for Y and 0.6 for ~Y: at incl_cut 0.55 it is positive for both
    data = pd.DataFrame({"A": [0.2, 0.3, 0.9, 0.8], "Y": [0.4, 0.6, 0.9, 0.95]})
    tt = qca.truth_table(data, "Y", incl_cut=0.55)
    negated = qca.truth_table(data, "~Y", incl_cut=0.55)
    both = set(tt.table.index[tt.table["OUT"] == "1"]) & set(
        negated.table.index[negated.table["OUT"] == "1"]
    )
    assert qca.find_rows(tt, type="ssr") == tuple(sorted(int(r) for r in both))
    assert qca.find_rows(tt, type="ssr") != ()
    assert qca.find_rows(tt, type="ssr", incl_cut=0.99) == ()


def test_all_types(xor_free: pd.DataFrame) -> None:
    tt = qca.truth_table(xor_free, "Y", ["A", "B"])
    everything = qca.find_rows(tt, "~A*B", type="all")
    assert everything == qca.find_rows(tt, "~A*B", type=["subsets", "csa", "ssr"]) == (2, 3)
    assert qca.find_rows(tt, "~A*B", type=0) == everything


def test_errors(xor_free: pd.DataFrame) -> None:
    tt = qca.truth_table(xor_free, "Y")
    with pytest.raises(QCAError, match="`expression` is needed for type 'subsets'"):
        qca.find_rows(tt)
    with pytest.raises(QCAError, match=r"`type` must be one of 'subsets' .*; got 'nope'"):
        qca.find_rows(tt, "A", type="nope")
    with pytest.raises(QCAError, match=r"`obj` must be a TruthTable .*; got DataFrame"):
        qca.find_rows(xor_free, "A")
    with pytest.raises(
        QCAError,
        match=r"unknown condition 'D' at position 0; known conditions: "
        r"\['A', 'B', 'C'\]",
    ):
        qca.find_rows(tt, "D")
