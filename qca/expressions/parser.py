"""Reading Boolean expressions written as in R's QCA: :func:`parse` and :func:`as_expression`.

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
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from .._validation import NAME_PATTERN
from ..exceptions import ExpressionError
from .values import MAX_TERMS, Expression, Literal, Term, normalize_literals, unique_terms

__all__ = ["MAX_NESTING", "as_expression", "parse"]

#: Deepest nesting of parentheses read; the parser recurses once per level, and a deeper text
#: is refused with a syntax error instead of exhausting Python's stack (RecursionError).
MAX_NESTING = 100


_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<name>{NAME_PATTERN})
  | (?P<int>\d+)
  | (?P<op>[+*~()\[\]{{}},])
    """,
    re.VERBOSE,
)


#: Characters of the expression shown around the caret of an error (a long text is cut).
_CARET_WINDOW = 80


def _caret(text: str, position: int) -> str:
    # Tabs and newlines would misplace the caret: show them as single spaces.
    shown = re.sub(r"\s", " ", text)
    if len(shown) > _CARET_WINDOW:  # a window around the position, not 10,000 characters
        start = max(0, min(position - _CARET_WINDOW // 2, len(shown) - _CARET_WINDOW))
        head = "..." if start > 0 else ""
        tail = "..." if start + _CARET_WINDOW < len(shown) else ""
        shown = head + shown[start : start + _CARET_WINDOW] + tail
        position = position - start + len(head)
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
        self.depth = 0  # parentheses open at the current token

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
            terms = unique_terms(terms + self.product())
            self.check_size(terms)
        return terms

    def product(self) -> _Sop:
        terms = self.factor()
        while self.peek()[1] == "*":
            self.advance()
            right = self.factor()
            self.check_size(terms, len(right))
            terms = unique_terms([a + b for a in terms for b in right])
        return terms

    def factor(self) -> _Sop:
        token = self.peek()
        if token[1] == "~":
            # a run of '~' is read in a loop, not by recursion (1,000 of them are legal text):
            # an odd run is one complement, an even run two (which keeps the checks of one)
            count = 0
            while self.peek()[1] == "~":
                self.advance()
                count += 1
            terms = self.factor()
            for _ in range(1 if count % 2 else 2):
                terms = self.complement(terms, token[2])
            return terms
        if token[1] == "(":
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise _syntax_error(
                    self.text,
                    token[2],
                    f"parentheses nested more than {MAX_NESTING} deep (write the expression "
                    "with fewer parentheses)",
                )
            self.advance()
            inner = self.expression()
            if self.peek()[1] != ")":
                raise self.fail(self.peek(), "')' to close the '(' at position " + str(token[2]))
            self.advance()
            self.depth -= 1
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
            negated = [
                (lit,)
                for lit in (self.complement_literal(x, position) for x in term)
                if lit is not None
            ]
            self.check_size(result, len(negated))
            result = unique_terms([a + b for a in result for b in negated])
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
        if len(terms) * max(factor, 1) > MAX_TERMS:
            raise ExpressionError(
                f"parse(): the expression multiplies out to more than {MAX_TERMS} terms; "
                "write it as a sum of products.",
                text=self.text,
            )


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
        normal = normalize_literals(literals, rank, levels or {})
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
    """An :class:`Expression` from a string (parsed), a Term or an Expression (as is).

    Examples
    --------
    >>> from qca.expressions import as_expression, parse
    >>> as_expression("URB*STB + DEV*~IND", conditions=["DEV", "URB", "LIT", "IND", "STB"])
    Expression('URB*STB + DEV*~IND')
    >>> as_expression(parse("DEV*~IND").terms[0])
    Expression('DEV*~IND')
    """
    if isinstance(value, Expression):
        return value
    if isinstance(value, Term):
        return Expression(
            (value,),
            conditions=tuple(conditions or ()),
            noflevels=None if noflevels is None else tuple(noflevels),
        )
    if isinstance(value, str):
        return parse(value, conditions=conditions, noflevels=noflevels)
    raise ExpressionError(
        f"expected an expression (str or Expression); got {type(value).__name__}."
    )
