"""Fit kernels against direct, per-case formulas (QCA_GUIDE section 3)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qca.fit import cov_n, cov_s, incl_n, incl_s, necessity_fit, pri, ron, sufficiency_fit

unit = st.floats(0, 1, allow_nan=False)


@st.composite
def pairs(draw):
    n = draw(st.integers(1, 30))
    x = draw(arrays(np.float64, n, elements=unit))
    y = draw(arrays(np.float64, n, elements=unit))
    return x, y


def _loop_fit(x, y):
    both = sum(min(a, b) for a, b in zip(x, y))
    xs, ys = sum(x), sum(y)
    also_not = sum(min(a, b, 1 - b) for a, b in zip(x, y))
    div = lambda p, q: np.nan if q == 0 else p / q  # noqa: E731
    return {
        "inclS": div(both, xs),
        "PRI": div(both - also_not, xs - also_not),
        "covS": div(both, ys),
        "inclN": div(both, ys),
        "RoN": div(sum(1 - a for a in x), sum(1 - min(a, b) for a, b in zip(x, y))),
        "covN": div(both, xs),
    }


@given(pairs())
def test_kernels_match_per_case_formulas(pair):
    x, y = pair
    expected = _loop_fit(x.tolist(), y.tolist())
    got = {**sufficiency_fit(x, y), **necessity_fit(x, y)}
    for key, value in expected.items():
        np.testing.assert_allclose(got[key], value, rtol=1e-12, atol=1e-12, err_msg=key)
    np.testing.assert_allclose(incl_s(x, y), got["inclS"])
    np.testing.assert_allclose(pri(x, y), got["PRI"])
    np.testing.assert_allclose(cov_s(x, y), got["covS"])
    np.testing.assert_allclose(incl_n(x, y), got["inclN"])
    np.testing.assert_allclose(ron(x, y), got["RoN"])
    np.testing.assert_allclose(cov_n(x, y), got["covN"])


@given(pairs())
def test_fit_figures_lie_in_unit_interval(pair):
    x, y = pair
    for value in {**sufficiency_fit(x, y), **necessity_fit(x, y)}.values():
        assert np.isnan(value) or -1e-12 <= value <= 1 + 1e-12


def test_many_sets_at_once_equals_one_at_a_time():
    rng = np.random.default_rng(1)
    x, y = rng.random((7, 40)), rng.random(40)
    batch = sufficiency_fit(x, y)
    for i in range(7):
        single = sufficiency_fit(x[i], y)
        for key in batch:
            assert batch[key][i] == pytest.approx(float(single[key]))


def test_zero_denominator_is_nan():
    fit = sufficiency_fit([0.0, 0.0], [1.0, 0.0])
    assert np.isnan(fit["inclS"]) and fit["covS"] == 0


def test_shape_mismatch_is_refused():
    with pytest.raises(ValueError, match="same number of cases"):
        incl_s([0.1, 0.2], [0.3])
