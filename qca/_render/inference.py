"""Notebook views of the results of :mod:`qca.inference` (their ``_repr_html_``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .html import html_table
from .limits import MAX_ROWS

__all__ = ["inference_html"]


def inference_html(result: Any) -> str:
    """The result's ``to_frame()`` as an HTML table (the first rows), captioned with its ``repr``.

    For any result of :mod:`qca.inference` (PermutationResult, BootstrapResult, PowerResult).
    """
    frame = result.to_frame()
    shown = frame.iloc[:MAX_ROWS]
    rows = [[_cell(v) for v in values] for values in shown.itertuples(index=False)]
    return html_table(
        [str(c) for c in frame.columns],
        rows,
        index=[str(i) for i in shown.index],
        index_name=str(frame.index.name or ""),
        caption=repr(result),
        max_rows=MAX_ROWS,
        total_rows=len(frame),
        attr="to_frame()",
        noun="test",
        scroll=True,
    )


def _cell(value: Any) -> Any:
    """A cell: flags as yes/no, everything else as html_table formats it."""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    return value
