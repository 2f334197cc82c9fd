"""How much the text, repr and HTML views show: the caps of long listings, in one place.

A view never lists more than these; what is left out is named in a note such as
``… 4,950 more rows; `result.table` has them all``. The data themselves are never capped.
"""

from __future__ import annotations

__all__ = ["MAX_BLOCKS", "MAX_ROWS", "REPR_WIDTH", "TRUTH_TABLE_ROWS"]

#: Rows of a table shown by ``str()``, HTML and ``summary()``.
MAX_ROWS = 50

#: Blocks (one per model: a model fit, a model of a solution) shown by ``str()`` and HTML.
MAX_BLOCKS = 10

#: Characters of one quoted text (an expression, a list of models) inside a ``repr``.
REPR_WIDTH = 60

#: Rows of a truth table R prints at most (``print(truthTable(...))`` gives a warning instead of a
#: longer table, and so does ``str()``); the HTML view shows as many, then the "more rows" note.
TRUTH_TABLE_ROWS = 1024
