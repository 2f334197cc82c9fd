"""Tests of the `qca necessity` and `qca fit` subcommands (qca/cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import qca
from qca.cli import SCHEMA_VERSION, main


@pytest.fixture
def lf() -> pd.DataFrame:
    return qca.datasets.load("LF")


@pytest.fixture
def lf_csv(tmp_path: Path, lf: pd.DataFrame) -> str:
    path = tmp_path / "lf.csv"
    lf.to_csv(path)  # first column: the case names
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ---------------------------------------------------------------------------------------------
# qca necessity
# ---------------------------------------------------------------------------------------------


def test_necessity_text(capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame) -> None:
    status, out, err = _run(capsys, "necessity", lf_csv, "--outcome", "SURV")
    assert status == 0 and err == ""
    assert out == str(qca.necessity(lf, "SURV")) + "\n"
    assert out.startswith("Necessity relations for SURV")
    assert "LIT*STB" in out and "DEV + URB + IND" in out


def test_necessity_json(capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame) -> None:
    status, out, _ = _run(capsys, "necessity", lf_csv, "--outcome", "SURV", "--json")
    assert status == 0
    document = json.loads(out)
    assert document["schema"] == "qca.necessity"
    assert document["schema_version"] == SCHEMA_VERSION
    expected = qca.necessity(lf, "SURV").to_dict()
    assert {k: v for k, v in document.items() if not k.startswith("schema")} == expected


def test_necessity_json_matches_r(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    # R QCA 3.25 superSubset(LF, "SURV", incl.cut = 0.9, cov.cut = 0.5), from
    # tests/reference/necessity.json (copied from the shared R reference nec_LF_SURV.json)
    reference = json.loads((Path(__file__).parent / "reference" / "necessity.json").read_text())
    case = next(c for c in reference["cases"] if c["id"] == "nec_LF_SURV")["superSubset"]
    assert case["params"]["incl.cut"] == 0.9 and case["params"]["cov.cut"] == 0.5
    status, out, _ = _run(
        capsys,
        "necessity",
        lf_csv,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.9",
        "--cov-cut",
        "0.5",
        "--json",
    )
    assert status == 0
    document = json.loads(out)["expressions"]
    assert list(document) == list(case["expressions"])  # same expressions, R's order
    for label, figures in case["expressions"].items():
        for key, value in figures.items():
            # R's JSON keeps 15 significant digits
            assert document[label][key] == pytest.approx(value, abs=1e-14), (label, key)


def test_necessity_options(
    capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame
) -> None:
    status, out, _ = _run(
        capsys,
        "necessity",
        lf_csv,
        "--outcome",
        "~SURV",
        "--conditions",
        "DEV, URB,IND",
        "--incl-cut",
        "0.8",
        "--cov-cut",
        "0.5",
        "--ron-cut",
        "0.2",
        "--depth",
        "2",
        "--json",
    )
    assert status == 0
    document = json.loads(out)
    expected = qca.necessity(
        lf, "~SURV", ["DEV", "URB", "IND"], incl_cut=0.8, cov_cut=0.5, ron_cut=0.2, depth=2
    ).to_dict()
    assert document["expressions"] == expected["expressions"]
    assert document["options"] == expected["options"]
    assert document["outcome"] == "~SURV" and document["conditions"] == ["DEV", "URB", "IND"]


def test_necessity_sufficiency(
    capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame
) -> None:
    status, out, _ = _run(
        capsys,
        "necessity",
        lf_csv,
        "--outcome",
        "SURV",
        "--relation",
        "sufficiency",
        "--incl-cut",
        "0.8",
        "--cov-cut",
        "0.3",
        "--pri-cut",
        "0.5",
        "--json",
    )
    assert status == 0
    document = json.loads(out)
    expected = qca.necessity(
        lf, "SURV", incl_cut=0.8, cov_cut=0.3, pri_cut=0.5, relation="sufficiency"
    )
    assert document["relation"] == "sufficiency"
    assert document["expressions"] == expected.to_dict()["expressions"]
    assert len(document["expressions"]) == len(expected) > 0


def test_necessity_nothing_found(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, out, _ = _run(
        capsys, "necessity", lf_csv, "--outcome", "SURV", "--incl-cut", "1", "--cov-cut", "1"
    )
    assert status == 0 and "No expression passes the cut-offs" in out


def test_necessity_unknown_column(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, out, err = _run(
        capsys, "necessity", lf_csv, "--outcome", "SURV", "--conditions", "DEV,XYZ"
    )
    assert status == 2 and out == ""
    assert "\nqca necessity: error: necessity(): " in err and "'XYZ'" in err


def test_necessity_unknown_outcome(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(capsys, "necessity", lf_csv, "--outcome", "SURVX")
    assert status == 2
    assert "`outcome` 'SURVX' is neither a column of `data`" in err


def test_necessity_bad_cut(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(capsys, "necessity", lf_csv, "--outcome", "SURV", "--incl-cut", "1.5")
    assert status == 2 and "incl_cut" in err and "1.5" in err


def test_necessity_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.csv")
    status, _, err = _run(capsys, "necessity", missing, "--outcome", "SURV")
    assert status == 2
    assert f"\nqca necessity: error: cannot read {missing!r} as CSV" in err


def test_necessity_bad_option_value(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["necessity", lf_csv, "--outcome", "SURV", "--depth", "two"])
    assert exit_info.value.code == 2
    assert "--depth: invalid int value: 'two'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# qca fit
# ---------------------------------------------------------------------------------------------


def test_fit_text(capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame) -> None:
    status, out, err = _run(capsys, "fit", "DEV*~IND + URB*STB", lf_csv, "--outcome", "SURV")
    assert status == 0 and err == ""
    assert out == str(qca.fit("DEV*~IND + URB*STB", lf, "SURV")) + "\n"
    assert out.startswith("Sufficiency for SURV")
    assert "0.850" in out and "0.714" in out


def test_fit_json(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, out, _ = _run(
        capsys, "fit", "DEV*~IND + URB*STB", lf_csv, "--outcome", "SURV", "--json"
    )
    assert status == 0
    document = json.loads(out)
    assert document["schema"] == "qca.fit" and document["schema_version"] == SCHEMA_VERSION
    assert document["relation"] == "sufficiency" and document["outcome"] == "SURV"
    assert document["expression"] == "DEV*~IND + URB*STB"
    assert list(document["fit"]) == ["DEV*~IND", "URB*STB", "expression"]
    # R QCA 3.25 minimize(truthTable(LF, "SURV", incl.cut = 0.8), include = "?"):
    # DEV*~IND 0.815 0.721 0.284 0.194; the model 0.850 0.819 0.714
    term = document["fit"]["DEV*~IND"]
    assert term["inclS"] == pytest.approx(0.814814814814815, abs=1e-12)
    assert term["covU"] == pytest.approx(0.193661971830986, abs=1e-12)
    assert document["fit"]["expression"]["inclS"] == pytest.approx(0.85034965034965, abs=1e-12)
    assert document["fit"]["expression"]["covU"] is None  # undefined: JSON null


def test_fit_necessity(capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame) -> None:
    status, out, _ = _run(
        capsys, "fit", "LIT*STB", lf_csv, "--outcome", "SURV", "--relation", "necessity", "--json"
    )
    assert status == 0
    document = json.loads(out)
    assert document["relation"] == "necessity"
    assert document["fit"] == {
        "LIT*STB": json.loads(
            json.dumps(qca.necessity(lf, "SURV").to_dict()["expressions"]["LIT*STB"])
        )
    }


def test_fit_negated_outcome_and_conditions(
    capsys: pytest.CaptureFixture[str], lf_csv: str, lf: pd.DataFrame
) -> None:
    status, out, _ = _run(
        capsys,
        "fit",
        "~DEV + ~STB",
        lf_csv,
        "--outcome",
        "~SURV",
        "--conditions",
        "DEV,STB",
        "--json",
    )
    assert status == 0
    document = json.loads(out)
    assert document["outcome"] == "~SURV"
    expected = qca.fit("~DEV + ~STB", lf, "~SURV", conditions=["DEV", "STB"]).to_dict()
    assert document["fit"] == expected["fit"]


def test_fit_bad_expression(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, out, err = _run(capsys, "fit", "DEV*", lf_csv, "--outcome", "SURV")
    assert status == 2 and out == ""
    assert "\nqca fit: error: " in err and "expected a condition name" in err


def test_fit_unknown_condition(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(capsys, "fit", "DEV*XYZ", lf_csv, "--outcome", "SURV")
    assert status == 2 and "unknown condition 'XYZ'" in err


def test_fit_unknown_outcome(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(capsys, "fit", "DEV", lf_csv, "--outcome", "SURVX")
    assert status == 2 and "`outcome` 'SURVX' is neither a column of `data`" in err


def test_fit_unknown_condition_column(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    status, _, err = _run(
        capsys, "fit", "DEV", lf_csv, "--outcome", "SURV", "--conditions", "DEV,XYZ"
    )
    assert status == 2 and "\nqca fit: error: fit(): " in err and "'XYZ'" in err


def test_fit_bad_relation(capsys: pytest.CaptureFixture[str], lf_csv: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["fit", "DEV", lf_csv, "--outcome", "SURV", "--relation", "both"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'both'" in capsys.readouterr().err
