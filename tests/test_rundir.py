"""Run folders (qca/study/rundir.py, verify.py): written whole or not at all, every output hashed.

A run folder is written into a temporary sibling and renamed into place; its manifest records the
SHA-256 of every output, and ``verify`` checks them all. A run that fails or is killed half-way
never leaves a folder that ``verify`` accepts.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qca.exceptions import QCAError

REPO = Path(__file__).resolve().parents[1]


TINY_STUDY = """\
schema_version = 1
[study]
name = "tiny"
[data]
path = "cases.csv"
case_column = "case"
[calibration.DEV]
thresholds = "e=350;c=550;i=850"
[calibration.URB]
thresholds = "e=10;c=50;i=80"
[calibration.SURV]
thresholds = "e=-9;c=0.5;i=9"
[analysis]
outcome = "SURV"
conditions = ["DEV", "URB"]
[truth_table]
incl_cut = 0.8
[[sufficiency]]
outcome = "SURV"
solutions = ["parsimonious"]
"""

TINY_CASES = """\
case,DEV,URB,SURV
AU,720,33.4,-9
BE,1098,60.5,10
CZ,586,69,7
EE,468,28.5,-6
FI,590,22,4
GR,390,31.1,-8
"""


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A small study (six cases, two conditions) and its data, in a temp folder."""
    (tmp_path / "cases.csv").write_text(TINY_CASES)
    study = tmp_path / "tiny.toml"
    study.write_text(TINY_STUDY)
    return study


@pytest.fixture
def run_folder(study: Path, tmp_path: Path) -> Path:
    from qca.study import run

    _, out = run(study, tmp_path / "run")
    return out


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def test_manifest_records_the_sha256_of_every_output(run_folder: Path) -> None:
    manifest = json.loads((run_folder / "manifest.json").read_text())
    outputs = manifest["outputs"]
    assert sorted(outputs) == ["report.html", "results.json"]
    for name, entry in outputs.items():
        data = (run_folder / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    assert _siblings(run_folder) == []  # no temporary folder left behind


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_text(p.read_text().replace("<td", "<td>forged</td><td")),  # forged
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # truncated
        lambda p: p.unlink(),  # missing
    ],
    ids=["forged", "truncated", "missing"],
)
def test_verify_checks_the_report(run_folder: Path, damage) -> None:
    from qca.cli import main
    from qca.study import verify

    damage(run_folder / "report.html")
    report = verify(run_folder)
    assert not report.ok
    assert any("report.html" in d for d in report.differences), report.differences
    assert main(["verify", str(run_folder)]) == 1


def test_verify_checks_results_json_bytes_too(run_folder: Path) -> None:
    from qca.study import verify

    path = run_folder / "results.json"
    path.write_text(path.read_text() + "\n")  # same numbers, other bytes
    report = verify(run_folder)
    assert not report.ok
    assert any("results.json" in d for d in report.differences)


def test_verify_refuses_a_manifest_without_output_hashes(run_folder: Path) -> None:
    from qca.study import verify

    path = run_folder / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["outputs"]
    path.write_text(json.dumps(manifest))
    report = verify(run_folder)
    assert not report.ok
    assert any("outputs" in d for d in report.differences)


def test_an_existing_run_folder_is_not_overwritten(run_folder: Path, study: Path) -> None:
    from qca.cli import main
    from qca.study import run

    before = {p.name: p.read_bytes() for p in run_folder.iterdir()}
    with pytest.raises(QCAError, match=r"already exists.*--force"):
        run(study, run_folder)
    assert main(["run", str(study), "--out", str(run_folder)]) == 2
    assert {p.name: p.read_bytes() for p in run_folder.iterdir()} == before


def test_force_replaces_the_folder_without_stray_files(run_folder: Path, study: Path) -> None:
    from qca.cli import main
    from qca.study import verify

    (run_folder / "old-figure.svg").write_text("<svg/>")
    (run_folder / "sub").mkdir()
    assert main(["run", str(study), "--out", str(run_folder), "--force"]) == 0
    assert sorted(p.name for p in run_folder.iterdir()) == [
        "manifest.json",
        "report.html",
        "results.json",
    ]
    assert verify(run_folder).ok
    assert _siblings(run_folder) == []


def test_an_empty_folder_may_be_used(study: Path, tmp_path: Path) -> None:
    from qca.study import run, verify

    (tmp_path / "empty").mkdir()
    _, out = run(study, tmp_path / "empty")
    assert verify(out).ok


def test_out_naming_a_file_is_refused(study: Path, tmp_path: Path, capsys) -> None:
    from qca.cli import main

    target = tmp_path / "a-file"
    target.write_text("keep me")
    assert main(["run", str(study), "--out", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["run", str(study), "--out", str(target), "--force"]) == 2
    assert target.read_text() == "keep me"
    assert main(["run", str(study), "--out", str(target / "below")]) == 2


def test_a_failure_midway_leaves_no_folder(study: Path, tmp_path: Path, monkeypatch) -> None:
    import qca.study.rundir as rundir
    from qca.study import run

    def broken(result):
        raise ModuleNotFoundError("No module named 'matplotlib'")

    monkeypatch.setattr(rundir, "render_report", broken)
    with pytest.raises(ModuleNotFoundError):
        run(study, tmp_path / "run")
    assert not (tmp_path / "run").exists()
    assert _siblings(tmp_path / "run") == []


def test_a_failure_midway_with_force_keeps_the_old_run(
    run_folder: Path, study: Path, monkeypatch
) -> None:
    import qca.study.rundir as rundir
    from qca.study import run, verify

    before = {p.name: p.read_bytes() for p in run_folder.iterdir()}
    monkeypatch.setattr(rundir, "render_report", lambda result: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run(study, run_folder, force=True)
    assert {p.name: p.read_bytes() for p in run_folder.iterdir()} == before
    assert verify(run_folder).ok
    assert _siblings(run_folder) == []


SLOW_RUN = textwrap.dedent(
    """\
    import sys, time
    import qca.study.rundir as rundir
    from qca.cli import main

    def slow_report(result):
        print("WRITING", flush=True)
        time.sleep(60)

    rundir.render_report = slow_report
    sys.exit(main(["run", sys.argv[1], "--out", sys.argv[2]] + sys.argv[3:]))
    """
)


@pytest.mark.parametrize(
    ("sig", "status", "message"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
@pytest.mark.parametrize("force", [False, True], ids=["new", "force"])
def test_a_killed_run_never_leaves_a_folder_verify_accepts(
    study: Path, tmp_path: Path, sig: int, status: int, message: str, force: bool
) -> None:
    from qca.study import run, verify

    out = tmp_path / "run"
    if force:
        run(study, out)
        (out / "results.json").write_text("{}")  # an old run that no longer verifies
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, str(study), str(out)] + (["--force"] if force else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "WRITING"
    os.kill(process.pid, sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == status
    assert message in err and "Traceback" not in err
    if force:
        assert not verify(out).ok  # the old folder, untouched
        assert (out / "results.json").read_text() == "{}"
    else:
        assert not out.exists()
    assert _siblings(out) == []


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("manifest.json", "[]", "is not a qca run manifest"),
        ("manifest.json", '{"schema": "qca.run-manifest"}', "'inputs' must be an object"),
        (
            "manifest.json",
            '{"schema": "qca.run-manifest", "inputs": [], "versions": {}}',
            "'inputs' must be an object; found an array",
        ),
        (
            "manifest.json",
            '{"schema": "qca.run-manifest", "inputs": {"study": 5}, "versions": {}}',
            "inputs.study must be an object",
        ),
        (
            "manifest.json",
            '{"schema": "qca.run-manifest", "inputs": {}, "versions": {}}',
            "inputs.study is missing",
        ),
        ("results.json", "[1, 2]", "expected a JSON object, found an array"),
        ("results.json", "null", "found null"),
    ],
)
def test_verify_refuses_documents_of_the_wrong_shape(
    run_folder: Path, name: str, content: str, match: str, capsys
) -> None:
    from qca.cli import main
    from qca.study import verify

    (run_folder / name).write_text(content)
    with pytest.raises(QCAError, match=match):
        verify(run_folder)
    assert main(["verify", str(run_folder)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_verify_a_directory_where_a_file_should_be(run_folder: Path) -> None:
    from qca.study import verify

    (run_folder / "report.html").unlink()
    (run_folder / "report.html").mkdir()
    report = verify(run_folder)
    assert not report.ok and "report.html is not a file" in report.differences
    (run_folder / "results.json").unlink()
    (run_folder / "results.json").mkdir()
    with pytest.raises(QCAError, match=r"results\.json is not a file"):
        verify(run_folder)


def test_verify_a_file_or_nothing(tmp_path: Path) -> None:
    from qca.study import verify

    (tmp_path / "f").write_text("x")
    with pytest.raises(QCAError, match="it is a file"):
        verify(tmp_path / "f")
    with pytest.raises(QCAError, match="does not exist"):
        verify(tmp_path / "nothing")


NO_MATPLOTLIB = textwrap.dedent(
    """\
    import sys
    sys.modules["matplotlib"] = None  # as in a plain `pip install qca`: import matplotlib fails
    from qca.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_demo_runs_without_matplotlib(tmp_path: Path) -> None:
    from qca.study import verify

    done = subprocess.run(
        [sys.executable, "-c", NO_MATPLOTLIB, "demo", "--out", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "matplotlib is not installed" in done.stderr
    assert "sufficient configurations for EFFECT:" in done.stdout
    report = (tmp_path / "demo" / "report.html").read_text()
    assert "<svg" not in report
    assert "matplotlib is not installed" in report and "qca[plot]" in report
    assert verify(tmp_path / "demo").ok


def test_data_outside_the_study_folder_needs_permission(tmp_path: Path) -> None:
    from qca.exceptions import StudyFileError
    from qca.study import load_study

    (tmp_path / "cases.csv").write_text(TINY_CASES)
    inner = tmp_path / "studies"
    inner.mkdir()
    study = inner / "tiny.toml"
    study.write_text(TINY_STUDY.replace('path = "cases.csv"', 'path = "../cases.csv"'))
    with pytest.raises(StudyFileError, match=r"\[data\].path '../cases.csv' leaves the study's"):
        load_study(study)
    study.write_text(
        TINY_STUDY.replace('path = "cases.csv"', 'path = "../cases.csv"\nallow_outside = true')
    )
    assert load_study(study).data_path == (tmp_path / "cases.csv").resolve()
    study.write_text(TINY_STUDY.replace('path = "cases.csv"', f'path = "{tmp_path / "cases.csv"}"'))
    with pytest.raises(StudyFileError, match="leaves the study's folder"):
        load_study(study)
    study.write_text(
        TINY_STUDY.replace('path = "cases.csv"', 'path = "../cases.csv"\nallow_outside = "yes"')
    )
    with pytest.raises(StudyFileError, match=r"allow_outside"):
        load_study(study)


def test_an_uncalibrated_column_holding_inf(study: Path, tmp_path: Path, capsys) -> None:
    from qca.cli import main

    text = TINY_STUDY.replace('[calibration.URB]\nthresholds = "e=10;c=50;i=80"\n', "")
    (tmp_path / "tiny.toml").write_text(text)
    (tmp_path / "cases.csv").write_text(TINY_CASES.replace("33.4", "inf"))
    assert main(["run", str(tmp_path / "tiny.toml"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "URB" in err and "inf" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
