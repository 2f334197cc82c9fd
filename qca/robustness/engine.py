"""The sweep: every variant's data, truth table and models, each distinct problem computed once.

A variant's answer is a chain of pure steps, and most variants share the early links:

1. **calibrated data** — one per (completion of the uncertain cells, anchors); each column is
   calibrated once per distinct (anchors of that column, raw values of that column);
2. **truth-table rows** (``n``, ``incl``, ``PRI`` of every observed row) — one per (calibrated
   data, case set, condition set): the cut-offs only recode ``OUT``, through the truth table's own
   kernel (:func:`qca.truthtable.kernels.out_codes`), so a sweep over ``incl_cut`` builds no new
   table;
3. **minimization** — one per distinct *signature*: the conditions, their levels and the ids of
   the positive, negative and contradictory rows (the remainders are the rest). Two variants with
   one signature have the same prime implicants and models (R's M1, M2, ... order included); only
   the parameters of fit differ, and those are computed per variant from its own memberships.

Steps 2 and 3 run through :func:`run_tasks`: serially, with joblib (``n_jobs``, loky) or on a dask
cluster. Tasks are built and their answers gathered in a fixed order, so the result never depends
on the backend, the number of workers or the order in which they finish.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.fitkernels import sufficiency_fit
from .._core.terms import term_memberships
from ..calibrate import calibrate
from ..exceptions import QCAError, QCAWarning
from ..minimize import minimize
from ..truthtable import truth_table
from ..truthtable.kernels import out_codes
from .spec import SweepSpec, Variant, variants

__all__ = ["ModelAnswer", "Problem", "Sweep", "TableRows", "run_sweep", "run_tasks"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TableRows:
    """The observed rows of one truth table (cut-offs aside) and the memberships behind them."""

    conditions: tuple[str, ...]
    noflevels: tuple[int, ...]
    multivalue: bool
    ids: tuple[int, ...]
    n: tuple[int, ...]
    incl: tuple[float, ...]
    pri: tuple[float, ...]
    cases: tuple[str, ...]
    x: FloatArray
    y: FloatArray
    half_cases: tuple[str, ...]


@dataclass(frozen=True)
class ModelAnswer:
    """The models of one minimization problem, as implicant codes (fit is per variant)."""

    models: tuple[tuple[str, ...], ...]
    codes: tuple[tuple[tuple[int, ...], ...], ...]
    prime_implicants: tuple[str, ...]
    essential: tuple[str, ...]
    truncated: bool
    error: str


@dataclass(frozen=True)
class Problem:
    """One distinct minimization problem and the variant that represents it."""

    signature: tuple[Any, ...]
    representative: int


@dataclass
class Sweep:
    """What the sweep computed, indexed for the result (built by :func:`run_sweep`)."""

    spec: SweepSpec
    variants: list[Variant]
    frames: list[pd.DataFrame]
    variant_frame: list[int]
    variant_table: list[int]
    tables: list[TableRows]
    table_keys: list[tuple[int, str, str]]
    variant_problem: list[int]
    problems: list[Problem]
    answers: list[ModelAnswer]
    status: list[str]
    fits: list[tuple[dict[str, float], ...]]
    warnings: list[str]


# -- execution ---------------------------------------------------------------------------------


def _chunks(count: int, workers: int) -> list[range]:
    if count == 0:
        return []
    pieces = max(1, min(count, workers * 8)) if workers > 1 else max(1, min(count, 50))
    size = -(-count // pieces)
    return [range(start, min(count, start + size)) for start in range(0, count, size)]


def _progress_bar(total: int, description: str, progress: bool | None) -> Any:
    show = progress if progress is not None else sys.stderr.isatty()
    if not show or total == 0:
        return None
    from tqdm.auto import tqdm

    # shown only after 2 s: short sweeps print nothing
    return tqdm(total=total, desc=description, file=sys.stderr, delay=0 if progress else 2.0)


def run_tasks(
    function: Callable[[Any], Any],
    tasks: Sequence[Any],
    *,
    n_jobs: int,
    backend: Any,
    progress: bool | None,
    description: str,
) -> list[Any]:
    """``[function(task) for task in tasks]``, in this order, on the chosen backend.

    Tasks are sent in chunks (one call per chunk); the answers are put back in task order
    whatever order the workers finish in. Ctrl-C cancels what has not run and re-raises.
    """
    if not tasks:
        return []
    use_dask = backend is not None and backend != "loky"
    workers = n_jobs if n_jobs > 0 else _cpu_count()
    chunks = _chunks(len(tasks), workers if (workers > 1 or use_dask) else 1)
    batches = [[tasks[i] for i in chunk] for chunk in chunks]
    bar = _progress_bar(len(tasks), description, progress)
    results: list[list[Any]] = [[] for _ in batches]
    try:
        if use_dask:
            _run_dask(function, batches, backend, results, bar)
        elif workers == 1:
            for i, batch in enumerate(batches):
                results[i] = _run_batch(function, batch)
                if bar is not None:
                    bar.update(len(batch))
        else:
            from joblib import Parallel, delayed

            parallel = Parallel(n_jobs=workers, backend="loky", return_as="generator")
            answers = parallel(delayed(_run_batch)(function, batch) for batch in batches)
            try:
                for i, answer in enumerate(answers):
                    results[i] = answer
                    if bar is not None:
                        bar.update(len(answer))
            except BaseException:
                # closing the generator makes joblib abort the remaining tasks
                answers.close()
                raise
    finally:
        if bar is not None:
            bar.close()
    return [answer for batch in results for answer in batch]


def _cpu_count() -> int:
    from joblib import cpu_count

    return max(1, int(cpu_count()))


def _run_batch(function: Callable[[Any], Any], batch: Sequence[Any]) -> list[Any]:
    return [function(task) for task in batch]


def _run_dask(
    function: Callable[[Any], Any],
    batches: list[list[Any]],
    backend: Any,
    results: list[list[Any]],
    bar: Any,
) -> None:
    try:
        from dask.distributed import as_completed, get_client
    except ImportError:  # pragma: no cover - depends on the environment
        raise QCAError(
            "robustness(): backend='dask' needs dask.distributed (pip install 'qca[dask]')."
        ) from None
    if backend == "dask":
        try:
            client = get_client()
        except ValueError:
            raise QCAError(
                "robustness(): backend='dask' needs a running dask.distributed Client "
                "(create one, or pass it as `backend`)."
            ) from None
    elif hasattr(backend, "submit") and hasattr(backend, "gather"):
        client = backend
    else:
        raise QCAError(
            f"robustness(): `backend` must be None, 'loky', 'dask' or a dask.distributed Client; "
            f"got {backend!r}."
        )
    futures = [
        client.submit(_run_batch, function, batch, pure=False, key=f"qca-robustness-{id(batches)}-{i}")
        for i, batch in enumerate(batches)
    ]
    position = {future.key: i for i, future in enumerate(futures)}
    try:
        for future in as_completed(futures):
            answer = future.result()
            results[position[future.key]] = answer
            if bar is not None:
                bar.update(len(answer))
    except BaseException:
        client.cancel(futures)
        raise


# -- the steps ---------------------------------------------------------------------------------


def table_rows(task: tuple[pd.DataFrame, str, tuple[str, ...]]) -> TableRows | str:
    """Truth-table rows of one (data, outcome, conditions); an error message when it has none."""
    frame, outcome, conditions = task
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", QCAWarning)
            tt = truth_table(frame, outcome, list(conditions), incl_cut=1, n_cut=1)
    except QCAError as error:
        return f"{type(error).__name__}: {error}"
    table = tt.table
    members = tt.memberships
    return TableRows(
        conditions=tuple(tt.conditions),
        noflevels=tuple(tt.noflevels),
        multivalue=bool(tt.multivalue),
        ids=tuple(int(v) for v in table.index),
        n=tuple(int(v) for v in table["n"]),
        incl=tuple(float(v) for v in table["incl"]),
        pri=tuple(float(v) for v in table["PRI"]),
        cases=tuple(str(v) for v in members.index),
        x=members[list(tt.conditions)].to_numpy(dtype=np.float64),
        y=members[tt.outcome].to_numpy(dtype=np.float64),
        half_cases=tuple(tt.half_cases),
    )


def solve_problem(task: tuple[pd.DataFrame, str, tuple[str, ...], dict[str, Any]]) -> ModelAnswer:
    """Minimize one problem (the representative variant's own truth table)."""
    frame, outcome, conditions, options = task
    options = dict(options)
    cuts = options.pop("_cuts")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", QCAWarning)
            tt = truth_table(frame, outcome, list(conditions), **cuts)
            solution = minimize(tt, **options)
    except QCAError as error:
        return ModelAnswer((), (), (), (), False, f"{type(error).__name__}: {error}")
    models = tuple(tuple(model.terms) for model in solution.models)
    codes = tuple(
        tuple(tuple(int(v) for v in row) for row in np.asarray(model.implicants).tolist())
        for model in solution.models
    )
    return ModelAnswer(
        models,
        codes,
        tuple(solution.prime_implicants),
        tuple(solution.essential),
        bool(solution.truncated),
        "",
    )


def calibrated_frame(spec: SweepSpec, variant: Variant, cache: dict[Any, Any]) -> pd.DataFrame:
    """The variant's calibrated data, every case of the study (cached column by column)."""
    completion = spec.completions.values[variant.completion]
    raw = spec.raw
    by_column: dict[str, list[tuple[str, float]]] = {}
    for cell, value in zip(spec.completions.cells, completion):
        by_column.setdefault(cell.column, []).append((cell.case, value))
    anchors: dict[str, dict[str, float]] = {}
    for column, name, value in variant.anchors:
        anchors.setdefault(column, {})[name] = value
    calibrations = {cal.column: cal for cal in spec.calibrations}
    columns = {}
    for column in (spec.outcome_column, *spec.conditions):
        changes = tuple(by_column.get(column, ()))
        thresholds = tuple(sorted(anchors.get(column, {}).items()))
        key = (column, thresholds, changes)
        if key not in cache:
            values = raw[column].to_numpy(dtype=np.float64).copy()
            if changes:
                position = {name: i for i, name in enumerate(spec.case_names)}
                for case, value in changes:
                    values[position[case]] = value
            if column in calibrations:
                arguments = calibrations[column].arguments(anchors.get(column, {}))
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", QCAWarning)
                        values = np.asarray(calibrate(values, **arguments), dtype=np.float64)
                except QCAError as error:
                    cache[key] = f"calibration of {column!r}: {error}"
                    columns[column] = cache[key]
                    continue
            cache[key] = values
        columns[column] = cache[key]
    for values in columns.values():
        if isinstance(values, str):
            raise _CalibrationFailed(values)
    return pd.DataFrame(columns, index=pd.Index(spec.case_names, name=raw.index.name))


class _CalibrationFailed(Exception):
    pass


def _subset(frame: pd.DataFrame, cases: Sequence[str]) -> pd.DataFrame:
    """The rows of ``cases``; a case drawn again (bootstrap) is renamed ``name#2``, ``#3``, ..."""
    part = frame.loc[list(cases)]
    if len(set(cases)) != len(cases):
        seen: dict[str, int] = {}
        names = []
        for name in cases:
            seen[name] = seen.get(name, 0) + 1
            names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
        part.index = pd.Index(names, name=frame.index.name)
    return part


def variant_data(spec: SweepSpec, frame: pd.DataFrame, variant: Variant) -> pd.DataFrame:
    """The data of one variant as the plain analysis would see it (its cases, every column)."""
    cases = dict(spec.case_sets)[variant.cases]
    return _subset(frame, cases)


def _signature(rows: TableRows, variant: Variant, spec: SweepSpec) -> tuple[Any, ...]:
    n = np.asarray(rows.n, dtype=np.int64)
    incl = np.asarray(rows.incl, dtype=np.float64)
    pri = np.asarray(rows.pri, dtype=np.float64)
    ic0 = spec.incl_cut0
    if ic0 is not None:
        ic0 = min(ic0, variant.incl_cut)
    out = out_codes(n, incl, pri, (variant.incl_cut, ic0), variant.n_cut, variant.pri_cut)
    ids = np.asarray(rows.ids, dtype=np.int64)
    return (
        rows.conditions,
        rows.noflevels,
        tuple(ids[out == "1"].tolist()),
        tuple(ids[out == "0"].tolist()),
        tuple(ids[out == "C"].tolist()),
    )


def model_fit(rows: TableRows, codes: tuple[tuple[int, ...], ...]) -> dict[str, float]:
    """``inclS``, ``PRI``, ``covS`` of one model on one variant's memberships."""
    members = term_memberships(np.asarray(codes, dtype=np.int64), rows.x, rows.noflevels)
    fit = sufficiency_fit(members.max(axis=0), rows.y)
    return {key: float(value) for key, value in fit.items()}


def run_sweep(
    spec: SweepSpec, *, n_jobs: int = 1, backend: Any = None, progress: bool | None = None
) -> Sweep:
    """Run every variant of ``spec`` (see the module docstring for the steps)."""
    found = variants(spec)
    cache: dict[Any, Any] = {}
    frames: list[pd.DataFrame] = []
    frame_ids: dict[tuple[Any, ...], int] = {}
    variant_frame: list[int] = []
    status = [""] * len(found)
    for i, variant in enumerate(found):
        key = (variant.completion, variant.anchors)
        if key not in frame_ids:
            try:
                frame: pd.DataFrame | str = calibrated_frame(spec, variant, cache)
            except _CalibrationFailed as failure:
                frame = str(failure)
            frame_ids[key] = len(frames)
            frames.append(frame)  # type: ignore[arg-type]
        variant_frame.append(frame_ids[key])
        if isinstance(frames[frame_ids[key]], str):
            status[i] = str(frames[frame_ids[key]])

    condition_sets = dict(spec.condition_sets)
    case_sets = dict(spec.case_sets)
    table_keys: list[tuple[int, str, str]] = []
    table_index: dict[tuple[int, str, str], int] = {}
    variant_table: list[int] = []
    for i, variant in enumerate(found):
        if status[i]:
            variant_table.append(-1)
            continue
        key = (variant_frame[i], variant.cases, variant.conditions)
        if key not in table_index:
            table_index[key] = len(table_keys)
            table_keys.append(key)
        variant_table.append(table_index[key])
    table_tasks = [
        (_subset(frames[f], case_sets[c]), spec.outcome, condition_sets[k]) for f, c, k in table_keys
    ]
    tables = run_tasks(
        table_rows,
        table_tasks,
        n_jobs=n_jobs,
        backend=backend,
        progress=progress,
        description="truth tables",
    )

    options = dict(spec.minimize_options)
    data_dependent = bool(options.get("pi_cons", 0) or options.get("sol_cons", 0))
    problems: list[Problem] = []
    problem_index: dict[tuple[Any, ...], int] = {}
    variant_problem: list[int] = []
    for i, variant in enumerate(found):
        t = variant_table[i]
        if t < 0 or isinstance(tables[t], str):
            if t >= 0 and not status[i]:
                status[i] = str(tables[t])
            variant_problem.append(-1)
            continue
        signature = _signature(tables[t], variant, spec)
        if not signature[2]:
            status[i] = "no positive row"
            variant_problem.append(-1)
            continue
        if data_dependent:
            signature = (*signature, t)
        if signature not in problem_index:
            problem_index[signature] = len(problems)
            problems.append(Problem(signature, i))
        variant_problem.append(problem_index[signature])

    solve_tasks = []
    for problem in problems:
        variant = found[problem.representative]
        f, c, k = table_keys[variant_table[problem.representative]]
        cuts: dict[str, Any] = {
            "incl_cut": (
                variant.incl_cut
                if spec.incl_cut0 is None
                else (variant.incl_cut, min(spec.incl_cut0, variant.incl_cut))
            ),
            "n_cut": variant.n_cut,
            "pri_cut": variant.pri_cut,
        }
        solve_tasks.append(
            (
                _subset(frames[f], case_sets[c]),
                spec.outcome,
                condition_sets[k],
                {**options, "_cuts": cuts},
            )
        )
    answers = run_tasks(
        solve_problem,
        solve_tasks,
        n_jobs=n_jobs,
        backend=backend,
        progress=progress,
        description="minimizations",
    )

    fit_cache: dict[tuple[int, tuple[Any, ...]], dict[str, float]] = {}
    fits: list[tuple[dict[str, float], ...]] = []
    for i in range(len(found)):
        p = variant_problem[i]
        if p < 0:
            fits.append(())
            continue
        answer = answers[p]
        if answer.error:
            status[i] = answer.error
            fits.append(())
            continue
        t = variant_table[i]
        per_model = []
        for codes in answer.codes:
            key = (t, codes)
            if key not in fit_cache:
                fit_cache[key] = model_fit(tables[t], codes)
            per_model.append(fit_cache[key])
        fits.append(tuple(per_model))
    notes = []
    half = sorted({c for t in tables if not isinstance(t, str) for c in t.half_cases})
    if half:
        notes.append(
            "cases with a membership of exactly 0.5 in some variant (in no truth-table row there): "
            + ", ".join(half)
        )
    return Sweep(
        spec=spec,
        variants=found,
        frames=frames,
        variant_frame=variant_frame,
        variant_table=variant_table,
        tables=tables,
        table_keys=table_keys,
        variant_problem=variant_problem,
        problems=problems,
        answers=answers,
        status=status,
        fits=fits,
        warnings=notes,
    )
