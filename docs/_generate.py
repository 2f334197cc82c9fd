"""Pages generated from the package at every docs build (never edited by hand, not in git):

* ``api/index.rst``: the API reference, one autosummary table per public module, from each
  module's ``__all__`` (so a public name added anywhere appears without editing the site);
* ``datasets/index.md``: every bundled data set with its source, citation and codebook, from
  ``qca.datasets.info``.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import qca

# Public modules documented besides those in qca.__all__ (imported only if present).
EXTRA_MODULES = ("qca.study", "qca.testing")


def write_all(docs: Path) -> None:
    _write_if_changed(docs / "api" / "index.rst", api_page())
    _write_if_changed(docs / "datasets" / "index.md", datasets_page())


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _public_modules() -> list[object]:
    modules = [getattr(qca, n) for n in qca.__all__ if inspect.ismodule(getattr(qca, n))]
    for name in EXTRA_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ImportError:
            continue
    return sorted(modules, key=lambda m: m.__name__)


def _table(module_name: str, names: list[str]) -> list[str]:
    lines = [
        f".. currentmodule:: {module_name}",
        "",
        ".. autosummary::",
        "   :toctree: generated",
        "   :nosignatures:",
        "",
    ]
    return lines + [f"   {name}" for name in names] + [""]


def api_page() -> str:
    top = [
        n
        for n in qca.__all__
        if not inspect.ismodule(getattr(qca, n)) and not n.startswith("_")
    ]
    lines = [
        "API reference",
        "=============",
        "",
        "Every public name, from the package's ``__all__`` lists; each page is the docstring,",
        "whose examples run on the bundled data sets (they are doctests of the test suite).",
        "",
        "Top level (``import qca``)",
        "--------------------------",
        "",
        *_table("qca", sorted(top, key=str.lower)),
    ]
    shown = {id(getattr(qca, n)) for n in top}
    for module in _public_modules():
        # a name re-exported at the top level is documented there, once
        names = [
            n
            for n in getattr(module, "__all__", [])
            if not inspect.ismodule(getattr(module, n)) and id(getattr(module, n)) not in shown
        ]
        if not names:
            continue
        title = f"``{module.__name__}``"
        summary = (inspect.getdoc(module) or "").strip().split("\n\n")[0].replace("\n", " ")
        lines += [title, "-" * len(title), "", summary, "", *_table(module.__name__, sorted(names, key=str.lower))]
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def datasets_page() -> str:
    lines = [
        "# Bundled data sets",
        "",
        "Load any of them with `qca.datasets.load(name)` (a DataFrame indexed by case name);",
        "`qca.datasets.info(name)` returns what is below as a dict. Most come from R's QCA package",
        "(the file `data/rqca/datasets.toml` records where each description comes from); the",
        "`collaboration` data set is this package's own study (`data/collaboration/README.md`).",
        "",
        "| name | title | set type | outcome | cases |",
        "| --- | --- | --- | --- | --- |",
    ]
    infos = [qca.datasets.info(name) for name in qca.datasets.list()]
    for info in infos:
        lines.append(
            f"| [{_md_escape(info['name'])}](#data-{info['name'].lower().replace('.', '-')}) | "
            f"{_md_escape(str(info.get('title', '')))} | {info.get('set_type', '')} | "
            f"{_md_escape(str(info.get('outcome', '') or ''))} | {info.get('n_cases', '')} |"
        )
    lines.append("")
    for info in infos:
        anchor = "data-" + info["name"].lower().replace(".", "-")
        lines += [f"({anchor})=", f"## {_md_escape(info['name'])}: {_md_escape(str(info.get('title', '')))}", ""]
        for key, label in (("units", "Units"), ("set_type", "Set type"), ("outcome", "Outcome"), ("source", "Source")):
            if info.get(key):
                lines.append(f"**{label}:** {_md_escape(str(info[key]))}  ")
        lines.append("")
        codebook = info.get("codebook") or {}
        if codebook:
            lines += ["| column | meaning |", "| --- | --- |"]
            lines += [f"| `{column}` | {_md_escape(str(text))} |" for column, text in codebook.items()]
            lines.append("")
        if info.get("notes"):
            lines += [f"*Notes.* {_md_escape(str(info['notes']))}", ""]
        citations = info.get("citation") or []
        if isinstance(citations, str):
            citations = [citations]
        if citations:
            lines += ["*Cite:*", ""] + [f"- {_md_escape(c)}" for c in citations] + [""]
    return "\n".join(lines)
