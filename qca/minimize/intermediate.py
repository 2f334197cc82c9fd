"""Directional expectations and easy counterfactuals, as R's QCA 3.25 computes them.

Expectations become *rows* of implicant codes over the conditions (R's ``dir.exp`` matrix): a
single-condition row is an individual expectation (``A``, ``~B``; ``A[1,2]`` gives one row per
level), a row over several conditions a conjunctural one (``~LIT*IND``; several levels give one
row per combination).

For each conservative model C and parsimonious model P (R's ``C_getEC``), every term c of C that
contains a term p of P (each literal of p appears in c) yields a selection term: the literals of
c on conditions that p dropped are removed when an expectation on that condition differs from
c's level. Individual expectations drop a condition whose level is not among the expected ones;
a conjunctural expectation that c does not match on the dropped conditions drops all of its
conditions among them. As in R, when conjunctural expectations are present the selection term is
rebuilt from c for each of them, so the last conjunctural expectation decides (individual ones
then have no effect on that term). The easy counterfactuals are the simplifying assumptions of P
inside some selection term.

:func:`intermediate_solutions` carries this out for every C x P pair: the positive rows and the
pair's easy counterfactuals are minimized (without the remainders) into the pair's models.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.encode import configurations_of
from .._validation import brief
from ..exceptions import ExpressionError, QCAError
from ..expressions import parse
from .models import (
    CaseGroups,
    Chart,
    build_models,
    find_primes,
    models_terms_table,
    rename_models,
    term_cases,
)
from .problem import Problem, RowSets
from .solution import Model

__all__ = [
    "Intermediate",
    "IntermediatePair",
    "easy_counterfactuals",
    "expectation_rows",
    "intermediate_solutions",
]


def _split_top_level(text: str) -> list[str]:
    """Split ``"A, ~B, C[1,2]"`` on the commas outside brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def expectation_rows(
    dir_exp: str | Sequence[str] | Mapping[str, Any],
    conditions: Sequence[str],
    noflevels: Sequence[int],
) -> list[dict[int, int]]:
    """Directional expectations as rows ``{condition index: implicant code}``.

    Examples
    --------
    >>> expectation_rows("A, ~B", ["A", "B", "C"], [2, 2, 2])
    [{0: 2}, {1: 1}]
    >>> expectation_rows({"A": [1, 2], "B": "-"}, ["A", "B"], [3, 2])
    [{0: 2}, {0: 3}]
    >>> expectation_rows(["~B*C"], ["A", "B", "C"], [2, 2, 2])
    [{1: 1, 2: 2}]
    """
    position = {name: j for j, name in enumerate(conditions)}
    rows: list[dict[int, int]] = []
    if isinstance(dir_exp, Mapping):
        for name, value in dir_exp.items():
            if name not in position:
                raise QCAError(
                    f"minimize(): `dir_exp` names condition {name!r}, which is not among the "
                    f"conditions {list(conditions)}."
                )
            j = position[name]
            if isinstance(value, str) and value.strip() in ("-", "dc", ""):
                continue
            values = [value] if isinstance(value, (int, np.integer)) else list(value)
            for v in values:
                if not isinstance(v, (int, np.integer)) or not 0 <= int(v) < noflevels[j]:
                    raise QCAError(
                        f"minimize(): `dir_exp` for condition {name!r} must be a level in "
                        f"0..{noflevels[j] - 1}, a list of levels or '-'; got {value!r}."
                    )
                rows.append({j: int(v) + 1})
        return rows
    if isinstance(dir_exp, str):
        pieces = _split_top_level(dir_exp)
    else:
        pieces = [str(p).strip() for p in dir_exp]
    for piece in pieces:
        if re.fullmatch(r"[A-Za-z_.][\w.]*\s*\[\s*-\s*\]", piece):
            continue  # "A[-]": no expectation
        try:
            expression = parse(piece, conditions=list(conditions), noflevels=list(noflevels))
        except ExpressionError as error:  # say which argument the text came from
            raise error.naming(f"minimize(): `dir_exp` {brief(piece)}") from None
        for term in expression.terms:
            literals = [(position[lit.condition], sorted(lit.values)) for lit in term.literals]
            for combination in itertools.product(*[values for _, values in literals]):
                rows.append({j: v + 1 for (j, _), v in zip(literals, combination)})
    return rows


def easy_counterfactuals(
    rows: Sequence[Mapping[int, int]],
    conservative: np.ndarray,
    parsimonious: np.ndarray,
    assumptions: np.ndarray,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Which simplifying assumptions of one parsimonious model are easy counterfactuals.

    Parameters
    ----------
    rows : expectation rows from :func:`expectation_rows`
    conservative, parsimonious : implicant codes of the two models' terms, shape (n, k)
    assumptions : configurations (levels) of the parsimonious model's simplifying assumptions

    Returns
    -------
    mask : bool array over ``assumptions``
    selection : the selection terms (implicant codes), R's ``intsel``
    """
    individual = [r for r in rows if len(r) == 1]
    conjunctural = [r for r in rows if len(r) > 1]
    expected: dict[int, set[int]] = {}
    for r in individual:
        ((j, code),) = r.items()
        expected.setdefault(j, set()).add(code)
    mask = np.zeros(assumptions.shape[0], dtype=bool)
    selection: list[np.ndarray] = []
    for comp in conservative:
        for pars in parsimonious:
            restricted = pars > 0
            if not np.array_equal(pars[restricted], comp[restricted]):
                continue
            dropped = (comp > 0) & ~restricted
            result = comp.copy()
            for j in np.flatnonzero(dropped).tolist():
                if j in expected and int(comp[j]) not in expected[j]:
                    result[j] = 0
            for row in conjunctural:
                result = comp.copy()
                relevant = [j for j in row if dropped[j]]
                if not all(row[j] == comp[j] for j in relevant):
                    for j in relevant:
                        result[j] = 0
            selection.append(result)
            fixed = result > 0
            if assumptions.shape[0]:
                mask |= np.all(assumptions[:, fixed] + 1 == result[fixed], axis=1)
    return mask, selection


@dataclass(frozen=True)
class IntermediatePair:
    """The intermediate solution of one conservative x parsimonious model pair (``C1P1``, ...).

    A result class beside :class:`~qca.minimize.solution.Solution`, kept here so that the stage
    creates it only when an intermediate solution is asked for.

    Attributes
    ----------
    label : str
    conservative, parsimonious : tuple of str
        The terms of the two models.
    easy_counterfactuals : tuple of int
        Simplifying assumptions of the parsimonious model allowed by the directional
        expectations (truth-table row ids); the other ones are ``difficult_counterfactuals``.
    prime_implicants, essential : tuple of str
    pi_chart : mapping, read-only
        ``{PI: (row ids covered)}``.
    models : tuple of Model
    """

    label: str
    conservative: tuple[str, ...]
    parsimonious: tuple[str, ...]
    easy_counterfactuals: tuple[int, ...]
    difficult_counterfactuals: tuple[int, ...]
    prime_implicants: tuple[str, ...]
    essential: tuple[str, ...]
    pi_chart: Mapping[str, tuple[int, ...]]
    models: tuple[Model, ...]

    def __post_init__(self) -> None:
        chart = {pi: tuple(rows) for pi, rows in self.pi_chart.items()}
        object.__setattr__(self, "pi_chart", MappingProxyType(chart))

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON description: the terms, counterfactuals, PI chart and models."""
        return {
            "label": self.label,
            "conservative": list(self.conservative),
            "parsimonious": list(self.parsimonious),
            "easy_counterfactuals": list(self.easy_counterfactuals),
            "difficult_counterfactuals": list(self.difficult_counterfactuals),
            "prime_implicants": list(self.prime_implicants),
            "essential": list(self.essential),
            "pi_chart": {k: list(v) for k, v in self.pi_chart.items()},
            "models": [m.to_dict() for m in self.models],
        }


@dataclass(frozen=True)
class Intermediate:
    """The intermediate solutions of every conservative x parsimonious pair.

    Attributes
    ----------
    pairs : tuple of IntermediatePair
        ``C1P1, C1P2, ...``: conservative models in the outer loop, as R.
    models : tuple of Model
        The distinct models over all pairs, in order of first appearance, renamed M1, M2, ...
    cases : dict
        ``{term: case groups}`` of the parsimonious chart's PIs and every pair's PIs.
    terms : pandas.DataFrame
        Fit of the terms of ``models`` (covU against the union of them all).
    """

    pairs: tuple[IntermediatePair, ...]
    models: tuple[Model, ...]
    cases: CaseGroups
    terms: pd.DataFrame


def _pair_assumptions(
    row_ids: Sequence[int],
    problem: Problem,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """A parsimonious model's simplifying assumptions: row ids and configurations."""
    ids = np.asarray(row_ids, dtype=np.int64)
    if not ids.size:
        return ids, np.zeros((0, len(problem.conditions)), dtype=np.int64)
    return ids, configurations_of(ids, problem.noflevels)


def intermediate_solutions(
    dir_exp: str | Sequence[str] | Mapping[str, Any],
    problem: Problem,
    rows: RowSets,
    parsimonious: Chart,
    covers: Sequence[tuple[int, ...]],
    assumptions: Mapping[str, tuple[int, ...]],
    cases: CaseGroups,
    *,
    method: str,
    chart_options: Mapping[str, Any],
) -> Intermediate:
    """Intermediate solutions (R's ``dir.exp``) for each conservative x parsimonious pair.

    Parameters
    ----------
    dir_exp
        The directional expectations, as given to :func:`qca.minimize`.
    problem, rows
        The truth table and its row sets.
    parsimonious : Chart
        The parsimonious chart; ``covers`` are its models (after ``sol_cons``), and
        ``assumptions`` maps their names (M1, M2, ...) to their simplifying assumptions.
    cases
        Case groups of the parsimonious chart's PIs.
    method : str
        Prime-implicant engine of the conservative chart (the pairs' charts use the classic one).
    chart_options
        ``row_dom``, ``all_sol``, ``max_models``, ``first_min``, ``pi_cons`` of every chart.
    """
    expectations = expectation_rows(dir_exp, problem.conditions, problem.noflevels)
    conservative = Chart(
        find_primes(
            rows.conservative_on,
            rows.off,
            problem.noflevels,
            False,
            method,
            problem.placeholders,
        ),
        rows.positive,
        problem,
        **chart_options,
    )
    pairs = []
    distinct: dict[tuple[str, ...], Model] = {}
    all_cases = dict(cases)
    for ci, c_cover in enumerate(conservative.result.covers, start=1):
        for pj, (name, p_cover) in enumerate(zip(assumptions, covers), start=1):
            ids, configurations = _pair_assumptions(assumptions[name], problem)
            mask, _ = easy_counterfactuals(
                expectations,
                conservative.codes[list(c_cover)],
                parsimonious.codes[list(p_cover)],
                configurations,
            )
            on = (
                np.concatenate([rows.positive, configurations[mask]])
                if mask.any()
                else rows.positive
            )
            chart = Chart(
                find_primes(on, rows.off, problem.noflevels, False, "qmc", problem.placeholders),
                rows.positive,
                problem,
                **chart_options,
            )
            # R lists an intermediate model's terms in PI order, first_min or not
            models = build_models(chart, [tuple(sorted(c)) for c in chart.result.covers], problem)
            all_cases.update(term_cases(chart, problem))
            pairs.append(
                IntermediatePair(
                    label=f"C{ci}P{pj}",
                    conservative=tuple(conservative.terms[i] for i in c_cover),
                    parsimonious=tuple(parsimonious.terms[i] for i in p_cover),
                    easy_counterfactuals=tuple(int(i) for i in ids[mask]),
                    difficult_counterfactuals=tuple(int(i) for i in ids[~mask]),
                    prime_implicants=chart.terms,
                    essential=models[0].essential if models else (),
                    pi_chart=chart.covered_rows(),
                    models=models,
                )
            )
            for model in models:
                distinct.setdefault(model.terms, model)
    renamed = rename_models(tuple(distinct.values()))
    return Intermediate(
        pairs=tuple(pairs),
        models=renamed,
        cases=all_cases,
        terms=models_terms_table(renamed, problem, all_cases),
    )
