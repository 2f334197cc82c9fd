"""Boolean expressions in sum-of-products form: parsing, printing, membership and algebra.

An :class:`Expression` is a disjunction (``+``) of :class:`Term` objects; a term is a
conjunction (``*``) of :class:`Literal` objects; a literal is a condition restricted to a set of
levels: ``A`` is ``Literal("A", {1})``, ``~A`` is ``Literal("A", {0})``, ``A[2]`` is
``Literal("A", {2})`` and ``A[1,2]`` is ``Literal("A", {1, 2})``.

The grammar read by :func:`parse` (whitespace is free)::

    expression := product ("+" product)*
    product    := factor ("*" factor)*
    factor     := "~" factor | "(" expression ")" | literal
    literal    := NAME [ "[" INT ("," INT)* "]" | "{" INT ("," INT)* "}" ]

``NAME`` is an identifier made of letters, digits, ``_`` and ``.`` (not starting with a digit).
Juxtaposition is not a product: as in R, ``AB`` is the condition named ``AB``. Parentheses are
expanded with the distributive law, and ``~`` in front of a parenthesis with De Morgan's laws, so
the result is always a sum of products. This expansion is exact for fuzzy sets too (min/max form
a distributive De Morgan lattice), so :meth:`Expression.membership` of a parsed expression is the
membership of the text as written.

The algebra (:func:`negate`, :func:`simplify`, :func:`intersect`, :func:`equivalent`) is
Boolean: it works on the crisp (multi-value) truth space of the conditions and returns a
*minimal* sum of products, as R's ``admisc::simplify`` and ``admisc::negate`` do. Crisp rules such
as ``A*~A = 0`` or the consensus theorem do not hold for fuzzy memberships, so a minimized
negation is the complement of the expression on crisp data, and only approximately on fuzzy data;
``negate(e, minimize=False)`` returns the exact fuzzy complement instead.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._validation import check_columns, numeric_column
from .._core.levels import condition_levels
from .._core.terms import literal_membership
from ..exceptions import ExpressionError, ProblemTooLargeError, QCAError

__all__ = [
    "Literal",
    "Term",
    "Expression",
    "parse",
    "as_expression",
    "negate",
    "simplify",
    "intersect",
    "equivalent",
]

# Parenthesised input multiplies out; past this many terms the expansion is refused rather than
# exhausting memory on a pathological input.
_MAX_TERMS = 20_000
# The algebra enumerates the truth space of the conditions involved.
_MAX_SPACE = 1 << 16


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

    @property
    def conditions(self) -> tuple[str, ...]:
        """The conditions this term restricts, in order."""
        return tuple(dict.fromkeys(lit.condition for lit in self.literals))

    def to_string(
        self, multivalue: bool | None = None, *, bracketed: Collection[str] = ()
    ) -> str:
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
        else:
            object.__setattr__(self, "conditions", tuple(str(c) for c in self.conditions))
        if self.noflevels is not None:
            object.__setattr__(self, "noflevels", tuple(int(n) for n in self.noflevels))
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
        import html

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

    # sets ---------------------------------------------------------------------------------
    def membership(self, data: pd.DataFrame) -> pd.Series:
        """Fuzzy membership of every case in the expression: max over terms of min over literals.

        A binary literal ``A`` is the column's value ``x``, ``~A`` is ``1 - x``; on a multi-value
        column (integer levels, some above 1) a literal is 1 when the case's level is among its
        levels, else 0. Columns in [0, 1] and multi-value columns may be mixed.

        Examples
        --------
        >>> import pandas as pd
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
    def negate(self, *, minimize: bool = True) -> Expression:
        """See :func:`negate`."""
        return negate(self, minimize=minimize)

    def simplify(self) -> Expression:
        """See :func:`simplify`."""
        return simplify(self)

    def __invert__(self) -> Expression:
        return negate(self)

    def __and__(self, other: Expression | str) -> Expression:
        return intersect(self, other)

    def __or__(self, other: Expression | str) -> Expression:
        other = as_expression(other, conditions=self.conditions, noflevels=self.noflevels)
        conditions, noflevels = _merge_context(self, other)
        return simplify(Expression(self.terms + other.terms, conditions, noflevels))

    def equivalent(self, other: Expression | str) -> bool:
        """See :func:`equivalent`."""
        return equivalent(self, other)


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
                f"{caller}: condition '{name}' has value {values[position]:g} "
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
# parser
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<name>[^\W\d][\w.]*|\.[\w.]*)
  | (?P<int>\d+)
  | (?P<op>[+*~()\[\]{},])
    """,
    re.VERBOSE,
)


def _caret(text: str, position: int) -> str:
    # Tabs and newlines would misplace the caret: show them as single spaces.
    shown = re.sub(r"\s", " ", text)
    return f"\n    {shown}\n    {' ' * position}^"


def _syntax_error(text: str, position: int, what: str) -> ExpressionError:
    return ExpressionError(
        f"parse(): {what} at position {position}:{_caret(text, position)}",
        text=text,
        position=position,
    )


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise _syntax_error(text, position, f"unexpected character {text[position]!r}")
        kind = match.lastgroup
        assert kind is not None
        if kind != "space":
            tokens.append((kind, match.group(), position))
        position = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


# An expression while it is parsed: a list of terms, each a tuple of literals.
_Sop = list[tuple[Literal, ...]]


class _Parser:
    def __init__(
        self,
        text: str,
        levels: Mapping[str, int] | None,
        known: Sequence[str] | None,
    ) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0
        self.levels = dict(levels or {})
        self.known = None if known is None else list(known)
        self.negations: list[tuple[str, int]] = []  # conditions negated by '~', with position
        self.seen: dict[str, None] = {}  # condition names in order of first appearance

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.index]

    def advance(self) -> tuple[str, str, int]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def fail(self, token: tuple[str, str, int], expected: str) -> ExpressionError:
        kind, value, position = token
        found = "end of input" if kind == "end" else repr(value)
        return _syntax_error(self.text, position, f"expected {expected} but found {found}")

    def parse(self) -> _Sop:
        if self.peek()[0] == "end":
            raise _syntax_error(self.text, 0, "empty expression")
        result = self.expression()
        if self.peek()[0] != "end":
            raise self.fail(self.peek(), "'+', '*' or the end")
        return result

    def expression(self) -> _Sop:
        terms = self.product()
        while self.peek()[1] == "+":
            self.advance()
            terms = _dedupe(terms + self.product())
            self.check_size(terms)
        return terms

    def product(self) -> _Sop:
        terms = self.factor()
        while self.peek()[1] == "*":
            self.advance()
            right = self.factor()
            self.check_size(terms, len(right))
            terms = _dedupe([a + b for a in terms for b in right])
        return terms

    def factor(self) -> _Sop:
        token = self.peek()
        if token[1] == "~":
            self.advance()
            return self.complement(self.factor(), token[2])
        if token[1] == "(":
            self.advance()
            inner = self.expression()
            if self.peek()[1] != ")":
                raise self.fail(self.peek(), "')' to close the '(' at position " + str(token[2]))
            self.advance()
            return inner
        if token[0] == "name":
            return [(self.literal(),)]
        raise self.fail(token, "a condition name, '~' or '('")

    def literal(self) -> Literal:
        _, name, position = self.advance()
        self.seen.setdefault(name)
        if self.known is not None and name not in self.known:
            raise ExpressionError(
                f"parse(): unknown condition '{name}' at position {position}; known conditions: "
                f"{self.known}.{_caret(self.text, position)}",
                text=self.text,
                position=position,
            )
        opening = self.peek()[1]
        if opening not in ("[", "{"):
            return Literal(name, frozenset({1}))
        closing = "]" if opening == "[" else "}"
        self.advance()
        values: list[int] = []
        while True:
            token = self.peek()
            if token[0] != "int":
                raise self.fail(token, f"a level (a whole number) for '{name}'")
            self.advance()
            value = int(token[1])
            if name in self.levels and value >= self.levels[name]:
                raise ExpressionError(
                    f"parse(): level {value} of condition '{name}' at position {token[2]} is out "
                    f"of range: '{name}' has levels 0..{self.levels[name] - 1}."
                    f"{_caret(self.text, token[2])}",
                    text=self.text,
                    position=token[2],
                )
            values.append(value)
            if self.peek()[1] == ",":
                self.advance()
                continue
            if self.peek()[1] != closing:
                raise self.fail(self.peek(), f"',' or '{closing}'")
            self.advance()
            return Literal(name, frozenset(values))

    def complement(self, terms: _Sop, position: int) -> _Sop:
        # De Morgan: ~(t1 + t2) = ~t1 * ~t2 and ~(a * b) = ~a + ~b, multiplied out. A literal
        # whose complement is empty (~A[0,1] of a binary A) contributes nothing to the sum.
        result: _Sop = [()]
        for term in terms:
            negated = [(lit,) for lit in (self.complement_literal(x, position) for x in term)
                       if lit is not None]
            self.check_size(result, len(negated))
            result = _dedupe([a + b for a in result for b in negated])
        return result

    def complement_literal(self, literal: Literal, position: int) -> Literal | None:
        levels = self.levels.get(literal.condition)
        if levels is None:
            # The level count is only implied for binary conditions: A, ~A, A[0], A[1].
            if max(literal.values) > 1:
                raise ExpressionError(
                    f"parse(): cannot negate '{literal}' at position {position} without knowing "
                    f"how many levels '{literal.condition}' has; pass `conditions` and "
                    f"`noflevels`.{_caret(self.text, position)}",
                    text=self.text,
                    position=position,
                )
            self.negations.append((literal.condition, position))
            levels = 2
        rest = frozenset(range(levels)) - literal.values
        return Literal(literal.condition, rest) if rest else None

    def check_size(self, terms: _Sop, factor: int = 1) -> None:
        if len(terms) * max(factor, 1) > _MAX_TERMS:
            raise ExpressionError(
                f"parse(): the expression multiplies out to more than {_MAX_TERMS} terms; "
                "write it as a sum of products.",
                text=self.text,
            )


def _normal_term(
    literals: Iterable[Literal], rank: Mapping[str, int], levels: Mapping[str, int]
) -> tuple[Literal, ...] | None:
    """Literals in condition order, those of one condition combined where that is exact.

    For a multi-value condition (or any literal with a level above 1) a literal is a crisp
    indicator, so ``A[0,1]*A[0,2]`` is ``A[0]`` and ``A[1]*A[2]`` is empty (``None``). For a
    binary condition ``A[0,1]`` (= ``A + ~A``) absorbs into ``A`` or ``~A``, but ``A*~A`` stays:
    its fuzzy membership ``min(a, 1 - a)`` is not 0.
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


def _dedupe(terms: Iterable[tuple[Literal, ...]]) -> _Sop:
    return list(dict.fromkeys(tuple(dict.fromkeys(t)) for t in terms))


def parse(
    text: str,
    conditions: Sequence[str] | None = None,
    noflevels: Sequence[int] | None = None,
) -> Expression:
    """Read a Boolean expression written as in R's QCA.

    Parameters
    ----------
    text : str
        ``+`` is OR, ``*`` is AND, ``~`` negation, ``A[2]`` a multi-value level, ``A[1,2]``
        several levels (``A{2}``, R's older notation, is read too); parentheses group and are
        multiplied out. ``~A[1]`` is every other level of A.
    conditions : sequence of str, optional
        The conditions of the analysis. When given, any other name is an error, and the literals
        of each term are written in this order (otherwise in order of first appearance).
    noflevels : sequence of int, optional
        Number of levels of each condition (2 for binary), aligned with ``conditions``. Needed to
        negate a multi-value literal; levels out of range are errors.

    Returns
    -------
    Expression

    Raises
    ------
    ExpressionError
        On a syntax error (the message gives the 0-based position and points at it) or an unknown
        condition.

    Examples
    --------
    >>> str(parse("A*~B + C{2}"))
    'A*~B + C[2]'
    >>> str(parse("~(A + B)*C"))
    '~A*~B*C'
    >>> str(parse("B*A", conditions=["A", "B"]))
    'A*B'
    >>> str(parse("~A[1]", conditions=["A"], noflevels=[3]))
    'A[0,2]'
    """
    if not isinstance(text, str):
        raise ExpressionError(f"parse(): `text` must be a string; got {type(text).__name__}.")
    known, levels = _check_context(conditions, noflevels, "parse()")
    parser = _Parser(text, levels, known)
    terms = parser.parse()
    order = known if known is not None else list(parser.seen)
    # Conditions seen negated as binary but written with a level above 1 elsewhere.
    for name, position in parser.negations:
        if any(lit.condition == name and max(lit.values) > 1 for t in terms for lit in t):
            raise ExpressionError(
                f"parse(): '{name}' is negated at position {position} as a binary condition but "
                f"is used with a level above 1; pass `conditions` and `noflevels`."
                f"{_caret(text, position)}",
                text=text,
                position=position,
            )
    rank = {name: j for j, name in enumerate(order)}
    built = []
    for literals in terms:
        normal = _normal_term(literals, rank, levels or {})
        if normal is not None:
            built.append(Term(normal))
    return Expression(
        tuple(dict.fromkeys(built)),
        conditions=tuple(order),
        noflevels=None if noflevels is None else tuple(int(n) for n in noflevels),
    )


def _check_context(
    conditions: Sequence[str] | None, noflevels: Sequence[int] | None, caller: str
) -> tuple[list[str] | None, dict[str, int] | None]:
    if conditions is None:
        if noflevels is not None:
            raise ExpressionError(f"{caller}: `noflevels` needs `conditions` to say whose levels.")
        return None, None
    if isinstance(conditions, str):
        raise ExpressionError(
            f"{caller}: `conditions` must be a sequence of names, not a string; got {conditions!r}."
        )
    known = [str(c) for c in conditions]
    if noflevels is None:
        return known, None
    levels = list(noflevels)
    if len(levels) != len(known):
        raise ExpressionError(
            f"{caller}: `noflevels` has {len(levels)} entries for {len(known)} conditions {known}."
        )
    for name, n in zip(known, levels):
        if not isinstance(n, (int, np.integer)) or n < 2:
            raise ExpressionError(
                f"{caller}: `noflevels` of '{name}' must be an integer >= 2; got {n!r}."
            )
    return known, {name: int(n) for name, n in zip(known, levels)}


def as_expression(
    value: Expression | Term | str,
    conditions: Sequence[str] | None = None,
    noflevels: Sequence[int] | None = None,
) -> Expression:
    """An :class:`Expression` from a string (parsed), a Term or an Expression (as is)."""
    if isinstance(value, Expression):
        return value
    if isinstance(value, Term):
        return Expression((value,), conditions=tuple(conditions or ()),
                          noflevels=None if noflevels is None else tuple(noflevels))
    if isinstance(value, str):
        return parse(value, conditions=conditions, noflevels=noflevels)
    raise ExpressionError(
        f"expected an expression (str or Expression); got {type(value).__name__}."
    )


# --------------------------------------------------------------------------------------------
# algebra (Boolean / multi-value crisp)
# --------------------------------------------------------------------------------------------


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


def _universe(expr: Expression, caller: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    conditions = expr.conditions
    if expr.noflevels is not None:
        levels = expr.noflevels
    else:
        levels = tuple(_implied_levels(c, [expr], caller) for c in conditions)
    space = int(np.prod(levels, dtype=np.float64)) if levels else 1
    if space > _MAX_SPACE:
        raise ProblemTooLargeError(
            f"{caller}: the expression spans {len(conditions)} conditions ({space} "
            f"configurations); the exact algebra is limited to {_MAX_SPACE}."
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


def _minimal_sop(expr_truth: np.ndarray, configs: np.ndarray, conditions: tuple[str, ...],
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
    conditions, levels = _universe(expr, "simplify()")
    configs = _all_configs(levels)
    return _minimal_sop(_truth(expr, conditions, configs), configs, conditions, levels,
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
    >>> str(negate(parse("A[1]", conditions=["A"], noflevels=[3])))
    'A[0] + A[2]'
    """
    expr = as_expression(expression)
    conditions, levels = _universe(expr, "negate()")
    if not minimize:
        level_of = dict(zip(conditions, levels))
        result: list[tuple[Literal, ...]] = [()]
        for term in expr.terms:
            options = [
                Literal(lit.condition, frozenset(range(level_of[lit.condition])) - lit.values)
                for lit in term.literals
            ]
            options = [o for o in options if o.values]
            result = _dedupe(a + (o,) for a in result for o in options)
            if len(result) > _MAX_TERMS:
                raise ProblemTooLargeError(
                    f"negate(): the De Morgan expansion exceeds {_MAX_TERMS} terms; use minimize=True."
                )
        rank = {c: j for j, c in enumerate(conditions)}
        normal = (_normal_term(t, rank, level_of) for t in result)
        terms = [t for t in normal if t is not None]
        return Expression(tuple(Term(t) for t in _absorb(terms)), conditions=conditions,
                          noflevels=expr.noflevels)
    configs = _all_configs(levels)
    return _minimal_sop(~_truth(expr, conditions, configs), configs, conditions, levels,
                        expr.noflevels)


def _absorb(terms: list[tuple[Literal, ...]]) -> list[tuple[Literal, ...]]:
    # X + X*Y = X holds for fuzzy sets as well (max(x, min(x, y)) = x).
    unique = list(dict.fromkeys(tuple(dict.fromkeys(t)) for t in terms))
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
    conditions, levels = _universe(
        Expression(tuple(t for e in merged for t in e.terms), conditions, noflevels), "intersect()"
    )
    configs = _all_configs(levels)
    truth = np.ones(configs.shape[0], dtype=bool)
    for e in merged:
        truth &= _truth(e, conditions, configs)
    return _minimal_sop(truth, configs, conditions, levels, noflevels)


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
    conditions, levels = _universe(union, "equivalent()")
    configs = _all_configs(levels)
    return bool(np.array_equal(_truth(a, conditions, configs), _truth(b, conditions, configs)))
