"""Text and HTML views of :class:`qca.minimize.ambiguity.Ambiguity` (capped listings)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .html import html_table
from .limits import MAX_ROWS

if TYPE_CHECKING:  # pragma: no cover
    from ..minimize.ambiguity import Ambiguity

__all__ = ["ambiguity_html", "ambiguity_line", "ambiguity_text"]


def ambiguity_line(amb: Ambiguity) -> str:
    """One line: how many models, how many PIs every model shares and how many only some use."""
    if amb.n_models == 0:
        return "no model"
    if amb.n_models == 1:
        return "none: one model"
    return (
        f"{amb.n_models:,} models: {len(amb.in_every)} PI(s) in every model, "
        f"{len(amb.in_some)} in some"
    )


def _fmt(value: float) -> str:
    return "-" if value != value else f"{value:.3f}"


def ambiguity_text(amb: Ambiguity, max_rows: int = MAX_ROWS) -> str:
    """The summary line, the PIs with their frequency and the models' fit (capped)."""
    lines = [f"Model ambiguity: {ambiguity_line(amb)}"]
    if amb.n_models == 0:
        return lines[0]
    if amb.n_found is not None and amb.n_found > amb.n_models:
        lines.append(f"(the first {amb.n_models:,} of {amb.n_found:,} models: raise max_models)")
    lines.append("in every model: " + (", ".join(amb.in_every) or "none"))
    if amb.in_some:
        lines.append("in some models:")
        width = max(len(p) for p in amb.in_some[:max_rows])
        for pi in amb.in_some[:max_rows]:
            lines.append(f"  {pi:<{width}}  {amb.frequency[pi]}/{amb.n_models}")
        if len(amb.in_some) > max_rows:
            lines.append(f"  … {len(amb.in_some) - max_rows:,} more; `.in_some` has them all")
    fit = amb.fit
    shown = fit.head(max_rows)
    width = max(len(str(e)) for e in shown["expression"])
    lines.append(f"{'':4}{'':{width}}  inclS   PRI    covS")
    for name, row in shown.iterrows():
        lines.append(
            f"{name:<4}{row['expression']:<{width}}  {_fmt(row['inclS'])}  "
            f"{_fmt(row['PRI'])}  {_fmt(row['covS'])}"
        )
    if len(fit) > max_rows:
        lines.append(f"… {len(fit) - max_rows:,} more models; `.fit` has them all")
    return "\n".join(lines)


def ambiguity_html(amb: Ambiguity, max_rows: int = MAX_ROWS) -> str:
    """The same as :func:`ambiguity_text`, as HTML tables."""
    head = f"<p><b>Model ambiguity:</b> {escape(ambiguity_line(amb))}</p>"
    if amb.n_models == 0:
        return head
    frame = amb.to_frame()
    pis = html_table(
        ["models", "share", "in every model"],
        [[int(r.models), float(r.share), "yes" if r.in_every else ""] for r in frame.itertuples()],
        index=list(frame.index),
        index_name="PI",
        numeric=[True, True, False],
        caption="Prime implicants across models",
        max_rows=max_rows,
        attr="ambiguity.to_frame()",
        noun="PI",
    )
    fit = amb.fit
    models = html_table(
        ["expression", "inclS", "PRI", "covS"],
        [[r.expression, r.inclS, r.PRI, r.covS] for r in fit.itertuples()],
        index=list(fit.index),
        index_name="model",
        numeric=[False, True, True, True],
        caption="Models' fit",
        max_rows=max_rows,
        attr="ambiguity.fit",
        noun="model",
    )
    return head + pis + models
