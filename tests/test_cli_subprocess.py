"""The `qca` command run as a real process: what a shell or a pipe sees.

``capsys`` sees only what Python writes; a C library (HiGHS) writing its banner to file
descriptor 1 is invisible to it. These tests run ``python -m qca`` in a subprocess and parse its
stdout as JSON, as a script reading ``qca ... --json`` would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import qca

ROOT = Path(__file__).resolve().parents[1]


def qca_process(
    *argv: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qca", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def lf_csv(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("data") / "lf.csv"
    qca.datasets.load("LF").to_csv(path)
    return str(path)


@pytest.mark.parametrize(
    ("argv", "schema"),
    [
        (["minimize", "{csv}", "--outcome", "SURV", "--incl-cut", "0.8", "--json"], "qca.solution"),
        (
            [
                "minimize",
                "{csv}",
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
                "--json",
            ],
            "qca.solution",
        ),
        (
            [
                "minimize",
                "{csv}",
                "--outcome",
                "SURV",
                "--incl-cut",
                "0.8",
                "--include",
                "?",
                "--dir-exp",
                "DEV, URB, LIT, IND, STB",
                "--json",
            ],
            "qca.solution",
        ),
        (
            ["truthtable", "{csv}", "--outcome", "SURV", "--incl-cut", "0.8", "--json"],
            "qca.truth_table",
        ),
        (["necessity", "{csv}", "--outcome", "SURV", "--json"], "qca.necessity"),
        (["fit", "DEV*~IND + URB*STB", "{csv}", "--outcome", "SURV", "--json"], "qca.fit"),
        (
            ["inference", "{csv}", "--outcome", "SURV", "--draws", "200", "--seed", "1", "--json"],
            "qca.inference",
        ),
        (["robustness", "{robustness_study}", "--json"], "qca.robustness"),
    ],
    ids=[
        "minimize",
        "minimize-parsimonious",
        "minimize-intermediate",
        "truthtable",
        "necessity",
        "fit",
        "inference",
        "robustness",
    ],
)
def test_json_output_parses_in_a_subprocess(argv: list[str], schema: str, lf_csv: str) -> None:
    study = str(ROOT / "docs" / "examples" / "lipset-robustness.toml")
    done = qca_process(
        *[a.replace("{csv}", lf_csv).replace("{robustness_study}", study) for a in argv]
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # the whole of stdout: no banner before or after
    assert document["schema"] == schema
    assert "HiGHS" not in done.stdout + done.stderr


def test_every_json_subcommand_is_tested() -> None:
    """A new subcommand with --json must be added to the test above."""
    from qca.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    with_json = sorted(
        name
        for name, p in sub.choices.items()
        if any("--json" in a.option_strings for a in p._actions)
    )
    assert with_json == ["fit", "inference", "minimize", "necessity", "robustness", "truthtable"]


def test_python_dash_m_qca_usage_error_exits_2() -> None:
    done = qca_process("minimize")
    assert done.returncode == 2
    assert done.stdout == ""
