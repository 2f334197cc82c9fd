"""factorize, invert, to_pos: admisc's invert (tests/reference/r14/invert.json, made by
tests/reference/r14/invert.R) and membership preserved on every configuration."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import qca
from qca.expressions import equivalent, parse

REFERENCE = json.loads((Path(__file__).parent / "reference" / "r14" / "invert.json").read_text())


@pytest.mark.parametrize("expression", list(REFERENCE))
def test_invert_equals_admisc(expression) -> None:
    assert str(qca.invert(expression)) == REFERENCE[expression]


def test_factorize_examples() -> None:
    assert qca.factorize("A*B + A*C + B*D") == ["A*(B + C) + B*D", "B*(A + D) + A*C"]
    assert qca.factorize("A*B*C + A*B*D") == ["A*B*(C + D)"]
    assert qca.factorize("A + B") == ["A + B"]


def _grid(names):
    rows = list(itertools.product([0, 1], repeat=len(names)))
    return pd.DataFrame(rows, columns=names, dtype=float)


_LITERAL = st.tuples(st.sampled_from("ABCD"), st.booleans())
_TERM = st.lists(_LITERAL, min_size=1, max_size=3, unique_by=lambda lit: lit[0])
_SOP = st.lists(_TERM, min_size=1, max_size=5)


def _text(sop) -> str:
    return " + ".join(
        "*".join(("" if positive else "~") + name for name, positive in term) for term in sop
    )


@settings(max_examples=30, deadline=None)
@given(_SOP, st.lists(st.floats(0, 1), min_size=4, max_size=4))
def test_forms_preserve_membership_on_every_configuration(sop, fuzzy) -> None:
    text = _text(sop)
    names = sorted({name for term in sop for name, _ in term})
    grid = _grid(names)
    original = parse(text).membership(grid).to_numpy()
    assume(0 < original.sum() < original.size)  # constant expressions have no POS to parse
    fuzzy_row = pd.DataFrame([fuzzy[: len(names)]], columns=names)
    for form in qca.factorize(text):
        assert np.array_equal(parse(form).membership(grid).to_numpy(), original), form
        # factorizing is distributivity, which holds for fuzzy sets too
        assert parse(form).membership(fuzzy_row).to_numpy() == pytest.approx(
            parse(text).membership(fuzzy_row).to_numpy()
        )
    inverted = qca.invert(text).membership(grid).to_numpy()
    assert np.array_equal(inverted, 1 - original)
    assert np.array_equal(parse(qca.to_pos(text)).membership(grid).to_numpy(), original)
    assert equivalent(qca.to_pos(text), text)
