"""Factorized forms and inversions of expressions, as R's ``admisc::factorize`` and
``admisc::invert``.

* :func:`factorize`: every way of writing a sum of products with common factors taken out,
  ``A*B + A*C + D`` -> ``A*(B + C) + D``;
* :func:`invert`: the negation as a minimal sum of products, written as admisc writes it
  (conditions in alphabetical order unless given, terms in admisc's order);
* :func:`to_pos`: the same function as a product of sums (De Morgan on the inversion).

Every form has the same membership as the expression on every configuration (and, for
:func:`factorize`, for fuzzy memberships too: ``min(a, max(b, c)) = max(min(a, b), min(a, c))``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._core.encode import all_configurations
from .._core.rows import sop_truth
from ..exceptions import ProblemTooLargeError
from .algebra import first_minimal_sop, universe
from .parser import as_expression, parse
from .values import Expression, Literal

__all__ = ["factorize", "invert", "to_pos"]

#: factorize() gives up beyond this many forms (they grow quickly with the number of terms).
MAX_FORMS = 10_000


def _literal_text(literal: Literal, multivalue: bool) -> str:
    return literal.to_string(multivalue)


def _product(literals: Sequence[Literal], order: dict[str, int], multivalue: bool) -> str:
    ordered = sorted(literals, key=lambda lit: (order[lit.condition], sorted(lit.values)))
    return "*".join(_literal_text(lit, multivalue) for lit in ordered) or "1"


def factorize(expression: Expression | str) -> list[str]:
    """Every factorized form of a sum of products (R's ``admisc::factorize``).

    A form takes a conjunction common to two or more terms out of them (the largest one those
    terms share), and goes on with the other terms: ``A*B + A*C + B*D`` gives
    ``A*(B + C) + B*D`` and ``B*(A + D) + A*C``.

    Parameters
    ----------
    expression : Expression or str

    Returns
    -------
    list of str
        The forms, sorted; the expression itself when no two terms share a literal.

    Raises
    ------
    ProblemTooLargeError
        More than 10,000 forms.

    Notes
    -----
    R's ``factorize`` (admisc 0.39.1) could not be run against QCA 3.25 here (it calls
    ``QCA::combint``, which QCA 3.25 does not export), so the forms are checked by their
    meaning: every form has the expression's membership on every configuration
    (tests/test_factor.py).

    Examples
    --------
    >>> import qca
    >>> qca.factorize("A*B + A*C + B*D")
    ['A*(B + C) + B*D', 'B*(A + D) + A*C']

    A parsimonious model of the Cebotari-Vink data:

    >>> tt = qca.truth_table(qca.datasets.load("CVF"), "PROTEST", incl_cut=0.8)
    >>> model = qca.minimize(tt, include="?").models[0]
    >>> model.expression
    '~NATPRIDE + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*GEOCON + DEMOC*GEOCON*POLDIS'
    >>> qca.factorize(model.to_expression())[0]
    'DEMOC*GEOCON*(ETHFRACT + POLDIS) + ~NATPRIDE + ~DEMOC*ETHFRACT*POLDIS'
    """
    expr = as_expression(expression)
    conditions = list(expr.conditions) or sorted({c for t in expr.terms for c in t.conditions})
    order = {name: j for j, name in enumerate(conditions)}
    multivalue = expr.multivalue
    terms = [frozenset(t.literals) for t in expr.terms]
    forms = sorted(_forms(terms, order, multivalue))
    return forms


def _forms(terms: list[frozenset[Literal]], order: dict[str, int], multivalue: bool) -> set[str]:
    plain = " + ".join(_product(list(t), order, multivalue) for t in _sorted_terms(terms, order))
    out: set[str] = set()
    seen: set[frozenset[int]] = set()
    literals = sorted(
        {lit for t in terms for lit in t},
        key=lambda lit: (order[lit.condition], sorted(lit.values)),
    )
    for literal in literals:
        group = [i for i, t in enumerate(terms) if literal in t]
        key = frozenset(group)
        if len(group) < 2 or key in seen:
            continue
        seen.add(key)
        common = frozenset.intersection(*[terms[i] for i in group])
        inner = [terms[i] - common for i in group]
        if any(not t for t in inner):  # a term equal to the factor: absorption, not a factor
            continue
        head = _product(list(common), order, multivalue)
        body = " + ".join(_product(list(t), order, multivalue) for t in _sorted_terms(inner, order))
        factored = f"{head}*({body})"
        rest = [t for i, t in enumerate(terms) if i not in key]
        tails = _forms(rest, order, multivalue) if rest else {""}
        for tail in tails:
            out.add(factored + (f" + {tail}" if tail else ""))
            if len(out) > MAX_FORMS:
                raise ProblemTooLargeError(
                    f"factorize(): more than {MAX_FORMS} factorized forms; simplify first."
                )
    return out or {plain}


def _sorted_terms(
    terms: list[frozenset[Literal]], order: dict[str, int]
) -> list[frozenset[Literal]]:
    return sorted(terms, key=lambda t: _admisc_key(t, order))


def _admisc_key(term: frozenset[Literal] | Sequence[Literal], order: dict[str, int]) -> tuple:
    """admisc's order of terms: fewer literals first; then condition by condition, a present
    literal (lower levels first) before an absent one."""
    by_condition = {lit.condition: tuple(sorted(lit.values)) for lit in term}
    columns = sorted(order, key=order.__getitem__)
    return (
        len(by_condition),
        tuple((0, by_condition[c]) if c in by_condition else (1, ()) for c in columns),
    )


def invert(expression: Expression | str, conditions: Sequence[str] | None = None) -> Expression:
    """The negation of an expression as a minimal sum of products (R's ``admisc::invert``).

    Parameters
    ----------
    expression : Expression or str
    conditions : sequence of str, optional
        The order of the conditions in the result; default: as admisc, alphabetical for a
        string, the expression's own conditions for an :class:`Expression`.

    Returns
    -------
    Expression

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> model = qca.minimize(tt, include="?").models[0]
    >>> str(qca.invert(model.expression))
    '~DEV*~STB + ~DEV*~URB + IND*~STB + IND*~URB'
    """
    expr = as_expression(expression)
    if conditions is None:
        names = sorted({c for t in expr.terms for c in t.conditions})
        conditions = names if isinstance(expression, str) else (list(expr.conditions) or names)
    if list(conditions) != list(expr.conditions):
        levels = dict(zip(expr.conditions, expr.noflevels or ()))
        noflevels = [levels[c] for c in conditions] if levels else None
        expr = parse(expr.to_string(), conditions=list(conditions), noflevels=noflevels)
    # admisc's choice among several minimal negations: the first in R's order
    space, space_levels = universe(expr, "invert()")
    truth = sop_truth(expr.level_terms(space), all_configurations(space_levels))
    negated = first_minimal_sop(~truth, space, space_levels, expr.noflevels)
    order = {name: j for j, name in enumerate(conditions)}
    terms = sorted(negated.terms, key=lambda t: _admisc_key(t.literals, order))
    return Expression(tuple(terms), conditions=negated.conditions, noflevels=negated.noflevels)


def to_pos(expression: Expression | str, conditions: Sequence[str] | None = None) -> str:
    """The expression as a product of sums: ``A*B + ~C`` -> ``(A + ~C)*(B + ~C)``.

    De Morgan on :func:`invert`: each term of the negation becomes a sum of the negated
    literals. Parsing the result (the parser multiplies out) gives the expression back.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> qca.to_pos(qca.minimize(tt, include="?").models[0].expression)
    '(DEV + STB)*(DEV + URB)*(~IND + STB)*(~IND + URB)'
    >>> qca.to_pos("A*B + ~C")
    '(A + ~C)*(B + ~C)'
    >>> str(qca.expressions.simplify(qca.to_pos("A*B + ~C")))
    '~C + A*B'
    """
    inverted = invert(expression, conditions)
    level_of = dict(zip(inverted.conditions, inverted.noflevels or ()))
    factors = []
    for term in inverted.terms:
        parts = []
        for literal in term.literals:
            levels = level_of.get(literal.condition, 2)
            negated = Literal(literal.condition, frozenset(range(levels)) - literal.values)
            parts.append(negated.to_string(inverted.multivalue))
        factors.append(parts[0] if len(parts) == 1 else "(" + " + ".join(parts) + ")")
    # no term in the negation: the expression is always true
    return "*".join(factors) if factors else "1"
