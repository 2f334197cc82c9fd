"""admisc's choice among several minimal sums of products, and its intersection(), on random
expressions (tests/reference/r14/admisc_choice.json, made by admisc_choice.R beside it).

- invert(): of several minimal negations admisc returns first the first cover in R's order
  (qca.invert, qca.expressions.algebra.first_minimal_sop); R's full list is qca's list.
- intersection(): the product multiplied out, contradictory and absorbed terms dropped, in
  admisc's order (qca.expressions.expand.multiply_out).
- admisc 0.39.1's invert() sometimes returns an expression that is not the negation at all (it
  drops configurations); qca returns the true negation there, and the test checks that R's is
  wrong rather than skipping it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import qca
from qca._core.encode import all_configurations
from qca._core.rows import sop_truth
from qca.expressions import parse
from qca.expressions.expand import multiply_out

REFERENCE = json.loads(
    (Path(__file__).parent / "reference" / "r14" / "admisc_choice.json").read_text()
)


def _truth(text: str, conditions: list[str]) -> np.ndarray:
    """Crisp truth of ``text`` on every configuration of the binary ``conditions``."""
    space = all_configurations([2] * len(conditions))
    if not text:
        return np.zeros(space.shape[0], dtype=bool)
    return sop_truth(parse(text, conditions=conditions).level_terms(conditions), space)


def _is_negation(negated: str, expression: str, conditions: list[str]) -> bool:
    return np.array_equal(_truth(negated, conditions), ~_truth(expression, conditions))


def test_invert_takes_admiscs_first_minimal_sum() -> None:
    several = 0
    for case in REFERENCE["invert"]:
        conditions, r_all = case["conds"], case["r"]
        got = qca.invert(case["expr"], conditions)
        assert str(got) == r_all[0], case["expr"]
        several += len(r_all) > 1
        # every one of R's minimal sums is a true negation of the same size: a real choice
        sizes = {len(text.split(" + ")) for text in r_all}
        assert len(sizes) == 1 and all(_is_negation(t, case["expr"], conditions) for t in r_all)
    assert several == len(REFERENCE["invert"])  # every case has several minimal sums


def test_model_fit_negations_as_admisc_or_admisc_is_wrong() -> None:
    # every third pair (the test stays fast), and every negation admisc gets wrong
    equal = wrong_in_r = 0
    for number, case in enumerate(REFERENCE["modelfit"]):
        conditions = case["conds"]
        for side, key in (("theory", "negtheory"), ("model", "negexp")):
            expression, r_negation = case[side], case[key]
            if number % 3 and _is_negation(r_negation, expression, conditions):
                continue
            got = qca.invert(expression, conditions)
            assert _is_negation(str(got) if got.terms else "", expression, conditions)
            if str(got) == r_negation or (not r_negation and not got.terms):
                equal += 1
            else:
                # R's answer must be wrong here (not the complement), never merely another choice
                assert not _is_negation(r_negation, expression, conditions), (
                    expression,
                    r_negation,
                )
                wrong_in_r += 1
    assert equal >= 90 and wrong_in_r == 19, (equal, wrong_in_r)


def test_intersection_multiplied_out_as_admisc() -> None:
    checked = 0
    for case in REFERENCE["modelfit"]:
        conditions = case["conds"]
        if not case["negtheory"] or not case["negexp"]:
            continue  # a tautology: R intersects with "" (its region is then the other side)
        t, m, nt, nm = case["theory"], case["model"], case["negtheory"], case["negexp"]
        for (left, right), expected in zip(((t, m), (nt, m), (t, nm), (nt, nm)), case["regions"]):
            got = multiply_out(left, right, conditions=conditions)
            assert (str(got) if got.terms else "") == expected, (left, right)
            checked += 1
    assert checked >= 500


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("A + B", "~A + C", "~A*B + A*C + B*C"),
        ("A*B + ~A*B", "A*C", "A*B*C"),
        ("A", "A*B + C", "A*B + A*C"),
        ("A*~A", "B", ""),
    ],
)
def test_multiply_out_small(left: str, right: str, expected: str) -> None:
    got = multiply_out(left, right)
    assert (str(got) if got.terms else "") == expected
    # crisp truth: the conjunction
    names = sorted({c for c in "ABC" if c in left + right})
    assert np.array_equal(
        _truth(str(got) if got.terms else "", names),
        _truth(left, names) & _truth(right, names),
    )


def test_multiply_out_multivalue() -> None:
    got = multiply_out("A[0,1]*B[1] + A[2]", "A[1,2]", conditions=["A", "B"], noflevels=[3, 2])
    assert str(got) == "A[2] + A[1]*B[1]"
