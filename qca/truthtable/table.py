"""The result of :func:`~qca.truth_table`: :class:`TruthTable`, its counts and views.

Its presentation (``repr``, ``str`` in R's layout, HTML, ``summary()``) is in :mod:`qca._render`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._frozen import FrameCopy
from .._render.html import truth_table_html
from .._render.summary import Summary, truth_table_summary
from .._render.tables import PaperTables
from .._render.text import truth_table_repr, truth_table_text
from ..exceptions import QCAError
from .binomial import InfTest

__all__ = ["OUT_CATEGORIES", "TruthTable"]

#: The outcome codes, in the order of the ``OUT`` categorical.
OUT_CATEGORIES = ("1", "0", "C", "?")


@dataclass(frozen=True, init=False, repr=False, eq=False)
class TruthTable(PaperTables):
    """A truth table: one row per configuration of the conditions.

    Build it with :func:`~qca.truth_table`. Immutable: fields are read-only, and :attr:`table` and
    :attr:`memberships` hand out copies (Copy-on-Write: changing one leaves the truth table
    alone); :meth:`to_frame` returns a deep copy of :attr:`table`.

    Attributes
    ----------
    conditions : tuple of str
        The conditions, in the order given (the first is the most significant in row ids).
    outcome : str
        The outcome as given, written canonically: ``"SURV"``, ``"~SURV"`` (negated) or
        ``"PB[2]"`` (a multi-value level; ``"PB{2}"`` and ``"PB[ 2 ]"`` are written so too).
    noflevels : tuple of int
        Number of levels of each condition (2 for crisp and fuzzy conditions).
    multivalue : bool
        Whether any condition has more than two levels, or the outcome names a level.
    fuzzy : tuple of bool
        Whether each condition holds fuzzy scores (any value that is not a whole number).
    memberships : pandas.DataFrame
        A copy of the data used: index = case names (canonical order), one column per
        condition (fuzzy scores, crisp 0/1 or multi-value levels) and one column named
        :attr:`outcome` with the outcome membership (already negated for ``~Y``, already 0/1 for
        ``Y[v]``).
    table : pandas.DataFrame
        Indexed by R's row id (``"row"``, int64). Columns: each condition (int64), ``OUT``
        (Categorical ``["1", "0", "C", "?"]``), ``n`` (int64), ``incl`` and ``PRI`` (float64, NaN
        where undefined), ``cases`` and ``DCC`` (tuples of case names; ``DCC`` = deviant cases
        consistency in kind: cases in the row whose outcome membership is below 0.5). Lists the
        observed rows (``n >= 1``) and, with ``complete=True``, every remainder.
    incl_cut : tuple of float
        ``(ic1, ic0)``; ``ic0 == ic1`` when one cut-off was given (no contradiction band).
    n_cut : int
        Rows with fewer cases are remainders (``OUT == "?"``).
    pri_cut : float
        Minimal PRI of a positive row.
    complete, show_cases, dcc : bool
        Options as given (``show_cases`` only changes the printed table; ``dcc`` the printed
        table and whether :meth:`to_frame` has the ``DCC`` column).
    sort_by : tuple of (str, bool)
        Sort keys and whether each is decreasing; empty = ascending row id.
    half_cases : tuple of str
        Cases with a membership of exactly 0.5 in some condition: in no row.
    inf_test : InfTest or None
        R's binomial test (``inf_test=("binom", alpha)``): then :attr:`table` has the column
        ``pval1`` (and ``pval0`` with two cut-offs; NaN for rows not tested) after ``PRI``, and
        ``OUT`` was coded from them.
    categories : mapping
        ``{condition: {level: label}}`` (read-only; empty without labels): the category labels
        the printed views (``str``, ``repr``, ``summary()``, HTML, and the solutions of
        :func:`~qca.minimize`) show; :attr:`table`, :meth:`to_frame` and :meth:`to_dict` keep
        the plain levels.
    dont_care : tuple of str
        Temporal QCA (tQCA): the conditions whose data hold the "don't care" placeholder
        ``"-"`` (empty without). Its level is the condition's last one (level 2 of a 0/1
        column; ``noflevels`` counts it): :attr:`table` and :meth:`to_frame` hold that level,
        the printed views show ``-``, and terms never name it (see :func:`~qca.truth_table`).

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LF"), "SURV", incl_cut=0.8)
    >>> tt.conditions, tt.noflevels
    (('DEV', 'URB', 'LIT', 'IND', 'STB'), (2, 2, 2, 2, 2))
    >>> tt.to_frame().loc[[22, 32], ["OUT", "n", "incl", "cases"]].round(3)
        OUT  n   incl             cases
    row
    22    1  2  0.804          (FI, IE)
    32    1  4  0.904  (BE, CZ, NL, UK)
    """

    conditions: tuple[str, ...]
    outcome: str
    noflevels: tuple[int, ...]
    multivalue: bool
    fuzzy: tuple[bool, ...]
    _members: pd.DataFrame | Callable[[], pd.DataFrame]  # the frame, or what builds it
    _rows: pd.DataFrame  # the table; without `cases` and `DCC` while `_case_columns` is set
    _case_columns: Callable[[], tuple[Any, Any]] | None
    incl_cut: tuple[float, float]
    n_cut: int
    pri_cut: float
    complete: bool
    sort_by: tuple[tuple[str, bool], ...]
    show_cases: bool
    dcc: bool
    half_cases: tuple[str, ...]
    inf_test: InfTest | None
    _categories: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
    dont_care: tuple[str, ...]

    def __init__(
        self,
        conditions: tuple[str, ...],
        outcome: str,
        noflevels: tuple[int, ...],
        multivalue: bool,
        fuzzy: tuple[bool, ...],
        memberships: pd.DataFrame | Callable[[], pd.DataFrame],
        table: pd.DataFrame,
        incl_cut: tuple[float, float],
        n_cut: int,
        pri_cut: float,
        complete: bool,
        sort_by: tuple[tuple[str, bool], ...],
        show_cases: bool,
        dcc: bool,
        half_cases: tuple[str, ...],
        inf_test: InfTest | None = None,
        categories: Mapping[str, Mapping[int, str]] | None = None,
        case_columns: Callable[[], tuple[Any, Any]] | None = None,
        dont_care: tuple[str, ...] = (),
    ) -> None:
        # memberships may be a function returning the frame (private use by truth_table():
        # built on first read). case_columns (likewise): `table` lacks `cases` and `DCC`, and this
        # returns them (in the order of `table`'s rows); they are appended on first read, as
        # building ~1e6 tuples of names costs more than the rest of a large table
        values = {
            "conditions": conditions,
            "outcome": outcome,
            "noflevels": noflevels,
            "multivalue": multivalue,
            "fuzzy": fuzzy,
            "_members": memberships.copy(deep=False)
            if isinstance(memberships, pd.DataFrame)
            else memberships,
            "_rows": table.copy(deep=False),
            "_case_columns": case_columns,
            "incl_cut": incl_cut,
            "n_cut": n_cut,
            "pri_cut": pri_cut,
            "complete": complete,
            "sort_by": sort_by,
            "show_cases": show_cases,
            "dcc": dcc,
            "half_cases": half_cases,
            "inf_test": inf_test,
            # tuples, not mapping proxies: the truth table stays picklable
            "_categories": tuple(
                (name, tuple(sorted(labels.items()))) for name, labels in (categories or {}).items()
            ),
            "dont_care": tuple(dont_care),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def _table(self) -> pd.DataFrame:
        """The complete table (the case columns appended on first read)."""
        build = self._case_columns
        if build is not None:
            cases, dcc = build()
            complete = self._rows.copy(deep=False)
            complete["cases"] = cases
            complete["DCC"] = dcc
            object.__setattr__(self, "_rows", complete)
            object.__setattr__(self, "_case_columns", None)
        return self._rows

    @property
    def _memberships(self) -> pd.DataFrame:
        """The memberships frame (built on first read)."""
        members = self._members
        if not isinstance(members, pd.DataFrame):
            members = members()
            object.__setattr__(self, "_members", members)
        return members

    def __getstate__(self) -> dict[str, Any]:
        # pickled and copied complete: no builder travels
        self._table  # noqa: B018
        self._memberships  # noqa: B018
        return self.__dict__.copy()

    table = FrameCopy("The rows (a copy: changing it leaves the truth table alone).")

    memberships = FrameCopy(
        "The memberships of the cases (a copy: changing it leaves the truth table alone)."
    )

    @property
    def categories(self) -> Mapping[str, Mapping[int, str]]:
        """The category labels: ``{condition: {level: label}}`` (read-only; empty without)."""
        return MappingProxyType(
            {name: MappingProxyType(dict(labels)) for name, labels in self._categories}
        )

    # ---- counts -------------------------------------------------------------------------

    @property
    def n_rows(self) -> int:
        """Number of configurations, observed or not (the product of :attr:`noflevels`)."""
        return math.prod(self.noflevels)

    def row_ids(self, out: str | Sequence[str]) -> npt.NDArray[np.int64]:
        """Row ids whose ``OUT`` is ``out`` (one code or several), ascending.

        Remainders that are not listed in :attr:`table` (``complete=False``) are not returned.

        Examples
        --------
        >>> import pandas as pd, qca
        >>> data = pd.DataFrame({"A": [1, 1, 0], "B": [0, 1, 1], "Y": [1, 1, 0]},
        ...                     index=["x", "y", "z"])
        >>> qca.truth_table(data, "Y").row_ids("1").tolist()
        [3, 4]
        """
        codes = (out,) if isinstance(out, str) else out
        if not isinstance(codes, (tuple, list)) or not all(c in OUT_CATEGORIES for c in codes):
            raise QCAError(
                f"TruthTable.row_ids(): `out` must be one of {list(OUT_CATEGORIES)} or a list of them; "
                f"got {out!r}."
            )
        mask = self._rows["OUT"].isin(codes).to_numpy()
        return np.sort(self._rows.index.to_numpy(dtype=np.int64)[mask])

    def counts(self) -> dict[str, int]:
        """Number of rows of each kind.

        Returns
        -------
        dict
            ``observed`` (rows with ``n >= 1``), ``positive`` (``OUT == "1"``), ``negative``
            (``"0"``), ``contradictions`` (``"C"``), ``below_n_cut`` (observed rows coded
            ``"?"``) and ``remainders`` (every configuration not coded from cases, listed in
            :attr:`table` or not).

        Examples
        --------
        >>> import pandas as pd, qca
        >>> data = pd.DataFrame({"A": [1, 1, 0], "B": [0, 1, 1], "Y": [1, 1, 0]},
        ...                     index=["x", "y", "z"])
        >>> qca.truth_table(data, "Y").counts()["remainders"]
        1
        """
        out = self._rows["OUT"].to_numpy()
        observed = self._rows["n"].to_numpy() > 0
        coded = int(np.count_nonzero(observed & (out != "?")))
        return {
            "observed": int(np.count_nonzero(observed)),
            "positive": int(np.count_nonzero(out == "1")),
            "negative": int(np.count_nonzero(out == "0")),
            "contradictions": int(np.count_nonzero(out == "C")),
            "below_n_cut": int(np.count_nonzero(observed & (out == "?"))),
            "remainders": self.n_rows - coded,
        }

    # ---- views --------------------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """A copy of :attr:`table`, without the ``DCC`` column unless the table was built with
        ``dcc=True``.

        ``cases`` (and ``DCC``) hold tuples of case names (str), as the ``cases`` column of
        every result's ``to_frame()``.
        """
        frame = self._table.copy(deep=True)
        return frame if self.dcc else frame.drop(columns="DCC")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description: conditions, outcome, noflevels, options and rows.

        NaN figures become ``None``; the rows follow the order of :attr:`table`.
        """
        rows = []
        table = self._table
        cond_values = {c: table[c].to_numpy() for c in self.conditions}
        out = table["OUT"].astype(str).to_numpy()
        n = table["n"].to_numpy()
        incl = table["incl"].to_numpy()
        pri = table["PRI"].to_numpy()
        pvalues = {c: table[c].to_numpy() for c in ("pval1", "pval0") if c in table.columns}
        for i, row_id in enumerate(table.index.to_numpy()):
            record: dict[str, Any] = {"row": int(row_id)}
            for c in self.conditions:
                record[c] = int(cond_values[c][i])
            record["OUT"] = str(out[i])
            record["n"] = int(n[i])
            record["incl"] = None if np.isnan(incl[i]) else float(incl[i])
            record["PRI"] = None if np.isnan(pri[i]) else float(pri[i])
            for name, values in pvalues.items():
                record[name] = None if np.isnan(values[i]) else float(values[i])
            record["cases"] = list(table["cases"].iat[i])
            record["DCC"] = list(table["DCC"].iat[i])
            rows.append(record)
        return {
            "conditions": list(self.conditions),
            "outcome": self.outcome,
            "noflevels": list(self.noflevels),
            "multivalue": self.multivalue,
            "options": {
                "incl_cut": list(self.incl_cut),
                "n_cut": self.n_cut,
                "pri_cut": self.pri_cut,
                "complete": self.complete,
                "sort_by": [[key, decreasing] for key, decreasing in self.sort_by],
                "show_cases": self.show_cases,
                "dcc": self.dcc,
                **({} if self.inf_test is None else {"inf_test": self.inf_test.to_list()}),
            },
            "half_cases": list(self.half_cases),
            **(
                {
                    "dont_care": {
                        c: self.noflevels[self.conditions.index(c)] - 1 for c in self.dont_care
                    }
                }
                if self.dont_care
                else {}
            ),
            "counts": self.counts(),
            "rows": rows,
        }

    def summary(self) -> Summary:
        """The outcome, conditions and levels, cut-offs, rows by ``OUT``, remainders, cases and
        the table (capped), with what the columns mean."""
        return truth_table_summary(self)

    def __repr__(self) -> str:
        return truth_table_repr(self)

    def __str__(self) -> str:
        return truth_table_text(self)

    def _repr_html_(self) -> str:
        return truth_table_html(self)
