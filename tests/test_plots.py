"""qca.plots: XY plots drawn with the Agg backend (no display needed)."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from qca.exceptions import QCAError
from qca.fit import sufficiency_fit
from qca.plots import model_xy, xy


def _axes():
    return Figure().add_subplot()


def test_xy_returns_axes_with_fit_in_title_and_diagonal():
    x = pd.Series([0.2, 0.7, 0.9], index=["AU", "BE", "CZ"], name="DEV")
    y = pd.Series([0.4, 0.8, 0.6], index=["AU", "BE", "CZ"], name="SURV")
    ax = xy(x, y, ax=_axes(), title="DEV -> SURV")
    assert ax.get_title() == "DEV -> SURV\ninclS = 0.833, PRI = 0.700, covS = 0.833"
    assert ax.get_xlabel() == "DEV" and ax.get_ylabel() == "SURV"
    # the diagonal y = x
    lines = [line for line in ax.get_lines() if list(line.get_xdata()) == [0, 1]]
    assert lines and list(lines[0].get_ydata()) == [0, 1]
    # case labels from the index, at the points
    texts = {t.get_text(): t.xy for t in ax.texts}
    assert texts == {"AU": (0.2, 0.4), "BE": (0.7, 0.8), "CZ": (0.9, 0.6)}
    offsets = ax.collections[0].get_offsets()
    np.testing.assert_allclose(offsets, [[0.2, 0.4], [0.7, 0.8], [0.9, 0.6]])


def test_xy_labels_options():
    assert [t.get_text() for t in xy([0.1, 0.9], [0.2, 0.3], ax=_axes(), labels=True).texts] == [
        "1",
        "2",
    ]
    assert list(xy([0.1, 0.9], [0.2, 0.3], ax=_axes()).texts) == []
    s = pd.Series([0.1, 0.9], index=["a", "b"])
    assert list(xy(s, s, ax=_axes(), labels=False).texts) == []
    assert [t.get_text() for t in xy(s, s, ax=_axes(), labels=["p", "q"]).texts] == ["p", "q"]


def test_cases_at_the_same_point_share_a_label():
    ax = xy([0.2, 0.2, 0.9], [0.3, 0.3, 0.9], ax=_axes(), labels=["a", "b", "c"])
    assert sorted(t.get_text() for t in ax.texts) == ["a, b", "c"]


def test_xy_without_ax_makes_a_figure():
    import matplotlib.pyplot as plt

    ax = xy([0.1, 0.9], [0.2, 0.3])
    assert ax.figure is not None
    plt.close(ax.figure)


def test_xy_undefined_consistency_is_na():
    assert (
        xy([0.0, 0.0], [0.2, 0.3], ax=_axes()).get_title() == "inclS = NA, PRI = NA, covS = 0.000"
    )


def test_model_xy_labels_x_axis_with_expression():
    m = pd.Series([0.2, 0.8], index=["AU", "BE"])
    y = pd.Series([0.1, 0.9], index=["AU", "BE"], name="SURV")
    ax = model_xy(m, y, expression="DEV*~IND", ax=_axes())
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("DEV*~IND", "SURV")


@pytest.mark.parametrize(
    ("x", "y", "labels", "match"),
    [
        (
            [0.1, 1.3],
            [0.2, 0.3],
            None,
            r"xy\(\): `x` has values outside \[0, 1\]: 1.3 \(position 1\)",
        ),
        ([0.1, 0.2], [0.2, np.nan], None, r"`y` has values outside \[0, 1\]: nan \(position 1\)"),
        ([0.1, 0.2], [0.2], None, r"`x` has 2 cases but `y` has 1"),
        ([], [], None, "hold no cases"),
        (["a", "b"], [0.1, 0.2], None, r"`x` must hold numbers"),
        ([[0.1]], [[0.2]], None, "must be one-dimensional"),
        ([0.1, 0.2], [0.1, 0.2], ["a"], "`labels` has 1 names for 2 cases"),
        ([0.1, 0.2], [0.1, 0.2], "ab", "`labels` must be a sequence"),
    ],
)
def test_xy_errors(x, y, labels, match):
    with pytest.raises(QCAError, match=match):
        xy(x, y, ax=_axes(), labels=labels)


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=12))
def test_xy_title_matches_fit_kernels(points):
    x, y = (np.array(v) for v in zip(*points))
    ax = xy(x, y, ax=_axes())
    fit = sufficiency_fit(x, y)
    expected = [
        "NA" if np.isnan(v) else f"{float(v):.3f}" for v in (fit["inclS"], fit["PRI"], fit["covS"])
    ]
    assert ax.get_title() == f"inclS = {expected[0]}, PRI = {expected[1]}, covS = {expected[2]}"
    assert len(ax.collections[0].get_offsets()) == len(points)
