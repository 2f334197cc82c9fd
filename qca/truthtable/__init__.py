"""Truth tables: from set memberships to configurations, their cases, consistency and outcome code.

:func:`truth_table` builds a :class:`TruthTable` the way R's QCA 3.25 ``truthTable()`` does:

* each case goes to the row (configuration) in which its membership is above 0.5 (fuzzy
  scores above 0.5 count as 1, multi-value conditions keep their level); a score of exactly 0.5
  cannot be placed anywhere and is reported with :class:`~qca.exceptions.HalfMembershipWarning`;
* a row's ``incl`` and ``PRI`` use the membership of *every* case in that row (the minimum over the
  row's literals, a fuzzy literal ``~A`` counting ``1 - a``, a multi-value literal ``A[v]`` counting
  1 when ``A == v`` and 0 otherwise), as in :mod:`qca.fit`;
* ``OUT`` is ``"1"`` when ``incl >= incl_cut`` and ``PRI >= pri_cut`` (R's tolerance of
  ``sqrt(eps)``), ``"C"`` when ``incl`` lies in ``[ic0, ic1)`` for ``incl_cut=(ic1, ic0)``, ``"0"``
  otherwise, and ``"?"`` (remainder) when fewer than ``n_cut`` cases are in the row.

Cases are handled in a canonical order (their names, sorted naturally), so the result does not
depend on the row order of the data, byte for byte.

Modules: :mod:`.build` (the function), :mod:`.table` (the result), :mod:`.validation` (argument
checking), :mod:`.kernels` (row fit, ``OUT`` codes, case lists). Its presentation (R's printed
layout, HTML, ``summary()``) is in :mod:`qca._render`.
"""

from .build import MAX_COMPLETE_ROWS, truth_table
from .table import OUT_CATEGORIES, TruthTable

__all__ = ["MAX_COMPLETE_ROWS", "OUT_CATEGORIES", "TruthTable", "truth_table"]
