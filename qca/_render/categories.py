"""Category labels of conditions in printed results (``categories=`` of :func:`qca.truth_table`).

A truth table shows a labelled level by its label in the condition's cell, as R prints declared
or labelled data. A solution writes a labelled literal as ``CONDITION[label]``: ``DEV[rich]``
for ``DEV[2]`` and, for a crisp literal, ``URB[urban]`` for ``URB`` and ``URB[rural]`` for
``~URB``. R (``replaceCategories``) writes the bare label (``rich``); the condition's name is kept
here because two conditions often share labels (``low``/``high``), and a bare label would not
say which condition a term is about. Levels without a label are written as before; machine
readable views (``to_dict``, ``to_frame``) always keep the plain levels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "category_legend",
    "labelled_level",
    "labelled_outcome",
    "labelled_term",
    "outcome_labels",
]

_LITERAL = re.compile(r"(~?)([A-Za-z_.][\w.]*)(?:\[([\d,\s]+)\])?")


def labelled_level(labels: Mapping[int, str] | None, level: int) -> str:
    """A level's label, or the level itself when it has none.

    Examples
    --------
    >>> labelled_level({2: "rich"}, 2), labelled_level({2: "rich"}, 1)
    ('rich', '1')
    """
    if labels is None:
        return str(level)
    return labels.get(level, str(level))


def labelled_term(term: str, categories: Mapping[str, Mapping[int, str]]) -> str:
    """``term`` with each labelled literal written ``CONDITION[label]``.

    Examples
    --------
    >>> cats = {"DEV": {0: "poor", 2: "rich"}, "URB": {0: "rural", 1: "urban"}}
    >>> labelled_term("DEV[2]*STB[1]", cats), labelled_term("DEV[1]", cats)
    ('DEV[rich]*STB[1]', 'DEV[1]')
    >>> labelled_term("~URB*LIT", cats), labelled_term("DEV[0,2]", cats)
    ('URB[rural]*LIT', 'DEV[poor,rich]')
    """
    if not categories:
        return term

    def replace(match: re.Match[str]) -> str:
        tilde, name, levels = match.groups()
        labels = categories.get(name)
        if labels is None:
            return match.group(0)
        if levels is None:
            level = 0 if tilde else 1
            return f"{name}[{labels[level]}]" if level in labels else match.group(0)
        if tilde:
            return match.group(0)
        values = [int(v) for v in levels.split(",")]
        if not any(v in labels for v in values):
            return match.group(0)
        return f"{name}[{','.join(labelled_level(labels, v) for v in values)}]"

    return _LITERAL.sub(replace, term)


def category_legend(categories: Mapping[str, Mapping[int, str]]) -> list[str]:
    """One line per labelled condition: ``DEV: 0 = poor, 2 = rich``.

    Examples
    --------
    >>> category_legend({"DEV": {0: "poor", 2: "rich"}})
    ['DEV: 0 = poor, 2 = rich']
    """
    return [
        f"{name}: " + ", ".join(f"{level} = {label}" for level, label in labels.items())
        for name, labels in categories.items()
    ]


def outcome_labels(outcome: str, categories: Mapping[str, Mapping[int, str]]) -> dict[str, str]:
    """The labels R's print gives the ``OUT`` codes when the outcome is labelled: ``"1"`` the
    label of the outcome's level 1 (of level 0 for a negated outcome ``~Y``), ``"0"`` the other
    one; ``"C"`` and ``"?"`` keep their codes. Empty when the outcome has no labels.

    Examples
    --------
    >>> cats = {"SURV": {0: "failed", 1: "survived"}}
    >>> outcome_labels("SURV", cats), outcome_labels("~SURV", cats)
    ({'1': 'survived', '0': 'failed'}, {'1': 'failed', '0': 'survived'})
    """
    negated = outcome.startswith("~")
    labels = categories.get(outcome.lstrip("~"))
    if not labels:
        return {}
    levels = (("1", 0), ("0", 1)) if negated else (("1", 1), ("0", 0))
    return {code: labels[level] for code, level in levels if level in labels}


_OUTCOME = re.compile(r"(~?)([A-Za-z_.][\w.]*)(?:\[1\])?")


def labelled_outcome(outcome: str, categories: Mapping[str, Mapping[int, str]]) -> str:
    """The outcome of a model line with its label: ``SURV[survived]`` for ``SURV`` (or
    ``SURV[1]``, as a multi-value analysis writes it), ``SURV[failed]`` for ``~SURV``.

    Examples
    --------
    >>> cats = {"SURV": {0: "failed", 1: "survived"}}
    >>> labelled_outcome("SURV[1]", cats), labelled_outcome("~SURV", cats)
    ('SURV[survived]', 'SURV[failed]')
    """
    match = _OUTCOME.fullmatch(outcome)
    if match is None:
        return outcome
    tilde, name = match.groups()
    labels = categories.get(name)
    level = 0 if tilde else 1
    if not labels or level not in labels:
        return outcome
    return f"{name}[{labels[level]}]"
