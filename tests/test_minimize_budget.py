"""Budgets of the search for minimal models (minimize(max_nodes=, time_limit=)), the warning that
names the budget actually hit, the heartbeat, and Ctrl-C in the command line."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qca
from qca._core.cover import minimum_covers
from qca.exceptions import QCAError, TruncatedModelsWarning
from qca.minimize import heartbeat


def _many_models() -> qca.TruthTable:
    """A truth table whose parsimonious solution has 76 minimal models."""
    rng = np.random.default_rng(2)
    data = pd.DataFrame(
        rng.integers(0, 2, (40, 8)),
        columns=[f"C{i}" for i in range(8)],
        index=[f"c{i}" for i in range(40)],
    )
    data["Y"] = rng.integers(0, 2, 40)
    return qca.truth_table(data, "Y", incl_cut=0.6)


@pytest.fixture(scope="module")
def tt() -> qca.TruthTable:
    return _many_models()


def _cycles(m: int) -> np.ndarray:
    """m disjoint 4-cycles: 2**m minimum covers, found only by searching."""
    chart = np.zeros((4 * m, 4 * m), dtype=bool)
    for c in range(m):
        for i in range(4):
            chart[4 * c + i, 4 * c + i] = chart[4 * c + i, 4 * c + (i + 1) % 4] = True
    return chart


def test_cover_search_says_which_budget_stopped_it() -> None:
    chart = _cycles(8)
    full = minimum_covers(chart, max_models=1000)
    assert full.n_models == 256 and not full.truncated and full.stopped_by is None
    by_nodes = minimum_covers(chart, max_models=1000, max_nodes=20)
    assert by_nodes.truncated and by_nodes.stopped_by == "max_nodes"
    by_time = minimum_covers(chart, max_models=1000, deadline=time.monotonic() - 1)
    assert by_time.truncated and by_time.stopped_by == "time_limit"
    by_models = minimum_covers(chart, max_models=10)
    assert by_models.truncated and by_models.stopped_by == "max_models"
    assert by_models.n_models in (None, 256)  # counted while COUNT_NODES allow
    seen: list[int] = []
    minimum_covers(chart, max_models=1000, on_found=seen.append)
    assert seen[-1] == 256


def test_minimize_without_budget_lists_all(tt: qca.TruthTable) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solution = qca.minimize(tt, include="?")
    assert solution.n_models == 76 and not solution.truncated


def test_max_nodes_warning_names_max_nodes(tt: qca.TruthTable) -> None:
    with pytest.warns(TruncatedModelsWarning, match=r"max_nodes=3 .*raise `max_nodes`") as info:
        solution = qca.minimize(tt, include="?", max_nodes=3)
    assert "max_models" not in str(info[0].message)
    assert solution.truncated and 1 <= len(solution.models) < 76
    assert solution.options["max_nodes"] == 3


def test_time_limit_warning_names_time_limit(tt: qca.TruthTable) -> None:
    with pytest.warns(TruncatedModelsWarning, match=r"time_limit=1e-09 s.*raise `time_limit`"):
        solution = qca.minimize(tt, include="?", time_limit=1e-9)
    assert solution.truncated and solution.models
    assert solution.options["time_limit"] == 1e-9


def test_max_models_warning_names_max_models(tt: qca.TruthTable) -> None:
    with pytest.warns(TruncatedModelsWarning, match=r"76 minimal models exist.*raise `max_models`"):
        solution = qca.minimize(tt, include="?", max_models=5)
    assert len(solution.models) == 5


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"max_nodes": 0}, r"`max_nodes` must be a positive integer; got 0"),
        ({"max_nodes": 2.5}, r"`max_nodes` must be a positive integer; got 2\.5"),
        ({"max_nodes": True}, r"`max_nodes` must be a positive integer; got True"),
        ({"time_limit": 0}, r"`time_limit` must be None or a positive number .*; got 0"),
        ({"time_limit": "5"}, r"`time_limit` .*; got '5'"),
        ({"time_limit": float("inf")}, r"`time_limit` .*; got inf"),
    ],
)
def test_budget_arguments(tt: qca.TruthTable, options: dict, match: str) -> None:
    with pytest.raises(QCAError, match=match):
        qca.minimize(tt, include="?", **options)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_heartbeat_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heartbeat, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(heartbeat, "INTERVAL", 0.01)
    terminal = _Terminal()
    with heartbeat.Heartbeat("minimize()", terminal) as beat:
        beat.found(12)
        time.sleep(0.2)
    text = terminal.getvalue()
    assert "minimize(): 0 s elapsed, 12 model(s) found" in text
    assert text.endswith("\r\033[K")  # the line is erased at the end
    log = io.StringIO()
    with heartbeat.Heartbeat("minimize()", log):
        time.sleep(0.05)
    assert log.getvalue() == ""


def test_minimize_beats_on_a_terminal_stderr(tt, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heartbeat, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(heartbeat, "INTERVAL", 0.001)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    qca.minimize(tt, include="?")
    assert "minimize(): " in terminal.getvalue() and "elapsed" in terminal.getvalue()


def test_cli_budget_flags(tmp_path: Path, tt: qca.TruthTable) -> None:
    from qca.cli import main

    path = tmp_path / "data.csv"
    rng = np.random.default_rng(2)
    data = pd.DataFrame(
        rng.integers(0, 2, (40, 8)),
        columns=[f"C{i}" for i in range(8)],
        index=[f"c{i}" for i in range(40)],
    )
    data["Y"] = rng.integers(0, 2, 40)
    data.to_csv(path)
    argv = ["minimize", str(path), "--outcome", "Y", "--incl-cut", "0.6", "--include", "?"]
    with pytest.warns(TruncatedModelsWarning, match="max_nodes=3"):
        assert main([*argv, "--max-nodes", "3"]) == 0
    with pytest.warns(TruncatedModelsWarning, match="time_limit="):
        assert main([*argv, "--time-limit", "1e-9"]) == 0
    with pytest.raises(SystemExit):
        main([*argv, "--max-nodes", "0"])
    with pytest.raises(SystemExit):
        main([*argv, "--time-limit", "-1"])


SLOW_MINIMIZE = textwrap.dedent(
    """\
    import sys, time
    import qca.minimize
    from qca.cli import main

    def slow(*args, **kwargs):
        print("MINIMIZING", flush=True)
        time.sleep(60)

    sys.modules["qca.minimize"].minimize = slow  # (qca.minimize is the function)
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize(
    ("sig", "status", "message"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_ctrl_c_during_minimization(tmp_path: Path, sig: int, status: int, message: str) -> None:
    path = tmp_path / "lf.csv"
    qca.datasets.load("LF").to_csv(path)
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_MINIMIZE, "minimize", str(path), "--outcome", "SURV", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "MINIMIZING"
    os.kill(process.pid, sig)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status
    assert err.strip() == f"qca minimize: {message}"
    assert out == ""  # nothing half-written on stdout
