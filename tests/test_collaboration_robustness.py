"""The collaboration study's robustness figures, recomputed by brute force.

data/collaboration/robustness_summary.csv (written by data/collaboration/tools/robustness_summary.py
with qca.robustness) and the prose of narrative.toml quote figures over every completion of the
uncertain cells. Here a plain loop of qca.truth_table + qca.minimize over the same completions gives
them again; qca.robustness must agree with the loop, and the texts must quote the loop's numbers.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca.exceptions import QCAError

DATA = Path(__file__).resolve().parents[1] / "data" / "collaboration"
CONDITIONS = ["RESP", "PKG"]


def _summary() -> dict[str, dict[str, str]]:
    with open(DATA / "robustness_summary.csv", newline="", encoding="utf-8") as fh:
        return {row["variant"]: row for row in csv.DictReader(fh)}


def _shares(text: str) -> dict[str, float]:
    return {
        name.strip(): float(share)
        for name, share in (part.rsplit(" ", 1) for part in text.split("; "))
    }


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def test_narrative_quotes_are_verbatim_in_the_sources() -> None:
    text = (DATA / "narrative.toml").read_text(encoding="utf-8")
    sources = "".join(
        p.read_text(encoding="utf-8") for p in sorted((DATA / "sources").glob("*.txt"))
    )
    runs = [
        re.sub(r"^[,():;]+|[,():;]+$", "", r)
        for r in re.findall(r"[\u4e00-\u9fff“”‘’,。、:;!()]{4,}", text)
    ]
    assert len(runs) >= 10
    for run in runs:
        assert run in sources, run


def test_texts_quote_the_summary() -> None:
    base = _summary()["base: four-value sets, incl_cut 0.8"]
    shares = _shares(base["parsimonious"])
    narrative = (DATA / "narrative.toml").read_text(encoding="utf-8")
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for text in (narrative, readme):
        assert f"{int(base['completions']):,}" in text
        assert _percent(float(base["core_row"])) in text
        for model in ("PKG", "RESP", "RESP*PKG", "RESP | PKG", "none"):
            assert _percent(shares[model]) in text, model


def _completions() -> tuple[list[tuple[str, str]], list[pd.DataFrame]]:
    cases = pd.read_csv(DATA / "cases.csv", index_col="case")
    reference = pd.read_csv(DATA / "reference_completion.csv", index_col="case").astype(float)
    cells = [
        (c, v)
        for c in reference.index
        for v in CONDITIONS
        if cases.loc[c, f"{v}_lo"] != cases.loc[c, f"{v}_hi"]
    ]
    ranges = [
        range(int(cases.loc[c, f"{v}_lo"]), int(cases.loc[c, f"{v}_hi"]) + 1) for c, v in cells
    ]
    frames = []
    for combo in itertools.product(*ranges):
        raw = reference.copy()
        for (c, v), value in zip(cells, combo):
            raw.loc[c, v] = float(value)
        frames.append(raw)
    return cells, frames


@pytest.mark.slow
def test_robustness_figures_equal_a_brute_force_loop() -> None:
    cells, frames = _completions()
    assert len(frames) == 1728 and len(cells) == 7
    solutions: Counter[str] = Counter()
    core = necessary = relevant = 0
    failing: list[dict[tuple[str, str], float]] = []
    cache: dict[tuple, str] = {}
    for raw in frames:
        data = raw / 3  # the four-value sets of anchors.csv
        tt = qca.truth_table(data, "EFFECT", CONDITIONS, incl_cut=0.8)
        table = tt.table
        key = tuple(zip(table.index.tolist(), table["OUT"].astype(str).tolist()))
        if key not in cache:
            try:
                models = qca.minimize(tt, include="?").models
                cache[key] = " | ".join(m.expression for m in models)
            except QCAError:
                cache[key] = "none"
        solutions[cache[key]] += 1
        out = dict(key)
        if out.get(4) == "1":
            core += 1
        else:
            failing.append({cell: raw.loc[cell] for cell in cells})
        assert out.get(1) == "0"  # ~RESP*~PKG: observed and negative in every completion
        fit = qca.fit(data[["PKG"]], data, "EFFECT", relation="necessity").table.loc["PKG"]
        necessary += fit["inclN"] >= 0.9 - 1e-9
        relevant += fit["inclN"] >= 0.9 - 1e-9 and fit["RoN"] >= 0.6 - 1e-9
    n = len(frames)
    base = _summary()["base: four-value sets, incl_cut 0.8"]
    assert int(base["completions"]) == n
    assert float(base["core_row"]) == pytest.approx(core / n, abs=5e-4)
    recorded = _shares(base["parsimonious"])
    assert sorted(recorded) == sorted(solutions)
    for model, count in solutions.items():
        assert recorded[model] == pytest.approx(count / n, abs=5e-4), model
    # the pivotal cells named in the texts: the row fails only with F_city high and, besides,
    # TF_sessions at 2 or TF_bizenv at 3 in both conditions
    assert len(failing) == 31
    for values in failing:
        assert values[("F_city", "RESP")] >= 2 and values[("F_city", "PKG")] >= 2
        sessions = values[("TF_sessions", "RESP")] == values[("TF_sessions", "PKG")] == 2
        bizenv = values[("TF_bizenv", "RESP")] == values[("TF_bizenv", "PKG")] == 3
        assert sessions or bizenv, values
    narrative = (DATA / "narrative.toml").read_text(encoding="utf-8")
    assert _percent(necessary / n) in narrative and _percent(relevant / n) in narrative

    # qca.robustness agrees with the loop, variant by variant
    cases = pd.read_csv(DATA / "cases.csv", index_col="case")
    reference = frames[0].copy()
    coding = {
        cell: [
            float(cases.loc[cell[0], f"{cell[1]}_lo"]),
            float(cases.loc[cell[0], f"{cell[1]}_hi"]),
        ]
        for cell in cells
    }
    for cell in cells:
        reference.loc[cell] = float(cases.loc[cell[0], f"{cell[1]}_lo"])
    result = qca.robustness(
        reference,
        "EFFECT",
        CONDITIONS,
        calibration={
            v: {"thresholds": {"e": 0, "c": 1.5, "i": 3}, "logistic": False}
            for v in [*CONDITIONS, "EFFECT"]
        },
        incl_cut=0.8,
        coding=coding,
        progress=False,
    )
    frame = result.to_frame()
    assert len(frame) == n
    engine = Counter(
        s if st == "ok" and isinstance(s, str) and s else "none"
        for s, st in zip(frame["solution"], frame["status"])
    )
    assert engine == solutions
    assert np.isclose(
        sum("4" in str(p).split(",") for p in frame["positive_rows"].fillna("")) / n, core / n
    )

    # ... and so do the figures the study writes to results.json ([robustness] of the study file)
    from qca.study import load_study, run_study

    sweep = run_study(load_study(DATA / "collaboration.toml")).to_dict()["robustness"]
    completions = [
        v
        for v in sweep["variants"]
        if v["incl_cut"] == 0.8 and v["cases"] == "all" and v["conditions"] == "all"
    ]
    assert len(completions) == n == sweep["completions"]["total"]
    recorded_solutions = Counter(
        v["solution"] if v["status"] == "ok" and v["solution"] else "none" for v in completions
    )
    assert recorded_solutions == solutions
    assert sum("4" in v["positive_rows"].split(",") for v in completions) == core
