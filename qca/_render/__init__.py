"""Presentation of results, apart from their computation.

The result classes hold data (and ``to_frame()`` / ``to_dict()``); how they look is decided here,
and their ``__str__``, ``__repr__``, ``_repr_html_`` and ``summary()`` are one-line delegations:

:mod:`qca._render.limits`
    How much a listing shows (rows, models, characters of a repr): the constants, in one place.
:mod:`qca._render.text`
    Plain text: number formatting (``-`` for an undefined figure), shortening, the
    "... N more rows" note, a generic aligned table, R's numbered fit table and the text views of
    the results.
:mod:`qca._render.html`
    HTML: the one stylesheet (:data:`~qca._render.html.STYLESHEET`), the one table builder
    (:func:`~qca._render.html.html_table`) used by every result and by the study report, and the
    notebook views of the results.
:mod:`qca._render.summary`
    :class:`~qca._render.summary.Summary`, the value object ``summary()`` returns, and the
    functions that build one per result.

The render modules import the result classes only for type checking: the results import the
render modules, never the reverse.
"""
