"""Tables for papers: LaTeX (booktabs), Markdown (pipe tables) and standalone HTML of truth
tables, solutions, necessity and fit results, and configuration charts.

The layouts are the ones journals print: R's printed truth table (conditions, ``OUT``, ``n``,
``incl``, ``PRI``, cases); a solution as SetMethods' ``stargazerSol`` and R print it (one row per
term with ``inclS``, ``PRI``, ``covS``, ``covU``, then the model's row); necessity and fit tables
as R's ``superSubset`` and ``pof``. Written by hand rather than through pandas' ``Styler`` (which
needs jinja2, not a dependency of qca): the tables are small and their markup fixed. Numbers get
``decimals`` decimals, undefined figures (0/0) print as ``-``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from .html import STYLESHEET, html_table

if TYPE_CHECKING:  # pragma: no cover
    from ..configurations import ConfigurationChart

__all__ = [
    "configuration_html",
    "configuration_latex",
    "configuration_markdown",
    "frame_table",
    "html_document",
    "latex_table",
    "markdown_table",
    "result_table",
]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# in a term, ~ is negation: printed as an overbar-free "~" would be read as a tilde; journals
# print ~A as a tilde too, so the character is kept (escaped)


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _cell(value: Any, decimals: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.{decimals}f}"
    if hasattr(value, "item") and not isinstance(value, str):
        return _cell(value.item(), decimals)
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _numeric(rows: Sequence[Sequence[Any]], j: int) -> bool:
    values = [row[j] for row in rows if row[j] is not None]
    return bool(values) and all(
        isinstance(v, (int, float)) or (hasattr(v, "dtype") and v.dtype.kind in "iuf")
        for v in values
    )


def latex_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    decimals: int = 3,
    caption: str = "",
    label: str = "",
    rules_after: Sequence[int] = (),
    notes: str = "",
    math_cells: bool = False,
) -> str:
    """A booktabs ``table`` (needs ``\\usepackage{booktabs}``); ``rules_after`` are the row
    positions after which a ``\\midrule`` goes. With ``math_cells`` the cells are written as
    they are (already LaTeX)."""
    align = "".join("r" if _numeric(rows, j) else "l" for j in range(len(columns)))
    lines = ["\\begin{table}[htbp]", "\\centering"]
    if caption:
        lines.append(f"\\caption{{{latex_escape(caption)}}}")
    if label:
        lines.append(f"\\label{{{label}}}")
    lines += [f"\\begin{{tabular}}{{{align}}}", "\\toprule"]
    lines.append(" & ".join(latex_escape(c) for c in columns) + " \\\\")
    lines.append("\\midrule")
    for i, row in enumerate(rows):
        cells = [
            _cell(v, decimals) if math_cells and j > 0 else latex_escape(_cell(v, decimals))
            for j, v in enumerate(row)
        ]
        lines.append(" & ".join(cells) + " \\\\")
        if i in rules_after and i != len(rows) - 1:
            lines.append("\\midrule")
    lines += ["\\bottomrule", "\\end{tabular}"]
    if notes:
        lines.append(f"\\par\\smallskip{{\\footnotesize {latex_escape(notes)}}}")
    lines.append("\\end{table}")
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def markdown_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    decimals: int = 3,
    caption: str = "",
    notes: str = "",
) -> str:
    """A pipe table (GitHub / pandoc Markdown), numbers right-aligned."""
    cells = [[_md_escape(_cell(v, decimals)) for v in row] for row in rows]
    header = [_md_escape(c) for c in columns]
    widths = [max([len(header[j]), 3, *(len(r[j]) for r in cells)]) for j in range(len(columns))]
    numeric = [_numeric(rows, j) for j in range(len(columns))]

    def line(values: Sequence[str]) -> str:
        padded = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "| "
        + " | ".join(("-" * (w - 1) + ":") if num else "-" * w for w, num in zip(widths, numeric))
        + " |"
    )
    out = []
    if caption:
        out += [f"**{_md_escape(caption)}**", ""]
    out += [line(header), rule, *(line(r) for r in cells)]
    if notes:
        out += ["", _md_escape(notes)]
    return "\n".join(out) + "\n"


def html_document(body: str, title: str) -> str:
    """A standalone HTML page (the package's stylesheet inline) around ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLESHEET}</style></head>"
        f'<body class="qca">{body}</body></html>\n'
    )


def frame_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    *,
    decimals: int = 3,
    caption: str = "",
    label: str = "",
    rules_after: Sequence[int] = (),
    notes: str = "",
    standalone: bool = True,
) -> str:
    """One table in ``fmt`` (``"latex"``, ``"markdown"`` or ``"html"``)."""
    if fmt == "latex":
        return latex_table(
            columns, rows, decimals=decimals, caption=caption, label=label,
            rules_after=rules_after, notes=notes,
        )  # fmt: skip
    if fmt == "markdown":
        return markdown_table(columns, rows, decimals=decimals, caption=caption, notes=notes)
    numeric = [_numeric(rows, j) for j in range(1, len(columns))]
    body = html_table(
        list(columns[1:]),
        [list(r[1:]) for r in rows],
        index=[_cell(r[0], decimals) for r in rows],
        index_name=columns[0],
        numeric=numeric,
        decimals=decimals,
        caption=caption,
    )
    if notes:
        body += f'<p class="qca-note">{escape(notes)}</p>'
    return html_document(body, caption or "qca table") if standalone else body


_NA_NOTE = "-: undefined (0/0)."


def result_table(result: Any, fmt: str, *, decimals: int = 3, caption: str | None = None,
                 label: str = "", standalone: bool = True, cases: bool = True) -> str:  # fmt: skip
    """A truth table, solution, necessity or fit result as a table for a paper."""
    kind = type(result).__name__
    if kind == "TruthTable":
        columns, rows, rules, default = _truth_table_rows(result, cases)
    elif kind == "Solution":
        columns, rows, rules, default = _solution_rows(result)
    elif kind in ("NecessityResult", "FitTable"):
        frame = result.to_frame()
        columns = [frame.index.name or ("condition" if kind == "NecessityResult" else "set")]
        columns += [str(c) for c in frame.columns]
        rows = [[str(i), *(float(v) for v in r)] for i, r in zip(frame.index, frame.to_numpy())]
        rules = [len(rows) - 2] if kind == "FitTable" and len(rows) > 1 else []
        default = "Parameters of fit" if kind == "FitTable" else "Analysis of necessity"
        outcome = getattr(result, "outcome", None)
        if outcome:
            default += f" ({outcome})"
    else:
        raise TypeError(f"no paper table for {kind}")
    return frame_table(
        columns, rows, fmt, decimals=decimals, caption=default if caption is None else caption,
        label=label, rules_after=rules, notes=_NA_NOTE, standalone=standalone,
    )  # fmt: skip


def _truth_table_rows(tt: Any, cases: bool) -> tuple[list[str], list[list[Any]], list[int], str]:
    table = tt.table
    conditions = list(tt.conditions)
    columns = ["row", *conditions, "OUT", "n", "incl", "PRI"] + (["cases"] if cases else [])
    rows = []
    for row_id, record in table.iterrows():
        values: list[Any] = [str(row_id), *(int(record[c]) for c in conditions)]
        values += [
            str(record["OUT"]),
            int(record["n"]),
            float(record["incl"]),
            float(record["PRI"]),
        ]
        if cases:
            values.append(", ".join(str(c) for c in record["cases"]))
        rows.append(values)
    return columns, rows, [], f"Truth table ({tt.outcome})"


def _solution_rows(sol: Any) -> tuple[list[str], list[list[Any]], list[int], str]:
    columns = ["term", "inclS", "PRI", "covS", "covU"]
    rows: list[list[Any]] = []
    rules: list[int] = []
    for model in sol.models:
        for term in model.terms:
            fit = model.term_fit[term]
            rows.append([term, *(float(fit[k]) for k in ("inclS", "PRI", "covS", "covU"))])
        rules.append(len(rows) - 1)
        rows.append(
            [
                f"{model.name} (solution)",
                *(float(model.fit[k]) for k in ("inclS", "PRI", "covS")),
                None,
            ]
        )
        rules.append(len(rows) - 1)
    kind = str(sol.options.get("kind", ""))
    return (
        columns,
        rows,
        rules,
        f"{kind.capitalize() or 'Minimal'} solution for {sol.outcome}".strip(),
    )


# -- configuration charts ---------------------------------------------------------------------
_LATEX_SYMBOLS = {
    ("present", "core"): r"{\Large$\bullet$}",
    ("present", "peripheral"): r"$\bullet$",
    ("absent", "core"): r"{\Large$\otimes$}",
    ("absent", "peripheral"): r"$\otimes$",
}
_CHART_NOTES = (
    "Large symbols: core conditions (in the parsimonious solution); small: peripheral "
    "conditions (in the intermediate solution only); filled circle: present; crossed circle: "
    "absent; blank: don't care."
)


def _chart_rows(
    chart: ConfigurationChart, symbol: Any, decimals: int
) -> tuple[list[str], list[list[Any]]]:
    columns = ["Condition", *(str(i) for i in range(1, len(chart.configurations) + 1))]
    rows: list[list[Any]] = []
    for condition in chart.conditions:
        rows.append([condition, *(symbol(condition, t) for t in chart.configurations)])
    fit = chart.fit
    for label, key in (
        ("Consistency", "inclS"),
        ("PRI", "PRI"),
        ("Raw coverage", "covS"),
        ("Unique coverage", "covU"),
    ):
        rows.append(
            [label, *(_cell(float(fit.loc[t, key]), decimals) for t in chart.configurations)]
        )
    blank = [""] * (len(chart.configurations) - 1)
    rows.append(["Solution consistency", _cell(chart.solution_fit["inclS"], decimals), *blank])
    rows.append(["Solution coverage", _cell(chart.solution_fit["covS"], decimals), *blank])
    return columns, rows


def configuration_latex(chart: ConfigurationChart, *, decimals: int = 2, caption: str | None = None, label: str = "") -> str:  # fmt: skip
    """The chart as a booktabs table (symbols as LaTeX math)."""

    def symbol(condition: str, term: str) -> str:
        cell = chart.cells.get((condition, term))
        return "" if cell is None else _LATEX_SYMBOLS[cell]

    columns, rows = _chart_rows(chart, symbol, decimals)
    n = len(chart.conditions)
    return latex_table(
        columns, rows, decimals=decimals, caption=caption or f"Configurations for {chart.model}",
        label=label, rules_after=[n - 1, n + 3], notes=_CHART_NOTES, math_cells=True,
    )  # fmt: skip


def configuration_markdown(chart: ConfigurationChart, *, decimals: int = 2, caption: str | None = None) -> str:  # fmt: skip
    """The chart as a pipe table (● • ⨂ ⊗)."""
    columns, rows = _chart_rows(chart, chart.symbol, decimals)
    return markdown_table(
        columns, rows, decimals=decimals, caption=caption or f"Configurations for {chart.model}",
        notes="●/⨂ core present/absent, •/⊗ peripheral present/absent, blank: don't care.",
    )  # fmt: skip


def configuration_html(chart: ConfigurationChart, *, decimals: int = 2, caption: str | None = None, standalone: bool = True) -> str:  # fmt: skip
    """The chart as HTML (standalone page by default)."""
    columns, rows = _chart_rows(chart, chart.symbol, decimals)
    body = html_table(
        columns[1:],
        [r[1:] for r in rows],
        index=[r[0] for r in rows],
        index_name=columns[0],
        numeric=[False] * (len(columns) - 1),
        caption=caption or f"Configurations for {chart.model}",
    )
    body += f'<p class="qca-note">{escape(_CHART_NOTES)}</p>'
    return html_document(body, f"Configurations for {chart.model}") if standalone else body


class PaperTables:
    """``to_latex()``, ``to_markdown()`` and ``to_html()`` of a result (mixed into TruthTable,
    Solution, NecessityResult and FitTable)."""

    __slots__ = ()

    def to_latex(
        self, *, decimals: int = 3, caption: str | None = None, label: str = "", **options: Any
    ) -> str:
        """The result as a LaTeX booktabs table, in the layout R prints (needs
        ``\\usepackage{booktabs}``).

        Examples
        --------
        >>> import qca
        >>> lf = qca.datasets.load("LF")
        >>> print(qca.fit("DEV*~IND + URB*STB", lf, "SURV").to_latex().splitlines()[3])
        \\begin{tabular}{lrrrr}
        """
        return result_table(
            self, "latex", decimals=decimals, caption=caption, label=label, **options
        )

    def to_markdown(self, *, decimals: int = 3, caption: str | None = None, **options: Any) -> str:
        """The result as a Markdown pipe table.

        Examples
        --------
        >>> import qca
        >>> lf = qca.datasets.load("LF")
        >>> print(qca.fit("DEV*~IND + URB*STB", lf, "SURV").to_markdown(caption=""))
        | set        | inclS |   PRI |  covS |  covU |
        | ---------- | ----: | ----: | ----: | ----: |
        | DEV\\*~IND  | 0.815 | 0.721 | 0.284 | 0.194 |
        | URB\\*STB   | 0.874 | 0.845 | 0.520 | 0.430 |
        | expression | 0.850 | 0.819 | 0.714 |     - |
        <BLANKLINE>
        -: undefined (0/0).
        <BLANKLINE>
        """
        return result_table(self, "markdown", decimals=decimals, caption=caption, **options)

    def to_html(
        self,
        *,
        decimals: int = 3,
        caption: str | None = None,
        standalone: bool = True,
        **options: Any,
    ) -> str:
        """The result as HTML: a page that stands alone (styles inline), or with
        ``standalone=False`` the table only."""
        return result_table(
            self, "html", decimals=decimals, caption=caption, standalone=standalone, **options
        )
