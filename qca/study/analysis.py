"""Carrying out a study in memory: read, calibrate, truth tables, necessity, minimization.

:func:`run_study` turns a :class:`~qca.study.spec.Study` into a
:class:`~qca.study.results.StudyResult`; nothing is written (see :mod:`qca.study.rundir`).
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, TextIO

import numpy as np
import pandas as pd

from .._validation import check_csv_header, decimal_comma_hint
from ..calibrate import calibrate
from ..cases import case_roles
from ..esa import find_rows
from ..exceptions import ExpressionError, QCAError, StudyFileError
from ..fit import fit
from ..minimize import minimize
from ..necessity import necessity
from ..truthtable import truth_table
from .inference import study_inference
from .results import ModelResult, StudyResult, SufficiencyResult, TermResult
from .robustness import run_robustness
from .spec import Study, SufficiencySpec

__all__ = ["run_study"]


class _Progress:
    """Progress on stderr, only when it is a terminal (no noise in logs and tests)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.total = total
        self.done = 0

    def step(self, what: str) -> None:
        self.done += 1
        if self.enabled:
            self.stream.write(f"\r\033[K[{self.done}/{self.total}] {what}")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _read_data(study: Study) -> tuple[Any, tuple[tuple[str, tuple[str, ...]], ...]]:
    where = f"data file {study.data_path.name}"
    check_csv_header(study.data_path, where)
    try:
        frame = pd.read_csv(study.data_path, dtype=str, keep_default_na=False, na_values=[])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise QCAError(f"{where}: cannot be read as CSV ({error})") from None
    if study.case_column is not None:
        if study.case_column not in frame.columns:
            raise StudyFileError(
                f"study file {study.path.name}: [data].case_column {study.case_column!r} is not a "
                f"column of {study.data_path.name} (columns: {', '.join(frame.columns)})"
            )
        names = frame.pop(study.case_column).str.strip()
        empty = [i for i, name in enumerate(names) if not name]
        if empty:  # a case with no name cannot be named in the report or in an error
            raise QCAError(
                f"{where}: column {study.case_column!r} has an empty case name (line "
                f"{empty[0] + 2} of the file{f' and {len(empty) - 1} more' if len(empty) > 1 else ''})"
            )
        repeated = sorted(set(names[names.duplicated()]))
        if repeated:
            raise QCAError(
                f"{where}: case names repeat in column {study.case_column!r}: {repeated}"
            )
        frame.index = pd.Index(names, name="case")
    else:
        frame.index = pd.Index([str(i) for i in range(1, len(frame) + 1)], name="case")
    used = list(study.conditions) + [study.outcome]
    absent = [c for c in used if c not in frame.columns]
    if absent:
        raise StudyFileError(
            f"study file {study.path.name}: [analysis] names column(s) {absent} that "
            f"{study.data_path.name} does not have (columns: {', '.join(frame.columns)})"
        )
    frame = frame[used]
    if frame.empty:
        raise QCAError(f"{where}: has no cases (rows)")
    missing_text = {"", "NA", "N/A", "NaN", "nan", "na", "-", "."}
    is_missing = frame.apply(lambda col: col.str.strip().isin(missing_text))
    dropped: list[tuple[str, tuple[str, ...]]] = []
    if is_missing.to_numpy().any():
        if study.missing == "error":
            column = next(c for c in used if is_missing[c].any())
            cases = [str(c) for c in frame.index[is_missing[column].to_numpy()]]
            raise QCAError(
                f"{where}: column {column!r} has missing values (case {cases[0]!r}"
                f"{' and ' + str(len(cases) - 1) + ' more' if len(cases) > 1 else ''}); set "
                f'[data].missing = "drop" in {study.path.name} to leave such cases out'
            )
        rows = is_missing.any(axis=1).to_numpy()
        for case, flags in zip(frame.index[rows], is_missing.to_numpy()[rows]):
            dropped.append((str(case), tuple(c for c, f in zip(used, flags) if f)))
        frame = frame.loc[~rows]
        if frame.empty:
            raise QCAError(f"{where}: every case has a missing value in {used}; nothing is left")
    numeric = {}
    for column in used:
        values = pd.to_numeric(frame[column].str.strip(), errors="coerce")
        bad = values.isna().to_numpy()
        if bad.any():
            case = frame.index[bad][0]
            raise QCAError(
                f"{where}: column {column!r} has a non-numeric value "
                f"{frame[column][case]!r} (case {case!r}); expected numbers"
                f"{decimal_comma_hint(frame[column][case])}"
            )
        numeric[column] = values.astype(float)
    return pd.DataFrame(numeric, index=frame.index), tuple(dropped)


def _calibrate(study: Study, raw: Any) -> Any:
    specs = {c.variable: c for c in study.calibration}
    unused = sorted(set(specs) - set(raw.columns))
    if unused:
        where = (
            f"anchors file {study.anchors_path.name}"
            if study.anchors_path and all(specs[u].source != "study file" for u in unused)
            else f"study file {study.path.name}"
        )
        raise StudyFileError(
            f"{where}: calibration given for {unused}, which {'is' if len(unused) == 1 else 'are'} "
            f"neither the outcome nor a condition ({', '.join(raw.columns)})"
        )
    columns = {}
    for column in raw.columns:
        spec = specs.get(column)
        if spec is None:
            values = raw[column]
            integer = bool((values == values.round()).all())
            if not ((values >= 0) & (values <= 1)).all() and not (integer and (values >= 0).all()):
                bad = values[(values < 0) | (values > 1)]
                raise StudyFileError(
                    f"study file {study.path.name}: column {column!r} is not calibrated and is not a "
                    f"set membership in [0, 1]: {float(bad.iloc[0])!r} (case {bad.index[0]!r}); add a "
                    f"[calibration.{column}] table or a row in the anchors file"
                )
            columns[column] = values.astype(int) if integer and values.max() > 1 else values
            continue
        names = [n for n, _ in spec.thresholds]
        values = [v for _, v in spec.thresholds]
        thresholds: Any = dict(spec.thresholds) if any(names) else values
        if spec.method == "TFR":
            thresholds = None
        elif not any(names) and len(values) == 1:
            thresholds = values[0]
        try:
            columns[column] = calibrate(
                raw[column],
                type=spec.type,  # type: ignore[arg-type]  # checked when the study was read
                method=spec.method,  # type: ignore[arg-type]
                thresholds=thresholds,
                **dict(spec.options),
            )
        except QCAError as error:
            source = spec.source if spec.source != "study file" else study.path.name
            raise QCAError(f"calibrating {column!r} ({source}): {error}") from None
    return pd.DataFrame(columns, index=raw.index)


def _necessity_tables(study: Study, calibrated: Any, outcome: str) -> tuple[Any, Any]:
    """For one outcome: the minimal necessary expressions found by :func:`qca.necessity` (R's
    ``superSubset``), and every condition and its negation (each level of a multi-value
    condition) with inclN, RoN and covN from :func:`qca.fit`.

    The second table lists every literal, passing the cut-off or not, in the order of the
    conditions with the condition before its negation; an empty set has covN NaN, as R's ``pof``
    (``necessity()`` keeps only what passes, and writes 0 there, as R's ``superSubset``).
    """
    supersets = necessity(
        calibrated,
        outcome,
        list(study.conditions),
        incl_cut=study.necessity_incl_cut,
        cov_cut=study.necessity_cov_cut,
        ron_cut=study.necessity_ron_cut,
    )
    literals: dict[str, Any] = {}
    for condition in study.conditions:
        x = calibrated[condition].to_numpy(dtype=float)
        levels = sorted(set(x.tolist()))
        if max(levels) > 1:  # multi-value: each level is a set
            for level in levels:
                literals[f"{condition}[{int(level)}]"] = (x == level).astype(float)
        else:
            literals[condition] = x
            literals[f"~{condition}"] = 1.0 - x
    single = fit(
        pd.DataFrame(literals, index=calibrated.index), calibrated, outcome, relation="necessity"
    ).table.rename_axis("condition")
    # a condition is reported necessary when it passes inclN and is relevant (RoN): a superset
    # of nearly every case (low RoN) is a trivial necessary condition
    single["necessary"] = (single["inclN"] >= study.necessity_incl_cut) & (
        single["RoN"] >= study.necessity_ron_cut
    )
    return single, supersets


def _esa_rows(tt: Any, spec: SufficiencySpec) -> tuple[int, ...]:
    """Remainder rows the enhanced standard analysis keeps out (e.g. contradictory simplifying
    assumptions: used by a parsimonious model of the outcome and of its negation)."""
    return find_rows(tt, type=list(spec.esa)) if spec.esa else ()


def _solve(tt: Any, solution: str, spec: SufficiencySpec) -> Any:
    """One solution type of :func:`qca.minimize` for the truth table."""
    options: dict[str, Any] = {"row_dom": spec.row_dom, "all_sol": spec.all_sol}
    if solution in ("parsimonious", "intermediate"):
        options["include"] = "?"
        if spec.esa:  # enhanced standard analysis: these remainders are not used
            options["exclude"] = list(_esa_rows(tt, spec))
    if solution == "intermediate":
        options["dir_exp"] = list(spec.dir_exp)
    return minimize(tt, **options)


def _model_result(solution: str, solved: Any, number: int) -> ModelResult:
    """Model ``number`` (1 = M1) of :func:`qca.minimize` with its cases: fit as computed there
    (R's figures), case roles from :func:`qca.case_roles`."""
    model = solved.models[number - 1]
    memberships = solved.truth_table.memberships
    roles = case_roles(solved, number)

    def named(level: str, term: str, role: str) -> tuple[str, ...]:
        chosen = roles[(roles.level == level) & (roles.term == term) & (roles.role == role)]
        return tuple(str(c) for c in chosen.case)

    term_results, columns = [], []
    for term, term_object in zip(model.terms, model.to_expression().terms):
        values = term_object.membership(memberships).to_numpy(dtype=float)
        columns.append(values)
        fit = model.term_fit[term]
        term_results.append(
            TermResult(
                term=term,
                inclS=float(fit["inclS"]),
                PRI=float(fit["PRI"]),
                covS=float(fit["covS"]),
                covU=float(fit["covU"]),
                cases=tuple(str(c) for c in memberships.index[values > 0.5]),
                typical=named("term", str(term_object), "typical"),
                deviant=named("term", str(term_object), "deviant consistency in kind"),
            )
        )
    union = np.max(np.vstack(columns), axis=0) if columns else np.zeros(len(memberships))
    whole = str(model.to_expression())
    return ModelResult(
        solution=solution,
        name=model.name,
        expression=model.expression,
        terms=tuple(term_results),
        inclS=float(model.fit["inclS"]),
        PRI=float(model.fit["PRI"]),
        covS=float(model.fit["covS"]),
        membership=pd.Series(union, index=memberships.index, name=model.expression),
        typical=named("model", whole, "typical"),
        deviant=named("model", whole, "deviant consistency in kind"),
        uncovered=named("model", whole, "deviant coverage"),
    )


def _solution_details(solution: str, found: Any) -> dict[str, Any]:
    """What else a reader needs from a solution: assumptions made, counterfactuals, PIs."""
    details: dict[str, Any] = {
        "prime_implicants": list(found.prime_implicants),
        "essential": list(found.essential),
        "truncated": bool(found.truncated),
        "n_models": found.n_models,
        "ambiguity": {k: v for k, v in found.ambiguity().to_dict().items() if k != "fit"},
    }
    if solution == "parsimonious":
        details["simplifying_assumptions"] = {
            k: list(v) for k, v in found.simplifying_assumptions.items()
        }
    if solution == "intermediate":
        details["pairs"] = [
            {
                "label": p.label,
                "conservative": list(p.conservative),
                "parsimonious": list(p.parsimonious),
                "easy_counterfactuals": list(p.easy_counterfactuals),
                "difficult_counterfactuals": list(p.difficult_counterfactuals),
                "models": [m.expression for m in p.models],
            }
            for p in found.intermediate
        ]
    return details


def _steps(study: Study) -> int:
    return 2 + int(study.necessity) + sum(1 + len(s.solutions) for s in study.sufficiency)


def run_study(
    study: Study, *, progress: TextIO | None = None, n_jobs: int | None = None
) -> StudyResult:
    """Carry out a study in memory: read, calibrate, truth tables, necessity, minimization.

    Warnings (e.g. a case calibrated to exactly 0.5) are collected, not raised: the report lists
    them. A solution that cannot be found (e.g. no positive row) is recorded with the reason.

    Parameters
    ----------
    study : Study
        From :func:`load_study`.
    progress : text stream, optional
        Where to show progress (default ``sys.stderr``); shown only when it is a terminal.
    n_jobs : int, optional
        Workers of the ``[robustness]`` sweep (default: its ``n_jobs`` key).
    """
    bar = _Progress(_steps(study), progress)
    caught: list[str] = []

    def record(found: list[warnings.WarningMessage]) -> None:
        for w in found:
            text = str(w.message)
            if text not in caught:
                caught.append(text)

    with warnings.catch_warnings(record=True) as found:
        warnings.simplefilter("always")
        bar.step(f"reading {study.data_path.name}")
        raw, dropped = _read_data(study)
        bar.step("calibrating")
        calibrated = _calibrate(study, raw)
    record(found)
    if dropped:
        caught.insert(
            0,
            f"{len(dropped)} case(s) left out for missing values ([data].missing = "
            f'"drop"): ' + "; ".join(f"{c} ({', '.join(cols)})" for c, cols in dropped),
        )

    necessity_results = None
    if study.necessity:
        bar.step("necessity")
        necessity_results = {
            outcome: _necessity_tables(study, calibrated, outcome)
            for outcome in study.necessity_outcomes
        }

    analyses = []
    for entry, spec in enumerate(study.sufficiency, start=1):
        bar.step(f"truth table for {spec.outcome}")
        with warnings.catch_warnings(record=True) as found:
            warnings.simplefilter("always")
            tt = truth_table(
                calibrated,
                spec.outcome,
                list(study.conditions),
                incl_cut=study.incl_cut if len(study.incl_cut) == 2 else study.incl_cut[0],
                n_cut=study.n_cut,
                pri_cut=study.pri_cut,
                categories=dict(study.categories) or None,
            )
        record(found)
        models: list[ModelResult] = []
        notes: list[tuple[str, str]] = []
        details: list[tuple[str, dict[str, Any]]] = []
        for solution in spec.solutions:
            bar.step(f"{solution} solution for {spec.outcome}")
            try:
                with warnings.catch_warnings(record=True) as found:
                    warnings.simplefilter("always")
                    solved = _solve(tt, solution, spec)
                record(found)
            except ExpressionError as error:  # a mistyped expectation is the file's error
                raise StudyFileError(
                    f"study file {study.path.name}: [[sufficiency]][{entry}].dir_exp "
                    f"{list(spec.dir_exp)!r} does not fit the data: {error}"
                ) from None
            except QCAError as error:  # e.g. no positive row: the report says why
                notes.append((solution, str(error)))
                continue
            models += [_model_result(solution, solved, n) for n in range(1, len(solved.models) + 1)]
            detail = _solution_details(solution, solved)
            if spec.esa and solution != "conservative":
                detail["excluded_rows"] = [int(r) for r in _esa_rows(tt, spec)]
                detail["esa"] = list(spec.esa)
            details.append((solution, detail))
        analyses.append(
            SufficiencyResult(
                spec=spec,
                truth_table=tt,
                models=tuple(models),
                notes=tuple(notes),
                details=tuple(details),
            )
        )
    inference = None
    if study.inference is not None and study.inference.enabled:
        inference = {
            a.spec.outcome: study_inference(
                study.inference,
                a.truth_table,
                [(m.solution, m.name, m.expression) for m in a.models],
            )
            for a in analyses
        }
    bar.finish()
    robustness_result = None
    if study.robustness is not None:
        robustness_result = run_robustness(study, study.robustness, raw, dropped, n_jobs=n_jobs)
    return StudyResult(
        study=study,
        raw=raw,
        calibrated=calibrated,
        dropped=dropped,
        necessity=necessity_results,
        sufficiency=tuple(analyses),
        warnings=tuple(caught),
        robustness=robustness_result,
        inference=inference,
    )
