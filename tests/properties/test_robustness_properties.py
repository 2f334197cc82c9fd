"""Property tests of qca.robustness against a plain loop of truth_table + minimize.

On small random data (fuzzy, crisp or multi-value conditions; cut-offs, leave-one-out, bootstrap,
uncertain cells): every variant's solution and model fit equal what truth_table + minimize give
on that variant's data, the frequencies are those of the loop, and the robust core is in every
model of every variant.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections import Counter

import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import qca  # noqa: E402
from qca.exceptions import QCAError, QCAWarning  # noqa: E402


@st.composite
def sweeps(draw):
    n_cases = draw(st.integers(4, 8))
    k = draw(st.integers(2, 3))
    kind = draw(st.sampled_from(["fuzzy", "crisp", "multi"]))
    columns = {}
    for j in range(k):
        if kind == "fuzzy":
            values = draw(
                st.lists(
                    st.sampled_from([0.1, 0.3, 0.6, 0.8, 1.0]), min_size=n_cases, max_size=n_cases
                )
            )
        elif kind == "multi" and j == 0:
            values = draw(st.lists(st.integers(0, 2), min_size=n_cases, max_size=n_cases))
        else:
            values = draw(st.lists(st.integers(0, 1), min_size=n_cases, max_size=n_cases))
        columns[f"C{j}"] = values
    columns["Y"] = draw(
        st.lists(st.sampled_from([0.0, 0.2, 0.7, 0.9, 1.0]), min_size=n_cases, max_size=n_cases)
    )
    data = pd.DataFrame(columns, index=[f"k{i}" for i in range(n_cases)])
    cuts = sorted(
        set(draw(st.lists(st.sampled_from([0.6, 0.75, 0.9, 1.0]), min_size=1, max_size=3)))
    )
    uncertain = None
    if kind != "fuzzy" and draw(st.booleans()):
        case = draw(st.sampled_from(list(data.index)))
        uncertain = {(case, "C1"): {0, 1}}
    options = {
        "incl_cut": cuts[0],
        "incl_cuts": cuts,
        "leave_one_out": draw(st.booleans()),
        "bootstrap": draw(st.integers(0, 2)),
        "cross": draw(st.booleans()),
        "coding": uncertain,
    }
    return data, options


def _plain(data, incl_cut):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", QCAWarning)
            tt = qca.truth_table(
                data, "Y", [c for c in data.columns if c != "Y"], incl_cut=incl_cut
            )
            return qca.minimize(tt, include="?")
    except QCAError:
        return None


def _variant_data(data, row, result):
    data = data.copy()
    for cell in result.completions["cells"]:
        data.loc[cell["case"], cell["column"]] = row[f"{cell['case']}/{cell['column']}"]
    if row["cases"] == "all":
        return data
    if row["cases"].startswith("-"):
        return data.drop(index=row["cases"][1:])
    return None


@settings(max_examples=12)
@given(sweeps())
def test_sweep_equals_plain_loop(case):
    data, options = case
    try:
        result = qca.robustness(data, "Y", **options)
    except QCAError as error:
        assert "base analysis has no solution" in str(error)
        return
    frame = result.to_frame()
    counts: Counter[str] = Counter()
    solved = 0
    core = set(result.robust_core)
    for i in range(len(frame)):
        row = frame.iloc[i]
        if row["status"] == "ok":
            solved += 1
            models = [e for e, _ in result.models(i)]
            counts.update({t for m in models for t in m.split(" + ")})
            for m in models:
                assert core <= set(m.split(" + "))
        if row["cases"].startswith("bootstrap"):
            continue
        solution = _plain(_variant_data(data, row, result), row["incl_cut"])
        if solution is None or not solution.models:
            assert row["status"] != "ok"
            continue
        assert row["status"] == "ok"
        assert [m.expression for m in solution.models] == [e for e, _ in result.models(i)]
        for model, (_, fit) in zip(solution.models, result.models(i)):
            for key in ("inclS", "covS"):
                a, b = model.fit[key], fit[key]
                assert (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9)
    assert solved == result.n_solved
    assert dict(result.term_frequency) == pytest.approx({t: c / solved for t, c in counts.items()})


@settings(max_examples=15)
@given(st.lists(st.sets(st.integers(0, 3), min_size=1, max_size=3), min_size=1, max_size=4))
def test_completions_are_every_combination(alternatives):
    n = len(alternatives)
    data = pd.DataFrame(
        {"A": [set(a) for a in alternatives] + [0] + [3] * 5, "Y": [1.0] * (n + 1) + [0.0] * 5},
        index=[f"k{i}" for i in range(n + 6)],
    )
    result = qca.robustness(
        data, "Y", ["A"], calibration={"A": {"thresholds": [1.5], "type": "crisp"}}, incl_cut=0.5
    )
    uncertain = [tuple(sorted(a)) for a in alternatives if len(a) > 1]
    expected = set(itertools.product(*[tuple(float(v) for v in a) for a in uncertain]))
    columns = [f"{c['case']}/{c['column']}" for c in result.completions["cells"]]
    swept = {tuple(r) for r in result.to_frame()[columns].itertuples(index=False)}
    assert swept == expected
    assert result.completions["total"] == len(expected) == math.prod(len(a) for a in uncertain)
