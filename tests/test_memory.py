"""The allocation guard (qca/_core/memory.py) honours RLIMIT_AS and cgroup limits, not only the
system's free memory: a process in a small container is refused before allocating."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qca._core import memory
from qca.exceptions import ProblemTooLargeError


def test_cgroup_v2_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "memory.max").write_text("1073741824\n")
    (tmp_path / "memory.current").write_text("73741824\n")
    monkeypatch.setattr(
        memory, "CGROUP_FILES", ((str(tmp_path / "memory.max"), str(tmp_path / "memory.current")),)
    )
    assert memory.cgroup_available_bytes() == 1_000_000_000
    assert memory.available_bytes() <= 1_000_000_000
    with pytest.raises(ProblemTooLargeError, match="would need"):
        memory.check_allocation(600_000_000, "the expanded remainders")


def test_cgroup_without_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "max").write_text("max\n")
    (tmp_path / "v1").write_text(str(2**63 - 4096))
    monkeypatch.setattr(
        memory,
        "CGROUP_FILES",
        ((str(tmp_path / "max"), str(tmp_path / "none")), (str(tmp_path / "v1"), "")),
    )
    assert memory.cgroup_available_bytes() is None


def test_cgroup_v1_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "limit").write_text("536870912\n")
    (tmp_path / "usage").write_text("0\n")
    monkeypatch.setattr(
        memory,
        "CGROUP_FILES",
        ((str(tmp_path / "nothing"), ""), (str(tmp_path / "limit"), str(tmp_path / "usage"))),
    )
    assert memory.cgroup_available_bytes() == 536870912


RLIMITED = textwrap.dedent(
    """\
    import resource
    limit = 1024 ** 3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from qca._core import memory
    from qca.exceptions import ProblemTooLargeError
    assert memory.rlimit_available_bytes() < limit
    assert memory.available_bytes() < limit
    try:
        memory.check_allocation(limit, "one GiB")
    except ProblemTooLargeError as error:
        print("refused:", error)
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and /proc are Linux's")
def test_rlimit_as_is_honoured() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RLIMITED], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused: one GiB would need 1.0 GiB of memory")
