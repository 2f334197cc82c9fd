"""The result of a sweep: :class:`RobustnessResult`, built from the engine's :class:`Sweep`."""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .._core.fitkernels import necessity_fit
from .._version import __version__
from ..exceptions import QCAError, QCAWarning
from .engine import Sweep, model_memberships
from .figures import RobustnessFigures, robustness_figures
from .spec import BASE_CONDITIONS

__all__ = ["RobustnessResult", "build_result", "solution_text"]

_NO_SOLUTION = "(no solution)"


def solution_text(models: tuple[tuple[str, ...], ...], status: str) -> str:
    """A variant's answer as one string: its models joined by ``" | "``, or why there is none."""
    if status:
        return f"({status})" if not status.startswith("(") else status
    return " | ".join(" + ".join(terms) for terms in models)


def _num(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        value = float(value)
        return None if math.isnan(value) else value
    if isinstance(value, np.integer):
        return int(value)
    return value


@dataclass(frozen=True)
class RobustnessResult:
    """The result of :func:`qca.robustness`.

    Attributes
    ----------
    base : mapping
        The base analysis: ``settings``, ``solution`` (its models joined by ``" | "``),
        ``models`` with their fit.
    n_variants : int
        Variants run (the base included); ``n_solved`` of them have a solution.
    n_problems, n_tables, n_calibrations : int
        Distinct minimization problems, truth tables and calibrated data sets actually computed.
    factors : tuple of (str, tuple)
        Each perturbation and the values it took.
    cross : bool
        Whether the factors were crossed (every combination) or varied one at a time.
    completions : mapping
        The coding uncertainty: the uncertain cells (case, column, alternatives, base value,
        missing), the number of completions, how many were swept and whether they were a
        seeded sample (``sampled``).
    model_frequency, term_frequency, pi_frequency, solution_frequency : mapping
        Share of the solved variants in which each model / term (in some model) / prime
        implicant / whole solution appears, most frequent first.
    robust_core : tuple of str
        The terms found in every model of every solved variant.
    core_expression : str
        Oana & Schneider's robust core as an expression: the intersection of the base M1 and
        every test solution's M1; ``"0"`` when that intersection is empty (the variants' first
        models share no configuration), ``""`` when not computed (no test solution, or more than
        64 distinct first models).
    figures : RobustnessFigures or None
        Oana & Schneider's figures (see :mod:`qca.robustness.figures`), the base M1 against the
        M1 of every other solved variant. None without a test solution.
    sensitivity : mapping
        For each ordered factor (a threshold or an anchor), the tested values within which the
        solution stays the base one, all other factors at their base values: ``low``, ``high``
        and the first values tested beyond them that change it (``changes_below``,
        ``changes_above``; None when none does).
    pivotal : mapping
        The values of each factor that change the base solution when varied alone (cases left
        out, groups, conditions dropped, uncertain cells, threshold values).
    necessity : mapping
        For each condition literal (``DEV``, ``~DEV``, ``A[2]``) and each necessary expression
        of the base analysis (:func:`qca.necessity` at ``necessity_cut``, e.g.
        ``DEV + URB + IND``), the share of the variants with every condition in which its inclN
        reaches ``necessity_cut``.
    warnings : tuple of str
    options : mapping

    Examples
    --------
    >>> import qca
    >>> lf = qca.datasets.load("LF")
    >>> result = qca.robustness(lf, "SURV", incl_cut=0.8, incl_cuts=[0.75, 0.8, 0.85])
    >>> result.base["solution"], result.n_variants
    ('DEV*~IND + URB*STB', 3)
    """

    base: Mapping[str, Any]
    n_variants: int
    n_solved: int
    n_problems: int
    n_tables: int
    n_calibrations: int
    factors: tuple[tuple[str, tuple[Any, ...]], ...]
    cross: bool
    completions: Mapping[str, Any]
    model_frequency: Mapping[str, float]
    term_frequency: Mapping[str, float]
    pi_frequency: Mapping[str, float]
    solution_frequency: Mapping[str, float]
    robust_core: tuple[str, ...]
    core_expression: str
    figures: RobustnessFigures | None
    sensitivity: Mapping[str, Mapping[str, Any]]
    pivotal: Mapping[str, tuple[Any, ...]]
    necessity: Mapping[str, float]
    warnings: tuple[str, ...]
    options: Mapping[str, Any]
    _variants: pd.DataFrame = field(repr=False)
    _variant_models: tuple[tuple[tuple[str, Mapping[str, float]], ...], ...] = field(repr=False)

    def __post_init__(self) -> None:
        for name in (
            "base",
            "completions",
            "model_frequency",
            "term_frequency",
            "pi_frequency",
            "solution_frequency",
            "sensitivity",
            "pivotal",
            "necessity",
            "options",
        ):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @property
    def variants(self) -> pd.DataFrame:
        """One row per variant: its settings, status, truth-table signature, solution and M1 fit."""
        return self._variants.copy()

    def models(self, variant: int) -> tuple[tuple[str, Mapping[str, float]], ...]:
        """``((expression, fit), ...)`` of every model of variant ``variant`` (its row number)."""
        return self._variant_models[variant]

    def to_frame(self) -> pd.DataFrame:
        """The variants table (a copy): see :attr:`variants`."""
        return self.variants

    def frequencies(self, kind: str = "term") -> pd.Series:
        """``"model"``, ``"term"``, ``"pi"`` or ``"solution"`` frequencies as a Series."""
        table = {
            "model": self.model_frequency,
            "term": self.term_frequency,
            "pi": self.pi_frequency,
            "solution": self.solution_frequency,
        }[kind]
        return pd.Series(dict(table), name=f"{kind} frequency", dtype=float)

    def to_dict(self) -> dict[str, Any]:
        """Every figure, JSON-ready; the same bytes whatever the backend or ``n_jobs``."""
        frame = self._variants
        rows = []
        for i, record in enumerate(frame.to_dict(orient="records")):
            row = {k: _num(v) for k, v in record.items()}
            row["models"] = [
                {"expression": e, "fit": {k: _num(v) for k, v in fit.items()}}
                for e, fit in self._variant_models[i]
            ]
            rows.append(row)
        return {
            "base": _plain(self.base),
            "n_variants": self.n_variants,
            "n_solved": self.n_solved,
            "n_problems": self.n_problems,
            "n_tables": self.n_tables,
            "n_calibrations": self.n_calibrations,
            "factors": [{"name": n, "values": [_num(v) for v in vs]} for n, vs in self.factors],
            "cross": self.cross,
            "completions": _plain(self.completions),
            "robust_core": list(self.robust_core),
            "core_expression": self.core_expression,
            "figures": None if self.figures is None else self.figures.to_dict(),
            "model_frequency": _plain(self.model_frequency),
            "term_frequency": _plain(self.term_frequency),
            "pi_frequency": _plain(self.pi_frequency),
            "solution_frequency": _plain(self.solution_frequency),
            "sensitivity": _plain(self.sensitivity),
            "pivotal": _plain(self.pivotal),
            "necessity": _plain(self.necessity),
            "warnings": list(self.warnings),
            "options": _plain(self.options),
            "variants": rows,
        }

    def summary(self) -> Any:
        from .._render.robustness import robustness_summary

        return robustness_summary(self)

    def __repr__(self) -> str:
        from .._render.robustness import robustness_repr

        return robustness_repr(self)

    def __str__(self) -> str:
        from .._render.robustness import robustness_text

        return robustness_text(self)

    def _repr_html_(self) -> str:
        from .._render.robustness import robustness_html

        return robustness_html(self)

    def plot(self, kind: str = "terms", ax: Any = None, **kwargs: Any) -> Any:
        """A figure of the sweep: ``"terms"``, ``"models"`` (frequency bars), ``"heatmap"``
        (pass ``x=`` and ``y=`` factor names) or ``"core"`` (the robust core's XY plot)."""
        from . import plots

        functions: dict[str, Callable[..., Any]] = {
            "terms": plots.frequency_plot,
            "models": plots.frequency_plot,
            "heatmap": plots.sensitivity_heatmap,
            "core": plots.core_xy_plot,
        }
        if kind not in functions:
            from ..exceptions import QCAError

            raise QCAError(f"plot(): `kind` must be one of {sorted(functions)!r}; got {kind!r}.")
        if kind in ("terms", "models"):
            kwargs.setdefault("kind", kind[:-1])
        return functions[kind](self, ax=ax, **kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return _num(value)


def _sorted_shares(counter: Counter[str], total: int) -> dict[str, float]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return {k: v / total for k, v in items} if total else {}


def build_result(sweep: Sweep, options: Mapping[str, Any]) -> RobustnessResult:
    """Frequencies, robust core, figures, sensitivity and pivotal values of a finished sweep."""
    spec = sweep.spec
    found = sweep.variants
    solutions: list[str] = []
    models_of: list[tuple[tuple[str, ...], ...]] = []
    variant_models = []
    records = []
    signature_ids: dict[tuple[Any, ...], int] = {}
    for i, variant in enumerate(found):
        p = sweep.variant_problem[i]
        status = sweep.status[i]
        answer = sweep.answers[p] if p >= 0 and not status else None
        models = answer.models if answer is not None else ()
        models_of.append(models)
        solutions.append(solution_text(models, status))
        fits = sweep.fits[i]
        variant_models.append(
            tuple((" + ".join(terms), MappingProxyType(fit)) for terms, fit in zip(models, fits))
        )
        signature = sweep.problems[p].signature if p >= 0 else None
        sig_id = -1
        if signature is not None:
            sig_id = signature_ids.setdefault(signature, len(signature_ids))
        record: dict[str, Any] = variant.settings()
        completion = spec.completions.values[variant.completion]
        for cell, value in zip(spec.completions.cells, completion):
            record[f"{cell.case}/{cell.column}"] = value
        first = fits[0] if fits else {}
        record.update(
            status=status or "ok",
            signature=sig_id,
            positive_rows=",".join(map(str, signature[2])) if signature else "",
            negative_rows=",".join(map(str, signature[3])) if signature else "",
            contradictions=",".join(map(str, signature[4])) if signature else "",
            n_models=len(models),
            solution=solutions[-1],
            inclS=first.get("inclS", math.nan),
            PRI=first.get("PRI", math.nan),
            covS=first.get("covS", math.nan),
        )
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    frame.index = pd.RangeIndex(len(frame), name="variant")

    solved = [i for i in range(len(found)) if not sweep.status[i] and models_of[i]]
    model_count: Counter[str] = Counter()
    term_count: Counter[str] = Counter()
    pi_count: Counter[str] = Counter()
    solution_count: Counter[str] = Counter(solutions[i] for i in solved)
    core: set[str] | None = None
    for i in solved:
        models = models_of[i]
        model_count.update({" + ".join(m) for m in models})
        term_count.update({t for m in models for t in m})
        pi_count.update(set(sweep.answers[sweep.variant_problem[i]].prime_implicants))
        in_all = set.intersection(*(set(m) for m in models))
        core = in_all if core is None else core & in_all
    robust_core = tuple(sorted(core or (), key=lambda t: (-term_count[t], t)))
    total = len(solved)

    base_solution = solutions[0]
    sensitivity, pivotal = _sensitivity(spec, found, solutions, base_solution)
    figures, core_expression = _figures(sweep, solved)
    base = {
        "settings": found[0].settings(),
        "solution": base_solution,
        "models": [
            {"expression": e, "fit": {k: _num(v) for k, v in fit.items()}}
            for e, fit in variant_models[0]
        ],
    }
    factor_list = tuple((name, values) for name, values, _ in spec.factors())
    return RobustnessResult(
        base=base,
        n_variants=len(found),
        n_solved=total,
        n_problems=len(sweep.problems),
        n_tables=len(sweep.tables),
        n_calibrations=len(sweep.frames),
        factors=factor_list,
        cross=spec.cross,
        completions=spec.completions.to_dict(),
        model_frequency=_sorted_shares(model_count, total),
        term_frequency=_sorted_shares(term_count, total),
        pi_frequency=_sorted_shares(pi_count, total),
        solution_frequency=_sorted_shares(solution_count, total),
        robust_core=robust_core,
        core_expression=core_expression,
        figures=figures,
        sensitivity=sensitivity,
        pivotal=pivotal,
        necessity=_necessity(sweep),
        warnings=tuple(sweep.warnings),
        options={**options, "qca_version": __version__},
        _variants=frame,
        _variant_models=tuple(variant_models),
    )


def _alone(base: dict[str, Any], settings: dict[str, Any], factor: str) -> bool:
    return all(v == base[k] for k, v in settings.items() if k != factor)


def _sensitivity(
    spec: Any, found: list[Any], solutions: list[str], base_solution: str
) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[Any, ...]]]:
    base_settings = found[0].settings()
    all_settings = [v.settings() for v in found]
    sensitivity: dict[str, dict[str, Any]] = {}
    pivotal: dict[str, tuple[Any, ...]] = {}
    for name, values, base_value in spec.factors():
        answer = {}
        for settings, solution in zip(all_settings, solutions):
            if _alone(base_settings, settings, name):
                answer[settings[name]] = solution
        changed = tuple(v for v in values if v in answer and answer[v] != base_solution)
        if name == "completion":
            cells = spec.completions.cells
            base_values = spec.completions.values[0]
            named = []
            for index in changed:
                completion = spec.completions.values[index]
                differs = [
                    f"{c.case}/{c.column}={v:g}"
                    for c, v, b in zip(cells, completion, base_values)
                    if v != b
                ]
                named.append(", ".join(differs))
            pivotal["cells"] = tuple(named)
            continue
        pivotal[name] = changed
        if name in ("cases", "conditions"):
            continue
        ordered = sorted(answer)
        position = ordered.index(base_value)
        low = high = position
        while low > 0 and answer[ordered[low - 1]] == base_solution:
            low -= 1
        while high < len(ordered) - 1 and answer[ordered[high + 1]] == base_solution:
            high += 1
        sensitivity[name] = {
            "base": base_value,
            "low": ordered[low],
            "high": ordered[high],
            "changes_below": ordered[low - 1] if low > 0 else None,
            "changes_above": ordered[high + 1] if high < len(ordered) - 1 else None,
            "tested": list(ordered),
        }
    return sensitivity, pivotal


def _figures(sweep: Sweep, solved: list[int]) -> tuple[RobustnessFigures | None, str]:
    if len(solved) < 2 or solved[0] != 0:
        return None, ""
    spec = sweep.spec
    base_rows = sweep.tables[sweep.variant_table[0]]
    position = {name: j for j, name in enumerate(base_rows.cases)}
    y = base_rows.y[[position[name] for name in spec.case_names]]
    # membership of every case of the study in each variant's M1, on the variant's calibrated
    # data: one batch per (calibrated data, condition set)
    groups: dict[tuple[Any, ...], dict[Any, int]] = {}
    keys = []
    for i in solved:
        rows = sweep.tables[sweep.variant_table[i]]
        group_key = (sweep.variant_frame[i], rows.conditions, rows.noflevels)
        codes = sweep.answers[sweep.variant_problem[i]].codes[0]
        groups.setdefault(group_key, {}).setdefault(codes, len(groups[group_key]))
        keys.append((group_key, codes))
    members = {}
    for group_key, models in groups.items():
        f, conditions, noflevels = group_key
        values = sweep.frames[f][list(conditions)].to_numpy(dtype=np.float64)
        members[group_key] = model_memberships(values, noflevels, list(models))
    vectors = [members[g][groups[g][codes]] for g, codes in keys]
    tests = np.unique(np.vstack(vectors[1:]), axis=0)
    figures = robustness_figures(vectors[0], tests, y, spec.case_names)
    return figures, _core_expression(sweep, solved)


def _core_expression(sweep: Sweep, solved: list[int]) -> str:
    from ..expressions import parse
    from ..expressions.algebra import intersect

    base_rows = sweep.tables[sweep.variant_table[0]]
    texts = []
    for i in solved:
        answer = sweep.answers[sweep.variant_problem[i]]
        text = " + ".join(answer.models[0])
        if text not in texts:
            texts.append(text)
    if len(texts) > 64:
        return ""
    expressions = [
        parse(t, conditions=list(base_rows.conditions), noflevels=list(base_rows.noflevels))
        for t in texts
    ]
    core = intersect(*expressions) if len(expressions) > 1 else expressions[0]
    return str(core)


def _base_necessary(sweep: Sweep) -> list[tuple[str, list[tuple[int, ...]]]]:
    """The base analysis' necessary disjunctions and conjunctions (R's ``superSubset`` at the
    cut, :func:`qca.necessity`), each with its terms as implicant codes."""
    from ..expressions import parse
    from ..necessity import necessity

    rows = sweep.tables[sweep.variant_table[0]]
    column = "QCAOUTCOME"
    while column in rows.conditions:
        column += "_"
    frame = pd.DataFrame(rows.x, columns=list(rows.conditions))
    frame[column] = rows.y
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", QCAWarning)
            found = necessity(
                frame, column, list(rows.conditions), incl_cut=sweep.spec.necessity_cut
            )
    except QCAError:
        return []
    out = []
    for text in found.table.index:
        expression = parse(
            str(text), conditions=list(rows.conditions), noflevels=list(rows.noflevels)
        )
        terms = expression.level_terms(list(rows.conditions))
        if len(terms) == 1 and len(terms[0]) == 1:
            continue  # a single literal: counted with the conditions
        codes = []
        for term in terms:
            code = [0] * len(rows.conditions)
            for position, levels in term:
                if len(levels) != 1:
                    break
                code[position] = min(levels) + 1
            else:
                codes.append(tuple(code))
                continue
            codes = []
            break
        if codes:
            out.append((str(text), codes))
    return out


def _necessity(sweep: Sweep) -> dict[str, float]:
    """Share of the variants (with every condition) in which each condition literal, and each
    necessary expression of the base analysis, has ``inclN`` at or above the cut."""
    spec = sweep.spec
    cut = spec.necessity_cut
    expressions = _base_necessary(sweep)
    passes: Counter[str] = Counter()
    cache: dict[int, set[str]] = {}
    counted = 0
    for i in range(len(sweep.variants)):
        t = sweep.variant_table[i]
        if t < 0 or isinstance(sweep.tables[t], str):
            continue
        if sweep.variants[i].conditions != BASE_CONDITIONS:
            continue
        counted += 1
        if t not in cache:
            rows = sweep.tables[t]
            labels_here, sets = [], []
            for j, condition in enumerate(rows.conditions):
                levels = rows.noflevels[j]
                column = rows.x[:, j]
                if levels == 2 and not rows.multivalue:
                    labels_here += [condition, f"~{condition}"]
                    sets += [column, 1.0 - column]
                else:
                    labels_here += [f"{condition}[{v}]" for v in range(levels)]
                    sets += [(column == v).astype(np.float64) for v in range(levels)]
            if expressions:
                labels_here += [text for text, _ in expressions]
                members = model_memberships(
                    rows.x, rows.noflevels, [tuple(codes) for _, codes in expressions]
                )
                sets += list(members)
            incl = necessity_fit(np.vstack(sets), rows.y)["inclN"]
            found = {
                label
                for label, value in zip(labels_here, incl.tolist())
                if not math.isnan(value) and value + 1e-12 >= cut
            }
            cache[t] = found
        passes.update(cache[t])
    labels = []
    base_rows = sweep.tables[sweep.variant_table[0]] if sweep.variant_table[0] >= 0 else None
    if base_rows is not None and not isinstance(base_rows, str):
        for j, condition in enumerate(base_rows.conditions):
            if base_rows.noflevels[j] == 2 and not base_rows.multivalue:
                labels.extend([condition, f"~{condition}"])
            else:
                labels.extend(f"{condition}[{v}]" for v in range(base_rows.noflevels[j]))
    labels += [text for text, _ in expressions]
    return {label: passes[label] / counted if counted else math.nan for label in labels}
