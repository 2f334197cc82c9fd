"""Sphinx configuration of the qca documentation site (``make docs``).

Pages are MyST Markdown; tutorials are MyST Markdown notebooks executed at every build by
myst-nb (so their printed output is qca's real output, and an example that breaks fails the
build); the API reference is generated from the docstrings (numpydoc) for every name in the
public modules' ``__all__``, so names added later show up without editing this site.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))

import _generate  # noqa: E402  (docs/_generate.py: the API and data-set pages, from the package)

import qca  # noqa: E402

project = "qca"
author = "The qca developers"
copyright = "the qca developers; GPL-3.0-or-later"
release = qca.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_nb",  # MyST Markdown pages and executed notebooks (brings myst-parser)
    "numpydoc",  # the docstrings' numpydoc sections
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "**.ipynb_checkpoints",
    "examples",  # study files, linked from the pages (not pages themselves)
    "img",
    "README.md",
]

# The generated pages (API reference, data sets) are rewritten at every build.
_generate.write_all(DOCS)

autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"members": True, "inherited-members": False}
autodoc_typehints = "none"  # numpydoc's Parameters sections say the types
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

myst_enable_extensions = ["colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 3

# Notebooks run at every build (CI builds from a fresh clone): their outputs are real. A failing
# cell fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 180
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# The schema pages show JSON shapes with placeholders (`[term]`, `...payload`) and CSV snippets,
# which Pygments cannot lex strictly; it falls back to plain text, which is what they are.
suppress_warnings = ["misc.highlighting_failure"]

html_theme = "pydata_sphinx_theme"
html_title = f"qca {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "header_links_before_dropdown": 7,
}
html_static_path: list[str] = []
html_last_updated_fmt = None


# -- pages other branches add -----------------------------------------------------------------
# docs/ is shared: pages such as inference.md, plots.md, robustness.md and r-users.md arrive
# from other work. The index lists them by name; a listed page that does not exist is dropped
# from its toctree, and a top-level page that exists but is listed nowhere is added to the
# last toctree ("More"), so that the build (warnings as errors) passes either way.
OPTIONAL_PAGES = ("inference", "plots", "r-users", "robustness", "collaboration")
# A top-level robustness.md is shown inside tutorials/robustness.md (included there).
if (DOCS / "robustness.md").exists():
    exclude_patterns.append("robustness.md")


def _page_exists(name: str) -> bool:
    return any((DOCS / f"{name}{suffix}").exists() for suffix in (".md", ".ipynb", ".rst"))


def _top_level_pages() -> list[str]:
    excluded = {p.removesuffix(".md") for p in exclude_patterns}
    names = {p.stem for p in DOCS.glob("*") if p.suffix in (".md", ".ipynb")}
    return sorted(n for n in names if n not in excluded and n != "index")


def _complete_index(app: object, docname: str, source: list[str]) -> None:
    if docname == "index":
        lines = source[0].split("\n")
        kept = [
            line
            for line in lines
            if not (
                line.strip() in OPTIONAL_PAGES
                and (not _page_exists(line.strip()) or line.strip() + ".md" in exclude_patterns)
            )
        ]
        text = "\n".join(kept)
        listed = {line.strip() for line in kept}
        unlisted = [name for name in _top_level_pages() if name not in listed]
        if unlisted:
            at = text.rindex("```")
            text = text[:at] + "".join(f"{name}\n" for name in unlisted) + text[at:]
        source[0] = text
    elif docname == "tutorials/robustness" and (DOCS / "robustness.md").exists():
        source[0] = source[0].replace(
            "<!-- robustness.md -->", "```{include} ../robustness.md\n:heading-offset: 1\n```"
        )


def setup(app: object) -> None:
    app.connect("source-read", _complete_index)  # type: ignore[attr-defined]
