"""Sizes are Python integers: 63 or more binary conditions (or a product of level counts that
would wrap int64) are refused with ProblemTooLargeError, never an IndexError or a wrong answer."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import qca
from qca._core.encode import configuration_count, radix_weights
from qca.exceptions import ProblemTooLargeError


def _data(k: int, levels: int = 2, n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(k)
    data = pd.DataFrame(
        rng.integers(0, levels, (n, k)),
        columns=[f"C{i}" for i in range(k)],
        index=[f"c{i}" for i in range(n)],
    )
    # make the top level present in every column so that each has `levels` levels
    data.iloc[0, :] = levels - 1
    data.iloc[1, :] = 0
    data["Y"] = rng.integers(0, 2, n)
    return data


def test_configuration_count_is_a_python_int() -> None:
    assert configuration_count([2] * 64) == 2**64
    assert configuration_count([4] * 32) == 2**64  # int64 would wrap to 0
    assert configuration_count([]) == 1
    assert isinstance(configuration_count(np.array([2, 3])), int)


@pytest.mark.parametrize("levels", [[2] * 63, [2] * 64, [4] * 32, [3] * 40, [2] * 70])
def test_row_ids_that_do_not_fit_int64_are_refused(levels: list[int]) -> None:
    with pytest.raises(ProblemTooLargeError, match="configurations"):
        radix_weights(levels)


def test_62_conditions_still_encode() -> None:
    weights = radix_weights([2] * 62)
    assert int(weights[0]) == 2**61


@pytest.mark.parametrize(("k", "levels"), [(63, 2), (64, 2), (32, 4)])
def test_truth_table_refuses_too_many_configurations(k: int, levels: int) -> None:
    data = _data(k, levels)
    with pytest.raises(ProblemTooLargeError, match=rf"{k} conditions"):
        qca.truth_table(data, "Y")


@pytest.mark.parametrize("include", ["", "?"])
@pytest.mark.parametrize(("k", "levels"), [(63, 2), (64, 2), (32, 4)])
def test_minimize_refuses_too_many_configurations(k: int, levels: int, include: str) -> None:
    conditions = tuple(f"C{i}" for i in range(k))
    table = pd.DataFrame(
        {
            **{c: [0, 1] for c in conditions},
            "OUT": ["0", "1"],
            "n": [1, 1],
            "cases": [("a",), ("b",)],
        },
        index=pd.Index([1, 2], name="row"),
    )
    memberships = pd.DataFrame({**{c: [0, 1] for c in conditions}, "Y": [0, 1]}, index=["a", "b"])
    tt = SimpleNamespace(
        conditions=conditions,
        outcome="Y",
        noflevels=(levels,) * k,
        multivalue=levels > 2,
        memberships=memberships,
        table=table,
    )
    with pytest.raises(ProblemTooLargeError, match=rf"{k} conditions"):
        qca.minimize(tt, include=include)


def test_62_binary_conditions_still_minimize() -> None:
    data = _data(62, n=12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tt = qca.truth_table(data, "Y")
    assert int(tt.table.index.max()) <= 2**62
    solution = qca.minimize(tt, include="?", method="fast")
    assert solution.models
