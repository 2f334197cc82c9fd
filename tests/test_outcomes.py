"""Several outcomes, expression outcomes, causal_chain: against R QCA 3.25.

Reference: tests/reference/r14/outcomes.json, made by tests/reference/r14/outcomes.R.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import qca
from qca.exceptions import QCAError

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "outcomes.json").read_text())


def _models(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    return [[m] if isinstance(m, str) else list(m) for m in value]


def _listing(solution):
    return None if solution is None else [list(m.terms) for m in solution.models]


def test_several_outcomes_equal_r() -> None:
    lf = qca.datasets.load("LF")
    result = qca.minimize_outcomes(lf, "SURV, STB", incl_cut=0.8, include="?")
    assert list(result) == ["SURV", "STB"]
    assert {k: _listing(v) for k, v in result.items()} == {
        k: _models(v) for k, v in REFERENCE["multi_LF"].items()
    }
    cvf = qca.datasets.load("CVF")
    result = qca.minimize_outcomes(cvf, ["PROTEST", "NATPRIDE"], incl_cut=0.8, include="?")
    assert {k: _listing(v) for k, v in result.items()} == {
        k: _models(v) for k, v in REFERENCE["multi_CVF"].items()
    }
    with pytest.raises(QCAError, match="names an outcome twice"):
        qca.minimize_outcomes(lf, ["SURV", "SURV"])


def test_expression_outcome_equals_r_on_the_computed_column() -> None:
    lf = qca.datasets.load("LF")
    before = lf.copy()
    result = qca.minimize_outcomes(lf, "SURV*STB", incl_cut=0.8, include="?")
    solution = result["SURV*STB"]
    assert _listing(solution) == _models(REFERENCE["expr_LF"]["solution"])
    assert solution.truth_table.conditions == ("DEV", "URB", "LIT", "IND")
    fit = REFERENCE["expr_LF"]["fit"][0]
    for key in ("inclS", "PRI", "covS"):
        assert solution.models[0].fit[key] == pytest.approx(fit[key], abs=5e-4)
    second = qca.minimize_outcomes(
        lf, "SURV + ~DEV", ["URB", "LIT", "IND", "STB"], incl_cut=0.8, include="?"
    )["SURV + ~DEV"]
    assert _listing(second) == _models(REFERENCE["expr_LF2"]["solution"])
    assert lf.equals(before)
    data, used, name = qca.outcomes.expression_outcome(lf, "SURV*~DEV")
    assert used == ["DEV", "SURV"] and name == "SURV_DEV"
    assert np.allclose(data[name], np.minimum(lf["SURV"], 1 - lf["DEV"]))
    assert solution.outcome == "SURV_STB"
    taken = qca.outcomes.expression_outcome(lf.assign(SURV_STB=0.0), "SURV*STB")[2]
    assert taken == "SURV_STB_1"
    with pytest.raises(QCAError, match="names columns not in `data`"):
        qca.outcomes.expression_outcome(lf, "SURV*NOPE")


@pytest.mark.parametrize(
    ("key", "kwargs"),
    [
        ("chain_represent", {}),
        ("chain_represent_ordering", {"ordering": "ES, QU, WS < WM, LP < WNP"}),
        (
            "chain_represent_strict",
            {"ordering": [["ES", "QU", "WS"], ["WM", "LP"], ["WNP"]], "strict": True},
        ),
    ],
)
def test_causal_chain_equals_r(key, kwargs) -> None:
    data = qca.datasets.load("d.represent")
    chain = qca.causal_chain(data, **kwargs)
    expected = {k: _models(v) for k, v in REFERENCE[key].items()}
    assert {k: _listing(v) for k, v in chain.items()} == expected
    assert list(chain) == list(expected)


def test_causal_chain_errors() -> None:
    data = qca.datasets.load("d.represent")
    with pytest.raises(QCAError, match="not in `data`"):
        qca.causal_chain(data, ordering="ES < NOPE")
    with pytest.raises(QCAError, match="several levels"):
        qca.causal_chain(data, ordering="ES < ES")
    with pytest.raises(QCAError, match="needs a single string"):
        qca.causal_chain(data, ordering=["ES < QU", "WS"])
