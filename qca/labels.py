"""Category labels in printed terms (R's ``replaceCategories``, used with ``use.labels``).

A multi-value condition's levels often stand for named categories (declared or labelled data:
``DEV`` = 0 "poor", 1 "middle", 2 "rich"). :func:`replace_categories` writes each literal of a
term as its category's label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .exceptions import QCAError

__all__ = ["replace_categories"]

_LITERAL = re.compile(r"(~?)([A-Za-z_.][\w.]*)(?:[\[{](\d+)[\]}])?")


def replace_categories(
    terms: str | Sequence[str], categories: Mapping[str, Sequence[str]]
) -> str | list[str]:
    """Write the literals of ``terms`` as the labels of their categories.

    Parameters
    ----------
    terms : str or sequence of str
        Terms or expressions as qca (and R) write them: ``"DEV[2] + DEV[1]*STB[1]"``.
    categories : mapping
        ``{condition: [label of level 0, label of level 1, ...]}``. Conditions not named keep
        their literals.

    Returns
    -------
    str or list of str
        As ``terms``. As R: when every term has levels in brackets, ``A[v]`` becomes the label of
        level ``v``; otherwise (crisp terms) ``~A`` becomes the label of level 0 and ``A`` that of
        level 1.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8)
    >>> model = qca.minimize(tt, include="?").models[0]
    >>> model.terms
    ('DEV[2]', 'DEV[1]*STB[1]')
    >>> qca.replace_categories(list(model.terms), {"DEV": ["poor", "middle", "rich"]})
    ['rich', 'middle*STB[1]']
    >>> qca.replace_categories("~DEV + URB", {"DEV": ["poor", "rich"], "URB": ["rural", "urban"]})
    'poor + urban'
    """
    single = isinstance(terms, str)
    items = [terms] if isinstance(terms, str) else [str(t) for t in terms]
    for name, labels in categories.items():
        if isinstance(labels, str) or not all(isinstance(label, str) for label in labels):
            raise QCAError(
                f"replace_categories(): the labels of {name!r} must be a list of strings (one per "
                f"level); got {labels!r}."
            )
    multivalue = bool(items) and all(re.search(r"[\[{]", t) for t in items)

    def replace(match: re.Match[str]) -> str:
        tilde, name, level = match.groups()
        labels = categories.get(name)
        if labels is None:
            return match.group(0)
        if multivalue:
            if level is None or tilde:
                return match.group(0)
            value = int(level)
        else:
            if level is not None:
                return match.group(0)
            value = 0 if tilde else 1
        if value >= len(labels):
            raise QCAError(
                f"replace_categories(): {match.group(0)!r} needs a label for level {value} of "
                f"{name!r}; `categories` gives {len(labels)}."
            )
        return str(labels[value])

    out = [_LITERAL.sub(replace, t) for t in items]
    return out[0] if single else out
