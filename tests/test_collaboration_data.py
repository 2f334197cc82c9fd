"""Integrity of the collaboration data set (data/collaboration/).

The data set codes published Chinese case studies; these tests make every score traceable: each
codebook quote must occur verbatim in the copy of its source kept in data/collaboration/sources/
(read from the repository, never from /work/shared, so they run on a clean clone), every
(case, variable) of cases.csv has exactly one codebook row with the same score, missing scores carry
no quote, and the calibration anchors exist, are ordered and keep every raw score off the crossover.
"""

from __future__ import annotations

import csv
import hashlib
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
EVIDENCE = {"case", "type", "general"}


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


def _variables(cases: list[dict[str, str]]) -> list[str]:
    return [c for c in cases[0] if c not in ("case", "seed", "label")]


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
    assert header[:3] == ["case", "seed", "label"]
    variables = header[3:]
    assert variables == ["RESP", "ATTN", "ASSESS", "ENTITY", "EFFECT"]
    ids = [row["case"] for row in cases]
    assert len(ids) == len(set(ids))
    for row in cases:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{1,23}", row["case"]), row["case"]
        assert row["seed"] in texts, row["seed"]
        assert row["label"].strip() and row["label"].isascii(), row["case"]
        for v in variables:
            assert row[v] == "" or int(row[v]) in SCALE, (row["case"], v, row[v])
    # the brief's cases are all there
    for required in ("A_city", "B_district", "C_county", "X_county", "J_district", "F_city"):
        assert required in ids


def test_cases_read_by_pandas_as_numbers_with_missing_as_nan(cases: list[dict[str, str]]) -> None:
    frame = pd.read_csv(DATA / "cases.csv", index_col="case")
    for v in _variables(cases):
        assert frame[v].dtype == np.float64  # integers with NaN for missing cells
        assert set(frame[v].dropna().unique()) <= SCALE
    assert frame.loc["F_city", "RESP"] != frame.loc["F_city", "RESP"]  # NaN: missing stays missing


# --------------------------------------------------------------------------- codebook.csv


def test_codebook_has_exactly_one_row_per_case_and_variable(
    cases: list[dict[str, str]], codebook: list[dict[str, str]]
) -> None:
    assert list(codebook[0]) == [
        "case",
        "variable",
        "score",
        "seed_file",
        "quote",
        "gloss",
        "reasoning",
        "evidence",
    ]
    keys = [(row["case"], row["variable"]) for row in codebook]
    expected = [(c["case"], v) for c in cases for v in _variables(cases)]
    assert sorted(keys) == sorted(expected)  # same set, and no duplicates (lengths equal)
    assert len(keys) == len(set(keys))


def test_codebook_scores_equal_cases_scores(
    cases: list[dict[str, str]], codebook: list[dict[str, str]]
) -> None:
    by_key = {(row["case"], row["variable"]): row for row in codebook}
    for c in cases:
        for v in _variables(cases):
            row = by_key[(c["case"], v)]
            assert row["score"] == c[v], (c["case"], v)
            assert row["seed_file"] == c["seed"], (c["case"], v)


def test_every_quote_occurs_verbatim_in_its_source(
    codebook: list[dict[str, str]], texts: dict[str, str]
) -> None:
    for row in codebook:
        if row["score"] == "":
            continue
        text = texts[row["seed_file"]]
        for piece in quote_pieces(row["quote"]):
            assert len(piece) >= 8, (row["case"], row["variable"], piece)
            assert piece == piece.strip() and "\n" not in piece, (row["case"], row["variable"])
            assert piece in text, (row["case"], row["variable"], piece)


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


def test_scored_rows_are_documented_and_missing_rows_say_so(codebook: list[dict[str, str]]) -> None:
    for row in codebook:
        where = (row["case"], row["variable"])
        if row["score"] == "":
            assert row["quote"] == "" and row["gloss"] == "" and row["evidence"] == "", where
            assert MISSING_NOTE in row["reasoning"], where
        else:
            assert int(row["score"]) in SCALE, where
            assert row["quote"].strip(), where
            assert row["gloss"].strip() and row["gloss"].isascii(), where
            assert row["reasoning"].strip(), where
            assert MISSING_NOTE not in row["reasoning"], where
            assert row["evidence"] in EVIDENCE, where


def test_outcome_is_never_scored_from_general_statements(codebook: list[dict[str, str]]) -> None:
    # a general statement about all task forces may inform a condition, never a case's outcome
    for row in codebook:
        if row["variable"] == "EFFECT" and row["score"] != "":
            assert row["evidence"] == "case", row["case"]


# --------------------------------------------------------------------------- anchors.csv


def _thresholds(text: str) -> dict[str, float] | list[float]:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if all("=" in p for p in parts):
        return {k.strip(): float(v) for k, v in (p.split("=", 1) for p in parts)}
    return [float(p) for p in parts]


def test_anchors_exist_for_every_variable_and_are_ordered(
    cases: list[dict[str, str]], anchors: list[dict[str, str]]
) -> None:
    assert list(anchors[0]) == ["variable", "type", "method", "thresholds", "reason"]
    names = [a["variable"] for a in anchors]
    assert sorted(names) == sorted(_variables(cases)) and len(names) == len(set(names))
    for a in anchors:
        assert a["type"] in ("fuzzy", "crisp") and a["method"] == "direct", a["variable"]
        assert a["reason"].strip(), a["variable"]
        t = _thresholds(a["thresholds"])
        if a["type"] == "fuzzy":
            assert isinstance(t, dict) and list(t) == ["e", "c", "i"], a["variable"]
            assert t["e"] < t["c"] < t["i"], a["variable"]
        else:
            assert isinstance(t, list) and t == sorted(set(t)), a["variable"]


def test_no_raw_score_sits_on_a_crossover(
    cases: list[dict[str, str]], anchors: list[dict[str, str]]
) -> None:
    for a in anchors:
        t = _thresholds(a["thresholds"])
        cut = [t["c"]] if isinstance(t, dict) else t
        for point in cut:
            assert point not in SCALE and min(SCALE) < point < max(SCALE), a["variable"]
        observed = {int(c[a["variable"]]) for c in cases if c[a["variable"]] != ""}
        assert not observed & set(cut), a["variable"]


def test_calibrated_memberships_avoid_half_and_follow_the_scale(
    cases: list[dict[str, str]], anchors: list[dict[str, str]]
) -> None:
    frame = pd.read_csv(DATA / "cases.csv", index_col="case")
    for a in anchors:
        raw = frame[a["variable"]].dropna()
        m = qca.calibrate(raw, method="direct", thresholds=_thresholds(a["thresholds"]))
        assert not np.isclose(m, 0.5).any(), a["variable"]
        # order preserved, and the crossover separates scores 0-1 (out) from 2-3 (in)
        assert (np.diff(m.to_numpy()[np.argsort(raw.to_numpy(), kind="stable")]) >= 0).all()
        assert ((m > 0.5) == (raw >= 2)).all(), a["variable"]


# --------------------------------------------------------------------------- README


def test_readme_lists_every_case_and_cites_every_source(cases: list[dict[str, str]]) -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for c in cases:
        assert f"`{c['case']}`" in readme, c["case"]
    for name in (p.name for p in SOURCES.glob("*.txt")):
        assert name in readme, name
    assert SEP.strip() in readme
