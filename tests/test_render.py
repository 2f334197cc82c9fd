"""qca._render: text tables, the HTML table builder and stylesheet, caps and Summary."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import qca
from qca._render import html as render_html
from qca._render import text as render_text
from qca._render.html import STYLESHEET, Cell, Html, html_table, notebook, truth_table_html
from qca._render.limits import MAX_BLOCKS, MAX_ROWS, REPR_WIDTH, TRUTH_TABLE_ROWS
from qca._render.rlayout import (
    general_number,
    r_centre,
    r_justify,
    r_number,
    r_pretty_column,
    r_print_matrix,
)
from qca._render.summary import Summary, SummaryTable, truth_table_summary
from qca._render.text import (
    NA,
    fit_table,
    format_cut,
    format_number,
    join_capped,
    more_note,
    shorten,
    text_table,
    truth_table_lines,
    truth_table_repr,
    truth_table_text,
    verify_text,
)

RENDER = Path(__file__).resolve().parents[1] / "qca" / "_render"


# ---------------------------------------------------------------------------------------------
# Figures and short texts
# ---------------------------------------------------------------------------------------------


def test_format_number() -> None:
    assert format_number(0.81547) == "0.815"
    assert format_number(np.float64(1.0)) == "1.000"
    assert format_number(0.81547, 2) == "0.82"
    assert format_number(3) == "3" and format_number(np.int64(12)) == "12"
    assert format_number(float("nan")) == NA == "-"
    assert format_number(None) == "-"
    assert format_number("FI,IE") == "FI,IE"
    assert format_number(True) == "True"


def test_shorten_and_join_capped() -> None:
    assert shorten("short") == "short"
    long = "A*B + " * 30
    assert len(shorten(long)) == REPR_WIDTH and shorten(long).endswith("…")
    assert join_capped(["M1: A", "M2: B"]) == "M1: A; M2: B"
    assert join_capped(["M1: A", "M2: B", "M3: C", "M4: D"]) == "M1: A; M2: B; M3: C (+1 more)"
    capped = join_capped([long, "M2: B"])
    assert capped.endswith("(+1 more)") and len(capped) < REPR_WIDTH + 15
    assert join_capped([]) == ""


def test_more_note() -> None:
    assert more_note(4950, "row", "result.table") == (
        "… 4,950 more rows; `result.table` has them all"
    )
    assert more_note(1, "model", "sol.models") == "… 1 more model; `sol.models` has them all"


def test_limits_are_sane() -> None:
    assert 10 <= MAX_ROWS <= 1000 and 1 <= MAX_BLOCKS <= MAX_ROWS and 30 <= REPR_WIDTH <= 120


# ---------------------------------------------------------------------------------------------
# Text tables
# ---------------------------------------------------------------------------------------------


def test_text_table_layout() -> None:
    lines = text_table(
        ["incl", "cases"], [[0.8154, "FI,IE"], [float("nan"), "BE"]], index=["A*B", "C"]
    )
    assert lines == [
        "      incl  cases",
        "-----------------",
        "A*B  0.815  FI,IE",
        "C        -  BE",
        "-----------------",
    ]


def test_text_table_cap() -> None:
    rows = [[i / 100] for i in range(60)]
    lines = text_table(
        ["x"], rows, index=[f"r{i}" for i in range(60)], max_rows=50, attr="obj.rows"
    )
    assert len(lines) == 2 + 50 + 1 + 1
    assert lines[-1] == "… 10 more rows; `obj.rows` has them all"
    assert lines[-3].startswith("r49")


def test_fit_table_layout_and_na() -> None:
    table = pd.DataFrame(
        {"inclS": [0.81547, 0.5], "covU": [0.2, np.nan]}, index=["DEV*~IND", "expression"]
    )
    assert fit_table(table, "Sufficiency for Y").splitlines() == [
        "Sufficiency for Y",
        "",
        "                inclS    covU",
        "-----------------------------",
        "1  DEV*~IND     0.815   0.200",
        "2  expression   0.500       -",
        "-----------------------------",
    ]


def test_fit_table_cap() -> None:
    n = 120
    table = pd.DataFrame({"inclN": np.linspace(0, 1, n)}, index=[f"E{i}" for i in range(n)])
    lines = fit_table(table, "T").splitlines()
    assert lines[-1] == f"… {n - MAX_ROWS} more rows; `result.table` has them all"
    numbered = [line for line in lines if re.match(r"\s*\d+  E", line)]
    assert len(numbered) == MAX_ROWS
    assert fit_table(table, "T", max_rows=None).count("\n") == n + 4


def test_verify_text() -> None:
    assert verify_text("runs/a", [], []) == (
        "runs/a: identical: inputs and every number match (tolerance 1e-9)"
    )
    assert verify_text("runs/a", ["x changed"], ["numpy 1 at the run, 2 now"]) == (
        "runs/a: 1 difference(s)\n  - x changed\n  note: numpy 1 at the run, 2 now"
    )


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


def test_html_table_escapes_everything_shown() -> None:
    markup = html_table(
        ["a<b", "c&d"], [["<x> & y", 0.5]], index=["<AU>&"], caption="1 < 2", index_name="<i>"
    )
    assert "<AU>" not in markup and "&lt;AU&gt;&amp;" in markup
    assert "&lt;x&gt; &amp; y" in markup and "<x>" not in markup
    assert "<th>a&lt;b</th>" in markup and '<th class="num">c&amp;d</th>' in markup
    assert "<caption>1 &lt; 2</caption>" in markup and "<th>&lt;i&gt;</th>" in markup
    assert markup.startswith('<table class="qca-table">') and markup.endswith("</table>")


def test_html_table_numbers_na_and_cells() -> None:
    markup = html_table(
        ["inclS", "n", "cases"],
        [[0.81547, 3, Html("<b>BE</b>")], [np.nan, None, Cell("C", "out")]],
        index=["A", "B"],
    )
    assert '<td class="num">0.815</td><td class="num">3</td><td><b>BE</b></td>' in markup
    assert '<td class="num">-</td><td class="num">-</td><td class="out">C</td>' in markup
    assert "nan" not in markup.lower()
    assert '<th class="num">inclS</th>' in markup and "<th>cases</th>" in markup


def test_html_table_options() -> None:
    markup = html_table(
        ["x"],
        [["a"], ["b"]],
        numeric=[True],
        classes="extra",
        table_id="t1",
        row_classes=["hot", ""],
        scroll=True,
        head=False,
    )
    assert markup.startswith('<div class="qca-scroll"><table class="qca-table extra" id="t1">')
    assert "<thead>" not in markup
    assert '<tr class="hot"><td class="num">a</td></tr><tr><td class="num">b</td></tr>' in markup


def test_html_table_cap() -> None:
    rows = [[i] for i in range(5000)]
    markup = html_table(
        ["x"], rows, index=[str(i) for i in range(5000)], max_rows=50, attr="result.table"
    )
    assert markup.count("<tr>") == 1 + 50
    assert (
        '<tfoot><tr class="qca-more"><td colspan="2">… 4,950 more rows; '
        "<code>result.table</code> has them all</td></tr></tfoot>"
    ) in markup


def test_html_table_total_rows() -> None:
    markup = html_table(["x"], [[1], [2]], max_rows=2, total_rows=10, attr="t.table")
    assert markup.count("<tr>") == 1 + 2 and "… 8 more rows; <code>t.table</code>" in markup
    assert "qca-more" not in html_table(["x"], [[1], [2]], max_rows=2, total_rows=2)


def test_stylesheet_is_scoped_and_shared() -> None:
    rules = [rule.split("{")[0] for rule in STYLESHEET.split("}") if "{" in rule]
    for selectors in rules:
        for selector in selectors.split(","):
            assert re.match(r"\s*(table)?\.qca-", selector), selector
    view = notebook("<table></table>")
    assert view.startswith("<table></table><style>") and view.endswith("</style>")
    assert ".qca-table td.num" in view
    assert "url(" not in STYLESHEET and "@import" not in STYLESHEET


# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------


def _summary(n: int = 3) -> Summary:
    frame = pd.DataFrame(
        {"inclS": np.linspace(0, 1, n), "cases": ["a<b"] * n}, index=[f"T{i}" for i in range(n)]
    )
    frame.iloc[0, 0] = np.nan
    return Summary(
        title="Sufficiency for Y",
        header=(("outcome", "Y"), ("cut-offs", "incl_cut=0.8")),
        tables=(SummaryTable.from_frame(frame, caption="fit", attr="result.table"),),
        notes=(render_text.NA_MEANING,),
    )


def test_summary_text() -> None:
    lines = str(_summary()).splitlines()
    assert lines[:4] == [
        "Sufficiency for Y",
        "=================",
        "outcome:  Y",
        "cut-offs: incl_cut=0.8",
    ]
    assert "fit" in lines and lines[-1] == "- : undefined (0/0: no membership in the denominator)"
    assert any(line.split() == ["T0", "-", "a<b"] for line in lines)
    assert repr(_summary()) == "<Summary: Sufficiency for Y; 1 table(s)>"


def test_summary_html() -> None:
    markup = _summary()._repr_html_()
    assert markup.startswith('<div class="qca-summary"><h4>Sufficiency for Y</h4>')
    assert "<th>outcome</th><td>Y</td>" in markup and "a&lt;b" in markup
    assert "<style>" in markup


def test_summary_caps_and_is_frozen() -> None:
    summary = _summary(MAX_ROWS + 7)
    table = summary.tables[0]
    assert len(table.rows) == MAX_ROWS and table.hidden == 7
    assert "… 7 more rows; `result.table` has them all" in str(summary)
    assert "… 7 more rows; <code>result.table</code> has them all" in summary._repr_html_()
    assert table.to_frame().shape == (MAX_ROWS, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.title = "x"  # type: ignore[misc]
    assert isinstance(summary.tables, tuple) and isinstance(table.rows[0], tuple)


def test_empty_summary_table_is_left_out() -> None:
    empty = Summary(title="T", tables=(SummaryTable.from_frame(pd.DataFrame({"x": []})),))
    assert str(empty) == "T\n="
    assert "<table" not in empty._repr_html_()


# ---------------------------------------------------------------------------------------------
# Structure: the render modules import the results only for type checking
# ---------------------------------------------------------------------------------------------


def _runtime_imports(tree: ast.Module) -> list[str]:
    found = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize("path", sorted(RENDER.glob("*.py")), ids=lambda p: p.name)
def test_render_modules_do_not_import_results(path: Path) -> None:
    imports = _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
    for name in imports:
        assert not name.startswith(".."), (path.name, name)
        if name.startswith("."):
            assert name[1:] in (
                "limits",
                "rlayout",
                "text",
                "html",
                "summary",
                "ambiguity",
                "tables",
                "categories",
            ), (path.name, name)


def test_public_names_exist() -> None:
    for module in (render_text, render_html):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


# ---------------------------------------------------------------------------------------------
# Truth tables
# ---------------------------------------------------------------------------------------------


def _odd_truth_table(**options: Any) -> qca.TruthTable:
    data = pd.DataFrame(
        # condition names cannot hold markup (the identifier rule); case names can
        {"A": [1, 0, 1, 1], "B": [0, 1, 1, 1], "Y": [1, 0, 1, 0]},
        index=["<b>&", 'a"b', "it's", "<script>"],
    )
    return qca.truth_table(data, "Y", **options)


def test_r_layout_helpers() -> None:
    assert r_number(0.81547) == "0.815" and r_number(float("nan")) == "  -"
    assert r_number(None) == "  -" and general_number(1.0) == "1"
    assert r_justify(["1", "22"], "right") == [" 1", "22"]
    assert r_justify(["1", "22"], "left") == ["1 ", "22"] and r_justify([], "left") == []
    assert r_centre("ab", 5) == " ab  " and r_centre("abc", 2) == "abc"
    assert r_pretty_column("A", ["0", "1"]) == ("A ", ["0 ", "1 "])
    assert r_pretty_column("incl", ["0.5"]) == ("incl", ["0.5 "])
    # columns wrapped into blocks narrower than the width, each with its header
    columns = [(f"C{j}", ["1", "0"]) for j in range(6)]
    lines = r_print_matrix(["1", "2"], columns, 10)
    assert lines == [
        "  C0 C1",
        "1 1  1 ",
        "2 0  0 ",
        "  C2 C3",
        "1 1  1 ",
        "2 0  0 ",
        "  C4 C5",
        "1 1  1 ",
        "2 0  0 ",
    ]
    assert format_cut((0.8, 0.8)) == "0.8" and format_cut((1.0, 0.75)) == "(1, 0.75)"


def test_truth_table_views_are_the_delegations() -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    assert str(tt) == truth_table_text(tt) == "\n".join(truth_table_lines(tt)[1:-1])
    assert repr(tt) == truth_table_repr(tt)
    assert tt._repr_html_() == truth_table_html(tt)
    assert str(tt.summary()) == str(truth_table_summary(tt))


def test_truth_table_lines_are_r_layout() -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8, dcc=True)
    lines = truth_table_lines(tt)
    assert lines[0] == "" and lines[-1] == "" and "  DCC: deviant cases consistency" in lines
    assert lines[7].split() == ["DEV", "URB", "LIT", "IND", "STB", "OUT", "n", "incl", "PRI", "DCC"]
    assert lines[8].split() == [
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "3",
        "0.216",
        "0.000",
        "ES,GR,PT",
    ]
    narrow = truth_table_lines(tt, width=30)[7:]  # after the legend
    assert max(len(line) for line in narrow) < 30 and len(narrow) == 3 * (1 + len(tt.table)) + 1
    assert [line.split()[0] for line in narrow[::10][:3]] == ["DEV", "OUT", "DCC"]
    order = {"PT": 0, "GR": 1, "ES": 2}
    assert truth_table_lines(
        tt, case_order=order | {n: 3 for n in tt.memberships.index if n not in order}
    )[8].endswith("PT,GR,ES")


def test_truth_table_text_all_zero_and_too_large() -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=1)
    assert str(tt).splitlines()[-4:] == [
        "",
        "It seems that all output values have been coded to zero.",
        "Suggestion: lower the inclusion score for the presence of the outcome,",
        'the relevant argument is "incl.cut" which now has a value of 1.',
    ]
    data = pd.DataFrame(np.zeros((2, 12), dtype=int), columns=[f"C{j}" for j in range(11)] + ["Y"])
    big = qca.truth_table(data, "Y", complete=True)
    assert len(big.table) == 2048 > TRUTH_TABLE_ROWS
    assert str(big).startswith("Warning: The truth table is too large (2048 rows).")


def test_truth_table_repr_is_one_line() -> None:
    tt = _odd_truth_table(incl_cut=(1, 0.5), n_cut=2)
    assert repr(tt) == (
        "<TruthTable: 2 conditions, 3 observed rows (0 positive, 1 contradiction, "
        "2 below n_cut), 3 remainders; outcome Y; incl_cut=(1, 0.5)>"
    )
    assert "\n" not in repr(tt)


def test_truth_table_html_escapes_names() -> None:
    tt = _odd_truth_table(complete=True)
    markup = tt._repr_html_()
    assert "<b>&" not in markup and "<script>" not in markup and "&lt;script&gt;" in markup
    assert "&lt;b&gt;&amp;" in markup and "a&quot;b" in markup and "it&#x27;s" in markup
    assert '<th class="num">A</th>' in markup
    assert "<caption>&lt;TruthTable: 2 conditions" in markup


def test_truth_table_html_rows_classes_and_figures() -> None:
    tt = _odd_truth_table(complete=True, incl_cut=(1, 0.5))
    markup = truth_table_html(tt)
    assert markup.startswith('<table class="qca-table qca-truth-table"><caption>')
    assert markup.endswith("</style>") and ".qca-table tr.out-C td.out" in markup
    # the remainder (row 1) shows "-" for its undefined figures and no case
    assert (
        '<tr class="out-rem"><th>1</th><td class="num">0</td><td class="num">0</td>'
        '<td class="out">?</td><td class="num">0</td><td class="num">-</td>'
        '<td class="num">-</td><td></td></tr>'
    ) in markup
    assert (
        '<tr class="out-C"><th>4</th><td class="num">1</td><td class="num">1</td>'
        '<td class="out">C</td><td class="num">2</td><td class="num">0.500</td>'
    ) in markup
    assert "<td>&lt;script&gt;, it&#x27;s</td>" in markup
    assert "<th>row</th>" in markup and "<th>cases</th>" in markup
    hidden = _odd_truth_table(show_cases=False)._repr_html_()
    assert "<th>cases</th>" not in hidden and "<th>PRI</th>" not in hidden
    assert '<th class="num">PRI</th></tr>' in hidden
    dcc = _odd_truth_table(dcc=True)._repr_html_()
    assert "<th>DCC</th>" in dcc and "<td>&lt;script&gt;</td>" in dcc


def test_truth_table_html_hides_rows_below_n_cut_like_print() -> None:
    tt = _odd_truth_table(n_cut=2)
    markup = truth_table_html(tt)
    assert len(tt.table) == 3 and markup.count('<tr class="') == 1 == len(tt.table) - 2
    assert "<th>4</th>" in markup and "<th>2</th>" not in markup


def test_truth_table_html_cap() -> None:
    data = pd.DataFrame(np.zeros((2, 12), dtype=int), columns=[f"C{j}" for j in range(11)] + ["Y"])
    tt = qca.truth_table(data, "Y", complete=True)
    markup = tt._repr_html_()
    assert markup.count('<tr class="out-') == TRUTH_TABLE_ROWS
    assert (
        '<tfoot><tr class="qca-more"><td colspan="17">… 1,024 more rows; '
        "<code>tt.table</code> has them all</td></tr></tfoot>"
    ) in markup
    small = truth_table_html(tt, max_rows=3)
    assert small.count('<tr class="out-') == 3 and "… 2,045 more rows" in small


# ---------------------------------------------------------------------------------------------
# Solutions
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lf_solution() -> qca.Solution:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    return qca.minimize(tt, include="?")


def _many_models(sol: qca.Solution, n: int) -> qca.Solution:
    """``sol`` with ``n`` copies of its first model, named M1, M2, ..."""
    models = tuple(dataclasses.replace(sol.models[0], name=f"M{i}") for i in range(1, n + 1))
    return dataclasses.replace(sol, models=models)


def test_solution_views_are_the_delegations(lf_solution: qca.Solution) -> None:
    assert str(lf_solution) == render_text.solution_text(lf_solution)
    assert repr(lf_solution) == render_text.solution_repr(lf_solution)
    assert lf_solution._repr_html_() == render_html.solution_html(lf_solution)


def test_solution_text_caps_models(lf_solution: qca.Solution) -> None:
    sol = _many_models(lf_solution, 10_000)
    lines = str(sol).splitlines()
    assert lines[1] == "M1: DEV*~IND + URB*STB -> SURV"
    assert sum(line.startswith("M") and ":" in line for line in lines) == MAX_BLOCKS
    assert lines[MAX_BLOCKS + 1] == more_note(10_000 - MAX_BLOCKS, "model", "sol.models")
    assert "(M10)" in str(sol) and "(M11)" not in str(sol)
    assert len(str(sol)) < 5_000
    # ten models: no note, the same printout as uncapped
    ten = _many_models(lf_solution, MAX_BLOCKS)
    assert "more model" not in str(ten)
    assert str(ten) == render_text.solution_text(ten, max_blocks=100)


def test_solution_repr_is_one_short_line(lf_solution: qca.Solution) -> None:
    assert repr(lf_solution) == (
        "<Solution parsimonious: 1 model(s), 2 PIs; DEV*~IND + URB*STB -> SURV>"
    )
    sol = _many_models(lf_solution, 10_000)
    text = repr(sol)
    assert "\n" not in text and len(text) < 200
    assert text.startswith("<Solution parsimonious: 10000 model(s), 2 PIs;")
    assert "more)" in text


def test_solution_html_is_a_table_with_the_figures(lf_solution: qca.Solution) -> None:
    markup = lf_solution._repr_html_()
    assert "<pre>" not in markup and markup.count('<table class="qca-table qca-solution">') == 1
    assert "<caption>M1: DEV*~IND + URB*STB -&gt; SURV</caption>" in markup
    for figure in ("0.815", "0.721", "0.284", "0.194", "0.874", "0.850", "0.819", "0.714"):
        assert figure in markup
    assert "<th>DEV*~IND</th>" in markup and "BE,CZ,NL,UK" in markup
    assert '<tr class="model"><th>M1</th>' in markup


def test_solution_html_caps_models(lf_solution: qca.Solution) -> None:
    markup = _many_models(lf_solution, 10_000)._repr_html_()
    assert markup.count("<caption>") == MAX_BLOCKS
    assert "9,990 more models; <code>sol.models</code> has them all" in markup
    assert len(markup) < 30_000


def test_solution_views_escape(lf_solution: qca.Solution) -> None:
    model = dataclasses.replace(
        lf_solution.models[0],
        terms=("X<Y",),
        essential=("X<Y",),
        term_fit={"X<Y": {"inclS": 0.5, "PRI": 0.5, "covS": 0.5, "covU": 0.5}},
        implicants=None,
    )
    sol = dataclasses.replace(lf_solution, models=(model,))
    markup = sol._repr_html_()
    assert "X&lt;Y" in markup and "X<Y" not in markup
    assert "M1: X<Y -> SURV" in str(sol)


def test_solution_intermediate_views() -> None:
    tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    sol = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    assert str(sol).splitlines()[1] == "From C1P1: "
    markup = sol._repr_html_()
    assert "<caption>C1P1 M1: DEV*URB*LIT*STB + DEV*LIT*~IND*STB -&gt; SURV</caption>" in markup
    assert repr(sol).startswith("<Solution intermediate: 1 model(s)")
