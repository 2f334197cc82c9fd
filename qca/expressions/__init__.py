"""Boolean expressions in sum-of-products form: values, parsing, printing, membership and algebra.

* :mod:`qca.expressions.values`: :class:`Literal`, :class:`Term`, :class:`Expression` (printing,
  fuzzy membership, conversion to the core's implicant codes and level terms);
* :mod:`qca.expressions.parser`: :func:`parse` (R's notation) and :func:`as_expression`;
* :mod:`qca.expressions.algebra`: :func:`negate`, :func:`simplify`, :func:`intersect`,
  :func:`equivalent`, each returning a minimal sum of products.
"""

from __future__ import annotations

from .algebra import equivalent, intersect, negate, simplify
from .parser import as_expression, parse
from .values import Expression, Literal, Term

__all__ = [
    "Expression",
    "Literal",
    "Term",
    "as_expression",
    "equivalent",
    "intersect",
    "negate",
    "parse",
    "simplify",
]
