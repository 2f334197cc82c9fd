"""Integrity of the collaboration data set (data/collaboration/, coding version 2).

The data set codes published Chinese case studies; these tests make every score traceable: each
codebook quote must occur verbatim in the copy of its source kept in data/collaboration/sources/
(read from the repository, never from /work/shared, so they run on a clean clone); every
(case, variable) of cases.csv has exactly one codebook row with the same score and range; every
cell has an evidence grade, and only case-level evidence gives a point score (type- or
general-level evidence, or none, gives an interval with a reason); the outcome is never imputed and
decides which cases are analysed; the package macro-condition is the median of its three parts;
every change from coding version 1 is explained; the anchors keep every raw score off the
crossover; and the reference completion is the documented one.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca

DATA = Path(__file__).resolve().parents[1] / "data" / "collaboration"
SOURCES = DATA / "sources"
SEP = " [...] "  # joins the excerpts of one quote (documented in the README)
SCALE = {0, 1, 2, 3}
MISSING_NOTE = "not described in the source"
GRADES = {"case", "type", "general", "none"}
VARIABLES = ["RESP", "ATTN", "ASSESS", "ENTITY", "EFFECT", "INCENT", "PRESS"]
PACKAGE = ("ATTN", "ASSESS", "ENTITY")  # PKG = median: at least two of the three at that level
OUTCOME = "EFFECT"


def _read_csv(name: str) -> list[dict[str, str]]:
    # keep_default_na-free reading: an empty cell must stay "" (missing), never become NaN silently
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def cases() -> list[dict[str, str]]:
    return _read_csv("cases.csv")


@pytest.fixture(scope="module")
def codebook() -> list[dict[str, str]]:
    return _read_csv("codebook.csv")


@pytest.fixture(scope="module")
def anchors() -> list[dict[str, str]]:
    return _read_csv("anchors.csv")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))}


def quote_pieces(quote: str) -> list[str]:
    """Split a codebook quote into its verbatim excerpts."""
    return quote.split(SEP)


def quote_found(quote: str, text: str) -> bool:
    """True when every excerpt of `quote` occurs verbatim (exact substring) in `text`."""
    pieces = quote_pieces(quote)
    return bool(quote) and all(piece and piece in text for piece in pieces)


# --------------------------------------------------------------------------- sources


def test_sources_are_the_four_published_texts_unchanged() -> None:
    sums = (SOURCES / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    expected = dict(reversed(line.split("  ", 1)) for line in sums if line.strip())
    assert sorted(expected) == sorted(p.name for p in SOURCES.glob("*.txt"))
    assert len(expected) == 4
    for name, digest in expected.items():
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name


# --------------------------------------------------------------------------- cases.csv


def test_cases_layout(cases: list[dict[str, str]], texts: dict[str, str]) -> None:
    header = list(cases[0])
    bounds = [f"{v}_{end}" for v in [*VARIABLES, "PKG"] for end in ("lo", "hi")]
    assert header == ["case", "seed", "label", "analysed", *VARIABLES, "PKG", *bounds]
    ids = [row["case"] for row in cases]
    assert len(ids) == len(set(ids))
    for row in cases:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{1,23}", row["case"]), row["case"]
        assert row["seed"] in texts, row["seed"]
        assert row["label"].strip() and row["label"].isascii(), row["case"]
        for v in [*VARIABLES, "PKG"]:
            point, lo, hi = row[v], row[f"{v}_lo"], row[f"{v}_hi"]
            if v == OUTCOME and lo == "":
                assert point == "" and hi == "", row["case"]  # outcome missing: no range
                continue
            assert int(lo) in SCALE and int(hi) in SCALE and int(lo) <= int(hi), (row["case"], v)
            assert point == "" or int(point) == int(lo) == int(hi), (row["case"], v)
    for required in ("A_city", "B_district", "C_county", "X_county", "J_district", "F_city"):
        assert required in ids


def test_every_case_with_an_outcome_is_analysed_and_no_other(cases: list[dict[str, str]]) -> None:
    for row in cases:
        assert row["analysed"] == ("yes" if row[OUTCOME] != "" else "no"), row["case"]
        # the outcome is a point or missing, never an interval (it is never imputed)
        assert row[OUTCOME] != "" or row[f"{OUTCOME}_lo"] == "", row["case"]
    assert sum(row["analysed"] == "yes" for row in cases) == 9
    assert sorted(r["case"] for r in cases if r["analysed"] == "no") == [
        "TF_coldchain",
        "TF_egov",
        "TF_employment",
    ]


def test_package_is_the_median_of_its_parts(cases: list[dict[str, str]]) -> None:
    # median(a, b, c) = (a*b) + (a*c) + (b*c) for fuzzy sets: "at least two of the three"; it is
    # monotone, so the range of the median over every completion of the parts is [median of the
    # lower bounds, median of the upper bounds] and every integer in between is reached
    for row in cases:
        for end in ("lo", "hi"):
            parts = sorted(int(row[f"{v}_{end}"]) for v in PACKAGE)
            assert int(row[f"PKG_{end}"]) == parts[1], (row["case"], end)
        lo, hi = int(row["PKG_lo"]), int(row["PKG_hi"])
        assert row["PKG"] == (str(lo) if lo == hi else ""), row["case"]
        reached = {
            sorted(combo)[1]
            for combo in itertools.product(
                *(range(int(row[f"{v}_lo"]), int(row[f"{v}_hi"]) + 1) for v in PACKAGE)
            )
        }
        assert reached == set(range(lo, hi + 1)), row["case"]


def test_cases_read_by_pandas_as_numbers_with_missing_as_nan() -> None:
    frame = pd.read_csv(DATA / "cases.csv", index_col="case")
    for v in VARIABLES:
        assert frame[v].dtype == np.float64  # integers with NaN for uncertain or missing cells
        assert set(frame[v].dropna().unique()) <= SCALE
    assert frame.loc["F_city", "RESP"] != frame.loc["F_city", "RESP"]  # NaN: stays missing
    assert frame.loc["F_city", "RESP_lo"] == 0 and frame.loc["F_city", "RESP_hi"] == 3


# --------------------------------------------------------------------------- codebook.csv

CODEBOOK_COLUMNS = [
    "case",
    "variable",
    "score",
    "lo",
    "hi",
    "grade",
    "seed_file",
    "quote",
    "gloss",
    "reasoning",
    "change",
]


def test_codebook_has_exactly_one_row_per_case_and_variable(
    cases: list[dict[str, str]], codebook: list[dict[str, str]]
) -> None:
    assert list(codebook[0]) == CODEBOOK_COLUMNS
    keys = [(row["case"], row["variable"]) for row in codebook]
    expected = [(c["case"], v) for c in cases for v in VARIABLES]
    assert sorted(keys) == sorted(expected)
    assert len(keys) == len(set(keys))


def test_codebook_scores_and_ranges_equal_cases(
    cases: list[dict[str, str]], codebook: list[dict[str, str]]
) -> None:
    by_key = {(row["case"], row["variable"]): row for row in codebook}
    for c in cases:
        for v in VARIABLES:
            row = by_key[(c["case"], v)]
            assert row["score"] == c[v], (c["case"], v)
            assert (row["lo"], row["hi"]) == (c[f"{v}_lo"], c[f"{v}_hi"]), (c["case"], v)
            assert row["seed_file"] == c["seed"], (c["case"], v)


def test_every_quote_occurs_verbatim_in_its_source(
    codebook: list[dict[str, str]], texts: dict[str, str]
) -> None:
    quoted = 0
    for row in codebook:
        if row["quote"] == "":
            continue
        quoted += 1
        text = texts[row["seed_file"]]
        for piece in quote_pieces(row["quote"]):
            assert len(piece) >= 8, (row["case"], row["variable"], piece)
            assert piece == piece.strip() and "\n" not in piece, (row["case"], row["variable"])
            assert piece in text, (row["case"], row["variable"], piece)
    assert quoted >= 50


def test_quote_check_rejects_altered_quotes(texts: dict[str, str]) -> None:
    text = texts["001_2932423919877b2f.txt"]
    good = "该任务具有如下属性:一是责任归属模糊。"
    assert quote_found(good, text)
    assert quote_found(good + SEP + "二是任务的常规性。", text)
    # a full-width comma, an added space, a changed character or one bad excerpt must all fail
    assert not quote_found(good.replace(":", "\uff1a"), text)  # full-width colon
    assert not quote_found("该任务具有如下属性: 一是责任归属模糊。", text)
    assert not quote_found(good.replace("模糊", "清晰"), text)
    assert not quote_found(good + SEP + "二是任务的非常规性。", text)
    assert not quote_found("", text)


def test_every_cell_has_a_grade_and_only_case_evidence_gives_a_point(
    codebook: list[dict[str, str]],
) -> None:
    for row in codebook:
        where = (row["case"], row["variable"])
        assert row["grade"] in GRADES, where
        assert row["reasoning"].strip(), where
        if row["score"] != "":
            # a point score: case-level evidence, quoted and glossed, lo = hi = score
            assert row["grade"] == "case", where
            assert row["lo"] == row["hi"] == row["score"], where
            assert row["quote"].strip() and row["gloss"].strip() and row["gloss"].isascii(), where
            assert MISSING_NOTE not in row["reasoning"], where
        elif row["grade"] == "none":
            # no evidence: no quote; the reasoning says so and gives the plausible range
            assert row["quote"] == "" and row["gloss"] == "", where
            assert MISSING_NOTE in row["reasoning"], where
            if row["variable"] != OUTCOME:
                assert row["lo"] != row["hi"], where
                assert f"range {row['lo']}-{row['hi']}" in row["reasoning"], where
        else:
            # type-, general- or ambiguous case-level evidence: an interval, quoted, with a reason
            assert row["lo"] != "" and int(row["lo"]) < int(row["hi"]), where
            assert row["quote"].strip() and row["gloss"].isascii(), where
            assert f"{row['lo']}-{row['hi']}" in row["reasoning"], where
        if row["grade"] in ("type", "general"):
            assert row["score"] == "", where  # never a point score on type or general evidence


def test_outcome_is_never_scored_from_type_or_general_statements(
    codebook: list[dict[str, str]],
) -> None:
    for row in codebook:
        if row["variable"] == OUTCOME:
            assert row["grade"] in ("case", "none"), row["case"]
            assert (row["score"] == "") == (row["grade"] == "none"), row["case"]


def test_every_change_from_version_1_is_explained(codebook: list[dict[str, str]]) -> None:
    with open(DATA / "history" / "cases_v1.csv", newline="", encoding="utf-8") as fh:
        v1 = {row["case"]: row for row in csv.DictReader(fh)}
    for row in codebook:
        old = v1[row["case"]].get(row["variable"])
        if old is None:  # a variable new in version 2
            assert "new variable" in row["change"], (row["case"], row["variable"])
        elif old != row["score"]:
            assert row["change"].strip(), (row["case"], row["variable"], old, row["score"])
    # the uneven uses the review named are fixed
    by_key = {(row["case"], row["variable"]): row for row in codebook}
    assert by_key[("A_city", "ASSESS")]["score"] == "1"
    assert by_key[("X_county", "ENTITY")]["score"] == "2"
    assert by_key[("J_district", "ASSESS")]["score"] == ""
    for case in ("TF_urbanrural", "TF_egov", "TF_bizenv"):
        assert by_key[(case, "RESP")]["grade"] == "general"
        assert by_key[(case, "RESP")]["score"] == ""


# --------------------------------------------------------------------------- anchors.csv


def _thresholds(text: str) -> dict[str, float] | list[float]:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if all("=" in p for p in parts):
        return {k.strip(): float(v) for k, v in (p.split("=", 1) for p in parts)}
    return [float(p) for p in parts]


def test_anchors_are_four_value_sets_for_the_analysed_variables(
    anchors: list[dict[str, str]],
) -> None:
    assert list(anchors[0]) == ["variable", "type", "method", "thresholds", "logistic", "reason"]
    assert [a["variable"] for a in anchors] == ["RESP", "PKG", "EFFECT"]
    for a in anchors:
        assert a["type"] == "fuzzy" and a["method"] == "direct", a["variable"]
        assert a["logistic"] == "false" and a["reason"].strip(), a["variable"]
        t = _thresholds(a["thresholds"])
        assert t == {"e": 0.0, "c": 1.5, "i": 3.0}, a["variable"]


def test_four_value_calibration_maps_the_scale_to_thirds(anchors: list[dict[str, str]]) -> None:
    frame = pd.read_csv(DATA / "cases.csv", index_col="case")
    for a in anchors:
        for column in (a["variable"], f"{a['variable']}_lo", f"{a['variable']}_hi"):
            raw = frame[column].dropna()
            m = qca.calibrate(
                raw, method="direct", thresholds=_thresholds(a["thresholds"]), logistic=False
            )
            assert np.allclose(m, raw / 3), column
            assert not np.isclose(m, 0.5).any(), column
    # the logistic variant keeps order and the crossover, with other distances
    logistic = qca.calibrate(
        pd.Series([0.0, 1, 2, 3]), method="direct", thresholds={"e": 0, "c": 1.5, "i": 3}
    )
    assert np.allclose(logistic, [0.05, 0.27, 0.73, 0.95], atol=0.005)


# --------------------------------------------------------------------------- reference completion


def test_reference_completion_is_the_lower_bound_of_every_analysed_case(
    cases: list[dict[str, str]],
) -> None:
    frame = pd.read_csv(DATA / "reference_completion.csv", index_col="case")
    analysed = [c for c in cases if c["analysed"] == "yes"]
    assert list(frame.index) == [c["case"] for c in analysed]
    assert list(frame.columns) == ["RESP", "PKG", OUTCOME, "source"]
    for c in analysed:
        assert frame.loc[c["case"], "source"] == int(c["seed"][:3])  # the group left out
        for v in ("RESP", "PKG"):
            assert frame.loc[c["case"], v] == int(c[f"{v}_lo"]), (c["case"], v)
        assert frame.loc[c["case"], OUTCOME] == int(c[OUTCOME]), c["case"]


# --------------------------------------------------------------------------- README


def test_readme_lists_every_case_and_cites_every_source(cases: list[dict[str, str]]) -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for c in cases:
        assert f"`{c['case']}`" in readme, c["case"]
    for name in (p.name for p in SOURCES.glob("*.txt")):
        assert name in readme, name
    assert SEP.strip() in readme


def test_robustness_table_of_the_study_sweeps_exactly_the_interval_cells(
    cases: list[dict[str, str]],
) -> None:
    import tomllib

    study = tomllib.loads((DATA / "collaboration.toml").read_text(encoding="utf-8"))
    listed = {
        (item["case"], item["column"]): tuple(item["interval"])
        for item in study["robustness"]["coding"]
    }
    expected = {
        (c["case"], v): (int(c[f"{v}_lo"]), int(c[f"{v}_hi"]))
        for c in cases
        if c["analysed"] == "yes"
        for v in study["analysis"]["conditions"]
        if c[f"{v}_lo"] != c[f"{v}_hi"]
    }
    assert listed == expected and len(listed) == 7
