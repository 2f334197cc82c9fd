"""Notebook views of the results of :mod:`qca.inference` (their ``_repr_html_``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .html import html_table
from .limits import MAX_ROWS
from .summary import Summary, SummaryTable
from .text import NA_MEANING, join_capped

__all__ = ["bootstrap_summary", "inference_html", "permutation_summary", "power_summary"]


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


def permutation_summary(result: Any) -> Summary:
    """``summary()`` of a PermutationResult: the null, the draws, the correction, which tests are
    distinguishable from chance, and the tests (at most ``MAX_ROWS``)."""
    frame = result.to_frame()
    hits = [str(label) for label in frame.index[frame["distinguishable"].to_numpy()]]
    return Summary(
        title=f"Permutation test of sufficiency for {result.outcome}",
        header=(
            ("null", f"{result.outcome} unrelated to the set (shuffled over the cases)"),
            ("draws", f"{result.n_permutations:,} permutations; seed {result.seed_entropy}"),
            ("correction", f"{result.correction} over {len(frame)} tests"),
            (
                "distinguishable",
                f"{len(hits)} of {len(frame)} at {result.alpha:g} (adjusted p): "
                + (join_capped(hits, sep=", ", limit=10) if hits else "none"),
            ),
        ),
        tables=(SummaryTable.from_frame(frame, attr="to_frame()", noun="test"),),
        notes=(
            "n sum of memberships in the set (cases, for crisp sets); p_* = (1 + permutations "
            "reaching the observed figure) / (1 + permutations); *_adj corrected over the tests",
            NA_MEANING,
        ),
    )


def bootstrap_summary(result: Any) -> Summary:
    """``summary()`` of a BootstrapResult."""
    frame = result.to_frame()
    undefined = sum(max(values, default=0) for values in result.undefined.values())
    return Summary(
        title=f"Bootstrap intervals for {result.outcome}",
        header=(
            ("method", f"{result.method}, level {result.confidence_level:g}"),
            ("draws", f"{result.n_resamples:,} resamples of the cases; seed {result.seed_entropy}"),
            (
                "undefined",
                "none"
                if not undefined
                else f"up to {undefined:,} resamples per set left out (0/0)",
            ),
        ),
        tables=(SummaryTable.from_frame(frame, attr="to_frame()", noun="set"),),
        notes=(NA_MEANING,),
    )


def power_summary(result: Any) -> Summary:
    """``summary()`` of a PowerResult."""
    return Summary(
        title=f"Power of the permutation test for {result.outcome}",
        header=(
            ("cases", f"{result.n_cases:,} drawn with replacement from the observed cases"),
            (
                "draws",
                f"{result.n_simulations:,} samples x {result.n_permutations:,} permutations; "
                f"seed {result.seed_entropy}",
            ),
            ("level", f"{result.alpha:g} (uncorrected)"),
        ),
        tables=(SummaryTable.from_frame(result.to_frame(), attr="to_frame()", noun="set"),),
    )
