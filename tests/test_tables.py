"""Tables for papers: to_latex(), to_markdown(), to_html() of every result."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pytest

import qca


@pytest.fixture(scope="module")
def lf():
    return qca.datasets.load("LF")


@pytest.fixture(scope="module")
def results(lf):
    tt = qca.truth_table(lf, "SURV", incl_cut=0.8)
    cvf = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    inter = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    return {
        "truth_table": tt,
        "solution": qca.minimize(cvf, include="?"),
        "necessity": qca.necessity(lf, "SURV"),
        "fit": qca.fit("DEV*~IND + URB*STB", lf, "SURV"),
        "chart": qca.configuration_chart(inter),
    }


def _expected_rows(name, result):
    """The rows each table must have, from the result itself."""
    if name == "truth_table":
        return [[str(r)] for r in result.table.index]
    if name == "solution":
        rows = []
        for model in result.models:
            rows += [
                [t, *(model.term_fit[t][k] for k in ("inclS", "PRI", "covS", "covU"))]
                for t in model.terms
            ]
            rows.append(
                [
                    f"{model.name} (solution)",
                    *(model.fit[k] for k in ("inclS", "PRI", "covS")),
                    None,
                ]
            )
        return rows
    frame = result.to_frame()
    return [[str(i), *r] for i, r in zip(frame.index, frame.to_numpy().tolist())]


def _fmt(value, decimals=3):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    return f"{value:.{decimals}f}" if isinstance(value, float) else str(value)


@pytest.mark.parametrize("name", ["truth_table", "solution", "necessity", "fit"])
def test_latex_rows_hold_the_results_numbers(results, name):
    result = results[name]
    latex = result.to_latex(caption="T", label="tab:x")
    assert latex.startswith("\\begin{table}") and latex.rstrip().endswith("\\end{table}")
    assert "\\caption{T}" in latex and "\\label{tab:x}" in latex
    body = latex.split("\\midrule", 1)[1].split("\\bottomrule")[0]
    rows = [
        r.rstrip(" \\") for r in body.strip().splitlines() if r.strip() and r.strip() != "\\midrule"
    ]
    header = latex.split("\\toprule")[1].split("\\midrule")[0].strip()
    n_columns = header.count("&") + 1
    assert all(r.count("&") == n_columns - 1 for r in rows)
    expected = _expected_rows(name, result)
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected):
        cells = [c.strip() for c in row.split("&")]
        assert cells[0].replace("\\textasciitilde{}", "~") == want[0]
        if name != "truth_table":
            assert cells[1:] == [_fmt(v) for v in want[1:]]


@pytest.mark.parametrize("name", ["truth_table", "solution", "necessity", "fit"])
def test_markdown_is_a_pipe_table(results, name):
    result = results[name]
    text = result.to_markdown(caption="")
    lines = [line for line in text.splitlines() if line.startswith("|")]
    pipes = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
    assert len(pipes) == 1
    assert re.fullmatch(r"\|( -+:? \|)+", lines[1])
    expected = _expected_rows(name, result)
    assert len(lines) - 2 == len(expected)
    for line, want in zip(lines[2:], expected):
        cells = [c.strip().replace("\\*", "*") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert cells[0] == want[0]
        if name != "truth_table":
            assert cells[1:] == [_fmt(v) for v in want[1:]]


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        self.rows += tag == "tr"


@pytest.mark.parametrize("name", ["truth_table", "solution", "necessity", "fit", "chart"])
def test_html_stands_alone(results, name):
    page = results[name].to_html()
    assert (
        page.startswith("<!DOCTYPE html>")
        and "<style>" in page
        and page.rstrip().endswith("</html>")
    )
    fragment = results[name].to_html(standalone=False)
    assert "<!DOCTYPE" not in fragment and "<table" in fragment
    parser = _Rows()
    parser.feed(fragment)
    if name != "chart":
        assert parser.rows == len(_expected_rows(name, results[name])) + 1


def test_truth_table_layout_is_rs(results):
    tt = results["truth_table"]
    header = tt.to_markdown(caption="").splitlines()[0]
    assert [c.strip() for c in header.strip("|").split("|")] == [
        "row", "DEV", "URB", "LIT", "IND", "STB", "OUT", "n", "incl", "PRI", "cases"
    ]  # fmt: skip
    assert (
        "| 32  |   1 |   1 |   1 |   1 |   1 | 1   |   4 | 0.904 | 0.886 | BE, CZ, NL, UK |"
        in tt.to_markdown()
    )
    assert "cases" not in tt.to_latex(cases=False)


def test_configuration_chart_tables(results):
    chart = results["chart"]
    md = chart.to_markdown()
    assert "| IND                  |      | ⨂    |" in md
    latex = chart.to_latex()
    assert "IND &  & {\\Large$\\otimes$} \\\\" in latex
    assert "DEV & $\\bullet$ & {\\Large$\\bullet$} \\\\" in latex
    assert "Solution consistency & 0.87 &  \\\\" in latex


def test_latex_escapes_special_characters():
    from qca._render.tables import latex_escape

    assert latex_escape("A_1 & ~B % 50$") == "A\\_1 \\& \\textasciitilde{}B \\% 50\\$"
