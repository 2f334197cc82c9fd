"""Category labels in printed terms (R's ``replaceCategories``, used with ``use.labels``).

A multi-value condition's levels often stand for named categories (declared or labelled data:
``DEV`` = 0 "poor", 1 "middle", 2 "rich"). :func:`replace_categories` writes each literal of a
term as its category's label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from numbers import Integral

from .exceptions import QCAError

__all__ = ["check_categories", "parse_categories", "replace_categories"]

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


def check_categories(
    categories: Mapping[str, Mapping[int, str] | Sequence[str]] | None,
    conditions: Sequence[str],
    noflevels: Sequence[int],
    caller: str,
    outcome: str | None = None,
) -> dict[str, dict[int, str]]:
    """``categories`` of :func:`~qca.truth_table` checked and normalized.

    Returns ``{condition: {level: label}}`` in the order of ``conditions`` (then the outcome's
    column, when ``outcome`` is given and labelled: its levels 0 and 1); a list of labels names
    the levels 0, 1, ... in turn. Raises :class:`QCAError` naming the argument and the value for
    an unknown condition, a level the condition does not have, a label that is not a non-empty
    string and labels of an outcome that names multi-value levels (``"PB[2]"``).

    Examples
    --------
    >>> check_categories({"DEV": ["poor", "rich"]}, ["DEV", "URB"], [2, 2], "truth_table()")
    {'DEV': {0: 'poor', 1: 'rich'}}
    """
    if categories is None:
        return {}
    if not isinstance(categories, Mapping):
        raise QCAError(
            f"{caller}: `categories` must be a mapping {{condition: {{level: label}}}}; "
            f"got {categories!r}."
        )
    levels_of = dict(zip(conditions, noflevels, strict=True))
    column = None
    if outcome is not None:
        column = outcome.lstrip("~").split("[")[0].split("{")[0].strip()
        if column in categories and column != outcome.lstrip("~"):
            raise QCAError(
                f"{caller}: `categories` labels the outcome {column!r}, but the outcome "
                f"{outcome!r} names levels of a multi-value column; its OUT is 0/1 for those "
                "levels. Label the outcome of a binary (crisp or fuzzy) analysis only."
            )
        levels_of.setdefault(column, 2)
    out: dict[str, dict[int, str]] = {}
    for name, labels in categories.items():
        if name not in levels_of:
            raise QCAError(
                f"{caller}: `categories` names {name!r}, which is not a condition"
                + (f" nor the outcome {column!r}" if column is not None else "")
                + f"; the conditions are {list(conditions)}."
            )
        if isinstance(labels, Mapping):
            pairs = list(labels.items())
        elif isinstance(labels, Sequence) and not isinstance(labels, str):
            pairs = list(enumerate(labels))
        else:
            raise QCAError(
                f"{caller}: `categories[{name!r}]` must be a mapping {{level: label}} or a list "
                f"of labels; got {labels!r}."
            )
        checked: dict[int, str] = {}
        for level, label in pairs:
            valid = isinstance(level, Integral) and not isinstance(level, bool)
            if not valid or not 0 <= int(level) < levels_of[name]:
                raise QCAError(
                    f"{caller}: `categories[{name!r}]` labels level {level!r}, but {name!r} has "
                    f"the levels {list(range(levels_of[name]))}."
                )
            if not isinstance(label, str) or not label.strip():
                raise QCAError(
                    f"{caller}: `categories[{name!r}]` gives level {level!r} the label "
                    f"{label!r}; labels must be non-empty strings."
                )
            checked[int(level)] = label
        out[name] = dict(sorted(checked.items()))
    order = [*conditions, *([column] if column is not None else [])]
    return {name: out[name] for name in order if name in out}


def parse_categories(text: str, source: str = "--categories") -> dict[str, dict[int, str]]:
    """Category labels written on one line (the command line's ``--categories``).

    The format: ``NAME=LEVEL:LABEL,LEVEL:LABEL;NAME=...``, e.g.
    ``"DEV=0:poor,1:middle,2:rich;SURV=0:failed,1:survived"``. Spaces around the separators
    are ignored; a label cannot hold ``,``, ``;``, ``:`` or ``=``. Nothing is evaluated. Whether
    the names and levels exist is :func:`~qca.truth_table`'s to check.

    Raises
    ------
    QCAError
        A part without ``=`` or ``:``, a level that is not a whole number >= 0, an empty name or
        label, a name or a level given twice; the message quotes the part.

    Examples
    --------
    >>> parse_categories("DEV=0:poor, 1:middle, 2:rich; SURV=0:failed,1:survived")
    {'DEV': {0: 'poor', 1: 'middle', 2: 'rich'}, 'SURV': {0: 'failed', 1: 'survived'}}
    """
    expected = (
        f"{source}: expected NAME=LEVEL:LABEL,LEVEL:LABEL;NAME=... "
        '(e.g. "DEV=0:poor,1:rich;URB=0:rural,1:urban")'
    )
    if not isinstance(text, str) or not text.strip():
        raise QCAError(f"{expected}; got {text!r}.")
    out: dict[str, dict[int, str]] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        name, equals, pairs = part.partition("=")
        name = name.strip()
        if not equals or not name:
            raise QCAError(f"{expected}; {part.strip()!r} has no NAME= before its labels.")
        if name in out:
            raise QCAError(f"{source}: {name!r} is given twice; give its labels once.")
        labels: dict[int, str] = {}
        for pair in pairs.split(","):
            level, colon, label = pair.partition(":")
            level, label = level.strip(), label.strip()
            if not colon:
                raise QCAError(f"{expected}; {pair.strip()!r} (of {name!r}) has no LEVEL:LABEL.")
            if not level.isdigit() or not level.isascii():
                raise QCAError(
                    f"{source}: the level {level!r} of {name!r} must be a whole number >= 0."
                )
            if not label or "=" in label:
                raise QCAError(
                    f"{source}: level {level} of {name!r} has the label {label!r}; labels are "
                    "non-empty and hold no ',', ';', ':' or '='."
                )
            if int(level) in labels:
                raise QCAError(f"{source}: level {int(level)} of {name!r} is labelled twice.")
            labels[int(level)] = label
        out[name] = labels
    if not out:
        raise QCAError(f"{expected}; got {text!r}.")
    return out
