"""qca.model_fit() against R QCA 3.25's modelFit(): the regions as R writes them and their fuzzy
fit figures (tests/reference/r14/model_fit.json, made by model_fit.R beside it).

R writes each region with admisc's invert() (of several minimal negations, the first in R's
order) and intersection() (multiplied out, not minimized); the fuzzy figures of a region depend
on how it is written, so equal figures need equal expressions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import qca
from qca.expressions import parse
from qca.theory import REGIONS

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "model_fit.json").read_text())
IDS = [f"{case['dataset']}-{case['outcome']}-{case['theory']}" for case in REFERENCE]


def _r_expression(text: str, conditions: tuple[str, ...]) -> str:
    """R's text with the stars R leaves out between single-letter conditions (``S~LR``)."""
    if not text or text == "-" or any(len(c) > 1 for c in conditions):
        return text
    return " + ".join("*".join(re.findall(r"~?[A-Z]", term)) for term in text.split(" + "))


@pytest.fixture(scope="module", params=REFERENCE, ids=IDS)
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], qca.theory.ModelFitResult]:
    spec = request.param
    data = qca.datasets.load(spec["dataset"])
    tt = qca.truth_table(data, spec["outcome"], incl_cut=spec["incl_cut"])
    solution = qca.minimize(tt, include="?")
    return spec, qca.model_fit(solution, spec["theory"])


def test_models_as_r(case: tuple[dict[str, Any], Any]) -> None:
    spec, result = case
    assert [str(item.model) for item in result] == [
        _r_expression(fit["model"], result.conditions) for fit in spec["fits"]
    ]


def test_regions_written_as_r(case: tuple[dict[str, Any], Any]) -> None:
    spec, result = case
    for item, fit in zip(result, spec["fits"]):
        for label in REGIONS:
            expected = _r_expression(fit["regions"][label], result.conditions)
            assert item.expression_text(label) == (None if expected == "-" else expected), label


def test_fit_figures_as_r(case: tuple[dict[str, Any], Any]) -> None:
    spec, result = case
    for item, fit in zip(result, spec["fits"]):
        table = item.table
        assert len(table) == len(fit["rows"])
        assert list(table.index[-6:]) == fit["rows"][-6:]  # model, theory and the regions
        for key in ("inclS", "PRI", "covS"):
            expected = np.array([np.nan if v in (None, "NA") else v for v in fit[key]], float)
            np.testing.assert_allclose(table[key].to_numpy(), expected, rtol=0, atol=1e-12)


def test_the_choice_matters_for_fuzzy_figures() -> None:
    # LF, theory DEV*URB*STB + ~DEV*~URB*~STB: its negation has two minimal sums; admisc takes
    # the first in R's order. The other one is the same crisp set, with other fuzzy figures.
    lf = qca.datasets.load("LF")
    taken = qca.invert("DEV*URB*STB + ~DEV*~URB*~STB", ["DEV", "URB", "STB"])
    assert str(taken) == "~DEV*URB + DEV*~STB + ~URB*STB"
    other = parse("DEV*~URB + ~DEV*STB + URB*~STB")
    assert qca.expressions.equivalent(taken, other)
    fit_taken = qca.fit(str(taken), lf, "SURV").to_frame().loc["expression", "inclS"]
    fit_other = qca.fit(str(other), lf, "SURV").to_frame().loc["expression", "inclS"]
    assert abs(fit_taken - fit_other) > 1e-3
