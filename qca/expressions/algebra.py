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

from .._core.qmc import prime_implicants
from ..exceptions import ExpressionError, ProblemTooLargeError
from .parser import as_expression
from .values import MAX_TERMS, Expression, Literal, Term, normalize_literals, unique_terms

__all__ = [
    "negate",
    "simplify",
    "intersect",
    "equivalent",
    "union",
    "universe",
    "minimal_sop",
    "MAX_SPACE",
]

#: The algebra enumerates the truth space of the conditions involved; past this many
#: configurations it refuses.
MAX_SPACE = 1 << 16


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
        (max(lit.values) for e in expressions for t in e.terms for lit in t.literals
         if lit.condition == name),
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
    space = int(np.prod(levels, dtype=np.float64)) if levels else 1
    if space > MAX_SPACE:
        raise ProblemTooLargeError(
            f"{caller}: the expression spans {len(conditions)} conditions ({space} "
            f"configurations); the exact algebra is limited to {MAX_SPACE}."
        )
    return conditions, levels


def _truth(expr: Expression, conditions: Sequence[str], configs: np.ndarray) -> np.ndarray:
    """Crisp truth of ``expr`` on each configuration (rows of level indices)."""
    position = {c: j for j, c in enumerate(conditions)}
    result = np.zeros(configs.shape[0], dtype=bool)
    for term in expr.terms:
        inside = np.ones(configs.shape[0], dtype=bool)
        for lit in term.literals:
            inside &= np.isin(configs[:, position[lit.condition]], sorted(lit.values))
        result |= inside
    return result


def _all_configs(levels: Sequence[int]) -> np.ndarray:
    if not levels:
        return np.zeros((1, 0), dtype=np.int64)
    grids = np.meshgrid(*[np.arange(n) for n in levels], indexing="ij")
    return np.stack([g.reshape(-1) for g in grids], axis=1).astype(np.int64)


def _prime_implicants(on: set[tuple[int, ...]], levels: Sequence[int]) -> list[tuple[int, ...]]:
    """Prime implicants of the minterms ``on``, by the package's vectorized Quine-McCluskey."""
    from .._core.qmc import prime_implicants

    configs = np.array(sorted(on), dtype=np.int64).reshape(len(on), len(levels))
    codes = prime_implicants(configs, configs[:0], tuple(levels), remainders=False)
    return sorted(tuple(int(c) for c in row) for row in codes)


def _covers(code: tuple[int, ...], config: tuple[int, ...]) -> bool:
    return all(c == 0 or c == v + 1 for c, v in zip(code, config))


def _minimal_cover(
    primes: list[tuple[int, ...]], on: list[tuple[int, ...]]
) -> list[tuple[int, ...]]:
    """One minimum cover: fewest terms, then fewest literals, then the first in sorted order."""
    covering = [[i for i, p in enumerate(primes) if _covers(p, m)] for m in on]
    sets = [frozenset(j for j, m in enumerate(on) if _covers(p, m)) for p in primes]
    literals = [sum(1 for c in p if c) for p in primes]
    best: list[tuple[int, int, tuple[int, ...]]] = []

    def search(chosen: tuple[int, ...], covered: frozenset[int]) -> None:
        if best and len(chosen) > best[0][0]:
            return
        if len(covered) == len(on):
            key = (len(chosen), sum(literals[i] for i in chosen), tuple(sorted(chosen)))
            if not best or key < best[0]:
                best[:] = [key]
            return
        if best and len(chosen) == best[0][0]:
            return
        # Branch on the uncovered minterm with the fewest candidates.
        target = min((j for j in range(len(on)) if j not in covered), key=lambda j: len(covering[j]))
        for i in covering[target]:
            search(tuple(sorted(chosen + (i,))), covered | sets[i])

    search((), frozenset())
    return [primes[i] for i in best[0][2]] if best else []


def _term_sort_key(codes: tuple[int, ...]) -> tuple[Any, ...]:
    # R's order: fewer literals first, then by the earliest condition restricted, lower levels
    # (~A before A) first.
    return (sum(1 for c in codes if c), tuple((c == 0, c) for c in codes))


def minimal_sop(expr_truth: np.ndarray, configs: np.ndarray, conditions: tuple[str, ...],
                 levels: tuple[int, ...], noflevels_known: tuple[int, ...] | None) -> Expression:
    on = [tuple(int(v) for v in row) for row in configs[expr_truth]]
    if not on:
        return Expression((), conditions=conditions, noflevels=noflevels_known)
    if len(on) == configs.shape[0]:
        return Expression((Term(()),), conditions=conditions, noflevels=noflevels_known)
    primes = _prime_implicants(set(on), levels)
    cover = sorted(_minimal_cover(primes, on), key=_term_sort_key)
    multivalue = any(n > 2 for n in levels)
    terms = tuple(Term.from_implicant(c, conditions, multivalue=multivalue) for c in cover)
    return Expression(terms, conditions=conditions, noflevels=noflevels_known)


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
    configs = _all_configs(levels)
    return minimal_sop(_truth(expr, conditions, configs), configs, conditions, levels,
                        expr.noflevels)


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
        return Expression(tuple(Term(t) for t in _absorb(terms)), conditions=conditions,
                          noflevels=expr.noflevels)
    configs = _all_configs(levels)
    return minimal_sop(~_truth(expr, conditions, configs), configs, conditions, levels,
                        expr.noflevels)


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
    configs = _all_configs(levels)
    truth = np.ones(configs.shape[0], dtype=bool)
    for e in merged:
        truth &= _truth(e, conditions, configs)
    return minimal_sop(truth, configs, conditions, levels, noflevels)


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
    union = Expression(a.terms + b.terms, conditions, noflevels)
    conditions, levels = universe(union, "equivalent()")
    configs = _all_configs(levels)
    return bool(np.array_equal(_truth(a, conditions, configs), _truth(b, conditions, configs)))
