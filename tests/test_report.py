"""qca.study.report: the HTML report is self-contained, complete and escapes what it shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qca.study import load_study, render_report, run_study

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lipset_html():
    result = run_study(load_study(REPO / "docs" / "examples" / "lipset.toml"))
    return result, render_report(result)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id":
                self.ids.append(value)


def test_report_is_self_contained(lipset_html):
    _, html = lipset_html
    parser = _Collect()
    parser.feed(html)
    # nothing is fetched: no external resources, scripts or stylesheets
    fetched = [
        (t, n, v)
        for t, n, v in parser.attrs
        if n in ("src", "href") and v and not v.startswith("#")
    ]
    assert fetched == []
    assert "link" not in parser.tags and "script" not in parser.tags and "img" not in parser.tags
    assert "@import" not in html
    assert re.findall(r"url\((?!#)", html) == []  # only in-document references (SVG clip paths)
    # the only URLs are XML namespace names inside the inline SVG
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert len(parser.ids) == len(set(parser.ids)), "ids are unique"


def test_report_has_every_part(lipset_html):
    result, html = lipset_html
    for anchor in (
        "data",
        "anchors",
        "raw",
        "calibrated",
        "necessity",
        "sufficiency-SURV",
        "sufficiency-not-SURV",
        "tt-SURV",
        "tt-not-SURV",
        "finding",
    ):
        assert f'id="{anchor}"' in html, anchor
    for spec in result.study.calibration:
        assert spec.reason.replace(",", ",") in html.replace("&#x27;", "'")
    models = [m for a in result.sufficiency for m in a.models]
    assert len(models) == 6
    for model in models:
        assert f'<code class="expr">{model.expression}</code>' in html
    # one inline SVG XY plot per model, and the plot's title gives its fit
    assert html.count("<svg") == len(models)
    assert "inclS = 0.851, PRI = 0.820, covS = 0.716" in html  # DEV*~IND + URB*STB
    # truth table rows with their cases, typical and deviant cases
    assert "BE, CZ, NL, UK" in html
    assert "deviant (consistency)" in html and "typical" in html


def test_report_escapes_names(tmp_path):
    (tmp_path / "cases.csv").write_text(
        "case,A,B,Y\n<b>x</b>,0.9,0.8,0.9\ny&z,0.1,0.7,0.2\nw,0.8,0.2,0.7\nv,0.3,0.1,0.1\n"
    )
    (tmp_path / "s.toml").write_text(
        'schema_version = 1\n[study]\nname = "esc"\ntitle = "<script>alert(1)</script>"\n'
        '[data]\npath = "cases.csv"\ncase_column = "case"\n'
        '[analysis]\noutcome = "Y"\nconditions = ["A", "B"]\n[truth_table]\nincl_cut = 0.8\n'
        '[[sufficiency]]\nsolutions = ["conservative", "parsimonious"]\n'
    )
    html = render_report(run_study(load_study(tmp_path / "s.toml")))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "y&amp;z" in html


def test_report_notes_a_missing_solution(tmp_path):
    (tmp_path / "cases.csv").write_text("case,A,B,Y\np,0.9,0.8,0.1\nq,0.2,0.7,0.2\nr,0.8,0.1,0.3\n")
    (tmp_path / "s.toml").write_text(
        'schema_version = 1\n[study]\nname = "none"\n[data]\npath = "cases.csv"\ncase_column = "case"\n'
        '[analysis]\noutcome = "Y"\nconditions = ["A", "B"]\n[truth_table]\nincl_cut = 0.8\n'
        '[[sufficiency]]\nsolutions = ["parsimonious"]\n'
    )
    html = render_report(run_study(load_study(tmp_path / "s.toml")))
    assert 'class="note">No model: ' in html
    assert "None of the values in OUT is explained" in html or "no positive" in html.lower()


def test_dcc_shown_only_for_rows_coded_one(lipset_html):
    # R's DCC column lists the out-of-outcome cases of every row; in a row coded 0 they agree
    # with the coding, so the report leaves the cell empty there.
    result, html = lipset_html
    table_html = html[html.index('id="tt-SURV"') :]
    table_html = table_html[: table_html.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table_html, flags=re.S)[1:]
    tt = result.sufficiency[0].truth_table.table
    assert len(rows) == len(tt)
    for (row_id, r), row_html in zip(tt.iterrows(), rows):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row_html, flags=re.S)
        if str(r["OUT"]) == "0":
            assert cells[-1] == "", (row_id, cells[-1])
        elif len(r["DCC"]):
            assert all(case in cells[-1] for case in r["DCC"]), row_id
    assert any(str(r["OUT"]) == "0" and len(r["DCC"]) for _, r in tt.iterrows())


def test_report_uses_the_shared_stylesheet_and_table_builder(lipset_html):
    from qca._render.html import STYLESHEET

    _, html = lipset_html
    assert f"<style>{STYLESHEET}</style>" in html and '<body class="qca-report">' in html
    tables = re.findall(r"<table[^>]*>", html)
    assert len(tables) > 5 and all('class="qca-table' in tag for tag in tables)
    assert "nan" not in re.sub(r"<svg.*?</svg>", "", html, flags=re.DOTALL).lower().split()
