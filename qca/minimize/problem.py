"""What minimization reads: the truth table's arrays, the checked arguments and the row sets.

:class:`Problem` reads a truth table (a :class:`~qca.TruthTable`, or any object with its fields:
``conditions``, ``outcome``, ``noflevels``, ``memberships``, ``table`` and optionally
``multivalue``) once; :func:`check_arguments` validates the options of :func:`qca.minimize`;
:func:`row_sets` splits the configurations into what must be covered and what may not be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .._core.encode import check_configuration_count, configurations_of, row_ids
from .._core.qmc import MAX_CONFIGURATIONS
from .._core.rows import sop_row_ids
from .._validation import brief, check_flag, check_names, is_number, shown
from ..exceptions import ExpressionError, NoConfigurationsError, QCAError
from ..expressions import as_expression

__all__ = ["Arguments", "Problem", "RowSets", "check_arguments", "parse_include", "row_sets"]

IntArray = npt.NDArray[np.int64]

METHODS = ("auto", "qmc", "fast")


class Problem:
    """The arrays minimization needs, read once from a truth table.

    Attributes
    ----------
    conditions, outcome, noflevels, multivalue
        As in the truth table.
    label : str
        The outcome as R prints it: ``"PB[1]"`` in a multi-value analysis.
    ids : ndarray
        Row id of each truth-table row, in table order.
    out : ndarray of str
        Output code of each row (``"1"``, ``"0"``, ``"C"``, ``"?"``).
    configurations : ndarray, shape (n_rows, k)
    observed : ndarray of bool
        Rows with cases and a known output.
    row_cases : dict
        ``{row id: (case names)}``.
    case_values : ndarray, shape (n_cases, k)
        The memberships of the cases in the conditions.
    y : ndarray, shape (n_cases,)
        The memberships of the cases in the outcome.
    """

    def __init__(self, tt: Any) -> None:
        for attribute in ("conditions", "outcome", "noflevels", "memberships", "table"):
            if not hasattr(tt, attribute):
                raise QCAError(
                    f"minimize(): `tt` must be a TruthTable (from qca.truth_table()); "
                    f"got {type(tt).__name__} without `{attribute}`."
                )
        try:
            self._read(tt)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
            if isinstance(error, QCAError):
                raise
            raise QCAError(
                f"minimize(): `tt` must be a TruthTable (from qca.truth_table()); the "
                f"{type(tt).__name__} given cannot be read as one ({type(error).__name__}: "
                f"{error})."
            ) from None

    def _read(self, tt: Any) -> None:
        self.conditions = tuple(str(c) for c in tt.conditions)
        check_names(self.conditions, "minimize()")
        self.outcome = str(tt.outcome)
        self.noflevels = tuple(int(n) for n in tt.noflevels)
        #: number of configurations (a Python int: sizes never wrap)
        self.total = check_configuration_count(self.noflevels, "minimize()")
        #: positions of the tQCA conditions (their last level is the placeholder "-")
        self.placeholders = tuple(
            self.conditions.index(str(c)) for c in getattr(tt, "dont_care", ())
        )
        real = [n - 1 if j in self.placeholders else n for j, n in enumerate(self.noflevels)]
        self.multivalue = bool(getattr(tt, "multivalue", any(n > 2 for n in real)))
        # R prints the outcome of a multi-value analysis with its level: "PB[1]"
        self.label = (
            f"{self.outcome}[1]" if self.multivalue and "[" not in self.outcome else self.outcome
        )
        table = tt.table
        out = table["OUT"].astype(str)
        observed = table["n"].to_numpy() > 0 if "n" in table else np.ones(len(table), dtype=bool)
        self.ids = np.asarray(table.index, dtype=np.int64)
        self.out = out.to_numpy()
        self.configurations = table[list(self.conditions)].to_numpy(dtype=np.int64)
        self.observed = observed & (self.out != "?")
        self.row_cases = (
            {int(i): tuple(str(c) for c in cases) for i, cases in zip(self.ids, table["cases"])}
            if "cases" in table
            else {int(i): () for i in self.ids}
        )
        memberships = tt.memberships
        self.case_values = memberships[list(self.conditions)].to_numpy(dtype=float)
        self.y = memberships[self.outcome].to_numpy(dtype=float)

    def rows(self, code: str) -> IntArray:
        """Configurations of the observed rows with output ``code``, by ascending row id."""
        keep = (self.out == code) & self.observed
        order = np.argsort(self.ids[keep])
        return self.configurations[keep][order]


# ------------------------------------------------------------------------------------------
# arguments
# ------------------------------------------------------------------------------------------


# Arguments and RowSets are named tuples, not frozen dataclasses: a frozen dataclass costs about
# 1 ms to create at import (its six generated methods are compiled), a named tuple 0.2 ms, and the
# stage's import is most of a process's first minimize() (benchmarks/coldstart.py).
class Arguments(NamedTuple):
    """The options of :func:`qca.minimize`, checked and normalised."""

    included: tuple[str, ...]
    pi_cons: float
    sol_cons: float

    @property
    def remainders(self) -> bool:
        """True when the remainders are don't cares (parsimonious and intermediate solutions)."""
        return "?" in self.included


def parse_include(include: str | Sequence[str]) -> tuple[str, ...]:
    """``"?,C"`` or ``["C", "?"]`` as ``("?", "C")``; ``""`` as ``()``."""
    if include is None:
        raise QCAError("minimize(): `include` cannot be None; use '' (conservative), '?' or 'C'.")
    if not isinstance(include, str) and not (
        isinstance(include, (list, tuple)) and all(isinstance(i, str) for i in include)
    ):
        raise QCAError(
            "minimize(): `include` must be a string ('', '?', 'C' or '?,C') or a list of them; "
            f"got {include!r}."
        )
    items = include.split(",") if isinstance(include, str) else list(include)
    out = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if item not in ("?", "C"):
            raise QCAError(
                f"minimize(): `include` may hold '?' (remainders) and 'C' (contradictions); "
                f"got {include!r}."
            )
        if item not in out:
            out.append(item)
    return tuple(sorted(out, key=["?", "C"].index))


def _check_number(name: str, value: Any, low: float, high: float) -> float:
    if not is_number(value) or not (low <= float(value) <= high):
        raise QCAError(
            f"minimize(): `{name}` must be a number in [{low:g}, {high:g}]; got {shown(value)}."
        )
    return float(value)


def check_flags(**flags: Any) -> None:
    """Every flag of :func:`qca.minimize` is a bool (``"no"`` would count as true)."""
    for name, value in flags.items():
        check_flag(value, "minimize()", name)


def check_budgets(max_nodes: Any, time_limit: Any) -> None:
    """``max_nodes`` a positive integer; ``time_limit`` None or a positive number of seconds."""
    if (
        isinstance(max_nodes, (bool, np.bool_))
        or not isinstance(max_nodes, (int, np.integer))
        or max_nodes < 1
    ):
        raise QCAError(
            f"minimize(): `max_nodes` must be a positive integer; got {shown(max_nodes)}."
        )
    if time_limit is not None and (
        not is_number(time_limit) or not 0 < float(time_limit) < float("inf")
    ):
        raise QCAError(
            "minimize(): `time_limit` must be None or a positive number of seconds; got "
            f"{shown(time_limit)}."
        )


def check_arguments(
    include: str | Sequence[str],
    pi_cons: Any,
    sol_cons: Any,
    method: Any,
    max_models: Any,
    dir_exp: str | Sequence[str] | Mapping[str, Any] | None,
) -> Arguments:
    """Validate the options of :func:`qca.minimize` (in the order its errors are documented).

    Raises
    ------
    QCAError
        On the first invalid option.
    """
    included = parse_include(include)
    arguments = Arguments(
        included=included,
        pi_cons=_check_number("pi_cons", pi_cons, 0, 1),
        sol_cons=_check_number("sol_cons", sol_cons, 0, 1),
    )
    if method not in METHODS:
        raise QCAError(
            f"minimize(): `method` must be one of 'auto', 'qmc', 'fast'; got {method!r}."
        )
    if (
        isinstance(max_models, bool)
        or not isinstance(max_models, (int, np.integer))
        or max_models < 1
    ):
        raise QCAError(
            f"minimize(): `max_models` must be a positive integer; got {shown(max_models)}."
        )
    if dir_exp is not None and not (
        isinstance(dir_exp, (str, Mapping))
        or (isinstance(dir_exp, (list, tuple)) and all(isinstance(d, str) for d in dir_exp))
    ):
        raise QCAError(
            "minimize(): `dir_exp` must be a string ('A, ~B'), a list of strings (['A', '~B']) "
            f"or a mapping ({{'A': 1, 'B': 0}}); got {dir_exp!r}."
        )
    if dir_exp is not None and not arguments.remainders:
        raise QCAError(
            "minimize(): Directional expectations cannot be specified without including the "
            "remainders: pass include='?' with `dir_exp`."
        )
    return arguments


# ------------------------------------------------------------------------------------------
# row sets
# ------------------------------------------------------------------------------------------


def exclude_ids(exclude: Any, problem: Problem) -> IntArray:
    """Row ids of ``exclude`` (row ids, or an expression whose rows are meant), sorted, unique."""
    if exclude is None:
        return np.zeros(0, dtype=np.int64)
    total = problem.total
    if isinstance(exclude, str) or hasattr(exclude, "terms"):
        try:
            expression = as_expression(
                exclude, conditions=list(problem.conditions), noflevels=list(problem.noflevels)
            )
        except ExpressionError as error:  # say which argument the text came from
            raise error.naming(f"minimize(): `exclude` {brief(exclude)}") from None
        if total > MAX_CONFIGURATIONS:
            raise QCAError(
                f"minimize(): `exclude` as an expression needs every configuration; {total} is "
                f"more than {MAX_CONFIGURATIONS}. Give row ids instead."
            )
        position = {name: j for j, name in enumerate(problem.conditions)}
        terms = [
            [(position[lit.condition], lit.values) for lit in term.literals]
            for term in expression.terms
        ]
        return sop_row_ids(terms, problem.noflevels)
    items = list(exclude) if isinstance(exclude, (list, tuple, set, range, np.ndarray)) else None
    if items is None or not all(
        isinstance(i, (int, np.integer)) and not isinstance(i, (bool, np.bool_)) for i in items
    ):
        wrong = (
            exclude
            if items is None
            else next(
                i for i in items if not isinstance(i, (int, np.integer)) or isinstance(i, bool)
            )
        )
        raise QCAError(
            "minimize(): `exclude` must be truth-table row ids or an expression; got "
            f"{shown(exclude)}"
            + ("." if wrong is exclude else f" ({shown(wrong)} is not an integer).")
        )
    # checked as Python ints first: an id beyond int64 is out of range, not an OverflowError
    bad = [int(i) for i in items if not 1 <= int(i) <= total]
    if bad:
        raise QCAError(f"minimize(): `exclude` row ids must be in 1..{total}; got {bad}.")
    return np.unique(np.asarray(items, dtype=np.int64).reshape(-1))


class RowSets(NamedTuple):
    """Configurations by role in the minimization.

    Attributes
    ----------
    positive : rows to explain (OUT = 1), the columns of every PI chart
    off : rows no implicant may contain (negative, contradictions unless included, excluded)
    conservative_on : the rows the conservative solution's implicants are built from (the
        positive rows, and the contradictions when included)
    excluded : every row named by ``exclude`` (observed or not)
    """

    positive: IntArray
    off: IntArray
    conservative_on: IntArray
    excluded: IntArray = np.zeros((0, 0), dtype=np.int64)  # shared, but empty: nothing to write


def row_sets(problem: Problem, arguments: Arguments, exclude: Any) -> RowSets:
    """Split the truth table's rows by role.

    ``exclude`` sets the output of the rows it names to 0, as R's ``truthTable(exclude=)`` does:
    a remainder is no longer a don't care, and an *observed* row (positive, negative or a
    contradiction) becomes a negative row -- it is no longer explained and no implicant may
    contain it.

    Raises
    ------
    NoConfigurationsError
        No positive row.
    QCAError
        An invalid ``exclude``; remainders included with nothing to keep out (every condition
        would be minimized away).
    """
    excluded = exclude_ids(exclude, problem)
    positive = _without(problem.rows("1"), excluded, problem)
    negative = problem.rows("0")
    contradictions = _without(problem.rows("C"), excluded, problem)
    if positive.shape[0] == 0:
        raise NoConfigurationsError(
            f"minimize(): None of the values in OUT is explained: the truth table for "
            f"'{problem.outcome}' has no positive row (OUT = 1). Lower `incl_cut` or check the "
            "outcome."
        )
    if excluded.size:
        negative_ids = (
            set(row_ids(negative, problem.noflevels).tolist()) if negative.size else set()
        )
        excluded = np.array([i for i in excluded.tolist() if i not in negative_ids], dtype=np.int64)
    off_parts = [negative]
    if "C" not in arguments.included:
        off_parts.append(contradictions)
    if excluded.size:
        off_parts.append(configurations_of(excluded, problem.noflevels))
    off = np.concatenate(off_parts).reshape(-1, len(problem.conditions))
    if arguments.remainders and off.shape[0] == 0:
        raise QCAError(
            "minimize(): All truth table configurations are used, all conditions are minimized: "
            "with include='?' and no negative row every condition drops out. Check the truth "
            "table."
        )
    conservative_on = positive
    if "C" in arguments.included and contradictions.shape[0]:
        conservative_on = np.concatenate([positive, contradictions])
    return RowSets(
        positive=positive,
        off=off,
        conservative_on=conservative_on,
        excluded=configurations_of(excluded, problem.noflevels).reshape(
            -1, len(problem.conditions)
        ),
    )


def _without(rows: IntArray, excluded: IntArray, problem: Problem) -> IntArray:
    """``rows`` (configurations) less those whose row id is in ``excluded``."""
    if not excluded.size or not rows.shape[0]:
        return rows
    return rows[~np.isin(row_ids(rows, problem.noflevels), excluded)]
