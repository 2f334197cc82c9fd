"""Write data/collaboration/robustness_summary.csv: the study's result over every completion.

Each row is one analysis choice (base, another consistency threshold, the logistic calibration, one
source left out), run by :func:`qca.robustness` over every completion of the uncertain cells of
cases.csv (each interval cell takes every score of its range). Columns:

* ``variant``, ``completions`` (variants run);
* ``core_row``: share of completions in which the row RESP*PKG is observed and positive;
* ``parsimonious``: the parsimonious solutions and their shares (``|`` separates the models of
  one ambiguous solution; ``none`` = no positive row), most frequent first.

tests/test_collaboration_robustness.py recomputes every figure with a plain loop of
``qca.truth_table`` + ``qca.minimize``. Run from the repository root:

    python data/collaboration/tools/robustness_summary.py
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd

import qca

FOLDER = Path(__file__).resolve().parents[1]
CONDITIONS = ["RESP", "PKG"]
OUTCOME = "EFFECT"


def study_data() -> tuple[pd.DataFrame, dict[tuple[str, str], list[float]]]:
    """The reference completion with a ``source`` column, and the interval cells."""
    cases = pd.read_csv(FOLDER / "cases.csv", index_col="case")
    data = pd.read_csv(FOLDER / "reference_completion.csv", index_col="case").astype(float)
    data["source"] = cases.loc[data.index, "seed"].str[:3]
    coding = {
        (case, v): [float(cases.loc[case, f"{v}_lo"]), float(cases.loc[case, f"{v}_hi"])]
        for case in data.index
        for v in CONDITIONS
        if cases.loc[case, f"{v}_lo"] != cases.loc[case, f"{v}_hi"]
    }
    return data, coding


def calibration(logistic: bool) -> dict[str, dict]:
    return {
        v: {"thresholds": {"e": 0, "c": 1.5, "i": 3}, "logistic": logistic}
        for v in [*CONDITIONS, OUTCOME]
    }


def summarise(frame: pd.DataFrame) -> dict[str, str]:
    n = len(frame)
    positive = frame["positive_rows"].fillna("").astype(str).str.split(",")
    solutions = Counter(
        s if isinstance(s, str) and s and st == "ok" else "none"
        for s, st in zip(frame["solution"], frame["status"])
    )
    ranked = sorted(solutions.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "completions": str(n),
        "core_row": f"{sum('4' in p for p in positive) / n:.3f}",
        "parsimonious": "; ".join(f"{s} {c / n:.3f}" for s, c in ranked),
    }


def variants() -> list[tuple[str, pd.DataFrame]]:
    data, coding = study_data()
    common = {"coding": coding, "include": "?", "progress": False}
    out = []
    base = qca.robustness(
        data, OUTCOME, CONDITIONS, calibration=calibration(False), incl_cut=0.8, **common
    )
    out.append(("base: four-value sets, incl_cut 0.8", base.to_frame()))
    for cut in (0.7, 0.75, 0.85, 0.9):
        r = qca.robustness(
            data, OUTCOME, CONDITIONS, calibration=calibration(False), incl_cut=cut, **common
        )
        out.append((f"incl_cut {cut}", r.to_frame()))
    r = qca.robustness(
        data, OUTCOME, CONDITIONS, calibration=calibration(True), incl_cut=0.8, **common
    )
    out.append(("logistic calibration", r.to_frame()))
    for source in sorted(set(data["source"])):
        kept = data[data["source"] != source]
        kept_coding = {k: v for k, v in coding.items() if k[0] in kept.index}
        r = qca.robustness(
            kept,
            OUTCOME,
            CONDITIONS,
            calibration=calibration(False),
            incl_cut=0.8,
            **{**common, "coding": kept_coding},
        )
        out.append((f"source {source} left out", r.to_frame()))
    return out


def main() -> None:
    rows = [{"variant": name, **summarise(frame)} for name, frame in variants()]
    with open(FOLDER / "robustness_summary.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
