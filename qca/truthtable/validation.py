"""Argument checking of :func:`~qca.truth_table`: columns, cut-offs, sort keys, memberships."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.levels import condition_levels, is_whole
from .._core.names import PackedNames, numbered_values, pack_integers, pack_names
from .._core.order import canonical_order, integer_order, numbered_order
from .._outcome import Outcome, read_outcome
from .._validation import (
    check_columns,
    check_condition_names,
    check_dataframe,
    check_fraction,
    check_unit_interval,
    is_number,
    numeric_column,
    shown,
    warn_level_gaps,
)
from ..exceptions import QCAError
from .temporal import check_placeholder_levels, placeholder_mask, refuse_placeholder

__all__ = [
    "CALLER",
    "SORT_KEYS",
    "TABLE_COLUMNS",
    "CaseIndex",
    "Inputs",
    "parse_incl_cut",
    "parse_sort_by",
    "truth_table_iv",
]

CALLER = "truth_table()"

# Columns of `table` besides the conditions; a condition cannot take one of these names.
TABLE_COLUMNS = ("OUT", "n", "incl", "PRI", "cases", "DCC")

SORT_KEYS = ("OUT", "n", "incl", "PRI")


def parse_incl_cut(incl_cut: Any) -> tuple[float, float]:
    """``(ic1, ic0)`` from one cut-off or a pair; one cut-off gives ``(ic1, ic1)``."""
    allowed = (
        f"{CALLER}: `incl_cut` must be a number in [0, 1] or a pair (ic1, ic0) of numbers in "
        "[0, 1] with ic0 <= ic1"
    )
    if isinstance(incl_cut, (str, bytes, dict)):
        raise QCAError(f"{allowed}; got {shown(incl_cut)}.")
    if np.ndim(incl_cut) == 0:
        values = [incl_cut]
    else:
        values = list(incl_cut)
    if len(values) not in (1, 2) or not all(is_number(v) for v in values):
        raise QCAError(f"{allowed}; got {shown(incl_cut)}.")
    numbers = [float(v) for v in values]
    if not all(0.0 <= v <= 1.0 for v in numbers):
        raise QCAError(f"{allowed}; got {shown(incl_cut)}.")
    if len(numbers) == 1:
        return numbers[0], numbers[0]
    if numbers[1] > numbers[0]:
        raise QCAError(f"{allowed}; got {shown(incl_cut)} (ic0 > ic1).")
    return numbers[0], numbers[1]


def parse_sort_by(sort_by: Any, conditions: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    """Sort keys and whether each is decreasing (a bare key is decreasing, as in R)."""
    if sort_by is None or (isinstance(sort_by, str) and sort_by == ""):
        return ()
    if isinstance(sort_by, str):
        items = [(sort_by, True)]
    elif isinstance(sort_by, Mapping):
        items = [(key, value) for key, value in sort_by.items()]
    elif isinstance(sort_by, (list, tuple)):
        items = [(key, True) for key in sort_by]
    else:
        raise QCAError(
            f"{CALLER}: `sort_by` must be a key, a list of keys or a mapping "
            f"{{key: decreasing}}; got {shown(sort_by)}."
        )
    allowed = list(SORT_KEYS) + list(conditions)
    result = []
    for key, decreasing in items:
        key = "OUT" if key == "out" else key
        if key not in allowed:
            raise QCAError(
                f"{CALLER}: `sort_by` key {key!r} is not a truth-table column; "
                f"use any of {allowed}."
            )
        if not isinstance(decreasing, (bool, np.bool_)):
            raise QCAError(
                f"{CALLER}: `sort_by` values must be True (decreasing) or False (increasing); "
                f"got {decreasing!r} for {key!r}."
            )
        result.append((str(key), bool(decreasing)))
    return tuple(result)


class CaseIndex:
    """The case names of the data (its index, read as strings) and their canonical order, both
    computed on first use: a truth table needs neither until its case lists are read.

    ``names`` are in data order; ``order`` holds the positions of the cases in canonical order
    (:func:`qca._core.order.canonical_order`). The index is immutable, so reading it later reads
    what the caller passed.
    """

    __slots__ = ("_index", "_names", "_order", "_packed")

    def __init__(self, index: pd.Index) -> None:
        self._index = index
        self._names: npt.NDArray[np.object_] | None = None
        self._order: npt.NDArray[np.intp] | None = None
        self._packed: PackedNames | bool | None = False  # False: not packed yet

    def __len__(self) -> int:
        return len(self._index)

    @property
    def names(self) -> npt.NDArray[np.object_]:
        """The names (str objects) in data order."""
        if self._names is None:
            # for a str index: the index's own objects, no copy
            self._names = np.asarray(self._index.astype(str).to_numpy(dtype=object), dtype=object)
        return self._names

    def _integers(self) -> bool:
        dtype = self._index.dtype
        return isinstance(dtype, np.dtype) and dtype.kind in "iu"

    def _packed_names(self) -> PackedNames | None:
        """The names packed (:mod:`qca._core.names`; None where they cannot be), on first use."""
        packed = self._packed
        if packed is False:
            if self._integers():
                packed = pack_integers(self._index.to_numpy())
            else:
                packed = pack_names(self.names.tolist())
            self._packed = packed
        assert packed is not True
        return packed

    @property
    def order(self) -> npt.NDArray[np.intp]:
        """Positions of the cases in canonical order."""
        if self._order is None:
            if self._integers():
                # names of integers (a RangeIndex): their natural order is known, no names read
                self._order = integer_order(self._index.to_numpy())
            else:
                packed = self._packed_names()
                values = None
                if packed is not None and len(self) > 1:
                    values = numbered_values(self.names[0], packed)
                if values is not None:
                    self._order = numbered_order(values)
                else:
                    self._order = canonical_order(self.names.tolist())
        return self._order

    def texts(self, positions: npt.NDArray[np.intp]) -> list[str]:
        """The names of the cases at ``positions`` (data order), as a list: new str objects,
        adjacent in memory (:meth:`qca._core.names.PackedNames.texts`), where the names pack."""
        packed = self._packed_names()
        if packed is None:
            return self.names[positions].tolist()
        return packed.texts(positions)

    def canonical_names(self) -> npt.NDArray[np.object_]:
        """The names in canonical order."""
        return self.names[self.order]

    def first(self, positions: npt.NDArray[np.intp]) -> int:
        """The one of ``positions`` (data order, not empty) whose case comes first canonically."""
        if positions.size == 1:
            return int(positions[0])
        rank = np.empty(len(self), dtype=np.intp)
        rank[self.order] = np.arange(len(self))
        return int(positions[np.argmin(rank[positions])])

    def label(self, position: int) -> str:
        """The name of the case at ``position`` (data order), as messages show it."""
        return repr(self._index[position])

    def in_order(self) -> pd.Index:
        """The index (as the user gave it) in canonical order, for messages."""
        return self._index[self.order]


@dataclass(frozen=True, slots=True)
class Inputs:
    """The arguments of :func:`~qca.truth_table`, checked, and the data read (in data order)."""

    conditions: tuple[str, ...]
    outcome: str
    cases: CaseIndex  # names and canonical order of the rows of x and y
    x: npt.NDArray[np.float64]  # (n_cases, k) conditions as used, data order (F-ordered)
    fuzzy: npt.NDArray[np.bool_]  # (k,)
    noflevels: tuple[int, ...]
    y: npt.NDArray[np.float64]  # (n_cases,) outcome membership (negated / levelled)
    multivalue: bool
    incl_cut: tuple[float, float]
    out_cut: tuple[float, float | None]  # (ic1, ic0), ic0 None for a single cut-off
    n_cut: int
    pri_cut: float
    sort_by: tuple[tuple[str, bool], ...]
    #: tQCA: conditions holding the "don't care" placeholder "-" (its level is the last one)
    dont_care: tuple[str, ...] = ()

    @property
    def case_names(self) -> npt.NDArray[np.object_]:
        """The case names, in the order of the rows of ``x`` and ``y`` (data order)."""
        return self.cases.names


def truth_table_iv(
    data: Any,
    outcome: Any,
    conditions: Any,
    incl_cut: Any,
    n_cut: Any,
    pri_cut: Any,
    sort_by: Any,
) -> Inputs:
    """Check the arguments of :func:`~qca.truth_table` and read the data.

    The conditions become a column-major float array, the outcome its membership (negated for
    ``~Y``, 0/1 for ``Y[v]``), both in data order; ``Inputs.cases`` gives the canonical order
    (:func:`qca._core.order.canonical_order`). A refused value is reported for the first case
    in canonical order, whatever the row order of the data.

    Raises
    ------
    QCAError
        Any invalid argument or value (the messages name ``truth_table()``).
    """
    data = check_dataframe(data, CALLER)
    data, reading, conditions = _check_columns(data, outcome, conditions)
    column, negated, levels = reading.column, reading.negated, reading.levels
    cases = CaseIndex(data.index)
    n_cut_value, cut, pri_value = _parse_cuts(n_cut, incl_cut, pri_cut)
    single = isinstance(incl_cut, str) or np.ndim(incl_cut) == 0 or len(incl_cut) == 1
    sort_keys = parse_sort_by(sort_by, conditions)

    columns = _Columns(data, cases)
    x, fuzzy, noflevels, dont_care = _read_conditions(columns, conditions)
    real_levels = [n - 1 if c in dont_care else n for c, n in zip(conditions, noflevels)]
    y = _read_outcome(columns, column, levels)
    if negated:
        y = 1.0 - y

    return Inputs(
        conditions=tuple(conditions),
        outcome=Outcome(column, negated, levels).label,
        cases=cases,
        x=x,
        fuzzy=fuzzy,
        noflevels=tuple(noflevels),
        y=y,
        multivalue=bool(any(v > 2 for v in real_levels) or levels is not None),
        incl_cut=cut,
        out_cut=(cut[0], None) if single else cut,
        n_cut=n_cut_value,
        pri_cut=pri_value,
        sort_by=sort_keys,
        dont_care=dont_care,
    )


def _check_columns(
    data: pd.DataFrame, outcome: Any, conditions: Any
) -> tuple[pd.DataFrame, Outcome, list[str]]:
    """The data with string column names, the outcome read, and the conditions checked."""
    if not all(isinstance(c, str) for c in data.columns):
        # conditions are named by strings everywhere downstream (expressions, printing)
        data = data.set_axis([str(c) for c in data.columns], axis=1)
        repeated = sorted({c for c in data.columns if list(data.columns).count(c) > 1})
        if repeated:
            raise QCAError(f"{CALLER}: column names {repeated} appear more than once in `data`.")
    reading = read_outcome(outcome, list(data.columns), CALLER)
    column = reading.column
    if conditions is None:
        conditions = [c for c in data.columns if c != column]
        if not conditions:
            raise QCAError(f"{CALLER}: `data` has no column besides the outcome '{column}'.")
    else:
        # one string is one condition: no comma-separated lists (STYLE A10)
        if not isinstance(conditions, (str, list, tuple, pd.Index, np.ndarray)):
            raise QCAError(
                f"{CALLER}: `conditions` must be a list of column names; got {shown(conditions)}."
            )
        conditions = check_condition_names(conditions, CALLER)
        if not conditions:
            raise QCAError(f"{CALLER}: `conditions` is empty; give at least one condition.")
        if column in [str(c) for c in conditions]:
            raise QCAError(f"{CALLER}: `outcome` '{column}' is also listed in `conditions`.")
    conditions = check_columns(data, conditions, CALLER)
    clash = [c for c in conditions if c in TABLE_COLUMNS]
    if clash:
        raise QCAError(
            f"{CALLER}: condition(s) {clash} have the name of a truth-table column "
            f"{list(TABLE_COLUMNS)}; rename them first."
        )
    return data, reading, conditions


def _parse_cuts(n_cut: Any, incl_cut: Any, pri_cut: Any) -> tuple[int, tuple[float, float], float]:
    """``n_cut``, ``(ic1, ic0)`` and ``pri_cut``, checked in that order."""
    # an int of any size is finite (np.isfinite refuses a Python int beyond int64)
    finite = isinstance(n_cut, (int, np.integer)) or (is_number(n_cut) and np.isfinite(n_cut))
    if not is_number(n_cut) or not finite or int(n_cut) != n_cut or n_cut < 1:
        raise QCAError(f"{CALLER}: `n_cut` must be an integer >= 1; got {shown(n_cut)}.")
    n_cut_value = int(n_cut)
    cut = parse_incl_cut(incl_cut)
    pri_value = check_fraction(pri_cut, CALLER, "pri_cut")
    return n_cut_value, cut, pri_value


@dataclass(frozen=True, slots=True)
class _Columns:
    """Columns of the data read in data order, one at a time; a refused value is looked up again
    in canonical order, so that the message names the same case whatever the row order."""

    data: pd.DataFrame
    cases: CaseIndex

    def numeric(self, column: str) -> npt.NDArray[np.float64]:
        """The column as float64 (:func:`numeric_column`'s checks)."""
        series = self.data[column]
        if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
            # numpy integers and booleans: no missing or non-numeric value can be there
            return series.to_numpy(dtype=np.float64)
        try:
            return numeric_column(self.data, column, CALLER)
        except QCAError:
            # the message names the first bad case in canonical order, as every other check's
            numeric_column(self.data[[column]].iloc[self.cases.order], column, CALLER)
            raise

    def read_into(self, column: str, out: npt.NDArray[np.float64]) -> None:
        """:meth:`numeric` written into ``out`` (an integer column is converted on the way)."""
        series = self.data[column]
        if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
            out[:] = series.to_numpy()
        else:
            out[:] = self.numeric(column)

    def placeholders(self, column: str) -> npt.NDArray[np.bool_] | None:
        """Where the column holds tQCA's "-" (data order), or None if nowhere; a refused value
        is named with the first such case in canonical order."""
        series = self.data[column]
        if series.dtype != object and not isinstance(series.dtype, pd.StringDtype):
            return None
        order = self.cases.order
        in_order = placeholder_mask(series.iloc[order], column, CALLER)
        if in_order is None:
            return None
        mask = np.empty(len(order), dtype=bool)
        mask[order] = in_order
        return mask

    def numeric_besides(self, column: str, mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """The column as float64 (data order), NaN where ``mask`` (the placeholders)."""
        order = self.cases.order
        kept = order[~mask[order]]
        values = np.full(len(order), np.nan)
        values[kept] = numeric_column(self.data[[column]].iloc[kept], column, CALLER)
        return values

    def refuse_placeholder(self, column: str, role: str) -> None:
        series = self.data[column]
        if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
            refuse_placeholder(series.iloc[self.cases.order], column, CALLER, role)

    def integer(self, column: str) -> bool:
        """Whether the column has an integer or boolean dtype (whole numbers by construction)."""
        dtype = self.data[column].dtype
        return pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)

    def refuse(self, bad: npt.NDArray[np.bool_]) -> tuple[int, str]:
        """The first case with ``bad`` in canonical order: its position and its name's repr."""
        position = self.cases.first(np.flatnonzero(bad))
        return position, self.cases.label(position)

    def original(self, column: str, position: int) -> Any:
        """The value as the user wrote it, of the case at ``position`` (data order)."""
        return self.data[column].iloc[position]


def _read_conditions(
    columns: _Columns, conditions: Sequence[str]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], list[int], tuple[str, ...]]:
    """The conditions' scores (column-major), which are fuzzy, their numbers of levels and the
    tQCA columns (holding "-", read as one more level: see :mod:`.temporal`)."""
    k = len(conditions)
    # column-major: each condition's scores are contiguous (per-condition loops, frame columns)
    x = np.empty((len(columns.cases), k), dtype=np.float64, order="F")
    fuzzy = np.zeros(k, dtype=bool)
    noflevels = []
    dont_care = []
    for j, c in enumerate(conditions):
        mask = columns.placeholders(c)
        if mask is not None:
            x[:, j], levels = _read_placeholder_column(columns, c, mask)
            noflevels.append(levels)
            dont_care.append(c)
            continue
        values = x[:, j]
        columns.read_into(c, values)
        # an integer column needs no rounding test (1e6 x 20 crisp scores: ~0.1 s of checks)
        if columns.integer(c) or is_whole(values):
            if values.min() < 0:
                p, case = columns.refuse(values < 0)
                raise QCAError(
                    f"{CALLER}: condition '{c}' has a negative value {shown(columns.original(c, p))} (case "
                    f"{case}); crisp and multi-value conditions take levels "
                    "0, 1, 2, ..."
                )
            if values.max() >= 2:
                # the warning names the first case with the largest level in canonical order
                order = columns.cases.order
                warn_level_gaps(values[order], c, columns.cases.in_order(), CALLER)
                noflevels.append(condition_levels(values))
            else:
                noflevels.append(2)  # condition_levels' rule when no score exceeds 1
        else:
            outside = (values < 0) | (values > 1)
            if outside.any():
                order = columns.cases.order
                check_unit_interval(values[order], c, columns.cases.in_order(), CALLER)
            fuzzy[j] = True
            noflevels.append(2)
    return x, fuzzy, noflevels, tuple(dont_care)


def _read_placeholder_column(
    columns: _Columns, column: str, mask: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.float64], int]:
    """A tQCA column (data order): its levels, "-" coded as the level after the last; its number
    of levels (the placeholder's included). Messages name cases in canonical order."""
    values = columns.numeric_besides(column, mask)
    order = columns.cases.order
    in_order = values[order]
    check_placeholder_levels(
        in_order,
        mask[order],
        column,
        columns.cases.in_order(),
        lambda p: columns.original(column, int(order[p])),
        CALLER,
    )
    kept = order[~mask[order]]
    levels = condition_levels(values[kept]) if kept.size else 2
    if kept.size:
        warn_level_gaps(values[kept], column, columns.cases.in_order()[~mask[order]], CALLER)
    values[mask] = levels
    return values, levels + 1


def _read_outcome(
    columns: _Columns, column: str, levels: Sequence[float] | None
) -> npt.NDArray[np.float64]:
    """The outcome membership before negation: 0/1 for named levels, else checked in [0, 1]."""
    columns.refuse_placeholder(column, "outcome")
    y = columns.numeric(column)
    if levels is not None:
        # a level of a fuzzy or negative score would silently make a 0/1 outcome of it
        not_level = (y < 0) | (y != np.round(y))
        if not_level.any():
            p, case = columns.refuse(not_level)
            raise QCAError(
                f"{CALLER}: `outcome` names level(s) of '{column}', which has the value "
                f"{shown(columns.original(column, p))} (case {case}); levels need whole numbers "
                f"0, 1, 2, ... (a crisp or multi-value outcome). For a fuzzy outcome write "
                f"'{column}' or '~{column}'."
            )
        top = max(int(y.max()), 1)
        unknown = [v for v in levels if not 0 <= v <= top or v != int(v)]
        if unknown:
            raise QCAError(
                f"{CALLER}: `outcome` names level(s) {shown([int(v) if v == int(v) else v for v in unknown])} "
                f"of '{column}', which has the levels 0..{top}."
            )
        return np.isin(y, np.asarray(levels, dtype=float)).astype(np.float64)
    outside = (y < 0) | (y > 1)
    if outside.any():
        p, case = columns.refuse(outside)
        hint = ""
        if np.all(y == np.round(y)) and np.all(y >= 0):
            hint = f"; for a multi-value outcome name the level, e.g. '{column}[{int(y[p])}]'"
        raise QCAError(
            f"{CALLER}: outcome '{column}' has values outside [0, 1]: {shown(columns.original(column, p))} "
            f"(case {case}){hint}."
        )
    return y
