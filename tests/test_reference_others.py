"""qca against R QCA 3.25 on the bundled data sets the golden files do not cover.

Records: tests/reference/others/ (written by make_others.R there, R 4.2.2 / QCA 3.25 / admisc
0.39.1, in the golden files' shape). Most of these data sets are golden ones under another name, so
each is analysed differently: another condition order, a subset of conditions, other inclusion
cuts, the second outcome PBI of the party-ban data, or the raw LR / CVR data calibrated in R.
The comparisons are the golden tests' own (truth table, printed truth table, every minimization
record, printed models, superSubset, pof); only the pof() records differ: for a negated outcome
they were computed from the negated outcome column, so they hold the figures for "~Y" itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_calibrate import check_calibration
from test_minimize_reference import check_minimize_record, check_printed_models
from test_necessity import check_pof, check_super_subset
from test_truthtable import check_printed_truth_table, check_truth_table

from qca import calibrate
from qca.exceptions import QCAError

OTHERS = Path(__file__).parent / "reference" / "others"

# R answers we do not reproduce on purpose: {(file name, record name): reason}.
KNOWN_R: dict[tuple[str, str], str] = {}


def _load(name: str) -> dict:
    return json.loads((OTHERS / name).read_text(encoding="utf-8"))


def _data(case: dict) -> pd.DataFrame:
    d = case["data"]
    return pd.DataFrame(d["rows"], columns=d["columns"], index=d["case_names"])


def _has_half(case: dict) -> bool:
    return any(row[c] == 0.5 for row in case["data"]["rows"] for c in case["conditions"])


DS_FILES = sorted(p.name for p in OTHERS.glob("ds_*.json"))
NEC_FILES = sorted(p.name for p in OTHERS.glob("nec_*.json"))
RECORDS = [(f, n) for f in DS_FILES for n in _load(f).get("minimize", {})]


def _param(filename: str, name: str):
    reason = KNOWN_R.get((filename, name))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(filename, name, marks=marks, id=f"{filename[3:-5]}-{name}")


# every bundled data set without golden records (LR and CVR calibrated in R)
OTHER_DATASETS = {
    "LR", "CVR", "RagStr", "d.Emm", "d.HK", "d.Kro", "d.RS", "d.autonomy", "d.biodiversity",
    "d.education", "d.graduate", "d.health", "d.homeless", "d.jobsecurity", "d.napoleon",
    "d.partybans", "d.represent", "d.socialsecurity", "d.stakeholder", "d.transport", "d.urban",
    "d.women",
}  # fmt: skip


def test_records_cover_the_other_data_sets() -> None:
    for files in (DS_FILES, NEC_FILES):
        assert {_load(f)["dataset"] for f in files} == OTHER_DATASETS
    assert len(DS_FILES) == 3 * len(OTHER_DATASETS)
    assert len(NEC_FILES) == 2 * len(OTHER_DATASETS)


@pytest.mark.parametrize("filename", DS_FILES)
def test_truth_table(filename: str) -> None:
    case = _load(filename)
    if "rows" not in case["truth_table"]:
        pytest.skip(f"R refused the data: {case['truth_table']['error']}")
    check_truth_table(case, _data(case), _has_half(case))
    check_printed_truth_table(case, _data(case))


@pytest.mark.parametrize(("filename", "name"), [_param(f, n) for f, n in RECORDS])
def test_minimize(filename: str, name: str) -> None:
    case = _load(filename)
    solution = check_minimize_record(case, name, filename)
    if solution is not None:
        check_printed_models(case, name, filename, solution)


@pytest.mark.parametrize("filename", NEC_FILES)
def test_necessity(filename: str) -> None:
    case = _load(filename)
    data = _data(case)
    check_super_subset(case, data)
    # these pof() records were computed with the outcome column itself negated
    assert case["pof_single"]["params"]["outcome_membership"].startswith(
        "1 - " if case["outcome"].startswith("~") else "data$"
    )
    check_pof(case, data, case["outcome"])


CALIBRATION = json.loads((OTHERS / "calibration_others.json").read_text(encoding="utf-8"))["cases"]


_SEPARATED = "did not converge"
_NEGATIVE = "must not be negative"
# Calls where R answers and qca refuses with a QCAError on purpose (docs/r-users.md, "Deliberate
# differences"): {(variable, call): message}.
#  - indirect method with groups that x separates perfectly (one cut point): R's glm does not
#    converge (it warns) and returns the groups themselves, 0 and 1;
#  - indirect method on negative scores: R's log(x) gives NaN and R silently returns a SHORTER
#    vector (8 memberships for LR's 18 cases);
#  - TFR on scores that are all <= 1 (ETHFRACT, a fraction): R returns 0 for every case.
REFUSED = {
    ("URB", 'type = "fuzzy", method = "indirect", thresholds = 35)'): _SEPARATED,
    ("IND", 'type = "fuzzy", method = "indirect", thresholds = 28)'): _SEPARATED,
    ("DEMOC", 'type = "fuzzy", method = "indirect", thresholds = 6)'): _SEPARATED,
    ("ETHFRACT", 'type = "fuzzy", method = "indirect", thresholds = 0.45)'): _SEPARATED,
    ("PROTEST", 'type = "fuzzy", method = "indirect", thresholds = 1.6)'): _SEPARATED,
    ("SURV", 'type = "fuzzy", method = "indirect", thresholds = 0)'): _NEGATIVE,
    ("SURV", 'type = "fuzzy", method = "indirect", thresholds = c(-8, 8))'): _NEGATIVE,
    ("SURV", 'type = "fuzzy", method = "indirect", thresholds = c(-8, 0, 8))'): _NEGATIVE,
    ("ETHFRACT", 'type = "fuzzy", method = "TFR")'): "expects ordinal scores",
}


@pytest.mark.parametrize(
    "case",
    CALIBRATION,
    ids=[f"{c['dataset']}-{c['variable']}-{c['call'][13:]}" for c in CALIBRATION],
)
def test_calibrate(case: dict) -> None:
    refused = REFUSED.get((case["variable"], case["call"][13:]))
    if refused:
        with pytest.raises(QCAError, match=refused):
            calibrate(np.array(case["input"], dtype=float), **case["args"])
        return
    check_calibration(case)


def test_refusals_are_r_calls() -> None:
    calls = {(c["variable"], c["call"][13:]) for c in CALIBRATION}
    assert set(REFUSED) <= calls
