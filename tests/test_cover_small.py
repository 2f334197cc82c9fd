"""The small-chart listing of ``qca._core.cover`` (every combination of a few classes, no HiGHS)
against the search with its 0/1 program and LPs: the same covers in the same order, the same
count and flags, on random small charts; and an analysis whose chart it solves never loads
highspy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qca._core import cover
from qca.testing import brute_force_covers

ROOT = Path(__file__).resolve().parents[1]


@st.composite
def charts(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray | None, int]:
    n_pi = draw(st.integers(1, 12))
    n_rows = draw(st.integers(1, 8))
    cells = draw(st.lists(st.booleans(), min_size=n_pi * n_rows, max_size=n_pi * n_rows))
    chart = np.array(cells, dtype=bool).reshape(n_pi, n_rows)
    # duplicate PIs (classes of several members) now and then; every row coverable
    if n_pi > 1 and draw(st.booleans()):
        chart[draw(st.integers(1, n_pi - 1))] = chart[0]
    for r in np.flatnonzero(~chart.any(axis=0)):
        chart[draw(st.integers(0, n_pi - 1)), r] = True
    literals = (
        np.array(draw(st.lists(st.integers(1, 5), min_size=n_pi, max_size=n_pi)))
        if draw(st.booleans())
        else None
    )
    max_models = draw(st.sampled_from([1, 2, 3, 5, 10_000]))
    return chart, literals, max_models


def _fields(result: cover.CoverResult) -> tuple:
    return (
        result.covers,
        result.truncated,
        result.n_models,
        result.stopped_by,
        result.n_models_bound,
    )


@settings(max_examples=100, deadline=None)
@given(charts())
def test_the_small_chart_listing_equals_the_search(
    case: tuple[np.ndarray, np.ndarray | None, int],
) -> None:
    chart, literals, max_models = case
    small = cover.minimum_covers(chart, max_models=max_models, literals=literals)
    saved = cover.SMALL_CHART_CLASSES
    cover.SMALL_CHART_CLASSES = -1  # never: the search, with HiGHS
    try:
        searched = cover.minimum_covers(chart, max_models=max_models, literals=literals)
    finally:
        cover.SMALL_CHART_CLASSES = saved
    assert _fields(small) == _fields(searched)
    if not small.truncated:  # and both are every minimal cover, in R's order
        assert small.covers == brute_force_covers(chart)


def test_a_cyclic_chart_is_listed_without_the_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    # a cycle of five rows: no essential PI, no dominated row; three PIs cover it, five ways
    chart = np.array(
        [[1, 1, 0, 0, 0], [0, 1, 1, 0, 0], [0, 0, 1, 1, 0], [0, 0, 0, 1, 1], [1, 0, 0, 0, 1]],
        dtype=bool,
    )

    def no_solver(*_args: object, **_options: object) -> None:
        raise AssertionError("the 0/1 program was called")

    monkeypatch.setattr(cover, "_cover_program", no_solver)
    result = cover.minimum_covers(chart)
    assert result.covers == brute_force_covers(chart)
    assert result.n_models == 5 and not result.truncated
    # too few nodes allowed for the search to be sure to finish: the search decides
    with pytest.raises(AssertionError, match="0/1 program"):
        cover.minimum_covers(chart, max_nodes=10)


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_small_analysis_does_not_load_highspy() -> None:
    # Lipset's parsimonious chart is solved by its essential PIs; Hicks et al.'s (d.HMN) and
    # Krook's (d.Kro) leave a few classes for the small-chart listing; the same solutions come
    # from the search with HiGHS afterwards
    code = """
import json, sys
import qca
from qca._core import cover
assert "highspy" not in sys.modules
cases = [("LF", "SURV"), ("d.HMN", "CO"), ("d.Kro", "WNP")]
def solve():
    return [
        qca.minimize(qca.truth_table(qca.datasets.load(name), out, incl_cut=0.8), include="?")
        for name, out in cases
    ]
small = solve()
print(json.dumps("highspy" in sys.modules))
cover.SMALL_CHART_CLASSES = -1
searched = solve()
assert "highspy" in sys.modules
print(json.dumps([str(a) == str(b) and a.to_dict() == b.to_dict() for a, b in zip(small, searched)]))
print(json.dumps([len(s.models) for s in small]))
"""
    loaded, same, n_models = (json.loads(line) for line in _run(code).splitlines()[-3:])
    assert loaded is False
    assert same == [True, True, True]
    assert n_models[0] == 1 and max(n_models) > 1
