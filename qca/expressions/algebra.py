"""Boolean algebra of expressions: :func:`negate`, :func:`simplify`, :func:`intersect`,
:func:`equivalent`, and the minimal sum of products they return.

The algebra is Boolean: it works on the crisp (multi-value) truth space of the conditions and
returns a *minimal* sum of products, as R's ``admisc::simplify`` and ``admisc::negate`` do. Crisp
rules such as ``A*~A = 0`` or the consensus theorem do not hold for fuzzy memberships, so a
minimized negation is the complement of the expression on crisp data, and only approximately on
fuzzy data; ``negate(e, minimize=False)`` returns the exact fuzzy complement instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .._core.chart import r_order
from .._core.cover import MAX_EXPANDED, minimum_covers
from .._core.encode import (
    IntArray,
    all_configurations,
    configuration_count,
    configurations_of,
    implicant_covers,
)
from .._core.qmc import prime_implicants
from .._core.rows import sop_truth
from ..exceptions import ExpressionError, ProblemTooLargeError
from .parser import as_expression
from .values import MAX_TERMS, Expression, Literal, Term, normalize_literals, unique_terms

__all__ = [
    "MAX_SPACE",
    "equivalent",
    "first_minimal_sop",
    "intersect",
    "minimal_sop",
    "negate",
    "simplify",
    "union",
    "universe",
]

#: The algebra enumerates the truth space of the conditions involved; past this many
#: configurations it refuses.
MAX_SPACE = 1 << 16

# The PI chart is built in blocks of PIs so that the comparison array (PIs x minterms x
# conditions) stays near this many cells even for the largest truth space.
_CHART_BLOCK_CELLS = 1 << 24


def _merge_context(*expressions: Expression) -> tuple[tuple[str, ...], tuple[int, ...] | None]:
    conditions: list[str] = []
    known_levels: dict[str, int] = {}
    for expr in expressions:
        for name in expr.conditions:
            if name not in conditions:
                conditions.append(name)
        if expr.noflevels is not None:
            for name, n in zip(expr.conditions, expr.noflevels):
                if known_levels.setdefault(name, n) != n:
                    raise ExpressionError(
                        f"condition '{name}' has {known_levels[name]} levels in one expression "
                        f"and {n} in another."
                    )
    if not known_levels:
        return tuple(conditions), None
    levels = []
    for name in conditions:
        if name in known_levels:
            levels.append(known_levels[name])
        else:
            levels.append(_implied_levels(name, expressions, "combining expressions"))
    return tuple(conditions), tuple(levels)


def _implied_levels(name: str, expressions: Sequence[Expression], caller: str) -> int:
    top = max(
        (
            max(lit.values)
            for e in expressions
            for t in e.terms
            for lit in t.literals
            if lit.condition == name
        ),
        default=1,
    )
    if top > 1:
        raise ExpressionError(
            f"{caller}: the number of levels of '{name}' is unknown (it is used with level "
            f"{top}); parse the expression with `conditions` and `noflevels`."
        )
    return 2


def universe(expr: Expression, caller: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The conditions of ``expr`` and their numbers of levels: the truth space of the algebra.

    Levels not given by the expression's ``noflevels`` are implied: 2, unless a literal uses a
    level above 1 (then the count is unknown and this is an error).

    Parameters
    ----------
    expr : Expression
    caller : str
        Named in error messages.

    Returns
    -------
    conditions : tuple of str
    levels : tuple of int

    Raises
    ------
    ExpressionError
        When a condition's number of levels is unknown.
    ProblemTooLargeError
        When the space has more than :data:`MAX_SPACE` configurations.

    Examples
    --------
    >>> from qca.expressions import parse
    >>> universe(parse("A*~B + C"), "f()")
    (('A', 'B', 'C'), (2, 2, 2))
    """
    conditions = expr.conditions
    if expr.noflevels is not None:
        levels = expr.noflevels
    else:
        levels = tuple(_implied_levels(c, [expr], caller) for c in conditions)
    space = configuration_count(levels)
    if space > MAX_SPACE:
        raise ProblemTooLargeError(
            f"{caller}: the expression spans {len(conditions)} conditions ({space} "
            f"configurations); the exact algebra is limited to {MAX_SPACE}."
        )
    return conditions, levels


def _prime_implicants(on: IntArray, levels: Sequence[int]) -> IntArray:
    """Prime implicants of the configurations ``on`` (no remainders), rows in sorted order."""
    codes = prime_implicants(on, on[:0], tuple(levels), remainders=False)
    return codes[np.lexsort(codes.T[::-1])] if codes.shape[0] else codes


def _minimal_cover(primes: IntArray, on: IntArray) -> IntArray:
    """The minimum cover with the fewest literals; of those, the first by PI index.

    The core solver lists every cover with the fewest PIs (indices ascending); the literal count
    and then the indices (PIs in sorted order) break the ties, which fixes the expression
    returned. Past the solver's budget (:data:`qca._core.cover.MAX_EXPANDED` covers, or its
    search nodes) only the covers it listed take part, far beyond any expression met in practice.
    """
    step = max(1, _CHART_BLOCK_CELLS // max(1, on.size))
    chart = np.vstack(
        [implicant_covers(primes[i : i + step], on) for i in range(0, primes.shape[0], step)]
    )
    result = minimum_covers(chart, max_models=MAX_EXPANDED)
    literals = np.count_nonzero(primes, axis=1)
    best = min(result.covers, key=lambda cover: (int(literals[list(cover)].sum()), cover))
    return primes[list(best)]


def _term_sort_key(codes: Sequence[int]) -> tuple[Any, ...]:
    # The order the terms are written in: fewer literals first, then by the earliest condition
    # restricted, lower levels (~A before A) first.
    return (sum(1 for c in codes if c), tuple((c == 0, c) for c in codes))


def minimal_sop(
    truth: npt.ArrayLike,
    conditions: Sequence[str],
    levels: Sequence[int],
    noflevels: Sequence[int] | None = None,
) -> Expression:
    """A minimal sum of products of the configurations where ``truth`` holds.

    Among the sums with the fewest terms, the one with the fewest literals (ties: the first in
    a fixed order); terms are listed by number of literals, then in condition order.

    Parameters
    ----------
    truth : array_like of bool
        One value per configuration of ``levels``, in row-id order
        (:func:`qca._core.encode.all_configurations`).
    conditions : sequence of str
    levels : sequence of int
        Number of levels of each condition (the truth space).
    noflevels : sequence of int, optional
        The ``noflevels`` the result carries (None when the levels were only implied).

    Returns
    -------
    Expression
        Without terms when ``truth`` is nowhere true, the tautology ``1`` when everywhere.

    Examples
    --------
    >>> str(minimal_sop([False, True, True, True], ["A", "B"], [2, 2]))
    'A + B'
    """
    conditions = tuple(str(c) for c in conditions)
    if noflevels is not None:
        noflevels = tuple(int(n) for n in noflevels)
    on = _true_configurations(truth, conditions, levels, "minimal_sop")
    if isinstance(on, bool):  # nowhere or everywhere true
        constant: tuple[Term, ...] = (Term(()),) if on else ()
        return Expression(constant, conditions=conditions, noflevels=noflevels)
    primes = _prime_implicants(on, levels)
    cover = sorted(
        (tuple(int(c) for c in row) for row in _minimal_cover(primes, on)), key=_term_sort_key
    )
    multivalue = any(n > 2 for n in levels)
    terms = tuple(Term.from_implicant(c, conditions, multivalue=multivalue) for c in cover)
    return Expression(terms, conditions=conditions, noflevels=noflevels)


def _true_configurations(
    truth: npt.ArrayLike, conditions: tuple[str, ...], levels: Sequence[int], caller: str
) -> npt.NDArray[np.int64] | bool:
    """The configurations where ``truth`` holds, or False / True when it holds nowhere /
    everywhere (no sum of products to search)."""
    values = np.asarray(truth, dtype=bool).reshape(-1)
    space = configuration_count(levels)
    if values.size != space or len(levels) != len(conditions):
        raise ExpressionError(
            f"{caller}(): {values.size} truth values and {len(conditions)} conditions for "
            f"levels {list(levels)} ({space} configurations)."
        )
    if not values.any():
        return False
    if values.all():
        return True
    return configurations_of(np.flatnonzero(values) + 1, levels)


def first_minimal_sop(
    truth: npt.ArrayLike,
    conditions: Sequence[str],
    levels: Sequence[int],
    noflevels: Sequence[int] | None = None,
) -> Expression:
    """The first minimal sum of products in R's order: the one admisc's ``simplify()`` and
    ``invert()`` return first.

    admisc minimizes with R's ``minimize()``: the prime implicants in R QCA's order, the covers
    with the fewest of them listed in lexicographic order of their implicants; the first is
    taken (it need not have the fewest literals). Terms are listed in admisc's order (fewer
    literals first, then condition by condition, lower levels first).

    Parameters
    ----------
    truth, conditions, levels, noflevels
        As in :func:`minimal_sop`.

    Examples
    --------
    >>> str(first_minimal_sop([0, 1, 1, 1, 1, 1, 1, 0], ["A", "B", "C"], [2, 2, 2]))
    '~A*B + A*~C + ~B*C'
    """
    conditions = tuple(str(c) for c in conditions)
    if noflevels is not None:
        noflevels = tuple(int(n) for n in noflevels)
    on = _true_configurations(truth, conditions, levels, "first_minimal_sop")
    if isinstance(on, bool):  # nowhere or everywhere true
        constant: tuple[Term, ...] = (Term(()),) if on else ()
        return Expression(constant, conditions=conditions, noflevels=noflevels)
    primes = _prime_implicants(on, levels)
    primes = primes[r_order(primes)]
    step = max(1, _CHART_BLOCK_CELLS // max(1, on.size))
    chart = np.vstack(
        [implicant_covers(primes[i : i + step], on) for i in range(0, primes.shape[0], step)]
    )
    result = minimum_covers(chart, max_models=MAX_EXPANDED)
    first = min(tuple(sorted(int(i) for i in cover)) for cover in result.covers)
    cover = sorted((tuple(int(c) for c in primes[i]) for i in first), key=_admisc_key)
    multivalue = any(n > 2 for n in levels)
    terms = tuple(Term.from_implicant(c, conditions, multivalue=multivalue) for c in cover)
    return Expression(terms, conditions=conditions, noflevels=noflevels)


def _admisc_key(codes: Sequence[int]) -> tuple[Any, ...]:
    # admisc's order of terms: fewer literals first; then condition by condition, a present
    # literal (lower levels first) before an absent one (implicant codes: 0 absent, v + 1).
    return (sum(1 for c in codes if c), tuple((0, c) if c else (1, 0) for c in codes))


def simplify(expression: Expression | str) -> Expression:
    """A minimal sum of products equivalent to ``expression`` (crisp / multi-value logic).

    Among the covers with the fewest terms the one with the fewest literals is returned (ties:
    the first in a fixed order); terms are listed by number of literals.

    Examples
    --------
    >>> str(simplify("A*B + A*~B + A*C"))
    'A'
    >>> str(simplify("A*~A + B"))
    'B'
    """
    expr = as_expression(expression)
    conditions, levels = universe(expr, "simplify()")
    truth = sop_truth(expr.level_terms(conditions), all_configurations(levels))
    return minimal_sop(truth, conditions, levels, expr.noflevels)


def negate(expression: Expression | str, *, minimize: bool = True) -> Expression:
    """The complement of ``expression`` (De Morgan), as a minimal sum of products.

    Parameters
    ----------
    expression : Expression or str
    minimize : bool, default True
        Minimize the result over the crisp truth space (as R's ``admisc::negate``). With
        ``False`` the De Morgan expansion is only cleaned of duplicate and absorbed terms, which
        keeps it exactly ``1 - membership`` on fuzzy data too.

    Examples
    --------
    >>> str(negate("A*B + ~A*C"))
    '~A*~C + A*~B'
    >>> str(negate("A[1]", ))  # a binary condition written the multi-value way
    '~A'
    >>> from qca.expressions import parse
    >>> str(negate(parse("A[1]", conditions=["A"], noflevels=[3])))
    'A[0] + A[2]'
    """
    expr = as_expression(expression)
    conditions, levels = universe(expr, "negate()")
    if not minimize:
        level_of = dict(zip(conditions, levels))
        result: list[tuple[Literal, ...]] = [()]
        for term in expr.terms:
            options = [
                Literal(lit.condition, frozenset(range(level_of[lit.condition])) - lit.values)
                for lit in term.literals
            ]
            options = [o for o in options if o.values]
            result = unique_terms(a + (o,) for a in result for o in options)
            if len(result) > MAX_TERMS:
                raise ProblemTooLargeError(
                    f"negate(): the De Morgan expansion exceeds {MAX_TERMS} terms; use minimize=True."
                )
        rank = {c: j for j, c in enumerate(conditions)}
        normal = (normalize_literals(t, rank, level_of) for t in result)
        terms = [t for t in normal if t is not None]
        return Expression(
            tuple(Term(t) for t in _absorb(terms)), conditions=conditions, noflevels=expr.noflevels
        )
    truth = sop_truth(expr.level_terms(conditions), all_configurations(levels))
    return minimal_sop(~truth, conditions, levels, expr.noflevels)


def _absorb(terms: list[tuple[Literal, ...]]) -> list[tuple[Literal, ...]]:
    # X + X*Y = X holds for fuzzy sets as well (max(x, min(x, y)) = x).
    unique = unique_terms(terms)
    sets = [frozenset(t) for t in unique]
    return [t for t, s in zip(unique, sets) if not any(o < s for o in sets)]


def intersect(*expressions: Expression | str) -> Expression:
    """The conjunction of several expressions, minimized.

    Examples
    --------
    >>> str(intersect("A + B", "~A"))
    '~A*B'
    """
    if not expressions:
        raise ExpressionError("intersect(): needs at least one expression.")
    parsed = [as_expression(e) for e in expressions]
    conditions, noflevels = _merge_context(*parsed)
    merged = [Expression(e.terms, conditions, noflevels) for e in parsed]
    conditions, levels = universe(
        Expression(tuple(t for e in merged for t in e.terms), conditions, noflevels), "intersect()"
    )
    configurations = all_configurations(levels)
    truth = np.ones(configurations.shape[0], dtype=bool)
    for e in merged:
        truth &= sop_truth(e.level_terms(conditions), configurations)
    return minimal_sop(truth, conditions, levels, noflevels)


def union(first: Expression | str, second: Expression | str) -> Expression:
    """The disjunction of two expressions, minimized (``first | second``).

    ``second``, when a string, is read over the conditions and levels of ``first``.

    Examples
    --------
    >>> str(union("A*B", "A*~B"))
    'A'
    """
    first = as_expression(first)
    second = as_expression(second, conditions=first.conditions, noflevels=first.noflevels)
    conditions, noflevels = _merge_context(first, second)
    return simplify(Expression(first.terms + second.terms, conditions, noflevels))


def equivalent(first: Expression | str, second: Expression | str) -> bool:
    """Whether two expressions are the same set of configurations (crisp / multi-value logic).

    Examples
    --------
    >>> equivalent("A*B + A*~B", "A")
    True
    >>> equivalent("A + B", "A*B")
    False
    """
    a, b = as_expression(first), as_expression(second)
    conditions, noflevels = _merge_context(a, b)
    both = Expression(a.terms + b.terms, conditions, noflevels)
    conditions, levels = universe(both, "equivalent()")
    configurations = all_configurations(levels)
    return bool(
        np.array_equal(
            sop_truth(a.level_terms(conditions), configurations),
            sop_truth(b.level_terms(conditions), configurations),
        )
    )
