"""The report in a real browser: headless Chromium loads report.html offline and the DOM it
builds holds the truth table, the models and the figures.

Skipped when Chromium is not installed, except in CI (``CI=true``), where a missing browser is a
failure: `.ci/run` installs Debian's ``chromium``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(
            "CI=true but no chromium on PATH: .ci/run should install Debian's chromium package"
        )
    pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")


def _headless(browser: str, profile: Path, *args: str) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]


class _Dom(HTMLParser):
    """Text of the elements with a given class or id, and a count of tags."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, int] = {}
        self.stack: list[tuple[str, str]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        attrs = dict(attrs)
        key = attrs.get("id") or attrs.get("class") or ""
        self.stack.append((tag, key))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, key in self.stack:
            if key:
                self.text.setdefault(key, []).append(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from qca.study import run

    out = tmp_path_factory.mktemp("run")
    result, folder = run(REPO / "docs" / "examples" / "lipset.toml", out)
    return result, folder / "report.html"


def test_chromium_renders_the_report_offline(report, tmp_path):
    browser = _chromium()
    result, page = report
    completed = subprocess.run(
        _headless(browser, tmp_path / "profile", "--dump-dom", page.resolve().as_uri()),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    dom = _Dom()
    dom.feed(completed.stdout)
    # the truth table, as the browser built it
    table = " ".join(dom.text["tt-SURV"])
    assert "OUT" in table and "BE, CZ, NL, UK" in table
    # every model
    expressions = " ".join(dom.text.get("expr", []))
    for analysis in result.sufficiency:
        for model in analysis.models:
            assert model.expression in expressions
    # the figures: one SVG per model, with its fit in the title
    n_models = sum(len(a.models) for a in result.sufficiency)
    assert dom.tags.get("svg", 0) == n_models
    assert "inclS = 0.851, PRI = 0.820, covS = 0.716" in completed.stdout  # DEV*~IND + URB*STB


def test_screenshot_is_not_blank(report, tmp_path):
    browser = _chromium()
    _, page = report
    shot = tmp_path / "shot.png"
    completed = subprocess.run(
        _headless(
            browser,
            tmp_path / "profile",
            "--hide-scrollbars",
            "--window-size=1000,1400",
            f"--screenshot={shot}",
            page.resolve().as_uri(),
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0 and shot.is_file(), completed.stderr[-2000:]
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[:2] == (1400, 1000)
    assert pixels.std() > 0.05  # text, tables and colour, not an empty page
