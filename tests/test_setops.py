import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qca import QCAError, fuzzy_and, fuzzy_or, negate

vec = st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=20)


@given(vec)
def test_de_morgan_and_involution(values):
    a = np.array(values)
    b = a[::-1].copy()
    np.testing.assert_allclose(negate(fuzzy_and(a, b)), fuzzy_or(negate(a), negate(b)))
    np.testing.assert_allclose(negate(negate(a)), a, atol=1e-15)


def test_series_in_series_out_and_inputs_untouched():
    a = pd.Series([0.2, 0.8], index=["x", "y"], name="A")
    b = pd.Series([0.5, 0.6], index=["x", "y"], name="B")
    before = a.copy()
    result = fuzzy_and(a, b)
    assert isinstance(result, pd.Series) and list(result.index) == ["x", "y"]
    assert result.tolist() == [0.2, 0.6]
    pd.testing.assert_series_equal(a, before)


def test_errors_name_the_problem():
    with pytest.raises(QCAError, match=r"argument 2 has values outside \[0, 1\]: 1.3"):
        fuzzy_or([0.1], [1.3])
    with pytest.raises(QCAError, match="different index"):
        fuzzy_and(pd.Series([0.1], index=["a"]), pd.Series([0.1], index=["b"]))
    with pytest.raises(QCAError, match="missing values"):
        negate([np.nan])
