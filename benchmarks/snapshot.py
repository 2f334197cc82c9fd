"""Snapshot of qca's results, to check that a refactor changes no figure and no printed line.

Not part of the test suite. Builds, through the public API only (``qca.truth_table``,
``qca.minimize``, ``qca.necessity``, ``qca.fit``, ``qca.find_rows``, ``qca.model_fit``,
``qca.calibrate``, ``qca.datasets``), the result of every reference case in ``tests/reference/``
and of the quick benchmark problems of ``benchmarks/run.py``, and records for each:

* ``<case>.json``: ``to_dict()`` of the result as canonical JSON (floats in full precision via
  ``repr``; NaN and infinities as the strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"``; numpy
  scalars and arrays as plain numbers and lists), its ``repr()`` and the warnings it issued
  (``"<WarningClass>: <message>"``), or ``"ERROR: <ExceptionClass>: <message>"``;
* ``<case>.txt``: ``str(result)``, the printed text.

Dict keys keep their insertion order (the order of prime implicants, terms or expressions is
R's order and part of the result); ``--sort-keys`` sorts them instead. A list of more than
``LONG_LIST`` scalars (the simplifying assumptions of a 20-condition problem hold millions of
row ids) is recorded by its length, ends and SHA-256 digests (whole and per chunk), so any
change is still caught. ``_run.json`` (where qca was imported from, seconds per case, what was
skipped) is written too but not compared.

Usage::

    python benchmarks/snapshot.py --compare 03109c3     # before (03109c3) vs this working tree
    python benchmarks/snapshot.py --compare main --keep /tmp/snap   # also keep both snapshots
    python benchmarks/snapshot.py --out /tmp/snap       # write one snapshot
    python benchmarks/snapshot.py --list                # list the case ids

``--compare REV`` checks REV out into a temporary ``git worktree``, runs this file (copied next
to it, so both sides run the same snapshot code) there with ``PYTHONPATH`` and the working
directory set to that worktree, runs it again on the checkout holding this file (its working
tree, uncommitted changes included), and reports every case whose JSON or text differs: the
first differing JSON paths and the first differing printed lines. Both runs use
``PYTHONHASHSEED=0`` and run in parallel (``--sequential`` to run one after the other). Exit
code: 0 when every case is identical, 1 otherwise, 2 when a run failed.

Case ids (sorted): ``data/<dataset>``, ``tt/<case>`` and ``tt/<case>/variant`` (other options),
``min/<case>/<record>``, ``fit/<case>`` (the parsimonious models on the bundled data),
``theory/...`` (``model_fit``), ``esa/<case>/<type>`` (``find_rows``), ``nec/<case>``,
``nec/<case>/sufficiency``, ``pof/<case>`` (necessity fit of single conditions), ``cal/<nn>``,
``cal/<nn>/series`` and ``bench/<problem>/<stage>``. Each revision's own ``tests/reference/``
and ``benchmarks/run.py`` are read (the seeded benchmark data depend only on numpy). Benchmark
stages that take more than a few seconds are left out statically (see ``BENCH_PLAN``; the
1M-case truth tables are rebuilt with 5,000 cases, ``SHRUNK``), ``fit``/``theory`` take the
first ``FIT_MODELS``/``THEORY_MODELS`` models (d.SA has 779); what is left out is listed at the
end of a run and in ``_run.json``.

About 95 s of CPU for one snapshot (2 cores; ``--compare`` runs its two snapshots side by side).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import hashlib
import importlib
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve()
DEFAULT_ROOT = HERE.parents[1]
RUN_FILE = "_run.json"
MARKER = "snapshot: qca imported from "
#: Lists of scalars longer than this are recorded by a digest (see ``_digest``).
LONG_LIST = 10_000

# --------------------------------------------------------------------------------------------
# canonical form


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, (bool, np.bool_)):
        return str(bool(key))
    if isinstance(key, (int, np.integer)):
        return str(int(key))
    return repr(key)


def _float(value: float) -> float | str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _digest(items: list[Any]) -> dict[str, Any]:
    """A long list of scalars by its length, ends and SHA-256 of its JSON text (whole and per
    chunk of ``LONG_LIST`` items, so that a difference can be located)."""
    whole = hashlib.sha256()
    chunks = []
    for start in range(0, len(items), LONG_LIST):
        text = json.dumps(items[start : start + LONG_LIST], ensure_ascii=False).encode()
        whole.update(text)
        chunks.append(hashlib.sha256(text).hexdigest()[:16])
    return {
        "long_list": len(items),
        "head": items[:10],
        "tail": items[-10:],
        "sha256": whole.hexdigest(),
        "chunk_sha256": chunks,
    }


def plain(obj: Any) -> Any:
    """``obj`` as JSON-ready data: dicts (insertion order kept), lists, str, int, float, None."""
    if obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return _float(float(obj))
    if isinstance(obj, Mapping):
        return {_key(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        if set(map(type, obj)) <= {int}:  # fast path: row ids (millions of remainders)
            items, scalars = list(obj), True
        else:
            items = [plain(v) for v in obj]
            scalars = len(items) > LONG_LIST and not any(isinstance(v, (dict, list)) for v in items)
        return _digest(items) if scalars and len(items) > LONG_LIST else items
    if isinstance(obj, (set, frozenset)):
        return sorted((plain(v) for v in obj), key=repr)
    if isinstance(obj, np.ndarray):
        return {"dtype": str(obj.dtype), "shape": list(obj.shape), "values": plain(obj.tolist())}
    if isinstance(obj, pd.Series):
        return {
            "name": plain(obj.name),
            "dtype": str(obj.dtype),
            "index": plain(obj.index.tolist()),
            "values": plain(obj.tolist()),
        }
    if isinstance(obj, pd.DataFrame):
        return {
            "columns": plain(obj.columns.tolist()),
            "dtypes": [str(t) for t in obj.dtypes],
            "index_name": plain(obj.index.name),
            "index": plain(obj.index.tolist()),
            "rows": plain(obj.to_numpy(dtype=object).tolist()),
        }
    if callable(getattr(obj, "to_dict", None)):
        return plain(obj.to_dict())
    return f"<{type(obj).__name__}> {obj!r}"


def canonical(obj: Any, sort_keys: bool = False) -> str:
    """Byte-stable JSON text of ``plain(obj)``, one value per line (diffable)."""
    return (
        json.dumps(plain(obj), sort_keys=sort_keys, indent=1, ensure_ascii=False, allow_nan=True)
        + "\n"
    )


def text_of(result: Any) -> str:
    """What a user sees when printing ``result`` (several results: blocks separated by rules)."""
    if isinstance(result, Parts):
        return "\n".join(f"=== [{name}]\n{text_of(part)}" for name, part in result.items())
    if isinstance(result, np.ndarray):
        return repr(result.tolist())
    if isinstance(result, (tuple, list)):
        return repr(result)
    return str(result)


class Parts(dict):
    """Several results recorded as one case (``{name: result}``)."""


# --------------------------------------------------------------------------------------------
# cases


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[], Any]


@dataclass
class Plan:
    """The cases of a run, plus what was left out and why."""

    cases: list[Case] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(self, case_id: str, build: Callable[[], Any]) -> None:
        self.cases.append(Case(case_id, build))

    def skip(self, what: str, why: str) -> None:
        self.skipped.append(f"{what}: {why}")


def _quiet(func: Callable[[], Any]) -> Any:
    """A preparatory step whose warnings belong to another case."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func()


class Memo:
    """Values shared between cases (truth tables, solutions), built once."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def get(self, key: str, func: Callable[[], Any]) -> Any:
        if key not in self._values:
            try:
                self._values[key] = _quiet(func)
            except Exception as error:
                self._values[key] = error
        value = self._values[key]
        if isinstance(value, Exception):
            raise value
        return value

    def put(self, key: str, value: Any) -> Any:
        self._values[key] = value
        return value


def _frame(block: Mapping[str, Any]) -> pd.DataFrame:
    """A data set of a reference file (``rows``: lists or dicts, ``columns``, ``case_names``)."""
    return pd.DataFrame(block["rows"], columns=block["columns"], index=block["case_names"])


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _tt_call(qca: ModuleType, data: pd.DataFrame, params: Mapping[str, Any], **extra: Any) -> Any:
    """qca.truth_table() with the parameters of a reference record (R's names)."""
    kwargs: dict[str, Any] = {
        "incl_cut": params["incl.cut"],
        "n_cut": params["n.cut"],
        "show_cases": params["show.cases"],
        "sort_by": params["sort.by"] or None,
    }
    kwargs.update(extra)
    return qca.truth_table(data, params["outcome"], params["conditions"], **kwargs)


def _example_expression(tt: Any, negate_first: bool) -> str:
    """An expression on the first two conditions of a truth table (``~A*B`` or ``A[0]*B[1]``)."""
    conditions, levels = list(tt.conditions), tuple(tt.noflevels)
    multi = any(n > 2 for n in levels)
    parts = []
    for index, name in enumerate(conditions[:2]):
        absent = negate_first and index == 0
        if multi:
            parts.append(f"{name}[{0 if absent else 1}]")
        else:
            parts.append(f"~{name}" if absent else name)
    return "*".join(parts)


def _stored(memo: Memo, key: str, func: Callable[[], Any]) -> Any:
    """A case whose result later cases reuse (its warnings are its own)."""
    return memo.put(key, func())


def _tt_variant(
    qca: ModuleType, table: Callable[[], Any], data: pd.DataFrame, params: Mapping[str, Any]
) -> Any:
    """The reference truth table with other options: two inclusion cut-offs (contradictions),
    a PRI cut-off, sorting, DCC and, up to 1024 rows, the remainders."""
    cut = float(params["incl.cut"])
    return _tt_call(
        qca,
        data,
        params,
        incl_cut=(cut, max(cut - 0.2, 0.0)),
        pri_cut=0.5,
        sort_by={"OUT": True, "incl": False, "n": True},
        dcc=True,
        complete=math.prod(table().noflevels) <= 1024,
    )


def _parsimonious(qca: ModuleType, memo: Memo, key: str, table: Callable[[], Any]) -> Any:
    return memo.get(key, lambda: qca.minimize(table(), include="?"))


def _fit_models(
    qca: ModuleType, parsimonious: Callable[[], Any], dataset: str, outcome: str
) -> Parts:
    """qca.fit() of each parsimonious model (the first FIT_MODELS) on the bundled data."""
    solution = parsimonious()
    data = qca.datasets.load(dataset)
    return Parts(
        (m.name, qca.fit(m.expression, data, outcome, conditions=list(solution.conditions)))
        for m in solution.models[:FIT_MODELS]
    )


def _theory(qca: ModuleType, parsimonious: Callable[[], Any], table: Callable[[], Any]) -> Any:
    """qca.model_fit() of the parsimonious solution against the theory ``A*B``."""
    tt, solution = table(), parsimonious()
    expression = _example_expression(tt, False)
    if len(solution.models) <= THEORY_MODELS:
        return qca.model_fit(solution, expression, data=tt)
    return Parts(
        (m.name, qca.model_fit(m, expression, data=tt)) for m in solution.models[:THEORY_MODELS]
    )


def _find_rows(qca: ModuleType, table: Callable[[], Any], kind: str) -> Any:
    tt = table()
    if kind == "subsets":
        return qca.find_rows(tt, _example_expression(tt, True))
    return qca.find_rows(tt, type=kind)


def _model_fit_lf_strings(qca: ModuleType) -> Any:
    return qca.model_fit(
        "DEV*~IND + URB*STB", "DEV*STB", data=qca.datasets.load("LF"), outcome="SURV"
    )


def _model_fit_lf_negated(qca: ModuleType) -> Any:
    tt = qca.truth_table(qca.datasets.load("LF"), "~SURV", incl_cut=0.8)
    return qca.model_fit(qca.minimize(tt, include="?"), "~DEV", data=tt)


def _model_fit_lm(qca: ModuleType) -> Any:
    tt = qca.truth_table(qca.datasets.load("LM"), "SURV", incl_cut=0.8)
    return qca.model_fit(qca.minimize(tt, include="?"), "DEV[2] + STB[1]", data=tt)


def _necessity(
    qca: ModuleType, data: pd.DataFrame, params: Mapping[str, Any], relation: str
) -> Any:
    if relation == "necessity":
        cuts = {"incl_cut": params["incl.cut"], "cov_cut": params["cov.cut"]}
    else:
        cuts = {"incl_cut": 0.8, "cov_cut": 0.3, "depth": 2}
    return qca.necessity(data, params["outcome"], params["conditions"], relation=relation, **cuts)


def _pof(qca: ModuleType, data: pd.DataFrame, labels: list[str], outcome: str) -> Parts:
    return Parts((label, qca.fit(label, data, outcome, relation="necessity")) for label in labels)


#: Parsimonious models per reference case given to qca.fit() and to qca.model_fit() (d.SA has
#: 779; model_fit takes ~0.2 s a model).
FIT_MODELS = 100
THEORY_MODELS = 12


def reference_cases(qca: ModuleType, root: Path, plan: Plan, memo: Memo) -> None:
    reference = root / "tests" / "reference"
    names: list[str] = list(getattr(qca.datasets, "list", list)())
    for name in sorted(names):
        plan.add(f"data/{name}", partial(qca.datasets.load, name))
    datasets_of = _truth_table_cases(qca, reference, plan, memo)
    _minimize_cases(qca, reference, plan, memo, datasets_of)
    # model_fit() as in tests/test_theory.py
    plan.add("theory/LF_strings", partial(_model_fit_lf_strings, qca))
    plan.add("theory/LF_negated", partial(_model_fit_lf_negated, qca))
    plan.add("theory/LM_models", partial(_model_fit_lm, qca))
    _necessity_cases(qca, reference, plan)
    _calibration_cases(qca, reference, plan)


def _truth_table_cases(qca: ModuleType, reference: Path, plan: Plan, memo: Memo) -> dict[str, str]:
    """tests/reference/truth_tables.json (see tests/test_truthtable.py); returns the data set
    of each case id."""
    path = reference / "truth_tables.json"
    if not path.exists():
        plan.skip("tt/*", f"{path} not found")
        return {}
    ref = _read_json(path)
    datasets_of = {}
    for case in sorted(ref["cases"], key=lambda c: c["id"]):
        data = _frame(ref["datasets"][case["dataset"]])
        params = case["truth_table_params"]
        datasets_of[case["id"]] = case["dataset"]
        key = f"tt/{case['id']}"
        build = partial(_tt_call, qca, data, params)
        plan.add(key, partial(_stored, memo, key, build))
        plan.add(
            f"{key}/variant", partial(_tt_variant, qca, partial(memo.get, key, build), data, params)
        )
    return datasets_of


def _minimize_cases(
    qca: ModuleType, reference: Path, plan: Plan, memo: Memo, datasets_of: Mapping[str, str]
) -> None:
    """tests/reference/minimize/ds_*.json (see tests/test_minimize_reference.py), each with the
    truth table built by qca.truth_table() from the record's data and parameters; then fit(),
    model_fit() and find_rows() on the parsimonious solution."""
    directory = reference / "minimize"
    paths = sorted(directory.glob("ds_*.json")) if directory.exists() else []
    if not paths:
        plan.skip("min/*", f"no ds_*.json in {directory}")
    for path in paths:
        case = _read_json(path)
        stem = path.stem
        data = _frame(case["data"])
        params = case["truth_table_params"]
        table = partial(memo.get, f"min-tt/{stem}", partial(_tt_call, qca, data, params))
        records = case.get("minimize") or {}
        if not records:
            # d.BWB: R refused the data (missing values); qca must refuse them too
            plan.add(f"min/{stem}/truth_table", partial(_tt_call, qca, data, params))
        for record_name in sorted(records):
            record_params = records[record_name]["params"]
            unknown = set(record_params) - {"include", "details", "row.dom", "dir.exp"}
            if unknown:
                plan.skip(f"min/{stem}/{record_name}", f"parameters {sorted(unknown)} not mapped")
                continue
            kwargs: dict[str, Any] = {"include": record_params.get("include", "")}
            if record_params.get("row.dom"):
                kwargs["row_dom"] = True
            if "dir.exp" in record_params:
                kwargs["dir_exp"] = list(record_params["dir.exp"])
            key = f"min/{stem}/{record_name}"
            solve = partial(_call_with_table, qca.minimize, table, kwargs)
            plan.add(key, partial(_stored, memo, key, solve))

        if "parsimonious" not in records:
            continue
        dataset = datasets_of.get(case["id"], stem[3:].split("_")[0])
        parsimonious = partial(_parsimonious, qca, memo, f"min/{stem}/parsimonious", table)
        plan.add(f"fit/{stem}", partial(_fit_models, qca, parsimonious, dataset, case["outcome"]))
        plan.add(f"theory/{stem}", partial(_theory, qca, parsimonious, table))
        models = len(records["parsimonious"].get("solutions") or [])
        if models > FIT_MODELS:
            plan.skip(f"fit/{stem}", f"models after the first {FIT_MODELS} (R lists {models})")
        if models > THEORY_MODELS:
            plan.skip(
                f"theory/{stem}",
                f"models after the first {THEORY_MODELS} (R lists "
                f"{models}; the first ones are evaluated one by one)",
            )
        for kind in ("csa", "ssr", "subsets"):
            plan.add(f"esa/{stem}/{kind}", partial(_find_rows, qca, table, kind))


def _call_with_table(
    func: Callable[..., Any], table: Callable[[], Any], kwargs: Mapping[str, Any]
) -> Any:
    return func(table(), **kwargs)


def _necessity_cases(qca: ModuleType, reference: Path, plan: Plan) -> None:
    """tests/reference/necessity.json (see tests/test_necessity.py)."""
    path = reference / "necessity.json"
    if not path.exists():
        plan.skip("nec/*", f"{path} not found")
        return
    ref = _read_json(path)
    for case in sorted(ref["cases"], key=lambda c: c["id"]):
        data = _frame(ref["datasets"][case["dataset"]])
        params = case["superSubset"]["params"]
        key = f"nec/{case['id']}"
        plan.add(key, partial(_necessity, qca, data, params, "necessity"))
        plan.add(f"{key}/sufficiency", partial(_necessity, qca, data, params, "sufficiency"))
        labels = list((case.get("pof_single") or {}).get("results") or {})
        if labels:
            # as the test: the recorded pof() figures are those of the plain outcome
            outcome = case["outcome"].lstrip("~")
            plan.add(f"pof/{case['id']}", partial(_pof, qca, data, labels, outcome))
        else:
            plan.skip(f"pof/{case['id']}", "the reference has no pof() results")


def _calibrate_array(qca: ModuleType, values: list[float], kwargs: Mapping[str, Any]) -> Any:
    return qca.calibrate(np.array(values, dtype=float), **kwargs)


def _calibration_cases(qca: ModuleType, reference: Path, plan: Plan) -> None:
    """tests/reference/calibration.json (see tests/test_calibrate.py): the array of the record
    and the same values as a pandas Series."""
    path = reference / "calibration.json"
    if not path.exists():
        plan.skip("cal/*", f"{path} not found")
        return
    cases = _read_json(path)["cases"]
    width = len(str(len(cases) - 1))
    for number, case in enumerate(cases):
        kwargs = dict(case["args"])
        if isinstance(kwargs.get("thresholds"), list) and len(kwargs["thresholds"]) == 1:
            kwargs["thresholds"] = kwargs["thresholds"][0]
        values = case["input"]
        series = pd.Series(
            values, index=[f"c{i + 1}" for i in range(len(values))], name=case["variable"]
        )
        key = f"cal/{number:0{width}d}"
        plan.add(key, partial(_calibrate_array, qca, values, kwargs))
        plan.add(f"{key}/series", partial(qca.calibrate, series, **kwargs))


# --------------------------------------------------------------------------------------------
# benchmark problems

#: Stages kept per problem of benchmarks/run.py (chosen for a run of a few seconds each on 2
#: cores): "tt" = truth_table(); "cons" = minimize(include="", max_models=MAX_MODELS);
#: "pars_first" = minimize(include="?", first_min=True); "pars" = minimize(include="?",
#: max_models=MAX_MODELS). Problems not listed here are reported as skipped.
MAX_MODELS = 200
ALL = ("tt", "cons", "pars_first", "pars")
BENCH_PLAN: dict[str, tuple[str, ...]] = {
    "crisp200_k8": ALL,
    "crisp200_k10": ALL,
    "crisp200_k12": ("tt", "cons", "pars_first"),  # pars: ~25 s
    "crisp200_k14": ("tt", "cons", "pars_first"),  # pars: ~100 s
    "crisp200_k16": ("tt", "cons"),  # pars_first: ~8 s
    "crisp200_k18": ("tt", "cons"),  # pars_first: > 40 s
    "crisp200_k20": ("tt", "cons"),
    "crisp200_k22": ("tt", "cons"),
    "quarter_k8": ALL,
    "quarter_k10": ("tt", "cons", "pars_first"),  # pars: ~8 s
    "quarter_k12": ("tt",),  # every minimization: > 40 s
    "quarter_k14": ("tt",),
    "easy30_k8": ALL,
    "easy30_k16": ALL,
    "easy30_k24": ALL,
    "ccubes_k20": ALL,
    "fuzzy200_k8": ALL,
    "fuzzy200_k10": ALL,
    "fuzzy200_k12": ALL,
    "fuzzy200_k14": ALL,
    # truth_table() of benchmarks/truthtable_large.py, shrunk to 5,000 cases
    "tt_crisp-1M-20": ("tt",),
    "tt_fuzzy-1M-10": ("tt",),
    "tt_fuzzy-1M-13": ("tt",),
    "tt_fuzzy-1M-20-16rows": ("tt",),
    "tt_fuzzy-5k-20": ("tt",),
}
#: The 1M-case problems, rebuilt with 5,000 cases: (function of truthtable_large.py, k).
SHRUNK_CASES = 5_000
SHRUNK: dict[str, tuple[str, int]] = {
    "tt_crisp-1M-20": ("crisp", 20),
    "tt_fuzzy-1M-10": ("fuzzy", 10),
    "tt_fuzzy-1M-13": ("fuzzy", 13),
    "tt_fuzzy-1M-20-16rows": ("fuzzy_clustered", 20),
}
STAGE_CALLS: dict[str, dict[str, Any]] = {
    "cons": {"include": "", "max_models": MAX_MODELS},
    "pars_first": {"include": "?", "first_min": True},
    "pars": {"include": "?", "max_models": MAX_MODELS},
}


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _bench_table(qca: ModuleType, make: Callable[[], pd.DataFrame], incl_cut: float) -> Any:
    """As benchmarks/run.py: every column but Y is a condition, cases not printed."""
    data = _quiet(make)
    conditions = [c for c in data.columns if c != "Y"]
    return qca.truth_table(data, "Y", conditions, incl_cut=incl_cut, show_cases=False)


def bench_cases(qca: ModuleType, root: Path, plan: Plan, memo: Memo) -> None:
    """The problems of benchmarks/run.py, stages as in BENCH_PLAN."""
    bench = root / "benchmarks"
    try:
        large = None
        if (bench / "truthtable_large.py").exists():
            large = _load_module(bench / "truthtable_large.py", "truthtable_large")
        run = _load_module(bench / "run.py", "_snapshot_bench_run")
        problems = run.problems()
    except Exception as error:
        plan.skip(
            "bench/*", f"benchmarks/run.py could not be loaded: {type(error).__name__}: {error}"
        )
        return
    for problem in sorted(problems, key=lambda p: p.name):
        stages = BENCH_PLAN.get(problem.name)
        if stages is None:
            plan.skip(f"bench/{problem.name}", "not in BENCH_PLAN")
            continue
        left_out = [s for s in _problem_stages(problem) if s not in stages]
        if left_out:
            plan.skip(f"bench/{problem.name}/{','.join(left_out)}", "too slow for a snapshot")
        make = problem.make
        name = problem.name
        if name in SHRUNK:
            function, k = SHRUNK[name]
            maker = getattr(large, function, None)
            if maker is None:
                plan.skip(f"bench/{name}", f"truthtable_large.{function} not found")
                continue
            make = partial(maker, SHRUNK_CASES, k)
            name = f"{name}.n{SHRUNK_CASES}"
        key = f"bench/{name}"
        build = partial(_bench_table, qca, make, problem.incl_cut)
        for stage in stages:
            if stage == "tt":
                plan.add(f"{key}/tt", partial(_stored, memo, key, build))
            else:
                plan.add(
                    f"{key}/{stage}",
                    partial(
                        _call_with_table,
                        qca.minimize,
                        partial(memo.get, key, build),
                        STAGE_CALLS[stage],
                    ),
                )


def _problem_stages(problem: Any) -> tuple[str, ...]:
    stages = tuple(getattr(problem, "stages", ALL))
    out = ["tt"] if "tt" in stages else []
    if "cons" in stages:
        out.append("cons")
    if "pars_first" in stages:
        out.append("pars_first")
    if "pars_all" in stages:
        out.append("pars")
    return tuple(out)


# --------------------------------------------------------------------------------------------
# running


def _import_qca(root: Path) -> ModuleType:
    sys.path.insert(0, str(root))
    qca = importlib.import_module("qca")
    where = Path(str(qca.__file__)).resolve()
    if not where.is_relative_to(root.resolve()):
        raise SystemExit(f"snapshot: qca was imported from {where}, not from {root}")
    print(f"{MARKER}{where}", flush=True)
    return qca


def build_plan(qca: ModuleType, root: Path) -> tuple[Plan, Memo]:
    plan, memo = Plan(), Memo()
    reference_cases(qca, root, plan, memo)
    bench_cases(qca, root, plan, memo)
    ids = [c.id for c in plan.cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SystemExit(f"snapshot: duplicated case ids {duplicates}")
    return plan, memo


def run_case(case: Case, qca: ModuleType, sort_keys: bool) -> tuple[str, str]:
    """The JSON and text records of one case."""
    record: dict[str, Any] = {"id": case.id}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = case.build()
            record["result"] = plain(result)
            record["repr"] = repr(result)
            text = text_of(result)
        except Exception as error:
            text = f"ERROR: {type(error).__name__}: {error}"
            record["error"] = text
            if not isinstance(error, qca.QCAError):
                print(f"snapshot: {case.id}: unexpected error", file=sys.stderr)
                traceback.print_exc(file=sys.stderr)
    record["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]
    return canonical(record, sort_keys), text + "\n"


def _case_path(out: Path, case_id: str, suffix: str) -> Path:
    return out.joinpath(*case_id.split("/")).with_name(case_id.split("/")[-1] + suffix)


def _prepare_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        if not (out / RUN_FILE).exists():
            raise SystemExit(f"snapshot: {out} is not empty and holds no snapshot; not touched")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def snapshot(root: Path, out: Path, only: str, sort_keys: bool) -> int:
    qca = _import_qca(root)
    plan, _ = build_plan(qca, root)
    cases = sorted((c for c in plan.cases if only in c.id), key=lambda c: c.id)
    _prepare_out(out)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    # build in plan order (minimize records before the cases that reuse their solutions),
    # write under sorted ids
    order = [c for c in plan.cases if only in c.id]
    for case in order:
        began = time.perf_counter()
        json_text, text = run_case(case, qca, sort_keys)
        timings[case.id] = round(time.perf_counter() - began, 3)
        for suffix, content in ((".json", json_text), (".txt", text)):
            path = _case_path(out, case.id, suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    elapsed = time.perf_counter() - start
    kinds: dict[str, int] = {}
    for case in cases:
        kinds[case.id.split("/")[0]] = kinds.get(case.id.split("/")[0], 0) + 1
    meta = {
        "qca": str(Path(str(qca.__file__)).resolve()),
        "version": getattr(qca, "__version__", ""),
        "root": str(root),
        "cases": len(cases),
        "per_kind": kinds,
        "skipped": plan.skipped,
        "seconds": round(elapsed, 1),
        "case_seconds": dict(sorted(timings.items())),
    }
    (out / RUN_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    slowest = sorted(timings.items(), key=lambda item: -item[1])[:5]
    print(
        f"snapshot: {len(cases)} cases ({', '.join(f'{k} {v}' for k, v in kinds.items())}) "
        f"in {elapsed:.1f} s -> {out}"
    )
    print("snapshot: slowest: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))
    for note in plan.skipped:
        print(f"snapshot: skipped {note}")
    return 0


# --------------------------------------------------------------------------------------------
# comparing


def _files(directory: Path) -> dict[str, Path]:
    """Case id -> .json path of a snapshot directory."""
    return {
        path.relative_to(directory).with_suffix("").as_posix(): path
        for path in directory.rglob("*.json")
        if path.name != RUN_FILE
    }


def _json_differences(before: Any, after: Any, path: str = "") -> Iterator[str]:
    """JSON paths where two values differ, depth first, in document order."""
    if isinstance(before, dict) and isinstance(after, dict):
        if list(before) != list(after):
            if set(before) != set(after):
                gone = [k for k in before if k not in after]
                new = [k for k in after if k not in before]
                yield f"{path or '.'}: keys only before {gone[:5]}, only after {new[:5]}"
            else:
                yield f"{path or '.'}: key order {list(before)[:8]} -> {list(after)[:8]}"
        for key in before:
            if key in after:
                yield from _json_differences(before[key], after[key], f"{path}.{key}")
    elif isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            yield f"{path or '.'}: length {len(before)} -> {len(after)}"
        for index, (a, b) in enumerate(zip(before, after)):
            yield from _json_differences(a, b, f"{path}[{index}]")
    elif type(before) is not type(after) or before != after:
        yield f"{path or '.'}: {_short(before)} -> {_short(after)}"


def _short(value: Any, limit: int = 100) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "..."


def _text_differences(before: str, after: str, lines: int) -> list[str]:
    diff = list(
        difflib.unified_diff(
            before.splitlines(), after.splitlines(), "before", "after", n=1, lineterm=""
        )
    )
    return diff[2 : 2 + lines]


def compare_dirs(before: Path, after: Path, limit: int = 6) -> tuple[int, list[str]]:
    """Number of differences and the report lines."""
    old, new = _files(before), _files(after)
    common = sorted(set(old) & set(new))
    only_old, only_new = sorted(set(old) - set(new)), sorted(set(new) - set(old))
    report: list[str] = []
    differing = 0
    for case_id in common:
        json_old, json_new = old[case_id].read_bytes(), new[case_id].read_bytes()
        txt_old = old[case_id].with_suffix(".txt").read_text(encoding="utf-8")
        txt_new = new[case_id].with_suffix(".txt").read_text(encoding="utf-8")
        if json_old == json_new and txt_old == txt_new:
            continue
        differing += 1
        report.append(f"DIFFERS {case_id}")
        if json_old != json_new:
            paths = list(
                _first(_json_differences(json.loads(json_old), json.loads(json_new)), limit + 1)
            )
            report.append("  to_dict/repr/warnings (JSON paths):")
            report += [f"    {p}" for p in paths[:limit]]
            if len(paths) > limit:
                report.append("    ...")
        if txt_old != txt_new:
            report.append("  str():")
            report += [f"    {line}" for line in _text_differences(txt_old, txt_new, 2 * limit)]
    for case_id in only_old:
        report.append(f"MISSING {case_id} (only in the 'before' snapshot)")
    for case_id in only_new:
        report.append(f"NEW {case_id} (only in the 'after' snapshot)")
    summary = (
        f"compared {len(common)} cases: {len(common) - differing} identical, "
        f"{differing} differ; {len(only_old)} only before, {len(only_new)} only after"
    )
    return differing + len(only_old) + len(only_new), [summary, *report]


def _first(items: Iterator[str], count: int) -> Iterator[str]:
    for index, item in enumerate(items):
        if index >= count:
            return
        yield item


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"snapshot: git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def _launch(script: Path, root: Path, out: Path, args: argparse.Namespace) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, str(script), "--root", str(root), "--out", str(out)]
    if args.only:
        command += ["--only", args.only]
    if args.sort_keys:
        command.append("--sort-keys")
    return subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def compare(rev: str, args: argparse.Namespace) -> int:
    root = args.root.resolve()
    commit = _git(root, "rev-parse", "--verify", f"{rev}^{{commit}}")
    temp = Path(tempfile.mkdtemp(prefix="qca-snapshot-"))
    worktree = temp / "rev"
    script = temp / HERE.name
    shutil.copy2(HERE, script)
    _git(root, "worktree", "add", "--detach", str(worktree), commit)
    started = time.perf_counter()
    try:
        sides = {"before": (script, worktree), "after": (HERE, root)}
        outputs = {side: temp / f"out-{side}" for side in sides}
        results: dict[str, tuple[int, str, str]] = {}

        def run_side(side: str) -> tuple[int, str, str]:
            script_path, side_root = sides[side]
            process = _launch(script_path, side_root, outputs[side], args)
            stdout, stderr = process.communicate()
            return process.returncode, stdout, stderr

        workers = 1 if args.sequential else 2
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {side: pool.submit(run_side, side) for side in sides}
            for side, future in futures.items():
                results[side] = future.result()
        failed = False
        for side, (code, stdout, stderr) in results.items():
            label = f"{rev} ({commit[:10]})" if side == "before" else f"working tree of {root}"
            imported = [
                line[len(MARKER) :] for line in stdout.splitlines() if line.startswith(MARKER)
            ]
            print(f"{side}: {label}; qca imported from {imported[0] if imported else '?'}")
            for line in stdout.splitlines():
                if line.startswith("snapshot: ") and not line.startswith(MARKER):
                    print(f"  {line[len('snapshot: ') :]}")
            if code != 0:
                failed = True
                print(f"  run failed (exit code {code}):")
                print("\n".join(f"    {line}" for line in stderr.splitlines()[-30:]))
            elif "unexpected error" in stderr:
                print(
                    "  unexpected (non-QCAError) errors, recorded in the snapshot:\n"
                    + "\n".join(f"    {line}" for line in stderr.splitlines()[-20:])
                )
        if failed:
            return 2
        count, report = compare_dirs(outputs["before"], outputs["after"], args.lines)
        print()
        print("\n".join(report))
        print(f"\n{time.perf_counter() - started:.1f} s")
        if args.keep:
            keep = args.keep.resolve()
            keep.mkdir(parents=True, exist_ok=True)
            for side, path in outputs.items():
                target = keep / side
                if target.exists():
                    shutil.rmtree(target)
                shutil.copytree(path, target)
            print(f"snapshots kept in {keep}/before and {keep}/after")
        return 0 if count == 0 else 1
    finally:
        subprocess.run(
            ["git", "-C", str(root), "worktree", "remove", "--force", str(worktree)],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(temp, ignore_errors=True)
        subprocess.run(
            ["git", "-C", str(root), "worktree", "prune"], capture_output=True, check=False
        )


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--out", type=Path, help="write a snapshot to this directory")
    action.add_argument(
        "--compare",
        metavar="REV",
        help="compare REV (a commit, branch or tag) with this working tree",
    )
    action.add_argument("--list", action="store_true", help="list the case ids and exit")
    parser.add_argument(
        "--root",
        type=Path,
        default=DEFAULT_ROOT,
        help="checkout whose qca, tests/reference and benchmarks are used "
        "(default: the one holding this file)",
    )
    parser.add_argument("--only", default="", help="only the cases whose id contains this")
    parser.add_argument(
        "--sort-keys",
        action="store_true",
        help="sort dict keys (ignore key order) in the JSON records",
    )
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="--compare: run the two snapshots one after the other",
    )
    parser.add_argument("--keep", type=Path, help="--compare: copy both snapshots here")
    parser.add_argument(
        "--lines", type=int, default=6, help="--compare: differences shown per case (default 6)"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.compare:
        return compare(args.compare, args)
    if args.list:
        qca = _import_qca(root)
        plan, _ = build_plan(qca, root)
        print("\n".join(sorted(c.id for c in plan.cases if args.only in c.id)))
        for note in plan.skipped:
            print(f"snapshot: skipped {note}")
        return 0
    return snapshot(root, args.out.resolve(), args.only, args.sort_keys)


if __name__ == "__main__":
    sys.exit(main())
