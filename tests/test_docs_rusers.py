"""docs/r-users.md names every exported function of R QCA, admisc and SetMethods.

The export lists are kept in tests/reference/r14/exports.json (made by exports.R beside it), so
that the page cannot silently go stale: a function missing from the page, a `qca` name on it that
does not exist, or a left-out function without a reason fails here.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "r-users.md"
EXPORTS = json.loads((Path(__file__).parent / "reference" / "r14" / "exports.json").read_text())

# The page's section (a "## " heading starting with the package name) for each package.
SECTIONS = {"QCA": "## QCA ", "admisc": "## admisc ", "SetMethods": "## SetMethods "}
_R_NAME = re.compile(r"`([A-Za-z.][A-Za-z0-9._]*)(?:\([^`]*\))?`")
_QCA_NAME = re.compile(r"\bqca(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def _rows(package: str) -> list[tuple[str, str, str]]:
    """The table rows (R names, qca names, notes) of a package's section of the page."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(SECTIONS[package])
    end = text.find("\n## ", start + 1)
    rows = []
    for line in text[start : end if end > 0 else None].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or set(cells[0]) <= {"-", " "}:
            continue
        if cells[0].startswith("R ("):  # the header
            continue
        rows.append((cells[0], cells[1], cells[2]))
    return rows


def _r_names(cell: str) -> set[str]:
    return {m.group(1) for m in _R_NAME.finditer(cell)}


def _resolve(dotted: str) -> Any:
    """The object a dotted name `qca.x.y` names: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            fields = getattr(obj, "__dataclass_fields__", {}) if isinstance(obj, type) else {}
            # a dataclass field without a default is an attribute of the instances only
            obj = fields[attribute].type if attribute in fields else getattr(obj, attribute)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("package", sorted(EXPORTS))
def test_every_export_is_on_the_page(package: str) -> None:
    listed: set[str] = set()
    for r_cell, _, _ in _rows(package):
        listed |= _r_names(r_cell)
    missing = sorted(set(EXPORTS[package]["exports"]) - listed)
    assert not missing, f"docs/r-users.md, section {package}: no entry for {missing}"


@pytest.mark.parametrize("package", sorted(EXPORTS))
def test_every_entry_has_a_qca_name_or_a_reason(package: str) -> None:
    for r_cell, qca_cell, notes in _rows(package):
        named = _QCA_NAME.findall(qca_cell)
        assert named or len(notes) >= 10, f"{r_cell}: neither a qca name nor a reason"


@pytest.mark.parametrize("package", sorted(EXPORTS))
def test_every_qca_name_on_the_page_exists(package: str) -> None:
    for r_cell, qca_cell, notes in _rows(package):
        for dotted in _QCA_NAME.findall(qca_cell + " " + notes):
            try:
                _resolve(dotted)
            except (ImportError, AttributeError):
                pytest.fail(f"docs/r-users.md, {r_cell}: {dotted} does not exist in qca")


def test_the_sections_name_the_versions_of_the_export_lists() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for package, heading in SECTIONS.items():
        version = EXPORTS[package]["version"][0]
        assert f"{heading}{version}\n" in text, (package, version)


def test_parser_sees_a_missing_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The check can fail: drop one row of the page and the export it names is reported missing.
    text = PAGE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `findTh()`"))
    page = tmp_path / "r-users.md"
    page.write_text(text.replace(row + "\n", ""), encoding="utf-8")
    monkeypatch.setitem(globals(), "PAGE", page)
    with pytest.raises(AssertionError, match="findTh"):
        test_every_export_is_on_the_page("QCA")
    page.write_text(text.replace("`qca.find_th()`", "`qca.find_threshold()`"), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="does not exist"):
        test_every_qca_name_on_the_page_exists("QCA")
