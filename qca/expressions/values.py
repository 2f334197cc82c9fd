"""The value classes of Boolean expressions: :class:`Literal`, :class:`Term`, :class:`Expression`.

An :class:`Expression` is a disjunction (``+``) of :class:`Term` objects; a term is a
conjunction (``*``) of :class:`Literal` objects; a literal is a condition restricted to a set of
levels: ``A`` is ``Literal("A", {1})``, ``~A`` is ``Literal("A", {0})``, ``A[2]`` is
``Literal("A", {2})`` and ``A[1,2]`` is ``Literal("A", {1, 2})``.

The classes print themselves, give the fuzzy membership of cases (through
:func:`qca._core.terms.literal_membership`, the one definition of a literal's membership) and
convert to the core's plain forms: implicant codes (:meth:`Term.to_implicant`) and level terms
``[(condition position, accepted levels), ...]`` (:meth:`Expression.level_terms`, for
:mod:`qca._core.rows`).

The Boolean algebra of :mod:`qca.expressions.algebra` is also reachable as methods
(``e.negate()``, ``~e``, ``e & f``, ``e | f``); those methods delegate to it.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.levels import condition_levels
from .._core.rows import LevelTerm
from .._core.terms import literal_membership
from .._validation import check_columns, numeric_column, shown
from ..exceptions import ExpressionError, QCAError

__all__ = [
    "MAX_TERMS",
    "Expression",
    "Literal",
    "Term",
    "normalize_literals",
    "unique_terms",
]

#: Parenthesised input and exact negations multiply out; past this many terms the expansion is
#: refused rather than exhausting memory on a pathological input.
MAX_TERMS = 20_000


# The last normalized ``conditions`` and ``noflevels`` tuples given to an Expression: the many
# expressions of one analysis (necessity(), model lists) share them, and are not walked again.
_NORMAL: list[tuple[Any, ...] | None] = [None, None]

# --------------------------------------------------------------------------------------------
# value objects
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    """A condition restricted to a set of levels.

    Parameters
    ----------
    condition : str
        The condition (column) name.
    values : frozenset of int
        The levels admitted: ``{1}`` is the condition present, ``{0}`` absent (``~A``),
        ``{2}`` the multi-value level 2, ``{1, 2}`` level 1 or 2.

    Examples
    --------
    >>> Literal("A", frozenset({0})).to_string()
    '~A'
    >>> Literal("A", frozenset({1})).to_string(multivalue=True)
    'A[1]'
    """

    condition: str
    values: frozenset[int]

    def __post_init__(self) -> None:
        if not isinstance(self.values, frozenset):
            object.__setattr__(self, "values", frozenset(self.values))
        if not self.values:
            raise ExpressionError(f"Literal: condition '{self.condition}' with no level at all.")
        if any((not isinstance(v, (int, np.integer))) or v < 0 for v in self.values):
            raise ExpressionError(
                f"Literal: levels of '{self.condition}' must be non-negative integers; "
                f"got {sorted(self.values, key=str)}."
            )

    @property
    def is_binary(self) -> bool:
        """True for ``A`` (``{1}``) and ``~A`` (``{0}``)."""
        return len(self.values) == 1 and max(self.values) <= 1

    def to_string(self, multivalue: bool = False) -> str:
        """``A``, ``~A``, or ``A[v]`` / ``A[v,w]`` (always brackets when ``multivalue``)."""
        if self.is_binary and not multivalue:
            return self.condition if 1 in self.values else f"~{self.condition}"
        return f"{self.condition}[{','.join(str(v) for v in sorted(self.values))}]"

    def __str__(self) -> str:
        return self.to_string()

    def _sort_key(self) -> tuple[int, tuple[int, ...]]:
        return (len(self.values), tuple(sorted(self.values)))


@dataclass(frozen=True, slots=True)
class Term:
    """A conjunction of literals (a product term, an implicant).

    ``literals`` are in condition order. A term without literals is the tautology (membership 1).
    ``multivalue`` only changes how the term prints (``B[1]`` rather than ``B``); it is not
    part of equality.

    Examples
    --------
    >>> t = Term.from_implicant([2, 1, 0, 3], ["A", "B", "C", "D"])
    >>> str(t)
    'A*~B*D[2]'
    >>> t.to_implicant(["A", "B", "C", "D"]).tolist()
    [2, 1, 0, 3]
    """

    literals: tuple[Literal, ...]
    multivalue: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.literals, tuple):
            object.__setattr__(self, "literals", tuple(self.literals))

    @classmethod
    def from_implicant(
        cls, codes: npt.ArrayLike, conditions: Sequence[str], multivalue: bool = False
    ) -> Term:
        """The term of an implicant row (``0`` = absent, ``v + 1`` = level ``v``)."""
        codes = np.asarray(codes).reshape(-1)
        if codes.size != len(conditions):
            raise ExpressionError(
                f"Term.from_implicant(): {codes.size} codes for {len(conditions)} conditions "
                f"{list(conditions)}."
            )
        literals = tuple(
            Literal(str(name), frozenset({int(code) - 1}))
            for name, code in zip(conditions, codes.tolist())
            if code != 0
        )
        return cls(literals, multivalue=multivalue)

    def to_implicant(self, conditions: Sequence[str]) -> npt.NDArray[np.int64]:
        """The implicant codes of this term over ``conditions``."""
        position = {str(c): j for j, c in enumerate(conditions)}
        codes = np.zeros(len(position), dtype=np.int64)
        for literal in self.literals:
            if literal.condition not in position:
                raise ExpressionError(
                    f"Term.to_implicant(): condition '{literal.condition}' of term '{self}' is "
                    f"not among the conditions {list(conditions)}."
                )
            if len(literal.values) != 1:
                raise ExpressionError(
                    f"Term.to_implicant(): literal '{literal}' of term '{self}' admits several "
                    "levels; an implicant has one level per condition."
                )
            j = position[literal.condition]
            if codes[j] != 0:
                raise ExpressionError(
                    f"Term.to_implicant(): term '{self}' restricts '{literal.condition}' twice."
                )
            codes[j] = min(literal.values) + 1
        return codes

    def level_term(self, conditions: Sequence[str]) -> LevelTerm:
        """This term in the core's form, ``[(position in conditions, accepted levels), ...]``.

        Unlike :meth:`to_implicant` a literal may accept several levels and a condition may be
        restricted twice (the core intersects them).

        Examples
        --------
        >>> term = Term((Literal("B", frozenset({0})), Literal("C", frozenset({1, 2}))))
        >>> term.level_term(["A", "B", "C"])
        [(1, frozenset({0})), (2, frozenset({1, 2}))]
        """
        position = {str(c): j for j, c in enumerate(conditions)}
        missing = [lit.condition for lit in self.literals if lit.condition not in position]
        if missing:
            raise ExpressionError(
                f"Term.level_term(): condition '{missing[0]}' of term '{self}' is not among the "
                f"conditions {list(conditions)}."
            )
        return [(position[lit.condition], lit.values) for lit in self.literals]

    @property
    def conditions(self) -> tuple[str, ...]:
        """The conditions this term restricts, in order."""
        return tuple(dict.fromkeys(lit.condition for lit in self.literals))

    def to_string(self, multivalue: bool | None = None, *, bracketed: Collection[str] = ()) -> str:
        """``A*~B*C[2]``; ``"1"`` for the empty term.

        ``bracketed`` names conditions always written with brackets (those with more than two
        levels: ``C[0]``, never ``~C``).
        """
        multivalue = self.multivalue if multivalue is None else multivalue
        if not self.literals:
            return "1"
        return "*".join(
            lit.to_string(multivalue or lit.condition in bracketed) for lit in self.literals
        )

    def __str__(self) -> str:
        return self.to_string()

    def membership(self, data: pd.DataFrame) -> pd.Series:
        """Fuzzy membership of every case (row of ``data``) in this term: the minimum over literals.

        Examples
        --------
        >>> import pandas as pd
        >>> from qca.expressions import parse
        >>> df = pd.DataFrame({"A": [0.8, 0.3], "B": [0.1, 0.4]}, index=["x", "y"])
        >>> parse("A*~B").terms[0].membership(df).tolist()
        [0.8, 0.3]
        """
        columns = _membership_columns(data, self.conditions, "Term.membership()")
        values = _term_membership(self, columns, len(data))
        return pd.Series(values, index=data.index, name=str(self))


@dataclass(frozen=True, slots=True)
class Expression:
    """A sum of products: a disjunction of :class:`Term` objects.

    Only ``terms`` take part in equality. ``conditions`` and ``noflevels`` (when known) describe
    the analysis the expression belongs to; they fix the order of the literals and the levels
    used by the algebra. An expression without terms is the empty set (membership 0).

    Examples
    --------
    >>> from qca.expressions import parse
    >>> e = parse("A*~B + C[2]")
    >>> e
    Expression('A*~B + C[2]')
    >>> len(e.terms), e.terms[0].literals[1]
    (2, Literal(condition='B', values=frozenset({0})))
    """

    terms: tuple[Term, ...]
    conditions: tuple[str, ...] = field(default=(), compare=False, repr=False)
    noflevels: tuple[int, ...] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.terms, tuple):
            object.__setattr__(self, "terms", tuple(self.terms))
        if not self.conditions:
            seen = dict.fromkeys(lit.condition for t in self.terms for lit in t.literals)
            object.__setattr__(self, "conditions", tuple(seen))
        elif self.conditions is not _NORMAL[0]:
            given = self.conditions
            if type(given) is tuple and all(type(c) is str for c in given):
                _NORMAL[0] = given  # immutable and kept alive: the same object is valid again
            else:
                object.__setattr__(self, "conditions", tuple(str(c) for c in given))
        if self.noflevels is not None and self.noflevels is not _NORMAL[1]:
            levels = self.noflevels
            if type(levels) is tuple and all(type(n) is int for n in levels):
                _NORMAL[1] = levels
            else:
                object.__setattr__(self, "noflevels", tuple(int(n) for n in levels))
            if len(self.noflevels) != len(self.conditions):
                raise ExpressionError(
                    f"Expression: {len(self.noflevels)} noflevels for {len(self.conditions)} "
                    f"conditions {list(self.conditions)}."
                )

    # printing ------------------------------------------------------------------------------
    @property
    def multivalue(self) -> bool:
        """True when the analysis has a condition with more than two levels."""
        return self.noflevels is not None and any(n > 2 for n in self.noflevels)

    def to_string(self, multivalue: bool | None = None) -> str:
        """``A*~B + C[2]``. With ``multivalue=True`` binary literals print as ``B[1]`` / ``B[0]``
        (R's spelling inside a multi-value analysis); ``None`` decides from ``noflevels``.
        The empty expression prints as ``"0"``.

        Examples
        --------
        >>> from qca.expressions import parse
        >>> parse("A*~B + C[2]").to_string(multivalue=True)
        'A[1]*B[0] + C[2]'
        """
        if multivalue is None:
            multivalue = self.multivalue or any(t.multivalue for t in self.terms)
        if not self.terms:
            return "0"
        bracketed = {c for c, n in zip(self.conditions, self.noflevels or ()) if n > 2}
        return " + ".join(t.to_string(multivalue, bracketed=bracketed) for t in self.terms)

    def __str__(self) -> str:
        return self.to_string()

    def __repr__(self) -> str:
        return f"Expression({self.to_string()!r})"

    def _repr_html_(self) -> str:
        return f"<code>{html.escape(self.to_string())}</code>"

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form: the printed expression and the terms as lists of literals."""
        return {
            "expression": self.to_string(),
            "conditions": list(self.conditions),
            "noflevels": None if self.noflevels is None else list(self.noflevels),
            "terms": [
                [{"condition": lit.condition, "values": sorted(lit.values)} for lit in t.literals]
                for t in self.terms
            ],
        }

    def to_implicants(self, conditions: Sequence[str] | None = None) -> npt.NDArray[np.int64]:
        """Implicant matrix ``(n_terms, k)`` of the terms over ``conditions``."""
        conditions = self.conditions if conditions is None else tuple(conditions)
        matrix = np.zeros((len(self.terms), len(conditions)), dtype=np.int64)
        for i, term in enumerate(self.terms):
            matrix[i] = term.to_implicant(conditions)
        return matrix

    def level_terms(self, conditions: Sequence[str] | None = None) -> list[LevelTerm]:
        """The terms in the core's form over ``conditions`` (default: the expression's), for
        :func:`qca._core.rows.sop_truth` and :func:`qca._core.rows.sop_row_ids`.

        Examples
        --------
        >>> from qca.expressions import parse
        >>> parse("A*~B + C[1,2]", conditions=["A", "B", "C"]).level_terms()
        [[(0, frozenset({1})), (1, frozenset({0}))], [(2, frozenset({1, 2}))]]
        """
        conditions = self.conditions if conditions is None else tuple(conditions)
        return [term.level_term(conditions) for term in self.terms]

    # sets ---------------------------------------------------------------------------------
    def membership(self, data: pd.DataFrame) -> pd.Series:
        """Fuzzy membership of every case in the expression: max over terms of min over literals.

        A binary literal ``A`` is the column's value ``x``, ``~A`` is ``1 - x``; on a multi-value
        column (integer levels, some above 1) a literal is 1 when the case's level is among its
        levels, else 0. Columns in [0, 1] and multi-value columns may be mixed.

        Examples
        --------
        >>> import pandas as pd
        >>> from qca.expressions import parse
        >>> df = pd.DataFrame({"A": [0.8, 0.3], "B": [0.1, 0.4], "C": [0, 2]}, index=["x", "y"])
        >>> parse("A*~B + C[2]").membership(df).tolist()
        [0.8, 1.0]
        """
        columns = _membership_columns(data, self.used_conditions, "Expression.membership()")
        result = np.zeros(len(data), dtype=np.float64)
        for term in self.terms:
            np.maximum(result, _term_membership(term, columns, len(data)), out=result)
        return pd.Series(result, index=data.index, name=str(self))

    @property
    def used_conditions(self) -> tuple[str, ...]:
        """The conditions that appear in some term, in order."""
        used = {lit.condition for t in self.terms for lit in t.literals}
        return tuple(c for c in self.conditions if c in used)

    # algebra ------------------------------------------------------------------------------
    # The algebra builds Expressions (and parses strings into them), so it cannot be imported
    # while this module is loading: each method imports it when called.
    def negate(self, *, minimize: bool = True) -> Expression:
        """See :func:`qca.expressions.negate`."""
        from . import algebra

        return algebra.negate(self, minimize=minimize)

    def simplify(self) -> Expression:
        """See :func:`qca.expressions.simplify`."""
        from . import algebra

        return algebra.simplify(self)

    def __invert__(self) -> Expression:
        from . import algebra

        return algebra.negate(self)

    def __and__(self, other: Expression | str) -> Expression:
        from . import algebra

        return algebra.intersect(self, other)

    def __or__(self, other: Expression | str) -> Expression:
        from . import algebra

        return algebra.union(self, other)

    def equivalent(self, other: Expression | str) -> bool:
        """See :func:`qca.expressions.equivalent`."""
        from . import algebra

        return algebra.equivalent(self, other)


# --------------------------------------------------------------------------------------------
# membership helpers
# --------------------------------------------------------------------------------------------


def _membership_columns(
    data: pd.DataFrame, conditions: Sequence[str], caller: str
) -> dict[str, tuple[np.ndarray, bool]]:
    """Each condition's values and whether the column is multi-value (levels above 1)."""
    if not isinstance(data, pd.DataFrame):
        raise QCAError(f"{caller}: `data` must be a pandas DataFrame; got {type(data).__name__}.")
    check_columns(data, conditions, caller)
    columns: dict[str, tuple[np.ndarray, bool]] = {}
    for name in conditions:
        values = numeric_column(data, name, caller)
        multivalue = condition_levels(values) > 2
        bad = (values < 0) if multivalue else (values < 0) | (values > 1)
        if np.any(bad):
            position = int(np.flatnonzero(bad)[0])
            raise QCAError(
                f"{caller}: condition '{name}' has value {shown(values[position])} "
                f"(case {data.index[position]!r}); expected memberships in [0, 1] or "
                "multi-value levels 0, 1, 2, ..."
            )
        columns[name] = (values, multivalue)
    return columns


def _literal_membership(literal: Literal, column: tuple[np.ndarray, bool]) -> np.ndarray:
    values, multivalue = column
    return literal_membership(values, literal.values, binary=not multivalue)


def _term_membership(
    term: Term, columns: Mapping[str, tuple[np.ndarray, bool]], n: int
) -> np.ndarray:
    result = np.ones(n, dtype=np.float64)
    for literal in term.literals:
        np.minimum(result, _literal_membership(literal, columns[literal.condition]), out=result)
    return result


# --------------------------------------------------------------------------------------------
# building terms (shared by the parser and the exact negation)
# --------------------------------------------------------------------------------------------


def normalize_literals(
    literals: Iterable[Literal], rank: Mapping[str, int], levels: Mapping[str, int]
) -> tuple[Literal, ...] | None:
    """Literals in condition order, those of one condition combined where that is exact.

    For a multi-value condition (or any literal with a level above 1) a literal is a crisp
    indicator, so ``A[0,1]*A[0,2]`` is ``A[0]`` and ``A[1]*A[2]`` is empty (``None``). For a
    binary condition ``A[0,1]`` (= ``A + ~A``) absorbs into ``A`` or ``~A``, but ``A*~A`` stays:
    its fuzzy membership ``min(a, 1 - a)`` is not 0.

    Parameters
    ----------
    literals : iterable of Literal
        The literals of one term.
    rank : mapping of str to int
        Position of every condition in the analysis (the order of the result).
    levels : mapping of str to int
        Number of levels of the conditions known to have them (others are binary unless a
        literal uses a level above 1).

    Returns
    -------
    tuple of Literal or None
        None when the term is empty (contradictory crisp literals).

    Examples
    --------
    >>> a01, a02 = Literal("A", frozenset({0, 1})), Literal("A", frozenset({0, 2}))
    >>> normalize_literals([a01, a02], {"A": 0}, {"A": 3})
    (Literal(condition='A', values=frozenset({0})),)
    """
    by_condition: dict[str, list[frozenset[int]]] = {}
    for literal in literals:
        by_condition.setdefault(literal.condition, []).append(literal.values)
    result: list[Literal] = []
    for name, sets in by_condition.items():
        sets = list(dict.fromkeys(sets))
        crisp = levels.get(name, 2) > 2 or any(max(v) > 1 for v in sets)
        if crisp or any(len(v) == 2 and max(v) == 1 for v in sets):
            common = frozenset.intersection(*sets)
            if crisp or common:
                if not common:
                    return None
                sets = [common]
        result.extend(Literal(name, v) for v in sets)
    return tuple(sorted(result, key=lambda lit: (rank[lit.condition], lit._sort_key())))


def unique_terms(terms: Iterable[tuple[Literal, ...]]) -> list[tuple[Literal, ...]]:
    """The terms without repeats, and each without repeated literals (first occurrence kept).

    Examples
    --------
    >>> a = Literal("A", frozenset({1}))
    >>> unique_terms([(a, a), (a,)])
    [(Literal(condition='A', values=frozenset({1})),)]
    """
    return list(dict.fromkeys(tuple(dict.fromkeys(t)) for t in terms))
