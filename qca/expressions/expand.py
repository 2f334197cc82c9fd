"""Conjunctions multiplied out, as admisc's ``intersection()`` writes them.

R's ``modelFit()`` writes each region of a theory evaluation (``model*~theory``, ...) with
admisc's ``intersection()``: the product of the two expressions multiplied out, not minimized.
Its fuzzy membership depends on how it is written, so :func:`qca.model_fit` writes it the same
way to give R's fit figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from .parser import as_expression
from .values import Expression, Literal, Term

__all__ = ["multiply_out"]


def _conjoin(terms: Sequence[Term], levels: dict[str, int]) -> frozenset[Literal] | None:
    """The literals of a product of terms, one per condition; None when it is contradictory."""
    admitted: dict[str, frozenset[int]] = {}
    for term in terms:
        for literal in term.literals:
            values = admitted.get(literal.condition)
            values = literal.values if values is None else values & literal.values
            if not values:
                return None
            admitted[literal.condition] = values
    return frozenset(
        Literal(name, values)
        for name, values in admitted.items()
        if len(values) < levels.get(name, max(2, max(values) + 1))
    )


def _contains(general: frozenset[Literal], specific: frozenset[Literal]) -> bool:
    """Whether every configuration of ``specific`` is in ``general`` (``A`` contains ``A*B``)."""
    by_condition = {lit.condition: lit.values for lit in specific}
    return all(
        lit.condition in by_condition and by_condition[lit.condition] <= lit.values
        for lit in general
    )


def admisc_order(literals: frozenset[Literal], rank: dict[str, int]) -> tuple[object, ...]:
    """admisc's order of terms: fewer literals first; then condition by condition, a present
    literal (lower levels first) before an absent one."""
    by_condition = {lit.condition: tuple(sorted(lit.values)) for lit in literals}
    return (
        len(by_condition),
        tuple(
            (0, by_condition[c]) if c in by_condition else (1, ())
            for c in sorted(rank, key=rank.__getitem__)
        ),
    )


def multiply_out(
    *expressions: Expression | str,
    conditions: Sequence[str] | None = None,
    noflevels: Sequence[int] | None = None,
) -> Expression:
    """The conjunction of expressions multiplied out, as admisc's ``intersection()``.

    Every product of one term of each expression, without the contradictory products
    (``A*~A``), without repeats and without a product that contains another (absorption:
    ``A + A*B`` is ``A``), in admisc's order (fewer literals first, then condition by condition,
    lower levels first). It is not minimized further: ``A*B + A*~B`` stays as it is.

    Dropping a contradictory product is exact in crisp sets only (the fuzzy membership of
    ``A*~A`` is ``min(a, 1 - a)``): as R does.

    Parameters
    ----------
    *expressions : Expression or str
    conditions : sequence of str, optional
        The conditions, in the order of the literals (default: those of the first expression,
        else as they appear).
    noflevels : sequence of int, optional
        The number of levels of each condition (default: binary, or as the expressions say).

    Returns
    -------
    Expression
        Without terms when every product is contradictory (or an expression has no terms).

    Examples
    --------
    >>> str(multiply_out("A*B + ~A*B", "A*C"))
    'A*B*C'
    >>> str(multiply_out("A + B", "~A + C"))
    '~A*B + A*C + B*C'
    """
    context: dict[str, object] = {}
    if conditions is not None:
        context["conditions"] = list(conditions)
    if noflevels is not None:
        context["noflevels"] = list(noflevels)
    parsed = [as_expression(e, **context) for e in expressions]  # type: ignore[arg-type]
    names = list(conditions) if conditions is not None else []
    for e in parsed:
        for name in (*e.conditions, *e.used_conditions):
            if name not in names:
                names.append(name)
    levels: dict[str, int] = {}
    for e in parsed:
        levels.update(zip(e.conditions, e.noflevels or ()))
    if noflevels is not None:
        levels.update(zip(names, noflevels))
    rank = {name: j for j, name in enumerate(names)}

    products: list[frozenset[Literal]] = []
    for terms in product(*(e.terms for e in parsed)):
        conjoined = _conjoin(terms, levels)
        if conjoined is not None and conjoined not in products:
            products.append(conjoined)
    kept = [p for p in products if not any(q != p and _contains(q, p) for q in products)]
    kept.sort(key=lambda p: admisc_order(p, rank))
    multivalue = any(e.multivalue for e in parsed) or any(n > 2 for n in levels.values())
    result_terms = tuple(
        Term(
            tuple(sorted(p, key=lambda lit: rank[lit.condition])),
            multivalue=multivalue,
        )
        for p in kept
    )
    noflevels_out = tuple(levels.get(n, 2) for n in names) if levels else None
    return Expression(result_terms, conditions=tuple(names), noflevels=noflevels_out)
