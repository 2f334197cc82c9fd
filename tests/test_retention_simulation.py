"""retention (R's retention, Hug 2013), generate and complexity: against R QCA 3.25.

References: tests/reference/r14/retention.json and generate.json, made by the R scripts beside
them.
"""

from __future__ import annotations

import itertools
import json
from math import prod
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca.exceptions import QCAError

HERE = Path(__file__).parent / "reference" / "r14"
RETENTION = json.loads((HERE / "retention.json").read_text())
GENERATE = json.loads((HERE / "generate.json").read_text())


def _run(case, data=None):
    return qca.retention(
        qca.datasets.load(case["data"]) if data is None else data,
        case["outcome"],
        incl_cut=case["incl.cut"],
        n_cut=case["n.cut"],
        type=case["type"],
        dependent=case["dependent"],
        p_pert=case.get("p.pert", 0.5),
        n_pert=case.get("n.pert", 1),
    )


@pytest.mark.parametrize(
    "case", RETENTION, ids=lambda c: f"{c['data']}-{c['type']}-{c['dependent']}"
)
def test_retention_equals_r(case) -> None:
    if case["type"] == "deletion" and case["dependent"]:
        pytest.skip("R's DPA deletion keeps deleted negative cases in a row's count (see Notes)")
    assert _run(case) == pytest.approx(case["value"], abs=1e-12)


def _brute_force(data, outcome, incl_cut, n_cut, kind, n_pert):
    """Every set of n_pert perturbed cases, the truth table recomputed."""

    def table(frame):
        out = {}
        for key, group in frame.groupby(list(frame.columns[:-1]))[outcome]:
            if len(group) >= n_cut:
                out[key] = group.mean() >= incl_cut
        return out

    before = table(data)
    kept = 0
    subsets = list(itertools.combinations(range(len(data)), n_pert))
    for subset in subsets:
        changed = data.copy()
        if kind == "corruption":
            changed.iloc[list(subset), -1] = 1 - changed.iloc[list(subset), -1]
        else:
            changed = changed.drop(changed.index[list(subset)])
        kept += table(changed) == before
    return kept / len(subsets)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1), st.integers(0, 1), st.integers(0, 1)), min_size=4, max_size=9
    ),
    st.sampled_from([0.5, 0.75, 1.0]),
    st.integers(1, 2),
    st.sampled_from(["corruption", "deletion"]),
    st.integers(1, 3),
)
def test_dpa_equals_enumeration_of_every_perturbation(rows, incl_cut, n_cut, kind, n_pert) -> None:
    data = pd.DataFrame(rows, columns=["A", "B", "Y"], index=[f"c{i}" for i in range(len(rows))])
    n_pert = min(n_pert, len(rows))
    got = qca.retention(data, "Y", incl_cut=incl_cut, n_cut=n_cut, type=kind, n_pert=n_pert)
    assert got == pytest.approx(_brute_force(data, "Y", incl_cut, n_cut, kind, n_pert), abs=1e-12)


def test_retention_errors() -> None:
    lf = qca.datasets.load("LF")
    with pytest.raises(QCAError, match="only binary"):
        qca.retention(lf, "SURV")
    lc = qca.datasets.load("LC")
    with pytest.raises(QCAError, match="`type` must be"):
        qca.retention(lc, "SURV", type="flip")
    with pytest.raises(QCAError, match="`n_pert` must be in"):
        qca.retention(lc, "SURV", n_pert=0)


@pytest.mark.parametrize(
    ("key", "args", "kwargs"),
    [
        ("g1", ("A + ~B*C",), {}),
        ("g2", ("DEV*~IND + URB*STB -> SURV",), {}),
        ("g3", ("A[2] + B[1]*C[0]",), {"conditions": ["A", "B", "C"], "noflevels": [3, 2, 2]}),
    ],
)
def test_generate_equals_r(key, args, kwargs) -> None:
    data = qca.generate(*args, **kwargs)
    expected = GENERATE[key]
    assert list(data.columns)[:-1] == expected["columns"][:-1]
    np.testing.assert_array_equal(data.to_numpy(), np.array(expected["values"]))
    assert list(data.index) == list(range(1, len(data) + 1))


def test_generate_errors() -> None:
    with pytest.raises(QCAError, match="should \\(also\\) indicate sufficiency"):
        qca.generate("A + B <- Y")
    with pytest.raises(QCAError, match="not in `conditions`"):
        qca.generate("A + B", conditions=["A"])


def test_complexity_equals_r_and_enumeration() -> None:
    assert qca.complexity(5) == GENERATE["c1"]
    assert qca.complexity(4, layers=[2, 3], noflevels=[3, 2, 2, 2]) == GENERATE["c2"]
    levels = [2, 3, 4, 2, 2, 3, 2]
    assert qca.complexity(7, noflevels=levels) == GENERATE["c3"]
    for k in range(1, 8):
        brute = sum(prod(levels[j] for j in s) for s in itertools.combinations(range(7), k))
        assert qca.complexity(7, layers=[k], noflevels=levels) == [brute]
