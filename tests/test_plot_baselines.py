"""Every plot of qca.plots against a stored baseline of what it draws.

The baseline (tests/baseline/plots.json) holds, per figure, the drawn coordinates and texts of
each Axes: points (offsets and colours), lines, patches, texts with their anchors and label
offsets, an image digest. They are compared numerically, not as pixels, so that the test does not
depend on fonts or the renderer. After a deliberate change of a plot, regenerate them with
``QCA_UPDATE_BASELINES=1 pytest tests/test_plot_baselines.py`` and look at the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from scipy import ndimage

import qca
from qca.plots.labels import label_boxes_overlap
from qca.plots.venn import region_codes, region_label_points

BASELINE = Path(__file__).parent / "baseline" / "plots.json"
UPDATE = os.environ.get("QCA_UPDATE_BASELINES") == "1"


def _r(values: Any) -> Any:
    return np.round(np.asarray(values, dtype=float), 4).tolist()


def describe(ax: Any) -> dict[str, Any]:
    """What an Axes draws, as plain data."""
    from matplotlib.patches import Circle, Polygon, Rectangle

    lines = []
    for line in ax.get_lines():
        x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        step = max(1, len(x) // 60)
        lines.append({"x": _r(x[::step]), "y": _r(y[::step]), "color": to_hex(line.get_color())})
    collections = []
    for coll in ax.collections:
        collections.append(
            {
                "offsets": _r(coll.get_offsets()),
                "colors": [to_hex(c) for c in coll.get_facecolors()],
            }
        )
    patches = []
    for patch in ax.patches:
        if isinstance(patch, Circle):
            patches.append({"circle": _r([*patch.center, patch.radius])})
        elif isinstance(patch, Rectangle):
            patches.append(
                {"rectangle": _r([*patch.get_xy(), patch.get_width(), patch.get_height()])}
            )
        elif isinstance(patch, Polygon):
            patches.append({"polygon": _r(patch.get_xy()), "color": to_hex(patch.get_facecolor())})
    texts = []
    for text in ax.texts:
        item: dict[str, Any] = {
            "text": text.get_text(),
            "at": _r(getattr(text, "xy", text.get_position())),
        }
        if hasattr(text, "xyann"):
            item["offset"] = _r(text.xyann)
        texts.append(item)
    images = []
    for image in ax.get_images():
        array = np.asarray(image.get_array(), dtype=float)
        digest = hashlib.sha256(np.round(array * 255).astype(np.uint8).tobytes()).hexdigest()
        images.append({"shape": list(array.shape), "sha256": digest})
    legend = ax.get_legend()
    return {
        "title": ax.get_title(),
        "xlabel": ax.get_xlabel(),
        "ylabel": ax.get_ylabel(),
        "lines": lines,
        "collections": collections,
        "patches": patches,
        "texts": texts,
        "images": images,
        "legend": [t.get_text() for t in legend.get_texts()] if legend else [],
        "xticklabels": [t.get_text() for t in ax.get_xticklabels()] if ax.name == "polar" else [],
    }


def _lf() -> tuple[pd.DataFrame, Any, Any, Any]:
    lf = qca.datasets.load("LF")
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    sol = qca.minimize(tt, include="?")
    inter = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    return lf, tt, sol, inter


def _crisp(k: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    names = [f"C{i}" for i in range(1, k + 1)]
    data = pd.DataFrame(rng.integers(0, 2, size=(40, k)), columns=names)
    data["Y"] = (data[names[0]] & data[names[min(1, k - 1)]]) | data[names[-1]]
    data.index = [f"case{i}" for i in range(1, 41)]
    return data


def _figures() -> dict[str, Callable[[], Any]]:
    lf, tt, sol, inter = _lf()
    return {
        "xy_plain": lambda: qca.plots.xy_plot("DEV*STB", lf, "SURV", title="DEV*STB"),
        "xy_enhanced_model": lambda: sol.plot_xy("M1", enhanced=True),
        "xy_enhanced_term": lambda: sol.plot_xy("M1", "URB*STB", enhanced=True),
        "xy_necessity_enhanced": lambda: qca.plots.xy_plot(
            "STB", lf, "SURV", relation="necessity", enhanced=True
        ),
        "xy_jitter": lambda: qca.plots.xy_plot("DEV*STB", lf, "SURV", jitter=0.02, seed=3),
        "xy_matrix": lambda: qca.plots.xy_matrix(sol, enhanced=True),
        "venn_truth_table_5": lambda: qca.plots.venn(tt),
        "venn_solution_5": lambda: qca.plots.venn(sol, text="row"),
        **{
            f"venn_truth_table_{k}": (
                lambda k=k: qca.plots.venn(qca.truth_table(_crisp(k), "Y", incl_cut=0.8))
            )
            for k in (1, 2, 3, 4, 6, 7)
        },
        "configuration_chart": lambda: qca.plots.configuration_chart(inter),
        "radar": lambda: qca.plots.radar("DEV*~IND", list(tt.conditions)),
    }


def _draw(name: str) -> list[dict[str, Any]]:
    drawn = _figures()[name]()
    axes = np.ravel(drawn) if isinstance(drawn, np.ndarray) else [drawn]
    try:
        return [describe(ax) for ax in axes if ax.get_visible()]
    finally:
        plt.close(axes[0].figure)


def _compare(got: Any, expected: Any, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(expected), where
        for key in expected:
            _compare(got[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), where
        for i, (g, e) in enumerate(zip(got, expected)):
            _compare(g, e, f"{where}[{i}]")
    elif isinstance(expected, float):
        assert got == pytest.approx(expected, abs=2e-4), where
    else:
        assert got == expected, where


@pytest.fixture(scope="module")
def baselines() -> dict[str, Any]:
    if UPDATE or not BASELINE.exists():
        stored = {name: _draw(name) for name in _figures()}
        BASELINE.write_text(
            json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(_figures()))
def test_plot_matches_its_baseline(name: str, baselines: dict[str, Any]) -> None:
    _compare(_draw(name), baselines[name], name)


# -- what the baselines rest on -------------------------------------------------------------------
def test_case_labels_do_not_overlap() -> None:
    lf, _, sol, _ = _lf()
    for ax in (sol.plot_xy(enhanced=True), qca.plots.xy_plot("DEV*STB", lf, "SURV")):
        assert len(ax.texts) >= 15
        assert not label_boxes_overlap(ax._qca_label_boxes)
        plt.close(ax.figure)


def test_enhanced_xy_colours_cases_by_role() -> None:
    _, _, sol, _ = _lf()
    ax = sol.plot_xy(enhanced=True)
    roles = qca.case_roles(sol)
    model = roles[roles.level == "model"].set_index("case")
    colors = ax.collections[0].get_facecolors()
    cases = sol.truth_table.memberships.index
    for case, color in zip(cases, colors):
        assert to_hex(color) == qca.plots.ROLE_COLORS[model.loc[case, "role"]]
    plt.close(ax.figure)


@pytest.mark.parametrize("n", range(1, 8))
def test_venn_regions_are_all_there_and_connected(n: int) -> None:
    codes = region_codes(n, 480)
    points = region_label_points(n, 480)
    for code in range(2**n):
        mask = codes == code
        assert mask.any(), code
        labels, _ = ndimage.label(mask, structure=np.ones((3, 3)))
        sizes = np.bincount(labels.ravel())[1:]
        # connected, up to specks of rasterisation where the cogwheels meet on the axes
        assert sizes.max() >= 0.97 * sizes.sum(), (code, sorted(sizes)[-3:])
        x, y = points[code]
        col = int((x + 1) / 2 * 480)
        row = int((1 - y) / 2 * 480)
        assert codes[row, col] == code


def test_venn_fills_regions_by_output() -> None:
    _, tt, _, _ = _lf()
    ax = qca.plots.venn(tt)
    image = np.asarray(ax.get_images()[0].get_array())
    codes = region_codes(5, 480)
    out = tt.table["OUT"]
    for row, value in out.items():
        rgb = image[codes == row - 1][0]
        expected = {"1": "#4d4d4d", "0": "#ffffff", "C": "#bababa"}[str(value)]
        assert to_hex(rgb) == expected
    plt.close(ax.figure)


def test_venn_refuses_more_than_seven_and_multivalue() -> None:
    data = _crisp(8)
    tt = qca.truth_table(data, "Y", incl_cut=0.8)
    with pytest.raises(qca.QCAError, match="1 to 7"):
        qca.plots.venn(tt)


def test_configuration_chart_core_and_peripheral() -> None:
    _, _, _, inter = _lf()
    chart = qca.configuration_chart(inter)
    # parsimonious: DEV*~IND + URB*STB; intermediate: DEV*URB*LIT*STB + DEV*LIT*~IND*STB
    assert chart.configurations == ("DEV*URB*LIT*STB", "DEV*LIT*~IND*STB")
    assert [chart.symbol(c, "DEV*URB*LIT*STB") for c in chart.conditions] == [
        "•",
        "●",
        "•",
        "",
        "●",
    ]
    assert [chart.symbol(c, "DEV*LIT*~IND*STB") for c in chart.conditions] == [
        "●",
        "",
        "•",
        "⨂",
        "•",
    ]
    frame = chart.to_frame()
    assert frame.loc["consistency", "1"] == pytest.approx(
        inter.models[0].term_fit["DEV*URB*LIT*STB"]["inclS"]
    )
    ax = chart.plot()
    circles = list(ax.patches)
    assert len(circles) == 8  # one per non-blank cell
    plt.close(ax.figure)
    with pytest.raises(qca.QCAError, match="parsimonious"):
        qca.configuration_chart(
            qca.minimize(qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8))
        )


def test_radar_values() -> None:
    ax = qca.plots.radar("DEV*~IND", ["DEV", "URB", "LIT", "IND", "STB"])
    assert list(ax.lines[0].get_ydata()) == [1.0, 0.5, 0.5, 0.0, 0.5, 1.0]
    plt.close(ax.figure)
    with pytest.raises(qca.QCAError, match="one conjunction"):
        qca.plots.radar("A + B", ["A", "B", "C"])
