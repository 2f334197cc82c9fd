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
from types import SimpleNamespace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .._core.encode import configurations_of, place_cases
from .._core.fitkernels import sufficiency_fit
from .._core.levels import condition_levels, is_whole
from .._core.terms import term_memberships
from ..calibrate import calibrate
from ..exceptions import QCAError, QCAWarning
from ..minimize import minimize
from ..truthtable.kernels import out_codes, row_fit
from ..truthtable.validation import Inputs, truth_table_iv
from .spec import SweepSpec, Variant, variants

__all__ = ["ModelAnswer", "Problem", "Sweep", "TableRows", "run_sweep", "run_tasks"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TableRows:
    """The observed rows of one truth table (cut-offs aside) and the memberships behind them."""

    conditions: tuple[str, ...]
    noflevels: tuple[int, ...]
    multivalue: bool
    outcome: str
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
    frames: list[Any]
    variant_frame: list[int]
    variant_table: list[int]
    tables: list[Any]
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


def _in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (whose stderr is no terminal but shows widgets)."""
    shell = sys.modules.get("IPython")
    if shell is None or "ipykernel" not in sys.modules:
        return False
    get_ipython = getattr(shell, "get_ipython", None)
    return get_ipython is not None and get_ipython() is not None


def _progress_bar(total: int, description: str, progress: bool | None) -> Any:
    show = progress if progress is not None else (sys.stderr.isatty() or _in_notebook())
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
    if len(tasks) < 2 * workers:
        # fewer tasks than two per worker: starting the workers costs more than they save
        workers = 1
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
        client.submit(
            _run_batch, function, batch, pure=False, key=f"qca-robustness-{id(batches)}-{i}"
        )
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


def frame_inputs(frame: pd.DataFrame, outcome: str, conditions: tuple[str, ...]) -> Inputs | str:
    """One calibrated data set read as :func:`qca.truth_table` reads it (every case, canonical
    order); an error message when it cannot be."""
    try:
        return truth_table_iv(frame, outcome, list(conditions), 1, 1, 0, None)
    except QCAError as error:
        return f"{type(error).__name__}: {error}"


def table_rows(inputs: Inputs, cases: Sequence[str], conditions: tuple[str, ...]) -> TableRows:
    """The observed truth-table rows of a case set and condition set of ``inputs``.

    What :func:`qca.truth_table` computes (the same kernel, :func:`row_fit`, and the same rule
    for the conditions' levels, applied to the subset as the plain analysis would), without its
    frames: ``n``, ``incl`` and ``PRI`` of every row holding a case.
    """
    position = {str(name): i for i, name in enumerate(inputs.case_names)}
    picked = np.array([position[name] for name in cases], dtype=np.intp)
    columns = np.array([inputs.conditions.index(c) for c in conditions], dtype=np.intp)
    x = np.asarray(inputs.x[np.ix_(picked, columns)], dtype=np.float64)
    y = np.asarray(inputs.y[picked], dtype=np.float64)
    fuzzy = np.zeros(len(conditions), dtype=bool)
    noflevels = []
    for j in range(len(conditions)):
        if is_whole(x[:, j]):
            noflevels.append(condition_levels(x[:, j]))
        else:
            fuzzy[j] = True
            noflevels.append(2)
    case_ids, unplaced = place_cases(x, fuzzy, noflevels)
    observed, n = np.unique(case_ids[~unplaced], return_counts=True)
    incl, pri = row_fit(x, fuzzy, noflevels, y, configurations_of(observed, noflevels))
    names = tuple(_renamed(cases))
    return TableRows(
        conditions=tuple(conditions),
        noflevels=tuple(int(v) for v in noflevels),
        multivalue=bool(any(v > 2 for v in noflevels) or "[" in inputs.outcome),
        outcome=inputs.outcome,
        ids=tuple(int(v) for v in observed),
        n=tuple(int(v) for v in n),
        incl=tuple(float(v) for v in incl),
        pri=tuple(float(v) for v in pri),
        cases=names,
        x=x,
        y=y,
        half_cases=tuple(name for name, half in zip(names, unplaced) if half),
    )


def _renamed(cases: Sequence[str]) -> list[str]:
    """Case names with a case drawn again (bootstrap) renamed ``name#2``, ``name#3``, ..."""
    seen: dict[str, int] = {}
    names = []
    for name in cases:
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return names


def solve_problem(task: tuple[TableRows, tuple[str, ...], dict[str, Any]]) -> ModelAnswer:
    """Minimize one problem: the representative variant's truth table, its ``OUT`` codes."""
    rows, out, options = task
    conditions = list(rows.conditions)
    table = pd.DataFrame(
        configurations_of(rows.ids, rows.noflevels),
        columns=conditions,
        index=pd.Index(rows.ids, name="row"),
    )
    table["OUT"] = list(out)
    table["n"] = list(rows.n)
    memberships = pd.DataFrame(rows.x, columns=conditions, index=pd.Index(rows.cases))
    memberships[rows.outcome] = rows.y
    tt = SimpleNamespace(
        conditions=tuple(conditions),
        outcome=rows.outcome,
        noflevels=rows.noflevels,
        multivalue=rows.multivalue,
        memberships=memberships,
        table=table,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", QCAWarning)
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
        part.index = pd.Index(_renamed(cases), name=frame.index.name)
    return part


def variant_data(spec: SweepSpec, frame: pd.DataFrame, variant: Variant) -> pd.DataFrame:
    """The data of one variant as the plain analysis would see it (its cases, every column)."""
    cases = dict(spec.case_sets)[variant.cases]
    return _subset(frame, cases)


def _out(rows: TableRows, variant: Variant, spec: SweepSpec) -> tuple[str, ...]:
    """The ``OUT`` code of each observed row at the variant's cut-offs."""
    n = np.asarray(rows.n, dtype=np.int64)
    incl = np.asarray(rows.incl, dtype=np.float64)
    pri = np.asarray(rows.pri, dtype=np.float64)
    ic0 = spec.incl_cut0
    if ic0 is not None:
        ic0 = min(ic0, variant.incl_cut)
    out = out_codes(n, incl, pri, (variant.incl_cut, ic0), variant.n_cut, variant.pri_cut)
    return tuple(out.tolist())


def _signature(rows: TableRows, variant: Variant, spec: SweepSpec) -> tuple[Any, ...]:
    out = np.asarray(_out(rows, variant, spec))
    ids = np.asarray(rows.ids, dtype=np.int64)
    return (
        rows.conditions,
        rows.noflevels,
        tuple(ids[out == "1"].tolist()),
        tuple(ids[out == "0"].tolist()),
        tuple(ids[out == "C"].tolist()),
    )


def model_memberships(
    x: FloatArray, noflevels: tuple[int, ...], models: Sequence[tuple[tuple[int, ...], ...]]
) -> FloatArray:
    """Membership of every case (columns) in every model (rows; a model is a union of
    implicants), each distinct term computed once."""
    terms = sorted({term for codes in models for term in codes})
    position = {term: i for i, term in enumerate(terms)}
    members = term_memberships(np.asarray(terms, dtype=np.int64), x, noflevels)
    out = np.empty((len(models), x.shape[0]), dtype=np.float64)
    for i, codes in enumerate(models):
        out[i] = members[[position[term] for term in codes]].max(axis=0)
    return out


def model_fits(
    rows: TableRows, models: Sequence[tuple[tuple[int, ...], ...]]
) -> list[dict[str, float]]:
    """``inclS``, ``PRI``, ``covS`` of each model on one variant's memberships."""
    fit = sufficiency_fit(model_memberships(rows.x, rows.noflevels, models), rows.y)
    return [{key: float(fit[key][i]) for key in fit} for i in range(len(models))]


def run_sweep(
    spec: SweepSpec, *, n_jobs: int = 1, backend: Any = None, progress: bool | None = None
) -> Sweep:
    """Run every variant of ``spec`` (see the module docstring for the steps)."""
    found = variants(spec)
    cache: dict[Any, Any] = {}
    frames: list[Any] = []
    frame_ids: dict[tuple[Any, ...], int] = {}
    variant_frame: list[int] = []
    status = [""] * len(found)
    for i, variant in enumerate(found):
        key = (variant.completion, variant.anchors)
        if key not in frame_ids:
            try:
                frame: Any = calibrated_frame(spec, variant, cache)
            except _CalibrationFailed as failure:
                frame = str(failure)
            frame_ids[key] = len(frames)
            frames.append(frame)
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
        table_key = (variant_frame[i], variant.cases, variant.conditions)
        if table_key not in table_index:
            table_index[table_key] = len(table_keys)
            table_keys.append(table_key)
        variant_table.append(table_index[table_key])
    inputs: dict[int, Inputs | str] = {}
    for f, _, _ in table_keys:
        if f not in inputs:
            inputs[f] = frame_inputs(frames[f], spec.outcome, spec.conditions)
    tables: list[Any] = []
    for f, c, k in table_keys:
        read = inputs[f]
        if isinstance(read, str):
            tables.append(read)
        else:
            tables.append(table_rows(read, case_sets[c], condition_sets[k]))

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
        rows = tables[variant_table[problem.representative]]
        solve_tasks.append((rows, _out(rows, variant, spec), options))
    answers = run_tasks(
        solve_problem,
        solve_tasks,
        n_jobs=n_jobs,
        backend=backend,
        progress=progress,
        description="minimizations",
    )

    wanted: dict[int, dict[tuple[Any, ...], int]] = {}
    for i in range(len(found)):
        p = variant_problem[i]
        if p < 0:
            continue
        if answers[p].error:
            status[i] = answers[p].error
            continue
        per_table = wanted.setdefault(variant_table[i], {})
        for codes in answers[p].codes:
            per_table.setdefault(codes, len(per_table))
    fitted = {t: model_fits(tables[t], list(models)) for t, models in wanted.items()}
    fits: list[tuple[dict[str, float], ...]] = []
    for i in range(len(found)):
        p = variant_problem[i]
        if p < 0 or status[i]:
            fits.append(())
            continue
        t = variant_table[i]
        fits.append(tuple(fitted[t][wanted[t][codes]] for codes in answers[p].codes))
    notes = []
    truncated = sum(1 for answer in answers if answer.truncated)
    if truncated:
        notes.append(
            f"{truncated} minimization problem(s) have more minimal models than max_models; "
            "only the first are listed (raise max_models)"
        )
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
