"""Data from a known causal structure, and the size of the search space (R's ``generate`` and
``complexity``).

:func:`generate` writes the truth table of a sum of products: every configuration of the
conditions, with the outcome 1 where the expression is true -- data whose minimization must give
the expression back, for simulations and for testing methods. :func:`complexity` counts the
candidate terms of each complexity layer (terms with k literals), the size of the space a
prime-implicant search walks through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._core.encode import all_configurations
from .exceptions import QCAError
from .expressions import parse

__all__ = ["complexity", "generate"]


def generate(
    expression: str,
    conditions: Sequence[str] | None = None,
    noflevels: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Every configuration of the conditions, with the outcome the expression gives it.

    Parameters
    ----------
    expression : str
        A sum of products, optionally with its outcome: ``"A + ~B*C"``, ``"DEV*~IND + URB*STB
        -> SURV"`` (``=>`` too; ``<=>`` / ``<->`` as well, read the same way).
    conditions : sequence of str, optional
        The conditions, in this order; default: the names in the expression, alphabetically
        (as R).
    noflevels : sequence of int, optional
        Levels of each condition (default 2 each; multi-value expressions need them).

    Returns
    -------
    pandas.DataFrame
        One row per configuration (index 1, 2, ...: R's row ids), the conditions and the outcome
        column (named after ``-> Y``, else ``"OUT"``), 0/1.

    Examples
    --------
    The data a parsimonious model of Lipset's data describes:

    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> model = qca.minimize(tt, include="?").models[0]
    >>> data = qca.generate(model.expression + " -> SURV")
    >>> list(data.columns)
    ['DEV', 'IND', 'STB', 'URB', 'SURV']
    >>> data["SURV"].tolist()
    [0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1]
    >>> tt = qca.truth_table(data.set_axis([f"c{i}" for i in data.index]), "SURV")
    >>> qca.minimize(tt, include="?").models[0].expression
    'DEV*~IND + STB*URB'
    """
    if not isinstance(expression, str) or not expression.strip():
        raise QCAError(f"generate(): `expression` must be a non-empty string; got {expression!r}.")
    outcome = "OUT"
    text = expression
    split = re.split(r"<=>|<->|=>|->", expression)
    if len(split) == 2:
        text, outcome = split[0], split[1].strip()
        if not outcome:
            raise QCAError(f"generate(): no outcome after the arrow in {expression!r}.")
    elif len(split) > 2:
        raise QCAError(f"generate(): more than one arrow in {expression!r}.")
    elif re.search(r"<=|<-", expression):
        raise QCAError(
            "generate(): Invalid expression, the relation should (also) indicate sufficiency "
            f"('->'); got {expression!r}."
        )
    names = sorted({lit.condition for t in parse(text).terms for lit in t.literals})
    if conditions is not None:
        missing = [n for n in names if n not in conditions]
        if missing:
            raise QCAError(f"generate(): the expression uses {missing}, not in `conditions`.")
        names = [str(c) for c in conditions]
    if outcome in names:
        raise QCAError(f"generate(): the outcome {outcome!r} is also a condition.")
    levels = [2] * len(names) if noflevels is None else [int(n) for n in noflevels]
    if len(levels) != len(names) or any(n < 2 for n in levels):
        raise QCAError(
            f"generate(): `noflevels` must give a number >= 2 for each of {names}; got "
            f"{noflevels!r}."
        )
    configurations = all_configurations(levels)
    frame = pd.DataFrame(
        configurations, columns=names, index=pd.RangeIndex(1, len(configurations) + 1)
    )
    membership = parse(text, conditions=names, noflevels=levels).membership(frame)
    frame[outcome] = np.asarray(membership, dtype=np.int64)
    return frame


def complexity(
    n: int, layers: Sequence[int] | None = None, noflevels: Sequence[int] | None = None
) -> list[int]:
    """Number of candidate terms with k literals, for each layer k (R's ``complexity``).

    A term of layer k picks k of the ``n`` conditions and a level of each:
    ``sum over k-subsets S of prod(noflevels[j] for j in S)``.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> qca.complexity(len(tt.conditions))
    [10, 40, 80, 80, 32]
    >>> qca.complexity(5)
    [10, 40, 80, 80, 32]
    >>> qca.complexity(4, layers=[2, 3], noflevels=[3, 2, 2, 2])
    [30, 44]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise QCAError(f"complexity(): `n` must be a whole number >= 1; got {n!r}.")
    levels = [2] * n if noflevels is None else [int(v) for v in noflevels]
    if len(levels) != n:
        raise QCAError(f"complexity(): `noflevels` must have {n} entries; got {len(levels)}.")
    wanted = list(range(1, n + 1)) if layers is None else [int(k) for k in layers]
    if any(not 1 <= k <= n for k in wanted):
        raise QCAError(f"complexity(): `layers` must be in 1..{n}; got {list(wanted)}.")
    # the elementary symmetric polynomials of the levels: e_k = sum of products of k of them
    e = [1] + [0] * n
    for value in levels:
        for k in range(n, 0, -1):
            e[k] += e[k - 1] * value
    return [int(e[k]) for k in wanted]
