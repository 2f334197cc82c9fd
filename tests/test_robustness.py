"""qca.robustness: the sweep against a plain loop of truth_table + minimize, completions,
determinism across backends, the Oana & Schneider figures."""

from __future__ import annotations

import itertools
import json
import math
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest

import qca
from qca.exceptions import QCAError, QCAWarning
from qca.robustness import robustness_figures

LF = qca.datasets.load("LF")
LR = qca.datasets.load("LR")
LR_CALIBRATION = {
    "DEV": {"thresholds": {"e": 350, "c": 550, "i": 850}},
    "URB": {"thresholds": {"e": 10, "c": 50, "i": 80}},
    "LIT": {"thresholds": {"e": 50, "c": 75, "i": 95}},
    "IND": {"thresholds": {"e": 10, "c": 30, "i": 45}},
    "STB": {"thresholds": {"e": 15, "c": 10.5, "i": 5}},
    "SURV": {"thresholds": {"e": -9, "c": 0, "i": 9}},
}


def plain_solution(data, outcome, conditions, **cuts) -> str:
    """The oracle: one truth_table + minimize, as a user would write it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", QCAWarning)
            tt = qca.truth_table(data, outcome, list(conditions), **cuts)
            solution = qca.minimize(tt, include="?")
    except QCAError as error:
        return f"({type(error).__name__})"
    return " | ".join(m.expression for m in solution.models)


def status_free(text: str) -> str:
    return text.split(":")[0] + ")" if text.startswith("(") else text


def test_sweep_equals_plain_loop_on_lf():
    result = qca.robustness(
        LF,
        "SURV",
        incl_cut=0.8,
        incl_cuts=[0.7, 0.9],
        pri_cuts=[0, 0.7],
        leave_one_out=True,
        cross=False,
    )
    frame = result.to_frame()
    assert len(frame) == 1 + 2 + 1 + 18 == result.n_variants
    counts: Counter[str] = Counter()
    solved = 0
    for row in frame.itertuples():
        data = LF if row.cases == "all" else LF.drop(index=row.cases[1:])
        expected = plain_solution(
            data, "SURV", LF.columns[:5], incl_cut=row.incl_cut, pri_cut=row.pri_cut
        )
        if expected.startswith("("):
            assert row.status != "ok"
            continue
        assert row.solution == expected, row
        solved += 1
        counts.update({t for model in expected.split(" | ") for t in model.split(" + ")})
    assert solved == result.n_solved
    assert result.term_frequency == {t: c / solved for t, c in counts.items()}
    # cheap variants: far fewer problems than variants
    assert result.n_problems < result.n_variants / 2


def test_calibration_anchors_equal_plain_loop():
    result = qca.robustness(
        LR,
        "SURV",
        ["DEV", "URB", "LIT", "IND", "STB"],
        calibration=LR_CALIBRATION,
        incl_cut=0.8,
        anchors={"DEV": {"c": [500, 550, 600]}, "STB": {"c": {"from": 9.5, "to": 11.5, "by": 1}}},
        incl_cuts=[0.75, 0.8],
    )
    frame = result.to_frame()
    assert result.n_variants == 3 * 3 * 2
    for row in frame.itertuples():
        calibrated = pd.DataFrame(index=LR.index)
        for column, spec in LR_CALIBRATION.items():
            thresholds = dict(spec["thresholds"])
            if column == "DEV":
                thresholds["c"] = frame.loc[row.Index, "DEV.c"]
            if column == "STB":
                thresholds["c"] = frame.loc[row.Index, "STB.c"]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", QCAWarning)
                calibrated[column] = qca.calibrate(LR[column], thresholds=thresholds)
        expected = plain_solution(calibrated, "SURV", list(LR.columns[:5]), incl_cut=row.incl_cut)
        if expected.startswith("("):
            assert row.status != "ok"
        else:
            assert row.solution == expected
    assert "DEV.c" in result.sensitivity and "STB.c" in result.sensitivity
    # one calibration per anchor combination, whatever the cut
    assert result.n_calibrations == 9


def test_robust_core_is_in_every_model():
    result = qca.robustness(LF, "SURV", incl_cut=0.75, incl_cuts=[0.7, 0.75], bootstrap=5)
    core = set(result.robust_core)
    for i, status in enumerate(result.to_frame()["status"]):
        if status == "ok":
            for expression, _ in result.models(i):
                assert core <= set(expression.split(" + "))


def test_model_fit_equals_minimize():
    result = qca.robustness(LF, "SURV", incl_cut=0.8, leave_one_out=True)
    frame = result.to_frame()
    row = frame.loc[frame["cases"] == "-BE"].iloc[0]
    tt = qca.truth_table(LF.drop(index="BE"), "SURV", incl_cut=0.8)
    solution = qca.minimize(tt, include="?")
    models = result.models(int(row.name))
    assert [m.expression for m in solution.models] == [e for e, _ in models]
    for model, (_, fit) in zip(solution.models, models):
        for key in ("inclS", "PRI", "covS"):
            assert math.isclose(model.fit[key], fit[key], rel_tol=1e-12)


def test_completions_enumerate_every_combination():
    data = pd.DataFrame(
        {
            "A": [[0, 2], 1, 0, 3, {1, 3}],
            "B": [1, np.nan, 0, 1, 0],
            "Y": [1, 1, 0, 1, 0],
        },
        index=["a", "b", "c", "d", "e"],
    )
    result = qca.robustness(
        data,
        "Y",
        ["A", "B"],
        calibration={"A": {"thresholds": [1.5], "type": "crisp"}},
        incl_cut=1,
    )
    completions = result.completions
    cells = [(c["case"], c["column"], tuple(c["values"])) for c in completions["cells"]]
    assert cells == [("a", "A", (0.0, 1.0, 2.0)), ("b", "B", (0.0, 1.0)), ("e", "A", (1.0, 3.0))]
    assert completions["total"] == 12 and completions["swept"] == 12
    assert not completions["sampled"]
    swept = {tuple(v) for v in _completion_values(result)}
    assert swept == set(itertools.product((0.0, 1.0, 2.0), (0.0, 1.0), (1.0, 3.0)))
    # the base value of a cell is the lower median of its alternatives
    assert [c["base"] for c in completions["cells"]] == [1.0, 0.0, 1.0]


def _completion_values(result):
    frame = result.to_frame()
    columns = [f"{c['case']}/{c['column']}" for c in result.completions["cells"]]
    return frame[columns].itertuples(index=False)


def test_sampled_completions_are_seeded():
    data = pd.DataFrame(
        {"A": [[0, 3]] * 6 + [3, 0], "Y": [1, 0, 1, 0, 1, 0, 1, 0]},
        index=list("abcdefgh"),
    )
    kwargs = {
        "calibration": {"A": {"thresholds": [1.5], "type": "crisp"}},
        "max_completions": 1000,
        "n_samples": 12,
        "incl_cut": 0.5,
    }
    first = qca.robustness(data, "Y", ["A"], seed=3, **kwargs)
    again = qca.robustness(data, "Y", ["A"], seed=3, **kwargs)
    other = qca.robustness(data, "Y", ["A"], seed=4, **kwargs)
    assert first.completions["sampled"] and first.completions["total"] == 4**6
    # the base, at most 12 draws and each of the 6 x 3 one-cell changes from the base
    assert first.completions["swept"] <= 1 + 12 + 18
    base = tuple(c["base"] for c in first.completions["cells"])
    columns = [f"{c['case']}/{c['column']}" for c in first.completions["cells"]]
    swept = {tuple(r) for r in first.to_frame()[columns].itertuples(index=False)}
    for position in range(6):
        for value in (0.0, 1.0, 2.0, 3.0):
            assert (*base[:position], value, *base[position + 1 :]) in swept
    assert json.dumps(first.to_dict()) == json.dumps(again.to_dict())
    assert json.dumps(first.to_dict()) != json.dumps(other.to_dict())


def test_backends_give_identical_dicts():
    kwargs = {"incl_cut": 0.8, "incl_cuts": [0.7, 0.8, 0.9], "leave_one_out": True}
    result = qca.robustness(LF, "SURV", **kwargs)
    assert result.n_problems >= 4  # enough tasks for two workers (fewer run serially)
    serial = json.dumps(result.to_dict())
    parallel = json.dumps(qca.robustness(LF, "SURV", n_jobs=2, **kwargs).to_dict())
    assert serial == parallel


def test_dask_local_cluster_gives_identical_dict():
    distributed = pytest.importorskip("dask.distributed")
    kwargs = {"incl_cut": 0.8, "incl_cuts": [0.8, 0.9], "leave_one_out": True}
    serial = json.dumps(qca.robustness(LF, "SURV", **kwargs).to_dict())
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_client = json.dumps(qca.robustness(LF, "SURV", backend=client, **kwargs).to_dict())
        current = json.dumps(qca.robustness(LF, "SURV", backend="dask", **kwargs).to_dict())
    assert serial == on_client == current


def test_one_at_a_time_and_sensitivity():
    result = qca.robustness(
        LF,
        "SURV",
        incl_cut=0.8,
        incl_cuts={"from": 0.6, "to": 1, "by": 0.05},
        n_cuts=[1, 2],
        cross=False,
    )
    assert result.n_variants == 1 + 8 + 1
    sens = result.sensitivity["incl_cut"]
    assert sens["low"] <= 0.8 <= sens["high"]
    for value in sens["tested"]:
        tt_solution = plain_solution(LF, "SURV", LF.columns[:5], incl_cut=value)
        same = tt_solution == result.base["solution"]
        assert same == (sens["low"] <= value <= sens["high"]) or not same


def test_leave_condition_out_and_groups():
    data = LF.assign(
        region=[
            "w",
            "w",
            "e",
            "e",
            "n",
            "w",
            "w",
            "e",
            "e",
            "s",
            "w",
            "s",
            "s",
            "e",
            "s",
            "n",
            "w",
            "e",
        ]
    )
    result = qca.robustness(
        data,
        "SURV",
        list(LF.columns[:5]),
        incl_cut=0.8,
        leave_condition_out=True,
        leave_group_out="region",
        cross=False,
    )
    labels = set(result.to_frame()["cases"]) | set(result.to_frame()["conditions"])
    assert {"-region=w", "-region=n", "-DEV", "-STB"} <= labels
    for row in result.to_frame().itertuples():
        conds = [c for c in LF.columns[:5] if f"-{c}" != row.conditions]
        sub = data if row.cases == "all" else data[data.region != row.cases.split("=")[1]]
        expected = plain_solution(sub, "SURV", conds, incl_cut=0.8)
        if not expected.startswith("("):
            assert row.solution == expected


def test_figures_by_hand():
    f = robustness_figures(
        np.array([0.9, 0.8, 0.2, 0.1]),
        np.array([[0.9, 0.3, 0.2, 0.7]]),
        np.array([1.0, 1, 0, 1]),
        ("a", "b", "c", "d"),
    )
    core = np.minimum([0.9, 0.8, 0.2, 0.1], [0.9, 0.3, 0.2, 0.7])
    assert math.isclose(f.RF_cov, (core.sum() - 0.2) / 3 / ((0.9 + 0.8 + 0.1) / 3))
    assert f.case_classes["robust typical"] == ("a",)
    assert f.case_classes["shaky typical"] == ("b",)
    assert f.case_classes["possible typical"] == ("d",)
    assert f.RCC_rank == 4


def test_bad_input_names_the_argument():
    with pytest.raises(QCAError, match="anchors"):
        qca.robustness(LR, "SURV", calibration=LR_CALIBRATION, anchors={"DEV": {"x": [1]}})
    with pytest.raises(QCAError, match="incl_cuts"):
        qca.robustness(LF, "SURV", incl_cuts=[1.5])
    with pytest.raises(QCAError, match="leave_group_out"):
        qca.robustness(LF, "SURV", leave_group_out="nope")


def test_views():
    result = qca.robustness(LF, "SURV", incl_cut=0.8, incl_cuts=[0.8, 0.9])
    assert repr(result).startswith("<RobustnessResult: 2 variants")
    assert "robust core" in str(result)
    assert "<table" in result._repr_html_()
    json.dumps(result.to_dict())


def test_plots():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = qca.robustness(
        LR,
        "SURV",
        list(LR.columns[:5]),
        calibration=LR_CALIBRATION,
        incl_cut=0.8,
        anchors={"DEV": {"c": [500, 550, 600]}},
        incl_cuts=[0.75, 0.8, 0.85],
    )
    ax = result.plot("terms")
    assert len(ax.patches) == len(result.term_frequency)
    ax = result.plot("heatmap", x="incl_cut", y="DEV.c")
    image = ax.images[0].get_array()
    from qca.robustness.plots import sensitivity_map

    table = sensitivity_map(result, "incl_cut", "DEV.c")
    assert np.array_equal(np.asarray(image), table.to_numpy())
    assert table.loc[550.0, 0.8] == 1.0  # the base keeps the base solution
    ax = result.plot("core")
    assert len(ax.collections[0].get_offsets()) == len(LR)
    with pytest.raises(QCAError, match="factor"):
        result.plot("heatmap", x="incl_cut", y="nope")
    plt.close("all")


def test_oana_schneider_payf_example():
    """SetMethods' own worked example of rob.fit / rob.cases (PAYF): every figure and case class."""
    from pathlib import Path

    folder = Path(__file__).parent / "reference" / "robustness"
    reference = json.loads((folder / "payf_setmethods.json").read_text())
    payf = pd.read_csv(folder / "PAYF.csv", index_col=0)
    result = qca.robustness(
        payf,
        "HL",
        ["HE", "GG", "AH", "HI", "HW"],
        incl_cut=0.87,
        n_cut=2,
        incl_cuts=[0.7, 0.87],
        n_cuts=[1, 2],
        cross=False,
    )
    assert list(result.to_frame()["solution"]) == list(reference["solutions"].values())
    figures = result.figures
    assert figures is not None and figures.n_test == 2
    for key, value in reference["rob.fit (rounded to 3 digits by SetMethods)"].items():
        assert round(getattr(figures, key), 3) == value, key
    for key, value in reference["rob.corefit"].items():
        assert round(figures.core_fit[key], 3) == value, key
    parameters = reference["rob.cases CaseParameters"]
    assert round(figures.RCR_typ, 3) == parameters["RCR_typ"]
    assert round(figures.RCR_dev, 3) == parameters["RCR_dev"]
    assert figures.RCC_rank == parameters["RCC_rank"]
    for name, cases in reference["rob.cases CaseTypes"].items():
        assert set(figures.case_classes[name]) == set(cases.split(",")), name


def test_row_order_does_not_change_the_result():
    kwargs = {"incl_cut": 0.8, "incl_cuts": [0.8, 0.9], "leave_one_out": True, "bootstrap": 3}
    first = json.dumps(qca.robustness(LF, "SURV", **kwargs).to_dict())
    shuffled = LF.sample(frac=1, random_state=1)
    assert json.dumps(qca.robustness(shuffled, "SURV", **kwargs).to_dict()) == first


def test_necessity_shares_equal_a_plain_loop():
    result = qca.robustness(LF, "SURV", incl_cut=0.8, leave_one_out=True)
    labels = list(result.necessity)
    assert "DEV + URB + IND" in labels and "~STB" in labels
    passes = Counter()
    cases = ["all"] + [f"-{name}" for name in LF.index]
    for label in cases:
        data = LF if label == "all" else LF.drop(index=label[1:])
        y = data["SURV"].to_numpy()
        for name in labels:
            x = qca.expressions.parse(name).membership(data).to_numpy()
            if np.minimum(x, y).sum() / y.sum() + 1e-12 >= 0.9:
                passes[name] += 1
    assert dict(result.necessity) == {name: passes[name] / len(cases) for name in labels}


def test_progress_bar_and_interrupt(capsys):
    from qca.robustness.engine import run_tasks

    qca.robustness(LF, "SURV", incl_cut=0.8, incl_cuts=[0.8, 0.9], progress=True)
    assert "minimizations" in capsys.readouterr().err

    def interrupted(task):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_tasks(interrupted, [1, 2], n_jobs=1, backend=None, progress=False, description="x")


@pytest.mark.parametrize(
    "options", [{"include": "?", "dir_exp": ["DEV", "URB", "LIT", "IND", "STB"]}, {"include": ""}]
)
def test_intermediate_and_conservative_sweeps(options):
    result = qca.robustness(LF, "SURV", incl_cut=0.8, incl_cuts=[0.75, 0.8, 0.85], **options)
    for row in result.to_frame().itertuples():
        solution = qca.minimize(qca.truth_table(LF, "SURV", incl_cut=row.incl_cut), **options)
        assert row.solution == " | ".join(m.expression for m in solution.models)
