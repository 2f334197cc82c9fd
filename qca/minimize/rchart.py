"""Which models R QCA lists too: the models that use only the PIs of R's CCubes chart.

On large charts R's CCubes search leaves some prime implicants out of its chart (see
:mod:`qca._core.ccubes` and docs/internals.md, "R's CCubes chart"), and its list of models is
then a subset of qca's, which is complete. A model of qca's listing is *R-compatible* when all
its terms are in R's chart: R lists exactly those (when R's chart needs no more terms than the
full one; when it needs more, no model is R-compatible and R's models are not minimal).

The mark is computed for the searches R does with CCubes and qca can replay: parsimonious
solutions (``include="?"``) without ``row_dom``, ``dir_exp``, ``max_comb``, ``pi_cons`` or
``sol_cons``. Conservative solutions are R-compatible throughout (R's chart is complete there).
Elsewhere the mark is None (not known).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .._core.ccubes import r_found_primes, r_replay_is_cheap
from .models import Chart
from .problem import RowSets
from .solution import Model

__all__ = ["mark_r_compatible", "r_chart_mask"]


#: Above this many prime implicants the term-by-term replay of R's search (needed when some
#: conditions lie past R's comparison width) costs more than the minimization itself (seconds at
#: 10^5 PIs), so the mark is left unknown (None); R's own search is impractical there too.
REPLAY_MAX_PRIMES = 20_000


def r_chart_mask(chart: Chart, rows: RowSets) -> npt.NDArray[np.bool_] | None:
    """Mask over ``chart.codes``: the PIs R's CCubes chart holds for this parsimonious
    problem; None when the chart is too large to replay (:data:`REPLAY_MAX_PRIMES`)."""
    positive = np.asarray(rows.positive)
    observed = np.concatenate([positive, np.asarray(rows.off)]).reshape(-1, positive.shape[1])
    max_level = int(observed.max()) if observed.size else 0
    if not r_replay_is_cheap(chart.codes, max_level, REPLAY_MAX_PRIMES):
        return None
    order = np.argsort(np.asarray(chart.positive_ids), kind="stable")
    return r_found_primes(chart.codes, np.asarray(chart.chart)[:, order], max_level)


def mark_r_compatible(
    models: Sequence[Model], covers: Sequence[tuple[int, ...]], mask: npt.NDArray[np.bool_] | None
) -> tuple[tuple[Model, ...], int | None]:
    """The models with ``r_compatible`` set from the PIs R's chart holds (``mask``; None: every
    model is R-compatible), and how many are."""
    flags = [True if mask is None else bool(mask[list(c)].all()) for c in covers]
    marked = tuple(
        dataclasses.replace(model, r_compatible=flag) for model, flag in zip(models, flags)
    )
    return marked, sum(flags)
